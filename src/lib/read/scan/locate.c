/* read/scan/locate.c -- where the printed boxes are on a page found
 * upright (read/scan/page.h): the fiducials give the page's body and
 * scale; squares of the printed box's size found blind give the two
 * columns, and the grid (read/scan/grid.c) looks for a box at every row of
 * each column, in reading order. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "read/scan/grid.h"
#include "read/scan/page.h"

static int
cmp_box(const void *a, const void *b)
{
	const box *p = a, *q = b;
	int tol = (p->h + q->h) / 4;

	if (abs(p->y - q->y) > tol)
		return p->y < q->y ? -1 : 1;
	return (p->x > q->x) - (p->x < q->x);
}

/* The fiducials of binary page b: solid squares of 4 to 6.5 mm, the two
 * highest (header) and the two lowest (footer).  Their y limits give the
 * body of the page (*top, *bottom), the distance between the top two the
 * scale (*ppm: 165 mm between their centres).  1 found, 0 not. */
int
a2_scan_fiducials(PIX *b, double ppm0, int *top, int *bottom, double *ppm, int *lx, int *rx)
{
	/* an opening by a 3.5 mm square leaves only solid shapes that large:
	 * text, lines, boxes and a table border touching a fiducial go */
	int k = (int)(3.5 * ppm0);
	PIX *o = pixOpenBrick(NULL, b, k, k);
	BOXA *cc = o != NULL ? pixConnCompBB(o, 8) : NULL;
	l_int32 i, n, x, y, w, h;
	int lo = (int)(4.0 * ppm0), hi = (int)(6.5 * ppm0) + 1;
	int fx[64], fy[64], fw[64], nf = 0, t0 = -1, t1 = -1, b0 = -1;

	if (cc == NULL) {
		pixDestroy(&o);
		return 0;
	}
	n = boxaGetCount(cc);
	for (i = 0; i < n && nf < 64; i++) {
		boxaGetBoxGeometry(cc, i, &x, &y, &w, &h);
		if (w < lo || w > hi || h < lo || h > hi || abs(w - h) > w / 5)
			continue;
		if (a2_scan_ink_in(o, x, y, w, h) < 0.85)
			continue;
		fx[nf] = x; fy[nf] = y; fw[nf] = w;
		nf++;
	}
	boxaDestroy(&cc);
	pixDestroy(&o);
	/* the top pair: the two highest, far apart sideways */
	for (i = 0; i < nf; i++)
		if (t0 < 0 || fy[i] < fy[t0])
			t0 = i;
	for (i = 0; i < nf && t0 >= 0; i++)
		if (i != t0 && abs(fy[i] - fy[t0]) < fw[t0] && abs(fx[i] - fx[t0]) > 100 * ppm0)
			t1 = i;
	for (i = 0; i < nf; i++)
		if (b0 < 0 || fy[i] > fy[b0])
			b0 = i;
	if (t0 < 0 || t1 < 0 || b0 < 0 || fy[b0] - fy[t0] < 150 * ppm0)
		return 0;
	*top = (fy[t0] > fy[t1] ? fy[t0] + fw[t0] : fy[t1] + fw[t1]) + (int)ppm0;
	*bottom = fy[b0] - (int)ppm0;
	*ppm = abs(fx[t1] - fx[t0]) / 165.0;
	*lx = fx[t0] < fx[t1] ? fx[t0] : fx[t1];
	*rx = (fx[t0] < fx[t1] ? fx[t1] + fw[t1] : fx[t0] + fw[t0]);
	return 1;
}

typedef struct boxes {
	box *v;
	size_t n, cap;
} boxes;

static int
add_box(boxes *bs, int x, int y, int w, int h)
{
	if (bs->n >= 4096)
		return 0;
	if (bs->n == bs->cap) {
		box *nb = realloc(bs->v, (bs->cap = bs->cap ? bs->cap * 2 : 64) * sizeof(*nb));
		if (nb == NULL)
			return -1;
		bs->v = nb;
	}
	memset(&bs->v[bs->n], 0, sizeof(box));
	bs->v[bs->n].x = x;
	bs->v[bs->n].y = y;
	bs->v[bs->n].w = w;
	bs->v[bs->n].h = h;
	bs->n++;
	return 0;
}

/* Boxes from pairs of parallel sides: segs are the straight pieces of one
 * direction (vertical: the left and right sides; else the top and bottom),
 * other the map of the other direction, which must show the two remaining
 * sides.  A pen mark over a box breaks the pieces of one direction more
 * than the other's: both directions are tried. */
static int
side_pairs(boxes *bs, BOXA *segs, PIX *other, int vertical, int smin, int smax, int thick,
           int top, int bottom)
{
	l_int32 i, j, cnt = boxaGetCount(segs), x1, y1, w1, h1, x2, y2, w2, h2;

	for (i = 0; i < cnt; i++) {
		int l1, t1, a1;   /* length, thickness, position along */
		boxaGetBoxGeometry(segs, i, &x1, &y1, &w1, &h1);
		l1 = vertical ? h1 : w1;
		t1 = vertical ? w1 : h1;
		a1 = vertical ? y1 : x1;
		if (l1 < smin || l1 > smax || t1 > thick || y1 < top || y1 > bottom)
			continue;
		for (j = 0; j < cnt; j++) {
			int l2, t2, a2, d;
			if (j == i)
				continue;
			boxaGetBoxGeometry(segs, j, &x2, &y2, &w2, &h2);
			l2 = vertical ? h2 : w2;
			t2 = vertical ? w2 : h2;
			a2 = vertical ? y2 : x2;
			d = vertical ? x2 - x1 : y2 - y1;
			/* a stroke may run one side on: the shorter one is the box's */
			{
				int lm = l1 < l2 ? l1 : l2;
				if (t2 > thick || lm < smin || abs(a2 - a1) > lm / 4 || abs(l2 - l1) > lm / 4 ||
				    d < lm * 8 / 10 || d > lm * 13 / 10)
					continue;
			}
			if (vertical) {
				if (a2_scan_ink_in(other, x1, y1, d + w2, thick) < 0.3 ||
				    a2_scan_ink_in(other, x1, y1 + h1 - thick, d + w2, thick) < 0.3)
					continue;
				if (add_box(bs, x1, y1, d + w2, h1) != 0)
					return -1;
			} else {
				if (a2_scan_ink_in(other, x1, y1, thick, d + h2) < 0.3 ||
				    a2_scan_ink_in(other, x1 + w1 - thick, y1, thick, d + h2) < 0.3)
					continue;
				if (add_box(bs, x1, y1, w1, d + h2) != 0)
					return -1;
			}
			break;
		}
	}
	return 0;
}

/* The forms' boxes stand in two columns, the options' 10 mm further in
 * (to the right, or to the left in a right-to-left form): the pair of
 * columns holding most boxes is kept, and every box elsewhere (a glyph
 * like a box, 口 or 由) dropped. */
static int
columns(boxes *bs, double ppm, int *pxa, int *pxb, int *pca)
{
	size_t i, j, best_n = 0, n;
	int tol = (int)(1.2 * ppm), xa = 0, xb = 0;

	for (i = 0; i < bs->n; i++)
		for (j = 0; j < bs->n; j++) {
			int dx = bs->v[j].x - bs->v[i].x, k;
			if (fabs(fabs((double)dx) - 10.0 * ppm) > 2.0 * ppm)
				continue;
			for (n = 0, k = 0; k < (int)bs->n; k++)
				n += abs(bs->v[k].x - bs->v[i].x) <= tol || abs(bs->v[k].x - bs->v[j].x) <= tol;
			if (n > best_n) {
				best_n = n;
				xa = bs->v[i].x;
				xb = bs->v[j].x;
			}
		}
	/* the vote's column is the one nearer the cell's edge: it holds the
	 * first box of the page */
	for (i = 0, n = 0; i < bs->n; i++) {
		box *k = &bs->v[i];
		if (best_n == 0 || (abs(k->x - xa) > tol && abs(k->x - xb) > tol))
			continue;
		k->col = abs(k->x - xa) <= tol ? 0 : 1;
		bs->v[n++] = *k;
	}
	bs->n = n;
	*pxa = xa;
	*pxb = xb;
	*pca = 0;
	if (n == 0)
		return -1;
	{
		/* the first box in reading order is a vote's */
		size_t first = 0;
		for (i = 1; i < n; i++)
			if (bs->v[i].y < bs->v[first].y)
				first = i;
		if (bs->v[first].col == 1) {
			for (i = 0; i < n; i++)
				bs->v[i].col = !bs->v[i].col;
			*pca = 1;
		}
	}
	return 0;
}

/* The printed boxes of binary page b between rows top and bottom, ppm
 * pixels a millimetre: squares of the printed size with four sides of
 * straight line, or solid (filled in).  Sorted in reading order. */
static int
find_boxes(PIX *b, double ppm, int top, int bottom, box **out, size_t *n_out, int *pxa, int *pxb, int *pca)
{
	/* the forms print their boxes 3.05 mm wide (a 12 pt U+2610); a pen
	 * stroke running on along a side makes it look longer */
	int smin = (int)(0.85 * BOX_MM * ppm), smax = (int)(1.3 * BOX_MM * ppm) + 1, len = (int)(1.6 * ppm);
	int thick = (int)(0.7 * ppm) + 1;
	PIX *hp = NULL, *vp = NULL;
	BOXA *hs = NULL, *vs = NULL, *cc = NULL;
	PIX *vlong = NULL;
	boxes bs = {0};
	size_t i, j;
	l_int32 k, cnt, x1, y1, w1, h1;
	int rc = -1, xa, xb, ca, tol = (int)(1.2 * ppm);

	if (len < 3)
		len = 3;
	if ((hp = a2_scan_runs(b, len, 1)) == NULL ||
	    (vp = a2_scan_runs(b, len, 0)) == NULL ||
	    (hs = pixConnCompBB(hp, 8)) == NULL || (vs = pixConnCompBB(vp, 8)) == NULL)
		goto out;
	/* solid squares: filled boxes */
	cnt = boxaGetCount(hs);
	for (k = 0; k < cnt; k++) {
		boxaGetBoxGeometry(hs, k, &x1, &y1, &w1, &h1);
		if (w1 < smin || w1 > smax || h1 < smin || h1 > smax || y1 < top || y1 > bottom ||
		    abs(h1 - w1) > w1 / 4 || a2_scan_ink_in(b, x1, y1, w1, h1) < 0.8)
			continue;
		if (add_box(&bs, x1, y1, w1, h1) != 0)
			goto out;
	}
	if (side_pairs(&bs, hs, vp, 0, smin, smax, thick, top, bottom) != 0 ||
	    side_pairs(&bs, vs, hp, 1, smin, smax, thick, top, bottom) != 0)
		goto out;
	/* one box per place */
	for (i = 0; i < bs.n; i++)
		for (j = i + 1; j < bs.n; j++)
			if (abs(bs.v[i].x - bs.v[j].x) < bs.v[i].w / 2 && abs(bs.v[i].y - bs.v[j].y) < bs.v[i].h / 2) {
				bs.v[j] = bs.v[--bs.n];
				j--;
			}
	*pxa = *pxb = -1;
	*pca = 0;
	if (columns(&bs, ppm, &xa, &xb, &ca) == 0) {
		*pxa = xa;
		*pxb = xb;
		*pca = ca;
		/* a box and the cross over it as one blob of the box's size (a fax's
		 * few rows run its sides and strokes together) */
		if ((cc = pixConnCompBB(b, 8)) == NULL)
			goto out;
		cnt = boxaGetCount(cc);
		for (k = 0; k < cnt; k++) {
			double f;
			boxaGetBoxGeometry(cc, k, &x1, &y1, &w1, &h1);
			if (w1 < smin || w1 > smax || h1 < smin || h1 > smax || y1 < top || y1 > bottom ||
			    abs(h1 - w1) > w1 / 4)
				continue;
			f = a2_scan_ink_in(b, x1, y1, w1, h1);
			if (f < 0.25 || f >= 0.8)
				continue;
			/* its four sides there (a glyph's are not) */
			{
				int e = (int)(0.35 * ppm) + 1;
				if (a2_scan_ink_in(b, x1, y1, w1, e) < 0.6 || a2_scan_ink_in(b, x1, y1 + h1 - e, w1, e) < 0.6 ||
				    a2_scan_ink_in(b, x1, y1, e, h1) < 0.6 || a2_scan_ink_in(b, x1 + w1 - e, y1, e, h1) < 0.6)
					continue;
			}
			if (abs(x1 - xa) > tol && abs(x1 - xb) > tol)
				continue;
			/* inside the table: its rule beside the vote's column, on
			 * the side away from the options' */
			if (vlong == NULL && (vlong = a2_scan_runs(b, (int)(8 * ppm), 0)) == NULL)
				goto out;
			if (a2_scan_ink_in(vlong, xb > xa ? xa - (int)(4 * ppm) : xa + smin + (int)(0.5 * ppm), y1,
			    (int)(3.5 * ppm), h1) < 0.5 / (3.5 * ppm))
				continue;
			for (i = 0; i < bs.n; i++)
				if (abs(bs.v[i].x - x1) < w1 / 2 && abs(bs.v[i].y - y1) < h1 / 2)
					break;
			if (i < bs.n)
				continue;
			if (add_box(&bs, x1, y1, w1, h1) != 0)
				goto out;
			bs.v[bs.n - 1].col = abs(x1 - xa) <= tol ? ca : !ca;
		}
	}
	if (bs.n > 1)
		qsort(bs.v, bs.n, sizeof(*bs.v), cmp_box);
	*out = bs.v;
	*n_out = bs.n;
	bs.v = NULL;
	rc = 0;
out:
	free(bs.v);
	pixDestroy(&hp);
	pixDestroy(&vp);
	boxaDestroy(&hs);
	boxaDestroy(&vs);
	boxaDestroy(&cc);
	pixDestroy(&vlong);
	return rc;
}

/* The line x = a + slope * (y - yref) through the left edges of the boxes
 * found blind in column col (a skew left over, a photo's perspective):
 * their median when they are few or close together. */
static void
column_line(const box *v, size_t n, int col, double ppm, double *a, double *slope, int *yref)
{
	double sx = 0, sy = 0, sxy = 0, syy = 0, k = 0;
	int ymin = 1 << 30, ymax = -1;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].col == col) {
			sx += v[i].x;
			sy += v[i].y;
			sxy += (double)v[i].x * v[i].y;
			syy += (double)v[i].y * v[i].y;
			k++;
			if (v[i].y < ymin) ymin = v[i].y;
			if (v[i].y > ymax) ymax = v[i].y;
		}
	*slope = 0;
	*yref = k > 0 ? (int)(sy / k) : 0;
	*a = k > 0 ? sx / k : -1;
	if (k >= 3 && ymax - ymin > 40 * ppm) {
		double d = k * syy - sy * sy;
		if (d > 0)
			*slope = (k * sxy - sx * sy) / d;
		if (*slope > 0.03 || *slope < -0.03)
			*slope = 0;   /* not a column: the median */
	}
}

/* The rows [*t0, *t1] where the table's long vertical rule runs beside a
 * column of boxes whose left edge is at x = a + slope * (y - yref): 1 when
 * it runs over 20 mm, else 0. */
static int
rule_beside(PIX *vlong, double a, double slope, int yref, int w, int ltr, double ppm, int top, int bottom,
            int *t0, int *t1)
{
	int y, bw = (int)(4.5 * ppm), n = 0;

	*t0 = *t1 = -1;
	for (y = top; y < bottom; y++) {
		int x = (int)(a + slope * (y - yref));
		int x0 = ltr ? x - bw - (int)(0.2 * ppm) : x + w + (int)(0.2 * ppm);
		if (a2_scan_ink_in(vlong, x0, y, bw, 1) > 0) {
			if (*t0 < 0)
				*t0 = y;
			*t1 = y;
			n++;
		}
	}
	return n > 20 * ppm;
}

/* The median of v[0..n) (n > 0), v sorted. */
static int
median(int *v, int n)
{
	int i, j, t;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--)
			t = v[j], v[j] = v[j - 1], v[j - 1] = t;
	return v[n / 2];
}

/* The two options of every text stand where the plainly found ones of the
 * page's other texts put them: the options' labels are the same for every
 * text, so the distance from the first option to the second (p) and from
 * the second to the text's "does not assign" box (d) are the page's.  From
 * the texts whose two options were found plainly (clean[]), their median;
 * then a text whose options were not found (a scribble round one gives it
 * a second place, ink in the gap before its label), or found elsewhere
 * than there, has its two boxes looked for at those places (half a box
 * either way, as far as "found where they should be" reaches: one text's
 * options measured 0.9 mm from where another's put them on a scaled JPEG
 * page): both there (four sides measured), they are its options;
 * else placeholders, not read.  0, or -1 out of memory. */
static int
place_options(PIX *lines, box *res, const unsigned char *clean, size_t nt, double ao, double so, int yro,
              int w, int h, int xtol)
{
	int ps[64], ds[64], m = 0, p, d;
	size_t i;

	for (i = 0; i < nt && m < 64; i++)
		if (clean[i]) {
			ps[m] = res[4 * i + 2].y - res[4 * i + 1].y;
			ds[m++] = res[4 * i + 3].y - res[4 * i + 2].y;
		}
	if (m == 0)
		return 0;
	p = median(ps, m);
	d = median(ds, m);
	for (i = 0; i < nt; i++) {
		box *g = &res[4 * i];
		int want[2], k, ok = 1;
		a2_grid_hit at[2];
		want[1] = g[3].y - d;
		want[0] = want[1] - p;
		if (clean[i] || want[0] <= g[0].y + h / 2)
			continue;
		if (!g[1].missing && abs(g[1].y - want[0]) <= h / 2 && abs(g[2].y - want[1]) <= h / 2)
			continue;   /* found where they should be */
		for (k = 0; k < 2 && ok; k++) {
			a2_grid_hit *hh = NULL;
			size_t nh = 0, q, best = 0;
			if (a2_grid_column(lines, (int)ao, so, yro, w, h, want[k] - h / 2, want[k] + h + h / 2, xtol, 0.55,
			    &hh, &nh) != 0)
				return -1;
			for (q = 1; q < nh; q++)
				if (abs(hh[q].y - want[k]) < abs(hh[best].y - want[k]))
					best = q;
			ok = nh > 0;
			if (ok)
				at[k] = hh[best];
			free(hh);
		}
		if (ok) {
			for (k = 0; k < 2; k++) {
				g[1 + k].x = at[k].x;
				g[1 + k].y = at[k].y;
				g[1 + k].missing = 0;
			}
		} else if (!g[1].missing) {
			/* found elsewhere than the page's texts put them: not read */
			g[1].missing = g[2].missing = 1;
		}
	}
	return 0;
}

/* The boxes of the page where the form's geometry puts them.  The boxes
 * found blind (find_boxes) give the two columns, the box's size and the
 * columns' lines; then every box is looked for along them (grid.c): the
 * vote's column holds exactly the 2 boxes of each of the nt texts of the
 * page (assigns, does not assign) within the table (its rule beside the
 * column), and between a text's two the options' column holds its 2
 * options.  The result: 4 boxes a text in reading order (assigns, no
 * comments, comments attached, does not assign), an option not found
 * there as a placeholder (missing); or no box at all when the vote's
 * column does not hold 2 nt boxes: a page whose geometry does not fit is
 * not read (never a vote shifted onto another box).  With the fiducials
 * (lx < rx), the vote's column is also where the table puts it
 * (VOTE_COL_MM): a column of boxes found blind elsewhere is not taken, and
 * with none there the column is looked for at that place. */
int
a2_scan_grid_boxes(PIX *lines, double ppm, int top, int bottom, int nt, int ltr, int lx, int rx, box **out,
    size_t *n_out)
{
	box *blind = NULL, *res = NULL;
	size_t nb = 0, nv = 0, i;
	int xa, xb, ca, w, h, yrv, yro, ytop = -1, ybot = -1, rc = -1, xtol = (int)(1.0 * ppm) + 1, placed = 0;
	double av, sv, ao, so;
	a2_grid_hit *vh = NULL, *oh = NULL;
	size_t nvh = 0, noh = 0;
	PIX *vlong = NULL;
	unsigned char *clean = NULL;

	*out = NULL;
	*n_out = 0;
	if (find_boxes(lines, ppm, top, bottom, &blind, &nb, &xa, &xb, &ca) != 0)
		return -1;
	if (nt <= 0 || ((nb == 0 || xa < 0) && lx >= rx)) {
		free(blind);
		return 0;
	}
	/* the box's size: the median of those found blind, near the printed */
	{
		int ws[4096], hs[4096], k = 0;
		for (i = 0; i < nb && k < 4096; i++, k++) {
			ws[k] = blind[i].w;
			hs[k] = blind[i].h;
		}
		w = k > 0 ? median(ws, k) : 0;
		h = k > 0 ? median(hs, k) : 0;
		if (w < 0.85 * BOX_MM * ppm || w > 1.15 * BOX_MM * ppm)
			w = (int)(BOX_MM * ppm + 0.5);
		if (h < 0.85 * BOX_MM * ppm || h > 1.15 * BOX_MM * ppm)
			h = (int)(BOX_MM * ppm + 0.5);
	}
	/* the vote's column is the one with the table's rule beside it, on
	 * the side away from the options' (left in a left-to-right form): the
	 * boxes found blind may all be options' (every vote box crossed) */
	column_line(blind, nb, 0, ppm, &av, &sv, &yrv);
	column_line(blind, nb, 1, ppm, &ao, &so, &yro);
	if ((vlong = a2_scan_runs(lines, (int)(8 * ppm), 0)) == NULL)
		goto out;
	{
		double cx[5], cs[5], dir = ltr ? 1 : -1, best = -1;
		double ex = ltr ? lx + VOTE_COL_MM * ppm : rx - (VOTE_COL_MM + BOX_MM) * ppm;
		int cy[5], far[5] = {0}, nc = 0, c, t0, t1, near = 0;
		if (av >= 0) {
			cx[nc] = av, cs[nc] = sv, cy[nc++] = yrv;
			cx[nc] = av - dir * 10 * ppm, cs[nc] = sv, cy[nc++] = yrv;
		}
		if (ao >= 0) {
			cx[nc] = ao, cs[nc] = so, cy[nc++] = yro;
			cx[nc] = ao - dir * 10 * ppm, cs[nc] = so, cy[nc++] = yro;
		}
		/* with the fiducials, the vote's column is where the table puts
		 * it: a candidate elsewhere is the blind boxes' mistake (a column
		 * of bold capitals in the texts' names, "D" and "R", with every
		 * box of the page marked); none near it, the column is looked for
		 * there, more widely */
		for (c = 0; c < nc && lx < rx; c++) {
			far[c] = fabs(cx[c] - ex) > VOTE_COL_TOL_MM * ppm;
			near |= !far[c];
		}
		if (lx < rx && !near) {
			cx[nc] = ex, cs[nc] = 0, cy[nc++] = top;
			placed = 1;
			/* nor is the size of the boxes found blind the boxes' */
			w = h = (int)(BOX_MM * ppm + 0.5);
		}
		/* the candidate with the longest rule beside it; of two as long,
		 * the outer */
		for (c = 0; c < nc; c++) {
			if (far[c] || !rule_beside(vlong, cx[c], cs[c], cy[c], w, ltr, ppm, top, bottom, &t0, &t1))
				continue;
			if (best < 0 || t1 - t0 > ybot - ytop + 10 * ppm ||
			    (t1 - t0 > ybot - ytop - 10 * ppm && (ltr ? cx[c] < best : cx[c] > best))) {
				best = cx[c];
				sv = cs[c];
				yrv = cy[c];
				ytop = t0;
				ybot = t1;
			}
		}
		if (best < 0) {
			rc = 0;   /* no table: nothing read on this page */
			goto out;
		}
		av = best;
		/* the options' column 10 mm in, or where the boxes found blind
		 * stand near it */
		if (ao < 0 || fabs(ao + so * (yrv - yro) - (av + dir * 10 * ppm)) > 2.5 * ppm) {
			ao = av + dir * 10 * ppm;
			so = sv;
			yro = yrv;
		}
	}
	if (a2_grid_column(lines, (int)av, sv, yrv, w, h, ytop, ybot + 1,
	    placed ? (int)(VOTE_COL_TOL_MM / 2 * ppm) + 1 : xtol, 0.55, &vh, &nvh) != 0)
		goto out;
	/* two places under 1.5 boxes apart are one box (a scribble's second
	 * place): no two printed vote boxes stand so near (a label's lines
	 * between them).  Merged even when the count fits, which a box not
	 * found would make it do: every vote after it shifted onto the next
	 * box (a scribbled box's two places and the next text's assigns box
	 * taken for its does-not-assign: a confident wrong vote) */
	nvh = a2_grid_merge(vh, nvh, h * 3 / 2);
	if (nvh != (size_t)nt * 2) {
		rc = 0;   /* the geometry does not fit: nothing read on this page */
		goto out;
	}
	/* the options' column runs as the vote's: a skew left over that the
	 * boxes found blind did not show (too few, the marked ones not found
	 * blind) is measured along the vote boxes found (their x within the
	 * tolerance of the search, which the options' column, 10 mm away and
	 * looked for from one text's options, may miss) */
	if (so == 0 || placed) {
		box *vb = calloc(nvh, sizeof(*vb));
		double a, s;
		int yr;
		if (vb == NULL)
			goto out;
		for (i = 0; i < nvh; i++) {
			vb[i].x = vh[i].x;
			vb[i].y = vh[i].y;
		}
		column_line(vb, nvh, 0, ppm, &a, &s, &yr);
		free(vb);
		so = s;
		/* the vote's column placed from the fiducials: the options'
		 * 10 mm from the median of the boxes found along it (a scribble
		 * may have moved one, and the line with it) */
		if (placed) {
			int xs[4096], k;
			for (k = 0; k < (int)nvh && k < 4096; k++)
				xs[k] = vh[k].x;
			ao = median(xs, k) + (ltr ? 10 : -10) * ppm;
			so = 0;
			yro = yr;
		}
	}
	if ((res = calloc((size_t)nt * 4, sizeof(*res))) == NULL || (clean = calloc((size_t)nt, 1)) == NULL)
		goto out;
	for (i = 0; i < (size_t)nt; i++) {
		const a2_grid_hit *A = &vh[2 * i], *D = &vh[2 * i + 1];
		box *g = &res[4 * i];
		size_t k, found = 0, pick_k[8];
		g[0].x = A->x; g[0].y = A->y;
		g[3].x = D->x; g[3].y = D->y;
		g[1].missing = g[2].missing = 1;
		free(oh);
		oh = NULL;
		if (a2_grid_column(lines, (int)ao, so, yro, w, h, A->y + h, D->y, xtol, 0.55, &oh, &noh) != 0)
			goto out;
		/* the options between the text's two vote boxes; a glyph at the
		 * start of a line of the vote's text may stand in the column too
		 * (口, 日): a printed box has the gap before its label beside it,
		 * a glyph the next glyph; a scribble round an option gives it a
		 * second place under a box away (merged: one box) */
		noh = a2_grid_merge(oh, noh, h);
		for (k = 0; k < noh && found < 8; k++) {
			double gap;
			if (oh[k].y <= A->y + h / 2 || oh[k].y + h >= D->y + h / 2)
				continue;
			gap = a2_scan_ink_in(lines, ltr ? oh[k].x + w + w / 6 : oh[k].x - w, oh[k].y + h / 5, w * 5 / 6, h * 3 / 5);
			if (gap > 0.2)
				oh[k].score -= 0.5;
			pick_k[found++] = k;
		}
		/* the two best, when a third is clearly weaker */
		{
			size_t p, q;
			for (p = 1; p < found; p++)
				for (q = p; q > 0 && oh[pick_k[q - 1]].score < oh[pick_k[q]].score; q--) {
					size_t t = pick_k[q];
					pick_k[q] = pick_k[q - 1];
					pick_k[q - 1] = t;
				}
			if (found >= 2 && oh[pick_k[1]].score >= 0.55 &&
			    (found == 2 || oh[pick_k[2]].score < 0.8 * oh[pick_k[1]].score)) {
				int up = oh[pick_k[0]].y < oh[pick_k[1]].y;
				const a2_grid_hit *n1 = &oh[pick_k[up ? 0 : 1]], *n2 = &oh[pick_k[up ? 1 : 0]];
				g[1].x = n1->x; g[1].y = n1->y; g[1].missing = 0;
				g[2].x = n2->x; g[2].y = n2->y; g[2].missing = 0;
				/* plain: the two best, whole, unmerged, the gap
				 * before each label clear */
				clean[i] = !n1->merged && !n2->merged && n1->score >= 0.8 && n2->score >= 0.8;
				found = 2;
			} else
				found = 0;
		}
		if (found != 2) {
			/* placeholders where the options would be: not read */
			g[1].x = g[2].x = (int)(ao + so * (A->y - yro));
			g[1].y = A->y + (D->y - A->y) / 3;
			g[2].y = A->y + 2 * (D->y - A->y) / 3;
		}
		for (k = 0; k < 4; k++) {
			g[k].w = w;
			g[k].h = h;
			g[k].col = k == 1 || k == 2;
		}
		nv++;
	}
	if (place_options(lines, res, clean, (size_t)nt, ao, so, yro, w, h, xtol) != 0)
		goto out;
	/* the column placed from the fiducials: each box where its outline
	 * is (else the boxes found blind give the columns their place) */
	if (placed)
		for (i = 0; i < nv * 4; i++)
			if (!res[i].missing)
				a2_scan_snap(lines, &res[i], w / 9 + 1);
	*out = res;
	*n_out = nv * 4;
	res = NULL;
	rc = 0;
out:
	free(clean);
	free(blind);
	free(res);
	free(vh);
	free(oh);
	pixDestroy(&vlong);
	return rc;
}
