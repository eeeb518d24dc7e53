/* read/scan/ocrorder.c -- the OCR path's words put in the order of the
 * form's table: a row's first cell before the labels beside it. */
#include <limits.h>
#include <stdlib.h>

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
