/*
 * verify.c: workshop verify [-k PUBKEY]... [--keys TRUSTFILE]
 *   [--checkpoint FILE] [--format table|csv|json|xapi|matrix|matrix-csv]
 *   [--learner NAME] [--module ID]... [--since DATE] [--until DATE]
 *   [--due-within DAYS] [--as-of DATE] [--content DIR] [LOG]...
 *
 * Checks each log (complog_verify) and reports its verified records.  The
 * report goes to standard output; problems ("LOG:LINE: error: reason") go
 * to standard error, and so does the per-log PASS/FAIL summary unless the
 * format is the terminal table.  Everything taken from a record is escaped
 * before it reaches a terminal; CSV cells that a spreadsheet would run as a
 * formula are neutralised.
 *
 * Exit: 0 every log verified; 1 any tampering, torn line, untrusted key or
 * failed checkpoint; 2 usage, or a log or key that could not be read.
 */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checkpoint.h"
#include "cmd.h"
#include "content.h"
#include "matrix.h"
#include "report.h"
#include "trust.h"
#include "util.h"
#include "when.h"

/* Where xAPI accounts live when --xapi-home is not given. */
#define XAPI_HOME_DEFAULT "https://workshop.invalid/staff"

static const struct cli_option options[] = {
    {"pubkey", 'k', "FILE", "trust the public key in FILE (repeatable)"},
    {"keys", 0, "FILE", "trust the keys listed in FILE (workshop-log(5))"},
    {"checkpoint", 0, "FILE",
     "keep each log's verified head in FILE; fail on a rollback"},
    {"format", 0, "FMT",
     "report as table (default), csv, json, xapi, matrix or matrix-csv"},
    {"learner", 0, "NAME", "report only this learner (name or staff id)"},
    {"module", 0, "ID", "report only this module (repeatable)"},
    {"since", 0, "DATE", "report only records on or after DATE (YYYY-MM-DD)"},
    {"until", 0, "DATE", "report only records on or before DATE (YYYY-MM-DD)"},
    {"threads", 0, "N", "check signatures on N threads (default: every CPU)"},
    {"xapi-home", 0, "URL",
     "xAPI accounts' homePage (default " XAPI_HOME_DEFAULT ")"},
    {"due-within", 0, "DAYS",
     "matrix: 'due' when a refresher falls due within DAYS (default 30)"},
    {"as-of", 0, "DATE", "matrix: as it stands on DATE (default: today)"},
    CLI_CONTENT_OPTION,
    {NULL, 0, NULL, NULL},
};

enum fmt { FMT_TABLE, FMT_CSV, FMT_JSON, FMT_XAPI, FMT_MATRIX, FMT_MATRIX_CSV };

struct vopts {
	struct trust_set keyset;
	const char *keys, *checkpoint, *learner, *since, *until;
	const char **modules; /* --module, repeatable */
	size_t nmodules;
	const char *xapi_home, *content;
	long due_within, as_of; /* the matrix's window and day */
	enum fmt fmt;
	int threads;
};

/* The report state shared by the callbacks. */
struct rep {
	const struct vopts *o;
	unsigned long shown;
	FILE *sum;	   /* where summaries go */
	struct matrix *mx; /* the matrix formats */
};

/* ---- Record output ----------------------------------------------------- */

static bool
wanted(const struct vopts *o, const struct complog_entry *e)
{
	bool session = e->tallies != NULL;

	if (e->learner == NULL && !session)
		return false; /* genesis, recovered */
	/* A session record names nobody: not in a learner's report, nor in
	 * xAPI (it is no learner's statement). */
	if (session && (o->learner != NULL || o->fmt == FMT_XAPI))
		return false;
	if (!session && o->learner != NULL &&
	    strcmp(o->learner, e->learner) != 0 &&
	    (e->staff_id == NULL || strcmp(o->learner, e->staff_id) != 0))
		return false;
	if (o->nmodules > 0) {
		size_t i = 0;

		while (i < o->nmodules && strcmp(o->modules[i], e->module) != 0)
			i++;
		if (i == o->nmodules)
			return false;
	}
	if (o->since != NULL && strncmp(e->ts, o->since, strlen(o->since)) < 0)
		return false;
	if (o->until != NULL && strncmp(e->ts, o->until, strlen(o->until)) > 0)
		return false;
	return true;
}

static void
json_out(json_t *j, bool first)
{
	char *s = json_dumps(j, JSON_COMPACT);

	printf("%s\n  %s", first ? "" : ",", s);
	free(s);
	json_decref(j);
}

static void
on_record(const struct complog_entry *e, void *ctx)
{
	struct rep *r = ctx;
	bool first = r->shown == 0;

	if (!wanted(r->o, e))
		return;
	switch (r->o->fmt) {
	case FMT_TABLE:
		report_table_row(e, first);
		break;
	case FMT_CSV:
		report_csv_row(e, first);
		break;
	case FMT_JSON:
		json_out(report_json_row(e), first);
		break;
	case FMT_XAPI:
		json_out(report_xapi_statement(e, r->o->xapi_home), first);
		break;
	case FMT_MATRIX:
	case FMT_MATRIX_CSV:
		matrix_add(r->mx, e, r->o->nmodules == 0 && r->mx != NULL);
		break;
	}
	r->shown++;
}

static void
on_problem(const char *path, unsigned long line, bool torn, const char *reason,
	   void *ctx)
{
	char *p = util_escape_text(path, false);
	char *w = util_escape_text(reason, false);

	(void)ctx;
	fflush(stdout);
	if (line > 0)
		fprintf(stderr, "%s:%lu: %s: %s\n", p, line,
			torn ? "torn" : "error", w);
	else
		fprintf(stderr, "%s: error: %s\n", p, w);
	free(p);
	free(w);
}

/* ---- Per-log summary and checkpoints ----------------------------------- */

static void
summary(struct rep *r, const char *path, int rc,
	const struct complog_verify_result *res)
{
	char *p = util_escape_text(path, false), *l;
	const struct sign_trusted *t;

	fflush(stdout);
	if (rc == 0) {
		fprintf(r->sum, "%s: PASS: %lu records", p, res->records);
		/* A torn line was set aside: a manager should know. */
		if (res->recovered > 0)
			fprintf(r->sum, " (%lu recovered fragment%s)",
				res->recovered, res->recovered == 1 ? "" : "s");
		fprintf(r->sum,
			", ends at seq %lld (head %.16s), log %s, "
			"signed by ",
			res->head_seq, res->head_hash, res->log_id);
		for (size_t i = 0; i < res->nkeys_seen; i++) {
			t = sign_trust_find(&r->o->keyset.trust,
					    res->keys_seen[i]);
			l = util_escape_text(t->label, false);
			fprintf(r->sum, "%s%s (%s)", i > 0 ? ", " : "", l,
				t->pub.key_id);
			free(l);
		}
		fputc('\n', r->sum);
	} else if (rc == 1) {
		fprintf(r->sum,
			"%s: FAIL: %lu problem%s in %lu lines%s; %lu "
			"record%s verified\n",
			p, res->problems, res->problems == 1 ? "" : "s",
			res->lines, res->torn ? " (ends with a torn line)" : "",
			res->records, res->records == 1 ? "" : "s");
	} else {
		fprintf(r->sum, "%s: ERROR: could not be read\n", p);
	}
	free(p);
}

/* ---- Options ----------------------------------------------------------- */

/* --due-within: a whole number of days from 0 to 3650. */
static int
parse_days(const char *arg, long *out)
{
	char *end;

	*out = strtol(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || *out > 3650)
		return cli_usage_error(
		    &cmd_verify,
		    "--due-within: expected a number of days "
		    "from 0 to 3650, not '%s'",
		    arg);
	return CLI_OK;
}

static int
parse_opts(struct vopts *o, int argc, char **argv, int *first)
{
	struct cli_parse p;
	const char *arg;
	int i, rc = CLI_OK;

	cli_begin(&p, &cmd_verify, argc, argv);
	while ((i = cli_next(&p, &arg)) >= 0 && rc == CLI_OK) {
		const char *name = cmd_verify.options[i].name;

		if (strcmp(name, "pubkey") == 0)
			rc = trust_add_pubkey(&o->keyset, arg);
		else if (strcmp(name, "keys") == 0)
			o->keys = arg;
		else if (strcmp(name, "checkpoint") == 0)
			o->checkpoint = arg;
		else if (strcmp(name, "learner") == 0)
			o->learner = arg;
		else if (strcmp(name, "module") == 0) {
			o->modules = xreallocarray(o->modules, o->nmodules + 1,
						   sizeof *o->modules);
			o->modules[o->nmodules++] = arg;
		} else if (strcmp(name, "content") == 0)
			o->content = arg;
		else if (strcmp(name, "due-within") == 0)
			rc = parse_days(arg, &o->due_within);
		else if (strcmp(name, "as-of") == 0) {
			if ((o->as_of = when_days(arg)) < 0)
				rc = cli_usage_error(&cmd_verify,
						     "--as-of: expected a date "
						     "YYYY-MM-DD, not '%s'",
						     arg);
		} else if (strcmp(name, "since") == 0 ||
			   strcmp(name, "until") == 0) {
			if (when_days(arg) < 0)
				rc = cli_usage_error(&cmd_verify,
						     "--%s: expected a date "
						     "YYYY-MM-DD, not '%s'",
						     name, arg);
			*(name[0] == 's' ? &o->since : &o->until) = arg;
		} else if (strcmp(name, "xapi-home") == 0) {
			if (strncmp(arg, "https://", 8) != 0 &&
			    strncmp(arg, "http://", 7) != 0)
				rc = cli_usage_error(&cmd_verify,
						     "--xapi-home: expected an "
						     "http:// or https:// URL, "
						     "not '%s'",
						     arg);
			o->xapi_home = arg;
		} else if (strcmp(name, "threads") == 0) {
			o->threads = atoi(arg);
			if (o->threads < 1 || o->threads > 64)
				rc = cli_usage_error(&cmd_verify,
						     "--threads: expected 1 "
						     "to 64");
		} else if (strcmp(name, "format") == 0) {
			static const char *const f[] = {"table",  "csv",
							"json",	  "xapi",
							"matrix", "matrix-csv"};
			size_t k;

			for (k = 0; k < UTIL_NELEM(f); k++)
				if (strcmp(arg, f[k]) == 0)
					o->fmt = (enum fmt)k;
			for (k = 0; k < UTIL_NELEM(f); k++)
				if (strcmp(arg, f[k]) == 0)
					break;
			if (k == UTIL_NELEM(f))
				rc = cli_usage_error(
				    &cmd_verify,
				    "--format: expected table, csv, json, "
				    "xapi, matrix or matrix-csv, not '%s'",
				    arg);
		}
	}
	cli_done(&p);
	*first = p.optind;
	if (rc == CLI_OK && o->since != NULL && o->until != NULL &&
	    strcmp(o->since, o->until) > 0)
		rc = cli_usage_error(&cmd_verify,
				     "--since %s is after --until %s", o->since,
				     o->until);
	if (rc != CLI_OK)
		return rc;
	if (i == CLI_NEXT_HELP)
		return -1;
	if (i == CLI_NEXT_ERROR)
		return CLI_USAGE;
	if (o->keys != NULL)
		return trust_add_file(&o->keyset, o->keys);
	return CLI_OK;
}

/*
 * The matrix's columns: the modules asked for, or every module of the
 * content pack in the programme's order (with their refresh periods); when
 * the pack cannot be read, the modules the records name.
 */
static struct matrix *
matrix_setup(const struct vopts *o)
{
	struct matrix *mx = matrix_new();
	char *dir = cli_content_dir(o->content);
	struct diags d;
	struct content *c;
	struct module *m;

	diags_init(&d);
	c = content_load_dir(dir, &d);
	for (size_t i = 0; i < o->nmodules; i++) {
		m = c != NULL ? content_module(c, o->modules[i]) : NULL;
		matrix_column(mx, o->modules[i], m ? m->title : NULL,
			      m ? &m->refresh : NULL);
	}
	if (o->nmodules == 0 && c != NULL && d.n == 0 && c->programme != NULL)
		for (size_t i = 0; i < c->programme->nitems; i++)
			if ((m = c->programme->items[i].module) != NULL)
				matrix_column(mx, m->id, m->title, &m->refresh);
	if (o->nmodules == 0 && c != NULL && d.n == 0)
		for (size_t i = 0; i < c->nmodules; i++)
			matrix_column(mx, c->modules[i].id, c->modules[i].title,
				      &c->modules[i].refresh);
	content_free(c);
	diags_free(&d);
	free(dir);
	return mx;
}

static void
format_begin(const struct vopts *o)
{
	if (o->fmt == FMT_JSON || o->fmt == FMT_XAPI)
		printf("[");
}

static void
format_end(const struct vopts *o, const struct rep *r)
{
	if (o->fmt == FMT_JSON || o->fmt == FMT_XAPI)
		printf("%s]\n", r->shown > 0 ? "\n" : "");
	else if (o->fmt == FMT_TABLE && r->shown == 0)
		printf("(no records to show)\n");
	fflush(stdout);
}

static int
verify_all(struct vopts *o, char **logs, int nlogs)
{
	struct rep r = {.o = o};
	struct complog_verify_opts vo = {.trust = &o->keyset.trust,
					 .threads = o->threads,
					 .on_record = on_record,
					 .on_problem = on_problem,
					 .ctx = &r};
	struct complog_verify_result res;
	struct checkpoint_head *heads = xcalloc((size_t)nlogs, sizeof *heads);
	int rc = CLI_OK, v, worst_io = 0;

	r.sum = o->fmt == FMT_TABLE ? stdout : stderr;
	if (o->fmt == FMT_MATRIX || o->fmt == FMT_MATRIX_CSV)
		r.mx = matrix_setup(o);
	format_begin(o);
	for (int i = 0; i < nlogs; i++) {
		if (o->fmt == FMT_TABLE)
			r.shown = 0; /* a table per log */
		v = complog_verify(logs[i], &vo, &res);
		memcpy(heads[i].log_id, res.log_id, sizeof heads[i].log_id);
		heads[i].seq = v == 0 ? res.head_seq : -1;
		memcpy(heads[i].hash, res.head_hash, sizeof heads[i].hash);
		if (v == 1)
			rc = CLI_FAIL;
		else if (v == 2)
			worst_io = 1;
		if (o->fmt == FMT_TABLE)
			format_end(o, &r);
		summary(&r, logs[i], v, &res);
	}
	if (r.mx != NULL)
		matrix_print(r.mx, o->as_of, o->due_within,
			     o->fmt == FMT_MATRIX_CSV);
	else if (o->fmt != FMT_TABLE)
		format_end(o, &r);
	if (o->checkpoint != NULL && !worst_io) {
		v = checkpoint_check(o->checkpoint, logs, nlogs, heads,
				     rc == CLI_OK);
		if (v == CLI_FAIL)
			rc = CLI_FAIL;
		else if (v == CLI_USAGE && rc == CLI_OK)
			worst_io = 1;
	}
	free(heads);
	matrix_free(r.mx);
	if (rc == CLI_OK && worst_io)
		rc = CLI_USAGE;
	return rc;
}

static int
run(int argc, char **argv)
{
	struct vopts o = {.xapi_home = XAPI_HOME_DEFAULT,
			  .due_within = 30,
			  .as_of = (long)(time(NULL) / 86400)};
	char logbuf[PATH_MAX], *deflog[1];
	int first, rc;

	rc = parse_opts(&o, argc, argv, &first);
	if (rc == CLI_OK && !o.keyset.any)
		rc = trust_default(&o.keyset, &cmd_verify);
	if (rc != CLI_OK) {
		trust_set_free(&o.keyset);
		return rc < 0 ? CLI_OK : rc;
	}
	if (first < argc) {
		rc = verify_all(&o, argv + first, argc - first);
	} else if (complog_default_path(logbuf, sizeof logbuf) == 0) {
		deflog[0] = logbuf;
		rc = verify_all(&o, deflog, 1);
	} else {
		rc = cli_usage_error(&cmd_verify, "no log given");
	}
	trust_set_free(&o.keyset);
	free(o.modules);
	return rc;
}

const struct cli_command cmd_verify = {
    .name = "verify",
    .args = "[LOG]...",
    .summary = "verify signed completion logs and report",
    .options = options,
    .run = run,
};
