/* tests/unit/test_pdf.c -- the PDF front end's layout (characters with
 * their boxes -> blocks), and the matcher's two questions to a document
 * (doc->probe: a box drawn before a label; doc->struck: a line drawn over
 * a label), on pages built here character by character: no PDF needed. */
#include "testutil.h"
#include "core/util.h"
#include "read/pdf/pdf.h"
#include "read/match/match.h"

#define form (t_world_get()->form)
#define states (t_world_get()->states)
#define reader (t_world_get()->reader)

/* Characters of text at (x, y), h points high, each 0.5 h wide, words a
 * space apart; a ballot glyph is h wide. */
static void
put(pdf_char **c, size_t *n, const char *text, double x, double y, double h)
{
	size_t i = 0, len = strlen(text);
	int space = 1;

	while (i < len) {
		unsigned cp;
		double w;
		pdf_char *q;
		i += a2_utf8_next(text + i, len - i, &cp);
		if (cp == ' ') {
			space = 1;
			x += 0.3 * h;
			continue;
		}
		w = a2_glyph_state(cp) >= 0 ? h : 0.5 * h;
		*c = realloc(*c, (*n + 1) * sizeof(pdf_char));
		assert_non_null(*c);
		q = &(*c)[(*n)++];
		memset(q, 0, sizeof(*q));
		q->cp = cp;
		q->x1 = x;
		q->x2 = x + w;
		q->y1 = y;
		q->y2 = y + h;
		q->space_before = space;
		space = 0;
		x += w + 0.05 * h;
	}
}

static a2_doc *
lay(pdf_char *c, size_t n, const pdf_field *f, size_t nf, pdf_fe *fe)
{
	a2_doc *d = a2_doc_new(A2_FMT_PDF);

	assert_non_null(d);
	memset(fe, 0, sizeof(*fe));
	assert_int_equal(a2_pdf_layout(d, fe, 1, c, n, f, nf), 0);
	assert_true(a2_doc_check(d));
	assert_int_equal(fe->n_where, d->n_blocks);
	return d;
}

static void
fe_done(pdf_fe *fe)
{
	free(fe->where);
	free(fe->cbox);
	free(fe->widget);
}

/* A table row: the heading cell, a box column, a label column; the box of
 * "does not assign" lower down is not pulled before "assigns" (the text
 * order of a PDF would), and wrapped lines join their paragraph. */
static void
t_table_row(void **state)
{
	pdf_char *c = NULL;
	size_t n = 0;
	pdf_fe fe;
	a2_doc *d;

	(void)state;
	put(&c, &n, "Draft new", 61, 500, 14);
	put(&c, &n, "\u2612", 203, 500, 14);
	put(&c, &n, "assigns authority to SG17 to consider this", 231, 500, 14);
	put(&c, &n, "Recommendation ITU-T", 61, 515, 14);
	put(&c, &n, "approval (in which case):", 231, 515, 14);
	put(&c, &n, "X.1237 (X.tsfpp)", 61, 530, 14);
	put(&c, &n, "\u2612", 231, 533, 16);       /* a taller glyph, a little lower */
	put(&c, &n, "No comments", 259, 534, 14);
	put(&c, &n, "\u2610", 203, 571, 14);
	put(&c, &n, "does not assign authority", 231, 571, 14);
	d = lay(c, n, NULL, 0, &fe);
	assert_int_equal(d->n_blocks, 4);
	assert_string_equal(d->blocks[0].text, "Draft new\nRecommendation ITU-T\nX.1237 (X.tsfpp)");
	assert_string_equal(d->blocks[1].text, "\u2612 assigns authority to SG17 to consider this approval (in which case):");
	assert_string_equal(d->blocks[2].text, "\u2612 No comments");
	assert_string_equal(d->blocks[3].text, "\u2610 does not assign authority");
	assert_int_equal(d->blocks[1].pos.page, 1);
	assert_true(d->blocks[1].pos.x > 202 && d->blocks[1].pos.x < 204);
	assert_int_equal(fe.where[1].boxed, 1);
	assert_int_equal(fe.where[0].boxed, 0);
	a2_doc_free(d);
	fe_done(&fe);
	free(c);
}

/* A mark typed where the box was ("X"), a tab before its label: the label
 * starts at a column edge of the page, and still the X stays with it. */
static void
t_typed_x(void **state)
{
	pdf_char *c = NULL;
	size_t n = 0;
	pdf_fe fe;
	a2_doc *d;

	(void)state;
	put(&c, &n, "assigns authority to SG17", 231, 500, 14);
	put(&c, &n, "X", 231, 515, 14);
	put(&c, &n, "No comments", 242, 515, 14);
	put(&c, &n, "\u2610", 231, 530, 14);
	put(&c, &n, "Comments attached", 242, 530, 14);
	put(&c, &n, "\u2610", 231, 545, 14);
	put(&c, &n, "Other words", 242, 545, 14);
	d = lay(c, n, NULL, 0, &fe);
	assert_int_equal(d->n_blocks, 4);
	assert_string_equal(d->blocks[0].text, "assigns authority to SG17");
	assert_string_equal(d->blocks[1].text, "X No comments");
	a2_doc_free(d);
	fe_done(&fe);
	free(c);
}

/* A form field over a printed box: the box's glyph is not read, the field
 * is a mark at the start of its label's block; a new row opening on the
 * left ends the paragraph to its right. */
static void
t_field_and_rows(void **state)
{
	pdf_char *c = NULL, fc;
	size_t n = 0;
	pdf_field f;
	pdf_fe fe;
	a2_doc *d;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.state = A2_ON;
	f.name = (char *)"box1";
	f.x1 = 203;
	f.x2 = 214;
	f.y1 = 500;
	f.y2 = 513;
	memset(&fc, 0, sizeof(fc));
	fc.x1 = f.x1;
	fc.x2 = f.x2;
	fc.y1 = f.y1;
	fc.y2 = f.y2;
	fc.field = 1;
	fc.space_before = 1;
	c = malloc(sizeof(pdf_char));
	assert_non_null(c);
	c[n++] = fc;
	put(&c, &n, "assigns authority", 231, 500, 14);
	put(&c, &n, "for approval", 231, 515, 14);
	put(&c, &n, "Draft new", 61, 530, 14);          /* the next row opens on the left */
	put(&c, &n, "assigns authority", 231, 530, 14);
	d = lay(c, n, &f, 1, &fe);
	assert_int_equal(d->n_blocks, 3);
	assert_string_equal(d->blocks[0].text, "assigns authority for approval");
	assert_int_equal(d->blocks[0].n_marks, 1);
	assert_int_equal(d->blocks[0].marks[0].kind, A2_MK_PDF_FIELD);
	assert_int_equal(d->blocks[0].marks[0].state, A2_ON);
	assert_int_equal(d->blocks[0].marks[0].offset, 0);
	assert_string_equal(d->blocks[0].marks[0].name, "box1");
	assert_string_equal(d->blocks[1].text, "Draft new");
	assert_string_equal(d->blocks[2].text, "assigns authority");
	a2_doc_free(d);
	fe_done(&fe);
	free(c);
}

/* ---- the matcher's questions, answered by a fake front end ---- */

static a2_tri probe_answer;
static int probe_calls, struck_calls;
static const char *struck_word;

static int
fake_probe(a2_doc *doc, size_t b, a2_mark *m)
{
	(void)doc;
	(void)b;
	probe_calls++;
	memset(m, 0, sizeof(*m));
	m->kind = A2_MK_PDF_DRAWING;
	m->state = probe_answer;
	return 1;
}

static int
fake_struck(a2_doc *doc, size_t b, size_t start, size_t end)
{
	struck_calls++;
	return struck_word != NULL && end > start &&
	    strncmp(doc->blocks[b].text + start, struck_word, strlen(struck_word)) == 0;
}

/* One text's section of a form, no marks written: each choice its own
 * block, as a PDF of the Secretariat's form gives it. */
static a2_doc *
section(void)
{
	static const char *const blocks[] = {
		"Administration of France",
		"Draft new Recommendation ITU-T X.1237 (X.tsfpp)",
		"assigns authority to SG17 to consider this text for approval",
		"No comments or suggested changes",
		"Comments and suggested changes are attached",
		"does not assign authority to SG17 to consider this text for approval",
	};
	a2_doc *d = a2_doc_new(A2_FMT_PDF);
	a2_pos pos;
	size_t i;

	assert_non_null(d);
	memset(&pos, 0, sizeof(pos));
	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
		a2_block *b = a2_doc_add_block(d, pos, -1, -1, -1, 0);
		assert_non_null(b);
		assert_int_equal(a2_block_append(b, blocks[i], strlen(blocks[i]), 0), 0);
	}
	return d;
}

static const a2_answer *
answer(a2_record *r, const char *rec)
{
	size_t i;
	for (i = 0; i < r->n_texts; i++)
		if (strcmp(r->texts[i].rec, rec) == 0)
			return &r->texts[i];
	fail_msg("no text %s", rec);
	return NULL;
}

static void
t_probe(void **state)
{
	a2_doc *d = section();
	a2_record r;
	const a2_answer *a;

	(void)state;
	d->probe = fake_probe;
	/* every label that opens its block is asked about: a box is found
	 * marked before each; "assigns" and "does not assign" both: conflict */
	probe_answer = A2_ON;
	probe_calls = 0;
	a2_record_init(&r);
	assert_int_equal(a2_match_doc(reader, d, &r), 0);
	a = answer(&r, "X.1237");
	assert_int_equal(probe_calls, 4);
	assert_int_equal(a->status, A2_ST_CONFLICT);
	a2_record_clear(&r);
	/* ink between empty and marked: unclear, and said why */
	probe_answer = A2_UNKNOWN;
	a2_record_init(&r);
	assert_int_equal(a2_match_doc(reader, d, &r), 0);
	a = answer(&r, "X.1237");
	assert_int_equal(a->status, A2_ST_UNCLEAR);
	assert_null(a->evidence);
	assert_true(a2_record_has_problem(&r, "unclear", "X.1237"));
	assert_non_null(strstr(r.problems[0].message, "drawn on the page"));
	a2_record_clear(&r);
	a2_doc_free(d);
}

static void
t_struck(void **state)
{
	a2_doc *d = section();
	a2_record r;
	const a2_answer *a;

	(void)state;
	d->struck = fake_struck;
	struck_word = "does not assign";
	struck_calls = 0;
	a2_record_init(&r);
	assert_int_equal(a2_match_doc(reader, d, &r), 0);
	a = answer(&r, "X.1237");
	assert_int_equal(a->status, A2_ST_INFERRED);
	assert_int_equal(a->authority, A2_AUTH_ASSIGNS);
	assert_string_equal(a->evidence, "struck");
	assert_true(struck_calls >= 2);
	a2_record_clear(&r);
	/* a box marked: nothing to ask, the strike cannot decide */
	{
		a2_mark m;
		memset(&m, 0, sizeof(m));
		m.kind = A2_MK_PDF_FIELD;
		m.state = A2_ON;
		assert_int_equal(a2_block_add_mark(d, &d->blocks[2], &m), 0);
		assert_int_equal(a2_block_add_mark(d, &d->blocks[3], &m), 0);
	}
	struck_calls = 0;
	a2_record_init(&r);
	assert_int_equal(a2_match_doc(reader, d, &r), 0);
	a = answer(&r, "X.1237");
	assert_int_equal(a->status, A2_ST_OK);
	assert_string_equal(a->evidence, "pdf-field");
	assert_int_equal(a->comments, A2_COM_NONE);
	/* only the other texts (missing from this document) were looked at */
	a2_record_clear(&r);
	a2_doc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_table_row),
		cmocka_unit_test(t_typed_x),
		cmocka_unit_test(t_field_and_rows),
		cmocka_unit_test(t_probe),
		cmocka_unit_test(t_struck),
	};
	return cmocka_run_group_tests_name("pdf", tests, t_world_setup, t_world_teardown);
}
