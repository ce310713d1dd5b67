/* progress.c: the learner's progress file: parse, format, atomic save. */
#include "progress.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "paths.h"
#include "util.h"

#define MAGIC "workshop-progress 1"

void
progress_init(struct progress *p)
{
	memset(p, 0, sizeof *p);
}

void
progress_free(struct progress *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->v[i].id);
		session_saved_free(&p->v[i].saved);
	}
	free(p->v);
	free(p->current);
	progress_init(p);
}

static void fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static bool
valid_id(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 200)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.'))
			return false;
	}
	return true;
}

/* A content version: CONTENT_VERSION_HEX lowercase hex digits. */
static bool
valid_version(const char *s)
{
	size_t i;

	for (i = 0; i < CONTENT_VERSION_HEX; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[i] == '\0';
}

/* A whole decimal number in [lo, hi] from the word s (NUL-ended). */
static bool
number(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	const char *d = *s == '-' ? s + 1 : s;

	/* Digits only (strtol would also take spaces and a '+'). */
	if (*d < '0' || *d > '9' || (s[0] == '0' && s[1] != '\0'))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi ||
	    (s[0] == '-' && (s[1] == '0' || s[1] == '\0')))
		return false;
	*out = v;
	return true;
}

/* Split line into at most max words at single spaces; false on "  ". */
static size_t
words(char *line, char **w, size_t max)
{
	size_t n = 0;
	char *p = line;

	for (;;) {
		char *sp = strchr(p, ' ');

		if (n == max)
			return max + 1;
		w[n++] = p;
		if (sp == NULL)
			return n;
		*sp = '\0';
		p = sp + 1;
	}
}

static bool
parse_values(char *s, struct session_saved_step *st)
{
	size_t cap = 8;
	long v;

	st->v = xcalloc(cap, sizeof(int));
	for (;;) {
		char *comma = strchr(s, ',');

		if (comma != NULL)
			*comma = '\0';
		if (!number(s, -1, 9999, &v))
			return false;
		if (st->n == PROGRESS_MAX_VALUES)
			return false;
		if (st->n == cap) {
			cap *= 2;
			st->v = xreallocarray(st->v, cap, sizeof(int));
		}
		st->v[st->n++] = (int)v;
		if (comma == NULL)
			return true;
		s = comma + 1;
	}
}

static struct progress_module *
add_module(struct progress *p, const char *id)
{
	struct progress_module *m;

	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	m = &p->v[p->n++];
	memset(m, 0, sizeof *m);
	m->id = xstrdup(id);
	return m;
}

static bool
parse_answers(struct progress_module *m, char **w, bool quiz)
{
	struct session_saved *sv = &m->saved;
	struct session_saved_step *st;
	long step;
	size_t i;

	if (!number(w[1], 0, PROGRESS_MAX_STEPS, &step))
		return false;
	for (i = 0; i < sv->nsteps; i++)
		if (sv->steps[i].step == (size_t)step)
			return false;
	sv->steps = xreallocarray(sv->steps, sv->nsteps + 1, sizeof *sv->steps);
	st = &sv->steps[sv->nsteps++];
	memset(st, 0, sizeof *st);
	st->step = (size_t)step;
	st->quiz = quiz;
	return parse_values(w[2], st);
}

/* One line (NUL-ended, without '\n'); false with a message in err. */
static bool
parse_line(struct progress *p, char *line, char *err, size_t errlen)
{
	char *w[9];
	size_t n = words(line, w, 8); /* 9: too many */
	long step, done;

	if (n == 2 && strcmp(w[0], "current") == 0) {
		if (p->current != NULL || p->n > 0 ||
		    !valid_id(w[1], strlen(w[1]))) {
			fail(err, errlen,
			     "expected one \"current MODULE\" "
			     "before the modules");
			return false;
		}
		p->current = xstrdup(w[1]);
		return true;
	}
	if ((n == 6 || n == 8) && strcmp(w[0], "module") == 0 &&
	    strcmp(w[2], "step") == 0 && strcmp(w[4], "done") == 0) {
		struct progress_module *m;

		if (!valid_id(w[1], strlen(w[1])) ||
		    progress_find(p, w[1]) != NULL ||
		    !number(w[3], 0, PROGRESS_MAX_STEPS, &step) ||
		    !number(w[5], 0, 1, &done) ||
		    (n == 8 &&
		     (strcmp(w[6], "version") != 0 || !valid_version(w[7])))) {
			fail(err, errlen,
			     "expected \"module ID step N done "
			     "0|1 [version HEX]\" with a new module id");
			return false;
		}
		m = add_module(p, w[1]);
		m->saved.step = (size_t)step;
		m->saved.finished = done == 1;
		if (n == 8)
			memcpy(m->version, w[7], sizeof m->version);
		return true;
	}
	if (n == 3 &&
	    (strcmp(w[0], "quiz") == 0 || strcmp(w[0], "sort") == 0)) {
		if (p->n == 0) {
			fail(err, errlen, "\"%s\" before any \"module\" line",
			     w[0]);
			return false;
		}
		if (!parse_answers(&p->v[p->n - 1], w, w[0][0] == 'q')) {
			fail(err, errlen,
			     "expected \"%s STEP N,N,...\" (numbers from -1, "
			     "one line per step)",
			     w[0]);
			return false;
		}
		return true;
	}
	fail(err, errlen,
	     "expected \"module\", \"quiz\", \"sort\" or "
	     "\"current\"");
	return false;
}

int
progress_parse(const char *buf, size_t len, struct progress *p, char *err,
	       size_t errlen)
{
	char *copy, *line, *nl;
	unsigned lineno = 1;
	char msg[160];

	progress_init(p);
	if (len > PROGRESS_MAX_BYTES) {
		fail(err, errlen, "larger than %d bytes", PROGRESS_MAX_BYTES);
		return -1;
	}
	if (memchr(buf, '\0', len) != NULL) {
		fail(err, errlen, "not a text file (NUL byte)");
		return -1;
	}
	copy = xstrndup(buf, len);
	nl = strchr(copy, '\n');
	if (nl == NULL || (size_t)(nl - copy) != strlen(MAGIC) ||
	    strncmp(copy, MAGIC, strlen(MAGIC)) != 0) {
		fail(err, errlen, "line 1: expected \"%s\"", MAGIC);
		free(copy);
		return -1;
	}
	for (line = nl + 1; *line != '\0'; line = nl + 1) {
		lineno++;
		if ((nl = strchr(line, '\n')) == NULL) {
			fail(err, errlen,
			     "line %u: expected a newline at the "
			     "end",
			     lineno);
			goto bad;
		}
		*nl = '\0';
		if (!parse_line(p, line, msg, sizeof msg)) {
			fail(err, errlen, "line %u: %s", lineno, msg);
			goto bad;
		}
	}
	free(copy);
	return 0;
bad:
	free(copy);
	progress_free(p);
	return -1;
}

char *
progress_format(const struct progress *p)
{
	struct strbuf b;
	size_t i, j, k;

	strbuf_init(&b);
	strbuf_adds(&b, MAGIC "\n");
	if (p->current != NULL)
		strbuf_addf(&b, "current %s\n", p->current);
	for (i = 0; i < p->n; i++) {
		const struct session_saved *sv = &p->v[i].saved;

		strbuf_addf(&b, "module %s step %zu done %d", p->v[i].id,
			    sv->step, sv->finished ? 1 : 0);
		if (p->v[i].version[0] != '\0')
			strbuf_addf(&b, " version %s", p->v[i].version);
		strbuf_addc(&b, '\n');
		for (j = 0; j < sv->nsteps; j++) {
			const struct session_saved_step *st = &sv->steps[j];

			if (st->n == 0)
				continue;
			strbuf_addf(&b, "%s %zu ", st->quiz ? "quiz" : "sort",
				    st->step);
			for (k = 0; k < st->n; k++)
				strbuf_addf(&b, "%s%d", k ? "," : "", st->v[k]);
			strbuf_addc(&b, '\n');
		}
	}
	return strbuf_detach(&b);
}

static struct progress_module *
find(const struct progress *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i].id, id) == 0)
			return &p->v[i];
	return NULL;
}

const struct progress_module *
progress_find(const struct progress *p, const char *id)
{
	return find(p, id);
}

void
progress_set(struct progress *p, const struct session *s)
{
	const char *id = s->module->id;
	struct progress_module *m = find(p, id);
	bool was_done = m != NULL && m->saved.finished;

	if (m == NULL)
		m = add_module(p, id);
	session_saved_free(&m->saved);
	session_export(s, &m->saved);
	snprintf(m->version, sizeof m->version, "%s",
		 content_module_version(s->module));
	m->saved.finished = m->saved.finished || was_done;
	free(p->current);
	p->current = xstrdup(id);
}

void
progress_forget(struct progress *p, const char *id)
{
	size_t i;

	if (id == NULL) {
		progress_free(p);
		return;
	}
	for (i = 0; i < p->n; i++) {
		if (strcmp(p->v[i].id, id) != 0)
			continue;
		free(p->v[i].id);
		session_saved_free(&p->v[i].saved);
		memmove(&p->v[i], &p->v[i + 1], (p->n - i - 1) * sizeof *p->v);
		p->n--;
		break;
	}
	if (p->current != NULL && strcmp(p->current, id) == 0) {
		free(p->current);
		p->current = NULL;
	}
}

char *
progress_path(const char *dir, const char *name, const char *staff_id)
{
	char *base, *who, *path;
	char hex[DIGEST_HEX_LEN + 1];

	base = dir != NULL ? xstrdup(dir) : paths_xdg("state");
	if (base == NULL)
		return NULL;
	who = xasprintf("workshop/progress/v1\n%s\n%s", name,
			staff_id != NULL ? staff_id : "");
	digest_hex(who, strlen(who), hex);
	hex[32] = '\0';
	path = xasprintf("%s/progress/%s.progress", base, hex);
	free(who);
	free(base);
	return path;
}

int
progress_load(const char *path, struct progress *p, char *err, size_t errlen)
{
	size_t len;
	char *buf = util_read_file(path, PROGRESS_MAX_BYTES, &len);
	char msg[200];
	int r;

	progress_init(p);
	if (buf == NULL) {
		if (errno == ENOENT)
			return 0;
		fail(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	r = progress_parse(buf, len, p, msg, sizeof msg);
	free(buf);
	if (r < 0) {
		fail(err, errlen, "%s: %s", path, msg);
		return -1;
	}
	return 1;
}

static void
sync_dir(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd;

	if (slash != NULL) {
		*slash = '\0';
		if ((fd = open(dir[0] ? dir : "/", O_RDONLY | O_DIRECTORY)) >=
		    0) {
			fsync(fd);
			close(fd);
		}
	}
	free(dir);
}

int
progress_save(const char *path, const struct progress *p, char *err,
	      size_t errlen)
{
	char *text = progress_format(p);
	const char *what;
	int rc = paths_write_atomic(path, text, strlen(text), 0600, &what);

	if (rc < 0)
		fail(err, errlen, "cannot %s %s: %s", what, path,
		     strerror(errno));
	free(text);
	return rc;
}

int
progress_remove(const char *path, char *err, size_t errlen)
{
	if (unlink(path) == -1 && errno != ENOENT) {
		fail(err, errlen, "cannot remove %s: %s", path,
		     strerror(errno));
		return -1;
	}
	sync_dir(path);
	return 0;
}
