/*
 * cmd_pending.c: subcommands whose implementation has not landed yet.
 * Each says so plainly and exits 2; each moves to its own cmd_*.c file.
 */
#include "cmd.h"

static int
pending(int argc, char **argv)
{
	(void)argc;
	cli_error("'%s' is not available in this build yet", argv[0]);
	return CLI_USAGE;
}

#define PENDING(var, nm, summ)                                                \
	const struct cli_command var = {.name = nm,                           \
					.args = "",                           \
					.summary = summ,                      \
					.run = pending}

PENDING(cmd_facilitate, "facilitate", "run the day for a room, on a shared screen");
PENDING(cmd_notes, "notes", "follow a facilitate session and show its notes");
