/* read/scan/warp.c -- a phone's photo of a page made flat again
 * (read/scan/page.h): the page lies in the photo as a quadrilateral
 * (perspective) under uneven light.  The light is evened out (Leptonica's
 * background normalisation), the four fiducials found at the corners of the
 * form's body, and the page mapped back by the projective transform that
 * takes their centres to a rectangle of the form's proportions (165 mm
 * between the centres of a pair).  A scanned page (its four fiducials a
 * rectangle, turned or not) is left to the deskew, and so is one
 * sheared (its four a parallelogram): its shear is measured here. */
#include <math.h>
#include <stdlib.h>

#include <leptonica/allheaders.h>

#include "read/scan/page.h"

#define FID_PAIR_MM   165.0   /* between the centres of a pair (locate.c) */
#define WARP_MARGIN   18.0    /* mm kept above and below the fiducials */
#define WARP_MIN_PPM  (1654.0 / 210.0)   /* 200 dpi: a box's sides stay lines */
#define WARP_MAX_PPM  (2480.0 / 210.0)   /* 300 dpi */
#define PERSPECTIVE   0.012   /* opposite sides differing by this share: a photo */

static double
dist(double ax, double ay, double bx, double by)
{
	return hypot(ax - bx, ay - by);
}

/* The centres of the four fiducials of binary page b (ppm0 its scale
 * guessed from its width): solid squares of 3.2 to 7 mm at the four
 * corners of all of them (top left, top right, bottom right, bottom left
 * in cx, cy); 1 found, 0 not. */
static int
corners(PIX *b, double ppm0, double *cx, double *cy)
{
	int k = (int)(2.8 * ppm0), lo = (int)(3.2 * ppm0), hi = (int)(7.0 * ppm0) + 1, c, found = 0;
	PIX *o = pixOpenBrick(NULL, b, k, k);
	BOXA *cc = o != NULL ? pixConnCompBB(o, 8) : NULL;
	l_int32 i, n, x, y, w, h;
	double best[4];

	if (cc == NULL) {
		pixDestroy(&o);
		return 0;
	}
	n = boxaGetCount(cc);
	for (i = 0; i < n && i < 4096; i++) {
		double mx, my, s[4];
		boxaGetBoxGeometry(cc, i, &x, &y, &w, &h);
		if (w < lo || w > hi || h < lo || h > hi || abs(w - h) > w / 4 || a2_scan_ink_in(o, x, y, w, h) < 0.8)
			continue;
		mx = x + w / 2.0;
		my = y + h / 2.0;
		/* how far toward each corner: top left, top right, bottom right,
		 * bottom left */
		s[0] = -(mx + my);
		s[1] = mx - my;
		s[2] = mx + my;
		s[3] = my - mx;
		for (c = 0; c < 4; c++)
			if (!(found & (1 << c)) || s[c] > best[c]) {
				best[c] = s[c];
				cx[c] = mx;
				cy[c] = my;
				found |= 1 << c;
			}
	}
	boxaDestroy(&cc);
	pixDestroy(&o);
	return found == 15;
}

PIX *
a2_scan_unwarp(PIX *g, double *skew, double *shear)
{
	int W = pixGetWidth(g), H = pixGetHeight(g), wo, ho;
	double ppm0 = W / 210.0, cx[4], cy[4], wt, wb, hl, hr, ppm, hmm;
	PIX *n = NULL, *b = NULL, *pad = NULL, *t = NULL, *out = NULL;
	PTA *ps = NULL, *pd = NULL;
	int c;

	*skew = 0;
	*shear = 0;
	if (W < 400 || H < 400)
		return NULL;
	/* the light evened out: the paper's background brought to 245 */
	n = pixBackgroundNorm(g, NULL, NULL, 10, 15, 60, 40, 245, 2, 1);
	if (n == NULL || (b = pixThresholdToBinary(n, INK_GRAY)) == NULL || !corners(b, ppm0, cx, cy))
		goto out;
	wt = dist(cx[0], cy[0], cx[1], cy[1]);
	wb = dist(cx[3], cy[3], cx[2], cy[2]);
	hl = dist(cx[0], cy[0], cx[3], cy[3]);
	hr = dist(cx[1], cy[1], cx[2], cy[2]);
	/* the four must be a page's: pairs 100 mm apart or more, the body
	 * taller than wide, opposite sides within a fifth of each other */
	if (wt < 100 * ppm0 * 0.75 || wb < 100 * ppm0 * 0.75 || hl < 1.1 * wt || hr < 1.1 * wt ||
	    wt > 1.25 * wb || wb > 1.25 * wt || hl > 1.25 * hr || hr > 1.25 * hl)
		goto out;
	/* a scan: a rectangle (turned at most), left to the deskew; a
	 * parallelogram (sheared) too, its shear measured */
	if (fabs(wt - wb) < PERSPECTIVE * wt && fabs(hl - hr) < PERSPECTIVE * hl) {
		*shear = (atan2(cy[1] - cy[0], cx[1] - cx[0]) + atan2(cx[3] - cx[0], cy[3] - cy[0])) * 180.0 / M_PI;
		goto out;
	}
	ppm = (wt + wb) / 2 / FID_PAIR_MM;
	if (ppm < WARP_MIN_PPM)
		ppm = WARP_MIN_PPM;
	if (ppm > WARP_MAX_PPM)
		ppm = WARP_MAX_PPM;
	hmm = (hl + hr) / (wt + wb) * FID_PAIR_MM;
	wo = (int)(210 * ppm);
	ho = (int)((hmm + 2 * WARP_MARGIN) * ppm);
	if ((ps = ptaCreate(4)) == NULL || (pd = ptaCreate(4)) == NULL)
		goto out;
	for (c = 0; c < 4; c++) {
		double x = (210 - FID_PAIR_MM) / 2 + (c == 1 || c == 2 ? FID_PAIR_MM : 0);
		double y = WARP_MARGIN + (c >= 2 ? hmm : 0);
		ptaAddPt(ps, (l_float32)cx[c], (l_float32)cy[c]);
		ptaAddPt(pd, (l_float32)(x * ppm), (l_float32)(y * ppm));
	}
	/* the transform's output is its input's size: the photo grown (white,
	 * right and below: its coordinates unchanged) to the page's first */
	if ((pad = pixAddBorderGeneral(n, 0, wo > W ? wo - W : 0, 0, ho > H ? ho - H : 0, 255)) == NULL ||
	    (t = pixProjectivePtaGray(pad, pd, ps, 255)) == NULL)
		goto out;
	{
		BOX *bx = boxCreate(0, 0, wo, ho);
		out = bx != NULL ? pixClipRectangle(t, bx, NULL) : NULL;
		boxDestroy(&bx);
	}
	if (out != NULL) {
		pixSetResolution(out, (l_int32)(ppm * 25.4 + 0.5), (l_int32)(ppm * 25.4 + 0.5));
		*skew = atan2(cy[1] - cy[0], cx[1] - cx[0]) * 180.0 / M_PI;
	}
out:
	pixDestroy(&n);
	pixDestroy(&b);
	pixDestroy(&pad);
	pixDestroy(&t);
	ptaDestroy(&ps);
	ptaDestroy(&pd);
	return out;
}
