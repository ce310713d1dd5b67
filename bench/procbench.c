/*
 * procbench: whole processes, timed as a user meets them (fork to exit),
 * each against its baseline in the same run.
 *
 *   procbench verify WORKSHOP LOG PUB [ROUNDS]
 *       `WORKSHOP verify -k PUB LOG` (every CPU) against one core running
 *       raw crypto_sign_verify_detached over the same signatures, loaded
 *       beforehand (the baseline does no reading, parsing or hashing).
 *       The figure is how many times the raw single-core rate the whole
 *       process reaches: raw seconds / process seconds.
 *   procbench validate WORKSHOP YAMLPARSE CONTENT [ROUNDS]
 *       `WORKSHOP --content CONTENT validate` against YAMLPARSE, a bare
 *       libyaml parse of the same files in a process of its own.  The
 *       figure is process seconds / baseline seconds.
 *   procbench incremental WORKSHOP LOG PUB CHECKPOINT [ROUNDS]
 *       `WORKSHOP verify --checkpoint` of LOG, to which records were
 *       appended since the checkpoint file CHECKPOINT was written (a fresh
 *       copy of it each run), with --new and without, against `WORKSHOP
 *       verify` of the whole LOG.  The figures are incremental seconds /
 *       full seconds.
 *
 * Rounds alternate the two sides; the best and the median of each are
 * printed with their ratios and the machine's load and CPU count.  Exit 0,
 * 1 if a run failed (a log that did not verify, a pack with errors), 2 on
 * usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchutil.h"
#include "sign.h"
#include "util.h"

static int
usage(void)
{
	fprintf(stderr, "usage: procbench verify WORKSHOP LOG PUB [ROUNDS]\n"
			"       procbench validate WORKSHOP YAMLPARSE CONTENT "
			"[ROUNDS]\n"
			"       procbench incremental WORKSHOP LOG PUB "
			"CHECKPOINT [ROUNDS]\n");
	return 2;
}

static void
report(const char *what, const char *base, double *tw, double *tb, int rounds)
{
	bench_sort(tw, (size_t)rounds);
	bench_sort(tb, (size_t)rounds);
	printf("  %-44s %9s %9s\n", "", "best", "median");
	printf("  %-44s %6.1f ms %6.1f ms\n", base, tb[0] * 1e3,
	       tb[rounds / 2] * 1e3);
	printf("  %-44s %6.1f ms %6.1f ms\n", what, tw[0] * 1e3,
	       tw[rounds / 2] * 1e3);
}

static int
verify(char *workshop, char *log, char *pub, int rounds)
{
	char cmd[] = "verify", k[] = "-k";
	char *argv[] = {workshop, cmd, k, pub, log, NULL};
	double *tw = xcalloc((size_t)rounds, sizeof *tw);
	double *tb = xcalloc((size_t)rounds, sizeof *tb);
	struct sign_pub pk;
	struct bench_raw r;
	char err[300];
	size_t ok = 0;
	int bad = 0;

	if (sign_pub_load(pub, &pk, err, sizeof err) < 0) {
		fprintf(stderr, "procbench: %s\n", err);
		return 2;
	}
	bench_print_load();
	bench_raw_load(log, 0, &r);
	for (int i = 0; i < rounds; i++) {
		if (i % 2 == 0)
			tw[i] = bench_run(argv, NULL, 0);
		tb[i] = bench_raw_pass(&r, pk.pk, &ok);
		if (i % 2 == 1)
			tw[i] = bench_run(argv, NULL, 0);
		bad += tw[i] < 0 || ok != r.n;
	}
	printf("procbench verify: %zu records, %d rounds\n", r.n, rounds);
	report("workshop verify (the whole process)",
	       "raw signature checks, one core", tw, tb, rounds);
	printf("  verify reaches %.2fx (best) / %.2fx (median) the raw "
	       "single-core rate (goal: at least 1.80)\n",
	       tb[0] / tw[0], tb[rounds / 2] / tw[rounds / 2]);
	bench_raw_free(&r);
	free(tw);
	free(tb);
	return bad ? 1 : 0;
}

static int
validate(char *workshop, char *yamlparse, char *content, int rounds)
{
	char opt[] = "--content", cmd[] = "validate";
	char *wargv[] = {workshop, opt, content, cmd, NULL}, **files, **bargv;
	size_t n = bench_list_files(content, &files);
	double *tw = xcalloc((size_t)rounds, sizeof *tw);
	double *tb = xcalloc((size_t)rounds, sizeof *tb);
	int bad = 0;

	bargv = xcalloc(n + 2, sizeof *bargv);
	bargv[0] = yamlparse;
	memcpy(bargv + 1, files, n * sizeof *files);
	bench_print_load();
	for (int i = 0; i < rounds; i++) {
		if (i % 2 == 0)
			tw[i] = bench_run(wargv, NULL, 0);
		tb[i] = bench_run(bargv, NULL, 0);
		if (i % 2 == 1)
			tw[i] = bench_run(wargv, NULL, 0);
		bad += tw[i] < 0 || tb[i] < 0;
	}
	printf("procbench validate: %zu YAML files, %d rounds\n", n, rounds);
	report("workshop validate (the whole process)",
	       "bare libyaml parse (the whole process)", tw, tb, rounds);
	printf("  ratio: %.2f best, %.2f median (goal: at most 1.30)\n",
	       tw[0] / tb[0], tw[rounds / 2] / tb[rounds / 2]);
	bench_files_free(files, n);
	free(bargv);
	free(tw);
	free(tb);
	return bad ? 1 : 0;
}

/* Put the checkpoint's text back at path; false if it cannot be. */
static bool
checkpoint_copy(const char *path, const char *text, size_t len)
{
	FILE *fp = fopen(path, "w");
	bool ok = fp != NULL && fwrite(text, 1, len, fp) == len;

	return fp != NULL && fclose(fp) == 0 && ok;
}

/* One incremental run (with --new or not) from a fresh checkpoint copy. */
static double
incremental_run(char **argv, const char *copy, const char *text, size_t len)
{
	if (!checkpoint_copy(copy, text, len))
		return -1;
	return bench_run(argv, NULL, 0);
}

static int
incremental(char *workshop, char *log, char *pub, char *checkpoint, int rounds)
{
	char cmd[] = "verify", k[] = "-k", cpo[] = "--checkpoint",
	     nw[] = "--new", *copy = xasprintf("%s.run", checkpoint);
	char *full[] = {workshop, cmd, k, pub, log, NULL};
	char *only[] = {workshop, cmd, k, pub, cpo, copy, nw, log, NULL};
	char *all[] = {workshop, cmd, k, pub, cpo, copy, log, NULL};
	double *tf = xcalloc((size_t)rounds, sizeof *tf);
	double *tn = xcalloc((size_t)rounds, sizeof *tn);
	double *ta = xcalloc((size_t)rounds, sizeof *ta);
	size_t len;
	char *text = util_read_file(checkpoint, 1 << 24, &len);
	int bad = 0;

	if (text == NULL) {
		perror(checkpoint);
		return 2;
	}
	bench_print_load();
	for (int i = 0; i < rounds; i++) {
		if (i % 2 == 0)
			tf[i] = bench_run(full, NULL, 0);
		tn[i] = incremental_run(only, copy, text, len);
		ta[i] = incremental_run(all, copy, text, len);
		if (i % 2 == 1)
			tf[i] = bench_run(full, NULL, 0);
		bad += tf[i] < 0 || tn[i] < 0 || ta[i] < 0;
	}
	bench_sort(tf, (size_t)rounds);
	bench_sort(tn, (size_t)rounds);
	bench_sort(ta, (size_t)rounds);
	printf("procbench incremental: %d rounds\n", rounds);
	printf("  %-50s %10s %10s\n", "", "best", "median");
	printf("  %-50s %8.3f s %8.3f s\n", "verify (full)", tf[0],
	       tf[rounds / 2]);
	printf("  %-50s %8.3f s %8.3f s\n", "verify --checkpoint --new", tn[0],
	       tn[rounds / 2]);
	printf("  %-50s %8.3f s %8.3f s\n",
	       "verify --checkpoint (every record listed)", ta[0],
	       ta[rounds / 2]);
	printf("  --new: %.4f (best) / %.4f (median) of the full time (goal: "
	       "at most 0.03)\n",
	       tn[0] / tf[0], tn[rounds / 2] / tf[rounds / 2]);
	printf("  every record listed: %.4f (best) / %.4f (median) of the full "
	       "time\n",
	       ta[0] / tf[0], ta[rounds / 2] / tf[rounds / 2]);
	unlink(copy);
	free(copy);
	free(text);
	free(tf);
	free(tn);
	free(ta);
	return bad ? 1 : 0;
}

int
main(int argc, char **argv)
{
	if (sign_init() < 0 || argc < 2)
		return usage();
	if (strcmp(argv[1], "incremental") != 0 && argc == 6 &&
	    atoi(argv[5]) < 1)
		return usage();
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "verify") == 0)
		return verify(argv[2], argv[3], argv[4],
			      argc == 6 ? atoi(argv[5]) : 5);
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "validate") == 0)
		return validate(argv[2], argv[3], argv[4],
				argc == 6 ? atoi(argv[5]) : 50);
	if ((argc == 6 || argc == 7) && strcmp(argv[1], "incremental") == 0 &&
	    (argc == 6 || atoi(argv[6]) >= 1))
		return incremental(argv[2], argv[3], argv[4], argv[5],
				   argc == 7 ? atoi(argv[6]) : 3);
	return usage();
}
