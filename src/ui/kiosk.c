/*
 * kiosk.c: workshop kiosk [OPTION]...
 *
 * A shared PC: an administrator unlocks the station key once; learner
 * after learner then gives their name and takes modules, their records
 * signed with that key, which they never see.  Ctrl-C and Ctrl-Z do
 * nothing; leaving the kiosk (Esc on the name screen) needs the key's
 * passphrase, checked by unlocking the key file again.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "content.h"
#include "learn_cmd.h"
#include "learn_ui.h"
#include "sign.h"
#include "ui.h"
#include "util.h"

static const struct cli_option options[] = {
    {"key", 'k', "FILE",
     "the station key (default: the station key in $XDG_CONFIG_HOME/workshop)"},
    {"passphrase-file", 0, "FILE",
     "read the key's passphrase from the first line of FILE"},
    {"log", 0, "FILE",
     "append records to FILE (default: "
     "$XDG_STATE_HOME/workshop/completions.log)"},
    CLI_CONTENT_OPTION,
    {NULL, 0, NULL, NULL},
};

struct kiosk {
	char *key_text; /* the key file, to check the passphrase */
	size_t key_len;
	struct ui_field field;
	bool leave;
	bool tried; /* a wrong passphrase was typed */
};

static bool
passphrase_ok(struct kiosk *k, const char *pass)
{
	struct sign_key *key = NULL;
	char err[256];
	bool ok = sign_key_parse(k->key_text, k->key_len, pass, &key, err,
				 sizeof err) == 0;

	sign_key_free(key);
	return ok;
}

static void
leave_draw(struct ui *u)
{
	struct kiosk *k = u->data;
	size_t i, n = strlen(k->field.buf);

	ui_put(u, 0, 1, "Leave the kiosk", UI_S_TITLE);
	ui_put(u, 2, 1, "The administrator's passphrase is needed to leave.",
	       UI_S_TEXT);
	ui_put(u, 4, 1, "Passphrase: ", UI_S_TEXT);
	for (i = 0; i < n && i < 30; i++)
		ui_put(u, 4, 13 + (int)i, "*", UI_S_TEXT);
	if (k->tried)
		ui_put(u, 6, 1, "That is not the passphrase.", UI_S_WRONG);
	ui_cursor(u, 4, 13 + (int)(n < 30 ? n : 30));
	snprintf(u->hints, sizeof u->hints, "Enter leave  Esc back");
	snprintf(u->where, sizeof u->where, "Kiosk");
}

static bool
leave_raw(struct ui *u, int ch, bool func)
{
	struct kiosk *k = u->data;
	enum ui_field_result r = ui_field_key(&k->field, ch, func);

	if (r == UI_FIELD_CANCEL) {
		u->done = true;
	} else if (r == UI_FIELD_DONE) {
		k->leave = passphrase_ok(k, k->field.buf);
		k->tried = !k->leave;
		u->done = k->leave;
	}
	if (r != UI_FIELD_EDIT)
		memset(&k->field, 0, sizeof k->field);
	return true;
}

static const struct ui_key leave_keys[] = {
    {.code = '\n',
     .action = UI_NONE,
     .name = "letters",
     .help = "type the passphrase; Enter leaves, Esc goes back"},
    {.code = 0},
};

static const struct ui_screen screen_leave = {
    .name = "leave", .draw = leave_draw, .keys = leave_keys, .raw = leave_raw};

/* Ask for the passphrase; true if it was right. */
static int
ask_leave(struct ui *u, struct kiosk *k)
{
	int rc;

	memset(&k->field, 0, sizeof k->field);
	k->tried = false;
	k->leave = false;
	u->data = k;
	u->save = NULL;
	u->done = false;
	ui_set_screen(u, &screen_leave);
	rc = ui_run(u);
	if (rc >= 128)
		return rc;
	return k->leave ? 1 : 0;
}

static int
kiosk_loop(struct ui *u, struct kiosk *k, const struct learn_ui_opts *o)
{
	int rc;

	for (;;) {
		rc = learn_ui_run(u, o);
		if (rc >= 128)
			return rc;
		if (rc != LEARN_UI_QUIT)
			continue; /* the next learner */
		rc = ask_leave(u, k);
		if (rc >= 128)
			return rc;
		if (rc == 1)
			return CLI_OK;
	}
}

struct kiosk_args {
	const char *key_path, *passfile, *log, *content;
};

/* Unlock the key, load the content, and run learner after learner. */
static int
kiosk(const struct kiosk_args *a)
{
	struct content *pack;
	struct sign_key *key;
	struct kiosk k;
	struct ui u;
	int rc;

	memset(&k, 0, sizeof k);
	if ((k.key_text = util_read_file(a->key_path, 1 << 16, &k.key_len)) ==
	    NULL) {
		cli_error("cannot read %s: %s", a->key_path, strerror(errno));
		return CLI_USAGE;
	}
	/* Leaving needs the passphrase: a key without one would let anyone
	 * leave (and use the station key's signature) with an empty line. */
	if (sign_key_parse(k.key_text, k.key_len, NULL, &key, NULL, 0) == 0) {
		sign_key_free(key);
		free(k.key_text);
		cli_error("%s has no passphrase; the kiosk needs a "
			  "passphrase-protected key so that only the "
			  "administrator can leave it (make one with workshop "
			  "keygen)",
			  a->key_path);
		return CLI_USAGE;
	}
	if ((rc = learn_key_load(a->key_path, a->passfile, true, &key)) !=
	    CLI_OK) {
		free(k.key_text);
		return rc;
	}
	if ((rc = cli_load_pack(a->content, &pack)) == CLI_OK) {
		struct learn_ui_opts o = {.content = pack,
					  .kiosk = true,
					  .key = key,
					  .log_path = a->log,
					  .today = cli_today()};

		memset(&u, 0, sizeof u);
		u.kiosk = true;
		if (ui_begin(&u)) {
			rc = kiosk_loop(&u, &k, &o);
			ui_end();
		} else {
			cli_error("the kiosk needs a terminal");
			rc = CLI_USAGE;
		}
		content_free(pack);
	}
	learn_key_free(key);
	free(k.key_text);
	return rc;
}

static int
run(int argc, char **argv)
{
	struct cli_parse p;
	struct kiosk_args a = {NULL, NULL, NULL, NULL};
	const char *arg;
	char def[4096];
	int i;

	cli_begin(&p, &cmd_kiosk, argc, argv);
	while ((i = cli_next(&p, &arg)) >= 0) {
		if (cli_is(&cmd_kiosk, i, "key"))
			a.key_path = arg;
		else if (cli_is(&cmd_kiosk, i, "passphrase-file"))
			a.passfile = arg;
		else if (cli_is(&cmd_kiosk, i, "log"))
			a.log = arg;
		else if (cli_is(&cmd_kiosk, i, "content"))
			a.content = arg;
	}
	cli_done(&p);
	if (i == CLI_NEXT_HELP)
		return CLI_OK;
	if (i == CLI_NEXT_ERROR)
		return CLI_USAGE;
	if (p.optind < argc)
		return cli_usage_error(&cmd_kiosk, "unexpected argument: %s",
				       argv[p.optind]);
	if (learn_want_plain(false)) {
		cli_error("the kiosk needs a terminal");
		return CLI_USAGE;
	}
	if (a.key_path == NULL) {
		if (sign_default_key_path(def, sizeof def) < 0) {
			cli_error("no station key: give --key FILE");
			return CLI_USAGE;
		}
		a.key_path = def;
	}
	return kiosk(&a);
}

const struct cli_command cmd_kiosk = {
    .name = "kiosk",
    .args = "",
    .summary = "run a shared-PC kiosk with an unlocked station key",
    .options = options,
    .run = run,
};
