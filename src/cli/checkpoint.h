/*
 * checkpoint.h: the heads of logs a manager verified before, kept in a
 * file so that a log rolled back, cut short or replaced since is caught.
 *
 * The file (workshop-log(5)) holds lines "workshop-checkpoint LOGID SEQ
 * HASH [PATH]"; lines starting with # and empty lines are comments.
 */
#ifndef WORKSHOP_CHECKPOINT_H
#define WORKSHOP_CHECKPOINT_H

#include <stdbool.h>

/* A log's verified head: its id, last seq and that line's hash. */
struct checkpoint_head {
	char log_id[33];
	long long seq; /* -1 if the log did not verify */
	char hash[65];
	char *path; /* the log's full path; NULL if not recorded */
};

/*
 * Compare the nlogs logs (their heads as just verified) with the
 * checkpoint file: every head it keeps for a log must still be in that
 * log, and a log with a new id must not stand where a checkpointed log
 * was.  When all_ok and nothing failed, the file is written (or created)
 * with the logs' new heads.  Problems are printed; returns CLI_OK,
 * CLI_FAIL (a rollback or replacement) or CLI_USAGE (the file could not
 * be read or written).
 */
int checkpoint_check(const char *file, char **logs, int nlogs,
		     const struct checkpoint_head *heads, bool all_ok);

#endif
