/*
 * learn_cmd.c: workshop learn [OPTION]... [MODULE], and the home screen
 * (workshop with no command).
 *
 * In a terminal the learner's curses screens run; with --plain, without a
 * terminal, or with TERM=dumb, the same flow runs line by line (plain.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "complog.h"
#include "complog_line.h"
#include "content.h"
#include "learn_cmd.h"
#include "learn_ui.h"
#include "learner.h"
#include "plain.h"
#include "ui.h"
#include "util.h"

#include "sign.h"

static const struct cli_option options[] = {
    {"name", 0, "NAME", "the learner's name (asked if not given)"},
    {"staff-id", 0, "ID", "the learner's staff id (optional)"},
    {"key", 'k', "FILE",
     "sign records with the station key in FILE (default: the station key "
     "in $XDG_CONFIG_HOME/workshop, if there is one)"},
    {"passphrase-file", 0, "FILE",
     "read the key's passphrase from the first line of FILE"},
    {"log", 0, "FILE",
     "append records to FILE (default: "
     "$XDG_STATE_HOME/workshop/completions.log)"},
    {"plain", 0, NULL,
     "line by line, for screen readers and scripts (automatic without a "
     "terminal or with TERM=dumb)"},
    CLI_CONTENT_OPTION,
    {NULL, 0, NULL, NULL},
};

bool
learn_want_plain(bool plain)
{
	const char *term = getenv("TERM");

	return plain || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) ||
	       term == NULL || term[0] == '\0' || strcmp(term, "dumb") == 0;
}

int
learn_key_load(const char *path, const char *passfile, bool required,
	       struct sign_key **out)
{
	char def[4096], err[512];

	*out = NULL;
	if (path == NULL) {
		if (sign_default_key_path(def, sizeof def) < 0 ||
		    access(def, F_OK) != 0) {
			if (required) {
				cli_error("no station key: give --key FILE "
					  "(make one with workshop keygen)");
				return CLI_USAGE;
			}
			return CLI_OK;
		}
		path = def;
	}
	if (access(path, R_OK) != 0) {
		cli_error("cannot read %s: %s", path, strerror(errno));
		return CLI_USAGE;
	}
	/* What is left is a key that does not unlock: a failed check. */
	if (sign_key_load(path, passfile, out, err, sizeof err) < 0) {
		cli_error("%s", err);
		return CLI_FAIL;
	}
	return CLI_OK;
}

void
learn_key_free(struct sign_key *k)
{
	sign_key_free(k);
}

/* ---- Plain mode -------------------------------------------------------- */

struct plain_ctx {
	struct plain p;
	struct learner l;
};

static void
plain_saved(void *ctx)
{
	struct plain_ctx *c = ctx;

	if (learner_save(&c->l) < 0) {
		fprintf(c->p.out, "%s\n", c->l.message);
		c->l.message[0] = '\0';
	}
}

/* Which module to start with, by menu; NULL to stop.  *day: whole day. */
static struct module *
plain_choose(struct plain_ctx *c, bool *day)
{
	size_t n = c->l.nday + 1, i;
	const char **labels = xcalloc(n, sizeof *labels);
	char **owned = xcalloc(n, sizeof *owned);
	struct module *m = NULL;
	int k;

	labels[0] = "The whole day, in order";
	for (i = 0; i < c->l.nday; i++) {
		owned[i] = xasprintf(
		    "%s%s", c->l.day[i]->title,
		    learner_done(&c->l, c->l.day[i]) ? " (done)" : "");
		labels[i + 1] = owned[i];
	}
	k = plain_menu(&c->p, "Choose a module:", labels, n);
	if (k == 0) {
		*day = true;
		m = learner_next(&c->l, NULL);
		if (m == NULL && c->l.nday > 0)
			m = c->l.day[0];
	} else if (k > 0) {
		m = c->l.day[k - 1];
	}
	for (i = 0; i < c->l.nday; i++)
		free(owned[i]);
	free(owned);
	free(labels);
	return m;
}

static const char *const resume_labels[] = {
    "Carry on where I left off",
    "Choose a module",
    "Start again: forget my saved progress",
};

/* Offer to resume; returns the module, NULL to choose, or sets *stop. */
static struct module *
plain_resume(struct plain_ctx *c, bool *stop)
{
	struct module *m;
	int k;
	char buf[16];

	if (!c->l.had_progress || c->l.progress.current == NULL ||
	    (m = learner_module(&c->l, c->l.progress.current)) == NULL)
		return NULL;
	fprintf(c->p.out, "Welcome back. You were working on \"%s\".\n",
		m->title);
	k = plain_menu(&c->p, "What would you like to do?", resume_labels, 3);
	if (k < 0)
		*stop = true;
	if (k == 0)
		return m;
	if (k == 2) {
		if (!plain_ask(&c->p, "Forget all your saved progress? (y/n)",
			       buf, sizeof buf)) {
			*stop = true;
			return NULL;
		}
		if (strcmp(buf, "y") == 0) {
			learner_reset(&c->l);
			fprintf(c->p.out,
				"Your saved progress was forgotten.\n");
		}
	}
	return NULL;
}

static int
plain_modules(struct plain_ctx *c, struct module *m, bool day)
{
	int rc = CLI_OK;

	while (m != NULL) {
		struct session *s = learner_begin(&c->l, m, time(NULL));
		enum plain_result r;

		if (s->finished)
			session_goto(s, 0);
		fprintf(c->p.out, "\n# %s\n", m->title);
		r = plain_run(&c->p, s);
		if (r != PLAIN_FINISHED) {
			learner_save(&c->l);
			fprintf(c->p.out,
				"Stopped. Your place and quiz answers "
				"are saved.\n");
			return rc;
		}
		if (learner_finish(&c->l, time(NULL)) < 0 && c->l.key != NULL)
			rc = CLI_FAIL;
		fprintf(c->p.out, "You have finished \"%s\". %s\n", m->title,
			c->l.message);
		m = day ? learner_next(&c->l, m) : NULL;
	}
	return rc;
}

/*
 * The learner's name (from --name, else asked until it is one a record can
 * carry) and staff id (asked only when neither option was given) into
 * name and staff (LEARNER_TEXT_SIZE bytes each).  False at the end of
 * input.
 */
static bool
plain_who(struct plain *p, const struct learn_args *a, char *name, char *staff)
{
	char err[256];

	snprintf(name, LEARNER_TEXT_SIZE, "%s", a->name ? a->name : "");
	snprintf(staff, LEARNER_TEXT_SIZE, "%s",
		 a->staff_id ? a->staff_id : "");
	while (name[0] == '\0' ||
	       complog_check_text("your name", name, err, sizeof err) < 0) {
		if (name[0] != '\0') {
			printf("%s. Please type it again.\n", err);
			p->invalid++;
		}
		if (!plain_ask(p, "Your name:", name, LEARNER_TEXT_SIZE))
			return false;
	}
	while (a->name == NULL && a->staff_id == NULL) {
		if (!plain_ask(p, "Staff id (optional, Enter to skip):", staff,
			       LEARNER_TEXT_SIZE))
			return false;
		if (staff[0] == '\0' ||
		    complog_check_text("the staff id", staff, err,
				       sizeof err) == 0)
			break;
		printf("%s. Please type it again.\n", err);
	}
	return true;
}

static int
plain_learn(const struct learn_args *a, struct content *pack)
{
	struct plain_ctx c;
	char name[LEARNER_TEXT_SIZE], staff[LEARNER_TEXT_SIZE], err[512];
	struct module *m = NULL;
	bool day = false, stop = false;
	int rc;

	memset(&c, 0, sizeof c);
	c.p.in = stdin;
	c.p.out = stdout;
	c.p.utf8 = plain_locale_utf8();
	c.p.echo = !isatty(STDIN_FILENO);
	c.p.today = cli_today();
	c.p.on_step = plain_saved;
	c.p.ctx = &c;
	if (!plain_who(&c.p, a, name, staff))
		return CLI_OK;
	if (learner_open(&c.l, pack, name, staff[0] ? staff : NULL, NULL, err,
			 sizeof err) < 0)
		printf("Your saved progress could not be read (%s); it is left "
		       "as it is and not used.\n",
		       err);
	c.l.key = a->key;
	c.l.log_path = a->log;
	c.l.mode = a->mode;
	if (a->key == NULL)
		printf("No signing key was given, so no record will be "
		       "written.\n");
	if (a->module != NULL)
		m = learner_module(&c.l, a->module);
	else
		m = plain_resume(&c, &stop);
	if (m == NULL && !stop)
		m = plain_choose(&c, &day);
	rc = m != NULL ? plain_modules(&c, m, day) : CLI_OK;
	learner_close(&c.l);
	return rc;
}

/*
 * The home screen: Learner or Facilitator?  Returns LEARN_UI_LEARNER,
 * LEARN_UI_FACILITATE, LEARN_UI_QUIT, or 128 + a signal.
 */
static int
choose_home(const struct learn_args *a, struct content *pack)
{
	static const char *const labels[] = {
	    "Learner: work through the modules alone",
	    "Facilitator: run the day for a room"};
	struct plain p = {.in = stdin,
			  .out = stdout,
			  .utf8 = plain_locale_utf8(),
			  .echo = !isatty(STDIN_FILENO)};
	struct learn_ui_opts o = {
	    .content = pack, .home = true, .today = cli_today()};
	struct ui u;
	int k;

	memset(&u, 0, sizeof u);
	if (learn_want_plain(a->plain) || !ui_begin(&u)) {
		k = plain_menu(&p, "Who is using the program?", labels, 2);
		return k < 0	? LEARN_UI_QUIT
		       : k == 1 ? LEARN_UI_FACILITATE
				: LEARN_UI_LEARNER;
	}
	k = learn_ui_run(&u, &o);
	ui_end();
	return k;
}

/* The learner's curses screens, or plain mode without a terminal. */
static int
run_learner(const struct learn_args *a, struct content *pack)
{
	struct learn_ui_opts o = {.content = pack,
				  .name = a->name,
				  .staff_id = a->staff_id,
				  .module = a->module,
				  .key = a->key,
				  .log_path = a->log,
				  .today = cli_today()};
	struct ui u;
	int rc;

	memset(&u, 0, sizeof u);
	if (learn_want_plain(a->plain) || !ui_begin(&u))
		return plain_learn(a, pack);
	rc = learn_ui_run(&u, &o);
	ui_end();
	return rc >= 128 ? rc : CLI_OK;
}

static int
check_names(const struct learn_args *a)
{
	char err[256];

	if ((a->name != NULL &&
	     complog_check_text("--name", a->name, err, sizeof err) < 0) ||
	    (a->staff_id != NULL && a->staff_id[0] != '\0' &&
	     complog_check_text("--staff-id", a->staff_id, err, sizeof err) <
		 0)) {
		cli_error("%s", err);
		return CLI_USAGE;
	}
	return CLI_OK;
}

static int
facilitate(void)
{
	char nm[] = "facilitate";
	char *argv[] = {nm, NULL};

	return cmd_facilitate.run(1, argv);
}

/* ---- The command ------------------------------------------------------- */

int
learn_run(const struct learn_args *a)
{
	struct content *pack;
	struct sign_key *key = NULL;
	struct learn_args args = *a;
	int rc;

	if ((rc = check_names(a)) != CLI_OK ||
	    (rc = cli_load_pack(a->content, &pack)) != CLI_OK)
		return rc;
	if (a->module != NULL && content_module(pack, a->module) == NULL) {
		cli_error("no module '%s' (see workshop list)", a->module);
		content_free(pack);
		return CLI_USAGE;
	}
	if (a->home) {
		/* Choose first: the key is unlocked only for a learner. */
		rc = choose_home(a, pack);
		if (rc != LEARN_UI_LEARNER) {
			content_free(pack);
			if (rc == LEARN_UI_FACILITATE)
				return facilitate();
			return rc >= 128 ? rc : CLI_OK;
		}
	}
	if (a->key == NULL && (rc = learn_key_load(a->key_path, a->passfile,
						   false, &key)) != CLI_OK) {
		content_free(pack);
		return rc;
	}
	if (args.key == NULL)
		args.key = key;
	rc = run_learner(&args, pack);
	learn_key_free(key);
	content_free(pack);
	return rc;
}

static int
run(int argc, char **argv)
{
	struct cli_parse p;
	struct learn_args a;
	const char *arg;
	char err[256];
	int i;

	memset(&a, 0, sizeof a);
	a.mode = "learner";
	cli_begin(&p, &cmd_learn, argc, argv);
	while ((i = cli_next(&p, &arg)) >= 0) {
		if (cli_is(&cmd_learn, i, "name"))
			a.name = arg;
		else if (cli_is(&cmd_learn, i, "staff-id"))
			a.staff_id = arg;
		else if (cli_is(&cmd_learn, i, "key"))
			a.key_path = arg;
		else if (cli_is(&cmd_learn, i, "passphrase-file"))
			a.passfile = arg;
		else if (cli_is(&cmd_learn, i, "log"))
			a.log = arg;
		else if (cli_is(&cmd_learn, i, "plain"))
			a.plain = true;
		else if (cli_is(&cmd_learn, i, "content"))
			a.content = arg;
	}
	cli_done(&p);
	if (i == CLI_NEXT_HELP)
		return CLI_OK;
	if (i == CLI_NEXT_ERROR)
		return CLI_USAGE;
	if (p.optind + 1 < argc)
		return cli_usage_error(&cmd_learn, "unexpected argument: %s",
				       argv[p.optind + 1]);
	if (p.optind < argc)
		a.module = argv[p.optind];
	if (a.name != NULL && a.name[0] == '\0')
		return cli_usage_error(&cmd_learn, "--name must not be empty");
	/* A name given is checked now, never replaced by a line of input. */
	if (a.name != NULL &&
	    complog_check_text("--name", a.name, err, sizeof err) < 0)
		return cli_usage_error(&cmd_learn, "%s", err);
	if (a.staff_id != NULL && a.staff_id[0] != '\0' &&
	    complog_check_text("--staff-id", a.staff_id, err, sizeof err) < 0)
		return cli_usage_error(&cmd_learn, "%s", err);
	return learn_run(&a);
}

const struct cli_command cmd_learn = {
    .name = "learn",
    .args = "[MODULE]",
    .summary = "work through modules alone, at your own pace",
    .options = options,
    .run = run,
};

static const struct cli_option home_options[] = {
    CLI_CONTENT_OPTION,
    {NULL, 0, NULL, NULL},
};

static int
home_run(int argc, char **argv)
{
	struct cli_parse p;
	struct learn_args a;
	const char *arg;
	int i;

	memset(&a, 0, sizeof a);
	a.mode = "learner";
	a.home = true;
	cli_begin(&p, &cmd_home, argc, argv);
	while ((i = cli_next(&p, &arg)) >= 0)
		if (cli_is(&cmd_home, i, "content"))
			a.content = arg;
	cli_done(&p);
	if (i == CLI_NEXT_HELP)
		return CLI_OK;
	if (i == CLI_NEXT_ERROR)
		return CLI_USAGE;
	if (p.optind < argc)
		return cli_usage_error(&cmd_home, "unexpected argument: %s",
				       argv[p.optind]);
	return learn_run(&a);
}

const struct cli_command cmd_home = {
    .name = "home",
    .args = "",
    .summary = "open the home screen",
    .options = home_options,
    .run = home_run,
    .hidden = true,
};
