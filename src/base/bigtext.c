/*
 * bigtext.c: block-letter titles.
 *
 * The font is one table: each glyph is five rows of '#' and ' ' of equal
 * width.  Typographic quotes and dashes map to their ASCII forms.
 */
#include "bigtext.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct glyph {
	char c;
	const char *row[BIGTEXT_FONT_ROWS];
};

static const struct glyph font[] = {
    {'A', {" ## ", "#  #", "####", "#  #", "#  #"}},
    {'B', {"### ", "#  #", "### ", "#  #", "### "}},
    {'C', {" ###", "#   ", "#   ", "#   ", " ###"}},
    {'D', {"### ", "#  #", "#  #", "#  #", "### "}},
    {'E', {"####", "#   ", "### ", "#   ", "####"}},
    {'F', {"####", "#   ", "### ", "#   ", "#   "}},
    {'G', {" ###", "#   ", "# ##", "#  #", " ###"}},
    {'H', {"#  #", "#  #", "####", "#  #", "#  #"}},
    {'I', {"###", " # ", " # ", " # ", "###"}},
    {'J', {"  ##", "   #", "   #", "#  #", " ## "}},
    {'K', {"#  #", "# # ", "##  ", "# # ", "#  #"}},
    {'L', {"#   ", "#   ", "#   ", "#   ", "####"}},
    {'M', {"#   #", "## ##", "# # #", "#   #", "#   #"}},
    {'N', {"#   #", "##  #", "# # #", "#  ##", "#   #"}},
    {'O', {" ## ", "#  #", "#  #", "#  #", " ## "}},
    {'P', {"### ", "#  #", "### ", "#   ", "#   "}},
    {'Q', {" ## ", "#  #", "#  #", "# ##", " ###"}},
    {'R', {"### ", "#  #", "### ", "# # ", "#  #"}},
    {'S', {" ###", "#   ", " ## ", "   #", "### "}},
    {'T', {"#####", "  #  ", "  #  ", "  #  ", "  #  "}},
    {'U', {"#  #", "#  #", "#  #", "#  #", " ## "}},
    {'V', {"#   #", "#   #", "#   #", " # # ", "  #  "}},
    {'W', {"#   #", "#   #", "# # #", "## ##", "#   #"}},
    {'X', {"#   #", " # # ", "  #  ", " # # ", "#   #"}},
    {'Y', {"#   #", " # # ", "  #  ", "  #  ", "  #  "}},
    {'Z', {"####", "   #", " ## ", "#   ", "####"}},
    {'0', {" ## ", "# ##", "#  #", "## #", " ## "}},
    {'1', {" # ", "## ", " # ", " # ", "###"}},
    {'2', {"### ", "   #", " ## ", "#   ", "####"}},
    {'3', {"### ", "   #", " ## ", "   #", "### "}},
    {'4', {"#  #", "#  #", "####", "   #", "   #"}},
    {'5', {"####", "#   ", "### ", "   #", "### "}},
    {'6', {" ## ", "#   ", "### ", "#  #", " ## "}},
    {'7', {"####", "   #", "  # ", " #  ", " #  "}},
    {'8', {" ## ", "#  #", " ## ", "#  #", " ## "}},
    {'9', {" ## ", "#  #", " ###", "   #", " ## "}},
    {'.', {" ", " ", " ", " ", "#"}},
    {',', {"  ", "  ", "  ", " #", "# "}},
    {':', {" ", "#", " ", "#", " "}},
    {';', {"  ", " #", "  ", " #", "# "}},
    {'!', {"#", "#", "#", " ", "#"}},
    {'?', {"### ", "   #", " ## ", "    ", " #  "}},
    {'\'', {"#", "#", " ", " ", " "}},
    {'"', {"# #", "# #", "   ", "   ", "   "}},
    {'-', {"   ", "   ", "###", "   ", "   "}},
    {'(', {" #", "# ", "# ", "# ", " #"}},
    {')', {"# ", " #", " #", " #", "# "}},
    {'/', {"  #", "  #", " # ", "#  ", "#  "}},
    {'&', {" #  ", "# # ", " ## ", "#  #", " ###"}},
    {'+', {"   ", " # ", "###", " # ", "   "}},
    {'=', {"   ", "###", "   ", "###", "   "}},
};

/* The ASCII character the font draws for cp, or 0. */
static char
fold(unsigned cp)
{
	if (cp >= 'a' && cp <= 'z')
		return (char)(cp - 'a' + 'A');
	switch (cp) {
	case 0x2018:
	case 0x2019:
		return '\'';
	case 0x201c:
	case 0x201d:
		return '"';
	case 0x2010:
	case 0x2013:
	case 0x2014:
		return '-';
	}
	return cp < 0x80 ? (char)cp : 0;
}

static const struct glyph *
glyph_of(unsigned cp)
{
	char c = fold(cp);
	size_t i;

	for (i = 0; c != 0 && i < UTIL_NELEM(font); i++)
		if (font[i].c == c)
			return &font[i];
	return NULL;
}

bool
bigtext_has_glyph(unsigned cp)
{
	return glyph_of(cp) != NULL;
}

/* A title as words of glyphs. */
struct word {
	const struct glyph **g;
	size_t n;
	unsigned px; /* width in font pixels, gaps included */
};

static void
free_words(struct word *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(w[i].g);
	free(w);
}

/* Split text into words; NULL if a character has no glyph. */
static struct word *
split(const char *text, size_t *nwords)
{
	size_t len = strlen(text), i = 0, k, n = 0;
	struct word *w = xcalloc(len / 2 + 1, sizeof *w);
	unsigned cp;
	const struct glyph *g;

	while (i < len) {
		if (text[i] == ' ' || text[i] == '\n') {
			i++;
			continue;
		}
		w[n].g = xcalloc(len - i, sizeof *w[n].g);
		while (i < len && text[i] != ' ' && text[i] != '\n') {
			if ((k = util_utf8_decode(text + i, len - i, &cp)) ==
				0 ||
			    (g = glyph_of(cp)) == NULL) {
				free_words(w, n + 1);
				return NULL;
			}
			w[n].px += (w[n].n != 0) + (unsigned)strlen(g->row[0]);
			w[n].g[w[n].n++] = g;
			i += k;
		}
		n++;
	}
	*nwords = n;
	return w;
}

/*
 * Greedy wrap at scale s within cols; fills line_of[] (first word of each
 * line, then n) and returns the number of lines, or 0 if a word is too
 * wide.  Words on a line are two pixels apart.
 */
static unsigned
wrap(const struct word *w, size_t n, unsigned s, unsigned cols, size_t *first)
{
	unsigned lines = 0, at = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (w[i].px * s > cols)
			return 0;
		if (i != 0 && at + (2 + w[i].px) * s <= cols) {
			at += (2 + w[i].px) * s;
			continue;
		}
		first[lines++] = i;
		at = w[i].px * s;
	}
	first[lines] = n;
	return lines;
}

static unsigned
line_px(const struct word *w, size_t from, size_t to)
{
	unsigned px = 0;
	size_t i;

	for (i = from; i < to; i++)
		px += (i != from ? 2 : 0) + w[i].px;
	return px;
}

/* Ink one glyph at column x of the rows starting at y. */
static void
ink(struct bigtext *b, const struct glyph *g, unsigned x, unsigned y,
    unsigned s)
{
	unsigned r, c, gw = (unsigned)strlen(g->row[0]);

	for (r = 0; r < BIGTEXT_FONT_ROWS * s; r++)
		for (c = 0; c < gw * s; c++)
			if (g->row[r / s][c / s] == '#')
				b->rows[y + r][x + c] = '#';
}

static void
draw(struct bigtext *b, const struct word *w, const size_t *first, unsigned s)
{
	unsigned l, x, y, width = 0, px;
	size_t i, k;

	for (l = 0; l < b->lines; l++)
		if ((px = line_px(w, first[l], first[l + 1]) * s) > width)
			width = px;
	b->width = width;
	b->height = b->lines * BIGTEXT_FONT_ROWS * s + (b->lines - 1) * s;
	b->rows = xcalloc(b->height, sizeof *b->rows);
	for (y = 0; y < b->height; y++) {
		b->rows[y] = xmalloc(width + 1);
		memset(b->rows[y], ' ', width);
		b->rows[y][width] = '\0';
	}
	for (l = 0; l < b->lines; l++) {
		x = (width - line_px(w, first[l], first[l + 1]) * s) / 2;
		y = l * (BIGTEXT_FONT_ROWS + 1) * s;
		for (i = first[l]; i < first[l + 1]; i++) {
			if (i != first[l])
				x += 2 * s;
			for (k = 0; k < w[i].n; k++) {
				if (k != 0)
					x += s;
				ink(b, w[i].g[k], x, y, s);
				x += (unsigned)strlen(w[i].g[k]->row[0]) * s;
			}
		}
	}
}

bool
bigtext_render(const char *text, unsigned cols, unsigned rows,
	       unsigned max_scale, struct bigtext *out)
{
	size_t n = 0, *first;
	struct word *w = split(text, &n);
	unsigned s, lines;

	memset(out, 0, sizeof *out);
	out->plain = true;
	if (w == NULL)
		return false;
	if (max_scale > BIGTEXT_MAX_SCALE)
		max_scale = BIGTEXT_MAX_SCALE;
	first = xcalloc(n + 1, sizeof *first);
	for (s = max_scale; n != 0 && s >= 1; s--) {
		lines = wrap(w, n, s, cols, first);
		if (lines == 0 ||
		    lines * (BIGTEXT_FONT_ROWS + 1) * s - s > rows)
			continue;
		out->plain = false;
		out->scale = s;
		out->lines = lines;
		draw(out, w, first, s);
		break;
	}
	free(first);
	free_words(w, n);
	return !out->plain;
}

void
bigtext_free(struct bigtext *b)
{
	unsigned i;

	for (i = 0; i < b->height; i++)
		free(b->rows[i]);
	free(b->rows);
	memset(b, 0, sizeof *b);
	b->plain = true;
}
