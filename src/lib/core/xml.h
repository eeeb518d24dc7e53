/* core/xml.h -- libxml2 with the safety settings every caller needs. */
#ifndef A2_CORE_XML_H
#define A2_CORE_XML_H

#include <stddef.h>
#include <libxml/tree.h>
#include "annex2/annex2.h"

#define A2_NS_W    "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define A2_NS_W14  "http://schemas.microsoft.com/office/word/2010/wordml"
#define A2_NS_MC   "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define A2_NS_R    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define A2_NS_PKGREL "http://schemas.openxmlformats.org/package/2006/relationships"
#define A2_NS_CUSTOM "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
#define A2_NS_VT   "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#define A2_NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define A2_NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define A2_NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define A2_NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define A2_NS_FO   "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define A2_NS_FORM "urn:oasis:names:tc:opendocument:xmlns:form:1.0"
#define A2_NS_DRAW "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define A2_NS_META "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define A2_NS_LOEXT "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
#define A2_NS_FIELD "urn:openoffice:names:experimental:ooo-ms-interop:xmlns:field:1.0"
#define A2_NS_OOO  "http://openoffice.org/2004/office"

/* Parses XML from memory: no network, no DTD loading, no entity
 * substitution, element depth limited to max_depth.  Errors become
 * A2_ERR_XML (or A2_ERR_LIMIT) with member, line and column.  Caller frees
 * the result with xmlFreeDoc(). */
xmlDocPtr a2_xml_parse(const char *buf, size_t len, const char *member,
                       unsigned max_depth, a2_error *err);

/* Reads XML from memory as a2_xml_parse() does (the same options, limits
 * and errors, but no limit on the number of nodes, which are not kept),
 * telling a sink what it meets, in document order:
 *   start   an element begins (its local name and namespace URI, interned
 *           for the parse, and its line); returns A2_XML_WALK (its content
 *           is reported), A2_XML_SKIP (nothing of it is, not even its end),
 *           A2_XML_CAPTURE (it is built as a tree and given whole to done(),
 *           not to end()), or A2_XML_STOP (with err set by the sink);
 *   end     the element reported by start() ends;
 *   text    characters (len bytes, several calls may make one text node),
 *           or s NULL: a comment, processing instruction or entity
 *           reference, which ends a text node as in the tree;
 *   done    a captured element, its namespaces found as in the whole tree;
 *           the sink owns it (xmlFreeNode) and frees it before the parse
 *           ends (it shares the parse's dictionary);
 *   keep    (may be NULL: all) whether an element inside a captured one is
 *           built (depth 1: a child of it), or left out with its content;
 *   drop    (may be NULL) the parse is over, whether it stopped or not:
 *           free every captured element still held, now.
 * Callbacks return 0, or A2_XML_STOP (end, done, text).  0, or -1 with err
 * set (by the parse, or by the sink).  A part with a document type
 * declaration is refused (A2_ERR_FORMAT): libxml2 parses an entity again
 * at each reference when no tree keeps it; read such a part as a tree. */
enum { A2_XML_STOP = -1, A2_XML_WALK = 0, A2_XML_SKIP = 1, A2_XML_CAPTURE = 2 };
typedef struct a2_xml_sink {
	int (*start)(void *user, const xmlChar *local, const xmlChar *uri, unsigned line);
	int (*end)(void *user);
	int (*text)(void *user, const xmlChar *s, int len);
	int (*done)(void *user, xmlNode *captured);
	int (*keep)(void *user, const xmlChar *local, const xmlChar *uri, unsigned depth);
	void (*drop)(void *user);
	int count_nodes;   /* 1: the tree's node budget holds for the stream too
	                    * (every element, attribute and text node read,
	                    * built or not, is counted as a2_xml_parse counts it) */
} a2_xml_sink;
int a2_xml_stream(const char *buf, size_t len, const char *member, unsigned max_depth,
                  const a2_xml_sink *sink, void *user, a2_error *err);

/* 1 when node is an element named local in namespace ns. */
int a2_xml_is(const xmlNode *node, const char *ns, const char *local);

/* Attribute value (namespace ns, may be NULL for none) or NULL; the string
 * belongs to the tree. */
const char *a2_xml_attr(const xmlNode *node, const char *ns, const char *name);

/* First element child named ns:local, or NULL. */
xmlNode *a2_xml_child(const xmlNode *node, const char *ns, const char *local);

/* Parses an OOXML/ODF boolean ("1" "true" "on" / "0" "false" "off", any
 * case).  Returns 1, 0, or dflt when s is NULL or unrecognised. */
int a2_xml_bool(const char *s, int dflt);

#endif
