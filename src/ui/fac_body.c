/*
 * fac_body.c: the facilitator screens' drawing helpers: a body of wrapped
 * lines that owns its strings, bullets and tally bars, the block-letter
 * title and the presenter-notes pane.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bigtext.h"
#include "fac.h"
#include "util.h"

/* ---- Drawing helpers -------------------------------------------------- */

void
fac_body_init(struct fac_body *b, int width)
{
	memset(b, 0, sizeof *b);
	layout_init(&b->l);
	b->width = width > 10 ? width : 10;
	b->focus_line = -1;
}

void
fac_body_free(struct fac_body *b)
{
	size_t i;

	for (i = 0; i < b->nown; i++)
		free(b->own[i]);
	free(b->own);
	layout_free(&b->l);
}

const char *
fac_body_keep(struct fac_body *b, char *s)
{
	b->own = xreallocarray(b->own, b->nown + 1, sizeof *b->own);
	b->own[b->nown++] = s;
	return s;
}

void
fac_body_text(struct fac_body *b, const char *s, int first, int rest,
	      enum ui_style st)
{
	layout_wrap(&b->l, s, b->width, first, rest, (int)st);
}

void __attribute__((format(printf, 4, 5)))
fac_body_fmt(struct fac_body *b, int indent, enum ui_style st, const char *fmt,
	     ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	fac_body_text(b, fac_body_keep(b, s), indent, indent + 2, st);
}

void
fac_body_blank(struct fac_body *b)
{
	layout_blank(&b->l);
}

void
fac_body_list(struct fac_body *b, const struct strlist *l, const char *bullet)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		fac_body_fmt(b, 2, UI_S_TEXT, "%s %s", bullet, l->v[i]);
}

const char *
fac_bullet(const struct ui *u)
{
	return u->utf8 ? "\u2022" : "*";
}

/* A bar of cells for a count, "████" or "####". */
char *
fac_bar_text(const struct ui *u, unsigned cells)
{
	struct strbuf b;
	unsigned i;

	strbuf_init(&b);
	for (i = 0; i < cells; i++)
		strbuf_adds(&b, u->utf8 ? "\u2588" : "#");
	return strbuf_detach(&b);
}

/*
 * Counts as bars: one row per choice, "label  ████ 5 (42%)"; the focused
 * row has the pointer and the cursor.  scale 0: the largest count.
 */
void
fac_body_bars(struct ui *u, struct fac_body *b, const struct tally *t,
	      const char *const *labels, int focus, unsigned scale, int right)
{
	struct tally_bar bars[TALLY_MAX_CHOICES];
	int lw = 0, i, n = (int)t->n, w;
	char *bar;

	for (i = 0; i < n; i++) {
		w = layout_width(labels[i], strlen(labels[i]));
		if (w > lw)
			lw = w;
	}
	if (lw > b->width / 2)
		lw = b->width / 2;
	/* Long enough to compare at a glance, not so long the eye gets lost. */
	w = b->width - lw - 20;
	if (w > 80)
		w = 80;
	tally_layout(t->count, t->n, scale != 0 ? scale : tally_max(t),
		     (unsigned)(w > 4 ? w : 4), bars);
	for (i = 0; i < n; i++) {
		int pad = lw - layout_width(labels[i], strlen(labels[i]));

		if (i == focus)
			b->focus_line = (int)b->l.n;
		bar = fac_bar_text(u, bars[i].cells);
		fac_body_fmt(b, 0, i == right ? UI_S_RIGHT : UI_S_TEXT,
			     "%s %s%*s  %s%s%u (%u%%)%s%s",
			     i == focus ? ui_pointer(u) : " ", labels[i],
			     pad > 0 ? pad : 0, "", bar,
			     bars[i].cells ? " " : "", bars[i].count,
			     bars[i].percent, i == right ? "  " : "",
			     i == right ? ui_mark(u, true) : "");
		free(bar);
		fac_body_blank(b);
	}
}

const char *
fac_step_heading(const struct facil_screen *s)
{
	if (s->step == NULL)
		return NULL;
	if (s->step->kind == STEP_QUIZ)
		return s->step->u.quiz.quiz->title;
	if (s->step->kind == STEP_SCENARIO)
		return s->step->u.scenario.scenario->title;
	return s->step->title;
}

/* A run of ink for block letters: full blocks, or '#' without UTF-8. */
static void
ink(struct ui *u, int y, int x, int n)
{
	cchar_t block;
	wchar_t wc[2] = {0x2588, 0};

	attrset(A_BOLD);
	if (u->utf8 && setcchar(&block, wc, A_BOLD, 0, NULL) == OK)
		mvhline_set(y, x, &block, n);
	else
		mvhline(y, x, '#', n);
	attrset(A_NORMAL);
}

/*
 * The screen's title in block letters when they fit in the top quarter,
 * else in bold; returns the first row below it.
 */
int
fac_draw_title(struct ui *u, const char *title, int y, int margin, int width)
{
	struct bigtext bt;
	struct layout l;
	int budget = (u->rows - 1) / 4, r, x0, c, run;
	size_t i;

	if (bigtext_render(title, (unsigned)width, (unsigned)budget,
			   BIGTEXT_MAX_SCALE, &bt)) {
		x0 = margin + (width - (int)bt.width) / 2;
		for (r = 0; r < (int)bt.height; r++)
			for (c = 0; c < (int)bt.width; c += run) {
				for (run = 0;
				     c + run < (int)bt.width &&
				     bt.rows[r][c + run] == bt.rows[r][c];
				     run++)
					;
				if (bt.rows[r][c] == '#')
					ink(u, y + r, x0 + c, run);
			}
		r = (int)bt.height;
		bigtext_free(&bt);
		return y + r + 1;
	}
	bigtext_free(&bt);
	layout_init(&l);
	layout_wrap(&l, title, width, 0, 0, UI_S_TITLE);
	for (i = 0; i < l.n && y < u->rows - 2; i++, y++)
		ui_putn(u, y, margin + (width - l.v[i].width) / 2, l.v[i].s,
			l.v[i].len, UI_S_TITLE);
	layout_free(&l);
	return y + 1;
}

void
fac_draw_notes(struct ui *u, struct fac *fa, const struct facil_screen *s,
	       int y, int h)
{
	char *n = facil_notes(fa->f, s);
	struct layout l;

	attrset(A_REVERSE);
	mvhline(y, 0, ' ', u->cols);
	attrset(A_NORMAL);
	ui_put(u, y, 1, "Presenter notes (n hides)", UI_S_STATUS);
	layout_init(&l);
	layout_wrap(&l, n != NULL ? n : "No notes for this screen.",
		    u->cols - 4, 0, 0, n != NULL ? UI_S_TEXT : UI_S_DIM);
	ui_draw_layout(u, &l, 0, y + 1, 2, h - 1);
	layout_free(&l);
	free(n);
}
