/*
 * sendstate.c: workshop send's state file (see sendstate.h and
 * workshop-log(5)).
 */
#include "sendstate.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "util.h"

#define HEADER "workshop-send-state 1"

/* The line being parsed, for messages. */
struct at {
	const char *name;
	unsigned long line;
	const char *text; /* the line, without its newline */
	size_t len;
};

static int
fail(const struct at *a, char **err, const char *what)
{
	size_t show = a->len > 80 ? 80 : a->len;

	*err = xasprintf("%s:%lu: %s, found '%.*s%s'", a->name, a->line, what,
			 (int)show, a->text, a->len > show ? "..." : "");
	return -1;
}

static bool
all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* A seq: 1 to 18 digits, no leading zero, at least 1. */
static bool
parse_seq(const char *s, size_t n, long long *out)
{
	long long v = 0;

	if (n == 0 || n > 18 || s[0] == '0')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool
url_ok(const char *s, size_t n)
{
	if (n > SENDSTATE_URL_MAX ||
	    !((n > 7 && strncmp(s, "http://", 7) == 0) ||
	      (n > 8 && strncmp(s, "https://", 8) == 0)))
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] > '~')
			return false;
	return true;
}

/* Split s[0..n) at single spaces into at most max fields; how many. */
static size_t
split(const char *s, size_t n, const char **f, size_t *flen, size_t max)
{
	size_t k = 0, start = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != ' ')
			continue;
		if (k == max)
			return max + 1;
		f[k] = s + start;
		flen[k++] = i - start;
		start = i + 1;
	}
	return k;
}

/* One "sent" line into e (its lrs a fresh string); 0 or -1 with *err. */
static int
parse_sent(const struct at *a, struct sendstate_entry *e, char **err)
{
	const char *f[5];
	size_t fl[5];

	if (split(a->text, a->len, f, fl, 5) != 5 || fl[0] != 4 ||
	    memcmp(f[0], "sent", 4) != 0)
		return fail(a, err, "expected 'sent URL LOGID SEQ HASH'");
	if (!url_ok(f[1], fl[1]))
		return fail(a, err,
			    "expected an http:// or https:// URL after 'sent'");
	if (fl[2] != 32 || !all_hex(f[2], 32))
		return fail(a, err,
			    "expected a log id of 32 lower-case hex digits");
	if (!parse_seq(f[3], fl[3], &e->seq))
		return fail(a, err, "expected a seq from 1 to 18 digits");
	if (fl[4] != 64 || !all_hex(f[4], 64))
		return fail(a, err,
			    "expected a line hash of 64 lower-case hex digits");
	e->lrs = xstrndup(f[1], fl[1]);
	memcpy(e->log_id, f[2], 32);
	e->log_id[32] = '\0';
	memcpy(e->hash, f[4], 64);
	e->hash[64] = '\0';
	return 0;
}

/* The header line: the version this file was written in. */
static int
parse_header(const struct at *a, char **err)
{
	static const char word[] = "workshop-send-state ";

	if (a->len == strlen(HEADER) && memcmp(a->text, HEADER, a->len) == 0)
		return 0;
	if (a->len > strlen(word) && memcmp(a->text, word, strlen(word)) == 0)
		return fail(a, err,
			    "a state file of another version (this workshop "
			    "reads version 1)");
	return fail(a, err, "expected '" HEADER "' as the first line");
}

/* Add e to s unless its endpoint and log are there already. */
static int
add_entry(struct sendstate *s, struct sendstate_entry *e,
	  const unsigned long *lines, const struct at *a, char **err)
{
	for (size_t i = 0; i < s->n; i++) {
		if (strcmp(s->v[i].lrs, e->lrs) == 0 &&
		    strcmp(s->v[i].log_id, e->log_id) == 0) {
			char *why = xasprintf("a second line for this log and "
					      "LRS (the first is line %lu)",
					      lines[i]);

			free(e->lrs);
			fail(a, err, why);
			free(why);
			return -1;
		}
	}
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n++] = *e;
	return 0;
}

int
sendstate_parse(const char *name, const char *text, size_t len,
		struct sendstate *out, char **err)
{
	struct at a = {.name = name};
	struct sendstate_entry e;
	unsigned long *lines = NULL;
	bool header = false;
	size_t pos = 0;
	const char *nl;

	out->v = NULL;
	out->n = 0;
	*err = NULL;
	while (pos < len) {
		nl = memchr(text + pos, '\n', len - pos);
		a.text = text + pos;
		a.len = (nl != NULL ? (size_t)(nl - text) : len) - pos;
		pos += a.len + 1;
		a.line++;
		if (a.len > 0 && a.text[a.len - 1] == '\r')
			a.len--;
		if (memchr(a.text, '\0', a.len) != NULL) {
			fail(&a, err, "a NUL byte in the line");
			break;
		}
		if (a.len == 0 || a.text[0] == '#')
			continue;
		if (!header) {
			if (parse_header(&a, err) < 0)
				break;
			header = true;
			continue;
		}
		memset(&e, 0, sizeof e);
		if (parse_sent(&a, &e, err) < 0)
			break;
		lines = xreallocarray(lines, out->n + 1, sizeof *lines);
		lines[out->n] = a.line;
		if (add_entry(out, &e, lines, &a, err) < 0)
			break;
	}
	free(lines);
	if (*err != NULL) {
		sendstate_free(out);
		return -1;
	}
	return 0;
}

char *
sendstate_format(const struct sendstate *s)
{
	struct strbuf b;

	strbuf_init(&b);
	strbuf_adds(&b,
		    "# workshop send: the last record each LRS "
		    "acknowledged, per log (workshop-log(5))\n" HEADER "\n");
	for (size_t i = 0; i < s->n; i++)
		strbuf_addf(&b, "sent %s %s %lld %s\n", s->v[i].lrs,
			    s->v[i].log_id, s->v[i].seq, s->v[i].hash);
	return strbuf_detach(&b);
}

int
sendstate_load(const char *path, struct sendstate *out, char **err)
{
	size_t len;
	char *text = util_read_file(path, SENDSTATE_MAX, &len);
	int r;

	out->v = NULL;
	out->n = 0;
	*err = NULL;
	if (text == NULL) {
		if (errno == ENOENT)
			return 0;
		*err = xasprintf("%s: %s", path,
				 errno == EFBIG ? "too large for a state file"
						: strerror(errno));
		return -1;
	}
	r = sendstate_parse(path, text, len, out, err);
	free(text);
	return r;
}

int
sendstate_save(const char *path, const struct sendstate *s, char **err)
{
	char *text = sendstate_format(s);
	const char *what;
	int r = paths_write_atomic(path, text, strlen(text), 0600, &what);

	*err = r < 0
		   ? xasprintf("%s: cannot %s: %s", path, what, strerror(errno))
		   : NULL;
	free(text);
	return r;
}

/* The index of the entry for this endpoint and log, or s->n. */
static size_t
find_index(const struct sendstate *s, const char *lrs, const char *log_id)
{
	size_t i = 0;

	while (i < s->n && (strcmp(s->v[i].log_id, log_id) != 0 ||
			    strcmp(s->v[i].lrs, lrs) != 0))
		i++;
	return i;
}

const struct sendstate_entry *
sendstate_find(const struct sendstate *s, const char *lrs, const char *log_id)
{
	size_t i = find_index(s, lrs, log_id);

	return i < s->n ? &s->v[i] : NULL;
}

void
sendstate_set(struct sendstate *s, const char *lrs, const char *log_id,
	      long long seq, const char *hash)
{
	size_t i = find_index(s, lrs, log_id);
	struct sendstate_entry *e;

	if (i == s->n) {
		s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
		e = &s->v[s->n++];
		e->lrs = xstrdup(lrs);
		snprintf(e->log_id, sizeof e->log_id, "%s", log_id);
	} else {
		e = &s->v[i];
	}
	e->seq = seq;
	snprintf(e->hash, sizeof e->hash, "%s", hash);
}

void
sendstate_free(struct sendstate *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].lrs);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

char *
sendstate_default_path(void)
{
	char *dir = paths_xdg("state"), *p;

	if (dir == NULL)
		return NULL;
	p = util_path_join(dir, "send-state");
	free(dir);
	return p;
}
