/*
 * fac_show.c: what each kind of facilitator screen shows (agenda, title,
 * text, sort, views, quiz question, scenario, glossary, ratings, close, the
 * end of the day), as a body of lines for the main screen.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdlib.h>

#include "fac.h"
#include "sign.h"
#include "util.h"

/* ---- What each kind of screen shows ----------------------------------- */

void
fac_show_agenda(struct ui *u, struct fac *fa, struct fac_body *b, bool pick)
{
	const struct agenda *a = fa->f->agenda;
	char t[16], d[64];
	size_t i;

	for (i = 0; i < a->n; i++) {
		const struct agenda_section *s = &a->v[i];
		bool here = a->started && !a->ended && a->cur == i;
		bool done = a->started && (a->ended || i < a->cur);

		if (pick ? (int)i == fa->agenda_focus : here)
			b->focus_line = (int)b->l.n;
		agenda_clock_text(s->start, t, sizeof t);
		fac_body_fmt(b, 0, here ? UI_S_TITLE : UI_S_TEXT,
			     "%s %s  %s  (%u min%s)%s%s",
			     (pick ? (int)i == fa->agenda_focus : here)
				 ? ui_pointer(u)
				 : " ",
			     t, s->title, s->minutes,
			     s->kind == PROGRAMME_BREAK ? ", break" : "",
			     done ? "  " : "", done ? ui_mark(u, true) : "");
		/* Spacing, when the whole day still fits the screen. */
		if ((int)a->n * 2 + 12 <= u->rows)
			fac_body_blank(b);
	}
	agenda_clock_text(agenda_planned_end(a), t, sizeof t);
	fac_body_fmt(b, 2, UI_S_DIM, "Ends %s", t);
	if (a->started && fa->f->notes_on) {
		fac_body_blank(b);
		fac_body_fmt(
		    b, 2, UI_S_TEXT, "The day is %s.",
		    agenda_drift_text(agenda_drift(a, fac_now()), d, sizeof d));
	} else if (!pick) {
		fac_body_blank(b);
		fac_body_text(b, "Enter begins the day.", 2, 2, UI_S_DIM);
		fac_body_fmt(b, 2, UI_S_DIM,
			     "p: the people in the room (%zu here of %zu).",
			     roster_count_present(fa->f->roster),
			     fa->f->roster->n);
	}
}

static void
show_title(struct fac_body *b, const struct facil_screen *s)
{
	if (s->step == NULL) {
		const struct module *m = s->module;

		if (m->summary != NULL)
			fac_body_text(b, m->summary, 0, 0, UI_S_TEXT);
		fac_body_blank(b);
		fac_body_fmt(b, 0, UI_S_DIM, "%zu steps", m->nsteps);
		return;
	}
	const struct quiz *q = s->step->u.quiz.quiz;

	if (content_quiz_intro(q, CONTENT_CLASSROOM) != NULL)
		fac_body_text(b, content_quiz_intro(q, CONTENT_CLASSROOM), 0, 0,
			      UI_S_TEXT);
	fac_body_blank(b);
	fac_body_text(
	    b,
	    fac_body_keep(b,
			  xasprintf("%zu questions. Take a show of hands for "
				    "each answer; the answer is revealed "
				    "afterwards.",
				    q->nquestions)),
	    0, 0, UI_S_TEXT);
}

static void
show_text(struct ui *u, struct fac_body *b, const struct facil_screen *s)
{
	const struct step *st = s->step;
	size_t i, n = st->u.text.points.n;

	if (st->u.text.body != NULL) {
		fac_body_text(b, st->u.text.body, 0, 0, UI_S_TEXT);
		fac_body_blank(b);
	}
	for (i = 0; i < s->shown && i < n; i++) {
		fac_body_fmt(b, 2, UI_S_TEXT, "%s %s", fac_bullet(u),
			     st->u.text.points.v[i]);
		fac_body_blank(b);
	}
	if (s->shown < n)
		fac_body_fmt(b, 2, UI_S_DIM, "(%zu more: Enter)", n - s->shown);
	for (i = 0; i < st->u.text.cite.n; i++)
		fac_body_fmt(b, 2, UI_S_CITE, "Source: %s",
			     st->u.text.cite.v[i]);
}

static void
show_sort(struct ui *u, struct fac_body *b, const struct facil_screen *s)
{
	const struct step *st = s->step;
	size_t i, n = st->u.sort.nitems;

	fac_body_text(b, st->u.sort.prompt, 0, 0, UI_S_TEXT);
	fac_body_blank(b);
	if (s->sort_item < n) {
		fac_body_fmt(b, 0, UI_S_DIM,
			     "Item %zu of %zu:", s->sort_item + 1, n);
		fac_body_fmt(b, 2, UI_S_TITLE, "%s",
			     st->u.sort.items[s->sort_item].text);
		fac_body_blank(b);
		for (i = 0; i < st->u.sort.ncategories; i++) {
			if ((int)i == s->focus)
				b->focus_line = (int)b->l.n;
			fac_body_fmt(b, 2, UI_S_TEXT, "%s %zu %s",
				     (int)i == s->focus ? ui_pointer(u) : " ",
				     i + 1, st->u.sort.categories[i].label);
		}
		fac_body_blank(b);
	}
	/* While placing, the last few placed; then all of them. */
	for (i = s->revealed == 0 && s->sort_item < n && s->sort_item > 3
		     ? s->sort_item - 3
		     : 0;
	     i < n; i++) {
		const struct sort_item *it = &st->u.sort.items[i];
		int p = s->placed[i];

		if (p < 0 && s->revealed == 0)
			continue;
		if (s->revealed == 0) {
			fac_body_fmt(b, 2, UI_S_TEXT, "%s: %s", it->text,
				     st->u.sort.categories[p].label);
			continue;
		}
		fac_body_fmt(
		    b, 2, p == (int)it->category ? UI_S_RIGHT : UI_S_TEXT,
		    "%s %s: %s",
		    p < 0 ? " " : ui_mark(u, p == (int)it->category), it->text,
		    st->u.sort.categories[it->category].label);
		fac_body_fmt(b, 6, UI_S_TEXT, "%s", it->reason);
	}
	if (s->revealed == 0 && s->sort_item >= n)
		fac_body_fmt(b, 0, UI_S_DIM,
			     "All placed: r reveals the reasons.");
}

static void
show_view(struct ui *u, struct fac *fa, struct fac_body *b,
	  const struct facil_screen *s)
{
	const struct view_statement *vs = &s->step->u.views.statements[s->item];
	static const char *const labels[] = {"Agree", "Disagree", "Unsure"};
	const struct tally *t = facil_tally(fa->f, s);

	/* Wrapped lines line up after the opening quote. */
	fac_body_text(b, fac_body_keep(b, xasprintf("\"%s\"", vs->text)), 0, 1,
		      UI_S_TITLE);
	fac_body_blank(b);
	fac_body_bars(u, b, t, labels, s->focus, 0, -1);
	fac_body_text(b, "Counted anonymously; nothing individual is kept.", 0,
		      0, UI_S_DIM);
	if (s->revealed != 0) {
		fac_body_blank(b);
		fac_body_text(b, "To discuss:", 0, 0, UI_S_TITLE);
		fac_body_list(b, &vs->prompts, fac_bullet(u));
	}
}

static void
show_question(struct ui *u, struct fac *fa, struct fac_body *b,
	      const struct facil_screen *s)
{
	const struct question *q = &s->step->u.quiz.quiz->questions[s->item];
	const struct tally *t = facil_tally(fa->f, s);

	fac_body_text(b, q->text, 0, 0, UI_S_TITLE);
	fac_body_blank(b);
	fac_body_bars(u, b, t, (const char *const *)q->choices.v, s->focus, 0,
		      s->revealed != 0 ? (int)q->answer : -1);
	if (s->revealed == 0)
		return;
	fac_body_fmt(b, 0, UI_S_RIGHT, "%s Answer: %s", ui_mark(u, true),
		     q->choices.v[q->answer]);
	fac_body_text(b, q->explanation, 2, 2, UI_S_TEXT);
	fac_body_fmt(b, 2, UI_S_CITE, "Source: %s", q->cite);
}

static void
show_scenario(struct ui *u, struct fac_body *b, const struct facil_screen *s)
{
	const struct scenario *sc = s->step->u.scenario.scenario;
	long long e = s->began >= 0 ? fac_now() - s->began : 0;
	size_t i;

	fac_body_text(b, sc->story, 0, 0, UI_S_TEXT);
	fac_body_blank(b);
	for (i = 0; i < sc->questions.n; i++)
		fac_body_fmt(b, 2, UI_S_TITLE, "%zu. %s", i + 1,
			     sc->questions.v[i]);
	fac_body_blank(b);
	fac_body_fmt(b, 0, UI_S_DIM, "Discussion %lld:%02lld", e / 60, e % 60);
	if (s->revealed >= 1) {
		fac_body_blank(b);
		fac_body_text(b, "Ask", 0, 0, UI_S_TITLE);
		fac_body_list(b, &sc->ask, fac_bullet(u));
		fac_body_text(b, "Check", 0, 0, UI_S_TITLE);
		fac_body_list(b, &sc->check, fac_bullet(u));
		fac_body_text(b, "Do", 0, 0, UI_S_TITLE);
		fac_body_list(b, &sc->act, fac_bullet(u));
	}
	if (s->revealed >= 2) {
		fac_body_blank(b);
		fac_body_text(b, "Points a good answer covers", 0, 0,
			      UI_S_TITLE);
		fac_body_list(b, &sc->points, fac_bullet(u));
	}
	if (s->revealed >= 1)
		for (i = 0; i < sc->law.n; i++)
			fac_body_fmt(b, 2, UI_S_CITE, "Law: %s", sc->law.v[i]);
}

static void
show_glossary(struct fac_body *b, const struct facil_screen *s)
{
	const struct step *st = s->step;
	const struct glossary_term *t;

	if (st->u.glossary.nterms == 0)
		return;
	t = &st->u.glossary.terms[s->order[s->pos]];
	fac_body_fmt(b, 0, UI_S_DIM, "%s: term %zu of %zu",
		     fac_step_heading(s) ? fac_step_heading(s) : "Words",
		     s->pos + 1, st->u.glossary.nterms);
	fac_body_fmt(b, 0, UI_S_TITLE, "What does \"%s\" mean?", t->term);
	fac_body_blank(b);
	if (s->revealed != 0)
		fac_body_text(b, t->definition, 2, 2, UI_S_TEXT);
}

static void
show_rating(struct ui *u, struct fac *fa, struct fac_body *b,
	    const struct facil_screen *s)
{
	const struct step *st = s->step;
	const struct tally *t = facil_tally(fa->f, s);
	char **labels = xcalloc(t->n, sizeof *labels);
	size_t i;

	if (st->u.rating.prompt != NULL) {
		fac_body_text(b, st->u.rating.prompt, 0, 0, UI_S_TEXT);
		fac_body_blank(b);
	}
	fac_body_text(b, st->u.rating.questions.v[s->item], 0, 0, UI_S_TITLE);
	fac_body_blank(b);
	for (i = 0; i < t->n; i++)
		labels[i] = xasprintf("%zu %s", i + 1,
				      i == 0	      ? st->u.rating.low
				      : i + 1 == t->n ? st->u.rating.high
						      : "");
	fac_body_bars(u, b, t, (const char *const *)labels, s->focus, 0, -1);
	for (i = 0; i < t->n; i++)
		free(labels[i]);
	free(labels);
	fac_body_text(b, "Counted anonymously; nothing individual is kept.", 0,
		      0, UI_S_DIM);
}

static void
show_close(struct ui *u, struct fac *fa, struct fac_body *b)
{
	const struct facil *f = fa->f;
	struct tally_bar bb[TALLY_MAX_CHOICES], ab[TALLY_MAX_CHOICES];
	size_t p, q, v;
	unsigned zero[TALLY_MAX_CHOICES] = {0};

	for (p = 0; p < f->npairs; p++) {
		const struct facil_pair *pr = &f->pairs[p];
		unsigned scale = pr->before->u.rating.scale, big, w;

		for (q = 0; q < pr->before->u.rating.questions.n; q++) {
			const struct tally *bt, *at;

			facil_pair_tallies(f, pr, q, &bt, &at);
			big = 0;
			for (v = 0; v < scale; v++) {
				unsigned x = bt && v < bt->n ? bt->count[v] : 0;
				unsigned y = at && v < at->n ? at->count[v] : 0;

				big = x > big ? x : big;
				big = y > big ? y : big;
			}
			w = (unsigned)(b->width / 2 - 16 > 4 ? b->width / 2 - 16
							     : 4);
			tally_layout(bt ? bt->count : zero, scale, big, w, bb);
			tally_layout(at ? at->count : zero, scale, big, w, ab);
			fac_body_text(b, pr->before->u.rating.questions.v[q], 0,
				      0, UI_S_TITLE);
			fac_body_fmt(b, 0, UI_S_DIM, "%-*s%s", (int)w + 12,
				     "   Before", "After");
			for (v = 0; v < scale; v++) {
				char *x = fac_bar_text(u, bb[v].cells);
				char *y = fac_bar_text(u, ab[v].cells);
				int px = (int)w - (int)bb[v].cells;

				fac_body_fmt(b, 0, UI_S_TEXT,
					     "%2zu %s%*s %3u    %s%*s %3u",
					     v + 1, x, px, "", bb[v].count, y,
					     (int)w - (int)ab[v].cells, "",
					     ab[v].count);
				free(x);
				free(y);
			}
			fac_body_fmt(b, 0, UI_S_DIM, "1 = %s, %u = %s",
				     pr->before->u.rating.low, scale,
				     pr->before->u.rating.high);
			fac_body_blank(b);
		}
	}
}

static void
show_end(struct ui *u, struct fac *fa, struct fac_body *b)
{
	const struct roster *r = fa->f->roster;
	struct module **mods;
	size_t i, k, n, came = 0, unsigned_left = 0;

	if (fa->sign_msg[0] != '\0') {
		fac_body_text(b, fa->sign_msg, 0, 0,
			      fa->sign_ok ? UI_S_RIGHT : UI_S_WRONG);
		fac_body_blank(b);
	}
	for (i = 0; i < r->n; i++) {
		struct strbuf s;

		n = facil_attended(fa->f, i, &mods);
		if (n == 0) {
			free(mods);
			continue;
		}
		came++;
		strbuf_init(&s);
		for (k = 0; k < n; k++) {
			bool done = facil_is_signed(fa->f, i, mods[k]);

			unsigned_left += !done;
			strbuf_addf(&s, "%s%s%s", k ? ", " : "", mods[k]->title,
				    done ? " (signed)" : "");
		}
		fac_body_fmt(b, 0, UI_S_TEXT, "%s %s%s%s%s: %s",
			     ui_mark(u, true), r->v[i].name,
			     r->v[i].staff_id ? " (" : "",
			     r->v[i].staff_id ? r->v[i].staff_id : "",
			     r->v[i].staff_id ? ")" : "", s.s);
		strbuf_free(&s);
		free(mods);
	}
	if (came == 0)
		fac_body_text(
		    b,
		    "Nobody is marked present yet: p opens the people "
		    "in the room.",
		    0, 0, UI_S_DIM);
	else if (unsigned_left != 0)
		fac_body_text(b,
			      "s signs one attendance record per person and "
			      "module with your key, and the room's confidence "
			      "counts; b goes back to the day.",
			      0, 0, UI_S_DIM);
	else if (attendance_sessions_due(fa->f) != 0)
		fac_body_text(b,
			      "The confidence counts changed since they were "
			      "signed: s signs them again.",
			      0, 0, UI_S_DIM);
}

void
fac_build_body(struct ui *u, struct fac *fa, struct fac_body *b,
	       const struct facil_screen *s)
{
	switch (s->kind) {
	case FACIL_AGENDA:
		fac_show_agenda(u, fa, b, false);
		break;
	case FACIL_TITLE:
		show_title(b, s);
		break;
	case FACIL_BREAK: {
		const struct agenda_section *sec =
		    &fa->f->agenda->v[s->section];
		unsigned m = s->step ? s->step->u.brk.minutes : sec->minutes;
		char t[16];

		fac_body_fmt(b, 0, UI_S_TEXT, "A %u-minute break.", m);
		if (s->step == NULL)
			fac_body_fmt(
			    b, 0, UI_S_DIM, "Back at %s.",
			    agenda_clock_text(sec->start + m, t, sizeof t));
		break;
	}
	case FACIL_TEXT:
		show_text(u, b, s);
		break;
	case FACIL_SORT:
		show_sort(u, b, s);
		break;
	case FACIL_VIEW:
		show_view(u, fa, b, s);
		break;
	case FACIL_QUESTION:
		show_question(u, fa, b, s);
		break;
	case FACIL_SCENARIO:
		show_scenario(u, b, s);
		break;
	case FACIL_GLOSSARY:
		show_glossary(b, s);
		break;
	case FACIL_RATING:
		show_rating(u, fa, b, s);
		break;
	case FACIL_REFLECTION:
		fac_body_list(b, &s->step->u.reflection.prompts, fac_bullet(u));
		fac_body_blank(b);
		fac_body_text(b, "Nothing you think here is recorded.", 0, 0,
			      UI_S_DIM);
		break;
	case FACIL_CLOSE:
		show_close(u, fa, b);
		break;
	case FACIL_END:
		show_end(u, fa, b);
		break;
	}
}
