/*
 * verdict.c: each log's verdict, and verify's output held until it is
 * known (see verdict.h).
 *
 * Rows and problems are held in two temporary files, each log's in one
 * stretch of them.  A row is the bytes its format prints, ended by a zero
 * byte (no row holds one: record text never does); a problem is "LINE
 * TORN REASON" ended by a zero byte.
 */
#include "verdict.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "paths.h"
#include "report.h"
#include "util.h"

struct vlog {
	const char *path;
	int v; /* complog_verify's: 0, 1 or 2 */
	struct complog_verify_result res;
	off_t rows_at, rows_end, probs_at, probs_end;
	unsigned long nrows;
	struct matrix *mx;
	enum checkpoint_result cp;
	char *cpwhy;
	char *note; /* what became of the checkpoint's prefix, or NULL */
};

struct verdicts {
	enum verify_format fmt;
	FILE *rows, *probs;
	struct vlog *logs;
	int nlogs, cur;
};

static const char *const tokens[] = {
    [VERDICT_PASS] = "PASS",   [VERDICT_PASS_TORN] = "PASS-TORN",
    [VERDICT_FAIL] = "FAIL",   [VERDICT_ROLLED_BACK] = "ROLLED-BACK",
    [VERDICT_ERROR] = "ERROR",
};

const char *
verdict_token(enum verdict v)
{
	return tokens[v];
}

bool
verdict_passes(enum verdict v)
{
	return v == VERDICT_PASS || v == VERDICT_PASS_TORN;
}

struct verdicts *
verdicts_new(enum verify_format fmt, char **logs, int nlogs)
{
	struct verdicts *vs = xcalloc(1, sizeof *vs);

	vs->fmt = fmt;
	vs->rows = paths_temp_file("verify");
	vs->probs = paths_temp_file("verify");
	if (vs->rows == NULL || vs->probs == NULL) {
		int e = errno;

		verdicts_free(vs);
		errno = e;
		return NULL;
	}
	vs->logs = xcalloc((size_t)nlogs, sizeof *vs->logs);
	vs->nlogs = nlogs;
	for (int i = 0; i < nlogs; i++)
		vs->logs[i].path = logs[i];
	return vs;
}

void
verdicts_free(struct verdicts *vs)
{
	if (vs == NULL)
		return;
	for (int i = 0; i < vs->nlogs; i++) {
		matrix_free(vs->logs[i].mx);
		free(vs->logs[i].cpwhy);
		free(vs->logs[i].note);
	}
	if (vs->rows != NULL)
		fclose(vs->rows);
	if (vs->probs != NULL)
		fclose(vs->probs);
	free(vs->logs);
	free(vs);
}

void
verdicts_begin_log(struct verdicts *vs, int i)
{
	struct vlog *L = &vs->logs[i];

	vs->cur = i;
	L->rows_at = ftello(vs->rows);
	L->probs_at = ftello(vs->probs);
	if (vs->fmt == VF_MATRIX || vs->fmt == VF_MATRIX_CSV)
		L->mx = matrix_new();
}

FILE *
verdicts_row(struct verdicts *vs)
{
	return vs->rows;
}

void
verdicts_row_done(struct verdicts *vs)
{
	fputc('\0', vs->rows);
	vs->logs[vs->cur].nrows++;
}

struct matrix *
verdicts_matrix(struct verdicts *vs)
{
	return vs->logs[vs->cur].mx;
}

void
verdicts_problem(struct verdicts *vs, unsigned long line, bool torn,
		 const char *reason)
{
	fprintf(vs->probs, "%lu %d %s", line, torn, reason);
	fputc('\0', vs->probs);
}

void
verdicts_end_log(struct verdicts *vs, int v,
		 const struct complog_verify_result *res)
{
	struct vlog *L = &vs->logs[vs->cur];

	L->v = v;
	L->res = *res;
	L->rows_end = ftello(vs->rows);
	L->probs_end = ftello(vs->probs);
}

void
verdicts_checkpoint(struct verdicts *vs, int i, enum checkpoint_result r,
		    const char *why)
{
	struct vlog *L = &vs->logs[i];

	L->cp = r;
	free(L->cpwhy);
	L->cpwhy = r != CHECKPOINT_OK ? xstrdup(why) : NULL;
}

void
verdicts_note(struct verdicts *vs, int i, const char *note)
{
	struct vlog *L = &vs->logs[i];

	free(L->note);
	L->note = note != NULL && note[0] != '\0' ? xstrdup(note) : NULL;
}

static enum verdict
judge(const struct vlog *L)
{
	if (L->v == 2)
		return VERDICT_ERROR;
	if (!complog_verify_passed(L->v, &L->res) ||
	    L->cp == CHECKPOINT_REPLACED)
		return VERDICT_FAIL;
	if (L->cp == CHECKPOINT_ERROR)
		return VERDICT_ERROR;
	if (L->cp == CHECKPOINT_ROLLED_BACK)
		return VERDICT_ROLLED_BACK;
	return L->res.torn ? VERDICT_PASS_TORN : VERDICT_PASS;
}

enum verdict
verdicts_of(const struct verdicts *vs, int i)
{
	return judge(&vs->logs[i]);
}

/* ---- Reading back what was held ---------------------------------------- */

/* The next zero-ended item of fp before end, in *buf; false at the end. */
static bool
next_item(FILE *fp, off_t end, char **buf, size_t *cap)
{
	ssize_t n;

	if (ftello(fp) >= end || (n = getdelim(buf, cap, '\0', fp)) <= 0)
		return false;
	return true;
}

/* The note on log L's checkpoint, if any, on standard error. */
static void
print_note(const struct vlog *L)
{
	char *p, *w;

	if (L->note == NULL)
		return;
	p = util_escape_text(L->path, false);
	w = util_escape_text(L->note, false);
	fprintf(stderr, "%s: %s\n", p, w);
	free(p);
	free(w);
}

/* The problems of log L, one call of fn each (line, torn, reason). */
static void
each_problem(struct verdicts *vs, const struct vlog *L,
	     void (*fn)(const struct vlog *, unsigned long, bool, const char *,
			void *),
	     void *ctx)
{
	char *buf = NULL, *p;
	size_t cap = 0;
	unsigned long line;

	fseeko(vs->probs, L->probs_at, SEEK_SET);
	while (next_item(vs->probs, L->probs_end, &buf, &cap)) {
		line = strtoul(buf, &p, 10);
		fn(L, line, p[1] == '1', p + 3, ctx);
	}
	if (L->cpwhy != NULL)
		fn(L, 0, false, L->cpwhy, ctx);
	free(buf);
	fseeko(vs->probs, 0, SEEK_END);
}

static void
print_problem(const struct vlog *L, unsigned long line, bool torn,
	      const char *reason, void *ctx)
{
	char *p = util_escape_text(L->path, false);
	char *w = util_escape_text(reason, false);

	(void)ctx;
	if (line > 0)
		fprintf(stderr, "%s:%lu: %s: %s\n", p, line,
			torn ? "torn" : "error", w);
	else
		fprintf(stderr, "%s: error: %s\n", p, w);
	free(p);
	free(w);
}

/* The rows of log L, each between prefix and suffix, with between between
 * rows. */
static void
copy_rows(struct verdicts *vs, const struct vlog *L, const char *prefix,
	  const char *suffix, const char *between)
{
	char *buf = NULL;
	size_t cap = 0;
	bool first = true;

	fseeko(vs->rows, L->rows_at, SEEK_SET);
	while (next_item(vs->rows, L->rows_end, &buf, &cap)) {
		fputs(first ? "" : between, stdout);
		fputs(prefix, stdout);
		fputs(buf, stdout);
		fputs(suffix, stdout);
		first = false;
	}
	free(buf);
	fseeko(vs->rows, 0, SEEK_END);
}

/* ---- The verdict line ---------------------------------------------------- */

/* " (3 new since the checkpoint, 16 unchanged" when the verification
 * went on from the checkpoint's prefix; the caller closes it. */
static bool
new_words(FILE *out, const struct complog_verify_result *res, unsigned long all)
{
	if (res->prefix_use != COMPLOG_PREFIX_USED)
		return false;
	fprintf(out, " (%lu new since the checkpoint, %lu unchanged",
		all - res->unchanged, res->unchanged);
	return true;
}

/* "PASS: 16 records, ends at seq 15 (head ...), log ..., signed by ..." */
static void
pass_words(FILE *out, const struct vlog *L, const struct sign_trust *trust)
{
	const struct complog_verify_result *res = &L->res;
	const struct sign_trusted *t;
	bool open;
	char *l;

	fprintf(out, "%lu record%s", res->records,
		res->records == 1 ? "" : "s");
	open = new_words(out, res, res->records);
	if (res->recovered > 0)
		fprintf(out, "%s%lu recovered fragment%s", open ? "; " : " (",
			res->recovered, res->recovered == 1 ? "" : "s");
	if (open || res->recovered > 0)
		fputc(')', out);
	if (res->head_seq < 0)
		return;
	fprintf(out, ", ends at seq %lld (head %.16s), log %s, signed by ",
		res->head_seq, res->head_hash, res->log_id);
	for (size_t i = 0; i < res->nkeys_seen; i++) {
		t = sign_trust_find(trust, res->keys_seen[i]);
		l = util_escape_text(t != NULL ? t->label : "?", false);
		fprintf(out, "%s%s (%s)", i > 0 ? ", " : "", l,
			res->keys_seen[i]);
		free(l);
	}
}

/* The log's verdict line, for the terminal or standard error, with a
 * note on its records (or NULL). */
static void
summary(FILE *out, const struct vlog *L, const struct sign_trust *trust,
	const char *note)
{
	const struct complog_verify_result *res = &L->res;
	unsigned long problems = res->problems + (L->cpwhy != NULL);
	char *p = util_escape_text(L->path, false), *w;

	fprintf(out, "%s: ", p);
	switch (judge(L)) {
	case VERDICT_PASS:
		fputs("PASS: ", out);
		pass_words(out, L, trust);
		break;
	case VERDICT_PASS_TORN:
		fputs("PASS, with a torn last line (an append was cut short; "
		      "the next append sets it aside): ",
		      out);
		pass_words(out, L, trust);
		break;
	case VERDICT_FAIL:
		fprintf(out, "FAIL: %lu problem%s in %lu lines", problems,
			problems == 1 ? "" : "s", res->lines);
		if (new_words(out, res, res->lines))
			fputc(')', out);
		fprintf(out, "%s; %lu record%s verified",
			res->torn ? " (ends with a torn line)" : "",
			res->records, res->records == 1 ? "" : "s");
		break;
	case VERDICT_ROLLED_BACK:
		w = util_escape_text(L->cpwhy, false);
		fprintf(out, "ROLLED BACK: %s; %lu record%s verified", w,
			res->records, res->records == 1 ? "" : "s");
		free(w);
		break;
	case VERDICT_ERROR:
		fputs("ERROR: could not be read", out);
		break;
	}
	if (note != NULL)
		fputs(note, out);
	fputc('\n', out);
	free(p);
}

/* ---- Each format --------------------------------------------------------- */

static void
table_log(struct verdicts *vs, const struct vlog *L,
	  const struct sign_trust *trust)
{
	bool pass = verdict_passes(judge(L));

	summary(stdout, L, trust,
		!pass && L->nrows > 0 ? ", listed below marked !" : NULL);
	fflush(stdout);
	print_note(L);
	each_problem(vs, L, print_problem, NULL);
	fflush(stderr);
	if (L->nrows == 0) {
		printf("(no records to show)\n");
		return;
	}
	fputs(pass ? "" : "  ", stdout);
	report_table_header(stdout);
	copy_rows(vs, L, pass ? "" : "! ", "", "");
}

/* A record's row ends with its log's verdict, the last column. */
static void
csv_log(struct verdicts *vs, const struct vlog *L)
{
	char *end = xasprintf("\"%s\"\n", verdict_token(judge(L)));

	if (L->nrows == 0) {
		/* The log's verdict still has its row: its name, no record. */
		report_csv_cell(stdout, L->path, false);
		fputs(",,,,,,,,,,,,,,,,", stdout);
		fputs(end, stdout);
	}
	copy_rows(vs, L, "", end, "");
	free(end);
}

static void
add_problem(const struct vlog *L, unsigned long line, bool torn,
	    const char *reason, void *ctx)
{
	(void)L;
	json_array_append_new(ctx, json_pack("{s:I, s:b, s:s}", "line",
					     (json_int_t)line, "torn", torn,
					     "reason", reason));
}

/* The log's object without its records (the caller's). */
static json_t *
json_log(struct verdicts *vs, const struct vlog *L,
	 const struct sign_trust *trust)
{
	const struct complog_verify_result *res = &L->res;
	json_t *o, *keys = json_array(), *probs = json_array();
	const struct sign_trusted *t;

	for (size_t i = 0; i < res->nkeys_seen; i++) {
		t = sign_trust_find(trust, res->keys_seen[i]);
		json_array_append_new(
		    keys, json_pack("{s:s, s:s?}", "key_id", res->keys_seen[i],
				    "label", t != NULL ? t->label : NULL));
	}
	each_problem(vs, L, add_problem, probs);
	o = json_pack(
	    "{s:s, s:s, s:I, s:I, s:I, s:b, s:s?, s:o, s:s?, s:o, "
	    "s:o, s:I, s:s?}",
	    "log", L->path, "verdict", verdict_token(judge(L)), "lines",
	    (json_int_t)res->lines, "verified", (json_int_t)res->records,
	    "recovered", (json_int_t)res->recovered, "torn", res->torn,
	    "log_id", res->log_id[0] ? res->log_id : NULL, "head_seq",
	    res->head_seq >= 0 ? json_integer(res->head_seq) : json_null(),
	    "head", res->head_seq >= 0 ? res->head_hash : NULL, "keys", keys,
	    "problems", probs, "unchanged", (json_int_t)res->unchanged, "note",
	    L->note);
	return o;
}

/* The end of each of L's record objects: its log's verdict. */
static char *
json_row_end(const struct vlog *L)
{
	return xasprintf(",\"log_verdict\":\"%s\"}", verdict_token(judge(L)));
}

/*
 * --format json: one array of record objects, each with its log's verdict
 * last; a log none of whose records is listed has one object of its own,
 * its record fields null.
 */
static void
json_records(struct verdicts *vs)
{
	char *end, *s;
	json_t *o;

	printf("[");
	for (int i = 0; i < vs->nlogs; i++) {
		const struct vlog *L = &vs->logs[i];

		end = json_row_end(L);
		fputs(i > 0 ? ",\n  " : "\n  ", stdout);
		if (L->nrows > 0) {
			copy_rows(vs, L, "", end, ",\n  ");
		} else {
			o = report_json_no_record(L->path);
			s = json_dumps(o, JSON_COMPACT);
			json_decref(o);
			s[strlen(s) - 1] = '\0'; /* its closing brace */
			printf("%s%s", s, end);
			free(s);
		}
		free(end);
	}
	printf("%s]\n", vs->nlogs > 0 ? "\n" : "");
}

/* --format json-logs: an object per log, its records within. */
static void
json_logs(struct verdicts *vs, const struct sign_trust *trust)
{
	char *s, *end;

	printf("{\"logs\": [");
	for (int i = 0; i < vs->nlogs; i++) {
		json_t *o = json_log(vs, &vs->logs[i], trust);

		s = json_dumps(o, JSON_COMPACT);
		json_decref(o);
		s[strlen(s) - 1] = '\0'; /* its closing brace */
		printf("%s\n  %s,\"records\":[", i > 0 ? "," : "", s);
		free(s);
		if (vs->logs[i].nrows > 0) {
			end = json_row_end(&vs->logs[i]);
			fputs("\n    ", stdout);
			copy_rows(vs, &vs->logs[i], "", end, ",\n    ");
			free(end);
		}
		printf("]}");
	}
	printf("\n]}\n");
}

/* Statements of the logs that pass only: an xAPI import takes them all. */
static void
xapi_logs(struct verdicts *vs)
{
	bool any = false;

	printf("[");
	for (int i = 0; i < vs->nlogs; i++) {
		if (!verdict_passes(judge(&vs->logs[i])) ||
		    vs->logs[i].nrows == 0)
			continue;
		fputs(any ? ",\n  " : "\n  ", stdout);
		copy_rows(vs, &vs->logs[i], "", "", ",\n  ");
		any = true;
	}
	printf("%s]\n", any ? "\n" : "");
}

/* What the verdict line says of a log's records that are left out. */
static const char *
left_out(const struct verdicts *vs, const struct vlog *L, enum verdict v)
{
	bool had = L->nrows > 0 || (L->mx != NULL && L->res.records > 0);

	if (verdict_passes(v) || !had)
		return NULL;
	if (vs->fmt == VF_XAPI)
		return "; its records are left out of the xAPI statements";
	if (vs->fmt == VF_MATRIX || vs->fmt == VF_MATRIX_CSV)
		return "; its records are left out of the matrix";
	return NULL;
}

int
verdicts_print(struct verdicts *vs, const struct sign_trust *trust,
	       struct matrix *mx, bool auto_columns)
{
	int rc = CLI_OK;
	bool io = false;

	if (fflush(vs->rows) != 0 || fflush(vs->probs) != 0 ||
	    ferror(vs->rows) || ferror(vs->probs)) {
		cli_error("cannot hold the report in a temporary file: %s",
			  strerror(errno));
		return CLI_USAGE;
	}
	if (vs->fmt == VF_CSV)
		report_csv_header(stdout);
	for (int i = 0; i < vs->nlogs; i++) {
		struct vlog *L = &vs->logs[i];
		enum verdict v = judge(L);

		if (v == VERDICT_FAIL || v == VERDICT_ROLLED_BACK)
			rc = CLI_FAIL;
		io |= v == VERDICT_ERROR;
		if (vs->fmt == VF_TABLE) {
			table_log(vs, L, trust);
			continue;
		}
		summary(stderr, L, trust, left_out(vs, L, v));
		print_note(L);
		each_problem(vs, L, print_problem, NULL);
		if (vs->fmt == VF_CSV)
			csv_log(vs, L);
		if (L->mx != NULL && verdict_passes(v))
			matrix_merge(mx, L->mx, auto_columns);
	}
	if (vs->fmt == VF_JSON)
		json_records(vs);
	else if (vs->fmt == VF_JSON_LOGS)
		json_logs(vs, trust);
	else if (vs->fmt == VF_XAPI)
		xapi_logs(vs);
	fflush(stdout);
	return rc == CLI_OK && io ? CLI_USAGE : rc;
}
