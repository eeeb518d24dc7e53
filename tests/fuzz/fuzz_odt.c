/*
 * tests/fuzz/fuzz_odt.c -- libFuzzer harness for the ODF paths:
 * a2_doc_open_mem and a2_read_mem with the names "x.odt" and "x.fodt",
 * with the invariants of fuzz_common.h.
 *
 * First byte 0x01: the rest is content.xml, packed (stored) after a
 * mimetype member, so that mutations reach the ODF front end.  0x02: the
 * rest is a flat ODT (x.fodt).  Anything else: the whole input as x.odt and
 * as x.fodt.
 */
#include "fuzz_common.h"
#include "core/zip.h"

static const char mime[] = "application/vnd.oasis.opendocument.text";

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
		FZ_ASSERT(a2_zipout_add(zo, "mimetype", mime, sizeof(mime) - 1, 1, NULL) == 0 &&
		    a2_zipout_add(zo, "content.xml", data + 1, size - 1, 1, NULL) == 0 &&
		    a2_zipout_finish(zo, &pkg, &len, NULL) == 0, "packing content.xml");
		fz_open("x.odt", pkg, len);
		fz_read("x.odt", pkg, len);
		free(pkg);
		return 0;
	}
	if (size > 0 && data[0] == 0x02) {
		fz_open("x.fodt", data + 1, size - 1);
		fz_read("x.fodt", data + 1, size - 1);
		return 0;
	}
	fz_open("x.odt", data, size);
	fz_read("x.odt", data, size);
	fz_open("x.fodt", data, size);
	fz_read("x.fodt", data, size);
	return 0;
}
