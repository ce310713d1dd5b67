/*
 * tally.h: anonymous counts from a show of hands, and bars to draw them.
 *
 * A tally is a row of counts, one per choice, under a key that names what
 * was counted:
 *
 *     quiz/<quiz id>/<question id>          one count per choice
 *     views/<module id>/<step>/<statement>  agree, disagree, unsure
 *     rating/<set>/<before|after>/<q>       one count per rating 1..scale
 *
 * Only the numbers the facilitator enters are kept: nothing says who raised
 * a hand, so nothing individual can be stored.  Counts are capped at
 * TALLY_MAX_COUNT.  A set of tallies saves to and loads from JSON for
 * resuming a session and for the session's record.
 */
#ifndef WORKSHOP_TALLY_H
#define WORKSHOP_TALLY_H

#include <stddef.h>

#include <jansson.h>

#define TALLY_MAX_COUNT 9999u
#define TALLY_MAX_CHOICES 64

/* The three answers to a views statement, in this order. */
enum {
	TALLY_AGREE,
	TALLY_DISAGREE,
	TALLY_UNSURE,
	TALLY_NVIEWS,
};

struct tally {
	char *key;
	size_t n;
	unsigned *count;
};

struct tally_set {
	struct tally *v;
	size_t n;
	size_t cap;
};

void tally_set_init(struct tally_set *s);
void tally_set_free(struct tally_set *s);

/*
 * The tally under key, made with n zero counts if there is none (n is
 * clamped to 1..TALLY_MAX_CHOICES).  One found with another n is resized,
 * keeping the counts that still fit.  Borrowed from s; valid until the
 * next tally_get on s.
 */
struct tally *tally_get(struct tally_set *s, const char *key, size_t n);
/* The tally under key, or NULL. */
const struct tally *tally_find(const struct tally_set *s, const char *key);

/* Add delta to count i (clamped to 0..TALLY_MAX_COUNT); i >= n is ignored. */
void tally_add(struct tally *t, size_t i, int delta);
void tally_put(struct tally *t, size_t i, unsigned value);
void tally_clear(struct tally *t);
unsigned tally_total(const struct tally *t);
unsigned tally_max(const struct tally *t);

struct tally_bar {
	unsigned count;
	unsigned percent; /* of the total; the n percents add to 100 */
	unsigned cells;	  /* bar length */
};

/*
 * Lay out bars for count[0..n): each is count * width / scale cells,
 * rounded, and at least one cell for a non-zero count (so a single hand is
 * never invisible); scale is the count that fills the width (pass the
 * largest count, or a shared one so two tallies compare; 0 gives empty
 * bars).  Percents are of the total, by largest remainder so they add up
 * to exactly 100 (all 0 when the total is 0).
 */
void tally_layout(const unsigned *count, size_t n, unsigned scale,
		  unsigned width, struct tally_bar *out);

/*
 * {"key": [counts...], ...}.  tally_set_to_json returns a new reference.
 * tally_set_from_json adds every well-formed entry of o to s and returns
 * how many were malformed (skipped).
 */
json_t *tally_set_to_json(const struct tally_set *s);
size_t tally_set_from_json(struct tally_set *s, json_t *o);

#endif
