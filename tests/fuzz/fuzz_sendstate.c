/*
 * fuzz_sendstate.c: libFuzzer harness for workshop send's state file
 * parser.  Whatever it accepts must format back to a file that parses to
 * the same entries (and formats the same again); whatever it refuses must
 * come with a message naming the file and a line.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sendstate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
same(const struct sendstate *a, const struct sendstate *b)
{
	if (a->n != b->n)
		abort();
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].lrs, b->v[i].lrs) != 0 ||
		    strcmp(a->v[i].log_id, b->v[i].log_id) != 0 ||
		    a->v[i].seq != b->v[i].seq ||
		    strcmp(a->v[i].hash, b->v[i].hash) != 0 ||
		    sendstate_find(b, a->v[i].lrs, a->v[i].log_id) != &b->v[i])
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sendstate s, back;
	char *err = NULL, *text, *again;

	if (sendstate_parse("st", (const char *)data, size, &s, &err) < 0) {
		if (err == NULL || strncmp(err, "st:", 3) != 0 || s.n != 0)
			abort();
		free(err);
		return 0;
	}
	text = sendstate_format(&s);
	if (sendstate_parse("st", text, strlen(text), &back, &err) < 0)
		abort();
	same(&s, &back);
	again = sendstate_format(&back);
	if (strcmp(text, again) != 0)
		abort();
	if (s.n > 0)
		sendstate_set(&back, s.v[0].lrs, s.v[0].log_id, 1, s.v[0].hash);
	free(again);
	free(text);
	sendstate_free(&s);
	sendstate_free(&back);
	return 0;
}
