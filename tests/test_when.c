/* test_when.c: strict dates, timestamps and calendar periods. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>

#include "when.h"

Test(when, days_are_counted_from_1970_and_only_real_days_parse)
{
	cr_expect_eq(when_days("1970-01-01"), 0);
	cr_expect_eq(when_days("2000-03-01"), 11017);
	cr_expect_eq(when_days("2024-02-29"), 19782);
	cr_expect_eq(when_days("2023-02-29"), -1);
	cr_expect_eq(when_days("2026-04-31"), -1);
	cr_expect_eq(when_days("1969-12-31"), -1);
	cr_expect_eq(when_days("2026-1-01"), -1);
	cr_expect_eq(when_days("2026-01-01 "), -1);
}

Test(when, civil_is_the_inverse_of_days)
{
	int y, m, d;

	for (long days = 0; days < 60000; days += 37) {
		char buf[16];

		when_civil(days, &y, &m, &d);
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
		cr_assert_eq(when_days(buf), days, "%s", buf);
	}
}

struct period_case {
	char text[24]; /* inline: a parameter is copied to the test process */
	int ok;
	unsigned count;
	enum when_unit unit;
};

ParameterizedTestParameters(when, periods_parse_strictly)
{
	static struct period_case cases[] = {
	    {"12 months", 0, 12, WHEN_MONTHS},
	    {"3 years", 0, 3, WHEN_YEARS},
	    {"1 year", 0, 1, WHEN_YEARS},
	    {"2 weeks", 0, 2, WHEN_WEEKS},
	    {"1 day", 0, 1, WHEN_DAYS},
	    {"1200 months", 0, 1200, WHEN_MONTHS},
	    {"1 years", -1, 0, 0},
	    {"2 year", -1, 0, 0},
	    {"0 months", -1, 0, 0},
	    {"012 months", -1, 0, 0},
	    {"1201 months", -1, 0, 0},
	    {"12  months", -1, 0, 0},
	    {"12months", -1, 0, 0},
	    {"twelve months", -1, 0, 0},
	    {"12 Months", -1, 0, 0},
	    {"", -1, 0, 0},
	    {"99999999999 days", -1, 0, 0},
	};

	return cr_make_param_array(struct period_case, cases,
				   sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct period_case *tc, when, periods_parse_strictly)
{
	struct when_period p = {0};

	cr_assert_eq(when_parse_period(tc->text, &p), tc->ok, "\"%s\"",
		     tc->text);
	if (tc->ok == 0) {
		cr_expect_eq(p.count, tc->count);
		cr_expect_eq(p.unit, tc->unit);
	}
}

Test(when, months_and_years_keep_the_day_or_take_the_month_s_last)
{
	struct when_period m1 = {1, WHEN_MONTHS}, y1 = {1, WHEN_YEARS};
	struct when_period m12 = {12, WHEN_MONTHS}, w2 = {2, WHEN_WEEKS};
	struct when_period d10 = {10, WHEN_DAYS};

	cr_expect_eq(when_add_period(when_days("2026-01-31"), &m1),
		     when_days("2026-02-28"));
	cr_expect_eq(when_add_period(when_days("2028-01-31"), &m1),
		     when_days("2028-02-29"));
	cr_expect_eq(when_add_period(when_days("2024-02-29"), &y1),
		     when_days("2025-02-28"));
	cr_expect_eq(when_add_period(when_days("2026-12-07"), &m12),
		     when_days("2027-12-07"));
	cr_expect_eq(when_add_period(when_days("2026-11-15"), &m1),
		     when_days("2026-12-15"));
	cr_expect_eq(when_add_period(when_days("2026-12-25"), &w2),
		     when_days("2027-01-08"));
	cr_expect_eq(when_add_period(when_days("2026-12-25"), &d10),
		     when_days("2027-01-04"));
}

Test(when, timestamps_are_utc_seconds_and_only_real_instants_parse)
{
	cr_expect_eq(when_parse_ts("1970-01-01T00:00:00Z"), 0);
	cr_expect_eq(when_parse_ts("2024-02-29T12:00:00Z"), 1709208000);
	cr_expect_eq(when_parse_ts("2026-12-31T23:59:59Z"), 1798761599);
	cr_expect_eq(when_parse_ts("2026-12-31T23:59:60Z"), 1798761600);
	cr_expect_eq(when_parse_ts("2026-12-31T24:00:00Z"), -1);
	cr_expect_eq(when_parse_ts("2026-12-31T23:59:59+00:00"), -1);
	cr_expect_eq(when_parse_ts("2026-02-29T00:00:00Z"), -1);
}
