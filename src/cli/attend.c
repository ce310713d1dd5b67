/*
 * cmd_attend.c: workshop attend --module ID [--key FILE] [--log FILE]
 *   [--passphrase-file F] [--facilitator NAME] [--roster FILE] [NAME...]
 *
 * Appends one signed "attended" record per attendee: what a facilitator
 * runs at the end of a session.  Every name is checked before anything is
 * written, so a bad name in a roster leaves the log untouched.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "complog.h"
#include "content.h"
#include "sign.h"
#include "util.h"

static const struct cli_option options[] = {
    {"module", 'm', "ID", "the module attended (required)"},
    {"key", 'k', "FILE",
     "the secret key to sign with (default: the "
     "station key)"},
    {"passphrase-file", 0, "FILE",
     "read the key's passphrase from the first line of FILE"},
    {"log", 'l', "FILE", "the log to append to (default: the station's log)"},
    {"facilitator", 'f', "NAME", "the facilitator's name, recorded too"},
    {"roster", 'r', "FILE",
     "read attendees from FILE (NAME or NAME<TAB>STAFF-ID a line)"},
    {"checkpoint", 0, "FILE",
     "then add the log's head to FILE, for workshop verify --checkpoint"},
    CLI_CONTENT_OPTION,
    {NULL, 0, NULL, NULL},
};

struct attendee {
	char *name;
	char *staff_id;
};

struct roster {
	struct attendee *v;
	size_t n;
};

static void
roster_add(struct roster *r, const char *name, const char *staff)
{
	r->v = xreallocarray(r->v, r->n + 1, sizeof *r->v);
	r->v[r->n].name = xstrdup(name);
	r->v[r->n].staff_id = staff != NULL ? xstrdup(staff) : NULL;
	r->n++;
}

static void
roster_free(struct roster *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].name);
		free(r->v[i].staff_id);
	}
	free(r->v);
}

/* Read a roster file; CLI_OK or an exit code after printing why. */
static int
roster_read(struct roster *r, const char *path)
{
	size_t len, lineno = 0;
	char *text = util_read_file(path, 1 << 24, &len), *p, *nl, *tab;
	char err[256];

	if (text == NULL) {
		cli_error("%s: %s", path, strerror(errno));
		return CLI_USAGE;
	}
	for (p = text; p < text + len; p = nl + 1) {
		lineno++;
		if ((nl = memchr(p, '\n', (size_t)(text + len - p))) == NULL)
			nl = text + len;
		*nl = '\0';
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (p[0] == '\0' || p[0] == '#')
			continue;
		if ((tab = strchr(p, '\t')) != NULL)
			*tab++ = '\0';
		if (complog_check_text("the name", p, err, sizeof err) < 0 ||
		    (tab != NULL && complog_check_text("the staff id", tab, err,
						       sizeof err) < 0)) {
			cli_error("%s:%zu: %s; nothing was recorded", path,
				  lineno, err);
			free(text);
			return CLI_FAIL;
		}
		roster_add(r, p, tab);
	}
	free(text);
	return CLI_OK;
}

/* Exit code for a key that failed to load. */
static int
key_error(const char *err)
{
	cli_error("%s", err);
	return strstr(err, "wrong passphrase") != NULL ? CLI_FAIL : CLI_USAGE;
}

/* The session-end checkpoint: the log's head added to file. */
static int
add_checkpoint(const char *log, const char *file)
{
	char id[33], hash[65], err[512];
	long long seq;

	if (complog_head(log, id, &seq, hash, err, sizeof err) < 0 ||
	    complog_checkpoint_add(file, id, seq, hash, err, sizeof err) < 0) {
		cli_error("%s", err);
		return CLI_USAGE;
	}
	printf("checkpoint: seq %lld of log %s added to %s\n", seq, id, file);
	return CLI_OK;
}

struct attend_args {
	const char *module, *key, *pass, *log, *facilitator, *roster;
	const char *checkpoint;
	const char *content;
};

static int
record_all(const struct attend_args *a, struct module *m,
	   const struct roster *r)
{
	char keybuf[PATH_MAX], logbuf[PATH_MAX], err[512];
	const char *key = a->key, *log = a->log;
	struct sign_key *k;
	size_t i;
	int rc = CLI_OK;

	if (key == NULL && sign_default_key_path(keybuf, sizeof keybuf) == 0)
		key = keybuf;
	if (log == NULL && complog_default_path(logbuf, sizeof logbuf) == 0)
		log = logbuf;
	if (key == NULL || log == NULL) {
		cli_error("no default key or log location: set HOME, or give "
			  "--key and --log");
		return CLI_USAGE;
	}
	if (sign_key_load(key, a->pass, &k, err, sizeof err) < 0)
		return key_error(err);
	for (i = 0; i < r->n; i++) {
		struct complog_record rec = {.event = "attended",
					     .learner = r->v[i].name,
					     .staff_id = r->v[i].staff_id,
					     .module = m->id,
					     .module_title = m->title,
					     .content_version =
						 content_module_version(m),
					     .score = -1,
					     .total = -1,
					     .pass_mark = -1,
					     .facilitator = a->facilitator,
					     .mode = "attend"};

		if (complog_append(log, k, &rec, err, sizeof err) < 0) {
			cli_error("%s (%zu of %zu recorded)", err, i, r->n);
			/* A log that fails a check (its last line is not
			 * this log's, say) is 1; an I/O error is 2. */
			rc = strstr(err, "run workshop verify") != NULL
				 ? CLI_FAIL
				 : CLI_USAGE;
			break;
		}
	}
	sign_key_free(k);
	if (rc == CLI_OK)
		printf("recorded attendance of %zu %s at %s in %s\n", r->n,
		       r->n == 1 ? "person" : "people", m->id, log);
	if (rc == CLI_OK && a->checkpoint != NULL)
		rc = add_checkpoint(log, a->checkpoint);
	return rc;
}

static int
attend(const struct attend_args *a, struct roster *r)
{
	struct content *c;
	struct module *m;
	char err[256];
	int rc;

	if (a->facilitator != NULL &&
	    complog_check_text("the facilitator's name", a->facilitator, err,
			       sizeof err) < 0) {
		cli_error("%s; nothing was recorded", err);
		return CLI_FAIL;
	}
	if (a->roster != NULL && (rc = roster_read(r, a->roster)) != CLI_OK)
		return rc;
	if (r->n == 0)
		return cli_usage_error(&cmd_attend, "no attendees: give names "
						    "or --roster FILE");
	if ((rc = cli_load_pack(a->content, &c)) != CLI_OK)
		return rc;
	if ((m = content_module(c, a->module)) == NULL) {
		cli_error("no module '%s' in the content pack (see workshop "
			  "list)",
			  a->module);
		content_free(c);
		return CLI_USAGE;
	}
	rc = record_all(a, m, r);
	content_free(c);
	return rc;
}

static int
run(int argc, char **argv)
{
	struct attend_args a = {0};
	struct roster r = {0};
	struct cli_parse p;
	const char *arg;
	char err[256];
	int i, rc = CLI_OK;
	bool dashdash;

	cli_begin(&p, &cmd_attend, argc, argv);
	while ((i = cli_next(&p, &arg)) >= 0) {
		if (cli_is(&cmd_attend, i, "module"))
			a.module = arg;
		else if (cli_is(&cmd_attend, i, "key"))
			a.key = arg;
		else if (cli_is(&cmd_attend, i, "passphrase-file"))
			a.pass = arg;
		else if (cli_is(&cmd_attend, i, "log"))
			a.log = arg;
		else if (cli_is(&cmd_attend, i, "facilitator"))
			a.facilitator = arg;
		else if (cli_is(&cmd_attend, i, "roster"))
			a.roster = arg;
		else if (cli_is(&cmd_attend, i, "content"))
			a.content = arg;
		else if (cli_is(&cmd_attend, i, "checkpoint"))
			a.checkpoint = arg;
	}
	cli_done(&p);
	if (i == CLI_NEXT_HELP)
		return CLI_OK;
	if (i == CLI_NEXT_ERROR)
		return CLI_USAGE;
	if (a.module == NULL)
		return cli_usage_error(&cmd_attend, "--module ID is required");
	/* After "--" a name may start with '-'; before it, such a "name" is
	 * far more likely a mistyped option, and a signed record cannot be
	 * taken back. */
	dashdash = p.optind > 1 && strcmp(argv[p.optind - 1], "--") == 0;
	for (i = p.optind; i < argc; i++) {
		if (argv[i][0] == '-' && !dashdash) {
			cli_usage_error(&cmd_attend,
					"'%s' looks like an option, not a "
					"name (put -- before names that "
					"start with '-'); nothing was "
					"recorded",
					argv[i]);
			roster_free(&r);
			return CLI_USAGE;
		}
		if (complog_check_text("the name", argv[i], err, sizeof err) <
		    0) {
			cli_error("attendee %d: %s; nothing was recorded",
				  i - p.optind + 1, err);
			roster_free(&r);
			return CLI_FAIL;
		}
		roster_add(&r, argv[i], NULL);
	}
	rc = attend(&a, &r);
	roster_free(&r);
	return rc;
}

const struct cli_command cmd_attend = {
    .name = "attend",
    .args = "[NAME]...",
    .summary = "append signed attendance records",
    .options = options,
    .run = run,
};
