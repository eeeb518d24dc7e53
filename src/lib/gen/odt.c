/* gen/odt.c -- the Annex 2 reply form as an OpenDocument text.
 *
 * The same form as gen/docx.c, in the markup LibreOffice itself writes:
 *  - every box a loext:content-control checkbox (what LibreOffice 7.4 writes
 *    for a Word checkbox content control, and turns back into w14:checkbox
 *    when it saves DOCX), first in its label's paragraph, then a tab and
 *    the label.  LibreOffice 7.4 cannot store a tag on a content control,
 *    so a text:bookmark named like the DOCX bookmark stands just before it;
 *  - every fill-in a loext:content-control showing its placeholder (not a
 *    text:placeholder: LibreOffice neither prints nor exports to PDF those
 *    by default, and shows them as "<[Name]>");
 *  - the identifiers of the form as meta:user-defined properties.
 * Package: mimetype first and stored, then content, styles, meta, settings,
 * manifest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/xml.h"
#include "core/zip.h"
#include "gen/gen.h"
#include "gen/scanmark.h"

#define MIME_ODT "application/vnd.oasis.opendocument.text"

/* Namespaces not in core/xml.h. */
#define NS_SVG    "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_DC     "http://purl.org/dc/elements/1.1/"
#define NS_XLINK  "http://www.w3.org/1999/xlink"
#define NS_MANIF  "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
#define NS_CONFIG "urn:oasis:names:tc:opendocument:xmlns:config:1.0"
#define NS_DRAW   "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"

#define BOX_UNCHECKED "\xE2\x98\x90" /* U+2610 */
#define BOX_CHECKED   "\xE2\x98\x92" /* U+2612 */
#define BOX_FONT      "MS Gothic"
#define SERIF         "Times New Roman"

/* Paragraph and text style names (display names in styles.xml). */
#define S_STANDARD  "Standard"
#define S_ANNEX     "Annex_20_No"
#define S_SUBJECT   "Subject"
#define S_TTEXT     "Table_20_text"
#define S_THEAD     "Table_20_head"
#define S_CHOICE    "Table_20_choice"
#define S_OPTION    "Table_20_choice_20_option"
#define S_FOOTER    "Footer"
#define T_BOLD      "T_bold"
#define T_BOX       "T_box"

/* ---- small writers ---------------------------------------------------- */

/* Text with ODF white space: '\n' line break, '\t' tab, runs of spaces
 * as one space and a text:s. */
static void
text(a2_xw *x, const char *s)
{
	const char *p = s;
	char cnt[32];

	while (*p) {
		size_t n = strcspn(p, "\n\t ");
		if (n > 0)
			a2_xw_text(x, p, n);
		p += n;
		if (*p == '\n') {
			a2_xw_el(x, "text:line-break", NULL);
			p++;
		} else if (*p == '\t') {
			a2_xw_el(x, "text:tab", NULL);
			p++;
		} else if (*p == ' ') {
			size_t k = strspn(p, " ");
			if (p == s)
				a2_xw_el(x, "text:s", NULL);
			else
				a2_xw_text(x, " ", 1);
			if (k > 1) {
				snprintf(cnt, sizeof(cnt), "%zu", k - 1);
				a2_xw_el(x, "text:s", "text:c", k > 2 ? cnt : NULL, NULL);
			}
			p += k;
		}
	}
}

static void
span(a2_xw *x, const char *style, const char *s)
{
	a2_xw_start(x, "text:span", "text:style-name", style, NULL);
	text(x, s);
	a2_xw_end(x);
}

static void
para(a2_xw *x, const char *style, const char *s, int bold)
{
	a2_xw_start(x, "text:p", "text:style-name", style, NULL);
	if (s != NULL && *s != '\0') {
		if (bold)
			span(x, T_BOLD, s);
		else
			text(x, s);
	}
	a2_xw_end(x);
}

/* A checkbox content control, as LibreOffice writes it, after a bookmark. */
static void
checkbox(a2_xw *x, const char *bm)
{
	a2_xw_el(x, "text:bookmark", "text:name", bm, NULL);
	a2_xw_start(x, "loext:content-control", "loext:checkbox", "true",
	    "loext:checked-state", BOX_CHECKED, "loext:unchecked-state", BOX_UNCHECKED, NULL);
	span(x, T_BOX, BOX_UNCHECKED);
	a2_xw_end(x);
}

/* A fill-in: a content control showing its placeholder wording, as
 * LibreOffice writes one (it prints, a click selects it, typing replaces
 * it; saved as DOCX it becomes a w:sdt with w:showingPlcHdr), after a
 * bookmark naming it. */
static void
input(a2_xw *x, const a2_gen *g, int which)
{
	const a2_gen_input *in = &g->in[which];

	a2_xw_el(x, "text:bookmark", "text:name", in->bookmark, NULL);
	a2_xw_start(x, "loext:content-control", "loext:showing-place-holder", "true", NULL);
	text(x, in->ph);
	a2_xw_end(x);
}

static void
value_or_input(a2_xw *x, const a2_gen *g, const char *value, int which)
{
	if (value != NULL)
		text(x, value);
	else
		input(x, g, which);
}

static void
cell_start(a2_xw *x, const char *style, const char *rows_spanned)
{
	a2_xw_start(x, "table:table-cell", "table:style-name", style,
	    "table:number-rows-spanned", rows_spanned, "office:value-type", "string", NULL);
}

static void
label_cell(a2_xw *x, const char *s)
{
	cell_start(x, "AddrCell", NULL);
	para(x, S_TTEXT, s, 1);
	a2_xw_end(x);
}

/* ---- content.xml -------------------------------------------------------- */

static void
font_decls(a2_xw *x, const a2_gen *g)
{
	a2_xw_start(x, "office:font-face-decls", NULL);
	if (a2_gen_cjk_font(g) != NULL)   /* Noto CJK: on Debian; Office substitutes */
		a2_xw_el(x, "style:font-face", "style:name", a2_gen_cjk_font(g),
		    "svg:font-family", a2_gen_cjk_font(g), "style:font-family-generic", "roman",
		    "style:font-pitch", "variable", NULL);
	a2_xw_el(x, "style:font-face", "style:name", SERIF, "svg:font-family", "'" SERIF "'",
	    "style:font-family-generic", "roman", "style:font-pitch", "variable", NULL);
	/* declared as LibreOffice declares it when it imports a Word box: where
	 * MS Gothic is missing the fallback draws a box of the right size */
	a2_xw_el(x, "style:font-face", "style:name", BOX_FONT, "svg:font-family", "'" BOX_FONT "'",
	    "style:font-family-generic", "roman", "style:font-pitch", "variable", NULL);
	a2_xw_end(x);
}

static void
table_style_mp(a2_xw *x, const a2_gen *g, const char *name, const char *master)
{
	a2_xw_start(x, "style:style", "style:name", name, "style:family", "table",
	    "style:master-page-name", master, NULL);
	a2_xw_el(x, "style:table-properties", "style:width", "17cm",
	    "table:align", a2_gen_rtl(g) ? "right" : "left",
	    "style:writing-mode", a2_gen_rtl(g) ? "rl-tb" : NULL,
	    "table:border-model", "collapsing", NULL);
	a2_xw_end(x);
}

static void
table_style(a2_xw *x, const a2_gen *g, const char *name)
{
	table_style_mp(x, g, name, NULL);
}

static void
column_style(a2_xw *x, const char *name, const char *width)
{
	a2_xw_start(x, "style:style", "style:name", name, "style:family", "table-column", NULL);
	a2_xw_el(x, "style:table-column-properties", "style:column-width", width, NULL);
	a2_xw_end(x);
}

static void
keep_style(a2_xw *x, const char *name, const char *parent)
{
	a2_xw_start(x, "style:style", "style:name", name, "style:family", "paragraph",
	    "style:parent-style-name", parent, NULL);
	a2_xw_el(x, "style:paragraph-properties", "fo:keep-with-next", "always", NULL);
	a2_xw_end(x);
}

static void
content_styles(a2_xw *x, const a2_gen *g)
{
	a2_xw_start(x, "office:automatic-styles", NULL);

	table_style(x, g, "AddrTbl");
	column_style(x, "AddrTbl.A", "2.25cm");
	column_style(x, "AddrTbl.B", "6.25cm");
	table_style(x, g, "ChoiceTbl");
	column_style(x, "ChoiceTbl.A", "5cm");
	column_style(x, "ChoiceTbl.B", "12cm");

	a2_xw_start(x, "style:style", "style:name", "Row", "style:family", "table-row", NULL);
	a2_xw_el(x, "style:table-row-properties", "fo:keep-together", "always", NULL);
	a2_xw_end(x);

	a2_xw_start(x, "style:style", "style:name", "AddrCell", "style:family", "table-cell", NULL);
	a2_xw_el(x, "style:table-cell-properties", "fo:padding-left", "0.1cm",
	    "fo:padding-right", "0.1cm", "fo:padding-top", "0cm", "fo:padding-bottom", "0cm",
	    "fo:border", "none", NULL);
	a2_xw_end(x);

	a2_xw_start(x, "style:style", "style:name", "ChoiceCell", "style:family", "table-cell", NULL);
	a2_xw_el(x, "style:table-cell-properties", "fo:padding-left", "0.15cm",
	    "fo:padding-right", "0.15cm", "fo:padding-top", "0cm", "fo:padding-bottom", "0cm",
	    "fo:border", "0.5pt solid #000000", NULL);
	a2_xw_end(x);

	/* direct paragraph formatting of the letter; top and bottom margins
	 * always together (LibreOffice zeroes the one left out) */
	a2_xw_start(x, "style:style", "style:name", "P_salutation", "style:family", "paragraph",
	    "style:parent-style-name", S_STANDARD, NULL);
	a2_xw_el(x, "style:paragraph-properties", "fo:margin-top", "0.635cm",
	    "fo:margin-bottom", "0cm", NULL);
	a2_xw_end(x);
	a2_xw_start(x, "style:style", "style:name", "P_request", "style:family", "paragraph",
	    "style:parent-style-name", S_STANDARD, NULL);
	a2_xw_el(x, "style:paragraph-properties", "fo:margin-top", "0.212cm",
	    "fo:margin-bottom", "0.423cm", NULL);
	a2_xw_end(x);
	a2_xw_start(x, "style:style", "style:name", "P_closing", "style:family", "paragraph",
	    "style:parent-style-name", S_STANDARD, NULL);
	a2_xw_el(x, "style:paragraph-properties", "fo:margin-top", "0.635cm",
	    "fo:margin-bottom", "0cm", "fo:keep-with-next", "always", NULL);
	a2_xw_end(x);
	a2_xw_start(x, "style:style", "style:name", "P_sign", "style:family", "paragraph",
	    "style:parent-style-name", S_STANDARD, NULL);
	a2_xw_el(x, "style:paragraph-properties", "fo:margin-top", "1.27cm",
	    "fo:margin-bottom", "0cm", "fo:keep-with-next", "always", NULL);
	a2_xw_end(x);
	a2_xw_start(x, "style:style", "style:name", "P_sign_next", "style:family", "paragraph",
	    "style:parent-style-name", S_STANDARD, NULL);
	a2_xw_el(x, "style:paragraph-properties", "fo:margin-top", "0cm",
	    "fo:margin-bottom", "0cm", "fo:keep-with-next", "always", NULL);
	a2_xw_end(x);
	a2_xw_start(x, "style:style", "style:name", "P_sign_last", "style:family", "paragraph",
	    "style:parent-style-name", S_STANDARD, NULL);
	a2_xw_el(x, "style:paragraph-properties", "fo:margin-top", "0cm",
	    "fo:margin-bottom", "0cm", NULL);
	a2_xw_end(x);

	/* Each page of the plan (gen/scanmark.h) on its own master page: the
	 * heading of page 1, the table of a page of texts, the closing of a
	 * page of the signature alone. */
	{
		a2_scan_page *pages;
		size_t np, k;
		char name[32], master[32];

		if (a2_scan_plan(g, &pages, &np, NULL) == 0) {
			for (k = 0; k < np; k++) {
				snprintf(name, sizeof(name), "PB%zu", k + 1);
				snprintf(master, sizeof(master), "A2P%zu", k + 1);
				if (k == 0) {
					a2_xw_el(x, "style:style", "style:name", name, "style:family", "paragraph",
					    "style:parent-style-name", S_ANNEX, "style:master-page-name", master, NULL);
				} else if (pages[k].last > pages[k].first) {
					table_style_mp(x, g, name, master);
				} else {
					a2_xw_start(x, "style:style", "style:name", name, "style:family", "paragraph",
					    "style:parent-style-name", S_STANDARD, "style:master-page-name", master, NULL);
					a2_xw_el(x, "style:paragraph-properties", "fo:margin-top", "0.635cm",
					    "fo:margin-bottom", "0cm", "fo:keep-with-next", "always", NULL);
					a2_xw_end(x);
				}
			}
			free(pages);
		} else {
			x->failed = 1;
		}
	}

	/* The first row of a text keeps with the second ("does not assign"):
	 * every paragraph of the row keeps with the next (TableRowKeep). */
	keep_style(x, "P_label", S_TTEXT);
	keep_style(x, "P_assigns", S_CHOICE);
	keep_style(x, "P_option", S_OPTION);
	/* the Secretariat's address, fax, e-mail and the reference are Latin
	 * text: left to right even in a right-to-left form */
	a2_xw_start(x, "style:style", "style:name", "P_ltr", "style:family", "paragraph",
	    "style:parent-style-name", S_TTEXT, NULL);
	a2_xw_el(x, "style:paragraph-properties", "fo:text-align", a2_gen_rtl(g) ? "start" : NULL,
	    "style:writing-mode", "lr-tb", NULL);
	a2_xw_end(x);

	a2_xw_start(x, "style:style", "style:name", T_BOLD, "style:family", "text", NULL);
	a2_xw_el(x, "style:text-properties", "fo:font-weight", "bold",
	    "style:font-weight-asian", "bold", "style:font-weight-complex", "bold", NULL);
	a2_xw_end(x);
	a2_xw_start(x, "style:style", "style:name", T_BOX, "style:family", "text", NULL);
	a2_xw_el(x, "style:text-properties", "style:font-name", BOX_FONT, "fo:font-size", "12pt",
	    "style:font-name-asian", BOX_FONT, "style:font-size-asian", "12pt",
	    "style:font-size-complex", "12pt", NULL);
	a2_xw_end(x);

	a2_xw_end(x);
}

static void
address_block(a2_xw *x, const a2_gen *g)
{
	a2_buf lines = {0}, faxmail = {0};
	size_t i;

	for (i = 0; i < g->form->n_to; i++)
		a2_buf_printf(&lines, "%s%s", i ? "\n" : "", g->form->to_lines[i]);
	a2_buf_printf(&faxmail, "%s\n%s", g->w[A2_W_FAX], g->w[A2_W_EMAIL]);
	if (lines.failed || faxmail.failed) {
		x->failed = 1;
		goto out;
	}
	a2_xw_start(x, "table:table", "table:name", "Addresses", "table:style-name", "AddrTbl", NULL);
	a2_xw_el(x, "table:table-column", "table:style-name", "AddrTbl.A", NULL);
	a2_xw_el(x, "table:table-column", "table:style-name", "AddrTbl.B", NULL);
	a2_xw_el(x, "table:table-column", "table:style-name", "AddrTbl.A", NULL);
	a2_xw_el(x, "table:table-column", "table:style-name", "AddrTbl.B", NULL);

	a2_xw_start(x, "table:table-row", NULL);
	label_cell(x, g->w[A2_W_TO]);
	cell_start(x, "AddrCell", NULL);
	para(x, "P_ltr", lines.len ? lines.data : "", 0);
	a2_xw_end(x);
	label_cell(x, g->w[A2_W_FROM]);
	cell_start(x, "AddrCell", NULL);
	a2_xw_start(x, "text:p", "text:style-name", S_TTEXT, NULL);
	value_or_input(x, g, g->c_name, A2_IN_FROM_NAME);
	a2_xw_end(x);
	a2_xw_start(x, "text:p", "text:style-name", S_TTEXT, NULL);
	value_or_input(x, g, g->c_title, A2_IN_FROM_TITLE);
	a2_xw_end(x);
	para(x, S_TTEXT, g->w[A2_W_ADMINISTRATION], 0);
	a2_xw_start(x, "text:p", "text:style-name", S_TTEXT, NULL);
	value_or_input(x, g, g->c_address, A2_IN_ADDRESS);
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_end(x);

	a2_xw_start(x, "table:table-row", NULL);
	label_cell(x, faxmail.data);
	cell_start(x, "AddrCell", NULL);
	a2_xw_start(x, "text:p", "text:style-name", "P_ltr", NULL);
	text(x, g->form->fax);
	a2_xw_el(x, "text:line-break", NULL);
	text(x, g->form->email);
	a2_xw_end(x);
	a2_xw_end(x);
	label_cell(x, faxmail.data);
	cell_start(x, "AddrCell", NULL);
	a2_xw_start(x, "text:p", "text:style-name", S_TTEXT, NULL);
	if (g->c_email != NULL) {
		a2_xw_el(x, "text:line-break", NULL);
		text(x, g->c_email);
	}
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_end(x);

	a2_xw_start(x, "table:table-row", NULL);
	label_cell(x, g->w[A2_W_REF]);
	cell_start(x, "AddrCell", NULL);
	para(x, "P_ltr", g->reference, 0);
	a2_xw_end(x);
	label_cell(x, g->w[A2_W_DATE]);
	cell_start(x, "AddrCell", NULL);
	a2_xw_start(x, "text:p", "text:style-name", S_TTEXT, NULL);
	input(x, g, A2_IN_PLACE);
	text(x, ", ");
	input(x, g, A2_IN_DATE);
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_end(x);

	a2_xw_end(x); /* table */
out:
	a2_buf_free(&lines);
	a2_buf_free(&faxmail);
}

static void
choice(a2_xw *x, const char *style, const a2_gen_text *t, int opt)
{
	a2_xw_start(x, "text:p", "text:style-name", style, NULL);
	checkbox(x, t->bookmark[opt]);
	a2_xw_el(x, "text:tab", NULL);
	text(x, t->opt[opt]);
	a2_xw_end(x);
}

static void
choice_table(a2_xw *x, const a2_gen *g, size_t first, size_t last, size_t page)
{
	size_t i;
	char name[32], style[32];

	snprintf(name, sizeof(name), first == 0 ? "Choices" : "Choices%zu", page + 1);
	snprintf(style, sizeof(style), "PB%zu", page + 1);
	a2_xw_start(x, "table:table", "table:name", name, "table:style-name", style, NULL);
	a2_xw_el(x, "table:table-column", "table:style-name", "ChoiceTbl.A", NULL);
	a2_xw_el(x, "table:table-column", "table:style-name", "ChoiceTbl.B", NULL);
	a2_xw_start(x, "table:table-header-rows", NULL);
	a2_xw_start(x, "table:table-row", "table:style-name", "Row", NULL);
	cell_start(x, "ChoiceCell", NULL);
	para(x, S_THEAD, NULL, 0);
	a2_xw_end(x);
	cell_start(x, "ChoiceCell", NULL);
	para(x, S_THEAD, g->w[A2_W_TABLE_HEAD], 0);
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_end(x);

	for (i = first; i < last; i++) {
		const a2_gen_text *t = &g->texts[i];

		a2_xw_start(x, "table:table-row", "table:style-name", "Row", NULL);
		cell_start(x, "ChoiceCell", "2");
		para(x, "P_label", t->label, 1);
		a2_xw_end(x);
		cell_start(x, "ChoiceCell", NULL);
		choice(x, "P_assigns", t, A2_OPT_ASSIGNS);
		choice(x, "P_option", t, A2_OPT_NONE);
		choice(x, "P_option", t, A2_OPT_ATTACHED);
		a2_xw_end(x);
		a2_xw_end(x);

		a2_xw_start(x, "table:table-row", "table:style-name", "Row", NULL);
		a2_xw_el(x, "table:covered-table-cell", NULL);
		cell_start(x, "ChoiceCell", NULL);
		choice(x, S_CHOICE, t, A2_OPT_NOT_ASSIGN);
		a2_xw_end(x);
		a2_xw_end(x);
	}
	a2_xw_end(x);
}

static int
part_content(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	a2_xw xw, *x = &xw;
	a2_scan_page *pages;
	size_t np, k;
	char pb[32];

	if (a2_xw_open(x, err) != 0)
		return -1;
	a2_xw_start(x, "office:document-content",
	    "xmlns:office", A2_NS_OFFICE, "xmlns:style", A2_NS_STYLE, "xmlns:text", A2_NS_TEXT,
	    "xmlns:table", A2_NS_TABLE, "xmlns:fo", A2_NS_FO, "xmlns:svg", NS_SVG,
	    "xmlns:loext", A2_NS_LOEXT, "office:version", "1.3", NULL);
	font_decls(x, g);
	content_styles(x, g);
	a2_xw_start(x, "office:body", NULL);
	a2_xw_start(x, "office:text", NULL);

	para(x, "PB1", g->w[A2_W_ANNEX], 0);

	a2_xw_start(x, "text:p", "text:style-name", S_SUBJECT, NULL);
	span(x, T_BOLD, g->w[A2_W_SUBJECT_LABEL]);
	a2_xw_el(x, "text:tab", NULL);
	span(x, T_BOLD, g->w[A2_W_SUBJECT]);
	a2_xw_el(x, "text:line-break", NULL);
	span(x, T_BOLD, g->w[A2_W_SUBJECT_TEXTS]);
	a2_xw_end(x);

	address_block(x, g);

	para(x, "P_salutation", g->w[A2_W_SALUTATION], 0);
	para(x, "P_request", g->w[A2_W_REQUEST], 0);

	if (a2_scan_plan(g, &pages, &np, err) != 0) {
		a2_xw_free(x);
		return -1;
	}
	for (k = 1; k < np; k++)
		if (pages[k].last > pages[k].first)
			choice_table(x, g, pages[k].first, pages[k].last, k);
	if (pages[np - 1].last > pages[np - 1].first) {
		para(x, "P_closing", g->w[A2_W_CLOSING], 0);
	} else {
		snprintf(pb, sizeof(pb), "PB%zu", np);
		para(x, pb, g->w[A2_W_CLOSING], 0);
	}
	free(pages);
	a2_xw_start(x, "text:p", "text:style-name", "P_sign", NULL);
	input(x, g, A2_IN_NAME);
	a2_xw_end(x);
	a2_xw_start(x, "text:p", "text:style-name", "P_sign_next", NULL);
	input(x, g, A2_IN_TITLE);
	a2_xw_end(x);
	para(x, "P_sign_last", g->w[A2_W_ADMINISTRATION], 0);

	a2_xw_end(x); /* office:text */
	a2_xw_end(x); /* office:body */
	a2_xw_end(x);
	return a2_xw_finish(x, out, len, "content.xml", err);
}

/* ---- styles.xml --------------------------------------------------------- */

/* An image as a character, mm x mm. */
static void
image_char(a2_xw *x, const char *href, int mm)
{
	char sz[16];

	snprintf(sz, sizeof(sz), "%dmm", mm);
	a2_xw_start(x, "draw:frame", "text:anchor-type", "as-char", "svg:width", sz,
	    "svg:height", sz, "draw:z-index", "0", NULL);
	a2_xw_el(x, "draw:image", "xlink:href", href, "xlink:type", "simple",
	    "xlink:show", "embed", "xlink:actuate", "onLoad", NULL);
	a2_xw_end(x);
}

/* Fiducial at the left margin, [the QR code centred], fiducial at the right
 * margin (gen/scanmark.h). */
static void
mark_line(a2_xw *x, const char *qr)
{
	a2_xw_start(x, "text:p", "text:style-name", "MPmarks", NULL);
	image_char(x, "Pictures/fiducial.png", A2_SCAN_FID_MM);
	a2_xw_el(x, "text:tab", NULL);
	if (qr != NULL)
		image_char(x, qr, A2_SCAN_QR_MM);
	a2_xw_el(x, "text:tab", NULL);
	image_char(x, "Pictures/fiducial.png", A2_SCAN_FID_MM);
	a2_xw_end(x);
}

static int
add_scan_parts(const a2_gen *g, struct a2_zipout *zo, a2_error *err)
{
	return a2_scan_add_images(g, zo, "Pictures", NULL, NULL, err);
}

/* A paragraph style: name, display name, parent; the caller writes the
 * properties and a2_xw_end(). */
static void
pstyle(a2_xw *x, const char *name, const char *display, const char *parent)
{
	a2_xw_start(x, "style:style", "style:name", name, "style:display-name", display,
	    "style:family", "paragraph", "style:parent-style-name", parent,
	    "style:class", "text", NULL);
}

static void
size_props(a2_xw *x, const char *pt, int bold)
{
	a2_xw_el(x, "style:text-properties", "fo:font-size", pt, "style:font-size-asian", pt,
	    "style:font-size-complex", pt, "fo:font-weight", bold ? "bold" : NULL,
	    "style:font-weight-asian", bold ? "bold" : NULL,
	    "style:font-weight-complex", bold ? "bold" : NULL, NULL);
}

/* Box at the left, label at the indent: a hanging indent with a tab stop
 * at the indent (tab positions are relative to the indent). */
static void
hanging(a2_xw *x, int rtl, const char *name, const char *display, const char *left, const char *indent)
{
	pstyle(x, name, display, S_TTEXT);
	/* right to left: LibreOffice mirrors the indents itself */
	(void)rtl;
	a2_xw_start(x, "style:paragraph-properties", "fo:margin-left", left,
	    "fo:text-indent", indent, "style:auto-text-indent", "false", NULL);
	a2_xw_start(x, "style:tab-stops", NULL);
	a2_xw_el(x, "style:tab-stop", "style:position", "0cm", NULL);
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_end(x);
}

static void
office_styles(a2_xw *x, const a2_gen *g)
{
	const char *tag = a2_gen_lang_tag(g);
	const char *dash = strchr(tag, '-');
	char lang[16], country[16];

	snprintf(lang, sizeof(lang), "%.*s", dash ? (int)(dash - tag) : (int)strlen(tag), tag);
	snprintf(country, sizeof(country), "%s", dash ? dash + 1 : "");

	a2_xw_start(x, "office:styles", NULL);

	a2_xw_start(x, "style:default-style", "style:family", "paragraph", NULL);
	a2_xw_el(x, "style:paragraph-properties", "style:tab-stop-distance", "1.4cm",
	    "style:writing-mode", a2_gen_rtl(g) ? "rl-tb" : "lr-tb", NULL);
	/* the language goes where the office program looks for it: fo: for
	 * Western text, style:*-asian for Chinese, style:*-complex for Arabic */
	a2_xw_el(x, "style:text-properties", "style:font-name", SERIF,
	    "style:font-name-asian", a2_gen_cjk_font(g) ? a2_gen_cjk_font(g) : SERIF,
	    "style:font-name-complex", SERIF,
	    "fo:font-size", "12pt", "style:font-size-asian", "12pt", "style:font-size-complex", "12pt",
	    "fo:language", a2_gen_cjk_font(g) || a2_gen_rtl(g) ? "en" : lang,
	    "fo:country", a2_gen_cjk_font(g) || a2_gen_rtl(g) ? "GB" : (*country ? country : NULL),
	    "style:language-asian", a2_gen_cjk_font(g) ? lang : NULL,
	    "style:country-asian", a2_gen_cjk_font(g) && *country ? country : NULL,
	    "style:language-complex", a2_gen_rtl(g) ? lang : NULL,
	    "style:country-complex", a2_gen_rtl(g) && *country ? country : NULL,
	    "fo:hyphenate", "false", NULL);
	a2_xw_end(x);

	a2_xw_start(x, "style:style", "style:name", S_STANDARD, "style:family", "paragraph",
	    "style:class", "text", NULL);
	a2_xw_el(x, "style:paragraph-properties", "fo:margin-top", "0.212cm",
	    "fo:margin-bottom", "0cm", "style:writing-mode", a2_gen_rtl(g) ? "rl-tb" : NULL,
	    "fo:text-align", a2_gen_rtl(g) ? "end" : NULL, NULL);
	a2_xw_end(x);

	pstyle(x, S_ANNEX, "Annex_No", S_STANDARD);
	a2_xw_el(x, "style:paragraph-properties", "fo:margin-top", "0.423cm",
	    "fo:margin-bottom", "0.212cm", "fo:text-align", "center", "fo:keep-with-next", "always", NULL);
	a2_xw_el(x, "style:text-properties", "fo:text-transform", "uppercase",
	    "fo:font-size", "14pt", "style:font-size-asian", "14pt", "style:font-size-complex", "14pt", NULL);
	a2_xw_end(x);

	pstyle(x, S_SUBJECT, "Subject", S_STANDARD);
	a2_xw_start(x, "style:paragraph-properties", "fo:margin-left", "2cm",
	    "fo:text-indent", "-2cm", "fo:margin-top", "0.423cm", "fo:margin-bottom", "0.423cm",
	    "style:auto-text-indent", "false", NULL);
	a2_xw_start(x, "style:tab-stops", NULL);
	a2_xw_el(x, "style:tab-stop", "style:position", "0cm", NULL);
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_end(x);

	pstyle(x, S_TTEXT, "Table_text", S_STANDARD);
	a2_xw_el(x, "style:paragraph-properties", "fo:margin-top", "0.071cm",
	    "fo:margin-bottom", "0.071cm", NULL);
	size_props(x, "11pt", 0);
	a2_xw_end(x);

	pstyle(x, S_THEAD, "Table_head", S_TTEXT);
	a2_xw_el(x, "style:paragraph-properties", "fo:margin-top", "0.141cm",
	    "fo:margin-bottom", "0.141cm", "fo:text-align", "center", "fo:keep-with-next", "always", NULL);
	size_props(x, "11pt", 1);
	a2_xw_end(x);

	hanging(x, a2_gen_rtl(g), S_CHOICE, "Table_choice", "1cm", "-1cm");
	hanging(x, a2_gen_rtl(g), S_OPTION, "Table_choice_option", "2cm", "-1cm");

	a2_xw_start(x, "style:style", "style:name", S_FOOTER, "style:family", "paragraph",
	    "style:parent-style-name", S_STANDARD, "style:class", "extra", NULL);
	a2_xw_el(x, "style:paragraph-properties", "fo:margin-top", "0cm",
	    "fo:margin-bottom", "0cm", "fo:text-align", "center", NULL);
	size_props(x, "8pt", 0);
	a2_xw_end(x);

	a2_xw_end(x); /* office:styles */
}

static int
part_styles(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	a2_xw xw, *x = &xw;
	a2_scan_page *pages;
	size_t i, np, k;
	char name[32], qr[48];

	if (a2_xw_open(x, err) != 0)
		return -1;
	a2_xw_start(x, "office:document-styles",
	    "xmlns:office", A2_NS_OFFICE, "xmlns:style", A2_NS_STYLE, "xmlns:text", A2_NS_TEXT,
	    "xmlns:table", A2_NS_TABLE, "xmlns:fo", A2_NS_FO, "xmlns:svg", NS_SVG,
	    "xmlns:draw", NS_DRAW, "xmlns:xlink", NS_XLINK,
	    "xmlns:loext", A2_NS_LOEXT, "office:version", "1.3", NULL);
	font_decls(x, g);
	office_styles(x, g);

	a2_xw_start(x, "office:automatic-styles", NULL);
	/* A4, 2 cm at the sides, the body ending 2.5 cm above the edge. */
	a2_xw_start(x, "style:page-layout", "style:name", "pm1", NULL);
	a2_xw_el(x, "style:page-layout-properties", "fo:page-width", "21cm",
	    "fo:page-height", "29.7cm", "style:print-orientation", "portrait",
	    "fo:margin-top", "1cm", "fo:margin-bottom", "1cm",
	    "fo:margin-left", "2cm", "fo:margin-right", "2cm",
	    "style:writing-mode", a2_gen_rtl(g) ? "rl-tb" : NULL, NULL);
	a2_xw_start(x, "style:header-style", NULL);
	a2_xw_el(x, "style:header-footer-properties", "fo:min-height", "0cm",
	    "fo:margin-bottom", "0.3cm", NULL);
	a2_xw_end(x);
	a2_xw_start(x, "style:footer-style", NULL);
	a2_xw_el(x, "style:header-footer-properties", "fo:min-height", "0cm",
	    "fo:margin-top", "0.8cm", NULL);
	a2_xw_end(x);
	a2_xw_end(x);
	/* the first footer line carries a rule above it */
	a2_xw_start(x, "style:style", "style:name", "MP1", "style:family", "paragraph",
	    "style:parent-style-name", S_FOOTER, NULL);
	a2_xw_el(x, "style:paragraph-properties", "fo:border-top", "0.5pt solid #000000",
	    "fo:border-bottom", "none", "fo:border-left", "none", "fo:border-right", "none",
	    "fo:padding-top", "0.1cm", NULL);
	a2_xw_end(x);
	/* the line of the fiducials (and QR code): tabs at the centre and the
	 * right margin, always left to right */
	a2_xw_start(x, "style:style", "style:name", "MPmarks", "style:family", "paragraph",
	    "style:parent-style-name", S_STANDARD, NULL);
	a2_xw_start(x, "style:paragraph-properties", "fo:margin-top", "0cm",
	    "fo:margin-bottom", "0cm", "fo:text-align", "start", "style:writing-mode", "lr-tb", NULL);
	a2_xw_start(x, "style:tab-stops", NULL);
	a2_xw_el(x, "style:tab-stop", "style:position", "8.5cm", "style:type", "center", NULL);
	a2_xw_el(x, "style:tab-stop", "style:position", "17cm", "style:type", "right", NULL);
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_end(x);

	a2_xw_start(x, "office:master-styles", NULL);
	if (a2_scan_plan(g, &pages, &np, err) != 0) {
		a2_xw_free(x);
		return -1;
	}
	/* Standard (as before), then one master page per page of the plan:
	 * its QR code in the header, the fiducials in header and footer */
	for (k = 0; k <= np; k++) {
		snprintf(name, sizeof(name), "A2P%zu", k);
		snprintf(qr, sizeof(qr), "Pictures/qr%zu.png", k);
		a2_xw_start(x, "style:master-page", "style:name", k ? name : "Standard",
		    "style:page-layout-name", "pm1", NULL);
		if (k > 0) {
			a2_xw_start(x, "style:header", NULL);
			mark_line(x, qr);
			a2_xw_end(x);
		}
		a2_xw_start(x, "style:footer", NULL);
		if (k > 0)
			mark_line(x, NULL);
		for (i = 0; i < g->form->n_footer; i++)
			para(x, i == 0 ? "MP1" : S_FOOTER, g->form->footer_lines[i], 0);
		if (g->form->n_footer == 0)
			para(x, S_FOOTER, NULL, 0);
		a2_xw_end(x);
		a2_xw_end(x);
	}
	free(pages);
	a2_xw_end(x);

	a2_xw_end(x);
	return a2_xw_finish(x, out, len, "styles.xml", err);
}

/* ---- meta.xml, manifest ------------------------------------------------- */

static int
part_meta(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	const char *props[][2] = {
		{A2_PROP_CONSULTATION, g->form->id},
		{A2_PROP_STATE, g->st->iso3},
		{A2_PROP_VERSION, g->form->version},
	};
	a2_xw xw, *x = &xw;
	char date[64];
	size_t i;

	snprintf(date, sizeof(date), "%sT00:00:00", g->form->date);
	if (a2_xw_open(x, err) != 0)
		return -1;
	a2_xw_start(x, "office:document-meta", "xmlns:office", A2_NS_OFFICE, "xmlns:meta", A2_NS_META,
	    "xmlns:dc", NS_DC, "xmlns:xlink", NS_XLINK, "office:version", "1.3", NULL);
	a2_xw_start(x, "office:meta", NULL);
	a2_xw_text_el(x, "meta:generator", "annex2", NULL);
	a2_xw_text_el(x, "dc:title", g->title, NULL);
	a2_xw_text_el(x, "dc:subject", g->w[A2_W_SUBJECT_TEXTS], NULL);
	a2_xw_text_el(x, "meta:keyword", g->form->id, NULL);
	a2_xw_text_el(x, "meta:initial-creator", g->form->bureau, NULL);
	a2_xw_text_el(x, "meta:creation-date", date, NULL);
	a2_xw_text_el(x, "dc:date", date, NULL);
	a2_xw_text_el(x, "dc:language", a2_gen_lang_tag(g), NULL);
	for (i = 0; i < sizeof(props) / sizeof(props[0]); i++)
		a2_xw_text_el(x, "meta:user-defined", props[i][1], "meta:name", props[i][0],
		    "meta:value-type", "string", NULL);
	a2_xw_end(x);
	a2_xw_end(x);
	return a2_xw_finish(x, out, len, "meta.xml", err);
}

/* The compatibility settings of a document LibreOffice makes today: without
 * them LibreOffice lays an ODT out as an old OpenOffice.org one (spacing
 * between paragraphs, tabs measured from the margin). */
static int
part_settings(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	static const char *const items[][2] = {
		{"TabsRelativeToIndent", "true"},
		{"AddParaTableSpacing", "true"},
		{"AddParaTableSpacingAtStart", "true"},
		{"AddParaSpacingToTableCells", "true"},
		{"AddParaLineSpacingToTableCells", "true"},
		{"AddExternalLeading", "true"},
		{"UseFormerLineSpacing", "false"},
		{"UseFormerObjectPositioning", "false"},
		{"UseFormerTextWrapping", "false"},
		{"TableRowKeep", "true"},
	};
	a2_xw xw, *x = &xw;
	size_t i;

	(void)g;
	if (a2_xw_open(x, err) != 0)
		return -1;
	/* "ooo:configuration-settings" is read as a QName: without the ooo
	 * declaration LibreOffice silently ignores every item. */
	a2_xw_start(x, "office:document-settings", "xmlns:office", A2_NS_OFFICE,
	    "xmlns:config", NS_CONFIG, "xmlns:ooo", A2_NS_OOO, "office:version", "1.3", NULL);
	a2_xw_start(x, "office:settings", NULL);
	a2_xw_start(x, "config:config-item-set", "config:name", "ooo:configuration-settings", NULL);
	a2_xw_text_el(x, "config:config-item", "high-resolution",
	    "config:name", "PrinterIndependentLayout", "config:type", "string", NULL);
	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		a2_xw_text_el(x, "config:config-item", items[i][1],
		    "config:name", items[i][0], "config:type", "boolean", NULL);
	a2_xw_end(x);
	a2_xw_end(x);
	a2_xw_end(x);
	return a2_xw_finish(x, out, len, "settings.xml", err);
}

static int
part_manifest(const a2_gen *g, char **out, size_t *len, a2_error *err)
{
	static const char *const files[] = {"content.xml", "styles.xml", "meta.xml", "settings.xml"};
	a2_xw xw, *x = &xw;
	a2_scan_page *pages;
	size_t i, np;
	char name[48];

	if (a2_xw_open(x, err) != 0)
		return -1;
	a2_xw_start(x, "manifest:manifest", "xmlns:manifest", NS_MANIF, "manifest:version", "1.3", NULL);
	a2_xw_el(x, "manifest:file-entry", "manifest:full-path", "/", "manifest:version", "1.3",
	    "manifest:media-type", MIME_ODT, NULL);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		a2_xw_el(x, "manifest:file-entry", "manifest:full-path", files[i],
		    "manifest:media-type", "text/xml", NULL);
	a2_xw_el(x, "manifest:file-entry", "manifest:full-path", "Pictures/fiducial.png",
	    "manifest:media-type", "image/png", NULL);
	if (a2_scan_plan(g, &pages, &np, err) != 0) {
		a2_xw_free(x);
		return -1;
	}
	for (i = 0; i < np; i++) {
		snprintf(name, sizeof(name), "Pictures/qr%zu.png", i + 1);
		a2_xw_el(x, "manifest:file-entry", "manifest:full-path", name,
		    "manifest:media-type", "image/png", NULL);
	}
	free(pages);
	a2_xw_end(x);
	return a2_xw_finish(x, out, len, "META-INF/manifest.xml", err);
}

/* ---- the package -------------------------------------------------------- */

static const a2_gen_part parts[] = {
	{"content.xml", part_content},
	{"styles.xml", part_styles},
	{"meta.xml", part_meta},
	{"settings.xml", part_settings},
	{"META-INF/manifest.xml", part_manifest},
};

int
a2_generate_odt(const a2_form *form, const a2_state *st, const a2_gen_opts *opts,
                unsigned char **out, size_t *len, a2_error *err)
{
	return a2_gen_package_more(form, st, opts, MIME_ODT, parts, sizeof(parts) / sizeof(parts[0]),
	    add_scan_parts, out, len, err);
}
