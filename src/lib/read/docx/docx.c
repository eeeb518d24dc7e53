/*
 * read/docx/docx.c -- the DOCX front end: WordprocessingML lowered into the
 * reply model (annex2/doc.h).
 *
 * This is the only file that knows DOCX markup.  It finds the main part
 * through the package relationships, walks w:body iteratively (an explicit
 * frame stack, never C recursion: hostile documents nest deeply) and turns
 * every w:p into one a2_block -- including paragraphs in table cells, in
 * content controls and in text boxes -- with the marks of the controls
 * found on the way:
 *
 *   w14:checkbox content control   A2_MK_CONTENT_CONTROL, run/block/cell level
 *   legacy FORMCHECKBOX field       A2_MK_FORM_FIELD (w:ffData/w:checkBox)
 *   ActiveX CheckBox/OptionButton   A2_MK_ACTIVEX, state unknown
 *
 * A mark is named by the control's tag/alias (w:ffData/w:name, w:name),
 * else by a bookmark around or just before it: LibreOffice 7.4 drops tags
 * and legacy names but keeps bookmarks, and our generator writes one.
 *
 * The document is read as if every tracked change were accepted (w:del and
 * w:moveFrom skipped, w:ins kept and flagged), mc:AlternateContent is read
 * once (its first mc:Choice, else its mc:Fallback), hidden text is skipped,
 * and field instructions never become text.  Symbol-font characters
 * (w:sym, or text in a Wingdings/Symbol run) that look like boxes, ticks,
 * crosses or circles are mapped to their Unicode look-alikes; other
 * symbol-font characters are dropped.
 *
 * Scope: the main document body only (headers, footers and notes carry no
 * answers); custom properties (docProps/custom.xml) and the producer
 * (docProps/app.xml).
 *
 * Memory: everything the walk allocates hangs off one `dx` context that
 * dx_free() releases; a2_docx_lower() has one cleanup exit.
 */
#include "read/docx/docx_int.h"

/* ---- entry point ---- */

static void
dx_free(dx *x)
{
	dx_rels_free(&x->prels);
	dx_rels_free(&x->mrels);
	if (!x->styles_cached)
		dx_styles_free(x->styles, x->n_styles);
	free(x->frames);
	free(x->tbls);
	free(x->cbs);
	if (x->keep != NULL)
		xmlDictFree(x->keep);
	a2_doc_free(x->doc);
}

/* The document as a tree (stream 0), or its main part as a stream (stream
 * 1: *fallback is set, and NULL returned, where it must be read as a tree,
 * stream.c says when). */
static a2_doc *
lower(a2_zip *z, const a2_limits *lim, a2_docx_cache **cache, a2_error *err, int stream, int *fallback)
{
	dx x;
	const rel *r;
	const char *part = MAIN_DEFAULT;
	xmlDoc *xd = NULL;
	xmlNode *root, *body;
	a2_doc *ret = NULL;
	char *buf = NULL;
	size_t len = 0;
	int fatal;

	memset(&x, 0, sizeof(x));
	x.z = z;
	x.lim = lim;
	x.cache = cache;
	x.err = err;
	x.nsw = A2_NS_W;
	x.nsr = A2_NS_R;
	x.merge_block = -1;
	x.sc.block = -1;
	x.sc.cb = -1;
	dx_rp_unset(&x.sc.para);
	dx_rp_unset(&x.defaults);
	if ((x.doc = a2_doc_new(A2_FMT_DOCX)) == NULL) {
		dx_nomem(&x);
		goto out;
	}
	/* the content types say what each part is: damaged, the package is
	 * not read as whole */
	if ((xd = dx_load_part(&x, "[Content_Types].xml", 0, &fatal)) == NULL && fatal)
		goto out;
	xmlFreeDoc(xd);
	xd = NULL;
	if (dx_rels_load(&x, "", &x.prels) != 0)
		goto out;
	r = dx_rel_by_type(&x.prels, "officeDocument");
	if (r != NULL && a2_zip_has(z, r->target))
		part = r->target;
	if (stream) {
		/* the part, its relationships and styles, then the walk: any
		 * trouble but memory is for the tree to say */
		a2_error saved = *err;
		int k = dx_part_bytes(&x, part, &buf, &len);
		if (k > 0 && (x.member = a2_doc_member(x.doc, part)) == NULL) {
			dx_nomem(&x);
			goto out;
		}
		if (k > 0 && (dx_rels_load(&x, part, &x.mrels) != 0 || dx_styles_load(&x) != 0))
			k = err->code == A2_ERR_NOMEM ? -1 : 0;
		if (k > 0)
			k = dx_stream_body(&x, buf, len) == 0 ? 1 : x.err->code == A2_ERR_NOMEM ? -1 : 0;
		if (k < 0)
			goto out;
		if (k == 0) {
			*err = saved;
			*fallback = 1;
			goto out;
		}
		free(buf);
		buf = NULL;
	} else {
		xd = dx_load_part(&x, part, 0, &fatal);
		if (xd == NULL) {
			if (!fatal) {
				a2_error_at(err, NULL, part, 0, 0);
				a2_error_set(err, A2_ERR_NO_MAIN_PART,
				    "no main document part (%s) in the DOCX package", part);
			}
			goto out;
		}
		root = xmlDocGetRootElement(xd);
		if (a2_xml_is(root, NS_W_STRICT, "document")) {
			x.nsw = NS_W_STRICT;
			x.nsr = NS_R_STRICT;
		}
		body = dx_w_child(&x, root, "body");
		if (!dx_is_w(&x, root, "document") || body == NULL) {
			a2_error_at(err, NULL, part, root != NULL ? (int)dx_line_of(root) : 0, 0);
			a2_error_set(err, A2_ERR_FORMAT, "%s is not a WordprocessingML document body", part);
			goto out;
		}
		if ((x.member = a2_doc_member(x.doc, part)) == NULL) {
			dx_nomem(&x);
			goto out;
		}
		if (dx_rels_load(&x, part, &x.mrels) != 0 || dx_styles_load(&x) != 0 || dx_walk(&x, body) != 0)
			goto out;
	}
	if (dx_read_custom(&x) != 0 || dx_read_app(&x) != 0)
		goto out;
	ret = x.doc;
	x.doc = NULL;
out:
	free(buf);
	xmlFreeDoc(xd);
	dx_free(&x);
	return ret;
}

a2_doc *
a2_docx_lower(a2_zip *z, const a2_limits *lim, a2_docx_cache **cache, a2_error *err)
{
	int fallback = 0;
	a2_doc *d = lower(z, lim, cache, err, err != NULL, &fallback);

	return fallback ? lower(z, lim, cache, err, 0, &fallback) : d;
}

a2_doc *
a2_docx_lower_tree(a2_zip *z, const a2_limits *lim, a2_docx_cache **cache, a2_error *err)
{
	int fallback = 0;

	return lower(z, lim, cache, err, 0, &fallback);
}
