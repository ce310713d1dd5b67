/*
 * notes.c: workshop notes, the facilitator's own view of the session.
 *
 * Run in a second terminal (the laptop's, not the projector's), it follows
 * the presenting `workshop facilitate` over its notes socket and shows the
 * presenter notes for the screen the room sees, the next screen's title,
 * the clock and the timer.  When the presenter stops it waits for the next
 * one.  --plain prints each screen's notes as lines instead, for a screen
 * reader or a script, and ends when the presenter does.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "lawtag.h"
#include "layout.h"
#include "notesock.h"
#include "ui.h"
#include "util.h"

struct follow {
	char *path;
	struct notesock_client *c;
	struct notes_msg m;
	bool have; /* m holds a message */
	int top;
	int more;
	int since_try; /* ticks since the last connection try */
};

/* Connect if not connected; true if connected. */
static bool
ensure(struct follow *fo)
{
	char *err = NULL;

	if (fo->c != NULL)
		return true;
	fo->c = notesock_connect(fo->path, &err);
	free(err);
	return fo->c != NULL;
}

/* Read what arrived; true if the screen should change. */
static bool
pump(struct follow *fo)
{
	char *err = NULL;
	int r;

	if (!ensure(fo))
		return false;
	r = notesock_client_read(fo->c, &fo->m, &err);
	free(err);
	if (r == 1) {
		fo->have = true;
		fo->top = 0;
		return true;
	}
	if (r == -1) {
		notesock_client_close(fo->c);
		fo->c = NULL;
		return true;
	}
	return false;
}

static void
notes_tick(struct ui *u)
{
	struct follow *fo = u->data;

	if (fo->c == NULL && ++fo->since_try < 4)
		return;
	fo->since_try = 0;
	pump(fo);
}

static void
add_line(struct layout *l, const char *label, const char *text, int width,
	 enum ui_style st)
{
	layout_wrap(l, label, width, 0, 0, UI_S_DIM);
	layout_wrap(l, text, width, 2, 2, st);
	layout_blank(l);
}

/* The law the screen on show states, as the presenter judged it. */
static bool
msg_law(const struct notes_msg *m, struct lawtag *t)
{
	t->jurisdiction = m->jurisdiction;
	t->reviewed = m->reviewed;
	t->overdue = m->review_overdue;
	return t->jurisdiction != NULL;
}

static void
notes_draw(struct ui *u)
{
	struct follow *fo = u->data;
	const struct notes_msg *m = &fo->m;
	struct layout l;
	struct lawtag law;
	char clock[16], tag[512];
	time_t t = time(NULL);
	struct tm tm;
	int h = u->rows - 3;

	localtime_r(&t, &tm);
	strftime(clock, sizeof clock, "%H:%M", &tm);
	layout_init(&l);
	if (!fo->have || m->ended || fo->c == NULL) {
		layout_wrap(&l,
			    fo->have && m->ended ? "The session has ended."
						 : "Waiting for a facilitate "
						   "session to present...",
			    u->cols - 4, 0, 0, UI_S_TITLE);
		layout_blank(&l);
		layout_wrap(&l, fo->path, u->cols - 4, 0, 0, UI_S_DIM);
	} else {
		/* The title, and under it the law the screen states. */
		layout_wrap(&l, "On the screen now", u->cols - 4, 0, 0,
			    UI_S_DIM);
		layout_wrap(&l, m->title, u->cols - 4, 2, 2, UI_S_TITLE);
		if (msg_law(m, &law))
			layout_wrap(&l, lawtag_text(&law, 0, tag, sizeof tag),
				    u->cols - 4, 2, 2,
				    law.overdue ? UI_S_WRONG : UI_S_DIM);
		layout_blank(&l);
		add_line(&l, "Notes",
			 m->notes != NULL ? m->notes : "(no notes here)",
			 u->cols - 4, m->notes != NULL ? UI_S_TEXT : UI_S_DIM);
		add_line(&l, "Next", m->next != NULL ? m->next : "(the end)",
			 u->cols - 4, UI_S_TEXT);
	}
	fo->top = layout_clamp(fo->top, l.n, h);
	fo->more = ui_draw_layout(u, &l, fo->top, 1, 2, h);
	layout_free(&l);
	ui_cursor(u, 1, 2);
	snprintf(u->hints, sizeof u->hints, "Up/Down scroll  q quit  ? help");
	snprintf(u->where, sizeof u->where, "%s%s%s%s%s  %s",
		 m->position != NULL && fo->c ? m->position : "Notes",
		 m->timer != NULL && fo->c ? "  " : "",
		 m->timer != NULL && fo->c ? m->timer : "",
		 m->drift != NULL && fo->c ? "  " : "",
		 m->drift != NULL && fo->c ? m->drift : "", clock);
}

static void
notes_key(struct ui *u, enum ui_action a, int ch)
{
	struct follow *fo = u->data;

	(void)ch;
	if (a == UI_QUIT)
		u->done = true;
	else if ((a == UI_UP || a == UI_PGUP) && fo->top > 0)
		fo->top -= a == UI_UP ? 1 : (fo->top > 5 ? 5 : fo->top);
	else if ((a == UI_DOWN || a == UI_PGDN) && fo->more > 0)
		fo->top += a == UI_DOWN ? 1 : (fo->more > 5 ? 5 : fo->more);
}

static const struct ui_key notes_keys[] = {{.code = 0}};

static const struct ui_screen screen_notes = {
    .name = "notes",
    .draw = notes_draw,
    .key = notes_key,
    .keys = notes_keys,
};

/* ---- Plain mode ------------------------------------------------------- */

static void
print_msg(const struct notes_msg *m)
{
	char *t = util_escape_text(m->title, false);
	struct lawtag law;
	char tag[512];

	printf("== %s%s%s%s\n", t, m->position ? " (" : "",
	       m->position ? m->position : "", m->position ? ")" : "");
	free(t);
	if (msg_law(m, &law)) {
		t = util_escape_text(lawtag_text(&law, 0, tag, sizeof tag),
				     false);
		printf("%s\n", t);
		free(t);
	}
	if (m->timer != NULL)
		printf("Timer: %s, %s\n", m->timer,
		       m->drift != NULL ? m->drift : "");
	if (m->notes != NULL) {
		t = util_escape_text(m->notes, true);
		printf("Notes: %s\n", t);
		free(t);
	} else {
		printf("Notes: (none)\n");
	}
	if (m->next != NULL) {
		t = util_escape_text(m->next, false);
		printf("Next: %s\n", t);
		free(t);
	}
	fflush(stdout);
}

static int
plain_follow(struct follow *fo)
{
	char *err = NULL, *last = NULL, *line;
	struct pollfd p;
	int r;

	if ((fo->c = notesock_connect(fo->path, &err)) == NULL) {
		cli_error("%s", err);
		free(err);
		return CLI_USAGE;
	}
	p.fd = notesock_client_fd(fo->c);
	p.events = POLLIN;
	for (;;) {
		if (poll(&p, 1, -1) == -1)
			continue;
		r = notesock_client_read(fo->c, &fo->m, &err);
		if (r == -1) {
			free(err);
			break;
		}
		if (r == 0)
			continue;
		if (fo->m.ended) {
			printf("== The session has ended.\n");
			break;
		}
		/* The timer ticks every second: print only real changes. */
		line = xasprintf("%s\n%s\n%s", fo->m.title,
				 fo->m.notes ? fo->m.notes : "",
				 fo->m.next ? fo->m.next : "");
		if (last == NULL || strcmp(line, last) != 0)
			print_msg(&fo->m);
		free(last);
		last = line;
	}
	free(last);
	return CLI_OK;
}

/* ---- The command ------------------------------------------------------ */

static const struct cli_option options[] = {
    {"socket", 0, "FILE",
     "the presenter's notes socket (default: "
     "$XDG_RUNTIME_DIR/workshop/notes.sock)"},
    {"plain", 0, NULL,
     "print each screen's notes as lines; end when the session ends"},
    {NULL, 0, NULL, NULL},
};

static int
notes(int argc, char **argv)
{
	struct cli_parse p;
	struct follow fo;
	const char *arg, *sock = NULL;
	bool plain = false;
	char *err = NULL;
	int i, rc;

	cli_begin(&p, &cmd_notes, argc, argv);
	while ((i = cli_next(&p, &arg)) >= 0) {
		if (cli_is(&cmd_notes, i, "socket"))
			sock = arg;
		else if (cli_is(&cmd_notes, i, "plain"))
			plain = true;
	}
	if (i == CLI_NEXT_HELP || i == CLI_NEXT_ERROR) {
		cli_done(&p);
		return i == CLI_NEXT_HELP ? CLI_OK : CLI_USAGE;
	}
	rc = p.optind < argc ? cli_usage_error(&cmd_notes, "no operands") : -1;
	cli_done(&p);
	if (rc >= 0)
		return rc;
	memset(&fo, 0, sizeof fo);
	fo.path = sock != NULL ? xstrdup(sock) : notesock_default_path(&err);
	if (fo.path == NULL) {
		cli_error("%s", err);
		free(err);
		return CLI_USAGE;
	}
	if (plain) {
		rc = plain_follow(&fo);
	} else {
		struct ui u;

		memset(&u, 0, sizeof u);
		if (!ui_begin(&u)) {
			rc = plain_follow(&fo);
		} else {
			u.data = &fo;
			u.tick = notes_tick;
			u.tick_ms = 250;
			pump(&fo);
			ui_set_screen(&u, &screen_notes);
			rc = ui_run(&u);
			ui_end();
			rc = rc >= 128 ? rc : CLI_OK;
		}
	}
	notesock_client_close(fo.c);
	notes_msg_clear(&fo.m);
	free(fo.path);
	return rc;
}

const struct cli_command cmd_notes = {
    .name = "notes",
    .args = "",
    .summary = "follow a facilitate session and show its notes",
    .options = options,
    .run = notes,
};
