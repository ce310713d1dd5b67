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

/* Days from 1970-01-01 to y-m-d, or -1 if that is not a day of 1970 or
 * later (H. Hinnant's days-from-civil). */
static long
days_of(int y, int m, int d)
{
	static const unsigned char mdays[] = {31, 28, 31, 30, 31, 30,
					      31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	long era, yoe, doy, doe;

	if (y < 1970 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap))
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
