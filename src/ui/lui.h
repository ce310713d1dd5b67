/*
 * lui.h: what the learner's screens (learn_ui.c, learn_home.c,
 * learn_build.c, learn_step.c) share: the state of a learner's run, the
 * screens and the drawing helpers.  Internal to src/ui.
 */
#ifndef WORKSHOP_LUI_H
#define WORKSHOP_LUI_H

#include <stdbool.h>
#include <stddef.h>

#include "lawtag.h"
#include "learn_ui.h"
#include "learner.h"
#include "ui.h"

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

extern const struct ui_screen lui_screen_home, lui_screen_name,
    lui_screen_resume, lui_screen_menu, lui_screen_step, lui_screen_glossary,
    lui_screen_done;

static inline struct lui *
lui_of(struct ui *u)
{
	return u->data;
}

/* ---- learn_ui.c: strings and drawing helpers ---- */

/* A string made while drawing, freed by lui_tx_free after the draw. */
const char *lui_tx(struct lui *lu, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void lui_tx_free(struct lui *lu);
/* Draw a page: the title, then l from its top or around focus_line, and
 * the tag of the law it states (NULL: none) above the status line. */
void lui_draw_page(struct ui *u, const char *title, struct layout *l,
		   int focus_line, const struct lawtag *law);
/* A numbered choice; returns the layout line it starts on. */
int lui_add_choice(struct ui *u, struct layout *l, int width, size_t i,
		   const char *label, bool focused, const char *mark);
/* A heading and a bulleted list. */
void lui_add_list(struct ui *u, struct layout *l, int width,
		  const char *heading, const struct strlist *sl);
/* The status line's key hints. */
void lui_hints(struct ui *u, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A yes/no question above the status line. */
void lui_draw_confirm(struct ui *u, const char *q);

/* ---- learn_home.c ---- */

/* Leave the learner's screens (the run returns). */
void lui_leave(struct ui *u);
/* After the name: open the learner's progress and go on. */
void lui_start_learner(struct ui *u);
/* Put a yes/no question (CONFIRM_*) on screen. */
void lui_ask_confirm(struct lui *lu, int what);
/* The keys of a yes/no question; true if the key was taken. */
bool lui_confirm_key(struct ui *u, enum ui_action a);

/* ---- learn_build.c ---- */

/* The title a step is shown under. */
const char *lui_step_title(const struct step *st);
/* The step of s laid out in l at width w; returns the focused line. */
int lui_build_step(struct ui *u, struct layout *l, int w,
		   const struct session *s);

/* ---- learn_step.c ---- */

/* Start (or resume) module m on the step screen. */
void lui_begin_module(struct ui *u, struct module *m);

#endif
