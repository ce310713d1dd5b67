/*
 * layout.h: text laid out for a screen of a given width, without a terminal.
 *
 * Text is UTF-8 (content text is checked by the loader).  Widths are in
 * terminal columns (wcwidth of each character; a character wcwidth does not
 * know counts as one column, a control character as none).  Lines break at
 * spaces; a word longer than the width is cut between characters; '\n'
 * always ends a line, so blank lines (paragraphs) are kept.
 *
 * A struct layout is an array of lines, each borrowing its bytes from the
 * text that was wrapped: the text must outlive the layout.
 */
#ifndef WORKSHOP_LAYOUT_H
#define WORKSHOP_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

struct layout_line {
	const char *s; /* borrowed */
	size_t len;    /* bytes */
	int width;     /* columns */
	int indent;    /* columns to leave before s */
	int attr;      /* the caller's tag, copied from layout_wrap */
};

struct layout {
	struct layout_line *v;
	size_t n;
	size_t cap;
};

void layout_init(struct layout *l);
void layout_clear(struct layout *l); /* keep the memory, drop the lines */
void layout_free(struct layout *l);

/*
 * Append text wrapped to width columns (at least 1).  The first line is
 * indented by first columns, the others by rest (both counted in width).
 * Every line gets attr.  Returns the number of lines added.
 */
size_t layout_wrap(struct layout *l, const char *text, int width, int first,
		   int rest, int attr);

/* Append an empty line. */
void layout_blank(struct layout *l);

/* Columns of one code point, and of n bytes of UTF-8. */
int layout_cp_width(unsigned cp);
int layout_width(const char *s, size_t n);

/*
 * The first top line to show so that line want is visible in a window of
 * height lines, moving from top as little as possible; and top clamped to
 * the text (never past the point where the last line is at the bottom).
 */
int layout_scroll_to(int top, int want, int height);
int layout_clamp(int top, size_t nlines, int height);

/*
 * The text folded to ASCII for a terminal that is not UTF-8: common
 * punctuation becomes its ASCII look-alike ("\u2019" -> "'", "\u2014" ->
 * "--", "\u2026" -> "..."), letters with accents lose them where the
 * table knows them, anything else becomes '?'.  Returns a fresh string.
 */
char *layout_ascii(const char *s);

#endif
