/*
 * cmd_verify.c: workshop verify [-k PUBKEY]... [--keys TRUSTFILE]
 *   [--checkpoint FILE] [--format table|csv|json|xapi] [--learner NAME]
 *   [--module ID] [--since DATE] [--until DATE] [LOG]...
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
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "complog.h"
#include "complog_line.h"
#include "layout.h"
#include "sign.h"
#include "util.h"
#include "when.h"

/* Where xAPI accounts live when --xapi-home is not given. */
#define XAPI_HOME_DEFAULT "https://workshop.invalid/staff"

static const struct cli_option options[] = {
    {"pubkey", 'k', "FILE", "trust the public key in FILE (repeatable)"},
    {"keys", 0, "FILE", "trust the keys listed in FILE (workshop-log(5))"},
    {"checkpoint", 0, "FILE",
     "keep each log's verified head in FILE; fail on a rollback"},
    {"format", 0, "FMT", "report as table (default), csv, json or xapi"},
    {"learner", 0, "NAME", "report only this learner (name or staff id)"},
    {"module", 0, "ID", "report only this module"},
    {"since", 0, "DATE", "report only records on or after DATE (YYYY-MM-DD)"},
    {"until", 0, "DATE", "report only records on or before DATE (YYYY-MM-DD)"},
    {"threads", 0, "N", "check signatures on N threads (default: every CPU)"},
    {"xapi-home", 0, "URL",
     "xAPI accounts' homePage (default " XAPI_HOME_DEFAULT ")"},
    {NULL, 0, NULL, NULL},
};

enum fmt { FMT_TABLE, FMT_CSV, FMT_JSON, FMT_XAPI };

struct vopts {
	struct sign_trust trust;
	const char *keys, *checkpoint, *learner, *module, *since, *until;
	const char *xapi_home;
	enum fmt fmt;
	int threads;
	bool any_key;
};

/* The report state shared by the callbacks. */
struct rep {
	const struct vopts *o;
	unsigned long shown;
	FILE *sum; /* where summaries go */
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
	if (o->module != NULL && strcmp(o->module, e->module) != 0)
		return false;
	if (o->since != NULL && strncmp(e->ts, o->since, strlen(o->since)) < 0)
		return false;
	if (o->until != NULL && strncmp(e->ts, o->until, strlen(o->until)) > 0)
		return false;
	return true;
}

/* Print s escaped for a terminal, padded to width columns. */
static void
cell(const char *s, int width)
{
	char *e = util_escape_text(s != NULL ? s : "-", false);
	int w = layout_width(e, strlen(e));

	printf("%s%*s", e, w < width ? width - w : 0, "");
	free(e);
}

static void
table_row(const struct complog_entry *e, bool header)
{
	char score[32], version[9];

	if (header)
		printf("%-24s %-20s %-9s %-9s %-10s %-8s %s\n", "LEARNER",
		       "MODULE", "RESULT", "SCORE", "DATE", "VERSION",
		       "SIGNED BY");
	if (e->score >= 0)
		snprintf(score, sizeof score, "%d/%d", e->score, e->total);
	else
		snprintf(score, sizeof score, "-");
	snprintf(version, sizeof version, "%.8s", e->content_version);
	if (e->tallies != NULL) {
		char present[32];

		snprintf(present, sizeof present, "(%ld present)", e->present);
		cell(present, 24);
	} else {
		cell(e->learner, 24);
	}
	putchar(' ');
	cell(e->module, 20);
	printf(" %-9s %-9s %.10s %-8s ", e->type, score, e->ts, version);
	cell(e->key_label, 0);
	putchar('\n');
}

/*
 * One CSV cell: quoted as RFC 4180 says, a formula neutralised, the data
 * otherwise unchanged (records hold no control characters).
 */
static void
csv_cell(const char *s, bool last)
{
	const char *e = s != NULL ? s : "";

	putchar('"');
	if (strchr("=+-@\t\r", e[0]) != NULL && e[0] != '\0')
		putchar('\'');
	for (const char *p = e; *p; p++) {
		if (*p == '"')
			putchar('"');
		putchar(*p);
	}
	putchar('"');
	putchar(last ? '\n' : ',');
}

static void
csv_int(int v)
{
	if (v >= 0)
		printf("%d,", v);
	else
		printf(",");
}

static void
csv_row(const struct complog_entry *e, bool header)
{
	if (header)
		printf("log,line,seq,date,learner,staff_id,module,module_title,"
		       "result,score,max,pass_mark,content_version,mode,"
		       "facilitator,key_id,key_label\n");
	csv_cell(e->path, false);
	printf("%lu,%lld,", e->line, e->seq);
	csv_cell(e->ts, false);
	csv_cell(e->learner, false);
	csv_cell(e->staff_id, false);
	csv_cell(e->module, false);
	csv_cell(e->module_title, false);
	csv_cell(e->type, false);
	csv_int(e->score);
	csv_int(e->total);
	csv_int(e->pass_mark);
	csv_cell(e->content_version, false);
	csv_cell(e->mode, false);
	csv_cell(e->facilitator, false);
	csv_cell(e->key_id, false);
	csv_cell(e->key_label, true);
}

static json_t *
jstr_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
jint_or_null(long v)
{
	return v >= 0 ? json_integer(v) : json_null();
}

/* nq rows of scale counts. */
static json_t *
json_rows(const unsigned *v, int nq, int scale)
{
	json_t *a = json_array(), *row;

	for (int q = 0; q < nq; q++) {
		row = json_array();
		for (int k = 0; k < scale; k++)
			json_array_append_new(
			    row, json_integer((json_int_t)v[q * scale + k]));
		json_array_append_new(a, row);
	}
	return a;
}

static json_t *
json_row(const struct complog_entry *e)
{
	const struct complog_tallies *t = e->tallies;
	json_t *j = json_pack(
	    "{s:s, s:I, s:I, s:s, s:s, s:o, s:o, s:s, s:s, s:s, s:s, s:o, "
	    "s:o, s:o, s:o, s:o, s:s, s:s}",
	    "log", e->path, "line", (json_int_t)e->line, "seq",
	    (json_int_t)e->seq, "log_id", e->log_id, "date", e->ts, "learner",
	    jstr_or_null(e->learner), "staff_id", jstr_or_null(e->staff_id),
	    "module", e->module, "module_title", e->module_title, "result",
	    e->type, "content_version", e->content_version, "score",
	    jint_or_null(e->score), "max", jint_or_null(e->total), "pass_mark",
	    jint_or_null(e->pass_mark), "facilitator",
	    jstr_or_null(e->facilitator), "duration", jint_or_null(e->duration),
	    "mode", e->mode, "key_id", e->key_id);

	if (t != NULL) {
		json_object_set_new(j, "present", json_integer(e->present));
		json_object_set_new(
		    j, "tallies",
		    json_pack("{s:s, s:i, s:o, s:o}", "set", t->set, "scale",
			      t->scale, "before",
			      json_rows(t->before, t->nq, t->scale), "after",
			      json_rows(t->after, t->nq, t->scale)));
	}
	return j;
}

/* A deterministic statement id (UUID form) from the log id and seq. */
static void
statement_id(const struct complog_entry *e, char out[37])
{
	static const char ctx[] = "workshop/v1/xapi";
	unsigned char h[16];
	char in[80], hex[33];
	crypto_generichash_state st;

	snprintf(in, sizeof in, "%s:%lld", e->log_id, e->seq);
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)ctx, sizeof ctx);
	crypto_generichash_update(&st, (const unsigned char *)in, strlen(in));
	crypto_generichash_final(&st, h, sizeof h);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x80); /* version 8 */
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12,
		 hex + 16, hex + 20);
}

static json_t *
xapi_result(const struct complog_entry *e)
{
	json_t *r;
	bool passed = strcmp(e->type, "passed") == 0;

	/* cmi5: completed carries completion; passed/failed carry success
	 * and the score; each carries the duration when it is known;
	 * attended carries no result. */
	if (strcmp(e->type, "completed") == 0)
		r = json_pack("{s:b}", "completion", 1);
	else if (passed || strcmp(e->type, "failed") == 0)
		r = json_pack("{s:b}", "success", passed);
	else
		return NULL;
	if (e->duration >= 0) {
		char d[32];

		snprintf(d, sizeof d, "PT%ldS", e->duration);
		json_object_set_new(r, "duration", json_string(d));
	}
	if (!passed && strcmp(e->type, "failed") != 0)
		return r;
	if (e->score >= 0 && e->total > 0)
		json_object_set_new(r, "score",
				    json_pack("{s:f, s:i, s:i, s:i}", "scaled",
					      (double)e->score / e->total,
					      "raw", e->score, "min", 0, "max",
					      e->total));
	return r;
}

/* An xAPI Agent identified by an account at home named name. */
static json_t *
xapi_agent(const char *home, const char *display, const char *name)
{
	return json_pack("{s:s, s:s, s:{s:s, s:s}}", "objectType", "Agent",
			 "name", display, "account", "homePage", home, "name",
			 name);
}

/*
 * The learner is an account named by the staff id, or by the learner's
 * name when the record has no staff id; the facilitator (instructor) is an
 * account named by the facilitator's name.
 */
static json_t *
xapi_statement(const struct complog_entry *e, const char *home)
{
	char id[37], *verb, *act;
	json_t *s, *r, *ext;

	statement_id(e, id);
	verb = xasprintf("http://adlnet.gov/expapi/verbs/%s", e->type);
	act = xasprintf("urn:workshop:module:%s", e->module);
	ext = json_pack("{s:s, s:s, s:I, s:s, s:s}",
			"urn:workshop:content-version", e->content_version,
			"urn:workshop:log", e->log_id, "urn:workshop:seq",
			(json_int_t)e->seq, "urn:workshop:key", e->key_id,
			"urn:workshop:mode", e->mode);
	s = json_pack(
	    "{s:s, s:o, s:{s:s, s:{s:s}}, "
	    "s:{s:s, s:s, s:{s:{s:s}}}, s:s, s:{s:o}}",
	    "id", id, "actor",
	    xapi_agent(home, e->learner,
		       e->staff_id != NULL ? e->staff_id : e->learner),
	    "verb", "id", verb, "display", "en-GB", e->type, "object",
	    "objectType", "Activity", "id", act, "definition", "name", "en-GB",
	    e->module_title, "timestamp", e->ts, "context", "extensions", ext);
	if ((r = xapi_result(e)) != NULL)
		json_object_set_new(s, "result", r);
	if (e->facilitator != NULL)
		json_object_set_new(
		    json_object_get(s, "context"), "instructor",
		    xapi_agent(home, e->facilitator, e->facilitator));
	free(verb);
	free(act);
	return s;
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
		table_row(e, first);
		break;
	case FMT_CSV:
		csv_row(e, first);
		break;
	case FMT_JSON:
		json_out(json_row(e), first);
		break;
	case FMT_XAPI:
		json_out(xapi_statement(e, r->o->xapi_home), first);
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
			t = sign_trust_find(&r->o->trust, res->keys_seen[i]);
			l = util_escape_text(t->label, false);
			fprintf(r->sum, "%s%s (%s)", i > 0 ? ", " : "", l,
				t->pub.key_id);
			free(l);
		}
		fputc('\n', r->sum);
	} else if (rc == 1) {
		fprintf(r->sum,
			"%s: FAIL: %lu problem%s in %lu lines%s; %lu "
			"records verified\n",
			p, res->problems, res->problems == 1 ? "" : "s",
			res->lines, res->torn ? " (ends with a torn line)" : "",
			res->records);
	} else {
		fprintf(r->sum, "%s: ERROR: could not be read\n", p);
	}
	free(p);
}

struct head {
	char log_id[33];
	long long seq;
	char hash[65];
	char *path; /* the log's full path; NULL if not recorded */
};

static void
heads_free(struct head *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

/*
 * Read a checkpoint file: lines "workshop-checkpoint LOGID SEQ HASH [PATH]"
 * (PATH, the rest of the line, is left out by workshop attend).
 */
static int
checkpoint_read(const char *file, struct head **out, size_t *n)
{
	FILE *fp = fopen(file, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	struct head h;
	int at;

	*out = NULL;
	*n = 0;
	if (fp == NULL)
		return -1;
	while ((len = getline(&line, &cap, fp)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		at = 0;
		memset(&h, 0, sizeof h);
		if (sscanf(line, "workshop-checkpoint %32s %lld %64s%n",
			   h.log_id, &h.seq, h.hash, &at) != 3 ||
		    (line[at] != '\0' && line[at] != ' ')) {
			if (line[0] != '#' && line[0] != '\0') {
				fclose(fp);
				free(line);
				heads_free(*out, *n);
				*out = NULL;
				*n = 0;
				errno = EINVAL;
				return -1;
			}
			continue;
		}
		if (line[at] == ' ' && line[at + 1] != '\0')
			h.path = xstrdup(line + at + 1);
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = h;
	}
	free(line);
	fclose(fp);
	return 0;
}

static int
checkpoint_write(const char *file, const struct head *v, size_t n)
{
	char *tmp = xasprintf("%s.tmp", file);
	FILE *fp = fopen(tmp, "w");
	int r = 0;

	if (fp == NULL) {
		free(tmp);
		return -1;
	}
	fprintf(fp, "# workshop verify checkpoint: each log's verified head\n"
		    "# workshop-checkpoint LOGID SEQ HASH [PATH]\n");
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "workshop-checkpoint %s %lld %s%s%s\n", v[i].log_id,
			v[i].seq, v[i].hash, v[i].path != NULL ? " " : "",
			v[i].path != NULL ? v[i].path : "");
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0)
		r = -1;
	if (fclose(fp) != 0 || r < 0 || rename(tmp, file) != 0)
		r = -1;
	if (r < 0)
		unlink(tmp);
	free(tmp);
	return r;
}

/* The log's full path as a checkpoint records it; NULL if it has none. */
static char *
full_path(const char *log)
{
	char *p = realpath(log, NULL);

	if (p != NULL && strchr(p, '\n') != NULL) {
		free(p);
		p = NULL;
	}
	return p;
}

static bool
among(const struct head *heads, int nlogs, const char *log_id)
{
	for (int i = 0; i < nlogs; i++)
		if (strcmp(heads[i].log_id, log_id) == 0)
			return true;
	return false;
}

/*
 * A log whose id the checkpoint does not know: it fails when a log the
 * checkpoint knows is missing from the logs given and was at the same path
 * (or its path was not recorded): the log was replaced by a new one.
 */
static int
check_new_log(const struct vopts *o, const char *log, const struct head *h,
	      const struct head *cp, size_t ncp, const struct head *heads,
	      int nlogs)
{
	char *full = full_path(log), *p, *q;
	int rc = CLI_OK;

	for (size_t j = 0; j < ncp; j++) {
		if (among(heads, nlogs, cp[j].log_id) ||
		    (cp[j].path != NULL &&
		     (full == NULL || strcmp(cp[j].path, full) != 0)))
			continue;
		p = util_escape_text(log, false);
		q = util_escape_text(o->checkpoint, false);
		cli_error("%s: log %s is not the log %s that %s checkpointed "
			  "(seq %lld)%s: the log was replaced; if that was "
			  "meant, remove its line from %s",
			  p, h->log_id, cp[j].log_id, q, cp[j].seq,
			  cp[j].path != NULL ? " at this path"
					     : ", which is not among the logs "
					       "given",
			  q);
		free(p);
		free(q);
		rc = CLI_FAIL;
		break;
	}
	free(full);
	return rc;
}

/*
 * After a passing run: one head per log given (its new head and path), and
 * the other logs' heads as they were.
 */
static int
checkpoint_update(const char *file, const struct head *cp, size_t ncp,
		  char **logs, const struct head *heads, int nlogs)
{
	struct head *v = xcalloc(ncp + (size_t)nlogs, sizeof *v);
	size_t n = 0;
	int r;

	for (size_t j = 0; j < ncp; j++)
		if (!among(heads, nlogs, cp[j].log_id)) {
			v[n] = cp[j];
			v[n].path =
			    cp[j].path != NULL ? xstrdup(cp[j].path) : NULL;
			n++;
		}
	for (int i = 0; i < nlogs; i++) {
		bool dup = false;

		for (size_t j = 0; j < n; j++)
			dup |= strcmp(v[j].log_id, heads[i].log_id) == 0;
		if (dup)
			continue; /* the same log given twice */
		v[n] = heads[i];
		v[n].path = full_path(logs[i]);
		n++;
	}
	r = checkpoint_write(file, v, n);
	heads_free(v, n);
	return r;
}

/*
 * Compare each log with the checkpoint, and move the checkpoint forward to
 * the logs' heads when everything passed (all_ok); returns the exit code.
 */
static int
checkpoint_check(const struct vopts *o, char **logs, int nlogs,
		 const struct head *heads, bool all_ok)
{
	struct head *cp;
	size_t ncp, j;
	char err[300];
	int rc = CLI_OK, r;

	if (access(o->checkpoint, F_OK) != 0) {
		if (!all_ok) {
			cli_error("%s was not written: not every log passed",
				  o->checkpoint);
			return CLI_OK;
		}
		if (checkpoint_update(o->checkpoint, NULL, 0, logs, heads,
				      nlogs) < 0) {
			cli_error("%s: cannot write: %s", o->checkpoint,
				  strerror(errno));
			return CLI_USAGE;
		}
		fprintf(stderr, "workshop: wrote the checkpoint %s\n",
			o->checkpoint);
		return CLI_OK;
	}
	if (checkpoint_read(o->checkpoint, &cp, &ncp) < 0) {
		cli_error("%s: not a checkpoint file: %s", o->checkpoint,
			  strerror(errno));
		return CLI_USAGE;
	}
	for (int i = 0; i < nlogs; i++) {
		size_t found = 0;

		/* Every head kept for this log (at each session's end, say)
		 * must still be in it. */
		for (j = 0; j < ncp; j++) {
			if (strcmp(cp[j].log_id, heads[i].log_id) != 0)
				continue;
			found++;
			r = complog_find_head(logs[i], cp[j].seq, cp[j].hash,
					      err, sizeof err);
			if (r != 0)
				cli_error("%s: %s", logs[i], err);
			if (r == 1)
				rc = CLI_FAIL;
			else if (r != 0 && rc == CLI_OK)
				rc = CLI_USAGE;
		}
		if (found == 0 && heads[i].log_id[0] != '\0' &&
		    check_new_log(o, logs[i], &heads[i], cp, ncp, heads,
				  nlogs) != CLI_OK)
			rc = CLI_FAIL;
	}
	if (rc == CLI_OK && all_ok) {
		if (checkpoint_update(o->checkpoint, cp, ncp, logs, heads,
				      nlogs) < 0) {
			cli_error("%s: cannot write: %s", o->checkpoint,
				  strerror(errno));
			rc = CLI_USAGE;
		} else {
			fprintf(stderr,
				"workshop: moved the checkpoint %s "
				"forward\n",
				o->checkpoint);
		}
	}
	heads_free(cp, ncp);
	return rc;
}

/* ---- Options ----------------------------------------------------------- */

static int
add_pubkey(struct vopts *o, const char *file)
{
	struct sign_pub pub;
	char err[300], *label, *dot;
	const char *base = strrchr(file, '/');

	if (sign_pub_load(file, &pub, err, sizeof err) < 0) {
		cli_error("%s", err);
		return CLI_USAGE;
	}
	label = xstrdup(base != NULL ? base + 1 : file);
	if ((dot = strrchr(label, '.')) != NULL && strcmp(dot, ".pub") == 0)
		*dot = '\0';
	if (sign_trust_find(&o->trust, pub.key_id) == NULL)
		sign_trust_add(&o->trust, &pub, label);
	free(label);
	o->any_key = true;
	return CLI_OK;
}

static int
load_trustfile(struct vopts *o, const char *file)
{
	size_t len;
	char *text = util_read_file(file, 1 << 22, &len), *errs;
	int r;

	if (text == NULL) {
		cli_error("%s: %s", file, strerror(errno));
		return CLI_USAGE;
	}
	r = sign_trust_parse(file, text, len, &o->trust, &errs);
	free(text);
	if (r < 0) {
		fputs(errs, stderr);
		free(errs);
		cli_error("%s: not a valid trusted-keys file", file);
		return CLI_USAGE;
	}
	o->any_key = true;
	return CLI_OK;
}

/* A real day YYYY-MM-DD (not 2026-02-30, not month 13). */
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
			rc = add_pubkey(o, arg);
		else if (strcmp(name, "keys") == 0)
			o->keys = arg;
		else if (strcmp(name, "checkpoint") == 0)
			o->checkpoint = arg;
		else if (strcmp(name, "learner") == 0)
			o->learner = arg;
		else if (strcmp(name, "module") == 0)
			o->module = arg;
		else if (strcmp(name, "since") == 0 ||
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
			static const char *const f[] = {"table", "csv", "json",
							"xapi"};
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
				    "--format: expected table, csv, json or "
				    "xapi, not '%s'",
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
		return load_trustfile(o, o->keys);
	return CLI_OK;
}

/* With no key given: the default trusted-keys file, if there is one. */
static int
default_trust(struct vopts *o)
{
	char buf[PATH_MAX];
	const char *dir = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int rc;

	if (dir != NULL && dir[0] == '/')
		snprintf(buf, sizeof buf, "%s/workshop/trusted-keys", dir);
	else if (home != NULL)
		snprintf(buf, sizeof buf, "%s/.config/workshop/trusted-keys",
			 home);
	else
		buf[0] = '\0';
	if (buf[0] != '\0' && access(buf, R_OK) == 0) {
		rc = load_trustfile(o, buf);
		return rc;
	}
	return cli_usage_error(&cmd_verify, "no trusted keys: give -k PUBKEY "
					    "or --keys FILE");
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
	struct complog_verify_opts vo = {.trust = &o->trust,
					 .threads = o->threads,
					 .on_record = on_record,
					 .on_problem = on_problem,
					 .ctx = &r};
	struct complog_verify_result res;
	struct head *heads = xcalloc((size_t)nlogs, sizeof *heads);
	int rc = CLI_OK, v, worst_io = 0;

	r.sum = o->fmt == FMT_TABLE ? stdout : stderr;
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
	if (o->fmt != FMT_TABLE)
		format_end(o, &r);
	if (o->checkpoint != NULL && !worst_io) {
		v = checkpoint_check(o, logs, nlogs, heads, rc == CLI_OK);
		if (v == CLI_FAIL)
			rc = CLI_FAIL;
		else if (v == CLI_USAGE && rc == CLI_OK)
			worst_io = 1;
	}
	free(heads);
	if (rc == CLI_OK && worst_io)
		rc = CLI_USAGE;
	return rc;
}

static int
run(int argc, char **argv)
{
	struct vopts o = {.xapi_home = XAPI_HOME_DEFAULT};
	char logbuf[PATH_MAX], *deflog[1];
	int first, rc;

	rc = parse_opts(&o, argc, argv, &first);
	if (rc == CLI_OK && !o.any_key)
		rc = default_trust(&o);
	if (rc != CLI_OK) {
		sign_trust_free(&o.trust);
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
	sign_trust_free(&o.trust);
	return rc;
}

const struct cli_command cmd_verify = {
    .name = "verify",
    .args = "[LOG]...",
    .summary = "verify signed completion logs and report",
    .options = options,
    .run = run,
};
