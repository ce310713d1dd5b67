/*
 * pack_text: print every piece of learner- and facilitator-facing text in a
 * content pack, one string per line (line breaks inside a string become
 * spaces), in the order a reader meets it.  Ids, kinds and numbers are not
 * printed.  The spelling and originality checks read this output, so they
 * need neither python nor yq; the originality check joins the lines, so the
 * order matters.
 *
 * The order: the programme's title, then its items in the order of the day
 * (a break's title, or a module), then any module the programme leaves out.
 * A module's steps follow its title and summary; a quiz or scenario is
 * printed where a step first uses it, and any not used at the end.  Each
 * step gives its text as the screen shows it (a step's title, then its body
 * or prompt, then its items) and its facilitator notes last.  A step worded
 * for each audience is printed as the learner alone sees it, then as the
 * room sees it, then as written when neither sees that.
 *
 * Usage: pack_text DIR
 * Exit status: 0 on success, 1 if the pack has errors, 2 on usage errors.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "content.h"

/* What has been printed, so that a quiz or scenario used twice, or a
 * module the programme names, comes out once. */
struct seen {
	const struct content *c;
	bool *modules, *quizzes, *scenarios;
};

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
put_quiz(struct seen *sn, const struct quiz *q)
{
	const char *self = content_quiz_intro(q, CONTENT_SELF_STUDY);
	const char *room = content_quiz_intro(q, CONTENT_CLASSROOM);
	size_t k = (size_t)(q - sn->c->quizzes);

	if (sn->quizzes[k])
		return;
	sn->quizzes[k] = true;
	put(q->title);
	put(self);
	if (room != self)
		put(room);
	if (q->intro != self && q->intro != room)
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
put_scenario(struct seen *sn, const struct scenario *s)
{
	size_t k = (size_t)(s - sn->c->scenarios);

	if (sn->scenarios[k])
		return;
	sn->scenarios[k] = true;
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

/* The text of one step as one audience sees it, facilitator notes last. */
static void
put_step_text(struct seen *sn, const struct step *st)
{
	size_t i;

	put(st->title);
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
		put_quiz(sn, st->u.quiz.quiz);
		break;
	case STEP_SCENARIO:
		put_scenario(sn, st->u.scenario.scenario);
		break;
	case STEP_BREAK:
		break;
	}
	put(st->notes);
}

static void
put_step(struct seen *sn, const struct step *st)
{
	const struct step *self = content_step_for(st, CONTENT_SELF_STUDY);
	const struct step *room = content_step_for(st, CONTENT_CLASSROOM);

	put_step_text(sn, self);
	if (room != self)
		put_step_text(sn, room);
	if (st != self && st != room)
		put_step_text(sn, st);
}

static void
put_module(struct seen *sn, const struct module *m)
{
	size_t k = (size_t)(m - sn->c->modules);

	if (sn->modules[k])
		return;
	sn->modules[k] = true;
	put(m->title);
	put(m->summary);
	for (size_t j = 0; j < m->nsteps; j++)
		put_step(sn, &m->steps[j]);
}

static void
put_pack(const struct content *c)
{
	struct seen sn = {
	    .c = c,
	    .modules = calloc(c->nmodules + 1, sizeof(bool)),
	    .quizzes = calloc(c->nquizzes + 1, sizeof(bool)),
	    .scenarios = calloc(c->nscenarios + 1, sizeof(bool)),
	};
	size_t i;

	if (sn.modules == NULL || sn.quizzes == NULL || sn.scenarios == NULL)
		abort();
	if (c->programme != NULL) {
		put(c->programme->title);
		for (i = 0; i < c->programme->nitems; i++) {
			const struct programme_item *it =
			    &c->programme->items[i];

			if (it->kind == PROGRAMME_BREAK)
				put(it->title);
			else if (it->module != NULL)
				put_module(&sn, it->module);
		}
	}
	for (i = 0; i < c->nmodules; i++)
		put_module(&sn, &c->modules[i]);
	for (i = 0; i < c->nquizzes; i++)
		put_quiz(&sn, &c->quizzes[i]);
	for (i = 0; i < c->nscenarios; i++)
		put_scenario(&sn, &c->scenarios[i]);
	free(sn.modules);
	free(sn.quizzes);
	free(sn.scenarios);
}

int
main(int argc, char **argv)
{
	struct diags d;
	struct content *c;
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
		put_pack(c);
	}
	content_free(c);
	diags_free(&d);
	return rc;
}
