/* read/scan/ocrorder.c -- the OCR path's words put in the order of the
 * form's table: a row's first cell before the labels beside it; a file's
 * pages in the form's order. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "read/scan/ocrint.h"

/* The table's rows in reading order.  Tesseract reads a row of the
 * Secretariat's table as one line when its first column's cell ("Draft
 * new") and the label beside it ("assigns authority ...") stand level:
 * the label then came before the text's identifier ("X.1283 (X.gpwd)",
 * the cell's third line) and was taken for the text above's.  On a page
 * with vote boxes 5 cm or more into it, the words left of the boxes'
 * column in the table (from 5 mm above the first box to 45 mm under the
 * last) are the first column; its lines under 8 mm apart are one cell (as
 * row_agrees() reads them), and each cell is put before the words right
 * of it that stand level with its top or lower, down to the next cell.  A
 * line is split there (each side its own line).  The words keep their
 * order otherwise.  0, or -1 out of memory. */
typedef struct ocr_seg {
	size_t first, n;     /* words [first, first + n) of wd */
	int y, side, zone;   /* top; 0 first column, 1 right of it; 0 above, 1 table, 2 below */
	long key;
} ocr_seg;

static int
seg_cmp(const void *a, const void *b)
{
	const ocr_seg *p = a, *q = b;

	if (p->key != q->key)
		return p->key < q->key ? -1 : 1;
	return p->first < q->first ? -1 : p->first > q->first;
}

static int
int_cmp(const void *a, const void *b)
{
	int p = *(const int *)a, q = *(const int *)b;

	return p < q ? -1 : p > q;
}

int
a2_ocr_rows_in_order(const ocr_page *pg, a2_ocr_word **wdp, size_t nw, double ppm)
{
	a2_ocr_word *wd = *wdp, *out = NULL;
	ocr_seg *seg = NULL;
	size_t ns = 0, i, j, k, n0 = 0, nc = 0;
	int bx = -1, ytop = 0, ybot = 0, *ys = NULL, *top = NULL, *last = NULL;

	for (i = 0; i < pg->n_boxes; i++) {
		const box *b = &pg->boxes[i];
		if (b->col != 0 || b->x < (int)(50 * ppm))
			continue;
		if (bx < 0 || b->x < bx)
			bx = b->x;
		if (n0 == 0 || b->y < ytop)
			ytop = b->y;
		if (n0 == 0 || b->y + b->h > ybot)
			ybot = b->y + b->h;
		n0++;
	}
	if (n0 == 0 || nw == 0)
		return 0;
	ytop -= (int)(5 * ppm);
	ybot += (int)(45 * ppm);
	if ((seg = calloc(nw, sizeof(*seg))) == NULL || (ys = calloc(nw, sizeof(*ys))) == NULL ||
	    (top = calloc(nw, sizeof(*top))) == NULL || (last = calloc(nw, sizeof(*last))) == NULL ||
	    (out = malloc(nw * sizeof(*out))) == NULL)
		goto nomem;
	for (i = 0; i < nw; i = j) {
		int side = wd[i].x + wd[i].w < bx - (int)ppm ? 0 : 1;
		for (j = i + 1; j < nw && wd[j].line == wd[i].line &&
		    (wd[j].x + wd[j].w < bx - (int)ppm ? 0 : 1) == side; j++)
			;
		seg[ns].first = i;
		seg[ns].n = j - i;
		seg[ns].y = wd[i].y;
		seg[ns].side = side;
		seg[ns].zone = wd[i].y < ytop ? 0 : wd[i].y > ybot ? 2 : 1;
		ns++;
	}
	/* the cells: the first column's lines in the table, top down, under
	 * 8 mm apart one cell */
	for (i = k = 0; i < ns; i++)
		if (seg[i].zone == 1 && seg[i].side == 0)
			ys[k++] = seg[i].y;
	qsort(ys, k, sizeof(*ys), int_cmp);
	for (i = 0; i < k; i++) {
		if (nc == 0 || ys[i] - last[nc - 1] > 8 * ppm)
			top[nc++] = ys[i];
		last[nc - 1] = ys[i];
	}
	for (i = 0; i < ns; i++) {
		ocr_seg *s = &seg[i];
		long row = -1;
		if (s->zone != 1) {
			s->key = s->zone == 0 ? 0 : LONG_MAX;
			continue;
		}
		for (j = 0; j < nc; j++)
			if (s->side == 0 ? s->y >= top[j] && s->y <= last[j] : s->y + 3 * ppm >= top[j])
				row = (long)j;
		s->key = s->side == 0 ? 2 * row + 2 : 2 * row + 3;
	}
	qsort(seg, ns, sizeof(*seg), seg_cmp);
	for (i = k = 0; i < ns; i++)
		for (j = 0; j < seg[i].n; j++) {
			out[k] = wd[seg[i].first + j];
			out[k++].line = (int)i;
		}
	free(wd);
	*wdp = out;
	out = NULL;
	free(seg);
	free(ys);
	free(top);
	free(last);
	return 0;
nomem:
	free(seg);
	free(ys);
	free(top);
	free(last);
	free(out);
	return -1;
}

/* A page's place in the form, for a2_scan_ocr_order: the first and last
 * of the texts it names (-1 none), its first box's top (pixels, -1 no
 * box), its rank in the form's order (-1 not placed). */
typedef struct ocr_place {
	long lo, hi, rank;
	double top;
} ocr_place;

/* The pages of an OCR document put in the form's order (scanint.h).  A
 * page's place is the first of the consultation's texts whose identifier
 * opens one of its blocks in the table (the text's cell in its first
 * column, a2_ocr_names_text; from 5 mm above the page's first box down:
 * the form's opening lines name the texts too).  The pages are put in
 * order only when each page read that has boxes of the votes' column has
 * such a place and the texts of the pages, so ordered, follow one another
 * without overlap (a page twice, an identifier misread: left as they
 * came).  The blocks of a page read without a place (a cover letter whose
 * specks were taken for boxes) stay with the block before them. */
int
a2_scan_ocr_order(a2_doc *doc, const a2_form *form)
{
	ocr_fe *fe;
	ocr_place *pl = NULL;
	size_t *ord = NULL, np, nk = 0, n, b, i, j, k;
	long *key = NULL;
	a2_block *nb = NULL;
	ocr_where *nw = NULL;
	int in_order = 1, rc = -1;

	if (!a2_scan_is_ocr(doc) || form == NULL)
		return 0;
	fe = doc->fe;
	np = fe->n_pages;
	n = doc->n_blocks;
	if (np < 2 || fe->n_where != n)
		return 0;
	if ((pl = malloc(np * sizeof(*pl))) == NULL || (ord = malloc(np * sizeof(*ord))) == NULL ||
	    (key = malloc((n ? n : 1) * sizeof(*key))) == NULL)
		goto out;
	for (i = 0; i < np; i++) {
		const ocr_page *pg = &fe->pages[i];
		pl[i].lo = pl[i].hi = pl[i].rank = -1;
		pl[i].top = -1;
		for (k = 0; k < pg->n_boxes; k++)
			if (pl[i].top < 0 || pg->boxes[k].y < pl[i].top)
				pl[i].top = pg->boxes[k].y;
	}
	for (b = 0; b < n; b++) {
		int p = fe->where[b].page;
		if (p < 0 || (size_t)p >= np || pl[p].top < 0 ||
		    doc->blocks[b].pos.y * 25.4 / 72 * fe->pages[p].ppm < pl[p].top - 5 * fe->pages[p].ppm)
			continue;
		for (i = 0; i < form->n_texts; i++)
			if (form->texts[i].rec != NULL && a2_ocr_names_text(doc->blocks[b].text, doc->blocks[b].len,
			    form->texts[i].rec, strlen(form->texts[i].rec))) {
				if (pl[p].lo < 0 || (long)i < pl[p].lo)
					pl[p].lo = (long)i;
				if ((long)i > pl[p].hi)
					pl[p].hi = (long)i;
				break;
			}
	}
	for (i = 0; i < np; i++) {
		if (pl[i].lo < 0) {
			for (k = 0; k < fe->pages[i].n_boxes; k++)
				if (fe->pages[i].boxes[k].col == 0)
					goto kept;   /* a page of votes whose place is not known */
			continue;
		}
		for (j = nk; j > 0 && pl[ord[j - 1]].lo > pl[i].lo; j--)
			ord[j] = ord[j - 1];
		ord[j] = i;
		nk++;
	}
	for (i = 1; i < nk; i++) {
		if (pl[ord[i - 1]].hi >= pl[ord[i]].lo)
			goto kept;   /* the pages' texts overlap */
		if (ord[i] < ord[i - 1])
			in_order = 0;
	}
	if (in_order)
		goto kept;
	for (k = 0; k < nk; k++)
		pl[ord[k]].rank = (long)k;
	/* each block keyed by its page's rank; a block of no page, or of a
	 * page not placed, goes with the one before it */
	for (b = 0; b < n; b++) {
		int p = fe->where[b].page;
		key[b] = p >= 0 && (size_t)p < np && pl[p].rank >= 0 ? pl[p].rank : b > 0 ? key[b - 1] : -1;
	}
	if ((nb = malloc(n * sizeof(*nb))) == NULL || (nw = malloc(n * sizeof(*nw))) == NULL)
		goto out;
	for (j = 0, k = 0; k <= nk; k++)
		for (b = 0; b < n; b++)
			if (key[b] == (long)k - 1) {
				nb[j] = doc->blocks[b];
				nw[j++] = fe->where[b];
			}
	memcpy(doc->blocks, nb, n * sizeof(*nb));
	memcpy(fe->where, nw, n * sizeof(*nw));
	for (i = 0; i < np; i++)
		fe->pages[i].after = -1;
	for (k = 0; k + 1 < nk; k++)
		fe->pages[ord[k]].after = (int)ord[k + 1];
kept:
	rc = 0;
out:
	free(pl);
	free(ord);
	free(key);
	free(nb);
	free(nw);
	return rc;
}
