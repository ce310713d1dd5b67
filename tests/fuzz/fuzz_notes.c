/*
 * fuzz_notes.c: libFuzzer harness for the notes socket's message parser;
 * whatever parses is encoded again and must parse to the same message.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "notesock.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct notes_msg m = {0}, back = {0};
	char *err = NULL, *line;

	if (notesock_decode((const char *)data, size, &m, &err) == -1) {
		free(err);
		return 0;
	}
	line = notesock_encode(&m);
	if (notesock_decode(line, strlen(line) - 1, &back, &err) == -1 ||
	    !same(m.title, back.title) || !same(m.notes, back.notes) ||
	    !same(m.next, back.next) || m.ended != back.ended)
		abort();
	free(line);
	notes_msg_clear(&m);
	notes_msg_clear(&back);
	return 0;
}
