/* read/scan/scan.h -- the page image front end (issue 14): TIFF, PNG, JPEG
 * and the image-only pages of a PDF, read through the QR code and fiducials
 * of the generated forms (gen/scanmark.h).  The decision lives here, not in
 * the matcher: only this front end knows where the boxes are and how much
 * ink each holds; it gives the same record shape (texts, status, authority,
 * comments) with confidence, evidence "scan" and pages. */
#ifndef A2_READ_SCAN_H
#define A2_READ_SCAN_H

#include "annex2/annex2.h"

/* Limits: pixels of one page before it is decoded, pages of one file. */
#define A2_SCAN_MAX_PIXELS (40L * 1000 * 1000)   /* A4 at 600 dpi: 35 million */
#define A2_SCAN_MAX_COLOR  (12L * 1000 * 1000)   /* A4 at 300 dpi: 8.7 million */
#define A2_SCAN_MAX_PAGES  20

/* An image file (TIFF, one or many pages; PNG; JPEG).  Pixel counts are
 * read from the headers before anything is decoded.  NULL with err set. */
a2_doc *a2_scan_lower(const char *name, const void *data, size_t len, a2_format format,
                      const a2_limits *lim, a2_error *err);

/* Pages already rendered (a PDF's image-only pages): n 8-bit gray pages,
 * w x h, rows stride bytes apart, at dpi.  NULL with err set. */
typedef struct a2_scan_gray {
	const unsigned char *data;
	int w, h, stride;
	double dpi;
} a2_scan_gray;
a2_doc *a2_scan_lower_pages(const a2_scan_gray *pages, size_t n, a2_format format, const a2_limits *lim,
                            a2_error *err);

/* `annex2 read --debug-images DIR`: the pages of the file being read on
 * this thread are drawn into DIR as FILE.pN.png (and FILE.pN.tsv) while
 * name is set (NULL when done).  a2_scan_lower names its file itself; a
 * PDF's page images are named by the reader (read/open.c). */
void a2_scan_debug_file(const char *name);

/* The QR payload A2F1;c=;s=;v=;l=;p=N/M;t=A-B parsed; 0 or -1. */
typedef struct a2_scan_qr {
	char consultation[128], iso3[8], version[32], lang[16];
	int page, pages, first, last;   /* first..last 1-based, 0 0 none */
} a2_scan_qr;
int a2_scan_parse_qr(const char *s, a2_scan_qr *q);

#endif
