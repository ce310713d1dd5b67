/* test_progress.c: the progress file: parse, format, save, privacy. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "progress.h"
#include "util.h"

struct pcase {
	char name[64];
	char text[160];
	char error[96]; /* "" if it must parse */
};

ParameterizedTestParameters(progress, parses)
{
	static struct pcase cases[] = {
	    {"an empty progress file", "workshop-progress 1\n", ""},
	    {"a module with answers",
	     "workshop-progress 1\ncurrent law\nmodule law step 1 done 0\n"
	     "quiz 1 0,-1\nsort 2 1,2\n",
	     ""},
	    {"the wrong first line", "workshop-progress 2\n",
	     "line 1: expected \"workshop-progress 1\""},
	    {"no newline at the end",
	     "workshop-progress 1\nmodule a step 0 done 0",
	     "line 2: expected "
	     "a newline"},
	    {"answers before a module", "workshop-progress 1\nquiz 1 0\n",
	     "line 2: \"quiz\" before any \"module\" line"},
	    {"a repeated module",
	     "workshop-progress 1\nmodule a step 0 done 0\nmodule a step 1 "
	     "done 0\n",
	     "line 3: expected \"module ID step N done 0|1 [version HEX]\""},
	    {"a bad id", "workshop-progress 1\nmodule a/b step 0 done 0\n",
	     "line 2: expected \"module"},
	    {"a negative step",
	     "workshop-progress 1\nmodule a step -1 done 0\n",
	     "line 2: expected \"module"},
	    {"a value below -1",
	     "workshop-progress 1\nmodule a step 0 done 0\nquiz 0 -2\n",
	     "line 3: expected \"quiz STEP"},
	    {"leading zeros", "workshop-progress 1\nmodule a step 01 done 0\n",
	     "line 2: expected \"module"},
	    {"a repeated step",
	     "workshop-progress 1\nmodule a step 0 done 0\nquiz 1 0\nsort 1 "
	     "0\n",
	     "line 4: expected \"sort STEP"},
	    {"an unknown line", "workshop-progress 1\nview 2 agree\n",
	     "line 2: expected \"module\", \"quiz\", \"sort\" or \"current\""},
	    {"two spaces", "workshop-progress 1\nmodule  a step 0 done 0\n",
	     "line 2: expected"},
	    {"a module with its content version",
	     "workshop-progress 1\nmodule a step 0 done 0 version "
	     "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	     "\n",
	     ""},
	    {"a version that is not 64 hex digits",
	     "workshop-progress 1\nmodule a step 0 done 0 version ABC\n",
	     "line 2: expected \"module"},
	    {"too many words",
	     "workshop-progress 1\nmodule a step 0 done 0 version "
	     "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef "
	     "x\n",
	     "line 2: expected \"module\", \"quiz\""},
	    {"a NUL byte", "workshop-progress 1\n\0", ""},
	};

	return cr_make_param_array(struct pcase, cases,
				   sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct pcase *c, progress, parses)
{
	struct progress p;
	char err[200] = "";
	size_t len = strlen(c->text);
	int r;

	if (strcmp(c->name, "a NUL byte") == 0) {
		r = progress_parse(c->text, len + 1, &p, err, sizeof err);
		cr_expect_eq(r, -1);
		cr_expect_str_eq(err, "not a text file (NUL byte)");
		return;
	}
	r = progress_parse(c->text, len, &p, err, sizeof err);
	if (c->error[0] == '\0') {
		char *again;

		cr_assert_eq(r, 0, "%s: %s", c->name, err);
		again = progress_format(&p);
		cr_expect_str_eq(again, c->text, "%s: formats back", c->name);
		free(again);
		progress_free(&p);
	} else {
		cr_expect_eq(r, -1, "%s: parsed", c->name);
		cr_expect(strncmp(err, c->error, strlen(c->error)) == 0,
			  "%s: got \"%s\"", c->name, err);
		cr_expect_eq(p.n, 0);
	}
}

static char *
tmpdir(void)
{
	char tmpl[] = "/tmp/workshop-progress.XXXXXX";

	cr_assert_not_null(mkdtemp(tmpl));
	return xstrdup(tmpl);
}

Test(progress, the_file_name_hides_the_learner_and_differs_per_staff_id)
{
	char *a = progress_path("/s", "Sam Lee", NULL);
	char *b = progress_path("/s", "Sam Lee", "42");
	char *c = progress_path("/s", "Sam Lee", NULL);

	cr_expect_null(strstr(a, "Sam"));
	cr_expect_str_neq(a, b);
	cr_expect_str_eq(a, c);
	cr_expect(strncmp(a, "/s/progress/", 12) == 0);
	free(a);
	free(b);
	free(c);
}

Test(progress, save_is_private_and_loads_back)
{
	char *dir = tmpdir(), *path = progress_path(dir, "Sam", NULL);
	struct progress p, q;
	char err[300];
	struct stat st;
	char *text, *sub;

	const char *in = "workshop-progress 1\nmodule m step 2 done 1\n";

	cr_assert_eq(progress_parse(in, strlen(in), &p, err, sizeof err), 0,
		     "%s", err);
	cr_assert_eq(progress_save(path, &p, err, sizeof err), 0, "%s", err);
	cr_assert_eq(stat(path, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600);
	*strrchr(path, '/') = '\0';
	cr_assert_eq(stat(path, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0700);
	*strchr(path, '\0') = '/';
	cr_assert_eq(progress_load(path, &q, err, sizeof err), 1, "%s", err);
	text = progress_format(&q);
	cr_expect_str_eq(text, "workshop-progress 1\nmodule m step 2 done 1\n");
	free(text);
	cr_expect_eq(progress_remove(path, err, sizeof err), 0);
	cr_expect_eq(progress_load(path, &q, err, sizeof err), 0,
		     "a removed file is no progress");
	progress_free(&p);
	free(path);
	sub = xasprintf("%s/progress", dir);
	rmdir(sub);
	free(sub);
	rmdir(dir);
	free(dir);
}

Test(progress, a_failed_save_leaves_the_old_file)
{
	char *dir = tmpdir();
	char *path = xasprintf("%s/p", dir);
	struct progress p;
	char err[300];
	size_t len;
	char *bytes;

	progress_init(&p);
	cr_assert_eq(progress_save(path, &p, err, sizeof err), 0);
	chmod(dir, 0500);
	p.current = xstrdup("x");
	if (geteuid() != 0) {
		cr_expect_eq(progress_save(path, &p, err, sizeof err), -1);
		cr_expect_neq(strstr(err, "cannot write"), NULL, "%s", err);
	}
	chmod(dir, 0700);
	bytes = util_read_file(path, 1000, &len);
	if (geteuid() != 0)
		cr_expect_str_eq(bytes, "workshop-progress 1\n");
	free(bytes);
	progress_free(&p);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

Test(progress, a_session_is_stored_without_views)
{
	struct diags d;
	struct content *c;
	struct session *s;
	struct progress p;
	char *text, *want;

	diags_init(&d);
	c = content_load_dir(FIXTURES "/pack", &d);
	cr_assert_eq(d.n, 0);
	s = session_new(content_module(c, "basics"));
	session_do(s, SESSION_EV_NEXT);
	session_do(s, SESSION_EV_NEXT);
	session_do(s, SESSION_EV_NEXT); /* on the sort */
	session_do(s, SESSION_EV_NEXT); /* Biology: Sex */
	session_do(s, SESSION_EV_DOWN);
	session_do(s, SESSION_EV_NEXT); /* Identity: Sexuality */
	session_do(s, SESSION_EV_NEXT); /* on the views */
	session_do(s, SESSION_EV_NEXT); /* Agree: never stored */
	progress_init(&p);
	progress_set(&p, s);
	text = progress_format(&p);
	want = xasprintf("workshop-progress 1\ncurrent basics\n"
			 "module basics step 2 done 0 version %s\n"
			 "sort 1 0,1\n",
			 content_module_version(content_module(c, "basics")));
	cr_expect_str_eq(text, want);
	free(want);
	free(text);
	progress_free(&p);
	session_free(s);
	content_free(c);
	diags_free(&d);
}
