/* annex2/render.h -- a page of a reply as an image, with what the reader
 * saw on it outlined (the review page's evidence).  PDF replies today
 * (src/lib/read/pdf/render.c) and scanned replies (src/lib/read/scan/scan.c:
 * TIFF, PNG, JPEG and image-only PDFs, drawn as the scan reader saw them). */
#ifndef ANNEX2_RENDER_H
#define ANNEX2_RENDER_H

#include <stddef.h>
#include "doc.h"
#include "error.h"

/* A rectangle on a page, in points from the page's top left corner, and
 * the colour it is outlined in (0xRRGGBB). */
typedef struct a2_rect {
	double x1, y1, x2, y2;
	unsigned rgb;
} a2_rect;

/* Outline colours: a block's text, and a mark ticked, not ticked, unclear. */
#define A2_RGB_TEXT    0x0969DAu
#define A2_RGB_MARK_ON 0xCF222Eu
#define A2_RGB_MARK_OFF 0x1A7F37u
#define A2_RGB_MARK_UNK 0xBF8700u

/* Page `page` (1-based) of doc -- a document the reader opened, so within
 * its limits -- as a PNG image at `scale` pixels a point (0.25 to 4; less
 * when the image would pass 8 million pixels), white under the page, with
 * rects[0..n) outlined.  *png is the caller's (free()).  0, or -1 with err:
 * unsupported (not a format with pages), usage (no such page, or past the
 * pages the reader reads), limit (an image of the file over 24 million
 * pixels: decoding it is refused), nomem. */
int a2_page_png(a2_doc *doc, unsigned page, double scale, const a2_rect *rects, size_t n,
                unsigned char **png, size_t *len, a2_error *err);

/* The size in pixels of the image a2_page_png makes of that page at that
 * scale (for a page's <img width height>: no layout shift while it comes).
 * 0, or -1 with err as a2_page_png. */
int a2_page_image_size(a2_doc *doc, unsigned page, double scale, int *iw, int *ih, a2_error *err);

/* The rectangles of block b as the reader saw it: its text (the union of
 * its characters' boxes), each box glyph typed in it (☐ ☒ ...: ticked or
 * empty by the glyph) and each of its marks (a field's widget rectangle, the strip a
 * drawn box was measured in), coloured by state.
 * Writes at most max into out; returns how many there are (0: the block
 * has no place on a page), *page the page they are on. */
size_t a2_block_rects(const a2_doc *doc, size_t b, a2_rect *out, size_t max, unsigned *page);

/* A scanned reply (the file's bytes: TIFF, PNG, JPEG, or a PDF whose pages
 * are images) read again as the reader reads it, within the same limits
 * (pixels, pages, time), and the page that holds text `text` (1-based, as
 * the form numbers them; 0 the first page of the file) drawn as the reader
 * saw it: upright and de-skewed, each box outlined in the colour of what it
 * holds (ticked red, empty green, unclear amber, a mark beside it blue,
 * filled magenta) with its ink measures, the text's four boxes framed in
 * blue, the ink as scanned.  A PNG `scale` pixels a point of an A4 page's
 * width (0.25 to 4; at most 8 million pixels); *png is the caller's
 * (free()), *iw x *ih its size (either may be NULL).  0, or -1 with err:
 * the reader's own errors for the file, unsupported (no page image holds
 * that text: not a scan, or its form page not found), nomem. */
int a2_scan_page_png(const char *name, const void *data, size_t len, size_t text, double scale,
                     unsigned char **png, size_t *png_len, int *iw, int *ih, a2_error *err);

#endif
