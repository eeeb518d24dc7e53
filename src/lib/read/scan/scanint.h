/* read/scan/scanint.h -- what the QR path (scan.c) shares with the OCR path
 * (ocr*.c, ocrint.h): the printed box, how it is found and how its ink is measured,
 * so that a form without the QR code is measured as one with it. */
#ifndef A2_READ_SCANINT_H
#define A2_READ_SCANINT_H

#include <stddef.h>

#include <leptonica/allheaders.h>

#include "annex2/annex2.h"
#include "read/scan/ocr.h"

enum { B_EMPTY, B_MARK, B_UNSURE, B_BESIDE, B_DENSE };
/* How a box's label was found circled (marks.c): by the ring's end in the
 * gap before the label, by the line the ring encloses, and that ring one
 * thin pen stroke; or a ring of thick strokes that may be lines of letters
 * run together (a fax's), not sure. */
enum { RING_BY_END = 1, RING_AROUND = 2, RING_PEN = 4, RING_TEXTLIKE = 8 };
#define A2_SCAN_RING_BOTH (RING_BY_END | RING_AROUND)
#define A2_SCAN_RING_SURE(c) (((c) & RING_PEN) != 0 || ((c) & A2_SCAN_RING_BOTH) == A2_SCAN_RING_BOTH)

/* Pages without the QR code the OCR path reads (the first ones): only
 * they are kept (8-bit, at most 300 dpi: 9 MB an A4 page). */
#define A2_SCAN_OCR_PAGES 6

typedef struct box {
	int x, y, w, h;
	int col;            /* 0 the boxes of the vote, 1 the options' (indented 1 cm) */
	double in, ring, light, near;
	int state;
	int missing;        /* an option box not found where the grid puts it */
	double halo;        /* ink just around the outline (to 0.6 of a box) */
	double lnear;       /* near on the lighter threshold: a faint stroke */
	double lab, away;   /* ink beside it toward its label, away from it */
	double lab_dy, away_dy; /* where that ink is, up or down, in boxes */
	int circled;        /* its label's first line circled: RING_* */
	int unsure;         /* why B_UNSURE: U_* */
	int faint;          /* B_MARK by a light stroke across it alone (the
	                     * lighter threshold's: marks.c's faint rule) */
	int cancelled;      /* "cancelled" read written beside it (cancel.c): 1,
	                     * 2 between its row and the next box's, 0 */
	int hidden;         /* the OCR path's: placed by the layout under ink
	                     * that hides its outline (ocrboxes.c) */
} box;

/* How far in from its outline, on each side, the square is that a box's
 * ink inside it is measured in (a fifth of the box, and a pixel). */
#define A2_SCAN_MARGIN(k) ((k)->w / 5 + 1)

/* The page d (8-bit, upright) as ink and as printed lines (a lighter
 * threshold): 0, or -1 out of memory. */
int a2_scan_binarize(PIX *d, PIX **ink, PIX **lines);
/* The share of [x, x+w) x [y, y+h) of binary b that is ink (the part of
 * it on the page; 0 off the page). */
double a2_scan_ink_in(PIX *b, int x, int y, int w, int h);
/* The ink in and around box k, and its state (B_*). */
void a2_scan_measure(PIX *b, PIX *light, box *k);
/* marks.c: the rings round the labels of boxes k (n) on the ink b and the
 * lighter threshold l, both without their rules (ltr: the labels right of
 * their boxes), a box with its label circled marked when it is empty, or
 * unsure and the ring sure.  rb, rl: the rules a2_scan_without_rules took
 * from each, for a ring's stretch along a rule to be put back (NULL: not
 * put back).  0, or -1 out of memory. */
int a2_scan_rings(PIX *b, PIX *l, PIX *rb, PIX *rl, double ppm, int ltr, box *k, size_t n);

/* debug.c: page n (1-based) as the OCR path read it (d upright, 8-bit,
 * deskewed by skew degrees after quads quarter turns), its n_boxes boxes
 * drawn as the QR path's are (--debug-images). */
void a2_scan_debug_ocr_page(PIX *d, box *boxes, size_t n_boxes, double ppm, int quads, double skew, int n);

/* The OCR path (ocrpage.c): pages without the QR code, as 8-bit gray
 * (NULL for a page not kept), read into a text document whose probe()
 * measures the printed box left of a label's line. */
a2_doc *a2_scan_ocr_lower(PIX **gray, size_t n, a2_format format, const a2_limits *lim, a2_error *err);

/* 1 when doc came from the OCR path; then a2_scan_ocr_settle() (ocrsettle.c) keeps, of
 * what the text matcher read from it, only the votes read from a measured
 * box (evidence "scan", a confidence) and makes the rest unclear.  0, -1. */
int a2_scan_is_ocr(const a2_doc *doc);
int a2_scan_ocr_settle(const a2_doc *doc, a2_record *rec);
/* ocrorder.c: doc's pages, when it came from the OCR path, put in the
 * order of form's texts (a file's pages scanned out of order: a row the
 * table broke at a page's foot goes on at the top of the page that follows
 * it in the form, not in the file).  0, or -1 out of memory. */
int a2_scan_ocr_order(a2_doc *doc, const a2_form *form);

/* decide.c: 1 when box k (a generated form's, measured by
 * a2_scan_measure) is marked, inked over and far around it: scribbled out,
 * a cancelled mark (page.h SCRIB_*). */
int a2_scan_scribbled(const box *k);

/* decide.c: the "unsigned" problem of a scanned form whose signature area
 * has no ink (rec->sig_signed 0) or was not found (-1).  0, -1 out of
 * memory. */
int a2_scan_unsigned(a2_record *rec);

#endif
