/* util.c: allocation wrappers, string buffers, file reading, UTF-8. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void (*oom_hook)(void);

void
util_set_oom_hook(void (*hook)(void))
{
	oom_hook = hook;
}

static void
oom(void)
{
	if (oom_hook != NULL)
		oom_hook();
	fputs("workshop: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n == 0 ? 1 : n);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);

	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom();
	p = realloc(p, n * size == 0 ? 1 : n * size);
	if (p == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *p;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		oom();
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
strbuf_init(struct strbuf *b)
{
	b->s = NULL;
	b->len = 0;
	b->cap = 0;
}

static void
strbuf_grow(struct strbuf *b, size_t extra)
{
	size_t want = b->len + extra + 1;

	if (want <= b->cap)
		return;
	if (want < 64)
		want = 64;
	if (want < b->cap * 2)
		want = b->cap * 2;
	b->s = xreallocarray(b->s, want, 1);
	b->cap = want;
}

void
strbuf_add(struct strbuf *b, const void *data, size_t n)
{
	strbuf_grow(b, n);
	if (n > 0)
		memcpy(b->s + b->len, data, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
strbuf_adds(struct strbuf *b, const char *s)
{
	strbuf_add(b, s, strlen(s));
}

void
strbuf_addc(struct strbuf *b, char c)
{
	strbuf_add(b, &c, 1);
}

void
strbuf_addf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	strbuf_adds(b, p);
	free(p);
}

char *
strbuf_detach(struct strbuf *b)
{
	char *s = b->s;

	if (s == NULL)
		s = xstrdup("");
	strbuf_init(b);
	return s;
}

void
strbuf_free(struct strbuf *b)
{
	free(b->s);
	strbuf_init(b);
}

char *
util_read_file(const char *path, size_t max, size_t *len)
{
	struct strbuf b;
	struct stat st;
	char chunk[65536];
	ssize_t n;
	int fd, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return NULL;
	if (fstat(fd, &st) == -1)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	strbuf_init(&b);
	strbuf_add(&b, "", 0); /* an empty file is an empty string */
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			saved = errno;
			strbuf_free(&b);
			errno = saved;
			goto fail;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max) {
			strbuf_free(&b);
			errno = EFBIG;
			goto fail;
		}
		strbuf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	return strbuf_detach(&b);
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return NULL;
}

size_t
util_utf8_decode(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c, min;
	size_t len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)
/* Non-zero if some byte of x is below b (b <= 128); see "Bit Twiddling
 * Hacks", hasless(x, n). */
#define HAS_LESS(x, b) (((x)-ONES * (b)) & ~(x)&HIGHS)
#define HAS_ZERO(x) HAS_LESS(x, 1)

static bool
plain_byte(unsigned char c, bool newlines)
{
	return (c >= 0x20 && c < 0x7f) || (newlines && c == '\n');
}

size_t
util_plain_prefix(const char *s, size_t n, bool newlines)
{
	size_t i = 0, j;
	uint64_t w;

	while (i + 8 <= n) {
		memcpy(&w, s + i, 8);
		/* Fast: eight bytes in 0x20..0x7e.  Otherwise byte by byte. */
		if ((w & HIGHS) == 0 && !HAS_LESS(w, 0x20) &&
		    !HAS_ZERO(w ^ (ONES * 0x7f))) {
			i += 8;
			continue;
		}
		for (j = 0; j < 8; j++)
			if (!plain_byte((unsigned char)s[i + j], newlines))
				return i + j;
		i += 8;
	}
	while (i < n && plain_byte((unsigned char)s[i], newlines))
		i++;
	return i;
}

bool
util_utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0, k;
	unsigned cp;
	uint64_t w;

	while (i < n) {
		if (i + 8 <= n) {
			memcpy(&w, s + i, 8);
			if ((w & HIGHS) == 0) {
				i += 8;
				continue;
			}
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = util_utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			if (bad != NULL)
				*bad = i;
			return false;
		}
		i += k;
	}
	return true;
}

bool
util_is_lower_hex(const char *s, size_t n)
{
	if (s == NULL || strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

bool
util_is_format_char(unsigned cp)
{
	return (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

char *
util_escape_text(const char *s, bool keep_newlines)
{
	struct strbuf b;
	size_t n = strlen(s), i = 0, k;
	unsigned cp;

	strbuf_init(&b);
	while (i < n) {
		k = util_utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			strbuf_addf(&b, "\\x%02x", (unsigned char)s[i]);
			i++;
			continue;
		}
		if (cp == '\n' && keep_newlines)
			strbuf_addc(&b, '\n');
		else if (cp < 0x20 || cp == 0x7f)
			strbuf_addf(&b, "\\x%02x", cp);
		else if ((cp >= 0x80 && cp < 0xa0) || util_is_format_char(cp))
			strbuf_addf(&b, "\\u%04x", cp);
		else if (cp == '\\')
			strbuf_adds(&b, "\\\\");
		else
			strbuf_add(&b, s + i, k);
		i += k;
	}
	return strbuf_detach(&b);
}

char *
util_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

void
util_seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}
