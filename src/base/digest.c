/* digest.c: BLAKE2b-256 content versions. */
#include "digest.h"

#include <sodium.h>
#include <stdlib.h>

void
digest_hex(const void *data, size_t n, char out[DIGEST_HEX_LEN + 1])
{
	unsigned char h[32];

	/* Idempotent; also selects the CPU's fastest BLAKE2b code. */
	if (sodium_init() < 0)
		abort();
	crypto_generichash(h, sizeof h, data, n, NULL, 0);
	sodium_bin2hex(out, DIGEST_HEX_LEN + 1, h, sizeof h);
}
