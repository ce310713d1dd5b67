/*
 * learn_ui.c: the learner's screens.  Each screen is init/draw/key over
 * the shared struct lui; the steps themselves are drawn from a const view
 * of the core's session, and keys become session events.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "learn_ui.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "session.h"
#include "util.h"

enum { FIELD_NONE, FIELD_NAME, FIELD_STAFF, FIELD_SEARCH, FIELD_PASS };

struct lui {
	const struct learn_ui_opts *o;
	struct learner l;
	bool open; /* l is open */
	int exit;
	int focus; /* menu screens */
	int scroll;
	int field_kind;
	struct ui_field field;
	char name[LEARNER_TEXT_SIZE];
	char staff[LEARNER_TEXT_SIZE];
	bool whole_day;
	bool confirm; /* a y/n question is on screen */
	int confirm_what;
	struct module *finished; /* the module just finished */
	bool record_ok;
	char note[1024]; /* a line shown on the next screen */
	/* Strings made while drawing, freed after. */
	char **tmp;
	size_t ntmp;
};

enum { CONFIRM_QUIT, CONFIRM_RESET };

static const struct ui_screen screen_home, screen_name, screen_resume,
    screen_menu, screen_step, screen_glossary, screen_done;

static struct lui *
LU(struct ui *u)
{
	return u->data;
}

static const char *tx(struct lui *lu, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *
tx(struct lui *lu, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	lu->tmp = xreallocarray(lu->tmp, lu->ntmp + 1, sizeof *lu->tmp);
	lu->tmp[lu->ntmp++] = s;
	return s;
}

static void
tx_free(struct lui *lu)
{
	size_t i;

	for (i = 0; i < lu->ntmp; i++)
		free(lu->tmp[i]);
	free(lu->tmp);
	lu->tmp = NULL;
	lu->ntmp = 0;
}

static void
save_hook(struct ui *u)
{
	struct lui *lu = LU(u);

	if (lu->open)
		learner_save(&lu->l);
}

/* ---- Drawing helpers -------------------------------------------------- */

/* A title on row 0 and the body of l below it, scrolled to keep the line
 * focus_line (or -1) in view; the cursor goes on that line. */
static void
draw_page(struct ui *u, const char *title, struct layout *l, int focus_line)
{
	struct lui *lu = LU(u);
	int height = u->rows - 4, more;

	ui_put(u, 0, 1, title, UI_S_TITLE);
	if (focus_line >= 0)
		lu->scroll = layout_scroll_to(lu->scroll, focus_line, height);
	lu->scroll = layout_clamp(lu->scroll, l->n, height);
	more = ui_draw_layout(u, l, lu->scroll, 2, 1, height);
	if (more > 0)
		ui_put(u, u->rows - 2, u->cols - 22,
		       tx(lu, "v %d more below", more), UI_S_DIM);
	else if (lu->scroll > 0)
		ui_put(u, u->rows - 2, u->cols - 22,
		       tx(lu, "^ %d more above", lu->scroll), UI_S_DIM);
	if (focus_line >= 0) {
		const struct layout_line *ln = &l->v[focus_line];

		ui_cursor(u, 2 + focus_line - lu->scroll, 1 + ln->indent);
	} else {
		ui_cursor(u, 0, 1);
	}
}

/* Add a numbered choice; returns its first line. */
static int
add_choice(struct ui *u, struct layout *l, int width, size_t i,
	   const char *label, bool focused, const char *mark)
{
	struct lui *lu = LU(u);
	int first = (int)l->n;

	layout_wrap(l,
		    tx(lu, "%s %zu. %s%s%s", focused ? ui_pointer(u) : " ",
		       i + 1, label, mark ? "  " : "", mark ? mark : ""),
		    width, 2, 7, focused ? UI_S_FOCUS : UI_S_TEXT);
	return first;
}

static void
add_list(struct ui *u, struct layout *l, int width, const char *heading,
	 const struct strlist *sl)
{
	size_t i;

	if (sl->n == 0)
		return;
	if (heading != NULL)
		layout_wrap(l, heading, width, 0, 0, UI_S_TITLE);
	for (i = 0; i < sl->n; i++)
		layout_wrap(
		    l, tx(LU(u), "%s %s", u->utf8 ? "\u2022" : "*", sl->v[i]),
		    width, 2, 4, UI_S_TEXT);
	layout_blank(l);
}

static void hints(struct ui *u, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
hints(struct ui *u, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->hints, sizeof u->hints, fmt, ap);
	va_end(ap);
}

/* A y/n question over the status line. */
static void
draw_confirm(struct ui *u, const char *q)
{
	ui_put(u, u->rows - 2, 1, q, UI_S_TITLE);
	ui_cursor(u, u->rows - 2, 1 + layout_width(q, strlen(q)));
	hints(u, "y yes  n no");
}

/* ---- Home: Learner or Facilitator -------------------------------------- */

static const char *const home_items[] = {
    "Learner: work through the modules alone, at your own pace",
    "Facilitator: run the day for a room, on a shared screen",
};

static void
home_init(struct ui *u)
{
	LU(u)->focus = 0;
	LU(u)->scroll = 0;
}

static void
draw_menu(struct ui *u, const char *title, const char *intro,
	  const char *const *items, const char *const *marks, size_t n)
{
	struct lui *lu = LU(u);
	struct layout l;
	int width = u->cols - 2, fl = -1, k;
	size_t i;

	layout_init(&l);
	if (intro != NULL) {
		layout_wrap(&l, intro, width, 0, 0, UI_S_TEXT);
		layout_blank(&l);
	}
	for (i = 0; i < n; i++) {
		k = add_choice(u, &l, width, i, items[i], (int)i == lu->focus,
			       marks ? marks[i] : NULL);
		if ((int)i == lu->focus)
			fl = k;
	}
	if (lu->note[0] != '\0') {
		layout_blank(&l);
		layout_wrap(&l, lu->note, width, 0, 0, UI_S_DIM);
	}
	draw_page(u, title, &l, fl);
	layout_free(&l);
}

static void home_draw_(struct ui *u);

static void
home_draw(struct ui *u)
{
	tx_free(LU(u));
	home_draw_(u);
}

static void
home_draw_(struct ui *u)
{
	draw_menu(u, "Workshop: relationships, sexuality and sex",
		  "Who is using the program?", home_items, NULL, 2);
	hints(u, "Enter go  ? help  Up/Down choose  q quit");
	snprintf(u->where, sizeof u->where, "Home");
}

static bool
menu_move(struct lui *lu, enum ui_action a, int ch, int n)
{
	if (a == UI_UP && lu->focus > 0)
		lu->focus--;
	else if (a == UI_DOWN && lu->focus + 1 < n)
		lu->focus++;
	else if (a == UI_DIGIT && ch - '1' < n)
		lu->focus = ch - '1';
	else
		return a == UI_DIGIT;
	return a == UI_DIGIT;
}

/* The learner leaves; in a kiosk the next learner comes. */
static void
leave(struct ui *u)
{
	struct lui *lu = LU(u);

	lu->exit = lu->o->kiosk ? LEARN_UI_NEXT_LEARNER : LEARN_UI_QUIT;
	u->done = true;
}

static void
home_key(struct ui *u, enum ui_action a, int ch)
{
	struct lui *lu = LU(u);

	if (a == UI_QUIT) {
		lu->exit = LEARN_UI_QUIT;
		u->done = true;
		return;
	}
	if (!menu_move(lu, a, ch, 2) && a != UI_NEXT)
		return;
	lu->exit = lu->focus == 1 ? LEARN_UI_FACILITATE : LEARN_UI_LEARNER;
	u->done = true;
}

static const struct ui_key menu_keys[] = {
    {.code = '1',
     .last = '9',
     .action = UI_DIGIT,
     .name = "1-9",
     .help = "choose by number"},
    {.code = 0},
};

static const struct ui_screen screen_home = {.name = "home",
					     .init = home_init,
					     .draw = home_draw,
					     .key = home_key,
					     .keys = menu_keys};

/* ---- Name and staff id ------------------------------------------------- */

static void
name_init(struct ui *u)
{
	struct lui *lu = LU(u);

	lu->field_kind = FIELD_NAME;
	memset(&lu->field, 0, sizeof lu->field);
}

static void name_draw_(struct ui *u);

static void
name_draw(struct ui *u)
{
	tx_free(LU(u));
	name_draw_(u);
}

static void
name_draw_(struct ui *u)
{
	struct lui *lu = LU(u);
	bool staff = lu->field_kind == FIELD_STAFF;
	const char *label = staff ? "Staff id (optional): " : "Your name: ";
	int x = 1 + layout_width(label, strlen(label));

	ui_put(u, 0, 1, "Welcome", UI_S_TITLE);
	ui_put(u, 2, 1,
	       staff ? "If your organisation gave you a staff id, type it; "
		       "otherwise press Enter."
		     : "Type your name as it should appear on your record.",
	       UI_S_TEXT);
	ui_put(u, 4, 1, label, UI_S_TEXT);
	ui_put(u, 4, x, lu->field.buf, UI_S_TEXT);
	ui_put(u, 6, 1,
	       "Your progress is kept privately under your name; your views "
	       "are never kept.",
	       UI_S_DIM);
	if (lu->note[0] != '\0')
		ui_put(u, 8, 1, lu->note, UI_S_WRONG);
	ui_cursor(u, 4, x + layout_width(lu->field.buf, lu->field.len));
	hints(u, "Enter done  Esc %s",
	      lu->o->kiosk ? "leave the kiosk" : "quit");
	snprintf(u->where, sizeof u->where, "Learner");
}

static void after_name(struct ui *u);

static bool
name_raw(struct ui *u, int ch, bool func)
{
	struct lui *lu = LU(u);
	enum ui_field_result r = ui_field_key(&lu->field, ch, func);

	if (r == UI_FIELD_CANCEL) {
		lu->exit = LEARN_UI_QUIT;
		u->done = true;
	} else if (r == UI_FIELD_DONE) {
		if (lu->field_kind == FIELD_NAME) {
			if (lu->field.len == 0) {
				snprintf(lu->note, sizeof lu->note,
					 "Please type your name.");
				return true;
			}
			snprintf(lu->name, sizeof lu->name, "%s",
				 lu->field.buf);
			lu->note[0] = '\0';
			if (lu->o->staff_id != NULL) {
				snprintf(lu->staff, sizeof lu->staff, "%s",
					 lu->o->staff_id);
				after_name(u);
				return true;
			}
			lu->field_kind = FIELD_STAFF;
			memset(&lu->field, 0, sizeof lu->field);
		} else {
			snprintf(lu->staff, sizeof lu->staff, "%s",
				 lu->field.buf);
			after_name(u);
		}
	}
	return true;
}

static const struct ui_key field_keys[] = {
    {.code = '\n',
     .action = UI_NONE,
     .name = "letters",
     .help = "type; Backspace deletes, Ctrl-U clears, Enter is done, Esc "
	     "leaves"},
    {.code = 0},
};

static const struct ui_screen screen_name = {.name = "name",
					     .init = name_init,
					     .draw = name_draw,
					     .keys = field_keys,
					     .raw = name_raw};

/* ---- Starting the learner ---------------------------------------------- */

static void
start_learner(struct ui *u)
{
	struct lui *lu = LU(u);

	if (lu->o->name != NULL && lu->o->name[0] != '\0') {
		snprintf(lu->name, sizeof lu->name, "%s", lu->o->name);
		snprintf(lu->staff, sizeof lu->staff, "%s",
			 lu->o->staff_id ? lu->o->staff_id : "");
		after_name(u);
		return;
	}
	ui_set_screen(u, &screen_name);
}

static void begin_module(struct ui *u, struct module *m);

static void
after_name(struct ui *u)
{
	struct lui *lu = LU(u);
	char err[512];
	struct module *m;

	if (lu->open)
		learner_close(&lu->l);
	lu->note[0] = '\0';
	if (learner_open(&lu->l, lu->o->content, lu->name,
			 lu->staff[0] ? lu->staff : NULL, NULL, err,
			 sizeof err) < 0)
		snprintf(lu->note, sizeof lu->note,
			 "Your saved progress could not be read (%s); it is "
			 "left as it is and not used.",
			 err);
	lu->open = true;
	lu->l.key = lu->o->key;
	lu->l.log_path = lu->o->log_path;
	lu->l.mode = lu->o->kiosk ? "kiosk" : "learner";
	if (lu->o->module != NULL &&
	    (m = learner_module(&lu->l, lu->o->module)) != NULL) {
		begin_module(u, m);
		return;
	}
	if (lu->l.had_progress && lu->l.progress.current != NULL &&
	    learner_module(&lu->l, lu->l.progress.current) != NULL)
		ui_set_screen(u, &screen_resume);
	else
		ui_set_screen(u, &screen_menu);
}

/* ---- Resume ------------------------------------------------------------- */

static const char *const resume_items[] = {
    "Carry on where I left off",
    "Choose a module",
    "Start again: forget my saved progress",
};

static void resume_draw_(struct ui *u);

static void
resume_draw(struct ui *u)
{
	tx_free(LU(u));
	resume_draw_(u);
}

static void
resume_draw_(struct ui *u)
{
	struct lui *lu = LU(u);
	struct module *m = learner_module(&lu->l, lu->l.progress.current);
	const struct progress_module *p = progress_find(&lu->l.progress, m->id);

	if (lu->confirm) {
		draw_confirm(u, "Forget all your saved progress? (y/n) ");
		return;
	}
	draw_menu(u, tx(lu, "Welcome back, %s", lu->name),
		  tx(lu, "You were working on \"%s\", step %zu of %zu.",
		     m->title, (p ? p->saved.step : 0) + 1, m->nsteps),
		  resume_items, NULL, 3);
	hints(u, "Enter go  ? help  Up/Down choose  q quit");
	snprintf(u->where, sizeof u->where, "Resume");
}

static void
ask_confirm(struct lui *lu, int what)
{
	lu->confirm = true;
	lu->confirm_what = what;
}

/* Handle y/n; true if the key was taken. */
static bool confirm_key(struct ui *u, enum ui_action a);

static void
resume_key(struct ui *u, enum ui_action a, int ch)
{
	struct lui *lu = LU(u);

	if (confirm_key(u, a))
		return;
	if (a == UI_QUIT) {
		leave(u);
		return;
	}
	if (!menu_move(lu, a, ch, 3) && a != UI_NEXT)
		return;
	if (lu->focus == 0)
		begin_module(u, learner_module(&lu->l, lu->l.progress.current));
	else if (lu->focus == 1)
		ui_set_screen(u, &screen_menu);
	else
		ask_confirm(lu, CONFIRM_RESET);
}

static const struct ui_key confirm_keys[] = {
    {.code = '1',
     .last = '9',
     .action = UI_DIGIT,
     .name = "1-9",
     .help = "choose by number"},
    {.code = 'y', .action = UI_YES, .name = "y", .help = "yes, when asked"},
    {.code = 'n', .action = UI_NO, .name = "n Esc", .help = "no, when asked"},
    {.code = 27, .action = UI_NO},
    {.code = 'x',
     .action = UI_RESET,
     .name = "x",
     .help = "start again: forget your saved progress (asks first)"},
    {.code = 0},
};

static void
resume_init(struct ui *u)
{
	LU(u)->focus = 0;
	LU(u)->confirm = false;
	LU(u)->scroll = 0;
}

static const struct ui_screen screen_resume = {.name = "resume",
					       .init = resume_init,
					       .draw = resume_draw,
					       .key = resume_key,
					       .keys = confirm_keys};

/* ---- Module menu ------------------------------------------------------- */

static void menu_draw_(struct ui *u);

static void
menu_draw(struct ui *u)
{
	tx_free(LU(u));
	menu_draw_(u);
}

static void
menu_draw_(struct ui *u)
{
	struct lui *lu = LU(u);
	size_t n = lu->l.nday + 1, i;
	const char **items = xcalloc(n, sizeof *items);
	const char **marks = xcalloc(n, sizeof *marks);

	if (lu->confirm) {
		draw_confirm(u, "Forget all your saved progress? (y/n) ");
		free(items);
		free(marks);
		return;
	}
	items[0] = "The whole day, in order";
	for (i = 0; i < lu->l.nday; i++) {
		items[i + 1] = lu->l.day[i]->title;
		if (learner_done(&lu->l, lu->l.day[i]))
			marks[i + 1] = tx(lu, "%s done", ui_mark(u, true));
	}
	draw_menu(u, tx(lu, "Modules for %s", lu->name),
		  "Choose a module, or the whole day.", items, marks, n);
	free(items);
	free(marks);
	hints(u, "Enter start  ? help  Up/Down choose  x start again  q quit");
	snprintf(u->where, sizeof u->where, "%zu modules", lu->l.nday);
}

static void
menu_key(struct ui *u, enum ui_action a, int ch)
{
	struct lui *lu = LU(u);
	int n = (int)lu->l.nday + 1;
	struct module *m;

	if (confirm_key(u, a))
		return;
	if (a == UI_QUIT) {
		leave(u);
		return;
	}
	if (a == UI_RESET) {
		ask_confirm(lu, CONFIRM_RESET);
		return;
	}
	if (!menu_move(lu, a, ch, n) && a != UI_NEXT)
		return;
	lu->whole_day = lu->focus == 0;
	if (lu->whole_day) {
		m = learner_next(&lu->l, NULL);
		if (m == NULL && lu->l.nday > 0)
			m = lu->l.day[0];
	} else {
		m = lu->l.day[lu->focus - 1];
	}
	if (m != NULL)
		begin_module(u, m);
}

static void
menu_init(struct ui *u)
{
	LU(u)->focus = 0;
	LU(u)->confirm = false;
	LU(u)->scroll = 0;
}

static const struct ui_screen screen_menu = {.name = "menu",
					     .init = menu_init,
					     .draw = menu_draw,
					     .key = menu_key,
					     .keys = confirm_keys};

static bool
confirm_key(struct ui *u, enum ui_action a)
{
	struct lui *lu = LU(u);

	if (!lu->confirm)
		return false;
	if (a == UI_YES) {
		lu->confirm = false;
		if (lu->confirm_what == CONFIRM_QUIT) {
			leave(u);
		} else {
			learner_reset(&lu->l);
			snprintf(lu->note, sizeof lu->note,
				 "Your saved progress was forgotten.");
			ui_set_screen(u, &screen_menu);
		}
	} else if (a == UI_NO || a == UI_QUIT) {
		lu->confirm = false;
	}
	return true;
}

/* ---- A step ------------------------------------------------------------ */

static const char *
step_title(const struct step *st)
{
	if (st->kind == STEP_QUIZ && st->u.quiz.quiz != NULL)
		return st->u.quiz.quiz->title;
	if (st->kind == STEP_SCENARIO && st->u.scenario.scenario != NULL)
		return st->u.scenario.scenario->title;
	return st->title != NULL ? st->title : "";
}

static void
begin_module(struct ui *u, struct module *m)
{
	struct lui *lu = LU(u);
	struct session *s = learner_begin(&lu->l, m, time(NULL));

	lu->scroll = 0;
	if (s->finished) /* resumed at the very end */
		session_goto(s, m->nsteps ? m->nsteps - 1 : 0);
	learner_save(&lu->l);
	ui_set_screen(u, session_current(s) != NULL &&
				 session_current(s)->kind == STEP_GLOSSARY
			     ? &screen_glossary
			     : &screen_step);
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
			    tx(LU(u), "%s %s", u->utf8 ? "\u2022" : "*",
			       st->u.text.points.v[i]),
			    w, 2, 4, UI_S_TEXT);
	if (ss->revealed > 0)
		layout_blank(l);
	add_list(u, l, w, "The law:", &st->u.text.cite);
	if (ss->revealed < st->u.text.points.n)
		layout_wrap(l,
			    tx(LU(u), "Enter shows the next point (%zu more).",
			       st->u.text.points.n - ss->revealed),
			    w, 0, 0, UI_S_DIM);
	return -1;
}

static int
build_sort(struct ui *u, struct layout *l, int w, const struct step *st,
	   const struct session_step *ss, int focus)
{
	struct lui *lu = LU(u);
	int fl = -1, k;
	size_t i;

	if (st->u.sort.prompt != NULL) {
		layout_wrap(l, st->u.sort.prompt, w, 0, 0, UI_S_TEXT);
		layout_blank(l);
	}
	if (ss->phase == SESSION_PH_PLACE) {
		layout_wrap(l,
			    tx(lu, "Item %zu of %zu: %s", ss->item + 1,
			       st->u.sort.nitems,
			       st->u.sort.items[ss->item].text),
			    w, 0, 0, UI_S_TITLE);
		layout_wrap(l, "Where does it belong?", w, 0, 0, UI_S_TEXT);
		for (i = 0; i < st->u.sort.ncategories; i++) {
			k = add_choice(u, l, w, i,
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

		layout_wrap(l,
			    tx(lu, "%s %s: %s%s%s%s", ui_mark(u, ok), it->text,
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
	struct lui *lu = LU(u);
	const struct view_statement *v = &st->u.views.statements[ss->item];
	int fl = -1, k, i;

	if (st->u.views.prompt != NULL) {
		layout_wrap(l, st->u.views.prompt, w, 0, 0, UI_S_TEXT);
		layout_blank(l);
	}
	layout_wrap(l,
		    tx(lu, "Statement %zu of %zu:", ss->item + 1,
		       st->u.views.nstatements),
		    w, 0, 0, UI_S_DIM);
	layout_wrap(l, v->text, w, 2, 2, UI_S_TITLE);
	layout_blank(l);
	if (ss->phase == SESSION_PH_STATEMENT) {
		for (i = 0; i < SESSION_NVIEWS; i++) {
			k = add_choice(u, l, w, (size_t)i,
				       session_view_label(i), i == focus, NULL);
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
	layout_wrap(l, tx(lu, "You said: %s.", session_view_label(ss->view)), w,
		    0, 0, UI_S_TEXT);
	layout_blank(l);
	add_list(u, l, w, "Think about it:", &v->prompts);
	return -1;
}

static int
build_question(struct ui *u, struct layout *l, int w, const struct session *s,
	       const struct step *st, int focus)
{
	struct lui *lu = LU(u);
	const struct session_step *ss = session_state(s);
	const struct question *q = session_question(s);
	int fl = -1, k;
	int a = ss->answers[ss->order[ss->pos]];
	bool fb = ss->phase == SESSION_PH_FEEDBACK;
	size_t i;
	unsigned r, n;

	if (ss->pos == 0 && ss->rounds == 1 && !fb) {
		char note[300];

		if (st->u.quiz.quiz->intro != NULL)
			layout_wrap(l, st->u.quiz.quiz->intro, w, 0, 0,
				    UI_S_DIM);
		session_law_note(&st->u.quiz.quiz->law,
				 (long)(time(NULL) / 86400), note, sizeof note);
		if (note[0] != '\0')
			layout_wrap(l, tx(lu, "%s", note), w, 0, 0, UI_S_DIM);
		if (st->u.quiz.quiz->intro != NULL || note[0] != '\0')
			layout_blank(l);
	}
	layout_wrap(l, q->text, w, 0, 0, UI_S_TITLE);
	layout_blank(l);
	for (i = 0; i < q->choices.n; i++) {
		const char *mk = NULL;

		if (fb && i == q->answer)
			mk = tx(lu, "%s the answer", ui_mark(u, true));
		else if (fb && (int)i == a)
			mk = tx(lu, "%s your answer", ui_mark(u, false));
		k = add_choice(u, l, w, i, q->choices.v[i],
			       !fb && (int)i == focus, mk);
		if ((!fb && (int)i == focus) || (fb && (int)i == a))
			fl = k;
	}
	if (!fb)
		return fl;
	layout_blank(l);
	if (a == (int)q->answer)
		layout_wrap(l, tx(lu, "%s Right.", ui_mark(u, true)), w, 0, 0,
			    UI_S_RIGHT);
	else
		layout_wrap(l,
			    tx(lu, "%s Not right: the answer is %s.",
			       ui_mark(u, false), q->choices.v[q->answer]),
			    w, 0, 0, UI_S_WRONG);
	layout_wrap(l, q->explanation, w, 0, 0, UI_S_TEXT);
	layout_wrap(l, tx(lu, "Source: %s", q->cite), w, 0, 2, UI_S_CITE);
	session_quiz_score(s, s->step, &r, &n);
	layout_blank(l);
	layout_wrap(l, tx(lu, "Score so far: %u of %u.", r, n), w, 0, 0,
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
	struct lui *lu = LU(u);
	const struct quiz *q = st->u.quiz.quiz;
	unsigned r, n;
	bool pass = session_quiz_passed(s, s->step);
	int fl = -1, k, i;

	session_quiz_score(s, s->step, &r, &n);
	layout_wrap(l,
		    tx(lu, "You got %u of %zu right (%u%%).", r, q->nquestions,
		       q->nquestions ? (unsigned)(r * 100 / q->nquestions) : 0),
		    w, 0, 0, UI_S_TITLE);
	layout_wrap(l, tx(lu, "The pass mark is %u%%.", q->pass_mark), w, 0, 0,
		    UI_S_TEXT);
	layout_wrap(l,
		    pass ? tx(lu, "%s Passed.", ui_mark(u, true))
			 : tx(lu,
			      "%s Not passed yet: you can try again, as "
			      "often as you like.",
			      ui_mark(u, false)),
		    w, 0, 0, pass ? UI_S_RIGHT : UI_S_WRONG);
	if (q->law.jurisdiction != NULL) {
		char note[300];

		session_law_note(&q->law, (long)(time(NULL) / 86400), note,
				 sizeof note);
		layout_wrap(l, tx(lu, "%s", note), w, 0, 0, UI_S_DIM);
	}
	layout_blank(l);
	for (i = 0; i < SESSION_NRESULT_OPTIONS; i++) {
		k = add_choice(u, l, w, (size_t)i, result_labels[i], i == focus,
			       NULL);
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
			    tx(LU(u), "Question %zu of %zu:", ss->item + 1,
			       sc->questions.n),
			    w, 0, 0, UI_S_DIM);
		layout_wrap(l, sc->questions.v[ss->item], w, 2, 2, UI_S_TITLE);
		layout_blank(l);
		layout_wrap(l, "Think about your answer, then press Enter.", w,
			    0, 0, UI_S_DIM);
	} else if (ss->phase == SESSION_PH_ACD) {
		add_list(u, l, w, "Ask:", &sc->ask);
		add_list(u, l, w, "Check:", &sc->check);
		add_list(u, l, w, "Do:", &sc->act);
	} else if (ss->phase == SESSION_PH_POINTS) {
		add_list(u, l, w, "A good answer covers:", &sc->points);
		add_list(u, l, w, "The law:", &sc->law);
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
	layout_wrap(l, tx(LU(u), "%s", buf), w, 0, 10, UI_S_DIM);
}

static int
build_glossary(struct ui *u, struct layout *l, int w, const struct step *st,
	       const struct session_step *ss, int focus)
{
	struct lui *lu = LU(u);
	int fl = -1;
	size_t i;

	if (st->u.glossary.intro != NULL) {
		layout_wrap(l, st->u.glossary.intro, w, 0, 0, UI_S_DIM);
		layout_blank(l);
	}
	add_letters(u, l, w, st, ss);
	if (lu->field_kind == FIELD_SEARCH) {
		fl = (int)l->n; /* the cursor goes in the search field */
		layout_wrap(l, tx(lu, "Search: %s", lu->field.buf), w, 0, 0,
			    UI_S_TITLE);
	} else if (ss->letter != 0 || ss->search != NULL)
		layout_wrap(
		    l,
		    tx(lu, "%zu term%s%s%c%s%s%s  (* shows all)", ss->nmatch,
		       ss->nmatch == 1 ? "" : "s", ss->letter ? " under " : "",
		       ss->letter ? ss->letter : ' ',
		       ss->search ? " matching \"" : "",
		       ss->search ? ss->search : "", ss->search ? "\"" : ""),
		    w, 0, 0, UI_S_DIM);
	if (ss->nmatch == 0)
		layout_wrap(l, "No terms match.", w, 0, 0, UI_S_TEXT);
	for (i = 0; i < ss->nmatch; i++) {
		const struct glossary_term *t =
		    &st->u.glossary.terms[ss->match[i]];
		bool f = (int)i == focus;

		if (f && lu->field_kind != FIELD_SEARCH)
			fl = (int)l->n;
		layout_wrap(l,
			    tx(lu, "%s %s", f ? ui_pointer(u) : " ", t->term),
			    w, 0, 2, f ? UI_S_FOCUS : UI_S_TITLE);
		if (f)
			layout_wrap(l, t->definition, w, 2, 2, UI_S_TEXT);
	}
	return fl;
}

static int
build_rating(struct ui *u, struct layout *l, int w, const struct step *st,
	     const struct session_step *ss, int focus)
{
	struct lui *lu = LU(u);
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
		    i == 0 ? tx(lu, "1 (%s)", st->u.rating.low)
		    : i + 1 == st->u.rating.scale
			? tx(lu, "%u (%s)", i + 1, st->u.rating.high)
			: tx(lu, "%u", i + 1);

		k = add_choice(u, l, w, i, label, (int)i == focus, NULL);
		if ((int)i == focus)
			fl = k;
	}
	layout_blank(l);
	layout_wrap(l, "Only you see this; it is not recorded.", w, 0, 0,
		    UI_S_DIM);
	return fl;
}

static int
build_step(struct ui *u, struct layout *l, int w, const struct session *s)
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
			add_list(u, l, w,
				 "Think about:", &st->u.reflection.prompts);
			layout_wrap(l,
				    "Nothing you think or write here is "
				    "kept.",
				    w, 0, 0, UI_S_DIM);
		} else if (st->kind == STEP_BREAK) {
			layout_wrap(l,
				    tx(LU(u),
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

static void step_draw_(struct ui *u);

static void
step_draw(struct ui *u)
{
	tx_free(LU(u));
	step_draw_(u);
}

static void
step_draw_(struct ui *u)
{
	struct lui *lu = LU(u);
	const struct session *s = lu->l.session;
	const struct step *st = session_current(s);
	struct layout l;
	int fl;

	if (lu->confirm) {
		draw_confirm(u, "Leave now? Your place and quiz answers are "
				"saved. (y/n) ");
		return;
	}
	layout_init(&l);
	fl = build_step(u, &l, u->cols - 2, s);
	draw_page(u, tx(lu, "%s: %s", s->module->title, step_title(st)), &l,
		  fl);
	if (lu->field_kind == FIELD_SEARCH) /* after "Search: " */
		ui_cursor(u, u->cur_y,
			  1 + 8 + layout_width(lu->field.buf, lu->field.len));
	layout_free(&l);
	session_position(s, u->where, sizeof u->where);
	if (lu->field_kind == FIELD_SEARCH)
		hints(u, "type to search  Enter done  Esc clear");
	else if (session_noptions(s) > 0 && st->kind == STEP_GLOSSARY)
		hints(u,
		      "Enter next  ? help  Up/Down term  A-Z letter  / search"
		      "  b back");
	else if (session_noptions(s) > 0)
		hints(u, "Enter or 1-9 answer  ? help  Up/Down choose  b back"
			 "  q quit");
	else
		hints(u, "Enter next  ? help  b back  Up/Down scroll  q quit");
}

static void
step_init(struct ui *u)
{
	LU(u)->confirm = false;
	LU(u)->field_kind = FIELD_NONE;
}

static void
finish_module(struct ui *u)
{
	struct lui *lu = LU(u);

	lu->finished = lu->l.session->module;
	lu->record_ok = learner_finish(&lu->l, time(NULL)) == 0;
	ui_set_screen(u, &screen_done);
}

static void
after_event(struct ui *u, enum session_ev ev, enum session_outcome o)
{
	struct lui *lu = LU(u);
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
	u->screen = st != NULL && st->kind == STEP_GLOSSARY ? &screen_glossary
							    : &screen_step;
}

static void
scroll_by(struct ui *u, int d)
{
	LU(u)->scroll += d;
	if (LU(u)->scroll < 0)
		LU(u)->scroll = 0;
}

static void
step_key(struct ui *u, enum ui_action a, int ch)
{
	struct lui *lu = LU(u);
	struct session *s = lu->l.session;
	struct session_event ev = {.index = -1};
	int page = u->rows - 5;

	/* Too small to show the question: q quits, as that screen says. */
	if (a == UI_QUIT && ui_too_small(u)) {
		lu->confirm = false;
		leave(u);
		return;
	}
	if (confirm_key(u, a))
		return;
	switch (a) {
	case UI_QUIT:
		ask_confirm(lu, CONFIRM_QUIT);
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
	struct lui *lu = LU(u);
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

static const struct ui_screen screen_step = {.name = "step",
					     .init = step_init,
					     .draw = step_draw,
					     .key = step_key,
					     .keys = step_keys,
					     .raw = step_raw};

static const struct ui_screen screen_glossary = {.name = "glossary",
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
	tx_free(LU(u));
	done_draw_(u);
}

static void
done_draw_(struct ui *u)
{
	struct lui *lu = LU(u);
	struct layout l;
	unsigned score, total, pass;
	const char *ev =
	    session_outcome_event(lu->l.session, &score, &total, &pass);
	struct module *next =
	    lu->whole_day ? learner_next(&lu->l, lu->finished) : NULL;
	int w = u->cols - 2;

	layout_init(&l);
	layout_wrap(&l,
		    tx(lu, "You have finished \"%s\".", lu->finished->title), w,
		    0, 0, UI_S_TEXT);
	if (total > 0)
		layout_wrap(
		    &l,
		    tx(lu, "%s %s: %u of %u right (pass mark %u%%).",
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
			? tx(lu, "Enter: go on to \"%s\".", next->title)
			: "Enter: back to the list of modules.",
		    w, 0, 0, UI_S_DIM);
	if (strcmp(ev, "failed") == 0)
		layout_wrap(&l, "b: go back to the quiz and try again.", w, 0,
			    0, UI_S_DIM);
	draw_page(u, "Module finished", &l, -1);
	layout_free(&l);
	hints(u, "Enter go on  ? help  b back  q quit");
	snprintf(u->where, sizeof u->where, "Finished");
}

static void
done_key(struct ui *u, enum ui_action a, int ch)
{
	struct lui *lu = LU(u);
	struct module *next;

	(void)ch;
	if (a == UI_QUIT) {
		leave(u);
	} else if (a == UI_BACK) {
		begin_module(u, lu->finished);
		session_goto(lu->l.session, lu->finished->nsteps - 1);
	} else if (a == UI_NEXT) {
		next =
		    lu->whole_day ? learner_next(&lu->l, lu->finished) : NULL;
		if (next != NULL)
			begin_module(u, next);
		else if (lu->o->kiosk) {
			lu->exit = LEARN_UI_NEXT_LEARNER;
			u->done = true;
		} else
			ui_set_screen(u, &screen_menu);
	}
}

static void
done_init(struct ui *u)
{
	LU(u)->scroll = 0;
}

static const struct ui_screen screen_done = {
    .name = "done", .init = done_init, .draw = done_draw, .key = done_key};

/* ---- Running ------------------------------------------------------------ */

int
learn_ui_run(struct ui *u, const struct learn_ui_opts *o)
{
	struct lui lu;
	int rc;

	memset(&lu, 0, sizeof lu);
	lu.o = o;
	u->data = &lu;
	u->save = save_hook;
	u->done = false;
	if (o->home)
		ui_set_screen(u, &screen_home);
	else
		start_learner(u);
	rc = u->done ? lu.exit : ui_run(u);
	if (rc < 128) {
		rc = lu.exit;
		save_hook(u);
	}
	if (lu.open)
		learner_close(&lu.l);
	tx_free(&lu);
	u->data = NULL;
	u->save = NULL;
	return rc;
}
