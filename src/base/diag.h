/*
 * diag.h: collected diagnostics.
 *
 * Parsers do not stop at the first problem: they add each one here, and the
 * caller sorts and prints them together as "path:line:col: error: message".
 * Lines and columns are 1-based; 0 means "the whole file".
 */
#ifndef WORKSHOP_DIAG_H
#define WORKSHOP_DIAG_H

#include <stddef.h>
#include <stdio.h>

struct diag {
	char *file;
	unsigned line;
	unsigned col;
	char *msg;
};

struct diags {
	struct diag *v;
	size_t n;
	size_t cap;
	size_t nio; /* how many were I/O errors (see diags_add_io) */
};

void diags_init(struct diags *d);
void diags_free(struct diags *d);
/* Add one error; file and the formatted message are copied. */
void diags_add(struct diags *d, const char *file, unsigned line, unsigned col,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The same, for a file that could not be read at all (counted in nio). */
void diags_add_io(struct diags *d, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Sort by file, line, column, then message, and drop exact repeats. */
void diags_sort(struct diags *d);
/* Print every entry as "file:line:col: error: msg\n" (escaped). */
void diags_print(const struct diags *d, FILE *out);
/* One entry formatted as above, without the newline; caller frees. */
char *diag_format(const struct diag *e);

#endif
