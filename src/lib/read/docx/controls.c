/* read/docx/controls.c -- DOCX: content controls, ActiveX controls, mc:AlternateContent, text boxes.
 * (docx.c describes the front end.) */
#include "read/docx/docx_int.h"

/* The code point of a w14:checkedState/uncheckedState (hex in w14:val,
 * or w:val as LibreOffice 7.4 writes it; a symbol font's code mapped to
 * its look-alike), or dflt. */
static unsigned
state_cp(const dx *x, const xmlNode *e, unsigned dflt)
{
	const char *v;
	unsigned cp;
	int kind;

	if (e == NULL)
		return dflt;
	v = a2_xml_attr(e, A2_NS_W14, "val");
	cp = dx_hex_cp(v != NULL ? v : dx_w_attr(x, e, "val"));
	kind = dx_symfont_kind(a2_xml_attr(e, A2_NS_W14, "font"));
	if (kind != SF_NONE)
		cp = dx_sym_lookup(kind, cp);
	return cp != 0 ? cp : dflt;
}

/* The state of a w14:checkbox: w14:checked/@w14:val, else @w:val (written
 * by LibreOffice 7.4), present without a value = checked, absent =
 * unchecked (a default); and the glyphs of both states (default ☒/☐). */
static void
cc_state(const dx *x, const xmlNode *cbx, cbox *c)
{
	const xmlNode *ck = a2_xml_child(cbx, A2_NS_W14, "checked");
	const char *v;
	int b;

	if (ck == NULL) {
		c->state = A2_OFF;
		c->flags |= A2_MF_DEFAULT;
	} else {
		v = a2_xml_attr(ck, A2_NS_W14, "val");
		if (v == NULL)
			v = dx_w_attr(x, ck, "val");
		b = a2_xml_bool(v, v == NULL ? 1 : -1);
		c->state = b == 1 ? A2_ON : b == 0 ? A2_OFF : A2_UNKNOWN;
	}
	c->on_cp = state_cp(x, a2_xml_child(cbx, A2_NS_W14, "checkedState"), 0x2612);
	c->off_cp = state_cp(x, a2_xml_child(cbx, A2_NS_W14, "uncheckedState"), 0x2610);
}

int
dx_on_sdt(dx *x, xmlNode *n)
{
	const xmlNode *pr = dx_w_child(x, n, "sdtPr");
	xmlNode *content = dx_w_child(x, n, "sdtContent");
	const xmlNode *cbx = a2_xml_child(pr, A2_NS_W14, "checkbox");
	const xmlNode *plc = dx_w_child(x, pr, "showingPlcHdr");
	cbox *c;
	const char *name;

	if (content == NULL)
		return 0;
	if (cbx == NULL) {
		if (dx_push(x, content->children, FR_PLAIN) != 0)
			return -1;
		if (dx_onoff(x, plc) == 1)
			x->sc.sflags |= A2_SF_FIELD; /* untouched placeholder text */
		return 0;
	}
	if (dx_push(x, content->children, FR_CB) != 0)
		return -1;
	if (a2_grow((void **)&x->cbs, &x->cap_cbs, x->n_cbs + 1, sizeof(cbox)) != 0)
		return dx_nomem(x);
	c = &x->cbs[x->n_cbs];
	memset(c, 0, sizeof(*c));
	cc_state(x, cbx, c);
	/* named by its tag, else its alias, else a bookmark just before it
	 * (LibreOffice 7.4 drops tags and aliases, not bookmarks) */
	name = dx_w_child_val(x, pr, "tag");
	if (name == NULL || name[0] == '\0')
		name = dx_w_child_val(x, pr, "alias");
	if (name == NULL || name[0] == '\0')
		name = dx_bookmark_here(x);
	c->name = name != NULL && name[0] != '\0' ? dx_keep(x, name) : NULL;
	c->gblock = -1;
	c->sblock = x->sc.block;
	c->soff = dx_cur_len(x);
	c->nblocks0 = x->doc->n_blocks;
	c->line = dx_line_of(n);
	x->sc.cb = (int)x->n_cbs++;
	return 0;
}

/* End of a checkbox content control: its mark goes where its glyph was,
 * else where it began (run level), else at the start of its first
 * paragraph (block and cell level). */
int
dx_leave_cb(dx *x)
{
	cbox *c = &x->cbs[x->n_cbs - 1];
	a2_mark m;
	int b;

	memset(&m, 0, sizeof(m));
	if (c->taken) {
		b = c->gblock;
		m.offset = c->goff;
	} else if (c->sblock >= 0) {
		b = c->sblock;
		m.offset = c->soff;
	} else if (x->doc->n_blocks > c->nblocks0) {
		b = (int)c->nblocks0;
	} else if ((b = dx_new_block(x, c->line)) < 0) {
		return -1; /* a control with no paragraph: keep its answer anyway */
	}
	m.kind = A2_MK_CONTENT_CONTROL;
	m.state = c->state;
	m.flags = c->flags;
	m.name = (char *)(uintptr_t)c->name; /* copied by the builder */
	m.glyph = c->taken ? c->glyph : NULL;
	m.pos.member = x->member;
	m.pos.line = c->line;
	if (c->taken && c->on_cp != c->off_cp &&
	    ((c->state == A2_ON && c->glyph_cp == c->off_cp) ||
	     (c->state == A2_OFF && c->glyph_cp == c->on_cp)))
		m.flags |= A2_MF_DISAGREE;
	x->n_cbs--;
	if (a2_block_add_mark(x->doc, &x->doc->blocks[b], &m) != 0)
		return dx_nomem(x);
	return 0;
}

/* The kind of ActiveX control a relationship points to (its
 * activeX*.xml's class id), read once per relationship.  AX_* or -1. */
static int
activex_kind(dx *x, rel *r)
{
	const char *cls;
	xmlDoc *d;
	int fatal;

	if (r->ax != AX_UNREAD)
		return r->ax;
	r->ax = AX_OTHER;
	d = dx_load_part(x, r->target, 1, &fatal);
	if (d == NULL)
		return fatal ? -1 : r->ax;
	cls = a2_xml_attr(xmlDocGetRootElement(d), NS_AX, "classid");
	if (cls != NULL && strncasecmp(cls, "{8BD21D40-", 10) == 0)
		r->ax = AX_CHECKBOX;   /* Forms 2.0 CheckBox */
	else if (cls != NULL && strncasecmp(cls, "{8BD21D50-", 10) == 0)
		r->ax = AX_OPTION;     /* Forms 2.0 OptionButton */
	xmlFreeDoc(d);
	return r->ax;
}

/* ActiveX (w:object/w:control, w:pict/w:control): a CheckBox or an
 * OptionButton is reported with an unknown state (it lives in the .bin). */
int
dx_on_control(dx *x, const xmlNode *n)
{
	rel *r = dx_rel_by_id(&x->mrels, a2_xml_attr(n, x->nsr, "id"));
	a2_mark m;
	int kind;

	if (r == NULL || x->sc.block < 0)
		return 0;
	if ((kind = activex_kind(x, r)) < 0)
		return -1;
	if (kind != AX_CHECKBOX && kind != AX_OPTION)
		return 0;
	memset(&m, 0, sizeof(m));
	m.kind = A2_MK_ACTIVEX;
	m.state = A2_UNKNOWN;
	m.flags = kind == AX_OPTION ? A2_MF_RADIO : 0;
	m.offset = dx_cur_len(x);
	m.name = (char *)(uintptr_t)dx_w_attr(x, n, "name"); /* copied by the builder */
	if (m.name != NULL && m.name[0] == '\0')
		m.name = NULL;
	m.pos.member = x->member;
	m.pos.line = dx_line_of(n);
	if (a2_block_add_mark(x->doc, dx_cur_block(x), &m) != 0)
		return dx_nomem(x);
	return 0;
}

/* mc:AlternateContent: the first mc:Choice, else the mc:Fallback. */
int
dx_on_alternate(dx *x, xmlNode *n)
{
	xmlNode *c, *pick = NULL;

	for (c = n->children; c != NULL && pick == NULL; c = c->next)
		if (a2_xml_is(c, A2_NS_MC, "Choice"))
			pick = c;
	if (pick == NULL)
		pick = a2_xml_child(n, A2_NS_MC, "Fallback");
	return pick != NULL ? dx_push(x, pick->children, FR_PLAIN) : 0;
}

/* A text box starts a new story: no current paragraph, run, control or
 * table. */
int
dx_on_txbx(dx *x, xmlNode *n)
{
	if (dx_push(x, n->children, FR_PLAIN) != 0)
		return -1;
	x->sc.block = -1;
	x->sc.cb = -1;
	x->sc.floor = x->n_tbls;
	x->sc.rflags = x->sc.pflags = 0;
	x->sc.hidden = 0;
	x->sc.sym = SF_NONE;
	return 0;
}
