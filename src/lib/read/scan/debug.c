/* read/scan/debug.c -- the pages as the QR path (or the OCR path) read
 * them, drawn: each box in the colour of its state with its ink, for `annex2 read
 * --debug-images DIR` and for the review page's image of a scanned reply
 * (a2_scan_page_png). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "annex2/annex2.h"
#include "core/util.h"
#include "read/scan/page.h"
#include "read/scan/scan.h"

/* ---- debug images (annex2 read --debug-images DIR) ----------------------- */

static char *debug_dir;              /* set once, before reading */
static _Thread_local const char *debug_name;

void
a2_scan_debug_file(const char *name)
{
	debug_name = name;
}

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
		snprintf(label, sizeof(label), "%zu %s in %.3f ring %.3f%s", i + 1, word[st], k->in, k->ring,
		    k->cancelled == 1 ? " CANCELLED in words" : k->cancelled == 2 ? " cancelled? (between rows)" : "");
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
	if (pg->ocr)
		snprintf(label, sizeof(label), "no QR code: read by OCR, turned %d, skew %.2f, %zu boxes found",
		    pg->rotation, pg->skew, pg->n_boxes);
	else
		snprintf(label, sizeof(label), "form page %d, turned %d, skew %.2f, %zu boxes%s",
		    pg->has_qr ? pg->qr.page : 0, pg->rotation, pg->skew, pg->n_boxes,
		    pg->fiducials ? "" : ", no fiducials");
	if (font != NULL)
		pixSetTextline(c, font, label, 0xff000000, 20, 30, NULL, NULL);
	bmfDestroy(&font);
	return c;
}

/* Each box's measures as tab-separated lines (a header first) written to
 * path; nothing when out of memory. */
static void
debug_tsv(const char *path, const page *pg)
{
	static const char *const word[] = {"empty", "mark", "unclear", "beside", "dense"};
	a2_buf t = {0};
	a2_error err;
	size_t i;

	a2_buf_puts(&t, "form_page\tfirst\tbox\tcol\tmissing\tstate\tunsure\tcircled\tin\tlight"
	    "\tnear\tlnear\thalo\tring\tlab\tlab_dy\taway\taway_dy\tcancelled\tx\ty\tw\th\n");
	for (i = 0; i < pg->n_boxes; i++) {
		const box *k = &pg->boxes[i];
		a2_buf_printf(&t, "%d\t%d\t%zu\t%d\t%d\t%s\t%d\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.2f"
		    "\t%.4f\t%.2f\t%d\t%d\t%d\t%d\t%d\n", pg->has_qr ? pg->qr.page : 0, pg->has_qr ? pg->qr.first : 0, i,
		    k->col, k->missing, word[k->state], k->unsure, k->circled, k->in, k->light, k->near, k->lnear, k->halo,
		    k->ring, k->lab, k->lab_dy, k->away, k->away_dy, k->cancelled, k->x, k->y, k->w, k->h);
	}
	a2_error_clear(&err);
	if (!t.failed)
		a2_write_atomic(path, t.data, t.len, 1, &err);
	a2_buf_free(&t);
}

/* DIR/<file name>.p<N>.png: the page drawn (draw_page); or, for
 * a2_scan_page_png, the page it asks for kept. */
void
a2_scan_debug_page(PIX *d, const page *pg, int n)
{
	PIX *c;
	char path[4096];
	const char *base;
	l_uint8 *png = NULL;
	size_t len = 0;
	a2_error err;

	if (capture != NULL) {
		/* the first page asked for; a page without a QR code drawn again
		 * by the OCR path, with the boxes it found, replaces its first
		 * drawing (none) */
		if ((capture->pix == NULL || pg->ocr) && (capture->text == 0 ? n == 1 :
		    pg->has_qr && capture->text >= pg->qr.first && capture->text <= pg->qr.last)) {
			PIX *drawn = draw_page(d, pg, capture->text);
			if (drawn != NULL) {
				pixDestroy(&capture->pix);
				capture->pix = drawn;
			}
		}
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
	/* beside it, DIR/<file name>.p<N>.tsv: each box's measures, one line
	 * a box in reading order (the figures the thresholds are set from) */
	snprintf(path, sizeof(path), "%s/%s.p%d.tsv", debug_dir, base, n);
	debug_tsv(path, pg);
}

void
a2_scan_debug_ocr_page(PIX *d, box *boxes, size_t n_boxes, double ppm, int quads, double skew, int n)
{
	page pg;

	memset(&pg, 0, sizeof(pg));
	pg.boxes = boxes;
	pg.n_boxes = n_boxes;
	pg.ppm = ppm;
	pg.rotation = quads * 90;
	pg.skew = skew;
	pg.signed_ink = -1;
	pg.ocr = 1;
	a2_scan_debug_page(d, &pg, n);
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
