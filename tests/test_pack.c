/*
 * test_pack.c: the bundled content pack (the source tree's modules/,
 * quizzes/ and scenarios/) holds the whole workshop day: the programme and
 * its times, every exercise with its minimum size, a complete law quiz and
 * scenarios worked through with Ask, Check, Do.
 */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "content.h"
#include "text_match.h"
#include "when.h"

static struct content *pack;
static struct diags diags;

static void
load_pack(void)
{
	diags_init(&diags);
	pack = content_load_dir(SOURCE_DIR, &diags);
	cr_assert_not_null(pack, "cannot read the pack in %s", SOURCE_DIR);
	for (size_t i = 0; i < diags.n; i++)
		cr_log_error("%s:%u:%u: %s", diags.v[i].file, diags.v[i].line,
			     diags.v[i].col, diags.v[i].msg);
	cr_assert_eq(diags.n, 0, "the bundled pack has errors");
}

static void
free_pack(void)
{
	content_free(pack);
	diags_free(&diags);
}

TestSuite(pack, .init = load_pack, .fini = free_pack);

/* Does hay contain needle (text_match.h)?  NULL never does. */
static bool
contains(const char *hay, const char *needle)
{
	return text_find(hay, needle) != NULL;
}

static bool
list_contains(const struct strlist *l, const char *needle)
{
	for (size_t i = 0; i < l->n; i++)
		if (contains(l->v[i], needle))
			return true;
	return false;
}

static const struct module *
module(const char *id)
{
	const struct module *m = content_module(pack, id);

	cr_assert_not_null(m, "no module \"%s\"", id);
	return m;
}

/* The first step of a kind in a module whose title contains title (any
 * title if NULL); fails the test if there is none. */
static const struct step *
step(const struct module *m, enum step_kind kind, const char *title)
{
	for (size_t i = 0; i < m->nsteps; i++)
		if (m->steps[i].kind == kind &&
		    (title == NULL || contains(m->steps[i].title, title)))
			return &m->steps[i];
	cr_assert_fail("module %s has no %s step titled \"%s\"", m->id,
		       content_step_kind_name(kind), title ? title : "*");
	return NULL;
}

/* Does any text in a module (bodies, points, notes, prompts) mention s? */
static bool
module_mentions(const struct module *m, const char *s)
{
	for (size_t i = 0; i < m->nsteps; i++) {
		const struct step *st = &m->steps[i];

		if (contains(st->title, s) || contains(st->notes, s))
			return true;
		if (st->kind == STEP_TEXT &&
		    (contains(st->u.text.body, s) ||
		     list_contains(&st->u.text.points, s)))
			return true;
		if (st->kind == STEP_REFLECTION &&
		    list_contains(&st->u.reflection.prompts, s))
			return true;
	}
	return false;
}

static bool
law_is_current(const struct law_info *law)
{
	return law->jurisdiction != NULL &&
	       strcmp(law->jurisdiction, "England and Wales") == 0 &&
	       law->reviewed != NULL && when_days(law->reviewed) > 0;
}

Test(pack, runs_from_half_past_nine_to_about_half_past_four)
{
	const struct programme *p = pack->programme;
	unsigned at, lunch_at = 0, end;
	size_t breaks = 0, lunches = 0, before_lunch = 0, after_lunch = 0;

	cr_assert_not_null(p);
	cr_expect_eq(p->start, 9 * 60 + 30);
	at = p->start;
	for (size_t i = 0; i < p->nitems; i++) {
		const struct programme_item *it = &p->items[i];

		if (it->kind == PROGRAMME_BREAK &&
		    contains(it->title, "lunch")) {
			lunches++;
			lunch_at = at;
		} else if (it->kind == PROGRAMME_BREAK) {
			breaks++;
			if (lunches == 0)
				before_lunch++;
			else
				after_lunch++;
		} else {
			cr_expect_eq(it->minutes, it->module->minutes,
				     "module %s: %u minutes in the programme, "
				     "%u in the module",
				     it->module->id, it->minutes,
				     it->module->minutes);
		}
		at += it->minutes;
	}
	end = at;
	cr_expect_eq(breaks, 2, "two breaks besides lunch");
	cr_expect_eq(lunches, 1, "one lunch");
	cr_expect_eq(before_lunch, 1, "a break in the morning");
	cr_expect_eq(after_lunch, 1, "a break in the afternoon");
	cr_expect(lunch_at >= 12 * 60 && lunch_at <= 13 * 60 + 30,
		  "lunch starts at %02u:%02u", lunch_at / 60, lunch_at % 60);
	cr_expect(end >= 16 * 60 + 15 && end <= 16 * 60 + 45,
		  "the day ends at %02u:%02u", end / 60, end % 60);
}

Test(pack, follows_the_order_of_the_day)
{
	static const char *const order[] = {
	    "introductions",	"sex-and-sexuality",
	    "barriers",		"values",
	    "a-to-z",		"law-quiz-module",
	    "law-and-capacity", "scenarios-one",
	    "scenarios-two",	"close",
	};
	const struct programme *p = pack->programme;
	size_t k = 0;

	for (size_t i = 0; i < p->nitems; i++)
		if (p->items[i].kind == PROGRAMME_MODULE) {
			cr_assert_lt(k, sizeof order / sizeof order[0]);
			cr_expect_str_eq(p->items[i].ref, order[k]);
			k++;
		}
	cr_expect_eq(k, sizeof order / sizeof order[0]);
	cr_expect_eq(pack->nmodules, k, "every module is in the programme");
}

Test(pack, introduces_outcomes_ground_rules_and_an_ice_breaker)
{
	const struct module *m = module("introductions");
	const struct step *outcomes =
	    step(m, STEP_TEXT, "by the end of the day");
	const struct step *rules = step(m, STEP_TEXT, "how we will work");

	cr_expect_eq(outcomes->u.text.points.n, 5, "five learning outcomes");
	cr_expect(list_contains(&rules->u.text.points, "confidential"));
	cr_expect(list_contains(&rules->u.text.points, "respect"));
	cr_expect(list_contains(&rules->u.text.points, "right to pass"));
	step(m, STEP_TEXT, "ice breaker");
}

Test(pack, sorts_at_least_twenty_items_each_with_a_reason)
{
	const struct step *s =
	    step(module("sex-and-sexuality"), STEP_SORT, NULL);
	size_t used[8] = {0};

	cr_assert_eq(s->u.sort.ncategories, 3);
	cr_expect_str_eq(s->u.sort.categories[0].id, "sex");
	cr_expect_str_eq(s->u.sort.categories[1].id, "sexuality");
	cr_expect_str_eq(s->u.sort.categories[2].id, "both");
	cr_expect_geq(s->u.sort.nitems, 20);
	for (size_t i = 0; i < s->u.sort.nitems; i++) {
		cr_expect_gt(strlen(s->u.sort.items[i].reason), 10,
			     "item \"%s\" needs a reason",
			     s->u.sort.items[i].text);
		used[s->u.sort.items[i].category]++;
	}
	for (size_t c = 0; c < 3; c++)
		cr_expect_geq(used[c], 4, "category %s has too few items",
			      s->u.sort.categories[c].id);
}

Test(pack, names_the_barriers_for_people_and_for_staff)
{
	static const char *const people[] = {
	    "isolation", "education", "privacy", "risk", "family", "online",
	};
	static const char *const staff[] = {
	    "training",
	    "boundaries",
	    "capacity",
	    "intrusive",
	};
	const struct module *m = module("barriers");
	const struct step *p = step(m, STEP_TEXT, "for the people we support");
	const struct step *s = step(m, STEP_TEXT, "for staff");

	for (size_t i = 0; i < sizeof people / sizeof people[0]; i++)
		cr_expect(list_contains(&p->u.text.points, people[i]),
			  "no barrier about %s for people supported",
			  people[i]);
	for (size_t i = 0; i < sizeof staff / sizeof staff[0]; i++)
		cr_expect(list_contains(&s->u.text.points, staff[i]),
			  "no barrier about %s for staff", staff[i]);
	cr_expect_geq(step(m, STEP_REFLECTION, NULL)->u.reflection.prompts.n, 3,
		      "discussion prompts");
}

Test(pack, has_at_least_twelve_views_never_recorded_with_prompts)
{
	const struct step *v = step(module("values"), STEP_VIEWS, NULL);

	cr_expect(v->u.views.never_recorded);
	cr_expect_geq(v->u.views.nstatements, 12);
	for (size_t i = 0; i < v->u.views.nstatements; i++)
		cr_expect_geq(v->u.views.statements[i].prompts.n, 1,
			      "statement \"%s\" has no facilitator prompt",
			      v->u.views.statements[i].text);
}

Test(pack, has_an_a_to_z_of_at_least_fifty_terms)
{
	const struct step *g = step(module("a-to-z"), STEP_GLOSSARY, NULL);
	bool letter[26] = {false};
	size_t letters = 0, notes = 0, outdated = 0;

	cr_expect_geq(g->u.glossary.nterms, 50);
	for (size_t i = 0; i < g->u.glossary.nterms; i++) {
		const struct glossary_term *t = &g->u.glossary.terms[i];
		int c = tolower((unsigned char)t->term[0]);

		if (i > 0)
			cr_expect_leq(
			    strcasecmp(g->u.glossary.terms[i - 1].term,
				       t->term),
			    0, "\"%s\" is out of alphabetical order", t->term);
		if (c >= 'a' && c <= 'z' && !letter[c - 'a']) {
			letter[c - 'a'] = true;
			letters++;
		}
		if (t->note != NULL)
			notes++;
		if (contains(t->note, "outdated") || contains(t->note, "older"))
			outdated++;
	}
	cr_expect_geq(letters, 24, "only %zu letters of the alphabet", letters);
	cr_expect_geq(notes, 10, "tutor notes");
	cr_expect_geq(outdated, 3, "outdated terms explained");
}

Test(pack, has_a_law_quiz_of_at_least_twenty_four_complete_questions)
{
	const struct quiz *q = content_quiz(pack, "sex-and-the-law");
	size_t kinds[2] = {0};

	cr_assert_not_null(q);
	cr_expect_eq(q->pass_mark, 80);
	cr_expect(law_is_current(&q->law), "jurisdiction and reviewed date");
	cr_expect_geq(q->nquestions, 24);
	for (size_t i = 0; i < q->nquestions; i++) {
		const struct question *qu = &q->questions[i];

		kinds[qu->kind]++;
		cr_expect_gt(strlen(qu->explanation), 20, "%s: explanation",
			     qu->id);
		cr_expect_gt(strlen(qu->cite), 5, "%s: citation", qu->id);
		cr_expect_not_null(qu->notes, "%s: tutor note", qu->id);
		cr_expect_str_eq(qu->jurisdiction, "England and Wales");
		cr_expect_lt(qu->answer, qu->choices.n);
	}
	cr_expect_geq(kinds[QUESTION_TRUE_FALSE], 10);
	cr_expect_geq(kinds[QUESTION_CHOICE], 5);
}

Test(pack, quiz_covers_every_area_of_the_law)
{
	static const char *const areas[] = {
	    "2003 s.74",
	    "2003 ss.9-15",
	    "s.30",
	    "ss.34-37",
	    "s.38",
	    "s.42",
	    "Mental Capacity Act 2005 s.1",
	    "Mental Capacity Act 2005 s.3",
	    "Mental Capacity Act 2005 s.27",
	    "s.66",
	    "s.71",
	    "Immigration Act 2008 s.63",
	    "Street Offences Act 1959",
	    "s.53A",
	    "[2021] EWCA Civ 1527",
	    "(Minimum Age) Act 2022",
	    "2014 s.121",
	    "Human Rights Act 1998",
	    "Equality Act 2010",
	    "UKSC 52",
	};
	const struct quiz *q = content_quiz(pack, "sex-and-the-law");

	for (size_t a = 0; a < sizeof areas / sizeof areas[0]; a++) {
		bool found = false;

		for (size_t i = 0; i < q->nquestions && !found; i++)
			found = contains(q->questions[i].cite, areas[a]);
		cr_expect(found, "no quiz question cites %s", areas[a]);
	}
}

Test(pack, walks_through_the_law_capacity_and_policy)
{
	const struct module *m = module("law-and-capacity");
	const struct step *last = &m->steps[m->nsteps - 1];

	cr_expect(law_is_current(&m->law));
	cr_expect_geq(
	    step(m, STEP_TEXT, "capacity, step by step")->u.text.points.n, 5,
	    "the five principles");
	cr_expect(list_contains(
	    &step(m, STEP_TEXT, "capacity test")->u.text.cite, "s.3"));
	cr_expect(list_contains(&step(m, STEP_TEXT, "consent and")->u.text.cite,
				"s.74"));
	cr_expect_eq(last->kind, STEP_REFLECTION, "ends on policy questions");
	cr_expect(contains(last->title, "policy"));
	cr_expect(module_mentions(m, "safeguarding or legal lead"));
}

Test(pack, has_at_least_eight_scenarios_with_ask_check_do_and_points)
{
	static const char *const needed[] = {
	    "fred-and-joe",	"carol",
	    "susanne",		"robert",
	    "care-home-couple", "online-dating",
	    "same-sex-family",	"paying-for-sex",
	};

	cr_expect_geq(pack->nscenarios, 8);
	for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++)
		cr_expect_not_null(content_scenario(pack, needed[i]),
				   "no scenario %s", needed[i]);
	for (size_t i = 0; i < pack->nscenarios; i++) {
		const struct scenario *s = &pack->scenarios[i];

		cr_expect_gt(strlen(s->story), 100, "%s: story", s->id);
		cr_expect_geq(s->questions.n, 3, "%s: questions", s->id);
		cr_expect_geq(s->ask.n, 1, "%s: Ask", s->id);
		cr_expect_geq(s->check.n, 1, "%s: Check", s->id);
		cr_expect_geq(s->act.n, 1, "%s: Do", s->id);
		cr_expect_geq(s->points.n, 3, "%s: points", s->id);
		cr_expect_geq(s->law.n, 1, "%s: law", s->id);
		cr_expect(law_is_current(&s->lawinfo), "%s: law info", s->id);
	}
}

Test(pack, sends_staff_to_advice_where_the_law_is_risky)
{
	const struct scenario *s = content_scenario(pack, "paying-for-sex");

	cr_assert_not_null(s);
	cr_expect(list_contains(&s->law, "[2021] EWCA Civ 1527"));
	cr_expect(contains(s->notes, "safeguarding or legal lead"));
	cr_expect(contains(content_scenario(pack, "carol")->notes,
			   "safeguarding or legal lead"));
}

Test(pack, every_scenario_is_used_in_a_module)
{
	for (size_t i = 0; i < pack->nscenarios; i++) {
		bool used = false;

		for (size_t m = 0; m < pack->nmodules; m++)
			for (size_t j = 0; j < pack->modules[m].nsteps; j++)
				used |= pack->modules[m].steps[j].kind ==
					    STEP_SCENARIO &&
					pack->modules[m]
						.steps[j]
						.u.scenario.scenario ==
					    &pack->scenarios[i];
		cr_expect(used, "scenario %s is in no module",
			  pack->scenarios[i].id);
	}
}

Test(pack, rates_confidence_before_and_after_and_closes_with_evaluation)
{
	const struct step *before =
	    step(module("introductions"), STEP_RATING, NULL);
	const struct module *close = module("close");
	const struct step *after = step(close, STEP_RATING, "confident");

	cr_expect_str_eq(before->u.rating.set, after->u.rating.set);
	cr_expect(!before->u.rating.after);
	cr_expect(after->u.rating.after);
	cr_expect_eq(before->u.rating.scale, 5);
	cr_expect_eq(after->u.rating.scale, 5);
	cr_expect_geq(before->u.rating.questions.n, 3);
	cr_expect(list_contains(
	    &step(close, STEP_REFLECTION, "differently")->u.reflection.prompts,
	    "differently"));
	step(close, STEP_RATING, "evaluation");
}

/* ---- wording for a learner alone and for a room ------------------------ */

/* Words that ask for a room or a partner, which a learner alone must never
 * read, and words for a learner alone, which a room must never read. */
static const char *const room_words[] = {
    "in pairs",
    "your partner",
    "small group",
    "small team",
    "discussion day",
    "the group's",
    "with the group",
    "the room",
    "in class",
    "tutor notes",
    "hands",
    "this morning",
    "facilitator",
    "come from each other",
    NULL,
};
static const char *const alone_words[] = {
    "self-study",  "you pass with", "pass mark", "80%",
    "on your own", "working alone", NULL,
};

/* The first of words that s contains, or NULL. */
static const char *
says_any(const char *s, const char *const *words)
{
	for (size_t i = 0; words[i] != NULL; i++)
		if (contains(s, words[i]))
			return words[i];
	return NULL;
}

static void
expect_none(const char *s, const char *const *words, const char *who,
	    const char *where)
{
	const char *w = says_any(s, words);

	cr_expect_null(w, "%s: %s reads \"%s\" in: %s", where, who, w, s);
}

static void
expect_none_in(const struct strlist *l, const char *const *words,
	       const char *who, const char *where)
{
	for (size_t i = 0; i < l->n; i++)
		expect_none(l->v[i], words, who, where);
}

/* What a step shows on screen (never its notes, which are the
 * facilitator's, nor a glossary term's tutor note). */
static void
expect_step_without(const struct step *st, const char *const *words,
		    const char *who, const char *where)
{
	expect_none(st->title, words, who, where);
	switch (st->kind) {
	case STEP_TEXT:
		expect_none(st->u.text.body, words, who, where);
		expect_none_in(&st->u.text.points, words, who, where);
		break;
	case STEP_SORT:
		expect_none(st->u.sort.prompt, words, who, where);
		break;
	case STEP_VIEWS:
		expect_none(st->u.views.prompt, words, who, where);
		for (size_t i = 0; i < st->u.views.nstatements; i++)
			expect_none_in(&st->u.views.statements[i].prompts,
				       words, who, where);
		break;
	case STEP_GLOSSARY:
		expect_none(st->u.glossary.intro, words, who, where);
		break;
	case STEP_RATING:
		expect_none(st->u.rating.prompt, words, who, where);
		break;
	case STEP_REFLECTION:
		expect_none_in(&st->u.reflection.prompts, words, who, where);
		break;
	default:
		break;
	}
}

Test(pack, a_learner_alone_is_never_asked_to_talk_to_a_room)
{
	for (size_t i = 0; i < pack->nmodules; i++) {
		const struct module *m = &pack->modules[i];

		for (size_t j = 0; j < m->nsteps; j++)
			expect_step_without(
			    content_step_for(&m->steps[j], CONTENT_SELF_STUDY),
			    room_words, "a learner alone", m->id);
	}
	for (size_t i = 0; i < pack->nquizzes; i++)
		expect_none(
		    content_quiz_intro(&pack->quizzes[i], CONTENT_SELF_STUDY),
		    room_words, "a learner alone", pack->quizzes[i].id);
	for (size_t i = 0; i < pack->nscenarios; i++) {
		const struct scenario *s = &pack->scenarios[i];

		expect_none(s->story, room_words, "a learner alone", s->id);
		expect_none_in(&s->questions, room_words, "a learner alone",
			       s->id);
	}
}

Test(pack, a_room_never_reads_the_self_study_wording)
{
	const struct quiz *q = content_quiz(pack, "sex-and-the-law");

	for (size_t i = 0; i < pack->nmodules; i++) {
		const struct module *m = &pack->modules[i];

		for (size_t j = 0; j < m->nsteps; j++)
			expect_step_without(
			    content_step_for(&m->steps[j], CONTENT_CLASSROOM),
			    alone_words, "a room", m->id);
	}
	for (size_t i = 0; i < pack->nquizzes; i++)
		expect_none(
		    content_quiz_intro(&pack->quizzes[i], CONTENT_CLASSROOM),
		    alone_words, "a room", pack->quizzes[i].id);
	/* The pass mark is still there for a learner alone. */
	cr_assert_not_null(q);
	cr_expect(contains(content_quiz_intro(q, CONTENT_SELF_STUDY),
			   "you pass with 80%"));
}
