/*
 * main.c: global options, then dispatch to a subcommand from the table in
 * commands.c.  With no subcommand, workshop opens the home screen.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "config.h"

static void
print_help(FILE *out)
{
	const struct cli_command *const *c;

	fprintf(out,
		"Usage: workshop [--content DIR] [COMMAND [OPTION]... "
		"[ARG]...]\n"
		"Run a one-day training workshop on personal relationships, "
		"sexuality and sex\nfor adult social-care staff, and keep "
		"signed completion logs.\n\n"
		"With no COMMAND, open the home screen.\n\nCommands:\n");
	for (c = cli_commands; *c != NULL; c++)
		if (!(*c)->hidden)
			fprintf(out, "  %-11s %s\n", (*c)->name, (*c)->summary);
	fprintf(out,
		"\nGlobal options:\n"
		"      --content DIR   use the content pack in DIR\n"
		"  -h, --help          show this help and exit\n"
		"  -V, --version       show the version and exit\n\n"
		"Run 'workshop COMMAND --help' for a command's options.\n"
		"Exit status: 0 success; 1 a check failed (invalid content, "
		"a tampered log,\na wrong passphrase); 2 usage or system "
		"error.\n");
}

static const struct cli_command *
find_command(const char *name)
{
	const struct cli_command *const *c;

	for (c = cli_commands; *c != NULL; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

int
main(int argc, char **argv)
{
	const struct cli_command *cmd;
	int i = 1;

	/* Only the character set is taken from the environment (UTF-8 or
	 * not, for the screens and escaping); numbers, dates and messages are
	 * the program's own, so reports read the same everywhere, and the
	 * other categories' files are never loaded at start-up. */
	setlocale(LC_CTYPE, "");
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			print_help(stdout);
			return CLI_OK;
		}
		if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			printf("workshop %s\n", WORKSHOP_VERSION);
			return CLI_OK;
		}
		if (strcmp(a, "--content") == 0 && i + 1 < argc) {
			cli_global_content = argv[++i];
		} else if (strncmp(a, "--content=", 10) == 0) {
			cli_global_content = a + 10;
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else {
			cli_error("unknown option: %s\nTry 'workshop --help'.",
				  a);
			return CLI_USAGE;
		}
	}
	if (cli_check_today() != CLI_OK)
		return CLI_USAGE;
	if (i == argc) {
		char name[] = "home";
		char *home[] = {name, NULL};

		return cmd_home.run(1, home);
	}
	if ((cmd = find_command(argv[i])) == NULL) {
		cli_error("unknown command: %s\nTry 'workshop --help'.",
			  argv[i]);
		return CLI_USAGE;
	}
	return cmd->run(argc - i, argv + i);
}
