/*
 * certificate.c: certificates made from a signed record, and read back
 * (see certificate.h).
 *
 * The text form, line by line ("Label:" fields padded to one column):
 *
 *   Training certificate
 *   (blank)
 *   This certifies that / the learner's name / the result / the module's
 *   title / "on 7 December 2026."
 *   (blank)
 *   Learner, Staff id, Module, Result, Date, Mode, Content version,
 *   Law reviewed, Station key, Record
 *   (blank)
 *   how to check it
 *   -----BEGIN WORKSHOP RECORD----- / the signed line / -----END ...-----
 *   the QR code of the signed line, two rows of modules per text line
 *
 * The HTML form shows the same fields in a page styled for one A4 sheet,
 * the record in <pre class="record"> and the QR code as inline SVG.
 */
#include "certificate.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complog_line.h"
#include "paths.h"
#include "util.h"

#define TEMPLATE "workshop certificate 1"
#define BEGIN_MARK "-----BEGIN WORKSHOP RECORD-----"
#define END_MARK "-----END WORKSHOP RECORD-----"
#define HTML_START "<!DOCTYPE html>"
#define PRE_OPEN "<pre class=\"record\">"
#define REVIEWED_OPEN "<dd id=\"reviewed\">"

/* The words of a certificate, from the record and the notes. */
struct words {
	struct complog_line L;
	char day[40];	   /* "7 December 2026" */
	char when[40];	   /* "2026-12-07 10:12 UTC" */
	char *result;	   /* "passed, 33 of 36 (pass mark 80%)" */
	char *mode;	   /* "self-study", "classroom, facilitator Jo" */
	char *module;	   /* "Title (id)" */
	char *reviewed;	   /* "2026-11-23, England and Wales" */
	char record[64];   /* "seq 12 of log 0123abcd..." */
	const char *staff; /* "-" when none */
};

const char *
certificate_refusal(const char *line, size_t len)
{
	struct complog_line L;
	char why[200];
	const char *r = NULL;

	if (complog_parse_line(line, len, &L, why, sizeof why) < 0)
		return "the record is not a valid log line";
	if (L.f.learner == NULL)
		r = "only a learner's record can have a certificate";
	else if (strcmp(L.f.type, "failed") == 0)
		r = "a failed attempt has no certificate";
	else if (strcmp(L.f.type, "completed") != 0 &&
		 strcmp(L.f.type, "passed") != 0 &&
		 strcmp(L.f.type, "attended") != 0)
		r = "only a completed, passed or attended record can have a "
		    "certificate";
	complog_fields_free(&L.f);
	return r;
}

static void
day_words(const char *ts, char *day, size_t len)
{
	static const char *const months[] = {"January", "February", "March",
					     "April",	"May",	    "June",
					     "July",	"August",   "September",
					     "October", "November", "December"};
	int y = atoi(ts), m = atoi(ts + 5), d = atoi(ts + 8);

	snprintf(day, len, "%d %s %d", d, months[(m - 1) % 12], y);
}

static char *
result_words(const struct complog_fields *f)
{
	if (f->score >= 0 && f->total > 0)
		return xasprintf("%s, %d of %d (pass mark %d%%)", f->type,
				 f->score, f->total, f->pass_mark);
	return xstrdup(f->type);
}

static char *
mode_words(const struct complog_fields *f)
{
	if (strcmp(f->mode, "kiosk") == 0)
		return xstrdup("self-study on a shared PC");
	if (strcmp(f->mode, "learner") == 0)
		return xstrdup("self-study");
	if (f->facilitator != NULL)
		return xasprintf("classroom, facilitator %s", f->facilitator);
	return xstrdup("classroom");
}

static void
words_free(struct words *w)
{
	complog_fields_free(&w->L.f);
	free(w->result);
	free(w->mode);
	free(w->module);
	free(w->reviewed);
}

static int
words_make(const struct certificate_src *src, struct words *w, char *err,
	   size_t errlen)
{
	const char *no = certificate_refusal(src->line, src->len);
	char why[200];

	memset(w, 0, sizeof *w);
	if (no != NULL) {
		util_seterr(err, errlen, "%s", no);
		return -1;
	}
	if (complog_parse_line(src->line, src->len, &w->L, why, sizeof why) < 0)
		return -1; /* parsed once already */
	day_words(w->L.f.ts, w->day, sizeof w->day);
	snprintf(w->when, sizeof w->when, "%.10s %.5s UTC", w->L.f.ts,
		 w->L.f.ts + 11);
	w->result = result_words(&w->L.f);
	w->mode = mode_words(&w->L.f);
	w->module = xasprintf("%s (%s)", w->L.f.module_title, w->L.f.module);
	if (src->reviewed != NULL)
		w->reviewed = xasprintf(
		    "%s, %s", src->reviewed,
		    src->jurisdiction != NULL ? src->jurisdiction : "-");
	else
		w->reviewed = xstrdup("not known");
	snprintf(w->record, sizeof w->record, "seq %lld of log %s", w->L.f.seq,
		 w->L.f.log);
	w->staff = w->L.f.staff_id != NULL ? w->L.f.staff_id : "-";
	return 0;
}

/* ---- The QR code --------------------------------------------------- */

/* The QR code of the line (error correction M, or L for a long line);
 * NULL when the line is too long for any QR code. */
static QRcode *
qr_of(const struct certificate_src *src)
{
	char *s = xstrndup(src->line, src->len);
	QRcode *q = QRcode_encodeString8bit(s, 0, QR_ECLEVEL_M);

	if (q == NULL)
		q = QRcode_encodeString8bit(s, 0, QR_ECLEVEL_L);
	free(s);
	return q;
}

static const char no_qr[] =
    "(The record is too long for a QR code: use the text above.)";

static bool
dark(const QRcode *q, int x, int y)
{
	return x >= 0 && y >= 0 && x < q->width && y < q->width &&
	       (q->data[y * q->width + x] & 1);
}

/* Two rows of modules per line, with a quiet zone of 2. */
static void
qr_text(struct strbuf *b, const QRcode *q)
{
	static const char *const blocks[] = {" ", "\u2584", "\u2580",
					     "\u2588"}; /* -, low, high, both */

	if (q == NULL) {
		strbuf_addf(b, "%s\n", no_qr);
		return;
	}
	for (int y = -2; y < q->width + 2; y += 2) {
		for (int x = -2; x < q->width + 2; x++)
			strbuf_adds(
			    b, blocks[dark(q, x, y) * 2 + dark(q, x, y + 1)]);
		strbuf_addc(b, '\n');
	}
}

/* One path of unit squares, in a viewBox with a quiet zone of 4. */
static void
qr_svg(struct strbuf *b, const QRcode *q)
{
	if (q == NULL) {
		strbuf_addf(b, "<p>%s</p>\n", no_qr);
		return;
	}
	strbuf_addf(b,
		    "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" "
		    "viewBox=\"-4 -4 %d %d\" shape-rendering=\"crispEdges\" "
		    "role=\"img\" aria-label=\"QR code of the signed "
		    "record\"><rect x=\"-4\" y=\"-4\" width=\"%d\" "
		    "height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
		    q->width + 8, q->width + 8, q->width + 8, q->width + 8);
	for (int y = 0; y < q->width; y++)
		for (int x = 0; x < q->width; x++)
			if (dark(q, x, y))
				strbuf_addf(b, "M%d %dh1v1h-1z", x, y);
	strbuf_adds(b, "\"/></svg>\n");
}

/* ---- The two forms ------------------------------------------------- */

static const char *const labels[] = {
    "Learner", "Staff id",	  "Module",	  "Result",	 "Date",
    "Mode",    "Content version", "Law reviewed", "Station key", "Record",
};

static void
field_values(const struct words *w, const char *v[UTIL_NELEM(labels)])
{
	v[0] = w->L.f.learner;
	v[1] = w->staff;
	v[2] = w->module;
	v[3] = w->result;
	v[4] = w->when;
	v[5] = w->mode;
	v[6] = w->L.f.content_version;
	v[7] = w->reviewed;
	v[8] = w->L.kid;
	v[9] = w->record;
}

static char *
make_text(const struct words *w, const struct certificate_src *src)
{
	const char *v[UTIL_NELEM(labels)];
	struct strbuf b;
	QRcode *q = qr_of(src);

	field_values(w, v);
	strbuf_init(&b);
	strbuf_addf(&b,
		    "Training certificate\n\nThis certifies that\n    %s\n%s\n"
		    "    %s\non %s.\n\n",
		    w->L.f.learner, w->L.f.type, w->L.f.module_title, w->day);
	for (size_t i = 0; i < UTIL_NELEM(labels); i++) {
		char label[24];

		snprintf(label, sizeof label, "%s:", labels[i]);
		strbuf_addf(&b, "%-17s%s\n", label, v[i]);
	}
	strbuf_addf(&b,
		    "\nThis certificate carries its signed record, below and "
		    "in the QR code.\nCheck it offline with the station's "
		    "public key:\n    workshop verify --certificate FILE -k "
		    "STATION.pub\n\n" BEGIN_MARK "\n%.*s\n" END_MARK "\n\n",
		    (int)src->len, src->line);
	qr_text(&b, q);
	strbuf_adds(&b, "\n" TEMPLATE "\n");
	if (q != NULL)
		QRcode_free(q);
	return strbuf_detach(&b);
}

/* s with & < > " escaped for HTML. */
static void
html_add(struct strbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		switch (s[i]) {
		case '&':
			strbuf_adds(b, "&amp;");
			break;
		case '<':
			strbuf_adds(b, "&lt;");
			break;
		case '>':
			strbuf_adds(b, "&gt;");
			break;
		case '"':
			strbuf_adds(b, "&quot;");
			break;
		default:
			strbuf_addc(b, s[i]);
		}
}

static void
html_adds(struct strbuf *b, const char *s)
{
	html_add(b, s, strlen(s));
}

static const char html_style[] =
    "<style>\n"
    "@page { size: A4; margin: 15mm; }\n"
    "body { font-family: sans-serif; color: #000; background: #fff; "
    "max-width: 180mm; margin: 0 auto; }\n"
    "h1 { font-size: 20pt; margin: 0 0 4mm; }\n"
    ".lead { font-size: 14pt; line-height: 1.5; }\n"
    ".lead strong { font-size: 16pt; }\n"
    "dl { display: grid; grid-template-columns: 42mm auto; gap: 1mm 4mm; "
    "font-size: 10pt; }\n"
    "dt { font-weight: bold; }\n"
    "dd { margin: 0; overflow-wrap: anywhere; }\n"
    "pre.record { font-size: 6.5pt; white-space: pre-wrap; "
    "overflow-wrap: anywhere; border: 1px solid #000; padding: 2mm; }\n"
    "svg.qr { width: 60mm; height: 60mm; }\n"
    "</style>\n";

static char *
make_html(const struct words *w, const struct certificate_src *src)
{
	const char *v[UTIL_NELEM(labels)];
	struct strbuf b;
	QRcode *q = qr_of(src);

	field_values(w, v);
	strbuf_init(&b);
	strbuf_adds(&b, HTML_START
		    "\n<html lang=\"en-GB\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<meta name=\"generator\" "
		    "content=\"" TEMPLATE "\">\n<title>Training "
		    "certificate: ");
	html_adds(&b, w->L.f.learner);
	strbuf_addf(&b,
		    "</title>\n%s</head>\n<body>\n<h1>Training "
		    "certificate</h1>\n<p class=\"lead\">This certifies "
		    "that<br><strong>",
		    html_style);
	html_adds(&b, w->L.f.learner);
	strbuf_addf(&b, "</strong><br>%s<br><strong>", w->L.f.type);
	html_adds(&b, w->L.f.module_title);
	strbuf_addf(&b, "</strong><br>on %s.</p>\n<dl>\n", w->day);
	for (size_t i = 0; i < UTIL_NELEM(labels); i++) {
		strbuf_addf(&b, "<dt>%s</dt>%s", labels[i],
			    i == 7 ? REVIEWED_OPEN : "<dd>");
		html_adds(&b, v[i]);
		strbuf_adds(&b, "</dd>\n");
	}
	strbuf_adds(&b,
		    "</dl>\n<p>This certificate carries its signed "
		    "record, below and in the QR code. Check it offline "
		    "with the station's public key: <code>workshop verify "
		    "--certificate FILE -k STATION.pub</code></p>\n" PRE_OPEN);
	html_add(&b, src->line, src->len);
	strbuf_adds(&b, "</pre>\n");
	qr_svg(&b, q);
	strbuf_adds(&b, "</body>\n</html>\n");
	if (q != NULL)
		QRcode_free(q);
	return strbuf_detach(&b);
}

char *
certificate_make(const struct certificate_src *src, enum certificate_form form,
		 char *err, size_t errlen)
{
	struct words w;
	char *out;

	if (words_make(src, &w, err, errlen) < 0) {
		words_free(&w);
		return NULL;
	}
	out =
	    form == CERTIFICATE_HTML ? make_html(&w, src) : make_text(&w, src);
	words_free(&w);
	return out;
}

int
certificate_write(const char *base, const struct certificate_src *src,
		  char *err, size_t errlen)
{
	static const char *const ext[] = {".txt", ".html"};
	static const enum certificate_form forms[] = {CERTIFICATE_TEXT,
						      CERTIFICATE_HTML};
	const char *what = NULL;

	for (size_t i = 0; i < UTIL_NELEM(forms); i++) {
		char *doc = certificate_make(src, forms[i], err, errlen);
		char *path = xasprintf("%s%s", base, ext[i]);
		int r = doc == NULL ? -1
				    : paths_write_atomic(path, doc, strlen(doc),
							 0600, &what);

		if (r < 0 && doc != NULL)
			util_seterr(err, errlen, "%s: cannot %s", path,
				    what != NULL ? what : "write it");
		free(doc);
		free(path);
		if (r < 0)
			return -1;
	}
	return 0;
}

/* ---- Reading a certificate back ------------------------------------ */

void
certificate_read_free(struct certificate_read *r)
{
	free(r->line);
	free(r->reviewed);
	free(r->jurisdiction);
	memset(r, 0, sizeof *r);
}

/* The first needle in text[0..len), or NULL. */
static const char *
find(const char *text, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (const char *p = text; n <= len && p <= text + len - n; p++) {
		p = memchr(p, needle[0], (size_t)(text + len - p));
		if (p == NULL || p > text + len - n)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
	}
	return NULL;
}

/* The text between open and the next close after it, or NULL. */
static char *
between(const char *text, size_t len, const char *open, const char *close)
{
	const char *a = find(text, len, open), *b;

	if (a == NULL)
		return NULL;
	a += strlen(open);
	b = find(a, len - (size_t)(a - text), close);
	return b != NULL ? xstrndup(a, (size_t)(b - a)) : NULL;
}

/* Undo html_add in place. */
static void
html_unescape(char *s)
{
	static const struct {
		const char *ent;
		char c;
	} ents[] = {
	    {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}};
	char *w = s;

	while (*s != '\0') {
		size_t i;

		for (i = 0; i < UTIL_NELEM(ents); i++)
			if (strncmp(s, ents[i].ent, strlen(ents[i].ent)) == 0)
				break;
		if (i < UTIL_NELEM(ents)) {
			*w++ = ents[i].c;
			s += strlen(ents[i].ent);
		} else {
			*w++ = *s++;
		}
	}
	*w = '\0';
}

/* "2026-11-23, England and Wales" or "not known" into the notes. */
static void
notes_of(const char *s, struct certificate_read *r)
{
	const char *comma = strstr(s, ", ");

	if (strcmp(s, "not known") == 0 || comma == NULL)
		return;
	r->reviewed = xstrndup(s, (size_t)(comma - s));
	if (strcmp(comma + 2, "-") != 0)
		r->jurisdiction = xstrdup(comma + 2);
}

int
certificate_read(const char *text, size_t len, struct certificate_read *out,
		 char *err, size_t errlen)
{
	const char *nl = memchr(text, '\n', len);
	char *notes = NULL;

	memset(out, 0, sizeof *out);
	if (len > 0 && text[0] == '{' && (nl == NULL || nl == text + len - 1)) {
		out->bare = true;
		out->line =
		    xstrndup(text, nl != NULL ? (size_t)(nl - text) : len);
		return 0;
	}
	if (len >= strlen(HTML_START) &&
	    memcmp(text, HTML_START, strlen(HTML_START)) == 0) {
		out->form = CERTIFICATE_HTML;
		out->line = between(text, len, PRE_OPEN, "</pre>");
		notes = between(text, len, REVIEWED_OPEN, "</dd>");
		if (out->line != NULL)
			html_unescape(out->line);
		if (notes != NULL)
			html_unescape(notes);
	} else {
		out->form = CERTIFICATE_TEXT;
		out->line = between(text, len, "\n" BEGIN_MARK "\n",
				    "\n" END_MARK "\n");
		notes = between(text, len, "\nLaw reviewed:", "\n");
	}
	if (out->line == NULL) {
		util_seterr(err, errlen,
			    "not a workshop certificate (no signed record in "
			    "it) nor a signed record line");
		free(notes);
		certificate_read_free(out);
		return -1;
	}
	if (notes != NULL) {
		const char *s = notes;

		while (*s == ' ')
			s++;
		notes_of(s, out);
		free(notes);
	}
	return 0;
}

/* Line n (1-based) of text as a fresh string, at most 200 bytes. */
static char *
line_at(const char *text, size_t len, size_t n)
{
	const char *p = text, *end = text + len, *e;

	for (size_t i = 1; i < n && p < end; i++) {
		e = memchr(p, '\n', (size_t)(end - p));
		p = e != NULL ? e + 1 : end;
	}
	e = memchr(p, '\n', (size_t)(end - p));
	if (e == NULL)
		e = end;
	return xstrndup(p, (size_t)(e - p) < 200 ? (size_t)(e - p) : 200);
}

int
certificate_compare(const char *text, size_t len,
		    const struct certificate_read *r, char *err, size_t errlen)
{
	struct certificate_src src = {r->line, strlen(r->line), r->reviewed,
				      r->jurisdiction};
	char *want = certificate_make(&src, r->form, err, errlen);
	size_t wlen, i, line = 1;
	char *a, *b;

	if (want == NULL)
		return -1;
	wlen = strlen(want);
	for (i = 0; i < len && i < wlen && text[i] == want[i]; i++)
		line += text[i] == '\n';
	if (i == len && i == wlen) {
		free(want);
		return 0;
	}
	a = line_at(text, len, line);
	b = line_at(want, wlen, line);
	util_seterr(err, errlen,
		    "line %zu: the certificate says \"%s\"; its signed record "
		    "makes \"%s\"",
		    line, a, b);
	free(a);
	free(b);
	free(want);
	return 1;
}
