/*
 * facilitate.c: workshop facilitate, the room's shared screen: the command,
 * saving, the presenter's socket and the clock.
 *
 * The screens (fac_*.c, sharing fac.h) draw the core's facilitator session
 * (facil.h) for a projector: a block-letter title, wide margins, one idea
 * per screen, and nothing from the tutor (notes, answers, reasons, points)
 * until the facilitator reveals it.  Keys become facil events through each
 * screen's key table, which also makes the `?` help.  Changes are saved
 * within a second (at once on quitting, on a signal and after signing), so
 * a crash or an accidental quit can be resumed; the presenter's socket
 * keeps `workshop notes` in another terminal up to date.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "fac.h"
#include "paths.h"
#include "sign.h"
#include "util.h"

long long
fac_now(void)
{
	return (long long)time(NULL);
}

/* ---- Saving, the notes socket, the clock ------------------------------ */

/*
 * Changes are written at most once a tick (a second), so typing a count
 * does not wait on the disk for every digit; flush_state writes at once
 * (on quitting, on a signal, after signing).
 */
void
fac_flush(struct fac *fa, struct ui *u)
{
	char *err = NULL;

	if (fa->state_path == NULL || !fa->dirty)
		return;
	fa->dirty = false;
	if (facil_write_state(fa->f, fa->state_path, &err) == -1) {
		if (u != NULL)
			snprintf(u->message, sizeof u->message,
				 "Could not save the session: %s", err);
		free(err);
	}
}

void
fac_save(struct fac *fa, struct ui *u)
{
	(void)u;
	fa->dirty = true;
}

void
fac_publish(struct fac *fa)
{
	const struct facil *f = fa->f;
	const struct facil_screen *s = facil_screen(f);
	struct notes_msg m;
	struct lawtag law;
	char pos[128], timer[64], drift[64], clock[16];
	time_t t = time(NULL);
	struct tm tm;
	char *line;

	if (fa->sock == NULL)
		return;
	memset(&m, 0, sizeof m);
	m.title = facil_title(f, s);
	if (lawtag_of_screen(&law, s, fa->today)) {
		m.jurisdiction = xstrdup(law.jurisdiction);
		m.reviewed = law.reviewed ? xstrdup(law.reviewed) : NULL;
		m.review_overdue = law.overdue;
	}
	m.notes = facil_notes(f, s);
	m.next =
	    f->cur + 1 < f->n ? facil_title(f, &f->screens[f->cur + 1]) : NULL;
	facil_position(f, pos, sizeof pos);
	m.position = pos;
	if (f->agenda->started && !f->agenda->ended) {
		m.timer = agenda_timer_text(f->agenda, fac_now(), timer,
					    sizeof timer);
		m.drift = agenda_drift_text(agenda_drift(f->agenda, fac_now()),
					    drift, sizeof drift);
	}
	localtime_r(&t, &tm);
	strftime(clock, sizeof clock, "%H:%M", &tm);
	m.clock = clock;
	line = notesock_encode(&m);
	if (fa->sent == NULL || strcmp(line, fa->sent) != 0) {
		notesock_publish(fa->sock, &m);
		free(fa->sent);
		fa->sent = line;
	} else {
		free(line);
	}
	free(m.title);
	free(m.notes);
	free(m.next);
	free(m.jurisdiction);
	free(m.reviewed);
}

static void
on_tick(struct ui *u)
{
	struct fac *fa = u->data;

	fac_flush(fa, u);
	if (fa->sock != NULL) {
		notesock_server_poll(fa->sock);
		fac_publish(fa);
	}
}

static void
on_save(struct ui *u)
{
	fac_flush(u->data, NULL);
}

/* Seconds after the programme's planned start that the day begins. */
static long long
late_start(const struct agenda *a)
{
	time_t t = time(NULL);
	struct tm tm;
	long long late;

	localtime_r(&t, &tm);
	late = (long long)(tm.tm_hour * 60 + tm.tm_min) * 60 + tm.tm_sec -
	       (long long)a->start * 60;
	/* Only a day run near its planned time is measured against it. */
	return late > -3600 && late < 3 * 3600 ? late : 0;
}

/* Apply one event; save and tell followers if anything changed. */
void
fac_act(struct ui *u, enum facil_ev type, long index)
{
	struct fac *fa = u->data;
	struct facil_event ev = {type, index};
	enum facil_outcome o;

	/* The day is late (or early) by the clock when it begins. */
	if (!fa->f->agenda->started)
		fa->f->late = late_start(fa->f->agenda);
	o = facil_handle(fa->f, &ev, fac_now());

	if (o == FACIL_IGNORED)
		return;
	fac_save(fa, u);
	fac_publish(fa);
}

/* ---- The command ------------------------------------------------------ */

static const struct cli_option options[] = {
    {"roster", 'r', "FILE",
     "the people expected: one a line, NAME or NAME<TAB>STAFF-ID; "
     "# starts a comment"},
    {"facilitator", 'f', "NAME", "your name, for the attendance records"},
    {"key", 'k', "FILE",
     "the key that signs attendance (default: "
     "$XDG_CONFIG_HOME/workshop/station.key)"},
    {"passphrase-file", 0, "FILE",
     "read the key's passphrase from the first line of FILE"},
    {"log", 'l', "FILE",
     "the log to append to (default: "
     "$XDG_STATE_HOME/workshop/completions.log)"},
    {"socket", 0, "FILE",
     "the notes socket (default: $XDG_RUNTIME_DIR/workshop/notes.sock)"},
    {"new", 0, NULL, "start a new session even if one was interrupted"},
    CLI_CONTENT_OPTION,
    {NULL, 0, NULL, NULL},
};

struct fac_args {
	const char *roster, *facilitator, *key, *passfile, *log, *socket;
	const char *content, *module;
	bool fresh;
};

static int
parse_args(int argc, char **argv, struct fac_args *a)
{
	struct cli_parse p;
	const char *arg;
	int i;

	memset(a, 0, sizeof *a);
	cli_begin(&p, &cmd_facilitate, argc, argv);
	while ((i = cli_next(&p, &arg)) >= 0) {
		if (cli_is(&cmd_facilitate, i, "roster"))
			a->roster = arg;
		else if (cli_is(&cmd_facilitate, i, "facilitator"))
			a->facilitator = arg;
		else if (cli_is(&cmd_facilitate, i, "key"))
			a->key = arg;
		else if (cli_is(&cmd_facilitate, i, "passphrase-file"))
			a->passfile = arg;
		else if (cli_is(&cmd_facilitate, i, "log"))
			a->log = arg;
		else if (cli_is(&cmd_facilitate, i, "socket"))
			a->socket = arg;
		else if (cli_is(&cmd_facilitate, i, "new"))
			a->fresh = true;
		else if (cli_is(&cmd_facilitate, i, "content"))
			a->content = arg;
	}
	if (i == CLI_NEXT_HELP || i == CLI_NEXT_ERROR) {
		cli_done(&p);
		return i == CLI_NEXT_HELP ? CLI_OK : CLI_USAGE;
	}
	if (argc - p.optind > 1) {
		cli_done(&p);
		return cli_usage_error(&cmd_facilitate, "one module at most");
	}
	a->module = p.optind < argc ? argv[p.optind] : NULL;
	cli_done(&p);
	return -1;
}

/* Load the roster file into f; CLI_OK or an exit code. */
static int
load_roster(struct facil *f, const char *path)
{
	struct diags d;
	int rc = CLI_OK;

	diags_init(&d);
	if (roster_load(f->roster, path, &d) == -1) {
		diags_sort(&d);
		diags_print(&d, stderr);
		rc = d.nio != 0 ? CLI_USAGE : CLI_FAIL;
	}
	diags_free(&d);
	return rc;
}

static int
run_ui(struct fac *fa)
{
	struct ui u;
	int rc;

	memset(&u, 0, sizeof u);
	if (!ui_begin(&u)) {
		cli_error("facilitate needs a terminal");
		return CLI_USAGE;
	}
	u.data = fa;
	u.save = on_save;
	u.tick = on_tick;
	u.tick_ms = 1000;
	/* A new session replaces any saved one; an offered one waits for
	 * the answer. */
	fa->dirty = fa->resume == NULL;
	fac_publish(fa);
	ui_set_screen(&u, fa->resume != NULL ? &fac_screen_resume
					     : &fac_screen_main);
	snprintf(u.message, sizeof u.message, "%s", fa->start_msg);
	rc = ui_run(&u);
	ui_end();
	return rc >= 128 ? rc : CLI_OK;
}

static int
setup(struct fac *fa, const struct fac_args *a, struct module *m)
{
	char *err = NULL, *state, *path;
	json_t *saved;
	int rc;

	fa->f = facil_new(fa->content, m, (unsigned long)time(NULL));
	if (fa->f == NULL) {
		cli_error("the content has no programme: name a module");
		return CLI_USAGE;
	}
	/* One saved session per programme and per module, so running one
	 * module never replaces an interrupted day. */
	if ((state = paths_xdg("state")) != NULL) {
		fa->state_path = m != NULL
				     ? xasprintf("%s/facilitate/module-%s.json",
						 state, m->id)
				     : xasprintf("%s/facilitate/%s.json", state,
						 fa->content->programme->id);
		free(state);
	}
	if (fa->state_path != NULL && !a->fresh &&
	    (saved = facil_read_state(fa->state_path, &err)) != NULL) {
		struct facil *probe = facil_new(fa->content, m, 0);

		if (facil_restore(probe, saved, &err) == 0) {
			fa->resume = saved;
		} else {
			/* Set aside, never overwritten: it holds a roster. */
			char *old = xasprintf("%s.old", fa->state_path);

			json_decref(saved);
			rename(fa->state_path, old);
			snprintf(fa->start_msg, sizeof fa->start_msg,
				 "The interrupted session no longer fits the "
				 "content: kept as %s.",
				 strrchr(old, '/') + 1);
			free(old);
		}
		facil_free(probe);
	}
	free(err);
	err = NULL;
	if (a->roster != NULL && (rc = load_roster(fa->f, a->roster)) != 0)
		return rc;
	path = a->socket != NULL ? xstrdup(a->socket)
				 : notesock_default_path(&err);
	if (path != NULL)
		fa->sock = notesock_listen(path, &err);
	if (fa->sock == NULL) {
		/* Shown on the first screen: the day can go on without.  The
		 * reason without the path, to fit the line. */
		const char *why = err != NULL && strstr(err, ": ") != NULL
				      ? strstr(err, ": ") + 2
				      : err;

		snprintf(fa->start_msg, sizeof fa->start_msg,
			 "Notes not shared: %s", why != NULL ? why : "");
		free(err);
	}
	free(path);
	return -1;
}

static int
facilitate(int argc, char **argv)
{
	struct fac_args a;
	struct fac fa;
	struct module *m = NULL;
	int rc;

	if ((rc = parse_args(argc, argv, &a)) >= 0)
		return rc;
	memset(&fa, 0, sizeof fa);
	if ((rc = cli_load_pack(a.content, &fa.content)) != CLI_OK)
		return rc;
	if (a.module != NULL &&
	    (m = content_module(fa.content, a.module)) == NULL) {
		cli_error("no module '%s' (see workshop list)", a.module);
		content_free(fa.content);
		return CLI_USAGE;
	}
	fa.today = cli_today();
	fa.key_path = a.key;
	fa.passfile = a.passfile;
	fa.log_path = a.log;
	if (a.facilitator != NULL)
		snprintf(fa.facilitator, sizeof fa.facilitator, "%s",
			 a.facilitator);
	if ((rc = setup(&fa, &a, m)) < 0)
		rc = run_ui(&fa);
	notesock_server_close(fa.sock);
	json_decref(fa.resume);
	free(fa.sent);
	free(fa.state_path);
	facil_free(fa.f);
	content_free(fa.content);
	return rc;
}

const struct cli_command cmd_facilitate = {
    .name = "facilitate",
    .args = "[MODULE]",
    .summary = "run the day for a room, on a shared screen",
    .options = options,
    .run = facilitate,
};
