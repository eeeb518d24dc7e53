/* gen/docx.c -- the Annex 2 reply form as a WordprocessingML package.
 *
 * Layout after the Secretariat's own Word form (A4, Times New Roman 12 pt,
 * the ITU "Annex_No", "Subject", "Table_text" and "Table_head" styles, the
 * ITU address lines in the page footer), with:
 *  - every box an inline w14:checkbox content control written the way
 *    Word writes it (LibreOffice 7.4 only imports run-level ones), first in
 *    its label's paragraph, then a tab, then the label; a bookmark just
 *    before it names it in a way that survives a LibreOffice save;
 *  - every fill-in (name, title, address, place, date) an inline plain-text
 *    content control showing its placeholder ("[Name]");
 *  - the identifiers of the form in docProps/custom.xml.
 * Ids are positions (document order), timestamps the circular's date: the
 * same inputs give the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/xml.h"
#include "core/zip.h"
#include "gen/gen.h"
#include "gen/scanmark.h"

/* Namespaces not in core/xml.h. */
#define NS_CT  "http://schemas.openxmlformats.org/package/2006/content-types"
#define NS_EXT "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
#define NS_CP  "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
#define RT     "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

#define BOX_UNCHECKED "\xE2\x98\x90" /* U+2610 */
#define BOX_FONT      "MS Gothic"

/* Page and table geometry, in twentieths of a point (as the ITU form). */
#define PAGE_W     "11906"
#define PAGE_H     "16838"
#define MARGIN_TB  "1418"   /* 2.5 cm */
#define MARGIN_LR  "1134"   /* 2 cm */
#define TEXT_W     "9638"   /* PAGE_W - 2 * MARGIN_LR */
#define LABEL_W    "1276"   /* address block: label, value, label, value */
#define VALUE_W    "3543"

typedef struct dx {
	a2_xw x;
	const a2_gen *g;
	unsigned sdt_id;    /* content-control ids: 1, 2, ... in document order */
	unsigned bm_id;     /* bookmark ids: 0, 1, ... */
} dx;

/* ---- small writers ---------------------------------------------------- */

enum { R_BOLD = 1u << 0, R_BOX = 1u << 1 };

static void
run_props(a2_xw *x, unsigned fl)
{
	if (fl == 0)
		return;
	a2_xw_start(x, "w:rPr", NULL);
	if (fl & R_BOX)
		a2_xw_el(x, "w:rFonts", "w:ascii", BOX_FONT, "w:eastAsia", BOX_FONT,
		    "w:hAnsi", BOX_FONT, "w:hint", "eastAsia", NULL);
	if (fl & R_BOLD) {
		a2_xw_el(x, "w:b", NULL);
		a2_xw_el(x, "w:bCs", NULL);
	}
	if (fl & R_BOX) {
		a2_xw_el(x, "w:sz", "w:val", "24", NULL);
		a2_xw_el(x, "w:szCs", "w:val", "24", NULL);
	}
	a2_xw_end(x);
}

static void
w_t(a2_xw *x, const char *s, size_t n)
{
	int keep = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');

	a2_xw_start(x, "w:t", "xml:space", keep ? "preserve" : NULL, NULL);
	a2_xw_text(x, s, n);
	a2_xw_end(x);
}

/* One run of text; '\n' becomes a line break, '\t' a tab. */
static void
run(a2_xw *x, const char *s, unsigned fl)
{
	const char *p = s, *q;

	a2_xw_start(x, "w:r", NULL);
	run_props(x, fl);
	for (;;) {
		q = p + strcspn(p, "\n\t");
		if (q > p)
			w_t(x, p, (size_t)(q - p));
		if (*q == '\0')
			break;
		a2_xw_el(x, *q == '\n' ? "w:br" : "w:tab", NULL);
		p = q + 1;
	}
	a2_xw_end(x);
}

static void
tab_run(a2_xw *x)
{
	a2_xw_start(x, "w:r", NULL);
	a2_xw_el(x, "w:tab", NULL);
	a2_xw_end(x);
}

/* <w:p><w:pPr><w:pStyle/>...  -- the caller adds pPr children and calls
 * ppr_end(). */
static void
p_start(a2_xw *x, const char *style)
{
	a2_xw_start(x, "w:p", NULL);
	a2_xw_start(x, "w:pPr", NULL);
	if (style != NULL)
		a2_xw_el(x, "w:pStyle", "w:val", style, NULL);
}

static void
ppr_end(a2_xw *x)
{
	a2_xw_end(x);
}

/* A whole paragraph of one run. */
static void
para(a2_xw *x, const char *style, const char *text, unsigned fl)
{
	p_start(x, style);
	ppr_end(x);
	if (text != NULL && *text != '\0')
		run(x, text, fl);
	a2_xw_end(x);
}

static void
num_attr(char *buf, size_t n, unsigned v)
{
	snprintf(buf, n, "%u", v);
}

/* A zero-length bookmark naming the control that follows. */
static void
bookmark(dx *d, const char *name)
{
	char id[16];

	num_attr(id, sizeof(id), d->bm_id++);
	a2_xw_el(&d->x, "w:bookmarkStart", "w:id", id, "w:name", name, NULL);
	a2_xw_el(&d->x, "w:bookmarkEnd", "w:id", id, NULL);
}

/* An inline checkbox content control, exactly as Word 2010+ writes one. */
static void
checkbox(dx *d, const char *tag, const char *bm)
{
	a2_xw *x = &d->x;
	char id[16];

	num_attr(id, sizeof(id), ++d->sdt_id);
	bookmark(d, bm);
	a2_xw_start(x, "w:sdt", NULL);
	a2_xw_start(x, "w:sdtPr", NULL);
	a2_xw_el(x, "w:alias", "w:val", tag, NULL);
	a2_xw_el(x, "w:tag", "w:val", tag, NULL);
	a2_xw_el(x, "w:id", "w:val", id, NULL);
	a2_xw_start(x, "w14:checkbox", NULL);
	a2_xw_el(x, "w14:checked", "w14:val", "0", NULL);
	a2_xw_el(x, "w14:checkedState", "w14:val", "2612", "w14:font", BOX_FONT, NULL);
	a2_xw_el(x, "w14:uncheckedState", "w14:val", "2610", "w14:font", BOX_FONT, NULL);
	a2_xw_end(x); /* w14:checkbox */
	a2_xw_end(x); /* w:sdtPr */
	a2_xw_start(x, "w:sdtContent", NULL);
	run(x, BOX_UNCHECKED, R_BOX);
	a2_xw_end(x);
	a2_xw_end(x); /* w:sdt */
}

/* An inline plain-text content control showing its placeholder, after a
 * bookmark naming it. */
static void
text_input(dx *d, int which)
{
	const a2_gen_input *in = &d->g->in[which];
	a2_xw *x = &d->x;
	char id[16];

	num_attr(id, sizeof(id), ++d->sdt_id);
	bookmark(d, in->bookmark);
	a2_xw_start(x, "w:sdt", NULL);
	a2_xw_start(x, "w:sdtPr", NULL);
	a2_xw_el(x, "w:alias", "w:val", in->alias, NULL);
	a2_xw_el(x, "w:tag", "w:val", in->tag, NULL);
	a2_xw_el(x, "w:id", "w:val", id, NULL);
	a2_xw_el(x, "w:showingPlcHdr", NULL);
	a2_xw_el(x, "w:text", "w:multiLine", in->multiline ? "1" : NULL, NULL);
	a2_xw_end(x);
	a2_xw_start(x, "w:sdtContent", NULL);
	run(x, in->ph, 0);
	a2_xw_end(x);
	a2_xw_end(x);
}

/* A value from the contact as plain text, or an input. */
static void
value_or_input(dx *d, const char *value, int which)
{
	if (value != NULL)
		run(&d->x, value, 0);
	else
		text_input(d, which);
}

/* ---- table pieces ----------------------------------------------------- */

static void
tc_start(a2_xw *x, const char *width, const char *vmerge)
{
	a2_xw_start(x, "w:tc", NULL);
	a2_xw_start(x, "w:tcPr", NULL);
	a2_xw_el(x, "w:tcW", "w:w", width, "w:type", "dxa", NULL);
	if (vmerge != NULL)
		a2_xw_el(x, "w:vMerge", "w:val", *vmerge ? vmerge : NULL, NULL);
	a2_xw_end(x);
}

static void
tbl_start(a2_xw *x, int rtl, int borders, const char *margin, const char *const *cols, size_t ncols)
{
	static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right",
	                                    "w:insideH", "w:insideV"};
	size_t i;

	a2_xw_start(x, "w:tbl", NULL);
	a2_xw_start(x, "w:tblPr", NULL);
	if (rtl)
		a2_xw_el(x, "w:bidiVisual", NULL);   /* columns from right to left */
	a2_xw_el(x, "w:tblW", "w:w", TEXT_W, "w:type", "dxa", NULL);
	if (borders) {
		a2_xw_start(x, "w:tblBorders", NULL);
		for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++)
			a2_xw_el(x, sides[i], "w:val", "single", "w:sz", "4", "w:space", "0",
			    "w:color", "000000", NULL);
		a2_xw_end(x);
	}
	a2_xw_el(x, "w:tblLayout", "w:type", "fixed", NULL);
	a2_xw_start(x, "w:tblCellMar", NULL);
	a2_xw_el(x, "w:left", "w:w", margin, "w:type", "dxa", NULL);
	a2_xw_el(x, "w:right", "w:w", margin, "w:type", "dxa", NULL);
	a2_xw_end(x);
	a2_xw_el(x, "w:tblLook", "w:val", "0000", "w:firstRow", "0", "w:lastRow", "0",
	    "w:firstColumn", "0", "w:lastColumn", "0", "w:noHBand", "1", "w:noVBand", "1", NULL);
	a2_xw_end(x);
	a2_xw_start(x, "w:tblGrid", NULL);
	for (i = 0; i < ncols; i++)
		a2_xw_el(x, "w:gridCol", "w:w", cols[i], NULL);
	a2_xw_end(x);
}

/* A label cell of the address block (bold). */
static void
label_cell(a2_xw *x, const char *width, const char *text)
{
	tc_start(x, width, NULL);
	para(x, "Tabletext", text, R_BOLD);
	a2_xw_end(x);
}

/* ---- the body ---------------------------------------------------------- */

/* A paragraph of Latin text (the Secretariat's address, the reference):
 * left to right even in a right-to-left form. */
static void
ltr_para(dx *d, const char *text)
{
	p_start(&d->x, "Tabletext");
	if (a2_gen_rtl(d->g))
		a2_xw_el(&d->x, "w:bidi", "w:val", "0", NULL);
	ppr_end(&d->x);
	if (*text != '\0')
		run(&d->x, text, 0);
	a2_xw_end(&d->x);
}

static void
address_block(dx *d)
{
	static const char *const cols[] = {LABEL_W, VALUE_W, LABEL_W, VALUE_W};
	const a2_gen *g = d->g;
	a2_xw *x = &d->x;
	a2_buf lines = {0}, faxmail = {0};
	size_t i;

	for (i = 0; i < g->form->n_to; i++)
		a2_buf_printf(&lines, "%s%s", i ? "\n" : "", g->form->to_lines[i]);
	a2_buf_printf(&faxmail, "%s\n%s", g->w[A2_W_FAX], g->w[A2_W_EMAIL]);
	if (lines.failed || faxmail.failed) {
		x->failed = 1;
		goto out;
	}
	tbl_start(x, a2_gen_rtl(d->g), 0, "57", cols, 4);

	/* To | address of the Secretariat | From | the Administration */
	a2_xw_start(x, "w:tr", NULL);
	label_cell(x, LABEL_W, g->w[A2_W_TO]);
	tc_start(x, VALUE_W, NULL);
	ltr_para(d, lines.len ? lines.data : "");
	a2_xw_end(x);
	label_cell(x, LABEL_W, g->w[A2_W_FROM]);
	tc_start(x, VALUE_W, NULL);
	p_start(x, "Tabletext");
	ppr_end(x);
	value_or_input(d, g->c_name, A2_IN_FROM_NAME);
	a2_xw_end(x);
	p_start(x, "Tabletext");
	ppr_end(x);
	value_or_input(d, g->c_title, A2_IN_FROM_TITLE);
	a2_xw_end(x);
	para(x, "Tabletext", g->w[A2_W_ADMINISTRATION], 0);
	p_start(x, "Tabletext");
	ppr_end(x);
	value_or_input(d, g->c_address, A2_IN_ADDRESS);
	a2_xw_end(x);
	a2_xw_end(x); /* tc */
	a2_xw_end(x); /* tr */

	/* Fax/E-mail of both sides */
	a2_xw_start(x, "w:tr", NULL);
	label_cell(x, LABEL_W, faxmail.data);
	tc_start(x, VALUE_W, NULL);
	p_start(x, "Tabletext");
	if (a2_gen_rtl(g))
		a2_xw_el(x, "w:bidi", "w:val", "0", NULL);
	ppr_end(x);
	run(x, g->form->fax, 0);
	a2_xw_start(x, "w:r", NULL);
	a2_xw_el(x, "w:br", NULL);
	a2_xw_end(x);
	run(x, g->form->email, 0);
	a2_xw_end(x);
	a2_xw_end(x);
	label_cell(x, LABEL_W, faxmail.data);
	tc_start(x, VALUE_W, NULL);
	p_start(x, "Tabletext");
	ppr_end(x);
	if (g->c_email != NULL) {
		a2_xw_start(x, "w:r", NULL);
		a2_xw_el(x, "w:br", NULL);
		a2_xw_end(x);
		run(x, g->c_email, 0);
	}
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_end(x); /* tr */

	/* Reference | Date: [Place], [Date] */
	a2_xw_start(x, "w:tr", NULL);
	label_cell(x, LABEL_W, g->w[A2_W_REF]);
	tc_start(x, VALUE_W, NULL);
	ltr_para(d, g->reference);
	a2_xw_end(x);
	label_cell(x, LABEL_W, g->w[A2_W_DATE]);
	tc_start(x, VALUE_W, NULL);
	p_start(x, "Tabletext");
	ppr_end(x);
	text_input(d, A2_IN_PLACE);
	run(x, ", ", 0);
	text_input(d, A2_IN_DATE);
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_end(x); /* tr */

	a2_xw_end(x); /* tbl */
out:
	a2_buf_free(&lines);
	a2_buf_free(&faxmail);
}

/* A paragraph of the choice table: box, tab, label. */
static void
choice(dx *d, const char *style, int keep_next, const a2_gen_text *t, int opt)
{
	a2_xw *x = &d->x;

	p_start(x, style);
	if (keep_next)
		a2_xw_el(x, "w:keepNext", NULL);
	ppr_end(x);
	checkbox(d, t->tag[opt], t->bookmark[opt]);
	tab_run(x);
	run(x, t->opt[opt], 0);
	a2_xw_end(x);
}

static void
choice_table(dx *d, size_t first, size_t last)
{
	static const char *const cols[] = {"2835", "6803"};
	const a2_gen *g = d->g;
	a2_xw *x = &d->x;
	size_t i;

	tbl_start(x, a2_gen_rtl(d->g), 1, "85", cols, 2);
	a2_xw_start(x, "w:tr", NULL);
	a2_xw_start(x, "w:trPr", NULL);
	a2_xw_el(x, "w:cantSplit", NULL);
	a2_xw_el(x, "w:tblHeader", NULL);
	a2_xw_end(x);
	tc_start(x, "2835", NULL);
	para(x, "Tablehead", NULL, 0);
	a2_xw_end(x);
	tc_start(x, "6803", NULL);
	para(x, "Tablehead", g->w[A2_W_TABLE_HEAD], 0);
	a2_xw_end(x);
	a2_xw_end(x);

	for (i = first; i < last; i++) {
		const a2_gen_text *t = &g->texts[i];

		/* the text and "assigns" with its two options */
		a2_xw_start(x, "w:tr", NULL);
		a2_xw_start(x, "w:trPr", NULL);
		a2_xw_el(x, "w:cantSplit", NULL);
		a2_xw_end(x);
		tc_start(x, "2835", "restart");
		p_start(x, "Tabletext");
		a2_xw_el(x, "w:keepNext", NULL);
		ppr_end(x);
		run(x, t->label, R_BOLD);
		a2_xw_end(x);
		a2_xw_end(x);
		tc_start(x, "6803", NULL);
		choice(d, "Choice", 1, t, A2_OPT_ASSIGNS);
		choice(d, "ChoiceOption", 1, t, A2_OPT_NONE);
		choice(d, "ChoiceOption", 1, t, A2_OPT_ATTACHED);
		a2_xw_end(x);
		a2_xw_end(x);

		/* "does not assign" */
		a2_xw_start(x, "w:tr", NULL);
		a2_xw_start(x, "w:trPr", NULL);
		a2_xw_el(x, "w:cantSplit", NULL);
		a2_xw_end(x);
		tc_start(x, "2835", "");
		para(x, "Tabletext", NULL, 0);
		a2_xw_end(x);
		tc_start(x, "6803", NULL);
		choice(d, "Choice", 0, t, A2_OPT_NOT_ASSIGN);
		a2_xw_end(x);
		a2_xw_end(x);
	}
	a2_xw_end(x); /* tbl */
}

static void
signature(dx *d)
{
	const a2_gen *g = d->g;
	a2_xw *x = &d->x;

	p_start(x, NULL);
	a2_xw_el(x, "w:keepNext", NULL);
	a2_xw_el(x, "w:spacing", "w:before", "360", NULL);
	ppr_end(x);
	run(x, g->w[A2_W_CLOSING], 0);
	a2_xw_end(x);

	p_start(x, NULL);
	a2_xw_el(x, "w:keepNext", NULL);
	a2_xw_el(x, "w:spacing", "w:before", "720", NULL);
	ppr_end(x);
	text_input(d, A2_IN_NAME);
	a2_xw_end(x);

	p_start(x, NULL);
	a2_xw_el(x, "w:keepNext", NULL);
	a2_xw_el(x, "w:spacing", "w:before", "0", NULL);
	ppr_end(x);
	text_input(d, A2_IN_TITLE);
	a2_xw_end(x);

	p_start(x, NULL);
	a2_xw_el(x, "w:spacing", "w:before", "0", NULL);
	ppr_end(x);
	run(x, g->w[A2_W_ADMINISTRATION], 0);
	a2_xw_end(x);
}

/* The properties of the section of page k (0-based): its own header (the
 * page's QR code, gen/scanmark.h), the shared footer, the page. */
static void
sect_pr(a2_xw *x, const a2_gen *g, size_t k)
{
	char rid[32];

	snprintf(rid, sizeof(rid), "rIdH%zu", k + 1);
	a2_xw_start(x, "w:sectPr", NULL);
	a2_xw_el(x, "w:headerReference", "w:type", "default", "r:id", rid, NULL);
	a2_xw_el(x, "w:footerReference", "w:type", "default", "r:id", "rId4", NULL);
	a2_xw_el(x, "w:pgSz", "w:w", PAGE_W, "w:h", PAGE_H, "w:code", "9", NULL);
	a2_xw_el(x, "w:pgMar", "w:top", MARGIN_TB, "w:right", MARGIN_LR, "w:bottom", MARGIN_TB,
	    "w:left", MARGIN_LR, "w:header", "567", "w:footer", "567", "w:gutter", "0", NULL);
	a2_xw_el(x, "w:cols", "w:space", "720", NULL);
	if (a2_gen_rtl(g))
		a2_xw_el(x, "w:bidi", NULL);         /* the page mirrored */
	a2_xw_end(x);
}

/* An empty paragraph ending the section of page k. */
static void
sect_break(a2_xw *x, const a2_gen *g, size_t k)
{
	p_start(x, NULL);
	a2_xw_el(x, "w:spacing", "w:before", "0", "w:after", "0", NULL);
	sect_pr(x, g, k);
	ppr_end(x);
	a2_xw_end(x);
}

static void
root_ns(a2_xw *x)
{
	a2_xw_attr(x, "xmlns:w", A2_NS_W);
	a2_xw_attr(x, "xmlns:r", A2_NS_R);
	a2_xw_attr(x, "xmlns:w14", A2_NS_W14);
	a2_xw_attr(x, "xmlns:mc", A2_NS_MC);
	a2_xw_attr(x, "mc:Ignorable", "w14");
}

static int
part_document(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	dx d;
	a2_xw *x = &d.x;
	a2_scan_page *pages;
	size_t np, k;

	memset(&d, 0, sizeof(d));
	d.g = g;
	if (a2_scan_plan(g, &pages, &np, err) != 0)
		return -1;
	if (a2_xw_open(x, err) != 0) {
		free(pages);
		return -1;
	}
	a2_xw_start(x, "w:document", NULL);
	root_ns(x);
	a2_xw_start(x, "w:body", NULL);

	para(x, "AnnexNo", g->w[A2_W_ANNEX], 0);

	p_start(x, "Subject");
	ppr_end(x);
	run(x, g->w[A2_W_SUBJECT_LABEL], R_BOLD);
	tab_run(x);
	run(x, g->w[A2_W_SUBJECT], R_BOLD);
	a2_xw_start(x, "w:r", NULL);
	run_props(x, R_BOLD);
	a2_xw_el(x, "w:br", NULL);
	a2_xw_end(x);
	run(x, g->w[A2_W_SUBJECT_TEXTS], R_BOLD);
	a2_xw_end(x);

	address_block(&d);

	p_start(x, NULL);
	a2_xw_el(x, "w:spacing", "w:before", "360", NULL);
	ppr_end(x);
	run(x, g->w[A2_W_SALUTATION], 0);
	a2_xw_end(x);
	/* page 1 ends with the letter; then the pages of the plan */
	p_start(x, NULL);
	a2_xw_el(x, "w:spacing", "w:after", "240", NULL);
	sect_pr(x, g, 0);
	ppr_end(x);
	run(x, g->w[A2_W_REQUEST], 0);
	a2_xw_end(x);

	for (k = 1; k < np; k++) {
		if (pages[k].last > pages[k].first)
			choice_table(&d, pages[k].first, pages[k].last);
		if (pages[k].signature)
			signature(&d);
		if (k + 1 < np)
			sect_break(x, g, k);
	}
	sect_pr(x, g, np - 1);
	free(pages);

	a2_xw_end(x); /* body */
	a2_xw_end(x); /* document */
	return a2_xw_finish(x, out, len, "word/document.xml", err);
}

/* ---- the other parts ---------------------------------------------------- */

static void
style_start(a2_xw *x, const char *type, const char *id, const char *name,
            const char *based_on, int custom)
{
	a2_xw_start(x, "w:style", "w:type", type, "w:customStyle", custom ? "1" : NULL,
	    "w:styleId", id, NULL);
	a2_xw_el(x, "w:name", "w:val", name, NULL);
	if (based_on != NULL)
		a2_xw_el(x, "w:basedOn", "w:val", based_on, NULL);
}

static void
sz(a2_xw *x, const char *halfpoints)
{
	a2_xw_el(x, "w:sz", "w:val", halfpoints, NULL);
	a2_xw_el(x, "w:szCs", "w:val", halfpoints, NULL);
}

/* A paragraph style with a hanging indent and a tab stop at the indent:
 * the box stands at the left, its label at the indent. */
static void
hanging_style(a2_xw *x, const char *id, const char *name, const char *left, const char *hang)
{
	style_start(x, "paragraph", id, name, "Tabletext", 1);
	a2_xw_start(x, "w:pPr", NULL);
	a2_xw_start(x, "w:tabs", NULL);
	a2_xw_el(x, "w:tab", "w:val", "left", "w:pos", left, NULL);
	a2_xw_end(x);
	a2_xw_el(x, "w:ind", "w:left", left, "w:hanging", hang, NULL);
	a2_xw_end(x);
	a2_xw_end(x);
}

static int
part_styles(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	a2_xw xw, *x = &xw;

	if (a2_xw_open(x, err) != 0)
		return -1;
	a2_xw_start(x, "w:styles", "xmlns:w", A2_NS_W, NULL);

	a2_xw_start(x, "w:docDefaults", NULL);
	a2_xw_start(x, "w:rPrDefault", NULL);
	a2_xw_start(x, "w:rPr", NULL);
	{
		const char *ea = a2_gen_cjk_font(g);
		a2_xw_el(x, "w:rFonts", "w:ascii", "Times New Roman", "w:eastAsia", ea ? ea : "Times New Roman",
		    "w:hAnsi", "Times New Roman", "w:cs", "Times New Roman",
		    "w:hint", ea ? "eastAsia" : NULL, NULL);
		sz(x, "24");
		/* Arabic: every run right to left, in the complex-script font */
		if (a2_gen_rtl(g))
			a2_xw_el(x, "w:rtl", NULL);
		a2_xw_el(x, "w:lang", "w:val", a2_gen_lang_tag(g), "w:eastAsia", ea ? a2_gen_lang_tag(g) : "en-US",
		    "w:bidi", a2_gen_rtl(g) ? a2_gen_lang_tag(g) : "ar-SA", NULL);
	}
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_start(x, "w:pPrDefault", NULL);
	a2_xw_start(x, "w:pPr", NULL);
	if (a2_gen_rtl(g))
		a2_xw_el(x, "w:bidi", NULL);
	a2_xw_el(x, "w:spacing", "w:after", "0", "w:line", "240", "w:lineRule", "auto", NULL);
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_end(x);

	/* Normal, as ITU documents: Times New Roman 12 pt, 6 pt before. */
	a2_xw_start(x, "w:style", "w:type", "paragraph", "w:default", "1", "w:styleId", "Normal", NULL);
	a2_xw_el(x, "w:name", "w:val", "Normal", NULL);
	a2_xw_el(x, "w:qFormat", NULL);
	a2_xw_start(x, "w:pPr", NULL);
	if (a2_gen_rtl(g))
		a2_xw_el(x, "w:bidi", NULL);         /* every paragraph right to left */
	a2_xw_el(x, "w:spacing", "w:before", "120", NULL);
	a2_xw_end(x);
	a2_xw_start(x, "w:rPr", NULL);
	sz(x, "24");
	a2_xw_end(x);
	a2_xw_end(x);

	a2_xw_start(x, "w:style", "w:type", "character", "w:default", "1",
	    "w:styleId", "DefaultParagraphFont", NULL);
	a2_xw_el(x, "w:name", "w:val", "Default Paragraph Font", NULL);
	a2_xw_el(x, "w:uiPriority", "w:val", "1", NULL);
	a2_xw_el(x, "w:semiHidden", NULL);
	a2_xw_el(x, "w:unhideWhenUsed", NULL);
	a2_xw_end(x);

	a2_xw_start(x, "w:style", "w:type", "table", "w:default", "1", "w:styleId", "TableNormal", NULL);
	a2_xw_el(x, "w:name", "w:val", "Normal Table", NULL);
	a2_xw_el(x, "w:uiPriority", "w:val", "99", NULL);
	a2_xw_el(x, "w:semiHidden", NULL);
	a2_xw_el(x, "w:unhideWhenUsed", NULL);
	a2_xw_start(x, "w:tblPr", NULL);
	a2_xw_el(x, "w:tblInd", "w:w", "0", "w:type", "dxa", NULL);
	a2_xw_start(x, "w:tblCellMar", NULL);
	a2_xw_el(x, "w:top", "w:w", "0", "w:type", "dxa", NULL);
	a2_xw_el(x, "w:left", "w:w", "108", "w:type", "dxa", NULL);
	a2_xw_el(x, "w:bottom", "w:w", "0", "w:type", "dxa", NULL);
	a2_xw_el(x, "w:right", "w:w", "108", "w:type", "dxa", NULL);
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_end(x);

	a2_xw_start(x, "w:style", "w:type", "numbering", "w:default", "1", "w:styleId", "NoList", NULL);
	a2_xw_el(x, "w:name", "w:val", "No List", NULL);
	a2_xw_el(x, "w:uiPriority", "w:val", "99", NULL);
	a2_xw_el(x, "w:semiHidden", NULL);
	a2_xw_el(x, "w:unhideWhenUsed", NULL);
	a2_xw_end(x);

	/* Annex_No: centred capitals, 14 pt. */
	style_start(x, "paragraph", "AnnexNo", "Annex_No", "Normal", 1);
	a2_xw_el(x, "w:next", "w:val", "Normal", NULL);
	a2_xw_start(x, "w:pPr", NULL);
	a2_xw_el(x, "w:keepNext", NULL);
	a2_xw_el(x, "w:spacing", "w:before", "240", "w:after", "120", NULL);
	a2_xw_el(x, "w:jc", "w:val", "center", NULL);
	a2_xw_end(x);
	a2_xw_start(x, "w:rPr", NULL);
	a2_xw_el(x, "w:caps", NULL);
	sz(x, "28");
	a2_xw_end(x);
	a2_xw_end(x);

	/* Subject: the label, then the text hanging at 2 cm. */
	style_start(x, "paragraph", "Subject", "Subject", "Normal", 1);
	a2_xw_start(x, "w:pPr", NULL);
	a2_xw_start(x, "w:tabs", NULL);
	a2_xw_el(x, "w:tab", "w:val", "left", "w:pos", "1134", NULL);
	a2_xw_end(x);
	a2_xw_el(x, "w:spacing", "w:before", "240", "w:after", "240", NULL);
	a2_xw_el(x, "w:ind", "w:left", "1134", "w:hanging", "1134", NULL);
	a2_xw_end(x);
	a2_xw_end(x);

	/* Table_text (11 pt) and Table_head (bold, centred). */
	style_start(x, "paragraph", "Tabletext", "Table_text", "Normal", 1);
	a2_xw_start(x, "w:pPr", NULL);
	a2_xw_el(x, "w:spacing", "w:before", "40", "w:after", "40", NULL);
	a2_xw_end(x);
	a2_xw_start(x, "w:rPr", NULL);
	sz(x, "22");
	a2_xw_end(x);
	a2_xw_end(x);

	style_start(x, "paragraph", "Tablehead", "Table_head", "Tabletext", 1);
	a2_xw_start(x, "w:pPr", NULL);
	a2_xw_el(x, "w:keepNext", NULL);
	a2_xw_el(x, "w:spacing", "w:before", "80", "w:after", "80", NULL);
	a2_xw_el(x, "w:jc", "w:val", "center", NULL);
	a2_xw_end(x);
	a2_xw_start(x, "w:rPr", NULL);
	a2_xw_el(x, "w:b", NULL);
	a2_xw_el(x, "w:bCs", NULL);
	a2_xw_end(x);
	a2_xw_end(x);

	hanging_style(x, "Choice", "Table_choice", "567", "567");
	hanging_style(x, "ChoiceOption", "Table_choice_option", "1134", "567");

	/* footer: 8 pt, centred */
	style_start(x, "paragraph", "Footer", "footer", "Normal", 0);
	a2_xw_el(x, "w:uiPriority", "w:val", "99", NULL);
	a2_xw_el(x, "w:unhideWhenUsed", NULL);
	a2_xw_start(x, "w:pPr", NULL);
	a2_xw_el(x, "w:spacing", "w:before", "0", NULL);
	a2_xw_el(x, "w:jc", "w:val", "center", NULL);
	a2_xw_end(x);
	a2_xw_start(x, "w:rPr", NULL);
	sz(x, "16");
	a2_xw_end(x);
	a2_xw_end(x);

	a2_xw_end(x); /* w:styles */
	return a2_xw_finish(x, out, len, "word/styles.xml", err);
}

/* ---- the marks of a form made to be scanned (gen/scanmark.h) ------------ */

static void rel(a2_xw *x, const char *id, const char *type, const char *target);

#define NS_WP  "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A   "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define EMU_MM 36000L

/* A run holding an inline picture, mm x mm, of relationship rid. */
static void
inline_image(a2_xw *x, const char *rid, long mm, unsigned id, const char *name)
{
	char ext[32], sid[16];

	snprintf(ext, sizeof(ext), "%ld", mm * EMU_MM);
	num_attr(sid, sizeof(sid), id);
	a2_xw_start(x, "w:r", NULL);
	a2_xw_start(x, "w:drawing", NULL);
	a2_xw_start(x, "wp:inline", "distT", "0", "distB", "0", "distL", "0", "distR", "0", NULL);
	a2_xw_el(x, "wp:extent", "cx", ext, "cy", ext, NULL);
	a2_xw_el(x, "wp:docPr", "id", sid, "name", name, NULL);
	a2_xw_start(x, "a:graphic", "xmlns:a", NS_A, NULL);
	a2_xw_start(x, "a:graphicData", "uri", NS_PIC, NULL);
	a2_xw_start(x, "pic:pic", "xmlns:pic", NS_PIC, NULL);
	a2_xw_start(x, "pic:nvPicPr", NULL);
	a2_xw_el(x, "pic:cNvPr", "id", "0", "name", name, NULL);
	a2_xw_el(x, "pic:cNvPicPr", NULL);
	a2_xw_end(x);
	a2_xw_start(x, "pic:blipFill", NULL);
	a2_xw_el(x, "a:blip", "r:embed", rid, NULL);
	a2_xw_start(x, "a:stretch", NULL);
	a2_xw_el(x, "a:fillRect", NULL);
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_start(x, "pic:spPr", NULL);
	a2_xw_start(x, "a:xfrm", NULL);
	a2_xw_el(x, "a:off", "x", "0", "y", "0", NULL);
	a2_xw_el(x, "a:ext", "cx", ext, "cy", ext, NULL);
	a2_xw_end(x);
	a2_xw_start(x, "a:prstGeom", "prst", "rect", NULL);
	a2_xw_el(x, "a:avLst", NULL);
	a2_xw_end(x);
	a2_xw_end(x); /* spPr */
	a2_xw_end(x); /* pic */
	a2_xw_end(x); /* graphicData */
	a2_xw_end(x); /* graphic */
	a2_xw_end(x); /* inline */
	a2_xw_end(x); /* drawing */
	a2_xw_end(x); /* r */
}

/* A paragraph: fiducial at the left margin, [the QR code centred],
 * fiducial at the right margin (always left to right). */
static void
mark_line(a2_xw *x, const char *qr_rid, unsigned id)
{
	p_start(x, NULL);
	a2_xw_start(x, "w:tabs", NULL);
	a2_xw_el(x, "w:tab", "w:val", "center", "w:pos", "4819", NULL);
	a2_xw_el(x, "w:tab", "w:val", "right", "w:pos", TEXT_W, NULL);
	a2_xw_end(x);
	a2_xw_el(x, "w:bidi", "w:val", "0", NULL);
	/* apart from the body: a table border touching a fiducial would join it */
	a2_xw_el(x, "w:spacing", "w:before", qr_rid ? "0" : "120", "w:after", qr_rid ? "120" : "0", NULL);
	ppr_end(x);
	inline_image(x, "rIdF", A2_SCAN_FID_MM, id, "annex2-fiducial");
	tab_run(x);
	if (qr_rid != NULL)
		inline_image(x, qr_rid, A2_SCAN_QR_MM, id + 1, "annex2-qr");
	tab_run(x);
	inline_image(x, "rIdF", A2_SCAN_FID_MM, id + 2, "annex2-fiducial");
	a2_xw_end(x);
}

static void
part_root(a2_xw *x, const char *name)
{
	a2_xw_start(x, name, "xmlns:w", A2_NS_W, "xmlns:r", A2_NS_R, "xmlns:wp", NS_WP, NULL);
}

static int
zip_xml(struct a2_zipout *zo, const char *name, a2_xw *x, a2_error *err)
{
	char *xml = NULL;
	size_t n = 0;
	int rc;

	if (a2_xw_finish(x, &xml, &n, name, err) != 0)
		return -1;
	rc = a2_zipout_add(zo, name, xml, n, 0, err);
	free(xml);
	return rc;
}

static int
image_rels(struct a2_zipout *zo, const char *name, const char *qr, a2_error *err)
{
	a2_xw xw, *x = &xw;

	if (a2_xw_open(x, err) != 0)
		return -1;
	a2_xw_start(x, "Relationships", "xmlns", A2_NS_PKGREL, NULL);
	rel(x, "rIdF", RT "image", "media/fiducial.png");
	if (qr != NULL)
		rel(x, "rIdQ", RT "image", qr);
	a2_xw_end(x);
	return zip_xml(zo, name, x, err);
}

/* Page k's header (its QR code between two fiducials) and the header's
 * relationship to that image. */
static int
scan_header(void *ctx, struct a2_zipout *zo, size_t k, a2_error *err)
{
	char name[64], media[32];
	a2_xw xw, *x = &xw;

	(void)ctx;
	snprintf(media, sizeof(media), "media/qr%zu.png", k);
	snprintf(name, sizeof(name), "word/_rels/header%zu.xml.rels", k);
	if (image_rels(zo, name, media, err) != 0 || a2_xw_open(x, err) != 0)
		return -1;
	part_root(x, "w:hdr");
	mark_line(x, "rIdQ", 100 + 10 * (unsigned)(k - 1));
	a2_xw_end(x);
	snprintf(name, sizeof(name), "word/header%zu.xml", k);
	return zip_xml(zo, name, x, err);
}

/* The members of the plan: a header per page with its QR code, the
 * pictures, the relationships of the headers and the footer. */
static int
add_scan_parts(const a2_gen *g, struct a2_zipout *zo, a2_error *err)
{
	if (image_rels(zo, "word/_rels/footer1.xml.rels", NULL, err) != 0)
		return -1;
	return a2_scan_add_images(g, zo, "word/media", scan_header, NULL, err);
}

static int
part_footer(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	a2_xw xw, *x = &xw;
	size_t i;

	if (a2_xw_open(x, err) != 0)
		return -1;
	part_root(x, "w:ftr");
	mark_line(x, NULL, 90);
	for (i = 0; i < g->form->n_footer; i++) {
		p_start(x, "Footer");
		if (i == 0) {
			a2_xw_start(x, "w:pBdr", NULL);
			a2_xw_el(x, "w:top", "w:val", "single", "w:sz", "4", "w:space", "4",
			    "w:color", "000000", NULL);
			a2_xw_end(x);
		}
		ppr_end(x);
		run(x, g->form->footer_lines[i], 0);
		a2_xw_end(x);
	}
	if (g->form->n_footer == 0)
		para(x, "Footer", NULL, 0);
	a2_xw_end(x);
	return a2_xw_finish(x, out, len, "word/footer1.xml", err);
}

static int
part_settings(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	a2_xw xw, *x = &xw;

	if (a2_xw_open(x, err) != 0)
		return -1;
	a2_xw_start(x, "w:settings", "xmlns:w", A2_NS_W, NULL);
	a2_xw_el(x, "w:zoom", "w:percent", "100", NULL);
	a2_xw_el(x, "w:defaultTabStop", "w:val", "794", NULL);
	a2_xw_el(x, "w:characterSpacingControl", "w:val", "doNotCompress", NULL);
	a2_xw_start(x, "w:compat", NULL);
	a2_xw_el(x, "w:compatSetting", "w:name", "compatibilityMode",
	    "w:uri", "http://schemas.microsoft.com/office/word", "w:val", "15", NULL);
	a2_xw_end(x);
	a2_xw_el(x, "w:themeFontLang", "w:val", a2_gen_lang_tag(g), NULL);
	a2_xw_end(x);
	return a2_xw_finish(x, out, len, "word/settings.xml", err);
}

static void
font(a2_xw *x, const char *name, const char *alt, const char *panose, const char *charset,
     const char *family, const char *pitch)
{
	a2_xw_start(x, "w:font", "w:name", name, NULL);
	if (alt != NULL)
		a2_xw_el(x, "w:altName", "w:val", alt, NULL);
	a2_xw_el(x, "w:panose1", "w:val", panose, NULL);
	a2_xw_el(x, "w:charset", "w:val", charset, NULL);
	a2_xw_el(x, "w:family", "w:val", family, NULL);
	a2_xw_el(x, "w:pitch", "w:val", pitch, NULL);
	a2_xw_end(x);
}

static int
part_fonts(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	a2_xw xw, *x = &xw;

	if (a2_xw_open(x, err) != 0)
		return -1;
	a2_xw_start(x, "w:fonts", "xmlns:w", A2_NS_W, NULL);
	font(x, "Times New Roman", NULL, "02020603050405020304", "00", "roman", "variable");
	font(x, BOX_FONT, NULL, "020B0609070205080204", "80", "modern", "fixed");
	if (a2_gen_cjk_font(g) != NULL)   /* Noto CJK where it is, SimSun in Office */
		font(x, a2_gen_cjk_font(g), a2_gen_cjk_alt(g), "02020400000000000000", "86", "roman", "variable");
	a2_xw_end(x);
	return a2_xw_finish(x, out, len, "word/fontTable.xml", err);
}

static void
rel(a2_xw *x, const char *id, const char *type, const char *target)
{
	a2_xw_el(x, "Relationship", "Id", id, "Type", type, "Target", target, NULL);
}

static int
part_doc_rels(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	a2_xw xw, *x = &xw;
	a2_scan_page *pages;
	size_t np, k;
	char id[32], target[64];

	if (a2_xw_open(x, err) != 0)
		return -1;
	a2_xw_start(x, "Relationships", "xmlns", A2_NS_PKGREL, NULL);
	rel(x, "rId1", RT "styles", "styles.xml");
	rel(x, "rId2", RT "settings", "settings.xml");
	rel(x, "rId3", RT "fontTable", "fontTable.xml");
	rel(x, "rId4", RT "footer", "footer1.xml");
	if (a2_scan_plan(g, &pages, &np, err) != 0) {
		a2_xw_free(x);
		return -1;
	}
	for (k = 0; k < np; k++) {
		snprintf(id, sizeof(id), "rIdH%zu", k + 1);
		snprintf(target, sizeof(target), "header%zu.xml", k + 1);
		rel(x, id, RT "header", target);
	}
	free(pages);
	a2_xw_end(x);
	return a2_xw_finish(x, out, len, "word/_rels/document.xml.rels", err);
}

static int
part_pkg_rels(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	a2_xw xw, *x = &xw;

	(void)g;
	if (a2_xw_open(x, err) != 0)
		return -1;
	a2_xw_start(x, "Relationships", "xmlns", A2_NS_PKGREL, NULL);
	rel(x, "rId1", RT "officeDocument", "word/document.xml");
	rel(x, "rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
	    "docProps/core.xml");
	rel(x, "rId3", RT "extended-properties", "docProps/app.xml");
	rel(x, "rId4", RT "custom-properties", "docProps/custom.xml");
	a2_xw_end(x);
	return a2_xw_finish(x, out, len, "_rels/.rels", err);
}

static int
part_content_types(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	static const char *const over[][2] = {
		{"/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"},
		{"/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"},
		{"/word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"},
		{"/word/fontTable.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"},
		{"/word/footer1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"},
		{"/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"},
		{"/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"},
		{"/docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml"},
	};
	a2_xw xw, *x = &xw;
	a2_scan_page *pages;
	size_t i, np;
	char name[64];

	if (a2_xw_open(x, err) != 0)
		return -1;
	a2_xw_start(x, "Types", "xmlns", NS_CT, NULL);
	a2_xw_el(x, "Default", "Extension", "rels",
	    "ContentType", "application/vnd.openxmlformats-package.relationships+xml", NULL);
	a2_xw_el(x, "Default", "Extension", "xml", "ContentType", "application/xml", NULL);
	a2_xw_el(x, "Default", "Extension", "png", "ContentType", "image/png", NULL);
	for (i = 0; i < sizeof(over) / sizeof(over[0]); i++)
		a2_xw_el(x, "Override", "PartName", over[i][0], "ContentType", over[i][1], NULL);
	if (a2_scan_plan(g, &pages, &np, err) != 0) {
		a2_xw_free(x);
		return -1;
	}
	for (i = 0; i < np; i++) {
		snprintf(name, sizeof(name), "/word/header%zu.xml", i + 1);
		a2_xw_el(x, "Override", "PartName", name, "ContentType",
		    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml", NULL);
	}
	free(pages);
	a2_xw_end(x);
	return a2_xw_finish(x, out, len, "[Content_Types].xml", err);
}

static int
part_core(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	a2_xw xw, *x = &xw;

	if (a2_xw_open(x, err) != 0)
		return -1;
	a2_xw_start(x, "cp:coreProperties",
	    "xmlns:cp", NS_CP,
	    "xmlns:dc", "http://purl.org/dc/elements/1.1/",
	    "xmlns:dcterms", "http://purl.org/dc/terms/",
	    "xmlns:dcmitype", "http://purl.org/dc/dcmitype/",
	    "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance", NULL);
	a2_xw_text_el(x, "dc:title", g->title, NULL);
	a2_xw_text_el(x, "dc:subject", g->w[A2_W_SUBJECT_TEXTS], NULL);
	a2_xw_text_el(x, "dc:creator", g->form->bureau, NULL);
	a2_xw_text_el(x, "cp:keywords", g->form->id, NULL);
	a2_xw_text_el(x, "dc:identifier", g->reference, NULL);
	a2_xw_text_el(x, "dc:language", a2_gen_lang_tag(g), NULL);
	a2_xw_text_el(x, "cp:revision", "1", NULL);
	a2_xw_text_el(x, "dcterms:created", g->created, "xsi:type", "dcterms:W3CDTF", NULL);
	a2_xw_text_el(x, "dcterms:modified", g->created, "xsi:type", "dcterms:W3CDTF", NULL);
	a2_xw_end(x);
	return a2_xw_finish(x, out, len, "docProps/core.xml", err);
}

static int
part_app(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	a2_xw xw, *x = &xw;

	(void)g;
	if (a2_xw_open(x, err) != 0)
		return -1;
	a2_xw_start(x, "Properties",
	    "xmlns", NS_EXT,
	    "xmlns:vt", A2_NS_VT, NULL);
	a2_xw_text_el(x, "Template", "Normal.dotm", NULL);
	a2_xw_text_el(x, "Application", "annex2", NULL);
	a2_xw_text_el(x, "DocSecurity", "0", NULL);
	a2_xw_end(x);
	return a2_xw_finish(x, out, len, "docProps/app.xml", err);
}

static int
part_custom(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	const char *props[][2] = {
		{A2_PROP_CONSULTATION, g->form->id},
		{A2_PROP_STATE, g->st->iso3},
		{A2_PROP_VERSION, g->form->version},
	};
	a2_xw xw, *x = &xw;
	char pid[16];
	size_t i;

	if (a2_xw_open(x, err) != 0)
		return -1;
	a2_xw_start(x, "Properties",
	    "xmlns", A2_NS_CUSTOM,
	    "xmlns:vt", A2_NS_VT, NULL);
	for (i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
		num_attr(pid, sizeof(pid), (unsigned)i + 2);
		a2_xw_start(x, "property", "fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}",
		    "pid", pid, "name", props[i][0], NULL);
		a2_xw_text_el(x, "vt:lpwstr", props[i][1], NULL);
		a2_xw_end(x);
	}
	a2_xw_end(x);
	return a2_xw_finish(x, out, len, "docProps/custom.xml", err);
}

/* ---- the package -------------------------------------------------------- */

static const a2_gen_part parts[] = {
	{"[Content_Types].xml", part_content_types},
	{"_rels/.rels", part_pkg_rels},
	{"docProps/core.xml", part_core},
	{"docProps/app.xml", part_app},
	{"docProps/custom.xml", part_custom},
	{"word/document.xml", part_document},
	{"word/_rels/document.xml.rels", part_doc_rels},
	{"word/styles.xml", part_styles},
	{"word/settings.xml", part_settings},
	{"word/fontTable.xml", part_fonts},
	{"word/footer1.xml", part_footer},
};

int
a2_generate_docx(const a2_form *form, const a2_state *st, const a2_gen_opts *opts,
                 unsigned char **out, size_t *len, a2_error *err)
{
	return a2_gen_package_more(form, st, opts, NULL, parts, sizeof(parts) / sizeof(parts[0]),
	    add_scan_parts, out, len, err);
}
