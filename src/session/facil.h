/*
 * facil.h: running the day for a room, without a terminal.
 *
 * The facilitator's session turns the programme (or one module) into a
 * deck of projection screens, one idea each, and walks it.  The interface
 * turns keys into events (enum facil_ev), hands them to facil_handle()
 * with the time, and draws from the session; the clock and the random
 * seed are passed in, so every flow is testable.
 *
 * Layout:
 *
 *   struct facil
 *     screens[]   the deck, built once:
 *                   AGENDA                      the day (first screen)
 *                   per section of the agenda:
 *                     a break: BREAK
 *                     a module: TITLE, then per step
 *                       text        TEXT
 *                       sort        SORT
 *                       views       VIEW per statement
 *                       quiz        TITLE (the quiz), QUESTION per question
 *                       scenario    SCENARIO
 *                       glossary    GLOSSARY (the random-term game)
 *                       rating      RATING per question
 *                       reflection  REFLECTION
 *                       break       BREAK
 *                   CLOSE       confidence before and after (if the day
 *                               rates the same set before and after)
 *                   END         attendance and signing
 *     cur         the screen on show
 *     agenda      where the day is against its plan (agenda.h)
 *     roster      who is in the room (roster.h)
 *     tallies     the anonymous counts (tally.h)
 *     notes_on    presenter notes shown (the `n` toggle)
 *
 * What is hidden from the room until the facilitator asks: tutor notes
 * (only while notes_on), and on each screen its "reveal stages", revealed
 * one per FACIL_EV_REVEAL in this order:
 *
 *   SORT        the right category and reason for every item
 *   VIEW        the discussion prompts
 *   QUESTION    the answer, explanation and citation
 *   SCENARIO    Ask / Check / Do, then the points a good answer covers
 *   GLOSSARY    the definition of the term on show
 *
 * FACIL_EV_NEXT never reveals any of these: it shows the next staged
 * point of a text, the next term of the game, or moves to the next screen.
 * A screen keeps what was revealed when the facilitator goes back to it.
 */
#ifndef WORKSHOP_FACIL_H
#define WORKSHOP_FACIL_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "agenda.h"
#include "content.h"
#include "roster.h"
#include "tally.h"

enum facil_kind {
	FACIL_AGENDA,
	FACIL_TITLE,
	FACIL_BREAK,
	FACIL_TEXT,
	FACIL_SORT,
	FACIL_VIEW,
	FACIL_QUESTION,
	FACIL_SCENARIO,
	FACIL_GLOSSARY,
	FACIL_RATING,
	FACIL_REFLECTION,
	FACIL_CLOSE,
	FACIL_END,
};

struct facil_screen {
	enum facil_kind kind;
	size_t section;		 /* agenda section; n for CLOSE and END */
	struct module *module;	 /* NULL outside a module */
	const struct step *step; /* NULL for AGENDA, module TITLE, END... */
	size_t stepno;		 /* index of step in module->steps */
	size_t item;		 /* question, statement, rating question */
	/* What the facilitator has done here; kept when moving away. */
	unsigned revealed; /* reveal stages shown */
	size_t shown;	   /* TEXT: staged points shown */
	int focus;	   /* focused count or category */
	int *placed;	   /* SORT: category per item, -1 if not yet */
	size_t sort_item;  /* SORT: the item being placed */
	size_t *order;	   /* GLOSSARY: terms in game order */
	size_t pos;	   /* GLOSSARY: position in order */
	long long began;   /* SCENARIO: discussion timer start, -1 */
};

/* A rating set asked before and after, for the close. */
struct facil_pair {
	const struct step *before;
	const struct step *after;
	size_t before_screen; /* index of its first RATING screen */
};

/* An attendance record already signed in this session. */
struct facil_record {
	char *name;
	char *staff_id; /* NULL if none */
	const struct module *module;
};

struct facil {
	struct content *content; /* borrowed */
	struct module *module;	 /* the one module, or NULL for the day */
	struct facil_screen *screens;
	size_t n;
	size_t cur;
	struct agenda *agenda;
	struct roster *roster;
	struct tally_set tallies;
	struct facil_pair *pairs;
	size_t npairs;
	struct facil_record *records; /* signed so far */
	size_t nrecords;
	/* Per pair: the counts its last session record carried (see
	 * attendance.h), NULL until one is signed. */
	char **session_signed;
	bool notes_on;
	long long late; /* see agenda_begin(); set before starting */
	unsigned long seed;
};

enum facil_ev {
	FACIL_EV_NEXT,	    /* next staged point or term, else screen */
	FACIL_EV_BACK,	    /* the previous screen */
	FACIL_EV_REVEAL,    /* the next reveal stage of this screen */
	FACIL_EV_HIDE,	    /* take back the last reveal stage */
	FACIL_EV_NOTES,	    /* presenter notes on / off */
	FACIL_EV_UP,	    /* focus the previous count or category */
	FACIL_EV_DOWN,	    /* focus the next */
	FACIL_EV_COUNT,	    /* add index (may be negative) to the focused
			       count */
	FACIL_EV_SET_COUNT, /* set the focused count to index */
	FACIL_EV_FOCUS,	    /* focus count or category index */
	FACIL_EV_PLACE,	    /* SORT: place the item in category index */
	FACIL_EV_SKIP,	    /* the first screen of the next step */
	FACIL_EV_SECTION,   /* the first screen of agenda section index */
	FACIL_EV_GOTO,	    /* screen index */
	FACIL_EV_TIMER,	    /* SCENARIO: restart the discussion timer */
};

struct facil_event {
	enum facil_ev type;
	long index;
};

enum facil_outcome {
	FACIL_IGNORED, /* nothing to do here */
	FACIL_CHANGED, /* redraw */
	FACIL_MOVED,   /* another screen: redraw, tell followers */
};

/*
 * A session over the pack's programme, or over module alone when it is
 * not NULL.  Returns NULL if there is neither a programme nor a module.
 * seed drives the glossary game's order.  c must outlive the session;
 * free with facil_free().
 */
struct facil *facil_new(struct content *c, struct module *module,
			unsigned long seed);
void facil_free(struct facil *f);

enum facil_outcome facil_handle(struct facil *f, const struct facil_event *ev,
				long long now);
/* Shorthand for an event with index 0. */
enum facil_outcome facil_do(struct facil *f, enum facil_ev type, long long now);

const struct facil_screen *facil_screen(const struct facil *f);

/* How many reveal stages screen s has (0 if none). */
unsigned facil_reveal_stages(const struct facil *f,
			     const struct facil_screen *s);

/*
 * The counts on screen s (QUESTION, VIEW, RATING), made on first use, or
 * NULL for a screen without counts.  facil_tally_key writes the key into
 * buf and returns its number of choices (0 if none).
 */
struct tally *facil_tally(struct facil *f, const struct facil_screen *s);
size_t facil_tally_key(const struct facil *f, const struct facil_screen *s,
		       char *buf, size_t len);

/* The rating tallies of a pair's question q, before and after (either
 * may be NULL if nothing was counted). */
void facil_pair_tallies(const struct facil *f, const struct facil_pair *p,
			size_t q, const struct tally **before,
			const struct tally **after);

/*
 * Presenter notes for screen s: the step's notes, a question's or
 * scenario's notes, the glossary term's note, a statement's discussion
 * prompts; joined with blank lines.  A fresh string, or NULL if none.
 */
char *facil_notes(const struct facil *f, const struct facil_screen *s);

/* A short title of screen s ("Welcome", "Quiz: Sex and the law 3/10"); a
 * fresh string. */
char *facil_title(const struct facil *f, const struct facil_screen *s);

/* "Basics 2/7" for the status line: section title, screen in section. */
void facil_position(const struct facil *f, char *buf, size_t len);

/*
 * The modules attendee i of the roster attended: modules of sections the
 * roster says they were in, in agenda order, each once.  Returns the count
 * and a fresh array in *out (the caller frees it; the modules are
 * borrowed).
 */
size_t facil_attended(const struct facil *f, size_t i, struct module ***out);

/* Has attendee i's record for module m been signed in this session? */
bool facil_is_signed(const struct facil *f, size_t i, const struct module *m);
/* Note that it has (kept in the saved state, so never signed twice). */
void facil_add_signed(struct facil *f, size_t i, const struct module *m);

/* The counts pair p's last session record carried, or NULL if none. */
const char *facil_session_signed(const struct facil *f, size_t p);
/* Note that a session record with these counts was signed (kept in the
 * saved state). */
void facil_set_session_signed(struct facil *f, size_t p, const char *counts);

/* Present or late (if the day has begun) in the current section. */
void facil_mark_present(struct facil *f, size_t i);
void facil_mark_left(struct facil *f, size_t i);

/*
 * Save everything needed to resume after a crash: position, what was
 * revealed and placed, the counts, the roster and the timer, plus the
 * content's identity.  A new reference.
 */
json_t *facil_save(const struct facil *f);

/*
 * Restore a saved state into a fresh session over the same content.
 * Returns 0, or -1 with a fresh message in *err if the state does not fit
 * (another programme or module, or a malformed file); f is then unchanged
 * or as far as was valid.
 */
int facil_restore(struct facil *f, json_t *saved, char **err);

/*
 * Write the saved state to path atomically (a temporary file of mode 0600,
 * fsync, rename), making the directory (0700) if needed.  Returns 0, or -1
 * with a fresh message in *err.
 */
int facil_write_state(const struct facil *f, const char *path, char **err);

/*
 * Read a saved state written by facil_write_state.  Returns a new
 * reference, or NULL with errno set (ENOENT when there is none) and, for a
 * file that is not valid JSON, a fresh message in *err.
 */
json_t *facil_read_state(const char *path, char **err);

/* Number of choices the focus moves over on screen s. */
int facil_nchoices(const struct facil *f, const struct facil_screen *s);

/* The order 0..n-1 shuffled by the generator state (the caller's). */
size_t *facil_shuffled(size_t n, unsigned long *state);

#endif
