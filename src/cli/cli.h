/*
 * cli.h: subcommands and their options, as tables.
 *
 * Each subcommand is one struct cli_command (defined in its cmd_*.c file)
 * with a table of options.  The same table builds getopt_long's arguments,
 * the command's --help text, and the list in workshop --help, so the help
 * cannot drift from what is parsed.  Every command also takes -h/--help.
 *
 * Exit codes (see workshop(1)): CLI_OK success, CLI_FAIL a check failed
 * (invalid content, bad or tampered log, wrong passphrase), CLI_USAGE usage
 * or system error.
 */
#ifndef WORKSHOP_CLI_H
#define WORKSHOP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum {
	CLI_OK = 0,
	CLI_FAIL = 1,
	CLI_USAGE = 2,
};

struct cli_option {
	const char *name; /* long name without "--"; NULL ends a table */
	int short_name;	  /* e.g. 'k', or 0 */
	const char *arg;  /* placeholder such as "FILE", or NULL */
	const char *help;
};

struct cli_command {
	const char *name;
	const char *args;    /* after the options, e.g. "[FILE...]" */
	const char *summary; /* one line for workshop --help */
	const struct cli_option *options;
	/* argv[0] is the command name; returns an exit code. */
	int (*run)(int argc, char **argv);
	bool hidden; /* left out of workshop --help */
};

/* The table of subcommands (commands.c), ending with a NULL name. */
extern const struct cli_command *const cli_commands[];

/* The option every command that reads content accepts. */
#define CLI_CONTENT_OPTION                                                     \
	{                                                                      \
		"content", 0, "DIR",                                           \
		    "use the content pack in DIR (default: "                   \
		    "$WORKSHOP_CONTENT, then the "                             \
		    "bundled pack)"                                            \
	}

/* Set by main from the global --content option; NULL if not given. */
extern const char *cli_global_content;

struct cli_parse {
	const struct cli_command *cmd;
	int argc;
	char **argv;
	int optind; /* first operand after parsing */
	int state;
	void *longopts; /* built from cmd->options */
	char *shortopts;
};

enum {
	CLI_NEXT_END = -1,   /* no more options: operands from optind */
	CLI_NEXT_ERROR = -2, /* message printed: exit CLI_USAGE */
	CLI_NEXT_HELP = -3,  /* help printed: exit CLI_OK */
};

/*
 * Start parsing argv for cmd.  Then call cli_next() until it returns a
 * CLI_NEXT_* value; otherwise it returns the matched option's index in
 * cmd->options, with its argument (or NULL) in *arg.  cli_done() frees.
 */
void cli_begin(struct cli_parse *p, const struct cli_command *cmd, int argc,
	       char **argv);
int cli_next(struct cli_parse *p, const char **arg);
void cli_done(struct cli_parse *p);

/* Is option index i of cmd the one called name? */
bool cli_is(const struct cli_command *cmd, int i, const char *name);

/* Print "Usage: workshop CMD ..." and the option list to out. */
void cli_print_help(const struct cli_command *cmd, FILE *out);

/* "workshop CMD: message" on stderr, then "Try ... --help"; CLI_USAGE. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "workshop: message" on stderr (escaped). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct content;
/*
 * Load the content pack in force for option (see cli_content_dir), printing
 * every problem to stderr.  Returns CLI_OK with the pack in *out (the caller
 * frees it), CLI_FAIL if the content is invalid, CLI_USAGE if it cannot be
 * read.
 */
int cli_load_pack(const char *option, struct content **out);

/* The content directory in force: --content, global, env, default. */
char *cli_content_dir(const char *option);

/*
 * The day the commands take as today when they judge how old content's
 * law review is (days since 1970-01-01): $WORKSHOP_TODAY (YYYY-MM-DD) when
 * it is set to a date, else the clock's date in UTC.  Nothing else (records'
 * timestamps, the matrix's --as-of) follows it.
 */
long cli_today(void);

/*
 * CLI_OK, or CLI_USAGE after a message when WORKSHOP_TODAY is set but is not
 * a date (main checks it before any command runs).
 */
int cli_check_today(void);

#endif
