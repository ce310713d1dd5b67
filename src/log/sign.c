/*
 * sign.c: station keys.  The only file that handles secret keys.
 *
 * The secret key file's binary record (base64 on the file's second line):
 *
 *   offset  size  field
 *        0     8  magic "WSKEY1\0\0"
 *        8     1  algorithm: 0 none, 1 Argon2id + XChaCha20-Poly1305
 *        9     7  zero
 *       16     8  Argon2id opslimit (little-endian)
 *       24     8  Argon2id memlimit in bytes (little-endian)
 *       32    16  salt
 *       48    24  nonce
 *       72    32  Ed25519 public key
 *      104    32  Ed25519 seed, sealed (48 with the tag) or plain
 *
 * The first 104 bytes are the associated data of the seal, so changing the
 * limits, the public key or anything else in the header fails to unlock.
 */
#include "sign.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "paths.h"
#include "util.h"

#define MAGIC "WSKEY1\0\0"
#define HDR_LEN 104
#define SEED_LEN 32
#define ALG_NONE 0
#define ALG_ARGON_XCHACHA 1
#define PASS_MAX 1024
#define PUB_HEAD "workshop public key "
#define SEC_HEAD "workshop secret key "
#define KEYFILE_MAX 4096

struct sign_key {
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	struct sign_pub pub;
};

/*
 * Another process of this user must not read a passphrase, seed or key via
 * ptrace or a core dump: called before any of them is read.
 */
static void
no_dumps(void)
{
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

int
sign_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void
sign_key_id_of(const unsigned char pk[SIGN_PK_BYTES],
	       char out[SIGN_KEY_ID_LEN + 1])
{
	static const char ctx[] = "workshop/v1/keyid";
	crypto_generichash_state st;
	unsigned char h[32];

	sign_init();
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)ctx, sizeof ctx);
	crypto_generichash_update(&st, pk, SIGN_PK_BYTES);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, SIGN_KEY_ID_LEN + 1, h, SIGN_KEY_ID_LEN / 2);
}

static void
put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* ---- Passphrases ---------------------------------------------------- */

/* Strip a trailing "\n" or "\r\n" in place; returns the new length. */
static size_t
chomp(char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return n;
}

/* Read one line from fd into buf (PASS_MAX bytes); -1 on error or EOF. */
static int
read_line_fd(int fd, char *buf)
{
	size_t n = 0;
	char c;
	ssize_t r;

	while (n < PASS_MAX - 1) {
		r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (n == 0)
				return -1;
			break;
		}
		if (c == '\n')
			break;
		buf[n++] = c;
	}
	buf[n] = '\0';
	chomp(buf, n);
	return 0;
}

/*
 * While echo is off: the terminal and its settings, so that a signal that
 * ends the program (Ctrl-C at the prompt, say) restores them first.
 */
static volatile sig_atomic_t tty_quiet_fd = -1;
static struct termios tty_saved;
static const int tty_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

static struct sigaction tty_prev[UTIL_NELEM(tty_signals)];

/* Restore the terminal, then let the signal do what it did before. */
static void
restore_tty_and_reraise(int sig)
{
	int fd = tty_quiet_fd;

	if (fd >= 0)
		tcsetattr(fd, TCSAFLUSH, &tty_saved);
	tty_quiet_fd = -1;
	for (size_t i = 0; i < UTIL_NELEM(tty_signals); i++)
		if (tty_signals[i] == sig)
			sigaction(sig, &tty_prev[i], NULL);
	raise(sig); /* delivered when this handler returns */
}

/* Ask on the terminal with echo off; falls back to stdin when no tty. */
static int
ask_pass(const char *prompt, char *buf, char *err, size_t errlen)
{
	struct termios old, quiet;
	struct sigaction sa;
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC), r, echo_off = 0;

	if (fd < 0) {
		if (isatty(0)) {
			util_seterr(err, errlen, "cannot open the terminal");
			return -1;
		}
		if (read_line_fd(0, buf) < 0) {
			util_seterr(err, errlen,
				    "no passphrase on standard input");
			return -1;
		}
		return 0;
	}
	if (tcgetattr(fd, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		tty_saved = old;
		tty_quiet_fd = fd;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = restore_tty_and_reraise;
		sigemptyset(&sa.sa_mask);
		for (size_t i = 0; i < UTIL_NELEM(tty_signals); i++)
			sigaction(tty_signals[i], &sa, &tty_prev[i]);
		echo_off = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
		if (!echo_off) {
			tty_quiet_fd = -1;
			for (size_t i = 0; i < UTIL_NELEM(tty_signals); i++)
				sigaction(tty_signals[i], &tty_prev[i], NULL);
		}
	}
	if (write(fd, prompt, strlen(prompt)) < 0) {
		/* the prompt is a courtesy; reading still works */
	}
	r = read_line_fd(fd, buf);
	if (echo_off) {
		tcsetattr(fd, TCSAFLUSH, &old);
		tty_quiet_fd = -1;
		for (size_t i = 0; i < UTIL_NELEM(tty_signals); i++)
			sigaction(tty_signals[i], &tty_prev[i], NULL);
	}
	if (write(fd, "\n", 1) < 0) {
		/* as above */
	}
	close(fd);
	if (r < 0)
		util_seterr(err, errlen, "no passphrase given");
	return r;
}

/* The passphrase from the first line of file ("-": standard input). */
static int
file_pass(const char *file, char *buf, char *err, size_t errlen)
{
	int fd = strcmp(file, "-") == 0 ? 0 : open(file, O_RDONLY | O_CLOEXEC);
	int r;

	if (fd < 0) {
		util_seterr(err, errlen, "%s: %s", file, strerror(errno));
		return -1;
	}
	r = read_line_fd(fd, buf);
	if (fd != 0)
		close(fd);
	if (r < 0)
		util_seterr(err, errlen, "%s: no passphrase on its first line",
			    file);
	return r;
}

/* A passphrase in sodium memory, or NULL (message in err). */
static char *
get_pass(const char *file, bool twice, char *err, size_t errlen)
{
	char *p, *q;

	no_dumps();
	if ((p = sodium_malloc(PASS_MAX)) == NULL) {
		util_seterr(err, errlen, "out of secure memory");
		return NULL;
	}
	if (file != NULL) {
		if (file_pass(file, p, err, errlen) < 0)
			goto fail;
	} else {
		if (ask_pass("Passphrase: ", p, err, errlen) < 0)
			goto fail;
		if (twice) {
			if ((q = sodium_malloc(PASS_MAX)) == NULL)
				goto fail;
			if (ask_pass("Passphrase (again): ", q, err, errlen) <
			    0) {
				sodium_free(q);
				goto fail;
			}
			if (strcmp(p, q) != 0) {
				sodium_free(q);
				util_seterr(err, errlen,
					    "the passphrases do not match");
				goto fail;
			}
			sodium_free(q);
		}
	}
	if (p[0] == '\0') {
		util_seterr(err, errlen, "the passphrase is empty");
		goto fail;
	}
	return p;
fail:
	sodium_free(p);
	return NULL;
}

/* ---- Secret keys ----------------------------------------------------- */

static struct sign_key *
key_from_seed(const unsigned char seed[SEED_LEN])
{
	struct sign_key *k = sodium_malloc(sizeof *k);

	if (k == NULL)
		return NULL;
	no_dumps(); /* done already; the key must never be readable */
	crypto_sign_seed_keypair(k->pub.pk, k->sk, seed);
	sign_key_id_of(k->pub.pk, k->pub.key_id);
	sodium_mprotect_readonly(k);
	return k;
}

void
sign_key_free(struct sign_key *k)
{
	if (k != NULL)
		sodium_free(k); /* wipes before releasing */
}

const char *
sign_key_id(const struct sign_key *k)
{
	return k->pub.key_id;
}

const struct sign_pub *
sign_key_pub(const struct sign_key *k)
{
	return &k->pub;
}

void
sign_detached(const struct sign_key *k, const unsigned char *msg, size_t len,
	      unsigned char sig[SIGN_SIG_BYTES])
{
	crypto_sign_detached(sig, NULL, msg, len, k->sk);
}

bool
sign_check(const unsigned char pk[SIGN_PK_BYTES], const unsigned char *msg,
	   size_t len, const unsigned char sig[SIGN_SIG_BYTES])
{
	return crypto_sign_verify_detached(sig, msg, len, pk) == 0;
}

/* The second line of a key file after a header line starting with head. */
static int
split_keyfile(const char *text, size_t len, const char *head, char *kid,
	      const char **b64, size_t *b64len, char *err, size_t errlen)
{
	const char *nl = memchr(text, '\n', len), *end;
	size_t hl = strlen(head);

	if (nl == NULL || (size_t)(nl - text) != hl + SIGN_KEY_ID_LEN ||
	    memcmp(text, head, hl) != 0) {
		util_seterr(err, errlen, "line 1: expected \"%s<key id>\"",
			    head);
		return -1;
	}
	memcpy(kid, text + hl, SIGN_KEY_ID_LEN);
	kid[SIGN_KEY_ID_LEN] = '\0';
	*b64 = nl + 1;
	end = memchr(*b64, '\n', len - (size_t)(*b64 - text));
	if (end == NULL)
		end = text + len;
	*b64len = (size_t)(end - *b64);
	if (end < text + len && end + 1 != text + len) {
		util_seterr(err, errlen, "unexpected text after line 2");
		return -1;
	}
	return 0;
}

/*
 * Unseal the seed in blob (n bytes, the header first) in place with pass.
 * 0 ok; -1 with a message.
 */
static int
unseal(unsigned char *blob, size_t n, const char *pass, char *err,
       size_t errlen)
{
	uint64_t ops = get64(blob + 16), mem = get64(blob + 24);
	unsigned char key[32];
	int r;

	if (n !=
	    HDR_LEN + SEED_LEN + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
		util_seterr(err, errlen,
			    "line 2: a sealed key of the wrong length");
		return -1;
	}
	/* The loader caps what it accepts: no weak or absurd limits. */
	if (ops < crypto_pwhash_OPSLIMIT_MODERATE ||
	    ops > crypto_pwhash_OPSLIMIT_SENSITIVE ||
	    mem < crypto_pwhash_MEMLIMIT_MODERATE ||
	    mem > crypto_pwhash_MEMLIMIT_SENSITIVE) {
		util_seterr(
		    err, errlen,
		    "key derivation limits out of range (opslimit %llu, "
		    "memlimit %llu)",
		    (unsigned long long)ops, (unsigned long long)mem);
		return -1;
	}
	if (pass == NULL) {
		util_seterr(err, errlen,
			    "the key is encrypted: a passphrase is "
			    "needed");
		return -1;
	}
	if (crypto_pwhash(key, sizeof key, pass, strlen(pass), blob + 32, ops,
			  (size_t)mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		util_seterr(err, errlen, "out of memory deriving the key");
		return -1;
	}
	r = crypto_aead_xchacha20poly1305_ietf_decrypt(
	    blob + HDR_LEN, NULL, NULL, blob + HDR_LEN, n - HDR_LEN, blob,
	    HDR_LEN, blob + 48, key);
	sodium_memzero(key, sizeof key);
	if (r != 0)
		util_seterr(err, errlen, "wrong passphrase");
	return r == 0 ? 0 : -1;
}

int
sign_key_parse(const char *text, size_t len, const char *pass,
	       struct sign_key **out, char *err, size_t errlen)
{
	unsigned char blob[HDR_LEN + SEED_LEN + 64];
	char kid[SIGN_KEY_ID_LEN + 1], want[SIGN_KEY_ID_LEN + 1];
	const char *b64;
	size_t b64len, n;
	struct sign_key *k = NULL;
	int r = -1;

	*out = NULL;
	no_dumps();
	if (sign_init() < 0) {
		util_seterr(err, errlen, "cannot start libsodium");
		return -1;
	}
	if (split_keyfile(text, len, SEC_HEAD, kid, &b64, &b64len, err,
			  errlen) < 0)
		return -1;
	if (sodium_base642bin(blob, sizeof blob, b64, b64len, NULL, &n, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    n < HDR_LEN + SEED_LEN || memcmp(blob, MAGIC, 8) != 0) {
		util_seterr(err, errlen, "line 2: not a workshop secret key");
		goto out;
	}
	sign_key_id_of(blob + 72, want);
	if (strcmp(kid, want) != 0) {
		util_seterr(err, errlen, "key id %s does not match its key",
			    kid);
		goto out;
	}
	if (blob[8] == ALG_ARGON_XCHACHA) {
		if (unseal(blob, n, pass, err, errlen) < 0)
			goto out;
	} else if (blob[8] != ALG_NONE || n != HDR_LEN + SEED_LEN) {
		util_seterr(err, errlen, "line 2: unknown key algorithm %d",
			    blob[8]);
		goto out;
	}
	if ((k = key_from_seed(blob + HDR_LEN)) == NULL) {
		util_seterr(err, errlen, "out of secure memory");
		goto out;
	}
	if (memcmp(k->pub.pk, blob + 72, SIGN_PK_BYTES) != 0) {
		sign_key_free(k);
		util_seterr(err, errlen,
			    "the secret key does not match its public "
			    "key");
		goto out;
	}
	*out = k;
	r = 0;
out:
	sodium_memzero(blob, sizeof blob);
	return r;
}

int
sign_check_private(const char *path, char *err, size_t errlen)
{
	struct stat st;

	if (stat(path, &st) == 0 && (st.st_mode & 077) != 0) {
		util_seterr(
		    err, errlen,
		    "%s: readable by others (mode %03o); run chmod 600 %s",
		    path, (unsigned)(st.st_mode & 0777), path);
		return -1;
	}
	return 0;
}

/* Read a small file (a key) into a fresh buffer; NULL with err set. */
static char *
read_small(const char *path, size_t *len, char *err, size_t errlen)
{
	char *s = util_read_file(path, KEYFILE_MAX, len);

	if (s == NULL)
		util_seterr(err, errlen, "%s: %s", path,
			    errno == EFBIG ? "too large for a key file"
					   : strerror(errno));
	return s;
}

int
sign_key_load(const char *path, const char *passphrase_file,
	      struct sign_key **out, char *err, size_t errlen)
{
	char *text, *pass = NULL, msg[256];
	size_t len;
	int r;

	*out = NULL;
	no_dumps(); /* before the key file (an unencrypted seed) is read */
	if (sign_init() < 0) {
		util_seterr(err, errlen, "cannot start libsodium");
		return -1;
	}
	if ((text = read_small(path, &len, err, errlen)) == NULL)
		return -1;
	if (sign_check_private(path, err, errlen) < 0) {
		sodium_memzero(text, len);
		free(text);
		return -1;
	}
	/* Only ask for a passphrase when the key is encrypted. */
	r = sign_key_parse(text, len, NULL, out, msg, sizeof msg);
	if (r < 0 && strstr(msg, "a passphrase is needed") != NULL) {
		pass = get_pass(passphrase_file, false, msg, sizeof msg);
		if (pass != NULL) {
			r = sign_key_parse(text, len, pass, out, msg,
					   sizeof msg);
			sodium_free(pass);
		}
	}
	sodium_memzero(text, len);
	free(text);
	if (r < 0)
		util_seterr(err, errlen, "%s: %s", path, msg);
	return r;
}

int
sign_default_key_path(char *buf, size_t len)
{
	char *dir = paths_xdg("config");
	int n;

	if (dir == NULL)
		return -1;
	n = snprintf(buf, len, "%s/station.key", dir);
	free(dir);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* ---- Making keys ----------------------------------------------------- */

/*
 * Write text to a new temporary file beside path, with mode, and fsync it.
 * Returns its name (to rename or link into place), or NULL with err set.
 */
static char *
write_temp(const char *path, const char *text, unsigned mode, char *err,
	   size_t errlen)
{
	char *tmp = xasprintf("%s.tmp-XXXXXX", path);
	size_t n = strlen(text);
	int fd = mkstemp(tmp);

	if (fd < 0) {
		util_seterr(err, errlen, "%s: %s", path, strerror(errno));
		free(tmp);
		return NULL;
	}
	if (fchmod(fd, mode) < 0 || write(fd, text, n) != (ssize_t)n ||
	    fsync(fd) < 0) {
		util_seterr(err, errlen, "%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

/* Can path be replaced by rename(2): absent, or a file? */
static bool
replaceable(const char *path, char *err, size_t errlen)
{
	struct stat st;

	if (lstat(path, &st) < 0 || S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
		return true;
	util_seterr(err, errlen, "%s: not a file; nothing was replaced", path);
	return false;
}

/*
 * Put both key files in place, written in full beforehand (tsec, tpub):
 * linked (refusing existing files) or, with force, renamed over the old
 * pair once both new files are complete, so a failure never loses it.
 */
static int
place_pair(const char *tsec, const char *secpath, const char *tpub,
	   const char *pubpath, bool force, char *err, size_t errlen)
{
	if (force) {
		if (!replaceable(secpath, err, errlen) ||
		    !replaceable(pubpath, err, errlen))
			return -1;
		if (rename(tsec, secpath) < 0) {
			util_seterr(err, errlen, "%s: %s", secpath,
				    strerror(errno));
			return -1;
		}
		if (rename(tpub, pubpath) < 0) {
			util_seterr(err, errlen, "%s: %s", pubpath,
				    strerror(errno));
			return -1;
		}
		return 0;
	}
	if (link(tsec, secpath) < 0) {
		util_seterr(err, errlen, "%s: %s", secpath, strerror(errno));
		return -1;
	}
	if (link(tpub, pubpath) < 0) {
		util_seterr(err, errlen, "%s: %s", pubpath, strerror(errno));
		unlink(secpath); /* ours: it did not exist */
		return -1;
	}
	return 0;
}

static char *
b64(const unsigned char *bin, size_t n)
{
	size_t len =
	    sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *s = xmalloc(len);

	sodium_bin2base64(s, len, bin, n, sodium_base64_VARIANT_ORIGINAL);
	return s;
}

/* The secret key file text for seed (sealed with pass unless NULL). */
static char *
seal_key(const unsigned char seed[SEED_LEN], const unsigned char *pk,
	 const char *kid, const char *pass)
{
	unsigned char blob[HDR_LEN + SEED_LEN +
			   crypto_aead_xchacha20poly1305_ietf_ABYTES];
	unsigned char key[32];
	unsigned long long clen;
	size_t n = HDR_LEN + SEED_LEN;
	char *enc, *text;

	memset(blob, 0, sizeof blob);
	memcpy(blob, MAGIC, 8);
	memcpy(blob + 72, pk, SIGN_PK_BYTES);
	if (pass == NULL) {
		blob[8] = ALG_NONE;
		memcpy(blob + HDR_LEN, seed, SEED_LEN);
	} else {
		blob[8] = ALG_ARGON_XCHACHA;
		put64(blob + 16, crypto_pwhash_OPSLIMIT_MODERATE);
		put64(blob + 24, crypto_pwhash_MEMLIMIT_MODERATE);
		randombytes_buf(blob + 32, 16);
		randombytes_buf(blob + 48, 24);
		if (crypto_pwhash(key, sizeof key, pass, strlen(pass),
				  blob + 32, crypto_pwhash_OPSLIMIT_MODERATE,
				  crypto_pwhash_MEMLIMIT_MODERATE,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
			return NULL;
		crypto_aead_xchacha20poly1305_ietf_encrypt(
		    blob + HDR_LEN, &clen, seed, SEED_LEN, blob, HDR_LEN, NULL,
		    blob + 48, key);
		sodium_memzero(key, sizeof key);
		n = HDR_LEN + (size_t)clen;
	}
	enc = b64(blob, n);
	sodium_memzero(blob, sizeof blob);
	text = xasprintf(SEC_HEAD "%s\n%s\n", kid, enc);
	sodium_memzero(enc, strlen(enc));
	free(enc);
	return text;
}

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

int
sign_keygen(const char *base, const struct sign_keygen_opts *opts,
	    struct sign_pub *pub, char *err, size_t errlen)
{
	char *pubpath = xasprintf("%s.pub", base);
	char *secpath = xasprintf("%s.key", base);
	char *pass = NULL, *sectext = NULL, *pubtext = NULL, *enc;
	char *tsec = NULL, *tpub = NULL;
	unsigned char *seed = NULL, pk[SIGN_PK_BYTES];
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	char kid[SIGN_KEY_ID_LEN + 1];
	int r = -1;

	no_dumps(); /* before the passphrase is read or the seed made */
	if (sign_init() < 0) {
		util_seterr(err, errlen, "cannot start libsodium");
		goto out;
	}
	if (!opts->force && (exists(pubpath) || exists(secpath))) {
		util_seterr(err, errlen,
			    "%s exists; not replacing it without "
			    "--force",
			    exists(secpath) ? secpath : pubpath);
		goto out;
	}
	if (!opts->unencrypted &&
	    (pass = get_pass(opts->passphrase_file, true, err, errlen)) == NULL)
		goto out;
	if ((seed = sodium_malloc(SEED_LEN)) == NULL) {
		util_seterr(err, errlen, "out of secure memory");
		goto out;
	}
	randombytes_buf(seed, SEED_LEN);
	crypto_sign_seed_keypair(pk, sk, seed);
	sodium_memzero(sk, sizeof sk);
	sign_key_id_of(pk, kid);
	if ((sectext = seal_key(seed, pk, kid, pass)) == NULL) {
		util_seterr(err, errlen, "out of memory deriving the key");
		goto out;
	}
	enc = b64(pk, sizeof pk);
	pubtext = xasprintf(PUB_HEAD "%s\n%s\n", kid, enc);
	free(enc);
	if ((tsec = write_temp(secpath, sectext, 0600, err, errlen)) == NULL ||
	    (tpub = write_temp(pubpath, pubtext, 0644, err, errlen)) == NULL ||
	    place_pair(tsec, secpath, tpub, pubpath, opts->force, err, errlen) <
		0)
		goto out;
	if (pub != NULL) {
		memcpy(pub->pk, pk, sizeof pk);
		memcpy(pub->key_id, kid, sizeof kid);
	}
	r = 0;
out:
	if (tsec != NULL) {
		unlink(tsec); /* gone already when renamed */
		free(tsec);
	}
	if (tpub != NULL) {
		unlink(tpub);
		free(tpub);
	}
	if (sectext != NULL) {
		sodium_memzero(sectext, strlen(sectext));
		free(sectext);
	}
	free(pubtext);
	sodium_free(seed);
	sodium_free(pass);
	free(pubpath);
	free(secpath);
	return r;
}

/* ---- Public keys ------------------------------------------------------ */

int
sign_pub_decode(const char *s, size_t n, unsigned char pk[SIGN_PK_BYTES])
{
	size_t got;

	return sodium_base642bin(pk, SIGN_PK_BYTES, s, n, NULL, &got, NULL,
				 sodium_base64_VARIANT_ORIGINAL) == 0 &&
		       got == SIGN_PK_BYTES
		   ? 0
		   : -1;
}

int
sign_pub_parse(const char *text, size_t len, struct sign_pub *out, char *err,
	       size_t errlen)
{
	char kid[SIGN_KEY_ID_LEN + 1];
	const char *b;
	size_t blen;

	if (sign_init() < 0) {
		util_seterr(err, errlen, "cannot start libsodium");
		return -1;
	}
	if (split_keyfile(text, len, PUB_HEAD, kid, &b, &blen, err, errlen) < 0)
		return -1;
	if (sign_pub_decode(b, blen, out->pk) < 0) {
		util_seterr(err, errlen,
			    "line 2: not a base64 Ed25519 public key");
		return -1;
	}
	sign_key_id_of(out->pk, out->key_id);
	if (strcmp(kid, out->key_id) != 0) {
		util_seterr(err, errlen,
			    "line 1: key id %s does not match the key "
			    "(%s)",
			    kid, out->key_id);
		return -1;
	}
	return 0;
}

int
sign_pub_load(const char *path, struct sign_pub *out, char *err, size_t errlen)
{
	char msg[200], *text;
	size_t len;
	int r;

	if ((text = read_small(path, &len, err, errlen)) == NULL)
		return -1;
	r = sign_pub_parse(text, len, out, msg, sizeof msg);
	free(text);
	if (r < 0)
		util_seterr(err, errlen, "%s: %s", path, msg);
	return r;
}
