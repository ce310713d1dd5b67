/* plain.c: the session as plain lines in and out. */
#include "plain.h"

#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lawtag.h"
#include "layout.h"
#include "util.h"

bool
plain_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && strcmp(cs, "UTF-8") == 0;
}

/* Print text (UTF-8) as the terminal can show it. */
static void
put(struct plain *p, const char *s)
{
	if (p->utf8) {
		fputs(s, p->out);
	} else {
		char *a = layout_ascii(s);

		fputs(a, p->out);
		free(a);
	}
}

static void putf(struct plain *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
putf(struct plain *p, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	put(p, s);
	free(s);
}

static const char *
mark(const struct plain *p, bool right)
{
	if (p->utf8)
		return right ? "\u2713" : "\u2717";
	return right ? "+" : "x";
}

static void
put_text(struct plain *p, const char *text)
{
	size_t n = strlen(text);

	put(p, text);
	if (n == 0 || text[n - 1] != '\n')
		fputc('\n', p->out);
}

static void
put_list(struct plain *p, const char *heading, const struct strlist *l)
{
	size_t i;

	if (l->n == 0)
		return;
	if (heading != NULL)
		putf(p, "%s\n", heading);
	for (i = 0; i < l->n; i++)
		putf(p, "  - %s\n", l->v[i]);
}

bool
plain_ask(struct plain *p, const char *question, char *buf, size_t len)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (question != NULL)
		putf(p, "%s ", question);
	fflush(p->out);
	n = getline(&line, &cap, p->in);
	if (n < 0) {
		free(line);
		fputc('\n', p->out);
		return false;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
			 line[n - 1] == ' '))
		line[--n] = '\0';
	if (p->echo) {
		char *safe = util_escape_text(line, false);

		fprintf(p->out, "%s\n", safe);
		free(safe);
	}
	snprintf(buf, len, "%s", line);
	free(line);
	return true;
}

/* A number 1..n typed alone; returns it, or 0. */
static size_t
typed_number(const char *s, size_t n)
{
	char *end;
	long v;

	if (*s < '1' || *s > '9')
		return 0;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < 1 || (size_t)v > n)
		return 0;
	return (size_t)v;
}

int
plain_menu(struct plain *p, const char *title, const char *const *labels,
	   size_t n)
{
	char buf[256];
	size_t i, k;

	putf(p, "%s\n", title);
	for (i = 0; i < n; i++)
		putf(p, "  %zu. %s\n", i + 1, labels[i]);
	for (;;) {
		if (!plain_ask(p, ">", buf, sizeof buf) ||
		    strcmp(buf, "q") == 0)
			return -1;
		if ((k = typed_number(buf, n)) != 0)
			return (int)k - 1;
		p->invalid++;
		putf(p, "Please type a number from 1 to %zu, or q to stop.\n",
		     n);
	}
}

static void
show_text(struct plain *p, const struct step *st, const struct session_step *ss,
	  bool whole)
{
	size_t i;

	if (whole) {
		if (st->u.text.body != NULL)
			put_text(p, st->u.text.body);
		put_list(p, "The law:", &st->u.text.cite);
		for (i = 0; i < ss->revealed; i++)
			putf(p, "  * %s\n", st->u.text.points.v[i]);
	} else if (ss->revealed > 0) {
		putf(p, "  * %s\n", st->u.text.points.v[ss->revealed - 1]);
	}
}

static void
show_glossary(struct plain *p, const struct step *st,
	      const struct session_step *ss)
{
	size_t i;

	if (st->u.glossary.intro != NULL)
		put_text(p, st->u.glossary.intro);
	if (ss->letter != 0 || ss->search != NULL)
		putf(p, "Showing %zu term%s%s%c%s%s%s:\n", ss->nmatch,
		     ss->nmatch == 1 ? "" : "s", ss->letter ? " under " : "",
		     ss->letter ? ss->letter : ' ',
		     ss->search ? " matching \"" : "",
		     ss->search ? ss->search : "", ss->search ? "\"" : "");
	for (i = 0; i < ss->nmatch; i++) {
		const struct glossary_term *t =
		    &st->u.glossary.terms[ss->match[i]];

		putf(p, "%s: %s\n", t->term, t->definition);
	}
}

static void
show_sort(struct plain *p, const struct session *s, const struct step *st,
	  const struct session_step *ss)
{
	size_t i;

	if (ss->phase == SESSION_PH_PLACE) {
		if (ss->item == 0 && st->u.sort.prompt != NULL)
			put_text(p, st->u.sort.prompt);
		putf(p, "Item %zu of %zu: %s\n", ss->item + 1,
		     st->u.sort.nitems, st->u.sort.items[ss->item].text);
		for (i = 0; i < st->u.sort.ncategories; i++)
			putf(p, "  %zu. %s\n", i + 1,
			     st->u.sort.categories[i].label);
		return;
	}
	(void)s;
	for (i = 0; i < st->u.sort.nitems; i++) {
		const struct sort_item *it = &st->u.sort.items[i];
		bool ok = ss->placed[i] == (int)it->category;

		putf(p, "%s %s: %s.", mark(p, ok), it->text,
		     st->u.sort.categories[it->category].label);
		if (!ok && ss->placed[i] >= 0)
			putf(p, " (You placed it in %s.)",
			     st->u.sort.categories[ss->placed[i]].label);
		putf(p, " %s\n", it->reason);
	}
}

static void
show_views(struct plain *p, const struct step *st,
	   const struct session_step *ss)
{
	const struct view_statement *v = &st->u.views.statements[ss->item];
	int i;

	if (ss->phase == SESSION_PH_STATEMENT) {
		if (ss->item == 0 && st->u.views.prompt != NULL)
			put_text(p, st->u.views.prompt);
		putf(p, "Statement %zu of %zu: %s\n", ss->item + 1,
		     st->u.views.nstatements, v->text);
		for (i = 0; i < SESSION_NVIEWS; i++)
			putf(p, "  %d. %s\n", i + 1, session_view_label(i));
		putf(p, "(Your answer is private: it is not saved or "
			"recorded.)\n");
		return;
	}
	putf(p, "You said: %s. Think about it:\n",
	     session_view_label(ss->view));
	put_list(p, NULL, &v->prompts);
}

static void
show_question(struct plain *p, const struct session *s, const struct step *st)
{
	const struct session_step *ss = session_state(s);
	const struct question *q = session_question(s);
	char where[64];
	size_t i;

	if (ss->pos == 0 && ss->rounds == 1) {
		const char *intro =
		    content_quiz_intro(st->u.quiz.quiz, CONTENT_SELF_STUDY);

		if (intro != NULL)
			put_text(p, intro);
	}
	session_position(s, where, sizeof where);
	putf(p, "%s: %s\n", where, q->text);
	for (i = 0; i < q->choices.n; i++)
		putf(p, "  %zu. %s\n", i + 1, q->choices.v[i]);
}

static void
show_feedback(struct plain *p, const struct session *s)
{
	const struct session_step *ss = session_state(s);
	const struct question *q = session_question(s);
	int a = ss->answers[ss->order[ss->pos]];
	bool ok = a == (int)q->answer;
	unsigned r, n;

	if (ok)
		putf(p, "%s Right: %s.\n", mark(p, true),
		     q->choices.v[q->answer]);
	else
		putf(p, "%s Not right: the answer is %s.\n", mark(p, false),
		     q->choices.v[q->answer]);
	put_text(p, q->explanation);
	putf(p, "Source: %s\n", q->cite);
	session_quiz_score(s, s->step, &r, &n);
	putf(p, "Score so far: %u of %u.\n", r, n);
}

static void
show_results(struct plain *p, const struct session *s, const struct step *st)
{
	const struct quiz *q = st->u.quiz.quiz;
	unsigned r, n;
	bool pass = session_quiz_passed(s, s->step);

	session_quiz_score(s, s->step, &r, &n);
	putf(p, "Results: %u of %zu right (%u%%). The pass mark is %u%%: %s\n",
	     r, q->nquestions,
	     q->nquestions ? (unsigned)(r * 100 / q->nquestions) : 0,
	     q->pass_mark,
	     pass ? "passed." : "not passed yet. You can try again.");
	putf(p, "  1. Retry the questions you got wrong\n"
		"  2. Retry the whole quiz\n"
		"  3. Continue\n");
}

static void
show_scenario(struct plain *p, const struct step *st,
	      const struct session_step *ss)
{
	const struct scenario *sc = st->u.scenario.scenario;

	switch (ss->phase) {
	case SESSION_PH_STORY:
		put_text(p, sc->story);
		break;
	case SESSION_PH_SQUESTION:
		putf(p, "Question %zu of %zu: %s\n", ss->item + 1,
		     sc->questions.n, sc->questions.v[ss->item]);
		break;
	case SESSION_PH_ACD:
		put_list(p, "Ask:", &sc->ask);
		put_list(p, "Check:", &sc->check);
		put_list(p, "Do:", &sc->act);
		break;
	default:
		put_list(p, "A good answer covers:", &sc->points);
		put_list(p, "The law:", &sc->law);
		break;
	}
}

static void
show_rating(struct plain *p, const struct step *st,
	    const struct session_step *ss)
{
	if (ss->item == 0 && st->u.rating.prompt != NULL)
		put_text(p, st->u.rating.prompt);
	putf(p, "%s\n", st->u.rating.questions.v[ss->item]);
	putf(p, "Type 1 (%s) to %u (%s).\n", st->u.rating.low,
	     st->u.rating.scale, st->u.rating.high);
}

static const char *
step_title(const struct step *st)
{
	if (st->kind == STEP_QUIZ && st->u.quiz.quiz != NULL)
		return st->u.quiz.quiz->title;
	if (st->kind == STEP_SCENARIO && st->u.scenario.scenario != NULL)
		return st->u.scenario.scenario->title;
	return st->title != NULL ? st->title : "";
}

/*
 * The law the screen states, under its step's heading (heading true) or
 * when it is not the tag said last.
 */
static void
say_law(struct plain *p, const struct session *s, bool heading)
{
	struct lawtag t;
	char buf[sizeof p->law_said];

	lawtag_of_session(&t, s, p->today);
	lawtag_text(&t, 0, buf, sizeof buf);
	if (buf[0] != '\0' && (heading || strcmp(buf, p->law_said) != 0))
		putf(p, "%s\n", buf);
	memcpy(p->law_said, buf, sizeof buf);
}

/* Is this the first screen of its step (which gets the step's heading)? */
static bool
first_of_step(const struct session_step *ss)
{
	return ss->phase == SESSION_PH_MAIN || ss->phase == SESSION_PH_STORY ||
	       (ss->phase == SESSION_PH_PLACE && ss->item == 0) ||
	       (ss->phase == SESSION_PH_STATEMENT && ss->item == 0) ||
	       (ss->phase == SESSION_PH_RATE && ss->item == 0) ||
	       (ss->phase == SESSION_PH_QUESTION && ss->pos == 0);
}

/* Print the screen; whole is false when only a staged point was added. */
static void
show(struct plain *p, const struct session *s, bool whole)
{
	const struct step *st = session_current(s);
	const struct session_step *ss = session_state(s);
	bool heading;

	if (st == NULL)
		return;
	heading = whole && first_of_step(ss);
	if (heading)
		putf(p, "\n== %s ==\n", step_title(st));
	say_law(p, s, heading);
	switch (ss->phase) {
	case SESSION_PH_MAIN:
		if (st->kind == STEP_TEXT)
			show_text(p, st, ss, whole);
		else if (st->kind == STEP_GLOSSARY)
			show_glossary(p, st, ss);
		else if (st->kind == STEP_REFLECTION)
			put_list(p,
				 "Think about (nothing you think or type "
				 "here is kept):",
				 &st->u.reflection.prompts);
		else if (st->kind == STEP_BREAK)
			putf(p, "A break of %u minutes.\n", st->u.brk.minutes);
		break;
	case SESSION_PH_PLACE:
	case SESSION_PH_SORT_FEEDBACK:
		show_sort(p, s, st, ss);
		break;
	case SESSION_PH_STATEMENT:
	case SESSION_PH_REFLECT:
		show_views(p, st, ss);
		break;
	case SESSION_PH_QUESTION:
		show_question(p, s, st);
		break;
	case SESSION_PH_FEEDBACK:
		show_feedback(p, s);
		break;
	case SESSION_PH_RESULTS:
		show_results(p, s, st);
		break;
	case SESSION_PH_RATE:
		show_rating(p, st, ss);
		break;
	default:
		show_scenario(p, st, ss);
		break;
	}
}

static const char *
hint(const struct session *s)
{
	const struct step *st = session_current(s);
	size_t n = session_noptions(s);

	if (st != NULL && st->kind == STEP_GLOSSARY)
		return "Press Enter to go on; type /WORD to search, a letter "
		       "A-Z to filter, * for all; b goes back, q stops.";
	if (n > 0)
		return "Type the number of your choice; b goes back, q stops.";
	return "Press Enter to go on; b goes back, q stops.";
}

/* Turn one typed line into an event; false if it means nothing here. */
static bool
parse_input(const struct session *s, const char *line, struct session_event *ev)
{
	const struct step *st = session_current(s);
	size_t n = session_noptions(s), k;
	bool glossary = st != NULL && st->kind == STEP_GLOSSARY;

	ev->index = -1;
	ev->text = NULL;
	if (line[0] == '\0' && (n == 0 || glossary)) {
		ev->type = SESSION_EV_NEXT;
		return true;
	}
	if (strcmp(line, "b") == 0) {
		ev->type = SESSION_EV_BACK;
		return true;
	}
	if (glossary && line[0] == '/') {
		ev->type = SESSION_EV_SEARCH;
		ev->text = line + 1;
		return true;
	}
	if (glossary &&
	    ((line[0] >= 'A' && line[0] <= 'Z') || line[0] == '*') &&
	    line[1] == '\0') {
		ev->type = SESSION_EV_LETTER;
		ev->index = line[0] == '*' ? 0 : line[0];
		return true;
	}
	if (!glossary && n > 0 && (k = typed_number(line, n)) != 0) {
		ev->type = SESSION_EV_CHOOSE;
		ev->index = (int)k - 1;
		return true;
	}
	return false;
}

enum plain_result
plain_run(struct plain *p, struct session *s)
{
	char line[512];
	bool whole = true, again = false;

	if (s->finished)
		return PLAIN_FINISHED;
	for (;;) {
		struct session_event ev;
		enum session_outcome o;

		if (!again)
			show(p, s, whole);
		whole = true;
		again = false;
		for (;;) {
			if (!plain_ask(p, ">", line, sizeof line))
				return PLAIN_EOF;
			if (strcmp(line, "q") == 0)
				return PLAIN_QUIT;
			if (strcmp(line, "?") == 0) {
				putf(p, "%s\n", hint(s));
				continue;
			}
			if (parse_input(s, line, &ev))
				break;
			p->invalid++;
			putf(p, "%s\n", hint(s));
		}
		o = session_handle(s, &ev);
		if (o == SESSION_IGNORED) {
			putf(p, "%s\n",
			     ev.type == SESSION_EV_BACK
				 ? "This is the first screen."
				 : "Nothing to do here.");
			again = true;
			continue;
		}
		if (p->on_step != NULL && session_worth_saving(s, ev.type, o))
			p->on_step(p->ctx);
		if (o == SESSION_FINISHED)
			return PLAIN_FINISHED;
		/* Only a staged point was revealed: print just that. */
		if (ev.type == SESSION_EV_NEXT && o == SESSION_CHANGED &&
		    session_state(s)->phase == SESSION_PH_MAIN)
			whole = false;
	}
}
