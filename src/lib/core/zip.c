/* core/zip.c -- libzip reader with budgets, and a deterministic writer. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zip.h>
#include <zlib.h>

#include "core/util.h"
#include "core/zip.h"

struct a2_zip {
	zip_t *za;
	a2_limits lim;
	size_t total;     /* inflated bytes so far */
};

/* A name from the archive made fit for a message: valid printable UTF-8,
 * at most about 100 bytes (the name is the attacker's). */
static const char *
shown(char out[128], const char *n)
{
	size_t i = 0, o = 0, len = strlen(n);

	while (i < len && o < 100) {
		unsigned cp;
		size_t k = a2_utf8_next(n + i, len - i, &cp);
		if ((cp == 0xFFFD && !(k == 3 && (unsigned char)n[i] == 0xEF)) || cp < 0x20 || cp == 0x7F) {
			out[o++] = '?';
		} else {
			memcpy(out + o, n + i, k);
			o += k;
		}
		i += k;
	}
	if (i < len) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
}

static int
bad_name(const char *n)
{
	const char *p;

	if (n[0] == '\0' || n[0] == '/' || strchr(n, '\\') != NULL)
		return 1;
	if (strlen(n) > 1 && n[1] == ':')
		return 1;
	for (p = n; (p = strstr(p, "..")) != NULL; p += 2) {
		if ((p == n || p[-1] == '/') && (p[2] == '\0' || p[2] == '/'))
			return 1;
	}
	return 0;
}

/* libzip's error is a shortage of memory (its own, or zlib's). */
static int
out_of_memory(zip_error_t *ze)
{
	return zip_error_code_zip(ze) == ZIP_ER_MEMORY ||
	    (zip_error_code_zip(ze) == ZIP_ER_ZLIB && zip_error_code_system(ze) == Z_MEM_ERROR);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

a2_zip *
a2_zip_open_mem(const void *data, size_t len, const a2_limits *lim, a2_error *err)
{
	zip_error_t ze;
	zip_source_t *src;
	a2_zip *z;
	zip_int64_t n, i;
	const char **names = NULL;
	char buf[128];
	static const unsigned char sig[4] = {'P', 'K', 3, 4};

	if (len < 22 || memcmp(data, sig, 4) != 0) {
		if (len >= 4 && memcmp(data, "PK\x05\x06", 4) == 0)
			return (a2_error_set(err, A2_ERR_NOT_ZIP, "an empty zip archive"), NULL);
		return (a2_error_set(err, A2_ERR_NOT_ZIP, "not a zip archive (not a DOCX or ODT file)"), NULL);
	}
	z = calloc(1, sizeof(*z));
	if (z == NULL)
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	z->lim = *lim;
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto fail;
	}
	z->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (z->za == NULL) {
		int code = zip_error_code_zip(&ze);
		zip_source_free(src);
		if (code == ZIP_ER_MEMORY)
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		else if (code == ZIP_ER_NOZIP)  /* it starts as one: truncated or damaged */
			a2_error_set(err, A2_ERR_CORRUPT,
			    "damaged zip archive: no valid central directory (truncated?)");
		else
			a2_error_set(err, A2_ERR_CORRUPT, "damaged zip archive: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);   /* frees the string zip_error_strerror may have made */
		goto fail;
	}
	n = zip_get_num_entries(z->za, 0);
	if (n < 0 || (zip_uint64_t)n > lim->max_entries) {
		a2_error_set(err, A2_ERR_LIMIT, "zip has %lld entries, over the limit of %zu",
		    (long long)n, lim->max_entries);
		goto fail;
	}
	names = calloc((size_t)n + 1, sizeof(*names));
	if (names == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto fail;
	}
	for (i = 0; i < n; i++) {
		zip_stat_t st;
		const char *nm = zip_get_name(z->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		if (nm == NULL || zip_stat_index(z->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW, &st) != 0) {
			if (zip_error_code_zip(zip_get_error(z->za)) == ZIP_ER_MEMORY) {
				a2_error_set(err, A2_ERR_NOMEM, "out of memory");
				goto fail;
			}
			a2_error_set(err, A2_ERR_CORRUPT, "damaged zip entry %lld", (long long)i);
			goto fail;
		}
		if (bad_name(nm)) {
			a2_error_set(err, A2_ERR_CORRUPT, "unsafe entry name in zip: \"%s\"", shown(buf, nm));
			goto fail;
		}
		if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
			a2_error_set(err, A2_ERR_ENCRYPTED, "encrypted zip entry \"%s\" (password-protected document)",
			    shown(buf, nm));
			goto fail;
		}
		names[i] = nm;
	}
	qsort(names, (size_t)n, sizeof(*names), cmp_str);
	for (i = 1; i < n; i++) {
		if (strcmp(names[i - 1], names[i]) == 0) {
			a2_error_set(err, A2_ERR_CORRUPT, "duplicate zip entry \"%s\"", shown(buf, names[i]));
			goto fail;
		}
	}
	free(names);
	return z;
fail:
	free(names);
	a2_zip_close(z);
	return NULL;
}

void
a2_zip_close(a2_zip *z)
{
	if (z == NULL)
		return;
	if (z->za != NULL)
		zip_discard(z->za);
	free(z);
}

/* Names are looked up raw, as they were checked at open (and without the
 * allocations libzip makes to convert CP437 names). */
int
a2_zip_has(a2_zip *z, const char *name)
{
	return zip_name_locate(z->za, name, ZIP_FL_ENC_RAW) >= 0;
}

size_t
a2_zip_count(a2_zip *z)
{
	zip_int64_t n = zip_get_num_entries(z->za, 0);
	return n < 0 ? 0 : (size_t)n;
}

const char *
a2_zip_name(a2_zip *z, size_t i)
{
	return zip_get_name(z->za, i, ZIP_FL_ENC_RAW);
}

char *
a2_zip_read(a2_zip *z, const char *name, size_t *len, a2_error *err)
{
	zip_int64_t idx;
	zip_stat_t st;
	zip_file_t *zf = NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0, top;
	zip_uint64_t comp;

	*len = 0;
	a2_error_at(err, NULL, name, 0, 0);
	idx = zip_name_locate(z->za, name, ZIP_FL_ENC_RAW);
	if (idx < 0)
		return (a2_error_set(err, A2_ERR_NO_MAIN_PART, "no %s in the archive", name), NULL);
	if (zip_stat_index(z->za, (zip_uint64_t)idx, ZIP_FL_ENC_RAW, &st) != 0) {
		if (zip_error_code_zip(zip_get_error(z->za)) == ZIP_ER_MEMORY)
			return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
		return (a2_error_set(err, A2_ERR_CORRUPT, "cannot read entry %s", name), NULL);
	}
	comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
	zf = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
	if (zf == NULL) {
		zip_error_t *ze = zip_get_error(z->za);
		int code = zip_error_code_zip(ze);
		if (out_of_memory(ze))
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		else if (code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_NOPASSWD)
			a2_error_set(err, A2_ERR_ENCRYPTED, "encrypted entry %s", name);
		else if (code == ZIP_ER_COMPNOTSUPP)
			a2_error_set(err, A2_ERR_CORRUPT, "entry %s uses an unsupported compression method", name);
		else
			a2_error_set(err, A2_ERR_CORRUPT, "cannot open entry %s: %s", name, zip_error_strerror(ze));
		return NULL;
	}
	/* The buffer starts at the size the headers give (when under the
	 * limit), with a byte to spare so that the end shows without a larger
	 * buffer, and doubles when full, but never past the member limit plus
	 * one read: the headers may lie, the inflated bytes are what count. */
	if (!a2_size_add(z->lim.max_member, 65536 + 1, &top))
		top = SIZE_MAX;
	for (;;) {
		zip_int64_t got;
		if (cap == 0 || cap - n - 1 == 0) {
			size_t want;
			if (cap == 0)
				want = (st.valid & ZIP_STAT_SIZE) && st.size < z->lim.max_member ?
				    (size_t)st.size + 2 : 65536 + 1;
			else if (!a2_size_mul(cap, 2, &want))
				want = top;
			if (want < 4096)
				want = 4096;
			if (want > top)
				want = top;
			if (want > cap) {
				char *nb = realloc(buf, want);
				if (nb == NULL) {
					a2_error_set(err, A2_ERR_NOMEM, "out of memory");
					goto fail;
				}
				buf = nb;
				cap = want;
			}
		}
		got = zip_fread(zf, buf + n, cap - n - 1);
		if (got < 0) {
			zip_error_t *ze = zip_file_get_error(zf);
			if (out_of_memory(ze))
				a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			else
				a2_error_set(err, A2_ERR_CORRUPT, "damaged entry %s: %s", name, zip_error_strerror(ze));
			goto fail;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > z->lim.max_member) {
			a2_error_set(err, A2_ERR_LIMIT, "entry %s inflates to more than %zu bytes", name, z->lim.max_member);
			goto fail;
		}
		if (z->total + n > z->lim.max_total) {
			a2_error_set(err, A2_ERR_LIMIT, "document inflates to more than %zu bytes", z->lim.max_total);
			goto fail;
		}
		if (n > 1048576 && (comp == 0 || n / (comp ? comp : 1) > z->lim.max_ratio)) {
			a2_error_set(err, A2_ERR_LIMIT, "entry %s has a compression ratio over %u (zip bomb?)",
			    name, z->lim.max_ratio);
			goto fail;
		}
	}
	zip_fclose(zf);
	z->total += n;
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	zip_fclose(zf);
	free(buf);
	return NULL;
}

/* ---- writer ---- */

struct a2_zipout {
	zip_source_t *src;
	zip_t *za;
};

a2_zipout *
a2_zipout_new(a2_error *err)
{
	zip_error_t ze;
	a2_zipout *zo = calloc(1, sizeof(*zo));

	if (zo == NULL)
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	zip_error_init(&ze);
	zo->src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (zo->src == NULL)
		goto fail;
	zo->za = zip_open_from_source(zo->src, ZIP_TRUNCATE, &ze);
	if (zo->za == NULL)
		goto fail;
	zip_source_keep(zo->src);
	return zo;
fail:
	a2_error_set(err, A2_ERR_NOMEM, "cannot create zip: %s", zip_error_strerror(&ze));
	zip_error_fini(&ze);
	if (zo->src != NULL)
		zip_source_free(zo->src);
	free(zo);
	return NULL;
}

/* libzip's error on the archive being written: NOMEM or INTERNAL. */
static int
writer_error(a2_zipout *zo, a2_error *err, const char *what, const char *name)
{
	if (zip_error_code_zip(zip_get_error(zo->za)) == ZIP_ER_MEMORY)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return a2_error_set(err, A2_ERR_INTERNAL, "%s %s: %s", what, name, zip_strerror(zo->za));
}

int
a2_zipout_add(a2_zipout *zo, const char *name, const void *data, size_t len, int store, a2_error *err)
{
	zip_source_t *s;
	zip_int64_t idx;
	zip_error_t ze;
	void *copy;

	/* libzip does not take (nor free) the buffer of an empty source */
	copy = NULL;
	if (len > 0) {
		if ((copy = malloc(len)) == NULL)
			return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		memcpy(copy, data, len);
	}
	zip_error_init(&ze);
	s = zip_source_buffer_create(copy, len, copy != NULL, &ze);
	if (s == NULL) {
		free(copy);
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	}
	idx = zip_file_add(zo->za, name, s, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(s);
		return writer_error(zo, err, "cannot add", name);
	}
	if (zip_set_file_compression(zo->za, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9) != 0 ||
	    zip_file_set_dostime(zo->za, (zip_uint64_t)idx, 0, (0 << 9) | (1 << 5) | 1, 0) != 0)
		return writer_error(zo, err, "cannot set", name);
	return 0;
}

int
a2_zipout_finish(a2_zipout *zo, unsigned char **out, size_t *len, a2_error *err)
{
	zip_stat_t st;
	unsigned char *buf = NULL;
	zip_int64_t got;

	*out = NULL;
	*len = 0;
	if (zip_close(zo->za) != 0) {
		writer_error(zo, err, "cannot finish", "the zip");
		zip_discard(zo->za);
		zo->za = NULL;
		goto fail;
	}
	zo->za = NULL;
	if (zip_source_stat(zo->src, &st) != 0 || zip_source_open(zo->src) != 0) {
		a2_error_set(err, A2_ERR_INTERNAL, "cannot read back the zip");
		goto fail;
	}
	buf = malloc(st.size ? st.size : 1);
	if (buf == NULL) {
		zip_source_close(zo->src);
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto fail;
	}
	got = zip_source_read(zo->src, buf, st.size);
	zip_source_close(zo->src);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		a2_error_set(err, A2_ERR_INTERNAL, "cannot read back the zip");
		free(buf);
		goto fail;
	}
	*out = buf;
	*len = (size_t)got;
	zip_source_free(zo->src);
	free(zo);
	return 0;
fail:
	a2_zipout_free(zo);
	return -1;
}

void
a2_zipout_free(a2_zipout *zo)
{
	if (zo == NULL)
		return;
	if (zo->za != NULL)
		zip_discard(zo->za);
	if (zo->src != NULL)
		zip_source_free(zo->src);
	free(zo);
}
