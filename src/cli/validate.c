/*
 * cmd_validate.c: workshop validate [--content DIR] [FILE...]
 *
 * Without FILE, checks the whole pack, references included.  With FILEs,
 * checks each file on its own (references to files not named are not
 * checked).  Prints every error as path:line:col: error: message, sorted;
 * on success a one-line summary.  Law content last reviewed over a year
 * before today (cli_today()) gets a warning at its reviewed date, as
 * path:line:col: warning: message; warnings leave the exit status 0.
 */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "content.h"
#include "util.h"

static const struct cli_option options[] = {
    CLI_CONTENT_OPTION,
    {NULL, 0, NULL, NULL},
};

/* "path:line:col: warning: ..." at the reviewed date, when it is old. */
static void
warn_review(const char *file, const struct law_info *law, long today)
{
	char *safe;

	if (!content_law_stale(law, today))
		return;
	safe = util_escape_text(law->pos.file ? law->pos.file : file, false);
	fprintf(stderr,
		"%s:%u:%u: warning: law content last reviewed %s, over a "
		"year ago: check it against the current law\n",
		safe, law->pos.line, law->pos.col, law->reviewed);
	free(safe);
}

static void
warn_reviews(const struct content *c)
{
	long today = cli_today();
	size_t i;

	for (i = 0; i < c->nmodules; i++)
		warn_review(c->modules[i].file->path, &c->modules[i].law,
			    today);
	for (i = 0; i < c->nquizzes; i++)
		warn_review(c->quizzes[i].file->path, &c->quizzes[i].law,
			    today);
	for (i = 0; i < c->nscenarios; i++)
		warn_review(c->scenarios[i].file->path,
			    &c->scenarios[i].lawinfo, today);
}

static void
print_summary(const struct content *c)
{
	struct content_counts n;

	content_count(c, &n);
	printf("ok: %zu file%s, %zu module%s (%zu step%s), %zu quiz%s (%zu "
	       "question%s), %zu scenario%s, %zu glossary term%s\n",
	       n.files, n.files == 1 ? "" : "s", n.modules,
	       n.modules == 1 ? "" : "s", n.steps, n.steps == 1 ? "" : "s",
	       n.quizzes, n.quizzes == 1 ? "" : "zes", n.questions,
	       n.questions == 1 ? "" : "s", n.scenarios,
	       n.scenarios == 1 ? "" : "s", n.terms, n.terms == 1 ? "" : "s");
}

static int
validate_files(char **files, size_t n)
{
	struct diags d;
	struct content *c;
	struct stat st;
	size_t i;
	int rc = CLI_OK;

	for (i = 0; i < n; i++) {
		if (stat(files[i], &st) == -1) {
			cli_error("cannot read %s: %s", files[i],
				  strerror(errno));
			return CLI_USAGE;
		}
	}
	diags_init(&d);
	c = content_load_files(files, n, false, &d);
	if (d.n > 0) {
		diags_sort(&d);
		diags_print(&d, stderr);
		cli_error("%zu error%s", d.n, d.n == 1 ? "" : "s");
		rc = d.nio > 0 ? CLI_USAGE : CLI_FAIL;
	} else {
		warn_reviews(c);
		print_summary(c);
	}
	content_free(c);
	diags_free(&d);
	return rc;
}

static int
run(int argc, char **argv)
{
	struct cli_parse p;
	const char *arg, *content = NULL;
	struct content *c;
	int i, rc;

	cli_begin(&p, &cmd_validate, argc, argv);
	while ((i = cli_next(&p, &arg)) >= 0)
		if (cli_is(&cmd_validate, i, "content"))
			content = arg;
	cli_done(&p);
	if (i == CLI_NEXT_HELP)
		return CLI_OK;
	if (i == CLI_NEXT_ERROR)
		return CLI_USAGE;
	if (p.optind < argc)
		return validate_files(argv + p.optind,
				      (size_t)(argc - p.optind));
	if ((rc = cli_load_pack(content, &c)) != CLI_OK)
		return rc;
	warn_reviews(c);
	print_summary(c);
	content_free(c);
	return CLI_OK;
}

const struct cli_command cmd_validate = {
    .name = "validate",
    .args = "[FILE...]",
    .summary = "check the content pack, or the named files, and report "
	       "every problem",
    .options = options,
    .run = run,
};
