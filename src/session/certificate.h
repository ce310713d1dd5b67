/*
 * certificate.h: a certificate a learner can take away, made from one
 * signed record of the completion log, and read back to be checked.
 *
 * A certificate comes in two forms with the same content: a self-contained
 * HTML page (no network, one A4 page when printed) and plain text.  Each
 * names the learner, the module and the result, the date, the content
 * version and the date the module's law was last reviewed, the station key
 * id, and carries the signed record itself, as text and as a QR code.
 *
 * Both forms are made only from the record and two unsigned notes (the
 * reviewed date and jurisdiction, from the content pack), by a fixed
 * template ("workshop certificate 1").  So a certificate is checked by
 * taking its record and notes out, checking the record's signature, and
 * making the certificate again: any other byte (an edited name or result,
 * say) is a difference, and the first differing line is reported.
 */
#ifndef WORKSHOP_CERTIFICATE_H
#define WORKSHOP_CERTIFICATE_H

#include <stdbool.h>
#include <stddef.h>

enum certificate_form { CERTIFICATE_TEXT, CERTIFICATE_HTML };

/* What a certificate is made from. */
struct certificate_src {
	const char *line; /* the signed log line, no newline */
	size_t len;
	const char *reviewed;	  /* YYYY-MM-DD, or NULL when not known */
	const char *jurisdiction; /* NULL when not known */
};

/*
 * Can this record have a certificate?  Only a learner's completed, passed
 * or attended record can.  NULL if so, or why not (a static string); the
 * line must parse (complog_parse_line), or the reason says so.
 */
const char *certificate_refusal(const char *line, size_t len);

/*
 * The certificate for src in form, as a fresh string; NULL with the
 * reason in err if the record cannot have one.  The same src always gives
 * the same bytes.
 */
char *certificate_make(const struct certificate_src *src,
		       enum certificate_form form, char *err, size_t errlen);

/*
 * Write BASE.html and BASE.txt (mode 0600, each replaced atomically).
 * 0 ok; -1 with a message in err, and no file half-written.
 */
int certificate_write(const char *base, const struct certificate_src *src,
		      char *err, size_t errlen);

/*
 * What a file given to verify holds, taken out of it: the form it is
 * (or, for a bare record line as a QR code holds it, bare true), the
 * signed line and the notes.  The strings are the caller's.
 */
struct certificate_read {
	bool bare; /* the file is one signed record line, nothing else */
	enum certificate_form form;
	char *line;
	char *reviewed, *jurisdiction; /* NULL when the certificate has none */
};

/*
 * Take the record and notes out of a certificate's text.  0 ok (free with
 * certificate_read_free); -1 with the reason in err (not a certificate,
 * no record in it).
 */
int certificate_read(const char *text, size_t len, struct certificate_read *out,
		     char *err, size_t errlen);
void certificate_read_free(struct certificate_read *r);

/*
 * Compare a certificate's text with the one its record and notes make:
 * 0 the same; 1 different, with "line N: the certificate says \"...\";
 * its record makes \"...\"" in err; -1 if no certificate can be made
 * from its record (err says why).
 */
int certificate_compare(const char *text, size_t len,
			const struct certificate_read *r, char *err,
			size_t errlen);

#endif
