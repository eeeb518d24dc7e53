/* tests/unit/test_match.c -- the matcher on format-neutral reply models.
 *
 * Documents are built directly in the reply model from a tiny notation, so
 * every rule of the SPEC can be tested without any XML:
 *   {c1} {c0}  a content-control checkbox, ticked / not ticked
 *   {f1} {f0}  a legacy form-field checkbox
 *   {r1} {r0}  a form control (radio)
 *   {a}        an ActiveX control (state unreadable)
 *   {d1}       a content control whose flag says ticked but whose glyph disagrees
 *   ~text~     struck-through text;  _text_  highlighted text
 *   \v         a new block (paragraph);  blocks may sit in table cells
 */
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "testutil.h"
#include "read/match/match.h"
#include "read/match/pattern.h"
#include "read/match/norm.h"

#include <utf8proc.h>

#define form (t_world_get()->form)
#define states (t_world_get()->states)
#define reader (t_world_get()->reader)

static void
append(a2_doc *d, a2_block *b, const char *spec)
{
	const char *p = spec;
	unsigned flags = 0;

	while (*p) {
		if (*p == '{') {
			a2_mark m;
			const char *e = strchr(p, '}');
			memset(&m, 0, sizeof(m));
			m.offset = b->len;
			switch (p[1]) {
			case 'c': m.kind = A2_MK_CONTENT_CONTROL; break;
			case 'f': m.kind = A2_MK_FORM_FIELD; break;
			case 'r': m.kind = A2_MK_FORM_CONTROL; m.flags = A2_MF_RADIO; break;
			case 'a': m.kind = A2_MK_ACTIVEX; break;
			case 'd': m.kind = A2_MK_CONTENT_CONTROL; m.flags = A2_MF_DISAGREE; break;
			}
			m.state = p[1] == 'a' ? A2_UNKNOWN : p[2] == '1' ? A2_ON : A2_OFF;
			assert_int_equal(a2_block_add_mark(d, b, &m), 0);
			p = e + 1;
		} else if (*p == '~') {
			flags ^= A2_SF_STRUCK;
			p++;
		} else if (*p == '_') {
			flags ^= A2_SF_HIGHLIGHT;
			p++;
		} else {
			size_t n = strcspn(p, "{~_");
			assert_int_equal(a2_block_append(b, p, n, flags), 0);
			p += n;
		}
	}
}

/* Builds a document: blocks separated by '\v'. */
static a2_doc *
build(const char *spec)
{
	a2_doc *d = a2_doc_new(A2_FMT_DOCX);
	char *copy = strdup(spec), *tok, *save = NULL;
	a2_pos pos;

	memset(&pos, 0, sizeof(pos));
	assert_non_null(d);
	for (tok = strtok_r(copy, "\v", &save); tok; tok = strtok_r(NULL, "\v", &save)) {
		a2_block *b = a2_doc_add_block(d, pos, -1, -1, -1, 0);
		assert_non_null(b);
		append(d, b, tok);
	}
	free(copy);
	assert_true(a2_doc_check(d));
	return d;
}

/* One text's part of the form with the given marks before each label. */
static void
text_part(char *buf, size_t cap, const char *rec, const char *alias,
    const char *ma, const char *mn, const char *mc, const char *mb)
{
	snprintf(buf + strlen(buf), cap - strlen(buf),
	    "Draft new Recommendation ITU-T %s (%s)\v"
	    "%s assigns authority to SG17 to consider this text for approval (in which case, select one of the two options):\v"
	    "%s No comments or suggested changes\v"
	    "%s Comments and suggested changes are attached\v"
	    "%s does not assign authority to SG17 to consider this text for approval (reasons for this opinion and an outline of possible changes that would enable the work to progress are attached)\v",
	    rec, alias, ma, mn, mc, mb);
}

static const char head[] =
	"Subject: Member State response to TSB Circular 195: Consultation on Determined draft new "
	"Recommendations ITU-T X.1237 (X.tsfpp), X.1283 (X.gpwd), X.1353 (X.ztd-iot), X.1354 (X.sc-iot), "
	"X.1384 (X.itssec-5), X.1471 (X.websec-7), X.1819 (X.5Gsec-netec) and X.1820 (X.5Gsec-srocvs)\v"
	"From:\vJean Dupont\vDirecteur\vAdministration of France\vDate:\vParis, 15 August 2024\vDear Sir/Madam,\v";

static const char tail_signed[] =
	"Yours faithfully,\vJean Dupont\vDirecteur des affaires internationales\vAdministration of France\v";

/* A whole reply: every text with the same marks, except text `which`
 * gets the given marks. */
static a2_record
read_spec(const char *spec)
{
	a2_doc *d = build(spec);
	a2_record r;

	a2_record_init(&r);
	assert_int_equal(a2_match_doc(reader, d, &r), 0);
	a2_doc_free(d);
	return r;
}

static char *
reply(int which, const char *ma, const char *mn, const char *mc, const char *mb, const char *tail)
{
	static char buf[16384];
	size_t i;

	buf[0] = '\0';
	strcat(buf, head);
	for (i = 0; i < form->n_texts; i++) {
		if ((int)i == which)
			text_part(buf, sizeof(buf), form->texts[i].rec, form->texts[i].alias, ma, mn, mc, mb);
		else
			text_part(buf, sizeof(buf), form->texts[i].rec, form->texts[i].alias,
			    "{c1}", "{c1}", "{c0}", "{c0}");
	}
	strcat(buf, tail);
	return buf;
}

static void
expect(const a2_record *r, int i, a2_authority au, a2_comments co, a2_status st, const char *ev)
{
	const a2_answer *a = &r->texts[i];
	if (a->authority != au || a->comments != co || a->status != st) {
		char *j = a2_record_to_json(r);
		fail_msg("text %d: got %s/%s/%s, want %s/%s/%s\n%s", i,
		    a2_authority_name(a->authority), a2_comments_name(a->comments), a2_status_name(a->status),
		    a2_authority_name(au), a2_comments_name(co), a2_status_name(st), j);
	}
	if (ev == NULL)
		assert_null(a->evidence);
	else {
		assert_non_null(a->evidence);
		assert_string_equal(a->evidence, ev);
	}
}

static void
t_all_assigns(void **state)
{
	a2_record r = read_spec(reply(-1, "", "", "", "", tail_signed));
	size_t i;
	(void)state;
	assert_int_equal(r.n_texts, 8);
	for (i = 0; i < 8; i++)
		expect(&r, (int)i, A2_AUTH_ASSIGNS, A2_COM_NONE, A2_ST_OK, "content-control");
	assert_string_equal(r.ms_iso3, "FRA");
	assert_string_equal(r.ms_source, "text");
	assert_string_equal(r.sig_name, "Jean Dupont");
	assert_string_equal(r.sig_title, "Directeur des affaires internationales");
	assert_string_equal(r.sig_date, "2024-08-15");
	assert_string_equal(r.sig_place, "Paris");
	assert_true(r.complete);
	assert_int_equal(r.n_problems, 0);
	a2_record_clear(&r);
}

static void
t_rules(void **state)
{
	static const struct {
		const char *ma, *mn, *mc, *mb;
		a2_authority au; a2_comments co; a2_status st; const char *ev; const char *problem;
	} cases[] = {
		/* one clear answer */
		{"{c0}", "{c0}", "{c0}", "{c1}", A2_AUTH_NOT, A2_COM_NULL, A2_ST_OK, "content-control", NULL},
		{"{c1}", "{c0}", "{c1}", "{c0}", A2_AUTH_ASSIGNS, A2_COM_ATTACHED, A2_ST_OK, "content-control", NULL},
		{"{f1}", "{f1}", "{f0}", "{f0}", A2_AUTH_ASSIGNS, A2_COM_NONE, A2_ST_OK, "form-field", NULL},
		{"{r1}", "{r0}", "{r1}", "{r0}", A2_AUTH_ASSIGNS, A2_COM_ATTACHED, A2_ST_OK, "form-control", NULL},
		/* nothing */
		{"{c0}", "{c0}", "{c0}", "{c0}", A2_AUTH_NULL, A2_COM_NULL, A2_ST_MISSING, NULL, "missing"},
		/* both boxes; an option with "does not assign" */
		{"{c1}", "{c1}", "{c0}", "{c1}", A2_AUTH_NULL, A2_COM_NULL, A2_ST_CONFLICT, NULL, "conflict"},
		{"{c0}", "{c1}", "{c0}", "{c1}", A2_AUTH_NULL, A2_COM_NULL, A2_ST_CONFLICT, NULL, "conflict"},
		/* an option without its box */
		{"{c0}", "{c0}", "{c1}", "{c0}", A2_AUTH_ASSIGNS, A2_COM_ATTACHED, A2_ST_INFERRED, "content-control", "inferred"},
		/* assigns without an option; both options */
		{"{c1}", "{c0}", "{c0}", "{c0}", A2_AUTH_ASSIGNS, A2_COM_NULL, A2_ST_OK, "content-control", "option-missing"},
		{"{c1}", "{c1}", "{c1}", "{c0}", A2_AUTH_ASSIGNS, A2_COM_NULL, A2_ST_OK, "content-control", "option-conflict"},
		/* unreadable controls, disagreeing glyph */
		{"{a}", "{a}", "{a}", "{a}", A2_AUTH_NULL, A2_COM_NULL, A2_ST_UNCLEAR, NULL, "unclear"},
		{"{d1}", "{c1}", "{c0}", "{c0}", A2_AUTH_NULL, A2_COM_NULL, A2_ST_UNCLEAR, NULL, "unclear"},
		/* glyphs and typed marks */
		{"☒", "☒", "☐", "☐", A2_AUTH_ASSIGNS, A2_COM_NONE, A2_ST_OK, "glyph", NULL},
		{"☐", "☐", "☐", "✔", A2_AUTH_NOT, A2_COM_NULL, A2_ST_OK, "glyph", NULL},
		{"X", "x", "", "", A2_AUTH_ASSIGNS, A2_COM_NONE, A2_ST_OK, "text", NULL},
		{"[X]", "[ ]", "[x]", "[ ]", A2_AUTH_ASSIGNS, A2_COM_ATTACHED, A2_ST_OK, "text", NULL},
		{"|_|", "⃝", "⃝", "|X|", A2_AUTH_NOT, A2_COM_NULL, A2_ST_OK, "text", NULL},
		{"{f1}", "☒", "⃝", "{f0}", A2_AUTH_ASSIGNS, A2_COM_NONE, A2_ST_OK, "form-field", NULL},
		/* a typed X over an unticked control: the person's mark counts */
		{"{c0} X", "{c0} X", "{c0}", "{c0}", A2_AUTH_ASSIGNS, A2_COM_NONE, A2_ST_OK, "text", NULL},
		/* highlighting alone */
		{"{c0}_", "_{c0}", "{c0}", "{c0}", A2_AUTH_NULL, A2_COM_NULL, A2_ST_UNCLEAR, NULL, "unclear"},
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a2_record r;
		char ma[64], mn[64];
		/* highlight cases: the _ opens before the label and closes at its end */
		snprintf(ma, sizeof(ma), "%s", cases[i].ma);
		snprintf(mn, sizeof(mn), "%s", cases[i].mn);
		if (strcmp(ma, "{c0}_") == 0) {
			char buf[16384];
			snprintf(buf, sizeof(buf), "%s", reply(3, "{c0}_", "{c0}", "{c0}", "{c0}", tail_signed));
			/* close the highlight at the end of the assigns label block */
			char *p = strstr(buf, "X.1354");
			p = strstr(p, "options):");
			memmove(p + 10, p + 9, strlen(p + 9) + 1);
			p[9] = '_';
			r = read_spec(buf);
		} else {
			r = read_spec(reply(3, ma, mn, cases[i].mc, cases[i].mb, tail_signed));
		}
		if (r.texts[3].authority != cases[i].au || r.texts[3].comments != cases[i].co ||
		    r.texts[3].status != cases[i].st)
			fail_msg("case %zu (%s|%s|%s|%s): got %s/%s/%s", i, cases[i].ma, cases[i].mn, cases[i].mc,
			    cases[i].mb, a2_authority_name(r.texts[3].authority),
			    a2_comments_name(r.texts[3].comments), a2_status_name(r.texts[3].status));
		expect(&r, 3, cases[i].au, cases[i].co, cases[i].st, cases[i].ev);
		if (cases[i].problem)
			assert_true(a2_record_has_problem(&r, cases[i].problem, "X.1354"));
		else
			assert_int_equal(r.n_problems, 0);
		/* the other texts are untouched */
		expect(&r, 2, A2_AUTH_ASSIGNS, A2_COM_NONE, A2_ST_OK, "content-control");
		expect(&r, 4, A2_AUTH_ASSIGNS, A2_COM_NONE, A2_ST_OK, "content-control");
		assert_int_equal(r.complete, cases[i].problem == NULL);
		a2_record_clear(&r);
	}
}

/* Where s first stands in reply buf after row (a text's identifier line). */
static char *
after(char *buf, const char *row, const char *s)
{
	char *p = strstr(buf, row);

	assert_non_null(p);
	p = strstr(p, s);
	assert_non_null(p);
	return p;
}

/* The block that begins at p taken out of its reply. */
static void
drop_block(char *p)
{
	char *q = strchr(p, '\v');

	assert_non_null(q);
	memmove(p, q + 1, strlen(q + 1) + 1);
}

static void
t_struck_and_deleted(void **state)
{
	char buf[16384];
	a2_record r;
	(void)state;

	/* "does not assign" struck through, no box ticked: inferred assigns */
	r = read_spec(reply(0, "{c0}", "{c1}", "{c0}", "{c0}~", tail_signed));
	/* the ~ opens before the label and never closes: the label is struck */
	expect(&r, 0, A2_AUTH_ASSIGNS, A2_COM_NONE, A2_ST_INFERRED, "content-control");
	a2_record_clear(&r);
	r = read_spec(reply(0, "{c0}", "{c0}", "~{c0}", "{c0}~", tail_signed));
	/* the attached option and the "does not assign" choice struck */
	expect(&r, 0, A2_AUTH_ASSIGNS, A2_COM_NONE, A2_ST_INFERRED, "struck");
	a2_record_clear(&r);

	/* the "does not assign" paragraph deleted */
	snprintf(buf, sizeof(buf), "%s", reply(1, "{c0}", "{c1}", "{c0}", "{c0}", tail_signed));
	drop_block(after(buf, "ITU-T X.1283 (X.gpwd)\v", "{c0} does not assign"));
	r = read_spec(buf);
	expect(&r, 1, A2_AUTH_ASSIGNS, A2_COM_NONE, A2_ST_INFERRED, "content-control");
	a2_record_clear(&r);

	snprintf(buf, sizeof(buf), "%s", reply(1, "{c0}", "{c0}", "{c0}", "{c0}", tail_signed));
	drop_block(after(buf, "ITU-T X.1283 (X.gpwd)\v", "{c0} does not assign"));
	r = read_spec(buf);
	expect(&r, 1, A2_AUTH_ASSIGNS, A2_COM_NULL, A2_ST_INFERRED, "deleted");
	assert_true(a2_record_has_problem(&r, "option-missing", "X.1283"));
	a2_record_clear(&r);

	/* "assigns" ticked, no option ticked, the other option struck: the
	 * option is decided only by the strike, so the text is inferred and
	 * the reply not complete (SPEC; issue 12) -- both ways round */
	r = read_spec(reply(2, "{c1}", "{c0}", "~{c0}", "{c0}~", tail_signed));
	expect(&r, 2, A2_AUTH_ASSIGNS, A2_COM_NONE, A2_ST_INFERRED, "content-control");
	assert_true(a2_record_has_problem(&r, "inferred", "X.1353"));
	assert_false(r.complete);
	a2_record_clear(&r);
	snprintf(buf, sizeof(buf), "%s", reply(3, "{c1}", "{c0}", "{c0}", "{c0}", tail_signed));
	drop_block(after(buf, "ITU-T X.1354 (X.sc-iot)\v", "{c0} No comments"));
	r = read_spec(buf);
	/* "No comments" deleted: read as attached, inferred */
	expect(&r, 3, A2_AUTH_ASSIGNS, A2_COM_ATTACHED, A2_ST_INFERRED, "content-control");
	assert_true(a2_record_has_problem(&r, "inferred", "X.1354"));
	assert_false(r.complete);
	a2_record_clear(&r);
}

/* A label whose words OCR ran together (a scan narrowed the space:
 * "Nocomments or suggested changes", seed 14's 14-itu-form page 3) is
 * still the label, its box the option's; a word that only ends with the
 * label's first word ("AnNo comments") is not: that option is missing, as
 * deleted, and the other one read by elimination. */
static void
t_joined_words(void **state)
{
	char buf[16384];
	a2_record r;
	char *p;
	(void)state;

	snprintf(buf, sizeof(buf), "%s", reply(3, "{c1}", "{c1}", "{c0}", "{c0}", tail_signed));
	p = after(buf, "ITU-T X.1354 (X.sc-iot)\v", "{c1} No comments");
	memmove(p + 7, p + 8, strlen(p + 8) + 1);   /* "{c1} Nocomments or ..." */
	r = read_spec(buf);
	expect(&r, 3, A2_AUTH_ASSIGNS, A2_COM_NONE, A2_ST_OK, "content-control");
	a2_record_clear(&r);

	snprintf(buf, sizeof(buf), "%s", reply(3, "{c1}", "{c1}", "{c0}", "{c0}", tail_signed));
	p = after(buf, "ITU-T X.1354 (X.sc-iot)\v", "{c1} No comments");
	memmove(p + 7, p + 5, strlen(p + 5) + 1);
	memcpy(p + 5, "An", 2);   /* "{c1} AnNo comments or ..." */
	r = read_spec(buf);
	expect(&r, 3, A2_AUTH_ASSIGNS, A2_COM_ATTACHED, A2_ST_INFERRED, "content-control");
	assert_true(a2_record_has_problem(&r, "inferred", "X.1354"));
	a2_record_clear(&r);
}

static void
t_text_missing(void **state)
{
	char buf[16384];
	a2_record r;
	char *p, *q;
	(void)state;

	/* the last text's rows removed entirely */
	snprintf(buf, sizeof(buf), "%s", reply(-1, "", "", "", "", tail_signed));
	p = strstr(buf, "Draft new Recommendation ITU-T X.1820");
	q = strstr(p, "Yours faithfully");
	memmove(p, q, strlen(q) + 1);
	r = read_spec(buf);
	expect(&r, 7, A2_AUTH_NULL, A2_COM_NULL, A2_ST_MISSING, NULL);
	assert_true(a2_record_has_problem(&r, "missing", "X.1820"));
	assert_false(r.complete);
	a2_record_clear(&r);
}

static void
t_sender(void **state)
{
	static const struct { const char *admin; const char *iso3; const char *problem; } cases[] = {
		{"Administration of France", "FRA", NULL},
		{"Administration of the Republic of Korea", "KOR", NULL},
		{"Administration of Niger", "NER", NULL},
		{"Administration of Nigeria", "NGA", NULL},
		{"Administration of Côte d’Ivoire", "CIV", NULL},
		{"Administration of Palestine", NULL, "non-member"},
		{"Administration of Atlantis", NULL, "unknown-sender"},
		{"Administration of [Member State]", NULL, "unknown-sender"},
		{"Administration of Palau", "PLW", "non-member"},
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char tail[512], buf[16384];
		a2_record r;
		char *p;
		snprintf(tail, sizeof(tail), "Yours faithfully,\vA. Person\vMinister\v%s\v", cases[i].admin);
		snprintf(buf, sizeof(buf), "%s", reply(-1, "", "", "", "", tail));
		/* drop the From block's Administration line */
		p = strstr(buf, "Administration of France\vDate:");
		memmove(p, p + strlen("Administration of France\v"), strlen(p + strlen("Administration of France\v")) + 1);
		r = read_spec(buf);
		if (cases[i].iso3) {
			assert_non_null(r.ms_iso3);
			assert_string_equal(r.ms_iso3, cases[i].iso3);
		} else {
			assert_null(r.ms_iso3);
		}
		if (cases[i].problem)
			assert_true(a2_record_has_problem(&r, cases[i].problem, NULL));
		else
			assert_int_equal(r.n_problems, 0);
		a2_record_clear(&r);
	}
}

static void
t_metadata_mismatch(void **state)
{
	a2_doc *d = build(reply(-1, "", "", "", "", tail_signed));
	a2_record r;
	(void)state;

	a2_record_init(&r);
	assert_int_equal(a2_doc_add_prop(d, A2_PROP_STATE, "FRA"), 0);
	assert_int_equal(a2_match_doc(reader, d, &r), 0);
	assert_string_equal(r.ms_source, "metadata");
	assert_true(r.complete);
	a2_record_clear(&r);
	a2_doc_free(d);

	d = build(reply(-1, "", "", "", "", tail_signed));
	assert_int_equal(a2_doc_add_prop(d, A2_PROP_STATE, "DEU"), 0);
	assert_int_equal(a2_match_doc(reader, d, &r), 0);
	assert_null(r.ms_iso3);
	assert_true(a2_record_has_problem(&r, "sender-mismatch", NULL));
	assert_false(r.complete);
	a2_record_clear(&r);
	a2_doc_free(d);
}

static void
t_signature_and_dates(void **state)
{
	static const struct { const char *date; const char *iso; const char *place; const char *problem; } cases[] = {
		{"Paris, 15 August 2024", "2024-08-15", "Paris", NULL},
		{"Genève, le 1er août 2024", "2024-08-01", "Genève", NULL},
		/* the words that introduce a date belong to the date (issue 12) */
		{"Kinshasa, le 19 août 2024", "2024-08-19", "Kinshasa", NULL},
		{"Madrid, el 20 de agosto de 2024", "2024-08-20", "Madrid", NULL},
		{"Bern, den 19.08.2024", "2024-08-19", "Bern", NULL},
		{"Berlin, am 19.08.2024", "2024-08-19", "Berlin", NULL},
		{"London, the 19 August 2024", "2024-08-19", "London", NULL},
		{"Le Havre, 19 août 2024", "2024-08-19", "Le Havre", NULL},
		{"Madrid, 20 de agosto de 2024", "2024-08-20", "Madrid", NULL},
		{"Ottawa, August 9, 2024", "2024-08-09", "Ottawa", NULL},
		{"Berlin, 2024-08-21", "2024-08-21", "Berlin", NULL},
		{"Rome, 19.08.2024", "2024-08-19", "Rome", NULL},
		{"Lima, 03/04/2024", NULL, "Lima", "ambiguous-date"},
		{"Tokyo, 25 August 2024", "2024-08-25", "Tokyo", "late"},
		{"[Place,] [Date]", NULL, NULL, "undated"},
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[16384], *p;
		a2_record r;
		snprintf(buf, sizeof(buf), "%s", reply(-1, "", "", "", "", tail_signed));
		p = strstr(buf, "Paris, 15 August 2024");
		{
			char rest[16384];
			snprintf(rest, sizeof(rest), "%s", p + strlen("Paris, 15 August 2024"));
			snprintf(p, sizeof(buf) - (size_t)(p - buf), "%s%s", cases[i].date, rest);
		}
		r = read_spec(buf);
		if (cases[i].iso) {
			assert_non_null(r.sig_date);
			assert_string_equal(r.sig_date, cases[i].iso);
		} else {
			assert_null(r.sig_date);
		}
		if (cases[i].place) {
			assert_non_null(r.sig_place);
			assert_string_equal(r.sig_place, cases[i].place);
		}
		if (cases[i].problem)
			assert_true(a2_record_has_problem(&r, cases[i].problem, NULL));
		else
			assert_int_equal(r.n_problems, 0);
		a2_record_clear(&r);
	}
}

static void
t_unsigned(void **state)
{
	a2_record r = read_spec(reply(-1, "", "", "", "",
	    "Yours faithfully,\v[Name]\v[Official role/title]\vAdministration of France\v"));
	(void)state;
	/* the From block still names Jean Dupont: signature falls back to it */
	a2_record_clear(&r);
	{
		char buf[16384], *p;
		snprintf(buf, sizeof(buf), "%s", reply(-1, "", "", "", "",
		    "Yours faithfully,\v[Name]\v[Official role/title]\vAdministration of France\v"));
		p = strstr(buf, "From:\vJean Dupont\vDirecteur\v");
		memcpy(p, "From:\v[Name]     \v[Title]  \v", strlen("From:\vJean Dupont\vDirecteur\v"));
		r = read_spec(buf);
		assert_null(r.sig_name);
		assert_true(a2_record_has_problem(&r, "unsigned", NULL));
		assert_false(r.complete);
		a2_record_clear(&r);
	}
}

/* A consultation whose <administration> holds the formal name
 * ("Administration of {formal}"): the reader finds the sender by the words
 * before it, as with {state}. */
static void
t_formal_admin(void **state)
{
	FILE *fp = fopen("forms/tsb-circular-195.xml", "rb");
	static char xml[262144];
	char *p, buf[16384];
	size_t n;
	a2_form *f;
	a2_reader *rd;
	a2_doc *d;
	a2_record r;
	a2_error err;
	const char *from = "<administration>Administration of {state}</administration>";
	const char *to = "<administration>Administration of {formal}</administration>";

	(void)state;
	if (fp == NULL)
		skip();
	n = fread(xml, 1, sizeof(xml) - 64, fp);
	fclose(fp);
	xml[n] = '\0';
	assert_non_null(p = strstr(xml, from));
	memmove(p + strlen(to), p + strlen(from), strlen(p + strlen(from)) + 1);
	memcpy(p, to, strlen(to));
	a2_error_clear(&err);
	assert_non_null(f = a2_form_load_mem(xml, strlen(xml), "formal.xml", &err));
	assert_non_null(rd = a2_reader_new(f, states, &err));
	snprintf(buf, sizeof(buf), "%s", reply(-1, "{c1}", "{c1}", "{c0}", "{c0}",
	    "Yours faithfully,\vJean Dupont\vDirecteur\vAdministration of the French Republic\v"));
	d = build(buf);
	a2_record_init(&r);
	assert_int_equal(a2_match_doc(rd, d, &r), 0);
	if (r.ms_iso3 == NULL || strcmp(r.ms_iso3, "FRA") != 0)
		fail_msg("sender %s, want FRA", r.ms_iso3 ? r.ms_iso3 : "null");
	a2_record_clear(&r);
	a2_doc_free(d);
	a2_reader_free(rd);
	a2_form_free(f);
}

/* Bytes that are not UTF-8 in a block (a front end passes them on) do not
 * disturb the patterns, which match the text without checking it again:
 * the reply reads as without them. */
static void
t_bad_utf8(void **state)
{
	char *spec = reply(-1, "{c1}", "{c1}", "{c0}", "{c0}", tail_signed);
	static char buf[20000];
	a2_record r;
	size_t i;

	(void)state;
	snprintf(buf, sizeof(buf), "caf\xc3\v\xff\xfe X.1237 \xe2\x98\v\xc3\xa9t\xc3\xa9 \xed\xa0\x80 \xf4\x90\x80\x80\v%s", spec);
	r = read_spec(buf);
	assert_false(r.is_error);
	for (i = 0; i < r.n_texts; i++)
		if (r.texts[i].status != A2_ST_OK)
			fail_msg("%s: %s, want ok", r.texts[i].rec, a2_status_name(r.texts[i].status));
	a2_record_clear(&r);
}

/* 20,000 lines that each match a label by meaning, after a text named: a
 * scan with as many matches costs what it scans, not the rest of the text
 * at every match (before: 4.4 s for 5,000 such lines, about 70 s for
 * these; now some 0.1 s). */
static void
t_many_meaning_lines(void **state)
{
	const char *line = "Aucun commentaire ni changement propos\xc3\xa9 et et et et et et et et et et\v";
	size_t n = 20000, i, len = strlen(line);
	char *spec = malloc(n * len + 100);
	a2_record r;
	clock_t t0;
	double cpu;

	(void)state;
	assert_non_null(spec);
	strcpy(spec, "Draft new Recommendation ITU-T X.1237 (X.tsfpp)\v");
	for (i = 0; i < n; i++)
		memcpy(spec + strlen("Draft new Recommendation ITU-T X.1237 (X.tsfpp)\v") + i * len, line, len + 1);
	t0 = clock();
	r = read_spec(spec);
	cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
	free(spec);
	assert_false(r.is_error);
	if (r.lang == NULL || strcmp(r.lang, "fr") != 0)
		fail_msg("lang %s, want fr (the lines read as French labels)", r.lang ? r.lang : "null");
	if (cpu > 5.0)
		fail_msg("%.1f s of CPU for 20,000 lines", cpu);
	a2_record_clear(&r);
}

/* The document's scanning budget (a2_pattern_match): each call spends the
 * bytes it scanned and A2_SCAN_CALL_COST; once it is spent no call is
 * made and the answer is a limit (-2), never "not found". */
static void
t_scan_budget(void **state)
{
	static char text[4097];
	a2_error err;
	pcre2_code *re;
	pcre2_match_data *md;
	size_t budget = 4096 + A2_SCAN_CALL_COST + 10, none = 0;

	(void)state;
	memset(text, 'a', 4096);
	a2_error_clear(&err);
	re = a2_pattern_compile("assigns", &err);
	assert_non_null(re);
	md = pcre2_match_data_create_from_pattern(re, NULL);
	assert_non_null(md);
	/* no budget: searched to the end, not found */
	assert_int_equal(a2_match_failure(a2_pattern_match(re, text, 4096, 0, md, NULL, NULL)), 0);
	/* the whole text scanned: 4096 + 64 spent, 10 left */
	assert_int_equal(a2_match_failure(a2_pattern_match(re, text, 4096, 0, md, NULL, &budget)), 0);
	assert_int_equal(budget, 10);
	/* 10 left: the next scan runs, spends it all */
	assert_int_equal(a2_match_failure(a2_pattern_match(re, text, 4096, 4000, md, NULL, &budget)), 0);
	assert_int_equal(budget, 0);
	/* nothing left: a limit, whatever the text */
	assert_int_equal(a2_match_failure(a2_pattern_match(re, text, 4096, 0, md, NULL, &budget)), -2);
	assert_int_equal(a2_match_failure(a2_pattern_match(re, text, 4096, 0, md, NULL, &none)), -2);
	/* a match spends up to its end only */
	memcpy(text + 100, "assigns", 7);
	budget = 1000;
	assert_true(a2_pattern_match(re, text, 4096, 0, md, NULL, &budget) > 0);
	assert_int_equal(budget, 1000 - 107 - A2_SCAN_CALL_COST);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
}

/* A reply's matching is far within the budget: the stream starts with
 * A2_SCAN_BUDGET and a whole reply spends under a thousandth of it. */
static void
t_scan_budget_reply(void **state)
{
	char *spec = reply(-1, "{c1}", "{c1}", "{c0}", "{c0}", tail_signed);
	a2_doc *d = build(spec);
	a2_stream s;
	a2_record r;
	a2_error err;
	a2_patterns *p;

	(void)state;
	a2_error_clear(&err);
	p = a2_patterns_new(form, &err);
	assert_non_null(p);
	assert_int_equal(a2_stream_build(&s, d), 0);
	assert_true(s.budget == &s.scan_left);
	assert_int_equal(s.scan_left, A2_SCAN_BUDGET);
	a2_record_init(&r);
	assert_int_equal(a2_match_answers(p, form, d, &s, &r), 0);
	assert_true(s.scan_left < A2_SCAN_BUDGET);
	assert_true(A2_SCAN_BUDGET - s.scan_left < A2_SCAN_BUDGET / 1000);
	a2_record_clear(&r);
	a2_stream_free(&s);
	a2_doc_free(d);
	a2_patterns_free(p);
}

/* The normaliser copies a stretch of characters that are their own normal
 * form without utf8proc (norm.c, stable_cp): never one that NFKC would
 * change.  Every character of the BMP, after starters and before the
 * characters that compose as a second or reorder (accents, kana voicing,
 * Hangul jamo, Tibetan, nukta): whenever a2_norm_text() gives the text
 * back as it was, utf8proc's NFKC must too; and the known compositions
 * are made.  Each text twice: the second time from what was remembered. */
static void
t_norm_stable(void **state)
{
	static const unsigned pre[] = {'x', 'e', 0x1100, 0xAC00, 0x0F40, 0x30AB, 0x0915};
	static const unsigned post[] = {0, 0x0301, 0x0308, 0x0327, 0x3099, 0x309A, 0x0FB7, 0x1161, 0x11A8,
	    0x093C, 0x0334, 0x05B4};
	static const struct { const char *in, *out; } known[] = {
		{"caf" "e\xCC\x81", "caf\xC3\xA9"},                  /* e + U+0301: é */
		{"\xEA\xB0\x80\xE1\x86\xA8", "\xEA\xB0\x81"},        /* 가 + U+11A8: 각 */
		{"\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80"},        /* U+1100 U+1161: 가 */
		{"\xE3\x82\xAB\xE3\x82\x99", "\xE3\x82\xAC"},        /* カ + U+3099: ガ */
		{"\xEF\xBD\x86ull \xEF\xAC\x81", "full fi"},       /* full-width, ligature */
		{"\xD9\xA3\xD9\x80", "3"},                          /* Arabic-Indic 3, tatweel */
		{"\xC3\xA9t\xC3\xA9 \xE2\x80\x90", "\xC3\xA9t\xC3\xA9 \xE2\x80\x90"},
	};
	a2_norm *n = a2_norm_new();
	a2_buf in = {0}, out = {0};
	unsigned c;
	size_t i, j, k, checked = 0, copied = 0;

	(void)state;
	assert_non_null(n);
	for (k = 0; k < 2; k++)
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
			out.len = 0;
			assert_int_equal(a2_norm_text(n, known[i].in, strlen(known[i].in), &out), 0);
			assert_int_equal(out.len, strlen(known[i].out));
			assert_memory_equal(out.data, known[i].out, out.len);
		}
	for (c = 0x80; c < 0x10000; c++) {
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		for (i = 0; i < sizeof(pre) / sizeof(pre[0]); i++)
			for (j = 0; j < sizeof(post) / sizeof(post[0]); j++) {
				utf8proc_uint8_t *ref = NULL;
				utf8proc_ssize_t m;
				if (i > 0 && j > 0)
					continue;
				in.len = 0;
				a2_buf_put_cp(&in, pre[i]);
				a2_buf_put_cp(&in, c);
				if (post[j])
					a2_buf_put_cp(&in, post[j]);
				a2_buf_putc(&in, 'y');
				assert_false(in.failed);
				for (k = 0; k < 2; k++) {
					out.len = 0;
					assert_int_equal(a2_norm_text(n, in.data, in.len, &out), 0);
					if (out.len != in.len || memcmp(out.data, in.data, in.len) != 0)
						continue;
					m = utf8proc_map((const utf8proc_uint8_t *)in.data, (utf8proc_ssize_t)in.len, &ref,
					    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_IGNORE);
					if (m != (utf8proc_ssize_t)in.len || memcmp(ref, in.data, in.len) != 0)
						fail_msg("U+%04X after U+%04X before U+%04X: copied, but not its NFKC", c, pre[i],
						    post[j]);
					free(ref);
					ref = NULL;
					copied++;
				}
				checked++;
			}
	}
	assert_true(checked > 1000000);
	assert_true(copied > 100000);
	a2_buf_free(&in);
	a2_buf_free(&out);
	a2_norm_free(n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_all_assigns),
		cmocka_unit_test(t_rules),
		cmocka_unit_test(t_struck_and_deleted),
		cmocka_unit_test(t_joined_words),
		cmocka_unit_test(t_text_missing),
		cmocka_unit_test(t_sender),
		cmocka_unit_test(t_metadata_mismatch),
		cmocka_unit_test(t_signature_and_dates),
		cmocka_unit_test(t_unsigned),
		cmocka_unit_test(t_formal_admin),
		cmocka_unit_test(t_bad_utf8),
		cmocka_unit_test(t_many_meaning_lines),
		cmocka_unit_test(t_scan_budget),
		cmocka_unit_test(t_scan_budget_reply),
		cmocka_unit_test(t_norm_stable),
	};
	return cmocka_run_group_tests_name("match", tests, t_world_setup, t_world_teardown);
}
