/* diag.c: collected, sorted diagnostics. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
diags_init(struct diags *d)
{
	d->v = NULL;
	d->n = 0;
	d->cap = 0;
	d->nio = 0;
}

void
diags_free(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	diags_init(d);
}

void
diags_add(struct diags *d, const char *file, unsigned line, unsigned col,
	  const char *fmt, ...)
{
	va_list ap;
	struct diag *e;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	e = &d->v[d->n++];
	e->file = xstrdup(file != NULL ? file : "-");
	e->line = line;
	e->col = col;
	va_start(ap, fmt);
	e->msg = xvasprintf(fmt, ap);
	va_end(ap);
}

void
diags_add_io(struct diags *d, const char *file, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diags_add(d, file, 0, 0, "%s", msg);
	free(msg);
	d->nio++;
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int r = strcmp(x->file, y->file);

	if (r != 0)
		return r;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->msg, y->msg);
}

void
diags_sort(struct diags *d)
{
	size_t i, j;

	if (d->n == 0)
		return;
	qsort(d->v, d->n, sizeof *d->v, diag_cmp);
	for (i = 1, j = 1; i < d->n; i++) {
		if (diag_cmp(&d->v[i], &d->v[j - 1]) == 0) {
			free(d->v[i].file);
			free(d->v[i].msg);
			continue;
		}
		d->v[j++] = d->v[i];
	}
	d->n = j;
}

char *
diag_format(const struct diag *e)
{
	char *file = util_escape_text(e->file, false);
	char *msg = util_escape_text(e->msg, false);
	char *s;

	if (e->line == 0)
		s = xasprintf("%s: error: %s", file, msg);
	else
		s = xasprintf("%s:%u:%u: error: %s", file, e->line, e->col,
			      msg);
	free(file);
	free(msg);
	return s;
}

void
diags_print(const struct diags *d, FILE *out)
{
	size_t i;
	char *s;

	for (i = 0; i < d->n; i++) {
		s = diag_format(&d->v[i]);
		fprintf(out, "%s\n", s);
		free(s);
	}
}
