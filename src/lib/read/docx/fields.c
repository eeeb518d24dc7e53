/* read/docx/fields.c -- DOCX: complex fields (legacy form fields) and bookmarks.
 * (docx.c describes the front end.) */
#include "read/docx/docx_int.h"

/* ---- complex fields and bookmarks ---- */

static void
fld_set_hides(dx *x, field *f, int hides)
{
	if (f->hides && !hides)
		x->n_hiding--;
	else if (!f->hides && hides)
		x->n_hiding++;
	f->hides = hides;
}

/* A field without w:ffData is typed by its instruction. */
static void
fld_classify(field *f)
{
	if (f->ff || f->kind != FK_OTHER)
		return;
	if (strncasecmp(f->instr, "FORMCHECKBOX", 12) == 0) {
		f->kind = FK_CHECK;
		f->state = A2_OFF;   /* no w:checkBox: Word shows it unticked */
		f->mflags = A2_MF_DEFAULT;
	} else if (strncasecmp(f->instr, "FORMDROPDOWN", 12) == 0) {
		f->kind = FK_DROP;
	}
}

/* 1 for a bookmark name a person (or our generator) gave: Word's own
 * start with "_" (_GoBack, _Hlk...), as do LibreOffice's __Fieldmark__. */
static int
bookmark_named(const char *name)
{
	return name != NULL && name[0] != '_' && name[0] != '\0';
}

/* The most recent open named bookmark. */
static const char *
bookmark_name(const dx *x)
{
	size_t i;

	for (i = x->n_bms; i > 0; i--)
		if (bookmark_named(x->bms[i - 1].name))
			return x->bms[i - 1].name;
	return NULL;
}

/* The named bookmark that starts exactly here (nothing between it and the
 * current point), even if it has already ended: the generator puts a
 * point bookmark just before each box. */
const char *
dx_bookmark_here(const dx *x)
{
	if (x->bm_last != NULL && x->bm_block == x->sc.block && x->bm_off == dx_cur_len(x) &&
	    x->bm_nblocks == x->doc->n_blocks)
		return x->bm_last;
	return NULL;
}

/* w:ffData/w:checkBox: w:checked (no val = true) wins, else w:default
 * (missing = false). */
static void
legacy_state(const dx *x, const xmlNode *cb, field *f)
{
	const xmlNode *ck = dx_w_child(x, cb, "checked");
	const xmlNode *df = dx_w_child(x, cb, "default");
	const xmlNode *e = ck != NULL ? ck : df;
	int v;

	if (ck == NULL)
		f->mflags |= A2_MF_DEFAULT;
	if (e == NULL) {
		f->state = A2_OFF;
		return;
	}
	v = a2_xml_bool(dx_w_attr(x, e, "val"), dx_w_attr(x, e, "val") == NULL ? 1 : -1);
	f->state = v == 1 ? A2_ON : v == 0 ? A2_OFF : A2_UNKNOWN;
}

/* FORMDROPDOWN: the chosen entry is text the person picked. */
static int
emit_dropdown(dx *x, const xmlNode *dd)
{
	const xmlNode *c;
	int idx = dx_w_child_int(x, dd, "result", -1, 0x7fffffff);
	int i = 0;

	if (idx < 0)
		idx = dx_w_child_int(x, dd, "default", 0, 0x7fffffff);
	for (c = dd->children; c != NULL; c = c->next) {
		if (!dx_is_w(x, c, "listEntry"))
			continue;
		if (i++ == idx) {
			const char *v = dx_w_attr(x, c, "val");
			return v != NULL ? dx_emit(x, v, strlen(v)) : 0;
		}
	}
	return 0;
}

static int
fld_begin(dx *x, const xmlNode *fc)
{
	const xmlNode *ff = dx_w_child(x, fc, "ffData");
	field *f;

	if (x->n_flds >= FLD_MAX) {
		x->fld_overflow++;
		return 0;
	}
	f = &x->flds[x->n_flds];
	memset(f, 0, sizeof(*f));
	f->block = x->sc.block;
	f->off = dx_cur_len(x);
	f->line = dx_line_of(fc);
	if (ff != NULL) {
		const xmlNode *cb = dx_w_child(x, ff, "checkBox");
		const xmlNode *dd = dx_w_child(x, ff, "ddList");
		const char *nm = dx_w_child_val(x, ff, "name");
		f->ff = 1;
		if (nm != NULL && nm[0] != '\0')
			f->name = dx_keep(x, nm);
		if (cb != NULL) {
			f->kind = FK_CHECK;
			legacy_state(x, cb, f);
		} else if (dd != NULL) {
			f->kind = FK_DROP;
			if (emit_dropdown(x, dd) != 0)
				return -1;
		}
	}
	if (f->name == NULL)
		f->name = bookmark_name(x);
	f->hides = 1; /* the instruction part */
	x->n_hiding++;
	x->n_flds++;
	return 0;
}

static void
fld_separate(dx *x)
{
	field *f;

	if (x->fld_overflow > 0 || x->n_flds == 0)
		return;
	f = &x->flds[x->n_flds - 1];
	if (f->result)
		return;
	fld_classify(f);
	f->result = 1;
	/* a checkbox shows no text; a drop-down's value was emitted at begin */
	fld_set_hides(x, f, f->kind == FK_CHECK || f->kind == FK_DROP);
}

/* Closes the innermost field; a checkbox becomes a mark. */
int
dx_fld_pop(dx *x)
{
	field *f = &x->flds[x->n_flds - 1];
	a2_mark m;

	fld_classify(f);
	fld_set_hides(x, f, 0);
	x->n_flds--;
	if (f->kind != FK_CHECK || f->block < 0)
		return 0;
	memset(&m, 0, sizeof(m));
	m.kind = A2_MK_FORM_FIELD;
	m.state = f->state;
	m.flags = f->mflags;
	m.offset = f->off;
	m.name = (char *)(uintptr_t)f->name; /* copied by the builder */
	m.pos.member = x->member;
	m.pos.line = f->line;
	if (a2_block_add_mark(x->doc, &x->doc->blocks[f->block], &m) != 0)
		return dx_nomem(x);
	return 0;
}

static int
fld_end(dx *x)
{
	if (x->fld_overflow > 0) {
		x->fld_overflow--;
		return 0;
	}
	return x->n_flds > 0 ? dx_fld_pop(x) : 0;
}

void
dx_fld_instr(dx *x, const xmlNode *it)
{
	field *f;
	const xmlNode *c;

	if (x->fld_overflow > 0 || x->n_flds == 0)
		return;
	f = &x->flds[x->n_flds - 1];
	if (f->result)
		return;
	for (c = it->children; c != NULL; c = c->next) {
		const char *s = (const char *)c->content;
		if (c->type != XML_TEXT_NODE || s == NULL)
			continue;
		for (; *s != '\0' && f->n_instr + 1 < INSTR_MAX; s++) {
			if (f->n_instr == 0 && (*s == ' ' || *s == '\t'))
				continue;
			f->instr[f->n_instr++] = *s;
		}
	}
	f->instr[f->n_instr] = '\0';
}

int
dx_on_fldchar(dx *x, const xmlNode *n)
{
	const char *t = dx_w_attr(x, n, "fldCharType");

	if (t == NULL)
		return 0;
	if (strcmp(t, "begin") == 0)
		return fld_begin(x, n);
	if (strcmp(t, "separate") == 0)
		fld_separate(x);
	else if (strcmp(t, "end") == 0)
		return fld_end(x);
	return 0;
}

void
dx_on_bookmark_start(dx *x, const xmlNode *n)
{
	const char *id = dx_keep(x, dx_w_attr(x, n, "id"));
	const char *name = dx_keep(x, dx_w_attr(x, n, "name"));

	if (id == NULL || name == NULL)
		return;
	if (bookmark_named(name)) {
		/* LibreOffice moves the bookmark before a box into the field
		 * result, or into the content control */
		if (x->fld_overflow == 0 && x->n_flds > 0) {
			field *f = &x->flds[x->n_flds - 1];
			if (f->kind == FK_CHECK && f->name == NULL)
				f->name = name;
		}
		if (x->sc.cb >= 0 && x->cbs[x->sc.cb].name == NULL)
			x->cbs[x->sc.cb].name = name;
		x->bm_last = name;
		x->bm_block = x->sc.block;
		x->bm_off = dx_cur_len(x);
		x->bm_nblocks = x->doc->n_blocks;
	}
	if (x->n_bms == BM_MAX) {
		memmove(&x->bms[0], &x->bms[1], (BM_MAX - 1) * sizeof(bmark));
		x->n_bms--;
	}
	x->bms[x->n_bms].id = id;
	x->bms[x->n_bms].name = name;
	x->n_bms++;
}

void
dx_on_bookmark_end(dx *x, const xmlNode *n)
{
	const char *id = dx_w_attr(x, n, "id");
	size_t i;

	if (id == NULL)
		return;
	for (i = x->n_bms; i > 0; i--) {
		if (strcmp(x->bms[i - 1].id, id) == 0) {
			memmove(&x->bms[i - 1], &x->bms[i], (x->n_bms - i) * sizeof(bmark));
			x->n_bms--;
			return;
		}
	}
}

