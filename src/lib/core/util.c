/* core/util.c -- strings, buffers, files, UTF-8, SHA-256 (OpenSSL EVP). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "core/util.h"

int
a2_size_add(size_t a, size_t b, size_t *out)
{
	if (a > SIZE_MAX - b)
		return 0;
	*out = a + b;
	return 1;
}

int
a2_size_mul(size_t a, size_t b, size_t *out)
{
	if (a != 0 && b > SIZE_MAX / a)
		return 0;
	*out = a * b;
	return 1;
}

int
a2_grow(void **p, size_t *cap, size_t need, size_t es)
{
	size_t ncap, bytes;
	void *np;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (!a2_size_mul(ncap, 2, &ncap))
			return -1;
	}
	if (!a2_size_mul(ncap, es, &bytes))
		return -1;
	np = realloc(*p, bytes);
	if (np == NULL)
		return -1;
	*p = np;
	*cap = ncap;
	return 0;
}

int
a2_buf_add(a2_buf *b, const void *p, size_t n)
{
	size_t need;

	if (b->failed)
		return -1;
	if (!a2_size_add(b->len, n, &need) || !a2_size_add(need, 1, &need) ||
	    a2_grow((void **)&b->data, &b->cap, need, 1) != 0) {
		b->failed = 1;
		return -1;
	}
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
a2_buf_puts(a2_buf *b, const char *s)
{
	return a2_buf_add(b, s, strlen(s));
}

int
a2_buf_putc(a2_buf *b, char c)
{
	return a2_buf_add(b, &c, 1);
}

int
a2_buf_vprintf(a2_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	size_t need;

	if (b->failed)
		return -1;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || !a2_size_add(b->len, (size_t)n + 1, &need) ||
	    a2_grow((void **)&b->data, &b->cap, need, 1) != 0) {
		b->failed = 1;
		return -1;
	}
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int
a2_buf_printf(a2_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = a2_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *
a2_buf_take(a2_buf *b)
{
	char *p;

	if (b->failed) {
		a2_buf_free(b);
		return NULL;
	}
	if (b->data == NULL)
		return a2_strdup("");
	p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
a2_buf_free(a2_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

char *
a2_strndup(const char *s, size_t n)
{
	char *p;

	if (s == NULL || n == SIZE_MAX)
		return NULL;
	p = malloc(n + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
a2_strdup(const char *s)
{
	return s == NULL ? NULL : a2_strndup(s, strlen(s));
}

char *
a2_sprintf(const char *fmt, ...)
{
	a2_buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	a2_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return a2_buf_take(&b);
}

int
a2_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	static const char hex[] = "0123456789abcdef";

	out[0] = '\0';
	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
		return -1;
	for (i = 0; i < mdlen; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
	return 0;
}

int
a2_read_whole(const char *path, size_t max, unsigned char **out, size_t *len, a2_error *err)
{
	FILE *fp;
	struct stat st;
	unsigned char *p = NULL;
	size_t n = 0, cap = 0;
	int rc = -1;

	*out = NULL;
	*len = 0;
	fp = fopen(path, "rb");
	if (fp == NULL)
		return a2_error_set(err, A2_ERR_IO, "cannot open: %s", strerror(errno));
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		a2_error_set(err, A2_ERR_IO, "is a directory");
		goto out;
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max) {
		a2_error_set(err, A2_ERR_LIMIT, "file is %jd bytes, over the limit of %zu",
		    (intmax_t)st.st_size, max);
		goto out;
	}
	/* a regular file: its size and a byte to see the end, in one block */
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uintmax_t)st.st_size < max) {
		if ((p = malloc((size_t)st.st_size + 1)) == NULL) {
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			goto out;
		}
		cap = (size_t)st.st_size + 1;
	}
	for (;;) {
		size_t got;
		if (n == cap) {
			if (cap > max) {
				a2_error_set(err, A2_ERR_LIMIT, "file is over the limit of %zu bytes", max);
				goto out;
			}
			if (a2_grow((void **)&p, &cap, n + 65536, 1) != 0) {
				a2_error_set(err, A2_ERR_NOMEM, "out of memory");
				goto out;
			}
		}
		got = fread(p + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		a2_error_set(err, A2_ERR_IO, "read error: %s", strerror(errno));
		goto out;
	}
	if (n > max) {
		a2_error_set(err, A2_ERR_LIMIT, "file is over the limit of %zu bytes", max);
		goto out;
	}
	*out = p;
	*len = n;
	p = NULL;
	rc = 0;
out:
	free(p);
	fclose(fp);
	return rc;
}

char *
a2_temp_template(const char *path)
{
	char *t = a2_sprintf("%s.tmp______", path);
	size_t n;

	if (t != NULL) {
		n = strlen(t);
		memset(t + n - 6, 'X', 6);
	}
	return t;
}

size_t
a2_temp_base_len(const char *name)
{
	size_t n = strlen(name), i;

	if (n <= 10 || memcmp(name + n - 10, ".tmp", 4) != 0)
		return 0;
	for (i = n - 6; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9')))
			return 0;
	return n - 10;
}

/* A failed step of a temporary file: err from errno, the file removed. */
static int
temp_fail(a2_temp *t, const char *path, a2_error *err)
{
	int e = errno;

	a2_error_set(err, e == EEXIST ? A2_ERR_EXISTS : A2_ERR_IO, "cannot write %s: %s", path, strerror(e));
	a2_temp_discard(t);
	return -1;
}

int
a2_temp_write(a2_temp *t, const char *path, const void *data, size_t len, int force, a2_error *err)
{
	const unsigned char *q = data;
	size_t off = 0;

	t->fd = -1;
	t->name = NULL;
	if (!force && access(path, F_OK) == 0)
		return a2_error_set(err, A2_ERR_EXISTS, "%s exists (use --force to replace it)", path);
	if ((t->name = a2_temp_template(path)) == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	if ((t->fd = mkstemp(t->name)) < 0) {
		a2_error_set(err, A2_ERR_IO, "cannot create %s: %s", t->name, strerror(errno));
		free(t->name);
		t->name = NULL;
		return -1;
	}
	while (off < len) {
		ssize_t w = write(t->fd, q + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return temp_fail(t, path, err);
		}
		off += (size_t)w;
	}
	if (fchmod(t->fd, 0644) != 0)
		return temp_fail(t, path, err);
	return 0;
}

int
a2_temp_sync(a2_temp *t, const char *path, a2_error *err)
{
	int fd = t->fd;

	t->fd = -1;
	if (fsync(fd) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return temp_fail(t, path, err);
	}
	if (close(fd) != 0)
		return temp_fail(t, path, err);
	return 0;
}

int
a2_temp_commit(a2_temp *t, const char *path, int force, a2_error *err)
{
	if (!force && access(path, F_OK) == 0) {
		errno = EEXIST;
		return temp_fail(t, path, err);
	}
	if (rename(t->name, path) != 0)
		return temp_fail(t, path, err);
	free(t->name);
	t->name = NULL;
	return 0;
}

void
a2_temp_discard(a2_temp *t)
{
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	if (t->name != NULL)
		unlink(t->name);
	free(t->name);
	t->name = NULL;
}

int
a2_write_atomic(const char *path, const void *data, size_t len, int force, a2_error *err)
{
	a2_temp t;

	if (a2_temp_write(&t, path, data, len, force, err) != 0 || a2_temp_sync(&t, path, err) != 0 ||
	    a2_temp_commit(&t, path, force, err) != 0)
		return -1;
	return 0;
}

size_t
a2_utf8_next(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c, need, i, min;

	if (n == 0) {
		*cp = 0;
		return 0;
	}
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		need = 1; c &= 0x1F; min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		need = 2; c &= 0x0F; min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		need = 3; c &= 0x07; min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (n < need + 1) {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return need + 1;
}

int
a2_utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	unsigned cp;

	while (i < n) {
		size_t k = a2_utf8_next(s + i, n - i, &cp);
		if (cp == 0xFFFD && !(k == 3 && (unsigned char)s[i] == 0xEF))
			return 0;
		i += k;
	}
	return 1;
}

int
a2_buf_put_cp(a2_buf *b, unsigned cp)
{
	char t[4];
	size_t n;

	if (cp < 0x80) {
		t[0] = (char)cp; n = 1;
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6)); t[1] = (char)(0x80 | (cp & 0x3F)); n = 2;
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12)); t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
	} else {
		t[0] = (char)(0xF0 | (cp >> 18)); t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); t[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
	}
	return a2_buf_add(b, t, n);
}
