/*
 * matrix.c: the training matrix (see matrix.h).
 *
 * Rows and columns are kept in arrays in the order first seen; cells are
 * one day number per row and column (-1: never), the latest counted
 * record's day.  Rows are sorted only when printed.
 */
#include "matrix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "report.h"
#include "util.h"

struct mcol {
	char *id;
	char *title; /* NULL: not in the pack */
	struct when_period refresh;
};

struct mrow {
	char *name;
	char *staff_id; /* NULL: told apart by name */
	long *day;	/* one per column, -1 never */
	size_t nday;	/* allocated */
};

struct matrix {
	struct mcol *cols;
	size_t ncols;
	struct mrow *rows;
	size_t nrows;
	/* Set by matrix_print for the sort. */
	long today, within;
};

struct matrix *
matrix_new(void)
{
	return xcalloc(1, sizeof(struct matrix));
}

void
matrix_free(struct matrix *mx)
{
	if (mx == NULL)
		return;
	for (size_t i = 0; i < mx->ncols; i++) {
		free(mx->cols[i].id);
		free(mx->cols[i].title);
	}
	for (size_t i = 0; i < mx->nrows; i++) {
		free(mx->rows[i].name);
		free(mx->rows[i].staff_id);
		free(mx->rows[i].day);
	}
	free(mx->cols);
	free(mx->rows);
	free(mx);
}

static long
find_col(const struct matrix *mx, const char *id)
{
	for (size_t i = 0; i < mx->ncols; i++)
		if (strcmp(mx->cols[i].id, id) == 0)
			return (long)i;
	return -1;
}

void
matrix_column(struct matrix *mx, const char *id, const char *title,
	      const struct when_period *refresh)
{
	struct mcol *c;

	if (find_col(mx, id) >= 0)
		return;
	mx->cols = xreallocarray(mx->cols, mx->ncols + 1, sizeof *mx->cols);
	c = &mx->cols[mx->ncols++];
	c->id = xstrdup(id);
	c->title = title != NULL ? xstrdup(title) : NULL;
	c->refresh = refresh != NULL ? *refresh : (struct when_period){0};
}

/* The row for a learner: by staff id when the record has one. */
static struct mrow *
find_row(struct matrix *mx, const char *name, const char *staff)
{
	struct mrow *r;

	for (size_t i = 0; i < mx->nrows; i++) {
		r = &mx->rows[i];
		if (staff != NULL
			? r->staff_id != NULL && strcmp(r->staff_id, staff) == 0
			: r->staff_id == NULL && strcmp(r->name, name) == 0)
			return r;
	}
	mx->rows = xreallocarray(mx->rows, mx->nrows + 1, sizeof *mx->rows);
	r = &mx->rows[mx->nrows++];
	memset(r, 0, sizeof *r);
	r->name = xstrdup(name);
	r->staff_id = staff != NULL ? xstrdup(staff) : NULL;
	return r;
}

/* The learner's record of column col on day: the cell keeps the latest. */
static void
count(struct mrow *r, size_t col, long day)
{
	if (r->nday <= col) {
		r->day = xreallocarray(r->day, col + 1, sizeof *r->day);
		for (size_t i = r->nday; i <= col; i++)
			r->day[i] = -1;
		r->nday = col + 1;
	}
	if (day > r->day[col])
		r->day[col] = day;
}

void
matrix_add(struct matrix *mx, const struct complog_entry *e, bool auto_columns)
{
	struct mrow *r;
	long col, day;
	char ymd[11];

	if (e->learner == NULL || (strcmp(e->type, "passed") != 0 &&
				   strcmp(e->type, "completed") != 0 &&
				   strcmp(e->type, "attended") != 0))
		return;
	if ((col = find_col(mx, e->module)) < 0) {
		if (!auto_columns)
			return;
		matrix_column(mx, e->module, NULL, NULL);
		col = (long)mx->ncols - 1;
	}
	snprintf(ymd, sizeof ymd, "%.10s", e->ts);
	if ((day = when_days(ymd)) < 0)
		return; /* verified records have real days */
	r = find_row(mx, e->learner, e->staff_id);
	count(r, (size_t)col, day);
}

void
matrix_merge(struct matrix *dst, const struct matrix *src, bool auto_columns)
{
	long col;

	for (size_t c = 0; c < src->ncols; c++) {
		const struct mcol *sc = &src->cols[c];

		if ((col = find_col(dst, sc->id)) < 0) {
			if (!auto_columns)
				continue;
			matrix_column(dst, sc->id, sc->title, &sc->refresh);
			col = (long)dst->ncols - 1;
		}
		for (size_t i = 0; i < src->nrows; i++) {
			const struct mrow *r = &src->rows[i];

			if (c < r->nday && r->day[c] >= 0)
				count(find_row(dst, r->name, r->staff_id),
				      (size_t)col, r->day[c]);
		}
	}
}

enum matrix_state
matrix_state_of(long day, const struct when_period *p, long today,
		long due_within, long *due)
{
	*due = -1;
	if (day < 0)
		return MATRIX_NEVER;
	if (p->count == 0)
		return MATRIX_CURRENT;
	*due = when_add_period(day, p);
	if (*due < today)
		return MATRIX_OVERDUE;
	return *due - today <= due_within ? MATRIX_DUE : MATRIX_CURRENT;
}

const char *
matrix_state_name(enum matrix_state s)
{
	static const char *const names[] = {"current", "due", "overdue",
					    "never"};

	return names[s];
}

static enum matrix_state
cell(const struct matrix *mx, const struct mrow *r, size_t c, long *day,
     long *due)
{
	*day = c < r->nday ? r->day[c] : -1;
	return matrix_state_of(*day, &mx->cols[c].refresh, mx->today,
			       mx->within, due);
}

/* 0 overdue somewhere, 1 never somewhere, 2 due somewhere, 3 current. */
static int
urgency(const struct matrix *mx, const struct mrow *r)
{
	static const int rank[] = {[MATRIX_CURRENT] = 3,
				   [MATRIX_DUE] = 2,
				   [MATRIX_OVERDUE] = 0,
				   [MATRIX_NEVER] = 1};
	int best = 3;
	long day, due;

	for (size_t c = 0; c < mx->ncols; c++) {
		int k = rank[cell(mx, r, c, &day, &due)];

		best = k < best ? k : best;
	}
	return best;
}

static const struct matrix *sorting;

static int
cmp_rows(const void *a, const void *b)
{
	const struct mrow *x = a, *y = b;
	int ux = urgency(sorting, x), uy = urgency(sorting, y), n;

	if (ux != uy)
		return ux - uy;
	if ((n = strcmp(x->name, y->name)) != 0)
		return n;
	return strcmp(x->staff_id ? x->staff_id : "",
		      y->staff_id ? y->staff_id : "");
}

static void
ymd_of(long day, char out[11])
{
	int y, m, d;

	if (day < 0) {
		out[0] = '\0';
		return;
	}
	when_civil(day, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

/* "overdue 2025-10-01" (the day it was done), "never". */
static void
cell_text(enum matrix_state s, long day, char *out, size_t len)
{
	char d[11];

	ymd_of(day, d);
	snprintf(out, len, "%s%s%s", matrix_state_name(s), d[0] ? " " : "", d);
}

static void
print_table(const struct matrix *mx)
{
	char text[40], *who;
	long day, due;

	report_cell(stdout, "LEARNER", 28);
	for (size_t c = 0; c < mx->ncols; c++) {
		putchar(' ');
		report_cell(stdout, mx->cols[c].id, c + 1 < mx->ncols ? 20 : 0);
	}
	putchar('\n');
	for (size_t i = 0; i < mx->nrows; i++) {
		const struct mrow *r = &mx->rows[i];

		who = r->staff_id != NULL
			  ? xasprintf("%s (%s)", r->name, r->staff_id)
			  : xstrdup(r->name);
		report_cell(stdout, who, 28);
		free(who);
		for (size_t c = 0; c < mx->ncols; c++) {
			enum matrix_state st = cell(mx, r, c, &day, &due);

			cell_text(st, day, text, sizeof text);
			putchar(' ');
			report_cell(stdout, text, c + 1 < mx->ncols ? 20 : 0);
		}
		putchar('\n');
	}
	if (mx->nrows == 0)
		printf("(no learners with verified records)\n");
}

static void
print_csv(const struct matrix *mx)
{
	char d[11];
	long day, due;

	printf("learner,staff_id");
	for (size_t c = 0; c < mx->ncols; c++) {
		char *h = xasprintf("%s_state,%s_last,%s_due", mx->cols[c].id,
				    mx->cols[c].id, mx->cols[c].id);

		printf(",%s", h);
		free(h);
	}
	putchar('\n');
	for (size_t i = 0; i < mx->nrows; i++) {
		const struct mrow *r = &mx->rows[i];

		report_csv_cell(stdout, r->name, false);
		report_csv_cell(stdout, r->staff_id, mx->ncols == 0);
		for (size_t c = 0; c < mx->ncols; c++) {
			enum matrix_state s = cell(mx, r, c, &day, &due);

			report_csv_cell(stdout, matrix_state_name(s), false);
			ymd_of(day, d);
			report_csv_cell(stdout, d, false);
			ymd_of(due, d);
			report_csv_cell(stdout, d, c + 1 == mx->ncols);
		}
	}
}

void
matrix_print(struct matrix *mx, long today, long due_within, bool csv)
{
	mx->today = today;
	mx->within = due_within;
	sorting = mx;
	if (mx->nrows > 0) /* rows is NULL when there are none */
		qsort(mx->rows, mx->nrows, sizeof *mx->rows, cmp_rows);
	sorting = NULL;
	if (csv)
		print_csv(mx);
	else
		print_table(mx);
	fflush(stdout);
}
