/* read/scan/ocrpage.c -- the OCR path: page images without the QR code of
 * a generated form (the Secretariat's own form, an old edition, a retyped
 * one) read through Tesseract (ocr.c) into a text document.
 *
 * Per page: the skew corrected (Leptonica), the words and their boxes from
 * Tesseract, the printed boxes found and their ink measured by the QR path's
 * own code (scan.c through scanint.h).  Each text line becomes a block (the
 * words a printed box or a pen mark over it was read as left out), so that
 * the text matcher finds the texts' identifiers, the labels and the Member
 * State as in any document; the front end's probe() then gives the state of
 * the box printed left of a label's line: empty, marked, or unknown (a faint
 * mark, a mark beside it, a box not found: never a guess). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "read/scan/scanint.h"

/* At most this many pages are read by OCR (each some seconds of CPU). */
#define OCR_MAX_PAGES 6
/* Words below this confidence make the text they carry unclear. */
#define OCR_LOW_CONF 50.0f

typedef struct ocr_where {
	int page;            /* 0-based, -1 none */
	int box;             /* index in the page's boxes, -1 none found */
	float conf;          /* the lowest confidence of the line's first words */
} ocr_where;

typedef struct ocr_page {
	box *boxes;
	size_t n_boxes;
} ocr_page;

typedef struct ocr_fe {
	ocr_page *pages;
	size_t n_pages;
	ocr_where *where;
	size_t n_where, cap_where;
} ocr_fe;

static void
fe_free(void *p)
{
	ocr_fe *fe = p;
	size_t i;

	if (fe == NULL)
		return;
	for (i = 0; i < fe->n_pages; i++)
		free(fe->pages[i].boxes);
	free(fe->pages);
	free(fe->where);
	free(fe);
}

static int
probe(a2_doc *doc, size_t b, a2_mark *m)
{
	ocr_fe *fe = doc->fe;
	const ocr_where *w;
	const box *k;

	if (fe == NULL || b >= fe->n_where || fe->where[b].page < 0)
		return 0;
	w = &fe->where[b];
	memset(m, 0, sizeof(*m));
	m->kind = A2_MK_PDF_DRAWING;
	m->pos.page = (unsigned)w->page + 1;
	if (w->box < 0) {
		/* a label line with no printed box found left of it */
		m->state = A2_UNKNOWN;
		return 1;
	}
	k = &fe->pages[w->page].boxes[w->box];
	m->pos.x = (float)k->x;
	m->pos.y = (float)k->y;
	switch (k->state) {
	case B_EMPTY: m->state = A2_OFF; break;
	case B_MARK: case B_DENSE: m->state = w->conf < OCR_LOW_CONF ? A2_UNKNOWN : A2_ON; break;
	default: m->state = A2_UNKNOWN; break;   /* faint, a smudge, beside the box */
	}
	return 1;
}

static int
overlaps(const a2_ocr_word *wd, const box *k)
{
	int x0 = wd->x > k->x ? wd->x : k->x, x1 = wd->x + wd->w < k->x + k->w ? wd->x + wd->w : k->x + k->w;
	int y0 = wd->y > k->y ? wd->y : k->y, y1 = wd->y + wd->h < k->y + k->h ? wd->y + wd->h : k->y + k->h;

	if (x1 <= x0 || y1 <= y0)
		return 0;
	return (double)(x1 - x0) * (y1 - y0) >= 0.3 * (double)wd->w * wd->h;
}

static int
has_alnum(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || isalnum((unsigned char)*s))
			return 1;
	return 0;
}

/* The printed box left of a line starting with word wd: its right side
 * within 12 mm of the word, its middle within the line's height. */
static int
box_left_of(const ocr_page *p, const a2_ocr_word *wd, double ppm)
{
	size_t i;
	int best = -1, bestd = 0;
	double mid = wd->y + wd->h / 2.0;

	for (i = 0; i < p->n_boxes; i++) {
		const box *k = &p->boxes[i];
		int d = wd->x - (k->x + k->w);
		double km = k->y + k->h / 2.0;
		if (d < -k->w / 3 || d > 12 * ppm || fabs(km - mid) > 0.8 * k->h + wd->h / 2.0)
			continue;
		if (best < 0 || d < bestd) {
			best = (int)i;
			bestd = d;
		}
	}
	return best;
}

/* One page: words, boxes, blocks.  0, or -1 with err set. */
static int
ocr_one(a2_doc *doc, ocr_fe *fe, a2_ocr *o, PIX *gray, int pno, a2_error *err)
{
	PIX *d = NULL, *b = NULL, *lines = NULL, *bc = NULL, *lc = NULL;
	l_float32 angle = 0, conf = 0;
	a2_ocr_word *wd = NULL;
	size_t nw = 0, i, j;
	ocr_page *pg = &fe->pages[pno];
	double ppm;
	int ppi, timed_out = 0, rc = -1;

	if ((d = pixFindSkewAndDeskew(gray, 2, &angle, &conf)) == NULL && (d = pixClone(gray)) == NULL)
		goto nomem;
	ppm = pixGetWidth(d) / 210.0;   /* an A4 page scanned whole */
	ppi = (int)lround(ppm * 25.4);
	if (a2_ocr_page(o, d, ppi, A2_OCR_PAGE_MS, &wd, &nw, &timed_out, err) != 0)
		goto out;
	if (timed_out && a2_doc_add_note(doc, "unclear", "page %d: OCR stopped at its limit of %d ms; "
	    "what it had not read is not read", pno + 1, A2_OCR_PAGE_MS) != 0)
		goto nomem;
	if (a2_scan_binarize(d, &b, &lines) != 0 ||
	    a2_scan_find_boxes(lines, ppm, 0, pixGetHeight(lines), &pg->boxes, &pg->n_boxes) != 0 ||
	    (bc = a2_scan_without_rules(b, ppm)) == NULL || (lc = a2_scan_without_rules(lines, ppm)) == NULL)
		goto nomem;
	for (i = 0; i < pg->n_boxes; i++)
		a2_scan_measure(bc, lc, &pg->boxes[i]);
	for (i = 0; i < nw; i = j) {
		a2_pos pos;
		a2_block *bl = NULL;
		size_t first = (size_t)-1;
		float lconf = 100;
		for (j = i; j < nw && wd[j].line == wd[i].line; j++) {
			size_t k;
			int drop = 0;
			for (k = 0; k < pg->n_boxes && !drop; k++)
				drop = overlaps(&wd[j], &pg->boxes[k]);
			if (drop || (first == (size_t)-1 && !has_alnum(wd[j].text)))
				continue;   /* a box, a mark over it, a rule read as a word */
			if (bl == NULL) {
				memset(&pos, 0, sizeof(pos));
				pos.page = (unsigned)pno + 1;
				pos.x = (float)(wd[j].x / ppm * 72 / 25.4);
				pos.y = (float)(wd[j].y / ppm * 72 / 25.4);
				if ((bl = a2_doc_add_block(doc, pos, -1, -1, -1, 0)) == NULL)
					goto nomem;
				first = j;
			} else if (a2_block_append(bl, " ", 1, 0) != 0) {
				goto nomem;
			}
			if (a2_block_append(bl, wd[j].text, strlen(wd[j].text), 0) != 0)
				goto nomem;
			if (j - first < 3 && wd[j].conf < lconf)
				lconf = wd[j].conf;
		}
		if (bl == NULL)
			continue;
		if (a2_grow((void **)&fe->where, &fe->cap_where, doc->n_blocks, sizeof(*fe->where)) != 0)
			goto nomem;
		while (fe->n_where < doc->n_blocks - 1)
			fe->where[fe->n_where++] = (ocr_where){-1, -1, 0};
		fe->where[fe->n_where++] = (ocr_where){pno, box_left_of(pg, &wd[first], ppm), lconf};
	}
	rc = 0;
	goto out;
nomem:
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
out:
	a2_ocr_words_free(wd, nw);
	pixDestroy(&d);
	pixDestroy(&b);
	pixDestroy(&lines);
	pixDestroy(&bc);
	pixDestroy(&lc);
	return rc;
}

a2_doc *
a2_scan_ocr_lower(PIX **gray, size_t n, a2_format format, a2_error *err)
{
	a2_doc *doc = a2_doc_new(format);
	ocr_fe *fe = NULL;
	a2_ocr *o = NULL;
	size_t i, done = 0;

	if (doc == NULL || (fe = calloc(1, sizeof(*fe))) == NULL ||
	    (fe->pages = calloc(n ? n : 1, sizeof(*fe->pages))) == NULL) {
		fe_free(fe);
		a2_doc_free(doc);
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	}
	fe->n_pages = n;
	doc->fe = fe;
	doc->fe_free = fe_free;
	doc->probe = probe;
	if ((o = a2_ocr_new(A2_OCR_LANGS, err)) == NULL)
		goto fail;
	for (i = 0; i < n; i++) {
		if (gray[i] == NULL)
			continue;
		if (done == OCR_MAX_PAGES) {
			if (a2_doc_add_note(doc, "unclear", "only the first %d pages without a QR code are "
			    "read by OCR", OCR_MAX_PAGES) != 0)
				goto nomem;
			break;
		}
		if (ocr_one(doc, fe, o, gray[i], (int)i, err) != 0)
			goto fail;
		done++;
	}
	while (fe->n_where < doc->n_blocks)
		fe->where[fe->n_where++] = (ocr_where){-1, -1, 0};
	if (doc->n_blocks == 0) {
		doc->image_only = 1;
		if (a2_doc_add_note(doc, "scan-no-qr", "no page carries the QR code of a generated form "
		    "and OCR found no text on the pages: a person must read it") != 0)
			goto nomem;
	}
	a2_ocr_free(o);
	return doc;
nomem:
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
fail:
	a2_ocr_free(o);
	a2_doc_free(doc);
	return NULL;
}
