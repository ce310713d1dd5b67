/*
 * test_log_cli.c: the keygen, attend and verify commands as a user runs
 * them: exit codes, messages, report formats, checkpoints, CSV injection
 * and escape sequences.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "complog.h"
#include "complog_line.h"
#include "sign.h"
#include "util.h"

static char dir[64];

static void
setup(void)
{
	strcpy(dir, "/tmp/workshop-logcli-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("XDG_STATE_HOME", dir, 1);
}

/* Strings a test uses freely (paths, expected text), released at its end. */
static char *kept[64];
static size_t nkept;

static char *
keep(char *s)
{
	cr_assert_lt(nkept, 64);
	kept[nkept++] = s;
	return s;
}

#define FMT(...) keep(xasprintf(__VA_ARGS__))

static void
teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	cr_expect_eq(system(cmd), 0);
	free(cmd);
	while (nkept > 0)
		free(kept[--nkept]);
}

TestSuite(logcli, .init = setup, .fini = teardown);

struct run {
	int rc;
	char *out;
	char *err;
};

static char *
slurp(const char *path)
{
	size_t len;
	char *s = util_read_file(path, 1 << 24, &len);

	cr_assert_not_null(s, "cannot read %s", path);
	return s;
}

static struct run
run_argv(const struct cli_command *cmd, char **argv)
{
	char out[] = "/tmp/workshop-out-XXXXXX",
	     err[] = "/tmp/workshop-err-XXXXXX";
	int fo = mkstemp(out), fe = mkstemp(err);
	int so = dup(1), se = dup(2), argc = 0;
	struct run r;

	while (argv[argc] != NULL)
		argc++;
	cr_assert(fo >= 0 && fe >= 0);
	fflush(stdout);
	fflush(stderr);
	dup2(fo, 1);
	dup2(fe, 2);
	r.rc = cmd->run(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(fo);
	close(fe);
	close(so);
	close(se);
	r.out = slurp(out);
	r.err = slurp(err);
	unlink(out);
	unlink(err);
	return r;
}

/* Run cmd with the words of a NULL-terminated list (copied, mutable). */
#define RUN(cmd, ...)                                                          \
	run_words(&(cmd), (const char *[]){(cmd).name, __VA_ARGS__, NULL})

static struct run
run_words(const struct cli_command *cmd, const char **words)
{
	char *argv[64];
	int n = 0;
	struct run r;

	for (; words[n] != NULL && n < 63; n++)
		argv[n] = xstrdup(words[n]);
	argv[n] = NULL;
	r = run_argv(cmd, argv);
	for (int i = 0; i < n; i++)
		free(argv[i]);
	return r;
}

static void
run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* How many times needle occurs in s. */
static size_t
count(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static char *
in_tmp(const char *name)
{
	return FMT("%s/%s", dir, name);
}

static void
spit(const char *path, const char *s)
{
	FILE *fp = fopen(path, "w");

	cr_assert_not_null(fp);
	fputs(s, fp);
	fclose(fp);
}

/* A key pair "k" and a log with Ann and Bob attending basics. */
static void
make_log(char **key, char **pub, char **log)
{
	struct run r;
	char *base = in_tmp("k");

	*key = in_tmp("k.key");
	*pub = in_tmp("k.pub");
	*log = in_tmp("c.log");
	r = RUN(cmd_keygen, "-o", base, "--unencrypted");
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "basics", "-k",
		*key, "-l", *log, "-f", "Fay Tutor", "Ann Smith", "Bob Jones");
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect_str_eq(r.out, FMT("recorded attendance of 2 people at "
				    "basics in %s\n",
				    *log));
	run_free(&r);
}

Test(logcli, keygen_writes_both_files_and_refuses_to_replace_them)
{
	char *base = in_tmp("st"), *key = in_tmp("st.key");
	struct run r = RUN(cmd_keygen, "-o", base, "--unencrypted");
	struct stat st;

	cr_expect_eq(r.rc, CLI_OK);
	cr_expect(strstr(r.out, "key id: ") != NULL);
	cr_expect(
	    strstr(r.err, "warning: the secret key is stored unencrypted"));
	cr_assert_eq(stat(key, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600);
	run_free(&r);
	r = RUN(cmd_keygen, "-o", base, "--unencrypted");
	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect(strstr(r.err, "exists; not replacing it without --force"),
		  "%s", r.err);
	run_free(&r);
	r = RUN(cmd_keygen, "-o", base, "--unencrypted", "--force");
	cr_expect_eq(r.rc, CLI_OK);
	run_free(&r);
	/* A directory that cannot be written: an I/O error, exit 2. */
	r = RUN(cmd_keygen, "-o", FMT("%s/no/such/dir/st", dir),
		"--unencrypted");
	cr_expect_eq(r.rc, CLI_USAGE, "%s", r.err);
	run_free(&r);
	r = RUN(cmd_keygen, "--bogus");
	cr_expect_eq(r.rc, CLI_USAGE);
	run_free(&r);
}

Test(logcli, keygen_defaults_to_the_station_key)
{
	char *key = FMT("%s/workshop/station.key", dir);
	struct run r = RUN(cmd_keygen, "--unencrypted");

	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect_eq(access(key, F_OK), 0);
	run_free(&r);
}

Test(logcli, attend_refuses_control_characters_and_records_nothing)
{
	char *key, *pub, *log, *log2 = in_tmp("d.log");
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "basics", "-k",
		key, "-l", log2, "Ann", "Eve\x1b]0;pwned\a");
	cr_expect_eq(r.rc, CLI_FAIL);
	cr_expect_str_eq(r.err, "workshop: attendee 2: the name contains a "
				"control character (U+001B at byte 4); nothing "
				"was recorded\n");
	cr_expect_neq(access(log2, F_OK), 0);
	run_free(&r);
}

Test(logcli, attend_usage_errors_exit_2)
{
	char *key, *pub, *log;
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-k", key, "Ann");
	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect(strstr(r.err, "--module ID is required"));
	run_free(&r);
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "nope", "-k",
		key, "-l", log, "Ann");
	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect(strstr(r.err, "no module 'nope'"), "%s", r.err);
	run_free(&r);
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "basics", "-k",
		key, "-l", log);
	cr_expect_eq(r.rc, CLI_USAGE);
	run_free(&r);
}

Test(logcli, attend_reads_a_roster_with_staff_ids)
{
	char *key, *pub, *log, *roster = in_tmp("roster");
	struct run r;

	make_log(&key, &pub, &log);
	spit(roster, "# Tuesday\nCara Lee\tS-17\n\nDev Patel\n");
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "law", "-k",
		key, "-l", log, "--roster", roster);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--format", "csv", "--module", "law",
		log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, ",\"Cara Lee\",\"S-17\",\"law\","), "%s",
		  r.out);
	cr_expect(strstr(r.out, ",\"Dev Patel\",\"\",\"law\","), "%s", r.out);
	cr_expect(strstr(r.out, "Ann Smith") == NULL);
	run_free(&r);
}

Test(logcli, verify_passes_a_good_log_with_a_table)
{
	char *key, *pub, *log;
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_verify, "-k", pub, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	/* The verdict first, then the table. */
	cr_expect(strstr(r.out, FMT("%s: PASS: 3 records, ends at seq 2",
				    log)) == r.out,
		  "%s", r.out);
	cr_expect(strstr(r.out, "\nLEARNER "), "%s", r.out);
	cr_expect(strstr(r.out, "\nAnn Smith                basics             "
				"  attended  -"),
		  "%s", r.out);
	cr_expect(strstr(r.out, "signed by k ("), "%s", r.out);
	cr_expect_str_empty(r.err);
	run_free(&r);
}

Test(logcli, verify_exits_1_naming_the_line_of_a_tampered_record)
{
	char *key, *pub, *log, *text, *at;
	struct run r;

	make_log(&key, &pub, &log);
	text = slurp(log);
	at = strstr(text, "Bob Jones");
	at[0] = 'R';
	spit(log, text);
	r = RUN(cmd_verify, "-k", pub, log);
	cr_expect_eq(r.rc, CLI_FAIL);
	cr_expect(strstr(r.err, FMT("%s:3: error: bad signature", log)), "%s",
		  r.err);
	cr_expect(strstr(r.out, ": FAIL: 1 problem in 3 lines; 2 records "
				"verified"),
		  "%s", r.out);
	run_free(&r);
	free(text);
}

Test(logcli, verify_exits_1_on_an_untrusted_key_and_names_its_id)
{
	char *key, *pub, *log, *other = in_tmp("o");
	struct run r;
	struct sign_pub p;
	char err[200];

	make_log(&key, &pub, &log);
	r = RUN(cmd_keygen, "-o", other, "--unencrypted");
	run_free(&r);
	cr_assert_eq(sign_pub_load(pub, &p, err, sizeof err), 0);
	r = RUN(cmd_verify, "-k", FMT("%s.pub", other), log);
	cr_expect_eq(r.rc, CLI_FAIL);
	/* One line names the key and the count, not one line a record. */
	cr_expect(strstr(r.err, FMT("%s:1: error: all 3 records are signed "
				    "by untrusted key %s",
				    log, p.key_id)),
		  "%s", r.err);
	cr_expect_eq(count(r.err, ": error: "), 1, "%s", r.err);
	cr_expect(strstr(r.out, "FAIL: 1 problem in 3 lines"), "%s", r.out);
	run_free(&r);
}

Test(logcli, verify_usage_and_io_errors_exit_2)
{
	char *key, *pub, *log;
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_verify, log);
	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect(strstr(r.err, "no trusted keys"), "%s", r.err);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "/nonexistent/log");
	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect(strstr(r.err, "/nonexistent/log: error: cannot open"), "%s",
		  r.err);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--format", "xml", log);
	cr_expect_eq(r.rc, CLI_USAGE);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--since", "yesterday", log);
	cr_expect_eq(r.rc, CLI_USAGE);
	run_free(&r);
}

Test(logcli, verify_reads_a_trusted_keys_file_with_labels)
{
	char *key, *pub, *log, *trust = in_tmp("trusted"), *text, *b64;
	struct run r;

	make_log(&key, &pub, &log);
	text = slurp(pub);
	b64 = strchr(text, '\n') + 1;
	spit(trust, FMT("# managers' keys\n%.*s Training room PC\n",
			(int)strcspn(b64, "\n"), b64));
	r = RUN(cmd_verify, "--keys", trust, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, "signed by Training room PC ("), "%s", r.out);
	run_free(&r);
	spit(trust, "garbage here\n");
	r = RUN(cmd_verify, "--keys", trust, log);
	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect(strstr(r.err, "trusted:1: expected a base64 public key"),
		  "%s", r.err);
	run_free(&r);
	/* A misspelt window is no part of the label: a usage error. */
	spit(trust, FMT("# managers' keys\n%.*s Training room PC "
			"to=2020-01-01\n",
			(int)strcspn(b64, "\n"), b64));
	r = RUN(cmd_verify, "--keys", trust, log);
	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect(strstr(r.err, FMT("%s:2: unknown option 'to=': expected "
				    "from=YYYY-MM-DD or until=YYYY-MM-DD",
				    trust)),
		  "%s", r.err);
	cr_expect_str_eq(r.out, "");
	run_free(&r);
	free(text);
}

Test(logcli, a_checkpoint_is_written_then_catches_a_rollback)
{
	char *key, *pub, *log, *cp = in_tmp("cp"), *before;
	struct run r;

	make_log(&key, &pub, &log);
	before = slurp(log);
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "basics", "-k",
		key, "-l", log, "Cy");
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.err, "wrote the checkpoint"), "%s", r.err);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	spit(log, before); /* a rollback: still a valid log on its own */
	r = RUN(cmd_verify, "-k", pub, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_FAIL);
	cr_expect(strstr(r.err, "no longer contains the checkpointed head (seq "
				"3"),
		  "%s", r.err);
	run_free(&r);
	free(before);
}

/*
 * A rolled-back log fails the checkpoint: its verdict says so, first, in
 * every format, and never PASS; CSV rows and the JSON log carry it; the
 * xAPI statements and the matrix leave its records out.
 */
Test(logcli, a_rolled_back_log_is_never_called_pass_in_any_format)
{
	static const char *const formats[] = {"table",	   "csv",  "json",
					      "json-logs", "xapi", "matrix",
					      "matrix-csv"};
	char *key, *pub, *log, *cp = in_tmp("cp"), *before;
	struct run r;
	json_t *j;

	make_log(&key, &pub, &log);
	before = slurp(log);
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "basics", "-k",
		key, "-l", log, "Cy");
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	spit(log, before);
	for (size_t i = 0; i < UTIL_NELEM(formats); i++) {
		const char *where, *f = formats[i];

		r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, "--format",
			f, "--content", FIXTURES "/pack", log);
		where = i == 0 ? r.out : r.err;
		cr_expect_eq(r.rc, CLI_FAIL, "%s", formats[i]);
		cr_expect(strstr(r.out, "PASS") == NULL &&
			      strstr(r.err, "PASS") == NULL,
			  "%s: %s%s", formats[i], r.out, r.err);
		cr_expect(
		    strstr(where, FMT("%s: ROLLED BACK: no longer contains "
				      "the checkpointed head (seq 3",
				      log)) == where,
		    "%s: %s", formats[i], where);
		if (strcmp(f, "csv") == 0)
			cr_expect(count(r.out, ",\"ROLLED-BACK\"\n") == 2 &&
				      strstr(r.out, "\"PASS") == NULL,
				  "%s", r.out);
		if (strcmp(f, "xapi") == 0)
			cr_expect_str_eq(r.out, "[]\n");
		if (strncmp(f, "matrix", 6) == 0)
			cr_expect(strstr(r.out, "Ann Smith") == NULL, "%s",
				  r.out);
		j = f[0] == 'j' ? json_loads(r.out, 0, NULL) : NULL;
		if (strcmp(f, "json") == 0) {
			cr_assert(json_is_array(j), "%s", r.out);
			cr_expect_eq(json_array_size(j), 2);
			for (size_t k = 0; k < json_array_size(j); k++)
				cr_expect_str_eq(
				    json_string_value(json_object_get(
					json_array_get(j, k), "log_verdict")),
				    "ROLLED-BACK");
		}
		if (strcmp(f, "json-logs") == 0)
			cr_expect_str_eq(
			    json_string_value(json_object_get(
				json_array_get(json_object_get(j, "logs"), 0),
				"verdict")),
			    "ROLLED-BACK", "%s", r.out);
		json_decref(j);
		run_free(&r);
	}
	free(before);
}

/* The table puts each log's verdict first and marks a failed log's rows. */
Test(logcli, a_failed_logs_rows_are_marked_under_its_verdict)
{
	char *key, *pub, *log, *text, *good = in_tmp("good.log");
	struct run r;
	const char *fail, *pass, *row;

	make_log(&key, &pub, &log);
	text = slurp(log);
	spit(good, text);
	*strstr(text, "Bob Jones") = 'R'; /* a changed record */
	spit(log, text);
	r = RUN(cmd_verify, "-k", pub, log, good);
	cr_expect_eq(r.rc, CLI_FAIL);
	fail = strstr(r.out, FMT("%s: FAIL: 1 problem in 3 lines; 2 records "
				 "verified, listed below marked !\n",
				 log));
	cr_expect(fail == r.out, "%s", r.out);
	row = strstr(r.out, "\n! Ann Smith ");
	pass = strstr(r.out, FMT("\n%s: PASS: 3 records", good));
	cr_expect(row != NULL && pass != NULL && row < pass, "%s", r.out);
	cr_expect(strstr(r.out, "\n  LEARNER ") != NULL, "%s", r.out);
	cr_expect(strstr(pass, "\nAnn Smith ") != NULL, "%s", r.out);
	cr_expect(strstr(pass, "\n!") == NULL, "%s", r.out);
	run_free(&r);
	free(text);
}

/* CSV keeps its rows parseable and carries each log's verdict. */
Test(logcli, csv_rows_carry_their_logs_verdict_and_every_log_has_a_row)
{
	char *key, *pub, *log, *text, *bad = in_tmp("bad.log");
	struct run r;

	make_log(&key, &pub, &log);
	text = slurp(log);
	spit(bad, "not a record\n"); /* nothing verifies */
	r = RUN(cmd_verify, "-k", pub, "--format", "csv", log, bad);
	cr_expect_eq(r.rc, CLI_FAIL);
	cr_expect(strncmp(r.out, "log,line,", 9) == 0, "%s", r.out);
	cr_expect_eq(count(r.out, FMT("\n\"%s\",", log)), 2, "%s", r.out);
	cr_expect_eq(count(r.out, ",\"PASS\"\n"), 2, "%s", r.out);
	cr_expect(strstr(r.out, FMT("\n\"%s\",,,,,,,,,,,,,,,,,\"FAIL\"\n",
				    bad)) != NULL,
		  "%s", r.out);
	/* Every row has the header's 18 cells. */
	for (const char *p = r.out; *p != '\0'; p = strchr(p, '\n') + 1) {
		size_t commas = 0;
		bool quoted = false;

		for (const char *q = p; *q != '\n'; q++) {
			quoted ^= *q == '"';
			commas += !quoted && *q == ',';
		}
		cr_expect_eq(commas, 17, "%.*s", (int)strcspn(p, "\n"), p);
	}
	run_free(&r);
	free(text);
}

/* The cells of the CSV row at line (RFC 4180 quoting), at most max. */
static size_t
csv_cells(const char *line, char cells[][300], size_t max)
{
	size_t n = 0, len = 0;
	bool quoted = false;
	const char *p;

	for (p = line; n < max; p++) {
		if (*p == '"' && quoted && p[1] == '"') {
			cells[n][len++] = *++p;
		} else if (*p == '"') {
			quoted = !quoted;
		} else if ((*p == ',' || *p == '\n' || *p == '\0') && !quoted) {
			cells[n++][len] = '\0';
			len = 0;
			if (*p != ',')
				break;
		} else if (len < 299) {
			cells[n][len++] = *p;
		}
	}
	return n;
}

/* The keys of a JSON object, in order, joined by commas. */
static char *
json_keys(json_t *o)
{
	struct strbuf b;

	strbuf_init(&b);
	for (void *it = json_object_iter(o); it != NULL;
	     it = json_object_iter_next(o, it))
		strbuf_addf(&b, "%s%s", b.len > 0 ? "," : "",
			    json_object_iter_key(it));
	return keep(b.s);
}

/*
 * Scripts written for the previous release keep working: CSV has its
 * columns where they were, log_verdict added last; json is still a
 * top-level array of record objects, each gaining log_verdict as its last
 * key, and a log none of whose records is listed has one object of its
 * own (its record fields null); json-logs gives each log's object.
 */
#define OLD_CSV_HEADER                                                         \
	"log,line,seq,date,learner,staff_id,module,module_title,result,score," \
	"max,pass_mark,content_version,mode,facilitator,key_id,key_label"
#define OLD_JSON_KEYS                                                          \
	"log,line,seq,log_id,date,learner,staff_id,module,module_title,"       \
	"result,content_version,score,max,pass_mark,facilitator,duration,"     \
	"mode,key_id"

Test(logcli, csv_and_json_keep_the_previous_shape_with_the_verdict_added)
{
	char *key, *pub, *log, *bad = in_tmp("bad.log"), cells[20][300];
	const char *row;
	struct run r;
	json_t *j, *o;

	make_log(&key, &pub, &log);
	spit(bad, "not a record\n");
	r = RUN(cmd_verify, "-k", pub, "--format", "csv", log, bad);
	cr_expect_eq(r.rc, CLI_FAIL);
	cr_expect(strncmp(r.out, OLD_CSV_HEADER ",log_verdict\n",
			  strlen(OLD_CSV_HEADER ",log_verdict\n")) == 0,
		  "%s", r.out);
	row = strchr(r.out, '\n') + 1; /* Ann's record */
	cr_assert_eq(csv_cells(row, cells, 20), 18, "%s", row);
	cr_expect_str_eq(cells[0], log);
	cr_expect_str_eq(cells[2], "1");
	cr_expect_str_eq(cells[4], "Ann Smith");
	cr_expect_str_eq(cells[16], "k");
	cr_expect_str_eq(cells[17], "PASS");
	row = strchr(strchr(row, '\n') + 1, '\n') + 1; /* bad.log */
	cr_assert_eq(csv_cells(row, cells, 20), 18, "%s", row);
	cr_expect_str_eq(cells[0], bad);
	for (int i = 1; i < 17; i++)
		cr_expect_str_eq(cells[i], "", "cell %d", i);
	cr_expect_str_eq(cells[17], "FAIL");
	run_free(&r);

	r = RUN(cmd_verify, "-k", pub, "--format", "json", log, bad);
	j = json_loads(r.out, 0, NULL);
	cr_assert(json_is_array(j), "%s", r.out);
	cr_assert_eq(json_array_size(j), 3, "%s", r.out);
	for (size_t i = 0; i < 3; i++)
		cr_expect_str_eq(json_keys(json_array_get(j, i)),
				 OLD_JSON_KEYS ",log_verdict");
	o = json_array_get(j, 1);
	cr_expect_str_eq(json_string_value(json_object_get(o, "learner")),
			 "Bob Jones");
	cr_expect_str_eq(json_string_value(json_object_get(o, "log_verdict")),
			 "PASS");
	o = json_array_get(j, 2);
	cr_expect_str_eq(json_string_value(json_object_get(o, "log")), bad);
	cr_expect_str_eq(json_string_value(json_object_get(o, "log_verdict")),
			 "FAIL");
	for (void *it = json_object_iter(o); it != NULL;
	     it = json_object_iter_next(o, it))
		cr_expect(json_is_string(json_object_iter_value(it)) ||
			      json_is_null(json_object_iter_value(it)),
			  "%s", json_object_iter_key(it));
	cr_expect(json_is_null(json_object_get(o, "seq")));
	json_decref(j);
	run_free(&r);

	r = RUN(cmd_verify, "-k", pub, "--format", "json-logs", log, bad);
	j = json_loads(r.out, 0, NULL);
	cr_assert(json_is_object(j), "%s", r.out);
	cr_expect_str_eq(json_keys(j), "logs");
	o = json_array_get(json_object_get(j, "logs"), 1);
	cr_expect_str_eq(json_keys(o),
			 "log,verdict,lines,verified,recovered,torn,log_id,"
			 "head_seq,head,keys,problems,unchanged,note,records");
	cr_expect_str_eq(json_string_value(json_object_get(o, "verdict")),
			 "FAIL");
	cr_expect_eq(json_array_size(json_object_get(o, "records")), 0);
	o = json_array_get(json_object_get(j, "logs"), 0);
	cr_expect_str_eq(
	    json_keys(json_array_get(json_object_get(o, "records"), 0)),
	    OLD_JSON_KEYS ",log_verdict");
	json_decref(j);
	run_free(&r);
}

Test(logcli, csv_neutralises_cells_a_spreadsheet_would_run)
{
	char *key, *pub, *log;
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "basics", "-k",
		key, "-l", log, "--", "=HYPERLINK(\"http://x\",\"y\")", "+1",
		"-2", "@SUM(A1)");
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--format", "csv", log);
	cr_expect_eq(r.rc, CLI_OK);
	cr_expect(
	    strstr(r.out, ",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","),
	    "%s", r.out);
	cr_expect(strstr(r.out, ",\"'+1\","));
	cr_expect(strstr(r.out, ",\"'-2\","));
	cr_expect(strstr(r.out, ",\"'@SUM(A1)\","));
	cr_expect(strstr(r.err, ": PASS: 7 records"), "%s", r.err);
	run_free(&r);
}

/* A correctly signed line whose learner name holds raw escape sequences:
 * only a forger with the key could write it, and it must still never reach
 * the terminal raw. */
Test(logcli, escape_sequences_in_a_signed_record_never_reach_the_terminal)
{
	char *key, *pub, *log, *rec, *text, err[300];
	struct sign_key *k;
	struct complog_fields f;
	unsigned char sig[64], *msg, h[32];
	char b64[100], *last, *line;
	size_t mlen;
	struct run r;
	FILE *fp;

	make_log(&key, &pub, &log);
	cr_assert_eq(sign_key_load(key, NULL, &k, err, sizeof err), 0);
	text = slurp(log);
	*strrchr(text, '\n') = '\0';
	last = strrchr(text, '\n') + 1;
	complog_fields_init(&f);
	f.seq = 3;
	memcpy(f.log, strstr(text, "\"log\":\"") + 7, 32);
	complog_line_hash(last, strlen(last), h);
	sodium_bin2hex(f.prev, sizeof f.prev, h, sizeof h);
	strcpy(f.ts, "2026-11-23T10:00:00Z");
	f.type = xstrdup("completed");
	f.learner = xstrdup("Mal\x1b[2J\x1b]0;owned\x07");
	f.module = xstrdup("basics");
	f.module_title = xstrdup("Basics");
	f.content_version = xstrdup("v");
	f.mode = xstrdup("learner");
	f.program = xstrdup("workshop 0.1.0");
	rec = complog_encode_rec(&f);
	msg = complog_signed_message(sign_key_id(k), rec, strlen(rec), &mlen);
	sign_detached(k, msg, mlen, sig);
	free(msg);
	sodium_bin2base64(b64, sizeof b64, sig, 64,
			  sodium_base64_VARIANT_ORIGINAL);
	line = FMT("{\"sig\":\"%s\",\"kid\":\"%s\",\"rec\":%s}\n", b64,
		   sign_key_id(k), rec);
	fp = fopen(log, "a");
	fputs(line, fp);
	fclose(fp);
	r = RUN(cmd_verify, "-k", pub, log);
	cr_expect_eq(r.rc, CLI_FAIL);
	cr_expect(strchr(r.out, 0x1b) == NULL);
	cr_expect(strchr(r.err, 0x1b) == NULL);
	cr_expect(strstr(r.err, ":4: error: rec: the learner's name contains a "
				"control character"),
		  "%s", r.err);
	run_free(&r);
	complog_fields_free(&f);
	sign_key_free(k);
	free(rec);
	free(text);
}

Test(logcli, json_and_xapi_reports_carry_verified_records_only)
{
	char *key, *pub, *log, *keyabs;
	struct sign_key *k;
	char err[300];
	struct run r;
	json_t *j, *s;
	json_error_t je;

	make_log(&key, &pub, &log);
	cr_assert_eq(sign_key_load(key, NULL, &k, err, sizeof err), 0);
	struct complog_record rec = {.event = "passed",
				     .learner = "Ann Smith",
				     .staff_id = "S-1",
				     .module = "law",
				     .module_title = "Law",
				     .content_version = "v1",
				     .score = 9,
				     .total = 10,
				     .pass_mark = 80,
				     .mode = "kiosk"};
	cr_assert_eq(complog_append(log, k, &rec, err, sizeof err), 0);
	keyabs = pub;
	r = RUN(cmd_verify, "-k", keyabs, "--format", "json", "--learner",
		"S-1", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	j = json_loads(r.out, 0, &je);
	cr_assert_not_null(j, "%s: %s", je.text, r.out);
	cr_assert_eq(json_array_size(j), 1, "%s", r.out);
	s = json_array_get(j, 0);
	cr_expect_str_eq(json_string_value(json_object_get(s, "result")),
			 "passed");
	cr_expect_eq(json_integer_value(json_object_get(s, "score")), 9);
	cr_expect_str_eq(json_string_value(json_object_get(s, "log_verdict")),
			 "PASS");
	json_decref(j);
	run_free(&r);

	r = RUN(cmd_verify, "-k", keyabs, "--format", "json-logs", "--learner",
		"S-1", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	j = json_loads(r.out, 0, &je);
	cr_assert_not_null(j, "%s: %s", je.text, r.out);
	cr_assert_eq(json_array_size(json_object_get(j, "logs")), 1);
	s = json_array_get(json_object_get(j, "logs"), 0);
	cr_expect_str_eq(json_string_value(json_object_get(s, "verdict")),
			 "PASS");
	cr_expect_eq(json_integer_value(json_object_get(s, "verified")), 4);
	cr_assert_eq(json_array_size(json_object_get(s, "records")), 1);
	s = json_array_get(json_object_get(s, "records"), 0);
	cr_expect_str_eq(json_string_value(json_object_get(s, "result")),
			 "passed");
	cr_expect_eq(json_integer_value(json_object_get(s, "score")), 9);
	json_decref(j);
	run_free(&r);

	r = RUN(cmd_verify, "-k", keyabs, "--format", "xapi", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	j = json_loads(r.out, 0, &je);
	cr_assert_not_null(j, "%s", je.text);
	cr_assert_eq(json_array_size(j), 3);
	s = json_array_get(j, 2);
	cr_expect_str_eq(json_string_value(
			     json_object_get(json_object_get(s, "verb"), "id")),
			 "http://adlnet.gov/expapi/verbs/passed");
	cr_expect(json_is_true(
	    json_object_get(json_object_get(s, "result"), "success")));
	cr_expect_eq(
	    json_integer_value(json_object_get(
		json_object_get(json_object_get(s, "result"), "score"), "raw")),
	    9);
	cr_expect_null(json_object_get(json_array_get(j, 0), "result"),
		       "attended carries no result");
	/* Ids are deterministic: the same on a second run. */
	{
		struct run r2 =
		    RUN(cmd_verify, "-k", keyabs, "--format", "xapi", log);

		cr_expect_str_eq(r.out, r2.out);
		run_free(&r2);
	}
	json_decref(j);
	run_free(&r);
	sign_key_free(k);
}

Test(logcli, date_filters_select_records)
{
	char *key, *pub, *log;
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_verify, "-k", pub, "--until", "2000-01-01", log);
	cr_expect_eq(r.rc, CLI_OK);
	cr_expect(strstr(r.out, "(no records to show)"), "%s", r.out);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--since", "2000-01-01", log);
	cr_expect(strstr(r.out, "Bob Jones"), "%s", r.out);
	run_free(&r);
}

Test(logcli, a_500_name_roster_and_1000_byte_names_are_recorded, .timeout = 120)
{
	char *key, *pub, *log, *roster = in_tmp("roster"), *name;
	struct strbuf b;
	struct run r;

	make_log(&key, &pub, &log);
	strbuf_init(&b);
	for (int i = 0; i < 500; i++)
		strbuf_addf(&b, "Attendee %03d\tS-%d\n", i, i);
	spit(roster, b.s);
	strbuf_free(&b);
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "law", "-k",
		key, "-l", log, "--roster", roster);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect_str_eq(r.out, FMT("recorded attendance of 500 people at law "
				    "in %s\n",
				    log));
	run_free(&r);
	name = keep(xmalloc(1001));
	memset(name, 'n', 1000);
	name[1000] = '\0';
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "law", "-k",
		key, "-l", log, name);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	name = keep(xmalloc(1002));
	memset(name, 'n', 1001);
	name[1001] = '\0';
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "law", "-k",
		key, "-l", log, name);
	cr_expect_eq(r.rc, CLI_FAIL);
	cr_expect(strstr(r.err, "the name is too long (1001 bytes; at most "
				"1000)"),
		  "%s", r.err);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--format", "csv", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.err, ": PASS: 504 records"), "%s", r.err);
	cr_expect(strstr(r.out, "\"Attendee 499\",\"S-499\""));
	run_free(&r);
}

Test(logcli, the_table_lines_up_names_by_columns_not_bytes)
{
	char *key, *pub, *log;
	struct run r;

	make_log(&key, &pub, &log);
	/* As main does: the user's locale, here a UTF-8 one, for wcwidth. */
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "basics", "-k",
		key, "-l", log, "Zoë Brontë", "李小龍");
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, "\nZoë Brontë               basics "), "%s",
		  r.out);
	cr_expect(strstr(r.out, "\n李小龍                   basics "), "%s",
		  r.out);
	run_free(&r);
}

Test(logcli,
     attend_keeps_a_checkpoint_at_each_session_end_that_catches_a_rollback)
{
	char *key, *pub, *log, *cp = in_tmp("sessions.cp"), *after_first;
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "basics", "-k",
		key, "-l", log, "--checkpoint", cp, "Cy");
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, FMT("checkpoint: seq 3 of log ")), "%s", r.out);
	run_free(&r);
	after_first = keep(slurp(log));
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "law", "-k",
		key, "-l", log, "--checkpoint", cp, "Di", "Ed");
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, "checkpoint: seq 5 of log "), "%s", r.out);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	spit(log, after_first); /* the second session's records removed */
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_FAIL);
	cr_expect(strstr(r.err, "no longer contains the checkpointed head (seq "
				"5"),
		  "%s", r.err);
	run_free(&r);
}

Test(logcli, options_after_names_are_options_and_never_signed_names)
{
	char *key, *pub, *log, *log2 = in_tmp("e.log"), *text;
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "basics", "-k",
		key, "-l", log2, "Ann Smith", "--facilitator", "Fay Tutor");
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect_str_eq(r.out, FMT("recorded attendance of 1 person at "
				    "basics in %s\n",
				    log2));
	run_free(&r);
	text = keep(slurp(log2));
	cr_expect_null(strstr(text, "\"name\":\"--facilitator\""), "%s", text);
	cr_expect(strstr(text, "\"facilitator\":\"Fay Tutor\""), "%s", text);

	/* A lone "-" or a dash-name is refused unless it follows "--". */
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "basics", "-k",
		key, "-l", log2, "Bob Jones", "-");
	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect(strstr(r.err, "looks like an option"), "%s", r.err);
	run_free(&r);
	cr_expect_str_eq(keep(slurp(log2)), text, "nothing was recorded");
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "basics", "-k",
		key, "-l", log2, "--", "-Dash");
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	cr_expect(strstr(keep(slurp(log2)), "\"name\":\"-Dash\""));
}

/* make_log's log with a session record for the day after it. */
static void
add_session(const char *key, const char *log)
{
	static const unsigned before[] = {0, 1, 3, 4, 2, 2, 2, 2, 2, 2};
	static const unsigned after[] = {0, 0, 1, 5, 4, 0, 0, 0, 5, 5};
	struct complog_tallies t = {.set = "confidence",
				    .scale = 5,
				    .nq = 2,
				    .before = before,
				    .after = after};
	struct complog_record rec = {.event = "session",
				     .module = "day",
				     .module_title = "A sample day",
				     .content_version = "v1",
				     .score = -1,
				     .total = -1,
				     .pass_mark = -1,
				     .facilitator = "Fay Tutor",
				     .mode = "facilitator",
				     .present = 2,
				     .tallies = &t};
	struct sign_key *k;
	char err[300];

	cr_assert_eq(sign_key_load(key, NULL, &k, err, sizeof err), 0);
	cr_assert_eq(complog_append(log, k, &rec, err, sizeof err), 0, "%s",
		     err);
	sign_key_free(k);
}

Test(logcli,
     the_session_record_is_listed_with_its_counts_but_never_as_a_learner)
{
	char *key, *pub, *log;
	struct run r;
	json_t *j, *s;
	json_error_t je;

	make_log(&key, &pub, &log);
	add_session(key, log);

	r = RUN(cmd_verify, "-k", pub, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, "(2 present)") != NULL, "%s", r.out);
	cr_expect(strstr(r.out, " session ") != NULL, "%s", r.out);
	run_free(&r);

	r = RUN(cmd_verify, "-k", pub, "--format", "csv", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, ",\"\",\"\",\"day\",\"A sample day\","
				"\"session\",,,,") != NULL,
		  "%s", r.out);
	cr_expect_eq(count(r.out, ",\"PASS\"\n"), 3, "%s", r.out);
	run_free(&r);

	r = RUN(cmd_verify, "-k", pub, "--format", "json", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	j = json_loads(r.out, 0, &je);
	cr_assert_not_null(j, "%s: %s", je.text, r.out);
	cr_assert_eq(json_array_size(j), 3);
	s = json_array_get(j, 2);
	cr_expect_str_eq(json_string_value(json_object_get(s, "result")),
			 "session");
	cr_expect(json_is_null(json_object_get(s, "learner")));
	cr_expect_eq(json_integer_value(json_object_get(s, "present")), 2);
	{
		char *t =
		    json_dumps(json_object_get(s, "tallies"), JSON_COMPACT);

		cr_expect_str_eq(t, "{\"set\":\"confidence\",\"scale\":5,"
				    "\"before\":[[0,1,3,4,2],[2,2,2,2,2]],"
				    "\"after\":[[0,0,1,5,4],[0,0,0,5,5]]}");
		free(t);
	}
	cr_expect_null(json_object_get(json_array_get(j, 0), "tallies"));
	json_decref(j);
	run_free(&r);

	/* Not a learner's statement, nor in a learner's report. */
	r = RUN(cmd_verify, "-k", pub, "--format", "xapi", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	j = json_loads(r.out, 0, &je);
	cr_assert_not_null(j, "%s", je.text);
	cr_expect_eq(json_array_size(j), 2);
	cr_expect(strstr(r.out, "session") == NULL, "%s", r.out);
	json_decref(j);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--format", "json", "--learner",
		"Ann Smith", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	j = json_loads(r.out, 0, &je);
	cr_assert_not_null(j, "%s", je.text);
	cr_expect_eq(json_array_size(j), 1);
	cr_expect(strstr(r.out, "\"session\"") == NULL, "%s", r.out);
	json_decref(j);
	run_free(&r);
}

/* ---- Checkpoints that move forward and notice a replaced log ------------- */

static void
attend_one(const char *key, const char *log, const char *name)
{
	struct run r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m",
			   "basics", "-k", key, "-l", log, name);

	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
}

Test(logcli, a_log_replaced_by_a_new_one_fails_the_checkpoint)
{
	char *key, *pub, *log, *cp = in_tmp("checkpoints");
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	cr_assert_eq(unlink(log), 0);
	attend_one(key, log, "Cy"); /* a fresh log: a new log id */
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_FAIL, "%s", r.err);
	cr_expect(strstr(r.err, "the log was replaced") != NULL, "%s", r.err);
	cr_expect(strstr(r.err, "at this path") != NULL, "%s", r.err);
	run_free(&r);
}

Test(logcli, a_passing_verify_moves_the_checkpoint_forward)
{
	char *key, *pub, *log, *cp = in_tmp("checkpoints"), *mid, *text;
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	mid = slurp(log);
	attend_one(key, log, "Cy");
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.err, "moved the checkpoint") != NULL, "%s", r.err);
	run_free(&r);
	text = slurp(cp);
	cr_expect(strstr(text, "workshop-checkpoint ") != NULL &&
		      strstr(text, " 3 ") != NULL && strstr(text, log) != NULL,
		  "%s", text);
	free(text);
	/* Back to the head of the first verification: caught now. */
	spit(log, mid);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_FAIL, "%s", r.err);
	cr_expect(strstr(r.err, "no longer contains the checkpointed head "
				"(seq 3"),
		  "%s", r.err);
	run_free(&r);
	free(mid);
}

Test(logcli, a_checkpoint_of_two_logs_takes_one_at_a_time_and_a_new_station)
{
	char *key, *pub, *log, *log2 = in_tmp("pc2.log"),
			       *log3 = in_tmp("pc3.log"),
			       *cp = in_tmp("checkpoints"), *text;
	struct run r;

	make_log(&key, &pub, &log);
	attend_one(key, log2, "Di");
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log, log2);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	attend_one(key, log2, "Ed");
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log2);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	attend_one(key, log3, "Flo");
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log3);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	text = slurp(cp);
	cr_expect(strstr(text, log) != NULL && strstr(text, log2) != NULL &&
		      strstr(text, log3) != NULL,
		  "%s", text);
	free(text);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log, log2, log3);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
}

/* ---- xAPI agents ----------------------------------------------------------
 */

static const char *
jpath(json_t *j, const char *a, const char *b, const char *c)
{
	json_t *x = json_object_get(j, a);

	if (b != NULL)
		x = json_object_get(x, b);
	if (c != NULL)
		x = json_object_get(x, c);
	return json_string_value(x);
}

Test(logcli, xapi_agents_have_an_account_at_a_url)
{
	char *key, *pub, *log;
	struct run r;
	json_t *j, *s, *ins;
	json_error_t je;

	make_log(&key, &pub, &log); /* facilitator Fay Tutor, no staff ids */
	r = RUN(cmd_verify, "-k", pub, "--format", "xapi", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	j = json_loads(r.out, 0, &je);
	cr_assert_not_null(j, "%s", je.text);
	s = json_array_get(j, 0);
	cr_expect_str_eq(jpath(s, "actor", "account", "homePage"),
			 "https://workshop.invalid/staff");
	cr_expect_str_eq(jpath(s, "actor", "account", "name"), "Ann Smith");
	ins = json_object_get(json_object_get(s, "context"), "instructor");
	cr_assert_not_null(ins, "%s", r.out);
	cr_expect_str_eq(jpath(ins, "objectType", NULL, NULL), "Agent");
	cr_expect_str_eq(jpath(ins, "name", NULL, NULL), "Fay Tutor");
	cr_expect_str_eq(jpath(ins, "account", "homePage", NULL),
			 "https://workshop.invalid/staff");
	cr_expect_str_eq(jpath(ins, "account", "name", NULL), "Fay Tutor");
	json_decref(j);
	run_free(&r);

	r = RUN(cmd_verify, "-k", pub, "--format", "xapi", "--xapi-home",
		"https://lms.example.org/", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, "\"homePage\":\"https://lms.example.org/\"") !=
		      NULL,
		  "%s", r.out);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--format", "xapi", "--xapi-home",
		"urn:workshop:staff", log);
	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect(strstr(r.err, "--xapi-home: expected an http:// or https:// "
				"URL"),
		  "%s", r.err);
	run_free(&r);
}

Test(logcli,
     csv_keeps_the_data_as_it_is_and_names_with_format_characters_are_refused)
{
	char *key, *pub, *log;
	struct run r;

	make_log(&key, &pub, &log);
	attend_one(key, log, "O\\Brien");
	r = RUN(cmd_verify, "-k", pub, "--format", "csv", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, ",\"O\\Brien\",") != NULL, "%s", r.out);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, log);
	cr_expect(strstr(r.out, "O\\\\Brien") != NULL, "%s", r.out);
	run_free(&r);
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "basics", "-k",
		key, "-l", log, "Ann\xe2\x80\xaeSmith");
	cr_expect_neq(r.rc, CLI_OK);
	cr_expect(strstr(r.err, "invisible format character (U+202E") != NULL,
		  "%s", r.err);
	run_free(&r);
}

Test(logcli, impossible_dates_are_usage_errors)
{
	char *key, *pub, *log;
	struct run r;
	static const char *const bad[][2] = {{"--since", "2026-02-30"},
					     {"--until", "2026-13-01"},
					     {"--since", "2026-00-01"},
					     {"--until", "2025-02-29"}};

	make_log(&key, &pub, &log);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = RUN(cmd_verify, "-k", pub, bad[i][0], bad[i][1], log);
		cr_expect_eq(r.rc, CLI_USAGE, "%s %s", bad[i][0], bad[i][1]);
		cr_expect(strstr(r.err, "expected a date YYYY-MM-DD") != NULL,
			  "%s", r.err);
		run_free(&r);
	}
	r = RUN(cmd_verify, "-k", pub, "--since", "2026-03-01", "--until",
		"2026-02-01", log);
	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect(strstr(r.err, "--since 2026-03-01 is after --until "
				"2026-02-01") != NULL,
		  "%s", r.err);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--since", "2024-02-29", "--until",
		"2024-02-29", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
}

Test(logcli, the_pass_line_counts_recovered_fragments)
{
	char *key, *pub, *log;
	struct run r;
	FILE *fp;

	make_log(&key, &pub, &log);
	fp = fopen(log, "a");
	cr_assert_not_null(fp);
	fputs("{\"sig\":\"cut short", fp); /* an append cut short */
	fclose(fp);
	/* Not tampering: its own verdict, and exit status 0. */
	r = RUN(cmd_verify, "-k", pub, log);
	cr_expect_eq(r.rc, CLI_OK);
	cr_expect(strstr(r.err, FMT("%s:4: torn: torn last line", log)) != NULL,
		  "%s", r.err);
	cr_expect(
	    strstr(r.out, FMT("%s: PASS, with a torn last line (an append "
			      "was cut short; the next append sets it "
			      "aside): 3 records, ends at seq 2",
			      log)) == r.out,
	    "%s", r.out);
	run_free(&r);
	attend_one(key, log, "Cy");
	r = RUN(cmd_verify, "-k", pub, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, ": PASS: 5 records (1 recovered fragment), "
				"ends at seq 4") != NULL,
		  "%s", r.out);
	run_free(&r);
}

Test(logcli,
     attend_refuses_a_log_ending_in_another_logs_line_and_verify_blames_only_it)
{
	char *key, *pub, *log, *other = in_tmp("other.log"), *text, *otext;
	char *line2, *nl;
	struct run r;
	FILE *fp;

	make_log(&key, &pub, &log);
	attend_one(key, other, "Q");
	otext = slurp(other);
	line2 = strchr(otext, '\n') + 1;
	nl = strchr(line2, '\n');
	nl[1] = '\0';
	fp = fopen(log, "a");
	cr_assert_not_null(fp);
	fputs(line2, fp);
	fclose(fp);
	text = slurp(log);
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "basics", "-k",
		key, "-l", log, "A", "B");
	cr_expect_eq(r.rc, CLI_FAIL, "%s", r.err);
	cr_expect(strstr(r.err, "the log's last line is not this log's; run "
				"workshop verify") != NULL,
		  "%s", r.err);
	run_free(&r);
	{
		char *after = slurp(log);

		cr_expect_str_eq(after, text);
		free(after);
	}
	r = RUN(cmd_verify, "-k", pub, log);
	cr_expect_eq(r.rc, CLI_FAIL);
	cr_expect(strstr(r.err, ":4: error: record of another log") != NULL,
		  "%s", r.err);
	cr_expect(strstr(r.out, "FAIL: 1 problem in 4 lines; 3 records "
				"verified") != NULL,
		  "%s", r.out);
	run_free(&r);
	free(text);
	free(otext);
}

/* ---- Verifying only what is new since the checkpoint --------------------- */

/* The checkpoint file's text without its prefix lines: as an earlier
 * release wrote it. */
static void
strip_prefixes(const char *cp)
{
	char *text = slurp(cp), *p;

	while ((p = strstr(text, "\n#workshop-prefix ")) != NULL)
		memmove(p + 1, strchr(p + 1, '\n') + 1,
			strlen(strchr(p + 1, '\n') + 1) + 1);
	spit(cp, text);
	free(text);
}

Test(logcli, a_second_verify_checks_only_the_records_new_since_the_checkpoint)
{
	char *key, *pub, *log, *cp = in_tmp("cp"), *text;
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, ": PASS: 3 records, ends at seq 2") != NULL,
		  "%s", r.out);
	run_free(&r);
	text = slurp(cp);
	cr_expect(strstr(text, "\n#workshop-prefix 1 ") != NULL, "%s", text);
	free(text);
	attend_one(key, log, "Cy");
	attend_one(key, log, "Di");
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, FMT("%s: PASS: 5 records (2 new since the "
				    "checkpoint, 3 unchanged), ends at seq 4",
				    log)) == r.out,
		  "%s", r.out);
	/* Every record is still listed. */
	cr_expect(strstr(r.out, "\nAnn Smith ") != NULL &&
		      strstr(r.out, "\nDi ") != NULL,
		  "%s", r.out);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, "--format",
		"json-logs", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, "\"unchanged\":5,\"note\":null,") != NULL, "%s",
		  r.out);
	cr_expect(strstr(r.err, "(0 new since the checkpoint, 5 unchanged)") !=
		      NULL,
		  "%s", r.err);
	run_free(&r);
}

/* --new lists only the records after the checkpoint, in every format. */
Test(logcli, new_lists_only_the_records_after_the_checkpoint_in_every_format)
{
	static const char *const formats[] = {"table",	   "csv",  "json",
					      "json-logs", "xapi", "matrix",
					      "matrix-csv"};
	char *key, *pub, *log, *cp = in_tmp("cp"), *kept_cp;
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	attend_one(key, log, "Cy Young");
	kept_cp = slurp(cp);
	for (size_t i = 0; i < UTIL_NELEM(formats); i++) {
		spit(cp, kept_cp); /* each run moves it forward */
		r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, "--new",
			"--format", formats[i], "--content", FIXTURES "/pack",
			log);
		cr_expect_eq(r.rc, CLI_OK, "%s: %s", formats[i], r.err);
		cr_expect(strstr(r.out, "Cy Young") != NULL, "%s: %s",
			  formats[i], r.out);
		cr_expect(strstr(r.out, "Ann Smith") == NULL &&
			      strstr(r.out, "Bob Jones") == NULL,
			  "%s: %s", formats[i], r.out);
		cr_expect(strstr(i == 0 ? r.out : r.err,
				 "(1 new since the checkpoint, 3 unchanged)") !=
			      NULL,
			  "%s: %s%s", formats[i], r.out, r.err);
		run_free(&r);
	}
	/* With an earlier release's checkpoint (no prefix), the log is
	 * verified in full, and still only what follows its head listed. */
	spit(cp, kept_cp);
	strip_prefixes(cp);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, "--new", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, ": PASS: 4 records, ends") != NULL, "%s",
		  r.out);
	cr_expect(strstr(r.out, "Cy Young") != NULL &&
		      strstr(r.out, "Ann Smith") == NULL,
		  "%s", r.out);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--new", log);
	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect(strstr(r.err, "--new needs --checkpoint FILE") != NULL, "%s",
		  r.err);
	run_free(&r);
	free(kept_cp);
}

Test(logcli, an_edit_before_the_checkpoint_falls_back_to_a_full_verification)
{
	char *key, *pub, *log, *cp = in_tmp("cp"), *text, *note, *bad;
	struct run r;
	size_t n;

	make_log(&key, &pub, &log);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	text = slurp(log);
	n = strlen(text);
	attend_one(key, log, "Cy");
	free(text);
	text = slurp(log);
	*strstr(text, "Bob Jones") = 'R'; /* line 3, before the checkpoint */
	spit(log, text);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_FAIL, "%s", r.err);
	/* The changed line, and the head kept that it was. */
	cr_expect(strstr(r.out, ": FAIL: 2 problems in 4 lines; 3 records "
				"verified") != NULL,
		  "%s", r.out);
	note = strstr(r.err, FMT("%s: the %zu bytes verified at the last "
				 "checkpoint have changed since; verifying in "
				 "full\n",
				 log, n));
	bad = strstr(r.err, FMT("%s:3: error: bad signature", log));
	cr_expect(note != NULL && bad != NULL && note < bad, "%s", r.err);
	cr_expect(strstr(r.err, "was not moved forward") != NULL, "%s", r.err);
	run_free(&r);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, "--format",
		"json-logs", log);
	cr_expect(strstr(r.out, "\"unchanged\":0,\"note\":\"the ") != NULL,
		  "%s", r.out);
	run_free(&r);
	free(text);
}

Test(logcli, a_log_cut_short_since_the_checkpoint_is_rolled_back)
{
	char *key, *pub, *log, *cp = in_tmp("cp"), *before;
	struct run r;

	make_log(&key, &pub, &log);
	before = slurp(log);
	attend_one(key, log, "Cy");
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	spit(log, before);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_FAIL, "%s", r.err);
	cr_expect(strstr(r.out, FMT("%s: ROLLED BACK: no longer contains the "
				    "checkpointed head (seq 3",
				    log)) == r.out,
		  "%s", r.out);
	cr_expect(strstr(r.err, "the log is shorter than the ") != NULL, "%s",
		  r.err);
	run_free(&r);
	free(before);
}

/* A head workshop attend kept after the prefix verify kept is looked for
 * in the bytes after that prefix: cut back to the prefix, it is gone. */
Test(logcli, a_session_end_head_after_the_prefix_is_still_required)
{
	char *key, *pub, *log, *cp = in_tmp("cp"), *before;
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	before = slurp(log);
	r = RUN(cmd_attend, "--content", FIXTURES "/pack", "-m", "basics", "-k",
		key, "-l", log, "--checkpoint", cp, "Cy");
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	spit(log, before); /* the bytes verify kept, unchanged */
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_FAIL, "%s", r.err);
	cr_expect(strstr(r.out, FMT("%s: ROLLED BACK: no longer contains the "
				    "checkpointed head (seq 3",
				    log)) == r.out,
		  "%s", r.out);
	run_free(&r);
	free(before);
}

Test(logcli, an_earlier_release_s_checkpoint_is_read_then_upgraded)
{
	char *key, *pub, *log, *cp = in_tmp("cp"), *text;
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	strip_prefixes(cp);
	attend_one(key, log, "Cy");
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, ": PASS: 4 records, ends at seq 3") != NULL,
		  "%s", r.out);
	cr_expect(strstr(r.err, "moved the checkpoint") != NULL, "%s", r.err);
	run_free(&r);
	text = slurp(cp);
	cr_expect(strstr(text, "\n#workshop-prefix 1 ") != NULL, "%s", text);
	free(text);
	attend_one(key, log, "Di");
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, "(1 new since the checkpoint, 4 unchanged)") !=
		      NULL,
		  "%s", r.out);
	run_free(&r);
}

/* The checkpoint vouches for what was signed by keys trusted as they are
 * now: a key dropped or a window changed since means a full verification;
 * a key trusted besides does not. */
Test(logcli, a_change_in_the_signing_keys_trust_means_a_full_verification)
{
	char *key, *pub, *log, *cp = in_tmp("cp"), *keys = in_tmp("trusted"),
			       *text, *b64, *other = in_tmp("o");
	struct run r;

	make_log(&key, &pub, &log);
	text = slurp(pub);
	b64 = strchr(text, '\n') + 1;
	*strchr(b64, '\n') = '\0';
	spit(keys, FMT("%s station\n", b64));
	r = RUN(cmd_verify, "--keys", keys, "--checkpoint", cp, log);
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	r = RUN(cmd_keygen, "-o", other, "--unencrypted");
	run_free(&r);
	r = RUN(cmd_verify, "--keys", keys, "-k", FMT("%s.pub", other),
		"--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, "(0 new since the checkpoint, 3 unchanged)") !=
		      NULL,
		  "%s", r.out);
	run_free(&r);
	spit(keys, FMT("%s station until=2099-12-31\n", b64));
	r = RUN(cmd_verify, "--keys", keys, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, ": PASS: 3 records, ends") != NULL, "%s",
		  r.out);
	cr_expect(strstr(r.err, FMT("%s: the trusted keys that signed the "
				    "records before the checkpoint have "
				    "changed since",
				    log)) != NULL,
		  "%s", r.err);
	run_free(&r);
	r = RUN(cmd_verify, "--keys", keys, "--checkpoint", cp, log);
	cr_expect(strstr(r.out, "(0 new since the checkpoint, 3 unchanged)") !=
		      NULL,
		  "%s", r.out);
	run_free(&r);
	r = RUN(cmd_verify, "-k", FMT("%s.pub", other), "--checkpoint", cp,
		log);
	cr_expect_eq(r.rc, CLI_FAIL, "%s", r.err);
	cr_expect(strstr(r.err,
			 "which signed records before the checkpoint, "
			 "is no longer trusted; verifying in full") != NULL,
		  "%s", r.err);
	cr_expect(strstr(r.err, "signed by untrusted key") != NULL, "%s",
		  r.err);
	run_free(&r);
	free(text);
}

/* send --checkpoint goes on from verify's checkpoint by the same code; a
 * dry run needs no LRS and changes no checkpoint. */
Test(logcli, send_verifies_from_the_checkpoint_as_verify_does)
{
	char *key, *pub, *log, *cp = in_tmp("cp"), *before, *text;
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	attend_one(key, log, "Cy");
	before = slurp(cp);
	r = RUN(cmd_send, "--lrs", "http://127.0.0.1:9/xAPI", "--dry-run", "-k",
		pub, "--state", in_tmp("state"), "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, "would send 3 new records, seq 1 to 3") != NULL,
		  "%s", r.out);
	cr_expect_str_eq(r.err, "");
	run_free(&r);
	text = slurp(cp);
	cr_expect_str_eq(text, before);
	free(text);
	text = slurp(log);
	*strstr(text, "Ann Smith") = 'E';
	spit(log, text);
	r = RUN(cmd_send, "--lrs", "http://127.0.0.1:9/xAPI", "--dry-run", "-k",
		pub, "--state", in_tmp("state"), "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_FAIL, "%s", r.err);
	cr_expect(strstr(r.err, "at the last checkpoint have changed since; "
				"verifying in full") != NULL,
		  "%s", r.err);
	cr_expect(strstr(r.err, ":2: error: bad signature") != NULL, "%s",
		  r.err);
	cr_expect(strstr(r.err, "not sent: it failed verification") != NULL,
		  "%s", r.err);
	run_free(&r);
	free(text);
	free(before);
}

/* A log send could not verify (no room for its temporary file) leaves the
 * checkpoint as it was: no head is kept for a log that was not verified. */
Test(logcli, send_keeps_the_checkpoint_when_a_log_cannot_be_verified)
{
	char *key, *pub, *log, *cp = in_tmp("cp"), *auth = in_tmp("auth");
	char *before, *after;
	struct run r;

	make_log(&key, &pub, &log);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_assert_eq(r.rc, CLI_OK, "%s", r.err);
	run_free(&r);
	attend_one(key, log, "Cy");
	spit(auth, "ann:pw\n");
	cr_assert_eq(chmod(auth, 0600), 0);
	before = slurp(cp);
	setenv("TMPDIR", in_tmp("no-such-dir"), 1);
	r = RUN(cmd_send, "--lrs", "http://127.0.0.1:9/xAPI", "--auth-file",
		auth, "-k", pub, "--state", in_tmp("state"), "--checkpoint", cp,
		log);
	unsetenv("TMPDIR");
	cr_expect_eq(r.rc, CLI_USAGE, "%s", r.err);
	cr_expect(strstr(r.err, "cannot make a temporary file") != NULL, "%s",
		  r.err);
	cr_expect(strstr(r.err,
			 "was not moved forward: not every log passed") != NULL,
		  "%s", r.err);
	after = slurp(cp);
	cr_expect_str_eq(after, before);
	run_free(&r);
	free(before);
	free(after);
}

/* The checkpoint is replaced under a temporary name of the writer's own:
 * another writer's temporary file (here a directory where a shared
 * "FILE.tmp" would go) is not in its way, nor its to write into. */
Test(logcli, the_checkpoint_is_replaced_through_a_temporary_file_of_its_own)
{
	char *key, *pub, *log, *cp = in_tmp("cp"), *text;
	struct stat st;
	struct run r;

	make_log(&key, &pub, &log);
	cr_assert_eq(mkdir(FMT("%s.tmp", cp), 0700), 0);
	r = RUN(cmd_verify, "-k", pub, "--checkpoint", cp, log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.err, "wrote the checkpoint") != NULL, "%s", r.err);
	run_free(&r);
	text = slurp(cp);
	cr_expect(strstr(text, "\nworkshop-checkpoint ") != NULL, "%s", text);
	cr_expect(strstr(text, "\n#workshop-prefix 1 ") != NULL, "%s", text);
	cr_expect_eq(stat(cp, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0644);
	free(text);
}

/* An endpoint the state file could not hold back is refused at once, not
 * written to the state and refused by every run after. */
Test(logcli, send_refuses_an_endpoint_longer_than_the_state_file_keeps)
{
	char *key, *pub, *log, *auth = in_tmp("auth"), *state = in_tmp("state");
	char url[2200];
	struct stat st;
	struct run r;

	make_log(&key, &pub, &log);
	spit(auth, "ann:pw\n");
	cr_assert_eq(chmod(auth, 0600), 0);
	snprintf(url, sizeof url, "http://127.0.0.1:9/%02100d", 0);
	r = RUN(cmd_send, "--lrs", url, "--auth-file", auth, "-k", pub,
		"--state", state, log);
	cr_expect_eq(r.rc, CLI_USAGE, "%s", r.err);
	cr_expect(strstr(r.err, "at most 2048 characters") != NULL, "%s",
		  r.err);
	cr_expect_neq(stat(state, &st), 0, "no state file is written");
	run_free(&r);
}
