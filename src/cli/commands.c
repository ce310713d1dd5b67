/* commands.c: the table of subcommands, in the order --help lists them. */
#include "cmd.h"

const struct cli_command *const cli_commands[] = {
    &cmd_learn,	 &cmd_facilitate, &cmd_notes, &cmd_kiosk,	&cmd_attend,
    &cmd_keygen, &cmd_verify,	  &cmd_send,  &cmd_certificate, &cmd_validate,
    &cmd_list,	 &cmd_home,	  NULL,
};
