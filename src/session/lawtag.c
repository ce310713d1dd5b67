/* lawtag.c: which law a screen states, and the words that say so. */
#include "lawtag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "layout.h"

void
lawtag_from(struct lawtag *t, const struct law_info *law, long today)
{
	memset(t, 0, sizeof *t);
	if (law == NULL || law->jurisdiction == NULL)
		return;
	t->jurisdiction = law->jurisdiction;
	t->reviewed = law->reviewed;
	t->overdue = content_law_stale(law, today);
}

bool
lawtag_of_step(struct lawtag *t, const struct module *m, const struct step *st,
	       const struct question *q, long today)
{
	const struct law_info *law = NULL;

	if (st == NULL)
		law = content_module_law(m);
	else if (st->kind == STEP_TEXT && st->u.text.cite.n > 0)
		law = &m->law;
	else if (st->kind == STEP_GLOSSARY)
		law = &m->law;
	else if (st->kind == STEP_QUIZ && st->u.quiz.quiz != NULL)
		law = &st->u.quiz.quiz->law;
	else if (st->kind == STEP_SCENARIO && st->u.scenario.scenario != NULL)
		law = &st->u.scenario.scenario->lawinfo;
	lawtag_from(t, law, today);
	/* A question may name its own jurisdiction; the date is the quiz's. */
	if (q != NULL && q->jurisdiction != NULL && t->jurisdiction != NULL)
		t->jurisdiction = q->jurisdiction;
	return t->jurisdiction != NULL;
}

bool
lawtag_of_session(struct lawtag *t, const struct session *s, long today)
{
	const struct step *st = session_current(s);

	if (st == NULL) {
		memset(t, 0, sizeof *t);
		return false;
	}
	return lawtag_of_step(t, s->module, st, session_question(s), today);
}

bool
lawtag_of_screen(struct lawtag *t, const struct facil_screen *s, long today)
{
	const struct question *q = NULL;

	memset(t, 0, sizeof *t);
	switch (s->kind) {
	case FACIL_QUESTION:
		q = &s->step->u.quiz.quiz->questions[s->item];
		/* fall through */
	case FACIL_TITLE:
	case FACIL_TEXT:
	case FACIL_GLOSSARY:
	case FACIL_SCENARIO:
		return s->module != NULL &&
		       lawtag_of_step(t, s->module, s->step, q, today);
	default:
		return false;
	}
}

/* Format into buf; true if it fits width columns (0: any). */
static bool fits(char *buf, size_t len, int width, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool
fits(char *buf, size_t len, int width, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len)
		return false;
	return width <= 0 || layout_width(buf, (size_t)n) <= width;
}

const char *
lawtag_text(const struct lawtag *t, int width, char *buf, size_t len)
{
	const char *j = t->jurisdiction, *d = t->reviewed;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (j == NULL)
		return buf;
	if (d == NULL) {
		if (!fits(buf, len, width, "Law of %s", j))
			snprintf(buf, len, "%s", j);
	} else if (t->overdue) {
		if (!fits(buf, len, width,
			  "Law of %s, reviewed %s: over a year ago, may be "
			  "out of date",
			  j, d) &&
		    !fits(buf, len, width,
			  "Law of %s, reviewed %s: over a "
			  "year ago",
			  j, d) &&
		    !fits(buf, len, width, "%s, reviewed %s: over a year ago",
			  j, d) &&
		    !fits(buf, len, width, "Reviewed %s: over a year ago", d))
			snprintf(buf, len, "Reviewed over a year ago");
	} else {
		if (!fits(buf, len, width, "Law of %s, reviewed %s", j, d) &&
		    !fits(buf, len, width, "%s, reviewed %s", j, d) &&
		    !fits(buf, len, width, "Law reviewed %s", d))
			snprintf(buf, len, "Reviewed %s", d);
	}
	return buf;
}
