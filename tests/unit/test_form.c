/* tests/unit/test_form.c -- the consultation model and the Member States. */
#include "testutil.h"

static void
t_builtin(void **state)
{
	a2_error err;
	a2_form *f = a2_form_load(NULL, &err);
	(void)state;

	assert_non_null(f);
	assert_string_equal(f->id, "tsb-circular-195");
	assert_string_equal(f->circular, "195");
	assert_string_equal(f->date, "2024-04-23");
	assert_string_equal(f->sg, "SG17");
	assert_string_equal(f->meeting_place, "Geneva");
	assert_string_equal(f->meeting_start, "2024-09-02");
	assert_string_equal(f->meeting_end, "2024-09-06");
	assert_string_equal(f->deadline, "2024-08-21T23:59:00Z");
	assert_true(f->threshold > 0.699 && f->threshold < 0.701);
	assert_int_equal(f->n_texts, 8);
	assert_string_equal(f->texts[0].rec, "X.1237");
	assert_string_equal(f->texts[0].alias, "X.tsfpp");
	assert_string_equal(f->texts[7].rec, "X.1820");
	assert_string_equal(f->texts[7].alias, "X.5Gsec-srocvs");
	assert_string_equal(f->texts[3].title, "Security controls for IoT systems");
	assert_int_equal(f->n_to, 5);
	assert_string_equal(f->email, "tsbdir@itu.int");
	assert_string_equal(a2_form_wording(f, NULL)->lang, "en");
	assert_string_equal(a2_form_wording(f, "xx")->lang, "en");
	{
		char *s = a2_form_expand(f, a2_form_wording(f, NULL)->w[A2_W_SUBJECT_TEXTS], NULL, NULL);
		assert_string_equal(s, "Consultation on Determined draft new Recommendations ITU\u2011T X.1237 (X.tsfpp), "
		    "X.1283 (X.gpwd), X.1353 (X.ztd-iot), X.1354 (X.sc-iot), X.1384 (X.itssec-5), "
		    "X.1471 (X.websec-7), X.1819 (X.5Gsec-netec), X.1820 (X.5Gsec-srocvs)");
		free(s);
		s = a2_form_expand(f, "{sg} {rec} {alias} {state} {unknown}", &f->texts[1], "Niger");
		assert_string_equal(s, "SG17 X.1283 X.gpwd Niger {unknown}");
		free(s);
	}
	a2_form_free(f);
	a2_form_free(NULL);
}

static void
t_made_up(void **state)
{
	a2_error err;
	a2_form *f = a2_form_load("tests/data/forms/sg5-made-up.xml", &err);
	(void)state;

	if (f == NULL)
		fail_msg("%s:%d: %s", err.file, err.line, err.message);
	assert_string_equal(f->sg, "SG5");
	assert_int_equal(f->n_texts, 3);
	assert_string_equal(f->texts[1].kind, "revised");
	assert_string_equal(f->texts[2].rec, "L.1470.1");
	assert_int_equal(f->n_wordings, 2);
	assert_string_equal(a2_form_wording(f, "fr")->lang, "fr");
	assert_string_equal(a2_form_wording(f, "fr")->w[A2_W_ADMINISTRATION], "Administration de {state}");
	a2_form_free(f);
}

/* The mail wording: one per language of the forms, marked as the form's
 * wording is; a2_form_fill puts values in once. */
static void
t_mail_wordings(void **state)
{
	static const char *const langs[] = {"ar", "zh", "en", "fr", "ru", "es"};
	a2_error err;
	a2_form *f;
	size_t i;
	char *s;
	(void)state;

	a2_error_clear(&err);
	f = a2_form_load(NULL, &err);
	assert_non_null(f);
	assert_int_equal(f->n_mails, 6);
	for (i = 0; i < 6; i++) {
		const a2_mail_wording *m = a2_form_mail_wording(f, langs[i]);
		assert_string_equal(m->lang, langs[i]);
		assert_int_equal(m->unofficial, strcmp(langs[i], "en") != 0);
		assert_int_equal(a2_form_wording(f, langs[i])->unofficial, m->unofficial);
		assert_true(strstr(m->reminder_body, "{missing}") != NULL);
		assert_true(strstr(m->deadline_format, "{y}") != NULL);
		assert_true(strstr(m->reply_incomplete, "{why}") != NULL);
		/* a name of a month where the format writes one (not Chinese) */
		assert_int_equal(m->months[11] != NULL, strstr(m->deadline_format, "{month}") != NULL);
	}
	assert_string_equal(a2_form_mail_wording(f, "fr")->months[7], "ao\xC3\xBBt");
	assert_string_equal(a2_form_mail_wording(f, "ru")->months[7], "\xD0\xB0\xD0\xB2\xD0\xB3\xD1\x83\xD1\x81\xD1\x82\xD0\xB0");
	assert_string_equal(a2_form_mail_wording(f, "de")->lang, "en");
	{
		const char *kv[] = {"{date}", "{why}", "{why}", "x", "{empty}", NULL};
		s = a2_form_fill("a {date} b {why} {other} {empty}{", kv, 3);
		assert_string_equal(s, "a {why} b x {other} {");
		free(s);
	}
	a2_form_free(f);
}

/* Broken definitions: each gives a clear error with the line. */
static void
t_bad(void **state)
{
	static const struct { const char *from, *to; a2_code code; int line; const char *says; } cases[] = {
		{"<threshold>0.70</threshold>", "<threshold>1.70</threshold>", A2_ERR_SCHEMA, 10, "threshold"},
		{"<threshold>0.70</threshold>", "<threshold>seventy</threshold>", A2_ERR_SCHEMA, 10, "threshold"},
		{"rec=\"X.1283\"", "rec=\"X1283\"", A2_ERR_SCHEMA, 0, "<text>"},
		{"<deadline>2024-08-21T23:59:00Z</deadline>", "<deadline>21 August</deadline>", A2_ERR_SCHEMA, 9, "deadline"},
		{"<closing>Yours faithfully,</closing>", "", A2_ERR_SCHEMA, 0, "wording"},
		{"</consultation>", "", A2_ERR_XML, 0, ""},
		{"xml:lang=\"en\"", "xml:lang=\"fr\"", A2_ERR_SCHEMA, 0, "English"},
		/* the mail wording: one for every language of the forms, each
		 * with every piece, twelve month names when it writes {month} */
		{"<mail xml:lang=\"fr\"", "<mail xml:lang=\"de\"", A2_ERR_SCHEMA, 152, "<mail xml:lang=\"fr\">"},
		{"<no-reply>Nous n'avons pas encore re\xC3\xA7u votre r\xC3\xA9ponse.</no-reply>", "", A2_ERR_SCHEMA, 0, "mail"},
		{"months=\"janvier f\xC3\xA9vrier ", "months=\"janvier ", A2_ERR_SCHEMA, 356, "12 month names"},
		{"months=\"janvier f\xC3\xA9vrier mars avril mai juin juillet ao\xC3\xBBt septembre octobre novembre d\xC3\xA9" "cembre\"",
		 "", A2_ERR_SCHEMA, 356, "12 month names"},
	};
	unsigned char *orig;
	size_t len, i;
	(void)state;

	orig = t_slurp("forms/tsb-circular-195.xml", &len);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = calloc(1, len + 200), *p;
		a2_error err;
		a2_form *f;
		memcpy(s, orig, len);
		p = strstr(s, cases[i].from);
		assert_non_null(p);
		memmove(p + strlen(cases[i].to), p + strlen(cases[i].from), strlen(p + strlen(cases[i].from)) + 1);
		memcpy(p, cases[i].to, strlen(cases[i].to));
		a2_error_clear(&err);
		f = a2_form_load_mem(s, strlen(s), "bad.xml", &err);
		assert_null(f);
		if (err.code != cases[i].code)
			fail_msg("case %zu: code %s (%s)", i, a2_code_name(err.code), err.message);
		assert_string_equal(err.file, "bad.xml");
		if (cases[i].line)
			assert_int_equal(err.line, cases[i].line);
		assert_true(err.message[0] != '\0');
		if (cases[i].says[0] && strstr(err.message, cases[i].says) == NULL)
			fail_msg("case %zu: \"%s\" does not mention %s", i, err.message, cases[i].says);
		free(s);
	}
	free(orig);
	{
		a2_error err;
		assert_null(a2_form_load("tests/data/forms/no-such-file.xml", &err));
		assert_int_equal(err.code, A2_ERR_IO);
	}
}

static void
t_states(void **state)
{
	a2_error err;
	a2_states *s = a2_states_load(NULL, NULL, &err);
	static const struct { const char *name, *iso3; } ok[] = {
		{"France", "FRA"}, {"france", "FRA"}, {"FRANCE", "FRA"}, {"the French Republic", "FRA"},
		{"Niger", "NER"}, {"Nigeria", "NGA"}, {"Guinea", "GIN"}, {"Equatorial Guinea", "GNQ"},
		{"Korea (Rep. of)", "KOR"}, {"Republic of Korea", "KOR"}, {"South Korea", "KOR"},
		{"Côte d'Ivoire", "CIV"}, {"Cote d’Ivoire", "CIV"}, {"Ivory Coast", "CIV"},
		{"Türkiye", "TUR"}, {"Turkey", "TUR"}, {"Holy See", "VAT"}, {"UK", "GBR"},
		{"Palestine", "PSE"}, {"Hong Kong, China", "HKG"}, {"Россия", NULL},
		{"Niger Delta", NULL}, {"Guinea-Bissau", "GNB"}, {"", NULL}, {"Republic", NULL},
	};
	size_t i;
	(void)state;

	assert_non_null(s);
	assert_int_equal(s->n_members, 194);
	assert_true(s->n > s->n_members);
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		const a2_state *st = a2_states_match(s, ok[i].name);
		if (ok[i].iso3 == NULL) {
			if (st != NULL && strcmp(ok[i].name, "Россия") != 0)
				fail_msg("\"%s\" matched %s", ok[i].name, st->iso3);
			continue;
		}
		if (st == NULL)
			fail_msg("\"%s\" matched nothing", ok[i].name);
		assert_string_equal(st->iso3, ok[i].iso3);
	}
	assert_false(a2_states_match(s, "Palestine")->member);
	assert_true(a2_state_member_on(a2_states_by_iso3(s, "FRA"), "2024-04-23"));
	assert_false(a2_state_member_on(a2_states_by_iso3(s, "PLW"), "2024-04-23"));
	assert_true(a2_state_member_on(a2_states_by_iso3(s, "PLW"), "2024-09-19"));
	{
		size_t n = 0;
		for (i = 0; i < s->n_members; i++)
			n += a2_state_member_on(&s->v[i], "2024-04-23");
		assert_int_equal(n, 193);
	}
	{
		char *f = a2_fold("  Côte  d’Ivoire (Rép.) ");
		assert_string_equal(f, "cote divoire rep");
		free(f);
	}
	a2_states_free(s);
}

/* The first state in table order with a name folding to f: what the
 * sorted index of a2_states_find() must give. */
static const a2_state *
linear_find(const a2_states *s, const char *f)
{
	size_t i, j;

	for (i = 0; i < s->n; i++)
		for (j = 0; j < s->v[i].n_names; j++)
			if (strcmp(s->v[i].folded[j], f) == 0 ||
			    (strncmp(f, "the ", 4) == 0 && strcmp(s->v[i].folded[j], f + 4) == 0))
				return &s->v[i];
	return NULL;
}

static void
t_states_index(void **state)
{
	a2_error err;
	a2_states *s = a2_states_load(NULL, NULL, &err);
	size_t i, j, k, checked = 0;
	static const char *const pre[] = {"", "the ", "The ", "the the ", "x "};
	(void)state;

	assert_non_null(s);
	for (i = 0; i < s->n; i++)
		for (j = 0; j < s->v[i].n_names; j++)
			for (k = 0; k < sizeof(pre) / sizeof(pre[0]); k++) {
				char buf[512];
				const a2_state *got, *want;
				char *f;
				snprintf(buf, sizeof(buf), "%s%s", pre[k], s->v[i].names[j]);
				assert_int_equal(a2_states_find(s, buf, &got), 0);
				f = a2_fold(buf);
				assert_non_null(f);
				want = linear_find(s, f);
				free(f);
				if (got != want)
					fail_msg("\"%s\": %s, a linear search gives %s", buf, got ? got->iso3 : "none",
					    want ? want->iso3 : "none");
				checked++;
			}
	assert_true(checked > 1000);
	a2_states_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_builtin),
		cmocka_unit_test(t_made_up),
		cmocka_unit_test(t_bad),
		cmocka_unit_test(t_mail_wordings),
		cmocka_unit_test(t_states),
		cmocka_unit_test(t_states_index),
	};
	return cmocka_run_group_tests_name("form", tests, NULL, NULL);
}
