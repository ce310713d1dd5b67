/* test_agenda.c: sections from the programme, the timer and the drift. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "content.h"

static struct content *pack;

static void
load_pack(void)
{
	struct diags d;

	diags_init(&d);
	pack = content_load_dir(FIXTURES "/pack", &d);
	cr_assert_not_null(pack);
	cr_assert_eq(d.n, 0, "the fixture pack has errors");
	diags_free(&d);
}

static void
free_pack(void)
{
	content_free(pack);
}

TestSuite(agenda, .init = load_pack, .fini = free_pack);

Test(agenda, lists_the_programme_with_planned_start_times_and_breaks)
{
	struct agenda *a = agenda_new(pack, NULL);
	char t[16];

	cr_assert_not_null(a);
	cr_assert_eq(a->n, 3);
	cr_expect_str_eq(a->v[0].title, "Basics");
	cr_expect_eq(a->v[0].kind, PROGRAMME_MODULE);
	cr_expect_str_eq(agenda_clock_text(a->v[0].start, t, sizeof t),
			 "09:30");
	cr_expect_str_eq(a->v[1].title, "Coffee");
	cr_expect_eq(a->v[1].kind, PROGRAMME_BREAK);
	cr_expect_null(a->v[1].module);
	cr_expect_str_eq(agenda_clock_text(a->v[1].start, t, sizeof t),
			 "10:10");
	cr_expect_str_eq(agenda_clock_text(a->v[2].start, t, sizeof t),
			 "10:25");
	cr_expect_str_eq(agenda_clock_text(agenda_planned_end(a), t, sizeof t),
			 "10:55");
	agenda_free(a);
}

Test(agenda, one_module_makes_a_day_of_one_section)
{
	struct agenda *a = agenda_new(pack, content_module(pack, "law"));

	cr_assert_eq(a->n, 1);
	cr_expect_str_eq(a->v[0].title, content_module(pack, "law")->title);
	cr_expect_eq(a->v[0].start, 9 * 60 + 30);
	cr_expect_gt(a->v[0].minutes, 0);
	agenda_free(a);
}

Test(agenda, drift_holds_still_within_plan_and_grows_on_overrun)
{
	struct agenda *a = agenda_new(pack, NULL);
	long long t0 = 1000000;

	agenda_begin(a, t0, 0);
	cr_expect_eq(agenda_drift(a, t0), 0);
	/* 39 minutes into a 40-minute section: on time. */
	cr_expect_eq(agenda_drift(a, t0 + 39 * 60), 0);
	cr_expect_eq(agenda_elapsed(a, t0 + 39 * 60), 39 * 60);
	/* 52 minutes: 12 behind. */
	cr_expect_eq(agenda_drift(a, t0 + 52 * 60), 12 * 60);
	agenda_next(a, t0 + 52 * 60);
	cr_expect_eq(a->cur, 1);
	cr_expect_eq(a->v[0].spent, 52 * 60);
	cr_expect_eq(agenda_elapsed(a, t0 + 52 * 60), 0);
	/* A short coffee break wins some back. */
	agenda_next(a, t0 + 57 * 60);
	cr_expect_eq(agenda_drift(a, t0 + 57 * 60), 2 * 60);
	agenda_free(a);
}

Test(agenda, a_section_begun_early_puts_the_room_ahead)
{
	struct agenda *a = agenda_new(pack, NULL);
	char t[32];

	agenda_begin(a, 0, 0);
	agenda_next(a, 35 * 60);
	cr_expect_eq(agenda_drift(a, 35 * 60), -5 * 60);
	cr_expect_str_eq(
	    agenda_drift_text(agenda_drift(a, 40 * 60), t, sizeof t),
	    "5 min ahead");
	agenda_free(a);
}

Test(agenda, a_late_start_counts_as_drift)
{
	struct agenda *a = agenda_new(pack, NULL);

	agenda_begin(a, 5000, 10 * 60);
	cr_expect_eq(agenda_drift(a, 5000), 10 * 60);
	agenda_free(a);
}

Test(agenda, going_back_adds_time_to_the_section_left)
{
	struct agenda *a = agenda_new(pack, NULL);

	agenda_begin(a, 0, 0);
	agenda_goto(a, 2, 600);
	agenda_goto(a, 0, 900);
	agenda_goto(a, 2, 1000);
	cr_expect_eq(a->v[0].spent, 700);
	cr_expect_eq(a->v[2].spent, 300);
	cr_expect_eq(a->cur, 2);
	agenda_free(a);
}

Test(agenda, next_after_the_last_section_ends_the_day)
{
	struct agenda *a = agenda_new(pack, NULL);

	cr_expect(agenda_next(a, 0)); /* begins */
	cr_expect(a->started);
	cr_expect(agenda_next(a, 60));
	cr_expect(agenda_next(a, 120));
	cr_expect(agenda_next(a, 180));
	cr_expect(a->ended);
	cr_expect_eq(a->cur, a->n);
	cr_expect_not(agenda_next(a, 240));
	cr_expect_eq(agenda_elapsed(a, 300), 0);
	cr_expect_eq(a->v[2].spent, 60);
	/* Ended after 3 minutes of an 85-minute day. */
	cr_expect_eq(agenda_drift(a, 999), 180 - 85 * 60);
	agenda_free(a);
}

struct drift_case {
	long long drift;
	const char *text;
};

Test(agenda, drift_text_reads_as_words)
{
	static const struct drift_case cases[] = {
	    {0, "on time"},
	    {29, "on time"},
	    {-29, "on time"},
	    {30, "1 min behind"},
	    {12 * 60 + 10, "12 min behind"},
	    {-5 * 60, "5 min ahead"},
	    {60 * 60, "1 h behind"},
	    {65 * 60, "1 h 5 min behind"},
	    {-125 * 60, "2 h 5 min ahead"},
	};
	char t[32];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		agenda_drift_text(cases[i].drift, t, sizeof t);
		cr_expect_str_eq(t, cases[i].text, "drift %lld",
				 cases[i].drift);
	}
}

Test(agenda, timer_text_shows_elapsed_against_plan_and_overrun)
{
	struct agenda *a = agenda_new(pack, NULL);
	char t[32];

	agenda_begin(a, 100, 0);
	cr_expect_str_eq(agenda_timer_text(a, 100 + 12 * 60 + 5, t, sizeof t),
			 "12:05 / 40:00");
	cr_expect_str_eq(agenda_timer_text(a, 100 + 41 * 60 + 10, t, sizeof t),
			 "41:10 / 40:00 over");
	agenda_free(a);
}

Test(agenda, without_a_programme_or_module_there_is_no_agenda)
{
	struct content c;

	memset(&c, 0, sizeof c);
	cr_expect_null(agenda_new(&c, NULL));
}
