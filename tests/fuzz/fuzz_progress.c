/*
 * fuzz_progress.c: libFuzzer harness for the progress file parser.  What
 * parses must format back to the same bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "progress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct progress p;
	char err[256];
	char *text;

	if (progress_parse((const char *)data, size, &p, err, sizeof err) < 0)
		return 0;
	text = progress_format(&p);
	if (strlen(text) != size || memcmp(text, data, size) != 0)
		abort();
	free(text);
	progress_free(&p);
	return 0;
}
