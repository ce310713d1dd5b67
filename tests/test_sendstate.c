/* test_sendstate.c: workshop send's state file, the durable cursor. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sendstate.h"
#include "util.h"

#define URL "https://lrs.example.org/xAPI"
#define LOG1 "781a5673e38706eb520d5be434788a31"
#define LOG2 "5fd7af226273801625d73376e298367c"
#define H1 "14a3f1417a2f14d7e609a1c5e7426202d9b5c696c55369435e2def8066c20646"
#define H2 "78e211e1bf85541acc4ca4e83fbfa56ac74c109657f56a761824570eb8784767"

/* A fresh directory for one test's files; removed by the test. */
static char *
scratch(void)
{
	char tmpl[] = "/tmp/test_sendstate.XXXXXX";

	cr_assert_not_null(mkdtemp(tmpl));
	return xstrdup(tmpl);
}

static void
rm_rf(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	cr_assert_eq(system(cmd), 0);
	free(cmd);
}

Test(sendstate, what_is_written_reads_back_the_same)
{
	struct sendstate s = {0}, back;
	char *dir = scratch(), *path = util_path_join(dir, "sub/send-state");
	char *err, *text;
	struct stat st;

	sendstate_set(&s, URL, LOG1, 940, H1);
	sendstate_set(&s, URL, LOG2, 5, H2);
	sendstate_set(&s, "http://127.0.0.1:8080/xAPI", LOG1, 12, H2);
	sendstate_set(&s, URL, LOG1, 1000, H2); /* moves, does not add */
	cr_assert_eq(s.n, 3);
	cr_assert_eq(sendstate_save(path, &s, &err), 0, "%s", err);
	cr_assert_eq(stat(path, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600);
	cr_assert_eq(sendstate_load(path, &back, &err), 0, "%s", err);
	cr_assert_eq(back.n, 3);
	cr_expect_eq(sendstate_find(&back, URL, LOG1)->seq, 1000);
	cr_expect_str_eq(sendstate_find(&back, URL, LOG1)->hash, H2);
	cr_expect_eq(sendstate_find(&back, URL, LOG2)->seq, 5);
	cr_expect_eq(
	    sendstate_find(&back, "http://127.0.0.1:8080/xAPI", LOG1)->seq, 12);
	cr_expect_null(
	    sendstate_find(&back, "http://127.0.0.1:8080/xAPI", LOG2));
	text = sendstate_format(&back);
	cr_expect(strstr(text, "workshop-send-state 1\nsent " URL " " LOG1
			       " 1000 " H2 "\n") != NULL,
		  "%s", text);
	free(text);
	sendstate_free(&s);
	sendstate_free(&back);
	sendstate_free(NULL);
	rm_rf(dir);
	free(path);
	free(dir);
}

Test(sendstate, a_missing_file_is_an_empty_state)
{
	struct sendstate s;
	char *err;

	cr_assert_eq(sendstate_load("/nonexistent/send-state", &s, &err), 0);
	cr_expect_eq(s.n, 0);
	cr_expect_null(err);
}

Test(sendstate, comments_blank_lines_and_crlf_are_read)
{
	static const char text[] = "# a comment\n\nworkshop-send-state 1\r\n"
				   "# another\nsent " URL " " LOG1 " 3 " H1
				   "\r\n\nsent " URL " " LOG2 " 1 " H2;
	struct sendstate s;
	char *err;

	cr_assert_eq(sendstate_parse("st", text, strlen(text), &s, &err), 0,
		     "%s", err);
	cr_assert_eq(s.n, 2);
	cr_expect_eq(sendstate_find(&s, URL, LOG2)->seq, 1);
	sendstate_free(&s);
}

Test(sendstate, an_unreadable_file_is_a_clear_error)
{
	struct sendstate s;
	char *dir = scratch(), *err;

	/* A directory where the file should be. */
	cr_assert_eq(sendstate_load(dir, &s, &err), -1);
	cr_expect(strstr(err, dir) != NULL, "%s", err);
	free(err);
	rm_rf(dir);
	free(dir);
}

struct bad {
	char text[300];
	char want[160]; /* the message, from its line number on */
};

ParameterizedTestParameters(sendstate, a_damaged_file_names_its_line)
{
	static struct bad cases[] = {
	    {"sent " URL " " LOG1 " 3 " H1 "\n",
	     "st:1: expected 'workshop-send-state 1' as the first line, found "
	     "'sent https"},
	    {"workshop-send-state 2\n",
	     "st:1: a state file of another version (this workshop reads "
	     "version 1), found 'workshop-send-state 2'"},
	    {"workshop-send-state 1\nsent " URL " " LOG1 " 3\n",
	     "st:2: expected 'sent URL LOGID SEQ HASH', found 'sent https"},
	    {"workshop-send-state 1\nsent " URL " " LOG1 " 3 " H1 " extra\n",
	     "st:2: expected 'sent URL LOGID SEQ HASH'"},
	    {"workshop-send-state 1\nsent  " URL " " LOG1 " 3 " H1 "\n",
	     "st:2: expected 'sent URL LOGID SEQ HASH'"},
	    {"workshop-send-state 1\nsend " URL " " LOG1 " 3 " H1 "\n",
	     "st:2: expected 'sent URL LOGID SEQ HASH', found 'send "},
	    {"workshop-send-state 1\nsent ftp://x/y " LOG1 " 3 " H1 "\n",
	     "st:2: expected an http:// or https:// URL after 'sent'"},
	    {"workshop-send-state 1\nsent " URL
	     " 781A5673E38706EB520D5BE434788A31"
	     " 3 " H1 "\n",
	     "st:2: expected a log id of 32 lower-case hex digits"},
	    {"workshop-send-state 1\nsent " URL " 781a 3 " H1 "\n",
	     "st:2: expected a log id of 32 lower-case hex digits"},
	    {"workshop-send-state 1\nsent " URL " " LOG1 " 0 " H1 "\n",
	     "st:2: expected a seq from 1 to 18 digits"},
	    {"workshop-send-state 1\nsent " URL " " LOG1 " -3 " H1 "\n",
	     "st:2: expected a seq from 1 to 18 digits"},
	    {"workshop-send-state 1\nsent " URL " " LOG1 " 03 " H1 "\n",
	     "st:2: expected a seq from 1 to 18 digits"},
	    {"workshop-send-state 1\nsent " URL " " LOG1
	     " 1234567890123456789 " H1 "\n",
	     "st:2: expected a seq from 1 to 18 digits"},
	    {"workshop-send-state 1\nsent " URL " " LOG1 " 3 abc\n",
	     "st:2: expected a line hash of 64 lower-case hex digits"},
	    {"workshop-send-state 1\n# ok\nsent " URL " " LOG1 " 3 " H1
	     "\nsent " URL " " LOG1 " 4 " H2 "\n",
	     "st:4: a second line for this log and LRS (the first is line 3)"},
	};

	return cr_make_param_array(struct bad, cases,
				   sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct bad *c, sendstate, a_damaged_file_names_its_line)
{
	struct sendstate s;
	char *err = NULL;

	cr_assert_eq(sendstate_parse("st", c->text, strlen(c->text), &s, &err),
		     -1, "%s", c->text);
	cr_expect_eq(s.n, 0);
	cr_expect(strncmp(err, c->want, strlen(c->want)) == 0,
		  "got:  %s\nwant: %s", err, c->want);
	free(err);
}

Test(sendstate, a_nul_byte_is_refused_with_its_line)
{
	static const char text[] = "workshop-send-state 1\nsent \0x\n";
	struct sendstate s;
	char *err;

	cr_assert_eq(sendstate_parse("st", text, sizeof text - 1, &s, &err),
		     -1);
	cr_expect(strncmp(err, "st:2: a NUL byte in the line", 28) == 0, "%s",
		  err);
	free(err);
}

Test(sendstate, a_long_line_is_shown_cut_short)
{
	char text[600];
	struct sendstate s;
	char *err;

	memset(text, 'x', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	cr_assert_eq(sendstate_parse("st", text, strlen(text), &s, &err), -1);
	cr_expect(strlen(err) < 200, "%s", err);
	cr_expect(strstr(err, "xxx...'") != NULL, "%s", err);
	free(err);
}

Test(sendstate, a_damaged_file_on_disk_is_reported_with_its_path)
{
	struct sendstate s;
	char *dir = scratch(), *path = util_path_join(dir, "send-state");
	char *err, *want;
	FILE *fp = fopen(path, "w");

	cr_assert_not_null(fp);
	fputs("workshop-send-state 1\nsent " URL " " LOG1 " x " H1 "\n", fp);
	fclose(fp);
	cr_assert_eq(sendstate_load(path, &s, &err), -1);
	want = xasprintf("%s:2: expected a seq", path);
	cr_expect(strncmp(err, want, strlen(want)) == 0, "%s", err);
	free(want);
	free(err);
	rm_rf(dir);
	free(path);
	free(dir);
}

Test(sendstate, saving_replaces_the_file_whole)
{
	struct sendstate s = {0}, back;
	char *dir = scratch(), *path = util_path_join(dir, "send-state"), *err;

	sendstate_set(&s, URL, LOG1, 1, H1);
	cr_assert_eq(sendstate_save(path, &s, &err), 0);
	sendstate_set(&s, URL, LOG1, 2, H2);
	cr_assert_eq(sendstate_save(path, &s, &err), 0);
	cr_assert_eq(sendstate_load(path, &back, &err), 0);
	cr_expect_eq(back.n, 1);
	cr_expect_eq(back.v[0].seq, 2);
	sendstate_free(&s);
	sendstate_free(&back);
	rm_rf(dir);
	free(path);
	free(dir);
}

Test(sendstate, a_state_that_cannot_be_saved_says_why)
{
	struct sendstate s = {0};
	char *err;

	sendstate_set(&s, URL, LOG1, 1, H1);
	cr_assert_eq(sendstate_save("/proc/no/such/send-state", &s, &err), -1);
	cr_expect(strstr(err, "/proc/no/such/send-state: cannot ") == err, "%s",
		  err);
	free(err);
	sendstate_free(&s);
}
