/*
 * fac_people.c: the agenda screen (jump to a section) and the people
 * screen (the roster: who is here, late arrivals, leavers).
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fac.h"
#include "util.h"

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
	struct fac_body b;

	y = fac_draw_title(u, "Agenda", 1, margin, u->cols - 2 * margin);
	fac_body_init(&b, u->cols - 2 * margin);
	fac_show_agenda(u, fa, &b, true);
	ui_draw_layout(u, &b.l, 0, y, margin, u->rows - 2 - y);
	if (b.focus_line >= 0)
		ui_cursor(u, y + b.focus_line, margin);
	fac_body_free(&b);
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
		ui_set_screen(u, &fac_screen_main);
		fac_act(u, FACIL_EV_SECTION, fa->agenda_focus);
	} else if (a == UI_BACK || a == UI_AGENDA || a == UI_QUIT)
		ui_set_screen(u, &fac_screen_main);
}

static const struct ui_key agenda_keys[] = {
    {.code = 'a',
     .action = UI_AGENDA,
     .name = "a Backspace q",
     .help = "back to the screen you were on"},
    {.code = 'q', .action = UI_QUIT},
    {.code = 0},
};

const struct ui_screen fac_screen_agenda = {
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
		fac_save(fa, u);
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
		fac_save(fa, u);
	} else if (a == UI_MINUS && r->n != 0) {
		facil_mark_left(fa->f, (size_t)fa->person);
		fac_save(fa, u);
	} else if (a == UI_BACK || a == UI_ROSTER || a == UI_QUIT) {
		ui_set_screen(u, &fac_screen_main);
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

const struct ui_screen fac_screen_people = {
    .name = "people",
    .init = people_init,
    .draw = people_draw,
    .key = people_key,
    .keys = people_keys,
    .raw = people_raw,
};
