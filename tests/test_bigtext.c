/* test_bigtext.c: block-letter titles, scaled to the space given. */
#include <criterion/criterion.h>
#include <string.h>

#include "bigtext.h"

Test(bigtext, draws_letters_from_the_font)
{
	struct bigtext b;

	cr_assert(bigtext_render("Hi", 80, 10, 1, &b));
	cr_expect_eq(b.scale, 1);
	cr_expect_eq(b.height, 5);
	cr_assert_eq(b.width, 8); /* H is 4 wide, a gap, I is 3 */
	cr_expect_str_eq(b.rows[0], "#  # ###");
	cr_expect_str_eq(b.rows[2], "####  # ");
	cr_expect_str_eq(b.rows[4], "#  # ###");
	bigtext_free(&b);
}

Test(bigtext, lower_case_is_drawn_as_upper_case)
{
	struct bigtext a, b;
	unsigned i;

	bigtext_render("law", 80, 24, 1, &a);
	bigtext_render("LAW", 80, 24, 1, &b);
	cr_assert_eq(a.height, b.height);
	for (i = 0; i < a.height; i++)
		cr_expect_str_eq(a.rows[i], b.rows[i]);
	bigtext_free(&a);
	bigtext_free(&b);
}

Test(bigtext, is_1x_at_80x24_and_larger_at_200x60)
{
	struct bigtext small, big;

	/* The UI gives a title about a third of the screen's height. */
	cr_assert(bigtext_render("Welcome", 80, 8, BIGTEXT_MAX_SCALE, &small));
	cr_expect_eq(small.scale, 1);
	cr_expect_leq(small.width, 80);
	cr_assert(bigtext_render("Welcome", 200, 20, BIGTEXT_MAX_SCALE, &big));
	cr_expect_eq(big.scale, 4);
	cr_expect_leq(big.width, 200);
	cr_expect_eq(big.width, small.width * 4);
	cr_expect_eq(big.height, 20);
	bigtext_free(&small);
	bigtext_free(&big);
}

Test(bigtext, wraps_words_onto_lines_each_centred)
{
	struct bigtext b;
	unsigned i;

	/* "SEX AND THE LAW" is 63 pixels on one line: 40 columns wrap it. */
	cr_assert(bigtext_render("Sex and the law", 40, 24, 1, &b));
	cr_expect_eq(b.lines, 2);
	cr_expect_eq(b.height, 11);
	cr_expect_leq(b.width, 40);
	for (i = 0; i < b.height; i++)
		cr_expect_eq(strlen(b.rows[i]), b.width);
	/* The gap row between the lines is blank. */
	cr_expect_eq(strspn(b.rows[5], " "), b.width);
	bigtext_free(&b);
}

Test(bigtext, falls_back_to_plain_when_a_word_cannot_fit)
{
	struct bigtext b;

	cr_expect_not(bigtext_render("Confidentiality", 40, 24, 4, &b));
	cr_expect(b.plain);
	cr_expect_eq(b.height, 0);
	bigtext_free(&b);
}

Test(bigtext, falls_back_to_plain_when_the_lines_are_too_tall)
{
	struct bigtext b;

	cr_expect_not(bigtext_render("one two three", 20, 8, 4, &b));
	cr_expect(b.plain);
	bigtext_free(&b);
}

Test(bigtext, falls_back_to_plain_for_a_character_the_font_lacks)
{
	struct bigtext b;

	cr_expect_not(bigtext_render("Zo\xc3\xab", 80, 24, 1, &b));
	cr_expect(b.plain);
	cr_expect_not(bigtext_render("", 80, 24, 1, &b));
	bigtext_free(&b);
	cr_expect(bigtext_has_glyph(0x2019));
	cr_expect(bigtext_has_glyph('q'));
	cr_expect_not(bigtext_has_glyph(0xe9));
}

Test(bigtext, typographic_apostrophes_and_dashes_are_drawn)
{
	struct bigtext b;

	cr_expect(bigtext_render("Fred\xe2\x80\x99s \xe2\x80\x93 story", 200,
				 24, 1, &b));
	bigtext_free(&b);
}
