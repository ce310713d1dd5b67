/* complog_line.c: encoding and parsing one completion-log line. */
#include "complog_line.h"

#include <jansson.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

static const char record_ctx[] = "workshop/v1/record";
static const char line_ctx[] = "workshop/v1/line";

static const char *const event_types[] = {"attended", "completed", "passed",
					  "failed", NULL};
static const char *const modes[] = {"learner", "kiosk", "facilitator",
				    "attend", NULL};

static bool
in_list(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

bool
complog_is_event(const char *type)
{
	return type != NULL && in_list(type, event_types);
}

void
complog_fields_init(struct complog_fields *f)
{
	memset(f, 0, sizeof *f);
	f->seq = -1;
	f->score = f->total = f->pass_mark = -1;
	f->duration = -1;
	f->torn_bytes = -1;
}

void
complog_fields_free(struct complog_fields *f)
{
	free(f->type);
	free(f->learner);
	free(f->staff_id);
	free(f->module);
	free(f->module_title);
	free(f->content_version);
	free(f->mode);
	free(f->facilitator);
	free(f->program);
	complog_fields_init(f);
}

char *
complog_encode_rec(const struct complog_fields *f)
{
	json_t *o = json_object(), *x;
	char *s;

	json_object_set_new(o, "seq", json_integer(f->seq));
	json_object_set_new(o, "log", json_string(f->log));
	json_object_set_new(o, "prev", json_string(f->prev));
	json_object_set_new(o, "ts", json_string(f->ts));
	json_object_set_new(o, "type", json_string(f->type));
	if (f->learner != NULL) {
		x = json_object();
		json_object_set_new(x, "name", json_string(f->learner));
		if (f->staff_id != NULL)
			json_object_set_new(x, "staff_id",
					    json_string(f->staff_id));
		json_object_set_new(o, "learner", x);
	}
	if (f->module != NULL) {
		x = json_object();
		json_object_set_new(x, "id", json_string(f->module));
		json_object_set_new(x, "title", json_string(f->module_title));
		json_object_set_new(x, "version",
				    json_string(f->content_version));
		json_object_set_new(o, "module", x);
	}
	if (f->mode != NULL)
		json_object_set_new(o, "mode", json_string(f->mode));
	if (f->facilitator != NULL)
		json_object_set_new(o, "facilitator",
				    json_string(f->facilitator));
	if (f->score >= 0) {
		x = json_object();
		json_object_set_new(x, "raw", json_integer(f->score));
		json_object_set_new(x, "max", json_integer(f->total));
		if (f->pass_mark >= 0)
			json_object_set_new(x, "pass_mark",
					    json_integer(f->pass_mark));
		json_object_set_new(o, "score", x);
	}
	if (f->duration >= 0)
		json_object_set_new(o, "duration", json_integer(f->duration));
	if (f->torn_bytes >= 0) {
		x = json_object();
		json_object_set_new(x, "bytes", json_integer(f->torn_bytes));
		json_object_set_new(x, "hash", json_string(f->torn_hash));
		json_object_set_new(o, "torn", x);
	}
	json_object_set_new(o, "program", json_string(f->program));
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (s == NULL)
		abort(); /* only on exhaustion or invalid UTF-8 from a caller */
	return s;
}

unsigned char *
complog_signed_message(const char *kid, const char *rec, size_t reclen,
		       size_t *n)
{
	size_t c = sizeof record_ctx; /* with its NUL */
	unsigned char *m = xmalloc(c + SIGN_KEY_ID_LEN + reclen);

	memcpy(m, record_ctx, c);
	memcpy(m + c, kid, SIGN_KEY_ID_LEN);
	memcpy(m + c + SIGN_KEY_ID_LEN, rec, reclen);
	*n = c + SIGN_KEY_ID_LEN + reclen;
	return m;
}

void
complog_line_hash(const char *line, size_t len, unsigned char out[32])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, (const unsigned char *)line_ctx,
				  sizeof line_ctx);
	crypto_generichash_update(&st, (const unsigned char *)line, len);
	crypto_generichash_final(&st, out, 32);
}

/* n decimal digits at s, or -1. */
static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

long long
complog_parse_ts(const char *ts)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	struct tm tm;
	time_t t;

	if (strlen(ts) != 20)
		return -1;
	for (int i = 0; i < 20; i++)
		if (shape[i] == 'd' ? ts[i] < '0' || ts[i] > '9'
				    : ts[i] != shape[i])
			return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = digits(ts, 4) - 1900;
	tm.tm_mon = digits(ts + 5, 2) - 1;
	tm.tm_mday = digits(ts + 8, 2);
	tm.tm_hour = digits(ts + 11, 2);
	tm.tm_min = digits(ts + 14, 2);
	tm.tm_sec = digits(ts + 17, 2);
	if (tm.tm_year < 70 || tm.tm_mon > 11 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
	    tm.tm_sec > 60)
		return -1;
	t = timegm(&tm);
	return (long long)t;
}

/* ---- Parsing ---------------------------------------------------------- */

struct pctx {
	char *why;
	size_t whylen;
	bool bad;
};

static void
fail(struct pctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
fail(struct pctx *c, const char *fmt, ...)
{
	va_list ap;

	if (c->bad)
		return; /* keep the first reason */
	c->bad = true;
	va_start(ap, fmt);
	vsnprintf(c->why, c->whylen, fmt, ap);
	va_end(ap);
}

static bool
is_hex(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* Text a record may carry: no control characters, bounded. */
static bool
clean_text(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	unsigned cp;

	if (n == 0 || n > COMPLOG_TEXT_MAX)
		return false;
	while (i < n) {
		if ((k = util_utf8_decode(s + i, n - i, &cp)) == 0)
			return false;
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return false;
		i += k;
	}
	return true;
}

/* A string member: copied into *out (if out) or checked only. */
static const char *
get_str(struct pctx *c, json_t *o, const char *key, bool required, char **out)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL) {
		if (required)
			fail(c, "rec: missing \"%s\"", key);
		return NULL;
	}
	if (!json_is_string(v)) {
		fail(c, "rec: \"%s\" must be a string", key);
		return NULL;
	}
	if (!clean_text(json_string_value(v))) {
		fail(c, "rec: \"%s\" is empty, too long or has a control "
			"character", key);
		return NULL;
	}
	if (out != NULL)
		*out = xstrdup(json_string_value(v));
	return json_string_value(v);
}

static long long
get_int(struct pctx *c, json_t *o, const char *key, long long max)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL) {
		fail(c, "rec: missing \"%s\"", key);
		return -1;
	}
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > max) {
		fail(c, "rec: \"%s\" must be an integer from 0 to %lld", key,
		     max);
		return -1;
	}
	return json_integer_value(v);
}

static void
get_fixed(struct pctx *c, json_t *o, const char *key, size_t hexlen,
	  char *out)
{
	const char *s = get_str(c, o, key, true, NULL);

	if (s == NULL)
		return;
	if (hexlen > 0 ? !is_hex(s, hexlen) : complog_parse_ts(s) < 0) {
		fail(c, "rec: \"%s\" is malformed", key);
		return;
	}
	strcpy(out, s);
}

static json_t *
get_obj(struct pctx *c, json_t *o, const char *key, bool required)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL) {
		if (required)
			fail(c, "rec: missing \"%s\"", key);
		return NULL;
	}
	if (!json_is_object(v)) {
		fail(c, "rec: \"%s\" must be an object", key);
		return NULL;
	}
	return v;
}

static void
parse_event(struct pctx *c, json_t *o, struct complog_fields *f)
{
	json_t *x;

	if ((x = get_obj(c, o, "learner", true)) != NULL) {
		get_str(c, x, "name", true, &f->learner);
		get_str(c, x, "staff_id", false, &f->staff_id);
	}
	if ((x = get_obj(c, o, "module", true)) != NULL) {
		get_str(c, x, "id", true, &f->module);
		get_str(c, x, "title", true, &f->module_title);
		get_str(c, x, "version", true, &f->content_version);
	}
	if (get_str(c, o, "mode", true, &f->mode) != NULL &&
	    !in_list(f->mode, modes))
		fail(c, "rec: unknown mode \"%s\"", f->mode);
	get_str(c, o, "facilitator", false, &f->facilitator);
	if ((x = get_obj(c, o, "score", false)) != NULL) {
		f->score = (int)get_int(c, x, "raw", 1000000);
		f->total = (int)get_int(c, x, "max", 1000000);
		if (json_object_get(x, "pass_mark") != NULL)
			f->pass_mark = (int)get_int(c, x, "pass_mark", 100);
		if (!c->bad && f->score > f->total)
			fail(c, "rec: score above its maximum");
	}
	if (json_object_get(o, "duration") != NULL)
		f->duration = (long)get_int(c, o, "duration", 100000000);
}

static void
parse_fields(struct pctx *c, json_t *o, struct complog_fields *f)
{
	json_t *x;

	f->seq = get_int(c, o, "seq", (1LL << 53));
	get_fixed(c, o, "log", COMPLOG_LOGID_HEX, f->log);
	get_fixed(c, o, "prev", COMPLOG_HASH_HEX, f->prev);
	get_fixed(c, o, "ts", 0, f->ts);
	if (get_str(c, o, "type", true, &f->type) == NULL)
		return;
	get_str(c, o, "program", true, &f->program);
	if (complog_is_event(f->type)) {
		parse_event(c, o, f);
	} else if (strcmp(f->type, "recovered") == 0) {
		if ((x = get_obj(c, o, "torn", true)) != NULL) {
			f->torn_bytes = get_int(c, x, "bytes", 1LL << 40);
			get_fixed(c, x, "hash", COMPLOG_HASH_HEX,
				  f->torn_hash);
		}
	} else if (strcmp(f->type, "genesis") != 0) {
		fail(c, "rec: unknown record type \"%s\"", f->type);
	}
}

static int
parse_prefix(struct pctx *c, const char *line, size_t len,
	     struct complog_line *out)
{
	static const char p1[] = "{\"sig\":\"", p2[] = "\",\"kid\":\"",
			  p3[] = "\",\"rec\":";
	const char *s = line;
	size_t got;

	if (len < COMPLOG_PREFIX_LEN + 3 || memcmp(s, p1, 8) != 0 ||
	    memcmp(s + 96, p2, 9) != 0 || memcmp(s + 121, p3, 8) != 0 ||
	    line[len - 1] != '}') {
		fail(c, "not a signed record "
			"(expected {\"sig\":...,\"kid\":...,\"rec\":{...}})");
		return -1;
	}
	if (sodium_base642bin(out->sig, sizeof out->sig, s + 8, 88, NULL, &got,
			      NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    got != SIGN_SIG_BYTES) {
		fail(c, "\"sig\" is not a base64 Ed25519 signature");
		return -1;
	}
	memcpy(out->kid, s + 105, SIGN_KEY_ID_LEN);
	out->kid[SIGN_KEY_ID_LEN] = '\0';
	if (!is_hex(out->kid, SIGN_KEY_ID_LEN)) {
		fail(c, "\"kid\" is not a key id (16 hex digits)");
		return -1;
	}
	out->rec = s + COMPLOG_PREFIX_LEN;
	out->reclen = len - COMPLOG_PREFIX_LEN - 1;
	return 0;
}

int
complog_parse_line(const char *line, size_t len, struct complog_line *out,
		   char *why, size_t whylen)
{
	struct pctx c = {why, whylen, false};
	json_error_t je;
	json_t *o;
	char *canon;

	complog_fields_init(&out->f);
	if (parse_prefix(&c, line, len, out) < 0)
		return -1;
	o = json_loadb(out->rec, out->reclen, JSON_REJECT_DUPLICATES, &je);
	if (o == NULL || !json_is_object(o)) {
		fail(&c, "rec: not a JSON object (%s)",
		     o == NULL ? je.text : "wrong type");
		json_decref(o);
		return -1;
	}
	parse_fields(&c, o, &out->f);
	json_decref(o);
	if (!c.bad) {
		canon = complog_encode_rec(&out->f);
		if (strlen(canon) != out->reclen ||
		    memcmp(canon, out->rec, out->reclen) != 0)
			fail(&c, "rec: not in canonical form (unknown key, "
				 "key order, spacing or escapes)");
		free(canon);
	}
	if (c.bad) {
		complog_fields_free(&out->f);
		return -1;
	}
	return 0;
}

int
complog_format_line(struct strbuf *out, const struct sign_key *key,
		    const struct complog_fields *f)
{
	char *rec = complog_encode_rec(f);
	size_t reclen = strlen(rec), mlen;
	unsigned char *msg, sig[SIGN_SIG_BYTES];
	char b64[sodium_base64_ENCODED_LEN(SIGN_SIG_BYTES,
					   sodium_base64_VARIANT_ORIGINAL)];
	bool ok;

	msg = complog_signed_message(sign_key_id(key), rec, reclen, &mlen);
	sign_detached(key, msg, mlen, sig);
	/* As minisign does: never write a signature that does not verify. */
	ok = sign_check(sign_key_pub(key)->pk, msg, mlen, sig);
	free(msg);
	if (ok) {
		sodium_bin2base64(b64, sizeof b64, sig, sizeof sig,
				  sodium_base64_VARIANT_ORIGINAL);
		strbuf_addf(out, "{\"sig\":\"%s\",\"kid\":\"%s\",\"rec\":", b64,
			    sign_key_id(key));
		strbuf_add(out, rec, reclen);
		strbuf_adds(out, "}\n");
	}
	free(rec);
	return ok ? 0 : -1;
}
