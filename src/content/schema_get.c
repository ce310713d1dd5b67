/*
 * schema_get.c: the schema's typed getters (see schema_get.h): each
 * checks one key of a mapping and reports the key, the type expected and
 * what was found.
 */
#include "schema_get.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "when.h"

void
schema_err(const struct walk *w, const struct node *at, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diags_add(w->d, w->file, at->line, at->col, "%s", msg);
	free(msg);
}

struct srcpos
schema_pos(const struct walk *w, const struct node *n)
{
	struct srcpos p = {w->file, n->line, n->col};

	return p;
}

static char *
expected_keys(const struct field *fields, size_t nfields)
{
	struct strbuf b;
	size_t j;

	strbuf_init(&b);
	for (j = 0; j < nfields; j++) {
		if (j > 0)
			strbuf_adds(&b, ", ");
		strbuf_adds(&b, fields[j].key);
	}
	return strbuf_detach(&b);
}

/* Report unknown keys and missing required ones in map, which is a "what". */
void
schema_check_keys(const struct walk *w, const struct node *map,
		  const char *what, const struct field *fields, size_t nfields)
{
	char *expected;
	size_t i, j;

	for (i = 0; i < map->n; i++) {
		for (j = 0; j < nfields; j++)
			if (strcmp(map->keys[i]->text, fields[j].key) == 0)
				break;
		if (j < nfields)
			continue;
		expected = expected_keys(fields, nfields);
		schema_err(w, map->keys[i],
			   "unknown key \"%s\" in %s (expected one of: %s)",
			   map->keys[i]->text, what, expected);
		free(expected);
	}
	for (j = 0; j < nfields; j++)
		if (fields[j].required && node_get(map, fields[j].key) == NULL)
			schema_err(w, map, "missing required key \"%s\" in %s",
				   fields[j].key, what);
}

static bool
is_null(const struct node *n)
{
	return n->kind == NODE_SCALAR && n->plain &&
	       (n->len == 0 || strcmp(n->text, "~") == 0 ||
		strcmp(n->text, "null") == 0);
}

/*
 * Check and copy the text of scalar n, the value of key (item number item
 * of its list, or 0 for the value itself).  Trailing white space is
 * dropped.  NULL after reporting if n is not text, is empty, or holds a
 * control character.
 */
static char *
text_of(const struct walk *w, const struct node *n, const char *key,
	size_t item)
{
	size_t i = 0, k, end;
	unsigned cp;
	char label[96];

#define LABEL()                                                                \
	(item > 0                                                              \
	     ? snprintf(label, sizeof label, "key \"%s\" item %zu", key, item) \
	     : snprintf(label, sizeof label, "key \"%s\"", key),               \
	 label)

	if (n->kind != NODE_SCALAR) {
		schema_err(w, n, "%s: expected text, found %s", LABEL(),
			   node_kind_name(n));
		return NULL;
	}
	while (i < n->len) {
		k = util_plain_prefix(n->text + i, n->len - i, true);
		if (k > 0) {
			i += k;
			continue;
		}
		k = util_utf8_decode(n->text + i, n->len - i, &cp);
		if (k == 0 || (cp < 0x20 && cp != '\n') || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0)) {
			schema_err(
			    w, n,
			    "%s: control character U+%04X is not allowed in "
			    "text%s",
			    LABEL(), k ? cp : 0xfffd,
			    cp == '\t' ? " (use spaces, not tabs)" : "");
			return NULL;
		}
		i += k;
	}
	end = n->len;
	while (end > 0 && (n->text[end - 1] == ' ' || n->text[end - 1] == '\n'))
		end--;
	if (is_null(n) || end == 0) {
		schema_err(w, n, "%s: text is empty", LABEL());
		return NULL;
	}
	return xstrndup(n->text, end);
#undef LABEL
}

char *
schema_take_text(const struct walk *w, const struct node *map, const char *key)
{
	const struct node *n = node_get(map, key);

	if (n == NULL)
		return NULL;
	return text_of(w, n, key, 0);
}

bool
schema_take_uint(const struct walk *w, const struct node *map, const char *key,
		 unsigned min, unsigned max, unsigned *out)
{
	const struct node *n = node_get(map, key);
	unsigned long v = 0;
	size_t i;

	if (n == NULL)
		return false;
	if (n->kind == NODE_SCALAR && n->plain && n->len > 0 && n->len < 10) {
		for (i = 0;
		     i < n->len && n->text[i] >= '0' && n->text[i] <= '9'; i++)
			v = v * 10 + (unsigned)(n->text[i] - '0');
		if (i == n->len && v >= min && v <= max) {
			*out = (unsigned)v;
			return true;
		}
	}
	if (n->kind == NODE_SCALAR) {
		char *shown = util_escape_text(n->text, false);

		schema_err(w, n,
			   "key \"%s\": expected a whole number from %u to %u, "
			   "found \"%s\"",
			   key, min, max, shown);
		free(shown);
	} else {
		schema_err(w, n,
			   "key \"%s\": expected a whole number, found %s", key,
			   node_kind_name(n));
	}
	return false;
}

/* Text that must be one of the words in choices (NULL-terminated). */
int
schema_take_word(const struct walk *w, const struct node *map, const char *key,
		 const char *const *choices)
{
	const struct node *n = node_get(map, key);
	struct strbuf list;
	int i;

	if (n == NULL)
		return -1;
	for (i = 0; n->kind == NODE_SCALAR && choices[i] != NULL; i++)
		if (strcmp(n->text, choices[i]) == 0)
			return i;
	strbuf_init(&list);
	for (i = 0; choices[i] != NULL; i++)
		strbuf_addf(&list, "%s%s", i ? ", " : "", choices[i]);
	if (n->kind == NODE_SCALAR) {
		char *shown = util_escape_text(n->text, false);

		schema_err(w, n, "key \"%s\": expected one of %s, found \"%s\"",
			   key, list.s, shown);
		free(shown);
	} else {
		schema_err(w, n, "key \"%s\": expected one of %s, found %s",
			   key, list.s, node_kind_name(n));
	}
	strbuf_free(&list);
	return -1;
}

static bool
id_valid(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 64 || s[0] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

char *
schema_take_id(const struct walk *w, const struct node *map, const char *key)
{
	char *s = schema_take_text(w, map, key);

	if (s != NULL && !id_valid(s)) {
		schema_err(
		    w, node_get(map, key),
		    "key \"%s\": expected an id (up to 64 lowercase letters, "
		    "digits and hyphens), found \"%s\"",
		    key, s);
		free(s);
		return NULL;
	}
	return s;
}

/* The sequence at key, or NULL after reporting if it is not a list. */
const struct node *
schema_take_seq(const struct walk *w, const struct node *map, const char *key)
{
	const struct node *n = node_get(map, key);

	if (n == NULL)
		return NULL;
	if (n->kind != NODE_SEQUENCE) {
		schema_err(w, n, "key \"%s\": expected a list, found %s", key,
			   node_kind_name(n));
		return NULL;
	}
	if (n->n == 0) {
		schema_err(w, n, "key \"%s\": the list is empty", key);
		return NULL;
	}
	return n;
}

void
schema_take_list(const struct walk *w, const struct node *map, const char *key,
		 struct strlist *out)
{
	const struct node *seq = schema_take_seq(w, map, key);
	char *s;
	size_t i;

	if (seq == NULL)
		return;
	out->v = xcalloc(seq->n, sizeof *out->v);
	for (i = 0; i < seq->n; i++) {
		s = text_of(w, seq->items[i], key, i + 1);
		if (s != NULL)
			out->v[out->n++] = s;
	}
}

/* A list item that must be a mapping; NULL after reporting otherwise. */
const struct node *
schema_item_map(const struct walk *w, const struct node *seq, size_t i,
		const char *key)
{
	const struct node *n = seq->items[i];

	if (n->kind != NODE_MAPPING) {
		schema_err(w, n,
			   "key \"%s\" item %zu: expected a mapping, found %s",
			   key, i + 1, node_kind_name(n));
		return NULL;
	}
	return n;
}

void
schema_take_law(const struct walk *w, const struct node *map,
		struct law_info *law, bool required, const char *what)
{
	const struct node *j = node_get(map, "jurisdiction");
	const struct node *r = node_get(map, "reviewed");

	law->jurisdiction = schema_take_text(w, map, "jurisdiction");
	law->reviewed = schema_take_text(w, map, "reviewed");
	if (law->reviewed != NULL)
		law->pos = schema_pos(w, r);
	if (law->reviewed != NULL && when_days(law->reviewed) < 0) {
		schema_err(
		    w, r,
		    "key \"reviewed\": expected a date YYYY-MM-DD, found "
		    "\"%s\"",
		    law->reviewed);
		free(law->reviewed);
		law->reviewed = NULL;
	}
	if (required && j == NULL)
		schema_err(
		    w, map,
		    "missing required key \"jurisdiction\" in %s (it states "
		    "or cites law)",
		    what);
	if (required && r == NULL)
		schema_err(
		    w, map,
		    "missing required key \"reviewed\" in %s (it states or "
		    "cites law)",
		    what);
	if (!required && (j == NULL) != (r == NULL))
		schema_err(w, map,
			   "%s: \"jurisdiction\" and \"reviewed\" go together",
			   what);
}
