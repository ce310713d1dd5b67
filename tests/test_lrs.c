/*
 * test_lrs.c: the LRS client of workshop send: credentials, endpoints, and
 * how each answer is handled, against a small HTTP server on 127.0.0.1 in
 * the test process that gives canned answers and keeps the requests.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lrs.h"
#include "util.h"

/* ---- Credentials ------------------------------------------------------ */

Test(lrs, an_auth_file_holds_user_colon_password)
{
	struct lrs_auth a;
	const char *why;

	cr_assert_eq(lrs_auth_parse("ann:se:cret\r\nrest", 17, NULL, &a, &why),
		     0);
	cr_expect_str_eq(a.user, "ann");
	cr_expect_str_eq(a.password, "se:cret");
	lrs_auth_free(&a);
	cr_expect_null(a.password);
	lrs_auth_free(NULL);
	cr_assert_eq(lrs_auth_parse("pass word\n", 10, "bob", &a, &why), 0);
	cr_expect_str_eq(a.user, "bob");
	cr_expect_str_eq(a.password, "pass word");
	lrs_auth_free(&a);
}

struct badauth {
	char text[40];
	int with_user;
	char why[80];
};

ParameterizedTestParameters(lrs, a_bad_secret_file_says_what_it_expected)
{
	static struct badauth cases[] = {
	    {"no colon\n", 0, "expected 'user:password' on its first line"},
	    {":pw\n", 0, "no user before the colon on its first line"},
	    {"ann:\n", 0, "no password after the colon on its first line"},
	    {"", 0, "expected 'user:password' on its first line"},
	    {"\nann:pw\n", 0, "expected 'user:password' on its first line"},
	    {"\n", 1, "no password on its first line"},
	    {"", 1, "no password on its first line"},
	};

	return cr_make_param_array(struct badauth, cases,
				   sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct badauth *c, lrs,
		  a_bad_secret_file_says_what_it_expected)
{
	struct lrs_auth a;
	const char *why;

	cr_assert_eq(lrs_auth_parse(c->text, strlen(c->text),
				    c->with_user ? "ann" : NULL, &a, &why),
		     -1);
	cr_expect_str_eq(why, c->why);
	cr_expect_null(a.user);
}

/* A file with text and mode in a fresh directory; its path. */
static char *
secret_file(const char *text, mode_t mode)
{
	char tmpl[] = "/tmp/test_lrs.XXXXXX", *path;
	FILE *fp;

	cr_assert_not_null(mkdtemp(tmpl));
	path = util_path_join(tmpl, "auth");
	cr_assert_not_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
	chmod(path, mode);
	return path;
}

Test(lrs, a_secret_file_others_may_read_is_refused)
{
	char *path = secret_file("ann:pw-secret\n", 0644), *err;
	struct lrs_auth a;

	cr_assert_eq(lrs_auth_read(path, NULL, &a, &err), -1);
	cr_expect(strstr(err, "readable by others (mode 644); run chmod 600") !=
		      NULL,
		  "%s", err);
	cr_expect(strstr(err, "pw-secret") == NULL);
	free(err);
	chmod(path, 0600);
	cr_assert_eq(lrs_auth_read(path, NULL, &a, &err), 0);
	cr_expect_str_eq(a.password, "pw-secret");
	lrs_auth_free(&a);
	cr_assert_eq(lrs_auth_read(path, "a:b", &a, &err), -1);
	cr_expect(strstr(err, "a user name with a colon") != NULL, "%s", err);
	free(err);
	unlink(path);
	free(path);
	cr_assert_eq(lrs_auth_read("/nonexistent/pw", "ann", &a, &err), -1);
	cr_expect_str_eq(err, "/nonexistent/pw: No such file or directory");
	free(err);
}

/* ---- Endpoints -------------------------------------------------------- */

struct ep {
	char in[80];
	char out[80]; /* "" when refused */
	char why[40]; /* part of the message when refused */
};

ParameterizedTestParameters(lrs, endpoints_are_checked_and_put_in_one_form)
{
	static struct ep cases[] = {
	    {"http://127.0.0.1:8080/xAPI", "http://127.0.0.1:8080/xAPI", ""},
	    {"http://127.0.0.1:8080/xAPI/", "http://127.0.0.1:8080/xAPI", ""},
	    {"http://127.0.0.1:8080/xAPI//", "http://127.0.0.1:8080/xAPI", ""},
	    {"HTTPS://LRS.Example.ORG:443/data/xAPI",
	     "https://lrs.example.org/data/xAPI", ""},
	    {"https://lrs.example.org", "https://lrs.example.org", ""},
	    {"http://[::1]:9000/xAPI", "http://[::1]:9000/xAPI", ""},
	    {"ftp://lrs.example.org/xAPI", "", "expected an http:// or https"},
	    {"lrs.example.org/xAPI", "", "expected an http:// or https"},
	    {"https://ann:pw@lrs.example.org/xAPI", "", "would show in ps"},
	    {"https://ann@lrs.example.org/xAPI", "", "would show in ps"},
	    {"https://lrs.example.org/xAPI?x=1", "", "without ? or #"},
	    {"https://lrs.example.org/xAPI#top", "", "without ? or #"},
	    {"https://lrs.example.org/x API", "", "without spaces"},
	    {"https://lrs.example.org:99999/xAPI", "", "a valid URL"},
	};

	return cr_make_param_array(struct ep, cases,
				   sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct ep *c, lrs, endpoints_are_checked_and_put_in_one_form)
{
	char *out, *err = NULL;
	int r = lrs_endpoint(c->in, &out, &err);

	if (c->out[0] != '\0') {
		cr_assert_eq(r, 0, "%s: %s", c->in, err);
		cr_expect_str_eq(out, c->out);
		free(out);
	} else {
		cr_assert_eq(r, -1, "%s", c->in);
		cr_expect(strstr(err, c->why) != NULL, "%s", err);
		cr_expect(strstr(err, "pw@") == NULL, "%s", err);
		free(err);
	}
}

Test(lrs, the_statements_resource_follows_the_endpoint)
{
	char *u = lrs_statements_url("http://127.0.0.1:1/xAPI");

	cr_expect_str_eq(u, "http://127.0.0.1:1/xAPI/statements");
	free(u);
	cr_expect(lrs_endpoint_is_local("http://127.0.0.1:1/xAPI"));
	cr_expect(lrs_endpoint_is_local("http://localhost/xAPI"));
	cr_expect(lrs_endpoint_is_local("http://[::1]:8/xAPI"));
	cr_expect(!lrs_endpoint_is_local("http://localhost.example.org/x"));
	cr_expect(!lrs_endpoint_is_local("http://127.example.org/xAPI"));
	cr_expect(!lrs_endpoint_is_local("http://127.0.0.1.nip.io:8/xAPI"));
	cr_expect(!lrs_endpoint_is_local("https://lrs.example.org/xAPI"));
}

/* ---- Answers, without a network --------------------------------------- */

Test(lrs, each_status_has_its_outcome)
{
	cr_expect_eq(lrs_judge(200), LRS_STORED);
	cr_expect_eq(lrs_judge(204), LRS_STORED);
	cr_expect_eq(lrs_judge(409), LRS_CONFLICT);
	cr_expect_eq(lrs_judge(400), LRS_REJECTED);
	cr_expect_eq(lrs_judge(401), LRS_DENIED);
	cr_expect_eq(lrs_judge(403), LRS_DENIED);
	cr_expect_eq(lrs_judge(429), LRS_RETRY);
	cr_expect_eq(lrs_judge(500), LRS_RETRY);
	cr_expect_eq(lrs_judge(502), LRS_RETRY);
	cr_expect_eq(lrs_judge(503), LRS_RETRY);
	cr_expect_eq(lrs_judge(504), LRS_RETRY);
	cr_expect_eq(lrs_judge(501), LRS_FAILED);
	cr_expect_eq(lrs_judge(404), LRS_FAILED);
	cr_expect_eq(lrs_judge(413), LRS_FAILED);
	cr_expect_eq(lrs_judge(302), LRS_FAILED);
	cr_expect_eq(lrs_judge(201), LRS_FAILED);
}

Test(lrs, waits_double_up_to_a_limit_and_retry_after_wins)
{
	cr_expect_float_eq(lrs_backoff(1, 0, -1), 1, 1e-9);
	cr_expect_float_eq(lrs_backoff(1, 1, -1), 2, 1e-9);
	cr_expect_float_eq(lrs_backoff(1, 4, -1), 16, 1e-9);
	cr_expect_float_eq(lrs_backoff(1, 10, -1), LRS_BACKOFF_MAX, 1e-9);
	cr_expect_float_eq(lrs_backoff(0.05, 2, -1), 0.2, 1e-9);
	cr_expect_float_eq(lrs_backoff(0, 5, -1), 0, 1e-9);
	cr_expect_float_eq(lrs_backoff(1, 0, 7), 7, 1e-9);
	cr_expect_float_eq(lrs_backoff(0.01, 3, 0), 0, 1e-9);
	cr_expect_float_eq(lrs_backoff(1, 0, 86400), LRS_WAIT_MAX, 1e-9);
}

struct msg {
	char body[400];
	char want[340];
};

ParameterizedTestParameters(lrs, the_lrs_message_is_found_cut_and_escaped)
{
	static struct msg cases[] = {
	    {"{\"errorId\":\"x\",\"message\":\"abc is conflicting\"}",
	     "abc is conflicting"},
	    {"{\"errorId\":\"x\",\"warnings\":[\"Missing actor\",7,\"Unknown "
	     "keys\"]}",
	     "Missing actor; Unknown keys"},
	    {"\"a JSON string\"", "a JSON string"},
	    {"<html>\n<body>  Bad   Gateway\n</body></html>\n",
	     "<html> <body> Bad Gateway </body></html>"},
	    {"", "(no message)"},
	    {"{}", "{}"},
	    {"red \x1b[31m text", "red \\x1b[31m text"},
	    {"{\"message\":\"tab\\tand \\u202e flip\"}",
	     "tab and \\u202e flip"},
	};

	return cr_make_param_array(struct msg, cases,
				   sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct msg *c, lrs, the_lrs_message_is_found_cut_and_escaped)
{
	char *m = lrs_message(c->body, strlen(c->body));

	cr_expect_str_eq(m, c->want);
	free(m);
}

Test(lrs, a_long_message_is_cut_on_a_character_boundary)
{
	char body[2000], *m;
	size_t n;

	/* "é" is two bytes: a cut at an odd byte would split one. */
	strcpy(body, "x");
	for (int i = 0; i < 400; i++)
		strcat(body, "\xc3\xa9");
	m = lrs_message(body, strlen(body));
	n = strlen(m);
	cr_expect(n <= LRS_MESSAGE_MAX + 3, "%zu", n);
	cr_expect_str_eq(m + n - 3, "...");
	cr_expect(strstr(m, "\\x") == NULL, "a split character: %s", m);
	free(m);
}

Test(lrs, a_200_must_carry_the_ids_in_order)
{
	const char *ids[] = {"a", "b"};
	char *why;

	cr_expect_eq(lrs_check_ids("[\"a\",\"b\"]", 9, ids, 2, &why), 0);
	cr_expect_eq(lrs_check_ids(" \n", 2, ids, 2, &why), 0);
	cr_expect_eq(lrs_check_ids("[\"b\",\"a\"]", 9, ids, 2, &why), -1);
	cr_expect_str_eq(why, "the LRS answered with another id for "
			      "statement a");
	free(why);
	cr_expect_eq(lrs_check_ids("[\"a\"]", 5, ids, 2, &why), -1);
	cr_expect_str_eq(why, "the LRS answered with 1 ids for 2 statements");
	free(why);
	cr_expect_eq(lrs_check_ids("{\"ok\":1}", 8, ids, 2, &why), -1);
	cr_expect_str_eq(why, "the LRS answered 200 without the statements' "
			      "ids");
	free(why);
}

/* ---- Answers over HTTP ------------------------------------------------- */

/* One canned answer; a NULL status closes the connection without one. */
struct reply {
	const char *status; /* "503 Service Unavailable" */
	const char *extra;  /* header lines, each ending in \r\n */
	const char *body;
};

/* A server on 127.0.0.1 that answers each connection with the next canned
 * reply and keeps the requests. */
struct server {
	int fd, port;
	const struct reply *replies;
	size_t n, served;
	struct strbuf requests;
	pthread_t thread;
};

/* Read one request: headers, then Content-Length bytes of body. */
static void
read_request(int c, struct strbuf *into)
{
	char buf[65536];
	size_t len = 0, want = 0;
	ssize_t k;
	char *end = NULL, *cl;

	while ((k = read(c, buf + len, sizeof buf - 1 - len)) > 0) {
		len += (size_t)k;
		buf[len] = '\0';
		if (end == NULL && (end = strstr(buf, "\r\n\r\n")) != NULL) {
			cl = strstr(buf, "Content-Length:");
			want = (size_t)(end + 4 - buf) +
			       (cl != NULL ? strtoul(cl + 15, NULL, 10) : 0);
		}
		if (end != NULL && len >= want)
			break;
	}
	strbuf_add(into, buf, len);
}

static void *
serve(void *arg)
{
	struct server *s = arg;
	const struct reply *r;
	char *text;
	int c;

	for (; s->served < s->n; s->served++) {
		if ((c = accept(s->fd, NULL, NULL)) < 0)
			break;
		read_request(c, &s->requests);
		r = &s->replies[s->served];
		if (r->status != NULL) {
			text =
			    xasprintf("HTTP/1.1 %s\r\nContent-Type: "
				      "application/json\r\n%sConnection: "
				      "close\r\nContent-Length: %zu\r\n\r\n%s",
				      r->status, r->extra ? r->extra : "",
				      strlen(r->body), r->body);
			if (write(c, text, strlen(text)) < 0)
				c = -c;
			free(text);
		}
		close(c < 0 ? -c : c);
	}
	return NULL;
}

static void
server_start(struct server *s, const struct reply *replies, size_t n)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t alen = sizeof a;

	memset(s, 0, sizeof *s);
	s->replies = replies;
	s->n = n;
	strbuf_init(&s->requests);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert((s->fd = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	cr_assert_eq(bind(s->fd, (struct sockaddr *)&a, sizeof a), 0);
	cr_assert_eq(listen(s->fd, 8), 0);
	getsockname(s->fd, (struct sockaddr *)&a, &alen);
	s->port = ntohs(a.sin_port);
	cr_assert_eq(pthread_create(&s->thread, NULL, serve, s), 0);
}

/* Stop listening and wait for the server; its requests stay. */
static void
server_stop(struct server *s)
{
	shutdown(s->fd, SHUT_RDWR);
	close(s->fd);
	pthread_join(s->thread, NULL);
}

static char user[] = "ann", password[] = "pw-Secret-1";
static struct lrs_auth auth = {.user = user, .password = password};
static int retries_seen;
static double waited;

static void
count_retry(const char *why, double wait, int attempt, int retries, void *ctx)
{
	(void)ctx;
	(void)attempt;
	(void)retries;
	cr_expect(strstr(why, "pw-Secret-1") == NULL, "%s", why);
	retries_seen++;
	waited += wait;
}

/* Post two statements to s; the outcome, with *r filled. */
static enum lrs_outcome
post_two(struct server *s, int retries, struct lrs_result *r)
{
	char *ep = xasprintf("http://127.0.0.1:%d/xAPI", s->port), *err;
	struct lrs_opts o = {.endpoint = ep,
			     .auth = &auth,
			     .retries = retries,
			     .retry_wait = 0.01,
			     .on_retry = count_retry};
	struct lrs *l = lrs_new(&o, &err);
	const char *ids[] = {"id-1", "id-2"};
	static const char body[] = "[{\"id\":\"id-1\"},{\"id\":\"id-2\"}]";
	enum lrs_outcome out;

	cr_assert_not_null(l, "%s", err);
	out = lrs_post(l, body, strlen(body), ids, 2, r);
	lrs_free(l);
	free(ep);
	return out;
}

Test(lrs_http, a_batch_goes_as_xapi_1_0_3_with_basic_auth)
{
	static const struct reply replies[] = {
	    {"200 OK", NULL, "[\"id-1\",\"id-2\"]"}};
	struct server s;
	struct lrs_result r;
	const char *q;

	server_start(&s, replies, 1);
	cr_expect_eq(post_two(&s, 0, &r), LRS_STORED);
	cr_expect_null(r.message);
	cr_expect_eq(r.status, 200);
	cr_expect_eq(r.tries, 1);
	server_stop(&s);
	q = s.requests.s;
	cr_assert_not_null(q);
	cr_expect(strncmp(q, "POST /xAPI/statements HTTP/1.1\r\n", 32) == 0,
		  "%s", q);
	cr_expect(strstr(q, "\r\nX-Experience-API-Version: 1.0.3\r\n"), "%s",
		  q);
	cr_expect(strstr(q, "\r\nContent-Type: application/json\r\n"), "%s", q);
	/* base64("ann:pw-Secret-1") */
	cr_expect(
	    strstr(q, "\r\nAuthorization: Basic YW5uOnB3LVNlY3JldC0x\r\n"),
	    "%s", q);
	cr_expect(strstr(q, "Expect:") == NULL, "%s", q);
	cr_expect(strstr(q, "\r\n\r\n[{\"id\":\"id-1\"},{\"id\":\"id-2\"}]"),
		  "%s", q);
	strbuf_free(&s.requests);
	lrs_result_free(&r);
}

Test(lrs_http, busy_answers_and_silence_are_tried_again)
{
	static const struct reply replies[] = {
	    {"503 Service Unavailable", NULL, "{}"},
	    {NULL, NULL, NULL},
	    {"429 Too Many Requests", "Retry-After: 1\r\n", "{}"},
	    {"204 No Content", NULL, ""}};
	struct server s;
	struct lrs_result r;

	server_start(&s, replies, 4);
	retries_seen = 0;
	waited = 0;
	cr_expect_eq(post_two(&s, 5, &r), LRS_STORED);
	cr_expect_eq(r.tries, 4);
	cr_expect_eq(retries_seen, 3);
	/* 0.01 and 0.02 doubling, then the LRS's second. */
	cr_expect_float_eq(waited, 1.03, 1e-9);
	server_stop(&s);
	strbuf_free(&s.requests);
	lrs_result_free(&r);
}

Test(lrs_http, an_lrs_busy_after_every_try_is_unavailable)
{
	static const struct reply replies[] = {{"502 Bad Gateway", NULL, "{}"},
					       {"502 Bad Gateway", NULL, "{}"},
					       {"502 Bad Gateway", NULL, "{}"}};
	struct server s;
	struct lrs_result r;

	server_start(&s, replies, 3);
	cr_expect_eq(post_two(&s, 2, &r), LRS_UNAVAILABLE);
	cr_expect_eq(r.tries, 3);
	cr_expect_str_eq(r.message, "the LRS answered 502: {} (3 tries)");
	server_stop(&s);
	strbuf_free(&s.requests);
	lrs_result_free(&r);
}

struct final {
	char status[40];
	char extra[60];
	char body[60];
	enum lrs_outcome out;
	char message[140];
};

ParameterizedTestParameters(lrs_http, final_answers_are_not_tried_again)
{
	static struct final cases[] = {
	    {"409 Conflict", "", "{\"message\":\"id-2 is conflicting\"}",
	     LRS_CONFLICT, "the LRS answered 409: id-2 is conflicting"},
	    {"400 Bad Request", "", "{\"warnings\":[\"Missing actor\"]}",
	     LRS_REJECTED, "the LRS answered 400: Missing actor"},
	    {"401 Unauthorized", "", "{\"message\":\"bad pw-Secret-1\"}",
	     LRS_DENIED, "the LRS answered 401: bad ***********"},
	    {"403 Forbidden", "", "no", LRS_DENIED, "the LRS answered 403: no"},
	    {"404 Not Found", "", "no", LRS_FAILED,
	     "the LRS answered 404 Not Found for http://127.0.0.1:"},
	    {"413 Payload Too Large", "", "no", LRS_FAILED,
	     "the LRS answered 413: a batch of 2 statements is too large "
	     "for it; give a smaller --batch"},
	    {"302 Found", "Location: https://elsewhere.example/x\r\n", "",
	     LRS_FAILED,
	     "the LRS answered 302, a redirect to "
	     "https://elsewhere.example/x: give --lrs the endpoint it names"},
	    {"200 OK", "", "[\"id-1\"]", LRS_FAILED,
	     "the LRS answered with 1 ids for 2 statements"},
	};

	return cr_make_param_array(struct final, cases,
				   sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct final *c, lrs_http, final_answers_are_not_tried_again)
{
	const struct reply replies[] = {{c->status, c->extra, c->body}};
	struct server s;
	struct lrs_result r;

	server_start(&s, replies, 1);
	cr_expect_eq(post_two(&s, 5, &r), c->out);
	cr_expect_eq(r.tries, 1);
	cr_expect(strncmp(r.message, c->message, strlen(c->message)) == 0,
		  "got:  %s\nwant: %s", r.message, c->message);
	server_stop(&s);
	strbuf_free(&s.requests);
	lrs_result_free(&r);
}

/* The password is masked before the LRS's message is cut to its length,
 * so not even its first characters show where the cut falls in it. */
Test(lrs_http, a_password_cut_short_in_the_lrs_message_never_shows)
{
	char body[400];
	struct reply replies[] = {{"401 Unauthorized", "", body}};
	struct server s;
	struct lrs_result r;

	snprintf(body, sizeof body, "{\"message\":\"%0*d pw-Secret-1\"}",
		 LRS_MESSAGE_MAX - 5, 0);
	server_start(&s, replies, 1);
	cr_expect_eq(post_two(&s, 0, &r), LRS_DENIED);
	cr_expect(strstr(r.message, "pw-S") == NULL, "%s", r.message);
	cr_expect(strstr(r.message, " ****...") != NULL, "%s", r.message);
	server_stop(&s);
	strbuf_free(&s.requests);
	lrs_result_free(&r);
}

Test(lrs_http, no_server_at_all_is_unavailable_after_the_retries)
{
	struct server s;
	struct lrs_result r;

	/* A port that was just free: nothing listens there now. */
	server_start(&s, NULL, 0);
	server_stop(&s);
	strbuf_free(&s.requests);
	retries_seen = 0;
	cr_expect_eq(post_two(&s, 1, &r), LRS_UNAVAILABLE);
	cr_expect_eq(r.tries, 2);
	cr_expect_eq(retries_seen, 1);
	cr_expect(strstr(r.message, "no answer from http://127.0.0.1:") ==
		      r.message,
		  "%s", r.message);
	cr_expect(strstr(r.message, "(2 tries)") != NULL, "%s", r.message);
	lrs_result_free(&r);
}
