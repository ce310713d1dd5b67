/*
 * progress.h: a learner's saved progress, private to them.
 *
 * One file per learner under $XDG_STATE_HOME/workshop/progress/, named by a
 * hash of the learner's name and staff id (the name itself is not written
 * anywhere), mode 0600 in a 0700 directory, replaced atomically (a
 * temporary file in the same directory, fsync, rename, fsync of the
 * directory).  It keeps only where the learner is and their quiz answers
 * and sort placements: never views, ratings, reflections or any text they
 * typed.
 *
 * The file is text, one fact a line:
 *
 *   workshop-progress 1
 *   current law                     the module being worked on (optional)
 *   module basics step 3 done 0 version 9f3c...
 *                                   a module: the step reached, finished?,
 *                                   and its content version (optional)
 *   quiz 2 1,0,-1                   answers of the quiz at step 2 (-1: none)
 *   sort 1 0,2                      placements of the sort at step 1
 *
 * quiz and sort lines belong to the module line above them.  Module ids
 * are as in the content (letters, digits, '-', '_', '.').
 */
#ifndef WORKSHOP_PROGRESS_H
#define WORKSHOP_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "session.h"

#define PROGRESS_MAX_BYTES (1024 * 1024)
#define PROGRESS_MAX_STEPS 100000
#define PROGRESS_MAX_VALUES 10000

struct progress_module {
	char *id;
	/* The module's content version when saved ("" if not known): answers
	 * saved against other content are not restored. */
	char version[CONTENT_VERSION_HEX + 1];
	struct session_saved saved;
};

struct progress {
	char *current; /* module id, or NULL */
	struct progress_module *v;
	size_t n;
};

void progress_init(struct progress *p);
void progress_free(struct progress *p);

/*
 * Parse a progress file's bytes.  Returns 0 with *p filled (the caller
 * frees it with progress_free), or -1 with a message "line N: what was
 * expected" in err and *p empty.
 */
int progress_parse(const char *buf, size_t len, struct progress *p, char *err,
		   size_t errlen);

/* The file's text for p; the caller frees it. */
char *progress_format(const struct progress *p);

/* The module's entry, or NULL; borrowed. */
const struct progress_module *progress_find(const struct progress *p,
					    const char *id);

/* Record where a session is (replacing the module's entry). */
void progress_set(struct progress *p, const struct session *s);

/* Forget one module (id) or, with id NULL, everything. */
void progress_forget(struct progress *p, const char *id);

/*
 * The progress file for a learner: DIR/progress/<32 hex>.progress, with
 * DIR from paths_xdg("state") unless dir is given.  Fresh string, or NULL
 * when no state directory can be found.
 */
char *progress_path(const char *dir, const char *name, const char *staff_id);

/*
 * Load path.  Returns 1 with *p filled, 0 if there is no file (*p empty),
 * or -1 with a message in err (unreadable or not a progress file).
 */
int progress_load(const char *path, struct progress *p, char *err,
		  size_t errlen);

/*
 * Write p to path atomically, creating the directory (0700) and the file
 * (0600).  Returns 0, or -1 with a message in err; the old file is then
 * untouched.
 */
int progress_save(const char *path, const struct progress *p, char *err,
		  size_t errlen);

/* Delete the file; 0 if it is gone (or was never there), -1 otherwise. */
int progress_remove(const char *path, char *err, size_t errlen);

#endif
