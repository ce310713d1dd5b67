/* test_layout.c: wrapping UTF-8 text to a width, scrolling, ASCII folding. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <locale.h>
#include <string.h>

#include "layout.h"

struct wcase {
	char name[48];
	char text[96];
	int width;
	size_t nlines;
	char first[48]; /* the first line's text */
	char last[48];	/* the last line's text */
};

ParameterizedTestParameters(layout, wraps)
{
	static struct wcase cases[] = {
	    {"short text is one line", "Hello there", 20, 1, "Hello there",
	     "Hello there"},
	    {"breaks at the last space that fits", "one two three four", 9, 3,
	     "one two", "four"},
	    {"a long word is cut", "abcdefghij", 4, 3, "abcd", "ij"},
	    {"newlines end lines and keep blank ones", "a\n\nb", 10, 3, "a",
	     "b"},
	    {"accented letters count one column each",
	     "caf\xc3\xa9 caf\xc3\xa9 caf\xc3\xa9", 9, 2,
	     "caf\xc3\xa9 caf\xc3\xa9", "caf\xc3\xa9"},
	    {"wide characters count two columns",
	     "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, 2,
	     "\xe6\x97\xa5\xe6\x9c\xac", "\xe8\xaa\x9e"},
	    {"a trailing newline adds no line", "end\n", 10, 1, "end", "end"},
	    {"spaces at a break are dropped", "aaa     bbb", 5, 2, "aaa",
	     "bbb"},
	};

	return cr_make_param_array(struct wcase, cases,
				   sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct wcase *c, layout, wraps)
{
	struct layout l;
	size_t i;

	setlocale(LC_ALL, "C.UTF-8");
	layout_init(&l);
	layout_wrap(&l, c->text, c->width, 0, 0, 0);
	cr_assert_eq(l.n, c->nlines, "%s: %zu lines", c->name, l.n);
	cr_expect(strlen(c->first) == l.v[0].len &&
		      memcmp(l.v[0].s, c->first, l.v[0].len) == 0,
		  "%s: first line \"%.*s\"", c->name, (int)l.v[0].len,
		  l.v[0].s);
	cr_expect(strlen(c->last) == l.v[l.n - 1].len &&
		      memcmp(l.v[l.n - 1].s, c->last, l.v[l.n - 1].len) == 0,
		  "%s: last line \"%.*s\"", c->name, (int)l.v[l.n - 1].len,
		  l.v[l.n - 1].s);
	for (i = 0; i < l.n; i++)
		cr_expect_leq(l.v[i].width, c->width, "%s: line %zu too wide",
			      c->name, i);
	layout_free(&l);
}

Test(layout, indents_count_in_the_width)
{
	struct layout l;

	layout_init(&l);
	layout_wrap(&l, "aa bb cc dd", 6, 2, 4, 7);
	cr_assert_eq(l.n, 4);
	cr_expect_eq(l.v[0].indent, 2);
	cr_expect_eq(l.v[1].indent, 4);
	cr_expect_eq(l.v[0].attr, 7);
	layout_free(&l);
}

Test(layout, scrolling_keeps_the_wanted_line_in_view)
{
	cr_expect_eq(layout_scroll_to(0, 3, 5), 0);
	cr_expect_eq(layout_scroll_to(0, 7, 5), 3);
	cr_expect_eq(layout_scroll_to(6, 2, 5), 2);
	cr_expect_eq(layout_clamp(50, 10, 4), 6);
	cr_expect_eq(layout_clamp(-3, 10, 4), 0);
	cr_expect_eq(layout_clamp(2, 3, 10), 0);
}

Test(layout, ascii_folding_keeps_meaning)
{
	char *a = layout_ascii("It\xe2\x80\x99s \xe2\x80\x9c"
			       "fine\xe2\x80\x9d "
			       "\xe2\x80\x94 caf\xc3\xa9\xe2\x80\xa6 "
			       "\xe2\x9c\x93 \xe6\x97\xa5");

	cr_expect_str_eq(a, "It's \"fine\" -- cafe... + ?");
	free(a);
}
