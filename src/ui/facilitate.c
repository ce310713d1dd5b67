/*
 * facilitate.c: workshop facilitate, the room's shared screen.
 *
 * The screens here draw the core's facilitator session (facil.h) for a
 * projector: a block-letter title, wide margins, one idea per screen, and
 * nothing from the tutor (notes, answers, reasons, points) until the
 * facilitator reveals it.  Keys become facil events through the tables
 * below, which also make the `?` help.  Changes are saved within a second
 * (at once on quitting, on a signal and after signing), so a crash or an
 * accidental quit can be resumed; the presenter's socket keeps `workshop
 * notes` in another terminal up to date.
 *
 * Screens: main (every facil screen kind), agenda (jump to a section),
 * people (the roster), resume (offer a saved session), quit (confirm),
 * name (the facilitator's name, asked before signing).
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "attendance.h"
#include "bigtext.h"
#include "cmd.h"
#include "complog.h"
#include "facil.h"
#include "layout.h"
#include "notesock.h"
#include "paths.h"
#include "sign.h"
#include "ui.h"
#include "util.h"
#include "when.h"

struct fac {
	struct content *content;
	struct facil *f;
	struct notesock_server *sock;
	char *state_path;     /* NULL: not saved */
	bool dirty;	      /* changes not yet saved */
	const char *key_path; /* NULL: the default station key */
	const char *passfile;
	const char *log_path;		 /* NULL: the default log */
	char facilitator[UI_FIELD_SIZE]; /* as a record carries it */
	json_t *resume;			 /* a saved session on offer */
	/* Digits typed for the focused count. */
	long typed;
	size_t typed_at;
	bool typing;
	/* Scrolling of the current screen's body. */
	int top;
	size_t top_at;
	int more;
	int agenda_focus;
	size_t before_end; /* the screen E left, 0 if none */
	/* The people screen. */
	int person;	       /* focused row */
	struct ui_field field; /* a name being added */
	struct ui_field id_field;
	int adding;   /* 0, 1 typing the name, 2 the id */
	char *sent;   /* the last message to followers */
	bool sign_ok; /* the last signing succeeded */
	char sign_msg[PATH_MAX + 256];
	char start_msg[200]; /* said on the first screen */
};

static const struct ui_screen screen_main, screen_agenda, screen_people,
    screen_resume, screen_quit, screen_name;

static long long
now(void)
{
	return (long long)time(NULL);
}

/* ---- Saving, the notes socket, the clock ------------------------------ */

/*
 * Changes are written at most once a tick (a second), so typing a count
 * does not wait on the disk for every digit; flush_state writes at once
 * (on quitting, on a signal, after signing).
 */
static void
flush_state(struct fac *fa, struct ui *u)
{
	char *err = NULL;

	if (fa->state_path == NULL || !fa->dirty)
		return;
	fa->dirty = false;
	if (facil_write_state(fa->f, fa->state_path, &err) == -1) {
		if (u != NULL)
			snprintf(u->message, sizeof u->message,
				 "Could not save the session: %s", err);
		free(err);
	}
}

static void
save_state(struct fac *fa, struct ui *u)
{
	(void)u;
	fa->dirty = true;
}

static void
publish(struct fac *fa)
{
	const struct facil *f = fa->f;
	const struct facil_screen *s = facil_screen(f);
	struct notes_msg m;
	char pos[128], timer[64], drift[64], clock[16];
	time_t t = time(NULL);
	struct tm tm;
	char *line;

	if (fa->sock == NULL)
		return;
	memset(&m, 0, sizeof m);
	m.title = facil_title(f, s);
	m.notes = facil_notes(f, s);
	m.next =
	    f->cur + 1 < f->n ? facil_title(f, &f->screens[f->cur + 1]) : NULL;
	facil_position(f, pos, sizeof pos);
	m.position = pos;
	if (f->agenda->started && !f->agenda->ended) {
		m.timer =
		    agenda_timer_text(f->agenda, now(), timer, sizeof timer);
		m.drift = agenda_drift_text(agenda_drift(f->agenda, now()),
					    drift, sizeof drift);
	}
	localtime_r(&t, &tm);
	strftime(clock, sizeof clock, "%H:%M", &tm);
	m.clock = clock;
	line = notesock_encode(&m);
	if (fa->sent == NULL || strcmp(line, fa->sent) != 0) {
		notesock_publish(fa->sock, &m);
		free(fa->sent);
		fa->sent = line;
	} else {
		free(line);
	}
	free(m.title);
	free(m.notes);
	free(m.next);
}

static void
on_tick(struct ui *u)
{
	struct fac *fa = u->data;

	flush_state(fa, u);
	if (fa->sock != NULL) {
		notesock_server_poll(fa->sock);
		publish(fa);
	}
}

static void
on_save(struct ui *u)
{
	flush_state(u->data, NULL);
}

/* Seconds after the programme's planned start that the day begins. */
static long long
late_start(const struct agenda *a)
{
	time_t t = time(NULL);
	struct tm tm;
	long long late;

	localtime_r(&t, &tm);
	late = (long long)(tm.tm_hour * 60 + tm.tm_min) * 60 + tm.tm_sec -
	       (long long)a->start * 60;
	/* Only a day run near its planned time is measured against it. */
	return late > -3600 && late < 3 * 3600 ? late : 0;
}

/* Apply one event; save and tell followers if anything changed. */
static void
act(struct ui *u, enum facil_ev type, long index)
{
	struct fac *fa = u->data;
	struct facil_event ev = {type, index};
	enum facil_outcome o;

	/* The day is late (or early) by the clock when it begins. */
	if (!fa->f->agenda->started)
		fa->f->late = late_start(fa->f->agenda);
	o = facil_handle(fa->f, &ev, now());

	if (o == FACIL_IGNORED)
		return;
	save_state(fa, u);
	publish(fa);
}

/* ---- Drawing helpers -------------------------------------------------- */

/* A body of text lines that own their strings until body_free. */
struct body {
	struct layout l;
	char **own;
	size_t nown;
	int width;
	int focus_line;
};

static void
body_init(struct body *b, int width)
{
	memset(b, 0, sizeof *b);
	layout_init(&b->l);
	b->width = width > 10 ? width : 10;
	b->focus_line = -1;
}

static void
body_free(struct body *b)
{
	size_t i;

	for (i = 0; i < b->nown; i++)
		free(b->own[i]);
	free(b->own);
	layout_free(&b->l);
}

static const char *
keep(struct body *b, char *s)
{
	b->own = xreallocarray(b->own, b->nown + 1, sizeof *b->own);
	b->own[b->nown++] = s;
	return s;
}

static void
body_text(struct body *b, const char *s, int first, int rest, enum ui_style st)
{
	layout_wrap(&b->l, s, b->width, first, rest, (int)st);
}

static void __attribute__((format(printf, 4, 5)))
body_fmt(struct body *b, int indent, enum ui_style st, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	body_text(b, keep(b, s), indent, indent + 2, st);
}

static void
body_blank(struct body *b)
{
	layout_blank(&b->l);
}

static void
body_list(struct body *b, const struct strlist *l, const char *bullet)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		body_fmt(b, 2, UI_S_TEXT, "%s %s", bullet, l->v[i]);
}

static const char *
bullet(const struct ui *u)
{
	return u->utf8 ? "\u2022" : "*";
}

/* A bar of cells for a count, "████" or "####". */
static char *
bar_text(const struct ui *u, unsigned cells)
{
	struct strbuf b;
	unsigned i;

	strbuf_init(&b);
	for (i = 0; i < cells; i++)
		strbuf_adds(&b, u->utf8 ? "\u2588" : "#");
	return strbuf_detach(&b);
}

/*
 * Counts as bars: one row per choice, "label  ████ 5 (42%)"; the focused
 * row has the pointer and the cursor.  scale 0: the largest count.
 */
static void
body_bars(struct ui *u, struct body *b, const struct tally *t,
	  const char *const *labels, int focus, unsigned scale, int right)
{
	struct tally_bar bars[TALLY_MAX_CHOICES];
	int lw = 0, i, n = (int)t->n, w;
	char *bar;

	for (i = 0; i < n; i++) {
		w = layout_width(labels[i], strlen(labels[i]));
		if (w > lw)
			lw = w;
	}
	if (lw > b->width / 2)
		lw = b->width / 2;
	/* Long enough to compare at a glance, not so long the eye gets lost. */
	w = b->width - lw - 20;
	if (w > 80)
		w = 80;
	tally_layout(t->count, t->n, scale != 0 ? scale : tally_max(t),
		     (unsigned)(w > 4 ? w : 4), bars);
	for (i = 0; i < n; i++) {
		int pad = lw - layout_width(labels[i], strlen(labels[i]));

		if (i == focus)
			b->focus_line = (int)b->l.n;
		bar = bar_text(u, bars[i].cells);
		body_fmt(b, 0, i == right ? UI_S_RIGHT : UI_S_TEXT,
			 "%s %s%*s  %s%s%u (%u%%)%s%s",
			 i == focus ? ui_pointer(u) : " ", labels[i],
			 pad > 0 ? pad : 0, "", bar, bars[i].cells ? " " : "",
			 bars[i].count, bars[i].percent, i == right ? "  " : "",
			 i == right ? ui_mark(u, true) : "");
		free(bar);
		body_blank(b);
	}
}

static const char *
step_heading(const struct facil_screen *s)
{
	if (s->step == NULL)
		return NULL;
	if (s->step->kind == STEP_QUIZ)
		return s->step->u.quiz.quiz->title;
	if (s->step->kind == STEP_SCENARIO)
		return s->step->u.scenario.scenario->title;
	return s->step->title;
}

/* ---- What each kind of screen shows ----------------------------------- */

static void
show_agenda(struct ui *u, struct fac *fa, struct body *b, bool pick)
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
		body_fmt(b, 0, here ? UI_S_TITLE : UI_S_TEXT,
			 "%s %s  %s  (%u min%s)%s%s",
			 (pick ? (int)i == fa->agenda_focus : here)
			     ? ui_pointer(u)
			     : " ",
			 t, s->title, s->minutes,
			 s->kind == PROGRAMME_BREAK ? ", break" : "",
			 done ? "  " : "", done ? ui_mark(u, true) : "");
		/* Spacing, when the whole day still fits the screen. */
		if ((int)a->n * 2 + 12 <= u->rows)
			body_blank(b);
	}
	agenda_clock_text(agenda_planned_end(a), t, sizeof t);
	body_fmt(b, 2, UI_S_DIM, "Ends %s", t);
	if (a->started && fa->f->notes_on) {
		body_blank(b);
		body_fmt(
		    b, 2, UI_S_TEXT, "The day is %s.",
		    agenda_drift_text(agenda_drift(a, now()), d, sizeof d));
	} else if (!pick) {
		body_blank(b);
		body_text(b, "Enter begins the day.", 2, 2, UI_S_DIM);
		body_fmt(b, 2, UI_S_DIM,
			 "p: the people in the room (%zu here of %zu).",
			 roster_count_present(fa->f->roster), fa->f->roster->n);
	}
}

/* Law content: where it applies, when reviewed, and a warning when old. */
static void
show_law(struct body *b, const struct law_info *law)
{
	long days, today = (long)(time(NULL) / 86400);

	if (law->jurisdiction == NULL)
		return;
	body_blank(b);
	body_fmt(b, 2, UI_S_CITE, "Law in %s, last reviewed %s.",
		 law->jurisdiction,
		 law->reviewed ? law->reviewed : "(unknown)");
	days = law->reviewed ? when_days(law->reviewed) : -1;
	if (days >= 0 && today - days > 365)
		body_text(b,
			  "This was reviewed over a year ago: check it is "
			  "still right before teaching it.",
			  2, 2, UI_S_WRONG);
}

static void
show_title(struct body *b, const struct facil_screen *s)
{
	if (s->step == NULL) {
		const struct module *m = s->module;

		if (m->summary != NULL)
			body_text(b, m->summary, 0, 0, UI_S_TEXT);
		body_blank(b);
		body_fmt(b, 0, UI_S_DIM, "%zu steps", m->nsteps);
		show_law(b, &m->law);
		return;
	}
	const struct quiz *q = s->step->u.quiz.quiz;

	if (q->intro != NULL)
		body_text(b, q->intro, 0, 0, UI_S_TEXT);
	body_blank(b);
	body_text(b,
		  keep(b, xasprintf("%zu questions. Take a show of hands for "
				    "each answer; the answer is revealed "
				    "afterwards.",
				    q->nquestions)),
		  0, 0, UI_S_TEXT);
	show_law(b, &q->law);
}

static void
show_text(struct ui *u, struct body *b, const struct facil_screen *s)
{
	const struct step *st = s->step;
	size_t i, n = st->u.text.points.n;

	if (st->u.text.body != NULL) {
		body_text(b, st->u.text.body, 0, 0, UI_S_TEXT);
		body_blank(b);
	}
	for (i = 0; i < s->shown && i < n; i++) {
		body_fmt(b, 2, UI_S_TEXT, "%s %s", bullet(u),
			 st->u.text.points.v[i]);
		body_blank(b);
	}
	if (s->shown < n)
		body_fmt(b, 2, UI_S_DIM, "(%zu more: Enter)", n - s->shown);
	for (i = 0; i < st->u.text.cite.n; i++)
		body_fmt(b, 2, UI_S_CITE, "Source: %s", st->u.text.cite.v[i]);
}

static void
show_sort(struct ui *u, struct body *b, const struct facil_screen *s)
{
	const struct step *st = s->step;
	size_t i, n = st->u.sort.nitems;

	body_text(b, st->u.sort.prompt, 0, 0, UI_S_TEXT);
	body_blank(b);
	if (s->sort_item < n) {
		body_fmt(b, 0, UI_S_DIM, "Item %zu of %zu:", s->sort_item + 1,
			 n);
		body_fmt(b, 2, UI_S_TITLE, "%s",
			 st->u.sort.items[s->sort_item].text);
		body_blank(b);
		for (i = 0; i < st->u.sort.ncategories; i++) {
			if ((int)i == s->focus)
				b->focus_line = (int)b->l.n;
			body_fmt(b, 2, UI_S_TEXT, "%s %zu %s",
				 (int)i == s->focus ? ui_pointer(u) : " ",
				 i + 1, st->u.sort.categories[i].label);
		}
		body_blank(b);
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
			body_fmt(b, 2, UI_S_TEXT, "%s: %s", it->text,
				 st->u.sort.categories[p].label);
			continue;
		}
		body_fmt(b, 2, p == (int)it->category ? UI_S_RIGHT : UI_S_TEXT,
			 "%s %s: %s",
			 p < 0 ? " " : ui_mark(u, p == (int)it->category),
			 it->text, st->u.sort.categories[it->category].label);
		body_fmt(b, 6, UI_S_TEXT, "%s", it->reason);
	}
	if (s->revealed == 0 && s->sort_item >= n)
		body_fmt(b, 0, UI_S_DIM, "All placed: r reveals the reasons.");
}

static void
show_view(struct ui *u, struct fac *fa, struct body *b,
	  const struct facil_screen *s)
{
	const struct view_statement *vs = &s->step->u.views.statements[s->item];
	static const char *const labels[] = {"Agree", "Disagree", "Unsure"};
	const struct tally *t = facil_tally(fa->f, s);

	/* Wrapped lines line up after the opening quote. */
	body_text(b, keep(b, xasprintf("\"%s\"", vs->text)), 0, 1, UI_S_TITLE);
	body_blank(b);
	body_bars(u, b, t, labels, s->focus, 0, -1);
	body_text(b, "Counted anonymously; nothing individual is kept.", 0, 0,
		  UI_S_DIM);
	if (s->revealed != 0) {
		body_blank(b);
		body_text(b, "To discuss:", 0, 0, UI_S_TITLE);
		body_list(b, &vs->prompts, bullet(u));
	}
}

static void
show_question(struct ui *u, struct fac *fa, struct body *b,
	      const struct facil_screen *s)
{
	const struct question *q = &s->step->u.quiz.quiz->questions[s->item];
	const struct tally *t = facil_tally(fa->f, s);

	body_text(b, q->text, 0, 0, UI_S_TITLE);
	body_blank(b);
	body_bars(u, b, t, (const char *const *)q->choices.v, s->focus, 0,
		  s->revealed != 0 ? (int)q->answer : -1);
	if (s->revealed == 0)
		return;
	body_fmt(b, 0, UI_S_RIGHT, "%s Answer: %s", ui_mark(u, true),
		 q->choices.v[q->answer]);
	body_text(b, q->explanation, 2, 2, UI_S_TEXT);
	body_fmt(b, 2, UI_S_CITE, "Source: %s", q->cite);
}

static void
show_scenario(struct ui *u, struct body *b, const struct facil_screen *s)
{
	const struct scenario *sc = s->step->u.scenario.scenario;
	long long e = s->began >= 0 ? now() - s->began : 0;
	size_t i;

	body_text(b, sc->story, 0, 0, UI_S_TEXT);
	body_blank(b);
	for (i = 0; i < sc->questions.n; i++)
		body_fmt(b, 2, UI_S_TITLE, "%zu. %s", i + 1,
			 sc->questions.v[i]);
	body_blank(b);
	body_fmt(b, 0, UI_S_DIM, "Discussion %lld:%02lld", e / 60, e % 60);
	if (s->revealed >= 1) {
		body_blank(b);
		body_text(b, "Ask", 0, 0, UI_S_TITLE);
		body_list(b, &sc->ask, bullet(u));
		body_text(b, "Check", 0, 0, UI_S_TITLE);
		body_list(b, &sc->check, bullet(u));
		body_text(b, "Do", 0, 0, UI_S_TITLE);
		body_list(b, &sc->act, bullet(u));
	}
	if (s->revealed >= 2) {
		body_blank(b);
		body_text(b, "Points a good answer covers", 0, 0, UI_S_TITLE);
		body_list(b, &sc->points, bullet(u));
	}
	if (s->revealed >= 1)
		for (i = 0; i < sc->law.n; i++)
			body_fmt(b, 2, UI_S_CITE, "Law: %s", sc->law.v[i]);
}

static void
show_glossary(struct body *b, const struct facil_screen *s)
{
	const struct step *st = s->step;
	const struct glossary_term *t;

	if (st->u.glossary.nterms == 0)
		return;
	t = &st->u.glossary.terms[s->order[s->pos]];
	body_fmt(b, 0, UI_S_DIM, "%s: term %zu of %zu",
		 step_heading(s) ? step_heading(s) : "Words", s->pos + 1,
		 st->u.glossary.nterms);
	body_fmt(b, 0, UI_S_TITLE, "What does \"%s\" mean?", t->term);
	body_blank(b);
	if (s->revealed != 0)
		body_text(b, t->definition, 2, 2, UI_S_TEXT);
}

static void
show_rating(struct ui *u, struct fac *fa, struct body *b,
	    const struct facil_screen *s)
{
	const struct step *st = s->step;
	const struct tally *t = facil_tally(fa->f, s);
	char **labels = xcalloc(t->n, sizeof *labels);
	size_t i;

	if (st->u.rating.prompt != NULL) {
		body_text(b, st->u.rating.prompt, 0, 0, UI_S_TEXT);
		body_blank(b);
	}
	body_text(b, st->u.rating.questions.v[s->item], 0, 0, UI_S_TITLE);
	body_blank(b);
	for (i = 0; i < t->n; i++)
		labels[i] = xasprintf("%zu %s", i + 1,
				      i == 0	      ? st->u.rating.low
				      : i + 1 == t->n ? st->u.rating.high
						      : "");
	body_bars(u, b, t, (const char *const *)labels, s->focus, 0, -1);
	for (i = 0; i < t->n; i++)
		free(labels[i]);
	free(labels);
	body_text(b, "Counted anonymously; nothing individual is kept.", 0, 0,
		  UI_S_DIM);
}

static void
show_close(struct ui *u, struct fac *fa, struct body *b)
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
			body_text(b, pr->before->u.rating.questions.v[q], 0, 0,
				  UI_S_TITLE);
			body_fmt(b, 0, UI_S_DIM, "%-*s%s", (int)w + 12,
				 "   Before", "After");
			for (v = 0; v < scale; v++) {
				char *x = bar_text(u, bb[v].cells);
				char *y = bar_text(u, ab[v].cells);
				int px = (int)w - (int)bb[v].cells;

				body_fmt(b, 0, UI_S_TEXT,
					 "%2zu %s%*s %3u    %s%*s %3u", v + 1,
					 x, px, "", bb[v].count, y,
					 (int)w - (int)ab[v].cells, "",
					 ab[v].count);
				free(x);
				free(y);
			}
			body_fmt(b, 0, UI_S_DIM, "1 = %s, %u = %s",
				 pr->before->u.rating.low, scale,
				 pr->before->u.rating.high);
			body_blank(b);
		}
	}
}

static void
show_end(struct ui *u, struct fac *fa, struct body *b)
{
	const struct roster *r = fa->f->roster;
	struct module **mods;
	size_t i, k, n, came = 0, unsigned_left = 0;

	if (fa->sign_msg[0] != '\0') {
		body_text(b, fa->sign_msg, 0, 0,
			  fa->sign_ok ? UI_S_RIGHT : UI_S_WRONG);
		body_blank(b);
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
		body_fmt(b, 0, UI_S_TEXT, "%s %s%s%s%s: %s", ui_mark(u, true),
			 r->v[i].name, r->v[i].staff_id ? " (" : "",
			 r->v[i].staff_id ? r->v[i].staff_id : "",
			 r->v[i].staff_id ? ")" : "", s.s);
		strbuf_free(&s);
		free(mods);
	}
	if (came == 0)
		body_text(b,
			  "Nobody is marked present yet: p opens the people "
			  "in the room.",
			  0, 0, UI_S_DIM);
	else if (unsigned_left != 0)
		body_text(b,
			  "s signs one attendance record per person and "
			  "module with your key, and the room's confidence "
			  "counts; b goes back to the day.",
			  0, 0, UI_S_DIM);
	else if (attendance_sessions_due(fa->f) != 0)
		body_text(b,
			  "The confidence counts changed since they were "
			  "signed: s signs them again.",
			  0, 0, UI_S_DIM);
}

static void
build_body(struct ui *u, struct fac *fa, struct body *b,
	   const struct facil_screen *s)
{
	switch (s->kind) {
	case FACIL_AGENDA:
		show_agenda(u, fa, b, false);
		break;
	case FACIL_TITLE:
		show_title(b, s);
		break;
	case FACIL_BREAK: {
		const struct agenda_section *sec =
		    &fa->f->agenda->v[s->section];
		unsigned m = s->step ? s->step->u.brk.minutes : sec->minutes;
		char t[16];

		body_fmt(b, 0, UI_S_TEXT, "A %u-minute break.", m);
		if (s->step == NULL)
			body_fmt(
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
		body_list(b, &s->step->u.reflection.prompts, bullet(u));
		body_blank(b);
		body_text(b, "Nothing you think here is recorded.", 0, 0,
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

/* A run of ink for block letters: full blocks, or '#' without UTF-8. */
static void
ink(struct ui *u, int y, int x, int n)
{
	cchar_t block;
	wchar_t wc[2] = {0x2588, 0};

	attrset(A_BOLD);
	if (u->utf8 && setcchar(&block, wc, A_BOLD, 0, NULL) == OK)
		mvhline_set(y, x, &block, n);
	else
		mvhline(y, x, '#', n);
	attrset(A_NORMAL);
}

/*
 * The screen's title in block letters when they fit in the top quarter,
 * else in bold; returns the first row below it.
 */
static int
draw_title(struct ui *u, const char *title, int y, int margin, int width)
{
	struct bigtext bt;
	struct layout l;
	int budget = (u->rows - 1) / 4, r, x0, c, run;
	size_t i;

	if (bigtext_render(title, (unsigned)width, (unsigned)budget,
			   BIGTEXT_MAX_SCALE, &bt)) {
		x0 = margin + (width - (int)bt.width) / 2;
		for (r = 0; r < (int)bt.height; r++)
			for (c = 0; c < (int)bt.width; c += run) {
				for (run = 0;
				     c + run < (int)bt.width &&
				     bt.rows[r][c + run] == bt.rows[r][c];
				     run++)
					;
				if (bt.rows[r][c] == '#')
					ink(u, y + r, x0 + c, run);
			}
		r = (int)bt.height;
		bigtext_free(&bt);
		return y + r + 1;
	}
	bigtext_free(&bt);
	layout_init(&l);
	layout_wrap(&l, title, width, 0, 0, UI_S_TITLE);
	for (i = 0; i < l.n && y < u->rows - 2; i++, y++)
		ui_putn(u, y, margin + (width - l.v[i].width) / 2, l.v[i].s,
			l.v[i].len, UI_S_TITLE);
	layout_free(&l);
	return y + 1;
}

static void
draw_notes(struct ui *u, struct fac *fa, const struct facil_screen *s, int y,
	   int h)
{
	char *n = facil_notes(fa->f, s);
	struct layout l;

	attrset(A_REVERSE);
	mvhline(y, 0, ' ', u->cols);
	attrset(A_NORMAL);
	ui_put(u, y, 1, "Presenter notes (n hides)", UI_S_STATUS);
	layout_init(&l);
	layout_wrap(&l, n != NULL ? n : "No notes for this screen.",
		    u->cols - 4, 0, 0, n != NULL ? UI_S_TEXT : UI_S_DIM);
	ui_draw_layout(u, &l, 0, y + 1, 2, h - 1);
	layout_free(&l);
	free(n);
}

static bool
has_counts(const struct fac *fa, const struct facil_screen *s)
{
	char key[8];

	return facil_tally_key(fa->f, s, key, sizeof key) != 0;
}

/* Copy text into a fixed field, cut at a character boundary. */
static void
set_field(char *dst, size_t size, const char *text)
{
	size_t n = strlen(text);

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, text, n);
	dst[n] = '\0';
}

static void
status(struct ui *u, struct fac *fa, const struct facil_screen *s)
{
	const struct agenda *a = fa->f->agenda;
	char pos[96], timer[48], drift[48];
	const char *hint = "Enter next  n notes  ? help";

	if (has_counts(fa, s))
		hint = s->revealed < facil_reveal_stages(fa->f, s)
			   ? "0-9 +- count  r reveal  ? help"
			   : "0-9 +- count  Enter next  ? help";
	else if (s->kind == FACIL_SORT && s->sort_item < s->step->u.sort.nitems)
		hint = "1-9 place  r reveal  ? help";
	else if (facil_reveal_stages(fa->f, s) > s->revealed)
		hint = "Enter next  r reveal  ? help";
	else if (s->kind == FACIL_END)
		hint = "s sign  p people  ? help";
	snprintf(u->hints, sizeof u->hints, "%s", hint);
	facil_position(fa->f, pos, sizeof pos);
	if (a->started && !a->ended && fa->f->notes_on) {
		/*
		 * The timer and drift are for the facilitator: they show with
		 * the presenter notes (and always in workshop notes), never
		 * on the room's screen alone.  A long title is cut.
		 */
		char *tail =
		    xasprintf("  %s  %s",
			      agenda_timer_text(a, now(), timer, sizeof timer),
			      agenda_drift_text(agenda_drift(a, now()), drift,
						sizeof drift));
		size_t room = sizeof u->where - strlen(tail);
		/* Keep clear of the key hints on the left. */
		int cols =
		    u->cols - (int)strlen(u->hints) - 4 - (int)strlen(tail);

		const char *count = strrchr(pos, ' ');
		size_t keep_n = count != NULL ? strlen(count) : 0;

		if (cols < 1)
			cols = 1;
		if ((size_t)cols + 1 < room)
			room = (size_t)cols + 1;
		/* Cut the section's title, never the "3/11" after it. */
		if (strlen(pos) + 1 > room && keep_n + 2 < room) {
			set_field(u->where, room - keep_n, pos);
			strcat(u->where, count);
		} else {
			set_field(u->where, room, pos);
		}
		strcat(u->where, tail);
		free(tail);
	} else {
		set_field(u->where, sizeof u->where, pos);
	}
}

static void
main_draw(struct ui *u)
{
	struct fac *fa = u->data;
	const struct facil_screen *s = facil_screen(fa->f);
	int margin = u->cols >= 100 ? u->cols / 10 : 3;
	int width = u->cols - 2 * margin, y = 1, h, notes_h = 0;
	/* The glossary game's term is what the room has to read. */
	char *title =
	    s->kind == FACIL_GLOSSARY && s->step != NULL &&
		    s->step->u.glossary.nterms
		? xstrdup(s->step->u.glossary.terms[s->order[s->pos]].term)
		: facil_title(fa->f, s);
	struct body b;

	if (fa->top_at != fa->f->cur) {
		fa->top = 0;
		fa->top_at = fa->f->cur;
	}
	y = draw_title(u, title, y, margin, width);
	free(title);
	if (fa->f->notes_on)
		notes_h = u->rows / 3 > 4 ? u->rows / 3 : 4;
	h = u->rows - 2 - y - notes_h;
	body_init(&b, width);
	build_body(u, fa, &b, s);
	if (b.focus_line >= 0)
		fa->top = layout_scroll_to(fa->top, b.focus_line, h);
	fa->top = layout_clamp(fa->top, b.l.n, h > 0 ? h : 1);
	fa->more = h > 0 ? ui_draw_layout(u, &b.l, fa->top, y, margin, h) : 0;
	if (fa->more > 0)
		ui_put(u, y + h, margin, "(more below: Down)", UI_S_DIM);
	if (b.focus_line >= 0 && b.focus_line >= fa->top &&
	    b.focus_line < fa->top + h)
		ui_cursor(u, y + b.focus_line - fa->top, margin);
	else
		ui_cursor(u, y > 1 ? y - 1 : 0, margin);
	body_free(&b);
	if (notes_h > 0)
		draw_notes(u, fa, s, u->rows - 1 - notes_h, notes_h);
	status(u, fa, s);
}

/* ---- Keys ------------------------------------------------------------- */

static void
digit(struct ui *u, struct fac *fa, int d)
{
	const struct facil_screen *s = facil_screen(fa->f);

	if (s->kind == FACIL_SORT) {
		if (d >= 1)
			act(u, FACIL_EV_PLACE, d - 1);
		return;
	}
	if (!has_counts(fa, s))
		return;
	if (fa->typing && fa->typed_at == fa->f->cur &&
	    fa->typed * 10 + d <= (long)TALLY_MAX_COUNT)
		fa->typed = fa->typed * 10 + d;
	else
		fa->typed = d;
	fa->typing = true;
	fa->typed_at = fa->f->cur;
	act(u, FACIL_EV_SET_COUNT, fa->typed);
}

static void start_signing(struct ui *u, struct fac *fa);

/* Has the day ended with every attendance record signed? */
static bool
all_signed(const struct fac *fa)
{
	struct attendance_item *v;
	size_t n = attendance_plan(fa->f, &v);

	free(v);
	return n == 0 && fa->f->nrecords != 0 && fa->f->agenda->ended &&
	       attendance_sessions_due(fa->f) == 0;
}

static void
main_key(struct ui *u, enum ui_action a, int ch)
{
	struct fac *fa = u->data;
	const struct facil_screen *s = facil_screen(fa->f);
	bool choices =
	    has_counts(fa, s) ||
	    (s->kind == FACIL_SORT && s->sort_item < s->step->u.sort.nitems);

	if (a != UI_DIGIT && a != UI_BACK)
		fa->typing = false;
	switch (a) {
	case UI_NEXT:
		act(u, FACIL_EV_NEXT, 0);
		break;
	case UI_BACK:
		/* Backspace while typing a count corrects the count. */
		if (fa->typing && fa->typed_at == fa->f->cur &&
		    (ch == 127 || ch == 8 || ch == KEY_BACKSPACE)) {
			fa->typed /= 10;
			fa->typing = fa->typed != 0;
			act(u, FACIL_EV_SET_COUNT, fa->typed);
			break;
		}
		/* From the attendance screen, back to where E was pressed. */
		if (s->kind == FACIL_END && fa->before_end != 0)
			act(u, FACIL_EV_GOTO, (long)fa->before_end);
		else
			act(u, FACIL_EV_BACK, 0);
		fa->before_end = 0;
		break;
	case UI_UP:
		if (choices)
			act(u, FACIL_EV_UP, 0);
		else if (fa->top > 0)
			fa->top--;
		break;
	case UI_DOWN:
		if (choices)
			act(u, FACIL_EV_DOWN, 0);
		else if (fa->more > 0)
			fa->top++;
		break;
	case UI_PGUP:
		fa->top = fa->top > u->rows / 2 ? fa->top - u->rows / 2 : 0;
		break;
	case UI_PGDN:
		fa->top += fa->more > 0 ? u->rows / 2 : 0;
		break;
	case UI_TOP:
		fa->top = 0;
		break;
	case UI_BOTTOM:
		fa->top += fa->more;
		break;
	case UI_DIGIT:
		digit(u, fa, ch - '0');
		break;
	case UI_PLUS:
	case UI_MINUS:
		act(u, FACIL_EV_COUNT, a == UI_PLUS ? 1 : -1);
		break;
	case UI_REVEAL:
		act(u, FACIL_EV_REVEAL, 0);
		break;
	case UI_HIDE:
		act(u, FACIL_EV_HIDE, 0);
		break;
	case UI_NOTES:
		act(u, FACIL_EV_NOTES, 0);
		break;
	case UI_SKIP:
		act(u, FACIL_EV_SKIP, 0);
		break;
	case UI_TIMER:
		act(u, FACIL_EV_TIMER, 0);
		break;
	case UI_END:
		if (s->kind != FACIL_END)
			fa->before_end = fa->f->cur;
		act(u, FACIL_EV_GOTO, (long)fa->f->n - 1);
		break;
	case UI_AGENDA:
		ui_set_screen(u, &screen_agenda);
		break;
	case UI_ROSTER:
		ui_set_screen(u, &screen_people);
		break;
	case UI_SIGN:
		if (s->kind == FACIL_END)
			start_signing(u, fa);
		break;
	case UI_QUIT:
		if (all_signed(fa)) {
			/* Nothing is left to resume. */
			if (fa->state_path != NULL)
				unlink(fa->state_path);
			u->done = true;
		} else if (ui_too_small(u)) {
			/* The question could not be seen; the session is kept.
			 */
			flush_state(fa, u);
			u->done = true;
		} else {
			ui_set_screen(u, &screen_quit);
		}
		break;
	default:
		break;
	}
}

static const struct ui_key main_keys[] = {
    {.code = 'r',
     .action = UI_REVEAL,
     .name = "r",
     .help = "reveal the next hidden part: answer, reasons, prompts, "
	     "Ask/Check/Do, points, definition"},
    {.code = 'R',
     .action = UI_HIDE,
     .name = "R",
     .help = "hide the last part revealed"},
    {.code = 'n',
     .action = UI_NOTES,
     .name = "n",
     .help = "presenter notes on or off"},
    {.code = '0',
     .last = '9',
     .action = UI_DIGIT,
     .name = "0-9",
     .help = "type the show of hands for the focused choice (Backspace "
	     "corrects it); in a sort, place the item in that category"},
    {.code = '+',
     .action = UI_PLUS,
     .name = "+ -",
     .help = "one more or one fewer for the focused choice"},
    {.code = '=', .action = UI_PLUS},
    {.code = '-', .action = UI_MINUS},
    {.code = '\t',
     .action = UI_SKIP,
     .name = "Tab",
     .help = "skip to the next step"},
    {.code = 't',
     .action = UI_TIMER,
     .name = "t",
     .help = "restart the discussion timer"},
    {.code = 'a',
     .action = UI_AGENDA,
     .name = "a",
     .help = "the agenda: jump to a section"},
    {.code = 'p',
     .action = UI_ROSTER,
     .name = "p",
     .help = "people: mark who is here, late arrivals and leavers"},
    {.code = 'E',
     .action = UI_END,
     .name = "E",
     .help = "the end of the day: attendance"},
    {.code = 's',
     .action = UI_SIGN,
     .name = "s",
     .help = "sign attendance (on the attendance screen)"},
    {.code = 0},
};

static const struct ui_screen screen_main = {
    .name = "facilitate",
    .draw = main_draw,
    .key = main_key,
    .keys = main_keys,
};

/* ---- Agenda: jump to a section ---------------------------------------- */

static void
agenda_init(struct ui *u)
{
	struct fac *fa = u->data;
	const struct agenda *a = fa->f->agenda;

	fa->agenda_focus = a->started && a->cur < a->n ? (int)a->cur : 0;
}

static void
agenda_draw(struct ui *u)
{
	struct fac *fa = u->data;
	int margin = u->cols >= 100 ? u->cols / 10 : 3, y;
	struct body b;

	y = draw_title(u, "Agenda", 1, margin, u->cols - 2 * margin);
	body_init(&b, u->cols - 2 * margin);
	show_agenda(u, fa, &b, true);
	ui_draw_layout(u, &b.l, 0, y, margin, u->rows - 2 - y);
	if (b.focus_line >= 0)
		ui_cursor(u, y + b.focus_line, margin);
	body_free(&b);
	snprintf(u->hints, sizeof u->hints,
		 "Up/Down choose  Enter go there  a back  ? help");
	snprintf(u->where, sizeof u->where, "Agenda");
}

static void
agenda_key(struct ui *u, enum ui_action a, int ch)
{
	struct fac *fa = u->data;
	int n = (int)fa->f->agenda->n;

	(void)ch;
	if (a == UI_UP && fa->agenda_focus > 0)
		fa->agenda_focus--;
	else if (a == UI_DOWN && fa->agenda_focus + 1 < n)
		fa->agenda_focus++;
	else if (a == UI_TOP)
		fa->agenda_focus = 0;
	else if (a == UI_BOTTOM)
		fa->agenda_focus = n > 0 ? n - 1 : 0;
	else if (a == UI_NEXT) {
		ui_set_screen(u, &screen_main);
		act(u, FACIL_EV_SECTION, fa->agenda_focus);
	} else if (a == UI_BACK || a == UI_AGENDA || a == UI_QUIT)
		ui_set_screen(u, &screen_main);
}

static const struct ui_key agenda_keys[] = {
    {.code = 'a',
     .action = UI_AGENDA,
     .name = "a Backspace q",
     .help = "back to the screen you were on"},
    {.code = 'q', .action = UI_QUIT},
    {.code = 0},
};

static const struct ui_screen screen_agenda = {
    .name = "agenda",
    .init = agenda_init,
    .draw = agenda_draw,
    .key = agenda_key,
    .keys = agenda_keys,
};

/* ---- People: the roster ----------------------------------------------- */

static const char *
person_state(const struct roster_person *p)
{
	switch (p->state) {
	case ROSTER_PRESENT:
		return p->late ? "here (late)" : "here";
	case ROSTER_LEFT:
		return "left";
	default:
		return "not here";
	}
}

static void
people_draw(struct ui *u)
{
	struct fac *fa = u->data;
	const struct roster *r = fa->f->roster;
	int y = 3, h = u->rows - 6, i;
	char line[64];

	ui_put(u, 1, 2, "People in the room", UI_S_TITLE);
	snprintf(line, sizeof line, "%zu here of %zu", roster_count_present(r),
		 r->n);
	ui_put(u, 1, 24, line, UI_S_DIM);
	if (fa->person >= (int)r->n)
		fa->person = r->n != 0 ? (int)r->n - 1 : 0;
	if (fa->person < (int)fa->top)
		fa->top = fa->person;
	if (h > 0 && fa->person >= fa->top + h)
		fa->top = fa->person - h + 1;
	for (i = 0; i < h && fa->top + i < (int)r->n; i++) {
		const struct roster_person *p = &r->v[fa->top + i];
		char *text = xasprintf(
		    "%s [%s] %s%s%s%s",
		    fa->top + i == fa->person ? ui_pointer(u) : " ",
		    p->state == ROSTER_PRESENT ? ui_mark(u, true) : " ",
		    p->name, p->staff_id ? " (" : "",
		    p->staff_id ? p->staff_id : "", p->staff_id ? ")" : "");

		ui_put(u, y + i, 2, text,
		       p->state == ROSTER_PRESENT ? UI_S_TEXT : UI_S_DIM);
		ui_put(u, y + i, u->cols - 14, person_state(p), UI_S_DIM);
		free(text);
	}
	if (r->n == 0)
		ui_put(u, y, 4, "Nobody yet: + adds a name.", UI_S_DIM);
	if (fa->adding) {
		ui_put(u, u->rows - 3, 2,
		       fa->adding == 1 ? "Name:" : "Staff id (optional):",
		       UI_S_TITLE);
		ui_put(u, u->rows - 3, fa->adding == 1 ? 8 : 23,
		       fa->adding == 1 ? fa->field.buf : fa->id_field.buf,
		       UI_S_TEXT);
		ui_cursor(u, u->rows - 3,
			  (fa->adding == 1 ? 8 : 23) +
			      layout_width(fa->adding == 1 ? fa->field.buf
							   : fa->id_field.buf,
					   fa->adding == 1 ? fa->field.len
							   : fa->id_field.len));
		snprintf(u->hints, sizeof u->hints,
			 fa->adding == 1 ? "Enter: next  Escape: cancel"
					 : "Enter: add  Escape: cancel");
	} else {
		if (r->n != 0)
			ui_cursor(u, y + fa->person - fa->top, 2);
		snprintf(u->hints, sizeof u->hints,
			 "Space here/not  L left  + add  p back  ? help");
	}
	snprintf(u->where, sizeof u->where, "People");
}

static void
finish_adding(struct ui *u, struct fac *fa)
{
	char *err = NULL;
	long at =
	    roster_add(fa->f->roster, fa->field.buf, fa->id_field.buf, &err);

	if (at < 0) {
		snprintf(u->message, sizeof u->message, "Not added: %s", err);
		free(err);
	} else {
		facil_mark_present(fa->f, (size_t)at);
		fa->person = (int)at;
		save_state(fa, u);
	}
	fa->adding = 0;
}

static bool
people_raw(struct ui *u, int ch, bool func)
{
	struct fac *fa = u->data;
	struct ui_field *fl = fa->adding == 1 ? &fa->field : &fa->id_field;

	if (fa->adding == 0)
		return false;
	switch (ui_field_key(fl, ch, func)) {
	case UI_FIELD_CANCEL:
		fa->adding = 0;
		break;
	case UI_FIELD_DONE:
		if (fa->adding == 1 && fa->field.len > 0)
			fa->adding = 2;
		else if (fa->adding == 2)
			finish_adding(u, fa);
		break;
	default:
		break;
	}
	return true;
}

static void
people_key(struct ui *u, enum ui_action a, int ch)
{
	struct fac *fa = u->data;
	struct roster *r = fa->f->roster;

	(void)ch;
	if (a == UI_UP && fa->person > 0)
		fa->person--;
	else if (a == UI_DOWN && fa->person + 1 < (int)r->n)
		fa->person++;
	else if (a == UI_PLUS) {
		memset(&fa->field, 0, sizeof fa->field);
		memset(&fa->id_field, 0, sizeof fa->id_field);
		fa->adding = 1;
	} else if (a == UI_NEXT && r->n != 0) {
		size_t i = (size_t)fa->person;

		if (r->v[i].state == ROSTER_PRESENT)
			roster_mark_expected(r, i);
		else
			facil_mark_present(fa->f, i);
		save_state(fa, u);
	} else if (a == UI_MINUS && r->n != 0) {
		facil_mark_left(fa->f, (size_t)fa->person);
		save_state(fa, u);
	} else if (a == UI_BACK || a == UI_ROSTER || a == UI_QUIT) {
		ui_set_screen(u, &screen_main);
	}
}

static void
people_init(struct ui *u)
{
	struct fac *fa = u->data;

	fa->top = 0;
	fa->top_at = (size_t)-1;
	fa->adding = 0;
}

static const struct ui_key people_keys[] = {
    {.code = '+',
     .action = UI_PLUS,
     .name = "+ a",
     .help = "add a person (a late arrival is marked as such)"},
    {.code = 'a', .action = UI_PLUS},
    {.code = 'L',
     .action = UI_MINUS,
     .name = "L -",
     .help = "mark the focused person as having left"},
    {.code = '-', .action = UI_MINUS},
    {.code = 'p',
     .action = UI_ROSTER,
     .name = "p q",
     .help = "back to the session"},
    {.code = 'q', .action = UI_QUIT},
    {.code = 0},
};

static const struct ui_screen screen_people = {
    .name = "people",
    .init = people_init,
    .draw = people_draw,
    .key = people_key,
    .keys = people_keys,
    .raw = people_raw,
};

/* ---- Resume, quit, the facilitator's name ----------------------------- */

static void
ask_draw(struct ui *u, const char *title, const char *text, const char *hints)
{
	struct layout l;

	ui_put(u, 1, 3, title, UI_S_TITLE);
	layout_init(&l);
	layout_wrap(&l, text, u->cols - 6, 0, 0, UI_S_TEXT);
	ui_draw_layout(u, &l, 0, 3, 3, u->rows - 5);
	layout_free(&l);
	ui_cursor(u, 1, 3);
	snprintf(u->hints, sizeof u->hints, "%s", hints);
}

static void
resume_draw(struct ui *u)
{
	ask_draw(u, "Resume the session?",
		 "A facilitate session for this content was interrupted. "
		 "Resume it where it stopped, with its roster, counts and "
		 "timer (y), or start a new one (n)?",
		 "y resume  n start again");
	snprintf(u->where, sizeof u->where, "Resume");
}

static void
resume_key(struct ui *u, enum ui_action a, int ch)
{
	struct fac *fa = u->data;
	char *err = NULL;

	(void)ch;
	if (a != UI_YES && a != UI_NO)
		return;
	if (a == UI_YES && facil_restore(fa->f, fa->resume, &err) == -1) {
		snprintf(u->message, sizeof u->message, "Could not resume: %s",
			 err);
		free(err);
	}
	json_decref(fa->resume);
	fa->resume = NULL;
	ui_set_screen(u, &screen_main);
	save_state(fa, u);
	publish(fa);
}

static const struct ui_key yes_no_keys[] = {
    {.code = 'y', .action = UI_YES, .name = "y", .help = "yes"},
    {.code = 'n', .action = UI_NO, .name = "n Escape", .help = "no"},
    {.code = 27, .action = UI_NO},
    {.code = 0},
};

static const struct ui_screen screen_resume = {
    .name = "resume",
    .draw = resume_draw,
    .key = resume_key,
    .keys = yes_no_keys,
};

static void
quit_draw(struct ui *u)
{
	ask_draw(u, "Leave the session?",
		 "Attendance is not all signed yet. The session is saved and "
		 "is offered for resuming when you start workshop facilitate "
		 "again.",
		 "y leave  n stay");
	snprintf(u->where, sizeof u->where, "Quit");
}

static void
quit_key(struct ui *u, enum ui_action a, int ch)
{
	(void)ch;
	if (a == UI_YES || a == UI_QUIT) {
		flush_state(u->data, u);
		u->done = true;
	} else if (a == UI_NO) {
		ui_set_screen(u, &screen_main);
	}
}

static const struct ui_screen screen_quit = {
    .name = "quit",
    .draw = quit_draw,
    .key = quit_key,
    .keys = yes_no_keys,
};

static void
name_draw(struct ui *u)
{
	struct fac *fa = u->data;

	ask_draw(u, "Your name",
		 "The attendance records carry the facilitator's name. Type "
		 "yours and press Enter.",
		 "Enter sign  Escape cancel");
	ui_put(u, 6, 3, fa->field.buf, UI_S_TEXT);
	ui_cursor(u, 6, 3 + layout_width(fa->field.buf, fa->field.len));
	snprintf(u->where, sizeof u->where, "Sign");
}

static bool
name_raw(struct ui *u, int ch, bool func)
{
	struct fac *fa = u->data;

	switch (ui_field_key(&fa->field, ch, func)) {
	case UI_FIELD_CANCEL:
		ui_set_screen(u, &screen_main);
		break;
	case UI_FIELD_DONE:
		if (fa->field.len == 0)
			break;
		snprintf(fa->facilitator, sizeof fa->facilitator, "%s",
			 fa->field.buf);
		ui_set_screen(u, &screen_main);
		start_signing(u, fa);
		break;
	default:
		break;
	}
	return true;
}

static void
name_init(struct ui *u)
{
	struct fac *fa = u->data;

	memset(&fa->field, 0, sizeof fa->field);
}

static const struct ui_key no_keys[] = {{.code = 0}};

static const struct ui_screen screen_name = {
    .name = "name",
    .init = name_init,
    .draw = name_draw,
    .keys = no_keys,
    .raw = name_raw,
};

/* ---- Signing attendance ----------------------------------------------- */

/*
 * Unlock the key: from the passphrase file, or on the terminal with the
 * screen put aside while the passphrase is typed (echo off).
 */
static struct sign_key *
unlock(struct fac *fa, char *err, size_t errlen)
{
	char def[PATH_MAX];
	const char *path = fa->key_path;
	struct sign_key *k = NULL;
	int rc;

	if (path == NULL) {
		if (sign_default_key_path(def, sizeof def) < 0) {
			snprintf(err, errlen, "no key: give --key FILE");
			return NULL;
		}
		path = def;
	}
	if (fa->passfile != NULL)
		return sign_key_load(path, fa->passfile, &k, err, errlen) < 0
			   ? NULL
			   : k;
	def_prog_mode();
	endwin();
	printf("\nSigning attendance with %s.\n", path);
	fflush(stdout);
	rc = sign_key_load(path, NULL, &k, err, errlen);
	reset_prog_mode();
	refresh();
	return rc < 0 ? NULL : k;
}

static void
start_signing(struct ui *u, struct fac *fa)
{
	struct attendance_item *v;
	size_t n = attendance_plan(fa->f, &v);
	size_t ns = attendance_sessions_due(fa->f);
	char logbuf[PATH_MAX], err[512];
	const char *log = fa->log_path;
	struct sign_key *k;
	long done;

	if (n == 0 && ns == 0) {
		free(v);
		fa->sign_ok = fa->f->nrecords != 0;
		snprintf(
		    fa->sign_msg, sizeof fa->sign_msg, "%s",
		    fa->f->nrecords != 0
			? "Everything so far is signed."
			: "Nobody to sign for: mark who is here first (p).");
		return;
	}
	if (fa->facilitator[0] == '\0') {
		free(v);
		ui_set_screen(u, &screen_name);
		return;
	}
	if (log == NULL && complog_default_path(logbuf, sizeof logbuf) == 0)
		log = logbuf;
	if (log == NULL || (k = unlock(fa, err, sizeof err)) == NULL) {
		snprintf(fa->sign_msg, sizeof fa->sign_msg, "Not signed: %s",
			 log == NULL ? "no log location: "
				       "give --log FILE"
				     : err);
		free(v);
		return;
	}
	done = attendance_sign(fa->f, v, n, log, k, fa->facilitator, err,
			       sizeof err);
	sign_key_free(k);
	free(v);
	fa->sign_ok = done == (long)(n + ns);
	/* What was signed must survive a crash: never signed twice. */
	save_state(fa, u);
	flush_state(fa, u);
	if (fa->sign_ok) {
		snprintf(fa->sign_msg, sizeof fa->sign_msg,
			 "%s Signed %zu attendance record%s%s in %s.",
			 ui_mark(u, true), n, n == 1 ? "" : "s",
			 ns == 0   ? ""
			 : ns == 1 ? " and the session's counts"
				   : " and the session's counts (per set)",
			 log);
	} else {
		snprintf(fa->sign_msg, sizeof fa->sign_msg, "%s %s",
			 ui_mark(u, false), err);
	}
}

/* ---- The command ------------------------------------------------------ */

static const struct cli_option options[] = {
    {"roster", 'r', "FILE",
     "the people expected: one a line, NAME or NAME<TAB>STAFF-ID; "
     "# starts a comment"},
    {"facilitator", 'f', "NAME", "your name, for the attendance records"},
    {"key", 'k', "FILE",
     "the key that signs attendance (default: "
     "$XDG_CONFIG_HOME/workshop/station.key)"},
    {"passphrase-file", 0, "FILE",
     "read the key's passphrase from the first line of FILE"},
    {"log", 'l', "FILE",
     "the log to append to (default: "
     "$XDG_STATE_HOME/workshop/completions.log)"},
    {"socket", 0, "FILE",
     "the notes socket (default: $XDG_RUNTIME_DIR/workshop/notes.sock)"},
    {"new", 0, NULL, "start a new session even if one was interrupted"},
    CLI_CONTENT_OPTION,
    {NULL, 0, NULL, NULL},
};

struct fac_args {
	const char *roster, *facilitator, *key, *passfile, *log, *socket;
	const char *content, *module;
	bool fresh;
};

static int
parse_args(int argc, char **argv, struct fac_args *a)
{
	struct cli_parse p;
	const char *arg;
	int i;

	memset(a, 0, sizeof *a);
	cli_begin(&p, &cmd_facilitate, argc, argv);
	while ((i = cli_next(&p, &arg)) >= 0) {
		if (cli_is(&cmd_facilitate, i, "roster"))
			a->roster = arg;
		else if (cli_is(&cmd_facilitate, i, "facilitator"))
			a->facilitator = arg;
		else if (cli_is(&cmd_facilitate, i, "key"))
			a->key = arg;
		else if (cli_is(&cmd_facilitate, i, "passphrase-file"))
			a->passfile = arg;
		else if (cli_is(&cmd_facilitate, i, "log"))
			a->log = arg;
		else if (cli_is(&cmd_facilitate, i, "socket"))
			a->socket = arg;
		else if (cli_is(&cmd_facilitate, i, "new"))
			a->fresh = true;
		else if (cli_is(&cmd_facilitate, i, "content"))
			a->content = arg;
	}
	if (i == CLI_NEXT_HELP || i == CLI_NEXT_ERROR) {
		cli_done(&p);
		return i == CLI_NEXT_HELP ? CLI_OK : CLI_USAGE;
	}
	if (argc - p.optind > 1) {
		cli_done(&p);
		return cli_usage_error(&cmd_facilitate, "one module at most");
	}
	a->module = p.optind < argc ? argv[p.optind] : NULL;
	cli_done(&p);
	return -1;
}

/* Load the roster file into f; CLI_OK or an exit code. */
static int
load_roster(struct facil *f, const char *path)
{
	struct diags d;
	int rc = CLI_OK;

	diags_init(&d);
	if (roster_load(f->roster, path, &d) == -1) {
		diags_sort(&d);
		diags_print(&d, stderr);
		rc = d.nio != 0 ? CLI_USAGE : CLI_FAIL;
	}
	diags_free(&d);
	return rc;
}

static int
run_ui(struct fac *fa)
{
	struct ui u;
	int rc;

	memset(&u, 0, sizeof u);
	if (!ui_begin(&u)) {
		cli_error("facilitate needs a terminal");
		return CLI_USAGE;
	}
	u.data = fa;
	u.save = on_save;
	u.tick = on_tick;
	u.tick_ms = 1000;
	/* A new session replaces any saved one; an offered one waits for
	 * the answer. */
	fa->dirty = fa->resume == NULL;
	publish(fa);
	ui_set_screen(&u, fa->resume != NULL ? &screen_resume : &screen_main);
	snprintf(u.message, sizeof u.message, "%s", fa->start_msg);
	rc = ui_run(&u);
	ui_end();
	return rc >= 128 ? rc : CLI_OK;
}

static int
setup(struct fac *fa, const struct fac_args *a, struct module *m)
{
	char *err = NULL, *state, *path;
	json_t *saved;
	int rc;

	fa->f = facil_new(fa->content, m, (unsigned long)time(NULL));
	if (fa->f == NULL) {
		cli_error("the content has no programme: name a module");
		return CLI_USAGE;
	}
	/* One saved session per programme and per module, so running one
	 * module never replaces an interrupted day. */
	if ((state = paths_xdg("state")) != NULL) {
		fa->state_path = m != NULL
				     ? xasprintf("%s/facilitate/module-%s.json",
						 state, m->id)
				     : xasprintf("%s/facilitate/%s.json", state,
						 fa->content->programme->id);
		free(state);
	}
	if (fa->state_path != NULL && !a->fresh &&
	    (saved = facil_read_state(fa->state_path, &err)) != NULL) {
		struct facil *probe = facil_new(fa->content, m, 0);

		if (facil_restore(probe, saved, &err) == 0) {
			fa->resume = saved;
		} else {
			/* Set aside, never overwritten: it holds a roster. */
			char *old = xasprintf("%s.old", fa->state_path);

			json_decref(saved);
			rename(fa->state_path, old);
			snprintf(fa->start_msg, sizeof fa->start_msg,
				 "The interrupted session no longer fits the "
				 "content: kept as %s.",
				 strrchr(old, '/') + 1);
			free(old);
		}
		facil_free(probe);
	}
	free(err);
	err = NULL;
	if (a->roster != NULL && (rc = load_roster(fa->f, a->roster)) != 0)
		return rc;
	path = a->socket != NULL ? xstrdup(a->socket)
				 : notesock_default_path(&err);
	if (path != NULL)
		fa->sock = notesock_listen(path, &err);
	if (fa->sock == NULL) {
		/* Shown on the first screen: the day can go on without.  The
		 * reason without the path, to fit the line. */
		const char *why = err != NULL && strstr(err, ": ") != NULL
				      ? strstr(err, ": ") + 2
				      : err;

		snprintf(fa->start_msg, sizeof fa->start_msg,
			 "Notes not shared: %s", why != NULL ? why : "");
		free(err);
	}
	free(path);
	return -1;
}

static int
facilitate(int argc, char **argv)
{
	struct fac_args a;
	struct fac fa;
	struct module *m = NULL;
	int rc;

	if ((rc = parse_args(argc, argv, &a)) >= 0)
		return rc;
	memset(&fa, 0, sizeof fa);
	if ((rc = cli_load_pack(a.content, &fa.content)) != CLI_OK)
		return rc;
	if (a.module != NULL &&
	    (m = content_module(fa.content, a.module)) == NULL) {
		cli_error("no module '%s' (see workshop list)", a.module);
		content_free(fa.content);
		return CLI_USAGE;
	}
	fa.key_path = a.key;
	fa.passfile = a.passfile;
	fa.log_path = a.log;
	if (a.facilitator != NULL)
		snprintf(fa.facilitator, sizeof fa.facilitator, "%s",
			 a.facilitator);
	if ((rc = setup(&fa, &a, m)) < 0)
		rc = run_ui(&fa);
	notesock_server_close(fa.sock);
	json_decref(fa.resume);
	free(fa.sent);
	free(fa.state_path);
	facil_free(fa.f);
	content_free(fa.content);
	return rc;
}

const struct cli_command cmd_facilitate = {
    .name = "facilitate",
    .args = "[MODULE]",
    .summary = "run the day for a room, on a shared screen",
    .options = options,
    .run = facilitate,
};
