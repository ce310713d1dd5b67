/*
 * matrix.h: the training matrix: one row per learner, one column per
 * module, each cell the learner's latest verified passed, completed or
 * attended date and whether that is current, due within some days,
 * overdue (past the module's refresh period), or never done.
 *
 * Learners are told apart by staff id when their records carry one, else
 * by name.  Rows are sorted so that the learners who need action come
 * first: anyone overdue, then anyone never trained in a column, then
 * anyone due soon, then the rest; by name within each group.
 */
#ifndef WORKSHOP_MATRIX_H
#define WORKSHOP_MATRIX_H

#include <stdbool.h>

#include "complog.h"
#include "when.h"

enum matrix_state {
	MATRIX_CURRENT,
	MATRIX_DUE,	/* falls due within the window */
	MATRIX_OVERDUE, /* past its refresh period */
	MATRIX_NEVER,
};

struct matrix;

/* An empty matrix. */
struct matrix *matrix_new(void);
void matrix_free(struct matrix *mx);

/*
 * Add a column for module id (its title and refresh period from the
 * content pack, or NULL and no period when it is not in the pack).  A
 * column named twice is kept once.  Records of modules without a column
 * are left out once any column was added by the caller (matrix_add with
 * auto_columns false).
 */
void matrix_column(struct matrix *mx, const char *id, const char *title,
		   const struct when_period *refresh);

/*
 * Count a verified record: a learner's passed, completed or attended one
 * (others are ignored).  With auto_columns, a module without a column gets
 * one (no refresh period).
 */
void matrix_add(struct matrix *mx, const struct complog_entry *e,
		bool auto_columns);

/*
 * Count every cell of src (say, one log's records, gathered with
 * auto_columns) into dst: a column dst lacks is added (no refresh period
 * unless src's has one) when auto_columns, else its cells are left out.
 */
void matrix_merge(struct matrix *dst, const struct matrix *src,
		  bool auto_columns);

/*
 * The state of a cell whose latest date is day (-1: never), for a module
 * with refresh period p (count 0: none), on day today, with due_within
 * days of warning.  *due gets the day it falls due (-1 if never).
 */
enum matrix_state matrix_state_of(long day, const struct when_period *p,
				  long today, long due_within, long *due);

/* "current", "due", "overdue", "never". */
const char *matrix_state_name(enum matrix_state s);

/*
 * Print the matrix on standard output as of day today: as a table for a
 * terminal (csv false), or as CSV (learner, staff_id, then for each module its
 * state, last date and due date).  Names are escaped for a terminal in the
 * table and formula-guarded in CSV.
 */
void matrix_print(struct matrix *mx, long today, long due_within, bool csv);

#endif
