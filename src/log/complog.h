/*
 * complog.h: the signed, hash-chained completion log.
 *
 * One JSON Lines file per station.  Every line is
 *
 *   {"sig":"<88 base64>","kid":"<16 hex>","rec":{...}}
 *
 * with that fixed-width prefix, so the verifier takes the exact bytes of
 * "rec" without re-encoding them.  The signature (Ed25519) covers
 * "workshop/v1/record", a zero byte, the 16 key-id characters and the rec
 * bytes.  rec is written in one canonical form (fixed key order, no
 * whitespace, integers only, valid UTF-8); the verifier re-encodes what it
 * parsed and rejects any line whose bytes differ.
 *
 * rec fields, in this order (optional ones are left out when absent; which
 * ones each type must, may and must not have, and how they relate, is
 * complog_check_fields() in complog_rules.c, and workshop-log(5)):
 *   seq      0 for the genesis record, then 1, 2, ...
 *   log      the log id: 32 hex digits, random, made with the genesis
 *   prev     BLAKE2b-256 of "workshop/v1/line", a zero byte and the
 *            previous line without its newline (64 zeros for the genesis)
 *   ts       UTC time, "YYYY-MM-DDTHH:MM:SSZ"
 *   type     genesis | attended | completed | passed | failed | recovered
 *            | session
 *   learner  {"name":..., "staff_id":...?}     (events only, never session)
 *   module   {"id":..., "title":..., "version":...}   (not genesis/recovered)
 *   mode     learner | kiosk | facilitator | attend   (not genesis/recovered;
 *            always facilitator on a session record)
 *   facilitator  name?                         (required on session)
 *   present  people present                    (session only)
 *   tallies  {"set":..., "scale":S, "before":[[c1,...,cS],...],
 *            "after":[[...],...]}               (session only)
 *            the room's anonymous confidence counts: per question, the
 *            number of hands at each scale point, before and after; 1 to
 *            32 questions, scale 2 to 10, counts 0 to 9999, the same
 *            number of rows before and after, each exactly S counts
 *   score    {"raw":N, "max":N, "pass_mark":N}?       (quizzes only)
 *   duration seconds?
 *   torn     {"bytes":N, "hash":"<64 hex>"}           (recovered only)
 *   program  "workshop VERSION"
 * Never recorded: answers to views-and-opinions items, reflections, or
 * anything a learner typed other than their name and staff id.
 *
 * Appending takes an exclusive flock on the log, writes each line with one
 * write(2) on an O_APPEND descriptor and fsyncs (and the directory when the
 * log is created).  A torn last line (an append cut short) is moved to
 * LOG.torn-SEQ, and a signed "recovered" record notes its length and hash.
 */
#ifndef WORKSHOP_COMPLOG_H
#define WORKSHOP_COMPLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "sign.h"

/* A session record's anonymous counts (borrowed). */
struct complog_tallies {
	const char *set;	/* the rating set, e.g. "confidence" */
	int scale;		/* points per question */
	int nq;			/* questions */
	const unsigned *before; /* nq * scale counts, question by question */
	const unsigned *after;
};

struct complog_record {
	const char *event;    /* "attended" | "completed" | "passed" | "failed"
				 | "session" */
	const char *learner;  /* name as given; NULL for "session" */
	const char *staff_id; /* NULL if none */
	const char *module;   /* module id */
	const char *module_title;
	const char *content_version; /* content_module_version() */
	int score, total;	     /* quiz only; -1 otherwise */
	int pass_mark;		     /* percent; -1 if not a quiz */
	const char *facilitator;     /* NULL if none */
	const char *mode; /* "learner" | "kiosk" | "facilitator" | "attend" */
	/* Added fields: zero means "not given". */
	time_t when;   /* 0: now */
	long duration; /* seconds spent; <= 0: not recorded */
	/* "session" only: the people present and the room's counts. */
	long present;
	const struct complog_tallies *tallies;
};

/* $XDG_STATE_HOME/workshop/completions.log into buf; 0 ok, -1 if none. */
int complog_default_path(char *buf, size_t len);

/*
 * Check a name or other text a record would carry: non-empty, valid UTF-8,
 * no control characters or invisible format characters
 * (util_is_format_char), at most 1000 bytes.  0 ok; -1 with the reason in
 * err.
 */
int complog_check_text(const char *what, const char *s, char *err,
		       size_t errlen);

/*
 * Does a quiz score of raw out of max reach a pass mark of pass_mark per
 * cent: 100 * raw >= pass_mark * max, in whole numbers.  The one rule that
 * makes a result "passed" or "failed", when it is recorded and when it is
 * verified.
 */
bool complog_score_passes(unsigned long raw, unsigned long max,
			  unsigned long pass_mark);

/*
 * Append one signed record (creating the log with its signed genesis record
 * if needed; creating the directory too).  The record is checked first
 * against the rules of its type (complog_check_fields, the verifier's own
 * rules, text by complog_check_text), before the log is even opened, and
 * the signature is checked against the key's public half before anything
 * is written.  0 ok; -1 with a clear message in err, and the log
 * unchanged.
 */
int complog_append(const char *log_path, const struct sign_key *key,
		   const struct complog_record *rec, char *err, size_t errlen);

/*
 * The head of the log at path (its last complete line, read under a shared
 * lock): the log id, seq and line hash that a checkpoint keeps.  No
 * signature is checked.  0 ok; -1 with a message in err.
 */
int complog_head(const char *path, char log_id[33], long long *seq,
		 char hash[65], char *err, size_t errlen);

/*
 * Add the line "workshop-checkpoint LOGID SEQ HASH" to the checkpoint file
 * (created if needed), as workshop verify --checkpoint reads it.  0 ok; -1
 * with a message in err.
 */
int complog_checkpoint_add(const char *file, const char *log_id, long long seq,
			   const char *hash, char *err, size_t errlen);

/* ---- Verification -------------------------------------------------- */

/* One verified record, handed to the report callback (all borrowed). */
struct complog_entry {
	const char *path;   /* the log file */
	unsigned long line; /* 1-based */
	long long seq;
	const char *log_id;
	const char *ts;
	const char *type;
	const char *learner;  /* NULL for genesis/recovered/session */
	const char *staff_id; /* NULL if none */
	const char *module;
	const char *module_title;
	const char *content_version;
	const char *mode;
	const char *facilitator;
	int score, total, pass_mark;	       /* -1 when absent */
	long duration;			       /* -1 when absent */
	long present;			       /* session: -1 otherwise */
	const struct complog_tallies *tallies; /* session: NULL otherwise */
	const char *key_id;
	const char *key_label;
	/* The record's line as it stands in the log, without its newline;
	 * borrowed for the callback only. */
	const char *raw;
	size_t rawlen;
};

/*
 * The version of what verification checks, kept with a verified prefix
 * (struct complog_resume; workshop-log(5), Checkpoints).  Raise it whenever
 * verification comes to refuse something an earlier release passed: a
 * prefix verified by that release is then verified again in full.
 */
#define COMPLOG_PREFIX_VERSION 1

/*
 * A prefix of a log verified before: its first bytes, up to and with the
 * newline of its head line, and what their verification found.  Their
 * prefix hash is BLAKE2b-256 (32-byte output, no key) of the 18 bytes
 * "workshop/v1/prefix", a zero byte, and those bytes.
 */
struct complog_resume {
	long long bytes;
	unsigned char prefix_hash[32];
	char log_id[33];
	long long seq; /* the head line's seq: the prefix has seq + 1 lines */
	char hash[65]; /* the head line's hash, as "prev" names it */
	unsigned long recovered; /* "recovered" records among them */
	/* The keys that signed them: all trusted now as they were then (the
	 * caller makes sure). */
	char keys[64][SIGN_KEY_ID_LEN + 1];
	size_t nkeys;
	/*
	 * The prefix's records from this seq on are parsed and reported
	 * (on_record), without their signatures or chain being checked
	 * again; 0: all of them; seq + 1 or more: none, and the prefix is
	 * not read again past its hash.
	 */
	long long report_from;
};

/* What became of a prefix given to complog_verify. */
enum complog_prefix_use {
	COMPLOG_PREFIX_NONE,	/* none was given */
	COMPLOG_PREFIX_USED,	/* its bytes are unchanged: only the rest was
				   checked */
	COMPLOG_PREFIX_CHANGED, /* its bytes changed: verified in full */
	COMPLOG_PREFIX_SHORTER, /* the log is shorter: verified in full */
};

struct complog_verify_opts {
	const struct sign_trust *trust;
	int threads; /* 0: every online CPU */
	/*
	 * A prefix verified before (NULL: none).  When the log's first
	 * resume->bytes bytes hash to its prefix hash (one pass, no parsing),
	 * only the lines after them are parsed and checked, the chain going
	 * on from its head; else the log is verified in full.
	 */
	const struct complog_resume *resume;
	/* Work out the verified prefix for the next resume (has_prefix). */
	bool want_prefix;
	/* Called for each verified record, in log order; may be NULL. */
	void (*on_record)(const struct complog_entry *e, void *ctx);
	/*
	 * Called for each problem, in log order: line is 1-based (0 for the
	 * whole file), torn is true for a torn last line.  May be NULL.
	 */
	void (*on_problem)(const char *path, unsigned long line, bool torn,
			   const char *reason, void *ctx);
	void *ctx;
};

struct complog_verify_result {
	unsigned long lines;	 /* lines read (a torn tail counts) */
	unsigned long records;	 /* lines that verified */
	unsigned long recovered; /* of them, "recovered" records */
	unsigned long problems;
	bool torn;	    /* ends with a torn line */
	bool io_error;	    /* could not be read: problems say why */
	char log_id[33];    /* from the genesis record; "" if none */
	long long head_seq; /* seq of the last good line; -1 if none */
	char head_hash[65]; /* hash of that line (as "prev" would be) */
	/* Keys seen on verified lines, by id (at most 64 kept). */
	char keys_seen[64][SIGN_KEY_ID_LEN + 1];
	size_t nkeys_seen;
	/* The bytes up to and with the newline of the head line (0: none). */
	long long head_end;
	/* With opts->resume: whether its prefix was used, and if so how many
	 * of the records (all in it) were not checked again. */
	enum complog_prefix_use prefix_use;
	unsigned long unchanged;
	/* With opts->want_prefix, when every complete line verified: the
	 * prefix hash of the head_end bytes (struct complog_resume). */
	bool has_prefix;
	unsigned char prefix_hash[32];
};

/*
 * Verify the log at path, streaming (memory does not grow with the log) and
 * checking signatures on opts->threads threads.  Every problem is passed
 * to on_problem; checking goes on after the first.  Returns 0 when every
 * line verified and nothing is torn, 1 when any problem was found, 2 when
 * the file could not be read.
 */
int complog_verify(const char *path, const struct complog_verify_opts *opts,
		   struct complog_verify_result *res);

/*
 * Whether a log passes, from complog_verify's return value rc and its
 * result: every line verified, or the only problem is a torn last line (an
 * append cut short, which is not tampering: what the log holds is genuine).
 * The one rule verify's verdict and send both use.
 */
bool complog_verify_passed(int rc, const struct complog_verify_result *res);

/*
 * Check the line at seq in the log at path has hash (the checkpoint test
 * for truncation or rollback), looking at the lines from byte from on (0:
 * every line; else the start of a line).  Returns 0 if present, 1 if the
 * log does not contain it (with the reason in err), 2 on I/O error.
 */
int complog_find_head(const char *path, long long from, long long seq,
		      const char *hash, char *err, size_t errlen);

/*
 * The log id the first line of the log at path names, read without any
 * check of its signature (to find what a checkpoint keeps for the log).
 * 0 ok; -1 if the first line is not a record.
 */
int complog_first_log_id(const char *path, char log_id[33]);

#endif
