/*
 * firstscreen: the baseline for startbench.  The least a program can do to
 * show a first screen built from the content pack: parse the YAML files
 * named on the command line with libyaml's event parser, start curses,
 * draw one screen (a title, a line of text, a status line), and exit on a
 * key.
 *
 *   firstscreen FILE...
 */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static size_t
parse_file(const char *path)
{
	yaml_parser_t p;
	yaml_event_t e;
	size_t events = 0;
	int done = 0;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		return 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, fp);
	while (!done && yaml_parser_parse(&p, &e)) {
		done = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
		events++;
	}
	yaml_parser_delete(&p);
	fclose(fp);
	return events;
}

int
main(int argc, char **argv)
{
	size_t events = 0;
	wint_t ch;
	int rows, cols;

	setlocale(LC_ALL, "");
	for (int i = 1; i < argc; i++)
		events += parse_file(argv[i]);
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	getmaxyx(stdscr, rows, cols);
	mvprintw(0, 1, "First screen");
	mvprintw(2, 1, "%d files, %zu YAML events.", argc - 1, events);
	attron(A_REVERSE);
	mvhline(rows - 1, 0, ' ', cols);
	mvprintw(rows - 1, 1, "any key quits");
	attroff(A_REVERSE);
	refresh();
	get_wch(&ch);
	endwin();
	return 0;
}
