/* read/scan/ocrint.h -- what the files of the OCR path share: a page's
 * boxes and a label line's place (ocrpage.c), the boxes found
 * (ocrboxes.c), the words read (ocrwords.c) and put in the table's order
 * (ocrorder.c), the votes settled (ocrsettle.c). */
#ifndef A2_READ_SCAN_OCRINT_H
#define A2_READ_SCAN_OCRINT_H

#include <stddef.h>

#include "read/scan/scanint.h"

typedef struct ocr_where {
	int page;            /* 0-based, -1 none */
	int box;             /* index in the page's boxes, -1 none found */
	float conf;          /* Tesseract's confidence in the block's first word */
} ocr_where;

typedef struct ocr_page {
	box *boxes;
	size_t n_boxes;
	double ppm;
	int vx;              /* the votes' column of boxes (their left), -1
	                      * not known (a2_ocr_boxes_from_layout) */
	int signed_ink;      /* the signature area under the closing line below
	                      * the page's last box: 1 ink, 0 visibly empty, -1
	                      * not found or not read (a2_scan_signature) */
	int after;           /* the page that follows it in the form (its row
	                      * broken at the foot goes on there), -1 none:
	                      * the next in the file unless a2_scan_ocr_order
	                      * found the pages out of order */
} ocr_page;

/* A column of boxes as the boxes found show it (mm): the column from the
 * votes' (off), a label's first word from the left of its box (dx) and
 * from its top (dy), the box's size; known once one box was found with
 * its label right of it. */
typedef struct ocr_layout {
	int known;
	double off, dx, dy, w, h;
} ocr_layout;

typedef struct ocr_fe {
	ocr_page *pages;
	size_t n_pages;
	ocr_where *where;
	size_t n_where, cap_where;
	/* the form's layout as the boxes found show it, for the votes'
	 * squares (lay[0]) and the options' circles (lay[1]) */
	ocr_layout lay[2];
} ocr_fe;

/* The Tesseract instances of a file, each loaded when first needed: the
 * Latin-script pass, OSD, one per other script. */
typedef struct ocr_engines {
	a2_ocr *latin, *osd, *other[3];
	int no_osd;          /* osd.traineddata not installed */
	int no_other[3];     /* that script's data not installed */
	int script;          /* the file's script as a page's OSD named it:
	                      * index of other[]; OCR_SCRIPT_LATIN Latin or
	                      * not known; OCR_SCRIPT_UNASKED before the
	                      * file's first page (OSD asked first there) */
} ocr_engines;

/* ocrboxes.c.  A word of the printed text read plainly: confident, letters
 * (and a label's punctuation) only, no pen stroke read into it. */
int a2_ocr_plain_word(const a2_ocr_word *wd);
/* Whether the ink a2_scan_measure found inside box k (measured on the ink
 * b and the lighter threshold light) is only its outline's: all of it in
 * the corners of the square measured, none in the disc they leave nor
 * just outside the box (an option's circle on the Secretariat's form,
 * thickened by the scan, reaches into those corners). */
int a2_ocr_outline_only(PIX *b, PIX *light, const box *k);
/* Box k of a page of the Secretariat's form measured on the ink
 * b (the words of the labels cleared) and the lighter threshold light, and
 * decided by the OCR path's thresholds. */
void a2_ocr_measure_box(PIX *b, PIX *light, box *k);
/* Whether word wd begins over box k, filled in, and runs on two boxes'
 * width past its left side: the box's ink read as part of its label's
 * first word ("assigns" from the filled box's left side, seed 14's
 * 14-itu-form page 3, at 30% confidence). */
int a2_ocr_begun_over_filled(const box *k, const a2_ocr_word *wd);
/* Whether vote box k (the votes' column's) was scribbled out: marked, and
 * inked far round it.  The Secretariat's 5 mm squares, whose ink fractions
 * a pen's stroke of the same width gives about 0.6 times the QR path's
 * 3.05 mm boxes', have thresholds of their own; a generated form's boxes
 * (read without its QR code) the QR path's (page.h's SCRIB_*).  ppm:
 * pixels a millimetre. */
int a2_ocr_scribbled(const box *k, double ppm);
/* The characters of UTF-8 string s. */
size_t a2_ocr_n_chars(const char *s);
/* The bytes of the X of a text's identifier at s (n bytes): 1 a Latin X,
 * 2 the Cyrillic one the Russian pass reads (U+0425), 3 a full-width one
 * (the Han pass); 0 none. */
size_t a2_ocr_x_len(const char *s, size_t n);
/* Whether code point cp is an Arabic letter or sign (the Arabic block and
 * its supplement, the presentation forms). */
int a2_ocr_is_arabic(unsigned cp);
/* The printed box of p left of a line's word wd (its right side within
 * 12 mm of the word, its middle within the line's height), or -1. */
int a2_ocr_box_left_of(const ocr_page *p, const a2_ocr_word *wd, double ppm);
/* The squares and circles among the printed lines (without the table's
 * rules) added to pg.  0, or -1 out of memory. */
int a2_ocr_find_boxes(ocr_page *pg, PIX *lines, double ppm);
/* The boxes a fax thinned past finding or a pen's mark joined to another
 * piece, looked for where the form's layout (learnt into fe from the
 * boxes found) puts them among the printed lines l (without the table's
 * rules), and those a scribble or a fill hid, on the ink (with them).
 * 0, or -1. */
int a2_ocr_boxes_from_layout(ocr_fe *fe, ocr_page *pg, PIX *l, PIX *ink, const a2_ocr_word *wd, size_t nw, double ppm);
/* Where the labels of layout lay's column begin (pixels) on a page whose
 * votes' column of boxes is at vx. */
int a2_ocr_label_x(const ocr_layout *lay, int vx, double ppm);
/* The gap between a box of layout lay's column and its label (pixels). */
int a2_ocr_label_gap(const ocr_layout *lay, double ppm);
/* The binary page b without the table's rules: a new PIX, NULL out of memory. */
PIX *a2_ocr_no_rules(PIX *b, double ppm);

/* ocrorder.c.  The words *wdp (nw) of page pg in the table's reading
 * order, their line numbers renumbered.  0, or -1 out of memory. */
int a2_ocr_rows_in_order(const ocr_page *pg, a2_ocr_word **wdp, size_t nw, double ppm);

/* ocrsettle.c.  Whether a block's text (len bytes) opens with the
 * identifier recn (rl bytes), or has it second after "ITU-T" or a word
 * read from a speck: a text's cell in the table's first column. */
int a2_ocr_names_text(const char *t, size_t len, const char *recn, size_t rl);
/* a2_scan_ocr_settle() on doc, whose fe is an ocr_fe (its
 * blocks' places in where[]): what the matcher read into rec kept only
 * where the text's row shows the box it was read from as the row's one
 * mark.  0, or -1 out of memory. */
int a2_ocr_settle(const a2_doc *doc, a2_record *rec);
/* ocrpage.c, the OCR front end's doc->probe: the state of the box left of
 * block b (its label's line), as the page's boxes were measured; 0 when
 * the block is no label of a page read. */
int a2_ocr_probe(a2_doc *doc, size_t b, a2_mark *m);

/* Words below this confidence make the text they carry unclear. */
#define OCR_LOW_CONF 50.0f

#define OCR_SCRIPT_LATIN (-1)
#define OCR_SCRIPT_UNASKED (-2)
/* What a2_ocr_read_page sets *timed_out to when a page's time ran out:
 * 1 (a2_ocr_page's) the pass read was stopped; OCR_CUT_SECOND the page's
 * second pass (the other script, or the Latin letters of its
 * identifiers) was not made or was stopped, the first pass's words kept. */
#define OCR_CUT_SECOND 2

/* The boxes found on a page before it is read (its squares: col 0), in
 * the page's pixels, and f, the scale of the image Tesseract reads. */
typedef struct ocr_squares {
	const box *boxes;
	size_t n;
	float f;
	double ppm;
} ocr_squares;

/* ocrwords.c.  The words of page src at ppi within deadline_ms of CPU,
 * in the languages en holds or loads (en->script OCR_SCRIPT_UNASKED for a
 * file's first page); sq: the page's squares, which a Han pass reads the
 * page without; where the words kept are another script's, each line with
 * "ITU" and no identifier read again by the Latin pass alone (the Arabic
 * pass read "ITU-T 3" for "ITU-T X.1283"); *timed_out 0, 1 or
 * OCR_CUT_SECOND.  0, or -1 with err set. */
int a2_ocr_read_page(ocr_engines *en, PIX *src, const ocr_squares *sq, int ppi, int deadline_ms, a2_ocr_word **wd,
                     size_t *nw, int *timed_out, a2_error *err);
/* Lines whose label's first word Tesseract lost, or read with low
 * confidence, beside a marked box read again without the box
 * (ocrwords.c).  The number of lines read again whose words were
 * replaced, or -1 with err set. */
int a2_ocr_reread_labels(ocr_engines *en, PIX *src, int ppi, double ppm, const ocr_page *pg, const ocr_layout *lay,
                         int deadline_ms, a2_ocr_word **wdp, size_t *nwp, a2_error *err);
void a2_ocr_engines_free(ocr_engines *en);
/* The page gray turned upright by its text (*quads quarter turns
 * clockwise): a new PIX, NULL out of memory. */
PIX *a2_ocr_upright(PIX *gray, int *quads);

#endif
