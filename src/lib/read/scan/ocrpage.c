/* read/scan/ocrpage.c -- the OCR path: page images without the QR code of
 * a generated form (the Secretariat's own form, an old edition, a retyped
 * one) read through Tesseract (ocr.c) into a text document.
 *
 * Per page: the skew corrected (Leptonica), the words and their boxes from
 * Tesseract, the printed boxes found and their ink measured by the QR path's
 * own code (scan.c through scanint.h).  Each text line becomes a block (the
 * words a printed box or a pen mark over it was read as left out), so that
 * the text matcher finds the texts' identifiers, the labels and the Member
 * State as in any document; the front end's a2_ocr_probe() then gives the state of
 * the box printed left of a label's line: empty, marked, or unknown (a faint
 * mark, a mark beside it, a box not found: never a guess).
 *
 * A right-to-left page (the form in Arabic) is taken, once read, as its
 * mirror image, where its labels stand right of their boxes.
 *
 * This file: a page's steps and the blocks.  The words come from
 * ocrwords.c (upright, languages), the boxes from ocrboxes.c, the table's
 * reading order from ocrorder.c; ocrsettle.c checks the votes the matcher
 * read against the boxes of their row. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "read/scan/ocrint.h"
#include "read/scan/page.h"

/* At most this many pages are read by OCR (each some seconds of CPU). */
#define OCR_MAX_PAGES A2_SCAN_OCR_PAGES
/* The QR path's thresholds (scan.c) the OCR path decides again by: ink
 * inside a box (empty below the first, marked from the second), just
 * outside it (a tick running out), beside it. */
#define OCR_IN_EMPTY 0.030
#define OCR_IN_MARK 0.080
#define OCR_NEAR_MARK 0.025
#define OCR_SIDE_NEAR 0.030
/* An option's circle (the Secretariat's, 3.2 mm) is marked with this much
 * ink inside it, or with OCR_IN_EMPTY inside and OCR_ROUND_TICK just
 * outside (a tick's arm running out); ink below both is unclear.  Measured
 * (the Secretariat's form in both seeds' corpora and samples/scans, the
 * boxes matched to the generator's truth): ticks and crosses in 0.09-0.63,
 * those under 0.12 near 0.081 and up, ticks mostly beside it in 0.04-0.07
 * with near 0.097-0.115; marks drawn between two options in 0.03-0.11,
 * near 0.059 at most; a stray stroke 0.085, near 0.003 (a fax's bold
 * outline reaches inside the circle). */
#define OCR_IN_ROUND 0.110
#define OCR_ROUND_TICK 0.075
/* Pages scanned finer than this are read by Tesseract at this resolution. */
#define OCR_DPI 200
/* A page scanned at fewer dots an inch than this is not OCRed. */
#define OCR_MIN_DPI 100
/* A page with more ink than this is no printed form (noise, a photo). */
#define OCR_MAX_INK 0.25
/* Pieces of ink a square millimetre above which a page is specks, not a
 * form: the Secretariat's and our forms, scanned, faxed and photographed
 * (401 pages measured), have at most 0.039 (2,420 pieces on an A4 page);
 * pages of 0.4-8% specks 0.6-8.5.  Tesseract's layout analysis, which its
 * monitor cannot stop, spent 10-16 s of CPU on pages of 2-8% specks. */
#define OCR_MAX_PIECES_MM2 0.5
/* The text's width on an A4 page (mm from its left edge), where the
 * signature area is looked for: the Secretariat's table spans 17-189 mm. */
#define OCR_TEXT_LEFT_MM 15
#define OCR_TEXT_RIGHT_MM 195
/* The table's last rule is this near the last vote box above it (the
 * label's four lines: about 20 mm); the page's footer rule is further. */
#define OCR_SIG_RULE_MM 45

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

int
a2_ocr_probe(a2_doc *doc, size_t b, a2_mark *m)
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
		m->flags = A2_MF_NO_BOX;
		return 1;
	}
	k = &fe->pages[w->page].boxes[w->box];
	m->pos.x = (float)k->x;
	m->pos.y = (float)k->y;
	if (k->hidden && k->state != B_DENSE && !a2_ocr_scribbled(k, fe->pages[w->page].ppm)) {
		/* a box placed under ink that hides its outline
		 * (ocrboxes.c): read only when the ink fills it (a filled
		 * box) or scribbles it out */
		m->state = A2_UNKNOWN;
		m->flags = A2_MF_NO_BOX;
		return 1;
	}
	switch (k->state) {
	case B_EMPTY: m->state = A2_OFF; break;
	/* a mark beside the box, toward its label and level with it (a
	 * tick drawn short of the box, a ring round the label's first word):
	 * the QR path's reading (marks.c), the row's rule still to hold */
	case B_MARK: case B_DENSE: case B_BESIDE:
		if (a2_ocr_scribbled(k, fe->pages[w->page].ppm)) {
			/* scribbled out: cancelled, the other box's mark the
			 * answer (alone: no box marked, so unclear) */
			m->state = A2_OFF;
			break;
		}
		m->state = A2_ON;
		if (w->conf < OCR_LOW_CONF) {
			m->state = A2_UNKNOWN;
			m->flags = A2_MF_LOW_CONF;
		}
		break;
	default: m->state = A2_UNKNOWN; break;   /* faint, a smudge, a stray stroke */
	}
	return 1;
}

/* How well the label beginning with word j (nw words wd) beside box at
 * of pg was read: its first word's confidence; for a word begun over its
 * filled box (a2_ocr_begun_over_filled), the next word's on its line, its
 * own being the box's doing; for a label a ring runs round (the box
 * circled: "«signs" at 42%), the better of the two. */
static float
label_conf(const ocr_page *pg, const a2_ocr_word *wd, size_t nw, size_t j, int at)
{
	int next = j + 1 < nw && wd[j + 1].line == wd[j].line;

	if (at >= 0 && next && a2_ocr_begun_over_filled(&pg->boxes[at], &wd[j]))
		return wd[j + 1].conf;
	if (at >= 0 && next && pg->boxes[at].circled && wd[j + 1].conf > wd[j].conf)
		return wd[j + 1].conf;
	return wd[j].conf;
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

/* A word read plainly begun this far (mm) right of a box or more is its
 * label (the Secretariat's stands 4.5 mm from its box). */
#define OCR_LABEL_GAP 3.5

/* A line's first word that is the printed box (a square, or the circle of
 * an option) with or without a pen mark, read as one to three characters
 * ("O", "PJ", "F]", "xX", "10)"): about the box's size, or a little more
 * with the strokes of a mark. */
static int
box_like(const a2_ocr_word *wd, double ppm)
{
	size_t chars = a2_ocr_n_chars(wd->text);
	const char *s;
	double bx = 3.05 * ppm;

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

/* A line's first word that is one Han ideograph read with confidence,
 * right of a printed box found, is its label's first glyph, not the box:
 * the Chinese form's labels begin "不授权" (does not assign), "无意见"
 * (no comments), one glyph a word, about a box's size.  Not the glyphs
 * a box is read as, empty or with a mark over it (口, 囗, 区). */
static int
han_label(const ocr_page *pg, const a2_ocr_word *wd, double ppm)
{
	unsigned cp = 0;
	size_t n = strlen(wd->text);

	if (wd->conf < 90 || a2_utf8_next(wd->text, n, &cp) != n || cp < 0x3400 || cp > 0x9FFF ||
	    cp == 0x53E3 || cp == 0x56D7 || cp == 0x533A)
		return 0;
	return a2_ocr_box_left_of(pg, wd, ppm) >= 0;
}

/* A short word (three characters at most) that begins more than half a
 * box left of a column of the page's boxes and reaches over that column's
 * middle: a box not found (a tick touching it) and the pen's mark left of
 * it read as letters ("Jo" for a tick and an option's circle), not the
 * first word of a label, which begins right of its box (or, on a form
 * whose labels and options' boxes share a column, at the box's left). */
static int
mark_and_box(const ocr_page *pg, const a2_ocr_word *wd)
{
	size_t i;

	if (a2_ocr_n_chars(wd->text) > 3)
		return 0;
	for (i = 0; i < pg->n_boxes; i++) {
		const box *k = &pg->boxes[i];
		if (wd->x < k->x - k->w / 2 && wd->x + wd->w > k->x + k->w / 2 && wd->x + wd->w <= k->x + k->w * 3 / 2)
			return 1;
	}
	return 0;
}

/* Within how many pixels right of box k a word may begin and hold a
 * pen's mark beside the box: OCR_LABEL_GAP, or less where the layout of
 * boxes of k's size puts their label nearer (the Secretariat's options
 * stand 3.6 mm from their circles): 0.8 mm short of it. */
static double
label_gap(const ocr_fe *fe, const box *k, double ppm)
{
	double g = OCR_LABEL_GAP;
	int c;

	for (c = 0; c < 2; c++) {
		const ocr_layout *lay = &fe->lay[c];
		if (lay->known && fabs(k->w - lay->w * ppm) <= 0.15 * lay->w * ppm && lay->dx - lay->w - 0.8 < g)
			g = lay->dx - lay->w - 0.8;
	}
	return g * ppm;
}

/* A line's first word of two letters or more, letters only, begun where
 * a label begins: right of the box left of it (label_gap: no pen's mark
 * beside the box begins there) or, no box found, within 1 mm of where a
 * column's labels begin.  The label's first word, read with less
 * confidence beside a marked box ("No" beside the Secretariat's option
 * circle filled in, or with a tick touching it), not the box read as a
 * word. */
static int
at_label(const ocr_fe *fe, const ocr_page *pg, const a2_ocr_word *wd, double ppm)
{
	int k = a2_ocr_box_left_of(pg, wd, ppm), letters = 0, c, at = 0;
	const char *s;

	if (k >= 0)
		at = wd->x - (pg->boxes[k].x + pg->boxes[k].w) >= label_gap(fe, &pg->boxes[k], ppm);
	for (c = 0; c < 2 && k < 0 && pg->vx >= 0; c++)
		at |= fe->lay[c].known && abs(wd->x - a2_ocr_label_x(&fe->lay[c], pg->vx, ppm)) <= ppm;
	if (!at)
		return 0;
	for (s = wd->text; *s; s++, letters++)
		if ((unsigned char)*s >= 0x80 || !isalpha((unsigned char)*s))
			return 0;
	return letters >= 2;
}

/* Whether the words of a page are right-to-left text: more of them begin
 * with an Arabic letter than with a Latin one (the Arabic form's address
 * block, identifiers and footer are in Latin letters). */
static int
rtl_words(const a2_ocr_word *wd, size_t nw)
{
	size_t i, arabic = 0, latin = 0;

	for (i = 0; i < nw; i++) {
		const char *s = wd[i].text;
		size_t n = strlen(s), used;
		unsigned cp = 0;
		for (; n > 0; s += used, n -= used) {
			if ((used = a2_utf8_next(s, n, &cp)) == 0)
				break;
			if (a2_ocr_is_arabic(cp)) {
				arabic++;
				break;
			}
			if (cp < 0x80 && isalpha((int)cp)) {
				latin++;
				break;
			}
		}
	}
	return arabic > latin;
}

/* The boxes of pg turned into the page's mirror image (w pixels wide), or
 * back. */
static void
mirror_boxes(ocr_page *pg, int w)
{
	size_t i;

	for (i = 0; i < pg->n_boxes; i++)
		pg->boxes[i].x = w - pg->boxes[i].x - pg->boxes[i].w;
}

/* The signature area of page pg as the QR path finds it (a2_scan_signature:
 * the table's last rule under the page's last vote box, the closing line ("Yours
 * faithfully,"), the space under it), on the page's text width; not found
 * (-1) where a word of print read plainly lies in it: the lines of a label
 * under a box not found, not a signature.  rules the table's rules, bc the
 * ink without them. */
static void
signature(ocr_page *pg, PIX *rules, PIX *bc, const a2_ocr_word *wd, size_t nw, double ppm)
{
	int from = 0, z[4] = {0, 0, 0, 0};
	size_t i;

	for (i = 0; i < pg->n_boxes; i++)
		if (pg->boxes[i].col == 0 && pg->boxes[i].y + pg->boxes[i].h > from)
			from = pg->boxes[i].y + pg->boxes[i].h;
	if (from == 0)
		return;   /* no vote box: no table's end under it */
	pg->signed_ink = a2_scan_signature(bc, rules, ppm, (int)(OCR_TEXT_LEFT_MM * ppm),
	    (int)(OCR_TEXT_RIGHT_MM * ppm), from, from + (int)(OCR_SIG_RULE_MM * ppm), pixGetHeight(bc), z);
	for (i = 0; pg->signed_ink >= 0 && i < nw; i++) {
		int cx = wd[i].x + wd[i].w / 2, cy = wd[i].y + wd[i].h / 2;
		if (a2_ocr_plain_word(&wd[i]) && cx >= z[0] && cx < z[0] + z[2] && cy >= z[1] && cy < z[1] + z[3])
			pg->signed_ink = -1;
	}
}

void
a2_ocr_measure_box(PIX *b, PIX *light, box *k)
{
	a2_scan_measure(b, light, k);
	/* a mark only from ink just outside the outline: on the
	 * Secretariat's form that is as often what is left of the cell's
	 * rule beside the box (a fax's skew) as a tick running out: unclear */
	if (k->col && (k->state == B_MARK || k->state == B_UNSURE)) {
		/* an option's circle: no cell's rule beside it */
		if (k->in >= OCR_IN_EMPTY && k->near >= OCR_ROUND_TICK)
			k->state = B_MARK;
		else if (k->in < OCR_IN_ROUND && k->away >= SIDE_MARK && fabs(k->away_dy) < SIDE_DY)
			k->state = B_BESIDE;   /* a tick beside the circle, level
			                        * with it, its end touching it (a
			                        * mark between two options stands
			                        * 0.9 of a box off either's line) */
		else if (k->state == B_MARK && k->in < OCR_IN_ROUND)
			k->state = B_UNSURE;
	} else if (k->state == B_MARK && k->in < OCR_IN_MARK && !k->faint) {
		/* a mark from ink just outside the outline, with little
		 * inside (what a fax's skew leaves of the cell's rule): unclear,
		 * unless it is ink beside the box toward its label, level
		 * with it, as the QR path's beside mark is (a tick drawn
		 * short of the box whose end comes near it: the Arabic
		 * form's, near 0.08 and beside 0.10).  A light stroke across
		 * the box (the faint rule: nothing just outside) stands: no
		 * empty vote box of the Secretariat's form measured so (ten
		 * generated sets: none with any lighter ink inside; the faint
		 * pens' 0.30-0.37 of the box) */
		k->state = k->in < OCR_IN_EMPTY && k->lab >= SIDE_MARK && fabs(k->lab_dy) < SIDE_DY ? B_BESIDE :
		    B_UNSURE;
	}
	/* nothing inside, nothing faint, nothing toward the label, and
	 * just outside less than a tick leaves: the cell's rule beside
	 * the Secretariat's box (what a fax's skew leaves of it), not a
	 * stray stroke (a box made unsure above has more ink than this) */
	if (k->state == B_UNSURE && k->in < OCR_IN_EMPTY && k->light < OCR_IN_MARK &&
	    k->near < OCR_NEAR_MARK && (k->col ? k->away : k->lab) < OCR_SIDE_NEAR)
		k->state = B_EMPTY;
	/* an option's box with a little ink inside, all of it in the
	 * corners of the square measured and none in the disc they leave
	 * nor just outside: the outline of the Secretariat's circle,
	 * thickened by the scan, reaching into those corners */
	else if (k->col && k->state == B_UNSURE && k->in < OCR_IN_MARK && k->away < OCR_SIDE_NEAR &&
	         a2_ocr_outline_only(b, light, k))
		k->state = B_EMPTY;
}

/* Whether vote box k is unclear for being as near the next box as its own. */
static int
between(const box *k)
{
	return !k->col && k->state == B_UNSURE && k->unsure == U_BETWEEN;
}

/* The vote boxes of pg as near the next box as their own (U_BETWEEN) by
 * ink beside them toward their label that is an option's mark: the
 * Secretariat's options stand right of the votes' column, the second one's
 * circle ("Comments attached") just above "does not assign"'s label, and a
 * cross or tick on it runs out into that box's strip.  With the marked
 * options (half a box round each) cleared from copies of the ink be and
 * the lighter threshold lc, made once for the page, those boxes are
 * measured again.  0, or -1 out of memory. */
static int
not_between(PIX *be, PIX *lc, ocr_page *pg)
{
	PIX *b = NULL, *l = NULL;
	size_t i;
	int rc = -1;

	for (i = 0; i < pg->n_boxes && !between(&pg->boxes[i]); i++)
		;
	if (i == pg->n_boxes)
		return 0;
	for (i = 0; i < pg->n_boxes; i++) {
		const box *o = &pg->boxes[i];
		BOX *r;
		if (!o->col || !A2_SCAN_MARKED(o->state))
			continue;
		if ((b == NULL && ((b = pixCopy(NULL, be)) == NULL || (l = pixCopy(NULL, lc)) == NULL)) ||
		    (r = boxCreate(o->x - o->w / 2, o->y - o->h / 2, 2 * o->w, 2 * o->h)) == NULL)
			goto out;
		pixClearInRect(b, r);
		pixClearInRect(l, r);
		boxDestroy(&r);
	}
	/* no option marked: nothing to clear, the boxes stay as measured */
	for (i = 0; b != NULL && i < pg->n_boxes; i++)
		if (between(&pg->boxes[i]))
			a2_ocr_measure_box(b, l, &pg->boxes[i]);
	rc = 0;
out:
	pixDestroy(&b);
	pixDestroy(&l);
	return rc;
}

/* One page: words, boxes, blocks.  0, or -1 with err set. */
static int
ocr_one(a2_doc *doc, ocr_fe *fe, ocr_engines *en, PIX *gray, int pno, int deadline_ms, a2_error *err)
{
	PIX *up = NULL, *d = NULL, *b = NULL, *lines = NULL, *bc = NULL, *lc = NULL, *be = NULL, *rules = NULL;
	l_float32 angle = 0, conf = 0;
	a2_ocr_word *wd = NULL;
	size_t nw = 0, i, j;
	ocr_page *pg = &fe->pages[pno];
	double ppm, t0 = a2_ocr_cpu_ms();
	int ppi, timed_out = 0, rc = -1, quads = 0, rtl;

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
	if ((up = a2_ocr_upright(gray, &quads)) == NULL)
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
	if ((bc = a2_ocr_no_rules(b, ppm)) == NULL || (lc = a2_ocr_no_rules(lines, ppm)) == NULL ||
	    (rules = pixSubtract(NULL, b, bc)) == NULL ||
	    a2_ocr_find_boxes(pg, lc, ppm) != 0)
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
		ocr_squares sq = {pg->boxes, pg->n_boxes, f, ppm};
		if (src == NULL)
			goto nomem;
		rc = a2_ocr_read_page(en, src, &sq, f < 1 ? OCR_DPI : ppi, deadline_ms, &wd, &nw, &timed_out, err);
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
	if (timed_out && a2_doc_add_note(doc, "unclear", "page %d: OCR stopped at its limit of %d ms of CPU%s",
	    pno + 1, deadline_ms, timed_out == OCR_CUT_SECOND ? " after one pass: few of its words were read "
	    "plainly and the second pass (another script, or the Latin letters of the texts' numbers) was not "
	    "made or not finished" : "; what it had not read is not read") != 0)
		goto nomem;
	/* a right-to-left page (the form in Arabic: a label left of its box,
	 * the texts' column right of the votes', a line's words right to left
	 * in Tesseract's reading order) is taken from here on as its mirror
	 * image, whose geometry is a left-to-right form's: the steps below,
	 * the blocks' and boxes' places (the probe's, the settle step's) are
	 * the mirror's */
	if ((rtl = rtl_words(wd, nw)) != 0) {
		int w = pixGetWidth(bc);
		if (pixFlipLR(bc, bc) == NULL || pixFlipLR(lc, lc) == NULL || pixFlipLR(rules, rules) == NULL)
			goto nomem;
		mirror_boxes(pg, w);
		for (i = 0; i < nw; i++)
			wd[i].x = w - wd[i].x - wd[i].w;
	}
	/* a letter of a word read plainly is not a box (a bold "o" is round,
	 * a fax's bold letters run into squares) */
	for (i = j = 0; i < pg->n_boxes; i++) {
		const box *k = &pg->boxes[i];
		int cx = k->x + k->w / 2, cy = k->y + k->h / 2, in_word = 0;
		size_t q;
		for (q = 0; q < nw && !in_word; q++)
			in_word = a2_ocr_plain_word(&wd[q]) && cx >= wd[q].x && cx < wd[q].x + wd[q].w &&
			    cy >= wd[q].y && cy < wd[q].y + wd[q].h;
		if (!in_word)
			pg->boxes[j++] = *k;
	}
	pg->n_boxes = j;
	if (a2_ocr_boxes_from_layout(fe, pg, lc, b, wd, nw, ppm) != 0)
		goto nomem;
	/* a label's first word lost beside its marked box read again (the
	 * Latin pass's pages: the Han pass reads the page without its
	 * squares) */
	if (!rtl && !timed_out && en->script == OCR_SCRIPT_LATIN) {
		int again = a2_ocr_reread_labels(en, d, ppi, ppm, pg, fe->lay, deadline_ms - (int)(a2_ocr_cpu_ms() - t0),
		    &wd, &nw, err);
		if (again < 0)
			goto out;
		/* a label's first word found again: the box left of it */
		if (again > 0 && a2_ocr_boxes_from_layout(fe, pg, lc, b, wd, nw, ppm) != 0)
			goto nomem;
	}
	signature(pg, rules, bc, wd, nw, ppm);
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
		if (!a2_ocr_plain_word(&wd[i]))
			continue;
		/* a word begun nearer a box than its label stands (3.5 mm: the
		 * Secretariat's label is 4.5 mm from its box) may hold a tick
		 * drawn beside the box, one reaching into it the mark over it
		 * (a box and its tick read as "MÍ"): kept */
		for (q = 0; q < pg->n_boxes && !near_box; q++) {
			const box *k = &pg->boxes[q];
			int gap = wd[i].x - (k->x + k->w);
			near_box = gap < label_gap(fe, k, ppm) && wd[i].x + wd[i].w > k->x &&
			    wd[i].y < k->y + k->h + k->h / 2 && wd[i].y + wd[i].h > k->y - k->h / 2;
		}
		if (near_box)
			continue;
		if ((r = boxCreate(wd[i].x, wd[i].y, wd[i].w, wd[i].h)) == NULL)
			goto nomem;
		pixClearInRect(be, r);
		boxDestroy(&r);
	}
	for (i = 0; i < pg->n_boxes; i++)
		a2_ocr_measure_box(be, lc, &pg->boxes[i]);
	if (not_between(be, lc, pg) != 0)
		goto nomem;
	/* a ring round a label's first line, as the QR path finds it (the
	 * page's labels right of their boxes: a right-to-left page's on its
	 * mirror) */
	if (a2_scan_rings(bc, lc, NULL, NULL, ppm, 1, pg->boxes, pg->n_boxes) != 0)
		goto nomem;
	if (rtl)
		mirror_boxes(pg, pixGetWidth(bc));   /* drawn on the page as it is */
	a2_scan_debug_ocr_page(d, pg->boxes, pg->n_boxes, ppm, quads, conf > 2.0f ? angle : 0, pno + 1);
	if (rtl)
		mirror_boxes(pg, pixGetWidth(bc));
	if (a2_ocr_rows_in_order(pg, &wd, nw, ppm) != 0)
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
			if (drop || !has_alnum(wd[j].text) ||
			    (bl == NULL && !han_label(pg, &wd[j], ppm) && !at_label(fe, pg, &wd[j], ppm) &&
			     (box_like(&wd[j], ppm) || mark_and_box(pg, &wd[j]))) ||
			    (bl != NULL && box_like(&wd[j], ppm) && a2_ocr_box_left_of(pg, &wd[j + (j + 1 < nw)], ppm) >= 0)) {
				bl = NULL;   /* a box, a mark over it, a rule read as a word */
				continue;
			}
			if (bl != NULL && wd[j].x - (wd[j - 1].x + wd[j - 1].w) > 6 * ppm)
				bl = NULL;
			if (bl == NULL) {
				a2_pos pos;
				int at;
				memset(&pos, 0, sizeof(pos));
				pos.page = (unsigned)pno + 1;
				pos.x = (float)(wd[j].x / ppm * 72 / 25.4);
				pos.y = (float)(wd[j].y / ppm * 72 / 25.4);
				if ((bl = a2_doc_add_block(doc, pos, -1, -1, -1, 0)) == NULL ||
				    a2_grow((void **)&fe->where, &fe->cap_where, doc->n_blocks, sizeof(*fe->where)) != 0)
					goto nomem;
				while (fe->n_where < doc->n_blocks - 1)
					fe->where[fe->n_where++] = (ocr_where){-1, -1, 0};
				at = a2_ocr_box_left_of(pg, &wd[j], ppm);
				fe->where[fe->n_where++] = (ocr_where){pno, at, label_conf(pg, wd, nw, j, at)};
			} else if (a2_block_append(bl, " ", 1, 0) != 0) {
				goto nomem;
			} else if (wd[j].x / ppm * 72 / 25.4 < bl->pos.x) {
				/* the block begins at its leftmost word: the Latin
				 * words of a right-to-left line ("ITU-T X.1237")
				 * come in their own order, the first the right one
				 * on the page's mirror */
				bl->pos.x = (float)(wd[j].x / ppm * 72 / 25.4);
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
	pixDestroy(&rules);
	return rc;
}

a2_doc *
a2_scan_ocr_lower(PIX **gray, size_t n, a2_format format, const a2_limits *lim, a2_error *err)
{
	a2_doc *doc = a2_doc_new(format);
	ocr_fe *fe = NULL;
	ocr_engines en;
	size_t i, done = 0;
	double t0 = a2_ocr_cpu_ms(), left;
	/* the budgets (a2_limits.ocr_ms: the file's, a page a quarter; at
	 * most an hour, so that a page's milliseconds, and four times them
	 * for the wall clock, stay ints) */
	double file_ms = (double)(lim->ocr_ms < 3600000u ? lim->ocr_ms : 3600000u) * A2_OCR_TIME_SCALE;
	double page_ms = file_ms / 4;

	memset(&en, 0, sizeof(en));
	en.script = OCR_SCRIPT_UNASKED;
	if (doc == NULL || (fe = calloc(1, sizeof(*fe))) == NULL ||
	    (fe->pages = calloc(n ? n : 1, sizeof(*fe->pages))) == NULL) {
		fe_free(fe);
		a2_doc_free(doc);
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	}
	fe->n_pages = n;
	for (i = 0; i < n; i++) {
		fe->pages[i].signed_ink = -1;
		fe->pages[i].vx = -1;
		fe->pages[i].after = i + 1 < n ? (int)i + 1 : -1;
	}
	doc->fe = fe;
	doc->fe_free = fe_free;
	doc->probe = a2_ocr_probe;
	for (i = 0; i < n; i++) {
		if (gray[i] == NULL)
			continue;
		if (done == OCR_MAX_PAGES) {
			if (a2_doc_add_note(doc, "unclear", "only the first %d pages without a QR code are "
			    "read by OCR", OCR_MAX_PAGES) != 0)
				goto nomem;
			break;
		}
		if ((left = file_ms - (a2_ocr_cpu_ms() - t0)) < 500) {
			if (a2_doc_add_note(doc, "unclear", "OCR stopped at the file's limit of %g s of CPU: "
			    "page %zu and the pages after it are not read", file_ms / 1000, i + 1) != 0)
				goto nomem;
			break;
		}
		if (ocr_one(doc, fe, &en, gray[i], (int)i,
		    (int)(left < page_ms ? left : page_ms), err) != 0)
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
	a2_ocr_engines_free(&en);
	return doc;
nomem:
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
fail:
	a2_ocr_engines_free(&en);
	a2_doc_free(doc);
	return NULL;
}

int
a2_scan_is_ocr(const a2_doc *doc)
{
	return doc != NULL && doc->probe == a2_ocr_probe;
}
