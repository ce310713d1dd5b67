/*
 * complog_rules.c: what a record may say (workshop-log(5), RECORD TYPES).
 *
 * One table says which fields each type of record must, may and must not
 * have; complog_check_fields() applies it with the relations between
 * fields (a passed score reaches its pass mark, a genesis is seq 0 and
 * only seq 0, ...), and complog_check_text() says what text a record may
 * carry.  The appender refuses to sign a record that breaks a rule and the
 * verifier fails a signed record that does: one set of rules for both.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "complog.h"
#include "complog_line.h"
#include "util.h"
#include "when.h"

int
complog_check_text(const char *what, const char *s, char *err, size_t errlen)
{
	size_t n, i = 0, k, bad;
	unsigned cp;

	if (s == NULL || s[0] == '\0') {
		util_seterr(err, errlen, "%s is empty", what);
		return -1;
	}
	n = strlen(s);
	if (n > COMPLOG_TEXT_MAX) {
		util_seterr(err, errlen,
			    "%s is too long (%zu bytes; at most %d)", what, n,
			    COMPLOG_TEXT_MAX);
		return -1;
	}
	if (!util_utf8_valid(s, n, &bad)) {
		util_seterr(err, errlen, "%s is not valid UTF-8 (byte %zu)",
			    what, bad + 1);
		return -1;
	}
	while (i < n) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			i++; /* printable ASCII, the common case */
			continue;
		}
		k = util_utf8_decode(s + i, n - i, &cp);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
			util_seterr(
			    err, errlen,
			    "%s contains a control character (U+%04X at "
			    "byte %zu)",
			    what, cp, i + 1);
			return -1;
		}
		if (util_is_format_char(cp)) {
			util_seterr(
			    err, errlen,
			    "%s contains an invisible format character "
			    "(U+%04X at byte %zu), which can hide or reorder "
			    "text",
			    what, cp, i + 1);
			return -1;
		}
		i += k;
	}
	return 0;
}

bool
complog_score_passes(unsigned long raw, unsigned long max,
		     unsigned long pass_mark)
{
	return raw * 100 >= pass_mark * max;
}

/* ---- The fields each type must, may and must not have ---------------- */

enum need { NO, MAY, MUST };

/* The optional fields of a rec, in their order in the record. */
enum field {
	F_LEARNER,
	F_MODULE,
	F_MODE,
	F_FACILITATOR,
	F_PRESENT,
	F_TALLIES,
	F_SCORE,
	F_DURATION,
	F_TORN,
	NFIELDS
};

static const char *const field_key[NFIELDS] = {
    "learner", "module", "mode",     "facilitator", "present",
    "tallies", "score",	 "duration", "torn"};

struct type_rule {
	const char *type;
	enum need need[NFIELDS];
	const char *modes[3]; /* the modes it may have */
};

static const struct type_rule type_rules[] = {
    {"genesis", {NO, NO, NO, NO, NO, NO, NO, NO, NO}, {NULL}},
    {"attended",
     {MUST, MUST, MUST, MAY, NO, NO, NO, NO, NO},
     {"facilitator", "attend", NULL}},
    {"completed",
     {MUST, MUST, MUST, NO, NO, NO, NO, MAY, NO},
     {"learner", "kiosk", NULL}},
    {"passed",
     {MUST, MUST, MUST, NO, NO, NO, MUST, MAY, NO},
     {"learner", "kiosk", NULL}},
    {"failed",
     {MUST, MUST, MUST, NO, NO, NO, MUST, MAY, NO},
     {"learner", "kiosk", NULL}},
    {"session",
     {NO, MUST, MUST, MUST, MUST, MUST, NO, NO, NO},
     {"facilitator", NULL}},
    {"recovered", {NO, NO, NO, NO, NO, NO, NO, NO, MUST}, {NULL}},
};

static bool
has(const struct complog_fields *f, enum field k)
{
	switch (k) {
	case F_LEARNER:
		return f->learner != NULL;
	case F_MODULE:
		return f->module != NULL;
	case F_MODE:
		return f->mode != NULL;
	case F_FACILITATOR:
		return f->facilitator != NULL;
	case F_PRESENT:
		return f->present >= 0;
	case F_TALLIES:
		return f->tally_set != NULL;
	case F_SCORE:
		return f->score >= 0;
	case F_DURATION:
		return f->duration >= 0;
	case F_TORN:
		return f->torn_bytes >= 0;
	case NFIELDS:
		break;
	}
	return false;
}

static int bad(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
bad(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static const struct type_rule *
rule_of(const char *type)
{
	for (size_t i = 0; i < UTIL_NELEM(type_rules); i++)
		if (type != NULL && strcmp(type_rules[i].type, type) == 0)
			return &type_rules[i];
	return NULL;
}

/* The fields the type must and must not have, and its mode. */
static int
check_presence(const struct type_rule *r, const struct complog_fields *f,
	       char *err, size_t errlen)
{
	size_t i;

	for (int k = 0; k < NFIELDS; k++) {
		if (r->need[k] == MUST && !has(f, (enum field)k))
			return bad(err, errlen,
				   "\"%s\" records must have \"%s\"", r->type,
				   field_key[k]);
		if (r->need[k] == NO && has(f, (enum field)k))
			return bad(err, errlen, "\"%s\" records have no \"%s\"",
				   r->type, field_key[k]);
	}
	if (f->staff_id != NULL && f->learner == NULL)
		return bad(err, errlen, "a \"staff_id\" without a learner");
	if (f->mode == NULL)
		return 0;
	for (i = 0; r->modes[i] != NULL; i++)
		if (strcmp(f->mode, r->modes[i]) == 0)
			return 0;
	if (r->modes[1] == NULL)
		return bad(err, errlen,
			   "\"%s\" records have mode \"%s\", not \"%s\"",
			   r->type, r->modes[0], f->mode);
	return bad(err, errlen,
		   "\"%s\" records have mode \"%s\" or \"%s\", not \"%s\"",
		   r->type, r->modes[0], r->modes[1], f->mode);
}

/* The text fields, by the one rule for text. */
static int
check_texts(const struct complog_fields *f, char *err, size_t errlen)
{
	const struct {
		const char *what, *s;
		bool present;
	} t[] = {
	    {"the learner's name", f->learner, f->learner != NULL},
	    {"the staff id", f->staff_id, f->staff_id != NULL},
	    {"the module id", f->module, f->module != NULL},
	    {"the module title", f->module_title, f->module != NULL},
	    {"the content version", f->content_version, f->module != NULL},
	    {"the facilitator's name", f->facilitator, f->facilitator != NULL},
	    {"the rating set", f->tally_set, f->tally_set != NULL},
	    {"the program", f->program, true},
	};

	for (size_t i = 0; i < UTIL_NELEM(t); i++)
		if (t[i].present &&
		    complog_check_text(t[i].what, t[i].s, err, errlen) < 0)
			return -1;
	return 0;
}

/* seq, log, prev and ts, and how seq 0 and the genesis go together. */
static int
check_place(const struct complog_fields *f, char *err, size_t errlen)
{
	bool genesis = strcmp(f->type, "genesis") == 0;

	if (f->seq < 0 || f->seq > COMPLOG_SEQ_MAX)
		return bad(err, errlen, "seq %lld is out of range (0 to %lld)",
			   f->seq, COMPLOG_SEQ_MAX);
	if (!util_is_lower_hex(f->log, COMPLOG_LOGID_HEX) ||
	    !util_is_lower_hex(f->prev, COMPLOG_HASH_HEX))
		return bad(err, errlen,
			   "\"log\" and \"prev\" are 32 and 64 lower-case "
			   "hexadecimal digits");
	if (when_parse_ts(f->ts) < 0)
		return bad(err, errlen,
			   "\"ts\" is not a time "
			   "YYYY-MM-DDThh:mm:ssZ");
	if (genesis && f->seq != 0)
		return bad(err, errlen,
			   "a \"genesis\" record at seq %lld: the genesis is "
			   "seq 0 and only seq 0",
			   f->seq);
	if (!genesis && f->seq == 0)
		return bad(err, errlen,
			   "seq 0 is the \"genesis\" record, not \"%s\"",
			   f->type);
	if (genesis && strspn(f->prev, "0") != COMPLOG_HASH_HEX)
		return bad(err, errlen,
			   "a \"genesis\" record's \"prev\" is 64 zeros");
	return 0;
}

/* A quiz's score: in range, and the result its pass mark gives. */
static int
check_score(const struct complog_fields *f, char *err, size_t errlen)
{
	bool passed = strcmp(f->type, "passed") == 0;

	if (f->total < 1 || f->total > COMPLOG_SCORE_MAX)
		return bad(err, errlen, "a score's \"max\" is 1 to %d, not %d",
			   COMPLOG_SCORE_MAX, f->total);
	if (f->score > f->total)
		return bad(err, errlen,
			   "a score of %d is above its \"max\" of %d", f->score,
			   f->total);
	if (f->pass_mark < 0)
		return bad(err, errlen,
			   "\"%s\" records' scores must have \"pass_mark\"",
			   f->type);
	if (f->pass_mark > 100)
		return bad(err, errlen, "a pass mark of %d%% is above 100%%",
			   f->pass_mark);
	if (passed != complog_score_passes((unsigned long)f->score,
					   (unsigned long)f->total,
					   (unsigned long)f->pass_mark))
		return bad(err, errlen,
			   "\"%s\", but %d of %d %s the pass mark of %d%%",
			   f->type, f->score, f->total,
			   passed ? "is below" : "reaches", f->pass_mark);
	return 0;
}

/* A session record's counts, and a recovered record's fragment. */
static int
check_counts(const struct complog_fields *f, char *err, size_t errlen)
{
	size_t cells;

	if (f->present > COMPLOG_PRESENT_MAX)
		return bad(err, errlen, "%ld people present is above %d",
			   f->present, COMPLOG_PRESENT_MAX);
	if (f->tally_set != NULL) {
		if (f->tally_before == NULL || f->tally_after == NULL ||
		    f->tally_scale < 2 ||
		    f->tally_scale > COMPLOG_TALLY_MAX_SCALE ||
		    f->tally_nq < 1 ||
		    f->tally_nq > COMPLOG_TALLY_MAX_QUESTIONS)
			return bad(err, errlen,
				   "\"tallies\" have 1 to %d questions on a "
				   "scale of 2 to %d",
				   COMPLOG_TALLY_MAX_QUESTIONS,
				   COMPLOG_TALLY_MAX_SCALE);
		cells = (size_t)f->tally_nq * (size_t)f->tally_scale;
		for (size_t i = 0; i < cells; i++)
			if (f->tally_before[i] > COMPLOG_TALLY_MAX_COUNT ||
			    f->tally_after[i] > COMPLOG_TALLY_MAX_COUNT)
				return bad(err, errlen, "a count is above %d",
					   COMPLOG_TALLY_MAX_COUNT);
	}
	if (f->duration > COMPLOG_DURATION_MAX)
		return bad(err, errlen, "a duration above %d seconds",
			   COMPLOG_DURATION_MAX);
	if (f->torn_bytes >= 0 &&
	    (f->torn_bytes < 1 || f->torn_bytes > COMPLOG_TORN_MAX ||
	     !util_is_lower_hex(f->torn_hash, COMPLOG_HASH_HEX)))
		return bad(err, errlen,
			   "\"torn\" is 1 to %d bytes and a 64-digit hash",
			   COMPLOG_TORN_MAX);
	return 0;
}

bool
complog_is_type(const char *type)
{
	return rule_of(type) != NULL;
}

int
complog_check_fields(const struct complog_fields *f, char *err, size_t errlen)
{
	const struct type_rule *r = rule_of(f->type);

	if (r == NULL)
		return bad(err, errlen, "unknown record type \"%s\"",
			   f->type != NULL ? f->type : "");
	if (check_place(f, err, errlen) < 0 ||
	    check_presence(r, f, err, errlen) < 0 ||
	    check_texts(f, err, errlen) < 0 || check_counts(f, err, errlen) < 0)
		return -1;
	if (strcmp(f->type, "attended") == 0 &&
	    strcmp(f->mode, "facilitator") == 0 && f->facilitator == NULL)
		return bad(err, errlen,
			   "\"attended\" records in mode \"facilitator\" must "
			   "have \"facilitator\"");
	if (f->score >= 0)
		return check_score(f, err, errlen);
	return 0;
}
