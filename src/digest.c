/* digest.c: BLAKE2b-256 content versions. */
#include "digest.h"

#include <sodium.h>

void
digest_hex(const void *data, size_t n, char out[DIGEST_HEX_LEN + 1])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof h, data, n, NULL, 0);
	sodium_bin2hex(out, DIGEST_HEX_LEN + 1, h, sizeof h);
}
