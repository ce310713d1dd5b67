/*
 * attendance.h: signing the room's attendance at the end of a session.
 *
 * For each attendee who came, one signed "attended" record per module of
 * the sections they were in (facil_attended()), with mode "facilitator"
 * and the facilitator's name, appended with complog_append(): the same
 * records, through the same code, as `workshop attend`.  Every name and
 * the facilitator's are checked before anything is written, so a bad one
 * leaves the log untouched.
 *
 * With the attended records goes the session record: for each rating set
 * the day asks before and after (the confidence ratings) and has counts
 * for, one signed "session" record with the facilitator's name, the
 * programme (or the one module), how many came, and the counts per
 * question per scale point, before and after: the room's numbers, never
 * anyone's name.  Signing again later adds a new session record only when
 * those counts changed since the last one (what each carried is kept in
 * the saved state).  A set with more than COMPLOG_TALLY_MAX_QUESTIONS
 * questions is not recorded.
 */
#ifndef WORKSHOP_ATTENDANCE_H
#define WORKSHOP_ATTENDANCE_H

#include <stddef.h>

#include "facil.h"

struct sign_key;

/* One record to sign. */
struct attendance_item {
	size_t person;	       /* index into the roster */
	struct module *module; /* borrowed from the content */
};

/*
 * Every record the session would sign now, in roster order, leaving out
 * those already signed in this session.  Returns the count
 * and a fresh array in *out (the caller frees it; NULL when there are
 * none).
 */
size_t attendance_plan(const struct facil *f, struct attendance_item **out);

/* How many session records signing now would add (see above). */
size_t attendance_sessions_due(const struct facil *f);

/*
 * Append the n records of v to the log at log_path, signed with key, and
 * note each in f (facil_add_signed) as it is written; then the session
 * records that are due (attendance_sessions_due), noted the same way.
 * Returns the number appended (n plus the sessions due on success), or -1
 * with a message in err when a check failed before anything was written;
 * when an append fails part way, the count so far is returned and err
 * says why.
 */
long attendance_sign(struct facil *f, const struct attendance_item *v, size_t n,
		     const char *log_path, const struct sign_key *key,
		     const char *facilitator, char *err, size_t errlen);

#endif
