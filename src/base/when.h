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

#endif
