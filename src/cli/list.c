/*
 * cmd_list.c: workshop list [--json] [--content DIR]
 *
 * The programme in order with start times, then every module, quiz and
 * scenario.  --json prints one JSON object (see workshop(1)); --ids the
 * module ids, one a line (for shell completion).
 */
#include <jansson.h>
#include <stdlib.h>

#include "cmd.h"
#include "content.h"
#include "lawtag.h"
#include "util.h"

static const struct cli_option options[] = {
    {"json", 0, NULL, "print JSON for scripts instead of a table"},
    {"ids", 0, NULL, "print the module ids, one a line"},
    CLI_CONTENT_OPTION,
    {NULL, 0, NULL, NULL},
};

static char *
clock_text(unsigned minutes)
{
	return xasprintf("%02u:%02u", (minutes / 60) % 24, minutes % 60);
}

static json_t *
programme_json(const struct programme *p)
{
	json_t *items = json_array(), *it;
	unsigned at = p->start;
	char *start = clock_text(p->start), *t;
	json_t *o;
	size_t i;

	for (i = 0; i < p->nitems; i++) {
		const struct programme_item *x = &p->items[i];

		t = clock_text(at);
		if (x->kind == PROGRAMME_MODULE)
			it = json_pack("{s:s, s:s, s:s, s:s, s:i}", "kind",
				       "module", "id", x->ref, "title",
				       x->module->title, "start", t, "minutes",
				       (int)x->minutes);
		else
			it = json_pack("{s:s, s:s, s:s, s:i}", "kind", "break",
				       "title", x->title, "start", t, "minutes",
				       (int)x->minutes);
		json_array_append_new(items, it);
		free(t);
		at += x->minutes;
	}
	t = clock_text(at);
	o = json_pack("{s:s, s:s, s:s, s:s, s:o}", "id", p->id, "title",
		      p->title, "start", start, "end", t, "items", items);
	free(t);
	free(start);
	return o;
}

/* A file's path as JSON, normalised (no "..", no symbolic links) when it
 * can be resolved. */
static json_t *
file_json(const char *path)
{
	char *full = realpath(path, NULL);
	json_t *j = json_string(full != NULL ? full : path);

	free(full);
	return j;
}

/* A refresh period as written ("12 months"), or null. */
static json_t *
refresh_json(const struct when_period *p)
{
	static const char *const units[] = {"day", "week", "month", "year"};
	char *t;
	json_t *j;

	if (p->count == 0)
		return json_null();
	t = xasprintf("%u %s%s", p->count, units[p->unit],
		      p->count == 1 ? "" : "s");
	j = json_string(t);
	free(t);
	return j;
}

/* "jurisdiction", "reviewed" (null when not given) and "review_overdue"
 * into o. */
static void
law_json(json_t *o, const struct law_info *law, long today)
{
	json_object_set_new(o, "jurisdiction",
			    law && law->jurisdiction
				? json_string(law->jurisdiction)
				: json_null());
	json_object_set_new(o, "reviewed",
			    law && law->reviewed ? json_string(law->reviewed)
						 : json_null());
	json_object_set_new(o, "review_overdue",
			    json_boolean(content_law_stale(law, today)));
}

static int
list_json(struct content *c)
{
	long today = cli_today();
	json_t *root = json_object(), *mods = json_array();
	json_t *quizzes = json_array(), *scens = json_array(), *o;
	size_t i;

	for (i = 0; i < c->nmodules; i++) {
		struct module *m = &c->modules[i];

		o = json_pack(
		    "{s:s, s:s, s:s, s:i, s:i, s:s, s:o, s:o}", "id", m->id,
		    "title", m->title, "kind", "module", "minutes",
		    (int)m->minutes, "steps", (int)m->nsteps, "version",
		    content_module_version(m), "file", file_json(m->file->path),
		    "refresh", refresh_json(&m->refresh));
		law_json(o, content_module_law(m), today);
		json_array_append_new(mods, o);
	}
	for (i = 0; i < c->nquizzes; i++) {
		const struct quiz *q = &c->quizzes[i];

		o = json_pack("{s:s, s:s, s:s, s:i, s:i, s:s, s:o}", "id",
			      q->id, "title", q->title, "kind", "quiz",
			      "questions", (int)q->nquestions, "pass_mark",
			      (int)q->pass_mark, "version",
			      content_file_version(q->file), "file",
			      file_json(q->file->path));
		law_json(o, &q->law, today);
		json_array_append_new(quizzes, o);
	}
	for (i = 0; i < c->nscenarios; i++) {
		const struct scenario *s = &c->scenarios[i];

		o = json_pack("{s:s, s:s, s:s, s:s, s:o}", "id", s->id, "title",
			      s->title, "kind", "scenario", "version",
			      content_file_version(s->file), "file",
			      file_json(s->file->path));
		law_json(o, &s->lawinfo, today);
		json_array_append_new(scens, o);
	}
	json_object_set_new(root, "programme", programme_json(c->programme));
	json_object_set_new(root, "modules", mods);
	json_object_set_new(root, "quizzes", quizzes);
	json_object_set_new(root, "scenarios", scens);
	json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(root);
	return CLI_OK;
}

/* Under a row that states law: where, when reviewed, and a warning when
 * that was over a year ago, in the words every screen uses (lawtag.h). */
static void
law_line(const struct law_info *law, long today)
{
	struct lawtag t;
	char buf[512];

	lawtag_from(&t, law, today);
	if (t.jurisdiction != NULL)
		printf("         %s\n", lawtag_text(&t, 0, buf, sizeof buf));
}

static int
list_table(const struct content *c)
{
	long today = cli_today();
	const struct programme *p = c->programme;
	unsigned at = p->start;
	char *t;
	size_t i;

	printf("%s\n\n", p->title);
	printf("  %-5s  %-26s  %-6s  %4s  %s\n", "START", "ID", "KIND", "MIN",
	       "TITLE");
	for (i = 0; i < p->nitems; i++) {
		const struct programme_item *x = &p->items[i];

		t = clock_text(at);
		printf("  %-5s  %-26s  %-6s  %4u  %s\n", t,
		       x->kind == PROGRAMME_MODULE ? x->ref : "-",
		       x->kind == PROGRAMME_MODULE ? "module" : "break",
		       x->minutes,
		       x->kind == PROGRAMME_MODULE ? x->module->title
						   : x->title);
		if (x->kind == PROGRAMME_MODULE)
			law_line(content_module_law(x->module), today);
		free(t);
		at += x->minutes;
	}
	t = clock_text(at);
	printf("  %-5s  (end of the day)\n", t);
	free(t);
	if (c->nquizzes > 0)
		printf("\nQuizzes:\n");
	for (i = 0; i < c->nquizzes; i++) {
		printf("  %-34s  %zu questions, pass mark %u%%  %s\n",
		       c->quizzes[i].id, c->quizzes[i].nquestions,
		       c->quizzes[i].pass_mark, c->quizzes[i].title);
		law_line(&c->quizzes[i].law, today);
	}
	if (c->nscenarios > 0)
		printf("\nScenarios:\n");
	for (i = 0; i < c->nscenarios; i++) {
		printf("  %-34s  %s\n", c->scenarios[i].id,
		       c->scenarios[i].title);
		law_line(&c->scenarios[i].lawinfo, today);
	}
	return CLI_OK;
}

static int
run(int argc, char **argv)
{
	struct cli_parse p;
	const char *arg, *content = NULL;
	struct content *c;
	bool json = false, ids = false;
	size_t k;
	int i, rc;

	cli_begin(&p, &cmd_list, argc, argv);
	while ((i = cli_next(&p, &arg)) >= 0) {
		if (cli_is(&cmd_list, i, "json"))
			json = true;
		else if (cli_is(&cmd_list, i, "ids"))
			ids = true;
		else if (cli_is(&cmd_list, i, "content"))
			content = arg;
	}
	cli_done(&p);
	if (i == CLI_NEXT_HELP)
		return CLI_OK;
	if (i == CLI_NEXT_ERROR)
		return CLI_USAGE;
	if (p.optind < argc)
		return cli_usage_error(&cmd_list, "unexpected argument: %s",
				       argv[p.optind]);
	if ((rc = cli_load_pack(content, &c)) != CLI_OK)
		return rc;
	if (ids) {
		for (k = 0; k < c->nmodules; k++)
			printf("%s\n", c->modules[k].id);
		rc = CLI_OK;
	} else {
		rc = json ? list_json(c) : list_table(c);
	}
	content_free(c);
	return rc;
}

const struct cli_command cmd_list = {
    .name = "list",
    .args = "",
    .summary = "show the programme and every module, quiz and scenario",
    .options = options,
    .run = run,
};
