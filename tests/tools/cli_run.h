/*
 * cli_run.h: run a command's entry point in the test process with its
 * standard output and error captured, as a user at a shell would see them.
 */
#ifndef WORKSHOP_CLI_RUN_H
#define WORKSHOP_CLI_RUN_H

#include "cli.h"

struct cli_run {
	int rc;	   /* the exit status run() returned */
	char *out; /* everything written to standard output */
	char *err; /* and to standard error */
};

/* Run cmd with argv (NULL-terminated, argv[0] the command's name). */
struct cli_run cli_run_argv(const struct cli_command *cmd, char **argv);

/* The same with a copy of the words (so they may be literals). */
struct cli_run cli_run_words(const struct cli_command *cmd, const char **words);

/* CLI_RUN(cmd_verify, "-k", pub, log): run with these words. */
#define CLI_RUN(cmd, ...)                                                      \
	cli_run_words(&(cmd), (const char *[]){(cmd).name, __VA_ARGS__, NULL})

void cli_run_free(struct cli_run *r);

#endif
