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
 * inside each box and in a ring around it.  The steps: read/scan/page.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "core/util.h"
#include "read/scan/scan.h"
#include "read/scan/page.h"
#include "read/scan/scanint.h"

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

/* A fax (204 x 98 dpi: modules twice as wide as tall) whose code the
 * interpolated square page did not give: the page made square by repeating
 * its rows, at twice the size, so that each module keeps hard edges (the
 * interpolation blurs a module's top and bottom into grey). */
static int
fax_code(PIX *src, a2_scan_qr *q, int *orient)
{
	l_float32 sy = 2.0f * (l_float32)pixGetXRes(src) / (l_float32)pixGetYRes(src);
	PIX *s, *s8;
	int found;

	/* only a page of half the resolution down (204 x 196 is square
	 * enough), of a fax's size: one pass over 16 million pixels, 0.4 s */
	if (sy < 3.0f || sy > 6.0f || (double)pixGetWidth(src) * pixGetHeight(src) > 2.5e6)
		return 0;
	s = pixScaleBySampling(src, 2.0f, sy);
	s8 = s != NULL ? pixConvertTo8(s, 0) : NULL;
	found = s8 != NULL && a2_scan_zbar(s8, q, orient);
	pixDestroy(&s);
	pixDestroy(&s8);
	return found;
}

static int
read_page(PIX *src, page *pg, int n, a2_scan_words *words)
{
	PIX *g = NULL, *r = NULL, *d = NULL, *b = NULL, *lines = NULL, *bc = NULL, *lc = NULL, *rb = NULL, *rl = NULL;
	int orient = 0, rc = -1, top, bottom, lx = 0, rx = 0, low_res;
	l_float32 angle = 0, conf = 0;
	double ppm, shear = 0;
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
	/* a bilevel page not resampled (a G4 TIFF at 300 dpi) is black and
	 * white only: the try binarized is not made again */
	pg->has_qr = a2_scan_find_code(g, low_res, pixGetDepth(src) == 1 && pixGetWidth(g) == pixGetWidth(src) &&
	    pixGetHeight(g) == pixGetHeight(src), &pg->qr, &orient);
	if (!pg->has_qr && pixGetXRes(src) > 0 && pixGetYRes(src) > 0 && pixGetXRes(src) != pixGetYRes(src))
		pg->has_qr = fax_code(src, &pg->qr, &orient);
	if (!pg->has_qr)   /* the page's short side 210 mm, on its side too */
		pg->has_qr = a2_scan_find_code_spots(g, src, (pixGetWidth(g) < pixGetHeight(g) ? pixGetWidth(g) :
		    pixGetHeight(g)) / 210.0, &pg->qr, &orient);
	if (!pg->has_qr) {
		a2_scan_debug_page(g, pg, n);
		if (n <= A2_SCAN_OCR_PAGES)   /* the pages OCR may read, not a 20-page file's */
			pg->gray = pixClone(g);
		rc = 0;
		goto out;
	}
	pg->rotation = ((4 - orient) % 4) * 90;
	r = orient ? pixRotateOrth(g, (4 - orient) % 4) : pixClone(g);
	if (r == NULL)
		goto out;
	/* a photo (perspective) mapped back to the form's rectangle by its
	 * four fiducials; a scan deskewed */
	if ((d = a2_scan_unwarp(r, &pg->skew, &shear)) == NULL) {
		d = pixFindSkewAndDeskew(r, 2, &angle, &conf);
		if (d == NULL)
			d = pixClone(r);
		pg->skew = conf > 2.0 ? angle : 0;
		/* its sides not square to its top (a fax's sheet fed askew,
		 * the page sampled across at one resolution and down at half
		 * it): the rows shifted back, so that the columns of boxes stand
		 * upright */
		if (fabs(shear) >= SHEAR_MIN) {
			PIX *h = pixHShearCenter(NULL, d, (l_float32)(shear * M_PI / 180.0), L_BRING_IN_WHITE);
			if (h == NULL)
				goto out;
			pixDestroy(&d);
			d = h;
		}
	}
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
	pg->fiducials = a2_scan_fiducials(b, ppm, &top, &bottom, &ppm, &lx, &rx);
	pg->ppm = ppm;
	if (a2_scan_grid_boxes(lines, ppm, top, bottom, pg->qr.first ? pg->qr.last - pg->qr.first + 1 : 0,
	    strcmp(pg->qr.lang, "ar") != 0, lx, rx, &pg->boxes, &pg->n_boxes) != 0)
		goto out;
	/* the page without its rules, and the rules taken (the rings' and
	 * the signature's) */
	if ((bc = a2_scan_without_rules(b, ppm)) == NULL || (lc = a2_scan_without_rules(lines, ppm)) == NULL ||
	    (rb = pixSubtract(NULL, b, bc)) == NULL || (rl = pixSubtract(NULL, lines, lc)) == NULL)
		goto out;
	for (i = 0; i < pg->n_boxes; i++)
		a2_scan_measure_box(bc, lc, &pg->boxes[i], pg->n_boxes >= 2 && pg->boxes[1].x > pg->boxes[0].x);
	if (pg->n_boxes >= 2 &&
	    a2_scan_rings(bc, lc, rb, rl, ppm, pg->boxes[1].x > pg->boxes[0].x, pg->boxes, pg->n_boxes) != 0)
		goto out;
	/* two marks for one answer: "cancelled" written beside one of them? */
	if (a2_scan_cancel_words(words, b, bc, lc, ppm, strcmp(pg->qr.lang, "ar") != 0, pg->qr.lang, pg->boxes,
	    pg->n_boxes, pg->qr.first ? pg->qr.last - pg->qr.first + 1 : 0) != 0)
		goto out;
	if (pg->qr.page == pg->qr.pages && pg->fiducials) {
		/* the last page carries the signature */
		int from = top;
		for (i = 0; i < pg->n_boxes; i++)
			if (pg->boxes[i].y + pg->boxes[i].h > from)
				from = pg->boxes[i].y + pg->boxes[i].h;
		pg->signed_ink = a2_scan_signature(bc, rb, ppm, lx, rx, from, bottom, bottom, pg->sig_zone);
	}
	a2_scan_debug_page(d, pg, n);
	rc = 0;
out:
	pixDestroy(&g);
	pixDestroy(&r);
	pixDestroy(&d);
	pixDestroy(&b);
	pixDestroy(&lines);
	pixDestroy(&bc);
	pixDestroy(&lc);
	pixDestroy(&rb);
	pixDestroy(&rl);
	return rc;
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

/* ---- the files ---------------------------------------------------------- */

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
	a2_scan_words words = {0};
	page *pg = NULL;
	int n = 1, i;
	l_int32 fmt, w, h, bps, spp = 1, cmap, reduce = 1, hint = L_JPEG_READ_LUMINANCE;
	int comps = 1;
	a2_doc *doc;

	quiet();
	a2_scan_debug_file(name);
	if (format == A2_FMT_TIFF) {
		if (a2_scan_tiff_pages(d, len, &n, err) != 0)
			return NULL;
	} else {
		if (format == A2_FMT_JPEG ? a2_scan_jpeg_size(d, len, &w, &h, &comps) != 0 :
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
			/* a CMYK (Adobe's) JPEG has no luminance libjpeg can give:
			 * decoded in colour, within the colour limit */
			if (comps == 4) {
				if ((double)(w / reduce) * (h / reduce) > A2_SCAN_MAX_COLOR)
					return (a2_error_set(err, A2_ERR_LIMIT, "a CMYK image of %d x %d pixels: over the "
					    "limit of %ld in colour", w, h, (long)A2_SCAN_MAX_COLOR), NULL);
				hint = 0;
			}
		} else if ((double)w * h > (spp > 1 ? A2_SCAN_MAX_COLOR : A2_SCAN_MAX_PIXELS)) {
			return (a2_error_set(err, A2_ERR_LIMIT, "an image of %d x %d pixels%s, over the limit of %ld",
			    w, h, spp > 1 ? " in colour" : "", spp > 1 ? (long)A2_SCAN_MAX_COLOR : (long)A2_SCAN_MAX_PIXELS), NULL);
		}
	}
	if ((pg = calloc((size_t)n, sizeof(*pg))) == NULL)
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	for (i = 0; i < n; i++) {
		PIX *p = format == A2_FMT_TIFF ? pixReadMemTiff(d, len, i) :
		    format == A2_FMT_JPEG ? pixReadMemJpeg(d, len, 0, reduce, NULL, hint) :
		    pixReadMem(d, len);
		if (p == NULL) {
			pages_free(pg, (size_t)n);
			a2_scan_words_done(&words);
			return (a2_error_set(err, A2_ERR_CORRUPT, "page %d of the image cannot be decoded", i + 1), NULL);
		}
		if (read_page(p, &pg[i], i + 1, &words) != 0) {
			pixDestroy(&p);
			pages_free(pg, (size_t)n);
			a2_scan_words_done(&words);
			return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
		}
		pixDestroy(&p);
	}
	a2_scan_words_done(&words);
	doc = a2_scan_decide(pg, (size_t)n, format, lim, err);
	pages_free(pg, (size_t)n);
	a2_scan_debug_file(NULL);   /* not the name of the next file of this thread */
	return doc;
}

a2_doc *
a2_scan_lower_pages(const a2_scan_gray *gp, size_t n, a2_format format, const a2_limits *lim, a2_error *err)
{
	page *pg;
	size_t i;
	a2_doc *doc;
	int x, y;
	a2_scan_words words = {0};

	quiet();
	if ((pg = calloc(n ? n : 1, sizeof(*pg))) == NULL)
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	for (i = 0; i < n; i++) {
		PIX *p = pixCreate(gp[i].w, gp[i].h, 8);
		int rc;
		if (p == NULL) {
			pages_free(pg, n);
			a2_scan_words_done(&words);
			return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
		}
		pixSetResolution(p, (l_int32)gp[i].dpi, (l_int32)gp[i].dpi);
		for (y = 0; y < gp[i].h; y++) {
			l_uint32 *line = pixGetData(p) + (size_t)y * (size_t)pixGetWpl(p);
			for (x = 0; x < gp[i].w; x++)
				SET_DATA_BYTE(line, x, gp[i].data[(size_t)y * (size_t)gp[i].stride + (size_t)x]);
		}
		rc = read_page(p, &pg[i], (int)i + 1, &words);
		pixDestroy(&p);
		if (rc != 0) {
			pages_free(pg, n);
			a2_scan_words_done(&words);
			return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
		}
	}
	a2_scan_words_done(&words);
	doc = a2_scan_decide(pg, n, format, lim, err);
	pages_free(pg, n);
	return doc;
}
