/*
 * schema.c: the content schema, checked while the model is built.
 *
 * Each mapping is checked against a table of the keys it may have; each
 * value is taken with a typed getter that reports the key, the type expected
 * and what was found.  Getters return NULL (or false) after reporting, and
 * building goes on so that one run reports every problem in a file.
 */
#include "schema.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema_get.h"
#include "util.h"

/* ---- steps ---------------------------------------------------------- */

static const char *const step_kinds[] = {
    "text",	"sort",	  "views",	"quiz",	 "scenario",
    "glossary", "rating", "reflection", "break", NULL,
};

const char *
content_step_kind_name(enum step_kind k)
{
	return step_kinds[k];
}

static void
build_text(const struct walk *w, const struct node *n, struct step *s)
{
	static const struct field f[] = {
	    {"kind", true},    {"title", true}, {"body", false},
	    {"points", false}, {"cite", false}, {"notes", false},
	};

	schema_check_keys(w, n, "text step", f, UTIL_NELEM(f));
	s->u.text.body = schema_take_text(w, n, "body");
	schema_take_list(w, n, "points", &s->u.text.points);
	schema_take_list(w, n, "cite", &s->u.text.cite);
	if (node_get(n, "body") == NULL && node_get(n, "points") == NULL)
		schema_err(w, n,
			   "text step needs \"body\", \"points\" or both");
}

static void
build_sort(const struct walk *w, const struct node *n, struct step *s)
{
	static const struct field f[] = {
	    {"kind", true},	  {"title", true}, {"prompt", false},
	    {"categories", true}, {"items", true}, {"notes", false},
	};
	static const struct field cf[] = {{"id", true}, {"label", true}};
	static const struct field itf[] = {
	    {"text", true}, {"category", true}, {"reason", true}};
	const struct node *cats, *items, *m;
	size_t i, j;
	char *cat;

	schema_check_keys(w, n, "sort step", f, UTIL_NELEM(f));
	s->u.sort.prompt = schema_take_text(w, n, "prompt");
	if ((cats = schema_take_seq(w, n, "categories")) != NULL) {
		if (cats->n < 2)
			schema_err(w, cats,
				   "key \"categories\": a sort needs at "
				   "least 2 categories");
		s->u.sort.categories =
		    xcalloc(cats->n, sizeof(struct sort_category));
		for (i = 0; i < cats->n; i++) {
			struct sort_category *c;

			if ((m = schema_item_map(w, cats, i, "categories")) ==
			    NULL)
				continue;
			schema_check_keys(w, m, "sort category", cf,
					  UTIL_NELEM(cf));
			c = &s->u.sort.categories[s->u.sort.ncategories++];
			c->id = schema_take_id(w, m, "id");
			c->label = schema_take_text(w, m, "label");
			for (j = 0;
			     c->id != NULL && j + 1 < s->u.sort.ncategories;
			     j++)
				if (s->u.sort.categories[j].id != NULL &&
				    strcmp(s->u.sort.categories[j].id, c->id) ==
					0)
					schema_err(
					    w, m,
					    "duplicate category id \"%s\"",
					    c->id);
		}
	}
	if ((items = schema_take_seq(w, n, "items")) == NULL)
		return;
	s->u.sort.items = xcalloc(items->n, sizeof(struct sort_item));
	for (i = 0; i < items->n; i++) {
		struct sort_item *it;

		if ((m = schema_item_map(w, items, i, "items")) == NULL)
			continue;
		schema_check_keys(w, m, "sort item", itf, UTIL_NELEM(itf));
		it = &s->u.sort.items[s->u.sort.nitems++];
		it->text = schema_take_text(w, m, "text");
		it->reason = schema_take_text(w, m, "reason");
		it->category = SIZE_MAX;
		if ((cat = schema_take_text(w, m, "category")) == NULL)
			continue;
		for (j = 0; j < s->u.sort.ncategories; j++)
			if (s->u.sort.categories[j].id != NULL &&
			    strcmp(s->u.sort.categories[j].id, cat) == 0)
				it->category = j;
		if (it->category == SIZE_MAX)
			schema_err(
			    w, node_get(m, "category"),
			    "key \"category\": \"%s\" is not one of this "
			    "sort's categories",
			    cat);
		free(cat);
	}
}

static void
build_views(const struct walk *w, const struct node *n, struct step *s)
{
	static const struct field f[] = {
	    {"kind", true},   {"title", true},	    {"prompt", false},
	    {"record", true}, {"statements", true}, {"notes", false},
	};
	static const struct field sf[] = {{"text", true}, {"prompts", false}};
	static const char *const never[] = {"never", NULL};
	const struct node *st, *m;
	size_t i;

	schema_check_keys(w, n, "views step", f, UTIL_NELEM(f));
	s->u.views.prompt = schema_take_text(w, n, "prompt");
	s->u.views.never_recorded =
	    schema_take_word(w, n, "record", never) == 0;
	if ((st = schema_take_seq(w, n, "statements")) == NULL)
		return;
	s->u.views.statements = xcalloc(st->n, sizeof(struct view_statement));
	for (i = 0; i < st->n; i++) {
		struct view_statement *v;

		if ((m = schema_item_map(w, st, i, "statements")) == NULL)
			continue;
		schema_check_keys(w, m, "views statement", sf, UTIL_NELEM(sf));
		v = &s->u.views.statements[s->u.views.nstatements++];
		v->text = schema_take_text(w, m, "text");
		schema_take_list(w, m, "prompts", &v->prompts);
	}
}

static void
build_ref(const struct walk *w, const struct node *n, struct step *s,
	  const char *key)
{
	const struct field f[] = {
	    {"kind", true}, {key, true}, {"notes", false}};
	char what[32];

	snprintf(what, sizeof what, "%s step", key);
	schema_check_keys(w, n, what, f, UTIL_NELEM(f));
	if (s->kind == STEP_QUIZ)
		s->u.quiz.ref = schema_take_id(w, n, key);
	else
		s->u.scenario.ref = schema_take_id(w, n, key);
}

static void
build_glossary(const struct walk *w, const struct node *n, struct step *s)
{
	static const struct field f[] = {
	    {"kind", true},  {"title", true},  {"intro", false},
	    {"terms", true}, {"notes", false},
	};
	static const struct field tf[] = {
	    {"term", true}, {"definition", true}, {"note", false}};
	const struct node *terms, *m;
	size_t i;

	schema_check_keys(w, n, "glossary step", f, UTIL_NELEM(f));
	s->u.glossary.intro = schema_take_text(w, n, "intro");
	if ((terms = schema_take_seq(w, n, "terms")) == NULL)
		return;
	s->u.glossary.terms = xcalloc(terms->n, sizeof(struct glossary_term));
	for (i = 0; i < terms->n; i++) {
		struct glossary_term *t;

		if ((m = schema_item_map(w, terms, i, "terms")) == NULL)
			continue;
		schema_check_keys(w, m, "glossary term", tf, UTIL_NELEM(tf));
		t = &s->u.glossary.terms[s->u.glossary.nterms++];
		t->term = schema_take_text(w, m, "term");
		t->definition = schema_take_text(w, m, "definition");
		t->note = schema_take_text(w, m, "note");
	}
}

static void
build_rating(const struct walk *w, const struct node *n, struct step *s)
{
	static const struct field f[] = {
	    {"kind", true},   {"title", true}, {"prompt", false},
	    {"set", true},    {"when", true},  {"scale", true},
	    {"low", true},    {"high", true},  {"questions", true},
	    {"notes", false},
	};
	static const char *const when[] = {"before", "after", NULL};

	schema_check_keys(w, n, "rating step", f, UTIL_NELEM(f));
	s->u.rating.prompt = schema_take_text(w, n, "prompt");
	s->u.rating.set = schema_take_id(w, n, "set");
	s->u.rating.after = schema_take_word(w, n, "when", when) == 1;
	if (!schema_take_uint(w, n, "scale", 2, 10, &s->u.rating.scale))
		s->u.rating.scale = 5;
	s->u.rating.low = schema_take_text(w, n, "low");
	s->u.rating.high = schema_take_text(w, n, "high");
	schema_take_list(w, n, "questions", &s->u.rating.questions);
}

static void
build_reflection(const struct walk *w, const struct node *n, struct step *s)
{
	static const struct field f[] = {{"kind", true},
					 {"title", true},
					 {"prompts", true},
					 {"notes", false}};

	schema_check_keys(w, n, "reflection step", f, UTIL_NELEM(f));
	schema_take_list(w, n, "prompts", &s->u.reflection.prompts);
}

static void
build_break(const struct walk *w, const struct node *n, struct step *s)
{
	static const struct field f[] = {{"kind", true},
					 {"title", true},
					 {"minutes", true},
					 {"notes", false}};

	schema_check_keys(w, n, "break step", f, UTIL_NELEM(f));
	schema_take_uint(w, n, "minutes", 1, 600, &s->u.brk.minutes);
}

/* The keys that give a step or a quiz another wording per audience. */
static const char *const audience_keys[CONTENT_AUDIENCES] = {"self_study",
							     "classroom"};

/* A mapping with n's entries, leaving out the audience keys and, when alt
 * is given, with alt's entries in place of n's of the same key.  Only the
 * arrays are the caller's; the nodes stay n's and alt's. */
static struct node
merged(const struct node *n, const struct node *alt)
{
	struct node m = *n;
	size_t cap = n->n + (alt != NULL ? alt->n : 0);

	m.keys = xcalloc(cap != 0 ? cap : 1, sizeof *m.keys);
	m.items = xcalloc(cap != 0 ? cap : 1, sizeof *m.items);
	m.n = 0;
	for (size_t i = 0; i < n->n; i++) {
		const char *k = n->keys[i]->text;

		if (strcmp(k, audience_keys[0]) == 0 ||
		    strcmp(k, audience_keys[1]) == 0 ||
		    (alt != NULL && node_get(alt, k) != NULL))
			continue;
		m.keys[m.n] = n->keys[i];
		m.items[m.n++] = n->items[i];
	}
	for (size_t i = 0; alt != NULL && i < alt->n; i++) {
		m.keys[m.n] = alt->keys[i];
		m.items[m.n++] = alt->items[i];
	}
	return m;
}

static void build_one_step(const struct walk *w, const struct node *n,
			   struct step *s);

/*
 * The alternatives of step s (built from n): each "self_study:" or
 * "classroom:" mapping replaces some of the step's keys, and the result is
 * built and checked as a whole step of the same kind.
 */
static void
build_alternatives(const struct walk *w, const struct node *n, struct step *s)
{
	static const char *const fixed[] = {"kind", "quiz", "scenario",
					    "self_study", "classroom"};

	for (int a = 0; a < CONTENT_AUDIENCES; a++) {
		const struct node *alt = node_get(n, audience_keys[a]);
		struct node m;
		bool ok = true;

		if (alt == NULL)
			continue;
		if (s->kind == STEP_QUIZ || s->kind == STEP_SCENARIO) {
			schema_err(w, alt,
				   "a %s step cannot have \"%s\": its words "
				   "are in its %s file (a quiz can give its "
				   "\"intro\" under \"%s\")",
				   s->kind == STEP_QUIZ ? "quiz" : "scenario",
				   audience_keys[a],
				   s->kind == STEP_QUIZ ? "quiz" : "scenario",
				   audience_keys[a]);
			continue;
		}
		if (alt->kind != NODE_MAPPING || alt->n == 0) {
			schema_err(w, alt,
				   "key \"%s\": expected a mapping of the "
				   "step's keys worded for %s, found %s",
				   audience_keys[a],
				   a == CONTENT_SELF_STUDY ? "a learner alone"
							   : "a room",
				   alt->kind == NODE_MAPPING
				       ? "an empty mapping"
				       : node_kind_name(alt));
			continue;
		}
		for (size_t i = 0; i < alt->n; i++)
			for (size_t k = 0; k < UTIL_NELEM(fixed); k++)
				if (strcmp(alt->keys[i]->text, fixed[k]) == 0) {
					schema_err(w, alt->keys[i],
						   "key \"%s\" cannot be "
						   "changed in \"%s\"",
						   fixed[k], audience_keys[a]);
					ok = false;
				}
		if (!ok)
			continue;
		m = merged(n, alt);
		s->alt[a] = xcalloc(1, sizeof *s->alt[a]);
		build_one_step(w, &m, s->alt[a]);
		free(m.keys);
		free(m.items);
	}
}

static void
build_step(const struct walk *w, const struct node *n, struct step *s)
{
	struct node m = merged(n, NULL);

	build_one_step(w, &m, s);
	free(m.keys);
	free(m.items);
	if (n->kind == NODE_MAPPING)
		build_alternatives(w, n, s);
}

static void
build_one_step(const struct walk *w, const struct node *n, struct step *s)
{
	int k;

	s->pos = schema_pos(w, n);
	if (node_get(n, "kind") == NULL) {
		schema_err(w, n, "missing required key \"kind\" in step");
		k = STEP_TEXT;
	} else if ((k = schema_take_word(w, n, "kind", step_kinds)) < 0) {
		return;
	}
	s->kind = (enum step_kind)k;
	if (s->kind != STEP_QUIZ && s->kind != STEP_SCENARIO)
		s->title = schema_take_text(w, n, "title");
	s->notes = schema_take_text(w, n, "notes");
	switch (s->kind) {
	case STEP_TEXT:
		build_text(w, n, s);
		break;
	case STEP_SORT:
		build_sort(w, n, s);
		break;
	case STEP_VIEWS:
		build_views(w, n, s);
		break;
	case STEP_QUIZ:
		build_ref(w, n, s, "quiz");
		break;
	case STEP_SCENARIO:
		build_ref(w, n, s, "scenario");
		break;
	case STEP_GLOSSARY:
		build_glossary(w, n, s);
		break;
	case STEP_RATING:
		build_rating(w, n, s);
		break;
	case STEP_REFLECTION:
		build_reflection(w, n, s);
		break;
	case STEP_BREAK:
		build_break(w, n, s);
		break;
	}
}

/* ---- files ---------------------------------------------------------- */

/* refresh: "12 months", "3 years": how long a completion stays current. */
static void
take_refresh(const struct walk *w, const struct node *map,
	     struct when_period *out)
{
	const struct node *n = node_get(map, "refresh");
	char *text = schema_take_text(w, map, "refresh"), *shown;

	if (text == NULL)
		return;
	if (when_parse_period(text, out) < 0) {
		shown = util_escape_text(text, false);
		schema_err(w, n,
			   "key \"refresh\": expected a period such as \"12 "
			   "months\" or \"3 years\" (a whole number from 1 to "
			   "1200, then days, weeks, months or years), found "
			   "\"%s\"",
			   shown);
		free(shown);
		out->count = 0;
	}
	free(text);
}

static void
build_module(const struct walk *w, const struct node *n, struct module *m)
{
	static const struct field f[] = {
	    {"id", true},	 {"kind", true},     {"title", true},
	    {"summary", false},	 {"minutes", false}, {"jurisdiction", false},
	    {"reviewed", false}, {"refresh", false}, {"steps", true},
	};
	const struct node *steps, *sn;
	bool cites = false;
	size_t i;

	schema_check_keys(w, n, "module", f, UTIL_NELEM(f));
	m->pos = schema_pos(w, n);
	m->id = schema_take_id(w, n, "id");
	m->title = schema_take_text(w, n, "title");
	m->summary = schema_take_text(w, n, "summary");
	schema_take_uint(w, n, "minutes", 1, 600, &m->minutes);
	take_refresh(w, n, &m->refresh);
	if ((steps = schema_take_seq(w, n, "steps")) != NULL) {
		m->steps = xcalloc(steps->n, sizeof *m->steps);
		for (i = 0; i < steps->n; i++) {
			if ((sn = schema_item_map(w, steps, i, "steps")) ==
			    NULL)
				continue;
			build_step(w, sn, &m->steps[m->nsteps]);
			if (m->steps[m->nsteps].kind == STEP_TEXT &&
			    m->steps[m->nsteps].u.text.cite.n > 0)
				cites = true;
			m->nsteps++;
		}
	}
	schema_take_law(w, n, &m->law, cites, "module");
}

static void
build_question(const struct walk *w, const struct node *n, struct question *q)
{
	static const struct field f[] = {
	    {"id", true},	{"kind", true},	  {"text", true},
	    {"choices", false}, {"answer", true}, {"explanation", true},
	    {"cite", true},	{"notes", false}, {"jurisdiction", false},
	};
	static const char *const kinds[] = {"true-false", "choice", NULL};
	static const char *const tf[] = {"true", "false", NULL};
	unsigned answer;
	int k;

	schema_check_keys(w, n, "question", f, UTIL_NELEM(f));
	q->pos = schema_pos(w, n);
	q->id = schema_take_id(w, n, "id");
	q->text = schema_take_text(w, n, "text");
	q->explanation = schema_take_text(w, n, "explanation");
	q->cite = schema_take_text(w, n, "cite");
	q->notes = schema_take_text(w, n, "notes");
	q->jurisdiction = schema_take_text(w, n, "jurisdiction");
	k = schema_take_word(w, n, "kind", kinds);
	if (k == 0) {
		q->kind = QUESTION_TRUE_FALSE;
		if (node_get(n, "choices") != NULL)
			schema_err(
			    w, node_get(n, "choices"),
			    "key \"choices\": a true-false question has no "
			    "choices");
		q->choices.v = xcalloc(2, sizeof(char *));
		q->choices.v[0] = xstrdup("True");
		q->choices.v[1] = xstrdup("False");
		q->choices.n = 2;
		k = schema_take_word(w, n, "answer", tf);
		q->answer = k == 1 ? 1 : 0;
	} else if (k == 1) {
		q->kind = QUESTION_CHOICE;
		if (node_get(n, "choices") == NULL)
			schema_err(w, n,
				   "missing required key \"choices\" in a "
				   "choice question");
		schema_take_list(w, n, "choices", &q->choices);
		if (node_get(n, "choices") != NULL && q->choices.n < 2)
			schema_err(
			    w, node_get(n, "choices"),
			    "key \"choices\": a choice question needs at least "
			    "2 choices");
		if (q->choices.n >= 2 &&
		    schema_take_uint(w, n, "answer", 1, (unsigned)q->choices.n,
				     &answer))
			q->answer = answer - 1;
	}
}

static void
build_quiz(const struct walk *w, const struct node *n, struct quiz *q)
{
	static const struct field f[] = {
	    {"id", true},	  {"kind", true},      {"title", true},
	    {"intro", false},	  {"pass_mark", true}, {"jurisdiction", true},
	    {"reviewed", true},	  {"questions", true}, {"self_study", false},
	    {"classroom", false},
	};
	static const struct field af[] = {{"intro", true}};
	const struct node *qs, *qn;
	size_t i, j;

	schema_check_keys(w, n, "quiz", f, UTIL_NELEM(f));
	q->pos = schema_pos(w, n);
	q->id = schema_take_id(w, n, "id");
	q->title = schema_take_text(w, n, "title");
	q->intro = schema_take_text(w, n, "intro");
	for (int a = 0; a < CONTENT_AUDIENCES; a++) {
		const struct node *alt = node_get(n, audience_keys[a]);

		if (alt == NULL)
			continue;
		if (alt->kind != NODE_MAPPING) {
			schema_err(w, alt,
				   "key \"%s\": expected a mapping with the "
				   "quiz's \"intro\" for %s, found %s",
				   audience_keys[a],
				   a == CONTENT_SELF_STUDY ? "a learner alone"
							   : "a room",
				   node_kind_name(alt));
			continue;
		}
		schema_check_keys(w, alt, audience_keys[a], af, UTIL_NELEM(af));
		q->intro_alt[a] = schema_take_text(w, alt, "intro");
	}
	if (!schema_take_uint(w, n, "pass_mark", 1, 100, &q->pass_mark))
		q->pass_mark = 100;
	schema_take_law(w, n, &q->law, false, "quiz");
	if ((qs = schema_take_seq(w, n, "questions")) == NULL)
		return;
	q->questions = xcalloc(qs->n, sizeof *q->questions);
	for (i = 0; i < qs->n; i++) {
		struct question *qq;

		if ((qn = schema_item_map(w, qs, i, "questions")) == NULL)
			continue;
		qq = &q->questions[q->nquestions++];
		build_question(w, qn, qq);
		if (qq->jurisdiction == NULL && q->law.jurisdiction != NULL)
			qq->jurisdiction = xstrdup(q->law.jurisdiction);
		for (j = 0; qq->id != NULL && j + 1 < q->nquestions; j++)
			if (q->questions[j].id != NULL &&
			    strcmp(q->questions[j].id, qq->id) == 0)
				schema_err(
				    w, qn,
				    "duplicate question id \"%s\" (first at "
				    "line %u)",
				    qq->id, q->questions[j].pos.line);
	}
}

static void
build_scenario(const struct walk *w, const struct node *n, struct scenario *s)
{
	static const struct field f[] = {
	    {"id", true},	 {"kind", true},
	    {"title", true},	 {"jurisdiction", false},
	    {"reviewed", false}, {"story", true},
	    {"questions", true}, {"ask", true},
	    {"check", true},	 {"do", true},
	    {"points", true},	 {"law", false},
	    {"notes", false},
	};

	schema_check_keys(w, n, "scenario", f, UTIL_NELEM(f));
	s->pos = schema_pos(w, n);
	s->id = schema_take_id(w, n, "id");
	s->title = schema_take_text(w, n, "title");
	s->story = schema_take_text(w, n, "story");
	s->notes = schema_take_text(w, n, "notes");
	schema_take_list(w, n, "questions", &s->questions);
	schema_take_list(w, n, "ask", &s->ask);
	schema_take_list(w, n, "check", &s->check);
	schema_take_list(w, n, "do", &s->act);
	schema_take_list(w, n, "points", &s->points);
	schema_take_list(w, n, "law", &s->law);
	schema_take_law(w, n, &s->lawinfo, s->law.n > 0, "scenario");
}

/* "HH:MM" as minutes after midnight, or -1. */
static int
parse_clock(const char *s)
{
	if (strlen(s) != 5 || s[2] != ':' || s[0] < '0' || s[0] > '2' ||
	    s[1] < '0' || s[1] > '9' || s[3] < '0' || s[3] > '5' ||
	    s[4] < '0' || s[4] > '9')
		return -1;
	if ((s[0] - '0') * 10 + (s[1] - '0') > 23)
		return -1;
	return ((s[0] - '0') * 10 + (s[1] - '0')) * 60 + (s[3] - '0') * 10 +
	       (s[4] - '0');
}

static void
build_programme_item(const struct walk *w, const struct node *m,
		     struct programme_item *it)
{
	static const struct field f[] = {
	    {"module", false}, {"break", false}, {"minutes", true}};

	schema_check_keys(w, m, "programme item", f, UTIL_NELEM(f));
	it->pos = schema_pos(w, m);
	if ((node_get(m, "module") == NULL) == (node_get(m, "break") == NULL)) {
		schema_err(w, m,
			   "a programme item has either \"module\" or "
			   "\"break\"");
		return;
	}
	if (node_get(m, "module") != NULL) {
		it->kind = PROGRAMME_MODULE;
		it->ref = schema_take_id(w, m, "module");
	} else {
		it->kind = PROGRAMME_BREAK;
		it->title = schema_take_text(w, m, "break");
	}
	schema_take_uint(w, m, "minutes", 1, 600, &it->minutes);
}

static void
build_programme(const struct walk *w, const struct node *n, struct programme *p)
{
	static const struct field f[] = {
	    {"id", true},    {"kind", true},  {"title", true},
	    {"start", true}, {"items", true},
	};
	const struct node *items, *m;
	char *start;
	int clock;
	size_t i;

	schema_check_keys(w, n, "programme", f, UTIL_NELEM(f));
	p->id = schema_take_id(w, n, "id");
	p->title = schema_take_text(w, n, "title");
	if ((start = schema_take_text(w, n, "start")) != NULL) {
		if ((clock = parse_clock(start)) < 0)
			schema_err(
			    w, node_get(n, "start"),
			    "key \"start\": expected a time HH:MM, found "
			    "\"%s\"",
			    start);
		else
			p->start = (unsigned)clock;
		free(start);
	}
	if ((items = schema_take_seq(w, n, "items")) == NULL)
		return;
	p->items = xcalloc(items->n, sizeof *p->items);
	for (i = 0; i < items->n; i++)
		if ((m = schema_item_map(w, items, i, "items")) != NULL)
			build_programme_item(w, m, &p->items[p->nitems++]);
}

#define APPEND(arr, n)                                                         \
	(arr = xreallocarray(arr, n + 1, sizeof *arr),                         \
	 memset(&arr[n], 0, sizeof *arr), &arr[n++])

void
schema_build(struct content *c, struct content_file *f, const struct node *root,
	     struct diags *d)
{
	static const char *const kinds[] = {"programme", "module", "quiz",
					    "scenario", NULL};
	struct walk w = {f->path, d};
	int k;

	if (root->kind != NODE_MAPPING) {
		schema_err(&w, root,
			   "expected a mapping at the top of the file, "
			   "found %s",
			   node_kind_name(root));
		return;
	}
	if (node_get(root, "kind") == NULL) {
		schema_err(&w, root,
			   "missing required key \"kind\" (one of "
			   "programme, module, quiz, scenario)");
		return;
	}
	switch (k = schema_take_word(&w, root, "kind", kinds)) {
	case 0:
		if (c->programme != NULL) {
			schema_err(&w, root,
				   "a second programme (the pack has one, "
				   "in %s)",
				   c->programme->file->path);
			return;
		}
		c->programme = xcalloc(1, sizeof *c->programme);
		c->programme->file = f;
		build_programme(&w, root, c->programme);
		break;
	case 1: {
		struct module *m = APPEND(c->modules, c->nmodules);

		m->file = f;
		build_module(&w, root, m);
		break;
	}
	case 2: {
		struct quiz *q = APPEND(c->quizzes, c->nquizzes);

		q->file = f;
		build_quiz(&w, root, q);
		break;
	}
	case 3: {
		struct scenario *s = APPEND(c->scenarios, c->nscenarios);

		s->file = f;
		build_scenario(&w, root, s);
		break;
	}
	default:
		break;
	}
}
