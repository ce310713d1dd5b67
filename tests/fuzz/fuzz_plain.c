/*
 * fuzz_plain.c: libFuzzer harness for plain-mode input: the bytes are what
 * a learner types, run against every module of the fixture pack (each
 * step kind, a quiz and a scenario), and then the progress each session
 * leaves is saved to text and restored into a fresh session.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "plain.h"
#include "progress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct content *pack;

static void
roundtrip(struct session *s)
{
	struct progress p, q;
	struct session *t = session_new(s->module);
	char err[256], *text;

	progress_init(&p);
	progress_set(&p, s);
	text = progress_format(&p);
	if (progress_parse(text, strlen(text), &q, err, sizeof err) < 0)
		abort();
	session_import(t, &q.v[0].saved);
	free(text);
	progress_free(&p);
	progress_free(&q);
	session_free(t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i;

	if (pack == NULL) {
		struct diags d;

		diags_init(&d);
		pack = content_load_dir(FIXTURES "/pack", &d);
		if (pack == NULL || d.n > 0)
			abort();
		diags_free(&d);
	}
	for (i = 0; i < pack->nmodules; i++) {
		struct session *s = session_new(&pack->modules[i]);
		FILE *in =
		    fmemopen((void *)(uintptr_t)data, size ? size : 1, "r");
		FILE *out = fopen("/dev/null", "w");
		struct plain p = {.in = in, .out = out, .utf8 = i == 0};

		if (size == 0)
			fgetc(in);
		plain_run(&p, s);
		roundtrip(s);
		fclose(in);
		fclose(out);
		session_free(s);
	}
	return 0;
}
