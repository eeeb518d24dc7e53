/* read/pdf/ink.c -- a box drawn as lines, found and measured on the page.
 *
 * LibreOffice prints a legacy form-field checkbox (the Secretariat's own
 * form) as a square of lines, and a tick in it as two more lines: the text
 * layer has the label and no box at all.  When the matcher finds a label
 * with no mark before it, it asks here: the strip of the page to the left
 * of the label's first line is rendered (cairo, 4 pixels a point), a square
 * outline is looked for (two vertical strokes as far apart as they are
 * long, closed by two horizontal ones, neither spanning the whole strip as
 * a table's rule would), and the ink inside it is measured.
 *
 * Thresholds, on the share of dark pixels inside the square (its border
 * kept out): below EMPTY it is empty; from MARKED on it is marked; in
 * between it is unclear -- never a guess.
 *
 * The same rendering tells a struck-through label (a2_pdf_struck): a PDF
 * has no strike attribute, only a line drawn over the words.  Measured on LibreOffice's
 * prints of the Secretariat's form: an empty box 0.000, a ticked one (an X
 * of two hairlines) 0.044 to 0.088; a single stroke is about 0.02. */
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

#include "core/util.h"
#include "read/pdf/pdf.h"

#define SCALE  4.0     /* pixels per point */
#define DARK   200     /* a pixel darker than this (0..255) is ink */
#define EMPTY  0.01
#define MARKED 0.03

typedef struct edge {
	int x0, x1;            /* columns */
	int top, bot;          /* the longest vertical run among them */
} edge;

static int
dark(const unsigned char *img, int stride, int x, int y)
{
	unsigned v = *(const uint32_t *)(const void *)(img + (size_t)y * (size_t)stride + (size_t)x * 4);
	unsigned r = (v >> 16) & 255, g = (v >> 8) & 255, b = v & 255;
	return (r * 30 + g * 59 + b * 11) / 100 < DARK;
}

/* The longest run of ink down column x: its length, *top and *bot. */
static int
run(const unsigned char *img, int stride, int h, int x, int *top, int *bot)
{
	int y, best = 0, start = -1;

	for (y = 0; y <= h; y++) {
		if (y < h && dark(img, stride, x, y)) {
			if (start < 0)
				start = y;
		} else if (start >= 0) {
			if (y - start > best) {
				best = y - start;
				*top = start;
				*bot = y - 1;
			}
			start = -1;
		}
	}
	return best;
}

/* Share of dark pixels along row y from x0 to x1. */
static double
row_ink(const unsigned char *img, int stride, int y, int x0, int x1)
{
	int x, n = 0;

	for (x = x0; x <= x1; x++)
		n += dark(img, stride, x, y);
	return x1 >= x0 ? (double)n / (double)(x1 - x0 + 1) : 0;
}

/* The inkiest row within two pixels of y, from x0 to x1: a horizontal
 * stroke of the square near where its vertical strokes end. */
static double
edge_row(const unsigned char *img, int stride, int h, int y, int x0, int x1)
{
	double best = 0;
	int d;

	for (d = -2; d <= 2; d++)
		if (y + d >= 0 && y + d < h)
			best = fmax(best, row_ink(img, stride, y + d, x0, x1));
	return best;
}

/* Finds the square nearest the right end of the image and measures it:
 * 1 (found; *share the ink inside), 0 (none), -1 (out of memory). */
static int
measure(const unsigned char *img, int stride, int w, int h, double lh, double *share)
{
	edge *e = NULL;
	size_t ne = 0, cap = 0;
	int x, found = 0;
	double lo = 0.4 * lh * SCALE, hi = 1.5 * lh * SCALE;

	for (x = 0; x < w; x++) {
		int top = 0, bot = 0, len = run(img, stride, h, x, &top, &bot);
		if (len >= lo && len <= hi && len < h - 2) {
			if (ne > 0 && e[ne - 1].x1 == x - 1) {
				e[ne - 1].x1 = x;
				if (bot - top > e[ne - 1].bot - e[ne - 1].top) {
					e[ne - 1].top = top;
					e[ne - 1].bot = bot;
				}
				continue;
			}
			if (a2_grow((void **)&e, &cap, ne + 1, sizeof(edge)) != 0)
				return -1;
			e[ne].x0 = e[ne].x1 = x;
			e[ne].top = top;
			e[ne].bot = bot;
			ne++;
		}
	}
	/* the rightmost pair of edges that closes a square */
	while (ne >= 2 && !found) {
		size_t r = ne - 1, l;
		for (l = r; l-- > 0 && !found;) {
			edge *L = &e[l], *R = &e[r];
			double d = (R->x0 + R->x1) / 2.0 - (L->x0 + L->x1) / 2.0;
			int top = L->top > R->top ? L->top : R->top, bot = L->bot < R->bot ? L->bot : R->bot;
			double hl = L->bot - L->top, hr = R->bot - R->top, m;
			int x0, x1, y0, y1, y, xx, n = 0, ink = 0;
			if (d < lo || d > hi || fabs(hl - d) > 0.35 * d || fabs(hr - d) > 0.35 * d || bot - top < lo)
				continue;
			/* closed at the top and the bottom */
			if (edge_row(img, stride, h, top, L->x0, R->x1) < 0.7 || edge_row(img, stride, h, bot, L->x0, R->x1) < 0.7)
				continue;
			m = fmax(2.0, 0.12 * d);
			x0 = L->x1 + (int)m;
			x1 = R->x0 - (int)m;
			y0 = top + (int)m;
			y1 = bot - (int)m;
			for (y = y0; y <= y1; y++)
				for (xx = x0; xx <= x1; xx++) {
					n++;
					ink += dark(img, stride, xx, y);
				}
			if (n > 0) {
				*share = (double)ink / n;
				found = 1;
			}
		}
		ne--;   /* no square closes on the rightmost edge: try the next one */
	}
	free(e);
	return found;
}

/* What may be rendered: rendering decodes every image of the page whole,
 * and poppler parses the page again each time. */
#define MAX_RENDER_PIXELS 24e6

/* 0 when a page may be rendered now; -2 (doc->limit_why said) when the
 * file's time is up or an image is too large to decode. */
static int
may_render(a2_doc *doc, pdf_fe *fe)
{
	if (fe->max_pixels > MAX_RENDER_PIXELS) {
		doc->limit_why = "a box of the PDF must be looked at on the page, and the file holds an image of "
		    "over 24 million pixels, too large to render within the reader's limits";
		return -2;
	}
	if (a2_pdf_now() > fe->deadline) {
		doc->limit_why = "reading the PDF and looking at its boxes took over 1.5 s";
		return -2;
	}
	return 0;
}

/* Poppler's cairo font engine (22.12, CairoFontEngine.cc) writes "some
 * font thing failed" to the process's standard error when a font of the
 * PDF cannot be loaded -- a fprintf, past any log handler.  The library
 * never prints: while a page is rendered, descriptor 2 points to
 * /dev/null.  One rendering at a time in the process (a mutex), and only
 * for the length of the rendering; the CLI writes its own messages from
 * its main thread, and a progress line lost meanwhile is all it costs. */
static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;

static void
render_quietly(PopplerPage *page, cairo_t *cr)
{
	int null_fd, saved;

	pthread_mutex_lock(&render_lock);
	fflush(stderr);
	saved = dup(2);
	null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (saved >= 0 && null_fd >= 0)
		dup2(null_fd, 2);
	poppler_page_render_for_printing(page, cr);
	if (saved >= 0 && null_fd >= 0) {
		fflush(stderr);
		dup2(saved, 2);
	}
	if (saved >= 0)
		close(saved);
	if (null_fd >= 0)
		close(null_fd);
	pthread_mutex_unlock(&render_lock);
}

/* Renders [rx1, rx2] x [ry1, ry2] of a page, white under it, at scale
 * pixels a point: the surface, or NULL (no page, out of memory). */
static cairo_surface_t *
render_at(pdf_fe *fe, unsigned page_no, double rx1, double ry1, double rx2, double ry2, double scale)
{
	PopplerPage *page;
	cairo_surface_t *sf;
	cairo_t *cr;
	int iw = (int)ceil((rx2 - rx1) * scale), ih = (int)ceil((ry2 - ry1) * scale);

	if (iw <= 0 || ih <= 0 || iw > 8192 || ih > 8192)
		return NULL;
	if ((page = poppler_document_get_page(fe->pdoc, (int)page_no - 1)) == NULL)
		return NULL;
	sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, iw, ih);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(sf);
		g_object_unref(page);
		return NULL;
	}
	cr = cairo_create(sf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	cairo_translate(cr, -rx1, -ry1);
	render_quietly(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	g_object_unref(page);
	return sf;
}

static cairo_surface_t *
render(pdf_fe *fe, unsigned page_no, double rx1, double ry1, double rx2, double ry2)
{
	return render_at(fe, page_no, rx1, ry1, rx2, ry2, SCALE);
}

unsigned char *
a2_pdf_page_gray(pdf_fe *fe, unsigned page_no, double dpi, int *w, int *h)
{
	PopplerPage *page = poppler_document_get_page(fe->pdoc, (int)page_no - 1);
	cairo_surface_t *sf;
	unsigned char *g = NULL, *row;
	double pw, ph;
	int x, y, stride;

	if (page == NULL)
		return NULL;
	poppler_page_get_size(page, &pw, &ph);
	g_object_unref(page);
	if ((sf = render_at(fe, page_no, 0, 0, pw, ph, dpi / 72.0)) == NULL)
		return NULL;
	*w = cairo_image_surface_get_width(sf);
	*h = cairo_image_surface_get_height(sf);
	stride = cairo_image_surface_get_stride(sf);
	row = cairo_image_surface_get_data(sf);
	if (row != NULL && (g = malloc((size_t)*w * (size_t)*h)) != NULL)
		for (y = 0; y < *h; y++)
			for (x = 0; x < *w; x++) {
				uint32_t px = *(const uint32_t *)(row + (size_t)y * (size_t)stride + (size_t)x * 4);
				g[(size_t)y * (size_t)*w + (size_t)x] = (unsigned char)(((px >> 16 & 0xff) * 30 +
				    (px >> 8 & 0xff) * 59 + (px & 0xff) * 11) / 100);
			}
	cairo_surface_destroy(sf);
	return g;
}

int
a2_pdf_probe(a2_doc *doc, size_t b, a2_mark *m)
{
	pdf_fe *fe = doc->fe;
	const pdf_where *w;
	cairo_surface_t *sf;
	double lh, rx1, rx2, ry1, ry2, share = 0;
	int rc;

	if (fe == NULL || b >= fe->n_where || fe->where[b].page == 0 || fe->where[b].boxed)
		return 0;
	w = &fe->where[b];
	lh = w->y2 - w->y1;
	if (lh < 2 || lh > 72)
		return 0;
	rx2 = w->x - 0.05 * lh;
	rx1 = fmax(w->left, rx2 - 3.5 * lh);
	ry1 = w->y1 - 0.8 * lh;
	ry2 = w->y2 + 0.4 * lh;
	if (rx2 - rx1 < 0.5 * lh)
		return 0;
	if ((rc = may_render(doc, fe)) != 0)
		return rc;
	if ((sf = render(fe, w->page, rx1, ry1, rx2, ry2)) == NULL)
		return 0;
	rc = measure(cairo_image_surface_get_data(sf), cairo_image_surface_get_stride(sf),
	    cairo_image_surface_get_width(sf), cairo_image_surface_get_height(sf), lh, &share);
	cairo_surface_destroy(sf);
	if (rc <= 0)
		return rc;
	memset(m, 0, sizeof(*m));
	m->kind = A2_MK_PDF_DRAWING;
	m->state = share < EMPTY ? A2_OFF : share >= MARKED ? A2_ON : A2_UNKNOWN;
	m->pos.page = w->page;
	m->pos.x = (float)rx1;
	m->pos.y = (float)w->y1;
	return 1;
}

/* Struck through: on the first line of the text, a row of the rendering
 * within the middle half of the characters' height is ink across at least
 * STRIKE of the text's width (letters alone never are: they have gaps). */
#define STRIKE 0.9

int
a2_pdf_struck(a2_doc *doc, size_t b, size_t start, size_t end)
{
	pdf_fe *fe = doc->fe;
	const pdf_where *w;
	const pdf_cbox *first = NULL;
	double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
	cairo_surface_t *sf;
	const unsigned char *img;
	size_t i;
	int stride, iw, ih, y, found = 0;

	if (fe == NULL || b >= fe->n_where || fe->where[b].page == 0)
		return 0;
	w = &fe->where[b];
	for (i = w->box0; i < w->box1; i++) {
		const pdf_cbox *c = &fe->cbox[i];
		if (c->offset < start || c->offset >= end)
			continue;
		if (first == NULL) {
			first = c;
			x1 = c->x1;
			x2 = c->x2;
			y1 = c->y1;
			y2 = c->y2;
		} else if (fabs((double)c->y1 - (double)first->y1) < 0.3 * (first->y2 - first->y1)) {
			x1 = fmin(x1, c->x1);
			x2 = fmax(x2, c->x2);
		}
	}
	if (first == NULL || x2 - x1 < 2 || y2 - y1 < 2)
		return 0;
	if ((y = may_render(doc, fe)) != 0)
		return y;
	if ((sf = render(fe, w->page, x1, y1, x2, y2)) == NULL)
		return 0;
	img = cairo_image_surface_get_data(sf);
	stride = cairo_image_surface_get_stride(sf);
	iw = cairo_image_surface_get_width(sf);
	ih = cairo_image_surface_get_height(sf);
	for (y = ih / 4; y <= 3 * ih / 4 && !found; y++)
		found = row_ink(img, stride, y, 0, iw - 1) >= STRIKE;
	cairo_surface_destroy(sf);
	return found;
}
