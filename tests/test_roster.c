/* test_roster.c: the roster file syntax, typed names, attendance marks. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "complog.h"
#include "roster.h"
#include "util.h"

/* Parse text; returns the roster, with the diagnostics formatted into
 * *msgs (one a line; the caller frees). */
static struct roster *
parse(const char *text, char **msgs)
{
	struct roster *r = roster_new();
	struct diags d;
	struct strbuf b;
	size_t i;

	diags_init(&d);
	roster_parse(r, "group.txt", text, strlen(text), &d);
	strbuf_init(&b);
	for (i = 0; i < d.n; i++) {
		char *s = diag_format(&d.v[i]);

		strbuf_addf(&b, "%s\n", s);
		free(s);
	}
	*msgs = strbuf_detach(&b);
	diags_free(&d);
	return r;
}

Test(roster, reads_names_staff_ids_comments_and_blank_lines)
{
	char *msgs;
	struct roster *r = parse("# Tuesday\n"
				 "Sam Jones\tE1042\n"
				 "\n"
				 "   Priya Shah   \r\n"
				 "  # not a name\n"
				 "Zoë Ó Briain\t  X-9  ",
				 &msgs);

	cr_expect_str_eq(msgs, "");
	cr_assert_eq(r->n, 3);
	cr_expect_str_eq(r->v[0].name, "Sam Jones");
	cr_expect_str_eq(r->v[0].staff_id, "E1042");
	cr_expect_eq(r->v[0].line, 2);
	cr_expect_str_eq(r->v[1].name, "Priya Shah");
	cr_expect_null(r->v[1].staff_id);
	cr_expect_str_eq(r->v[2].name, "Zoë Ó Briain");
	cr_expect_str_eq(r->v[2].staff_id, "X-9");
	cr_expect_eq(r->v[2].state, ROSTER_EXPECTED);
	free(msgs);
	roster_free(r);
}

struct bad_case {
	const char *text;
	const char *msg;
};

Test(roster, refuses_bad_lines_with_file_line_and_column)
{
	static const struct bad_case cases[] = {
	    {"Sam\x1b[2J\n", "group.txt:1:4: error: control or invisible "
			     "formatting character\n"},
	    {"ok\nZoë\x07x\n", "group.txt:2:4: error: control or invisible "
			       "formatting character\n"},
	    {"Sam\tE1\tX\n", "group.txt:1:7: error: a tab may only separate "
			     "the name from the staff id\n"},
	    {"Sam\tE 1\n",
	     "group.txt:1:6: error: spaces are not allowed in a staff id\n"},
	    {"  \tE1\n", "group.txt:1:3: error: the name is empty\n"},
	    {"Sa\xffm\n", "group.txt:1:3: error: invalid UTF-8\n"},
	    {"Sam\rX\n", "group.txt:1:4: error: control or invisible "
			 "formatting character\n"},
	    {"A\xe2\x80\xae"
	     "B\n",
	     "group.txt:1:2: error: control or invisible "
	     "formatting character\n"},
	    {"Sam\tE1\nPriya\nSam\tE1\n",
	     "group.txt:3:1: error: \"Sam\" is already on the roster (line "
	     "1)\n"},
	};
	size_t i;
	char *msgs;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct roster *r = parse(cases[i].text, &msgs);

		cr_expect_str_eq(msgs, cases[i].msg, "case %zu", i);
		cr_expect_eq(r->n, 0, "case %zu: nothing is added", i);
		free(msgs);
		roster_free(r);
	}
}

Test(roster, reports_every_bad_line_not_only_the_first)
{
	char *msgs;
	struct roster *r = parse("A\x01\nB\nC\x02\n", &msgs);

	cr_expect_str_eq(msgs, "group.txt:1:2: error: control or invisible "
			       "formatting character\n"
			       "group.txt:3:2: error: control or invisible "
			       "formatting character\n");
	free(msgs);
	roster_free(r);
}

Test(roster, handles_five_hundred_names_and_a_thousand_character_name)
{
	struct strbuf b;
	struct roster *r;
	char *msgs, longname[1001];
	size_t i;

	memset(longname, 'n', 1000);
	longname[1000] = '\0';
	strbuf_init(&b);
	for (i = 0; i < 499; i++)
		strbuf_addf(&b, "Person %zu\tID%zu\n", i, i);
	strbuf_addf(&b, "%s\n", longname);
	r = parse(b.s, &msgs);
	cr_expect_str_eq(msgs, "");
	cr_assert_eq(r->n, 500);
	cr_expect_str_eq(r->v[499].name, longname);
	cr_expect_str_eq(r->v[123].staff_id, "ID123");
	strbuf_free(&b);
	free(msgs);
	roster_free(r);
}

Test(roster, refuses_a_name_over_the_limit)
{
	char *text = xmalloc(ROSTER_MAX_NAME + 3), *msgs;
	struct roster *r;

	memset(text, 'x', ROSTER_MAX_NAME + 1);
	strcpy(text + ROSTER_MAX_NAME + 1, "\n");
	r = parse(text, &msgs);
	cr_expect_str_eq(msgs, "group.txt:1:1: error: the name is too long (at "
			       "most 1000 bytes)\n");
	free(text);
	free(msgs);
	roster_free(r);
}

Test(roster, takes_only_names_the_signed_log_can_record)
{
	struct strbuf b;
	struct roster *r;
	char *msgs, err[200];

	/* 500 two-byte characters (1000 bytes) fit; one more does not. */
	strbuf_init(&b);
	for (int i = 0; i < 500; i++)
		strbuf_adds(&b, "\xc3\xa9");
	strbuf_adds(&b, "\n");
	for (int i = 0; i < 501; i++)
		strbuf_adds(&b, "\xc3\xa9");
	strbuf_adds(&b, "\n");
	r = parse(b.s, &msgs);
	cr_expect_str_eq(msgs, "group.txt:2:1: error: the name is too long (at "
			       "most 1000 bytes)\n");
	free(msgs);
	roster_free(r);
	/* What it accepts, the log accepts: nobody fails at signing time. */
	*strchr(b.s, '\n') = '\0';
	cr_expect_eq(complog_check_text("the name", b.s, err, sizeof err), 0,
		     "%s", err);
	strbuf_free(&b);
}

Test(roster, loads_a_file_and_reports_one_that_cannot_be_read)
{
	char path[] = "/tmp/roster-test.XXXXXX";
	int fd = mkstemp(path);
	struct roster *r = roster_new();
	struct diags d;

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "Sam\nPriya\n", 10), 10);
	close(fd);
	diags_init(&d);
	cr_expect_eq(roster_load(r, path, &d), 0);
	cr_expect_eq(r->n, 2);
	unlink(path);
	cr_expect_eq(roster_load(r, path, &d), -1);
	cr_expect_eq(d.nio, 1);
	cr_expect_eq(r->n, 2);
	diags_free(&d);
	roster_free(r);
}

Test(roster, typed_names_are_trimmed_checked_and_not_duplicated)
{
	struct roster *r = roster_new();
	char *err = NULL;

	cr_expect_eq(roster_add(r, "  Sam  ", "", &err), 0);
	cr_expect_str_eq(r->v[0].name, "Sam");
	cr_expect_null(r->v[0].staff_id);
	cr_expect_eq(roster_add(r, "Sam", NULL, &err), -1);
	cr_expect_str_eq(err, "that name is already on the roster");
	free(err);
	cr_expect_eq(roster_add(r, "Sam", "E2", &err), 1);
	cr_expect_eq(roster_add(r, "Bad\x1b", NULL, &err), -1);
	cr_expect_str_eq(err, "control or invisible formatting character");
	free(err);
	cr_expect_eq(roster_add(r, "   ", NULL, &err), -1);
	cr_expect_str_eq(err, "the name is empty");
	free(err);
	cr_expect_eq(roster_find(r, "Sam", "E2"), 1);
	cr_expect_eq(roster_find(r, "Sam", NULL), 0);
	cr_expect_eq(roster_find(r, "Nobody", NULL), -1);
	roster_free(r);
}

Test(roster, present_late_and_left_decide_the_sections_attended)
{
	struct roster *r = roster_new();
	char *err;

	roster_add(r, "On time", NULL, &err);
	roster_add(r, "Late", NULL, &err);
	roster_add(r, "Leaver", NULL, &err);
	roster_add(r, "Absent", NULL, &err);
	roster_mark_present(r, 0, 0, false);
	roster_mark_present(r, 2, 0, false);
	roster_mark_present(r, 1, 2, false);
	roster_mark_left(r, 2, 1);
	cr_expect_not(r->v[0].late);
	cr_expect(r->v[1].late);
	cr_expect_eq(roster_count_present(r), 2);
	cr_expect_eq(roster_count_came(r), 3);
	cr_expect(roster_attended(r, 0, 0) && roster_attended(r, 0, 3));
	cr_expect(!roster_attended(r, 1, 1) && roster_attended(r, 1, 2));
	cr_expect(roster_attended(r, 2, 1) && !roster_attended(r, 2, 2));
	cr_expect(!roster_attended(r, 3, 0));
	/* Coming back keeps the first arrival. */
	roster_mark_present(r, 2, 3, false);
	cr_expect_eq(r->v[2].from, 0);
	cr_expect(roster_attended(r, 2, 3));
	roster_mark_expected(r, 1);
	cr_expect(!roster_attended(r, 1, 2));
	roster_free(r);
}
