/* read/match/norm.c -- the text normalisation of the matcher (utf8proc):
 * Unicode NFKC (full-width forms, ideographic spaces, compatibility
 * characters), the default-ignorable characters left out (bidi controls,
 * zero-width joiners, soft hyphens), then Arabic tatweel and harakat left
 * out and every decimal digit (Arabic-Indic, Devanagari, ...) written as its
 * ASCII digit.  The reply's text and the consultation's wording go through
 * the same function, so that both are compared in one form.
 *
 * utf8proc rather than ICU: the same NFKC from the same Unicode data, in a
 * small C library; ICU's normaliser costs 1.4 MiB of resident memory more
 * in every reader (its data and C++ runtime), which the hostile-input
 * bound (256 MiB for a 30 MB reply) cannot spare. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/util.h"
#include "read/match/norm.h"

struct a2_norm {
	a2_buf clean;             /* scratch: a chunk with bad UTF-8 replaced */
};

a2_norm *
a2_norm_new(void)
{
	return calloc(1, sizeof(a2_norm));
}

void
a2_norm_free(a2_norm *n)
{
	if (n == NULL)
		return;
	a2_buf_free(&n->clean);
	free(n);
}

/* The value of a decimal digit of any script: Unicode encodes every set of
 * decimal digits (Nd) as one run of ten, 0 to 9 (a stability policy), so
 * the value is the distance from the start of the run. */
static int
digit_value(utf8proc_int32_t c)
{
	utf8proc_int32_t a = c;

	while (a > 0 && c - a < 9 && utf8proc_category(a - 1) == UTF8PROC_CATEGORY_ND)
		a--;
	return (int)((c - a) % 10);
}

/* Left out after NFKC: tatweel, the Arabic harakat and Quranic marks
 * (nonspacing marks of the Arabic block), format characters. */
static int
dropped(utf8proc_int32_t c)
{
	if (c == 0x0640)
		return 1;
	if (c >= 0x0600 && c <= 0x06FF && utf8proc_category(c) == UTF8PROC_CATEGORY_MN)
		return 1;
	return utf8proc_category(c) == UTF8PROC_CATEGORY_CF;
}

/* Normalises one chunk (a whole number of characters) into out. */
static int
norm_chunk(a2_norm *n, const char *in, size_t len, a2_buf *out)
{
	utf8proc_uint8_t *res = NULL;
	utf8proc_ssize_t m, i;

	if (!a2_utf8_valid(in, len)) {
		/* bad UTF-8 becomes U+FFFD, as the rest of the reader has it */
		size_t k = 0;
		n->clean.len = 0;
		while (k < len) {
			unsigned cp;
			k += a2_utf8_next(in + k, len - k, &cp);
			a2_buf_put_cp(&n->clean, cp);
		}
		if (n->clean.failed)
			return -1;
		in = n->clean.data;
		len = n->clean.len;
	}
	m = utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)len, &res,
	    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_IGNORE);
	if (m < 0) {
		free(res);
		return -1;          /* out of memory: the input is valid UTF-8 */
	}
	for (i = 0; i < m;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(res + i, m - i, &c);
		if (k <= 0)
			break;
		i += k;
		if (dropped(c))
			continue;
		if (c >= 0x80 && utf8proc_category(c) == UTF8PROC_CATEGORY_ND)
			c = '0' + digit_value(c);
		if (a2_buf_put_cp(out, (unsigned)c) != 0)
			break;
	}
	free(res);
	return out->failed ? -1 : 0;
}

/* Characters of the BMP a stretch of which is its own normal form:
 * 0 not known yet, 1 such, 2 not.  Filled as characters are met, by every
 * reader (each entry written with the value any writer computes). */
static _Atomic unsigned char stable_bmp[0x10000];

/* 1 when a text of ASCII and characters like c is its own normal form:
 * c is its own NFKC, is kept (not dropped(), not an ignorable), is no
 * decimal digit of another script, has combining class 0 (nothing is
 * reordered around it), and never the second of a composition (utf8proc's
 * comb_index from 0x8000; the Hangul jamo and syllables, which compose
 * by rule, all left out).  So NFKC's quick check "yes" for the whole. */
static int
stable_cp(utf8proc_int32_t c)
{
	const utf8proc_property_t *pr;
	utf8proc_uint8_t in[4], *res = NULL;
	utf8proc_ssize_t k, m;
	int ok;

	if (c < 0x80)
		return 1;
	if (c > 0xFFFF)
		return 0;
	if ((ok = atomic_load_explicit(&stable_bmp[c], memory_order_relaxed)) != 0)
		return ok == 1;
	pr = utf8proc_get_property(c);
	ok = !(c >= 0xD800 && c <= 0xDFFF) && !(c >= 0x1100 && c <= 0x11FF) && !(c >= 0x3130 && c <= 0x318F) &&
	    !(c >= 0xA960 && c <= 0xA97F) && !(c >= 0xAC00 && c <= 0xD7FF) &&
	    pr->combining_class == 0 && (pr->comb_index == UINT16_MAX || pr->comb_index < 0x8000) &&
	    !pr->ignorable && !dropped(c) && pr->category != UTF8PROC_CATEGORY_ND;
	if (ok) {
		k = utf8proc_encode_char(c, in);
		m = utf8proc_map(in, k, &res, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_IGNORE);
		ok = m == k && memcmp(res, in, (size_t)k) == 0;
		free(res);
		if (m < 0)
			return 0;       /* out of memory: not remembered */
	}
	atomic_store_explicit(&stable_bmp[c], (unsigned char)(ok ? 1 : 2), memory_order_relaxed);
	return ok;
}

/* 1 when in[0, len) is valid UTF-8 of stable_cp() characters only: its
 * normal form is itself. */
static int
stable_text(const char *in, size_t len)
{
	size_t k = 0;

	while (k < len) {
		unsigned cp;
		size_t n = a2_utf8_next(in + k, len - k, &cp);
		/* a2_utf8_next() gives U+FFFD for a bad sequence: only a real
		 * U+FFFD (EF BF BD) is taken as one */
		if (cp == 0xFFFD && !(n == 3 && memcmp(in + k, "\xEF\xBF\xBD", 3) == 0))
			return 0;
		if (!stable_cp((utf8proc_int32_t)cp))
			return 0;
		k += n;
	}
	return 1;
}

/* Only the stretches around non-ASCII characters go through utf8proc, cut
 * between two ASCII characters (nothing composes across such a cut: an
 * ASCII character is in normal form and never the second of a
 * composition), with the ASCII character before them (an "e" that a
 * combining accent follows); the ASCII between them is copied as it is.
 * A stretch is at most about CHUNK bytes, so that utf8proc's buffer (four
 * bytes a character) stays small. */
#define CHUNK 65536

int
a2_norm_text(a2_norm *n, const char *in, size_t len, a2_buf *out)
{
	size_t k = 0;

	while (k < len) {
		size_t a = k, b;
		while (k < len && (unsigned char)in[k] < 0x80)
			k++;
		if (k == len)            /* ASCII: already in normal form */
			return a2_buf_add(out, in + a, len - a);
		if (k > a)
			k--;                 /* the ASCII character before */
		if (a2_buf_add(out, in + a, k - a) != 0)
			return -1;
		b = k + 1;
		while (b < len && b - k < 2 * CHUNK &&
		    !((unsigned char)in[b] < 0x80 && (unsigned char)in[b - 1] < 0x80))
			b++;
		while (b < len && ((unsigned char)in[b] & 0xC0) == 0x80)
			b++;             /* never inside a character */
		/* most stretches (an accented letter, a dash, a quotation mark)
		 * are their own normal form: copied, without utf8proc */
		if (stable_text(in + k, b - k)) {
			if (a2_buf_add(out, in + k, b - k) != 0)
				return -1;
		} else if (norm_chunk(n, in + k, b - k, out) != 0) {
			return -1;
		}
		k = b;
	}
	return 0;
}

char *
a2_norm_str(a2_norm *n, const char *in)
{
	a2_buf b = {0};

	if (a2_norm_text(n, in, strlen(in), &b) != 0) {
		a2_buf_free(&b);
		return NULL;
	}
	return a2_buf_take(&b);
}
