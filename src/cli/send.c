/*
 * send.c: workshop send --lrs URL [--auth-file FILE | --user NAME
 *   --password-file FILE] [-k PUBKEY]... [--keys FILE] [--state FILE]
 *   [--batch N] [--retries N] [--retry-wait SECONDS] [--cacert FILE]
 *   [--xapi-home URL] [--checkpoint FILE] [--dry-run] [LOG]...
 *
 * Verifies each log whole, exactly as workshop verify does (complog_verify
 * with the same trusted keys), then sends each record the LRS has not
 * acknowledged before as the xAPI statement verify --format xapi prints,
 * in batches of --batch statements (lrs.c).  After each batch the LRS
 * acknowledges, the state file (sendstate.h) is replaced with the seq and
 * hash of its last record, so a run cut short anywhere resends at most
 * one batch, which the LRS takes again unchanged (statement ids are the
 * records' own).  A log that fails verification, or no longer holds the
 * record acknowledged last, sends nothing.
 *
 * With --checkpoint, each log is judged against verify's checkpoint file
 * and verified from the prefix it keeps, by the same code as verify
 * (checkpoint.h): only the records after it are checked, and those of the
 * prefix after the LRS's cursor are read for their statements.
 *
 * While a log verifies, the statements to send are written to an unlinked
 * temporary file ("seq line hash id statement" lines), so nothing is sent
 * before the whole log has verified and memory does not grow with it.
 *
 * Exit: 0 every verified record is in the LRS; 1 a log failed
 * verification or was rolled back, or the LRS rejected a statement; 2
 * usage or configuration, a log that could not be read, or the LRS
 * unavailable, refusing the credentials or answering oddly.  1 wins.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "checkpoint.h"
#include "cmd.h"
#include "complog_line.h"
#include "lrs.h"
#include "paths.h"
#include "report.h"
#include "sendstate.h"
#include "trust.h"
#include "util.h"

#define BATCH_DEFAULT 100
#define BATCH_MAX 1000

static const struct cli_option options[] = {
    {"lrs", 0, "URL",
     "the LRS's xAPI endpoint, e.g. https://lrs.example.org/xAPI"},
    {"auth-file", 0, "FILE",
     "read 'user:password' from the first line of FILE (mode 600; - for "
     "stdin)"},
    {"user", 'u', "NAME", "the LRS user, with --password-file"},
    {"password-file", 0, "FILE",
     "read the password from the first line of FILE (mode 600; - for "
     "stdin)"},
    {"pubkey", 'k', "FILE", "trust the public key in FILE (repeatable)"},
    {"keys", 0, "FILE", "trust the keys listed in FILE (workshop-log(5))"},
    {"state", 0, "FILE",
     "keep what each LRS acknowledged in FILE (default "
     "$XDG_STATE_HOME/workshop/send-state)"},
    {"batch", 0, "N", "statements per request, 1 to 1000 (default 100)"},
    {"retries", 0, "N",
     "try again N times (0 to 20, default 5) after no answer, 429 or 5xx"},
    {"retry-wait", 0, "SECONDS",
     "wait before the first retry, doubled each time (default 1)"},
    {"cacert", 0, "FILE", "trust the certificate authorities in FILE"},
    {"xapi-home", 0, "URL",
     "xAPI accounts' homePage, as verify's (default " REPORT_XAPI_HOME_DEFAULT
     ")"},
    {"checkpoint", 0, "FILE",
     "verify against FILE as workshop verify does: check only what is new "
     "since"},
    {"dry-run", 'n', NULL, "verify and say what would be sent; send nothing"},
    {NULL, 0, NULL, NULL},
};

struct sopts {
	struct trust_set keyset;
	const char *lrs, *auth_file, *user, *password_file, *keys, *state;
	const char *cacert, *xapi_home, *checkpoint;
	long batch;
	int retries;
	double retry_wait;
	bool dry_run;
};

/* One run over every log. */
struct run {
	const struct sopts *o;
	char *endpoint, *state_path;
	struct lrs_auth auth;
	struct sendstate state;
	struct lrs *lrs;
	int lock_fd;
	/* --checkpoint: the file, and each log as verified against it. */
	struct checkpoint cp;
	struct checkpoint_log *logs;
	int nlogs;
	bool all_passed;  /* every log tried passed, the checkpoint too */
	int progress_len; /* the progress line on stderr; 0: none shown */
	unsigned long sent;
	int logs_sent, up_to_date, not_sent, unfinished;
	bool failed;  /* exit 1 */
	bool trouble; /* exit 2 */
	bool stop;    /* the LRS cannot take more: no more logs */
};

/* One log: its verification, then its statements to send. */
struct scan {
	struct run *r;
	const char *path;
	FILE *spool;
	bool have_id, spool_failed;
	char log_id[33];
	bool has_cursor, cursor_seen, cursor_differs;
	long long cur_seq;
	char cur_hash[65];
	unsigned long n, sent;
	long long first, last, sent_to;
};

/* A statement to send, as the spool holds it. */
struct item {
	long long seq;
	unsigned long line;
	char hash[65];
	char id[37];
	char *json;
};

enum step { STEP_OK, STEP_STOP_LOG, STEP_STOP_ALL };

/* ---- Messages ----------------------------------------------------------- */

static void
progress_clear(struct run *r)
{
	if (r->progress_len > 0)
		fprintf(stderr, "\r%*s\r", r->progress_len, "");
	r->progress_len = 0;
}

/* "sending LOG: N of M records" over itself, on a terminal only; the
 * log's file name alone when its path would make the line wrap. */
static void
progress_show(struct run *r, const struct scan *s)
{
	const char *base = strrchr(s->path, '/');
	char *p, *line;
	int n;

	if (!isatty(2))
		return;
	p = util_escape_text(s->path, false);
	line = xasprintf("sending %s: %lu of %lu records", p, s->sent, s->n);
	if (strlen(line) > 79 && base != NULL) {
		free(p);
		free(line);
		p = util_escape_text(base + 1, false);
		line = xasprintf("sending %s: %lu of %lu records", p, s->sent,
				 s->n);
	}
	n = (int)strlen(line);
	fprintf(stderr, "\r%s%*s", line,
		r->progress_len > n ? r->progress_len - n : 0, "");
	r->progress_len = n > r->progress_len ? n : r->progress_len;
	fflush(stderr);
	free(line);
	free(p);
}

/* "LOG: text" on out (escaped), after the progress line is cleared. */
static void say(struct run *r, FILE *out, const char *path, const char *fmt,
		...) __attribute__((format(printf, 4, 5)));

static void
say(struct run *r, FILE *out, const char *path, const char *fmt, ...)
{
	va_list ap;
	char *msg, *line, *safe;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	line = xasprintf("%s: %s", path, msg);
	safe = util_escape_text(line, false);
	progress_clear(r);
	fflush(stdout);
	fprintf(out, "%s\n", safe);
	fflush(out);
	free(safe);
	free(line);
	free(msg);
}

static void
on_problem(const char *path, unsigned long line, bool torn, const char *reason,
	   void *ctx)
{
	char *where =
	    line > 0 ? xasprintf("%s:%lu", path, line) : xstrdup(path);
	struct scan *s = ctx;

	/* As verify says it: "LOG:LINE: error: reason". */
	say(s->r, stderr, where, "%s: %s", torn ? "torn" : "error", reason);
	free(where);
}

static void
on_retry(const char *why, double wait, int attempt, int retries, void *ctx)
{
	struct run *r = ctx;

	progress_clear(r);
	cli_error("%s; trying again in %.1f s (retry %d of %d)", why, wait,
		  attempt, retries);
}

/* ---- Verification and the spool ---------------------------------------- */

static void
line_hash_hex(const struct complog_entry *e, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char h[32];

	complog_line_hash(e->raw, e->rawlen, h);
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[64] = '\0';
}

static void
cursor_lookup(struct scan *s, const char *log_id)
{
	const struct sendstate_entry *c =
	    sendstate_find(&s->r->state, s->r->endpoint, log_id);

	snprintf(s->log_id, sizeof s->log_id, "%s", log_id);
	s->have_id = true;
	if (c == NULL)
		return;
	s->has_cursor = true;
	s->cur_seq = c->seq;
	memcpy(s->cur_hash, c->hash, sizeof s->cur_hash);
}

/* Each verified record after the cursor that makes a statement goes to
 * the spool; the cursor's own record is compared with the state. */
static void
on_record(const struct complog_entry *e, void *ctx)
{
	struct scan *s = ctx;
	char hash[65], *json;
	json_t *st;

	if (!s->have_id)
		cursor_lookup(s, e->log_id);
	if (s->has_cursor && e->seq <= s->cur_seq) {
		if (e->seq == s->cur_seq) {
			line_hash_hex(e, hash);
			s->cursor_seen = strcmp(hash, s->cur_hash) == 0;
			s->cursor_differs = !s->cursor_seen;
		}
		return;
	}
	if (!report_xapi_has_statement(e))
		return;
	line_hash_hex(e, hash);
	st = report_xapi_statement(e, s->r->o->xapi_home);
	json = json_dumps(st, JSON_COMPACT);
	if (json == NULL ||
	    fprintf(s->spool, "%lld %lu %s %s %s\n", e->seq, e->line, hash,
		    json_string_value(json_object_get(st, "id")), json) < 0)
		s->spool_failed = true;
	free(json);
	json_decref(st);
	if (s->n++ == 0)
		s->first = e->seq;
	s->last = e->seq;
}

/*
 * Whether a verified log may be sent: it verified, and still holds the
 * record the LRS acknowledged last.  Says why not.
 */
static bool
may_send(struct scan *s, int v, const struct complog_verify_result *res,
	 enum checkpoint_result cpr, const char *why)
{
	struct run *r = s->r;

	if (v == 2 || s->spool_failed || cpr == CHECKPOINT_ERROR) {
		say(r, stderr, s->path, "not sent: %s",
		    v == 2 || cpr == CHECKPOINT_ERROR
			? "it could not be read"
			: "the temporary file could not be written");
		r->trouble = true;
	} else if (!complog_verify_passed(v, res)) {
		say(r, stderr, s->path,
		    "not sent: it failed verification (%lu problem%s)",
		    res->problems, res->problems == 1 ? "" : "s");
		r->failed = true;
	} else if (cpr != CHECKPOINT_OK) {
		say(r, stderr, s->path, "not sent: %s", why);
		r->failed = true;
	} else if (s->has_cursor && !s->cursor_seen) {
		say(r, stderr, s->path,
		    s->cursor_differs
			? "not sent: its record seq %lld is not the one the "
			  "LRS acknowledged (log %s): the log was replaced"
			: "not sent: the LRS acknowledged seq %lld of log %s, "
			  "which the log no longer holds: it was rolled back "
			  "or replaced",
		    s->cur_seq, s->log_id);
		r->failed = true;
	} else {
		return true;
	}
	r->not_sent++;
	return false;
}

/* ---- Sending ------------------------------------------------------------ */

/* The next spool line into it (json fresh); 1, 0 at the end, -1 bad. */
static int
item_read(FILE *fp, struct item *it, char **buf, size_t *cap)
{
	ssize_t len = getline(buf, cap, fp);
	int at = 0;

	if (len <= 0)
		return ferror(fp) ? -1 : 0;
	if ((*buf)[len - 1] == '\n')
		(*buf)[--len] = '\0';
	if (sscanf(*buf, "%lld %lu %64s %36s %n", &it->seq, &it->line, it->hash,
		   it->id, &at) != 4 ||
	    at == 0)
		return -1;
	it->json = xstrdup(*buf + at);
	return 1;
}

/* Post v[0..n) as one JSON array. */
static enum lrs_outcome
post_items(struct run *r, const struct item *v, size_t n,
	   struct lrs_result *res)
{
	struct strbuf body;
	const char **ids = xcalloc(n, sizeof *ids);
	enum lrs_outcome out;

	strbuf_init(&body);
	strbuf_addc(&body, '[');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strbuf_addc(&body, ',');
		strbuf_adds(&body, v[i].json);
		ids[i] = v[i].id;
	}
	strbuf_addc(&body, ']');
	out = lrs_post(r->lrs, body.s, body.len, ids, n, res);
	strbuf_free(&body);
	free(ids);
	return out;
}

/* The LRS has v[0..n): move the cursor to the last and save it. */
static enum step
acked(struct scan *s, const struct item *v, size_t n)
{
	struct run *r = s->r;
	char *err;

	sendstate_set(&r->state, r->endpoint, s->log_id, v[n - 1].seq,
		      v[n - 1].hash);
	if (sendstate_save(r->state_path, &r->state, &err) < 0) {
		progress_clear(r);
		cli_error("%s; the LRS has %s up to seq %lld, which the next "
			  "run will send again (harmlessly)",
			  err, s->path, v[n - 1].seq);
		free(err);
		r->trouble = true;
		return STEP_STOP_ALL;
	}
	s->sent += n;
	s->sent_to = v[n - 1].seq;
	r->sent += n;
	progress_show(r, s);
	return STEP_OK;
}

/* What an outcome other than "stored" means for this run. */
static enum step
refused(struct scan *s, const struct item *v, size_t n,
	const struct lrs_result *res)
{
	struct run *r = s->r;

	char *where;

	switch (res->outcome) {
	case LRS_CONFLICT:
		where = xasprintf("%s:%lu", s->path, v[0].line);
		say(r, stderr, where,
		    "seq %lld: the LRS holds a different statement with its "
		    "id %s: two different records claim the same id (%s)",
		    v[0].seq, v[0].id, res->message);
		free(where);
		r->failed = true;
		return STEP_STOP_LOG;
	case LRS_REJECTED:
		say(r, stderr, s->path,
		    "the LRS rejected the statements of seq %lld to %lld "
		    "(%s)",
		    v[0].seq, v[n - 1].seq, res->message);
		r->failed = true;
		break;
	case LRS_DENIED:
		progress_clear(r);
		cli_error("the LRS refused user %s (%s)", r->auth.user,
			  res->message);
		r->trouble = true;
		break;
	case LRS_UNAVAILABLE:
		progress_clear(r);
		cli_error("the LRS is unavailable: %s; the next run goes on "
			  "from seq %lld of %s",
			  res->message, v[0].seq, s->path);
		r->trouble = true;
		break;
	default:
		progress_clear(r);
		cli_error("%s", res->message);
		r->trouble = true;
		break;
	}
	return STEP_STOP_ALL;
}

/* Send v[0..n); on a conflict, one by one to name the record. */
static enum step
send_items(struct scan *s, const struct item *v, size_t n)
{
	struct lrs_result res;
	enum lrs_outcome out = post_items(s->r, v, n, &res);
	enum step st = STEP_OK;

	if (out == LRS_STORED)
		st = acked(s, v, n);
	else if (out == LRS_CONFLICT && n > 1)
		for (size_t i = 0; i < n && st == STEP_OK; i++)
			st = send_items(s, &v[i], 1);
	else
		st = refused(s, v, n, &res);
	lrs_result_free(&res);
	return st;
}

static void
items_free(struct item *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].json);
}

/* Send the spool in batches; the step the last batch ended with. */
static enum step
send_spool(struct scan *s)
{
	size_t n = 0, cap = 0, max = (size_t)s->r->o->batch;
	struct item *v = xcalloc(max, sizeof *v);
	char *buf = NULL;
	enum step st = STEP_OK;
	int got = 1;

	rewind(s->spool);
	while (st == STEP_OK && got > 0) {
		if ((got = item_read(s->spool, &v[n], &buf, &cap)) > 0)
			n++;
		if (n > 0 && (n == max || got <= 0)) {
			st = send_items(s, v, n);
			items_free(v, n);
			n = 0;
		}
	}
	if (got < 0 && st == STEP_OK) {
		say(s->r, stderr, s->path,
		    "the temporary file could not be read back");
		s->r->trouble = true;
		st = STEP_STOP_ALL;
	}
	items_free(v, n);
	free(v);
	free(buf);
	return st;
}

/* The line for a log that verified. */
static void
report_log(struct scan *s, enum step st)
{
	struct run *r = s->r;

	if (s->n == 0) {
		r->up_to_date++;
		say(r, stdout, s->path, "up to date%s",
		    s->has_cursor ? "" : " (no records to send)");
		return;
	}
	if (r->o->dry_run) {
		r->logs_sent++;
		r->sent += s->n;
		say(r, stdout, s->path,
		    "would send %lu new record%s, seq %lld "
		    "to %lld",
		    s->n, s->n == 1 ? "" : "s", s->first, s->last);
		return;
	}
	if (s->sent > 0)
		r->logs_sent++;
	if (st == STEP_OK)
		say(r, stdout, s->path,
		    "sent %lu new record%s, seq %lld to %lld", s->sent,
		    s->sent == 1 ? "" : "s", s->first, s->last);
	else if (s->sent > 0)
		say(r, stdout, s->path,
		    "sent %lu of %lu new records, seq %lld to %lld; the rest "
		    "were not sent",
		    s->sent, s->n, s->first, s->sent_to);
	else
		say(r, stdout, s->path, "none of %lu new records were sent",
		    s->n);
	if (st != STEP_OK && s->sent == 0)
		r->not_sent++;
	else if (st != STEP_OK)
		r->unfinished++;
}

/*
 * With --checkpoint: what log i's verification may go on from (the
 * prefix's records read from the LRS's cursor on) into vo.
 */
static void
checkpoint_begin(struct run *r, int i, struct complog_verify_opts *vo)
{
	struct checkpoint_log *L = &r->logs[i];
	const struct sendstate_entry *c;

	vo->want_prefix = true;
	if (!L->resumable)
		return;
	c = sendstate_find(&r->state, r->endpoint, L->first_id);
	L->resume.report_from = c != NULL ? c->seq : 0;
	vo->resume = &L->resume;
}

/* With --checkpoint: log i verified; its judgement (the reason in why). */
static enum checkpoint_result
checkpoint_end(struct run *r, int i, bool passed,
	       const struct complog_verify_result *res, char *why,
	       size_t whylen)
{
	struct checkpoint_log *L = &r->logs[i];
	enum checkpoint_result cpr = CHECKPOINT_OK;

	checkpoint_verified(L, passed, res, &r->o->keyset.trust);
	if (L->note[0] != '\0')
		say(r, stderr, L->path, "%s", L->note);
	if (passed)
		cpr =
		    checkpoint_judge(&r->cp, r->logs, r->nlogs, i, why, whylen);
	r->all_passed &= passed && cpr == CHECKPOINT_OK;
	return cpr;
}

static void
send_log(struct run *r, int i)
{
	const char *path = r->logs[i].path;
	struct scan s = {.r = r, .path = path};
	struct complog_verify_opts vo = {.trust = &r->o->keyset.trust,
					 .on_record = on_record,
					 .on_problem = on_problem,
					 .ctx = &s};
	struct complog_verify_result res;
	enum checkpoint_result cpr = CHECKPOINT_OK;
	enum step st = STEP_OK;
	char why[400] = "";
	int v;

	if ((s.spool = paths_temp_file("send")) == NULL) {
		cli_error("cannot make a temporary file: %s", strerror(errno));
		r->trouble = r->stop = true;
		r->all_passed = false; /* not verified: no head to keep */
		return;
	}
	if (r->o->checkpoint != NULL)
		checkpoint_begin(r, i, &vo);
	v = complog_verify(path, &vo, &res);
	if (fflush(s.spool) != 0)
		s.spool_failed = true;
	if (r->o->checkpoint != NULL)
		cpr = checkpoint_end(r, i, complog_verify_passed(v, &res), &res,
				     why, sizeof why);
	if (may_send(&s, v, &res, cpr, why)) {
		if (s.n > 0 && !r->o->dry_run)
			st = send_spool(&s);
		report_log(&s, st);
		r->stop = st == STEP_STOP_ALL;
	}
	fclose(s.spool);
}

/* ---- Options and set-up ------------------------------------------------- */

/* A whole number in [lo, hi] from arg, or a usage error. */
static int
parse_long(const char *name, const char *arg, long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || errno != 0 ||
	    *out < lo || *out > hi)
		return cli_usage_error(&cmd_send,
				       "--%s: expected a number from %ld to "
				       "%ld, not '%s'",
				       name, lo, hi, arg);
	return CLI_OK;
}

static int
parse_wait(const char *arg, double *out)
{
	char *end;

	*out = strtod(arg, &end);
	if (*arg < '0' || *arg > '9' || *end != '\0' || !isfinite(*out) ||
	    *out > LRS_BACKOFF_MAX)
		return cli_usage_error(&cmd_send,
				       "--retry-wait: expected seconds from 0 "
				       "to 60, not '%s'",
				       arg);
	return CLI_OK;
}

static int
parse_opt(struct sopts *o, const char *name, const char *arg)
{
	long n;
	int rc = CLI_OK;

	if (strcmp(name, "pubkey") == 0)
		rc = trust_add_pubkey(&o->keyset, arg);
	else if (strcmp(name, "batch") == 0)
		rc = parse_long(name, arg, 1, BATCH_MAX, &o->batch);
	else if (strcmp(name, "retries") == 0) {
		rc = parse_long(name, arg, 0, 20, &n);
		o->retries = (int)n;
	} else if (strcmp(name, "retry-wait") == 0)
		rc = parse_wait(arg, &o->retry_wait);
	else if (strcmp(name, "dry-run") == 0)
		o->dry_run = true;
	else if (strcmp(name, "xapi-home") == 0 &&
		 strncmp(arg, "https://", 8) != 0 &&
		 strncmp(arg, "http://", 7) != 0)
		rc = cli_usage_error(&cmd_send,
				     "--xapi-home: expected an http:// or "
				     "https:// URL, not '%s'",
				     arg);
	else {
		static const struct {
			const char *name;
			size_t off;
		} s[] = {
		    {"lrs", offsetof(struct sopts, lrs)},
		    {"auth-file", offsetof(struct sopts, auth_file)},
		    {"user", offsetof(struct sopts, user)},
		    {"password-file", offsetof(struct sopts, password_file)},
		    {"keys", offsetof(struct sopts, keys)},
		    {"state", offsetof(struct sopts, state)},
		    {"cacert", offsetof(struct sopts, cacert)},
		    {"xapi-home", offsetof(struct sopts, xapi_home)},
		    {"checkpoint", offsetof(struct sopts, checkpoint)},
		};
		for (size_t i = 0; i < UTIL_NELEM(s); i++)
			if (strcmp(name, s[i].name) == 0)
				memcpy((char *)o + s[i].off, &arg, sizeof arg);
	}
	return rc;
}

/* CLI_OK, an exit code, or -1 after --help. */
static int
parse_opts(struct sopts *o, int argc, char **argv, int *first)
{
	struct cli_parse p;
	const char *arg;
	int i, rc = CLI_OK;

	cli_begin(&p, &cmd_send, argc, argv);
	while (rc == CLI_OK && (i = cli_next(&p, &arg)) >= 0)
		rc = parse_opt(o, cmd_send.options[i].name, arg);
	cli_done(&p);
	*first = p.optind;
	if (rc != CLI_OK)
		return rc;
	if (i == CLI_NEXT_HELP)
		return -1;
	if (i == CLI_NEXT_ERROR)
		return CLI_USAGE;
	if (o->lrs == NULL)
		return cli_usage_error(&cmd_send, "no LRS: give --lrs URL");
	if (o->auth_file != NULL && (o->user || o->password_file))
		return cli_usage_error(&cmd_send,
				       "give --auth-file, or --user with "
				       "--password-file, not both");
	if ((o->user == NULL) != (o->password_file == NULL))
		return cli_usage_error(
		    &cmd_send, "--user and --password-file go together");
	if (!o->dry_run && o->auth_file == NULL && o->user == NULL)
		return cli_usage_error(&cmd_send,
				       "the LRS needs a user and password: "
				       "give --auth-file FILE, or --user NAME "
				       "and --password-file FILE");
	if (o->keys != NULL)
		return trust_add_file(&o->keyset, o->keys);
	return CLI_OK;
}

/* Take the state file's lock (STATE.lock) for the whole run. */
static int
state_lock(struct run *r)
{
	char *lock = xasprintf("%s.lock", r->state_path);
	char *dir = xstrdup(r->state_path), *slash = strrchr(dir, '/');

	if (slash != NULL && slash != dir) {
		*slash = '\0';
		paths_mkdirs(dir, 0700);
	}
	free(dir);
	r->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (r->lock_fd < 0 || flock(r->lock_fd, LOCK_EX | LOCK_NB) < 0) {
		cli_error(errno == EWOULDBLOCK
			      ? "%s: another workshop send is using this state "
				"file"
			      : "%s: %s",
			  lock, strerror(errno));
		free(lock);
		return CLI_USAGE;
	}
	free(lock);
	return CLI_OK;
}

static int
setup_auth(struct run *r)
{
	const struct sopts *o = r->o;
	char *err;

	if (o->auth_file == NULL && o->password_file == NULL)
		return CLI_OK;
	if (lrs_auth_read(o->auth_file ? o->auth_file : o->password_file,
			  o->user, &r->auth, &err) < 0) {
		cli_error("%s", err);
		free(err);
		return CLI_USAGE;
	}
	if (!o->dry_run && strncmp(r->endpoint, "http://", 7) == 0 &&
	    !lrs_endpoint_is_local(r->endpoint))
		cli_error("warning: %s is plain http://: the password and the "
			  "records cross the network unencrypted",
			  r->endpoint);
	return CLI_OK;
}

/* The endpoint, credentials, state file and client, in that order. */
static int
setup(struct run *r)
{
	const struct sopts *o = r->o;
	struct lrs_opts lo = {.endpoint = NULL,
			      .auth = &r->auth,
			      .cacert = o->cacert,
			      .retries = o->retries,
			      .retry_wait = o->retry_wait,
			      .on_retry = on_retry,
			      .ctx = r};
	char *err = NULL, cperr[400];
	int rc = CLI_OK;

	if (lrs_endpoint(o->lrs, &r->endpoint, &err) < 0)
		rc = cli_usage_error(&cmd_send, "%s", err);
	else if (strlen(r->endpoint) > SENDSTATE_URL_MAX)
		rc = cli_usage_error(&cmd_send,
				     "--lrs: expected a URL of at most %d "
				     "characters, as the state file keeps it",
				     SENDSTATE_URL_MAX);
	else if ((rc = setup_auth(r)) != CLI_OK)
		return rc;
	else if ((r->state_path = o->state ? xstrdup(o->state)
					   : sendstate_default_path()) == NULL)
		return cli_usage_error(&cmd_send,
				       "no place for the state file: set "
				       "HOME or give --state");
	else if (!o->dry_run && (rc = state_lock(r)) != CLI_OK)
		return rc;
	else if (sendstate_load(r->state_path, &r->state, &err) < 0)
		rc = CLI_USAGE;
	else if (o->checkpoint != NULL &&
		 checkpoint_load(o->checkpoint, &r->cp, cperr, sizeof cperr) <
		     0) {
		cli_error("%s", cperr);
		return CLI_USAGE;
	} else if (!o->dry_run) {
		lo.endpoint = r->endpoint;
		if ((r->lrs = lrs_new(&lo, &err)) == NULL)
			rc = CLI_USAGE;
	}
	if (rc == CLI_USAGE && err != NULL && r->endpoint != NULL)
		cli_error("%s", err);
	free(err);
	return rc;
}

/* "sent 940 new records from 3 logs; 2 logs up to date". */
static void
summary(const struct run *r, int not_tried)
{
	const char *verb = r->o->dry_run ? "would send" : "sent";

	fflush(stderr);
	if (r->sent > 0)
		printf("%s %lu new record%s from %d log%s", verb, r->sent,
		       r->sent == 1 ? "" : "s", r->logs_sent,
		       r->logs_sent == 1 ? "" : "s");
	else
		printf("%s no new records", verb);
	if (r->up_to_date > 0)
		printf("; %d log%s up to date", r->up_to_date,
		       r->up_to_date == 1 ? "" : "s");
	if (r->unfinished > 0)
		printf("; %d log%s not finished", r->unfinished,
		       r->unfinished == 1 ? "" : "s");
	if (r->not_sent > 0)
		printf("; %d log%s not sent", r->not_sent,
		       r->not_sent == 1 ? "" : "s");
	if (not_tried > 0)
		printf("; %d log%s not tried", not_tried,
		       not_tried == 1 ? "" : "s");
	putchar('\n');
	fflush(stdout);
}

/*
 * With --checkpoint, once the logs tried all passed: move the checkpoint
 * forward for them (not on a dry run, which changes nothing).
 */
static void
checkpoint_finish(struct run *r, int tried)
{
	char *f;

	if (r->o->checkpoint == NULL || r->o->dry_run || tried == 0)
		return;
	f = util_escape_text(r->cp.file, false);
	if (!r->all_passed)
		fprintf(stderr,
			"workshop: %s was not %s: not every log passed\n", f,
			r->cp.exists ? "moved forward" : "written");
	else if (checkpoint_save(&r->cp, r->logs, tried) < 0) {
		cli_error("%s: cannot write: %s", f, strerror(errno));
		r->trouble = true;
	} else
		fprintf(stderr, "workshop: %s the checkpoint %s%s\n",
			r->cp.exists ? "moved" : "wrote", f,
			r->cp.exists ? " forward" : "");
	free(f);
}

static int
send_all(struct run *r, char **paths, int nlogs)
{
	int i;

	r->logs = xcalloc((size_t)nlogs, sizeof *r->logs);
	r->nlogs = nlogs;
	r->all_passed = true;
	for (i = 0; i < nlogs; i++) {
		r->logs[i].path = paths[i];
		if (r->o->checkpoint != NULL)
			checkpoint_prepare(&r->cp, &r->logs[i],
					   &r->o->keyset.trust);
	}
	for (i = 0; i < nlogs && !r->stop; i++)
		send_log(r, i);
	progress_clear(r);
	checkpoint_finish(r, i);
	summary(r, nlogs - i);
	free(r->logs);
	return r->failed ? CLI_FAIL : r->trouble ? CLI_USAGE : CLI_OK;
}

static int
run(int argc, char **argv)
{
	struct sopts o = {.batch = BATCH_DEFAULT,
			  .retries = 5,
			  .retry_wait = 1,
			  .xapi_home = REPORT_XAPI_HOME_DEFAULT};
	struct run r = {.o = &o, .lock_fd = -1};
	char logbuf[PATH_MAX], *deflog[1] = {logbuf};
	int first, rc = parse_opts(&o, argc, argv, &first);

	if (rc == CLI_OK && !o.keyset.any)
		rc = trust_default(&o.keyset, &cmd_send);
	if (rc == CLI_OK)
		rc = setup(&r);
	if (rc == CLI_OK && first < argc)
		rc = send_all(&r, argv + first, argc - first);
	else if (rc == CLI_OK &&
		 complog_default_path(logbuf, sizeof logbuf) == 0)
		rc = send_all(&r, deflog, 1);
	else if (rc == CLI_OK)
		rc = cli_usage_error(&cmd_send, "no log given");
	lrs_free(r.lrs);
	sendstate_free(&r.state);
	checkpoint_free(&r.cp);
	lrs_auth_free(&r.auth);
	free(r.endpoint);
	free(r.state_path);
	if (r.lock_fd >= 0)
		close(r.lock_fd);
	trust_set_free(&o.keyset);
	return rc < 0 ? CLI_OK : rc;
}

const struct cli_command cmd_send = {
    .name = "send",
    .args = "[LOG]...",
    .summary = "send verified records to an xAPI LRS",
    .options = options,
    .run = run,
};
