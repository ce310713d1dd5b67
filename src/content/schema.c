/*
 * schema.c: the content schema, checked while the model is built.
 *
 * Each mapping is checked against a table of the keys it may have; each
 * value is taken with a typed getter that reports the key, the type expected
 * and what was found.  Getters return NULL (or false) after reporting, and
 * building goes on so that one run reports every problem in a file.
 */
#include "schema.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "when.h"

struct walk {
	const char *file;
	struct diags *d;
};

struct field {
	const char *key;
	bool required;
};

static void werr(const struct walk *w, const struct node *at, const char *fmt,
		 ...) __attribute__((format(printf, 3, 4)));

static void
werr(const struct walk *w, const struct node *at, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diags_add(w->d, w->file, at->line, at->col, "%s", msg);
	free(msg);
}

static struct srcpos
pos_of(const struct walk *w, const struct node *n)
{
	struct srcpos p = {w->file, n->line, n->col};

	return p;
}

static char *
expected_keys(const struct field *fields, size_t nfields)
{
	struct strbuf b;
	size_t j;

	strbuf_init(&b);
	for (j = 0; j < nfields; j++) {
		if (j > 0)
			strbuf_adds(&b, ", ");
		strbuf_adds(&b, fields[j].key);
	}
	return strbuf_detach(&b);
}

/* Report unknown keys and missing required ones in map, which is a "what". */
static void
check_keys(const struct walk *w, const struct node *map, const char *what,
	   const struct field *fields, size_t nfields)
{
	char *expected;
	size_t i, j;

	for (i = 0; i < map->n; i++) {
		for (j = 0; j < nfields; j++)
			if (strcmp(map->keys[i]->text, fields[j].key) == 0)
				break;
		if (j < nfields)
			continue;
		expected = expected_keys(fields, nfields);
		werr(w, map->keys[i],
		     "unknown key \"%s\" in %s (expected one of: %s)",
		     map->keys[i]->text, what, expected);
		free(expected);
	}
	for (j = 0; j < nfields; j++)
		if (fields[j].required && node_get(map, fields[j].key) == NULL)
			werr(w, map, "missing required key \"%s\" in %s",
			     fields[j].key, what);
}

static bool
is_null(const struct node *n)
{
	return n->kind == NODE_SCALAR && n->plain &&
	       (n->len == 0 || strcmp(n->text, "~") == 0 ||
		strcmp(n->text, "null") == 0);
}

/*
 * Check and copy the text of scalar n, the value of key (item number item
 * of its list, or 0 for the value itself).  Trailing white space is
 * dropped.  NULL after reporting if n is not text, is empty, or holds a
 * control character.
 */
static char *
text_of(const struct walk *w, const struct node *n, const char *key,
	size_t item)
{
	size_t i = 0, k, end;
	unsigned cp;
	char label[96];

#define LABEL()                                                                \
	(item > 0                                                              \
	     ? snprintf(label, sizeof label, "key \"%s\" item %zu", key, item) \
	     : snprintf(label, sizeof label, "key \"%s\"", key),               \
	 label)

	if (n->kind != NODE_SCALAR) {
		werr(w, n, "%s: expected text, found %s", LABEL(),
		     node_kind_name(n));
		return NULL;
	}
	while (i < n->len) {
		k = util_plain_prefix(n->text + i, n->len - i, true);
		if (k > 0) {
			i += k;
			continue;
		}
		k = util_utf8_decode(n->text + i, n->len - i, &cp);
		if (k == 0 || (cp < 0x20 && cp != '\n') || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0)) {
			werr(w, n,
			     "%s: control character U+%04X is not allowed in "
			     "text%s",
			     LABEL(), k ? cp : 0xfffd,
			     cp == '\t' ? " (use spaces, not tabs)" : "");
			return NULL;
		}
		i += k;
	}
	end = n->len;
	while (end > 0 && (n->text[end - 1] == ' ' || n->text[end - 1] == '\n'))
		end--;
	if (is_null(n) || end == 0) {
		werr(w, n, "%s: text is empty", LABEL());
		return NULL;
	}
	return xstrndup(n->text, end);
#undef LABEL
}

static char *
take_text(const struct walk *w, const struct node *map, const char *key)
{
	const struct node *n = node_get(map, key);

	if (n == NULL)
		return NULL;
	return text_of(w, n, key, 0);
}

static bool
take_uint(const struct walk *w, const struct node *map, const char *key,
	  unsigned min, unsigned max, unsigned *out)
{
	const struct node *n = node_get(map, key);
	unsigned long v = 0;
	size_t i;

	if (n == NULL)
		return false;
	if (n->kind == NODE_SCALAR && n->plain && n->len > 0 && n->len < 10) {
		for (i = 0;
		     i < n->len && n->text[i] >= '0' && n->text[i] <= '9'; i++)
			v = v * 10 + (unsigned)(n->text[i] - '0');
		if (i == n->len && v >= min && v <= max) {
			*out = (unsigned)v;
			return true;
		}
	}
	if (n->kind == NODE_SCALAR) {
		char *shown = util_escape_text(n->text, false);

		werr(w, n,
		     "key \"%s\": expected a whole number from %u to %u, "
		     "found \"%s\"",
		     key, min, max, shown);
		free(shown);
	} else {
		werr(w, n, "key \"%s\": expected a whole number, found %s", key,
		     node_kind_name(n));
	}
	return false;
}

/* Text that must be one of the words in choices (NULL-terminated). */
static int
take_word(const struct walk *w, const struct node *map, const char *key,
	  const char *const *choices)
{
	const struct node *n = node_get(map, key);
	struct strbuf list;
	int i;

	if (n == NULL)
		return -1;
	for (i = 0; n->kind == NODE_SCALAR && choices[i] != NULL; i++)
		if (strcmp(n->text, choices[i]) == 0)
			return i;
	strbuf_init(&list);
	for (i = 0; choices[i] != NULL; i++)
		strbuf_addf(&list, "%s%s", i ? ", " : "", choices[i]);
	if (n->kind == NODE_SCALAR) {
		char *shown = util_escape_text(n->text, false);

		werr(w, n, "key \"%s\": expected one of %s, found \"%s\"", key,
		     list.s, shown);
		free(shown);
	} else {
		werr(w, n, "key \"%s\": expected one of %s, found %s", key,
		     list.s, node_kind_name(n));
	}
	strbuf_free(&list);
	return -1;
}

static bool
id_valid(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 64 || s[0] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

static char *
take_id(const struct walk *w, const struct node *map, const char *key)
{
	char *s = take_text(w, map, key);

	if (s != NULL && !id_valid(s)) {
		werr(w, node_get(map, key),
		     "key \"%s\": expected an id (up to 64 lowercase letters, "
		     "digits and hyphens), found \"%s\"",
		     key, s);
		free(s);
		return NULL;
	}
	return s;
}

/* The sequence at key, or NULL after reporting if it is not a list. */
static const struct node *
take_seq(const struct walk *w, const struct node *map, const char *key)
{
	const struct node *n = node_get(map, key);

	if (n == NULL)
		return NULL;
	if (n->kind != NODE_SEQUENCE) {
		werr(w, n, "key \"%s\": expected a list, found %s", key,
		     node_kind_name(n));
		return NULL;
	}
	if (n->n == 0) {
		werr(w, n, "key \"%s\": the list is empty", key);
		return NULL;
	}
	return n;
}

static void
take_list(const struct walk *w, const struct node *map, const char *key,
	  struct strlist *out)
{
	const struct node *seq = take_seq(w, map, key);
	char *s;
	size_t i;

	if (seq == NULL)
		return;
	out->v = xcalloc(seq->n, sizeof *out->v);
	for (i = 0; i < seq->n; i++) {
		s = text_of(w, seq->items[i], key, i + 1);
		if (s != NULL)
			out->v[out->n++] = s;
	}
}

/* A list item that must be a mapping; NULL after reporting otherwise. */
static const struct node *
item_map(const struct walk *w, const struct node *seq, size_t i,
	 const char *key)
{
	const struct node *n = seq->items[i];

	if (n->kind != NODE_MAPPING) {
		werr(w, n, "key \"%s\" item %zu: expected a mapping, found %s",
		     key, i + 1, node_kind_name(n));
		return NULL;
	}
	return n;
}

static void
take_law(const struct walk *w, const struct node *map, struct law_info *law,
	 bool required, const char *what)
{
	const struct node *j = node_get(map, "jurisdiction");
	const struct node *r = node_get(map, "reviewed");

	law->jurisdiction = take_text(w, map, "jurisdiction");
	law->reviewed = take_text(w, map, "reviewed");
	if (law->reviewed != NULL && when_days(law->reviewed) < 0) {
		werr(w, r,
		     "key \"reviewed\": expected a date YYYY-MM-DD, found "
		     "\"%s\"",
		     law->reviewed);
		free(law->reviewed);
		law->reviewed = NULL;
	}
	if (required && j == NULL)
		werr(w, map,
		     "missing required key \"jurisdiction\" in %s (it states "
		     "or cites law)",
		     what);
	if (required && r == NULL)
		werr(w, map,
		     "missing required key \"reviewed\" in %s (it states or "
		     "cites law)",
		     what);
	if (!required && (j == NULL) != (r == NULL))
		werr(w, map,
		     "%s: \"jurisdiction\" and \"reviewed\" go together", what);
}

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

	check_keys(w, n, "text step", f, UTIL_NELEM(f));
	s->u.text.body = take_text(w, n, "body");
	take_list(w, n, "points", &s->u.text.points);
	take_list(w, n, "cite", &s->u.text.cite);
	if (node_get(n, "body") == NULL && node_get(n, "points") == NULL)
		werr(w, n, "text step needs \"body\", \"points\" or both");
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

	check_keys(w, n, "sort step", f, UTIL_NELEM(f));
	s->u.sort.prompt = take_text(w, n, "prompt");
	if ((cats = take_seq(w, n, "categories")) != NULL) {
		if (cats->n < 2)
			werr(w, cats,
			     "key \"categories\": a sort needs at "
			     "least 2 categories");
		s->u.sort.categories =
		    xcalloc(cats->n, sizeof(struct sort_category));
		for (i = 0; i < cats->n; i++) {
			struct sort_category *c;

			if ((m = item_map(w, cats, i, "categories")) == NULL)
				continue;
			check_keys(w, m, "sort category", cf, UTIL_NELEM(cf));
			c = &s->u.sort.categories[s->u.sort.ncategories++];
			c->id = take_id(w, m, "id");
			c->label = take_text(w, m, "label");
			for (j = 0;
			     c->id != NULL && j + 1 < s->u.sort.ncategories;
			     j++)
				if (s->u.sort.categories[j].id != NULL &&
				    strcmp(s->u.sort.categories[j].id, c->id) ==
					0)
					werr(w, m,
					     "duplicate category id \"%s\"",
					     c->id);
		}
	}
	if ((items = take_seq(w, n, "items")) == NULL)
		return;
	s->u.sort.items = xcalloc(items->n, sizeof(struct sort_item));
	for (i = 0; i < items->n; i++) {
		struct sort_item *it;

		if ((m = item_map(w, items, i, "items")) == NULL)
			continue;
		check_keys(w, m, "sort item", itf, UTIL_NELEM(itf));
		it = &s->u.sort.items[s->u.sort.nitems++];
		it->text = take_text(w, m, "text");
		it->reason = take_text(w, m, "reason");
		it->category = SIZE_MAX;
		if ((cat = take_text(w, m, "category")) == NULL)
			continue;
		for (j = 0; j < s->u.sort.ncategories; j++)
			if (s->u.sort.categories[j].id != NULL &&
			    strcmp(s->u.sort.categories[j].id, cat) == 0)
				it->category = j;
		if (it->category == SIZE_MAX)
			werr(w, node_get(m, "category"),
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

	check_keys(w, n, "views step", f, UTIL_NELEM(f));
	s->u.views.prompt = take_text(w, n, "prompt");
	s->u.views.never_recorded = take_word(w, n, "record", never) == 0;
	if ((st = take_seq(w, n, "statements")) == NULL)
		return;
	s->u.views.statements = xcalloc(st->n, sizeof(struct view_statement));
	for (i = 0; i < st->n; i++) {
		struct view_statement *v;

		if ((m = item_map(w, st, i, "statements")) == NULL)
			continue;
		check_keys(w, m, "views statement", sf, UTIL_NELEM(sf));
		v = &s->u.views.statements[s->u.views.nstatements++];
		v->text = take_text(w, m, "text");
		take_list(w, m, "prompts", &v->prompts);
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
	check_keys(w, n, what, f, UTIL_NELEM(f));
	if (s->kind == STEP_QUIZ)
		s->u.quiz.ref = take_id(w, n, key);
	else
		s->u.scenario.ref = take_id(w, n, key);
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

	check_keys(w, n, "glossary step", f, UTIL_NELEM(f));
	s->u.glossary.intro = take_text(w, n, "intro");
	if ((terms = take_seq(w, n, "terms")) == NULL)
		return;
	s->u.glossary.terms = xcalloc(terms->n, sizeof(struct glossary_term));
	for (i = 0; i < terms->n; i++) {
		struct glossary_term *t;

		if ((m = item_map(w, terms, i, "terms")) == NULL)
			continue;
		check_keys(w, m, "glossary term", tf, UTIL_NELEM(tf));
		t = &s->u.glossary.terms[s->u.glossary.nterms++];
		t->term = take_text(w, m, "term");
		t->definition = take_text(w, m, "definition");
		t->note = take_text(w, m, "note");
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

	check_keys(w, n, "rating step", f, UTIL_NELEM(f));
	s->u.rating.prompt = take_text(w, n, "prompt");
	s->u.rating.set = take_id(w, n, "set");
	s->u.rating.after = take_word(w, n, "when", when) == 1;
	if (!take_uint(w, n, "scale", 2, 10, &s->u.rating.scale))
		s->u.rating.scale = 5;
	s->u.rating.low = take_text(w, n, "low");
	s->u.rating.high = take_text(w, n, "high");
	take_list(w, n, "questions", &s->u.rating.questions);
}

static void
build_reflection(const struct walk *w, const struct node *n, struct step *s)
{
	static const struct field f[] = {{"kind", true},
					 {"title", true},
					 {"prompts", true},
					 {"notes", false}};

	check_keys(w, n, "reflection step", f, UTIL_NELEM(f));
	take_list(w, n, "prompts", &s->u.reflection.prompts);
}

static void
build_break(const struct walk *w, const struct node *n, struct step *s)
{
	static const struct field f[] = {{"kind", true},
					 {"title", true},
					 {"minutes", true},
					 {"notes", false}};

	check_keys(w, n, "break step", f, UTIL_NELEM(f));
	take_uint(w, n, "minutes", 1, 600, &s->u.brk.minutes);
}

static void
build_step(const struct walk *w, const struct node *n, struct step *s)
{
	int k;

	s->pos = pos_of(w, n);
	if (node_get(n, "kind") == NULL) {
		werr(w, n, "missing required key \"kind\" in step");
		k = STEP_TEXT;
	} else if ((k = take_word(w, n, "kind", step_kinds)) < 0) {
		return;
	}
	s->kind = (enum step_kind)k;
	if (s->kind != STEP_QUIZ && s->kind != STEP_SCENARIO)
		s->title = take_text(w, n, "title");
	s->notes = take_text(w, n, "notes");
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

static void
build_module(const struct walk *w, const struct node *n, struct module *m)
{
	static const struct field f[] = {
	    {"id", true},	 {"kind", true},     {"title", true},
	    {"summary", false},	 {"minutes", false}, {"jurisdiction", false},
	    {"reviewed", false}, {"steps", true},
	};
	const struct node *steps, *sn;
	bool cites = false;
	size_t i;

	check_keys(w, n, "module", f, UTIL_NELEM(f));
	m->pos = pos_of(w, n);
	m->id = take_id(w, n, "id");
	m->title = take_text(w, n, "title");
	m->summary = take_text(w, n, "summary");
	take_uint(w, n, "minutes", 1, 600, &m->minutes);
	if ((steps = take_seq(w, n, "steps")) != NULL) {
		m->steps = xcalloc(steps->n, sizeof *m->steps);
		for (i = 0; i < steps->n; i++) {
			if ((sn = item_map(w, steps, i, "steps")) == NULL)
				continue;
			build_step(w, sn, &m->steps[m->nsteps]);
			if (m->steps[m->nsteps].kind == STEP_TEXT &&
			    m->steps[m->nsteps].u.text.cite.n > 0)
				cites = true;
			m->nsteps++;
		}
	}
	take_law(w, n, &m->law, cites, "module");
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

	check_keys(w, n, "question", f, UTIL_NELEM(f));
	q->pos = pos_of(w, n);
	q->id = take_id(w, n, "id");
	q->text = take_text(w, n, "text");
	q->explanation = take_text(w, n, "explanation");
	q->cite = take_text(w, n, "cite");
	q->notes = take_text(w, n, "notes");
	q->jurisdiction = take_text(w, n, "jurisdiction");
	k = take_word(w, n, "kind", kinds);
	if (k == 0) {
		q->kind = QUESTION_TRUE_FALSE;
		if (node_get(n, "choices") != NULL)
			werr(w, node_get(n, "choices"),
			     "key \"choices\": a true-false question has no "
			     "choices");
		q->choices.v = xcalloc(2, sizeof(char *));
		q->choices.v[0] = xstrdup("True");
		q->choices.v[1] = xstrdup("False");
		q->choices.n = 2;
		k = take_word(w, n, "answer", tf);
		q->answer = k == 1 ? 1 : 0;
	} else if (k == 1) {
		q->kind = QUESTION_CHOICE;
		if (node_get(n, "choices") == NULL)
			werr(w, n,
			     "missing required key \"choices\" in a "
			     "choice question");
		take_list(w, n, "choices", &q->choices);
		if (node_get(n, "choices") != NULL && q->choices.n < 2)
			werr(
			    w, node_get(n, "choices"),
			    "key \"choices\": a choice question needs at least "
			    "2 choices");
		if (q->choices.n >= 2 &&
		    take_uint(w, n, "answer", 1, (unsigned)q->choices.n,
			      &answer))
			q->answer = answer - 1;
	}
}

static void
build_quiz(const struct walk *w, const struct node *n, struct quiz *q)
{
	static const struct field f[] = {
	    {"id", true},	{"kind", true},	     {"title", true},
	    {"intro", false},	{"pass_mark", true}, {"jurisdiction", true},
	    {"reviewed", true}, {"questions", true},
	};
	const struct node *qs, *qn;
	size_t i, j;

	check_keys(w, n, "quiz", f, UTIL_NELEM(f));
	q->pos = pos_of(w, n);
	q->id = take_id(w, n, "id");
	q->title = take_text(w, n, "title");
	q->intro = take_text(w, n, "intro");
	if (!take_uint(w, n, "pass_mark", 1, 100, &q->pass_mark))
		q->pass_mark = 100;
	take_law(w, n, &q->law, false, "quiz");
	if ((qs = take_seq(w, n, "questions")) == NULL)
		return;
	q->questions = xcalloc(qs->n, sizeof *q->questions);
	for (i = 0; i < qs->n; i++) {
		struct question *qq;

		if ((qn = item_map(w, qs, i, "questions")) == NULL)
			continue;
		qq = &q->questions[q->nquestions++];
		build_question(w, qn, qq);
		if (qq->jurisdiction == NULL && q->law.jurisdiction != NULL)
			qq->jurisdiction = xstrdup(q->law.jurisdiction);
		for (j = 0; qq->id != NULL && j + 1 < q->nquestions; j++)
			if (q->questions[j].id != NULL &&
			    strcmp(q->questions[j].id, qq->id) == 0)
				werr(w, qn,
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

	check_keys(w, n, "scenario", f, UTIL_NELEM(f));
	s->pos = pos_of(w, n);
	s->id = take_id(w, n, "id");
	s->title = take_text(w, n, "title");
	s->story = take_text(w, n, "story");
	s->notes = take_text(w, n, "notes");
	take_list(w, n, "questions", &s->questions);
	take_list(w, n, "ask", &s->ask);
	take_list(w, n, "check", &s->check);
	take_list(w, n, "do", &s->act);
	take_list(w, n, "points", &s->points);
	take_list(w, n, "law", &s->law);
	take_law(w, n, &s->lawinfo, s->law.n > 0, "scenario");
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

	check_keys(w, m, "programme item", f, UTIL_NELEM(f));
	it->pos = pos_of(w, m);
	if ((node_get(m, "module") == NULL) == (node_get(m, "break") == NULL)) {
		werr(w, m,
		     "a programme item has either \"module\" or "
		     "\"break\"");
		return;
	}
	if (node_get(m, "module") != NULL) {
		it->kind = PROGRAMME_MODULE;
		it->ref = take_id(w, m, "module");
	} else {
		it->kind = PROGRAMME_BREAK;
		it->title = take_text(w, m, "break");
	}
	take_uint(w, m, "minutes", 1, 600, &it->minutes);
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

	check_keys(w, n, "programme", f, UTIL_NELEM(f));
	p->id = take_id(w, n, "id");
	p->title = take_text(w, n, "title");
	if ((start = take_text(w, n, "start")) != NULL) {
		if ((clock = parse_clock(start)) < 0)
			werr(w, node_get(n, "start"),
			     "key \"start\": expected a time HH:MM, found "
			     "\"%s\"",
			     start);
		else
			p->start = (unsigned)clock;
		free(start);
	}
	if ((items = take_seq(w, n, "items")) == NULL)
		return;
	p->items = xcalloc(items->n, sizeof *p->items);
	for (i = 0; i < items->n; i++)
		if ((m = item_map(w, items, i, "items")) != NULL)
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
		werr(&w, root,
		     "expected a mapping at the top of the file, "
		     "found %s",
		     node_kind_name(root));
		return;
	}
	if (node_get(root, "kind") == NULL) {
		werr(&w, root,
		     "missing required key \"kind\" (one of "
		     "programme, module, quiz, scenario)");
		return;
	}
	switch (k = take_word(&w, root, "kind", kinds)) {
	case 0:
		if (c->programme != NULL) {
			werr(&w, root,
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
