/* read/odt/stream.c -- ODF: content.xml read as a stream of events
 * (core/xml.h a2_xml_stream), lowered as it goes: no tree of the whole
 * document, the same handlers as the tree walk (walk.c), the same result.
 *
 * What the walk looks things up in is captured and kept to the end of the
 * part: the root's first office:automatic-styles and office:styles, which
 * come before office:body, and the office:forms and text:tracked-changes
 * of office:text, which come before its content.  Each other child of
 * office:text (a paragraph, a list, a table, a section) is captured whole,
 * walked as a tree and freed; text between them goes to the walk as the
 * tree's text node would.  Memory follows the largest of those children,
 * not the size of the part.  The tree's node budget holds for the stream
 * (count_nodes), so that the same documents are refused.
 *
 * Where the stream cannot read the part as the tree would -- a root that
 * is not office:document-content, no office:body/office:text, styles after
 * the body, forms or tracked changes after content, any error of the part
 * -- it gives up and odt.c reads the document again as a tree, which says
 * what is wrong exactly as before.
 */
#include "read/odt/odt_int.h"

/* What the element being captured is for. */
enum { CAP_NONE, CAP_AUTOS, CAP_CSTYLES, CAP_IDS, CAP_CONTENT, CAP_META };

typedef struct os {
	od_run *r;
	a2_doc *doc;
	const style_tab *sstyles;  /* styles.xml's */
	size_t budget;
	a2_error *err;
	unsigned level;          /* elements open and walked: 3 in office:text */
	int cap;                 /* CAP_*: the element captured now */
	int seen_body, seen_text, seen_content, begun;
	int flat;                /* a flat ODT: office:document, its office:meta read here */
	int finished;            /* flat: od_finish ran, at the end of the root */
	xmlNode *autos, *cstyles, *meta;
	xmlNode ids;             /* stand-in office:text: the forms and tracked changes kept */
	a2_buf text;             /* a text node of office:text being read */
	int fallback;
} os;

static int
give_up(os *s)
{
	s->fallback = 1;
	return A2_XML_STOP;
}

static int
is_office(const xmlChar *local, const xmlChar *uri, const char *name)
{
	return uri != NULL && strcmp((const char *)local, name) == 0 &&
	    strcmp((const char *)uri, A2_NS_OFFICE) == 0;
}

/* Walks n, a child of office:text, as od_walk walks it in the tree. */
static int
walk_one(os *s, xmlNode *n)
{
	xmlNode root, *parent = n->parent, *next = n->next;
	int rc;

	memset(&root, 0, sizeof(root));
	root.type = XML_ELEMENT_NODE;
	root.children = root.last = n;
	n->parent = &root;
	n->next = NULL;
	rc = od_walk(&s->r->w, &root);
	n->parent = parent;
	n->next = next;
	return rc;
}

/* The text node of office:text read so far: to the walk. */
static int
flush(os *s)
{
	int rc = 0;

	if (s->text.len > 0) {
		rc = od_put_text(&s->r->w, s->text.data, s->text.len);
		s->text.len = 0;
	}
	return rc != 0 ? A2_XML_STOP : 0;
}

static int
on_start(void *user, const xmlChar *local, const xmlChar *uri, unsigned line)
{
	os *s = user;
	int ids;

	(void)line;
	switch (s->level) {
	case 0:
		if (!is_office(local, uri, s->flat ? "document" : "document-content"))
			return give_up(s);
		s->level++;
		return A2_XML_WALK;
	case 1:
		/* a flat ODT's metadata: its root's first office:meta, wherever
		 * it is (the tree's a2_xml_child), read at the root's end */
		if (s->flat && is_office(local, uri, "meta")) {
			if (s->meta != NULL)
				return A2_XML_SKIP;
			s->cap = CAP_META;
			return A2_XML_CAPTURE;
		}
		if (is_office(local, uri, "automatic-styles") || is_office(local, uri, "styles")) {
			int autos = local[0] == 'a';
			if ((autos ? s->autos : s->cstyles) != NULL)
				return A2_XML_SKIP;    /* the tree reads the first one */
			if (s->seen_body)
				return give_up(s);     /* styles after the text */
			s->cap = autos ? CAP_AUTOS : CAP_CSTYLES;
			return A2_XML_CAPTURE;
		}
		if (s->seen_body || !is_office(local, uri, "body"))
			return A2_XML_SKIP;
		s->seen_body = 1;
		s->level++;
		return A2_XML_WALK;
	case 2:
		if (s->seen_text || !is_office(local, uri, "text"))
			return A2_XML_SKIP;
		s->seen_text = 1;
		if (od_run_begin(s->r, s->doc, s->flat ? NULL : "content.xml", s->budget, s->autos, s->cstyles,
		    s->sstyles, NULL, s->err) != 0)
			return A2_XML_STOP;
		s->begun = 1;
		s->level++;
		return A2_XML_WALK;
	default:
		if (flush(s) != 0)
			return A2_XML_STOP;
		ids = is_office(local, uri, "forms") || (uri != NULL &&
		    strcmp((const char *)local, "tracked-changes") == 0 &&
		    strcmp((const char *)uri, A2_NS_TEXT) == 0);
		if (ids && s->seen_content)
			return give_up(s);     /* the walk so far did not know its ids */
		if (!ids)
			s->seen_content = 1;
		s->cap = ids ? CAP_IDS : CAP_CONTENT;
		return A2_XML_CAPTURE;
	}
}

static int
on_end(void *user)
{
	os *s = user;

	if (s->level == 3 && flush(s) != 0)
		return A2_XML_STOP;
	if (s->level > 0)
		s->level--;
	if (s->level == 0 && !s->seen_text)
		return give_up(s);
	/* a flat ODT: the metadata before its tree goes with the parse */
	if (s->level == 0 && s->flat && !s->finished) {
		s->finished = 1;
		if (od_finish(s->doc, s->meta, s->err) != 0)
			return A2_XML_STOP;
	}
	return 0;
}

static int
on_text(void *user, const xmlChar *t, int len)
{
	os *s = user;

	if (s->level != 3)
		return 0;
	if (t == NULL)
		return flush(s);
	if (a2_buf_add(&s->text, (const char *)t, (size_t)len) != 0) {
		a2_error_set(s->err, A2_ERR_NOMEM, "out of memory");
		return A2_XML_STOP;
	}
	return 0;
}

/* A tree kept after later captures, whose namespace bindings the parse
 * may make again: it declares its own. */
static int
own_ns(os *s, xmlNode *n)
{
	if (xmlReconciliateNs(n->doc, n) < 0) {
		a2_error_set(s->err, A2_ERR_NOMEM, "out of memory");
		return -1;
	}
	return 0;
}

static int
on_done(void *user, xmlNode *n)
{
	os *s = user;
	int cap = s->cap, rc;

	s->cap = CAP_NONE;
	switch (cap) {
	case CAP_META:
		s->meta = n;
		return 0;
	case CAP_AUTOS:
	case CAP_CSTYLES:
		*(cap == CAP_AUTOS ? &s->autos : &s->cstyles) = n;
		return own_ns(s, n) != 0 ? A2_XML_STOP : 0;
	case CAP_IDS:
		n->parent = &s->ids;
		n->prev = s->ids.last;
		if (s->ids.last != NULL)
			s->ids.last->next = n;
		else
			s->ids.children = n;
		s->ids.last = n;
		if (own_ns(s, n) != 0)
			return A2_XML_STOP;
		if (od_run_ids(s->r, &s->ids) != 0) {
			a2_error_set(s->err, A2_ERR_NOMEM, "out of memory");
			return A2_XML_STOP;
		}
		return walk_one(s, n) != 0 ? A2_XML_STOP : 0;
	default:
		rc = walk_one(s, n);
		xmlFreeNode(n);
		return rc != 0 ? A2_XML_STOP : 0;
	}
}

/* Of the styles, only what od_styles_add reads is built. */
static int
on_keep(void *user, const xmlChar *local, const xmlChar *uri, unsigned depth)
{
	os *s = user;

	if (s->cap != CAP_AUTOS && s->cap != CAP_CSTYLES)
		return 1;
	return od_styles_keep(local, uri, depth);
}

/* The parse is over: the trees kept go with its dictionary. */
static void
on_drop(void *user)
{
	os *s = user;
	xmlNode *n, *next;

	xmlFreeNode(s->autos);
	xmlFreeNode(s->cstyles);
	xmlFreeNode(s->meta);
	s->autos = s->cstyles = s->meta = NULL;
	for (n = s->ids.children; n != NULL; n = next) {
		next = n->next;
		n->parent = n->prev = n->next = NULL;
		xmlFreeNode(n);
	}
	s->ids.children = s->ids.last = NULL;
}

/* Lowers content.xml (buf) into doc as a stream; sstyles are styles.xml's.  0: walked (od_finish is left to the caller); 1:
 * read it as a tree instead (doc is then to be dropped).  flat: buf is a
 * flat ODT (office:document, sstyles NULL), and od_finish has run with its
 * office:meta when 0 is returned. */
int
od_stream_content(a2_doc *doc, const char *buf, size_t len, const style_tab *sstyles, size_t budget,
    unsigned max_depth, int flat)
{
	static const a2_xml_sink sink = {on_start, on_end, on_text, on_done, on_keep, on_drop, 1};
	od_run r;
	os s;
	a2_error e;
	int rc;

	memset(&s, 0, sizeof(s));
	memset(&r, 0, sizeof(r));
	s.r = &r;
	s.doc = doc;
	s.sstyles = sstyles;
	s.flat = flat;
	s.budget = budget;
	s.err = &e;
	s.ids.type = XML_ELEMENT_NODE;
	a2_error_clear(&e);
	rc = a2_xml_stream(buf, len, flat ? NULL : "content.xml", max_depth, &sink, &s, &e);
	od_run_end(&r);
	a2_buf_free(&s.text);
	return rc == 0 && !s.fallback && s.begun && (!flat || s.finished) ? 0 : 1;
}

/* ---- styles.xml: the style:style elements of its first office:styles ---- */

typedef struct ss {
	style_tab *t;
	unsigned level;
	int seen;
} ss;

static int
ss_start(void *user, const xmlChar *local, const xmlChar *uri, unsigned line)
{
	ss *s = user;

	(void)line;
	if (s->level == 0) {
		s->level++;
		return A2_XML_WALK;
	}
	if (s->seen || !is_office(local, uri, "styles"))
		return A2_XML_SKIP;
	s->seen = 1;
	return A2_XML_CAPTURE;
}

static int
ss_end(void *user)
{
	ss *s = user;

	s->level--;
	return 0;
}

static int
ss_text(void *user, const xmlChar *t, int len)
{
	(void)user;
	(void)t;
	(void)len;
	return 0;
}

static int
ss_keep(void *user, const xmlChar *local, const xmlChar *uri, unsigned depth)
{
	(void)user;
	return od_styles_keep(local, uri, depth);
}

static int
ss_done(void *user, xmlNode *n)
{
	ss *s = user;
	int rc = od_styles_add(s->t, n, 1, 1);

	xmlFreeNode(n);
	return rc != 0 ? A2_XML_STOP : 0;
}

/* Reads styles.xml (buf) into t (which then owns their names) as the tree
 * would read it.  0, or 1: read it as a tree instead. */
int
od_stream_styles(style_tab *t, const char *buf, size_t len, unsigned max_depth)
{
	static const a2_xml_sink sink = {ss_start, ss_end, ss_text, ss_done, ss_keep, NULL, 1};
	ss s;
	a2_error e;

	memset(&s, 0, sizeof(s));
	s.t = t;
	a2_error_clear(&e);
	return a2_xml_stream(buf, len, "styles.xml", max_depth, &sink, &s, &e) == 0 ? 0 : 1;
}
