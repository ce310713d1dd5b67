/* layout.c: wrapping UTF-8 text to a width, scrolling, ASCII folding. */
#define _XOPEN_SOURCE 700
#include "layout.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util.h"

void
layout_init(struct layout *l)
{
	memset(l, 0, sizeof *l);
}

void
layout_clear(struct layout *l)
{
	l->n = 0;
}

void
layout_free(struct layout *l)
{
	free(l->v);
	layout_init(l);
}

static struct layout_line *
add_line(struct layout *l)
{
	struct layout_line *ln;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	ln = &l->v[l->n++];
	memset(ln, 0, sizeof *ln);
	return ln;
}

void
layout_blank(struct layout *l)
{
	add_line(l)->s = "";
}

int
layout_cp_width(unsigned cp)
{
	int w;

	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if (cp < 0x7f)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* One character at s: its length in bytes (at least 1) and width. */
static size_t
char_at(const char *s, size_t n, int *w)
{
	unsigned cp;
	size_t k;

	if ((unsigned char)*s < 0x80) {
		*w = layout_cp_width((unsigned char)*s);
		return 1;
	}
	k = util_utf8_decode(s, n, &cp);
	if (k == 0) {
		*w = 1;
		return 1;
	}
	*w = layout_cp_width(cp);
	return k;
}

int
layout_width(const char *s, size_t n)
{
	size_t i = 0, k;
	int w, total = 0;

	while (i < n) {
		k = char_at(s + i, n - i, &w);
		total += w;
		i += k;
	}
	return total;
}

/*
 * The longest prefix of s[0..n) (one line, no '\n') fitting avail columns,
 * breaking after a space when there is one; at least one character.
 * Returns its length; *used gets its width (trailing spaces not counted).
 */
static size_t
fit(const char *s, size_t n, int avail, int *used)
{
	size_t i = 0, brk = 0, k;
	int w, col = 0, brkcol = 0;

	while (i < n) {
		k = char_at(s + i, n - i, &w);
		if (s[i] == ' ') {
			brk = i;
			brkcol = col;
		}
		if (col + w > avail && s[i] != ' ')
			break;
		col += w;
		i += k;
	}
	if (i == n) {
		*used = col;
		return n;
	}
	if (brk > 0) {
		*used = brkcol;
		return brk;
	}
	if (i == 0) { /* one character wider than the line */
		i = char_at(s, n, &w);
		col = w;
	}
	*used = col;
	return i;
}

size_t
layout_wrap(struct layout *l, const char *text, int width, int first, int rest,
	    int attr)
{
	const char *p = text;
	size_t added = 0;
	int indent = first;

	if (width < 1)
		width = 1;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);

		do {
			struct layout_line *ln = add_line(l);
			int avail = width - indent;
			size_t k;

			if (avail < 1)
				avail = 1;
			k = fit(p, n, avail, &ln->width);
			ln->s = p;
			ln->len = k;
			while (ln->len > 0 && ln->s[ln->len - 1] == ' ')
				ln->len--;
			ln->width = layout_width(ln->s, ln->len);
			ln->indent = indent;
			ln->attr = attr;
			added++;
			indent = rest;
			p += k;
			n -= k;
			while (n > 0 && *p == ' ') {
				p++;
				n--;
			}
		} while (n > 0);
		if (nl == NULL)
			break;
		p = nl + 1;
		if (*p == '\0')
			break;
	}
	return added;
}

int
layout_scroll_to(int top, int want, int height)
{
	if (height < 1)
		height = 1;
	if (want < top)
		return want;
	if (want >= top + height)
		return want - height + 1;
	return top;
}

int
layout_clamp(int top, size_t nlines, int height)
{
	int max = (int)nlines - height;

	if (max < 0)
		max = 0;
	if (top > max)
		top = max;
	return top < 0 ? 0 : top;
}

struct fold {
	unsigned cp;
	const char *ascii;
};

static const struct fold folds[] = {
    {0x00a0, " "},  {0x00a3, "GBP"}, {0x00a9, "(c)"}, {0x00ab, "<<"},
    {0x00b7, "."},  {0x00bb, ">>"},  {0x00c9, "E"},   {0x00e0, "a"},
    {0x00e1, "a"},  {0x00e2, "a"},   {0x00e4, "a"},   {0x00e7, "c"},
    {0x00e8, "e"},  {0x00e9, "e"},   {0x00ea, "e"},   {0x00eb, "e"},
    {0x00ed, "i"},  {0x00ef, "i"},   {0x00f1, "n"},   {0x00f3, "o"},
    {0x00f4, "o"},  {0x00f6, "o"},   {0x00fa, "u"},   {0x00fc, "u"},
    {0x2010, "-"},  {0x2011, "-"},   {0x2013, "-"},   {0x2014, "--"},
    {0x2018, "'"},  {0x2019, "'"},   {0x201c, "\""},  {0x201d, "\""},
    {0x2022, "*"},  {0x2026, "..."}, {0x2190, "<-"},  {0x2192, "->"},
    {0x2264, "<="}, {0x2265, ">="},  {0x2713, "+"},   {0x2714, "+"},
    {0x2717, "x"},  {0x2718, "x"},   {0x25b8, ">"},   {0x25cf, "*"},
};

char *
layout_ascii(const char *s)
{
	struct strbuf b;
	size_t n = strlen(s), i = 0, k, j;
	unsigned cp;

	strbuf_init(&b);
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			strbuf_addc(&b, s[i++]);
			continue;
		}
		k = util_utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			strbuf_addc(&b, '?');
			i++;
			continue;
		}
		for (j = 0; j < UTIL_NELEM(folds); j++)
			if (folds[j].cp == cp)
				break;
		strbuf_adds(&b, j < UTIL_NELEM(folds) ? folds[j].ascii : "?");
		i += k;
	}
	return strbuf_detach(&b);
}
