/* read/scan/ocrwords.c -- the OCR path's words of a page: the page turned
 * upright by its text, then read by Tesseract (ocr.c) in the Latin-script
 * languages or, where too few words are read plainly, in the script
 * Tesseract's OSD sees on it; the lines of the texts' identifiers on a
 * page in another script read again in Latin. */
#include <stdlib.h>
#include <string.h>

#include "read/scan/ocrint.h"

void
a2_ocr_engines_free(ocr_engines *en)
{
	size_t i;

	a2_ocr_free(en->latin);
	a2_ocr_free(en->osd);
	for (i = 0; i < 3; i++)
		a2_ocr_free(en->other[i]);
}

/* A page read by the Latin pass with under this share (tenths) of its
 * words read plainly is asked its script (the Secretariat's form in
 * English: 74-87%; the form in Russian, Arabic, Chinese: 19-42%, their
 * address block and identifiers in Latin letters). */
#define OCR_MIN_PLAIN_TENTHS 6

static size_t
plain_count(const a2_ocr_word *wd, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += a2_ocr_plain_word(&wd[i]);
	return c;
}

enum { SCRIPT_CYRILLIC, SCRIPT_ARABIC, SCRIPT_HAN };
static const struct {
	const char *script, *langs;
} other_scripts[3] = {
	[SCRIPT_CYRILLIC] = {"Cyrillic", A2_OCR_LANGS_CYRILLIC},
	[SCRIPT_ARABIC] = {"Arabic", A2_OCR_LANGS_ARABIC},
	[SCRIPT_HAN] = {"Han", A2_OCR_LANGS_HAN},
};

/* Page src read by the pass of script k (other_scripts[]): the Han pass
 * reads a copy with the printed squares sq whitened, 0.3 mm round (see
 * a2_ocr_read_page), made here, for that pass only.  0, or -1 with err
 * set. */
static int
other_pass(ocr_engines *en, int k, PIX *src, const ocr_squares *sq, int ppi, int deadline_ms,
           a2_ocr_word **wd, size_t *nw, int *timed_out, a2_error *err)
{
	PIX *n;
	int pad = (int)(0.3 * sq->ppm * sq->f) + 1, rc;
	size_t i;

	if (k != SCRIPT_HAN)
		return a2_ocr_page(en->other[k], src, ppi, deadline_ms, wd, nw, timed_out, err);
	if ((n = pixCopy(NULL, src)) == NULL)
		goto nomem;
	for (i = 0; i < sq->n; i++) {
		const box *b = &sq->boxes[i];
		BOX *r;
		if (b->col != 0)
			continue;
		if ((r = boxCreate((int)(b->x * sq->f) - pad, (int)(b->y * sq->f) - pad, (int)(b->w * sq->f) + 2 * pad,
		    (int)(b->h * sq->f) + 2 * pad)) == NULL) {
			pixDestroy(&n);
			goto nomem;
		}
		pixSetInRect(n, r);
		boxDestroy(&r);
	}
	rc = a2_ocr_page(en->other[k], n, ppi, deadline_ms, wd, nw, timed_out, err);
	pixDestroy(&n);
	return rc;
nomem:
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return -1;
}

/* The script Tesseract's OSD names on page src, as an index of
 * other_scripts[] whose engine is loaded, or 3: Latin, not known, or no
 * data installed for OSD or for that script.  -1 with err set. */
static int
osd_script(ocr_engines *en, PIX *src, int ppi, a2_error *err)
{
	char name[32];
	size_t k;
	a2_error e2;

	memset(&e2, 0, sizeof(e2));
	if (en->no_osd)
		return 3;
	if (en->osd == NULL && (en->osd = a2_ocr_new("osd", &e2)) == NULL) {
		en->no_osd = 1;
		return 3;
	}
	if (a2_ocr_script(en->osd, src, ppi, name, sizeof(name), err) != 0)
		return -1;
	for (k = 0; k < 3 && strncmp(name, other_scripts[k].script, strlen(other_scripts[k].script)) != 0; k++)
		;
	if (k == 3 || en->no_other[k])
		return 3;
	if (en->other[k] == NULL && (en->other[k] = a2_ocr_new(other_scripts[k].langs, &e2)) == NULL) {
		en->no_other[k] = 1;
		return 3;
	}
	return (int)k;
}

/* Whether s holds a text's identifier: an X (a2_ocr_x_len: Latin,
 * Cyrillic or full-width), ".", four digits. */
static int
has_identifier(const char *s)
{
	size_t n = strlen(s), i, x, d;

	for (i = 0; i < n; i++) {
		if ((x = a2_ocr_x_len(s + i, n - i)) == 0 || s[i + x] != '.')
			continue;
		for (d = 1; d <= 4 && s[i + x + d] >= '0' && s[i + x + d] <= '9'; d++)
			;
		if (d > 4)
			return 1;
	}
	return 0;
}

/* [x0, x1) x [y0, y1) of src read by the Latin pass as one block, within
 * deadline_ms of CPU: its words in *w2 (*n2), placed on src; none when
 * the place is off the page or the deadline cut the reading.  0, or -1
 * with err set. */
static int
read_clip(ocr_engines *en, PIX *src, int ppi, int deadline_ms, int x0, int y0, int x1, int y1, a2_ocr_word **w2,
          size_t *n2, a2_error *err)
{
	int timed_out = 0, rc;
	size_t q;
	BOX *r;
	PIX *clip;

	*w2 = NULL;
	*n2 = 0;
	x0 = x0 > 0 ? x0 : 0;
	y0 = y0 > 0 ? y0 : 0;
	if (x1 <= x0 || y1 <= y0)
		return 0;
	if ((r = boxCreate(x0, y0, x1 - x0, y1 - y0)) == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		return -1;
	}
	clip = pixClipRectangle(src, r, NULL);
	boxDestroy(&r);
	if (clip == NULL)
		return 0;   /* off the page */
	a2_ocr_set_block(en->latin, 1);
	rc = a2_ocr_page(en->latin, clip, ppi, deadline_ms, w2, n2, &timed_out, err);
	a2_ocr_set_block(en->latin, 0);
	pixDestroy(&clip);
	if (rc != 0)
		return -1;
	if (timed_out) {
		a2_ocr_words_free(*w2, *n2);
		*w2 = NULL;
		*n2 = 0;
	}
	for (q = 0; q < *n2; q++) {
		(*w2)[q].x += x0;
		(*w2)[q].y += y0;
	}
	return 0;
}

/* Words [i, j) of *wdp (*nwp) replaced by w2 (n2 words, which *wdp takes
 * in any case), on line `line`.  0, or -1 with err set. */
static int
splice(a2_ocr_word **wdp, size_t *nwp, size_t i, size_t j, a2_ocr_word *w2, size_t n2, int line, a2_error *err)
{
	a2_ocr_word *wd = *wdp, *out;
	size_t nw = *nwp, q;

	if ((out = malloc((nw - (j - i) + n2) * sizeof(*out))) == NULL) {
		a2_ocr_words_free(w2, n2);
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		return -1;
	}
	memcpy(out, wd, i * sizeof(*out));
	for (q = 0; q < n2; q++) {
		out[i + q] = w2[q];
		out[i + q].line = line;
	}
	memcpy(out + i + n2, wd + j, (nw - j) * sizeof(*out));
	for (q = i; q < j; q++)
		free(wd[q].text);
	free(wd);
	free(w2);   /* its texts now out's */
	*wdp = out;
	*nwp = nw - (j - i) + n2;
	return 0;
}

/* The bounding box [*x0, *x1) x [*y0, *y1) of words [i, j) of wd (i < j). */
static void
words_box(const a2_ocr_word *wd, size_t i, size_t j, int *x0, int *y0, int *x1, int *y1)
{
	*x0 = wd[i].x;
	*y0 = wd[i].y;
	*x1 = wd[i].x + wd[i].w;
	*y1 = wd[i].y + wd[i].h;
	for (i++; i < j; i++) {
		*x0 = wd[i].x < *x0 ? wd[i].x : *x0;
		*y0 = wd[i].y < *y0 ? wd[i].y : *y0;
		*x1 = wd[i].x + wd[i].w > *x1 ? wd[i].x + wd[i].w : *x1;
		*y1 = wd[i].y + wd[i].h > *y1 ? wd[i].y + wd[i].h : *y1;
	}
}

/* Line [i, j) of wd read again by the Latin pass, as one block cut from
 * src with 2 mm round it (ppm pixels a millimetre): its words in place of
 * the line's when they hold an identifier.  0, or -1 with err set. */
static int
reread_line(ocr_engines *en, PIX *src, int ppi, double ppm, int deadline_ms, a2_ocr_word **wdp, size_t *nwp,
            size_t i, size_t j, a2_error *err)
{
	a2_ocr_word *wd = *wdp, *w2 = NULL;
	size_t n2 = 0, q;
	int x0, y0, x1, y1, pad = (int)(2 * ppm), found = 0;

	words_box(wd, i, j, &x0, &y0, &x1, &y1);
	if (read_clip(en, src, ppi, deadline_ms, x0 - pad, y0 - pad, x1 + pad, y1 + pad, &w2, &n2, err) != 0)
		return -1;
	for (q = 0; q < n2 && !found; q++)
		found = has_identifier(w2[q].text);
	if (!found) {
		a2_ocr_words_free(w2, n2);
		return 0;
	}
	return splice(wdp, nwp, i, j, w2, n2, wd[i].line, err);
}

/* Each line of the words *wdp (*nwp) of a page read in another script
 * with "ITU" in it and no identifier (the Arabic pass read "ITU-T 3" for
 * "ITU-T X.1283") read again by the Latin pass alone, cut from src (at
 * ppi, ppm pixels a millimetre), within deadline_ms of CPU; its words
 * replaced by those read where they hold one.  0, or -1 with err set. */
static int
reread_ids(ocr_engines *en, PIX *src, int ppi, double ppm, int deadline_ms, a2_ocr_word **wdp, size_t *nwp,
           a2_error *err)
{
	double t0 = a2_ocr_cpu_ms();
	size_t i, j;

	for (i = 0; i < *nwp; i = j) {
		const a2_ocr_word *wd = *wdp;
		int itu = 0, id = 0, left;
		for (j = i; j < *nwp && wd[j].line == wd[i].line; j++) {
			itu |= strstr(wd[j].text, "ITU") != NULL;
			id |= has_identifier(wd[j].text);
		}
		if (!itu || id)
			continue;
		left = deadline_ms - (int)(a2_ocr_cpu_ms() - t0);
		if (left < 200)
			break;
		if (en->latin == NULL && (en->latin = a2_ocr_new(A2_OCR_LANGS, err)) == NULL)
			return -1;
		if (reread_line(en, src, ppi, ppm, left, wdp, nwp, i, j, err) != 0)
			return -1;
		/* the line's words, read again or not, kept its number */
		for (j = i; j < *nwp && (*wdp)[j].line == (*wdp)[i].line; j++)
			;
	}
	return 0;
}

/* The words of page src (at ppi).  The first page a file reads is given
 * to Tesseract's OSD first (a tenth of the Latin pass's time): a page in
 * Cyrillic, Arabic or Han script is read in that language (with English:
 * the identifiers are Latin) and the Latin pass is saved (the Russian
 * form's first page: Latin pass, OSD, then Russian took over its 4 s on a
 * slower machine and was cut).  Otherwise the Latin-script languages
 * first (the Secretariat's form in English, French, Spanish: one pass);
 * a page of too few words read plainly in them is given to OSD (unless it
 * was just asked) and read again in the script it names within what is
 * left of the page's time; the pass with more words read plainly is kept.
 * The script OSD named is remembered for the file: the pages after it
 * are read in that script first, with neither OSD nor the Latin pass
 * unless that reads too few words plainly; where the Latin pass then
 * reads the first page better, OSD's script is not the file's (the pages
 * after are read Latin first).  Data not installed for OSD or the
 * script: the Latin pass stands.  The Han pass reads the page without
 * its printed squares sq (the boxes found on it): it reads an empty box as 口 and a box
 * with the label's first glyph beside it as one glyph, or none, and that
 * glyph is the one that says "does not assign" (不) or "No comments"
 * (无); the generated form in Chinese lost it before every label.  A
 * Latin or Cyrillic pass reads src: there a bold "o" may be among the
 * squares found, and no box is read into its label.  *other: 1 when the
 * words kept are another script's pass's.  0, or -1 with err set. */
static int
read_passes(ocr_engines *en, PIX *src, const ocr_squares *sq, int ppi, int deadline_ms, a2_ocr_word **wd,
            size_t *nw, int *timed_out, int *other, a2_error *err)
{
	double t0 = a2_ocr_cpu_ms();
	a2_ocr_word *w2 = NULL;
	size_t n2 = 0;
	int to2 = 0, left, k, asked = 0, w2_other;

	if (en->script == OCR_SCRIPT_UNASKED) {
		asked = 1;
		if ((k = osd_script(en, src, ppi, err)) < 0)
			return -1;
		en->script = k < 3 ? k : OCR_SCRIPT_LATIN;
	}
	if (en->script >= 0) {
		/* the script OSD named: this page in it alone; the Latin pass
		 * too only when it reads too few words plainly (a page in
		 * another script, a cover letter) */
		k = en->script;
		*other = 1;
		if (other_pass(en, k, src, sq, ppi, deadline_ms, wd, nw, timed_out, err) != 0)
			return -1;
		left = deadline_ms - (int)(a2_ocr_cpu_ms() - t0);
		if (*timed_out || plain_count(*wd, *nw) * 10 >= *nw * OCR_MIN_PLAIN_TENTHS)
			return 0;
		if (left < 500)
			return (*timed_out = OCR_CUT_SECOND, 0);
		if ((en->latin == NULL && (en->latin = a2_ocr_new(A2_OCR_LANGS, err)) == NULL) ||
		    a2_ocr_page(en->latin, src, ppi, left, &w2, &n2, &to2, err) != 0)
			return -1;
		/* OSD's guess on the file's first page, which the Latin
		 * pass reads better, is not the file's script */
		if (asked && plain_count(w2, n2) > plain_count(*wd, *nw))
			en->script = OCR_SCRIPT_LATIN;
		w2_other = 0;
		goto better;
	}
	*other = 0;
	if ((en->latin == NULL && (en->latin = a2_ocr_new(A2_OCR_LANGS, err)) == NULL) ||
	    a2_ocr_page(en->latin, src, ppi, deadline_ms, wd, nw, timed_out, err) != 0)
		return -1;
	if (*timed_out || asked || en->no_osd || plain_count(*wd, *nw) * 10 >= *nw * OCR_MIN_PLAIN_TENTHS)
		return 0;
	if ((k = osd_script(en, src, ppi, err)) < 0)
		return -1;
	left = deadline_ms - (int)(a2_ocr_cpu_ms() - t0);
	if (k == 3)
		return 0;
	if (left < 500)
		return (*timed_out = OCR_CUT_SECOND, 0);
	/* the script OSD named is the file's: the next pages read in it
	 * first, without asking OSD again */
	en->script = k;
	if (other_pass(en, k, src, sq, ppi, left, &w2, &n2, &to2, err) != 0)
		return -1;
	w2_other = 1;
better:
	if (plain_count(w2, n2) > plain_count(*wd, *nw)) {
		a2_ocr_words_free(*wd, *nw);
		*wd = w2;
		*nw = n2;
		*timed_out = to2;
		*other = w2_other;
	} else {
		/* the first pass kept, the second cut: what it would have
		 * added (the Latin letters of the texts' numbers) is lost */
		a2_ocr_words_free(w2, n2);
		*timed_out = to2 ? OCR_CUT_SECOND : 0;
	}
	return 0;
}

int
a2_ocr_read_page(ocr_engines *en, PIX *src, const ocr_squares *sq, int ppi, int deadline_ms, a2_ocr_word **wd,
                 size_t *nw, int *timed_out, a2_error *err)
{
	double t0 = a2_ocr_cpu_ms();
	int other = 0;

	if (read_passes(en, src, sq, ppi, deadline_ms, wd, nw, timed_out, &other, err) != 0)
		return -1;
	if (!other || *timed_out)
		return 0;
	return reread_ids(en, src, ppi, sq->ppm * sq->f, deadline_ms - (int)(a2_ocr_cpu_ms() - t0), wd, nw, err);
}

/* A label's first word is lost, or read with low confidence, beside a
 * filled box or one marked heavily: Tesseract reads the mark and the word
 * after it as one piece and drops it ("No comments or suggested changes"
 * read "comments or suggested changes", which says the other option), or
 * keeps it at under OCR_LOW_CONF (which makes the box's mark unclear).  A
 * line whose first word stands OCR_LOST_MM or more further from the box
 * left of it than the form's labels do, or is read there under
 * OCR_LOW_CONF, or, with no box found left of it (a tick touching an
 * option's circle), begins OCR_LOST_MM or more right of where a column's
 * labels begin, is read again from just right of its box (the third of
 * the labels' gap nearest the box left out, with the pen's ink running out
 * of it).  Its words from there are those read when they have as many
 * characters or more and begin with a word read plainly, nearer the box
 * or with more confidence. */
#define OCR_LOST_MM 2.0

/* The characters of words [i, j) of wd. */
static size_t
chars_of(const a2_ocr_word *wd, size_t i, size_t j)
{
	size_t n = 0;

	for (; i < j; i++)
		n += a2_ocr_n_chars(wd[i].text);
	return n;
}

/* Whether line [i, j) of wd is to be read again: *first its first word
 * right of the box, *xs where the reading starts. */
static int
lost_word(const ocr_page *pg, const ocr_layout *lay, const a2_ocr_word *wd, size_t i, size_t j, double ppm,
          size_t *first, int *xs)
{
	int k = -1, c, gap, edge;
	size_t q;

	for (q = i; q < j && k < 0; q++)
		if ((k = a2_ocr_box_left_of(pg, &wd[q], ppm)) >= 0)
			*first = q;
	if (k >= 0) {
		const box *b = &pg->boxes[k];
		c = b->col != 0;
		if (!lay[c].known)
			return 0;
		gap = a2_ocr_label_gap(&lay[c], ppm);
		edge = b->x + b->w;
		/* a word of the line over the box and a box's width past
		 * it: a letter of it taken for a box ("[Official" on the
		 * Secretariat's first page), not the box read as a word */
		for (q = i; q < *first; q++)
			if (wd[q].x <= b->x + b->w / 2 && wd[q].x + wd[q].w > b->x + 2 * b->w)
				return 0;
		*xs = edge + gap / 3;
		return wd[*first].x - edge >= gap + OCR_LOST_MM * ppm || wd[*first].conf < OCR_LOW_CONF;
	}
	/* no box found left of the line's words, on a line of the table (a
	 * box of the page within 10 mm up or down: not the page's title): its
	 * first word right of a column's boxes (none of the line between
	 * them and it) begun within OCR_LOST_MM of where that column's labels
	 * begin and read under OCR_LOW_CONF, or further right, within 12 mm,
	 * read plainly and not where the other column's labels begin */
	if (pg->vx < 0)
		return 0;
	for (q = 0; q < pg->n_boxes && abs(pg->boxes[q].y - wd[i].y) > 10 * ppm; q++)
		;
	if (q == pg->n_boxes)
		return 0;
	for (c = 0; c < 2; c++) {
		int lx, other, lost;
		if (!lay[c].known || !lay[!c].known)
			continue;
		lx = a2_ocr_label_x(&lay[c], pg->vx, ppm);
		other = a2_ocr_label_x(&lay[!c], pg->vx, ppm);
		gap = a2_ocr_label_gap(&lay[c], ppm);
		for (q = i; q < j && wd[q].x + wd[q].w <= lx - gap; q++)
			;
		if (q == j)
			continue;
		if (abs(wd[q].x - lx) <= OCR_LOST_MM * ppm)
			lost = wd[q].conf < OCR_LOW_CONF;   /* at the labels' start */
		else
			lost = wd[q].x > lx && wd[q].x <= lx + 12 * ppm && abs(wd[q].x - other) > OCR_LOST_MM * ppm &&
			    a2_ocr_plain_word(&wd[q]);   /* past it */
		if (!lost)
			continue;
		*first = q;
		*xs = lx - gap + gap / 3;
		return 1;
	}
	return 0;
}

int
a2_ocr_reread_labels(ocr_engines *en, PIX *src, int ppi, double ppm, const ocr_page *pg, const ocr_layout *lay,
                     int deadline_ms, a2_ocr_word **wdp, size_t *nwp, a2_error *err)
{
	double t0 = a2_ocr_cpu_ms();
	size_t i, j, q;
	int done = 0;

	if (en->latin == NULL)
		return 0;
	for (i = 0; i < *nwp; i = j) {
		a2_ocr_word *wd = *wdp, *w2 = NULL;
		size_t n2 = 0, n, first = 0;
		int xs = 0, x0, x1, y0, y1, pad = (int)ppm, left;
		for (j = i; j < *nwp && wd[j].line == wd[i].line; j++)
			;
		if (!lost_word(pg, lay, wd, i, j, ppm, &first, &xs))
			continue;
		if ((left = deadline_ms - (int)(a2_ocr_cpu_ms() - t0)) < 200)
			break;
		words_box(wd, first, j, &x0, &y0, &x1, &y1);
		if (read_clip(en, src, ppi, left, xs, y0 - pad, x1 + 2 * pad, y1 + pad, &w2, &n2, err) != 0)
			return -1;
		/* the words of this line: their middle within its rows */
		for (q = n = 0; q < n2; q++) {
			int mid = w2[q].y + w2[q].h / 2;
			if (mid >= y0 && mid < y1)
				w2[n++] = w2[q];
			else
				free(w2[q].text);
		}
		if (n == 0 || !a2_ocr_plain_word(&w2[0]) || chars_of(w2, 0, n) < chars_of(wd, first, j) ||
		    (w2[0].x > wd[first].x - OCR_LOST_MM * ppm && w2[0].conf <= wd[first].conf)) {
			a2_ocr_words_free(w2, n);
			continue;
		}
		if (splice(wdp, nwp, first, j, w2, n, wd[first].line, err) != 0)
			return -1;
		j = first + n;
		done++;
	}
	return done;
}

/* The page gray upright: a page on its side or upside down (a scanner's
 * or a fax's feed) has no QR code to say so here, so its text says it:
 * Leptonica's pixOrientDetect() counts the ascenders and descenders of
 * the words (on 1 bpp at 150 to 300 dpi, a finer page halved first) in
 * each of the four ways up, and makeOrientDecision() with its own
 * confidences (8 and 2.5 times: a page without enough text is kept as
 * it is) names the way.  *quads: quarter turns clockwise done (0 to 3).
 * A new PIX (the same page when upright), or NULL out of memory. */
PIX *
a2_ocr_upright(PIX *gray, int *quads)
{
	PIX *b = pixConvertTo1(gray, 128), *r = NULL, *out;
	int side = pixGetWidth(gray) < pixGetHeight(gray) ? pixGetWidth(gray) : pixGetHeight(gray);
	l_float32 up = 0, left = 0;
	l_int32 orient = L_TEXT_ORIENT_UNKNOWN;

	*quads = 0;
	if (b == NULL)
		return NULL;
	if (side / 210.0 * 25.4 > 320 && (r = pixReduceRankBinary2(b, 1, NULL)) != NULL) {
		pixDestroy(&b);
		b = r;
	}
	if (pixOrientDetect(b, &up, &left, 0, 0) == 0)
		makeOrientDecision(up, left, 0.0, 0.0, &orient, 0);
	pixDestroy(&b);
	switch (orient) {
	case L_TEXT_ORIENT_LEFT: *quads = 1; out = pixRotateOrth(gray, 1); break;
	case L_TEXT_ORIENT_DOWN: *quads = 2; out = pixRotateOrth(gray, 2); break;
	case L_TEXT_ORIENT_RIGHT: *quads = 3; out = pixRotateOrth(gray, 3); break;
	default: out = pixClone(gray); break;
	}
	return out;
}
