/*
 * test_audience.c: a step worded for each audience reaches the right one:
 * the learner's session shows the self-study wording, the facilitator's
 * deck the classroom wording.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "content.h"
#include "facil.h"
#include "session.h"

static struct content *
load(struct diags *d)
{
	struct content *c;

	diags_init(d);
	c = content_load_dir(FIXTURES "/alternatives", d);
	cr_assert_eq(d->n, 0);
	return c;
}

Test(audience, a_learner_alone_sees_the_self_study_wording)
{
	struct diags d;
	struct content *c = load(&d);
	struct session *s = session_new(content_module(c, "intro"));
	const struct step *st = session_current(s);

	cr_assert_not_null(st);
	cr_expect_str_eq(st->title, "Before you start");
	cr_expect_str_eq(st->u.text.points.v[0],
			 "Think of one thing you hope to learn.");
	session_free(s);
	content_free(c);
	diags_free(&d);
}

Test(audience, a_room_sees_the_classroom_wording)
{
	struct diags d;
	struct content *c = load(&d);
	struct module *m = content_module(c, "intro");
	struct facil *f = facil_new(c, m, 1);
	const struct facil_screen *sc;
	bool seen = false;

	/* Step through the deck to the text step. */
	for (int i = 0; i < 10 && !seen; i++) {
		sc = facil_screen(f);
		if (sc->step == &m->steps[0] || sc->step == m->steps[0].alt[1]) {
			cr_expect_eq(sc->step, m->steps[0].alt[CONTENT_CLASSROOM]);
			cr_expect_str_eq(sc->step->u.text.points.v[0],
					 "Say who you are to the person beside "
					 "you.");
			seen = true;
		}
		facil_do(f, FACIL_EV_NEXT, 0);
	}
	cr_expect(seen, "the deck shows the text step");
	facil_free(f);
	content_free(c);
	diags_free(&d);
}
