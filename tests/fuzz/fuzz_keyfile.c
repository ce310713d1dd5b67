/*
 * fuzz_keyfile.c: libFuzzer harness for public and secret key files.  The
 * secret key is parsed without a passphrase, so an encrypted key stops
 * before the (deliberately slow) key derivation.
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
	char *text = malloc(size + 1), err[300];
	struct sign_pub pub;
	struct sign_key *k = NULL;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	if (sign_pub_parse(text, size, &pub, err, sizeof err) == 0 &&
	    strlen(pub.key_id) != 16)
		abort();
	if (sign_key_parse(text, size, NULL, &k, err, sizeof err) == 0) {
		if (k == NULL || strlen(sign_key_id(k)) != 16)
			abort();
		sign_key_free(k);
	} else if (k != NULL || err[0] == '\0') {
		abort();
	}
	free(text);
	return 0;
}
