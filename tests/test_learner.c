/* test_learner.c: a learner's day: resume, records, privacy, reset. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content.h"
#include "learner.h"
#include "sign.h"
#include "util.h"

static struct content *pack;
static char dir[] = "/tmp/workshop-learner.XXXXXX";

static void
setup(void)
{
	struct diags d;

	diags_init(&d);
	pack = content_load_dir(FIXTURES "/pack", &d);
	cr_assert_eq(d.n, 0);
	diags_free(&d);
	cr_assert_not_null(mkdtemp(dir));
}

static void
teardown(void)
{
	char *cmd = xasprintf("rm -rf %s", dir);

	content_free(pack);
	cr_expect_eq(system(cmd), 0);
	free(cmd);
}

static void
play(struct session *s, const char *keys)
{
	for (; *keys != '\0'; keys++) {
		if (*keys == 'n')
			session_do(s, SESSION_EV_NEXT);
		else {
			struct session_event ev = {.type = SESSION_EV_CHOOSE,
						   .index = *keys - '0'};

			session_handle(s, &ev);
		}
	}
}

Test(learner, progress_survives_a_restart, .init = setup, .fini = teardown)
{
	struct learner l;
	char err[256];
	struct session *s;

	cr_assert_eq(learner_open(&l, pack, "Sam", NULL, dir, err, sizeof err),
		     0);
	cr_expect(!l.had_progress);
	cr_expect_eq(l.nday, 2, "the day follows the programme");
	s = learner_begin(&l, content_module(pack, "law"), 100);
	play(s, "n0n"); /* on the second question */
	cr_assert_eq(learner_save(&l), 0, "%s", l.message);
	learner_close(&l);

	cr_assert_eq(learner_open(&l, pack, "Sam", NULL, dir, err, sizeof err),
		     0);
	cr_expect(l.had_progress);
	cr_expect_str_eq(l.progress.current, "law");
	s = learner_begin(&l, content_module(pack, "law"), 200);
	cr_expect_eq(s->step, 1);
	cr_expect_eq(s->steps[1].order[s->steps[1].pos], 1);
	learner_close(&l);

	cr_assert_eq(learner_open(&l, pack, "Sam", "7", dir, err, sizeof err),
		     0);
	cr_expect(!l.had_progress, "another staff id is another learner");
	learner_close(&l);

	/* Edited content: answers saved against other questions are not
	 * restored, the place in the day is. */
	cr_assert_eq(learner_open(&l, pack, "Sam", NULL, dir, err, sizeof err),
		     0);
	memset(l.progress.v[0].version, 'a', CONTENT_VERSION_HEX);
	s = learner_begin(&l, content_module(pack, "law"), 300);
	cr_expect_eq(s->step, 0);
	cr_expect_eq(s->steps[1].answers[0], -1);
	cr_expect_str_eq(l.progress.current, "law");
	learner_close(&l);
}

Test(learner, a_failed_quiz_keeps_its_answers_and_a_pass_is_done, .init = setup,
     .fini = teardown)
{
	struct learner l;
	char err[256];
	struct module *law = content_module(pack, "law");
	struct session *s;

	learner_open(&l, pack, "Ann", NULL, dir, err, sizeof err);
	s = learner_begin(&l, law, 100);
	play(s, "n0n0n2nnnn0");
	cr_assert(s->finished);
	cr_expect_eq(learner_finish(&l, 200), 0);
	cr_expect_str_eq(l.message, "No signing key was given, so no record "
				    "was written.");
	cr_expect(!learner_done(&l, law), "a failed quiz is not done");
	s = learner_begin(&l, law, 300);
	cr_expect_eq(s->steps[1].answers[0], 0, "the answers are kept");
	session_goto(s, 1);
	session_do(s, SESSION_EV_RETRY_WRONG);
	play(s, "1n2nnnn0");
	cr_assert(s->finished);
	learner_finish(&l, 400);
	cr_expect(learner_done(&l, law));
	cr_expect_eq(learner_next(&l, NULL), content_module(pack, "basics"),
		     "the next module of the day not yet done");
	cr_expect_eq(learner_reset(&l), 0);
	cr_expect(!learner_done(&l, law), "reset forgets");
	cr_expect_neq(access(l.progress_path, F_OK), 0, "and deletes the file");
	learner_close(&l);
}

Test(learner, a_finished_module_appends_a_signed_record, .init = setup,
     .fini = teardown)
{
	struct learner l;
	struct sign_keygen_opts ko = {.unencrypted = true};
	struct sign_key *key = NULL;
	char err[512], *base = xasprintf("%s/st", dir);
	char *kpath = xasprintf("%s.key", base);
	char *log = xasprintf("%s/log", dir), *blocked;
	struct session *s;
	size_t len;
	char *text;

	cr_assert_eq(sign_keygen(base, &ko, NULL, err, sizeof err), 0, "%s",
		     err);
	cr_assert_eq(sign_key_load(kpath, NULL, &key, err, sizeof err), 0, "%s",
		     err);
	learner_open(&l, pack, "Kim Park", "K1", dir, err, sizeof err);
	l.key = key;
	l.log_path = log;
	s = learner_begin(&l, content_module(pack, "law"), 1000);
	play(s, "n0n1n2nnnn4");
	cr_assert(s->finished);
	cr_assert_eq(learner_finish(&l, 1060), 0, "%s", l.message);
	cr_expect_str_eq(l.message, "Recorded: passed, 2/2 (pass mark 80%).");
	text = util_read_file(log, 1 << 20, &len);
	cr_assert_not_null(text);
	cr_expect_neq(strstr(text, "\"type\":\"passed\""), NULL, "%s", text);
	cr_expect_neq(strstr(text, "\"name\":\"Kim Park\",\"staff_id\":\"K1\""),
		      NULL, "%s", text);
	cr_expect_neq(strstr(text, "\"score\":{\"raw\":2,\"max\":2,"
				   "\"pass_mark\":80}"),
		      NULL, "%s", text);
	cr_expect_neq(
	    strstr(text, content_module_version(content_module(pack, "law"))),
	    NULL, "the record names the content version");
	cr_expect_null(strstr(text, "Agree"));
	free(text);
	learner_close(&l);

	/* A log that cannot be written (its directory is a file): the
	 * module is not marked done. */
	blocked = xasprintf("%s/st.pub/log", dir);
	learner_open(&l, pack, "Lee", NULL, dir, err, sizeof err);
	l.key = key;
	l.log_path = blocked;
	s = learner_begin(&l, content_module(pack, "law"), 1000);
	play(s, "n0n1n2nnnn4");
	cr_expect_eq(learner_finish(&l, 1060), -1);
	cr_expect_neq(strstr(l.message, "The record could not be written"),
		      NULL, "%s", l.message);
	cr_expect(!learner_done(&l, content_module(pack, "law")));
	learner_close(&l);
	sign_key_free(key);
	free(blocked);
	free(base);
	free(kpath);
	free(log);
}
