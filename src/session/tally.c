/* tally.c: anonymous counts and bar layout. */
#include "tally.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void
tally_set_init(struct tally_set *s)
{
	memset(s, 0, sizeof *s);
}

void
tally_set_free(struct tally_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].key);
		free(s->v[i].count);
	}
	free(s->v);
	tally_set_init(s);
}

/* Index of key in s, or s->n. */
static size_t
find(const struct tally_set *s, const char *key)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].key, key) == 0)
			break;
	return i;
}

const struct tally *
tally_find(const struct tally_set *s, const char *key)
{
	size_t i = find(s, key);

	return i < s->n ? &s->v[i] : NULL;
}

struct tally *
tally_get(struct tally_set *s, const char *key, size_t n)
{
	size_t i = find(s, key);
	struct tally *t = i < s->n ? &s->v[i] : NULL;

	if (n == 0)
		n = 1;
	if (n > TALLY_MAX_CHOICES)
		n = TALLY_MAX_CHOICES;
	if (t != NULL) {
		if (t->n != n) {
			t->count = xreallocarray(t->count, n, sizeof *t->count);
			for (i = t->n; i < n; i++)
				t->count[i] = 0;
			t->n = n;
		}
		return t;
	}
	if (s->n == s->cap) {
		s->cap = s->cap != 0 ? s->cap * 2 : 16;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	t = &s->v[s->n++];
	t->key = xstrdup(key);
	t->n = n;
	t->count = xcalloc(n, sizeof *t->count);
	return t;
}

void
tally_put(struct tally *t, size_t i, unsigned value)
{
	if (i < t->n)
		t->count[i] = value > TALLY_MAX_COUNT ? TALLY_MAX_COUNT : value;
}

void
tally_add(struct tally *t, size_t i, int delta)
{
	long v;

	if (i >= t->n)
		return;
	v = (long)t->count[i] + delta;
	tally_put(t, i,
		  v < 0 ? 0
			: (unsigned)(v > (long)TALLY_MAX_COUNT ? TALLY_MAX_COUNT
							       : v));
}

void
tally_clear(struct tally *t)
{
	memset(t->count, 0, t->n * sizeof *t->count);
}

unsigned
tally_total(const struct tally *t)
{
	unsigned sum = 0;
	size_t i;

	for (i = 0; i < t->n; i++)
		sum += t->count[i];
	return sum;
}

unsigned
tally_max(const struct tally *t)
{
	unsigned m = 0;
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->count[i] > m)
			m = t->count[i];
	return m;
}

/* Percents by largest remainder, so that they add up to 100. */
static void
percents(const unsigned *count, size_t n, struct tally_bar *out)
{
	unsigned long total = 0, given = 0, rem[TALLY_MAX_CHOICES];
	size_t i, best;

	for (i = 0; i < n; i++)
		total += count[i];
	for (i = 0; i < n; i++) {
		out[i].percent =
		    total != 0 ? (unsigned)(count[i] * 100ul / total) : 0;
		rem[i] = total != 0 ? count[i] * 100ul % total : 0;
		given += out[i].percent;
	}
	while (total != 0 && given < 100) {
		best = 0;
		for (i = 1; i < n; i++)
			if (rem[i] > rem[best])
				best = i;
		out[best].percent++;
		rem[best] = 0;
		given++;
	}
}

void
tally_layout(const unsigned *count, size_t n, unsigned scale, unsigned width,
	     struct tally_bar *out)
{
	size_t i;
	unsigned long c;

	if (n > TALLY_MAX_CHOICES)
		n = TALLY_MAX_CHOICES;
	for (i = 0; i < n; i++) {
		out[i].count = count[i];
		c = scale != 0 ? ((unsigned long)count[i] * width * 2 + scale) /
				     (2ul * scale)
			       : 0;
		if (c == 0 && count[i] != 0 && scale != 0 && width != 0)
			c = 1;
		out[i].cells = (unsigned)(c > width ? width : c);
	}
	percents(count, n, out);
}

json_t *
tally_set_to_json(const struct tally_set *s)
{
	json_t *o = json_object(), *a;
	size_t i, k;

	for (i = 0; i < s->n; i++) {
		a = json_array();
		for (k = 0; k < s->v[i].n; k++)
			json_array_append_new(a,
					      json_integer(s->v[i].count[k]));
		json_object_set_new(o, s->v[i].key, a);
	}
	return o;
}

size_t
tally_set_from_json(struct tally_set *s, json_t *o)
{
	const char *key;
	json_t *a, *v;
	size_t bad = 0, k;
	struct tally *t;

	if (!json_is_object(o))
		return 1;
	json_object_foreach(o, key, a)
	{
		size_t n = json_array_size(a);
		int ok = json_is_array(a) && n >= 1 && n <= TALLY_MAX_CHOICES;

		json_array_foreach(a, k, v) ok =
		    ok && json_is_integer(v) && json_integer_value(v) >= 0 &&
		    json_integer_value(v) <= TALLY_MAX_COUNT;
		if (!ok) {
			bad++;
			continue;
		}
		t = tally_get(s, key, n);
		json_array_foreach(a, k, v)
		    tally_put(t, k, (unsigned)json_integer_value(v));
	}
	return bad;
}
