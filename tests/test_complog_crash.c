/*
 * test_complog_crash.c: the completion log survives appenders killed with
 * SIGKILL at random points, and a power cut in the middle of a line.
 *
 * Children append records in a loop with the real complog_append and a real
 * key, and after each append that returned success they send the record's
 * name to the parent over a pipe.  The parent kills them after a random
 * delay, hundreds of times.  Then every acknowledged record must be in the
 * log and verify, each exactly once, and the chain must be whole.
 *
 * The seed is printed; WORKSHOP_CRASH_SEED=N repeats a run's choices (the
 * kill points themselves depend on timing too).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "complog.h"
#include "sign.h"
#include "util.h"

static char dir[64];

static void
mkdir_tmp(void)
{
	strcpy(dir, "/tmp/workshop-crash-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void
rm_tmp(void)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	cr_expect_eq(system(cmd), 0);
	free(cmd);
}

static struct sign_key *
make_key(struct sign_pub *pub)
{
	struct sign_keygen_opts o = {.unencrypted = true};
	char *base = xasprintf("%s/k", dir), *sec = xasprintf("%s.key", base);
	char err[300];
	struct sign_key *k;

	cr_assert_eq(sign_keygen(base, &o, pub, err, sizeof err), 0, "%s", err);
	cr_assert_eq(sign_key_load(sec, NULL, &k, err, sizeof err), 0, "%s",
		     err);
	free(base);
	free(sec);
	return k;
}

/* A set of record names: what children acknowledged, what verify saw. */
struct names {
	char **v;
	size_t n, cap;
};

static void
names_add(struct names *s, const char *name)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	s->v[s->n++] = xstrdup(name);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
names_sort(struct names *s)
{
	if (s->n > 0)
		qsort(s->v, s->n, sizeof *s->v, cmp_str);
}

static bool
names_has(const struct names *s, const char *name)
{
	return s->n > 0 &&
	       bsearch(&name, s->v, s->n, sizeof *s->v, cmp_str) != NULL;
}

static void
names_free(struct names *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

/* What one verification found. */
struct seen {
	struct names learners;
	unsigned long recovered;
	unsigned long problems, torn;
	char first[400];
};

static void
on_record(const struct complog_entry *e, void *ctx)
{
	struct seen *s = ctx;

	if (e->learner != NULL)
		names_add(&s->learners, e->learner);
	if (strcmp(e->type, "recovered") == 0)
		s->recovered++;
}

static void
on_problem(const char *path, unsigned long line, bool torn, const char *reason,
	   void *ctx)
{
	struct seen *s = ctx;

	if (s->problems++ == 0)
		snprintf(s->first, sizeof s->first, "%s:%lu: %s", path, line,
			 reason);
	s->torn += torn;
}

static int
verify(const char *log, const struct sign_trust *t, struct seen *s,
       struct complog_verify_result *res)
{
	struct complog_verify_opts o = {.trust = t,
					.threads = 2,
					.on_record = on_record,
					.on_problem = on_problem,
					.ctx = s};
	int r;

	memset(s, 0, sizeof *s);
	r = complog_verify(log, &o, res);
	names_sort(&s->learners);
	return r;
}

/* One record's name as a child sends it: fixed size, so one write. */
struct ack {
	char name[48];
};

static void
append_one(const char *log, const struct sign_key *k, const char *name)
{
	char err[300];
	struct complog_record r = {.event = "completed",
				   .learner = name,
				   .module = "law",
				   .module_title = "Sex and the law",
				   .content_version = "abc123",
				   .score = -1,
				   .total = -1,
				   .pass_mark = -1,
				   .mode = "learner"};

	if (complog_append(log, k, &r, err, sizeof err) < 0) {
		fprintf(stderr, "append failed: %s\n", err);
		_exit(1);
	}
}

/* Append records named TAG-0, TAG-1, ... until killed. */
static void
child_loop(const char *log, const struct sign_key *k, const char *tag, int fd)
{
	struct ack a;

	for (unsigned i = 0;; i++) {
		memset(&a, 0, sizeof a);
		snprintf(a.name, sizeof a.name, "%s-%u", tag, i);
		append_one(log, k, a.name);
		if (write(fd, &a, sizeof a) != (ssize_t)sizeof a)
			_exit(1);
	}
}

static void
sleep_us(long us)
{
	struct timespec ts = {us / 1000000, (us % 1000000) * 1000};

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/*
 * One round: start nkids appenders, kill each with SIGKILL after a random
 * delay of up to max_us, and collect what they acknowledged.
 */
static void
kill_round(const char *log, const struct sign_key *k, int round, int nkids,
	   long max_us, struct names *acked)
{
	pid_t pid[4];
	int fds[2], st;
	char tag[32];
	struct ack a;

	cr_assert_eq(pipe(fds), 0);
	for (int c = 0; c < nkids; c++) {
		snprintf(tag, sizeof tag, "r%d-c%d", round, c);
		if ((pid[c] = fork()) == 0) {
			close(fds[0]);
			child_loop(log, k, tag, fds[1]);
		}
		cr_assert_gt(pid[c], 0);
	}
	close(fds[1]);
	for (int c = 0; c < nkids; c++) {
		sleep_us(rand() % (max_us + 1));
		kill(pid[c], SIGKILL);
	}
	for (int c = 0; c < nkids; c++) {
		cr_assert_eq(waitpid(pid[c], &st, 0), pid[c]);
		cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
			  "an appender ended by itself (status %d)", st);
	}
	while (read(fds[0], &a, sizeof a) == (ssize_t)sizeof a)
		names_add(acked, a.name);
	close(fds[0]);
}

static unsigned
crash_seed(void)
{
	const char *env = getenv("WORKSHOP_CRASH_SEED");
	unsigned seed = env ? (unsigned)strtoul(env, NULL, 10)
			    : (unsigned)time(NULL) ^ (unsigned)getpid();

	cr_log_info("WORKSHOP_CRASH_SEED=%u", seed);
	srand(seed);
	return seed;
}

/*
 * Microseconds one append takes here (a few timed in this process, their
 * names added to acked), so kills land inside appends however fast the
 * disk and however slow a sanitizer build.
 */
static long
append_us(const char *log, const struct sign_key *k, struct names *acked)
{
	struct timespec t0, t1;
	char name[32];
	long us;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "timing-%d", i);
		append_one(log, k, name);
		names_add(acked, name);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	us = ((t1.tv_sec - t0.tv_sec) * 1000000L +
	      (t1.tv_nsec - t0.tv_nsec) / 1000) /
	     5;
	cr_log_info("one append takes %ld us", us);
	return us < 100 ? 100 : us;
}

/* Every acknowledged name is in seen, and no name is there twice. */
static void
expect_all_present(const struct names *acked, const struct seen *s)
{
	size_t missing = 0;

	for (size_t i = 0; i < acked->n; i++)
		if (!names_has(&s->learners, acked->v[i]) && missing++ < 5)
			cr_log_error("acknowledged but missing: %s",
				     acked->v[i]);
	cr_expect_eq(missing, 0, "%zu acknowledged records are missing",
		     missing);
	for (size_t i = 1; i < s->learners.n; i++)
		cr_expect_neq(strcmp(s->learners.v[i - 1], s->learners.v[i]), 0,
			      "%s is in the log twice", s->learners.v[i]);
}

/* Cut the log off halfway through a copy of its last line. */
static size_t
tear_tail(const char *log)
{
	size_t n, start;
	char *text = util_read_file(log, 1 << 28, &n);
	FILE *fp;

	cr_assert_not_null(text);
	cr_assert(n > 1 && text[n - 1] == '\n', "the log ends mid-line");
	for (start = n - 1; start > 0 && text[start - 1] != '\n'; start--)
		;
	fp = fopen(log, "a");
	cr_assert_not_null(fp);
	cr_assert_eq(fwrite(text + start, 1, (n - start) / 2, fp),
		     (n - start) / 2);
	fclose(fp);
	free(text);
	return (n - start) / 2;
}

TestSuite(crash, .init = mkdir_tmp, .fini = rm_tmp, .timeout = 120);

Test(crash, every_acknowledged_record_survives_appenders_killed_at_random)
{
	struct sign_pub pub;
	struct sign_key *k = make_key(&pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct names acked = {0};
	struct seen s;
	char *log = xasprintf("%s/state/c.log", dir);
	int rounds = 300;

	long us;

	crash_seed();
	us = append_us(log, k, &acked);
	/*
	 * One appender, then two racing for the lock; up to ~3 appends.  On
	 * a loaded machine an append can take longer than it did when timed,
	 * so rounds go on, up to ten times as many, until a quarter of them
	 * got a record acknowledged.
	 */
	for (int r = 0;
	     r < rounds || (acked.n <= (size_t)rounds / 4 && r < 10 * rounds);
	     r++)
		kill_round(log, k, r, 1 + r % 2, r % 10 == 0 ? us / 4 : 3 * us,
			   &acked);
	names_sort(&acked);
	cr_log_info("%zu records acknowledged in %d rounds", acked.n, rounds);
	cr_assert_gt(acked.n, 5 + (size_t)rounds / 10,
		     "the appenders got nowhere");

	sign_trust_add(&t, &pub, "station");
	cr_expect_leq(verify(log, &t, &s, &res), 1);
	/* A kill cannot tear a write(2), but a torn tail is all it may be. */
	cr_expect_eq(s.problems, s.torn, "%s", s.first);
	cr_expect_eq(res.head_seq + 1, (long long)res.records);
	expect_all_present(&acked, &s);
	cr_expect_leq(s.learners.n, acked.n + (size_t)rounds * 2,
		      "more records than appends");

	/* The next append sets any torn tail aside, and the log verifies. */
	append_one(log, k, "after");
	names_free(&s.learners);
	cr_expect_eq(verify(log, &t, &s, &res), 0, "%s", s.first);
	expect_all_present(&acked, &s);
	names_free(&s.learners);
	names_free(&acked);
	sign_trust_free(&t);
	sign_key_free(k);
	free(log);
}

Test(crash, a_torn_tail_is_recovered_even_when_the_recovery_is_killed)
{
	struct sign_pub pub;
	struct sign_key *k = make_key(&pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct names acked = {0};
	struct seen s;
	char *log = xasprintf("%s/c.log", dir);
	unsigned long tears = 0;
	int rounds = 200;

	long us;

	crash_seed();
	us = append_us(log, k, &acked);
	sign_trust_add(&t, &pub, "station");
	for (int r = 0; r < rounds; r++) {
		/* A power cut mid-line, unless the last one is still there. */
		struct stat st;
		char last;
		FILE *fp = fopen(log, "r");

		cr_assert_not_null(fp);
		cr_assert_eq(stat(log, &st), 0);
		fseek(fp, st.st_size - 1, SEEK_SET);
		last = (char)fgetc(fp);
		fclose(fp);
		if (last == '\n') {
			tear_tail(log);
			tears++;
			cr_expect_eq(verify(log, &t, &s, &res), 1);
			cr_expect_eq(s.problems, 1);
			cr_expect_eq(s.torn, 1, "%s", s.first);
			names_free(&s.learners);
		}
		kill_round(log, k, r, 1, r % 4 == 0 ? us / 2 : 6 * us, &acked);
	}
	names_sort(&acked);
	cr_log_info("%lu tears, %zu records acknowledged", tears, acked.n);

	append_one(log, k, "after");
	cr_expect_eq(verify(log, &t, &s, &res), 0, "%s", s.first);
	cr_expect_eq(res.head_seq + 1, (long long)res.records);
	expect_all_present(&acked, &s);
	/*
	 * Every tear set aside left a signed "recovered" record in the log,
	 * wherever its appender was killed.  A recovery killed between
	 * writing over a longer fragment and cutting off the fragment's rest
	 * leaves that rest as a new torn tail, which the next append recovers
	 * with a record of its own: so at least one record per tear.
	 */
	cr_expect_geq(s.recovered, tears, "%lu tears but %lu recovered records",
		      tears, s.recovered);
	cr_log_info("%lu recovered records", s.recovered);
	names_free(&s.learners);
	names_free(&acked);
	sign_trust_free(&t);
	sign_key_free(k);
	free(log);
}

Test(crash, a_log_torn_inside_its_first_line_starts_again_with_a_note)
{
	struct sign_pub pub;
	struct sign_key *k = make_key(&pub);
	struct sign_trust t = {0};
	struct complog_verify_result res;
	struct seen s;
	char *log = xasprintf("%s/c.log", dir);
	char *side = xasprintf("%s.torn-0", log), *frag;
	size_t n;
	FILE *fp = fopen(log, "w");

	/* The power went while the genesis record was being written. */
	cr_assert_not_null(fp);
	fputs("{\"sig\":\"AAAA", fp);
	fclose(fp);
	append_one(log, k, "first");
	sign_trust_add(&t, &pub, "station");
	cr_expect_eq(verify(log, &t, &s, &res), 0, "%s", s.first);
	cr_expect_eq(res.records, 3, "genesis, recovered, the record");
	cr_expect_eq(s.recovered, 1);
	frag = util_read_file(side, 1 << 20, &n);
	cr_assert_not_null(frag, "the fragment is kept beside the log");
	cr_expect_eq(n, 12);
	free(frag);
	names_free(&s.learners);
	sign_trust_free(&t);
	sign_key_free(k);
	free(side);
	free(log);
}
