/*
 * when.h: calendar dates and UTC timestamps, parsed strictly and without
 * the C library's time zones.  The log's timestamps, the content's
 * reviewed dates, trusted-key windows and the date options all use these
 * two, so a day that one part accepts every part accepts.
 */
#ifndef WORKSHOP_WHEN_H
#define WORKSHOP_WHEN_H

/*
 * "YYYY-MM-DD" (a real day of the Gregorian calendar, 1970 or later) to
 * the number of days since 1970-01-01; -1 for anything else, including a
 * day the month does not have (2026-02-30).
 */
long when_days(const char *ymd);

/*
 * "YYYY-MM-DDTHH:MM:SSZ" (RFC 3339 in UTC, exactly 20 bytes; a leap
 * second :60 is allowed) to seconds since 1970-01-01T00:00:00Z; -1 for
 * anything else.
 */
long long when_parse_ts(const char *ts);

/* A length of time in calendar units: "12 months", "3 years". */
enum when_unit { WHEN_DAYS, WHEN_WEEKS, WHEN_MONTHS, WHEN_YEARS };

struct when_period {
	unsigned count; /* 0: no period */
	enum when_unit unit;
};

/*
 * "N days", "N weeks", "N months" or "N years" (N from 1 to 1200; "1 day",
 * "1 week", "1 month", "1 year" in the singular) into *out.  0 ok, -1 for
 * anything else.
 */
int when_parse_period(const char *s, struct when_period *out);

/*
 * The day `p` after day number `days` (days since 1970-01-01).  Months and
 * years keep the day of the month, or take the month's last day when it
 * has no such day (31 January plus 1 month is the last day of February).
 */
long when_add_period(long days, const struct when_period *p);

/* Day number days as its year, month (1-12) and day (1-31). */
void when_civil(long days, int *y, int *m, int *d);

#endif
