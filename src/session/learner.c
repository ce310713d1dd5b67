/* learner.c: a learner's day: modules, progress, records. */
#include "learner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#include "complog.h"
#include "sign.h"

static void
build_day(struct learner *l)
{
	const struct content *c = l->content;
	size_t i;

	l->day = xcalloc(c->nmodules + 1, sizeof *l->day);
	l->nday = 0;
	if (c->programme != NULL) {
		for (i = 0; i < c->programme->nitems; i++) {
			const struct programme_item *it =
			    &c->programme->items[i];

			if (it->kind == PROGRAMME_MODULE &&
			    it->module != NULL && l->nday < c->nmodules)
				l->day[l->nday++] = it->module;
		}
	}
	if (l->nday == 0)
		for (i = 0; i < c->nmodules; i++)
			l->day[l->nday++] = &c->modules[i];
}

int
learner_open(struct learner *l, struct content *c, const char *name,
	     const char *staff_id, const char *state_dir, char *err,
	     size_t errlen)
{
	int r;

	memset(l, 0, sizeof *l);
	l->content = c;
	l->name = xstrdup(name);
	l->staff_id =
	    staff_id != NULL && staff_id[0] != '\0' ? xstrdup(staff_id) : NULL;
	l->mode = "learner";
	progress_init(&l->progress);
	build_day(l);
	l->progress_path = progress_path(state_dir, name, l->staff_id);
	if (l->progress_path == NULL)
		return 0;
	r = progress_load(l->progress_path, &l->progress, err, errlen);
	if (r < 0) {
		/* Keep the unreadable file: saving goes nowhere. */
		free(l->progress_path);
		l->progress_path = NULL;
		return -1;
	}
	l->had_progress = r == 1 && l->progress.n > 0;
	return 0;
}

void
learner_close(struct learner *l)
{
	session_free(l->session);
	progress_free(&l->progress);
	free(l->day);
	free(l->name);
	free(l->staff_id);
	free(l->progress_path);
	memset(l, 0, sizeof *l);
}

struct module *
learner_module(const struct learner *l, const char *id)
{
	return content_module(l->content, id);
}

bool
learner_done(const struct learner *l, const struct module *m)
{
	const struct progress_module *p = progress_find(&l->progress, m->id);

	return p != NULL && p->saved.finished;
}

struct session *
learner_begin(struct learner *l, struct module *m, time_t now)
{
	const struct progress_module *p;

	if (l->session != NULL) {
		learner_save(l);
		session_free(l->session);
	}
	l->session = session_new(m);
	l->started = now;
	p = progress_find(&l->progress, m->id);
	/* Answers given to other content would land on other questions. */
	if (p != NULL && !p->saved.finished &&
	    (p->version[0] == '\0' ||
	     strcmp(p->version, content_module_version(m)) == 0))
		session_import(l->session, &p->saved);
	return l->session;
}

int
learner_save(struct learner *l)
{
	char err[400];

	if (l->session != NULL) {
		bool done = l->session->finished;

		/* A module is only done once learner_finish says so. */
		l->session->finished = false;
		progress_set(&l->progress, l->session);
		l->session->finished = done;
	}
	if (l->progress_path == NULL)
		return 0;
	if (progress_save(l->progress_path, &l->progress, err, sizeof err) <
	    0) {
		snprintf(l->message, sizeof l->message,
			 "Your progress could not be saved: %s", err);
		return -1;
	}
	return 0;
}

static void
mark_done(struct learner *l)
{
	struct progress_module *p;
	size_t i;

	progress_set(&l->progress, l->session);
	for (i = 0; i < l->progress.n; i++) {
		p = &l->progress.v[i];
		if (strcmp(p->id, l->session->module->id) == 0) {
			p->saved.finished = true;
			p->saved.step = 0;
		}
	}
	free(l->progress.current);
	l->progress.current = NULL;
}

static int
append_record(struct learner *l, time_t now, char *msg, size_t msglen)
{
	struct complog_record rec;
	unsigned score, total, pass;
	char path[4096], err[400];
	const char *ev =
	    session_outcome_event(l->session, &score, &total, &pass);
	struct module *m = l->session->module;

	memset(&rec, 0, sizeof rec);
	rec.event = ev;
	rec.learner = l->name;
	rec.staff_id = l->staff_id;
	rec.module = m->id;
	rec.module_title = m->title;
	rec.content_version = content_module_version(m);
	rec.score = total > 0 ? (int)score : -1;
	rec.total = total > 0 ? (int)total : -1;
	rec.pass_mark = total > 0 ? (int)pass : -1;
	rec.mode = l->mode;
	rec.when = now;
	rec.duration =
	    l->started > 0 && now > l->started ? (long)(now - l->started) : 0;
	if (l->log_path != NULL)
		snprintf(path, sizeof path, "%s", l->log_path);
	else if (complog_default_path(path, sizeof path) < 0) {
		snprintf(msg, msglen,
			 "No place for the completion log: set "
			 "XDG_STATE_HOME or HOME, or give --log.");
		return -1;
	}
	if (complog_append(path, l->key, &rec, err, sizeof err) < 0) {
		snprintf(msg, msglen,
			 "The record could not be written: %s. Your answers "
			 "are kept: finish the module again to retry.",
			 err);
		return -1;
	}
	if (total > 0)
		snprintf(msg, msglen, "Recorded: %s, %u/%u (pass mark %u%%).",
			 ev, score, total, pass);
	else
		snprintf(msg, msglen, "Recorded: %s.", ev);
	return 0;
}

int
learner_finish(struct learner *l, time_t now)
{
	unsigned score, total, pass;
	int rc = 0;

	if (l->session == NULL)
		return -1;
	l->message[0] = '\0';
	if (l->key == NULL) {
		snprintf(l->message, sizeof l->message,
			 "No signing key was given, so no record was "
			 "written.");
	} else {
		rc = append_record(l, now, l->message, sizeof l->message);
	}
	/*
	 * A failed quiz is not done, nor is a module whose record could not
	 * be written: its answers stay, to try again.
	 */
	if (rc < 0 ||
	    strcmp(session_outcome_event(l->session, &score, &total, &pass),
		   "failed") == 0) {
		bool fin = l->session->finished;

		l->session->finished = false;
		progress_set(&l->progress, l->session);
		l->session->finished = fin;
	} else {
		mark_done(l);
	}
	if (l->progress_path != NULL) {
		char err[400];

		if (progress_save(l->progress_path, &l->progress, err,
				  sizeof err) < 0 &&
		    rc == 0) {
			snprintf(l->message, sizeof l->message,
				 "Your progress could not be saved: %s", err);
			rc = -1;
		}
	}
	return rc;
}

struct module *
learner_next(const struct learner *l, const struct module *m)
{
	size_t i;
	bool after = m == NULL;

	for (i = 0; i < l->nday; i++) {
		if (after && !learner_done(l, l->day[i]))
			return l->day[i];
		if (l->day[i] == m)
			after = true;
	}
	return NULL;
}

int
learner_reset(struct learner *l)
{
	char err[400];

	progress_forget(&l->progress, NULL);
	if (l->session != NULL) {
		struct module *m = l->session->module;

		session_free(l->session);
		l->session = session_new(m);
	}
	if (l->progress_path != NULL &&
	    progress_remove(l->progress_path, err, sizeof err) < 0) {
		snprintf(l->message, sizeof l->message, "%s", err);
		return -1;
	}
	l->had_progress = false;
	return 0;
}
