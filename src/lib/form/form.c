/* form/form.c -- load a consultation definition: parse, validate against
 * the built-in RELAX NG schema, and build the a2_form model. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>

#include "core/util.h"
#include "core/xml.h"
#include "form/blobs.h"

#define NS_C "urn:itu:annex2:consultation:1"

/* Element names of the wording, in a2_word order. */
static const char *const word_keys[A2_W__COUNT] = {
	"annex", "subject-label", "subject", "subject-texts", "to", "from", "fax",
	"email", "date", "ref", "salutation", "request", "table-head", "text-new",
	"text-revised", "assigns", "option-none", "option-attached", "not-assign",
	"closing", "administration", "name", "title", "address", "place",
	"date-placeholder",
};

const char *
a2_form_schema(void)
{
	return a2_blob_schema;
}

/* First validation error, kept with its line; and whether libxml2 ran out
 * of memory (then the document is not known to be wrong). */
struct verr {
	a2_error *err;
	int seen, nomem;
};

static void
on_rng_error(void *ctx, const xmlError *e)
{
	struct verr *v = ctx;
	char msg[400];
	size_t l;

	if (e != NULL && e->code == XML_ERR_NO_MEMORY)
		v->nomem = 1;
	if (v->seen++ || e == NULL)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "invalid");
	l = strlen(msg);
	while (l > 0 && (msg[l - 1] == '\n' || msg[l - 1] == ' '))
		msg[--l] = '\0';
	a2_error_at(v->err, NULL, NULL, e->line, 0);
	if (e->node != NULL && ((xmlNodePtr)e->node)->name != NULL)
		a2_error_set(v->err, A2_ERR_SCHEMA, "does not follow the consultation schema: <%s>: %s",
		    (const char *)((xmlNodePtr)e->node)->name, msg);
	else
		a2_error_set(v->err, A2_ERR_SCHEMA, "does not follow the consultation schema: %s", msg);
}

/* libxml2 reports some failures (allocations in its regexp engine, in
 * xmlNodeGetContent) to the thread's handler, which prints them.  While a
 * consultation is loaded that handler is this one: nothing is printed and
 * the failure is known. */
static void
on_global_error(void *ctx, xmlErrorPtr e)
{
	int *nomem = ctx;

	if (e != NULL && e->code == XML_ERR_NO_MEMORY)
		*nomem = 1;
}

static void
ignore_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void
ignore_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static int
validate(xmlDocPtr doc, a2_error *err)
{
	xmlRelaxNGParserCtxtPtr pc;
	xmlRelaxNGPtr schema = NULL;
	xmlRelaxNGValidCtxtPtr vc = NULL;
	struct verr v = {err, 0, 0};
	int rc = -1;

	pc = xmlRelaxNGNewMemParserCtxt(a2_blob_schema, (int)A2_BLOB_LEN(a2_blob_schema));
	if (pc == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	/* the built-in schema is known good: its parse fails only for want
	 * of memory, and nothing of it is printed */
	xmlRelaxNGSetParserStructuredErrors(pc, ignore_error, NULL);
	schema = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (schema == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory (compiling the consultation schema)");
		goto out;
	}
	vc = xmlRelaxNGNewValidCtxt(schema);
	if (vc == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	xmlRelaxNGSetValidStructuredErrors(vc, (xmlStructuredErrorFunc)on_rng_error, &v);
	if (xmlRelaxNGValidateDoc(vc, doc) != 0 || v.nomem) {
		if (v.nomem)
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		else if (!v.seen)
			a2_error_set(err, A2_ERR_SCHEMA, "does not follow the consultation schema");
		goto out;
	}
	rc = 0;
out:
	xmlRelaxNGFreeValidCtxt(vc);
	xmlRelaxNGFree(schema);
	return rc;
}

/* Text content of an element, trimmed and with inner white space runs
 * folded to one space (the XML is indented by hand). */
static char *
text_of(const xmlNode *n)
{
	xmlChar *raw = xmlNodeGetContent(n);
	a2_buf b = {0};
	const char *p;
	int space = 0;

	if (raw == NULL)
		return NULL;
	for (p = (const char *)raw; *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			space = 1;
			continue;
		}
		if (space && b.len > 0)
			a2_buf_putc(&b, ' ');
		space = 0;
		a2_buf_putc(&b, *p);
	}
	xmlFree(raw);
	return a2_buf_take(&b);
}

static char *
attr_dup(const xmlNode *n, const char *name)
{
	return a2_strdup(a2_xml_attr(n, NULL, name));
}

static int
lines_of(const xmlNode *parent, char ***out, size_t *n)
{
	const xmlNode *c;
	size_t cap = 0;

	for (c = parent ? parent->children : NULL; c != NULL; c = c->next) {
		if (!a2_xml_is(c, NS_C, "line"))
			continue;
		if (a2_grow((void **)out, &cap, *n + 1, sizeof(char *)) != 0)
			return -1;
		if (((*out)[*n] = text_of(c)) == NULL)
			return -1;
		(*n)++;
	}
	return 0;
}

static int
load_texts(a2_form *f, const xmlNode *texts)
{
	const xmlNode *c;
	size_t cap = 0;

	for (c = texts->children; c != NULL; c = c->next) {
		a2_text *t;
		if (!a2_xml_is(c, NS_C, "text"))
			continue;
		if (a2_grow((void **)&f->texts, &cap, f->n_texts + 1, sizeof(a2_text)) != 0)
			return -1;
		t = &f->texts[f->n_texts++];
		memset(t, 0, sizeof(*t));
		t->rec = attr_dup(c, "rec");
		t->alias = attr_dup(c, "alias");
		t->kind = attr_dup(c, "kind");
		t->title = text_of(c);
		if (!t->rec || !t->alias || !t->kind || !t->title)
			return -1;
	}
	return 0;
}

static int
load_wording(a2_form *f, const xmlNode *w)
{
	a2_wording *wd;
	const xmlNode *c;
	size_t i;

	wd = realloc(f->wordings, (f->n_wordings + 1) * sizeof(*wd));
	if (wd == NULL)
		return -1;
	f->wordings = wd;
	wd = &f->wordings[f->n_wordings++];
	memset(wd, 0, sizeof(*wd));
	wd->lang = a2_strdup(a2_xml_attr(w, "http://www.w3.org/XML/1998/namespace", "lang"));
	if (wd->lang == NULL)
		return -1;
	{
		const char *st = a2_xml_attr(w, NULL, "status");
		wd->unofficial = st != NULL && strcmp(st, "unofficial") == 0;
	}
	for (c = w->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (a2_xml_is(c, NS_C, "meaning")) {
			static const char *const mkeys[A2_M__COUNT] = {
				"verb", "negation", "comments", "none", "none-after", "attached",
			};
			const xmlNode *m;
			for (m = c->children; m != NULL; m = m->next)
				for (i = 0; i < A2_M__COUNT; i++)
					if (a2_xml_is(m, NS_C, mkeys[i]) && wd->mean[i] == NULL &&
					    (wd->mean[i] = text_of(m)) == NULL)
						return -1;
			continue;
		}
		if (a2_xml_is(c, NS_C, "also")) {
			const char *key = a2_xml_attr(c, NULL, "for");
			a2_also *al;
			for (i = 0; i < A2_W__COUNT; i++)
				if (key != NULL && strcmp(key, word_keys[i]) == 0)
					break;
			if (i == A2_W__COUNT)
				continue;     /* the schema allows none other */
			al = realloc(wd->also, (wd->n_also + 1) * sizeof(*al));
			if (al == NULL)
				return -1;
			wd->also = al;
			al[wd->n_also].key = (a2_word)i;
			if ((al[wd->n_also].text = text_of(c)) == NULL)
				return -1;
			wd->n_also++;
			continue;
		}
		for (i = 0; i < A2_W__COUNT; i++) {
			if (a2_xml_is(c, NS_C, word_keys[i]) && wd->w[i] == NULL) {
				if ((wd->w[i] = text_of(c)) == NULL)
					return -1;
			}
		}
	}
	for (i = 0; i < A2_W__COUNT; i++)
		if (wd->w[i] == NULL)
			return -1;
	return 0;
}

/* A mail body: its <p> paragraphs joined by blank lines. */
static char *
paras_of(const xmlNode *n)
{
	const xmlNode *c;
	a2_buf b = {0};
	char *t;

	if (n == NULL)
		return NULL;
	for (c = n->children; c != NULL; c = c->next) {
		if (!a2_xml_is(c, NS_C, "p"))
			continue;
		if ((t = text_of(c)) == NULL) {
			a2_buf_free(&b);
			return NULL;
		}
		if (b.len > 0)
			a2_buf_puts(&b, "\n\n");
		a2_buf_puts(&b, t);
		free(t);
	}
	return a2_buf_take(&b);
}

/* The 12 month names of a deadline format (months="January February ..."):
 * 0, 1 when there are not 12 (said by the caller), -1 out of memory. */
static int
load_months(a2_mail_wording *m, const char *list)
{
	const char *p = list;
	size_t k = 0, l;

	while (p != NULL && *p) {
		p += strspn(p, " \t\n");
		if ((l = strcspn(p, " \t\n")) == 0)
			break;
		if (k == 12)
			return 1;
		if ((m->months[k++] = a2_strndup(p, l)) == NULL)
			return -1;
		p += l;
	}
	return list != NULL && k != 12;
}

/* 0; -1 out of memory; 1 a mail wording that is wrong in a way the schema
 * cannot say (its line in *line). */
static int
load_mail(a2_form *f, const xmlNode *w, long *line)
{
	static const struct { const char *name; size_t off; } pieces[] = {
		{"subject", offsetof(a2_mail_wording, subject)},
		{"reminder-subject", offsetof(a2_mail_wording, reminder_subject)},
		{"deadline", offsetof(a2_mail_wording, deadline_format)},
		{"no-reply", offsetof(a2_mail_wording, no_reply)},
		{"reply-late", offsetof(a2_mail_wording, reply_late)},
		{"reply-uncounted", offsetof(a2_mail_wording, reply_uncounted)},
		{"reply-incomplete", offsetof(a2_mail_wording, reply_incomplete)},
	};
	a2_mail_wording *m;
	const xmlNode *n;
	const char *st;
	size_t i;
	int k;

	m = realloc(f->mails, (f->n_mails + 1) * sizeof(*m));
	if (m == NULL)
		return -1;
	f->mails = m;
	m = &f->mails[f->n_mails++];
	memset(m, 0, sizeof(*m));
	m->lang = a2_strdup(a2_xml_attr(w, "http://www.w3.org/XML/1998/namespace", "lang"));
	st = a2_xml_attr(w, NULL, "status");
	m->unofficial = st != NULL && strcmp(st, "unofficial") == 0;
	for (i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++)
		if ((n = a2_xml_child(w, NS_C, pieces[i].name)) != NULL &&
		    (*(char **)((char *)m + pieces[i].off) = text_of(n)) == NULL)
			return -1;
	m->body = paras_of(a2_xml_child(w, NS_C, "body"));
	m->reminder_body = paras_of(a2_xml_child(w, NS_C, "reminder-body"));
	if (!(m->lang && m->subject && m->body && m->reminder_subject && m->reminder_body &&
	    m->deadline_format && m->no_reply && m->reply_late && m->reply_uncounted && m->reply_incomplete))
		return -1;
	n = a2_xml_child(w, NS_C, "deadline");
	if ((k = load_months(m, a2_xml_attr(n, NULL, "months"))) != 0 ||
	    (m->months[0] == NULL && strstr(m->deadline_format, "{month}") != NULL)) {
		*line = n->line;
		return k < 0 ? -1 : 1;
	}
	return 0;
}

static int
build(a2_form *f, const xmlNode *root, a2_error *err)
{
	const xmlNode *c, *n;

	f->id = attr_dup(root, "id");
	f->version = attr_dup(root, "version");
	for (c = root->children; c != NULL; c = c->next) {
		if (a2_xml_is(c, NS_C, "circular")) {
			f->bureau = attr_dup(c, "bureau");
			f->circular = attr_dup(c, "number");
			f->date = attr_dup(c, "date");
			f->ref = attr_dup(c, "ref");
		} else if (a2_xml_is(c, NS_C, "study-group")) {
			f->sg_number = attr_dup(c, "number");
			f->sg_name = attr_dup(c, "name");
			f->sg = a2_sprintf("SG%s", f->sg_number ? f->sg_number : "");
		} else if (a2_xml_is(c, NS_C, "meeting")) {
			f->meeting_place = attr_dup(c, "place");
			f->meeting_start = attr_dup(c, "start");
			f->meeting_end = attr_dup(c, "end");
		} else if (a2_xml_is(c, NS_C, "deadline")) {
			f->deadline = text_of(c);
		} else if (a2_xml_is(c, NS_C, "threshold")) {
			char *t = text_of(c);
			f->threshold = t ? strtod(t, NULL) : 0;
			free(t);
		} else if (a2_xml_is(c, NS_C, "addresses")) {
			if (lines_of(a2_xml_child(c, NS_C, "to"), &f->to_lines, &f->n_to) != 0 ||
			    lines_of(a2_xml_child(c, NS_C, "footer"), &f->footer_lines, &f->n_footer) != 0)
				goto nomem;
			if ((n = a2_xml_child(c, NS_C, "fax")) != NULL && (f->fax = text_of(n)) == NULL)
				goto nomem;
			if ((n = a2_xml_child(c, NS_C, "email")) != NULL && (f->email = text_of(n)) == NULL)
				goto nomem;
		} else if (a2_xml_is(c, NS_C, "texts")) {
			if (load_texts(f, c) != 0)
				goto nomem;
		} else if (a2_xml_is(c, NS_C, "wording")) {
			if (load_wording(f, c) != 0)
				goto nomem;
		} else if (a2_xml_is(c, NS_C, "mail")) {
			long line = 0;
			int k = load_mail(f, c, &line);
			if (k < 0)
				goto nomem;
			if (k > 0) {
				a2_error_at(err, NULL, NULL, (int)line, 0);
				return a2_error_set(err, A2_ERR_SCHEMA, "<mail xml:lang=\"%s\">: <deadline months=\"...\"> "
				    "needs the 12 month names, in order, when the format has {month}",
				    f->mails[f->n_mails - 1].lang);
			}
		}
	}
	/* a consultation that words its mail words it in every language of
	 * its forms: a state is written to in the language of its form */
	for (c = f->n_mails > 0 ? root->children : NULL; c != NULL; c = c->next) {
		const char *lang = a2_xml_is(c, NS_C, "wording") ?
		    a2_xml_attr(c, "http://www.w3.org/XML/1998/namespace", "lang") : NULL;
		size_t i;
		for (i = 0; lang != NULL && i < f->n_mails; i++)
			if (strcmp(f->mails[i].lang, lang) == 0)
				break;
		if (lang != NULL && i == f->n_mails) {
			a2_error_at(err, NULL, NULL, (int)c->line, 0);
			return a2_error_set(err, A2_ERR_SCHEMA, "the wording xml:lang=\"%s\" has no <mail xml:lang=\"%s\">: "
			    "every language of the forms needs its mail wording", lang, lang);
		}
	}
	if (!f->id || !f->version || !f->bureau || !f->circular || !f->date || !f->sg ||
	    !f->meeting_place || !f->deadline || !f->fax || !f->email)
		goto nomem;
	/* English first: a2_form_wording falls back to wordings[0]. */
	{
		size_t i;
		for (i = 1; i < f->n_wordings; i++) {
			if (strcmp(f->wordings[i].lang, "en") == 0) {
				a2_wording t = f->wordings[0];
				f->wordings[0] = f->wordings[i];
				f->wordings[i] = t;
			}
		}
		if (f->n_wordings == 0 || strcmp(f->wordings[0].lang, "en") != 0)
			return a2_error_set(err, A2_ERR_SCHEMA, "the consultation has no English wording (xml:lang=\"en\")");
	}
	return 0;
nomem:
	return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
}

static a2_form *
load_mem(const char *data, size_t len, const char *name, const int *nomem, a2_error *err)
{
	xmlDocPtr doc;
	a2_form *f = NULL;

	a2_error_at(err, name, NULL, 0, 0);
	doc = a2_xml_parse(data, len, NULL, 64, err);
	if (doc == NULL)
		return NULL;
	if (validate(doc, err) != 0) {
		if (*nomem)   /* not known to be wrong: memory ran out */
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	f = calloc(1, sizeof(*f));
	if (f == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	if ((f->path = a2_strdup(name ? name : "<memory>")) == NULL ||
	    build(f, xmlDocGetRootElement(doc), err) != 0 || *nomem) {
		if (err && (err->code == A2_OK || *nomem))
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		a2_form_free(f);
		f = NULL;
	}
out:
	xmlFreeDoc(doc);
	return f;
}

a2_form *
a2_form_load_mem(const char *data, size_t len, const char *name, a2_error *err)
{
	xmlStructuredErrorFunc old_serror = xmlStructuredError;
	void *old_sctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_gerror = xmlGenericError;
	void *old_gctx = xmlGenericErrorContext;
	int nomem = 0;
	a2_form *f;

	/* and the few messages libxml2 prints without a code (its schema
	 * datatypes' "Unimplemented block") go nowhere */
	xmlSetStructuredErrorFunc(&nomem, on_global_error);
	xmlSetGenericErrorFunc(NULL, ignore_generic);
	f = load_mem(data, len, name, &nomem, err);
	xmlSetGenericErrorFunc(old_gctx, old_gerror);
	xmlSetStructuredErrorFunc(old_sctx, old_serror);
	return f;
}

a2_form *
a2_form_load(const char *path, a2_error *err)
{
	unsigned char *data;
	size_t len;
	a2_form *f;

	if (path == NULL)
		return a2_form_load_mem(a2_blob_c195, A2_BLOB_LEN(a2_blob_c195),
		    "tsb-circular-195.xml (built in)", err);
	a2_error_at(err, path, NULL, 0, 0);
	if (a2_read_whole(path, (size_t)16 << 20, &data, &len, err) != 0)
		return NULL;
	f = a2_form_load_mem((const char *)data, len, path, err);
	free(data);
	return f;
}

static void
free_lines(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
a2_form_free(a2_form *f)
{
	size_t i, j;

	if (f == NULL)
		return;
	free(f->path); free(f->id); free(f->version); free(f->bureau); free(f->circular);
	free(f->date); free(f->ref); free(f->sg_number); free(f->sg_name); free(f->sg);
	free(f->meeting_place); free(f->meeting_start); free(f->meeting_end);
	free(f->deadline); free(f->fax); free(f->email);
	free_lines(f->to_lines, f->n_to);
	free_lines(f->footer_lines, f->n_footer);
	for (i = 0; i < f->n_texts; i++) {
		free(f->texts[i].rec); free(f->texts[i].alias);
		free(f->texts[i].kind); free(f->texts[i].title);
	}
	free(f->texts);
	for (i = 0; i < f->n_wordings; i++) {
		free(f->wordings[i].lang);
		for (j = 0; j < f->wordings[i].n_also; j++)
			free(f->wordings[i].also[j].text);
		for (j = 0; j < A2_M__COUNT; j++)
			free(f->wordings[i].mean[j]);
		free(f->wordings[i].also);
		for (j = 0; j < A2_W__COUNT; j++)
			free(f->wordings[i].w[j]);
	}
	free(f->wordings);
	for (i = 0; i < f->n_mails; i++) {
		free(f->mails[i].lang); free(f->mails[i].subject); free(f->mails[i].body);
		free(f->mails[i].reminder_subject); free(f->mails[i].reminder_body);
		free(f->mails[i].deadline_format); free(f->mails[i].no_reply); free(f->mails[i].reply_late);
		free(f->mails[i].reply_uncounted); free(f->mails[i].reply_incomplete);
		for (j = 0; j < 12; j++)
			free(f->mails[i].months[j]);
	}
	free(f->mails);
	free(f);
}

const a2_mail_wording *
a2_form_mail_wording(const a2_form *f, const char *lang)
{
	size_t i;

	if (f == NULL || f->n_mails == 0)
		return NULL;
	for (i = 0; lang != NULL && i < f->n_mails; i++)
		if (strcmp(f->mails[i].lang, lang) == 0)
			return &f->mails[i];
	for (i = 0; i < f->n_mails; i++)
		if (strcmp(f->mails[i].lang, "en") == 0)
			return &f->mails[i];
	return &f->mails[0];
}

const a2_wording *
a2_form_wording(const a2_form *f, const char *lang)
{
	size_t i;

	if (lang != NULL)
		for (i = 0; i < f->n_wordings; i++)
			if (strcmp(f->wordings[i].lang, lang) == 0)
				return &f->wordings[i];
	return &f->wordings[0];
}

char *
a2_form_fill(const char *tmpl, const char *const *kv, size_t n)
{
	a2_buf b = {0};
	const char *p = tmpl;
	size_t i, l;

	if (tmpl == NULL)
		return NULL;
	while (*p) {
		for (i = 0; i < n; i++)
			if (kv[2 * i] != NULL && (l = strlen(kv[2 * i])) > 0 && strncmp(p, kv[2 * i], l) == 0)
				break;
		if (i < n) {
			a2_buf_puts(&b, kv[2 * i + 1] ? kv[2 * i + 1] : "");
			p += l;
		} else {
			l = strcspn(p + 1, "{") + 1;
			a2_buf_add(&b, p, l);
			p += l;
		}
	}
	return a2_buf_take(&b);
}

char *
a2_form_expand(const a2_form *f, const char *tmpl, const a2_text *text, const char *state)
{
	a2_buf b = {0};
	const char *p = tmpl;
	size_t i;

	while (*p) {
		const char *q = strchr(p, '{');
		const char *e = q ? strchr(q, '}') : NULL;
		if (q == NULL || e == NULL) {
			a2_buf_puts(&b, p);
			break;
		}
		a2_buf_add(&b, p, (size_t)(q - p));
		if (!strncmp(q, "{circular}", 10))
			a2_buf_puts(&b, f->circular);
		else if (!strncmp(q, "{sg}", 4))
			a2_buf_puts(&b, f->sg);
		else if (!strncmp(q, "{sgn}", 5))
			a2_buf_puts(&b, f->sg_number);
		else if (!strncmp(q, "{texts}", 7)) {
			/* as Annex 2 writes it; a non-breaking hyphen keeps "ITU-T" whole */
			a2_buf_puts(&b, "ITU\u2011T ");
			for (i = 0; i < f->n_texts; i++) {
				if (i > 0)
					a2_buf_puts(&b, ", ");
				a2_buf_printf(&b, "%s (%s)", f->texts[i].rec, f->texts[i].alias);
			}
		} else if (!strncmp(q, "{rec}", 5) && text)
			a2_buf_puts(&b, text->rec);
		else if (!strncmp(q, "{alias}", 7) && text)
			a2_buf_puts(&b, text->alias);
		else if (!strncmp(q, "{state}", 7) && state)
			a2_buf_puts(&b, state);
		else
			a2_buf_add(&b, q, (size_t)(e - q + 1));
		p = e + 1;
	}
	return a2_buf_take(&b);
}
