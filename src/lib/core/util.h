/* core/util.h -- internal helpers: strings, growable buffers, hashing. */
#ifndef A2_CORE_UTIL_H
#define A2_CORE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include "annex2/annex2.h"

/* A growable byte buffer.  After an allocation failure `failed` is set and
 * every later call is a no-op returning -1, so callers may check once. */
typedef struct a2_buf {
	char *data;   /* NUL-terminated when len > 0 */
	size_t len, cap;
	int failed;
} a2_buf;

int a2_buf_add(a2_buf *b, const void *p, size_t n);
int a2_buf_puts(a2_buf *b, const char *s);
int a2_buf_putc(a2_buf *b, char c);
int a2_buf_printf(a2_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int a2_buf_vprintf(a2_buf *b, const char *fmt, va_list ap);
/* Takes the data (never NULL unless failed: "" for empty); resets b. */
char *a2_buf_take(a2_buf *b);
void a2_buf_free(a2_buf *b);

char *a2_strdup(const char *s);            /* NULL in, NULL out */
char *a2_strndup(const char *s, size_t n);
char *a2_sprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Overflow-checked size arithmetic: 0 on overflow, 1 otherwise. */
int a2_size_add(size_t a, size_t b, size_t *out);
int a2_size_mul(size_t a, size_t b, size_t *out);
/* Grows *p (element size es) so that it holds at least need elements. */
int a2_grow(void **p, size_t *cap, size_t need, size_t es);

/* SHA-256 of a buffer as 64 lowercase hex digits + NUL. 0 or -1. */
int a2_sha256_hex(const void *data, size_t len, char out[65]);

/* Reads a whole file, at most max bytes (A2_ERR_LIMIT beyond).  Caller
 * frees *out.  0 or -1. */
int a2_read_whole(const char *path, size_t max, unsigned char **out, size_t *len, a2_error *err);


/* A mkstemp() template beside path: "path.tmp" and six template
 * characters.  Caller frees; NULL on allocation failure. */
char *a2_temp_template(const char *path);


/* UTF-8: decodes one code point at s[0..n); returns its length (>= 1) and
 * stores the code point, or U+FFFD with length 1 for a bad sequence. */
size_t a2_utf8_next(const char *s, size_t n, unsigned *cp);
int a2_utf8_valid(const char *s, size_t n);
/* Appends a code point as UTF-8. */
int a2_buf_put_cp(a2_buf *b, unsigned cp);

#endif
