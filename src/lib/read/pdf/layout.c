/* read/pdf/layout.c -- a page's characters, each with its box, laid out
 * into the reply model's blocks by geometry alone.
 *
 * A PDF has no paragraphs: only glyphs at positions.  The order of the text
 * layer is the producer's (or poppler's guess), and it is not to be trusted
 * for ticks: a column of boxes beside a column of labels comes out as one
 * column after the other.  So the page is laid out again here:
 *
 *   lines       characters whose vertical middles agree, left to right;
 *   segments    a line cut where a wide gap separates columns (table
 *               cells), and before a ballot glyph or a form field that
 *               stands apart, so that a box always opens the segment of
 *               the label beside it;
 *   paragraphs  a segment continues the paragraph of the line just above
 *               when it starts where that paragraph's text starts (a
 *               wrapped line); a segment opening with a box never does.
 *
 * Paragraphs become blocks in the order of their first line, then from
 * left to right: in a table, a row's heading cell comes before the boxes
 * and labels of that row, as the matcher expects. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "read/pdf/pdf.h"

typedef struct seg {
	size_t a, b;           /* [a, b) in the page order */
	size_t line;
	double x1, x2, y1, y2, h;
	double text_x;         /* where its text starts (after a leading box) */
	int boxed;             /* opens with a ballot glyph or a field */
	int typed;             /* opens with a mark typed for a box: never a wrapped line */
	long para;             /* the paragraph it belongs to */
} seg;

typedef struct para {
	size_t first, last;    /* its first and last segment */
	size_t last_line;
	double text_x, y2;
	size_t *segs; size_t n_segs, cap_segs;
} para;

static double
height(const pdf_char *c)
{
	double h = c->y2 - c->y1;
	return h > 0.5 ? h : 0.5;
}

static double
mid_y(const pdf_char *c)
{
	return (c->y1 + c->y2) / 2;
}

static int
is_box(const pdf_char *c)
{
	return c->field != 0 || (c->cp != 0 && a2_glyph_state(c->cp) >= 0);
}

/* Sorting keys: no comparison needs the characters themselves, so that
 * the sort needs no global (readers run in threads). */
typedef struct key {
	double k1, k2;
	size_t i;
} key;

static int
by_key(const void *a, const void *b)
{
	const key *x = a, *y = b;
	if (x->k1 != y->k1)
		return x->k1 < y->k1 ? -1 : 1;
	if (x->k2 != y->k2)
		return x->k2 < y->k2 ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Sorts order[0..n) by (k1, k2) of their characters: vertical middle then
 * left edge (by_y), or left edge alone (!by_y).  0 or -1. */
static int
sort_chars(const pdf_char *c, size_t *order, size_t n, int by_y, key *tmp)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const pdf_char *q = &c[order[i]];
		tmp[i].k1 = by_y ? mid_y(q) : q->x1;
		tmp[i].k2 = by_y ? q->x1 : 0;
		tmp[i].i = order[i];
	}
	qsort(tmp, n, sizeof(*tmp), by_key);
	for (i = 0; i < n; i++)
		order[i] = tmp[i].i;
	return 0;
}

/* 1 when x is a left edge where at least three segments of the page
 * start (edges sorted): the left side of a table column, so that a
 * narrower gap before it still parts the columns. */
static int
is_edge(const double *edges, size_t n, double x)
{
	size_t lo = 0, hi = n, k, count = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (edges[mid] < x - 1.0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < n && edges[k] <= x + 1.0; k++)
		count++;
	return count >= 3;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Cuts the line order[a..b) (sorted by x) into segments: at a column gap,
 * before a box that stands apart, and at a narrower gap before one of the
 * page's left edges (edges: sorted, n_edges of them; none on a first pass). */
static int
cut_line(const pdf_char *c, const size_t *order, size_t a, size_t b, size_t line,
    const double *edges, size_t n_edges, seg **v, size_t *n, size_t *cap)
{
	size_t k, start = a;
	int only_boxes = 1;

	for (k = a; k <= b; k++) {
		int split = k == b;
		if (!split && k > start) {
			const pdf_char *p = &c[order[k - 1]], *q = &c[order[k]];
			double gap = q->x1 - p->x2, hh = fmax(height(p), height(q));
			if (only_boxes)
				split = gap > 4 * hh;       /* a box and the label a tab away */
			else if (is_box(q))
				split = gap > 0.5 * hh;     /* a box that stands apart opens a segment */
			else
				split = gap > 1.5 * hh ||   /* a column gap */
				    /* a narrower one before a column's edge, unless
				     * what stands before it is a mark typed for a box
				     * ("X", "[X]") that belongs to the label */
				    (gap > 0.6 * hh && k - start > 3 && is_edge(edges, n_edges, q->x1));
		}
		if (split && k > start) {
			seg *s;
			size_t j;
			if (a2_grow((void **)v, cap, *n + 1, sizeof(seg)) != 0)
				return -1;
			s = &(*v)[(*n)++];
			memset(s, 0, sizeof(*s));
			s->a = start;
			s->b = k;
			s->line = line;
			s->para = -1;
			s->x1 = c[order[start]].x1;
			s->x2 = c[order[k - 1]].x2;
			s->y1 = c[order[start]].y1;
			s->y2 = c[order[start]].y2;
			s->h = 0;
			for (j = start; j < k; j++) {
				const pdf_char *q = &c[order[j]];
				s->x2 = fmax(s->x2, q->x2);
				s->y1 = fmin(s->y1, q->y1);
				s->y2 = fmax(s->y2, q->y2);
				s->h = fmax(s->h, height(q));
			}
			s->boxed = is_box(&c[order[start]]);
			/* a mark typed for a box opening the line: "X", "[X]", "[ ]" */
			{
				const pdf_char *f0 = &c[order[start]];
				int alone_x = (f0->cp == 'X' || f0->cp == 'x') && (k - start == 1 || c[order[start + 1]].space_before);
				s->typed = alone_x || f0->cp == '[';
			}
			s->text_x = s->x1;
			if (s->boxed) {
				for (j = start; j < k && is_box(&c[order[j]]); j++)
					;
				s->text_x = j < k ? c[order[j]].x1 : s->x2;
			}
			start = k;
			only_boxes = 1;
		}
		if (k < b && !is_box(&c[order[k]]))
			only_boxes = 0;
	}
	return 0;
}

/* 1 when the line of segment p->segs[k] was begun on purpose (a line
 * break, a new paragraph): the line before it ended well short of the
 * column's right edge, leaving room for the new line's first word. */
static int
hard_break(const pdf_char *c, const size_t *order, const seg *segs, size_t n_segs, const para *p, size_t k)
{
	const seg *prev = &segs[p->segs[k - 1]], *s = &segs[p->segs[k]];
	double right = 0, word;
	size_t j, i;

	/* the right edge: the furthest any line of the page reaches (a
	 * column's own edge cannot be told from a short column; a soft wrap
	 * read as a break costs nothing, since patterns take any white
	 * space, while a break read as a wrap runs a name into a title) */
	for (j = 0; j < n_segs; j++)
		right = fmax(right, segs[j].x2);
	for (i = s->a + 1; i < s->b && !c[order[i]].space_before && c[order[i]].x1 - c[order[i - 1]].x2 < 0.2 * s->h; i++)
		;
	word = c[order[i - 1]].x2 - c[order[s->a]].x1;
	return prev->x2 + 0.3 * s->h + word < right - 0.5 * s->h;
}

/* Appends the text (and the field marks) of one segment to block bl. */
static int
emit_seg(a2_doc *doc, pdf_fe *fe, a2_block *bl, const pdf_char *c, const size_t *order, const seg *s,
    const pdf_field *fields, unsigned page)
{
	size_t k;
	a2_buf u = {0};

	for (k = s->a; k < s->b; k++) {
		const pdf_char *q = &c[order[k]];
		if (k > s->a) {
			const pdf_char *p = &c[order[k - 1]];
			double gap = q->x1 - p->x2;
			/* the space takes the style both sides share: a bold heading
			 * stays one bold span */
			if ((q->space_before || gap > 0.2 * fmax(height(p), height(q))) &&
			    bl->len > 0 && bl->text[bl->len - 1] != ' ' &&
			    a2_block_append(bl, " ", 1, p->flags & q->flags) != 0)
				return -1;
		}
		if (q->field) {
			const pdf_field *f = &fields[q->field - 1];
			a2_mark m;
			memset(&m, 0, sizeof(m));
			m.kind = A2_MK_PDF_FIELD;
			m.state = f->state;
			m.flags = f->flags;
			m.offset = bl->len;
			m.name = f->name;
			m.pos.page = page;
			m.pos.x = (float)f->x1;
			m.pos.y = (float)f->y1;
			if (a2_block_add_mark(doc, bl, &m) != 0 ||
			    a2_grow((void **)&fe->widget, &fe->cap_widget, fe->n_widget + 1, sizeof(pdf_widget)) != 0)
				return -1;
			fe->widget[fe->n_widget++] = (pdf_widget){page, (float)f->x1, (float)f->y1, (float)f->x2, (float)f->y2};
			continue;
		}
		if (a2_grow((void **)&fe->cbox, &fe->cap_cbox, fe->n_cbox + 1, sizeof(pdf_cbox)) != 0) {
			a2_buf_free(&u);
			return -1;
		}
		fe->cbox[fe->n_cbox].offset = bl->len;
		fe->cbox[fe->n_cbox].x1 = (float)q->x1;
		fe->cbox[fe->n_cbox].y1 = (float)q->y1;
		fe->cbox[fe->n_cbox].x2 = (float)q->x2;
		fe->cbox[fe->n_cbox].y2 = (float)q->y2;
		fe->n_cbox++;
		u.len = 0;
		if (a2_buf_put_cp(&u, q->cp) != 0 || a2_block_append(bl, u.data, u.len, q->flags) != 0) {
			a2_buf_free(&u);
			return -1;
		}
	}
	a2_buf_free(&u);
	return 0;
}

int
a2_pdf_layout(a2_doc *doc, pdf_fe *fe, unsigned page, pdf_char *c, size_t n,
    const pdf_field *fields, size_t n_fields)
{
	size_t *order = NULL, i, k, line = 0, box0, n_segs = 0, cap_segs = 0, n_paras = 0, cap_paras = 0;
	size_t prev_first = 0, cur_first = 0;   /* segments of the previous and current line */
	int row_opened = 0;                      /* a paragraph opened on this line so far */
	seg *segs = NULL;
	para *paras = NULL;
	key *tmp = NULL;
	size_t *lines = NULL, n_lines = 0, cap_lines = 0, n_edges = 0;  /* each line's first in order */
	double *edges = NULL;
	char member[32];
	const char *mem;
	int rc = -1;

	(void)n_fields;
	if (n == 0)
		return 0;
	snprintf(member, sizeof(member), "page %u", page);
	if ((mem = a2_doc_member(doc, member)) == NULL)
		return -1;
	order = malloc(n * sizeof(*order));
	tmp = malloc(n * sizeof(*tmp));
	if (order == NULL || tmp == NULL)
		goto out;
	for (i = 0; i < n; i++)
		order[i] = i;
	sort_chars(c, order, n, 1, tmp);
	/* lines, then their segments: cut once by gaps alone, then again with
	 * the left edges the first cut found */
	for (i = 0; i < n; line++) {
		/* a line: the characters whose heights overlap the first one's by
		 * half the smaller height (a ticked box glyph of another font
		 * stands a little higher or lower than its label) */
		const pdf_char *f = &c[order[i]];
		size_t j = i + 1;
		while (j < n) {
			const pdf_char *q = &c[order[j]];
			double ov = fmin(f->y2, q->y2) - fmax(f->y1, q->y1);
			if (ov < 0.5 * fmin(height(f), height(q)))
				break;
			j++;
		}
		sort_chars(c, order + i, j - i, 0, tmp);
		if (a2_grow((void **)&lines, &cap_lines, n_lines + 1, sizeof(*lines)) != 0 ||
		    cut_line(c, order, i, j, line, NULL, 0, &segs, &n_segs, &cap_segs) != 0)
			goto out;
		lines[n_lines++] = i;
		i = j;
	}
	/* where segments start, and where the text after a leading box does */
	if ((edges = malloc((2 * n_segs + 1) * sizeof(*edges))) == NULL ||
	    a2_grow((void **)&lines, &cap_lines, n_lines + 1, sizeof(*lines)) != 0)
		goto out;
	for (k = 0; k < n_segs; k++) {
		edges[n_edges++] = segs[k].x1;
		if (segs[k].boxed && segs[k].text_x > segs[k].x1)
			edges[n_edges++] = segs[k].text_x;
	}
	qsort(edges, n_edges, sizeof(*edges), cmp_double);
	lines[n_lines] = n;
	n_segs = 0;
	for (line = 0; line < n_lines; line++)
		if (cut_line(c, order, lines[line], lines[line + 1], line, edges, n_edges, &segs, &n_segs, &cap_segs) != 0)
			goto out;
	/* paragraphs: each segment continues one of the previous line, or opens one */
	for (k = 0; k < n_segs; k++) {
		seg *s = &segs[k];
		long pi = -1;
		if (k > 0 && s->line != segs[k - 1].line) {
			prev_first = segs[k - 1].line + 1 == s->line ? cur_first : k;
			cur_first = k;
			row_opened = 0;
		}
		/* a paragraph that opens to the left on this line starts a new
		 * row of the table: nothing to its right continues across it */
		if (!s->boxed && !s->typed && !row_opened) {
			size_t j;
			for (j = prev_first; j < cur_first; j++) {
				para *p = &paras[segs[j].para];
				if (segs[j].line + 1 != s->line || p->last_line == s->line)
					continue;
				if (s->y1 - p->y2 < 0.25 * s->h && fabs(s->x1 - p->text_x) <= 0.3 * s->h) {
					pi = segs[j].para;
					break;
				}
			}
		}
		if (pi < 0) {
			if (a2_grow((void **)&paras, &cap_paras, n_paras + 1, sizeof(para)) != 0)
				goto out;
			pi = (long)n_paras++;
			memset(&paras[pi], 0, sizeof(para));
			paras[pi].first = k;
			paras[pi].text_x = s->text_x;
			row_opened = 1;
		}
		s->para = pi;
		paras[pi].last = k;
		paras[pi].last_line = s->line;
		paras[pi].y2 = s->y2;
		if (a2_grow((void **)&paras[pi].segs, &paras[pi].cap_segs, paras[pi].n_segs + 1, sizeof(size_t)) != 0)
			goto out;
		paras[pi].segs[paras[pi].n_segs++] = k;
	}
	/* blocks, in the order their paragraphs opened */
	for (i = 0; i < n_paras; i++) {
		para *p = &paras[i];
		const seg *f = &segs[p->first];
		a2_pos pos;
		a2_block *bl;
		pdf_where *w;
		memset(&pos, 0, sizeof(pos));
		pos.member = mem;
		pos.page = page;
		pos.x = (float)f->x1;
		pos.y = (float)f->y1;
		if ((bl = a2_doc_add_block(doc, pos, -1, -1, -1, 0)) == NULL)
			goto out;
		box0 = fe->n_cbox;
		for (k = 0; k < p->n_segs; k++) {
			if (k > 0 && bl->len > 0 && bl->text[bl->len - 1] != ' ' &&
			    a2_block_append(bl, hard_break(c, order, segs, n_segs, p, k) ? "\n" : " ", 1, 0) != 0)
				goto out;
			if (emit_seg(doc, fe, bl, c, order, &segs[p->segs[k]], fields, page) != 0)
				goto out;
		}
		if (a2_grow((void **)&fe->where, &fe->cap_where, doc->n_blocks, sizeof(pdf_where)) != 0)
			goto out;
		while (fe->n_where < doc->n_blocks - 1)   /* blocks of other front-end steps: none */
			memset(&fe->where[fe->n_where++], 0, sizeof(pdf_where));
		w = &fe->where[fe->n_where++];
		w->box0 = box0;
		w->box1 = fe->n_cbox;
		w->page = page;
		w->x = f->text_x;
		w->y1 = f->y1;
		w->y2 = f->y2;
		w->boxed = f->boxed;
		w->left = 0;
		if (p->first > 0 && segs[p->first - 1].line == f->line)
			w->left = segs[p->first - 1].x2;
	}
	rc = 0;
out:
	for (i = 0; i < n_paras; i++)
		free(paras[i].segs);
	free(paras);
	free(segs);
	free(order);
	free(tmp);
	free(lines);
	free(edges);
	return rc;
}
