/*
 * plain.h: the line-by-line interface, for screen readers and scripts.
 *
 * The same session as the curses screens, written as plain lines with
 * numbered choices and read back one line at a time: Enter (an empty
 * line) goes on, a number chooses, "b" goes back, "q" stops, "?" lists
 * what can be typed.  In a glossary, "/WORD" searches and a letter A-Z
 * filters ("*" shows all).  Anything else is asked again with a hint.
 * Nothing is drawn: the output is only text and newlines.  A screen that
 * states law says where it applies and when it was reviewed (lawtag.h) on
 * the line after its step's heading, and again whenever that changes (a
 * question with its own jurisdiction).
 */
#ifndef WORKSHOP_PLAIN_H
#define WORKSHOP_PLAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "session.h"

enum plain_result {
	PLAIN_FINISHED, /* the module is finished */
	PLAIN_QUIT,	/* the learner typed q */
	PLAIN_EOF,	/* the input ended */
};

struct plain {
	FILE *in;
	FILE *out;
	bool utf8;  /* marks as ✓ ✗, else + x */
	long today; /* days since 1970-01-01, for law review warnings */
	bool echo;  /* write each line read after the prompt (when the
		       input is not a terminal, so a transcript reads well) */
	/* Called whenever there is something new to save: a move to another
	 * step, or a quiz or sort answer. */
	void (*on_step)(void *ctx);
	void *ctx;
	unsigned invalid; /* how many lines were asked again */
	/* The law tag printed last (lawtag.h), so it is said again only
	 * under a step's heading or when it changes. */
	char law_said[512];
};

/* Run session s until it is finished, q, or the end of input. */
enum plain_result plain_run(struct plain *p, struct session *s);

/*
 * Ask a question on one line and read the answer (trailing newline and
 * spaces removed) into buf.  Returns false at the end of input.
 */
bool plain_ask(struct plain *p, const char *question, char *buf, size_t len);

/*
 * A numbered menu: prints title and the n labels, reads until a number
 * from 1 to n is typed (re-asking with a hint).  Returns the index, or -1
 * for q or the end of input.
 */
int plain_menu(struct plain *p, const char *title, const char *const *labels,
	       size_t n);

/* Is this locale's character set UTF-8? */
bool plain_locale_utf8(void);

#endif
