/* read/docx/runs.c -- DOCX: paragraphs, runs, text, symbols and tables.
 * (docx.c describes the front end.) */
#include "read/docx/docx_int.h"

/* ---- element handlers ---- */

int
dx_on_p(dx *x, xmlNode *p)
{
	const xmlNode *ppr = dx_w_child(x, p, "pPr");
	const xmlNode *mrk = dx_w_child(x, ppr, "rPr");
	const xmlNode *shd = dx_w_child(x, ppr, "shd");
	const style *ps = dx_style_find(x, dx_w_child_val(x, ppr, "pStyle"));
	int t, r, c, depth, b;

	if (ps == NULL)
		ps = x->dflt_para;
	dx_coords(x, &t, &r, &c, &depth);
	if (x->merge_block >= 0 && t == x->merge_t && r == x->merge_r && c == x->merge_c) {
		b = x->merge_block;   /* the previous paragraph mark was deleted */
	} else if ((b = dx_new_block(x, dx_line_of(p))) < 0) {
		return -1;
	}
	x->merge_block = -1;
	if (dx_push(x, p->children, FR_P) != 0)
		return -1;
	x->frames[x->n_frames - 1].aux = mrk != NULL &&
	    (dx_w_child(x, mrk, "del") != NULL || dx_w_child(x, mrk, "moveFrom") != NULL);
	x->sc.block = b;
	x->sc.para = x->defaults;
	if (ps != NULL)
		dx_rp_merge(&x->sc.para, &ps->eff);
	x->sc.pflags = shd != NULL && dx_shd_on(x, shd) ? A2_SF_HIGHLIGHT : 0;
	x->sc.rflags = dx_rp_flags(&x->sc.para);
	x->sc.hidden = 0;
	x->sc.sym = SF_NONE;
	return 0;
}

int
dx_leave_p(dx *x, const frame *f)
{
	/* form fields and unseparated instructions end with their paragraph:
	 * a malformed field must not swallow the rest of the document.  Only
	 * an ordinary field's result (a TOC, an IF) may span paragraphs. */
	while (x->n_flds > 0) {
		const field *fl = &x->flds[x->n_flds - 1];
		if (fl->result && !fl->ff && fl->kind == FK_OTHER)
			break;
		if (dx_fld_pop(x) != 0)
			return -1;
	}
	x->fld_overflow = 0;
	if (f->aux) {
		x->merge_block = x->sc.block;
		dx_coords(x, &x->merge_t, &x->merge_r, &x->merge_c, &(int){0});
	}
	return 0;
}

int
dx_on_r(dx *x, xmlNode *r)
{
	const xmlNode *rpr = dx_w_child(x, r, "rPr");
	rprops p = x->sc.para;
	const style *cs;

	if (dx_push(x, r->children, FR_PLAIN) != 0)
		return -1;
	if (rpr != NULL) {
		if ((cs = dx_style_find(x, dx_w_child_val(x, rpr, "rStyle"))) != NULL)
			dx_rp_merge(&p, &cs->eff);
		dx_rp_read(x, rpr, &p);
	}
	x->sc.rflags = dx_rp_flags(&p);
	x->sc.hidden = p.vanish == 1;
	x->sc.sym = p.sym > 0 ? p.sym : SF_NONE;
	return 0;
}

int
dx_on_t(dx *x, const xmlNode *t)
{
	const xmlNode *c;

	for (c = t->children; c != NULL; c = c->next) {
		const char *s = (const char *)c->content;
		if (c->type == XML_TEXT_NODE && s != NULL && dx_emit_run_text(x, s, strlen(s)) != 0)
			return -1;
	}
	return 0;
}

/* w:sym: a character of a symbol font, or a plain code point of another. */
int
dx_on_sym(dx *x, const xmlNode *n)
{
	const char *font = dx_w_attr(x, n, "font");
	unsigned code = dx_hex_cp(dx_w_attr(x, n, "char"));
	int kind = font != NULL ? dx_symfont_kind(font) : x->sc.sym;

	if (code == 0)
		return 0;
	if (kind != SF_NONE || (code >= 0xF000 && code <= 0xF0FF))
		return dx_emit_cp(x, dx_sym_lookup(kind, code));
	return dx_printable(code) ? dx_emit_cp(x, code) : 0;
}

/* w16se:symEx (Word's emoji and symbols, in an mc:Choice). */
int
dx_on_symex(dx *x, const xmlNode *n)
{
	unsigned code = dx_hex_cp(a2_xml_attr(n, NS_W16SE, "char"));
	int kind = dx_symfont_kind(a2_xml_attr(n, NS_W16SE, "font"));

	if (kind != SF_NONE)
		return dx_emit_cp(x, dx_sym_lookup(kind, code));
	return dx_printable(code) ? dx_emit_cp(x, code) : 0;
}

int
dx_on_tbl(dx *x, xmlNode *n)
{
	tbl *t;

	x->merge_block = -1;
	if (dx_push(x, n->children, FR_TBL) != 0)
		return -1;
	if (a2_grow((void **)&x->tbls, &x->cap_tbls, x->n_tbls + 1, sizeof(tbl)) != 0)
		return dx_nomem(x);
	t = &x->tbls[x->n_tbls++];
	t->index = x->n_tables++;
	t->row = t->col = -1;
	t->next_col = 0;
	return 0;
}

int
dx_on_tr(dx *x, xmlNode *n)
{
	const xmlNode *trpr = dx_w_child(x, n, "trPr");
	tbl *t;

	if (dx_w_child(x, trpr, "del") != NULL)
		return 0; /* a deleted row: gone once changes are accepted */
	if (x->n_tbls > x->sc.floor) {
		t = &x->tbls[x->n_tbls - 1];
		if (t->row < 0x7ffffff)
			t->row++;
		t->col = -1;
		t->next_col = dx_w_child_int(x, trpr, "gridBefore", 0, 0xffff);
	}
	return dx_push(x, n->children, FR_PLAIN);
}

int
dx_on_tc(dx *x, xmlNode *n)
{
	const xmlNode *tcpr = dx_w_child(x, n, "tcPr");
	tbl *t;

	if (dx_w_child(x, tcpr, "cellDel") != NULL)
		return 0;
	if (x->n_tbls > x->sc.floor) {
		int span = dx_w_child_int(x, tcpr, "gridSpan", 1, 0xffff);
		t = &x->tbls[x->n_tbls - 1];
		t->col = t->next_col;
		if (t->next_col < 0x7ffffff)
			t->next_col += span > 0 ? span : 1;
	}
	return dx_push(x, n->children, FR_PLAIN);
}

