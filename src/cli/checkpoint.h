/*
 * checkpoint.h: the heads of logs a manager verified before, kept in a
 * file so that a log rolled back, cut short or replaced since is caught,
 * and with each head the bytes verified up to it, so that the next
 * verification checks only what is new.
 *
 * The file (workshop-log(5)) holds lines
 *
 *   workshop-checkpoint LOGID SEQ HASH [PATH]
 *   #workshop-prefix VERSION LOGID SEQ HASH BYTES BLAKE2B RECOVERED KEYS TRUST
 *
 * other lines starting with # and empty lines being comments.  A prefix
 * line says that the log's first BYTES bytes, up to and with its head
 * line's newline, hash to BLAKE2B (complog_resume) and verified, signed by
 * KEYS, trusted as TRUST digests them (checkpoint_trust_digest).  Earlier
 * releases read prefix lines as comments, and drop them when they rewrite
 * the file: the next verification is then a full one.
 *
 * Verify and send use it the same way: checkpoint_load before any log;
 * for each log checkpoint_prepare (what its verification may resume from),
 * complog_verify, checkpoint_verified; then checkpoint_judge each log, and
 * checkpoint_save when every log passed.
 */
#ifndef WORKSHOP_CHECKPOINT_H
#define WORKSHOP_CHECKPOINT_H

#include <stdbool.h>
#include <stddef.h>

#include "complog.h"

/* A log's verified head: its id, last seq and that line's hash. */
struct checkpoint_head {
	char log_id[33];
	long long seq; /* -1 if the log did not verify */
	char hash[65];
	char *path; /* the log's full path; NULL if not recorded */
};

/* The bytes of a log verified up to its head (a prefix line). */
struct checkpoint_prefix {
	long long version; /* COMPLOG_PREFIX_VERSION, or another release's */
	char log_id[33];
	/* The rest is read only for COMPLOG_PREFIX_VERSION. */
	long long seq;
	char hash[65];
	long long bytes;
	char blake2b[65];
	long long recovered;
	char keys[64][SIGN_KEY_ID_LEN + 1];
	size_t nkeys;
	char trust[65];
	char *raw; /* another version's line, kept as it stands */
};

/* The checkpoint file as read: the heads and prefixes it keeps. */
struct checkpoint {
	char *file;
	bool exists; /* false: no file yet (it is written once all pass) */
	struct checkpoint_head *v;
	size_t n;
	struct checkpoint_prefix *pv;
	size_t np;
};

/* Files larger than this are refused. */
#define CHECKPOINT_MAX ((size_t)256 << 20)

/*
 * Parse the text of a checkpoint file (name is used in messages) into cp.
 * 0 ok; -1 with "NAME:LINE: what was expected, and what is wrong" in err.
 * Free cp with checkpoint_free either way.
 */
int checkpoint_parse(const char *name, const char *text, size_t len,
		     struct checkpoint *cp, char *err, size_t errlen);

/* The file's text for cp: a header, then each head, each followed by the
 * prefixes of its log id (a prefix whose log has no head is left out);
 * fresh string. */
char *checkpoint_format(const struct checkpoint *cp);

/*
 * Read the checkpoint file (a missing file is an empty checkpoint).  0 ok;
 * -1 with the reason in err ("FILE:LINE: ..." for a line that is not a
 * checkpoint line).  Free cp with checkpoint_free either way.
 */
int checkpoint_load(const char *file, struct checkpoint *cp, char *err,
		    size_t errlen);
void checkpoint_free(struct checkpoint *cp);

/*
 * The digest of the trusted keys that signed p (p->keys, in that order),
 * as 64 hex digits into out: BLAKE2b-256 of "workshop/v1/trust", a zero
 * byte, then for each key its 16 key id characters, its 32-byte public
 * key, and its from and until (0: none) as 8-byte big-endian seconds.  0
 * ok; -1 if a key is not in trust (its index in *missing).
 */
int checkpoint_trust_digest(const struct sign_trust *trust,
			    const struct checkpoint_prefix *p, char out[65],
			    size_t *missing);

/* One log as a command verifies it against the checkpoint. */
struct checkpoint_log {
	const char *path;
	/* Set by checkpoint_prepare: */
	char first_id[33]; /* the log id its first line names; "" if none */
	bool resumable;	   /* resume holds the prefix to go on from */
	struct complog_resume resume;
	long long new_after; /* records after this seq are new; -1: all */
	char note[400];	     /* why the checkpoint's prefix was not used */
	/* Set by checkpoint_verified: */
	bool resumed; /* the verification went on from the prefix */
	struct checkpoint_head head;
	bool has_prefix; /* prefix is the one to keep */
	struct checkpoint_prefix prefix;
};

/*
 * What the verification of L->path may go on from: when the checkpoint
 * keeps a prefix of this version for the log id its first line names,
 * whose keys trust holds as it did, L->resume is set (its report_from 0:
 * the caller may change it) and L->resumable true; else the reason, if
 * there is one worth saying (the keys changed, another version), in
 * L->note.  L->new_after is the head of the last verification.
 */
void checkpoint_prepare(const struct checkpoint *cp, struct checkpoint_log *L,
			const struct sign_trust *trust);

/*
 * L was verified (complog_verify's v and res, opts->want_prefix set):
 * its head, and when it passed, the prefix to keep; a note when the
 * prefix given could not be used because the log changed.
 */
void checkpoint_verified(struct checkpoint_log *L, bool passed,
			 const struct complog_verify_result *res,
			 const struct sign_trust *trust);

enum checkpoint_result {
	CHECKPOINT_OK,
	CHECKPOINT_ROLLED_BACK, /* a head kept for the log is gone */
	CHECKPOINT_REPLACED,	/* a new log stands where a kept one was */
	CHECKPOINT_ERROR,	/* the log could not be read again */
};

/*
 * Judge log i of the nlogs logs given (each verified): every head the
 * checkpoint keeps for its log id must still be in it (when its
 * verification went on from a prefix, only the heads after that prefix
 * are looked for, in the bytes after it), and a log whose id the
 * checkpoint does not know must not stand where a checkpointed log that
 * is not among the logs given was (at its path, or anywhere when no path
 * was kept).  Anything but CHECKPOINT_OK comes with the reason in why.
 */
enum checkpoint_result checkpoint_judge(const struct checkpoint *cp,
					const struct checkpoint_log *logs,
					int nlogs, int i, char *why,
					size_t whylen);

/*
 * Write the checkpoint file: each log given, its new head and full path
 * and the prefix verified up to it; the kept heads and prefixes of logs
 * not given as they were.  0 ok; -1 with errno set.
 */
int checkpoint_save(const struct checkpoint *cp,
		    const struct checkpoint_log *logs, int nlogs);

#endif
