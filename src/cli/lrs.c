/*
 * lrs.c: an xAPI Learning Record Store over libcurl (see lrs.h).
 */
#include "lrs.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "sign.h"
#include "util.h"

/* An answer's body beyond this is not kept (a thousand ids are 39 KiB). */
#define BODY_MAX ((size_t)1 << 20)
#define CONNECT_TIMEOUT 15L
/* A request that moves no byte for this long has failed. */
#define STALL_TIMEOUT 60L

/* ---- Credentials ------------------------------------------------------ */

int
lrs_auth_parse(const char *text, size_t len, const char *user,
	       struct lrs_auth *out, const char **why)
{
	const char *nl = memchr(text, '\n', len), *colon;
	size_t n = nl != NULL ? (size_t)(nl - text) : len;

	out->user = out->password = NULL;
	if (n > 0 && text[n - 1] == '\r')
		n--;
	if (memchr(text, '\0', n) != NULL) {
		*why = "a NUL byte on its first line";
		return -1;
	}
	if (user != NULL) {
		if (n == 0) {
			*why = "no password on its first line";
			return -1;
		}
		out->user = xstrdup(user);
		out->password = xstrndup(text, n);
		return 0;
	}
	if ((colon = memchr(text, ':', n)) == NULL) {
		*why = "expected 'user:password' on its first line";
		return -1;
	}
	if (colon == text || colon + 1 == text + n) {
		*why = colon == text ? "no user before the colon on its first "
				       "line"
				     : "no password after the colon on its "
				       "first line";
		return -1;
	}
	out->user = xstrndup(text, (size_t)(colon - text));
	out->password = xstrndup(colon + 1, (size_t)(text + n - colon - 1));
	return 0;
}

/* Standard input, up to LRS_SECRET_MAX bytes; NULL with errno set. */
static char *
read_stdin(size_t *len)
{
	char *buf = xmalloc(LRS_SECRET_MAX + 1);
	ssize_t k;

	*len = 0;
	while ((k = read(0, buf + *len, LRS_SECRET_MAX - *len)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 || *len + (size_t)k >= LRS_SECRET_MAX) {
			if (k > 0)
				errno = EFBIG;
			explicit_bzero(buf, LRS_SECRET_MAX);
			free(buf);
			return NULL;
		}
		*len += (size_t)k;
	}
	buf[*len] = '\0';
	return buf;
}

int
lrs_auth_read(const char *path, const char *user, struct lrs_auth *out,
	      char **err)
{
	bool in = strcmp(path, "-") == 0;
	const char *name = in ? "standard input" : path, *why;
	char msg[512], *text;
	size_t len;
	int r;

	out->user = out->password = NULL;
	if (!in && sign_check_private(path, msg, sizeof msg) < 0) {
		*err = xstrdup(msg);
		return -1;
	}
	text =
	    in ? read_stdin(&len) : util_read_file(path, LRS_SECRET_MAX, &len);
	if (text == NULL) {
		*err = xasprintf("%s: %s", name,
				 errno == EFBIG ? "too large for a password "
						  "file"
						: strerror(errno));
		return -1;
	}
	if (user != NULL && strchr(user, ':') != NULL) {
		why = "a user name with a colon cannot log in with Basic "
		      "authentication";
		r = -1;
	} else {
		r = lrs_auth_parse(text, len, user, out, &why);
	}
	explicit_bzero(text, len);
	free(text);
	*err = r < 0 ? xasprintf("%s: %s", name, why) : NULL;
	return r;
}

void
lrs_auth_free(struct lrs_auth *a)
{
	if (a == NULL)
		return;
	if (a->password != NULL)
		explicit_bzero(a->password, strlen(a->password));
	free(a->password);
	free(a->user);
	a->user = a->password = NULL;
}

/* ---- Endpoints -------------------------------------------------------- */

/* Part of h, or NULL when it is absent. */
static char *
url_part(CURLU *h, CURLUPart what, unsigned flags)
{
	char *s = NULL;

	return curl_url_get(h, what, &s, flags) == CURLUE_OK ? s : NULL;
}

/* "--lrs: ...": a fresh message, and -1. */
static int
endpoint_error(char **err, const char *url, const char *what)
{
	*err = xasprintf("--lrs: %s, not '%s'", what, url);
	return -1;
}

static char *
endpoint_build(CURLU *h)
{
	char *scheme = url_part(h, CURLUPART_SCHEME, 0);
	char *host = url_part(h, CURLUPART_HOST, 0);
	char *port = url_part(h, CURLUPART_PORT, CURLU_NO_DEFAULT_PORT);
	char *path = url_part(h, CURLUPART_PATH, 0), *out;
	size_t n = path != NULL ? strlen(path) : 0;

	for (char *p = host; p != NULL && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	while (n > 0 && path[n - 1] == '/')
		path[--n] = '\0';
	out = xasprintf("%s://%s%s%s%s", scheme, host, port ? ":" : "",
			port ? port : "", path ? path : "");
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(path);
	return out;
}

int
lrs_endpoint(const char *url, char **out, char **err)
{
	CURLU *h;
	char *part;
	int r = -1;

	*out = NULL;
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			return endpoint_error(err, url,
					      "expected a URL without spaces "
					      "or other characters to escape");
	if (strncasecmp(url, "http://", 7) != 0 &&
	    strncasecmp(url, "https://", 8) != 0)
		return endpoint_error(err, url,
				      "expected an http:// or https:// URL");
	if ((h = curl_url()) == NULL)
		return endpoint_error(err, url, "out of memory");
	if (curl_url_set(h, CURLUPART_URL, url, 0) != CURLUE_OK) {
		endpoint_error(err, url, "expected a valid URL");
	} else if ((part = url_part(h, CURLUPART_USER, 0)) != NULL ||
		   (part = url_part(h, CURLUPART_PASSWORD, 0)) != NULL) {
		curl_free(part);
		*err = xstrdup("--lrs: a user or password in the URL would "
			       "show in ps and in messages; give them in "
			       "--auth-file, or --user and --password-file");
	} else if ((part = url_part(h, CURLUPART_QUERY, 0)) != NULL ||
		   (part = url_part(h, CURLUPART_FRAGMENT, 0)) != NULL) {
		curl_free(part);
		endpoint_error(err, url,
			       "expected the xAPI endpoint without ? or #");
	} else {
		*out = endpoint_build(h);
		r = 0;
	}
	curl_url_cleanup(h);
	return r;
}

bool
lrs_endpoint_is_local(const char *endpoint)
{
	const char *h = strstr(endpoint, "://");
	size_t n;

	if (h == NULL)
		return false;
	h += 3;
	if (strncmp(h, "[::1]", 5) == 0)
		return true;
	n = strcspn(h, ":/");
	/* 127.x.y.z, digits and dots only: 127.example.org is elsewhere. */
	return (n == 9 && strncmp(h, "localhost", 9) == 0) ||
	       (n > 4 && strncmp(h, "127.", 4) == 0 &&
		strspn(h, "0123456789.") == n);
}

char *
lrs_statements_url(const char *endpoint)
{
	return xasprintf("%s/statements", endpoint);
}

/* ---- Answers ---------------------------------------------------------- */

enum lrs_outcome
lrs_judge(long status)
{
	if (status == 200 || status == 204)
		return LRS_STORED;
	if (status == 409)
		return LRS_CONFLICT;
	if (status == 400)
		return LRS_REJECTED;
	if (status == 401 || status == 403)
		return LRS_DENIED;
	if (status == 429 ||
	    (status >= 500 && status <= 599 && status != 501 && status != 505))
		return LRS_RETRY;
	return LRS_FAILED;
}

double
lrs_backoff(double base, int attempt, double retry_after)
{
	double w = base;

	if (retry_after >= 0)
		return retry_after < LRS_WAIT_MAX ? retry_after : LRS_WAIT_MAX;
	for (int i = 0; i < attempt && w < LRS_BACKOFF_MAX; i++)
		w *= 2;
	return w < LRS_BACKOFF_MAX ? w : LRS_BACKOFF_MAX;
}

/* The text of a JSON error body: "message", or "warnings" joined. */
static void
message_of_json(json_t *j, struct strbuf *b)
{
	json_t *m = json_is_object(j) ? json_object_get(j, "message") : j;
	json_t *w = json_is_object(j) ? json_object_get(j, "warnings") : NULL;
	size_t i;
	json_t *v;

	if (json_is_string(m)) {
		strbuf_adds(b, json_string_value(m));
		return;
	}
	json_array_foreach(w, i, v)
	{
		if (!json_is_string(v))
			continue;
		if (b->len > 0)
			strbuf_adds(b, "; ");
		strbuf_adds(b, json_string_value(v));
	}
}

/* Each occurrence of secret (if any) in b becomes stars of its length. */
static void
mask(struct strbuf *b, const char *secret)
{
	size_t n = secret != NULL ? strlen(secret) : 0;

	for (size_t i = 0; n > 0 && i + n <= b->len; i++)
		if (memcmp(b->s + i, secret, n) == 0) {
			memset(b->s + i, '*', n);
			i += n - 1;
		}
}

/* lrs_message, with secret masked before the text is spaced, cut or
 * escaped (any of which could hide it from a search afterwards). */
static char *
message_text(const char *body, size_t len, const char *secret)
{
	json_t *j = json_loadb(body, len, JSON_DECODE_ANY, NULL);
	struct strbuf raw, b;
	size_t cut;
	char *out;

	strbuf_init(&raw);
	strbuf_init(&b);
	if (j != NULL)
		message_of_json(j, &raw);
	json_decref(j);
	if (raw.len == 0)
		strbuf_add(&raw, body, len);
	mask(&raw, secret);
	/* White space runs (and NUL bytes) become one space. */
	for (size_t i = 0; i < raw.len; i++) {
		unsigned char c = (unsigned char)raw.s[i];
		bool space = c == '\0' || c == ' ' || (c >= '\t' && c <= '\r');

		if (!space)
			strbuf_addc(&b, (char)c);
		else if (b.len > 0 && b.s[b.len - 1] != ' ')
			strbuf_addc(&b, ' ');
	}
	while (b.len > 0 && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	if (b.len > LRS_MESSAGE_MAX) {
		cut = LRS_MESSAGE_MAX;
		while (cut > 0 && ((unsigned char)b.s[cut] & 0xc0) == 0x80)
			cut--; /* not inside a UTF-8 character */
		b.len = cut;
		b.s[cut] = '\0';
		strbuf_adds(&b, "...");
	}
	out = util_escape_text(b.len > 0 ? b.s : "(no message)", false);
	strbuf_free(&raw);
	strbuf_free(&b);
	return out;
}

char *
lrs_message(const char *body, size_t len)
{
	return message_text(body, len, NULL);
}

int
lrs_check_ids(const char *body, size_t len, const char *const *ids, size_t n,
	      char **why)
{
	json_t *j, *v;
	size_t i = 0;

	*why = NULL;
	while (i < len &&
	       (body[i] == ' ' || (body[i] >= '\t' && body[i] <= '\r')))
		i++;
	if (i == len)
		return 0;
	j = json_loadb(body, len, 0, NULL);
	if (!json_is_array(j))
		*why = xstrdup("the LRS answered 200 without the statements' "
			       "ids");
	else if (json_array_size(j) != n)
		*why = xasprintf("the LRS answered with %zu ids for %zu "
				 "statements",
				 json_array_size(j), n);
	for (i = 0; *why == NULL && i < n; i++) {
		v = json_array_get(j, i);
		if (!json_is_string(v) || strcmp(json_string_value(v), ids[i]))
			*why = xasprintf("the LRS answered with another id "
					 "for statement %s",
					 ids[i]);
	}
	json_decref(j);
	return *why == NULL ? 0 : -1;
}

/* ---- The client ------------------------------------------------------- */

struct lrs {
	CURL *curl;
	struct curl_slist *headers;
	char *url;
	struct lrs_opts o;
	char errbuf[CURL_ERROR_SIZE];
	struct strbuf body; /* the last answer's body */
};

static size_t
on_body(char *p, size_t size, size_t nmemb, void *ctx)
{
	struct lrs *l = ctx;
	size_t n = size * nmemb;

	if (l->body.len + n <= BODY_MAX)
		strbuf_add(&l->body, p, n);
	return n;
}

static int
lrs_setup(struct lrs *l)
{
	static const char *const headers[] = {
	    "Content-Type: application/json", "Accept: application/json",
	    "X-Experience-API-Version: 1.0.3",
	    "Expect:", /* no 100-continue round trip */
	};
	CURL *c = l->curl;
	int bad = 0;

	for (size_t i = 0; i < UTIL_NELEM(headers); i++)
		l->headers = curl_slist_append(l->headers, headers[i]);
	bad |= curl_easy_setopt(c, CURLOPT_URL, l->url);
	bad |= curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	bad |= curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	bad |= curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	bad |= curl_easy_setopt(c, CURLOPT_HTTPHEADER, l->headers);
	bad |= curl_easy_setopt(c, CURLOPT_USERAGENT,
				"workshop/" WORKSHOP_VERSION);
	bad |= curl_easy_setopt(c, CURLOPT_ERRORBUFFER, l->errbuf);
	bad |= curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	bad |= curl_easy_setopt(c, CURLOPT_WRITEDATA, l);
	bad |= curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT);
	bad |= curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	bad |= curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, STALL_TIMEOUT);
	if (l->o.auth != NULL) {
		bad |= curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
		bad |= curl_easy_setopt(c, CURLOPT_USERNAME, l->o.auth->user);
		bad |=
		    curl_easy_setopt(c, CURLOPT_PASSWORD, l->o.auth->password);
	}
	if (l->o.cacert != NULL)
		bad |= curl_easy_setopt(c, CURLOPT_CAINFO, l->o.cacert);
	return bad != 0 || l->headers == NULL ? -1 : 0;
}

struct lrs *
lrs_new(const struct lrs_opts *o, char **err)
{
	static bool started;
	struct lrs *l;

	*err = NULL;
	if (!started && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		*err = xstrdup("cannot start libcurl");
		return NULL;
	}
	started = true;
	l = xcalloc(1, sizeof *l);
	l->o = *o;
	l->url = lrs_statements_url(o->endpoint);
	strbuf_init(&l->body);
	if ((l->curl = curl_easy_init()) == NULL || lrs_setup(l) < 0) {
		*err = xstrdup("cannot set up libcurl (does it support "
			       "https?)");
		lrs_free(l);
		return NULL;
	}
	return l;
}

void
lrs_free(struct lrs *l)
{
	if (l == NULL)
		return;
	if (l->curl != NULL)
		curl_easy_cleanup(l->curl);
	curl_slist_free_all(l->headers);
	strbuf_free(&l->body);
	free(l->url);
	free(l);
}

void
lrs_result_free(struct lrs_result *r)
{
	free(r->message);
	r->message = NULL;
}

/* Errors where the LRS may answer a moment later. */
static bool
transient(CURLcode c)
{
	switch (c) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_SSL_CONNECT_ERROR:
		return true;
	default:
		return false;
	}
}

/* The LRS's message, never with the password in it. */
static char *
quoted_message(const struct lrs *l)
{
	return message_text(l->body.s != NULL ? l->body.s : "", l->body.len,
			    l->o.auth != NULL ? l->o.auth->password : NULL);
}

/* What an HTTP answer other than "stored" means, for a person. */
static char *
describe(const struct lrs *l, long status, size_t n)
{
	char *m = quoted_message(l), *s, *loc = NULL;

	if (status >= 300 && status < 400) {
		curl_easy_getinfo(l->curl, CURLINFO_REDIRECT_URL, &loc);
		s = xasprintf("the LRS answered %ld, a redirect to %s: give "
			      "--lrs the endpoint it names",
			      status, loc != NULL ? loc : "(nowhere)");
	} else if (status == 404) {
		s = xasprintf("the LRS answered 404 Not Found for %s: is "
			      "--lrs its xAPI endpoint? (%s)",
			      l->url, m);
	} else if (status == 413) {
		s = xasprintf("the LRS answered 413: a batch of %zu "
			      "statements is too large for it; give a "
			      "smaller --batch (%s)",
			      n, m);
	} else {
		s = xasprintf("the LRS answered %ld: %s", status, m);
	}
	free(m);
	return s;
}

/* One POST; the curl result, with the status and Retry-After. */
static CURLcode
post_once(struct lrs *l, const char *body, size_t len, long *status,
	  double *retry_after)
{
	curl_off_t ra = 0;
	CURLcode c;

	strbuf_free(&l->body);
	strbuf_init(&l->body);
	l->errbuf[0] = '\0';
	curl_easy_setopt(l->curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(l->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	c = curl_easy_perform(l->curl);
	*status = 0;
	*retry_after = -1;
	if (c == CURLE_OK) {
		curl_easy_getinfo(l->curl, CURLINFO_RESPONSE_CODE, status);
		if (curl_easy_getinfo(l->curl, CURLINFO_RETRY_AFTER, &ra) ==
			CURLE_OK &&
		    ra > 0)
			*retry_after = (double)ra;
	}
	return c;
}

static void
sleep_for(double seconds)
{
	struct timespec t = {.tv_sec = (time_t)seconds};

	t.tv_nsec = (long)((seconds - (double)t.tv_sec) * 1e9);
	while (nanosleep(&t, &t) < 0 && errno == EINTR)
		;
}

/* The outcome of one try, with *why (fresh; NULL when stored). */
static enum lrs_outcome
try_once(struct lrs *l, const char *body, size_t len, const char *const *ids,
	 size_t n, long *status, double *retry_after, char **why)
{
	CURLcode c = post_once(l, body, len, status, retry_after);
	enum lrs_outcome out;

	*why = NULL;
	if (c != CURLE_OK) {
		*why =
		    xasprintf("no answer from %s: %s", l->o.endpoint,
			      l->errbuf[0] ? l->errbuf : curl_easy_strerror(c));
		return transient(c) ? LRS_RETRY : LRS_FAILED;
	}
	out = lrs_judge(*status);
	if (out != LRS_STORED)
		*why = describe(l, *status, n);
	else if (*status == 200 &&
		 lrs_check_ids(l->body.s != NULL ? l->body.s : "", l->body.len,
			       ids, n, why) < 0)
		out = LRS_FAILED;
	return out;
}

enum lrs_outcome
lrs_post(struct lrs *l, const char *body, size_t len, const char *const *ids,
	 size_t n, struct lrs_result *r)
{
	double retry_after, wait;
	enum lrs_outcome out;
	char *why;

	memset(r, 0, sizeof *r);
	for (int attempt = 0;; attempt++) {
		r->tries = attempt + 1;
		out = try_once(l, body, len, ids, n, &r->status, &retry_after,
			       &why);
		if (out != LRS_RETRY) {
			r->outcome = out;
			r->message = why;
			return out;
		}
		if (attempt >= l->o.retries) {
			r->outcome = LRS_UNAVAILABLE;
			r->message = xasprintf("%s (%d tr%s)", why, r->tries,
					       r->tries == 1 ? "y" : "ies");
			free(why);
			return r->outcome;
		}
		wait = lrs_backoff(l->o.retry_wait, attempt, retry_after);
		if (l->o.on_retry != NULL)
			l->o.on_retry(why, wait, attempt + 1, l->o.retries,
				      l->o.ctx);
		free(why);
		sleep_for(wait);
	}
}
