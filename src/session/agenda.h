/*
 * agenda.h: the day's agenda and its timer, for the facilitator.
 *
 * An agenda is the programme (or a single module) as a list of sections,
 * each with a planned start (minutes after midnight) and a planned length.
 * The facilitator moves through it; the agenda keeps when the day and the
 * current section began and how long each section actually took.
 *
 * Time is passed in by the caller as seconds on any steady scale (the UI
 * passes time(NULL)); nothing here reads a clock, so tests are exact.
 *
 * Drift is how far the room is from the plan, in seconds; positive means
 * behind.  At a moment "now" in section i, the plan says we should be at
 * planned_offset(i) + min(elapsed in i, planned length of i); the drift is
 * the actual time since the day began minus that.  So drift holds still
 * while a section runs within its plan and grows once it overruns, and a
 * section begun early makes the room ahead.
 */
#ifndef WORKSHOP_AGENDA_H
#define WORKSHOP_AGENDA_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"

struct agenda_section {
	enum programme_item_kind kind;
	const char *title;     /* borrowed from the content */
	struct module *module; /* NULL for a break */
	unsigned start;	       /* planned, minutes after midnight */
	unsigned minutes;      /* planned length */
	long long spent;       /* seconds actually spent so far */
	bool visited;	       /* the day has been in this section */
};

struct agenda {
	struct agenda_section *v;
	size_t n;
	unsigned start; /* planned start of the day */
	size_t cur;	/* current section; n once ended */
	bool started;
	bool ended;
	long long day_began; /* caller's clock, seconds */
	long long section_began;
};

/*
 * The agenda of the pack's programme, or of one module when module is not
 * NULL (then a day of one section, starting at the programme's start or
 * 09:30).  A module with no planned minutes gets 30.  Returns NULL when
 * there is neither a programme nor a module.  The agenda borrows from c,
 * which must outlive it; free with agenda_free().
 */
struct agenda *agenda_new(const struct content *c, struct module *module);
void agenda_free(struct agenda *a);

/*
 * Begin the day at now.  late is how many seconds after the planned start
 * the day really began (negative if early; 0 to measure from now), so a
 * late start counts as drift.
 */
void agenda_begin(struct agenda *a, long long now, long long late);

/*
 * Move to section i (i < n) at now, adding the time spent to the section
 * being left.  Going back is allowed.  agenda_next() moves to the next
 * section, or ends the day after the last; it returns false if already
 * ended.
 */
void agenda_goto(struct agenda *a, size_t i, long long now);
bool agenda_next(struct agenda *a, long long now);
/* End the day at now (the current section's time is added). */
void agenda_end(struct agenda *a, long long now);

/* Seconds spent in the current section (0 before the start or at the end). */
long long agenda_elapsed(const struct agenda *a, long long now);
/* Drift in seconds at now; positive means behind. */
long long agenda_drift(const struct agenda *a, long long now);
/* Planned minutes from the start of the day to the start of section i. */
unsigned agenda_offset(const struct agenda *a, size_t i);
/* Planned end of the day, minutes after midnight. */
unsigned agenda_planned_end(const struct agenda *a);

/*
 * Text helpers; each writes at most len bytes (NUL included) into buf and
 * returns buf.
 *   agenda_clock_text: minutes after midnight as "09:30".
 *   agenda_drift_text: "on time", "12 min behind", "5 min ahead",
 *                      "1 h 5 min behind" (rounded to the minute).
 *   agenda_timer_text: "12:05 / 40:00" for elapsed against plan, or
 *                      "41:10 / 40:00 over" once it has overrun.
 */
char *agenda_clock_text(unsigned minutes, char *buf, size_t len);
char *agenda_drift_text(long long drift, char *buf, size_t len);
char *agenda_timer_text(const struct agenda *a, long long now, char *buf,
			size_t len);

#endif
