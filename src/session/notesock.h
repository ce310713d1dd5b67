/*
 * notesock.h: the presenting instance tells `workshop notes` what to show.
 *
 * `workshop facilitate` listens on a local UNIX socket; each `workshop
 * notes` in another terminal connects and is sent the current screen at
 * once and again whenever it changes.  Messages are JSON objects, one a
 * line:
 *
 *   {"v":1,"title":"Welcome","notes":"Say hello.","next":"Sex or
 *    sexuality?","position":"Basics 1/7","timer":"12:05 / 40:00",
 *    "drift":"on time","clock":"10:42","jurisdiction":"England and
 *    Wales","reviewed":"2026-11-23","review_overdue":false,"ended":false}
 *
 * where notes, next, the timer fields, jurisdiction and reviewed may be
 * null (jurisdiction is null on a screen that states no law; see
 * lawtag.h).  Lines longer than
 * NOTESOCK_MAX_LINE are refused.
 *
 * The socket lives in $XDG_RUNTIME_DIR/workshop/ (or /tmp/workshop-UID/
 * when that is unset), a directory of mode 0700 that must belong to the
 * user; the socket itself is mode 0600.  Both ends also check with
 * SO_PEERCRED that the other end runs as the same user.  Nothing here
 * blocks the presenter: a follower that stops reading is dropped.
 */
#ifndef WORKSHOP_NOTESOCK_H
#define WORKSHOP_NOTESOCK_H

#include <stdbool.h>
#include <stddef.h>

#define NOTESOCK_MAX_LINE (256u * 1024)

struct notes_msg {
	char *title;
	char *notes;	/* NULL if none */
	char *next;	/* next screen's title; NULL at the end */
	char *position; /* e.g. "Basics 2/7"; NULL if none */
	char *timer;	/* "12:05 / 40:00"; NULL if none */
	char *drift;	/* "5 min behind"; NULL if none */
	char *clock;	/* presenter's wall clock "10:42"; NULL */
	/* The law the screen states (lawtag.h); jurisdiction NULL if none. */
	char *jurisdiction;
	char *reviewed;	     /* YYYY-MM-DD; NULL if not given */
	bool review_overdue; /* reviewed over a year before the presenter's
				today */
	bool ended;	     /* the presenter has quit */
};

/* Free the strings of m and zero it (m itself is the caller's). */
void notes_msg_clear(struct notes_msg *m);

/* One message as a JSON line ending in '\n'; the caller frees it. */
char *notesock_encode(const struct notes_msg *m);
/*
 * Parse one line (without its newline) into *m (cleared first).  Returns 0,
 * or -1 with a fresh message in *err.
 */
int notesock_decode(const char *line, size_t len, struct notes_msg *m,
		    char **err);

/*
 * The socket path to use: $XDG_RUNTIME_DIR/workshop/notes.sock, else
 * (no such variable, or not a directory) /tmp/workshop-UID/notes.sock; the
 * directory is created (0700) and checked to be ours and private.  Returns a
 * fresh string, or NULL with a fresh message in *err.
 */
char *notesock_default_path(char **err);

struct notesock_server;

/*
 * Listen at path.  A stale socket left by a crash is replaced; a live one
 * (another presenter) is an error, as is anything that is not a socket.
 * Returns NULL with a fresh message in *err on failure.
 */
struct notesock_server *notesock_listen(const char *path, char **err);
/* The listening descriptor, to poll for readability. */
int notesock_server_fd(const struct notesock_server *s);
/* Accept waiting followers (never blocks) and send them the current
 * message; also notices followers that have gone. */
void notesock_server_poll(struct notesock_server *s);
/* Make m the current message and send it to every follower. */
void notesock_publish(struct notesock_server *s, const struct notes_msg *m);
size_t notesock_followers(const struct notesock_server *s);
/* Tell followers the presenter has ended, close, and remove the socket. */
void notesock_server_close(struct notesock_server *s);

struct notesock_client;

/* Connect to the presenter at path; NULL with a fresh *err on failure. */
struct notesock_client *notesock_connect(const char *path, char **err);
int notesock_client_fd(const struct notesock_client *c);
/*
 * Read whatever has arrived (never blocks).  Returns 1 if *m now holds the
 * newest complete message, 0 if none arrived, -1 if the presenter closed
 * the connection or sent something invalid (a fresh *err says which).
 */
int notesock_client_read(struct notesock_client *c, struct notes_msg *m,
			 char **err);
void notesock_client_close(struct notesock_client *c);

#endif
