/*
 * redraw: the cost of a keypress on a learner's screen, in instructions
 * per redraw under callgrind, against a bare ncurses full-screen redraw.
 *
 *   redraw                 run both cases under valgrind --tool=callgrind
 *                          and print instructions per redraw and the ratio
 *   redraw bare|learn N    one case with N redraws (what callgrind runs)
 *
 * The learner case runs the real screens (a quiz question of the fixture
 * pack, 100x30) and moves the focus up and down N times: each key is
 * mapped, handed to the session, laid out and drawn.  The bare case draws
 * a full screen of text with one line's highlight moving, N times: the
 * least any curses program does to show the same change.  Each case runs
 * with two N; the difference divided by the difference in N leaves out
 * start-up and content loading.  Output goes to /dev/null.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content.h"
#include "learn_ui.h"
#include "ui.h"
#include "util.h"

#define N1 200
#define N2 1200

static void
bare(long n)
{
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *sc = newterm("xterm-256color", out, in);
	long i;
	int y;

	for (i = 0; i < n; i++) {
		erase();
		for (y = 0; y < LINES - 1; y++) {
			if (y == 5 + (int)(i % 3))
				attrset(A_REVERSE);
			mvaddstr(y, 1,
				 "Consent means agreeing by choice, with the "
				 "freedom and capacity to choose.");
			attrset(A_NORMAL);
		}
		refresh();
	}
	endwin();
	delscreen(sc);
	fclose(out);
	fclose(in);
}

static void
learn(long n)
{
	char keys[] = "/tmp/workshop-redraw.XXXXXX";
	int fd = mkstemp(keys);
	FILE *kf = fdopen(fd, "w+"), *out = fopen("/dev/null", "w");
	struct learn_ui_opts o = {.name = "Bench", .module = "law"};
	struct diags d;
	struct ui u;
	long i;

	fputc('\r', kf); /* from the text step to the quiz */
	for (i = 0; i < n; i++)
		fputc(i % 2 == 0 ? 'j' : 'k', kf);
	rewind(kf);
	unlink(keys);
	diags_init(&d);
	o.content = content_load_dir(FIXTURES "/pack", &d);
	memset(&u, 0, sizeof u);
	if (o.content == NULL || d.n > 0 ||
	    !ui_begin_on(&u, "xterm-256color", out, kf)) {
		fprintf(stderr, "redraw: cannot set up\n");
		exit(2);
	}
	learn_ui_run(&u, &o); /* ends when the keys run out */
	ui_end();
	content_free(o.content);
	diags_free(&d);
	fclose(kf);
	fclose(out);
}

/* Instructions of "redraw MODE n" under callgrind, or -1. */
static double
measure(const char *self, const char *mode, long n)
{
	char out[] = "/tmp/workshop-callgrind.XXXXXX";
	char *cmd, line[512];
	double ir = -1;
	FILE *f;
	int fd = mkstemp(out);

	close(fd);
	cmd = xasprintf("valgrind --tool=callgrind --callgrind-out-file=%s "
			"%s %s %ld >/dev/null 2>&1",
			out, self, mode, n);
	if (system(cmd) == 0 && (f = fopen(out, "r")) != NULL) {
		while (fgets(line, sizeof line, f) != NULL)
			if (strncmp(line, "summary: ", 9) == 0 ||
			    strncmp(line, "totals: ", 8) == 0)
				ir = atof(strchr(line, ' ') + 1);
		fclose(f);
	}
	unlink(out);
	free(cmd);
	return ir;
}

int
main(int argc, char **argv)
{
	static const char *const modes[] = {"bare", "learn"};
	double per[2];
	int i;

	setenv("COLUMNS", "100", 1);
	setenv("LINES", "30", 1);
	setenv("XDG_STATE_HOME", "/tmp/workshop-redraw-state", 1);
	if (argc == 3) {
		if (strcmp(argv[1], "bare") == 0)
			bare(atol(argv[2]));
		else
			learn(atol(argv[2]));
		return 0;
	}
	for (i = 0; i < 2; i++) {
		double a = measure(argv[0], modes[i], N1);
		double b = measure(argv[0], modes[i], N2);

		if (a < 0 || b < 0) {
			fprintf(stderr, "redraw: valgrind failed\n");
			return 2;
		}
		per[i] = (b - a) / (N2 - N1);
		printf("%-6s %10.0f instructions per redraw (100x30)\n",
		       modes[i], per[i]);
	}
	printf("ratio learn/bare: %.2f\n", per[1] / per[0]);
	return 0;
}
