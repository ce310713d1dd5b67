/*
 * fuzz_trust.c: libFuzzer harness for the trusted-keys file.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *errs = NULL;
	struct sign_trust t = {0};
	int r;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	r = sign_trust_parse("fuzz", text, size, &t, &errs);
	if ((r == 0) != (errs == NULL))
		abort();
	for (size_t i = 0; i < t.n; i++)
		if (sign_trust_find(&t, t.v[i].pub.key_id) == NULL)
			abort();
	sign_trust_free(&t);
	free(errs);
	free(text);
	return 0;
}
