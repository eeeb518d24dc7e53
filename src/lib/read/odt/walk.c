/* read/odt/walk.c -- ODF: dispatch by element, without recursion.
 * (odt.c describes the front end.) */
#include "read/odt/odt_int.h"

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
		    od_put_text(w, (const char *)n->content, strlen((const char *)n->content)) != 0 ? -1 : 0;
	if (n->type != XML_ELEMENT_NODE || hidden_element(n))
		return 0;
	name = od_local(n);
	if (od_ns_is(n, A2_NS_TEXT))
		return od_enter_text(w, n);
	if (od_ns_is(n, A2_NS_TABLE))
		return od_enter_table(w, n);
	if (od_ns_is(n, A2_NS_DRAW)) {
		if (strcmp(name, "control") == 0)
			return od_put_form_control(w, n) != 0 ? -1 : 0;
		if (od_starts_with(name, "object") || strcmp(name, "applet") == 0 ||
		    strcmp(name, "plugin") == 0 || strcmp(name, "floating-frame") == 0 ||
		    strcmp(name, "enhanced-geometry") == 0 || od_starts_with(name, "contour") ||
		    strcmp(name, "image-map") == 0 || strcmp(name, "glue-point") == 0)
			return 0;
		/* frames, text boxes, shapes: containers of paragraphs */
		return od_push(w, n, ACT_NONE, 0) ? 1 : -1;
	}
	if (od_ns_is(n, A2_NS_LOEXT)) {
		if (strcmp(name, "content-control") == 0)
			return od_enter_content_control(w, n);
		if (strcmp(name, "list-item") == 0)
			return 0;
		return od_push(w, n, ACT_NONE, od_top_flags(w)) ? 1 : -1;
	}
	if (od_ns_is(n, A2_NS_FIELD))
		return od_enter_field(w, n);
	/* office:annotation, office:binary-data, office:forms, form:*, svg:title,
	 * svg:desc, scripts, formulas: never document text */
	if (od_ns_is(n, A2_NS_OFFICE) || od_ns_is(n, A2_NS_FORM) || od_ns_is(n, NS_SVG) ||
	    (n->ns != NULL && n->ns->href != NULL &&
	    (strstr((const char *)n->ns->href, ":script:") != NULL ||
	    strstr((const char *)n->ns->href, "MathML") != NULL)))
		return 0;
	/* foreign elements: their content is processed as if they were absent */
	return od_push(w, n, ACT_NONE, od_top_flags(w)) ? 1 : -1;
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
		w->row = od_sat_add(w->row, f->i0);
		break;
	case ACT_CELL:
		w->col = od_sat_add(w->col, f->i0);
		break;
	case ACT_CCBOX:
		rc = od_leave_content_control(w, f);
		break;
	default:
		break;
	}
	w->n_st--;
	return rc;
}

/* Walks the children of office:text in document order, iteratively. */
int
od_walk(walker *w, const xmlNode *root)
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

