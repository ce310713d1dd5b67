/*
 * loader.c: libyaml events to a struct node tree.
 *
 * This is the only file that includes <yaml.h>.  It uses the event API so it
 * can refuse anchors and aliases as they appear (a "billion laughs" file is
 * refused at its first anchor, before anything is expanded) and bound the
 * nesting depth without recursion on untrusted input.
 */
#include "node.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util.h"

/*
 * Every node, string and array of one tree comes from an arena of large
 * chunks, freed at once: parsing a pack makes thousands of small nodes, and
 * one malloc and free each would cost more than libyaml's own parse.
 */
struct node_arena {
	struct node_arena *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

#define ARENA_CHUNK 65536

static void *
arena_alloc(struct node_arena **a, size_t n)
{
	struct node_arena *c = *a;
	size_t align = sizeof(max_align_t);

	n = (n + align - 1) / align * align;
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;

		c = xmalloc(sizeof *c + size);
		c->next = *a;
		c->used = 0;
		c->size = size;
		*a = c;
	}
	c->used += n;
	return (char *)c->data + c->used - n;
}

static void
arena_free(struct node_arena *a)
{
	struct node_arena *next;

	for (; a != NULL; a = next) {
		next = a->next;
		free(a);
	}
}

struct loader {
	struct node_arena *arena;
	const char *file;
	struct diags *d;
	unsigned max_depth;
	struct node **stack; /* open collections */
	size_t depth;
	struct node *root;
	struct node **keystack; /* pending key of each open mapping */
	int ndocs;
	bool failed; /* stop: the tree is unusable (other errors keep it) */
};

/* libyaml marks are 0-based; this is the one place that adds 1. */
static void
mark_pos(const yaml_mark_t *m, unsigned *line, unsigned *col)
{
	*line = (unsigned)m->line + 1;
	*col = (unsigned)m->column + 1;
}

static void
loader_error(struct loader *l, const yaml_mark_t *m, const char *msg)
{
	unsigned line, col;

	mark_pos(m, &line, &col);
	diags_add(l->d, l->file, line, col, "%s", msg);
	l->failed = true;
}

static struct node *
node_new(struct loader *l, enum node_kind kind, const yaml_mark_t *m)
{
	struct node *n = arena_alloc(&l->arena, sizeof *n);

	memset(n, 0, sizeof *n);
	n->kind = kind;
	mark_pos(m, &n->line, &n->col);
	return n;
}

void
node_free(struct node *n)
{
	if (n != NULL)
		arena_free(n->arena);
}

const struct node *
node_get(const struct node *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != NODE_MAPPING)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->text, key) == 0)
			return map->items[i];
	return NULL;
}

const char *
node_kind_name(const struct node *n)
{
	switch (n->kind) {
	case NODE_SCALAR:
		return "text";
	case NODE_SEQUENCE:
		return "a list";
	case NODE_MAPPING:
		return "a mapping";
	}
	return "?";
}

static struct node **
arena_grow(struct loader *l, struct node **old, size_t n, size_t cap)
{
	struct node **v = arena_alloc(&l->arena, cap * sizeof *v);

	if (n > 0)
		memcpy(v, old, n * sizeof *v);
	return v;
}

static void
node_push(struct loader *l, struct node *parent, struct node *key,
	  struct node *child)
{
	if (parent->n == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 8;
		parent->items =
		    arena_grow(l, parent->items, parent->n, parent->cap);
		if (parent->kind == NODE_MAPPING)
			parent->keys =
			    arena_grow(l, parent->keys, parent->n, parent->cap);
	}
	if (parent->kind == NODE_MAPPING)
		parent->keys[parent->n] = key;
	parent->items[parent->n++] = child;
}

/* Attach a finished node to the open collection (or make it the root). */
static void
loader_attach(struct loader *l, struct node *n)
{
	struct node *top, *key;
	size_t i;

	if (l->depth == 0) {
		l->root = n;
		return;
	}
	top = l->stack[l->depth - 1];
	if (top->kind == NODE_SEQUENCE) {
		node_push(l, top, NULL, n);
		return;
	}
	key = l->keystack[l->depth - 1];
	if (key == NULL) {
		if (n->kind != NODE_SCALAR) {
			diags_add(l->d, l->file, n->line, n->col,
				  "mapping keys must be text, found %s",
				  node_kind_name(n));
			/* Keep the shape: an empty placeholder key. */
			n->kind = NODE_SCALAR;
			n->text = arena_alloc(&l->arena, 1);
			n->text[0] = '\0';
			n->len = 0;
			n->n = 0;
		}
		l->keystack[l->depth - 1] = n;
		return;
	}
	l->keystack[l->depth - 1] = NULL;
	for (i = 0; i < top->n; i++) {
		if (key->text[0] != '\0' &&
		    strcmp(top->keys[i]->text, key->text) == 0) {
			diags_add(l->d, l->file, key->line, key->col,
				  "duplicate key \"%s\" (first at line %u)",
				  key->text, top->keys[i]->line);
			return;
		}
	}
	node_push(l, top, key, n);
}

static bool
loader_refuse_extras(struct loader *l, const yaml_event_t *e,
		     const yaml_char_t *anchor, const yaml_char_t *tag,
		     int implicit)
{
	if (anchor != NULL) {
		loader_error(l, &e->start_mark,
			     "anchors (&name) are not allowed in content");
		return true;
	}
	if (tag != NULL && !implicit) {
		loader_error(l, &e->start_mark,
			     "tags (!name) are not allowed in content");
		return true;
	}
	return false;
}

static void
loader_open(struct loader *l, struct node *n)
{
	if (l->depth >= l->max_depth) {
		diags_add(l->d, l->file, n->line, n->col,
			  "nesting deeper than %u levels", l->max_depth);
		l->failed = true;
		return;
	}
	l->stack = xreallocarray(l->stack, l->depth + 1, sizeof *l->stack);
	l->keystack =
	    xreallocarray(l->keystack, l->depth + 1, sizeof *l->keystack);
	l->stack[l->depth] = n;
	l->keystack[l->depth] = NULL;
	l->depth++;
}

static void
loader_close(struct loader *l)
{
	struct node *n = l->stack[--l->depth];

	loader_attach(l, n);
}

static struct node *
scalar_node(struct loader *l, const yaml_event_t *e)
{
	struct node *n = node_new(l, NODE_SCALAR, &e->start_mark);

	n->len = e->data.scalar.length;
	n->text = arena_alloc(&l->arena, n->len + 1);
	memcpy(n->text, e->data.scalar.value, n->len);
	n->text[n->len] = '\0';
	n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return n;
}

/* Handle one event; returns false when parsing must stop. */
static bool
loader_event(struct loader *l, const yaml_event_t *e)
{
	switch (e->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++l->ndocs > 1) {
			loader_error(l, &e->start_mark,
				     "only one YAML document per file");
			return false;
		}
		return true;
	case YAML_ALIAS_EVENT:
		loader_error(l, &e->start_mark,
			     "aliases (*name) are not allowed in content");
		return false;
	case YAML_SCALAR_EVENT:
		if (loader_refuse_extras(l, e, e->data.scalar.anchor,
					 e->data.scalar.tag,
					 e->data.scalar.plain_implicit ||
					     e->data.scalar.quoted_implicit))
			return false;
		loader_attach(l, scalar_node(l, e));
		return true;
	case YAML_SEQUENCE_START_EVENT:
		if (loader_refuse_extras(l, e, e->data.sequence_start.anchor,
					 e->data.sequence_start.tag,
					 e->data.sequence_start.implicit))
			return false;
		loader_open(l, node_new(l, NODE_SEQUENCE, &e->start_mark));
		return true;
	case YAML_MAPPING_START_EVENT:
		if (loader_refuse_extras(l, e, e->data.mapping_start.anchor,
					 e->data.mapping_start.tag,
					 e->data.mapping_start.implicit))
			return false;
		loader_open(l, node_new(l, NODE_MAPPING, &e->start_mark));
		return true;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		loader_close(l);
		return true;
	case YAML_STREAM_END_EVENT:
		return false;
	default:
		return true;
	}
}

static void
loader_syntax_error(struct loader *l, const yaml_parser_t *p)
{
	const yaml_mark_t *m = &p->problem_mark;
	unsigned line, col;

	mark_pos(m, &line, &col);
	if (p->error == YAML_READER_ERROR) {
		/* The reader reports a byte offset, not a line. */
		diags_add(l->d, l->file, line, col, "%s (byte %zu)",
			  p->problem != NULL ? p->problem : "unreadable text",
			  p->problem_offset);
	} else if (p->context != NULL) {
		diags_add(l->d, l->file, line, col, "YAML syntax: %s %s",
			  p->problem != NULL ? p->problem : "error",
			  p->context);
	} else {
		diags_add(l->d, l->file, line, col, "YAML syntax: %s",
			  p->problem != NULL ? p->problem : "error");
	}
	l->failed = true;
}

/* Position of byte offset off in buf, as 1-based line and column. */
static void
offset_pos(const char *buf, size_t off, unsigned *line, unsigned *col)
{
	size_t i = 0, k;
	unsigned cp;

	*line = 1;
	*col = 1;
	while (i < off) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
			i++;
			continue;
		}
		k = util_utf8_decode(buf + i, off - i, &cp);
		i += k ? k : 1;
		(*col)++;
	}
}

struct node *
loader_parse(const char *file, const char *buf, size_t len, unsigned max_depth,
	     struct diags *d)
{
	struct loader l = {.file = file, .d = d, .max_depth = max_depth};
	yaml_parser_t p;
	yaml_event_t e;
	unsigned line, col;
	size_t bad;
	bool more = true;

	if (!util_utf8_valid(buf, len, &bad)) {
		offset_pos(buf, bad, &line, &col);
		diags_add(d, file, line, col, "invalid UTF-8 (byte 0x%02x)",
			  (unsigned char)buf[bad]);
		return NULL;
	}
	/* A UTF-8 byte-order mark is valid; it occupies no column. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	while (more) {
		if (!yaml_parser_parse(&p, &e)) {
			loader_syntax_error(&l, &p);
			break;
		}
		more = loader_event(&l, &e) && !l.failed;
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	free(l.stack);
	free(l.keystack);
	if (!l.failed &&
	    (l.root == NULL || (l.root->kind == NODE_SCALAR && l.root->plain &&
				l.root->len == 0))) {
		diags_add(d, file, 1, 1, "the file is empty");
		l.failed = true;
	}
	if (l.failed) {
		arena_free(l.arena);
		return NULL;
	}
	l.root->arena = l.arena;
	return l.root;
}
