/*
 * learn_cmd.h: what the learn, home and kiosk commands share.
 */
#ifndef WORKSHOP_LEARN_CMD_H
#define WORKSHOP_LEARN_CMD_H

#include <stdbool.h>

struct sign_key;

struct learn_args {
	const char *name, *staff_id, *module;
	const char *key_path, *passfile, *log, *content;
	bool plain;
	bool home;	      /* start at Learner / Facilitator */
	const char *mode;     /* "learner" or "kiosk" */
	struct sign_key *key; /* already unlocked (kiosk), or NULL */
};

/* Plain mode: asked for, or no terminal, or TERM=dumb/unset. */
bool learn_want_plain(bool plain);

/*
 * Unlock the station key at path (NULL: the default station key, if it
 * exists, unless required).  Prints any problem; returns a CLI_* code with
 * *out NULL when no key is to be used.
 */
int learn_key_load(const char *path, const char *passfile, bool required,
		   struct sign_key **out);
void learn_key_free(struct sign_key *k);

/* Run the learner (or home) flow; returns an exit code. */
int learn_run(const struct learn_args *a);

#endif
