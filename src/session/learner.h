/*
 * learner.h: one learner working through modules alone, whatever the
 * screen (curses or plain): their progress, the modules of the day, and
 * the signed record appended when a module is finished.
 *
 * The learner's name and staff id go only into the progress file's name
 * (hashed) and into the records; the session's views, ratings and
 * reflections never leave memory.
 */
#ifndef WORKSHOP_LEARNER_H
#define WORKSHOP_LEARNER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "complog_line.h"
#include "content.h"
#include "progress.h"
#include "session.h"

/* Room for a learner's name or staff id as a signed record carries it. */
#define LEARNER_TEXT_SIZE (COMPLOG_TEXT_MAX + 1)

struct sign_key;

struct learner {
	struct content *content; /* borrowed */
	char *name;
	char *staff_id;	     /* NULL if none */
	char *progress_path; /* NULL: progress is not kept */
	struct progress progress;
	bool had_progress;   /* a file was found when opened */
	struct module **day; /* the modules in programme order */
	size_t nday;
	struct session *session; /* the module in hand, or NULL */
	time_t started;		 /* when the session began (0: unknown) */
	/* Records: the key signs, into log_path; key NULL: no records. */
	const struct sign_key *key; /* borrowed */
	const char *log_path;	    /* borrowed; NULL: the default log */
	const char *mode;	    /* "learner" or "kiosk" */
	char message[512];	    /* the last save or record problem */
};

/*
 * Start with learner name (and staff_id, may be NULL) over content c,
 * loading their progress from state_dir (NULL: the XDG state directory).
 * Returns 0, or -1 with a message in err (the progress file exists but
 * cannot be read); l is then still usable, starting afresh, and its
 * progress is not overwritten.  Free with learner_close().
 */
int learner_open(struct learner *l, struct content *c, const char *name,
		 const char *staff_id, const char *state_dir, char *err,
		 size_t errlen);
void learner_close(struct learner *l);

/* A module of the day (or of the pack) by id; NULL if none. */
struct module *learner_module(const struct learner *l, const char *id);

/* Has the learner finished module m (in any earlier run)? */
bool learner_done(const struct learner *l, const struct module *m);

/*
 * Begin (or resume from progress) module m; returns the session, owned by
 * l.  The previous session, if any, is saved and freed.
 */
struct session *learner_begin(struct learner *l, struct module *m, time_t now);

/* Save where the session is.  0, or -1 with the reason in l->message. */
int learner_save(struct learner *l);

/*
 * The session's module is finished: append its record (when a key was
 * given) and mark it done, unless its quiz failed or the record could not
 * be written: then its answers are kept, to go back and try again.  0 ok
 * (l->message says what was recorded), or -1 with the reason in l->message
 * (progress is saved either way, so the learner loses nothing).
 */
int learner_finish(struct learner *l, time_t now);

/* The next module of the day after m not yet done, or NULL. */
struct module *learner_next(const struct learner *l, const struct module *m);

/* Forget all the learner's progress and delete the file. */
int learner_reset(struct learner *l);

#endif
