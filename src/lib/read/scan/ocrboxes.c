/* read/scan/ocrboxes.c -- the OCR path's printed boxes: a page's squares
 * and circles found among its printed lines (no box size known: the
 * Secretariat's 5 mm squares and circles, our 3.05 mm squares), the boxes
 * a fax thinned past finding placed by the form's layout, and the box left
 * of a label's word. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/util.h"
#include "read/scan/ocrint.h"
#include "read/scan/page.h"

/* Measured (the Secretariat's form in both seeds' corpora and
 * samples/scans, 60 vote boxes marked): scribbled-out boxes in 0.37-0.59,
 * near 0.15-0.26, halo 0.09-0.14; ticks, crosses and filled boxes near
 * 0.017 and halo 0.013 at most. */
#define OCR_SCRIB_IN 0.12
#define OCR_SCRIB_NEAR 0.10
#define OCR_SCRIB_HALO 0.06
/* A box under this side (mm) is a generated form's (3.05-3.2 mm: one
 * without its QR code, in Arabic, Russian or Chinese), whose crosses run
 * out of it as far as a scribble round a 5 mm square does (a cross on the
 * Arabic form: near 0.13, halo 0.06): the QR path's thresholds, measured
 * on those boxes, are its. */
#define OCR_SMALL_BOX_MM 4.0

int
a2_ocr_scribbled(const box *k, double ppm)
{
	if (k->col != 0)
		return 0;
	if (k->w < OCR_SMALL_BOX_MM * ppm)
		return a2_scan_scribbled(k);
	return (k->state == B_MARK || k->state == B_DENSE) && k->in >= OCR_SCRIB_IN && k->near >= OCR_SCRIB_NEAR &&
	    k->halo >= OCR_SCRIB_HALO;
}

/* Box k's ink inside only the outline of its circle: under this in the
 * disc inscribed in the square a2_scan_measure reads (on the ink and the
 * lighter threshold), and under OCR_CORNER_NEAR just outside.  Measured
 * (the Secretariat's form in both seeds' corpora, 109 empty circles): ink
 * inside up to 0.042, none of it in that disc, near and lnear at most
 * 0.004 for the 7 read unclear before; marks with that little inside have
 * near 0.009 or more, and the faint ones 0.10 in the disc on the lighter
 * threshold. */
#define OCR_CORNER_DISC 0.005
#define OCR_CORNER_NEAR 0.006

/* The share of the disc inscribed in box k's inner square (the square
 * a2_scan_measure reads: A2_SCAN_MARGIN) that is ink on b. */
static double
disc_ink(PIX *b, const box *k)
{
	int m = A2_SCAN_MARGIN(k), W = pixGetWidth(b), H = pixGetHeight(b), wpl = pixGetWpl(b), x, y, n = 0, ink = 0;
	double cx = k->x + k->w / 2.0, cy = k->y + k->h / 2.0, r = k->w / 2.0 - m;
	const l_uint32 *d = pixGetData(b);

	for (y = k->y + m; y < k->y + k->h - m; y++)
		for (x = k->x + m; x < k->x + k->w - m; x++) {
			double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
			if (dx * dx + dy * dy > r * r)
				continue;
			n++;
			ink += x >= 0 && y >= 0 && x < W && y < H && GET_DATA_BIT(d + (size_t)y * (size_t)wpl, x);
		}
	return n > 0 ? (double)ink / n : 0;
}

int
a2_ocr_outline_only(PIX *b, PIX *light, const box *k)
{
	return k->near < OCR_CORNER_NEAR && k->lnear < OCR_CORNER_NEAR && disc_ink(b, k) < OCR_CORNER_DISC &&
	    disc_ink(light, k) < OCR_CORNER_DISC;
}

size_t
a2_ocr_x_len(const char *s, size_t n)
{
	if (n >= 1 && s[0] == 'X')
		return 1;
	if (n >= 2 && memcmp(s, "\xD0\xA5", 2) == 0)
		return 2;
	if (n >= 3 && memcmp(s, "\xEF\xBC\xB8", 3) == 0)
		return 3;
	return 0;
}

int
a2_ocr_is_arabic(unsigned cp)
{
	return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
	    (cp >= 0xFE70 && cp <= 0xFEFF);
}

size_t
a2_ocr_n_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A word of the printed text read plainly: confident, letters (and
 * the punctuation of a label) only, so no pen stroke read into it.  Two
 * letters at least, a letter of another script than Latin counting two
 * (a word of one Arabic or Chinese letter is a word; one Latin letter may
 * be a box or a mark read as "O" or "X").  A symbol is no letter: the
 * Secretariat's option circle is read as "©" or "○" with a high
 * confidence, and is a box, not a word. */
#define OCR_PLAIN_CONF 60.0f
int
a2_ocr_plain_word(const a2_ocr_word *wd)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)wd->text;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	int letters = 0;

	if (wd->conf < OCR_PLAIN_CONF)
		return 0;
	for (; *s; s += n) {
		if ((n = utf8proc_iterate(s, -1, &c)) <= 0)
			return 0;
		if (c < 0x80) {
			if (isalpha(c))
				letters++;
			else if (!strchr("()-,.;:'", c) && !isdigit(c))
				return 0;
			continue;
		}
		switch (utf8proc_category(c)) {
		case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
		case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
			letters += c < 0x250 ? 1 : 2;   /* Latin (accented) or another script */
			break;
		case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
		case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
		case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF: case UTF8PROC_CATEGORY_PO:
			break;   /* a vowel sign, a digit of another script, punctuation */
		default:
			return 0;   /* a symbol: a box, a tick */
		}
	}
	return letters >= 2;
}

int
a2_ocr_begun_over_filled(const box *k, const a2_ocr_word *wd)
{
	return k->state == B_DENSE && wd->x - (k->x + k->w) < -k->w / 3 && wd->x >= k->x - k->w / 3 &&
	    wd->x + wd->w > k->x + 2 * k->w;
}

/* The printed box left of a line's word wd: its right side within 12 mm
 * of the word, its middle within the line's height; or a box filled in
 * that the word begins over (a2_ocr_begun_over_filled). */
int
a2_ocr_box_left_of(const ocr_page *p, const a2_ocr_word *wd, double ppm)
{
	size_t i;
	int best = -1, bestd = 0;
	double mid = wd->y + wd->h / 2.0;

	for (i = 0; i < p->n_boxes; i++) {
		const box *k = &p->boxes[i];
		int d = wd->x - (k->x + k->w);
		double km = k->y + k->h / 2.0;
		if (a2_ocr_begun_over_filled(k, wd))
			d = 0;
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
	int i, j, n = along ? w : h, hit = 0, W = pixGetWidth(b), H = pixGetHeight(b), wpl = pixGetWpl(b);
	l_uint32 *data = pixGetData(b);

	/* the bits read straight from the image's data, not by pixGetPixel:
	 * placing a box from the layout tries a thousand places and more */
	for (i = 0; i < n; i++)
		for (j = 0; j < (along ? h : w); j++) {
			int px = along ? x + i : x + j, py = along ? y + j : y + i;
			if (px >= 0 && py >= 0 && px < W && py < H && GET_DATA_BIT(data + (size_t)py * (size_t)wpl, px)) {
				hit++;
				break;
			}
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

/* The middles of the four sides of [x, x+w) x [y, y+h) in the printed
 * lines c, where a circle's outline runs: their cover summed when each is
 * covered 80% or more, else 0. */
static double
side_middles(PIX *c, int x, int y, int w, int h)
{
	int e = w / 8 + 1, q;
	double v, sum = 0;

	for (q = 0; q < 4; q++) {
		v = q < 2 ? cover(c, x + w / 2 - e, q ? y + h - e : y, 2 * e, e, 1) :
		    cover(c, q == 3 ? x + w - e : x, y + h / 2 - e, e, 2 * e, 0);
		if (v < 0.8)
			return 0;
		sum += v;
	}
	return sum;
}

/* An option's circle at [x, x+w) x [y, y+h) of the printed lines c (the
 * lighter threshold, small breaks closed): ink at the middle of each side,
 * none at the corners, not filled, and not a square of the frame image
 * f. */
static int
circle_at(PIX *c, PIX *f, int x, int y, int w, int h)
{
	int e = w / 8 + 1;

	return side_middles(c, x, y, w, h) > 0 && a2_scan_ink_in(c, x, y, e, e) < 0.1 && a2_scan_ink_in(c, x + w - e, y, e, e) < 0.1 &&
	    a2_scan_ink_in(c, x, y + h - e, e, e) < 0.1 && a2_scan_ink_in(c, x + w - e, y + h - e, e, e) < 0.1 &&
	    a2_scan_ink_in(c, x, y, w, h) < 0.8 && !four_sides(f, x, y, w, h);
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
int
a2_ocr_find_boxes(ocr_page *pg, PIX *lines, double ppm)
{
	int run = (int)(OCR_SIDE_MM * ppm), join = (int)(0.5 * ppm) | 1;
	int smin = (int)(2.2 * ppm), smax = (int)(6.5 * ppm) + 1, cmax = (int)(6 * ppm) + 1;
	int filled_min = (int)(3.5 * ppm);
	int gap = (int)(0.7 * ppm) | 1;
	/* a side a fax broke into dashes joined along its length first */
	PIX *hc = pixCloseBrick(NULL, lines, gap, 1), *vc = pixCloseBrick(NULL, lines, 1, gap);
	PIX *h = hc != NULL ? a2_scan_runs(hc, run, 1) : NULL;
	PIX *v = vc != NULL ? a2_scan_runs(vc, run, 0) : NULL;
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
		int taken = 0, cx = -1, cw;
		boxaGetBoxGeometry(cc, k, &x, &y, &w, &hh);
		cw = hh;   /* the circle: as high as it is wide */
		if (hh < smin || hh > cmax || w < smin || w > 3 * hh)
			continue;
		for (i = 0; i < nsq && !taken; i++) {
			const box *q = &pg->boxes[i];
			taken = x < q->x + q->w && q->x < x + w && y < q->y + q->h && q->y < y + hh;
		}
		if (taken)
			continue;
		if (abs(w - hh) <= w / 5) {
			if (circle_at(closed, f, x, y, w, hh))
				cx = x, cw = w;
		} else if (w > hh * 6 / 5) {
			/* a piece wider than high: a circle with the pen's mark
			 * beside it and touching it (a tick drawn short of it), the
			 * circle at one end */
			if (circle_at(closed, f, x + w - hh, y, hh, hh))
				cx = x + w - hh;
			else if (circle_at(closed, f, x, y, hh, hh))
				cx = x;
		}
		if (cx >= 0 && add_box(pg, &cap, cx, y, cw, hh, 1) != 0)
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

/* Where a fax thinned a box's sides to dashes too short to be found, or a
 * pen's mark drawn over or beside a box joined it to a piece that is no
 * box's shape (a tick running out of the box, one touching an option's
 * circle), the form's layout says where it is: the label's first word
 * stands where the boxes found put theirs (dx, dy from the box, within
 * 2 mm of the labels' column), so a box of the found size is looked for
 * there, within 1.5 mm each way.  A square (the votes' column) is the
 * place where its four sides are best covered by the printed lines l
 * (each side's edge band along 30% or more, together 1.8 sides or more;
 * or two sides whole, the others faded in the print or the scan); a
 * circle (an option's) the place where the middles of its four sides are
 * best covered (each 80% or more: a mark over it adds ink, it takes none
 * away).  The label's word is the first of its line read plainly (a tick
 * before it read as "J" is no word).  A label line's next lines
 * ("approval (in which case ...") have no box printed left of them:
 * their sides are not there.  A square whose place has no outline but is
 * inked over (OCR_HIDDEN_FILL of its inner square on the ink with the
 * rules: a scribble's long strokes go with the table's rules from the
 * lines) is placed there, hidden: a box under a scribble or a fill, read
 * only as one of those (ocrpage.c, a2_ocr_probe).  No vote comes from the layout
 * alone: the box is measured, and the row must still show two, one
 * marked, one empty. */
/* A square's side toward its label standing alone (outline_at): covered
 * along this share, the other three under OCR_LONE_REST (measured on the
 * 204 x 196 faxes of the Secretariat's form: such a side 0.86-0.98, the
 * stubs of the others 0-0.21; where a label's next line would have its
 * box, the right side 0.42 at most). */
#define OCR_LONE_SIDE 0.8
#define OCR_LONE_REST 0.3
/* A square's place inked over (place_column): this share of its inner
 * square (the Secretariat's form's scribbled-out boxes 0.93-0.96; every
 * other place without an outline on the three generated sets' forms,
 * ocrtest's and samples/scans': 0.147 at most). */
#define OCR_HIDDEN_FILL 0.3
/* The smallest box the layout is taken from (mm): the generated forms'
 * 3.05 mm squares, the Secretariat's 5 mm ones. */
#define OCR_LAY_MIN 2.8
/* ... from words read at this confidence or more: a tick beside a box
 * read as a word ("fi", "Ji", "ignis" at 65-66%, a tick with "assigns" at
 * 61%) stands where no label begins (5.7-6.5 mm from its box, or 15.9,
 * where the labels begin 10.2 mm from theirs); the labels' words so
 * placed were read at 83% and more on the generated sets' Secretariat
 * forms (one at 61% too). */
#define OCR_LAY_CONF 75.0f
/* ... from at most this many boxes. */
#define OCR_LAY_MAX 32

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The layout of column col (0 the votes' squares, 1 the options'
 * circles, the next column of boxes right of the votes': a circle on a
 * coarse scan is found as a square) from page pg's boxes with their label
 * right of them and level with them (not the label's next line); the
 * votes' from the boxes found as squares only (a page whose only label
 * level with its box is an option's would set the votes' layout by a
 * circle): the median of each measure, so that a box found where there is
 * none (a bold letter) or a label read in pieces does not set it. */
static void
learn_layout(ocr_layout *lay, const ocr_page *pg, const a2_ocr_word *wd, size_t nw, double ppm, int col)
{
	double m[4][OCR_LAY_MAX], bx[OCR_LAY_MAX], left = 1e9, next = 1e9;
	size_t nm = 0, q, nk, i;

	for (i = 0; i < nw && nm < OCR_LAY_MAX; i++) {
		int k = a2_ocr_box_left_of(pg, &wd[i], ppm);
		const box *b;
		if (k < 0 || (col == 0 && pg->boxes[k].col != 0) || !a2_ocr_plain_word(&wd[i]) ||
		    wd[i].conf < OCR_LAY_CONF ||
		    (i > 0 && wd[i - 1].line == wd[i].line && a2_ocr_box_left_of(pg, &wd[i - 1], ppm) == k))
			continue;
		b = &pg->boxes[k];
		if (b->w < OCR_LAY_MIN * ppm || b->w > 6.5 * ppm ||
		    fabs(wd[i].y + wd[i].h / 2.0 - (b->y + b->h / 2.0)) > b->h / 2.0)
			continue;
		m[0][nm] = (wd[i].x - b->x) / ppm;
		m[1][nm] = (wd[i].y - b->y) / ppm;
		m[2][nm] = b->w / ppm;
		m[3][nm] = b->h / ppm;
		bx[nm] = b->x / ppm;
		left = bx[nm] < left ? bx[nm] : left;
		nm++;
	}
	/* the column's boxes: the leftmost's, within 2 mm; the next column
	 * begins 2 to 12 mm right of it (the options indented) */
	for (i = 0; i < nm; i++)
		if (bx[i] > left + 2.0 && bx[i] <= left + 12.0 && bx[i] < next)
			next = bx[i];
	if (col == 1 && next > left + 12.0)
		return;
	for (i = nk = 0; i < nm; i++)
		if (col == 0 ? bx[i] <= left + 2.0 : bx[i] >= next && bx[i] <= next + 2.0) {
			for (q = 0; q < 4; q++)
				m[q][nk] = m[q][i];
			nk++;
		}
	if ((nm = nk) == 0)
		return;
	for (q = 0; q < 4; q++)
		qsort(m[q], nm, sizeof(double), cmp_double);
	lay->known = 1;
	lay->off = col == 0 ? 0 : next - left;
	lay->dx = m[0][nm / 2];
	lay->dy = m[1][nm / 2];
	lay->w = m[2][nm / 2];
	lay->h = m[3][nm / 2];
}

/* How well a square (col 0) or a circle (col 1) of w x h at (x, y) of the
 * printed lines l (without the table's rules) is there: the sides' cover
 * summed, 0 none.  Its label is right of it (a right-to-left page is read
 * as its mirror image: ocrpage.c). */
static double
outline_at(PIX *l, int x, int y, int w, int h, int col)
{
	int e = w / 8 + 1, q, whole = 0, thin = 0, lone = 1;
	double c, sum = 0;

	if (col == 1)
		return side_middles(l, x, y, w, h);
	/* four sides there, 30% of each at least; or two whole (the print
	 * faded: "[ ]", a corner); or the side toward the label alone
	 * (OCR_LONE_SIDE), little on the others: a fax's threshold took the
	 * rest of the Secretariat's thin grey outline, a corner's stub left;
	 * the table's rules are not in l and a letter's stem is shorter than
	 * the side; the sides one by one, left as soon as none can hold */
	for (q = 0; q < 4; q++) {
		c = q < 2 ? cover(l, x, q ? y + h - e : y, w, e, 1) : cover(l, q == 3 ? x + w - e : x, y, e, h, 0);
		sum += c;
		whole += c >= 0.75;
		thin += c < 0.3;
		lone &= q == 3 ? c >= OCR_LONE_SIDE : c < OCR_LONE_REST;
		if (thin && whole + 3 - q < 2 && !lone)
			return 0;
	}
	if (lone)
		return sum;
	return (thin || sum < 1.8) && whole < 2 ? 0 : sum;
}

/* A word of four Arabic letters or more (vowel signs with them) read at
 * OCR_ARABIC_CONF or more, which may begin a label as a word read plainly
 * does: the Arabic pass reads the printed words with less confidence than
 * the Latin one (the first word of the "assigns" label, "تخوّل", at
 * 50-84% on the Arabic form's pages, under OCR_PLAIN_CONF in some rows).  A box
 * is placed before it only where the form's outline is found. */
#define OCR_ARABIC_CONF 50.0f
static int
arabic_word(const a2_ocr_word *wd)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)wd->text;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	int letters = 0;

	if (wd->conf < OCR_ARABIC_CONF)
		return 0;
	for (; *s; s += n) {
		if ((n = utf8proc_iterate(s, -1, &c)) <= 0 || !a2_ocr_is_arabic((unsigned)c))
			return 0;
		letters += utf8proc_category(c) == UTF8PROC_CATEGORY_LO;
	}
	return letters >= 4;
}

int
a2_ocr_label_x(const ocr_layout *lay, int vx, double ppm)
{
	return vx + (int)lround((lay->off + lay->dx) * ppm);
}

int
a2_ocr_label_gap(const ocr_layout *lay, double ppm)
{
	return (int)((lay->dx - lay->w) * ppm);
}

/* The boxes of column col placed by its layout lay on page pg, whose
 * votes' column of boxes is at x = vx.  0, or -1 out of memory. */
static int
place_column(const ocr_layout *lay, ocr_page *pg, size_t *cap, int vx, PIX *l, PIX *ink, const a2_ocr_word *wd,
             size_t nw, double ppm, int col)
{
	int w = (int)lround(lay->w * ppm), h = (int)lround(lay->h * ppm), r = (int)(1.5 * ppm);
	int dx = (int)lround(lay->dx * ppm), dy = (int)lround(lay->dy * ppm);
	int lx = a2_ocr_label_x(lay, vx, ppm);
	size_t i;

	for (i = 0; i < nw; i++) {
		int x0, y0, x, y, bx = 0, by = 0, skip = 0;
		double best = 0, s;
		size_t j, ls, le;
		if (!(a2_ocr_plain_word(&wd[i]) || arabic_word(&wd[i])) || wd[i].x > lx + 2 * ppm ||
		    wd[i].x < lx - a2_ocr_label_gap(lay, ppm) || a2_ocr_box_left_of(pg, &wd[i], ppm) >= 0)
			continue;
		/* a word begun in the gap before the labels: ink there read
		 * with it (a ring round the label, cut where the line was read
		 * again from: a2_ocr_reread_labels), the label where they begin */
		x0 = (wd[i].x < lx - 2 * ppm ? lx : wd[i].x) - dx;
		y0 = wd[i].y - dy;
		/* the words of its line, wd[ls..le) (Tesseract's order) */
		for (ls = i; ls > 0 && wd[ls - 1].line == wd[i].line; ls--)
			;
		for (le = i + 1; le < nw && wd[le].line == wd[i].line; le++)
			;
		/* the label is the first word of its line read plainly from
		 * where its box would be: a mark before it (a tick read as "J"
		 * or "/") is no word of the line, nor the table's first column
		 * ("Draft new" is on the line of "assigns" where Tesseract
		 * joins them), nor a word of one or two letters begun at the
		 * box's place and ending within it or before the label (the box
		 * and the mark over it read as "MÍ", with a tick left of it as
		 * "ZO", a circle with a tick over it running right as "of");
		 * and
		 * no box is where a word of three characters or more covers
		 * half the place: printed text, whose strokes make sides (a
		 * footer's "5111" before "Fax:"; a marked box is read as a word
		 * of one or two: "x", "J", "[]") */
		for (j = ls; j < le && !skip; j++) {
			int a = wd[j].x > x0 - r ? wd[j].x : x0 - r;
			int z = wd[j].x + wd[j].w < x0 + w + r ? wd[j].x + wd[j].w : x0 + w + r;
			int in_place = a2_ocr_n_chars(wd[j].text) <= 2 && wd[j].x >= x0 - r - w &&
			    wd[j].x + wd[j].w <= (x0 + w + r > wd[i].x ? x0 + w + r : wd[i].x);
			skip = (j < i && a2_ocr_plain_word(&wd[j]) && wd[j].x + wd[j].w > x0 - r && !in_place) ||
			    (j != i && a2_ocr_n_chars(wd[j].text) >= 3 && z - a > w / 2);
		}
		if (skip)
			continue;
		/* nothing printed there (a label's next line): no side, at once */
		if (a2_scan_ink_in(l, x0 - r, y0 - r, w + 2 * r, h + 2 * r) == 0)
			continue;
		for (y = y0 - r; y <= y0 + r; y++)
			for (x = x0 - r; x <= x0 + r; x++)
				if ((s = outline_at(l, x, y, w, h, col)) > best) {
					best = s;
					bx = x;
					by = y;
				}
		if (best > 0) {
			if (add_box(pg, cap, bx, by, w, h, col) != 0)
				return -1;
		} else if (col == 0 &&
		    a2_scan_ink_in(ink, x0 + w / 8, y0 + h / 8, w - w / 4, h - h / 4) >= OCR_HIDDEN_FILL) {
			/* no outline, the place inked over: the box under it */
			if (add_box(pg, cap, x0, y0, w, h, col) != 0)
				return -1;
			pg->boxes[pg->n_boxes - 1].hidden = 1;
		}
	}
	return 0;
}

int
a2_ocr_boxes_from_layout(ocr_fe *fe, ocr_page *pg, PIX *l, PIX *ink, const a2_ocr_word *wd, size_t nw, double ppm)
{
	size_t cap = pg->n_boxes, nfound = pg->n_boxes, i;
	int col, vx = -1;

	for (col = 0; col < 2; col++)
		if (!fe->lay[col].known)
			learn_layout(&fe->lay[col], pg, wd, nw, ppm, col);
	pg->vx = -1;
	if (!fe->lay[0].known)
		return 0;
	/* the votes' column: the leftmost box found on this page of their
	 * size */
	for (i = 0; i < nfound; i++)
		if (fabs(pg->boxes[i].w - fe->lay[0].w * ppm) <= 0.15 * fe->lay[0].w * ppm &&
		    (vx < 0 || pg->boxes[i].x < vx))
			vx = pg->boxes[i].x;
	if ((pg->vx = vx) < 0)
		return 0;
	/* the boxes found in the options' column are options' (a circle on
	 * a coarse scan is found as a square): a mark beside one is drawn
	 * away from its label, the vote's column left of it */
	for (i = 0; i < nfound && fe->lay[1].known; i++)
		if (fabs(pg->boxes[i].x - vx - fe->lay[1].off * ppm) <= 2 * ppm)
			pg->boxes[i].col = 1;
	for (col = 0; col < 2; col++)
		if (fe->lay[col].known && place_column(&fe->lay[col], pg, &cap, vx, l, ink, wd, nw, ppm, col) != 0)
			return -1;
	return 0;
}

/* The binary page b without the table's rules (runs over 8 mm across or
 * down), as the QR path's without_rules() (scan.c) but for a page without
 * fiducials, whose deskew leaves the rules a little slanted: the steps of
 * a slanted rule joined before it is found (else what is left of it are
 * dashes of a few mm, a box's side to the finder), and a pixel either side
 * of it taken with it. */
PIX *
a2_ocr_no_rules(PIX *b, double ppm)
{
	int len = (int)(8 * ppm);
	PIX *hc = pixCloseBrick(NULL, b, 1, 3), *vc = pixCloseBrick(NULL, b, 3, 1);
	PIX *h = hc != NULL ? a2_scan_runs(hc, len, 1) : NULL;
	PIX *v = vc != NULL ? a2_scan_runs(vc, len, 0) : NULL;
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
