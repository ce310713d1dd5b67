/*
 * learn_step.c: the step screen (drawing, scrolling, the keys that become
 * session events), the glossary's keys, and the module-finished screen.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lui.h"

void
lui_begin_module(struct ui *u, struct module *m)
{
	struct lui *lu = lui_of(u);
	struct session *s = learner_begin(&lu->l, m, time(NULL));

	lu->scroll = 0;
	if (s->finished) /* resumed at the very end */
		session_goto(s, m->nsteps ? m->nsteps - 1 : 0);
	learner_save(&lu->l);
	ui_set_screen(u, session_current(s) != NULL &&
				 session_current(s)->kind == STEP_GLOSSARY
			     ? &lui_screen_glossary
			     : &lui_screen_step);
}

static void step_draw_(struct ui *u);

static void
step_draw(struct ui *u)
{
	lui_tx_free(lui_of(u));
	step_draw_(u);
}

static void
step_draw_(struct ui *u)
{
	struct lui *lu = lui_of(u);
	const struct session *s = lu->l.session;
	const struct step *st = session_current(s);
	struct lawtag law;
	struct layout l;
	int fl;

	if (lu->confirm) {
		lui_draw_confirm(u,
				 "Leave now? Your place and quiz answers are "
				 "saved. (y/n) ");
		return;
	}
	layout_init(&l);
	fl = lui_build_step(u, &l, u->cols - 2, s);
	lawtag_of_session(&law, s, lu->o->today);
	lui_draw_page(
	    u, lui_tx(lu, "%s: %s", s->module->title, lui_step_title(st)), &l,
	    fl, &law);
	if (lu->field_kind == FIELD_SEARCH) /* after "Search: " */
		ui_cursor(u, u->cur_y,
			  1 + 8 + layout_width(lu->field.buf, lu->field.len));
	layout_free(&l);
	session_position(s, u->where, sizeof u->where);
	if (lu->field_kind == FIELD_SEARCH)
		lui_hints(u, "type to search  Enter done  Esc clear");
	else if (session_noptions(s) > 0 && st->kind == STEP_GLOSSARY)
		lui_hints(
		    u, "Enter next  ? help  Up/Down term  A-Z letter  / search"
		       "  b back");
	else if (session_noptions(s) > 0)
		lui_hints(u,
			  "Enter or 1-9 answer  ? help  Up/Down choose  b back"
			  "  q quit");
	else
		lui_hints(u,
			  "Enter next  ? help  b back  Up/Down scroll  q quit");
}

static void
step_init(struct ui *u)
{
	lui_of(u)->confirm = false;
	lui_of(u)->field_kind = FIELD_NONE;
}

static void
finish_module(struct ui *u)
{
	struct lui *lu = lui_of(u);

	lu->finished = lu->l.session->module;
	lu->record_ok = learner_finish(&lu->l, time(NULL)) == 0;
	ui_set_screen(u, &lui_screen_done);
}

static void
after_event(struct ui *u, enum session_ev ev, enum session_outcome o)
{
	struct lui *lu = lui_of(u);
	const struct step *st;

	if (o == SESSION_FINISHED) {
		finish_module(u);
		return;
	}
	if (session_worth_saving(lu->l.session, ev, o) &&
	    learner_save(&lu->l) < 0) {
		snprintf(u->message, sizeof u->message, "%s", lu->l.message);
		lu->l.message[0] = '\0';
	}
	if (o != SESSION_STEP)
		return;
	lu->scroll = 0;
	st = session_current(lu->l.session);
	u->screen = st != NULL && st->kind == STEP_GLOSSARY
			? &lui_screen_glossary
			: &lui_screen_step;
}

static void
scroll_by(struct ui *u, int d)
{
	lui_of(u)->scroll += d;
	if (lui_of(u)->scroll < 0)
		lui_of(u)->scroll = 0;
}

static void
step_key(struct ui *u, enum ui_action a, int ch)
{
	struct lui *lu = lui_of(u);
	struct session *s = lu->l.session;
	struct session_event ev = {.index = -1};
	int page = u->rows - 5;

	/* Too small to show the question: q quits, as that screen says. */
	if (a == UI_QUIT && ui_too_small(u)) {
		lu->confirm = false;
		lui_leave(u);
		return;
	}
	if (lui_confirm_key(u, a))
		return;
	switch (a) {
	case UI_QUIT:
		lui_ask_confirm(lu, CONFIRM_QUIT);
		return;
	case UI_NEXT:
		ev.type = SESSION_EV_NEXT;
		break;
	case UI_BACK:
		ev.type = SESSION_EV_BACK;
		break;
	case UI_UP:
	case UI_DOWN:
		if (session_noptions(s) == 0) {
			scroll_by(u, a == UI_UP ? -1 : 1);
			return;
		}
		ev.type = a == UI_UP ? SESSION_EV_UP : SESSION_EV_DOWN;
		break;
	case UI_PGUP:
	case UI_PGDN:
		scroll_by(u, a == UI_PGUP ? -page : page);
		return;
	case UI_TOP:
		lu->scroll = 0;
		return;
	case UI_BOTTOM:
		lu->scroll = 1 << 20;
		return;
	case UI_DIGIT:
		ev.type = SESSION_EV_CHOOSE;
		ev.index = ch - '1';
		break;
	case UI_RETRY_WRONG:
	case UI_RETRY_ALL:
		ev.type = a == UI_RETRY_WRONG ? SESSION_EV_RETRY_WRONG
					      : SESSION_EV_RETRY_ALL;
		break;
	case UI_LETTER:
		ev.type = SESSION_EV_LETTER;
		ev.index = ch == '*' ? 0 : ch;
		break;
	case UI_SEARCH:
		lu->field_kind = FIELD_SEARCH;
		memset(&lu->field, 0, sizeof lu->field);
		return;
	default:
		return;
	}
	after_event(u, ev.type, session_handle(s, &ev));
}

/* The glossary search field takes keys while it is open. */
static bool
step_raw(struct ui *u, int ch, bool func)
{
	struct lui *lu = lui_of(u);
	struct session_event ev = {.type = SESSION_EV_SEARCH, .index = -1};
	enum ui_field_result r;

	if (lu->field_kind != FIELD_SEARCH)
		return false;
	r = ui_field_key(&lu->field, ch, func);
	if (r == UI_FIELD_CANCEL)
		memset(&lu->field, 0, sizeof lu->field);
	if (r != UI_FIELD_EDIT)
		lu->field_kind = FIELD_NONE;
	ev.text = lu->field.buf;
	session_handle(lu->l.session, &ev);
	return true;
}

static const struct ui_key step_keys[] = {
    {.code = '1',
     .last = '9',
     .action = UI_DIGIT,
     .name = "1-9",
     .help = "choose by number"},
    {.code = 'r',
     .action = UI_RETRY_WRONG,
     .name = "r",
     .help = "quiz results: retry the questions you got wrong"},
    {.code = 'R',
     .action = UI_RETRY_ALL,
     .name = "R",
     .help = "quiz results: retry the whole quiz"},
    {.code = 'y', .action = UI_YES, .name = "y", .help = "yes, when asked"},
    {.code = 'n', .action = UI_NO, .name = "n Esc", .help = "no, when asked"},
    {.code = 27, .action = UI_NO},
    {.code = 0},
};

static const struct ui_key glossary_keys[] = {
    {.code = 'A',
     .last = 'Z',
     .action = UI_LETTER,
     .name = "A-Z",
     .help = "show the terms starting with that letter"},
    {.code = '*', .action = UI_LETTER, .name = "*", .help = "show all terms"},
    {.code = '/',
     .action = UI_SEARCH,
     .name = "/",
     .help = "search the terms and definitions (Enter done, Esc clears)"},
    {.code = 'y', .action = UI_YES, .name = "y", .help = "yes, when asked"},
    {.code = 'n', .action = UI_NO, .name = "n Esc", .help = "no, when asked"},
    {.code = 27, .action = UI_NO},
    {.code = 0},
};

const struct ui_screen lui_screen_step = {.name = "step",
					  .init = step_init,
					  .draw = step_draw,
					  .key = step_key,
					  .keys = step_keys,
					  .raw = step_raw};

const struct ui_screen lui_screen_glossary = {.name = "glossary",
					      .init = step_init,
					      .draw = step_draw,
					      .key = step_key,
					      .keys = glossary_keys,
					      .raw = step_raw};

/* ---- Module finished ---------------------------------------------------- */

static void done_draw_(struct ui *u);

static void
done_draw(struct ui *u)
{
	lui_tx_free(lui_of(u));
	done_draw_(u);
}

static void
done_draw_(struct ui *u)
{
	struct lui *lu = lui_of(u);
	struct layout l;
	unsigned score, total, pass;
	const char *ev =
	    session_outcome_event(lu->l.session, &score, &total, &pass);
	struct module *next =
	    lu->whole_day ? learner_next(&lu->l, lu->finished) : NULL;
	int w = u->cols - 2;

	layout_init(&l);
	layout_wrap(
	    &l, lui_tx(lu, "You have finished \"%s\".", lu->finished->title), w,
	    0, 0, UI_S_TEXT);
	if (total > 0)
		layout_wrap(
		    &l,
		    lui_tx(lu, "%s %s: %u of %u right (pass mark %u%%).",
			   ui_mark(u, strcmp(ev, "passed") == 0),
			   strcmp(ev, "passed") == 0 ? "Passed" : "Not passed",
			   score, total, pass),
		    w, 0, 0,
		    strcmp(ev, "passed") == 0 ? UI_S_RIGHT : UI_S_WRONG);
	layout_blank(&l);
	layout_wrap(&l, lu->l.message, w, 0, 0,
		    lu->record_ok ? UI_S_TEXT : UI_S_WRONG);
	layout_blank(&l);
	layout_wrap(&l,
		    next != NULL
			? lui_tx(lu, "Enter: go on to \"%s\".", next->title)
			: "Enter: back to the list of modules.",
		    w, 0, 0, UI_S_DIM);
	if (strcmp(ev, "failed") == 0)
		layout_wrap(&l, "b: go back to the quiz and try again.", w, 0,
			    0, UI_S_DIM);
	lui_draw_page(u, "Module finished", &l, -1, NULL);
	layout_free(&l);
	lui_hints(u, "Enter go on  ? help  b back  q quit");
	snprintf(u->where, sizeof u->where, "Finished");
}

static void
done_key(struct ui *u, enum ui_action a, int ch)
{
	struct lui *lu = lui_of(u);
	struct module *next;

	(void)ch;
	if (a == UI_QUIT) {
		lui_leave(u);
	} else if (a == UI_BACK) {
		lui_begin_module(u, lu->finished);
		session_goto(lu->l.session, lu->finished->nsteps - 1);
	} else if (a == UI_NEXT) {
		next =
		    lu->whole_day ? learner_next(&lu->l, lu->finished) : NULL;
		if (next != NULL)
			lui_begin_module(u, next);
		else if (lu->o->kiosk) {
			lu->exit = LEARN_UI_NEXT_LEARNER;
			u->done = true;
		} else
			ui_set_screen(u, &lui_screen_menu);
	}
}

static void
done_init(struct ui *u)
{
	lui_of(u)->scroll = 0;
}

const struct ui_screen lui_screen_done = {
    .name = "done", .init = done_init, .draw = done_draw, .key = done_key};
