/*
 * tests/unit/test_docx.c -- the DOCX front end (src/lib/read/docx/docx.c).
 *
 * Most cases build a small DOCX in memory from XML strings (a2_zipout) and
 * lower it with a2_docx_lower(); the last ones read the real files of the
 * shared reference corpus when it is present (t_shared()), and compare the
 * marks with the counts of corpus/INDEX.tsv.
 */
#include "testutil.h"

#include <zip.h>

#include "core/util.h"
#include "core/zip.h"
#include "read/frontend.h"

#define NS_DECL \
	"xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
	"xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" " \
	"xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" " \
	"xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" " \
	"xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" " \
	"xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" " \
	"xmlns:v=\"urn:schemas-microsoft-com:vml\" " \
	"xmlns:w16se=\"http://schemas.microsoft.com/office/word/2015/wordml/symex\""

#define DOC_HEAD \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
	"<w:document " NS_DECL " mc:Ignorable=\"w14 w16se\">\n<w:body>\n"
#define DOC_TAIL "\n<w:sectPr/></w:body></w:document>"
#define DOC(body) DOC_HEAD body DOC_TAIL

#define CT \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" \
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>" \
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>" \
	"</Types>"

#define RELS_HEAD \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
#define REL(id, type, target) \
	"<Relationship Id=\"" id "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" \
	type "\" Target=\"" target "\"/>"
#define RELS_TAIL "</Relationships>"

#define PKG_RELS \
	RELS_HEAD REL("rId1", "officeDocument", "word/document.xml") \
	REL("rId2", "custom-properties", "docProps/custom.xml") \
	REL("rId3", "extended-properties", "docProps/app.xml") RELS_TAIL

/* Checkbox content controls: state, display glyph, tag. */
#define CC(checked, glyph, tag) \
	"<w:sdt><w:sdtPr><w:tag w:val=\"" tag "\"/><w14:checkbox>" checked \
	"<w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/>" \
	"<w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/></w14:checkbox></w:sdtPr>" \
	"<w:sdtContent><w:r><w:t>" glyph "</w:t></w:r></w:sdtContent></w:sdt>"

/* Legacy FORMCHECKBOX with the given w:checkBox children and name. */
#define LEGACY(inner, name) \
	"<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"" name "\"/><w:enabled/>" \
	"<w:checkBox><w:sizeAuto/>" inner "</w:checkBox></w:ffData></w:fldChar></w:r>" \
	"<w:r><w:instrText xml:space=\"preserve\"> FORMCHECKBOX </w:instrText></w:r>" \
	"<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>LEAK</w:t></w:r>" \
	"<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"

typedef struct part {
	const char *name;
	const char *data;
} part;

/* Zips the parts (NULL-terminated) into a new buffer. */
static unsigned char *
build_zip(const part *parts, size_t *len)
{
	a2_error err;
	a2_zipout *zo;
	unsigned char *out = NULL;
	size_t i;

	a2_error_clear(&err);
	zo = a2_zipout_new(&err);
	assert_non_null(zo);
	for (i = 0; parts[i].name != NULL; i++)
		assert_int_equal(a2_zipout_add(zo, parts[i].name, parts[i].data,
		    strlen(parts[i].data), 0, &err), 0);
	assert_int_equal(a2_zipout_finish(zo, &out, len, &err), 0);
	return out;
}

/* Lowers a zip held in memory with a2_docx_lower (not through open.c). */
static a2_doc *
lower_zip(const unsigned char *data, size_t len, const a2_limits *lim, a2_error *err)
{
	a2_zip *z;
	a2_doc *doc;

	z = a2_zip_open_mem(data, len, lim, err);
	if (z == NULL)
		return NULL;
	doc = a2_docx_lower(z, lim, NULL, err);
	{
		/* the stream reads what the tree walk reads (issue 18) */
		a2_error terr;
		a2_error_clear(&terr);
		a2_doc *tree = a2_docx_lower_tree(z, lim, NULL, &terr);
		t_same_as_tree(doc, err, tree, &terr);
	}
	a2_zip_close(z);
	if (doc != NULL)
		assert_true(a2_doc_check(doc));
	return doc;
}

/* A package of the parts given plus, unless given, the content types and
 * the package relationships. */
static a2_doc *
lower_parts(const part *extra, a2_error *err)
{
	part all[16];
	size_t n = 0, i;
	int has_ct = 0, has_rels = 0;
	unsigned char *zip;
	size_t len;
	a2_limits lim;
	a2_doc *doc;

	for (i = 0; extra[i].name != NULL; i++) {
		has_ct |= strcmp(extra[i].name, "[Content_Types].xml") == 0;
		has_rels |= strcmp(extra[i].name, "_rels/.rels") == 0;
	}
	if (!has_ct)
		all[n++] = (part){"[Content_Types].xml", CT};
	if (!has_rels)
		all[n++] = (part){"_rels/.rels", PKG_RELS};
	for (i = 0; extra[i].name != NULL && n < 15; i++)
		all[n++] = extra[i];
	all[n] = (part){NULL, NULL};
	zip = build_zip(all, &len);
	a2_limits_default(&lim);
	a2_error_clear(err);
	doc = lower_zip(zip, len, &lim, err);
	free(zip);
	return doc;
}

/* Lowers a package whose only content is this document.xml. */
static a2_doc *
lower_doc(const char *xml)
{
	part p[] = {{"word/document.xml", xml}, {NULL, NULL}};
	a2_error err;
	a2_doc *doc = lower_parts(p, &err);

	if (doc == NULL)
		fail_msg("lowering failed: %s %s:%d %s", a2_code_name(err.code), err.member,
		    err.line, err.message);
	return doc;
}

/* Lowers a package whose document.xml is the body given as fragments
 * (NULL-terminated; C limits the length of one string literal). */
static a2_doc *
lower_body(const char *frag, ...)
{
	a2_buf b = {0};
	va_list ap;
	const char *f;
	char *xml;
	a2_doc *doc;

	a2_buf_puts(&b, DOC_HEAD);
	va_start(ap, frag);
	for (f = frag; f != NULL; f = va_arg(ap, const char *))
		a2_buf_puts(&b, f);
	va_end(ap);
	a2_buf_puts(&b, DOC_TAIL);
	xml = a2_buf_take(&b);
	assert_non_null(xml);
	doc = lower_doc(xml);
	free(xml);
	return doc;
}

/* The first block whose text contains needle. */
static const a2_block *
blk(const a2_doc *doc, const char *needle)
{
	size_t i;

	for (i = 0; i < doc->n_blocks; i++)
		if (strstr(doc->blocks[i].text, needle) != NULL)
			return &doc->blocks[i];
	fail_msg("no block contains \"%s\"", needle);
	abort(); /* not reached: fail_msg() leaves the test */
}

/* The flags of the span covering byte offset off (0 if none). */
static unsigned
span_at(const a2_block *b, size_t off)
{
	size_t i;

	for (i = 0; i < b->n_spans; i++)
		if (off >= b->spans[i].start && off < b->spans[i].start + b->spans[i].len)
			return b->spans[i].flags;
	return 0;
}

static size_t
count_marks(const a2_doc *doc, a2_mark_kind kind, a2_tri state)
{
	size_t i, j, n = 0;

	for (i = 0; i < doc->n_blocks; i++)
		for (j = 0; j < doc->blocks[i].n_marks; j++)
			if (doc->blocks[i].marks[j].kind == kind && doc->blocks[i].marks[j].state == state)
				n++;
	return n;
}

/* ---- content controls ---- */

static void
test_cc_states(void **state)
{
	a2_doc *doc = lower_body(
	    "<w:p>" CC("<w14:checked w14:val=\"1\"/>", "☒", "t1") "<w:r><w:t xml:space=\"preserve\"> One</w:t></w:r></w:p>",
	    "<w:p>" CC("<w14:checked w14:val=\"0\"/>", "☐", "t2") "<w:r><w:t xml:space=\"preserve\"> Two</w:t></w:r></w:p>",
	    "<w:p>" CC("", "☐", "t3") "<w:r><w:t xml:space=\"preserve\"> Three</w:t></w:r></w:p>",
	    "<w:p>" CC("<w14:checked w:val=\"1\"/>", "☒", "t4") "<w:r><w:t xml:space=\"preserve\"> Four</w:t></w:r></w:p>",
	    "<w:p>" CC("<w14:checked/>", "☒", "t5") "<w:r><w:t xml:space=\"preserve\"> Five</w:t></w:r></w:p>",
	    "<w:p>" CC("<w14:checked w14:val=\"1\"/>", "☐", "t6") "<w:r><w:t xml:space=\"preserve\"> Six</w:t></w:r></w:p>",
	    "<w:p>" CC("<w14:checked w14:val=\"false\"/>", "☒", "t7") "<w:r><w:t xml:space=\"preserve\"> Seven</w:t></w:r></w:p>",
	    "<w:p><w:r><w:t xml:space=\"preserve\">Eight </w:t></w:r>",
	    "<w:sdt><w:sdtPr><w:alias w:val=\"Alias8\"/><w:tag w:val=\"\"/><w14:checkbox><w14:checked w14:val=\"true\"/></w14:checkbox></w:sdtPr>",
	    "<w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>!</w:t></w:r></w:p>", NULL);
	const a2_block *b;
	const a2_mark *m;

	(void)state;
	assert_int_equal(doc->format, A2_FMT_DOCX);
	b = blk(doc, "One");
	assert_string_equal(b->text, " One"); /* the glyph is not text */
	assert_int_equal(b->n_marks, 1);
	m = &b->marks[0];
	assert_int_equal(m->kind, A2_MK_CONTENT_CONTROL);
	assert_int_equal(m->state, A2_ON);
	assert_int_equal(m->flags, 0);
	assert_int_equal(m->offset, 0);
	assert_string_equal(m->name, "t1");
	assert_string_equal(m->glyph, "☒");
	assert_string_equal(m->pos.member, "word/document.xml");
	assert_true(m->pos.line >= 3);

	m = &blk(doc, "Two")->marks[0];
	assert_int_equal(m->state, A2_OFF);
	assert_int_equal(m->flags, 0);
	assert_string_equal(m->glyph, "☐");

	m = &blk(doc, "Three")->marks[0];   /* no w14:checked: unchecked, a default */
	assert_int_equal(m->state, A2_OFF);
	assert_int_equal(m->flags, A2_MF_DEFAULT);

	m = &blk(doc, "Four")->marks[0];    /* LibreOffice 7.4: w:val */
	assert_int_equal(m->state, A2_ON);
	assert_int_equal(m->flags, 0);

	m = &blk(doc, "Five")->marks[0];    /* present without val */
	assert_int_equal(m->state, A2_ON);

	m = &blk(doc, "Six")->marks[0];     /* flag says ticked, glyph says not */
	assert_int_equal(m->state, A2_ON);
	assert_int_equal(m->flags, A2_MF_DISAGREE);

	m = &blk(doc, "Seven")->marks[0];
	assert_int_equal(m->state, A2_OFF);
	assert_int_equal(m->flags, A2_MF_DISAGREE);

	b = blk(doc, "Eight");
	assert_string_equal(b->text, "Eight !");
	assert_int_equal(b->marks[0].offset, 6);
	assert_int_equal(b->marks[0].state, A2_ON);
	assert_string_equal(b->marks[0].name, "Alias8"); /* empty tag: the alias */
	assert_int_equal(count_marks(doc, A2_MK_CONTENT_CONTROL, A2_ON), 5);
	assert_int_equal(count_marks(doc, A2_MK_CONTENT_CONTROL, A2_OFF), 3);
	a2_doc_free(doc);
}

static void
test_cc_levels(void **state)
{
	a2_doc *doc = lower_body(
	    /* block level: the control holds the paragraph */
	    "<w:sdt><w:sdtPr><w:id w:val=\"1\"/><w14:checkbox><w14:checked w14:val=\"1\"/></w14:checkbox></w:sdtPr>",
	    "<w:sdtContent><w:p><w:r><w:t>☒</w:t></w:r></w:p></w:sdtContent></w:sdt>",
	    "<w:p><w:r><w:t>after block</w:t></w:r></w:p>"
	    /* cell level, in the second cell of a row */,
	    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>label cell</w:t></w:r></w:p></w:tc>",
	    "<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"0\"/></w14:checkbox></w:sdtPr>",
	    "<w:sdtContent><w:tc><w:p><w:r><w:t>☐</w:t></w:r><w:r><w:t xml:space=\"preserve\"> cellbox</w:t></w:r></w:p></w:tc>",
	    "</w:sdtContent></w:sdt></w:tr></w:tbl>"
	    /* LibreOffice 7.4: the glyph in a plain SDT nested in the checkbox SDT,
	     * the whole inside an invented block SDT */,
	    "<w:sdt><w:sdtPr><w:alias w:val=\"Box A\"/></w:sdtPr><w:sdtContent>",
	    "<w:p><w:r><w:t>[nested]</w:t></w:r><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"1\"/>",
	    "<w14:checkedState w14:val=\"2612\"/><w14:uncheckedState w14:val=\"2610\"/></w14:checkbox></w:sdtPr>",
	    "<w:sdtContent><w:r/><w:sdt><w:sdtPr><w:id w:val=\"5\"/></w:sdtPr><w:sdtContent>",
	    "<w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt></w:sdtContent></w:sdt>",
	    "<w:r><w:t>[tail]</w:t></w:r></w:p></w:sdtContent></w:sdt>"
	    /* an empty control still gives its state */,
	    "<w:p><w:r><w:t>empty</w:t></w:r><w:sdt><w:sdtPr><w14:checkbox><w14:checked/></w14:checkbox></w:sdtPr>",
	    "<w:sdtContent/></w:sdt></w:p>", NULL);
	const a2_block *b;

	(void)state;
	b = &doc->blocks[0];
	assert_string_equal(b->text, "");
	assert_int_equal(b->n_marks, 1);
	assert_int_equal(b->marks[0].offset, 0);
	assert_int_equal(b->marks[0].state, A2_ON);
	assert_string_equal(b->marks[0].glyph, "☒");
	assert_string_equal(doc->blocks[1].text, "after block");
	assert_int_equal(doc->blocks[1].n_marks, 0);

	b = blk(doc, "cellbox");
	assert_string_equal(b->text, " cellbox");
	assert_int_equal(b->table, 0);
	assert_int_equal(b->row, 0);
	assert_int_equal(b->col, 1);
	assert_int_equal(b->n_marks, 1);
	assert_int_equal(b->marks[0].state, A2_OFF);
	assert_int_equal(b->marks[0].offset, 0);

	b = blk(doc, "[nested]");
	assert_string_equal(b->text, "[nested][tail]");
	assert_int_equal(b->n_marks, 1);
	assert_int_equal(b->marks[0].offset, 8);
	assert_int_equal(b->marks[0].state, A2_ON);
	assert_string_equal(b->marks[0].glyph, "☒");
	assert_null(b->marks[0].name);

	b = blk(doc, "empty");
	assert_int_equal(b->n_marks, 1);
	assert_int_equal(b->marks[0].state, A2_ON);
	assert_int_equal(b->marks[0].offset, 5);
	assert_null(b->marks[0].glyph);
	a2_doc_free(doc);
}

/* Untagged controls are named by a bookmark just before them (our
 * generator) or inside them (LibreOffice 7.4 moves it there). */
#define CC_BARE(val, glyph) \
	"<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"" val "\"/></w14:checkbox></w:sdtPr>" \
	"<w:sdtContent><w:r><w:t>" glyph "</w:t></w:r></w:sdtContent></w:sdt>"

static void
test_cc_bookmarks(void **state)
{
	a2_doc *doc = lower_body(
	    "<w:p><w:r><w:t xml:space=\"preserve\">gen </w:t></w:r><w:bookmarkStart w:id=\"1\" w:name=\"annex2_X_1237_assigns\"/>",
	    "<w:bookmarkEnd w:id=\"1\"/>" CC_BARE("1", "☒") "</w:p>",
	    "<w:p><w:r><w:t xml:space=\"preserve\">lo </w:t></w:r><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"0\"/>",
	    "</w14:checkbox></w:sdtPr><w:sdtContent><w:bookmarkStart w:id=\"2\" w:name=\"bm_q1_no\"/><w:r/>",
	    "<w:r><w:t>☐</w:t></w:r></w:sdtContent></w:sdt><w:bookmarkEnd w:id=\"2\"/></w:p>",
	    "<w:p><w:bookmarkStart w:id=\"3\" w:name=\"far\"/><w:bookmarkEnd w:id=\"3\"/><w:r><w:t>text between</w:t></w:r>",
	    CC_BARE("1", "☒") "<w:bookmarkStart w:id=\"4\" w:name=\"_GoBack\"/>" CC_BARE("0", "☐") "</w:p>", NULL);
	const a2_block *b;

	(void)state;
	b = blk(doc, "gen");
	assert_string_equal(b->marks[0].name, "annex2_X_1237_assigns");
	b = blk(doc, "lo");
	assert_string_equal(b->marks[0].name, "bm_q1_no");
	assert_int_equal(b->marks[0].state, A2_OFF);
	b = blk(doc, "between");
	assert_int_equal(b->n_marks, 2);
	assert_null(b->marks[0].name);
	assert_null(b->marks[1].name);
	a2_doc_free(doc);
}

/* ---- legacy form fields ---- */

static void
test_legacy(void **state)
{
	a2_doc *doc = lower_body(
	    "<w:p><w:r><w:t xml:space=\"preserve\">A </w:t></w:r>" LEGACY("<w:default w:val=\"0\"/><w:checked/>", "Check1"),
	    "<w:r><w:t xml:space=\"preserve\"> yes</w:t></w:r></w:p>",
	    "<w:p><w:r><w:t>B</w:t></w:r>" LEGACY("<w:default w:val=\"1\"/>", "Check2") "</w:p>",
	    "<w:p><w:r><w:t>C</w:t></w:r>" LEGACY("<w:default w:val=\"1\"/><w:checked w:val=\"0\"/>", "Check3") "</w:p>",
	    "<w:p><w:r><w:t>D</w:t></w:r>" LEGACY("<w:checked w:val=\"true\"/>", "Check4") "</w:p>",
	    "<w:p><w:r><w:t>E</w:t></w:r>" LEGACY("<w:default w:val=\"on\"/><w:checked w:val=\"false\"/>", "Check5") "</w:p>",
	    "<w:p><w:r><w:t>F</w:t></w:r>" LEGACY("", "Check6") "</w:p>"
	    /* empty w:name: the enclosing bookmark names the field */,
	    "<w:p><w:r><w:t>G</w:t></w:r><w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/>",
	    "<w:bookmarkStart w:id=\"1\" w:name=\"Mark7\"/>" LEGACY("<w:checked w:val=\"1\"/>", ""),
	    "<w:bookmarkEnd w:id=\"1\"/></w:p>"
	    /* LibreOffice: the bookmark inside the field result */,
	    "<w:p><w:r><w:t>H</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"\"/>",
	    "<w:checkBox><w:sizeAuto></w:sizeAuto><w:checked/></w:checkBox></w:ffData></w:fldChar></w:r>",
	    "<w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
	    "<w:bookmarkStart w:id=\"3\" w:name=\"Check8\"/><w:bookmarkStart w:id=\"4\" w:name=\"__Fieldmark__3_1\"/>",
	    "<w:r></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:bookmarkEnd w:id=\"3\"/></w:p>", NULL);
	const a2_block *b;

	(void)state;
	b = blk(doc, "A ");
	assert_string_equal(b->text, "A  yes"); /* no instruction, no result */
	assert_int_equal(b->n_marks, 1);
	assert_int_equal(b->marks[0].kind, A2_MK_FORM_FIELD);
	assert_int_equal(b->marks[0].state, A2_ON);
	assert_int_equal(b->marks[0].flags, 0);
	assert_int_equal(b->marks[0].offset, 2);
	assert_string_equal(b->marks[0].name, "Check1");
	assert_null(b->marks[0].glyph);

	b = blk(doc, "B");
	assert_string_equal(b->text, "B");
	assert_int_equal(b->marks[0].state, A2_ON);
	assert_int_equal(b->marks[0].flags, A2_MF_DEFAULT);
	assert_int_equal(blk(doc, "C")->marks[0].state, A2_OFF);
	assert_int_equal(blk(doc, "C")->marks[0].flags, 0);
	assert_int_equal(blk(doc, "D")->marks[0].state, A2_ON);
	assert_int_equal(blk(doc, "E")->marks[0].state, A2_OFF);
	assert_int_equal(blk(doc, "F")->marks[0].state, A2_OFF);
	assert_int_equal(blk(doc, "F")->marks[0].flags, A2_MF_DEFAULT);
	b = blk(doc, "G");
	assert_int_equal(b->marks[0].state, A2_ON);
	assert_string_equal(b->marks[0].name, "Mark7");
	b = blk(doc, "H");
	assert_string_equal(b->text, "H");
	assert_int_equal(b->marks[0].state, A2_ON);
	assert_string_equal(b->marks[0].name, "Check8");
	assert_int_equal(count_marks(doc, A2_MK_FORM_FIELD, A2_ON), 5);
	assert_int_equal(count_marks(doc, A2_MK_FORM_FIELD, A2_OFF), 3);
	a2_doc_free(doc);
}

static void
test_fields(void **state)
{
	a2_doc *doc = lower_body(
	    /* FORMTEXT: the result is what the person typed */
	    "<w:p><w:r><w:t xml:space=\"preserve\">Name: </w:t></w:r>",
	    "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Text1\"/><w:textInput/></w:ffData></w:fldChar></w:r>",
	    "<w:r><w:instrText xml:space=\"preserve\"> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
	    "<w:r><w:t>Jane Doe</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
	    /* nested fields: only the outer result shows */,
	    "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>",
	    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>DATE</w:instrText></w:r>",
	    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>inner</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
	    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>outer</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
	    /* malformed: a checkbox with neither separate nor end */,
	    "<w:p><w:r><w:t xml:space=\"preserve\">before </w:t></w:r>",
	    "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:checkBox><w:checked/></w:checkBox></w:ffData></w:fldChar></w:r>",
	    "<w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r></w:p>",
	    "<w:p><w:r><w:t>next paragraph</w:t></w:r></w:p>"
	    /* malformed: no separate, then text after the end */,
	    "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>",
	    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>kept</w:t></w:r>",
	    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>!</w:t></w:r></w:p>"
	    /* FORMCHECKBOX without w:ffData */,
	    "<w:p><w:r><w:t>noff</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
	    "<w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
	    /* FORMCHECKBOX without w:ffData or end */,
	    "<w:p><w:r><w:t>noend</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
	    "<w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r></w:p>",
	    "<w:p><w:r><w:t>after noend</w:t></w:r></w:p>"
	    /* a simple field's content is its result */,
	    "<w:p><w:fldSimple w:instr=\" DATE \"><w:r><w:t>21/08/2024</w:t></w:r></w:fldSimple></w:p>"
	    /* footnote reference: silently nothing */,
	    "<w:p><w:r><w:t>note</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>", NULL);
	const a2_block *b;

	(void)state;
	assert_string_equal(blk(doc, "Name")->text, "Name: Jane Doe");
	assert_string_equal(blk(doc, "outer")->text, "outer");
	b = blk(doc, "before");
	assert_string_equal(b->text, "before ");
	assert_int_equal(b->n_marks, 1);
	assert_int_equal(b->marks[0].state, A2_ON);
	assert_int_equal(b->marks[0].offset, 7);
	assert_string_equal(blk(doc, "next")->text, "next paragraph");
	assert_string_equal(blk(doc, "kept")->text, "kept!");
	b = blk(doc, "noff");
	assert_int_equal(b->n_marks, 1);
	assert_int_equal(b->marks[0].kind, A2_MK_FORM_FIELD);
	assert_int_equal(b->marks[0].state, A2_OFF);
	assert_int_equal(b->marks[0].flags, A2_MF_DEFAULT);
	assert_int_equal(blk(doc, "noend")->n_marks, 1);
	assert_string_equal(blk(doc, "after noend")->text, "after noend");
	assert_string_equal(blk(doc, "21/08")->text, "21/08/2024");
	assert_string_equal(blk(doc, "note")->text, "note");
	a2_doc_free(doc);
}

static void
test_dropdowns(void **state)
{
	a2_doc *doc = lower_body(
	    "<w:p><w:r><w:t xml:space=\"preserve\">Pick: </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData>",
	    "<w:name w:val=\"Dropdown1\"/><w:ddList><w:result w:val=\"1\"/><w:listEntry w:val=\"Alpha\"/>",
	    "<w:listEntry w:val=\"Beta\"/></w:ddList></w:ffData></w:fldChar></w:r>",
	    "<w:r><w:instrText> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
	    "<w:r><w:t>Beta</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
	    "<w:p><w:r><w:t xml:space=\"preserve\">First: </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData>",
	    "<w:ddList><w:listEntry w:val=\"Zero\"/><w:listEntry w:val=\"One\"/></w:ddList></w:ffData></w:fldChar></w:r>",
	    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
	    "<w:p><w:sdt><w:sdtPr><w:dropDownList w:lastValue=\"my_item_A\"><w:listItem w:value=\"Choose an item.\"/>",
	    "<w:listItem w:displayText=\"my_item_A\" w:value=\"my_item_A\"/></w:dropDownList></w:sdtPr>",
	    "<w:sdtContent><w:r><w:t>my_item_A</w:t></w:r></w:sdtContent></w:sdt></w:p>",
	    "<w:p><w:r><w:t xml:space=\"preserve\">Say: </w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr>",
	    "<w:sdtContent><w:r><w:t>Click here to enter text.</w:t></w:r></w:sdtContent></w:sdt></w:p>", NULL);
	const a2_block *b;

	(void)state;
	assert_string_equal(blk(doc, "Pick")->text, "Pick: Beta");
	assert_int_equal(blk(doc, "Pick")->n_marks, 0);
	assert_string_equal(blk(doc, "First")->text, "First: Zero");
	b = blk(doc, "my_item_A");
	assert_string_equal(b->text, "my_item_A");
	assert_int_equal(span_at(b, 0) & A2_SF_FIELD, 0);
	b = blk(doc, "Say");
	assert_string_equal(b->text, "Say: Click here to enter text.");
	assert_int_equal(span_at(b, 0) & A2_SF_FIELD, 0);
	assert_int_equal(span_at(b, 5) & A2_SF_FIELD, A2_SF_FIELD);
	a2_doc_free(doc);
}

/* ---- tracked changes, alternate content ---- */

static void
test_tracked(void **state)
{
	a2_doc *doc = lower_body(
	    "<w:p><w:r><w:t xml:space=\"preserve\">keep </w:t></w:r>",
	    "<w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>deleted</w:delText></w:r></w:del>",
	    "<w:ins w:id=\"2\" w:author=\"x\"><w:r><w:t>added</w:t></w:r></w:ins>",
	    "<w:moveFrom w:id=\"3\"><w:r><w:t>movedaway</w:t></w:r></w:moveFrom>",
	    "<w:moveTo w:id=\"4\"><w:r><w:t>+moved</w:t></w:r></w:moveTo></w:p>"
	    /* a wholly deleted paragraph (its mark deleted too) joins the next */,
	    "<w:p><w:pPr><w:rPr><w:del w:id=\"5\" w:author=\"x\"/></w:rPr></w:pPr>",
	    "<w:del w:id=\"6\" w:author=\"x\"><w:r><w:delText>gone para</w:delText></w:r></w:del></w:p>",
	    "<w:p><w:r><w:t>survivor</w:t></w:r></w:p>"
	    /* a deleted checkbox is no answer; a toggled one reads its new glyph */,
	    "<w:p><w:r><w:t>box</w:t></w:r><w:del w:id=\"7\"><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"1\"/>",
	    "</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:delText>☒</w:delText></w:r></w:sdtContent></w:sdt></w:del>",
	    "<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"1\"/></w14:checkbox></w:sdtPr><w:sdtContent>",
	    "<w:del w:id=\"8\"><w:r><w:delText>☐</w:delText></w:r></w:del><w:ins w:id=\"9\"><w:r><w:t>☒</w:t></w:r></w:ins>",
	    "</w:sdtContent></w:sdt></w:p>"
	    /* a deleted table row */,
	    "<w:tbl><w:tr><w:trPr><w:del w:id=\"10\"/></w:trPr><w:tc><w:p><w:r><w:t>deadrow</w:t></w:r></w:p></w:tc></w:tr>",
	    "<w:tr><w:tc><w:p><w:r><w:t>liverow</w:t></w:r></w:p></w:tc></w:tr></w:tbl>", NULL);
	const a2_block *b;
	size_t i;

	(void)state;
	b = blk(doc, "keep");
	assert_string_equal(b->text, "keep added+moved");
	assert_int_equal(span_at(b, 0) & A2_SF_INSERTED, 0);
	assert_int_equal(span_at(b, 5) & A2_SF_INSERTED, A2_SF_INSERTED);
	assert_int_equal(span_at(b, 11) & A2_SF_INSERTED, A2_SF_INSERTED);
	assert_string_equal(blk(doc, "survivor")->text, "survivor");
	for (i = 0; i < doc->n_blocks; i++) {
		assert_null(strstr(doc->blocks[i].text, "gone"));
		assert_null(strstr(doc->blocks[i].text, "deleted"));
		assert_null(strstr(doc->blocks[i].text, "deadrow"));
	}
	b = blk(doc, "box");
	assert_string_equal(b->text, "box");
	assert_int_equal(b->n_marks, 1);
	assert_int_equal(b->marks[0].state, A2_ON);
	assert_string_equal(b->marks[0].glyph, "☒");
	assert_int_equal(b->marks[0].flags, 0);
	b = blk(doc, "liverow");
	assert_int_equal(b->row, 0);
	a2_doc_free(doc);
}

#define TXBX(text) \
	"<w:txbxContent><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:txbxContent>"

static void
test_alternate(void **state)
{
	a2_doc *doc = lower_body(
	    "<w:p><w:r><w:t xml:space=\"preserve\">anchor </w:t></w:r><w:r><mc:AlternateContent>",
	    "<mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData>",
	    "<wps:wsp><wps:txbx>" TXBX("In the box") "</wps:txbx></wps:wsp>",
	    "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>",
	    "<mc:Fallback><w:pict><v:shape><v:textbox>" TXBX("In the box") "</v:textbox></v:shape></w:pict>",
	    "</mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>tail</w:t></w:r></w:p>",
	    "<w:p><w:r><mc:AlternateContent><mc:Fallback><w:t>fallback only</w:t></mc:Fallback>",
	    "</mc:AlternateContent></w:r></w:p>"
	    /* Word's emoji: w16se:symEx in the Choice, the text in the Fallback */,
	    "<w:p><w:r><w:t xml:space=\"preserve\">ok </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"w16se\">",
	    "<w16se:symEx w16se:font=\"Segoe UI Emoji\" w16se:char=\"2705\"/></mc:Choice>",
	    "<mc:Fallback><w:t>✅</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>", NULL);
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < doc->n_blocks; i++)
		if (strstr(doc->blocks[i].text, "In the box") != NULL)
			n++;
	assert_int_equal(n, 1);
	assert_string_equal(blk(doc, "In the box")->text, "In the box");
	assert_string_equal(blk(doc, "anchor")->text, "anchor tail");
	assert_string_equal(blk(doc, "fallback")->text, "fallback only");
	assert_string_equal(blk(doc, "ok")->text, "ok ✅");
	a2_doc_free(doc);
}

/* ---- formatting ---- */

static const char styles_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	"<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"20\"/></w:rPr></w:rPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Gone\"><w:basedOn w:val=\"Normal\"/><w:rPr><w:strike/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"GoneChild\"><w:basedOn w:val=\"Gone\"/></w:style>"
	"<w:style w:type=\"character\" w:styleId=\"Struck\"><w:rPr><w:dstrike/></w:rPr></w:style>"
	"<w:style w:type=\"character\" w:styleId=\"Loop1\"><w:basedOn w:val=\"Loop2\"/></w:style>"
	"<w:style w:type=\"character\" w:styleId=\"Loop2\"><w:basedOn w:val=\"Loop1\"/></w:style>"
	"<w:style w:type=\"character\" w:styleId=\"Hidden\"><w:rPr><w:vanish/></w:rPr></w:style>"
	"</w:styles>";

static const char doc_rels_styles[] =
	RELS_HEAD REL("rId1", "styles", "styles.xml") RELS_TAIL;

/* The reader's styles cache (styles.c: the last STYLES_CACHE_N styles
 * parts, the most recently used first): documents whose styles parts
 * differ, read in turn with one cache, each give what they give without
 * it -- a part met again after others were kept, after one was put out,
 * and after a part of the same length that differs in one byte. */
static void
test_styles_cache(void **state)
{
	/* style S strikes in "a" and "c" (the same length), not in "b"; the
	 * others strike with other names */
	static const char *const variants[] = {"strike", "b", "dstrike", "vanish", "i", "strike"};
	static const char *const ids[] = {"S", "S", "S", "S", "S", "T"};
	static const size_t order[] = {0, 1, 2, 0, 3, 4, 5, 1, 0, 2, 2, 5, 4, 3, 1, 0};
	unsigned char *zip[6];
	size_t len[6], i;
	a2_docx_cache *cache = NULL;
	a2_limits lim;

	(void)state;
	a2_limits_default(&lim);
	for (i = 0; i < 6; i++) {
		char *styles = a2_sprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
		    "<w:style w:type=\"character\" w:styleId=\"%s\"><w:rPr><w:%s/></w:rPr></w:style></w:styles>",
		    ids[i], variants[i]);
		part p[] = {{"[Content_Types].xml", CT}, {"_rels/.rels", PKG_RELS},
		    {"word/document.xml", DOC("<w:p><w:r><w:rPr><w:rStyle w:val=\"S\"/></w:rPr><w:t>styled</w:t></w:r>"
		    "<w:r><w:t xml:space=\"preserve\"> plain</w:t></w:r></w:p>")},
		    {"word/_rels/document.xml.rels", doc_rels_styles}, {"word/styles.xml", styles}, {NULL, NULL}};
		assert_non_null(styles);
		zip[i] = build_zip(p, &len[i]);
		free(styles);
	}
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		size_t k = order[i];
		a2_error e1, e2;
		a2_zip *z;
		a2_doc *with, *without;
		char *a, *b;
		a2_error_clear(&e1);
		a2_error_clear(&e2);
		z = a2_zip_open_mem(zip[k], len[k], &lim, &e1);
		assert_non_null(z);
		with = a2_docx_lower(z, &lim, &cache, &e1);
		without = a2_docx_lower(z, &lim, NULL, &e2);
		a2_zip_close(z);
		assert_non_null(with);
		assert_non_null(without);
		a = a2_doc_dump(with);
		b = a2_doc_dump(without);
		assert_non_null(a);
		assert_non_null(b);
		assert_string_equal(a, b);
		/* what the style does shows: struck, bold, hidden (gone), or
		 * nothing (italic; style T is not used) */
		if (k == 3)
			assert_null(strstr(blk(with, "plain")->text, "styled"));
		else
			assert_int_equal(span_at(blk(with, "styled"), 0),
			    k == 0 || k == 2 ? A2_SF_STRUCK : k == 1 ? A2_SF_BOLD : 0);
		free(a);
		free(b);
		a2_doc_free(with);
		a2_doc_free(without);
	}
	a2_docx_cache_free(cache);
	for (i = 0; i < 6; i++)
		free(zip[i]);
}

static void
test_formatting(void **state)
{
	part p[] = {
		{"word/document.xml", DOC(
		    "<w:p><w:r><w:rPr><w:strike/></w:rPr><w:t>Struck</w:t></w:r><w:r><w:t xml:space=\"preserve\"> plain </w:t></w:r>"
		    "<w:r><w:rPr><w:strike w:val=\"0\"/></w:rPr><w:t>notstruck</w:t></w:r>"
		    "<w:r><w:rPr><w:dstrike w:val=\"true\"/></w:rPr><w:t>Double</w:t></w:r>"
		    "<w:r><w:rPr><w:strike w:val=\"off\"/></w:rPr><w:t>Off</w:t></w:r></w:p>"
		    "<w:p><w:r><w:rPr><w:highlight w:val=\"yellow\"/></w:rPr><w:t>Yellow</w:t></w:r>"
		    "<w:r><w:rPr><w:highlight w:val=\"none\"/></w:rPr><w:t>None</w:t></w:r>"
		    "<w:r><w:rPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"FFFF00\"/></w:rPr><w:t>Shaded</w:t></w:r>"
		    "<w:r><w:rPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"auto\"/></w:rPr><w:t>Auto</w:t></w:r>"
		    "<w:r><w:rPr><w:b/></w:rPr><w:t>Bold</w:t></w:r></w:p>"
		    "<w:p><w:r><w:t>Visible</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>Invisible</w:t></w:r>"
		    "<w:r><w:rPr><w:rStyle w:val=\"Hidden\"/></w:rPr><w:t>StyledHidden</w:t></w:r></w:p>"
		    "<w:p><w:pPr><w:pStyle w:val=\"GoneChild\"/></w:pPr><w:r><w:t>ParaStyle</w:t></w:r>"
		    "<w:r><w:rPr><w:strike w:val=\"0\"/></w:rPr><w:t>Unstruck</w:t></w:r></w:p>"
		    "<w:p><w:r><w:rPr><w:rStyle w:val=\"Struck\"/></w:rPr><w:t>CharStyle</w:t></w:r>"
		    "<w:r><w:rPr><w:rStyle w:val=\"Loop1\"/></w:rPr><w:t>Loop</w:t></w:r></w:p>"
		    "<w:p><w:pPr><w:shd w:val=\"clear\" w:fill=\"00FF00\"/></w:pPr><w:r><w:t>GreenPara</w:t></w:r></w:p>")},
		{"word/_rels/document.xml.rels", doc_rels_styles},
		{"word/styles.xml", styles_xml},
		{NULL, NULL}};
	a2_error err;
	a2_doc *doc = lower_parts(p, &err);
	const a2_block *b;

	(void)state;
	assert_non_null(doc);
	b = blk(doc, "Struck");
	assert_string_equal(b->text, "Struck plain notstruckDoubleOff");
	assert_int_equal(span_at(b, 0), A2_SF_STRUCK);
	assert_int_equal(span_at(b, 7), 0);
	assert_int_equal(span_at(b, 13), 0);
	assert_int_equal(span_at(b, 22), A2_SF_STRUCK);
	assert_int_equal(span_at(b, 28), 0);
	b = blk(doc, "Yellow");
	assert_int_equal(span_at(b, 0), A2_SF_HIGHLIGHT);
	assert_int_equal(span_at(b, 6), 0);
	assert_int_equal(span_at(b, 10), A2_SF_HIGHLIGHT);
	assert_int_equal(span_at(b, 16), 0);
	assert_int_equal(span_at(b, 20), A2_SF_BOLD);
	assert_string_equal(blk(doc, "Visible")->text, "Visible");
	b = blk(doc, "ParaStyle");
	assert_int_equal(span_at(b, 0), A2_SF_STRUCK);
	assert_int_equal(span_at(b, 9), 0);
	b = blk(doc, "CharStyle");
	assert_int_equal(span_at(b, 0), A2_SF_STRUCK);
	assert_int_equal(span_at(b, 9), 0);
	assert_int_equal(span_at(blk(doc, "GreenPara"), 0), A2_SF_HIGHLIGHT);
	a2_doc_free(doc);
}

/* ---- tables ---- */

static void
test_tables(void **state)
{
	a2_doc *doc = lower_body(
	    "<w:p><w:r><w:t>outside</w:t></w:r></w:p>",
	    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>",
	    "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>T0 r0 wide</w:t></w:r></w:p></w:tc>",
	    "<w:tc><w:p><w:r><w:t>T0 r0 c2</w:t></w:r></w:p></w:tc></w:tr>",
	    "<w:tr><w:tc><w:p><w:r><w:t>T0 r1 c0</w:t></w:r></w:p></w:tc>",
	    "<w:tc><w:p><w:r><w:t>T0 r1 c1 before</w:t></w:r></w:p>",
	    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>T1 r0 c0</w:t></w:r></w:p></w:tc>",
	    "<w:tc><w:p><w:r><w:t>T1 r0 c1</w:t></w:r></w:p></w:tc></w:tr>",
	    "<w:sdt><w:sdtContent><w:tr><w:tc><w:p><w:r><w:t>T1 r1 c0</w:t></w:r></w:p></w:tc></w:tr></w:sdtContent></w:sdt>",
	    "</w:tbl><w:p><w:r><w:t>T0 r1 c1 after</w:t></w:r></w:p></w:tc>",
	    "<w:tc><w:p><w:r><w:t>T0 r1 c2</w:t></w:r></w:p></w:tc></w:tr>",
	    "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr><w:tc><w:p><w:r><w:t>T0 r2 c1</w:t></w:r></w:p></w:tc></w:tr>",
	    "</w:tbl>",
	    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>T2 r0 c0</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
	    "<w:p><w:r><w:t>end</w:t></w:r></w:p>", NULL);
	static const struct { const char *text; int t, r, c, d; } want[] = {
		{"outside", -1, -1, -1, 0}, {"T0 r0 wide", 0, 0, 0, 1}, {"T0 r0 c2", 0, 0, 2, 1},
		{"T0 r1 c0", 0, 1, 0, 1}, {"T0 r1 c1 before", 0, 1, 1, 1}, {"T1 r0 c0", 1, 0, 0, 2},
		{"T1 r0 c1", 1, 0, 1, 2}, {"T1 r1 c0", 1, 1, 0, 2}, {"T0 r1 c1 after", 0, 1, 1, 1},
		{"T0 r1 c2", 0, 1, 2, 1}, {"T0 r2 c1", 0, 2, 1, 1}, {"T2 r0 c0", 2, 0, 0, 1},
		{"end", -1, -1, -1, 0},
	};
	size_t i;

	(void)state;
	assert_int_equal(doc->n_blocks, sizeof(want) / sizeof(*want));
	for (i = 0; i < doc->n_blocks; i++) {
		const a2_block *b = &doc->blocks[i];
		assert_string_equal(b->text, want[i].text);
		assert_int_equal(b->table, want[i].t);
		assert_int_equal(b->row, want[i].r);
		assert_int_equal(b->col, want[i].c);
		assert_int_equal(b->depth, want[i].d);
	}
	a2_doc_free(doc);
}

/* ---- symbols and special characters ---- */

static void
test_symbols(void **state)
{
	a2_doc *doc = lower_body(
	    "<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FE\"/><w:sym w:font=\"Wingdings\" w:char=\"F0A8\"/>",
	    "<w:sym w:font=\"Wingdings\" w:char=\"F0FD\"/><w:sym w:font=\"Wingdings 2\" w:char=\"F052\"/>",
	    "<w:sym w:font=\"Wingdings 2\" w:char=\"F0A3\"/><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/>",
	    "<w:sym w:font=\"Wingdings\" w:char=\"F021\"/><w:sym w:font=\"Symbol\" w:char=\"F094\"/>",
	    "<w:sym w:font=\"Segoe UI Symbol\" w:char=\"2612\"/><w:sym w:font=\"Foo\" w:char=\"F0FE\"/>",
	    "<w:sym w:font=\"Wingdings\" w:char=\"zz\"/><w:sym/><w:sym w:char=\"FFFF\"/><w:sym w:char=\"0007\"/><w:t>|</w:t></w:r></w:p>",
	    "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Wingdings\" w:hAnsi=\"Wingdings\"/></w:rPr><w:t>þ o x</w:t></w:r>",
	    "<w:r><w:t xml:space=\"preserve\"> Yes</w:t></w:r></w:p>",
	    "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t><w:noBreakHyphen/>",
	    "<w:t>e</w:t><w:softHyphen/><w:t>f</w:t></w:r></w:p>"
	    /* a Wingdings 2 state pair in a content control */,
	    "<w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"0\"/>",
	    "<w14:checkedState w14:val=\"0052\" w14:font=\"Wingdings 2\"/><w14:uncheckedState w14:val=\"00A3\" w14:font=\"Wingdings 2\"/>",
	    "</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:sym w:font=\"Wingdings 2\" w:char=\"F052\"/></w:r>",
	    "</w:sdtContent></w:sdt><w:r><w:t>wd2</w:t></w:r></w:p>", NULL);
	const a2_block *b;

	(void)state;
	assert_string_equal(doc->blocks[0].text, "☑☐☒☑□✓☒|");
	assert_string_equal(doc->blocks[1].text, "☑ ☐ ☒ Yes");
	assert_string_equal(doc->blocks[2].text, "a\tb\nc\nd-ef");
	b = blk(doc, "wd2");
	assert_string_equal(b->text, "wd2");
	assert_int_equal(b->marks[0].state, A2_OFF);
	assert_string_equal(b->marks[0].glyph, "☑");
	assert_int_equal(b->marks[0].flags, A2_MF_DISAGREE);
	a2_doc_free(doc);
}

/* ---- ActiveX ---- */

#define AX_XML(clsid) \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>" \
	"<ax:ocx ax:classid=\"" clsid "\" ax:persistence=\"persistStorage\" r:id=\"rId1\" " \
	"xmlns:ax=\"http://schemas.microsoft.com/office/2006/activeX\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/>"

#define AX_RUN(rid, name) \
	"<w:r><w:object><v:shape id=\"s" rid "\"/><w:control r:id=\"" rid "\" w:name=\"" name "\" " \
	"w:shapeid=\"s" rid "\"/></w:object></w:r>"

static void
test_activex(void **state)
{
	part p[] = {
		{"word/document.xml", DOC(
		    "<w:p><w:r><w:t xml:space=\"preserve\">Agree </w:t></w:r>" AX_RUN("rId6", "CheckBox1") "</w:p>"
		    "<w:p><w:r><w:pict><w:control r:id=\"rId7\" w:name=\"OptionButton1\"/></w:pict></w:r>"
		    "<w:r><w:t>Yes</w:t></w:r></w:p>"
		    "<w:p><w:r><w:t>Text</w:t></w:r>" AX_RUN("rId8", "TextBox1") AX_RUN("rId9", "Missing") "</w:p>")},
		{"word/_rels/document.xml.rels", RELS_HEAD
		    REL("rId6", "control", "activeX/activeX1.xml")
		    REL("rId7", "control", "/word/activeX/../activeX/activeX2.xml")
		    REL("rId8", "control", "activeX/activeX3.xml")
		    REL("rId9", "control", "activeX/activeX9.xml") RELS_TAIL},
		{"word/activeX/activeX1.xml", AX_XML("{8BD21D40-EC42-11CE-9E0D-00AA006002F3}")},
		{"word/activeX/activeX2.xml", AX_XML("{8bd21d50-EC42-11CE-9e0d-00aa006002f3}")},
		{"word/activeX/activeX3.xml", AX_XML("{8BD21D10-EC42-11CE-9E0D-00AA006002F3}")},
		{NULL, NULL}};
	a2_error err;
	a2_doc *doc = lower_parts(p, &err);
	const a2_block *b;

	(void)state;
	assert_non_null(doc);
	b = blk(doc, "Agree");
	assert_string_equal(b->text, "Agree ");
	assert_int_equal(b->n_marks, 1);
	assert_int_equal(b->marks[0].kind, A2_MK_ACTIVEX);
	assert_int_equal(b->marks[0].state, A2_UNKNOWN);
	assert_int_equal(b->marks[0].flags, 0);
	assert_int_equal(b->marks[0].offset, 6);
	assert_string_equal(b->marks[0].name, "CheckBox1");
	b = blk(doc, "Yes");
	assert_int_equal(b->n_marks, 1);
	assert_int_equal(b->marks[0].flags, A2_MF_RADIO);
	assert_int_equal(b->marks[0].offset, 0);
	assert_string_equal(b->marks[0].name, "OptionButton1");
	assert_int_equal(blk(doc, "Text")->n_marks, 0);
	a2_doc_free(doc);
}

/* ---- properties ---- */

static void
test_properties(void **state)
{
	part p[] = {
		{"word/document.xml", DOC("<w:p><w:r><w:t>x</w:t></w:r></w:p>")},
		{"docProps/custom.xml",
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
		    "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
		    "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"annex2.member-state\">"
		    "<vt:lpwstr>FRA</vt:lpwstr></property>"
		    "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"3\" name=\"annex2.consultation\">"
		    "<vt:lpstr>TSB Circular 195</vt:lpstr></property>"
		    "<property pid=\"4\" name=\"Count\"><vt:i4>42</vt:i4></property>"
		    "<property pid=\"5\" name=\"Flag\"><vt:bool>true</vt:bool></property>"
		    "<property pid=\"6\" name=\"Empty\"/>"
		    "</Properties>"},
		{"docProps/app.xml",
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
		    "<Template>Normal.dotm</Template><Application>Microsoft Office Word</Application>"
		    "<AppVersion>16.0000</AppVersion></Properties>"},
		{NULL, NULL}};
	a2_error err;
	a2_doc *doc = lower_parts(p, &err);

	(void)state;
	assert_non_null(doc);
	assert_string_equal(a2_doc_prop(doc, A2_PROP_STATE), "FRA");
	assert_string_equal(a2_doc_prop(doc, A2_PROP_CONSULTATION), "TSB Circular 195");
	assert_string_equal(a2_doc_prop(doc, "Count"), "42");
	assert_string_equal(a2_doc_prop(doc, "Flag"), "true");
	assert_string_equal(a2_doc_prop(doc, "Empty"), "");
	assert_string_equal(doc->producer, "Microsoft Office Word 16.0000");
	a2_doc_free(doc);

	/* no docProps at all (Google Docs): no producer, no properties */
	doc = lower_body("<w:p/>", NULL);
	assert_null(doc->producer);
	assert_int_equal(doc->n_props, 0);
	assert_int_equal(doc->n_blocks, 1);
	a2_doc_free(doc);
}

/* ---- packages and errors ---- */

static void
test_package(void **state)
{
	/* the main part found through _rels/.rels under another name */
	part renamed[] = {
		{"_rels/.rels", RELS_HEAD REL("rId1", "officeDocument", "/word/main.xml") RELS_TAIL},
		{"word/main.xml", DOC("<w:p><w:r><w:t>renamed</w:t></w:r></w:p>")},
		{NULL, NULL}};
	/* a broken .rels: an error, never a silent fallback (issue 12) */
	part badrels[] = {
		{"_rels/.rels", "<Relationships><oops"},
		{"word/document.xml", DOC("<w:p><w:r><w:t>fallback</w:t></w:r></w:p>")},
		{NULL, NULL}};
	/* ISO 29500 Strict */
	part strict[] = {
		{"word/document.xml",
		    "<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\">"
		    "<w:body><w:p><w:r><w:rPr><w:strike w:val=\"true\"/></w:rPr><w:t>strict</w:t></w:r></w:p></w:body></w:document>"},
		{NULL, NULL}};
	a2_error err;
	a2_doc *doc;

	(void)state;
	doc = lower_parts(renamed, &err);
	assert_non_null(doc);
	assert_string_equal(doc->blocks[0].text, "renamed");
	assert_string_equal(doc->blocks[0].pos.member, "word/main.xml");
	a2_doc_free(doc);
	doc = lower_parts(badrels, &err);
	assert_null(doc);
	assert_int_equal(err.code, A2_ERR_XML);
	assert_string_equal(err.member, "_rels/.rels");
	doc = lower_parts(strict, &err);
	assert_non_null(doc);
	assert_string_equal(doc->blocks[0].text, "strict");
	assert_int_equal(span_at(&doc->blocks[0], 0), A2_SF_STRUCK);
	a2_doc_free(doc);
}

static void
test_errors(void **state)
{
	part malformed[] = {
		{"word/document.xml", "<?xml version=\"1.0\"?>\n<w:document " NS_DECL ">\n<w:body>\n<w:p></w:r>\n</w:body></w:document>"},
		{NULL, NULL}};
	part nomain[] = {{"word/other.xml", "<x/>"}, {NULL, NULL}};
	part notword[] = {{"word/document.xml", "<html><body/></html>"}, {NULL, NULL}};
	part badcustom[] = {
		{"word/document.xml", DOC("<w:p><w:r><w:t>still read</w:t></w:r></w:p>")},
		{"docProps/custom.xml", "<Properties><property name=\"x\"></Properties>"},
		{NULL, NULL}};
	part badstyles[] = {
		{"word/document.xml", DOC("<w:p><w:r><w:t>not read</w:t></w:r></w:p>")},
		{"word/_rels/document.xml.rels", doc_rels_styles},
		{"word/styles.xml", "<w:styles"},
		{NULL, NULL}};
	a2_error err;
	a2_doc *doc;

	(void)state;
	doc = lower_parts(malformed, &err);
	assert_null(doc);
	assert_int_equal(err.code, A2_ERR_XML);
	assert_string_equal(err.member, "word/document.xml");
	assert_int_equal(err.line, 4);

	doc = lower_parts(nomain, &err);
	assert_null(doc);
	assert_int_equal(err.code, A2_ERR_NO_MAIN_PART);

	doc = lower_parts(notword, &err);
	assert_null(doc);
	assert_int_equal(err.code, A2_ERR_FORMAT);

	/* damaged metadata does not cost the answers, but is listed (a
	 * damaged-part problem); damaged styles are an error (issue 12) */
	doc = lower_parts(badcustom, &err);
	assert_non_null(doc);
	assert_string_equal(doc->blocks[0].text, "still read");
	assert_int_equal(doc->n_damaged, 1);
	assert_string_equal(doc->damaged[0], "docProps/custom.xml");
	a2_doc_free(doc);
	doc = lower_parts(badstyles, &err);
	assert_null(doc);
	assert_int_equal(err.code, A2_ERR_XML);
	assert_string_equal(err.member, "word/styles.xml");
}

/* Deep nesting within the parser's limits: the walk is iterative. */
static void
test_deep(void **state)
{
	a2_buf b = {0};
	part p[] = {{"word/document.xml", NULL}, {NULL, NULL}};
	a2_error err;
	a2_doc *doc;
	int i, depth = 100; /* 200 elements: within max_depth 256 */
	char *xml;

	(void)state;
	a2_buf_puts(&b, "<w:document " NS_DECL "><w:body><w:p>");
	for (i = 0; i < depth; i++)
		a2_buf_puts(&b, "<w:sdt><w:sdtContent>");
	a2_buf_puts(&b, "<w:r><w:t>deep</w:t></w:r>");
	for (i = 0; i < depth; i++)
		a2_buf_puts(&b, "</w:sdtContent></w:sdt>");
	a2_buf_puts(&b, "</w:p>");
	for (i = 0; i < 60; i++)
		a2_buf_puts(&b, "<w:tbl><w:tr><w:tc>");
	a2_buf_puts(&b, "<w:p><w:r><w:t>cell</w:t></w:r></w:p>");
	for (i = 0; i < 60; i++)
		a2_buf_puts(&b, "</w:tc></w:tr></w:tbl>");
	a2_buf_puts(&b, "</w:body></w:document>");
	xml = a2_buf_take(&b);
	assert_non_null(xml);
	p[0].data = xml;
	doc = lower_parts(p, &err);
	assert_non_null(doc);
	assert_string_equal(blk(doc, "deep")->text, "deep");
	assert_int_equal(blk(doc, "cell")->depth, 60);
	assert_int_equal(blk(doc, "cell")->table, 59);
	a2_doc_free(doc);
	free(xml);
}

/* Through the caller: a2_doc_open_mem picks this front end. */
static void
test_open_mem(void **state)
{
	part p[] = {
		{"[Content_Types].xml", CT},
		{"_rels/.rels", PKG_RELS},
		{"word/document.xml", DOC("<w:p>" CC("<w14:checked w14:val=\"1\"/>", "☒", "x") "</w:p>")},
		{NULL, NULL}};
	size_t len;
	unsigned char *zip = build_zip(p, &len);
	a2_limits lim;
	a2_error err;
	a2_doc *doc;
	char *dump;

	(void)state;
	a2_limits_default(&lim);
	a2_error_clear(&err);
	doc = a2_doc_open_mem("reply.docx", zip, len, &lim, &err);
	assert_non_null(doc);
	assert_true(a2_doc_check(doc));
	assert_int_equal(doc->format, A2_FMT_DOCX);
	assert_int_equal(doc->n_marks_total, 1);
	dump = a2_doc_dump(doc);
	assert_non_null(strstr(dump, "{content-control:on"));
	free(dump);
	a2_doc_free(doc);
	free(zip);
}

/* ---- the reference corpus ---- */

/*
 * Rewrites a zip through libzip without the consistency check (some real
 * Office files carry local extra fields the central directory lacks, and
 * core/zip.c's ZIP_CHECKCONS refuses them): lets the front end be tested
 * on their content.  Returns a new buffer or NULL.
 */
static unsigned char *
repack(const unsigned char *data, size_t len, size_t *olen)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	a2_zipout *zo;
	a2_error err;
	unsigned char *out = NULL;
	zip_int64_t i, n;

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src == NULL || (za = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL)
		return NULL;
	zo = a2_zipout_new(&err);
	assert_non_null(zo);
	n = zip_get_num_entries(za, 0);
	for (i = 0; i < n; i++) {
		zip_stat_t st;
		zip_file_t *zf;
		char *buf;
		assert_int_equal(zip_stat_index(za, (zip_uint64_t)i, 0, &st), 0);
		buf = malloc(st.size + 1);
		assert_non_null(buf);
		zf = zip_fopen_index(za, (zip_uint64_t)i, 0);
		assert_non_null(zf);
		assert_int_equal(zip_fread(zf, buf, st.size), (zip_int64_t)st.size);
		zip_fclose(zf);
		assert_int_equal(a2_zipout_add(zo, st.name, buf, st.size, 0, &err), 0);
		free(buf);
	}
	zip_discard(za);
	assert_int_equal(a2_zipout_finish(zo, &out, olen, &err), 0);
	return out;
}

/* Lowers a corpus file; NULL with a failed test on error. */
static a2_doc *
lower_file(const char *path)
{
	size_t len, rlen;
	unsigned char *data = t_slurp(path, &len), *re;
	a2_limits lim;
	a2_error err;
	a2_doc *doc;

	a2_limits_default(&lim);
	a2_error_clear(&err);
	doc = lower_zip(data, len, &lim, &err);
	if (doc == NULL && err.code == A2_ERR_CORRUPT && (re = repack(data, len, &rlen)) != NULL) {
		print_message("note: core/zip.c refuses %s (%s); lowering a repacked copy\n",
		    strrchr(path, '/') + 1, err.message);
		a2_error_clear(&err);
		doc = lower_zip(re, rlen, &lim, &err);
		free(re);
	}
	free(data);
	if (doc == NULL)
		fail_msg("%s: %s %s:%d %s", path, a2_code_name(err.code), err.member, err.line, err.message);
	return doc;
}

static void
test_corpus_index(void **state)
{
	const char *shared = t_shared();
	char path[1024], line[4096];
	FILE *fp;
	size_t files = 0;

	(void)state;
	if (shared == NULL) {
		print_message("skip: the shared reference corpus is not present\n");
		skip();
		return;
	}
	snprintf(path, sizeof(path), "%s/reference/corpus/INDEX.tsv", shared);
	fp = fopen(path, "r");
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *col[8] = {0}, *p = line, *tab;
		int k = 0;
		a2_doc *doc;
		size_t on, off;
		while (k < 8 && p != NULL) {
			col[k++] = p;
			if ((tab = strchr(p, '\t')) != NULL)
				*tab++ = '\0';
			p = tab;
		}
		if (k < 7 || strlen(col[0]) < 5 || strcmp(col[0] + strlen(col[0]) - 5, ".docx") != 0)
			continue;
		if (snprintf(path, sizeof(path), "%s/reference/corpus/%s", shared, col[0]) >= (int)sizeof(path))
			fail_msg("path too long: %s", col[0]);
		doc = lower_file(path);
		on = count_marks(doc, A2_MK_CONTENT_CONTROL, A2_ON) + count_marks(doc, A2_MK_FORM_FIELD, A2_ON);
		off = count_marks(doc, A2_MK_CONTENT_CONTROL, A2_OFF) + count_marks(doc, A2_MK_FORM_FIELD, A2_OFF);
		if (on != (size_t)atoi(col[5]) || off != (size_t)atoi(col[6]))
			fail_msg("%s: %zu on / %zu off, INDEX.tsv says %s / %s", col[0], on, off, col[5], col[6]);
		a2_doc_free(doc);
		files++;
	}
	fclose(fp);
	print_message("corpus: %zu DOCX files agree with INDEX.tsv\n", files);
	assert_true(files >= 25);
}

static void
test_corpus_details(void **state)
{
	const char *shared = t_shared();
	char path[1024];
	a2_doc *doc;
	size_t i, j, circles = 0, fields = 0;

	(void)state;
	if (shared == NULL) {
		print_message("skip: the shared reference corpus is not present\n");
		skip();
		return;
	}
	/* the Secretariat's own form: 16 legacy checkboxes, ⃝ option glyphs */
	snprintf(path, sizeof(path), "%s/reference/itu-annex2-form.docx", shared);
	doc = lower_file(path);
	for (i = 0; i < doc->n_blocks; i++) {
		const a2_block *b = &doc->blocks[i];
		if (strncmp(b->text, "⃝\t", strlen("⃝\t")) == 0)
			circles++;
		for (j = 0; j < b->n_marks; j++) {
			char want[16];
			assert_int_equal(b->marks[j].kind, A2_MK_FORM_FIELD);
			assert_int_equal(b->marks[j].state, A2_OFF);
			assert_int_equal(b->marks[j].offset, 0);
			assert_true(b->table >= 1); /* the answer table (split in two) */
			assert_int_equal(b->col, 1);
			snprintf(want, sizeof(want), "Check%zu", ++fields);
			assert_string_equal(b->marks[j].name, want);
			assert_non_null(strstr(b->text, "authority to SG17"));
		}
	}
	assert_int_equal(fields, 16);
	assert_int_equal(circles, 16);
	assert_string_equal(doc->producer, "Microsoft Office Word 16.0000");
	a2_doc_free(doc);

	/* LibreOffice 7.4's w:val on w14:checked, block-level controls */
	snprintf(path, sizeof(path), "%s/reference/corpus/lo747/"
	    "lo747__docx_roundtrip_of__openxmlpowertools_HW010-Symbols02.docx", shared);
	doc = lower_file(path);
	assert_int_equal(doc->blocks[0].n_marks, 1);
	assert_int_equal(doc->blocks[0].marks[0].state, A2_ON);
	assert_string_equal(doc->blocks[0].text, "");
	assert_int_equal(doc->blocks[1].marks[0].state, A2_OFF);
	a2_doc_free(doc);

	/* ActiveX: two choice controls, one legacy checkbox */
	snprintf(path, sizeof(path), "%s/reference/corpus/word__docx4j__LegacyForms.docx", shared);
	doc = lower_file(path);
	assert_int_equal(count_marks(doc, A2_MK_ACTIVEX, A2_UNKNOWN), 2);
	assert_int_equal(count_marks(doc, A2_MK_FORM_FIELD, A2_OFF), 1);
	a2_doc_free(doc);

	/* text boxes read once (Choice, not Fallback), 8 deletions skipped */
	snprintf(path, sizeof(path), "%s/reference/corpus/word__openxmlsdk__Complex01.docx", shared);
	doc = lower_file(path);
	for (i = 0, j = 0; i < doc->n_blocks; i++)
		if (strcmp(doc->blocks[i].text, "Here is a text box.") == 0 ||
		    strcmp(doc->blocks[i].text, "This is my interesting abstract.") == 0)
			j++;
	assert_int_equal(j, 2);
	assert_non_null(blk(doc, "you can paste. You can also type a keyword"));
	a2_doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cc_states),
		cmocka_unit_test(test_cc_levels),
		cmocka_unit_test(test_cc_bookmarks),
		cmocka_unit_test(test_legacy),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_dropdowns),
		cmocka_unit_test(test_tracked),
		cmocka_unit_test(test_alternate),
		cmocka_unit_test(test_formatting),
		cmocka_unit_test(test_styles_cache),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_symbols),
		cmocka_unit_test(test_activex),
		cmocka_unit_test(test_properties),
		cmocka_unit_test(test_package),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_deep),
		cmocka_unit_test(test_open_mem),
		cmocka_unit_test(test_corpus_index),
		cmocka_unit_test(test_corpus_details),
	};

	return cmocka_run_group_tests_name("docx", tests, NULL, NULL);
}
