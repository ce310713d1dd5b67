/* attendance.c: signed "attended" records for the people in the room. */
#include "attendance.h"

#include <stdio.h>
#include <stdlib.h>

#include "complog.h"
#include "util.h"

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
	return (long)n;
}
