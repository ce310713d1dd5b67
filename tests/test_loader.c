/*
 * test_loader.c: every class of content error gets its exact diagnostic and
 * position; valid variants (CRLF, byte-order mark) load; limits hold.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content.h"
#include "node.h"
#include "util.h"
#include "when.h"

struct error_case {
	char file[40];
	char expect[240];
};

/* Load one file on its own and return its diagnostics, sorted. */
static struct content *
load_one(const char *path, struct diags *d)
{
	char copy[512];
	char *paths[] = {copy};

	snprintf(copy, sizeof copy, "%s", path);
	diags_init(d);
	struct content *c = content_load_files(paths, 1, false, d);
	diags_sort(d);
	return c;
}

ParameterizedTestParameters(loader, reports_each_error_class)
{
	static struct error_case cases[] = {
	    {"unknown-key.yaml",
	     "10:1: error: unknown key \"colour\" in scenario (expected one "
	     "of: id, kind, title, jurisdiction, reviewed, story, questions, "
	     "ask, check, do, points, law, notes)"},
	    {"wrong-type.yaml",
	     "4:3: error: key \"title\": expected text, found a list"},
	    {"missing-key.yaml",
	     "1:1: error: missing required key \"title\" in module"},
	    {"duplicate-key.yaml",
	     "4:1: error: duplicate key \"title\" (first at line 3)"},
	    {"empty-text.yaml", "3:8: error: key \"title\": text is empty"},
	    {"bad-utf8.yaml", "3:11: error: invalid UTF-8 (byte 0xc3)"},
	    {"control-char.yaml",
	     "3:8: error: key \"title\": control character U+001B is not "
	     "allowed in text"},
	    {"tab-in-text.yaml",
	     "3:8: error: key \"title\": control character U+0009 is not "
	     "allowed in text (use spaces, not tabs)"},
	    {"anchor.yaml",
	     "3:8: error: anchors (&name) are not allowed in content"},
	    {"alias.yaml",
	     "5:5: error: aliases (*name) are not allowed in content"},
	    {"billion-laughs.yaml",
	     "1:4: error: anchors (&name) are not allowed in content"},
	    {"tag.yaml", "3:8: error: tags (!name) are not allowed in content"},
	    {"two-docs.yaml", "2:1: error: only one YAML document per file"},
	    {"syntax.yaml",
	     "3:1: error: YAML syntax: did not find expected ',' or ']' while "
	     "parsing a flow sequence"},
	    {"not-mapping.yaml",
	     "1:1: error: expected a mapping at the top of the file, found a "
	     "list"},
	    {"empty.yaml", "1:1: error: the file is empty"},
	    {"no-kind.yaml",
	     "1:1: error: missing required key \"kind\" (one of programme, "
	     "module, quiz, scenario)"},
	    {"bad-kind.yaml",
	     "2:7: error: key \"kind\": expected one of programme, module, "
	     "quiz, scenario, found \"lesson\""},
	    {"bad-id.yaml",
	     "1:5: error: key \"id\": expected an id (up to 64 lowercase "
	     "letters, digits and hyphens), found \"Not An Id\""},
	    {"bad-number.yaml",
	     "4:10: error: key \"minutes\": expected a whole number from 1 to "
	     "600, found \"lots\""},
	    {"bad-date.yaml",
	     "6:11: error: key \"reviewed\": expected a date YYYY-MM-DD, found "
	     "\"2026-02-30\""},
	    {"law-missing.yaml",
	     "1:1: error: missing required key \"jurisdiction\" in module (it "
	     "states or cites law)"},
	    {"views-recorded.yaml",
	     "7:13: error: key \"record\": expected one of never, found "
	     "\"always\""},
	    {"answer-range.yaml",
	     "12:13: error: key \"answer\": expected a whole number from 1 to "
	     "2, found \"3\""},
	    {"tf-answer.yaml",
	     "11:13: error: key \"answer\": expected one of true, false, found "
	     "\"yes\""},
	    {"sort-category.yaml",
	     "12:19: error: key \"category\": \"z\" is not one of this sort's "
	     "categories"},
	    {"empty-list.yaml", "4:8: error: key \"steps\": the list is empty"},
	    {"alt-quiz-step.yaml",
	     "8:7: error: a quiz step cannot have \"self_study\": its words "
	     "are in its quiz file (a quiz can give its \"intro\" under "
	     "\"self_study\")"},
	    {"alt-kind.yaml",
	     "9:7: error: key \"kind\" cannot be changed in \"classroom\""},
	    {"alt-type.yaml",
	     "9:13: error: key \"body\": expected text, found a list"},
	    {"bad-refresh.yaml",
	     "4:10: error: key \"refresh\": expected a period such as \"12 "
	     "months\" or \"3 years\" (a whole number from 1 to 1200, then "
	     "days, weeks, months or years), found \"every year\""},
	};

	return cr_make_param_array(struct error_case, cases,
				   sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct error_case *tc, loader, reports_each_error_class)
{
	char path[512], want[800];
	struct diags d;
	struct content *c;
	char *got;

	snprintf(path, sizeof path, "%s/errors/%s", FIXTURES, tc->file);
	snprintf(want, sizeof want, "%s:%s", path, tc->expect);
	c = load_one(path, &d);
	cr_assert_geq(d.n, 1, "%s: no error reported", tc->file);
	got = diag_format(&d.v[0]);
	cr_expect_str_eq(got, want);
	free(got);
	content_free(c);
	diags_free(&d);
}

Test(loader, accepts_crlf_line_endings)
{
	char path[512];
	struct diags d;
	struct content *c;

	snprintf(path, sizeof path, "%s/errors/crlf.yaml", FIXTURES);
	c = load_one(path, &d);
	cr_assert_eq(d.n, 0);
	cr_assert_eq(c->nmodules, 1);
	cr_expect_str_eq(c->modules[0].title, "Windows line endings");
	cr_expect_str_eq(c->modules[0].steps[0].u.text.body, "One\nTwo");
	content_free(c);
	diags_free(&d);
}

Test(loader, accepts_a_byte_order_mark)
{
	char path[512];
	struct diags d;
	struct content *c;

	snprintf(path, sizeof path, "%s/errors/bom.yaml", FIXTURES);
	c = load_one(path, &d);
	cr_assert_eq(d.n, 0);
	cr_expect_str_eq(c->modules[0].id, "bom");
	content_free(c);
	diags_free(&d);
}

Test(loader, refuses_nesting_beyond_the_limit)
{
	struct strbuf b;
	struct diags d;
	struct node *n;
	int i;

	strbuf_init(&b);
	for (i = 0; i < 10000; i++)
		strbuf_addc(&b, '[');
	diags_init(&d);
	n = loader_parse("deep.yaml", b.s, b.len, CONTENT_MAX_DEPTH, &d);
	cr_assert_null(n);
	cr_assert_eq(d.n, 1);
	cr_expect_str_eq(d.v[0].msg, "nesting deeper than 32 levels");
	cr_expect_eq(d.v[0].col, 33);
	strbuf_free(&b);
	diags_free(&d);
}

Test(loader, refuses_files_over_the_size_limit)
{
	char path[] = "/tmp/workshop-big-XXXXXX";
	int fd = mkstemp(path);
	struct diags d;
	struct content *c;
	char *got, *want;

	cr_assert_geq(fd, 0);
	cr_assert_eq(ftruncate(fd, CONTENT_MAX_FILE_BYTES + 1), 0);
	close(fd);
	c = load_one(path, &d);
	unlink(path);
	cr_assert_eq(d.n, 1);
	got = diag_format(&d.v[0]);
	want = xasprintf("%s: error: the file is larger than the limit of %u "
			 "bytes",
			 path, CONTENT_MAX_FILE_BYTES);
	cr_expect_str_eq(got, want);
	free(got);
	free(want);
	content_free(c);
	diags_free(&d);
}

Test(loader, reports_unresolved_references_in_a_pack)
{
	struct diags d;
	struct content *c;
	char dir[512], *got;

	snprintf(dir, sizeof dir, "%s/refs", FIXTURES);
	diags_init(&d);
	c = content_load_dir(dir, &d);
	diags_sort(&d);
	cr_assert_eq(d.n, 3);
	got = diag_format(&d.v[0]);
	cr_expect(strstr(got, "refs/modules/m.yaml:5:5: error: unresolved "
			      "reference: quiz \"no-such-quiz\" is not "
			      "defined in the pack") != NULL,
		  "%s", got);
	free(got);
	got = diag_format(&d.v[1]);
	cr_expect(strstr(got, "m.yaml:7:5: error: unresolved reference: "
			      "scenario \"no-such-scenario\"") != NULL,
		  "%s", got);
	free(got);
	got = diag_format(&d.v[2]);
	cr_expect(strstr(got, "programme.yaml:6:5: error: unresolved "
			      "reference: module \"nowhere\"") != NULL,
		  "%s", got);
	free(got);
	content_free(c);
	diags_free(&d);
}

Test(loader, reports_duplicate_ids_across_files)
{
	struct diags d;
	struct content *c;
	char dir[512], *got;

	snprintf(dir, sizeof dir, "%s/dupids", FIXTURES);
	diags_init(&d);
	c = content_load_dir(dir, &d);
	diags_sort(&d);
	cr_assert_eq(d.n, 1);
	got = diag_format(&d.v[0]);
	cr_expect(strstr(got, "dupids/modules/b.yaml:1:1: error: duplicate id "
			      "\"same\" (first defined at ") != NULL,
		  "%s", got);
	cr_expect(strstr(got, "dupids/modules/a.yaml:1:1)") != NULL, "%s", got);
	free(got);
	content_free(c);
	diags_free(&d);
}

Test(loader, collects_every_error_in_a_file)
{
	char path[512];
	struct diags d;
	struct content *c;

	snprintf(path, sizeof path, "%s/errors/law-missing.yaml", FIXTURES);
	c = load_one(path, &d);
	cr_expect_eq(d.n, 2);
	content_free(c);
	diags_free(&d);
}

Test(loader, loads_the_fixture_pack_with_every_step_kind)
{
	struct diags d;
	struct content *c;
	struct content_counts n;
	char dir[512];
	bool seen[STEP_BREAK + 1] = {false};
	size_t i, j;

	snprintf(dir, sizeof dir, "%s/pack", FIXTURES);
	diags_init(&d);
	c = content_load_dir(dir, &d);
	cr_assert_eq(d.n, 0);
	content_count(c, &n);
	cr_expect_eq(n.modules, 2);
	cr_expect_eq(n.questions, 2);
	cr_expect_eq(n.terms, 2);
	for (i = 0; i < c->nmodules; i++)
		for (j = 0; j < c->modules[i].nsteps; j++)
			seen[c->modules[i].steps[j].kind] = true;
	for (i = 0; i <= STEP_BREAK; i++)
		cr_expect(seen[i], "no %s step", content_step_kind_name(i));
	/* References resolve; true/false answers become choice indexes. */
	struct module *law = content_module(c, "law");
	cr_assert_not_null(law);
	cr_expect_eq(law->steps[1].u.quiz.quiz, content_quiz(c, "law-quiz"));
	cr_expect_eq(law->steps[1].u.quiz.quiz->questions[0].answer, 0);
	cr_expect_eq(law->steps[1].u.quiz.quiz->questions[1].answer, 1);
	cr_expect_eq(strlen(content_module_version(law)), CONTENT_VERSION_HEX);
	cr_expect_eq(c->programme->start, 9 * 60 + 30);
	/* refresh: 12 months; a module without one has none. */
	cr_expect_eq(law->refresh.count, 12);
	cr_expect_eq(law->refresh.unit, WHEN_MONTHS);
	cr_expect_eq(content_module(c, "basics")->refresh.count, 0);
	content_free(c);
	diags_free(&d);
}

static char *
version_of_law_module(const char *dir)
{
	struct diags d;
	struct content *c;
	char *v;

	diags_init(&d);
	c = content_load_dir(dir, &d);
	cr_assert_eq(d.n, 0);
	v = xstrdup(content_module_version(content_module(c, "law")));
	content_free(c);
	diags_free(&d);
	return v;
}

Test(loader, module_version_follows_referenced_files)
{
	char tmp[] = "/tmp/workshop-pack-XXXXXX", *cmd, *before, *after;
	char *again;

	cr_assert_not_null(mkdtemp(tmp));
	cmd = xasprintf("cp -r %s/pack/. %s", FIXTURES, tmp);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
	before = version_of_law_module(tmp);
	again = version_of_law_module(tmp);
	cr_expect_str_eq(before, again, "same bytes, same version");
	/* One byte more in the quiz the module uses: a new module version. */
	cmd = xasprintf("echo '# edited' >> %s/quizzes/law-quiz.yaml", tmp);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
	after = version_of_law_module(tmp);
	cr_expect_str_neq(before, after);
	cmd = xasprintf("rm -rf %s", tmp);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
	free(before);
	free(again);
	free(after);
}

Test(loader, date_days_rejects_impossible_dates)
{
	cr_expect_eq(when_days("1970-01-01"), 0);
	cr_expect_eq(when_days("2000-03-01"), 11017);
	cr_expect_eq(when_days("2024-02-29"), 19782);
	cr_expect_eq(when_days("2023-02-29"), -1);
	cr_expect_eq(when_days("2023-13-01"), -1);
	cr_expect_eq(when_days("23-01-01"), -1);
}

Test(loader, loads_a_ten_megabyte_pack, .timeout = 60)
{
	char tmp[] = "/tmp/workshop-big-pack-XXXXXX", *cmd, *path;
	struct content_counts n;
	struct diags d;
	struct content *c;
	FILE *f;
	int m, s, p;
	long total = 0;

	cr_assert_not_null(mkdtemp(tmp));
	cmd = xasprintf("cp -r %s/pack/. %s", FIXTURES, tmp);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
	for (m = 0; m < 75; m++) {
		path = xasprintf("%s/modules/big%02d.yaml", tmp, m);
		f = fopen(path, "w");
		cr_assert_not_null(f);
		fprintf(f, "id: big%02d\nkind: module\ntitle: Big %d\nsteps:\n",
			m, m);
		for (s = 0; s < 100; s++) {
			fprintf(f,
				"  - kind: text\n    title: Step %d\n    "
				"body: |\n",
				s);
			for (p = 0; p < 6; p++)
				fprintf(
				    f, "      %s\n\n",
				    "Everyone has the right to choose their "
				    "relationships, and support staff help "
				    "people weigh benefits and risks with "
				    "respect, patience and clear information "
				    "that suits the person, every time, "
				    "in every setting, for as long as needed.");
		}
		total += ftell(f);
		fclose(f);
		free(path);
	}
	cr_assert_geq(total, 10 * 1000 * 1000);
	diags_init(&d);
	c = content_load_dir(tmp, &d);
	cr_assert_eq(d.n, 0);
	content_count(c, &n);
	cr_expect_eq(n.modules, 77);
	cr_expect_eq(n.steps, 75 * 100 + 11);
	content_free(c);
	diags_free(&d);
	cmd = xasprintf("rm -rf %s", tmp);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
}

Test(loader, checks_every_rating_set_for_matching_questions)
{
	struct diags d;
	struct content *c;
	char dir[512], *got;

	snprintf(dir, sizeof dir, "%s/ratings", FIXTURES);
	diags_init(&d);
	c = content_load_dir(dir, &d);
	cr_assert_eq(d.n, 1);
	got = diag_format(&d.v[0]);
	cr_expect(strstr(got, "ratings/modules/r.yaml:52:5: error: rating set "
			      "\"three\" must ask the same questions on the "
			      "same scale as at ") != NULL,
		  "%s", got);
	free(got);
	content_free(c);
	diags_free(&d);
}

Test(loader, a_step_and_a_quiz_can_be_worded_for_each_audience)
{
	struct diags d;
	struct content *c;
	const struct module *m;
	const struct step *st, *self, *room;
	const struct quiz *q;

	diags_init(&d);
	c = content_load_dir(FIXTURES "/alternatives", &d);
	cr_assert_eq(d.n, 0);
	m = content_module(c, "intro");
	cr_assert_not_null(m);
	st = &m->steps[0];
	self = content_step_for(st, CONTENT_SELF_STUDY);
	room = content_step_for(st, CONTENT_CLASSROOM);
	/* Keys given replace the step's; the others are the step's own. */
	cr_expect_str_eq(self->title, "Before you start");
	cr_expect_str_eq(self->u.text.points.v[0],
			 "Think of one thing you hope to learn.");
	cr_expect_str_eq(self->u.text.body,
			 "Everyone brings something to the day.");
	cr_expect_str_eq(room->title, "Getting to know each other");
	cr_expect_str_eq(room->u.text.points.v[0],
			 "Say who you are to the person beside you.");
	/* A step without alternatives is itself to both. */
	cr_expect_eq(content_step_for(&m->steps[1], CONTENT_SELF_STUDY),
		     &m->steps[1]);
	q = m->steps[1].u.quiz.quiz;
	cr_expect_str_eq(content_quiz_intro(q, CONTENT_SELF_STUDY),
			 "Answer each question. You pass with 80% or more.");
	cr_expect_str_eq(content_quiz_intro(q, CONTENT_CLASSROOM),
			 "Answer each question.");
	content_free(c);
	diags_free(&d);
}
