/* test_certificate.c: certificates made from signed records, read back
 * and compared. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "certificate.h"
#include "complog.h"
#include "sign.h"
#include "util.h"

static char dir[64];

/* A log with one record of type event (and a score for passed/failed);
 * returns its record line, without the newline (the caller's). */
static char *
record_line(const char *event, const char *learner)
{
	struct sign_keygen_opts o = {.unencrypted = true};
	struct sign_key *k;
	char err[300], *base, *keyf, *log, *text, *nl;
	bool quiz = strcmp(event, "passed") == 0 || strcmp(event, "failed") == 0;
	struct complog_record r = {
	    .event = event,
	    .learner = learner,
	    .staff_id = "S-1234",
	    .module = "law-quiz-module",
	    .module_title = "The Sex & the Law <quiz>",
	    .content_version = "3f0c8e4d1b2a9c7e6f5d4c3b2a1908f7e6d5c4b3a2918"
			       "0f7e6d5c4b3a291807",
	    .score = quiz ? (strcmp(event, "passed") == 0 ? 33 : 20) : -1,
	    .total = quiz ? 36 : -1,
	    .pass_mark = quiz ? 80 : -1,
	    .mode = "kiosk",
	    .when = 1796638323, /* 2026-12-07T10:12:03Z */
	};
	size_t len;

	strcpy(dir, "/tmp/workshop-cert-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	base = xasprintf("%s/k", dir);
	keyf = xasprintf("%s/k.key", dir);
	log = xasprintf("%s/log", dir);
	cr_assert_eq(sign_keygen(base, &o, NULL, err, sizeof err), 0, "%s", err);
	cr_assert_eq(sign_key_load(keyf, NULL, &k, err, sizeof err), 0, "%s",
		     err);
	cr_assert_eq(complog_append(log, k, &r, err, sizeof err), 0, "%s", err);
	text = util_read_file(log, 1 << 20, &len);
	cr_assert_not_null(text);
	/* The second line: the record after the genesis. */
	nl = strchr(text, '\n');
	cr_assert_not_null(nl);
	memmove(text, nl + 1, strlen(nl + 1) + 1);
	text[strcspn(text, "\n")] = '\0';
	sign_key_free(k);
	unlink(keyf);
	unlink(log);
	free(base);
	free(keyf);
	free(log);
	return text;
}

static void
cleanup(void)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	cr_expect_eq(system(cmd), 0);
	free(cmd);
}

Test(certificate, both_forms_name_the_learner_module_result_and_date,
     .fini = cleanup)
{
	char *line = record_line("passed", "Sam Lee"), err[300];
	struct certificate_src src = {line, strlen(line), "2026-11-23",
				      "England and Wales"};
	char *txt = certificate_make(&src, CERTIFICATE_TEXT, err, sizeof err);
	char *html = certificate_make(&src, CERTIFICATE_HTML, err, sizeof err);

	cr_assert_not_null(txt, "%s", err);
	cr_assert_not_null(html, "%s", err);
	cr_expect(strstr(txt, "Learner:         Sam Lee\n") != NULL, "%s", txt);
	cr_expect(strstr(txt, "Result:          passed, 33 of 36 (pass mark "
			      "80%)\n") != NULL);
	cr_expect(strstr(txt, "Date:            2026-12-07 10:12 UTC\n") !=
		  NULL);
	cr_expect(strstr(txt, "on 7 December 2026.") != NULL);
	cr_expect(strstr(txt, "Law reviewed:    2026-11-23, England and "
			      "Wales\n") != NULL);
	cr_expect(strstr(txt, line) != NULL, "the record is in the text");
	cr_expect(strstr(txt, "\u2588") != NULL, "a QR code is drawn");
	/* HTML escapes what the record holds, and carries the record. */
	cr_expect(strstr(html, "The Sex &amp; the Law &lt;quiz&gt;") != NULL);
	cr_expect(strstr(html, "<svg class=\"qr\"") != NULL);
	cr_expect(strstr(html, "http://") == NULL ||
		      strstr(html, "xmlns=\"http://www.w3.org/2000/svg\"") !=
			  NULL,
		  "no link but the SVG namespace");
	cr_expect(strstr(html, "@page { size: A4;") != NULL);
	free(txt);
	free(html);
	free(line);
}

Test(certificate, reads_back_and_matches_its_record_in_both_forms,
     .fini = cleanup)
{
	char *line = record_line("completed", "Jo Price"), err[300];
	struct certificate_src src = {line, strlen(line), "2026-11-23",
				      "England and Wales"};

	for (int form = CERTIFICATE_TEXT; form <= CERTIFICATE_HTML; form++) {
		char *doc = certificate_make(&src, form, err, sizeof err);
		struct certificate_read r;

		cr_assert_not_null(doc, "%s", err);
		cr_assert_eq(certificate_read(doc, strlen(doc), &r, err,
					      sizeof err),
			     0, "%s", err);
		cr_expect(!r.bare);
		cr_expect_eq((int)r.form, form);
		cr_expect_str_eq(r.line, line);
		cr_expect_str_eq(r.reviewed, "2026-11-23");
		cr_expect_str_eq(r.jurisdiction, "England and Wales");
		cr_expect_eq(certificate_compare(doc, strlen(doc), &r, err,
						 sizeof err),
			     0, "%s", err);
		certificate_read_free(&r);
		free(doc);
	}
	free(line);
}

Test(certificate, an_edited_name_or_result_is_a_difference_named_by_line,
     .fini = cleanup)
{
	char *line = record_line("passed", "Sam Lee"), err[300];
	struct certificate_src src = {line, strlen(line), NULL, NULL};
	const char *edits[][2] = {{"<strong>Sam Lee</strong>",
				   "<strong>Sam Leigh</strong>"},
				  {"<dd>passed, 33 of 36", "<dd>passed, 36 of 36"}};

	for (size_t i = 0; i < 2; i++) {
		char *doc = certificate_make(&src, CERTIFICATE_HTML, err,
					     sizeof err);
		char *at = strstr(doc, edits[i][0]), *bad;
		struct certificate_read r;

		cr_assert_not_null(at);
		*at = '\0';
		bad = xasprintf("%s%s%s", doc, edits[i][1],
				at + strlen(edits[i][0]));
		cr_assert_eq(certificate_read(bad, strlen(bad), &r, err,
					      sizeof err),
			     0);
		cr_expect_eq(certificate_compare(bad, strlen(bad), &r, err,
						 sizeof err),
			     1);
		cr_expect(strstr(err, edits[i][1]) != NULL, "%s", err);
		cr_expect(strstr(err, "its signed record makes") != NULL);
		certificate_read_free(&r);
		free(bad);
		free(doc);
	}
	free(line);
}

Test(certificate, a_bare_record_line_is_read_as_a_qr_code_holds_it,
     .fini = cleanup)
{
	char *line = record_line("passed", "Sam Lee"), err[300];
	char *withnl = xasprintf("%s\n", line);
	struct certificate_read r;

	cr_assert_eq(certificate_read(withnl, strlen(withnl), &r, err,
				      sizeof err),
		     0);
	cr_expect(r.bare);
	cr_expect_str_eq(r.line, line);
	certificate_read_free(&r);
	cr_expect_eq(certificate_read("hello\nworld\n", 12, &r, err,
				      sizeof err),
		     -1);
	cr_expect(strstr(err, "not a workshop certificate") != NULL);
	free(withnl);
	free(line);
}

Test(certificate, a_failed_attempt_has_none, .fini = cleanup)
{
	char *line = record_line("failed", "Sam Lee"), err[300];
	struct certificate_src src = {line, strlen(line), NULL, NULL};

	cr_expect_str_eq(certificate_refusal(line, strlen(line)),
			 "a failed attempt has no certificate");
	cr_expect_null(certificate_make(&src, CERTIFICATE_TEXT, err,
					sizeof err));
	cr_expect_str_eq(err, "a failed attempt has no certificate");
	cr_expect_str_eq(certificate_refusal("{}", 2),
			 "the record is not a valid log line");
	free(line);
}
