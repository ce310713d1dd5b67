/*
 * sign.h: station keys (Ed25519), key files and the trusted-keys file.
 *
 * This is the one place that owns secret keys.  An unlocked secret key
 * lives in sodium_malloc memory (guard pages, locked, wiped on free), and a
 * process that has loaded one is made non-dumpable, so another process of
 * the same user cannot read it through ptrace or a core file.
 *
 * Key files (see workshop-log(5)):
 *   BASE.pub  "workshop public key <KEYID>\n" then base64(pk) and "\n"
 *   BASE.key  "workshop secret key <KEYID>\n" then base64 of a binary
 *             record: a header (magic, algorithm, Argon2id limits, salt,
 *             nonce, public key) and the secret key sealed with
 *             XChaCha20-Poly1305 under a key derived from the passphrase,
 *             the header being the associated data.
 * The key id is the first 8 bytes of BLAKE2b("workshop/v1/keyid", pk), in
 * lower-case hex, so it can never disagree with the public key.
 */
#ifndef WORKSHOP_SIGN_H
#define WORKSHOP_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define SIGN_PK_BYTES 32
#define SIGN_SIG_BYTES 64
#define SIGN_KEY_ID_LEN 16

/* An unlocked secret key, in sodium_malloc memory. */
struct sign_key;

struct sign_pub {
	unsigned char pk[SIGN_PK_BYTES];
	char key_id[SIGN_KEY_ID_LEN + 1]; /* 16 lower-case hex digits */
};

/*
 * Make libsodium ready (idempotent).  0 ok, -1 if it cannot start.  Every
 * function below calls it; callers need not.
 */
int sign_init(void);

/*
 * Load and unlock the secret key file at path.  The passphrase (when the
 * key is encrypted) comes from the first line of passphrase_file, or, when
 * passphrase_file is NULL, from the terminal (/dev/tty, echo off; standard
 * input when there is no terminal).  On success *out holds the key (free it
 * with sign_key_free) and the process is made non-dumpable.  On failure -1
 * with a clear message in err (a wrong passphrase says so); nothing on disk
 * is changed.
 */
int sign_key_load(const char *path, const char *passphrase_file,
		  struct sign_key **out, char *err, size_t errlen);
/*
 * Refuse a secret file (a key file, a password file) that its group or
 * others may read or write: 0 if its mode allows its owner alone (or it
 * cannot be examined, so opening it says why); -1 with "PATH: readable by
 * others (mode 644); run chmod 600 PATH" in err.
 */
int sign_check_private(const char *path, char *err, size_t errlen);
/* Wipe and release; NULL is a no-op. */
void sign_key_free(struct sign_key *k);
/* The key id (16 hex digits), borrowed from k. */
const char *sign_key_id(const struct sign_key *k);
/* The public half, borrowed from k. */
const struct sign_pub *sign_key_pub(const struct sign_key *k);

/* Sign msg[0..len) (Ed25519, detached). */
void sign_detached(const struct sign_key *k, const unsigned char *msg,
		   size_t len, unsigned char sig[SIGN_SIG_BYTES]);
/* Check a detached signature: true if valid for pk. */
bool sign_check(const unsigned char pk[SIGN_PK_BYTES], const unsigned char *msg,
		size_t len, const unsigned char sig[SIGN_SIG_BYTES]);

/* The key id of pk, into out (17 bytes with the NUL). */
void sign_key_id_of(const unsigned char pk[SIGN_PK_BYTES],
		    char out[SIGN_KEY_ID_LEN + 1]);

/*
 * $XDG_CONFIG_HOME/workshop/station.key (or ~/.config/...) into buf.
 * 0 ok; -1 if no location is usable or buf is too small.
 */
int sign_default_key_path(char *buf, size_t len);

/*
 * Options of sign_keygen.  passphrase_file as for sign_key_load; when NULL
 * the passphrase is asked twice on the terminal.
 */
struct sign_keygen_opts {
	bool unencrypted;
	bool force; /* replace existing files */
	const char *passphrase_file;
};

/*
 * Make a key pair and write base + ".pub" and base + ".key" (mode 0600,
 * never replacing an existing file unless opts->force).  On success 0 and,
 * if pub is not NULL, the public key in *pub.  On failure -1 with a clear
 * message in err, and no file left half-written.
 */
int sign_keygen(const char *base, const struct sign_keygen_opts *opts,
		struct sign_pub *pub, char *err, size_t errlen);

/* Decode the base64 of a public key (s[0..n)) into pk; 0 ok, -1 if it is
 * not the base64 of 32 bytes. */
int sign_pub_decode(const char *s, size_t n, unsigned char pk[SIGN_PK_BYTES]);
/* Parse a public key file's text.  0 ok; -1 with a message in err. */
int sign_pub_parse(const char *text, size_t len, struct sign_pub *out,
		   char *err, size_t errlen);
/* Read and parse a public key file.  0 ok; -1 with a message in err. */
int sign_pub_load(const char *path, struct sign_pub *out, char *err,
		  size_t errlen);

/*
 * Parse a secret key file's text and unlock it with pass (may be NULL for
 * an unencrypted key).  For tests and the fuzzer; sign_key_load is the
 * normal way in.  Returns 0 ok, -1 with a message (a wrong passphrase says
 * "wrong passphrase").
 */
int sign_key_parse(const char *text, size_t len, const char *pass,
		   struct sign_key **out, char *err, size_t errlen);

/*
 * The manager's trusted keys: one key per line,
 *   KEYDATA LABEL... [from=YYYY-MM-DD] [until=YYYY-MM-DD]
 * where KEYDATA is the base64 line of a .pub file; '#' starts a comment.
 * from/until bound the record timestamps the key may sign (inclusive).
 */
struct sign_trusted {
	struct sign_pub pub;
	char *label;
	time_t from;  /* 0: no lower bound */
	time_t until; /* 0: no upper bound (the end of that day, UTC) */
};

struct sign_trust {
	struct sign_trusted *v;
	size_t n;
};

/*
 * Parse the trusted-keys file text (name is used in messages).  Collects
 * every problem as "name:line: reason" lines in a fresh *errs (NULL when
 * there are none; the caller frees).  Returns 0 if the file was valid, -1
 * otherwise; t holds the valid entries either way (free with
 * sign_trust_free).
 */
int sign_trust_parse(const char *name, const char *text, size_t len,
		     struct sign_trust *t, char **errs);
/* Add one public key with a label (e.g. from -k FILE). */
void sign_trust_add(struct sign_trust *t, const struct sign_pub *pub,
		    const char *label);
/* The entry for key_id, or NULL. */
const struct sign_trusted *sign_trust_find(const struct sign_trust *t,
					   const char *key_id);
void sign_trust_free(struct sign_trust *t);

#endif
