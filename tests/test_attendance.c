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
};

static void
on_record(const struct complog_entry *e, void *ctx)
{
	struct seen *s = ctx;

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
