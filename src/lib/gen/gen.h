/* gen/gen.h -- private helpers shared by the DOCX and ODT writers.
 *
 * Two things live here:
 *  - a2_xw: a small XML writer over libxml2's xmlTextWriter (to memory),
 *    which escapes text and attributes and drops what XML 1.0 cannot hold;
 *  - a2_gen: every string a writer needs, expanded once from the form's
 *    wording for one Member State (the writers never touch a2_form_expand).
 *
 * Naming of the generated controls (the contract with the reader):
 *  - choice boxes: tag "<rec>/<option>", option one of a2_gen_opt_name()
 *    ("X.1237/not-assign"); a bookmark sits just before each box in both
 *    formats, "annex2_" + rec + "_" + option with every character other
 *    than an ASCII letter or digit as '_' ("annex2_X_1237_not_assign"):
 *    tags do not survive a LibreOffice 7.4 save, bookmarks do;
 *  - text inputs: tags "from-name", "from-title", "address" (From block),
 *    "place", "date" (Date row), "name", "title" (signature block), each
 *    after a bookmark "annex2_<tag>" ('-' as '_').
 */
#ifndef A2_GEN_GEN_H
#define A2_GEN_GEN_H

#include <stddef.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include "annex2/annex2.h"

/* ---- XML writer ---------------------------------------------------- */

typedef struct a2_xw {
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	int failed;   /* sticky: every call after a failure is a no-op */
	/* libxml2 reports its own failures (out of memory) on stderr: while a
	 * writer is open, this thread's handlers are silenced. */
	int silenced;
	xmlGenericErrorFunc old_generic;
	void *old_generic_ctx;
	xmlStructuredErrorFunc old_structured;
	void *old_structured_ctx;
} a2_xw;

/* Starts a document (<?xml ... standalone="yes"?>).  0 or -1 (nomem).
 * Until a2_xw_finish() or a2_xw_free(), libxml2 prints nothing. */
int a2_xw_open(a2_xw *x, a2_error *err);
/* Element with attribute pairs (name, value, ..., NULL); values NULL are
 * skipped.  _start leaves it open; _el writes it empty. */
void a2_xw_start(a2_xw *x, const char *name, ...)
#if defined(__GNUC__)
	__attribute__((sentinel))
#endif
	;
void a2_xw_el(a2_xw *x, const char *name, ...)
#if defined(__GNUC__)
	__attribute__((sentinel))
#endif
	;
void a2_xw_attr(a2_xw *x, const char *name, const char *value);
/* Text content, escaped; invalid UTF-8 becomes U+FFFD, characters XML
 * cannot hold are dropped. */
void a2_xw_text(a2_xw *x, const char *s, size_t len);
void a2_xw_end(a2_xw *x);
/* <name attrs...>text</name> */
void a2_xw_text_el(a2_xw *x, const char *name, const char *text, ...)
#if defined(__GNUC__)
	__attribute__((sentinel))
#endif
	;
/* Ends the document and hands over its bytes (caller frees).  Frees x. */
int a2_xw_finish(a2_xw *x, char **out, size_t *len, const char *member, a2_error *err);
void a2_xw_free(a2_xw *x);

/* ---- the prepared strings of one form ------------------------------- */

enum { A2_OPT_ASSIGNS, A2_OPT_NONE, A2_OPT_ATTACHED, A2_OPT_NOT_ASSIGN, A2_OPT__COUNT };

/* "assigns", "none", "attached", "not-assign" */
const char *a2_gen_opt_name(int opt);

/* The fill-ins, in document order. */
enum {
	A2_IN_FROM_NAME, A2_IN_FROM_TITLE, A2_IN_ADDRESS, A2_IN_PLACE, A2_IN_DATE,
	A2_IN_NAME, A2_IN_TITLE, A2_IN__COUNT
};

typedef struct a2_gen_input {
	const char *tag;      /* "from-name", ..., "title" */
	const char *ph;       /* placeholder wording, "[Name]" */
	char *alias;          /* the wording without brackets, "Name" */
	char *bookmark;       /* "annex2_from_name" */
	int multiline;
} a2_gen_input;

typedef struct a2_gen_text {
	const a2_text *text;
	char *label;                  /* "Draft new Recommendation ITU-T X.1237 (X.tsfpp)" */
	char *opt[A2_OPT__COUNT];     /* the four labels, expanded */
	char *tag[A2_OPT__COUNT];     /* "X.1237/assigns" ... */
	char *bookmark[A2_OPT__COUNT];/* "annex2_X_1237_assigns" ... (Word-safe) */
} a2_gen_text;

typedef struct a2_gen {
	const a2_form *form;
	const a2_state *st;
	const a2_wording *wd;
	const char *lang;             /* wd->lang */
	const char *state_name;       /* the state's name in lang (a2_state_form_name) */
	char *w[A2_W__COUNT];         /* every wording, expanded for st */
	char *reference;              /* a2_form_reference() */
	char *title;                  /* document title */
	char *created;                /* circular date, "2024-04-23T00:00:00Z" */
	/* From block: contact values, or NULL for an input. */
	const char *c_name, *c_title, *c_address, *c_email;
	a2_gen_input in[A2_IN__COUNT];
	a2_gen_text *texts;
	size_t n_texts;
} a2_gen;

/* Checks the arguments and expands everything.  0, or -1 with err set. */
int a2_gen_prepare(a2_gen *g, const a2_form *form, const a2_state *st,
                   const a2_gen_opts *opts, a2_error *err);
void a2_gen_clear(a2_gen *g);

/* One part of a package: its member name and the function writing it. */
typedef struct a2_gen_part {
	const char *name;
	int (*fn)(const a2_gen *g, char **xml, size_t *len, a2_error *err);
} a2_gen_part;

/* Writes the package of one form: prepares the generator for st, then
 * (when mimetype is not NULL, ODF) a stored "mimetype" member first, then
 * every part in order, into a deterministic zip in *out.  0, or -1 with
 * err set and nothing in *out. */
int a2_gen_package(const a2_form *form, const a2_state *st, const a2_gen_opts *opts,
                   const char *mimetype, const a2_gen_part *parts, size_t n_parts,
                   unsigned char **out, size_t *len, a2_error *err);

/* The same, and then more(g, zo, err) adds members of its own (the
 * pages' headers and images of a form made to be scanned), after the
 * parts. */
struct a2_zipout;
typedef int (*a2_gen_more)(const a2_gen *g, struct a2_zipout *zo, a2_error *err);
int a2_gen_package_more(const a2_form *form, const a2_state *st, const a2_gen_opts *opts,
                        const char *mimetype, const a2_gen_part *parts, size_t n_parts,
                        a2_gen_more more, unsigned char **out, size_t *len, a2_error *err);

/* The language as a BCP 47 tag with a region where office programs
 * expect one ("en" -> "en-GB"); static storage or g->lang. */
const char *a2_gen_lang_tag(const a2_gen *g);

/* 1 when the form's language is written right to left (Arabic, Hebrew,
 * Persian, Urdu): paragraphs, runs, tables and the page mirrored. */
int a2_gen_rtl(const a2_gen *g);

/* The East Asian font of the form's language (Noto CJK, present on Debian;
 * Office falls back to the font's altName, SimSun ...), or NULL for a
 * language that needs none. */
const char *a2_gen_cjk_font(const a2_gen *g);
/* Its Office alternative (w:altName), or NULL. */
const char *a2_gen_cjk_alt(const a2_gen *g);

#endif
