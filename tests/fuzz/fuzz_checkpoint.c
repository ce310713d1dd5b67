/*
 * fuzz_checkpoint.c: libFuzzer harness for verify's checkpoint file
 * parser (head lines and #workshop-prefix lines).  Whatever it accepts
 * must format back to a file that parses to the same heads and the same
 * prefixes of logs with a head (and formats the same again); whatever it
 * refuses must come with a message naming the file and a line.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checkpoint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
has_head(const struct checkpoint *cp, const char *log_id)
{
	for (size_t i = 0; i < cp->n; i++)
		if (strcmp(cp->v[i].log_id, log_id) == 0)
			return true;
	return false;
}

static bool
same_prefix(const struct checkpoint_prefix *a,
	    const struct checkpoint_prefix *b)
{
	if (a->version != b->version || strcmp(a->log_id, b->log_id) != 0 ||
	    (a->raw == NULL) != (b->raw == NULL))
		return false;
	if (a->raw != NULL)
		return strcmp(a->raw, b->raw) == 0;
	if (a->seq != b->seq || strcmp(a->hash, b->hash) != 0 ||
	    a->bytes != b->bytes || strcmp(a->blake2b, b->blake2b) != 0 ||
	    a->recovered != b->recovered || a->nkeys != b->nkeys ||
	    strcmp(a->trust, b->trust) != 0)
		return false;
	for (size_t i = 0; i < a->nkeys; i++)
		if (strcmp(a->keys[i], b->keys[i]) != 0)
			return false;
	return true;
}

static void
same(const struct checkpoint *a, const struct checkpoint *b)
{
	size_t j;

	if (a->n != b->n)
		abort();
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].log_id, b->v[i].log_id) != 0 ||
		    a->v[i].seq != b->v[i].seq ||
		    strcmp(a->v[i].hash, b->v[i].hash) != 0 ||
		    (a->v[i].path == NULL) != (b->v[i].path == NULL) ||
		    (a->v[i].path != NULL &&
		     strcmp(a->v[i].path, b->v[i].path) != 0))
			abort();
	/* Each prefix of a log with a head is kept; the others dropped. */
	for (size_t i = 0; i < a->np; i++) {
		if (!has_head(a, a->pv[i].log_id))
			continue;
		for (j = 0; j < b->np && !same_prefix(&a->pv[i], &b->pv[j]);
		     j++)
			;
		if (j == b->np)
			abort();
	}
	for (size_t i = 0; i < b->np; i++)
		if (!has_head(b, b->pv[i].log_id))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct checkpoint cp = {0}, back = {0}, again_cp = {0};
	char err[400], *text, *again;

	err[0] = '\0';
	if (checkpoint_parse("cp", (const char *)data, size, &cp, err,
			     sizeof err) < 0) {
		if (strncmp(err, "cp:", 3) != 0 || err[3] < '1' || err[3] > '9')
			abort();
		checkpoint_free(&cp);
		return 0;
	}
	text = checkpoint_format(&cp);
	if (checkpoint_parse("cp", text, strlen(text), &back, err, sizeof err) <
	    0)
		abort();
	same(&cp, &back);
	again = checkpoint_format(&back);
	if (strcmp(text, again) != 0)
		abort();
	if (checkpoint_parse("cp", again, strlen(again), &again_cp, err,
			     sizeof err) < 0)
		abort();
	free(again);
	free(text);
	checkpoint_free(&cp);
	checkpoint_free(&back);
	checkpoint_free(&again_cp);
	return 0;
}
