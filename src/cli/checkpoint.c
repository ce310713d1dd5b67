/*
 * checkpoint.c: verify's checkpoint file, the heads of logs verified
 * before and the bytes verified up to them (see checkpoint.h and
 * workshop-log(5)).
 */
#include "checkpoint.h"

#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complog_line.h"
#include "paths.h"
#include "util.h"

#define HEAD_WORD "workshop-checkpoint"
#define PREFIX_WORD "#workshop-prefix"
#define PREFIX_FORM                                                            \
	PREFIX_WORD " VERSION LOGID SEQ HASH BYTES BLAKE2B RECOVERED KEYS "    \
		    "TRUST"

static void
heads_free(struct checkpoint_head *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

static void
prefixes_free(struct checkpoint_prefix *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].raw);
	free(v);
}

void
checkpoint_free(struct checkpoint *cp)
{
	heads_free(cp->v, cp->n);
	prefixes_free(cp->pv, cp->np);
	free(cp->file);
	memset(cp, 0, sizeof *cp);
}

/* ---- Reading ------------------------------------------------------------ */

/* A head line "workshop-checkpoint LOGID SEQ HASH [PATH]" (PATH, the rest
 * of the line, is left out by workshop attend).  0 ok, -1 not one. */
static int
parse_head(const char *line, struct checkpoint_head *h)
{
	int at = 0;

	memset(h, 0, sizeof *h);
	if (sscanf(line, HEAD_WORD " %32s %lld %64s%n", h->log_id, &h->seq,
		   h->hash, &at) != 3 ||
	    (line[at] != '\0' && line[at] != ' ') ||
	    !util_is_lower_hex(h->log_id, 32) ||
	    !util_is_lower_hex(h->hash, 64) || h->seq < 0)
		return -1;
	if (line[at] == ' ' && line[at + 1] != '\0')
		h->path = xstrdup(line + at + 1);
	return 0;
}

/* A whole number from 0 to max, in decimal digits only. */
static bool
number(const char *s, long long max, long long *out)
{
	long long v = 0;

	if (*s == '\0' || strlen(s) > 18)
		return false;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return v <= max;
}

/* KEYS: 1 to 63 key ids joined by commas, none twice. */
static bool
key_list(const char *s, struct checkpoint_prefix *p)
{
	char *copy = xstrdup(s), *k, *next;
	bool ok = true;

	for (p->nkeys = 0, k = copy; ok && k != NULL; k = next) {
		if ((next = strchr(k, ',')) != NULL)
			*next++ = '\0';
		ok = p->nkeys < 63 && util_is_lower_hex(k, SIGN_KEY_ID_LEN);
		for (size_t i = 0; ok && i < p->nkeys; i++)
			ok = strcmp(p->keys[i], k) != 0;
		if (ok)
			memcpy(p->keys[p->nkeys++], k, SIGN_KEY_ID_LEN + 1);
	}
	free(copy);
	return ok;
}

/* The fields of a prefix line after its version, in order. */
enum field_kind { F_HEX32, F_HEX64, F_SEQ, F_BYTES, F_KEYS };

static const struct {
	const char *name;
	enum field_kind kind;
	size_t off;
	const char *what;
} prefix_fields[] = {
    {"LOGID", F_HEX32, offsetof(struct checkpoint_prefix, log_id),
     "32 lower-case hex digits"},
    {"SEQ", F_SEQ, offsetof(struct checkpoint_prefix, seq),
     "a sequence number"},
    {"HASH", F_HEX64, offsetof(struct checkpoint_prefix, hash),
     "64 lower-case hex digits"},
    {"BYTES", F_BYTES, offsetof(struct checkpoint_prefix, bytes),
     "a number of bytes, 1 or more"},
    {"BLAKE2B", F_HEX64, offsetof(struct checkpoint_prefix, blake2b),
     "64 lower-case hex digits"},
    {"RECOVERED", F_SEQ, offsetof(struct checkpoint_prefix, recovered),
     "a number of records"},
    {"KEYS", F_KEYS, 0,
     "1 to 63 key ids (16 lower-case hex digits) "
     "joined by commas"},
    {"TRUST", F_HEX64, offsetof(struct checkpoint_prefix, trust),
     "64 lower-case hex digits"},
};

static bool
field(struct checkpoint_prefix *p, size_t k, const char *w)
{
	char *at = (char *)p + prefix_fields[k].off;

	switch (prefix_fields[k].kind) {
	case F_HEX32:
	case F_HEX64:
		if (!util_is_lower_hex(
			w, prefix_fields[k].kind == F_HEX32 ? 32 : 64))
			return false;
		strcpy(at, w);
		return true;
	case F_SEQ:
		return number(w, COMPLOG_SEQ_MAX, (long long *)(void *)at);
	case F_BYTES:
		return number(w, LLONG_MAX / 2, (long long *)(void *)at) &&
		       *(long long *)(void *)at > 0;
	case F_KEYS:
		return key_list(w, p);
	}
	return false;
}

/* The next word of *s (words are split by one space), cut out in place;
 * NULL when none is left. */
static char *
word(char **s)
{
	char *w = *s, *sp;

	if (w == NULL)
		return NULL;
	sp = strchr(w, ' ');
	if (sp != NULL)
		*sp++ = '\0';
	*s = sp;
	return w;
}

/*
 * A prefix line, "#workshop-prefix VERSION ..." (line is cut up).  0 ok;
 * -1 with what is wrong in why.  Another version's line needs only its
 * version and log id; it is kept whole.
 */
static int
parse_prefix(char *line, struct checkpoint_prefix *p, char *why, size_t whylen)
{
	char *rest = line + strlen(PREFIX_WORD " "), *w, *raw = xstrdup(line);
	size_t k;

	memset(p, 0, sizeof *p);
	w = word(&rest);
	if (!number(w, 1000000, &p->version) || p->version == 0) {
		util_seterr(why, whylen, "VERSION '%s' is not a number", w);
		free(raw);
		return -1;
	}
	for (k = 0; k < UTIL_NELEM(prefix_fields); k++) {
		if (p->version != COMPLOG_PREFIX_VERSION && k > 0)
			break;
		if ((w = word(&rest)) == NULL || !field(p, k, w)) {
			util_seterr(why, whylen, "%s %s%s%s is not %s",
				    prefix_fields[k].name, w ? "'" : "",
				    w ? w : "missing", w ? "'" : "",
				    prefix_fields[k].what);
			free(raw);
			return -1;
		}
	}
	if (p->version != COMPLOG_PREFIX_VERSION) {
		p->raw = raw;
		return 0;
	}
	free(raw);
	if (rest != NULL) {
		util_seterr(why, whylen, "more than TRUST");
		return -1;
	}
	if (p->recovered > p->seq) {
		util_seterr(why, whylen, "RECOVERED is more than SEQ");
		return -1;
	}
	return 0;
}

/* Add a prefix line to cp.  0 ok; -1 with the reason in why. */
static int
add_prefix(struct checkpoint *cp, char *line, char *why, size_t whylen)
{
	struct checkpoint_prefix p;
	char what[200];

	if (parse_prefix(line, &p, what, sizeof what) < 0) {
		util_seterr(why, whylen,
			    "not a prefix line: %s (expected " PREFIX_FORM ")",
			    what);
		return -1;
	}
	for (size_t i = 0; i < cp->np; i++)
		if (strcmp(cp->pv[i].log_id, p.log_id) == 0) {
			util_seterr(why, whylen,
				    "a second prefix line for log %s",
				    p.log_id);
			free(p.raw);
			return -1;
		}
	cp->pv = xreallocarray(cp->pv, cp->np + 1, sizeof *cp->pv);
	cp->pv[cp->np++] = p;
	return 0;
}

/* Add one line (NUL-terminated, no newline) to cp.  0 ok; -1 with the
 * reason in why. */
static int
parse_line(struct checkpoint *cp, char *line, char *why, size_t whylen)
{
	struct checkpoint_head h;

	if (strncmp(line, PREFIX_WORD " ", strlen(PREFIX_WORD " ")) == 0)
		return add_prefix(cp, line, why, whylen);
	if (line[0] == '#' || line[0] == '\0')
		return 0;
	if (parse_head(line, &h) < 0) {
		util_seterr(why, whylen,
			    "not a checkpoint line (expected " HEAD_WORD
			    " LOGID SEQ HASH [PATH])");
		return -1;
	}
	cp->v = xreallocarray(cp->v, cp->n + 1, sizeof *cp->v);
	cp->v[cp->n++] = h;
	return 0;
}

int
checkpoint_parse(const char *name, const char *text, size_t len,
		 struct checkpoint *cp, char *err, size_t errlen)
{
	const char *p = text, *end = text + len, *nl;
	char *line, why[400];
	unsigned long lineno = 0;
	int r = 0;

	while (r == 0 && p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		lineno++;
		line = xstrndup(p, (size_t)(nl - p));
		if (strlen(line) != (size_t)(nl - p)) {
			util_seterr(why, sizeof why,
				    "not a checkpoint line (it holds a zero "
				    "byte)");
			r = -1;
		} else {
			r = parse_line(cp, line, why, sizeof why);
		}
		if (r < 0)
			util_seterr(err, errlen, "%s:%lu: %s", name, lineno,
				    why);
		free(line);
		p = nl + 1;
	}
	return r;
}

int
checkpoint_load(const char *file, struct checkpoint *cp, char *err,
		size_t errlen)
{
	size_t len;
	char *text;
	int r;

	memset(cp, 0, sizeof *cp);
	cp->file = xstrdup(file);
	if ((text = util_read_file(file, CHECKPOINT_MAX, &len)) == NULL) {
		if (errno == ENOENT)
			return 0;
		util_seterr(err, errlen, "%s: %s", file,
			    errno == EFBIG ? "larger than 256 MiB"
					   : strerror(errno));
		return -1;
	}
	cp->exists = true;
	r = checkpoint_parse(file, text, len, cp, err, errlen);
	free(text);
	return r;
}

/* ---- Writing -------------------------------------------------------------
 */

static void
format_prefix(struct strbuf *b, const struct checkpoint_prefix *p)
{
	if (p->raw != NULL) {
		strbuf_addf(b, "%s\n", p->raw);
		return;
	}
	strbuf_addf(b, PREFIX_WORD " %lld %s %lld %s %lld %s %lld ", p->version,
		    p->log_id, p->seq, p->hash, p->bytes, p->blake2b,
		    p->recovered);
	for (size_t i = 0; i < p->nkeys; i++)
		strbuf_addf(b, "%s%s", i > 0 ? "," : "", p->keys[i]);
	strbuf_addf(b, " %s\n", p->trust);
}

char *
checkpoint_format(const struct checkpoint *cp)
{
	struct strbuf b;

	strbuf_init(&b);
	strbuf_adds(&b, "# workshop verify checkpoint: each log's verified "
			"head,\n"
			"# " HEAD_WORD " LOGID SEQ HASH [PATH]\n"
			"# and the bytes verified up to it (workshop-log(5)):\n"
			"# " PREFIX_FORM "\n");
	for (size_t i = 0; i < cp->n; i++) {
		const struct checkpoint_head *h = &cp->v[i];
		bool first = true;

		strbuf_addf(&b, HEAD_WORD " %s %lld %s%s%s\n", h->log_id,
			    h->seq, h->hash, h->path != NULL ? " " : "",
			    h->path != NULL ? h->path : "");
		/* Its log's prefix follows its first head. */
		for (size_t j = 0; j < i && first; j++)
			first = strcmp(cp->v[j].log_id, h->log_id) != 0;
		for (size_t j = 0; first && j < cp->np; j++)
			if (strcmp(cp->pv[j].log_id, h->log_id) == 0)
				format_prefix(&b, &cp->pv[j]);
	}
	return strbuf_detach(&b);
}

/*
 * Replace the file atomically under a temporary name of this process's
 * own (paths_write_atomic), so verify and send sharing one file never
 * write into each other's temporary file; mode 0644, as attend makes it.
 */
static int
checkpoint_write(const char *file, const char *text)
{
	return paths_write_atomic(file, text, strlen(text), 0644, NULL);
}

/* ---- The keys that signed a prefix -------------------------------------- */

static void
add_be64(crypto_generichash_state *st, long long v)
{
	unsigned char b[8];
	unsigned long long u = (unsigned long long)v;

	for (int i = 7; i >= 0; i--, u >>= 8)
		b[i] = (unsigned char)(u & 0xff);
	crypto_generichash_update(st, b, sizeof b);
}

int
checkpoint_trust_digest(const struct sign_trust *trust,
			const struct checkpoint_prefix *p, char out[65],
			size_t *missing)
{
	static const char ctx[] = "workshop/v1/trust";
	crypto_generichash_state st;
	const struct sign_trusted *t;
	unsigned char h[32];

	sign_init();
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)ctx, sizeof ctx);
	for (size_t i = 0; i < p->nkeys; i++) {
		if ((t = sign_trust_find(trust, p->keys[i])) == NULL) {
			*missing = i;
			return -1;
		}
		crypto_generichash_update(
		    &st, (const unsigned char *)p->keys[i], SIGN_KEY_ID_LEN);
		crypto_generichash_update(&st, t->pub.pk, SIGN_PK_BYTES);
		add_be64(&st, (long long)t->from);
		add_be64(&st, (long long)t->until);
	}
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, 65, h, sizeof h);
	return 0;
}

/* ---- Each log ------------------------------------------------------------ */

static const struct checkpoint_prefix *
prefix_of(const struct checkpoint *cp, const char *log_id)
{
	for (size_t i = 0; i < cp->np; i++)
		if (strcmp(cp->pv[i].log_id, log_id) == 0)
			return &cp->pv[i];
	return NULL;
}

/* The head of the last verification of log_id: its prefix's, else the
 * latest head verify kept (with a path); -1 if none. */
static long long
last_verified(const struct checkpoint *cp, const char *log_id)
{
	const struct checkpoint_prefix *p = prefix_of(cp, log_id);
	long long seq = -1;

	if (p != NULL && p->raw == NULL)
		return p->seq;
	for (size_t i = 0; i < cp->n; i++)
		if (cp->v[i].path != NULL && cp->v[i].seq > seq &&
		    strcmp(cp->v[i].log_id, log_id) == 0)
			seq = cp->v[i].seq;
	return seq;
}

/* Are the keys that signed p trusted now as they were?  Says why not. */
static bool
same_keys(const struct checkpoint_prefix *p, const struct sign_trust *trust,
	  char *why, size_t whylen)
{
	char digest[65];
	size_t missing;

	if (checkpoint_trust_digest(trust, p, digest, &missing) < 0) {
		util_seterr(why, whylen,
			    "key %s, which signed records before the "
			    "checkpoint, is no longer trusted; verifying in "
			    "full",
			    p->keys[missing]);
		return false;
	}
	if (strcmp(digest, p->trust) != 0) {
		util_seterr(why, whylen,
			    "the trusted keys that signed the records before "
			    "the checkpoint have changed since (a public key "
			    "or a validity window); verifying in full");
		return false;
	}
	return true;
}

void
checkpoint_prepare(const struct checkpoint *cp, struct checkpoint_log *L,
		   const struct sign_trust *trust)
{
	const struct checkpoint_prefix *p;
	struct complog_resume *z = &L->resume;

	L->resumable = false;
	L->note[0] = '\0';
	L->new_after = -1;
	if (complog_first_log_id(L->path, L->first_id) < 0) {
		L->first_id[0] = '\0';
		return;
	}
	L->new_after = last_verified(cp, L->first_id);
	if ((p = prefix_of(cp, L->first_id)) == NULL)
		return;
	if (p->version != COMPLOG_PREFIX_VERSION) {
		util_seterr(L->note, sizeof L->note,
			    "the checkpoint's record of the bytes verified is "
			    "of another version of workshop (%lld, not %d); "
			    "verifying in full",
			    p->version, COMPLOG_PREFIX_VERSION);
		return;
	}
	if (!same_keys(p, trust, L->note, sizeof L->note))
		return;
	memset(z, 0, sizeof *z);
	z->bytes = p->bytes;
	sodium_hex2bin(z->prefix_hash, sizeof z->prefix_hash, p->blake2b, 64,
		       NULL, NULL, NULL);
	memcpy(z->log_id, p->log_id, sizeof z->log_id);
	z->seq = p->seq;
	memcpy(z->hash, p->hash, sizeof z->hash);
	z->recovered = (unsigned long)p->recovered;
	memcpy(z->keys, p->keys, sizeof z->keys);
	z->nkeys = p->nkeys;
	L->resumable = true;
}

void
checkpoint_verified(struct checkpoint_log *L, bool passed,
		    const struct complog_verify_result *res,
		    const struct sign_trust *trust)
{
	struct checkpoint_prefix *p = &L->prefix;
	size_t missing;

	L->resumed = res->prefix_use == COMPLOG_PREFIX_USED;
	if (res->prefix_use == COMPLOG_PREFIX_CHANGED)
		util_seterr(L->note, sizeof L->note,
			    "the %lld bytes verified at the last checkpoint "
			    "have changed since; verifying in full",
			    L->resume.bytes);
	else if (res->prefix_use == COMPLOG_PREFIX_SHORTER)
		util_seterr(L->note, sizeof L->note,
			    "the log is shorter than the %lld bytes verified "
			    "at the last checkpoint; verifying in full",
			    L->resume.bytes);
	memcpy(L->head.log_id, res->log_id, sizeof L->head.log_id);
	L->head.seq = passed ? res->head_seq : -1;
	memcpy(L->head.hash, res->head_hash, sizeof L->head.hash);
	memset(p, 0, sizeof *p);
	/* 64 keys seen may be more, unknown: no prefix then. */
	L->has_prefix = passed && res->has_prefix && res->nkeys_seen < 64;
	if (!L->has_prefix)
		return;
	p->version = COMPLOG_PREFIX_VERSION;
	memcpy(p->log_id, res->log_id, sizeof p->log_id);
	p->seq = res->head_seq;
	memcpy(p->hash, res->head_hash, sizeof p->hash);
	p->bytes = res->head_end;
	sodium_bin2hex(p->blake2b, sizeof p->blake2b, res->prefix_hash,
		       sizeof res->prefix_hash);
	p->recovered = (long long)res->recovered;
	memcpy(p->keys, res->keys_seen, sizeof p->keys);
	p->nkeys = res->nkeys_seen;
	L->has_prefix =
	    checkpoint_trust_digest(trust, p, p->trust, &missing) == 0;
}

/* ---- Judging and saving -------------------------------------------------- */

/* The log's full path as a checkpoint records it; NULL if it has none. */
static char *
full_path(const char *log)
{
	char *p = realpath(log, NULL);

	if (p != NULL && strchr(p, '\n') != NULL) {
		free(p);
		p = NULL;
	}
	return p;
}

/* Is log_id among the logs given (as verified, or as its first line
 * names it)? */
static bool
among(const struct checkpoint_log *logs, int nlogs, const char *log_id)
{
	for (int i = 0; i < nlogs; i++)
		if (strcmp(logs[i].head.log_id, log_id) == 0 ||
		    strcmp(logs[i].first_id, log_id) == 0)
			return true;
	return false;
}

/*
 * A log whose id the checkpoint does not know: replaced when a log the
 * checkpoint knows is missing from the logs given and was at the same path
 * (or its path was not recorded).  The reason in why.
 */
static bool
replaced(const struct checkpoint *cp, const struct checkpoint_log *logs,
	 int nlogs, int i, char *why, size_t whylen)
{
	char *full = full_path(logs[i].path);
	bool r = false;

	for (size_t j = 0; j < cp->n && !r; j++) {
		const struct checkpoint_head *k = &cp->v[j];

		if (among(logs, nlogs, k->log_id) ||
		    (k->path != NULL &&
		     (full == NULL || strcmp(k->path, full) != 0)))
			continue;
		util_seterr(why, whylen,
			    "log %s is not the log %s that %s checkpointed "
			    "(seq %lld)%s: the log was replaced; if that was "
			    "meant, remove its line from %s",
			    logs[i].head.log_id, k->log_id, cp->file, k->seq,
			    k->path != NULL ? " at this path"
					    : ", which is not among the logs "
					      "given",
			    cp->file);
		r = true;
	}
	free(full);
	return r;
}

/*
 * Where to look for the kept head k in log L: 0 from the start, the end
 * of the prefix its verification went on from when k is after it, -1 when
 * k is that prefix's own head (found by its hash).
 */
static long long
look_from(const struct checkpoint_log *L, const struct checkpoint_head *k)
{
	const struct complog_resume *z = &L->resume;

	if (!L->resumed)
		return 0;
	if (k->seq == z->seq && strcmp(k->hash, z->hash) == 0)
		return -1;
	return k->seq > z->seq ? z->bytes : 0;
}

enum checkpoint_result
checkpoint_judge(const struct checkpoint *cp, const struct checkpoint_log *logs,
		 int nlogs, int i, char *why, size_t whylen)
{
	const struct checkpoint_log *L = &logs[i];
	size_t found = 0;
	long long from;
	int r;

	/* Every head kept for this log (at each session's end, say) must
	 * still be in it. */
	for (size_t j = 0; j < cp->n; j++) {
		if (strcmp(cp->v[j].log_id, L->head.log_id) != 0)
			continue;
		found++;
		if ((from = look_from(L, &cp->v[j])) < 0)
			continue;
		r = complog_find_head(L->path, from, cp->v[j].seq,
				      cp->v[j].hash, why, whylen);
		if (r == 1)
			return CHECKPOINT_ROLLED_BACK;
		if (r != 0)
			return CHECKPOINT_ERROR;
	}
	if (found == 0 && L->head.log_id[0] != '\0' &&
	    replaced(cp, logs, nlogs, i, why, whylen))
		return CHECKPOINT_REPLACED;
	return CHECKPOINT_OK;
}

/* Is log_id that of a log given before index i? */
static bool
given_before(const struct checkpoint_log *logs, int i, const char *log_id)
{
	for (int j = 0; j < i; j++)
		if (strcmp(logs[j].head.log_id, log_id) == 0)
			return true;
	return false;
}

int
checkpoint_save(const struct checkpoint *cp, const struct checkpoint_log *logs,
		int nlogs)
{
	struct checkpoint out = {0};
	char *text;
	int r;

	out.v = xcalloc(cp->n + (size_t)nlogs, sizeof *out.v);
	out.pv = xcalloc(cp->np + (size_t)nlogs, sizeof *out.pv);
	for (size_t j = 0; j < cp->n; j++)
		if (!among(logs, nlogs, cp->v[j].log_id)) {
			out.v[out.n] = cp->v[j];
			out.v[out.n++].path = cp->v[j].path != NULL
						  ? xstrdup(cp->v[j].path)
						  : NULL;
		}
	for (size_t j = 0; j < cp->np; j++)
		if (!among(logs, nlogs, cp->pv[j].log_id)) {
			out.pv[out.np] = cp->pv[j];
			out.pv[out.np++].raw = cp->pv[j].raw != NULL
						   ? xstrdup(cp->pv[j].raw)
						   : NULL;
		}
	for (int i = 0; i < nlogs; i++) {
		if (given_before(logs, i, logs[i].head.log_id))
			continue; /* the same log given twice */
		out.v[out.n] = logs[i].head;
		out.v[out.n++].path = full_path(logs[i].path);
		if (logs[i].has_prefix)
			out.pv[out.np++] = logs[i].prefix;
	}
	text = checkpoint_format(&out);
	r = checkpoint_write(cp->file, text);
	free(text);
	checkpoint_free(&out);
	return r;
}
