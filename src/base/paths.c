/* paths.c: content pack and XDG locations. */
#include "paths.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
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

/* BINDIR/../share/workshop next to the running executable, as a
 * normalised path, or NULL. */
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
	if (!is_pack(dir)) {
		free(dir);
		return NULL;
	}
	/* Named without the "bin/..": messages and listings show it. */
	if ((slash = realpath(dir, NULL)) != NULL) {
		free(dir);
		dir = xstrdup(slash);
		free(slash);
	}
	return dir;
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

/* Remove DIR/BASE.tmp-PID files whose process no longer exists. */
static void
sweep_stale(const char *dir, const char *base)
{
	DIR *d = opendir(dir);
	size_t blen = strlen(base);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		const char *tail;
		char *end, *p;
		long pid;

		if (strncmp(e->d_name, base, blen) != 0 ||
		    strncmp(e->d_name + blen, ".tmp-", 5) != 0)
			continue;
		tail = e->d_name + blen + 5;
		errno = 0;
		pid = strtol(tail, &end, 10);
		if (errno != 0 || end == tail || *end != '\0' || pid <= 0 ||
		    pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		p = util_path_join(dir, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
}

static int
write_all_fd(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, s, n);

		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

int
paths_write_atomic(const char *path, const char *data, size_t len,
		   unsigned mode, const char **what)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	const char *base = slash != NULL ? slash + 1 : path;
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	const char *dummy, *where;
	int fd = -1, rc = -1, saved;

	if (what == NULL)
		what = &dummy;
	if (slash != NULL)
		*slash = '\0';
	/* The directory: "." for a bare name, "/" for a file at the root. */
	where = slash == NULL ? "." : dir[0] != '\0' ? dir : "/";
	if (slash != NULL && paths_mkdirs(where, 0700) < 0) {
		*what = "make the directory";
		goto out;
	}
	/* Our own leftover (a reused PID, or an earlier failure) goes. */
	unlink(tmp);
	*what = "write";
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 07777);
	if (fd < 0)
		goto out;
	if (fchmod(fd, mode & 07777) < 0 || write_all_fd(fd, data, len) < 0 ||
	    fsync(fd) < 0)
		goto out;
	if (close(fd) < 0) {
		fd = -1;
		goto out;
	}
	fd = -1;
	*what = "replace";
	if (rename(tmp, path) < 0)
		goto out;
	rc = 0;
	/* The rename is durable once the directory is. */
	if ((fd = open(where, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
		fd = -1;
	}
	sweep_stale(where, base);
out:
	saved = errno;
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	free(dir);
	errno = saved;
	return rc;
}

FILE *
paths_temp_file(const char *what)
{
	const char *dir = getenv("TMPDIR");
	char *path =
	    xasprintf("%s/workshop-%s.XXXXXX",
		      dir != NULL && dir[0] == '/' ? dir : "/tmp", what);
	int fd = mkstemp(path), e;
	FILE *fp = NULL;

	if (fd >= 0) {
		unlink(path);
		if ((fp = fdopen(fd, "w+")) == NULL) {
			e = errno;
			close(fd);
			errno = e;
		}
	}
	free(path);
	return fp;
}
