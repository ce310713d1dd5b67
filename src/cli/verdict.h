/*
 * verdict.h: each log's verdict, and verify's output held until it is
 * known.
 *
 * A log's verdict (PASS, PASS with a torn last line, FAIL, ROLLED BACK or
 * ERROR) comes from its verification and from the checkpoint, and decides
 * the exit status; nothing verify prints may contradict it.  So a log's
 * problems and report rows are held (in temporary files: memory does not
 * grow with the log) until every log is verified and judged against the
 * checkpoint, then printed log by log with the verdict first: the table
 * marks the rows of a log that did not pass, CSV carries the verdict in
 * every row (its last column), JSON in every record object (its last key)
 * and json-logs in each log's object, and the records of a log that did
 * not pass are never exported as xAPI nor counted in the matrix.
 */
#ifndef WORKSHOP_VERDICT_H
#define WORKSHOP_VERDICT_H

#include <stdbool.h>
#include <stdio.h>

#include "checkpoint.h"
#include "complog.h"
#include "matrix.h"

enum verify_format {
	VF_TABLE,
	VF_CSV,
	VF_JSON,
	VF_XAPI,
	VF_MATRIX,
	VF_MATRIX_CSV,
	VF_JSON_LOGS
};

enum verdict {
	VERDICT_PASS,
	VERDICT_PASS_TORN, /* passes, but the last append was cut short */
	VERDICT_FAIL,
	VERDICT_ROLLED_BACK, /* passes, but lost a head the checkpoint kept */
	VERDICT_ERROR,	     /* could not be read */
};

/* "PASS", "PASS-TORN", "FAIL", "ROLLED-BACK" or "ERROR" (CSV, JSON). */
const char *verdict_token(enum verdict v);

/* Does a log with this verdict pass (exit status 0 as far as it goes)? */
bool verdict_passes(enum verdict v);

struct verdicts;

/*
 * Hold the output of verifying the nlogs logs (borrowed) in format fmt.
 * NULL with errno set when no temporary file can be made.
 */
struct verdicts *verdicts_new(enum verify_format fmt, char **logs, int nlogs);
void verdicts_free(struct verdicts *vs);

/* Log i's rows and problems follow, until verdicts_end_log. */
void verdicts_begin_log(struct verdicts *vs, int i);
/*
 * Where the current log's next row is written: one row, then
 * verdicts_row_done.  A CSV row is its cells up to key_label, each ended
 * by a comma, and a JSON row its object without the closing brace: the
 * log's verdict ends each when it is printed.  (Matrix formats: use
 * verdicts_matrix instead.)
 */
FILE *verdicts_row(struct verdicts *vs);
void verdicts_row_done(struct verdicts *vs);
/* The current log's own matrix (matrix formats), counted only if it passes. */
struct matrix *verdicts_matrix(struct verdicts *vs);
/* A problem of the current log (line 0: the whole file). */
void verdicts_problem(struct verdicts *vs, unsigned long line, bool torn,
		      const char *reason);
/* The current log is verified: v and res as complog_verify gave them. */
void verdicts_end_log(struct verdicts *vs, int v,
		      const struct complog_verify_result *res);
/* The checkpoint's judgement of log i, with its reason. */
void verdicts_checkpoint(struct verdicts *vs, int i, enum checkpoint_result r,
			 const char *why);

/* What became of the checkpoint's prefix for log i, said after its
 * verdict line (NULL or "": nothing to say). */
void verdicts_note(struct verdicts *vs, int i, const char *note);

/* Log i's verdict, once it is verified and judged. */
enum verdict verdicts_of(const struct verdicts *vs, int i);

/*
 * Print every log, in order, its verdict first; the matrix formats add the
 * records of the logs that pass to mx (which the caller prints, with
 * auto_columns as for matrix_merge).  trust gives the keys' labels.
 * Returns the exit status the verdicts make: CLI_FAIL if any log failed or
 * was rolled back, else CLI_USAGE if any could not be read (or the held
 * output could not be written: nothing is printed then), else CLI_OK.
 */
int verdicts_print(struct verdicts *vs, const struct sign_trust *trust,
		   struct matrix *mx, bool auto_columns);

#endif
