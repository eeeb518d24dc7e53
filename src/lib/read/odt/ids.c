/* read/odt/ids.c -- ODF: id maps: form controls by id, tracked insertions by change id.
 * (odt.c describes the front end.) */
#include "read/odt/odt_int.h"

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
static const id_ent *
id_ent_find(const id_map *m, const char *key)
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
	return lo < m->n && strcmp(m->v[lo].key, key) == 0 ? &m->v[lo] : NULL;
}

const xmlNode *
od_id_find(const id_map *m, const char *key)
{
	const id_ent *e = id_ent_find(m, key);

	return e != NULL ? e->node : NULL;
}

/* The map's own copy of key (it lives as long as the map's nodes), or
 * NULL. */
const char *
od_id_key(const id_map *m, const char *key)
{
	const id_ent *e = id_ent_find(m, key);

	return e != NULL ? e->key : NULL;
}

/* The form:checkbox and form:radio controls of office:forms, by xml:id and
 * form:id. */
int
od_collect_controls(id_map *m, const xmlNode *text)
{
	const xmlNode *forms, *n;

	for (forms = text->children; forms != NULL; forms = forms->next) {
		if (!a2_xml_is(forms, A2_NS_OFFICE, "forms"))
			continue;
		for (n = forms; n != NULL; n = od_next_pre(n, forms, n->type == XML_ELEMENT_NODE)) {
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
int
od_collect_insertions(id_map *m, const xmlNode *text)
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

