/* read/docx/docx_int.h -- what the pieces of the DOCX front end share (docx.c
 * describes it); nothing outside read/docx/ includes this. */
#ifndef A2_READ_DOCX_INT_H
#define A2_READ_DOCX_INT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>
#include <libxml/dict.h>

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
#define DX_MAX_BLOCKS  500000u  /* paragraphs of a streamed document (~80 MB of model) */

/* ---- symbol fonts ---- */

enum { SF_NONE = 0, SF_SYMBOL, SF_WINGDINGS, SF_WINGDINGS2, SF_WINGDINGS3, SF_WEBDINGS };
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
	/* streaming (stream.c): the tree of an element lives only while it is
	 * handled, so that the names kept longer are interned (dx_keep) */
	int streaming;
	xmlDictPtr keep;
	int keep_failed;
} dx;

/* What dx_enter() does with an element of the WordprocessingML namespace. */
enum {
	WK_OTHER, WK_SKIP, WK_P, WK_R, WK_T, WK_TAB, WK_BR, WK_NBH, WK_SYM, WK_FLDCHAR,
	WK_INSTR, WK_BMSTART, WK_BMEND, WK_TBL, WK_TR, WK_TC, WK_SDT, WK_CONTROL, WK_TXBX, WK_INS
};

/* sym.c */
int dx_symfont_kind(const char *font);
unsigned dx_sym_lookup(int kind, unsigned code);
unsigned dx_hex_cp(const char *s);
int dx_printable(unsigned cp);
int dx_is_combining(unsigned cp);

/* parts.c */
int dx_nomem(dx *x);
const char *dx_keep(dx *x, const char *s);
unsigned dx_line_of(const xmlNode *n);
int dx_is_w(const dx *x, const xmlNode *n, const char *local);
xmlNode *dx_w_child(const dx *x, const xmlNode *n, const char *local);
const char *dx_w_attr(const dx *x, const xmlNode *n, const char *name);
const char *dx_w_child_val(const dx *x, const xmlNode *n, const char *local);
int dx_onoff(const dx *x, const xmlNode *e);
int dx_w_child_int(const dx *x, const xmlNode *n, const char *local, int dflt, int max);
int dx_part_bytes(dx *x, const char *name, char **buf, size_t *len);
xmlDoc *dx_parse_part(dx *x, const char *name, const char *buf, size_t len, int lenient, int *fatal);
xmlDoc *dx_load_part(dx *x, const char *name, int lenient, int *fatal);
void dx_rels_free(rels *r);
int dx_rels_load(dx *x, const char *part, rels *r);
const rel *dx_rel_by_type(const rels *r, const char *suffix);
rel *dx_rel_by_id(rels *r, const char *id);

/* styles.c */
void dx_rp_unset(rprops *p);
void dx_rp_merge(rprops *dst, const rprops *src);
int dx_shd_on(const dx *x, const xmlNode *shd);
void dx_rp_read(const dx *x, const xmlNode *rpr, rprops *p);
unsigned dx_rp_flags(const rprops *p);
const style *dx_style_find(const dx *x, const char *id);
void dx_styles_free(style *v, size_t n);
int dx_styles_cached(dx *x, const char *buf, size_t len);
int dx_styles_load(dx *x);

/* text.c */
int dx_push(dx *x, xmlNode *first, int kind);
void dx_coords(const dx *x, int *t, int *r, int *c, int *depth);
int dx_new_block(dx *x, unsigned line);
a2_block *dx_cur_block(dx *x);
size_t dx_cur_len(const dx *x);
int dx_emit(dx *x, const char *s, size_t n);
int dx_emit_cp(dx *x, unsigned cp);
int dx_emit_run_text(dx *x, const char *s, size_t n);

/* fields.c */
const char *dx_bookmark_here(const dx *x);
int dx_fld_pop(dx *x);
void dx_fld_instr(dx *x, const xmlNode *it);
int dx_on_fldchar(dx *x, const xmlNode *n);
void dx_on_bookmark_start(dx *x, const xmlNode *n);
void dx_on_bookmark_end(dx *x, const xmlNode *n);

/* runs.c */
int dx_on_p(dx *x, xmlNode *p);
int dx_leave_p(dx *x, const frame *f);
int dx_on_r(dx *x, xmlNode *r);
int dx_on_t(dx *x, const xmlNode *t);
int dx_on_sym(dx *x, const xmlNode *n);
int dx_on_symex(dx *x, const xmlNode *n);
int dx_on_tbl(dx *x, xmlNode *n);
int dx_on_tr(dx *x, xmlNode *n);
int dx_on_tc(dx *x, xmlNode *n);

/* controls.c */
int dx_on_sdt(dx *x, xmlNode *n);
int dx_leave_cb(dx *x);
int dx_on_control(dx *x, const xmlNode *n);
int dx_on_alternate(dx *x, xmlNode *n);
int dx_on_txbx(dx *x, xmlNode *n);

/* walk.c */
int dx_w_kind(const char *l);
int dx_enter(dx *x, xmlNode *n);
int dx_leave(dx *x, const frame *f);
int dx_run(dx *x, size_t base);
int dx_walk(dx *x, xmlNode *body);

/* stream.c */
int dx_stream_body(dx *x, const char *buf, size_t len);

/* meta.c */
int dx_read_custom(dx *x);
int dx_read_app(dx *x);

#endif
