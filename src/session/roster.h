/*
 * roster.h: who is in the room, for signed attendance.
 *
 * A roster file has one attendee per line, the name, optionally followed by
 * a tab and a staff id (two columns pasted from a spreadsheet give exactly
 * this):
 *
 *     # Tuesday's group
 *     Sam Jones	E1042
 *     Priya Shah
 *
 * Blank lines and lines whose first non-blank character is '#' are
 * skipped; spaces around each field are trimmed; a CR before the newline is
 * ignored.  Names are UTF-8 of at most ROSTER_MAX_NAME bytes with no control
 * or invisible formatting characters (they are printed on screens and
 * written into signed records).  A staff id is at most ROSTER_MAX_ID bytes
 * of printable characters without spaces.  The same name with the same
 * staff id twice is an error.
 *
 * Each attendee starts expected (not yet here).  The facilitator marks them
 * present (a late arrival if the day has begun), and marks leavers; the
 * section indexes of the agenda at those moments say which sections each
 * person attended.
 */
#ifndef WORKSHOP_ROSTER_H
#define WORKSHOP_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* The signed log's limit (COMPLOG_TEXT_MAX), so anyone on the roster can be
 * signed for at the end of the day. */
#define ROSTER_MAX_NAME 1000
#define ROSTER_MAX_ID 64
#define ROSTER_MAX_PEOPLE 2000
#define ROSTER_MAX_FILE (1024u * 1024)

enum roster_state {
	ROSTER_EXPECTED,
	ROSTER_PRESENT,
	ROSTER_LEFT,
};

struct roster_person {
	char *name;
	char *staff_id; /* NULL if none */
	unsigned line;	/* line in the roster file; 0 if typed in */
	enum roster_state state;
	bool late;   /* arrived after the first section */
	size_t from; /* section in which they arrived */
	size_t to;   /* section in which they left (ROSTER_LEFT) */
};

struct roster {
	struct roster_person *v;
	size_t n;
	size_t cap;
};

struct roster *roster_new(void);
void roster_free(struct roster *r);

/*
 * Parse roster text (file is the name used in messages) and add every
 * attendee to r.  Every problem is added to d as file:line:col; if there
 * is any, nothing is added.  Returns 0, or -1 if there were problems.
 */
int roster_parse(struct roster *r, const char *file, const char *buf,
		 size_t len, struct diags *d);

/* The same for a file on disk; a file that cannot be read is an I/O
 * diagnostic. */
int roster_load(struct roster *r, const char *path, struct diags *d);

/*
 * Check a name or staff id typed in (after trimming spaces).  Returns NULL
 * if it is acceptable, else a static message; *col (if not NULL) is the
 * 1-based column of the offending character, or 0.
 */
const char *roster_check_name(const char *s, size_t len, unsigned *col);
const char *roster_check_id(const char *s, size_t len, unsigned *col);

/*
 * Add one attendee typed in (id may be NULL or empty).  Leading and
 * trailing spaces are trimmed.  Returns the new index, or -1 with a fresh
 * message in *err (the caller frees it).
 */
long roster_add(struct roster *r, const char *name, const char *id, char **err);

/* Index of the attendee with this name and id (NULL for none), or -1. */
long roster_find(const struct roster *r, const char *name, const char *id);

/*
 * Mark attendee i present from section (late if section > 0, or if late
 * is set), left in section, or back to expected.  Marking a leaver present
 * again keeps their first arrival.
 */
void roster_mark_present(struct roster *r, size_t i, size_t section, bool late);
void roster_mark_left(struct roster *r, size_t i, size_t section);
void roster_mark_expected(struct roster *r, size_t i);

/* Was attendee i in the room at some point during section s? */
bool roster_attended(const struct roster *r, size_t i, size_t s);

/* How many are present now, and how many came at all. */
size_t roster_count_present(const struct roster *r);
size_t roster_count_came(const struct roster *r);

#endif
