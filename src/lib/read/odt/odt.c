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
#include "read/odt/odt_int.h"

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
			if ((v = od_own_text(c)) == NULL)
				return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			rc = a2_doc_add_prop(doc, name, v);
			free(v);
			if (rc != 0)
				return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		} else if (a2_xml_is(c, A2_NS_META, "generator") && doc->producer == NULL) {
			if ((v = od_own_text(c)) == NULL)
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

/* Sets up the lowering of doc: the styles of the content's root (autos:
 * office:automatic-styles, cstyles: office:styles, either NULL) and of
 * styles.xml (sstyles: read from its office:styles, or NULL), the ids of text's
 * office:forms and text:tracked-changes (text NULL: none yet).  0, or -1
 * with err set; od_run_end() in both cases. */
int
od_run_begin(od_run *r, a2_doc *doc, const char *member, size_t budget, const xmlNode *autos,
    const xmlNode *cstyles, const style_tab *sstyles, const xmlNode *text, a2_error *err)
{
	walker *w = &r->w;

	memset(r, 0, sizeof(*r));
	if (od_styles_add(&r->styles, autos, 0, 0) != 0 || od_styles_add(&r->styles, cstyles, 1, 0) != 0 ||
	    od_styles_append(&r->styles, sstyles) != 0 ||
	    (text != NULL && od_run_ids(r, text) != 0))
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	if (r->styles.n > 1)
		qsort(r->styles.v, r->styles.n, sizeof(*r->styles.v), od_cmp_style);
	w->doc = doc;
	w->styles = &r->styles;
	w->controls = &r->controls;
	w->inserts = &r->inserts;
	w->err = err;
	w->cur = NO_BLOCK;
	w->ws = 1;
	w->table = w->row = w->col = -1;
	w->budget = budget;
	if (member != NULL && (w->member = a2_doc_member(doc, member)) == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return 0;
}

/* (Re)collects the ids of the children of text. */
int
od_run_ids(od_run *r, const xmlNode *text)
{
	free(r->controls.v);
	free(r->inserts.v);
	memset(&r->controls, 0, sizeof(r->controls));
	memset(&r->inserts, 0, sizeof(r->inserts));
	return od_collect_controls(&r->controls, text) != 0 || od_collect_insertions(&r->inserts, text) != 0 ? -1 : 0;
}

void
od_run_end(od_run *r)
{
	od_styles_free(&r->styles);
	free(r->controls.v);
	free(r->inserts.v);
	free(r->w.st);
	a2_buf_free(&r->w.cap);
	memset(r, 0, sizeof(*r));
}

/* The lowering is over: the metadata, and the model checked.  0, or -1
 * with err set. */
int
od_finish(a2_doc *doc, const xmlNode *meta, a2_error *err)
{
	if (read_meta(doc, meta, err) != 0)
		return -1;
	if (!a2_doc_check(doc))
		return a2_error_set(err, A2_ERR_INTERNAL, "the ODF front end built an inconsistent model");
	return 0;
}

/* Lowers a parsed document.  croot is office:document-content (zip) or
 * office:document (flat); sroot is styles.xml's root or NULL; meta is
 * office:meta or NULL; member names the content part (NULL for flat);
 * budget bounds the text produced. */
static a2_doc *
lower(a2_format fmt, const char *member, const xmlNode *croot, const xmlNode *sroot,
    const xmlNode *meta, size_t budget, a2_error *err)
{
	od_run r;
	style_tab common = {0};
	const xmlNode *text;
	a2_doc *doc;
	int ok = 0;

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
	if (sroot != NULL && od_styles_add(&common, a2_xml_child(sroot, A2_NS_OFFICE, "styles"), 1, 0) != 0) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		memset(&r, 0, sizeof(r));
	} else if (od_run_begin(&r, doc, member, budget, a2_xml_child(croot, A2_NS_OFFICE, "automatic-styles"),
	    a2_xml_child(croot, A2_NS_OFFICE, "styles"), &common, text, err) == 0 &&
	    od_walk(&r.w, text) == 0 && od_finish(doc, meta, err) == 0) {
		ok = 1;
	}
	od_run_end(&r);
	od_styles_free(&common);
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

/* The document read with content.xml (buf) as a stream: the model, or
 * NULL when it is to be read as a tree (anything not as expected, any
 * error: the tree path says it). */
static a2_doc *
stream_lower(a2_zip *z, const char *buf, size_t len, const a2_limits *lim)
{
	xmlDocPtr mdoc = NULL;
	style_tab common = {0};
	a2_doc *doc = NULL;
	a2_error e;
	char *sbuf = NULL;
	size_t slen = 0;
	int ok = 0, meta_damaged = 0;

	a2_error_clear(&e);
	/* styles.xml: only its office:styles' style:style elements are kept */
	if (a2_zip_has(z, "styles.xml") && ((sbuf = a2_zip_read(z, "styles.xml", &slen, &e)) == NULL ||
	    od_stream_styles(&common, sbuf, slen, lim->max_depth) != 0))
		goto out;
	if ((doc = a2_doc_new(A2_FMT_ODT)) == NULL ||
	    od_stream_content(doc, buf, len, &common, text_budget(len), lim->max_depth, 0) != 0)
		goto out;
	if (read_part(z, "meta.xml", lim, &mdoc, &e) != 0) {
		if (e.code != A2_ERR_XML)
			goto out;
		meta_damaged = 1;
	}
	if (od_finish(doc, mdoc != NULL ? a2_xml_child(xmlDocGetRootElement(mdoc), A2_NS_OFFICE, "meta") : NULL,
	    &e) != 0 || (meta_damaged && a2_doc_add_damaged(doc, "meta.xml") != 0))
		goto out;
	ok = 1;
out:
	free(sbuf);
	od_styles_free(&common);
	xmlFreeDoc(mdoc);
	if (!ok) {
		a2_doc_free(doc);
		doc = NULL;
	}
	return doc;
}

/* content.xml as a stream (stream 1), or as a tree; the tree says what is
 * wrong with a document the stream could not read. */
static a2_doc *
odt_lower(a2_zip *z, const a2_limits *lim, int stream, a2_error *err)
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
	if (stream && (doc = stream_lower(z, buf, len, lim)) != NULL)
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
a2_odt_lower(a2_zip *z, const a2_limits *lim, a2_error *err)
{
	return odt_lower(z, lim, 1, err);
}

a2_doc *
a2_odt_lower_tree(a2_zip *z, const a2_limits *lim, a2_error *err)
{
	return odt_lower(z, lim, 0, err);
}

/* A flat ODT as a stream (stream 1), as content.xml is: no tree of the
 * whole file beside the model (a 47 MB file of 400,000 paragraphs peaked
 * at 339 MiB, the tree and the model at once); or as a tree, which says
 * what is wrong with a file the stream could not read. */
static a2_doc *
fodt_lower(const char *xml, size_t len, const a2_limits *lim, int stream, a2_error *err)
{
	xmlDocPtr x;
	const xmlNode *root;
	a2_doc *doc = NULL;

	if (stream) {
		if ((doc = a2_doc_new(A2_FMT_FODT)) == NULL) {
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			return NULL;
		}
		if (od_stream_content(doc, xml, len, NULL, text_budget(len), lim->max_depth, 1) == 0)
			return doc;
		a2_doc_free(doc);
		doc = NULL;
	}
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

a2_doc *
a2_fodt_lower(const char *xml, size_t len, const a2_limits *lim, a2_error *err)
{
	return fodt_lower(xml, len, lim, 1, err);
}

a2_doc *
a2_fodt_lower_tree(const char *xml, size_t len, const a2_limits *lim, a2_error *err)
{
	return fodt_lower(xml, len, lim, 0, err);
}
