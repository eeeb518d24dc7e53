/* gen/gen.c -- what the two writers share: the XML writer, the prepared
 * strings of a form, the reference line, and the contacts CSV. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlwriter.h>

#include "core/util.h"
#include "core/zip.h"
#include "gen/gen.h"

/* ==== XML writer ======================================================= */

static void
silent_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void
silent_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

int
a2_xw_open(a2_xw *x, a2_error *err)
{
	memset(x, 0, sizeof(*x));
	x->old_generic = xmlGenericError;
	x->old_generic_ctx = xmlGenericErrorContext;
	x->old_structured = xmlStructuredError;
	x->old_structured_ctx = xmlStructuredErrorContext;
	x->silenced = 1;
	xmlSetGenericErrorFunc(NULL, silent_generic);
	xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)silent_structured);
	x->buf = xmlBufferCreate();
	if (x->buf != NULL)
		x->w = xmlNewTextWriterMemory(x->buf, 0);
	if (x->w == NULL ||
	    xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", "yes") < 0) {
		a2_xw_free(x);
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	}
	return 0;
}


static void
attrs_v(a2_xw *x, va_list ap)
{
	const char *n, *v;

	while ((n = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		a2_xw_attr(x, n, v);
	}
}

void
a2_xw_start(a2_xw *x, const char *name, ...)
{
	va_list ap;

	if (!x->failed && xmlTextWriterStartElement(x->w, (const xmlChar *)name) < 0)
		x->failed = 1;
	va_start(ap, name);
	attrs_v(x, ap);
	va_end(ap);
}

void
a2_xw_el(a2_xw *x, const char *name, ...)
{
	va_list ap;

	if (!x->failed && xmlTextWriterStartElement(x->w, (const xmlChar *)name) < 0)
		x->failed = 1;
	va_start(ap, name);
	attrs_v(x, ap);
	va_end(ap);
	a2_xw_end(x);
}

void
a2_xw_end(a2_xw *x)
{
	if (!x->failed && xmlTextWriterEndElement(x->w) < 0)
		x->failed = 1;
}

/* 1 when XML 1.0 can hold the code point (Char production). */
static int
xml_char_ok(unsigned cp)
{
	if (cp < 0x20)
		return cp == 0x9 || cp == 0xA || cp == 0xD;
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	return cp != 0xFFFE && cp != 0xFFFF && cp <= 0x10FFFF;
}

/* A copy XML can hold: bad UTF-8 as U+FFFD, forbidden characters and CR
 * dropped.  NULL on allocation failure. */
static char *
clean(const char *s, size_t len)
{
	a2_buf b = {0};
	size_t i = 0, n;
	unsigned cp;

	while (i < len) {
		n = a2_utf8_next(s + i, len - i, &cp);
		if (xml_char_ok(cp) && cp != 0xD)
			a2_buf_put_cp(&b, cp);
		i += n;
	}
	return a2_buf_take(&b);
}

void
a2_xw_attr(a2_xw *x, const char *name, const char *value)
{
	char *v;

	if (x->failed || value == NULL)
		return;
	v = clean(value, strlen(value));
	if (v == NULL || xmlTextWriterWriteAttribute(x->w, (const xmlChar *)name, (const xmlChar *)v) < 0)
		x->failed = 1;
	free(v);
}

void
a2_xw_text(a2_xw *x, const char *s, size_t len)
{
	char *t;

	if (x->failed || len == 0)
		return;
	t = clean(s, len);
	if (t == NULL || (*t != '\0' && xmlTextWriterWriteString(x->w, (const xmlChar *)t) < 0))
		x->failed = 1;
	free(t);
}

void
a2_xw_text_el(a2_xw *x, const char *name, const char *text, ...)
{
	va_list ap;

	if (!x->failed && xmlTextWriterStartElement(x->w, (const xmlChar *)name) < 0)
		x->failed = 1;
	va_start(ap, text);
	attrs_v(x, ap);
	va_end(ap);
	if (text != NULL)
		a2_xw_text(x, text, strlen(text));
	a2_xw_end(x);
}

int
a2_xw_finish(a2_xw *x, char **out, size_t *len, const char *member, a2_error *err)
{
	xmlBufferPtr buf = x->buf;
	int rc = -1;

	*out = NULL;
	*len = 0;
	if (!x->failed && xmlTextWriterEndDocument(x->w) < 0)
		x->failed = 1;
	/* Freeing the writer flushes it into the buffer. */
	xmlFreeTextWriter(x->w);
	x->w = NULL;
	if (x->failed) {
		a2_error_at(err, NULL, member, 0, 0);
		a2_error_set(err, A2_ERR_NOMEM, "out of memory while writing %s", member);
		goto out;
	}
	*len = (size_t)xmlBufferLength(buf);
	*out = a2_strndup((const char *)xmlBufferContent(buf), *len);
	if (*out == NULL) {
		*len = 0;
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	rc = 0;
out:
	a2_xw_free(x);
	return rc;
}

void
a2_xw_free(a2_xw *x)
{
	if (x == NULL)
		return;
	if (x->w != NULL)
		xmlFreeTextWriter(x->w);
	if (x->buf != NULL)
		xmlBufferFree(x->buf);
	x->w = NULL;
	x->buf = NULL;
	if (x->silenced) {
		xmlSetGenericErrorFunc(x->old_generic_ctx, x->old_generic);
		xmlSetStructuredErrorFunc(x->old_structured_ctx, x->old_structured);
		x->silenced = 0;
	}
}

/* ==== prepared strings ================================================= */

static const char *const opt_names[A2_OPT__COUNT] = {
	"assigns", "none", "attached", "not-assign"
};

const char *
a2_gen_opt_name(int opt)
{
	return opt >= 0 && opt < A2_OPT__COUNT ? opt_names[opt] : "";
}

char *
a2_form_reference(const a2_form *form, const a2_state *st)
{
	if (form == NULL)
		return NULL;
	if (st == NULL || st->iso3 == NULL)
		return a2_sprintf("%s Circular %s", form->bureau, form->circular);
	return a2_sprintf("%s Circular %s / %s", form->bureau, form->circular, st->iso3);
}

static void
put_safe(a2_buf *b, const char *s, size_t max)
{
	size_t n;

	for (n = 0; s[n] != '\0' && n < max; n++)
		a2_buf_putc(b, ((unsigned char)s[n] < 0x80 && isalnum((unsigned char)s[n])) ? s[n] : '_');
}

/* A bookmark name Word accepts (a letter first, then ASCII letters, digits
 * and '_', at most 40 characters): "annex2_" [+ rec] + "_" + what, with
 * '_' for anything else. */
static char *
bookmark_name(const char *rec, const char *what)
{
	a2_buf b = {0};

	a2_buf_puts(&b, "annex2_");
	if (rec != NULL) {
		put_safe(&b, rec, 16);
		a2_buf_putc(&b, '_');
	}
	put_safe(&b, what, 16);
	return a2_buf_take(&b);
}

static const struct {
	const char *tag;
	a2_word ph;
	int multiline;
} inputs[A2_IN__COUNT] = {
	[A2_IN_FROM_NAME] = {"from-name", A2_W_NAME, 0},
	[A2_IN_FROM_TITLE] = {"from-title", A2_W_TITLE, 0},
	[A2_IN_ADDRESS] = {"address", A2_W_ADDRESS, 1},
	[A2_IN_PLACE] = {"place", A2_W_PLACE, 0},
	[A2_IN_DATE] = {"date", A2_W_DATE_PLACEHOLDER, 0},
	[A2_IN_NAME] = {"name", A2_W_NAME, 0},
	[A2_IN_TITLE] = {"title", A2_W_TITLE, 0},
};

/* The placeholder wording without its brackets: "[Name]" -> "Name". */
static char *
unbracket(const char *ph)
{
	size_t n = strlen(ph);

	if (n >= 2 && ph[0] == '[' && ph[n - 1] == ']')
		return a2_strndup(ph + 1, n - 2);
	return a2_strdup(ph);
}

static int
nonempty(const char *s)
{
	return s != NULL && *s != '\0';
}

int
a2_gen_prepare(a2_gen *g, const a2_form *form, const a2_state *st,
               const a2_gen_opts *opts, a2_error *err)
{
	static const a2_word opt_word[A2_OPT__COUNT] = {
		A2_W_ASSIGNS, A2_W_OPTION_NONE, A2_W_OPTION_ATTACHED, A2_W_NOT_ASSIGN
	};
	size_t i;
	int k;

	memset(g, 0, sizeof(*g));
	if (form == NULL || st == NULL || st->iso3 == NULL || st->name == NULL ||
	    form->n_wordings == 0)
		return a2_error_set(err, A2_ERR_USAGE, "no form or no Member State given");
	g->form = form;
	g->st = st;
	g->wd = a2_form_wording(form, opts ? opts->lang : NULL);
	g->lang = g->wd->lang;
	if (opts != NULL && opts->contact != NULL) {
		const a2_contact *c = opts->contact;
		g->c_name = nonempty(c->name) ? c->name : NULL;
		g->c_title = nonempty(c->title) ? c->title : NULL;
		g->c_address = nonempty(c->address) ? c->address : NULL;
		g->c_email = nonempty(c->email) ? c->email : NULL;
	}
	g->state_name = a2_state_form_name(st, g->lang);
	for (k = 0; k < A2_W__COUNT; k++) {
		/* {formal}: the formal name, where the wording wants it */
		const char *kv[] = {"{formal}", a2_state_formal_name(st, g->lang)};
		char *t = a2_form_fill(g->wd->w[k], kv, 1);
		g->w[k] = t != NULL ? a2_form_expand(form, t, NULL, g->state_name) : NULL;
		free(t);
		if (g->w[k] == NULL)
			goto nomem;
	}
	g->reference = a2_form_reference(form, st);
	g->title = a2_sprintf("%s \xE2\x80\x93 %s Circular %s \xE2\x80\x93 %s", g->w[A2_W_ANNEX],
	    form->bureau, form->circular, st->name);
	g->created = a2_sprintf("%sT00:00:00Z", form->date);
	if (g->reference == NULL || g->title == NULL || g->created == NULL)
		goto nomem;
	for (k = 0; k < A2_IN__COUNT; k++) {
		a2_gen_input *in = &g->in[k];
		in->tag = inputs[k].tag;
		in->ph = g->w[inputs[k].ph];
		in->multiline = inputs[k].multiline;
		in->alias = unbracket(in->ph);
		in->bookmark = bookmark_name(NULL, in->tag);
		if (in->alias == NULL || in->bookmark == NULL)
			goto nomem;
	}
	if (form->n_texts > 0) {
		g->texts = calloc(form->n_texts, sizeof(*g->texts));
		if (g->texts == NULL)
			goto nomem;
	}
	g->n_texts = form->n_texts;
	for (i = 0; i < form->n_texts; i++) {
		a2_gen_text *t = &g->texts[i];
		const a2_text *x = &form->texts[i];
		const char *lt = x->kind != NULL && strcmp(x->kind, "revised") == 0
		    ? g->wd->w[A2_W_TEXT_REVISED] : g->wd->w[A2_W_TEXT_NEW];

		t->text = x;
		if ((t->label = a2_form_expand(form, lt, x, g->state_name)) == NULL)
			goto nomem;
		for (k = 0; k < A2_OPT__COUNT; k++) {
			t->opt[k] = a2_form_expand(form, g->wd->w[opt_word[k]], x, g->state_name);
			t->tag[k] = a2_sprintf("%s/%s", x->rec, opt_names[k]);
			t->bookmark[k] = bookmark_name(x->rec, opt_names[k]);
			if (t->opt[k] == NULL || t->tag[k] == NULL || t->bookmark[k] == NULL)
				goto nomem;
		}
	}
	return 0;
nomem:
	a2_gen_clear(g);
	return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
}

void
a2_gen_clear(a2_gen *g)
{
	size_t i;
	int k;

	if (g == NULL)
		return;
	for (k = 0; k < A2_W__COUNT; k++)
		free(g->w[k]);
	free(g->reference);
	free(g->title);
	free(g->created);
	for (k = 0; k < A2_IN__COUNT; k++) {
		free(g->in[k].alias);
		free(g->in[k].bookmark);
	}
	for (i = 0; g->texts != NULL && i < g->n_texts; i++) {
		free(g->texts[i].label);
		for (k = 0; k < A2_OPT__COUNT; k++) {
			free(g->texts[i].opt[k]);
			free(g->texts[i].tag[k]);
			free(g->texts[i].bookmark[k]);
		}
	}
	free(g->texts);
	memset(g, 0, sizeof(*g));
}

const char *
a2_gen_lang_tag(const a2_gen *g)
{
	static const char *const map[][2] = {
		{"en", "en-GB"}, {"fr", "fr-FR"}, {"es", "es-ES"},
		{"ru", "ru-RU"}, {"ar", "ar-SA"}, {"zh", "zh-CN"},
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(g->lang, map[i][0]) == 0)
			return map[i][1];
	return g->lang;
}

int
a2_gen_rtl(const a2_gen *g)
{
	static const char *const rtl[] = {"ar", "he", "fa", "ur"};
	size_t i, n;

	for (i = 0; i < sizeof(rtl) / sizeof(rtl[0]); i++) {
		n = strlen(rtl[i]);
		if (strncmp(g->lang, rtl[i], n) == 0 && (g->lang[n] == '\0' || g->lang[n] == '-'))
			return 1;
	}
	return 0;
}

const char *
a2_gen_cjk_font(const a2_gen *g)
{
	if (strncmp(g->lang, "zh", 2) == 0)
		return "Noto Serif CJK SC";
	if (strncmp(g->lang, "ja", 2) == 0)
		return "Noto Serif CJK JP";
	if (strncmp(g->lang, "ko", 2) == 0)
		return "Noto Serif CJK KR";
	return NULL;
}

const char *
a2_gen_cjk_alt(const a2_gen *g)
{
	if (strncmp(g->lang, "zh", 2) == 0)
		return "SimSun";
	if (strncmp(g->lang, "ja", 2) == 0)
		return "MS Mincho";
	if (strncmp(g->lang, "ko", 2) == 0)
		return "Batang";
	return NULL;
}

/* ==== contacts CSV ===================================================== */

#define CONTACTS_MAX_BYTES ((size_t)16 << 20)
#define CSV_MAX_FIELDS 64

enum { C_ISO3, C_NAME, C_TITLE, C_ADDRESS, C_EMAIL, C__COUNT };
static const char *const contact_cols[C__COUNT] = {
	"iso3", "name", "title", "address", "email"
};

/* One parsed record: fields point into a scratch buffer. */
typedef struct csv_rec {
	char *f[CSV_MAX_FIELDS];
	size_t nf;
	unsigned line;      /* line where the record starts */
} csv_rec;

typedef struct csv {
	const char *p, *end;
	unsigned line;      /* current line, 1-based */
	a2_buf scratch;
	size_t off[CSV_MAX_FIELDS];
} csv;

/* Reads one RFC 4180 record.  1 read, 0 end of input, -1 error. */
static int
csv_next(csv *c, csv_rec *r, a2_error *err)
{
	size_t i;

	if (c->p >= c->end)
		return 0;
	c->scratch.len = 0;
	r->nf = 0;
	r->line = c->line;
	for (;;) {
		if (r->nf == CSV_MAX_FIELDS) {
			a2_error_at(err, NULL, NULL, (int)r->line, 0);
			return a2_error_set(err, A2_ERR_DATA, "more than %d fields", CSV_MAX_FIELDS);
		}
		c->off[r->nf++] = c->scratch.len;
		if (c->p < c->end && *c->p == '"') {
			unsigned qline = c->line;
			c->p++;
			for (;;) {
				if (c->p >= c->end) {
					a2_error_at(err, NULL, NULL, (int)qline, 0);
					return a2_error_set(err, A2_ERR_DATA,
					    "a quoted field is not closed (it opens on this line)");
				}
				if (*c->p == '"') {
					if (c->p + 1 < c->end && c->p[1] == '"') {
						a2_buf_putc(&c->scratch, '"');
						c->p += 2;
						continue;
					}
					c->p++;
					break;
				}
				if (*c->p == '\n')
					c->line++;
				if (*c->p != '\r')
					a2_buf_putc(&c->scratch, *c->p);
				c->p++;
			}
			if (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') {
				a2_error_at(err, NULL, NULL, (int)c->line, 0);
				return a2_error_set(err, A2_ERR_DATA,
				    "text after the closing quote of field %zu", r->nf);
			}
		} else {
			while (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') {
				if (*c->p == '"') {
					a2_error_at(err, NULL, NULL, (int)c->line, 0);
					return a2_error_set(err, A2_ERR_DATA,
					    "a quote inside unquoted field %zu (quote the whole field and double the quote)",
					    r->nf);
				}
				a2_buf_putc(&c->scratch, *c->p++);
			}
		}
		a2_buf_putc(&c->scratch, '\0');
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		/* end of record */
		if (c->p < c->end && *c->p == '\r')
			c->p++;
		if (c->p < c->end && *c->p == '\n')
			c->p++;
		c->line++;
		break;
	}
	if (c->scratch.failed)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	for (i = 0; i < r->nf; i++)
		r->f[i] = c->scratch.data + c->off[i];
	return 1;
}

static int
blank_record(const csv_rec *r)
{
	return r->nf == 1 && r->f[0][0] == '\0';
}

static char *
trim_dup(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return a2_strndup(s, n);
}

static int
iso3_ok(const char *s)
{
	return strlen(s) == 3 && isalpha((unsigned char)s[0]) &&
	    isalpha((unsigned char)s[1]) && isalpha((unsigned char)s[2]);
}

/* Parses the CSV text; *out and *n grow as records are read. */
static int
contacts_parse(const char *data, size_t len, a2_contact **out, size_t *n, a2_error *err)
{
	csv c;
	csv_rec r;
	int col[C__COUNT];
	size_t cap = 0, i, nhead = 0;
	unsigned *lines = NULL;
	size_t cap_lines = 0;
	int k, got, rc = -1, lang_col = -1;

	memset(&c, 0, sizeof(c));
	memset(&r, 0, sizeof(r));
	c.p = data;
	c.end = data + len;
	c.line = 1;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		c.p += 3;
	if (!a2_utf8_valid(data, len)) {
		unsigned line = 1, cp;
		size_t at = 0, step;
		while (at < len) {
			step = a2_utf8_next(data + at, len - at, &cp);
			if (cp == 0xFFFD && step == 1)
				break;
			line += data[at] == '\n';
			at += step;
		}
		a2_error_at(err, NULL, NULL, (int)line, 0);
		a2_error_set(err, A2_ERR_DATA, "not UTF-8 text (save the file as UTF-8)");
		goto out;
	}
	/* header */
	do {
		got = csv_next(&c, &r, err);
	} while (got == 1 && blank_record(&r));
	if (got < 0)
		goto out;
	if (got == 0) {
		a2_error_set(err, A2_ERR_DATA, "empty file: expected the header iso3,name,title,address,email");
		goto out;
	}
	for (k = 0; k < C__COUNT; k++) {
		col[k] = -1;
		for (i = 0; i < r.nf; i++) {
			char *h = trim_dup(r.f[i]);
			int same = h != NULL && strcasecmp(h, contact_cols[k]) == 0;
			free(h);
			if (same) {
				col[k] = (int)i;
				break;
			}
		}
		if (col[k] < 0) {
			a2_error_at(err, NULL, NULL, (int)r.line, 0);
			a2_error_set(err, A2_ERR_DATA,
			    "the header has no column \"%s\" (expected iso3,name,title,address,email)",
			    contact_cols[k]);
			goto out;
		}
	}
	nhead = r.nf;
	/* the optional column lang (the state's language) */
	for (i = 0; i < r.nf; i++) {
		char *h = trim_dup(r.f[i]);
		int same = h != NULL && strcasecmp(h, "lang") == 0;
		free(h);
		if (same) {
			lang_col = (int)i;
			break;
		}
	}
	/* records */
	while ((got = csv_next(&c, &r, err)) == 1) {
		a2_contact *ct;

		if (blank_record(&r))
			continue;
		if (r.nf != nhead) {
			a2_error_at(err, NULL, NULL, (int)r.line, 0);
			a2_error_set(err, A2_ERR_DATA, "%zu fields, the header has %zu", r.nf, nhead);
			goto out;
		}
		if (a2_grow((void **)out, &cap, *n + 1, sizeof(**out)) != 0 ||
		    a2_grow((void **)&lines, &cap_lines, *n + 1, sizeof(*lines)) != 0) {
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			goto out;
		}
		ct = &(*out)[*n];
		memset(ct, 0, sizeof(*ct));
		(*n)++;
		ct->iso3 = trim_dup(r.f[col[C_ISO3]]);
		ct->name = trim_dup(r.f[col[C_NAME]]);
		ct->title = trim_dup(r.f[col[C_TITLE]]);
		ct->address = trim_dup(r.f[col[C_ADDRESS]]);
		ct->email = trim_dup(r.f[col[C_EMAIL]]);
		if (lang_col >= 0 && (ct->lang = trim_dup(r.f[lang_col])) != NULL && ct->lang[0] == '\0') {
			free(ct->lang);
			ct->lang = NULL;
		}
		if (!ct->iso3 || !ct->name || !ct->title || !ct->address || !ct->email) {
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			goto out;
		}
		lines[*n - 1] = r.line;
		if (!iso3_ok(ct->iso3)) {
			a2_error_at(err, NULL, NULL, (int)r.line, 0);
			a2_error_set(err, A2_ERR_DATA,
			    "\"%s\" is not an ISO 3166 alpha-3 code", ct->iso3);
			goto out;
		}
		for (i = 0; i < 3; i++)
			ct->iso3[i] = (char)toupper((unsigned char)ct->iso3[i]);
		for (i = 0; i + 1 < *n; i++) {
			/* several rows per state (several addresses); the same
			 * address twice is a mistake */
			if (strcmp((*out)[i].iso3, ct->iso3) == 0 &&
			    strcasecmp((*out)[i].email, ct->email) == 0) {
				a2_error_at(err, NULL, NULL, (int)r.line, 0);
				a2_error_set(err, A2_ERR_DATA, "%s <%s> is already listed on line %u",
				    ct->iso3, ct->email, lines[i]);
				goto out;
			}
		}
	}
	if (got < 0)
		goto out;
	rc = 0;
out:
	free(lines);
	a2_buf_free(&c.scratch);
	return rc;
}

a2_contact *
a2_contacts_load(const char *path, size_t *n, a2_error *err)
{
	unsigned char *data = NULL;
	size_t len = 0;
	a2_contact *v = NULL;
	size_t nv = 0;

	if (n != NULL)
		*n = 0;
	if (path == NULL || n == NULL) {
		a2_error_set(err, A2_ERR_USAGE, "no contacts file given");
		return NULL;
	}
	a2_error_at(err, path, NULL, 0, 0);
	if (a2_read_whole(path, CONTACTS_MAX_BYTES, &data, &len, err) != 0)
		return NULL;
	if (contacts_parse((const char *)data, len, &v, &nv, err) != 0) {
		a2_contacts_free(v, nv);
		v = NULL;
		nv = 0;
	} else if (v == NULL) {
		/* A header and no rows: a valid, empty list. */
		v = calloc(1, sizeof(*v));
		if (v == NULL)
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	}
	free(data);
	*n = nv;
	return v;
}

void
a2_contacts_free(a2_contact *c, size_t n)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(c[i].iso3);
		free(c[i].name);
		free(c[i].title);
		free(c[i].address);
		free(c[i].email);
		free(c[i].lang);
	}
	free(c);
}

const a2_contact *
a2_contacts_find(const a2_contact *c, size_t n, const char *iso3)
{
	size_t i;

	if (c == NULL || iso3 == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (c[i].iso3 != NULL && strcasecmp(c[i].iso3, iso3) == 0)
			return &c[i];
	return NULL;
}

int
a2_gen_package(const a2_form *form, const a2_state *st, const a2_gen_opts *opts,
               const char *mimetype, const a2_gen_part *parts, size_t n_parts,
               unsigned char **out, size_t *len, a2_error *err)
{
	return a2_gen_package_more(form, st, opts, mimetype, parts, n_parts, NULL, out, len, err);
}

int
a2_gen_package_more(const a2_form *form, const a2_state *st, const a2_gen_opts *opts,
                    const char *mimetype, const a2_gen_part *parts, size_t n_parts,
                    a2_gen_more more, unsigned char **out, size_t *len, a2_error *err)
{
	a2_gen g;
	a2_zipout *zo = NULL;
	char *xml = NULL;
	size_t n, i;
	int rc = -1;

	if (out == NULL || len == NULL)
		return a2_error_set(err, A2_ERR_USAGE, "no output buffer given");
	*out = NULL;
	*len = 0;
	if (a2_gen_prepare(&g, form, st, opts, err) != 0)
		return -1;
	if ((zo = a2_zipout_new(err)) == NULL)
		goto out;
	/* ODF: the mimetype first, stored, so that `file` and office suites
	 * recognise the package from its first bytes. */
	if (mimetype != NULL &&
	    a2_zipout_add(zo, "mimetype", mimetype, strlen(mimetype), 1, err) != 0)
		goto out;
	for (i = 0; i < n_parts; i++) {
		if (parts[i].fn(&g, &xml, &n, err) != 0 ||
		    a2_zipout_add(zo, parts[i].name, xml, n, 0, err) != 0)
			goto out;
		free(xml);
		xml = NULL;
	}
	if (more != NULL && more(&g, zo, err) != 0)
		goto out;
	rc = a2_zipout_finish(zo, out, len, err);
	zo = NULL;
out:
	free(xml);
	a2_zipout_free(zo);
	a2_gen_clear(&g);
	return rc;
}

const char *
a2_generate_lang(const a2_form *form, const a2_state *st, const a2_contact *contact,
                 const char *forced)
{
	const char *want[3];
	size_t i;

	want[0] = forced != NULL && strcmp(forced, "all") != 0 ? forced : NULL;
	want[1] = contact != NULL ? contact->lang : NULL;
	want[2] = st != NULL ? st->lang : NULL;
	for (i = 0; i < 3; i++)
		if (want[i] != NULL && strcmp(a2_form_wording(form, want[i])->lang, want[i]) == 0)
			return want[i];
	return form->wordings[0].lang;
}
