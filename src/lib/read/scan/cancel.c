/* read/scan/cancel.c -- a mark cancelled in words.  A person who marked
 * the wrong box and then the right one often writes "cancelled" (annulé,
 * anulado) beside the wrong one instead of scribbling it out.  When both
 * boxes of a vote, or both options, are marked, or one with ink beside it
 * (the right one may be marked in a way not read: a ring not found), the
 * strip of the page on each marked box's row, on the side away from its
 * label (where a word fits: the margin of the table's first column, the
 * options' indent), is read through Tesseract (ocr.c), and a word of
 * cancelling found there marks the box `cancelled`; decide.c then lets the
 * other mark stand, or, with no other, reads neither.  Nothing is guessed
 * from a word not read: two marks stay a conflict.
 *
 * Tesseract is loaded for the first such pair of a file, in the form's
 * language (English for the scripts whose handwriting it does not read),
 * and its time is bounded per strip and per file. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/util.h"
#include "read/scan/page.h"
#include "read/scan/scanint.h"

/* The strip looked at: this far from the box (mm), this high (mm either
 * side of the box's middle: a handwritten line whole, and where it lies
 * measured against the next box's row). */
#define STRIP_MM 42.0
#define STRIP_HALF_MM 5.0
/* ... left out when it holds less ink than this (nothing written). */
#define STRIP_MIN_INK 0.004
/* Tesseract's time on one strip and on a file (ms of CPU; doubled under
 * ASan: ocr.h). */
#define STRIP_MS (300 * A2_OCR_TIME_SCALE)
#define FILE_MS (1000 * A2_OCR_TIME_SCALE)

/* The words, folded (lower case, no accents, letters only), and how many
 * letters each may be misread by: a word of 7 letters or more by one. */
static const char *const cancel_words[] = {
	"cancelled", "canceled", "cancel", "cancelado", "cancelada",
	"annule", "annulee", "anulado", "anulada", "anular",
};

/* The letters a-z of s, folded, appended to out[*n..cap). */
static void
fold_letters(const char *s, char *out, size_t *n, size_t cap)
{
	utf8proc_uint8_t *f = NULL;
	size_t i;

	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &f, UTF8PROC_NULLTERM | UTF8PROC_STABLE |
	    UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD) < 0 || f == NULL) {
		free(f);
		return;
	}
	for (i = 0; f[i] != '\0' && *n + 1 < cap; i++)
		if (f[i] >= 'a' && f[i] <= 'z')
			out[(*n)++] = (char)f[i];
	out[*n] = '\0';
	free(f);
}

/* 1 when w occurs in s with at most k letters misread, added or left
 * out: anywhere in s (Sellers' edit distance to any substring), or, whole,
 * as all of s (Levenshtein's distance). */
static int
occurs(const char *w, const char *s, int k, int whole)
{
	size_t m = strlen(w), n = strlen(s), i, j;
	int col[32], best = INT_MAX;

	if (m == 0 || m >= sizeof(col) / sizeof(col[0]))
		return 0;
	for (i = 0; i <= m; i++)
		col[i] = (int)i;
	for (j = 1; j <= n; j++) {
		int diag = col[0], up;
		col[0] = whole ? (int)j : 0;   /* else the word may start anywhere in s */
		for (i = 1; i <= m; i++) {
			up = col[i];
			col[i] = diag + (w[i - 1] != s[j - 1]);
			if (up + 1 < col[i])
				col[i] = up + 1;
			if (col[i - 1] + 1 < col[i])
				col[i] = col[i - 1] + 1;
			diag = up;
		}
		if ((!whole || j == n) && col[m] < best)
			best = col[m];
	}
	return best <= k;
}

/* letters (a line's words, folded) say "cancelled": a word of cancelling
 * in them, a word of 7 letters or more with one misread.  loose, where
 * finding it only makes the one mark of a pair unclear: also the letters
 * that are all such a word with two misread (7 letters or more; one of 5
 * or 6), a word Tesseract read in pieces from a hand ("anulado" read "alu
 * ado"; a title's word in the strip, "Recomendaciones" read "manadas", is
 * not one). */
static int
is_cancel(const char *letters, int loose)
{
	size_t i, n;

	for (i = 0; i < sizeof(cancel_words) / sizeof(cancel_words[0]); i++) {
		n = strlen(cancel_words[i]);
		if (occurs(cancel_words[i], letters, n >= 7, 0) ||
		    (loose && occurs(cancel_words[i], letters, (n >= 7) + (n >= 5), 1)))
			return 1;
	}
	return 0;
}

int
a2_scan_cancel_text(const char *text, int loose)
{
	char letters[512];
	size_t n = 0;

	letters[0] = '\0';
	fold_letters(text, letters, &n, sizeof(letters));
	return is_cancel(letters, loose);
}

static const char *
tess_lang(const char *lang)
{
	if (strcmp(lang, "fr") == 0)
		return "fra";
	if (strcmp(lang, "es") == 0)
		return "spa";
	return "eng";
}

/* The strip [x, x+len) x [y, y+h) of page p read: 1 when a word of it, or
 * two or three of a line (a word read in pieces), say it is cancelled and
 * lie on box k's row (their middle within 0.4 of sep, the distance to the
 * nearest other box of the text), 2 when they lie between k's row and the
 * next (0.4 to 0.6 of sep: which box they cancel is not clear), 0 none
 * (or none read), -1 out of memory. */
static int
strip_read(a2_scan_words *w, PIX *p, double ppm, int x, int y, int len, int h, const box *k, int sep,
           int loose)
{
	int border = (int)(2 * ppm), timed_out = 0, rc = 0, found = 0;
	double kmid = border + (k->y + k->h / 2 - y), t0;
	PIX *clip, *pad;
	BOX *r;
	a2_ocr_word *wd = NULL;
	size_t nw = 0, i, j, nl;
	char letters[512];

	if ((r = boxCreate(x, y, len, h)) == NULL)
		return -1;
	clip = pixClipRectangle(p, r, NULL);
	boxDestroy(&r);
	pad = clip != NULL ? pixAddBorder(clip, border, 0) : NULL;
	pixDestroy(&clip);
	if (pad == NULL)
		return -1;
	t0 = a2_ocr_cpu_ms();
	if (a2_ocr_page(w->ocr, pad, (int)lround(ppm * 25.4), STRIP_MS, &wd, &nw, &timed_out, NULL) != 0)
		rc = -1;
	w->spent_ms += a2_ocr_cpu_ms() - t0;
	pixDestroy(&pad);
	for (i = 0; rc == 0 && i < nw && found != 1; i++) {
		int top = wd[i].y, bot = wd[i].y + wd[i].h;
		nl = 0;
		letters[0] = '\0';
		for (j = i; j < nw && j < i + 3 && wd[j].line == wd[i].line; j++) {
			double mid;
			fold_letters(wd[j].text, letters, &nl, sizeof(letters));
			if (wd[j].y < top)
				top = wd[j].y;
			if (wd[j].y + wd[j].h > bot)
				bot = wd[j].y + wd[j].h;
			if (!is_cancel(letters, loose))
				continue;
			mid = fabs((top + bot) / 2.0 - kmid);
			if (mid <= 0.4 * sep)
				found = 1;
			else if (mid < 0.6 * sep && found == 0)
				found = 2;
			break;
		}
	}
	a2_ocr_words_free(wd, nw);
	return rc != 0 ? -1 : found;
}

/* The strip beside box k (away from its label, STRIP_MM long, its row
 * and the half rows either side) read as in strip_read: first without the
 * page's rules (a word written up to the table's side), then, when nothing
 * was read, with them (a word written over the side, its letters cut by
 * the rule's removal), then on the lighter threshold (a word in a light
 * pen, its strokes broken on the ink threshold).  b the page's ink, bc
 * without its rules, lc the lighter threshold's without its rules. */
static int
cancel_beside(a2_scan_words *w, PIX *b, PIX *bc, PIX *lc, double ppm, int ltr, const box *k, int sep,
              int loose)
{
	int h = (int)(2 * STRIP_HALF_MM * ppm), y = k->y + k->h / 2 - h / 2;
	int gap = (int)(0.25 * ppm), len = (int)(STRIP_MM * ppm), x, found;

	x = ltr ? k->x - gap - len : k->x + k->w + gap;
	if (x < 0) {
		len += x;
		x = 0;
	}
	if (x + len > pixGetWidth(b))
		len = pixGetWidth(b) - x;
	if (y < 0) {
		h += y;
		y = 0;
	}
	if (y + h > pixGetHeight(b))
		h = pixGetHeight(b) - y;
	if (len < (int)(8 * ppm) || h < (int)(4 * ppm))
		return 0;
	if (a2_scan_ink_in(lc, x, y, len, h) < STRIP_MIN_INK || w->spent_ms >= FILE_MS)
		return 0;
	found = strip_read(w, bc, ppm, x, y, len, h, k, sep, loose);
	if (found == 0 && w->spent_ms < FILE_MS)
		found = strip_read(w, b, ppm, x, y, len, h, k, sep, loose);
	if (found == 0 && w->spent_ms < FILE_MS)
		found = strip_read(w, lc, ppm, x, y, len, h, k, sep, loose);
	return found;
}

static int
pair(a2_scan_words *w, PIX *b, PIX *bc, PIX *lc, double ppm, int ltr, const char *lang, box *p, int sp, box *q,
     int sq)
{
	int c, mp = A2_SCAN_MARKED(p->state), mq = A2_SCAN_MARKED(q->state);

	/* both marked; or one, with something written on its row beside it
	 * (the word by the wrong mark, the right one a ring not found) */
	if ((!mp && !mq) || w->unavailable || (mp != mq && (mp ? p : q)->away < SIDE_NEAR))
		return 0;
	if (w->ocr == NULL) {
		/* the form's language, else English (its data not installed) */
		if (a2_ocr_available(NULL) != 0 || ((w->ocr = a2_ocr_new(tess_lang(lang), NULL)) == NULL &&
		    (w->ocr = a2_ocr_new("eng", NULL)) == NULL)) {
			w->unavailable = 1;
			return 0;
		}
		a2_ocr_set_block(w->ocr, 1);
	}
	if (mp && (c = cancel_beside(w, b, bc, lc, ppm, ltr, p, sp, mp != mq)) != 0) {
		if (c < 0)
			return -1;
		p->cancelled = c;
	}
	if (mq && (c = cancel_beside(w, b, bc, lc, ppm, ltr, q, sq, mp != mq)) != 0) {
		if (c < 0)
			return -1;
		q->cancelled = c;
	}
	return 0;
}

int
a2_scan_cancel_words(a2_scan_words *w, PIX *b, PIX *bc, PIX *lc, double ppm, int ltr, const char *lang, box *k,
                     size_t n, int nt)
{
	size_t t;

	if (nt <= 0 || n != (size_t)nt * 4)
		return 0;   /* the boxes not tied to texts: decide.c reads none */
	for (t = 0; t < n; t += 4) {
		/* the boxes top to bottom: the vote's, the options', the vote's;
		 * each one's nearest neighbour in the text */
		int a = k[t].y, o1 = k[t + 1].y, o2 = k[t + 2].y, d = k[t + 3].y;
		if (o1 - a <= 0 || o2 - o1 <= 0 || d - o2 <= 0)
			continue;
		if (pair(w, b, bc, lc, ppm, ltr, lang, &k[t], o1 - a, &k[t + 3], d - o2) != 0 ||
		    pair(w, b, bc, lc, ppm, ltr, lang, &k[t + 1], o2 - o1 < o1 - a ? o2 - o1 : o1 - a, &k[t + 2],
		         o2 - o1 < d - o2 ? o2 - o1 : d - o2) != 0)
			return -1;
	}
	return 0;
}

void
a2_scan_words_done(a2_scan_words *w)
{
	a2_ocr_free(w->ocr);
	memset(w, 0, sizeof(*w));
}
