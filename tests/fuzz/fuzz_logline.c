/*
 * fuzz_logline.c: libFuzzer harness for one completion-log line: the fixed
 * prefix, base64, the JSON record, the schema and the canonical check.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "complog_line.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1), why[300];
	struct complog_line L;

	if (line == NULL)
		return 0;
	memcpy(line, data, size); /* exactly size bytes: overreads show */
	if (complog_parse_line(line, size, &L, why, sizeof why) == 0) {
		char *again = complog_encode_rec(&L.f);

		/* What parses re-encodes to the very same bytes. */
		if (strlen(again) != L.reclen ||
		    memcmp(again, L.rec, L.reclen) != 0)
			abort();
		free(again);
		complog_fields_free(&L.f);
	}
	free(line);
	return 0;
}
