/*
 * learn_ui.h: the learner's screens (home, name, resume, menu, every step
 * kind, module end) on the curses frame in ui.h, over the core's learner
 * and session.
 */
#ifndef WORKSHOP_LEARN_UI_H
#define WORKSHOP_LEARN_UI_H

#include <stdbool.h>

#include "content.h"
#include "learner.h"
#include "ui.h"

enum learn_ui_exit {
	LEARN_UI_QUIT,	       /* the learner left */
	LEARN_UI_FACILITATE,   /* the home screen chose the facilitator */
	LEARN_UI_LEARNER,      /* the home screen chose the learner */
	LEARN_UI_NEXT_LEARNER, /* kiosk: the learner is done; start again */
};

struct learn_ui_opts {
	struct content *content;    /* borrowed */
	const char *name;	    /* NULL: ask */
	const char *staff_id;	    /* NULL: ask (optional) */
	const char *module;	    /* NULL: choose from the menu */
	bool home;		    /* only ask: Learner or Facilitator? */
	bool kiosk;		    /* a kiosk: leaving needs the key */
	const struct sign_key *key; /* NULL: no records */
	const char *log_path;	    /* NULL: the default log */
	long today; /* days since 1970-01-01, for law review warnings */
	/* Kiosk: check a typed passphrase; NULL outside a kiosk. */
	bool (*unlock)(const char *passphrase, void *ctx);
	void *unlock_ctx;
};

/*
 * Run the learner's screens in an already started ui (ui_begin).  Returns
 * an enum learn_ui_exit, or 128 + a signal number.
 */
int learn_ui_run(struct ui *u, const struct learn_ui_opts *o);

#endif
