/* read/scan/marks.c -- the ink in and around each printed box
 * (read/scan/page.h): inside it, just outside its outline (a tick or a
 * cross running out), beside it toward or away from its label, and rings
 * round an option's text; and the signature area's ink.  Each box gets a
 * state (B_*) from the calibrated thresholds of page.h; deciding a text
 * from its boxes is read/scan/decide.c's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "read/scan/page.h"

/* The ink pixels of binary b in [x, x+w) x [y, y+h), and in *area that
 * rectangle's pixels on the page (0: none). */
static double
ink_count(PIX *b, int x, int y, int w, int h, double *area)
{
	BOX *r;
	l_int32 n = 0;
	int W = pixGetWidth(b), H = pixGetHeight(b);

	if (x < 0) { w += x; x = 0; }
	if (y < 0) { h += y; y = 0; }
	if (x + w > W) w = W - x;
	if (y + h > H) h = H - y;
	*area = 0;
	if (w <= 0 || h <= 0)
		return 0;
	*area = (double)w * h;
	r = boxCreate(x, y, w, h);
	pixCountPixelsInRect(b, r, &n, NULL);
	boxDestroy(&r);
	return n;
}

double
a2_scan_ink_in(PIX *b, int x, int y, int w, int h)
{
	double area, n = ink_count(b, x, y, w, h, &area);

	return area > 0 ? n / area : 0;
}

PIX *
a2_scan_runs(PIX *b, int len, int across)
{
	int s1 = (int)sqrt((double)len), s2, r, n = 0, i;
	SEL *sel[3] = {NULL, NULL, NULL};
	PIX *t = NULL, *u;

	/* pixOpenBrick's opening by a line of len pixels, the line made of
	 * a brick of s1, a comb of s2 teeth s1 apart and a brick of r + 1
	 * (s1 * s2 + r = len): s1 + s2 + r + 1 rasterops a pass, not len,
	 * and the same pixels (t_runs) */
	if (s1 < 2)
		return pixOpenBrick(NULL, b, across ? len : 1, across ? 1 : len);
	s2 = len / s1;
	r = len - s1 * s2;
	sel[n++] = selCreateBrick(across ? 1 : s1, across ? s1 : 1, across ? 0 : s1 / 2, across ? s1 / 2 : 0, SEL_HIT);
	sel[n++] = selCreateComb(s1, s2, across ? L_HORIZ : L_VERT);
	if (r > 0)
		sel[n++] = selCreateBrick(across ? 1 : r + 1, across ? r + 1 : 1, across ? 0 : (r + 1) / 2,
		    across ? (r + 1) / 2 : 0, SEL_HIT);
	if (sel[0] != NULL && sel[1] != NULL && (r == 0 || sel[2] != NULL))
		t = pixClone(b);
	/* eroded by each, then dilated by each */
	for (i = 0; i < 2 * n && t != NULL; i++) {
		u = i < n ? pixErode(NULL, t, sel[i]) : pixDilate(NULL, t, sel[i - n]);
		pixDestroy(&t);
		t = u;
	}
	for (i = 0; i < n; i++)
		selDestroy(&sel[i]);
	return t;
}

/* The page without its long straight lines (table rules, over 8 mm): what
 * is left near a box is the pen's. */
PIX *
a2_scan_without_rules(PIX *b, double ppm)
{
	int len = (int)(8 * ppm);
	PIX *h = a2_scan_runs(b, len, 1), *v = a2_scan_runs(b, len, 0), *out = NULL;

	if (h != NULL && v != NULL && pixOr(h, h, v) != NULL)
		out = pixSubtract(NULL, b, h);
	pixDestroy(&h);
	pixDestroy(&v);
	return out;
}

/* How far the ink inside [x, x+w) x [y, y+h) of binary b spreads, as the
 * larger of its width and height over the area's: a cross or a tick spans
 * the box, a dot does not. */
static double
spread(PIX *b, int x, int y, int w, int h)
{
	int W = pixGetWidth(b), H = pixGetHeight(b), wpl = pixGetWpl(b), i, j;
	int x0 = w, x1 = -1, y0 = h, y1 = -1;

	for (j = 0; j < h; j++) {
		l_uint32 *line;
		if (y + j < 0 || y + j >= H)
			continue;
		line = pixGetData(b) + (size_t)(y + j) * (size_t)wpl;
		for (i = 0; i < w; i++)
			if (x + i >= 0 && x + i < W && GET_DATA_BIT(line, x + i)) {
				if (i < x0) x0 = i;
				if (i > x1) x1 = i;
				if (j < y0) y0 = j;
				if (j > y1) y1 = j;
			}
	}
	if (x1 < 0 || w <= 0 || h <= 0)
		return 0;
	return fmax((double)(x1 - x0 + 1) / w, (double)(y1 - y0 + 1) / h);
}

/* The connected pieces of ink of [x, x+w) x [y, y+h) of binary b: the
 * pixels of the largest (*largest), and the bounding box, within the
 * square, of those of min pixels or more (ext: x0, y0, x1, y1; x1 < 0 for
 * none).  The number of pieces (0 also when no memory). */
static int
pieces(PIX *b, int x, int y, int w, int h, int min, int *largest, int ext[4])
{
	BOX *r = boxCreate(x, y, w, h);
	PIX *c = r != NULL ? pixClipRectangle(b, r, NULL) : NULL;
	PIXA *pa = NULL;
	BOXA *ba = c != NULL ? pixConnComp(c, &pa, 8) : NULL;
	l_int32 i, n, cnt, bx, by, bw, bh;

	*largest = 0;
	ext[0] = w, ext[1] = h, ext[2] = ext[3] = -1;
	n = ba != NULL ? boxaGetCount(ba) : 0;
	for (i = 0; i < n; i++) {
		PIX *p = pixaGetPix(pa, i, L_CLONE);
		if (p != NULL && pixCountPixels(p, &cnt, NULL) == 0) {
			if (cnt > *largest)
				*largest = cnt;
			if (cnt >= min && boxaGetBoxGeometry(ba, i, &bx, &by, &bw, &bh) == 0) {
				ext[0] = bx < ext[0] ? bx : ext[0];
				ext[1] = by < ext[1] ? by : ext[1];
				ext[2] = bx + bw - 1 > ext[2] ? bx + bw - 1 : ext[2];
				ext[3] = by + bh - 1 > ext[3] ? by + bh - 1 : ext[3];
			}
		}
		pixDestroy(&p);
	}
	boxaDestroy(&ba);
	pixaDestroy(&pa);
	pixDestroy(&c);
	boxDestroy(&r);
	return n;
}

/* spread() of the pieces of ink of 3 pixels or more: a fax's outline,
 * jagged where its rows were doubled, reaches into the square in specks
 * of a pixel or two, all across it, beside a dot. */
static double
piece_spread(PIX *b, int x, int y, int w, int h)
{
	int largest, e[4];

	pieces(b, x, y, w, h, 3, &largest, e);
	if (e[2] < 0 || w <= 0 || h <= 0)
		return 0;
	return fmax((double)(e[2] - e[0] + 1) / w, (double)(e[3] - e[1] + 1) / h);
}

/* Ink in [x, x+w) x [y, y+h) of binary b: its fraction, and the mean
 * row of it relative to row cy in units of unit (0 when none).  Rows
 * inked across 90% of the width or more are not counted: beside a box,
 * the edge of a blurred table rule that a2_scan_without_rules left (a
 * mark there read "between two boxes"); at a ring's end, its top or bottom
 * arc running flat (drawing its centre line up or down). */
static double
ink_where(PIX *b, int x, int y, int w, int h, int cy, int unit, double *dy)
{
	int W = pixGetWidth(b), H = pixGetHeight(b), wpl = pixGetWpl(b), i, j;
	double n = 0, sy = 0;

	*dy = 0;
	if (w <= 0 || h <= 0)
		return 0;
	for (j = y < 0 ? -y : 0; j < h && y + j < H; j++) {
		l_uint32 *line = pixGetData(b) + (size_t)(y + j) * (size_t)wpl;
		int row = 0;
		for (i = x < 0 ? -x : 0; i < w && x + i < W; i++)
			row += GET_DATA_BIT(line, x + i) != 0;
		if (row * 10 >= w * 9)
			continue;
		n += row;
		sy += (double)row * (y + j);
	}
	if (n > 0)
		*dy = (sy / n - cy) / (unit > 0 ? unit : 1);
	return n / ((double)w * h);
}

/* The ink of b between the square g round box k and the square o round
 * it (o < g): its share of that frame on the page. */
static double
ink_around(PIX *b, const box *k, int o, int g)
{
	double a_out, a_in;
	double n_out = ink_count(b, k->x - g, k->y - g, k->w + 2 * g, k->h + 2 * g, &a_out);
	double n_in = ink_count(b, k->x - o, k->y - o, k->w + 2 * o, k->h + 2 * o, &a_in);

	return a_out > a_in ? (n_out - n_in) / (a_out - a_in) : 0;
}

/* The ink of binary b on the outline of the w x h box at (x, y), one
 * pixel wide. */
static double
outline_ink(PIX *b, int x, int y, int w, int h)
{
	return a2_scan_ink_in(b, x, y, w, 1) + a2_scan_ink_in(b, x, y + h - 1, w, 1) +
	    a2_scan_ink_in(b, x, y, 1, h) + a2_scan_ink_in(b, x + w - 1, y, 1, h);
}

void
a2_scan_snap(PIX *b, box *k, int t)
{
	int dx, dy, bx = 0, by = 0;
	double best = outline_ink(b, k->x, k->y, k->w, k->h);

	for (dy = -t; dy <= t; dy++)
		for (dx = -t; dx <= t; dx++) {
			double v = outline_ink(b, k->x + dx, k->y + dy, k->w, k->h);
			if (v > best + 1e-9) {
				best = v;
				bx = dx;
				by = dy;
			}
		}
	k->x += bx;
	k->y += by;
}

static void
measure(PIX *b, PIX *light, box *k, int ltr)
{
	int m = A2_SCAN_MARGIN(k);
	int o = k->w / 10 > 2 ? k->w / 10 : 2, g = k->w * 35 / 100;

	k->in = a2_scan_ink_in(b, k->x + m, k->y + m, k->w - 2 * m, k->h - 2 * m);
	k->light = a2_scan_ink_in(light, k->x + m, k->y + m, k->w - 2 * m, k->h - 2 * m);
	k->ring = 0;   /* the ring round its label: a2_scan_rings */
	/* just outside the outline: where a tick's stroke runs out; on the
	 * lighter threshold, a faint pen's */
	k->near = ink_around(b, k, o, g);
	k->lnear = ink_around(light, k, o, g);
	k->halo = ink_around(b, k, o, k->w * 6 / 10);
	{
		int sw = k->w * 14 / 10, sg = k->w / 10, cy = k->y + k->h / 2;
		int xl = ltr ? k->x + k->w + sg : k->x - sg - sw, xa = ltr ? k->x - sg - sw : k->x + k->w + sg;
		k->lab = ink_where(b, xl, k->y - k->h / 2, sw, k->h * 2, cy, k->h, &k->lab_dy);
		k->away = ink_where(b, xa, k->y - k->h / 2, sw, k->h * 2, cy, k->h, &k->away_dy);
	}
	{
		/* beside the box: toward its label for the vote's boxes (the
		 * other side is the table's rule), away from it for the options'
		 * (their label's side is the vote's text above and below) */
		double side = k->col ? k->away : k->lab, side_dy = k->col ? k->away_dy : k->lab_dy;
		int ix = k->x + m, iy = k->y + m, iw = k->w - 2 * m, ih = k->h - 2 * m;
		/* how far the lighter threshold's ink spreads, where there is
		 * enough of it for a faint mark (both rules below ask that) */
		double lspread = k->light >= FAINT_MARK ? spread(light, ix, iy, iw, ih) : 0;
		/* a dot: its ink not across the box, nor on the lighter
		 * threshold (a faint pen's stroke across the box whose darkest
		 * part is a dot is read as faint marks are, below) */
		int dotlike = k->in >= IN_EMPTY && k->in < IN_DENSE && piece_spread(b, ix, iy, iw, ih) < DOT_SPREAD &&
		    lspread < DOT_FAINT_SPREAD;
		k->unsure = U_NONE;
		k->faint = 0;
		if (k->in < IN_EMPTY && k->near < NEAR_TICK &&
		    side >= (k->col && k->near >= NEAR_MARK ? SIDE_BETWEEN : SIDE_NEAR) && fabs(side_dy) >= SIDE_DY) {
			k->state = B_UNSURE;   /* as near the next box as this one */
			k->unsure = U_BETWEEN;
		} else if (k->in >= IN_DENSE)
			k->state = B_DENSE;
		else if (dotlike && k->near < NEAR_MARK && k->lnear < FAINT_NEAR) {
			k->state = B_UNSURE;   /* a dot, not a mark across the box */
			k->unsure = U_DOT;
		} else if (k->in >= IN_MARK || k->near >= NEAR_MARK)
			k->state = B_MARK;     /* across the box, or a tick or cross
			                        * running out of it */
		else if (side >= SIDE_MARK && fabs(side_dy) < SIDE_DY)
			k->state = B_BESIDE;
		else if (k->in < IN_MARK && k->near < NEAR_MARK && side < SIDE_NEAR && k->light >= FAINT_MARK &&
		    (k->in > 0 || (k->near > 0 && k->lnear >= FAINT_OUT)) && lspread >= FAINT_SPREAD) {
			k->state = B_MARK;     /* a light stroke drawn across the box
			                        * (on the lighter threshold), its
			                        * darkest part reaching the ink's
			                        * inside it, or just outside where
			                        * the stroke runs out of it: a faint
			                        * pen (a light smudge stays inside) */
			k->faint = 1;
		} else if (side < SIDE_NEAR && k->lnear >= FAINT_NEAR && k->light < IN_DENSE)
			k->state = B_MARK;     /* a light stroke running out of the
			                        * box all round it (on the lighter
			                        * threshold): a faint tick or cross,
			                        * its darker part a dot, a stroke over
			                        * an edge, or nothing */
		else if (k->in >= IN_EMPTY || k->near >= NEAR_UNSURE || side >= SIDE_NEAR) {
			k->state = B_UNSURE;
			k->unsure = U_STRAY;
		} else if (k->light >= IN_MARK) {
			k->state = B_UNSURE;   /* a very faint mark, or a smudge */
			k->unsure = U_FAINT;
		} else
			k->state = B_EMPTY;
	}
}

void
a2_scan_measure_box(PIX *b, PIX *light, box *k, int ltr)
{
	measure(b, light, k, ltr);
	if (k->state == B_MARK && k->in < IN_MARK && k->near >= NEAR_MARK && k->near < NEAR_TICK) {
		/* marked by a little ink just outside it, and under IN_MARK
		 * inside: measured again where its printed outline is (a box
		 * placed a pixel or two off the print has the outline's edge
		 * just outside it, and on a 204 x 98 fax, whose rows are
		 * doubled, the opposite edge's last row inside the square
		 * measured: 0.07, seed 333's "Comments attached" read with
		 * confidence, nothing drawn), and empty when nothing at all is
		 * just outside it there.  Taken whenever the box so measured is
		 * not marked, it lost 8 right answers of 6 sets (ticks and
		 * faint marks whose box moved) */
		box s = *k;
		a2_scan_snap(b, &s, k->w / 9 + 1);
		if (s.x != k->x || s.y != k->y) {
			measure(b, light, &s, ltr);
			if (s.state == B_EMPTY && s.near < NEAR_UNSURE)
				*k = s;
		}
	}
	if (k->state == B_MARK && k->in < IN_EMPTY && k->light < IN_EMPTY && k->near >= NEAR_MARK &&
	    k->near < NEAR_TICK && k->lnear < NEAR_UNSURE) {
		/* marked by ink just outside it on the ink threshold alone,
		 * none there on the lighter one, which holds all the ink's
		 * but the long lines taken from it: a table rule's edge the
		 * ink threshold broke into short runs (the rule half a box
		 * above the box on a scaled JPEG, seed 255: read "assigns"
		 * with confidence, nothing drawn).  A pen's stroke there is
		 * on both (measured: marks so read, 0.026-0.12 on the lighter
		 * threshold, at least their ink's).  Unclear */
		k->state = B_UNSURE;
		k->unsure = U_STRAY;
	}
}

/* Circled option texts.  A ring drawn round the first line of a box's
 * label is found two ways: by its end (ring_end: the ring's end toward the
 * boxes on one box's line, in the gap before its label), and by the line
 * it encloses (ring_at).  For the latter the ring is a stroke (with the
 * glyphs it touches) 1.5 to RING_HIGH boxes high (RING_HIGH_SPARSE when
 * its ink is sparse) that encloses that line: over the middle of its
 * width it has ink both above the line's letters and below them, while
 * for the line above or below it has ink on one side only; its end toward
 * the box is in the gap between the box and its label (or over the
 * label's first letters, RING_END_MM).
 * The stroke is one connected piece of the ink 20 mm wide or more, or a
 * ring broken where the pen's pressure dropped or a fax's threshold or a
 * JPEG's blocks thinned it: its arcs (pieces 4 mm wide or more, 2 mm apart
 * at most) taken together.  b: the ink without the rules. */

/* The share of [x, x+w) x [y, y+h) of binary b that its largest
 * connected piece covers (a ring and the glyphs it touches: little; lines
 * of text run together: much). */
static double
own_fill(PIX *b, int x, int y, int w, int h)
{
	int largest, e[4];

	return pieces(b, x, y, w, h, 1, &largest, e) > 0 ? (double)largest / ((double)w * h) : 1.0;
}

/* A ring round the first line of a box's label at [x, x+w) x [y, y+h) of
 * b, by its end toward the boxes: on the line of one box (the mean row of
 * the ink in its last millimetre), in the gap before its label?  Its box
 * marked circled when so. */
static void
ring_end(PIX *b, double ppm, int ltr, box *k, size_t n, const int *gap, int x, int y, int w, int h)
{
	double ecy, best = 1e9, second = 1e9;
	size_t at = n, j;

	if (own_fill(b, x, y, w, h) > 0.35)
		return;   /* a block of text run together */
	/* the ring's end toward the boxes is on its centre line: the mean
	 * row of the ink in its last millimetre (the gap before the label
	 * holds nothing else) */
	if (ink_where(b, ltr ? x : x + w - (int)ppm, y, (int)ppm + 1, h, 0, 1, &ecy) <= 0)
		return;
	for (j = 0; j < n; j++) {
		box *q = &k[j];
		int end = ltr ? x - (q->x + q->w) : (q->x) - (x + w);
		double d = fabs(ecy - (q->y + q->h / 2.0));
		if (q->missing || h < q->h * 3 / 2 || h > q->h * 9 / 2 ||
		    end < q->w / 5 || end > gap[q->col] - q->w / 6)
			continue;
		if (d < best) {
			second = best;
			best = d;
			at = j;
		} else if (d < second)
			second = d;
	}
	/* on the line of one box, not between two */
	if (at < n && best < k[at].h * 0.75 && second > k[at].h * 1.1)
		k[at].circled |= RING_BY_END;
}

/* The share of the columns of the middle 60% of candidate c (its own
 * pixels, its top at row y of the page) that have ink both above row
 * cy - r and below row cy + r: 1 for a ring round line cy, 0 for a ring
 * round the line above or below it. */
static double
encloses(PIX *c, int y, int cy, int r)
{
	int w = pixGetWidth(c), h = pixGetHeight(c), wpl = pixGetWpl(c), i, j, n = 0, both = 0;
	int top = cy - r - y, bot = cy + r - y;

	if (top <= 0 || bot >= h - 1)
		return 0;
	for (i = w / 5; i < w - w / 5; i++) {
		int up = 0, down = 0;
		for (j = 0; j < top && !up; j++)
			up = GET_DATA_BIT(pixGetData(c) + (size_t)j * (size_t)wpl, i) != 0;
		for (j = bot + 1; j < h && !down; j++)
			down = GET_DATA_BIT(pixGetData(c) + (size_t)j * (size_t)wpl, i) != 0;
		n++;
		both += up && down;
	}
	return n > 0 ? (double)both / n : 0;
}

/* The share of the columns of the middle 60% of candidate c whose first
 * run of ink from the top and first from the bottom are both thinner than
 * RING_THIN_MM: a pen's stroke round a line, not letters run together
 * (whose first run down a column is a letter's stem). */
static double
thin_share(PIX *c, double ppm)
{
	int w = pixGetWidth(c), h = pixGetHeight(c), wpl = pixGetWpl(c), i, j, n = 0, thin = 0;
	int lim = (int)(RING_THIN_MM * ppm);
	const l_uint32 *d = pixGetData(c);

	for (i = w / 5; i < w - w / 5; i++) {
		int top = 0, bot = 0, seen = 0;
		for (j = 0; j < h; j++) {
			if (GET_DATA_BIT(d + (size_t)j * (size_t)wpl, i))
				seen = 1, top++;
			else if (seen)
				break;
		}
		if (!seen)
			continue;
		for (j = h - 1, seen = 0; j >= 0; j--) {
			if (GET_DATA_BIT(d + (size_t)j * (size_t)wpl, i))
				seen = 1, bot++;
			else if (seen)
				break;
		}
		n++;
		thin += top < lim && bot < lim;
	}
	return n > 0 ? (double)thin / n : 0;
}

/* encloses() round a band of box j's label below its first line, before
 * the line of the next box below (at most two boxes' height lower): the
 * most over the bands a box high, an eighth of a box apart, and in *lcy
 * the centre row of that band.  A ring drawn round the label's two lines
 * crosses its first. */
static double
lower_band(PIX *c, int y, const box *k, size_t n, size_t j, int *lcy)
{
	const box *q = &k[j];
	int r = q->h / 2, cy = q->y + r, next = q->y + 3 * q->h, d, step = q->h / 8 > 0 ? q->h / 8 : 1;
	double most = 0, e;
	size_t i;

	*lcy = cy;
	for (i = 0; i < n; i++)
		if (!k[i].missing && k[i].y > q->y + r && k[i].y < next)
			next = k[i].y;
	for (d = step; cy + d + r <= next - q->h / 4; d += step)
		if ((e = encloses(c, y, cy + d, r)) > most) {
			most = e;
			*lcy = cy + d;
		}
	return most;
}

/* Does candidate c (its top at row y) cross the band of rows [cy - r,
 * cy + r] within the first and within the last tenth of its width: a ring
 * closed at both ends round line cy, not an arc of one? */
static int
closed_ends(PIX *c, int y, int cy, int r)
{
	int w = pixGetWidth(c), h = pixGetHeight(c), wpl = pixGetWpl(c), i, j, e, hit[2] = {0, 0};
	int j0 = cy - r - y, j1 = cy + r - y;
	const l_uint32 *d = pixGetData(c);

	if (j0 < 0)
		j0 = 0;
	if (j1 > h)
		j1 = h;
	for (e = 0; e < 2; e++)
		for (i = e ? w - w / 10 : 0; i < (e ? w : w / 10) && !hit[e]; i++)
			for (j = j0; j < j1 && !hit[e]; j++)
				hit[e] = GET_DATA_BIT(d + (size_t)j * (size_t)wpl, i) != 0;
	return hit[0] && hit[1];
}

/* Candidate c (its own pixels, placed at (x, y) on the page): a ring round
 * the first line of one box's label?  That box marked circled, its ring
 * the best coverage seen.  put_back: c has a rule's stretch put back
 * (along_rule), which a line of letters touching a rule would close too:
 * a ring then only as a pen's (RING_PEN), its coverage not the box's. */
static void
ring_in(PIX *c, double ppm, int ltr, box *k, size_t n, const int *gap, int x, int y, int put_back)
{
	int w = pixGetWidth(c), h = pixGetHeight(c);
	double best = 0, second = 0, fill;
	size_t at = n, j;
	l_int32 cnt = 0;

	if (pixCountPixels(c, &cnt, NULL) != 0 || (fill = (double)cnt / ((double)w * h)) > 0.35)
		return;   /* a block of text run together */
	for (j = 0; j < n; j++) {
		box *q = &k[j];
		int end = ltr ? x - (q->x + q->w) : q->x - (x + w), cy = q->y + q->h / 2, lcy = cy;
		double e, lower;
		if (q->missing || cy <= y || cy >= y + h)
			continue;
		e = encloses(c, y, cy, q->h / 2);
		lower = e >= RING_LOOSE && fill <= RING_LOWER_FILL ? lower_band(c, y, k, n, j, &lcy) : 0;
		/* all round a band of the label lower down, having been round
		 * its first line loosely (crossing it): one thin stroke, closed
		 * round that band (not two lines of letters with the gap between
		 * them taken for the band) */
		if (lower > e && lower >= RING_ENCLOSE && thin_share(c, ppm) >= RING_LOWER_THIN &&
		    closed_ends(c, y, lcy, q->h / 2))
			e = lower;
		if (h < q->h * 3 / 2 || h > q->h * (fill <= RING_LOOSE_FILL ? RING_HIGH_SPARSE : RING_HIGH) ||
		    end < q->w / 5 || end > gap[q->col] + (int)(RING_END_MM * ppm)) {
			if (e > second)   /* another line it may be round */
				second = e;
			continue;
		}
		if (e > best) {
			if (best > second)
				second = best;
			best = e;
			at = j;
		} else if (e > second)
			second = e;
	}
	if (at < n && best > k[at].ring && !put_back)
		k[at].ring = best;
	/* round the line of one box, not two: all round it, or, drawn
	 * askew or wavering across its letters, a closed ring of one thin
	 * stroke round most of it (RING_PEN: not lines of text run together,
	 * which a fax can make look like a ring round the line) */
	if (at < n && best >= RING_LOOSE) {
		double thin = thin_share(c, ppm);
		int pen = fill <= RING_LOOSE_FILL && thin >= RING_THIN;
		/* round another line too: not this one's, unless one thin
		 * stroke all round this one and round the other only in part
		 * (drawn askew, its far end dipping into the next row) */
		int closed, around;
		if (second > RING_OTHER && !(pen && best >= RING_THICK_ENCLOSE && second <= RING_OTHER_PEN))
			return;
		/* all round it (on a right-to-left form, whose thin letters run
		 * together look like a pen's, closed at both ends too) */
		closed = closed_ends(c, y, k[at].y + k[at].h / 2, k[at].h / 2);
		around = !put_back && best >= RING_ENCLOSE && (ltr || closed);
		if (around && !pen && thin >= RING_THICK && thin < RING_TEXT && best < RING_THICK_ENCLOSE)
			k[at].circled |= RING_TEXTLIKE;   /* or lines of letters run together */
		else if ((around && (thin >= RING_THICK || best >= RING_THICK_ENCLOSE)) || (pen && closed))
			k[at].circled |= RING_AROUND | (pen ? RING_PEN : 0);
	}
}

/* Candidate c (placed at (x, y)) with the stretch of a table rule it runs
 * along put back: a ring round a vote's label drawn over the rule above
 * it lost that part of its arc with the rule (a2_scan_without_rules).  The
 * pixels of rules (what that took from the page) within 6 px of the row
 * where c touches them most, between the first and the last column where
 * it touches them there, are added: a new image placed at (x, *oy), or
 * NULL when c touches no rule over RING_RULE_MM (nothing to put back) or
 * no memory. */
#define NO_ROW (-1000)

static PIX *
along_rule(PIX *c, PIX *rules, double ppm, int x, int y, int *oy)
{
	int w = pixGetWidth(c), h = pixGetHeight(c), wpl = pixGetWpl(c);
	int rw = pixGetWidth(rules), rh = pixGetHeight(rules), rwpl = pixGetWpl(rules);
	int i, j, d, i0 = -1, i1 = -1, at = -1, most = 0, *row, *hits;
	const l_uint32 *cd = pixGetData(c), *rd = pixGetData(rules);
	PIX *o = NULL;

	row = malloc((size_t)w * sizeof(*row));
	hits = calloc((size_t)h + 5, sizeof(*hits));
	if (row == NULL || hits == NULL)
		goto out;
	/* where c touches a rule: its first pixel down a column with one of
	 * the rule's just above or below it (the rule's pixels were taken
	 * from under it); hits[] by row, c's rows from -2 */
	for (i = 0; i < w; i++) {
		row[i] = NO_ROW;
		if (x + i < 0 || x + i >= rw)
			continue;
		for (j = 0; j < h && row[i] == NO_ROW; j++) {
			if (!GET_DATA_BIT(cd + (size_t)j * (size_t)wpl, i))
				continue;
			for (d = -2; d <= 2 && row[i] == NO_ROW; d++)
				if (d != 0 && y + j + d >= 0 && y + j + d < rh &&
				    GET_DATA_BIT(rd + (size_t)(y + j + d) * (size_t)rwpl, x + i)) {
					row[i] = j + d;
					hits[j + d + 2]++;
				}
		}
	}
	/* the rule touched: the row most columns touch it at, within 3 px */
	for (j = 0; j < h + 5; j++) {
		int n = 0;
		for (d = j - 3; d <= j + 3; d++)
			n += d >= 0 && d < h + 5 ? hits[d] : 0;
		if (n > most)
			most = n, at = j - 2;
	}
	for (i = 0; i < w && most > 0; i++)
		if (row[i] != NO_ROW && abs(row[i] - at) <= 3) {
			if (i0 < 0)
				i0 = i;
			i1 = i;
		}
	if (i0 >= 0 && i1 - i0 >= RING_RULE_MM * ppm) {
		int r0 = y + at - 6 < 0 ? 0 : y + at - 6, r1 = y + at + 6 >= rh ? rh - 1 : y + at + 6;
		*oy = r0 < y ? r0 : y;
		if ((o = pixCreate(w, (r1 + 1 > y + h ? r1 + 1 : y + h) - *oy, 1)) != NULL) {
			l_uint32 *od = pixGetData(o);
			size_t owpl = (size_t)pixGetWpl(o);
			pixRasterop(o, 0, y - *oy, w, h, PIX_SRC, c, 0, 0);
			for (j = r0; j <= r1; j++)
				for (i = i0; i <= i1; i++)
					if (GET_DATA_BIT(rd + (size_t)j * (size_t)rwpl, x + i))
						SET_DATA_BIT(od + (size_t)(j - *oy) * owpl, i);
		}
	}
out:
	free(row);
	free(hits);
	return o;
}

/* ring_in() for candidate c, and again with the stretch of a rule it runs
 * along put back (rules: what the rules' removal took; NULL: not). */
static void
ring_at(PIX *c, PIX *rules, double ppm, int ltr, box *k, size_t n, const int *gap, int x, int y)
{
	int oy = y;
	PIX *a = rules != NULL ? along_rule(c, rules, ppm, x, y, &oy) : NULL;

	ring_in(c, ppm, ltr, k, n, gap, x, y, 0);
	if (a != NULL)
		ring_in(a, ppm, ltr, k, n, gap, x, oy, 1);
	pixDestroy(&a);
}

/* The pieces of cc (each min_mm wide or more) taken together with the
 * bounding box [*ux, *ur) x [*uy, *ub) while they come within 2 mm of it
 * sideways and dy_mm up or down, the whole under 14 mm high, in at most
 * passes passes: the number of pieces then (1 the first alone).  used:
 * the pieces taken (NULL: a piece inside the box is not taken again). */
static int
arcs(BOXA *cc, double ppm, int min_mm, int dy_mm, int passes, char *used, l_int32 *ux, l_int32 *uy,
     l_int32 *ur, l_int32 *ub)
{
	l_int32 c, cx, cy, cw, ch, cnt = boxaGetCount(cc);
	int grown = 1, pass, parts = 1;

	for (pass = 0; grown && pass < passes; pass++) {
		grown = 0;
		for (c = 0; c < cnt; c++) {
			l_int32 nx, ny, nr, nb;
			if (used != NULL && used[c])
				continue;
			boxaGetBoxGeometry(cc, c, &cx, &cy, &cw, &ch);
			if (cw < min_mm * ppm || (used == NULL && cx >= *ux && cx + cw <= *ur && cy >= *uy && cy + ch <= *ub))
				continue;
			if (cx > *ur + 2 * ppm || cx + cw < *ux - 2 * ppm || cy > *ub + dy_mm * ppm ||
			    cy + ch < *uy - dy_mm * ppm)
				continue;
			nx = cx < *ux ? cx : *ux;
			ny = cy < *uy ? cy : *uy;
			nr = cx + cw > *ur ? cx + cw : *ur;
			nb = cy + ch > *ub ? cy + ch : *ub;
			if (nb - ny > 14 * ppm)
				continue;
			*ux = nx, *uy = ny, *ur = nr, *ub = nb;
			if (used != NULL)
				used[c] = 1;
			grown = 1;
			parts++;
		}
	}
	return parts;
}

/* Rings round the first line of the boxes' labels (k[].circled) on b:
 * 0, or -1 out of memory. */
static int
circles(PIX *b, PIX *rules, double ppm, int ltr, box *k, size_t n)
{
	PIXA *pa = NULL;
	BOXA *cc = pixConnComp(b, &pa, 8);
	l_int32 i, cnt, x, y, w, h;
	size_t j;
	int gap[2] = {0, 0}, rc = 0;
	char *used;

	if (cc == NULL) {
		pixaDestroy(&pa);
		return -1;
	}
	/* where the labels start, per column: the median distance from a box
	 * to the first ink on its line (most boxes have no ring round their
	 * label); a ring's end is before it, a block of text starts there */
	{
		int d[2][64], nd[2] = {0, 0}, c, p, q, t;
		for (j = 0; j < n; j++) {
			int at, x0;
			if (k[j].missing || nd[k[j].col] >= 64)
				continue;
			for (at = k[j].w / 4; at < k[j].w * 4; at++) {
				x0 = ltr ? k[j].x + k[j].w + at : k[j].x - at - 1;
				if (a2_scan_ink_in(b, x0, k[j].y + k[j].h / 10, 1, k[j].h * 8 / 10) > 0)
					break;
			}
			d[k[j].col][nd[k[j].col]++] = at;
		}
		for (c = 0; c < 2; c++) {
			for (p = 1; p < nd[c]; p++)
				for (q = p; q > 0 && d[c][q - 1] > d[c][q]; q--)
					t = d[c][q], d[c][q] = d[c][q - 1], d[c][q - 1] = t;
			gap[c] = nd[c] > 0 ? d[c][nd[c] / 2] : 0;
		}
	}
	cnt = boxaGetCount(cc);
	if ((used = calloc((size_t)cnt + 1, 1)) == NULL) {
		boxaDestroy(&cc);
		pixaDestroy(&pa);
		return -1;
	}
	for (i = 0; i < cnt && rc == 0; i++) {
		boxaGetBoxGeometry(cc, i, &x, &y, &w, &h);
		if (w >= 20 * ppm) {
			PIX *p = pixaGetPix(pa, i, L_CLONE);
			ring_end(b, ppm, ltr, k, n, gap, x, y, w, h);
			if (p != NULL)
				ring_at(p, rules, ppm, ltr, k, n, gap, x, y);
			pixDestroy(&p);
		}
		if (w >= 8 * ppm) {
			/* by its end: arcs 8 mm wide or more taken together while
			 * they touch, 2 mm apart at most, under 4.5 boxes high */
			l_int32 ux = x, uy = y, ur = x + w, ub = y + h;
			if (arcs(cc, ppm, 8, 0, 4, NULL, &ux, &uy, &ur, &ub) > 1 && ur - ux >= 20 * ppm)
				ring_end(b, ppm, ltr, k, n, gap, ux, uy, ur - ux, ub - uy);
		}
		if (w < 4 * ppm)
			continue;
		/* a broken ring: its arcs (each 4 mm wide or more) taken together
		 * while they come within 2 mm, under 14 mm high */
		{
			l_int32 ux = x, uy = y, ur = x + w, ub = y + h, c, cx, cy, cw, ch;
			int parts;
			memset(used, 0, (size_t)cnt);
			used[i] = 1;
			parts = arcs(cc, ppm, 4, 2, 6, used, &ux, &uy, &ur, &ub);
			if (parts > 1 && ur - ux >= 15 * ppm) {
				/* the pieces' own pixels, together */
				PIX *u = pixCreate(ur - ux, ub - uy, 1);
				if (u == NULL) {
					rc = -1;
					break;
				}
				for (c = 0; c < cnt; c++) {
					PIX *p;
					if (!used[c])
						continue;
					boxaGetBoxGeometry(cc, c, &cx, &cy, &cw, &ch);
					if ((p = pixaGetPix(pa, c, L_CLONE)) != NULL)
						pixRasterop(u, cx - ux, cy - uy, cw, ch, PIX_SRC | PIX_DST, p, 0, 0);
					pixDestroy(&p);
				}
				ring_at(u, rules, ppm, ltr, k, n, gap, ux, uy);
				pixDestroy(&u);
			}
		}
	}
	free(used);
	boxaDestroy(&cc);
	pixaDestroy(&pa);
	return rc;
}

/* The rings round the boxes' labels on the ink b and, a ring drawn lightly
 * breaking where the pen's pressure drops, on the lighter threshold l with
 * its gaps closed; a box whose label is circled then marked (B_BESIDE)
 * when it is empty, or when a stroke or a little ink at it (the ring's end,
 * in the gap before the label, or the ring's arc over the box) is unsure
 * and the ring plainly a pen's or found both ways (lines of text run
 * together on a fax, taken for a ring round the line, and a stray stroke
 * at the box stay unclear).  0, or -1 out of memory. */
int
a2_scan_rings(PIX *b, PIX *l, PIX *rb, PIX *rl, double ppm, int ltr, box *k, size_t n)
{
	int cl = (int)(0.5 * ppm) | 1;
	PIX *lcc = pixCloseSafeBrick(NULL, l, cl, cl);
	int bad = lcc == NULL || circles(b, rb, ppm, ltr, k, n) != 0 || circles(lcc, rl, ppm, ltr, k, n) != 0;
	size_t i;

	pixDestroy(&lcc);
	if (bad)
		return -1;
	for (i = 0; i < n; i++) {
		int c = k[i].circled & ~RING_TEXTLIKE;
		if (c == RING_AROUND && k[i].ring < RING_ALONE && k[i].state == B_EMPTY) {
			k[i].state = B_UNSURE;   /* a ring found one way, loosely,
			                          * or a rule's dashes over a line */
			k[i].unsure = U_RING;
		} else if (c && (k[i].state == B_EMPTY || (k[i].state == B_UNSURE && A2_SCAN_RING_SURE(c)))) {
			k[i].state = B_BESIDE;
			k[i].unsure = U_NONE;
		} else if (!c && k[i].circled && k[i].state == B_EMPTY) {
			k[i].state = B_UNSURE;   /* a ring, or letters run together */
			k[i].unsure = U_RING;
		}
	}
	return 0;
}

/* ---- the signature ------------------------------------------------------ */

/* The row where the table's two sides end below row from (rules: the long
 * lines; each side looked for within 3 mm of left and right), when its
 * last rule is not there (a fax's dropped row took it): both sides
 * running at from, the first row after which neither has run on for
 * 2 mm.  -1 when a side is not there at from. */
static int
table_end(PIX *rules, double ppm, int left, int right, int from, int to)
{
	int m = (int)(3 * ppm), gap = (int)(2 * ppm), y, last = -1;

	if (a2_scan_ink_in(rules, left - m, from, 2 * m, 1) == 0 ||
	    a2_scan_ink_in(rules, right - m, from, 2 * m, 1) == 0)
		return -1;
	for (y = from; y < to; y++) {
		if (a2_scan_ink_in(rules, left - m, y, 2 * m, 1) > 0 || a2_scan_ink_in(rules, right - m, y, 2 * m, 1) > 0)
			last = y;
		else if (y - last > gap)
			return last;
	}
	return -1;
}

/* Ink in the signature area of the form's last page: below the table's last
 * rule, the closing line ("Yours faithfully"), then 12.7 mm of space the
 * form leaves for the signature above the name.  b: the ink without the
 * rules; rules: the long lines; [left, right) the text width; from: the row
 * under the last box.  1 ink there, 0 visibly empty, -1 not found. */
int
a2_scan_signature(PIX *b, PIX *rules, double ppm, int left, int right, int from, int rule_by, int bottom,
                  int *zone)
{
	int W = pixGetWidth(b), y, rule = -1, band0 = -1, band1 = -1, z0, z1;
	double f;

	if (left < 0)
		left = 0;
	if (right > W)
		right = W;
	if (right - left < 50 * ppm)
		return -1;
	/* the table's last rule: a row of long line across most of the width,
	 * above row rule_by */
	for (y = from; y < bottom && y < rule_by; y++)
		if (a2_scan_ink_in(rules, left, y, right - left, 1) > 0.5)
			rule = y;
	if (rule < 0)
		rule = table_end(rules, ppm, left, right, from, rule_by < bottom ? rule_by : bottom);
	if (rule < 0)
		return -1;
	while (rule < bottom && a2_scan_ink_in(rules, left, rule, right - left, 1) > 0.5)
		rule++;
	/* the closing line: the first band of ink under it */
	for (y = rule + (int)ppm; y < bottom && y < rule + (int)(30 * ppm); y++) {
		int inked = a2_scan_ink_in(b, left, y, right - left, 1) * (right - left) >= 3;
		if (band0 < 0 && inked)
			band0 = y;
		else if (band0 >= 0 && !inked) {
			band1 = y;
			break;
		}
	}
	if (band0 < 0 || band1 < 0 || band1 - band0 > 8 * ppm)
		return -1;
	z0 = band1 + (int)(1.5 * ppm);
	z1 = band1 + (int)(11 * ppm);
	if (z1 > bottom)
		return -1;
	zone[0] = left;
	zone[1] = z0;
	zone[2] = right - left;
	zone[3] = z1 - z0;
	f = a2_scan_ink_in(b, left, z0, right - left, z1 - z0);
	return f >= 0.002 ? 1 : f <= 0.0003 ? 0 : -1;
}

/* ---- for the OCR path (read/scan/scanint.h) ----------------------------- */

int
a2_scan_binarize(PIX *d, PIX **ink, PIX **lines)
{
	*ink = pixThresholdToBinary(d, INK_GRAY);
	*lines = pixThresholdToBinary(d, LINE_GRAY);
	if (*ink == NULL || *lines == NULL) {
		pixDestroy(ink);
		pixDestroy(lines);
		return -1;
	}
	return 0;
}

void
a2_scan_measure(PIX *b, PIX *light, box *k)
{
	a2_scan_measure_box(b, light, k, 1);   /* the OCR path reads left-to-right forms (eng fra spa) */
}
