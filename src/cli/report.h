/*
 * report.h: how verify shows a verified record (struct complog_entry) in
 * each of its formats.  The rows go to standard output; everything taken
 * from a record is escaped before it reaches a terminal, and CSV cells
 * that a spreadsheet would run as a formula are neutralised.
 */
#ifndef WORKSHOP_REPORT_H
#define WORKSHOP_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "complog.h"

/* s ("-" when NULL) escaped for a terminal, padded to width columns. */
void report_cell(FILE *out, const char *s, int width);

/*
 * One CSV cell (NULL: empty), then a comma or, when last, the end of the
 * row: quoted as RFC 4180 says, a cell a spreadsheet would run as a
 * formula neutralised with a leading ', the data otherwise unchanged.
 */
void report_csv_cell(FILE *out, const char *s, bool last);

/* The column heads of the terminal table (one line). */
void report_table_header(FILE *out);

/* A row of the terminal table (one line). */
void report_table_row(FILE *out, const struct complog_entry *e);

/* The CSV header line: the columns of report_csv_row, then log_verdict. */
void report_csv_header(FILE *out);

/*
 * A record's CSV cells from log to key_label, each followed by a comma:
 * the caller ends the row with its last cell, the log's verdict
 * (report_csv_header).
 */
void report_csv_row(FILE *out, const struct complog_entry *e);

/* The record as a JSON object (workshop(1), --format json); the caller's. */
json_t *report_json_row(const struct complog_entry *e);

/*
 * The object --format json gives a log none of whose records is listed:
 * the keys of report_json_row, in its order, "log" set to path and every
 * other one null; the caller's.
 */
json_t *report_json_no_record(const char *path);

/*
 * The record's xAPI 1.0.3 statement id: a UUID made from the log id and
 * seq alone, so the same record always has the same id.
 */
void report_statement_id(const struct complog_entry *e, char out[37]);

/* Where xAPI accounts live when no home is given (--xapi-home). */
#define REPORT_XAPI_HOME_DEFAULT "https://workshop.invalid/staff"

/*
 * Does the record make an xAPI statement?  A learner's events do; the
 * genesis, recovered and session records (no learner's) do not.  What
 * verify --format xapi prints and workshop send sends.
 */
bool report_xapi_has_statement(const struct complog_entry *e);

/*
 * The record as an xAPI 1.0.3 statement (cmi5 verbs and results), its
 * agents' accounts at home; the caller's.
 */
json_t *report_xapi_statement(const struct complog_entry *e, const char *home);

#endif
