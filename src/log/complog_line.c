/* complog_line.c: encoding and parsing one completion-log line. */
#include "complog_line.h"

#include <jansson.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complog.h"
#include "util.h"
#include "when.h"

static const char record_ctx[] = "workshop/v1/record";
static const char line_ctx[] = "workshop/v1/line";

static const char *const event_types[] = {"attended", "completed", "passed",
					  "failed", NULL};
static const char *const modes[] = {"learner", "kiosk", "facilitator", "attend",
				    NULL};

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
	f->present = -1;
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
	free(f->tally_set);
	free(f->tally_before);
	free(f->tally_after);
	complog_fields_init(f);
}

/* nq rows of scale counts as a JSON array of arrays. */
static json_t *
tally_rows(const unsigned *v, int nq, int scale)
{
	json_t *a = json_array(), *row;

	for (int q = 0; q < nq; q++) {
		row = json_array();
		for (int k = 0; k < scale; k++)
			json_array_append_new(
			    row, json_integer((json_int_t)v[q * scale + k]));
		json_array_append_new(a, row);
	}
	return a;
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
	if (f->present >= 0)
		json_object_set_new(o, "present", json_integer(f->present));
	if (f->tally_set != NULL) {
		x = json_object();
		json_object_set_new(x, "set", json_string(f->tally_set));
		json_object_set_new(x, "scale", json_integer(f->tally_scale));
		json_object_set_new(
		    x, "before",
		    tally_rows(f->tally_before, f->tally_nq, f->tally_scale));
		json_object_set_new(
		    x, "after",
		    tally_rows(f->tally_after, f->tally_nq, f->tally_scale));
		json_object_set_new(o, "tallies", x);
	}
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

size_t
complog_signed_message_into(unsigned char *buf, const char *kid,
			    const char *rec, size_t reclen)
{
	size_t c = sizeof record_ctx; /* with its NUL */

	memcpy(buf, record_ctx, c);
	memcpy(buf + c, kid, SIGN_KEY_ID_LEN);
	memcpy(buf + c + SIGN_KEY_ID_LEN, rec, reclen);
	return c + SIGN_KEY_ID_LEN + reclen;
}

unsigned char *
complog_signed_message(const char *kid, const char *rec, size_t reclen,
		       size_t *n)
{
	unsigned char *m = xmalloc(COMPLOG_MSG_EXTRA + reclen);

	*n = complog_signed_message_into(m, kid, rec, reclen);
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

/* ---- Parsing ----------------------------------------------------------
 *
 * A scanner that accepts exactly the canonical bytes complog_encode_rec()
 * writes and nothing else: the keys in their order, each at most once, no
 * whitespace, plain decimal integers, and strings whose only escapes are \"
 * and \\ (text with control characters is refused, so nothing else needs
 * escaping).  Anything else (an unknown, repeated or reordered key, a
 * space, a float, a different escape) fails at the first byte that
 * differs.  Which keys a record of each type must and must not have is
 * not the scanner's business: complog_check_fields() says.  The fuzzer
 * checks that whatever parses re-encodes to the same bytes.
 */

struct pctx {
	char *why;
	size_t whylen;
	bool bad;
	const char *start, *p, *end;
};

static void fail(struct pctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

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

/* Consume the literal s if it comes next. */
static bool
lit(struct pctx *c, const char *s)
{
	size_t n = strlen(s);

	if (c->bad || (size_t)(c->end - c->p) < n || memcmp(c->p, s, n) != 0)
		return false;
	c->p += n;
	return true;
}

static void
need(struct pctx *c, const char *s)
{
	const char *q;

	if (c->bad || lit(c, s))
		return;
	/* ,"key": where another key belongs: name it. */
	if (c->end - c->p > 3 && c->p[0] == ',' && c->p[1] == '"' &&
	    (q = memchr(c->p + 2, '"', (size_t)(c->end - c->p - 2))) != NULL &&
	    q - c->p < 40)
		fail(c,
		     "rec: not in canonical form at byte %zu (\"%.*s\" is "
		     "unknown, repeated or out of order; expected %s)",
		     (size_t)(c->p - c->start) + 1, (int)(q - c->p - 2),
		     c->p + 2, s);
	else
		fail(c, "rec: not in canonical form at byte %zu (expected %s)",
		     (size_t)(c->p - c->start) + 1, s);
}

static bool
control_escape(const char *p, const char *end)
{
	unsigned v = 0;

	if (strchr("bfnrt", p[1]) != NULL)
		return true;
	if (p[1] != 'u' || end - p < 6)
		return false;
	for (int i = 2; i < 6; i++) {
		char h = p[i];

		v = v * 16 + (unsigned)(h >= '0' && h <= '9'   ? h - '0'
					: h >= 'a' && h <= 'f' ? h - 'a' + 10
					: h >= 'A' && h <= 'F' ? h - 'A' + 10
							       : 99);
	}
	return v < 0x20 || (v >= 0x7f && v < 0xa0);
}

/*
 * A string value (what names it in messages): a fresh unescaped copy that
 * complog_check_text() accepts, or NULL (c->bad set).
 */
static char *
str(struct pctx *c, const char *what)
{
	const char *s;
	size_t esc = 0, n, i, j;
	char *out, err[200];

	if (c->bad)
		return NULL;
	if (c->p >= c->end || *c->p != '"') {
		fail(c,
		     "rec: not in canonical form at byte %zu (expected a "
		     "string for %s)",
		     (size_t)(c->p - c->start) + 1, what);
		return NULL;
	}
	s = ++c->p;
	while (c->p < c->end && *c->p != '"') {
		if (*c->p == '\\') {
			if (c->p + 1 < c->end &&
			    (c->p[1] == '"' || c->p[1] == '\\')) {
				c->p += 2;
				esc++;
				continue;
			}
			if (c->p + 1 < c->end && control_escape(c->p, c->end))
				fail(c, "rec: %s contains a control character",
				     what);
			else
				fail(c,
				     "rec: %s: not in canonical form (an "
				     "escape that is not needed)",
				     what);
			return NULL;
		}
		if ((unsigned char)*c->p < 0x20) {
			fail(c, "rec: %s contains a raw control character",
			     what);
			return NULL;
		}
		c->p++;
	}
	if (c->p >= c->end) {
		fail(c, "rec: %s: the string does not end", what);
		return NULL;
	}
	n = (size_t)(c->p - s);
	c->p++;
	out = xmalloc(n - esc + 1);
	for (i = j = 0; i < n; i++)
		out[j++] = s[i] == '\\' ? s[++i] : s[i];
	out[j] = '\0';
	if (strlen(out) != j ||
	    complog_check_text(what, out, err, sizeof err) < 0) {
		fail(c, "rec: %s", strlen(out) != j ? "a zero byte" : err);
		free(out);
		return NULL;
	}
	return out;
}

/* A string of lower-case hex digits (hexlen of them) or, with hexlen 0, a
 * timestamp, into out (hexlen + 1 or 21 bytes). */
static void
fixed(struct pctx *c, const char *what, size_t hexlen, char *out)
{
	char *s = str(c, what);

	if (s == NULL)
		return;
	if (hexlen > 0 ? !util_is_lower_hex(s, hexlen) : when_parse_ts(s) < 0)
		fail(c, "rec: %s is malformed", what);
	else
		strcpy(out, s);
	free(s);
}

static long long
num(struct pctx *c, const char *key, long long max)
{
	const char *s = c->p;
	long long v = 0;

	if (c->bad)
		return -1;
	if (c->p < c->end && *c->p == '0') {
		c->p++;
	} else {
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9' &&
		       v <= max)
			v = v * 10 + (*c->p++ - '0');
	}
	if (c->p == s)
		fail(c,
		     "rec: not in canonical form at byte %zu (expected an "
		     "integer for \"%s\")",
		     (size_t)(c->p - c->start) + 1, key);
	else if (v > max)
		fail(c, "rec: \"%s\" must be an integer from 0 to %lld", key,
		     max);
	if (c->bad)
		return -1;
	return v;
}

/* "learner", from its name on. */
static void
parse_learner(struct pctx *c, struct complog_fields *f)
{
	f->learner = str(c, "the learner's name");
	if (lit(c, ",\"staff_id\":"))
		f->staff_id = str(c, "the staff id");
	need(c, "}");
}

/* "module", from its id on. */
static void
parse_module(struct pctx *c, struct complog_fields *f)
{
	f->module = str(c, "the module id");
	need(c, ",\"title\":");
	f->module_title = str(c, "the module title");
	need(c, ",\"version\":");
	f->content_version = str(c, "the content version");
	need(c, "}");
}

/*
 * [[n,...],...]: rows of exactly scale counts.  With nq > 0, exactly nq
 * rows; otherwise 1 to COMPLOG_TALLY_MAX_QUESTIONS, the number in *got.
 */
static unsigned *
parse_rows(struct pctx *c, const char *key, int scale, int nq, int *got)
{
	unsigned *v = xcalloc(
	    (size_t)COMPLOG_TALLY_MAX_QUESTIONS * (size_t)scale, sizeof *v);
	int q = 0;

	need(c, "[");
	do {
		if (q == COMPLOG_TALLY_MAX_QUESTIONS) {
			fail(c, "rec: \"%s\" has more than %d questions", key,
			     COMPLOG_TALLY_MAX_QUESTIONS);
			break;
		}
		need(c, "[");
		for (int k = 0; k < scale && !c->bad; k++) {
			if (k > 0)
				need(c, ",");
			v[q * scale + k] =
			    (unsigned)num(c, key, COMPLOG_TALLY_MAX_COUNT);
		}
		if (!c->bad && !lit(c, "]"))
			fail(c,
			     "rec: \"%s\": each row must have exactly "
			     "\"scale\" (%d) counts",
			     key, scale);
		q++;
	} while (!c->bad && lit(c, ","));
	need(c, "]");
	if (!c->bad && nq > 0 && q != nq)
		fail(c, "rec: \"%s\" has %d questions, \"before\" has %d", key,
		     q, nq);
	*got = q;
	return v;
}

/* "tallies", from its set on: the room's counts. */
static void
parse_tallies(struct pctx *c, struct complog_fields *f)
{
	long long scale;
	int got;

	f->tally_set = str(c, "the rating set");
	need(c, ",\"scale\":");
	scale = num(c, "scale", COMPLOG_TALLY_MAX_SCALE);
	if (!c->bad && scale < 2)
		fail(c, "rec: \"scale\" must be from 2 to %d",
		     COMPLOG_TALLY_MAX_SCALE);
	if (c->bad)
		return;
	f->tally_scale = (int)scale;
	need(c, ",\"before\":");
	f->tally_before =
	    parse_rows(c, "before", f->tally_scale, 0, &f->tally_nq);
	need(c, ",\"after\":");
	if (!c->bad)
		f->tally_after =
		    parse_rows(c, "after", f->tally_scale, f->tally_nq, &got);
	need(c, "}");
}

/* "score", from raw on. */
static void
parse_score(struct pctx *c, struct complog_fields *f)
{
	f->score = (int)num(c, "raw", COMPLOG_SCORE_MAX);
	need(c, ",\"max\":");
	f->total = (int)num(c, "max", COMPLOG_SCORE_MAX);
	if (lit(c, ",\"pass_mark\":"))
		f->pass_mark = (int)num(c, "pass_mark", 100);
	need(c, "}");
	if (!c->bad && f->score > f->total)
		fail(c, "rec: score above its maximum");
}

/* The keys after "type", each optional, in their order. */
static void
parse_body(struct pctx *c, struct complog_fields *f)
{
	if (lit(c, ",\"learner\":{\"name\":"))
		parse_learner(c, f);
	if (lit(c, ",\"module\":{\"id\":"))
		parse_module(c, f);
	if (lit(c, ",\"mode\":") && (f->mode = str(c, "the mode")) != NULL &&
	    !in_list(f->mode, modes))
		fail(c, "rec: unknown mode \"%s\"", f->mode);
	if (lit(c, ",\"facilitator\":"))
		f->facilitator = str(c, "the facilitator's name");
	if (lit(c, ",\"present\":"))
		f->present = (long)num(c, "present", COMPLOG_PRESENT_MAX);
	if (lit(c, ",\"tallies\":{\"set\":"))
		parse_tallies(c, f);
	if (lit(c, ",\"score\":{\"raw\":"))
		parse_score(c, f);
	if (lit(c, ",\"duration\":"))
		f->duration = (long)num(c, "duration", COMPLOG_DURATION_MAX);
	if (lit(c, ",\"torn\":{\"bytes\":")) {
		f->torn_bytes = num(c, "bytes", COMPLOG_TORN_MAX);
		need(c, ",\"hash\":");
		fixed(c, "the torn fragment's hash", COMPLOG_HASH_HEX,
		      f->torn_hash);
		need(c, "}");
	}
}

static void
parse_rec(struct pctx *c, struct complog_fields *f)
{
	need(c, "{\"seq\":");
	f->seq = num(c, "seq", COMPLOG_SEQ_MAX);
	need(c, ",\"log\":");
	fixed(c, "the log id", COMPLOG_LOGID_HEX, f->log);
	need(c, ",\"prev\":");
	fixed(c, "prev", COMPLOG_HASH_HEX, f->prev);
	need(c, ",\"ts\":");
	fixed(c, "the time", 0, f->ts);
	need(c, ",\"type\":");
	if ((f->type = str(c, "the record type")) == NULL)
		return;
	if (!complog_is_type(f->type))
		fail(c, "rec: unknown record type \"%s\"", f->type);
	parse_body(c, f);
	need(c, ",\"program\":");
	f->program = str(c, "the program");
	need(c, "}");
	if (!c->bad && c->p != c->end)
		fail(c, "rec: not in canonical form at byte %zu (extra bytes)",
		     (size_t)(c->p - c->start) + 1);
}

static int
parse_prefix(struct pctx *c, const char *line, size_t len,
	     struct complog_line *out)
{
	static const char p1[] = "{\"sig\":\"", p2[] = "\",\"kid\":\"",
			  p3[] = "\",\"rec\":";
	const char *s = line;
	size_t got;

	if (len > 0 && line[len - 1] == '\r') {
		fail(c, "the line ends with a carriage return (was the log "
			"converted to CRLF line endings?)");
		return -1;
	}
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
	if (!util_is_lower_hex(out->kid, SIGN_KEY_ID_LEN)) {
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
	struct pctx c = {.why = why, .whylen = whylen};

	complog_fields_init(&out->f);
	if (parse_prefix(&c, line, len, out) < 0)
		return -1;
	c.start = c.p = out->rec;
	c.end = out->rec + out->reclen;
	parse_rec(&c, &out->f);
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
