/* read/scan/qr.c -- the generated form's QR code (gen/scanmark.h): its
 * payload parsed, and the code found by zbar on a page in any orientation
 * (read/scan/page.h). */
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>
#include <zbar.h>

#include "read/scan/ocr.h"
#include "read/scan/page.h"
#include "read/scan/scan.h"

/* ---- the QR payload ----------------------------------------------------- */

static int
field(const char *s, const char *key, char *out, size_t size)
{
	size_t kl = strlen(key);
	const char *p = s;

	while (p != NULL && *p) {
		if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
			const char *v = p + kl + 1;
			size_t n = strcspn(v, ";");
			if (n == 0 || n >= size)
				return -1;
			memcpy(out, v, n);
			out[n] = '\0';
			return 0;
		}
		p = strchr(p, ';');
		if (p != NULL)
			p++;
	}
	return -1;
}

/* "A<sep>B" with 1 <= A <= B <= max: 0, or -1. */
static int
range(const char *s, char sep, long max, int *a, int *b)
{
	char *end;
	long x = strtol(s, &end, 10), y;

	if (*end != sep || x < 1 || x > max)
		return -1;
	y = strtol(end + 1, &end, 10);
	if (*end != '\0' || y < x || y > max)
		return -1;
	*a = (int)x;
	*b = (int)y;
	return 0;
}

int
a2_scan_parse_qr(const char *s, a2_scan_qr *q)
{
	char pg[32], t[32];

	memset(q, 0, sizeof(*q));
	if (strncmp(s, "A2F1;", 5) != 0)
		return -1;
	if (field(s, "c", q->consultation, sizeof(q->consultation)) != 0 ||
	    field(s, "s", q->iso3, sizeof(q->iso3)) != 0 ||
	    field(s, "l", q->lang, sizeof(q->lang)) != 0 ||
	    field(s, "p", pg, sizeof(pg)) != 0 || field(s, "t", t, sizeof(t)) != 0)
		return -1;
	if (field(s, "v", q->version, sizeof(q->version)) != 0)
		q->version[0] = '\0';
	if (range(pg, '/', 1000, &q->page, &q->pages) != 0)
		return -1;
	if (strcmp(t, "0") == 0)
		return 0;
	return range(t, '-', 10000, &q->first, &q->last);
}

/* ---- zbar --------------------------------------------------------------- */

/* The first annex2 QR code on an 8-bit page: 1 found (q, orientation
 * 0 up, 1 right, 2 down, 3 left), 0 none. */
int
a2_scan_zbar(PIX *g, a2_scan_qr *q, int *orient)
{
	zbar_image_scanner_t *sc;
	zbar_image_t *im;
	const zbar_symbol_t *sym;
	int w = pixGetWidth(g), h = pixGetHeight(g), found = 0, y, x;
	unsigned char *buf;
	l_uint32 *line;
	int wpl = pixGetWpl(g);

	if ((buf = malloc((size_t)w * (size_t)h)) == NULL)
		return 0;
	for (y = 0; y < h; y++) {
		line = pixGetData(g) + (size_t)y * (size_t)wpl;
		for (x = 0; x < w; x++)
			buf[(size_t)y * (size_t)w + (size_t)x] = (unsigned char)GET_DATA_BYTE(line, x);
	}
	sc = zbar_image_scanner_create();
	im = zbar_image_create();
	if (sc == NULL || im == NULL) {
		free(buf);
		if (sc) zbar_image_scanner_destroy(sc);
		if (im) zbar_image_destroy(im);
		return 0;
	}
	zbar_image_scanner_set_config(sc, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	zbar_image_set_format(im, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(im, (unsigned)w, (unsigned)h);
	zbar_image_set_data(im, buf, (unsigned long)w * (unsigned long)h, NULL);
	if (zbar_scan_image(sc, im) > 0) {
		for (sym = zbar_image_first_symbol(im); sym != NULL; sym = zbar_symbol_next(sym)) {
			const char *d = zbar_symbol_get_data(sym);
			if (d != NULL && a2_scan_parse_qr(d, q) == 0) {
				zbar_orientation_t o = zbar_symbol_get_orientation(sym);
				*orient = o == ZBAR_ORIENT_RIGHT ? 1 : o == ZBAR_ORIENT_DOWN ? 2 :
				    o == ZBAR_ORIENT_LEFT ? 3 : 0;
				found = 1;
				break;
			}
		}
	}
	zbar_image_destroy(im);
	zbar_image_scanner_destroy(sc);
	free(buf);
	return found;
}

/* The code on a page as it comes, else binarized (noise, JPEG; not a page
 * of black and white only, two_tone, which binarized is itself), else at
 * twice the size (150 dpi, a fax: modules of 2 or 3 pixels), else at half
 * (600 dpi); the tries after QR_BUDGET_MS of this thread's CPU are not made
 * (zbar takes about 0.1 s for 4 million pixels; more on a page of noise). */
int
a2_scan_find_code(PIX *g, int low_res, int two_tone, a2_scan_qr *q, int *orient)
{
	int w = pixGetWidth(g), found = 0, i;
	double t0 = a2_ocr_cpu_ms();
	PIX *t;

	if (a2_scan_zbar(g, q, orient))
		return 1;
	for (i = 0; i < 3 && !found && a2_ocr_cpu_ms() - t0 < QR_BUDGET_MS; i++) {
		PIX *s = i == 0 ? pixClone(g) : i == 1 ? (low_res && w < 2000 ? pixScale(g, 2.0f, 2.0f) : NULL) :
		    (w > 3000 ? pixScale(g, 0.5f, 0.5f) : NULL);
		if (s == NULL)
			continue;
		if (i > 0)
			found = a2_scan_zbar(s, q, orient);
		if (!found && !(i == 0 && two_tone) && a2_ocr_cpu_ms() - t0 < QR_BUDGET_MS &&
		    (t = pixThresholdToBinary(s, 150)) != NULL) {
			PIX *t8 = pixConvertTo8(t, 0);
			found = t8 != NULL && a2_scan_zbar(t8, q, orient);
			pixDestroy(&t8);
			pixDestroy(&t);
		}
		pixDestroy(&s);
	}
	return found;
}
