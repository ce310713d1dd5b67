/*
 * learn_build.c: what each kind of step shows to a learner (text, sort,
 * views, quiz question and results, scenario, glossary, ratings), laid out
 * from a const view of the core's session.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>

#include "lui.h"

/* ---- A step ------------------------------------------------------------ */

const char *
lui_step_title(const struct step *st)
{
	if (st->kind == STEP_QUIZ && st->u.quiz.quiz != NULL)
		return st->u.quiz.quiz->title;
	if (st->kind == STEP_SCENARIO && st->u.scenario.scenario != NULL)
		return st->u.scenario.scenario->title;
	return st->title != NULL ? st->title : "";
}

static int
build_text(struct ui *u, struct layout *l, int w, const struct step *st,
	   const struct session_step *ss)
{
	size_t i;

	if (st->u.text.body != NULL) {
		layout_wrap(l, st->u.text.body, w, 0, 0, UI_S_TEXT);
		layout_blank(l);
	}
	for (i = 0; i < ss->revealed; i++)
		layout_wrap(l,
			    lui_tx(lui_of(u), "%s %s", u->utf8 ? "\u2022" : "*",
				   st->u.text.points.v[i]),
			    w, 2, 4, UI_S_TEXT);
	if (ss->revealed > 0)
		layout_blank(l);
	lui_add_list(u, l, w, "The law:", &st->u.text.cite);
	if (ss->revealed < st->u.text.points.n)
		layout_wrap(l,
			    lui_tx(lui_of(u),
				   "Enter shows the next point (%zu more).",
				   st->u.text.points.n - ss->revealed),
			    w, 0, 0, UI_S_DIM);
	return -1;
}

static int
build_sort(struct ui *u, struct layout *l, int w, const struct step *st,
	   const struct session_step *ss, int focus)
{
	struct lui *lu = lui_of(u);
	int fl = -1, k;
	size_t i;

	if (st->u.sort.prompt != NULL) {
		layout_wrap(l, st->u.sort.prompt, w, 0, 0, UI_S_TEXT);
		layout_blank(l);
	}
	if (ss->phase == SESSION_PH_PLACE) {
		layout_wrap(l,
			    lui_tx(lu, "Item %zu of %zu: %s", ss->item + 1,
				   st->u.sort.nitems,
				   st->u.sort.items[ss->item].text),
			    w, 0, 0, UI_S_TITLE);
		layout_wrap(l, "Where does it belong?", w, 0, 0, UI_S_TEXT);
		for (i = 0; i < st->u.sort.ncategories; i++) {
			k = lui_add_choice(u, l, w, i,
					   st->u.sort.categories[i].label,
					   (int)i == focus, NULL);
			if ((int)i == focus)
				fl = k;
		}
		return fl;
	}
	for (i = 0; i < st->u.sort.nitems; i++) {
		const struct sort_item *it = &st->u.sort.items[i];
		bool ok = ss->placed[i] == (int)it->category;

		layout_wrap(
		    l,
		    lui_tx(lu, "%s %s: %s%s%s%s", ui_mark(u, ok), it->text,
			   st->u.sort.categories[it->category].label,
			   ok ? "" : " (you said ",
			   ok || ss->placed[i] < 0
			       ? ""
			       : st->u.sort.categories[ss->placed[i]].label,
			   ok ? "" : ")"),
		    w, 0, 2, ok ? UI_S_RIGHT : UI_S_WRONG);
		layout_wrap(l, it->reason, w, 2, 2, UI_S_TEXT);
	}
	return -1;
}

static int
build_views(struct ui *u, struct layout *l, int w, const struct step *st,
	    const struct session_step *ss, int focus)
{
	struct lui *lu = lui_of(u);
	const struct view_statement *v = &st->u.views.statements[ss->item];
	int fl = -1, k, i;

	if (st->u.views.prompt != NULL) {
		layout_wrap(l, st->u.views.prompt, w, 0, 0, UI_S_TEXT);
		layout_blank(l);
	}
	layout_wrap(l,
		    lui_tx(lu, "Statement %zu of %zu:", ss->item + 1,
			   st->u.views.nstatements),
		    w, 0, 0, UI_S_DIM);
	layout_wrap(l, v->text, w, 2, 2, UI_S_TITLE);
	layout_blank(l);
	if (ss->phase == SESSION_PH_STATEMENT) {
		for (i = 0; i < SESSION_NVIEWS; i++) {
			k = lui_add_choice(u, l, w, (size_t)i,
					   session_view_label(i), i == focus,
					   NULL);
			if (i == focus)
				fl = k;
		}
		layout_blank(l);
		layout_wrap(l,
			    "Your answer is private: it is not saved or "
			    "recorded.",
			    w, 0, 0, UI_S_DIM);
		return fl;
	}
	layout_wrap(l,
		    lui_tx(lu, "You said: %s.", session_view_label(ss->view)),
		    w, 0, 0, UI_S_TEXT);
	layout_blank(l);
	lui_add_list(u, l, w, "Think about it:", &v->prompts);
	return -1;
}

static int
build_question(struct ui *u, struct layout *l, int w, const struct session *s,
	       const struct step *st, int focus)
{
	struct lui *lu = lui_of(u);
	const struct session_step *ss = session_state(s);
	const struct question *q = session_question(s);
	int fl = -1, k;
	int a = ss->answers[ss->order[ss->pos]];
	bool fb = ss->phase == SESSION_PH_FEEDBACK;
	size_t i;
	unsigned r, n;

	if (ss->pos == 0 && ss->rounds == 1 && !fb) {
		const char *intro =
		    content_quiz_intro(st->u.quiz.quiz, CONTENT_SELF_STUDY);

		if (intro != NULL) {
			layout_wrap(l, intro, w, 0, 0, UI_S_DIM);
			layout_blank(l);
		}
	}
	layout_wrap(l, q->text, w, 0, 0, UI_S_TITLE);
	layout_blank(l);
	for (i = 0; i < q->choices.n; i++) {
		const char *mk = NULL;

		if (fb && i == q->answer)
			mk = lui_tx(lu, "%s the answer", ui_mark(u, true));
		else if (fb && (int)i == a)
			mk = lui_tx(lu, "%s your answer", ui_mark(u, false));
		k = lui_add_choice(u, l, w, i, q->choices.v[i],
				   !fb && (int)i == focus, mk);
		if ((!fb && (int)i == focus) || (fb && (int)i == a))
			fl = k;
	}
	if (!fb)
		return fl;
	layout_blank(l);
	if (a == (int)q->answer)
		layout_wrap(l, lui_tx(lu, "%s Right.", ui_mark(u, true)), w, 0,
			    0, UI_S_RIGHT);
	else
		layout_wrap(l,
			    lui_tx(lu, "%s Not right: the answer is %s.",
				   ui_mark(u, false), q->choices.v[q->answer]),
			    w, 0, 0, UI_S_WRONG);
	layout_wrap(l, q->explanation, w, 0, 0, UI_S_TEXT);
	layout_wrap(l, lui_tx(lu, "Source: %s", q->cite), w, 0, 2, UI_S_CITE);
	session_quiz_score(s, s->step, &r, &n);
	layout_blank(l);
	layout_wrap(l, lui_tx(lu, "Score so far: %u of %u.", r, n), w, 0, 0,
		    UI_S_DIM);
	return fl;
}

static const char *const result_labels[SESSION_NRESULT_OPTIONS] = {
    "Retry the questions I got wrong (r)",
    "Retry the whole quiz (R)",
    "Continue",
};

static int
build_results(struct ui *u, struct layout *l, int w, const struct session *s,
	      const struct step *st, int focus)
{
	struct lui *lu = lui_of(u);
	const struct quiz *q = st->u.quiz.quiz;
	unsigned r, n;
	bool pass = session_quiz_passed(s, s->step);
	int fl = -1, k, i;

	session_quiz_score(s, s->step, &r, &n);
	layout_wrap(
	    l,
	    lui_tx(lu, "You got %u of %zu right (%u%%).", r, q->nquestions,
		   q->nquestions ? (unsigned)(r * 100 / q->nquestions) : 0),
	    w, 0, 0, UI_S_TITLE);
	layout_wrap(l, lui_tx(lu, "The pass mark is %u%%.", q->pass_mark), w, 0,
		    0, UI_S_TEXT);
	layout_wrap(l,
		    pass ? lui_tx(lu, "%s Passed.", ui_mark(u, true))
			 : lui_tx(lu,
				  "%s Not passed yet: you can try again, as "
				  "often as you like.",
				  ui_mark(u, false)),
		    w, 0, 0, pass ? UI_S_RIGHT : UI_S_WRONG);
	layout_blank(l);
	for (i = 0; i < SESSION_NRESULT_OPTIONS; i++) {
		k = lui_add_choice(u, l, w, (size_t)i, result_labels[i],
				   i == focus, NULL);
		if (i == focus)
			fl = k;
	}
	return fl;
}

static int
build_scenario(struct ui *u, struct layout *l, int w, const struct step *st,
	       const struct session_step *ss)
{
	const struct scenario *sc = st->u.scenario.scenario;

	if (ss->phase == SESSION_PH_STORY ||
	    ss->phase == SESSION_PH_SQUESTION) {
		layout_wrap(l, sc->story, w, 0, 0, UI_S_TEXT);
		layout_blank(l);
	}
	if (ss->phase == SESSION_PH_SQUESTION) {
		layout_wrap(l,
			    lui_tx(lui_of(u), "Question %zu of %zu:",
				   ss->item + 1, sc->questions.n),
			    w, 0, 0, UI_S_DIM);
		layout_wrap(l, sc->questions.v[ss->item], w, 2, 2, UI_S_TITLE);
		layout_blank(l);
		layout_wrap(l, "Think about your answer, then press Enter.", w,
			    0, 0, UI_S_DIM);
	} else if (ss->phase == SESSION_PH_ACD) {
		lui_add_list(u, l, w, "Ask:", &sc->ask);
		lui_add_list(u, l, w, "Check:", &sc->check);
		lui_add_list(u, l, w, "Do:", &sc->act);
	} else if (ss->phase == SESSION_PH_POINTS) {
		lui_add_list(u, l, w, "A good answer covers:", &sc->points);
		lui_add_list(u, l, w, "The law:", &sc->law);
	}
	return -1;
}

/* The letters that have terms, the one shown in brackets. */
static void
add_letters(struct ui *u, struct layout *l, int w, const struct step *st,
	    const struct session_step *ss)
{
	bool has[26] = {false};
	char buf[26 * 4 + 16];
	size_t i, n;
	int c;

	for (i = 0; i < st->u.glossary.nterms; i++) {
		c = (unsigned char)st->u.glossary.terms[i].term[0];
		if (c >= 'a' && c <= 'z')
			c -= 32;
		if (c >= 'A' && c <= 'Z')
			has[c - 'A'] = true;
	}
	n = (size_t)snprintf(buf, sizeof buf, "Letters:");
	for (c = 0; c < 26; c++)
		if (has[c])
			n += (size_t)snprintf(
			    buf + n, sizeof buf - n,
			    ss->letter == 'A' + c ? " [%c]" : " %c", 'A' + c);
	layout_wrap(l, lui_tx(lui_of(u), "%s", buf), w, 0, 10, UI_S_DIM);
}

static int
build_glossary(struct ui *u, struct layout *l, int w, const struct step *st,
	       const struct session_step *ss, int focus)
{
	struct lui *lu = lui_of(u);
	int fl = -1;
	size_t i;

	if (st->u.glossary.intro != NULL) {
		layout_wrap(l, st->u.glossary.intro, w, 0, 0, UI_S_DIM);
		layout_blank(l);
	}
	add_letters(u, l, w, st, ss);
	if (lu->field_kind == FIELD_SEARCH) {
		fl = (int)l->n; /* the cursor goes in the search field */
		layout_wrap(l, lui_tx(lu, "Search: %s", lu->field.buf), w, 0, 0,
			    UI_S_TITLE);
	} else if (ss->letter != 0 || ss->search != NULL)
		layout_wrap(l,
			    lui_tx(lu, "%zu term%s%s%c%s%s%s  (* shows all)",
				   ss->nmatch, ss->nmatch == 1 ? "" : "s",
				   ss->letter ? " under " : "",
				   ss->letter ? ss->letter : ' ',
				   ss->search ? " matching \"" : "",
				   ss->search ? ss->search : "",
				   ss->search ? "\"" : ""),
			    w, 0, 0, UI_S_DIM);
	if (ss->nmatch == 0)
		layout_wrap(l, "No terms match.", w, 0, 0, UI_S_TEXT);
	for (i = 0; i < ss->nmatch; i++) {
		const struct glossary_term *t =
		    &st->u.glossary.terms[ss->match[i]];
		bool f = (int)i == focus;

		if (f && lu->field_kind != FIELD_SEARCH)
			fl = (int)l->n;
		layout_wrap(
		    l, lui_tx(lu, "%s %s", f ? ui_pointer(u) : " ", t->term), w,
		    0, 2, f ? UI_S_FOCUS : UI_S_TITLE);
		if (f)
			layout_wrap(l, t->definition, w, 2, 2, UI_S_TEXT);
	}
	return fl;
}

static int
build_rating(struct ui *u, struct layout *l, int w, const struct step *st,
	     const struct session_step *ss, int focus)
{
	struct lui *lu = lui_of(u);
	unsigned i;
	int fl = -1, k;

	if (st->u.rating.prompt != NULL) {
		layout_wrap(l, st->u.rating.prompt, w, 0, 0, UI_S_TEXT);
		layout_blank(l);
	}
	layout_wrap(l, st->u.rating.questions.v[ss->item], w, 0, 0, UI_S_TITLE);
	layout_blank(l);
	for (i = 0; i < st->u.rating.scale; i++) {
		const char *label =
		    i == 0 ? lui_tx(lu, "1 (%s)", st->u.rating.low)
		    : i + 1 == st->u.rating.scale
			? lui_tx(lu, "%u (%s)", i + 1, st->u.rating.high)
			: lui_tx(lu, "%u", i + 1);

		k = lui_add_choice(u, l, w, i, label, (int)i == focus, NULL);
		if ((int)i == focus)
			fl = k;
	}
	layout_blank(l);
	layout_wrap(l, "Only you see this; it is not recorded.", w, 0, 0,
		    UI_S_DIM);
	return fl;
}

int
lui_build_step(struct ui *u, struct layout *l, int w, const struct session *s)
{
	const struct step *st = session_current(s);
	const struct session_step *ss = session_state(s);

	switch (ss->phase) {
	case SESSION_PH_MAIN:
		if (st->kind == STEP_TEXT)
			return build_text(u, l, w, st, ss);
		if (st->kind == STEP_GLOSSARY)
			return build_glossary(u, l, w, st, ss, s->focus);
		if (st->kind == STEP_REFLECTION) {
			lui_add_list(u, l, w,
				     "Think about:", &st->u.reflection.prompts);
			layout_wrap(l,
				    "Nothing you think or write here is "
				    "kept.",
				    w, 0, 0, UI_S_DIM);
		} else if (st->kind == STEP_BREAK) {
			layout_wrap(l,
				    lui_tx(lui_of(u),
					   "A break of %u minutes. Take "
					   "your time.",
					   st->u.brk.minutes),
				    w, 0, 0, UI_S_TEXT);
		}
		return -1;
	case SESSION_PH_PLACE:
	case SESSION_PH_SORT_FEEDBACK:
		return build_sort(u, l, w, st, ss, s->focus);
	case SESSION_PH_STATEMENT:
	case SESSION_PH_REFLECT:
		return build_views(u, l, w, st, ss, s->focus);
	case SESSION_PH_QUESTION:
	case SESSION_PH_FEEDBACK:
		return build_question(u, l, w, s, st, s->focus);
	case SESSION_PH_RESULTS:
		return build_results(u, l, w, s, st, s->focus);
	case SESSION_PH_RATE:
		return build_rating(u, l, w, st, ss, s->focus);
	default:
		return build_scenario(u, l, w, st, ss);
	}
}
