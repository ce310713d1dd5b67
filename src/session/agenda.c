/* agenda.c: the day's sections, where we are, and the drift from plan. */
#include "agenda.h"

#include <stdio.h>
#include <stdlib.h>

#include "util.h"

#define AGENDA_DEFAULT_START (9 * 60 + 30)
#define AGENDA_DEFAULT_MINUTES 30

struct agenda *
agenda_new(const struct content *c, struct module *module)
{
	struct agenda *a;
	const struct programme *p = c->programme;
	unsigned at;
	size_t i;

	if (module == NULL && p == NULL)
		return NULL;
	a = xcalloc(1, sizeof *a);
	a->start = p != NULL ? p->start : AGENDA_DEFAULT_START;
	at = a->start;
	if (module != NULL) {
		a->n = 1;
		a->v = xcalloc(1, sizeof *a->v);
		a->v[0].kind = PROGRAMME_MODULE;
		a->v[0].title = module->title;
		a->v[0].module = module;
		a->v[0].start = at;
		a->v[0].minutes = module->minutes != 0 ? module->minutes
						       : AGENDA_DEFAULT_MINUTES;
		return a;
	}
	a->n = p->nitems;
	a->v = xcalloc(a->n != 0 ? a->n : 1, sizeof *a->v);
	for (i = 0; i < p->nitems; i++) {
		const struct programme_item *x = &p->items[i];
		struct agenda_section *s = &a->v[i];

		s->kind = x->kind;
		s->module = x->kind == PROGRAMME_MODULE ? x->module : NULL;
		s->title = s->module != NULL  ? s->module->title
			   : x->title != NULL ? x->title
					      : x->ref;
		s->start = at;
		s->minutes = x->minutes;
		at += x->minutes;
	}
	return a;
}

void
agenda_free(struct agenda *a)
{
	if (a == NULL)
		return;
	free(a->v);
	free(a);
}

void
agenda_begin(struct agenda *a, long long now, long long late)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		a->v[i].spent = 0;
		a->v[i].visited = false;
	}
	a->started = true;
	a->ended = a->n == 0;
	a->cur = 0;
	a->day_began = now - late;
	a->section_began = now;
	if (a->n != 0)
		a->v[0].visited = true;
}

static void
leave_section(struct agenda *a, long long now)
{
	if (a->started && !a->ended && a->cur < a->n && now > a->section_began)
		a->v[a->cur].spent += now - a->section_began;
	a->section_began = now;
}

void
agenda_goto(struct agenda *a, size_t i, long long now)
{
	if (i >= a->n)
		return;
	if (!a->started)
		agenda_begin(a, now, 0);
	leave_section(a, now);
	a->cur = i;
	a->v[i].visited = true;
	a->ended = false;
}

bool
agenda_next(struct agenda *a, long long now)
{
	if (a->ended)
		return false;
	if (!a->started) {
		agenda_begin(a, now, 0);
		return true;
	}
	if (a->cur + 1 < a->n) {
		agenda_goto(a, a->cur + 1, now);
		return true;
	}
	agenda_end(a, now);
	return true;
}

void
agenda_end(struct agenda *a, long long now)
{
	if (!a->started || a->ended)
		return;
	leave_section(a, now);
	a->ended = true;
	a->cur = a->n;
}

long long
agenda_elapsed(const struct agenda *a, long long now)
{
	if (!a->started || a->ended || now < a->section_began)
		return 0;
	return now - a->section_began;
}

unsigned
agenda_offset(const struct agenda *a, size_t i)
{
	unsigned m = 0;
	size_t k;

	for (k = 0; k < i && k < a->n; k++)
		m += a->v[k].minutes;
	return m;
}

unsigned
agenda_planned_end(const struct agenda *a)
{
	return a->start + agenda_offset(a, a->n);
}

long long
agenda_drift(const struct agenda *a, long long now)
{
	long long planned, e, len;

	if (!a->started)
		return 0;
	if (a->ended)
		return a->section_began - a->day_began -
		       (long long)agenda_offset(a, a->n) * 60;
	e = agenda_elapsed(a, now);
	len = (long long)a->v[a->cur].minutes * 60;
	planned =
	    (long long)agenda_offset(a, a->cur) * 60 + (e < len ? e : len);
	return now - a->day_began - planned;
}

char *
agenda_clock_text(unsigned minutes, char *buf, size_t len)
{
	snprintf(buf, len, "%02u:%02u", (minutes / 60) % 24, minutes % 60);
	return buf;
}

char *
agenda_drift_text(long long drift, char *buf, size_t len)
{
	long long m = (drift < 0 ? -drift : drift) + 30;
	const char *way = drift < 0 ? "ahead" : "behind";

	m /= 60;
	if (m == 0)
		snprintf(buf, len, "on time");
	else if (m < 60)
		snprintf(buf, len, "%lld min %s", m, way);
	else if (m % 60 == 0)
		snprintf(buf, len, "%lld h %s", m / 60, way);
	else
		snprintf(buf, len, "%lld h %lld min %s", m / 60, m % 60, way);
	return buf;
}

char *
agenda_timer_text(const struct agenda *a, long long now, char *buf, size_t len)
{
	long long e = agenda_elapsed(a, now);
	unsigned plan = a->cur < a->n ? a->v[a->cur].minutes : 0;

	snprintf(buf, len, "%lld:%02lld / %u:00%s", e / 60, e % 60, plan,
		 e > (long long)plan * 60 ? " over" : "");
	return buf;
}
