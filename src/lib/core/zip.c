/* core/zip.c -- libzip reader with budgets, and a deterministic writer. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zip.h>

#include "core/util.h"
#include "core/zip.h"

struct a2_zip {
	zip_t *za;
	a2_limits lim;
	size_t total;     /* inflated bytes so far */
};

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
	z->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (z->za == NULL) {
		int code = zip_error_code_zip(&ze);
		zip_source_free(src);
		if (code == ZIP_ER_MEMORY)
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		else if (code == ZIP_ER_NOZIP)
			a2_error_set(err, A2_ERR_NOT_ZIP, "not a zip archive (%s)", zip_error_strerror(&ze));
		else
			a2_error_set(err, A2_ERR_CORRUPT, "damaged zip archive: %s", zip_error_strerror(&ze));
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
		if (nm == NULL || zip_stat_index(z->za, (zip_uint64_t)i, 0, &st) != 0) {
			a2_error_set(err, A2_ERR_CORRUPT, "damaged zip entry %lld", (long long)i);
			goto fail;
		}
		if (bad_name(nm)) {
			a2_error_set(err, A2_ERR_CORRUPT, "unsafe entry name in zip: \"%.100s\"", nm);
			goto fail;
		}
		if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
			a2_error_set(err, A2_ERR_ENCRYPTED, "encrypted zip entry \"%.100s\" (password-protected document)", nm);
			goto fail;
		}
		names[i] = nm;
	}
	qsort(names, (size_t)n, sizeof(*names), cmp_str);
	for (i = 1; i < n; i++) {
		if (strcmp(names[i - 1], names[i]) == 0) {
			a2_error_set(err, A2_ERR_CORRUPT, "duplicate zip entry \"%.100s\"", names[i]);
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

int
a2_zip_has(a2_zip *z, const char *name)
{
	return zip_name_locate(z->za, name, 0) >= 0;
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
	size_t cap = 0, n = 0;
	zip_uint64_t comp;

	*len = 0;
	a2_error_at(err, NULL, name, 0, 0);
	idx = zip_name_locate(z->za, name, 0);
	if (idx < 0)
		return (a2_error_set(err, A2_ERR_NO_MAIN_PART, "no %s in the archive", name), NULL);
	if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0)
		return (a2_error_set(err, A2_ERR_CORRUPT, "cannot read entry %s", name), NULL);
	comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
	zf = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
	if (zf == NULL) {
		zip_error_t *ze = zip_get_error(z->za);
		int code = zip_error_code_zip(ze);
		if (code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_NOPASSWD)
			a2_error_set(err, A2_ERR_ENCRYPTED, "encrypted entry %s", name);
		else if (code == ZIP_ER_COMPNOTSUPP)
			a2_error_set(err, A2_ERR_CORRUPT, "entry %s uses an unsupported compression method", name);
		else
			a2_error_set(err, A2_ERR_CORRUPT, "cannot open entry %s: %s", name, zip_error_strerror(ze));
		return NULL;
	}
	for (;;) {
		zip_int64_t got;
		if (cap - n < 65536) {
			size_t want = n + 65536 + 1;
			if (a2_grow((void **)&buf, &cap, want, 1) != 0) {
				a2_error_set(err, A2_ERR_NOMEM, "out of memory");
				goto fail;
			}
		}
		got = zip_fread(zf, buf + n, cap - n - 1);
		if (got < 0) {
			zip_error_t *ze = zip_file_get_error(zf);
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

int
a2_zipout_add(a2_zipout *zo, const char *name, const void *data, size_t len, int store, a2_error *err)
{
	zip_source_t *s;
	zip_int64_t idx;
	zip_error_t ze;
	void *copy;

	copy = malloc(len ? len : 1);
	if (copy == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	if (len)
		memcpy(copy, data, len);
	zip_error_init(&ze);
	s = zip_source_buffer_create(copy, len, 1, &ze);
	if (s == NULL) {
		free(copy);
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	}
	idx = zip_file_add(zo->za, name, s, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(s);
		return a2_error_set(err, A2_ERR_INTERNAL, "cannot add %s: %s", name, zip_strerror(zo->za));
	}
	if (zip_set_file_compression(zo->za, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9) != 0 ||
	    zip_file_set_dostime(zo->za, (zip_uint64_t)idx, 0, (0 << 9) | (1 << 5) | 1, 0) != 0)
		return a2_error_set(err, A2_ERR_INTERNAL, "cannot set %s: %s", name, zip_strerror(zo->za));
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
		a2_error_set(err, A2_ERR_INTERNAL, "cannot finish zip: %s", zip_strerror(zo->za));
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
