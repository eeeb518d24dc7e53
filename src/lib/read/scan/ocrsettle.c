/* read/scan/ocrsettle.c -- what the text matcher read from an OCR
 * document (ocrpage.c) made safe: a vote stands only where the text's own
 * row of the table shows one box marked and one empty. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "read/scan/ocrint.h"

/* What the text matcher read from an OCR document, made safe: only a vote
 * read from a measured box stands (evidence "scan", confidence OCR_CONF,
 * below the QR path's); what the matcher inferred from a label it did not
 * find, or said missing or in conflict, may come from a word OCR misread or
 * a box it did not find, so it is unclear (a person reads it). */
#define OCR_CONF 0.7
/* Points in a millimetre (the blocks' positions are in points). */
#define PT_MM (72 / 25.4)

/* Whether box i of page pno has its middle in rows [y, yb), 20 mm or more
 * right of x (pixels), and stands before a line of text. */
static int
in_row(const a2_doc *doc, int pno, size_t i, double y, double yb, double x)
{
	const ocr_fe *fe = doc->fe;
	const box *k = &fe->pages[pno].boxes[i];
	double km = k->y + k->h / 2.0;
	size_t j;

	if (k->x < x + 20 * fe->pages[pno].ppm || km < y || km >= yb)
		return 0;
	for (j = 0; j < fe->n_where; j++)   /* a box before a line of text */
		if (fe->where[j].page == pno && fe->where[j].box == (int)i)
			return 1;
	return 0;
}

/* A column's boxes in a text's row (the votes' or the options'): how many,
 * and the first two's places and states (ST_*). */
enum { ST_OTHER, ST_EMPTY, ST_SCRIBBLED, ST_MARK, ST_BESIDE };
typedef struct col_seen {
	int n;
	int page[2], y[2], st[2];
} col_seen;

/* Which box of the column is its one mark: 0 the first in reading order
 * (the page, then down it: "assigns" and "No comments" stand above "does
 * not assign" and "Comments attached" on every form), 1 the second; -1
 * unless it has exactly two boxes, one marked and one empty or scribbled
 * out (the QR path's rule: a mark beside a box against a scribbled-out one
 * is not clear enough). */
static int
which_marked(const col_seen *c)
{
	int first, m;

	if (c->n != 2)
		return -1;
	m = c->st[0] == ST_MARK || c->st[0] == ST_BESIDE ? 0 : 1;
	if ((c->st[m] != ST_MARK && c->st[m] != ST_BESIDE) ||
	    (c->st[1 - m] != ST_EMPTY && c->st[1 - m] != ST_SCRIBBLED) ||
	    (c->st[m] == ST_BESIDE && c->st[1 - m] == ST_SCRIBBLED))
		return -1;
	first = c->page[0] < c->page[1] || (c->page[0] == c->page[1] && c->y[0] <= c->y[1]) ? 0 : 1;
	return m == first ? 0 : 1;
}

/* The boxes of page pno in rows [y, yb), 20 mm or more right of x, added
 * to v, the square boxes in the column of the row's leftmost (the
 * votes'), and to o, the boxes 2 to 14 mm right of them (the options':
 * the Secretariat's circles, a generated form's squares 1 cm right). */
static void
row_boxes(const a2_doc *doc, int pno, double y, double yb, double x, col_seen *v, col_seen *o)
{
	const ocr_page *pg = &((const ocr_fe *)doc->fe)->pages[pno];
	size_t i;
	int left = -1;

	for (i = 0; i < pg->n_boxes; i++)
		if (pg->boxes[i].col == 0 && in_row(doc, pno, i, y, yb, x) && (left < 0 || pg->boxes[i].x < left))
			left = pg->boxes[i].x;
	for (i = 0; i < pg->n_boxes; i++) {
		const box *k = &pg->boxes[i];
		col_seen *c;
		if (!in_row(doc, pno, i, y, yb, x))
			continue;
		if (k->col == 0 && k->x <= left + 2 * pg->ppm)
			c = v;
		else if (k->x > left + 2 * pg->ppm && k->x <= left + 14 * pg->ppm)
			c = o;
		else
			continue;
		if (c->n < 2) {
			c->page[c->n] = pno;
			c->y[c->n] = k->y;
			/* scribbled out: as the probe said, not marked */
			c->st[c->n] = a2_ocr_scribbled(k, pg->ppm) ? ST_SCRIBBLED : k->state == B_EMPTY ? ST_EMPTY :
			    k->state == B_MARK || k->state == B_DENSE ? ST_MARK : k->state == B_BESIDE ? ST_BESIDE :
			    ST_OTHER;
		}
		c->n++;
	}
}

/* The bytes of t (n of them) that spell the identifier recn (rl bytes),
 * its X as OCR reads it (a2_ocr_x_len: Latin, Cyrillic or full-width); 0
 * when they do not. */
static size_t
spells(const char *t, size_t n, const char *recn, size_t rl)
{
	size_t i = 0, j = 0, x;

	while (j < rl && i < n) {
		if (recn[j] == 'X' && (x = a2_ocr_x_len(t + i, n - i)) > 0)
			i += x;
		else if (t[i] == recn[j])
			i++;
		else
			return 0;
		j++;
	}
	return j == rl ? i : 0;
}

/* Whether a block's text (len bytes) opens with the identifier recn, or
 * with a word before it ("ITU-T X.1353 (X.ztd-iot)": a generated form's
 * cell on one line), the identifier a whole word or glued to the "ITU-T"
 * before it (the Chinese pass reads "ITU-TX.1353"); an "ITU-T" second
 * (a speck read as a word first: "ee ITU-T X.1283") is passed over. */
int
a2_ocr_names_text(const char *t, size_t len, const char *recn, size_t rl)
{
	const char *sp = memchr(t, ' ', len);
	size_t off = 0, e, at;

	for (;;) {
		at = len - off > 5 && memcmp(t + off, "ITU-T", 5) == 0 ? off + 5 + (t[off + 5] == ' ') : off;
		if ((e = spells(t + at, len - at, recn, rl)) > 0 &&
		    (at + e == len || t[at + e] == ' ' || t[at + e] == '(' || t[at + e] == ','))
			return 1;
		if (off > 0 || sp == NULL)
			return 0;   /* the first two words only */
		off = (size_t)(sp - t) + 1;
	}
}

/* The cross-check of a vote the matcher read: in the text's own row of the
 * table, exactly two square boxes before a line of text, one marked and
 * one empty: which_marked() of them (*opts: of its options').  The row is
 * bounded by the text's own lines in the table's first column: the
 * identifier (the last block that opens with it) and the lines just above
 * it in that column (its cell: "Draft new", "Recommendation ITU-T",
 * "X.1237 (X.tsfpp)", each under 8 mm from the next) give its top; the
 * next line below them in the column (the next row's cell) its bottom,
 * else the page's end.  A box broken by a heavy stroke and not found, a
 * mark beside one: not read. */
static int
row_marked(const a2_doc *doc, const char *recn, int *opts)
{
	const ocr_fe *fe = doc->fe;
	const ocr_page *pg;
	size_t b, i, rl = recn != NULL ? strlen(recn) : 0;
	long at = -1;
	col_seen vs, os;
	int pno;
	double x, top, bottom;

	memset(&vs, 0, sizeof(vs));
	memset(&os, 0, sizeof(os));
	*opts = -1;
	for (b = 0; rl > 0 && b < doc->n_blocks && b < fe->n_where; b++)
		if (fe->where[b].page >= 0 && a2_ocr_names_text(doc->blocks[b].text, doc->blocks[b].len, recn, rl))
			at = (long)b;
	if (at < 0)
		return -1;
	pg = &fe->pages[fe->where[at].page];
	x = doc->blocks[at].pos.x;
	top = bottom = doc->blocks[at].pos.y;
	for (;;) {   /* up through the cell's lines */
		double up = -1;
		for (b = 0; b < doc->n_blocks && b < fe->n_where; b++) {
			const a2_block *o = &doc->blocks[b];
			if (fe->where[b].page == fe->where[at].page && fabs(o->pos.x - x) <= 3 * PT_MM &&
			    o->pos.y < top && o->pos.y >= top - 8 * PT_MM && o->pos.y > up)
				up = o->pos.y;
		}
		if (up < 0)
			break;
		top = up;
	}
	for (;;) {   /* down through them, to the next row's cell */
		double down = -1;
		for (b = 0; b < doc->n_blocks && b < fe->n_where; b++) {
			const a2_block *o = &doc->blocks[b];
			if (fe->where[b].page == fe->where[at].page && fabs(o->pos.x - x) <= 3 * PT_MM &&
			    o->pos.y > bottom && (down < 0 || o->pos.y < down))
				down = o->pos.y;
		}
		if (down < 0) {
			bottom = 1e9;
			break;
		}
		if (down - bottom > 8 * PT_MM) {
			bottom = down;
			break;
		}
		bottom = down;
	}
	/* to pixels: the row from 3 mm above its first line to 1 mm above the next row's */
	pno = fe->where[at].page;
	row_boxes(doc, pno, (top - 3 * PT_MM) / PT_MM * pg->ppm, (bottom - PT_MM) / PT_MM * pg->ppm,
	    x / PT_MM * pg->ppm, &vs, &os);
	if (bottom >= 1e9 && pg->after >= 0) {
		/* no next row on its page: the row goes on at the top of the
		 * page after it in the form (pg->after; the Secretariat's
		 * table breaks a row between its two boxes), down to that
		 * page's first cell in the first column from 3 mm above its
		 * first box (a running head above is not) */
		const ocr_page *nx = &fe->pages[pg->after];
		double btop = -1, cell = 1e9;
		for (i = 0; i < nx->n_boxes; i++)
			if (nx->boxes[i].col == 0 && (btop < 0 || nx->boxes[i].y < btop))
				btop = nx->boxes[i].y;
		for (b = 0; btop >= 0 && b < doc->n_blocks && b < fe->n_where; b++) {
			const a2_block *o = &doc->blocks[b];
			double oy = o->pos.y / PT_MM * nx->ppm;
			if (fe->where[b].page == pg->after && fabs(o->pos.x - x) <= 3 * PT_MM &&
			    oy >= btop - 3 * nx->ppm && oy < cell)
				cell = oy;
		}
		if (btop >= 0)
			row_boxes(doc, pg->after, 0, cell - nx->ppm, x / PT_MM * nx->ppm, &vs, &os);
	}
	*opts = which_marked(&os);
	return which_marked(&vs);
}

/* signatory.signed from the signature area under the closing line of the
 * page that holds the form's last text, or of the page after it (the
 * table ending at a page's foot), and the "unsigned" problem where it has
 * no ink or neither page shows one.  0, -1 out of memory. */
static int
ocr_signed(const a2_doc *doc, a2_record *rec)
{
	const ocr_fe *fe = doc->fe;
	const char *last = rec->n_texts > 0 ? rec->texts[rec->n_texts - 1].rec : NULL;
	size_t b, rl = last != NULL ? strlen(last) : 0;
	int pno = -1, s;

	for (b = 0; rl > 0 && b < doc->n_blocks && b < fe->n_where; b++)
		if (fe->where[b].page >= 0 && a2_ocr_names_text(doc->blocks[b].text, doc->blocks[b].len, last, rl))
			pno = fe->where[b].page;
	s = pno < 0 ? -1 : fe->pages[pno].signed_ink;
	if (s < 0 && pno >= 0 && fe->pages[pno].after >= 0)
		s = fe->pages[fe->pages[pno].after].signed_ink;
	if (rec->sig_signed != 1)
		rec->sig_signed = s;
	return a2_scan_unsigned(rec);
}

int
a2_scan_ocr_settle(const a2_doc *doc, a2_record *rec)
{
	return a2_scan_is_ocr(doc) ? a2_ocr_settle(doc, rec) : 0;
}

int
a2_ocr_settle(const a2_doc *doc, a2_record *rec)
{
	size_t i, j;
	int said;

	for (i = 0; i < rec->n_texts; i++) {
		a2_answer *a = &rec->texts[i];
		int measured = a->evidence != NULL && strcmp(a->evidence, "pdf-drawing") == 0, opts = -1;
		free(a->evidence);
		a->evidence = NULL;
		/* the vote stands when the row's one marked box is the one the
		 * matcher read it from: the box left of a label line is the
		 * matcher's, whose lines may be another text's (a label circled
		 * and not read, the next text's "assigns" taken for it) */
		if (a->status == A2_ST_OK && measured && a->authority != A2_AUTH_NULL &&
		    row_marked(doc, a->rec, &opts) == (a->authority == A2_AUTH_NOT)) {
			if ((a->evidence = a2_strdup("scan")) == NULL)
				return -1;
			a->has_confidence = 1;
			a->confidence = OCR_CONF;
			/* an option read from one box marked, the other's state
			 * doubtful or its box not found, or the row's marked option
			 * not the one read: not read */
			if (a->comments != A2_COM_NULL && opts != (a->comments == A2_COM_ATTACHED)) {
				a->comments = A2_COM_NULL;
				if (a2_record_add_problem(rec, "option-unclear", a->rec, "%s: read by OCR (the form "
				    "has no QR code): its options' boxes are not one marked and one empty, or the "
				    "marked one is not the option read (a box not found, a doubtful mark, a label "
				    "not read); a person must read them", a->rec) != 0)
					return -1;
			}
			continue;
		}
		if (a->status == A2_ST_UNCLEAR)
			continue;
		a->status = A2_ST_UNCLEAR;
		a->authority = A2_AUTH_NULL;
		a->comments = A2_COM_NULL;
		/* the matcher's own problem of the text (what the words and
		 * boxes it found showed) says why, made unclear: one problem
		 * per text, which says too why it is not taken */
		said = 0;
		for (j = 0; j < rec->n_problems; j++) {
			a2_problem *p = &rec->problems[j];
			char *c, *m;
			if (p->rec == NULL || a->rec == NULL || strcmp(p->rec, a->rec) != 0 ||
			    (strcmp(p->code, "inferred") != 0 && strcmp(p->code, "missing") != 0 &&
			     strcmp(p->code, "conflict") != 0))
				continue;
			if ((c = a2_strdup("unclear")) == NULL)
				return -1;
			if ((m = a2_sprintf("%s (the form has no QR code and was read by OCR: a person must "
			    "read it)", p->message != NULL ? p->message : a->rec)) == NULL) {
				free(c);
				return -1;
			}
			free(p->code);
			p->code = c;
			free(p->message);
			p->message = m;
			said = 1;
		}
		if (!said && a2_record_add_problem(rec, "unclear", a->rec, "%s: read by OCR (the form has no "
		    "QR code): a label or box not found or not clearly marked; a person must read it", a->rec) != 0)
			return -1;
	}
	return ocr_signed(doc, rec);
}
