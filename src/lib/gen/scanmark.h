/* gen/scanmark.h -- what makes a generated form readable from paper
 * (issue 14): one page per section, each with its own QR code, and four
 * corner fiducials.  Shared by docx.c and odt.c.
 *
 * Pages (fixed, so that a static image can carry the page number):
 *  - page 1: the heading, the address block, the letter (no boxes);
 *  - pages 2..: the choice table, A2_SCAN_PER_PAGE texts a page, each
 *    page its own table with its head row;
 *  - the signature on the last text page (2 texts leave it room in every
 *    language; 3 did not in Russian).
 * The QR payload (README, "Forms made to be scanned"):
 *   A2F1;c=<consultation>;s=<ISO3>;v=<form version>;l=<lang>;p=<page>/<pages>;t=<first>-<last>
 * t: the 1-based indexes of the texts on the page in the consultation's
 * order, "0" when the page has none.
 */
#ifndef A2_GEN_SCANMARK_H
#define A2_GEN_SCANMARK_H

#include <stddef.h>
#include "gen/gen.h"

#define A2_SCAN_PER_PAGE 2
#define A2_SCAN_QR_MM    18   /* printed size of the QR code */
#define A2_SCAN_FID_MM   5    /* printed size of a fiducial */

typedef struct a2_scan_page {
	size_t first, last;   /* texts [first, last) */
	int signature;        /* the signature block ends this page */
} a2_scan_page;

/* The page plan of g: *n pages in pages[] (caller frees).  0 or -1. */
int a2_scan_plan(const a2_gen *g, a2_scan_page **pages, size_t *n, a2_error *err);

/* The QR payload of page p (0-based) of n, in buf. */
void a2_scan_payload(const a2_gen *g, const a2_scan_page *pages, size_t n, size_t p,
                     char *buf, size_t size);

/* A QR code of payload as a 1-bit PNG (8 pixels a module, 4 modules of
 * quiet zone); a fiducial (a black square).  Deterministic bytes; caller
 * frees *png.  0 or -1 with err set. */
int a2_scan_qr_png(const char *payload, unsigned char **png, size_t *len, a2_error *err);
int a2_scan_fid_png(unsigned char **png, size_t *len, a2_error *err);

/* The images of the page plan added to zo: DIR/fiducial.png and
 * DIR/qr<k>.png for page k (1-based); after each QR code page(ctx, zo, k,
 * err) when given (the format's own parts of that page: DOCX's header and
 * its relationships).  0 or -1 with err set. */
typedef int (*a2_scan_page_fn)(void *ctx, struct a2_zipout *zo, size_t k, a2_error *err);
int a2_scan_add_images(const a2_gen *g, struct a2_zipout *zo, const char *dir,
                       a2_scan_page_fn page, void *ctx, a2_error *err);

#endif
