/*
 * benchutil.h: what the benchmarks share: the clock, the content pack's
 * files, medians, the machine's load, whole-process timing, and the raw
 * signature loop that verify is measured against.
 */
#ifndef WORKSHOP_BENCHUTIL_H
#define WORKSHOP_BENCHUTIL_H

#include <stddef.h>

/* Monotonic seconds. */
double bench_now(void);

/* The pack's YAML files under root (modules/, quizzes/, scenarios/), as
 * the loader finds them, into a fresh *out; returns how many. */
size_t bench_list_files(const char *root, char ***out);
void bench_files_free(char **files, size_t n);

/* Sort n doubles in place, ascending (the best is v[0], the median
 * v[n / 2]). */
void bench_sort(double *v, size_t n);

/* "load average (1 min) at the start: L on N CPUs" on standard output. */
void bench_print_load(void);

/*
 * Run argv (argv[0] a path) with the environment envp (NULL: this one),
 * standard input from /dev/null and its output thrown away; the seconds
 * from fork to exit, or -1 if it could not run or exited with a status
 * other than want.
 */
double bench_run(char *const argv[], char *const envp[], int want);

/* The signed messages and signatures of a log, for the raw loop. */
struct bench_raw {
	unsigned char (*sig)[64];
	unsigned char **msg;
	size_t *mlen;
	size_t n;
};

/* Read up to max lines of log (every line when max is 0); exits on an
 * unreadable log. */
void bench_raw_load(const char *log, size_t max, struct bench_raw *r);
void bench_raw_free(struct bench_raw *r);

/* Seconds for one pass of raw crypto_sign_verify_detached over r on this
 * thread; *ok counts the valid signatures. */
double bench_raw_pass(const struct bench_raw *r, const unsigned char *pk,
		      size_t *ok);

#endif
