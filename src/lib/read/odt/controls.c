/* read/odt/controls.c -- ODF: content controls, form controls, fieldmarks and fields.
 * (odt.c describes the front end.) */
#include "read/odt/odt_int.h"

/* ---- controls ---- */

/* loext:content-control.  A checkbox becomes a mark and its content is its
 * glyph (captured, not text); other kinds show their content as text. */
int
od_enter_content_control(walker *w, const xmlNode *n)
{
	unsigned f = od_top_flags(w);
	frame *fr;

	if (a2_xml_bool(a2_xml_attr(n, A2_NS_LOEXT, "checkbox"), 0)) {
		if (w->cur == NO_BLOCK)
			return 0;
		if ((fr = od_push(w, n, ACT_CCBOX, f | F_CAPTURE)) == NULL)
			return -1;
		fr->s0 = w->doc->blocks[w->cur].len;
		fr->s1 = w->cap.len;
		return 1;
	}
	if (a2_xml_bool(a2_xml_attr(n, A2_NS_LOEXT, "showing-place-holder"), 0))
		f |= A2_SF_FIELD;
	return od_push(w, n, ACT_NONE, f) ? 1 : -1;
}

/* Leaving a checkbox content control: the mark, with the glyph shown. */
int
od_leave_content_control(walker *w, frame *fr)
{
	const xmlNode *n = fr->node;
	const char *g, *cs, *us, *name;
	size_t gl;
	a2_tri state, shown = A2_UNKNOWN;
	unsigned mflags = 0;
	char *glyph = NULL;
	int rc;

	state = od_tri_bool(a2_xml_attr(n, A2_NS_LOEXT, "checked"));
	g = w->cap.data != NULL && fr->s1 < w->cap.len ? w->cap.data + fr->s1 : "";
	gl = w->cap.data != NULL && fr->s1 < w->cap.len ? w->cap.len - fr->s1 : 0;
	od_trim(&g, &gl);
	gl = od_utf8_prefix(g, gl);
	cs = a2_xml_attr(n, A2_NS_LOEXT, "checked-state");
	us = a2_xml_attr(n, A2_NS_LOEXT, "unchecked-state");
	cs = cs ? cs : "\xE2\x98\x92";   /* ☒ */
	us = us ? us : "\xE2\x98\x90";   /* ☐ */
	if (gl > 0 && od_eq_trimmed(g, gl, cs) != od_eq_trimmed(g, gl, us))
		shown = od_eq_trimmed(g, gl, cs) ? A2_ON : A2_OFF;
	if (state != A2_UNKNOWN && shown != A2_UNKNOWN && state != shown)
		mflags |= A2_MF_DISAGREE;
	if (gl > 0 && (glyph = a2_strndup(g, gl)) == NULL)
		return od_nomem(w);
	name = od_attr_ne(n, A2_NS_LOEXT, "tag");
	if (name == NULL)
		name = od_attr_ne(n, A2_NS_LOEXT, "alias");
	rc = od_add_mark(w, w->cur, fr->s0, A2_MK_CONTENT_CONTROL, state, mflags, name, glyph, n);
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
int
od_put_form_control(walker *w, const xmlNode *n)
{
	const xmlNode *c = od_id_find(w->controls, a2_xml_attr(n, A2_NS_DRAW, "control"));
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
		state = od_tri_bool(a2_xml_attr(c, A2_NS_FORM, "current-selected"));
		mflags |= A2_MF_RADIO;
	}
	name = od_attr_ne(c, A2_NS_FORM, "name");
	if (name == NULL)
		name = od_attr_ne(c, A2_NS_FORM, "label");
	v = a2_xml_attr(n, A2_NS_TEXT, "anchor-type");
	return od_add_mark_here(w, A2_MK_FORM_CONTROL, state, mflags, name,
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
			while (s != NULL && *s != '\0' && od_is_ws(*s))
				s++;
			if (s != NULL && *s != '\0')
				return NULL;
			continue;
		}
		if (p->type != XML_ELEMENT_NODE)
			continue;
		if (!a2_xml_is(p, A2_NS_TEXT, "bookmark-start") && !a2_xml_is(p, A2_NS_TEXT, "bookmark"))
			return NULL;
		name = od_attr_ne(p, A2_NS_TEXT, "name");
		return name != NULL && name[0] != '_' ? name : NULL;
	}
	return NULL;
}

static int
put_fm_checkbox(walker *w, const xmlNode *n)
{
	const char *name = od_attr_ne(n, A2_NS_TEXT, "name");
	a2_tri state = od_tri_bool(fm_param(n, "Checkbox_Checked"));

	if (w->cur == NO_BLOCK)
		return 0;
	if (name == NULL || od_starts_with(name, FM_AUTONAME))
		name = adjacent_bookmark(n);
	w->ws = 0;   /* the box is a character of the line */
	return od_add_mark(w, w->cur, w->doc->blocks[w->cur].len, A2_MK_FORM_FIELD, state, 0,
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
			return v != NULL ? od_put_lit(w, v, strlen(v), 0) : 0;
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
		if (s->type != XML_ELEMENT_NODE || !od_ns_is(s, A2_NS_FIELD))
			continue;
		if (strcmp(od_local(s), "fieldmark-separator") == 0)
			return 1;
		if (od_starts_with(od_local(s), "fieldmark"))
			return 0;
	}
	return 0;
}

/* field:fieldmark (a point: checkbox, drop-down) and the range elements
 * field:fieldmark-start / -separator / -end (text fields, dates, Word
 * fields, and older checkboxes).  Never descended (children are params). */
int
od_enter_field(walker *w, const xmlNode *n)
{
	const char *name = od_local(n);
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

