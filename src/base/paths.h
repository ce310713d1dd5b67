/*
 * paths.h: where things live on disk.
 */
#ifndef WORKSHOP_PATHS_H
#define WORKSHOP_PATHS_H

#include <stddef.h>
#include <stdio.h>

/*
 * The content pack to use: option (if not NULL), else $WORKSHOP_CONTENT,
 * else the installed pack relative to the running binary
 * (BINDIR/../share/workshop), else the source tree's pack.  Returns a fresh
 * string.
 */
char *paths_content_dir(const char *option);

/*
 * An XDG base directory with "workshop" appended: which is "config" or
 * "state".  Uses $XDG_CONFIG_HOME / $XDG_STATE_HOME when set to an absolute
 * path, else ~/.config or ~/.local/state.  Returns a fresh string, or NULL
 * when neither the variable nor $HOME is usable.
 */
char *paths_xdg(const char *which);

/* Create dir and its parents with mode (like mkdir -p); 0 or -1/errno. */
int paths_mkdirs(const char *dir, unsigned mode);

/*
 * Replace path with data[0..len) atomically: write PATH.tmp-PID (mode), fsync
 * it, rename it over path, fsync the directory.  The directory is made
 * (0700) if missing.  A temporary file left by a process that was killed
 * mid-write (its PID no longer runs) is removed on the way.  0 ok; -1 with
 * errno set and *what pointing at the operation that failed ("make the
 * directory", "write", "replace"), the target left as it was.
 */
int paths_write_atomic(const char *path, const char *data, size_t len,
		       unsigned mode, const char **what);

/*
 * A temporary file for reading and writing, already unlinked, so it is gone
 * when closed or when the process ends: made in $TMPDIR when that is an
 * absolute path, else /tmp, under the name workshop-WHAT.XXXXXX.  NULL
 * with errno set when it cannot be made.
 */
FILE *paths_temp_file(const char *what);

#endif
