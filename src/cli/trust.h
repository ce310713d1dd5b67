/*
 * trust.h: the keys a command trusts, as verify, certificate and send
 * take them: -k PUBKEY (repeatable), --keys FILE (a trusted-keys file,
 * workshop-log(5)), or with neither, the default trusted-keys file
 * $XDG_CONFIG_HOME/workshop/trusted-keys.  Problems are printed; each
 * returns CLI_OK or CLI_USAGE.
 */
#ifndef WORKSHOP_TRUST_H
#define WORKSHOP_TRUST_H

#include <stdbool.h>

#include "cli.h"
#include "sign.h"

struct trust_set {
	struct sign_trust trust;
	bool any; /* a key or file was given */
};

/* -k FILE: trust the public key in FILE, labelled by its name. */
int trust_add_pubkey(struct trust_set *t, const char *file);
/* --keys FILE: trust every key the file lists. */
int trust_add_file(struct trust_set *t, const char *file);
/* When nothing was given: the default trusted-keys file, or a usage error
 * naming cmd's -k and --keys. */
int trust_default(struct trust_set *t, const struct cli_command *cmd);
void trust_set_free(struct trust_set *t);

#endif
