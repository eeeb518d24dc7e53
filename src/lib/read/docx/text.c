/* read/docx/text.c -- DOCX: the walk's frames, blocks and text.
 * (docx.c describes the front end.) */
#include "read/docx/docx_int.h"

/* ---- the walk: frames, blocks, text ---- */

int
dx_push(dx *x, xmlNode *first, int kind)
{
	frame *f;

	if (a2_grow((void **)&x->frames, &x->cap_frames, x->n_frames + 1, sizeof(frame)) != 0)
		return dx_nomem(x);
	f = &x->frames[x->n_frames++];
	f->next = first;
	f->kind = kind;
	f->aux = 0;
	f->saved = x->sc;
	return 0;
}

/* Table coordinates of the current point (innermost table inside the
 * current text box). */
void
dx_coords(const dx *x, int *t, int *r, int *c, int *depth)
{
	*t = *r = *c = -1;
	*depth = 0;
	if (x->n_tbls > x->sc.floor) {
		const tbl *tb = &x->tbls[x->n_tbls - 1];
		*t = tb->index;
		*r = tb->row;
		*c = tb->col;
		*depth = (int)(x->n_tbls - x->sc.floor);
	}
}

/* Adds a block at the current point; its index, or -1 with x->err set. */
int
dx_new_block(dx *x, unsigned line)
{
	a2_pos pos = {0};
	int t, r, c, depth;

	if (x->doc->n_blocks >= 0x7fffffff)
		return a2_error_set(x->err, A2_ERR_LIMIT, "too many paragraphs");
	/* what the model keeps is what a streaming walk costs (a tree walk is
	 * bounded by the parse's node budget) */
	if (x->streaming && x->doc->n_blocks >= DX_MAX_BLOCKS)
		return a2_error_set(x->err, A2_ERR_LIMIT, "more than %u paragraphs", DX_MAX_BLOCKS);
	pos.member = x->member;
	pos.line = line;
	dx_coords(x, &t, &r, &c, &depth);
	if (a2_doc_add_block(x->doc, pos, t, r, c, depth) == NULL)
		return dx_nomem(x);
	return (int)(x->doc->n_blocks - 1);
}

a2_block *
dx_cur_block(dx *x)
{
	return x->sc.block >= 0 ? &x->doc->blocks[x->sc.block] : NULL;
}

size_t
dx_cur_len(const dx *x)
{
	return x->sc.block >= 0 ? x->doc->blocks[x->sc.block].len : 0;
}

/* 1 when text at the current point is shown. */
static int
visible(const dx *x)
{
	return x->sc.block >= 0 && !x->sc.hidden && x->n_hiding == 0;
}

static int
append(dx *x, const char *s, size_t n)
{
	if (a2_block_append(dx_cur_block(x), s, n, x->sc.sflags | x->sc.pflags | x->sc.rflags) != 0)
		return dx_nomem(x);
	return 0;
}

/*
 * Emits shown text at the current point.  Inside a checkbox content
 * control the first character (with its combining marks) is the control's
 * glyph: it goes to the control, not to the text; white space before it is
 * dropped.
 */
int
dx_emit(dx *x, const char *s, size_t n)
{
	cbox *c;
	size_t i, j, k;
	unsigned cp;

	if (n == 0 || !visible(x))
		return 0;
	if (x->sc.cb < 0 || (c = &x->cbs[x->sc.cb])->taken)
		return append(x, s, n);
	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'); i++)
		;
	if (i == n)
		return 0;
	j = i + a2_utf8_next(s + i, n - i, &c->glyph_cp);
	/* one code point is at most 4 bytes: the glyph fits */
	while (j < n && (k = a2_utf8_next(s + j, n - j, &cp)) > 0 && dx_is_combining(cp) &&
	    j + k - i < GLYPH_MAX)
		j += k;
	memcpy(c->glyph, s + i, j - i);
	c->glyph[j - i] = '\0';
	c->taken = 1;
	c->gblock = x->sc.block;
	c->goff = dx_cur_len(x);
	return append(x, s + j, n - j);
}

int
dx_emit_cp(dx *x, unsigned cp)
{
	a2_buf b = {0};
	int rc;

	if (cp == 0)
		return 0;
	if (a2_buf_put_cp(&b, cp) != 0) {
		a2_buf_free(&b);
		return dx_nomem(x);
	}
	rc = dx_emit(x, b.data, b.len);
	a2_buf_free(&b);
	return rc;
}

/* Text of a w:t, through the run's symbol font if it has one: mapped
 * characters become their look-alikes, spaces stay, others are dropped. */
int
dx_emit_run_text(dx *x, const char *s, size_t n)
{
	a2_buf b = {0};
	size_t i = 0, k;
	unsigned cp, m;
	int rc;

	if (x->sc.sym == SF_NONE)
		return dx_emit(x, s, n);
	while (i < n) {
		k = a2_utf8_next(s + i, n - i, &cp);
		if (cp == ' ' || cp == 0xF020)
			a2_buf_putc(&b, ' ');
		else if ((m = dx_sym_lookup(x->sc.sym, cp)) != 0)
			a2_buf_put_cp(&b, m);
		else if (x->sc.sym == SF_SYMBOL && cp >= '0' && cp <= '9')
			a2_buf_putc(&b, (char)cp); /* Symbol's digits are digits */
		else if (cp > 0xFF && (cp < 0xF000 || cp > 0xF0FF))
			a2_buf_put_cp(&b, cp); /* not a font code: drawn by a fallback font */
		i += k;
	}
	if (b.failed) {
		a2_buf_free(&b);
		return dx_nomem(x);
	}
	rc = b.len > 0 ? dx_emit(x, b.data, b.len) : 0;
	a2_buf_free(&b);
	return rc;
}

