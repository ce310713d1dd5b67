/*
 * test_lawtag.c: which law each screen states, and the words every mode
 * shows for it: fresh, over a year old, no jurisdiction, a quiz question
 * with its own jurisdiction, and narrow widths.  The fixture pack
 * tests/fixtures/lawdate has a module reviewed 2025-01-06, its quiz
 * 2025-02-03 (its second question in Scotland) and a scenario 2025-03-04.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "content.h"
#include "facil.h"
#include "lawtag.h"
#include "layout.h"
#include "session.h"
#include "when.h"

static struct content *pack;
static struct module *law_mod, *stories;
static long module_day; /* the law module's reviewed date */

static void
load_pack(void)
{
	struct diags d;

	diags_init(&d);
	pack = content_load_dir(FIXTURES "/lawdate", &d);
	cr_assert_not_null(pack);
	cr_assert_eq(d.n, 0, "the fixture pack has errors");
	diags_free(&d);
	law_mod = content_module(pack, "dated-law");
	stories = content_module(pack, "stories");
	cr_assert_not_null(law_mod);
	cr_assert_not_null(stories);
	module_day = when_days(law_mod->law.reviewed);
	cr_assert_gt(module_day, 0);
}

static void
free_pack(void)
{
	content_free(pack);
}

TestSuite(lawtag, .init = load_pack, .fini = free_pack);

static const char *
text_of(const struct lawtag *t, int width)
{
	static char buf[512];

	return lawtag_text(t, width, buf, sizeof buf);
}

Test(lawtag, fresh_law_says_where_and_when)
{
	struct lawtag t;

	lawtag_from(&t, &law_mod->law, module_day + 30);
	cr_expect_not(t.overdue);
	cr_expect_str_eq(text_of(&t, 0),
			 "Law of England and Wales, reviewed 2025-01-06");
	cr_expect_str_eq(text_of(&t, 40), "England and Wales, reviewed "
					  "2025-01-06");
	cr_expect_str_eq(text_of(&t, 25), "Law reviewed 2025-01-06");
	cr_expect_str_eq(text_of(&t, 20), "Reviewed 2025-01-06");
}

Test(lawtag, a_year_to_the_day_is_not_yet_out_of_date)
{
	struct lawtag t;

	lawtag_from(&t, &law_mod->law, module_day + CONTENT_REVIEW_DAYS);
	cr_expect_not(t.overdue);
	lawtag_from(&t, &law_mod->law, module_day + CONTENT_REVIEW_DAYS + 1);
	cr_expect(t.overdue);
}

Test(lawtag, law_over_a_year_old_is_a_warning_in_words)
{
	struct lawtag t;

	lawtag_from(&t, &law_mod->law, module_day + 400);
	cr_expect(t.overdue);
	cr_expect_str_eq(text_of(&t, 0),
			 "Law of England and Wales, reviewed 2025-01-06: over "
			 "a year ago, may be out of date");
	cr_expect_str_eq(text_of(&t, 78), "Law of England and Wales, "
					  "reviewed 2025-01-06: over a year "
					  "ago");
	cr_expect_str_eq(text_of(&t, 56), "England and Wales, reviewed "
					  "2025-01-06: over a year ago");
	cr_expect_str_eq(text_of(&t, 38), "Reviewed 2025-01-06: over a year "
					  "ago");
	cr_expect_str_eq(text_of(&t, 30), "Reviewed over a year ago");
}

Test(lawtag, no_jurisdiction_is_no_tag)
{
	struct law_info none = {0};
	struct lawtag t;
	char buf[64] = "x";

	lawtag_from(&t, &none, module_day);
	cr_expect_null(t.jurisdiction);
	cr_expect_str_eq(lawtag_text(&t, 0, buf, sizeof buf), "");
	lawtag_from(&t, NULL, module_day);
	cr_expect_null(t.jurisdiction);
	cr_expect_str_eq(lawtag_text(&t, 80, buf, sizeof buf), "");
}

Test(lawtag, a_jurisdiction_without_a_date_says_only_where)
{
	char where[] = "England and Wales";
	struct law_info law = {.jurisdiction = where};
	struct lawtag t;

	lawtag_from(&t, &law, module_day + 4000);
	cr_expect_not(t.overdue, "no date is never out of date");
	cr_expect_str_eq(text_of(&t, 0), "Law of England and Wales");
	cr_expect_str_eq(text_of(&t, 20), "England and Wales");
}

/* Each width from 24 up gets a form that fits, and a warning that says so. */
ParameterizedTestParameters(lawtag, every_width_gets_a_form_that_fits)
{
	static int widths[] = {24, 27, 30, 36, 38, 40, 44, 50,
			       55, 56, 60, 62, 70, 78, 80, 100};

	return cr_make_param_array(int, widths,
				   sizeof widths / sizeof widths[0]);
}

ParameterizedTest(int *w, lawtag, every_width_gets_a_form_that_fits)
{
	struct lawtag t;
	const char *s;

	lawtag_from(&t, &law_mod->law, module_day + 400);
	s = text_of(&t, *w);
	cr_expect_leq(layout_width(s, strlen(s)), *w, "%d: %s", *w, s);
	cr_expect_neq(strstr(s, "over a year ago"), NULL, "%d: %s", *w, s);
	lawtag_from(&t, &law_mod->law, module_day);
	s = text_of(&t, *w);
	cr_expect_leq(layout_width(s, strlen(s)), *w, "%d: %s", *w, s);
	cr_expect_neq(strstr(s, "2025-01-06"), NULL, "%d: %s", *w, s);
}

static const struct step *
step_of(struct module *m, enum step_kind k, size_t nth)
{
	for (size_t i = 0; i < m->nsteps; i++)
		if (m->steps[i].kind == k && nth-- == 0)
			return &m->steps[i];
	cr_assert_fail("no such step");
	return NULL;
}

Test(lawtag, screens_that_cite_law_carry_their_module_s_tag)
{
	struct lawtag t;

	cr_expect(lawtag_of_step(&t, law_mod, step_of(law_mod, STEP_TEXT, 0),
				 NULL, module_day));
	cr_expect_str_eq(text_of(&t, 0),
			 "Law of England and Wales, reviewed 2025-01-06");
	cr_expect(lawtag_of_step(&t, law_mod,
				 step_of(law_mod, STEP_GLOSSARY, 0), NULL,
				 module_day),
		  "the glossary states law");
	cr_expect_not(lawtag_of_step(&t, law_mod,
				     step_of(law_mod, STEP_TEXT, 1), NULL,
				     module_day),
		      "a text without citations states none");
	cr_expect_null(t.jurisdiction);
	cr_expect_not(lawtag_of_step(&t, law_mod,
				     step_of(law_mod, STEP_REFLECTION, 0), NULL,
				     module_day));
}

Test(lawtag, a_quiz_and_a_scenario_carry_their_own_dates)
{
	struct lawtag t;
	const struct step *q = step_of(law_mod, STEP_QUIZ, 0);

	lawtag_of_step(&t, law_mod, q, NULL, module_day);
	cr_expect_str_eq(text_of(&t, 0),
			 "Law of England and Wales, reviewed 2025-02-03");
	lawtag_of_step(&t, law_mod, step_of(law_mod, STEP_SCENARIO, 0), NULL,
		       module_day);
	cr_expect_str_eq(text_of(&t, 0),
			 "Law of England and Wales, reviewed 2025-03-04");
	cr_expect_not(lawtag_of_step(&t, stories,
				     step_of(stories, STEP_SCENARIO, 0), NULL,
				     module_day),
		      "a scenario with no law states none");
}

Test(lawtag, a_question_with_its_own_jurisdiction_keeps_the_quiz_s_date)
{
	struct lawtag t;
	const struct step *st = step_of(law_mod, STEP_QUIZ, 0);
	const struct quiz *q = st->u.quiz.quiz;
	long quiz_day = when_days(q->law.reviewed);

	cr_assert_eq(q->nquestions, 2);
	lawtag_of_step(&t, law_mod, st, &q->questions[0], quiz_day);
	cr_expect_str_eq(text_of(&t, 0),
			 "Law of England and Wales, reviewed 2025-02-03");
	lawtag_of_step(&t, law_mod, st, &q->questions[1], quiz_day);
	cr_expect_str_eq(text_of(&t, 0), "Law of Scotland, reviewed "
					 "2025-02-03");
	lawtag_of_step(&t, law_mod, st, &q->questions[1], quiz_day + 366);
	cr_expect(t.overdue, "the quiz's date decides");
	cr_expect_str_eq(text_of(&t, 0),
			 "Law of Scotland, reviewed 2025-02-03: over a year "
			 "ago, may be out of date");
}

Test(lawtag, a_module_title_shows_the_law_the_module_states)
{
	struct lawtag t;

	lawtag_of_step(&t, law_mod, NULL, NULL, module_day);
	cr_expect_str_eq(t.reviewed, "2025-01-06", "the module's own");
	lawtag_of_step(&t, stories, NULL, NULL, module_day);
	cr_expect_str_eq(t.reviewed, "2025-03-04",
			 "else the first dated quiz or scenario it holds");
}

Test(lawtag, the_learner_s_session_follows_the_screen_on_show)
{
	struct session *s = session_new(law_mod);
	struct lawtag t;
	long today = module_day + 395; /* module and quiz old, scenario not */

	cr_expect(lawtag_of_session(&t, s, today));
	cr_expect(t.overdue);
	cr_expect_str_eq(t.reviewed, "2025-01-06");
	session_do(s, SESSION_EV_NEXT); /* the text without citations */
	cr_expect_not(lawtag_of_session(&t, s, today));
	session_do(s, SESSION_EV_NEXT); /* the glossary */
	cr_expect(lawtag_of_session(&t, s, today));
	session_do(s, SESSION_EV_NEXT); /* the quiz, question 1 */
	cr_assert_not_null(session_question(s));
	lawtag_of_session(&t, s, today);
	cr_expect_str_eq(t.jurisdiction, "England and Wales");
	cr_expect_str_eq(t.reviewed, "2025-02-03");
	cr_expect(t.overdue);
	session_do(s, SESSION_EV_NEXT); /* answer it: feedback */
	session_do(s, SESSION_EV_NEXT); /* question 2 */
	lawtag_of_session(&t, s, today);
	cr_expect_str_eq(t.jurisdiction, "Scotland");
	session_do(s, SESSION_EV_NEXT);
	session_do(s, SESSION_EV_NEXT); /* the results */
	cr_expect_eq(session_state(s)->phase, SESSION_PH_RESULTS);
	lawtag_of_session(&t, s, today);
	cr_expect_str_eq(t.jurisdiction, "England and Wales");
	session_goto(s, 4); /* the scenario */
	lawtag_of_session(&t, s, today);
	cr_expect_str_eq(t.reviewed, "2025-03-04");
	cr_expect_not(t.overdue);
	session_free(s);
}

Test(lawtag, the_facilitator_s_screens_state_the_same_law)
{
	struct facil *f = facil_new(pack, law_mod, 1);
	struct lawtag t;
	size_t i, questions = 0;
	bool title = false;

	for (i = 0; i < f->n; i++) {
		const struct facil_screen *s = &f->screens[i];
		bool has = lawtag_of_screen(&t, s, module_day);

		switch (s->kind) {
		case FACIL_TITLE:
			cr_expect(has, "screen %zu: a title", i);
			title = true;
			break;
		case FACIL_QUESTION:
			cr_expect_str_eq(t.jurisdiction,
					 questions++ == 0 ? "England and Wales"
							  : "Scotland");
			cr_expect_str_eq(t.reviewed, "2025-02-03");
			break;
		case FACIL_SCENARIO:
			cr_expect_str_eq(t.reviewed, "2025-03-04");
			break;
		case FACIL_REFLECTION:
		case FACIL_END:
		case FACIL_AGENDA:
			cr_expect_not(has, "screen %zu states no law", i);
			break;
		default:
			break;
		}
	}
	cr_expect(title);
	cr_expect_eq(questions, 2);
	facil_free(f);
}
