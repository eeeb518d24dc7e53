/* core/xml.c -- safe libxml2 parsing and small tree helpers. */
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "core/util.h"
#include "core/xml.h"

/* Element depth of a parsed tree, walked iteratively. */
static unsigned
tree_depth(xmlNode *root, unsigned stop)
{
	xmlNode *n = root;
	unsigned d = 1, max = 1;

	while (n != NULL) {
		if (n->children != NULL && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			if (++d > max)
				max = d;
			if (max > stop)
				return max;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			d--;
			if (n == root || n == NULL || n->type == XML_DOCUMENT_NODE)
				return max;
		}
		if (n != NULL)
			n = n->next;
	}
	return max;
}

xmlDocPtr
a2_xml_parse(const char *buf, size_t len, const char *member, unsigned max_depth, a2_error *err)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	const xmlError *xe;
	int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

	if (len > 0x7fffffff) {
		a2_error_at(err, NULL, member, 0, 0);
		return (a2_error_set(err, A2_ERR_LIMIT, "XML part too large"), NULL);
	}
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, member, NULL, opts);
	if (doc == NULL || !ctxt->wellFormed) {
		xe = xmlCtxtGetLastError(ctxt);
		a2_error_at(err, NULL, member, xe ? xe->line : 0, xe ? xe->int2 : 0);
		if (xe != NULL && xe->code == XML_ERR_NO_MEMORY)
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		else if (xe != NULL && (xe->code == XML_ERR_ENTITY_LOOP ||
		    xe->code == XML_ERR_INTERNAL_ERROR))
			a2_error_set(err, A2_ERR_LIMIT, "XML over a safety limit: %s",
			    xe->message ? xe->message : "?");
		else
			a2_error_set(err, A2_ERR_XML, "malformed XML: %.200s",
			    xe && xe->message ? xe->message : "parse failed");
		/* strip the trailing newline libxml2 puts in its messages */
		if (err != NULL) {
			size_t l = strlen(err->message);
			while (l > 0 && (err->message[l - 1] == '\n' || err->message[l - 1] == ' '))
				err->message[--l] = '\0';
		}
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return NULL;
	}
	xmlFreeParserCtxt(ctxt);
	if (max_depth > 0 && xmlDocGetRootElement(doc) != NULL &&
	    tree_depth(xmlDocGetRootElement(doc), max_depth) > max_depth) {
		xmlFreeDoc(doc);
		a2_error_at(err, NULL, member, 0, 0);
		a2_error_set(err, A2_ERR_LIMIT, "XML nested deeper than %u elements", max_depth);
		return NULL;
	}
	return doc;
}

int
a2_xml_is(const xmlNode *n, const char *ns, const char *local)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || n->name == NULL)
		return 0;
	if (strcmp((const char *)n->name, local) != 0)
		return 0;
	if (ns == NULL)
		return n->ns == NULL;
	return n->ns != NULL && n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0;
}

const char *
a2_xml_attr(const xmlNode *n, const char *ns, const char *name)
{
	const xmlAttr *a;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = n->properties; a != NULL; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		if (ns == NULL ? a->ns != NULL :
		    (a->ns == NULL || strcmp((const char *)a->ns->href, ns) != 0))
			continue;
		if (a->children != NULL && a->children->type == XML_TEXT_NODE &&
		    a->children->next == NULL)
			return (const char *)a->children->content;
		return a->children == NULL ? "" : (const char *)a->children->content;
	}
	return NULL;
}

xmlNode *
a2_xml_child(const xmlNode *n, const char *ns, const char *local)
{
	xmlNode *c;

	if (n == NULL)
		return NULL;
	for (c = n->children; c != NULL; c = c->next)
		if (a2_xml_is(c, ns, local))
			return c;
	return NULL;
}

int
a2_xml_bool(const char *s, int dflt)
{
	if (s == NULL)
		return dflt;
	while (*s == ' ')
		s++;
	if (!strcasecmp(s, "1") || !strcasecmp(s, "true") || !strcasecmp(s, "on"))
		return 1;
	if (!strcasecmp(s, "0") || !strcasecmp(s, "false") || !strcasecmp(s, "off"))
		return 0;
	return dflt;
}
