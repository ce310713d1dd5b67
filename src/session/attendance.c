/* attendance.c: signed "attended" records for the people in the room. */
#include "attendance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complog.h"
#include "complog_line.h"
#include "util.h"

/* One pair's counts, as a session record carries them. */
struct counts {
	int nq, scale;
	unsigned *before, *after; /* nq * scale */
	char *key;		  /* the counts as text, to compare */
};

static void
fill_rows(unsigned *v, const struct tally *t, int scale)
{
	for (int k = 0; t != NULL && k < scale && (size_t)k < t->n; k++)
		v[k] = t->count[k];
}

/* Pair p's counts; false if it has none (or cannot be recorded). */
static bool
pair_counts(const struct facil *f, size_t p, struct counts *c)
{
	const struct facil_pair *pr = &f->pairs[p];
	const struct tally *b, *a;
	size_t cells;
	unsigned any = 0;
	struct strbuf sb;

	memset(c, 0, sizeof *c);
	if (pr->before->u.rating.questions.n > COMPLOG_TALLY_MAX_QUESTIONS ||
	    pr->before->u.rating.scale < 2 ||
	    pr->before->u.rating.scale > COMPLOG_TALLY_MAX_SCALE)
		return false;
	c->nq = (int)pr->before->u.rating.questions.n;
	c->scale = (int)pr->before->u.rating.scale;
	cells = (size_t)c->nq * (size_t)c->scale;
	c->before = xcalloc(cells + 1, sizeof *c->before);
	c->after = xcalloc(cells + 1, sizeof *c->after);
	for (int q = 0; q < c->nq; q++) {
		facil_pair_tallies(f, pr, (size_t)q, &b, &a);
		fill_rows(c->before + q * c->scale, b, c->scale);
		fill_rows(c->after + q * c->scale, a, c->scale);
	}
	strbuf_init(&sb);
	strbuf_addf(&sb, "%s/%d/%d:", pr->before->u.rating.set, c->nq,
		    c->scale);
	for (size_t i = 0; i < cells; i++) {
		strbuf_addf(&sb, "%u,%u;", c->before[i], c->after[i]);
		any |= c->before[i] | c->after[i];
	}
	c->key = sb.s;
	if (any == 0) {
		free(c->before);
		free(c->after);
		free(c->key);
		memset(c, 0, sizeof *c);
		return false;
	}
	return true;
}

static void
counts_free(struct counts *c)
{
	free(c->before);
	free(c->after);
	free(c->key);
}

/* Does pair p have counts other than those last signed? */
static bool
session_due(const struct facil *f, size_t p, struct counts *c)
{
	const char *last;

	if (!pair_counts(f, p, c))
		return false;
	last = facil_session_signed(f, p);
	if (last != NULL && strcmp(last, c->key) == 0) {
		counts_free(c);
		return false;
	}
	return true;
}

size_t
attendance_sessions_due(const struct facil *f)
{
	struct counts c;
	size_t n = 0;

	for (size_t p = 0; p < f->npairs; p++)
		if (session_due(f, p, &c)) {
			counts_free(&c);
			n++;
		}
	return n;
}

/* Append the session records that are due; the number appended, or -1
 * (err set) when one failed. */
static long
sign_sessions(struct facil *f, const char *log_path, const struct sign_key *key,
	      const char *facilitator, char *err, size_t errlen)
{
	struct programme *pg = f->content->programme;
	long done = 0;
	struct counts c;

	for (size_t p = 0; p < f->npairs; p++) {
		if (!session_due(f, p, &c))
			continue;
		struct complog_tallies t = {
		    .set = f->pairs[p].before->u.rating.set,
		    .scale = c.scale,
		    .nq = c.nq,
		    .before = c.before,
		    .after = c.after,
		};
		struct complog_record rec = {
		    .event = "session",
		    .module = f->module ? f->module->id : pg->id,
		    .module_title = f->module ? f->module->title : pg->title,
		    .content_version = f->module
					   ? content_module_version(f->module)
					   : content_file_version(pg->file),
		    .score = -1,
		    .total = -1,
		    .pass_mark = -1,
		    .facilitator = facilitator,
		    .mode = "facilitator",
		    .present = (long)roster_count_came(f->roster),
		    .tallies = &t,
		};

		if (complog_append(log_path, key, &rec, err, errlen) < 0) {
			counts_free(&c);
			return -1;
		}
		facil_set_session_signed(f, p, c.key);
		counts_free(&c);
		done++;
	}
	return done;
}

size_t
attendance_plan(const struct facil *f, struct attendance_item **out)
{
	struct attendance_item *v = NULL;
	struct module **mods;
	size_t i, k, m, n = 0;

	for (i = 0; i < f->roster->n; i++) {
		m = facil_attended(f, i, &mods);
		if (m != 0)
			v = xreallocarray(v, n + m, sizeof *v);
		for (k = 0; k < m; k++) {
			if (facil_is_signed(f, i, mods[k]))
				continue;
			v[n].person = i;
			v[n].module = mods[k];
			n++;
		}
		free(mods);
	}
	*out = v;
	return n;
}

long
attendance_sign(struct facil *f, const struct attendance_item *v, size_t n,
		const char *log_path, const struct sign_key *key,
		const char *facilitator, char *err, size_t errlen)
{
	const struct roster *r = f->roster;
	char why[512];
	size_t i;
	long done;

	if (complog_check_text("the facilitator's name", facilitator, why,
			       sizeof why) < 0) {
		snprintf(err, errlen, "%s; nothing was signed", why);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const struct roster_person *p = &r->v[v[i].person];

		if (complog_check_text("the name", p->name, why, sizeof why) <
			0 ||
		    (p->staff_id != NULL &&
		     complog_check_text("the staff id", p->staff_id, why,
					sizeof why) < 0)) {
			snprintf(err, errlen, "%s; nothing was signed", why);
			return -1;
		}
	}
	for (i = 0; i < n; i++) {
		const struct roster_person *p = &r->v[v[i].person];
		struct module *m = v[i].module;
		struct complog_record rec = {
		    .event = "attended",
		    .learner = p->name,
		    .staff_id = p->staff_id,
		    .module = m->id,
		    .module_title = m->title,
		    .content_version = content_module_version(m),
		    .score = -1,
		    .total = -1,
		    .pass_mark = -1,
		    .facilitator = facilitator,
		    .mode = "facilitator",
		};

		if (complog_append(log_path, key, &rec, why, sizeof why) < 0) {
			snprintf(err, errlen, "%s (%zu of %zu signed)", why, i,
				 n);
			return (long)i;
		}
		facil_add_signed(f, v[i].person, m);
	}
	if ((done = sign_sessions(f, log_path, key, facilitator, why,
				  sizeof why)) < 0) {
		snprintf(err, errlen, "%s (the session record was not signed)",
			 why);
		return (long)n;
	}
	return (long)n + done;
}
