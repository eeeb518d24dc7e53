/* tests/unit/test_odt.c -- the ODF front end (read/odt/odt.c): ODT and flat ODT
 * lowered into the reply model.  Documents are built in memory from XML
 * strings; the shared corpus (real files) is checked when it is present. */
#include "testutil.h"

#include <dirent.h>

#include "core/util.h"
#include "core/zip.h"
#include "read/frontend.h"

#define NS_DECLS \
	" xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
	" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
	" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
	" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"" \
	" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"" \
	" xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\"" \
	" xmlns:form=\"urn:oasis:names:tc:opendocument:xmlns:form:1.0\"" \
	" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\"" \
	" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"" \
	" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"" \
	" xmlns:loext=\"urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0\"" \
	" xmlns:field=\"urn:openoffice:names:experimental:ooo-ms-interop:xmlns:field:1.0\"" \
	" xmlns:ooo=\"http://openoffice.org/2004/office\""

#define BOX_ON  "\xE2\x98\x92"   /* ☒ */
#define BOX_OFF "\xE2\x98\x90"   /* ☐ */

/* ---- helpers ---- */

static a2_limits
limits(void)
{
	a2_limits l;

	a2_limits_default(&l);
	return l;
}

/* A flat ODT: automatic styles and the office:text body. */
static char *
fodt(const char *auto_styles, const char *body)
{
	char *s = a2_sprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<office:document" NS_DECLS " office:version=\"1.3\""
	    " office:mimetype=\"application/vnd.oasis.opendocument.text\">\n"
	    "<office:automatic-styles>%s</office:automatic-styles>\n"
	    "<office:body><office:text>%s</office:text></office:body>\n"
	    "</office:document>\n", auto_styles ? auto_styles : "", body);

	assert_non_null(s);
	return s;
}

/* A flat ODT read as a stream (doc, err: a2_fodt_lower's) is what the
 * tree reads. */
static void
fodt_same_as_tree(const a2_doc *doc, const a2_error *err, const char *x)
{
	a2_limits lim = limits();
	a2_error terr;
	a2_doc *tree;

	a2_error_clear(&terr);
	tree = a2_fodt_lower_tree(x, strlen(x), &lim, &terr);
	t_same_as_tree(doc, err, tree, &terr);
}

static char *content_xml(const char *auto_styles, const char *body);
static a2_doc *lower_odt(const char *content, const char *styles, const char *meta, a2_error *err);

/* Lowers a flat ODT that must succeed; the same as a zipped ODT too (its
 * content.xml read as a stream and as a tree, compared by lower_odt). */
static a2_doc *
lower_fodt(const char *auto_styles, const char *body)
{
	a2_limits lim = limits();
	a2_error err;
	char *x = fodt(auto_styles, body);
	a2_doc *doc;

	a2_error_clear(&err);
	doc = a2_fodt_lower(x, strlen(x), &lim, &err);
	if (doc == NULL)
		fail_msg("fodt lowering failed: %s: %s", a2_code_name(err.code), err.message);
	assert_true(a2_doc_check(doc));
	assert_int_equal(doc->format, A2_FMT_FODT);
	fodt_same_as_tree(doc, &err, x);
	free(x);
	{
		char *c = content_xml(auto_styles, body);
		a2_doc *z = lower_odt(c, NULL, NULL, &err);
		a2_doc_free(z);
		free(c);
	}
	return doc;
}

static char *
content_xml(const char *auto_styles, const char *body)
{
	char *s = a2_sprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<office:document-content" NS_DECLS " office:version=\"1.3\">\n"
	    "<office:automatic-styles>%s</office:automatic-styles>\n"
	    "<office:body><office:text>%s</office:text></office:body>\n"
	    "</office:document-content>\n", auto_styles ? auto_styles : "", body);

	assert_non_null(s);
	return s;
}

/* A zipped ODT in memory; any part may be NULL (absent). */
static unsigned char *
make_odt(const char *content, const char *styles, const char *meta, size_t *len)
{
	static const char mime[] = "application/vnd.oasis.opendocument.text";
	a2_error err;
	a2_zipout *zo;
	unsigned char *out = NULL;

	a2_error_clear(&err);
	zo = a2_zipout_new(&err);
	assert_non_null(zo);
	assert_int_equal(a2_zipout_add(zo, "mimetype", mime, strlen(mime), 1, &err), 0);
	if (content != NULL)
		assert_int_equal(a2_zipout_add(zo, "content.xml", content, strlen(content), 0, &err), 0);
	if (styles != NULL)
		assert_int_equal(a2_zipout_add(zo, "styles.xml", styles, strlen(styles), 0, &err), 0);
	if (meta != NULL)
		assert_int_equal(a2_zipout_add(zo, "meta.xml", meta, strlen(meta), 0, &err), 0);
	assert_int_equal(a2_zipout_finish(zo, &out, len, &err), 0);
	return out;
}

/* Lowers a zipped ODT through a2_odt_lower; NULL with *err on failure. */
static a2_doc *
lower_odt(const char *content, const char *styles, const char *meta, a2_error *err)
{
	a2_limits lim = limits();
	size_t len;
	unsigned char *data = make_odt(content, styles, meta, &len);
	a2_zip *z;
	a2_doc *doc;

	a2_error_clear(err);
	z = a2_zip_open_mem(data, len, &lim, err);
	assert_non_null(z);
	doc = a2_odt_lower(z, &lim, err);
	{
		/* the stream reads what the tree walk reads (issue 18) */
		a2_error terr;
		a2_doc *tree;
		a2_error_clear(&terr);
		tree = a2_odt_lower_tree(z, &lim, &terr);
		t_same_as_tree(doc, err, tree, &terr);
	}
	a2_zip_close(z);
	free(data);
	if (doc != NULL) {
		assert_true(a2_doc_check(doc));
		assert_int_equal(doc->format, A2_FMT_ODT);
	}
	return doc;
}

static const a2_block *
blk(const a2_doc *doc, size_t i)
{
	assert_true(i < doc->n_blocks);
	return &doc->blocks[i];
}

static const a2_mark *
mark(const a2_doc *doc, size_t b, size_t i)
{
	assert_true(i < blk(doc, b)->n_marks);
	return &blk(doc, b)->marks[i];
}

/* Flags of the span covering byte off of block b (0 when none). */
static unsigned
flags_at(const a2_doc *doc, size_t b, size_t off)
{
	const a2_block *k = blk(doc, b);
	size_t i;

	for (i = 0; i < k->n_spans; i++)
		if (off >= k->spans[i].start && off < k->spans[i].start + k->spans[i].len)
			return k->spans[i].flags;
	return 0;
}

/* Byte offset of needle in block b's text (fails when absent). */
static size_t
where(const a2_doc *doc, size_t b, const char *needle)
{
	const char *p = strstr(blk(doc, b)->text, needle);

	if (p == NULL)
		fail_msg("\"%s\" not in block %zu \"%s\"", needle, b, blk(doc, b)->text);
	return (size_t)(p - blk(doc, b)->text);
}

/* ---- content controls ---- */

static void
test_loext_checkbox(void **state)
{
	a2_doc *doc;
	const a2_mark *m;

	(void)state;
	doc = lower_fodt(NULL,
	    /* checked, glyph in a span */
	    "<text:p>Yes <loext:content-control loext:checkbox=\"true\" loext:checked=\"true\""
	    " loext:checked-state=\"" BOX_ON "\" loext:unchecked-state=\"" BOX_OFF "\">"
	    "<text:span>" BOX_ON "</text:span></loext:content-control> assigns</text:p>"
	    /* unchecked: no loext:checked; named by its tag */
	    "<text:p><loext:content-control loext:checkbox=\"true\" loext:tag=\"X.1237-dna\""
	    " loext:alias=\"Alias\" loext:checked-state=\"" BOX_ON "\" loext:unchecked-state=\""
	    BOX_OFF "\">" BOX_OFF "</loext:content-control>No</text:p>"
	    /* flag says checked, glyph shows unchecked */
	    "<text:p><loext:content-control loext:checkbox=\"true\" loext:checked=\"true\""
	    " loext:alias=\"Only alias\">" BOX_OFF "</loext:content-control>stale</text:p>"
	    /* own states: X / O; unchecked flag, X shown */
	    "<text:p><loext:content-control loext:checkbox=\"true\" loext:checked-state=\"X\""
	    " loext:unchecked-state=\"O\"> X </loext:content-control></text:p>"
	    /* a glyph that is neither state: no disagreement claimed */
	    "<text:p><loext:content-control loext:checkbox=\"true\">?</loext:content-control></text:p>");

	assert_int_equal(doc->n_blocks, 5);
	assert_int_equal(doc->n_marks_total, 5);

	assert_string_equal(blk(doc, 0)->text, "Yes  assigns");
	m = mark(doc, 0, 0);
	assert_int_equal(m->kind, A2_MK_CONTENT_CONTROL);
	assert_int_equal(m->state, A2_ON);
	assert_int_equal(m->offset, 4);
	assert_int_equal(m->flags, 0);
	assert_string_equal(m->glyph, BOX_ON);
	assert_null(m->name);

	assert_string_equal(blk(doc, 1)->text, "No");
	m = mark(doc, 1, 0);
	assert_int_equal(m->state, A2_OFF);
	assert_int_equal(m->offset, 0);
	assert_int_equal(m->flags, 0);
	assert_string_equal(m->name, "X.1237-dna");
	assert_string_equal(m->glyph, BOX_OFF);

	m = mark(doc, 2, 0);
	assert_int_equal(m->state, A2_ON);
	assert_true(m->flags & A2_MF_DISAGREE);
	assert_string_equal(m->name, "Only alias");
	assert_string_equal(blk(doc, 2)->text, "stale");

	m = mark(doc, 3, 0);
	assert_int_equal(m->state, A2_OFF);
	assert_true(m->flags & A2_MF_DISAGREE);
	assert_string_equal(m->glyph, "X");
	assert_string_equal(blk(doc, 3)->text, "");

	m = mark(doc, 4, 0);
	assert_int_equal(m->state, A2_OFF);
	assert_int_equal(m->flags, 0);
	a2_doc_free(doc);
}

static void
test_loext_other_controls(void **state)
{
	a2_doc *doc;

	(void)state;
	doc = lower_fodt(NULL,
	    "<text:p>Choice: <loext:content-control loext:dropdown=\"true\">"
	    "<loext:list-item loext:display-text=\"Red\" loext:value=\"r\"/>"
	    "<loext:list-item loext:display-text=\"Green\" loext:value=\"g\"/>Green"
	    "</loext:content-control></text:p>"
	    "<text:p>Name: <loext:content-control loext:showing-place-holder=\"true\">"
	    "Click here</loext:content-control>.</text:p>");
	assert_int_equal(doc->n_marks_total, 0);
	assert_string_equal(blk(doc, 0)->text, "Choice: Green");
	assert_int_equal(flags_at(doc, 0, where(doc, 0, "Green")), 0);
	assert_string_equal(blk(doc, 1)->text, "Name: Click here.");
	assert_int_equal(flags_at(doc, 1, where(doc, 1, "Click")), A2_SF_FIELD);
	assert_int_equal(flags_at(doc, 1, where(doc, 1, "Name")), 0);
	a2_doc_free(doc);
}

/* ---- fieldmarks ---- */

static void
test_fieldmark_checkbox(void **state)
{
	a2_doc *doc;
	const a2_mark *m;

	(void)state;
	doc = lower_fodt(NULL,
	    /* checked, LibreOffice's own name, user bookmark right before */
	    "<text:p>A <text:bookmark-start text:name=\"Check1\"/><field:fieldmark"
	    " text:name=\"__Fieldmark__3_3734258989\""
	    " field:type=\"vnd.oasis.opendocument.field.FORMCHECKBOX\">"
	    "<field:param field:name=\"Checkbox_Checked\" field:value=\"true\"/>"
	    "</field:fieldmark><text:bookmark-end text:name=\"Check1\"/>assigns</text:p>"
	    /* never touched: no param at all */
	    "<text:p>B <field:fieldmark text:name=\"__Fieldmark__9_1\""
	    " field:type=\"vnd.oasis.opendocument.field.FORMCHECKBOX\"/>no</text:p>"
	    /* explicit false, own name kept; a hidden _Hlk bookmark is no name */
	    "<text:p><text:bookmark-start text:name=\"_Hlk1\"/><field:fieldmark"
	    " text:name=\"FmCheck1\" field:type=\"vnd.oasis.opendocument.field.FORMCHECKBOX\">"
	    "<field:param field:name=\"Checkbox_Checked\" field:value=\"false\"/></field:fieldmark>"
	    "<text:bookmark-start text:name=\"_Hlk2\"/><field:fieldmark text:name=\"__Fieldmark__2_2\""
	    " field:type=\"vnd.oasis.opendocument.field.FORMCHECKBOX\"/></text:p>"
	    /* older range form */
	    "<text:p>C <field:fieldmark-start text:name=\"Old\""
	    " field:type=\"vnd.oasis.opendocument.field.FORMCHECKBOX\">"
	    "<field:param field:name=\"Checkbox_Checked\" field:value=\"true\"/>"
	    "</field:fieldmark-start><field:fieldmark-end/>end</text:p>");

	assert_int_equal(doc->n_marks_total, 5);
	assert_string_equal(blk(doc, 0)->text, "A assigns");
	m = mark(doc, 0, 0);
	assert_int_equal(m->kind, A2_MK_FORM_FIELD);
	assert_int_equal(m->state, A2_ON);
	assert_int_equal(m->offset, 2);
	assert_string_equal(m->name, "Check1");

	m = mark(doc, 1, 0);
	assert_int_equal(m->state, A2_OFF);
	assert_null(m->name);
	assert_int_equal(m->offset, 2);

	m = mark(doc, 2, 0);
	assert_int_equal(m->state, A2_OFF);
	assert_string_equal(m->name, "FmCheck1");
	m = mark(doc, 2, 1);
	assert_null(m->name);

	assert_string_equal(blk(doc, 3)->text, "C end");
	m = mark(doc, 3, 0);
	assert_int_equal(m->state, A2_ON);
	assert_string_equal(m->name, "Old");
	a2_doc_free(doc);
}

static void
test_fieldmark_ranges(void **state)
{
	a2_doc *doc;

	(void)state;
	doc = lower_fodt(NULL,
	    /* FORMDROPDOWN: the selected entry is the text */
	    "<text:p>Pick: <field:fieldmark text:name=\"__Fieldmark__1_1\""
	    " field:type=\"vnd.oasis.opendocument.field.FORMDROPDOWN\">"
	    "<field:param field:name=\"Dropdown_ListEntry\" field:value=\"assigns\"/>"
	    "<field:param field:name=\"Dropdown_ListEntry\" field:value=\"does not assign\"/>"
	    "<field:param field:name=\"Dropdown_Selected\" field:value=\"1\"/>"
	    "</field:fieldmark>.</text:p>"
	    /* no selection: nothing */
	    "<text:p>None: <field:fieldmark field:type=\"vnd.oasis.opendocument.field.FORMDROPDOWN\">"
	    "<field:param field:name=\"Dropdown_ListEntry\" field:value=\"x\"/></field:fieldmark></text:p>"
	    /* a text field range: its result is text */
	    "<text:p>T <field:fieldmark-start text:name=\"Text1\""
	    " field:type=\"vnd.oasis.opendocument.field.FORMTEXT\"/><field:fieldmark-separator/>"
	    "typed<field:fieldmark-end/>!</text:p>"
	    /* a Word field with its code before the separator: code hidden */
	    "<text:p>D <field:fieldmark-start field:type=\"vnd.oasis.opendocument.field.UNHANDLED\"/>"
	    " DATE \\@ \"d\" <field:fieldmark-separator/>21<field:fieldmark-end/></text:p>"
	    /* a range with no separator: all of it is the result */
	    "<text:p><field:fieldmark-start field:type=\"vnd.oasis.opendocument.field.FORMTEXT\"/>"
	    "all<field:fieldmark-end/></text:p>"
	    /* a stray end does no harm */
	    "<text:p><field:fieldmark-end/>ok</text:p>");
	assert_int_equal(doc->n_marks_total, 0);
	assert_string_equal(blk(doc, 0)->text, "Pick: does not assign.");
	assert_string_equal(blk(doc, 1)->text, "None: ");
	assert_string_equal(blk(doc, 2)->text, "T typed!");
	assert_string_equal(blk(doc, 3)->text, "D 21");
	assert_string_equal(blk(doc, 4)->text, "all");
	assert_string_equal(blk(doc, 5)->text, "ok");
	a2_doc_free(doc);
}

static void
test_text_dropdown_and_inputs(void **state)
{
	a2_doc *doc;

	(void)state;
	doc = lower_fodt(NULL,
	    "<text:p><text:drop-down text:name=\"\"><text:label text:value=\"Choose an item.\"/>"
	    "<text:label text:current-selected=\"true\" text:value=\"assigns\"/>assigns"
	    "</text:drop-down></text:p>"
	    "<text:p><text:drop-down><text:label text:value=\"a\"/><text:label text:value=\"b\"/>"
	    "shown</text:drop-down></text:p>"
	    "<text:p>Name: <text:text-input text:description=\"n\">Jane Doe</text:text-input></text:p>"
	    "<text:p>Date: <text:placeholder text:placeholder-type=\"text\">&lt;date&gt;"
	    "</text:placeholder></text:p>"
	    "<text:p>V<text:variable-input text:name=\"v\" text:display=\"none\">hidden"
	    "</text:variable-input>W</text:p>");
	assert_int_equal(doc->n_marks_total, 0);
	assert_string_equal(blk(doc, 0)->text, "assigns");
	assert_string_equal(blk(doc, 1)->text, "shown");
	assert_string_equal(blk(doc, 2)->text, "Name: Jane Doe");
	assert_int_equal(blk(doc, 2)->n_spans, 0);
	assert_string_equal(blk(doc, 3)->text, "Date: <date>");
	assert_int_equal(flags_at(doc, 3, where(doc, 3, "<date>")), A2_SF_FIELD);
	assert_string_equal(blk(doc, 4)->text, "VW");
	a2_doc_free(doc);
}

/* ---- form controls ---- */

static const char FORMS[] =
    "<office:forms form:automatic-focus=\"false\" form:apply-design-mode=\"false\">"
    "<form:form form:name=\"Standard\" form:control-implementation=\"ooo:com.sun.star.form.component.Form\">"
    /* ticked by the user */
    "<form:checkbox form:name=\"CB1\" xml:id=\"control1\" form:id=\"control1\" form:label=\"Agree\""
    " form:current-state=\"checked\"/>"
    /* THE TRAP: ticked by default, unticked by the user: OFF */
    "<form:checkbox form:name=\"CB2\" xml:id=\"control2\" form:id=\"control2\" form:label=\"Old\""
    " form:state=\"checked\"/>"
    /* never touched */
    "<form:checkbox form:name=\"\" form:id=\"control3\" form:label=\"Label as name\"/>"
    /* tri-state: unknown */
    "<form:checkbox form:name=\"CB4\" xml:id=\"control4\" form:current-state=\"unknown\""
    " form:is-tristate=\"true\"/>"
    /* radios: the current selection counts, form:selected is the default */
    "<form:radio form:name=\"G\" xml:id=\"control5\" form:label=\"Yes\" form:selected=\"true\"/>"
    "<form:radio form:name=\"G\" xml:id=\"control6\" form:label=\"No\" form:current-selected=\"true\"/>"
    "<form:text form:name=\"T\" xml:id=\"control7\"/>"
    /* controls in a sub-form */
    "<form:form form:name=\"Sub\"><form:checkbox form:name=\"Deep\" xml:id=\"control8\""
    " form:current-state=\"unchecked\"/></form:form>"
    "</form:form></office:forms>";

static void
test_form_controls(void **state)
{
	a2_doc *doc;
	const a2_mark *m;
	char *body;

	(void)state;
	body = a2_sprintf("%s"
	    "<text:p>A <draw:control text:anchor-type=\"as-char\" draw:control=\"control1\"/> agree</text:p>"
	    "<text:p><draw:control draw:control=\"control2\"/>B</text:p>"
	    "<text:p><draw:control draw:control=\"control3\"/><draw:control draw:control=\"control4\"/></text:p>"
	    "<text:p>Y<draw:control draw:control=\"control5\"/> N<draw:control draw:control=\"control6\"/></text:p>"
	    "<text:p><draw:control draw:control=\"control7\"/><draw:control draw:control=\"nosuch\"/>x</text:p>"
	    "<draw:control text:anchor-type=\"page\" draw:control=\"control8\"/>",
	    FORMS);
	assert_non_null(body);
	doc = lower_fodt(NULL, body);
	free(body);

	assert_int_equal(doc->n_blocks, 6);
	assert_int_equal(doc->n_marks_total, 7);
	/* the label is not text */
	assert_string_equal(blk(doc, 0)->text, "A  agree");
	m = mark(doc, 0, 0);
	assert_int_equal(m->kind, A2_MK_FORM_CONTROL);
	assert_int_equal(m->state, A2_ON);
	assert_int_equal(m->offset, 2);
	assert_string_equal(m->name, "CB1");
	assert_null(m->glyph);

	m = mark(doc, 1, 0);
	assert_int_equal(m->state, A2_OFF);
	assert_int_equal(m->flags, 0);
	assert_string_equal(m->name, "CB2");

	m = mark(doc, 2, 0);
	assert_int_equal(m->state, A2_OFF);
	assert_string_equal(m->name, "Label as name");
	m = mark(doc, 2, 1);
	assert_int_equal(m->state, A2_UNKNOWN);

	assert_string_equal(blk(doc, 3)->text, "Y N");
	m = mark(doc, 3, 0);
	assert_int_equal(m->state, A2_OFF);
	assert_true(m->flags & A2_MF_RADIO);
	assert_int_equal(m->offset, 1);
	m = mark(doc, 3, 1);
	assert_int_equal(m->state, A2_ON);
	assert_true(m->flags & A2_MF_RADIO);
	assert_int_equal(m->offset, 3);

	assert_int_equal(blk(doc, 4)->n_marks, 0);
	/* a page-anchored control gets a block of its own */
	assert_string_equal(blk(doc, 5)->text, "");
	m = mark(doc, 5, 0);
	assert_int_equal(m->state, A2_OFF);
	assert_string_equal(m->name, "Deep");
	a2_doc_free(doc);
}

/* ---- tracked changes ---- */

static void
test_tracked_changes(void **state)
{
	a2_doc *doc;
	size_t off;

	(void)state;
	doc = lower_fodt(NULL,
	    "<text:tracked-changes text:track-changes=\"true\">"
	    "<text:changed-region xml:id=\"ct1\" text:id=\"ct1\"><text:deletion>"
	    "<office:change-info><dc:creator>A</dc:creator><dc:date>2024-08-01T10:00:00</dc:date>"
	    "</office:change-info><text:p>does not assign</text:p></text:deletion></text:changed-region>"
	    "<text:changed-region xml:id=\"ct2\" text:id=\"ct2\"><text:insertion>"
	    "<office:change-info><dc:creator>A</dc:creator></office:change-info>"
	    "</text:insertion></text:changed-region>"
	    "<text:changed-region text:id=\"ct3\"><text:format-change>"
	    "<office:change-info/></text:format-change></text:changed-region>"
	    "</text:tracked-changes>"
	    "<text:p>Vote: <text:change text:change-id=\"ct1\"/>assigns"
	    "<text:change-start text:change-id=\"ct2\"/> (added)<text:change-end text:change-id=\"ct2\"/>"
	    "<text:change-start text:change-id=\"ct3\"/> fmt<text:change-end text:change-id=\"ct3\"/></text:p>");
	assert_int_equal(doc->n_blocks, 1);
	assert_string_equal(blk(doc, 0)->text, "Vote: assigns (added) fmt");
	assert_null(strstr(blk(doc, 0)->text, "does not"));
	off = where(doc, 0, "(added)");
	assert_int_equal(flags_at(doc, 0, off), A2_SF_INSERTED);
	assert_int_equal(flags_at(doc, 0, where(doc, 0, "assigns")), 0);
	assert_int_equal(flags_at(doc, 0, where(doc, 0, "fmt")), 0);
	a2_doc_free(doc);
}

/* ---- styles ---- */

static const char STYLES_XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<office:document-styles" NS_DECLS "><office:styles>"
    "<style:style style:name=\"Strike\" style:family=\"text\">"
    "<style:text-properties style:text-line-through-style=\"solid\"/></style:style>"
    "<style:style style:name=\"StrikeChild\" style:family=\"text\" style:parent-style-name=\"Strike\">"
    "<style:text-properties fo:font-weight=\"bold\"/></style:style>"
    "<style:style style:name=\"Struck_Para\" style:family=\"paragraph\">"
    "<style:text-properties style:text-line-through-style=\"solid\""
    " style:text-line-through-type=\"double\"/></style:style>"
    /* a cycle must not hang */
    "<style:style style:name=\"Loop1\" style:family=\"text\" style:parent-style-name=\"Loop2\"/>"
    "<style:style style:name=\"Loop2\" style:family=\"text\" style:parent-style-name=\"Loop1\"/>"
    /* same name, other family: must not be taken for a text style */
    "<style:style style:name=\"T9\" style:family=\"paragraph\">"
    "<style:text-properties style:text-line-through-style=\"solid\"/></style:style>"
    "</office:styles></office:document-styles>";

static const char AUTO_STYLES[] =
    "<style:style style:name=\"T1\" style:family=\"text\" style:parent-style-name=\"StrikeChild\"/>"
    "<style:style style:name=\"T2\" style:family=\"text\">"
    "<style:text-properties fo:background-color=\"#ffff00\"/></style:style>"
    "<style:style style:name=\"T3\" style:family=\"text\">"
    "<style:text-properties text:display=\"none\"/></style:style>"
    "<style:style style:name=\"T4\" style:family=\"text\">"
    "<style:text-properties style:text-line-through-style=\"none\"/></style:style>"
    "<style:style style:name=\"T5\" style:family=\"text\">"
    "<style:text-properties fo:background-color=\"transparent\" fo:font-weight=\"700\"/></style:style>"
    "<style:style style:name=\"T6\" style:family=\"text\" style:parent-style-name=\"Loop1\"/>"
    "<style:style style:name=\"T9\" style:family=\"text\"/>"
    "<style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Struck_Para\"/>"
    "<style:style style:name=\"P2\" style:family=\"paragraph\">"
    "<style:text-properties text:display=\"none\"/></style:style>";

static void
test_styles(void **state)
{
	a2_error err;
	a2_doc *doc;
	char *content;

	(void)state;
	content = content_xml(AUTO_STYLES,
	    "<text:p>keep <text:span text:style-name=\"T1\">struck</text:span> "
	    "<text:span text:style-name=\"T2\">lit</text:span>"
	    "<text:span text:style-name=\"T3\">HIDDEN</text:span> "
	    "<text:span text:style-name=\"T5\">bold</text:span> "
	    "<text:span text:style-name=\"T6\">loop</text:span> "
	    "<text:span text:style-name=\"T9\">plain</text:span> "
	    "<text:span text:style-name=\"nosuch\">x</text:span></text:p>"
	    "<text:p text:style-name=\"P1\">all struck <text:span text:style-name=\"T4\">but this</text:span>"
	    "<text:span text:style-name=\"T2\"> lit</text:span></text:p>"
	    "<text:p text:style-name=\"P2\">hidden paragraph</text:p>"
	    "<text:p>last</text:p>");
	doc = lower_odt(content, STYLES_XML, NULL, &err);
	free(content);
	if (doc == NULL)
		fail_msg("%s: %s", a2_code_name(err.code), err.message);

	assert_int_equal(doc->n_blocks, 3);
	assert_string_equal(blk(doc, 0)->text, "keep struck lit bold loop plain x");
	assert_int_equal(flags_at(doc, 0, where(doc, 0, "keep")), 0);
	assert_int_equal(flags_at(doc, 0, where(doc, 0, "struck")), A2_SF_STRUCK | A2_SF_BOLD);
	assert_int_equal(flags_at(doc, 0, where(doc, 0, "lit")), A2_SF_HIGHLIGHT);
	assert_int_equal(flags_at(doc, 0, where(doc, 0, "bold")), A2_SF_BOLD);
	assert_int_equal(flags_at(doc, 0, where(doc, 0, "loop")), 0);
	assert_int_equal(flags_at(doc, 0, where(doc, 0, "plain")), 0);

	assert_string_equal(blk(doc, 1)->text, "all struck but this lit");
	assert_int_equal(flags_at(doc, 1, where(doc, 1, "all")), A2_SF_STRUCK);
	assert_int_equal(flags_at(doc, 1, where(doc, 1, "but")), 0);
	assert_int_equal(flags_at(doc, 1, where(doc, 1, "lit")), A2_SF_STRUCK | A2_SF_HIGHLIGHT);
	assert_string_equal(blk(doc, 2)->text, "last");
	a2_doc_free(doc);
}

/* ---- tables ---- */

static void
test_tables(void **state)
{
	static const struct { const char *text; int table, row, col, depth; } want[] = {
		{"before", -1, -1, -1, 0},
		{"h0", 0, 0, 0, 1},
		{"h2", 0, 0, 2, 1},
		{"", 0, 1, 0, 1},
		{"r1c2", 0, 1, 2, 1},
		{"i0", 1, 0, 0, 2},
		{"i2c1", 1, 2, 1, 2},
		{"after inner", 0, 1, 2, 1},
		{"between", -1, -1, -1, 0},
		{"t2", 2, 0, 0, 1},
		{"after", -1, -1, -1, 0},
	};
	a2_doc *doc;
	size_t i;

	(void)state;
	doc = lower_fodt(NULL,
	    "<text:p>before</text:p>"
	    "<table:table table:name=\"T1\">"
	    "<table:table-column table:number-columns-repeated=\"3\"/>"
	    "<table:table-header-rows><table:table-row>"
	    "<table:table-cell table:number-columns-spanned=\"2\"><text:p>h0</text:p></table:table-cell>"
	    "<table:covered-table-cell/>"
	    "<table:table-cell><text:p>h2</text:p></table:table-cell>"
	    "</table:table-row></table:table-header-rows>"
	    "<table:table-row>"
	    "<table:table-cell table:number-columns-repeated=\"2\"><text:p/></table:table-cell>"
	    "<table:table-cell><text:p>r1c2</text:p>"
	    "<table:table table:name=\"Inner\"><table:table-row table:number-rows-repeated=\"2\">"
	    "<table:table-cell><text:p>i0</text:p></table:table-cell></table:table-row>"
	    "<table:table-row><table:table-cell/><table:table-cell><text:list><text:list-item>"
	    "<text:p>i2c1</text:p></text:list-item></text:list></table:table-cell></table:table-row>"
	    "</table:table>"
	    "<text:p>after inner</text:p></table:table-cell>"
	    "</table:table-row></table:table>"
	    "<text:p>between</text:p>"
	    "<table:table><table:table-row><table:table-cell><text:p>t2</text:p></table:table-cell>"
	    "</table:table-row></table:table>"
	    "<text:p>after</text:p>");
	assert_int_equal(doc->n_blocks, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < doc->n_blocks; i++) {
		const a2_block *b = blk(doc, i);
		assert_string_equal(b->text, want[i].text);
		assert_int_equal(b->table, want[i].table);
		assert_int_equal(b->row, want[i].row);
		assert_int_equal(b->col, want[i].col);
		assert_int_equal(b->depth, want[i].depth);
	}
	a2_doc_free(doc);
}

/* ---- text ---- */

static void
test_text_spacing(void **state)
{
	a2_doc *doc;
	char *body;
	a2_buf b = {0};
	int i;

	(void)state;
	doc = lower_fodt(NULL,
	    "<text:p>\n   lead   and\ttrail  \n</text:p>"
	    "<text:p>a<text:s/>b<text:s text:c=\"3\"/>c<text:tab/>d<text:line-break/>e"
	    "<text:soft-page-break/>f <text:span> g</text:span> <text:a xlink:href=\"x\""
	    " xmlns:xlink=\"http://www.w3.org/1999/xlink\">link</text:a></text:p>"
	    "<text:h text:outline-level=\"1\"><text:number>1.</text:number>Heading</text:h>"
	    "<text:p><text:s text:c=\"999999999\"/>|</text:p>"
	    "<text:p>X \xE2\x83\x9D typed \xE2\x98\x92 glyphs</text:p>"
	    "<text:p>note<text:note text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>"
	    "<text:note-body><text:p>in note</text:p></text:note-body></text:note> after"
	    "<office:annotation><dc:creator>me</dc:creator><text:p>comment</text:p></office:annotation>"
	    "</text:p>");
	assert_string_equal(blk(doc, 0)->text, "lead and trail ");
	assert_string_equal(blk(doc, 1)->text, "a b   c\td\nef g link");
	assert_string_equal(blk(doc, 2)->text, "Heading");
	assert_int_equal(blk(doc, 3)->len, 1024 + 1);
	assert_string_equal(blk(doc, 4)->text, "X \xE2\x83\x9D typed \xE2\x98\x92 glyphs");
	assert_int_equal(doc->n_marks_total, 0);
	/* the footnote's paragraph is a block of its own, before the outer
	 * paragraph ends; the comment is not text */
	assert_string_equal(blk(doc, 5)->text, "note after");
	assert_string_equal(blk(doc, 6)->text, "in note");
	assert_int_equal(doc->n_blocks, 7);
	a2_doc_free(doc);

	/* many large text:s: the text budget stops it with a limit error */
	for (i = 0; i < 5000; i++)
		a2_buf_puts(&b, "<text:s text:c=\"1024\"/>");
	assert_false(b.failed);
	{
		a2_limits lim = limits();
		a2_error err;
		char *x;
		body = a2_sprintf("<text:p>%s</text:p>", b.data);
		x = fodt(NULL, body);
		a2_error_clear(&err);
		assert_null(a2_fodt_lower(x, strlen(x), &lim, &err));
		assert_int_equal(err.code, A2_ERR_LIMIT);
		free(x);
		free(body);
	}
	a2_buf_free(&b);
}

static void
test_frames_sections_hidden(void **state)
{
	a2_doc *doc;

	(void)state;
	doc = lower_fodt(NULL,
	    "<text:section text:name=\"S\"><text:p>in section</text:p></text:section>"
	    "<text:section text:name=\"H\" text:display=\"none\"><text:p>hidden section</text:p></text:section>"
	    "<text:p>outer <draw:frame draw:name=\"F\" text:anchor-type=\"as-char\">"
	    "<svg:title>frame title</svg:title><draw:text-box>\n  <text:p>in box"
	    "<loext:content-control loext:checkbox=\"true\" loext:checked=\"true\">" BOX_ON
	    "</loext:content-control></text:p>\n</draw:text-box></draw:frame>continues</text:p>"
	    "<text:p>a<text:hidden-text text:condition=\"x\" text:string-value=\"s\""
	    " text:is-hidden=\"true\">gone</text:hidden-text>b</text:p>"
	    "<text:p><draw:frame><draw:image><office:binary-data>QUFBQQ==</office:binary-data>"
	    "</draw:image></draw:frame>img</text:p>");
	assert_int_equal(doc->n_blocks, 5);
	assert_string_equal(blk(doc, 0)->text, "in section");
	/* the outer paragraph's block comes first; the text box's paragraph
	 * is a block of its own and the outer text goes on after it */
	assert_string_equal(blk(doc, 1)->text, "outer continues");
	assert_int_equal(blk(doc, 1)->n_marks, 0);
	assert_string_equal(blk(doc, 2)->text, "in box");
	assert_int_equal(mark(doc, 2, 0)->state, A2_ON);
	assert_int_equal(mark(doc, 2, 0)->offset, 6);
	assert_string_equal(blk(doc, 3)->text, "ab");
	assert_string_equal(blk(doc, 4)->text, "img");
	a2_doc_free(doc);
}

/* Hostile nesting: no recursion in the walk (the parser bounds depth). */
static void
test_deep_nesting(void **state)
{
	a2_limits lim = limits();
	a2_error err;
	a2_buf b = {0};
	a2_doc *doc;
	char *x;
	int i;

	(void)state;
	/* 4 + 2 * 60 + 1 + 100 elements deep: under libxml2's own limit (256) */
	for (i = 0; i < 60; i++)
		a2_buf_puts(&b, "<text:list><text:list-item>");
	a2_buf_puts(&b, "<text:p>");
	for (i = 0; i < 100; i++)
		a2_buf_puts(&b, "<text:span>");
	a2_buf_puts(&b, "deep");
	for (i = 0; i < 100; i++)
		a2_buf_puts(&b, "</text:span>");
	a2_buf_puts(&b, "</text:p>");
	for (i = 0; i < 60; i++)
		a2_buf_puts(&b, "</text:list-item></text:list>");
	assert_false(b.failed);
	x = fodt(NULL, b.data);
	a2_error_clear(&err);
	lim.max_depth = 1000;
	doc = a2_fodt_lower(x, strlen(x), &lim, &err);
	assert_non_null(doc);
	assert_true(a2_doc_check(doc));
	assert_int_equal(doc->n_blocks, 1);
	assert_string_equal(blk(doc, 0)->text, "deep");
	a2_doc_free(doc);
	lim.max_depth = 64;
	a2_error_clear(&err);
	assert_null(a2_fodt_lower(x, strlen(x), &lim, &err));
	assert_int_equal(err.code, A2_ERR_LIMIT);
	free(x);
	a2_buf_free(&b);
}

/* ---- metadata ---- */

static const char META_XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<office:document-meta" NS_DECLS "><office:meta>"
    "<meta:generator>LibreOffice/7.4.7.2$Linux_X86_64</meta:generator>"
    "<meta:user-defined meta:name=\"annex2.consultation\">TSB Circular 195</meta:user-defined>"
    "<meta:user-defined meta:name=\"annex2.member-state\" meta:value-type=\"string\">FRA</meta:user-defined>"
    "<meta:user-defined meta:name=\"empty\"/>"
    "<meta:user-defined>no name</meta:user-defined>"
    "</office:meta></office:document-meta>";

static void
test_meta(void **state)
{
	a2_error err;
	a2_doc *doc;
	char *content, *x;
	a2_limits lim = limits();

	(void)state;
	content = content_xml(NULL, "<text:p>x</text:p>");
	doc = lower_odt(content, NULL, META_XML, &err);
	free(content);
	assert_non_null(doc);
	assert_string_equal(doc->producer, "LibreOffice/7.4.7.2$Linux_X86_64");
	assert_int_equal(doc->n_props, 3);
	assert_string_equal(a2_doc_prop(doc, A2_PROP_CONSULTATION), "TSB Circular 195");
	assert_string_equal(a2_doc_prop(doc, A2_PROP_STATE), "FRA");
	assert_string_equal(a2_doc_prop(doc, "empty"), "");
	assert_string_equal(blk(doc, 0)->pos.member, "content.xml");
	assert_true(blk(doc, 0)->pos.line > 0);
	a2_doc_free(doc);

	/* flat: office:meta inside office:document */
	x = a2_sprintf("<office:document" NS_DECLS "><office:meta>"
	    "<meta:generator>odfdo 3.17.5</meta:generator>"
	    "<meta:user-defined meta:name=\"annex2.member-state\">DEU</meta:user-defined>"
	    "</office:meta><office:body><office:text><text:p>y</text:p></office:text></office:body>"
	    "</office:document>");
	assert_non_null(x);
	a2_error_clear(&err);
	doc = a2_fodt_lower(x, strlen(x), &lim, &err);
	free(x);
	assert_non_null(doc);
	assert_string_equal(doc->producer, "odfdo 3.17.5");
	assert_string_equal(a2_doc_prop(doc, A2_PROP_STATE), "DEU");
	assert_null(blk(doc, 0)->pos.member);
	a2_doc_free(doc);
}

/* A flat ODT is read as a stream (issue 18: a 47 MB one no longer has a
 * tree beside its model): the same model or the same error as the tree,
 * wherever its parts are. */
static void
test_fodt_stream(void **state)
{
	static const char *const cases[] = {
	    /* office:meta after the body, and a second one (the first counts) */
	    "<office:document" NS_DECLS "><office:body><office:text><text:p>a</text:p></office:text></office:body>"
	    "<office:meta><meta:generator>first</meta:generator>"
	    "<meta:user-defined meta:name=\"annex2.member-state\">FRA</meta:user-defined></office:meta>"
	    "<office:meta><meta:generator>second</meta:generator></office:meta></office:document>",
	    /* styles, automatic styles, a struck span, a second body skipped */
	    "<office:document" NS_DECLS "><office:meta><meta:generator>g</meta:generator></office:meta>"
	    "<office:styles><style:style style:name=\"S\" style:family=\"text\">"
	    "<style:text-properties style:text-line-through-style=\"solid\"/></style:style></office:styles>"
	    "<office:automatic-styles><style:style style:name=\"T1\" style:family=\"text\" "
	    "style:parent-style-name=\"S\"/></office:automatic-styles>"
	    "<office:body><office:text><text:p>x <text:span text:style-name=\"T1\">struck</text:span> y</text:p>"
	    "</office:text></office:body><office:body><office:text><text:p>not read</text:p></office:text>"
	    "</office:body></office:document>",
	    /* styles after the body: the stream gives up, the tree reads it */
	    "<office:document" NS_DECLS "><office:body><office:text><text:p>x <text:span text:style-name=\"S\">"
	    "struck</text:span></text:p></office:text></office:body><office:styles><style:style style:name=\"S\" "
	    "style:family=\"text\"><style:text-properties style:text-line-through-style=\"solid\"/>"
	    "</style:style></office:styles></office:document>",
	    /* no text: the tree's error */
	    "<office:document" NS_DECLS "><office:meta/><office:body/></office:document>",
	    /* not a flat ODT: the tree's error */
	    "<office:document-content" NS_DECLS "><office:body><office:text><text:p>a</text:p></office:text>"
	    "</office:body></office:document-content>",
	    /* malformed */
	    "<office:document" NS_DECLS "><office:body><office:text><text:p>a</office:text>",
	};
	a2_limits lim = limits();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a2_error err;
		a2_doc *doc;
		a2_error_clear(&err);
		doc = a2_fodt_lower(cases[i], strlen(cases[i]), &lim, &err);
		assert_int_equal(doc != NULL, i < 3);
		if (i == 0) {
			assert_string_equal(doc->producer, "first");
			assert_string_equal(a2_doc_prop(doc, A2_PROP_STATE), "FRA");
		}
		if (i == 1 || i == 2) {
			assert_int_equal(doc->n_blocks, 1);
			assert_true(flags_at(doc, 0, where(doc, 0, "struck")) & A2_SF_STRUCK);
		}
		fodt_same_as_tree(doc, &err, cases[i]);
		a2_doc_free(doc);
	}
}

/* ---- errors ---- */

static void
test_errors(void **state)
{
	a2_error err;
	a2_limits lim = limits();
	a2_doc *doc;
	char *content, *x;
	unsigned char *data;
	size_t len;

	(void)state;
	/* malformed content.xml */
	doc = lower_odt("<?xml version=\"1.0\"?>\n<office:document-content" NS_DECLS ">\n"
	    "<office:body><office:text><text:p>open\n</office:text></office:body>\n"
	    "</office:document-content>", NULL, NULL, &err);
	assert_null(doc);
	assert_int_equal(err.code, A2_ERR_XML);
	assert_string_equal(err.member, "content.xml");
	assert_true(err.line >= 3);

	/* malformed styles.xml */
	content = content_xml(NULL, "<text:p>x</text:p>");
	doc = lower_odt(content, "<office:document-styles", NULL, &err);
	assert_null(doc);
	assert_int_equal(err.code, A2_ERR_XML);
	assert_string_equal(err.member, "styles.xml");

	/* missing content.xml, directly and through a2_doc_open_mem */
	doc = lower_odt(NULL, NULL, META_XML, &err);
	assert_null(doc);
	assert_int_equal(err.code, A2_ERR_NO_MAIN_PART);
	data = make_odt(NULL, NULL, NULL, &len);
	a2_error_clear(&err);
	assert_null(a2_doc_open_mem("reply.odt", data, len, &lim, &err));
	assert_int_equal(err.code, A2_ERR_NO_MAIN_PART);
	free(data);

	/* the whole path through a2_doc_open_mem works */
	data = make_odt(content, NULL, NULL, &len);
	a2_error_clear(&err);
	doc = a2_doc_open_mem("reply.odt", data, len, &lim, &err);
	assert_non_null(doc);
	assert_int_equal(doc->format, A2_FMT_ODT);
	assert_string_equal(blk(doc, 0)->text, "x");
	a2_doc_free(doc);
	free(data);
	free(content);

	/* not a text document */
	doc = lower_odt("<office:document-content" NS_DECLS "><office:body><office:spreadsheet/>"
	    "</office:body></office:document-content>", NULL, NULL, &err);
	assert_null(doc);
	assert_int_equal(err.code, A2_ERR_FORMAT);
	doc = lower_odt("<html/>", NULL, NULL, &err);
	assert_null(doc);
	assert_int_equal(err.code, A2_ERR_FORMAT);

	/* flat: malformed, wrong root, entity tricks */
	x = fodt(NULL, "<text:p>unclosed");
	a2_error_clear(&err);
	assert_null(a2_fodt_lower(x, strlen(x), &lim, &err));
	assert_int_equal(err.code, A2_ERR_XML);
	assert_true(err.line > 0);
	free(x);
	a2_error_clear(&err);
	assert_null(a2_fodt_lower("<root/>", 7, &lim, &err));
	assert_int_equal(err.code, A2_ERR_FORMAT);
	x = a2_sprintf("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e \"EXPANDED\">"
	    "<!ENTITY f SYSTEM \"file:///etc/passwd\">]>"
	    "<office:document" NS_DECLS "><office:body><office:text><text:p>a&e;&f;b</text:p>"
	    "</office:text></office:body></office:document>");
	assert_non_null(x);
	a2_error_clear(&err);
	doc = a2_fodt_lower(x, strlen(x), &lim, &err);
	if (doc != NULL) {
		assert_null(strstr(blk(doc, 0)->text, "EXPANDED"));
		assert_null(strstr(blk(doc, 0)->text, "root:"));
		a2_doc_free(doc);
	}
	free(x);
}

/* ---- the shared corpus ---- */

/* Counts the marks of the control kinds: non-radio ON/OFF and radio ON/OFF. */
static void
count_marks(const a2_doc *doc, int cnt[4], const char *file)
{
	size_t i, j;

	for (i = 0; i < doc->n_blocks; i++) {
		for (j = 0; j < doc->blocks[i].n_marks; j++) {
			const a2_mark *m = &doc->blocks[i].marks[j];
			int radio = (m->flags & A2_MF_RADIO) != 0;
			if (m->kind != A2_MK_CONTENT_CONTROL && m->kind != A2_MK_FORM_FIELD &&
			    m->kind != A2_MK_FORM_CONTROL)
				continue;
			if (m->state == A2_UNKNOWN)
				fail_msg("%s: a mark in an unknown state", file);
			cnt[(radio ? 2 : 0) + (m->state == A2_ON ? 0 : 1)]++;
		}
	}
}

static a2_doc *
open_file(const char *path, a2_error *err)
{
	a2_limits lim = limits();
	unsigned char *data;
	size_t len;
	a2_doc *doc;

	data = t_slurp(path, &len);
	a2_error_clear(err);
	doc = a2_doc_open_mem(path, data, len, &lim, err);
	free(data);
	return doc;
}

/* Every ODT row of INDEX.tsv: the checked/unchecked counts (columns 6 and 7)
 * are counted without radios; the INDEX counts radios in its notes column
 * ("radio selected N / not M"), and so do we. */
static void
test_corpus_index(void **state)
{
	const char *shared = t_shared();
	char *path, *index, *line, *save = NULL;
	unsigned char *raw;
	size_t len;
	int rows = 0;

	(void)state;
	if (shared == NULL) {
		printf("test_odt: shared corpus not found, corpus tests skipped\n");
		skip();
	}
	path = a2_sprintf("%s/reference/corpus/INDEX.tsv", shared);
	assert_non_null(path);
	raw = t_slurp(path, &len);
	free(path);
	index = a2_strndup((const char *)raw, len);
	free(raw);
	assert_non_null(index);
	for (line = strtok_r(index, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *col[9] = {0}, *p = line, *tab, *file;
		int n = 0, cnt[4] = {0, 0, 0, 0}, want_on, want_off, r_on = 0, r_off = 0;
		const char *rs;
		a2_error err;
		a2_doc *doc;

		while (n < 9) {
			col[n++] = p;
			if ((tab = strchr(p, '\t')) == NULL)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		if (n < 8 || strcmp(col[0], "file") == 0)
			continue;
		if (strstr(col[0], ".odt") == NULL && strstr(col[0], ".fodt") == NULL)
			continue;
		want_on = atoi(col[5]);
		want_off = atoi(col[6]);
		if ((rs = strstr(col[7], "radio selected ")) != NULL &&
		    sscanf(rs, "radio selected %d / not %d", &r_on, &r_off) != 2)
			fail_msg("%s: cannot read the radio note \"%s\"", col[0], col[7]);
		file = a2_sprintf("%s/reference/corpus/%s", shared, col[0]);
		assert_non_null(file);
		doc = open_file(file, &err);
		if (doc == NULL)
			fail_msg("%s: %s: %s", col[0], a2_code_name(err.code), err.message);
		assert_true(a2_doc_check(doc));
		count_marks(doc, cnt, col[0]);
		if (cnt[0] != want_on || cnt[1] != want_off || cnt[2] != r_on || cnt[3] != r_off)
			fail_msg("%s: read %d on / %d off, radios %d / %d; INDEX says %d / %d, radios %d / %d",
			    col[0], cnt[0], cnt[1], cnt[2], cnt[3], want_on, want_off, r_on, r_off);
		printf("test_odt: %s: %d checked, %d unchecked, radios %d/%d: as INDEX.tsv\n",
		    col[0], cnt[0], cnt[1], cnt[2], cnt[3]);
		a2_doc_free(doc);
		free(file);
		rows++;
	}
	free(index);
	assert_true(rows >= 12);
}

/* Every .odt / .fodt in the corpus folders lowers, listed in INDEX or not. */
static void
test_corpus_all(void **state)
{
	static const char *const dirs[] = {"reference/corpus", "reference/corpus/lo747"};
	const char *shared = t_shared();
	size_t d;
	int files = 0;

	(void)state;
	if (shared == NULL) {
		printf("test_odt: shared corpus not found, corpus tests skipped\n");
		skip();
	}
	for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		char *dir = a2_sprintf("%s/%s", shared, dirs[d]);
		DIR *dp;
		struct dirent *e;

		assert_non_null(dir);
		dp = opendir(dir);
		assert_non_null(dp);
		while ((e = readdir(dp)) != NULL) {
			size_t l = strlen(e->d_name);
			char *file;
			a2_error err;
			a2_doc *doc;

			if (!(l > 4 && strcmp(e->d_name + l - 4, ".odt") == 0) &&
			    !(l > 5 && strcmp(e->d_name + l - 5, ".fodt") == 0))
				continue;
			file = a2_sprintf("%s/%s", dir, e->d_name);
			assert_non_null(file);
			doc = open_file(file, &err);
			if (doc == NULL)
				fail_msg("%s: %s: %s", e->d_name, a2_code_name(err.code), err.message);
			assert_true(a2_doc_check(doc));
			assert_true(doc->n_blocks > 0);
			a2_doc_free(doc);
			free(file);
			files++;
		}
		closedir(dp);
		free(dir);
	}
	assert_true(files >= 12);
}

/* ---- content.xml read as a stream (issue 18) ---- */

/* What the stream keeps across paragraphs (styles, controls, tracked
 * insertions) and where it gives the document to the tree: each document
 * is read both ways by lower_odt, which compares the two models. */
static void
test_stream_as_tree(void **state)
{
	static const char struck[] =
	    "<style:style style:name=\"S\" style:family=\"text\">"
	    "<style:text-properties style:text-line-through-style=\"solid\"/></style:style>";
	static const char forms[] =
	    "<office:forms><form:form form:name=\"F\"><form:checkbox form:name=\"CB\" xml:id=\"c1\""
	    " form:current-state=\"checked\"/></form:form></office:forms>";
	static const char tracked[] =
	    "<text:tracked-changes><text:changed-region text:id=\"ct2\"><text:insertion>"
	    "<office:change-info/></text:insertion></text:changed-region></text:tracked-changes>";
	a2_error err;
	a2_doc *doc;
	char *c, *body;

	(void)state;
	/* an insertion that spans paragraphs: its id outlives the first */
	body = a2_sprintf("%s<text:p>a<text:change-start text:change-id=\"ct2\"/>b</text:p>"
	    "<text:p>middle</text:p><text:p>c<text:change-end text:change-id=\"ct2\"/>d</text:p>", tracked);
	c = content_xml(NULL, body);
	doc = lower_odt(c, NULL, NULL, &err);
	assert_non_null(doc);
	assert_int_equal(doc->n_blocks, 3);
	assert_int_equal(flags_at(doc, 1, 0), A2_SF_INSERTED);
	assert_int_equal(flags_at(doc, 2, where(doc, 2, "d")), 0);
	a2_doc_free(doc);
	free(c);
	free(body);
	/* a namespace declared on a paragraph: the styles kept still know theirs */
	body = a2_sprintf("%s<text:p xmlns:x=\"urn:x\" x:a=\"1\">A <draw:control draw:control=\"c1\"/>"
	    "<text:span text:style-name=\"S\">no</text:span></text:p>"
	    "<text:p><text:span text:style-name=\"S\">gone</text:span></text:p>", forms);
	c = content_xml(struck, body);
	doc = lower_odt(c, NULL, NULL, &err);
	assert_non_null(doc);
	assert_int_equal(doc->n_blocks, 2);
	assert_int_equal(blk(doc, 0)->n_marks, 1);
	assert_int_equal(mark(doc, 0, 0)->state, A2_ON);
	assert_int_equal(flags_at(doc, 1, 0), A2_SF_STRUCK);
	a2_doc_free(doc);
	free(c);
	free(body);
	/* read by the tree: forms after the content, styles after the body */
	body = a2_sprintf("<text:p>A <draw:control draw:control=\"c1\"/></text:p>%s", forms);
	c = content_xml(NULL, body);
	doc = lower_odt(c, NULL, NULL, &err);
	assert_non_null(doc);
	assert_int_equal(blk(doc, 0)->n_marks, 1);
	a2_doc_free(doc);
	free(c);
	free(body);
	c = a2_sprintf("<office:document-content" NS_DECLS "><office:body><office:text>"
	    "<text:p><text:span text:style-name=\"S\">x</text:span></text:p>"
	    "</office:text></office:body><office:automatic-styles>%s</office:automatic-styles>"
	    "</office:document-content>", struck);
	doc = lower_odt(c, NULL, NULL, &err);
	assert_non_null(doc);
	assert_int_equal(flags_at(doc, 0, 0), A2_SF_STRUCK);
	a2_doc_free(doc);
	free(c);
	/* text, comments and processing instructions between paragraphs */
	c = content_xml(NULL, "  <!-- c --><text:p>one</text:p> x <?pi y?><text:p>two</text:p>z");
	doc = lower_odt(c, NULL, NULL, &err);
	assert_non_null(doc);
	a2_doc_free(doc);
	free(c);
	/* errors are the tree's: no office:text, not a content root, broken */
	c = a2_sprintf("<office:document-content" NS_DECLS "><office:body/></office:document-content>");
	assert_null(lower_odt(c, NULL, NULL, &err));
	assert_int_equal(err.code, A2_ERR_FORMAT);
	free(c);
	c = a2_sprintf("<office:document" NS_DECLS "><office:body><office:text/></office:body></office:document>");
	assert_null(lower_odt(c, NULL, NULL, &err));
	free(c);
	c = content_xml(NULL, "<text:p>one</text:p><text:p>two");
	assert_null(lower_odt(c, NULL, NULL, &err));
	assert_int_equal(err.code, A2_ERR_XML);
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loext_checkbox),
		cmocka_unit_test(test_loext_other_controls),
		cmocka_unit_test(test_fieldmark_checkbox),
		cmocka_unit_test(test_fieldmark_ranges),
		cmocka_unit_test(test_text_dropdown_and_inputs),
		cmocka_unit_test(test_form_controls),
		cmocka_unit_test(test_tracked_changes),
		cmocka_unit_test(test_stream_as_tree),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_text_spacing),
		cmocka_unit_test(test_frames_sections_hidden),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_meta),
		cmocka_unit_test(test_fodt_stream),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_corpus_index),
		cmocka_unit_test(test_corpus_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
