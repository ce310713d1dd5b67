/*
 * facil.c: the facilitator's deck of screens, reveals, counts and
 * attendance; saving and resuming are in facil_state.c.
 */
#include "facil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- Building the deck ------------------------------------------------ */

struct deck {
	struct facil_screen *v;
	size_t n;
	size_t cap;
};

static struct facil_screen *
add(struct deck *d, enum facil_kind kind, size_t section, struct module *m)
{
	struct facil_screen *s;

	if (d->n == d->cap) {
		d->cap = d->cap != 0 ? d->cap * 2 : 32;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	s = &d->v[d->n++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->section = section;
	s->module = m;
	s->began = -1;
	return s;
}

/* A small xorshift generator: the game's order comes from the seed. */
static unsigned long
next_random(unsigned long *state)
{
	unsigned long x = *state != 0 ? *state : 0x9e3779b97f4a7c15ul;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

size_t *
facil_shuffled(size_t n, unsigned long *state)
{
	size_t *v = xcalloc(n != 0 ? n : 1, sizeof *v), i, j, t;

	for (i = 0; i < n; i++)
		v[i] = i;
	for (i = n; i > 1; i--) {
		j = next_random(state) % i;
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
	return v;
}

static void
add_step(struct deck *d, size_t sec, struct module *m, size_t k,
	 unsigned long *rnd)
{
	const struct step *st =
	    content_step_for(&m->steps[k], CONTENT_CLASSROOM);
	struct facil_screen *s;
	size_t i, n = 1;
	enum facil_kind kind = FACIL_TEXT;

	switch (st->kind) {
	case STEP_TEXT:
		kind = FACIL_TEXT;
		break;
	case STEP_SORT:
		kind = FACIL_SORT;
		break;
	case STEP_VIEWS:
		kind = FACIL_VIEW;
		n = st->u.views.nstatements;
		break;
	case STEP_QUIZ:
		s = add(d, FACIL_TITLE, sec, m);
		s->step = st;
		s->stepno = k;
		kind = FACIL_QUESTION;
		n = st->u.quiz.quiz->nquestions;
		break;
	case STEP_SCENARIO:
		kind = FACIL_SCENARIO;
		break;
	case STEP_GLOSSARY:
		kind = FACIL_GLOSSARY;
		break;
	case STEP_RATING:
		kind = FACIL_RATING;
		n = st->u.rating.questions.n;
		break;
	case STEP_REFLECTION:
		kind = FACIL_REFLECTION;
		break;
	case STEP_BREAK:
		kind = FACIL_BREAK;
		break;
	}
	for (i = 0; i < n; i++) {
		s = add(d, kind, sec, m);
		s->step = st;
		s->stepno = k;
		s->item = i;
		if (kind == FACIL_SORT) {
			s->placed =
			    xcalloc(st->u.sort.nitems + 1, sizeof *s->placed);
			memset(s->placed, 0xff,
			       st->u.sort.nitems * sizeof *s->placed);
		}
		if (kind == FACIL_GLOSSARY)
			s->order = facil_shuffled(st->u.glossary.nterms, rnd);
	}
}

/* Pair each "after" rating with the last "before" of the same set. */
static void
find_pairs(struct facil *f)
{
	size_t i, j;
	const struct step *a, *b;

	for (i = 0; i < f->n; i++) {
		a = f->screens[i].step;
		if (f->screens[i].kind != FACIL_RATING ||
		    f->screens[i].item != 0 || !a->u.rating.after)
			continue;
		for (j = i; j-- > 0;) {
			b = f->screens[j].step;
			if (f->screens[j].kind == FACIL_RATING &&
			    f->screens[j].item == 0 && !b->u.rating.after &&
			    strcmp(b->u.rating.set, a->u.rating.set) == 0 &&
			    b->u.rating.questions.n ==
				a->u.rating.questions.n) {
				f->pairs = xreallocarray(
				    f->pairs, f->npairs + 1, sizeof *f->pairs);
				f->pairs[f->npairs].before = b;
				f->pairs[f->npairs].after = a;
				f->pairs[f->npairs].before_screen = j;
				f->npairs++;
				break;
			}
		}
	}
}

struct facil *
facil_new(struct content *c, struct module *module, unsigned long seed)
{
	struct agenda *a = agenda_new(c, module);
	struct facil *f;
	struct deck d = {0};
	unsigned long rnd = seed;
	size_t sec, k;

	if (a == NULL)
		return NULL;
	f = xcalloc(1, sizeof *f);
	f->content = c;
	f->module = module;
	f->agenda = a;
	f->roster = roster_new();
	f->seed = seed;
	tally_set_init(&f->tallies);
	add(&d, FACIL_AGENDA, 0, NULL);
	for (sec = 0; sec < a->n; sec++) {
		struct module *m = a->v[sec].module;

		if (m == NULL) {
			add(&d, FACIL_BREAK, sec, NULL);
			continue;
		}
		add(&d, FACIL_TITLE, sec, m);
		for (k = 0; k < m->nsteps; k++)
			add_step(&d, sec, m, k, &rnd);
	}
	f->screens = d.v;
	f->n = d.n;
	find_pairs(f);
	f->session_signed = xcalloc(f->npairs + 1, sizeof *f->session_signed);
	if (f->npairs != 0)
		add(&d, FACIL_CLOSE, a->n, NULL);
	add(&d, FACIL_END, a->n, NULL);
	f->screens = d.v;
	f->n = d.n;
	return f;
}

void
facil_free(struct facil *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		free(f->screens[i].placed);
		free(f->screens[i].order);
	}
	for (i = 0; i < f->nrecords; i++) {
		free(f->records[i].name);
		free(f->records[i].staff_id);
	}
	free(f->records);
	for (i = 0; i < f->npairs; i++)
		free(f->session_signed[i]);
	free(f->session_signed);
	free(f->screens);
	free(f->pairs);
	agenda_free(f->agenda);
	roster_free(f->roster);
	tally_set_free(&f->tallies);
	free(f);
}

const struct facil_screen *
facil_screen(const struct facil *f)
{
	return &f->screens[f->cur];
}

/* ---- Counts ------------------------------------------------------------ */

size_t
facil_tally_key(const struct facil *f, const struct facil_screen *s, char *buf,
		size_t len)
{
	const struct step *st = s->step;

	(void)f;
	switch (s->kind) {
	case FACIL_QUESTION: {
		const struct quiz *q = st->u.quiz.quiz;

		snprintf(buf, len, "quiz/%s/%s", q->id,
			 q->questions[s->item].id);
		return q->questions[s->item].choices.n;
	}
	case FACIL_VIEW:
		snprintf(buf, len, "views/%s/%zu/%zu", s->module->id, s->stepno,
			 s->item);
		return TALLY_NVIEWS;
	case FACIL_RATING:
		snprintf(buf, len, "rating/%s/%s/%zu", st->u.rating.set,
			 st->u.rating.after ? "after" : "before", s->item);
		return st->u.rating.scale;
	default:
		if (len > 0)
			buf[0] = '\0';
		return 0;
	}
}

struct tally *
facil_tally(struct facil *f, const struct facil_screen *s)
{
	char key[512];
	size_t n = facil_tally_key(f, s, key, sizeof key);

	return n != 0 ? tally_get(&f->tallies, key, n) : NULL;
}

void
facil_pair_tallies(const struct facil *f, const struct facil_pair *p, size_t q,
		   const struct tally **before, const struct tally **after)
{
	char key[512];

	snprintf(key, sizeof key, "rating/%s/before/%zu",
		 p->before->u.rating.set, q);
	*before = tally_find(&f->tallies, key);
	snprintf(key, sizeof key, "rating/%s/after/%zu", p->after->u.rating.set,
		 q);
	*after = tally_find(&f->tallies, key);
}

/* ---- Moving ------------------------------------------------------------ */

unsigned
facil_reveal_stages(const struct facil *f, const struct facil_screen *s)
{
	(void)f;
	switch (s->kind) {
	case FACIL_SORT:
	case FACIL_QUESTION:
	case FACIL_GLOSSARY:
		return 1;
	case FACIL_VIEW:
		return s->step->u.views.statements[s->item].prompts.n != 0;
	case FACIL_SCENARIO:
		return s->step->u.scenario.scenario->points.n != 0 ? 2 : 1;
	default:
		return 0;
	}
}

int
facil_nchoices(const struct facil *f, const struct facil_screen *s)
{
	char key[8];

	if (s->kind == FACIL_SORT)
		return (int)s->step->u.sort.ncategories;
	return (int)facil_tally_key(f, s, key, sizeof key);
}

static enum facil_outcome
move_to(struct facil *f, size_t i, long long now)
{
	struct facil_screen *s;
	struct agenda *a = f->agenda;

	if (i >= f->n || i == f->cur)
		return FACIL_IGNORED;
	f->cur = i;
	s = &f->screens[i];
	if (s->kind == FACIL_END || s->kind == FACIL_CLOSE) {
		agenda_end(a, now);
	} else if (s->kind != FACIL_AGENDA) {
		if (!a->started)
			agenda_begin(a, now, f->late);
		if (a->ended || a->cur != s->section)
			agenda_goto(a, s->section, now);
	}
	if (s->kind == FACIL_SCENARIO && s->began < 0)
		s->began = now;
	return FACIL_MOVED;
}

static enum facil_outcome
next(struct facil *f, long long now)
{
	struct facil_screen *s = &f->screens[f->cur];

	if (s->kind == FACIL_TEXT && s->shown < s->step->u.text.points.n) {
		s->shown++;
		return FACIL_CHANGED;
	}
	if (s->kind == FACIL_GLOSSARY &&
	    s->pos + 1 < s->step->u.glossary.nterms) {
		s->pos++;
		s->revealed = 0;
		return FACIL_CHANGED;
	}
	return move_to(f, f->cur + 1, now);
}

/* The first screen after the current step (a quiz's title skips the
 * whole quiz). */
static size_t
after_step(const struct facil *f)
{
	const struct facil_screen *s = &f->screens[f->cur];
	size_t i = f->cur + 1;

	while (s->step != NULL && i < f->n &&
	       f->screens[i].section == s->section &&
	       f->screens[i].step == s->step)
		i++;
	return i < f->n ? i : f->n - 1;
}

static enum facil_outcome
place(struct facil *f, long k)
{
	struct facil_screen *s = &f->screens[f->cur];

	if (s->kind != FACIL_SORT || k < 0 ||
	    (size_t)k >= s->step->u.sort.ncategories ||
	    s->sort_item >= s->step->u.sort.nitems)
		return FACIL_IGNORED;
	s->placed[s->sort_item] = (int)k;
	s->focus = (int)k;
	if (s->sort_item < s->step->u.sort.nitems)
		s->sort_item++;
	return FACIL_CHANGED;
}

static enum facil_outcome
count(struct facil *f, long v, bool set)
{
	struct facil_screen *s = &f->screens[f->cur];
	struct tally *t = facil_tally(f, s);

	if (t == NULL || s->focus < 0 || (size_t)s->focus >= t->n)
		return FACIL_IGNORED;
	if (v > (long)TALLY_MAX_COUNT)
		v = (long)TALLY_MAX_COUNT;
	if (v < -(long)TALLY_MAX_COUNT)
		v = -(long)TALLY_MAX_COUNT;
	if (set)
		tally_put(t, (size_t)s->focus, v < 0 ? 0 : (unsigned)v);
	else
		tally_add(t, (size_t)s->focus, (int)v);
	return FACIL_CHANGED;
}

static enum facil_outcome
focus(struct facil *f, long to)
{
	struct facil_screen *s = &f->screens[f->cur];
	int n = facil_nchoices(f, s);

	if (n == 0)
		return FACIL_IGNORED;
	if (to < 0)
		to = 0;
	if (to >= n)
		to = n - 1;
	if (s->focus == (int)to)
		return FACIL_IGNORED;
	s->focus = (int)to;
	return FACIL_CHANGED;
}

enum facil_outcome
facil_handle(struct facil *f, const struct facil_event *ev, long long now)
{
	struct facil_screen *s = &f->screens[f->cur];
	size_t i;

	switch (ev->type) {
	case FACIL_EV_NEXT:
		return next(f, now);
	case FACIL_EV_BACK:
		return f->cur > 0 ? move_to(f, f->cur - 1, now) : FACIL_IGNORED;
	case FACIL_EV_REVEAL:
		if (s->revealed >= facil_reveal_stages(f, s))
			return FACIL_IGNORED;
		s->revealed++;
		return FACIL_CHANGED;
	case FACIL_EV_HIDE:
		if (s->revealed == 0)
			return FACIL_IGNORED;
		s->revealed--;
		return FACIL_CHANGED;
	case FACIL_EV_NOTES:
		f->notes_on = !f->notes_on;
		return FACIL_CHANGED;
	case FACIL_EV_UP:
		return focus(f, s->focus - 1);
	case FACIL_EV_DOWN:
		return focus(f, s->focus + 1);
	case FACIL_EV_FOCUS:
		return focus(f, ev->index);
	case FACIL_EV_COUNT:
		return count(f, ev->index, false);
	case FACIL_EV_SET_COUNT:
		return count(f, ev->index, true);
	case FACIL_EV_PLACE:
		return place(f, ev->index);
	case FACIL_EV_SKIP:
		return move_to(f, after_step(f), now);
	case FACIL_EV_SECTION:
		for (i = 0; i < f->n; i++)
			if (f->screens[i].kind != FACIL_AGENDA &&
			    ev->index >= 0 &&
			    f->screens[i].section == (size_t)ev->index)
				return move_to(f, i, now);
		return FACIL_IGNORED;
	case FACIL_EV_GOTO:
		return ev->index >= 0 ? move_to(f, (size_t)ev->index, now)
				      : FACIL_IGNORED;
	case FACIL_EV_TIMER:
		if (s->kind != FACIL_SCENARIO)
			return FACIL_IGNORED;
		s->began = now;
		return FACIL_CHANGED;
	}
	return FACIL_IGNORED;
}

enum facil_outcome
facil_do(struct facil *f, enum facil_ev type, long long now)
{
	struct facil_event ev = {type, 0};

	return facil_handle(f, &ev, now);
}

/* ---- Text for the screens and the notes follower ---------------------- */

static void
add_para(struct strbuf *b, const char *s)
{
	if (s == NULL || s[0] == '\0')
		return;
	if (b->len != 0)
		strbuf_adds(b, "\n\n");
	strbuf_adds(b, s);
}

char *
facil_notes(const struct facil *f, const struct facil_screen *s)
{
	struct strbuf b;
	const struct step *st = s->step;
	size_t i;

	(void)f;
	strbuf_init(&b);
	if (st != NULL)
		add_para(&b, st->notes);
	if (s->kind == FACIL_QUESTION)
		add_para(&b, st->u.quiz.quiz->questions[s->item].notes);
	if (s->kind == FACIL_SCENARIO)
		add_para(&b, st->u.scenario.scenario->notes);
	if (s->kind == FACIL_GLOSSARY && st->u.glossary.nterms != 0)
		add_para(&b, st->u.glossary.terms[s->order[s->pos]].note);
	if (s->kind == FACIL_VIEW) {
		const struct strlist *p =
		    &st->u.views.statements[s->item].prompts;

		for (i = 0; i < p->n; i++) {
			if (b.len != 0)
				strbuf_adds(&b, i == 0 ? "\n\n" : "\n");
			strbuf_addf(&b, "- %s", p->v[i]);
		}
	}
	if (b.len == 0) {
		strbuf_free(&b);
		return NULL;
	}
	return strbuf_detach(&b);
}

static const char *
step_title(const struct step *st)
{
	if (st->kind == STEP_QUIZ)
		return st->u.quiz.quiz->title;
	if (st->kind == STEP_SCENARIO)
		return st->u.scenario.scenario->title;
	return st->title != NULL ? st->title : content_step_kind_name(st->kind);
}

char *
facil_title(const struct facil *f, const struct facil_screen *s)
{
	const struct agenda *a = f->agenda;

	switch (s->kind) {
	case FACIL_AGENDA:
		return xstrdup(f->content->programme != NULL &&
				       f->module == NULL
				   ? f->content->programme->title
				   : "Agenda");
	case FACIL_CLOSE:
		return xstrdup("Confidence before and after");
	case FACIL_END:
		return xstrdup("Attendance");
	case FACIL_BREAK:
		if (s->step == NULL)
			return xstrdup(a->v[s->section].title);
		break;
	case FACIL_TITLE:
		if (s->step == NULL)
			return xstrdup(s->module->title);
		break;
	case FACIL_QUESTION:
		return xasprintf("%s %zu/%zu", step_title(s->step), s->item + 1,
				 s->step->u.quiz.quiz->nquestions);
	case FACIL_VIEW:
		if (s->step->u.views.nstatements > 1)
			return xasprintf("%s %zu/%zu", step_title(s->step),
					 s->item + 1,
					 s->step->u.views.nstatements);
		break;
	case FACIL_RATING:
		if (s->step->u.rating.questions.n > 1)
			return xasprintf("%s %zu/%zu", step_title(s->step),
					 s->item + 1,
					 s->step->u.rating.questions.n);
		break;
	default:
		break;
	}
	return xstrdup(step_title(s->step));
}

void
facil_position(const struct facil *f, char *buf, size_t len)
{
	const struct facil_screen *s = facil_screen(f);
	size_t i, first = f->cur, last = f->cur;

	if (s->kind == FACIL_AGENDA || s->section >= f->agenda->n) {
		char *t = facil_title(f, s);

		snprintf(buf, len, "%s", t);
		free(t);
		return;
	}
	while (first > 0 && f->screens[first - 1].section == s->section &&
	       f->screens[first - 1].kind != FACIL_AGENDA)
		first--;
	for (i = f->cur; i < f->n && f->screens[i].section == s->section; i++)
		last = i;
	snprintf(buf, len, "%s %zu/%zu", f->agenda->v[s->section].title,
		 f->cur - first + 1, last - first + 1);
}

/* ---- Attendance -------------------------------------------------------- */

size_t
facil_attended(const struct facil *f, size_t i, struct module ***out)
{
	const struct agenda *a = f->agenda;
	size_t sec, n = 0, k;

	*out = xcalloc(a->n + 1, sizeof **out);
	for (sec = 0; sec < a->n; sec++) {
		struct module *m = a->v[sec].module;

		if (m == NULL || !a->v[sec].visited ||
		    !roster_attended(f->roster, i, sec))
			continue;
		for (k = 0; k < n && (*out)[k] != m; k++)
			;
		if (k == n)
			(*out)[n++] = m;
	}
	return n;
}

static bool
same_text(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

bool
facil_is_signed(const struct facil *f, size_t i, const struct module *m)
{
	const struct roster_person *p = &f->roster->v[i];
	size_t k;

	for (k = 0; k < f->nrecords; k++)
		if (f->records[k].module == m &&
		    strcmp(f->records[k].name, p->name) == 0 &&
		    same_text(f->records[k].staff_id, p->staff_id))
			return true;
	return false;
}

void
facil_add_signed(struct facil *f, size_t i, const struct module *m)
{
	const struct roster_person *p = &f->roster->v[i];
	struct facil_record *r;

	if (facil_is_signed(f, i, m))
		return;
	f->records =
	    xreallocarray(f->records, f->nrecords + 1, sizeof *f->records);
	r = &f->records[f->nrecords++];
	r->name = xstrdup(p->name);
	r->staff_id = p->staff_id != NULL ? xstrdup(p->staff_id) : NULL;
	r->module = m;
}

static size_t
current_section(const struct facil *f)
{
	const struct agenda *a = f->agenda;

	if (!a->started)
		return 0;
	return a->cur < a->n ? a->cur : (a->n != 0 ? a->n - 1 : 0);
}

void
facil_mark_present(struct facil *f, size_t i)
{
	roster_mark_present(f->roster, i, current_section(f),
			    f->agenda->started);
}

void
facil_mark_left(struct facil *f, size_t i)
{
	roster_mark_left(f->roster, i, current_section(f));
}

const char *
facil_session_signed(const struct facil *f, size_t p)
{
	return p < f->npairs ? f->session_signed[p] : NULL;
}

void
facil_set_session_signed(struct facil *f, size_t p, const char *counts)
{
	if (p >= f->npairs)
		return;
	free(f->session_signed[p]);
	f->session_signed[p] = counts != NULL ? xstrdup(counts) : NULL;
}
