/*
 * fuzz_content.c: libFuzzer harness for the content loader (YAML parsing,
 * the schema checks, and diagnostics formatting).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "content.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d;
	struct content *c;
	size_t i;

	diags_init(&d);
	c = content_load_buffer("fuzz.yaml", (const char *)data, size, &d);
	diags_sort(&d);
	for (i = 0; i < d.n; i++)
		free(diag_format(&d.v[i]));
	content_free(c);
	diags_free(&d);
	return 0;
}
