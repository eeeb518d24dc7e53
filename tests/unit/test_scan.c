/* tests/unit/test_scan.c -- the page image front end (read/scan/): the QR
 * payload, and pages drawn here in memory as the generated forms print
 * (fiducials, the page's QR code from libqrencode, boxes of 3.05 mm in the
 * two columns) with pen marks at known places, read through the scan front
 * end and the reader: answers, confidence, the unclear cases, the page
 * turned upside down, and the limits checked from headers alone. */
#include "testutil.h"
#include <math.h>
#include <qrencode.h>
#include <zlib.h>
#include "read/scan/scan.h"
#include "read/scan/page.h"
#include "read/scan/ocr.h"
#include "read/scan/ocrint.h"

#define W 1654          /* A4 at 200 dpi */
#define H 2339
#define PPM (W / 210.0)
#define BOX 24

static unsigned char *
page_new(void)
{
	unsigned char *p = malloc((size_t)W * H);
	assert_non_null(p);
	memset(p, 255, (size_t)W * H);
	return p;
}

static void
rect(unsigned char *p, int x, int y, int w, int h, unsigned char v)
{
	int i, j;

	for (j = y; j < y + h; j++)
		for (i = x; i < x + w; i++)
			if (i >= 0 && i < W && j >= 0 && j < H)
				p[(size_t)j * W + (size_t)i] = v;
}

static void
outline(unsigned char *p, int x, int y, int s)
{
	rect(p, x, y, s, 2, 0);
	rect(p, x, y + s - 2, s, 2, 0);
	rect(p, x, y, 2, s, 0);
	rect(p, x + s - 2, y, 2, s, 0);
}

/* a pen stroke from (x0, y0) to (x1, y1), 4 pixels wide, of grey v */
static void
stroke(unsigned char *p, int x0, int y0, int x1, int y1, unsigned char v)
{
	int k, n = abs(x1 - x0) > abs(y1 - y0) ? abs(x1 - x0) : abs(y1 - y0);

	for (k = 0; k <= n; k++)
		rect(p, x0 + (x1 - x0) * k / (n ? n : 1) - 2, y0 + (y1 - y0) * k / (n ? n : 1) - 2, 4, 4, v);
}

static void
cross(unsigned char *p, int x, int y, unsigned char v)
{
	stroke(p, x + 3, y + 3, x + BOX - 4, y + BOX - 4, v);
	stroke(p, x + BOX - 4, y + 3, x + 3, y + BOX - 4, v);
}

/* The printed page: fiducials, the QR code of payload, and for each of n
 * texts its four boxes (vote column x 567, options 646), rows y0 + 400 t. */
static void
form_page(unsigned char *p, const char *payload, int n, int y0)
{
	QRcode *qr = QRcode_encodeString8bit(payload, 0, QR_ECLEVEL_M);
	int i, j, t, m = 5;

	assert_non_null(qr);
	rect(p, 157, 181, 40, 40, 0);
	rect(p, 1457, 181, 40, 40, 0);
	rect(p, 157, 2141, 40, 40, 0);
	rect(p, 1457, 2141, 40, 40, 0);
	for (j = 0; j < qr->width; j++)
		for (i = 0; i < qr->width; i++)
			if (qr->data[j * qr->width + i] & 1)
				rect(p, 760 + i * m, 60 + j * m, m, m, 0);
	QRcode_free(qr);
	rect(p, 540, 240, 2, 1700, 0);       /* the table's rule */
	for (t = 0; t < n; t++) {
		int y = y0 + 400 * t;
		outline(p, 567, y, BOX);
		outline(p, 646, y + 80, BOX);
		outline(p, 646, y + 130, BOX);
		outline(p, 567, y + 200, BOX);
	}
}

/* The first lines of the labels of form_page()'s first text (y0 400),
 * glyphs 10 x 16 every 14 pixels; "does not assign"'s to x dna_end. */
static void
label_lines(unsigned char *p, int dna_end)
{
	int x;

	for (x = 651; x < 1340; x += 14) {
		rect(p, x, 404, 10, 16, 0);
		rect(p, x + 79, 484, 10, 16, 0);
		rect(p, x + 79, 534, 10, 16, 0);
		if (x < dna_end)
			rect(p, x, 604, 10, 16, 0);
	}
}

/* Text i of r has status st, else the test fails saying what it read and
 * the record's first problem about that text (what: the case). */
static void
expect_status(const a2_record *r, size_t i, a2_status st, const char *what)
{
	size_t j = 0;

	if (r->texts[i].status == st)
		return;
	while (j < r->n_problems && (r->problems[j].rec == NULL || strcmp(r->problems[j].rec, r->texts[i].rec) != 0))
		j++;
	fail_msg("%s: status %d authority %d: %s", what, r->texts[i].status, r->texts[i].authority,
	    j < r->n_problems ? r->problems[j].message : "");
}

static a2_record *
read_pages(unsigned char **pages, size_t n)
{
	static a2_record r;
	a2_scan_gray g[4];
	a2_limits lim;
	a2_error err;
	a2_doc *d;
	size_t i;

	a2_error_clear(&err);
	for (i = 0; i < n; i++) {
		g[i].data = pages[i];
		g[i].w = W;
		g[i].h = H;
		g[i].stride = W;
		g[i].dpi = 200;
	}
	a2_limits_default(&lim);
	d = a2_scan_lower_pages(g, n, A2_FMT_PNG, &lim, &err);
	assert_non_null(d);
	a2_record_init(&r);
	assert_int_equal(a2_match_doc(t_world_get()->reader, d, &r), 0);
	a2_doc_free(d);
	return &r;
}

static void
t_parse_qr(void **state)
{
	a2_scan_qr q;

	(void)state;
	assert_int_equal(a2_scan_parse_qr("A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", &q), 0);
	assert_string_equal(q.consultation, "tsb-circular-195");
	assert_string_equal(q.iso3, "FRA");
	assert_string_equal(q.lang, "fr");
	assert_int_equal(q.page, 2);
	assert_int_equal(q.pages, 5);
	assert_int_equal(q.first, 1);
	assert_int_equal(q.last, 2);
	assert_int_equal(a2_scan_parse_qr("A2F1;c=x;s=FRA;v=1;l=fr;p=1/5;t=0", &q), 0);
	assert_int_equal(q.first, 0);
	assert_int_equal(a2_scan_parse_qr("A2F1;c=x;s=FRA;l=fr;p=3/2;t=0", &q), -1);  /* page 3 of 2 */
	assert_int_equal(a2_scan_parse_qr("A2F1;c=x;s=FRA;l=fr;p=1/2;t=2-1", &q), -1);
	assert_int_equal(a2_scan_parse_qr("A2F1;c=x;s=FRA;l=fr;t=0", &q), -1);        /* no page */
	assert_int_equal(a2_scan_parse_qr("A2F2;c=x;s=FRA;l=fr;p=1/2;t=0", &q), -1);
	assert_int_equal(a2_scan_parse_qr("http://example.org/", &q), -1);
}

/* Page 2 of France's form: X.1237 assigns with no comments (crosses),
 * X.1283 does not assign (a filled box).  The other texts are on pages
 * not given: unclear, and said. */
static void
t_page(void **state)
{
	unsigned char *p = page_new();
	a2_record *r;

	(void)state;
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", 2, 400);
	cross(p, 567, 400, 20);
	cross(p, 646, 480, 20);
	rect(p, 569, 1002, BOX - 4, BOX - 4, 10);
	r = read_pages(&p, 1);
	assert_string_equal(r->ms_iso3, "FRA");
	assert_string_equal(r->ms_source, "qr");
	assert_int_equal(r->n_pages, 1);
	assert_int_equal(r->pages[0].form_page, 2);
	assert_int_equal(r->pages[0].rotation, 0);
	assert_int_equal(r->texts[0].status, A2_ST_OK);
	assert_int_equal(r->texts[0].authority, A2_AUTH_ASSIGNS);
	assert_int_equal(r->texts[0].comments, A2_COM_NONE);
	assert_string_equal(r->texts[0].evidence, "scan");
	assert_true(r->texts[0].has_confidence && r->texts[0].confidence >= 0.6);
	assert_int_equal(r->texts[1].status, A2_ST_OK);
	assert_int_equal(r->texts[1].authority, A2_AUTH_NOT);
	assert_int_equal(r->texts[2].status, A2_ST_UNCLEAR);
	assert_true(a2_record_has_problem(r, "unclear", "X.1353"));
	a2_record_clear(r);
	free(p);
}

/* The same page upside down: turned back by the QR code's orientation. */
static void
t_upside_down(void **state)
{
	unsigned char *p = page_new(), *q = page_new();
	a2_record *r;
	size_t i;

	(void)state;
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", 2, 400);
	cross(p, 567, 600, 20);                  /* X.1237 does not assign */
	cross(p, 567, 800, 20);                  /* X.1283 assigns, comments attached */
	cross(p, 646, 930, 20);
	for (i = 0; i < (size_t)W * H; i++)
		q[(size_t)W * H - 1 - i] = p[i];
	r = read_pages(&q, 1);
	assert_int_equal(r->pages[0].rotation, 180);
	assert_int_equal(r->texts[0].status, A2_ST_OK);
	assert_int_equal(r->texts[0].authority, A2_AUTH_NOT);
	assert_int_equal(r->texts[1].status, A2_ST_OK);
	assert_int_equal(r->texts[1].authority, A2_AUTH_ASSIGNS);
	assert_int_equal(r->texts[1].comments, A2_COM_ATTACHED);
	a2_record_clear(r);
	free(p);
	free(q);
}

/* What may not be guessed: both boxes (conflict), a dot (unclear, with
 * its case), a very faint cross (unclear), nothing (missing), a light
 * smudge (unclear). */
static void
t_not_guessed(void **state)
{
	unsigned char *p = page_new(), *q = page_new();
	a2_record *r;

	(void)state;
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", 2, 400);
	cross(p, 567, 400, 20);
	cross(p, 567, 600, 20);                  /* X.1237: both */
	rect(p, 567 + 10, 800 + 10, 5, 5, 0);    /* X.1283: a dot */
	r = read_pages(&p, 1);
	assert_int_equal(r->texts[0].status, A2_ST_CONFLICT);
	assert_int_equal(r->texts[0].authority, A2_AUTH_NULL);
	assert_int_equal(r->texts[1].status, A2_ST_UNCLEAR);
	assert_true(a2_record_has_problem(r, "unclear", "X.1283"));
	a2_record_clear(r);

	form_page(q, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=3/5;t=3-4", 2, 400);
	cross(q, 567, 400, 200);                 /* X.1353: very faint */
	r = read_pages(&q, 1);
	expect_status(r, 2, A2_ST_UNCLEAR, "very faint");
	assert_int_equal(r->texts[3].status, A2_ST_MISSING);
	assert_int_equal(r->texts[0].status, A2_ST_UNCLEAR);   /* page 2 not given */
	a2_record_clear(r);

	/* a light smudge (grey, nothing inside on the ink threshold) with a
	 * dark speck just outside the box: no faint pen's stroke runs out
	 * there (one on an option of seed 21's 34-gbr was read as its mark) */
	memset(p, 255, (size_t)W * H);
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", 2, 400);
	rect(p, 567 + 5, 400 + 5, 14, 14, 190);
	rect(p, 567 + BOX + 3, 400 + 11, 1, 2, 100);
	r = read_pages(&p, 1);
	expect_status(r, 0, A2_ST_UNCLEAR, "a smudge with a speck beside it");
	assert_int_equal(r->texts[0].authority, A2_AUTH_NULL);
	a2_record_clear(r);
	free(p);
	free(q);
}

/* A table rule half a box above an empty box, blurred: a2_scan_without_rules
 * takes its solid rows away but not the broken row along its edge (runs
 * under its 8 mm), which lies across the box's side window: that is no mark
 * "between two boxes", and the text reads what its one mark says. */
static void
t_rule_edge(void **state)
{
	unsigned char *p = page_new();
	a2_record *r;
	int x;

	(void)state;
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", 2, 400);
	cross(p, 567, 400, 20);                  /* X.1237: assigns */
	rect(p, 540, 600 - 14, 960, 2, 0);       /* a rule over "does not" */
	for (x = 540; x < 1500; x += 60)         /* its edge, in runs of 57 */
		rect(p, x, 600 - 12, 57, 2, 0);
	r = read_pages(&p, 1);
	expect_status(r, 0, A2_ST_OK, "a rule's edge beside the other box");
	assert_int_equal(r->texts[0].authority, A2_AUTH_ASSIGNS);
	a2_record_clear(r);

	/* but ink filled in across that window beside the other box, in
	 * rows level with the box, is a mark there (just outside its outline:
	 * near): both boxes marked */
	rect(p, 567 + BOX + 2, 600 + 4, 40, 16, 0);
	r = read_pages(&p, 1);
	expect_status(r, 0, A2_ST_CONFLICT, "a filled mark beside the other box");
	a2_record_clear(r);
	free(p);
}

/* Page p (W x H, 8-bit) as a Leptonica image. */
static PIX *
page_pix(const unsigned char *p)
{
	PIX *g = pixCreate(W, H, 8);
	int x, y;

	assert_non_null(g);
	for (y = 0; y < H; y++)
		for (x = 0; x < W; x++)
			pixSetPixel(g, x, y, p[(size_t)y * W + (size_t)x]);
	return g;
}

/* The boxes a2_scan_grid_boxes finds for page p's two texts (the page
 * binarized as the reader does; no fiducials: the columns from the boxes
 * found blind).  Their count. */
static size_t
grid_boxes(const unsigned char *p, box **out)
{
	PIX *g = page_pix(p), *ink = NULL, *lines = NULL;
	size_t n = 0;

	assert_int_equal(a2_scan_binarize(g, &ink, &lines), 0);
	assert_int_equal(a2_scan_grid_boxes(lines, PPM, 240, 1940, 2, 1, 0, 0, out, &n), 0);
	pixDestroy(&g);
	pixDestroy(&ink);
	pixDestroy(&lines);
	return n;
}

/* A scribble running a box's height below X.1237's "does not assign" box
 * gives the vote's column two places there; X.1283's does-not-assign box
 * is not found (seed 199's phone photo: its outline lost).  The places
 * still numbered four, and X.1283 was read from the scribble's second place
 * and its own assigns box, taken for its does-not-assign (with the scribble
 * cancelled, a confident wrong vote).  Two places nearer than any two
 * printed vote boxes are one: three places, the page's geometry does not
 * fit, and nothing is read from it. */
static void
t_scribble_two_places(void **state)
{
	unsigned char *p = page_new();
	box *b = NULL;

	(void)state;
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", 2, 400);
	cross(p, 567, 400, 20);                  /* X.1237: assigns */
	rect(p, 567, 600, BOX, 2 * BOX - 2, 0);  /* ... and a scribble below */
	cross(p, 567, 800, 20);                  /* X.1283: assigns */
	/* with X.1283's "does not" box: eight boxes, each where printed */
	assert_int_equal(grid_boxes(p, &b), 8);
	assert_in_range(b[3].y, 600 - BOX / 2, 600 + BOX / 2);   /* its two places, one */
	assert_in_range(b[4].y, 800 - 2, 800 + 2);
	assert_in_range(b[7].y, 1000 - 2, 1000 + 2);
	free(b);
	b = NULL;
	rect(p, 567, 1000, BOX, BOX, 255);       /* X.1283's "does not" lost */
	assert_int_equal(grid_boxes(p, &b), 0);
	assert_null(b);
	free(p);
}

/* A zigzag pen line from x0 to x1 about row y (8 pixels up and down
 * every 40: no straight run a rule), of grey v. */
static void
zigzag(unsigned char *p, int x0, int x1, int y, unsigned char v)
{
	int x;

	for (x = x0; x < x1; x += 40)
		stroke(p, x, y - 4 + 8 * ((x / 40) % 2), x + 40 < x1 ? x + 40 : x1, y - 4 + 8 * ((x / 40 + 1) % 2), v);
}

/* A ring round the "Comments attached" label drawn askew (seed 14's
 * bilevel G4 reply, X.1353): all round its line, its far end dipping
 * under the next row's line ("does not assign", a third of the ring's
 * middle).  One thin pen stroke: that option is circled (read "no option
 * marked" before). */
static void
t_ring_askew(void **state)
{
	unsigned char *p = page_new();
	a2_record *r;
	int t;

	(void)state;
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", 2, 400);
	label_lines(p, 940);
	cross(p, 567, 400, 0);                    /* "assigns" */
	/* the ring: its top over the line, its bottom under it, then down
	 * under the next row's line; round ends */
	zigzag(p, 725, 1310, 520, 0);
	zigzag(p, 725, 980, 564, 0);
	stroke(p, 980, 564, 1100, 640, 0);
	zigzag(p, 1100, 1310, 640, 0);
	for (t = 0; t <= 1800; t++) {
		double a = t * M_PI / 1800;
		rect(p, (int)(725 - 22 * sin(a)) - 1, (int)(542 - 22 * cos(a)) - 1, 3, 3, 0);
		rect(p, (int)(1310 + 60 * sin(a)) - 1, (int)(580 - 60 * cos(a)) - 1, 3, 3, 0);
	}
	r = read_pages(&p, 1);
	expect_status(r, 0, A2_ST_OK, "a ring drawn askew");
	assert_int_equal(r->texts[0].authority, A2_AUTH_ASSIGNS);
	assert_int_equal(r->texts[0].comments, A2_COM_ATTACHED);
	a2_record_clear(r);
	free(p);
}

/* A strip of page, W x 400, with one text's four boxes (the vote's column
 * at x 567, the options' at 646; rows 100, 180, 230 and 300), k, and the
 * first lines of their labels. */
static PIX *
text_strip(box k[4])
{
	PIX *b = pixCreate(W, 400, 1);
	struct Box *e;
	int x, i;

	assert_non_null(b);
	memset(k, 0, 4 * sizeof(*k));
	for (i = 0; i < 4; i++) {
		k[i].x = i == 1 || i == 2 ? 646 : 567;
		k[i].y = (int[]){100, 180, 230, 300}[i];
		k[i].w = k[i].h = BOX;
		k[i].col = i == 1 || i == 2;
		e = boxCreate(k[i].x, k[i].y, BOX, BOX);
		assert_non_null(e);
		pixRenderBox(b, e, 2, L_SET_PIXELS);
		boxDestroy(&e);
	}
	for (x = 651; x < 1340; x += 14) {
		pixRasterop(b, x, 104, 10, 16, PIX_SET, NULL, 0, 0);
		pixRasterop(b, x + 79, 184, 10, 16, PIX_SET, NULL, 0, 0);
		pixRasterop(b, x + 79, 234, 10, 16, PIX_SET, NULL, 0, 0);
		pixRasterop(b, x, 304, 10, 16, PIX_SET, NULL, 0, 0);
	}
	return b;
}

/* On text_strip() b, a ring round the assigns label's first line from its
 * first letter, of strokes 3 pixels thick, its top 12 over the first
 * thick pixels, its bottom open over open pixels from x 940 (within the
 * middle of its width). */
static void
ring_strip(PIX *b, int thick, int open)
{
	pixRasterop(b, 651, 84, 700, 3, PIX_SET, NULL, 0, 0);
	if (thick > 0)
		pixRasterop(b, 651, 84, thick, 12, PIX_SET, NULL, 0, 0);
	pixRasterop(b, 651, 132, 700, 3, PIX_SET, NULL, 0, 0);
	pixRasterop(b, 940, 132, open, 3, PIX_CLR, NULL, 0, 0);
	pixRasterop(b, 648, 84, 3, 51, PIX_SET, NULL, 0, 0);
	pixRasterop(b, 1351, 84, 3, 51, PIX_SET, NULL, 0, 0);
}

/* A ring of thick strokes round a vote's label, enclosing most of its
 * line (0.8-0.9) with under RING_TEXT of its columns thin, not a pen's
 * and not begun in the gap before the label: as a 204 x 98 fax's lines of
 * letters run together look (seed 77's 38-kaz, X.1237, an unmarked label:
 * read "assigns" with confidence before).  Its empty box is unclear, not
 * marked; the same ring of thin strokes marks it. */
static void
t_ring_textlike(void **state)
{
	int thick;

	(void)state;
	for (thick = 1; thick >= 0; thick--) {
		box k[4];
		PIX *b = text_strip(k);
		int i;

		/* its top 12 pixels thick over 55% of its width (thick) or
		 * 3, open under 15% of its middle */
		ring_strip(b, thick ? 384 : 0, 70);
		for (i = 0; i < 4; i++)
			a2_scan_measure_box(b, b, &k[i], 1);
		assert_int_equal(k[0].state, B_EMPTY);
		assert_int_equal(a2_scan_rings(b, b, NULL, NULL, PPM, 1, k, 4), 0);
		if (thick) {
			assert_int_equal(k[0].state, B_UNSURE);
			assert_int_equal(k[0].unsure, U_RING);
		} else
			assert_int_equal(k[0].state, B_BESIDE);
		pixDestroy(&b);
	}
}

/* A ring found only round its label's line (not by its end, not one thin
 * pen's stroke: its top thick over a third of it) marks an empty box only
 * when it encloses RING_ALONE of the line's middle.  Round 0.83 (open under
 * a sixth of it) it is unclear: seed 255's 204 x 98 fax, a table rule
 * broken into dashes over an unmarked label's line with the line's letters
 * run together, read 0.81 round it and "assigns" with confidence.  Round
 * 0.91 it marks the box. */
static void
t_ring_alone(void **state)
{
	int open;

	(void)state;
	for (open = 70; open >= 30; open -= 40) {
		box k[4];
		PIX *b = text_strip(k);
		int i;

		ring_strip(b, 249, open);
		for (i = 0; i < 4; i++)
			a2_scan_measure_box(b, b, &k[i], 1);
		assert_int_equal(k[0].state, B_EMPTY);
		assert_int_equal(a2_scan_rings(b, b, NULL, NULL, PPM, 1, k, 4), 0);
		if (k[0].circled != RING_AROUND)
			fail_msg("open %d: circled %d, round %.2f", open, k[0].circled, k[0].ring);
		if (open > 40 ? k[0].state != B_UNSURE || k[0].unsure != U_RING || k[0].ring >= RING_ALONE :
		    k[0].state != B_BESIDE || k[0].ring < RING_ALONE)
			fail_msg("open %d: state %d (%d), round %.2f", open, k[0].state, k[0].unsure, k[0].ring);
		pixDestroy(&b);
	}
}

/* A right-to-left form (Arabic): its thin letters run together over
 * several lines can look like a pen's ring round a label, so a ring read
 * by enclosure must there be closed at both ends (seed 77's Arabic label,
 * enclosed 0.887, not closed).  A thin ring all round "assigns"'s first
 * line, its top running on before it and its bottom after it (nothing of
 * it crosses the line's band in its first or last tenth): on a
 * left-to-right form it marks the box; on the same form mirrored, read
 * right to left, it does not, unless its ends are closed. */
static void
t_ring_rtl(void **state)
{
	int ltr, closed;

	(void)state;
	for (ltr = 1; ltr >= 0; ltr--)
		for (closed = 0; closed <= 1; closed++) {
			box k[4];
			PIX *b = text_strip(k), *m;
			int i;

			/* the ring: top 662-1354, bottom 759-1450, joined at
			 * 759 and 1351 (between letters); closed: its tails'
			 * ends down and up across the band too */
			pixRasterop(b, 662, 84, 692, 3, PIX_SET, NULL, 0, 0);
			pixRasterop(b, 759, 132, 691, 3, PIX_SET, NULL, 0, 0);
			pixRasterop(b, 759, 84, 3, 51, PIX_SET, NULL, 0, 0);
			pixRasterop(b, 1351, 84, 3, 51, PIX_SET, NULL, 0, 0);
			if (closed) {
				pixRasterop(b, 662, 84, 3, 51, PIX_SET, NULL, 0, 0);
				pixRasterop(b, 1447, 84, 3, 51, PIX_SET, NULL, 0, 0);
			}
			if (!ltr) {
				assert_non_null(m = pixFlipLR(NULL, b));
				pixDestroy(&b);
				b = m;
				for (i = 0; i < 4; i++)
					k[i].x = W - k[i].x - BOX;
			}
			for (i = 0; i < 4; i++)
				a2_scan_measure_box(b, b, &k[i], ltr);
			if (k[0].state != B_EMPTY)
				fail_msg("ltr %d closed %d: measured %d", ltr, closed, k[0].state);
			assert_int_equal(a2_scan_rings(b, b, NULL, NULL, PPM, ltr, k, 4), 0);
			if (k[0].state != (ltr || closed ? B_BESIDE : B_EMPTY))
				fail_msg("%s ring, %s: state %d", closed ? "a closed" : "an open",
				    ltr ? "left to right" : "right to left", k[0].state);
			pixDestroy(&b);
		}
}

/* A ring round a vote's label drawn over the table's rule above it: the
 * rules' removal takes the stretch of its arc that runs along the rule (and
 * the rule), leaving it open at the top; that stretch is put back from the
 * rule where the ring touches it, and the ring is read round the label. */
static void
t_ring_on_rule(void **state)
{
	unsigned char *p = page_new();
	a2_record *r;
	int x, t;

	(void)state;
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", 2, 400);
	label_lines(p, 1340);
	rect(p, 540, 387, 960, 2, 0);             /* the rule above "assigns" */
	/* the ring: its top the rule from x 700 to 1300, its ends round arcs
	 * over the label's first and last letters, its bottom a line
	 * wavering up and down (no straight run across of 8 mm: nothing of
	 * it a rule) */
	for (t = 0; t <= 1800; t++) {
		double a = t * M_PI / 1800;
		rect(p, (int)(700 - 30 * sin(a)) - 1, (int)(388 + 26 - 26 * cos(a)) - 1, 3, 3, 0);
		rect(p, (int)(1300 + 30 * sin(a)) - 1, (int)(388 + 26 - 26 * cos(a)) - 1, 3, 3, 0);
	}
	for (x = 700; x < 1300; x += 40)
		stroke(p, x, 440 - 8 * ((x / 40) % 2), x + 40, 440 - 8 * ((x / 40 + 1) % 2), 0);
	r = read_pages(&p, 1);
	expect_status(r, 0, A2_ST_OK, "a ring over the rule");
	assert_int_equal(r->texts[0].authority, A2_AUTH_ASSIGNS);
	a2_record_clear(r);
	free(p);
}

/* a2_scan_runs, the rules' finder, keeps what pixOpenBrick's opening by
 * a line keeps, pixel for pixel: across and down, every length from 2 to
 * 130 pixels (a 5 mm box's side to an 8 mm rule at 400 dpi), on a page of
 * strokes of every length and slant, noise, and ink against its edges. */
static void
t_runs(void **state)
{
	PIX *b = pixCreate(640, 480, 1), *want, *got;
	unsigned seed = 7;
	int i, len, across;
	l_int32 same = 0;

	(void)state;
	for (i = 0; i < 900; i++) {
		int x, y, w, h;
		seed = seed * 1103515245u + 12345u;
		x = (int)(seed >> 8) % 660 - 10;
		seed = seed * 1103515245u + 12345u;
		y = (int)(seed >> 8) % 500 - 10;
		seed = seed * 1103515245u + 12345u;
		w = i % 3 == 0 ? (int)(seed >> 8) % 200 + 1 : (int)(seed >> 8) % 4 + 1;
		h = i % 3 == 1 ? (int)(seed >> 12) % 200 + 1 : (int)(seed >> 12) % 4 + 1;
		pixRasterop(b, x, y, w, h, PIX_SET, NULL, 0, 0);
		if (i % 15 == 0)   /* a slanted stroke, a rule scanned askew */
			pixRenderLine(b, x, y, x + (i % 2 ? 180 : 6), y + (i % 2 ? 7 : 150), 1 + i % 3, L_SET_PIXELS);
	}
	for (len = 2; len <= 130; len++)
		for (across = 0; across < 2; across++) {
			want = pixOpenBrick(NULL, b, across ? len : 1, across ? 1 : len);
			got = a2_scan_runs(b, len, across);
			assert_non_null(want);
			assert_non_null(got);
			pixEqual(want, got, &same);
			if (!same)
				fail_msg("runs of %d %s differ from pixOpenBrick's", len, across ? "across" : "down");
			pixDestroy(&want);
			pixDestroy(&got);
		}
	pixDestroy(&b);
}

/* A page without the code: not part of the form, and nothing read. */
static void
t_no_qr(void **state)
{
	unsigned char *p = page_new();
	a2_record *r;

	(void)state;
	rect(p, 200, 300, 800, 40, 0);
	r = read_pages(&p, 1);
	assert_null(r->ms_iso3);
	assert_int_equal(r->texts[0].status, A2_ST_UNCLEAR);
	assert_true(a2_record_has_problem(r, "image-only", NULL));
	a2_record_clear(r);
	free(p);
}

/* Sizes and page counts come from the headers, before any decoding. */
static void
t_limits(void **state)
{
	/* a PNG of 100,000 x 100,000 grey pixels: its IHDR (CRC right), an
	 * empty IDAT, IEND */
	unsigned char png_head[] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
		0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0, 8, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 'I', 'D', 'A', 'T', 0x35, 0xaf, 0x06, 0x1e,
		0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
	unsigned long crc = crc32(0L, png_head + 12, 17);
	unsigned char tif[8 + 66 * 30];
	a2_limits lim;
	a2_error err;
	size_t i, at = 8;

	(void)state;
	png_head[29] = (unsigned char)(crc >> 24);
	png_head[30] = (unsigned char)(crc >> 16);
	png_head[31] = (unsigned char)(crc >> 8);
	png_head[32] = (unsigned char)crc;
	a2_limits_default(&lim);
	a2_error_clear(&err);
	assert_null(a2_scan_lower("x.png", png_head, sizeof(png_head), A2_FMT_PNG, &lim, &err));
	assert_int_equal(err.code, A2_ERR_LIMIT);
	/* a TIFF of 30 directories (over the 20 pages read), chained */
	memcpy(tif, "II*\0\x08\0\0\0", 8);
	for (i = 0; i < 30; i++) {
		unsigned char *e = tif + at;
		memset(e, 0, 66);
		e[0] = 2;
		e[2] = 0; e[3] = 1; e[4] = 3; e[6] = 1; e[10] = 100;   /* width 100 */
		e[14] = 1; e[15] = 1; e[16] = 3; e[18] = 1; e[22] = 100; /* length 100 */
		if (i + 1 < 30) {
			unsigned next = (unsigned)(at + 66);
			e[26] = (unsigned char)next;
			e[27] = (unsigned char)(next >> 8);
		}
		at += 66;
	}
	a2_error_clear(&err);
	assert_null(a2_scan_lower("x.tif", tif, at, A2_FMT_TIFF, &lim, &err));
	if (err.code != A2_ERR_LIMIT)
		fail_msg("%s", err.message);
	a2_error_clear(&err);
	assert_null(a2_scan_lower("x.tif", tif, 7, A2_FMT_TIFF, &lim, &err));
	assert_int_equal(err.code, A2_ERR_CORRUPT);
}

/* warp.c: a page with the form's four fiducials photographed at an angle
 * (a projective transform, a light falling off to one side) is mapped back:
 * the fiducials' centres a rectangle 165 mm wide again, a box drawn between
 * them where the page puts it; a page scanned square (or turned) and one
 * without fiducials are left to the deskew (NULL). */
static void
fid_centres(PIX *p, double *cx, double *cy, int *n)
{
	PIX *b = pixThresholdToBinary(p, 128), *o = pixOpenBrick(NULL, b, 25, 25);
	BOXA *cc = pixConnCompBB(o, 8);
	int i;

	*n = 0;
	for (i = 0; i < boxaGetCount(cc) && *n < 8; i++) {
		l_int32 x, y, w, h;
		boxaGetBoxGeometry(cc, i, &x, &y, &w, &h);
		if (w < 28 || w > 55 || h < 28 || h > 55)
			continue;
		cx[*n] = x + w / 2.0;
		cy[*n] = y + h / 2.0;
		(*n)++;
	}
	boxaDestroy(&cc);
	pixDestroy(&o);
	pixDestroy(&b);
}

/* How far the four fiducial centres (cx, cy) of a page lean: the most a
 * fiducial is off sideways from the one under it (the pairs 1000 pixels
 * or more apart down, under 1200 across). */
static double
lean(const double *cx, const double *cy)
{
	double most = 0;
	int i, j;

	for (i = 0; i < 4; i++)
		for (j = 0; j < 4; j++)
			if (fabs(cy[j] - cy[i]) > 1000 && fabs(cx[j] - cx[i]) < 1200 && fabs(cx[j] - cx[i]) > most)
				most = fabs(cx[j] - cx[i]);
	return most;
}

static void
t_unwarp(void **state)
{
	const double ppm = 200 / 25.4;
	PIX *form = pixCreate(1654, 2339, 8), *photo, *flat, *lit, *back;
	PTA *ps = ptaCreate(4), *pd = ptaCreate(4);
	double cx[8], cy[8], skew, shear, fx[4] = {22.5, 187.5, 187.5, 22.5}, fy[4] = {20, 20, 270, 270};
	double moved[4][2] = {{-40, 35}, {55, -20}, {-25, 60}, {30, -15}};
	int i, n, x, y;

	(void)state;
	pixSetAllArbitrary(form, 250);
	for (i = 0; i < 4; i++) {
		/* a fiducial: a 5 mm black square */
		struct Box *fb = boxCreate((int)((fx[i] - 2.5) * ppm), (int)((fy[i] - 2.5) * ppm), (int)(5 * ppm), (int)(5 * ppm));
		pixClearInRect(form, fb);
		boxDestroy(&fb);
		ptaAddPt(ps, (l_float32)(fx[i] * ppm), (l_float32)(fy[i] * ppm));
		ptaAddPt(pd, (l_float32)(fx[i] * ppm + moved[i][0]), (l_float32)(fy[i] * ppm + moved[i][1]));
	}
	/* the photo: the form's corners moved (pd from ps), the light falling
	 * off to the right */
	photo = pixProjectivePtaGray(form, pd, ps, 120);
	assert_non_null(photo);
	lit = pixCopy(NULL, photo);
	for (y = 0; y < pixGetHeight(lit); y++)
		for (x = 0; x < pixGetWidth(lit); x++) {
			l_uint32 v;
			pixGetPixel(lit, x, y, &v);
			pixSetPixel(lit, x, y, (l_uint32)(v * (1.0 - 0.3 * x / pixGetWidth(lit))));
		}
	fid_centres(lit, cx, cy, &n);
	assert_int_equal(n, 4);
	flat = a2_scan_unwarp(lit, &skew, &shear);
	assert_non_null(flat);
	fid_centres(flat, cx, cy, &n);
	assert_int_equal(n, 4);
	/* in reading order: top left, top right, bottom left, bottom right */
	for (i = 0; i < 4; i++)
		for (x = i + 1; x < 4; x++)
			if (cy[x] + cx[x] / 10 < cy[i] + cx[i] / 10) {
				double t = cx[i]; cx[i] = cx[x]; cx[x] = t;
				t = cy[i]; cy[i] = cy[x]; cy[x] = t;
			}
	{
		double fppm = (cx[1] - cx[0]) / 165.0;
		assert_true(fabs(fppm - ppm) < 0.02 * ppm);
		assert_true(fabs(cy[1] - cy[0]) < 3 && fabs(cy[3] - cy[2]) < 3);
		assert_true(fabs(cx[2] - cx[0]) < 3 && fabs(cx[3] - cx[1]) < 3);
		/* the body's height kept within 3% (250 mm between the pairs) */
		assert_true(fabs((cy[2] - cy[0]) / fppm - 250) < 7.5);
	}
	pixDestroy(&flat);
	/* the form as scanned, and turned a little: a rectangle, not warped
	 * nor sheared */
	assert_null(a2_scan_unwarp(form, &skew, &shear));
	assert_true(fabs(shear) < 0.05);
	flat = pixRotate(form, 0.05f, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
	assert_null(a2_scan_unwarp(flat, &skew, &shear));
	assert_true(fabs(skew) < 0.05 && fabs(shear) < 0.1);
	pixDestroy(&flat);
	/* sheared (a fax fed askew, sampled at two resolutions): its rows
	 * shifted 1.5 degrees; not warped, the shear measured, and the rows
	 * shifted back by it stand the columns of fiducials upright */
	flat = pixHShearCenter(NULL, form, (l_float32)(-1.5 * M_PI / 180), L_BRING_IN_WHITE);
	assert_null(a2_scan_unwarp(flat, &skew, &shear));
	assert_true(fabs(fabs(shear) - 1.5) < 0.1);
	fid_centres(flat, cx, cy, &n);
	assert_int_equal(n, 4);
	assert_true(lean(cx, cy) > 40);   /* tan 1.5 degrees of 250 mm: 51 px */
	back = pixHShearCenter(NULL, flat, (l_float32)(shear * M_PI / 180), L_BRING_IN_WHITE);
	assert_non_null(back);
	fid_centres(back, cx, cy, &n);
	assert_int_equal(n, 4);
	assert_true(lean(cx, cy) < 4);
	assert_null(a2_scan_unwarp(back, &skew, &shear));
	assert_true(fabs(shear) < 0.1);
	pixDestroy(&back);
	pixDestroy(&flat);
	/* nothing on it */
	pixSetAllArbitrary(flat = pixCreate(1654, 2339, 8), 250);
	assert_null(a2_scan_unwarp(flat, &skew, &shear));
	pixDestroy(&flat);
	pixDestroy(&form);
	pixDestroy(&photo);
	pixDestroy(&lit);
	ptaDestroy(&ps);
	ptaDestroy(&pd);
}

/* A TIFF in memory read through the scan front end and the reader into
 * r (for a2_record_clear). */
static void
read_tiff(const void *data, size_t size, a2_record *r)
{
	a2_limits lim;
	a2_error err;
	a2_doc *d;

	a2_limits_default(&lim);
	a2_error_clear(&err);
	d = a2_scan_lower("fax.tif", data, size, A2_FMT_TIFF, &lim, &err);
	assert_non_null(d);
	a2_record_init(r);
	assert_int_equal(a2_match_doc(t_world_get()->reader, d, r), 0);
	a2_doc_free(d);
}

/* A page faxed at 204 x 98 dpi (G3: each fax line the mean of the page's
 * rows it covers, then black or white): its QR code's modules are twice as
 * wide as tall.  The page (fed 1.5 degrees askew) is read: form page 2,
 * its texts' boxes found, its marks.  (This page's code is found on the
 * interpolated square page already; the pass with the rows repeated, for
 * the generator's fax pages whose code it is not, is measured on those.) */
static void
t_fax_204x98(void **state)
{
	unsigned char *p = page_new();
	int fh = (int)(H * 98.0 / 200.0), fw = (int)(W * 204.0 / 200.0), x, y, yy;
	PIX *fax = pixCreate(fw, fh, 1), *pg, *rot;
	l_uint8 *data = NULL;
	size_t size = 0;
	a2_record r;

	(void)state;
	assert_non_null(fax);
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", 2, 400);
	cross(p, 567, 400, 20);
	cross(p, 646, 480, 20);
	rect(p, 569, 1002, BOX - 4, BOX - 4, 10);
	/* fed in 1.5 degrees askew */
	pg = page_pix(p);
	rot = pixRotate(pg, 0.026f, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
	assert_non_null(rot);
	for (y = 0; y < fh; y++) {
		int y0 = (int)(y * 200.0 / 98.0), y1 = (int)((y + 1) * 200.0 / 98.0);
		for (x = 0; x < fw; x++) {
			int sx = (int)(x * 200.0 / 204.0), sum = 0, n = 0;
			l_uint32 v;
			for (yy = y0; yy < y1 && yy < H; yy++, n++) {
				pixGetPixel(rot, sx, yy, &v);
				sum += (int)v;
			}
			if (n > 0 && sum < 128 * n)
				pixSetPixel(fax, x, y, 1);
		}
	}
	pixSetResolution(fax, 204, 98);
	assert_int_equal(pixWriteMemTiff(&data, &size, fax, IFF_TIFF_G3), 0);
	read_tiff(data, size, &r);
	assert_int_equal(r.n_pages, 1);
	assert_int_equal(r.pages[0].form_page, 2);
	assert_string_equal(r.ms_iso3, "FRA");
	assert_int_equal(r.texts[0].status, A2_ST_OK);
	assert_int_equal(r.texts[0].authority, A2_AUTH_ASSIGNS);
	assert_int_equal(r.texts[1].status, A2_ST_OK);
	assert_int_equal(r.texts[1].authority, A2_AUTH_NOT);
	a2_record_clear(&r);
	lept_free(data);
	pixDestroy(&fax);
	pixDestroy(&pg);
	pixDestroy(&rot);
	free(p);
}

/* A fax's page (204 x 98 dpi, G3; the scan-like generator's, seed 99: Côte
 * d'Ivoire's page 2) whose code zbar does not find on the whole page, as
 * it is, binarized, doubled or with its rows repeated: found where a blot
 * of its size is, clipped (a2_scan_find_code_spots), and the page read. */
static void
t_code_spots(void **state)
{
	FILE *fp = fopen("tests/data/scans/fax-204x98-code-hidden.tif", "rb");
	unsigned char *data = malloc(64 * 1024);
	size_t size;
	PIX *src, *g, *sq, *rows, *r8;
	a2_scan_qr q;
	int orient = -1;
	a2_record r;

	(void)state;
	assert_non_null(fp);
	assert_non_null(data);
	size = fread(data, 1, 64 * 1024, fp);
	fclose(fp);
	assert_true(size > 1000 && size < 64 * 1024);
	/* the whole page gives no code */
	src = pixReadMemTiff(data, size, 0);
	assert_non_null(src);
	g = pixConvertTo8(src, 0);
	sq = pixScale(g, 1.0f, 204.0f / 98.0f);
	assert_non_null(sq);
	assert_int_equal(a2_scan_find_code(sq, 1, 0, &q, &orient), 0);   /* low_res: doubled too */
	/* nor with its rows repeated, at twice the size (scan.c's pass for a fax) */
	rows = pixScaleBySampling(src, 2.0f, 2.0f * 204.0f / 98.0f);
	r8 = rows != NULL ? pixConvertTo8(rows, 0) : NULL;
	assert_non_null(r8);
	assert_int_equal(a2_scan_zbar(r8, &q, &orient), 0);
	pixDestroy(&rows);
	pixDestroy(&r8);
	assert_int_equal(a2_scan_find_code_spots(sq, src, pixGetWidth(sq) / 210.0, &q, &orient), 1);
	assert_string_equal(q.iso3, "CIV");
	assert_int_equal(q.page, 2);
	assert_int_equal(orient, 0);
	pixDestroy(&src);
	pixDestroy(&g);
	pixDestroy(&sq);
	/* read: X.1237 circled "assigns", X.1283 assigns, comments attached */
	read_tiff(data, size, &r);
	assert_int_equal(r.n_pages, 1);
	assert_int_equal(r.pages[0].form_page, 2);
	assert_string_equal(r.ms_iso3, "CIV");
	expect_status(&r, 0, A2_ST_OK, "X.1237 circled");
	assert_int_equal(r.texts[0].authority, A2_AUTH_ASSIGNS);
	expect_status(&r, 1, A2_ST_OK, "X.1283 crossed");
	assert_int_equal(r.texts[1].authority, A2_AUTH_ASSIGNS);
	assert_int_equal(r.texts[1].comments, A2_COM_ATTACHED);
	a2_record_clear(&r);
	free(data);
}

/* The signature area below the table's last rule, and below where the
 * table's two sides end when that rule is not there (a 204 x 98 fax's
 * dropped row: seed 99's Côte d'Ivoire and Brazil, read "not found"
 * before): a signature is seen, an empty area is empty, either way; with
 * neither rule nor sides, not found. */
static void
t_signature_no_rule(void **state)
{
	int lost, signd, zone[4], x;

	(void)state;
	for (lost = 0; lost <= 2; lost++)
		for (signd = 0; signd <= 1; signd++) {
			PIX *b = pixCreate(W, 1400, 1), *rules = pixCreate(W, 1400, 1);
			int got;

			assert_non_null(b);
			assert_non_null(rules);
			if (lost < 2) {   /* the table's sides */
				pixRasterop(rules, 200, 100, 3, 900, PIX_SET, NULL, 0, 0);
				pixRasterop(rules, 1450, 100, 3, 900, PIX_SET, NULL, 0, 0);
			}
			if (!lost)
				pixRasterop(rules, 200, 998, 1253, 3, PIX_SET, NULL, 0, 0);
			for (x = 220; x < 1000; x += 14)   /* the closing line */
				pixRasterop(b, x, 1040, 10, 16, PIX_SET, NULL, 0, 0);
			if (signd) {
				pixRasterop(b, 260, 1090, 200, 4, PIX_SET, NULL, 0, 0);
				pixRasterop(b, 300, 1080, 4, 30, PIX_SET, NULL, 0, 0);
			}
			got = a2_scan_signature(b, rules, PPM, 200, 1453, 300, 1400, 1400, zone);
			if (got != (lost == 2 ? -1 : signd))
				fail_msg("rule %s, %s: %d", lost == 0 ? "there" : lost == 1 ? "lost" : "and sides lost",
				    signd ? "signed" : "not signed", got);
			pixDestroy(&b);
			pixDestroy(&rules);
		}
}

/* The OCR path's option circle with a stray stroke touching it on its
 * right (one piece wider than high; the circle at its left end) is found
 * as high as it is wide, after a piece of another height: its width was
 * that other piece's height (seed 144's Secretariat's form, X.1819: a box
 * 26 pixels wide on a 41-pixel circle took its outline for a mark, read
 * "no comments" with confidence). */
static void
t_ocr_circle_touched(void **state)
{
	PIX *l = pixCreate(W, 600, 1);
	ocr_page pg;
	size_t i, circles = 0;
	int t;

	(void)state;
	assert_non_null(l);
	memset(&pg, 0, sizeof(pg));
	pixRasterop(l, 300, 50, 12, 20, PIX_SET, NULL, 0, 0);   /* a letter's piece */
	for (t = 0; t < 3600; t++) {   /* the circle, 41 pixels across */
		double a = t * M_PI / 1800;
		pixRasterop(l, 930 + 20 + (int)lround(19 * cos(a)) - 1, 300 + 20 + (int)lround(19 * sin(a)) - 1, 3, 3,
		    PIX_SET, NULL, 0, 0);
	}
	for (t = 0; t < 16; t++)   /* the stray stroke from its right side */
		pixRasterop(l, 969 + t, 318 - t, 3, 3, PIX_SET, NULL, 0, 0);
	assert_int_equal(a2_ocr_find_boxes(&pg, l, PPM), 0);
	for (i = 0; i < pg.n_boxes; i++) {
		if (pg.boxes[i].col != 1)
			continue;
		circles++;
		assert_int_equal(pg.boxes[i].x, 930);
		if (abs(pg.boxes[i].w - pg.boxes[i].h) > 2)
			fail_msg("the circle found %d x %d", pg.boxes[i].w, pg.boxes[i].h);
	}
	assert_int_equal(circles, 1);
	free(pg.boxes);
	pixDestroy(&l);
}

/* A box scribbled out (strokes over it and well around it, not filling
 * it) beside a cleanly crossed one: the cross stands; a scribble alone is
 * a correction, unclear.  A light cross whose darkest part reaches the ink
 * threshold (a faint pen) is a mark. */
static void
scribble(unsigned char *p, int x, int y)
{
	int i;

	for (i = 0; i <= 42; i += 14) {
		stroke(p, x - 9 + i, y - 9, x - 9 + i + 4, y + BOX + 9, 0);
		stroke(p, x - 9, y - 9 + i, x + BOX + 9, y - 9 + i + 4, 0);
	}
}

static void
t_cancelled_faint(void **state)
{
	unsigned char *p = page_new();
	a2_record *r;

	(void)state;
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", 2, 400);
	scribble(p, 567, 400);                   /* X.1237: assigns scribbled out */
	cross(p, 567, 600, 20);                  /* ... does not assign stands */
	scribble(p, 567, 800);                   /* X.1283: a scribble alone */
	r = read_pages(&p, 1);
	expect_status(r, 0, A2_ST_OK, "cancelled");
	assert_int_equal(r->texts[0].authority, A2_AUTH_NOT);
	assert_true(r->texts[0].confidence <= 0.75);
	assert_int_equal(r->texts[1].status, A2_ST_UNCLEAR);
	assert_true(a2_record_has_problem(r, "unclear", "X.1283"));
	a2_record_clear(r);
	free(p);

	p = page_new();
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", 2, 400);
	cross(p, 567, 400, 190);                 /* X.1237: a faint pen */
	rect(p, 567 + 11, 400 + 11, 2, 2, 120);  /* its darkest spot */
	r = read_pages(&p, 1);
	expect_status(r, 0, A2_ST_OK, "faint");
	assert_int_equal(r->texts[0].authority, A2_AUTH_ASSIGNS);
	a2_record_clear(r);

	/* a faint cross one of whose arms runs a little out of the box, its
	 * darkest spot there, just outside: a mark (FAINT_OUT) */
	memset(p, 255, (size_t)W * H);
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", 2, 400);
	stroke(p, 567 + 3, 400 + 3, 567 + BOX + 3, 400 + BOX + 3, 190);   /* X.1237 */
	stroke(p, 567 + BOX - 4, 400 + 3, 567 + 3, 400 + BOX - 4, 190);
	rect(p, 567 + BOX + 2, 400 + BOX + 2, 2, 2, 120);
	r = read_pages(&p, 1);
	expect_status(r, 0, A2_ST_OK, "faint, its darkest spot just outside");
	assert_int_equal(r->texts[0].authority, A2_AUTH_ASSIGNS);
	a2_record_clear(r);
	free(p);

	/* a faint tick (grey 190: nothing on the ink threshold) running out
	 * of the box, its long arm up beside it: a mark (FAINT_NEAR); the same
	 * grey in a short stroke over one edge: no mark at all (missing) */
	p = page_new();
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", 2, 400);
	stroke(p, 567 - 4, 600 + 10, 567 + 8, 600 + BOX + 4, 190);      /* X.1237: does not */
	stroke(p, 567 + 8, 600 + BOX + 4, 567 + BOX + 6, 600 - 8, 190);
	stroke(p, 567 - 6, 800 + 12, 567 + 5, 800 + 12, 190);         /* X.1283: a stray */
	r = read_pages(&p, 1);
	expect_status(r, 0, A2_ST_OK, "faint tick");
	assert_int_equal(r->texts[0].authority, A2_AUTH_NOT);
	expect_status(r, 1, A2_ST_MISSING, "a faint stray over an edge");
	a2_record_clear(r);
	free(p);
}

/* A word written in capitals (Leptonica's bitmap font, 10 points: its
 * letters 3.5 mm high at 200 dpi), its end at x_end and its middle at
 * y_mid. */
static void
word(unsigned char *p, const char *w, int x_end, int y_mid)
{
	L_BMF *f = bmfCreate(NULL, 10);
	PIX *t = pixCreate(600, 100, 8);
	l_int32 width = 0, ovf = 0, x, y, top = 100, bot = -1;
	l_uint32 v;

	assert_non_null(f);
	assert_non_null(t);
	pixSetAllArbitrary(t, 255);
	assert_int_equal(pixSetTextline(t, f, w, 0, 10, 70, &width, &ovf), 0);
	for (y = 0; y < 100; y++)
		for (x = 10; x < 10 + width; x++)
			if (pixGetPixel(t, x, y, &v) == 0 && v < 128) {
				top = y < top ? y : top;
				bot = y > bot ? y : bot;
			}
	assert_true(bot >= top);
	for (y = top; y <= bot; y++)
		for (x = 10; x < 10 + width; x++)
			if (pixGetPixel(t, x, y, &v) == 0 && v < 128)
				rect(p, x_end - width + (x - 10), y_mid - (top + bot) / 2 + y, 1, 1, 20);
	pixDestroy(&t);
	bmfDestroy(&f);
}

/* "CANCELLED" written beside one of two marks: the other stands; written
 * between two options' rows: which one it cancels is not clear; no word:
 * the two marks a conflict. */
/* One mark of a pair with "cancelled" written beside it, the other box
 * empty (its mark, a ring, not found: seed 41's 06-arg, X.1237, read
 * "no comments" with confidence before): that mark is not the answer, and
 * no other is read.  The word as Tesseract read it there, in pieces
 * ("alu ado"), is found for such a mark only; a title's word read in the
 * strip ("manadas") is not. */
static void
t_cancelled_alone(void **state)
{
	unsigned char *p = page_new();
	a2_record *r;

	(void)state;
	assert_true(a2_scan_cancel_text("alu ado", 1));
	assert_false(a2_scan_cancel_text("alu ado", 0));
	assert_true(a2_scan_cancel_text("Annulé", 0));
	assert_false(a2_scan_cancel_text("manadas", 1));
	assert_false(a2_scan_cancel_text("yecto de nueva", 1));
	if (a2_ocr_available(NULL) != 0) {
		print_message("cancelled in words: skipped (no Tesseract)\n");
		free(p);
		return;
	}
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-2", 2, 400);
	cross(p, 567, 400, 20);                 /* X.1237: assigns, */
	cross(p, 646, 480, 20);                 /* "no comments" cancelled */
	word(p, "CANCELLED", 646 - 16, 492);
	cross(p, 567, 1000, 20);                /* X.1283: "does not assign" */
	word(p, "CANCELLED", 567 - 16, 1012);   /* cancelled, nothing else */
	r = read_pages(&p, 1);
	expect_status(r, 0, A2_ST_OK, "an option cancelled, no other");
	assert_int_equal(r->texts[0].authority, A2_AUTH_ASSIGNS);
	assert_int_equal(r->texts[0].comments, A2_COM_NULL);
	assert_true(a2_record_has_problem(r, "option-unclear", "X.1237"));
	expect_status(r, 1, A2_ST_UNCLEAR, "the one vote cancelled");
	a2_record_clear(r);
	free(p);
}

static void
t_cancelled_words(void **state)
{
	unsigned char *p = page_new();
	a2_record *r;

	(void)state;
	if (a2_ocr_available(NULL) != 0) {
		print_message("cancelled in words: skipped (no Tesseract)\n");
		free(p);
		return;
	}
	form_page(p, "A2F1;c=tsb-circular-195;s=FRA;v=1;l=fr;p=2/5;t=1-3", 3, 400);
	cross(p, 567, 400, 20);                 /* X.1237: assigns ... */
	cross(p, 567, 600, 20);                 /* ... and does not assign, */
	word(p, "CANCELLED", 567 - 16, 612);    /* cancelled in words */
	cross(p, 567, 800, 20);                 /* X.1283: assigns, both options */
	cross(p, 646, 880, 20);
	cross(p, 646, 930, 20);
	word(p, "CANCELLED", 646 - 16, 917);    /* between their rows */
	cross(p, 567, 1200, 20);                /* X.1353: both, no word */
	cross(p, 567, 1400, 20);
	r = read_pages(&p, 1);
	expect_status(r, 0, A2_ST_OK, "cancelled in words");
	assert_int_equal(r->texts[0].authority, A2_AUTH_ASSIGNS);
	assert_true(r->texts[0].confidence <= 0.75);
	assert_int_equal(r->texts[1].status, A2_ST_OK);
	assert_int_equal(r->texts[1].authority, A2_AUTH_ASSIGNS);
	assert_int_equal(r->texts[1].comments, A2_COM_NULL);
	assert_true(a2_record_has_problem(r, "option-unclear", "X.1283"));
	assert_int_equal(r->texts[2].status, A2_ST_CONFLICT);
	a2_record_clear(r);
	free(p);
}

/* The OCR path's words read plainly (a2_ocr_plain_word): a label's words
 * in any script are, a box or a tick read as a symbol or one Latin letter
 * is not (the Secretariat's option circle, read as "©" with 95%
 * confidence, was taken for a word and the circle dropped). */
static void
t_plain_word(void **state)
{
	static const struct {
		const char *text;
		float conf;
		int plain;
	} c[] = {
		{"assigns", 96, 1}, {"(reasons", 90, 1}, {"X.1237", 95, 0}, {"No", 90, 1},
		{"n'attribue", 90, 1}, {"d\xc3\xa9l\xc3\xa9gu\xc3\xa9", 90, 1},           /* délégué */
		{"\xd0\xbd\xd0\xb5", 90, 1},                                            /* не */
		{"\xd9\x84\xd8\xa7", 90, 1},                                            /* لا */
		{"\xe6\x98\xaf", 90, 1},                                                 /* 是 */
		{"l\xe2\x80\x99" "avis", 90, 1},                                      /* l’avis */
		{"\xc2\xa9", 95, 0}, {"\xe2\x97\x8b", 95, 0}, {"\xe2\x9c\x93", 90, 0},    /* © ○ ✓ */
		{"O", 95, 0}, {"assigns", 40, 0}, {"\xc2\xa9No", 90, 0}, {"a|b", 90, 0},
		{"\xff\xfe", 90, 0},                                                      /* not UTF-8 */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		a2_ocr_word w;
		memset(&w, 0, sizeof(w));
		w.text = (char *)(uintptr_t)c[i].text;
		w.conf = c[i].conf;
		if (a2_ocr_plain_word(&w) != c[i].plain)
			fail_msg("word %zu (%s, %.0f%%): plain %d, expected %d", i, c[i].text, (double)c[i].conf,
			    !c[i].plain, c[i].plain);
	}
}

/* The OCR path's cross-check (ocrsettle.c) on a document built here as
 * the OCR front end lowers the Secretariat's form: per text a row of the
 * table, its identifier in the first column, the vote's two 5 mm squares
 * and the options' two 1 cm right of them, each box before its label's
 * line.  The matcher's reading of each text is given; what stands is the
 * reading whose box is the row's one mark.  Text 1 is the case the check
 * was made for: its label circled and not read, the matcher took the
 * next text's "assigns" for it while its own row's mark is on "does not
 * assign" (its row's counts, one marked and one empty, agree).  The
 * identifiers as OCR reads them: "Х.1820" (a Cyrillic Х), "ITU-TX.1822"
 * (the Chinese pass). */
enum { R_E, R_M, R_S, R_B };   /* empty, marked, scribbled out, a mark beside */

static void
ocr_box(box *k, double ppm, double x_mm, double y_mm, int col, int st)
{
	memset(k, 0, sizeof(*k));
	k->x = (int)(x_mm * ppm);
	k->y = (int)(y_mm * ppm);
	k->w = k->h = (int)(5 * ppm);
	k->col = col;
	k->state = st == R_E ? B_EMPTY : st == R_B ? B_BESIDE : B_MARK;
	k->in = st == R_E ? 0.01 : 0.3;
	k->near = k->halo = st == R_S ? 0.2 : 0.01;
}

/* A cross on a generated form's 3.2 mm box runs out of it as far as a
 * scribble round the Secretariat's 5 mm square: the same ink is a mark
 * there and scribbled out here; a scribble on the small box is one. */
static void
t_ocr_scribbled(void **state)
{
	double ppm = 300 / 25.4;
	box k;

	(void)state;
	ocr_box(&k, ppm, 50, 50, 0, R_M);
	k.in = 0.47;
	k.near = 0.13;
	k.halo = 0.06;
	assert_true(a2_ocr_scribbled(&k, ppm));   /* 5 mm */
	k.w = k.h = (int)(3.2 * ppm);
	assert_false(a2_ocr_scribbled(&k, ppm));
	k.near = k.halo = 0.3;
	assert_true(a2_ocr_scribbled(&k, ppm));
	k.col = 1;   /* an option's box is not scribbled out */
	assert_false(a2_ocr_scribbled(&k, ppm));
}

/* A box the OCR path placed under ink that hid its outline (ocrboxes.c,
 * hidden) is read only as scribbled out (off: the other box's mark the
 * answer) or filled (on); a mark read there otherwise is no box found
 * (unknown, A2_MF_NO_BOX), as it was before the box was placed: the
 * measured marks of seed 21's scribbled boxes, in 0.21-0.23 on the ink
 * without the rules, are a plain mark's on a box whose outline was seen. */
static void
t_ocr_hidden(void **state)
{
	static const struct {
		int hidden, st;   /* R_* */
		double in;
		int dense;
		a2_tri want;
		unsigned flags;
	} c[] = {
		{0, R_M, 0.23, 0, A2_ON, 0},
		{1, R_M, 0.23, 0, A2_UNKNOWN, A2_MF_NO_BOX},
		{1, R_B, 0.01, 0, A2_UNKNOWN, A2_MF_NO_BOX},
		{1, R_E, 0.01, 0, A2_UNKNOWN, A2_MF_NO_BOX},
		{1, R_S, 0.23, 0, A2_OFF, 0},
		{1, R_M, 0.93, 1, A2_ON, 0},
	};
	double ppm = 200 / 25.4;
	ocr_where where = {0, 0, 90};
	ocr_page pg;
	ocr_fe fe;
	a2_doc doc;
	a2_mark m;
	box k;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		memset(&pg, 0, sizeof(pg));
		memset(&fe, 0, sizeof(fe));
		memset(&doc, 0, sizeof(doc));
		ocr_box(&k, ppm, 30, 50, 0, c[i].st);
		k.in = c[i].in;
		k.hidden = c[i].hidden;
		if (c[i].dense)
			k.state = B_DENSE;
		pg.boxes = &k;
		pg.n_boxes = 1;
		pg.ppm = ppm;
		fe.pages = &pg;
		fe.n_pages = 1;
		fe.where = &where;
		fe.n_where = fe.cap_where = 1;
		doc.fe = &fe;
		assert_int_equal(a2_ocr_probe(&doc, 0, &m), 1);
		if (m.state != c[i].want || m.flags != c[i].flags)
			fail_msg("case %zu: state %d flags %u, expected %d %u", i, (int)m.state, m.flags,
			    (int)c[i].want, c[i].flags);
	}
}

/* A generated form's box scribbled out (page.h SCRIB_*): a scribble whose
 * strokes leave little ink inside the box is one (seed 8's 17-can page 4,
 * X.1471 "No comments": in 0.115, near 0.41, halo 0.40; read as a second
 * mark beside the crossed "Comments attached" before); a ring drawn round
 * an empty box (ink all round it, none inside) and a heavy cross (halo
 * 0.24) are not. */
static void
t_scribbled(void **state)
{
	double ppm = 300 / 25.4;
	box k;

	(void)state;
	ocr_box(&k, ppm, 50, 50, 1, R_M);
	k.w = k.h = (int)(3.05 * ppm);
	k.in = 0.115;
	k.near = 0.41;
	k.halo = 0.40;
	assert_true(a2_scan_scribbled(&k));
	k.in = 0.0;
	assert_false(a2_scan_scribbled(&k));   /* a ring round the box */
	k.in = 0.51;
	k.near = 0.19;
	k.halo = 0.24;
	assert_false(a2_scan_scribbled(&k));   /* a cross */
	k.state = B_EMPTY;
	k.in = 0.115;
	k.near = k.halo = 0.41;
	assert_false(a2_scan_scribbled(&k));
}

/* A 120 x 120 page (b; l for its lighter threshold, empty) with one
 * printed box of 26 pixels at (40, 40): k. */
static void
box_page(PIX **b, PIX **l, box *k)
{
	struct Box *edge = boxCreate(40, 40, 26, 26);

	*b = pixCreate(120, 120, 1);
	*l = pixCreate(120, 120, 1);
	assert_non_null(*b);
	assert_non_null(*l);
	assert_non_null(edge);
	memset(k, 0, sizeof(*k));
	k->x = k->y = 40;
	k->w = k->h = 26;
	pixRenderBox(*b, edge, 2, L_SET_PIXELS);
	boxDestroy(&edge);
}

/* Ink just outside a box on the ink threshold alone: a table rule's edge
 * half a box above it, broken there into short runs (which
 * a2_scan_without_rules leaves), while on the lighter threshold the rule
 * was whole and taken (seed 255's scaled JPEG, X.1471: read "assigns" with
 * confidence, nothing drawn).  Unclear; the same ink on both thresholds
 * (a pen's) still marks the box. */
static void
t_near_rule_edge(void **state)
{
	int pen;

	(void)state;
	for (pen = 0; pen <= 1; pen++) {
		PIX *b, *l;
		box k;
		int x;

		box_page(&b, &l, &k);
		if (pen)
			pixCopy(l, b);
		for (x = 42; x < 66; x += 6)   /* the edge in runs of 4, 2 rows */
			pixRasterop(b, x, 35, 4, 2, PIX_SET, NULL, 0, 0);
		if (pen)
			pixCopy(l, b);
		a2_scan_measure_box(b, l, &k, 1);
		if (k.near < NEAR_MARK || k.near >= NEAR_TICK || (pen ? k.state != B_MARK :
		    k.state != B_UNSURE || k.unsure != U_STRAY))
			fail_msg("%s: state %d (%d), near %.3f, lighter %.3f", pen ? "pen" : "rule", k.state, k.unsure,
			    k.near, k.lnear);
		pixDestroy(&b);
		pixDestroy(&l);
	}
}

/* A faint pen's cross over box_page()'s box, on its lighter threshold l
 * alone: across all of the square measured. */
static void
faint_cross(PIX *l)
{
	int i;

	for (i = 0; i < 18; i++) {
		pixRasterop(l, 44 + i, 44 + i, 3, 3, PIX_SET, NULL, 0, 0);
		pixRasterop(l, 61 - i, 44 + i, 3, 3, PIX_SET, NULL, 0, 0);
	}
}

/* A pen's dot in a box on a 204 x 98 dpi fax (seed 33's 38-kaz, "does
 * not assign" of X.1384): its rows doubled to square pixels, 5 x 7 of the
 * 14 x 14 pixels measured inside a 26-pixel box (spread 0.50).  It is a
 * dot (unclear), not a mark (read "does not assign", confident, before),
 * with specks of the outline beside it too; a stroke across the box is
 * still a mark. */
static void
t_dot_fax(void **state)
{
	PIX *b, *l;
	box k;
	int i;

	(void)state;
	box_page(&b, &l, &k);
	pixRasterop(b, 47, 49, 5, 7, PIX_SET, NULL, 0, 0);
	pixCopy(l, b);
	a2_scan_measure_box(b, l, &k, 1);
	assert_true(k.in >= IN_MARK);
	assert_int_equal(k.state, B_UNSURE);
	assert_int_equal(k.unsure, U_DOT);
	/* the outline's jagged edge reaching in, in specks of a pixel, all
	 * across the square's top row (seed 77's 38-kaz, X.1471) */
	for (i = 47; i < 60; i += 4)
		pixSetPixel(b, i, 46, 1);
	pixCopy(l, b);
	a2_scan_measure_box(b, l, &k, 1);
	assert_int_equal(k.state, B_UNSURE);
	assert_int_equal(k.unsure, U_DOT);
	for (i = 0; i < 10; i++)   /* a short stroke on from it, across the box */
		pixRasterop(b, 51 + i, 55 + i / 2, 2, 2, PIX_SET, NULL, 0, 0);
	pixCopy(l, b);
	a2_scan_measure_box(b, l, &k, 1);
	assert_int_equal(k.state, B_MARK);
	pixDestroy(&b);
	pixDestroy(&l);
}

/* A faint pen's cross whose darkest part, on the ink threshold, is only a
 * dot where its strokes meet (seed 99's blurred JPEG and phone photo:
 * lighter ink 0.44-0.46 of the box, across all of it): a mark, read as a
 * faint one; the dot alone, or a dot whose lighter ink is as small as a
 * dot's own halo (dots measured 0.08-0.21 on the lighter threshold, over
 * 0.31-0.54 of the box: DOT_FAINT_SPREAD), stays a dot. */
static void
t_dot_faint_cross(void **state)
{
	PIX *b, *l;
	box k;

	(void)state;
	box_page(&b, &l, &k);
	pixRasterop(b, 51, 51, 3, 4, PIX_SET, NULL, 0, 0);   /* the dot */
	pixCopy(l, b);
	pixRasterop(l, 50, 50, 5, 5, PIX_SET, NULL, 0, 0);   /* its halo */
	a2_scan_measure_box(b, l, &k, 1);
	if (!(k.in >= IN_EMPTY && k.in < IN_MARK))
		fail_msg("in %.3f", k.in);
	assert_int_equal(k.state, B_UNSURE);
	assert_int_equal(k.unsure, U_DOT);
	faint_cross(l);
	a2_scan_measure_box(b, l, &k, 1);
	assert_true(k.light >= FAINT_MARK);
	assert_int_equal(k.state, B_MARK);
	pixDestroy(&b);
	pixDestroy(&l);
}

/* A faint pen's cross on a vote box of the Secretariat's form (seeds 99-166,
 * 21-itu-form and 28-itu-form: lighter ink 0.30-0.37 of the box, on the
 * ink threshold 0.02-0.07, nothing just outside): the OCR path took every
 * mark with under 0.08 inside for ink outside the outline (what a fax's
 * skew leaves of the cell's rule), unclear.  Read as the QR path's faint
 * rule reads it, it is a mark; ink only just outside the outline, the
 * rule's remnant, stays unclear. */
static void
t_ocr_faint(void **state)
{
	PIX *b, *l;
	box k;

	(void)state;
	box_page(&b, &l, &k);
	pixCopy(l, b);
	faint_cross(l);
	pixRasterop(b, 52, 52, 2, 2, PIX_SET, NULL, 0, 0);   /* its darkest part */
	a2_ocr_measure_box(b, l, &k);
	if (k.state != B_MARK || !k.faint || k.in >= IN_MARK)
		fail_msg("faint cross: state %d (faint %d), in %.3f, light %.3f", k.state, k.faint, k.in, k.light);
	pixDestroy(&b);
	pixDestroy(&l);

	box_page(&b, &l, &k);
	pixRasterop(b, 36, 42, 2, 22, PIX_SET, NULL, 0, 0);  /* the rule's remnant */
	pixCopy(l, b);
	a2_ocr_measure_box(b, l, &k);
	if (k.state != B_UNSURE || k.faint || k.near < NEAR_MARK)
		fail_msg("rule beside: state %d (faint %d), near %.3f", k.state, k.faint, k.near);
	pixDestroy(&b);
	pixDestroy(&l);
}

/* A tick drawn between the two options, on their left, as near one as the
 * other: its long arm's end just outside the upper box's corner (near
 * 0.03), a little of it (0.02: 0.015-0.030) in that box's strip on the
 * left, centred 0.7 box below its line.  That box is unclear (between two boxes), not
 * marked: seed 122's reply read "no comments" with confidence from such a
 * tick.  The same tick level with the box is not between two boxes. */
static void
t_tick_between_options(void **state)
{
	int level;

	(void)state;
	for (level = 0; level <= 1; level++) {
		PIX *b, *l;
		box k;
		int off = level ? -21 : 0, i;

		box_page(&b, &l, &k);
		k.col = 1;
		for (i = 0; i < 4; i++)   /* the short arm down, 0.8 box below the box's line */
			pixRasterop(b, 25 + i / 2, 72 + i + off, 1, 1, PIX_SET, NULL, 0, 0);
		for (i = 0; i < 13; i++)   /* the long arm up to the box's corner, heavier there */
			pixRasterop(b, 27 + i, 76 - i + off, i < 9 ? 2 : 4, i < 9 ? 2 : 4, PIX_SET, NULL, 0, 0);
		pixCopy(l, b);
		a2_scan_measure_box(b, l, &k, 1);
		if (level ? k.unsure == U_BETWEEN : k.state != B_UNSURE || k.unsure != U_BETWEEN)
			fail_msg("%s: state %d (%d), near %.3f, beside %.3f at %.2f", level ? "level" : "between", k.state,
			    k.unsure, k.near, k.away, k.away_dy);
		pixDestroy(&b);
		pixDestroy(&l);
	}
}

/* An empty box placed two pixels off its print (seed 52's image PDF,
 * X.1354 "Comments attached"): the outline's last row falls just outside
 * the box as placed, a little ink there alone (near 0.03), read as a mark
 * with confidence before.  Measured again where its outline is, it is
 * empty; a tick's stroke just outside a box stays a mark. */
static void
t_box_off_print(void **state)
{
	PIX *b = pixCreate(120, 120, 1), *l = pixCreate(120, 120, 1);
	struct Box *edge = boxCreate(41, 42, 26, 26);
	box k;

	(void)state;
	assert_non_null(b);
	assert_non_null(l);
	assert_non_null(edge);
	pixRenderBox(b, edge, 2, L_SET_PIXELS);
	boxDestroy(&edge);
	pixCopy(l, b);
	memset(&k, 0, sizeof(k));
	k.x = k.y = 40;
	k.w = k.h = 25;
	a2_scan_measure_box(b, l, &k, 1);
	assert_int_equal(k.state, B_EMPTY);
	assert_int_equal(k.x, 41);
	assert_int_equal(k.y, 42);
	pixRasterop(b, 60, 70, 3, 16, PIX_SET, NULL, 0, 0);   /* a tick's end below it */
	pixCopy(l, b);
	k.x = k.y = 40;
	a2_scan_measure_box(b, l, &k, 1);
	assert_int_equal(k.state, B_MARK);
	pixDestroy(&b);
	pixDestroy(&l);
}

/* The same on a 204 x 98 fax, its rows doubled: the box placed three
 * pixels above its print, whose sides are four rows thick, has the print's
 * bottom edge just outside it and the last row of its top edge inside the
 * square measured (0.07: seed 333's "Comments attached", read marked with
 * confidence, nothing drawn).  Measured where the print is, it is empty;
 * with a tick's end below it, marked. */
static void
t_box_off_print_fax(void **state)
{
	int tick;

	(void)state;
	for (tick = 0; tick <= 1; tick++) {
		PIX *b = pixCreate(120, 120, 1), *l = pixCreate(120, 120, 1);
		box k;

		assert_non_null(b);
		assert_non_null(l);
		pixRasterop(b, 40, 43, 25, 4, PIX_SET, NULL, 0, 0);
		pixRasterop(b, 40, 65, 25, 4, PIX_SET, NULL, 0, 0);
		pixRasterop(b, 40, 43, 2, 26, PIX_SET, NULL, 0, 0);
		pixRasterop(b, 63, 43, 2, 26, PIX_SET, NULL, 0, 0);
		if (tick)
			pixRasterop(b, 58, 70, 3, 16, PIX_SET, NULL, 0, 0);
		pixCopy(l, b);
		memset(&k, 0, sizeof(k));
		k.x = k.y = 40;
		k.w = 25;
		k.h = 26;
		a2_scan_measure_box(b, l, &k, 1);
		if (tick ? k.state != B_MARK : k.state != B_EMPTY || k.y != 43)
			fail_msg("%s: state %d at y %d, in %.3f, near %.3f", tick ? "tick" : "empty", k.state, k.y, k.in,
			    k.near);
		pixDestroy(&b);
		pixDestroy(&l);
	}
}

/* A circle w pixels across at (x0, y0) of p, its outline stroke_px thick. */
static void
circle_pix(PIX *p, int x0, int y0, int w, double stroke_px)
{
	int x, y;
	double c = w / 2.0;

	for (y = 0; y < w; y++)
		for (x = 0; x < w; x++) {
			double d = hypot(x + 0.5 - c, y + 0.5 - c);
			if (d <= c && d >= c - stroke_px)
				pixSetPixel(p, x0 + x, y0 + y, 1);
		}
}

/* An option's circle on the Secretariat's form, its outline thickened by
 * the scan into the corners of the square measured inside it (ink there
 * 0.03-0.04, read "a stray stroke" before): only its outline, so empty;
 * with a dot at its middle, or a stroke running out of it, not. */
static void
t_outline_only(void **state)
{
	PIX *b = pixCreate(200, 200, 1), *l = pixCreate(200, 200, 1);
	box k;
	int x;

	(void)state;
	assert_non_null(b);
	assert_non_null(l);
	circle_pix(b, 50, 50, 29, 4.2);
	circle_pix(l, 50, 50, 29, 4.6);
	memset(&k, 0, sizeof(k));
	k.x = k.y = 50;
	k.w = k.h = 29;
	k.col = 1;
	a2_scan_measure(b, l, &k);
	assert_true(k.in > IN_EMPTY);             /* the outline read as ink inside */
	assert_int_equal(k.state, B_UNSURE);
	assert_true(a2_ocr_outline_only(b, l, &k));
	pixRasterop(b, 63, 63, 3, 3, PIX_SET, NULL, 0, 0);   /* a dot at its middle */
	pixRasterop(l, 63, 63, 3, 3, PIX_SET, NULL, 0, 0);
	a2_scan_measure(b, l, &k);
	assert_false(a2_ocr_outline_only(b, l, &k));
	pixClearAll(b);
	pixClearAll(l);
	circle_pix(b, 50, 50, 29, 4.2);
	circle_pix(l, 50, 50, 29, 4.6);
	for (x = 0; x < 16; x++)   /* a short stroke over the circle's corner */
		pixRasterop(b, 72 + x, 48 + x / 2, 2, 2, PIX_SET, NULL, 0, 0);
	pixCopy(l, b);
	a2_scan_measure(b, l, &k);
	assert_false(a2_ocr_outline_only(b, l, &k));
	pixDestroy(&b);
	pixDestroy(&l);
}

/* A filled box's ink read by OCR into its label's first word ("assigns"
 * begun at the box's left side, seed 14's 14-itu-form page 3, 300 dpi):
 * that box is still the one left of the label; a word begun over a box
 * only marked is a mark read as a word, no label's. */
static void
t_box_under_word(void **state)
{
	double ppm = 300 / 25.4;
	box k[2];
	ocr_page pg;
	a2_ocr_word wd = {"assigns", 846, 770, 273, 60, 30.0f, 14};

	(void)state;
	memset(&pg, 0, sizeof(pg));
	memset(k, 0, sizeof(k));
	k[0].x = 846, k[0].y = 769, k[0].w = k[0].h = 69, k[0].state = B_DENSE;
	k[1].x = 846, k[1].y = 1053, k[1].w = k[1].h = 61;   /* the next row's */
	pg.boxes = k;
	pg.n_boxes = 2;
	pg.ppm = ppm;
	assert_int_equal(a2_ocr_box_left_of(&pg, &wd, ppm), 0);
	k[0].state = B_MARK;
	assert_int_equal(a2_ocr_box_left_of(&pg, &wd, ppm), -1);
	k[0].state = B_DENSE;
	wd.x = 1013;   /* the label past the box, as usual */
	wd.w = 106;
	assert_int_equal(a2_ocr_box_left_of(&pg, &wd, ppm), 0);
	wd.x = 846;    /* a word over the box, ending at it: the mark itself */
	wd.w = 80;
	assert_int_equal(a2_ocr_box_left_of(&pg, &wd, ppm), -1);
}

/* Tesseract's direction marks round a Latin word of an Arabic page are no
 * letters: the box read as "\u200eA\u200f" is one letter. */
static void
t_ocr_strip_bidi(void **state)
{
	char a[] = "\xE2\x80\x8E" "A" "\xE2\x80\x8F", b[] = "\xE2\x80\x8F", c[] = "\xD8\xAA\xD8\x9C" "X.1237";
	char d[] = "\xE2\x81\xA6" "ITU-T" "\xE2\x81\xA9", e[] = "\xE2\x80\x94";   /* an em dash stays */

	(void)state;
	assert_int_equal(a2_ocr_strip_bidi(a), 1);
	assert_string_equal(a, "A");
	assert_int_equal(a2_ocr_strip_bidi(b), 0);
	assert_string_equal(b, "");
	assert_int_equal(a2_ocr_strip_bidi(c), 8);
	assert_string_equal(c, "\xD8\xAA" "X.1237");
	assert_int_equal(a2_ocr_strip_bidi(d), 5);
	assert_string_equal(d, "ITU-T");
	assert_int_equal(a2_ocr_strip_bidi(e), 3);
	assert_string_equal(e, "\xE2\x80\x94");
}

static void
t_ocr_row_check(void **state)
{
	static const struct {
		const char *recn, *cell;   /* the identifier, as OCR read it */
		int vote[2], opt[2];       /* the boxes, in reading order */
		a2_authority read;         /* what the matcher read */
		a2_comments read_com;
		int measured;              /* read from a box */
		a2_status st;              /* what stands */
		a2_authority auth;
		a2_comments com;
		const char *problem;       /* the problem added, or NULL */
	} c[] = {
		{"X.1819", "X.1819", {R_E, R_M}, {R_E, R_E}, A2_AUTH_ASSIGNS, A2_COM_NULL, 1,
		 A2_ST_UNCLEAR, A2_AUTH_NULL, A2_COM_NULL, "unclear"},
		{"X.1820", "\xD0\xA5.1820", {R_M, R_E}, {R_E, R_E}, A2_AUTH_ASSIGNS, A2_COM_NONE, 1,
		 A2_ST_OK, A2_AUTH_ASSIGNS, A2_COM_NULL, "option-unclear"},
		{"X.1821", "X.1821", {R_E, R_M}, {R_M, R_E}, A2_AUTH_NOT, A2_COM_ATTACHED, 1,
		 A2_ST_OK, A2_AUTH_NOT, A2_COM_NULL, "option-unclear"},
		{"X.1822", "ITU-TX.1822 \xE6\x96\xB0", {R_S, R_M}, {R_E, R_M}, A2_AUTH_NOT, A2_COM_ATTACHED, 1,
		 A2_ST_OK, A2_AUTH_NOT, A2_COM_ATTACHED, NULL},
		{"X.1823", "X.1823", {R_B, R_S}, {R_E, R_E}, A2_AUTH_ASSIGNS, A2_COM_NULL, 1,
		 A2_ST_UNCLEAR, A2_AUTH_NULL, A2_COM_NULL, "unclear"},
		{"X.1824", "X.1824", {R_M, R_M}, {R_E, R_E}, A2_AUTH_ASSIGNS, A2_COM_NULL, 1,
		 A2_ST_UNCLEAR, A2_AUTH_NULL, A2_COM_NULL, "unclear"},
		{"X.1825", "X.1825", {R_M, R_E}, {R_E, R_E}, A2_AUTH_ASSIGNS, A2_COM_NULL, 0,
		 A2_ST_UNCLEAR, A2_AUTH_NULL, A2_COM_NULL, "unclear"},
		/* a speck read as a word before "ITU-T" (the Arabic form) */
		{"X.1826", "ee ITU-T X.1826", {R_M, R_E}, {R_E, R_M}, A2_AUTH_ASSIGNS, A2_COM_ATTACHED, 1,
		 A2_ST_OK, A2_AUTH_ASSIGNS, A2_COM_ATTACHED, NULL},
	};
	enum { N = sizeof(c) / sizeof(c[0]) };
	static const char *labels[4] = {"assigns", "does not assign", "No comments", "Comments attached"};
	static const double lx[4] = {96, 96, 104, 104}, ly[4] = {0, 10, 3, 13};
	a2_block blocks[N * 5];
	ocr_where where[N * 5];
	box boxes[N * 4];
	ocr_page pg;
	ocr_fe fe;
	a2_doc doc;
	a2_record rec;
	double ppm = 200 / 25.4, pt = 72 / 25.4;
	size_t t, j;

	(void)state;
	memset(blocks, 0, sizeof(blocks));
	memset(&doc, 0, sizeof(doc));
	memset(&fe, 0, sizeof(fe));
	a2_record_init(&rec);
	rec.texts = calloc(N, sizeof(*rec.texts));
	assert_non_null(rec.texts);
	rec.n_texts = N;
	for (t = 0; t < N; t++) {
		double y = 40 + 30.0 * (double)t;   /* mm */
		a2_answer *a = &rec.texts[t];
		blocks[t * 5].text = (char *)(uintptr_t)c[t].cell;
		blocks[t * 5].pos.x = (float)(20 * pt);
		blocks[t * 5].pos.y = (float)(y * pt);
		where[t * 5] = (ocr_where){0, -1, 90};
		for (j = 0; j < 4; j++) {
			a2_block *b = &blocks[t * 5 + 1 + j];
			ocr_box(&boxes[t * 4 + j], ppm, j < 2 ? 90 : 98, y + ly[j], j < 2 ? 0 : 1,
			    j < 2 ? c[t].vote[j] : c[t].opt[j - 2]);
			b->text = (char *)(uintptr_t)labels[j];
			b->pos.x = (float)(lx[j] * pt);
			b->pos.y = (float)((y + ly[j]) * pt);
			where[t * 5 + 1 + j] = (ocr_where){0, (int)(t * 4 + j), 90};
		}
		for (j = 0; j < 5; j++)
			blocks[t * 5 + j].len = strlen(blocks[t * 5 + j].text);
		a->rec = strdup(c[t].recn);
		assert_non_null(a->rec);
		a->authority = c[t].read;
		a->comments = c[t].read_com;
		a->status = c[t].measured ? A2_ST_OK : A2_ST_INFERRED;
		if (c[t].measured) {
			a->evidence = strdup("pdf-drawing");
			assert_non_null(a->evidence);
		} else
			assert_int_equal(a2_record_add_problem(&rec, "inferred", a->rec, "inferred"), 0);
	}
	pg.boxes = boxes;
	pg.n_boxes = N * 4;
	pg.ppm = ppm;
	pg.signed_ink = 1;   /* ink under the closing line of the last text's page */
	fe.pages = &pg;
	fe.n_pages = 1;
	fe.where = where;
	fe.n_where = fe.cap_where = N * 5;
	doc.blocks = blocks;
	doc.n_blocks = N * 5;
	doc.fe = &fe;
	assert_int_equal(a2_ocr_settle(&doc, &rec), 0);
	assert_int_equal(rec.sig_signed, 1);
	assert_false(a2_record_has_problem(&rec, "unsigned", NULL));
	for (t = 0; t < N; t++) {
		const a2_answer *a = &rec.texts[t];
		size_t np = 0;
		if (a->status != c[t].st || a->authority != c[t].auth || a->comments != c[t].com)
			fail_msg("%s: %s %s %s, expected %s %s %s", c[t].recn, a2_status_name(a->status),
			    a2_authority_name(a->authority) ? a2_authority_name(a->authority) : "null",
			    a2_comments_name(a->comments) ? a2_comments_name(a->comments) : "null",
			    a2_status_name(c[t].st), a2_authority_name(c[t].auth) ? a2_authority_name(c[t].auth) : "null",
			    a2_comments_name(c[t].com) ? a2_comments_name(c[t].com) : "null");
		if (c[t].st == A2_ST_OK) {
			assert_non_null(a->evidence);
			assert_string_equal(a->evidence, "scan");
			assert_true(a->has_confidence && a->confidence > 0.5 && a->confidence < 0.9);
		} else
			assert_null(a->evidence);
		for (j = 0; j < rec.n_problems; j++)
			if (rec.problems[j].rec != NULL && strcmp(rec.problems[j].rec, c[t].recn) == 0) {
				if (c[t].problem == NULL || strcmp(rec.problems[j].code, c[t].problem) != 0)
					fail_msg("%s: problem %s, expected %s", c[t].recn, rec.problems[j].code,
					    c[t].problem ? c[t].problem : "none");
				/* and says why: the OCR path's doubt */
				if (c[t].st != A2_ST_OK && strstr(rec.problems[j].message, "OCR") == NULL)
					fail_msg("%s: problem says %s", c[t].recn, rec.problems[j].message);
				np++;
			}
		/* one problem a text: the inferred reading's becomes "unclear" */
		assert_int_equal(np, c[t].problem != NULL ? 1 : 0);
	}
	a2_record_clear(&rec);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_plain_word),
		cmocka_unit_test(t_ocr_row_check),
		cmocka_unit_test(t_ocr_scribbled),
		cmocka_unit_test(t_ocr_hidden),
		cmocka_unit_test(t_ocr_faint),
		cmocka_unit_test(t_dot_fax),
		cmocka_unit_test(t_box_off_print),
		cmocka_unit_test(t_box_off_print_fax),
		cmocka_unit_test(t_scribbled),
		cmocka_unit_test(t_outline_only),
		cmocka_unit_test(t_box_under_word),
		cmocka_unit_test(t_ocr_strip_bidi),
		cmocka_unit_test(t_parse_qr),
		cmocka_unit_test(t_page),
		cmocka_unit_test(t_upside_down),
		cmocka_unit_test(t_not_guessed),
		cmocka_unit_test(t_rule_edge),
		cmocka_unit_test(t_scribble_two_places),
		cmocka_unit_test(t_ring_on_rule),
		cmocka_unit_test(t_ring_askew),
		cmocka_unit_test(t_ring_textlike),
		cmocka_unit_test(t_ring_alone),
		cmocka_unit_test(t_near_rule_edge),
		cmocka_unit_test(t_runs),
		cmocka_unit_test(t_no_qr),
		cmocka_unit_test(t_limits),
		cmocka_unit_test(t_unwarp),
		cmocka_unit_test(t_fax_204x98),
		cmocka_unit_test(t_code_spots),
		cmocka_unit_test(t_tick_between_options),
		cmocka_unit_test(t_dot_faint_cross),
		cmocka_unit_test(t_signature_no_rule),
		cmocka_unit_test(t_ocr_circle_touched),
		cmocka_unit_test(t_ring_rtl),
		cmocka_unit_test(t_cancelled_faint),
		cmocka_unit_test(t_cancelled_words),
		cmocka_unit_test(t_cancelled_alone),
	};
	return cmocka_run_group_tests_name("scan", tests, t_world_setup, t_world_teardown);
}
