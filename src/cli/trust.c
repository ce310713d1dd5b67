/* trust.c: the keys a command trusts (see trust.h). */
#include "trust.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

int
trust_add_pubkey(struct trust_set *t, const char *file)
{
	struct sign_pub pub;
	char err[300], *label, *dot;
	const char *base = strrchr(file, '/');

	if (sign_pub_load(file, &pub, err, sizeof err) < 0) {
		cli_error("%s", err);
		return CLI_USAGE;
	}
	label = xstrdup(base != NULL ? base + 1 : file);
	if ((dot = strrchr(label, '.')) != NULL && strcmp(dot, ".pub") == 0)
		*dot = '\0';
	if (sign_trust_find(&t->trust, pub.key_id) == NULL)
		sign_trust_add(&t->trust, &pub, label);
	free(label);
	t->any = true;
	return CLI_OK;
}

int
trust_add_file(struct trust_set *t, const char *file)
{
	size_t len;
	char *text = util_read_file(file, 1 << 22, &len), *errs;
	int r;

	if (text == NULL) {
		cli_error("%s: %s", file, strerror(errno));
		return CLI_USAGE;
	}
	r = sign_trust_parse(file, text, len, &t->trust, &errs);
	free(text);
	if (r < 0) {
		fputs(errs, stderr);
		free(errs);
		cli_error("%s: not a valid trusted-keys file", file);
		return CLI_USAGE;
	}
	t->any = true;
	return CLI_OK;
}

int
trust_default(struct trust_set *t, const struct cli_command *cmd)
{
	char buf[PATH_MAX];
	const char *dir = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int rc;

	if (dir != NULL && dir[0] == '/')
		snprintf(buf, sizeof buf, "%s/workshop/trusted-keys", dir);
	else if (home != NULL)
		snprintf(buf, sizeof buf, "%s/.config/workshop/trusted-keys",
			 home);
	else
		buf[0] = '\0';
	if (buf[0] != '\0' && access(buf, R_OK) == 0) {
		rc = trust_add_file(t, buf);
		return rc;
	}
	return cli_usage_error(cmd, "no trusted keys: give -k PUBKEY "
				    "or --keys FILE");
}

void
trust_set_free(struct trust_set *t)
{
	sign_trust_free(&t->trust);
	t->any = false;
}
