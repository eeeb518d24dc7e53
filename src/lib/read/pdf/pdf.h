/* read/pdf/pdf.h -- the PDF front end's own pieces (poppler-glib).
 *
 *   pdf.c      open the document (limits, password, damage), walk the
 *              pages, read form fields and the digital signature;
 *   layout.c   characters with their boxes -> lines -> segments ->
 *              paragraphs (blocks) in reading order, by page geometry;
 *   sign.c     the digital signature, verified with OpenSSL's CMS;
 *   ink.c      render a small area of a page (cairo) and measure the ink
 *              of a box drawn there (the probe for pdf-drawing marks);
 *   render.c   a whole page as a PNG with rectangles outlined (the review
 *              page's evidence), and the rectangles of a block.
 *
 * Coordinates are points from the top left corner of the page. */
#ifndef A2_READ_PDF_H
#define A2_READ_PDF_H

#include <poppler.h>

#include "annex2/annex2.h"

/* One character of the text layer, or one form-field box (field != 0). */
typedef struct pdf_char {
	unsigned cp;           /* code point; 0 for a field */
	double x1, y1, x2, y2;
	unsigned flags;        /* A2_SF_BOLD, ... */
	int space_before;      /* the text layer had white space before it */
	int field;             /* a form-field checkbox/radio: index + 1 in the page's fields */
} pdf_char;

typedef struct pdf_field {
	a2_tri state;
	unsigned flags;        /* A2_MF_RADIO */
	char *name;
	double x1, y1, x2, y2;
} pdf_field;

/* Where a block stands, for the probe: its first line and the free space
 * to the left of its text. */
/* A character of a block as laid out: its byte offset in the block's text
 * and its box (for struck(): the strike is a line drawn over the box). */
typedef struct pdf_cbox {
	size_t offset;
	float x1, y1, x2, y2;
} pdf_cbox;

typedef struct pdf_where {
	size_t box0, box1;     /* its characters: fe->cbox[box0 .. box1) */
	unsigned page;         /* 1-based */
	double x;              /* left edge of the block's text (after a glyph) */
	double y1, y2;         /* its first line */
	double left;           /* right edge of what stands left of it on the line, or 0 */
	int boxed;             /* a glyph or field already stands before its text */
} pdf_where;

/* A checkbox or radio widget laid out as a mark (layout.c): its page and
 * rectangle, for the review page's outline (render.c). */
typedef struct pdf_widget {
	unsigned page;         /* 1-based */
	float x1, y1, x2, y2;
} pdf_widget;

typedef struct pdf_fe {
	double deadline;       /* the thread's CPU seconds: reading and looking end by then */
	double max_pixels;     /* the largest image of the file, in pixels (its dictionary) */
	PopplerDocument *pdoc;
	GBytes *bytes;
	pdf_where *where;      /* one per block of the doc */
	size_t n_where, cap_where;
	pdf_cbox *cbox;        /* every block's characters, block after block */
	size_t n_cbox, cap_cbox;
	pdf_widget *widget;    /* every field mark's widget, in layout order */
	size_t n_widget, cap_widget;
} pdf_fe;

/* The first place of needle in h[0..hn), or NULL: a scan of the raw
 * bytes, for the checks made before poppler parses (pdf.c, sign.c). */
const unsigned char *a2_pdf_find(const unsigned char *h, size_t hn, const char *needle);

/* The reading thread's CPU time in seconds (pdf.c): a busy machine does
 * not make a reply run out of time. */
double a2_pdf_now(void);

/* layout.c: lays out one page's characters (modified: sorted) into blocks
 * of doc, their places appended to fe->where.  0 or -1 (out of memory). */
int a2_pdf_layout(a2_doc *doc, pdf_fe *fe, unsigned page, pdf_char *c, size_t n,
                  const pdf_field *fields, size_t n_fields);

/* sign.c: the document's last digital signature into doc->dsig (a PDF
 * with a signature field).  0, or -1 out of memory. */
int a2_pdf_signature(a2_doc *doc, const unsigned char *data, size_t len);

/* What may be rendered: rendering decodes every image of the page whole
 * (the largest image of the file, fe->max_pixels, at most this). */
#define A2_PDF_MAX_RENDER_PIXELS 24e6

/* ink.c: renders page onto cr with poppler, one rendering at a time in the
 * process and descriptor 2 pointed at /dev/null meanwhile (poppler's cairo
 * font engine prints). */
#include <cairo.h>
void a2_pdf_render_quietly(PopplerPage *page, cairo_t *cr);

/* ink.c: doc->probe and doc->struck for PDF documents. */
int a2_pdf_probe(a2_doc *doc, size_t b, a2_mark *m);
/* Page page_no (1-based) rendered whole at dpi as 8-bit grey, *w x *h,
 * rows w bytes apart (caller frees), or NULL: the pages of a scan handed
 * to the page image front end (read/scan/). */
unsigned char *a2_pdf_page_gray(pdf_fe *fe, unsigned page_no, double dpi, int *w, int *h);
int a2_pdf_struck(a2_doc *doc, size_t b, size_t start, size_t end);

#endif
