/*
 * learn_ui.c: the learner's screens: running them, and the drawing
 * helpers they share.  Each screen is init/draw/key over the shared struct
 * lui (lui.h): learn_home.c before a module, learn_step.c the step and
 * module-finished screens, learn_build.c what each step kind shows.  The
 * steps are drawn from a const view of the core's session, and keys become
 * session events.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "learn_ui.h"

#include <curses.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lui.h"
#include "util.h"

const char *
lui_tx(struct lui *lu, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	lu->tmp = xreallocarray(lu->tmp, lu->ntmp + 1, sizeof *lu->tmp);
	lu->tmp[lu->ntmp++] = s;
	return s;
}

void
lui_tx_free(struct lui *lu)
{
	size_t i;

	for (i = 0; i < lu->ntmp; i++)
		free(lu->tmp[i]);
	free(lu->tmp);
	lu->tmp = NULL;
	lu->ntmp = 0;
}

static void
save_hook(struct ui *u)
{
	struct lui *lu = lui_of(u);

	if (lu->open)
		learner_save(&lu->l);
}

/* ---- Drawing helpers -------------------------------------------------- */

/* A title on row 0 and the body of l below it, scrolled to keep the line
 * focus_line (or -1) in view; the cursor goes on that line.  A screen that
 * states law keeps the row above the status line for its tag (law). */
void
lui_draw_page(struct ui *u, const char *title, struct layout *l, int focus_line,
	      const struct lawtag *law)
{
	struct lui *lu = lui_of(u);
	bool tag = law != NULL && law->jurisdiction != NULL;
	int height = u->rows - (tag ? 5 : 4), more;

	ui_put(u, 0, 1, title, UI_S_TITLE);
	if (focus_line >= 0)
		lu->scroll = layout_scroll_to(lu->scroll, focus_line, height);
	lu->scroll = layout_clamp(lu->scroll, l->n, height);
	more = ui_draw_layout(u, l, lu->scroll, 2, 1, height);
	if (more > 0)
		ui_put(u, 2 + height, u->cols - 22,
		       lui_tx(lu, "v %d more below", more), UI_S_DIM);
	else if (lu->scroll > 0)
		ui_put(u, 2 + height, u->cols - 22,
		       lui_tx(lu, "^ %d more above", lu->scroll), UI_S_DIM);
	if (tag)
		ui_put_law(u, u->rows - 2, 1, u->cols - 2, law);
	if (focus_line >= 0) {
		const struct layout_line *ln = &l->v[focus_line];

		ui_cursor(u, 2 + focus_line - lu->scroll, 1 + ln->indent);
	} else {
		ui_cursor(u, 0, 1);
	}
}

/* Add a numbered choice; returns its first line. */
int
lui_add_choice(struct ui *u, struct layout *l, int width, size_t i,
	       const char *label, bool focused, const char *mark)
{
	struct lui *lu = lui_of(u);
	int first = (int)l->n;

	layout_wrap(l,
		    lui_tx(lu, "%s %zu. %s%s%s", focused ? ui_pointer(u) : " ",
			   i + 1, label, mark ? "  " : "", mark ? mark : ""),
		    width, 2, 7, focused ? UI_S_FOCUS : UI_S_TEXT);
	return first;
}

void
lui_add_list(struct ui *u, struct layout *l, int width, const char *heading,
	     const struct strlist *sl)
{
	size_t i;

	if (sl->n == 0)
		return;
	if (heading != NULL)
		layout_wrap(l, heading, width, 0, 0, UI_S_TITLE);
	for (i = 0; i < sl->n; i++)
		layout_wrap(l,
			    lui_tx(lui_of(u), "%s %s", u->utf8 ? "\u2022" : "*",
				   sl->v[i]),
			    width, 2, 4, UI_S_TEXT);
	layout_blank(l);
}

void
lui_hints(struct ui *u, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->hints, sizeof u->hints, fmt, ap);
	va_end(ap);
}

/* A y/n question over the status line. */
void
lui_draw_confirm(struct ui *u, const char *q)
{
	ui_put(u, u->rows - 2, 1, q, UI_S_TITLE);
	ui_cursor(u, u->rows - 2, 1 + layout_width(q, strlen(q)));
	lui_hints(u, "y yes  n no");
}

/* ---- Running ------------------------------------------------------------ */

int
learn_ui_run(struct ui *u, const struct learn_ui_opts *o)
{
	struct lui lu;
	int rc;

	memset(&lu, 0, sizeof lu);
	lu.o = o;
	u->data = &lu;
	u->save = save_hook;
	u->done = false;
	if (o->home)
		ui_set_screen(u, &lui_screen_home);
	else
		lui_start_learner(u);
	rc = u->done ? lu.exit : ui_run(u);
	if (rc < 128) {
		rc = lu.exit;
		save_hook(u);
	}
	if (lu.open)
		learner_close(&lu.l);
	lui_tx_free(&lu);
	u->data = NULL;
	u->save = NULL;
	return rc;
}
