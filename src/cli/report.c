/*
 * report.c: one verified record as a row of the table, a CSV row, a JSON
 * object or an xAPI statement (see report.h).
 */
#include "report.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "util.h"

void
report_cell(FILE *out, const char *s, int width)
{
	char *e = util_escape_text(s != NULL ? s : "-", false);
	int w = layout_width(e, strlen(e));

	fprintf(out, "%s%*s", e, w < width ? width - w : 0, "");
	free(e);
}

void
report_table_header(FILE *out)
{
	fprintf(out, "%-24s %-20s %-9s %-9s %-10s %-8s %s\n", "LEARNER",
		"MODULE", "RESULT", "SCORE", "DATE", "VERSION", "SIGNED BY");
}

void
report_table_row(FILE *out, const struct complog_entry *e)
{
	char score[32], version[9];

	if (e->score >= 0)
		snprintf(score, sizeof score, "%d/%d", e->score, e->total);
	else
		snprintf(score, sizeof score, "-");
	snprintf(version, sizeof version, "%.8s", e->content_version);
	if (e->tallies != NULL) {
		char present[32];

		snprintf(present, sizeof present, "(%ld present)", e->present);
		report_cell(out, present, 24);
	} else {
		report_cell(out, e->learner, 24);
	}
	fputc(' ', out);
	report_cell(out, e->module, 20);
	fprintf(out, " %-9s %-9s %.10s %-8s ", e->type, score, e->ts, version);
	report_cell(out, e->key_label, 0);
	fputc('\n', out);
}

void
report_csv_cell(FILE *out, const char *s, bool last)
{
	const char *e = s != NULL ? s : "";

	fputc('"', out);
	if (strchr("=+-@\t\r", e[0]) != NULL && e[0] != '\0')
		fputc('\'', out);
	for (const char *p = e; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
	fputc(last ? '\n' : ',', out);
}

static void
csv_int(FILE *out, int v)
{
	if (v >= 0)
		fprintf(out, "%d,", v);
	else
		fputc(',', out);
}

void
report_csv_header(FILE *out)
{
	fprintf(out, "log,line,seq,date,learner,staff_id,module,module_title,"
		     "result,score,max,pass_mark,content_version,mode,"
		     "facilitator,key_id,key_label,log_verdict\n");
}

void
report_csv_row(FILE *out, const struct complog_entry *e)
{
	report_csv_cell(out, e->path, false);
	fprintf(out, "%lu,%lld,", e->line, e->seq);
	report_csv_cell(out, e->ts, false);
	report_csv_cell(out, e->learner, false);
	report_csv_cell(out, e->staff_id, false);
	report_csv_cell(out, e->module, false);
	report_csv_cell(out, e->module_title, false);
	report_csv_cell(out, e->type, false);
	csv_int(out, e->score);
	csv_int(out, e->total);
	csv_int(out, e->pass_mark);
	report_csv_cell(out, e->content_version, false);
	report_csv_cell(out, e->mode, false);
	report_csv_cell(out, e->facilitator, false);
	report_csv_cell(out, e->key_id, false);
	report_csv_cell(out, e->key_label, false);
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

json_t *
report_json_row(const struct complog_entry *e)
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

json_t *
report_json_no_record(const char *path)
{
	static const char *const keys[] = {"line",	"seq",
					   "log_id",	"date",
					   "learner",	"staff_id",
					   "module",	"module_title",
					   "result",	"content_version",
					   "score",	"max",
					   "pass_mark", "facilitator",
					   "duration",	"mode",
					   "key_id"};
	json_t *j = json_pack("{s:s}", "log", path);

	for (size_t i = 0; i < UTIL_NELEM(keys); i++)
		json_object_set_new(j, keys[i], json_null());
	return j;
}

/* A deterministic statement id (UUID form) from the log id and seq. */
void
report_statement_id(const struct complog_entry *e, char out[37])
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

bool
report_xapi_has_statement(const struct complog_entry *e)
{
	return e->learner != NULL && e->tallies == NULL;
}

/*
 * The learner is an account named by the staff id, or by the learner's
 * name when the record has no staff id; the facilitator (instructor) is an
 * account named by the facilitator's name.
 */
json_t *
report_xapi_statement(const struct complog_entry *e, const char *home)
{
	char id[37], *verb, *act;
	json_t *s, *r, *ext;

	report_statement_id(e, id);
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
