/* read/open.c -- open: sniff the container, check it, pick the front end. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "core/zip.h"
#include "read/frontend.h"

void
a2_limits_default(a2_limits *l)
{
	l->max_file = (size_t)64 << 20;
	l->max_entries = 10000;
	l->max_member = (size_t)64 << 20;
	l->max_total = (size_t)256 << 20;
	l->max_ratio = 200;
	l->max_depth = 256;
}

static int
ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcasecmp(s + a - b, suf) == 0;
}

static const char ODT_MIME[] = "application/vnd.oasis.opendocument.text";

a2_doc *
a2_doc_open_mem(const char *name, const void *data, size_t len, const a2_limits *lim, a2_error *err)
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
		if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
			return (a2_error_set(err, A2_ERR_UNSUPPORTED, "a PDF file: only DOCX and ODT replies can be read"), NULL);
		if (len >= 5 && memcmp(p, "{\\rtf", 5) == 0)
			return (a2_error_set(err, A2_ERR_UNSUPPORTED, "an RTF file: save it as DOCX"), NULL);
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
			doc = a2_odt_lower(z, lim, err);
		} else {
			a2_error_at(err, NULL, "mimetype", 0, 0);
			a2_error_set(err, A2_ERR_FORMAT, "an OpenDocument file of type \"%.80s\", not a text document", mime);
			free(mime);
		}
	} else if (a2_zip_has(z, "[Content_Types].xml")) {
		doc = a2_docx_lower(z, lim, err);
	} else if (a2_zip_has(z, "content.xml")) {
		doc = a2_odt_lower(z, lim, err);
	} else {
		a2_error_set(err, A2_ERR_FORMAT, "a zip archive that is neither DOCX nor ODT");
	}
out:
	a2_zip_close(z);
	return doc;
}
