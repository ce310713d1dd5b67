/*
 * facil_state.c: saving a facilitate session as JSON and resuming it
 * (facil_save, facil_restore, facil_write_state, facil_read_state).
 */
#include "facil.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "util.h"

/* ---- Saving and resuming ----------------------------------------------- */

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static const char *const state_names[] = {"expected", "present", "left"};

static json_t *
roster_json(const struct roster *r)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct roster_person *p = &r->v[i];

		json_array_append_new(
		    a,
		    json_pack("{s:s, s:o, s:s, s:b, s:I, s:I}", "name", p->name,
			      "staff_id", str_or_null(p->staff_id), "state",
			      state_names[p->state], "late", p->late, "from",
			      (json_int_t)p->from, "to", (json_int_t)p->to));
	}
	return a;
}

static json_t *
agenda_json(const struct agenda *a)
{
	json_t *spent = json_array(), *visited = json_array();
	size_t i;

	for (i = 0; i < a->n; i++) {
		json_array_append_new(spent, json_integer(a->v[i].spent));
		json_array_append_new(visited, json_boolean(a->v[i].visited));
	}
	return json_pack(
	    "{s:b, s:b, s:I, s:I, s:I, s:o, s:o}", "started", a->started,
	    "ended", a->ended, "day_began", (json_int_t)a->day_began,
	    "section_began", (json_int_t)a->section_began, "cur",
	    (json_int_t)a->cur, "spent", spent, "visited", visited);
}

static bool
screen_touched(const struct facil_screen *s)
{
	return s->revealed != 0 || s->shown != 0 || s->focus != 0 ||
	       s->sort_item != 0 || s->pos != 0 || s->began >= 0;
}

static json_t *
screen_json(const struct facil_screen *s, size_t i)
{
	json_t *o = json_pack(
	    "{s:I, s:i, s:I, s:i, s:I, s:I, s:I}", "i", (json_int_t)i,
	    "revealed", (int)s->revealed, "shown", (json_int_t)s->shown,
	    "focus", s->focus, "sort_item", (json_int_t)s->sort_item, "pos",
	    (json_int_t)s->pos, "began", (json_int_t)s->began);
	size_t k;

	if (s->kind == FACIL_SORT) {
		json_t *p = json_array();

		for (k = 0; k < s->step->u.sort.nitems; k++)
			json_array_append_new(p, json_integer(s->placed[k]));
		json_object_set_new(o, "placed", p);
	}
	return o;
}

static json_t *
sessions_json(const struct facil *f)
{
	json_t *a = json_array();

	for (size_t i = 0; i < f->npairs; i++)
		json_array_append_new(a, str_or_null(f->session_signed[i]));
	return a;
}

static json_t *
records_json(const struct facil *f)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < f->nrecords; i++)
		json_array_append_new(
		    a,
		    json_pack("{s:s, s:o, s:s}", "name", f->records[i].name,
			      "staff_id", str_or_null(f->records[i].staff_id),
			      "module", f->records[i].module->id));
	return a;
}

json_t *
facil_save(const struct facil *f)
{
	json_t *o, *screens = json_array();
	size_t i;

	for (i = 0; i < f->n; i++)
		if (screen_touched(&f->screens[i]))
			json_array_append_new(screens,
					      screen_json(&f->screens[i], i));
	o = json_pack(
	    "{s:i, s:o, s:o, s:I, s:I, s:b, s:I, s:I}", "v", 1, "programme",
	    str_or_null(f->module == NULL ? f->content->programme->id : NULL),
	    "module", str_or_null(f->module ? f->module->id : NULL), "screens",
	    (json_int_t)f->n, "cur", (json_int_t)f->cur, "notes", f->notes_on,
	    "seed", (json_int_t)f->seed, "late", (json_int_t)f->late);
	json_object_set_new(o, "agenda", agenda_json(f->agenda));
	json_object_set_new(o, "state", screens);
	json_object_set_new(o, "tallies", tally_set_to_json(&f->tallies));
	json_object_set_new(o, "roster", roster_json(f->roster));
	json_object_set_new(o, "signed", records_json(f));
	json_object_set_new(o, "session_signed", sessions_json(f));
	return o;
}

static long long
int_of(json_t *o, const char *k, long long dflt)
{
	json_t *v = json_object_get(o, k);

	return json_is_integer(v) ? json_integer_value(v) : dflt;
}

static bool
size_in(json_t *o, const char *k, size_t limit, size_t *out)
{
	long long v = int_of(o, k, -1);

	if (v < 0 || (unsigned long long)v >= limit)
		return false;
	*out = (size_t)v;
	return true;
}

static void
restore_screen(struct facil *f, json_t *o)
{
	struct facil_screen *s;
	size_t i, k, v;
	json_t *p, *x;

	if (!size_in(o, "i", f->n, &i))
		return;
	s = &f->screens[i];
	s->revealed = (unsigned)int_of(o, "revealed", 0);
	if (s->revealed > facil_reveal_stages(f, s))
		s->revealed = facil_reveal_stages(f, s);
	if (s->kind == FACIL_TEXT &&
	    size_in(o, "shown", s->step->u.text.points.n + 1, &v))
		s->shown = v;
	if (size_in(o, "focus", (size_t)facil_nchoices(f, s), &v))
		s->focus = (int)v;
	if (s->kind == FACIL_GLOSSARY &&
	    size_in(o, "pos", s->step->u.glossary.nterms, &v))
		s->pos = v;
	if (s->kind == FACIL_SCENARIO)
		s->began = int_of(o, "began", -1);
	if (s->kind != FACIL_SORT)
		return;
	if (size_in(o, "sort_item", s->step->u.sort.nitems + 1, &v))
		s->sort_item = v;
	p = json_object_get(o, "placed");
	json_array_foreach(
	    p, k, x) if (k < s->step->u.sort.nitems && json_is_integer(x) &&
			 json_integer_value(x) >= -1 &&
			 json_integer_value(x) <
			     (json_int_t)s->step->u.sort.ncategories)
	    s->placed[k] = (int)json_integer_value(x);
}

/* The saved roster; people already on it (from a roster file given
 * again) take their saved marks. */
static void
restore_roster(struct facil *f, json_t *a)
{
	size_t i, k, v;
	json_t *p;
	char *err;
	long at;

	json_array_foreach(a, i, p)
	{
		const char *name =
		    json_string_value(json_object_get(p, "name"));
		const char *id =
		    json_string_value(json_object_get(p, "staff_id"));
		const char *st = json_string_value(json_object_get(p, "state"));
		struct roster_person *r;

		if (name == NULL)
			continue;
		if ((at = roster_find(f->roster, name, id)) < 0 &&
		    (at = roster_add(f->roster, name, id, &err)) < 0) {
			free(err);
			continue;
		}
		r = &f->roster->v[at];
		for (k = 0; st != NULL && k < UTIL_NELEM(state_names); k++)
			if (strcmp(st, state_names[k]) == 0)
				r->state = (enum roster_state)k;
		r->late = json_is_true(json_object_get(p, "late"));
		if (size_in(p, "from", f->agenda->n + 1, &v))
			r->from = v;
		if (size_in(p, "to", f->agenda->n + 1, &v))
			r->to = v;
	}
}

static void
restore_records(struct facil *f, json_t *a)
{
	size_t i;
	json_t *p;
	long at;

	json_array_foreach(a, i, p)
	{
		const char *name =
		    json_string_value(json_object_get(p, "name"));
		const char *id =
		    json_string_value(json_object_get(p, "staff_id"));
		const char *mod =
		    json_string_value(json_object_get(p, "module"));
		const struct module *m =
		    mod != NULL ? content_module(f->content, mod) : NULL;

		if (name != NULL && m != NULL &&
		    (at = roster_find(f->roster, name, id)) >= 0)
			facil_add_signed(f, (size_t)at, m);
	}
}

static void
restore_agenda(struct agenda *a, json_t *o)
{
	json_t *spent = json_object_get(o, "spent"), *x;
	size_t i, v;

	a->started = json_is_true(json_object_get(o, "started"));
	a->ended = json_is_true(json_object_get(o, "ended"));
	a->day_began = int_of(o, "day_began", 0);
	a->section_began = int_of(o, "section_began", 0);
	a->cur = size_in(o, "cur", a->n + 1, &v) ? v : 0;
	/* Only an ended day is past its last section. */
	if (a->cur >= a->n && !a->ended)
		a->cur = a->n != 0 ? a->n - 1 : 0;
	if (a->ended)
		a->cur = a->n;
	json_array_foreach(spent, i, x)
	{
		if (i < a->n && json_is_integer(x))
			a->v[i].spent = json_integer_value(x);
	}
	json_array_foreach(json_object_get(o, "visited"), i, x)
	{
		if (i < a->n)
			a->v[i].visited = json_is_true(x);
	}
}

static void
reshuffle(struct facil *f, unsigned long seed)
{
	unsigned long rnd = seed;
	size_t i;

	f->seed = seed;
	for (i = 0; i < f->n; i++) {
		struct facil_screen *s = &f->screens[i];

		if (s->kind != FACIL_GLOSSARY)
			continue;
		free(s->order);
		s->order = facil_shuffled(s->step->u.glossary.nterms, &rnd);
	}
}

int
facil_restore(struct facil *f, json_t *saved, char **err)
{
	const char *prog =
	    json_string_value(json_object_get(saved, "programme"));
	const char *mod = json_string_value(json_object_get(saved, "module"));
	size_t i, v;
	json_t *x;

	if (!json_is_object(saved) || int_of(saved, "v", 0) != 1) {
		*err = xstrdup("not a saved facilitate session");
		return -1;
	}
	if ((f->module != NULL) != (mod != NULL) ||
	    (mod != NULL && strcmp(mod, f->module->id) != 0) ||
	    (f->module == NULL &&
	     (prog == NULL || strcmp(prog, f->content->programme->id) != 0)) ||
	    int_of(saved, "screens", -1) != (long long)f->n) {
		*err = xstrdup("the saved session was for other content");
		return -1;
	}
	reshuffle(f, (unsigned long)int_of(saved, "seed", (long long)f->seed));
	f->late = int_of(saved, "late", 0);
	f->notes_on = json_is_true(json_object_get(saved, "notes"));
	restore_agenda(f->agenda, json_object_get(saved, "agenda"));
	json_array_foreach(json_object_get(saved, "state"), i, x)
	    restore_screen(f, x);
	tally_set_from_json(&f->tallies, json_object_get(saved, "tallies"));
	restore_roster(f, json_object_get(saved, "roster"));
	restore_records(f, json_object_get(saved, "signed"));
	json_array_foreach(json_object_get(saved, "session_signed"), i,
			   x) if (json_is_string(x))
	    facil_set_session_signed(f, i, json_string_value(x));
	if (size_in(saved, "cur", f->n, &v))
		f->cur = v;
	return 0;
}

int
facil_write_state(const struct facil *f, const char *path, char **err)
{
	json_t *o = facil_save(f);
	char *text = json_dumps(o, JSON_COMPACT), *line;
	const char *what;
	int rc;

	json_decref(o);
	if (text == NULL) {
		*err = xasprintf("cannot write %s: out of memory", path);
		return -1;
	}
	line = xasprintf("%s\n", text);
	free(text);
	rc = paths_write_atomic(path, line, strlen(line), 0600, &what);
	if (rc < 0)
		*err =
		    xasprintf("cannot %s %s: %s", what, path, strerror(errno));
	free(line);
	return rc;
}

json_t *
facil_read_state(const char *path, char **err)
{
	size_t len;
	char *text = util_read_file(path, 16u * 1024 * 1024, &len);
	json_error_t je;
	json_t *o;

	if (text == NULL)
		return NULL;
	o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	free(text);
	if (o == NULL) {
		*err = xasprintf("%s:%d:%d: %s", path, je.line, je.column,
				 je.text);
		errno = EINVAL;
	}
	return o;
}
