/*
 * sendstate.h: workshop send's state file, the durable cursor.
 *
 * For each LRS and each log it keeps the last record that LRS acknowledged:
 * its seq and its line hash (as "prev" names it).  The file
 * (workshop-log(5)) is text:
 *
 *   workshop-send-state 1
 *   sent URL LOGID SEQ HASH
 *   ...
 *
 * one "sent" line per LRS endpoint and log id, in any order; empty lines
 * and lines starting with # are comments.  URL is the normalised endpoint
 * (lrs_endpoint), LOGID 32 and HASH 64 lower-case hex digits, SEQ a
 * record's seq (1 or more).  The file is replaced atomically (write,
 * fsync, rename) with mode 0600, and never half-written.
 */
#ifndef WORKSHOP_SENDSTATE_H
#define WORKSHOP_SENDSTATE_H

#include <stddef.h>

struct sendstate_entry {
	char *lrs; /* the endpoint */
	char log_id[33];
	long long seq;
	char hash[65];
};

struct sendstate {
	struct sendstate_entry *v;
	size_t n;
};

/* The longest endpoint a "sent" line may hold. */
#define SENDSTATE_URL_MAX 2048

/* Files larger than this are refused (a million logs' worth). */
#define SENDSTATE_MAX ((size_t)256 << 20)

/*
 * Parse the text of a state file (name is used in messages).  0 ok, with
 * the entries in *out (free with sendstate_free); -1 with a fresh message
 * "NAME:LINE: what was expected, and the line" in *err, and *out empty.
 */
int sendstate_parse(const char *name, const char *text, size_t len,
		    struct sendstate *out, char **err);

/* The file's text for s (header and one line per entry); fresh string. */
char *sendstate_format(const struct sendstate *s);

/*
 * Read the state file at path; a file that does not exist is an empty
 * state.  0 ok; -1 with a fresh message in *err.
 */
int sendstate_load(const char *path, struct sendstate *out, char **err);

/* Replace the state file at path with s, atomically (mode 0600).  0 ok; -1
 * with a fresh message in *err, the file left as it was. */
int sendstate_save(const char *path, const struct sendstate *s, char **err);

/* The entry for this endpoint and log, or NULL (borrowed). */
const struct sendstate_entry *
sendstate_find(const struct sendstate *s, const char *lrs, const char *log_id);

/* Set (add or move) the cursor of this endpoint and log. */
void sendstate_set(struct sendstate *s, const char *lrs, const char *log_id,
		   long long seq, const char *hash);

/* Free the entries; the state is then empty.  NULL is a no-op. */
void sendstate_free(struct sendstate *s);

/* $XDG_STATE_HOME/workshop/send-state; fresh string, NULL if no home. */
char *sendstate_default_path(void);

#endif
