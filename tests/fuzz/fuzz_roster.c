/*
 * fuzz_roster.c: libFuzzer harness for the roster file parser and the
 * attendance marks.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "roster.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct roster *r = roster_new();
	struct diags d;
	size_t i;

	diags_init(&d);
	if (roster_parse(r, "fuzz.txt", (const char *)data, size, &d) == 0) {
		for (i = 0; i < r->n; i++) {
			roster_mark_present(r, i, i % 3, false);
			if (i % 2)
				roster_mark_left(r, i, i % 5);
			(void)roster_attended(r, i, 2);
		}
	}
	for (i = 0; i < d.n; i++)
		free(diag_format(&d.v[i]));
	diags_free(&d);
	roster_free(r);
	return 0;
}
