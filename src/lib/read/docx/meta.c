/* read/docx/meta.c -- DOCX: document properties: custom properties and the producer.
 * (docx.c describes the front end.) */
#include "read/docx/docx_int.h"

/* ---- document properties ---- */

static char *
node_text(const xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s;

	if (c == NULL)
		return NULL;
	s = a2_strdup((const char *)c);
	xmlFree(c);
	return s;
}

/* A metadata part that was not parsed: missing is nothing, present (so
 * malformed) is a damaged part.  0 or -1. */
static int
damaged_if_present(dx *x, const char *name)
{
	if (!a2_zip_has(x->z, name))
		return 0;
	return a2_doc_add_damaged(x->doc, name) == 0 ? 0 : dx_nomem(x);
}

/* docProps/custom.xml: <property name="..."><vt:lpwstr>value</vt:lpwstr>. */
int
dx_read_custom(dx *x)
{
	const rel *r = dx_rel_by_type(&x->prels, "custom-properties");
	xmlDoc *d;
	xmlNode *n;
	int fatal, rc = 0;

	d = dx_load_part(x, r != NULL ? r->target : "docProps/custom.xml", 1, &fatal);
	if (d == NULL)
		return fatal ? -1 : damaged_if_present(x, r != NULL ? r->target : "docProps/custom.xml");
	n = xmlDocGetRootElement(d);
	for (n = n ? n->children : NULL; n != NULL && rc == 0; n = n->next) {
		const char *name;
		const xmlNode *v;
		char *value;
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "property") != 0 ||
		    (name = a2_xml_attr(n, NULL, "name")) == NULL)
			continue;
		for (v = n->children; v != NULL && v->type != XML_ELEMENT_NODE; v = v->next)
			;
		value = v != NULL ? node_text(v) : a2_strdup("");
		if (value == NULL || a2_doc_add_prop(x->doc, name, value) != 0)
			rc = dx_nomem(x);
		free(value);
	}
	xmlFreeDoc(d);
	return rc;
}

/* docProps/app.xml: "Application AppVersion" becomes the producer. */
int
dx_read_app(dx *x)
{
	const rel *r = dx_rel_by_type(&x->prels, "extended-properties");
	char *app = NULL, *ver = NULL;
	xmlDoc *d;
	xmlNode *n;
	int fatal, rc = -1;

	d = dx_load_part(x, r != NULL ? r->target : "docProps/app.xml", 1, &fatal);
	if (d == NULL)
		return fatal ? -1 : damaged_if_present(x, r != NULL ? r->target : "docProps/app.xml");
	n = xmlDocGetRootElement(d);
	for (n = n ? n->children : NULL; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (app == NULL && strcmp((const char *)n->name, "Application") == 0 &&
		    (app = node_text(n)) == NULL)
			goto nomem;
		if (ver == NULL && strcmp((const char *)n->name, "AppVersion") == 0 &&
		    (ver = node_text(n)) == NULL)
			goto nomem;
	}
	if (app != NULL && app[0] != '\0') {
		x->doc->producer = ver != NULL && ver[0] != '\0' ?
		    a2_sprintf("%s %s", app, ver) : a2_strdup(app);
		if (x->doc->producer == NULL)
			goto nomem;
	}
	rc = 0;
	goto out;
nomem:
	dx_nomem(x);
out:
	free(app);
	free(ver);
	xmlFreeDoc(d);
	return rc;
}

