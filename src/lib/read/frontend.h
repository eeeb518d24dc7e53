/* read/frontend.h -- the format front ends: each lowers one container
 * format into the reply model (annex2/doc.h) and is the only code that
 * knows that format's XML.  See doc.h for the lowering rules. */
#ifndef A2_READ_FRONTEND_H
#define A2_READ_FRONTEND_H

#include "annex2/annex2.h"
#include "core/zip.h"

/* What a reader keeps from one DOCX for the next: the styles read from the
 * last styles part (docx.c says when they are used again).  NULL: none. */
typedef struct a2_docx_cache a2_docx_cache;
void a2_docx_cache_free(a2_docx_cache *c);

/* DOCX (also .docm/.dotx): word/document.xml through _rels, the custom
 * properties (docProps/custom.xml) and docProps/app.xml's Application.
 * cache: the reader's (made on first use), or NULL. */
a2_doc *a2_docx_lower(a2_zip *z, const a2_limits *lim, a2_docx_cache **cache, a2_error *err);
/* The same read from a tree of the main part, never as a stream (what
 * a2_docx_lower falls back to; the tests compare the two). */
a2_doc *a2_docx_lower_tree(a2_zip *z, const a2_limits *lim, a2_docx_cache **cache, a2_error *err);

/* ODT (zip with mimetype application/vnd.oasis.opendocument.text):
 * content.xml, styles for strike/highlight, meta.xml user-defined props. */
a2_doc *a2_odt_lower(a2_zip *z, const a2_limits *lim, a2_error *err);
/* The same read from a tree of content.xml, never as a stream (what
 * a2_odt_lower falls back to; the tests compare the two). */
a2_doc *a2_odt_lower_tree(a2_zip *z, const a2_limits *lim, a2_error *err);

/* Flat ODT (a single XML document, office:document), read as a stream as
 * content.xml is. */
a2_doc *a2_fodt_lower(const char *xml, size_t len, const a2_limits *lim, a2_error *err);
/* The same read from a tree, never as a stream (what a2_fodt_lower falls
 * back to; the tests compare the two). */
a2_doc *a2_fodt_lower_tree(const char *xml, size_t len, const a2_limits *lim, a2_error *err);

/* PDF (poppler-glib): the text layer laid out by page geometry, form
 * fields, boxes drawn as lines (doc->probe), the digital signature. */
a2_doc *a2_pdf_lower(const void *data, size_t len, const a2_limits *lim, a2_error *err);

/* a2_doc_open_mem() with the reader's cache (open.c). */
a2_doc *a2_doc_open_cached(const char *name, const void *data, size_t len, const a2_limits *lim,
                           a2_docx_cache **cache, a2_error *err);

#endif
