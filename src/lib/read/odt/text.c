/* read/odt/text.c -- ODF: the walker: frames, blocks, text and marks.
 * (odt.c describes the front end.) */
#include "read/odt/odt_int.h"

int
od_nomem(walker *w)
{
	return a2_error_set(w->err, A2_ERR_NOMEM, "out of memory");
}

unsigned
od_top_flags(const walker *w)
{
	return w->n_st > 0 ? w->st[w->n_st - 1].flags : 0;
}

frame *
od_push(walker *w, const xmlNode *n, int act, unsigned flags)
{
	frame *f;

	if (a2_grow((void **)&w->st, &w->cap_st, w->n_st + 1, sizeof(*w->st)) != 0) {
		od_nomem(w);
		return NULL;
	}
	f = &w->st[w->n_st++];
	memset(f, 0, sizeof(*f));
	f->act = act;
	f->flags = flags;
	f->node = n;
	return f;
}

/* Starts a new block for element n in the current table context. */
int
od_new_block(walker *w, const xmlNode *n)
{
	a2_pos pos = {0};
	a2_block *b;

	pos.member = w->member;
	pos.line = od_line_of(n);
	if (w->depth > 0)
		b = a2_doc_add_block(w->doc, pos, w->table, w->row, w->col, w->depth);
	else
		b = a2_doc_add_block(w->doc, pos, -1, -1, -1, 0);
	if (b == NULL)
		return od_nomem(w);
	w->cur = w->doc->n_blocks - 1;
	w->ws = 1;
	return 0;
}

/* Appends to the current block, against the text budget. */
static int
emit(walker *w, const char *s, size_t n, unsigned sflags)
{
	if (n > w->budget) {
		a2_error_at(w->err, NULL, w->member, 0, 0);
		return a2_error_set(w->err, A2_ERR_LIMIT,
		    "document text expands beyond a safety limit (text:s or fields)");
	}
	w->budget -= n;
	if (a2_block_append(&w->doc->blocks[w->cur], s, n, sflags) != 0)
		return od_nomem(w);
	return 0;
}

static unsigned
span_flags(const walker *w, unsigned f)
{
	return (f & SF_MASK) | (w->n_ins + w->ins_over > 0 ? A2_SF_INSERTED : 0);
}

/* Keeps at most GLYPH_MAX bytes of a checkbox control's content. */
int
od_capture(walker *w, const char *s, size_t n)
{
	size_t room = GLYPH_MAX > w->cap.len ? GLYPH_MAX - w->cap.len : 0;

	if (a2_buf_add(&w->cap, s, n < room ? n : room) != 0)
		return od_nomem(w);
	return 0;
}

/* Where text goes now: 1 the current block, 2 the glyph capture, 0 nowhere. */
static int
text_sink(const walker *w, unsigned f)
{
	if (w->n_skip > 0)
		return 0;
	if (f & F_CAPTURE)
		return 2;
	return (f & F_INLINE) && w->cur != NO_BLOCK ? 1 : 0;
}

/* Character data of a paragraph: runs of ODF white space become one space,
 * dropped at the start of the block and after another space (ODF 1.3
 * part 3, 6.1.2, as LibreOffice implements it). */
int
od_put_text(walker *w, const char *s, size_t n)
{
	unsigned f = od_top_flags(w), sf;
	size_t i = 0, j;
	int sink = text_sink(w, f);

	if (sink == 2)
		return od_capture(w, s, n);
	if (sink == 0)
		return 0;
	sf = span_flags(w, f);
	while (i < n) {
		if (od_is_ws(s[i])) {
			while (i < n && od_is_ws(s[i]))
				i++;
			if (!w->ws) {
				if (emit(w, " ", 1, sf) != 0)
					return -1;
				w->ws = 1;
			}
			continue;
		}
		for (j = i; j < n && !od_is_ws(s[j]); j++)
			;
		if (emit(w, s + i, j - i, sf) != 0)
			return -1;
		w->ws = 0;
		i = j;
	}
	return 0;
}

/* Literal text (text:s, text:tab, values of drop-downs): no collapsing. */
int
od_put_lit(walker *w, const char *s, size_t n, unsigned extra)
{
	unsigned f = od_top_flags(w);
	int sink = text_sink(w, f);

	if (sink == 2)
		return od_capture(w, s, n);
	if (sink == 0 || n == 0)
		return 0;
	w->ws = 0;
	return emit(w, s, n, span_flags(w, f) | extra);
}

/* Adds a mark at offset off of block blk. */
int
od_add_mark(walker *w, size_t blk, size_t off, a2_mark_kind kind, a2_tri state,
    unsigned mflags, const char *name, const char *glyph, const xmlNode *n)
{
	a2_mark m;

	memset(&m, 0, sizeof(m));
	m.kind = kind;
	m.state = state;
	m.flags = mflags;
	m.offset = off;
	m.name = (char *)(uintptr_t)name;     /* copied by a2_block_add_mark */
	m.glyph = (char *)(uintptr_t)glyph;
	m.pos.member = w->member;
	m.pos.line = od_line_of(n);
	if (a2_block_add_mark(w->doc, &w->doc->blocks[blk], &m) != 0)
		return od_nomem(w);
	return 0;
}

/* Adds a mark where the walk stands; a control outside any paragraph
 * (anchored to the page) gets a block of its own.  inline_char: the control
 * takes a character's place in the line (as LibreOffice lays it out), so
 * white space after it is not collapsed into white space before it. */
int
od_add_mark_here(walker *w, a2_mark_kind kind, a2_tri state, unsigned mflags,
    const char *name, int inline_char, const xmlNode *n)
{
	size_t saved = w->cur;
	int saved_ws = w->ws, rc;

	if (w->cur == NO_BLOCK && od_new_block(w, n) != 0)
		return -1;
	rc = od_add_mark(w, w->cur, w->doc->blocks[w->cur].len, kind, state, mflags, name, NULL, n);
	if (saved == NO_BLOCK) {
		w->cur = NO_BLOCK;
		w->ws = saved_ws;
	} else if (inline_char) {
		w->ws = 0;
	}
	return rc;
}

