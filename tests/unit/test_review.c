/* tests/unit/test_review.c -- the review layer's library (annex2/review.h):
 * decision lines parsed and refused, the decisions file loaded and appended
 * to, every kind of decision applied over records and counted by the round,
 * what needs a person, and the HTML of the evidence and the page escaped.
 * Records are built in C on the built-in Circular 195 form. */
#include "testutil.h"

static a2_form *form;
static a2_states *states;

static int
setup(void **state)
{
	a2_error err;

	(void)state;
	a2_error_clear(&err);
	form = a2_form_load(NULL, &err);
	states = a2_states_load(NULL, NULL, &err);
	return form != NULL && states != NULL && form->n_texts == 8 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	a2_form_free(form);
	a2_states_free(states);
	return 0;
}

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define SHA_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
#define TAIL ",\"who\":\"Ana\",\"when\":\"2024-08-22T10:00:00Z\",\"why\":\"seen\"}"

/* A reply of iso3 (NULL: unknown sender) with sha; every text assigns
 * (ok, no comments) but text 0, which has status st0. */
static a2_record
mk(const char *sha, const char *iso3, a2_status st0)
{
	a2_record r;
	size_t i;

	a2_record_init(&r);
	r.file = strdup("returns/<b>reply</b>.docx");
	memcpy(r.sha256, sha, 65);
	r.format = A2_FMT_DOCX;
	r.consultation = strdup(form->id);
	if (iso3 != NULL) {
		r.ms_iso3 = strdup(iso3);
		r.ms_name = strdup(iso3);
		r.ms_source = strdup("metadata");
	} else {
		assert_int_equal(a2_record_add_problem(&r, "unknown-sender", NULL, "no sender found"), 0);
	}
	r.sig_name = strdup("A. Signatory");
	r.sig_date = strdup("2024-08-10");
	r.texts = calloc(form->n_texts, sizeof(a2_answer));
	assert_non_null(r.texts);
	r.n_texts = form->n_texts;
	for (i = 0; i < form->n_texts; i++) {
		a2_answer *a = &r.texts[i];
		a->rec = strdup(form->texts[i].rec);
		a->alias = strdup(form->texts[i].alias);
		a->authority = A2_AUTH_ASSIGNS;
		a->comments = A2_COM_NONE;
		a->status = A2_ST_OK;
	}
	if (st0 != A2_ST_OK) {
		r.texts[0].status = st0;
		r.texts[0].authority = A2_AUTH_NULL;
		r.texts[0].comments = A2_COM_NULL;
		assert_int_equal(a2_record_add_problem(&r, a2_status_name(st0), form->texts[0].rec, "as read"), 0);
	}
	r.complete = st0 == A2_ST_OK && iso3 != NULL;
	return r;
}

static a2_decisions *
from_text(const char *text)
{
	char path[] = "/tmp/annex2-test-review.XXXXXX";
	int fd = mkstemp(path);
	a2_decisions *D;
	a2_error err;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	a2_error_clear(&err);
	D = a2_decisions_load(path, &err);
	unlink(path);
	assert_non_null(D);
	return D;
}

static void
parse_every_kind(void **state)
{
	static const char *const good[] = {
		"{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"assigns\",\"comments\":\"none\"" TAIL,
		"{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"assigns\",\"comments\":\"attached\"" TAIL,
		"{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"does-not-assign\"" TAIL,
		"{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"not-counted\"" TAIL,
		"{\"sha256\":\"" SHA_A "\",\"text\":\"sender\",\"decision\":\"FRA\"" TAIL,
		"{\"sha256\":\"" SHA_A "\",\"text\":\"sender\",\"decision\":\"not-counted\"" TAIL,
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		a2_decision d;
		a2_error err;
		char *back;
		a2_error_clear(&err);
		assert_int_equal(a2_decision_parse(&d, good[i], strlen(good[i]), &err), 0);
		back = a2_decision_to_json(&d);
		assert_non_null(back);
		assert_string_equal(back, good[i]);   /* the same line back, byte for byte */
		free(back);
		a2_decision_clear(&d);
	}
}

static void
parse_refuses(void **state)
{
	static const struct { const char *line, *why; } bad[] = {
		{"nope", "not JSON"},
		{"[1]", "not a JSON object"},
		{"{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"assigns\"" TAIL, "needs \"comments\""},
		{"{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"not-counted\",\"comments\":\"none\"" TAIL, "is for a decision"},
		{"{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"FRA\"" TAIL, "the decision on a text"},
		{"{\"sha256\":\"" SHA_A "\",\"text\":\"sender\",\"decision\":\"assigns\"" TAIL, "the decision on a sender"},
		{"{\"sha256\":\"" SHA_A "\",\"text\":\"sender\",\"decision\":\"fra\"" TAIL, "the decision on a sender"},
		{"{\"sha256\":\"ABC\",\"text\":\"X.1237\",\"decision\":\"not-counted\"" TAIL, "sha256"},
		{"{\"sha256\":\"" SHA_A "\",\"text\":\"\",\"decision\":\"not-counted\"" TAIL, "\"text\""},
		{"{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"not-counted\",\"who\":\"\",\"when\":\"2024-08-22T10:00:00Z\"}", "\"who\""},
		{"{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"not-counted\",\"who\":\"a\\nb\",\"when\":\"2024-08-22T10:00:00Z\"}", "\"who\""},
		{"{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"not-counted\",\"who\":\"a\",\"when\":\"2024-13-22T10:00:00Z\"}", "\"when\""},
		{"{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"not-counted\",\"who\":\"a\",\"when\":\"2024-08-22T10:00:00Z\",\"x\":1}", "unknown member"},
		{"{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"not-counted\",\"who\":\"a\\u0000\",\"when\":\"2024-08-22T10:00:00Z\"}", "NUL"},
		{"{\"sha256\":\"" SHA_A "\",\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"not-counted\"" TAIL, "duplicate"},
		{"{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":1" TAIL, "not a string"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		a2_decision d;
		a2_error err;
		a2_error_clear(&err);
		if (a2_decision_parse(&d, bad[i].line, strlen(bad[i].line), &err) == 0)
			fail_msg("line %zu accepted: %s", i, bad[i].line);
		if (strstr(err.message, bad[i].why) == NULL)
			fail_msg("line %zu: \"%s\" does not say \"%s\"", i, err.message, bad[i].why);
	}
}

static void
load_keeps_bad_lines_aside(void **state)
{
	a2_decisions *D = from_text(
	    "{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"not-counted\"" TAIL "\n"
	    "\n"
	    "garbage\n"
	    "{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"does-not-assign\"" TAIL "\r\n"
	    "{\"sha256\":\"" SHA_B "\",\"text\":\"sender\",\"decision\":\"FRA\"" TAIL);   /* cut: no newline */

	(void)state;
	assert_int_equal(D->n, 2);
	assert_int_equal(D->v[0].line, 1);
	assert_int_equal(D->v[1].line, 4);
	assert_int_equal(D->n_bad, 2);
	assert_int_equal(D->bad[0].line, 3);
	assert_int_equal(D->bad[1].line, 5);
	/* the last line for a reply and text stands */
	assert_string_equal(a2_decisions_find(D, SHA_A, "X.1237")->decision, "does-not-assign");
	assert_null(a2_decisions_find(D, SHA_B, "sender"));
	a2_decisions_free(D);
}

static void
append_mends_a_cut_line(void **state)
{
	char dir[] = "/tmp/annex2-test-review.XXXXXX", path[64];
	a2_decision d;
	a2_decisions *D;
	a2_error err;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/decisions.jsonl", dir);
	memset(&d, 0, sizeof d);
	memcpy(d.sha256, SHA_A, 65);
	d.text = (char *)"X.1283";
	d.decision = (char *)"assigns";
	d.comments = A2_COM_ATTACHED;
	d.who = (char *)"Ana <b>";
	d.when = (char *)"2024-08-22T10:00:00Z";
	d.why = (char *)"a \"quoted\"\nreason";
	a2_error_clear(&err);
	assert_int_equal(a2_decisions_append(path, &d, &err), 0);
	fp = fopen(path, "a");
	fputs("{\"sha256\":\"cut", fp);   /* a crash in the middle of a line */
	fclose(fp);
	d.decision = (char *)"does-not-assign";
	d.comments = A2_COM_NULL;
	assert_int_equal(a2_decisions_append(path, &d, &err), 0);
	d.who = (char *)"";   /* refused before anything is written */
	assert_int_equal(a2_decisions_append(path, &d, &err), -1);
	D = a2_decisions_load(path, &err);
	assert_non_null(D);
	assert_int_equal(D->n, 2);
	assert_int_equal(D->n_bad, 1);
	assert_int_equal(D->bad[0].line, 2);
	assert_string_equal(D->v[0].why, "a \"quoted\"\nreason");
	assert_string_equal(D->v[1].decision, "does-not-assign");
	a2_decisions_free(D);
	unlink(path);
	rmdir(dir);
}

/* The round of three replies with the decisions of text applied. */
static a2_round *
decided_round(const char *text, a2_decisions **out)
{
	a2_record *v = calloc(3, sizeof(a2_record));
	a2_decisions *D = from_text(text);
	a2_error err;
	a2_round *R;

	v[0] = mk(SHA_A, "FRA", A2_ST_UNCLEAR);
	v[1] = mk(SHA_B, NULL, A2_ST_OK);
	v[2] = mk(SHA_C, "DEU", A2_ST_CONFLICT);
	a2_error_clear(&err);
	assert_int_equal(a2_decisions_apply(D, form, states, v, 3, &err), 0);
	R = a2_round_new(form, v, 3, NULL, 0, &err);
	assert_non_null(R);
	*out = D;
	return R;
}

static const a2_problem *
problem(const a2_record *r, const char *code, const char *rec)
{
	size_t i;

	for (i = 0; i < r->n_problems; i++)
		if (!strcmp(r->problems[i].code, code) &&
		    (rec ? r->problems[i].rec && !strcmp(r->problems[i].rec, rec) : r->problems[i].rec == NULL))
			return &r->problems[i];
	return NULL;
}

static void
apply_answers_and_sender(void **state)
{
	a2_decisions *D;
	a2_round *R = decided_round(
	    "{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"assigns\",\"comments\":\"attached\"" TAIL "\n"
	    "{\"sha256\":\"" SHA_B "\",\"text\":\"sender\",\"decision\":\"ITA\"" TAIL "\n"
	    "{\"sha256\":\"" SHA_C "\",\"text\":\"X.1237\",\"decision\":\"does-not-assign\"" TAIL "\n", &D);
	const a2_record *a = &R->recs[0], *b = &R->recs[1];

	(void)state;
	assert_int_equal(D->n_warn, 0);
	assert_int_equal(a->texts[0].status, A2_ST_OK);
	assert_int_equal(a->texts[0].authority, A2_AUTH_ASSIGNS);
	assert_int_equal(a->texts[0].comments, A2_COM_ATTACHED);
	assert_null(problem(a, "unclear", "X.1237"));
	assert_non_null(problem(a, "decided", "X.1237"));
	assert_non_null(strstr(problem(a, "decided", "X.1237")->message,
	    "the reader said unclear; Ana decided assigns, comments attached on 2024-08-22T10:00:00Z: \"seen\""));
	assert_true(a->complete);
	assert_string_equal(b->ms_iso3, "ITA");
	assert_string_equal(b->ms_name, "Italy");
	assert_string_equal(b->ms_source, "review");
	assert_null(problem(b, "unknown-sender", NULL));
	assert_int_equal(R->standing[1], A2_SD_COUNTED);
	assert_int_equal(R->counted, 3);
	assert_int_equal(R->texts[0].assigns, 2);          /* FRA (decided), ITA */
	assert_int_equal(R->texts[0].does_not_assign, 1);  /* DEU (decided) */
	assert_int_equal(R->texts[0].undecided, 0);
	assert_true(a2_problem_is_warning("decided"));
	a2_round_free(R);
	a2_decisions_free(D);
}

static void
apply_not_counted(void **state)
{
	a2_decisions *D;
	a2_round *R = decided_round(
	    "{\"sha256\":\"" SHA_A "\",\"text\":\"X.1237\",\"decision\":\"not-counted\"" TAIL "\n"
	    "{\"sha256\":\"" SHA_C "\",\"text\":\"sender\",\"decision\":\"not-counted\"" TAIL "\n", &D);

	(void)state;
	assert_int_equal(R->standing[0], A2_SD_COUNTED);
	assert_int_equal(R->standing[1], A2_SD_UNKNOWN);
	assert_int_equal(R->standing[2], A2_SD_DECIDED);
	assert_string_equal(a2_standing_name(R->standing[2]), "not-counted");
	assert_int_equal(R->counted, 1);
	assert_int_equal(R->texts[0].assigns, 0);          /* FRA's X.1237 is left out */
	assert_int_equal(R->texts[0].undecided, 0);
	assert_int_equal(R->texts[0].not_counted, 3);
	assert_int_equal(R->texts[1].assigns, 1);          /* FRA's X.1283 still counts */
	assert_int_equal(R->texts[1].not_counted, 2);
	assert_non_null(problem(&R->recs[0], "not-counted", "X.1237"));
	a2_round_free(R);
	a2_decisions_free(D);
}

static void
apply_warns_and_the_reader_stands(void **state)
{
	a2_decisions *D;
	a2_round *R = decided_round(
	    "{\"sha256\":\"" "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd" "\",\"text\":\"X.1237\",\"decision\":\"not-counted\"" TAIL "\n"
	    "{\"sha256\":\"" SHA_A "\",\"text\":\"X.9999\",\"decision\":\"not-counted\"" TAIL "\n"
	    "{\"sha256\":\"" SHA_B "\",\"text\":\"sender\",\"decision\":\"ITA\"" TAIL "\n"
	    "{\"sha256\":\"" SHA_B "\",\"text\":\"sender\",\"decision\":\"QQQ\"" TAIL "\n", &D);

	(void)state;
	assert_int_equal(D->n_warn, 3);
	assert_int_equal(D->warn[0].line, 1);
	assert_non_null(strstr(D->warn[0].message, "not in this round"));
	assert_int_equal(D->warn[1].line, 2);
	assert_int_equal(D->warn[2].line, 4);
	assert_null(R->recs[1].ms_iso3);            /* QQQ replaced ITA and cannot be applied */
	assert_int_equal(R->standing[1], A2_SD_UNKNOWN);
	assert_int_equal(R->recs[0].texts[0].status, A2_ST_UNCLEAR);
	a2_round_free(R);
	a2_decisions_free(D);
}

static void
items_need_a_person(void **state)
{
	a2_record v[3];
	a2_decisions *D = from_text("{\"sha256\":\"" SHA_C "\",\"text\":\"X.1237\",\"decision\":\"not-counted\"" TAIL "\n");
	a2_review_item *it;
	size_t n, i;
	a2_error err;

	(void)state;
	v[0] = mk(SHA_A, "FRA", A2_ST_UNCLEAR);
	v[1] = mk(SHA_B, NULL, A2_ST_OK);
	v[2] = mk(SHA_C, "DEU", A2_ST_CONFLICT);
	a2_error_clear(&err);
	it = a2_review_items(form, v, 3, D, &n, &err);
	assert_non_null(it);
	assert_int_equal(n, 3);
	assert_string_equal(it[0].text, "X.1237");
	assert_string_equal(it[0].reader, "unclear");
	assert_null(it[0].decided);
	assert_string_equal(it[1].text, "sender");
	assert_string_equal(it[1].reader, "unknown-sender");
	assert_string_equal(it[2].reader, "conflict");
	assert_non_null(it[2].decided);
	free(it);
	for (i = 0; i < 3; i++)
		a2_record_clear(&v[i]);
	a2_decisions_free(D);
}

static void
evidence_and_page_are_escaped(void **state)
{
	a2_doc *doc = a2_doc_new(A2_FMT_DOCX);
	a2_pos pos = {0};
	a2_block *b;
	a2_mark m;
	char *ev, *page;
	a2_record *v = calloc(1, sizeof(a2_record));
	a2_round *R;
	a2_error err;
	a2_review_page P;

	(void)state;
	b = a2_doc_add_block(doc, pos, -1, -1, -1, 0);
	assert_int_equal(a2_block_append(b, "Draft X.1237 <script>alert(1)</script>", 38, 0), 0);
	b = a2_doc_add_block(doc, pos, -1, -1, -1, 0);
	assert_int_equal(a2_block_append(b, "\tassigns \"authority\"", 20, A2_SF_STRUCK), 0);
	memset(&m, 0, sizeof m);
	m.kind = A2_MK_CONTENT_CONTROL;
	m.state = A2_ON;
	m.flags = A2_MF_DISAGREE;
	m.glyph = (char *)"<\xe2\x98\x90>";
	assert_int_equal(a2_block_add_mark(doc, b, &m), 0);
	b = a2_doc_add_block(doc, pos, -1, -1, -1, 0);
	assert_int_equal(a2_block_append(b, "Draft X.1283", 12, 0), 0);
	ev = a2_review_evidence_html(doc, form, "X.1237");
	assert_non_null(ev);
	assert_null(strstr(ev, "<script"));
	assert_non_null(strstr(ev, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(ev, "<s>\tassigns &quot;authority&quot;</s>"));
	assert_non_null(strstr(ev, "class=\"mk on dis\""));
	assert_non_null(strstr(ev, "&lt;\xe2\x98\x90&gt;"));
	assert_null(strstr(ev, "X.1283"));    /* the next text's paragraph is not this one's evidence */
	free(ev);
	a2_doc_free(doc);

	v[0] = mk(SHA_A, NULL, A2_ST_UNCLEAR);
	a2_error_clear(&err);
	R = a2_round_new(form, v, 1, NULL, 0, &err);
	assert_non_null(R);
	R->states = states;
	memset(&P, 0, sizeof P);
	P.reader = R;
	P.who = "<img src=x onerror=alert(1)>";
	P.decisions_path = "decisions.jsonl";
	page = a2_review_page_html(&P, &err);
	assert_non_null(page);
	assert_null(strstr(page, "<b>reply</b>"));
	assert_non_null(strstr(page, "returns/&lt;b&gt;reply&lt;/b&gt;.docx"));
	assert_null(strstr(page, "<img"));
	assert_null(strstr(page, "<script>"));   /* only <script src="app.js"> */
	assert_null(strstr(page, "style=\""));   /* no inline style: the CSP forbids it */
	assert_non_null(strstr(page, "<b id=\"pending\">2</b>"));
	free(page);
	a2_round_free(R);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_every_kind),
		cmocka_unit_test(parse_refuses),
		cmocka_unit_test(load_keeps_bad_lines_aside),
		cmocka_unit_test(append_mends_a_cut_line),
		cmocka_unit_test(apply_answers_and_sender),
		cmocka_unit_test(apply_not_counted),
		cmocka_unit_test(apply_warns_and_the_reader_stands),
		cmocka_unit_test(items_need_a_person),
		cmocka_unit_test(evidence_and_page_are_escaped),
	};
	return cmocka_run_group_tests_name("review", tests, setup, teardown);
}
