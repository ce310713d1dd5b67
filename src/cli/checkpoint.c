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
int
checkpoint_load(const char *file, struct checkpoint *cp, char *err,
		size_t errlen)
{
	FILE *fp = fopen(file, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0;
	struct checkpoint_head h;
	int at, r = 0;

	memset(cp, 0, sizeof *cp);
	cp->file = xstrdup(file);
	if (fp == NULL && errno == ENOENT)
		return 0;
	if (fp == NULL) {
		util_seterr(err, errlen, "%s: %s", file, strerror(errno));
		return -1;
	}
	cp->exists = true;
	while (r == 0 && (len = getline(&line, &cap, fp)) > 0) {
		lineno++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		at = 0;
		memset(&h, 0, sizeof h);
		if (sscanf(line, "workshop-checkpoint %32s %lld %64s%n",
			   h.log_id, &h.seq, h.hash, &at) != 3 ||
		    (line[at] != '\0' && line[at] != ' ') ||
		    !util_is_lower_hex(h.log_id, 32) ||
		    !util_is_lower_hex(h.hash, 64) || h.seq < 0) {
			util_seterr(err, errlen,
				    "%s:%lu: not a checkpoint line (expected "
				    "workshop-checkpoint LOGID SEQ HASH "
				    "[PATH])",
				    file, lineno);
			r = -1;
			break;
		}
		if (line[at] == ' ' && line[at + 1] != '\0')
			h.path = xstrdup(line + at + 1);
		cp->v = xreallocarray(cp->v, cp->n + 1, sizeof *cp->v);
		cp->v[cp->n++] = h;
	}
	free(line);
	fclose(fp);
	return r;
}

void
checkpoint_free(struct checkpoint *cp)
{
	heads_free(cp->v, cp->n);
	free(cp->file);
	memset(cp, 0, sizeof *cp);
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
 * A log whose id the checkpoint does not know: replaced when a log the
 * checkpoint knows is missing from the logs given and was at the same path
 * (or its path was not recorded).  The reason in why.
 */
static bool
replaced(const struct checkpoint *cp, const char *log,
	 const struct checkpoint_head *h, const struct checkpoint_head *heads,
	 int nlogs, char *why, size_t whylen)
{
	char *full = full_path(log);
	bool r = false;

	for (size_t j = 0; j < cp->n && !r; j++) {
		const struct checkpoint_head *k = &cp->v[j];

		if (among(heads, nlogs, k->log_id) ||
		    (k->path != NULL &&
		     (full == NULL || strcmp(k->path, full) != 0)))
			continue;
		util_seterr(why, whylen,
			    "log %s is not the log %s that %s checkpointed "
			    "(seq %lld)%s: the log was replaced; if that was "
			    "meant, remove its line from %s",
			    h->log_id, k->log_id, cp->file, k->seq,
			    k->path != NULL ? " at this path"
					    : ", which is not among the logs "
					      "given",
			    cp->file);
		r = true;
	}
	free(full);
	return r;
}

enum checkpoint_result
checkpoint_judge(const struct checkpoint *cp, char **logs,
		 const struct checkpoint_head *heads, int nlogs, int i,
		 char *why, size_t whylen)
{
	size_t found = 0;
	int r;

	/* Every head kept for this log (at each session's end, say) must
	 * still be in it. */
	for (size_t j = 0; j < cp->n; j++) {
		if (strcmp(cp->v[j].log_id, heads[i].log_id) != 0)
			continue;
		found++;
		r = complog_find_head(logs[i], 0, cp->v[j].seq, cp->v[j].hash,
				      why, whylen);
		if (r == 1)
			return CHECKPOINT_ROLLED_BACK;
		if (r != 0)
			return CHECKPOINT_ERROR;
	}
	if (found == 0 && heads[i].log_id[0] != '\0' &&
	    replaced(cp, logs[i], &heads[i], heads, nlogs, why, whylen))
		return CHECKPOINT_REPLACED;
	return CHECKPOINT_OK;
}

/*
 * One head per log given (its new head and path), and the other logs'
 * heads as they were.
 */
int
checkpoint_save(const struct checkpoint *cp, char **logs,
		const struct checkpoint_head *heads, int nlogs)
{
	struct checkpoint_head *v = xcalloc(cp->n + (size_t)nlogs, sizeof *v);
	size_t n = 0;
	int r;

	for (size_t j = 0; j < cp->n; j++)
		if (!among(heads, nlogs, cp->v[j].log_id)) {
			v[n] = cp->v[j];
			v[n].path = cp->v[j].path != NULL
					? xstrdup(cp->v[j].path)
					: NULL;
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
	r = checkpoint_write(cp->file, v, n);
	heads_free(v, n);
	return r;
}
