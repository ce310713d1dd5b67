/*
 * complog_verify.c: checking a completion log, streaming and in parallel.
 *
 * The log is read in batches of at most BATCH_LINES lines (a fixed buffer,
 * so memory does not grow with the log).  For each batch, every thread
 * (the caller's and threads-1 workers) takes lines in small chunks and does
 * the work that needs nothing from other lines: parse, canonical check,
 * hash, trusted-key lookup and the Ed25519 signature check.  Then the
 * calling thread walks the batch in order and checks the chain: genesis
 * first, one log id, seq one more than the previous record, prev equal to
 * the previous line's hash.  The log id comes only from a genesis record
 * whose signature checks and that the next record follows, and the chain
 * moves on only over lines that verified (or that hold their place in it
 * but were reported), so one line put in or on top is the only line
 * blamed.  Problems and verified records are reported in log order.
 *
 * Given a prefix verified before (struct complog_resume), the log's first
 * bytes are hashed in one pass first; when they are unchanged, the reader
 * starts after them and the chain goes on from their head, so only the
 * new lines are parsed and checked.  The prefix's own lines, when the
 * report wants them, are parsed and reported without their signatures or
 * chain being checked again.  With want_prefix, every complete line is
 * hashed as it is read, giving the prefix hash for the next resume.
 */
#include "complog.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "complog_line.h"
#include "digest.h"
#include "util.h"
#include "when.h"

#define BATCH_LINES 4096
#define CHUNK 16
#define BUF_BYTES (4u << 20)
#define MAX_THREADS 64

enum sigstate { SIG_OK, SIG_BAD, SIG_UNTRUSTED, SIG_WINDOW };

struct vline {
	const char *p;
	size_t len;
	off_t off; /* where the line starts in the file */
	unsigned long lineno;
	bool torn, toolong;
	/* Filled in by the threads. */
	bool parsed;
	char why[200];
	/* A parsed record that breaks the rules of its type: why. */
	bool wrong;
	char wrongwhy[200];
	struct complog_line L;
	unsigned char hash[32];
	enum sigstate sig;
	const struct sign_trusted *tk;
};

struct pool {
	pthread_t th[MAX_THREADS];
	int nth; /* worker threads besides the caller */
	pthread_barrier_t start, done;
	struct vline *v;
	size_t nv;
	atomic_size_t next;
	bool quit;
	const struct sign_trust *trust;
	/* Lines 1 to prefix_lines are a prefix verified before; those of seq
	 * report_from on are parsed for the report. */
	unsigned long prefix_lines;
	long long report_from;
};

/*
 * A line of the prefix verified before: parsed only when the report wants
 * it; its signature is not checked again (its bytes are those verified).
 */
static void
check_unchanged(struct vline *x, const struct pool *p)
{
	if ((long long)x->lineno - 1 < p->report_from)
		return;
	if (complog_parse_line(x->p, x->len, &x->L, x->why, sizeof x->why) < 0)
		return;
	x->parsed = true;
	x->tk = p->trust != NULL ? sign_trust_find(p->trust, x->L.kid) : NULL;
}

/* msg: room for the longest signed message, reused line after line. */
static void
check_line(struct vline *x, const struct pool *p, unsigned char *msg)
{
	const struct sign_trust *trust = p->trust;
	size_t mlen;
	long long t;

	x->parsed = false;
	if (x->torn || x->toolong)
		return;
	if (x->lineno <= p->prefix_lines) {
		check_unchanged(x, p);
		return;
	}
	if (complog_parse_line(x->p, x->len, &x->L, x->why, sizeof x->why) < 0)
		return;
	x->parsed = true;
	x->wrong =
	    complog_check_fields(&x->L.f, x->wrongwhy, sizeof x->wrongwhy) < 0;
	complog_line_hash(x->p, x->len, x->hash);
	x->tk = trust != NULL ? sign_trust_find(trust, x->L.kid) : NULL;
	if (x->tk == NULL) {
		x->sig = SIG_UNTRUSTED;
		return;
	}
	mlen =
	    complog_signed_message_into(msg, x->L.kid, x->L.rec, x->L.reclen);
	x->sig =
	    sign_check(x->tk->pub.pk, msg, mlen, x->L.sig) ? SIG_OK : SIG_BAD;
	if (x->sig == SIG_OK) {
		t = when_parse_ts(x->L.f.ts);
		if ((x->tk->from != 0 && t < (long long)x->tk->from) ||
		    (x->tk->until != 0 && t > (long long)x->tk->until))
			x->sig = SIG_WINDOW;
	}
}

static void
work(struct pool *p)
{
	unsigned char *msg = xmalloc(COMPLOG_MSG_EXTRA + COMPLOG_LINE_MAX);
	size_t i, end;

	while ((i = atomic_fetch_add(&p->next, CHUNK)) < p->nv) {
		end = i + CHUNK < p->nv ? i + CHUNK : p->nv;
		for (; i < end; i++)
			check_line(&p->v[i], p, msg);
	}
	free(msg);
}

static void *
worker(void *arg)
{
	struct pool *p = arg;

	for (;;) {
		pthread_barrier_wait(&p->start);
		if (p->quit)
			break;
		work(p);
		pthread_barrier_wait(&p->done);
	}
	return NULL;
}

static int
pool_start(struct pool *p, int threads, const struct sign_trust *trust)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	memset(p, 0, sizeof *p);
	if (threads <= 0)
		threads = ncpu > 0 ? (int)ncpu : 1;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	p->trust = trust;
	pthread_barrier_init(&p->start, NULL, (unsigned)threads);
	pthread_barrier_init(&p->done, NULL, (unsigned)threads);
	for (p->nth = 0; p->nth < threads - 1; p->nth++)
		if (pthread_create(&p->th[p->nth], NULL, worker, p) != 0)
			abort(); /* the barriers count on every thread */
	return 0;
}

/* Set the workers on v; the caller may do other work, then pool_finish. */
static void
pool_begin(struct pool *p, struct vline *v, size_t nv)
{
	p->v = v;
	p->nv = nv;
	atomic_store(&p->next, 0);
	pthread_barrier_wait(&p->start);
}

/* Help with the batch until it is done. */
static void
pool_finish(struct pool *p)
{
	work(p);
	pthread_barrier_wait(&p->done);
}

static void
pool_stop(struct pool *p)
{
	p->quit = true;
	pthread_barrier_wait(&p->start);
	for (int i = 0; i < p->nth; i++)
		pthread_join(p->th[i], NULL);
	pthread_barrier_destroy(&p->start);
	pthread_barrier_destroy(&p->done);
}

/* ---- The chain, in order --------------------------------------------- */

/* A line's place in the chain: its seq, hash and line number. */
struct link {
	bool have;
	long long seq;
	unsigned char hash[32];
	unsigned long line;
	bool hashless; /* a changed line's place: its hash says nothing */
};

#define MAX_PENDING 8

struct chain {
	const char *path;
	const struct complog_verify_opts *o;
	struct complog_verify_result *res;
	/* The prefix verified before (as in struct pool). */
	unsigned long prefix_lines;
	long long report_from;
	/* The log id the chain follows: from its genesis record, or from
	 * the first signed line when the genesis is missing. */
	char log[COMPLOG_LOGID_HEX + 1];
	struct link good; /* the last line that verified */
	/*
	 * The last line after it that holds a consistent place in the chain
	 * but was reported (an untrusted record, one outside its key's
	 * window or breaking its type's rules, or a record after a gap): the
	 * next line may follow either.
	 */
	struct link held;
	/*
	 * Lines that are not what was signed (a bad signature, or not a
	 * record at all) standing where the next records were: the first of
	 * them took the place after the chain's last, and a record whose seq
	 * is one more than the last of them follows them, though its prev
	 * cannot name their bytes.  One change, one error.
	 */
	struct link changed;
	/*
	 * A signed record after a gap in seq, reported once the next line
	 * shows whether the records between are missing or just come later
	 * (out of order).
	 */
	struct {
		bool have;
		long long seq, after;
		unsigned long line;
	} gap;
	/* Consecutive lines whose one problem is the same key, untrusted or
	 * outside its window: reported as one. */
	struct {
		unsigned long first, last, n;
		enum sigstate sig;
		char kid[SIGN_KEY_ID_LEN + 1];
		const char *label;
	} run;
	/* Signed genesis records not yet followed by a record: the one the
	 * next record chains to is this log's. */
	struct vline pending[MAX_PENDING];
	size_t npending;
};

static void flush_run(struct chain *c, bool at_end);

static void problem(struct chain *c, unsigned long line, bool torn,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
problem(struct chain *c, unsigned long line, bool torn, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	flush_run(c, false);
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	c->res->problems++;
	if (c->o->on_problem != NULL)
		c->o->on_problem(c->path, line, torn, msg, c->o->ctx);
	free(msg);
}

/* Why a line's key cannot vouch for it: "signed by ...". */
static void
key_reason(struct strbuf *b, enum sigstate sig, const char *kid,
	   const char *label)
{
	if (sig == SIG_UNTRUSTED)
		strbuf_addf(b, "signed by untrusted key %s", kid);
	else
		strbuf_addf(b,
			    "signed by key %s (%s) outside its validity "
			    "window",
			    kid, label);
}

/* Report the run of lines with one key problem, if any (at_end: the log
 * ended). */
static void
flush_run(struct chain *c, bool at_end)
{
	unsigned long n = c->run.n;
	struct strbuf b;

	if (n == 0)
		return;
	c->run.n = 0;
	strbuf_init(&b);
	if (n > 1 && at_end && c->run.first == 1 && c->res->problems == 0 &&
	    c->run.last == c->res->lines)
		strbuf_addf(&b, "all %lu records are ", n);
	else if (n > 1)
		strbuf_addf(&b, "%lu records, lines %lu to %lu, are ", n,
			    c->run.first, c->run.last);
	key_reason(&b, c->run.sig, c->run.kid, c->run.label);
	problem(c, c->run.first, false, "%s", b.s);
	strbuf_free(&b);
}

/* One more line whose only problem is its key (untrusted, or outside its
 * window). */
static void
key_run(struct chain *c, const struct vline *x)
{
	if (c->run.n > 0 &&
	    (strcmp(c->run.kid, x->L.kid) != 0 || c->run.sig != x->sig ||
	     c->run.last + 1 != x->lineno))
		flush_run(c, false);
	if (c->run.n == 0) {
		c->run.first = x->lineno;
		c->run.sig = x->sig;
		c->run.label = x->tk != NULL ? x->tk->label : NULL;
		memcpy(c->run.kid, x->L.kid, sizeof c->run.kid);
	}
	c->run.last = x->lineno;
	c->run.n++;
}

/* Hand the record x to on_record. */
static void
emit(struct chain *c, const struct vline *x)
{
	const struct complog_fields *f = &x->L.f;
	struct complog_entry e = {.path = c->path,
				  .line = x->lineno,
				  .seq = f->seq,
				  .log_id = f->log,
				  .ts = f->ts,
				  .type = f->type,
				  .learner = f->learner,
				  .staff_id = f->staff_id,
				  .module = f->module,
				  .module_title = f->module_title,
				  .content_version = f->content_version,
				  .mode = f->mode,
				  .facilitator = f->facilitator,
				  .score = f->score,
				  .total = f->total,
				  .pass_mark = f->pass_mark,
				  .duration = f->duration,
				  .present = f->present,
				  .key_id = x->L.kid,
				  .key_label = x->tk->label,
				  .raw = x->p,
				  .rawlen = x->len};
	struct complog_tallies t = {.set = f->tally_set,
				    .scale = f->tally_scale,
				    .nq = f->tally_nq,
				    .before = f->tally_before,
				    .after = f->tally_after};

	if (f->tally_set != NULL)
		e.tallies = &t;
	if (c->o->on_record != NULL)
		c->o->on_record(&e, c->o->ctx);
}

/* The record x verified: counted, made the head, and reported. */
static void
report(struct chain *c, const struct vline *x)
{
	struct complog_verify_result *r = c->res;
	size_t i;

	flush_run(c, false);
	r->records++;
	if (strcmp(x->L.f.type, "recovered") == 0)
		r->recovered++;
	r->head_seq = x->L.f.seq;
	r->head_end = (long long)x->off + (long long)x->len + 1;
	sodium_bin2hex(r->head_hash, sizeof r->head_hash, x->hash,
		       sizeof x->hash);
	for (i = 0; i < r->nkeys_seen; i++)
		if (strcmp(r->keys_seen[i], x->L.kid) == 0)
			break;
	if (i == r->nkeys_seen && i < UTIL_NELEM(r->keys_seen))
		memcpy(r->keys_seen[r->nkeys_seen++], x->L.kid,
		       SIGN_KEY_ID_LEN + 1);
	emit(c, x);
}

/*
 * A line of the prefix verified before, already counted: reported when
 * the report wants it.  Its bytes are the ones verified, so it always
 * reads as a record by a trusted key; if not, that is said.
 */
static void
unchanged(struct chain *c, const struct vline *x)
{
	if ((long long)x->lineno - 1 < c->report_from)
		return;
	if (x->parsed && x->tk != NULL)
		emit(c, x);
	else
		problem(c, x->lineno, false,
			"in the bytes verified at the checkpoint, yet %s",
			x->parsed ? "signed by a key no longer trusted"
				  : x->why);
}

static bool
is_genesis(const struct vline *x)
{
	return strcmp(x->L.f.type, "genesis") == 0 && x->L.f.seq == 0;
}

static void
set_link(struct link *k, const struct vline *x)
{
	k->have = true;
	k->seq = x->L.f.seq;
	memcpy(k->hash, x->hash, sizeof k->hash);
	k->line = x->lineno;
	k->hashless = false;
}

/* Does x follow k: the next seq, and prev naming k's bytes? */
static bool
follows(const struct link *k, const struct vline *x)
{
	char hex[COMPLOG_HASH_HEX + 1];

	if (!k->have || x->L.f.seq != k->seq + 1)
		return false;
	if (k->hashless)
		return true; /* after a changed line: what it was is unknown */
	sodium_bin2hex(hex, sizeof hex, k->hash, sizeof k->hash);
	return strcmp(x->L.f.prev, hex) == 0;
}

/* The chain's last place: the latest of good, held and changed. */
static const struct link *
tip(const struct chain *c)
{
	const struct link *k = &c->good;

	if (c->held.have && (!k->have || c->held.seq > k->seq))
		k = &c->held;
	if (c->changed.have && (!k->have || c->changed.seq > k->seq))
		k = &c->changed;
	return k;
}

/* A line that is not what was signed takes the next place in the chain. */
static void
mark_changed(struct chain *c, unsigned long line)
{
	const struct link *k = tip(c);
	/* After pending genesis records, the place is seq 1. */
	long long seq = k->have ? k->seq + 1 : c->npending > 0 ? 1 : 0;

	c->changed = (struct link){
	    .have = true, .seq = seq, .line = line, .hashless = true};
}

/* Why x does not follow the chain (whose last place is k). */
static void
chain_problems(const struct link *k, const struct vline *x, struct strbuf *why)
{
	const struct complog_fields *f = &x->L.f;

	if (!k->have)
		return;
	if (f->seq == k->seq)
		strbuf_addf(why, "; seq %lld repeated (a duplicated record)",
			    f->seq);
	else if (f->seq < k->seq)
		strbuf_addf(why,
			    "; seq %lld after seq %lld (records out of "
			    "order)",
			    f->seq, k->seq);
	else if (f->seq > k->seq + 1)
		strbuf_addf(why,
			    "; seq %lld after seq %lld (%lld record%s "
			    "missing)",
			    f->seq, k->seq, f->seq - k->seq - 1,
			    f->seq - k->seq - 1 == 1 ? "" : "s");
	else
		strbuf_addf(why,
			    "; prev does not match line %lu (a record "
			    "removed, moved or inserted)",
			    k->line);
}

static void
say(struct chain *c, const struct vline *x, struct strbuf *why)
{
	if (why->len > 0)
		problem(c, x->lineno, false, "%s", why->s + 2);
}

/* Every reason x is reported, its key's first. */
static void
say_all(struct chain *c, const struct vline *x, struct strbuf *why)
{
	struct strbuf all;

	if (x->sig != SIG_UNTRUSTED && x->sig != SIG_WINDOW) {
		say(c, x, why);
		return;
	}
	strbuf_init(&all);
	strbuf_adds(&all, "; ");
	key_reason(&all, x->sig, x->L.kid, x->tk != NULL ? x->tk->label : "");
	if (why->len > 0)
		strbuf_adds(&all, why->s);
	say(c, x, &all);
	strbuf_free(&all);
}

/*
 * A record after a gap was held back: y (NULL at the end of the log) tells
 * whether the records between come next (out of order) or not at all.
 */
static void
settle_gap(struct chain *c, const struct vline *y)
{
	long long n = c->gap.seq - c->gap.after - 1;

	if (!c->gap.have)
		return;
	c->gap.have = false;
	if (y != NULL && y->parsed && y->sig == SIG_OK &&
	    strcmp(y->L.f.log, c->log) == 0 && y->L.f.seq > c->gap.after &&
	    y->L.f.seq < c->gap.seq)
		problem(c, c->gap.line, false,
			"seq %lld comes before seq %lld on line %lu "
			"(records out of order)",
			c->gap.seq, y->L.f.seq, y->lineno);
	else
		problem(c, c->gap.line, false,
			"seq %lld after seq %lld (%lld record%s missing)",
			c->gap.seq, c->gap.after, n, n == 1 ? "" : "s");
}

/*
 * The pending genesis records are settled: the one x (NULL at the end of
 * the log) chains to is this log's, else the first.  Each is reported in
 * order: the chosen one as a record (or, when it breaks the rules, as a
 * problem that still names the log), the others as problems.
 */
static void
settle(struct chain *c, const struct vline *x)
{
	size_t win = 0, i;
	bool found = false;
	struct link k = {0};
	struct vline *g;
	struct strbuf why;

	if (c->npending == 0)
		return;
	/* The one x follows, else the first of x's log (x may follow a
	 * changed line after it), else the first. */
	for (i = 0; x != NULL && !found && i < c->npending; i++) {
		set_link(&k, &c->pending[i]);
		if (strcmp(c->pending[i].L.f.log, x->L.f.log) == 0 &&
		    follows(&k, x)) {
			win = i;
			found = true;
		}
	}
	for (i = 0; x != NULL && !found && i < c->npending; i++)
		if (strcmp(c->pending[i].L.f.log, x->L.f.log) == 0) {
			win = i;
			found = true;
		}
	g = &c->pending[win];
	memcpy(c->log, g->L.f.log, sizeof c->log);
	memcpy(c->res->log_id, g->L.f.log, sizeof c->res->log_id);
	for (i = 0; i < c->npending; i++) {
		g = &c->pending[i];
		strbuf_init(&why);
		if (i == win && g->wrong) {
			strbuf_addf(&why, "; %s", g->wrongwhy);
			set_link(&c->held, g);
		} else if (i == win) {
			report(c, g);
			set_link(&c->good, g);
		} else if (strcmp(g->L.f.log, c->log) != 0) {
			strbuf_addf(&why,
				    "; the genesis record of another log "
				    "(log id %s, not %s)",
				    g->L.f.log, c->log);
		} else {
			strbuf_adds(&why, "; a second genesis record");
		}
		say(c, g, &why);
		strbuf_free(&why);
		complog_fields_free(&g->L.f);
	}
	c->npending = 0;
}

/* A line that is not a record as signed: one problem, and its place. */
static void
unreadable(struct chain *c, const struct vline *x)
{
	if (x->toolong)
		problem(c, x->lineno, false, "line longer than %d bytes",
			COMPLOG_LINE_MAX);
	else if (x->sig == SIG_BAD)
		problem(c, x->lineno, false,
			"bad signature (the record was changed; key %s, %s)",
			x->L.kid, x->tk->label);
	else
		problem(c, x->lineno, false, "%s", x->why);
	mark_changed(c, x->lineno);
}

/* The record x is reported, or verified: its place in the chain. */
static void
conclude(struct chain *c, struct vline *x, struct strbuf *why, bool chained)
{
	const struct complog_fields *f = &x->L.f;

	if (why->len == 0 && x->sig == SIG_OK) {
		report(c, x);
		set_link(&c->good, x);
		if (c->held.have && c->held.seq <= f->seq)
			c->held.have = false;
		c->changed.have = false;
		return;
	}
	if (why->len == 0 && (x->sig == SIG_UNTRUSTED || x->sig == SIG_WINDOW))
		key_run(c, x);
	else
		say_all(c, x, why);
	/*
	 * A line in its place whose signature or contents we cannot accept,
	 * or a signed record after a gap: the chain goes on from it.
	 */
	if (chained || (x->sig == SIG_OK && f->seq > c->good.seq &&
			(!c->held.have || f->seq > c->held.seq))) {
		set_link(&c->held, x);
		c->changed.have = false;
	}
}

/* The first records, before the log is named by its genesis record. */
static bool
unnamed(struct chain *c, struct vline *x, struct strbuf *why)
{
	const struct complog_fields *f = &x->L.f;

	if (x->sig != SIG_OK) {
		conclude(c, x, why, false);
		return true;
	}
	memcpy(c->log, f->log, sizeof c->log);
	/* After a changed genesis: the log goes on from it. */
	if (c->changed.have && c->changed.seq == 0 && f->seq == 1)
		return false;
	/* No genesis: follow the first signed record. */
	strbuf_addf(why,
		    "; the log does not begin with its genesis record "
		    "(found seq %lld)",
		    f->seq);
	say(c, x, why);
	set_link(&c->held, x);
	c->changed.have = false;
	return true;
}

/* A line that holds no record to chain: torn, unreadable or changed.
 * Reported; true if it was one. */
static bool
not_a_record(struct chain *c, const struct vline *x)
{
	if (x->torn) {
		c->res->torn = true;
		problem(c, x->lineno, true,
			"torn last line (%zu bytes, no newline): an append "
			"was cut short; the next append sets it aside",
			x->len);
		return true;
	}
	if (x->toolong || !x->parsed || x->sig == SIG_BAD) {
		unreadable(c, x);
		return true;
	}
	return false;
}

/* A record that is no place in this chain (another log's, a second
 * genesis): a line put in, reported.  True if it was one. */
static bool
put_in(struct chain *c, const struct vline *x, struct strbuf *why)
{
	const struct complog_fields *f = &x->L.f;

	if (strcmp(f->log, c->log) != 0)
		strbuf_addf(why, "; record of another log (log id %s, not %s)",
			    f->log, c->log);
	else if (is_genesis(x))
		strbuf_adds(why, "; a second genesis record");
	else
		return false;
	say_all(c, x, why);
	return true;
}

/*
 * A signed record with nothing else wrong after a gap in seq: missing
 * records, or out of order; the next line tells (settle_gap).  True if x
 * was held back so.
 */
static bool
gap(struct chain *c, const struct vline *x, const struct strbuf *why)
{
	const struct link *k = tip(c);

	if (why->len > 0 || x->sig != SIG_OK || !k->have ||
	    x->L.f.seq <= k->seq + 1)
		return false;
	flush_run(c, false);
	c->gap.have = true;
	c->gap.seq = x->L.f.seq;
	c->gap.after = k->seq;
	c->gap.line = x->lineno;
	set_link(&c->held, x);
	c->changed.have = false;
	return true;
}

static void
walk(struct chain *c, struct vline *x)
{
	struct strbuf why;
	bool chained;

	if (x->lineno <= c->prefix_lines) {
		unchanged(c, x);
		return;
	}
	settle_gap(c, x);
	if (not_a_record(c, x))
		return;
	/*
	 * Only a genesis record whose signature checks names the log, and
	 * only once the next record shows it is this log's: else one line
	 * put on top would taint every other.
	 */
	if (c->log[0] == '\0' && x->sig == SIG_OK && is_genesis(x) &&
	    c->npending < MAX_PENDING) {
		c->pending[c->npending++] = *x;
		x->parsed = false; /* its fields are the pending copy's now */
		return;
	}
	if (c->npending > 0 && x->sig == SIG_OK)
		settle(c, x);
	strbuf_init(&why);
	if (x->sig != SIG_UNTRUSTED && x->wrong)
		strbuf_addf(&why, "; %s", x->wrongwhy);
	if ((c->log[0] == '\0' && unnamed(c, x, &why)) || put_in(c, x, &why)) {
		strbuf_free(&why);
		return;
	}
	chained = follows(&c->good, x) || follows(&c->held, x) ||
		  follows(&c->changed, x);
	if (!chained && gap(c, x, &why)) {
		strbuf_free(&why);
		return;
	}
	if (!chained)
		chain_problems(tip(c), x, &why);
	conclude(c, x, &why, chained);
	strbuf_free(&why);
}

/* ---- Reading ---------------------------------------------------------- */

/*
 * Two buffers take turns: the lines of one batch point into one while the
 * next batch is read into the other (the rest of a line carried over), so
 * a batch's lines stay valid until its chain walk is done.
 */
struct reader {
	int fd;
	char *bufs[2];
	int cur;
	char *buf;  /* bufs[cur] */
	size_t cap; /* of each buffer: > 2 * COMPLOG_LINE_MAX */
	off_t base; /* where buf[0] is in the file */
	off_t left; /* bytes of the snapshot still to read */
	size_t have, pos;
	bool eof, skipping;
	unsigned long lineno;
};

static int
fill(struct reader *rd)
{
	ssize_t n;

	size_t want;

	while (!rd->eof && rd->have < rd->cap) {
		want = rd->cap - rd->have;
		if ((off_t)want > rd->left)
			want = (size_t)rd->left;
		n = want > 0 ? read(rd->fd, rd->buf + rd->have, want) : 0;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			rd->eof = true;
		rd->have += (size_t)n;
		rd->left -= n;
	}
	return 0;
}

/* Cut up to BATCH_LINES lines from the buffer into v; returns how many. */
static size_t
carve(struct reader *rd, struct vline *v)
{
	size_t nv = 0, len;
	char *nl;

	rd->pos = 0;
	while (nv < BATCH_LINES && rd->pos < rd->have) {
		nl = memchr(rd->buf + rd->pos, '\n', rd->have - rd->pos);
		if (rd->skipping) {
			if (nl == NULL) {
				rd->pos = rd->have;
				break;
			}
			rd->pos = (size_t)(nl - rd->buf) + 1;
			rd->skipping = false;
			continue;
		}
		len = nl != NULL ? (size_t)(nl - rd->buf) - rd->pos
				 : rd->have - rd->pos;
		if (nl == NULL && len <= COMPLOG_LINE_MAX && !rd->eof)
			break; /* the rest of the line is still to come */
		memset(&v[nv], 0, sizeof v[nv]);
		v[nv].p = rd->buf + rd->pos;
		v[nv].off = rd->base + (off_t)rd->pos;
		v[nv].len = len;
		v[nv].lineno = ++rd->lineno;
		v[nv].toolong = len > COMPLOG_LINE_MAX;
		v[nv].torn = nl == NULL && !v[nv].toolong;
		nv++;
		if (nl == NULL) {
			rd->skipping = !rd->eof;
			rd->pos = rd->have;
		} else {
			rd->pos = (size_t)(nl - rd->buf) + 1;
		}
	}
	return nv;
}

/* Carry the unread rest over to the other buffer and make it current. */
static void
next_buffer(struct reader *rd)
{
	char *next = rd->bufs[!rd->cur];

	memcpy(next, rd->buf + rd->pos, rd->have - rd->pos);
	rd->have -= rd->pos;
	rd->base += (off_t)rd->pos;
	rd->pos = 0;
	rd->cur = !rd->cur;
	rd->buf = next;
}

static void
walk_batch(struct chain *c, struct vline *v, size_t nv)
{
	for (size_t i = 0; i < nv; i++) {
		walk(c, &v[i]);
		if (v[i].parsed)
			complog_fields_free(&v[i].L.f);
	}
}

/* ---- The prefix hash ------------------------------------------------- */

/* The prefix hash of the complete lines read so far (want_prefix). */
struct prefixer {
	bool on;
	bool broken;   /* a line too long was skipped: no prefix */
	long long end; /* the bytes hashed */
	struct digest_b2b st;
};

/* The prefix hash: BLAKE2b-256 of "workshop/v1/prefix", a zero byte and
 * the bytes (digest.h: the fast BLAKE2b, for hundreds of megabytes). */
static void
prefix_begin(struct digest_b2b *st)
{
	static const char ctx[] = "workshop/v1/prefix";

	digest_b2b_init(st, 32);
	digest_b2b_update(st, ctx, sizeof ctx);
}

/* Hash the complete lines of v after the prefix, runs of adjacent lines
 * at a time. */
static void
prefix_feed(struct prefixer *pf, const struct vline *v, size_t nv,
	    unsigned long prefix_lines)
{
	const char *run = NULL;
	size_t n = 0;

	for (size_t i = 0; pf->on && i < nv; i++) {
		if (v[i].lineno <= prefix_lines || v[i].torn)
			continue;
		pf->broken |= v[i].toolong;
		if (run != NULL && run + n != v[i].p) {
			digest_b2b_update(&pf->st, run, n);
			run = NULL;
		}
		if (run == NULL) {
			run = v[i].p;
			n = 0;
		}
		n += v[i].len + 1;
		pf->end = (long long)v[i].off + (long long)v[i].len + 1;
	}
	if (run != NULL)
		digest_b2b_update(&pf->st, run, n);
}

/* Add the first n bytes of fd to st, through buf (cap bytes).  0 ok, 1 if
 * the file is shorter, -1 on a read error. */
static int
hash_bytes(int fd, long long n, char *buf, size_t cap, struct digest_b2b *st)
{
	long long at = 0;
	ssize_t got;
	size_t want;

	while (at < n) {
		want = n - at < (long long)cap ? (size_t)(n - at) : cap;
		got = pread(fd, buf, want, (off_t)at);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return got < 0 ? -1 : 1;
		digest_b2b_update(st, buf, (size_t)got);
		at += got;
	}
	return 0;
}

/* The chain goes on from the head of the prefix z, whose records count as
 * verified (unchanged). */
static void
seed(struct chain *c, const struct complog_resume *z)
{
	struct complog_verify_result *res = c->res;

	memcpy(c->log, z->log_id, sizeof c->log);
	memcpy(res->log_id, z->log_id, sizeof res->log_id);
	c->good = (struct link){
	    .have = true, .seq = z->seq, .line = (unsigned long)z->seq + 1};
	sodium_hex2bin(c->good.hash, sizeof c->good.hash, z->hash,
		       COMPLOG_HASH_HEX, NULL, NULL, NULL);
	res->records = res->unchanged = (unsigned long)z->seq + 1;
	res->recovered = z->recovered;
	res->head_seq = z->seq;
	memcpy(res->head_hash, z->hash, sizeof res->head_hash);
	res->head_end = z->bytes;
	res->nkeys_seen = z->nkeys < 64 ? z->nkeys : 64;
	memcpy(res->keys_seen, z->keys, res->nkeys_seen * sizeof z->keys[0]);
	c->prefix_lines = (unsigned long)z->seq + 1;
	c->report_from = z->report_from;
}

/*
 * The prefix z verified before: hash the log's first z->bytes bytes (of
 * size); when they are unchanged, go on from its head: the reader starts
 * after it, or at the start when the report wants some of its records.
 * Else the log is verified in full.  0, or -1 on a read error.
 */
static int
resume(struct reader *rd, struct chain *c, struct prefixer *pf,
       const struct complog_resume *z, off_t size)
{
	struct digest_b2b st, fin;
	unsigned char h[32];
	int r;

	c->res->prefix_use = COMPLOG_PREFIX_SHORTER;
	if (z->bytes <= 0 || z->seq < 0 || size < (off_t)z->bytes)
		return 0;
	prefix_begin(&st);
	if ((r = hash_bytes(rd->fd, z->bytes, rd->bufs[0], rd->cap, &st)) != 0)
		return r < 0 ? -1 : 0;
	fin = st;
	digest_b2b_final(&fin, h);
	c->res->prefix_use = COMPLOG_PREFIX_CHANGED;
	if (sodium_memcmp(h, z->prefix_hash, sizeof h) != 0)
		return 0;
	c->res->prefix_use = COMPLOG_PREFIX_USED;
	seed(c, z);
	pf->st = st;
	pf->end = z->bytes;
	if (z->report_from <= z->seq)
		return 0; /* read from the start, for the report */
	if (lseek(rd->fd, (off_t)z->bytes, SEEK_SET) < 0)
		return -1;
	rd->base = (off_t)z->bytes;
	rd->left = size - (off_t)z->bytes;
	rd->lineno = (unsigned long)z->seq + 1;
	return 0;
}

/* ---- The whole log --------------------------------------------------- */

/*
 * Open the log and take its size under a shared lock, so no append is
 * half-way through a line: records appended while it is read are left for
 * the next verification.  The size, or -1 (reported).
 */
static off_t
open_log(struct reader *rd, struct chain *c)
{
	struct stat st;

	if ((rd->fd = open(c->path, O_RDONLY | O_CLOEXEC)) < 0) {
		c->res->io_error = true;
		problem(c, 0, false, "cannot open: %s", strerror(errno));
		return -1;
	}
	while (flock(rd->fd, LOCK_SH) < 0 && errno == EINTR)
		;
	if (fstat(rd->fd, &st) < 0) {
		c->res->io_error = true;
		problem(c, 0, false, "cannot read: %s", strerror(errno));
		close(rd->fd);
		return -1;
	}
	flock(rd->fd, LOCK_UN);
	rd->left = st.st_size;
	/* Small logs need no big buffers. */
	rd->cap = BUF_BYTES;
	if (st.st_size + 1 < (off_t)rd->cap)
		rd->cap = (size_t)st.st_size + 1;
	if (rd->cap < 2 * COMPLOG_LINE_MAX + 2)
		rd->cap = 2 * COMPLOG_LINE_MAX + 2;
	rd->bufs[0] = rd->buf = xmalloc(rd->cap);
	rd->bufs[1] = xmalloc(rd->cap);
	return st.st_size;
}

/*
 * Read the log batch by batch: while the threads check batch k, this
 * thread hashes it for the prefix and walks the chain through batch k-1,
 * then helps with batch k.  0, or 2 on a read error (reported).
 */
static int
read_all(struct reader *rd, struct chain *c, struct prefixer *pf)
{
	struct vline *v[2], *prev = NULL;
	struct pool pool;
	size_t nv, nprev = 0;
	int rc = 0;

	v[0] = xreallocarray(NULL, BATCH_LINES, sizeof *v[0]);
	v[1] = xreallocarray(NULL, BATCH_LINES, sizeof *v[1]);
	pool_start(&pool, c->o->threads, c->o->trust);
	pool.prefix_lines = c->prefix_lines;
	pool.report_from = c->report_from;
	for (;;) {
		if (fill(rd) < 0) {
			c->res->io_error = true;
			problem(c, 0, false, "read error: %s", strerror(errno));
			rc = 2;
			break;
		}
		nv = carve(rd, v[rd->cur]);
		pool_begin(&pool, v[rd->cur], nv);
		prefix_feed(pf, v[rd->cur], nv, c->prefix_lines);
		walk_batch(c, prev, nprev);
		pool_finish(&pool);
		prev = v[rd->cur];
		nprev = nv;
		if (rd->eof && (rd->have == rd->pos || nv == 0))
			break;
		next_buffer(rd);
	}
	walk_batch(c, prev, nprev);
	settle_gap(c, NULL);
	settle(c, NULL);
	pool_stop(&pool);
	free(v[0]);
	free(v[1]);
	return rc;
}

int
complog_verify(const char *path, const struct complog_verify_opts *opts,
	       struct complog_verify_result *res)
{
	struct reader rd = {0};
	struct chain c = {.path = path, .o = opts, .res = res};
	struct prefixer pf = {.on = opts->want_prefix};
	off_t size;
	int rc = 0;

	memset(res, 0, sizeof *res);
	res->head_seq = -1;
	if (sign_init() < 0)
		return 2;
	if ((size = open_log(&rd, &c)) < 0)
		return 2;
	prefix_begin(&pf.st);
	if (opts->resume != NULL &&
	    resume(&rd, &c, &pf, opts->resume, size) < 0) {
		res->io_error = true;
		problem(&c, 0, false, "read error: %s", strerror(errno));
		rc = 2;
	}
	if (rc == 0)
		rc = read_all(&rd, &c, &pf);
	res->lines = rd.lineno;
	flush_run(&c, true);
	if (rc == 0 && rd.lineno == 0)
		problem(&c, 0, false, "empty log: no genesis record");
	close(rd.fd);
	free(rd.bufs[0]);
	free(rd.bufs[1]);
	if (rc == 0 && res->problems > 0)
		rc = 1;
	res->has_prefix = pf.on && !pf.broken && res->head_seq >= 0 &&
			  pf.end == res->head_end &&
			  complog_verify_passed(rc, res);
	if (res->has_prefix)
		digest_b2b_final(&pf.st, res->prefix_hash);
	return rc;
}

int
complog_find_head(const char *path, long long from, long long seq,
		  const char *hash, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL, hex[COMPLOG_HASH_HEX + 1];
	size_t cap = 0;
	ssize_t n;
	unsigned char h[32];
	int r = 1;

	if (fp == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return 2;
	}
	if (from > 0 && fseeko(fp, (off_t)from, SEEK_SET) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		fclose(fp);
		return 2;
	}
	sign_init();
	while ((n = getline(&line, &cap, fp)) > 0) {
		if (line[n - 1] != '\n')
			break; /* a torn tail is no head */
		complog_line_hash(line, (size_t)n - 1, h);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		if (strcmp(hex, hash) == 0) {
			r = 0;
			break;
		}
	}
	if (r == 1)
		snprintf(err, errlen,
			 "no longer contains the checkpointed head (seq %lld, "
			 "hash %.16s...): truncated or rolled back",
			 seq, hash);
	free(line);
	fclose(fp);
	return r;
}

bool
complog_verify_passed(int rc, const struct complog_verify_result *res)
{
	return rc == 0 || (rc == 1 && res->torn && res->problems == 1);
}

int
complog_first_log_id(const char *path, char log_id[33])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *buf = xmalloc(COMPLOG_LINE_MAX + 1), *nl, why[200];
	struct complog_line L;
	ssize_t n = -1;
	int r = -1;

	if (fd >= 0)
		while ((n = read(fd, buf, COMPLOG_LINE_MAX + 1)) < 0 &&
		       errno == EINTR)
			;
	if (n > 0 && (nl = memchr(buf, '\n', (size_t)n)) != NULL &&
	    complog_parse_line(buf, (size_t)(nl - buf), &L, why, sizeof why) ==
		0) {
		memcpy(log_id, L.f.log, COMPLOG_LOGID_HEX + 1);
		complog_fields_free(&L.f);
		r = 0;
	}
	if (fd >= 0)
		close(fd);
	free(buf);
	return r;
}
