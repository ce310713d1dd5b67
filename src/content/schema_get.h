/*
 * schema_get.h: the typed getters the schema is built with (internal to
 * src/content).  Each takes one key of a mapping node, checks its type and
 * range, and on a problem reports it as "file:line:col: error: key ...:
 * expected ..., found ..." and returns NULL, false or -1; building goes on,
 * so one run reports every problem in a file.
 */
#ifndef WORKSHOP_SCHEMA_GET_H
#define WORKSHOP_SCHEMA_GET_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "node.h"

struct walk {
	const char *file;
	struct diags *d;
};

struct field {
	const char *key;
	bool required;
};

/* Report a problem at node at (its line and column in w->file). */
void schema_err(const struct walk *w, const struct node *at, const char *fmt,
		...) __attribute__((format(printf, 3, 4)));

/* Where n is in the file being walked. */
struct srcpos schema_pos(const struct walk *w, const struct node *n);

/* Report every key of map (a "what") that fields does not list, and every
 * required one missing. */
void schema_check_keys(const struct walk *w, const struct node *map,
		       const char *what, const struct field *fields,
		       size_t nfields);

/* The text under key (a string), or NULL after reporting; the caller's. */
char *schema_take_text(const struct walk *w, const struct node *map,
		       const char *key);

/* A whole number from min to max under key into *out; false if the key is
 * absent (not reported) or after reporting anything else. */
bool schema_take_uint(const struct walk *w, const struct node *map,
		      const char *key, unsigned min, unsigned max,
		      unsigned *out);

/* The index of the word under key in choices (NULL-terminated); -1 if the
 * key is absent (not reported) or after reporting another value. */
int schema_take_word(const struct walk *w, const struct node *map,
		     const char *key, const char *const *choices);

/* An id ([a-z0-9-]+) under key, or NULL after reporting; the caller's. */
char *schema_take_id(const struct walk *w, const struct node *map,
		     const char *key);

/* The sequence under key, or NULL after reporting. */
const struct node *schema_take_seq(const struct walk *w, const struct node *map,
				   const char *key);

/* The strings of the sequence under key into out (items that are not
 * strings are reported and left out). */
void schema_take_list(const struct walk *w, const struct node *map,
		      const char *key, struct strlist *out);

/* Item i of seq, which must be a mapping; NULL after reporting. */
const struct node *schema_item_map(const struct walk *w, const struct node *seq,
				   size_t i, const char *key);

/* The jurisdiction and reviewed date of law content into law. */
void schema_take_law(const struct walk *w, const struct node *map,
		     struct law_info *law, bool required, const char *what);

#endif
