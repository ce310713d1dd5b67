/*
 * test_session.c: the session state machine, step kind by step kind, with
 * no terminal.  Each case is a module of the fixture pack, a script of
 * events, and the state expected after it.
 *
 * Script letters: n next, b back, u up, d down, 0-9 choose that option,
 * w retry wrong, a retry all, L<c> glossary letter c ('*' for all),
 * /<word>; glossary search up to ';'.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "content.h"
#include "session.h"

static struct content *pack;

static void
load_pack(void)
{
	struct diags d;

	diags_init(&d);
	pack = content_load_dir(FIXTURES "/pack", &d);
	cr_assert_not_null(pack);
	cr_assert_eq(d.n, 0, "fixture pack has errors");
	diags_free(&d);
}

static void
free_pack(void)
{
	content_free(pack);
}

/* Run a script; returns the outcome of the last event. */
static enum session_outcome
play(struct session *s, const char *script)
{
	enum session_outcome o = SESSION_IGNORED;
	char word[64];
	size_t n;

	while (*script != '\0') {
		struct session_event ev = {.index = -1};
		char c = *script++;

		switch (c) {
		case 'n':
			ev.type = SESSION_EV_NEXT;
			break;
		case 'b':
			ev.type = SESSION_EV_BACK;
			break;
		case 'u':
			ev.type = SESSION_EV_UP;
			break;
		case 'd':
			ev.type = SESSION_EV_DOWN;
			break;
		case 'w':
			ev.type = SESSION_EV_RETRY_WRONG;
			break;
		case 'a':
			ev.type = SESSION_EV_RETRY_ALL;
			break;
		case 'L':
			ev.type = SESSION_EV_LETTER;
			ev.index = *script == '*' ? 0 : *script;
			script++;
			break;
		case '/':
			n = strcspn(script, ";");
			memcpy(word, script, n);
			word[n] = '\0';
			script += n + (script[n] == ';');
			ev.type = SESSION_EV_SEARCH;
			ev.text = word;
			break;
		default:
			cr_assert(c >= '0' && c <= '9', "bad script letter %c",
				  c);
			ev.type = SESSION_EV_CHOOSE;
			ev.index = c - '0';
			break;
		}
		o = session_handle(s, &ev);
	}
	return o;
}

/* Arrays, not pointers: Criterion copies the table into each test's
 * process, where the parent's addresses mean nothing. */
struct scase {
	char name[64];
	char module[16];
	size_t start; /* step to go to first */
	char script[32];
	size_t step;
	enum session_phase phase;
	int focus;
	size_t item; /* -1 (SIZE_MAX): not checked */
	long extra;  /* per case: revealed, score, nmatch... */
	enum session_outcome last;
};

#define ANY ((size_t)-1)

ParameterizedTestParameters(session, scripts)
{
	static struct scase cases[] = {
	    /* text: staged points one at a time, then the next step */
	    {"text starts with no point shown", "basics", 0, "", 0,
	     SESSION_PH_MAIN, 0, ANY, 0, SESSION_IGNORED},
	    {"text reveals one point per next", "basics", 0, "n", 0,
	     SESSION_PH_MAIN, 0, ANY, 1, SESSION_CHANGED},
	    {"text moves on after the last point", "basics", 0, "nnn", 1,
	     SESSION_PH_PLACE, 0, 0, 2, SESSION_STEP},
	    {"back from the first step is ignored", "basics", 0, "b", 0,
	     SESSION_PH_MAIN, 0, ANY, 0, SESSION_IGNORED},
	    /* sort: place each item, then feedback */
	    {"sort places an item and goes to the next", "basics", 1, "0", 1,
	     SESSION_PH_PLACE, 0, 1, 0, SESSION_CHANGED},
	    {"sort shows feedback after the last item", "basics", 1, "01", 1,
	     SESSION_PH_SORT_FEEDBACK, 0, 2, 0, SESSION_CHANGED},
	    {"sort next places the focused category", "basics", 1, "ddnn", 1,
	     SESSION_PH_SORT_FEEDBACK, 0, 2, 0, SESSION_CHANGED},
	    {"sort ignores a category that does not exist", "basics", 1, "7", 1,
	     SESSION_PH_PLACE, 0, 0, 0, SESSION_IGNORED},
	    {"focus stops at the last category", "basics", 1, "dddd", 1,
	     SESSION_PH_PLACE, 2, 0, 0, SESSION_IGNORED},
	    /* views: choose, reflect, next statement */
	    {"views choice leads to the reflection", "basics", 2, "2", 2,
	     SESSION_PH_REFLECT, 2, 0, SESSION_VIEW_UNSURE, SESSION_CHANGED},
	    {"back from the reflection forgets the choice", "basics", 2, "2b",
	     2, SESSION_PH_STATEMENT, 2, 0, -1, SESSION_CHANGED},
	    {"views move on after the last statement", "basics", 2, "0n", 3,
	     SESSION_PH_MAIN, 0, ANY, 2, SESSION_STEP},
	    /* glossary: letter and search filter, focus over matches */
	    {"glossary lists every term", "basics", 3, "", 3, SESSION_PH_MAIN,
	     0, ANY, 2, SESSION_IGNORED},
	    {"glossary letter filters", "basics", 3, "LB", 3, SESSION_PH_MAIN,
	     0, ANY, 1, SESSION_CHANGED},
	    {"glossary letter with no terms", "basics", 3, "LZ", 3,
	     SESSION_PH_MAIN, 0, ANY, 0, SESSION_CHANGED},
	    {"glossary star shows all again", "basics", 3, "LZL*", 3,
	     SESSION_PH_MAIN, 0, ANY, 2, SESSION_CHANGED},
	    {"glossary search matches definitions too", "basics", 3, "/gender;",
	     3, SESSION_PH_MAIN, 0, ANY, 1, SESSION_CHANGED},
	    {"glossary search ignores case", "basics", 3, "/ASEX;", 3,
	     SESSION_PH_MAIN, 0, ANY, 1, SESSION_CHANGED},
	    {"glossary focus moves over matches", "basics", 3, "d", 3,
	     SESSION_PH_MAIN, 1, ANY, 2, SESSION_CHANGED},
	    {"glossary next moves on", "basics", 3, "dn", 4, SESSION_PH_RATE, 0,
	     0, -1, SESSION_STEP},
	    /* rating, reflection, break */
	    {"rating takes a value and moves on", "basics", 4, "4", 5,
	     SESSION_PH_MAIN, 0, ANY, -1, SESSION_STEP},
	    {"reflection moves on", "basics", 5, "n", 6, SESSION_PH_MAIN, 0,
	     ANY, -1, SESSION_STEP},
	    {"the last step finishes the module", "basics", 6, "n", 6,
	     SESSION_PH_MAIN, 0, ANY, -1, SESSION_FINISHED},
	    {"back after the end returns to the last step", "basics", 6, "nb",
	     6, SESSION_PH_MAIN, 0, ANY, -1, SESSION_STEP},
	    /* quiz: answer, feedback, results, retry */
	    {"quiz answer shows feedback", "law", 1, "0", 1,
	     SESSION_PH_FEEDBACK, 0, ANY, 1, SESSION_CHANGED},
	    {"quiz feedback goes to the next question", "law", 1, "0n", 1,
	     SESSION_PH_QUESTION, 0, ANY, 1, SESSION_CHANGED},
	    {"quiz results after the last question", "law", 1, "0n0n", 1,
	     SESSION_PH_RESULTS, SESSION_RESULT_RETRY_WRONG, ANY, 1,
	     SESSION_CHANGED},
	    {"all right focuses continue", "law", 1, "0n1n", 1,
	     SESSION_PH_RESULTS, SESSION_RESULT_CONTINUE, ANY, 2,
	     SESSION_CHANGED},
	    {"retry wrong asks only the wrong ones", "law", 1, "0n0nw", 1,
	     SESSION_PH_QUESTION, 0, ANY, 1, SESSION_CHANGED},
	    {"retry wrong then right passes", "law", 1, "0n0nw1n", 1,
	     SESSION_PH_RESULTS, SESSION_RESULT_CONTINUE, ANY, 2,
	     SESSION_CHANGED},
	    {"retry all clears every answer", "law", 1, "0n1na", 1,
	     SESSION_PH_QUESTION, 0, ANY, 0, SESSION_CHANGED},
	    {"retry wrong with none wrong is ignored", "law", 1, "0n1nw", 1,
	     SESSION_PH_RESULTS, SESSION_RESULT_CONTINUE, ANY, 2,
	     SESSION_IGNORED},
	    {"results continue moves on", "law", 1, "0n1n2", 2,
	     SESSION_PH_STORY, 0, ANY, 2, SESSION_STEP},
	    {"retry is ignored outside the results", "law", 1, "w", 1,
	     SESSION_PH_QUESTION, 0, ANY, 0, SESSION_IGNORED},
	    {"back from a quiz keeps its answers", "law", 1, "0nbn", 1,
	     SESSION_PH_QUESTION, 0, ANY, 1, SESSION_STEP},
	    /* scenario: story, questions, Ask/Check/Do, points */
	    {"scenario story then its question", "law", 2, "n", 2,
	     SESSION_PH_SQUESTION, 0, 0, -1, SESSION_CHANGED},
	    {"scenario question then ask check do", "law", 2, "nn", 2,
	     SESSION_PH_ACD, 0, 0, -1, SESSION_CHANGED},
	    {"scenario points last", "law", 2, "nnn", 2, SESSION_PH_POINTS, 0,
	     0, -1, SESSION_CHANGED},
	    {"scenario back from points", "law", 2, "nnnbb", 2,
	     SESSION_PH_SQUESTION, 0, 0, -1, SESSION_CHANGED},
	    {"scenario back to the story", "law", 2, "nb", 2, SESSION_PH_STORY,
	     0, 0, -1, SESSION_CHANGED},
	    {"scenario moves on after the points", "law", 2, "nnnn", 3,
	     SESSION_PH_RATE, 0, 0, -1, SESSION_STEP},
	};

	return cr_make_param_array(struct scase, cases,
				   sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct scase *c, session, scripts, .init = load_pack,
		  .fini = free_pack)
{
	struct module *m = content_module(pack, c->module);
	struct session *s;
	const struct session_step *ss;
	enum session_outcome o;
	unsigned r, a;

	cr_assert_not_null(m);
	s = session_new(m);
	cr_assert(session_goto(s, c->start));
	o = play(s, c->script);
	ss = &s->steps[s->step];
	cr_expect_eq(s->step, c->step, "%s: step %zu, expected %zu", c->name,
		     s->step, c->step);
	cr_expect_eq(ss->phase, c->phase, "%s: phase %d, expected %d", c->name,
		     ss->phase, c->phase);
	cr_expect_eq(s->focus, c->focus, "%s: focus %d, expected %d", c->name,
		     s->focus, c->focus);
	cr_expect_eq(o, c->last, "%s: outcome %d, expected %d", c->name, o,
		     c->last);
	if (c->item != ANY)
		cr_expect_eq(ss->item, c->item, "%s: item %zu", c->name,
			     ss->item);
	switch (m->steps[c->step].kind) {
	case STEP_TEXT:
		cr_expect_eq((long)s->steps[0].revealed, c->extra,
			     "%s: revealed %zu", c->name, s->steps[0].revealed);
		break;
	case STEP_VIEWS:
		cr_expect_eq(ss->view, c->extra, "%s: view %d", c->name,
			     ss->view);
		break;
	case STEP_GLOSSARY:
		cr_expect_eq((long)ss->nmatch, c->extra, "%s: %zu matches",
			     c->name, ss->nmatch);
		break;
	case STEP_QUIZ:
		session_quiz_score(s, 1, &r, &a);
		cr_expect_eq((long)r, c->extra, "%s: %u right", c->name, r);
		break;
	default:
		break;
	}
	session_free(s);
}

Test(session, finishing_a_module_with_a_quiz_gives_passed_or_failed,
     .init = load_pack, .fini = free_pack)
{
	struct module *m = content_module(pack, "law");
	struct session *s = session_new(m);
	unsigned score, total, pass;

	play(s, "n0n0n2"); /* one of two right: 50% < 80% */
	cr_assert_eq(s->step, 2);
	play(s, "nnnn0");
	cr_assert(s->finished);
	cr_expect_str_eq(session_outcome_event(s, &score, &total, &pass),
			 "failed");
	cr_expect_eq(score, 1);
	cr_expect_eq(total, 2);
	cr_expect_eq(pass, 80);
	session_free(s);

	s = session_new(m);
	play(s, "n0n1n2nnnn0");
	cr_assert(s->finished);
	cr_expect_str_eq(session_outcome_event(s, &score, &total, &pass),
			 "passed");
	cr_expect_eq(score, 2);
	session_free(s);
}

Test(session, a_module_without_a_quiz_is_completed, .init = load_pack,
     .fini = free_pack)
{
	struct session *s = session_new(content_module(pack, "basics"));
	unsigned score, total, pass;

	play(s, "nnn01n0nn4nn");
	cr_assert(s->finished, "at step %zu phase %d", s->step,
		  s->steps[s->step].phase);
	cr_expect_str_eq(session_outcome_event(s, &score, &total, &pass),
			 "completed");
	cr_expect_eq(total, 0);
	session_free(s);
}

Test(session, position_names_the_quiz_question, .init = load_pack,
     .fini = free_pack)
{
	struct session *s = session_new(content_module(pack, "law"));
	char buf[32];

	session_position(s, buf, sizeof buf);
	cr_expect_str_eq(buf, "Step 1/4");
	play(s, "n0n");
	session_position(s, buf, sizeof buf);
	cr_expect_str_eq(buf, "Quiz 2/2");
	session_free(s);
}

Test(session, export_keeps_quiz_and_sort_answers_but_never_views,
     .init = load_pack, .fini = free_pack)
{
	struct session *s = session_new(content_module(pack, "basics"));
	struct session_saved sv;
	size_t i;

	play(s, "nnn"
		"02"
		"n"
		"1"); /* sort: sex, both; views: disagree */
	cr_assert_eq(s->steps[2].view, SESSION_VIEW_DISAGREE);
	session_export(s, &sv);
	cr_expect_eq(sv.step, 2);
	cr_assert_eq(sv.nsteps, 1, "only the sort is exported");
	cr_expect_eq(sv.steps[0].step, 1);
	cr_expect(!sv.steps[0].quiz);
	cr_expect_eq(sv.steps[0].n, 2);
	cr_expect_eq(sv.steps[0].v[0], 0);
	cr_expect_eq(sv.steps[0].v[1], 2);
	for (i = 0; i < sv.nsteps; i++)
		cr_expect_neq(s->module->steps[sv.steps[i].step].kind,
			      STEP_VIEWS);
	session_saved_free(&sv);
	session_free(s);
}

Test(session, import_resumes_a_quiz_at_the_first_unanswered_question,
     .init = load_pack, .fini = free_pack)
{
	struct module *m = content_module(pack, "law");
	struct session *s = session_new(m), *t;
	struct session_saved sv;
	unsigned r, a;

	play(s, "n0n"); /* first answered, on the second */
	session_export(s, &sv);
	t = session_new(m);
	session_import(t, &sv);
	cr_expect_eq(t->step, 1);
	cr_expect_eq(t->steps[1].phase, SESSION_PH_QUESTION);
	cr_expect_eq(t->steps[1].order[t->steps[1].pos], 1);
	session_quiz_score(t, 1, &r, &a);
	cr_expect_eq(r, 1);
	cr_expect_eq(a, 1);
	session_saved_free(&sv);
	session_free(s);
	session_free(t);
}

Test(session, import_drops_answers_that_do_not_fit, .init = load_pack,
     .fini = free_pack)
{
	struct module *m = content_module(pack, "law");
	struct session *s = session_new(m);
	int bad[] = {7, -1, 3};
	struct session_saved_step st = {
	    .step = 1, .quiz = true, .v = bad, .n = 3};
	struct session_saved sv = {.step = 99, .steps = &st, .nsteps = 1};

	session_import(s, &sv);
	cr_expect_eq(s->step, 0, "a step out of range is not taken");
	cr_expect_eq(s->steps[1].answers[0], -1);
	cr_expect_eq(s->steps[1].answers[1], -1);
	session_free(s);
}
