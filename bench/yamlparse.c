/*
 * yamlparse: the baseline for `procbench validate`.  The least a program
 * can do to read the content pack: parse the YAML files named on the
 * command line with libyaml's event parser, doing nothing with the events,
 * and exit (status 1 if a file could not be parsed).
 *
 *   yamlparse FILE...
 */
#include <stdio.h>
#include <yaml.h>

static int
parse_file(const char *path)
{
	yaml_parser_t p;
	yaml_event_t e;
	int done = 0, ok = 1;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		return 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, fp);
	while (!done) {
		if (!yaml_parser_parse(&p, &e)) {
			ok = 0;
			break;
		}
		done = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	fclose(fp);
	return ok;
}

int
main(int argc, char **argv)
{
	int ok = 1;

	for (int i = 1; i < argc; i++)
		ok &= parse_file(argv[i]);
	return ok ? 0 : 1;
}
