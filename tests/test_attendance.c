/* test_attendance.c: signed attendance from a facilitated session. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attendance.h"
#include "complog.h"
#include "sign.h"
#include "util.h"

static struct content *pack;
static char dir[] = "/tmp/attendance-test.XXXXXX";
static char *log_path, *base, *pass;
static struct sign_key *key;
static struct sign_pub pub;

static void
setup(void)
{
	struct sign_keygen_opts o = {0};
	struct diags d;
	char err[512], *keyfile;
	FILE *fp;

	diags_init(&d);
	pack = content_load_dir(FIXTURES "/pack", &d);
	cr_assert_not_null(pack);
	diags_free(&d);
	cr_assert_not_null(mkdtemp(dir));
	log_path = xasprintf("%s/attendance.log", dir);
	base = xasprintf("%s/fac", dir);
	pass = xasprintf("%s/pass", dir);
	fp = fopen(pass, "w");
	cr_assert_not_null(fp);
	fputs("a passphrase for the tests\n", fp);
	fclose(fp);
	o.passphrase_file = pass;
	cr_assert_eq(sign_keygen(base, &o, &pub, err, sizeof err), 0, "%s",
		     err);
	keyfile = xasprintf("%s.key", base);
	cr_assert_eq(sign_key_load(keyfile, pass, &key, err, sizeof err), 0,
		     "%s", err);
	free(keyfile);
}

static void
teardown(void)
{
	char *p;

	sign_key_free(key);
	unlink(log_path);
	unlink(pass);
	p = xasprintf("%s.key", base);
	unlink(p);
	free(p);
	p = xasprintf("%s.pub", base);
	unlink(p);
	free(p);
	rmdir(dir);
	free(log_path);
	free(base);
	free(pass);
	content_free(pack);
}

TestSuite(attendance, .init = setup, .fini = teardown);

static void
go(struct facil *f, size_t i)
{
	struct facil_event ev = {FACIL_EV_GOTO, (long)i};

	facil_handle(f, &ev, 0);
}

struct seen {
	int attended;
	int facilitator_mode;
	char names[512];
	/* session records: how many, and the last one's numbers */
	int sessions;
	long present;
	int nq, scale;
	unsigned before[5], after[5];
	char session_by[64], session_module[64];
	bool session_named;
};

static void
on_record(const struct complog_entry *e, void *ctx)
{
	struct seen *s = ctx;

	if (strcmp(e->type, "session") == 0) {
		cr_assert_not_null(e->tallies);
		s->sessions++;
		s->present = e->present;
		s->nq = e->tallies->nq;
		s->scale = e->tallies->scale;
		if (s->nq == 1 && s->scale == 5) {
			memcpy(s->before, e->tallies->before, sizeof s->before);
			memcpy(s->after, e->tallies->after, sizeof s->after);
		}
		snprintf(s->session_by, sizeof s->session_by, "%s",
			 e->facilitator);
		snprintf(s->session_module, sizeof s->session_module, "%s",
			 e->module);
		s->session_named = e->learner != NULL || e->staff_id != NULL;
		return;
	}
	if (strcmp(e->type, "attended") != 0)
		return;
	s->attended++;
	s->facilitator_mode += strcmp(e->mode, "facilitator") == 0 &&
			       strcmp(e->facilitator, "Alex Trainer") == 0;
	snprintf(s->names + strlen(s->names),
		 sizeof s->names - strlen(s->names), "%s/%s;", e->learner,
		 e->module);
}

/* Verify the log; returns the number of problems. */
static unsigned long
verify(struct seen *s)
{
	struct sign_trust trust = {0};
	struct complog_verify_opts o = {0};
	struct complog_verify_result r;

	memset(s, 0, sizeof *s);
	sign_trust_add(&trust, &pub, "facilitator");
	o.trust = &trust;
	o.threads = 1;
	o.on_record = on_record;
	o.ctx = s;
	complog_verify(log_path, &o, &r);
	sign_trust_free(&trust);
	return r.problems;
}

Test(attendance, the_day_signs_one_verified_record_per_person_and_module)
{
	struct facil *f = facil_new(pack, NULL, 1);
	struct attendance_item *v;
	char err[512], *e;
	struct seen s;
	size_t n;

	roster_add(f->roster, "Sam Jones", "E1042", &e);
	roster_add(f->roster, "Priya Shah", NULL, &e);
	roster_add(f->roster, "Absent", NULL, &e);
	facil_mark_present(f, 0);
	facil_mark_present(f, 1);
	go(f, 2);
	go(f, 11);
	go(f, f->n - 1);
	n = attendance_plan(f, &v);
	cr_assert_eq(n, 4);
	cr_expect_eq(attendance_sign(f, v, n, log_path, key, "Alex Trainer",
				     err, sizeof err),
		     4, "%s", err);
	free(v);
	cr_expect_eq(verify(&s), 0);
	cr_expect_eq(s.attended, 4);
	cr_expect_eq(s.facilitator_mode, 4);
	cr_expect_str_eq(s.names, "Sam Jones/basics;Sam Jones/law;"
				  "Priya Shah/basics;Priya Shah/law;");
	/* Nothing is signed twice. */
	cr_expect_eq(attendance_plan(f, &v), 0);
	free(v);
	facil_free(f);
}

Test(attendance, signing_at_a_section_end_then_later_signs_the_rest_once)
{
	struct facil *f = facil_new(pack, NULL, 1);
	struct attendance_item *v;
	char err[512], *e;
	struct seen s;
	json_t *saved;
	struct facil *g;
	size_t n;

	roster_add(f->roster, "Leaves at lunch", NULL, &e);
	roster_add(f->roster, "Stays", NULL, &e);
	facil_mark_present(f, 0);
	facil_mark_present(f, 1);
	go(f, 2);
	facil_mark_left(f, 0);
	n = attendance_plan(f, &v);
	cr_assert_eq(n, 2);
	cr_expect_eq(attendance_sign(f, v, n, log_path, key, "Alex Trainer",
				     err, sizeof err),
		     2);
	free(v);
	/* Resumed after a crash, the session still knows what it signed. */
	saved = facil_save(f);
	g = facil_new(pack, NULL, 1);
	cr_assert_eq(facil_restore(g, saved, &e), 0);
	json_decref(saved);
	go(g, 11);
	n = attendance_plan(g, &v);
	cr_assert_eq(n, 1);
	cr_expect_str_eq(g->roster->v[v[0].person].name, "Stays");
	cr_expect_str_eq(v[0].module->id, "law");
	cr_expect_eq(attendance_sign(g, v, n, log_path, key, "Alex Trainer",
				     err, sizeof err),
		     1);
	free(v);
	cr_expect_eq(verify(&s), 0);
	cr_expect_str_eq(s.names, "Leaves at lunch/basics;Stays/basics;"
				  "Stays/law;");
	facil_free(f);
	facil_free(g);
}

Test(attendance, a_bad_facilitator_name_signs_nothing)
{
	struct facil *f = facil_new(pack, NULL, 1);
	struct attendance_item *v;
	char err[512], *e;
	size_t n;

	roster_add(f->roster, "Sam", NULL, &e);
	facil_mark_present(f, 0);
	go(f, 2);
	n = attendance_plan(f, &v);
	cr_expect_eq(attendance_sign(f, v, n, log_path, key, "Alex\x1b[2J", err,
				     sizeof err),
		     -1);
	cr_expect(strstr(err, "nothing was signed") != NULL, "%s", err);
	cr_expect_eq(access(log_path, F_OK), -1, "no log was written");
	free(v);
	cr_expect_eq(attendance_plan(f, &v), 1, "still to sign");
	free(v);
	facil_free(f);
}

/* Enter counts on the rating screen at index i, as the keys would. */
static void
rate(struct facil *f, size_t i, const unsigned *v)
{
	go(f, i);
	for (long k = 0; k < 5; k++) {
		struct facil_event fo = {FACIL_EV_FOCUS, k};
		struct facil_event set = {FACIL_EV_SET_COUNT, (long)v[k]};

		facil_handle(f, &fo, 0);
		facil_handle(f, &set, 0);
	}
}

/* The session lines of the log, concatenated. */
static char *
session_lines(void)
{
	size_t n;
	char *text = util_read_file(log_path, 1 << 20, &n), *line, *save;
	struct strbuf out;

	cr_assert_not_null(text);
	strbuf_init(&out);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save))
		if (strstr(line, "\"type\":\"session\"") != NULL)
			strbuf_addf(&out, "%s\n", line);
	free(text);
	return out.s;
}

Test(attendance, signing_writes_one_session_record_with_the_rooms_counts)
{
	static const unsigned before[5] = {0, 1, 3, 4, 2};
	static const unsigned after[5] = {0, 0, 1, 5, 4};
	struct facil *f = facil_new(pack, NULL, 1);
	struct attendance_item *v;
	char err[512], *e, *lines;
	struct seen s;
	size_t n;

	roster_add(f->roster, "Sam Jones", "E1042", &e);
	roster_add(f->roster, "Priya Shah", NULL, &e);
	roster_add(f->roster, "Absent", NULL, &e);
	facil_mark_present(f, 0);
	facil_mark_present(f, 1);
	cr_expect_eq(attendance_sessions_due(f), 0, "no counts yet");
	rate(f, 6, before);
	rate(f, 16, after);
	go(f, f->n - 1);
	cr_expect_eq(attendance_sessions_due(f), 1);
	n = attendance_plan(f, &v);
	cr_assert_eq(n, 4);
	cr_expect_eq(attendance_sign(f, v, n, log_path, key, "Alex Trainer",
				     err, sizeof err),
		     5, "%s", err);
	free(v);
	cr_expect_eq(verify(&s), 0);
	cr_expect_eq(s.attended, 4);
	cr_expect_eq(s.sessions, 1);
	cr_expect_eq(s.present, 2);
	cr_expect_eq(s.nq, 1);
	cr_expect_eq(s.scale, 5);
	cr_expect_eq(memcmp(s.before, before, sizeof before), 0);
	cr_expect_eq(memcmp(s.after, after, sizeof after), 0);
	cr_expect_str_eq(s.session_by, "Alex Trainer");
	cr_expect_str_eq(s.session_module, "day");
	cr_expect_not(s.session_named);
	lines = session_lines();
	cr_expect(strstr(lines, "\"set\":\"confidence\",\"scale\":5,"
				"\"before\":[[0,1,3,4,2]],"
				"\"after\":[[0,0,1,5,4]]") != NULL,
		  "%s", lines);
	cr_expect(strstr(lines, "Sam") == NULL &&
		      strstr(lines, "E1042") == NULL &&
		      strstr(lines, "Priya") == NULL &&
		      strstr(lines, "Absent") == NULL,
		  "%s", lines);
	free(lines);
	/* Signing again with the same counts adds nothing. */
	cr_expect_eq(attendance_sessions_due(f), 0);
	cr_expect_eq(attendance_sign(f, NULL, 0, log_path, key, "Alex Trainer",
				     err, sizeof err),
		     0);
	cr_expect_eq(verify(&s), 0);
	cr_expect_eq(s.sessions, 1);
	facil_free(f);
}

Test(attendance,
     a_changed_count_signs_a_new_session_record_once_even_after_resume)
{
	static const unsigned before[5] = {1, 1, 0, 0, 0};
	static const unsigned after[5] = {0, 0, 0, 1, 1};
	static const unsigned later[5] = {0, 0, 0, 1, 2};
	struct facil *f = facil_new(pack, NULL, 1), *g;
	struct attendance_item *v;
	char err[512], *e;
	struct seen s;
	json_t *saved;
	size_t n;

	roster_add(f->roster, "Sam", NULL, &e);
	facil_mark_present(f, 0);
	rate(f, 6, before);
	go(f, 8);
	/* At the lunch break: the before counts, nothing after yet. */
	n = attendance_plan(f, &v);
	cr_expect_eq(attendance_sign(f, v, n, log_path, key, "Alex Trainer",
				     err, sizeof err),
		     (long)n + 1, "%s", err);
	free(v);
	cr_expect_eq(verify(&s), 0);
	cr_expect_eq(s.sessions, 1);
	cr_expect_eq(s.after[3], 0);
	/* Resumed: what was signed is remembered. */
	saved = facil_save(f);
	g = facil_new(pack, NULL, 1);
	cr_assert_eq(facil_restore(g, saved, &e), 0);
	json_decref(saved);
	cr_expect_eq(attendance_sessions_due(g), 0);
	rate(g, 16, after);
	go(g, g->n - 1);
	cr_expect_eq(attendance_sessions_due(g), 1);
	n = attendance_plan(g, &v);
	cr_expect_eq(attendance_sign(g, v, n, log_path, key, "Alex Trainer",
				     err, sizeof err),
		     (long)n + 1, "%s", err);
	free(v);
	cr_expect_eq(verify(&s), 0);
	cr_expect_eq(s.sessions, 2);
	cr_expect_eq(memcmp(s.after, after, sizeof after), 0);
	cr_expect_eq(memcmp(s.before, before, sizeof before), 0);
	/* One more hand after: one more record, with the new count. */
	rate(g, 16, later);
	cr_expect_eq(attendance_sign(g, NULL, 0, log_path, key, "Alex Trainer",
				     err, sizeof err),
		     1, "%s", err);
	cr_expect_eq(verify(&s), 0);
	cr_expect_eq(s.sessions, 3);
	cr_expect_eq(s.after[4], 2);
	facil_free(f);
	facil_free(g);
}
