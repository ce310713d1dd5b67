/*
 * test_matrix.c: the training matrix: cell states against refresh
 * periods, and verify --format matrix / matrix-csv over records signed
 * with chosen dates.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_run.h"
#include "cmd.h"
#include "complog.h"
#include "matrix.h"
#include "sign.h"
#include "util.h"

Test(matrix, a_cell_is_current_due_overdue_or_never)
{
	struct when_period year = {1, WHEN_YEARS}, none = {0, WHEN_DAYS};
	long today = when_days("2026-12-07"), due;

	cr_expect_eq(matrix_state_of(-1, &year, today, 30, &due), MATRIX_NEVER);
	cr_expect_eq(due, -1);
	cr_expect_eq(
	    matrix_state_of(when_days("2026-06-01"), &year, today, 30, &due),
	    MATRIX_CURRENT);
	cr_expect_eq(due, when_days("2027-06-01"));
	/* Due on 2027-01-01: 25 days away. */
	cr_expect_eq(
	    matrix_state_of(when_days("2026-01-01"), &year, today, 30, &due),
	    MATRIX_DUE);
	cr_expect_eq(
	    matrix_state_of(when_days("2026-01-01"), &year, today, 20, &due),
	    MATRIX_CURRENT);
	/* Due today is still due; the day after, overdue. */
	cr_expect_eq(
	    matrix_state_of(when_days("2025-12-07"), &year, today, 0, &due),
	    MATRIX_DUE);
	cr_expect_eq(
	    matrix_state_of(when_days("2025-12-06"), &year, today, 0, &due),
	    MATRIX_OVERDUE);
	cr_expect_eq(
	    matrix_state_of(when_days("2000-01-01"), &none, today, 30, &due),
	    MATRIX_CURRENT, "no refresh period: never falls due");
}

static char dir[64];

static void
setup(void)
{
	strcpy(dir, "/tmp/workshop-matrix-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void
teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	cr_expect_eq(system(cmd), 0);
	free(cmd);
}

/* Sign one record of type event at a chosen day with key into log. */
static void
add(const char *log, const struct sign_key *k, const char *event,
    const char *learner, const char *staff, const char *module, const char *day)
{
	bool quiz =
	    strcmp(event, "passed") == 0 || strcmp(event, "failed") == 0;
	struct complog_record r = {
	    .event = event,
	    .learner = learner,
	    .staff_id = staff,
	    .module = module,
	    .module_title = module,
	    .content_version = "3f0c8e4d1b2a9c7e6f5d4c3b2a1908f7e6d5c4b3a2918"
			       "0f7e6d5c4b3a291807",
	    .score = quiz ? (event[0] == 'p' ? 2 : 1) : -1,
	    .total = quiz ? 2 : -1,
	    .pass_mark = quiz ? 80 : -1,
	    .mode = strcmp(event, "attended") == 0 ? "attend" : "kiosk",
	    .when = (time_t)when_days(day) * 86400 + 36000,
	};
	char err[300];

	cr_assert_eq(complog_append(log, k, &r, err, sizeof err), 0, "%s", err);
}

static struct sign_key *
key(const char *name, char **pub)
{
	struct sign_keygen_opts o = {.unencrypted = true};
	char *base = xasprintf("%s/%s", dir, name), *sec, err[300];
	struct sign_key *k;

	cr_assert_eq(sign_keygen(base, &o, NULL, err, sizeof err), 0, "%s",
		     err);
	sec = xasprintf("%s.key", base);
	cr_assert_eq(sign_key_load(sec, NULL, &k, err, sizeof err), 0, "%s",
		     err);
	*pub = xasprintf("%s.pub", base);
	free(sec);
	free(base);
	return k;
}

Test(matrix, verify_lists_overdue_first_and_counts_only_verified_records,
     .init = setup, .fini = teardown)
{
	char *pub, *other_pub, *log = xasprintf("%s/c.log", dir);
	char *other_log = xasprintf("%s/o.log", dir);
	struct sign_key *k = key("k", &pub), *o = key("o", &other_pub);
	struct cli_run r;

	/* law has "refresh: 12 months"; basics has none. */
	add(log, k, "passed", "Ann Smith", "S-1", "law", "2025-10-01");
	add(log, k, "completed", "Ann Smith", "S-1", "basics", "2025-10-01");
	add(log, k, "attended", "Bob Jones", NULL, "law", "2026-01-01");
	add(log, k, "completed", "Bob Jones", NULL, "basics", "2026-01-01");
	add(log, k, "completed", "Cat Lee", NULL, "basics", "2026-06-01");
	add(log, k, "failed", "Cat Lee", NULL, "law", "2026-06-02");
	add(log, k, "passed", "Dan Roe", "S-4", "law", "2025-11-01");
	add(log, k, "passed", "Dan R. Roe", "S-4", "law", "2026-11-01");
	add(log, k, "completed", "Dan Roe", "S-4", "basics", "2026-11-01");
	add(other_log, o, "passed", "Eve Untrusted", NULL, "law", "2026-11-01");
	r = CLI_RUN(cmd_verify, "-k", pub, "--content", FIXTURES "/pack",
		    "--format", "matrix-csv", "--as-of", "2026-12-07", log,
		    other_log);
	cr_expect_eq(r.rc, CLI_FAIL, "the untrusted log fails: %s", r.err);
	cr_expect_str_eq(
	    r.out,
	    "learner,staff_id,basics_state,basics_last,basics_due,law_state,"
	    "law_last,law_due\n"
	    "\"Ann Smith\",\"S-1\",\"current\",\"2025-10-01\",\"\","
	    "\"overdue\",\"2025-10-01\",\"2026-10-01\"\n"
	    "\"Cat Lee\",\"\",\"current\",\"2026-06-01\",\"\",\"never\",\"\","
	    "\"\"\n"
	    "\"Bob Jones\",\"\",\"current\",\"2026-01-01\",\"\",\"due\","
	    "\"2026-01-01\",\"2027-01-01\"\n"
	    "\"Dan Roe\",\"S-4\",\"current\",\"2026-11-01\",\"\",\"current\","
	    "\"2026-11-01\",\"2027-11-01\"\n");
	cli_run_free(&r);

	/* The table; a narrower window makes Bob current; one module. */
	r = CLI_RUN(cmd_verify, "-k", pub, "--content", FIXTURES "/pack",
		    "--format", "matrix", "--as-of", "2026-12-07",
		    "--due-within", "10", "--module", "law", log);
	cr_expect_eq(r.rc, CLI_OK, "%s", r.err);
	cr_expect(strstr(r.out, "LEARNER                      law\n") == r.out,
		  "%s", r.out);
	cr_expect(strstr(r.out, "Ann Smith (S-1)              overdue "
				"2025-10-01\n") != NULL,
		  "%s", r.out);
	cr_expect(strstr(r.out, "Bob Jones                    current "
				"2026-01-01\n") != NULL,
		  "%s", r.out);
	cr_expect(strstr(r.out, "basics") == NULL);
	cli_run_free(&r);

	r = CLI_RUN(cmd_verify, "-k", pub, "--format", "matrix", "--due-within",
		    "soon", log);
	cr_expect_eq(r.rc, CLI_USAGE);
	cr_expect(strstr(r.err, "--due-within: expected a number of days") !=
		  NULL);
	cli_run_free(&r);
	sign_key_free(k);
	sign_key_free(o);
	free(pub);
	free(other_pub);
	free(log);
	free(other_log);
}
