/*
 * replay.c: a main() for the fuzz harnesses, so that the normal and the
 * sanitizer builds (gcc, no libFuzzer) run every harness over its seed
 * corpus and kept crash inputs as an ordinary test.  Each argument is a
 * file or a directory of files; every input is passed once to
 * LLVMFuzzerTestOneInput.  Exit 0 after at least one input, 1 if none was
 * found, 2 on a read error.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
replay_file(const char *path, size_t *count)
{
	size_t len;
	char *bytes = util_read_file(path, (size_t)64 << 20, &len);

	if (bytes == NULL) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		return -1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)bytes, len);
	free(bytes);
	(*count)++;
	return 0;
}

static int
replay_path(const char *path, size_t *count)
{
	struct stat st;
	struct dirent **names;
	int n, rc = 0;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path, count);
	/* Sorted, so a failure names the same input on every run. */
	n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "replay: cannot list %s\n", path);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			char *p = util_path_join(path, names[i]->d_name);

			if (replay_path(p, count) < 0)
				rc = -1;
			free(p);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	size_t count = 0;
	int rc = 0;

	for (int i = 1; i < argc; i++)
		if (replay_path(argv[i], &count) < 0)
			rc = 2;
	printf("replayed %zu inputs\n", count);
	if (rc == 0 && count == 0)
		rc = 1;
	return rc;
}
