/*
 * fac_dialogs.c: the facilitator's questions: resume a saved session,
 * confirm quitting, the facilitator's name, and signing attendance.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complog.h"
#include "fac.h"

/* ---- Resume, quit, the facilitator's name ----------------------------- */

static void
ask_draw(struct ui *u, const char *title, const char *text, const char *hints)
{
	struct layout l;

	ui_put(u, 1, 3, title, UI_S_TITLE);
	layout_init(&l);
	layout_wrap(&l, text, u->cols - 6, 0, 0, UI_S_TEXT);
	ui_draw_layout(u, &l, 0, 3, 3, u->rows - 5);
	layout_free(&l);
	ui_cursor(u, 1, 3);
	snprintf(u->hints, sizeof u->hints, "%s", hints);
}

static void
resume_draw(struct ui *u)
{
	ask_draw(u, "Resume the session?",
		 "A facilitate session for this content was interrupted. "
		 "Resume it where it stopped, with its roster, counts and "
		 "timer (y), or start a new one (n)?",
		 "y resume  n start again");
	snprintf(u->where, sizeof u->where, "Resume");
}

static void
resume_key(struct ui *u, enum ui_action a, int ch)
{
	struct fac *fa = u->data;
	char *err = NULL;

	(void)ch;
	if (a != UI_YES && a != UI_NO)
		return;
	if (a == UI_YES && facil_restore(fa->f, fa->resume, &err) == -1) {
		snprintf(u->message, sizeof u->message, "Could not resume: %s",
			 err);
		free(err);
	}
	json_decref(fa->resume);
	fa->resume = NULL;
	ui_set_screen(u, &fac_screen_main);
	fac_save(fa, u);
	fac_publish(fa);
}

static const struct ui_key yes_no_keys[] = {
    {.code = 'y', .action = UI_YES, .name = "y", .help = "yes"},
    {.code = 'n', .action = UI_NO, .name = "n Escape", .help = "no"},
    {.code = 27, .action = UI_NO},
    {.code = 0},
};

const struct ui_screen fac_screen_resume = {
    .name = "resume",
    .draw = resume_draw,
    .key = resume_key,
    .keys = yes_no_keys,
};

static void
quit_draw(struct ui *u)
{
	ask_draw(u, "Leave the session?",
		 "Attendance is not all signed yet. The session is saved and "
		 "is offered for resuming when you start workshop facilitate "
		 "again.",
		 "y leave  n stay");
	snprintf(u->where, sizeof u->where, "Quit");
}

static void
quit_key(struct ui *u, enum ui_action a, int ch)
{
	(void)ch;
	if (a == UI_YES || a == UI_QUIT) {
		fac_flush(u->data, u);
		u->done = true;
	} else if (a == UI_NO) {
		ui_set_screen(u, &fac_screen_main);
	}
}

const struct ui_screen fac_screen_quit = {
    .name = "quit",
    .draw = quit_draw,
    .key = quit_key,
    .keys = yes_no_keys,
};

static void
name_draw(struct ui *u)
{
	struct fac *fa = u->data;

	ask_draw(u, "Your name",
		 "The attendance records carry the facilitator's name. Type "
		 "yours and press Enter.",
		 "Enter sign  Escape cancel");
	ui_put(u, 6, 3, fa->field.buf, UI_S_TEXT);
	ui_cursor(u, 6, 3 + layout_width(fa->field.buf, fa->field.len));
	snprintf(u->where, sizeof u->where, "Sign");
}

static bool
name_raw(struct ui *u, int ch, bool func)
{
	struct fac *fa = u->data;

	switch (ui_field_key(&fa->field, ch, func)) {
	case UI_FIELD_CANCEL:
		ui_set_screen(u, &fac_screen_main);
		break;
	case UI_FIELD_DONE:
		if (fa->field.len == 0)
			break;
		snprintf(fa->facilitator, sizeof fa->facilitator, "%s",
			 fa->field.buf);
		ui_set_screen(u, &fac_screen_main);
		fac_start_signing(u, fa);
		break;
	default:
		break;
	}
	return true;
}

static void
name_init(struct ui *u)
{
	struct fac *fa = u->data;

	memset(&fa->field, 0, sizeof fa->field);
}

static const struct ui_key no_keys[] = {{.code = 0}};

const struct ui_screen fac_screen_name = {
    .name = "name",
    .init = name_init,
    .draw = name_draw,
    .keys = no_keys,
    .raw = name_raw,
};

/* ---- Signing attendance ----------------------------------------------- */

/*
 * Unlock the key: from the passphrase file, or on the terminal with the
 * screen put aside while the passphrase is typed (echo off).
 */
static struct sign_key *
unlock(struct fac *fa, char *err, size_t errlen)
{
	char def[PATH_MAX];
	const char *path = fa->key_path;
	struct sign_key *k = NULL;
	int rc;

	if (path == NULL) {
		if (sign_default_key_path(def, sizeof def) < 0) {
			snprintf(err, errlen, "no key: give --key FILE");
			return NULL;
		}
		path = def;
	}
	if (fa->passfile != NULL)
		return sign_key_load(path, fa->passfile, &k, err, errlen) < 0
			   ? NULL
			   : k;
	def_prog_mode();
	endwin();
	printf("\nSigning attendance with %s.\n", path);
	fflush(stdout);
	rc = sign_key_load(path, NULL, &k, err, errlen);
	reset_prog_mode();
	refresh();
	return rc < 0 ? NULL : k;
}

void
fac_start_signing(struct ui *u, struct fac *fa)
{
	struct attendance_item *v;
	size_t n = attendance_plan(fa->f, &v);
	size_t ns = attendance_sessions_due(fa->f);
	char logbuf[PATH_MAX], err[512];
	const char *log = fa->log_path;
	struct sign_key *k;
	long done;

	if (n == 0 && ns == 0) {
		free(v);
		fa->sign_ok = fa->f->nrecords != 0;
		snprintf(
		    fa->sign_msg, sizeof fa->sign_msg, "%s",
		    fa->f->nrecords != 0
			? "Everything so far is signed."
			: "Nobody to sign for: mark who is here first (p).");
		return;
	}
	if (fa->facilitator[0] == '\0') {
		free(v);
		ui_set_screen(u, &fac_screen_name);
		return;
	}
	if (log == NULL && complog_default_path(logbuf, sizeof logbuf) == 0)
		log = logbuf;
	if (log == NULL || (k = unlock(fa, err, sizeof err)) == NULL) {
		snprintf(fa->sign_msg, sizeof fa->sign_msg, "Not signed: %s",
			 log == NULL ? "no log location: "
				       "give --log FILE"
				     : err);
		free(v);
		return;
	}
	done = attendance_sign(fa->f, v, n, log, k, fa->facilitator, err,
			       sizeof err);
	sign_key_free(k);
	free(v);
	fa->sign_ok = done == (long)(n + ns);
	/* What was signed must survive a crash: never signed twice. */
	fac_save(fa, u);
	fac_flush(fa, u);
	if (fa->sign_ok) {
		snprintf(fa->sign_msg, sizeof fa->sign_msg,
			 "%s Signed %zu attendance record%s%s in %s.",
			 ui_mark(u, true), n, n == 1 ? "" : "s",
			 ns == 0   ? ""
			 : ns == 1 ? " and the session's counts"
				   : " and the session's counts (per set)",
			 log);
	} else {
		snprintf(fa->sign_msg, sizeof fa->sign_msg, "%s %s",
			 ui_mark(u, false), err);
	}
}
