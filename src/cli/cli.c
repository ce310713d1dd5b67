/* cli.c: option tables to getopt_long, and generated help. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content.h"
#include "paths.h"
#include "util.h"
#include "when.h"

const char *cli_global_content;

void
cli_begin(struct cli_parse *p, const struct cli_command *cmd, int argc,
	  char **argv)
{
	struct option *lo;
	struct strbuf so;
	size_t n = 0, i;

	while (cmd->options != NULL && cmd->options[n].name != NULL)
		n++;
	lo = xcalloc(n + 2, sizeof *lo);
	strbuf_init(&so);
	/*
	 * Options may follow operands, as in other GNU tools: getopt_long
	 * permutes argv so the operands end up after p->optind.  (A leading
	 * '+' would stop at the first operand and make "NAME --opt X" three
	 * operands, which for attend means three signed names.)  A leading
	 * '-' in the string would turn operands into code 1; we want neither.
	 */
	strbuf_adds(&so, ":h");
	for (i = 0; i < n; i++) {
		const struct cli_option *o = &cmd->options[i];

		lo[i].name = o->name;
		lo[i].has_arg =
		    o->arg != NULL ? required_argument : no_argument;
		lo[i].val = 256 + (int)i;
		if (o->short_name != 0) {
			strbuf_addc(&so, (char)o->short_name);
			if (o->arg != NULL)
				strbuf_addc(&so, ':');
		}
	}
	lo[n].name = "help";
	lo[n].val = 'h';
	p->cmd = cmd;
	p->argc = argc;
	p->argv = argv;
	p->optind = 1;
	p->longopts = lo;
	p->shortopts = strbuf_detach(&so);
	optind = 0; /* full reinitialisation of glibc's getopt */
	opterr = 0;
}

static int
short_index(const struct cli_command *cmd, int c)
{
	int i;

	for (i = 0; cmd->options != NULL && cmd->options[i].name != NULL; i++)
		if (cmd->options[i].short_name == c)
			return i;
	return -1;
}

int
cli_next(struct cli_parse *p, const char **arg)
{
	int c = getopt_long(p->argc, p->argv, p->shortopts, p->longopts, NULL);

	*arg = optarg;
	p->optind = optind;
	if (c == -1)
		return CLI_NEXT_END;
	if (c == 'h') {
		cli_print_help(p->cmd, stdout);
		return CLI_NEXT_HELP;
	}
	if (c >= 256)
		return c - 256;
	if (c == '?' || c == ':') {
		const char *what = p->argv[optind - 1];

		if (optopt != 0 && optopt < 256)
			cli_usage_error(p->cmd, "%s: -%c",
					c == '?' ? "unknown option"
						 : "option needs an argument",
					optopt);
		else
			cli_usage_error(p->cmd, "%s: %s",
					c == '?' ? "unknown option"
						 : "option needs an argument",
					what);
		return CLI_NEXT_ERROR;
	}
	return short_index(p->cmd, c);
}

void
cli_done(struct cli_parse *p)
{
	free(p->longopts);
	free(p->shortopts);
	p->longopts = NULL;
	p->shortopts = NULL;
}

bool
cli_is(const struct cli_command *cmd, int i, const char *name)
{
	return i >= 0 && strcmp(cmd->options[i].name, name) == 0;
}

void
cli_print_help(const struct cli_command *cmd, FILE *out)
{
	const struct cli_option *o;
	char left[64];

	fprintf(out, "Usage: workshop %s%s%s%s\n%s.\n", cmd->name,
		cmd->options != NULL && cmd->options[0].name != NULL
		    ? " [OPTION]..."
		    : "",
		cmd->args[0] != '\0' ? " " : "", cmd->args, cmd->summary);
	fprintf(out, "\nOptions:\n");
	for (o = cmd->options; o != NULL && o->name != NULL; o++) {
		if (o->short_name != 0)
			snprintf(left, sizeof left, "-%c, --%s%s%s",
				 o->short_name, o->name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", o->name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(out, "  %-28s %s\n", left, o->help);
	}
	fprintf(out, "  %-28s %s\n", "-h, --help", "show this help and exit");
	fprintf(out, "\nSee workshop(1) for details and exit codes.\n");
}

int
cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	char *msg, *safe;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	safe = util_escape_text(msg, false);
	fprintf(stderr, "workshop %s: %s\nTry 'workshop %s --help'.\n",
		cmd->name, safe, cmd->name);
	free(safe);
	free(msg);
	return CLI_USAGE;
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;
	char *msg, *safe;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	safe = util_escape_text(msg, false);
	fprintf(stderr, "workshop: %s\n", safe);
	free(safe);
	free(msg);
}

char *
cli_content_dir(const char *option)
{
	return paths_content_dir(option != NULL ? option : cli_global_content);
}

int
cli_load_pack(const char *option, struct content **out)
{
	char *dir = cli_content_dir(option);
	struct diags d;
	struct content *c;
	int rc = CLI_OK;

	diags_init(&d);
	*out = NULL;
	c = content_load_dir(dir, &d);
	if (c == NULL) {
		cli_error("cannot read the content pack in %s: %s%s", dir,
			  strerror(errno),
			  errno == ENOENT ? " (no modules/, quizzes/ or "
					    "scenarios/ there)"
					  : "");
		rc = CLI_USAGE;
	} else if (d.n > 0) {
		diags_sort(&d);
		diags_print(&d, stderr);
		cli_error("%zu error%s in the content pack %s", d.n,
			  d.n == 1 ? "" : "s", dir);
		rc = d.nio > 0 ? CLI_USAGE : CLI_FAIL;
		content_free(c);
	} else {
		*out = c;
	}
	diags_free(&d);
	free(dir);
	return rc;
}

long
cli_today(void)
{
	const char *env = getenv("WORKSHOP_TODAY");
	long d = env != NULL && env[0] != '\0' ? when_days(env) : -1;

	return d >= 0 ? d : (long)(time(NULL) / 86400);
}

int
cli_check_today(void)
{
	const char *env = getenv("WORKSHOP_TODAY");

	if (env == NULL || env[0] == '\0' || when_days(env) >= 0)
		return CLI_OK;
	cli_error("WORKSHOP_TODAY: expected a date YYYY-MM-DD, found \"%s\"",
		  env);
	return CLI_USAGE;
}
