/*
 * cmd_keygen.c: workshop keygen [-o BASE] [--unencrypted] [--force]
 *                               [--passphrase-file FILE]
 *
 * Writes BASE.key (secret, mode 0600, sealed with a passphrase) and
 * BASE.pub (for the manager's trusted-keys file).  BASE defaults to the
 * station key, $XDG_CONFIG_HOME/workshop/station.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "paths.h"
#include "sign.h"
#include "util.h"

static const struct cli_option options[] = {
    {"output", 'o', "BASE",
     "write BASE.key and BASE.pub (default: the station key)"},
    {"unencrypted", 0, NULL,
     "store the secret key without a passphrase (not recommended)"},
    {"force", 0, NULL, "replace existing key files"},
    {"passphrase-file", 0, "FILE",
     "read the passphrase from the first line of FILE (- for stdin)"},
    {NULL, 0, NULL, NULL},
};

/* The default base: the station key path without ".key"; fresh string. */
static char *
default_base(void)
{
	char buf[PATH_MAX], *dir;
	size_t n;

	if (sign_default_key_path(buf, sizeof buf) < 0)
		return NULL;
	n = strlen(buf);
	buf[n - 4] = '\0'; /* drop ".key" */
	dir = paths_xdg("config");
	if (dir != NULL)
		paths_mkdirs(dir, 0700);
	free(dir);
	return xstrdup(buf);
}

static int
run(int argc, char **argv)
{
	struct sign_keygen_opts o = {0};
	struct cli_parse p;
	struct sign_pub pub;
	const char *arg;
	char *base = NULL, err[512];
	int i, rc;

	cli_begin(&p, &cmd_keygen, argc, argv);
	while ((i = cli_next(&p, &arg)) >= 0) {
		if (cli_is(&cmd_keygen, i, "output")) {
			free(base);
			base = xstrdup(arg);
		} else if (cli_is(&cmd_keygen, i, "unencrypted")) {
			o.unencrypted = true;
		} else if (cli_is(&cmd_keygen, i, "force")) {
			o.force = true;
		} else if (cli_is(&cmd_keygen, i, "passphrase-file")) {
			o.passphrase_file = arg;
		}
	}
	cli_done(&p);
	if (i == CLI_NEXT_HELP || i == CLI_NEXT_ERROR) {
		free(base);
		return i == CLI_NEXT_HELP ? CLI_OK : CLI_USAGE;
	}
	if (p.optind < argc) {
		free(base);
		return cli_usage_error(&cmd_keygen, "unexpected argument: %s",
				       argv[p.optind]);
	}
	if (o.unencrypted && o.passphrase_file != NULL) {
		free(base);
		return cli_usage_error(&cmd_keygen,
				       "--unencrypted takes no passphrase");
	}
	if (base == NULL && (base = default_base()) == NULL) {
		cli_error("no place for the key: set HOME or XDG_CONFIG_HOME, "
			  "or give -o BASE");
		return CLI_USAGE;
	}
	if (o.unencrypted)
		fprintf(stderr,
			"workshop: warning: the secret key is stored "
			"unencrypted; anyone who can read %s.key can "
			"sign records\n",
			base);
	if (sign_keygen(base, &o, &pub, err, sizeof err) < 0) {
		cli_error("%s", err);
		/* Only the passphrase check fails (1); an existing key, a
		 * directory that cannot be written or no passphrase is a
		 * usage or I/O error (2). */
		rc = strstr(err, "passphrases do not match") != NULL
			 ? CLI_FAIL
			 : CLI_USAGE;
	} else {
		printf("secret key: %s.key (keep it private)\n"
		       "public key: %s.pub (give it to whoever verifies the "
		       "logs)\nkey id: %s\n",
		       base, base, pub.key_id);
		rc = CLI_OK;
	}
	free(base);
	return rc;
}

const struct cli_command cmd_keygen = {
    .name = "keygen",
    .args = "",
    .summary = "make a signing key pair",
    .options = options,
    .run = run,
};
