/* tests/unit/test_gen.c -- the DOCX and ODT writers, the reference line and
 * the contacts CSV.  Generated packages are reopened with libzip and every
 * XML member is parsed with libxml2 (namespace well-formedness included). */
#include "testutil.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>
#include <zip.h>

#define NS_W     "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W14   "http://schemas.microsoft.com/office/word/2010/wordml"
#define NS_MC    "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define NS_TEXT  "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_LOEXT "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
#define NS_META  "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_CUSTOM "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
#define MIME_ODT "application/vnd.oasis.opendocument.text"

static a2_form *form;
static a2_states *states;

static int
setup(void **state)
{
	a2_error err = {0};

	(void)state;
	form = a2_form_load(NULL, &err);
	if (form == NULL) {
		fprintf(stderr, "form: %s\n", err.message);
		return -1;
	}
	states = a2_states_load(NULL, NULL, &err);
	if (states == NULL) {
		fprintf(stderr, "states: %s\n", err.message);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	a2_form_free(form);
	a2_states_free(states);
	return 0;
}

static const a2_state *
state_of(const char *iso3)
{
	const a2_state *st = a2_states_by_iso3(states, iso3);

	assert_non_null(st);
	return st;
}

/* ---- package helpers ---------------------------------------------------- */

typedef struct pkg {
	unsigned char *data;
	size_t len;
	zip_t *za;
} pkg;

static void
pkg_open(pkg *p, unsigned char *data, size_t len)
{
	zip_error_t ze;
	zip_source_t *src;

	p->data = data;
	p->len = len;
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	assert_non_null(src);
	p->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (p->za == NULL)
		fail_msg("not a zip: %s", zip_error_strerror(&ze));
	zip_error_fini(&ze);
}

static void
pkg_close(pkg *p)
{
	zip_discard(p->za);
	free(p->data);
}

static char *
pkg_read(pkg *p, const char *name, size_t *len)
{
	zip_stat_t st;
	zip_file_t *f;
	char *buf;

	if (zip_stat(p->za, name, 0, &st) != 0)
		fail_msg("no member %s", name);
	buf = malloc(st.size + 1);
	assert_non_null(buf);
	f = zip_fopen(p->za, name, 0);
	assert_non_null(f);
	assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	buf[st.size] = '\0';
	if (len != NULL)
		*len = st.size;
	return buf;
}

/* Every element must be in a namespace: an undeclared prefix would leave
 * one without. */
static void
check_ns(const xmlNode *n, const char *member)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns == NULL)
			fail_msg("%s: element <%s> has no namespace", member, (const char *)n->name);
		check_ns(n->children, member);
	}
}

/* Parses a member strictly: well-formed and namespace-well-formed. */
static xmlDocPtr
pkg_xml(pkg *p, const char *name)
{
	size_t len;
	char *buf = pkg_read(p, name, &len);
	xmlParserCtxtPtr ctx = xmlNewParserCtxt();
	xmlDocPtr doc;

	assert_non_null(ctx);
	doc = xmlCtxtReadMemory(ctx, buf, (int)len, name, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL || !ctx->wellFormed || !ctx->nsWellFormed)
		fail_msg("%s does not parse", name);
	xmlFreeParserCtxt(ctx);
	free(buf);
	check_ns(xmlDocGetRootElement(doc), name);
	return doc;
}

/* Parses every .xml and .rels member; returns how many. */
static int
pkg_parse_all(pkg *p)
{
	zip_int64_t i, n = zip_get_num_entries(p->za, 0);
	int count = 0;

	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(p->za, (zip_uint64_t)i, 0);
		size_t l = strlen(name);
		if ((l > 4 && strcmp(name + l - 4, ".xml") == 0) ||
		    (l > 5 && strcmp(name + l - 5, ".rels") == 0)) {
			xmlFreeDoc(pkg_xml(p, name));
			count++;
		}
	}
	return count;
}

static int
is_el(const xmlNode *n, const char *ns, const char *local)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0 && strcmp((const char *)n->name, local) == 0;
}

static char *
attr(const xmlNode *n, const char *ns, const char *name)
{
	return (char *)xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)ns);
}

static int
has_attr_value(const xmlNode *n, const char *ns, const char *name, const char *val)
{
	char *v = attr(n, ns, name);
	int r = v != NULL && strcmp(v, val) == 0;

	xmlFree(v);
	return r;
}

/* Elements ns:local below n (optionally with attribute ans:aname = aval). */
static size_t
count_el(const xmlNode *n, const char *ns, const char *local,
         const char *ans, const char *aname, const char *aval)
{
	size_t c = 0;

	for (; n != NULL; n = n->next) {
		if (is_el(n, ns, local)) {
			if (aname == NULL) {
				c++;
			} else {
				char *v = attr(n, ans, aname);
				c += v != NULL && strcmp(v, aval) == 0;
				xmlFree(v);
			}
		}
		if (n->type == XML_ELEMENT_NODE)
			c += count_el(n->children, ns, local, ans, aname, aval);
	}
	return c;
}

/* The first element ns:local below n. */
static xmlNode *
find_el(xmlNode *n, const char *ns, const char *local)
{
	xmlNode *r;

	for (; n != NULL; n = n->next) {
		if (is_el(n, ns, local))
			return n;
		if (n->type == XML_ELEMENT_NODE && (r = find_el(n->children, ns, local)) != NULL)
			return r;
	}
	return NULL;
}

/* Checkbox SDTs that are inline: w:p/w:sdt with w14:checkbox in w:sdtPr. */
static size_t
inline_boxes_docx(const xmlNode *n)
{
	size_t c = 0;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(n, NS_W, "sdt") && n->parent != NULL && is_el(n->parent, NS_W, "p")) {
			const xmlNode *pr = n->children;
			while (pr != NULL && !is_el(pr, NS_W, "sdtPr"))
				pr = pr->next;
			c += pr != NULL && count_el(pr->children, NS_W14, "checkbox", NULL, NULL, NULL) == 1;
		}
		c += inline_boxes_docx(n->children);
	}
	return c;
}

/* ODT boxes standing first in their paragraph (after their bookmark) and
 * followed by a tab. */
static size_t
leading_boxes_odt(const xmlNode *n)
{
	size_t c = 0;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(n, NS_LOEXT, "content-control") && has_attr_value(n, NS_LOEXT, "checkbox", "true")) {
			const xmlNode *prev = n->prev, *next = n->next;
			c += is_el(n->parent, NS_TEXT, "p") && prev != NULL &&
			    is_el(prev, NS_TEXT, "bookmark") && prev->prev == NULL &&
			    next != NULL && is_el(next, NS_TEXT, "tab");
		}
		c += leading_boxes_odt(n->children);
	}
	return c;
}

/* 1 when the w:sdt or loext element carries a tag value. */
static int
has_value(xmlNode *n, const char *ns, const char *local, const char *ans, const char *aname,
          const char *val)
{
	return count_el(n, ns, local, ans, aname, val) > 0;
}

static void
gen(int docx, const a2_form *f, const char *iso3, const a2_gen_opts *o, pkg *p)
{
	a2_error err = {0};
	unsigned char *out = NULL;
	size_t len = 0;
	int rc = docx ? a2_generate_docx(f, state_of(iso3), o, &out, &len, &err)
	              : a2_generate_odt(f, state_of(iso3), o, &out, &len, &err);

	if (rc != 0)
		fail_msg("generate %s: %s", iso3, err.message);
	assert_non_null(out);
	assert_true(len > 0);
	pkg_open(p, out, len);
}

static int
contains(const unsigned char *hay, size_t n, const char *needle)
{
	size_t l = strlen(needle), i;

	for (i = 0; i + l <= n; i++)
		if (memcmp(hay + i, needle, l) == 0)
			return 1;
	return 0;
}

/* ---- tests -------------------------------------------------------------- */

static void
test_reference(void **state)
{
	char *r;

	(void)state;
	r = a2_form_reference(form, state_of("FRA"));
	assert_string_equal(r, "TSB Circular 195 / FRA");
	free(r);
	r = a2_form_reference(form, NULL);
	assert_string_equal(r, "TSB Circular 195");
	free(r);
}

static void
test_docx_fra(void **state)
{
	static const char *const parts[] = {
		"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
		"docProps/custom.xml", "word/document.xml", "word/_rels/document.xml.rels",
		"word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml",
	};
	pkg p;
	xmlDocPtr doc;
	xmlNode *root, *n;
	char *v, *s;
	size_t i, k;

	(void)state;
	gen(1, form, "FRA", NULL, &p);
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		assert_int_equal(zip_name_locate(p.za, parts[i], 0), (zip_int64_t)i);
	/* then the marks of a form made to be scanned (issue 14): the footer's
	 * relationships, a header and its relationships for each of the 5
	 * pages; every XML part well-formed */
	assert_int_equal(pkg_parse_all(&p), (int)(sizeof(parts) / sizeof(parts[0])) + 1 + 2 * 5);
	assert_true(zip_name_locate(p.za, "word/header5.xml", 0) >= 0);
	assert_true(zip_name_locate(p.za, "word/header6.xml", 0) < 0);

	doc = pkg_xml(&p, "word/document.xml");
	root = xmlDocGetRootElement(doc);
	v = attr(root, NS_MC, "Ignorable");
	assert_non_null(v);
	assert_non_null(strstr(v, "w14"));
	xmlFree(v);
	/* 4 boxes per text, each an inline SDT unchecked, Word's glyphs and font */
	assert_int_equal(count_el(root, NS_W14, "checkbox", NULL, NULL, NULL), 4 * form->n_texts);
	assert_int_equal(count_el(root, NS_W14, "checked", NS_W14, "val", "0"), 4 * form->n_texts);
	assert_int_equal(count_el(root, NS_W14, "checkedState", NS_W14, "val", "2612"), 4 * form->n_texts);
	assert_int_equal(count_el(root, NS_W14, "uncheckedState", NS_W14, "font", "MS Gothic"), 4 * form->n_texts);
	for (i = 0; i < form->n_texts; i++) {
		static const char *const opts[] = {"assigns", "none", "attached", "not-assign"};
		for (k = 0; k < 4; k++) {
			char tag[64];
			snprintf(tag, sizeof(tag), "%s/%s", form->texts[i].rec, opts[k]);
			assert_true(has_value(root, NS_W, "tag", NS_W, "val", tag));
			assert_true(has_value(root, NS_W, "alias", NS_W, "val", tag));
		}
	}
	/* every checkbox SDT is inline: its parent is a paragraph */
	assert_int_equal(inline_boxes_docx(root), 4 * form->n_texts);
	/* seven fill-ins: plain-text SDTs showing their placeholder */
	assert_int_equal(count_el(root, NS_W, "text", NULL, NULL, NULL), 7);
	assert_int_equal(count_el(root, NS_W, "showingPlcHdr", NULL, NULL, NULL), 7);
	assert_true(has_value(root, NS_W, "tag", NS_W, "val", "name"));
	assert_true(has_value(root, NS_W, "tag", NS_W, "val", "date"));
	/* one bookmark per control */
	assert_int_equal(count_el(root, NS_W, "bookmarkStart", NULL, NULL, NULL), 4 * form->n_texts + 7);
	assert_true(has_value(root, NS_W, "bookmarkStart", NS_W, "name", "annex2_X_1237_not_assign"));
	s = (char *)xmlNodeGetContent(root);
	assert_non_null(strstr(s, "TSB Circular 195 / FRA"));
	assert_non_null(strstr(s, "Administration of France"));
	assert_non_null(strstr(s, "Draft new Recommendation ITU-T X.1237 (X.tsfpp)"));
	assert_non_null(strstr(s, "[Place]"));
	xmlFree(s);
	xmlFreeDoc(doc);

	/* the identifiers of the form */
	doc = pkg_xml(&p, "docProps/custom.xml");
	root = xmlDocGetRootElement(doc);
	assert_int_equal(count_el(root, NS_CUSTOM, "property", NULL, NULL, NULL), 3);
	for (n = root->children; n != NULL; n = n->next) {
		char *name = attr(n, NULL, "name");
		char *val = (char *)xmlNodeGetContent(n);
		if (strcmp(name, A2_PROP_CONSULTATION) == 0)
			assert_string_equal(val, "tsb-circular-195");
		else if (strcmp(name, A2_PROP_STATE) == 0)
			assert_string_equal(val, "FRA");
		else if (strcmp(name, A2_PROP_VERSION) == 0)
			assert_string_equal(val, "1");
		else
			fail_msg("unexpected property %s", name);
		xmlFree(name);
		xmlFree(val);
	}
	xmlFreeDoc(doc);

	/* no clock in the package: the circular's date, annex2 as producer */
	s = pkg_read(&p, "docProps/core.xml", NULL);
	assert_non_null(strstr(s, ">2024-04-23T00:00:00Z</dcterms:created>"));
	assert_non_null(strstr(s, "<dc:title>"));
	free(s);
	s = pkg_read(&p, "docProps/app.xml", NULL);
	assert_non_null(strstr(s, "<Application>annex2</Application>"));
	free(s);
	s = pkg_read(&p, "word/footer1.xml", NULL);
	assert_non_null(strstr(s, "Place des Nations"));
	free(s);
	pkg_close(&p);
}

static void
test_odt_fra(void **state)
{
	pkg p;
	zip_stat_t st;
	xmlDocPtr doc;
	xmlNode *root, *n;
	char *s;

	(void)state;
	gen(0, form, "FRA", NULL, &p);
	/* mimetype: first, stored, no extra field, exact string at byte 38 */
	assert_string_equal(zip_get_name(p.za, 0, 0), "mimetype");
	assert_int_equal(zip_stat_index(p.za, 0, 0, &st), 0);
	assert_int_equal(st.comp_method, ZIP_CM_STORE);
	assert_int_equal(st.size, strlen(MIME_ODT));
	assert_memory_equal(p.data, "PK\x03\x04", 4);
	assert_int_equal(p.data[28] | p.data[29] << 8, 0);
	assert_memory_equal(p.data + 30, "mimetype", 8);
	assert_memory_equal(p.data + 38, MIME_ODT, strlen(MIME_ODT));
	assert_int_equal(pkg_parse_all(&p), 5);
	assert_true(zip_name_locate(p.za, "META-INF/manifest.xml", 0) > 0);

	doc = pkg_xml(&p, "content.xml");
	root = xmlDocGetRootElement(doc);
	s = attr(root, NS_OFFICE, "version");
	assert_string_equal(s, "1.3");
	xmlFree(s);
	assert_int_equal(count_el(root, NS_LOEXT, "content-control", NS_LOEXT, "checkbox", "true"),
	    4 * form->n_texts);
	assert_int_equal(count_el(root, NS_LOEXT, "content-control", NS_LOEXT, "unchecked-state",
	    "\xE2\x98\x90"), 4 * form->n_texts);
	assert_int_equal(count_el(root, NS_LOEXT, "content-control", NS_LOEXT, "checked", "true"), 0);
	assert_int_equal(count_el(root, NS_LOEXT, "content-control", NS_LOEXT,
	    "showing-place-holder", "true"), 7);
	assert_int_equal(count_el(root, NS_TEXT, "bookmark", NULL, NULL, NULL), 4 * form->n_texts + 7);
	/* each box: first in its paragraph after its bookmark, then a tab */
	assert_int_equal(leading_boxes_odt(root), 4 * form->n_texts);
	s = (char *)xmlNodeGetContent(root);
	assert_non_null(strstr(s, "TSB Circular 195 / FRA"));
	assert_non_null(strstr(s, "Administration of France"));
	xmlFree(s);
	xmlFreeDoc(doc);

	doc = pkg_xml(&p, "meta.xml");
	root = xmlDocGetRootElement(doc);
	assert_true(has_value(root, NS_META, "user-defined", NS_META, "name", A2_PROP_CONSULTATION));
	assert_true(has_value(root, NS_META, "user-defined", NS_META, "name", A2_PROP_STATE));
	assert_true(has_value(root, NS_META, "user-defined", NS_META, "name", A2_PROP_VERSION));
	n = find_el(root, NS_META, "generator");
	assert_non_null(n);
	s = (char *)xmlNodeGetContent(n);
	assert_string_equal(s, "annex2");
	xmlFree(s);
	xmlFreeDoc(doc);
	s = pkg_read(&p, "meta.xml", NULL);
	assert_non_null(strstr(s, ">FRA</meta:user-defined>"));
	assert_non_null(strstr(s, "2024-04-23T00:00:00"));
	free(s);
	s = pkg_read(&p, "styles.xml", NULL);
	assert_non_null(strstr(s, "fo:page-width=\"21cm\""));
	assert_non_null(strstr(s, "www.itu.int"));
	free(s);
	pkg_close(&p);
}

/* Same inputs, same bytes; another Member State, other bytes. */
static void
test_deterministic(void **state)
{
	a2_error err = {0};
	unsigned char *a = NULL, *b = NULL, *c = NULL;
	size_t la, lb, lc;
	int docx;

	(void)state;
	for (docx = 0; docx < 2; docx++) {
		int (*fn)(const a2_form *, const a2_state *, const a2_gen_opts *,
		          unsigned char **, size_t *, a2_error *) = docx ? a2_generate_docx : a2_generate_odt;
		assert_int_equal(fn(form, state_of("FRA"), NULL, &a, &la, &err), 0);
		assert_int_equal(fn(form, state_of("FRA"), NULL, &b, &lb, &err), 0);
		assert_int_equal(fn(form, state_of("NER"), NULL, &c, &lc, &err), 0);
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, la);
		assert_false(la == lc && memcmp(a, c, la) == 0);
		free(a);
		free(b);
		free(c);
	}
}

/* A made-up consultation: another study group, three texts, one revised,
 * a French wording.  Nothing of Circular 195 may show. */
static const char madeup[] =
	"<?xml version='1.0' encoding='UTF-8'?>"
	"<consultation xmlns='urn:itu:annex2:consultation:1' id='tsb-circular-42' version='3'>"
	"<circular bureau='TSB' number='42' date='2025-01-15'/>"
	"<study-group number='13' name='Future networks'/>"
	"<meeting place='Geneva' start='2025-05-05' end='2025-05-09'/>"
	"<deadline>2025-04-20T23:59:00Z</deadline><threshold>0.70</threshold>"
	"<addresses><to><line>Director, TSB &amp; Co</line><line>Geneva</line></to>"
	"<fax>+41 0</fax><email>tsbsg13@itu.int</email>"
	"<footer><line>Footer one</line><line>Footer two</line></footer></addresses>"
	"<texts>"
	"<text rec='Y.3001' alias='Y.fn-a' kind='new'>First</text>"
	"<text rec='Y.3002' alias='Y.fn-b' kind='revised'>Second</text>"
	"<text rec='Q.1.2' alias='Q.x &lt;y&gt;' kind='new'>Third</text>"
	"</texts>"
	"<wording xml:lang='fr'>"
	"<annex>Annexe 2</annex><subject-label>Objet:</subject-label>"
	"<subject>R\xC3\xA9ponse \xC3\xA0 la Circulaire TSB {circular}</subject>"
	"<subject-texts>Projets {texts}</subject-texts><to>\xC3\x80:</to><from>De:</from>"
	"<fax>T\xC3\xA9l\xC3\xA9" "copie:</fax><email>Courriel:</email><date>Date:</date><ref>R\xC3\xA9" "f.:</ref>"
	"<salutation>Madame, Monsieur,</salutation><request>Avis de l'Administration.</request>"
	"<table-head>Cocher une case</table-head>"
	"<text-new>Projet de nouvelle Recommandation UIT-T {rec} ({alias})</text-new>"
	"<text-revised>Projet de Recommandation r\xC3\xA9vis\xC3\xA9" "e UIT-T {rec} ({alias})</text-revised>"
	"<assigns>autorise la {sg}</assigns><option-none>Pas de commentaires</option-none>"
	"<option-attached>Commentaires joints</option-attached><not-assign>n'autorise pas la {sg}</not-assign>"
	"<closing>Veuillez agr\xC3\xA9" "er</closing><administration>Administration: {state}</administration>"
	"<name>[Nom]</name><title>[Fonction]</title><address>[Adresse]</address><place>[Lieu]</place>"
	"<date-placeholder>[Date]</date-placeholder>"
	"</wording>"
	"<wording xml:lang='en'>"
	"<annex>Annex 2</annex><subject-label>Subject:</subject-label>"
	"<subject>Response to TSB Circular {circular}</subject><subject-texts>Drafts {texts}</subject-texts>"
	"<to>To:</to><from>From:</from><fax>Fax:</fax><email>E-mail:</email><date>Date:</date><ref>Ref.:</ref>"
	"<salutation>Dear Sir/Madam,</salutation><request>Opinion of this Administration.</request>"
	"<table-head>Select one</table-head>"
	"<text-new>Draft new Recommendation ITU-T {rec} ({alias})</text-new>"
	"<text-revised>Draft revised Recommendation ITU-T {rec} ({alias})</text-revised>"
	"<assigns>assigns authority to {sg}</assigns><option-none>No comments</option-none>"
	"<option-attached>Comments attached</option-attached><not-assign>does not assign authority to {sg}</not-assign>"
	"<closing>Yours faithfully,</closing><administration>Administration of {state}</administration>"
	"<name>[Name]</name><title>[Title]</title><address>[Address]</address><place>[Place]</place>"
	"<date-placeholder>[Date]</date-placeholder>"
	"</wording></consultation>";

static void
test_madeup(void **state)
{
	a2_error err = {0};
	a2_form *f = a2_form_load_mem(madeup, sizeof(madeup) - 1, "madeup", &err);
	a2_gen_opts fr = {"fr", NULL};
	pkg p;
	xmlDocPtr doc;
	xmlNode *root;
	char *s;
	int docx;

	(void)state;
	if (f == NULL)
		fail_msg("made-up form: %s (line %d)", err.message, err.line);
	for (docx = 0; docx < 2; docx++) {
		const char *main = docx ? "word/document.xml" : "content.xml";
		size_t i, n;

		gen(docx, f, "NER", NULL, &p);
		pkg_parse_all(&p);
		doc = pkg_xml(&p, main);
		root = xmlDocGetRootElement(doc);
		if (docx)
			assert_int_equal(count_el(root, NS_W14, "checkbox", NULL, NULL, NULL), 12);
		else
			assert_int_equal(count_el(root, NS_LOEXT, "content-control", NS_LOEXT, "checkbox", "true"), 12);
		s = (char *)xmlNodeGetContent(root);
		assert_non_null(strstr(s, "Draft revised Recommendation ITU-T Y.3002 (Y.fn-b)"));
		assert_non_null(strstr(s, "Draft new Recommendation ITU-T Q.1.2 (Q.x <y>)"));
		assert_non_null(strstr(s, "assigns authority to SG13"));
		assert_non_null(strstr(s, "TSB Circular 42 / NER"));
		assert_non_null(strstr(s, "Director, TSB & Co"));
		assert_null(strstr(s, "195"));
		assert_null(strstr(s, "SG17"));
		xmlFree(s);
		xmlFreeDoc(doc);
		/* nothing of Circular 195 anywhere in the package */
		n = (size_t)zip_get_num_entries(p.za, 0);
		for (i = 0; i < n; i++) {
			size_t len;
			char *m = pkg_read(&p, zip_get_name(p.za, i, 0), &len);
			assert_false(contains((unsigned char *)m, len, "195"));
			assert_false(contains((unsigned char *)m, len, "X.1237"));
			free(m);
		}
		pkg_close(&p);

		/* the French wording */
		gen(docx, f, "NER", &fr, &p);
		doc = pkg_xml(&p, main);
		s = (char *)xmlNodeGetContent(xmlDocGetRootElement(doc));
		assert_non_null(strstr(s, "Projet de Recommandation r\xC3\xA9vis\xC3\xA9" "e UIT-T Y.3002"));
		assert_non_null(strstr(s, "autorise la SG13"));
		assert_non_null(strstr(s, "[Nom]"));
		assert_null(strstr(s, "Draft new"));
		xmlFree(s);
		xmlFreeDoc(doc);
		pkg_close(&p);
	}
	a2_form_free(f);
}

/* A contact fills the From block as plain text; whatever it holds (markup,
 * control characters, line breaks) the XML stays well-formed. */
static void
test_contact(void **state)
{
	a2_contact c = {"FRA", "A <b>&amp; \"B\"\x01", "Head, Unit", "1 Rue\nParis", "a@b.fr", NULL};
	a2_gen_opts o = {NULL, &c};
	pkg p;
	xmlDocPtr doc;
	xmlNode *root;
	char *s;
	int docx;

	(void)state;
	for (docx = 0; docx < 2; docx++) {
		gen(docx, form, "FRA", &o, &p);
		pkg_parse_all(&p);
		doc = pkg_xml(&p, docx ? "word/document.xml" : "content.xml");
		root = xmlDocGetRootElement(doc);
		s = (char *)xmlNodeGetContent(root);
		assert_non_null(strstr(s, "A <b>&amp; \"B\""));
		assert_null(strstr(s, "\x01"));
		assert_non_null(strstr(s, "Head, Unit"));
		assert_non_null(strstr(s, "a@b.fr"));
		xmlFree(s);
		if (docx) {
			/* place, date, and the signature's name and title remain */
			assert_int_equal(count_el(root, NS_W, "text", NULL, NULL, NULL), 4);
			assert_false(has_value(root, NS_W, "tag", NS_W, "val", "from-name"));
			assert_true(count_el(root, NS_W, "br", NULL, NULL, NULL) > 0);
		} else {
			assert_int_equal(count_el(root, NS_LOEXT, "content-control", NS_LOEXT,
			    "showing-place-holder", "true"), 4);
			assert_true(count_el(root, NS_TEXT, "line-break", NULL, NULL, NULL) > 0);
		}
		xmlFreeDoc(doc);
		pkg_close(&p);
	}
}

static void
test_bad_args(void **state)
{
	a2_error err = {0};
	unsigned char *out = (unsigned char *)"x";
	size_t len = 1;

	(void)state;
	assert_int_equal(a2_generate_docx(form, NULL, NULL, &out, &len, &err), -1);
	assert_int_equal(err.code, A2_ERR_USAGE);
	assert_null(out);
	assert_int_equal(len, 0);
	a2_error_clear(&err);
	assert_int_equal(a2_generate_odt(NULL, state_of("FRA"), NULL, &out, &len, &err), -1);
	assert_int_equal(err.code, A2_ERR_USAGE);
	assert_int_equal(a2_generate_odt(form, state_of("FRA"), NULL, NULL, &len, NULL), -1);
}

/* libxml2's allocations fail one after the other: the writers report
 * A2_ERR_NOMEM or write a whole package, and never crash.
 *
 * libxml2 2.9 itself leaks an element's stack entry when it cannot push it
 * (xmlTextWriterStartElement ignores xmlListPushFront's failure; the writer
 * then fails at the end, which is how we notice).  LeakSanitizer is told
 * about that one libxml2 leak only. */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:xmlTextWriterStartElement\n";
}

static long fail_at, n_allocs;

static void *
failing_malloc(size_t n)
{
	return ++n_allocs == fail_at ? NULL : malloc(n);
}

static void *
failing_realloc(void *p, size_t n)
{
	return ++n_allocs == fail_at ? NULL : realloc(p, n);
}

static char *
failing_strdup(const char *s)
{
	return ++n_allocs == fail_at ? NULL : strdup(s);
}

static void
test_xml_nomem(void **state)
{
	xmlFreeFunc f0;
	xmlMallocFunc m0;
	xmlReallocFunc r0;
	xmlStrdupFunc s0;
	int docx;

	(void)state;
	assert_int_equal(xmlMemGet(&f0, &m0, &r0, &s0), 0);
	for (docx = 0; docx < 2; docx++) {
		long step = 1;
		int ok = 0;
		for (fail_at = 1; !ok && fail_at < 1000000; fail_at += step) {
			a2_error err = {0};
			unsigned char *out = NULL;
			size_t len = 0;
			int rc;

			n_allocs = 0;
			xmlMemSetup(free, failing_malloc, failing_realloc, failing_strdup);
			rc = docx ? a2_generate_docx(form, state_of("FRA"), NULL, &out, &len, &err)
			          : a2_generate_odt(form, state_of("FRA"), NULL, &out, &len, &err);
			xmlMemSetup(f0, m0, r0, s0);
			if (rc == 0) {
				/* libxml2 survives some failures by itself (the
				 * writer's optional document): then the output must
				 * still be whole */
				pkg p;
				pkg_open(&p, out, len);
				assert_int_equal(pkg_parse_all(&p), docx ? 11 + 1 + 2 * 5 : 5);   /* + the pages' headers */
				pkg_close(&p);
				ok = n_allocs < fail_at;
			} else {
				assert_int_equal(err.code, A2_ERR_NOMEM);
				assert_null(out);
			}
			if (fail_at >= 200)
				step = 7;
		}
		assert_true(ok);
		assert_true(fail_at > 20); /* many allocations did fail */
	}
}

/* ---- contacts CSV ------------------------------------------------------- */

static char *
write_tmp(const char *content, size_t len)
{
	char *path = strdup("/tmp/a2-test-contacts-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, len), (ssize_t)len);
	close(fd);
	return path;
}

static a2_contact *
load_str(const char *csv, size_t *n, a2_error *err)
{
	char *path = write_tmp(csv, strlen(csv));
	a2_contact *c;

	a2_error_clear(err);
	c = a2_contacts_load(path, n, err);
	unlink(path);
	free(path);
	return c;
}

static void
test_contacts_ok(void **state)
{
	a2_error err;
	size_t n;
	a2_contact *c;
	const a2_contact *f;

	(void)state;
	c = load_str("\xEF\xBB\xBFiso3,name,title,address,email\r\n"
	    "fra,\"Dupont, Jeanne\",\"Head \"\"Intl\"\"\",\"1 rue X\r\n75001 Paris\",j@x.fr\r\n"
	    "\r\n"
	    "NER,Issa,,Niamey,\n", &n, &err);
	if (c == NULL)
		fail_msg("%s (line %d)", err.message, err.line);
	assert_int_equal(n, 2);
	f = a2_contacts_find(c, n, "FRA");
	assert_non_null(f);
	assert_string_equal(f->iso3, "FRA");
	assert_string_equal(f->name, "Dupont, Jeanne");
	assert_string_equal(f->title, "Head \"Intl\"");
	assert_string_equal(f->address, "1 rue X\n75001 Paris");
	assert_string_equal(f->email, "j@x.fr");
	f = a2_contacts_find(c, n, "ner");
	assert_non_null(f);
	assert_string_equal(f->title, "");
	assert_string_equal(f->email, "");
	assert_null(a2_contacts_find(c, n, "DEU"));
	a2_contacts_free(c, n);

	/* columns in any order, extra ones ignored, no final newline */
	c = load_str("email,notes,ISO3,address,name,title\nx@y,hello,deu,Bonn,Max,Dr", &n, &err);
	assert_non_null(c);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].iso3, "DEU");
	assert_string_equal(c[0].name, "Max");
	assert_string_equal(c[0].email, "x@y");
	a2_contacts_free(c, n);

	/* a header alone is an empty list */
	c = load_str("iso3,name,title,address,email\n", &n, &err);
	assert_non_null(c);
	assert_int_equal(n, 0);
	a2_contacts_free(c, n);
}

static void
expect_error(const char *csv, a2_code code, int line, const char *words)
{
	a2_error err;
	size_t n = 99;
	a2_contact *c = load_str(csv, &n, &err);

	assert_null(c);
	assert_int_equal(n, 0);
	assert_int_equal(err.code, code);
	if (err.line != line)
		fail_msg("line %d, expected %d (%s)", err.line, line, err.message);
	if (words != NULL && strstr(err.message, words) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", err.message, words);
	assert_true(strncmp(err.file, "/tmp/a2-test-contacts-", 22) == 0);
}

static void
test_contacts_errors(void **state)
{
	a2_error err;
	size_t n;

	(void)state;
	expect_error("iso3,name,title,address,email\nFRA,\"open,x,y,z\n\nmore\n",
	    A2_ERR_DATA, 2, "not closed");
	expect_error("iso3,name,title,address,email\nFRA,\"a\"b,x,y,z\n", A2_ERR_DATA, 2, "closing quote");
	expect_error("iso3,name,title,address,email\nFRA,a\"b,x,y,z\n", A2_ERR_DATA, 2, "quote");
	expect_error("iso3,name,title,address,email\nFRA,a,b,c,d\nDEU,a,b\n", A2_ERR_DATA, 3, "3 fields");
	expect_error("iso3,name,title,address\nFRA,a,b,c\n", A2_ERR_DATA, 1, "email");
	expect_error("iso3,name,title,address,email\nFRANCE,a,b,c,d\n", A2_ERR_DATA, 2, "FRANCE");
	expect_error("iso3,name,title,address,email\nFRA,a,b,\"c\nd\",e\nfra,a,b,c,E\n",
	    A2_ERR_DATA, 4, "line 2");
	expect_error("", A2_ERR_DATA, 0, "empty");
	expect_error("iso3,name,title,address,email\nFRA,\xFF,b,c,d\n", A2_ERR_DATA, 2, "UTF-8");

	a2_error_clear(&err);
	assert_null(a2_contacts_load("/nonexistent/contacts.csv", &n, &err));
	assert_int_equal(err.code, A2_ERR_IO);
	a2_contacts_free(NULL, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference),
		cmocka_unit_test(test_docx_fra),
		cmocka_unit_test(test_odt_fra),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_madeup),
		cmocka_unit_test(test_contact),
		cmocka_unit_test(test_bad_args),
		cmocka_unit_test(test_xml_nomem),
		cmocka_unit_test(test_contacts_ok),
		cmocka_unit_test(test_contacts_errors),
	};

	return cmocka_run_group_tests_name("gen", tests, setup, teardown);
}
