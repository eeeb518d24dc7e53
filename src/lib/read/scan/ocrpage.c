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
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "read/scan/scanint.h"

/* At most this many pages are read by OCR (each some seconds of CPU). */
#define OCR_MAX_PAGES A2_SCAN_OCR_PAGES
/* The QR path's thresholds (scan.c) the OCR path decides again by: ink
 * inside a box (empty below the first, marked from the second), just
 * outside it (a tick running out), beside it. */
#define OCR_IN_EMPTY 0.030
#define OCR_IN_MARK 0.080
#define OCR_NEAR_MARK 0.025
#define OCR_SIDE_NEAR 0.030
/* Pages scanned finer than this are read by Tesseract at this resolution. */
#define OCR_DPI 200
/* A page scanned at fewer dots an inch than this is not OCRed. */
#define OCR_MIN_DPI 100
/* Words below this confidence make the text they carry unclear. */
#define OCR_LOW_CONF 50.0f
/* A page with more ink than this is no printed form (noise, a photo). */
#define OCR_MAX_INK 0.25
/* Pieces of ink a square millimetre above which a page is specks, not a
 * form: the Secretariat's and our forms, scanned, faxed and photographed
 * (401 pages measured), have at most 0.039 (2,420 pieces on an A4 page);
 * pages of 0.4-8% specks 0.6-8.5.  Tesseract's layout analysis, which its
 * monitor cannot stop, spent 10-16 s of CPU on pages of 2-8% specks. */
#define OCR_MAX_PIECES_MM2 0.5

typedef struct ocr_where {
	int page;            /* 0-based, -1 none */
	int box;             /* index in the page's boxes, -1 none found */
	float conf;          /* Tesseract's confidence in the block's first word */
} ocr_where;

typedef struct ocr_page {
	box *boxes;
	size_t n_boxes;
	double ppm;
} ocr_page;

typedef struct ocr_fe {
	ocr_page *pages;
	size_t n_pages;
	ocr_where *where;
	size_t n_where, cap_where;
	/* the form's layout as the boxes found show it (mm): a label's first
	 * word from the left of its box (dx) and from its top (dy), the box's
	 * size; known once one box was found with its label right of it */
	int lay_known;
	double lay_dx, lay_dy, lay_w, lay_h;
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
	/* a mark beside the box, toward its label and level with it (a
	 * tick drawn short of the box, a ring round the label's first word):
	 * the QR path's reading (marks.c), the row's rule still to hold */
	case B_MARK: case B_DENSE: case B_BESIDE: m->state = w->conf < OCR_LOW_CONF ? A2_UNKNOWN : A2_ON; break;
	default: m->state = A2_UNKNOWN; break;   /* faint, a smudge, a stray stroke */
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

/* A word of the printed text read plainly: confident, letters (and
 * the punctuation of a label) only, so no pen stroke read into it. */
#define OCR_PLAIN_CONF 60.0f
/* ... and begun this far (mm) right of a box or more: its label. */
#define OCR_LABEL_GAP 3.5
static int
plain_word(const a2_ocr_word *wd)
{
	const char *s;
	int letters = 0;

	if (wd->conf < OCR_PLAIN_CONF)
		return 0;
	for (s = wd->text; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalpha(c) || c >= 0x80)
			letters++;
		else if (!strchr("()-,.;:'", c) && !isdigit(c))
			return 0;
	}
	return letters >= 2;
}

/* A line's first word that is the printed box (a square, or the circle of
 * an option) with or without a pen mark, read as one to three characters
 * ("O", "PJ", "F]", "xX", "10)"): about the box's size, or a little more
 * with the strokes of a mark. */
static int
box_like(const a2_ocr_word *wd, double ppm)
{
	size_t chars = 0;
	const char *s;
	double bx = 3.05 * ppm;

	for (s = wd->text; *s; s++)
		chars += ((unsigned char)*s & 0xC0) != 0x80;
	if (chars > 3 || wd->w > 4 * bx || wd->h > 4 * bx)
		return 0;
	/* a word of the label ("No", "Non", "are") is read with confidence;
	 * a lone character or one with signs in it is a box, a circle or the
	 * pen's mark over one ("O", "PJ", "F]", "Y", "10)") */
	if (chars == 1 || wd->conf < 75)
		return 1;
	for (s = wd->text; *s; s++)
		if ((unsigned char)*s < 0x80 && !isalpha((unsigned char)*s))
			return 1;
	return 0;
}

/* The printed box left of a line's word wd: its right side within 12 mm
 * of the word, its middle within the line's height. */
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

/* How much of a side a thin line covers: the share of the columns
 * (along, 1) or rows (0) of [x, x+w) x [y, y+h) of b with some ink. */
static double
cover(PIX *b, int x, int y, int w, int h, int along)
{
	int i, j, n = along ? w : h, hit = 0;
	l_uint32 v;

	for (i = 0; i < n; i++)
		for (j = 0; j < (along ? h : w); j++)
			if (pixGetPixel(b, along ? x + i : x + j, along ? y + j : y + i, &v) == 0 && v) {
				hit++;
				break;
			}
	return n > 0 ? (double)hit / n : 0;
}

static int
add_box(ocr_page *pg, size_t *cap, int x, int y, int w, int h, int col)
{
	if (a2_grow((void **)&pg->boxes, cap, pg->n_boxes + 1, sizeof(*pg->boxes)) != 0)
		return -1;
	memset(&pg->boxes[pg->n_boxes], 0, sizeof(*pg->boxes));
	pg->boxes[pg->n_boxes].x = x;
	pg->boxes[pg->n_boxes].y = y;
	pg->boxes[pg->n_boxes].w = w;
	pg->boxes[pg->n_boxes].h = h;
	pg->boxes[pg->n_boxes].col = col;   /* 1: an option's circle */
	pg->n_boxes++;
	return 0;
}

/* Whether the square [x, x+w) x [y, y+h) has its four sides in the frame
 * image f (the straight runs of the printed lines): each side's band
 * covered along 75% of its length; a thin side faded in a scan or a fax:
 * three whole sides and a trace of the fourth. */
static int
four_sides(PIX *f, int x, int y, int w, int h)
{
	int e = w / 8 + 1, whole = 0, i;
	double c[4];

	c[0] = cover(f, x, y, w, e, 1);
	c[1] = cover(f, x, y + h - e, w, e, 1);
	c[2] = cover(f, x, y, e, h, 0);
	c[3] = cover(f, x + w - e, y, e, h, 0);
	for (i = 0; i < 4; i++)
		whole += c[i] >= 0.75;
	/* a square's corners are there (a bold letter's curves are not) */
	if ((a2_scan_ink_in(f, x, y, e, e) > 0) + (a2_scan_ink_in(f, x + w - e, y, e, e) > 0) +
	    (a2_scan_ink_in(f, x, y + h - e, e, e) > 0) + (a2_scan_ink_in(f, x + w - e, y + h - e, e, e) > 0) < 3)
		return 0;
	return whole == 4 || (whole == 3 && c[0] + c[1] + c[2] + c[3] >= 3.0 &&
	    fmin(fmin(c[0], c[1]), fmin(c[2], c[3])) >= 0.1);
}

/* A box of the form's size (3.5 mm or more: no letter) two of whose sides
 * a fax thinned to dashes: two whole straight sides in f, meeting at a
 * corner, and the other two there in the printed lines l along 30% of
 * their length or more. */
static int
faded_sides(PIX *f, PIX *l, int x, int y, int w, int h)
{
	int e = w / 8 + 1;
	double top = cover(f, x, y, w, e, 1), bot = cover(f, x, y + h - e, w, e, 1);
	double lft = cover(f, x, y, e, h, 0), rgt = cover(f, x + w - e, y, e, h, 0);
	double ltop = cover(l, x, y, w, e, 1), lbot = cover(l, x, y + h - e, w, e, 1);
	double llft = cover(l, x, y, e, h, 0), lrgt = cover(l, x + w - e, y, e, h, 0);

	if (top >= 0.75 && rgt >= 0.75)
		return lbot >= 0.3 && llft >= 0.3;
	if (top >= 0.75 && lft >= 0.75)
		return lbot >= 0.3 && lrgt >= 0.3;
	if (bot >= 0.75 && rgt >= 0.75)
		return ltop >= 0.3 && llft >= 0.3;
	if (bot >= 0.75 && lft >= 0.75)
		return ltop >= 0.3 && lrgt >= 0.3;
	return 0;
}

/* The share of the rows (across, 1) or columns (0) of [x, x+w) x [y, y+h)
 * in which the straight runs of r cover 60% of the square or more. */
static double
full_runs(PIX *r, int x, int y, int w, int h, int across)
{
	int i, n = across ? h : w, full = 0;

	for (i = 0; i < n; i++)
		full += a2_scan_ink_in(r, across ? x : x + i, across ? y + i : y, across ? w : 1, across ? 1 : h) >= 0.6;
	return n > 0 ? (double)full / n : 0;
}

/* The printed boxes of a page whose box size is not known (our forms print
 * 3.05 mm squares, the Secretariat's 5 mm squares and, for its options,
 * circles), among the printed lines without the table's rules.
 *
 * Squares by their sides, not as a connected piece: a tick or a cross is
 * joined to the outline it is drawn over, and the piece is then larger
 * than a box.  The straight runs of ink (at least OCR_SIDE_MM across or
 * down: a box's sides, and a filled box; not a pen's slanting stroke, not
 * a letter, whose stems are not joined by straight runs into a square)
 * are kept, a corner a fax broke joined again, and each piece of them
 * 2.2 to 6.5 mm square with its four sides is a box.  Circles (an option)
 * as connected pieces: ink at the middle of each side, none at the
 * corners. */
#define OCR_SIDE_MM 1.8
static int
find_outlined(ocr_page *pg, PIX *lines, double ppm)
{
	int run = (int)(OCR_SIDE_MM * ppm), join = (int)(0.5 * ppm) | 1;
	int smin = (int)(2.2 * ppm), smax = (int)(6.5 * ppm) + 1, cmax = (int)(6 * ppm) + 1;
	int filled_min = (int)(3.5 * ppm);
	int gap = (int)(0.7 * ppm) | 1;
	/* a side a fax broke into dashes joined along its length first */
	PIX *hc = pixCloseBrick(NULL, lines, gap, 1), *vc = pixCloseBrick(NULL, lines, 1, gap);
	PIX *h = hc != NULL ? pixOpenBrick(NULL, hc, run, 1) : NULL;
	PIX *v = vc != NULL ? pixOpenBrick(NULL, vc, 1, run) : NULL;
	PIX *f = h != NULL && v != NULL ? pixOr(NULL, h, v) : NULL;
	PIX *fj = f != NULL ? pixCloseBrick(NULL, f, join, join) : NULL;
	/* a fax's thin circles broken here and there joined again */
	PIX *closed = pixCloseBrick(NULL, lines, 3, 3);
	BOXA *sq = fj != NULL ? pixConnCompBB(fj, 8) : NULL;
	BOXA *cc = closed != NULL ? pixConnCompBB(closed, 8) : NULL;
	l_int32 k, cnt, x, y, w, hh;
	size_t cap = 0, nsq, i;
	int rc = -1;

	if (sq == NULL || cc == NULL)
		goto out;
	cnt = boxaGetCount(sq);
	for (k = 0; k < cnt; k++) {
		boxaGetBoxGeometry(sq, k, &x, &y, &w, &hh);
		if (w < smin || w > smax || hh < smin || hh > smax || abs(w - hh) > w / 5 ||
		    !(four_sides(f, x, y, w, hh) || (w >= filled_min && faded_sides(f, closed, x, y, w, hh))))
			continue;
		/* an outline is thin: few rows across the square are straight
		 * runs over most of it (a bold letter's body is many); a filled
		 * box is one of the form's size (3.5 mm or more), not a letter */
		if ((full_runs(h, x, y, w, hh, 1) > 0.35 || full_runs(v, x, y, w, hh, 0) > 0.35) && w < filled_min)
			continue;
		if (add_box(pg, &cap, x, y, w, hh, 0) != 0)
			goto out;
	}
	nsq = pg->n_boxes;
	cnt = boxaGetCount(cc);
	for (k = 0; k < cnt; k++) {
		int e, circle, taken = 0;
		boxaGetBoxGeometry(cc, k, &x, &y, &w, &hh);
		if (w < smin || w > cmax || hh < smin || hh > cmax || abs(w - hh) > w / 5)
			continue;
		for (i = 0; i < nsq && !taken; i++) {
			const box *q = &pg->boxes[i];
			taken = x < q->x + q->w && q->x < x + w && y < q->y + q->h && q->y < y + hh;
		}
		if (taken)
			continue;
		e = w / 8 + 1;
		circle = cover(closed, x + w / 2 - e, y, 2 * e, e, 1) >= 0.8 &&
		    cover(closed, x + w / 2 - e, y + hh - e, 2 * e, e, 1) >= 0.8 &&
		    cover(closed, x, y + hh / 2 - e, e, 2 * e, 0) >= 0.8 &&
		    cover(closed, x + w - e, y + hh / 2 - e, e, 2 * e, 0) >= 0.8 &&
		    a2_scan_ink_in(closed, x, y, e, e) < 0.1 && a2_scan_ink_in(closed, x + w - e, y, e, e) < 0.1 &&
		    a2_scan_ink_in(closed, x, y + hh - e, e, e) < 0.1 &&
		    a2_scan_ink_in(closed, x + w - e, y + hh - e, e, e) < 0.1 &&
		    a2_scan_ink_in(closed, x, y, w, hh) < 0.8 && !four_sides(f, x, y, w, hh);
		if (circle && add_box(pg, &cap, x, y, w, hh, 1) != 0)
			goto out;
	}
	rc = 0;
out:
	boxaDestroy(&sq);
	boxaDestroy(&cc);
	pixDestroy(&hc);
	pixDestroy(&vc);
	pixDestroy(&h);
	pixDestroy(&v);
	pixDestroy(&f);
	pixDestroy(&fj);
	pixDestroy(&closed);
	return rc;
}

/* Where a fax thinned a box's sides to dashes too short to be found, the
 * form's layout says where it is: the label's first word stands where the
 * boxes found put theirs (lay_dx, lay_dy from the box, within 2 mm of the
 * labels' column), so a box of the found size is looked for there, within
 * 1.5 mm each way: the place where its four sides are best covered by the
 * printed lines l (each side's edge band along 30% or more, together 1.8
 * sides or more) is a box, measured as any other.  A label line's next
 * lines ("approval (in which case ...") have no box printed left of them:
 * their sides are not there.  No vote comes from the layout alone: the
 * box is measured, and the row must still show two, one marked, one
 * empty.  0, or -1 out of memory. */
/* The smallest box the layout is taken from (mm): the generated forms'
 * 3.05 mm squares, the Secretariat's 5 mm ones. */
#define OCR_LAY_MIN 2.8
static int
boxes_from_layout(ocr_fe *fe, ocr_page *pg, PIX *l, const a2_ocr_word *wd, size_t nw, double ppm)
{
	size_t i, cap = pg->n_boxes, nfound = pg->n_boxes;
	int lx = -1;

	/* the layout, from this page's boxes with their label right of them */
	for (i = 0; i < nw && !fe->lay_known; i++) {
		int k = box_left_of(pg, &wd[i], ppm);
		const box *b;
		if (k < 0 || pg->boxes[k].col != 0 || !plain_word(&wd[i]) || (i > 0 && wd[i - 1].line == wd[i].line &&
		    box_left_of(pg, &wd[i - 1], ppm) == k))
			continue;
		b = &pg->boxes[k];
		if (b->w < OCR_LAY_MIN * ppm || b->w > 6.5 * ppm)
			continue;
		fe->lay_known = 1;
		fe->lay_dx = (wd[i].x - b->x) / ppm;
		fe->lay_dy = (wd[i].y - b->y) / ppm;
		fe->lay_w = b->w / ppm;
		fe->lay_h = b->h / ppm;
	}
	if (!fe->lay_known)
		return 0;
	/* the labels' column: from a box found on this page, else the words */
	for (i = 0; i < nfound; i++)
		if (pg->boxes[i].col == 0 && fabs(pg->boxes[i].w - fe->lay_w * ppm) <= 0.15 * fe->lay_w * ppm &&
		    (lx < 0 || pg->boxes[i].x < lx))
			lx = pg->boxes[i].x;
	if (lx < 0)
		return 0;
	lx += (int)lround(fe->lay_dx * ppm);
	for (i = 0; i < nw; i++) {
		int w = (int)lround(fe->lay_w * ppm), h = (int)lround(fe->lay_h * ppm), r = (int)(1.5 * ppm);
		int x0, y0, x, y, bx = 0, by = 0, e = w / 8 + 1;
		double best = 0;
		if ((i > 0 && wd[i - 1].line == wd[i].line) || !plain_word(&wd[i]) || abs(wd[i].x - lx) > 2 * ppm ||
		    box_left_of(pg, &wd[i], ppm) >= 0)
			continue;
		x0 = wd[i].x - (int)lround(fe->lay_dx * ppm);
		y0 = wd[i].y - (int)lround(fe->lay_dy * ppm);
		/* nothing printed there (a label's next line): no side, at once */
		if (a2_scan_ink_in(l, x0 - r, y0 - r, w + 2 * r, h + 2 * r) == 0)
			continue;
		for (y = y0 - r; y <= y0 + r; y++)
			for (x = x0 - r; x <= x0 + r; x++) {
				double c[4], sum;
				/* the sides one by one, the first under 30% ends it */
				if ((c[0] = cover(l, x, y, w, e, 1)) < 0.3 || (c[1] = cover(l, x, y + h - e, w, e, 1)) < 0.3 ||
				    (c[2] = cover(l, x, y, e, h, 0)) < 0.3 || (c[3] = cover(l, x + w - e, y, e, h, 0)) < 0.3)
					continue;
				sum = c[0] + c[1] + c[2] + c[3];
				if (sum >= 1.8 && sum > best) {
					best = sum;
					bx = x;
					by = y;
				}
			}
		if (best > 0 && add_box(pg, &cap, bx, by, w, h, 0) != 0)
			return -1;
	}
	return 0;
}

/* The binary page b without the table's rules (runs over 8 mm across or
 * down), as the QR path's without_rules() (scan.c) but for a page without
 * fiducials, whose deskew leaves the rules a little slanted: the steps of
 * a slanted rule joined before it is found (else what is left of it are
 * dashes of a few mm, a box's side to the finder), and a pixel either side
 * of it taken with it. */
static PIX *
no_rules(PIX *b, double ppm)
{
	int len = (int)(8 * ppm);
	PIX *hc = pixCloseBrick(NULL, b, 1, 3), *vc = pixCloseBrick(NULL, b, 3, 1);
	PIX *h = hc != NULL ? pixOpenBrick(NULL, hc, len, 1) : NULL;
	PIX *v = vc != NULL ? pixOpenBrick(NULL, vc, 1, len) : NULL;
	PIX *m = h != NULL && v != NULL ? pixOr(NULL, h, v) : NULL;
	PIX *md = m != NULL ? pixDilateBrick(NULL, m, 3, 3) : NULL;
	PIX *out = md != NULL ? pixSubtract(NULL, b, md) : NULL;

	pixDestroy(&hc);
	pixDestroy(&vc);
	pixDestroy(&h);
	pixDestroy(&v);
	pixDestroy(&m);
	pixDestroy(&md);
	return out;
}

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

static int
rows_in_order(const ocr_page *pg, a2_ocr_word **wdp, size_t nw, double ppm)
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

/* The Tesseract instances of a file, each loaded when first needed: the
 * Latin-script pass, OSD, one per other script. */
typedef struct ocr_engines {
	a2_ocr *latin, *osd, *other[3];
	int no_osd;          /* osd.traineddata not installed */
	int no_other[3];     /* that script's data not installed */
	int script;          /* the file's script as a page's OSD named it
	                      * (index of other[]; -1 Latin or not known) */
} ocr_engines;

static void
engines_free(ocr_engines *en)
{
	size_t i;

	a2_ocr_free(en->latin);
	a2_ocr_free(en->osd);
	for (i = 0; i < 3; i++)
		a2_ocr_free(en->other[i]);
}

/* A page read by the Latin pass with under this share (tenths) of its
 * words read plainly is asked its script (the Secretariat's form in
 * English: 74-87%; the form in Russian, Arabic, Chinese: 19-42%, their
 * address block and identifiers in Latin letters). */
#define OCR_MIN_PLAIN_TENTHS 6

static size_t
plain_count(const a2_ocr_word *wd, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += plain_word(&wd[i]);
	return c;
}

/* The words of page src (at ppi): the Latin-script languages first (the
 * Secretariat's form in English, French, Spanish: one pass); a page of
 * too few words read plainly in them is given to Tesseract's OSD, and a
 * page in Cyrillic, Arabic or Han script read again in that language
 * (with English: the identifiers are Latin) within what is left of the
 * page's time; the pass with more words read plainly is kept.  The
 * script OSD named is remembered for the file: the pages after it are
 * read in that script first, with neither OSD nor the Latin pass unless
 * that reads too few words plainly (5-page forms: 12.6-13.0 s of CPU,
 * the last page cut, to 8.7-9.6 s).  Data not installed for OSD or the
 * script: the Latin pass stands.  0, or -1 with err set. */
static int
read_page(ocr_engines *en, PIX *src, int ppi, int deadline_ms, a2_ocr_word **wd, size_t *nw, int *timed_out,
          a2_error *err)
{
	static const struct {
		const char *script, *langs;
	} other[3] = {
		{"Cyrillic", A2_OCR_LANGS_CYRILLIC}, {"Arabic", A2_OCR_LANGS_ARABIC}, {"Han", A2_OCR_LANGS_HAN},
	};
	double t0 = a2_ocr_cpu_ms();
	a2_ocr_word *w2 = NULL;
	size_t n2 = 0, k;
	int to2 = 0, left;
	char name[32];
	a2_error e2;

	memset(&e2, 0, sizeof(e2));
	if (en->script >= 0) {
		/* the script OSD named on a page before: this page in it
		 * alone, without OSD; the Latin pass too only when it reads too
		 * few words plainly (a page in another script, a cover letter) */
		k = (size_t)en->script;
		if (a2_ocr_page(en->other[k], src, ppi, deadline_ms, wd, nw, timed_out, err) != 0)
			return -1;
		left = deadline_ms - (int)(a2_ocr_cpu_ms() - t0);
		if (*timed_out || plain_count(*wd, *nw) * 10 >= *nw * OCR_MIN_PLAIN_TENTHS || left < 500)
			return 0;
		if ((en->latin == NULL && (en->latin = a2_ocr_new(A2_OCR_LANGS, err)) == NULL) ||
		    a2_ocr_page(en->latin, src, ppi, left, &w2, &n2, &to2, err) != 0)
			return -1;
		goto better;
	}
	if ((en->latin == NULL && (en->latin = a2_ocr_new(A2_OCR_LANGS, err)) == NULL) ||
	    a2_ocr_page(en->latin, src, ppi, deadline_ms, wd, nw, timed_out, err) != 0)
		return -1;
	if (*timed_out || en->no_osd || plain_count(*wd, *nw) * 10 >= *nw * OCR_MIN_PLAIN_TENTHS)
		return 0;
	if (en->osd == NULL && (en->osd = a2_ocr_new("osd", &e2)) == NULL) {
		en->no_osd = 1;
		return 0;
	}
	if (a2_ocr_script(en->osd, src, ppi, name, sizeof(name), err) != 0)
		return -1;
	for (k = 0; k < 3 && strncmp(name, other[k].script, strlen(other[k].script)) != 0; k++)
		;
	left = deadline_ms - (int)(a2_ocr_cpu_ms() - t0);
	if (k == 3 || en->no_other[k] || left < 500)
		return 0;
	if (en->other[k] == NULL && (en->other[k] = a2_ocr_new(other[k].langs, &e2)) == NULL) {
		en->no_other[k] = 1;
		return 0;
	}
	/* the script OSD named is the file's: the next pages read in it
	 * first, without asking OSD again */
	en->script = (int)k;
	if (a2_ocr_page(en->other[k], src, ppi, left, &w2, &n2, &to2, err) != 0)
		return -1;
better:
	if (plain_count(w2, n2) > plain_count(*wd, *nw)) {
		a2_ocr_words_free(*wd, *nw);
		*wd = w2;
		*nw = n2;
		*timed_out = to2;
	} else {
		a2_ocr_words_free(w2, n2);
	}
	return 0;
}

/* The page gray upright: a page on its side or upside down (a scanner's
 * or a fax's feed) has no QR code to say so here, so its text says it:
 * Leptonica's pixOrientDetect() counts the ascenders and descenders of
 * the words (on 1 bpp at 150 to 300 dpi, a finer page halved first) in
 * each of the four ways up, and makeOrientDecision() with its own
 * confidences (8 and 2.5 times: a page without enough text is kept as
 * it is) names the way.  *quads: quarter turns clockwise done (0 to 3).
 * A new PIX (the same page when upright), or NULL out of memory. */
static PIX *
upright(PIX *gray, int *quads)
{
	PIX *b = pixConvertTo1(gray, 128), *r = NULL, *out;
	int side = pixGetWidth(gray) < pixGetHeight(gray) ? pixGetWidth(gray) : pixGetHeight(gray);
	l_float32 up = 0, left = 0;
	l_int32 orient = L_TEXT_ORIENT_UNKNOWN;

	*quads = 0;
	if (b == NULL)
		return NULL;
	if (side / 210.0 * 25.4 > 320 && (r = pixReduceRankBinary2(b, 1, NULL)) != NULL) {
		pixDestroy(&b);
		b = r;
	}
	if (pixOrientDetect(b, &up, &left, 0, 0) == 0)
		makeOrientDecision(up, left, 0.0, 0.0, &orient, 0);
	pixDestroy(&b);
	switch (orient) {
	case L_TEXT_ORIENT_LEFT: *quads = 1; out = pixRotateOrth(gray, 1); break;
	case L_TEXT_ORIENT_DOWN: *quads = 2; out = pixRotateOrth(gray, 2); break;
	case L_TEXT_ORIENT_RIGHT: *quads = 3; out = pixRotateOrth(gray, 3); break;
	default: out = pixClone(gray); break;
	}
	return out;
}

/* One page: words, boxes, blocks.  0, or -1 with err set. */
static int
ocr_one(a2_doc *doc, ocr_fe *fe, ocr_engines *en, PIX *gray, int pno, int deadline_ms, a2_error *err)
{
	PIX *up = NULL, *d = NULL, *b = NULL, *lines = NULL, *bc = NULL, *lc = NULL, *be = NULL;
	l_float32 angle = 0, conf = 0;
	a2_ocr_word *wd = NULL;
	size_t nw = 0, i, j;
	ocr_page *pg = &fe->pages[pno];
	double ppm;
	int ppi, timed_out = 0, rc = -1, quads = 0;

	ppi = (int)lround((pixGetWidth(gray) < pixGetHeight(gray) ? pixGetWidth(gray) : pixGetHeight(gray)) /
	    210.0 * 25.4);   /* an A4 page scanned whole, upright or on its side */
	if (ppi < OCR_MIN_DPI) {
		/* a 5 mm box is a handful of pixels and the words a blur: not
		 * read (Tesseract would spend seconds on it for nothing) */
		if (a2_doc_add_note(doc, "unclear", "page %d has no QR code and was scanned at about %d dpi, "
		    "too low to be read by OCR (%d dpi at least): a person must read it", pno + 1, ppi,
		    OCR_MIN_DPI) != 0)
			goto nomem;
		rc = 0;
		goto out;
	}
	if ((up = upright(gray, &quads)) == NULL)
		goto nomem;
	if ((d = pixFindSkewAndDeskew(up, 2, &angle, &conf)) == NULL && (d = pixClone(up)) == NULL)
		goto nomem;
	ppm = pixGetWidth(d) / 210.0;   /* an A4 page scanned whole */
	pg->ppm = ppm;
	ppi = (int)lround(ppm * 25.4);
	if (a2_scan_binarize(d, &b, &lines) != 0)
		goto nomem;
	if (a2_scan_ink_in(b, 0, 0, pixGetWidth(b), pixGetHeight(b)) > OCR_MAX_INK) {
		/* no printed form is this dark (noise, a photograph): not OCRed */
		if (a2_doc_add_note(doc, "unclear", "page %d has no QR code and is too dark to be a "
		    "printed form (over %.0f%% ink): not read by OCR", pno + 1, OCR_MAX_INK * 100) != 0)
			goto nomem;
		rc = 0;
		goto out;
	}
	{
		l_int32 pieces = 0;
		double mm2 = (double)pixGetWidth(b) * pixGetHeight(b) / (ppm * ppm);
		if (pixCountConnComp(b, 8, &pieces) != 0)
			goto nomem;
		if (pieces > OCR_MAX_PIECES_MM2 * mm2) {
			if (a2_doc_add_note(doc, "unclear", "page %d has no QR code and is covered with specks "
			    "(%d pieces of ink, %.1f a square millimetre; a printed form has under %.1f): "
			    "not read by OCR (a person must read it)", pno + 1, (int)pieces, pieces / mm2,
			    OCR_MAX_PIECES_MM2) != 0)
				goto nomem;
			rc = 0;
			goto out;
		}
	}
	/* the boxes found among the printed lines without the table's rules:
	 * the Secretariat's vote box stands against its cell's left rule, and
	 * joined to it by a fax or a blur it was not a piece of its own */
	if ((bc = no_rules(b, ppm)) == NULL || (lc = no_rules(lines, ppm)) == NULL ||
	    find_outlined(pg, lc, ppm) != 0)
		goto nomem;
	/* the first look, before Tesseract's seconds: a page with no box of
	 * a form's size on it (a letter, a photograph, an image that is no
	 * form) gives no vote: not read */
	if (pg->n_boxes == 0) {
		if (a2_doc_add_note(doc, "unclear", "page %d has no QR code and no box of a form was found "
		    "on it: not read by OCR (a person must read it)", pno + 1) != 0)
			goto nomem;
		rc = 0;
		goto out;
	}
	/* Tesseract (its data: about half a second) loaded for the first
	 * page it reads; a page scanned finer than OCR_DPI read at OCR_DPI:
	 * a form's 10-point print is as plain there, in half Tesseract's time
	 * at 300 dpi */
	{
		float f = ppi > OCR_DPI * 5 / 4 ? (float)OCR_DPI / (float)ppi : 1.0f;
		PIX *src = f < 1 ? pixScaleGrayLI(d, f, f) : pixClone(d);
		if (src == NULL)
			goto nomem;
		rc = read_page(en, src, f < 1 ? OCR_DPI : ppi, deadline_ms, &wd, &nw, &timed_out, err);
		pixDestroy(&src);
		if (rc != 0)
			goto out;
		rc = -1;
		for (i = 0; f < 1 && i < nw; i++) {
			wd[i].x = (int)lround(wd[i].x / f);
			wd[i].y = (int)lround(wd[i].y / f);
			wd[i].w = (int)lround(wd[i].w / f);
			wd[i].h = (int)lround(wd[i].h / f);
		}
	}
	if (timed_out && a2_doc_add_note(doc, "unclear", "page %d: OCR stopped at its limit of %d ms of CPU; "
	    "what it had not read is not read", pno + 1, deadline_ms) != 0)
		goto nomem;
	/* a letter of a word read plainly is not a box (a bold "o" is round,
	 * a fax's bold letters run into squares) */
	for (i = j = 0; i < pg->n_boxes; i++) {
		const box *k = &pg->boxes[i];
		int cx = k->x + k->w / 2, cy = k->y + k->h / 2, in_word = 0;
		size_t q;
		for (q = 0; q < nw && !in_word; q++)
			in_word = plain_word(&wd[q]) && cx >= wd[q].x && cx < wd[q].x + wd[q].w &&
			    cy >= wd[q].y && cy < wd[q].y + wd[q].h;
		if (!in_word)
			pg->boxes[j++] = *k;
	}
	pg->n_boxes = j;
	if (boxes_from_layout(fe, pg, lc, wd, nw, ppm) != 0)
		goto nomem;
	/* the Secretariat's label stands 3 mm from its box, where the QR path
	 * looks for a mark beside it: the words of the page read plainly
	 * (OCR_PLAIN_CONF, letters only: not a tick run into a word) are not
	 * ink beside a box */
	if ((be = pixCopy(NULL, bc)) == NULL)
		goto nomem;
	for (i = 0; i < nw; i++) {
		BOX *r;
		size_t q;
		int near_box = 0;
		if (!plain_word(&wd[i]))
			continue;
		/* a word begun nearer a box than its label stands (3.5 mm: the
		 * Secretariat's label is 4.5 mm from its box) may hold a tick
		 * drawn beside the box: kept */
		for (q = 0; q < pg->n_boxes && !near_box; q++) {
			const box *k = &pg->boxes[q];
			int gap = wd[i].x - (k->x + k->w);
			near_box = gap > -k->w && gap < OCR_LABEL_GAP * ppm && wd[i].y < k->y + k->h + k->h / 2 &&
			    wd[i].y + wd[i].h > k->y - k->h / 2;
		}
		if (near_box)
			continue;
		if ((r = boxCreate(wd[i].x, wd[i].y, wd[i].w, wd[i].h)) == NULL)
			goto nomem;
		pixClearInRect(be, r);
		boxDestroy(&r);
	}
	for (i = 0; i < pg->n_boxes; i++) {
		box *k = &pg->boxes[i];
		a2_scan_measure(be, lc, k);
		/* a mark only from ink just outside the outline: on the
		 * Secretariat's form that is as often what is left of the cell's
		 * rule beside the box (a fax's skew) as a tick running out: unclear */
		if (k->state == B_MARK && k->in < OCR_IN_MARK)
			k->state = B_UNSURE;
		/* nothing inside, nothing faint, nothing toward the label, and
		 * just outside less than a tick leaves: the cell's rule beside
		 * the Secretariat's box (what a fax's skew leaves of it), not a
		 * stray stroke */
		else if (k->state == B_UNSURE && k->in < OCR_IN_EMPTY && k->light < OCR_IN_MARK &&
		    k->near < OCR_NEAR_MARK && (k->col ? k->away : k->lab) < OCR_SIDE_NEAR)
			k->state = B_EMPTY;
	}
	if (rows_in_order(pg, &wd, nw, ppm) != 0)
		goto nomem;
	/* a block for each run of words of a line: a box (or a mark read as
	 * a word) or a gap of over 6 mm (the table's columns) starts another */
	for (i = 0; i < nw; i = j) {
		a2_block *bl = NULL;
		for (j = i; j < nw && wd[j].line == wd[i].line; j++) {
			size_t k;
			int drop = 0;
			for (k = 0; k < pg->n_boxes && !drop; k++)
				drop = overlaps(&wd[j], &pg->boxes[k]);
			if (drop || !has_alnum(wd[j].text) || (bl == NULL && box_like(&wd[j], ppm)) ||
			    (bl != NULL && box_like(&wd[j], ppm) && box_left_of(pg, &wd[j + (j + 1 < nw)], ppm) >= 0)) {
				bl = NULL;   /* a box, a mark over it, a rule read as a word */
				continue;
			}
			if (bl != NULL && wd[j].x - (wd[j - 1].x + wd[j - 1].w) > 6 * ppm)
				bl = NULL;
			if (bl == NULL) {
				a2_pos pos;
				memset(&pos, 0, sizeof(pos));
				pos.page = (unsigned)pno + 1;
				pos.x = (float)(wd[j].x / ppm * 72 / 25.4);
				pos.y = (float)(wd[j].y / ppm * 72 / 25.4);
				if ((bl = a2_doc_add_block(doc, pos, -1, -1, -1, 0)) == NULL ||
				    a2_grow((void **)&fe->where, &fe->cap_where, doc->n_blocks, sizeof(*fe->where)) != 0)
					goto nomem;
				while (fe->n_where < doc->n_blocks - 1)
					fe->where[fe->n_where++] = (ocr_where){-1, -1, 0};
				fe->where[fe->n_where++] = (ocr_where){pno, box_left_of(pg, &wd[j], ppm), wd[j].conf};
			} else if (a2_block_append(bl, " ", 1, 0) != 0) {
				goto nomem;
			}
			if (a2_block_append(bl, wd[j].text, strlen(wd[j].text), 0) != 0)
				goto nomem;
		}
	}
	rc = 0;
	goto out;
nomem:
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
out:
	a2_ocr_words_free(wd, nw);
	pixDestroy(&up);
	pixDestroy(&d);
	pixDestroy(&b);
	pixDestroy(&lines);
	pixDestroy(&bc);
	pixDestroy(&lc);
	pixDestroy(&be);
	return rc;
}

a2_doc *
a2_scan_ocr_lower(PIX **gray, size_t n, a2_format format, a2_error *err)
{
	a2_doc *doc = a2_doc_new(format);
	ocr_fe *fe = NULL;
	ocr_engines en;
	size_t i, done = 0;
	double t0 = a2_ocr_cpu_ms(), left;

	memset(&en, 0, sizeof(en));
	en.script = -1;
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
	for (i = 0; i < n; i++) {
		if (gray[i] == NULL)
			continue;
		if (done == OCR_MAX_PAGES) {
			if (a2_doc_add_note(doc, "unclear", "only the first %d pages without a QR code are "
			    "read by OCR", OCR_MAX_PAGES) != 0)
				goto nomem;
			break;
		}
		if ((left = A2_OCR_FILE_MS - (a2_ocr_cpu_ms() - t0)) < 500) {
			if (a2_doc_add_note(doc, "unclear", "OCR stopped at the file's limit of %d s of CPU: "
			    "page %zu and the pages after it are not read", A2_OCR_FILE_MS / 1000, i + 1) != 0)
				goto nomem;
			break;
		}
		if (ocr_one(doc, fe, &en, gray[i], (int)i,
		    left < A2_OCR_PAGE_MS ? (int)left : A2_OCR_PAGE_MS, err) != 0)
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
	engines_free(&en);
	return doc;
nomem:
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
fail:
	engines_free(&en);
	a2_doc_free(doc);
	return NULL;
}

int
a2_scan_is_ocr(const a2_doc *doc)
{
	return doc != NULL && doc->probe == probe;
}

/* What the text matcher read from an OCR document, made safe: only a vote
 * read from a measured box stands (evidence "scan", confidence OCR_CONF,
 * below the QR path's); what the matcher inferred from a label it did not
 * find, or said missing or in conflict, may come from a word OCR misread or
 * a box it did not find, so it is unclear (a person reads it). */
#define OCR_CONF 0.7
/* Points in a millimetre (the blocks' positions are in points). */
#define PT_MM (72 / 25.4)

/* The square boxes of page pno with their middle in rows [y, yb) and
 * 20 mm or more right of x (pixels), each before a line of text, in the
 * column of the row's leftmost (the votes'; a generated form's option
 * boxes stand 1 cm right of them): n[0] counted, n[1] marked, n[2]
 * empty. */
static int
in_row(const a2_doc *doc, int pno, size_t i, double y, double yb, double x)
{
	const ocr_fe *fe = doc->fe;
	const box *k = &fe->pages[pno].boxes[i];
	double km = k->y + k->h / 2.0;
	size_t j;

	if (k->col != 0 || k->x < x + 20 * fe->pages[pno].ppm || km < y || km >= yb)
		return 0;
	for (j = 0; j < fe->n_where; j++)   /* a box before a line of text */
		if (fe->where[j].page == pno && fe->where[j].box == (int)i)
			return 1;
	return 0;
}

static void
row_boxes(const a2_doc *doc, int pno, double y, double yb, double x, int n[3])
{
	const ocr_page *pg = &((const ocr_fe *)doc->fe)->pages[pno];
	size_t i;
	int left = -1;

	for (i = 0; i < pg->n_boxes; i++)
		if (in_row(doc, pno, i, y, yb, x) && (left < 0 || pg->boxes[i].x < left))
			left = pg->boxes[i].x;
	for (i = 0; i < pg->n_boxes; i++) {
		const box *k = &pg->boxes[i];
		if (!in_row(doc, pno, i, y, yb, x) || k->x > left + 2 * pg->ppm)
			continue;
		n[0]++;
		n[1] += k->state == B_MARK || k->state == B_DENSE || k->state == B_BESIDE;
		n[2] += k->state == B_EMPTY;
	}
}

/* The bytes of t (n of them) that spell the identifier recn (rl bytes),
 * its Latin X read by the Russian pass as the Cyrillic one (U+0425) or a
 * full-width one; 0 when they do not. */
static size_t
spells(const char *t, size_t n, const char *recn, size_t rl)
{
	size_t i = 0, j = 0;

	while (j < rl && i < n) {
		if (recn[j] == 'X' && n - i >= 2 && memcmp(t + i, "\xD0\xA5", 2) == 0)
			i += 2;
		else if (recn[j] == 'X' && n - i >= 3 && memcmp(t + i, "\xEF\xBC\xB8", 3) == 0)
			i += 3;
		else if (t[i] == recn[j])
			i++;
		else
			return 0;
		j++;
	}
	return j == rl ? i : 0;
}

/* Whether a block's text (len bytes) opens with the identifier recn, or
 * with a word before it ("ITU-T X.1353 (X.ztd-iot)": a generated form's
 * cell on one line), the identifier a whole word. */
static int
names_text(const char *t, size_t len, const char *recn, size_t rl)
{
	const char *sp = memchr(t, ' ', len);
	size_t off = 0, e;

	for (;;) {
		if ((e = spells(t + off, len - off, recn, rl)) > 0 &&
		    (off + e == len || t[off + e] == ' ' || t[off + e] == '(' || t[off + e] == ','))
			return 1;
		if (off > 0 || sp == NULL)
			return 0;   /* the first two words only */
		off = (size_t)(sp - t) + 1;
	}
}

/* The cross-check of a vote the matcher read: in the text's own row of the
 * table, exactly two square boxes before a line of text, one marked and
 * one empty.  The row is bounded by the text's own lines in the table's
 * first column: the identifier (the last block that opens with it) and the
 * lines just above it in that column (its cell: "Draft new",
 * "Recommendation ITU-T", "X.1237 (X.tsfpp)", each under 8 mm from the
 * next) give its top; the next line below them in the column (the next
 * row's cell) its bottom, else the page's end.  A box broken by a heavy
 * stroke and not found, a mark beside one: not read. */
static int
row_agrees(const a2_doc *doc, const char *recn)
{
	const ocr_fe *fe = doc->fe;
	const ocr_page *pg;
	size_t b, i, rl = recn != NULL ? strlen(recn) : 0;
	long at = -1;
	int n[3] = {0, 0, 0}, pno;
	double x, top, bottom;

	for (b = 0; rl > 0 && b < doc->n_blocks && b < fe->n_where; b++)
		if (fe->where[b].page >= 0 && names_text(doc->blocks[b].text, doc->blocks[b].len, recn, rl))
			at = (long)b;
	if (at < 0)
		return 0;
	pg = &fe->pages[fe->where[at].page];
	x = doc->blocks[at].pos.x;
	top = bottom = doc->blocks[at].pos.y;
	for (;;) {   /* up through the cell's lines */
		double up = -1;
		for (b = 0; b < doc->n_blocks && b < fe->n_where; b++) {
			const a2_block *o = &doc->blocks[b];
			if (fe->where[b].page == fe->where[at].page && fabs(o->pos.x - x) <= 3 * PT_MM &&
			    o->pos.y < top && o->pos.y >= top - 8 * PT_MM && o->pos.y > up)
				up = o->pos.y;
		}
		if (up < 0)
			break;
		top = up;
	}
	for (;;) {   /* down through them, to the next row's cell */
		double down = -1;
		for (b = 0; b < doc->n_blocks && b < fe->n_where; b++) {
			const a2_block *o = &doc->blocks[b];
			if (fe->where[b].page == fe->where[at].page && fabs(o->pos.x - x) <= 3 * PT_MM &&
			    o->pos.y > bottom && (down < 0 || o->pos.y < down))
				down = o->pos.y;
		}
		if (down < 0) {
			bottom = 1e9;
			break;
		}
		if (down - bottom > 8 * PT_MM) {
			bottom = down;
			break;
		}
		bottom = down;
	}
	/* to pixels: the row from 3 mm above its first line to 1 mm above the next row's */
	pno = fe->where[at].page;
	row_boxes(doc, pno, (top - 3 * PT_MM) / PT_MM * pg->ppm, (bottom - PT_MM) / PT_MM * pg->ppm,
	    x / PT_MM * pg->ppm, n);
	if (bottom >= 1e9 && (size_t)pno + 1 < fe->n_pages) {
		/* no next row on its page: the row goes on at the next page's
		 * top (the Secretariat's table breaks a row between its two
		 * boxes), down to that page's first cell in the first column
		 * from 3 mm above its first box (a running head above is not) */
		const ocr_page *nx = &fe->pages[pno + 1];
		double btop = -1, cell = 1e9;
		for (i = 0; i < nx->n_boxes; i++)
			if (nx->boxes[i].col == 0 && (btop < 0 || nx->boxes[i].y < btop))
				btop = nx->boxes[i].y;
		for (b = 0; btop >= 0 && b < doc->n_blocks && b < fe->n_where; b++) {
			const a2_block *o = &doc->blocks[b];
			double oy = o->pos.y / PT_MM * nx->ppm;
			if (fe->where[b].page == pno + 1 && fabs(o->pos.x - x) <= 3 * PT_MM &&
			    oy >= btop - 3 * nx->ppm && oy < cell)
				cell = oy;
		}
		if (btop >= 0)
			row_boxes(doc, pno + 1, 0, cell - nx->ppm, x / PT_MM * nx->ppm, n);
	}
	return n[0] == 2 && n[1] == 1 && n[2] == 1;
}

int
a2_scan_ocr_settle(const a2_doc *doc, a2_record *rec)
{
	size_t i, j;

	if (!a2_scan_is_ocr(doc))
		return 0;
	for (i = 0; i < rec->n_texts; i++) {
		a2_answer *a = &rec->texts[i];
		int measured = a->evidence != NULL && strcmp(a->evidence, "pdf-drawing") == 0;
		free(a->evidence);
		a->evidence = NULL;
		if (a->status == A2_ST_OK && measured && row_agrees(doc, a->rec)) {
			if ((a->evidence = a2_strdup("scan")) == NULL)
				return -1;
			a->has_confidence = 1;
			a->confidence = OCR_CONF;
			continue;
		}
		if (a->status == A2_ST_UNCLEAR)
			continue;
		a->status = A2_ST_UNCLEAR;
		a->authority = A2_AUTH_NULL;
		a->comments = A2_COM_NULL;
		for (j = 0; j < rec->n_problems; j++) {
			a2_problem *p = &rec->problems[j];
			char *c;
			if (p->rec == NULL || a->rec == NULL || strcmp(p->rec, a->rec) != 0 ||
			    (strcmp(p->code, "inferred") != 0 && strcmp(p->code, "missing") != 0 &&
			     strcmp(p->code, "conflict") != 0))
				continue;
			if ((c = a2_strdup("unclear")) == NULL)
				return -1;
			free(p->code);
			p->code = c;
		}
		if (a2_record_add_problem(rec, "unclear", a->rec, "%s: read by OCR (the form has no QR "
		    "code): a label or box not found or not clearly marked; a person must read it", a->rec) != 0)
			return -1;
	}
	return 0;
}
