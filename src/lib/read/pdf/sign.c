/* read/pdf/sign.c -- a PDF's digital signature, verified with OpenSSL.
 *
 * A signed PDF holds, in its signature dictionary, /ByteRange [a b c d]:
 * the signed bytes are [a, a+b) and [c, c+d), and the gap between them is
 * /Contents, the hex of a detached CMS (PKCS #7) signature over those
 * bytes.  The last /ByteRange of the file is the latest signature.  The
 * signature holds when the CMS verifies over the two ranges (the document's
 * signed bytes are those the signer saw); it covers the whole document when
 * the ranges run from the first byte to the last (nothing was added after
 * signing).  No trust decision is made about the signer's certificate
 * (SPEC): CMS_NO_SIGNER_CERT_VERIFY.
 *
 * Poppler's own validation is not used: in 22.12 it verifies in a GLib
 * worker thread through NSS, whose shutdown at process exit races with
 * that thread (crashes seen here), and it reads the user's NSS database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include "core/util.h"
#include "read/pdf/pdf.h"

#define MAX_SIG_HEX ((size_t)1 << 20)

/* The last place of needle in h[0..n), or NULL. */
static const unsigned char *
last_of(const unsigned char *h, size_t n, const char *needle)
{
	const unsigned char *p = h, *last = NULL, *q;

	while ((q = a2_pdf_find(p, n - (size_t)(p - h), needle)) != NULL) {
		last = q;
		p = q + 1;
	}
	return last;
}

/* The numbers of the last /ByteRange: 0, or -1 when there is none that
 * fits the file. */
static int
byte_range(const unsigned char *data, size_t len, unsigned long long v[4])
{
	const unsigned char *p = last_of(data, len, "/ByteRange");
	char buf[160];
	size_t n, i;

	if (p == NULL)
		return -1;
	n = len - (size_t)(p - data) - 10;
	n = n < sizeof(buf) - 1 ? n : sizeof(buf) - 1;
	memcpy(buf, p + 10, n);
	buf[n] = '\0';
	for (i = 0; i < n; i++)
		if (buf[i] == '[' || buf[i] == ']' || buf[i] == '\r' || buf[i] == '\n')
			buf[i] = ' ';
	if (sscanf(buf, "%llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3]) != 4)
		return -1;
	if (v[0] > len || v[1] > len - v[0] || v[2] < v[0] + v[1] || v[2] > len || v[3] > len - v[2] ||
	    v[2] - (v[0] + v[1]) < 2 || v[2] - (v[0] + v[1]) > MAX_SIG_HEX)
		return -1;
	return 0;
}

static int
hexval(unsigned char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The CMS of <hex> in p[0..n): the DER bytes (trailing zero padding is
 * left to the DER length).  NULL when it is not hex in angle brackets. */
static unsigned char *
unhex(const unsigned char *p, size_t n, size_t *out)
{
	unsigned char *der;
	size_t i, k = 0;
	int hi = -1;

	if (n < 2 || p[0] != '<' || p[n - 1] != '>' || (der = malloc(n / 2 + 1)) == NULL)
		return NULL;
	for (i = 1; i + 1 < n; i++) {
		int v = hexval(p[i]);
		if (v < 0) {
			if (p[i] == ' ' || p[i] == '\r' || p[i] == '\n')
				continue;
			free(der);
			return NULL;
		}
		if (hi < 0) {
			hi = v;
		} else {
			der[k++] = (unsigned char)(hi * 16 + v);
			hi = -1;
		}
	}
	*out = k;
	return der;
}

static char *
signer_name(CMS_ContentInfo *cms)
{
	STACK_OF(X509) *signers = CMS_get0_signers(cms);
	char cn[256];
	char *r = NULL;

	if (signers != NULL && sk_X509_num(signers) > 0 &&
	    X509_NAME_get_text_by_NID(X509_get_subject_name(sk_X509_value(signers, 0)), NID_commonName,
	        cn, sizeof(cn)) > 0)
		r = a2_strdup(cn);
	sk_X509_free(signers);
	return r;
}

static char *
signing_time(CMS_ContentInfo *cms)
{
	STACK_OF(CMS_SignerInfo) *sis = CMS_get0_SignerInfos(cms);
	CMS_SignerInfo *si;
	X509_ATTRIBUTE *at;
	ASN1_TYPE *t;
	struct tm tm;
	int idx;

	if (sis == NULL || sk_CMS_SignerInfo_num(sis) < 1)
		return NULL;
	si = sk_CMS_SignerInfo_value(sis, 0);
	if ((idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1)) < 0 ||
	    (at = CMS_signed_get_attr(si, idx)) == NULL || (t = X509_ATTRIBUTE_get0_type(at, 0)) == NULL)
		return NULL;
	if ((t->type != V_ASN1_UTCTIME && t->type != V_ASN1_GENERALIZEDTIME) ||
	    ASN1_TIME_to_tm((const ASN1_TIME *)t->value.asn1_string, &tm) != 1)
		return NULL;
	return a2_sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The signature dictionary's /M (D:YYYYMMDDHHmmSS+HH'mm'), looked for
 * within 4 KiB before the signature's contents, as UTC ISO 8601. */
static char *
dict_time(const unsigned char *data, size_t len, size_t at)
{
	size_t from = at > 4096 ? at - 4096 : 0;
	const unsigned char *p = last_of(data + from, at - from, "/M");
	int y, mo, d, h = 0, mi = 0, se = 0, oh = 0, om = 0, n = 0;
	char buf[48], sign = 'Z';
	size_t k;
	long t;
	struct tm tm;

	(void)len;
	if (p == NULL)
		return NULL;
	k = (size_t)(data + at - p);
	k = k < sizeof(buf) - 1 ? k : sizeof(buf) - 1;
	memcpy(buf, p, k);
	buf[k] = '\0';
	if (sscanf(buf, "/M (D:%4d%2d%2d%2d%2d%2d%n", &y, &mo, &d, &h, &mi, &se, &n) < 3 || n == 0)
		return NULL;
	if (buf[n] == '+' || buf[n] == '-') {
		sign = buf[n];
		if (sscanf(buf + n + 1, "%2d'%2d", &oh, &om) < 1)
			oh = om = 0;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	t = (long)timegm(&tm) - (sign == '+' ? 1 : sign == '-' ? -1 : 0) * (oh * 3600L + om * 60L);
	{
		time_t tt = (time_t)t;
		if (gmtime_r(&tt, &tm) == NULL)
			return NULL;
	}
	return a2_sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int
a2_pdf_signature(a2_doc *doc, const unsigned char *data, size_t len)
{
	unsigned long long v[4];
	unsigned char *der = NULL, *signed_bytes = NULL;
	const unsigned char *q;
	size_t dlen = 0;
	CMS_ContentInfo *cms = NULL;
	X509_STORE *store = NULL;
	BIO *bio = NULL;
	int ok, rc = -1;

	doc->dsig.present = 1;
	if (byte_range(data, len, v) != 0 ||
	    (der = unhex(data + v[0] + v[1], (size_t)(v[2] - v[0] - v[1]), &dlen)) == NULL) {
		doc->dsig.message = a2_strdup("the signature's byte range or contents cannot be read: "
		    "it cannot be verified");
		return doc->dsig.message ? 0 : -1;
	}
	q = der;
	if ((cms = d2i_CMS_ContentInfo(NULL, &q, (long)dlen)) == NULL) {
		ERR_clear_error();
		free(der);
		doc->dsig.message = a2_strdup("the signature is damaged (its CMS structure cannot be read)");
		return doc->dsig.message ? 0 : -1;
	}
	if ((signed_bytes = malloc((size_t)(v[1] + v[3]) + 1)) == NULL)
		goto out;
	memcpy(signed_bytes, data + v[0], (size_t)v[1]);
	memcpy(signed_bytes + v[1], data + v[2], (size_t)v[3]);
	if ((bio = BIO_new_mem_buf(signed_bytes, (int)(v[1] + v[3]))) == NULL || (store = X509_STORE_new()) == NULL)
		goto out;
	ok = CMS_verify(cms, NULL, store, bio, NULL, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1;
	ERR_clear_error();
	doc->dsig.valid = ok;
	doc->dsig.covers = v[0] == 0 && v[2] + v[3] == len;
	doc->dsig.signer = signer_name(cms);
	if ((doc->dsig.time = signing_time(cms)) == NULL)
		doc->dsig.time = dict_time(data, len, (size_t)(v[0] + v[1]));
	doc->dsig.message = a2_strdup(!ok ? "the document was changed after it was signed, or the signature "
	        "does not match it" :
	    doc->dsig.covers ? "the signature is valid and covers the whole document" :
	    "the signature is valid, but the document was changed or extended after it was signed");
	rc = doc->dsig.message ? 0 : -1;
out:
	ERR_clear_error();
	BIO_free(bio);
	X509_STORE_free(store);
	CMS_ContentInfo_free(cms);
	free(signed_bytes);
	free(der);
	return rc;
}
