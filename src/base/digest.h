/*
 * digest.h: content hashing (BLAKE2b-256, lowercase hex).
 * Keys and signatures live in sign.c; this file only hashes.
 */
#ifndef WORKSHOP_DIGEST_H
#define WORKSHOP_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define DIGEST_HEX_LEN 64

/* Hash n bytes of data into out (DIGEST_HEX_LEN + 1 bytes, NUL-ended). */
void digest_hex(const void *data, size_t n, char out[DIGEST_HEX_LEN + 1]);

/*
 * BLAKE2b (RFC 7693) without a key, streamed: the digests libsodium's
 * crypto_generichash gives, for hashing hundreds of megabytes in one pass
 * (the prefix of a completion log verified before, workshop-log(5)).
 * libsodium's code runs at about 610 MB/s on the machines measured, this
 * portable one at about 1.1 GB/s, and that pass is all an incremental
 * verification costs.  A state may be copied to take the digest so far
 * and go on.
 */
struct digest_b2b {
	uint64_t h[8], t[2];
	unsigned char buf[128];
	size_t n;      /* bytes in buf */
	size_t outlen; /* 1 to 64 */
};

void digest_b2b_init(struct digest_b2b *s, size_t outlen);
void digest_b2b_update(struct digest_b2b *s, const void *data, size_t n);
/* The digest, s->outlen bytes, into out; s is spent. */
void digest_b2b_final(struct digest_b2b *s, unsigned char *out);

#endif
