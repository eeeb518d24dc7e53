/* read/docx/styles.c -- DOCX: run properties and styles (strike, highlight, hidden), kept for the next reply.
 * (docx.c describes the front end.) */
#include "read/docx/docx_int.h"

/* ---- run properties and styles ---- */

static const rprops rp_none = {-1, -1, -1, -1, -1, -1, -1};

void
dx_rp_unset(rprops *p)
{
	*p = rp_none;
}

/* Overlays the properties set in src onto dst. */
void
dx_rp_merge(rprops *dst, const rprops *src)
{
	if (src->strike >= 0) dst->strike = src->strike;
	if (src->dstrike >= 0) dst->dstrike = src->dstrike;
	if (src->hl >= 0) dst->hl = src->hl;
	if (src->shd >= 0) dst->shd = src->shd;
	if (src->bold >= 0) dst->bold = src->bold;
	if (src->vanish >= 0) dst->vanish = src->vanish;
	if (src->sym >= 0) dst->sym = src->sym;
}

/* 1 when a w:shd colours the background (not auto, not white, not nil). */
int
dx_shd_on(const dx *x, const xmlNode *shd)
{
	const char *val = dx_w_attr(x, shd, "val");
	const char *fill = dx_w_attr(x, shd, "fill");
	const char *color = dx_w_attr(x, shd, "color");

	if (val != NULL && strcmp(val, "nil") == 0)
		return 0;
	if (fill != NULL && strcasecmp(fill, "auto") != 0 && strcasecmp(fill, "FFFFFF") != 0)
		return 1;
	/* a solid pattern paints the pattern colour */
	return val != NULL && strcmp(val, "solid") == 0 && color != NULL &&
	    strcasecmp(color, "auto") != 0 && strcasecmp(color, "FFFFFF") != 0;
}

/* Reads the properties of interest from a w:rPr into p (overlaying). */
void
dx_rp_read(const dx *x, const xmlNode *rpr, rprops *p)
{
	const xmlNode *c;
	int v;

	if (rpr == NULL)
		return;
	for (c = rpr->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (dx_is_w(x, c, "strike")) {
			if ((v = dx_onoff(x, c)) >= 0) p->strike = (signed char)v;
		} else if (dx_is_w(x, c, "dstrike")) {
			if ((v = dx_onoff(x, c)) >= 0) p->dstrike = (signed char)v;
		} else if (dx_is_w(x, c, "b")) {
			if ((v = dx_onoff(x, c)) >= 0) p->bold = (signed char)v;
		} else if (dx_is_w(x, c, "vanish")) {
			if ((v = dx_onoff(x, c)) >= 0) p->vanish = (signed char)v;
		} else if (dx_is_w(x, c, "highlight")) {
			const char *val = dx_w_attr(x, c, "val");
			p->hl = val != NULL && strcmp(val, "none") != 0;
		} else if (dx_is_w(x, c, "shd")) {
			p->shd = (signed char)dx_shd_on(x, c);
		} else if (dx_is_w(x, c, "rFonts")) {
			const char *f = dx_w_attr(x, c, "ascii");
			if (f == NULL)
				f = dx_w_attr(x, c, "hAnsi");
			if (f != NULL)
				p->sym = (signed char)dx_symfont_kind(f);
		}
	}
}

unsigned
dx_rp_flags(const rprops *p)
{
	unsigned f = 0;

	if (p->strike == 1 || p->dstrike == 1)
		f |= A2_SF_STRUCK;
	if (p->hl == 1 || p->shd == 1)
		f |= A2_SF_HIGHLIGHT;
	if (p->bold == 1)
		f |= A2_SF_BOLD;
	return f;
}

static int
style_cmp(const void *a, const void *b)
{
	return strcmp(((const style *)a)->id, ((const style *)b)->id);
}

const style *
dx_style_find(const dx *x, const char *id)
{
	style key;

	if (id == NULL || x->n_styles == 0)
		return NULL;
	key.id = (char *)(uintptr_t)id; /* bsearch key only; never written */
	return bsearch(&key, x->styles, x->n_styles, sizeof(style), style_cmp);
}

/*
 * The styles of the last styles parts read, kept by the reader: the replies
 * made from one form carry the same styles part, byte for byte, and what is
 * read from it depends only on those bytes, the namespace in use and the
 * depth limit.  The bytes are compared whole (never a checksum: a crafted
 * part must not pass for another).  Parts over STYLES_CACHE_MAX are not
 * kept, so that a hostile one does not stay in memory.  STYLES_CACHE_N
 * parts, the most recently used first: replies made by a few programs
 * come interleaved (the bench's 132 DOCX hold 6 styles parts: one kept,
 * 77 were parsed; four, 13).
 */
#define STYLES_CACHE_MAX (1u << 20)
#define STYLES_CACHE_N 4

typedef struct styles_entry {
	char *xml;            /* the styles part, as inflated */
	size_t len;
	const char *nsw;
	unsigned max_depth;
	rprops defaults;
	style *styles;
	size_t n_styles;
	size_t dflt;          /* index of the default paragraph style, or n_styles */
} styles_entry;

struct a2_docx_cache {
	styles_entry e[STYLES_CACHE_N];
	size_t n;
};

void
dx_styles_free(style *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].based);
	}
	free(v);
}

static void
entry_free(styles_entry *e)
{
	free(e->xml);
	dx_styles_free(e->styles, e->n_styles);
	memset(e, 0, sizeof(*e));
}

void
a2_docx_cache_free(a2_docx_cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		entry_free(&c->e[i]);
	free(c);
}

/* Moves entry i of c to the front (the most recently used). */
static void
to_front(a2_docx_cache *c, size_t i)
{
	styles_entry t = c->e[i];

	memmove(&c->e[1], &c->e[0], i * sizeof(c->e[0]));
	c->e[0] = t;
}

/* The cached styles when they were read from these very bytes: 1 and x
 * borrows them; else 0. */
int
dx_styles_cached(dx *x, const char *buf, size_t len)
{
	a2_docx_cache *c = x->cache != NULL ? *x->cache : NULL;
	const styles_entry *e;
	size_t i;

	for (i = 0; c != NULL && i < c->n; i++) {
		e = &c->e[i];
		if (e->xml == NULL || e->len != len || e->nsw != x->nsw ||
		    e->max_depth != x->lim->max_depth || memcmp(e->xml, buf, len) != 0)
			continue;
		to_front(c, i);
		e = &c->e[0];
		x->defaults = e->defaults;
		x->styles = e->styles;
		x->n_styles = e->n_styles;
		x->dflt_para = e->dflt < e->n_styles ? &e->styles[e->dflt] : NULL;
		x->styles_cached = 1;
		return 1;
	}
	return 0;
}

/* Hands x's styles, read from buf, to the cache (x borrows them from then
 * on), in place of the least recently used when it is full.  Returns 1
 * when buf was taken. */
static int
styles_keep(dx *x, char *buf, size_t len)
{
	a2_docx_cache *c;
	styles_entry *e;

	if (x->cache == NULL || len > STYLES_CACHE_MAX)
		return 0;
	if (*x->cache == NULL && (*x->cache = calloc(1, sizeof(**x->cache))) == NULL)
		return 0;   /* no cache: the styles stay x's */
	c = *x->cache;
	if (c->n == STYLES_CACHE_N)
		entry_free(&c->e[--c->n]);
	c->n++;
	to_front(c, c->n - 1);
	e = &c->e[0];
	e->xml = buf;
	e->len = len;
	e->nsw = x->nsw;
	e->max_depth = x->lim->max_depth;
	e->defaults = x->defaults;
	e->styles = x->styles;
	e->n_styles = x->n_styles;
	e->dflt = x->dflt_para != NULL ? (size_t)(x->dflt_para - x->styles) : x->n_styles;
	x->styles_cached = 1;
	return 1;
}

/* Loads styles.xml (through the main part's relationships): document
 * default run properties and each style's own run properties, then
 * resolves w:basedOn chains.  A missing or malformed styles part is
 * ignored.  0 or -1. */
int
dx_styles_load(dx *x)
{
	const rel *r = dx_rel_by_type(&x->mrels, "styles");
	const char *name = r != NULL ? r->target : "word/styles.xml";
	const char *dflt_id = NULL;
	char *dflt = NULL, *buf;
	xmlDoc *d;
	xmlNode *n;
	size_t cap = 0, i, len;
	int got, fatal, rc = -1;

	dx_rp_unset(&x->defaults);
	if ((got = dx_part_bytes(x, name, &buf, &len)) <= 0)
		return got;
	if (dx_styles_cached(x, buf, len)) {
		free(buf);
		return 0;
	}
	/* a struck or hidden style may carry an answer: damaged styles are an
	 * error, never answers read without them */
	if ((d = dx_parse_part(x, name, buf, len, 0, &fatal)) == NULL) {
		free(buf);
		return fatal ? -1 : 0;
	}
	n = xmlDocGetRootElement(d);
	for (n = n ? n->children : NULL; n != NULL; n = n->next) {
		style *s;
		const char *id, *type, *based;
		if (dx_is_w(x, n, "docDefaults")) {
			dx_rp_read(x, dx_w_child(x, dx_w_child(x, n, "rPrDefault"), "rPr"), &x->defaults);
			continue;
		}
		if (!dx_is_w(x, n, "style") || (id = dx_w_attr(x, n, "styleId")) == NULL)
			continue;
		if (a2_grow((void **)&x->styles, &cap, x->n_styles + 1, sizeof(style)) != 0)
			goto nomem;
		s = &x->styles[x->n_styles];
		memset(s, 0, sizeof(*s));
		dx_rp_unset(&s->own);
		based = dx_w_child_val(x, n, "basedOn");
		s->id = a2_strdup(id);
		s->based = a2_strdup(based);
		x->n_styles++;
		if (s->id == NULL || (based != NULL && s->based == NULL))
			goto nomem;
		dx_rp_read(x, dx_w_child(x, n, "rPr"), &s->own);
		type = dx_w_attr(x, n, "type");
		if (dflt_id == NULL && type != NULL && strcmp(type, "paragraph") == 0 &&
		    a2_xml_bool(dx_w_attr(x, n, "default"), 0) == 1)
			dflt_id = s->id;
	}
	if (dflt_id != NULL && (dflt = a2_strdup(dflt_id)) == NULL)
		goto nomem;
	if (x->n_styles > 0)
		qsort(x->styles, x->n_styles, sizeof(style), style_cmp);
	/* resolve each chain: the farthest ancestor first */
	for (i = 0; i < x->n_styles; i++) {
		const style *chain[STYLE_HOPS];
		const style *s = &x->styles[i];
		rprops eff;
		int k = 0;
		while (s != NULL && k < STYLE_HOPS) {
			chain[k++] = s;
			s = dx_style_find(x, s->based);
		}
		eff = rp_none;
		while (k-- > 0)
			dx_rp_merge(&eff, &chain[k]->own);
		x->styles[i].eff = eff;
	}
	x->dflt_para = dx_style_find(x, dflt);
	if (styles_keep(x, buf, len))
		buf = NULL;
	rc = 0;
	goto out;
nomem:
	dx_nomem(x);
out:
	free(buf);
	free(dflt);
	xmlFreeDoc(d);
	return rc;
}

