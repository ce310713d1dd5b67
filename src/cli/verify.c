/*
 * verify.c: workshop verify [-k PUBKEY]... [--keys TRUSTFILE]
 *   [--checkpoint FILE]
 *   [--format table|csv|json|json-logs|xapi|matrix|matrix-csv]
 *   [--learner NAME] [--module ID]... [--since DATE] [--until DATE]
 *   [--due-within DAYS] [--as-of DATE] [--content DIR] [LOG]...
 *
 * Checks each log (complog_verify), judges it against the checkpoint, and
 * reports its verified records under its verdict (verdict.c holds the
 * output until every verdict is known).  The report goes to standard
 * output; problems ("LOG:LINE: error: reason") go to standard error, and
 * so does each log's verdict line unless the format is the terminal table.
 * Everything taken from a record is escaped before it reaches a terminal;
 * CSV cells that a spreadsheet would run as a formula are neutralised.
 *
 * Exit: 0 every log passed (a torn last line included: an append cut
 * short, not tampering); 1 any tampering, untrusted key or failed
 * checkpoint; 2 usage, or a log, key or checkpoint that could not be read
 * or written.
 */

#include <errno.h>
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
#include "verdict.h"
#include "util.h"
#include "when.h"

/* Where xAPI accounts live when --xapi-home is not given. */
#define XAPI_HOME_DEFAULT REPORT_XAPI_HOME_DEFAULT

static const struct cli_option options[] = {
    {"pubkey", 'k', "FILE", "trust the public key in FILE (repeatable)"},
    {"keys", 0, "FILE", "trust the keys listed in FILE (workshop-log(5))"},
    {"checkpoint", 0, "FILE",
     "keep each log's verified head in FILE; fail on a rollback; check "
     "only what is new since"},
    {"new", 0, NULL,
     "report only the records after the checkpoint (with --checkpoint)"},
    {"format", 0, "FMT",
     "report as table (default), csv, json, json-logs, xapi, matrix or "
     "matrix-csv"},
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

struct vopts {
	struct trust_set keyset;
	const char *keys, *checkpoint, *learner, *since, *until;
	const char **modules; /* --module, repeatable */
	size_t nmodules;
	const char *xapi_home, *content;
	long due_within, as_of; /* the matrix's window and day */
	enum verify_format fmt;
	int threads;
	bool only_new; /* --new */
};

/* The report state shared by the callbacks. */
struct rep {
	const struct vopts *o;
	struct verdicts *vs;
	const struct checkpoint_log *log; /* the log being verified */
};

/* ---- Record output ----------------------------------------------------- */

/* Is e at or before the head the checkpoint kept for its log (--new)? */
static bool
seen_before(const struct checkpoint_log *L, const struct complog_entry *e)
{
	return L->new_after >= 0 && e->seq <= L->new_after &&
	       strcmp(e->log_id, L->first_id) == 0;
}

static bool
wanted(const struct rep *r, const struct complog_entry *e)
{
	const struct vopts *o = r->o;
	bool session = e->tallies != NULL;

	if (e->learner == NULL && !session)
		return false; /* genesis, recovered */
	if (o->only_new && seen_before(r->log, e))
		return false;
	/* A session record names nobody: not in a learner's report, nor in
	 * xAPI (it is no learner's statement). */
	if (session && (o->learner != NULL || o->fmt == VF_XAPI))
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

/* A JSON row: one compact object; open, without its closing brace, when
 * its log's verdict is to end it. */
static void
json_row(FILE *out, json_t *j, bool open)
{
	char *s = json_dumps(j, JSON_COMPACT);

	if (open)
		s[strlen(s) - 1] = '\0';
	fputs(s, out);
	free(s);
	json_decref(j);
}

static void
on_record(const struct complog_entry *e, void *ctx)
{
	struct rep *r = ctx;
	FILE *out = verdicts_row(r->vs);

	if (!wanted(r, e))
		return;
	switch (r->o->fmt) {
	case VF_TABLE:
		report_table_row(out, e);
		break;
	case VF_CSV:
		report_csv_row(out, e);
		break;
	case VF_JSON:
	case VF_JSON_LOGS:
		json_row(out, report_json_row(e), true);
		break;
	case VF_XAPI:
		json_row(out, report_xapi_statement(e, r->o->xapi_home), false);
		break;
	case VF_MATRIX:
	case VF_MATRIX_CSV:
		matrix_add(verdicts_matrix(r->vs), e, true);
		return;
	}
	verdicts_row_done(r->vs);
}

static void
on_problem(const char *path, unsigned long line, bool torn, const char *reason,
	   void *ctx)
{
	struct rep *r = ctx;

	(void)path;
	verdicts_problem(r->vs, line, torn, reason);
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
		else if (strcmp(name, "new") == 0)
			o->only_new = true;
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
			/* In the order of enum verify_format. */
			static const char *const f[] = {
			    "table",  "csv",	    "json",	"xapi",
			    "matrix", "matrix-csv", "json-logs"};
			size_t k;

			for (k = 0; k < UTIL_NELEM(f); k++)
				if (strcmp(arg, f[k]) == 0)
					o->fmt = (enum verify_format)k;
			for (k = 0; k < UTIL_NELEM(f); k++)
				if (strcmp(arg, f[k]) == 0)
					break;
			if (k == UTIL_NELEM(f))
				rc = cli_usage_error(
				    &cmd_verify,
				    "--format: expected table, csv, json, "
				    "json-logs, xapi, matrix or matrix-csv, "
				    "not '%s'",
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
	if (rc == CLI_OK && o->only_new && o->checkpoint == NULL)
		rc = cli_usage_error(&cmd_verify,
				     "--new needs --checkpoint FILE: new since "
				     "the checkpoint");
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

/*
 * Judge each log against the checkpoint, and move the checkpoint forward
 * when every log passed (each log's verdict then says so).  CLI_OK, or
 * CLI_USAGE when the file could not be written.
 */
static int
judge_checkpoint(struct verdicts *vs, struct checkpoint *cp,
		 const struct checkpoint_log *logs, int nlogs)
{
	char why[400];
	bool all = true;

	for (int i = 0; i < nlogs; i++) {
		if (verdicts_of(vs, i) == VERDICT_ERROR)
			continue; /* not read: nothing to compare */
		verdicts_checkpoint(
		    vs, i,
		    checkpoint_judge(cp, logs, nlogs, i, why, sizeof why), why);
	}
	for (int i = 0; i < nlogs; i++)
		all &= verdict_passes(verdicts_of(vs, i));
	if (!all)
		return CLI_OK;
	if (checkpoint_save(cp, logs, nlogs) < 0) {
		cli_error("%s: cannot write: %s", cp->file, strerror(errno));
		return CLI_USAGE;
	}
	return CLI_OK;
}

/* After the verdicts: what became of the checkpoint. */
static void
checkpoint_said(const struct checkpoint *cp, bool all, int rc)
{
	char *f = util_escape_text(cp->file, false);

	if (!all)
		fprintf(stderr,
			"workshop: %s was not %s: not every log passed\n", f,
			cp->exists ? "moved forward" : "written");
	else if (rc == CLI_OK && cp->exists)
		fprintf(stderr, "workshop: moved the checkpoint %s forward\n",
			f);
	else if (rc == CLI_OK)
		fprintf(stderr, "workshop: wrote the checkpoint %s\n", f);
	free(f);
}

/*
 * Verify each log into the held verdicts; with a checkpoint, going on
 * from the prefix it keeps for the log, and working out the next one.
 */
static void
verify_each(struct rep *r, const struct checkpoint *cp,
	    struct checkpoint_log *logs, int nlogs)
{
	const struct sign_trust *trust = &r->o->keyset.trust;
	struct complog_verify_opts vo = {.trust = trust,
					 .threads = r->o->threads,
					 .on_record = on_record,
					 .on_problem = on_problem,
					 .ctx = r,
					 .want_prefix = cp != NULL};
	struct complog_verify_result res;
	struct checkpoint_log *L;
	int v;

	for (int i = 0; i < nlogs; i++) {
		L = &logs[i];
		r->log = L;
		if (cp != NULL)
			checkpoint_prepare(cp, L, trust);
		if (L->resumable && r->o->only_new)
			L->resume.report_from = L->resume.seq + 1;
		vo.resume = L->resumable ? &L->resume : NULL;
		verdicts_begin_log(r->vs, i);
		v = complog_verify(L->path, &vo, &res);
		verdicts_end_log(r->vs, v, &res);
		checkpoint_verified(L, verdict_passes(verdicts_of(r->vs, i)),
				    &res, trust);
		verdicts_note(r->vs, i, L->note);
	}
}

static int
verify_all(struct vopts *o, char **paths, int nlogs)
{
	struct rep r = {.o = o};
	struct checkpoint_log *logs;
	struct checkpoint cp = {0};
	struct matrix *mx = NULL;
	char err[400];
	int rc, cprc = CLI_OK;
	bool all = true;

	if (o->checkpoint != NULL &&
	    checkpoint_load(o->checkpoint, &cp, err, sizeof err) < 0) {
		cli_error("%s", err);
		checkpoint_free(&cp);
		return CLI_USAGE;
	}
	if ((r.vs = verdicts_new(o->fmt, paths, nlogs)) == NULL) {
		cli_error("cannot make a temporary file: %s", strerror(errno));
		checkpoint_free(&cp);
		return CLI_USAGE;
	}
	logs = xcalloc((size_t)nlogs, sizeof *logs);
	for (int i = 0; i < nlogs; i++) {
		logs[i].path = paths[i];
		logs[i].new_after = -1;
	}
	verify_each(&r, o->checkpoint != NULL ? &cp : NULL, logs, nlogs);
	if (o->checkpoint != NULL)
		cprc = judge_checkpoint(r.vs, &cp, logs, nlogs);
	if (o->fmt == VF_MATRIX || o->fmt == VF_MATRIX_CSV)
		mx = matrix_setup(o);
	rc = verdicts_print(r.vs, &o->keyset.trust, mx, o->nmodules == 0);
	if (mx != NULL)
		matrix_print(mx, o->as_of, o->due_within,
			     o->fmt == VF_MATRIX_CSV);
	for (int i = 0; i < nlogs; i++)
		all &= verdict_passes(verdicts_of(r.vs, i));
	if (o->checkpoint != NULL)
		checkpoint_said(&cp, all, cprc);
	checkpoint_free(&cp);
	verdicts_free(r.vs);
	matrix_free(mx);
	free(logs);
	return rc == CLI_OK ? cprc : rc;
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
