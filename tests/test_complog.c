/*
 * test_complog.c: station keys and the signed completion log: key files,
 * append/verify round trips, a tamper matrix, torn tails and recovery,
 * concurrent appenders.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "complog.h"
#include "complog_line.h"
#include "sign.h"
#include "util.h"
#include "when.h"

static char dir[64];

static void
mkdir_tmp(void)
{
	strcpy(dir, "/tmp/workshop-log-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

/* Strings a test hands around freely; released when it ends. */
static char *kept[16];
static size_t nkept;

static char *
keep(char *s)
{
	cr_assert_lt(nkept, 16);
	kept[nkept++] = s;
	return s;
}

static void
rm_tmp(void)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	cr_expect_eq(system(cmd), 0);
	free(cmd);
	while (nkept > 0)
		free(kept[--nkept]);
}

static char *
in_tmp(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static char *
slurp(const char *path, size_t *len)
{
	size_t n;
	char *s = util_read_file(path, 1 << 26, &n);

	cr_assert_not_null(s, "cannot read %s", path);
	if (len != NULL)
		*len = n;
	return s;
}

static void
spit(const char *path, const char *s, size_t n)
{
	FILE *fp = fopen(path, "w");

	cr_assert_not_null(fp);
	if (n > 0)
		cr_assert_eq(fwrite(s, 1, n, fp), n);
	fclose(fp);
}

/* An unencrypted key pair at dir/name; the unlocked key and its pub. */
static struct sign_key *
make_key(const char *name, struct sign_pub *pub)
{
	struct sign_keygen_opts o = {.unencrypted = true};
	char *base = in_tmp(name), *sec = xasprintf("%s.key", base), err[300];
	struct sign_key *k;

	cr_assert_eq(sign_keygen(base, &o, pub, err, sizeof err), 0, "%s", err);
	cr_assert_eq(sign_key_load(sec, NULL, &k, err, sizeof err), 0, "%s",
		     err);
	free(base);
	free(sec);
	return k;
}

static void
append_n(const char *log, const struct sign_key *k, int from, int n)
{
	char name[64], err[300];

	for (int i = from; i < from + n; i++) {
		snprintf(name, sizeof name, "Learner %d", i);
		struct complog_record r = {.event = i % 3 == 0 ? "passed"
							       : "completed",
					   .learner = name,
					   .staff_id = i % 2 ? "S-1" : NULL,
					   .module = "law",
					   .module_title = "Sex and the law",
					   .content_version = "abc123",
					   .score = i % 3 == 0 ? 9 : -1,
					   .total = i % 3 == 0 ? 10 : -1,
					   .pass_mark = i % 3 == 0 ? 80 : -1,
					   .mode = "learner",
					   .when = 1790000000 + i};
		cr_assert_eq(complog_append(log, k, &r, err, sizeof err), 0,
			     "%s", err);
	}
}

/* What verify reported. */
struct seen {
	unsigned long line[32];
	bool torn[32];
	char why[32][400];
	size_t n;
	unsigned long records;
	char learners[8][64];
};

static void
on_problem(const char *path, unsigned long line, bool torn, const char *reason,
	   void *ctx)
{
	struct seen *s = ctx;

	(void)path;
	if (s->n < 32) {
		s->line[s->n] = line;
		s->torn[s->n] = torn;
		snprintf(s->why[s->n], sizeof s->why[0], "%s", reason);
		s->n++;
	}
}

static void
on_record(const struct complog_entry *e, void *ctx)
{
	struct seen *s = ctx;

	if (e->learner != NULL && s->records < 8)
		snprintf(s->learners[s->records], 64, "%s", e->learner);
	if (e->learner != NULL)
		s->records++;
}

static int
verify(const char *log, const struct sign_trust *t, struct seen *s,
       struct complog_verify_result *res)
{
	struct complog_verify_opts o = {.trust = t,
					.threads = 2,
					.on_record = on_record,
					.on_problem = on_problem,
					.ctx = s};

	memset(s, 0, sizeof *s);
	return complog_verify(log, &o, res);
}

/* ---- Keys ---------------------------------------------------------------- */

TestSuite(sign, .init = mkdir_tmp, .fini = rm_tmp);

Test(sign, an_unencrypted_key_round_trips_and_its_id_matches_the_pub_file)
{
	struct sign_pub pub, again;
	struct sign_key *k = make_key("a", &pub);
	char *pubpath = in_tmp("a.pub"), err[200];
	struct stat st;
	char *sec = in_tmp("a.key");

	cr_expect_str_eq(sign_key_id(k), pub.key_id);
	cr_assert_eq(sign_pub_load(pubpath, &again, err, sizeof err), 0, "%s",
		     err);
	cr_expect_str_eq(again.key_id, pub.key_id);
	cr_expect_eq(memcmp(again.pk, sign_key_pub(k)->pk, 32), 0);
	cr_assert_eq(stat(sec, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600);
	sign_key_free(k);
	free(pubpath);
	free(sec);
}

Test(sign, keygen_never_replaces_a_key_without_force)
{
	struct sign_keygen_opts o = {.unencrypted = true};
	struct sign_pub p1, p2;
	char *base = in_tmp("b"), *sec = in_tmp("b.key"), err[300];
	char *before, *after;

	cr_assert_eq(sign_keygen(base, &o, &p1, err, sizeof err), 0);
	before = slurp(sec, NULL);
	cr_expect_eq(sign_keygen(base, &o, &p2, err, sizeof err), -1);
	cr_expect(strstr(err, "not replacing it without --force") != NULL, "%s",
		  err);
	after = slurp(sec, NULL);
	cr_expect_str_eq(before, after);
	o.force = true;
	cr_expect_eq(sign_keygen(base, &o, &p2, err, sizeof err), 0);
	cr_expect_str_neq(p1.key_id, p2.key_id);
	free(before);
	free(after);
	free(base);
	free(sec);
}

Test(sign,
     an_encrypted_key_needs_its_passphrase_and_a_wrong_one_changes_nothing,
     .timeout = 120)
{
	char *pass = in_tmp("pass"), *bad = in_tmp("bad"), *base = in_tmp("c");
	char *sec = in_tmp("c.key"), err[300], *before, *after;
	struct sign_keygen_opts o = {.passphrase_file = pass};
	struct sign_pub pub;
	struct sign_key *k = NULL;
	size_t n;

	spit(pass, "correct horse\n", 14);
	spit(bad, "wrong horse\n", 12);
	cr_assert_eq(sign_keygen(base, &o, &pub, err, sizeof err), 0, "%s",
		     err);
	before = slurp(sec, &n);
	cr_expect(strstr(before, "workshop secret key ") == before);
	cr_expect_eq(sign_key_load(sec, bad, &k, err, sizeof err), -1);
	cr_expect_null(k);
	cr_expect(strstr(err, "wrong passphrase") != NULL, "%s", err);
	after = slurp(sec, NULL);
	cr_expect_str_eq(before, after);
	cr_assert_eq(sign_key_load(sec, pass, &k, err, sizeof err), 0, "%s",
		     err);
	cr_expect_str_eq(sign_key_id(k), pub.key_id);
	sign_key_free(k);
	k = NULL;
	{
		/* The header is sealed in too: a changed salt fails, and
		 * limits beyond what the loader accepts are refused. */
		unsigned char blob[200];
		char b64[300], *text, *nl = strchr(before, '\n');
		size_t bn;

		cr_assert_eq(sodium_base642bin(blob, sizeof blob, nl + 1,
					       strcspn(nl + 1, "\n"), NULL, &bn,
					       NULL,
					       sodium_base64_VARIANT_ORIGINAL),
			     0);
		blob[40] ^= 1; /* a salt byte */
		sodium_bin2base64(b64, sizeof b64, blob, bn,
				  sodium_base64_VARIANT_ORIGINAL);
		text =
		    xasprintf("%.*s%s\n", (int)(nl + 1 - before), before, b64);
		cr_expect_eq(sign_key_parse(text, strlen(text), "correct horse",
					    &k, err, sizeof err),
			     -1);
		cr_expect_str_eq(err, "wrong passphrase");
		free(text);
		blob[40] ^= 1;
		blob[23] = 0x7f; /* opslimit far above SENSITIVE */
		sodium_bin2base64(b64, sizeof b64, blob, bn,
				  sodium_base64_VARIANT_ORIGINAL);
		text =
		    xasprintf("%.*s%s\n", (int)(nl + 1 - before), before, b64);
		cr_expect_eq(sign_key_parse(text, strlen(text), "correct horse",
					    &k, err, sizeof err),
			     -1);
		cr_expect(strstr(err, "key derivation limits out of range") !=
			      NULL,
			  "%s", err);
		free(text);
	}
	free(before);
	free(after);
	free(pass);
	free(bad);
	free(base);
	free(sec);
}

Test(sign, keygen_force_keeps_the_old_pair_when_the_new_cannot_be_placed)
{
	struct sign_pub pub;
	struct sign_keygen_opts o = {.unencrypted = true, .force = true};
	struct sign_key *k = make_key("k", &pub);
	char *base = keep(in_tmp("k")), *sec = keep(in_tmp("k.key"));
	char *pubpath = keep(in_tmp("k.pub")), err[300], *before, *after;
	size_t n, m;

	sign_key_free(k);
	before = keep(slurp(sec, &n));
	/* The public half cannot be replaced (a directory stands there). */
	cr_assert_eq(unlink(pubpath), 0);
	cr_assert_eq(mkdir(pubpath, 0700), 0);
	cr_expect_eq(sign_keygen(base, &o, &pub, err, sizeof err), -1);
	cr_expect(strstr(err, "k.pub") != NULL, "%s", err);
	after = keep(slurp(sec, &m));
	cr_expect(n == m && memcmp(before, after, n) == 0,
		  "the old secret key was lost or changed");
}

Test(sign, loading_a_key_makes_the_process_non_dumpable_before_reading_it)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub), *k2 = NULL;
	char *sec = keep(in_tmp("k.key")), err[300];

	sign_key_free(k);
	/* make_key loaded a key: start again in a fresh process. */
	pid_t pid = fork();

	cr_assert_geq(pid, 0);
	if (pid == 0) {
		prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		chmod(sec, 0644); /* refused after the file is read */
		if (sign_key_load(sec, NULL, &k2, err, sizeof err) == 0)
			_exit(3);
		_exit(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0 ? 0 : 4);
	}
	int st;

	cr_assert_eq(waitpid(pid, &st, 0), pid);
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		  "dumpable after reading a key file (status %d)", st);
}

/* Read from the pty master until want appears; false at EOF. */
static bool
await_text(int master, const char *want)
{
	char buf[512];
	size_t have = 0;
	ssize_t n;

	while (have < sizeof buf - 1 &&
	       (n = read(master, buf + have, sizeof buf - 1 - have)) > 0) {
		have += (size_t)n;
		buf[have] = '\0';
		if (strstr(buf, want) != NULL)
			return true;
	}
	return false;
}

Test(sign, ctrl_c_at_the_passphrase_prompt_turns_echo_back_on, .timeout = 120)
{
	char *pass = keep(in_tmp("pass")), *base = keep(in_tmp("c"));
	char *sec = keep(in_tmp("c.key")), err[300];
	struct sign_keygen_opts o = {.passphrase_file = pass};
	struct sign_pub pub;
	struct termios t;
	int master, slave, st;
	pid_t pid;

	spit(pass, "correct horse\n", 14);
	cr_assert_eq(sign_keygen(base, &o, &pub, err, sizeof err), 0, "%s",
		     err);
	cr_assert_eq(openpty(&master, &slave, NULL, NULL, NULL), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		struct sign_key *k = NULL;
		char *tty = ttyname(slave);
		int fd;

		close(master);
		setsid();
		/* The pty becomes this process's terminal: /dev/tty. */
		fd = tty != NULL ? open(tty, O_RDWR) : -1;
		if (fd < 0)
			_exit(5);
		signal(SIGINT, SIG_DFL);
		sign_key_load(sec, NULL, &k, err, sizeof err);
		_exit(6); /* not reached: Ctrl-C ends it at the prompt */
	}
	cr_assert(await_text(master, "Passphrase: "), "no prompt");
	cr_assert_eq(tcgetattr(slave, &t), 0);
	cr_expect_eq(t.c_lflag & ECHO, 0, "echo is on at the prompt");
	cr_assert_eq(kill(pid, SIGINT), 0);
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	cr_expect(WIFSIGNALED(st) && WTERMSIG(st) == SIGINT, "status %d", st);
	cr_assert_eq(tcgetattr(slave, &t), 0);
	cr_expect_neq(t.c_lflag & ECHO, 0, "echo was left off");
	close(master);
	close(slave);
}

Test(sign, a_key_file_readable_by_others_is_refused)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("d", &pub), *k2 = NULL;
	char *sec = in_tmp("d.key"), err[300];

	sign_key_free(k);
	cr_assert_eq(chmod(sec, 0644), 0);
	cr_expect_eq(sign_key_load(sec, NULL, &k2, err, sizeof err), -1);
	cr_expect(strstr(err, "readable by others") != NULL, "%s", err);
	free(sec);
}

Test(sign, a_changed_key_file_is_refused)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("e", &pub), *k2 = NULL;
	char *sec = in_tmp("e.key"), err[300], *text;
	size_t n;

	sign_key_free(k);
	text = slurp(sec, &n);
	text[20] = text[20] == '0' ? '1' : '0'; /* the key id */
	cr_expect_eq(sign_key_parse(text, n, NULL, &k2, err, sizeof err), -1);
	cr_expect(strstr(err, "does not match") != NULL, "%s", err);
	free(text);
	free(sec);
}

Test(sign, the_trusted_keys_file_takes_labels_and_windows_and_names_bad_lines)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("f", &pub);
	char *pubtext = slurp(keep(in_tmp("f.pub")), NULL), *errs, *text;
	struct sign_trust t = {0};
	const struct sign_trusted *e;
	char *b64 = strchr(pubtext, '\n') + 1;

	*strchr(b64, '\n') = '\0';
	text = xasprintf(
	    "# keys\n\n%s Room 3 PC from=2026-01-01 until=2026-12-31\n"
	    "notakey Someone\n%s\n",
	    b64, b64);
	cr_expect_eq(sign_trust_parse("trusted", text, strlen(text), &t, &errs),
		     -1);
	cr_assert_not_null(errs);
	cr_expect_str_eq(errs,
			 "trusted:4: expected a base64 public key (line 2 "
			 "of a .pub file)\ntrusted:5: expected a label "
			 "after the key\n");
	cr_assert_eq(t.n, 1);
	e = sign_trust_find(&t, pub.key_id);
	cr_assert_not_null(e);
	cr_expect_str_eq(e->label, "Room 3 PC");
	cr_expect_eq(e->from, 1767225600);
	cr_expect_eq(e->until, 1798761599);
	sign_trust_free(&t);
	sign_key_free(k);
	free(errs);
	free(text);
	free(pubtext);
}

Test(sign, the_trusted_keys_file_refuses_impossible_dates_and_empty_windows)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("f", &pub);
	char *pubtext = slurp(keep(in_tmp("f.pub")), NULL), *errs, *text;
	struct sign_trust t = {0};
	char *b64 = strchr(pubtext, '\n') + 1;

	*strchr(b64, '\n') = '\0';
	text = xasprintf("%s A from=2026-02-30\n%s B until=2026-13-01\n"
			 "%s C from=2026-06-01 until=2026-05-31\n"
			 "%s D from=2024-02-29 until=2024-02-29\n",
			 b64, b64, b64, b64);
	cr_expect_eq(sign_trust_parse("trusted", text, strlen(text), &t, &errs),
		     -1);
	cr_assert_not_null(errs);
	cr_expect_str_eq(errs, "trusted:1: expected a date YYYY-MM-DD after "
			       "from=, not '2026-02-30'\ntrusted:2: expected "
			       "a date YYYY-MM-DD after until=, not "
			       "'2026-13-01'\ntrusted:3: from= is after "
			       "until=: the key would never be valid\n");
	cr_expect_eq(t.n, 1, "only D, a real leap day");
	sign_trust_free(&t);
	sign_key_free(k);
	free(errs);
	free(text);
	free(pubtext);
}

Test(sign, the_trusted_keys_file_refuses_unknown_misspelt_and_repeated_options)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("f", &pub);
	char *pubtext = slurp(keep(in_tmp("f.pub")), NULL), *errs, *text;
	struct sign_trust t = {0};
	char *b64 = strchr(pubtext, '\n') + 1;

	*strchr(b64, '\n') = '\0';
	text = xasprintf("%s A to=2020-01-01\n%s B untill=2026-12-31\n"
			 "%s C from=2026-01-01 from=2026-02-01\n"
			 "%s D until=2026-01-01 Room until=2026-01-01\n"
			 "%s E From=2026-01-01\n",
			 b64, b64, b64, b64, b64);
	cr_expect_eq(sign_trust_parse("trusted", text, strlen(text), &t, &errs),
		     -1);
	cr_assert_not_null(errs);
	cr_expect_str_eq(
	    errs,
	    "trusted:1: unknown option 'to=': expected from=YYYY-MM-DD or "
	    "until=YYYY-MM-DD (a label word never holds '=')\n"
	    "trusted:2: unknown option 'untill=': expected from=YYYY-MM-DD or "
	    "until=YYYY-MM-DD; did you mean until=? (a label word never "
	    "holds '=')\n"
	    "trusted:3: from= is given twice\n"
	    "trusted:4: until= is given twice\n"
	    "trusted:5: unknown option 'From=': expected from=YYYY-MM-DD or "
	    "until=YYYY-MM-DD; did you mean from=? (a label word never holds "
	    "'=')\n");
	cr_expect_eq(t.n, 0, "a line with a bad option trusts nothing");
	sign_trust_free(&t);
	sign_key_free(k);
	free(errs);
	free(text);
	free(pubtext);
}

Test(sign, timestamps_name_real_days_only)
{
	cr_expect_eq(when_parse_ts("2024-02-29T12:00:00Z"), 1709208000);
	cr_expect_eq(when_parse_ts("2026-02-29T12:00:00Z"), -1);
	cr_expect_eq(when_parse_ts("2026-02-30T00:00:00Z"), -1);
	cr_expect_eq(when_parse_ts("2026-04-31T00:00:00Z"), -1);
	cr_expect_eq(when_parse_ts("2026-13-01T00:00:00Z"), -1);
	cr_expect_eq(when_parse_ts("2026-00-10T00:00:00Z"), -1);
	cr_expect_eq(when_parse_ts("2026-12-31T23:59:59Z"), 1798761599);
}

/* ---- The log ------------------------------------------------------------- */

TestSuite(complog, .init = mkdir_tmp, .fini = rm_tmp);

Test(complog, appended_records_verify_in_order_with_their_fields)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = in_tmp("sub/dir/c.log");
	struct stat st;

	append_n(log, k, 1, 5);
	sign_trust_add(&t, &pub, "station");
	cr_expect_eq(verify(log, &t, &s, &res), 0, "%s", s.why[0]);
	cr_expect_eq(s.n, 0);
	cr_expect_eq(res.lines, 6);
	cr_expect_eq(res.records, 6);
	cr_expect_eq(s.records, 5);
	cr_expect_str_eq(s.learners[0], "Learner 1");
	cr_expect_str_eq(s.learners[4], "Learner 5");
	cr_expect_eq(res.head_seq, 5);
	cr_expect_eq(res.nkeys_seen, 1);
	cr_expect_str_eq(res.keys_seen[0], pub.key_id);
	cr_expect_eq(strlen(res.log_id), 32);
	cr_assert_eq(stat(log, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600);
	sign_trust_free(&t);
	sign_key_free(k);
	free(log);
}

Test(complog, each_line_is_canonical_json_with_the_fixed_prefix)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	char *log = in_tmp("c.log"), *text, *nl, why[300];
	struct complog_line L;

	append_n(log, k, 3, 1);
	text = slurp(log, NULL);
	nl = strchr(text, '\n');
	cr_assert_not_null(nl);
	nl = strchr(nl + 1, '\n');
	cr_assert_not_null(nl);
	*nl = '\0';
	nl = strchr(text, '\n') + 1;
	cr_assert_eq(complog_parse_line(nl, strlen(nl), &L, why, sizeof why), 0,
		     "%s", why);
	cr_expect_str_eq(L.f.type, "passed");
	cr_expect_eq(L.f.score, 9);
	cr_expect_eq(L.f.total, 10);
	cr_expect_eq(L.f.pass_mark, 80);
	cr_expect_str_eq(L.f.ts, "2026-09-21T14:13:23Z");
	cr_expect(strncmp(nl, "{\"sig\":\"", 8) == 0);
	cr_expect(strstr(nl, "\"rec\":{\"seq\":1,\"log\":\"") != NULL);
	complog_fields_free(&L.f);
	sign_key_free(k);
	free(text);
	free(log);
}

Test(complog, names_with_invisible_format_characters_are_refused)
{
	static const char *const names[] = {"Ann\xe2\x80\xaeSmith",
					    "Ann\xe2\x80\x8b",
					    "\xef\xbb\xbf"
					    "Bob",
					    "Cy\xe2\x81\xa7"};
	char err[300];

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		cr_expect_eq(
		    complog_check_text("the name", names[i], err, sizeof err),
		    -1, "%s", names[i]);
		cr_expect(strstr(err, "the name contains an invisible format "
				      "character (U+") != NULL,
			  "%s", err);
	}
	cr_expect_eq(complog_check_text("the name", "Zo\xc3\xab \xe2\x80\x90",
					err, sizeof err),
		     0, "%s", err);
}

Test(complog, names_with_control_characters_are_refused_and_nothing_written)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	char *log = in_tmp("c.log"), err[300];
	struct complog_record r = {.event = "completed",
				   .learner = "Eve\x1b[31m",
				   .module = "m",
				   .module_title = "M",
				   .content_version = "v",
				   .score = -1,
				   .total = -1,
				   .pass_mark = -1,
				   .mode = "learner"};

	cr_expect_eq(complog_append(log, k, &r, err, sizeof err), -1);
	cr_expect(strstr(err, "control character (U+001B") != NULL, "%s", err);
	cr_expect_neq(access(log, F_OK), 0);
	sign_key_free(k);
	free(log);
}

/* ---- The record rules, at write time and at verify time ---------------- */

Test(complog, a_score_passes_when_100_raw_reaches_pass_mark_times_max)
{
	cr_expect(complog_score_passes(8, 10, 80));
	cr_expect(!complog_score_passes(7, 10, 80));
	cr_expect(complog_score_passes(29, 36, 80));  /* 80.6% */
	cr_expect(!complog_score_passes(28, 36, 80)); /* 77.8% */
	cr_expect(complog_score_passes(0, 36, 0));
	cr_expect(complog_score_passes(36, 36, 100));
	cr_expect(!complog_score_passes(35, 36, 100));
}

/* A record the rules refuse: the appender writes nothing, not even the
 * log file, and says why. */
struct refusal {
	char event[12], mode[12];
	int score, total, pass_mark;
	char title[40], facilitator[20];
	char why[90];
};

ParameterizedTestParameters(complog,
			    records_breaking_their_types_rules_are_not_written)
{
	static struct refusal v[] = {
	    {"passed", "kiosk", 2, 36, 80, "Law", "",
	     "\"passed\", but 2 of 36 is below the pass mark of 80%"},
	    {"failed", "kiosk", 8, 10, 80, "Law", "",
	     "\"failed\", but 8 of 10 reaches the pass mark of 80%"},
	    {"passed", "kiosk", -1, -1, -1, "Law", "",
	     "\"passed\" records must have \"score\""},
	    {"passed", "kiosk", 9, 10, -1, "Law", "",
	     "\"passed\" records' scores must have \"pass_mark\""},
	    {"failed", "kiosk", 0, 0, 80, "Law", "",
	     "a score's \"max\" is 1 to 1000000, not 0"},
	    {"attended", "attend", 3, 3, 80, "Law", "",
	     "\"attended\" records have no \"score\""},
	    {"completed", "kiosk", -1, -1, -1, "Law", "Sam",
	     "\"completed\" records have no \"facilitator\""},
	    {"attended", "kiosk", -1, -1, -1, "Law", "",
	     "\"attended\" records have mode \"facilitator\" or \"attend\", "
	     "not \"kiosk\""},
	    {"attended", "facilitator", -1, -1, -1, "Law", "",
	     "\"attended\" records in mode \"facilitator\" must have "
	     "\"facilitator\""},
	    {"completed", "learner", -1, -1, -1, "Law\xe2\x80\xae", "",
	     "the module title contains an invisible format character "
	     "(U+202E at byte 4)"},
	    {"attended", "facilitator", -1, -1, -1, "Law", "Sam\xe2\x81\xa6",
	     "the facilitator's name contains an invisible format "
	     "character (U+2066 at byte 4)"},
	    {"genesis", "learner", -1, -1, -1, "Law", "",
	     "unknown event \"genesis\""},
	};

	return cr_make_param_array(struct refusal, v, UTIL_NELEM(v));
}

ParameterizedTest(struct refusal *c, complog,
		  records_breaking_their_types_rules_are_not_written)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	char *log = in_tmp("c.log"), err[300];
	struct complog_record r = {
	    .event = c->event,
	    .learner = "Ann Smith",
	    .module = "law",
	    .module_title = c->title,
	    .content_version = "v",
	    .score = c->score,
	    .total = c->total,
	    .pass_mark = c->pass_mark,
	    .facilitator = c->facilitator[0] ? c->facilitator : NULL,
	    .mode = c->mode};

	cr_expect_eq(complog_append(log, k, &r, err, sizeof err), -1,
		     "written: %s", c->why);
	cr_expect(strstr(err, c->why) != NULL, "%s (wanted %s)", err, c->why);
	cr_expect_neq(access(log, F_OK), 0);
	sign_key_free(k);
	free(log);
}

/* A record signed as given, chained after the last line of log. */
static void
sign_after(const char *log, const struct sign_key *k, struct complog_fields *f)
{
	char *text = slurp(log, NULL), *last;
	unsigned char *msg, sig[SIGN_SIG_BYTES], h[32];
	char b64[100], *rec, *line;
	size_t mlen;
	FILE *fp;

	*strrchr(text, '\n') = '\0';
	last = strrchr(text, '\n') != NULL ? strrchr(text, '\n') + 1 : text;
	memcpy(f->log, strstr(text, "\"log\":\"") + 7, COMPLOG_LOGID_HEX);
	complog_line_hash(last, strlen(last), h);
	sodium_bin2hex(f->prev, sizeof f->prev, h, sizeof h);
	rec = complog_encode_rec(f);
	msg = complog_signed_message(sign_key_id(k), rec, strlen(rec), &mlen);
	sign_detached(k, msg, mlen, sig);
	sodium_bin2base64(b64, sizeof b64, sig, sizeof sig,
			  sodium_base64_VARIANT_ORIGINAL);
	line = xasprintf("{\"sig\":\"%s\",\"kid\":\"%s\",\"rec\":%s}\n", b64,
			 sign_key_id(k), rec);
	fp = fopen(log, "a");
	fputs(line, fp);
	fclose(fp);
	free(line);
	free(msg);
	free(rec);
	free(text);
}

Test(complog, a_signed_record_breaking_the_rules_fails_verify_on_its_line)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct complog_fields f;
	struct seen s;
	char *log = in_tmp("c.log");

	append_n(log, k, 1, 2);
	complog_fields_init(&f);
	f.seq = 3;
	strcpy(f.ts, "2026-11-23T10:00:00Z");
	f.type = xstrdup("passed");
	f.learner = xstrdup("Ann Smith");
	f.module = xstrdup("law");
	f.module_title = xstrdup("Law");
	f.content_version = xstrdup("v");
	f.mode = xstrdup("kiosk");
	f.score = 2;
	f.total = 36;
	f.pass_mark = 80;
	f.program = xstrdup("workshop test");
	sign_after(log, k, &f);
	append_n(log, k, 4, 1);
	sign_trust_add(&t, &pub, "station");
	cr_expect_eq(verify(log, &t, &s, &res), 1);
	cr_assert_eq(s.n, 1, "%zu problems: %s / %s", s.n, s.why[0], s.why[1]);
	cr_expect_eq(s.line[0], 4);
	cr_expect_str_eq(
	    s.why[0], "\"passed\", but 2 of 36 is below the pass mark of 80%");
	cr_expect_eq(res.records, 4, "the records around it verify");
	complog_fields_free(&f);
	sign_trust_free(&t);
	sign_key_free(k);
	free(log);
}

/* The tamper matrix: each change to a good 8-line log is caught. */
enum tamper {
	EDIT_FIELD,
	EDIT_SEQ,
	BREAK_PREFIX,
	DELETE_LINE,
	SWAP_LINES,
	DUPLICATE_LINE,
	SPLICE_OTHER_LOG,
	GARBAGE_LINE,
	BAD_SIGNATURE,
	UNTRUSTED_KEY,
	TRUNCATE_MID_LINE,
	NOT_CANONICAL,
	UNKNOWN_KEY,
	NO_GENESIS,
	OUTSIDE_WINDOW,
	EMPTY_LOG,
};

struct tcase {
	enum tamper op;
	unsigned long line; /* the line named (first problem) */
	bool torn;
	char reason[64]; /* a substring of its reason (inline: the
			    cases are copied into the test process) */
};

/* The lines of text (each without its newline), at most 64. */
struct lines {
	char *v[64];
	size_t n;
};

static void
split(char *text, struct lines *l)
{
	char *save = NULL, *p;

	l->n = 0;
	for (p = strtok_r(text, "\n", &save); p != NULL && l->n < 64;
	     p = strtok_r(NULL, "\n", &save))
		l->v[l->n++] = p;
}

static void
join(const char *path, const struct lines *l)
{
	struct strbuf b;

	strbuf_init(&b);
	for (size_t i = 0; i < l->n; i++) {
		strbuf_adds(&b, l->v[i]);
		strbuf_addc(&b, '\n');
	}
	spit(path, b.s, b.len);
	strbuf_free(&b);
}

static void
replace_in(char **line, const char *from, const char *to)
{
	char *at = strstr(*line, from);
	char *s;

	cr_assert_not_null(at, "no '%s' in %s", from, *line);
	s = xasprintf("%.*s%s%s", (int)(at - *line), *line, to,
		      at + strlen(from));
	*line = keep(s);
}

static void
tamper(enum tamper op, const char *log, const char *other, struct sign_trust *t,
       const struct sign_key *k2)
{
	struct lines l, o;
	char *text = keep(slurp(log, NULL)), *otext = keep(slurp(other, NULL));
	char *tmp;
	size_t n;

	split(text, &l);
	split(otext, &o);
	switch (op) {
	case EDIT_FIELD:
		replace_in(&l.v[3], "Learner 3", "Learner 8");
		break;
	case EDIT_SEQ:
		replace_in(&l.v[3], "\"seq\":3,", "\"seq\":0,");
		break;
	case BREAK_PREFIX:
		replace_in(&l.v[3], "{\"sig\"", "{\"Sig\"");
		break;
	case DELETE_LINE:
		memmove(&l.v[3], &l.v[4], (l.n - 4) * sizeof l.v[0]);
		l.n--;
		break;
	case SWAP_LINES:
		tmp = l.v[3];
		l.v[3] = l.v[4];
		l.v[4] = tmp;
		break;
	case DUPLICATE_LINE:
		memmove(&l.v[4], &l.v[3], (l.n - 3) * sizeof l.v[0]);
		l.n++;
		break;
	case SPLICE_OTHER_LOG:
		memmove(&l.v[5], &l.v[4], (l.n - 4) * sizeof l.v[0]);
		l.v[4] = o.v[4];
		l.n++;
		break;
	case GARBAGE_LINE:
		memmove(&l.v[3], &l.v[2], (l.n - 2) * sizeof l.v[0]);
		l.v[2] = keep(xstrdup("{\"hello\":1}"));
		l.n++;
		break;
	case BAD_SIGNATURE:
		l.v[1][10] = l.v[1][10] == 'A' ? 'B' : 'A';
		break;
	case UNTRUSTED_KEY:
		join(log, &l);
		append_n(log, k2, 20, 1);
		return;
	case TRUNCATE_MID_LINE:
		join(log, &l);
		tmp = keep(slurp(log, &n));
		spit(log, tmp, n - 40);
		return;
	case NOT_CANONICAL:
		replace_in(&l.v[2], "\"seq\":2,", "\"seq\": 2,");
		break;
	case UNKNOWN_KEY:
		replace_in(&l.v[2], "\"program\"",
			   "\"answers\":\"x\",\"program\"");
		break;
	case NO_GENESIS:
		memmove(&l.v[0], &l.v[1], (l.n - 1) * sizeof l.v[0]);
		l.n--;
		break;
	case OUTSIDE_WINDOW:
		t->v[0].until = 1790000004; /* Learner 4 on are too late */
		break;
	case EMPTY_LOG:
		l.n = 0;
		break;
	}
	join(log, &l);
}

ParameterizedTestParameters(complog,
			    every_tampering_is_caught_on_the_right_line)
{
	static struct tcase cases[] = {
	    {EDIT_FIELD, 4, false, "bad signature"},
	    /* The next record follows the changed one: no "missing". */
	    {EDIT_SEQ, 4, false, "bad signature"},
	    {BREAK_PREFIX, 4, false, "not a signed record"},
	    {DELETE_LINE, 4, false, "seq 4 after seq 2 (1 record missing)"},
	    {SWAP_LINES, 4, false,
	     "seq 4 comes before seq 3 on line 5 (records out of order)"},
	    {DUPLICATE_LINE, 5, false, "seq 3 repeated"},
	    {SPLICE_OTHER_LOG, 5, false, "record of another log"},
	    {GARBAGE_LINE, 3, false, "not a signed record"},
	    {BAD_SIGNATURE, 2, false, "bad signature"},
	    {UNTRUSTED_KEY, 9, false, "signed by untrusted key"},
	    {TRUNCATE_MID_LINE, 8, true, "torn last line"},
	    {NOT_CANONICAL, 3, false, "not in canonical form"},
	    {UNKNOWN_KEY, 3, false, "not in canonical form"},
	    {NO_GENESIS, 1, false, "does not begin with its genesis record"},
	    {OUTSIDE_WINDOW, 6, false, "outside its validity window"},
	    {EMPTY_LOG, 0, false, "empty log"},
	};

	return cr_make_param_array(struct tcase, cases,
				   sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct tcase *c, complog,
		  every_tampering_is_caught_on_the_right_line)
{
	struct sign_pub pub, pub2;
	struct sign_key *k = make_key("k", &pub), *k2 = make_key("k2", &pub2);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = in_tmp("c.log"), *other = in_tmp("o.log");

	append_n(log, k, 1, 7);
	append_n(other, k, 1, 7);
	sign_trust_add(&t, &pub, "station");
	cr_assert_eq(verify(log, &t, &s, &res), 0);
	tamper(c->op, log, other, &t, k2);
	cr_expect_eq(verify(log, &t, &s, &res), 1);
	cr_assert_geq(s.n, 1);
	cr_expect_eq(s.line[0], c->line, "line %lu, not %lu: %s", s.line[0],
		     c->line, s.why[0]);
	cr_expect(strstr(s.why[0], c->reason) != NULL, "reason: %s", s.why[0]);
	/* One cause, one error. */
	cr_expect_eq(s.n, 1, "%zu problems: %s / %s", s.n, s.why[0], s.why[1]);
	cr_expect_eq(s.torn[0], c->torn);
	cr_expect_eq(res.torn, c->torn);
	sign_trust_free(&t);
	sign_key_free(k);
	sign_key_free(k2);
	free(log);
	free(other);
}

Test(complog, verify_keeps_checking_after_the_first_bad_line)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = in_tmp("c.log"), *text;
	struct lines l;

	append_n(log, k, 1, 7);
	text = slurp(log, NULL);
	split(text, &l);
	replace_in(&l.v[2], "Learner 2", "Learner X");
	replace_in(&l.v[6], "Learner 6", "Learner Y");
	join(log, &l);
	sign_trust_add(&t, &pub, "station");
	cr_expect_eq(verify(log, &t, &s, &res), 1);
	cr_assert_eq(s.n, 2);
	cr_expect_eq(s.line[0], 3);
	cr_expect_eq(s.line[1], 7);
	cr_expect_eq(res.records, 6);
	sign_trust_free(&t);
	sign_key_free(k);
	free(log);
	free(text);
}

Test(complog, a_torn_tail_is_reported_as_torn_then_set_aside_on_append)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = in_tmp("c.log"), *text, *side = in_tmp("c.log.torn-4");
	char *frag;
	size_t n, fn;

	append_n(log, k, 1, 4);
	text = slurp(log, &n);
	spit(log, text, n - 25);
	sign_trust_add(&t, &pub, "station");
	cr_expect_eq(verify(log, &t, &s, &res), 1);
	cr_assert_eq(s.n, 1);
	cr_expect(s.torn[0]);
	cr_expect_eq(s.line[0], 5);
	cr_expect_eq(res.records, 4);

	append_n(log, k, 5, 1);
	cr_expect_eq(verify(log, &t, &s, &res), 0, "%s", s.why[0]);
	cr_expect_eq(res.records, 6); /* genesis, 3, recovered, the new one */
	cr_expect_eq(res.head_seq, 5);
	frag = slurp(side, &fn);
	text[n - 25] = '\0';
	cr_expect_eq(fn, strlen(strrchr(text, '\n') + 1));
	cr_expect_eq(memcmp(frag, strrchr(text, '\n') + 1, fn), 0,
		     "the fragment kept is the torn line");
	free(frag);
	free(text);
	text = slurp(log, NULL);
	cr_expect(strstr(text, "\"type\":\"recovered\",\"torn\":{\"bytes\":") !=
		  NULL);
	sign_trust_free(&t);
	sign_key_free(k);
	free(log);
	free(side);
	free(text);
}

Test(complog, concurrent_appenders_make_one_linear_chain, .timeout = 120)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = in_tmp("c.log"), *text, name[64];
	pid_t pids[4];
	int st;

	for (int p = 0; p < 4; p++) {
		if ((pids[p] = fork()) == 0) {
			append_n(log, k, p * 1000, 250);
			_exit(0);
		}
		cr_assert_gt(pids[p], 0);
	}
	for (int p = 0; p < 4; p++) {
		cr_assert_eq(waitpid(pids[p], &st, 0), pids[p]);
		cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	sign_trust_add(&t, &pub, "station");
	cr_expect_eq(verify(log, &t, &s, &res), 0, "%s", s.why[0]);
	cr_expect_eq(res.records, 1001);
	cr_expect_eq(res.head_seq, 1000);
	/* 1000 verified records and each of the 1000 names: each once. */
	cr_expect_eq(s.records, 1000);
	text = slurp(log, NULL);
	for (int p = 0; p < 4; p++)
		for (int i = p * 1000; i < p * 1000 + 250; i++) {
			snprintf(name, sizeof name, "\"name\":\"Learner %d\"",
				 i);
			cr_expect(strstr(text, name) != NULL, "%s is missing",
				  name);
		}
	free(text);
	sign_trust_free(&t);
	sign_key_free(k);
	free(log);
}

Test(complog, the_checkpointed_head_is_found_until_the_log_is_rolled_back)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = in_tmp("c.log"), *text, head[65], err[300];
	size_t n;

	append_n(log, k, 1, 3);
	text = slurp(log, &n);
	sign_trust_add(&t, &pub, "station");
	cr_assert_eq(verify(log, &t, &s, &res), 0);
	memcpy(head, res.head_hash, sizeof head);
	append_n(log, k, 4, 2);
	cr_expect_eq(complog_find_head(log, 0, 3, head, err, sizeof err), 0);
	/* Roll back to two records: the head is gone. */
	*strstr(text, "Learner 3") = '\0';
	spit(log, text, (size_t)(strrchr(text, '\n') + 1 - text));
	cr_expect_eq(complog_find_head(log, 0, 3, head, err, sizeof err), 1);
	cr_expect(strstr(err, "truncated or rolled back") != NULL, "%s", err);
	sign_trust_free(&t);
	sign_key_free(k);
	free(log);
	free(text);
}

Test(sign, the_sample_trusted_keys_file_parses_and_trusts_nothing_until_edited)
{
	size_t len;
	char *text = util_read_file(SOURCE_DIR "/share/trusted-keys.example",
				    1 << 20, &len),
	     *errs;
	struct sign_trust t = {0};

	cr_assert_not_null(text);
	cr_expect_eq(sign_trust_parse("sample", text, len, &t, &errs), 0, "%s",
		     errs);
	cr_expect_eq(t.n, 0);
	sign_trust_free(&t);
	free(text);
}

/* A log of n records made with the record code directly (no fsync). */
static void
write_log(const char *path, const struct sign_key *k, long n)
{
	struct complog_fields f;
	struct strbuf b;
	unsigned char h[32];
	FILE *fp = fopen(path, "w");
	char name[32];

	cr_assert_not_null(fp);
	complog_fields_init(&f);
	memset(f.log, 'a', COMPLOG_LOGID_HEX);
	memset(f.prev, '0', COMPLOG_HASH_HEX);
	strcpy(f.ts, "2026-11-23T09:00:00Z");
	f.program = xstrdup("workshop test");
	f.type = xstrdup("genesis");
	strbuf_init(&b);
	for (long i = 0; i < n; i++) {
		f.seq = i;
		if (i == 1) {
			free(f.type);
			f.type = xstrdup("completed");
			f.module = xstrdup("m");
			f.module_title = xstrdup("M");
			f.content_version = xstrdup("v");
			f.mode = xstrdup("kiosk");
		}
		if (i >= 1) {
			free(f.learner);
			snprintf(name, sizeof name, "L%ld", i);
			f.learner = xstrdup(name);
		}
		b.len = 0;
		cr_assert_eq(complog_format_line(&b, k, &f), 0);
		fwrite(b.s, 1, b.len, fp);
		complog_line_hash(b.s, b.len - 1, h);
		sodium_bin2hex(f.prev, sizeof f.prev, h, sizeof h);
	}
	fclose(fp);
	strbuf_free(&b);
	complog_fields_free(&f);
}

Test(complog, a_log_longer_than_a_batch_verifies_the_same_on_any_thread_count,
     .timeout = 120)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct complog_verify_opts o = {
	    .trust = &t, .on_record = on_record, .on_problem = on_problem};
	struct seen s;
	char *log = in_tmp("big.log"), *text, *at;
	size_t n;

	write_log(log, k, 9000);
	text = keep(slurp(log, &n));
	/* Change a record on each side of the first batch boundary. */
	at = strstr(text, "\"name\":\"L4096\"");
	cr_assert_not_null(at);
	at[9] = 'X';
	at = strstr(text, "\"name\":\"L8500\"");
	cr_assert_not_null(at);
	at[9] = 'X';
	spit(log, text, n);
	sign_trust_add(&t, &pub, "station");
	for (int threads = 1; threads <= 3; threads++) {
		memset(&s, 0, sizeof s);
		o.ctx = &s;
		o.threads = threads;
		cr_expect_eq(complog_verify(log, &o, &res), 1);
		cr_assert_eq(s.n, 2, "%d threads: %zu problems", threads, s.n);
		cr_expect_eq(s.line[0], 4097);
		cr_expect_eq(s.line[1], 8501);
		cr_expect_eq(res.lines, 9000);
		cr_expect_eq(res.records, 8998);
		cr_expect_eq(res.head_seq, 8999);
	}
	sign_trust_free(&t);
	sign_key_free(k);
	free(log);
}

Test(complog, an_overlong_line_is_reported_and_checking_goes_on)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = in_tmp("c.log"), *text, *big;
	struct lines l;

	append_n(log, k, 1, 4);
	text = keep(slurp(log, NULL));
	split(text, &l);
	big = keep(xmalloc(COMPLOG_LINE_MAX + 100));
	memset(big, 'x', COMPLOG_LINE_MAX + 99);
	big[COMPLOG_LINE_MAX + 99] = '\0';
	memmove(&l.v[3], &l.v[2], (l.n - 2) * sizeof l.v[0]);
	l.v[2] = big;
	l.n++;
	join(log, &l);
	sign_trust_add(&t, &pub, "station");
	cr_expect_eq(verify(log, &t, &s, &res), 1);
	cr_assert_eq(s.n, 1, "%s / %s", s.why[0], s.why[1]);
	cr_expect_eq(s.line[0], 3);
	cr_expect(strstr(s.why[0], "line longer than 65536 bytes") != NULL);
	cr_expect_eq(res.records, 5);
	sign_trust_free(&t);
	sign_key_free(k);
	free(log);
}

Test(complog, a_torn_tail_of_zeros_after_a_crash_is_kept_byte_for_byte)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = in_tmp("c.log"), *side = in_tmp("c.log.torn-31");
	char zeros[3000] = {0}, *frag;
	size_t fn;
	FILE *fp;

	append_n(log, k, 1, 30); /* longer than the first tail read */
	memcpy(zeros, "{\"sig\":", 7);
	fp = fopen(log, "a");
	cr_assert_not_null(fp);
	fwrite(zeros, 1, sizeof zeros, fp);
	fclose(fp);
	sign_trust_add(&t, &pub, "station");
	cr_expect_eq(verify(log, &t, &s, &res), 1);
	cr_expect(s.torn[0]);
	append_n(log, k, 31, 1);
	cr_expect_eq(verify(log, &t, &s, &res), 0, "%s", s.why[0]);
	cr_expect_eq(res.head_seq, 32);
	frag = slurp(side, &fn);
	cr_expect_eq(fn, sizeof zeros);
	cr_expect_eq(memcmp(frag, zeros, sizeof zeros), 0);
	free(frag);
	sign_trust_free(&t);
	sign_key_free(k);
	free(log);
	free(side);
}

Test(complog, verifying_while_another_process_appends_sees_no_torn_line,
     .timeout = 120)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = in_tmp("c.log");
	pid_t pid;
	int st, rounds = 0;

	append_n(log, k, 1, 2);
	sign_trust_add(&t, &pub, "station");
	if ((pid = fork()) == 0) {
		append_n(log, k, 100, 300);
		_exit(0);
	}
	cr_assert_gt(pid, 0);
	while (waitpid(pid, &st, WNOHANG) == 0) {
		cr_expect_eq(verify(log, &t, &s, &res), 0, "%s", s.why[0]);
		rounds++;
	}
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	cr_expect_eq(verify(log, &t, &s, &res), 0, "%s", s.why[0]);
	cr_expect_eq(res.head_seq, 302);
	cr_expect_gt(rounds, 0);
	sign_trust_free(&t);
	sign_key_free(k);
	free(log);
}

Test(complog, a_log_converted_to_crlf_says_so)
{
	char why[300];
	struct complog_line L;
	const char line[] = "{\"sig\":\"x\"}\r";

	cr_expect_eq(
	    complog_parse_line(line, sizeof line - 1, &L, why, sizeof why), -1);
	cr_expect(strstr(why, "carriage return") != NULL, "%s", why);
}

Test(complog, a_forged_line_on_top_is_the_only_line_reported)
{
	struct sign_pub pub, pub2;
	struct sign_key *k = make_key("k", &pub), *k2 = make_key("k2", &pub2);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = in_tmp("c.log"), *forged = in_tmp("f.log"), *a, *b;
	struct strbuf all;

	append_n(log, k, 1, 4);
	append_n(forged, k2, 1, 1);
	a = keep(slurp(forged, NULL));
	*(strchr(a, '\n') + 1) = '\0'; /* its genesis line */
	b = keep(slurp(log, NULL));
	strbuf_init(&all);
	strbuf_adds(&all, a);
	strbuf_adds(&all, b);
	spit(log, all.s, all.len);
	strbuf_free(&all);
	sign_trust_add(&t, &pub, "station");
	cr_expect_eq(verify(log, &t, &s, &res), 1);
	cr_expect_eq(s.n, 1, "%s / %s", s.why[0], s.why[1]);
	cr_expect_eq(s.line[0], 1);
	cr_expect(strstr(s.why[0], "signed by untrusted key") != NULL, "%s",
		  s.why[0]);
	cr_expect_eq(res.records, 5);
	sign_trust_free(&t);
	sign_key_free(k);
	sign_key_free(k2);
	free(log);
	free(forged);
}

/* Verify a log of 14 lines after put_on_top or insert changed it. */
enum lie {
	BAD_COPY_OF_GENESIS_ON_TOP,
	OTHER_GENESIS_ON_TOP,
	UNTRUSTED_COPY_BEFORE_LINE_6
};

static void
one_lie_is_the_only_line_blamed(enum lie what)
{
	struct sign_pub pub, pub2;
	struct sign_key *k = make_key("k", &pub), *k2 = make_key("k2", &pub2);
	struct sign_trust t = {0};
	struct complog_verify_result res, before;
	struct seen s;
	char *log = in_tmp("c.log"), *other = in_tmp("o.log");
	char *text, *otext, *copy;
	struct lines l, o;
	unsigned long bad_line = 1;

	append_n(log, k, 1, 13);
	append_n(other, k, 1, 1);
	sign_trust_add(&t, &pub, "station");
	cr_assert_eq(verify(log, &t, &s, &before), 0);
	cr_assert_eq(before.lines, 14);
	text = keep(slurp(log, NULL));
	otext = keep(slurp(other, NULL));
	split(text, &l);
	split(otext, &o);
	switch (what) {
	case BAD_COPY_OF_GENESIS_ON_TOP:
		copy = keep(xstrdup(l.v[0]));
		copy[10] = copy[10] == 'A' ? 'B' : 'A';
		memmove(&l.v[1], &l.v[0], l.n * sizeof l.v[0]);
		l.v[0] = copy;
		l.n++;
		break;
	case OTHER_GENESIS_ON_TOP:
		memmove(&l.v[1], &l.v[0], l.n * sizeof l.v[0]);
		l.v[0] = o.v[0];
		l.n++;
		break;
	case UNTRUSTED_COPY_BEFORE_LINE_6: {
		/* Line 6 again, signed by a key nobody trusts. */
		struct complog_line L;
		struct complog_fields f;
		struct strbuf b;
		char why[200];

		cr_assert_eq(complog_parse_line(l.v[5], strlen(l.v[5]), &L, why,
						sizeof why),
			     0, "%s", why);
		f = L.f;
		strbuf_init(&b);
		cr_assert_eq(complog_format_line(&b, k2, &f), 0);
		complog_fields_free(&f);
		b.s[b.len - 1] = '\0';
		copy = keep(xstrdup(b.s));
		strbuf_free(&b);
		memmove(&l.v[6], &l.v[5], (l.n - 5) * sizeof l.v[0]);
		l.v[5] = copy;
		l.n++;
		bad_line = 6;
		break;
	}
	}
	join(log, &l);
	cr_expect_eq(verify(log, &t, &s, &res), 1);
	cr_expect_eq(s.n, 1, "%zu problems: %s / %s", s.n, s.why[0], s.why[1]);
	cr_expect_eq(s.line[0], bad_line, "line %lu: %s", s.line[0], s.why[0]);
	cr_expect_eq(res.records, 14, "%lu records", res.records);
	cr_expect_eq(s.records, 13);
	cr_expect_str_eq(res.log_id, before.log_id);
	cr_expect_str_eq(res.head_hash, before.head_hash);
	sign_trust_free(&t);
	sign_key_free(k);
	sign_key_free(k2);
	free(log);
	free(other);
}

Test(complog, a_changed_copy_of_the_genesis_on_top_is_the_only_line_blamed)
{
	one_lie_is_the_only_line_blamed(BAD_COPY_OF_GENESIS_ON_TOP);
}

Test(complog, another_logs_genesis_on_top_is_the_only_line_blamed)
{
	one_lie_is_the_only_line_blamed(OTHER_GENESIS_ON_TOP);
}

Test(complog,
     an_untrusted_copy_inserted_before_a_record_is_the_only_line_blamed)
{
	one_lie_is_the_only_line_blamed(UNTRUSTED_COPY_BEFORE_LINE_6);
}

/* ---- Appending only after a line of this log ----------------------------- */

enum foreign { LINE_OF_ANOTHER_LOG, SEQ_NEAR_2_53, CHANGED_OWN_LINE };

static void
nothing_is_appended_after(enum foreign what)
{
	struct sign_pub pub, pub2;
	struct sign_key *k = make_key("k", &pub), *k2 = make_key("k2", &pub2);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = in_tmp("c.log"), *other = in_tmp("o.log"), err[300];
	char *text, *otext, *after, *again;
	struct lines l, o;
	size_t n, n2;
	struct complog_record r = {.event = "attended",
				   .learner = "A",
				   .module = "law",
				   .module_title = "Sex and the law",
				   .content_version = "abc123",
				   .score = -1,
				   .total = -1,
				   .pass_mark = -1,
				   .mode = "attend"};

	append_n(log, k, 1, 4);
	append_n(other, k, 1, 4);
	text = keep(slurp(log, NULL));
	otext = keep(slurp(other, NULL));
	split(text, &l);
	split(otext, &o);
	switch (what) {
	case LINE_OF_ANOTHER_LOG:
		l.v[l.n++] = o.v[1];
		break;
	case SEQ_NEAR_2_53: {
		/* A record signed by another key, this log's id, a seq
		 * that would leave no room for the next. */
		struct complog_line L;
		struct complog_fields f;
		struct strbuf b;
		unsigned char h[32];
		char why[200];

		cr_assert_eq(complog_parse_line(l.v[l.n - 1],
						strlen(l.v[l.n - 1]), &L, why,
						sizeof why),
			     0, "%s", why);
		f = L.f;
		f.seq = (1LL << 53) - 1;
		complog_line_hash(l.v[l.n - 1], strlen(l.v[l.n - 1]), h);
		sodium_bin2hex(f.prev, sizeof f.prev, h, sizeof h);
		strbuf_init(&b);
		cr_assert_eq(complog_format_line(&b, k2, &f), 0);
		complog_fields_free(&f);
		b.s[b.len - 1] = '\0';
		l.v[l.n++] = keep(xstrdup(b.s));
		strbuf_free(&b);
		break;
	}
	case CHANGED_OWN_LINE:
		l.v[l.n - 1] = keep(xstrdup(l.v[l.n - 1]));
		replace_in(&l.v[l.n - 1], "Learner 4", "Learner 9");
		break;
	}
	join(log, &l);
	after = keep(slurp(log, &n));
	cr_expect_eq(complog_append(log, k, &r, err, sizeof err), -1);
	cr_expect(strstr(err, "not this log's") != NULL, "%s", err);
	cr_expect(strstr(err, "workshop verify") != NULL, "%s", err);
	again = keep(slurp(log, &n2));
	cr_expect(n == n2 && memcmp(after, again, n) == 0,
		  "the log was changed");
	/* Verify names the line that does not belong, and only it. */
	sign_trust_add(&t, &pub, "station");
	cr_expect_eq(verify(log, &t, &s, &res), 1);
	cr_expect_eq(s.n, 1, "%zu problems: %s", s.n, s.why[0]);
	cr_expect_eq(s.line[0], l.n);
	sign_trust_free(&t);
	sign_key_free(k);
	sign_key_free(k2);
	free(log);
	free(other);
}

Test(complog, nothing_is_appended_after_a_line_of_another_log)
{
	nothing_is_appended_after(LINE_OF_ANOTHER_LOG);
}

Test(complog, nothing_is_appended_after_a_seq_the_log_cannot_hold)
{
	nothing_is_appended_after(SEQ_NEAR_2_53);
}

Test(complog, nothing_is_appended_after_a_changed_line_of_the_appending_key)
{
	nothing_is_appended_after(CHANGED_OWN_LINE);
}

Test(complog, a_station_with_two_keys_appends_after_the_other_keys_line)
{
	struct sign_pub pub, pub2;
	struct sign_key *k = make_key("k", &pub), *k2 = make_key("k2", &pub2);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = in_tmp("c.log");

	append_n(log, k, 1, 2);
	append_n(log, k2, 3, 1);
	append_n(log, k, 4, 1);
	append_n(log, k2, 5, 1);
	sign_trust_add(&t, &pub, "one");
	sign_trust_add(&t, &pub2, "two");
	cr_expect_eq(verify(log, &t, &s, &res), 0, "%s", s.why[0]);
	cr_expect_eq(s.records, 5);
	sign_trust_free(&t);
	sign_key_free(k);
	sign_key_free(k2);
	free(log);
}

/* ---- Session records ----------------------------------------------------- */

static const unsigned sess_before[] = {0, 1, 3, 4, 2, 5, 4, 1, 0, 0};
static const unsigned sess_after[] = {0, 0, 1, 5, 4, 0, 1, 2, 4, 3};

static void
append_session(const char *log, const struct sign_key *k)
{
	struct complog_tallies t = {.set = "confidence",
				    .scale = 5,
				    .nq = 2,
				    .before = sess_before,
				    .after = sess_after};
	struct complog_record r = {.event = "session",
				   .module = "day",
				   .module_title = "The day",
				   .content_version = "abc123",
				   .score = -1,
				   .total = -1,
				   .pass_mark = -1,
				   .facilitator = "Sam Trainer",
				   .mode = "facilitator",
				   .present = 12,
				   .tallies = &t,
				   .when = 1790000000};
	char err[300];

	cr_assert_eq(complog_append(log, k, &r, err, sizeof err), 0, "%s", err);
}

static const char sess_tallies[] =
    "\"present\":12,\"tallies\":{\"set\":\"confidence\",\"scale\":5,"
    "\"before\":[[0,1,3,4,2],[5,4,1,0,0]],"
    "\"after\":[[0,0,1,5,4],[0,1,2,4,3]]}";

/* The session record seen by verify. */
struct sess_seen {
	int n;
	long present;
	int scale, nq;
	unsigned before[10], after[10];
	bool named;
};

static void
on_sess(const struct complog_entry *e, void *ctx)
{
	struct sess_seen *s = ctx;

	if (e->tallies == NULL)
		return;
	s->n++;
	s->present = e->present;
	s->scale = e->tallies->scale;
	s->nq = e->tallies->nq;
	s->named = e->learner != NULL || e->staff_id != NULL;
	if (s->scale * s->nq == 10) {
		memcpy(s->before, e->tallies->before, sizeof s->before);
		memcpy(s->after, e->tallies->after, sizeof s->after);
	}
}

Test(complog, a_session_record_round_trips_with_its_counts_and_no_names)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct sess_seen ss = {0};
	struct complog_verify_opts o = {
	    .threads = 2, .on_record = on_sess, .ctx = &ss};
	char *log = in_tmp("c.log"), *text;

	append_n(log, k, 1, 1);
	append_session(log, k);
	text = keep(slurp(log, NULL));
	cr_expect(strstr(text, sess_tallies) != NULL, "%s", text);
	cr_expect(strstr(strstr(text, "\"type\":\"session\""), "learner") ==
		  NULL);
	cr_expect(strstr(text,
			 "\"type\":\"session\",\"module\":{\"id\":\"day\","
			 "\"title\":\"The day\",\"version\":\"abc123\"},"
			 "\"mode\":\"facilitator\",\"facilitator\":"
			 "\"Sam Trainer\",\"present\":12") != NULL);
	sign_trust_add(&t, &pub, "station");
	o.trust = &t;
	cr_expect_eq(complog_verify(log, &o, &res), 0);
	cr_expect_eq(res.records, 3);
	cr_expect_eq(ss.n, 1);
	cr_expect_eq(ss.present, 12);
	cr_expect_eq(ss.scale, 5);
	cr_expect_eq(ss.nq, 2);
	cr_expect_not(ss.named);
	cr_expect_eq(memcmp(ss.before, sess_before, sizeof ss.before), 0);
	cr_expect_eq(memcmp(ss.after, sess_after, sizeof ss.after), 0);
	sign_trust_free(&t);
	sign_key_free(k);
	free(log);
}

Test(complog, a_changed_tally_digit_is_caught_on_its_line)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = in_tmp("c.log"), *text, *p;
	size_t n;

	append_n(log, k, 1, 2);
	append_session(log, k);
	append_n(log, k, 3, 1);
	text = keep(slurp(log, &n));
	p = strstr(text, "[0,1,3,4,2]");
	cr_assert_not_null(p);
	p[5] = '4'; /* one more hand at 3 before */
	spit(log, text, n);
	sign_trust_add(&t, &pub, "station");
	cr_expect_eq(verify(log, &t, &s, &res), 1);
	cr_assert_geq(s.n, 1);
	cr_expect_eq(s.line[0], 4, "line %lu: %s", s.line[0], s.why[0]);
	cr_expect(strstr(s.why[0], "signature") != NULL, "%s", s.why[0]);
	sign_trust_free(&t);
	sign_key_free(k);
	free(log);
}

/* A line with a well-formed (unchecked) signature around rec. */
static char *
fake_line(const char *rec)
{
	char sig[89];

	memset(sig, 'A', 86);
	strcpy(sig + 86, "==");
	return xasprintf("{\"sig\":\"%s\",\"kid\":\"0123456789abcdef\","
			 "\"rec\":%s}",
			 sig, rec);
}

#define SESS_HEAD                                                              \
	"{\"seq\":4,\"log\":\"0123456789abcdef0123456789abcdef\",\"prev\":"    \
	"\"" /* 64 hex */                                                      \
	"0000000000000000000000000000000000000000000000000000000000000000"     \
	"\",\"ts\":\"2026-09-21T14:13:23Z\",\"type\":\"session\",\"module\":"  \
	"{\"id\":\"day\",\"title\":\"The day\",\"version\":\"v\"},"
#define SESS_TAIL ",\"program\":\"workshop 1\"}"

Test(complog, a_canonical_session_rec_parses_and_re_encodes_byte_for_byte)
{
	const char *rec = SESS_HEAD
	    "\"mode\":\"facilitator\",\"facilitator\":\"Sam\",\"present\":3,"
	    "\"tallies\":{\"set\":\"confidence\",\"scale\":2,\"before\":[[1,2]]"
	    ","
	    "\"after\":[[0,3]]}" SESS_TAIL;
	char *line = fake_line(rec), *again, why[300];
	struct complog_line L;

	cr_assert_eq(
	    complog_parse_line(line, strlen(line), &L, why, sizeof why), 0,
	    "%s", why);
	cr_expect_eq(L.f.present, 3);
	cr_expect_eq(L.f.tally_nq, 1);
	cr_expect_eq(L.f.tally_before[1], 2);
	cr_expect_eq(L.f.tally_after[1], 3);
	again = complog_encode_rec(&L.f);
	cr_expect_str_eq(again, rec);
	free(again);
	complog_fields_free(&L.f);
	free(line);
}

struct noncanon {
	char rec[1200];
	char why[80];
};

ParameterizedTestParameters(complog, non_canonical_session_records_are_refused)
{
#define M "\"mode\":\"facilitator\",\"facilitator\":\"Sam\",\"present\":3,"
#define T "\"tallies\":{\"set\":\"confidence\",\"scale\":"
	static struct noncanon v[] = {
	    {SESS_HEAD M T
	     "2,\"before\":[[1,2]],\"after\":[[0,3]]} }" SESS_TAIL,
	     "expected ,"},
	    {SESS_HEAD M T "2,\"before\":[[1, 2]],\"after\":[[0,3]]}" SESS_TAIL,
	     "expected an integer"},
	    {SESS_HEAD M T
	     "2,\"before\":[[1,2,0]],\"after\":[[0,3]]}" SESS_TAIL,
	     "exactly"},
	    {SESS_HEAD M T "2,\"before\":[[1]],\"after\":[[0,3]]}" SESS_TAIL,
	     "expected ,"},
	    {SESS_HEAD M T
	     "2,\"before\":[[1,2]],\"after\":[[0,3],[1,1]]}" SESS_TAIL,
	     "has 2 questions"},
	    {SESS_HEAD M T
	     "2,\"before\":[[1,2]],\"after\":[[0,10000]]}" SESS_TAIL,
	     "from 0 to 9999"},
	    {SESS_HEAD M T "2,\"before\":[[01,2]],\"after\":[[0,3]]}" SESS_TAIL,
	     "expected ,"},
	    {SESS_HEAD M T "2,\"before\":[[-1,2]],\"after\":[[0,3]]}" SESS_TAIL,
	     "expected an integer"},
	    {SESS_HEAD M T
	     "2,\"before\":[[1.0,2]],\"after\":[[0,3]]}" SESS_TAIL,
	     "expected ,"},
	    {SESS_HEAD M T "1,\"before\":[[1]],\"after\":[[0]]}" SESS_TAIL,
	     "\"scale\" must be from 2 to 10"},
	    {SESS_HEAD M T "11,\"before\":[[1]],\"after\":[[0]]}" SESS_TAIL,
	     "from 0 to 10"},
	    {SESS_HEAD M T "2,\"before\":[],\"after\":[]}" SESS_TAIL,
	     "expected ["},
	    {SESS_HEAD M T "2,\"after\":[[0,3]],\"before\":[[1,2]]}" SESS_TAIL,
	     "expected ,\"before\":"},
	    {SESS_HEAD M "\"tallies\":{\"scale\":2,\"set\":\"c\",\"before\":"
			 "[[1,2]],\"after\":[[0,3]]}" SESS_TAIL,
	     "\"tallies\" is unknown, repeated or out of order"},
	    {SESS_HEAD
	     "\"mode\":\"learner\",\"facilitator\":\"Sam\",\"present\":"
	     "3," T "2,\"before\":[[1,2]],\"after\":[[0,3]]}" SESS_TAIL,
	     "records have mode \"facilitator\", not \"learner\""},
	    {SESS_HEAD "\"mode\":\"facilitator\",\"present\":3," T
		       "2,\"before\":[[1,2]],\"after\":[[0,3]]}" SESS_TAIL,
	     "\"session\" records must have \"facilitator\""},
	    {SESS_HEAD M T
	     "2,\"before\":[[1,2]],\"after\":[[0,3]]},\"learner\":"
	     "{\"name\":\"Ann\"}" SESS_TAIL,
	     "\"learner\" is unknown, repeated or out of order"},
	    {SESS_HEAD "\"mode\":\"facilitator\",\"facilitator\":\"Sam\","
		       "\"present\":10001," T
		       "2,\"before\":[[1,2]],\"after\":[[0,3]]}" SESS_TAIL,
	     "from 0 to 10000"},
	};
#undef M
#undef T
	return cr_make_param_array(struct noncanon, v, UTIL_NELEM(v));
}

/* Refused by the scanner or by the record rules: -1 with the reason. */
static int
refused(const char *line, char *why, size_t whylen)
{
	struct complog_line L;
	int r;

	if (complog_parse_line(line, strlen(line), &L, why, whylen) < 0)
		return -1;
	r = complog_check_fields(&L.f, why, whylen);
	complog_fields_free(&L.f);
	return r;
}

ParameterizedTest(struct noncanon *c, complog,
		  non_canonical_session_records_are_refused)
{
	char *line = fake_line(c->rec), why[300];

	cr_expect_eq(refused(line, why, sizeof why), -1, "accepted: %s",
		     c->rec);
	cr_expect(strstr(why, c->why) != NULL, "%s (wanted %s)", why, c->why);
	free(line);
}

Test(complog, too_many_questions_in_a_session_record_are_refused)
{
	struct strbuf b;
	char *line, why[300];
	struct complog_line L;

	strbuf_init(&b);
	strbuf_adds(&b, SESS_HEAD "\"mode\":\"facilitator\",\"facilitator\":"
				  "\"Sam\",\"present\":3,\"tallies\":{\"set\":"
				  "\"c\",\"scale\":2,\"before\":[");
	for (int i = 0; i < 33; i++)
		strbuf_adds(&b, i ? ",[1,2]" : "[1,2]");
	strbuf_adds(&b, "],\"after\":[[0,3]]}" SESS_TAIL);
	line = fake_line(b.s);
	cr_expect_eq(
	    complog_parse_line(line, strlen(line), &L, why, sizeof why), -1);
	cr_expect(strstr(why, "more than 32 questions") != NULL, "%s", why);
	free(line);
	strbuf_free(&b);
}

Test(complog, a_session_record_with_a_name_or_bad_counts_is_not_written)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	char *log = in_tmp("c.log"), err[300];
	unsigned big[2] = {1, 10000}, ok[2] = {1, 2};
	struct complog_tallies t = {.set = "confidence",
				    .scale = 2,
				    .nq = 1,
				    .before = ok,
				    .after = big};
	struct complog_record r = {.event = "session",
				   .module = "day",
				   .module_title = "The day",
				   .content_version = "v",
				   .score = -1,
				   .total = -1,
				   .pass_mark = -1,
				   .facilitator = "Sam",
				   .mode = "facilitator",
				   .present = 2,
				   .tallies = &t};

	cr_expect_eq(complog_append(log, k, &r, err, sizeof err), -1);
	cr_expect(strstr(err, "above 9999") != NULL, "%s", err);
	t.after = ok;
	r.learner = "Ann";
	cr_expect_eq(complog_append(log, k, &r, err, sizeof err), -1);
	cr_expect(strstr(err, "\"session\" records have no \"learner\"") !=
		      NULL,
		  "%s", err);
	r.learner = NULL;
	t.scale = 11;
	cr_expect_eq(complog_append(log, k, &r, err, sizeof err), -1);
	cr_expect_neq(access(log, F_OK), 0);
	sign_key_free(k);
	free(log);
}

/* ---- Going on from a verified prefix ------------------------------------ */

static int
verify_from(const char *log, const struct sign_trust *t, struct seen *s,
	    const struct complog_resume *z, struct complog_verify_result *res)
{
	struct complog_verify_opts o = {.trust = t,
					.threads = 2,
					.on_record = on_record,
					.on_problem = on_problem,
					.ctx = s,
					.resume = z,
					.want_prefix = true};

	memset(s, 0, sizeof *s);
	return complog_verify(log, &o, res);
}

/* What a checkpoint keeps of a verification that passed. */
static void
resume_of(const struct complog_verify_result *res, struct complog_resume *z)
{
	cr_assert(res->has_prefix);
	memset(z, 0, sizeof *z);
	z->bytes = res->head_end;
	memcpy(z->prefix_hash, res->prefix_hash, 32);
	memcpy(z->log_id, res->log_id, sizeof z->log_id);
	z->seq = res->head_seq;
	memcpy(z->hash, res->head_hash, sizeof z->hash);
	z->recovered = res->recovered;
	memcpy(z->keys, res->keys_seen, sizeof z->keys);
	z->nkeys = res->nkeys_seen;
}

/* BLAKE2b-256 of "workshop/v1/prefix", a zero byte and s[0..n), worked out
 * here as workshop-log(5) defines it. */
static void
prefix_hash(const char *s, size_t n, unsigned char out[32])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(
	    &st, (const unsigned char *)"workshop/v1/prefix", 19);
	crypto_generichash_update(&st, (const unsigned char *)s, n);
	crypto_generichash_final(&st, out, 32);
}

Test(complog, the_prefix_is_the_bytes_to_the_head_line_and_their_blake2b)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = keep(in_tmp("c.log")), *text;
	unsigned char h[32];
	size_t n;
	FILE *fp;

	append_n(log, k, 1, 3);
	sign_trust_add(&t, &pub, "station");
	text = slurp(log, &n);
	cr_assert_eq(verify_from(log, &t, &s, NULL, &res), 0);
	cr_expect(res.has_prefix);
	cr_expect_eq(res.prefix_use, COMPLOG_PREFIX_NONE);
	cr_expect_eq(res.head_end, (long long)n);
	prefix_hash(text, n, h);
	cr_expect_eq(memcmp(res.prefix_hash, h, 32), 0);
	/* A torn tail is not part of it. */
	fp = fopen(log, "a");
	fputs("{\"sig\":\"cut", fp);
	fclose(fp);
	cr_assert_eq(verify_from(log, &t, &s, NULL, &res), 1);
	cr_expect(res.has_prefix && res.torn);
	cr_expect_eq(res.head_end, (long long)n);
	cr_expect_eq(memcmp(res.prefix_hash, h, 32), 0);
	/* A log that fails has none. */
	text[200] ^= 1;
	spit(log, text, n);
	cr_assert_eq(verify_from(log, &t, &s, NULL, &res), 1);
	cr_expect(!res.has_prefix);
	free(text);
	sign_trust_free(&t);
	sign_key_free(k);
}

Test(complog, an_unchanged_prefix_is_not_checked_again_and_the_chain_goes_on)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res, whole;
	struct complog_resume z;
	struct seen s;
	char *log = keep(in_tmp("c.log"));

	append_n(log, k, 1, 3);
	sign_trust_add(&t, &pub, "station");
	cr_assert_eq(verify_from(log, &t, &s, NULL, &res), 0);
	resume_of(&res, &z);
	append_n(log, k, 4, 2);
	/* The new records only. */
	z.report_from = z.seq + 1;
	cr_assert_eq(verify_from(log, &t, &s, &z, &res), 0, "%s", s.why[0]);
	cr_expect_eq(res.prefix_use, COMPLOG_PREFIX_USED);
	cr_expect_eq(res.records, 6);
	cr_expect_eq(res.unchanged, 4);
	cr_expect_eq(res.lines, 6);
	cr_expect_eq(res.head_seq, 5);
	cr_expect_eq(s.records, 2);
	cr_expect_str_eq(s.learners[0], "Learner 4");
	/* Every record, those of the prefix parsed for the report. */
	z.report_from = 0;
	cr_assert_eq(verify_from(log, &t, &s, &z, &res), 0, "%s", s.why[0]);
	cr_expect_eq(s.records, 5);
	cr_expect_str_eq(s.learners[0], "Learner 1");
	cr_expect_str_eq(s.learners[4], "Learner 5");
	/* From a seq inside the prefix (a send cursor). */
	z.report_from = 2;
	cr_assert_eq(verify_from(log, &t, &s, &z, &res), 0, "%s", s.why[0]);
	cr_expect_eq(s.records, 4);
	cr_expect_str_eq(s.learners[0], "Learner 2");
	/* The next prefix is the one a full verification gives. */
	cr_assert_eq(verify_from(log, &t, &s, NULL, &whole), 0);
	cr_expect(res.has_prefix);
	cr_expect_eq(res.head_end, whole.head_end);
	cr_expect_eq(memcmp(res.prefix_hash, whole.prefix_hash, 32), 0);
	cr_expect_str_eq(res.head_hash, whole.head_hash);
	sign_trust_free(&t);
	sign_key_free(k);
}

/*
 * The checkpoint vouches for its bytes: a line changed before they were
 * hashed is not found (no signature in the prefix is checked), while a
 * byte changed since is, in a full verification.
 */
Test(complog, the_prefix_s_signatures_are_not_checked_but_its_bytes_are)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct complog_resume z;
	struct seen s;
	char *log = keep(in_tmp("c.log")), *text, *sig;
	size_t n;

	append_n(log, k, 1, 3);
	sign_trust_add(&t, &pub, "station");
	cr_assert_eq(verify_from(log, &t, &s, NULL, &res), 0);
	resume_of(&res, &z);
	append_n(log, k, 4, 1);
	text = slurp(log, &n);
	sig = strstr(strchr(text, '\n') + 1, "\"sig\":\"") + 7;
	*sig = *sig == 'A' ? 'B' : 'A'; /* line 2's signature */
	spit(log, text, n);
	prefix_hash(text, (size_t)z.bytes, z.prefix_hash);
	z.report_from = z.seq + 1;
	cr_expect_eq(verify_from(log, &t, &s, &z, &res), 0, "%s", s.why[0]);
	cr_expect_eq(res.prefix_use, COMPLOG_PREFIX_USED);
	cr_expect_eq(res.records, 5);
	/* Without that prefix hash, the change is found. */
	z.prefix_hash[0] ^= 1;
	cr_expect_eq(verify_from(log, &t, &s, &z, &res), 1);
	cr_expect_eq(res.prefix_use, COMPLOG_PREFIX_CHANGED);
	cr_expect_eq(res.unchanged, 0);
	cr_assert_eq(s.n, 1);
	cr_expect_eq(s.line[0], 2);
	cr_expect(strstr(s.why[0], "bad signature") != NULL, "%s", s.why[0]);
	free(text);
	sign_trust_free(&t);
	sign_key_free(k);
}

Test(complog, after_the_prefix_a_missing_record_is_named_from_its_head)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct complog_resume z;
	struct seen s;
	char *log = keep(in_tmp("c.log")), *text, *l5, *l6;
	size_t n;

	append_n(log, k, 1, 3);
	sign_trust_add(&t, &pub, "station");
	cr_assert_eq(verify_from(log, &t, &s, NULL, &res), 0);
	resume_of(&res, &z);
	append_n(log, k, 4, 2);
	/* Take out line 5 (seq 4), the first after the prefix. */
	text = slurp(log, &n);
	l5 = text + z.bytes;
	l6 = strchr(l5, '\n') + 1;
	memmove(l5, l6, strlen(l6) + 1);
	spit(log, text, strlen(text));
	z.report_from = z.seq + 1;
	cr_expect_eq(verify_from(log, &t, &s, &z, &res), 1);
	cr_expect_eq(res.prefix_use, COMPLOG_PREFIX_USED);
	cr_assert_eq(s.n, 1, "%s", s.why[0]);
	cr_expect_eq(s.line[0], 5);
	cr_expect(strstr(s.why[0], "seq 5 after seq 3 (1 record missing)") !=
		      NULL,
		  "%s", s.why[0]);
	cr_expect(!res.has_prefix);
	free(text);
	sign_trust_free(&t);
	sign_key_free(k);
}

Test(complog, a_log_shorter_than_its_prefix_is_verified_in_full)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct complog_resume z;
	struct seen s;
	char *log = keep(in_tmp("c.log")), *text, err[300];
	size_t n;

	append_n(log, k, 1, 2);
	text = slurp(log, &n);
	append_n(log, k, 3, 1);
	sign_trust_add(&t, &pub, "station");
	cr_assert_eq(verify_from(log, &t, &s, NULL, &res), 0);
	resume_of(&res, &z);
	spit(log, text, n); /* rolled back a record */
	cr_expect_eq(verify_from(log, &t, &s, &z, &res), 0);
	cr_expect_eq(res.prefix_use, COMPLOG_PREFIX_SHORTER);
	cr_expect_eq(res.records, 3);
	cr_expect_eq(res.unchanged, 0);
	cr_expect_eq(s.records, 2);
	/* The kept head is found only where it stands. */
	cr_expect_eq(complog_find_head(log, 0, z.seq, z.hash, err, sizeof err),
		     1);
	append_n(log, k, 9, 1); /* another record of the same length */
	cr_expect_eq(verify_from(log, &t, &s, &z, &res), 0);
	cr_expect_eq(res.prefix_use, COMPLOG_PREFIX_CHANGED);
	free(text);
	sign_trust_free(&t);
	sign_key_free(k);
}

Test(complog, a_head_is_looked_for_from_a_line_on_and_the_first_names_the_log)
{
	struct sign_pub pub;
	struct sign_key *k = make_key("k", &pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = keep(in_tmp("c.log")), err[300], head[65], id[33];
	long long at;

	append_n(log, k, 1, 2);
	sign_trust_add(&t, &pub, "station");
	cr_assert_eq(verify_from(log, &t, &s, NULL, &res), 0);
	memcpy(head, res.head_hash, sizeof head);
	at = res.head_end;
	append_n(log, k, 3, 1);
	cr_expect_eq(complog_find_head(log, 0, 2, head, err, sizeof err), 0);
	cr_expect_eq(complog_find_head(log, at, 2, head, err, sizeof err), 1);
	cr_assert_eq(verify_from(log, &t, &s, NULL, &res), 0);
	cr_expect_eq(
	    complog_find_head(log, at, 3, res.head_hash, err, sizeof err), 0);
	cr_expect_eq(complog_first_log_id(log, id), 0);
	cr_expect_str_eq(id, res.log_id);
	spit(log, "not a record\n", 13);
	cr_expect_eq(complog_first_log_id(log, id), -1);
	sign_trust_free(&t);
	sign_key_free(k);
}
