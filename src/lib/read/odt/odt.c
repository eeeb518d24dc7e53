/*
 * read/odt/odt.c -- the ODF front end: lowers an OpenDocument text (zipped .odt
 * or flat .fodt) into the reply model (annex2/doc.h).
 *
 * This file is the only code that knows ODF.  It reads office:body/
 * office:text in document order with an explicit stack (no recursion: a
 * hostile file may nest as deep as the parser allows) and produces:
 *  - one block per text:p / text:h, wherever it stands (tables, lists,
 *    sections, text boxes, notes), with table index, row, column and depth;
 *  - text as ODF displays it: white space collapsed, text:s / text:tab /
 *    text:line-break expanded, tracked changes accepted (the deleted text
 *    lives in text:tracked-changes, which is skipped), hidden text skipped;
 *  - spans struck / highlighted / bold (styles followed through
 *    style:parent-style-name), inserted (tracked insertion) or field values;
 *  - marks for the four ways ODF stores a choice: loext:content-control
 *    checkboxes, field:fieldmark FORMCHECKBOX, form:checkbox / form:radio
 *    placed by draw:control; and the selected value of drop-downs as text.
 *
 * Memory: the lowered a2_doc belongs to the caller; every other allocation
 * is freed before returning.  XML strings are borrowed from the parsed trees,
 * which live until the end of the lowering.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "core/xml.h"
#include "read/frontend.h"

#define NS_SVG    "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_XML    "http://www.w3.org/XML/1998/namespace"

#define FM_CHECKBOX "vnd.oasis.opendocument.field.FORMCHECKBOX"
#define FM_DROPDOWN "vnd.oasis.opendocument.field.FORMDROPDOWN"
#define FM_AUTONAME "__Fieldmark__"

#define STYLE_STEPS 16     /* style:parent-style-name steps followed */
#define MAX_SPACES  1024   /* text:c honoured for one text:s */
#define MAX_REPEAT  65536  /* table:number-*-repeated honoured */
#define GLYPH_MAX   64     /* bytes of a content control's glyph kept */
#define FM_MAX      64     /* nested fieldmark ranges tracked */
#define INS_MAX     64     /* open tracked insertions tracked */
#define NO_BLOCK    SIZE_MAX

/* Frame flags: the A2_SF_* bits in force, plus two of our own. */
#define SF_MASK   0xffu
#define F_INLINE  (1u << 16)  /* inside a paragraph: text nodes are text */
#define F_CAPTURE (1u << 17)  /* inside a checkbox control: text is its glyph */

/* ---- small helpers ---- */

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
starts_with(const char *s, const char *pre)
{
	return strncmp(s, pre, strlen(pre)) == 0;
}

static int
ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && strcmp(s + a - b, suf) == 0;
}

static int
ns_is(const xmlNode *n, const char *ns)
{
	return n->ns != NULL && n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0;
}

static const char *
local(const xmlNode *n)
{
	return (const char *)n->name;
}

/* An attribute that is present and not empty, or NULL. */
static const char *
attr_ne(const xmlNode *n, const char *ns, const char *name)
{
	const char *v = a2_xml_attr(n, ns, name);

	return v != NULL && *v != '\0' ? v : NULL;
}

static unsigned
line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);

	return l > 0 && l < (long)UINT_MAX ? (unsigned)l : 0;
}

/* A non-negative count attribute, at least 1 and at most max. */
static int
count_attr(const xmlNode *n, const char *ns, const char *name, int max)
{
	const char *v = a2_xml_attr(n, ns, name);
	char *end;
	long l;

	if (v == NULL)
		return 1;
	l = strtol(v, &end, 10);
	if (end == v || l < 1)
		return 1;
	return l > max ? max : (int)l;
}

/* An ODF boolean attribute as a state: missing is OFF (LibreOffice omits
 * false), unreadable is UNKNOWN. */
static a2_tri
tri_bool(const char *v)
{
	if (v == NULL)
		return A2_OFF;
	switch (a2_xml_bool(v, -1)) {
	case 1:
		return A2_ON;
	case 0:
		return A2_OFF;
	default:
		return A2_UNKNOWN;
	}
}

static int
sat_add(int a, int b)
{
	return a > INT_MAX - b ? INT_MAX : a + b;
}

/* Trims ASCII white space: *s and *n describe the result. */
static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && is_ws(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && is_ws((*s)[*n - 1]))
		(*n)--;
}

/* Length of the longest prefix of s[0..n) that is whole, valid UTF-8. */
static size_t
utf8_prefix(const char *s, size_t n)
{
	size_t i = 0, k;
	unsigned cp;

	while (i < n) {
		k = a2_utf8_next(s + i, n - i, &cp);
		if (k == 0 || (cp == 0xFFFD && k == 1 &&
		    !(n - i >= 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)))
			break;
		i += k;
	}
	return i;
}

/* Compares s[0..n) (already trimmed) with z, trimmed. */
static int
eq_trimmed(const char *s, size_t n, const char *z)
{
	size_t zn = strlen(z);

	trim(&z, &zn);
	return zn == n && memcmp(s, z, n) == 0;
}

/* Text of an element's own text children, in a new string ("" if none). */
static char *
own_text(const xmlNode *n)
{
	a2_buf b = {0};
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
			a2_buf_puts(&b, (const char *)c->content);
	return a2_buf_take(&b);
}

/* Next node of root's subtree in document order; descend = 0 skips n's
 * children.  NULL at the end. */
static const xmlNode *
next_pre(const xmlNode *n, const xmlNode *root, int descend)
{
	if (descend && n->children != NULL)
		return n->children;
	while (n != root && n != NULL) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* ---- styles: strike, highlight, bold, hidden ---- */

#define P_HIDDEN (1u << 8)

/* Properties a style sets (set) and their values (val), as A2_SF_* bits
 * plus P_HIDDEN. */
typedef struct props {
	unsigned set, val;
} props;

typedef struct style_ent {
	const char *name, *family;
	const xmlNode *node;
	int common;          /* 1 office:styles, 0 office:automatic-styles */
	int resolved;
	props p;             /* with its parents, once resolved */
} style_ent;

typedef struct style_tab {
	style_ent *v;
	size_t n, cap;
} style_tab;

static int
cmp_style(const void *a, const void *b)
{
	const style_ent *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c == 0)
		c = strcmp(x->family, y->family);
	if (c == 0)
		c = x->common - y->common;
	return c;
}

/* Adds the style:style children of an office:styles or
 * office:automatic-styles element (NULL is accepted). */
static int
styles_add(style_tab *t, const xmlNode *parent, int common)
{
	const xmlNode *c;

	if (parent == NULL)
		return 0;
	for (c = parent->children; c != NULL; c = c->next) {
		const char *name, *family;
		if (!a2_xml_is(c, A2_NS_STYLE, "style"))
			continue;
		name = a2_xml_attr(c, A2_NS_STYLE, "name");
		family = a2_xml_attr(c, A2_NS_STYLE, "family");
		if (name == NULL || family == NULL)
			continue;
		if (a2_grow((void **)&t->v, &t->cap, t->n + 1, sizeof(*t->v)) != 0)
			return -1;
		memset(&t->v[t->n], 0, sizeof(t->v[0]));
		t->v[t->n].name = name;
		t->v[t->n].family = family;
		t->v[t->n].node = c;
		t->v[t->n].common = common;
		t->n++;
	}
	return 0;
}

/* The style of that name and family; prefer_common picks between an
 * automatic and a common style of the same name. */
static style_ent *
style_find(style_tab *t, const char *family, const char *name, int prefer_common)
{
	style_ent key, *e, *best = NULL;
	size_t lo = 0, hi = t->n, mid;

	key.name = name;
	key.family = family;
	key.common = 0;
	while (lo < hi) {   /* first entry not below (name, family, 0) */
		mid = lo + (hi - lo) / 2;
		if (cmp_style(&t->v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < t->n; lo++) {
		e = &t->v[lo];
		if (strcmp(e->name, name) != 0 || strcmp(e->family, family) != 0)
			break;
		if (best == NULL || e->common == prefer_common)
			best = e;
	}
	return best;
}

/* The properties a style:style sets itself (style:text-properties). */
static props
style_own(const xmlNode *style)
{
	props p = {0, 0};
	const xmlNode *tp = a2_xml_child(style, A2_NS_STYLE, "text-properties");
	const char *ls, *lt, *v;

	if (tp == NULL)
		return p;
	ls = a2_xml_attr(tp, A2_NS_STYLE, "text-line-through-style");
	lt = a2_xml_attr(tp, A2_NS_STYLE, "text-line-through-type");
	if (ls != NULL || lt != NULL) {
		p.set |= A2_SF_STRUCK;
		if ((ls == NULL || strcmp(ls, "none") != 0) && (lt == NULL || strcmp(lt, "none") != 0))
			p.val |= A2_SF_STRUCK;
	}
	if ((v = a2_xml_attr(tp, A2_NS_FO, "background-color")) != NULL) {
		p.set |= A2_SF_HIGHLIGHT;
		if (*v != '\0' && strcasecmp(v, "transparent") != 0)
			p.val |= A2_SF_HIGHLIGHT;
	}
	if ((v = a2_xml_attr(tp, A2_NS_FO, "font-weight")) != NULL) {
		p.set |= A2_SF_BOLD;
		if (strcmp(v, "bold") == 0 || (v[0] >= '6' && v[0] <= '9' && v[1] == '0' && v[2] == '0'))
			p.val |= A2_SF_BOLD;
	}
	if ((v = a2_xml_attr(tp, A2_NS_TEXT, "display")) != NULL) {
		p.set |= P_HIDDEN;
		if (strcmp(v, "none") == 0)
			p.val |= P_HIDDEN;
	}
	return p;
}

/* Adds to p what q sets and p does not. */
static void
props_merge(props *p, props q)
{
	unsigned add = q.set & ~p->set;

	p->set |= add;
	p->val |= q.val & add;
}

/* The properties of a named style with its ancestors (at most STYLE_STEPS
 * of them: a cycle just stops there), cached in the table. */
static props
style_props(style_tab *t, const char *family, const char *name)
{
	props p = {0, 0};
	style_ent *first, *e;
	const char *parent;
	int step;

	if (name == NULL || (first = style_find(t, family, name, 0)) == NULL)
		return p;
	if (first->resolved)
		return first->p;
	for (e = first, step = 0; e != NULL && step < STYLE_STEPS; step++) {
		if (e->resolved) {
			props_merge(&p, e->p);
			break;
		}
		props_merge(&p, style_own(e->node));
		parent = a2_xml_attr(e->node, A2_NS_STYLE, "parent-style-name");
		e = parent != NULL ? style_find(t, family, parent, 1) : NULL;
	}
	first->p = p;
	first->resolved = 1;
	return p;
}

/* The flags f inside an element whose style gives p. */
static unsigned
props_apply(unsigned f, props p)
{
	unsigned m = p.set & SF_MASK;

	return (f & ~m) | (p.val & m);
}

/* ---- id maps: form controls by id, tracked insertions by change id ---- */

typedef struct id_ent {
	const char *key;
	const xmlNode *node;
} id_ent;

typedef struct id_map {
	id_ent *v;
	size_t n, cap;
} id_map;

static int
cmp_id(const void *a, const void *b)
{
	return strcmp(((const id_ent *)a)->key, ((const id_ent *)b)->key);
}

static int
id_add(id_map *m, const char *key, const xmlNode *node)
{
	if (key == NULL || *key == '\0')
		return 0;
	if (a2_grow((void **)&m->v, &m->cap, m->n + 1, sizeof(*m->v)) != 0)
		return -1;
	m->v[m->n].key = key;
	m->v[m->n].node = node;
	m->n++;
	return 0;
}

static void
id_sort(id_map *m)
{
	if (m->n > 1)
		qsort(m->v, m->n, sizeof(*m->v), cmp_id);
}

/* The first node added under key (the sort is not stable, so "first" is
 * any one of equal keys; ODF ids are unique in valid files). */
static const xmlNode *
id_find(const id_map *m, const char *key)
{
	size_t lo = 0, hi = m->n, mid;

	if (key == NULL)
		return NULL;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(m->v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && strcmp(m->v[lo].key, key) == 0 ? m->v[lo].node : NULL;
}

/* The form:checkbox and form:radio controls of office:forms, by xml:id and
 * form:id. */
static int
collect_controls(id_map *m, const xmlNode *text)
{
	const xmlNode *forms, *n;

	for (forms = text->children; forms != NULL; forms = forms->next) {
		if (!a2_xml_is(forms, A2_NS_OFFICE, "forms"))
			continue;
		for (n = forms; n != NULL; n = next_pre(n, forms, n->type == XML_ELEMENT_NODE)) {
			const char *xid, *fid;
			if (!a2_xml_is(n, A2_NS_FORM, "checkbox") && !a2_xml_is(n, A2_NS_FORM, "radio"))
				continue;
			xid = a2_xml_attr(n, NS_XML, "id");
			fid = a2_xml_attr(n, A2_NS_FORM, "id");
			if (id_add(m, xid, n) != 0 ||
			    (fid != NULL && (xid == NULL || strcmp(xid, fid) != 0) && id_add(m, fid, n) != 0))
				return -1;
		}
	}
	id_sort(m);
	return 0;
}

/* The ids of the text:changed-regions that are insertions. */
static int
collect_insertions(id_map *m, const xmlNode *text)
{
	const xmlNode *tc, *r;

	for (tc = text->children; tc != NULL; tc = tc->next) {
		if (!a2_xml_is(tc, A2_NS_TEXT, "tracked-changes"))
			continue;
		for (r = tc->children; r != NULL; r = r->next) {
			const char *id;
			if (!a2_xml_is(r, A2_NS_TEXT, "changed-region") ||
			    a2_xml_child(r, A2_NS_TEXT, "insertion") == NULL)
				continue;
			id = a2_xml_attr(r, A2_NS_TEXT, "id");
			if (id == NULL)
				id = a2_xml_attr(r, NS_XML, "id");
			if (id_add(m, id, r) != 0)
				return -1;
		}
	}
	id_sort(m);
	return 0;
}

/* ---- the walker ---- */

/* What leaving an element must undo or finish. */
enum act { ACT_NONE, ACT_PARA, ACT_TABLE, ACT_ROW, ACT_CELL, ACT_CCBOX };

typedef struct frame {
	int act;
	unsigned flags;          /* in force inside the element */
	const xmlNode *node;
	size_t s0, s1;           /* PARA: saved block; CCBOX: mark offset, glyph start */
	int i0, i1, i2, i3;      /* PARA: saved ws; TABLE: saved context; ROW/CELL: repeats */
} frame;

/* A fieldmark range (fieldmark-start .. fieldmark-end) that is open. */
typedef struct fmark {
	unsigned char skip;      /* its text is not shown */
	unsigned char code;      /* before its fieldmark-separator (field code) */
	unsigned char drop;      /* a drop-down: its value was put in already */
} fmark;

typedef struct walker {
	a2_doc *doc;
	const char *member;      /* interned, or NULL for a flat ODT */
	style_tab *styles;
	const id_map *controls, *inserts;
	a2_error *err;

	frame *st;
	size_t n_st, cap_st;

	size_t cur;              /* current block, or NO_BLOCK */
	int ws;                  /* 1: white space here is dropped */

	int n_tables, table, row, col, depth;

	fmark fm[FM_MAX];
	size_t n_fm, fm_over, n_skip;

	const char *ins[INS_MAX];
	size_t n_ins, ins_over;

	a2_buf cap;              /* glyphs of checkbox content controls */
	size_t budget;           /* bytes of text still allowed */
} walker;

static int
nomem(walker *w)
{
	return a2_error_set(w->err, A2_ERR_NOMEM, "out of memory");
}

static unsigned
top_flags(const walker *w)
{
	return w->n_st > 0 ? w->st[w->n_st - 1].flags : 0;
}

static frame *
push(walker *w, const xmlNode *n, int act, unsigned flags)
{
	frame *f;

	if (a2_grow((void **)&w->st, &w->cap_st, w->n_st + 1, sizeof(*w->st)) != 0) {
		nomem(w);
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
static int
new_block(walker *w, const xmlNode *n)
{
	a2_pos pos;
	a2_block *b;

	pos.member = w->member;
	pos.line = line_of(n);
	if (w->depth > 0)
		b = a2_doc_add_block(w->doc, pos, w->table, w->row, w->col, w->depth);
	else
		b = a2_doc_add_block(w->doc, pos, -1, -1, -1, 0);
	if (b == NULL)
		return nomem(w);
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
		return nomem(w);
	return 0;
}

static unsigned
span_flags(const walker *w, unsigned f)
{
	return (f & SF_MASK) | (w->n_ins + w->ins_over > 0 ? A2_SF_INSERTED : 0);
}

/* Keeps at most GLYPH_MAX bytes of a checkbox control's content. */
static int
capture(walker *w, const char *s, size_t n)
{
	size_t room = GLYPH_MAX > w->cap.len ? GLYPH_MAX - w->cap.len : 0;

	if (a2_buf_add(&w->cap, s, n < room ? n : room) != 0)
		return nomem(w);
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
static int
put_text(walker *w, const char *s, size_t n)
{
	unsigned f = top_flags(w), sf;
	size_t i = 0, j;
	int sink = text_sink(w, f);

	if (sink == 2)
		return capture(w, s, n);
	if (sink == 0)
		return 0;
	sf = span_flags(w, f);
	while (i < n) {
		if (is_ws(s[i])) {
			while (i < n && is_ws(s[i]))
				i++;
			if (!w->ws) {
				if (emit(w, " ", 1, sf) != 0)
					return -1;
				w->ws = 1;
			}
			continue;
		}
		for (j = i; j < n && !is_ws(s[j]); j++)
			;
		if (emit(w, s + i, j - i, sf) != 0)
			return -1;
		w->ws = 0;
		i = j;
	}
	return 0;
}

/* Literal text (text:s, text:tab, values of drop-downs): no collapsing. */
static int
put_lit(walker *w, const char *s, size_t n, unsigned extra)
{
	unsigned f = top_flags(w);
	int sink = text_sink(w, f);

	if (sink == 2)
		return capture(w, s, n);
	if (sink == 0 || n == 0)
		return 0;
	w->ws = 0;
	return emit(w, s, n, span_flags(w, f) | extra);
}

/* Adds a mark at offset off of block blk. */
static int
add_mark(walker *w, size_t blk, size_t off, a2_mark_kind kind, a2_tri state,
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
	m.pos.line = line_of(n);
	if (a2_block_add_mark(w->doc, &w->doc->blocks[blk], &m) != 0)
		return nomem(w);
	return 0;
}

/* Adds a mark where the walk stands; a control outside any paragraph
 * (anchored to the page) gets a block of its own.  inline_char: the control
 * takes a character's place in the line (as LibreOffice lays it out), so
 * white space after it is not collapsed into white space before it. */
static int
add_mark_here(walker *w, a2_mark_kind kind, a2_tri state, unsigned mflags,
    const char *name, int inline_char, const xmlNode *n)
{
	size_t saved = w->cur;
	int saved_ws = w->ws, rc;

	if (w->cur == NO_BLOCK && new_block(w, n) != 0)
		return -1;
	rc = add_mark(w, w->cur, w->doc->blocks[w->cur].len, kind, state, mflags, name, NULL, n);
	if (saved == NO_BLOCK) {
		w->cur = NO_BLOCK;
		w->ws = saved_ws;
	} else if (inline_char) {
		w->ws = 0;
	}
	return rc;
}

/* ---- paragraphs, spans, special characters ---- */

static int
enter_para(walker *w, const xmlNode *n)
{
	props p = style_props(w->styles, "paragraph", a2_xml_attr(n, A2_NS_TEXT, "style-name"));
	frame *f;

	if (p.set & p.val & P_HIDDEN)
		return 0;
	f = push(w, n, ACT_PARA, props_apply(F_INLINE, p));
	if (f == NULL)
		return -1;
	f->s0 = w->cur;
	f->i0 = w->ws;
	return new_block(w, n) != 0 ? -1 : 1;
}

static int
enter_span(walker *w, const xmlNode *n)
{
	props p = style_props(w->styles, "text", a2_xml_attr(n, A2_NS_TEXT, "style-name"));

	if (p.set & p.val & P_HIDDEN)
		return 0;
	return push(w, n, ACT_NONE, props_apply(top_flags(w), p)) ? 1 : -1;
}

static int
put_spaces(walker *w, const xmlNode *n)
{
	static const char sp[32] = "                                ";
	int c = count_attr(n, A2_NS_TEXT, "c", MAX_SPACES), k;

	for (; c > 0; c -= k) {
		k = c < (int)sizeof(sp) ? c : (int)sizeof(sp);
		if (put_lit(w, sp, (size_t)k, 0) != 0)
			return -1;
	}
	return 0;
}

/* text:drop-down: the selected label's value; without a selected label,
 * the field's own content (its text:label children are skipped). */
static int
enter_dropdown(walker *w, const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next) {
		const char *v;
		if (!a2_xml_is(c, A2_NS_TEXT, "label") ||
		    !a2_xml_bool(a2_xml_attr(c, A2_NS_TEXT, "current-selected"), 0))
			continue;
		v = a2_xml_attr(c, A2_NS_TEXT, "value");
		return put_lit(w, v ? v : "", v ? strlen(v) : 0, 0) != 0 ? -1 : 0;
	}
	return push(w, n, ACT_NONE, top_flags(w)) ? 1 : -1;
}

/* text:change-start / text:change-end of a tracked insertion: the text
 * between them is flagged A2_SF_INSERTED (it stays in: changes accepted). */
static void
change_mark(walker *w, const xmlNode *n, int start)
{
	const char *id = a2_xml_attr(n, A2_NS_TEXT, "change-id");
	size_t i;

	if (id == NULL || id_find(w->inserts, id) == NULL)
		return;
	if (start) {
		if (w->n_ins < INS_MAX)
			w->ins[w->n_ins++] = id;
		else
			w->ins_over++;
		return;
	}
	for (i = w->n_ins; i > 0; i--) {
		if (strcmp(w->ins[i - 1], id) == 0) {
			memmove(&w->ins[i - 1], &w->ins[i], (w->n_ins - i) * sizeof(w->ins[0]));
			w->n_ins--;
			return;
		}
	}
	if (w->ins_over > 0)
		w->ins_over--;
}

/* Text elements that contain paragraphs rather than text. */
static int
text_container(const char *name)
{
	static const char *const names[] = {
		"list", "list-item", "list-header", "section", "note", "note-body",
		"index-body", "index-title", "table-of-content", "bibliography", NULL
	};
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return ends_with(name, "-index");
}

/* Text elements whose content is never document text. */
static int
text_skipped(const char *name)
{
	static const char *const names[] = {
		"tracked-changes", "change", "note-citation", "number", "ruby-text",
		"sequence-decls", "variable-decls", "user-field-decls",
		"dde-connection-decls", "soft-page-break", "label", NULL
	};
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return ends_with(name, "-source") || strcmp(name, "bookmark") == 0 ||
	    strcmp(name, "bookmark-start") == 0 || strcmp(name, "bookmark-end") == 0 ||
	    starts_with(name, "reference-mark");
}

static int
enter_text(walker *w, const xmlNode *n)
{
	const char *name = local(n);

	if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0)
		return enter_para(w, n);
	if (strcmp(name, "span") == 0 || strcmp(name, "a") == 0)
		return enter_span(w, n);
	if (strcmp(name, "s") == 0)
		return put_spaces(w, n) != 0 ? -1 : 0;
	if (strcmp(name, "tab") == 0)
		return put_lit(w, "\t", 1, 0) != 0 ? -1 : 0;
	if (strcmp(name, "line-break") == 0)
		return put_lit(w, "\n", 1, 0) != 0 ? -1 : 0;
	if (strcmp(name, "change-start") == 0 || strcmp(name, "change-end") == 0) {
		change_mark(w, n, name[7] == 's');
		return 0;
	}
	if (strcmp(name, "drop-down") == 0)
		return enter_dropdown(w, n);
	if (strcmp(name, "placeholder") == 0)
		return push(w, n, ACT_NONE, top_flags(w) | A2_SF_FIELD) ? 1 : -1;
	if (text_skipped(name))
		return 0;
	if (text_container(name))
		return push(w, n, ACT_NONE, 0) ? 1 : -1;
	/* fields (text:text-input, text:date, ...), text:meta, text:ruby, ...:
	 * their content is what the document shows */
	return push(w, n, ACT_NONE, top_flags(w)) ? 1 : -1;
}

/* ---- tables ---- */

static int
enter_table(walker *w, const xmlNode *n)
{
	const char *name = local(n);
	frame *f;

	if (strcmp(name, "table") == 0) {
		if ((f = push(w, n, ACT_TABLE, 0)) == NULL)
			return -1;
		f->i0 = w->table;
		f->i1 = w->row;
		f->i2 = w->col;
		f->i3 = w->depth;
		w->table = w->n_tables;
		w->n_tables = sat_add(w->n_tables, 1);
		w->row = w->col = -1;
		w->depth = sat_add(w->depth, 1);
		return 1;
	}
	if (strcmp(name, "table-row") == 0 && w->depth > 0) {
		if ((f = push(w, n, ACT_ROW, 0)) == NULL)
			return -1;
		w->row = sat_add(w->row, 1);
		w->col = -1;
		f->i0 = count_attr(n, A2_NS_TABLE, "number-rows-repeated", MAX_REPEAT) - 1;
		return 1;
	}
	if ((strcmp(name, "table-cell") == 0 || strcmp(name, "covered-table-cell") == 0) &&
	    w->depth > 0) {
		if ((f = push(w, n, ACT_CELL, 0)) == NULL)
			return -1;
		w->col = sat_add(w->col, 1);
		f->i0 = count_attr(n, A2_NS_TABLE, "number-columns-repeated", MAX_REPEAT) - 1;
		return 1;
	}
	if (starts_with(name, "table-column") || strcmp(name, "table-header-columns") == 0 ||
	    ends_with(name, "-source"))
		return 0;
	/* table:table-header-rows, table:table-rows, table:table-row-group */
	return push(w, n, ACT_NONE, 0) ? 1 : -1;
}

/* ---- controls ---- */

/* loext:content-control.  A checkbox becomes a mark and its content is its
 * glyph (captured, not text); other kinds show their content as text. */
static int
enter_content_control(walker *w, const xmlNode *n)
{
	unsigned f = top_flags(w);
	frame *fr;

	if (a2_xml_bool(a2_xml_attr(n, A2_NS_LOEXT, "checkbox"), 0)) {
		if (w->cur == NO_BLOCK)
			return 0;
		if ((fr = push(w, n, ACT_CCBOX, f | F_CAPTURE)) == NULL)
			return -1;
		fr->s0 = w->doc->blocks[w->cur].len;
		fr->s1 = w->cap.len;
		return 1;
	}
	if (a2_xml_bool(a2_xml_attr(n, A2_NS_LOEXT, "showing-place-holder"), 0))
		f |= A2_SF_FIELD;
	return push(w, n, ACT_NONE, f) ? 1 : -1;
}

/* Leaving a checkbox content control: the mark, with the glyph shown. */
static int
leave_content_control(walker *w, frame *fr)
{
	const xmlNode *n = fr->node;
	const char *g, *cs, *us, *name;
	size_t gl;
	a2_tri state, shown = A2_UNKNOWN;
	unsigned mflags = 0;
	char *glyph = NULL;
	int rc;

	state = tri_bool(a2_xml_attr(n, A2_NS_LOEXT, "checked"));
	g = w->cap.data != NULL && fr->s1 < w->cap.len ? w->cap.data + fr->s1 : "";
	gl = w->cap.data != NULL && fr->s1 < w->cap.len ? w->cap.len - fr->s1 : 0;
	trim(&g, &gl);
	gl = utf8_prefix(g, gl);
	cs = a2_xml_attr(n, A2_NS_LOEXT, "checked-state");
	us = a2_xml_attr(n, A2_NS_LOEXT, "unchecked-state");
	cs = cs ? cs : "\xE2\x98\x92";   /* ☒ */
	us = us ? us : "\xE2\x98\x90";   /* ☐ */
	if (gl > 0 && eq_trimmed(g, gl, cs) != eq_trimmed(g, gl, us))
		shown = eq_trimmed(g, gl, cs) ? A2_ON : A2_OFF;
	if (state != A2_UNKNOWN && shown != A2_UNKNOWN && state != shown)
		mflags |= A2_MF_DISAGREE;
	if (gl > 0 && (glyph = a2_strndup(g, gl)) == NULL)
		return nomem(w);
	name = attr_ne(n, A2_NS_LOEXT, "tag");
	if (name == NULL)
		name = attr_ne(n, A2_NS_LOEXT, "alias");
	rc = add_mark(w, w->cur, fr->s0, A2_MK_CONTENT_CONTROL, state, mflags, name, glyph, n);
	free(glyph);
	if (gl > 0)   /* the glyph stands in the line: spaces after it count */
		w->ws = 0;
	/* forget this control's glyph (an enclosing capture keeps its own) */
	if (w->cap.data != NULL && fr->s1 <= w->cap.len) {
		w->cap.len = fr->s1;
		w->cap.data[fr->s1] = '\0';
	}
	return rc;
}

/* draw:control: a form:checkbox or form:radio of office:forms.
 * form:current-state / form:current-selected are what the user did; when
 * missing the control is unticked (LibreOffice omits them then).
 * form:state / form:selected are only defaults and are not read. */
static int
put_form_control(walker *w, const xmlNode *n)
{
	const xmlNode *c = id_find(w->controls, a2_xml_attr(n, A2_NS_DRAW, "control"));
	const char *v, *name;
	a2_tri state;
	unsigned mflags = 0;

	if (c == NULL)
		return 0;
	if (a2_xml_is(c, A2_NS_FORM, "checkbox")) {
		v = a2_xml_attr(c, A2_NS_FORM, "current-state");
		if (v == NULL || strcmp(v, "unchecked") == 0)
			state = A2_OFF;
		else if (strcmp(v, "checked") == 0)
			state = A2_ON;
		else
			state = A2_UNKNOWN;
	} else {
		state = tri_bool(a2_xml_attr(c, A2_NS_FORM, "current-selected"));
		mflags |= A2_MF_RADIO;
	}
	name = attr_ne(c, A2_NS_FORM, "name");
	if (name == NULL)
		name = attr_ne(c, A2_NS_FORM, "label");
	v = a2_xml_attr(n, A2_NS_TEXT, "anchor-type");
	return add_mark_here(w, A2_MK_FORM_CONTROL, state, mflags, name,
	    v != NULL && strcmp(v, "as-char") == 0, n);
}

/* The value of a fieldmark's field:param of that name, or NULL. */
static const char *
fm_param(const xmlNode *n, const char *name)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next) {
		const char *pn;
		if (!a2_xml_is(c, A2_NS_FIELD, "param"))
			continue;
		pn = a2_xml_attr(c, A2_NS_FIELD, "name");
		if (pn != NULL && strcmp(pn, name) == 0)
			return a2_xml_attr(c, A2_NS_FIELD, "value");
	}
	return NULL;
}

/* A user bookmark standing right before n (LibreOffice keeps Word's field
 * name only there), or NULL.  Hidden names (_Hlk..., __Fieldmark__...)
 * are not names. */
static const char *
adjacent_bookmark(const xmlNode *n)
{
	const xmlNode *p;
	const char *name;

	for (p = n->prev; p != NULL; p = p->prev) {
		if (p->type == XML_TEXT_NODE) {
			const char *s = (const char *)p->content;
			while (s != NULL && *s != '\0' && is_ws(*s))
				s++;
			if (s != NULL && *s != '\0')
				return NULL;
			continue;
		}
		if (p->type != XML_ELEMENT_NODE)
			continue;
		if (!a2_xml_is(p, A2_NS_TEXT, "bookmark-start") && !a2_xml_is(p, A2_NS_TEXT, "bookmark"))
			return NULL;
		name = attr_ne(p, A2_NS_TEXT, "name");
		return name != NULL && name[0] != '_' ? name : NULL;
	}
	return NULL;
}

static int
put_fm_checkbox(walker *w, const xmlNode *n)
{
	const char *name = attr_ne(n, A2_NS_TEXT, "name");
	a2_tri state = tri_bool(fm_param(n, "Checkbox_Checked"));

	if (w->cur == NO_BLOCK)
		return 0;
	if (name == NULL || starts_with(name, FM_AUTONAME))
		name = adjacent_bookmark(n);
	w->ws = 0;   /* the box is a character of the line */
	return add_mark(w, w->cur, w->doc->blocks[w->cur].len, A2_MK_FORM_FIELD, state, 0,
	    name, NULL, n);
}

/* FORMDROPDOWN: the entry Dropdown_Selected points at (none if missing). */
static int
put_fm_dropdown(walker *w, const xmlNode *n)
{
	const char *sel = fm_param(n, "Dropdown_Selected");
	const xmlNode *c;
	char *end;
	long want, i = 0;

	if (sel == NULL)
		return 0;
	want = strtol(sel, &end, 10);
	if (end == sel || want < 0)
		return 0;
	for (c = n->children; c != NULL; c = c->next) {
		const char *pn, *v;
		if (!a2_xml_is(c, A2_NS_FIELD, "param"))
			continue;
		pn = a2_xml_attr(c, A2_NS_FIELD, "name");
		if (pn == NULL || strcmp(pn, "Dropdown_ListEntry") != 0)
			continue;
		if (i++ == want) {
			v = a2_xml_attr(c, A2_NS_FIELD, "value");
			return v != NULL ? put_lit(w, v, strlen(v), 0) : 0;
		}
	}
	return 0;
}

/* 1 when a field:fieldmark-separator follows n before another fieldmark
 * element: the text up to it is the field code, not shown. */
static int
separator_follows(const xmlNode *n)
{
	const xmlNode *s;

	for (s = n->next; s != NULL; s = s->next) {
		if (s->type != XML_ELEMENT_NODE || !ns_is(s, A2_NS_FIELD))
			continue;
		if (strcmp(local(s), "fieldmark-separator") == 0)
			return 1;
		if (starts_with(local(s), "fieldmark"))
			return 0;
	}
	return 0;
}

/* field:fieldmark (a point: checkbox, drop-down) and the range elements
 * field:fieldmark-start / -separator / -end (text fields, dates, Word
 * fields, and older checkboxes).  Never descended (children are params). */
static int
enter_field(walker *w, const xmlNode *n)
{
	const char *name = local(n);
	const char *type = a2_xml_attr(n, A2_NS_FIELD, "type");
	int start = strcmp(name, "fieldmark-start") == 0;
	fmark *m;

	if (start || strcmp(name, "fieldmark") == 0) {
		int drop = type != NULL && strcmp(type, FM_DROPDOWN) == 0;
		if (type != NULL && strcmp(type, FM_CHECKBOX) == 0 && put_fm_checkbox(w, n) != 0)
			return -1;
		if (drop && put_fm_dropdown(w, n) != 0)
			return -1;
		if (!start)
			return 0;
		if (w->n_fm == FM_MAX) {
			w->fm_over++;
			return 0;
		}
		m = &w->fm[w->n_fm++];
		m->drop = (unsigned char)drop;
		m->code = (unsigned char)(!drop && separator_follows(n));
		m->skip = (unsigned char)(drop || m->code);
		w->n_skip += m->skip;
	} else if (strcmp(name, "fieldmark-separator") == 0) {
		if (w->fm_over == 0 && w->n_fm > 0 && w->fm[w->n_fm - 1].code) {
			m = &w->fm[w->n_fm - 1];
			m->code = 0;
			if (m->skip && !m->drop) {
				m->skip = 0;
				w->n_skip--;
			}
		}
	} else if (strcmp(name, "fieldmark-end") == 0) {
		if (w->fm_over > 0) {
			w->fm_over--;
		} else if (w->n_fm > 0) {
			w->n_fm--;
			w->n_skip -= w->fm[w->n_fm].skip;
		}
	}
	return 0;
}

/* ---- dispatch ---- */

/* 1 when an element hides itself (hidden sections, variable fields,
 * hidden-text fields). */
static int
hidden_element(const xmlNode *n)
{
	const char *v = a2_xml_attr(n, A2_NS_TEXT, "display");

	if (v != NULL && strcmp(v, "none") == 0)
		return 1;
	return a2_xml_is(n, A2_NS_TEXT, "hidden-text") &&
	    a2_xml_bool(a2_xml_attr(n, A2_NS_TEXT, "is-hidden"), 0);
}

/* Enters node n: -1 error, 0 done with it (not descended, no frame),
 * 1 a frame was pushed and its children are to be walked. */
static int
enter(walker *w, const xmlNode *n)
{
	const char *name;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		return n->content != NULL &&
		    put_text(w, (const char *)n->content, strlen((const char *)n->content)) != 0 ? -1 : 0;
	if (n->type != XML_ELEMENT_NODE || hidden_element(n))
		return 0;
	name = local(n);
	if (ns_is(n, A2_NS_TEXT))
		return enter_text(w, n);
	if (ns_is(n, A2_NS_TABLE))
		return enter_table(w, n);
	if (ns_is(n, A2_NS_DRAW)) {
		if (strcmp(name, "control") == 0)
			return put_form_control(w, n) != 0 ? -1 : 0;
		if (starts_with(name, "object") || strcmp(name, "applet") == 0 ||
		    strcmp(name, "plugin") == 0 || strcmp(name, "floating-frame") == 0 ||
		    strcmp(name, "enhanced-geometry") == 0 || starts_with(name, "contour") ||
		    strcmp(name, "image-map") == 0 || strcmp(name, "glue-point") == 0)
			return 0;
		/* frames, text boxes, shapes: containers of paragraphs */
		return push(w, n, ACT_NONE, 0) ? 1 : -1;
	}
	if (ns_is(n, A2_NS_LOEXT)) {
		if (strcmp(name, "content-control") == 0)
			return enter_content_control(w, n);
		if (strcmp(name, "list-item") == 0)
			return 0;
		return push(w, n, ACT_NONE, top_flags(w)) ? 1 : -1;
	}
	if (ns_is(n, A2_NS_FIELD))
		return enter_field(w, n);
	/* office:annotation, office:binary-data, office:forms, form:*, svg:title,
	 * svg:desc, scripts, formulas: never document text */
	if (ns_is(n, A2_NS_OFFICE) || ns_is(n, A2_NS_FORM) || ns_is(n, NS_SVG) ||
	    (n->ns != NULL && n->ns->href != NULL &&
	    (strstr((const char *)n->ns->href, ":script:") != NULL ||
	    strstr((const char *)n->ns->href, "MathML") != NULL)))
		return 0;
	/* foreign elements: their content is processed as if they were absent */
	return push(w, n, ACT_NONE, top_flags(w)) ? 1 : -1;
}

/* Leaves the element of the top frame. */
static int
leave(walker *w)
{
	frame *f = &w->st[w->n_st - 1];
	int rc = 0;

	switch (f->act) {
	case ACT_PARA:
		w->cur = f->s0;
		w->ws = f->i0;
		break;
	case ACT_TABLE:
		w->table = f->i0;
		w->row = f->i1;
		w->col = f->i2;
		w->depth = f->i3;
		break;
	case ACT_ROW:
		w->row = sat_add(w->row, f->i0);
		break;
	case ACT_CELL:
		w->col = sat_add(w->col, f->i0);
		break;
	case ACT_CCBOX:
		rc = leave_content_control(w, f);
		break;
	default:
		break;
	}
	w->n_st--;
	return rc;
}

/* Walks the children of office:text in document order, iteratively. */
static int
walk(walker *w, const xmlNode *root)
{
	const xmlNode *n = root->children;
	int r;

	while (n != NULL) {
		r = enter(w, n);
		if (r < 0)
			return -1;
		if (r > 0 && n->children != NULL) {
			n = n->children;
			continue;
		}
		if (r > 0 && leave(w) != 0)
			return -1;
		while (n->next == NULL) {
			n = n->parent;
			if (n == NULL || n == root)
				return 0;
			if (leave(w) != 0)
				return -1;
		}
		n = n->next;
	}
	return 0;
}

/* ---- metadata ---- */

/* office:meta: meta:user-defined properties and meta:generator. */
static int
read_meta(a2_doc *doc, const xmlNode *meta, a2_error *err)
{
	const xmlNode *c;
	char *v;
	int rc;

	for (c = meta != NULL ? meta->children : NULL; c != NULL; c = c->next) {
		if (a2_xml_is(c, A2_NS_META, "user-defined")) {
			const char *name = a2_xml_attr(c, A2_NS_META, "name");
			if (name == NULL)
				continue;
			if ((v = own_text(c)) == NULL)
				return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			rc = a2_doc_add_prop(doc, name, v);
			free(v);
			if (rc != 0)
				return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		} else if (a2_xml_is(c, A2_NS_META, "generator") && doc->producer == NULL) {
			if ((v = own_text(c)) == NULL)
				return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			if (*v == '\0')
				free(v);
			else
				doc->producer = v;
		}
	}
	return 0;
}

/* ---- the two entry points ---- */

/* Lowers a parsed document.  croot is office:document-content (zip) or
 * office:document (flat); sroot is styles.xml's root or NULL; meta is
 * office:meta or NULL; member names the content part (NULL for flat);
 * budget bounds the text produced. */
static a2_doc *
lower(a2_format fmt, const char *member, const xmlNode *croot, const xmlNode *sroot,
    const xmlNode *meta, size_t budget, a2_error *err)
{
	style_tab styles = {0};
	id_map controls = {0}, inserts = {0};
	walker w;
	const xmlNode *text;
	a2_doc *doc;
	int ok = 0;

	memset(&w, 0, sizeof(w));
	text = a2_xml_child(a2_xml_child(croot, A2_NS_OFFICE, "body"), A2_NS_OFFICE, "text");
	if (text == NULL) {
		a2_error_at(err, NULL, member, 0, 0);
		a2_error_set(err, A2_ERR_FORMAT, "no office:body/office:text: not an OpenDocument text");
		return NULL;
	}
	if ((doc = a2_doc_new(fmt)) == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (styles_add(&styles, a2_xml_child(croot, A2_NS_OFFICE, "automatic-styles"), 0) != 0 ||
	    styles_add(&styles, a2_xml_child(croot, A2_NS_OFFICE, "styles"), 1) != 0 ||
	    (sroot != NULL && styles_add(&styles, a2_xml_child(sroot, A2_NS_OFFICE, "styles"), 1) != 0) ||
	    collect_controls(&controls, text) != 0 || collect_insertions(&inserts, text) != 0) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	if (styles.n > 1)
		qsort(styles.v, styles.n, sizeof(*styles.v), cmp_style);
	w.doc = doc;
	w.styles = &styles;
	w.controls = &controls;
	w.inserts = &inserts;
	w.err = err;
	w.cur = NO_BLOCK;
	w.ws = 1;
	w.table = w.row = w.col = -1;
	w.budget = budget;
	if (member != NULL && (w.member = a2_doc_member(doc, member)) == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	if (walk(&w, text) != 0 || read_meta(doc, meta, err) != 0)
		goto out;
	if (!a2_doc_check(doc)) {
		a2_error_set(err, A2_ERR_INTERNAL, "the ODF front end built an inconsistent model");
		goto out;
	}
	ok = 1;
out:
	free(styles.v);
	free(controls.v);
	free(inserts.v);
	free(w.st);
	a2_buf_free(&w.cap);
	if (!ok) {
		a2_doc_free(doc);
		doc = NULL;
	}
	return doc;
}

/* Text budget: the content's own size twice (white space expands little)
 * plus 1 MiB for text:s and field values. */
static size_t
text_budget(size_t len)
{
	size_t b;

	if (!a2_size_mul(len, 2, &b) || !a2_size_add(b, (size_t)1 << 20, &b))
		return SIZE_MAX;
	return b;
}

/* Reads and parses an optional member; *out stays NULL when it is absent. */
static int
read_part(a2_zip *z, const char *name, const a2_limits *lim, xmlDocPtr *out, a2_error *err)
{
	char *buf;
	size_t len;

	*out = NULL;
	if (!a2_zip_has(z, name))
		return 0;
	if ((buf = a2_zip_read(z, name, &len, err)) == NULL)
		return -1;
	*out = a2_xml_parse(buf, len, name, lim->max_depth, err);
	free(buf);
	return *out != NULL ? 0 : -1;
}

a2_doc *
a2_odt_lower(a2_zip *z, const a2_limits *lim, a2_error *err)
{
	xmlDocPtr cdoc = NULL, sdoc = NULL, mdoc = NULL;
	const xmlNode *croot, *meta = NULL;
	a2_doc *doc = NULL;
	char *buf = NULL;
	size_t len = 0;
	int meta_damaged = 0;

	if (!a2_zip_has(z, "content.xml")) {
		a2_error_at(err, NULL, "content.xml", 0, 0);
		a2_error_set(err, A2_ERR_NO_MAIN_PART, "no content.xml in the archive: not an OpenDocument text");
		goto out;
	}
	if ((buf = a2_zip_read(z, "content.xml", &len, err)) == NULL)
		goto out;
	if ((cdoc = a2_xml_parse(buf, len, "content.xml", lim->max_depth, err)) == NULL)
		goto out;
	free(buf);
	buf = NULL;
	croot = xmlDocGetRootElement(cdoc);
	if (!a2_xml_is(croot, A2_NS_OFFICE, "document-content")) {
		a2_error_at(err, NULL, "content.xml", 0, 0);
		a2_error_set(err, A2_ERR_FORMAT, "content.xml is not an office:document-content");
		goto out;
	}
	if (read_part(z, "styles.xml", lim, &sdoc, err) != 0)
		goto out;
	/* meta.xml holds only the metadata: damaged, it is a damaged part and
	 * the sender is read from the text (the same rule as DOCX) */
	if (read_part(z, "meta.xml", lim, &mdoc, err) != 0) {
		if (err->code != A2_ERR_XML)
			goto out;
		meta_damaged = 1;
		a2_error_clear(err);
	}
	if (mdoc != NULL)
		meta = a2_xml_child(xmlDocGetRootElement(mdoc), A2_NS_OFFICE, "meta");
	doc = lower(A2_FMT_ODT, "content.xml", croot, sdoc ? xmlDocGetRootElement(sdoc) : NULL,
	    meta, text_budget(len), err);
	if (doc != NULL && meta_damaged && a2_doc_add_damaged(doc, "meta.xml") != 0) {
		a2_doc_free(doc);
		doc = NULL;
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	}
out:
	free(buf);
	xmlFreeDoc(cdoc);
	xmlFreeDoc(sdoc);
	xmlFreeDoc(mdoc);
	return doc;
}

a2_doc *
a2_fodt_lower(const char *xml, size_t len, const a2_limits *lim, a2_error *err)
{
	xmlDocPtr x;
	const xmlNode *root;
	a2_doc *doc = NULL;

	if ((x = a2_xml_parse(xml, len, NULL, lim->max_depth, err)) == NULL)
		return NULL;
	root = xmlDocGetRootElement(x);
	if (!a2_xml_is(root, A2_NS_OFFICE, "document"))
		a2_error_set(err, A2_ERR_FORMAT, "not a flat OpenDocument file (no office:document)");
	else
		doc = lower(A2_FMT_FODT, NULL, root, NULL, a2_xml_child(root, A2_NS_OFFICE, "meta"),
		    text_budget(len), err);
	xmlFreeDoc(x);
	return doc;
}
