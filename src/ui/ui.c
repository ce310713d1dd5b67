/* ui.c: curses set-up, the main loop, help, status line, drawing helpers. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "ui.h"

#include <curses.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "lawtag.h"
#include "util.h"

#define KEY_ESC 27
#define KEY_CTRL(c) ((c)&0x1f)

const struct ui_key ui_global_keys[] = {
    {.code = '\n',
     .action = UI_NEXT,
     .name = "Enter Space l Right",
     .help = "go on: reveal the next point, choose, next screen"},
    {.code = '\r', .action = UI_NEXT},
    {.code = ' ', .action = UI_NEXT},
    {.code = 'l', .action = UI_NEXT},
    {.code = KEY_ENTER, .func = true, .action = UI_NEXT},
    {.code = KEY_RIGHT, .func = true, .action = UI_NEXT},
    {.code = KEY_BACKSPACE,
     .func = true,
     .action = UI_BACK,
     .name = "Backspace b h Left",
     .help = "go back"},
    {.code = 127, .action = UI_BACK},
    {.code = 8, .action = UI_BACK},
    {.code = 'b', .action = UI_BACK},
    {.code = 'h', .action = UI_BACK},
    {.code = KEY_LEFT, .func = true, .action = UI_BACK},
    {.code = KEY_UP,
     .func = true,
     .action = UI_UP,
     .name = "Up k",
     .help = "previous choice, or scroll up"},
    {.code = 'k', .action = UI_UP},
    {.code = KEY_DOWN,
     .func = true,
     .action = UI_DOWN,
     .name = "Down j",
     .help = "next choice, or scroll down"},
    {.code = 'j', .action = UI_DOWN},
    {.code = KEY_PPAGE,
     .func = true,
     .action = UI_PGUP,
     .name = "PgUp",
     .help = "scroll up a page"},
    {.code = KEY_NPAGE,
     .func = true,
     .action = UI_PGDN,
     .name = "PgDn",
     .help = "scroll down a page"},
    {.code = KEY_HOME,
     .func = true,
     .action = UI_TOP,
     .name = "Home g",
     .help = "scroll to the top"},
    {.code = 'g', .action = UI_TOP},
    {.code = KEY_END,
     .func = true,
     .action = UI_BOTTOM,
     .name = "End G",
     .help = "scroll to the bottom"},
    {.code = 'G', .action = UI_BOTTOM},
    {.code = '?',
     .action = UI_HELP,
     .name = "?",
     .help = "this help (any key closes it)"},
    {.code = 'q',
     .action = UI_QUIT,
     .name = "q",
     .help = "quit (asks first if work would be lost)"},
    {.code = 0},
};

static volatile sig_atomic_t ui_signal;
static bool ui_active;
static SCREEN *ui_screen;

static void
on_signal(int sig)
{
	ui_signal = sig;
}

void
ui_end(void)
{
	if (ui_active) {
		endwin();
		delscreen(ui_screen);
		ui_screen = NULL;
		ui_active = false;
	}
}

static void
oom_hook(void)
{
	ui_end();
}

static void
init_colors(struct ui *u)
{
	const char *nc = getenv("NO_COLOR");

	u->color = has_colors() && (nc == NULL || nc[0] == '\0');
	if (!u->color)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_GREEN, -1);
	init_pair(2, COLOR_RED, -1);
	init_pair(3, COLOR_CYAN, -1);
	init_pair(4, COLOR_BLUE, -1);
}

bool
ui_begin(struct ui *u)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return false;
	return ui_begin_on(u, NULL, stdout, stdin);
}

bool
ui_begin_on(struct ui *u, const char *term, FILE *out, FILE *in)
{
	struct sigaction sa;
	const char *cs = nl_langinfo(CODESET);

	if ((ui_screen = newterm(term, out, in)) == NULL)
		return false;
	ui_active = true;
	util_set_oom_hook(oom_hook);
	u->utf8 = cs != NULL && strcmp(cs, "UTF-8") == 0;
	if (u->kiosk)
		raw(); /* Ctrl-C and Ctrl-Z are keys, not signals */
	else
		cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	init_colors(u);
	getmaxyx(stdscr, u->rows, u->cols);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: the read returns */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (u->kiosk) {
		sa.sa_handler = SIG_IGN;
		sigaction(SIGTSTP, &sa, NULL);
	}
	sigaction(SIGINT, &sa, NULL);
	return true;
}

void
ui_set_screen(struct ui *u, const struct ui_screen *s)
{
	u->screen = s;
	u->help = false;
	u->message[0] = '\0';
	if (s->init != NULL)
		s->init(u);
}

static attr_t
style_attr(const struct ui *u, enum ui_style st)
{
	switch (st) {
	case UI_S_TITLE:
		return A_BOLD | (u->color ? COLOR_PAIR(3) : 0);
	case UI_S_FOCUS:
		return A_REVERSE;
	case UI_S_RIGHT:
		return A_BOLD | (u->color ? COLOR_PAIR(1) : 0);
	case UI_S_WRONG:
		return A_BOLD | (u->color ? COLOR_PAIR(2) : 0);
	case UI_S_DIM:
		return A_DIM;
	case UI_S_STATUS:
		return A_REVERSE;
	case UI_S_CITE:
		return u->color ? COLOR_PAIR(4) : A_UNDERLINE;
	default:
		return A_NORMAL;
	}
}

void
ui_putn(struct ui *u, int y, int x, const char *s, size_t n, enum ui_style st)
{
	char *tmp, *ascii;

	if (y < 0 || y >= u->rows || x >= u->cols)
		return;
	tmp = xstrndup(s, n);
	attrset(style_attr(u, st));
	if (u->utf8) {
		mvaddnstr(y, x, tmp, -1);
	} else {
		ascii = layout_ascii(tmp);
		mvaddnstr(y, x, ascii, u->cols - x);
		free(ascii);
	}
	attrset(A_NORMAL);
	free(tmp);
}

void
ui_put(struct ui *u, int y, int x, const char *s, enum ui_style st)
{
	ui_putn(u, y, x, s, strlen(s), st);
}

const char *
ui_mark(const struct ui *u, bool right)
{
	if (u->utf8)
		return right ? "\u2713" : "\u2717";
	return right ? "+" : "x";
}

const char *
ui_pointer(const struct ui *u)
{
	return u->utf8 ? "\u25b8" : ">";
}

int
ui_draw_layout(struct ui *u, const struct layout *l, int top, int y, int x,
	       int height)
{
	int i;

	for (i = 0; i < height && (size_t)(top + i) < l->n; i++) {
		const struct layout_line *ln = &l->v[top + i];

		ui_putn(u, y + i, x + ln->indent, ln->s, ln->len,
			(enum ui_style)ln->attr);
	}
	return (int)l->n - top - height > 0 ? (int)l->n - top - height : 0;
}

void
ui_put_law(struct ui *u, int y, int x, int width, const struct lawtag *t)
{
	char buf[512];

	if (t == NULL || t->jurisdiction == NULL || width < 1)
		return;
	lawtag_text(t, width, buf, sizeof buf);
	ui_put(u, y, x, buf, t->overdue ? UI_S_WRONG : UI_S_DIM);
}

void
ui_cursor(struct ui *u, int y, int x)
{
	u->cur_y = y;
	u->cur_x = x;
}

enum ui_field_result
ui_field_key(struct ui_field *f, int ch, bool func)
{
	if (func) {
		if (ch == KEY_ENTER)
			return UI_FIELD_DONE;
		if (ch == KEY_BACKSPACE && f->len > 0) {
			/* Drop one whole UTF-8 character. */
			do
				f->len--;
			while (f->len > 0 &&
			       ((unsigned char)f->buf[f->len] & 0xc0) == 0x80);
			f->buf[f->len] = '\0';
		}
		return UI_FIELD_EDIT;
	}
	if (ch == '\n' || ch == '\r')
		return UI_FIELD_DONE;
	if (ch == KEY_ESC)
		return UI_FIELD_CANCEL;
	if (ch == 127 || ch == 8)
		return ui_field_key(f, KEY_BACKSPACE, true);
	if (ch == KEY_CTRL('u')) {
		f->len = 0;
		f->buf[0] = '\0';
		return UI_FIELD_EDIT;
	}
	if (ch >= 0x20 && ch != 0x7f) {
		char mb[8];
		wchar_t wc = (wchar_t)ch;
		mbstate_t ps;
		size_t k;

		memset(&ps, 0, sizeof ps);
		k = wcrtomb(mb, wc, &ps);
		if (k != (size_t)-1 && f->len + k < sizeof f->buf) {
			memcpy(f->buf + f->len, mb, k);
			f->len += k;
			f->buf[f->len] = '\0';
		}
	}
	return UI_FIELD_EDIT;
}

static const struct ui_key *
find_key(const struct ui_key *t, int ch, bool func)
{
	for (; t != NULL && t->code != 0; t++) {
		if (t->func != func)
			continue;
		if (t->code == ch ||
		    (t->last != 0 && ch >= t->code && ch <= t->last))
			return t;
	}
	return NULL;
}

static void
help_add(struct layout *l, const struct ui_key *t, char ***owned,
	 size_t *nowned, int width)
{
	for (; t != NULL && t->code != 0; t++) {
		char *line;

		if (t->help == NULL)
			continue;
		line = xasprintf("%-20s %s", t->name, t->help);
		*owned = xreallocarray(*owned, *nowned + 1, sizeof **owned);
		(*owned)[(*nowned)++] = line;
		layout_wrap(l, line, width, 2, 23, UI_S_TEXT);
	}
}

void
ui_help_layout(const struct ui_screen *s, struct layout *l, char ***owned,
	       size_t *nowned, int width)
{
	layout_wrap(l, "Keys on this screen", width, 0, 0, UI_S_TITLE);
	layout_blank(l);
	help_add(l, s->keys, owned, nowned, width);
	help_add(l, ui_global_keys, owned, nowned, width);
	layout_blank(l);
	layout_wrap(l, "There is no time limit. Press any key to go back.",
		    width, 0, 0, UI_S_DIM);
}

static void
draw_help(struct ui *u)
{
	struct layout l;
	char **owned = NULL;
	size_t nowned = 0, i;

	layout_init(&l);
	ui_help_layout(u->screen, &l, &owned, &nowned, u->cols - 2);
	u->help_top = layout_clamp(u->help_top, l.n, u->rows - 1);
	ui_draw_layout(u, &l, u->help_top, 0, 1, u->rows - 1);
	ui_cursor(u, 0, 1);
	snprintf(u->hints, sizeof u->hints, "any key: back");
	snprintf(u->where, sizeof u->where, "Help");
	for (i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	layout_free(&l);
}

static void
draw_status(struct ui *u)
{
	int wl = layout_width(u->where, strlen(u->where));
	int x, room = u->cols - wl - 3;
	size_t n = strlen(u->hints);

	attrset(style_attr(u, UI_S_STATUS));
	mvhline(u->rows - 1, 0, ' ', u->cols);
	attrset(A_NORMAL);
	/* As many whole hints ("key what", two spaces apart) as fit. */
	while (n > 0 && layout_width(u->hints, n) > room) {
		const char *sep = NULL, *p;

		for (p = u->hints; p + 1 < u->hints + n; p++)
			if (p[0] == ' ' && p[1] == ' ')
				sep = p;
		n = sep != NULL ? (size_t)(sep - u->hints) : 0;
	}
	ui_putn(u, u->rows - 1, 1, u->hints, n, UI_S_STATUS);
	x = u->cols - wl - 1;
	if (x > 0)
		ui_put(u, u->rows - 1, x, u->where, UI_S_STATUS);
	if (u->message[0] != '\0') {
		/* Over whatever the screen put on that row (a law tag). */
		mvhline(u->rows - 2, 0, ' ', u->cols);
		ui_put(u, u->rows - 2, 1, u->message, UI_S_TITLE);
	}
}

/* Wrapped to the width, so it can be read in a window of 20x5. */
static void
draw_too_small(struct ui *u)
{
	char buf[96];
	struct layout l;

	snprintf(buf, sizeof buf, "It is %dx%d; at least %dx%d.\nq quits.",
		 u->cols, u->rows, UI_MIN_COLS, UI_MIN_ROWS);
	layout_init(&l);
	layout_wrap(&l, "Please enlarge the window.", u->cols, 0, 0,
		    UI_S_TITLE);
	layout_wrap(&l, buf, u->cols, 0, 0, UI_S_TEXT);
	erase();
	ui_draw_layout(u, &l, 0, 0, 0, u->rows);
	layout_free(&l);
	move(0, 0);
	refresh();
}

static void
draw(struct ui *u)
{
	getmaxyx(stdscr, u->rows, u->cols);
	if (u->cols < UI_MIN_COLS || u->rows < UI_MIN_ROWS) {
		draw_too_small(u);
		return;
	}
	erase();
	u->cur_y = u->cur_x = -1;
	u->hints[0] = u->where[0] = '\0';
	if (u->help)
		draw_help(u);
	else
		u->screen->draw(u);
	draw_status(u);
	if (u->cur_y >= 0) {
		curs_set(1);
		move(u->cur_y, u->cur_x);
	} else {
		curs_set(0);
	}
	refresh();
}

static int
finish_signal(struct ui *u)
{
	int sig = ui_signal;

	if (u->save != NULL)
		u->save(u);
	ui_end();
	return 128 + sig;
}

static void
dispatch(struct ui *u, int ch, bool func)
{
	const struct ui_key *k;
	bool small = ui_too_small(u);

	if (u->help) {
		if (func && (ch == KEY_UP || ch == KEY_DOWN)) {
			u->help_top += ch == KEY_UP ? -1 : 1;
			if (u->help_top < 0)
				u->help_top = 0;
			return;
		}
		u->help = false;
		return;
	}
	if (!small && u->screen->raw != NULL && u->screen->raw(u, ch, func))
		return;
	k = find_key(u->screen->keys, ch, func);
	if (k == NULL)
		k = find_key(ui_global_keys, ch, func);
	if (k == NULL)
		return;
	if (small && k->action != UI_QUIT)
		return;
	if (k->action == UI_HELP) {
		u->help = true;
		u->help_top = 0;
		return;
	}
	u->message[0] = '\0';
	if (u->screen->key != NULL)
		u->screen->key(u, k->action, ch);
}

/* Has the terminal gone (hang-up or error on standard input)? */
static bool
input_gone(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};

	return poll(&p, 1, 0) == 1 &&
	       (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/*
 * A SIGWINCH that lands between curses' check for one and its blocking
 * read is only noticed at the next key.  So the loop never blocks for more
 * than a second, and on each timeout asks the terminal for its size; a
 * change found this way is applied as if the signal had been seen.
 */
#define UI_RESIZE_POLL_MS 1000

static bool
resized_unnoticed(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) < 0 || ws.ws_row == 0 ||
	    ws.ws_col == 0)
		return false;
	if (ws.ws_row == LINES && ws.ws_col == COLS)
		return false;
	resizeterm(ws.ws_row, ws.ws_col);
	return true;
}

bool
ui_too_small(const struct ui *u)
{
	return u->cols < UI_MIN_COLS || u->rows < UI_MIN_ROWS;
}

static long
elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (long)(t1.tv_sec - t0->tv_sec) * 1000 +
	       (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

int
ui_run(struct ui *u)
{
	wint_t wch;
	int r, errors = 0, wait;
	struct timespec t0;

	while (!u->done) {
		if (ui_signal != 0)
			return finish_signal(u);
		draw(u);
		wait = u->tick != NULL && u->tick_ms > 0 &&
			       u->tick_ms < UI_RESIZE_POLL_MS
			   ? u->tick_ms
			   : UI_RESIZE_POLL_MS;
		timeout(wait);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		r = get_wch(&wch);
		if (ui_signal != 0)
			return finish_signal(u);
		if (r == ERR) {
			/*
			 * A wait that ran its time is a quiet moment: tick,
			 * and look for a resize whose signal was missed.  An
			 * ERR at once is the end of input or an error; many
			 * in a row mean the terminal has gone: save, leave.
			 */
			if (elapsed_ms(&t0) >= wait / 2 && !input_gone()) {
				errors = 0;
				if (u->tick != NULL)
					u->tick(u);
				resized_unnoticed();
			} else if (++errors > 100) {
				ui_signal = SIGHUP;
				return finish_signal(u);
			}
			continue;
		}
		errors = 0;
		if (r == KEY_CODE_YES && wch == KEY_RESIZE)
			continue;
		dispatch(u, (int)wch, r == KEY_CODE_YES);
	}
	return u->exit_code;
}
