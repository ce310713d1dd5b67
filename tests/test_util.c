/* test_util.c: UTF-8 checks, the printable-prefix scan, escaping, atomic
 * file replacement, and the streamed BLAKE2b. */
#include <criterion/criterion.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "digest.h"
#include "paths.h"
#include "util.h"

Test(util, plain_prefix_stops_at_each_control_byte_in_every_position)
{
	char buf[40];
	unsigned char bad[] = {0x00, 0x01, 0x09, 0x0b, 0x0d,
			       0x1b, 0x1f, 0x7f, 0x80, 0xc2};
	size_t pos, b;

	for (b = 0; b < sizeof bad; b++) {
		for (pos = 0; pos < sizeof buf; pos++) {
			memset(buf, 'a', sizeof buf);
			buf[pos] = (char)bad[b];
			cr_assert_eq(util_plain_prefix(buf, sizeof buf, true),
				     pos, "byte 0x%02x at %zu", bad[b], pos);
		}
	}
}

Test(util, plain_prefix_finds_a_control_byte_right_after_a_newline)
{
	/* Borrow from the newline must not hide the vertical tab. */
	const char *s = "abcdef\n\vxyzxyzxy";

	cr_expect_eq(util_plain_prefix(s, strlen(s), true), 7);
	cr_expect_eq(util_plain_prefix(s, strlen(s), false), 6);
	cr_expect_eq(util_plain_prefix("  \n  \n  \n  ", 11, true), 11);
}

Test(util, utf8_valid_rejects_overlongs_surrogates_and_truncation)
{
	size_t bad = 99;

	cr_expect(util_utf8_valid("plain ascii text, long enough", 29, NULL));
	cr_expect(util_utf8_valid("caf\xc3\xa9 \xe2\x9c\x93", 9, NULL));
	cr_expect_not(util_utf8_valid("abcdefgh\xc0\xaf", 10, &bad));
	cr_expect_eq(bad, 8);
	cr_expect_not(util_utf8_valid("\xed\xa0\x80", 3, &bad));
	cr_expect_eq(bad, 0);
	cr_expect_not(util_utf8_valid("ab\xe2\x9c", 4, &bad));
	cr_expect_eq(bad, 2);
	cr_expect_not(util_utf8_valid("\xf4\x90\x80\x80", 4, NULL));
}

Test(util, escape_text_makes_control_characters_visible)
{
	char *s = util_escape_text("a\x1b[2Jb\\c\xc2\x9b\n\xff", false);

	cr_expect_str_eq(s, "a\\x1b[2Jb\\\\c\\u009b\\x0a\\xff");
	free(s);
	s = util_escape_text("line\nnext", true);
	cr_expect_str_eq(s, "line\nnext");
	free(s);
}

Test(paths, write_atomic_replaces_the_file_and_sweeps_a_dead_writer_s_temp)
{
	char dir[] = "/tmp/workshop-atomic-XXXXXX", *path, *stale, *live, *text;
	const char *what = NULL;
	struct stat st;
	size_t len;
	pid_t dead, alive = getppid();

	cr_assert_not_null(mkdtemp(dir));
	path = xasprintf("%s/sub/p.progress", dir);
	cr_assert_eq(paths_write_atomic(path, "one\n", 4, 0600, &what), 0);
	cr_assert_eq(stat(path, &st), 0);
	cr_expect_eq(st.st_mode & 07777, 0600);

	/* A writer killed mid-write left its temporary file behind. */
	if ((dead = fork()) == 0)
		_exit(0);
	cr_assert_gt(dead, 0);
	waitpid(dead, NULL, 0);
	stale = xasprintf("%s.tmp-%ld", path, (long)dead);
	live = xasprintf("%s.tmp-%ld", path, (long)alive);
	cr_assert_eq(paths_write_atomic(stale, "x", 1, 0600, NULL), 0);
	cr_assert_eq(paths_write_atomic(live, "y", 1, 0600, NULL), 0);

	cr_assert_eq(paths_write_atomic(path, "two\n", 4, 0600, &what), 0);
	text = util_read_file(path, 100, &len);
	cr_expect_str_eq(text, "two\n");
	cr_expect_neq(access(stale, F_OK), 0, "the dead writer's file goes");
	cr_expect_eq(access(live, F_OK), 0, "a running writer's file stays");

	/* A failure leaves the file as it was and says what failed. */
	cr_expect_eq(paths_write_atomic("/proc/version", "z", 1, 0600, &what),
		     -1);
	cr_expect_str_eq(what, "write");
	free(text);
	text = xasprintf("rm -rf '%s'", dir);
	cr_expect_eq(system(text), 0);
	free(text);
	free(live);
	free(stale);
	free(path);
}

Test(util, escape_text_makes_format_characters_visible)
{
	/* A right-to-left override, a zero-width space, an isolate and a
	 * byte order mark; other text beyond ASCII is kept. */
	char *s = util_escape_text("Ann\xe2\x80\xaeSmith\xe2\x80\x8b"
				   "\xe2\x81\xa6x\xef\xbb\xbf Zo\xc3\xab",
				   false);

	cr_expect_str_eq(s, "Ann\\u202eSmith\\u200b\\u2066x\\ufeff Zo\xc3\xab");
	free(s);
	cr_expect(util_is_format_char(0x200f));
	cr_expect(util_is_format_char(0x2069));
	cr_expect_not(util_is_format_char(0x2010));
	cr_expect_not(util_is_format_char(0x2065));
}

/* ---- BLAKE2b ------------------------------------------------------------ */

Test(digest, blake2b_of_abc_is_rfc_7693_s_example)
{
	struct digest_b2b s;
	unsigned char h[64];
	char hex[129];

	digest_b2b_init(&s, 64);
	digest_b2b_update(&s, "abc", 3);
	digest_b2b_final(&s, h);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	cr_expect_str_eq(hex, "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b7"
			      "4b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc95"
			      "18d38aa8dbf1925ab92386edd4009923");
}

/* Every length around the block size, fed whole and in pieces, with each
 * output length: the digests libsodium gives. */
Test(digest, blake2b_streamed_gives_libsodium_s_digests)
{
	static const size_t outlens[] = {1, 16, 32, 48, 64};
	unsigned char data[1200], a[64], b[64];
	struct digest_b2b s, copy;

	cr_assert(sodium_init() >= 0);
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 131 + 7);
	for (size_t len = 0; len <= sizeof data; len += len < 300 ? 1 : 97)
		for (size_t k = 0; k < UTIL_NELEM(outlens); k++) {
			size_t out = outlens[k], cut = len / 3;

			digest_b2b_init(&s, out);
			digest_b2b_update(&s, data, cut);
			copy = s; /* the digest so far, and going on */
			digest_b2b_update(&s, data + cut, len - cut);
			digest_b2b_final(&s, a);
			crypto_generichash(b, out, data, len, NULL, 0);
			cr_assert_eq(memcmp(a, b, out), 0,
				     "length %zu, out %zu", len, out);
			digest_b2b_final(&copy, a);
			crypto_generichash(b, out, data, cut, NULL, 0);
			cr_assert_eq(memcmp(a, b, out), 0,
				     "length %zu, out %zu", cut, out);
		}
	/* Byte by byte. */
	digest_b2b_init(&s, 32);
	for (size_t i = 0; i < sizeof data; i++)
		digest_b2b_update(&s, data + i, 1);
	digest_b2b_final(&s, a);
	crypto_generichash(b, 32, data, sizeof data, NULL, 0);
	cr_expect_eq(memcmp(a, b, 32), 0);
}
