/* test_plain.c: the line-by-line interface, scripted from a string. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "plain.h"
#include "when.h"

static struct content *pack;

static void
load_pack(void)
{
	struct diags d;

	diags_init(&d);
	pack = content_load_dir(FIXTURES "/pack", &d);
	cr_assert_eq(d.n, 0);
	diags_free(&d);
}

static void
free_pack(void)
{
	content_free(pack);
}

struct pl {
	char name[64];
	char module[16];
	char input[96];
	enum plain_result result;
	char want[160]; /* in the output */
	char lacks[64]; /* not in the output ("" for none) */
	unsigned invalid;
};

ParameterizedTestParameters(plain, runs)
{
	static struct pl cases[] = {
	    {"a whole quiz module passes", "law", "\n1\n\n2\n\n3\n\n\n\n\n1\n",
	     PLAIN_FINISHED,
	     "Results: 2 of 2 right (100%). The pass mark is "
	     "80%: passed.",
	     "", 0},
	    {"a wrong answer shows the answer and source", "law", "\n1\n\n1\n",
	     PLAIN_EOF,
	     "\xe2\x9c\x97 Not right: the answer is 16.\n"
	     "It is 16 for everyone.\nSource: Sexual Offences "
	     "(Amendment) Act 2000",
	     "", 0},
	    {"invalid input is asked again with a hint", "law",
	     "\nfive\n9\n1\n", PLAIN_EOF,
	     "Type the number of your choice; b goes back, q stops.", "", 2},
	    {"q stops", "law", "q\n", PLAIN_QUIT, "== Consent ==", "", 0},
	    {"the end of input stops cleanly", "law", "", PLAIN_EOF,
	     "Consent means agreeing", "", 0},
	    {"staged points come one at a time", "basics", "\n", PLAIN_EOF,
	     "  * First point\n", "Second point", 0},
	    {"the sort gives feedback with reasons", "basics", "\n\n\n2\n2\n",
	     PLAIN_EOF,
	     "\xe2\x9c\x97 Biology: Sex. (You placed it in Sexuality.) It is "
	     "about the body.",
	     "", 0},
	    {"the glossary filters by letter", "basics",
	     "\n\n\n1\n2\n\n1\n\nB\n", PLAIN_EOF,
	     "Showing 1 term under B:\nBisexual:", "", 0},
	    {"views are private", "basics", "\n\n\n1\n2\n\n3\n", PLAIN_EOF,
	     "You said: Unsure.", "", 0},
	    {"back from the first screen says so", "law", "b\n", PLAIN_EOF,
	     "This is the first screen.", "", 0},
	};

	return cr_make_param_array(struct pl, cases,
				   sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct pl *c, plain, runs, .init = load_pack,
		  .fini = free_pack)
{
	struct session *s = session_new(content_module(pack, c->module));
	char *out = NULL;
	size_t outlen = 0;
	FILE *in = fmemopen(c->input, strlen(c->input), "r");
	struct plain p = {.utf8 = true};
	enum plain_result r;

	if (c->input[0] == '\0')
		in = fopen("/dev/null", "r");
	p.in = in;
	p.out = open_memstream(&out, &outlen);
	r = plain_run(&p, s);
	fclose(p.out);
	fclose(in);
	cr_expect_eq(r, c->result, "%s: result %d\n%s", c->name, r, out);
	cr_expect_neq(strstr(out, c->want), NULL, "%s: wanted \"%s\" in\n%s",
		      c->name, c->want, out);
	if (c->lacks[0] != '\0')
		cr_expect_null(strstr(out, c->lacks), "%s: \"%s\" shown",
			       c->name, c->lacks);
	cr_expect_eq(p.invalid, c->invalid, "%s: %u asked again", c->name,
		     p.invalid);
	free(out);
	session_free(s);
}

Test(plain, ascii_marks_without_utf8, .init = load_pack, .fini = free_pack)
{
	struct session *s = session_new(content_module(pack, "law"));
	char input[] = "\n2\n";
	char *out = NULL;
	size_t outlen = 0;
	struct plain p = {.utf8 = false};

	p.in = fmemopen(input, strlen(input), "r");
	p.out = open_memstream(&out, &outlen);
	plain_run(&p, s);
	fclose(p.out);
	fclose(p.in);
	cr_expect_neq(strstr(out, "x Not right: the answer is True."), NULL,
		      "%s", out);
	free(out);
	session_free(s);
}

Test(plain, a_menu_asks_until_a_number_fits)
{
	static const char *const labels[] = {"One", "Two"};
	char input[] = "0\nthree\n2\n";
	char *out = NULL;
	size_t outlen = 0;
	struct plain p = {.utf8 = true};
	int k;

	p.in = fmemopen(input, strlen(input), "r");
	p.out = open_memstream(&out, &outlen);
	k = plain_menu(&p, "Pick:", labels, 2);
	fclose(p.out);
	fclose(p.in);
	cr_expect_eq(k, 1);
	cr_expect_eq(p.invalid, 2);
	cr_expect_neq(strstr(out, "  2. Two\n"), NULL);
	free(out);
}

/* The output of module id of pack dir run with input, today as given. */
static char *
run_dated(const char *id, const char *input, long today)
{
	struct diags d;
	struct content *c;
	struct session *s;
	char *out = NULL;
	size_t outlen = 0;
	struct plain p = {.utf8 = true, .today = today};

	diags_init(&d);
	c = content_load_dir(FIXTURES "/lawdate", &d);
	cr_assert_eq(d.n, 0);
	s = session_new(content_module(c, id));
	p.in = fmemopen((void *)(uintptr_t)input, strlen(input), "r");
	p.out = open_memstream(&out, &outlen);
	plain_run(&p, s);
	fclose(p.out);
	fclose(p.in);
	session_free(s);
	content_free(c);
	diags_free(&d);
	return out;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

Test(plain, law_is_said_under_each_heading_and_when_it_changes)
{
	char *out = run_dated("dated-law", "\n\n\n1\n\n1\n\n",
			      when_days("2025-01-06") + 30);
	static const char *const want[] = {
	    "== Consent ==\nLaw of England and Wales, reviewed 2025-01-06\n",
	    "== Talking it over ==\nThis step cites no law.\n",
	    "== Words ==\nLaw of England and Wales, reviewed 2025-01-06\n",
	    "== A dated quiz ==\nLaw of England and Wales, reviewed "
	    "2025-02-03\nQuiz 1/2:",
	    "Law of Scotland, reviewed 2025-02-03\nQuiz 2/2:",
	    "Law of England and Wales, reviewed 2025-02-03\nResults:",
	};

	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		cr_expect_neq(strstr(out, want[i]), NULL,
			      "wanted \"%s\" in\n%s", want[i], out);
	cr_expect_eq(
	    count(out, "Law of England and Wales, reviewed 2025-02-03"), 2,
	    "not repeated while it stays the same:\n%s", out);
	cr_expect_null(strstr(out, "over a year ago"), "%s", out);
	free(out);
}

Test(plain, law_over_a_year_old_is_said_as_a_warning)
{
	char *out =
	    run_dated("stories", "\n\n\n\n\n", when_days("2025-03-04") + 366);

	cr_expect_neq(strstr(out, "== Dee asks about a date ==\nLaw of England "
				  "and Wales, reviewed 2025-03-04: over a "
				  "year ago, may be out of date\n"),
		      NULL, "%s", out);
	cr_expect_null(strstr(out, "== Ola wants a quiet evening ==\nLaw"),
		       "a scenario with no law says none:\n%s", out);
	free(out);
}
