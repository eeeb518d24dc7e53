/* read/scan/scan.c -- page images read through the generated forms' QR
 * codes and fiducials (read/scan/scan.h).
 *
 * Per page: 8-bit gray (the resolution made square: a fax is 204 x 98 dpi),
 * the QR code found by zbar in any orientation (the page turned upright by
 * it), the skew found and corrected by Leptonica, the page binarized, its
 * scale taken from the fiducials (or the page width), the printed boxes
 * found as squares of the size the form prints them (four sides of line,
 * which a pen mark over them does not remove), tied in reading order to
 * the texts the QR code names (4 boxes a text), and the ink measured
 * inside each box and in a ring around it.  The decision: see decide().
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>
#include <zbar.h>

#include "core/util.h"
#include "read/scan/grid.h"
#include "read/scan/scan.h"
#include "read/scan/scanint.h"

/* ---- thresholds (ink fractions, calibrated on rendered forms) ---------- */
#define INK_GRAY     170     /* a pixel darker than this is ink */
#define LINE_GRAY    210     /* ... or part of a printed line */
#define IN_EMPTY     0.030   /* inside a box: below, empty */
#define IN_MARK      0.080   /* at or above, marked; between, unclear */
#define IN_DENSE     0.850   /* filled or scribbled out */
#define NEAR_MARK    0.025   /* just outside the outline (to 0.35 of a box):
                              * a tick or a cross running out; empty boxes
                              * measured at most 0.010 (the generated set,
                              * seed 14), ticks and crosses at least 0.031 */
#define SCRIB_NEAR   0.350   /* a filled box with this much ink just outside
                              * it (to 0.35 box) ... */
#define SCRIB_HALO   0.250   /* ... and this much further out (to 0.6 box)
                              * is scribbled out: a cancelled mark.  Measured:
                              * scribbles 0.62-0.72 and 0.41-0.57, the
                              * generated set's filled boxes at most 0.003
                              * and 0.033, the drawn set's (make_set.py: a
                              * rectangle a little over the box) 0.16, 0.07 */
#define NEAR_UNSURE  0.012   /* from here to NEAR_MARK: a stroke, unclear */
#define SIDE_MARK    0.050   /* beside the box (1.4 boxes wide): a mark */
#define SIDE_NEAR    0.030   /* ... some ink there */
#define SIDE_DY      0.45    /* its centre further up or down (in boxes):
                              * as near the next box, unclear */
#define CONF_MIN     0.60    /* below: unclear, never a guess */
#define BOX_MM       3.05    /* the printed box (gen/scanmark.h) */


enum { U_NONE, U_DOT, U_BETWEEN, U_STRAY, U_FAINT };

typedef struct page {
	a2_scan_qr qr;
	int has_qr;
	int rotation;
	double skew;
	box *boxes;
	size_t n_boxes;
	int signed_ink;     /* -1 unknown */
	int fiducials;      /* found */
	double ppm;         /* pixels a millimetre of the page as read */
	int sig_zone[4];    /* the signature area looked at (x, y, w, h) */
	PIX *gray;          /* a page without the QR code, kept for the OCR path */
} page;

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

int
a2_scan_parse_qr(const char *s, a2_scan_qr *q)
{
	char pg[32], t[32];
	char *end;
	long a, b;

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
	a = strtol(pg, &end, 10);
	if (*end != '/' || a < 1 || a > 1000)
		return -1;
	b = strtol(end + 1, &end, 10);
	if (*end != '\0' || b < a || b > 1000)
		return -1;
	q->page = (int)a;
	q->pages = (int)b;
	if (strcmp(t, "0") == 0)
		return 0;
	a = strtol(t, &end, 10);
	if (*end != '-' || a < 1 || a > 10000)
		return -1;
	b = strtol(end + 1, &end, 10);
	if (*end != '\0' || b < a || b > 10000)
		return -1;
	q->first = (int)a;
	q->last = (int)b;
	return 0;
}

/* ---- zbar --------------------------------------------------------------- */

/* The first annex2 QR code on an 8-bit page: 1 found (q, orientation
 * 0 up, 1 right, 2 down, 3 left), 0 none. */
static int
find_qr(PIX *g, a2_scan_qr *q, int *orient)
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

/* The code on a page as it comes, else binarized (noise, JPEG), else at
 * twice the size (150 dpi, a fax: modules of 2 or 3 pixels), else at half
 * (600 dpi). */
static int
find_qr_any(PIX *g, int low_res, a2_scan_qr *q, int *orient)
{
	int w = pixGetWidth(g), found = 0, i;
	PIX *t;

	if (find_qr(g, q, orient))
		return 1;
	for (i = 0; i < 3 && !found; i++) {
		PIX *s = i == 0 ? pixClone(g) : i == 1 ? (low_res && w < 2000 ? pixScale(g, 2.0f, 2.0f) : NULL) :
		    (w > 3000 ? pixScale(g, 0.5f, 0.5f) : NULL);
		if (s == NULL)
			continue;
		if (i > 0)
			found = find_qr(s, q, orient);
		if (!found && (t = pixThresholdToBinary(s, 150)) != NULL) {
			PIX *t8 = pixConvertTo8(t, 0);
			found = t8 != NULL && find_qr(t8, q, orient);
			pixDestroy(&t8);
			pixDestroy(&t);
		}
		pixDestroy(&s);
	}
	return found;
}

/* ---- boxes -------------------------------------------------------------- */

static double
ink_in(PIX *b, int x, int y, int w, int h)
{
	BOX *r;
	l_int32 n = 0;
	int W = pixGetWidth(b), H = pixGetHeight(b);

	if (x < 0) { w += x; x = 0; }
	if (y < 0) { h += y; y = 0; }
	if (x + w > W) w = W - x;
	if (y + h > H) h = H - y;
	if (w <= 0 || h <= 0)
		return 0;
	r = boxCreate(x, y, w, h);
	pixCountPixelsInRect(b, r, &n, NULL);
	boxDestroy(&r);
	return (double)n / ((double)w * h);
}

static int
cmp_box(const void *a, const void *b)
{
	const box *p = a, *q = b;
	int tol = (p->h + q->h) / 4;

	if (abs(p->y - q->y) > tol)
		return p->y < q->y ? -1 : 1;
	return (p->x > q->x) - (p->x < q->x);
}

/* The fiducials of binary page b: solid squares of 4 to 6.5 mm, the two
 * highest (header) and the two lowest (footer).  Their y limits give the
 * body of the page (*top, *bottom), the distance between the top two the
 * scale (*ppm: 165 mm between their centres).  1 found, 0 not. */
static int
find_fiducials(PIX *b, double ppm0, int *top, int *bottom, double *ppm, int *lx, int *rx)
{
	/* an opening by a 3.5 mm square leaves only solid shapes that large:
	 * text, lines, boxes and a table border touching a fiducial go */
	int k = (int)(3.5 * ppm0);
	PIX *o = pixOpenBrick(NULL, b, k, k);
	BOXA *cc = o != NULL ? pixConnCompBB(o, 8) : NULL;
	l_int32 i, n, x, y, w, h;
	int lo = (int)(4.0 * ppm0), hi = (int)(6.5 * ppm0) + 1;
	int fx[64], fy[64], fw[64], nf = 0, t0 = -1, t1 = -1, b0 = -1;

	if (cc == NULL) {
		pixDestroy(&o);
		return 0;
	}
	n = boxaGetCount(cc);
	for (i = 0; i < n && nf < 64; i++) {
		boxaGetBoxGeometry(cc, i, &x, &y, &w, &h);
		if (w < lo || w > hi || h < lo || h > hi || abs(w - h) > w / 5)
			continue;
		if (ink_in(o, x, y, w, h) < 0.85)
			continue;
		fx[nf] = x; fy[nf] = y; fw[nf] = w;
		nf++;
	}
	boxaDestroy(&cc);
	pixDestroy(&o);
	/* the top pair: the two highest, far apart sideways */
	for (i = 0; i < nf; i++)
		if (t0 < 0 || fy[i] < fy[t0])
			t0 = i;
	for (i = 0; i < nf && t0 >= 0; i++)
		if (i != t0 && abs(fy[i] - fy[t0]) < fw[t0] && abs(fx[i] - fx[t0]) > 100 * ppm0)
			t1 = i;
	for (i = 0; i < nf; i++)
		if (b0 < 0 || fy[i] > fy[b0])
			b0 = i;
	if (t0 < 0 || t1 < 0 || b0 < 0 || fy[b0] - fy[t0] < 150 * ppm0)
		return 0;
	*top = (fy[t0] > fy[t1] ? fy[t0] + fw[t0] : fy[t1] + fw[t1]) + (int)ppm0;
	*bottom = fy[b0] - (int)ppm0;
	*ppm = abs(fx[t1] - fx[t0]) / 165.0;
	*lx = fx[t0] < fx[t1] ? fx[t0] : fx[t1];
	*rx = (fx[t0] < fx[t1] ? fx[t1] + fw[t1] : fx[t0] + fw[t0]);
	return 1;
}

typedef struct boxes {
	box *v;
	size_t n, cap;
} boxes;

static int
add_box(boxes *bs, int x, int y, int w, int h)
{
	if (bs->n >= 4096)
		return 0;
	if (bs->n == bs->cap) {
		box *nb = realloc(bs->v, (bs->cap = bs->cap ? bs->cap * 2 : 64) * sizeof(*nb));
		if (nb == NULL)
			return -1;
		bs->v = nb;
	}
	memset(&bs->v[bs->n], 0, sizeof(box));
	bs->v[bs->n].x = x;
	bs->v[bs->n].y = y;
	bs->v[bs->n].w = w;
	bs->v[bs->n].h = h;
	bs->n++;
	return 0;
}

/* Boxes from pairs of parallel sides: segs are the straight pieces of one
 * direction (vertical: the left and right sides; else the top and bottom),
 * other the map of the other direction, which must show the two remaining
 * sides.  A pen mark over a box breaks the pieces of one direction more
 * than the other's: both directions are tried. */
static int
side_pairs(boxes *bs, BOXA *segs, PIX *other, int vertical, int smin, int smax, int thick,
           int top, int bottom)
{
	l_int32 i, j, cnt = boxaGetCount(segs), x1, y1, w1, h1, x2, y2, w2, h2;

	for (i = 0; i < cnt; i++) {
		int l1, t1, a1;   /* length, thickness, position along */
		boxaGetBoxGeometry(segs, i, &x1, &y1, &w1, &h1);
		l1 = vertical ? h1 : w1;
		t1 = vertical ? w1 : h1;
		a1 = vertical ? y1 : x1;
		if (l1 < smin || l1 > smax || t1 > thick || y1 < top || y1 > bottom)
			continue;
		for (j = 0; j < cnt; j++) {
			int l2, t2, a2, d;
			if (j == i)
				continue;
			boxaGetBoxGeometry(segs, j, &x2, &y2, &w2, &h2);
			l2 = vertical ? h2 : w2;
			t2 = vertical ? w2 : h2;
			a2 = vertical ? y2 : x2;
			d = vertical ? x2 - x1 : y2 - y1;
			/* a stroke may run one side on: the shorter one is the box's */
			{
				int lm = l1 < l2 ? l1 : l2;
				if (t2 > thick || lm < smin || abs(a2 - a1) > lm / 4 || abs(l2 - l1) > lm / 4 ||
				    d < lm * 8 / 10 || d > lm * 13 / 10)
					continue;
			}
			if (vertical) {
				if (ink_in(other, x1, y1, d + w2, thick) < 0.3 ||
				    ink_in(other, x1, y1 + h1 - thick, d + w2, thick) < 0.3)
					continue;
				if (add_box(bs, x1, y1, d + w2, h1) != 0)
					return -1;
			} else {
				if (ink_in(other, x1, y1, thick, d + h2) < 0.3 ||
				    ink_in(other, x1 + w1 - thick, y1, thick, d + h2) < 0.3)
					continue;
				if (add_box(bs, x1, y1, w1, d + h2) != 0)
					return -1;
			}
			break;
		}
	}
	return 0;
}

/* The forms' boxes stand in two columns, the options' 10 mm further in
 * (to the right, or to the left in a right-to-left form): the pair of
 * columns holding most boxes is kept, and every box elsewhere (a glyph
 * like a box, 口 or 由) dropped. */
static int
columns(boxes *bs, double ppm, int *pxa, int *pxb, int *pca)
{
	size_t i, j, best_n = 0, n;
	int tol = (int)(1.2 * ppm), xa = 0, xb = 0;

	for (i = 0; i < bs->n; i++)
		for (j = 0; j < bs->n; j++) {
			int dx = bs->v[j].x - bs->v[i].x, k;
			if (fabs(fabs((double)dx) - 10.0 * ppm) > 2.0 * ppm)
				continue;
			for (n = 0, k = 0; k < (int)bs->n; k++)
				n += abs(bs->v[k].x - bs->v[i].x) <= tol || abs(bs->v[k].x - bs->v[j].x) <= tol;
			if (n > best_n) {
				best_n = n;
				xa = bs->v[i].x;
				xb = bs->v[j].x;
			}
		}
	/* the vote's column is the one nearer the cell's edge: it holds the
	 * first box of the page */
	for (i = 0, n = 0; i < bs->n; i++) {
		box *k = &bs->v[i];
		if (best_n == 0 || (abs(k->x - xa) > tol && abs(k->x - xb) > tol))
			continue;
		k->col = abs(k->x - xa) <= tol ? 0 : 1;
		bs->v[n++] = *k;
	}
	bs->n = n;
	*pxa = xa;
	*pxb = xb;
	*pca = 0;
	if (n == 0)
		return -1;
	{
		/* the first box in reading order is a vote's */
		size_t first = 0;
		for (i = 1; i < n; i++)
			if (bs->v[i].y < bs->v[first].y)
				first = i;
		if (bs->v[first].col == 1) {
			for (i = 0; i < n; i++)
				bs->v[i].col = !bs->v[i].col;
			*pca = 1;
		}
	}
	return 0;
}

/* The printed boxes of binary page b between rows top and bottom, ppm
 * pixels a millimetre: squares of the printed size with four sides of
 * straight line, or solid (filled in).  Sorted in reading order. */
static int
find_boxes(PIX *b, double ppm, int top, int bottom, box **out, size_t *n_out, int *pxa, int *pxb, int *pca)
{
	/* the forms print their boxes 3.05 mm wide (a 12 pt U+2610); a pen
	 * stroke running on along a side makes it look longer */
	int smin = (int)(0.85 * BOX_MM * ppm), smax = (int)(1.3 * BOX_MM * ppm) + 1, len = (int)(1.6 * ppm);
	int thick = (int)(0.7 * ppm) + 1;
	PIX *hp = NULL, *vp = NULL;
	BOXA *hs = NULL, *vs = NULL, *cc = NULL;
	PIX *vlong = NULL;
	boxes bs = {0};
	size_t i, j;
	l_int32 k, cnt, x1, y1, w1, h1;
	int rc = -1, xa, xb, ca, tol = (int)(1.2 * ppm);

	if (len < 3)
		len = 3;
	if ((hp = pixOpenBrick(NULL, b, len, 1)) == NULL ||
	    (vp = pixOpenBrick(NULL, b, 1, len)) == NULL ||
	    (hs = pixConnCompBB(hp, 8)) == NULL || (vs = pixConnCompBB(vp, 8)) == NULL)
		goto out;
	/* solid squares: filled boxes */
	cnt = boxaGetCount(hs);
	for (k = 0; k < cnt; k++) {
		boxaGetBoxGeometry(hs, k, &x1, &y1, &w1, &h1);
		if (w1 < smin || w1 > smax || h1 < smin || h1 > smax || y1 < top || y1 > bottom ||
		    abs(h1 - w1) > w1 / 4 || ink_in(b, x1, y1, w1, h1) < 0.8)
			continue;
		if (add_box(&bs, x1, y1, w1, h1) != 0)
			goto out;
	}
	if (side_pairs(&bs, hs, vp, 0, smin, smax, thick, top, bottom) != 0 ||
	    side_pairs(&bs, vs, hp, 1, smin, smax, thick, top, bottom) != 0)
		goto out;
	/* one box per place */
	for (i = 0; i < bs.n; i++)
		for (j = i + 1; j < bs.n; j++)
			if (abs(bs.v[i].x - bs.v[j].x) < bs.v[i].w / 2 && abs(bs.v[i].y - bs.v[j].y) < bs.v[i].h / 2) {
				bs.v[j] = bs.v[--bs.n];
				j--;
			}
	*pxa = *pxb = -1;
	*pca = 0;
	if (columns(&bs, ppm, &xa, &xb, &ca) == 0) {
		*pxa = xa;
		*pxb = xb;
		*pca = ca;
		/* a box and the cross over it as one blob of the box's size (a fax's
		 * few rows run its sides and strokes together) */
		if ((cc = pixConnCompBB(b, 8)) == NULL)
			goto out;
		cnt = boxaGetCount(cc);
		for (k = 0; k < cnt; k++) {
			double f;
			boxaGetBoxGeometry(cc, k, &x1, &y1, &w1, &h1);
			if (w1 < smin || w1 > smax || h1 < smin || h1 > smax || y1 < top || y1 > bottom ||
			    abs(h1 - w1) > w1 / 4)
				continue;
			f = ink_in(b, x1, y1, w1, h1);
			if (f < 0.25 || f >= 0.8)
				continue;
			/* its four sides there (a glyph's are not) */
			{
				int e = (int)(0.35 * ppm) + 1;
				if (ink_in(b, x1, y1, w1, e) < 0.6 || ink_in(b, x1, y1 + h1 - e, w1, e) < 0.6 ||
				    ink_in(b, x1, y1, e, h1) < 0.6 || ink_in(b, x1 + w1 - e, y1, e, h1) < 0.6)
					continue;
			}
			if (abs(x1 - xa) > tol && abs(x1 - xb) > tol)
				continue;
			/* inside the table: its rule beside the vote's column, on
			 * the side away from the options' */
			if (vlong == NULL && (vlong = pixOpenBrick(NULL, b, 1, (int)(8 * ppm))) == NULL)
				goto out;
			if (ink_in(vlong, xb > xa ? xa - (int)(4 * ppm) : xa + smin + (int)(0.5 * ppm), y1,
			    (int)(3.5 * ppm), h1) < 0.5 / (3.5 * ppm))
				continue;
			for (i = 0; i < bs.n; i++)
				if (abs(bs.v[i].x - x1) < w1 / 2 && abs(bs.v[i].y - y1) < h1 / 2)
					break;
			if (i < bs.n)
				continue;
			if (add_box(&bs, x1, y1, w1, h1) != 0)
				goto out;
			bs.v[bs.n - 1].col = abs(x1 - xa) <= tol ? ca : !ca;
		}
	}
	if (bs.n > 1)
		qsort(bs.v, bs.n, sizeof(*bs.v), cmp_box);
	*out = bs.v;
	*n_out = bs.n;
	bs.v = NULL;
	rc = 0;
out:
	free(bs.v);
	pixDestroy(&hp);
	pixDestroy(&vp);
	boxaDestroy(&hs);
	boxaDestroy(&vs);
	boxaDestroy(&cc);
	pixDestroy(&vlong);
	return rc;
}

/* The line x = a + slope * (y - yref) through the left edges of the boxes
 * found blind in column col (a skew left over, a photo's perspective):
 * their median when they are few or close together. */
static void
column_line(const box *v, size_t n, int col, double ppm, double *a, double *slope, int *yref)
{
	double sx = 0, sy = 0, sxy = 0, syy = 0, k = 0;
	int ymin = 1 << 30, ymax = -1;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].col == col) {
			sx += v[i].x;
			sy += v[i].y;
			sxy += (double)v[i].x * v[i].y;
			syy += (double)v[i].y * v[i].y;
			k++;
			if (v[i].y < ymin) ymin = v[i].y;
			if (v[i].y > ymax) ymax = v[i].y;
		}
	*slope = 0;
	*yref = k > 0 ? (int)(sy / k) : 0;
	*a = k > 0 ? sx / k : -1;
	if (k >= 3 && ymax - ymin > 40 * ppm) {
		double d = k * syy - sy * sy;
		if (d > 0)
			*slope = (k * sxy - sx * sy) / d;
		if (*slope > 0.03 || *slope < -0.03)
			*slope = 0;   /* not a column: the median */
	}
}

/* The boxes of the page where the form's geometry puts them.  The boxes
 * found blind (find_boxes) give the two columns, the box's size and the
 * columns' lines; then every box is looked for along them (grid.c): the
 * vote's column holds exactly the 2 boxes of each of the nt texts of the
 * page (assigns, does not assign) within the table (its rule beside the
 * column), and between a text's two the options' column holds its 2
 * options.  The result: 4 boxes a text in reading order (assigns, no
 * comments, comments attached, does not assign), an option not found
 * there as a placeholder (missing); or no box at all when the vote's
 * column does not hold 2 nt boxes: a page whose geometry does not fit is
 * not read (never a vote shifted onto another box). */
/* The rows [*t0, *t1] where the table's long vertical rule runs beside a
 * column of boxes whose left edge is at x = a + slope * (y - yref): 1 when
 * it runs over 20 mm, else 0. */
static int
rule_beside(PIX *vlong, double a, double slope, int yref, int w, int ltr, double ppm, int top, int bottom,
            int *t0, int *t1)
{
	int y, bw = (int)(4.5 * ppm), n = 0;

	*t0 = *t1 = -1;
	for (y = top; y < bottom; y++) {
		int x = (int)(a + slope * (y - yref));
		int x0 = ltr ? x - bw - (int)(0.2 * ppm) : x + w + (int)(0.2 * ppm);
		if (ink_in(vlong, x0, y, bw, 1) > 0) {
			if (*t0 < 0)
				*t0 = y;
			*t1 = y;
			n++;
		}
	}
	return n > 20 * ppm;
}

static int
grid_boxes(PIX *lines, double ppm, int top, int bottom, int nt, int ltr, box **out, size_t *n_out)
{
	box *blind = NULL, *res = NULL;
	size_t nb = 0, nv = 0, i;
	int xa, xb, ca, w, h, yrv, yro, ytop = -1, ybot = -1, rc = -1, xtol = (int)(1.0 * ppm) + 1;
	double av, sv, ao, so;
	a2_grid_hit *vh = NULL, *oh = NULL;
	size_t nvh = 0, noh = 0;
	PIX *vlong = NULL;

	*out = NULL;
	*n_out = 0;
	if (find_boxes(lines, ppm, top, bottom, &blind, &nb, &xa, &xb, &ca) != 0)
		return -1;
	if (nt <= 0 || nb == 0 || xa < 0) {
		free(blind);
		return 0;
	}
	/* the box's size: the median of those found blind, near the printed */
	{
		int ws[4096], hs[4096], k = 0, j, t;
		for (i = 0; i < nb && k < 4096; i++, k++) {
			ws[k] = blind[i].w;
			hs[k] = blind[i].h;
		}
		for (i = 1; i < (size_t)k; i++)
			for (j = (int)i; j > 0 && ws[j - 1] > ws[j]; j--)
				t = ws[j], ws[j] = ws[j - 1], ws[j - 1] = t;
		for (i = 1; i < (size_t)k; i++)
			for (j = (int)i; j > 0 && hs[j - 1] > hs[j]; j--)
				t = hs[j], hs[j] = hs[j - 1], hs[j - 1] = t;
		w = ws[k / 2];
		h = hs[k / 2];
		if (w < 0.85 * BOX_MM * ppm || w > 1.15 * BOX_MM * ppm)
			w = (int)(BOX_MM * ppm + 0.5);
		if (h < 0.85 * BOX_MM * ppm || h > 1.15 * BOX_MM * ppm)
			h = (int)(BOX_MM * ppm + 0.5);
	}
	/* the vote's column is the one with the table's rule beside it, on
	 * the side away from the options' (left in a left-to-right form): the
	 * boxes found blind may all be options' (every vote box crossed) */
	column_line(blind, nb, 0, ppm, &av, &sv, &yrv);
	column_line(blind, nb, 1, ppm, &ao, &so, &yro);
	if ((vlong = pixOpenBrick(NULL, lines, 1, (int)(8 * ppm))) == NULL)
		goto out;
	{
		double cx[4], cs[4], dir = ltr ? 1 : -1, best = -1;
		int cy[4], nc = 0, c, t0, t1;
		if (av >= 0) {
			cx[nc] = av, cs[nc] = sv, cy[nc++] = yrv;
			cx[nc] = av - dir * 10 * ppm, cs[nc] = sv, cy[nc++] = yrv;
		}
		if (ao >= 0) {
			cx[nc] = ao, cs[nc] = so, cy[nc++] = yro;
			cx[nc] = ao - dir * 10 * ppm, cs[nc] = so, cy[nc++] = yro;
		}
		/* the candidate with the longest rule beside it; of two as long,
		 * the outer */
		for (c = 0; c < nc; c++) {
			if (!rule_beside(vlong, cx[c], cs[c], cy[c], w, ltr, ppm, top, bottom, &t0, &t1))
				continue;
			if (best < 0 || t1 - t0 > ybot - ytop + 10 * ppm ||
			    (t1 - t0 > ybot - ytop - 10 * ppm && (ltr ? cx[c] < best : cx[c] > best))) {
				best = cx[c];
				sv = cs[c];
				yrv = cy[c];
				ytop = t0;
				ybot = t1;
			}
		}
		if (best < 0) {
			rc = 0;   /* no table: nothing read on this page */
			goto out;
		}
		av = best;
		/* the options' column 10 mm in, or where the boxes found blind
		 * stand near it */
		if (ao < 0 || fabs(ao + so * (yrv - yro) - (av + dir * 10 * ppm)) > 2.5 * ppm) {
			ao = av + dir * 10 * ppm;
			so = sv;
			yro = yrv;
		}
	}
	if (a2_grid_column(lines, (int)av, sv, yrv, w, h, ytop, ybot + 1, xtol, 0.55, &vh, &nvh) != 0)
		goto out;
	if (nvh > (size_t)nt * 2)
		nvh = a2_grid_merge(vh, nvh, h * 3 / 2);   /* a scribble's second place */
	if (nvh != (size_t)nt * 2) {
		rc = 0;   /* the geometry does not fit: nothing read on this page */
		goto out;
	}
	if ((res = calloc((size_t)nt * 4, sizeof(*res))) == NULL)
		goto out;
	for (i = 0; i < (size_t)nt; i++) {
		const a2_grid_hit *A = &vh[2 * i], *D = &vh[2 * i + 1];
		box *g = &res[4 * i];
		size_t k, found = 0, pick_k[8];
		g[0].x = A->x; g[0].y = A->y;
		g[3].x = D->x; g[3].y = D->y;
		g[1].missing = g[2].missing = 1;
		free(oh);
		oh = NULL;
		if (a2_grid_column(lines, (int)ao, so, yro, w, h, A->y + h, D->y, xtol, 0.55, &oh, &noh) != 0)
			goto out;
		/* the options between the text's two vote boxes; a glyph at the
		 * start of a line of the vote's text may stand in the column too
		 * (口, 日): a printed box has the gap before its label beside it,
		 * a glyph the next glyph; a scribble round an option gives it a
		 * second place under a box away (merged: one box) */
		noh = a2_grid_merge(oh, noh, h);
		for (k = 0; k < noh && found < 8; k++) {
			double gap;
			if (oh[k].y <= A->y + h / 2 || oh[k].y + h >= D->y + h / 2)
				continue;
			gap = ink_in(lines, ltr ? oh[k].x + w + w / 6 : oh[k].x - w, oh[k].y + h / 5, w * 5 / 6, h * 3 / 5);
			if (gap > 0.2)
				oh[k].score -= 0.5;
			pick_k[found++] = k;
		}
		/* the two best, when a third is clearly weaker */
		{
			size_t p, q;
			for (p = 1; p < found; p++)
				for (q = p; q > 0 && oh[pick_k[q - 1]].score < oh[pick_k[q]].score; q--) {
					size_t t = pick_k[q];
					pick_k[q] = pick_k[q - 1];
					pick_k[q - 1] = t;
				}
			if (found >= 2 && oh[pick_k[1]].score >= 0.55 &&
			    (found == 2 || oh[pick_k[2]].score < 0.8 * oh[pick_k[1]].score)) {
				int up = oh[pick_k[0]].y < oh[pick_k[1]].y;
				const a2_grid_hit *n1 = &oh[pick_k[up ? 0 : 1]], *n2 = &oh[pick_k[up ? 1 : 0]];
				g[1].x = n1->x; g[1].y = n1->y; g[1].missing = 0;
				g[2].x = n2->x; g[2].y = n2->y; g[2].missing = 0;
				found = 2;
			} else
				found = 0;
		}
		if (found != 2) {
			/* placeholders where the options would be: not read */
			g[1].x = g[2].x = (int)(ao + so * (A->y - yro));
			g[1].y = A->y + (D->y - A->y) / 3;
			g[2].y = A->y + 2 * (D->y - A->y) / 3;
		}
		for (k = 0; k < 4; k++) {
			g[k].w = w;
			g[k].h = h;
			g[k].col = k == 1 || k == 2;
		}
		nv++;
	}
	*out = res;
	*n_out = nv * 4;
	res = NULL;
	rc = 0;
out:
	free(blind);
	free(res);
	free(vh);
	free(oh);
	pixDestroy(&vlong);
	return rc;
}

/* The page without its long straight lines (table rules, over 8 mm): what
 * is left near a box is the pen's. */
static PIX *
without_rules(PIX *b, double ppm)
{
	int len = (int)(8 * ppm);
	PIX *h = pixOpenBrick(NULL, b, len, 1), *v = pixOpenBrick(NULL, b, 1, len), *out = NULL;

	if (h != NULL && v != NULL && pixOr(h, h, v) != NULL)
		out = pixSubtract(NULL, b, h);
	pixDestroy(&h);
	pixDestroy(&v);
	return out;
}

/* How far the ink inside [x, x+w) x [y, y+h) of binary b spreads, as the
 * larger of its width and height over the area's: a cross or a tick spans
 * the box, a dot does not. */
static double
spread(PIX *b, int x, int y, int w, int h)
{
	int W = pixGetWidth(b), H = pixGetHeight(b), wpl = pixGetWpl(b), i, j;
	int x0 = w, x1 = -1, y0 = h, y1 = -1;

	for (j = 0; j < h; j++) {
		l_uint32 *line;
		if (y + j < 0 || y + j >= H)
			continue;
		line = pixGetData(b) + (size_t)(y + j) * (size_t)wpl;
		for (i = 0; i < w; i++)
			if (x + i >= 0 && x + i < W && GET_DATA_BIT(line, x + i)) {
				if (i < x0) x0 = i;
				if (i > x1) x1 = i;
				if (j < y0) y0 = j;
				if (j > y1) y1 = j;
			}
	}
	if (x1 < 0 || w <= 0 || h <= 0)
		return 0;
	return fmax((double)(x1 - x0 + 1) / w, (double)(y1 - y0 + 1) / h);
}

/* Ink in [x, x+w) x [y, y+h) of binary b: its fraction, and the mean
 * row of it relative to row cy in units of unit (0 when none). */
static double
ink_where(PIX *b, int x, int y, int w, int h, int cy, int unit, double *dy)
{
	int W = pixGetWidth(b), H = pixGetHeight(b), wpl = pixGetWpl(b), i, j;
	double n = 0, sy = 0;

	*dy = 0;
	if (w <= 0 || h <= 0)
		return 0;
	for (j = y < 0 ? -y : 0; j < h && y + j < H; j++) {
		l_uint32 *line = pixGetData(b) + (size_t)(y + j) * (size_t)wpl;
		for (i = x < 0 ? -x : 0; i < w && x + i < W; i++)
			if (GET_DATA_BIT(line, x + i)) {
				n++;
				sy += y + j;
			}
	}
	if (n > 0)
		*dy = (sy / n - cy) / (unit > 0 ? unit : 1);
	return n / ((double)w * h);
}

static void
measure(PIX *b, PIX *light, box *k, int ltr)
{
	int m = k->w / 5 + 1, r = k->w, rv = k->h * 4 / 10;
	double outer, inner_all, near;
	double area_o, area_i, area_n;
	int o = k->w / 10 > 2 ? k->w / 10 : 2, g = k->w * 35 / 100;

	k->in = ink_in(b, k->x + m, k->y + m, k->w - 2 * m, k->h - 2 * m);
	k->light = ink_in(light, k->x + m, k->y + m, k->w - 2 * m, k->h - 2 * m);
	/* the ring: the box grown by r (sideways) and rv (up and down), less
	 * the box with its outline */
	outer = ink_in(b, k->x - r, k->y - rv, k->w + 2 * r, k->h + 2 * rv);
	area_o = (double)(k->w + 2 * r) * (k->h + 2 * rv);
	inner_all = ink_in(b, k->x - o, k->y - o, k->w + 2 * o, k->h + 2 * o);
	area_i = (double)(k->w + 2 * o) * (k->h + 2 * o);
	k->ring = (outer * area_o - inner_all * area_i) / (area_o - area_i);
	if (k->ring < 0)
		k->ring = 0;
	/* just outside the outline: where a tick's stroke runs out */
	near = ink_in(b, k->x - g, k->y - g, k->w + 2 * g, k->h + 2 * g);
	area_n = (double)(k->w + 2 * g) * (k->h + 2 * g);
	k->near = (near * area_n - inner_all * area_i) / (area_n - area_i);
	if (k->near < 0)
		k->near = 0;
	{
		int g2 = k->w * 6 / 10;
		double far = ink_in(b, k->x - g2, k->y - g2, k->w + 2 * g2, k->h + 2 * g2);
		double area_f = (double)(k->w + 2 * g2) * (k->h + 2 * g2);
		int sw = k->w * 14 / 10, sg = k->w / 10, cy = k->y + k->h / 2;
		int xl = ltr ? k->x + k->w + sg : k->x - sg - sw, xa = ltr ? k->x - sg - sw : k->x + k->w + sg;
		k->halo = (far * area_f - inner_all * area_i) / (area_f - area_i);
		if (k->halo < 0)
			k->halo = 0;
		k->lab = ink_where(b, xl, k->y - k->h / 2, sw, k->h * 2, cy, k->h, &k->lab_dy);
		k->away = ink_where(b, xa, k->y - k->h / 2, sw, k->h * 2, cy, k->h, &k->away_dy);
	}
	{
		/* beside the box: toward its label for the vote's boxes (the
		 * other side is the table's rule), away from it for the options'
		 * (their label's side is the vote's text above and below) */
		double side = k->col ? k->away : k->lab, side_dy = k->col ? k->away_dy : k->lab_dy;
		int dotlike = k->in >= IN_EMPTY && k->in < IN_DENSE &&
		    spread(b, k->x + m, k->y + m, k->w - 2 * m, k->h - 2 * m) < 0.5;
		k->unsure = U_NONE;
		if (k->in < IN_EMPTY && side >= SIDE_NEAR && fabs(side_dy) >= SIDE_DY) {
			k->state = B_UNSURE;   /* as near the next box as this one */
			k->unsure = U_BETWEEN;
		} else if (k->in >= IN_DENSE)
			k->state = B_DENSE;
		else if (dotlike && k->near < NEAR_MARK) {
			k->state = B_UNSURE;   /* a dot, not a mark across the box */
			k->unsure = U_DOT;
		} else if (k->in >= IN_MARK || k->near >= NEAR_MARK)
			k->state = B_MARK;     /* across the box, or a tick or cross
			                        * running out of it */
		else if (side >= SIDE_MARK && fabs(side_dy) < SIDE_DY)
			k->state = B_BESIDE;
		else if (k->in >= IN_EMPTY || k->near >= NEAR_UNSURE || side >= SIDE_NEAR) {
			k->state = B_UNSURE;
			k->unsure = U_STRAY;
		} else if (k->light >= IN_MARK) {
			k->state = B_UNSURE;   /* a very faint mark, or a smudge */
			k->unsure = U_FAINT;
		} else
			k->state = B_EMPTY;
	}
}

/* Circled option texts: a ring drawn round the first line of a box's
 * label is one connected stroke (with the glyphs it touches) at least
 * 20 mm long and 1.5 to 4.5 boxes high, centred on the box's line, its
 * left end (right, in a right-to-left form) in the gap between the box and
 * its label; a line of text is a row of separate glyphs, and a long stroke
 * that is not round a line (a signature, a strike-through) is thinner or
 * elsewhere.  A ring broken where the pen's pressure dropped is its arcs
 * (pieces 8 mm wide or more, 2 mm apart at most) taken together.  b: the
 * ink without the rules. */
/* The share of [x, x+w) x [y, y+h) of binary b that its largest
 * connected piece covers (a ring and the glyphs it touches: little; lines
 * of text run together: much). */
static double
own_fill(PIX *b, int x, int y, int w, int h)
{
	BOX *r = boxCreate(x, y, w, h);
	PIX *c = r != NULL ? pixClipRectangle(b, r, NULL) : NULL;
	PIXA *pa = NULL;
	BOXA *ba = c != NULL ? pixConnComp(c, &pa, 8) : NULL;
	l_int32 i, n, cnt, best = 0;

	n = ba != NULL ? boxaGetCount(ba) : 0;
	for (i = 0; i < n; i++) {
		PIX *p = pixaGetPix(pa, i, L_CLONE);
		if (p != NULL && pixCountPixels(p, &cnt, NULL) == 0 && cnt > best)
			best = cnt;
		pixDestroy(&p);
	}
	boxaDestroy(&ba);
	pixaDestroy(&pa);
	pixDestroy(&c);
	boxDestroy(&r);
	return n > 0 ? (double)best / ((double)w * h) : 1.0;
}

/* A ring round the first line of a box's label at [x, x+w) x [y, y+h) of
 * b?  Its box marked circled when so. */
static void
ring_at(PIX *b, double ppm, int ltr, box *k, size_t n, const int *gap, int x, int y, int w, int h)
{
	double ecy, best = 1e9, second = 1e9;
	size_t at = n, j;

	if (own_fill(b, x, y, w, h) > 0.35)
		return;   /* a block of text run together */
	/* the ring's end toward the boxes is on its centre line: the mean
	 * row of the ink in its last millimetre (the gap before the label
	 * holds nothing else) */
	if (ink_where(b, ltr ? x : x + w - (int)ppm, y, (int)ppm + 1, h, 0, 1, &ecy) <= 0)
		return;
	for (j = 0; j < n; j++) {
		box *q = &k[j];
		int end = ltr ? x - (q->x + q->w) : (q->x) - (x + w);
		double d = fabs(ecy - (q->y + q->h / 2.0));
		if (q->missing || h < q->h * 3 / 2 || h > q->h * 9 / 2 ||
		    end < q->w / 5 || end > gap[q->col] - q->w / 6)
			continue;
		if (d < best) {
			second = best;
			best = d;
			at = j;
		} else if (d < second)
			second = d;
	}
	/* on the line of one box, not between two */
	if (at < n && best < k[at].h * 0.75 && second > k[at].h * 1.1)
		k[at].circled = 1;
}

static int
find_circles(PIX *b, double ppm, int ltr, box *k, size_t n)
{
	BOXA *cc = pixConnCompBB(b, 8);
	l_int32 i, cnt, x, y, w, h;
	size_t j;

	int gap[2] = {0, 0};

	if (cc == NULL)
		return -1;
	/* where the labels start, per column: the median distance from a box
	 * to the first ink on its line (most boxes have no ring round their
	 * label); a ring's end is before it, a block of text starts there */
	{
		int d[2][64], nd[2] = {0, 0}, c, p, q, t;
		for (j = 0; j < n; j++) {
			int at, x0;
			if (k[j].missing || nd[k[j].col] >= 64)
				continue;
			for (at = k[j].w / 4; at < k[j].w * 4; at++) {
				x0 = ltr ? k[j].x + k[j].w + at : k[j].x - at - 1;
				if (ink_in(b, x0, k[j].y + k[j].h / 10, 1, k[j].h * 8 / 10) > 0)
					break;
			}
			d[k[j].col][nd[k[j].col]++] = at;
		}
		for (c = 0; c < 2; c++) {
			for (p = 1; p < nd[c]; p++)
				for (q = p; q > 0 && d[c][q - 1] > d[c][q]; q--)
					t = d[c][q], d[c][q] = d[c][q - 1], d[c][q - 1] = t;
			gap[c] = nd[c] > 0 ? d[c][nd[c] / 2] : 0;
		}
	}
	cnt = boxaGetCount(cc);
	for (i = 0; i < cnt; i++) {
		boxaGetBoxGeometry(cc, i, &x, &y, &w, &h);
		if (w >= 20 * ppm)
			ring_at(b, ppm, ltr, k, n, gap, x, y, w, h);
		if (w < 8 * ppm)
			continue;
		/* a ring broken where the pen's pressure dropped: its arcs (each
		 * 8 mm wide or more) taken together while they touch, 2 mm apart
		 * at most, and stay under 4.5 boxes high */
		{
			l_int32 ux = x, uy = y, ur = x + w, ub = y + h, c, cx, cy, cw, ch;
			int grown = 1, pass, parts = 1;
			for (pass = 0; grown && pass < 4; pass++) {
				grown = 0;
				for (c = 0; c < cnt; c++) {
					l_int32 nx, ny, nr, nb2;
					boxaGetBoxGeometry(cc, c, &cx, &cy, &cw, &ch);
					if (cw < 8 * ppm || (cx >= ux && cx + cw <= ur && cy >= uy && cy + ch <= ub))
						continue;
					if (cx > ur + 2 * ppm || cx + cw < ux - 2 * ppm || cy > ub || cy + ch < uy)
						continue;
					nx = cx < ux ? cx : ux;
					ny = cy < uy ? cy : uy;
					nr = cx + cw > ur ? cx + cw : ur;
					nb2 = cy + ch > ub ? cy + ch : ub;
					if (nb2 - ny > 14 * ppm)
						continue;
					ux = nx, uy = ny, ur = nr, ub = nb2;
					grown = 1;
					parts++;
				}
			}
			if (parts > 1 && ur - ux >= 20 * ppm)
				ring_at(b, ppm, ltr, k, n, gap, ux, uy, ur - ux, ub - uy);
		}
	}
	boxaDestroy(&cc);
	return 0;
}

/* ---- the signature ------------------------------------------------------ */

/* Ink in the signature area of the form's last page: below the table's last
 * rule, the closing line ("Yours faithfully"), then 12.7 mm of space the
 * form leaves for the signature above the name.  b: the ink without the
 * rules; rules: the long lines; [left, right) the text width; from: the row
 * under the last box.  1 ink there, 0 visibly empty, -1 not found. */
static int
signature_ink(PIX *b, PIX *rules, double ppm, int left, int right, int from, int bottom, int *zone)
{
	int W = pixGetWidth(b), y, rule = -1, band0 = -1, band1 = -1, z0, z1;
	double f;

	if (left < 0)
		left = 0;
	if (right > W)
		right = W;
	if (right - left < 50 * ppm)
		return -1;
	/* the table's last rule: a row of long line across most of the width */
	for (y = from; y < bottom; y++)
		if (ink_in(rules, left, y, right - left, 1) > 0.5)
			rule = y;
	if (rule < 0)
		return -1;
	while (rule < bottom && ink_in(rules, left, rule, right - left, 1) > 0.5)
		rule++;
	/* the closing line: the first band of ink under it */
	for (y = rule + (int)ppm; y < bottom && y < rule + (int)(30 * ppm); y++) {
		int inked = ink_in(b, left, y, right - left, 1) * (right - left) >= 3;
		if (band0 < 0 && inked)
			band0 = y;
		else if (band0 >= 0 && !inked) {
			band1 = y;
			break;
		}
	}
	if (band0 < 0 || band1 < 0 || band1 - band0 > 8 * ppm)
		return -1;
	z0 = band1 + (int)(1.5 * ppm);
	z1 = band1 + (int)(11 * ppm);
	if (z1 > bottom)
		return -1;
	zone[0] = left;
	zone[1] = z0;
	zone[2] = right - left;
	zone[3] = z1 - z0;
	f = ink_in(b, left, z0, right - left, z1 - z0);
	return f >= 0.002 ? 1 : f <= 0.0003 ? 0 : -1;
}

/* ---- debug images (annex2 read --debug-images DIR) ----------------------- */

static char *debug_dir;              /* set once, before reading */
static _Thread_local const char *debug_name;

int
a2_scan_set_debug_dir(const char *dir)
{
	free(debug_dir);
	debug_dir = NULL;
	if (dir != NULL && (debug_dir = a2_strdup(dir)) == NULL)
		return -1;
	return 0;
}

/* A page asked for by a2_scan_page_png (at the end): the one that holds
 * text `text` (1-based; 0 the first page read), drawn and kept here. */
static _Thread_local struct capture {
	int text;
	PIX *pix;
} *capture;

/* The page as read (upright, deskewed) in colour, each box drawn in the
 * colour of its state with its ink inside and around, labelled; the four
 * boxes of text `text` (1-based, 0 none) framed in blue.  NULL: no memory. */
static PIX *
draw_page(PIX *d, const page *pg, int text)
{
	static const l_uint8 col[][3] = {{0, 160, 0}, {220, 0, 0}, {255, 140, 0}, {0, 0, 255}, {200, 0, 200}};
	static const char *const word[] = {"empty", "MARK", "UNCLEAR", "BESIDE", "DENSE"};
	PIX *c;
	L_BMF *font;
	char label[96];
	size_t i;

	if (d == NULL || (c = pixConvertTo32(d)) == NULL)
		return NULL;
	font = bmfCreate(NULL, 6);
	for (i = 0; i < pg->n_boxes; i++) {
		const box *k = &pg->boxes[i];
		BOX *r;
		int st = k->state;
		if (k->missing)
			continue;
		r = boxCreate(k->x, k->y, k->w, k->h);
		pixRenderBoxArb(c, r, 3, col[st][0], col[st][1], col[st][2]);
		boxDestroy(&r);
		snprintf(label, sizeof(label), "%zu %s in %.3f ring %.3f", i + 1, word[st], k->in, k->ring);
		if (font != NULL)
			pixSetTextline(c, font, label, (l_uint32)col[st][0] << 24 | (l_uint32)col[st][1] << 16 |
			    (l_uint32)col[st][2] << 8, k->x + k->w + 6,
			    k->y - 4, NULL, NULL);
	}
	if (text > 0 && pg->has_qr && text >= pg->qr.first && text <= pg->qr.last &&
	    pg->n_boxes == (size_t)(pg->qr.last - pg->qr.first + 1) * 4) {
		/* the text's own boxes, when the page's boxes are the texts' */
		const box *g = &pg->boxes[(size_t)(text - pg->qr.first) * 4];
		int x1 = g[0].x, y1 = g[0].y, x2 = g[0].x + g[0].w, y2 = g[0].y + g[0].h, m = (int)(pg->ppm * 2);
		BOX *r;
		for (i = 1; i < 4; i++) {
			if (g[i].missing)   /* an option box not found: no place */
				continue;
			x1 = g[i].x < x1 ? g[i].x : x1;
			y1 = g[i].y < y1 ? g[i].y : y1;
			x2 = g[i].x + g[i].w > x2 ? g[i].x + g[i].w : x2;
			y2 = g[i].y + g[i].h > y2 ? g[i].y + g[i].h : y2;
		}
		if ((r = boxCreate(x1 - m, y1 - m, x2 - x1 + 2 * m, y2 - y1 + 2 * m)) != NULL)
			pixRenderBoxArb(c, r, 4, 9, 105, 218);
		boxDestroy(&r);
	}
	if (pg->signed_ink >= 0) {
		BOX *r = boxCreate(pg->sig_zone[0], pg->sig_zone[1], pg->sig_zone[2], pg->sig_zone[3]);
		pixRenderBoxArb(c, r, 3, 0, 0, 255);
		boxDestroy(&r);
		if (font != NULL)
			pixSetTextline(c, font, pg->signed_ink ? "signature: ink" : "signature: empty", 0x0000ff00,
			    pg->sig_zone[0] + 6, pg->sig_zone[1] - 4, NULL, NULL);
	}
	snprintf(label, sizeof(label), "form page %d, turned %d, skew %.2f, %zu boxes%s",
	    pg->has_qr ? pg->qr.page : 0, pg->rotation, pg->skew, pg->n_boxes,
	    pg->fiducials ? "" : ", no fiducials");
	if (font != NULL)
		pixSetTextline(c, font, label, 0xff000000, 20, 30, NULL, NULL);
	bmfDestroy(&font);
	return c;
}

/* DIR/<file name>.p<N>.png: the page drawn (draw_page); or, for
 * a2_scan_page_png, the page it asks for kept. */
static void
debug_page(PIX *d, const page *pg, int n)
{
	PIX *c;
	char path[4096];
	const char *base;
	l_uint8 *png = NULL;
	size_t len = 0;
	a2_error err;

	if (capture != NULL) {
		if (capture->pix == NULL && (capture->text == 0 ? n == 1 :
		    pg->has_qr && capture->text >= pg->qr.first && capture->text <= pg->qr.last))
			capture->pix = draw_page(d, pg, capture->text);
		return;
	}
	if (debug_dir == NULL || debug_name == NULL || (c = draw_page(d, pg, 0)) == NULL)
		return;
	base = strrchr(debug_name, '/') ? strrchr(debug_name, '/') + 1 : debug_name;
	snprintf(path, sizeof(path), "%s/%s.p%d.png", debug_dir, base, n);
	a2_error_clear(&err);
	if (pixWriteMemPng(&png, &len, c, 0) == 0)
		a2_write_atomic(path, png, len, 1, &err);
	free(png);
	pixDestroy(&c);
}

/* ---- one page ----------------------------------------------------------- */

static PIX *
to_gray_square(PIX *src)
{
	PIX *g = pixConvertTo8(src, 0), *s;
	l_int32 xr = pixGetXRes(src), yr = pixGetYRes(src);

	if (g == NULL)
		return NULL;
	if (xr > 0 && yr > 0 && xr != yr) {
		s = pixScale(g, 1.0f, (l_float32)xr / (l_float32)yr);
		pixDestroy(&g);
		g = s;
		if (g != NULL)
			pixSetResolution(g, xr, xr);
	}
	return g;
}

static int
read_page(PIX *src, page *pg, int n)
{
	PIX *g = NULL, *r = NULL, *d = NULL, *b = NULL, *lines = NULL, *bc = NULL, *lc = NULL;
	int orient = 0, rc = -1, top, bottom, lx = 0, rx = 0, low_res;
	l_float32 angle = 0, conf = 0;
	double ppm;
	size_t i;

	memset(pg, 0, sizeof(*pg));
	pg->signed_ink = -1;
	if ((g = to_gray_square(src)) == NULL)
		goto out;
	if (pixGetWidth(g) > 2600) {
		/* over about 310 dpi: to 300, all the detail the marks need */
		PIX *s = pixScale(g, 2480.0f / (l_float32)pixGetWidth(g), 2480.0f / (l_float32)pixGetWidth(g));
		if (s == NULL)
			goto out;
		pixDestroy(&g);
		g = s;
	}
	/* twice the size only helps a page scanned under 180 dpi (one without
	 * a resolution: by its width) */
	low_res = pixGetXRes(src) > 0 ? pixGetXRes(src) < 180 || (pixGetYRes(src) > 0 && pixGetYRes(src) < 180)
	                              : pixGetWidth(src) < 1400;
	pg->has_qr = find_qr_any(g, low_res, &pg->qr, &orient);
	if (!pg->has_qr && pixGetXRes(src) != pixGetYRes(src)) {
		/* a fax: its code may read better in its own pixels */
		PIX *s8 = pixConvertTo8(src, 0);
		pg->has_qr = s8 != NULL && find_qr_any(s8, 1, &pg->qr, &orient);
		pixDestroy(&s8);
	}
	if (!pg->has_qr) {
		debug_page(g, pg, n);
		if (n <= A2_SCAN_OCR_PAGES)   /* the pages OCR may read, not a 20-page file's */
			pg->gray = pixClone(g);
		rc = 0;
		goto out;
	}
	pg->rotation = ((4 - orient) % 4) * 90;
	r = orient ? pixRotateOrth(g, (4 - orient) % 4) : pixClone(g);
	if (r == NULL)
		goto out;
	d = pixFindSkewAndDeskew(r, 2, &angle, &conf);
	if (d == NULL)
		d = pixClone(r);
	pg->skew = conf > 2.0 ? angle : 0;
	if (pixGetWidth(d) < 1500) {
		/* under about 180 dpi: to 200 dpi, so that a box's thin sides
		 * stay lines */
		PIX *u = pixScale(d, 1654.0f / (l_float32)pixGetWidth(d), 1654.0f / (l_float32)pixGetWidth(d));
		if (u == NULL)
			goto out;
		pixDestroy(&d);
		d = u;
	}
	/* the printed lines found on a lighter threshold than the ink is
	 * measured with: a thin grey side is still a side */
	if (a2_scan_binarize(d, &b, &lines) != 0)
		goto out;
	ppm = pixGetWidth(b) / 210.0;   /* an A4 page scanned whole */
	top = 0;
	bottom = pixGetHeight(b);
	pg->fiducials = find_fiducials(b, ppm, &top, &bottom, &ppm, &lx, &rx);
	pg->ppm = ppm;
	if (grid_boxes(lines, ppm, top, bottom, pg->qr.first ? pg->qr.last - pg->qr.first + 1 : 0,
	    strcmp(pg->qr.lang, "ar") != 0, &pg->boxes, &pg->n_boxes) != 0)
		goto out;
	if ((bc = without_rules(b, ppm)) == NULL || (lc = without_rules(lines, ppm)) == NULL)
		goto out;
	for (i = 0; i < pg->n_boxes; i++)
		measure(bc, lc, &pg->boxes[i], pg->n_boxes >= 2 && pg->boxes[1].x > pg->boxes[0].x);
	if (pg->n_boxes >= 2) {
		/* a ring drawn lightly breaks where the pen's pressure drops: it
		 * is looked for again on the lighter threshold, its gaps closed */
		int ltr = pg->boxes[1].x > pg->boxes[0].x, cl = (int)(0.5 * ppm) | 1;
		PIX *lcc = pixCloseSafeBrick(NULL, lc, cl, cl);
		int bad = lcc == NULL || find_circles(bc, ppm, ltr, pg->boxes, pg->n_boxes) != 0 ||
		    find_circles(lcc, ppm, ltr, pg->boxes, pg->n_boxes) != 0;
		pixDestroy(&lcc);
		if (bad)
			goto out;
	}
	for (i = 0; i < pg->n_boxes; i++)
		if (pg->boxes[i].circled && pg->boxes[i].state == B_EMPTY)
			pg->boxes[i].state = B_BESIDE;   /* its label circled: the mark is its */
	if (pg->qr.page == pg->qr.pages && pg->fiducials) {
		/* the last page carries the signature */
		PIX *rules = pixSubtract(NULL, b, bc);
		int from = top;
		for (i = 0; i < pg->n_boxes; i++)
			if (pg->boxes[i].y + pg->boxes[i].h > from)
				from = pg->boxes[i].y + pg->boxes[i].h;
		if (rules != NULL)
			pg->signed_ink = signature_ink(bc, rules, ppm, lx, rx, from, bottom, pg->sig_zone);
		pixDestroy(&rules);
	}
	debug_page(d, pg, n);
	rc = 0;
out:
	pixDestroy(&g);
	pixDestroy(&r);
	pixDestroy(&d);
	pixDestroy(&b);
	pixDestroy(&lines);
	pixDestroy(&bc);
	pixDestroy(&lc);
	return rc;
}

/* ---- deciding ----------------------------------------------------------- */

static const char *const st_words[] = {"empty", "marked", "a faint mark or smudge",
	"a mark beside it", "filled or scribbled out"};

/* confidence that a box is what its state says */
static double
conf_of(const box *k)
{
	switch (k->state) {
	case B_EMPTY: return 1.0 - k->in / IN_EMPTY * 0.3 - k->near / NEAR_MARK * 0.3;
	case B_MARK: return fmin(1.0, 0.7 + 0.3 * fmax(0, fmax((k->in - IN_MARK) / IN_MARK,
	                                                     (k->near - NEAR_MARK) / NEAR_MARK)));
	case B_DENSE: return 0.9;
	case B_BESIDE: return k->circled ? 0.75 : fmin(0.85, 0.6 + (k->col ? k->away : k->lab));
	default: return 0.3;
	}
}

static int
is_marked(int s)
{
	return s == B_MARK || s == B_DENSE || s == B_BESIDE;
}

/* A box inked over and far around it: scribbled out. */
static int
scribbled(const box *k)
{
	return k->state == B_DENSE && k->near >= SCRIB_NEAR && k->halo >= SCRIB_HALO;
}

/* Two boxes that may be one answer against the other: which one (0, 1),
 * -1 none, -2 both, -3 unclear; *why the unclear case, *conf. */
static int
pick(const box *a, const box *b, const char **why, double *conf)
{
	int ma = is_marked(a->state), mb = is_marked(b->state);

	*why = NULL;
	*conf = fmin(conf_of(a), conf_of(b));
	if (a->state == B_UNSURE || b->state == B_UNSURE) {
		static const char *const whys[] = {
			"a faint mark, a stray stroke or a smudge in a box",
			"a dot in a box, not a mark across it",
			"a mark as near one box as the other",
			"a stray stroke or a small mark at a box",
			"a very faint mark or a smudge in a box"};
		const box *u = a->state == B_UNSURE ? a : b;
		*why = whys[u->unsure >= 0 && u->unsure <= U_FAINT ? u->unsure : 0];
		return -3;
	}
	if (scribbled(a) || scribbled(b)) {
		/* scribbled out: cancelled; the other box's mark, if it is one
		 * (a mark or a box filled inside its outline), the answer */
		const box *o = scribbled(a) ? b : a;
		if ((o->state == B_MARK || o->state == B_DENSE) && !scribbled(o)) {
			*conf = fmin(0.75, conf_of(o));
			return o == a ? 0 : 1;
		}
		*why = o->state == B_EMPTY ? "a box scribbled out and no other mark"
		                           : "a box scribbled out and the other not clearly marked";
		return -3;
	}
	if (ma && mb) {
		if ((a->state == B_DENSE && b->state == B_MARK) ||
		    (b->state == B_DENSE && a->state == B_MARK)) {
			/* a filled box beside a marked one: filled may be the mark
			 * (a box inked in) or its cancellation (scribbled out); the
			 * page cannot tell which, a person can */
			*why = "one box filled or scribbled out and the other marked: "
			    "a filled box may be the answer or a cancelled one";
			return -3;
		}
		if (a->state == B_BESIDE || b->state == B_BESIDE) {
			*why = "a mark beside one box and a mark in or beside the other";
			return -3;
		}
		return -2;
	}
	if (!ma && !mb)
		return -1;
	return ma ? 0 : 1;
}

static int
set_text(a2_record *r, size_t idx, const box *k, int ntexts_box_ok)
{
	a2_answer *a = &r->texts[idx];
	const box *A, *N, *T, *D;   /* k NULL when !ntexts_box_ok */
	const char *why;
	double conf, oconf;
	int v, o;
	char recn[32];

	snprintf(recn, sizeof(recn), "#%zu", idx + 1);
	a->has_confidence = 1;
	if ((a->evidence = a2_strdup("scan")) == NULL)
		return -1;
	if (!ntexts_box_ok) {
		a->status = A2_ST_UNCLEAR;
		a->confidence = 0;
		return a2_record_add_problem(r, "unclear", recn,
		    "the boxes of this text were not all found on the page image: a person must read it");
	}
	A = &k[0], N = &k[1], T = &k[2], D = &k[3];
	v = pick(A, D, &why, &conf);
	a->confidence = conf;
	if (v == -3 || (v >= 0 && conf < CONF_MIN)) {
		a->status = A2_ST_UNCLEAR;
		return a2_record_add_problem(r, "unclear", recn, "%s (assigns: %s, ink %.2f; does not assign: %s, ink %.2f)",
		    why ? why : "a mark not clear enough to be read with confidence",
		    st_words[A->state], A->in, st_words[D->state], D->in);
	}
	if (v == -1) {
		a->status = A2_ST_MISSING;
		return a2_record_add_problem(r, "missing", recn, "no box of this text is marked on the page image");
	}
	if (v == -2) {
		a->status = A2_ST_CONFLICT;
		return a2_record_add_problem(r, "conflict", recn, "both boxes are marked on the page image");
	}
	a->status = A2_ST_OK;
	if (v == 1) {
		a->authority = A2_AUTH_NOT;
		/* an option marked with "does not assign" */
		if (!N->missing && !T->missing && (is_marked(N->state) || is_marked(T->state))) {
			a->status = A2_ST_CONFLICT;
			a->authority = A2_AUTH_NULL;
			return a2_record_add_problem(r, "conflict", recn,
			    "\"does not assign\" is marked together with an option of \"assigns\"");
		}
		return 0;
	}
	a->authority = A2_AUTH_ASSIGNS;
	if (N->missing || T->missing)
		return a2_record_add_problem(r, "option-unclear", recn,
		    "the boxes of the options were not both found on the page image: a person must read them");
	o = pick(N, T, &why, &oconf);
	if (o == 0 || o == 1) {
		if (oconf < CONF_MIN)
			return a2_record_add_problem(r, "option-unclear", recn,
			    "the option's mark is not clear enough to be read with confidence");
		a->comments = o == 0 ? A2_COM_NONE : A2_COM_ATTACHED;
		return 0;
	}
	if (o == -1)
		return a2_record_add_problem(r, "option-missing", recn, "no option of \"assigns\" is marked");
	if (o == -2)
		return a2_record_add_problem(r, "option-conflict", recn, "both options of \"assigns\" are marked");
	return a2_record_add_problem(r, "option-unclear", recn, "%s", why);
}

/* Four boxes in reading order that are one text's: the vote's column, the
 * options' twice, the vote's; the options one line apart (3 to 9 mm), each
 * step down 3 to 40 mm. */
static int
group_ok(const box *g, double ppm)
{
	if (g[0].col != 0 || g[1].col != 1 || g[2].col != 1 || g[3].col != 0)
		return 0;
	if (g[3].y - g[0].y < 9 * ppm || g[3].y - g[0].y > 80 * ppm)
		return 0;
	if (g[1].missing || g[2].missing)
		return 1;   /* the vote alone (its options not read) */
	if (g[2].y - g[1].y < 3 * ppm || g[2].y - g[1].y > 16 * ppm ||
	    g[1].y - g[0].y < 3 * ppm || g[1].y - g[0].y > 40 * ppm ||
	    g[3].y - g[2].y < 3 * ppm || g[3].y - g[2].y > 40 * ppm)
		return 0;
	return 1;
}

/* ---- the document ------------------------------------------------------- */

static void
pages_free(page *pg, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(pg[i].boxes);
		pixDestroy(&pg[i].gray);
	}
	free(pg);
}

/* The partial record of the pages (texts by index, pages, problems) and
 * the identifiers of the QR code as the document's properties. */
static a2_doc *
decide(page *pg, size_t n, a2_format format, a2_error *err)
{
	a2_doc *doc = a2_doc_new(format);
	a2_record *r = NULL;
	const a2_scan_qr *q0 = NULL;
	int maxt = 0, p, k;
	size_t i, j;
	box *joined = NULL;

	if (doc == NULL || (r = calloc(1, sizeof(*r))) == NULL)
		goto nomem;
	a2_record_init(r);
	r->sig_signed = -1;
	for (i = 0; i < n; i++)
		if (pg[i].has_qr && pg[i].qr.page == pg[i].qr.pages && pg[i].signed_ink >= 0)
			r->sig_signed = pg[i].signed_ink;
	doc->scan = r;
	if ((r->pages = calloc(n ? n : 1, sizeof(*r->pages))) == NULL)
		goto nomem;
	r->n_pages = n;
	for (i = 0; i < n; i++) {
		r->pages[i].rotation = pg[i].rotation;
		r->pages[i].skew = round(pg[i].skew * 100) / 100;
		if (pg[i].has_qr) {
			if (q0 == NULL)
				q0 = &pg[i].qr;
			r->pages[i].form_page = pg[i].qr.page;
			if (pg[i].qr.last > maxt)
				maxt = pg[i].qr.last;
		}
		if ((r->pages[i].what = a2_strdup(pg[i].has_qr ? "form" : "not-form")) == NULL)
			goto nomem;
	}
	if (q0 == NULL && a2_ocr_available(NULL) == 0) {
		/* no page carries the QR code: the words and boxes through OCR */
		PIX **grays = calloc(n ? n : 1, sizeof(*grays));
		a2_doc *od;
		if (grays == NULL)
			goto nomem;
		for (i = 0; i < n; i++)
			grays[i] = pg[i].gray;
		od = a2_scan_ocr_lower(grays, n, format, err);
		free(grays);
		a2_doc_free(doc);
		return od;
	}
	if (q0 == NULL) {
		doc->image_only = 1;
		if (a2_doc_add_note(doc, "scan-no-qr", "no page carries the QR code of a generated "
		    "form (the Secretariat's own form or another edition: its reading by OCR is not "
		    "done yet); a person must read it") != 0)
			goto nomem;
		return doc;
	}
	if (a2_doc_add_prop(doc, A2_PROP_CONSULTATION, q0->consultation) != 0 ||
	    a2_doc_add_prop(doc, A2_PROP_STATE, q0->iso3) != 0 ||
	    (q0->version[0] && a2_doc_add_prop(doc, A2_PROP_VERSION, q0->version) != 0) ||
	    (r->lang = a2_strdup(q0->lang)) == NULL)
		goto nomem;
	if ((r->texts = calloc((size_t)maxt + 1, sizeof(a2_answer))) == NULL)
		goto nomem;
	r->n_texts = (size_t)maxt;
	/* each form page: the boxes of every input page with its code, joined
	 * in input order (a page that overflowed onto the next) */
	for (p = 1; p <= q0->pages; p++) {
		size_t nb = 0, seen = 0;
		double ppm_of = 8;
		const a2_scan_qr *q = NULL;
		free(joined);
		joined = NULL;
		for (i = 0; i < n; i++) {
			if (!pg[i].has_qr || pg[i].qr.page != p || strcmp(pg[i].qr.iso3, q0->iso3) != 0)
				continue;
			seen++;
			q = &pg[i].qr;
			ppm_of = pg[i].ppm;
			{
				box *nbx = realloc(joined, (nb + pg[i].n_boxes + 1) * sizeof(*joined));
				if (nbx == NULL)
					goto nomem;
				joined = nbx;
			}
			for (j = 0; j < pg[i].n_boxes; j++)
				joined[nb++] = pg[i].boxes[j];
		}
		if (q == NULL || q->first == 0)
			continue;
		if (seen > 1 && a2_doc_add_note(doc, "unclear", "page %d of the form is on %zu pages of "
		    "the file (scanned twice, or its content ran onto a second sheet): its texts are "
		    "not read", p, seen) != 0)
			goto nomem;
		{
			/* every text's 4 boxes found, in order, and no box more: a
			 * box not found (a heavy cross breaks its outline) or one too
			 * many (a glyph taken for a box) shifts the boxes from one
			 * text or option to another, so then no text of the page is
			 * read: never a vote read from the wrong box */
			int nt = q->last - q->first + 1, t;
			const box **at = calloc((size_t)nt, sizeof(*at));
			if (at == NULL)
				goto nomem;
			if (seen == 1 && nb == (size_t)nt * 4) {
				for (t = 0; t < nt && group_ok(&joined[(size_t)t * 4], ppm_of); t++)
					at[t] = &joined[(size_t)t * 4];
				if (t < nt)
					memset(at, 0, (size_t)nt * sizeof(*at));
			}
			for (k = q->first; k <= q->last; k++)
				if (set_text(r, (size_t)k - 1, at[k - q->first], at[k - q->first] != NULL) != 0) {
					free(at);
					goto nomem;
				}
			free(at);
		}
	}
	free(joined);
	return doc;
nomem:
	free(joined);
	a2_doc_free(doc);
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return NULL;
}

/* ---- inputs ------------------------------------------------------------- */

static uint32_t
rd32(const unsigned char *p, int le)
{
	return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
	          : (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}

static uint32_t
rd16(const unsigned char *p, int le)
{
	return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 : (uint32_t)p[1] | (uint32_t)p[0] << 8;
}

/* Walks a classic TIFF's chain of directories without decoding anything:
 * the page count and each page's size, checked against the limits. */
static int
tiff_pages(const unsigned char *d, size_t len, int *pages, a2_error *err)
{
	int le, n = 0;
	uint32_t off;

	if (len < 8)
		return a2_error_set(err, A2_ERR_CORRUPT, "a TIFF file cut short (%zu bytes)", len);
	le = d[0] == 'I';
	if (rd16(d + 2, le) != 42)
		return a2_error_set(err, A2_ERR_UNSUPPORTED, "a BigTIFF or unknown TIFF variant");
	off = rd32(d + 4, le);
	while (off != 0) {
		uint32_t cnt, i, w = 0, h = 0, spp = 1;
		if (off > len - 2 || off < 8)
			return a2_error_set(err, A2_ERR_CORRUPT, "a TIFF directory outside the file");
		cnt = rd16(d + off, le);
		if ((size_t)off + 2 + (size_t)cnt * 12 + 4 > len)
			return a2_error_set(err, A2_ERR_CORRUPT, "a TIFF directory cut short");
		for (i = 0; i < cnt; i++) {
			const unsigned char *e = d + off + 2 + i * 12;
			uint32_t tag = rd16(e, le), type = rd16(e + 2, le);
			uint32_t v = type == 3 ? rd16(e + 8, le) : rd32(e + 8, le);
			if (tag == 256) w = v;
			if (tag == 257) h = v;
			if (tag == 277) spp = v;
		}
		if (w == 0 || h == 0)
			return a2_error_set(err, A2_ERR_CORRUPT, "a TIFF page of %u x %u pixels", w, h);
		if ((double)w * h > (spp > 1 ? A2_SCAN_MAX_COLOR : A2_SCAN_MAX_PIXELS))
			return a2_error_set(err, A2_ERR_LIMIT, "a TIFF page of %u x %u pixels%s, over the limit of %ld",
			    w, h, spp > 1 ? " in colour" : "", spp > 1 ? (long)A2_SCAN_MAX_COLOR : (long)A2_SCAN_MAX_PIXELS);
		if (++n > A2_SCAN_MAX_PAGES)
			return a2_error_set(err, A2_ERR_LIMIT, "a TIFF of more than %d pages", A2_SCAN_MAX_PAGES);
		off = rd32(d + off + 2 + cnt * 12, le);
	}
	if (n == 0)
		return a2_error_set(err, A2_ERR_CORRUPT, "a TIFF without a page");
	*pages = n;
	return 0;
}

/* A JPEG's frame size from its SOFn marker, the segments walked without
 * decoding: 0, or -1 when there is none. */
static int
jpeg_size(const unsigned char *d, size_t len, int *w, int *h)
{
	size_t at = 2;

	while (at + 4 <= len) {
		unsigned m, seg;
		if (d[at] != 0xFF)
			return -1;
		m = d[at + 1];
		if (m == 0xFF) {
			at++;
			continue;
		}
		if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
			at += 2;
			continue;
		}
		if (m == 0xD9 || m == 0xDA)
			return -1;
		seg = (unsigned)d[at + 2] << 8 | d[at + 3];
		if (seg < 2 || at + 2 + seg > len)
			return -1;
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (seg < 7)
				return -1;
			*h = d[at + 5] << 8 | d[at + 6];
			*w = d[at + 7] << 8 | d[at + 8];
			return 0;
		}
		at += 2 + seg;
	}
	return -1;
}

static void
quiet(void)
{
	static int done;

	if (!done) {
		setMsgSeverity(L_SEVERITY_NONE);
		done = 1;
	}
}

a2_doc *
a2_scan_lower(const char *name, const void *data, size_t len, a2_format format, const a2_limits *lim,
              a2_error *err)
{
	const unsigned char *d = data;
	page *pg = NULL;
	int n = 1, i;
	l_int32 fmt, w, h, bps, spp = 1, cmap, reduce = 1;
	a2_doc *doc;

	(void)lim;
	quiet();
	debug_name = name;
	if (format == A2_FMT_TIFF) {
		if (tiff_pages(d, len, &n, err) != 0)
			return NULL;
	} else {
		if (format == A2_FMT_JPEG ? jpeg_size(d, len, &w, &h) != 0 :
		    pixReadHeaderMem(d, len, &fmt, &w, &h, &bps, &spp, &cmap) != 0)
			return (a2_error_set(err, A2_ERR_CORRUPT, "an image whose header cannot be read"), NULL);
		if (w <= 0 || h <= 0)
			return (a2_error_set(err, A2_ERR_CORRUPT, "an image of %d x %d pixels", w, h), NULL);
		/* a JPEG is decoded as its luminance, reduced by up to 8 */
		if (format == A2_FMT_JPEG) {
			while (reduce < 8 && w / reduce > 2600)
				reduce *= 2;
			if ((double)(w / reduce) * (h / reduce) > A2_SCAN_MAX_PIXELS)
				return (a2_error_set(err, A2_ERR_LIMIT, "an image of %d x %d pixels: over the limit "
				    "of %ld even decoded at 1/8", w, h, (long)A2_SCAN_MAX_PIXELS), NULL);
		} else if ((double)w * h > (spp > 1 ? A2_SCAN_MAX_COLOR : A2_SCAN_MAX_PIXELS)) {
			return (a2_error_set(err, A2_ERR_LIMIT, "an image of %d x %d pixels%s, over the limit of %ld",
			    w, h, spp > 1 ? " in colour" : "", spp > 1 ? (long)A2_SCAN_MAX_COLOR : (long)A2_SCAN_MAX_PIXELS), NULL);
		}
	}
	if ((pg = calloc((size_t)n, sizeof(*pg))) == NULL)
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	for (i = 0; i < n; i++) {
		PIX *p = format == A2_FMT_TIFF ? pixReadMemTiff(d, len, i) :
		    format == A2_FMT_JPEG ? pixReadMemJpeg(d, len, 0, reduce, NULL, L_JPEG_READ_LUMINANCE) :
		    pixReadMem(d, len);
		if (p == NULL) {
			pages_free(pg, (size_t)n);
			return (a2_error_set(err, A2_ERR_CORRUPT, "page %d of the image cannot be decoded", i + 1), NULL);
		}
		if (read_page(p, &pg[i], i + 1) != 0) {
			pixDestroy(&p);
			pages_free(pg, (size_t)n);
			return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
		}
		pixDestroy(&p);
	}
	doc = decide(pg, (size_t)n, format, err);
	pages_free(pg, (size_t)n);
	debug_name = NULL;   /* not the name of the next file of this thread */
	return doc;
}

a2_doc *
a2_scan_lower_pages(const a2_scan_gray *gp, size_t n, a2_format format, a2_error *err)
{
	page *pg;
	size_t i;
	a2_doc *doc;
	int x, y;

	quiet();
	if ((pg = calloc(n ? n : 1, sizeof(*pg))) == NULL)
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	for (i = 0; i < n; i++) {
		PIX *p = pixCreate(gp[i].w, gp[i].h, 8);
		int rc;
		if (p == NULL) {
			pages_free(pg, n);
			return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
		}
		pixSetResolution(p, (l_int32)gp[i].dpi, (l_int32)gp[i].dpi);
		for (y = 0; y < gp[i].h; y++) {
			l_uint32 *line = pixGetData(p) + (size_t)y * (size_t)pixGetWpl(p);
			for (x = 0; x < gp[i].w; x++)
				SET_DATA_BYTE(line, x, gp[i].data[(size_t)y * (size_t)gp[i].stride + (size_t)x]);
		}
		rc = read_page(p, &pg[i], (int)i + 1);
		pixDestroy(&p);
		if (rc != 0) {
			pages_free(pg, n);
			return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
		}
	}
	doc = decide(pg, n, format, err);
	pages_free(pg, n);
	return doc;
}

/* ---- the review page's image of a scanned reply (annex2/render.h) ------- */

int
a2_scan_page_png(const char *name, const void *data, size_t len, size_t text, double scale,
                 unsigned char **png, size_t *png_len, int *iw, int *ih, a2_error *err)
{
	struct capture cap = {0, NULL};
	a2_limits lim;
	a2_doc *doc;
	PIX *s;
	l_uint8 *mem = NULL;
	size_t mlen = 0;
	double f;

	*png = NULL;
	*png_len = 0;
	if (iw != NULL)
		*iw = 0;
	if (ih != NULL)
		*ih = 0;
	if (text > 10000)
		return a2_error_set(err, A2_ERR_USAGE, "no text %zu in a form", text);
	cap.text = (int)text;
	a2_limits_default(&lim);
	/* read again as the reader did, the asked page kept when drawn */
	capture = &cap;
	doc = a2_doc_open_mem(name, data, len, &lim, err);
	capture = NULL;
	if (doc == NULL) {
		pixDestroy(&cap.pix);
		return -1;
	}
	a2_doc_free(doc);
	if (cap.pix == NULL)
		return a2_error_set(err, A2_ERR_UNSUPPORTED, "no page image of the file holds text %zu "
		    "(not a scan, or its form page was not found)", text);
	/* scale: pixels a point of an A4 page's width; at most 8 million pixels */
	if (!(scale >= 0.25))
		scale = 0.25;
	if (scale > 4)
		scale = 4;
	f = 595.0 * scale / pixGetWidth(cap.pix);
	if ((double)pixGetWidth(cap.pix) * pixGetHeight(cap.pix) * f * f > 8e6)
		f = sqrt(8e6 / ((double)pixGetWidth(cap.pix) * pixGetHeight(cap.pix)));
	s = f < 0.98 || f > 1.02 ? pixScale(cap.pix, (l_float32)f, (l_float32)f) : pixClone(cap.pix);
	pixDestroy(&cap.pix);
	if (s == NULL || pixWriteMemPng(&mem, &mlen, s, 0) != 0) {
		pixDestroy(&s);
		free(mem);
		return a2_error_set(err, A2_ERR_NOMEM, "the page image could not be made (out of memory)");
	}
	if (iw != NULL)
		*iw = pixGetWidth(s);
	if (ih != NULL)
		*ih = pixGetHeight(s);
	pixDestroy(&s);
	*png = mem;
	*png_len = mlen;
	return 0;
}

/* ---- for the OCR path (read/scan/scanint.h) ----------------------------- */

int
a2_scan_binarize(PIX *d, PIX **ink, PIX **lines)
{
	*ink = pixThresholdToBinary(d, INK_GRAY);
	*lines = pixThresholdToBinary(d, LINE_GRAY);
	if (*ink == NULL || *lines == NULL) {
		pixDestroy(ink);
		pixDestroy(lines);
		return -1;
	}
	return 0;
}

double
a2_scan_ink_in(PIX *b, int x, int y, int w, int h)
{
	return ink_in(b, x, y, w, h);
}

void
a2_scan_measure(PIX *b, PIX *light, box *k)
{
	measure(b, light, k, 1);   /* the OCR path reads left-to-right forms (eng fra spa) */
}
