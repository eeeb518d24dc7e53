/* read/scan/page.h -- the QR path's steps over one page, internal to
 * read/scan/ (the pipeline is scan.c's read_page):
 *
 *   qr.c      the code found (any orientation) and its payload parsed
 *   locate.c  the fiducials (body and scale) and the printed boxes, in
 *             reading order, through grid.c
 *   marks.c   the ink in and around each box, rings round option texts,
 *             the signature area: each box a state (B_*)
 *   cancel.c  both boxes of a vote or of the options marked: "cancelled"
 *             written beside one of them read (Tesseract, on a strip)
 *   decide.c  the texts decided from their boxes' states (or the pages
 *             handed to the OCR path: ocrpage.c)
 *   debug.c   the pages drawn (--debug-images, the review page's image)
 *   image.c   pages and pixel counts from an image's headers, before
 *             anything is decoded
 *
 * The thresholds below are one calibrated set: measure both generated
 * seeds and the drawn set (tests/scan/) before changing any of them. */
#ifndef A2_READ_SCAN_PAGE_H
#define A2_READ_SCAN_PAGE_H

#include <stddef.h>

#include <leptonica/allheaders.h>

#include "annex2/annex2.h"
#include "read/scan/scan.h"
#include "read/scan/scanint.h"

/* ---- thresholds (ink fractions, calibrated on rendered forms) ---------- */
#define INK_GRAY     170     /* a pixel darker than this is ink */
#define LINE_GRAY    210     /* ... or part of a printed line */
#define IN_EMPTY     0.030   /* inside a box: below, empty */
#define IN_MARK      0.080   /* at or above, marked; between, unclear */
#define IN_DENSE     0.850   /* filled or scribbled out */
#define NEAR_MARK    0.025   /* just outside the outline (to 0.35 of a box):
                              * a tick or a cross running out; empty boxes
                              * measured at most 0.010 (the generated set,
                              * seed 14), ticks and crosses at least 0.031 */
#define SCRIB_NEAR   0.240   /* a marked box with this much ink just
                              * outside it (to 0.35 box) ... */
#define SCRIB_HALO   0.250   /* ... and this much further out (to 0.6 box)
                              * ... */
#define SCRIB_IN     0.100   /* ... and this much inside is scribbled out:
                              * a cancelled mark.  Measured (both seeds,
                              * pages whose boxes were all found):
                              * scribbles in 0.115-1.0, near 0.25-0.88, halo
                              * 0.26-0.65; every other marked box near at
                              * most 0.21, halo 0.24 (a cross), inside an
                              * empty box circled round 0 (a ring round the
                              * box is not a scribble);
                              * the drawn set's filled boxes (make_set.py:
                              * a rectangle a little over the box) 0.16,
                              * 0.07 */
#define SCRIB_MAYBE  0.200   /* a mark with this much ink round it (halo)
                              * that is not a scribble by the above:
                              * unclear unless the other box is marked */
#define RING_ENCLOSE  0.80   /* a ring round a label's first line: ink
                              * above and below the line over this share of
                              * its middle ... */
#define RING_THICK   0.40    /* ... unless under this share of its columns
                              * are thin (RING_THIN_MM) down and up: then a
                              * fax's letters run into the rules and the
                              * lines round them (unmarked labels enclosed
                              * to 0.83, thin 0.33-0.39), all round it ...
                              * */
#define RING_TEXT    0.45    /* ... and a ring of thick strokes read so, with
                              * under this share thin and round under
                              * RING_THICK_ENCLOSE of its line, may be those
                              * lines still: its box, empty, is unclear, not
                              * marked (a Russian fax's unmarked label, seed
                              * 77: enclosed 0.842, thin 0.422; a circled
                              * one on seed 14's fax 0.836, 0.411) */
#define RING_THICK_ENCLOSE 0.90 /* ... this share (rings so drawn on both
                              * seeds' faxes 0.96-1.0) ... */
#define RING_OTHER   0.30    /* ... and over at most this share round any
                              * other box's line */
#define RING_OTHER_PEN 0.45  /* ... or this share when the ring is one thin
                              * pen stroke (RING_THIN, RING_LOOSE_FILL) all
                              * round its own line (RING_THICK_ENCLOSE): a
                              * ring drawn askew, its far end dipping into
                              * the next row.  Measured: seed 14's bilevel
                              * G4 option ring, round its line 0.997 and
                              * the next 0.327 (read now); every other
                              * record of seeds 14, 8, 21 and 33 the same */
#define RING_LOOSE   0.45    /* a ring drawn askew, across the line's
                              * letters: this share enclosed is enough
                              * when the ring is one thin stroke (below),
                              * closed at both ends (seed 14's scans: 1
                              * more of 13 missed rings read, no box
                              * taken for circled that was not; without
                              * the closed ends 4 more, and an arc of the
                              * ring round the line above taken) */
#define RING_LOOSE_FILL 0.15 /* ... its ink at most this share of its
                              * bounding box (letters run into a piece:
                              * 0.2-0.3) ... */
#define RING_LOWER_FILL 0.20 /* a ring round a band of its label lower
                              * than its first line (round the label's two
                              * lines, crossing the first), having been
                              * round the first at least RING_LOOSE: its ink
                              * at most this share of its bounding box ...
                              * */
#define RING_LOWER_THIN 0.65 /* ... its first run of ink down and up this
                              * share of its columns thinner than
                              * RING_THIN_MM, and all round the band
                              * (RING_ENCLOSE), closed at both ends.
                              * Measured (the generated sets of seeds 14
                              * and 8): the 29 pieces so taken fill
                              * 0.09-0.20, thin 0.66-0.96, 4 more texts
                              * read right and none otherwise; two lines of
                              * letters with the gap between them taken for
                              * the band: round the first line 0.06
                              * (Chinese), 0.42 (Arabic) */
#define RING_THIN    0.85    /* ... and its first run of ink down and up
                              * this share of its columns thinner than */
#define RING_THIN_MM 1.2     /* ... this (a letter's stem is longer) */
#define RING_RULE_MM 5.0     /* a ring touching a table rule along this (the
                              * rule put back where it ran along it) */
#define RING_HIGH    4.5     /* a ring (with the glyphs it touches) at most
                              * this many boxes high ... */
#define RING_HIGH_SPARSE 6.0 /* ... or this many when its ink is at most
                              * RING_LOOSE_FILL of its bounding box: a ring
                              * whose arc runs through the line above or
                              * below takes that line's glyphs with it
                              * (seed 8's scaled JPEG: 4.8 boxes, fill 0.08,
                              * round 0.88 of its line); lines of letters
                              * run together fill 0.2-0.3 */
#define RING_END_MM  2.5     /* its end toward the box in the gap before the
                              * label or at most this far over the label
                              * (rings begun over the first letters: 1.8 and
                              * 1.9 mm in; 1.5 mm read 2 fewer, none wrong) */
#define RING_ALONE   0.85    /* a ring found only round the line (not by
                              * its end, not one thin pen's stroke) marks an
                              * empty box from this share; under it, unclear.
                              * Measured (seeds 14, 8, 88, 99, 255): such
                              * rings drawn 0.83-1.00 (two under this); what
                              * was no ring 0.80-0.84 (a 204 x 98 fax's rule
                              * broken into dashes over its label's line, read
                              * with confidence, seed 255; a ring's arc
                              * dipping to the line below, seed 8).  Its
                              * cost: 11 rings drawn, read before, unclear
                              * now on 25 sets (seeds 14-333) */
#define DOT_SPREAD   0.55    /* ink inside a box, nothing outside it,
                              * spread over less than this share of the
                              * square measured: a dot, unclear.  Measured
                              * (the QR forms of seeds 14, 8, 21 and 33):
                              * such ink 0.21-0.50, the 0.50 a dot on a
                              * 204 x 98 fax, its rows doubled (read a mark
                              * at 0.5); nothing else under 0.60 */
#define DOT_FAINT_SPREAD 0.90 /* ... unless FAINT_MARK or more of the box is
                              * ink on the lighter threshold, spread over
                              * this share of it: a faint pen's stroke
                              * across the box, its darkest part a dot.
                              * Measured (seeds 14, 88, 99, 111, 122, 144,
                              * the QR forms): dots' lighter ink 0.08-0.21 of
                              * the box, spread 0.31-0.62; faint marks read
                              * as dots 0.20-0.46, spread 1.0 (one 0.69,
                              * left a dot: too near) */
#define NEAR_UNSURE  0.012   /* from here to NEAR_MARK: a stroke, unclear */
#define SIDE_MARK    0.050   /* beside the box (1.4 boxes wide): a mark */
#define SIDE_NEAR    0.030   /* ... some ink there */
#define SIDE_DY      0.45    /* its centre further up or down (in boxes):
                              * as near the next box, unclear ... */
#define SIDE_BETWEEN 0.015   /* ... for an option's box marked only by ink
                              * just outside it (NEAR_MARK), from this much
                              * (a tick between the two options, its arm
                              * just outside one of them: read a mark there
                              * before, 31 times on ten sets, once with
                              * confidence, seed 122).  Measured on the QR
                              * forms of seeds 8, 14, 88, 99, 111, 122, 133,
                              * 144: such ticks 0.015-0.030 beside the
                              * box, centred 0.70-0.87 box off its line;
                              * no clear mark so measured (an empty box
                              * above a tick so measured: not marked, so
                              * not taken) */
#define NEAR_TICK    0.060   /* ... unless this much ink runs out of the box
                              * all round it: a tick's stroke (its long arm
                              * up beside the box).  Measured (both seeds):
                              * ticks so taken 0.069-0.156; marks between
                              * two boxes at most 0.052, empty boxes 0.023 */
#define FAINT_MARK   0.200   /* under IN_MARK on the ink threshold (but
                              * some ink there) and this much on the lighter
                              * one, spread across the box: a faint mark.
                              * Measured (both seeds): the generator's faint
                              * pen light 0.25-0.72 (1 of 57 with no ink at
                              * all on the ink threshold); smudges at most
                              * 0.10 (seed 21: one 0.21, see FAINT_OUT),
                              * strays 0.04, dots 0.20 (not spread),
                              * empty boxes 0 but fax noise.  Nothing at
                              * all on the ink threshold: unclear */
#define FAINT_SPREAD 0.60
#define FAINT_OUT    0.010   /* ... its ink-threshold part only just outside
                              * the outline: this much there on the lighter
                              * threshold too (lnear), a pen's stroke running
                              * out of the box; a smudge stays inside.  Measured
                              * (seeds 14, 8 and 21, the QR forms): faint
                              * marks so read 0.025-0.143 (5 with nothing
                              * inside: 0.082-0.143); smudges at most 0.002,
                              * none with ink inside (seed 21's smudge, light
                              * 0.21 and one dark pixel just outside, was
                              * read a mark when that pixel was enough) */
#define FAINT_NEAR   0.050   /* under NEAR_MARK on the ink threshold and
                              * this much just outside the outline on the
                              * lighter one (lnear), nothing beside: a faint
                              * tick or cross running out of the box.
                              * Measured (both seeds, the QR forms): faint
                              * marks not otherwise read 0.028-0.111 (21 of
                              * 25 at or above, 4 of them 0.051-0.060);
                              * unmarked boxes not read marked at most
                              * 0.034, strays 0.032, dots and smudges 0.01 */
#define SHEAR_MIN    0.4     /* degrees: under this, a page's fiducials
                              * measured square (to 0.05 degrees at 200
                              * dpi) are not sheared back.  The generated
                              * faxes at 204 x 98 dpi: 0.3-1.6 */
#define CONF_MIN     0.60    /* below: unclear, never a guess */
#define BOX_MM       3.05    /* the printed box (gen/scanmark.h) */
#define VOTE_COL_MM  51.8    /* its left edge in the vote's column from the
                              * text's left edge (the left fiducial's; the
                              * right's in a right-to-left form, to its right
                              * edge): the choice table's first column is
                              * 50 mm (gen/docx.c, gen/odt.c).  Measured on
                              * the generated sets: 49.6-53.8 (faxes) */
#define VOTE_COL_TOL_MM 5.0  /* a column of boxes further than this from it
                              * is not the vote's */

enum { U_NONE, U_DOT, U_BETWEEN, U_STRAY, U_FAINT, U_RING };

typedef struct page {
	a2_scan_qr qr;
	int has_qr;
	int rotation;
	double skew;
	box *boxes;
	size_t n_boxes;
	int signed_ink;     /* -1 unknown */
	int fiducials;      /* found */
	double ppm;         /* pixels a millimetre of the page as read */
	int sig_zone[4];    /* the signature area looked at (x, y, w, h) */
	PIX *gray;          /* a page without the QR code, kept for the OCR path */
	int ocr;            /* its boxes found by the OCR path (no QR code) */
} page;

/* qr.c: the annex2 code on 8-bit page g as it is, one zbar pass: 1 found
 * (*q, *orient as below), 0 none. */
int a2_scan_zbar(PIX *g, a2_scan_qr *q, int *orient);
#define QR_BUDGET_MS 1000    /* ms of the thread's CPU (a2_ocr_cpu_ms) for
                              * a page's tries below */
/* qr.c: the annex2 code on 8-bit page g (as it comes, binarized unless
 * two_tone -- g black and white only --, at twice the size when low_res, at
 * half when large): 1 found (*q, *orient 0 up, 1 right, 2 down, 3 left),
 * 0 none. */
int a2_scan_find_code(PIX *g, int low_res, int two_tone, a2_scan_qr *q, int *orient);
/* qr.c: the code on 8-bit page g (about ppm pixels a mm; src the page as
 * decoded) where a blot of its size is, when a2_scan_find_code found none:
 * 1 found (as above), 0 none. */
int a2_scan_find_code_spots(PIX *g, PIX *src, double ppm, a2_scan_qr *q, int *orient);

/* locate.c: the fiducials of binary page b at about ppm0 pixels a mm:
 * the body's rows (*top, *bottom), the scale (*ppm), the text width
 * (*lx, *rx); 1 found, 0 not. */
int a2_scan_fiducials(PIX *b, double ppm0, int *top, int *bottom, double *ppm, int *lx, int *rx);
/* locate.c: the printed boxes of lines (the lighter threshold) in rows
 * [top, bottom), nt texts expected (0 unknown), ltr the form's direction,
 * [lx, rx) the text width between the fiducials (lx >= rx: not known):
 * *out malloc'd in reading order; 0, or -1 out of memory. */
int a2_scan_grid_boxes(PIX *lines, double ppm, int top, int bottom, int nt, int ltr, int lx, int rx,
                       box **out, size_t *n_out);

/* marks.c: the runs of binary b len pixels long or more, across or down
 * (pixOpenBrick's opening by a line, in about 3 sqrt(len) rasterops; NULL:
 * no memory). */
PIX *a2_scan_runs(PIX *b, int len, int across);
/* marks.c: the page without its long straight lines (NULL: no memory). */
PIX *a2_scan_without_rules(PIX *b, double ppm);
/* marks.c: box k's ink on b (light: the lighter threshold) and its state;
 * ltr: its label is right of it. */
void a2_scan_measure_box(PIX *b, PIX *light, box *k, int ltr);
/* Box k moved by up to t pixels each way to where its outline has the
 * most ink of b: the grid finds a box anywhere its sides, widened by t,
 * cover it (the first such place, up and left of the printed box). */
void a2_scan_snap(PIX *b, box *k, int t);
/* A box's state that is a mark (in it, filled, beside it). */
#define A2_SCAN_MARKED(s) ((s) == B_MARK || (s) == B_DENSE || (s) == B_BESIDE)

/* cancel.c: what reads the words written beside a mark, one a file
 * (Tesseract loaded when first needed, its time bounded): */
typedef struct a2_scan_words {
	a2_ocr *ocr;
	int unavailable;    /* no Tesseract or no language data: not read */
	double spent_ms;    /* CPU time spent so far on this file */
} a2_scan_words;
/* cancel.c: of the n boxes of a page (4 a text, nt texts, in reading
 * order; ltr: labels right of their boxes; lang the form's), the marked
 * boxes of a vote or an option marked twice, or marked once with ink
 * beside, with "cancelled" written beside them (k[].cancelled); b the
 * page's ink, bc without its rules (a word written over a rule is read
 * whole from b), lc the lighter threshold's without its rules (a word
 * written in a light pen).  0, or -1 out of memory. */
int a2_scan_cancel_words(a2_scan_words *w, PIX *b, PIX *bc, PIX *lc, double ppm, int ltr, const char *lang,
                         box *k, size_t n, int nt);
/* 1 when text (words OCR read on a line) says "cancelled"; loose as
 * cancel.c reads the one mark of a pair. */
int a2_scan_cancel_text(const char *text, int loose);
void a2_scan_words_done(a2_scan_words *w);

/* marks.c: ink in the signature area of the last page: 1, 0 visibly
 * empty, -1 not found; zone the area looked at (x, y, w, h).  The table's
 * last rule is looked for in rows [from, rule_by). */
int a2_scan_signature(PIX *b, PIX *rules, double ppm, int left, int right, int from, int rule_by, int bottom,
                      int *zone);

/* debug.c: page n as read (d upright, 8-bit) drawn into the debug
 * directory, or kept for a2_scan_page_png. */
void a2_scan_debug_page(PIX *d, const page *pg, int n);

/* decide.c: the document of n pages read (texts, pages, problems, the
 * code's identifiers), or the OCR path's; NULL with err set. */
a2_doc *a2_scan_decide(page *pg, size_t n, a2_format format, const a2_limits *lim, a2_error *err);

/* warp.c: page g (8-bit, upright) a phone's photo of the form (its four
 * fiducials a quadrilateral, not a rectangle): the page mapped back to the
 * form's rectangle, its light evened out, at 200 to 300 dpi (*skew the top
 * pair's angle, degrees); NULL when it is not (a scan: the deskew's) or
 * its fiducials are not all found, or out of memory.  A scan's *shear: by
 * how much its left pair leans further than its top pair turns (degrees,
 * 0 for a page only turned; the rows of a page deskewed by its lines
 * shifted by that much right from the top down stand its columns upright). */
PIX *a2_scan_unwarp(PIX *g, double *skew, double *shear);

/* image.c: a classic TIFF's pages and a JPEG's frame size and number of
 * components (1 grey, 3 YCbCr, 4 CMYK or YCCK), from the headers: 0, or
 * -1 (err set for the TIFF). */
int a2_scan_tiff_pages(const unsigned char *d, size_t len, int *pages, a2_error *err);
int a2_scan_jpeg_size(const unsigned char *d, size_t len, int *w, int *h, int *comps);

#endif
