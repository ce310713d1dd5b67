/*
 * lrs.h: an xAPI 1.0.3 Learning Record Store, over HTTPS or HTTP
 * (libcurl; the one file that includes <curl/curl.h> is lrs.c).
 *
 * Statements go to ENDPOINT/statements as a JSON array per POST, with
 * "X-Experience-API-Version: 1.0.3" and Basic authentication, over one
 * kept-alive connection.  Redirects are not followed (they could carry the
 * password elsewhere).  Connection errors, 429 and 5xx are tried again
 * after a wait that doubles each time, or the wait the LRS's Retry-After
 * asks for; other answers are final.
 *
 * Credentials come from files only, never from the command line, and the
 * password is wiped from memory when freed.  Nothing here prints or
 * exits; messages never contain the password.
 */
#ifndef WORKSHOP_LRS_H
#define WORKSHOP_LRS_H

#include <stdbool.h>
#include <stddef.h>

/* A user and password for Basic authentication (both fresh strings). */
struct lrs_auth {
	char *user;
	char *password;
};

/* Secret files larger than this are refused. */
#define LRS_SECRET_MAX 4096
/* The longest wait a Retry-After may ask for (seconds); the doubling wait
 * stops doubling at LRS_BACKOFF_MAX. */
#define LRS_WAIT_MAX 300.0
#define LRS_BACKOFF_MAX 60.0
/* How much of the LRS's own message a message quotes (bytes). */
#define LRS_MESSAGE_MAX 300

/*
 * Parse a secret file's text: with user NULL, an auth file whose first
 * line is "USER:PASSWORD" (split at the first colon); otherwise a password
 * file whose first line is the password for user.  A final CR or LF is
 * dropped.  0 ok with fresh strings in *out; -1 with the reason in *why
 * (static text, never the secret).
 */
int lrs_auth_parse(const char *text, size_t len, const char *user,
		   struct lrs_auth *out, const char **why);

/*
 * Read an auth file (user NULL) or a password file (for user) at path, "-"
 * being standard input.  A file its group or others may read is refused,
 * as key files are.  0 ok; -1 with a fresh message in *err.
 */
int lrs_auth_read(const char *path, const char *user, struct lrs_auth *out,
		  char **err);

/* Wipe and free; the struct is then empty.  NULL is a no-op. */
void lrs_auth_free(struct lrs_auth *a);

/*
 * Check an LRS endpoint URL and put it in one form: http or https, no
 * user or password in it (they would show in ps), no query or fragment;
 * scheme and host in lower case, no default port, no trailing slash.  0
 * ok with a fresh string in *out; -1 with a fresh message in *err.
 */
int lrs_endpoint(const char *url, char **out, char **err);

/* Is the endpoint's host this machine (localhost, 127.x, ::1)? */
bool lrs_endpoint_is_local(const char *endpoint);

/* ENDPOINT/statements; fresh string. */
char *lrs_statements_url(const char *endpoint);

/* What became of a POST. */
enum lrs_outcome {
	LRS_STORED,	 /* 200 with the statements' ids, or 204 */
	LRS_RETRY,	 /* 429, 5xx: worth trying again (lrs_judge only) */
	LRS_CONFLICT,	 /* 409: the LRS holds another statement under an id */
	LRS_REJECTED,	 /* 400: the LRS refused a statement */
	LRS_DENIED,	 /* 401, 403: the credentials were refused */
	LRS_UNAVAILABLE, /* no answer, 429 or 5xx, after every try */
	LRS_FAILED,	 /* anything else (redirect, 404, 413, ...) */
};

/* The outcome an HTTP status means (before the ids are checked). */
enum lrs_outcome lrs_judge(long status);

/*
 * The wait before retry number attempt (0 for the first retry): the
 * Retry-After seconds when the LRS gave them (retry_after >= 0), at most
 * LRS_WAIT_MAX; otherwise base doubled attempt times, at most
 * LRS_BACKOFF_MAX.
 */
double lrs_backoff(double base, int attempt, double retry_after);

/*
 * The LRS's own message from an answer's body: its JSON "message", or its
 * "warnings" joined with "; ", or the text itself; white space runs become
 * one space, it is cut to LRS_MESSAGE_MAX bytes (with "..."), and escaped
 * for a terminal.  Fresh string; "(no message)" when empty.
 */
char *lrs_message(const char *body, size_t len);

/*
 * Check the body of a 200 answer to a POST of n statements: a JSON array of
 * exactly their ids, in order (an empty body is accepted too).  0 ok; -1
 * with a fresh reason in *why.
 */
int lrs_check_ids(const char *body, size_t len, const char *const *ids,
		  size_t n, char **why);

struct lrs_opts {
	const char *endpoint; /* as lrs_endpoint made it */
	const struct lrs_auth *auth;
	const char *cacert; /* certificate authorities; NULL: the system's */
	int retries;	    /* tries after the first */
	double retry_wait;  /* seconds before the first retry */
	/* Called before each wait; may be NULL. */
	void (*on_retry)(const char *why, double wait, int attempt, int retries,
			 void *ctx);
	void *ctx;
};

struct lrs_result {
	enum lrs_outcome outcome;
	long status; /* the last HTTP status; 0 if there was no answer */
	int tries;
	char *message; /* NULL when stored; else what went wrong, fresh */
};

struct lrs;

/* A client for the endpoint (options are copied).  NULL with a fresh
 * message in *err when libcurl cannot start. */
struct lrs *lrs_new(const struct lrs_opts *o, char **err);

/*
 * POST body (a JSON array of the n statements whose ids are ids) to the
 * statements resource, trying again as the header comment says.  Fills
 * *r (free with lrs_result_free) and returns r->outcome.
 */
enum lrs_outcome lrs_post(struct lrs *l, const char *body, size_t len,
			  const char *const *ids, size_t n,
			  struct lrs_result *r);

void lrs_result_free(struct lrs_result *r);
/* NULL is a no-op. */
void lrs_free(struct lrs *l);

#endif
