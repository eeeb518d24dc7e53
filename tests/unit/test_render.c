/* tests/unit/test_render.c -- the review page's images (annex2/render.h):
 * a PDF form field outlined as its own widget rectangle, and a scanned
 * reply's page drawn as the scan reader saw it (a2_scan_page_png), with its
 * refusals. */
#include "testutil.h"

#include <math.h>

#include <leptonica/allheaders.h>
#include <zlib.h>

static a2_doc *
open_sample(const char *path)
{
	size_t len;
	unsigned char *d = t_slurp(path, &len);
	a2_limits lim;
	a2_error err;
	a2_doc *doc;

	a2_limits_default(&lim);
	a2_error_clear(&err);
	doc = a2_doc_open_mem(path, d, len, &lim, &err);
	free(d);
	if (doc == NULL)
		fail_msg("%s: %s", path, err.message);
	return doc;
}

/* Every checkbox field of deu-pdf-form-fields.pdf: outlined as its widget
 * (a square the size poppler gives the field), not a line-height guess. */
static void
t_field_widget(void **state)
{
	a2_doc *doc = open_sample("samples/returned/deu-pdf-form-fields.pdf");
	size_t b, i, k, fields = 0, boxed = 0;

	(void)state;
	for (b = 0; b < doc->n_blocks; b++) {
		const a2_block *bl = &doc->blocks[b];
		a2_rect r[32];
		unsigned pg;
		size_t n = a2_block_rects(doc, b, r, 32, &pg);
		for (i = 0; i < bl->n_marks; i++) {
			const a2_mark *m = &bl->marks[i];
			if (m->kind != A2_MK_PDF_FIELD)
				continue;
			fields++;
			for (k = 0; k < n && k < 32; k++) {
				double w = r[k].x2 - r[k].x1, h = r[k].y2 - r[k].y1;
				if (fabs(r[k].x1 - m->pos.x) < 0.01 && fabs(r[k].y1 - m->pos.y) < 0.01 &&
				    r[k].rgb == (m->state == A2_ON ? A2_RGB_MARK_ON : A2_RGB_MARK_OFF)) {
					/* the widget: /Rect [201.36 328.47 215.4 342.51], 14.04
					 * points square (a line high, the old guess: 14.47) */
					if (fabs(w - 14.04) > 0.02 || fabs(h - 14.04) > 0.02)
						fail_msg("block %zu: the field outlined %.2f x %.2f points", b, w, h);
					boxed++;
				}
			}
		}
	}
	assert_int_equal(fields, 32);
	assert_int_equal(boxed, 32);
	a2_doc_free(doc);
}

/* A colour of the image close to (r, g, b): its pixels that are. */
static long
pixels_like(const unsigned char *png, size_t len, int r, int g, int b)
{
	PIX *p = pixReadMemPng(png, len), *c;
	long n = 0;
	int x, y;

	if (p == NULL)
		return -1;
	c = pixConvertTo32(p);
	pixDestroy(&p);
	if (c == NULL)
		return -1;
	for (y = 0; y < pixGetHeight(c); y++)
		for (x = 0; x < pixGetWidth(c); x++) {
			l_int32 pr, pg, pb;
			l_uint32 v;
			pixGetPixel(c, x, y, &v);
			extractRGBValues(v, &pr, &pg, &pb);
			if (abs(pr - r) < 40 && abs(pg - g) < 40 && abs(pb - b) < 40)
				n++;
		}
	pixDestroy(&c);
	return n;
}

/* The page of text 7 (X.1819) of Japan's image-only PDF: an A4 page's
 * width at 1.5 pixels a point, the text's boxes framed in blue, its boxes
 * outlined (a filled one magenta, empty ones green). */
static void
t_scan_page(void **state)
{
	size_t len, plen = 0;
	unsigned char *d = t_slurp("samples/scans/scan-jpn-image-pdf-cover-out-of-order.pdf", &len), *png = NULL;
	int iw = 0, ih = 0;
	a2_error err;

	(void)state;
	a2_error_clear(&err);
	if (a2_scan_page_png("jpn.pdf", d, len, 7, 1.5, &png, &plen, &iw, &ih, &err) != 0)
		fail_msg("%s", err.message);
	assert_int_equal(iw, 893);
	assert_in_range(ih, 1200, 1300);
	assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
	assert_true(pixels_like(png, plen, 9, 105, 218) > 200);    /* the text's frame */
	assert_true(pixels_like(png, plen, 0, 160, 0) > 100);      /* empty boxes */
	free(png);
	/* the sender: the file's first page */
	a2_error_clear(&err);
	assert_int_equal(a2_scan_page_png("jpn.pdf", d, len, 0, 1, &png, &plen, &iw, &ih, &err), 0);
	assert_int_equal(iw, 595);
	free(png);
	/* a text of no page of the file */
	a2_error_clear(&err);
	assert_int_equal(a2_scan_page_png("jpn.pdf", d, len, 40, 1.5, &png, &plen, NULL, NULL, &err), -1);
	assert_int_equal(err.code, A2_ERR_UNSUPPORTED);
	assert_null(png);
	free(d);
}

/* A TIFF scan: its page; a document that is no scan, a broken image, an
 * image over the scan limits: refused, nothing made. */
static void
t_scan_refused(void **state)
{
	size_t len, plen = 0;
	unsigned char *d = t_slurp("samples/scans/scan-egy-ar-g4.tif", &len), *png = NULL;
	unsigned char big[8 + 25 + 12] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
		0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
	uLong crc = crc32(0, big + 12, 17);
	a2_error err;

	(void)state;
	a2_error_clear(&err);
	if (a2_scan_page_png("egy.tif", d, len, 7, 1.5, &png, &plen, NULL, NULL, &err) != 0)
		fail_msg("%s", err.message);
	assert_true(plen > 1000);
	free(png);
	png = NULL;
	a2_error_clear(&err);
	assert_int_equal(a2_scan_page_png("egy.tif", d, len / 3, 7, 1.5, &png, &plen, NULL, NULL, &err), -1);
	assert_null(png);
	free(d);
	d = t_slurp("samples/returned/deu-pdf-form-fields.pdf", &len);
	a2_error_clear(&err);
	assert_int_equal(a2_scan_page_png("deu.pdf", d, len, 1, 1.5, &png, &plen, NULL, NULL, &err), -1);
	assert_int_equal(err.code, A2_ERR_UNSUPPORTED);
	assert_null(png);
	free(d);
	big[29] = (unsigned char)(crc >> 24);
	big[30] = (unsigned char)(crc >> 16);
	big[31] = (unsigned char)(crc >> 8);
	big[32] = (unsigned char)crc;
	a2_error_clear(&err);   /* 30,000 x 30,000 pixels: refused from its header */
	assert_int_equal(a2_scan_page_png("big.png", big, sizeof big, 1, 1.5, &png, &plen, NULL, NULL, &err), -1);
	if (err.code != A2_ERR_LIMIT)
		fail_msg("%d %s", err.code, err.message);
	assert_null(png);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_field_widget),
		cmocka_unit_test(t_scan_page),
		cmocka_unit_test(t_scan_refused),
	};
	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
