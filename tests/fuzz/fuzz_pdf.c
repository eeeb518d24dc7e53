/*
 * tests/fuzz/fuzz_pdf.c -- libFuzzer harness for the PDF path:
 * a2_doc_open_mem("x.pdf") (poppler opens it, the page layout, form fields,
 * the deflate-bomb scan, the signature check) and a2_read_mem through a
 * reader (the matcher, and the probe that renders a page area with cairo),
 * with the invariants of fuzz_common.h.  Poppler itself is not built with
 * coverage: the fuzzer is guided by annex2's own code.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_setup();
	fz_open("x.pdf", data, size);
	fz_read("x.pdf", data, size);
	return 0;
}
