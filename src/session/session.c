/* session.c: the per-step state machines behind every screen. */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complog.h"
#include "util.h"

static const char *const view_labels[SESSION_NVIEWS] = {"Agree", "Disagree",
							"Unsure"};

const char *
session_view_label(int view)
{
	if (view < 0 || view >= SESSION_NVIEWS)
		return "";
	return view_labels[view];
}

static struct session_step *
cur(struct session *s)
{
	return &s->steps[s->step];
}

static const struct step *
step_at(const struct session *s, size_t i)
{
	return content_step_for(&s->module->steps[i], CONTENT_SELF_STUDY);
}

static size_t
nquestions(const struct step *st)
{
	return st->u.quiz.quiz != NULL ? st->u.quiz.quiz->nquestions : 0;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Case-insensitive (ASCII) substring search. */
static bool
contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;

	if (n == 0)
		return true;
	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n && hay[i] != '\0'; i++)
			if (lower((unsigned char)hay[i]) !=
			    lower((unsigned char)needle[i]))
				break;
		if (i == n)
			return true;
	}
	return false;
}

static void
glossary_filter(struct session *s, size_t i)
{
	const struct step *st = step_at(s, i);
	struct session_step *ss = &s->steps[i];
	size_t k;

	ss->nmatch = 0;
	for (k = 0; k < st->u.glossary.nterms; k++) {
		const struct glossary_term *t = &st->u.glossary.terms[k];

		if (ss->letter != 0 &&
		    lower((unsigned char)t->term[0]) != lower(ss->letter))
			continue;
		if (ss->search != NULL && !contains(t->term, ss->search) &&
		    !contains(t->definition, ss->search))
			continue;
		ss->match[ss->nmatch++] = k;
	}
}

/* Start a quiz round over the questions not answered right (or all). */
static void
quiz_round(struct session *s, size_t i, bool wrong_only)
{
	const struct step *st = step_at(s, i);
	struct session_step *ss = &s->steps[i];
	const struct quiz *q = st->u.quiz.quiz;
	size_t k;

	ss->norder = 0;
	for (k = 0; k < q->nquestions; k++) {
		bool right = ss->answers[k] == (int)q->questions[k].answer;

		if (wrong_only && right)
			continue;
		ss->answers[k] = -1;
		ss->order[ss->norder++] = k;
	}
	ss->pos = 0;
	ss->rounds++;
	ss->phase = ss->norder > 0 ? SESSION_PH_QUESTION : SESSION_PH_RESULTS;
	ss->focus = 0;
}

static enum session_phase
first_phase(const struct step *st)
{
	switch (st->kind) {
	case STEP_SORT:
		return SESSION_PH_PLACE;
	case STEP_VIEWS:
		return SESSION_PH_STATEMENT;
	case STEP_QUIZ: /* an unresolved reference is a plain screen */
		return st->u.quiz.quiz != NULL ? SESSION_PH_QUESTION
					       : SESSION_PH_MAIN;
	case STEP_SCENARIO:
		return st->u.scenario.scenario != NULL ? SESSION_PH_STORY
						       : SESSION_PH_MAIN;
	case STEP_RATING:
		return SESSION_PH_RATE;
	default:
		return SESSION_PH_MAIN;
	}
}

static void
step_init(struct session *s, size_t i)
{
	const struct step *st = step_at(s, i);
	struct session_step *ss = &s->steps[i];
	size_t k, n;

	memset(ss, 0, sizeof *ss);
	ss->phase = first_phase(st);
	ss->view = -1;
	switch (st->kind) {
	case STEP_SORT:
		ss->placed = xcalloc(st->u.sort.nitems + 1, sizeof(int));
		for (k = 0; k < st->u.sort.nitems; k++)
			ss->placed[k] = -1;
		break;
	case STEP_RATING:
		ss->ratings =
		    xcalloc(st->u.rating.questions.n + 1, sizeof(int));
		break;
	case STEP_QUIZ:
		n = nquestions(st);
		ss->answers = xcalloc(n + 1, sizeof(int));
		ss->order = xcalloc(n + 1, sizeof(size_t));
		for (k = 0; k < n; k++)
			ss->answers[k] = -1;
		if (n > 0)
			quiz_round(s, i, false);
		else if (st->u.quiz.quiz != NULL)
			ss->phase = SESSION_PH_RESULTS;
		break;
	case STEP_GLOSSARY:
		ss->match = xcalloc(st->u.glossary.nterms + 1, sizeof(size_t));
		glossary_filter(s, i);
		break;
	default:
		break;
	}
}

static void
step_free(struct session_step *ss)
{
	free(ss->placed);
	free(ss->ratings);
	free(ss->answers);
	free(ss->order);
	free(ss->search);
	free(ss->match);
}

struct session *
session_new(struct module *m)
{
	struct session *s = xcalloc(1, sizeof *s);
	size_t i;

	s->module = m;
	s->steps = xcalloc(m->nsteps + 1, sizeof *s->steps);
	for (i = 0; i < m->nsteps; i++)
		step_init(s, i);
	if (m->nsteps == 0)
		s->finished = true;
	return s;
}

void
session_free(struct session *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->module->nsteps; i++)
		step_free(&s->steps[i]);
	free(s->steps);
	free(s);
}

const struct step *
session_current(const struct session *s)
{
	if (s->finished || s->step >= s->module->nsteps)
		return NULL;
	return step_at(s, s->step);
}

const struct session_step *
session_state(const struct session *s)
{
	if (s->module->nsteps == 0)
		return NULL;
	return &s->steps[s->step < s->module->nsteps ? s->step
						     : s->module->nsteps - 1];
}

size_t
session_noptions(const struct session *s)
{
	const struct step *st = session_current(s);
	const struct session_step *ss = session_state(s);
	const struct question *q;

	if (st == NULL)
		return 0;
	switch (ss->phase) {
	case SESSION_PH_PLACE:
		return st->u.sort.ncategories;
	case SESSION_PH_STATEMENT:
		return SESSION_NVIEWS;
	case SESSION_PH_QUESTION:
		q = session_question(s);
		return q != NULL ? q->choices.n : 0;
	case SESSION_PH_RESULTS:
		return SESSION_NRESULT_OPTIONS;
	case SESSION_PH_RATE:
		return st->u.rating.scale;
	case SESSION_PH_MAIN:
		return st->kind == STEP_GLOSSARY ? ss->nmatch : 0;
	default:
		return 0;
	}
}

const struct question *
session_question(const struct session *s)
{
	const struct step *st = session_current(s);
	const struct session_step *ss = session_state(s);

	if (st == NULL || st->kind != STEP_QUIZ || st->u.quiz.quiz == NULL)
		return NULL;
	if (ss->phase != SESSION_PH_QUESTION &&
	    ss->phase != SESSION_PH_FEEDBACK)
		return NULL;
	if (ss->pos >= ss->norder)
		return NULL;
	return &st->u.quiz.quiz->questions[ss->order[ss->pos]];
}

/* The focus a screen starts with. */
static int
default_focus(const struct session *s)
{
	const struct session_step *ss = session_state(s);
	const struct step *st = session_current(s);

	if (st != NULL && ss->phase == SESSION_PH_RESULTS) {
		unsigned r, a;

		session_quiz_score(s, s->step, &r, &a);
		return r == nquestions(st) ? SESSION_RESULT_CONTINUE
					   : SESSION_RESULT_RETRY_WRONG;
	}
	return 0;
}

bool
session_goto(struct session *s, size_t i)
{
	if (i >= s->module->nsteps)
		return false;
	if (!s->finished)
		cur(s)->focus = s->focus;
	s->finished = false;
	s->step = i;
	s->focus = cur(s)->focus;
	return true;
}

static enum session_outcome
next_step(struct session *s)
{
	if (s->step + 1 >= s->module->nsteps) {
		cur(s)->focus = s->focus;
		s->finished = true;
		return SESSION_FINISHED;
	}
	session_goto(s, s->step + 1);
	return SESSION_STEP;
}

static enum session_outcome
set_phase(struct session *s, enum session_phase ph)
{
	cur(s)->phase = ph;
	s->focus = default_focus(s);
	return SESSION_CHANGED;
}

static enum session_outcome
choose_sort(struct session *s, const struct step *st, int k)
{
	struct session_step *ss = cur(s);

	ss->placed[ss->item] = k;
	if (++ss->item < st->u.sort.nitems) {
		s->focus = 0;
		return SESSION_CHANGED;
	}
	return set_phase(s, SESSION_PH_SORT_FEEDBACK);
}

static enum session_outcome
choose_result(struct session *s, int k)
{
	unsigned r, a;

	session_quiz_score(s, s->step, &r, &a);
	switch (k) {
	case SESSION_RESULT_RETRY_WRONG:
		if (r == a)
			return SESSION_IGNORED;
		quiz_round(s, s->step, true);
		break;
	case SESSION_RESULT_RETRY_ALL:
		quiz_round(s, s->step, false);
		break;
	default:
		return next_step(s);
	}
	s->focus = 0;
	return SESSION_CHANGED;
}

static enum session_outcome
choose_rating(struct session *s, const struct step *st, int k)
{
	struct session_step *ss = cur(s);

	ss->ratings[ss->item] = k + 1;
	if (ss->item + 1 < st->u.rating.questions.n) {
		ss->item++;
		s->focus = 0;
		return SESSION_CHANGED;
	}
	return next_step(s);
}

/* Choose option k on the current screen. */
static enum session_outcome
choose(struct session *s, int k)
{
	const struct step *st = session_current(s);
	struct session_step *ss = cur(s);

	if (k < 0 || (size_t)k >= session_noptions(s))
		return SESSION_IGNORED;
	s->focus = k;
	switch (ss->phase) {
	case SESSION_PH_PLACE:
		return choose_sort(s, st, k);
	case SESSION_PH_STATEMENT:
		ss->view = k;
		ss->phase = SESSION_PH_REFLECT;
		return SESSION_CHANGED;
	case SESSION_PH_QUESTION:
		ss->answers[ss->order[ss->pos]] = k;
		ss->phase = SESSION_PH_FEEDBACK;
		return SESSION_CHANGED;
	case SESSION_PH_RESULTS:
		return choose_result(s, k);
	case SESSION_PH_RATE:
		return choose_rating(s, st, k);
	default:
		return SESSION_IGNORED; /* glossary: focus only */
	}
}

static enum session_outcome
next(struct session *s)
{
	const struct step *st = session_current(s);
	struct session_step *ss = cur(s);

	switch (ss->phase) {
	case SESSION_PH_MAIN:
		if (st->kind == STEP_TEXT &&
		    ss->revealed < st->u.text.points.n) {
			ss->revealed++;
			return SESSION_CHANGED;
		}
		return next_step(s);
	case SESSION_PH_REFLECT:
		if (ss->item + 1 < st->u.views.nstatements) {
			ss->item++;
			ss->view = -1;
			return set_phase(s, SESSION_PH_STATEMENT);
		}
		ss->view = -1;
		return next_step(s);
	case SESSION_PH_FEEDBACK:
		if (++ss->pos < ss->norder)
			return set_phase(s, SESSION_PH_QUESTION);
		return set_phase(s, SESSION_PH_RESULTS);
	case SESSION_PH_STORY:
		if (st->u.scenario.scenario->questions.n > 0) {
			ss->item = 0;
			return set_phase(s, SESSION_PH_SQUESTION);
		}
		return set_phase(s, SESSION_PH_ACD);
	case SESSION_PH_SQUESTION:
		if (ss->item + 1 < st->u.scenario.scenario->questions.n) {
			ss->item++;
			return SESSION_CHANGED;
		}
		return set_phase(s, SESSION_PH_ACD);
	case SESSION_PH_ACD:
		return set_phase(s, SESSION_PH_POINTS);
	case SESSION_PH_SORT_FEEDBACK:
	case SESSION_PH_POINTS:
		return next_step(s);
	default:
		return choose(s, s->focus);
	}
}

static enum session_outcome
prev_step(struct session *s)
{
	if (s->step == 0)
		return SESSION_IGNORED;
	session_goto(s, s->step - 1);
	return SESSION_STEP;
}

static enum session_outcome
back(struct session *s)
{
	struct session_step *ss;

	if (s->finished) {
		session_goto(s, s->step);
		return SESSION_STEP;
	}
	ss = cur(s);
	switch (ss->phase) {
	case SESSION_PH_REFLECT:
		/* The focus stays on the choice, to change it. */
		ss->view = -1;
		ss->phase = SESSION_PH_STATEMENT;
		return SESSION_CHANGED;
	case SESSION_PH_STATEMENT:
	case SESSION_PH_RATE:
		if (ss->item == 0)
			return prev_step(s);
		ss->item--;
		ss->view = -1;
		s->focus = 0;
		return SESSION_CHANGED;
	case SESSION_PH_SQUESTION:
		if (ss->item == 0)
			return set_phase(s, SESSION_PH_STORY);
		ss->item--;
		return SESSION_CHANGED;
	case SESSION_PH_ACD: {
		size_t nq =
		    step_at(s, s->step)->u.scenario.scenario->questions.n;

		if (nq == 0)
			return set_phase(s, SESSION_PH_STORY);
		ss->item = nq - 1;
		return set_phase(s, SESSION_PH_SQUESTION);
	}
	case SESSION_PH_POINTS:
		return set_phase(s, SESSION_PH_ACD);
	default:
		/* Answers given are kept: a quiz or a sort is left as it is
		 * and found so again. */
		return prev_step(s);
	}
}

static enum session_outcome
glossary_event(struct session *s, const struct session_event *ev)
{
	const struct step *st = session_current(s);
	struct session_step *ss = cur(s);

	if (st == NULL || st->kind != STEP_GLOSSARY)
		return SESSION_IGNORED;
	if (ev->type == SESSION_EV_LETTER) {
		int c = ev->index;

		if (c != 0 &&
		    !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			return SESSION_IGNORED;
		ss->letter = c >= 'a' ? c - 32 : c;
	} else {
		free(ss->search);
		ss->search = ev->text != NULL && ev->text[0] != '\0'
				 ? xstrdup(ev->text)
				 : NULL;
	}
	glossary_filter(s, s->step);
	s->focus = 0;
	return SESSION_CHANGED;
}

enum session_outcome
session_handle(struct session *s, const struct session_event *ev)
{
	size_t n;

	if (s->finished && ev->type != SESSION_EV_BACK)
		return SESSION_IGNORED;
	switch (ev->type) {
	case SESSION_EV_NEXT:
		return next(s);
	case SESSION_EV_BACK:
		return back(s);
	case SESSION_EV_UP:
		if (s->focus <= 0)
			return SESSION_IGNORED;
		s->focus--;
		return SESSION_CHANGED;
	case SESSION_EV_DOWN:
		n = session_noptions(s);
		if (n == 0 || (size_t)s->focus + 1 >= n)
			return SESSION_IGNORED;
		s->focus++;
		return SESSION_CHANGED;
	case SESSION_EV_CHOOSE:
		return choose(s, ev->index);
	case SESSION_EV_RETRY_WRONG:
	case SESSION_EV_RETRY_ALL:
		if (cur(s)->phase != SESSION_PH_RESULTS)
			return SESSION_IGNORED;
		return choose_result(s, ev->type == SESSION_EV_RETRY_WRONG
					    ? SESSION_RESULT_RETRY_WRONG
					    : SESSION_RESULT_RETRY_ALL);
	case SESSION_EV_LETTER:
	case SESSION_EV_SEARCH:
		return glossary_event(s, ev);
	}
	return SESSION_IGNORED;
}

bool
session_worth_saving(const struct session *s, enum session_ev ev,
		     enum session_outcome o)
{
	const struct step *st = session_current(s);

	if (o == SESSION_STEP || o == SESSION_FINISHED)
		return true;
	if (o != SESSION_CHANGED || st == NULL ||
	    (st->kind != STEP_QUIZ && st->kind != STEP_SORT))
		return false;
	return ev == SESSION_EV_NEXT || ev == SESSION_EV_CHOOSE ||
	       ev == SESSION_EV_RETRY_WRONG || ev == SESSION_EV_RETRY_ALL;
}

enum session_outcome
session_do(struct session *s, enum session_ev type)
{
	struct session_event ev = {.type = type, .index = -1, .text = NULL};

	return session_handle(s, &ev);
}

void
session_quiz_score(const struct session *s, size_t step, unsigned *right,
		   unsigned *answered)
{
	const struct step *st = step_at(s, step);
	const struct session_step *ss = &s->steps[step];
	size_t k;

	*right = *answered = 0;
	if (st->kind != STEP_QUIZ || st->u.quiz.quiz == NULL)
		return;
	for (k = 0; k < st->u.quiz.quiz->nquestions; k++) {
		if (ss->answers[k] < 0)
			continue;
		(*answered)++;
		if (ss->answers[k] == (int)st->u.quiz.quiz->questions[k].answer)
			(*right)++;
	}
}

bool
session_quiz_passed(const struct session *s, size_t step)
{
	const struct step *st = step_at(s, step);
	unsigned r, a;

	if (st->kind != STEP_QUIZ || st->u.quiz.quiz == NULL)
		return false;
	session_quiz_score(s, step, &r, &a);
	return complog_score_passes(r, nquestions(st),
				    st->u.quiz.quiz->pass_mark);
}

void
session_score(const struct session *s, unsigned *right, unsigned *total)
{
	size_t i;
	unsigned r, a;

	*right = *total = 0;
	for (i = 0; i < s->module->nsteps; i++) {
		const struct step *st = step_at(s, i);

		if (st->kind != STEP_QUIZ)
			continue;
		session_quiz_score(s, i, &r, &a);
		*right += r;
		*total += (unsigned)nquestions(st);
	}
}

const char *
session_outcome_event(const struct session *s, unsigned *score, unsigned *total,
		      unsigned *pass_mark)
{
	size_t i;

	*pass_mark = 0;
	session_score(s, score, total);
	for (i = 0; i < s->module->nsteps; i++) {
		const struct step *st = step_at(s, i);

		if (st->kind == STEP_QUIZ && st->u.quiz.quiz != NULL) {
			*pass_mark = st->u.quiz.quiz->pass_mark;
			break;
		}
	}
	if (*total == 0)
		return "completed";
	return complog_score_passes(*score, *total, *pass_mark) ? "passed"
								: "failed";
}

void
session_position(const struct session *s, char *buf, size_t len)
{
	const struct step *st = session_current(s);
	const struct session_step *ss = session_state(s);

	if (st == NULL) {
		snprintf(buf, len, "Finished");
		return;
	}
	if (st->kind == STEP_QUIZ && ss->phase != SESSION_PH_RESULTS &&
	    ss->pos < ss->norder) {
		snprintf(buf, len, "Quiz %zu/%zu", ss->order[ss->pos] + 1,
			 nquestions(st));
		return;
	}
	snprintf(buf, len, "Step %zu/%zu", s->step + 1, s->module->nsteps);
}

void
session_export(const struct session *s, struct session_saved *out)
{
	size_t i;

	memset(out, 0, sizeof *out);
	out->step = s->step;
	out->finished = s->finished;
	out->steps = xcalloc(s->module->nsteps + 1, sizeof *out->steps);
	for (i = 0; i < s->module->nsteps; i++) {
		const struct step *st = step_at(s, i);
		const struct session_step *ss = &s->steps[i];
		struct session_saved_step *o = &out->steps[out->nsteps];
		const int *v;

		if (st->kind == STEP_QUIZ) {
			o->n = nquestions(st);
			v = ss->answers;
			o->quiz = true;
		} else if (st->kind == STEP_SORT) {
			o->n = st->u.sort.nitems;
			v = ss->placed;
		} else {
			continue;
		}
		o->step = i;
		o->v = xcalloc(o->n + 1, sizeof(int));
		memcpy(o->v, v, o->n * sizeof(int));
		out->nsteps++;
	}
}

static void
import_sort(struct session *s, size_t i, const struct session_saved_step *in)
{
	const struct step *st = step_at(s, i);
	struct session_step *ss = &s->steps[i];
	size_t k;

	ss->item = 0;
	for (k = 0; k < st->u.sort.nitems; k++) {
		int c = k < in->n ? in->v[k] : -1;

		if (c < 0 || (size_t)c >= st->u.sort.ncategories)
			break;
		ss->placed[k] = c;
		ss->item = k + 1;
	}
	for (k = ss->item; k < st->u.sort.nitems; k++)
		ss->placed[k] = -1;
	ss->phase = ss->item == st->u.sort.nitems ? SESSION_PH_SORT_FEEDBACK
						  : SESSION_PH_PLACE;
}

static void
import_quiz(struct session *s, size_t i, const struct session_saved_step *in)
{
	const struct step *st = step_at(s, i);
	struct session_step *ss = &s->steps[i];
	const struct quiz *q = st->u.quiz.quiz;
	size_t k;

	if (q == NULL)
		return;
	ss->norder = 0;
	for (k = 0; k < q->nquestions; k++) {
		int a = k < in->n ? in->v[k] : -1;

		ss->answers[k] =
		    a >= 0 && (size_t)a < q->questions[k].choices.n ? a : -1;
		if (ss->answers[k] < 0)
			ss->order[ss->norder++] = k;
	}
	ss->pos = 0;
	ss->phase = ss->norder > 0 ? SESSION_PH_QUESTION : SESSION_PH_RESULTS;
}

void
session_import(struct session *s, const struct session_saved *in)
{
	size_t i;

	for (i = 0; i < in->nsteps; i++) {
		const struct session_saved_step *o = &in->steps[i];
		const struct step *st;

		if (o->step >= s->module->nsteps)
			continue;
		st = step_at(s, o->step);
		if (o->quiz && st->kind == STEP_QUIZ)
			import_quiz(s, o->step, o);
		else if (!o->quiz && st->kind == STEP_SORT)
			import_sort(s, o->step, o);
	}
	if (s->module->nsteps == 0)
		return;
	if (in->step < s->module->nsteps)
		s->step = in->step;
	s->finished = in->finished;
	s->focus = default_focus(s);
	s->steps[s->step].focus = s->focus;
}

void
session_saved_free(struct session_saved *sv)
{
	size_t i;

	if (sv == NULL)
		return;
	for (i = 0; i < sv->nsteps; i++)
		free(sv->steps[i].v);
	free(sv->steps);
	sv->steps = NULL;
	sv->nsteps = 0;
}
