/* read/odt/styles.c -- ODF: styles: strike, highlight, bold, hidden, through style:parent-style-name.
 * (odt.c describes the front end.) */
#include "read/odt/odt_int.h"

int
od_cmp_style(const void *a, const void *b)
{
	const style_ent *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c == 0)
		c = strcmp(x->family, y->family);
	if (c == 0)
		c = x->common - y->common;
	return c;
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

/* Adds the style:style children of an office:styles or
 * office:automatic-styles element (NULL is accepted), with what each sets
 * itself; copy: the table keeps its own copy of their names (the tree may
 * go first), else they are borrowed from the tree. */
int
od_styles_add(style_tab *t, const xmlNode *parent, int common, int copy)
{
	const xmlNode *c;

	if (parent == NULL)
		return 0;
	for (c = parent->children; c != NULL; c = c->next) {
		const char *name, *family, *par;
		style_ent *e;
		if (!a2_xml_is(c, A2_NS_STYLE, "style"))
			continue;
		name = a2_xml_attr(c, A2_NS_STYLE, "name");
		family = a2_xml_attr(c, A2_NS_STYLE, "family");
		if (name == NULL || family == NULL)
			continue;
		if (a2_grow((void **)&t->v, &t->cap, t->n + 1, sizeof(*t->v)) != 0)
			return -1;
		e = &t->v[t->n];
		memset(e, 0, sizeof(*e));
		par = a2_xml_attr(c, A2_NS_STYLE, "parent-style-name");
		if (copy) {
			size_t ln = strlen(name) + 1, lf = strlen(family) + 1, lp = par ? strlen(par) + 1 : 0;
			if ((e->owned = malloc(ln + lf + lp)) == NULL)
				return -1;
			memcpy(e->owned, name, ln);
			memcpy(e->owned + ln, family, lf);
			name = e->owned;
			family = e->owned + ln;
			if (par != NULL) {
				memcpy(e->owned + ln + lf, par, lp);
				par = e->owned + ln + lf;
			}
		}
		e->name = name;
		e->family = family;
		e->parent = par;
		e->own = style_own(c);
		e->common = common;
		t->n++;
	}
	return 0;
}

/* Adds the styles of src (which keeps owning their names). */
int
od_styles_append(style_tab *t, const style_tab *src)
{
	size_t i;

	if (src == NULL || src->n == 0)
		return 0;
	if (a2_grow((void **)&t->v, &t->cap, t->n + src->n, sizeof(*t->v)) != 0)
		return -1;
	for (i = 0; i < src->n; i++) {
		t->v[t->n] = src->v[i];
		t->v[t->n++].owned = NULL;
	}
	return 0;
}

void
od_styles_free(style_tab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].owned);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* What od_styles_add reads of office:styles or office:automatic-styles
 * (depth 1: its children, 2: theirs): style:style and its
 * style:text-properties; a stream leaves out the rest. */
int
od_styles_keep(const xmlChar *local, const xmlChar *uri, unsigned depth)
{
	if (uri == NULL || depth > 2 || strcmp((const char *)uri, A2_NS_STYLE) != 0)
		return 0;
	return strcmp((const char *)local, depth == 1 ? "style" : "text-properties") == 0;
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
		if (od_cmp_style(&t->v[mid], &key) < 0)
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
props
od_style_props(style_tab *t, const char *family, const char *name)
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
		props_merge(&p, e->own);
		parent = e->parent;
		e = parent != NULL ? style_find(t, family, parent, 1) : NULL;
	}
	first->p = p;
	first->resolved = 1;
	return p;
}

/* The flags f inside an element whose style gives p. */
unsigned
od_props_apply(unsigned f, props p)
{
	unsigned m = p.set & SF_MASK;

	return (f & ~m) | (p.val & m);
}

