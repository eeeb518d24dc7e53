/*
 * read/docx/docx.c -- the DOCX front end: WordprocessingML lowered into the
 * reply model (annex2/doc.h).
 *
 * This is the only file that knows DOCX markup.  It finds the main part
 * through the package relationships, walks w:body iteratively (an explicit
 * frame stack, never C recursion: hostile documents nest deeply) and turns
 * every w:p into one a2_block -- including paragraphs in table cells, in
 * content controls and in text boxes -- with the marks of the controls
 * found on the way:
 *
 *   w14:checkbox content control   A2_MK_CONTENT_CONTROL, run/block/cell level
 *   legacy FORMCHECKBOX field       A2_MK_FORM_FIELD (w:ffData/w:checkBox)
 *   ActiveX CheckBox/OptionButton   A2_MK_ACTIVEX, state unknown
 *
 * A mark is named by the control's tag/alias (w:ffData/w:name, w:name),
 * else by a bookmark around or just before it: LibreOffice 7.4 drops tags
 * and legacy names but keeps bookmarks, and our generator writes one.
 *
 * The document is read as if every tracked change were accepted (w:del and
 * w:moveFrom skipped, w:ins kept and flagged), mc:AlternateContent is read
 * once (its first mc:Choice, else its mc:Fallback), hidden text is skipped,
 * and field instructions never become text.  Symbol-font characters
 * (w:sym, or text in a Wingdings/Symbol run) that look like boxes, ticks,
 * crosses or circles are mapped to their Unicode look-alikes; other
 * symbol-font characters are dropped.
 *
 * Scope: the main document body only (headers, footers and notes carry no
 * answers); custom properties (docProps/custom.xml) and the producer
 * (docProps/app.xml).
 *
 * Memory: everything the walk allocates hangs off one `dx` context that
 * dx_free() releases; a2_docx_lower() has one cleanup exit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "core/util.h"
#include "core/xml.h"
#include "core/zip.h"
#include "read/frontend.h"

/* ISO/IEC 29500 Strict spells the namespaces differently. */
#define NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define NS_R_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define NS_AX       "http://schemas.microsoft.com/office/2006/activeX"
#define NS_W16SE    "http://schemas.microsoft.com/office/word/2015/wordml/symex"

#define MAIN_DEFAULT   "word/document.xml"
#define STYLE_HOPS     16   /* w:basedOn chain followed at most this far */
#define FLD_MAX        128  /* nested complex fields tracked */
#define BM_MAX         64   /* open bookmarks remembered (most recent) */
#define INSTR_MAX      32   /* bytes of a field instruction kept */
#define GLYPH_MAX      32   /* bytes of a content control's glyph kept */

/* ---- symbol fonts ---- */

enum { SF_NONE = 0, SF_SYMBOL, SF_WINGDINGS, SF_WINGDINGS2, SF_WINGDINGS3, SF_WEBDINGS };

typedef struct symmap {
	unsigned char code;  /* the character code in the font */
	unsigned cp;         /* the Unicode look-alike */
} symmap;

/*
 * Only the characters a person may use to mark a choice: boxes (empty,
 * ticked, crossed), ticks, crosses, circles and bullets.  The Unicode 7
 * equivalents (tables by Microsoft's font charts) are mostly in the astral
 * plane and unknown to the matcher, so a box is mapped to ☐/□/☑/☒, a tick
 * to ✓/✔, a cross to ✗/×, a circle to ○/●/◉.
 */
static const symmap sym_wingdings[] = {
	{0x6C, 0x25CF}, /* medium black circle      -> ● */
	{0x6D, 0x25CB}, /* shadowed white circle    -> ○ */
	{0x6E, 0x25A0}, /* black medium square      -> ■ */
	{0x6F, 0x2610}, /* medium white square      -> ☐ */
	{0x70, 0x2610}, /* bold white square        -> ☐ */
	{0x71, 0x2610}, /* shadowed white square ❑  -> ☐ */
	{0x72, 0x2610}, /* shadowed white square ❒  -> ☐ */
	{0x78, 0x2612}, /* ⌧ X in a rectangle box   -> ☒ */
	{0x9E, 0x2219}, /* bullet operator ∙ */
	{0x9F, 0x2022}, /* bullet • */
	{0xA1, 0x25CB}, /* heavy circle             -> ○ */
	{0xA2, 0x25CB}, /* bold white circle        -> ○ */
	{0xA3, 0x25CB}, /* very heavy white circle  -> ○ */
	{0xA4, 0x25C9}, /* circle with black circle -> ◉ */
	{0xA5, 0x25CE}, /* round target ◎ */
	{0xA7, 0x25AA}, /* black small square ▪ */
	{0xA8, 0x2610}, /* light white square       -> ☐ */
	{0xFB, 0x2717}, /* ballot bold script X     -> ✗ */
	{0xFC, 0x2713}, /* check mark ✓ */
	{0xFD, 0x2612}, /* ballot box bold script X -> ☒ */
	{0xFE, 0x2611}, /* ballot box bold check    -> ☑ */
};

static const symmap sym_wingdings2[] = {
	{0x4F, 0x2717}, /* ballot script X          -> ✗ */
	{0x50, 0x2713}, /* light check mark         -> ✓ */
	{0x51, 0x2612}, /* ballot box script X      -> ☒ */
	{0x52, 0x2611}, /* ballot box with check ☑ */
	{0x53, 0x2612}, /* ballot box light X       -> ☒ */
	{0x54, 0x2612}, /* ballot box with X ☒ */
	{0x55, 0x2297}, /* circled X                -> ⊗ */
	{0x56, 0x2297}, /* circled bold X           -> ⊗ */
	{0x96, 0x2022}, /* black small circle       -> • */
	{0x97, 0x2022}, /* Z notation spot ⦁        -> • */
	{0x98, 0x25CF}, /* black circle ● */
	{0x99, 0x25CB}, /* white circle ○ */
	{0x9A, 0x25CB}, /* medium bold white circle -> ○ */
	{0x9B, 0x25CB}, /* heavy white circle       -> ○ */
	{0x9C, 0x25CB}, /* extremely heavy circle   -> ○ */
	{0x9D, 0x2299}, /* circled dot ⊙ */
	{0x9E, 0x25C9}, /* circled bullet ⦿         -> ◉ */
	{0xA1, 0x25FE}, /* black medium small square ◾ */
	{0xA2, 0x25A0}, /* black square ■ */
	{0xA3, 0x25A1}, /* white square □ */
	{0xA4, 0x2610}, /* heavy white square       -> ☐ */
	{0xA5, 0x2610}, /* very heavy white square  -> ☐ */
	{0xA6, 0x2610}, /* extremely heavy square   -> ☐ */
	{0xA8, 0x25A3}, /* square with black square ▣ */
};

static const symmap sym_symbol[] = {
	{0xB4, 0x00D7}, /* multiplication sign × */
	{0xB7, 0x2022}, /* bullet • */
	{0xC4, 0x2297}, /* circled times ⊗ */
	{0xC5, 0x2295}, /* circled plus ⊕ */
	{0xD6, 0x221A}, /* radical √ (used as a tick) */
	{0xE0, 0x25CA}, /* lozenge ◊ */
};

static const symmap sym_webdings[] = {
	{0x61, 0x2714}, /* heavy check mark ✔ */
	{0x63, 0x2610}, /* white large square       -> ☐ */
	{0x67, 0x25A0}, /* black large square       -> ■ */
	{0x6E, 0x25CF}, /* black large circle       -> ● */
	{0x72, 0x2717}, /* cancellation X           -> ✗ */
};

/* SF_* of a font name, SF_NONE for an ordinary font. */
static int
symfont_kind(const char *font)
{
	if (font == NULL)
		return SF_NONE;
	if (strcasecmp(font, "Symbol") == 0)
		return SF_SYMBOL;
	if (strcasecmp(font, "Wingdings") == 0)
		return SF_WINGDINGS;
	if (strcasecmp(font, "Wingdings 2") == 0)
		return SF_WINGDINGS2;
	if (strcasecmp(font, "Wingdings 3") == 0)
		return SF_WINGDINGS3;
	if (strcasecmp(font, "Webdings") == 0)
		return SF_WEBDINGS;
	return SF_NONE;
}

/* The Unicode look-alike of a symbol-font character code (0x00-0xFF or its
 * Private Use Area alias U+F000-U+F0FF), or 0 when it has none. */
static unsigned
sym_lookup(int kind, unsigned code)
{
	const symmap *t;
	size_t n, i;

	if (code >= 0xF000 && code <= 0xF0FF)
		code -= 0xF000;
	if (code > 0xFF)
		return 0;
	switch (kind) {
	case SF_WINGDINGS: t = sym_wingdings; n = sizeof(sym_wingdings) / sizeof(*t); break;
	case SF_WINGDINGS2: t = sym_wingdings2; n = sizeof(sym_wingdings2) / sizeof(*t); break;
	case SF_SYMBOL: t = sym_symbol; n = sizeof(sym_symbol) / sizeof(*t); break;
	case SF_WEBDINGS: t = sym_webdings; n = sizeof(sym_webdings) / sizeof(*t); break;
	default: return 0;
	}
	for (i = 0; i < n; i++)
		if (t[i].code == code)
			return t[i].cp;
	return 0;
}

/* A hexadecimal code point ("2612", "F0FE"), or 0 when s is not one. */
static unsigned
hex_cp(const char *s)
{
	char *end;
	unsigned long v;

	if (s == NULL || *s == '\0')
		return 0;
	v = strtoul(s, &end, 16);
	if (*end != '\0' || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	return (unsigned)v;
}

/* 1 for a code point worth putting in text: not a control character, a
 * surrogate or a noncharacter. */
static int
printable(unsigned cp)
{
	return cp >= 0x20 && !(cp >= 0x7F && cp <= 0x9F) && !(cp >= 0xFDD0 && cp <= 0xFDEF) &&
	    (cp & 0xFFFE) != 0xFFFE && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

/* 1 for combining marks and variation selectors (they belong to the glyph
 * before them: "⃝" is U+20DD). */
static int
is_combining(unsigned cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

/* ---- context ---- */

/* Run properties of one level (document defaults, a style, direct
 * formatting): each -1 when the level does not set it. */
typedef struct rprops {
	signed char strike, dstrike, hl, shd, bold, vanish, sym;
} rprops;

typedef struct style {
	char *id;
	char *based;         /* w:basedOn, or NULL */
	rprops own;          /* set by this style */
	rprops eff;          /* own merged over the basedOn chain */
} style;

typedef struct rel {
	char *id, *type, *target;  /* target resolved to a zip member name */
	int ax;                    /* ActiveX control kind: AX_* (cache) */
} rel;

enum { AX_UNREAD = 0, AX_OTHER, AX_CHECKBOX, AX_OPTION };

typedef struct rels {
	rel *v;
	size_t n, cap;
} rels;

/* What applies to the text at the current point of the walk.  Each frame
 * saves it on entry and restores it on exit. */
typedef struct scope {
	int block;          /* current block index, -1 outside a paragraph */
	int cb;             /* innermost checkbox content control, -1 none */
	size_t floor;       /* tables below this index are outside a text box */
	unsigned sflags;    /* A2_SF_INSERTED / A2_SF_FIELD from the context */
	unsigned pflags;    /* paragraph shading -> A2_SF_HIGHLIGHT */
	unsigned rflags;    /* run formatting: STRUCK, HIGHLIGHT, BOLD */
	int hidden;         /* w:vanish */
	int sym;            /* SF_* of the current run's font */
	rprops para;        /* defaults + paragraph style */
} scope;

enum { FR_PLAIN, FR_P, FR_TBL, FR_CB };

typedef struct frame {
	xmlNode *next;      /* next child to visit */
	int kind;           /* FR_*: what to do on exit */
	int aux;            /* FR_P: the paragraph mark is deleted */
	scope saved;
} frame;

typedef struct tbl {
	int index;          /* table number in document order */
	int row, col;       /* current row and grid column, -1 before the first */
	int next_col;
} tbl;

/* An open w14:checkbox content control. */
typedef struct cbox {
	a2_tri state;
	unsigned flags;
	const char *name;   /* w:tag or w:alias, in the tree */
	unsigned on_cp, off_cp;
	char glyph[GLYPH_MAX];
	unsigned glyph_cp;
	int taken;          /* glyph captured */
	int gblock;         /* where the glyph was */
	size_t goff;
	int sblock;         /* where the control began (run level) */
	size_t soff;
	size_t nblocks0;    /* blocks before the control (block level) */
	unsigned line;
} cbox;

enum { FK_OTHER, FK_CHECK, FK_DROP };

/* An open complex field (w:fldChar begin .. end). */
typedef struct field {
	int kind;           /* FK_* */
	int result;         /* separate seen: in the result */
	int ff;             /* begun with w:ffData (a form field) */
	int hides;          /* its current part is not text */
	a2_tri state;
	unsigned mflags;
	const char *name;   /* in the tree */
	int block;
	size_t off;
	unsigned line;
	char instr[INSTR_MAX];
	size_t n_instr;
} field;

typedef struct bmark {
	const char *id, *name;  /* in the tree */
} bmark;

typedef struct dx {
	a2_doc *doc;
	a2_zip *z;
	const a2_limits *lim;
	a2_error *err;
	const char *nsw;    /* WordprocessingML namespace in use */
	const xmlNs *w_ns;  /* a declaration of it in the tree walked (in_w()) */
	const char *nsr;    /* relationships namespace in use */
	const char *member; /* interned name of the main part */
	rels prels;         /* package relationships (_rels/.rels) */
	rels mrels;         /* main part relationships */
	style *styles;
	size_t n_styles;
	int styles_cached;  /* styles belong to the cache, not to x */
	a2_docx_cache **cache;  /* the reader's, or NULL */
	rprops defaults;    /* w:docDefaults */
	const style *dflt_para;
	scope sc;
	frame *frames;
	size_t n_frames, cap_frames;
	tbl *tbls;
	size_t n_tbls, cap_tbls;
	int n_tables;
	cbox *cbs;
	size_t n_cbs, cap_cbs;
	field flds[FLD_MAX];
	size_t n_flds;
	size_t fld_overflow; /* begins beyond FLD_MAX still open */
	size_t n_hiding;     /* open fields that hide text */
	bmark bms[BM_MAX];
	size_t n_bms;
	const char *bm_last;  /* the last bookmark a person could have named, */
	int bm_block;         /* and where it started */
	size_t bm_off, bm_nblocks;
	int merge_block;     /* block a paragraph with a deleted mark left open */
	int merge_t, merge_r, merge_c;
} dx;

static int
nomem(dx *x)
{
	return a2_error_set(x->err, A2_ERR_NOMEM, "out of memory");
}

static unsigned
line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);
	return l > 0 && l < 0x7fffffffL ? (unsigned)l : 0;
}

static int
is_w(const dx *x, const xmlNode *n, const char *local)
{
	return a2_xml_is(n, x->nsw, local);
}

static xmlNode *
w_child(const dx *x, const xmlNode *n, const char *local)
{
	return a2_xml_child(n, x->nsw, local);
}

static const char *
w_attr(const dx *x, const xmlNode *n, const char *name)
{
	return a2_xml_attr(n, x->nsw, name);
}

/* w:val of a child element, or NULL. */
static const char *
w_child_val(const dx *x, const xmlNode *n, const char *local)
{
	return w_attr(x, w_child(x, n, local), "val");
}

/* A CT_OnOff element: 1 when present with no val or a true val, 0 for a
 * false val, -1 when absent. */
static int
onoff(const dx *x, const xmlNode *e)
{
	if (e == NULL)
		return -1;
	return a2_xml_bool(w_attr(x, e, "val"), 1);
}

/* Integer w:val of a child, or dflt. */
static int
w_child_int(const dx *x, const xmlNode *n, const char *local, int dflt, int max)
{
	const char *v = w_child_val(x, n, local);
	char *end;
	long l;

	if (v == NULL)
		return dflt;
	l = strtol(v, &end, 10);
	if (end == v || l < 0)
		return dflt;
	return l > max ? max : (int)l;
}

/* ---- package: parts and relationships ---- */

/* Copies the error of an optional read into x->err, keeping x->err->file. */
static void
take_error(dx *x, const a2_error *e)
{
	char file[sizeof(e->file)];

	if (x->err == NULL)
		return;
	memcpy(file, x->err->file, sizeof(file));
	*x->err = *e;
	if (file[0] != '\0')
		memcpy(x->err->file, file, sizeof(file));
}

/* The bytes of one part: 1 with *buf (caller frees), 0 when the part is
 * missing, -1 with x->err filled (limits, damaged zip, memory). */
static int
part_bytes(dx *x, const char *name, char **buf, size_t *len)
{
	a2_error e;

	if (name == NULL || !a2_zip_has(x->z, name))
		return 0;
	a2_error_clear(&e);
	if ((*buf = a2_zip_read(x->z, name, len, &e)) == NULL) {
		take_error(x, &e);
		return -1;
	}
	return 1;
}

/* Parses the bytes of one part: the tree (caller frees), or NULL with
 * *fatal = 0 when, lenient, the XML is malformed (an optional part the
 * reader can do without), or with *fatal = 1 and x->err filled. */
static xmlDoc *
parse_part(dx *x, const char *name, const char *buf, size_t len, int lenient, int *fatal)
{
	a2_error e;
	xmlDoc *d;

	*fatal = 0;
	a2_error_clear(&e);
	d = a2_xml_parse(buf, len, name, x->lim->max_depth, &e);
	if (d == NULL && !(lenient && e.code == A2_ERR_XML)) {
		*fatal = 1;
		take_error(x, &e);
	}
	return d;
}

/*
 * Reads and parses one part.  Returns the tree (caller frees), or NULL:
 * with *fatal = 0 when the part is missing or, if lenient, malformed XML;
 * with *fatal = 1 and x->err filled on anything else (limits, damaged zip,
 * memory, or any error when not lenient).
 */
static xmlDoc *
load_part(dx *x, const char *name, int lenient, int *fatal)
{
	char *buf;
	size_t len;
	xmlDoc *d;
	int k = part_bytes(x, name, &buf, &len);

	*fatal = k < 0;
	if (k <= 0)
		return NULL;
	d = parse_part(x, name, buf, len, lenient, fatal);
	free(buf);
	return d;
}

/* Joins a relationship target to the folder of its source part and
 * normalises "." and ".." into a zip member name.  Caller frees. */
static char *
resolve_target(const char *source, const char *target)
{
	a2_buf b = {0};
	const char *slash, *p, *q;
	char *out;
	size_t len;

	if (target[0] == '/') {
		target++;
	} else if ((slash = strrchr(source, '/')) != NULL) {
		a2_buf_add(&b, source, (size_t)(slash - source) + 1);
	}
	a2_buf_puts(&b, target);
	out = a2_buf_take(&b);
	if (out == NULL)
		return NULL;
	/* normalise segment by segment in place */
	len = 0;
	for (p = out; *p != '\0'; p = *q ? q + 1 : q) {
		size_t n;
		q = strchr(p, '/');
		if (q == NULL)
			q = p + strlen(p);
		n = (size_t)(q - p);
		if (n == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;
			continue;
		}
		if (len > 0)
			out[len++] = '/';
		memmove(out + len, p, n);
		len += n;
	}
	out[len] = '\0';
	return out;
}

static void
rels_free(rels *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].id);
		free(r->v[i].type);
		free(r->v[i].target);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* Loads the relationships of part (package root when part is ""): the
 * part "dir/_rels/base.rels".  A missing or malformed .rels part leaves r
 * empty.  0, or -1 with x->err set. */
static int
rels_load(dx *x, const char *part, rels *r)
{
	const char *slash = strrchr(part, '/');
	char *name;
	xmlDoc *d;
	xmlNode *n;
	int fatal, rc = -1;

	if (slash != NULL)
		name = a2_sprintf("%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1);
	else
		name = a2_sprintf("_rels/%s.rels", part);
	if (name == NULL)
		return nomem(x);
	/* the relationships lead to the main part, its styles and metadata: a
	 * damaged one is an error, never a part silently not followed */
	d = load_part(x, name, 0, &fatal);
	free(name);
	if (d == NULL)
		return fatal ? -1 : 0;
	n = xmlDocGetRootElement(d);
	for (n = n ? n->children : NULL; n != NULL; n = n->next) {
		const char *id, *type, *target, *mode;
		rel *e;
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "Relationship") != 0)
			continue;
		id = a2_xml_attr(n, NULL, "Id");
		type = a2_xml_attr(n, NULL, "Type");
		target = a2_xml_attr(n, NULL, "Target");
		mode = a2_xml_attr(n, NULL, "TargetMode");
		if (id == NULL || type == NULL || target == NULL ||
		    (mode != NULL && strcasecmp(mode, "External") == 0))
			continue;
		if (a2_grow((void **)&r->v, &r->cap, r->n + 1, sizeof(rel)) != 0)
			goto nomem;
		e = &r->v[r->n];
		e->ax = AX_UNREAD;
		e->id = a2_strdup(id);
		e->type = a2_strdup(type);
		e->target = resolve_target(part, target);
		r->n++;
		if (e->id == NULL || e->type == NULL || e->target == NULL)
			goto nomem;
	}
	rc = 0;
	goto out;
nomem:
	nomem(x);
out:
	xmlFreeDoc(d);
	return rc;
}

/* The first relationship whose type ends in "/suffix" (transitional and
 * strict URIs share their last segment). */
static const rel *
rel_by_type(const rels *r, const char *suffix)
{
	size_t i, ls = strlen(suffix);

	for (i = 0; i < r->n; i++) {
		size_t lt = strlen(r->v[i].type);
		if (lt > ls && strcmp(r->v[i].type + lt - ls, suffix) == 0 &&
		    r->v[i].type[lt - ls - 1] == '/')
			return &r->v[i];
	}
	return NULL;
}

static rel *
rel_by_id(rels *r, const char *id)
{
	size_t i;

	if (id == NULL)
		return NULL;
	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].id, id) == 0)
			return &r->v[i];
	return NULL;
}

/* ---- run properties and styles ---- */

static const rprops rp_none = {-1, -1, -1, -1, -1, -1, -1};

static void
rp_unset(rprops *p)
{
	*p = rp_none;
}

/* Overlays the properties set in src onto dst. */
static void
rp_merge(rprops *dst, const rprops *src)
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
static int
shd_on(const dx *x, const xmlNode *shd)
{
	const char *val = w_attr(x, shd, "val");
	const char *fill = w_attr(x, shd, "fill");
	const char *color = w_attr(x, shd, "color");

	if (val != NULL && strcmp(val, "nil") == 0)
		return 0;
	if (fill != NULL && strcasecmp(fill, "auto") != 0 && strcasecmp(fill, "FFFFFF") != 0)
		return 1;
	/* a solid pattern paints the pattern colour */
	return val != NULL && strcmp(val, "solid") == 0 && color != NULL &&
	    strcasecmp(color, "auto") != 0 && strcasecmp(color, "FFFFFF") != 0;
}

/* Reads the properties of interest from a w:rPr into p (overlaying). */
static void
rp_read(const dx *x, const xmlNode *rpr, rprops *p)
{
	const xmlNode *c;
	int v;

	if (rpr == NULL)
		return;
	for (c = rpr->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(x, c, "strike")) {
			if ((v = onoff(x, c)) >= 0) p->strike = (signed char)v;
		} else if (is_w(x, c, "dstrike")) {
			if ((v = onoff(x, c)) >= 0) p->dstrike = (signed char)v;
		} else if (is_w(x, c, "b")) {
			if ((v = onoff(x, c)) >= 0) p->bold = (signed char)v;
		} else if (is_w(x, c, "vanish")) {
			if ((v = onoff(x, c)) >= 0) p->vanish = (signed char)v;
		} else if (is_w(x, c, "highlight")) {
			const char *val = w_attr(x, c, "val");
			p->hl = val != NULL && strcmp(val, "none") != 0;
		} else if (is_w(x, c, "shd")) {
			p->shd = (signed char)shd_on(x, c);
		} else if (is_w(x, c, "rFonts")) {
			const char *f = w_attr(x, c, "ascii");
			if (f == NULL)
				f = w_attr(x, c, "hAnsi");
			if (f != NULL)
				p->sym = (signed char)symfont_kind(f);
		}
	}
}

static unsigned
rp_flags(const rprops *p)
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

static const style *
style_find(const dx *x, const char *id)
{
	style key;

	if (id == NULL || x->n_styles == 0)
		return NULL;
	key.id = (char *)(uintptr_t)id; /* bsearch key only; never written */
	return bsearch(&key, x->styles, x->n_styles, sizeof(style), style_cmp);
}

/*
 * The styles of the last styles part read, kept by the reader: the replies
 * made from one form carry the same styles part, byte for byte, and what is
 * read from it depends only on those bytes, the namespace in use and the
 * depth limit.  The bytes are compared whole (never a checksum: a crafted
 * part must not pass for another).  Parts over STYLES_CACHE_MAX are not
 * kept, so that a hostile one does not stay in memory.
 */
#define STYLES_CACHE_MAX (1u << 20)

struct a2_docx_cache {
	char *xml;            /* the styles part, as inflated */
	size_t len;
	const char *nsw;
	unsigned max_depth;
	rprops defaults;
	style *styles;
	size_t n_styles;
	size_t dflt;          /* index of the default paragraph style, or n_styles */
};

static void
styles_free(style *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].based);
	}
	free(v);
}

void
a2_docx_cache_free(a2_docx_cache *c)
{
	if (c == NULL)
		return;
	free(c->xml);
	styles_free(c->styles, c->n_styles);
	free(c);
}

/* The cached styles when they were read from these very bytes: 1 and x
 * borrows them; else 0. */
static int
styles_cached(dx *x, const char *buf, size_t len)
{
	const a2_docx_cache *c = x->cache != NULL ? *x->cache : NULL;

	if (c == NULL || c->xml == NULL || c->len != len || c->nsw != x->nsw ||
	    c->max_depth != x->lim->max_depth || memcmp(c->xml, buf, len) != 0)
		return 0;
	x->defaults = c->defaults;
	x->styles = c->styles;
	x->n_styles = c->n_styles;
	x->dflt_para = c->dflt < c->n_styles ? &c->styles[c->dflt] : NULL;
	x->styles_cached = 1;
	return 1;
}

/* Hands x's styles, read from buf, to the cache (x borrows them from then
 * on).  Returns 1 when buf was taken. */
static int
styles_keep(dx *x, char *buf, size_t len)
{
	a2_docx_cache *c;

	if (x->cache == NULL || len > STYLES_CACHE_MAX)
		return 0;
	if (*x->cache == NULL && (*x->cache = calloc(1, sizeof(**x->cache))) == NULL)
		return 0;   /* no cache: the styles stay x's */
	c = *x->cache;
	free(c->xml);
	styles_free(c->styles, c->n_styles);
	c->xml = buf;
	c->len = len;
	c->nsw = x->nsw;
	c->max_depth = x->lim->max_depth;
	c->defaults = x->defaults;
	c->styles = x->styles;
	c->n_styles = x->n_styles;
	c->dflt = x->dflt_para != NULL ? (size_t)(x->dflt_para - x->styles) : x->n_styles;
	x->styles_cached = 1;
	return 1;
}

/* Loads styles.xml (through the main part's relationships): document
 * default run properties and each style's own run properties, then
 * resolves w:basedOn chains.  A missing or malformed styles part is
 * ignored.  0 or -1. */
static int
styles_load(dx *x)
{
	const rel *r = rel_by_type(&x->mrels, "styles");
	const char *name = r != NULL ? r->target : "word/styles.xml";
	const char *dflt_id = NULL;
	char *dflt = NULL, *buf;
	xmlDoc *d;
	xmlNode *n;
	size_t cap = 0, i, len;
	int got, fatal, rc = -1;

	rp_unset(&x->defaults);
	if ((got = part_bytes(x, name, &buf, &len)) <= 0)
		return got;
	if (styles_cached(x, buf, len)) {
		free(buf);
		return 0;
	}
	/* a struck or hidden style may carry an answer: damaged styles are an
	 * error, never answers read without them */
	if ((d = parse_part(x, name, buf, len, 0, &fatal)) == NULL) {
		free(buf);
		return fatal ? -1 : 0;
	}
	n = xmlDocGetRootElement(d);
	for (n = n ? n->children : NULL; n != NULL; n = n->next) {
		style *s;
		const char *id, *type, *based;
		if (is_w(x, n, "docDefaults")) {
			rp_read(x, w_child(x, w_child(x, n, "rPrDefault"), "rPr"), &x->defaults);
			continue;
		}
		if (!is_w(x, n, "style") || (id = w_attr(x, n, "styleId")) == NULL)
			continue;
		if (a2_grow((void **)&x->styles, &cap, x->n_styles + 1, sizeof(style)) != 0)
			goto nomem;
		s = &x->styles[x->n_styles];
		memset(s, 0, sizeof(*s));
		rp_unset(&s->own);
		based = w_child_val(x, n, "basedOn");
		s->id = a2_strdup(id);
		s->based = a2_strdup(based);
		x->n_styles++;
		if (s->id == NULL || (based != NULL && s->based == NULL))
			goto nomem;
		rp_read(x, w_child(x, n, "rPr"), &s->own);
		type = w_attr(x, n, "type");
		if (dflt_id == NULL && type != NULL && strcmp(type, "paragraph") == 0 &&
		    a2_xml_bool(w_attr(x, n, "default"), 0) == 1)
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
			s = style_find(x, s->based);
		}
		eff = rp_none;
		while (k-- > 0)
			rp_merge(&eff, &chain[k]->own);
		x->styles[i].eff = eff;
	}
	x->dflt_para = style_find(x, dflt);
	if (styles_keep(x, buf, len))
		buf = NULL;
	rc = 0;
	goto out;
nomem:
	nomem(x);
out:
	free(buf);
	free(dflt);
	xmlFreeDoc(d);
	return rc;
}

/* ---- the walk: frames, blocks, text ---- */

static int
push(dx *x, xmlNode *first, int kind)
{
	frame *f;

	if (a2_grow((void **)&x->frames, &x->cap_frames, x->n_frames + 1, sizeof(frame)) != 0)
		return nomem(x);
	f = &x->frames[x->n_frames++];
	f->next = first;
	f->kind = kind;
	f->aux = 0;
	f->saved = x->sc;
	return 0;
}

/* Table coordinates of the current point (innermost table inside the
 * current text box). */
static void
coords(const dx *x, int *t, int *r, int *c, int *depth)
{
	*t = *r = *c = -1;
	*depth = 0;
	if (x->n_tbls > x->sc.floor) {
		const tbl *tb = &x->tbls[x->n_tbls - 1];
		*t = tb->index;
		*r = tb->row;
		*c = tb->col;
		*depth = (int)(x->n_tbls - x->sc.floor);
	}
}

/* Adds a block at the current point; its index, or -1 with x->err set. */
static int
new_block(dx *x, unsigned line)
{
	a2_pos pos;
	int t, r, c, depth;

	if (x->doc->n_blocks >= 0x7fffffff)
		return a2_error_set(x->err, A2_ERR_LIMIT, "too many paragraphs");
	pos.member = x->member;
	pos.line = line;
	coords(x, &t, &r, &c, &depth);
	if (a2_doc_add_block(x->doc, pos, t, r, c, depth) == NULL)
		return nomem(x);
	return (int)(x->doc->n_blocks - 1);
}

static a2_block *
cur_block(dx *x)
{
	return x->sc.block >= 0 ? &x->doc->blocks[x->sc.block] : NULL;
}

static size_t
cur_len(const dx *x)
{
	return x->sc.block >= 0 ? x->doc->blocks[x->sc.block].len : 0;
}

/* 1 when text at the current point is shown. */
static int
visible(const dx *x)
{
	return x->sc.block >= 0 && !x->sc.hidden && x->n_hiding == 0;
}

static int
append(dx *x, const char *s, size_t n)
{
	if (a2_block_append(cur_block(x), s, n, x->sc.sflags | x->sc.pflags | x->sc.rflags) != 0)
		return nomem(x);
	return 0;
}

/*
 * Emits shown text at the current point.  Inside a checkbox content
 * control the first character (with its combining marks) is the control's
 * glyph: it goes to the control, not to the text; white space before it is
 * dropped.
 */
static int
emit(dx *x, const char *s, size_t n)
{
	cbox *c;
	size_t i, j, k;
	unsigned cp;

	if (n == 0 || !visible(x))
		return 0;
	if (x->sc.cb < 0 || (c = &x->cbs[x->sc.cb])->taken)
		return append(x, s, n);
	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'); i++)
		;
	if (i == n)
		return 0;
	j = i + a2_utf8_next(s + i, n - i, &c->glyph_cp);
	/* one code point is at most 4 bytes: the glyph fits */
	while (j < n && (k = a2_utf8_next(s + j, n - j, &cp)) > 0 && is_combining(cp) &&
	    j + k - i < GLYPH_MAX)
		j += k;
	memcpy(c->glyph, s + i, j - i);
	c->glyph[j - i] = '\0';
	c->taken = 1;
	c->gblock = x->sc.block;
	c->goff = cur_len(x);
	return append(x, s + j, n - j);
}

static int
emit_cp(dx *x, unsigned cp)
{
	a2_buf b = {0};
	int rc;

	if (cp == 0)
		return 0;
	if (a2_buf_put_cp(&b, cp) != 0) {
		a2_buf_free(&b);
		return nomem(x);
	}
	rc = emit(x, b.data, b.len);
	a2_buf_free(&b);
	return rc;
}

/* Text of a w:t, through the run's symbol font if it has one: mapped
 * characters become their look-alikes, spaces stay, others are dropped. */
static int
emit_run_text(dx *x, const char *s, size_t n)
{
	a2_buf b = {0};
	size_t i = 0, k;
	unsigned cp, m;
	int rc;

	if (x->sc.sym == SF_NONE)
		return emit(x, s, n);
	while (i < n) {
		k = a2_utf8_next(s + i, n - i, &cp);
		if (cp == ' ' || cp == 0xF020)
			a2_buf_putc(&b, ' ');
		else if ((m = sym_lookup(x->sc.sym, cp)) != 0)
			a2_buf_put_cp(&b, m);
		else if (x->sc.sym == SF_SYMBOL && cp >= '0' && cp <= '9')
			a2_buf_putc(&b, (char)cp); /* Symbol's digits are digits */
		else if (cp > 0xFF && (cp < 0xF000 || cp > 0xF0FF))
			a2_buf_put_cp(&b, cp); /* not a font code: drawn by a fallback font */
		i += k;
	}
	if (b.failed) {
		a2_buf_free(&b);
		return nomem(x);
	}
	rc = b.len > 0 ? emit(x, b.data, b.len) : 0;
	a2_buf_free(&b);
	return rc;
}

/* ---- complex fields and bookmarks ---- */

static void
fld_set_hides(dx *x, field *f, int hides)
{
	if (f->hides && !hides)
		x->n_hiding--;
	else if (!f->hides && hides)
		x->n_hiding++;
	f->hides = hides;
}

/* A field without w:ffData is typed by its instruction. */
static void
fld_classify(field *f)
{
	if (f->ff || f->kind != FK_OTHER)
		return;
	if (strncasecmp(f->instr, "FORMCHECKBOX", 12) == 0) {
		f->kind = FK_CHECK;
		f->state = A2_OFF;   /* no w:checkBox: Word shows it unticked */
		f->mflags = A2_MF_DEFAULT;
	} else if (strncasecmp(f->instr, "FORMDROPDOWN", 12) == 0) {
		f->kind = FK_DROP;
	}
}

/* 1 for a bookmark name a person (or our generator) gave: Word's own
 * start with "_" (_GoBack, _Hlk...), as do LibreOffice's __Fieldmark__. */
static int
bookmark_named(const char *name)
{
	return name != NULL && name[0] != '_' && name[0] != '\0';
}

/* The most recent open named bookmark. */
static const char *
bookmark_name(const dx *x)
{
	size_t i;

	for (i = x->n_bms; i > 0; i--)
		if (bookmark_named(x->bms[i - 1].name))
			return x->bms[i - 1].name;
	return NULL;
}

/* The named bookmark that starts exactly here (nothing between it and the
 * current point), even if it has already ended: the generator puts a
 * point bookmark just before each box. */
static const char *
bookmark_here(const dx *x)
{
	if (x->bm_last != NULL && x->bm_block == x->sc.block && x->bm_off == cur_len(x) &&
	    x->bm_nblocks == x->doc->n_blocks)
		return x->bm_last;
	return NULL;
}

/* w:ffData/w:checkBox: w:checked (no val = true) wins, else w:default
 * (missing = false). */
static void
legacy_state(const dx *x, const xmlNode *cb, field *f)
{
	const xmlNode *ck = w_child(x, cb, "checked");
	const xmlNode *df = w_child(x, cb, "default");
	const xmlNode *e = ck != NULL ? ck : df;
	int v;

	if (ck == NULL)
		f->mflags |= A2_MF_DEFAULT;
	if (e == NULL) {
		f->state = A2_OFF;
		return;
	}
	v = a2_xml_bool(w_attr(x, e, "val"), w_attr(x, e, "val") == NULL ? 1 : -1);
	f->state = v == 1 ? A2_ON : v == 0 ? A2_OFF : A2_UNKNOWN;
}

/* FORMDROPDOWN: the chosen entry is text the person picked. */
static int
emit_dropdown(dx *x, const xmlNode *dd)
{
	const xmlNode *c;
	int idx = w_child_int(x, dd, "result", -1, 0x7fffffff);
	int i = 0;

	if (idx < 0)
		idx = w_child_int(x, dd, "default", 0, 0x7fffffff);
	for (c = dd->children; c != NULL; c = c->next) {
		if (!is_w(x, c, "listEntry"))
			continue;
		if (i++ == idx) {
			const char *v = w_attr(x, c, "val");
			return v != NULL ? emit(x, v, strlen(v)) : 0;
		}
	}
	return 0;
}

static int
fld_begin(dx *x, const xmlNode *fc)
{
	const xmlNode *ff = w_child(x, fc, "ffData");
	field *f;

	if (x->n_flds >= FLD_MAX) {
		x->fld_overflow++;
		return 0;
	}
	f = &x->flds[x->n_flds];
	memset(f, 0, sizeof(*f));
	f->block = x->sc.block;
	f->off = cur_len(x);
	f->line = line_of(fc);
	if (ff != NULL) {
		const xmlNode *cb = w_child(x, ff, "checkBox");
		const xmlNode *dd = w_child(x, ff, "ddList");
		const char *nm = w_child_val(x, ff, "name");
		f->ff = 1;
		if (nm != NULL && nm[0] != '\0')
			f->name = nm;
		if (cb != NULL) {
			f->kind = FK_CHECK;
			legacy_state(x, cb, f);
		} else if (dd != NULL) {
			f->kind = FK_DROP;
			if (emit_dropdown(x, dd) != 0)
				return -1;
		}
	}
	if (f->name == NULL)
		f->name = bookmark_name(x);
	f->hides = 1; /* the instruction part */
	x->n_hiding++;
	x->n_flds++;
	return 0;
}

static void
fld_separate(dx *x)
{
	field *f;

	if (x->fld_overflow > 0 || x->n_flds == 0)
		return;
	f = &x->flds[x->n_flds - 1];
	if (f->result)
		return;
	fld_classify(f);
	f->result = 1;
	/* a checkbox shows no text; a drop-down's value was emitted at begin */
	fld_set_hides(x, f, f->kind == FK_CHECK || f->kind == FK_DROP);
}

/* Closes the innermost field; a checkbox becomes a mark. */
static int
fld_pop(dx *x)
{
	field *f = &x->flds[x->n_flds - 1];
	a2_mark m;

	fld_classify(f);
	fld_set_hides(x, f, 0);
	x->n_flds--;
	if (f->kind != FK_CHECK || f->block < 0)
		return 0;
	memset(&m, 0, sizeof(m));
	m.kind = A2_MK_FORM_FIELD;
	m.state = f->state;
	m.flags = f->mflags;
	m.offset = f->off;
	m.name = (char *)(uintptr_t)f->name; /* copied by the builder */
	m.pos.member = x->member;
	m.pos.line = f->line;
	if (a2_block_add_mark(x->doc, &x->doc->blocks[f->block], &m) != 0)
		return nomem(x);
	return 0;
}

static int
fld_end(dx *x)
{
	if (x->fld_overflow > 0) {
		x->fld_overflow--;
		return 0;
	}
	return x->n_flds > 0 ? fld_pop(x) : 0;
}

static void
fld_instr(dx *x, const xmlNode *it)
{
	field *f;
	const xmlNode *c;

	if (x->fld_overflow > 0 || x->n_flds == 0)
		return;
	f = &x->flds[x->n_flds - 1];
	if (f->result)
		return;
	for (c = it->children; c != NULL; c = c->next) {
		const char *s = (const char *)c->content;
		if (c->type != XML_TEXT_NODE || s == NULL)
			continue;
		for (; *s != '\0' && f->n_instr + 1 < INSTR_MAX; s++) {
			if (f->n_instr == 0 && (*s == ' ' || *s == '\t'))
				continue;
			f->instr[f->n_instr++] = *s;
		}
	}
	f->instr[f->n_instr] = '\0';
}

static int
on_fldchar(dx *x, const xmlNode *n)
{
	const char *t = w_attr(x, n, "fldCharType");

	if (t == NULL)
		return 0;
	if (strcmp(t, "begin") == 0)
		return fld_begin(x, n);
	if (strcmp(t, "separate") == 0)
		fld_separate(x);
	else if (strcmp(t, "end") == 0)
		return fld_end(x);
	return 0;
}

static void
on_bookmark_start(dx *x, const xmlNode *n)
{
	const char *id = w_attr(x, n, "id");
	const char *name = w_attr(x, n, "name");

	if (id == NULL || name == NULL)
		return;
	if (bookmark_named(name)) {
		/* LibreOffice moves the bookmark before a box into the field
		 * result, or into the content control */
		if (x->fld_overflow == 0 && x->n_flds > 0) {
			field *f = &x->flds[x->n_flds - 1];
			if (f->kind == FK_CHECK && f->name == NULL)
				f->name = name;
		}
		if (x->sc.cb >= 0 && x->cbs[x->sc.cb].name == NULL)
			x->cbs[x->sc.cb].name = name;
		x->bm_last = name;
		x->bm_block = x->sc.block;
		x->bm_off = cur_len(x);
		x->bm_nblocks = x->doc->n_blocks;
	}
	if (x->n_bms == BM_MAX) {
		memmove(&x->bms[0], &x->bms[1], (BM_MAX - 1) * sizeof(bmark));
		x->n_bms--;
	}
	x->bms[x->n_bms].id = id;
	x->bms[x->n_bms].name = name;
	x->n_bms++;
}

static void
on_bookmark_end(dx *x, const xmlNode *n)
{
	const char *id = w_attr(x, n, "id");
	size_t i;

	if (id == NULL)
		return;
	for (i = x->n_bms; i > 0; i--) {
		if (strcmp(x->bms[i - 1].id, id) == 0) {
			memmove(&x->bms[i - 1], &x->bms[i], (x->n_bms - i) * sizeof(bmark));
			x->n_bms--;
			return;
		}
	}
}

/* ---- element handlers ---- */

static int
on_p(dx *x, xmlNode *p)
{
	const xmlNode *ppr = w_child(x, p, "pPr");
	const xmlNode *mrk = w_child(x, ppr, "rPr");
	const xmlNode *shd = w_child(x, ppr, "shd");
	const style *ps = style_find(x, w_child_val(x, ppr, "pStyle"));
	int t, r, c, depth, b;

	if (ps == NULL)
		ps = x->dflt_para;
	coords(x, &t, &r, &c, &depth);
	if (x->merge_block >= 0 && t == x->merge_t && r == x->merge_r && c == x->merge_c) {
		b = x->merge_block;   /* the previous paragraph mark was deleted */
	} else if ((b = new_block(x, line_of(p))) < 0) {
		return -1;
	}
	x->merge_block = -1;
	if (push(x, p->children, FR_P) != 0)
		return -1;
	x->frames[x->n_frames - 1].aux = mrk != NULL &&
	    (w_child(x, mrk, "del") != NULL || w_child(x, mrk, "moveFrom") != NULL);
	x->sc.block = b;
	x->sc.para = x->defaults;
	if (ps != NULL)
		rp_merge(&x->sc.para, &ps->eff);
	x->sc.pflags = shd != NULL && shd_on(x, shd) ? A2_SF_HIGHLIGHT : 0;
	x->sc.rflags = rp_flags(&x->sc.para);
	x->sc.hidden = 0;
	x->sc.sym = SF_NONE;
	return 0;
}

static int
leave_p(dx *x, const frame *f)
{
	/* form fields and unseparated instructions end with their paragraph:
	 * a malformed field must not swallow the rest of the document.  Only
	 * an ordinary field's result (a TOC, an IF) may span paragraphs. */
	while (x->n_flds > 0) {
		const field *fl = &x->flds[x->n_flds - 1];
		if (fl->result && !fl->ff && fl->kind == FK_OTHER)
			break;
		if (fld_pop(x) != 0)
			return -1;
	}
	x->fld_overflow = 0;
	if (f->aux) {
		x->merge_block = x->sc.block;
		coords(x, &x->merge_t, &x->merge_r, &x->merge_c, &(int){0});
	}
	return 0;
}

static int
on_r(dx *x, xmlNode *r)
{
	const xmlNode *rpr = w_child(x, r, "rPr");
	rprops p = x->sc.para;
	const style *cs;

	if (push(x, r->children, FR_PLAIN) != 0)
		return -1;
	if (rpr != NULL) {
		if ((cs = style_find(x, w_child_val(x, rpr, "rStyle"))) != NULL)
			rp_merge(&p, &cs->eff);
		rp_read(x, rpr, &p);
	}
	x->sc.rflags = rp_flags(&p);
	x->sc.hidden = p.vanish == 1;
	x->sc.sym = p.sym > 0 ? p.sym : SF_NONE;
	return 0;
}

static int
on_t(dx *x, const xmlNode *t)
{
	const xmlNode *c;

	for (c = t->children; c != NULL; c = c->next) {
		const char *s = (const char *)c->content;
		if (c->type == XML_TEXT_NODE && s != NULL && emit_run_text(x, s, strlen(s)) != 0)
			return -1;
	}
	return 0;
}

/* w:sym: a character of a symbol font, or a plain code point of another. */
static int
on_sym(dx *x, const xmlNode *n)
{
	const char *font = w_attr(x, n, "font");
	unsigned code = hex_cp(w_attr(x, n, "char"));
	int kind = font != NULL ? symfont_kind(font) : x->sc.sym;

	if (code == 0)
		return 0;
	if (kind != SF_NONE || (code >= 0xF000 && code <= 0xF0FF))
		return emit_cp(x, sym_lookup(kind, code));
	return printable(code) ? emit_cp(x, code) : 0;
}

/* w16se:symEx (Word's emoji and symbols, in an mc:Choice). */
static int
on_symex(dx *x, const xmlNode *n)
{
	unsigned code = hex_cp(a2_xml_attr(n, NS_W16SE, "char"));
	int kind = symfont_kind(a2_xml_attr(n, NS_W16SE, "font"));

	if (kind != SF_NONE)
		return emit_cp(x, sym_lookup(kind, code));
	return printable(code) ? emit_cp(x, code) : 0;
}

static int
on_tbl(dx *x, xmlNode *n)
{
	tbl *t;

	x->merge_block = -1;
	if (push(x, n->children, FR_TBL) != 0)
		return -1;
	if (a2_grow((void **)&x->tbls, &x->cap_tbls, x->n_tbls + 1, sizeof(tbl)) != 0)
		return nomem(x);
	t = &x->tbls[x->n_tbls++];
	t->index = x->n_tables++;
	t->row = t->col = -1;
	t->next_col = 0;
	return 0;
}

static int
on_tr(dx *x, xmlNode *n)
{
	const xmlNode *trpr = w_child(x, n, "trPr");
	tbl *t;

	if (w_child(x, trpr, "del") != NULL)
		return 0; /* a deleted row: gone once changes are accepted */
	if (x->n_tbls > x->sc.floor) {
		t = &x->tbls[x->n_tbls - 1];
		if (t->row < 0x7ffffff)
			t->row++;
		t->col = -1;
		t->next_col = w_child_int(x, trpr, "gridBefore", 0, 0xffff);
	}
	return push(x, n->children, FR_PLAIN);
}

static int
on_tc(dx *x, xmlNode *n)
{
	const xmlNode *tcpr = w_child(x, n, "tcPr");
	tbl *t;

	if (w_child(x, tcpr, "cellDel") != NULL)
		return 0;
	if (x->n_tbls > x->sc.floor) {
		int span = w_child_int(x, tcpr, "gridSpan", 1, 0xffff);
		t = &x->tbls[x->n_tbls - 1];
		t->col = t->next_col;
		if (t->next_col < 0x7ffffff)
			t->next_col += span > 0 ? span : 1;
	}
	return push(x, n->children, FR_PLAIN);
}

/* The code point of a w14:checkedState/uncheckedState (hex in w14:val,
 * or w:val as LibreOffice 7.4 writes it; a symbol font's code mapped to
 * its look-alike), or dflt. */
static unsigned
state_cp(const dx *x, const xmlNode *e, unsigned dflt)
{
	const char *v;
	unsigned cp;
	int kind;

	if (e == NULL)
		return dflt;
	v = a2_xml_attr(e, A2_NS_W14, "val");
	cp = hex_cp(v != NULL ? v : w_attr(x, e, "val"));
	kind = symfont_kind(a2_xml_attr(e, A2_NS_W14, "font"));
	if (kind != SF_NONE)
		cp = sym_lookup(kind, cp);
	return cp != 0 ? cp : dflt;
}

/* The state of a w14:checkbox: w14:checked/@w14:val, else @w:val (written
 * by LibreOffice 7.4), present without a value = checked, absent =
 * unchecked (a default); and the glyphs of both states (default ☒/☐). */
static void
cc_state(const dx *x, const xmlNode *cbx, cbox *c)
{
	const xmlNode *ck = a2_xml_child(cbx, A2_NS_W14, "checked");
	const char *v;
	int b;

	if (ck == NULL) {
		c->state = A2_OFF;
		c->flags |= A2_MF_DEFAULT;
	} else {
		v = a2_xml_attr(ck, A2_NS_W14, "val");
		if (v == NULL)
			v = w_attr(x, ck, "val");
		b = a2_xml_bool(v, v == NULL ? 1 : -1);
		c->state = b == 1 ? A2_ON : b == 0 ? A2_OFF : A2_UNKNOWN;
	}
	c->on_cp = state_cp(x, a2_xml_child(cbx, A2_NS_W14, "checkedState"), 0x2612);
	c->off_cp = state_cp(x, a2_xml_child(cbx, A2_NS_W14, "uncheckedState"), 0x2610);
}

static int
on_sdt(dx *x, xmlNode *n)
{
	const xmlNode *pr = w_child(x, n, "sdtPr");
	xmlNode *content = w_child(x, n, "sdtContent");
	const xmlNode *cbx = a2_xml_child(pr, A2_NS_W14, "checkbox");
	const xmlNode *plc = w_child(x, pr, "showingPlcHdr");
	cbox *c;
	const char *name;

	if (content == NULL)
		return 0;
	if (cbx == NULL) {
		if (push(x, content->children, FR_PLAIN) != 0)
			return -1;
		if (onoff(x, plc) == 1)
			x->sc.sflags |= A2_SF_FIELD; /* untouched placeholder text */
		return 0;
	}
	if (push(x, content->children, FR_CB) != 0)
		return -1;
	if (a2_grow((void **)&x->cbs, &x->cap_cbs, x->n_cbs + 1, sizeof(cbox)) != 0)
		return nomem(x);
	c = &x->cbs[x->n_cbs];
	memset(c, 0, sizeof(*c));
	cc_state(x, cbx, c);
	/* named by its tag, else its alias, else a bookmark just before it
	 * (LibreOffice 7.4 drops tags and aliases, not bookmarks) */
	name = w_child_val(x, pr, "tag");
	if (name == NULL || name[0] == '\0')
		name = w_child_val(x, pr, "alias");
	if (name == NULL || name[0] == '\0')
		name = bookmark_here(x);
	c->name = name != NULL && name[0] != '\0' ? name : NULL;
	c->gblock = -1;
	c->sblock = x->sc.block;
	c->soff = cur_len(x);
	c->nblocks0 = x->doc->n_blocks;
	c->line = line_of(n);
	x->sc.cb = (int)x->n_cbs++;
	return 0;
}

/* End of a checkbox content control: its mark goes where its glyph was,
 * else where it began (run level), else at the start of its first
 * paragraph (block and cell level). */
static int
leave_cb(dx *x)
{
	cbox *c = &x->cbs[x->n_cbs - 1];
	a2_mark m;
	int b;

	memset(&m, 0, sizeof(m));
	if (c->taken) {
		b = c->gblock;
		m.offset = c->goff;
	} else if (c->sblock >= 0) {
		b = c->sblock;
		m.offset = c->soff;
	} else if (x->doc->n_blocks > c->nblocks0) {
		b = (int)c->nblocks0;
	} else if ((b = new_block(x, c->line)) < 0) {
		return -1; /* a control with no paragraph: keep its answer anyway */
	}
	m.kind = A2_MK_CONTENT_CONTROL;
	m.state = c->state;
	m.flags = c->flags;
	m.name = (char *)(uintptr_t)c->name; /* copied by the builder */
	m.glyph = c->taken ? c->glyph : NULL;
	m.pos.member = x->member;
	m.pos.line = c->line;
	if (c->taken && c->on_cp != c->off_cp &&
	    ((c->state == A2_ON && c->glyph_cp == c->off_cp) ||
	     (c->state == A2_OFF && c->glyph_cp == c->on_cp)))
		m.flags |= A2_MF_DISAGREE;
	x->n_cbs--;
	if (a2_block_add_mark(x->doc, &x->doc->blocks[b], &m) != 0)
		return nomem(x);
	return 0;
}

/* The kind of ActiveX control a relationship points to (its
 * activeX*.xml's class id), read once per relationship.  AX_* or -1. */
static int
activex_kind(dx *x, rel *r)
{
	const char *cls;
	xmlDoc *d;
	int fatal;

	if (r->ax != AX_UNREAD)
		return r->ax;
	r->ax = AX_OTHER;
	d = load_part(x, r->target, 1, &fatal);
	if (d == NULL)
		return fatal ? -1 : r->ax;
	cls = a2_xml_attr(xmlDocGetRootElement(d), NS_AX, "classid");
	if (cls != NULL && strncasecmp(cls, "{8BD21D40-", 10) == 0)
		r->ax = AX_CHECKBOX;   /* Forms 2.0 CheckBox */
	else if (cls != NULL && strncasecmp(cls, "{8BD21D50-", 10) == 0)
		r->ax = AX_OPTION;     /* Forms 2.0 OptionButton */
	xmlFreeDoc(d);
	return r->ax;
}

/* ActiveX (w:object/w:control, w:pict/w:control): a CheckBox or an
 * OptionButton is reported with an unknown state (it lives in the .bin). */
static int
on_control(dx *x, const xmlNode *n)
{
	rel *r = rel_by_id(&x->mrels, a2_xml_attr(n, x->nsr, "id"));
	a2_mark m;
	int kind;

	if (r == NULL || x->sc.block < 0)
		return 0;
	if ((kind = activex_kind(x, r)) < 0)
		return -1;
	if (kind != AX_CHECKBOX && kind != AX_OPTION)
		return 0;
	memset(&m, 0, sizeof(m));
	m.kind = A2_MK_ACTIVEX;
	m.state = A2_UNKNOWN;
	m.flags = kind == AX_OPTION ? A2_MF_RADIO : 0;
	m.offset = cur_len(x);
	m.name = (char *)(uintptr_t)w_attr(x, n, "name"); /* copied by the builder */
	if (m.name != NULL && m.name[0] == '\0')
		m.name = NULL;
	m.pos.member = x->member;
	m.pos.line = line_of(n);
	if (a2_block_add_mark(x->doc, cur_block(x), &m) != 0)
		return nomem(x);
	return 0;
}

/* mc:AlternateContent: the first mc:Choice, else the mc:Fallback. */
static int
on_alternate(dx *x, xmlNode *n)
{
	xmlNode *c, *pick = NULL;

	for (c = n->children; c != NULL && pick == NULL; c = c->next)
		if (a2_xml_is(c, A2_NS_MC, "Choice"))
			pick = c;
	if (pick == NULL)
		pick = a2_xml_child(n, A2_NS_MC, "Fallback");
	return pick != NULL ? push(x, pick->children, FR_PLAIN) : 0;
}

/* A text box starts a new story: no current paragraph, run, control or
 * table. */
static int
on_txbx(dx *x, xmlNode *n)
{
	if (push(x, n->children, FR_PLAIN) != 0)
		return -1;
	x->sc.block = -1;
	x->sc.cb = -1;
	x->sc.floor = x->n_tbls;
	x->sc.rflags = x->sc.pflags = 0;
	x->sc.hidden = 0;
	x->sc.sym = SF_NONE;
	return 0;
}

/* What enter() does with an element of the WordprocessingML namespace. */
enum {
	WK_OTHER, WK_SKIP, WK_P, WK_R, WK_T, WK_TAB, WK_BR, WK_NBH, WK_SYM, WK_FLDCHAR,
	WK_INSTR, WK_BMSTART, WK_BMEND, WK_TBL, WK_TR, WK_TC, WK_SDT, WK_CONTROL, WK_TXBX, WK_INS
};

/* WordprocessingML elements by local name, sorted by name (strcmp) for a
 * binary search.  WK_SKIP: never descended into (properties, deleted content,
 * field instructions, and leaves that carry no text). */
typedef struct wname {
	const char *name;
	int kind;
} wname;

static const wname w_names[] = {
	{"annotationRef", WK_SKIP}, {"bookmarkEnd", WK_BMEND}, {"bookmarkStart", WK_BMSTART},
	{"br", WK_BR}, {"commentReference", WK_SKIP}, {"continuationSeparator", WK_SKIP},
	{"control", WK_CONTROL}, {"cr", WK_BR}, {"customXmlPr", WK_SKIP}, {"del", WK_SKIP},
	{"delInstrText", WK_SKIP}, {"delText", WK_SKIP}, {"endnoteRef", WK_SKIP},
	{"endnoteReference", WK_SKIP}, {"ffData", WK_SKIP}, {"fldChar", WK_FLDCHAR},
	{"fldData", WK_SKIP}, {"footnoteRef", WK_SKIP}, {"footnoteReference", WK_SKIP},
	{"ins", WK_INS}, {"instrText", WK_INSTR}, {"lastRenderedPageBreak", WK_SKIP},
	{"moveFrom", WK_SKIP}, {"moveTo", WK_INS}, {"noBreakHyphen", WK_NBH},
	{"numberingChange", WK_SKIP}, {"p", WK_P}, {"pPr", WK_SKIP}, {"pPrChange", WK_SKIP},
	{"permEnd", WK_SKIP}, {"permStart", WK_SKIP}, {"proofErr", WK_SKIP}, {"ptab", WK_TAB},
	{"r", WK_R}, {"rPr", WK_SKIP}, {"rPrChange", WK_SKIP}, {"sdt", WK_SDT},
	{"sdtEndPr", WK_SKIP}, {"sdtPr", WK_SKIP}, {"sectPr", WK_SKIP}, {"sectPrChange", WK_SKIP},
	{"separator", WK_SKIP}, {"smartTagPr", WK_SKIP}, {"softHyphen", WK_SKIP}, {"sym", WK_SYM},
	{"t", WK_T}, {"tab", WK_TAB}, {"tbl", WK_TBL}, {"tblGrid", WK_SKIP}, {"tblPr", WK_SKIP},
	{"tblPrChange", WK_SKIP}, {"tblPrEx", WK_SKIP}, {"tc", WK_TC}, {"tcPr", WK_SKIP},
	{"tcPrChange", WK_SKIP}, {"tr", WK_TR}, {"trPr", WK_SKIP}, {"trPrChange", WK_SKIP},
	{"txbxContent", WK_TXBX},
};

/* The WK_* of a WordprocessingML local name: the three that make nearly
 * all of a document first, then a binary search (first bytes compared
 * before strcmp). */
static int
w_kind(const char *l)
{
	size_t lo = 0, hi = sizeof(w_names) / sizeof(*w_names);

	if (l[0] != '\0' && l[1] == '\0') {
		if (l[0] == 'p')
			return WK_P;
		if (l[0] == 'r')
			return WK_R;
		if (l[0] == 't')
			return WK_T;
		return WK_OTHER;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = w_names[mid].name;
		int c = (unsigned char)l[0] - (unsigned char)m[0];
		if (c == 0)
			c = strcmp(l, m);
		if (c == 0)
			return w_names[mid].kind;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return WK_OTHER;
}

/* 1 when n is in the WordprocessingML namespace in use.  The namespace
 * declaration a node points to is compared once (x->w_ns remembers the
 * last one that matched: a document declares it once, on its root). */
static int
in_w(dx *x, const xmlNode *n)
{
	if (n->ns == NULL || n->ns->href == NULL)
		return 0;
	if (n->ns == x->w_ns)
		return 1;
	if (strcmp((const char *)n->ns->href, x->nsw) != 0)
		return 0;
	x->w_ns = n->ns;
	return 1;
}

/* Visits one element: handles it, and pushes a frame when its children are
 * to be visited. */
static int
enter(dx *x, xmlNode *n)
{
	if (in_w(x, n)) {
		switch (w_kind((const char *)n->name)) {
		case WK_P:
			return on_p(x, n);
		case WK_R:
			return on_r(x, n);
		case WK_T:
			return on_t(x, n);
		case WK_SKIP:
			return 0;
		case WK_TAB:
			return emit(x, "\t", 1);
		case WK_BR:
			return emit(x, "\n", 1);
		case WK_NBH:
			return emit(x, "-", 1);
		case WK_SYM:
			return on_sym(x, n);
		case WK_FLDCHAR:
			return on_fldchar(x, n);
		case WK_INSTR:
			fld_instr(x, n);
			return 0;
		case WK_BMSTART:
			on_bookmark_start(x, n);
			return 0;
		case WK_BMEND:
			on_bookmark_end(x, n);
			return 0;
		case WK_TBL:
			return on_tbl(x, n);
		case WK_TR:
			return on_tr(x, n);
		case WK_TC:
			return on_tc(x, n);
		case WK_SDT:
			return on_sdt(x, n);
		case WK_CONTROL:
			return on_control(x, n);
		case WK_TXBX:
			return on_txbx(x, n);
		case WK_INS:
			if (push(x, n->children, FR_PLAIN) != 0)
				return -1;
			x->sc.sflags |= A2_SF_INSERTED;
			return 0;
		default:
			/* hyperlink, smartTag, customXml, fldSimple, object, pict,
			 * drawing, dir, bdo, ...: their content is read in place */
			return n->children != NULL ? push(x, n->children, FR_PLAIN) : 0;
		}
	}
	if (a2_xml_is(n, A2_NS_MC, "AlternateContent"))
		return on_alternate(x, n);
	if (a2_xml_is(n, A2_NS_MC, "Fallback"))
		return 0;
	if (a2_xml_is(n, NS_W16SE, "symEx"))
		return on_symex(x, n);
	/* DrawingML, VML, ...: text boxes are somewhere inside */
	return n->children != NULL ? push(x, n->children, FR_PLAIN) : 0;
}

static int
leave(dx *x, const frame *f)
{
	int rc = 0;

	switch (f->kind) {
	case FR_P:
		rc = leave_p(x, f);
		break;
	case FR_TBL:
		if (x->n_tbls > 0)
			x->n_tbls--;
		break;
	case FR_CB:
		rc = leave_cb(x);
		break;
	default:
		break;
	}
	x->sc = f->saved;
	return rc;
}

/* Walks the body depth first with an explicit stack of frames. */
static int
walk(dx *x, xmlNode *body)
{
	x->w_ns = NULL;
	if (push(x, body->children, FR_PLAIN) != 0)
		return -1;
	while (x->n_frames > 0) {
		frame *f = &x->frames[x->n_frames - 1];
		xmlNode *n = f->next;
		if (n == NULL) {
			frame done = *f;
			x->n_frames--;
			if (leave(x, &done) != 0)
				return -1;
			continue;
		}
		f->next = n->next;
		if (n->type == XML_ELEMENT_NODE && enter(x, n) != 0)
			return -1; /* enter may move the frame array: f is stale */
	}
	/* fields left open at the end of the body */
	while (x->n_flds > 0)
		if (fld_pop(x) != 0)
			return -1;
	return 0;
}

/* ---- document properties ---- */

static char *
node_text(const xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s;

	if (c == NULL)
		return NULL;
	s = a2_strdup((const char *)c);
	xmlFree(c);
	return s;
}

/* A metadata part that was not parsed: missing is nothing, present (so
 * malformed) is a damaged part.  0 or -1. */
static int
damaged_if_present(dx *x, const char *name)
{
	if (!a2_zip_has(x->z, name))
		return 0;
	return a2_doc_add_damaged(x->doc, name) == 0 ? 0 : nomem(x);
}

/* docProps/custom.xml: <property name="..."><vt:lpwstr>value</vt:lpwstr>. */
static int
read_custom(dx *x)
{
	const rel *r = rel_by_type(&x->prels, "custom-properties");
	xmlDoc *d;
	xmlNode *n;
	int fatal, rc = 0;

	d = load_part(x, r != NULL ? r->target : "docProps/custom.xml", 1, &fatal);
	if (d == NULL)
		return fatal ? -1 : damaged_if_present(x, r != NULL ? r->target : "docProps/custom.xml");
	n = xmlDocGetRootElement(d);
	for (n = n ? n->children : NULL; n != NULL && rc == 0; n = n->next) {
		const char *name;
		const xmlNode *v;
		char *value;
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "property") != 0 ||
		    (name = a2_xml_attr(n, NULL, "name")) == NULL)
			continue;
		for (v = n->children; v != NULL && v->type != XML_ELEMENT_NODE; v = v->next)
			;
		value = v != NULL ? node_text(v) : a2_strdup("");
		if (value == NULL || a2_doc_add_prop(x->doc, name, value) != 0)
			rc = nomem(x);
		free(value);
	}
	xmlFreeDoc(d);
	return rc;
}

/* docProps/app.xml: "Application AppVersion" becomes the producer. */
static int
read_app(dx *x)
{
	const rel *r = rel_by_type(&x->prels, "extended-properties");
	char *app = NULL, *ver = NULL;
	xmlDoc *d;
	xmlNode *n;
	int fatal, rc = -1;

	d = load_part(x, r != NULL ? r->target : "docProps/app.xml", 1, &fatal);
	if (d == NULL)
		return fatal ? -1 : damaged_if_present(x, r != NULL ? r->target : "docProps/app.xml");
	n = xmlDocGetRootElement(d);
	for (n = n ? n->children : NULL; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (app == NULL && strcmp((const char *)n->name, "Application") == 0 &&
		    (app = node_text(n)) == NULL)
			goto nomem;
		if (ver == NULL && strcmp((const char *)n->name, "AppVersion") == 0 &&
		    (ver = node_text(n)) == NULL)
			goto nomem;
	}
	if (app != NULL && app[0] != '\0') {
		x->doc->producer = ver != NULL && ver[0] != '\0' ?
		    a2_sprintf("%s %s", app, ver) : a2_strdup(app);
		if (x->doc->producer == NULL)
			goto nomem;
	}
	rc = 0;
	goto out;
nomem:
	nomem(x);
out:
	free(app);
	free(ver);
	xmlFreeDoc(d);
	return rc;
}

/* ---- entry point ---- */

static void
dx_free(dx *x)
{
	rels_free(&x->prels);
	rels_free(&x->mrels);
	if (!x->styles_cached)
		styles_free(x->styles, x->n_styles);
	free(x->frames);
	free(x->tbls);
	free(x->cbs);
	a2_doc_free(x->doc);
}

a2_doc *
a2_docx_lower(a2_zip *z, const a2_limits *lim, a2_docx_cache **cache, a2_error *err)
{
	dx x;
	const rel *r;
	const char *part = MAIN_DEFAULT;
	xmlDoc *xd = NULL;
	xmlNode *root, *body;
	a2_doc *ret = NULL;
	int fatal;

	memset(&x, 0, sizeof(x));
	x.z = z;
	x.lim = lim;
	x.cache = cache;
	x.err = err;
	x.nsw = A2_NS_W;
	x.nsr = A2_NS_R;
	x.merge_block = -1;
	x.sc.block = -1;
	x.sc.cb = -1;
	rp_unset(&x.sc.para);
	rp_unset(&x.defaults);
	if ((x.doc = a2_doc_new(A2_FMT_DOCX)) == NULL) {
		nomem(&x);
		goto out;
	}
	/* the content types say what each part is: damaged, the package is
	 * not read as whole */
	if ((xd = load_part(&x, "[Content_Types].xml", 0, &fatal)) == NULL && fatal)
		goto out;
	xmlFreeDoc(xd);
	xd = NULL;
	if (rels_load(&x, "", &x.prels) != 0)
		goto out;
	r = rel_by_type(&x.prels, "officeDocument");
	if (r != NULL && a2_zip_has(z, r->target))
		part = r->target;
	xd = load_part(&x, part, 0, &fatal);
	if (xd == NULL) {
		if (!fatal) {
			a2_error_at(err, NULL, part, 0, 0);
			a2_error_set(err, A2_ERR_NO_MAIN_PART,
			    "no main document part (%s) in the DOCX package", part);
		}
		goto out;
	}
	root = xmlDocGetRootElement(xd);
	if (a2_xml_is(root, NS_W_STRICT, "document")) {
		x.nsw = NS_W_STRICT;
		x.nsr = NS_R_STRICT;
	}
	body = w_child(&x, root, "body");
	if (!is_w(&x, root, "document") || body == NULL) {
		a2_error_at(err, NULL, part, root != NULL ? (int)line_of(root) : 0, 0);
		a2_error_set(err, A2_ERR_FORMAT, "%s is not a WordprocessingML document body", part);
		goto out;
	}
	if ((x.member = a2_doc_member(x.doc, part)) == NULL) {
		nomem(&x);
		goto out;
	}
	if (rels_load(&x, part, &x.mrels) != 0 || styles_load(&x) != 0 ||
	    walk(&x, body) != 0 || read_custom(&x) != 0 || read_app(&x) != 0)
		goto out;
	ret = x.doc;
	x.doc = NULL;
out:
	xmlFreeDoc(xd);
	dx_free(&x);
	return ret;
}
