/*
 * sign_trust.c: the manager's trusted-keys file (see sign.h and
 * workshop-log(5)): which public keys a verifier accepts, with a label and
 * an optional window of dates each.
 */
#include "sign.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "when.h"

void
sign_trust_add(struct sign_trust *t, const struct sign_pub *pub,
	       const char *label)
{
	struct sign_trusted *e;

	t->v = xreallocarray(t->v, t->n + 1, sizeof *t->v);
	e = &t->v[t->n++];
	memset(e, 0, sizeof *e);
	e->pub = *pub;
	e->label = xstrdup(label);
}

const struct sign_trusted *
sign_trust_find(const struct sign_trust *t, const char *key_id)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].pub.key_id, key_id) == 0)
			return &t->v[i];
	return NULL;
}

void
sign_trust_free(struct sign_trust *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].label);
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

/* "YYYY-MM-DD" to the start of that day, UTC; -1 if not a date. */
static time_t
parse_day(const char *s)
{
	long d = when_days(s);

	return d < 0 ? -1 : (time_t)d * 86400;
}

/* The reason in why; -1. */
static int
refuse(char *why, size_t whylen, const char *reason)
{
	util_seterr(why, whylen, "%s", reason);
	return -1;
}

/* The options a key's line may give, each at most once. */
static const char *const trust_options[] = {"from", "until"};

/* Levenshtein distance of a and b, for short words (at most 15 bytes). */
static size_t
edit_distance(const char *a, size_t na, const char *b)
{
	size_t nb = strlen(b), d[16][16], i, j, sub;

	if (na > 15 || nb > 15)
		return 99;
	for (i = 0; i <= na; i++)
		d[i][0] = i;
	for (j = 0; j <= nb; j++)
		d[0][j] = j;
	for (i = 1; i <= na; i++)
		for (j = 1; j <= nb; j++) {
			sub = d[i - 1][j - 1] +
			      (tolower((unsigned char)a[i - 1]) !=
			       (unsigned char)b[j - 1]);
			d[i][j] = sub;
			if (d[i - 1][j] + 1 < d[i][j])
				d[i][j] = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < d[i][j])
				d[i][j] = d[i][j - 1] + 1;
		}
	return d[na][nb];
}

/*
 * One option NAME=VALUE of a key's line (w, a word with an '='): its day
 * into from or until (set[] says which were given).  0 ok; -1 with the
 * reason in why.
 */
static int
trust_option(const char *w, time_t *from, time_t *until, bool set[2], char *why,
	     size_t whylen)
{
	const char *eq = strchr(w, '=');
	size_t n = (size_t)(eq - w), k;
	time_t d;

	for (k = 0; k < UTIL_NELEM(trust_options); k++)
		if (strlen(trust_options[k]) == n &&
		    strncmp(w, trust_options[k], n) == 0)
			break;
	if (k == UTIL_NELEM(trust_options)) {
		for (k = 0; k < UTIL_NELEM(trust_options); k++)
			if (edit_distance(w, n, trust_options[k]) <= 2)
				break;
		util_seterr(
		    why, whylen,
		    "unknown option '%.*s=': expected from=YYYY-MM-DD "
		    "or until=YYYY-MM-DD%s%s%s (a label word never "
		    "holds '=')",
		    (int)n, w,
		    k < UTIL_NELEM(trust_options) ? "; did you mean " : "",
		    k < UTIL_NELEM(trust_options) ? trust_options[k] : "",
		    k < UTIL_NELEM(trust_options) ? "=?" : "");
		return -1;
	}
	if (set[k]) {
		util_seterr(why, whylen, "%s= is given twice",
			    trust_options[k]);
		return -1;
	}
	set[k] = true;
	if ((d = parse_day(eq + 1)) < 0) {
		util_seterr(why, whylen,
			    "expected a date YYYY-MM-DD after %s=, not '%s'",
			    trust_options[k], eq + 1);
		return -1;
	}
	if (k == 0)
		*from = d;
	else
		*until = d + 86399;
	return 0;
}

/* Parse one trusted-keys line (a copy we may cut); 0 ok or -1 with the
 * reason in why. */
static int
trust_line(struct sign_trust *t, char *line, char *why, size_t whylen)
{
	char *save = NULL, *w, *key;
	struct strbuf label;
	struct sign_pub pub;
	time_t from = 0, until = 0;
	bool set[2] = {false, false};
	int r = 0;

	key = strtok_r(line, " \t", &save);
	if (key == NULL || key[0] == '#')
		return 0; /* blank or a comment */
	if (sign_pub_decode(key, strlen(key), pub.pk) < 0)
		return refuse(why, whylen,
			      "expected a base64 public key (line 2 of a "
			      ".pub file)");
	sign_key_id_of(pub.pk, pub.key_id);
	strbuf_init(&label);
	while (r == 0 && (w = strtok_r(NULL, " \t", &save)) != NULL) {
		if (strchr(w, '=') != NULL) {
			r = trust_option(w, &from, &until, set, why, whylen);
			continue;
		}
		if (label.len > 0)
			strbuf_addc(&label, ' ');
		strbuf_adds(&label, w);
	}
	if (r == 0 && from != 0 && until != 0 && from > until)
		r = refuse(why, whylen,
			   "from= is after until=: the key would never "
			   "be valid");
	if (r == 0 && label.len == 0)
		r = refuse(why, whylen, "expected a label after the key");
	if (r == 0 && !util_utf8_valid(label.s, label.len, NULL))
		r = refuse(why, whylen, "the label is not valid UTF-8");
	if (r == 0 && sign_trust_find(t, pub.key_id) != NULL)
		r = refuse(why, whylen, "this key is listed twice");
	if (r == 0) {
		sign_trust_add(t, &pub, label.s);
		t->v[t->n - 1].from = from;
		t->v[t->n - 1].until = until;
	}
	strbuf_free(&label);
	return r;
}

int
sign_trust_parse(const char *name, const char *text, size_t len,
		 struct sign_trust *t, char **errs)
{
	struct strbuf e;
	const char *p = text, *end = text + len, *nl, *why;
	unsigned long lineno = 0;
	char *line, reason[300];

	sign_init();
	strbuf_init(&e);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		lineno++;
		line = xstrndup(p, (size_t)(nl - p));
		if (strlen(line) != (size_t)(nl - p))
			why = "contains a NUL byte";
		else if (util_plain_prefix(line, strlen(line), false) !=
			     strlen(line) &&
			 !util_utf8_valid(line, strlen(line), NULL))
			why = "not valid UTF-8";
		else
			why = NULL;
		for (char *c = line; why == NULL && *c; c++)
			if (((unsigned char)*c < 0x20 && *c != '\t') ||
			    *c == 0x7f)
				why = "contains a control character";
		if (why == NULL &&
		    trust_line(t, line, reason, sizeof reason) < 0)
			why = reason;
		if (why != NULL)
			strbuf_addf(&e, "%s:%lu: %s\n", name, lineno, why);
		free(line);
		p = nl + 1;
	}
	if (e.len == 0) {
		strbuf_free(&e);
		*errs = NULL;
		return 0;
	}
	*errs = strbuf_detach(&e);
	return -1;
}
