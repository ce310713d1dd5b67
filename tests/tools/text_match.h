/*
 * text_match.h: finding words in the pack's text, as a reader sees them:
 * ASCII case ignored, and a space in the words looked for matching any run
 * of spaces and line breaks (YAML folds and wraps text freely).
 */
#ifndef WORKSHOP_TEXT_MATCH_H
#define WORKSHOP_TEXT_MATCH_H

#include <stdbool.h>

/* Does hay start with needle, compared as above? */
bool text_starts_with(const char *hay, const char *needle);

/* Where needle first stands in hay, compared as above; NULL if nowhere or
 * when hay is NULL. */
const char *text_find(const char *hay, const char *needle);

#endif
