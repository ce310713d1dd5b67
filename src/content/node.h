/*
 * node.h: a parsed YAML document as a small tree with positions.
 *
 * The loader turns libyaml's events into this tree so that the rest of the
 * program never sees libyaml.  Scalars keep their text and whether they were
 * written plain (unquoted), which is what distinguishes the number 5 or the
 * boolean true from the text "5".  Mappings keep keys and values in file
 * order; the loader has already refused duplicate and non-text keys.
 * Positions are 1-based lines and columns (in characters).
 */
#ifndef WORKSHOP_NODE_H
#define WORKSHOP_NODE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

enum node_kind {
	NODE_SCALAR,
	NODE_SEQUENCE,
	NODE_MAPPING,
};

struct node_arena;

struct node {
	enum node_kind kind;
	unsigned line;
	unsigned col;
	/* NODE_SCALAR */
	char *text;
	size_t len;
	bool plain;
	/* NODE_SEQUENCE: items; NODE_MAPPING: keys[i] -> items[i] */
	struct node **keys;
	struct node **items;
	size_t n;
	size_t cap;
	/* The root owns the arena every node and string of its tree is in. */
	struct node_arena *arena;
};

/*
 * Parse one YAML document from buf (len bytes; need not be NUL-terminated).
 * file names the source in diagnostics.  Refuses invalid UTF-8, anchors,
 * aliases, tags, more than one document, non-text or duplicate mapping keys,
 * and nesting deeper than max_depth.  Returns the root, or NULL after adding
 * at least one error to d.  An empty document is an error.  The caller frees
 * the tree with node_free().
 */
struct node *loader_parse(const char *file, const char *buf, size_t len,
			  unsigned max_depth, struct diags *d);

/* Free a whole tree; n must be a root returned by loader_parse. */
void node_free(struct node *n);

/* Value for key in a mapping, or NULL. */
const struct node *node_get(const struct node *map, const char *key);

/* "text", "a list", "a mapping": for messages. */
const char *node_kind_name(const struct node *n);

#endif
