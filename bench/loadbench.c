/*
 * loadbench: load + validate a content pack, against a bare libyaml parse
 * of the same files, measured in the same run.
 *
 *   loadbench [PACKDIR] [ROUNDS]
 *
 * Each round reads every file from disk in both cases (the page cache is
 * warm after the first).  Prints the best and the median time per pack of
 * each and their ratios; the goal is at most 1.5.  The best is the figure
 * least disturbed by other work on the machine.  The baseline only drives
 * libyaml's event parser, so it is the floor for any loader built on it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "benchutil.h"
#include "config.h"
#include "content.h"
#include "util.h"

/* Parse every file with libyaml's event API, doing nothing with events. */
static size_t
bare_parse(char **files, size_t n)
{
	size_t events = 0, i, len;
	yaml_parser_t p;
	yaml_event_t e;
	char *buf;
	int done;

	for (i = 0; i < n; i++) {
		buf = util_read_file(files[i], 1 << 24, &len);
		if (buf == NULL)
			continue;
		yaml_parser_initialize(&p);
		yaml_parser_set_input_string(&p, (unsigned char *)buf, len);
		for (done = 0; !done;) {
			if (!yaml_parser_parse(&p, &e))
				break;
			done = e.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&e);
			events++;
		}
		yaml_parser_delete(&p);
		free(buf);
	}
	return events;
}

int
main(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : WORKSHOP_SOURCE_DIR;
	int rounds = argc > 2 ? atoi(argv[2]) : 200, r;
	double *tb = xcalloc((size_t)rounds, sizeof *tb);
	double *tl = xcalloc((size_t)rounds, sizeof *tl);
	char **files;
	size_t n = bench_list_files(root, &files), events = 0;
	struct diags d;
	double t;

	if (n == 0 || rounds < 1) {
		fprintf(stderr, "loadbench: no content in %s\n", root);
		return 2;
	}
	for (r = 0; r < rounds; r++) {
		/* Alternate the order so neither side always runs warm. */
		t = bench_now();
		events = bare_parse(files, n);
		tb[r] = bench_now() - t;
		diags_init(&d);
		t = bench_now();
		content_free(content_load_dir(root, &d));
		tl[r] = bench_now() - t;
		if (d.n > 0) {
			fprintf(stderr, "loadbench: the pack has errors; run "
					"workshop validate\n");
			return 1;
		}
		diags_free(&d);
	}
	bench_sort(tb, (size_t)rounds);
	bench_sort(tl, (size_t)rounds);
	printf("loadbench: %zu files, %zu YAML events, %d rounds\n", n, events,
	       rounds);
	printf("  %-32s %10s %10s\n", "", "best", "median");
	printf("  %-32s %7.3f ms %7.3f ms\n", "baseline, bare libyaml parse",
	       tb[0] * 1e3, tb[rounds / 2] * 1e3);
	printf("  %-32s %7.3f ms %7.3f ms\n", "workshop load + validate",
	       tl[0] * 1e3, tl[rounds / 2] * 1e3);
	printf("  ratio: %.2f best, %.2f median (goal: at most 1.50)\n",
	       tl[0] / tb[0], tl[rounds / 2] / tb[rounds / 2]);
	bench_files_free(files, n);
	free(tb);
	free(tl);
	return 0;
}
