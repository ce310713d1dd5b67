/* when.c: strict calendar dates and UTC timestamps (see when.h). */
#include "when.h"

#include <stdbool.h>
#include <string.h>

/* n decimal digits at s, or -1. */
static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
month_days(int y, int m)
{
	static const unsigned char mdays[] = {31, 28, 31, 30, 31, 30,
					      31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return mdays[m - 1] + (m == 2 && leap);
}

/* Days from 1970-01-01 to y-m-d, or -1 if that is not a day of 1970 or
 * later (H. Hinnant's days-from-civil). */
static long
days_of(int y, int m, int d)
{
	long era, yoe, doy, doe;

	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return -1;
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Does s have exactly the shape ('d' a digit, anything else itself)? */
static bool
shaped(const char *s, const char *shape)
{
	size_t n = strlen(shape);

	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9'
				    : s[i] != shape[i])
			return false;
	return true;
}

long
when_days(const char *ymd)
{
	if (!shaped(ymd, "dddd-dd-dd"))
		return -1;
	return days_of(digits(ymd, 4), digits(ymd + 5, 2), digits(ymd + 8, 2));
}

long long
when_parse_ts(const char *ts)
{
	long days;
	int h, m, s;

	if (!shaped(ts, "dddd-dd-ddTdd:dd:ddZ"))
		return -1;
	days = days_of(digits(ts, 4), digits(ts + 5, 2), digits(ts + 8, 2));
	h = digits(ts + 11, 2);
	m = digits(ts + 14, 2);
	s = digits(ts + 17, 2);
	if (days < 0 || h > 23 || m > 59 || s > 60)
		return -1;
	return days * 86400LL + h * 3600LL + m * 60LL + s;
}

void
when_civil(long days, int *y, int *m, int *d)
{
	/* H. Hinnant's civil-from-days. */
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
when_parse_period(const char *s, struct when_period *out)
{
	static const struct {
		const char *one, *many;
		enum when_unit unit;
	} units[] = {
	    {"day", "days", WHEN_DAYS},
	    {"week", "weeks", WHEN_WEEKS},
	    {"month", "months", WHEN_MONTHS},
	    {"year", "years", WHEN_YEARS},
	};
	unsigned long n = 0;
	const char *p = s;

	while (*p >= '0' && *p <= '9' && n <= 1200)
		n = n * 10 + (unsigned long)(*p++ - '0');
	if (p == s || *s == '0' || n > 1200 || *p++ != ' ')
		return -1;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(p, n == 1 ? units[i].one : units[i].many) == 0) {
			out->count = (unsigned)n;
			out->unit = units[i].unit;
			return 0;
		}
	return -1;
}

long
when_add_period(long days, const struct when_period *p)
{
	int y, m, d;
	long months;

	switch (p->unit) {
	case WHEN_DAYS:
		return days + (long)p->count;
	case WHEN_WEEKS:
		return days + 7L * p->count;
	case WHEN_MONTHS:
	case WHEN_YEARS:
		break;
	}
	when_civil(days, &y, &m, &d);
	months = (long)y * 12 + (m - 1) +
		 (long)p->count * (p->unit == WHEN_YEARS ? 12 : 1);
	y = (int)(months / 12);
	m = (int)(months % 12) + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	return days_of(y, m, d);
}
