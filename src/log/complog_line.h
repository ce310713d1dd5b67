/*
 * complog_line.h: one line of the completion log, encoded and parsed.
 *
 * Shared by the appender (complog.c), the verifier (complog_verify.c), the
 * benchmark and the fuzzers.  See complog.h for the format.
 */
#ifndef WORKSHOP_COMPLOG_LINE_H
#define WORKSHOP_COMPLOG_LINE_H

#include <stdbool.h>
#include <stddef.h>

#include "sign.h"

#define COMPLOG_LINE_MAX 65536
#define COMPLOG_TEXT_MAX 1000
/* The largest seq (2^53: every JSON reader holds it exactly), score and
 * duration (seconds), and the longest torn fragment a recovered record
 * notes (an append reads at most two lines' worth of the log's end). */
#define COMPLOG_SEQ_MAX (1LL << 53)
#define COMPLOG_SCORE_MAX 1000000
#define COMPLOG_DURATION_MAX 100000000
#define COMPLOG_TORN_MAX (2 * COMPLOG_LINE_MAX)
#define COMPLOG_HASH_HEX 64
#define COMPLOG_LOGID_HEX 32
/* A session record's tallies: questions, scale points, count per point. */
#define COMPLOG_TALLY_MAX_QUESTIONS 32
#define COMPLOG_TALLY_MAX_SCALE 10
#define COMPLOG_TALLY_MAX_COUNT 9999
/* A session record's number of people present. */
#define COMPLOG_PRESENT_MAX 10000
/* {"sig":"<88>","kid":"<16>","rec": */
#define COMPLOG_PREFIX_LEN 129

/* The fields of a rec object.  Strings are owned when parsed. */
struct complog_fields {
	long long seq;
	char log[COMPLOG_LOGID_HEX + 1];
	char prev[COMPLOG_HASH_HEX + 1];
	char ts[21]; /* YYYY-MM-DDTHH:MM:SSZ */
	char *type;
	char *learner, *staff_id;
	char *module, *module_title, *content_version;
	char *mode, *facilitator;
	int score, total, pass_mark; /* -1: no score object */
	long duration;		     /* -1: absent */
	long present;		     /* session: people present; -1 absent */
	/* session: the confidence counts, nq rows of scale counts each,
	 * before and after; tally_set NULL when absent. */
	char *tally_set;
	int tally_scale, tally_nq;
	unsigned *tally_before, *tally_after;
	long long torn_bytes; /* -1: no torn object */
	char torn_hash[COMPLOG_HASH_HEX + 1];
	char *program;
};

/* One parsed line. */
struct complog_line {
	unsigned char sig[SIGN_SIG_BYTES];
	char kid[SIGN_KEY_ID_LEN + 1];
	const char *rec; /* points into the line */
	size_t reclen;
	struct complog_fields f;
};

/* Set every field to "absent". */
void complog_fields_init(struct complog_fields *f);
/* Free the strings of parsed fields (not f itself). */
void complog_fields_free(struct complog_fields *f);

/* Is type one of the record types a learner or facilitator event uses? */
bool complog_is_event(const char *type);
/* Is type one of the seven record types? */
bool complog_is_type(const char *type);

/*
 * Check the fields of a record against the rules of its type
 * (workshop-log(5), RECORD TYPES): the fields it must, may and must not
 * have, its text (complog_check_text), and how its fields relate (a
 * "passed" score reaches its pass mark, a "failed" one does not, only seq 0
 * is a genesis, ...).  The appender refuses to sign a record that breaks
 * them, and the verifier fails a signed record that does.  0 ok; -1 with
 * the reason in err.
 */
int complog_check_fields(const struct complog_fields *f, char *err,
			 size_t errlen);

/* The canonical rec bytes for f (fresh string). */
char *complog_encode_rec(const struct complog_fields *f);

/*
 * The message a record's signature covers: the context string, a zero byte,
 * the key id, the rec bytes.  Returns a fresh buffer, length in *n.
 */
unsigned char *complog_signed_message(const char *kid, const char *rec,
				      size_t reclen, size_t *n);

/* The bytes a signed message adds to rec: context, NUL, key id. */
#define COMPLOG_MSG_EXTRA (sizeof "workshop/v1/record" + SIGN_KEY_ID_LEN)
/* The same into buf (COMPLOG_MSG_EXTRA + reclen bytes); returns the length. */
size_t complog_signed_message_into(unsigned char *buf, const char *kid,
				   const char *rec, size_t reclen);

/* Hash a line (without its newline) as "prev" names it: 32 bytes. */
void complog_line_hash(const char *line, size_t len, unsigned char out[32]);

/*
 * Parse a line (without its newline): its prefix, signature, key id and
 * rec, with rec checked against the schema and its canonical form.  No
 * signature check.  0 ok (free with complog_fields_free(&out->f)); -1 with
 * the reason in why (and out->f freed).
 */
int complog_parse_line(const char *line, size_t len, struct complog_line *out,
		       char *why, size_t whylen);

struct strbuf;
/*
 * Sign f with key and add the whole line, newline included, to out.  The
 * signature is checked against the key's public half first; -1 (nothing
 * added) if it does not verify.
 */
int complog_format_line(struct strbuf *out, const struct sign_key *key,
			const struct complog_fields *f);

#endif
