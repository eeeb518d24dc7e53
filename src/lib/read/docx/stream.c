/* read/docx/stream.c -- DOCX: the main part read as a stream of events
 * (core/xml.h a2_xml_stream), lowered as it goes, with no tree of the
 * document: the same handlers as the tree walk (walk.c), the same result.
 *
 * What a handler looks at before the content of its element -- the
 * properties that WordprocessingML puts first (w:pPr, w:rPr, w:trPr,
 * w:tcPr, w:sdtPr) -- is captured as a small tree, and the handler runs on
 * a stand-in element holding it when the first other child (or the end)
 * comes.  Leaves whose attributes or few children matter (w:fldChar,
 * w:instrText, w:sym, bookmarks, w:control, w16se:symEx) and
 * mc:AlternateContent are captured whole and walked as trees, then freed.
 * The text of w:t goes straight to the block.  Memory follows what the
 * model keeps, not the size of the part.
 *
 * Where the stream cannot be read as the tree would be -- a properties
 * element after content (the tree walk would have used it), a root that
 * is not w:document with a w:body, any error of the part -- it gives up
 * (sx.fallback) and docx.c reads the document again as a tree, which says
 * what is wrong exactly as before.
 */
#include "read/docx/docx_int.h"

enum { SX_ROOT, SX_BODY, SX_PLAIN, SX_P, SX_R, SX_TR, SX_TC, SX_SDT, SX_CONTENT, SX_T };

/* One open element of the stream. */
typedef struct sxf {
	unsigned char kind;     /* SX_* */
	unsigned char pending;  /* its handler waits for its properties */
	unsigned char had_pr;   /* its properties element was met */
	unsigned char dead;     /* its handler ran and did not enter it (a
	                         * deleted row): its content is skipped */
	const xmlChar *name;    /* local name, for the stand-in */
	unsigned line;
	xmlNode *pr;            /* the properties, until the handler runs */
	size_t base;            /* the walk's frames below its own */
} sxf;

typedef struct sx {
	dx *x;
	sxf *v;
	size_t n, cap;
	a2_buf text;            /* the w:t text node being read */
	const xmlChar *wuri;    /* the WordprocessingML namespace, as interned */
	xmlNs wns;              /* the stand-ins' namespace */
	int to_pending;         /* the element captured is the top's properties */
	int seen_body;
	int fallback;           /* read the document as a tree instead */
} sx;

static int
give_up(sx *s)
{
	s->fallback = 1;
	return A2_XML_STOP;
}

/* 0, or A2_XML_STOP when a handler failed (its error set) or a name could
 * not be kept. */
static int
checked(sx *s, int rc)
{
	if (rc == 0 && s->x->keep_failed)
		rc = dx_nomem(s->x);
	return rc == 0 ? 0 : A2_XML_STOP;
}

static int
push(sx *s, int kind, const xmlChar *name, unsigned line, int pending)
{
	sxf *f;

	if (a2_grow((void **)&s->v, &s->cap, s->n + 1, sizeof(sxf)) != 0)
		return dx_nomem(s->x);
	f = &s->v[s->n++];
	memset(f, 0, sizeof(*f));
	f->kind = (unsigned char)kind;
	f->pending = (unsigned char)pending;
	f->name = name;
	f->line = line;
	f->base = s->x->n_frames;
	return 0;
}

static int
in_w(sx *s, const xmlChar *uri)
{
	if (uri == NULL)
		return 0;
	if (uri == s->wuri)
		return 1;
	if (strcmp((const char *)uri, s->x->nsw) != 0)
		return 0;
	s->wuri = uri;
	return 1;
}

/* The element a handler is given: its name, line, and the children it
 * looks at (kids, linked as siblings). */
static void
stand_in(sx *s, xmlNode *n, const xmlChar *name, unsigned line, xmlNode *kids)
{
	memset(n, 0, sizeof(*n));
	n->type = XML_ELEMENT_NODE;
	n->name = name;
	n->ns = &s->wns;
	n->children = kids;
	if (line < 65535) {
		n->line = (unsigned short)line;
	} else {
		n->line = 65535;
		n->psvi = (void *)(ptrdiff_t)line;
	}
}

/* The w:t text read so far is one text node: to the block. */
static int
flush(sx *s)
{
	int rc = 0;

	if (s->text.len > 0) {
		rc = dx_emit_run_text(s->x, s->text.data, s->text.len);
		s->text.len = 0;
	}
	return rc;
}

/* Runs the handler of a pending element on its stand-in. */
static int
resolve(sx *s, sxf *f, xmlNode *content)
{
	dx *x = s->x;
	xmlNode n, *pr = f->pr;
	int rc;

	if (pr != NULL)
		pr->next = content;
	stand_in(s, &n, f->name, f->line, pr != NULL ? pr : content);
	f->base = x->n_frames;
	switch (f->kind) {
	case SX_P:
		rc = dx_on_p(x, &n);
		break;
	case SX_R:
		rc = dx_on_r(x, &n);
		break;
	case SX_TR:
		rc = dx_on_tr(x, &n);
		break;
	case SX_TC:
		rc = dx_on_tc(x, &n);
		break;
	default:
		rc = dx_on_sdt(x, &n);
		break;
	}
	/* the frame it pushed is ended by the stream, not by its children */
	if (x->n_frames > f->base)
		x->frames[f->base].next = NULL;
	if (pr != NULL) {
		pr->next = NULL;
		xmlFreeNode(pr);
	}
	f->pr = NULL;
	f->pending = 0;
	return checked(s, rc);
}

/* The properties element of a kind of element. */
static const char *
props_of(int kind)
{
	switch (kind) {
	case SX_P:
		return "pPr";
	case SX_R:
		return "rPr";
	case SX_TR:
		return "trPr";
	case SX_TC:
		return "tcPr";
	case SX_SDT:
		return "sdtPr";
	default:
		return NULL;
	}
}

static int
on_start(void *user, const xmlChar *local, const xmlChar *uri, unsigned line)
{
	sx *s = user;
	dx *x = s->x;
	sxf *top;
	const char *pn;
	xmlNode n;
	int w;

	if (s->n == 0) {
		/* the root: w:document, transitional or strict */
		if (uri != NULL && strcmp((const char *)local, "document") == 0 &&
		    strcmp((const char *)uri, NS_W_STRICT) == 0) {
			x->nsw = NS_W_STRICT;
			x->nsr = NS_R_STRICT;
		}
		s->wns.href = (const xmlChar *)x->nsw;
		if (!in_w(s, uri) || strcmp((const char *)local, "document") != 0)
			return give_up(s);
		return push(s, SX_ROOT, local, line, 0) != 0 ? A2_XML_STOP : A2_XML_WALK;
	}
	top = &s->v[s->n - 1];
	w = in_w(s, uri);
	switch (top->kind) {
	case SX_ROOT:
		/* the first w:body only, as the tree walk */
		if (s->seen_body || !w || strcmp((const char *)local, "body") != 0)
			return A2_XML_SKIP;
		s->seen_body = 1;
		if (push(s, SX_BODY, local, line, 0) != 0 || dx_push(x, NULL, FR_PLAIN) != 0)
			return A2_XML_STOP;
		return A2_XML_WALK;
	case SX_T:
		/* w:t: only its text; an element ends a text node */
		return flush(s) != 0 ? A2_XML_STOP : A2_XML_SKIP;
	case SX_SDT:
		/* w:sdtPr, then w:sdtContent: nothing else of it is read */
		if (w && strcmp((const char *)local, "sdtPr") == 0) {
			if (top->had_pr)
				return A2_XML_SKIP;
			if (!top->pending)
				return give_up(s);   /* the tree walk would have used it */
			top->had_pr = 1;
			s->to_pending = 1;
			return A2_XML_CAPTURE;
		}
		if (!top->pending || !w || strcmp((const char *)local, "sdtContent") != 0)
			return A2_XML_SKIP;
		stand_in(s, &n, local, line, NULL);
		if (resolve(s, top, &n) != 0 || push(s, SX_CONTENT, local, line, 0) != 0)
			return A2_XML_STOP;
		/* the frame on_sdt pushed ends with w:sdtContent */
		s->v[s->n - 1].base = s->v[s->n - 2].base;
		return A2_XML_WALK;
	default:
		break;
	}
	if ((pn = props_of(top->kind)) != NULL && w && strcmp((const char *)local, pn) == 0) {
		if (top->had_pr)
			return A2_XML_SKIP;
		if (!top->pending)
			return give_up(s);
		top->had_pr = 1;
		s->to_pending = 1;
		return A2_XML_CAPTURE;
	}
	/* what the tree walk never enters does not need the handler to have
	 * run (w:tblPrEx before w:trPr, w:proofErr before w:pPr) */
	if (top->pending && w && dx_w_kind((const char *)local) == WK_SKIP)
		return A2_XML_SKIP;
	if (top->pending && resolve(s, top, NULL) != 0)
		return A2_XML_STOP;
	if (top->kind >= SX_P && top->kind <= SX_TC && s->x->n_frames == top->base)
		top->dead = 1;
	if (top->dead)
		return A2_XML_SKIP;
	if (w) {
		int wk = dx_w_kind((const char *)local);
		/* the elements whose handler waits for their properties, and w:t */
		int sk = wk == WK_P ? SX_P : wk == WK_R ? SX_R : wk == WK_TR ? SX_TR : wk == WK_TC ? SX_TC :
		    wk == WK_SDT ? SX_SDT : wk == WK_T ? SX_T : -1;
		if (sk >= 0)
			return push(s, sk, local, line, sk != SX_T) != 0 ? A2_XML_STOP : A2_XML_WALK;
		switch (wk) {
		case WK_SKIP:
			return A2_XML_SKIP;
		case WK_TAB:
			return checked(s, dx_emit(x, "\t", 1)) != 0 ? A2_XML_STOP : A2_XML_SKIP;
		case WK_BR:
			return checked(s, dx_emit(x, "\n", 1)) != 0 ? A2_XML_STOP : A2_XML_SKIP;
		case WK_NBH:
			return checked(s, dx_emit(x, "-", 1)) != 0 ? A2_XML_STOP : A2_XML_SKIP;
		case WK_SYM:
		case WK_FLDCHAR:
		case WK_INSTR:
		case WK_BMSTART:
		case WK_BMEND:
		case WK_CONTROL:
			return A2_XML_CAPTURE;
		case WK_TBL:
			if (push(s, SX_PLAIN, local, line, 0) != 0)
				return A2_XML_STOP;
			stand_in(s, &n, local, line, NULL);
			return checked(s, dx_on_tbl(x, &n)) != 0 ? A2_XML_STOP : A2_XML_WALK;
		case WK_TXBX:
			if (push(s, SX_PLAIN, local, line, 0) != 0)
				return A2_XML_STOP;
			stand_in(s, &n, local, line, NULL);
			return checked(s, dx_on_txbx(x, &n)) != 0 ? A2_XML_STOP : A2_XML_WALK;
		case WK_INS:
			if (push(s, SX_PLAIN, local, line, 0) != 0 || dx_push(x, NULL, FR_PLAIN) != 0)
				return A2_XML_STOP;
			x->sc.sflags |= A2_SF_INSERTED;
			return A2_XML_WALK;
		default:
			break;
		}
	} else if (uri != NULL && strcmp((const char *)uri, A2_NS_MC) == 0) {
		if (strcmp((const char *)local, "AlternateContent") == 0)
			return A2_XML_CAPTURE;
		if (strcmp((const char *)local, "Fallback") == 0)
			return A2_XML_SKIP;
	} else if (uri != NULL && strcmp((const char *)local, "symEx") == 0 &&
	    strcmp((const char *)uri, NS_W16SE) == 0) {
		return A2_XML_CAPTURE;
	}
	/* hyperlink, smartTag, customXml, fldSimple, drawing, VML, ...: their
	 * content is read in place (a frame that keeps the scope) */
	if (push(s, SX_PLAIN, local, line, 0) != 0 || dx_push(x, NULL, FR_PLAIN) != 0)
		return A2_XML_STOP;
	return A2_XML_WALK;
}

static int
on_end(void *user)
{
	sx *s = user;
	dx *x = s->x;
	sxf f;

	if (s->n == 0)
		return 0;
	if (s->v[s->n - 1].kind == SX_T && flush(s) != 0)
		return A2_XML_STOP;
	if (s->v[s->n - 1].pending && s->v[s->n - 1].kind != SX_SDT && resolve(s, &s->v[s->n - 1], NULL) != 0)
		return A2_XML_STOP;
	f = s->v[--s->n];
	xmlFreeNode(f.pr);   /* a w:sdt without content */
	if (f.kind == SX_ROOT && !s->seen_body)
		return give_up(s);
	while (x->n_frames > f.base) {
		frame done = x->frames[--x->n_frames];
		if (dx_leave(x, &done) != 0)
			return A2_XML_STOP;
	}
	if (f.kind == SX_BODY) {
		/* fields left open at the end of the body */
		while (x->n_flds > 0)
			if (dx_fld_pop(x) != 0)
				return A2_XML_STOP;
	}
	return 0;
}

static int
on_text(void *user, const xmlChar *t, int len)
{
	sx *s = user;

	if (s->n == 0 || s->v[s->n - 1].kind != SX_T)
		return 0;
	if (t == NULL)
		return flush(s) != 0 ? A2_XML_STOP : 0;
	if (a2_buf_add(&s->text, (const char *)t, (size_t)len) != 0) {
		dx_nomem(s->x);
		return A2_XML_STOP;
	}
	return 0;
}

/* What the handlers read of the properties (runs.c, styles.c rp_read):
 * the rest of a w:pPr, w:rPr, w:trPr or w:tcPr is not built.  A w:sdtPr
 * and the leaves captured whole are built whole. */
static int
on_keep(void *user, const xmlChar *local, const xmlChar *uri, unsigned depth)
{
	static const char *const p1[] = {"pStyle", "shd", "rPr", NULL};
	static const char *const p2[] = {"del", "moveFrom", NULL};
	static const char *const r1[] = {"rStyle", "strike", "dstrike", "b", "vanish", "highlight", "shd", "rFonts", NULL};
	static const char *const tr1[] = {"del", "gridBefore", NULL};
	static const char *const tc1[] = {"cellDel", "gridSpan", NULL};
	sx *s = user;
	const char *const *names;
	int kind;

	if (!s->to_pending || (kind = s->v[s->n - 1].kind) == SX_SDT)
		return 1;
	if (!in_w(s, uri) || depth > 2 || (depth == 2 && kind != SX_P))
		return 0;
	names = kind == SX_P ? (depth == 1 ? p1 : p2) : kind == SX_R ? r1 : kind == SX_TR ? tr1 : tc1;
	for (; *names != NULL; names++)
		if (strcmp((const char *)local, *names) == 0)
			return 1;
	return 0;
}

static int
on_done(void *user, xmlNode *n)
{
	sx *s = user;
	dx *x = s->x;
	size_t base = x->n_frames;
	int rc;

	if (s->to_pending) {
		s->to_pending = 0;
		s->v[s->n - 1].pr = n;
		return 0;
	}
	/* the namespace declarations of the last capture may be gone */
	x->w_ns = NULL;
	rc = dx_enter(x, n);
	if (rc == 0)
		rc = dx_run(x, base);
	xmlFreeNode(n);
	return checked(s, rc);
}

/* The parse is over: the properties still waiting go with its trees. */
static void
on_drop(void *user)
{
	sx *s = user;
	size_t i;

	for (i = 0; i < s->n; i++) {
		xmlFreeNode(s->v[i].pr);
		s->v[i].pr = NULL;
	}
}

/* Lowers the main part (buf) as a stream.  0; -1 with x->err set; 1: read
 * it as a tree instead (nothing is kept of this attempt but x->doc's
 * blocks, which the caller drops). */
int
dx_stream_body(dx *x, const char *buf, size_t len)
{
	static const a2_xml_sink sink = {on_start, on_end, on_text, on_done, on_keep, on_drop, 0};
	sx s;
	a2_error e;
	int rc;

	memset(&s, 0, sizeof(s));
	s.x = x;
	s.wns.type = XML_NAMESPACE_DECL;
	s.wns.href = (const xmlChar *)x->nsw;
	x->streaming = 1;
	a2_error_clear(&e);
	rc = a2_xml_stream(buf, len, x->member, x->lim->max_depth, &sink, &s, &e);
	free(s.v);
	a2_buf_free(&s.text);
	if (rc == 0 && !s.fallback)
		return 0;
	/* out of memory is said at once; anything else is said by the tree */
	if (!s.fallback && (e.code == A2_ERR_NOMEM || (x->err != NULL && x->err->code == A2_ERR_NOMEM)))
		return dx_nomem(x);
	return 1;
}
