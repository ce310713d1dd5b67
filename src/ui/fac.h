/*
 * fac.h: what the facilitator's screens (facilitate.c and fac_*.c) share:
 * the state of a facilitate run, the screens, and the drawing helpers.
 * Internal to src/ui.
 */
#ifndef WORKSHOP_FAC_H
#define WORKSHOP_FAC_H

#include <limits.h>
#include <stdbool.h>

#include "attendance.h"
#include "facil.h"
#include "lawtag.h"
#include "layout.h"
#include "notesock.h"
#include "ui.h"

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
	long today; /* days since 1970-01-01, for law review warnings */
};

/* The screens. */
extern const struct ui_screen fac_screen_main, fac_screen_agenda,
    fac_screen_people, fac_screen_resume, fac_screen_quit, fac_screen_name;

/* ---- facilitate.c: saving, the socket, events ---- */

/* The clock, in seconds (time(NULL)). */
long long fac_now(void);
/* Save now if anything changed. */
void fac_flush(struct fac *fa, struct ui *u);
/* Mark the state changed and save within a second. */
void fac_save(struct fac *fa, struct ui *u);
/* Tell the followers (workshop notes) what is on the screen. */
void fac_publish(struct fac *fa);
/* Hand the session an event and save and publish what changed. */
void fac_act(struct ui *u, enum facil_ev type, long index);

/* ---- fac_body.c: drawing helpers ---- */

/* A body of text lines that own their strings until fac_body_free. */
struct fac_body {
	struct layout l;
	char **own;
	size_t nown;
	int width;
	int focus_line;
};

void fac_body_init(struct fac_body *b, int width);
void fac_body_free(struct fac_body *b);
/* s (allocated) is freed with the body; returns s. */
const char *fac_body_keep(struct fac_body *b, char *s);
void fac_body_text(struct fac_body *b, const char *s, int first, int rest,
		   enum ui_style st);
void fac_body_fmt(struct fac_body *b, int indent, enum ui_style st,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void fac_body_blank(struct fac_body *b);
void fac_body_list(struct fac_body *b, const struct strlist *l,
		   const char *bullet);
const char *fac_bullet(const struct ui *u);
/* A bar of cells for a count, "████" or "####" (the caller's). */
char *fac_bar_text(const struct ui *u, unsigned cells);
void fac_body_bars(struct ui *u, struct fac_body *b, const struct tally *t,
		   const char *const *labels, int focus, unsigned scale,
		   int right);
const char *fac_step_heading(const struct facil_screen *s);
int fac_draw_title(struct ui *u, const char *title, int y, int margin,
		   int width);
void fac_draw_notes(struct ui *u, struct fac *fa, const struct facil_screen *s,
		    int y, int h);

/* ---- fac_show.c: what each kind of screen shows ---- */

void fac_show_agenda(struct ui *u, struct fac *fa, struct fac_body *b,
		     bool pick);
void fac_build_body(struct ui *u, struct fac *fa, struct fac_body *b,
		    const struct facil_screen *s);

/* ---- fac_dialogs.c ---- */

/* Ask for the facilitator's name if needed, unlock the key and sign. */
void fac_start_signing(struct ui *u, struct fac *fa);

#endif
