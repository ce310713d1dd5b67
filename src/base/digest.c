/* digest.c: BLAKE2b-256 content versions, and BLAKE2b streamed (see
 * digest.h). */
#include "digest.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- BLAKE2b, RFC 7693 -------------------------------------------------- */

static const uint64_t b2b_iv[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
    0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
    0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};

static const unsigned char b2b_sigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3}};

static uint64_t
rotr64(uint64_t x, int c)
{
	return (x >> c) | (x << (64 - c));
}

/* A little-endian word. */
static uint64_t
load64(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t v;

	memcpy(&v, p, sizeof v);
	return v;
#else
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
#endif
}

#define B2B_G(a, b, c, d, x, y)                                                \
	do {                                                                   \
		a = a + b + (x);                                               \
		d = rotr64(d ^ a, 32);                                         \
		c = c + d;                                                     \
		b = rotr64(b ^ c, 24);                                         \
		a = a + b + (y);                                               \
		d = rotr64(d ^ a, 16);                                         \
		c = c + d;                                                     \
		b = rotr64(b ^ c, 63);                                         \
	} while (0)

/* One round, r a constant: the message words it takes are known when it is
 * compiled (much faster than looking them up). */
#define B2B_M(r, i) m[b2b_sigma[r][i]]
#define B2B_ROUND(r)                                                           \
	do {                                                                   \
		B2B_G(v[0], v[4], v[8], v[12], B2B_M(r, 0), B2B_M(r, 1));      \
		B2B_G(v[1], v[5], v[9], v[13], B2B_M(r, 2), B2B_M(r, 3));      \
		B2B_G(v[2], v[6], v[10], v[14], B2B_M(r, 4), B2B_M(r, 5));     \
		B2B_G(v[3], v[7], v[11], v[15], B2B_M(r, 6), B2B_M(r, 7));     \
		B2B_G(v[0], v[5], v[10], v[15], B2B_M(r, 8), B2B_M(r, 9));     \
		B2B_G(v[1], v[6], v[11], v[12], B2B_M(r, 10), B2B_M(r, 11));   \
		B2B_G(v[2], v[7], v[8], v[13], B2B_M(r, 12), B2B_M(r, 13));    \
		B2B_G(v[3], v[4], v[9], v[14], B2B_M(r, 14), B2B_M(r, 15));    \
	} while (0)

static void
b2b_compress(struct digest_b2b *s, const unsigned char *block, int last)
{
	uint64_t m[16], v[16];

	for (int i = 0; i < 16; i++)
		m[i] = load64(block + 8 * i);
	for (int i = 0; i < 8; i++) {
		v[i] = s->h[i];
		v[i + 8] = b2b_iv[i];
	}
	v[12] ^= s->t[0];
	v[13] ^= s->t[1];
	if (last)
		v[14] = ~v[14];
	B2B_ROUND(0);
	B2B_ROUND(1);
	B2B_ROUND(2);
	B2B_ROUND(3);
	B2B_ROUND(4);
	B2B_ROUND(5);
	B2B_ROUND(6);
	B2B_ROUND(7);
	B2B_ROUND(8);
	B2B_ROUND(9);
	B2B_ROUND(10);
	B2B_ROUND(11);
	for (int i = 0; i < 8; i++)
		s->h[i] ^= v[i] ^ v[i + 8];
}

static void
b2b_count(struct digest_b2b *s, uint64_t n)
{
	s->t[0] += n;
	if (s->t[0] < n)
		s->t[1]++;
}

void
digest_b2b_init(struct digest_b2b *s, size_t outlen)
{
	memset(s, 0, sizeof *s);
	if (outlen < 1 || outlen > 64)
		abort();
	memcpy(s->h, b2b_iv, sizeof s->h);
	s->h[0] ^= 0x01010000ULL ^ outlen; /* no key, fanout and depth 1 */
	s->outlen = outlen;
}

void
digest_b2b_update(struct digest_b2b *s, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t fill;

	/* The last block waits in buf: digest_b2b_final compresses it. */
	if (n > 0 && s->n + n > sizeof s->buf) {
		fill = sizeof s->buf - s->n;
		memcpy(s->buf + s->n, p, fill);
		b2b_count(s, sizeof s->buf);
		b2b_compress(s, s->buf, 0);
		s->n = 0;
		p += fill;
		n -= fill;
		for (; n > sizeof s->buf;
		     p += sizeof s->buf, n -= sizeof s->buf) {
			b2b_count(s, sizeof s->buf);
			b2b_compress(s, p, 0);
		}
	}
	memcpy(s->buf + s->n, p, n);
	s->n += n;
}

void
digest_b2b_final(struct digest_b2b *s, unsigned char *out)
{
	unsigned char all[64];

	b2b_count(s, s->n);
	memset(s->buf + s->n, 0, sizeof s->buf - s->n);
	b2b_compress(s, s->buf, 1);
	for (int i = 0; i < 64; i++)
		all[i] = (unsigned char)(s->h[i / 8] >> (8 * (i % 8)));
	memcpy(out, all, s->outlen);
}
