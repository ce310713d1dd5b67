/*
 * forge: a test-only signer.  It signs whatever record bytes it is given
 * with a key made from a fixed seed, so the tests can make logs that are
 * validly signed and chained but wrong in meaning, and check that workshop
 * verify refuses them.  It is written from workshop-log(5) alone, with
 * libsodium and none of the program's code: that it makes logs the
 * program accepts shows the page says enough to write a compatible tool.
 *
 * Usage:
 *   forge pub SEED        the .pub file of the key made from SEED
 *   forge log [SEED] <RECS >LOG
 *
 * SEED is 64 hexadecimal digits (the 32-byte Ed25519 seed).  RECS holds
 * one rec (the JSON object, exactly the bytes to sign) per line; in it
 * "@log" stands for the log id and "@prev" for the hash of the line
 * written before (64 zeros for the first), and "@U+XXXX;" for the UTF-8
 * bytes of that code point (so the fixtures show what they hide).  Other
 * lines of RECS:
 *   # ...            a comment; so is an empty line
 *   !key SEED        sign the following records with this key
 *   !log ID          the log id (32 hex digits) "@log" stands for
 *   !raw TEXT        write TEXT as a line, as it is
 *   !torn TEXT       write TEXT with no newline (an append cut short)
 *
 * Exit status: 0 written, 2 a usage error or a bad line in RECS.
 */
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_BYTES 70000

struct forger {
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	char kid[17];
	bool have_key;
	char log[33];
	char prev[65];
	unsigned long lineno;
};

static int
usage(const char *why)
{
	fprintf(stderr, "forge: %s\nusage: forge pub SEED | forge log [SEED]\n",
		why);
	return 2;
}

/* The key id: the first 8 bytes of BLAKE2b-256 over "workshop/v1/keyid",
 * a zero byte and the public key, in lower-case hexadecimal. */
static void
key_id(const unsigned char *pk, char out[17])
{
	static const char ctx[] = "workshop/v1/keyid";
	unsigned char in[sizeof ctx + crypto_sign_PUBLICKEYBYTES], h[32];

	memcpy(in, ctx, sizeof ctx); /* with its zero byte */
	memcpy(in + sizeof ctx, pk, crypto_sign_PUBLICKEYBYTES);
	crypto_generichash(h, sizeof h, in, sizeof in, NULL, 0);
	sodium_bin2hex(out, 17, h, 8);
}

static int
set_key(struct forger *f, const char *hex)
{
	unsigned char seed[crypto_sign_SEEDBYTES];
	size_t got;

	if (strlen(hex) != 64 ||
	    sodium_hex2bin(seed, sizeof seed, hex, 64, NULL, &got, NULL) != 0 ||
	    got != sizeof seed)
		return -1;
	crypto_sign_seed_keypair(f->pk, f->sk, seed);
	key_id(f->pk, f->kid);
	f->have_key = true;
	return 0;
}

/* "prev" of the next line: BLAKE2b-256 over "workshop/v1/line", a zero
 * byte and this line without its newline. */
static void
chain(struct forger *f, const char *line, size_t len)
{
	static const char ctx[] = "workshop/v1/line";
	crypto_generichash_state st;
	unsigned char h[32];

	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)ctx, sizeof ctx);
	crypto_generichash_update(&st, (const unsigned char *)line, len);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(f->prev, sizeof f->prev, h, sizeof h);
}

/* The UTF-8 bytes of code point cp at o; returns how many. */
static int
utf8(char *o, unsigned long cp)
{
	if (cp < 0x80)
		return o[0] = (char)cp, 1;
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* rec with "@log", "@prev" and "@U+XXXX;" filled in (a fresh string). */
static char *
fill(const struct forger *f, const char *rec)
{
	char *out = malloc(strlen(rec) * 16 + 1), *o = out;

	if (out == NULL)
		abort();
	while (*rec != '\0') {
		if (strncmp(rec, "@log", 4) == 0) {
			o += sprintf(o, "%s", f->log);
			rec += 4;
		} else if (strncmp(rec, "@prev", 5) == 0) {
			o += sprintf(o, "%s", f->prev);
			rec += 5;
		} else if (strncmp(rec, "@U+", 3) == 0) {
			char *end;
			unsigned long cp = strtoul(rec + 3, &end, 16);

			o += utf8(o, cp);
			rec = *end == ';' ? end + 1 : end;
		} else {
			*o++ = *rec++;
		}
	}
	*o = '\0';
	return out;
}

/* Sign rec: the message is "workshop/v1/record", a zero byte, the 16
 * characters of the key id and the rec bytes. */
static void
sign_rec(struct forger *f, const char *rec)
{
	static const char ctx[] = "workshop/v1/record";
	size_t n = strlen(rec), mlen = sizeof ctx + 16 + n;
	unsigned char *m = malloc(mlen), sig[crypto_sign_BYTES];
	char b64[sodium_base64_ENCODED_LEN(crypto_sign_BYTES,
					   sodium_base64_VARIANT_ORIGINAL)];
	char *line = malloc(n + 200);

	if (m == NULL || line == NULL)
		abort();
	memcpy(m, ctx, sizeof ctx);
	memcpy(m + sizeof ctx, f->kid, 16);
	memcpy(m + sizeof ctx + 16, rec, n);
	crypto_sign_detached(sig, NULL, m, mlen, f->sk);
	sodium_bin2base64(b64, sizeof b64, sig, sizeof sig,
			  sodium_base64_VARIANT_ORIGINAL);
	free(m);
	sprintf(line, "{\"sig\":\"%s\",\"kid\":\"%s\",\"rec\":%s}", b64, f->kid,
		rec);
	printf("%s\n", line);
	chain(f, line, strlen(line));
	free(line);
}

static int
one_line(struct forger *f, char *line)
{
	char *rec;

	if (line[0] == '\0' || line[0] == '#')
		return 0;
	if (strncmp(line, "!key ", 5) == 0)
		return set_key(f, line + 5);
	if (strncmp(line, "!log ", 5) == 0) {
		if (strlen(line + 5) != 32)
			return -1;
		memcpy(f->log, line + 5, 33);
		return 0;
	}
	if (strncmp(line, "!raw ", 5) == 0 || strncmp(line, "!torn ", 6) == 0) {
		bool torn = line[1] == 't';

		rec = line + (torn ? 6 : 5);
		fputs(rec, stdout);
		if (!torn)
			putchar('\n');
		chain(f, rec, strlen(rec));
		return 0;
	}
	if (line[0] != '{' || !f->have_key)
		return -1;
	rec = fill(f, line);
	sign_rec(f, rec);
	free(rec);
	return 0;
}

static int
forge_log(struct forger *f)
{
	char *line = malloc(LINE_MAX_BYTES);
	size_t n;

	if (line == NULL)
		abort();
	memset(f->prev, '0', 64);
	while (fgets(line, LINE_MAX_BYTES, stdin) != NULL) {
		f->lineno++;
		n = strlen(line);
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (one_line(f, line) < 0) {
			fprintf(stderr, "forge: line %lu: not understood: %s\n",
				f->lineno, line);
			free(line);
			return 2;
		}
	}
	free(line);
	return fflush(stdout) == 0 ? 0 : 2;
}

int
main(int argc, char **argv)
{
	struct forger f = {.log = "0123456789abcdef0123456789abcdef"};
	char b64[sodium_base64_ENCODED_LEN(crypto_sign_PUBLICKEYBYTES,
					   sodium_base64_VARIANT_ORIGINAL)];

	if (sodium_init() < 0)
		return 2;
	if (argc < 2)
		return usage("no command");
	if (argc > 2 && set_key(&f, argv[2]) < 0)
		return usage("SEED must be 64 hexadecimal digits");
	if (strcmp(argv[1], "pub") == 0 && argc == 3) {
		sodium_bin2base64(b64, sizeof b64, f.pk, sizeof f.pk,
				  sodium_base64_VARIANT_ORIGINAL);
		printf("workshop public key %s\n%s\n", f.kid, b64);
		return 0;
	}
	if (strcmp(argv[1], "log") == 0 && argc <= 3)
		return forge_log(&f);
	return usage("unknown command");
}
