/*
 * certificate_cmd.c: workshop certificate [-k PUBKEY]... [--keys FILE]
 *   [--learner NAME] [--module ID] [--seq N] [-o BASE] [--content DIR]
 *   [LOG]
 *
 * Verifies the log (the station's log by default) and writes a certificate
 * (BASE.html and BASE.txt, see certificate.h) for the newest verified
 * completed, passed or attended record that matches the filters.  The
 * module's reviewed date and jurisdiction come from the content pack when
 * the pack still holds the version the record names.
 *
 * Exit: 0 written; 1 no verified record matches (or the one asked for
 * cannot have a certificate); 2 usage, or a file that could not be read
 * or written.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "certificate.h"
#include "cmd.h"
#include "complog.h"
#include "content.h"
#include "trust.h"
#include "util.h"

static const struct cli_option options[] = {
    {"pubkey", 'k', "FILE", "trust the public key in FILE (repeatable)"},
    {"keys", 0, "FILE", "trust the keys listed in FILE (workshop-log(5))"},
    {"learner", 0, "NAME", "the learner (name or staff id)"},
    {"module", 0, "ID", "the module"},
    {"seq", 0, "N", "the record with this seq"},
    {"output", 'o', "BASE",
     "write BASE.html and BASE.txt (default: certificate-MODULE-DATE)"},
    CLI_CONTENT_OPTION,
    {NULL, 0, NULL, NULL},
};

struct pick {
	const char *learner, *module;
	long long seq; /* -1: any */
	char *line;    /* the newest matching record, or NULL */
	char module_id[200], version[80], day[11];
	long long got_seq;
	const char *refusal; /* why the record asked for by seq has none */
};

/* Only a log that cannot be read is told: other lines are not this
 * certificate's business (workshop verify reports them). */
static void
on_problem(const char *path, unsigned long line, bool torn, const char *reason,
	   void *ctx)
{
	(void)torn;
	(void)ctx;
	if (line == 0)
		cli_error("%s: %s", path, reason);
}

static void
on_record(const struct complog_entry *e, void *ctx)
{
	struct pick *p = ctx;
	const char *no;

	if (e->learner == NULL || (p->seq >= 0 && e->seq != p->seq))
		return;
	if (p->module != NULL && strcmp(p->module, e->module) != 0)
		return;
	if (p->learner != NULL && strcmp(p->learner, e->learner) != 0 &&
	    (e->staff_id == NULL || strcmp(p->learner, e->staff_id) != 0))
		return;
	if ((no = certificate_refusal(e->raw, e->rawlen)) != NULL) {
		if (p->seq >= 0)
			p->refusal = no;
		return;
	}
	free(p->line);
	p->line = xstrndup(e->raw, e->rawlen);
	p->got_seq = e->seq;
	snprintf(p->module_id, sizeof p->module_id, "%s", e->module);
	snprintf(p->version, sizeof p->version, "%s", e->content_version);
	snprintf(p->day, sizeof p->day, "%.10s", e->ts);
}

/* The station's own public key, when nothing else is trusted. */
static int
station_key(struct trust_set *t)
{
	char buf[PATH_MAX];
	size_t n;

	if (sign_default_key_path(buf, sizeof buf) < 0)
		return -1;
	n = strlen(buf);
	memcpy(buf + n - 4, ".pub", 5); /* station.key -> station.pub */
	if (access(buf, R_OK) != 0)
		return -1;
	return trust_add_pubkey(t, buf) == CLI_OK ? 0 : -1;
}

/* The reviewed date and jurisdiction of the version the record names. */
static void
notes_of(struct pick *p, const char *content_opt, char **reviewed,
	 char **jurisdiction)
{
	char *dir = cli_content_dir(content_opt);
	struct diags d;
	struct content *c;
	struct module *m;
	const struct law_info *law;

	/* A pack with problems gives no notes (validate reports them). */
	diags_init(&d);
	c = content_load_dir(dir, &d);
	if (c != NULL && d.n == 0 &&
	    (m = content_module(c, p->module_id)) != NULL &&
	    strcmp(content_module_version(m), p->version) == 0 &&
	    (law = content_module_law(m)) != NULL) {
		*reviewed = xstrdup(law->reviewed);
		*jurisdiction =
		    law->jurisdiction ? xstrdup(law->jurisdiction) : NULL;
	}
	content_free(c);
	diags_free(&d);
	free(dir);
}

static int
write_for(struct pick *p, const char *base, const char *content_opt)
{
	char err[PATH_MAX + 200], *def = NULL, *rev = NULL, *jur = NULL;
	int rc = CLI_OK;

	notes_of(p, content_opt, &rev, &jur);
	struct certificate_src src = {p->line, strlen(p->line), rev, jur};

	if (base == NULL)
		base = def =
		    xasprintf("certificate-%s-%s", p->module_id, p->day);
	if (certificate_write(base, &src, err, sizeof err) < 0) {
		cli_error("%s", err);
		rc = CLI_USAGE;
	} else {
		printf("wrote %s.html and %s.txt (record seq %lld)\n", base,
		       base, p->got_seq);
	}
	free(rev);
	free(jur);
	free(def);
	return rc;
}

static int
parse(int argc, char **argv, struct trust_set *t, struct pick *p,
      const char **base, const char **content, int *first)
{
	struct cli_parse cp;
	const char *arg;
	char *end;
	int i, rc = CLI_OK;

	cli_begin(&cp, &cmd_certificate, argc, argv);
	while (rc == CLI_OK && (i = cli_next(&cp, &arg)) >= 0) {
		if (cli_is(&cmd_certificate, i, "pubkey"))
			rc = trust_add_pubkey(t, arg);
		else if (cli_is(&cmd_certificate, i, "keys"))
			rc = trust_add_file(t, arg);
		else if (cli_is(&cmd_certificate, i, "learner"))
			p->learner = arg;
		else if (cli_is(&cmd_certificate, i, "module"))
			p->module = arg;
		else if (cli_is(&cmd_certificate, i, "output"))
			*base = arg;
		else if (cli_is(&cmd_certificate, i, "content"))
			*content = arg;
		else if (cli_is(&cmd_certificate, i, "seq")) {
			p->seq = strtoll(arg, &end, 10);
			if (*arg == '\0' || *end != '\0' || p->seq < 1)
				rc = cli_usage_error(&cmd_certificate,
						     "--seq: expected a whole "
						     "number from 1, not '%s'",
						     arg);
		}
	}
	*first = cp.optind;
	cli_done(&cp);
	if (rc != CLI_OK)
		return rc;
	if (i == CLI_NEXT_HELP)
		return -1;
	if (i == CLI_NEXT_ERROR)
		return CLI_USAGE;
	if (argc - *first > 1)
		return cli_usage_error(&cmd_certificate, "one log at most");
	if (!t->any && station_key(t) < 0)
		return trust_default(t, &cmd_certificate);
	return CLI_OK;
}

static int
run(int argc, char **argv)
{
	struct trust_set t = {0};
	struct pick p = {.seq = -1};
	const char *base = NULL, *content = NULL, *log;
	char logbuf[PATH_MAX];
	int first, rc = parse(argc, argv, &t, &p, &base, &content, &first);
	struct complog_verify_opts vo = {.trust = &t.trust,
					 .on_record = on_record,
					 .on_problem = on_problem,
					 .ctx = &p};
	struct complog_verify_result res;

	if (rc == CLI_OK) {
		log = first < argc ? argv[first] : NULL;
		if (log == NULL &&
		    complog_default_path(logbuf, sizeof logbuf) == 0)
			log = logbuf;
		if (log == NULL)
			rc = cli_usage_error(&cmd_certificate, "no log given");
		else if (complog_verify(log, &vo, &res) == 2)
			rc = CLI_USAGE; /* the problem is printed */
	}
	if (rc == CLI_OK && p.line == NULL) {
		cli_error("%s",
			  p.refusal != NULL
			      ? p.refusal
			      : "no verified completed, passed or attended "
				"record matches");
		rc = CLI_FAIL;
	}
	if (rc == CLI_OK)
		rc = write_for(&p, base, content);
	free(p.line);
	trust_set_free(&t);
	return rc < 0 ? CLI_OK : rc;
}

const struct cli_command cmd_certificate = {
    .name = "certificate",
    .args = "[LOG]",
    .summary = "write a learner's certificate from a signed record",
    .options = options,
    .run = run,
};
