/*
 * annex2/doc.h -- the reply model: a returned document, format-neutral.
 *
 * The DOCX and ODT front ends are the only code that knows WordprocessingML
 * or ODF.  They lower a document into this model -- blocks (paragraphs,
 * including those in table cells and text boxes) in reading order, each
 * holding its text (UTF-8), spans of styled text, and marks (checkbox-like
 * things) at byte offsets of that text -- and the matcher sees nothing else.
 *
 * Lowering rules every front end follows:
 *  - the document as the person left it: tracked deletions are skipped,
 *    insertions kept; mc:AlternateContent is read once (Choice, not Fallback);
 *  - a control's own display glyph (the ☒ inside a checkbox content control)
 *    is NOT put in the text; it is kept in a2_mark.glyph.  Glyphs typed as
 *    text (☒, X, ⃝, ...) stay in the text and the matcher finds them;
 *  - tabs and line breaks become '\t' and '\n'; each paragraph is one block;
 *  - every block and mark carries its source position (zip member, line).
 *
 * Memory: the document owns everything in it; a2_doc_free() frees it all.
 */
#ifndef ANNEX2_DOC_H
#define ANNEX2_DOC_H

#include <stddef.h>
#include "error.h"

typedef enum a2_format {
	A2_FMT_UNKNOWN = 0, A2_FMT_DOCX, A2_FMT_ODT, A2_FMT_FODT, A2_FMT_PDF,
	A2_FMT_TIFF, A2_FMT_PNG, A2_FMT_JPEG   /* page images (read/scan/) */
} a2_format;

/* Stable names: "docx", "odt", "fodt", "pdf", "unknown". */
const char *a2_format_name(a2_format f);

/* What kind of control made a mark. */
typedef enum a2_mark_kind {
	A2_MK_CONTENT_CONTROL,   /* w14:checkbox SDT; loext:content-control checkbox */
	A2_MK_FORM_FIELD,        /* legacy FORMCHECKBOX; ODT field:fieldmark FORMCHECKBOX */
	A2_MK_FORM_CONTROL,      /* ODF form:checkbox / form:radio */
	A2_MK_ACTIVEX,           /* ActiveX CheckBox/OptionButton: state unreadable */
	A2_MK_GLYPH,             /* found in text by the matcher (not by front ends) */
	A2_MK_PDF_FIELD,         /* a PDF form field (AcroForm checkbox or radio widget) */
	A2_MK_PDF_DRAWING        /* a box drawn as lines, its ink measured on the rendered page */
} a2_mark_kind;

/* "content-control", "form-field", "form-control", "activex", "glyph",
 * "pdf-field", "pdf-drawing" */
const char *a2_mark_kind_name(a2_mark_kind k);

typedef enum a2_tri { A2_OFF = 0, A2_ON = 1, A2_UNKNOWN = 2 } a2_tri;

enum {
	A2_MF_DISAGREE = 1u << 0, /* flag and displayed glyph disagree */
	A2_MF_RADIO    = 1u << 1, /* a radio button / option button */
	A2_MF_DEFAULT  = 1u << 2, /* state taken from a default, not set by the user */
	A2_MF_NO_BOX   = 1u << 3, /* a scan read by OCR: no printed box found by its label */
	A2_MF_LOW_CONF = 1u << 4  /* a scan read by OCR: its label's line read with low confidence */
};

typedef struct a2_pos {
	const char *member; /* zip member ("word/document.xml"); owned by the doc */
	unsigned line;      /* 1-based, 0 if unknown */
	unsigned page;      /* PDF: 1-based page; 0 for formats without pages */
	float x, y;         /* PDF: top left corner on the page, in points from the top left */
} a2_pos;

typedef struct a2_mark {
	a2_mark_kind kind;
	a2_tri state;
	unsigned flags;     /* A2_MF_* */
	size_t offset;      /* byte offset in the block text where the mark stands */
	char *name;         /* tag, alias, field or control name; NULL if none */
	char *glyph;        /* displayed glyph of the control, UTF-8; NULL if none */
	a2_pos pos;
} a2_mark;

enum {
	A2_SF_STRUCK    = 1u << 0, /* struck through (single or double) */
	A2_SF_HIGHLIGHT = 1u << 1, /* highlighted or shaded */
	A2_SF_INSERTED  = 1u << 2, /* a tracked insertion (kept) */
	A2_SF_BOLD      = 1u << 3,
	A2_SF_FIELD     = 1u << 4  /* untouched placeholder text of a fill-in field */
};

/* The state a ballot glyph shows: A2_ON (☒ ☑ ✓ ✔ ✗ ■ ● ...), A2_OFF
 * (☐ □ ○ ⃝ ...), or -1 for a character that is no ballot glyph. */
int a2_glyph_state(unsigned cp);

/* A run of text [start, start+len) with the same A2_SF_* flags.  Only runs
 * with flags != 0 need to be recorded. */
typedef struct a2_span {
	size_t start, len;
	unsigned flags;
} a2_span;

typedef struct a2_block {
	char *text;         /* UTF-8, NUL-terminated */
	size_t len;
	a2_span *spans;  size_t n_spans,  cap_spans;
	a2_mark *marks;  size_t n_marks,  cap_marks;  /* sorted by offset */
	int table;          /* innermost table index in document order, -1 if none */
	int row, col;       /* cell coordinates in that table, -1 if none */
	int depth;          /* table nesting depth, 0 outside tables */
	a2_pos pos;
	size_t cap_text;
} a2_block;

typedef struct a2_prop {
	char *name;
	char *value;
} a2_prop;

typedef struct a2_doc {
	a2_format format;
	a2_block *blocks; size_t n_blocks, cap_blocks;
	a2_prop *props;   size_t n_props,  cap_props;   /* custom properties / meta:user-defined */
	char *producer;   /* application that saved it, or NULL */
	char **members;   size_t n_members, cap_members; /* interned member names for a2_pos */
	size_t n_marks_total;
	/* parts that are damaged and were not read, whose loss leaves the
	 * answers readable (metadata): each one a damaged-part problem that
	 * makes the reply incomplete.  A damaged part the answers depend on
	 * is an error of the front end instead.  Interned member names. */
	const char **damaged; size_t n_damaged, cap_damaged;
	/* what the front end has to say about the document as a whole, each a
	 * problem of the record (code, message): pages not read, a page that
	 * is only a picture, ... */
	struct a2_note { char *code; char *message; } *notes;
	size_t n_notes, cap_notes;
	/* image_only: no page has text (a scanned PDF): no answer may be read
	 * from it, every text is unclear */
	int image_only;
	/* A digital signature over the document (PDF); present 0 when none. */
	struct a2_dsig {
		int present;
		char *signer;       /* the signer's name, or NULL */
		char *time;         /* signing time, ISO 8601, or NULL */
		int valid;          /* the cryptography holds */
		int covers;         /* the signature covers the whole document */
		char *message;      /* what was found, in words */
	} dsig;
	/* A front end that can look closer than its text (a PDF page rendered
	 * around a block) offers it here; NULL when it cannot.  probe(): is
	 * there a box drawn just before the start of block b (the place of a
	 * box whose label opens the block)?  1 with *state (A2_UNKNOWN: ink
	 * between empty and marked) and m filled, 0 no box, -1 out of memory. */
	int (*probe)(struct a2_doc *doc, size_t b, a2_mark *m);
	/* (probe and struck return -2 when they could not look within the
	 * front end's limits, time or pixels: no answer of the document is
	 * then given, and limit_why says why) */
	const char *limit_why;
	/* struck(): is the text [start, end) of block b struck through by a
	 * line drawn over it (a PDF: the strike is no text attribute there)?
	 * 1 yes, 0 no, -1 out of memory.  NULL when the spans say it all. */
	int (*struck)(struct a2_doc *doc, size_t b, size_t start, size_t end);
	/* A page image front end (read/scan/) decides the answers itself, as
	 * it alone knows where the boxes are: its partial record (texts with
	 * confidence, pages, signatory.signed, problems), moved into the
	 * reader's record by a2_match_doc.  NULL for every other format. */
	struct a2_record *scan;
	void *fe;                           /* the front end's own, for probe */
	void (*fe_free)(void *fe);
} a2_doc;

/* Builder API used by the front ends.  Every call returns 0, or -1 on
 * allocation failure (the doc stays valid and freeable). */
a2_doc *a2_doc_new(a2_format format);
void a2_doc_free(a2_doc *doc);
const char *a2_doc_member(a2_doc *doc, const char *member); /* interns; NULL on ENOMEM */
a2_block *a2_doc_add_block(a2_doc *doc, a2_pos pos, int table, int row, int col, int depth);
int a2_block_append(a2_block *b, const char *utf8, size_t len, unsigned span_flags);
int a2_block_add_mark(a2_doc *doc, a2_block *b, const a2_mark *m); /* copies name/glyph */
int a2_doc_add_prop(a2_doc *doc, const char *name, const char *value);
int a2_doc_add_damaged(a2_doc *doc, const char *part);
int a2_doc_add_note(a2_doc *doc, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
const char *a2_doc_prop(const a2_doc *doc, const char *name);

/* 1 when the model is well-formed (offsets in range, marks sorted, UTF-8
 * valid, spans inside the text).  For tests and fuzzers. */
int a2_doc_check(const a2_doc *doc);

/* Writes a readable dump of the model (for `annex2 read --dump`) into a
 * new NUL-terminated string; caller frees. */
char *a2_doc_dump(const a2_doc *doc);

/* Metadata names written by the generator and read back. */
#define A2_PROP_CONSULTATION "annex2.consultation"
#define A2_PROP_STATE        "annex2.member-state"
#define A2_PROP_VERSION      "annex2.form-version"

#endif
