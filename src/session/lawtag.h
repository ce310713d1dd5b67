/*
 * lawtag.h: what a screen that states law says about that law: where it
 * applies and when the content was last reviewed, with a warning in words
 * when that review was more than a year before today.
 *
 * The learner's screens (curses and plain), the facilitator's shared
 * screen, workshop notes and workshop list all take their words from
 * lawtag_text(), and "more than a year" from content_law_stale(), so every
 * mode says the same.  Today is passed in (days since 1970-01-01); nothing
 * here reads a clock.
 *
 * A screen states law when it shows
 *
 *   a module's title (facilitator)  the module's law (content_module_law)
 *   a text step with citations      its module's
 *   a glossary                      its module's, when the module has one
 *   a quiz's title or results       the quiz's
 *   a quiz question                 the question's jurisdiction, the
 *                                   quiz's reviewed date
 *   a scenario                      the scenario's, when it has one
 *
 * Sorts, views, ratings, reflections, breaks, the agenda and the end of the
 * day state no law and have no tag.
 */
#ifndef WORKSHOP_LAWTAG_H
#define WORKSHOP_LAWTAG_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "facil.h"
#include "session.h"

struct lawtag {
	const char *jurisdiction; /* NULL: the screen states no law */
	const char *reviewed;	  /* YYYY-MM-DD; NULL when not given */
	bool overdue;		  /* reviewed over a year before today */
};

/*
 * The tag of law (NULL: none) as of day today.  The strings are borrowed
 * from law.
 */
void lawtag_from(struct lawtag *t, const struct law_info *law, long today);

/*
 * The tag of step st of module m (st NULL: the module's title screen), with
 * q the quiz question on show (NULL: none).  The strings are borrowed from
 * the content.  Returns whether the screen states law.
 */
bool lawtag_of_step(struct lawtag *t, const struct module *m,
		    const struct step *st, const struct question *q,
		    long today);

/* The tag of the learner's screen now on show in s. */
bool lawtag_of_session(struct lawtag *t, const struct session *s, long today);

/* The tag of a facilitator's screen. */
bool lawtag_of_screen(struct lawtag *t, const struct facil_screen *s,
		      long today);

/*
 * The tag as one line of at most width columns (0: any width) in buf (len
 * bytes): the longest of these forms that fits, or else the last,
 *
 *   Law of England and Wales, reviewed 2026-12-07
 *   England and Wales, reviewed 2026-12-07
 *   Law reviewed 2026-12-07
 *   Reviewed 2026-12-07
 *
 * and when the review is overdue
 *
 *   Law of England and Wales, reviewed 2025-01-05: over a year ago, may be
 *     out of date
 *   Law of England and Wales, reviewed 2025-01-05: over a year ago
 *   England and Wales, reviewed 2025-01-05: over a year ago
 *   Reviewed 2025-01-05: over a year ago
 *   Reviewed over a year ago
 *
 * (without a date: "Law of England and Wales", "England and Wales").  ""
 * when t states no law.  Returns buf.
 */
const char *lawtag_text(const struct lawtag *t, int width, char *buf,
			size_t len);

#endif
