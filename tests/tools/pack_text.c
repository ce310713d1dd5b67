/*
 * pack_text: print every piece of learner- and facilitator-facing text in a
 * content pack, one string per line (line breaks inside a string become
 * spaces).  Ids, kinds and numbers are not printed.  The spelling and
 * originality checks read this output, so they need neither python nor yq.
 *
 * Usage: pack_text DIR
 * Exit status: 0 on success, 1 if the pack has errors, 2 on usage errors.
 */
#include <stdio.h>

#include "content.h"

static void
put(const char *s)
{
	if (s == NULL)
		return;
	for (; *s != '\0'; s++)
		putchar(*s == '\n' ? ' ' : *s);
	putchar('\n');
}

static void
put_list(const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		put(l->v[i]);
}

static void
put_step(const struct step *st)
{
	size_t i;

	put(st->title);
	put(st->notes);
	switch (st->kind) {
	case STEP_TEXT:
		put(st->u.text.body);
		put_list(&st->u.text.points);
		put_list(&st->u.text.cite);
		break;
	case STEP_SORT:
		put(st->u.sort.prompt);
		for (i = 0; i < st->u.sort.ncategories; i++)
			put(st->u.sort.categories[i].label);
		for (i = 0; i < st->u.sort.nitems; i++) {
			put(st->u.sort.items[i].text);
			put(st->u.sort.items[i].reason);
		}
		break;
	case STEP_VIEWS:
		put(st->u.views.prompt);
		for (i = 0; i < st->u.views.nstatements; i++) {
			put(st->u.views.statements[i].text);
			put_list(&st->u.views.statements[i].prompts);
		}
		break;
	case STEP_GLOSSARY:
		put(st->u.glossary.intro);
		for (i = 0; i < st->u.glossary.nterms; i++) {
			put(st->u.glossary.terms[i].term);
			put(st->u.glossary.terms[i].definition);
			put(st->u.glossary.terms[i].note);
		}
		break;
	case STEP_RATING:
		put(st->u.rating.prompt);
		put(st->u.rating.low);
		put(st->u.rating.high);
		put_list(&st->u.rating.questions);
		break;
	case STEP_REFLECTION:
		put_list(&st->u.reflection.prompts);
		break;
	case STEP_QUIZ:
	case STEP_SCENARIO:
	case STEP_BREAK:
		break;
	}
}

static void
put_quiz(const struct quiz *q)
{
	put(q->title);
	put(q->intro);
	for (size_t i = 0; i < q->nquestions; i++) {
		const struct question *qu = &q->questions[i];

		put(qu->text);
		if (qu->kind == QUESTION_CHOICE)
			put_list(&qu->choices);
		put(qu->explanation);
		put(qu->cite);
		put(qu->notes);
	}
}

static void
put_scenario(const struct scenario *s)
{
	put(s->title);
	put(s->story);
	put_list(&s->questions);
	put_list(&s->ask);
	put_list(&s->check);
	put_list(&s->act);
	put_list(&s->points);
	put_list(&s->law);
	put(s->notes);
}

int
main(int argc, char **argv)
{
	struct diags d;
	struct content *c;
	size_t i, j;
	int rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: pack_text DIR\n");
		return 2;
	}
	diags_init(&d);
	c = content_load_dir(argv[1], &d);
	if (c == NULL || d.n > 0) {
		diags_sort(&d);
		diags_print(&d, stderr);
		rc = c == NULL ? 2 : 1;
	} else {
		if (c->programme != NULL) {
			put(c->programme->title);
			for (i = 0; i < c->programme->nitems; i++)
				put(c->programme->items[i].title);
		}
		for (i = 0; i < c->nmodules; i++) {
			put(c->modules[i].title);
			put(c->modules[i].summary);
			for (j = 0; j < c->modules[i].nsteps; j++)
				put_step(&c->modules[i].steps[j]);
		}
		for (i = 0; i < c->nquizzes; i++)
			put_quiz(&c->quizzes[i]);
		for (i = 0; i < c->nscenarios; i++)
			put_scenario(&c->scenarios[i]);
	}
	content_free(c);
	diags_free(&d);
	return rc;
}
