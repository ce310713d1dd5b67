/*
 * test_checkpoint.c: verify's checkpoint file: the head lines earlier
 * releases and workshop attend write, the prefix lines that let the next
 * verification check only what is new, the digest of the keys that signed
 * a prefix, and a damaged file named by its line.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkpoint.h"
#include "util.h"

#define LOG1 "781a5673e38706eb520d5be434788a31"
#define LOG2 "5fd7af226273801625d73376e298367c"
#define H1 "14a3f1417a2f14d7e609a1c5e7426202d9b5c696c55369435e2def8066c20646"
#define H2 "78e211e1bf85541acc4ca4e83fbfa56ac74c109657f56a761824570eb8784767"
#define K1 "f19154aa2e757452"
#define K2 "90293315f243cc24"
#define PREFIX1                                                                \
	"#workshop-prefix 1 " LOG1 " 940 " H1 " 433215 " H2 " 2 " K1 "," K2    \
	" " H2

static int
parse(const char *text, struct checkpoint *cp, char *err, size_t errlen)
{
	memset(cp, 0, sizeof *cp);
	return checkpoint_parse("cp", text, strlen(text), cp, err, errlen);
}

Test(checkpoint, head_lines_of_earlier_releases_and_of_attend_are_read)
{
	static const char text[] =
	    "# workshop verify checkpoint: each log's verified head\n"
	    "# workshop-checkpoint LOGID SEQ HASH [PATH]\n"
	    "workshop-checkpoint " LOG1 " 940 " H1 " /srv/logs/pc 1.log\n"
	    "\n"
	    "workshop-checkpoint " LOG2 " 3 " H2 "\n";
	struct checkpoint cp;
	char err[400];

	cr_assert_eq(parse(text, &cp, err, sizeof err), 0, "%s", err);
	cr_assert_eq(cp.n, 2);
	cr_expect_eq(cp.np, 0);
	cr_expect_str_eq(cp.v[0].log_id, LOG1);
	cr_expect_eq(cp.v[0].seq, 940);
	cr_expect_str_eq(cp.v[0].hash, H1);
	cr_expect_str_eq(cp.v[0].path, "/srv/logs/pc 1.log");
	cr_expect_null(cp.v[1].path);
	checkpoint_free(&cp);
}

Test(checkpoint, a_prefix_line_is_read_field_by_field)
{
	static const char text[] =
	    "workshop-checkpoint " LOG1 " 940 " H1 " /l\n" PREFIX1 "\n";
	struct checkpoint cp;
	char err[400];

	cr_assert_eq(parse(text, &cp, err, sizeof err), 0, "%s", err);
	cr_assert_eq(cp.np, 1);
	cr_expect_eq(cp.pv[0].version, 1);
	cr_expect_str_eq(cp.pv[0].log_id, LOG1);
	cr_expect_eq(cp.pv[0].seq, 940);
	cr_expect_str_eq(cp.pv[0].hash, H1);
	cr_expect_eq(cp.pv[0].bytes, 433215);
	cr_expect_str_eq(cp.pv[0].blake2b, H2);
	cr_expect_eq(cp.pv[0].recovered, 2);
	cr_assert_eq(cp.pv[0].nkeys, 2);
	cr_expect_str_eq(cp.pv[0].keys[0], K1);
	cr_expect_str_eq(cp.pv[0].keys[1], K2);
	cr_expect_str_eq(cp.pv[0].trust, H2);
	cr_expect_null(cp.pv[0].raw);
	checkpoint_free(&cp);
}

/* What is written reads back the same, in the form workshop-log(5) gives,
 * and an earlier release reads every prefix line as a comment. */
Test(checkpoint, what_is_written_reads_back_and_older_readers_skip_prefixes)
{
	static const char text[] =
	    "workshop-checkpoint " LOG2 " 3 " H2 "\n" PREFIX1 "\n"
	    "workshop-checkpoint " LOG1 " 940 " H1 " /l\n"
	    "workshop-checkpoint " LOG1 " 941 " H2 "\n";
	struct checkpoint cp, back;
	char err[400], *out, *again, *line;

	cr_assert_eq(parse(text, &cp, err, sizeof err), 0, "%s", err);
	out = checkpoint_format(&cp);
	/* The prefix follows its log's first head. */
	cr_expect(strstr(out,
			 "workshop-checkpoint " LOG1 " 940 " H1 " /l\n" PREFIX1
			 "\nworkshop-checkpoint " LOG1 " 941 ") != NULL,
		  "%s", out);
	cr_assert_eq(parse(out, &back, err, sizeof err), 0, "%s", err);
	cr_expect_eq(back.n, 3);
	cr_expect_eq(back.np, 1);
	again = checkpoint_format(&back);
	cr_expect_str_eq(out, again);
	for (line = out; *line != '\0'; line = strchr(line, '\n') + 1)
		cr_expect(line[0] == '#' ||
			      strncmp(line, "workshop-checkpoint ", 20) == 0,
			  "%s", line);
	free(out);
	free(again);
	checkpoint_free(&cp);
	checkpoint_free(&back);
}

/* A later release's prefix line is kept as it stands and not used; one
 * whose log has no head line any more is dropped. */
Test(checkpoint, another_version_s_line_is_kept_and_an_orphan_dropped)
{
	static const char text[] =
	    "workshop-checkpoint " LOG1 " 940 " H1 "\n"
	    "#workshop-prefix 7 " LOG1 " a future layout\n" PREFIX1 "x\n";
	static const char orphan[] =
	    "workshop-checkpoint " LOG2 " 3 " H2 "\n" PREFIX1 "\n";
	struct checkpoint cp;
	char err[400], *out;

	cr_expect_eq(parse(text, &cp, err, sizeof err), -1);
	cr_expect_str_eq(err, "cp:3: not a prefix line: TRUST '" H2
			      "x' is not 64 lower-case hex digits (expected "
			      "#workshop-prefix VERSION LOGID SEQ HASH BYTES "
			      "BLAKE2B RECOVERED KEYS TRUST)");
	checkpoint_free(&cp);
	cr_assert_eq(parse("workshop-checkpoint " LOG1 " 940 " H1 "\n"
			   "#workshop-prefix 7 " LOG1 " a future layout\n",
			   &cp, err, sizeof err),
		     0, "%s", err);
	cr_assert_eq(cp.np, 1);
	cr_expect_eq(cp.pv[0].version, 7);
	out = checkpoint_format(&cp);
	cr_expect(strstr(out, "\n#workshop-prefix 7 " LOG1
			      " a future layout\n") != NULL,
		  "%s", out);
	free(out);
	checkpoint_free(&cp);
	cr_assert_eq(parse(orphan, &cp, err, sizeof err), 0, "%s", err);
	out = checkpoint_format(&cp);
	cr_expect(strstr(out, "#workshop-prefix 1") == NULL, "%s", out);
	free(out);
	checkpoint_free(&cp);
}

struct bad {
	char text[1000];
	char want[300]; /* the message after "cp:" */
};

#define HEAD1 "workshop-checkpoint " LOG1 " 940 " H1 "\n"
#define FORM                                                                   \
	" (expected #workshop-prefix VERSION LOGID SEQ HASH BYTES BLAKE2B "    \
	"RECOVERED KEYS TRUST)"

ParameterizedTestParameters(checkpoint,
			    a_damaged_line_is_named_with_its_file_and_line)
{
	static struct bad cases[] = {
	    {"workshop-checkpoint " LOG1 " 940\n",
	     "1: not a checkpoint line (expected workshop-checkpoint LOGID SEQ "
	     "HASH [PATH])"},
	    {HEAD1 "workshop-checkpoint " LOG1 " -1 " H1 "\n",
	     "2: not a checkpoint line (expected workshop-checkpoint LOGID SEQ "
	     "HASH [PATH])"},
	    {HEAD1 "workshop-checkpoint " LOG1 " 1 " H1 "\r\n",
	     "2: not a checkpoint line (expected workshop-checkpoint LOGID SEQ "
	     "HASH [PATH])"},
	    {HEAD1 "#workshop-prefix one " LOG1 "\n",
	     "2: not a prefix line: VERSION 'one' is not a number" FORM},
	    {HEAD1 "#workshop-prefix 0 " LOG1 "\n",
	     "2: not a prefix line: VERSION '0' is not a number" FORM},
	    {HEAD1 "#workshop-prefix 1 " LOG1 " 940 " H1 "\n",
	     "2: not a prefix line: BYTES missing is not a number of bytes, 1 "
	     "or more" FORM},
	    {HEAD1 "#workshop-prefix 1 " LOG1 " 940 " H1 " 0 " H2 " 0 " K1
		   " " H2 "\n",
	     "2: not a prefix line: BYTES '0' is not a number of bytes, 1 or "
	     "more" FORM},
	    {HEAD1 "#workshop-prefix 1 " LOG1 " +940 " H1 " 9 " H2 " 0 " K1
		   " " H2 "\n",
	     "2: not a prefix line: SEQ '+940' is not a sequence number" FORM},
	    {HEAD1 "#workshop-prefix 1 " LOG1 " 940 " H1 " 9 " H2 " 0 " K1
		   "," K1 " " H2 "\n",
	     "2: not a prefix line: KEYS '" K1 "," K1
	     "' is not 1 to 63 key ids (16 lower-case hex digits) joined by "
	     "commas" FORM},
	    {HEAD1 "#workshop-prefix 1 " LOG1 " 940 " H1 " 9 " H2 " 0 "
		   "F19154AA2E757452 " H2 "\n",
	     "2: not a prefix line: KEYS 'F19154AA2E757452' is not 1 to 63 key "
	     "ids (16 lower-case hex digits) joined by commas" FORM},
	    {HEAD1 "#workshop-prefix 1 " LOG1 " 940 " H1 " 9 " H2 " 941 " K1
		   " " H2 "\n",
	     "2: not a prefix line: RECOVERED is more than SEQ" FORM},
	    {HEAD1 PREFIX1 " more\n",
	     "2: not a prefix line: more than TRUST" FORM},
	    {HEAD1 "#workshop-prefix 1  " LOG1 "\n",
	     "2: not a prefix line: LOGID '' is not 32 lower-case hex "
	     "digits" FORM},
	    {HEAD1 PREFIX1 "\n" PREFIX1 "\n",
	     "3: a second prefix line for log " LOG1},
	};

	return cr_make_param_array(struct bad, cases,
				   sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct bad *b, checkpoint,
		  a_damaged_line_is_named_with_its_file_and_line)
{
	struct checkpoint cp;
	char err[400];

	cr_expect_eq(parse(b->text, &cp, err, sizeof err), -1);
	cr_expect_str_eq(err + 3, b->want, "%s", err);
	cr_expect_eq(strncmp(err, "cp:", 3), 0);
	checkpoint_free(&cp);
}

Test(checkpoint, a_zero_byte_is_named)
{
	static const char text[] = HEAD1 "workshop\0checkpoint\n";
	struct checkpoint cp = {0};
	char err[400];

	cr_expect_eq(
	    checkpoint_parse("cp", text, sizeof text - 1, &cp, err, sizeof err),
	    -1);
	cr_expect_str_eq(err, "cp:2: not a checkpoint line (it holds a zero "
			      "byte)");
	checkpoint_free(&cp);
}

Test(checkpoint, a_file_that_cannot_be_read_is_named_and_a_missing_one_empty)
{
	struct checkpoint cp;
	char err[400];

	cr_expect_eq(checkpoint_load("/nonexistent/cp", &cp, err, sizeof err),
		     0);
	cr_expect(!cp.exists && cp.n == 0);
	checkpoint_free(&cp);
	cr_expect_eq(checkpoint_load("/", &cp, err, sizeof err), -1);
	cr_expect(strncmp(err, "/: ", 3) == 0, "%s", err);
	checkpoint_free(&cp);
}

/* The digest of the keys that signed a prefix, as workshop-log(5) defines
 * it, worked out here byte by byte. */
static void
digest_by_hand(const struct sign_trusted *t, size_t n, char out[65])
{
	crypto_generichash_state st;
	unsigned char h[32], be[8];
	unsigned long long w;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(
	    &st, (const unsigned char *)"workshop/v1/trust", 18);
	for (size_t i = 0; i < n; i++) {
		crypto_generichash_update(
		    &st, (const unsigned char *)t[i].pub.key_id, 16);
		crypto_generichash_update(&st, t[i].pub.pk, 32);
		for (int k = 0; k < 2; k++) {
			w = (unsigned long long)(k == 0 ? t[i].from
							: t[i].until);
			for (int b = 7; b >= 0; b--, w >>= 8)
				be[b] = (unsigned char)w;
			crypto_generichash_update(&st, be, 8);
		}
	}
	crypto_generichash_final(&st, h, 32);
	sodium_bin2hex(out, 65, h, 32);
}

Test(checkpoint, the_trust_digest_covers_each_signing_key_and_its_window)
{
	struct sign_trust t = {0};
	struct sign_pub a = {0}, b = {0};
	struct checkpoint_prefix p = {.nkeys = 2};
	char d1[65], d2[65], want[65];
	size_t missing = 99;

	cr_assert_eq(sodium_init() >= 0, 1);
	randombytes_buf(a.pk, 32);
	randombytes_buf(b.pk, 32);
	sign_key_id_of(a.pk, a.key_id);
	sign_key_id_of(b.pk, b.key_id);
	sign_trust_add(&t, &a, "pc1");
	sign_trust_add(&t, &b, "pc2");
	memcpy(p.keys[0], a.key_id, 17);
	memcpy(p.keys[1], b.key_id, 17);
	cr_assert_eq(checkpoint_trust_digest(&t, &p, d1, &missing), 0);
	digest_by_hand(t.v, 2, want);
	cr_expect_str_eq(d1, want);
	/* A window changed: another digest. */
	t.v[1].until = 1790000000;
	cr_assert_eq(checkpoint_trust_digest(&t, &p, d2, &missing), 0);
	cr_expect_str_neq(d1, d2);
	digest_by_hand(t.v, 2, want);
	cr_expect_str_eq(d2, want);
	/* Only the keys named count: a key trusted besides changes nothing. */
	p.nkeys = 1;
	cr_assert_eq(checkpoint_trust_digest(&t, &p, d1, &missing), 0);
	digest_by_hand(t.v, 1, want);
	cr_expect_str_eq(d1, want);
	/* A key no longer trusted is named. */
	p.nkeys = 2;
	strcpy(p.keys[1], "0000000000000000");
	cr_expect_eq(checkpoint_trust_digest(&t, &p, d1, &missing), -1);
	cr_expect_eq(missing, 1);
	sign_trust_free(&t);
}
