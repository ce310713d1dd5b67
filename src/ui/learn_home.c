/*
 * learn_home.c: the learner's screens before a module: home (Learner or
 * Facilitator), name and staff id, resume an earlier module, the module
 * menu, and the yes/no questions they ask.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lui.h"
#include "util.h"

/* ---- Home: Learner or Facilitator -------------------------------------- */

static const char *const home_items[] = {
    "Learner: work through the modules alone, at your own pace",
    "Facilitator: run the day for a room, on a shared screen",
};

static void
home_init(struct ui *u)
{
	lui_of(u)->focus = 0;
	lui_of(u)->scroll = 0;
}

static void
draw_menu(struct ui *u, const char *title, const char *intro,
	  const char *const *items, const char *const *marks, size_t n)
{
	struct lui *lu = lui_of(u);
	struct layout l;
	int width = u->cols - 2, fl = -1, k;
	size_t i;

	layout_init(&l);
	if (intro != NULL) {
		layout_wrap(&l, intro, width, 0, 0, UI_S_TEXT);
		layout_blank(&l);
	}
	for (i = 0; i < n; i++) {
		k = lui_add_choice(u, &l, width, i, items[i],
				   (int)i == lu->focus,
				   marks ? marks[i] : NULL);
		if ((int)i == lu->focus)
			fl = k;
	}
	if (lu->note[0] != '\0') {
		layout_blank(&l);
		layout_wrap(&l, lu->note, width, 0, 0, UI_S_DIM);
	}
	lui_draw_page(u, title, &l, fl, NULL);
	layout_free(&l);
}

static void home_draw_(struct ui *u);

static void
home_draw(struct ui *u)
{
	lui_tx_free(lui_of(u));
	home_draw_(u);
}

static void
home_draw_(struct ui *u)
{
	draw_menu(u, "Workshop: relationships, sexuality and sex",
		  "Who is using the program?", home_items, NULL, 2);
	lui_hints(u, "Enter go  ? help  Up/Down choose  q quit");
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
void
lui_leave(struct ui *u)
{
	struct lui *lu = lui_of(u);

	lu->exit = lu->o->kiosk ? LEARN_UI_NEXT_LEARNER : LEARN_UI_QUIT;
	u->done = true;
}

static void
home_key(struct ui *u, enum ui_action a, int ch)
{
	struct lui *lu = lui_of(u);

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

const struct ui_screen lui_screen_home = {.name = "home",
					  .init = home_init,
					  .draw = home_draw,
					  .key = home_key,
					  .keys = menu_keys};

/* ---- Name and staff id ------------------------------------------------- */

static void
name_init(struct ui *u)
{
	struct lui *lu = lui_of(u);

	lu->field_kind = FIELD_NAME;
	memset(&lu->field, 0, sizeof lu->field);
}

static void name_draw_(struct ui *u);

static void
name_draw(struct ui *u)
{
	lui_tx_free(lui_of(u));
	name_draw_(u);
}

static void
name_draw_(struct ui *u)
{
	struct lui *lu = lui_of(u);
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
	lui_hints(u, "Enter done  Esc %s",
		  lu->o->kiosk ? "leave the kiosk" : "quit");
	snprintf(u->where, sizeof u->where, "Learner");
}

static void after_name(struct ui *u);

static bool
name_raw(struct ui *u, int ch, bool func)
{
	struct lui *lu = lui_of(u);
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

const struct ui_screen lui_screen_name = {.name = "name",
					  .init = name_init,
					  .draw = name_draw,
					  .keys = field_keys,
					  .raw = name_raw};

/* ---- Starting the learner ---------------------------------------------- */

void
lui_start_learner(struct ui *u)
{
	struct lui *lu = lui_of(u);

	if (lu->o->name != NULL && lu->o->name[0] != '\0') {
		snprintf(lu->name, sizeof lu->name, "%s", lu->o->name);
		snprintf(lu->staff, sizeof lu->staff, "%s",
			 lu->o->staff_id ? lu->o->staff_id : "");
		after_name(u);
		return;
	}
	ui_set_screen(u, &lui_screen_name);
}

static void
after_name(struct ui *u)
{
	struct lui *lu = lui_of(u);
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
		lui_begin_module(u, m);
		return;
	}
	if (lu->l.had_progress && lu->l.progress.current != NULL &&
	    learner_module(&lu->l, lu->l.progress.current) != NULL)
		ui_set_screen(u, &lui_screen_resume);
	else
		ui_set_screen(u, &lui_screen_menu);
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
	lui_tx_free(lui_of(u));
	resume_draw_(u);
}

static void
resume_draw_(struct ui *u)
{
	struct lui *lu = lui_of(u);
	struct module *m = learner_module(&lu->l, lu->l.progress.current);
	const struct progress_module *p = progress_find(&lu->l.progress, m->id);

	if (lu->confirm) {
		lui_draw_confirm(u, "Forget all your saved progress? (y/n) ");
		return;
	}
	draw_menu(u, lui_tx(lu, "Welcome back, %s", lu->name),
		  lui_tx(lu, "You were working on \"%s\", step %zu of %zu.",
			 m->title, (p ? p->saved.step : 0) + 1, m->nsteps),
		  resume_items, NULL, 3);
	lui_hints(u, "Enter go  ? help  Up/Down choose  q quit");
	snprintf(u->where, sizeof u->where, "Resume");
}

void
lui_ask_confirm(struct lui *lu, int what)
{
	lu->confirm = true;
	lu->confirm_what = what;
}

/* Handle y/n; true if the key was taken. */

static void
resume_key(struct ui *u, enum ui_action a, int ch)
{
	struct lui *lu = lui_of(u);

	if (lui_confirm_key(u, a))
		return;
	if (a == UI_QUIT) {
		lui_leave(u);
		return;
	}
	if (!menu_move(lu, a, ch, 3) && a != UI_NEXT)
		return;
	if (lu->focus == 0)
		lui_begin_module(
		    u, learner_module(&lu->l, lu->l.progress.current));
	else if (lu->focus == 1)
		ui_set_screen(u, &lui_screen_menu);
	else
		lui_ask_confirm(lu, CONFIRM_RESET);
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
	lui_of(u)->focus = 0;
	lui_of(u)->confirm = false;
	lui_of(u)->scroll = 0;
}

const struct ui_screen lui_screen_resume = {.name = "resume",
					    .init = resume_init,
					    .draw = resume_draw,
					    .key = resume_key,
					    .keys = confirm_keys};

/* ---- Module menu ------------------------------------------------------- */

static void menu_draw_(struct ui *u);

static void
menu_draw(struct ui *u)
{
	lui_tx_free(lui_of(u));
	menu_draw_(u);
}

static void
menu_draw_(struct ui *u)
{
	struct lui *lu = lui_of(u);
	size_t n = lu->l.nday + 1, i;
	const char **items = xcalloc(n, sizeof *items);
	const char **marks = xcalloc(n, sizeof *marks);

	if (lu->confirm) {
		lui_draw_confirm(u, "Forget all your saved progress? (y/n) ");
		free(items);
		free(marks);
		return;
	}
	items[0] = "The whole day, in order";
	for (i = 0; i < lu->l.nday; i++) {
		items[i + 1] = lu->l.day[i]->title;
		if (learner_done(&lu->l, lu->l.day[i]))
			marks[i + 1] = lui_tx(lu, "%s done", ui_mark(u, true));
	}
	draw_menu(u, lui_tx(lu, "Modules for %s", lu->name),
		  "Choose a module, or the whole day.", items, marks, n);
	free(items);
	free(marks);
	lui_hints(u,
		  "Enter start  ? help  Up/Down choose  x start again  q quit");
	snprintf(u->where, sizeof u->where, "%zu modules", lu->l.nday);
}

static void
menu_key(struct ui *u, enum ui_action a, int ch)
{
	struct lui *lu = lui_of(u);
	int n = (int)lu->l.nday + 1;
	struct module *m;

	if (lui_confirm_key(u, a))
		return;
	if (a == UI_QUIT) {
		lui_leave(u);
		return;
	}
	if (a == UI_RESET) {
		lui_ask_confirm(lu, CONFIRM_RESET);
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
		lui_begin_module(u, m);
}

static void
menu_init(struct ui *u)
{
	lui_of(u)->focus = 0;
	lui_of(u)->confirm = false;
	lui_of(u)->scroll = 0;
}

const struct ui_screen lui_screen_menu = {.name = "menu",
					  .init = menu_init,
					  .draw = menu_draw,
					  .key = menu_key,
					  .keys = confirm_keys};

bool
lui_confirm_key(struct ui *u, enum ui_action a)
{
	struct lui *lu = lui_of(u);

	if (!lu->confirm)
		return false;
	if (a == UI_YES) {
		lu->confirm = false;
		if (lu->confirm_what == CONFIRM_QUIT) {
			lui_leave(u);
		} else {
			learner_reset(&lu->l);
			snprintf(lu->note, sizeof lu->note,
				 "Your saved progress was forgotten.");
			ui_set_screen(u, &lui_screen_menu);
		}
	} else if (a == UI_NO || a == UI_QUIT) {
		lu->confirm = false;
	}
	return true;
}
