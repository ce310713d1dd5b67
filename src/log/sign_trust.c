/*
 * sign_trust.c: the manager's trusted-keys file (see sign.h and
 * workshop-log(5)): which public keys a verifier accepts, with a label and
 * an optional window of dates each.
 */
#include "sign.h"

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

/* Parse one trusted-keys line (a copy we may cut); NULL ok or a reason. */
static const char *
trust_line(struct sign_trust *t, char *line)
{
	char *save = NULL, *w, *key;
	struct strbuf label;
	struct sign_pub pub;
	time_t from = 0, until = 0, d;
	const char *why = NULL;

	key = strtok_r(line, " \t", &save);
	if (key == NULL || key[0] == '#')
		return NULL; /* blank or a comment */
	if (sign_pub_decode(key, strlen(key), pub.pk) < 0)
		return "expected a base64 public key (line 2 of a .pub file)";
	sign_key_id_of(pub.pk, pub.key_id);
	strbuf_init(&label);
	while ((w = strtok_r(NULL, " \t", &save)) != NULL) {
		if (strncmp(w, "from=", 5) == 0 ||
		    strncmp(w, "until=", 6) == 0) {
			if ((d = parse_day(strchr(w, '=') + 1)) < 0) {
				why = "expected a date YYYY-MM-DD after from= "
				      "or until=";
				break;
			}
			if (w[0] == 'f')
				from = d;
			else
				until = d + 86399;
			continue;
		}
		if (label.len > 0)
			strbuf_addc(&label, ' ');
		strbuf_adds(&label, w);
	}
	if (why == NULL && from != 0 && until != 0 && from > until)
		why = "from= is after until=: the key would never be valid";
	if (why == NULL && label.len == 0)
		why = "expected a label after the key";
	if (why == NULL && !util_utf8_valid(label.s, label.len, NULL))
		why = "the label is not valid UTF-8";
	if (why == NULL && sign_trust_find(t, pub.key_id) != NULL)
		why = "this key is listed twice";
	if (why == NULL) {
		sign_trust_add(t, &pub, label.s);
		t->v[t->n - 1].from = from;
		t->v[t->n - 1].until = until;
	}
	strbuf_free(&label);
	return why;
}

int
sign_trust_parse(const char *name, const char *text, size_t len,
		 struct sign_trust *t, char **errs)
{
	struct strbuf e;
	const char *p = text, *end = text + len, *nl, *why;
	unsigned long lineno = 0;
	char *line;

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
		if (why == NULL)
			why = trust_line(t, line);
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
