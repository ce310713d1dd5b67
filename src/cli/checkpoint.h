/*
 * checkpoint.h: the heads of logs a manager verified before, kept in a
 * file so that a log rolled back, cut short or replaced since is caught.
 *
 * The file (workshop-log(5)) holds lines "workshop-checkpoint LOGID SEQ
 * HASH [PATH]"; lines starting with # and empty lines are comments.  It is
 * read before the logs are verified, each log is judged against it, and it
 * is written back only when every log passed.
 */
#ifndef WORKSHOP_CHECKPOINT_H
#define WORKSHOP_CHECKPOINT_H

#include <stdbool.h>
#include <stddef.h>

/* A log's verified head: its id, last seq and that line's hash. */
struct checkpoint_head {
	char log_id[33];
	long long seq; /* -1 if the log did not verify */
	char hash[65];
	char *path; /* the log's full path; NULL if not recorded */
};

/* The checkpoint file as read: the heads it keeps. */
struct checkpoint {
	char *file;
	bool exists; /* false: no file yet (it is written once all pass) */
	struct checkpoint_head *v;
	size_t n;
};

/*
 * Read the checkpoint file (a missing file is an empty checkpoint).  0 ok;
 * -1 with the reason in err ("FILE:LINE: ..." for a line that is not a
 * checkpoint line).  Free cp with checkpoint_free either way.
 */
int checkpoint_load(const char *file, struct checkpoint *cp, char *err,
		    size_t errlen);
void checkpoint_free(struct checkpoint *cp);

enum checkpoint_result {
	CHECKPOINT_OK,
	CHECKPOINT_ROLLED_BACK, /* a head kept for the log is gone */
	CHECKPOINT_REPLACED,	/* a new log stands where a kept one was */
	CHECKPOINT_ERROR,	/* the log could not be read again */
};

/*
 * Judge log i of the nlogs logs given (heads[] as just verified): every
 * head the checkpoint keeps for its log id must still be in it, and a log
 * whose id the checkpoint does not know must not stand where a
 * checkpointed log that is not among the logs given was (at its path, or
 * anywhere when no path was kept).  Anything but CHECKPOINT_OK comes with
 * the reason in why.
 */
enum checkpoint_result checkpoint_judge(const struct checkpoint *cp,
					char **logs,
					const struct checkpoint_head *heads,
					int nlogs, int i, char *why,
					size_t whylen);

/*
 * Write the checkpoint file: one head per log given (its new head and full
 * path), and the kept heads of logs not given as they were.  0 ok; -1 with
 * errno set.
 */
int checkpoint_save(const struct checkpoint *cp, char **logs,
		    const struct checkpoint_head *heads, int nlogs);

#endif
