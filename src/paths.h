/*
 * paths.h: where things live on disk.
 */
#ifndef WORKSHOP_PATHS_H
#define WORKSHOP_PATHS_H

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

#endif
