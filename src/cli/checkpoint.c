/*
 * checkpoint.c: verify's checkpoint file, the heads of logs verified
 * before (see checkpoint.h and workshop-log(5)).
 */
#include "checkpoint.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "complog.h"
#include "util.h"

static void
heads_free(struct checkpoint_head *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

/*
 * Read a checkpoint file: lines "workshop-checkpoint LOGID SEQ HASH [PATH]"
 * (PATH, the rest of the line, is left out by workshop attend).
 */
static int
checkpoint_read(const char *file, struct checkpoint_head **out, size_t *n)
{
	FILE *fp = fopen(file, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	struct checkpoint_head h;
	int at;

	*out = NULL;
	*n = 0;
	if (fp == NULL)
		return -1;
	while ((len = getline(&line, &cap, fp)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		at = 0;
		memset(&h, 0, sizeof h);
		if (sscanf(line, "workshop-checkpoint %32s %lld %64s%n",
			   h.log_id, &h.seq, h.hash, &at) != 3 ||
		    (line[at] != '\0' && line[at] != ' ')) {
			if (line[0] != '#' && line[0] != '\0') {
				fclose(fp);
				free(line);
				heads_free(*out, *n);
				*out = NULL;
				*n = 0;
				errno = EINVAL;
				return -1;
			}
			continue;
		}
		if (line[at] == ' ' && line[at + 1] != '\0')
			h.path = xstrdup(line + at + 1);
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = h;
	}
	free(line);
	fclose(fp);
	return 0;
}

static int
checkpoint_write(const char *file, const struct checkpoint_head *v, size_t n)
{
	char *tmp = xasprintf("%s.tmp", file);
	FILE *fp = fopen(tmp, "w");
	int r = 0;

	if (fp == NULL) {
		free(tmp);
		return -1;
	}
	fprintf(fp, "# workshop verify checkpoint: each log's verified head\n"
		    "# workshop-checkpoint LOGID SEQ HASH [PATH]\n");
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "workshop-checkpoint %s %lld %s%s%s\n", v[i].log_id,
			v[i].seq, v[i].hash, v[i].path != NULL ? " " : "",
			v[i].path != NULL ? v[i].path : "");
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0)
		r = -1;
	if (fclose(fp) != 0 || r < 0 || rename(tmp, file) != 0)
		r = -1;
	if (r < 0)
		unlink(tmp);
	free(tmp);
	return r;
}

/* The log's full path as a checkpoint records it; NULL if it has none. */
static char *
full_path(const char *log)
{
	char *p = realpath(log, NULL);

	if (p != NULL && strchr(p, '\n') != NULL) {
		free(p);
		p = NULL;
	}
	return p;
}

static bool
among(const struct checkpoint_head *heads, int nlogs, const char *log_id)
{
	for (int i = 0; i < nlogs; i++)
		if (strcmp(heads[i].log_id, log_id) == 0)
			return true;
	return false;
}

/*
 * A log whose id the checkpoint does not know: it fails when a log the
 * checkpoint knows is missing from the logs given and was at the same path
 * (or its path was not recorded): the log was replaced by a new one.
 */
static int
check_new_log(const char *file, const char *log,
	      const struct checkpoint_head *h, const struct checkpoint_head *cp,
	      size_t ncp, const struct checkpoint_head *heads, int nlogs)
{
	char *full = full_path(log), *p, *q;
	int rc = CLI_OK;

	for (size_t j = 0; j < ncp; j++) {
		if (among(heads, nlogs, cp[j].log_id) ||
		    (cp[j].path != NULL &&
		     (full == NULL || strcmp(cp[j].path, full) != 0)))
			continue;
		p = util_escape_text(log, false);
		q = util_escape_text(file, false);
		cli_error("%s: log %s is not the log %s that %s checkpointed "
			  "(seq %lld)%s: the log was replaced; if that was "
			  "meant, remove its line from %s",
			  p, h->log_id, cp[j].log_id, q, cp[j].seq,
			  cp[j].path != NULL ? " at this path"
					     : ", which is not among the logs "
					       "given",
			  q);
		free(p);
		free(q);
		rc = CLI_FAIL;
		break;
	}
	free(full);
	return rc;
}

/*
 * After a passing run: one head per log given (its new head and path), and
 * the other logs' heads as they were.
 */
static int
checkpoint_update(const char *file, const struct checkpoint_head *cp,
		  size_t ncp, char **logs, const struct checkpoint_head *heads,
		  int nlogs)
{
	struct checkpoint_head *v = xcalloc(ncp + (size_t)nlogs, sizeof *v);
	size_t n = 0;
	int r;

	for (size_t j = 0; j < ncp; j++)
		if (!among(heads, nlogs, cp[j].log_id)) {
			v[n] = cp[j];
			v[n].path =
			    cp[j].path != NULL ? xstrdup(cp[j].path) : NULL;
			n++;
		}
	for (int i = 0; i < nlogs; i++) {
		bool dup = false;

		for (size_t j = 0; j < n; j++)
			dup |= strcmp(v[j].log_id, heads[i].log_id) == 0;
		if (dup)
			continue; /* the same log given twice */
		v[n] = heads[i];
		v[n].path = full_path(logs[i]);
		n++;
	}
	r = checkpoint_write(file, v, n);
	heads_free(v, n);
	return r;
}

/*
 * Compare each log with the checkpoint, and move the checkpoint forward to
 * the logs' heads when everything passed (all_ok); returns the exit code.
 */
int
checkpoint_check(const char *file, char **logs, int nlogs,
		 const struct checkpoint_head *heads, bool all_ok)
{
	struct checkpoint_head *cp;
	size_t ncp, j;
	char err[300];
	int rc = CLI_OK, r;

	if (access(file, F_OK) != 0) {
		if (!all_ok) {
			cli_error("%s was not written: not every log passed",
				  file);
			return CLI_OK;
		}
		if (checkpoint_update(file, NULL, 0, logs, heads, nlogs) < 0) {
			cli_error("%s: cannot write: %s", file,
				  strerror(errno));
			return CLI_USAGE;
		}
		fprintf(stderr, "workshop: wrote the checkpoint %s\n", file);
		return CLI_OK;
	}
	if (checkpoint_read(file, &cp, &ncp) < 0) {
		cli_error("%s: not a checkpoint file: %s", file,
			  strerror(errno));
		return CLI_USAGE;
	}
	for (int i = 0; i < nlogs; i++) {
		size_t found = 0;

		/* Every head kept for this log (at each session's end, say)
		 * must still be in it. */
		for (j = 0; j < ncp; j++) {
			if (strcmp(cp[j].log_id, heads[i].log_id) != 0)
				continue;
			found++;
			r = complog_find_head(logs[i], cp[j].seq, cp[j].hash,
					      err, sizeof err);
			if (r != 0)
				cli_error("%s: %s", logs[i], err);
			if (r == 1)
				rc = CLI_FAIL;
			else if (r != 0 && rc == CLI_OK)
				rc = CLI_USAGE;
		}
		if (found == 0 && heads[i].log_id[0] != '\0' &&
		    check_new_log(file, logs[i], &heads[i], cp, ncp, heads,
				  nlogs) != CLI_OK)
			rc = CLI_FAIL;
	}
	if (rc == CLI_OK && all_ok) {
		if (checkpoint_update(file, cp, ncp, logs, heads, nlogs) < 0) {
			cli_error("%s: cannot write: %s", file,
				  strerror(errno));
			rc = CLI_USAGE;
		} else {
			fprintf(stderr,
				"workshop: moved the checkpoint %s "
				"forward\n",
				file);
		}
	}
	heads_free(cp, ncp);
	return rc;
}
