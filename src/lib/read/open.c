/* read/open.c -- open: sniff the container, check it, pick the front end. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlerror.h>

#include "core/util.h"
#include "core/xml.h"
#include "core/zip.h"
#include "read/frontend.h"
#include "read/scan/scan.h"

void
a2_limits_default(a2_limits *l)
{
	l->max_file = (size_t)64 << 20;
	l->max_entries = 10000;
	l->max_member = (size_t)64 << 20;
	l->max_total = (size_t)256 << 20;
	l->max_ratio = 200;
	l->max_depth = 256;
	l->ocr_ms = 16000;
}

static int
ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcasecmp(s + a - b, suf) == 0;
}

static const char ODT_MIME[] = "application/vnd.oasis.opendocument.text";
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

/* 1 when the ODF manifest says content.xml is encrypted (a password set in
 * LibreOffice): its bytes are then not XML at all.  0 otherwise, also when
 * there is no manifest; 2 when the manifest is damaged (not XML: a damaged
 * part of the reply); -1 out of memory.  Other failures (limits, a damaged
 * zip entry) are left to the front end, which reads the same entries. */
static int
odf_encrypted(a2_zip *z, const a2_limits *lim)
{
	a2_error err;
	xmlDocPtr x;
	xmlNode *root, *n;
	char *buf;
	size_t len;
	int enc = 0;

	if (!a2_zip_has(z, "META-INF/manifest.xml"))
		return 0;
	a2_error_clear(&err);
	if ((buf = a2_zip_read(z, "META-INF/manifest.xml", &len, &err)) == NULL)
		return err.code == A2_ERR_NOMEM ? -1 : 0;
	x = a2_xml_parse(buf, len, "META-INF/manifest.xml", lim->max_depth, &err);
	free(buf);
	if (x == NULL)
		return err.code == A2_ERR_NOMEM ? -1 : err.code == A2_ERR_XML ? 2 : 0;
	root = xmlDocGetRootElement(x);
	for (n = root ? root->children : NULL; n != NULL && !enc; n = n->next) {
		const char *path = a2_xml_attr(n, NS_MANIFEST, "full-path");
		if (a2_xml_is(n, NS_MANIFEST, "file-entry") && path != NULL && strcmp(path, "content.xml") == 0 &&
		    a2_xml_child(n, NS_MANIFEST, "encryption-data") != NULL)
			enc = 1;
	}
	xmlFreeDoc(x);
	return enc;
}

/* The ODF front end, unless the document is password-protected. */
static a2_doc *
odt_lower(a2_zip *z, const a2_limits *lim, a2_error *err)
{
	int enc = odf_encrypted(z, lim);
	a2_doc *doc;

	if (enc < 0)
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	if (enc == 1) {
		a2_error_at(err, NULL, "META-INF/manifest.xml", 0, 0);
		return (a2_error_set(err, A2_ERR_ENCRYPTED,
		    "the document is protected by a password: save it without one"), NULL);
	}
	doc = a2_odt_lower(z, lim, err);
	if (doc != NULL && enc == 2 && a2_doc_add_damaged(doc, "META-INF/manifest.xml") != 0) {
		a2_doc_free(doc);
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	}
	return doc;
}

/* A mimetype as it may be quoted in a message: printable ASCII, the rest
 * shown as '?', at most 80 characters. */
static void
quote_mime(char *out, size_t size, const char *mime, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len && i < 80 && n + 1 < size; i++)
		out[n++] = mime[i] >= 0x20 && mime[i] < 0x7F ? mime[i] : '?';
	out[n] = '\0';
}

static a2_doc *
open_container(const char *name, const void *data, size_t len, const a2_limits *lim,
    a2_docx_cache **cache, a2_error *err);

/* libxml2 reports an allocation failure outside a parser (in
 * xmlNodeGetContent, say) to the thread's handler, which prints it.  While
 * a document is opened the handler is this one: nothing is printed, and a
 * failure is known even where libxml2 goes on without the node. */
static void
on_xml_error(void *ctx, xmlErrorPtr e)
{
	int *nomem = ctx;

	if (e != NULL && e->code == XML_ERR_NO_MEMORY)
		*nomem = 1;
}

a2_doc *
a2_doc_open_mem(const char *name, const void *data, size_t len, const a2_limits *lim, a2_error *err)
{
	return a2_doc_open_cached(name, data, len, lim, NULL, err);
}

a2_doc *
a2_doc_open_cached(const char *name, const void *data, size_t len, const a2_limits *lim,
    a2_docx_cache **cache, a2_error *err)
{
	xmlStructuredErrorFunc old_serror = xmlStructuredError;
	void *old_sctx = xmlStructuredErrorContext;
	int nomem = 0;
	a2_doc *doc;

	xmlSetStructuredErrorFunc(&nomem, on_xml_error);
	doc = open_container(name, data, len, lim, cache, err);
	xmlSetStructuredErrorFunc(old_sctx, old_serror);
	if (doc != NULL && nomem) {
		a2_doc_free(doc);
		doc = NULL;
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	}
	return doc;
}

static a2_doc *
open_container(const char *name, const void *data, size_t len, const a2_limits *lim,
    a2_docx_cache **cache, a2_error *err)
{
	a2_zip *z;
	a2_doc *doc = NULL;
	const char *p = data;

	if (len == 0)
		return (a2_error_set(err, A2_ERR_NOT_ZIP, "empty file"), NULL);
	if (len > lim->max_file)
		return (a2_error_set(err, A2_ERR_LIMIT, "file is %zu bytes, over the limit of %zu", len, lim->max_file), NULL);
	if (len >= 2 && p[0] != 'P') {
		/* not a zip: a flat ODT is XML; anything else is refused */
		size_t i = 0;
		if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			i = 3;
		while (i < len && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t'))
			i++;
		if (i < len && p[i] == '<' && (ends_with(name, ".fodt") || ends_with(name, ".xml")))
			return a2_fodt_lower(data, len, lim, err);
		if (len >= 8 && memcmp(p, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
			return (a2_error_set(err, A2_ERR_UNSUPPORTED,
			    "an OLE compound file (legacy .doc, or an encrypted Office document): save it as DOCX"), NULL);
		if (len >= 5 && memcmp(p, "%PDF-", 5) == 0) {
			/* its page images, when read as a scan, drawn under its
			 * name (--debug-images) */
			a2_scan_debug_file(name);
			doc = a2_pdf_lower(data, len, lim, err);
			a2_scan_debug_file(NULL);
			return doc;
		}
		if (len >= 5 && memcmp(p, "{\\rtf", 5) == 0)
			return (a2_error_set(err, A2_ERR_UNSUPPORTED, "an RTF file: save it as DOCX"), NULL);
		/* page images: the scan front end (read/scan/) */
		if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
			return a2_scan_lower(name, data, len, A2_FMT_PNG, lim, err);
		if (len >= 3 && memcmp(p, "\xFF\xD8\xFF", 3) == 0)
			return a2_scan_lower(name, data, len, A2_FMT_JPEG, lim, err);
		if (len >= 4 && (memcmp(p, "II*", 4) == 0 || memcmp(p, "MM\0*", 4) == 0))
			return a2_scan_lower(name, data, len, A2_FMT_TIFF, lim, err);
		/* not a zip at all: a document's name gets "not-zip" (a damaged
		 * reply), anything else is a kind of file annex2 does not read */
		if (!ends_with(name, ".docx") && !ends_with(name, ".docm") && !ends_with(name, ".dotx") &&
		    !ends_with(name, ".odt") && !ends_with(name, ".ott") && !ends_with(name, ".fodt"))
			return (a2_error_set(err, A2_ERR_UNSUPPORTED,
			    "not a document annex2 reads (DOCX, ODT, flat ODT, PDF): a person must read it"), NULL);
	}
	z = a2_zip_open_mem(data, len, lim, err);
	if (z == NULL)
		return NULL;
	if (a2_zip_has(z, "mimetype")) {
		size_t ml;
		char *mime = a2_zip_read(z, "mimetype", &ml, err);
		if (mime == NULL)
			goto out;
		while (ml > 0 && (mime[ml - 1] == '\n' || mime[ml - 1] == '\r' || mime[ml - 1] == ' '))
			mime[--ml] = '\0';
		if (strcmp(mime, ODT_MIME) == 0 || strcmp(mime, "application/vnd.oasis.opendocument.text-template") == 0) {
			free(mime);
			doc = odt_lower(z, lim, err);
		} else {
			char shown[81];
			quote_mime(shown, sizeof(shown), mime, ml);
			a2_error_at(err, NULL, "mimetype", 0, 0);
			a2_error_set(err, A2_ERR_FORMAT, "an OpenDocument file of type \"%s\", not a text document", shown);
			free(mime);
		}
	} else if (a2_zip_has(z, "[Content_Types].xml")) {
		doc = a2_docx_lower(z, lim, cache, err);
	} else if (a2_zip_has(z, "content.xml")) {
		doc = odt_lower(z, lim, err);
	} else {
		a2_error_set(err, A2_ERR_FORMAT, "a zip archive that is neither DOCX nor ODT");
	}
out:
	a2_zip_close(z);
	return doc;
}
