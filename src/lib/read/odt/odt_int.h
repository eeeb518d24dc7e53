/* read/odt/odt_int.h -- what the pieces of the ODF front end share (odt.c
 * describes it); nothing outside read/odt/ includes this. */
#ifndef A2_READ_ODT_INT_H
#define A2_READ_ODT_INT_H

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "core/xml.h"
#include "read/frontend.h"

#define NS_SVG    "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_XML    "http://www.w3.org/XML/1998/namespace"

#define FM_CHECKBOX "vnd.oasis.opendocument.field.FORMCHECKBOX"
#define FM_DROPDOWN "vnd.oasis.opendocument.field.FORMDROPDOWN"
#define FM_AUTONAME "__Fieldmark__"

#define STYLE_STEPS 16     /* style:parent-style-name steps followed */
#define MAX_SPACES  1024   /* text:c honoured for one text:s */
#define MAX_REPEAT  65536  /* table:number-*-repeated honoured */
#define GLYPH_MAX   64     /* bytes of a content control's glyph kept */
#define FM_MAX      64     /* nested fieldmark ranges tracked */
#define INS_MAX     64     /* open tracked insertions tracked */
#define NO_BLOCK    SIZE_MAX

/* Frame flags: the A2_SF_* bits in force, plus two of our own. */
#define SF_MASK   0xffu
#define F_INLINE  (1u << 16)  /* inside a paragraph: text nodes are text */
#define F_CAPTURE (1u << 17)  /* inside a checkbox control: text is its glyph */

/* ---- styles: strike, highlight, bold, hidden ---- */

#define P_HIDDEN (1u << 8)

/* Properties a style sets (set) and their values (val), as A2_SF_* bits
 * plus P_HIDDEN. */
typedef struct props {
	unsigned set, val;
} props;

typedef struct style_ent {
	const char *name, *family;
	const char *parent;  /* style:parent-style-name, or NULL */
	char *owned;         /* the three strings, when the table owns them */
	props own;           /* what it sets itself (style:text-properties) */
	int common;          /* 1 office:styles, 0 office:automatic-styles */
	int resolved;
	props p;             /* with its parents, once resolved */
} style_ent;

typedef struct style_tab {
	style_ent *v;
	size_t n, cap;
} style_tab;
/* ---- id maps: form controls by id, tracked insertions by change id ---- */

typedef struct id_ent {
	const char *key;
	const xmlNode *node;
} id_ent;

typedef struct id_map {
	id_ent *v;
	size_t n, cap;
} id_map;
/* ---- the walker ---- */

/* What leaving an element must undo or finish. */
enum act { ACT_NONE, ACT_PARA, ACT_TABLE, ACT_ROW, ACT_CELL, ACT_CCBOX };

typedef struct frame {
	int act;
	unsigned flags;          /* in force inside the element */
	const xmlNode *node;
	size_t s0, s1;           /* PARA: saved block; CCBOX: mark offset, glyph start */
	int i0, i1, i2, i3;      /* PARA: saved ws; TABLE: saved context; ROW/CELL: repeats */
} frame;

/* A fieldmark range (fieldmark-start .. fieldmark-end) that is open. */
typedef struct fmark {
	unsigned char skip;      /* its text is not shown */
	unsigned char code;      /* before its fieldmark-separator (field code) */
	unsigned char drop;      /* a drop-down: its value was put in already */
} fmark;

typedef struct walker {
	a2_doc *doc;
	const char *member;      /* interned, or NULL for a flat ODT */
	style_tab *styles;
	const id_map *controls, *inserts;
	a2_error *err;

	frame *st;
	size_t n_st, cap_st;

	size_t cur;              /* current block, or NO_BLOCK */
	int ws;                  /* 1: white space here is dropped */

	int n_tables, table, row, col, depth;

	fmark fm[FM_MAX];
	size_t n_fm, fm_over, n_skip;

	const char *ins[INS_MAX];
	size_t n_ins, ins_over;

	a2_buf cap;              /* glyphs of checkbox content controls */
	size_t budget;           /* bytes of text still allowed */
} walker;

/* One lowering: the walker and what it looks things up in. */
typedef struct od_run {
	walker w;
	style_tab styles;
	id_map controls, inserts;
} od_run;

/* odt.c */
int od_run_begin(od_run *r, a2_doc *doc, const char *member, size_t budget, const xmlNode *autos,
    const xmlNode *cstyles, const style_tab *sstyles, const xmlNode *text, a2_error *err);
int od_run_ids(od_run *r, const xmlNode *text);
void od_run_end(od_run *r);
int od_finish(a2_doc *doc, const xmlNode *meta, a2_error *err);

/* stream.c */
int od_stream_content(a2_doc *doc, const char *buf, size_t len, const style_tab *sstyles, size_t budget,
    unsigned max_depth, int flat);
int od_stream_styles(style_tab *t, const char *buf, size_t len, unsigned max_depth);

/* util.c */
int od_is_ws(char c);
int od_starts_with(const char *s, const char *pre);
int od_ends_with(const char *s, const char *suf);
int od_ns_is(const xmlNode *n, const char *ns);
const char *od_local(const xmlNode *n);
const char *od_attr_ne(const xmlNode *n, const char *ns, const char *name);
unsigned od_line_of(const xmlNode *n);
int od_count_attr(const xmlNode *n, const char *ns, const char *name, int max);
a2_tri od_tri_bool(const char *v);
int od_sat_add(int a, int b);
void od_trim(const char **s, size_t *n);
size_t od_utf8_prefix(const char *s, size_t n);
int od_eq_trimmed(const char *s, size_t n, const char *z);
char *od_own_text(const xmlNode *n);
const xmlNode *od_next_pre(const xmlNode *n, const xmlNode *root, int descend);

/* styles.c */
int od_cmp_style(const void *a, const void *b);
int od_styles_add(style_tab *t, const xmlNode *parent, int common, int copy);
int od_styles_append(style_tab *t, const style_tab *src);
void od_styles_free(style_tab *t);
int od_styles_keep(const xmlChar *local, const xmlChar *uri, unsigned depth);
props od_style_props(style_tab *t, const char *family, const char *name);
unsigned od_props_apply(unsigned f, props p);

/* ids.c */
const xmlNode *od_id_find(const id_map *m, const char *key);
const char *od_id_key(const id_map *m, const char *key);
int od_collect_controls(id_map *m, const xmlNode *text);
int od_collect_insertions(id_map *m, const xmlNode *text);

/* text.c */
int od_nomem(walker *w);
unsigned od_top_flags(const walker *w);
frame *od_push(walker *w, const xmlNode *n, int act, unsigned flags);
int od_new_block(walker *w, const xmlNode *n);
int od_capture(walker *w, const char *s, size_t n);
int od_put_text(walker *w, const char *s, size_t n);
int od_put_lit(walker *w, const char *s, size_t n, unsigned extra);
int od_add_mark(walker *w, size_t blk, size_t off, a2_mark_kind kind, a2_tri state, unsigned mflags, const char *name, const char *glyph, const xmlNode *n);
int od_add_mark_here(walker *w, a2_mark_kind kind, a2_tri state, unsigned mflags, const char *name, int inline_char, const xmlNode *n);

/* paras.c */
int od_enter_text(walker *w, const xmlNode *n);
int od_enter_table(walker *w, const xmlNode *n);

/* controls.c */
int od_enter_content_control(walker *w, const xmlNode *n);
int od_leave_content_control(walker *w, frame *fr);
int od_put_form_control(walker *w, const xmlNode *n);
int od_enter_field(walker *w, const xmlNode *n);

/* walk.c */
int od_walk(walker *w, const xmlNode *root);

#endif
