/* read/scan/grid.h -- the printed boxes found where the form's geometry
 * puts them (issue 14): along a column of the page, a box of the known
 * printed size is looked for at every row, and kept where its four sides
 * are there.  A pen mark adds ink to a box and seldom removes its sides, so
 * a crossed, ticked, filled or scribbled box is found as well as an empty
 * one; a glyph is not square with four straight sides of that size.
 * Internal to read/scan/. */
#ifndef A2_READ_SCAN_GRID_H
#define A2_READ_SCAN_GRID_H

#include <stddef.h>
#include <leptonica/allheaders.h>

typedef struct a2_grid_hit {
	int x, y;          /* top left of the box found */
	double score;      /* the least covered of its four sides, 0..1 */
	int merged;        /* two hits under dist apart taken as one (a2_grid_merge) */
} a2_grid_hit;

/* Boxes w x h on binary page b along the column whose left edge is at
 * x0 + slope * (y - yref) (a skew left over, a photo's perspective), each
 * looked for within xtol pixels of it, in rows [ytop, ybot): the rows
 * whose best box has every side covered at least min_score, at least
 * 0.8 h apart, strongest first, then returned in reading order (top to
 * bottom).  *out malloc'd (caller frees), *n of them; 0, or -1 out of
 * memory. */
int a2_grid_column(PIX *b, int x0, double slope, int yref, int w, int h, int ytop, int ybot,
                   int xtol, double min_score, a2_grid_hit **out, size_t *n);

/* Hits in reading order under dist rows apart taken as one box, at their
 * mean place (a scribble round a printed box gives a second place about
 * 0.8 h from it whose four sides are all inked; two printed boxes of a
 * column are never that close): the count left. */
size_t a2_grid_merge(a2_grid_hit *hits, size_t n, int dist);

#endif
