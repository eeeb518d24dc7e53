/* read/scan/qr.c -- the generated form's QR code (gen/scanmark.h): its
 * payload parsed, and the code found by zbar on a page in any orientation
 * (read/scan/page.h). */
#include <math.h>
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

/* a2_scan_zbar on 8-bit page g binarized at threshold thresh: 1 found. */
static int
zbar_binarized(PIX *g, int thresh, a2_scan_qr *q, int *orient)
{
	PIX *t = pixThresholdToBinary(g, thresh), *t8 = t != NULL ? pixConvertTo8(t, 0) : NULL;
	int found = t8 != NULL && a2_scan_zbar(t8, q, orient);

	pixDestroy(&t8);
	pixDestroy(&t);
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

	if (a2_scan_zbar(g, q, orient))
		return 1;
	for (i = 0; i < 3 && !found && a2_ocr_cpu_ms() - t0 < QR_BUDGET_MS; i++) {
		PIX *s = i == 0 ? pixClone(g) : i == 1 ? (low_res && w < 2000 ? pixScale(g, 2.0f, 2.0f) : NULL) :
		    (w > 3000 ? pixScale(g, 0.5f, 0.5f) : NULL);
		if (s == NULL)
			continue;
		if (i > 0)
			found = a2_scan_zbar(s, q, orient);
		if (!found && !(i == 0 && two_tone) && a2_ocr_cpu_ms() - t0 < QR_BUDGET_MS)
			found = zbar_binarized(s, 150, q, orient);
		pixDestroy(&s);
	}
	return found;
}

/* One spot: the clip of g (and of src, when src's pixels are not square:
 * a fax) tried at 1 to 4 times its size, as it is and binarized; src's
 * clip made square by repeating its rows, so that each module keeps hard
 * edges; until: the thread's CPU (a2_ocr_cpu_ms) by which to stop.  1
 * found. */
static int
spot_code(PIX *g, PIX *src, BOX *bx, double until, a2_scan_qr *q, int *orient)
{
	double fx = (double)pixGetWidth(src) / pixGetWidth(g), fy = (double)pixGetHeight(src) / pixGetHeight(g);
	PIX *c = pixClipRectangle(g, bx, NULL), *c8 = NULL;
	BOX *sb = NULL;
	l_int32 x, y, w, h;
	int found = 0, k;

	for (k = 1; c != NULL && k <= 4 && !found && a2_ocr_cpu_ms() < until; k++) {
		PIX *u = k == 1 ? pixClone(c) : pixScale(c, (l_float32)k, (l_float32)k);
		if (u == NULL)
			break;
		found = a2_scan_zbar(u, q, orient) || zbar_binarized(u, 128, q, orient);
		pixDestroy(&u);
	}
	pixDestroy(&c);
	if (!found && fabs(fx / fy - 1) > 0.2 && boxGetGeometry(bx, &x, &y, &w, &h) == 0 &&
	    (sb = boxCreate((l_int32)(x * fx), (l_int32)(y * fy), (l_int32)(w * fx) + 1, (l_int32)(h * fy) + 1)) != NULL &&
	    (c = pixClipRectangle(src, sb, NULL)) != NULL &&
	    (c8 = pixConvertTo8(c, 0)) != NULL) {
		for (k = 3; k <= 5 && !found && a2_ocr_cpu_ms() < until; k++) {
			PIX *u = pixScaleBySampling(c8, (l_float32)k, (l_float32)(k * fx / fy));
			found = u != NULL && a2_scan_zbar(u, q, orient);
			pixDestroy(&u);
		}
	}
	boxDestroy(&sb);
	pixDestroy(&c);
	pixDestroy(&c8);
	return found;
}

/* The code where page g (8-bit, about ppm pixels a mm) has a blot of its
 * size, when the whole page gave none: zbar finds the finder patterns of a
 * small clip that the page's other ink hid from it, or that a fax's rows
 * (src: the page as decoded) blurred.  The blots: the ink closed over
 * 1.2 mm, pieces 12 to 26 mm square, the first SPOT_MAX, each clipped
 * with 3 mm round it, tried within SPOT_BUDGET_MS of the thread's CPU
 * (a page with no code at all: the Secretariat's form, a cover letter). */
#define SPOT_MAX 6
#define SPOT_BUDGET_MS 500
int
a2_scan_find_code_spots(PIX *g, PIX *src, double ppm, a2_scan_qr *q, int *orient)
{
	double t0 = a2_ocr_cpu_ms();
	PIX *b = pixThresholdToBinary(g, 150), *cl = NULL;
	BOXA *ba = NULL;
	int k = ((int)(1.2 * ppm)) | 1, n, i, tried = 0, found = 0, m = (int)(3 * ppm);

	if (b == NULL || (cl = pixCloseSafeBrick(NULL, b, k, k)) == NULL ||
	    (ba = pixConnComp(cl, NULL, 8)) == NULL)
		goto out;
	n = boxaGetCount(ba);
	for (i = 0; i < n && !found && tried < SPOT_MAX && a2_ocr_cpu_ms() - t0 < SPOT_BUDGET_MS; i++) {
		l_int32 x, y, w, h;
		BOX *bx;
		if (boxaGetBoxGeometry(ba, i, &x, &y, &w, &h) != 0 || w < 12 * ppm || h < 12 * ppm ||
		    w > 26 * ppm || h > 26 * ppm || w > 1.3 * h || h > 1.3 * w)
			continue;
		tried++;
		if ((bx = boxCreate(x - m, y - m, w + 2 * m, h + 2 * m)) == NULL)
			break;
		found = spot_code(g, src, bx, t0 + SPOT_BUDGET_MS, q, orient);
		boxDestroy(&bx);
	}
out:
	boxaDestroy(&ba);
	pixDestroy(&cl);
	pixDestroy(&b);
	return found;
}
