/*
 * facilbench: the facilitator's per-keypress and start-up costs, each
 * against a baseline measured in the same run.
 *
 *   facilbench [PACKDIR] [ROUNDS]
 *
 *   roster   roster_parse of 500 names with staff ids (and one of 1,000
 *            characters) against a bare memchr line split of the same
 *            bytes: the cost of the checks (UTF-8, control characters,
 *            duplicates).
 *   save     facil_write_state (JSON, temporary file, fsync, rename) of a
 *            session with 500 people and counts on every screen, against
 *            write + fsync + rename of the same bytes: what saving after
 *            every change adds to a keypress.
 *   step     one facil_handle(NEXT) plus the title and notes of the new
 *            screen, per screen of the day, against copying the title
 *            string: the core's share of a keypress.
 *
 * Prints the best time of each and the ratio against its baseline.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "facil.h"
#include "util.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *
roster_text(size_t *len)
{
	struct strbuf b;
	size_t i;

	strbuf_init(&b);
	strbuf_adds(&b, "# a large group\n");
	for (i = 0; i < 499; i++)
		strbuf_addf(&b, "Person number %zu Smith-Jones\tE%05zu\n", i,
			    i);
	for (i = 0; i < 1000; i++)
		strbuf_addc(&b, i % 7 == 6 ? ' ' : 'a' + (char)(i % 26));
	strbuf_addc(&b, '\n');
	*len = b.len;
	return strbuf_detach(&b);
}

static void
report(const char *what, double t, double base, const char *unit)
{
	printf("%-8s %10.1f %s   baseline %10.1f %s   ratio %.2f\n", what, t,
	       unit, base, unit, base > 0 ? t / base : 0);
}

static void
bench_roster(int rounds)
{
	size_t len, lines;
	char *text = roster_text(&len);
	double best = 1e9, base = 1e9, t;
	const char *p, *nl;
	int r;

	for (r = 0; r < rounds; r++) {
		struct roster *ro = roster_new();
		struct diags d;

		diags_init(&d);
		t = now();
		if (roster_parse(ro, "bench", text, len, &d) != 0 ||
		    ro->n != 500)
			abort();
		t = now() - t;
		best = t < best ? t : best;
		diags_free(&d);
		roster_free(ro);

		t = now();
		lines = 0;
		for (p = text; (nl = memchr(p, '\n', len - (size_t)(p - text)));
		     p = nl + 1) {
			char *copy = xstrndup(p, (size_t)(nl - p));

			lines += copy[0] != '#';
			free(copy);
		}
		t = now() - t;
		base = t < base ? t : base;
		if (lines != 500)
			abort();
	}
	report("roster", best * 1e6, base * 1e6, "us");
	free(text);
}

static struct facil *
big_session(struct content *c)
{
	struct facil *f = facil_new(c, NULL, 1);
	struct facil_event ev;
	char *err;
	size_t i;

	for (i = 0; i < 500; i++) {
		char name[64];

		snprintf(name, sizeof name, "Person %zu", i);
		roster_add(f->roster, name, NULL, &err);
		facil_mark_present(f, i);
	}
	for (i = 0; i < f->n; i++) {
		ev.type = FACIL_EV_GOTO;
		ev.index = (long)i;
		facil_handle(f, &ev, 100);
		ev.type = FACIL_EV_SET_COUNT;
		ev.index = 7;
		facil_handle(f, &ev, 100);
	}
	return f;
}

static void
bench_save(struct content *c, const char *dir, int rounds)
{
	struct facil *f = big_session(c);
	char *path = util_path_join(dir, "facilitate.json");
	char *tmp = util_path_join(dir, "bare.json");
	char *tmp2 = util_path_join(dir, "bare.json.new");
	char *err = NULL, *text;
	json_t *o = facil_save(f);
	double best = 1e9, base = 1e9, t;
	int r, fd;

	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	for (r = 0; r < rounds; r++) {
		t = now();
		if (facil_write_state(f, path, &err) != 0)
			abort();
		t = now() - t;
		best = t < best ? t : best;

		t = now();
		fd = open(tmp2, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || write(fd, text, strlen(text)) < 0 ||
		    fsync(fd) != 0 || close(fd) != 0 || rename(tmp2, tmp) != 0)
			abort();
		t = now() - t;
		base = t < base ? t : base;
	}
	report("save", best * 1e6, base * 1e6, "us");
	printf("         (%zu bytes of state, %zu people)\n", strlen(text),
	       f->roster->n);
	unlink(path);
	unlink(tmp);
	free(text);
	free(path);
	free(tmp);
	free(tmp2);
	facil_free(f);
}

static void
bench_step(struct content *c, int rounds)
{
	double best = 1e9, base = 1e9, t;
	struct facil *f;
	size_t i, n = 0;
	char *s;
	int r;

	for (r = 0; r < rounds; r++) {
		f = facil_new(c, NULL, 1);
		t = now();
		for (i = 0; i + 1 < f->n; i++) {
			facil_do(f, FACIL_EV_NEXT, 100);
			free(facil_title(f, facil_screen(f)));
			free(facil_notes(f, facil_screen(f)));
		}
		t = (now() - t) / (double)(f->n - 1);
		best = t < best ? t : best;
		n = f->n;

		t = now();
		for (i = 0; i + 1 < f->n; i++) {
			size_t sec = f->screens[i].section;

			s = xstrdup(sec < f->agenda->n ? f->agenda->v[sec].title
						       : "Attendance");
			free(s);
		}
		t = (now() - t) / (double)(f->n - 1);
		base = t < base ? t : base;
		facil_free(f);
	}
	report("step", best * 1e9, base * 1e9, "ns");
	printf("         (per screen, %zu screens in the day)\n", n);
}

int
main(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : WORKSHOP_SOURCE_DIR;
	int rounds = argc > 2 ? atoi(argv[2]) : 20;
	char dir[] = "/tmp/facilbench.XXXXXX";
	struct content *c;
	struct diags d;

	diags_init(&d);
	c = content_load_dir(root, &d);
	if (c == NULL || d.n != 0 || c->programme == NULL) {
		fprintf(stderr,
			"facilbench: %s: not a valid pack with a "
			"programme\n",
			root);
		return 2;
	}
	diags_free(&d);
	if (rounds < 1 || mkdtemp(dir) == NULL)
		return 2;
	bench_roster(rounds);
	bench_save(c, dir, rounds);
	bench_step(c, rounds);
	rmdir(dir);
	content_free(c);
	return 0;
}
