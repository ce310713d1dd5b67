/*
 * startbench: time to first screen.  `workshop` (the home screen) against
 * firstscreen, a minimal curses program that parses the same YAML files
 * with libyaml and draws one screen, both measured in the same run.
 *
 *   startbench [ROUNDS]
 *
 * Each run starts the program in an 80x24 pseudo-terminal (forkpty) with
 * "q" already typed, and times it from fork to exit: start-up, loading the
 * pack, starting curses, drawing the first screen, reading the key,
 * restoring the terminal.  The screen's text is checked, so a run that did
 * not draw counts as a failure.  The programs alternate, and each gets a
 * fresh, empty HOME so no saved progress or key is read.  Prints the best
 * and the median of each and their ratios; the goal is at most 1.5.
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchutil.h"
#include "config.h"
#include "util.h"

/* What the terminal showed, kept whole (the screens are small). */
struct seen {
	char buf[1 << 16];
	size_t len;
};

static void
seen_add(struct seen *s, const char *p, size_t n)
{
	if (n > sizeof s->buf - 1 - s->len)
		n = sizeof s->buf - 1 - s->len;
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

/*
 * Run argv in an 80x24 pseudo-terminal with "q" typed ahead; the seconds
 * from fork to exit, or -1 if it failed or want never showed.
 */
static double
run_once(char *const argv[], char *const envp[], const char *want, int *resends)
{
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	struct seen *s = xcalloc(1, sizeof *s);
	struct pollfd pfd;
	char buf[4096];
	int master, st, r;
	ssize_t n;
	pid_t pid;
	double t0 = bench_now(), t;

	pid = forkpty(&master, NULL, NULL, &ws);
	if (pid < 0) {
		perror("startbench: forkpty");
		exit(2);
	}
	if (pid == 0) {
		execve(argv[0], argv, envp);
		_exit(127);
	}
	if (write(master, "q", 1) != 1)
		perror("startbench: write");
	pfd.fd = master;
	pfd.events = POLLIN;
	for (;;) {
		r = poll(&pfd, 1, 2000);
		if (r == 0) {
			/* Lost typeahead: type it again, and say so. */
			(*resends)++;
			if (write(master, "q", 1) != 1)
				break;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		n = read(master, buf, sizeof buf);
		if (n <= 0)
			break; /* EIO: the program has gone */
		seen_add(s, buf, (size_t)n);
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	t = bench_now() - t0;
	close(master);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 ||
	    strstr(s->buf, want) == NULL) {
		fprintf(stderr, "startbench: %s: status %d, \"%s\" %s\n",
			argv[0], st, want,
			strstr(s->buf, want) ? "shown" : "never shown");
		t = -1;
	}
	free(s);
	return t;
}

int
main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 100, resends = 0;
	char **files, home[] = "/tmp/startbench-XXXXXX", *env[8];
	char content[] = "--content", root[] = WORKSHOP_SOURCE_DIR;
	char workshop[] = WORKSHOP_BIN, first[] = FIRSTSCREEN_BIN;
	size_t n = bench_list_files(root, &files);
	char **wargv = xcalloc(4, sizeof *wargv);
	char **fargv = xcalloc(n + 2, sizeof *fargv);
	double *tw, *tf;
	int bad = 0;

	if (rounds < 1 || n == 0 || mkdtemp(home) == NULL) {
		fprintf(stderr, "usage: startbench [ROUNDS] (content in %s)\n",
			root);
		return 2;
	}
	tw = xcalloc((size_t)rounds, sizeof *tw);
	tf = xcalloc((size_t)rounds, sizeof *tf);
	env[0] = xasprintf("HOME=%s", home);
	env[1] = xasprintf("XDG_CONFIG_HOME=%s/config", home);
	env[2] = xasprintf("XDG_STATE_HOME=%s/state", home);
	env[3] = xstrdup("TERM=xterm-256color");
	env[4] = xstrdup("LANG=C.UTF-8");
	env[5] = xstrdup("LC_ALL=C.UTF-8");
	env[6] = xasprintf("PATH=%s", getenv("PATH") ? getenv("PATH") : "");
	env[7] = NULL;
	wargv[0] = workshop;
	wargv[1] = content;
	wargv[2] = root;
	fargv[0] = first;
	for (size_t i = 0; i < n; i++)
		fargv[i + 1] = files[i];
	for (int r = 0; r < rounds; r++) {
		/* Alternate which goes first. */
		if (r % 2 == 0) {
			tw[r] = run_once(wargv, env, "Who is using", &resends);
			tf[r] = run_once(fargv, env, "First screen", &resends);
		} else {
			tf[r] = run_once(fargv, env, "First screen", &resends);
			tw[r] = run_once(wargv, env, "Who is using", &resends);
		}
		bad += tw[r] < 0 || tf[r] < 0;
	}
	bench_sort(tw, (size_t)rounds);
	bench_sort(tf, (size_t)rounds);
	printf(
	    "startbench: time to first screen, %zu YAML files, %d rounds%s\n",
	    n, rounds, resends ? " (typeahead lost and typed again)" : "");
	printf("  %-40s %10s %10s\n", "", "best", "median");
	printf("  %-40s %7.2f ms %7.2f ms\n",
	       "baseline, libyaml + one curses screen", tf[0] * 1e3,
	       tf[rounds / 2] * 1e3);
	printf("  %-40s %7.2f ms %7.2f ms\n", "workshop, home screen",
	       tw[0] * 1e3, tw[rounds / 2] * 1e3);
	printf("  ratio: %.2f best, %.2f median (goal: at most 1.50)\n",
	       tw[0] / tf[0], tw[rounds / 2] / tf[rounds / 2]);
	rmdir(home); /* the programs write nothing there */
	for (int i = 0; env[i] != NULL; i++)
		free(env[i]);
	bench_files_free(files, n);
	free(wargv);
	free(fargv);
	free(tw);
	free(tf);
	if (bad > 0) {
		fprintf(stderr, "startbench: %d rounds failed\n", bad);
		return 1;
	}
	return 0;
}
