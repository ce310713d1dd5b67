/*
 * util.h: small helpers shared by the whole program.
 *
 * Allocation: the x* wrappers never return NULL.  When memory runs out they
 * call the hook set with util_set_oom_hook() (the UI uses it to restore the
 * terminal), print one line and abort().
 *
 * struct strbuf is a growable, always NUL-terminated byte string.
 */
#ifndef WORKSHOP_UTIL_H
#define WORKSHOP_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define UTIL_NELEM(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
/* Resize to n * size bytes; aborts on overflow or exhaustion. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

/* Called once before abort() on exhaustion; NULL for none. */
void util_set_oom_hook(void (*hook)(void));

struct strbuf {
	char *s;
	size_t len;
	size_t cap;
};

void strbuf_init(struct strbuf *b);
void strbuf_add(struct strbuf *b, const void *data, size_t n);
void strbuf_adds(struct strbuf *b, const char *s);
void strbuf_addc(struct strbuf *b, char c);
void strbuf_addf(struct strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hand the string to the caller (never NULL) and reset the buffer. */
char *strbuf_detach(struct strbuf *b);
void strbuf_free(struct strbuf *b);

/*
 * Read a whole regular file of at most max bytes.  Returns the bytes
 * (NUL-terminated, length in *len) or NULL with errno set: EFBIG when the
 * file is larger than max.  The caller frees the result.
 */
char *util_read_file(const char *path, size_t max, size_t *len);

/* Is s exactly n lower-case hexadecimal digits (and nothing more)? */
bool util_is_lower_hex(const char *s, size_t n);

/*
 * Check that s[0..n) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF).  Returns true if so; otherwise false with the
 * byte offset of the first bad sequence in *bad (if bad is not NULL).
 */
bool util_utf8_valid(const char *s, size_t n, size_t *bad);

/*
 * Length of the longest prefix of s[0..n) made only of printable ASCII
 * (0x20..0x7e) and, if newlines, '\n'.  Checks eight bytes at a time.
 */
size_t util_plain_prefix(const char *s, size_t n, bool newlines);

/*
 * Decode one UTF-8 character at s (n bytes available).  Returns its length
 * (1..4) and the code point in *cp, or 0 if the bytes are not valid UTF-8.
 */
size_t util_utf8_decode(const char *s, size_t n, unsigned *cp);

/*
 * Is cp an invisible format character that can reorder or hide text:
 * zero-width and direction marks (U+200B-200F), bidirectional embeddings
 * and overrides (U+202A-202E), isolates (U+2066-2069) or U+FEFF?
 */
bool util_is_format_char(unsigned cp);

/*
 * Make text safe for a terminal: control characters (C0, DEL, C1) and
 * invalid UTF-8 bytes become visible escapes such as \x1b, and format
 * characters (util_is_format_char) escapes such as \u202e; newlines are
 * kept only if keep_newlines.  Returns a fresh string.
 */
char *util_escape_text(const char *s, bool keep_newlines);

/*
 * Format a message into err[0..errlen) (nothing if err is NULL or errlen is
 * 0): how core functions that return -1 say why.
 */
void util_seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Join dir and name with one '/'; fresh string. */
char *util_path_join(const char *dir, const char *name);

#endif
