/*
 * fac_main.c: the facilitator's main screen: drawing the current step with
 * its title, body, notes and status line, and its keys.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fac.h"
#include "util.h"

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
		char *tail = xasprintf(
		    "  %s  %s",
		    agenda_timer_text(a, fac_now(), timer, sizeof timer),
		    agenda_drift_text(agenda_drift(a, fac_now()), drift,
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
	struct fac_body b;
	struct lawtag law;
	bool tag = lawtag_of_screen(&law, s, fa->today);

	if (fa->top_at != fa->f->cur) {
		fa->top = 0;
		fa->top_at = fa->f->cur;
	}
	y = fac_draw_title(u, title, y, margin, width);
	free(title);
	if (fa->f->notes_on)
		notes_h = u->rows / 3 > 4 ? u->rows / 3 : 4;
	/* A screen that states law keeps the row above the notes (or the
	 * status line) for its tag. */
	h = u->rows - 2 - y - notes_h - (tag ? 1 : 0);
	fac_body_init(&b, width);
	fac_build_body(u, fa, &b, s);
	if (b.focus_line >= 0)
		fa->top = layout_scroll_to(fa->top, b.focus_line, h);
	fa->top = layout_clamp(fa->top, b.l.n, h > 0 ? h : 1);
	fa->more = h > 0 ? ui_draw_layout(u, &b.l, fa->top, y, margin, h) : 0;
	if (fa->more > 0)
		ui_put(u, y + h, margin, "(more below: Down)", UI_S_DIM);
	if (tag && u->rows - 2 - notes_h >= y)
		ui_put_law(u, u->rows - 2 - notes_h, margin, width, &law);
	if (b.focus_line >= 0 && b.focus_line >= fa->top &&
	    b.focus_line < fa->top + h)
		ui_cursor(u, y + b.focus_line - fa->top, margin);
	else
		ui_cursor(u, y > 1 ? y - 1 : 0, margin);
	fac_body_free(&b);
	if (notes_h > 0)
		fac_draw_notes(u, fa, s, u->rows - 1 - notes_h, notes_h);
	status(u, fa, s);
}

/* ---- Keys ------------------------------------------------------------- */

static void
digit(struct ui *u, struct fac *fa, int d)
{
	const struct facil_screen *s = facil_screen(fa->f);

	if (s->kind == FACIL_SORT) {
		if (d >= 1)
			fac_act(u, FACIL_EV_PLACE, d - 1);
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
	fac_act(u, FACIL_EV_SET_COUNT, fa->typed);
}

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

/*
 * The main screen's keys: one case per action of main_keys, so that the
 * table, the help and what the keys do read side by side (a dispatch
 * switch, longer than the other functions for that reason).
 */
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
		fac_act(u, FACIL_EV_NEXT, 0);
		break;
	case UI_BACK:
		/* Backspace while typing a count corrects the count. */
		if (fa->typing && fa->typed_at == fa->f->cur &&
		    (ch == 127 || ch == 8 || ch == KEY_BACKSPACE)) {
			fa->typed /= 10;
			fa->typing = fa->typed != 0;
			fac_act(u, FACIL_EV_SET_COUNT, fa->typed);
			break;
		}
		/* From the attendance screen, back to where E was pressed. */
		if (s->kind == FACIL_END && fa->before_end != 0)
			fac_act(u, FACIL_EV_GOTO, (long)fa->before_end);
		else
			fac_act(u, FACIL_EV_BACK, 0);
		fa->before_end = 0;
		break;
	case UI_UP:
		if (choices)
			fac_act(u, FACIL_EV_UP, 0);
		else if (fa->top > 0)
			fa->top--;
		break;
	case UI_DOWN:
		if (choices)
			fac_act(u, FACIL_EV_DOWN, 0);
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
		fac_act(u, FACIL_EV_COUNT, a == UI_PLUS ? 1 : -1);
		break;
	case UI_REVEAL:
		fac_act(u, FACIL_EV_REVEAL, 0);
		break;
	case UI_HIDE:
		fac_act(u, FACIL_EV_HIDE, 0);
		break;
	case UI_NOTES:
		fac_act(u, FACIL_EV_NOTES, 0);
		break;
	case UI_SKIP:
		fac_act(u, FACIL_EV_SKIP, 0);
		break;
	case UI_TIMER:
		fac_act(u, FACIL_EV_TIMER, 0);
		break;
	case UI_END:
		if (s->kind != FACIL_END)
			fa->before_end = fa->f->cur;
		fac_act(u, FACIL_EV_GOTO, (long)fa->f->n - 1);
		break;
	case UI_AGENDA:
		ui_set_screen(u, &fac_screen_agenda);
		break;
	case UI_ROSTER:
		ui_set_screen(u, &fac_screen_people);
		break;
	case UI_SIGN:
		if (s->kind == FACIL_END)
			fac_start_signing(u, fa);
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
			fac_flush(fa, u);
			u->done = true;
		} else {
			ui_set_screen(u, &fac_screen_quit);
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

const struct ui_screen fac_screen_main = {
    .name = "facilitate",
    .draw = main_draw,
    .key = main_key,
    .keys = main_keys,
};
