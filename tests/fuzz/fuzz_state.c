/*
 * fuzz_state.c: libFuzzer harness for resuming a facilitate session from a
 * saved state file (which may be damaged): whatever is restored must be
 * safe to draw, time, and sign from.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "attendance.h"
#include "facil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct content *pack;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct attendance_item *items;
	struct facil *f;
	struct diags d;
	json_t *o;
	char *err = NULL, *t, buf[256];
	size_t i;

	if (pack == NULL) {
		diags_init(&d);
		pack = content_load_dir(FIXTURES "/pack", &d);
		diags_free(&d);
		if (pack == NULL)
			abort();
	}
	o = json_loadb((const char *)data, size, 0, NULL);
	if (o == NULL)
		return 0;
	f = facil_new(pack, NULL, 1);
	if (facil_restore(f, o, &err) == -1)
		free(err);
	json_decref(o);
	facil_position(f, buf, sizeof buf);
	agenda_timer_text(f->agenda, 1000, buf, sizeof buf);
	(void)agenda_drift(f->agenda, 1000);
	for (i = 0; i < f->n; i++) {
		free(facil_title(f, &f->screens[i]));
		free(facil_notes(f, &f->screens[i]));
		(void)facil_tally(f, &f->screens[i]);
	}
	free(items = NULL);
	(void)attendance_plan(f, &items);
	free(items);
	(void)attendance_sessions_due(f);
	for (i = 0; i < 40; i++)
		facil_do(f, (enum facil_ev)(i % (FACIL_EV_TIMER + 1)), 2000);
	o = facil_save(f);
	t = json_dumps(o, 0);
	free(t);
	json_decref(o);
	facil_free(f);
	return 0;
}
