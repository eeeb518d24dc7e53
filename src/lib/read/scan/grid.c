/* read/scan/grid.c -- boxes looked for along a column (read/scan/grid.h).
 *
 * Each side of a candidate box is scored by how much of its length has ink
 * within a band t pixels thick across it (the page dilated by t across the
 * side, then running sums along rows and columns: every candidate costs
 * four subtractions).  The corners (an eighth of a side at each end) are
 * left out: a fax or a blur rounds them. */
#include <stdlib.h>
#include <string.h>

#include "read/scan/grid.h"

static _Thread_local const double *g_scores;

static int
by_score(const void *a, const void *b)
{
	double p = g_scores[*(const int *)a], q = g_scores[*(const int *)b];

	if (p != q)
		return p < q ? 1 : -1;
	return *(const int *)a - *(const int *)b;
}

int
a2_grid_column(PIX *b, int x0, double slope, int yref, int w, int h, int ytop, int ybot,
               int xtol, double min_score, a2_grid_hit **out, size_t *n)
{
	int W = pixGetWidth(b), H = pixGetHeight(b), t = w / 9 + 1, c = w / 8;
	int sx0, sx1, sw, sh, y, x, i, j, rc = -1, rows;
	double x_top, x_bot;
	PIX *strip = NULL, *hm = NULL, *vm = NULL;
	BOX *r = NULL;
	int *rs = NULL, *cs = NULL, *bx = NULL, *order = NULL;
	double *bs = NULL;
	a2_grid_hit *hits = NULL;
	size_t nh = 0;

	*out = NULL;
	*n = 0;
	if (ytop < 0)
		ytop = 0;
	if (ybot > H)
		ybot = H;
	if (w < 6 || h < 6 || ybot - ytop < h || c < 1)
		return 0;
	x_top = x0 + slope * (ytop - yref);
	x_bot = x0 + slope * (ybot - yref);
	sx0 = (int)(x_top < x_bot ? x_top : x_bot) - xtol - t - 1;
	sx1 = (int)(x_top > x_bot ? x_top : x_bot) + xtol + w + t + 2;
	if (sx0 < 0)
		sx0 = 0;
	if (sx1 > W)
		sx1 = W;
	sw = sx1 - sx0;
	sh = ybot - ytop;
	if (sw < w + 2)
		return 0;
	if ((r = boxCreate(sx0, ytop, sw, sh)) == NULL || (strip = pixClipRectangle(b, r, NULL)) == NULL ||
	    (hm = pixDilateBrick(NULL, strip, 1, t)) == NULL || (vm = pixDilateBrick(NULL, strip, t, 1)) == NULL)
		goto out;
	sw = pixGetWidth(strip);
	sh = pixGetHeight(strip);
	/* rs: running sums along each row of hm; cs: down each column of vm */
	if ((rs = calloc((size_t)sh * (size_t)(sw + 1), sizeof(*rs))) == NULL ||
	    (cs = calloc((size_t)sw * (size_t)(sh + 1), sizeof(*cs))) == NULL)
		goto out;
	for (y = 0; y < sh; y++) {
		l_uint32 *lh = pixGetData(hm) + (size_t)y * (size_t)pixGetWpl(hm);
		l_uint32 *lv = pixGetData(vm) + (size_t)y * (size_t)pixGetWpl(vm);
		int *row = rs + (size_t)y * (size_t)(sw + 1);
		for (x = 0; x < sw; x++) {
			row[x + 1] = row[x] + (int)GET_DATA_BIT(lh, x);
			cs[(size_t)x * (size_t)(sh + 1) + (size_t)y + 1] =
			    cs[(size_t)x * (size_t)(sh + 1) + (size_t)y] + (int)GET_DATA_BIT(lv, x);
		}
	}
	rows = sh - h + 1;
	if (rows <= 0) {
		rc = 0;
		goto out;
	}
	if ((bx = malloc((size_t)rows * sizeof(*bx))) == NULL || (bs = malloc((size_t)rows * sizeof(*bs))) == NULL ||
	    (order = malloc((size_t)rows * sizeof(*order))) == NULL)
		goto out;
	for (y = 0; y < rows; y++) {
		int xc = (int)(x0 + slope * (ytop + y - yref)) - sx0;
		double best = -1;
		int bestx = xc;
		for (x = xc - xtol; x <= xc + xtol; x++) {
			const int *top, *bot;
			const int *lc, *rcol;
			double s[4], m, sum;
			if (x < 0 || x + w > sw)
				continue;
			top = rs + (size_t)y * (size_t)(sw + 1);
			bot = rs + (size_t)(y + h - 1) * (size_t)(sw + 1);
			lc = cs + (size_t)x * (size_t)(sh + 1);
			rcol = cs + (size_t)(x + w - 1) * (size_t)(sh + 1);
			s[0] = (double)(top[x + w - c] - top[x + c]) / (w - 2 * c);
			s[1] = (double)(bot[x + w - c] - bot[x + c]) / (w - 2 * c);
			s[2] = (double)(lc[y + h - c] - lc[y + c]) / (h - 2 * c);
			s[3] = (double)(rcol[y + h - c] - rcol[y + c]) / (h - 2 * c);
			for (m = s[0], sum = 0, i = 0; i < 4; i++) {
				if (s[i] < m)
					m = s[i];
				sum += s[i];
			}
			/* ties (a dense scribble covers every side of many places)
			 * go to the place whose sides are covered best overall */
			m += sum / 4000.0;
			if (m > best) {
				best = m;
				bestx = x;
			}
		}
		bx[y] = bestx;
		bs[y] = best;
		order[y] = y;
	}
	/* strongest first, each keeping the rows 0.8 h around it */
	g_scores = bs;
	qsort(order, (size_t)rows, sizeof(*order), by_score);
	if ((hits = malloc(64 * sizeof(*hits))) == NULL)
		goto out;
	for (i = 0; i < rows && nh < 64; i++) {
		int v = order[i];
		size_t k;
		if (bs[v] < min_score)
			break;
		for (k = 0; k < nh; k++)
			if (abs(hits[k].y - (ytop + v)) < h * 8 / 10)
				break;
		if (k < nh)
			continue;
		hits[nh].x = sx0 + bx[v];
		hits[nh].y = ytop + v;
		hits[nh].score = bs[v] > 1 ? 1 : bs[v];
		hits[nh].merged = 0;
		nh++;
	}
	/* reading order */
	for (i = 1; i < (int)nh; i++) {
		a2_grid_hit v = hits[i];
		for (j = i; j > 0 && hits[j - 1].y > v.y; j--)
			hits[j] = hits[j - 1];
		hits[j] = v;
	}
	*out = hits;
	*n = nh;
	hits = NULL;
	rc = 0;
out:
	free(hits);
	free(rs);
	free(cs);
	free(bx);
	free(bs);
	free(order);
	boxDestroy(&r);
	pixDestroy(&strip);
	pixDestroy(&hm);
	pixDestroy(&vm);
	return rc;
}

size_t
a2_grid_merge(a2_grid_hit *hits, size_t n, int dist)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (o > 0 && hits[i].y - hits[o - 1].y < dist) {
			a2_grid_hit *p = &hits[o - 1];
			p->x = (p->x + hits[i].x) / 2;
			p->y = (p->y + hits[i].y) / 2;
			if (hits[i].score < p->score)
				p->score = hits[i].score;
			p->merged = 1;
			continue;
		}
		hits[o] = hits[i];
		hits[o++].merged = 0;
	}
	return o;
}
