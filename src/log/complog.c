/*
 * complog.c: appending signed records to the completion log.
 *
 * An append, under an exclusive flock on the log:
 *   1. read the tail: the last complete line gives seq, log id and the hash
 *      that the new record's "prev" names, once it is shown to belong to
 *      this log (the genesis record's log id, a possible seq, and a
 *      signature that checks when the appending key made it): nothing is
 *      ever appended after a line spliced in from elsewhere;
 *   2. a torn last line (no newline: an append cut short) is copied to
 *      LOG.torn-SEQ, and a signed "recovered" record is queued, to be
 *      written over the fragment;
 *   3. an empty log gets a signed genesis record first;
 *   4. the lines are signed, each signature checked against the public key,
 *      and written with one write(2) on the O_APPEND descriptor (one
 *      pwrite(2) over a torn fragment), then fsync
 *      (and the directory's fsync when the log was created).
 */
#include "complog.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "complog_line.h"
#include "config.h"
#include "paths.h"
#include "util.h"

#define PROGRAM "workshop " WORKSHOP_VERSION

int
complog_default_path(char *buf, size_t len)
{
	char *dir = paths_xdg("state");
	int n;

	if (dir == NULL)
		return -1;
	n = snprintf(buf, len, "%s/completions.log", dir);
	free(dir);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* A copy of s, or NULL. */
static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/*
 * The fields of the record the caller asked for, as given (the rules,
 * complog_check_fields, judge them); seq, log, prev and ts are filled in
 * when the log's tail is known.
 */
static void
fill_event(struct complog_fields *f, const struct complog_record *r)
{
	const struct complog_tallies *t = r->tallies;
	size_t cells;

	complog_fields_init(f);
	f->type = xstrdup(r->event);
	f->learner = dup_or_null(r->learner);
	f->staff_id = dup_or_null(r->staff_id);
	f->module = dup_or_null(r->module);
	f->module_title = dup_or_null(r->module_title);
	f->content_version = dup_or_null(r->content_version);
	f->mode = dup_or_null(r->mode);
	f->facilitator = dup_or_null(r->facilitator);
	f->program = xstrdup(PROGRAM);
	if (r->score >= 0) {
		f->score = r->score;
		f->total = r->total;
		f->pass_mark = r->pass_mark;
	}
	f->duration = r->duration > 0 ? r->duration : -1;
	f->present = strcmp(r->event, "session") == 0 || r->present > 0
			 ? r->present
			 : -1;
	if (t == NULL)
		return;
	f->tally_set = dup_or_null(t->set);
	f->tally_scale = t->scale;
	f->tally_nq = t->nq;
	if (t->before == NULL || t->after == NULL || t->nq < 1 ||
	    t->nq > COMPLOG_TALLY_MAX_QUESTIONS || t->scale < 2 ||
	    t->scale > COMPLOG_TALLY_MAX_SCALE)
		return; /* the rules refuse it */
	cells = (size_t)t->nq * (size_t)t->scale;
	f->tally_before = xmalloc(cells * sizeof *t->before);
	memcpy(f->tally_before, t->before, cells * sizeof *t->before);
	f->tally_after = xmalloc(cells * sizeof *t->after);
	memcpy(f->tally_after, t->after, cells * sizeof *t->after);
}

/*
 * The record asked for, checked against the rules before the log is even
 * opened (seq 1 of a log with no id yet stands in for its place).  0 ok,
 * with the fields in ev (the caller frees them); -1 with the reason.
 */
static int
check_record(const struct complog_record *r, struct complog_fields *ev,
	     char *err, size_t errlen)
{
	if (r->event == NULL ||
	    (!complog_is_event(r->event) && strcmp(r->event, "session") != 0)) {
		util_seterr(err, errlen, "unknown event \"%s\"",
			    r->event ? r->event : "(none)");
		return -1;
	}
	fill_event(ev, r);
	ev->seq = 1;
	memset(ev->log, '0', COMPLOG_LOGID_HEX);
	memset(ev->prev, '0', COMPLOG_HASH_HEX);
	strcpy(ev->ts, "2000-01-01T00:00:00Z");
	if (complog_check_fields(ev, err, errlen) < 0) {
		complog_fields_free(ev);
		return -1;
	}
	return 0;
}

static void
format_ts(time_t t, char out[21])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* What the tail of the log says the next record follows. */
struct tail {
	bool empty; /* no complete line: a genesis is needed */
	long long seq;
	char log[COMPLOG_LOGID_HEX + 1];
	char hash[COMPLOG_HASH_HEX + 1];
	off_t good; /* bytes up to the end of the last full line */
	off_t torn; /* bytes of a torn fragment after that */
};

/*
 * Every line is longer than this (the signature prefix alone is 129
 * bytes, a genesis rec more than 150): a log of n bytes holds fewer than
 * n / COMPLOG_MIN_LINE lines, which bounds the seq its last line can have.
 */
#define COMPLOG_MIN_LINE 256

#define NOT_THIS_LOG                                                           \
	"the log's last line is not this log's; run workshop verify"

/* The genesis record on line 1 of the log: its log id into log; 0 ok. */
static int
read_genesis(int fd, off_t good, char log[COMPLOG_LOGID_HEX + 1])
{
	size_t want =
	    good < COMPLOG_LINE_MAX + 1 ? (size_t)good : COMPLOG_LINE_MAX + 1;
	char *buf = xmalloc(want + 1), *nl, why[200];
	struct complog_line L;
	int r = -1;

	if (pread(fd, buf, want, 0) == (ssize_t)want &&
	    (nl = memchr(buf, '\n', want)) != NULL &&
	    complog_parse_line(buf, (size_t)(nl - buf), &L, why, sizeof why) ==
		0) {
		if (strcmp(L.f.type, "genesis") == 0 && L.f.seq == 0) {
			memcpy(log, L.f.log, COMPLOG_LOGID_HEX + 1);
			r = 0;
		}
		complog_fields_free(&L.f);
	}
	free(buf);
	return r;
}

/*
 * Does the last line L (at buf + start) belong to this log, so that the
 * next record may follow it?  Its log id is the genesis record's, its seq
 * is possible for the log's size, its signature checks when the appending
 * key made it, and when another key made it, it follows the line before
 * (when that is in buf, which begins at offset from in the log).  0 yes; -1
 * with the reason in err.
 */
static int
tail_belongs(int fd, const char *path, const struct tail *t,
	     const struct complog_line *L, const char *buf, size_t start,
	     off_t from, const struct sign_key *key, char *err, size_t errlen)
{
	char log[COMPLOG_LOGID_HEX + 1], hex[COMPLOG_HASH_HEX + 1], why[200];
	unsigned char *msg, h[32];
	size_t mlen, p;
	struct complog_line P;
	bool ok, first = from == 0 && start == 0;

	if (L->f.seq > (long long)(t->good / COMPLOG_MIN_LINE) ||
	    (first && L->f.seq != 0)) {
		util_seterr(err, errlen,
			    "%s: %s (seq %lld is impossible in a log "
			    "of %lld bytes)",
			    path, NOT_THIS_LOG, L->f.seq, (long long)t->good);
		return -1;
	}
	if (read_genesis(fd, t->good, log) < 0) {
		util_seterr(err, errlen,
			    "%s: its first line is not a genesis "
			    "record; run workshop verify",
			    path);
		return -1;
	}
	if (strcmp(log, L->f.log) != 0) {
		util_seterr(err, errlen, "%s: %s (log id %s, not %s)", path,
			    NOT_THIS_LOG, L->f.log, log);
		return -1;
	}
	if (strcmp(L->kid, sign_key_id(key)) == 0) {
		msg = complog_signed_message(L->kid, L->rec, L->reclen, &mlen);
		ok = sign_check(sign_key_pub(key)->pk, msg, mlen, L->sig);
		free(msg);
		if (!ok) {
			util_seterr(err, errlen, "%s: %s (bad signature)", path,
				    NOT_THIS_LOG);
			return -1;
		}
		return 0;
	}
	/* Another key's line: it must at least follow the line before. */
	if (first || start == 0)
		return 0; /* line 1, or the line before is not at hand */
	for (p = start - 1; p > 0 && buf[p - 1] != '\n'; p--)
		;
	if (p == 0 && from > 0)
		return 0; /* the line before may begin before buf */
	ok = complog_parse_line(buf + p, start - 1 - p, &P, why, sizeof why) ==
	     0;
	if (ok) {
		complog_line_hash(buf + p, start - 1 - p, h);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		ok = P.f.seq + 1 == L->f.seq && strcmp(hex, L->f.prev) == 0;
		complog_fields_free(&P.f);
	}
	if (!ok) {
		util_seterr(err, errlen,
			    "%s: %s (it does not follow the line "
			    "before)",
			    path, NOT_THIS_LOG);
		return -1;
	}
	return 0;
}

/*
 * Read the tail of the log.  With key (an append), the last line must
 * belong to this log (tail_belongs); complog_head passes NULL.
 */
static int
read_tail(int fd, const char *path, const struct sign_key *key, struct tail *t,
	  char **frag, char *err, size_t errlen)
{
	struct stat st;
	size_t want, last, start;
	char *buf = NULL, why[200];
	struct complog_line L;
	unsigned char h[32];
	off_t from;

	memset(t, 0, sizeof *t);
	*frag = NULL;
	if (fstat(fd, &st) < 0) {
		util_seterr(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	/* Usually the last 8 KiB hold the last line; else read the most a
	 * line and a torn fragment can take. */
	for (want = 8192;; want = 2 * COMPLOG_LINE_MAX) {
		if ((off_t)want > st.st_size)
			want = (size_t)st.st_size;
		from = st.st_size - (off_t)want;
		buf = xreallocarray(buf, want + 1, 1);
		if (pread(fd, buf, want, from) != (ssize_t)want) {
			util_seterr(err, errlen, "%s: cannot read its end: %s",
				    path, strerror(errno));
			free(buf);
			return -1;
		}
		/* A torn fragment: everything after the last newline. */
		for (last = want; last > 0 && buf[last - 1] != '\n'; last--)
			;
		start = last;
		if (last > 0)
			for (start = last - 1;
			     start > 0 && buf[start - 1] != '\n'; start--)
				;
		if ((last > 0 && (start > 0 || from == 0)) || from == 0 ||
		    want == 2 * COMPLOG_LINE_MAX)
			break;
	}
	if (last == 0 && from > 0) {
		util_seterr(err, errlen,
			    "%s ends with %zu bytes that are not a "
			    "record; run workshop verify",
			    path, want);
		free(buf);
		return -1;
	}
	t->good = from + (off_t)last;
	t->torn = (off_t)(want - last);
	if (t->torn > 0) {
		/* Not a string: a fragment left by a crash may hold zeros. */
		*frag = xmalloc(want - last);
		memcpy(*frag, buf + last, want - last);
	}
	if (t->good == 0) {
		t->empty = true;
		free(buf);
		return 0;
	}
	if (start == 0 && from > 0) {
		util_seterr(err, errlen, "%s: its last line is too long", path);
		free(buf);
		free(*frag);
		*frag = NULL;
		return -1;
	}
	if (complog_parse_line(buf + start, last - 1 - start, &L, why,
			       sizeof why) < 0) {
		util_seterr(err, errlen,
			    "%s: its last line is not a record (%s); "
			    "run workshop verify",
			    path, why);
		free(buf);
		free(*frag);
		*frag = NULL;
		return -1;
	}
	if (key != NULL && tail_belongs(fd, path, t, &L, buf, start, from, key,
					err, errlen) < 0) {
		complog_fields_free(&L.f);
		free(buf);
		free(*frag);
		*frag = NULL;
		return -1;
	}
	t->seq = L.f.seq;
	memcpy(t->log, L.f.log, sizeof t->log);
	complog_line_hash(buf + start, last - 1 - start, h);
	sodium_bin2hex(t->hash, sizeof t->hash, h, sizeof h);
	complog_fields_free(&L.f);
	free(buf);
	return 0;
}

/* Keep a torn fragment beside the log; 0 ok. */
static int
save_fragment(const char *path, long long seq, const char *frag, size_t n,
	      char *err, size_t errlen)
{
	char *side = xasprintf("%s.torn-%lld", path, seq);
	int fd = open(side, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	int r = 0;

	for (int i = 1; fd < 0 && errno == EEXIST && i < 100; i++) {
		free(side);
		side = xasprintf("%s.torn-%lld.%d", path, seq, i);
		fd = open(side, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	}
	if (fd < 0 || write(fd, frag, n) != (ssize_t)n || fsync(fd) < 0) {
		util_seterr(err, errlen, "%s: cannot keep the torn line: %s",
			    side, strerror(errno));
		r = -1;
	}
	if (fd >= 0)
		close(fd);
	free(side);
	return r;
}

/*
 * Sign f as the next line of the chain (seq, log and prev from the chain),
 * once it keeps the rules, and move the chain past it.  0 ok; -1 with the
 * reason.
 */
static int
add_line(struct strbuf *out, const struct sign_key *key,
	 struct complog_fields *f, struct complog_fields *chain, char *err,
	 size_t errlen)
{
	size_t start = out->len;
	unsigned char h[32];

	f->seq = chain->seq;
	memcpy(f->log, chain->log, sizeof f->log);
	memcpy(f->prev, chain->prev, sizeof f->prev);
	memcpy(f->ts, chain->ts, sizeof f->ts);
	if (complog_check_fields(f, err, errlen) < 0)
		return -1;
	if (complog_format_line(out, key, f) < 0) {
		util_seterr(err, errlen,
			    "the signature made did not verify; nothing was "
			    "written");
		return -1;
	}
	complog_line_hash(out->s + start, out->len - 1 - start, h);
	sodium_bin2hex(chain->prev, sizeof chain->prev, h, sizeof h);
	chain->seq++;
	return 0;
}

/* Build every line this append writes, the caller's record ev last; 0 ok. */
static int
build_lines(struct strbuf *out, const struct sign_key *key,
	    const struct tail *t, const char *frag, struct complog_fields *ev,
	    time_t when, char *err, size_t errlen)
{
	struct complog_fields chain, f;
	unsigned char id[16], h[32];
	int r = 0;

	complog_fields_init(&chain);
	format_ts(when, chain.ts);
	if (t->empty) {
		randombytes_buf(id, sizeof id);
		sodium_bin2hex(chain.log, sizeof chain.log, id, sizeof id);
		memset(chain.prev, '0', COMPLOG_HASH_HEX);
		chain.seq = 0;
		complog_fields_init(&f);
		f.type = xstrdup("genesis");
		f.program = xstrdup(PROGRAM);
		r = add_line(out, key, &f, &chain, err, errlen);
		complog_fields_free(&f);
	} else {
		memcpy(chain.log, t->log, sizeof chain.log);
		memcpy(chain.prev, t->hash, sizeof chain.prev);
		chain.seq = t->seq + 1;
	}
	if (r == 0 && t->torn > 0) {
		complog_fields_init(&f);
		f.type = xstrdup("recovered");
		f.program = xstrdup(PROGRAM);
		f.torn_bytes = (long long)t->torn;
		complog_line_hash(frag, (size_t)t->torn, h);
		sodium_bin2hex(f.torn_hash, sizeof f.torn_hash, h, sizeof h);
		r = add_line(out, key, &f, &chain, err, errlen);
		complog_fields_free(&f);
	}
	if (r == 0)
		r = add_line(out, key, ev, &chain, err, errlen);
	return r;
}

static int
sync_dir(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd, r;

	if (slash == dir)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	else
		strcpy(dir, ".");
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

/*
 * Write the new lines over a torn fragment with one pwrite(2) (we hold the
 * lock, so O_APPEND can be dropped), then cut off whatever of a longer
 * fragment is left.  A process killed before the write leaves the torn tail
 * as it was; one killed between the write and the cut leaves the rest of
 * the fragment after the new lines, a new torn tail that the next append
 * sets aside in the same way: never a fragment gone without a signed note
 * of it.  0 ok; -1 with errno.
 */
static int
write_over_torn(int fd, const struct tail *t, const struct strbuf *out)
{
	int fl = fcntl(fd, F_GETFL);
	ssize_t n;

	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_APPEND) < 0)
		return -1;
	if ((n = pwrite(fd, out->s, out->len, t->good)) < 0)
		return -1;
	if (n != (ssize_t)out->len) {
		errno = EIO;
		return -1;
	}
	if (t->torn > (off_t)out->len &&
	    ftruncate(fd, t->good + (off_t)out->len) < 0)
		return -1;
	return 0;
}

/* Open the log for appending, creating it (and its directory) if needed. */
static int
open_log(const char *path, bool *created, char *err, size_t errlen)
{
	int fd;
	char *dir, *slash;

	*created = false;
	for (int tries = 0; tries < 3; tries++) {
		fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC);
		if (fd >= 0 || errno != ENOENT)
			break;
		dir = xstrdup(path);
		if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
			*slash = '\0';
			paths_mkdirs(dir, 0700);
		}
		free(dir);
		fd =
		    open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC,
			 0600);
		if (fd >= 0) {
			*created = true;
			break;
		}
		if (errno != EEXIST)
			break;
	}
	if (fd < 0)
		util_seterr(err, errlen, "%s: %s", path, strerror(errno));
	return fd;
}

int
complog_append(const char *log_path, const struct sign_key *key,
	       const struct complog_record *rec, char *err, size_t errlen)
{
	struct tail t;
	struct strbuf out;
	struct complog_fields ev;
	char *frag = NULL;
	bool created;
	int fd, r = -1;

	if (sign_init() < 0) {
		util_seterr(err, errlen, "cannot start libsodium");
		return -1;
	}
	if (check_record(rec, &ev, err, errlen) < 0)
		return -1;
	if ((fd = open_log(log_path, &created, err, errlen)) < 0) {
		complog_fields_free(&ev);
		return -1;
	}
	strbuf_init(&out);
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			util_seterr(err, errlen, "%s: cannot lock: %s",
				    log_path, strerror(errno));
			goto out;
		}
	}
	if (read_tail(fd, log_path, key, &t, &frag, err, errlen) < 0)
		goto out;
	if (build_lines(&out, key, &t, frag, &ev,
			rec->when != 0 ? rec->when : time(NULL), err,
			errlen) < 0)
		goto out;
	if (t.torn > 0) {
		if (save_fragment(log_path, t.empty ? 0 : t.seq + 1, frag,
				  (size_t)t.torn, err, errlen) < 0)
			goto out;
		if (write_over_torn(fd, &t, &out) < 0) {
			util_seterr(err, errlen,
				    "%s: cannot set the torn line "
				    "aside: %s",
				    log_path, strerror(errno));
			goto out;
		}
	} else if (write(fd, out.s, out.len) != (ssize_t)out.len) {
		util_seterr(err, errlen, "%s: write failed: %s", log_path,
			    strerror(errno));
		goto out;
	}
	if (fsync(fd) < 0 || (created && sync_dir(log_path) < 0)) {
		util_seterr(err, errlen, "%s: fsync failed: %s", log_path,
			    strerror(errno));
		goto out;
	}
	r = 0;
out:
	close(fd); /* releases the lock */
	complog_fields_free(&ev);
	free(frag);
	strbuf_free(&out);
	return r;
}

int
complog_head(const char *path, char log_id[33], long long *seq, char hash[65],
	     char *err, size_t errlen)
{
	struct tail t;
	char *frag = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC), r = -1;

	if (fd < 0) {
		util_seterr(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (flock(fd, LOCK_SH) < 0 && errno == EINTR)
		;
	if (read_tail(fd, path, NULL, &t, &frag, err, errlen) == 0) {
		if (t.empty) {
			util_seterr(err, errlen, "%s: no records yet", path);
		} else {
			memcpy(log_id, t.log, COMPLOG_LOGID_HEX + 1);
			*seq = t.seq;
			memcpy(hash, t.hash, COMPLOG_HASH_HEX + 1);
			r = 0;
		}
	}
	free(frag);
	close(fd);
	return r;
}

int
complog_checkpoint_add(const char *file, const char *log_id, long long seq,
		       const char *hash, char *err, size_t errlen)
{
	char *line =
	    xasprintf("workshop-checkpoint %s %lld %s\n", log_id, seq, hash);
	size_t n = strlen(line);
	int fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	int r = 0;

	if (fd < 0 || write(fd, line, n) != (ssize_t)n || fsync(fd) < 0) {
		util_seterr(err, errlen, "%s: %s", file, strerror(errno));
		r = -1;
	}
	if (fd >= 0)
		close(fd);
	free(line);
	return r;
}
