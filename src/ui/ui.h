/*
 * ui.h: the curses interface's frame: screens, keys, the main loop.
 *
 * Every screen is a state with three functions (init, draw, key) and a
 * table of the keys it takes.  The main loop reads a key, looks it up in
 * the screen's table and then the global table, and hands the screen the
 * resulting action; the `?` help is generated from the same two tables, so
 * it cannot drift from what the keys do.  Screens draw from their own
 * state (for the learner: the core's session) and never read keys
 * themselves.
 *
 * The loop also owns what every screen shares: the status line (key hints
 * on the left, the position on the right), live resizing with a "please
 * enlarge the window" screen below UI_MIN_COLS x UI_MIN_ROWS, NO_COLOR,
 * ASCII marks when the locale is not UTF-8, the hardware cursor on the
 * focused item, and SIGINT/SIGTERM/SIGHUP (the screen's save hook runs,
 * the terminal is restored, the loop returns 128 + the signal).
 */
#ifndef WORKSHOP_UI_H
#define WORKSHOP_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

#include "layout.h"

#define UI_MIN_COLS 40
#define UI_MIN_ROWS 10

enum ui_action {
	UI_NONE,
	UI_NEXT, /* Enter, Space, Right, l */
	UI_BACK, /* Backspace, b, Left, h */
	UI_UP,	 /* Up, k */
	UI_DOWN, /* Down, j */
	UI_PGUP,
	UI_PGDN,
	UI_TOP,
	UI_BOTTOM,
	UI_HELP,	/* ? */
	UI_QUIT,	/* q */
	UI_DIGIT,	/* 1..9: choose by number */
	UI_RETRY_WRONG, /* r */
	UI_RETRY_ALL,	/* R */
	UI_SEARCH,	/* / */
	UI_LETTER,	/* A..Z, and * for all */
	UI_YES,		/* y */
	UI_NO,		/* n, Escape */
	UI_RESET,	/* x */
	/* Facilitator screens. */
	UI_REVEAL, /* r: reveal the next hidden thing */
	UI_HIDE,   /* R: hide it again */
	UI_NOTES,  /* n: presenter notes on / off */
	UI_PLUS,   /* + */
	UI_MINUS,  /* - */
	UI_SKIP,   /* Tab: the next step */
	UI_AGENDA, /* a */
	UI_ROSTER, /* p: the people in the room */
	UI_TIMER,  /* t */
	UI_SIGN,   /* s */
	UI_END,	   /* E: to the end of the day */
};

/*
 * One row of a key table.  A row with help is listed in the "?" help under
 * its name (which names every key of the rows without help that follow it
 * for the same action, e.g. "Enter Space l").
 */
struct ui_key {
	int code; /* a character, or a KEY_* code if func */
	int last; /* a range code..last; 0 for one key */
	bool func;
	enum ui_action action;
	const char *name; /* as shown in help */
	const char *help; /* NULL: not listed in help */
};

struct ui;

struct ui_screen {
	const char *name;
	void (*init)(struct ui *u);
	void (*draw)(struct ui *u);
	/*
	 * ch is the key read (a character or KEY_* code).  NULL for a screen
	 * whose raw handler takes every key (a text field).
	 */
	void (*key)(struct ui *u, enum ui_action a, int ch);
	const struct ui_key *keys; /* ends with a zero code */
	/* Keys typed into a text field go here first when set. */
	bool (*raw)(struct ui *u, int ch, bool func);
};

struct ui {
	const struct ui_screen *screen;
	void *data; /* the screens' shared state */
	int rows, cols;
	bool utf8;
	bool color;
	int cur_y, cur_x; /* where draw wants the cursor; -1: none */
	bool kiosk;	  /* set before ui_begin: Ctrl-C, Ctrl-Z and
			     SIGINT do not leave */
	bool done;
	int exit_code;
	bool help; /* the help is open */
	int help_top;
	char hints[256];   /* status line, left */
	char where[64];	   /* status line, right */
	char message[512]; /* one-line message above the status line */
	/* Called on a signal and on quitting, to save what can be saved. */
	void (*save)(struct ui *u);
	/*
	 * Called every tick_ms milliseconds while no key is pressed (for a
	 * clock on screen, or to poll a socket); NULL for none.
	 */
	void (*tick)(struct ui *u);
	int tick_ms;
};

/* Colour pairs / attributes by meaning; each is also shown by a mark. */
enum ui_style {
	UI_S_TEXT,
	UI_S_TITLE,
	UI_S_FOCUS,
	UI_S_RIGHT,
	UI_S_WRONG,
	UI_S_DIM,
	UI_S_STATUS,
	UI_S_CITE,
};

/*
 * Start curses (after setlocale): keypad, no echo, cbreak, colours unless
 * NO_COLOR is set.  Returns false (with nothing changed) if there is no
 * usable terminal.
 */
bool ui_begin(struct ui *u);
/* The same on the given streams and terminal type (for the benchmark). */
bool ui_begin_on(struct ui *u, const char *term, FILE *out, FILE *in);
/* Restore the terminal; safe to call twice. */
void ui_end(void);

/* Switch to screen s (its init runs). */
void ui_set_screen(struct ui *u, const struct ui_screen *s);

/* Run until u->done or a signal; returns u->exit_code or 128 + signal. */
int ui_run(struct ui *u);

/*
 * Is the window below UI_MIN_COLS x UI_MIN_ROWS?  Then the screen asks to be
 * enlarged and says "q quits": a screen's q must leave without a question
 * that could not be seen.
 */
bool ui_too_small(const struct ui *u);

/* Drawing helpers for screens; y, x in screen cells.  Text is UTF-8 and
 * is folded to ASCII on a terminal that is not UTF-8. */
void ui_put(struct ui *u, int y, int x, const char *s, enum ui_style st);
void ui_putn(struct ui *u, int y, int x, const char *s, size_t n,
	     enum ui_style st);
/* A mark: right (true) "✓" or "+", wrong "✗" or "x". */
const char *ui_mark(const struct ui *u, bool right);
/* The pointer in front of a focused choice: "▸" or ">". */
const char *ui_pointer(const struct ui *u);

/*
 * Draw lines [top, top + height) of l at rows y.., from column x.
 * Returns the number of lines l has below the window (for "more").
 */
int ui_draw_layout(struct ui *u, const struct layout *l, int top, int y, int x,
		   int height);

struct lawtag;
/*
 * The tag of a screen that states law (lawtag.h) on row y from column x:
 * the longest of its forms that fits width columns, quiet when the review
 * is recent and as a warning (in words, and in the warning's colour) when
 * it is over a year old.  Nothing when t is NULL or states no law.
 */
void ui_put_law(struct ui *u, int y, int x, int width, const struct lawtag *t);

/* Put the hardware cursor at y, x after drawing. */
void ui_cursor(struct ui *u, int y, int x);

/* A one-line text field with its cursor at the end. */
/* A line typed on a screen: a name (up to the 1000 bytes a signed record
 * takes), a staff id or a passphrase. */
#define UI_FIELD_SIZE 1001

struct ui_field {
	char buf[UI_FIELD_SIZE];
	size_t len;
};

enum ui_field_result {
	UI_FIELD_EDIT,
	UI_FIELD_DONE,	 /* Enter */
	UI_FIELD_CANCEL, /* Escape */
};

enum ui_field_result ui_field_key(struct ui_field *f, int ch, bool func);

/* The key table shared by every screen (ends with a zero code). */
extern const struct ui_key ui_global_keys[];

/* The "?" help lines for screen s (for tests of the generated help). */
void ui_help_layout(const struct ui_screen *s, struct layout *l, char ***owned,
		    size_t *nowned, int width);

#endif
