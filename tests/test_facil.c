/* test_facil.c: the facilitator's flows, without a terminal. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "facil.h"
#include "util.h"

static struct content *pack;

static void
load_pack(void)
{
	struct diags d;

	diags_init(&d);
	pack = content_load_dir(FIXTURES "/pack", &d);
	cr_assert_not_null(pack);
	cr_assert_eq(d.n, 0, "the fixture pack has errors");
	diags_free(&d);
}

static void
free_pack(void)
{
	content_free(pack);
}

TestSuite(facil, .init = load_pack, .fini = free_pack);

/* The deck of the fixture day, in order. */
static const enum facil_kind day[] = {
    FACIL_AGENDA,				      /* 0 */
    FACIL_TITLE,      FACIL_TEXT,     FACIL_SORT,     /* 1-3 basics */
    FACIL_VIEW,	      FACIL_GLOSSARY, FACIL_RATING,   /* 4-6 */
    FACIL_REFLECTION, FACIL_BREAK,		      /* 7-8 */
    FACIL_BREAK,				      /* 9 coffee */
    FACIL_TITLE,      FACIL_TEXT,     FACIL_TITLE,    /* 10-12 law */
    FACIL_QUESTION,   FACIL_QUESTION, FACIL_SCENARIO, /* 13-15 */
    FACIL_RATING,				      /* 16 */
    FACIL_CLOSE,      FACIL_END,		      /* 17-18 */
};

static struct facil *
day_session(void)
{
	struct facil *f = facil_new(pack, NULL, 42);

	cr_assert_not_null(f);
	return f;
}

static void
go(struct facil *f, size_t i)
{
	struct facil_event ev = {FACIL_EV_GOTO, (long)i};

	facil_handle(f, &ev, 0);
	cr_assert_eq(f->cur, i);
}

Test(facil, the_day_becomes_one_screen_per_idea_in_order)
{
	struct facil *f = day_session();
	size_t i;

	cr_assert_eq(f->n, sizeof day / sizeof day[0]);
	for (i = 0; i < f->n; i++)
		cr_expect_eq(f->screens[i].kind, day[i], "screen %zu", i);
	cr_expect_eq(f->cur, 0, "the day opens on the agenda");
	cr_expect_eq(f->screens[9].section, 1);
	cr_expect_eq(f->screens[14].item, 1);
	cr_expect_eq(f->npairs, 1);
	facil_free(f);
}

Test(facil, one_module_has_no_close_without_a_before_rating)
{
	struct facil *f = facil_new(pack, content_module(pack, "law"), 1);

	cr_assert_not_null(f);
	cr_expect_eq(f->screens[0].kind, FACIL_AGENDA);
	cr_expect_eq(f->screens[1].kind, FACIL_TITLE);
	cr_expect_eq(f->screens[f->n - 1].kind, FACIL_END);
	cr_expect_neq(f->screens[f->n - 2].kind, FACIL_CLOSE);
	facil_free(f);
}

Test(facil, next_shows_staged_points_one_at_a_time_then_moves_on)
{
	struct facil *f = day_session();

	go(f, 2);
	cr_expect_eq(facil_screen(f)->shown, 0);
	cr_expect_eq(facil_do(f, FACIL_EV_NEXT, 0), FACIL_CHANGED);
	cr_expect_eq(facil_screen(f)->shown, 1);
	cr_expect_eq(facil_do(f, FACIL_EV_NEXT, 0), FACIL_CHANGED);
	cr_expect_eq(facil_screen(f)->shown, 2);
	cr_expect_eq(facil_do(f, FACIL_EV_NEXT, 0), FACIL_MOVED);
	cr_expect_eq(f->cur, 3);
	/* Going back finds the points as they were left. */
	facil_do(f, FACIL_EV_BACK, 0);
	cr_expect_eq(facil_screen(f)->shown, 2);
	facil_free(f);
}

Test(facil, next_never_reveals_answers_and_reveal_goes_in_order)
{
	struct facil *f = day_session();
	size_t i;

	/* Stepping through every screen with NEXT reveals nothing. */
	for (i = 0; i < 200 && f->cur + 1 < f->n; i++)
		facil_do(f, FACIL_EV_NEXT, 0);
	cr_expect_eq(f->cur, f->n - 1);
	for (i = 0; i < f->n; i++)
		cr_expect_eq(f->screens[i].revealed, 0, "screen %zu", i);
	cr_expect_not(f->notes_on);

	go(f, 15); /* the scenario: Ask/Check/Do, then points */
	cr_expect_eq(facil_reveal_stages(f, facil_screen(f)), 2);
	cr_expect_eq(facil_do(f, FACIL_EV_REVEAL, 0), FACIL_CHANGED);
	cr_expect_eq(facil_screen(f)->revealed, 1);
	cr_expect_eq(facil_do(f, FACIL_EV_REVEAL, 0), FACIL_CHANGED);
	cr_expect_eq(facil_do(f, FACIL_EV_REVEAL, 0), FACIL_IGNORED);
	cr_expect_eq(facil_do(f, FACIL_EV_HIDE, 0), FACIL_CHANGED);
	cr_expect_eq(facil_screen(f)->revealed, 1);

	go(f, 13); /* a question: one stage */
	cr_expect_eq(facil_reveal_stages(f, facil_screen(f)), 1);
	cr_expect_eq(facil_do(f, FACIL_EV_REVEAL, 0), FACIL_CHANGED);
	cr_expect_eq(facil_do(f, FACIL_EV_REVEAL, 0), FACIL_IGNORED);
	go(f, 2); /* plain text has nothing to reveal */
	cr_expect_eq(facil_do(f, FACIL_EV_REVEAL, 0), FACIL_IGNORED);
	facil_free(f);
}

Test(facil, notes_toggle_and_say_what_the_screen_holds)
{
	struct facil *f = day_session();
	char *n;

	go(f, 2);
	n = facil_notes(f, facil_screen(f));
	cr_expect_str_eq(n, "Say hello.");
	free(n);
	cr_expect_eq(facil_do(f, FACIL_EV_NOTES, 0), FACIL_CHANGED);
	cr_expect(f->notes_on);
	facil_do(f, FACIL_EV_NOTES, 0);
	cr_expect_not(f->notes_on);
	go(f, 13);
	n = facil_notes(f, facil_screen(f));
	cr_expect_str_eq(n, "Read the section aloud.");
	free(n);
	go(f, 4);
	n = facil_notes(f, facil_screen(f));
	cr_expect_str_eq(n, "- Why might people disagree?");
	free(n);
	go(f, 7);
	cr_expect_null(facil_notes(f, facil_screen(f)));
	facil_free(f);
}

Test(facil, show_of_hands_counts_go_to_the_focused_choice_only)
{
	struct facil *f = day_session();
	struct facil_event ev = {FACIL_EV_COUNT, 3};
	const struct tally *t;

	go(f, 14); /* "What is the age of consent?", three choices */
	facil_do(f, FACIL_EV_DOWN, 0);
	facil_handle(f, &ev, 0);
	ev.index = -1;
	facil_handle(f, &ev, 0);
	facil_do(f, FACIL_EV_DOWN, 0);
	facil_do(f, FACIL_EV_DOWN, 0); /* stays on the last */
	ev.type = FACIL_EV_SET_COUNT;
	ev.index = 7;
	facil_handle(f, &ev, 0);
	t = tally_find(&f->tallies, "quiz/law-quiz/age");
	cr_assert_not_null(t);
	cr_expect_eq(t->n, 3);
	cr_expect_eq(t->count[0], 0);
	cr_expect_eq(t->count[1], 2);
	cr_expect_eq(t->count[2], 7);
	/* Counting on a screen without counts does nothing. */
	go(f, 2);
	cr_expect_eq(facil_handle(f, &ev, 0), FACIL_IGNORED);
	facil_free(f);
}

Test(facil, views_are_counted_agree_disagree_unsure)
{
	struct facil *f = day_session();
	struct facil_event ev = {FACIL_EV_FOCUS, TALLY_UNSURE};
	char key[64];

	go(f, 4);
	cr_expect_eq(facil_tally_key(f, facil_screen(f), key, sizeof key),
		     TALLY_NVIEWS);
	cr_expect_str_eq(key, "views/basics/2/0");
	facil_handle(f, &ev, 0);
	ev.type = FACIL_EV_SET_COUNT;
	ev.index = 4;
	facil_handle(f, &ev, 0);
	cr_expect_eq(tally_find(&f->tallies, key)->count[TALLY_UNSURE], 4);
	facil_free(f);
}

Test(facil, sort_items_are_placed_in_turn_then_reasons_revealed)
{
	struct facil *f = day_session();
	struct facil_event ev = {FACIL_EV_PLACE, 2};
	const struct facil_screen *s;

	go(f, 3);
	s = facil_screen(f);
	cr_expect_eq(s->placed[0], -1);
	cr_expect_eq(facil_handle(f, &ev, 0), FACIL_CHANGED);
	cr_expect_eq(s->placed[0], 2);
	cr_expect_eq(s->sort_item, 1);
	ev.index = 1;
	facil_handle(f, &ev, 0);
	cr_expect_eq(s->placed[1], 1);
	cr_expect_eq(s->sort_item, 2);
	cr_expect_eq(facil_handle(f, &ev, 0), FACIL_IGNORED, "all placed");
	ev.index = 9;
	cr_expect_eq(facil_handle(f, &ev, 0), FACIL_IGNORED);
	cr_expect_eq(facil_do(f, FACIL_EV_REVEAL, 0), FACIL_CHANGED);
	cr_expect_eq(s->revealed, 1);
	facil_free(f);
}

Test(facil, the_glossary_game_shows_every_term_once_in_seeded_order)
{
	struct facil *a = day_session(), *b = day_session();
	const struct facil_screen *s;

	go(a, 5);
	s = facil_screen(a);
	cr_expect_neq(s->order[0], s->order[1]);
	cr_expect_eq(s->order[0] + s->order[1], 1);
	cr_expect_eq(b->screens[5].order[0], s->order[0], "same seed");
	facil_do(a, FACIL_EV_REVEAL, 0);
	cr_expect_eq(facil_do(a, FACIL_EV_NEXT, 0), FACIL_CHANGED);
	cr_expect_eq(s->pos, 1);
	cr_expect_eq(s->revealed, 0, "the next term starts hidden");
	cr_expect_eq(facil_do(a, FACIL_EV_NEXT, 0), FACIL_MOVED);
	facil_free(a);
	facil_free(b);
}

Test(facil, skip_leaves_the_whole_quiz_from_its_title)
{
	struct facil *f = day_session();

	go(f, 12);
	cr_expect_eq(facil_do(f, FACIL_EV_SKIP, 0), FACIL_MOVED);
	cr_expect_eq(f->cur, 15);
	cr_expect_eq(facil_do(f, FACIL_EV_SKIP, 0), FACIL_MOVED);
	cr_expect_eq(f->cur, 16);
	facil_free(f);
}

Test(facil, moving_drives_the_agenda_timer)
{
	struct facil *f = day_session();
	struct facil_event ev = {FACIL_EV_SECTION, 2};

	f->late = 120;
	cr_expect_not(f->agenda->started);
	facil_do(f, FACIL_EV_NEXT, 1000);
	cr_expect(f->agenda->started);
	cr_expect_eq(agenda_drift(f->agenda, 1000), 120);
	cr_expect_eq(facil_handle(f, &ev, 1000 + 30 * 60), FACIL_MOVED);
	cr_expect_eq(f->cur, 10);
	cr_expect_eq(f->agenda->cur, 2);
	cr_expect_eq(f->agenda->v[0].spent, 30 * 60);
	go(f, f->n - 1);
	cr_expect(f->agenda->ended);
	facil_free(f);
}

Test(facil, the_scenario_discussion_timer_starts_on_arrival)
{
	struct facil *f = day_session();
	struct facil_event ev = {FACIL_EV_GOTO, 15};

	facil_handle(f, &ev, 500);
	cr_expect_eq(facil_screen(f)->began, 500);
	facil_do(f, FACIL_EV_BACK, 600);
	facil_do(f, FACIL_EV_NEXT, 700);
	cr_expect_eq(facil_screen(f)->began, 500, "kept when coming back");
	facil_do(f, FACIL_EV_TIMER, 800);
	cr_expect_eq(facil_screen(f)->began, 800);
	facil_free(f);
}

Test(facil, confidence_before_and_after_pair_up_for_the_close)
{
	struct facil *f = day_session();
	struct facil_event ev = {FACIL_EV_SET_COUNT, 5};
	const struct tally *b, *a;

	go(f, 6);
	facil_handle(f, &ev, 0); /* five said 1 before */
	go(f, 16);
	ev.type = FACIL_EV_FOCUS;
	ev.index = 3;
	facil_handle(f, &ev, 0);
	ev.type = FACIL_EV_SET_COUNT;
	ev.index = 5;
	facil_handle(f, &ev, 0); /* five said 4 after */
	facil_pair_tallies(f, &f->pairs[0], 0, &b, &a);
	cr_assert_not_null(b);
	cr_assert_not_null(a);
	cr_expect_eq(b->count[0], 5);
	cr_expect_eq(a->count[3], 5);
	cr_expect_eq(a->n, 5);
	facil_free(f);
}

Test(facil, attendance_follows_arrivals_and_leavers_by_section)
{
	struct facil *f = day_session();
	struct module **mods;
	char *err;
	size_t n;

	roster_add(f->roster, "All day", NULL, &err);
	roster_add(f->roster, "Left at coffee", "E2", &err);
	roster_add(f->roster, "Came for the law", NULL, &err);
	roster_add(f->roster, "Never came", NULL, &err);
	facil_mark_present(f, 0);
	facil_mark_present(f, 1);
	cr_expect_not(f->roster->v[0].late, "marked before the start");
	go(f, 2);
	go(f, 9);
	facil_mark_left(f, 1);
	go(f, 11);
	facil_mark_present(f, 2);
	cr_expect(f->roster->v[2].late);

	n = facil_attended(f, 0, &mods);
	cr_expect_eq(n, 2);
	cr_expect_str_eq(mods[0]->id, "basics");
	cr_expect_str_eq(mods[1]->id, "law");
	free(mods);
	n = facil_attended(f, 1, &mods);
	cr_expect_eq(n, 1);
	cr_expect_str_eq(mods[0]->id, "basics");
	free(mods);
	n = facil_attended(f, 2, &mods);
	cr_expect_eq(n, 1);
	cr_expect_str_eq(mods[0]->id, "law");
	free(mods);
	cr_expect_eq(facil_attended(f, 3, &mods), 0);
	free(mods);
	facil_free(f);
}

Test(facil, sections_the_day_never_reached_are_not_attended)
{
	struct facil *f = day_session();
	struct module **mods;
	char *err;

	roster_add(f->roster, "Sam", NULL, &err);
	facil_mark_present(f, 0);
	go(f, 2);
	go(f, f->n - 1); /* straight to the end from the first module */
	cr_expect_eq(facil_attended(f, 0, &mods), 1);
	cr_expect_str_eq(mods[0]->id, "basics");
	free(mods);
	facil_free(f);
}

Test(facil, position_and_titles_read_well)
{
	struct facil *f = day_session();
	char buf[64], *t;

	facil_position(f, buf, sizeof buf);
	cr_expect_str_eq(buf, "A sample day");
	go(f, 2);
	facil_position(f, buf, sizeof buf);
	cr_expect_str_eq(buf, "Basics 2/8");
	go(f, 14);
	t = facil_title(f, facil_screen(f));
	cr_expect_str_eq(t, "A law quiz 2/2");
	free(t);
	go(f, 9);
	t = facil_title(f, facil_screen(f));
	cr_expect_str_eq(t, "Coffee");
	free(t);
	facil_free(f);
}

Test(facil, a_saved_session_resumes_where_it_was)
{
	struct facil *f = day_session(), *g;
	struct facil_event ev = {FACIL_EV_SET_COUNT, 6};
	json_t *saved;
	char *err = NULL, *text;

	roster_add(f->roster, "Sam", "E1", &err);
	facil_mark_present(f, 0);
	f->late = 60;
	facil_do(f, FACIL_EV_NEXT, 100);
	facil_do(f, FACIL_EV_NEXT, 100);
	facil_do(f, FACIL_EV_NEXT, 100); /* one point shown */
	go(f, 3);
	ev.type = FACIL_EV_PLACE;
	ev.index = 1;
	facil_handle(f, &ev, 200);
	go(f, 14);
	ev.type = FACIL_EV_SET_COUNT;
	ev.index = 6;
	facil_handle(f, &ev, 300);
	facil_do(f, FACIL_EV_REVEAL, 300);
	facil_do(f, FACIL_EV_NOTES, 300);

	saved = facil_save(f);
	text = json_dumps(saved, JSON_COMPACT);
	json_decref(saved);
	saved = json_loads(text, 0, NULL);
	free(text);
	g = facil_new(pack, NULL, 7); /* another seed: the saved one wins */
	cr_assert_eq(facil_restore(g, saved, &err), 0, "%s", err);
	cr_expect_eq(g->cur, 14);
	cr_expect(g->notes_on);
	cr_expect_eq(g->seed, 42);
	cr_expect_eq(g->screens[5].order[0], f->screens[5].order[0]);
	cr_expect_eq(g->screens[2].shown, 1);
	cr_expect_eq(g->screens[3].placed[0], 1);
	cr_expect_eq(g->screens[3].sort_item, 1);
	cr_expect_eq(g->screens[14].revealed, 1);
	cr_expect_eq(g->screens[13].revealed, 0);
	cr_expect_eq(tally_find(&g->tallies, "quiz/law-quiz/age")->count[0], 6);
	cr_assert_eq(g->roster->n, 1);
	cr_expect_str_eq(g->roster->v[0].staff_id, "E1");
	cr_expect_eq(g->roster->v[0].state, ROSTER_PRESENT);
	cr_expect(g->agenda->started);
	cr_expect_eq(g->agenda->cur, 2);
	cr_expect(g->agenda->v[0].visited);
	cr_expect_not(g->agenda->v[1].visited);
	cr_expect(g->agenda->v[2].visited);
	cr_expect_eq(agenda_drift(g->agenda, 300),
		     agenda_drift(f->agenda, 300));
	json_decref(saved);
	facil_free(f);
	facil_free(g);
}

Test(facil, a_saved_session_for_other_content_is_refused)
{
	struct facil *f = day_session();
	struct facil *m = facil_new(pack, content_module(pack, "law"), 1);
	json_t *saved = facil_save(f);
	char *err = NULL;

	cr_expect_eq(facil_restore(m, saved, &err), -1);
	cr_expect_str_eq(err, "the saved session was for other content");
	free(err);
	json_object_set_new(saved, "v", json_integer(9));
	cr_expect_eq(facil_restore(f, saved, &err), -1);
	free(err);
	json_decref(saved);
	facil_free(f);
	facil_free(m);
}

Test(facil, the_state_file_is_private_and_reads_back)
{
	char dir[] = "/tmp/facil-test.XXXXXX", *path, *err = NULL;
	struct facil *f = day_session();
	struct stat st;
	json_t *o;

	cr_assert_not_null(mkdtemp(dir));
	path = xasprintf("%s/sub/facilitate.json", dir);
	go(f, 4);
	cr_assert_eq(facil_write_state(f, path, &err), 0, "%s", err);
	cr_assert_eq(stat(path, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600);
	o = facil_read_state(path, &err);
	cr_assert_not_null(o);
	cr_expect_eq(json_integer_value(json_object_get(o, "cur")), 4);
	json_decref(o);
	unlink(path);
	errno = 0;
	cr_expect_null(facil_read_state(path, &err));
	cr_expect_eq(errno, ENOENT);
	*strrchr(path, '/') = '\0';
	rmdir(path);
	rmdir(dir);
	free(path);
	facil_free(f);
}

Test(facil, resuming_with_the_roster_file_again_keeps_the_saved_marks)
{
	struct facil *f = day_session(), *g = day_session();
	char *err = NULL;
	json_t *saved;

	roster_add(f->roster, "Sam", "E1", &err);
	roster_add(f->roster, "Late one", NULL, &err);
	facil_mark_present(f, 0);
	go(f, 11);
	facil_mark_present(f, 1);
	saved = facil_save(f);
	roster_add(g->roster, "Sam", "E1", &err); /* from the file again */
	roster_add(g->roster, "Priya", NULL, &err);
	cr_assert_eq(facil_restore(g, saved, &err), 0);
	cr_expect_eq(g->roster->n, 3);
	cr_expect_eq(g->roster->v[0].state, ROSTER_PRESENT);
	cr_expect_eq(g->roster->v[1].state, ROSTER_EXPECTED);
	cr_expect_str_eq(g->roster->v[2].name, "Late one");
	cr_expect(g->roster->v[2].late);
	cr_expect_eq(g->roster->v[2].from, 2);
	json_decref(saved);
	facil_free(f);
	facil_free(g);
}
