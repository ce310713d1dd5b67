/*
 * notesock.c: presenter -> notes follower over a UNIX socket.
 *
 * The server keeps each follower's unsent bytes; when a follower falls more
 * than NOTESOCK_MAX_LINE * 4 behind it is dropped rather than slowing the
 * projected screen.
 */
#define _GNU_SOURCE /* struct ucred, accept4 */
#include "notesock.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "util.h"

#define NOTESOCK_MAX_BACKLOG (NOTESOCK_MAX_LINE * 4)

void
notes_msg_clear(struct notes_msg *m)
{
	free(m->title);
	free(m->notes);
	free(m->next);
	free(m->position);
	free(m->timer);
	free(m->drift);
	free(m->clock);
	free(m->jurisdiction);
	free(m->reviewed);
	memset(m, 0, sizeof *m);
}

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

char *
notesock_encode(const struct notes_msg *m)
{
	json_t *o = json_object();
	char *s, *line;

	json_object_set_new(o, "v", json_integer(1));
	json_object_set_new(o, "title", json_string(m->title ? m->title : ""));
	json_object_set_new(o, "notes", str_or_null(m->notes));
	json_object_set_new(o, "next", str_or_null(m->next));
	json_object_set_new(o, "position", str_or_null(m->position));
	json_object_set_new(o, "timer", str_or_null(m->timer));
	json_object_set_new(o, "drift", str_or_null(m->drift));
	json_object_set_new(o, "clock", str_or_null(m->clock));
	json_object_set_new(o, "jurisdiction", str_or_null(m->jurisdiction));
	json_object_set_new(o, "reviewed", str_or_null(m->reviewed));
	json_object_set_new(o, "review_overdue",
			    json_boolean(m->review_overdue));
	json_object_set_new(o, "ended", json_boolean(m->ended));
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (s == NULL)
		abort(); /* only on exhaustion; the strings are valid UTF-8 */
	line = xasprintf("%s\n", s);
	free(s);
	return line;
}

/* Copy field k of o into *out: a string, or null/absent for NULL. */
static int
get_str(json_t *o, const char *k, bool required, char **out, char **err)
{
	json_t *v = json_object_get(o, k);

	if (v == NULL || json_is_null(v)) {
		if (!required)
			return 0;
		*err = xasprintf("message without \"%s\"", k);
		return -1;
	}
	if (!json_is_string(v)) {
		*err = xasprintf("\"%s\" is not a string", k);
		return -1;
	}
	*out = xstrdup(json_string_value(v));
	return 0;
}

int
notesock_decode(const char *line, size_t len, struct notes_msg *m, char **err)
{
	json_error_t je;
	json_t *o, *v;
	int r = -1;

	notes_msg_clear(m);
	if (len > NOTESOCK_MAX_LINE) {
		*err = xstrdup("message too long");
		return -1;
	}
	o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
	if (o == NULL) {
		*err = xasprintf("not JSON: %s", je.text);
		return -1;
	}
	v = json_object_get(o, "v");
	if (!json_is_object(o) || !json_is_integer(v) ||
	    json_integer_value(v) != 1) {
		*err = xstrdup("not a version 1 notes message");
		goto out;
	}
	if (get_str(o, "title", true, &m->title, err) == -1 ||
	    get_str(o, "notes", false, &m->notes, err) == -1 ||
	    get_str(o, "next", false, &m->next, err) == -1 ||
	    get_str(o, "position", false, &m->position, err) == -1 ||
	    get_str(o, "timer", false, &m->timer, err) == -1 ||
	    get_str(o, "drift", false, &m->drift, err) == -1 ||
	    get_str(o, "clock", false, &m->clock, err) == -1 ||
	    get_str(o, "jurisdiction", false, &m->jurisdiction, err) == -1 ||
	    get_str(o, "reviewed", false, &m->reviewed, err) == -1)
		goto out;
	m->review_overdue = json_is_true(json_object_get(o, "review_overdue"));
	m->ended = json_is_true(json_object_get(o, "ended"));
	r = 0;
out:
	if (r == -1)
		notes_msg_clear(m);
	json_decref(o);
	return r;
}

/* Make dir (0700) if needed and check that it is ours and private. */
static int
private_dir(const char *dir, char **err)
{
	struct stat st;

	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		*err = xasprintf("%s: %s", dir, strerror(errno));
		return -1;
	}
	if (lstat(dir, &st) == -1) {
		*err = xasprintf("%s: %s", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode) || st.st_uid != getuid() ||
	    (st.st_mode & 077) != 0) {
		*err = xasprintf("%s: not a private directory of this user "
				 "(it must be mode 0700 and yours)",
				 dir);
		return -1;
	}
	return 0;
}

char *
notesock_default_path(char **err)
{
	const char *run = getenv("XDG_RUNTIME_DIR");
	char *dir, *path;
	struct stat st;

	if (run != NULL && run[0] == '/' && stat(run, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		dir = xasprintf("%s/workshop", run);
	else
		dir = xasprintf("/tmp/workshop-%lu", (unsigned long)getuid());
	if (private_dir(dir, err) == -1) {
		free(dir);
		return NULL;
	}
	path = util_path_join(dir, "notes.sock");
	free(dir);
	return path;
}

static int
fill_addr(struct sockaddr_un *sa, const char *path, char **err)
{
	memset(sa, 0, sizeof *sa);
	sa->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa->sun_path) {
		*err = xasprintf("%s: socket path too long", path);
		return -1;
	}
	memcpy(sa->sun_path, path, strlen(path) + 1);
	return 0;
}

/* Is the peer of fd the same user as us? */
static bool
same_user(int fd)
{
	struct ucred cr;
	socklen_t len = sizeof cr;

	return getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) == 0 &&
	       cr.uid == getuid();
}

static int
unix_socket(void)
{
	return socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
}

struct follower {
	int fd;
	struct strbuf out;
};

struct notesock_server {
	int fd;
	char *path;
	char *current; /* the current message line, or NULL */
	struct follower *f;
	size_t nf;
};

/* Refuse a live presenter or a non-socket; remove a stale socket. */
static int
clear_stale(const char *path, const struct sockaddr_un *sa, char **err)
{
	struct stat st;
	int fd, live;

	if (lstat(path, &st) == -1)
		return 0;
	if (!S_ISSOCK(st.st_mode)) {
		*err = xasprintf("%s: exists and is not a socket", path);
		return -1;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	live = fd != -1 &&
	       connect(fd, (const struct sockaddr *)sa, sizeof *sa) == 0;
	if (fd != -1)
		close(fd);
	if (live) {
		*err = xasprintf("%s: another facilitate session is "
				 "presenting",
				 path);
		return -1;
	}
	unlink(path);
	return 0;
}

struct notesock_server *
notesock_listen(const char *path, char **err)
{
	struct sockaddr_un sa;
	struct notesock_server *s;
	mode_t old;
	int fd, r;

	if (fill_addr(&sa, path, err) == -1 || clear_stale(path, &sa, err))
		return NULL;
	if ((fd = unix_socket()) == -1) {
		*err = xasprintf("socket: %s", strerror(errno));
		return NULL;
	}
	old = umask(077);
	r = bind(fd, (struct sockaddr *)&sa, sizeof sa);
	umask(old);
	if (r == -1 || chmod(path, 0600) == -1 || listen(fd, 8) == -1) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->fd = fd;
	s->path = xstrdup(path);
	return s;
}

int
notesock_server_fd(const struct notesock_server *s)
{
	return s->fd;
}

size_t
notesock_followers(const struct notesock_server *s)
{
	return s->nf;
}

static void
drop(struct notesock_server *s, size_t i)
{
	close(s->f[i].fd);
	strbuf_free(&s->f[i].out);
	s->f[i] = s->f[--s->nf];
}

/* Send what follower i has waiting; false if it has to go. */
static bool
flush(struct follower *f)
{
	ssize_t n;

	while (f->out.len > 0) {
		n = send(f->fd, f->out.s, f->out.len, MSG_NOSIGNAL);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return errno == EAGAIN || errno == EWOULDBLOCK;
		memmove(f->out.s, f->out.s + n, f->out.len - (size_t)n);
		f->out.len -= (size_t)n;
		f->out.s[f->out.len] = '\0';
	}
	return true;
}

/* Has the follower hung up?  Followers never send anything. */
static bool
hung_up(int fd)
{
	char c;
	ssize_t n = recv(fd, &c, 1, MSG_DONTWAIT | MSG_PEEK);

	return n == 0 || (n == -1 && errno != EAGAIN && errno != EWOULDBLOCK &&
			  errno != EINTR);
}

static void
queue(struct notesock_server *s, size_t i, const char *line)
{
	strbuf_adds(&s->f[i].out, line);
}

void
notesock_server_poll(struct notesock_server *s)
{
	size_t i;
	int fd;

	while ((fd = accept4(s->fd, NULL, NULL,
			     SOCK_CLOEXEC | SOCK_NONBLOCK)) != -1) {
		if (!same_user(fd)) {
			close(fd);
			continue;
		}
		s->f = xreallocarray(s->f, s->nf + 1, sizeof *s->f);
		s->f[s->nf].fd = fd;
		strbuf_init(&s->f[s->nf].out);
		if (s->current != NULL)
			queue(s, s->nf, s->current);
		s->nf++;
	}
	for (i = s->nf; i-- > 0;)
		if (hung_up(s->f[i].fd) || !flush(&s->f[i]) ||
		    s->f[i].out.len > NOTESOCK_MAX_BACKLOG)
			drop(s, i);
}

void
notesock_publish(struct notesock_server *s, const struct notes_msg *m)
{
	size_t i;

	free(s->current);
	s->current = notesock_encode(m);
	for (i = 0; i < s->nf; i++)
		queue(s, i, s->current);
	notesock_server_poll(s);
}

void
notesock_server_close(struct notesock_server *s)
{
	struct notes_msg end;
	char empty[1] = "";
	size_t i;

	if (s == NULL)
		return;
	memset(&end, 0, sizeof end);
	end.title = empty;
	end.ended = true;
	free(s->current);
	s->current = notesock_encode(&end);
	for (i = 0; i < s->nf; i++) {
		queue(s, i, s->current);
		flush(&s->f[i]);
		close(s->f[i].fd);
		strbuf_free(&s->f[i].out);
	}
	close(s->fd);
	unlink(s->path);
	free(s->f);
	free(s->current);
	free(s->path);
	free(s);
}

struct notesock_client {
	int fd;
	struct strbuf in;
};

struct notesock_client *
notesock_connect(const char *path, char **err)
{
	struct sockaddr_un sa;
	struct notesock_client *c;
	int fd;

	if (fill_addr(&sa, path, err) == -1)
		return NULL;
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		*err = xasprintf("socket: %s", strerror(errno));
		return NULL;
	}
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == -1) {
		*err = xasprintf("%s: %s", path,
				 errno == ENOENT || errno == ECONNREFUSED
				     ? "no facilitate session is presenting"
				     : strerror(errno));
		close(fd);
		return NULL;
	}
	if (!same_user(fd)) {
		*err = xasprintf("%s: the presenter is another user", path);
		close(fd);
		return NULL;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	c = xcalloc(1, sizeof *c);
	c->fd = fd;
	strbuf_init(&c->in);
	return c;
}

int
notesock_client_fd(const struct notesock_client *c)
{
	return c->fd;
}

/* Take complete lines from c->in; keep the newest valid one in *m. */
static int
take_lines(struct notesock_client *c, struct notes_msg *m, char **err)
{
	char *nl;
	size_t used = 0;
	int got = 0;

	while ((nl = memchr(c->in.s + used, '\n', c->in.len - used)) != NULL) {
		size_t len = (size_t)(nl - (c->in.s + used));

		if (notesock_decode(c->in.s + used, len, m, err) == -1)
			return -1;
		got = 1;
		used += len + 1;
	}
	memmove(c->in.s, c->in.s + used, c->in.len - used);
	c->in.len -= used;
	c->in.s[c->in.len] = '\0';
	if (c->in.len > NOTESOCK_MAX_LINE) {
		*err = xstrdup("message too long");
		return -1;
	}
	return got;
}

int
notesock_client_read(struct notesock_client *c, struct notes_msg *m, char **err)
{
	char buf[8192];
	ssize_t n;
	int got = 0, r;

	for (;;) {
		n = recv(c->fd, buf, sizeof buf, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return got;
		if (n == 0 && got)
			return got; /* the next call reports the hang-up */
		if (n <= 0) {
			*err = xstrdup(n == 0 ? "the presenter has gone"
					      : strerror(errno));
			return -1;
		}
		strbuf_add(&c->in, buf, (size_t)n);
		if ((r = take_lines(c, m, err)) == -1)
			return -1;
		got |= r;
	}
}

void
notesock_client_close(struct notesock_client *c)
{
	if (c == NULL)
		return;
	close(c->fd);
	strbuf_free(&c->in);
	free(c);
}
