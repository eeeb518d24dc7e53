/* read/match/norm.c -- the text normalisation of the matcher (ICU): Unicode
 * NFKC (full-width forms, ideographic spaces, compatibility characters), then
 * Arabic tatweel and diacritics, bidi controls and zero-width joiners left
 * out, and every decimal digit (Arabic-Indic, Devanagari, full-width, ...)
 * written as its ASCII digit.  The reply's text and the consultation's
 * wording go through the same function, so that both are compared in one
 * form. */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "core/util.h"
#include "read/match/norm.h"

struct a2_norm {
	const UNormalizer2 *nfkc;
	UChar *u, *v;             /* scratch: the input and its NFKC form */
	int32_t cu, cv;           /* their capacities, in UChars */
};

a2_norm *
a2_norm_new(void)
{
	UErrorCode e = U_ZERO_ERROR;
	a2_norm *n = calloc(1, sizeof(*n));

	if (n == NULL)
		return NULL;
	n->nfkc = unorm2_getNFKCInstance(&e);
	if (U_FAILURE(e) || n->nfkc == NULL) {
		free(n);
		return NULL;
	}
	return n;
}

void
a2_norm_free(a2_norm *n)
{
	if (n == NULL)
		return;
	free(n->u);
	free(n->v);
	free(n);
}

static int
reserve(UChar **p, int32_t *cap, int64_t need)
{
	UChar *q;

	if (need <= *cap)
		return 0;
	if (need > INT32_MAX / 2)
		return -1;
	need = need < 64 ? 64 : need * 2;
	if ((q = realloc(*p, (size_t)need * sizeof(UChar))) == NULL)
		return -1;
	*p = q;
	*cap = (int32_t)need;
	return 0;
}

/* Left out after NFKC: tatweel, the Arabic harakat, superscript alef and
 * Quranic marks (general category Mn in the Arabic block), and the format
 * characters (Cf: bidi controls, zero-width joiners, soft hyphen). */
static int
dropped(UChar32 c)
{
	if (c == 0x0640)
		return 1;
	if (c >= 0x0600 && c <= 0x06FF && u_charType(c) == U_NON_SPACING_MARK)
		return 1;
	return u_charType(c) == U_FORMAT_CHAR;
}

/* Normalises one chunk (a whole number of characters) into out. */
static int
norm_chunk(a2_norm *n, const char *in, size_t len, a2_buf *out)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t ulen = 0, vlen, i;

	if (reserve(&n->u, &n->cu, (int64_t)len + 1) != 0)
		return -1;
	u_strFromUTF8WithSub(n->u, n->cu, &ulen, in, (int32_t)len, 0xFFFD, NULL, &e);
	if (U_FAILURE(e))
		return -1;
	if (reserve(&n->v, &n->cv, (int64_t)ulen * 2 + 16) != 0)
		return -1;
	vlen = unorm2_normalize(n->nfkc, n->u, ulen, n->v, n->cv, &e);
	if (e == U_BUFFER_OVERFLOW_ERROR) {   /* NFKC grows a string at most 18 times */
		e = U_ZERO_ERROR;
		if (reserve(&n->v, &n->cv, (int64_t)vlen + 1) != 0)
			return -1;
		vlen = unorm2_normalize(n->nfkc, n->u, ulen, n->v, n->cv, &e);
	}
	if (U_FAILURE(e))
		return -1;
	for (i = 0; i < vlen;) {
		UChar32 c;
		int d;
		U16_NEXT(n->v, i, vlen, c);
		if (dropped(c))
			continue;
		if (c >= 0x80 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER && (d = u_charDigitValue(c)) >= 0)
			c = '0' + d;
		if (a2_buf_put_cp(out, (unsigned)c) != 0)
			return -1;
	}
	return out->failed ? -1 : 0;
}

/* Long texts go in chunks of about CHUNK bytes, cut between two ASCII
 * characters (nothing composes across such a cut), so that the scratch
 * buffers stay small. */
#define CHUNK 65536

int
a2_norm_text(a2_norm *n, const char *in, size_t len, a2_buf *out)
{
	size_t k, a = 0;

	for (k = 0; k < len && (unsigned char)in[k] < 0x80; k++)
		;
	if (k == len)            /* ASCII: already in normal form */
		return a2_buf_add(out, in, len);
	if (a2_buf_add(out, in, k) != 0)
		return -1;
	a = k;
	while (a < len) {
		size_t b = len - a > CHUNK ? a + CHUNK : len;
		while (b < len && b - a < 2 * CHUNK &&
		    !((unsigned char)in[b] < 0x80 && (unsigned char)in[b - 1] < 0x80))
			b++;
		while (b < len && ((unsigned char)in[b] & 0xC0) == 0x80)
			b++;             /* never inside a character */
		if (norm_chunk(n, in + a, b - a, out) != 0)
			return -1;
		a = b;
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
