/*
 * digest.h: content hashing (BLAKE2b-256, lowercase hex).
 * Keys and signatures live in sign.c; this file only hashes.
 */
#ifndef WORKSHOP_DIGEST_H
#define WORKSHOP_DIGEST_H

#include <stddef.h>

#define DIGEST_HEX_LEN 64

/* Hash n bytes of data into out (DIGEST_HEX_LEN + 1 bytes, NUL-ended). */
void digest_hex(const void *data, size_t n, char out[DIGEST_HEX_LEN + 1]);

#endif
