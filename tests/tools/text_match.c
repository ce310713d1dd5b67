/* text_match.c: see text_match.h. */
#include "text_match.h"

#include <ctype.h>
#include <stddef.h>

bool
text_starts_with(const char *hay, const char *needle)
{
	for (; *needle != '\0'; needle++) {
		if (*needle == ' ') {
			if (!isspace((unsigned char)*hay))
				return false;
			while (isspace((unsigned char)*hay))
				hay++;
		} else if (tolower((unsigned char)*hay++) !=
			   tolower((unsigned char)*needle)) {
			return false;
		}
	}
	return true;
}

const char *
text_find(const char *hay, const char *needle)
{
	for (; hay != NULL && *hay != '\0'; hay++)
		if (text_starts_with(hay, needle))
			return hay;
	return NULL;
}
