/*
 * loadbench: load + validate a content pack, against a bare libyaml parse
 * of the same files, measured in the same run.
 *
 *   loadbench [PACKDIR] [ROUNDS]
 *
 * Each round reads every file from disk in both cases (the page cache is
 * warm after the first).  Prints the best and the median time per pack of
 * each and their ratios; the goal is at most 1.5.  The best is the figure
 * least disturbed by other work on the machine.  The baseline only drives
 * libyaml's event parser, so it is the floor for any loader built on it.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "config.h"
#include "content.h"
#include "util.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t
list_files(const char *root, char ***out)
{
	static const char *const dirs[] = {"modules", "quizzes", "scenarios"};
	size_t n = 0, i;
	struct dirent *e;
	DIR *dp;

	*out = NULL;
	for (i = 0; i < 3; i++) {
		char *dir = util_path_join(root, dirs[i]);

		if ((dp = opendir(dir)) != NULL) {
			while ((e = readdir(dp)) != NULL) {
				if (strstr(e->d_name, ".yaml") == NULL)
					continue;
				*out = xreallocarray(*out, n + 1, sizeof **out);
				(*out)[n++] = util_path_join(dir, e->d_name);
			}
			closedir(dp);
		}
		free(dir);
	}
	return n;
}

/* Parse every file with libyaml's event API, doing nothing with events. */
static size_t
bare_parse(char **files, size_t n)
{
	size_t events = 0, i, len;
	yaml_parser_t p;
	yaml_event_t e;
	char *buf;
	int done;

	for (i = 0; i < n; i++) {
		buf = util_read_file(files[i], 1 << 24, &len);
		if (buf == NULL)
			continue;
		yaml_parser_initialize(&p);
		yaml_parser_set_input_string(&p, (unsigned char *)buf, len);
		for (done = 0; !done;) {
			if (!yaml_parser_parse(&p, &e))
				break;
			done = e.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&e);
			events++;
		}
		yaml_parser_delete(&p);
		free(buf);
	}
	return events;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : WORKSHOP_SOURCE_DIR;
	int rounds = argc > 2 ? atoi(argv[2]) : 200, r;
	double *tb = xcalloc((size_t)rounds, sizeof *tb);
	double *tl = xcalloc((size_t)rounds, sizeof *tl);
	char **files;
	size_t n = list_files(root, &files), i, events = 0;
	struct diags d;
	double t;

	if (n == 0 || rounds < 1) {
		fprintf(stderr, "loadbench: no content in %s\n", root);
		return 2;
	}
	for (r = 0; r < rounds; r++) {
		/* Alternate the order so neither side always runs warm. */
		t = now();
		events = bare_parse(files, n);
		tb[r] = now() - t;
		diags_init(&d);
		t = now();
		content_free(content_load_dir(root, &d));
		tl[r] = now() - t;
		if (d.n > 0) {
			fprintf(stderr, "loadbench: the pack has errors; run "
					"workshop validate\n");
			return 1;
		}
		diags_free(&d);
	}
	qsort(tb, (size_t)rounds, sizeof *tb, cmp_double);
	qsort(tl, (size_t)rounds, sizeof *tl, cmp_double);
	printf("loadbench: %zu files, %zu YAML events, %d rounds\n", n, events,
	       rounds);
	printf("  %-32s %10s %10s\n", "", "best", "median");
	printf("  %-32s %7.3f ms %7.3f ms\n", "baseline, bare libyaml parse",
	       tb[0] * 1e3, tb[rounds / 2] * 1e3);
	printf("  %-32s %7.3f ms %7.3f ms\n", "workshop load + validate",
	       tl[0] * 1e3, tl[rounds / 2] * 1e3);
	printf("  ratio: %.2f best, %.2f median (goal: at most 1.50)\n",
	       tl[0] / tb[0], tl[rounds / 2] / tb[rounds / 2]);
	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
	free(tb);
	free(tl);
	return 0;
}
