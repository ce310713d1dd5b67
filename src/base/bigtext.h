/*
 * bigtext.h: large block-letter titles for a projected screen.
 *
 * Titles are drawn with a built-in 5-row font (letters, digits and common
 * punctuation; lower case is drawn as upper case), scaled by a whole
 * number so that the words, wrapped greedily onto lines, fit the space
 * given: 1x in a small part of an 80x24 window, larger on a 200x60 one.
 * A word is never split: when one cannot fit even at 1x, or the title has
 * a character the font lacks, the result is marked plain and the caller
 * shows the ordinary text instead.
 *
 * The result is a bitmap of rows of '#' (ink) and ' ' (paper), all of the
 * same width, each line of the title centred in it; the UI draws ink as
 * reverse-video cells, so it needs no special characters.
 */
#ifndef WORKSHOP_BIGTEXT_H
#define WORKSHOP_BIGTEXT_H

#include <stdbool.h>
#include <stddef.h>

#define BIGTEXT_FONT_ROWS 5
#define BIGTEXT_MAX_SCALE 4

struct bigtext {
	bool plain;	 /* true: show the text as it is */
	unsigned scale;	 /* 1..BIGTEXT_MAX_SCALE, 0 when plain */
	unsigned width;	 /* columns of every row */
	unsigned height; /* number of rows */
	unsigned lines;	 /* lines of title text */
	char **rows;	 /* height strings of width bytes */
};

/*
 * Lay out text in at most cols x rows cells, at the largest scale up to
 * max_scale that fits.  Always fills *out (free with bigtext_free()).
 * Returns true if block letters fit, false if out is plain.
 */
bool bigtext_render(const char *text, unsigned cols, unsigned rows,
		    unsigned max_scale, struct bigtext *out);
void bigtext_free(struct bigtext *b);

/* Can the font draw this character (after mapping to upper case)? */
bool bigtext_has_glyph(unsigned cp);

#endif
