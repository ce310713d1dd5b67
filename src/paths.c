/* paths.c: content pack and XDG locations. */
#include "paths.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "util.h"

static int
is_pack(const char *dir)
{
	char *m = util_path_join(dir, "modules");
	struct stat st;
	int ok = stat(m, &st) == 0 && S_ISDIR(st.st_mode);

	free(m);
	return ok;
}

/* BINDIR/../share/workshop next to the running executable, or NULL. */
static char *
installed_pack(void)
{
	char exe[PATH_MAX], *slash, *dir;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	*slash = '\0';
	dir = xasprintf("%s/../%s", exe, WORKSHOP_DATADIR_REL);
	if (is_pack(dir))
		return dir;
	free(dir);
	return NULL;
}

char *
paths_content_dir(const char *option)
{
	const char *env = getenv("WORKSHOP_CONTENT");
	char *dir;

	if (option != NULL)
		return xstrdup(option);
	if (env != NULL && env[0] != '\0')
		return xstrdup(env);
	if ((dir = installed_pack()) != NULL)
		return dir;
	return xstrdup(WORKSHOP_SOURCE_DIR);
}

char *
paths_xdg(const char *which)
{
	int config = strcmp(which, "config") == 0;
	const char *v = getenv(config ? "XDG_CONFIG_HOME" : "XDG_STATE_HOME");
	const char *home = getenv("HOME");

	if (v != NULL && v[0] == '/')
		return xasprintf("%s/workshop", v);
	if (home == NULL || home[0] != '/')
		return NULL;
	return xasprintf("%s/%s/workshop", home,
			 config ? ".config" : ".local/state");
}

int
paths_mkdirs(const char *dir, unsigned mode)
{
	char *p = xstrdup(dir), *s;
	int r = 0;

	for (s = p + 1; r == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, (mode_t)mode) == -1 && errno != EEXIST)
			r = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return r;
}
