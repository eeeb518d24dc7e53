/* core/zip.c -- libzip reader with budgets, and a deterministic writer. */
#include <stdint.h>
#include <stdio.h>
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

/* ---- the layout: local headers against the central directory ----
 *
 * libzip reads an entry where the central directory says it is, and does
 * not compare the local header there with the central record.  A zip can
 * then show one thing to annex2 and another to a program that reads the
 * local headers in order (a "two-faced" document), or hide an entry.  So
 * before anything is used, every entry's local header must agree with its
 * central record (name, method, flags, CRC and sizes unless a data
 * descriptor follows), every entry must lie inside the file, and the
 * entries must tile the file from its first byte to the central directory,
 * with no overlap and no unreferenced bytes between them (but a data
 * descriptor). */

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t
le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

typedef struct zent {
	uint64_t lho, csize, usize, end;   /* end: past the data (and descriptor) */
	uint32_t crc;
	unsigned method, flags;
	const unsigned char *name;
	unsigned nlen;
} zent;

static int
cmp_lho(const void *a, const void *b)
{
	const zent *x = a, *y = b;
	return x->lho < y->lho ? -1 : x->lho > y->lho;
}

/* The zip64 extended information (0x0001) of an extra field: the values
 * whose 32-bit field is 0xFFFFFFFF, in order.  0, or -1 when it is missing
 * or short. */
static int
zip64_extra(const unsigned char *x, size_t xlen, uint64_t *usize, uint64_t *csize, uint64_t *lho)
{
	size_t i = 0;

	while (i + 4 <= xlen) {
		unsigned id = le16(x + i), sz = le16(x + i + 2);
		if (i + 4 + sz > xlen)
			return -1;
		if (id == 0x0001) {
			const unsigned char *v = x + i + 4, *e = v + sz;
			if (usize && *usize == 0xFFFFFFFFu) {
				if (v + 8 > e)
					return -1;
				*usize = le64(v), v += 8;
			}
			if (csize && *csize == 0xFFFFFFFFu) {
				if (v + 8 > e)
					return -1;
				*csize = le64(v), v += 8;
			}
			if (lho && *lho == 0xFFFFFFFFu) {
				if (v + 8 > e)
					return -1;
				*lho = le64(v);
			}
			return 0;
		}
		i += 4 + sz;
	}
	return (usize && *usize == 0xFFFFFFFFu) || (csize && *csize == 0xFFFFFFFFu) ||
	    (lho && *lho == 0xFFFFFFFFu) ? -1 : 0;
}

#define CORRUPT(...) (a2_error_set(err, A2_ERR_CORRUPT, __VA_ARGS__), rc = -1)

static int
check_layout(const unsigned char *d, size_t len, zip_int64_t n_libzip, a2_error *err)
{
	size_t i, eocd = 0, found = 0;
	uint64_t cd_off, cd_size, n, k, pos;
	zent *v = NULL;
	char buf[128], nm[300];
	int rc = 0;

	/* the end of central directory record: the last one in the file (a
	 * few bytes after it are seen in real files and harm nothing: no
	 * reader looks past it) */
	for (i = len - 22 + 1; i-- > 0 && len - i <= 22 + 65535 + 64;)
		if (memcmp(d + i, "PK\5\6", 4) == 0 && i + 22 + le16(d + i + 20) <= len) {
			eocd = i;
			found = 1;
			break;
		}
	if (!found)
		return (a2_error_set(err, A2_ERR_CORRUPT, "damaged zip archive: no end record"), -1);
	n = le16(d + eocd + 10);
	cd_size = le32(d + eocd + 12);
	cd_off = le32(d + eocd + 16);
	if (eocd >= 20 && memcmp(d + eocd - 20, "PK\6\7", 4) == 0) {
		uint64_t z = le64(d + eocd - 20 + 8);
		if (len < 56 || z > len - 56 || memcmp(d + z, "PK\6\6", 4) != 0)
			return (a2_error_set(err, A2_ERR_CORRUPT, "damaged zip64 end record"), -1);
		n = le64(d + z + 32);
		cd_size = le64(d + z + 40);
		cd_off = le64(d + z + 48);
		if (z < cd_off || z - cd_off != cd_size)
			return (a2_error_set(err, A2_ERR_CORRUPT, "damaged zip64 end record: the central directory "
			    "does not end where it begins"), -1);
	} else if (cd_off + cd_size != eocd) {
		return (a2_error_set(err, A2_ERR_CORRUPT, "damaged zip archive: bytes between the central directory "
		    "and its end record, or a central directory that is not where its end record says"), -1);
	}
	if (n != (uint64_t)n_libzip || cd_off > len || cd_size > len - cd_off)
		return (a2_error_set(err, A2_ERR_CORRUPT, "damaged zip archive: its central directory disagrees with "
		    "its end record"), -1);
	if ((v = calloc(n ? n : 1, sizeof(*v))) == NULL)
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), -1);
	for (k = 0, pos = cd_off; k < n; k++) {
		const unsigned char *c = d + pos;
		zent *e = &v[k];
		unsigned nlen, xlen, clen;
		if (pos + 46 > cd_off + cd_size || memcmp(c, "PK\1\2", 4) != 0) {
			CORRUPT("damaged zip archive: central record %llu is broken", (unsigned long long)k);
			goto out;
		}
		nlen = le16(c + 28);
		xlen = le16(c + 30);
		clen = le16(c + 32);
		if (pos + 46 + nlen + xlen + clen > cd_off + cd_size) {
			CORRUPT("damaged zip archive: central record %llu is cut", (unsigned long long)k);
			goto out;
		}
		e->flags = le16(c + 8);
		e->method = le16(c + 10);
		e->crc = le32(c + 16);
		e->csize = le32(c + 20);
		e->usize = le32(c + 24);
		e->lho = le32(c + 42);
		e->name = c + 46;
		e->nlen = nlen;
		snprintf(nm, sizeof(nm), "%.*s", (int)(nlen < 200 ? nlen : 200), (const char *)e->name);
		if (zip64_extra(c + 46 + nlen, xlen, &e->usize, &e->csize, &e->lho) != 0) {
			CORRUPT("zip entry \"%s\": its zip64 sizes are missing", shown(buf, nm));
			goto out;
		}
		if (e->lho > len || len - e->lho < 30 || e->csize > len) {
			CORRUPT("zip entry \"%s\" lies outside the file", shown(buf, nm));
			goto out;
		}
		if (e->usize > ((uint64_t)1 << 40)) {
			CORRUPT("zip entry \"%s\" claims %llu bytes: not a size a document has", shown(buf, nm),
			    (unsigned long long)e->usize);
			goto out;
		}
		pos += 46 + (uint64_t)nlen + xlen + clen;
	}
	for (k = 0; k < n; k++) {
		zent *e = &v[k];
		const unsigned char *l = d + e->lho;
		unsigned lnlen, lxlen, lflags, lmethod;
		uint64_t lcs, lus, start;
		uint32_t lcrc;
		snprintf(nm, sizeof(nm), "%.*s", (int)(e->nlen < 200 ? e->nlen : 200), (const char *)e->name);
		if (memcmp(l, "PK\3\4", 4) != 0) {
			CORRUPT("zip entry \"%s\": no local header where the central directory says", shown(buf, nm));
			goto out;
		}
		lflags = le16(l + 6);
		lmethod = le16(l + 8);
		lcrc = le32(l + 14);
		lcs = le32(l + 18);
		lus = le32(l + 22);
		lnlen = le16(l + 26);
		lxlen = le16(l + 28);
		start = e->lho + 30 + lnlen + lxlen;
		if (start > len) {
			CORRUPT("zip entry \"%s\": its local header is cut", shown(buf, nm));
			goto out;
		}
		if (lnlen != e->nlen || memcmp(l + 30, e->name, lnlen) != 0) {
			CORRUPT("zip entry \"%s\": its local header names another file", shown(buf, nm));
			goto out;
		}
		if (lmethod != e->method || (lflags & 0x0F) != (e->flags & 0x0F)) {
			CORRUPT("zip entry \"%s\": its local header and the central directory disagree "
			    "(compression method or flags)", shown(buf, nm));
			goto out;
		}
		if (!(lflags & 0x08)) {
			if (zip64_extra(l + 30 + lnlen, lxlen, &lus, &lcs, NULL) != 0 ||
			    lcrc != e->crc || lcs != e->csize || lus != e->usize) {
				CORRUPT("zip entry \"%s\": its local header and the central directory disagree "
				    "(CRC or sizes)", shown(buf, nm));
				goto out;
			}
		}
		if (e->csize > len - start || start + e->csize > cd_off) {
			CORRUPT("zip entry \"%s\": its data runs past the end of the entries", shown(buf, nm));
			goto out;
		}
		e->end = start + e->csize;
	}
	/* the entries tile the file: no overlap, no hidden bytes between them */
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_lho);
	for (k = 0, pos = 0; k <= n; k++) {
		uint64_t next = k < n ? v[k].lho : cd_off, gap;
		if (next < pos) {
			CORRUPT("damaged zip archive: two entries overlap");
			goto out;
		}
		gap = next - pos;
		/* after an entry with a data descriptor: 12 to 24 bytes, with or
		 * without its signature */
		if (gap != 0 && !(k > 0 && (v[k - 1].flags & 0x08) && gap >= 12 && gap <= 24)) {
			CORRUPT("damaged zip archive: %llu bytes at offset %llu belong to no entry of the central "
			    "directory (a hidden entry?)", (unsigned long long)gap, (unsigned long long)pos);
			goto out;
		}
		if (k < n)
			pos = v[k].end;
	}
out:
	free(v);
	return rc;
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
	if (check_layout(data, len, n, err) != 0)
		goto fail_layout;
	return z;
fail:
	free(names);
fail_layout:
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
	if ((st.valid & ZIP_STAT_SIZE) && st.size != n) {
		a2_error_set(err, A2_ERR_CORRUPT, "damaged entry %s: it inflates to %zu bytes where its header says %llu",
		    name, n, (unsigned long long)st.size);
		goto fail;
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
