/* read/pdf/render.c -- a page of a PDF reply as a PNG image with
 * rectangles outlined (annex2/render.h): the review page shows a PDF item
 * on its page, the text's lines and its boxes outlined.
 *
 * Limits: the document was opened by the reader (its size, deflate bombs,
 * object numbers, pages, characters and reading time were checked then);
 * a page past the ones the reader reads is not rendered, nor any page of a
 * file holding an image of over 24 million pixels (rendering decodes it
 * whole); the image is at most 8 million pixels (the scale is lowered to
 * fit).  Poppler renders under ink.c's lock, quietly. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "annex2/render.h"
#include "core/util.h"
#include "read/pdf/pdf.h"

#define MAX_IMAGE_PIXELS 8e6
#define MAX_PAGE 20     /* the pages the reader reads (pdf.c) */

static cairo_status_t
put_png(void *ud, const unsigned char *data, unsigned int n)
{
	a2_buf *b = ud;

	return a2_buf_add(b, data, n) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_NO_MEMORY;
}

/* The page, opened, with the scale it is drawn at: 0, or -1 with err. */
static int
page_at(a2_doc *doc, unsigned page, double *scale, PopplerPage **out, double *pw, double *ph, a2_error *err)
{
	pdf_fe *fe;
	PopplerPage *pg;
	int np;

	*out = NULL;
	if (doc == NULL || doc->format != A2_FMT_PDF || (fe = doc->fe) == NULL || fe->pdoc == NULL)
		return a2_error_set(err, A2_ERR_UNSUPPORTED, "no page image for this document (only PDF replies have one)");
	np = poppler_document_get_n_pages(fe->pdoc);
	if (page == 0 || (int)page > np || page > MAX_PAGE)
		return a2_error_set(err, A2_ERR_USAGE, "no page %u to show (the reader reads pages 1 to %d)", page,
		    np < MAX_PAGE ? np : MAX_PAGE);
	if (fe->max_pixels > A2_PDF_MAX_RENDER_PIXELS)
		return a2_error_set(err, A2_ERR_LIMIT, "the file holds an image of over 24 million pixels: "
		    "too large to render within the reader's limits");
	if ((pg = poppler_document_get_page(fe->pdoc, (int)page - 1)) == NULL)
		return a2_error_set(err, A2_ERR_CORRUPT, "page %u cannot be opened", page);
	*pw = *ph = 0;
	poppler_page_get_size(pg, pw, ph);
	if (!(*pw > 0 && *ph > 0 && *pw < 20000 && *ph < 20000)) {
		g_object_unref(pg);
		return a2_error_set(err, A2_ERR_LIMIT, "page %u has no size that can be drawn (%.0f x %.0f points)",
		    page, *pw, *ph);
	}
	if (!(*scale >= 0.25))
		*scale = 0.25;
	if (*scale > 4)
		*scale = 4;
	if (*pw * *ph * *scale * *scale > MAX_IMAGE_PIXELS)
		*scale = sqrt(MAX_IMAGE_PIXELS / (*pw * *ph));
	*out = pg;
	return 0;
}

int
a2_page_image_size(a2_doc *doc, unsigned page, double scale, int *iw, int *ih, a2_error *err)
{
	PopplerPage *pg;
	double pw, ph;

	if (page_at(doc, page, &scale, &pg, &pw, &ph, err) != 0)
		return -1;
	g_object_unref(pg);
	*iw = (int)ceil(pw * scale);
	*ih = (int)ceil(ph * scale);
	return 0;
}

int
a2_page_png(a2_doc *doc, unsigned page, double scale, const a2_rect *rects, size_t n,
            unsigned char **png, size_t *len, a2_error *err)
{
	PopplerPage *pg;
	cairo_surface_t *sf;
	cairo_t *cr;
	double pw, ph;
	int iw, ih;
	size_t i;
	a2_buf b = {0};
	cairo_status_t st;

	*png = NULL;
	*len = 0;
	if (page_at(doc, page, &scale, &pg, &pw, &ph, err) != 0)
		return -1;
	iw = (int)ceil(pw * scale);
	ih = (int)ceil(ph * scale);
	sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, iw, ih);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(sf);
		g_object_unref(pg);
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	}
	cr = cairo_create(sf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_save(cr);
	cairo_scale(cr, scale, scale);
	a2_pdf_render_quietly(pg, cr);
	cairo_restore(cr);
	g_object_unref(pg);
	/* the outlines, 2 pixels wide whatever the scale, a little outside */
	cairo_set_line_width(cr, 2);
	for (i = 0; i < n; i++) {
		const a2_rect *r = &rects[i];
		double x1 = fmin(r->x1, r->x2) * scale - 2, y1 = fmin(r->y1, r->y2) * scale - 2;
		double x2 = fmax(r->x1, r->x2) * scale + 2, y2 = fmax(r->y1, r->y2) * scale + 2;
		if (!isfinite(x1) || !isfinite(y1) || !isfinite(x2) || !isfinite(y2))
			continue;
		cairo_set_source_rgb(cr, ((r->rgb >> 16) & 255) / 255.0, ((r->rgb >> 8) & 255) / 255.0, (r->rgb & 255) / 255.0);
		cairo_rectangle(cr, x1, y1, x2 - x1, y2 - y1);
		cairo_stroke(cr);
	}
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	st = cairo_surface_write_to_png_stream(sf, put_png, &b);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS || b.failed) {
		a2_buf_free(&b);
		return a2_error_set(err, A2_ERR_NOMEM, "the page image could not be made: %s", cairo_status_to_string(st));
	}
	*len = b.len;
	*png = (unsigned char *)a2_buf_take(&b);
	return 0;
}

/* The widget rectangle of the field mark m (layout.c kept each one, at the
 * place it gave the mark): 1 with *r set, 0 when there is none. */
static int
field_area(const pdf_fe *fe, const a2_mark *m, a2_rect *r)
{
	size_t i;

	for (i = 0; i < fe->n_widget; i++) {
		const pdf_widget *w = &fe->widget[i];
		if (w->page != m->pos.page || w->x1 != m->pos.x || w->y1 != m->pos.y ||
		    w->x2 - w->x1 > 200 || w->y2 - w->y1 > 200)
			continue;
		r->x1 = w->x1;
		r->y1 = w->y1;
		r->x2 = w->x2;
		r->y2 = w->y2;
		return 1;
	}
	return 0;
}

static unsigned
state_rgb(a2_tri s)
{
	return s == A2_ON ? A2_RGB_MARK_ON : s == A2_OFF ? A2_RGB_MARK_OFF : A2_RGB_MARK_UNK;
}

size_t
a2_block_rects(const a2_doc *doc, size_t b, a2_rect *out, size_t max, unsigned *page)
{
	const pdf_fe *fe;
	const pdf_where *w;
	const a2_block *bl;
	size_t n = 0, i, k;
	double lh;
	a2_rect r;

	*page = 0;
	if (doc == NULL || doc->format != A2_FMT_PDF || (fe = doc->fe) == NULL || b >= fe->n_where ||
	    b >= doc->n_blocks || fe->where[b].page == 0)
		return 0;
	w = &fe->where[b];
	bl = &doc->blocks[b];
	*page = w->page;
	lh = w->y2 - w->y1 > 1 ? w->y2 - w->y1 : 10;
	/* the text: its characters' union */
	if (w->box1 > w->box0 && w->box1 <= fe->n_cbox) {
		r.x1 = r.y1 = HUGE_VAL;
		r.x2 = r.y2 = -HUGE_VAL;
		for (k = w->box0; k < w->box1; k++) {
			r.x1 = fmin(r.x1, fe->cbox[k].x1);
			r.y1 = fmin(r.y1, fe->cbox[k].y1);
			r.x2 = fmax(r.x2, fe->cbox[k].x2);
			r.y2 = fmax(r.y2, fe->cbox[k].y2);
		}
		r.rgb = A2_RGB_TEXT;
		if (n < max)
			out[n] = r;
		n++;
	}
	/* the boxes typed as glyphs in the text (the matcher reads them):
	 * each one's character box, coloured by what the glyph shows */
	for (k = w->box0; k < w->box1 && k < fe->n_cbox; k++) {
		size_t off = fe->cbox[k].offset;
		unsigned cp = 0;
		if (off >= bl->len || a2_utf8_next(bl->text + off, bl->len - off, &cp) == 0)
			continue;
		if (cp == 0x2610 || cp == 0x25A1 || cp == 0x274F)          /* ☐ □ ❏ */
			r.rgb = A2_RGB_MARK_OFF;
		else if (cp == 0x2611 || cp == 0x2612 || cp == 0x25A0 || cp == 0x2718 || cp == 0x2714)   /* ☑ ☒ ■ ✘ ✔ */
			r.rgb = A2_RGB_MARK_ON;
		else
			continue;
		r.x1 = fe->cbox[k].x1;
		r.y1 = fe->cbox[k].y1;
		r.x2 = fe->cbox[k].x2;
		r.y2 = fe->cbox[k].y2;
		if (n < max)
			out[n] = r;
		n++;
	}
	/* the marks */
	for (i = 0; i < bl->n_marks; i++) {
		const a2_mark *m = &bl->marks[i];
		if (m->kind == A2_MK_PDF_FIELD && m->pos.page == w->page) {
			/* the field's own widget; a line high when it is not found */
			if (!field_area(fe, m, &r)) {
				r.x1 = m->pos.x;
				r.y1 = m->pos.y;
				r.x2 = m->pos.x + lh;
				r.y2 = m->pos.y + lh;
			}
		} else if (m->kind == A2_MK_PDF_DRAWING && m->pos.page == w->page) {
			/* the strip the drawn box was found and measured in */
			r.x1 = m->pos.x;
			r.x2 = w->x;
			r.y1 = w->y1 - 0.8 * lh;
			r.y2 = w->y2 + 0.4 * lh;
		} else {
			/* a glyph typed in the text: the character at its offset */
			const pdf_cbox *c = NULL;
			for (k = w->box0; k < w->box1 && k < fe->n_cbox && c == NULL; k++)
				if (fe->cbox[k].offset >= m->offset)
					c = &fe->cbox[k];
			if (c == NULL)
				continue;
			r.x1 = c->x1;
			r.y1 = c->y1;
			r.x2 = c->x2;
			r.y2 = c->y2;
		}
		r.rgb = state_rgb(m->state);
		if (n < max)
			out[n] = r;
		n++;
	}
	return n;
}
