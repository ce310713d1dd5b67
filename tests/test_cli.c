/*
 * test_cli.c: the validate and list commands as a user runs them: exit
 * codes, messages, and list --json.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "util.h"

/* Run cmd with args, stdout and stderr going to files we can read back. */
struct run {
	int rc;
	char *out;
	char *err;
};

static char *
slurp(const char *path)
{
	size_t len;
	char *s = util_read_file(path, 1 << 24, &len);

	cr_assert_not_null(s);
	return s;
}

static struct run
run_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	char out[] = "/tmp/workshop-out-XXXXXX",
	     err[] = "/tmp/workshop-err-XXXXXX";
	int fo = mkstemp(out), fe = mkstemp(err);
	int so = dup(1), se = dup(2);
	struct run r;

	cr_assert(fo >= 0 && fe >= 0);
	fflush(stdout);
	fflush(stderr);
	dup2(fo, 1);
	dup2(fe, 2);
	r.rc = cmd->run(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(fo);
	close(fe);
	close(so);
	close(se);
	r.out = slurp(out);
	r.err = slurp(err);
	unlink(out);
	unlink(err);
	return r;
}

static void
run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

static char *
fixture(const char *name)
{
	return xasprintf("%s/%s", FIXTURES, name);
}

Test(cli, validate_succeeds_on_a_good_pack_with_a_summary)
{
	char *pack = fixture("pack");
	char *argv[] = {(char[]){"validate"}, (char[]){"--content"}, pack,
			NULL};
	struct run r = run_cmd(&cmd_validate, 3, argv);

	cr_expect_eq(r.rc, CLI_OK);
	cr_expect_str_eq(r.out, "ok: 5 files, 2 modules (11 steps), 1 quiz (2 "
				"questions), 1 scenario, 2 glossary terms\n");
	run_free(&r);
	free(pack);
}

Test(cli, validate_exits_1_on_invalid_content)
{
	char *file = fixture("errors/duplicate-key.yaml");
	char *argv[] = {(char[]){"validate"}, file, NULL};
	struct run r = run_cmd(&cmd_validate, 2, argv);
	char *want = xasprintf("%s:4:1: error: duplicate key \"title\" (first "
			       "at line 3)\nworkshop: 1 error\n",
			       file);

	cr_expect_eq(r.rc, CLI_FAIL);
	cr_expect_str_eq(r.err, want);
	cr_expect_str_empty(r.out);
	run_free(&r);
	free(want);
	free(file);
}

Test(cli, validate_exits_2_on_an_unreadable_path)
{
	char *argv[] = {(char[]){"validate"}, (char[]){"/nonexistent/x.yaml"},
			NULL};
	struct run r = run_cmd(&cmd_validate, 2, argv);

	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect_str_eq(r.err, "workshop: cannot read /nonexistent/x.yaml: No "
				"such file or directory\n");
	run_free(&r);
}

Test(cli, validate_exits_2_on_a_missing_pack)
{
	char *argv[] = {(char[]){"validate"}, (char[]){"--content"},
			(char[]){"/nonexistent"}, NULL};
	struct run r = run_cmd(&cmd_validate, 3, argv);

	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect(
	    strstr(r.err, "cannot read the content pack in /nonexistent") !=
		NULL,
	    "%s", r.err);
	run_free(&r);
}

Test(cli, validate_exits_2_on_an_unknown_option)
{
	char *argv[] = {(char[]){"validate"}, (char[]){"--bogus"}, NULL};
	struct run r = run_cmd(&cmd_validate, 2, argv);

	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect_str_eq(r.err, "workshop validate: unknown option: --bogus\n"
				"Try 'workshop validate --help'.\n");
	run_free(&r);
}

Test(cli, validate_help_lists_its_options)
{
	char *argv[] = {(char[]){"validate"}, (char[]){"--help"}, NULL};
	struct run r = run_cmd(&cmd_validate, 2, argv);

	cr_expect_eq(r.rc, CLI_OK);
	cr_expect(strstr(r.out, "Usage: workshop validate [OPTION]... "
				"[FILE...]\n") == r.out);
	cr_expect(strstr(r.out, "--content DIR") != NULL);
	cr_expect(strstr(r.out, "-h, --help") != NULL);
	run_free(&r);
}

Test(cli, list_json_names_every_module_quiz_and_scenario)
{
	char *pack = fixture("pack");
	char *argv[] = {(char[]){"list"}, (char[]){"--json"},
			(char[]){"--content"}, pack, NULL};
	struct run r = run_cmd(&cmd_list, 4, argv);
	json_error_t jerr;
	json_t *root, *item;
	size_t i;

	cr_assert_eq(r.rc, CLI_OK);
	root = json_loads(r.out, 0, &jerr);
	cr_assert_not_null(root, "not JSON: %s", jerr.text);
	cr_expect_eq(json_array_size(json_object_get(root, "modules")), 2);
	cr_expect_eq(json_array_size(json_object_get(root, "quizzes")), 1);
	cr_expect_eq(json_array_size(json_object_get(root, "scenarios")), 1);
	const char *groups[] = {"modules", "quizzes", "scenarios"};
	for (size_t g = 0; g < 3; g++)
		json_array_foreach(json_object_get(root, groups[g]), i, item)
		{
			cr_expect(json_is_string(json_object_get(item, "id")));
			cr_expect(
			    json_is_string(json_object_get(item, "title")));
			cr_expect(
			    json_is_string(json_object_get(item, "kind")));
		}
	item = json_array_get(
	    json_object_get(json_object_get(root, "programme"), "items"), 1);
	cr_expect_str_eq(json_string_value(json_object_get(item, "kind")),
			 "break");
	cr_expect_str_eq(json_string_value(json_object_get(item, "start")),
			 "10:10");
	cr_expect_str_eq(json_string_value(json_object_get(
			     json_object_get(root, "programme"), "end")),
			 "10:55");
	json_decref(root);
	run_free(&r);
	free(pack);
}

Test(cli, list_refuses_an_invalid_pack)
{
	char *pack = fixture("refs");
	char *argv[] = {(char[]){"list"}, (char[]){"--content"}, pack, NULL};
	struct run r = run_cmd(&cmd_list, 3, argv);

	cr_expect_eq(r.rc, CLI_FAIL);
	cr_expect(strstr(r.err, "unresolved reference") != NULL);
	cr_expect_str_empty(r.out);
	run_free(&r);
	free(pack);
}
