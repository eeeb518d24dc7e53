/* tests/unit/test_lang.c -- replies in the six ITU languages (issue 15).
 *
 * Replies are built in the reply model (as test_match.c does), in each
 * language twice: with the consultation's own wording (forms/tsb-circular-
 * 195.xml), and with a second translation written independently for this
 * test, as if it were another edition of the form (other verbs, other word
 * order, other words for comments).  Every reply carries the four kinds of
 * vote (assigns + no comments, assigns + comments attached, does not assign,
 * nothing marked), the negation traps, the Administration's name in the form
 * its grammar gives it, and a date written the language's way.  Then names
 * and dates alone, per language. */
#include "testutil.h"
#include "read/match/dates.h"
#include "read/match/norm.h"

#define form (t_world_get()->form)
#define states (t_world_get()->states)
#define reader (t_world_get()->reader)

/* One edition of the table: the label of a text ("%1$s" rec, "%2$s"
 * alias) and its four choices. */
typedef struct edition {
	const char *lang;
	const char *text_label, *assigns, *none, *attached, *not_assign;
	const char *from, *date_label, *closing;
} edition;

/* The second translations: written for this test, not from the form. */
static const edition second[] = {
	{"fr", "Projet de nouvelle Recommandation UIT-T %s (%s)",
	 "donne mandat à la Commission d'études 17 pour examiner ce texte aux fins d'approbation (en pareil cas, cocher une des options ci-dessous):",
	 "Aucune observation ni proposition de modification",
	 "Observations et propositions de modification jointes",
	 "ne donne pas mandat à la Commission d'études 17 pour examiner ce texte aux fins d'approbation (les motifs sont exposés en annexe)",
	 "Expéditeur:", "Date:", "Je vous prie d'agréer, Madame, Monsieur, l'expression de ma considération distinguée."},
	{"es", "Proyecto de nueva Recomendación UIT-T %s (%s)",
	 "faculta a la Comisión de Estudio 17 para que examine este texto con vistas a su aprobación (en tal caso, marque una de las dos opciones):",
	 "No hay comentarios ni modificaciones propuestas",
	 "Se acompañan comentarios y modificaciones propuestas",
	 "no faculta a la Comisión de Estudio 17 para que examine este texto con vistas a su aprobación (se exponen los motivos en anexo)",
	 "De:", "Fecha:", "Le saluda atentamente,"},
	{"ru", "Проект новой Рекомендации МСЭ-Т %s (%s)",
	 "уполномочивает 17-ю Исследовательскую комиссию рассмотреть данный текст с целью его утверждения (в этом случае отметьте один из вариантов):",
	 "Замечаний и предложений по изменению нет",
	 "Замечания и предлагаемые изменения приложены",
	 "не уполномочивает 17-ю Исследовательскую комиссию рассмотреть данный текст с целью его утверждения (причины изложены в приложении)",
	 "От:", "Дата:", "С глубоким уважением,"},
	{"ar", "مشروع توصية جديدة لقطاع تقييس الاتصالات %s (%s)",
	 "تمنح لجنة الدراسات 17 صلاحية النظر في هذا النص بهدف إقراره (وفي هذه الحالة، يُختار أحد الخيارين):",
	 "ليست هناك تعليقات أو تعديلات مقترحة",
	 "مرفق طيه تعليقات وتعديلات مقترحة",
	 "لا تمنح لجنة الدراسات 17 صلاحية النظر في هذا النص بهدف إقراره (ترد الأسباب في المرفق)",
	 "من:", "التاريخ:", "مع فائق الاحترام،"},
	{"zh", "ITU-T %s（%s）新建议草案",
	 "授予第17研究组审议该案文以供批准的权力（如是，请选择以下选项之一）：",
	 "没有意见或修改建议",
	 "随附意见和修改建议",
	 "不授予第17研究组审议该案文以供批准的权力（随附理由）",
	 "发件人：", "日期：", "此致敬礼！"},
};

/* A third wording of each language, written blind (before the reader was
 * run on it) as another published edition might word the form: other verbs
 * ("donne pouvoir", "confía ... el examen", "дает согласие", "توافق على",
 * "同意", "agrees that"), other word order, other words for comments and
 * attached.  Its figures on the first run are in the commit that added it. */
static const edition third[] = {
	{"fr", "Projet de nouvelle Recommandation UIT-T %s (%s)",
	 "donne pouvoir à la Commission d'études 17 d'examiner ce texte en vue de son approbation (le cas échéant, indiquer l'une des deux options):",
	 "Aucun commentaire ni changement proposé",
	 "Commentaires et changements proposés ci-annexés",
	 "ne donne pas pouvoir à la Commission d'études 17 d'examiner ce texte en vue de son approbation (les raisons et les changements qui permettraient d'avancer figurent en annexe)",
	 "De:", "Date:", "Veuillez agréer, Monsieur, Madame, l'expression de ma considération distinguée."},
	{"es", "Nuevo proyecto de Recomendación UIT-T %s (%s)",
	 "Esta Administración confía a la Comisión de Estudio 17 el examen del texto para su aprobación (en tal caso, indíquese una de las dos opciones):",
	 "Sin observaciones ni cambios propuestos",
	 "Observaciones y cambios propuestos: véase el anexo",
	 "Esta Administración no confía a la Comisión de Estudio 17 el examen del texto para su aprobación (se anexan las razones y un resumen de los cambios que permitirían avanzar)",
	 "Remitente:", "Fecha:", "Le saluda atentamente,"},
	{"ru", "Проект новой Рекомендации МСЭ-Т %s (%s)",
	 "дает согласие на рассмотрение 17-й Исследовательской комиссией данного текста с целью утверждения (в таком случае следует выбрать один из двух вариантов):",
	 "Без замечаний и предложений об изменениях",
	 "Замечания и предложения об изменениях — в приложении",
	 "не дает согласия на рассмотрение 17-й Исследовательской комиссией данного текста с целью утверждения (причины и возможные изменения, позволяющие продолжить работу, прилагаются)",
	 "Отправитель:", "Дата:", "С уважением,"},
	{"ar", "مشروع التوصية الجديدة ITU-T %s (%s)",
	 "توافق على أن تنظر لجنة الدراسات 17 في هذا النص للموافقة عليه (وفي هذه الحالة يُرجى اختيار أحد الخيارين):",
	 "بلا تعليقات أو تغييرات مقترحة",
	 "التعليقات والتغييرات المقترحة واردة في الملحق",
	 "لا توافق على أن تنظر لجنة الدراسات 17 في هذا النص للموافقة عليه (ترد في الملحق الأسباب والتغييرات الممكنة التي تتيح المضي في العمل)",
	 "المرسل:", "التاريخ:", "وتفضلوا بقبول فائق الاحترام،"},
	{"zh", "ITU-T %s（%s）新建议草案",
	 "同意由第17研究组审议该文本并予以批准（如同意，请从以下两项中选择一项）：",
	 "没有评论或修改意见",
	 "评论和修改意见见附件",
	 "不同意由第17研究组审议该文本并予以批准（理由及可推动工作的修改建议见附件）",
	 "发文单位：", "日期：", "顺致敬意。"},
	{"en", "Draft new Recommendation ITU-T %s (%s)",
	 "agrees that ITU-T Study Group 17 may consider this text for approval (in which case select one of the two options):",
	 "No comments and no proposed changes",
	 "Comments and proposed changes attached",
	 "does not agree that ITU-T Study Group 17 may consider this text for approval (reasons and an outline of possible changes are attached)",
	 "From:", "Date:", "Yours sincerely,"},
};

/* The signature block, the Administration and the date of each language:
 * the name as grammar gives it, and a date written the language's way. */
static const struct {
	const char *lang, *admin, *iso3, *place_date, *date;
} senders[] = {
	{"en", "Administration of the United Kingdom of Great Britain and Northern Ireland", "GBR", "London, 09.08.2024", "2024-08-09"},
	{"fr", "Administration du Sénégal", "SEN", "Dakar, le 20/08/2024", "2024-08-20"},
	{"es", "Administración de la Argentina", "ARG", "Buenos Aires, 9 de agosto de 2024", "2024-08-09"},
	{"ru", "Администрация Кыргызстана", "KGZ", "Бишкек, 9 августа 2024 г.", "2024-08-09"},
	{"ar", "إدارة مِصْر", "EGY", "القاهرة، ٩ أغسطس ٢٠٢٤", "2024-08-09"},
	{"zh", "中国主管部门", "CHN", "北京，2024年8月9日", "2024-08-09"},
};

static void
append(a2_doc *d, a2_block *b, const char *spec)
{
	const char *p = spec;

	while (*p) {
		if (*p == '{') {
			a2_mark m;
			memset(&m, 0, sizeof(m));
			m.offset = b->len;
			m.kind = A2_MK_CONTENT_CONTROL;
			m.state = p[2] == '1' ? A2_ON : A2_OFF;
			assert_int_equal(a2_block_add_mark(d, b, &m), 0);
			p = strchr(p, '}') + 1;
		} else {
			size_t n = strcspn(p, "{");
			assert_int_equal(a2_block_append(b, p, n, 0), 0);
			p += n;
		}
	}
}

static a2_record
read_spec(const char *spec)
{
	a2_doc *d = a2_doc_new(A2_FMT_DOCX);
	char *copy = strdup(spec), *tok, *save = NULL;
	a2_pos pos;
	a2_record r;

	memset(&pos, 0, sizeof(pos));
	assert_non_null(d);
	for (tok = strtok_r(copy, "\v", &save); tok; tok = strtok_r(NULL, "\v", &save)) {
		a2_block *b = a2_doc_add_block(d, pos, -1, -1, -1, 0);
		assert_non_null(b);
		append(d, b, tok);
	}
	free(copy);
	assert_true(a2_doc_check(d));
	a2_record_init(&r);
	assert_int_equal(a2_match_doc(reader, d, &r), 0);
	a2_doc_free(d);
	return r;
}

/* The marks of text i: 0 assigns + none, 1 assigns + attached, 2 does not
 * assign, 3 nothing, then again. */
static const char *const marks[4][4] = {
	{"{c1}", "{c1}", "{c0}", "{c0}"},
	{"{c1}", "{c0}", "{c1}", "{c0}"},
	{"{c0}", "{c0}", "{c0}", "{c1}"},
	{"{c0}", "{c0}", "{c0}", "{c0}"},
};

static void
put(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + strlen(buf), cap - strlen(buf), fmt, ap);
	va_end(ap);
}

/* A whole reply in edition e, from the Administration admin. */
static void
make_reply_from(char *buf, size_t cap, const edition *e, const char *admin, const char *place_date)
{
	size_t i;

	buf[0] = '\0';
	put(buf, cap, "%s\vJohn Doe\vDirector\v%s\v%s\v%s\v", e->from, admin, e->date_label, place_date);
	for (i = 0; i < form->n_texts; i++) {
		const char *const *m = marks[i % 4];
		put(buf, cap, e->text_label, form->texts[i].rec, form->texts[i].alias);
		put(buf, cap, "\v%s\t%s\v%s\t%s\v%s\t%s\v%s\t%s\v", m[0], e->assigns, m[1], e->none,
		    m[2], e->attached, m[3], e->not_assign);
	}
	put(buf, cap, "%s\vJohn Doe\vDirector\v%s\v", e->closing, admin);
	assert_true(strlen(buf) + 1 < cap);
}

/* A whole reply in edition e, from sender s. */
static void
make_reply(char *buf, size_t cap, const edition *e, size_t s)
{
	make_reply_from(buf, cap, e, senders[s].admin, senders[s].place_date);
}

static void
check_reply(const a2_record *r, const char *lang, size_t s)
{
	size_t i;
	char *j = a2_record_to_json(r);

	for (i = 0; i < r->n_texts; i++) {
		const a2_answer *a = &r->texts[i];
		a2_authority au = (i % 4 == 0 || i % 4 == 1) ? A2_AUTH_ASSIGNS : i % 4 == 2 ? A2_AUTH_NOT : A2_AUTH_NULL;
		a2_comments co = i % 4 == 0 ? A2_COM_NONE : i % 4 == 1 ? A2_COM_ATTACHED : A2_COM_NULL;
		a2_status st = i % 4 == 3 ? A2_ST_MISSING : A2_ST_OK;
		if (a->authority != au || a->comments != co || a->status != st)
			fail_msg("%s: text %zu: got %s/%s/%s\n%s", lang, i, a2_authority_name(a->authority),
			    a2_comments_name(a->comments), a2_status_name(a->status), j);
	}
	if (r->lang == NULL || strcmp(r->lang, lang) != 0)
		fail_msg("%s: lang %s\n%s", lang, r->lang ? r->lang : "null", j);
	if (r->ms_iso3 == NULL || strcmp(r->ms_iso3, senders[s].iso3) != 0)
		fail_msg("%s: sender %s, want %s\n%s", lang, r->ms_iso3 ? r->ms_iso3 : "null", senders[s].iso3, j);
	if (r->sig_date == NULL || strcmp(r->sig_date, senders[s].date) != 0)
		fail_msg("%s: date %s, want %s\n%s", lang, r->sig_date ? r->sig_date : "null", senders[s].date, j);
	free(j);
}

static size_t
sender_of(const char *lang)
{
	size_t s;

	for (s = 0; s < sizeof(senders) / sizeof(senders[0]); s++)
		if (strcmp(senders[s].lang, lang) == 0)
			return s;
	fail_msg("no sender for %s", lang);
	return 0;
}

/* The edition of the consultation's own wording in lang: w[] holds the
 * expanded pieces (the caller frees them with free_words()). */
static edition
own_edition(const char *lang, char *w[A2_W__COUNT])
{
	const a2_wording *wd = a2_form_wording(form, lang);
	size_t k;

	for (k = 0; k < A2_W__COUNT; k++)
		assert_non_null(w[k] = a2_form_expand(form, wd->w[k], NULL, "X"));
	/* the text label with its rec/alias as printf arguments */
	free(w[A2_W_TEXT_NEW]);
	assert_non_null(w[A2_W_TEXT_NEW] = a2_form_expand(form, wd->w[A2_W_TEXT_NEW],
	    &(a2_text){"%s", "%s", "new", ""}, "X"));
	return (edition){wd->lang, w[A2_W_TEXT_NEW], w[A2_W_ASSIGNS], w[A2_W_OPTION_NONE],
	    w[A2_W_OPTION_ATTACHED], w[A2_W_NOT_ASSIGN], w[A2_W_FROM], w[A2_W_DATE], w[A2_W_CLOSING]};
}

static void
free_words(char *w[A2_W__COUNT])
{
	size_t k;

	for (k = 0; k < A2_W__COUNT; k++)
		free(w[k]);
}

/* The consultation's own wording, in each of its languages. */
static void
t_own_wording(void **state)
{
	static char buf[32768];
	char *w[A2_W__COUNT];
	size_t l;

	(void)state;
	assert_int_equal(form->n_wordings, 6);
	for (l = 0; l < form->n_wordings; l++) {
		const char *lang = form->wordings[l].lang;
		edition e = own_edition(lang, w);
		a2_record r;
		make_reply(buf, sizeof(buf), &e, sender_of(lang));
		r = read_spec(buf);
		check_reply(&r, lang, sender_of(lang));
		a2_record_clear(&r);
		free_words(w);
	}
}

/* Another edition of each language, written independently. */
static void
t_second_translation(void **state)
{
	static char buf[32768];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(second) / sizeof(second[0]); i++) {
		a2_record r;
		make_reply(buf, sizeof(buf), &second[i], sender_of(second[i].lang));
		r = read_spec(buf);
		check_reply(&r, second[i].lang, sender_of(second[i].lang));
		a2_record_clear(&r);
	}
}

/* The third wording, read as it comes: the figures per language (texts
 * right, right but only inferred, unread, wrong) are printed.  Asserted:
 * never a wrong answer (another authority or option than the one ticked),
 * and no fewer texts read than on the first run (18 right, 18 inferred, 12
 * unread, 0 wrong of 48: the boxes' own sentences are not recognised in
 * five languages, see README "Six languages"). */
static void
t_third_translation(void **state)
{
	static char buf[32768];
	size_t i, t, right = 0, inferred = 0, unread = 0, wrong = 0;
	char msg[4096] = "";

	(void)state;
	for (i = 0; i < sizeof(third) / sizeof(third[0]); i++) {
		a2_record r;
		size_t ri = 0, in = 0, un = 0, wr = 0;
		make_reply(buf, sizeof(buf), &third[i], sender_of(third[i].lang));
		r = read_spec(buf);
		for (t = 0; t < r.n_texts; t++) {
			const a2_answer *a = &r.texts[t];
			a2_authority au = (t % 4 == 0 || t % 4 == 1) ? A2_AUTH_ASSIGNS : t % 4 == 2 ? A2_AUTH_NOT : A2_AUTH_NULL;
			a2_comments co = t % 4 == 0 ? A2_COM_NONE : t % 4 == 1 ? A2_COM_ATTACHED : A2_COM_NULL;
			a2_status st = t % 4 == 3 ? A2_ST_MISSING : A2_ST_OK;
			int answered = a->status == A2_ST_OK || a->status == A2_ST_INFERRED;
			if (a->authority == au && a->comments == co && a->status == st)
				ri++;
			else if (answered && a->authority == au && a->comments == co)
				in++;
			else if (!answered)
				un++;
			else
				wr++;
		}
		if (getenv("A2_DEBUG_THIRD")) {
			char *j = a2_record_to_json(&r);
			fprintf(stderr, "%s\n", j);
			free(j);
		}
		/* the signature block, its closing phrase worded otherwise
		 * ("顺致敬意。"): the two lines above "Administration of X" */
		if (r.sig_name == NULL || strcmp(r.sig_name, "John Doe") != 0 || r.sig_title == NULL ||
		    strcmp(r.sig_title, "Director") != 0)
			fail_msg("third wording %s: signatory %s / %s", third[i].lang, r.sig_name ? r.sig_name : "null",
			    r.sig_title ? r.sig_title : "null");
		/* the place without the comma after it, in any script ("القاهرة،") */
		if (r.sig_place == NULL || r.sig_place[0] == '\0' || strchr(",\xD8", r.sig_place[strlen(r.sig_place) - 1]) != NULL ||
		    strstr(r.sig_place, "\xD8\x8C") != NULL)
			fail_msg("third wording %s: place \"%s\"", third[i].lang, r.sig_place ? r.sig_place : "null");
		snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg), " %s %zu/%zu/%zu/%zu (lang %s%s)", third[i].lang,
		    ri, in, un, wr, r.lang ? r.lang : "null", r.ms_iso3 ? "" : ", no sender");
		right += ri;
		inferred += in;
		unread += un;
		wrong += wr;
		a2_record_clear(&r);
	}
	print_message("third wording, texts right/inferred/unread/wrong:%s\n", msg);
	if (wrong != 0 || right + inferred < 36)
		fail_msg("third wording: %zu right, %zu inferred, %zu unread, %zu wrong:%s", right, inferred, unread,
		    wrong, msg);
}

/* A reply on a form of one language from an Administration whose name is
 * written in another: a French Administration on the English form. */
static void
t_mixed_languages(void **state)
{
	static char buf[32768];
	char *w[A2_W__COUNT];
	edition e = own_edition("en", w);
	a2_record r;

	(void)state;
	make_reply(buf, sizeof(buf), &e, sender_of("fr"));
	r = read_spec(buf);
	check_reply(&r, "en", sender_of("fr"));
	a2_record_clear(&r);
	free_words(w);
}

/* The negation traps: the negative sentence alone, its box ticked, must
 * read as "does not assign" in every language, never as "assigns". */
static void
t_negation_traps(void **state)
{
	static const struct { const char *lang, *pos, *neg; } traps[] = {
		{"fr", "autorise la Commission d'études 17 à examiner ce texte", "n'autorise pas la Commission d'études 17 à examiner ce texte"},
		{"fr", "autorise la Commission d'études 17 à examiner ce texte", "n’autorise pas la Commission d’études 17 à examiner ce texte"},
		{"es", "autoriza a la Comisión de Estudio 17 a examinar este texto", "no autoriza a la Comisión de Estudio 17 a examinar este texto"},
		{"ru", "предоставляет полномочия 17-й Исследовательской комиссии", "не предоставляет полномочия 17-й Исследовательской комиссии"},
		{"ar", "تخوّل لجنة الدراسات 17 سلطة النظر في هذا النص", "لا تخوّل لجنة الدراسات 17 سلطة النظر في هذا النص"},
		{"ar", "تخوّل لجنة الدراسات 17 سلطة النظر في هذا النص", "لا تخـوّل لجنـة الدراسات 17 سلطة النظر في هذا النص"},
		{"zh", "授权第17研究组审议本文本以便批准", "不授权第17研究组审议本文本以便批准"},
		{"zh", "授权第17研究组审议本文本以便批准", "不授权第１７研究组审议本文本以便批准"},
	};
	static char buf[32768];
	size_t i, t;

	(void)state;
	for (i = 0; i < sizeof(traps) / sizeof(traps[0]); i++) {
		a2_record r;
		buf[0] = '\0';
		put(buf, sizeof(buf), "Administration of France\v");
		for (t = 0; t < form->n_texts; t++) {
			put(buf, sizeof(buf), "ITU-T %s (%s)\v", form->texts[t].rec, form->texts[t].alias);
			/* the positive unticked, the negative ticked (glyphs typed) */
			put(buf, sizeof(buf), "☐ %s\v☒ %s\v", traps[i].pos, traps[i].neg);
		}
		r = read_spec(buf);
		for (t = 0; t < r.n_texts; t++) {
			if (r.texts[t].authority != A2_AUTH_NOT || r.texts[t].status != A2_ST_OK) {
				char *j = a2_record_to_json(&r);
				fail_msg("trap %zu (%s): text %zu read %s/%s\n%s", i, traps[i].lang, t,
				    a2_authority_name(r.texts[t].authority), a2_status_name(r.texts[t].status), j);
			}
		}
		assert_non_null(r.lang);
		assert_string_equal(r.lang, traps[i].lang);
		a2_record_clear(&r);
	}
}

/* Names matched whole after normalisation, in every language. */
static void
t_names(void **state)
{
	static const struct { const char *name, *iso3; } cases[] = {
		{"Российской Федерации", "RUS"}, {"Российская Федерация", "RUS"},
		{"Кыргызстана", "KGZ"}, {"Соединенных Штатов Америки", "USA"},
		{"Республики Корея", "KOR"}, {"Франции", "FRA"},
		{"la France", "FRA"}, {"l'Algérie", "DZA"}, {"la République française", "FRA"},
		{"el Ecuador", "ECU"}, {"España", "ESP"},
		{"مصر", "EGY"}, {"مِصْر", "EGY"}, {"مـصـر", "EGY"}, {"الصين", "CHN"},
		{"中国", "CHN"}, {"俄罗斯联邦", "RUS"},
		{"Niger", "NER"}, {"Nigeria", "NGA"},
	};
	a2_norm *n = a2_norm_new();
	size_t i;

	(void)state;
	assert_non_null(n);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *t = a2_norm_str(n, cases[i].name);
		const a2_state *st = a2_states_match(states, t);
		if (st == NULL || strcmp(st->iso3, cases[i].iso3) != 0)
			fail_msg("\"%s\": got %s, want %s", cases[i].name, st ? st->iso3 : "nothing", cases[i].iso3);
		free(t);
	}
	/* the form's own name of each language */
	assert_string_equal(a2_state_form_name(a2_states_by_iso3(states, "RUS"), "ru"), "Российской Федерации");
	assert_string_equal(a2_state_form_name(a2_states_by_iso3(states, "KGZ"), "ru"), "Кыргызстана");
	assert_string_equal(a2_state_form_name(a2_states_by_iso3(states, "EGY"), "ar"), "مصر");
	assert_string_equal(a2_state_form_name(a2_states_by_iso3(states, "CHN"), "zh"), "中国");
	assert_string_equal(a2_state_form_name(a2_states_by_iso3(states, "FRA"), "en"), "France");
	assert_string_equal(a2_states_by_iso3(states, "SEN")->lang, "fr");
	assert_string_equal(a2_states_by_iso3(states, "EGY")->lang, "ar");
	a2_norm_free(n);
}

/* The formal names of the 194 Member States in six languages (the formal_*
 * columns of member-states.tsv, and the Russian genitive): each resolves
 * whole to its state, with and without the article the UN writes, after
 * normalisation; and no name of one state is a name of another. */
static void
t_formal_names(void **state)
{
	static const char *const cols[] = {"formal_en", "formal_fr", "formal_es", "formal_ru", "formal_ru_gen",
	    "formal_ar", "formal_zh"};
	int col[7];
	unsigned char *tsv;
	char *line, *next, *f[40];
	size_t len, i, j, k, q, nf, rows = 0, tried = 0;
	a2_norm *n = a2_norm_new();

	(void)state;
	assert_non_null(n);
	/* the table itself, read here: not through the loader under test */
	tsv = t_slurp("forms/member-states.tsv", &len);
	line = (char *)tsv;
	next = strchr(line, '\n');
	*next++ = '\0';
	for (nf = 0; line != NULL && nf < 40; nf++) {
		f[nf] = line;
		if ((line = strchr(line, '\t')) != NULL)
			*line++ = '\0';
	}
	for (k = 0; k < 7; k++)
		for (col[k] = -1, i = 0; i < nf; i++)
			if (strcmp(f[i], cols[k]) == 0)
				col[k] = (int)i;
	for (k = 0; k < 7; k++)
		if (col[k] < 0)
			fail_msg("member-states.tsv has no column %s", cols[k]);
	for (line = next; line != NULL && *line; line = next) {
		const a2_state *st;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		for (nf = 0; line != NULL && nf < 40; nf++) {
			f[nf] = line;
			if ((line = strchr(line, '\t')) != NULL)
				*line++ = '\0';
		}
		st = a2_states_by_iso3(states, f[0]);
		assert_non_null(st);
		rows++;
		for (k = 0; k < 7; k++) {
			const char *v[2] = {f[col[k]], NULL};
			assert_true(v[0][0] != '\0');
			/* as written, then without the article the UN writes
			 * before it ("République française") */
			for (q = 0; q < 2 && v[q] != NULL; q++) {
				char *t = a2_norm_str(n, v[q]);
				const a2_state *hit;
				assert_non_null(t);
				hit = a2_states_match(states, t);
				if (hit != st)
					fail_msg("%s: %s \"%s\" resolves to %s", st->iso3, cols[k], v[q],
					    hit ? hit->iso3 : "nothing");
				free(t);
				tried++;
				if (q == 0) {
					static const char *const art[] = {"the ", "la ", "le ", "les ", "el ", "los ", "las ", "l'"};
					for (j = 0; j < 8; j++)
						if (strncmp(v[0], art[j], strlen(art[j])) == 0)
							v[1] = v[0] + strlen(art[j]);
				}
			}
			/* no formal name of this state is a name of another */
			{
				char *fo = a2_fold(v[1] != NULL ? v[1] : v[0]);
				assert_non_null(fo);
				for (j = 0; j < states->n; j++)
					for (q = 0; &states->v[j] != st && q < states->v[j].n_names; q++)
						if (strcmp(fo, states->v[j].folded[q]) == 0)
							fail_msg("%s's %s \"%s\" is a name of %s", st->iso3, cols[k], v[0],
							    states->v[j].iso3);
				free(fo);
			}
		}
	}
	free(tsv);
	a2_norm_free(n);
	assert_int_equal(rows, 194);
	assert_true(tried > 194 * 7);
	assert_string_equal(a2_state_formal_name(a2_states_by_iso3(states, "FRA"), "fr"), "la République française");
	assert_string_equal(a2_state_formal_name(a2_states_by_iso3(states, "RUS"), "ru"), "Российской Федерации");
	assert_string_equal(a2_state_formal_name(a2_states_by_iso3(states, "ESP"), "ru"), "Королевства Испания");
	assert_string_equal(a2_state_formal_name(a2_states_by_iso3(states, "EGY"), "ar"), "جمهورية مصر العربية");
	assert_string_equal(a2_state_formal_name(a2_states_by_iso3(states, "CHN"), "zh"), "中华人民共和国");
}

/* A reply signed with the formal name, in each language's grammar, reads
 * its sender: "Administration de la République française", "Администрация
 * Французской Республики", "إدارة جمهورية مصر العربية", "中华人民共和国主管部门". */
static void
t_formal_senders(void **state)
{
	static const struct { const char *lang, *admin, *iso3; } cases[] = {
		{"en", "Administration of the French Republic", "FRA"},
		{"en", "Administration of the Kingdom of Spain", "ESP"},
		{"fr", "Administration de la République française", "FRA"},
		{"fr", "Administration du Royaume d'Espagne", "ESP"},
		{"fr", "Administration de l'État plurinational de Bolivie", "BOL"},
		{"es", "Administración del Reino de España", "ESP"},
		{"es", "Administración de la República Francesa", "FRA"},
		{"ru", "Администрация Французской Республики", "FRA"},
		{"ru", "Администрация Королевства Испания", "ESP"},
		{"ru", "Администрация Кыргызской Республики", "KGZ"},
		{"ru", "Администрация Соединенного Королевства Великобритании и Северной Ирландии", "GBR"},
		{"ar", "إدارة جمهورية مصر العربية", "EGY"},
		{"ar", "إدارة المملكة العربية السعودية", "SAU"},
		{"zh", "中华人民共和国主管部门", "CHN"},
		{"zh", "法兰西共和国主管部门", "FRA"},
	};
	static char buf[32768];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *w[A2_W__COUNT];
		edition e = own_edition(cases[i].lang, w);
		a2_record r;
		make_reply_from(buf, sizeof(buf), &e, cases[i].admin, "2024-08-09");
		r = read_spec(buf);
		if (r.ms_iso3 == NULL || strcmp(r.ms_iso3, cases[i].iso3) != 0) {
			char *j = a2_record_to_json(&r);
			fail_msg("\"%s\": sender %s, want %s\n%s", cases[i].admin, r.ms_iso3 ? r.ms_iso3 : "null",
			    cases[i].iso3, j);
		}
		a2_record_clear(&r);
		free_words(w);
	}
}

/* Dates in every language, as the reader sees them (normalised first). */
static void
t_dates(void **state)
{
	static const struct { const char *text, *iso; int rc; } cases[] = {
		{"9 août 2024", "2024-08-09", 1}, {"Genève, le 20/08/2024", "2024-08-20", 1},
		{"9 de agosto de 2024", "2024-08-09", 1}, {"9 августа 2024 г.", "2024-08-09", 1},
		{"«15» августа 2024 г.", "2024-08-15", 1}, {"“15” августа 2024 года", "2024-08-15", 1},
		{"Москва, 21 мая 2024 года", "2024-05-21", 1}, {"09.08.2024", "2024-08-09", 1},
		{"٩ أغسطس ٢٠٢٤", "2024-08-09", 1}, {"القاهرة في 9 آب 2024", "2024-08-09", 1},
		{"١٥ كانون الثاني ٢٠٢٤", "2024-01-15", 1}, {"2024年8月9日", "2024-08-09", 1},
		{"２０２４年８月９日", "2024-08-09", 1}, {"2024 年 12 月 1 日", "2024-12-01", 1},
		{"03/04/2024", "2024-04-03", 2}, {"9 August 2024", "2024-08-09", 1},
		{"31 февраля 2024", NULL, 0},
	};
	a2_error err;
	a2_datepat *d = a2_datepat_new(&err);
	a2_norm *n = a2_norm_new();
	size_t i;

	(void)state;
	assert_non_null(d);
	assert_non_null(n);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char iso[11], alt[11], *t = a2_norm_str(n, cases[i].text);
		int rc = a2_parse_date(d, t, strlen(t), iso, alt, NULL, NULL);
		if (rc != cases[i].rc || (cases[i].iso && strcmp(iso, cases[i].iso) != 0))
			fail_msg("\"%s\": rc %d %s, want %d %s", cases[i].text, rc, rc ? iso : "",
			    cases[i].rc, cases[i].iso ? cases[i].iso : "");
		free(t);
	}
	a2_norm_free(n);
	a2_datepat_free(d);
}

/* The normalisation itself: NFKC, Arabic tatweel and harakat, digits. */
static void
t_normalise(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{"ＳＧ１７　［Ｘ］", "SG17 [X]"}, {"تخـوّل", "تخول"}, {"مِصْرُ", "مصر"},
		{"٢٠٢٤", "2024"}, {"۲۰۲۴", "2024"}, {"a\u200Fb\u200Ec", "abc"}, {"ﬁn", "fin"},
		{"☒ ☐", "☒ ☐"}, {"plain ASCII", "plain ASCII"},
	};
	a2_norm *n = a2_norm_new();
	size_t i;

	(void)state;
	assert_non_null(n);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *t = a2_norm_str(n, cases[i].in);
		assert_non_null(t);
		if (strcmp(t, cases[i].out) != 0)
			fail_msg("\"%s\": \"%s\", want \"%s\"", cases[i].in, t, cases[i].out);
		free(t);
	}
	a2_norm_free(n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_normalise),
		cmocka_unit_test(t_dates),
		cmocka_unit_test(t_names),
		cmocka_unit_test(t_formal_names),
		cmocka_unit_test(t_formal_senders),
		cmocka_unit_test(t_own_wording),
		cmocka_unit_test(t_negation_traps),
		cmocka_unit_test(t_mixed_languages),
		cmocka_unit_test(t_second_translation),
		cmocka_unit_test(t_third_translation),
	};
	return cmocka_run_group_tests_name("lang", tests, t_world_setup, t_world_teardown);
}
