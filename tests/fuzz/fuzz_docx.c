/*
 * tests/fuzz/fuzz_docx.c -- libFuzzer harness for the DOCX path:
 * a2_doc_open_mem("x.docx") and a2_read_mem through a reader, with the
 * invariants of fuzz_common.h.
 *
 * Input: a whole file; or, when the first byte is 0x01, the rest is
 * word/document.xml, packed (stored) into a minimal package with
 * [Content_Types].xml and _rels/.rels, so that mutations reach the
 * WordprocessingML front end instead of dying on a zip CRC.
 */
#include "fuzz_common.h"
#include "core/zip.h"

static const char ct[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
	".wordprocessingml.document.main+xml\"/></Types>";
static const char rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_setup();
	if (size > 0 && data[0] == 0x01) {
		a2_zipout *zo = a2_zipout_new(NULL);
		unsigned char *pkg = NULL;
		size_t len = 0;
		FZ_ASSERT(zo != NULL, "a2_zipout_new");
		FZ_ASSERT(a2_zipout_add(zo, "[Content_Types].xml", ct, sizeof(ct) - 1, 1, NULL) == 0 &&
		    a2_zipout_add(zo, "_rels/.rels", rels, sizeof(rels) - 1, 1, NULL) == 0 &&
		    a2_zipout_add(zo, "word/document.xml", data + 1, size - 1, 1, NULL) == 0 &&
		    a2_zipout_finish(zo, &pkg, &len, NULL) == 0, "packing word/document.xml");
		fz_open("x.docx", pkg, len);
		fz_read("x.docx", pkg, len);
		free(pkg);
		return 0;
	}
	fz_open("x.docx", data, size);
	fz_read("x.docx", data, size);
	return 0;
}
