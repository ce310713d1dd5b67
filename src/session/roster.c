/* roster.c: the roster file parser and attendance marks. */
#include "roster.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "complog_line.h"
#include "util.h"

_Static_assert(ROSTER_MAX_NAME == COMPLOG_TEXT_MAX,
	       "a name on the roster must fit in a signed record");

struct roster *
roster_new(void)
{
	return xcalloc(1, sizeof(struct roster));
}

void
roster_free(struct roster *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->v[i].name);
		free(r->v[i].staff_id);
	}
	free(r->v);
	free(r);
}

/* Control characters and the invisible ones that can disguise a name. */
static bool
is_forbidden(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	       (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

/*
 * Scan s[0..len) for bad bytes or characters; returns NULL or a static
 * message with the 1-based column in *col.
 */
static const char *
check_text(const char *s, size_t len, unsigned *col, bool spaces)
{
	size_t i = 0, k;
	unsigned c = 1, cp;

	while (i < len) {
		k = util_plain_prefix(s + i, len - i, false);
		if (!spaces && memchr(s + i, ' ', k) != NULL) {
			*col =
			    c + (unsigned)((const char *)memchr(s + i, ' ', k) -
					   (s + i));
			return "spaces are not allowed in a staff id";
		}
		i += k;
		c += (unsigned)k;
		if (i == len)
			break;
		if ((k = util_utf8_decode(s + i, len - i, &cp)) == 0) {
			*col = c;
			return "invalid UTF-8";
		}
		if (is_forbidden(cp)) {
			*col = c;
			return cp == '\t' ? "a tab may only separate the name "
					    "from the staff id"
					  : "control or invisible formatting "
					    "character";
		}
		i += k;
		c++;
	}
	return NULL;
}

const char *
roster_check_name(const char *s, size_t len, unsigned *col)
{
	unsigned dummy;

	if (col == NULL)
		col = &dummy;
	*col = 0;
	if (len == 0)
		return "the name is empty";
	if (len > ROSTER_MAX_NAME)
		return "the name is too long (at most 1000 bytes)";
	return check_text(s, len, col, true);
}

const char *
roster_check_id(const char *s, size_t len, unsigned *col)
{
	unsigned dummy;

	if (col == NULL)
		col = &dummy;
	*col = 0;
	if (len > ROSTER_MAX_ID)
		return "the staff id is too long (at most 64 bytes)";
	return check_text(s, len, col, false);
}

static void
trim(const char **s, size_t *len, unsigned *skipped)
{
	while (*len > 0 && (**s == ' ')) {
		(*s)++;
		(*len)--;
		if (skipped != NULL)
			(*skipped)++;
	}
	while (*len > 0 && (*s)[*len - 1] == ' ')
		(*len)--;
}

static bool
same_id(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

long
roster_find(const struct roster *r, const char *name, const char *id)
{
	size_t i;

	if (id != NULL && id[0] == '\0')
		id = NULL;
	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].name, name) == 0 &&
		    same_id(r->v[i].staff_id, id))
			return (long)i;
	return -1;
}

static size_t
push(struct roster *r, char *name, char *id, unsigned line)
{
	struct roster_person *p;

	if (r->n == r->cap) {
		r->cap = r->cap != 0 ? r->cap * 2 : 16;
		r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
	}
	p = &r->v[r->n];
	memset(p, 0, sizeof *p);
	p->name = name;
	p->staff_id = id;
	p->line = line;
	p->state = ROSTER_EXPECTED;
	return r->n++;
}

/*
 * An index of name and staff id for the duplicate check while parsing: open
 * addressing over twice ROSTER_MAX_PEOPLE slots, each the person's index
 * plus one (0 is empty).
 */
#define NAMES_SLOTS 4096

struct names {
	size_t slot[NAMES_SLOTS];
};

static size_t
names_hash(const char *name, const char *id)
{
	unsigned long long h = 1469598103934665603ull;
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p != '\0'; p++)
		h = (h ^ *p) * 1099511628211ull;
	h = (h ^ '\t') * 1099511628211ull;
	for (p = (const unsigned char *)(id ? id : ""); *p != '\0'; p++)
		h = (h ^ *p) * 1099511628211ull;
	return (size_t)(h & (NAMES_SLOTS - 1));
}

static long
names_find(const struct names *ix, const struct roster *r, const char *name,
	   const char *id)
{
	size_t h = names_hash(name, id), k;

	for (; (k = ix->slot[h]) != 0; h = (h + 1) & (NAMES_SLOTS - 1))
		if (strcmp(r->v[k - 1].name, name) == 0 &&
		    same_id(r->v[k - 1].staff_id, id))
			return (long)(k - 1);
	return -1;
}

static void
names_add(struct names *ix, const struct roster *r, size_t i)
{
	size_t h = names_hash(r->v[i].name, r->v[i].staff_id);

	while (ix->slot[h] != 0)
		h = (h + 1) & (NAMES_SLOTS - 1);
	ix->slot[h] = i + 1;
}

/* Column (1-based, in characters) of byte offset off in line. */
static unsigned
column_of(const char *line, size_t off)
{
	unsigned c = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (((unsigned char)line[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/* One line without its newline; adds to tmp or reports to d. */
static void
parse_line(struct roster *tmp, struct names *ix, const char *file,
	   unsigned lineno, const char *line, size_t len, struct diags *d)
{
	const char *tab = memchr(line, '\t', len), *name = line, *id = NULL;
	size_t nlen = tab != NULL ? (size_t)(tab - line) : len, ilen = 0;
	unsigned col, nskip = 0, iskip = 0;
	const char *why;
	char *n, *i;
	long dup;

	if (len > 0 && line[len - 1] == '\r')
		len--, nlen = tab != NULL ? nlen : len;
	if (tab != NULL) {
		id = tab + 1;
		ilen = len - nlen - 1;
	}
	trim(&name, &nlen, &nskip);
	if (nlen == 0 && id == NULL)
		return;
	if (nlen > 0 && name[0] == '#')
		return;
	if (id != NULL)
		trim(&id, &ilen, &iskip);
	if ((why = roster_check_name(name, nlen, &col)) != NULL) {
		diags_add(d, file, lineno,
			  col != 0
			      ? column_of(line, (size_t)(name - line)) + col - 1
			      : column_of(line, (size_t)(name - line)),
			  "%s", why);
		return;
	}
	if (id != NULL && (why = roster_check_id(id, ilen, &col)) != NULL) {
		diags_add(d, file, lineno,
			  column_of(line, (size_t)(id - line)) +
			      (col != 0 ? col - 1 : 0),
			  "%s", why);
		return;
	}
	n = xstrndup(name, nlen);
	i = ilen != 0 ? xstrndup(id, ilen) : NULL;
	if ((dup = names_find(ix, tmp, n, i)) != -1) {
		if (tmp->v[dup].line != 0)
			diags_add(d, file, lineno, column_of(line, nskip),
				  "\"%s\" is already on the roster (line %u)",
				  n, tmp->v[dup].line);
		else
			diags_add(d, file, lineno, column_of(line, nskip),
				  "\"%s\" is already on the roster", n);
		free(n);
		free(i);
		return;
	}
	if (tmp->n == ROSTER_MAX_PEOPLE) {
		diags_add(d, file, lineno, 1,
			  "too many names (at most %d in a roster)",
			  ROSTER_MAX_PEOPLE);
		free(n);
		free(i);
		return;
	}
	names_add(ix, tmp, push(tmp, n, i, lineno));
}

int
roster_parse(struct roster *r, const char *file, const char *buf, size_t len,
	     struct diags *d)
{
	struct roster *tmp = roster_new();
	struct names *ix = xcalloc(1, sizeof *ix);
	size_t before = d->n, at = 0, k, i;
	unsigned lineno = 0;
	const char *nl;

	for (i = 0; i < r->n; i++)
		names_add(
		    ix, tmp,
		    push(tmp, r->v[i].name, r->v[i].staff_id, r->v[i].line));
	k = tmp->n;
	while (at < len && d->n - before < 100) {
		nl = memchr(buf + at, '\n', len - at);
		size_t ll = nl != NULL ? (size_t)(nl - (buf + at)) : len - at;

		parse_line(tmp, ix, file, ++lineno, buf + at, ll, d);
		at += ll + (nl != NULL);
	}
	free(ix);
	if (d->n != before) {
		for (i = k; i < tmp->n; i++) {
			free(tmp->v[i].name);
			free(tmp->v[i].staff_id);
		}
		free(tmp->v);
		free(tmp);
		return -1;
	}
	for (i = k; i < tmp->n; i++)
		push(r, tmp->v[i].name, tmp->v[i].staff_id, tmp->v[i].line);
	free(tmp->v);
	free(tmp);
	return 0;
}

int
roster_load(struct roster *r, const char *path, struct diags *d)
{
	size_t len;
	char *buf = util_read_file(path, ROSTER_MAX_FILE, &len);
	int ret;

	if (buf == NULL) {
		diags_add_io(d, path, "%s",
			     errno == EFBIG ? "the roster file is too big "
					      "(at most 1 MiB)"
					    : strerror(errno));
		return -1;
	}
	ret = roster_parse(r, path, buf, len, d);
	free(buf);
	return ret;
}

long
roster_add(struct roster *r, const char *name, const char *id, char **err)
{
	size_t nlen = strlen(name), ilen = id != NULL ? strlen(id) : 0;
	const char *why;
	unsigned col;
	char *n, *i;

	trim(&name, &nlen, NULL);
	if (id != NULL)
		trim(&id, &ilen, NULL);
	if ((why = roster_check_name(name, nlen, &col)) != NULL ||
	    (ilen != 0 && (why = roster_check_id(id, ilen, &col)) != NULL)) {
		*err = xstrdup(why);
		return -1;
	}
	if (r->n >= ROSTER_MAX_PEOPLE) {
		*err = xstrdup("the roster is full");
		return -1;
	}
	n = xstrndup(name, nlen);
	i = ilen != 0 ? xstrndup(id, ilen) : NULL;
	if (roster_find(r, n, i) != -1) {
		*err = xstrdup("that name is already on the roster");
		free(n);
		free(i);
		return -1;
	}
	return (long)push(r, n, i, 0);
}

void
roster_mark_present(struct roster *r, size_t i, size_t section, bool late)
{
	struct roster_person *p = &r->v[i];

	if (p->state == ROSTER_EXPECTED) {
		p->from = section;
		p->late = late || section > 0;
	}
	p->state = ROSTER_PRESENT;
}

void
roster_mark_left(struct roster *r, size_t i, size_t section)
{
	struct roster_person *p = &r->v[i];

	if (p->state != ROSTER_PRESENT)
		return;
	p->state = ROSTER_LEFT;
	p->to = section < p->from ? p->from : section;
}

void
roster_mark_expected(struct roster *r, size_t i)
{
	r->v[i].state = ROSTER_EXPECTED;
	r->v[i].late = false;
	r->v[i].from = r->v[i].to = 0;
}

bool
roster_attended(const struct roster *r, size_t i, size_t s)
{
	const struct roster_person *p = &r->v[i];

	if (p->state == ROSTER_EXPECTED || s < p->from)
		return false;
	return p->state == ROSTER_PRESENT || s <= p->to;
}

size_t
roster_count_present(const struct roster *r)
{
	size_t i, k = 0;

	for (i = 0; i < r->n; i++)
		k += r->v[i].state == ROSTER_PRESENT;
	return k;
}

size_t
roster_count_came(const struct roster *r)
{
	size_t i, k = 0;

	for (i = 0; i < r->n; i++)
		k += r->v[i].state != ROSTER_EXPECTED;
	return k;
}
