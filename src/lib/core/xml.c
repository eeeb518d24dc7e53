/* core/xml.c -- safe libxml2 parsing (budgets checked while parsing) and
 * small tree helpers. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#include "core/util.h"
#include "core/xml.h"

/*
 * Budgets of one parse, beyond libxml2's own limits (10 MB text node or
 * attribute value, 50000-byte names, depth 256, entity amplification).
 *
 * XML_MAX_NODES bounds the tree: elements, attributes (two nodes each: the
 * attribute and its text), namespace declarations, text runs, entity
 * references, comments, processing instructions and DTD declarations,
 * counted as libxml2 reports them, so that a small file of "<a/><a/>..."
 * cannot cost gigabytes (a node costs libxml2 about 130 bytes).  Real
 * documents use about one node per 14 bytes of XML (a reply form has a few
 * thousand nodes).  Up to XML_FREE_NODES any part is read; beyond, up to
 * XML_MAX_NODES, a part is read while the XML read so far holds at least
 * XML_NODE_BYTES bytes per node, as office programs write it: a long annex (a
 * 20 MB document.xml, some 1.5 million nodes) is read, and the tree of a
 * part stays under about 200 MiB, while a bomb of empty elements (4 bytes
 * a node) stops at XML_FREE_NODES.  (Streaming the parts, so that memory
 * follows what is kept and not what is seen, is the lasting answer.)
 *
 * XML_MAX_ATTRS bounds the attributes (and namespace declarations) of one
 * start tag.  libxml2 2.9 checks a tag's attributes for duplicates pairwise,
 * before any callback: 200000 attributes on one element cost minutes.  The
 * pre-scan below counts them on the raw bytes first.  Real documents have
 * at most a few dozen (the namespace declarations of a root element).
 */
#define XML_FREE_NODES 500000u
#define XML_MAX_NODES 1600000u
#define XML_NODE_BYTES 10u
#define XML_MAX_ATTRS 512u

/* The namespace declarations in scope at one element: libxml2 2.9 finds
 * the namespace of each element and attribute by a linear search of them
 * (and of the ancestors' declarations), so 250 nested elements declaring
 * 500 each make every later element cost 125000 compares.  Real documents
 * declare a few dozen, on the root and on the odd drawing. */
#define XML_MAX_NS_SCOPE 512u

/* One text node at most (libxml2's XML_MAX_TEXT_LENGTH, which 2.9 applies
 * only when it joins chunks, not to a run it reads in one piece). */
#define XML_MAX_TEXT  10000000u

typedef struct parse_state {
	size_t nodes;
	size_t text;             /* bytes of the text node being read */
	size_t attdecls;         /* attribute declarations of the DTD */
	unsigned max_depth;
	a2_code over;            /* A2_OK, or the budget that stopped the parse */
	char over_msg[160];
	int have_err, nomem, huge, bad_ns;
	int ns_first;            /* the empty namespace (ns_prefix) was the first error */
	char ns_prefix[64];      /* of the first "empty namespace" error */
	int err_code, err_line, err_col;
	char err_msg[256];
	/* a2_xml_stream(): no tree but the elements the sink captures */
	const a2_xml_sink *sink;
	void *user;
	unsigned depth;          /* elements open */
	unsigned skip;           /* > 0: inside an element skipped, its depth */
	unsigned cap;            /* > 0: inside an element captured, its depth */
	int sink_stop;           /* a callback of the sink returned A2_XML_STOP */
	xmlNodePtr holder;       /* the parent of captured elements */
	const xmlChar **ns_key;  /* the namespace bindings the holder declares */
	int ns_n, ns_cap;
} parse_state;

/* Copies a message from libxml2 or from the input as valid, printable UTF-8,
 * cut at a character boundary, without trailing blanks. */
static void
clean_copy(char *dst, size_t cap, const char *src)
{
	size_t i = 0, o = 0, n = src ? strlen(src) : 0;

	while (i < n) {
		unsigned cp;
		size_t k = a2_utf8_next(src + i, n - i, &cp);
		int bad = cp == 0xFFFD && !(k == 3 && (unsigned char)src[i] == 0xEF);
		if (bad || cp < 0x20 || cp == 0x7F) {
			if (o + 1 >= cap)
				break;
			dst[o++] = bad ? '?' : ' ';
		} else {
			if (o + k >= cap)
				break;
			memcpy(dst + o, src + i, k);
			o += k;
		}
		i += k;
	}
	while (o > 0 && dst[o - 1] == ' ')
		o--;
	dst[o] = '\0';
}

/* ---- pre-scan of the raw bytes: attributes per start tag ---- */

typedef struct rawscan {
	const unsigned char *p;
	size_t n;      /* units */
	int w, be;     /* unit width 1 or 2; big-endian */
} rawscan;

static int
unit(const rawscan *r, size_t i)
{
	if (i >= r->n)
		return -1;
	if (r->w == 1)
		return r->p[i];
	return r->be ? (r->p[2 * i] << 8 | r->p[2 * i + 1]) : (r->p[2 * i] | r->p[2 * i + 1] << 8);
}

/* 1 when the units at i spell the ASCII string s. */
static int
at(const rawscan *r, size_t i, const char *s)
{
	for (; *s; s++, i++)
		if (unit(r, i) != (unsigned char)*s)
			return 0;
	return 1;
}

/* Index just past the next occurrence of the ASCII string end, or n. */
static size_t
skip_past(const rawscan *r, size_t i, const char *end)
{
	if (r->w == 1) {
		const unsigned char *q = r->p + i, *lim = r->p + r->n;
		size_t el = strlen(end);
		while ((q = memchr(q, end[0], (size_t)(lim - q))) != NULL) {
			if ((size_t)(lim - q) >= el && memcmp(q, end, el) == 0)
				return (size_t)(q - r->p) + el;
			q++;
		}
		return r->n;
	}
	for (; i < r->n; i++)
		if (at(r, i, end))
			return i + strlen(end);
	return r->n;
}

/* Skips a <!DOCTYPE ...> or other <!...> declaration, with its internal
 * subset: quotes, comments and PIs inside it are honoured. */
static size_t
skip_decl(const rawscan *r, size_t i)
{
	int depth = 0, q = 0, c;

	for (; (c = unit(r, i)) >= 0; i++) {
		if (q) {
			if (c == q)
				q = 0;
		} else if (c == '<' && at(r, i, "<!--")) {
			i = skip_past(r, i + 4, "-->") - 1;
		} else if (c == '<' && at(r, i, "<?")) {
			i = skip_past(r, i + 2, "?>") - 1;
		} else if (c == '"' || c == '\'') {
			q = c;
		} else if (c == '[') {
			depth++;
		} else if (c == ']') {
			depth--;
		} else if (c == '>' && depth <= 0) {
			return i + 1;
		}
	}
	return r->n;
}

/* Skips the comment, CDATA section, PI or declaration at i ("<!" or "<?"). */
static size_t
skip_special(const rawscan *r, size_t i)
{
	if (at(r, i, "<!--"))
		return skip_past(r, i + 4, "-->");
	if (at(r, i, "<![CDATA["))
		return skip_past(r, i + 9, "]]>");
	if (at(r, i, "<?"))
		return skip_past(r, i + 2, "?>");
	return skip_decl(r, i + 2);
}

/* max_attrs() for 8-bit text, on the bytes directly (the general loop
 * costs a call to unit() per byte).  No '<' can stand inside a start tag
 * but the one that opens it (an attribute value may not hold one: libxml2
 * stops at it), so a tag lies between one '<' and the next, and each of
 * its attributes takes at least four bytes (a=""): a stretch of fewer than
 * 4 * (stop + 1) bytes between two '<' cannot hold more than stop of them
 * and is passed over.  Only a longer stretch is looked into: its tag's
 * bytes classified by a table, a quoted value skipped whole.  Returns the
 * most counted, which is over stop exactly when the general loop's is. */
static size_t
max_attrs8(const rawscan *r, size_t stop)
{
	static const unsigned char cls[256] = {
		['"'] = 1, ['\''] = 1, ['='] = 2, ['>'] = 3, ['<'] = 3
	};
	const unsigned char *p = r->p, *q, *next;
	size_t n = r->n, i = 0, most = 0, eq, end, span = 4 * (stop + 1);
	unsigned k;

	while (i < n && (q = memchr(p + i, '<', n - i)) != NULL) {
		i = (size_t)(q - p);
		if (i + 1 < n && (p[i + 1] == '!' || p[i + 1] == '?')) {
			i = skip_special(r, i);
			continue;
		}
		/* up to the next '<': a short stretch holds a small tag */
		next = i + 1 < n ? memchr(p + i + 1, '<', n - i - 1) : NULL;
		end = next != NULL ? (size_t)(next - p) : n;
		if (end - i < span) {
			i = end;
			continue;
		}
		for (eq = 0, i++; i < n; i++) {
			if ((k = cls[p[i]]) == 0)
				continue;
			if (k == 1) {           /* a quoted value: to its closing quote */
				unsigned char quote = p[i];
				for (i++; i < n && p[i] != quote; i++)
					;
				if (i >= n)
					break;
			} else if (k == 2) {
				eq++;
			} else {                /* '>' ends the tag, '<' a broken one */
				break;
			}
		}
		if (eq > most && (most = eq) > stop)
			return most;
		if (i < n && p[i] == '>')
			i++;
	}
	return most;
}

/* The most attributes (and namespace declarations: every '=' outside
 * quotes) in one start tag, stopping once over the limit. */
static size_t
max_attrs(const rawscan *r, size_t stop)
{
	size_t i = 0, most = 0;
	int c;

	if (r->w == 1)
		return max_attrs8(r, stop);
	while (i < r->n) {
		if (unit(r, i) != '<') {
			i++;
			continue;
		}
		if (at(r, i, "<!") || at(r, i, "<?")) {
			i = skip_special(r, i);
		} else {
			size_t eq = 0;
			int q = 0;
			for (i++; (c = unit(r, i)) >= 0; i++) {
				if (q) {
					if (c == q)
						q = 0;
				} else if (c == '"' || c == '\'') {
					q = c;
				} else if (c == '=') {
					eq++;
				} else if (c == '>' || c == '<') {
					break;
				}
			}
			if (eq > most && (most = eq) > stop)
				return most;
			if (c == '>')
				i++;
		}
	}
	return most;
}

static int
encoding_ok(const char *e)
{
	static const char *const ok[] = {
		"UTF-8", "UTF8", "UTF-16", "UTF-16LE", "UTF-16BE", "US-ASCII", "ASCII",
		"LATIN1", "LATIN-1", "EUC-JP", "EUC-KR", "GB2312", "KOI8-R", "KOI8-U", NULL
	};
	size_t i;

	for (i = 0; ok[i] != NULL; i++)
		if (!strcasecmp(e, ok[i]))
			return 1;
	return !strncasecmp(e, "ISO-8859-", 9) || !strncasecmp(e, "ISO8859-", 8) ||
	    !strncasecmp(e, "ISO_8859-", 9) || !strncasecmp(e, "WINDOWS-125", 11) ||
	    !strncasecmp(e, "CP125", 5);
}

/*
 * Checks the raw bytes before libxml2 sees them: the character encoding
 * (UTF-8, UTF-16 or an ASCII-compatible one, the only ones whose markup the
 * scan can read; OOXML and ODF use UTF-8 or UTF-16) and the attributes per
 * start tag.  0, or -1 with err set.
 */
static int
prescan(const char *buf, size_t len, a2_error *err)
{
	const unsigned char *p = (const unsigned char *)buf;
	rawscan r = {p, len, 1, 0};
	size_t i, most;
	char enc[64];

	if (len >= 4 && (!memcmp(p, "\0\0\0<", 4) || !memcmp(p, "<\0\0\0", 4) ||
	    !memcmp(p, "\0\0<\0", 4) || !memcmp(p, "\0<\0\0", 4) || !memcmp(p, "\0\0\xFE\xFF", 4) ||
	    !memcmp(p, "\xFF\xFE\0\0", 4) || !memcmp(p, "\0\0\xFF\xFE", 4) || !memcmp(p, "\xFE\xFF\0\0", 4)))
		return a2_error_set(err, A2_ERR_XML, "XML in UCS-4 is not supported (use UTF-8 or UTF-16)");
	if (len >= 4 && p[0] == 0x4C && p[1] == 0x6F && p[2] == 0xA7 && p[3] == 0x94)
		return a2_error_set(err, A2_ERR_XML, "XML in EBCDIC is not supported (use UTF-8 or UTF-16)");
	if (len >= 2 && ((p[0] == 0xFE && p[1] == 0xFF) || (p[0] == 0xFF && p[1] == 0xFE))) {
		r.w = 2;
		r.be = p[0] == 0xFE;
	} else if (len >= 4 && ((p[0] == '<' && p[1] == 0 && p[2] == '?' && p[3] == 0) ||
	    (p[0] == 0 && p[1] == '<' && p[2] == 0 && p[3] == '?'))) {
		r.w = 2;
		r.be = p[0] == 0;
	}
	if (r.w == 2)
		r.n = len / 2;
	/* the encoding declared, which could switch libxml2 to another one */
	i = (r.w == 2 || (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)) ? 1 : 0;
	if (r.w == 1 && i == 1)
		i = 3;
	if (at(&r, i, "<?xml")) {
		size_t end = i + 5, e, k;
		while (end < r.n && end < i + 512 && !at(&r, end, "?>"))
			end++;
		for (e = i + 5; e + 8 < end; e++) {
			int c;
			if (!at(&r, e, "encoding"))
				continue;
			e += 8;
			while (e < end && ((c = unit(&r, e)) == ' ' || c == '=' || c == '\t' || c == '\r' || c == '\n'))
				e++;
			if (e >= end || ((c = unit(&r, e)) != '"' && c != '\''))
				break;
			for (k = 0, e++; e < end && (c = unit(&r, e)) != '"' && c != '\'' && k + 1 < sizeof(enc); e++)
				enc[k++] = c > 0 && c < 0x80 ? (char)c : '?';
			enc[k] = '\0';
			if (!encoding_ok(enc)) {
				char shown[64];
				clean_copy(shown, sizeof(shown), enc);
				return a2_error_set(err, A2_ERR_XML,
				    "XML encoding \"%s\" is not supported (use UTF-8 or UTF-16)", shown);
			}
			break;
		}
	}
	most = max_attrs(&r, XML_MAX_ATTRS);
	if (most > XML_MAX_ATTRS)
		return a2_error_set(err, A2_ERR_LIMIT, "an XML element with more than %u attributes", XML_MAX_ATTRS);
	return 0;
}

/* ---- SAX wrappers: node budget, depth, first error ---- */

/* Stops the parse over a safety limit, with the message that says which. */
static void over_limit(xmlParserCtxtPtr ctxt, parse_state *ps, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
over_limit(xmlParserCtxtPtr ctxt, parse_state *ps, const char *fmt, ...)
{
	va_list ap;

	ps->over = A2_ERR_LIMIT;
	va_start(ap, fmt);
	vsnprintf(ps->over_msg, sizeof(ps->over_msg), fmt, ap);
	va_end(ap);
	xmlStopParser(ctxt);
}

/* Counts n nodes; 1 when a budget is spent (the event is then dropped: once
 * over, nothing more is built, and the parse stops). */
static int
spend(xmlParserCtxtPtr ctxt, size_t n)
{
	parse_state *ps = ctxt->_private;

	if (ps == NULL)   /* a sub-parser libxml2 made without our state */
		return 0;
	if (ps->over != A2_OK)
		return 1;
	ps->text = 0;
	ps->nodes += n;
	if (ps->nodes > XML_FREE_NODES) {
		if (ps->nodes > XML_MAX_NODES)
			over_limit(ctxt, ps, "XML has more than %u nodes (elements, attributes, text runs)", XML_MAX_NODES);
		else if (ps->nodes > (size_t)(xmlByteConsumed(ctxt) > 0 ? xmlByteConsumed(ctxt) : 0) / XML_NODE_BYTES)
			over_limit(ctxt, ps, "XML has more than %u nodes, packed closer than office programs write "
			    "them (under %u bytes a node)", XML_FREE_NODES, XML_NODE_BYTES);
	}
	return ps->over != A2_OK;
}

static void
on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
    int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
    const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *ps = ctxt->_private;

	if (ps != NULL && spend(ctxt, 1 + (size_t)(nb_namespaces > 0 ? nb_namespaces : 0) +
	    2 * (size_t)(nb_attributes > 0 ? nb_attributes : 0)))
		return;
	/* nodeNr: the elements open around this one */
	if (ps != NULL && ps->max_depth > 0 && ctxt->nodeNr >= 0 && (unsigned)ctxt->nodeNr >= ps->max_depth) {
		over_limit(ctxt, ps, "XML nested deeper than %u elements", ps->max_depth);
		return;
	}
	/* nsNr: twice the namespace declarations in scope, which libxml2 2.9
	 * searches one by one for the prefix of every element and attribute */
	if (ps != NULL && ctxt->nsNr > 0 && (unsigned)ctxt->nsNr / 2 > XML_MAX_NS_SCOPE) {
		over_limit(ctxt, ps, "more than %u XML namespace declarations in scope", XML_MAX_NS_SCOPE);
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
	    nb_attributes, nb_defaulted, attributes);
}

static void
on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *ps = ctxt->_private;

	if (ps != NULL)
		ps->text = 0;
	if (ps == NULL || ps->over == A2_OK)
		xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

static void
on_characters(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *ps = ctxt->_private;

	if (ps == NULL) {
		xmlSAX2Characters(ctx, ch, len);
		return;
	}
	if (ps->over != A2_OK)
		return;
	if (ps->text == 0) {         /* a new text node */
		if (spend(ctxt, 1))
			return;
	}
	ps->text += len > 0 ? (size_t)len : 0;
	if (ps->text > XML_MAX_TEXT) {
		over_limit(ctxt, ps, "XML text node longer than %u bytes", XML_MAX_TEXT);
		return;
	}
	xmlSAX2Characters(ctx, ch, len);
}

static void
on_reference(void *ctx, const xmlChar *name)
{
	if (!spend(ctx, 1))
		xmlSAX2Reference(ctx, name);
}

static void
on_comment(void *ctx, const xmlChar *value)
{
	if (!spend(ctx, 1))
		xmlSAX2Comment(ctx, value);
}

static void
on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	if (!spend(ctx, 1))
		xmlSAX2ProcessingInstruction(ctx, target, data);
}

static void
on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *publicId,
    const xmlChar *systemId, xmlChar *content)
{
	if (!spend(ctx, 1))
		xmlSAX2EntityDecl(ctx, name, type, publicId, systemId, content);
}

static void
on_attribute_decl(void *ctx, const xmlChar *elem, const xmlChar *fullname, int type, int def,
    const xmlChar *defaultValue, xmlEnumerationPtr tree)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *ps = ctxt->_private;

	/* Every default an attribute declaration gives is added to each start
	 * tag of its element, and libxml2 2.9 checks each one against all the
	 * attributes before it: 100000 of them in a 3 MB file cost seconds per
	 * element.  They count as attributes of one tag (XML_MAX_ATTRS). */
	if (ps != NULL && ps->over == A2_OK && ++ps->attdecls > XML_MAX_ATTRS)
		over_limit(ctxt, ps, "the document type declares more than %u attributes", XML_MAX_ATTRS);
	if (!spend(ctx, 1))
		xmlSAX2AttributeDecl(ctx, elem, fullname, type, def, defaultValue, tree);
	else
		xmlFreeEnumeration(tree);
}

/* No external entity or DTD is ever fetched, whatever the options say. */
static xmlParserInputPtr
on_resolve(void *ctx, const xmlChar *publicId, const xmlChar *systemId)
{
	(void)ctx;
	(void)publicId;
	(void)systemId;
	return NULL;
}

static void
on_external_subset(void *ctx, const xmlChar *name, const xmlChar *externalID, const xmlChar *systemID)
{
	(void)ctx;
	(void)name;
	(void)externalID;
	(void)systemID;
}

/* Keeps the first error (warnings aside); notes out-of-memory reports,
 * which libxml2 also uses for its "huge text node" limit and which do not
 * clear wellFormed. */
static void
on_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *ps;

	if (ctxt == NULL || e == NULL || (ps = ctxt->_private) == NULL || e->level < XML_ERR_ERROR)
		return;
	/* Namespace errors leave the document well-formed and are tolerated
	 * (an undeclared prefix: that element is simply not understood), but
	 * not a QName that cannot be read nor an empty namespace name
	 * (xmlns:p=""): both are also how libxml2 2.9 reports a name or a
	 * namespace it could not store (an allocation failure in
	 * xmlDictLookup), after which it goes on with the declaration or the
	 * element lost. */
	if (e->domain == XML_FROM_NAMESPACE && e->level < XML_ERR_FATAL) {
		if (e->code != XML_NS_ERR_QNAME && e->code != XML_NS_ERR_XML_NAMESPACE)
			return;
		ps->bad_ns = 1;
		if (e->code == XML_NS_ERR_XML_NAMESPACE && e->str1 != NULL && ps->ns_prefix[0] == '\0' &&
		    strlen(e->str1) < sizeof(ps->ns_prefix)) {
			memcpy(ps->ns_prefix, e->str1, strlen(e->str1) + 1);
			ps->ns_first = !ps->have_err;
		}
	}
	if (e->code == XML_ERR_NO_MEMORY) {
		if (e->message != NULL && (strstr(e->message, "huge") || strstr(e->message, "overflow")))
			ps->huge = 1;
		else
			ps->nomem = 1;
	}
	if (ps->have_err)
		return;
	ps->have_err = 1;
	ps->err_code = e->code;
	ps->err_line = e->line;
	ps->err_col = e->int2;
	clean_copy(ps->err_msg, sizeof(ps->err_msg), e->message ? e->message : "parse failed");
}

/* The thread's handler during a parse: errors raised without the parser
 * context.  Only an allocation failure matters (the parse has failed even
 * when libxml2 carries on). */
static void
on_global_error(void *ctx, xmlErrorPtr e)
{
	parse_state *ps = ctx;

	if (ps != NULL && e != NULL && e->code == XML_ERR_NO_MEMORY)
		ps->nomem = 1;
}

/* 1 when libxml2's error is one of its own safety limits. */
static int
limit_error(const parse_state *ps)
{
	const char *m = ps->err_msg;

	if (ps->huge || ps->err_code == XML_ERR_ENTITY_LOOP || ps->err_code == XML_ERR_NAME_TOO_LONG ||
	    ps->err_code == XML_ERR_INTERNAL_ERROR)
		return 1;
	return strstr(m, "too long") != NULL || strstr(m, "too big") != NULL ||
	    strstr(m, "huge") != NULL || strstr(m, "Huge") != NULL || strstr(m, "Excessive") != NULL ||
	    strstr(m, "amplification") != NULL;
}

/* 1 when the (8-bit) text really declares xmlns:prefix="" -- otherwise
 * libxml2's "empty namespace" error came from a failed allocation. */
static int
declares_empty_ns(const char *buf, size_t len, const char *prefix)
{
	char pat[80];
	size_t pl, i;

	pl = (size_t)snprintf(pat, sizeof(pat), "xmlns:%s", prefix);
	if (pl >= sizeof(pat) || len < pl)
		return 1;   /* cannot tell: take the document at its word */
	for (i = 0; i + pl <= len; i++) {
		size_t j;
		if (memcmp(buf + i, pat, pl) != 0)
			continue;
		for (j = i + pl; j < len && (buf[j] == ' ' || buf[j] == '\t' || buf[j] == '\r' || buf[j] == '\n'); j++)
			;
		if (j >= len || buf[j] != '=')
			continue;
		for (j++; j < len && (buf[j] == ' ' || buf[j] == '\t' || buf[j] == '\r' || buf[j] == '\n'); j++)
			;
		if (j + 1 < len && (buf[j] == '"' || buf[j] == '\'') && buf[j + 1] == buf[j])
			return 1;
	}
	return 0;
}

typedef struct feeder {
	const char *p;
	size_t left;
} feeder;

static int
feed(void *ctx, char *out, int len)
{
	feeder *f = ctx;
	size_t n = len > 0 ? (size_t)len : 0;

	if (n > f->left)
		n = f->left;
	memcpy(out, f->p, n);
	f->p += n;
	f->left -= n;
	return (int)n;
}

/* ---- streaming: events to a sink, trees only for what it captures ---- */

/* The holder declares the namespace bindings in scope (libxml2's own
 * stack, innermost first), so that a captured element and its attributes
 * find their namespaces as in a whole tree.  Made again only when the
 * bindings changed since the last capture.  0, or -1 out of memory. */
static int
holder_ready(xmlParserCtxtPtr ctxt, parse_state *ps)
{
	int i, n = ctxt->nsNr > 0 ? ctxt->nsNr : 0;

	if (ps->holder == NULL) {
		if (ctxt->myDoc == NULL ||
		    (ps->holder = xmlNewDocNode(ctxt->myDoc, NULL, BAD_CAST "holder", NULL)) == NULL)
			return -1;
		xmlAddChild((xmlNodePtr)ctxt->myDoc, ps->holder);
		ps->ns_n = -1;
	}
	if (n == ps->ns_n && (n == 0 || memcmp(ps->ns_key, ctxt->nsTab, (size_t)n * sizeof(*ps->ns_key)) == 0))
		return 0;
	xmlFreeNsList(ps->holder->nsDef);
	ps->holder->nsDef = NULL;
	ps->ns_n = -1;
	for (i = n - 2; i >= 0; i -= 2) {
		const xmlNs *d;
		for (d = ps->holder->nsDef; d != NULL && !xmlStrEqual(d->prefix, ctxt->nsTab[i]); d = d->next)
			;
		if (d == NULL && !xmlStrEqual(ctxt->nsTab[i], BAD_CAST "xml") &&
		    xmlNewNs(ps->holder, ctxt->nsTab[i + 1], ctxt->nsTab[i]) == NULL)
			return -1;
	}
	if (n > ps->ns_cap) {
		const xmlChar **k = realloc(ps->ns_key, (size_t)n * sizeof(*k));
		if (k == NULL)
			return -1;
		ps->ns_key = k;
		ps->ns_cap = n;
	}
	if (n > 0)
		memcpy(ps->ns_key, ctxt->nsTab, (size_t)n * sizeof(*ps->ns_key));
	ps->ns_n = n;
	return 0;
}

/* A callback of the sink said stop (its error is set). */
static void
sink_stop(xmlParserCtxtPtr ctxt, parse_state *ps)
{
	ps->sink_stop = 1;
	xmlStopParser(ctxt);
}

static void
st_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
    int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
    const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *ps = ctxt->_private;
	int r;

	if (ps == NULL || ps->over != A2_OK || ps->sink_stop)
		return;
	ps->text = 0;
	if (ps->sink->count_nodes && spend(ctxt, 1 + (size_t)(nb_namespaces > 0 ? nb_namespaces : 0) +
	    2 * (size_t)(nb_attributes > 0 ? nb_attributes : 0)))
		return;
	if (ps->max_depth > 0 && ps->depth >= ps->max_depth) {
		over_limit(ctxt, ps, "XML nested deeper than %u elements", ps->max_depth);
		return;
	}
	if (ctxt->nsNr > 0 && (unsigned)ctxt->nsNr / 2 > XML_MAX_NS_SCOPE) {
		over_limit(ctxt, ps, "more than %u XML namespace declarations in scope", XML_MAX_NS_SCOPE);
		return;
	}
	ps->depth++;
	if (ps->skip > 0) {
		ps->skip++;
		return;
	}
	if (ps->cap == 0) {
		if (ps->nomem || ps->huge || ps->bad_ns) {
			xmlStopParser(ctxt);   /* failed already: nothing more to the sink */
			return;
		}
		r = ps->sink->start(ps->user, localname, uri,
		    ctxt->input != NULL && ctxt->input->line > 0 ? (unsigned)ctxt->input->line : 0);
		if (r == A2_XML_SKIP) {
			ps->skip = 1;
			return;
		}
		if (r != A2_XML_CAPTURE) {
			if (r != A2_XML_WALK)
				sink_stop(ctxt, ps);
			return;
		}
		if (holder_ready(ctxt, ps) != 0 || nodePush(ctxt, ps->holder) < 0) {
			ps->nomem = 1;
			xmlStopParser(ctxt);
			return;
		}
	}
	else if (ps->sink->keep != NULL && !ps->sink->keep(ps->user, localname, uri, ps->cap)) {
		ps->skip = 1;   /* left out of the tree captured */
		return;
	}
	ps->cap++;
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
	    nb_attributes, nb_defaulted, attributes);
}

static void
st_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *ps = ctxt->_private;
	xmlNodePtr n;

	if (ps == NULL || ps->over != A2_OK || ps->sink_stop)
		return;
	ps->text = 0;
	if (ps->depth > 0)
		ps->depth--;
	if (ps->skip > 0) {
		ps->skip--;
		return;
	}
	if (ps->cap == 0) {
		if (ps->sink->end(ps->user) != 0)
			sink_stop(ctxt, ps);
		return;
	}
	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
	if (--ps->cap > 0)
		return;
	/* the element captured, whole: to the sink, which frees it */
	n = ps->holder->last;
	if (n != NULL)
		xmlUnlinkNode(n);
	if (ctxt->node == ps->holder)
		nodePop(ctxt);
	if (n == NULL || ps->nomem || ps->huge || ps->bad_ns) {
		/* libxml2 could not make it, or it may lack what an allocation
		 * failure lost: the parse has failed, the sink is not given it */
		if (n == NULL)
			ps->nomem = 1;
		xmlFreeNode(n);
		xmlStopParser(ctxt);
	} else if (ps->sink->done(ps->user, n) != 0) {
		sink_stop(ctxt, ps);
	}
}

/* Text, and what ends a text node (a comment, a processing instruction, an
 * entity reference: s NULL), as the tree would have them. */
static void
st_text(xmlParserCtxtPtr ctxt, parse_state *ps, const xmlChar *s, int len)
{
	if (ps->sink->text(ps->user, s, len) != 0)
		sink_stop(ctxt, ps);
}

static void
st_characters(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *ps = ctxt->_private;

	if (ps == NULL || ps->over != A2_OK || ps->sink_stop)
		return;
	if (ps->text == 0 && ps->sink->count_nodes && spend(ctxt, 1))
		return;    /* a new text node over the budget */
	ps->text += len > 0 ? (size_t)len : 0;
	if (ps->text > XML_MAX_TEXT) {
		over_limit(ctxt, ps, "XML text node longer than %u bytes", XML_MAX_TEXT);
		return;
	}
	if (ps->skip > 0)
		return;
	if (ps->cap > 0)
		xmlSAX2Characters(ctx, ch, len);
	else
		st_text(ctxt, ps, ch, len);
}

/* A comment, a processing instruction, an entity reference: 1 when it is
 * to be built (inside a captured element); else it ends a text node. */
static int
st_node(xmlParserCtxtPtr ctxt)
{
	parse_state *ps = ctxt->_private;

	if (ps == NULL || ps->over != A2_OK || ps->sink_stop)
		return 0;
	ps->text = 0;
	if (ps->sink->count_nodes && spend(ctxt, 1))
		return 0;
	if (ps->skip > 0)
		return 0;
	if (ps->cap > 0)
		return 1;
	st_text(ctxt, ps, NULL, 0);
	return 0;
}

static void
st_reference(void *ctx, const xmlChar *name)
{
	if (st_node(ctx))
		xmlSAX2Reference(ctx, name);
}

static void
st_comment(void *ctx, const xmlChar *value)
{
	if (st_node(ctx))
		xmlSAX2Comment(ctx, value);
}

static void
st_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	if (st_node(ctx))
		xmlSAX2ProcessingInstruction(ctx, target, data);
}

/* A document type declaration: its entities would be parsed again at
 * every reference when no tree keeps them (libxml2 2.9 in SAX mode), so a
 * part that has one is not read as a stream. */
static void
st_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ExternalID, const xmlChar *SystemID)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *ps = ctxt->_private;

	(void)name;
	(void)ExternalID;
	(void)SystemID;
	if (ps == NULL || ps->over != A2_OK)
		return;
	ps->over = A2_ERR_FORMAT;
	snprintf(ps->over_msg, sizeof(ps->over_msg), "a document type declaration in a part read as a stream");
	xmlStopParser(ctxt);
}

/* Both ways of reading a part: the tree (sink NULL: *out) or the events. */
static int
parse(const char *buf, size_t len, const char *member, unsigned max_depth, const a2_xml_sink *sink,
    void *user, xmlDocPtr *out, a2_error *err)
{
	xmlParserCtxtPtr ctxt = NULL;
	xmlParserInputBufferPtr ib = NULL;
	xmlParserInputPtr in = NULL;
	xmlDocPtr doc = NULL;
	parse_state ps;
	feeder src;
	xmlStructuredErrorFunc old_serror;
	void *old_sctx;
	int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

	memset(&ps, 0, sizeof(ps));
	ps.max_depth = max_depth;
	a2_error_at(err, NULL, member, 0, 0);
	if (len > 0x7fffffff)
		return a2_error_set(err, A2_ERR_LIMIT, "XML part too large");
	*out = NULL;
	if (prescan(buf, len, err) != 0)
		return -1;
	/* Errors libxml2 raises outside the parser context (an allocation
	 * failure in xmlNewNs under xmlSAX2StartElementNs, in making the
	 * context itself, ...) go to the thread's handler: while parsing it
	 * is ours, so nothing is printed and no failure is missed (libxml2
	 * 2.9 goes on with a tree that lacks the node). */
	old_serror = xmlStructuredError;
	old_sctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&ps, on_global_error);
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		goto nomem;
	xmlCtxtUseOptions(ctxt, opts);
	/* No ID attribute is ever looked up (xmlGetID): libxml2 need not
	 * test every attribute for one (xmlIsID, xmlIsRef) nor index them. */
	ctxt->loadsubset |= XML_SKIP_IDS;
	ctxt->_private = &ps;
	ps.sink = sink;
	ps.user = user;
	if (sink != NULL)
		ctxt->sax->internalSubset = st_internal_subset;
	ctxt->sax->startElementNs = sink ? st_start : on_start;
	ctxt->sax->endElementNs = sink ? st_end : on_end;
	ctxt->sax->characters = sink ? st_characters : on_characters;
	ctxt->sax->ignorableWhitespace = sink ? st_characters : on_characters;
	ctxt->sax->reference = sink ? st_reference : on_reference;
	ctxt->sax->comment = sink ? st_comment : on_comment;
	ctxt->sax->processingInstruction = sink ? st_pi : on_pi;
	ctxt->sax->entityDecl = on_entity_decl;
	ctxt->sax->attributeDecl = on_attribute_decl;
	ctxt->sax->resolveEntity = on_resolve;
	ctxt->sax->externalSubset = on_external_subset;
	ctxt->sax->serror = on_error;
	/* The part is read through a callback, as from a file: libxml2 keeps
	 * a window of it, not a copy of the whole (its static buffers, the
	 * other copy-free way, never shrink and break on large parts). */
	if ((ib = xmlAllocParserInputBuffer(XML_CHAR_ENCODING_NONE)) == NULL)
		goto nomem;
	src.p = buf;
	src.left = len;
	ib->context = &src;
	ib->readcallback = feed;
	ib->closecallback = NULL;
	if ((in = xmlNewIOInputStream(ctxt, ib, XML_CHAR_ENCODING_NONE)) == NULL) {
		xmlFreeParserInputBuffer(ib);
		goto nomem;
	}
	if (inputPush(ctxt, in) < 0)   /* frees in on failure */
		goto nomem;
	xmlParseDocument(ctxt);
	if (sink != NULL && sink->drop != NULL)
		sink->drop(user);   /* before the trees' dictionary goes */
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	/* An empty namespace name that the text does not declare was lost to
	 * an allocation failure, unless something else went wrong first (a
	 * '<' in the value, say, which libxml2 stops the value at). */
	if (ps.bad_ns && ps.ns_first && ps.ns_prefix[0] && !(len >= 2 && (buf[1] == '\0' || buf[0] == '\0')) &&
	    !declares_empty_ns(buf, len, ps.ns_prefix))
		ps.nomem = 1;   /* the namespace name was lost, not empty */
	if (ps.sink_stop) {
		;  /* the sink's error is set */
	} else if (ps.over != A2_OK) {
		a2_error_set(err, ps.over, "%s", ps.over_msg);
	} else if (ps.nomem && !ps.huge) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	} else if (doc == NULL || !ctxt->wellFormed || ps.huge || ps.bad_ns) {
		a2_error_at(err, NULL, NULL, ps.err_line, ps.err_col);
		if (limit_error(&ps))
			a2_error_set(err, A2_ERR_LIMIT, "XML over a safety limit: %s",
			    ps.err_msg[0] ? ps.err_msg : "?");
		else
			a2_error_set(err, A2_ERR_XML, "malformed XML: %s",
			    ps.err_msg[0] ? ps.err_msg : "parse failed");
	} else {
		ctxt->_private = NULL;
		xmlFreeParserCtxt(ctxt);
		xmlSetStructuredErrorFunc(old_sctx, old_serror);
		free(ps.ns_key);
		if (sink != NULL)
			xmlFreeDoc(doc);   /* the holder */
		else
			*out = doc;
		return 0;
	}
	xmlFreeDoc(doc);
	ctxt->_private = NULL;
	xmlFreeParserCtxt(ctxt);
	xmlSetStructuredErrorFunc(old_sctx, old_serror);
	free(ps.ns_key);
	return -1;
nomem:
	xmlFreeParserCtxt(ctxt);
	xmlSetStructuredErrorFunc(old_sctx, old_serror);
	return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
}

xmlDocPtr
a2_xml_parse(const char *buf, size_t len, const char *member, unsigned max_depth, a2_error *err)
{
	xmlDocPtr doc;

	return parse(buf, len, member, max_depth, NULL, NULL, &doc, err) == 0 ? doc : NULL;
}

int
a2_xml_stream(const char *buf, size_t len, const char *member, unsigned max_depth,
    const a2_xml_sink *sink, void *user, a2_error *err)
{
	xmlDocPtr doc;

	return parse(buf, len, member, max_depth, sink, user, &doc, err);
}

int
a2_xml_is(const xmlNode *n, const char *ns, const char *local)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || n->name == NULL)
		return 0;
	/* the first byte first: most calls are a search among siblings */
	if (n->name[0] != (unsigned char)local[0] || strcmp((const char *)n->name, local) != 0)
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
		if (a->name[0] != (unsigned char)name[0] || strcmp((const char *)a->name, name) != 0)
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
