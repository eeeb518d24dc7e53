/* read/frontend.h -- the format front ends: each lowers one container
 * format into the reply model (annex2/doc.h) and is the only code that
 * knows that format's XML.  See doc.h for the lowering rules. */
#ifndef A2_READ_FRONTEND_H
#define A2_READ_FRONTEND_H

#include "annex2/annex2.h"
#include "core/zip.h"

/* DOCX (also .docm/.dotx): word/document.xml through _rels, the custom
 * properties (docProps/custom.xml) and docProps/app.xml's Application. */
a2_doc *a2_docx_lower(a2_zip *z, const a2_limits *lim, a2_error *err);

/* ODT (zip with mimetype application/vnd.oasis.opendocument.text):
 * content.xml, styles for strike/highlight, meta.xml user-defined props. */
a2_doc *a2_odt_lower(a2_zip *z, const a2_limits *lim, a2_error *err);

/* Flat ODT (a single XML document, office:document). */
a2_doc *a2_fodt_lower(const char *xml, size_t len, const a2_limits *lim, a2_error *err);

#endif
