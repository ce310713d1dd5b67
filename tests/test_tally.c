/* test_tally.c: anonymous counts, bar layout, and saving them. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "tally.h"

Test(tally, counts_are_kept_per_key_and_never_go_below_zero)
{
	struct tally_set s;
	struct tally *t;

	tally_set_init(&s);
	t = tally_get(&s, "quiz/law/q1", 2);
	tally_add(t, 0, 1);
	tally_add(t, 0, 1);
	tally_add(t, 1, -3);
	tally_add(t, 7, 1); /* no such choice */
	cr_expect_eq(t->count[0], 2);
	cr_expect_eq(t->count[1], 0);
	t = tally_get(&s, "views/basics/2/0", TALLY_NVIEWS);
	tally_put(t, TALLY_UNSURE, 5);
	cr_expect_eq(s.n, 2);
	cr_expect_eq(tally_find(&s, "quiz/law/q1")->count[0], 2);
	cr_expect_eq(tally_total(tally_find(&s, "views/basics/2/0")), 5);
	cr_expect_null(tally_find(&s, "quiz/law/q2"));
	tally_set_free(&s);
}

Test(tally, counts_are_capped)
{
	struct tally_set s;
	struct tally *t;

	tally_set_init(&s);
	t = tally_get(&s, "k", 1);
	tally_put(t, 0, TALLY_MAX_COUNT + 50);
	cr_expect_eq(t->count[0], TALLY_MAX_COUNT);
	tally_add(t, 0, 1);
	cr_expect_eq(t->count[0], TALLY_MAX_COUNT);
	tally_clear(t);
	cr_expect_eq(tally_total(t), 0);
	tally_set_free(&s);
}

Test(tally, a_key_asked_for_with_another_size_keeps_what_fits)
{
	struct tally_set s;
	struct tally *t;

	tally_set_init(&s);
	t = tally_get(&s, "k", 3);
	tally_put(t, 0, 4);
	tally_put(t, 2, 9);
	t = tally_get(&s, "k", 5);
	cr_expect_eq(t->n, 5);
	cr_expect_eq(t->count[0], 4);
	cr_expect_eq(t->count[2], 9);
	cr_expect_eq(t->count[4], 0);
	tally_set_free(&s);
}

Test(tally, bars_scale_to_the_largest_and_percents_add_to_100)
{
	unsigned count[3] = {1, 1, 1};
	struct tally_bar b[3];

	tally_layout(count, 3, 1, 30, b);
	cr_expect_eq(b[0].cells, 30);
	cr_expect_eq(b[0].percent + b[1].percent + b[2].percent, 100);
	cr_expect_eq(b[0].percent, 34);
	cr_expect_eq(b[1].percent, 33);

	count[0] = 12, count[1] = 3, count[2] = 0;
	tally_layout(count, 3, 12, 40, b);
	cr_expect_eq(b[0].cells, 40);
	cr_expect_eq(b[1].cells, 10);
	cr_expect_eq(b[2].cells, 0);
	cr_expect_eq(b[0].percent, 80);
	cr_expect_eq(b[1].percent, 20);
	cr_expect_eq(b[2].percent, 0);
	cr_expect_eq(b[1].count, 3);
}

Test(tally, one_hand_is_never_an_invisible_bar)
{
	unsigned count[2] = {1, 200};
	struct tally_bar b[2];

	tally_layout(count, 2, 200, 20, b);
	cr_expect_eq(b[0].cells, 1);
	cr_expect_eq(b[1].cells, 20);
}

Test(tally, nothing_counted_gives_empty_bars_and_zero_percents)
{
	unsigned count[3] = {0, 0, 0};
	struct tally_bar b[3];

	tally_layout(count, 3, 0, 20, b);
	cr_expect_eq(b[0].cells + b[1].cells + b[2].cells, 0);
	cr_expect_eq(b[0].percent + b[1].percent + b[2].percent, 0);
}

Test(tally, a_shared_scale_lets_before_and_after_compare)
{
	unsigned before[2] = {6, 2}, after[2] = {1, 8};
	struct tally_bar b[2], a[2];

	tally_layout(before, 2, 8, 16, b);
	tally_layout(after, 2, 8, 16, a);
	cr_expect_eq(b[0].cells, 12);
	cr_expect_eq(a[1].cells, 16);
	cr_expect_eq(b[1].cells, 4);
}

Test(tally, saves_and_loads_as_json_and_skips_malformed_entries)
{
	struct tally_set s, back;
	json_t *o;
	char *text;

	tally_set_init(&s);
	tally_put(tally_get(&s, "rating/confidence/before/0", 5), 3, 7);
	tally_put(tally_get(&s, "quiz/law/q1", 2), 1, 4);
	o = tally_set_to_json(&s);
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	cr_expect_str_eq(text, "{\"quiz/law/q1\":[0,4],"
			       "\"rating/confidence/before/0\":[0,0,0,7,0]}");
	free(text);
	json_object_set_new(o, "bad", json_pack("[i,s]", 1, "x"));
	json_object_set_new(o, "neg", json_pack("[i]", -1));
	tally_set_init(&back);
	cr_expect_eq(tally_set_from_json(&back, o), 2);
	cr_expect_eq(back.n, 2);
	cr_expect_eq(tally_find(&back, "rating/confidence/before/0")->count[3],
		     7);
	json_decref(o);
	tally_set_free(&s);
	tally_set_free(&back);
}
