/*
 * test_law_content.c: the bundled pack states the law as the corrected fact
 * sheet (2026-12) has it.  Each case names a place in the pack (a module's
 * step by its title, a glossary term, a quiz question, a scenario's list or
 * notes, or the whole pack), the words that must be there and the old, wrong
 * words that must not, so an edit that brings an error back fails here.
 * Every place is marked England and Wales, and every file stating law was
 * reviewed no earlier than the corrected fact sheet.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "text_match.h"

/* The date of the corrected fact sheet's last legal read. */
#define CORRECTED "2026-12-07"

static struct content *pack;
static struct diags diags;

static void
load_pack(void)
{
	diags_init(&diags);
	pack = content_load_dir(SOURCE_DIR, &diags);
	cr_assert_not_null(pack, "cannot read the pack in %s", SOURCE_DIR);
	cr_assert_eq(diags.n, 0, "the bundled pack has errors");
}

static void
free_pack(void)
{
	content_free(pack);
	diags_free(&diags);
}

TestSuite(law, .init = load_pack, .fini = free_pack);

/* ---- text of a place ------------------------------------------------ */

/* A growing string: the strings of one place, one a line. */
struct text {
	char *s;
	size_t n;
};

static void
add(struct text *t, const char *s)
{
	size_t k;

	if (s == NULL)
		return;
	k = strlen(s);
	t->s = realloc(t->s, t->n + k + 2);
	cr_assert_not_null(t->s);
	memcpy(t->s + t->n, s, k);
	t->n += k;
	t->s[t->n++] = '\n';
	t->s[t->n] = '\0';
}

static void
add_list(struct text *t, const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		add(t, l->v[i]);
}

/* Every string of a step as written (alternatives are for wording, not
 * law), notes included. */
static void
add_step(struct text *t, const struct step *st)
{
	add(t, st->title);
	add(t, st->notes);
	switch (st->kind) {
	case STEP_TEXT:
		add(t, st->u.text.body);
		add_list(t, &st->u.text.points);
		add_list(t, &st->u.text.cite);
		break;
	case STEP_VIEWS:
		add(t, st->u.views.prompt);
		for (size_t i = 0; i < st->u.views.nstatements; i++) {
			add(t, st->u.views.statements[i].text);
			add_list(t, &st->u.views.statements[i].prompts);
		}
		break;
	case STEP_GLOSSARY:
		add(t, st->u.glossary.intro);
		for (size_t i = 0; i < st->u.glossary.nterms; i++) {
			add(t, st->u.glossary.terms[i].term);
			add(t, st->u.glossary.terms[i].definition);
			add(t, st->u.glossary.terms[i].note);
		}
		break;
	case STEP_REFLECTION:
		add_list(t, &st->u.reflection.prompts);
		break;
	default:
		break;
	}
}

static void
add_question(struct text *t, const struct question *q)
{
	add(t, q->text);
	add_list(t, &q->choices);
	add(t, q->explanation);
	add(t, q->cite);
	add(t, q->notes);
}

/* A scenario's part by its YAML key, or all of it for "*". */
static bool
add_scenario(struct text *t, const struct scenario *s, const char *part)
{
	static const char *const keys[] = {
	    "story", "questions", "ask", "check",
	    "do",    "points",	  "law", "notes",
	};
	const struct strlist *lists[] = {
	    NULL,    &s->questions, &s->ask, &s->check,
	    &s->act, &s->points,    &s->law, NULL,
	};
	bool all = strcmp(part, "*") == 0, found = all;

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (!all && strcmp(part, keys[i]) != 0)
			continue;
		found = true;
		if (i == 0)
			add(t, s->story);
		else if (lists[i] == NULL)
			add(t, s->notes);
		else
			add_list(t, lists[i]);
	}
	return found;
}

/* ---- matching --------------------------------------------------------- */

/* ---- places ----------------------------------------------------------- */

enum where {
	IN_STEP,     /* file: module id; part: words of the step's title */
	IN_TERM,     /* file: module id; part: the glossary term */
	IN_QUESTION, /* file: quiz id; part: question id */
	IN_SCENARIO, /* file: scenario id; part: its key, or "*" */
	IN_PACK,     /* every module, quiz and scenario */
};

struct law_case {
	const char *point; /* what the case checks, for messages */
	enum where where;
	const char *file;
	const char *part;
	const char *need[8];  /* each must appear */
	const char *never[4]; /* none may appear */
};

static const struct law_info *
place_module(struct text *t, const struct law_case *c)
{
	const struct module *m = content_module(pack, c->file);

	cr_assert_not_null(m, "%s: no module %s", c->point, c->file);
	for (size_t i = 0; i < m->nsteps; i++) {
		const struct step *st = &m->steps[i];

		if (c->where == IN_STEP &&
		    text_find(st->title, c->part) != NULL) {
			add_step(t, st);
			return &m->law;
		}
		if (c->where != IN_TERM || st->kind != STEP_GLOSSARY)
			continue;
		for (size_t j = 0; j < st->u.glossary.nterms; j++)
			if (strcmp(st->u.glossary.terms[j].term, c->part) ==
			    0) {
				add(t, st->u.glossary.terms[j].definition);
				add(t, st->u.glossary.terms[j].note);
				return &m->law;
			}
	}
	cr_assert_fail("%s: module %s has no %s \"%s\"", c->point, c->file,
		       c->where == IN_STEP ? "step" : "term", c->part);
	return NULL;
}

static const struct law_info *
place_question(struct text *t, const struct law_case *c)
{
	const struct quiz *q = content_quiz(pack, c->file);

	cr_assert_not_null(q, "%s: no quiz %s", c->point, c->file);
	for (size_t i = 0; i < q->nquestions; i++)
		if (strcmp(q->questions[i].id, c->part) == 0) {
			add_question(t, &q->questions[i]);
			return &q->law;
		}
	cr_assert_fail("%s: quiz %s has no question %s", c->point, c->file,
		       c->part);
	return NULL;
}

static void
place_pack(struct text *t)
{
	for (size_t i = 0; i < pack->nmodules; i++)
		for (size_t j = 0; j < pack->modules[i].nsteps; j++)
			add_step(t, &pack->modules[i].steps[j]);
	for (size_t i = 0; i < pack->nquizzes; i++) {
		add(t, pack->quizzes[i].intro);
		for (size_t j = 0; j < pack->quizzes[i].nquestions; j++)
			add_question(t, &pack->quizzes[i].questions[j]);
	}
	for (size_t i = 0; i < pack->nscenarios; i++)
		add_scenario(t, &pack->scenarios[i], "*");
}

/* The text of c's place into t; its law (NULL for the whole pack). */
static const struct law_info *
place(struct text *t, const struct law_case *c)
{
	const struct scenario *s;

	switch (c->where) {
	case IN_STEP:
	case IN_TERM:
		return place_module(t, c);
	case IN_QUESTION:
		return place_question(t, c);
	case IN_SCENARIO:
		s = content_scenario(pack, c->file);
		cr_assert_not_null(s, "%s: no scenario %s", c->point, c->file);
		cr_assert(add_scenario(t, s, c->part), "%s: no key %s",
			  c->point, c->part);
		return &s->lawinfo;
	case IN_PACK:
		place_pack(t);
		return NULL;
	}
	return NULL;
}

/* ---- the cases -------------------------------------------------------- */

#define MOD07 "law-and-capacity"
#define QUIZ "sex-and-the-law"

static const struct law_case cases[] = {
    /* 1. Cyberflashing needs its intent. */
    {"1 s.66A names the intent",
     IN_SCENARIO,
     "online-dating",
     "points",
     {"s.66A", "intend", "alarm, distress or humiliation",
      "sexual gratification", "reckless", "consensual sexting"},
     {"sending someone images of genitals"}},
    {"1 s.66A in the A to Z",
     IN_TERM,
     "a-to-z",
     "Cyberflashing",
     {"s.66A", "alarm, distress or humiliation", "sexual gratification",
      "reckless"},
     {NULL}},
    {"1 s.66A is cited",
     IN_SCENARIO,
     "online-dating",
     "law",
     {"Sexual Offences Act 2003 s.66A", "Sexual Offences Act 2003 s.66B"},
     {NULL}},
    /* 2. Two settled exceptions: s.43 marriage, s.44 earlier relationship. */
    {"2 module 07 states s.43 and s.44",
     IN_STEP,
     MOD07,
     "protection for people with a mental disorder",
     {"s.43", "16 or over", "lawfully married or civil partners", "s.44",
      "immediately before the care began", "settled law",
      "Sexual Offences Act 2003 s.43"},
     {"may also have an exception", "possible", "take legal advice on that"}},
    {"2 the staff scenario states both exceptions",
     IN_SCENARIO,
     "staff-relationship",
     "points",
     {"s.43", "lawfully married or civil partners", "16 or over", "s.44",
      "immediately before the care began"},
     {"may have a separate exception", "possible", "before relying on it"}},
    {"2 the staff scenario cites s.43 plainly",
     IN_SCENARIO,
     "staff-relationship",
     "law",
     {"Sexual Offences Act 2003 s.43", "Sexual Offences Act 2003 s.44"},
     {"possible", "take legal advice"}},
    {"2 the care-worker question names both exceptions",
     IN_QUESTION,
     QUIZ,
     "care-worker-sex",
     {"s.38", "s.43", "married or civil partners", "16 or over", "s.44",
      "immediately before the care began"},
     {NULL}},
    {"2 s.44 is not applied to spouses",
     IN_QUESTION,
     QUIZ,
     "existing-relationship",
     {"s.44", "s.43"},
     {"partner or spouse becomes"}},
    {"2 nowhere is s.43 called possible",
     IN_PACK,
     NULL,
     NULL,
     {"s.43"},
     {"possible spouse", "may also have an exception of their own",
      "spouses and civil partners may"}},
    /* 3. The capacity test: function (s.3) first, then cause (s.2(1)). */
    {"3 the capacity test in JB's order",
     IN_STEP,
     MOD07,
     "the capacity test",
     {"first, can the person make this decision", "s.3",
      "then, only if they cannot", "because of an impairment", "s.2(1)",
      "A Local Authority v JB [2021] UKSC 52"},
     {"Is there an impairment of, or disturbance in, the functioning of the "
      "person's mind or brain?"}},
    {"3 the dementia question teaches the order",
     IN_QUESTION,
     QUIZ,
     "diagnosis-not-enough",
     {"JB", "first", "s.3", "only then", "s.2(1)"},
     {NULL}},
    /* 4. s.1(6) is a duty to consider, not "least restrictive". */
    {"4 s.1(6) as enacted",
     IN_STEP,
     MOD07,
     "capacity, step by step",
     {"before acting", "as effectively",
      "restricts their rights and "
      "freedom of action less",
      "s.1(6)", "best interests", "Mental Capacity Act 2005 s.1(6)"},
     {"choose the option that restricts"}},
    {"4 nowhere is s.1(6) a choice of the least restrictive",
     IN_PACK,
     NULL,
     NULL,
     {"s.1(6)"},
     {"choose the option that restricts", "choose the least restrictive"}},
    /* 5. Both halves of s.27. */
    {"5 Susanne's points say both halves of s.27",
     IN_SCENARIO,
     "susanne",
     "points",
     {"consent to sex on Susanne's behalf", "s.27", "best interests",
      "restrict sexual contact", "A Local Authority v H",
      "deprivation of liberty"},
     {"forbid it on their behalf"}},
    {"5 Susanne cites A Local Authority v H",
     IN_SCENARIO,
     "susanne",
     "law",
     {"A Local Authority v H [2012] EWHC 49 (COP)",
      "Mental Capacity Act 2005 s.27"},
     {NULL}},
    {"5 module 07 says both halves",
     IN_STEP,
     MOD07,
     "capacity for sex and relationships",
     {"on someone else's behalf", "(s.27)", "does not stop protection",
      "restrict sexual contact", "A Local Authority v H",
      "deprivation of liberty"},
     {NULL}},
    {"5 the quiz's tutor note says both halves",
     IN_QUESTION,
     QUIZ,
     "relative-consent",
     {"s.27", "restrict sexual contact",
      "A Local Authority v H [2012] EWHC 49 (COP)", "deprivation of liberty"},
     {NULL}},
    {"5 nobody says s.27 forbids protection",
     IN_PACK,
     NULL,
     NULL,
     {"s.27"},
     {"forbid it on their behalf", "nobody may restrict",
      "nobody can restrict"}},
    /* 6. R v C and the Court of Protection ask different questions. */
    {"6 module 07 explains R v C beside JB and IM v LM",
     IN_STEP,
     MOD07,
     "capacity for sex and relationships",
     {"R v C", "s.30", "this act, with this person, at that time", "IM v LM",
      "in general", "do not conflict", "R v C [2009] UKHL 42",
      "IM v LM [2014] EWCA Civ 37"},
     {NULL}},
    {"6 the R v C question explains the difference",
     IN_QUESTION,
     QUIZ,
     "irrational-fear",
     {"R v C", "criminal", "this act, with this person, at that time",
      "IM v LM [2014] EWCA Civ 37", "in general", "do not conflict"},
     {NULL}},
    {"6 the JB question points to R v C",
     IN_QUESTION,
     QUIZ,
     "partner-consent",
     {"Court of Protection", "R v C [2009] UKHL 42"},
     {NULL}},
    {"6 Fred and Joe keeps the two tests apart",
     IN_SCENARIO,
     "fred-and-joe",
     "notes",
     {"JB", "s.30", "R v C", "do not conflict"},
     {NULL}},
    /* 7. Robert: s.32, and s.66 in private too. */
    {"7 Robert's points name s.32 and s.66 in private",
     IN_SCENARIO,
     "robert",
     "points",
     {"s.32", "in his presence", "unable to refuse", "s.66",
      "shared house as well as in public"},
     {NULL}},
    {"7 Robert cites s.32 and s.66",
     IN_SCENARIO,
     "robert",
     "law",
     {"Sexual Offences Act 2003 s.32", "Sexual Offences Act 2003 s.66"},
     {NULL}},
    {"7 the exposure question says private places count",
     IN_QUESTION,
     QUIZ,
     "exposure",
     {"s.66", "private place", "as well as in public"},
     {NULL}},
    {"7 module 07 teaches s.32",
     IN_STEP,
     MOD07,
     "protection for people with a mental disorder",
     {"in their presence", "s.32", "Sexual Offences Act 2003 s.32"},
     {NULL}},
    /* 8. Positions of trust, taught precisely. */
    {"8 module 07 teaches positions of trust",
     IN_STEP,
     MOD07,
     "positions of trust",
     {"16 or 17", "whatever the young person", "under-18s only", "turns 18",
      "transition service", "Shared Lives", "Sexual Offences Act 2003 ss.16-24",
      "s.22A (Police, Crime, Sentencing and Courts Act 2022)"},
     {NULL}},
    {"8 module 07 names s.22A's coaches and leaders",
     IN_STEP,
     MOD07,
     "positions of trust",
     {"28 June 2022", "sports coaches and religious leaders"},
     {NULL}},
    {"8 the A to Z defines a position of trust",
     IN_TERM,
     "a-to-z",
     "Position of trust",
     {"16- or 17-year-old", "ss.16-24", "s.22A", "Shared Lives"},
     {NULL}},
    /* 9. Marriage and civil partnership: protected at work only. */
    {"9 module 07 says at work",
     IN_STEP,
     MOD07,
     "the law starts from rights",
     {"marriage and civil partnership", "only at work", "s.28(1)(b)",
      "Equality Act 2010 s.28(1)(b)"},
     {"and marriage and civil partnership are among the nine"}},
    {"9 the quiz says at work",
     IN_QUESTION,
     QUIZ,
     "protected-characteristic",
     {"only at work", "s.28(1)(b)"},
     {NULL}},
    /* 10. The age of consent from the law in force. */
    {"10 the age question cites the 2003 Act",
     IN_QUESTION,
     QUIZ,
     "age-of-consent",
     {"Sexual Offences Act 2003 ss.9-15", "ss.5-8"},
     {"Amendment"}},
    {"10 the gay men question cites today's law",
     IN_QUESTION,
     QUIZ,
     "gay-men-age",
     {"Sexual Offences Act 2003 ss.9-15", "8 January 2001"},
     {NULL}},
    {"10 the A to Z cites the 2003 Act",
     IN_TERM,
     "a-to-z",
     "Age of consent",
     {"Sexual Offences Act 2003 ss.9-15", "ss.5-8"},
     {"Amendment"}},
    {"10 module 07 cites the 2003 Act",
     IN_STEP,
     MOD07,
     "consent and the main offences",
     {"Sexual Offences Act 2003 ss.9-15", "Sexual Offences Act 2003 ss.5-8"},
     {"Amendment"}},
    /* 11. Intimate images: the 2025-26 Acts by name, no section numbers. */
    {"11 Aisha's scenario names the new Acts",
     IN_SCENARIO,
     "online-dating",
     "*",
     {"Data (Use and Access) Act 2025", "Crime and Policing Act 2026",
      "deepfake", "taking or recording an intimate image", "take legal advice"},
     {NULL}},
    {"11 the A to Z names the deepfake Act",
     IN_TERM,
     "a-to-z",
     "Deepfake",
     {"Data (Use and Access) Act 2025", "take legal advice"},
     {NULL}},
    {"11 the A to Z names the taking Act",
     IN_TERM,
     "a-to-z",
     "Intimate image abuse",
     {"s.66B", "Crime and Policing Act 2026", "take legal advice"},
     {NULL}},
    {"11 no section is invented for the new Acts",
     IN_PACK,
     NULL,
     NULL,
     {"Data (Use and Access) Act 2025", "Crime and Policing Act 2026"},
     {"Act 2025 s.", "Act 2026 s.", "Act 2025, s.", "Act 2026, s."}},
    /* 12. Extreme pornography: three conditions; strangulation unconfirmed. */
    {"12 the quiz gives the three conditions",
     IN_QUESTION,
     QUIZ,
     "extreme-porn",
     {"all three conditions", "pornographic",
      "grossly offensive, disgusting or otherwise obscene",
      "explicitly and realistically",
      "Criminal Justice and Immigration "
      "Act 2008 s.63"},
     {NULL}},
    {"12 strangulation is worded as reported, with advice",
     IN_QUESTION,
     QUIZ,
     "extreme-porn",
     {"Crime and Policing Act 2026 is reported", "strangulation",
      "take legal advice"},
     {NULL}},
    {"12 Robert's extreme images and the 2026 report",
     IN_SCENARIO,
     "robert",
     "*",
     {"grossly offensive, disgusting or otherwise obscene",
      "explicitly and realistically", "reported", "strangulation",
      "legal advice"},
     {NULL}},
    /* Tone. */
    {"tone: a ground rule for the A to Z word game",
     IN_STEP,
     "a-to-z",
     "why words matter",
     {"ground rule", "slang", "offensive", "never aimed at anyone"},
     {NULL}},
    {"tone: For Women Scotland, without taking sides",
     IN_STEP,
     "values",
     "your views and opinions",
     {"For Women Scotland v The Scottish Ministers [2025] UKSC 16",
      "what \"sex\" means in the Equality Act 2010", "single-sex services",
      "organisation's policy", "legal advice", "respect and dignity",
      "never a debate about a person"},
     {"biological", "must exclude", "must admit"}},
};

/* The cases go to each test by index: a test runs in a process of its
 * own, where pointers in a parameter would not be valid. */
ParameterizedTestParameters(law, states_the_law_as_corrected)
{
	static size_t index[sizeof cases / sizeof cases[0]];

	for (size_t i = 0; i < sizeof index / sizeof index[0]; i++)
		index[i] = i;
	return cr_make_param_array(size_t, index,
				   sizeof index / sizeof index[0]);
}

ParameterizedTest(size_t *k, law, states_the_law_as_corrected)
{
	const struct law_case *c = &cases[*k];
	struct text t = {0};
	const struct law_info *law = place(&t, c);

	for (size_t i = 0; i < 8 && c->need[i] != NULL; i++)
		cr_expect(text_find(t.s, c->need[i]) != NULL,
			  "%s: \"%s\" is missing from\n%s", c->point,
			  c->need[i], t.s);
	for (size_t i = 0; i < 4 && c->never[i] != NULL; i++)
		cr_expect(text_find(t.s, c->never[i]) == NULL,
			  "%s: the old wording \"%s\" is back", c->point,
			  c->never[i]);
	if (law != NULL) {
		cr_expect(law->jurisdiction != NULL &&
			      strcmp(law->jurisdiction, "England and Wales") ==
				  0,
			  "%s: %s is not marked England and Wales", c->point,
			  c->file);
		cr_expect(law->reviewed != NULL &&
			      strcmp(law->reviewed, CORRECTED) >= 0,
			  "%s: %s was not reviewed against the corrected "
			  "fact sheet",
			  c->point, c->file);
	}
	free(t.s);
}

/* The strings of a module's step whose title contains title, in order. */
static const struct strlist *
points_of(const char *module, const char *title)
{
	const struct module *m = content_module(pack, module);

	cr_assert_not_null(m);
	for (size_t i = 0; i < m->nsteps; i++)
		if (m->steps[i].kind == STEP_TEXT &&
		    text_find(m->steps[i].title, title) != NULL)
			return &m->steps[i].u.text.points;
	cr_assert_fail("no step \"%s\" in %s", title, module);
	return NULL;
}

/* The first point mentioning s, or l->n when none does. */
static size_t
first_point(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (text_find(l->v[i], s) != NULL)
			return i;
	return l->n;
}

Test(law, the_capacity_test_asks_what_before_why)
{
	static const char *const abilities[] = {
	    "understand",
	    "retain",
	    "use or weigh",
	    "communicate",
	};
	const struct strlist *p = points_of(MOD07, "the capacity test");
	size_t cause = first_point(p, "impairment");

	cr_assert_lt(cause, p->n, "no point asks about an impairment");
	cr_expect(text_find(p->v[cause], "s.2(1)") != NULL,
		  "the cause is not cited to s.2(1): %s", p->v[cause]);
	for (size_t i = 0; i < 4; i++) {
		size_t at = first_point(p, abilities[i]);

		cr_expect_lt(at, cause,
			     "\"%s\" (s.3) comes after the question of an "
			     "impairment (s.2(1))",
			     abilities[i]);
	}
}

Test(law, every_file_stating_law_was_reviewed_against_the_corrected_sheet)
{
	const struct law_info *law;

	for (size_t i = 0; i < pack->nmodules; i++) {
		law = &pack->modules[i].law;
		if (law->reviewed != NULL)
			cr_expect_geq(strcmp(law->reviewed, CORRECTED), 0,
				      "module %s reviewed %s",
				      pack->modules[i].id, law->reviewed);
	}
	for (size_t i = 0; i < pack->nquizzes; i++)
		cr_expect_geq(strcmp(pack->quizzes[i].law.reviewed, CORRECTED),
			      0, "quiz %s", pack->quizzes[i].id);
	for (size_t i = 0; i < pack->nscenarios; i++) {
		law = &pack->scenarios[i].lawinfo;
		cr_expect(law->reviewed != NULL &&
			      strcmp(law->reviewed, CORRECTED) >= 0,
			  "scenario %s", pack->scenarios[i].id);
	}
}
