/*
 * cmd.h: the subcommands, one struct cli_command each (see cli.h).
 */
#ifndef WORKSHOP_CMD_H
#define WORKSHOP_CMD_H

#include "cli.h"

extern const struct cli_command cmd_home;
extern const struct cli_command cmd_learn;
extern const struct cli_command cmd_facilitate;
extern const struct cli_command cmd_notes;
extern const struct cli_command cmd_kiosk;
extern const struct cli_command cmd_attend;
extern const struct cli_command cmd_keygen;
extern const struct cli_command cmd_verify;
extern const struct cli_command cmd_send;
extern const struct cli_command cmd_certificate;
extern const struct cli_command cmd_validate;
extern const struct cli_command cmd_list;

#endif
