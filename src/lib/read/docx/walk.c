/* read/docx/walk.c -- DOCX: the walk of w:body: dispatch by element name, without recursion.
 * (docx.c describes the front end.) */
#include "read/docx/docx_int.h"

/* WordprocessingML elements by local name, sorted by name (strcmp) for a
 * binary search.  WK_SKIP: never descended into (properties, deleted content,
 * field instructions, and leaves that carry no text). */
typedef struct wname {
	const char *name;
	int kind;
} wname;

static const wname w_names[] = {
	{"annotationRef", WK_SKIP}, {"bookmarkEnd", WK_BMEND}, {"bookmarkStart", WK_BMSTART},
	{"br", WK_BR}, {"commentReference", WK_SKIP}, {"continuationSeparator", WK_SKIP},
	{"control", WK_CONTROL}, {"cr", WK_BR}, {"customXmlPr", WK_SKIP}, {"del", WK_SKIP},
	{"delInstrText", WK_SKIP}, {"delText", WK_SKIP}, {"endnoteRef", WK_SKIP},
	{"endnoteReference", WK_SKIP}, {"ffData", WK_SKIP}, {"fldChar", WK_FLDCHAR},
	{"fldData", WK_SKIP}, {"footnoteRef", WK_SKIP}, {"footnoteReference", WK_SKIP},
	{"ins", WK_INS}, {"instrText", WK_INSTR}, {"lastRenderedPageBreak", WK_SKIP},
	{"moveFrom", WK_SKIP}, {"moveTo", WK_INS}, {"noBreakHyphen", WK_NBH},
	{"numberingChange", WK_SKIP}, {"p", WK_P}, {"pPr", WK_SKIP}, {"pPrChange", WK_SKIP},
	{"permEnd", WK_SKIP}, {"permStart", WK_SKIP}, {"proofErr", WK_SKIP}, {"ptab", WK_TAB},
	{"r", WK_R}, {"rPr", WK_SKIP}, {"rPrChange", WK_SKIP}, {"sdt", WK_SDT},
	{"sdtEndPr", WK_SKIP}, {"sdtPr", WK_SKIP}, {"sectPr", WK_SKIP}, {"sectPrChange", WK_SKIP},
	{"separator", WK_SKIP}, {"smartTagPr", WK_SKIP}, {"softHyphen", WK_SKIP}, {"sym", WK_SYM},
	{"t", WK_T}, {"tab", WK_TAB}, {"tbl", WK_TBL}, {"tblGrid", WK_SKIP}, {"tblPr", WK_SKIP},
	{"tblPrChange", WK_SKIP}, {"tblPrEx", WK_SKIP}, {"tc", WK_TC}, {"tcPr", WK_SKIP},
	{"tcPrChange", WK_SKIP}, {"tr", WK_TR}, {"trPr", WK_SKIP}, {"trPrChange", WK_SKIP},
	{"txbxContent", WK_TXBX},
};

/* The WK_* of a WordprocessingML local name: the three that make nearly
 * all of a document first, then a binary search (first bytes compared
 * before strcmp). */
int
dx_w_kind(const char *l)
{
	size_t lo = 0, hi = sizeof(w_names) / sizeof(*w_names);

	if (l[0] != '\0' && l[1] == '\0') {
		if (l[0] == 'p')
			return WK_P;
		if (l[0] == 'r')
			return WK_R;
		if (l[0] == 't')
			return WK_T;
		return WK_OTHER;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = w_names[mid].name;
		int c = (unsigned char)l[0] - (unsigned char)m[0];
		if (c == 0)
			c = strcmp(l, m);
		if (c == 0)
			return w_names[mid].kind;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return WK_OTHER;
}

/* 1 when n is in the WordprocessingML namespace in use.  The namespace
 * declaration a node points to is compared once (x->w_ns remembers the
 * last one that matched: a document declares it once, on its root). */
static int
in_w(dx *x, const xmlNode *n)
{
	if (n->ns == NULL || n->ns->href == NULL)
		return 0;
	if (n->ns == x->w_ns)
		return 1;
	if (strcmp((const char *)n->ns->href, x->nsw) != 0)
		return 0;
	x->w_ns = n->ns;
	return 1;
}

/* Visits one element: handles it, and pushes a frame when its children are
 * to be visited. */
int
dx_enter(dx *x, xmlNode *n)
{
	if (in_w(x, n)) {
		switch (dx_w_kind((const char *)n->name)) {
		case WK_P:
			return dx_on_p(x, n);
		case WK_R:
			return dx_on_r(x, n);
		case WK_T:
			return dx_on_t(x, n);
		case WK_SKIP:
			return 0;
		case WK_TAB:
			return dx_emit(x, "\t", 1);
		case WK_BR:
			return dx_emit(x, "\n", 1);
		case WK_NBH:
			return dx_emit(x, "-", 1);
		case WK_SYM:
			return dx_on_sym(x, n);
		case WK_FLDCHAR:
			return dx_on_fldchar(x, n);
		case WK_INSTR:
			dx_fld_instr(x, n);
			return 0;
		case WK_BMSTART:
			dx_on_bookmark_start(x, n);
			return 0;
		case WK_BMEND:
			dx_on_bookmark_end(x, n);
			return 0;
		case WK_TBL:
			return dx_on_tbl(x, n);
		case WK_TR:
			return dx_on_tr(x, n);
		case WK_TC:
			return dx_on_tc(x, n);
		case WK_SDT:
			return dx_on_sdt(x, n);
		case WK_CONTROL:
			return dx_on_control(x, n);
		case WK_TXBX:
			return dx_on_txbx(x, n);
		case WK_INS:
			if (dx_push(x, n->children, FR_PLAIN) != 0)
				return -1;
			x->sc.sflags |= A2_SF_INSERTED;
			return 0;
		default:
			/* hyperlink, smartTag, customXml, fldSimple, object, pict,
			 * drawing, dir, bdo, ...: their content is read in place */
			return n->children != NULL ? dx_push(x, n->children, FR_PLAIN) : 0;
		}
	}
	if (a2_xml_is(n, A2_NS_MC, "AlternateContent"))
		return dx_on_alternate(x, n);
	if (a2_xml_is(n, A2_NS_MC, "Fallback"))
		return 0;
	if (a2_xml_is(n, NS_W16SE, "symEx"))
		return dx_on_symex(x, n);
	/* DrawingML, VML, ...: text boxes are somewhere inside */
	return n->children != NULL ? dx_push(x, n->children, FR_PLAIN) : 0;
}

int
dx_leave(dx *x, const frame *f)
{
	int rc = 0;

	switch (f->kind) {
	case FR_P:
		rc = dx_leave_p(x, f);
		break;
	case FR_TBL:
		if (x->n_tbls > 0)
			x->n_tbls--;
		break;
	case FR_CB:
		rc = dx_leave_cb(x);
		break;
	default:
		break;
	}
	x->sc = f->saved;
	return rc;
}

/* Runs the walk until the frames are back to base frames. */
int
dx_run(dx *x, size_t base)
{
	while (x->n_frames > base) {
		frame *f = &x->frames[x->n_frames - 1];
		xmlNode *n = f->next;
		if (n == NULL) {
			frame done = *f;
			x->n_frames--;
			if (dx_leave(x, &done) != 0)
				return -1;
			continue;
		}
		f->next = n->next;
		if (n->type == XML_ELEMENT_NODE && dx_enter(x, n) != 0)
			return -1; /* enter may move the frame array: f is stale */
	}
	return 0;
}

/* Walks the body depth first with an explicit stack of frames. */
int
dx_walk(dx *x, xmlNode *body)
{
	x->w_ns = NULL;
	if (dx_push(x, body->children, FR_PLAIN) != 0 || dx_run(x, 0) != 0)
		return -1;
	/* fields left open at the end of the body */
	while (x->n_flds > 0)
		if (dx_fld_pop(x) != 0)
			return -1;
	return 0;
}
