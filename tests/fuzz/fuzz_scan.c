/*
 * tests/fuzz/fuzz_scan.c -- libFuzzer harness for the page image path
 * (read/scan/): the input opened as a TIFF, PNG or JPEG by its magic bytes
 * (a2_doc_open_mem: the TIFF directory walk, the JPEG marker walk, the
 * header checks, Leptonica's decoders, zbar, the box finder) and read
 * through a reader (the decision and the record), with the invariants of
 * fuzz_common.h; and the QR payload parser on the same bytes.  Leptonica,
 * libtiff, libpng, libjpeg and zbar are not built with coverage: the
 * fuzzer is guided by annex2's own code.
 */
#include "fuzz_common.h"
#include "read/scan/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *name = "x.png";
	char payload[512];
	a2_scan_qr q;

	fz_setup();
	if (size >= 2 && (data[0] == 'I' || data[0] == 'M'))
		name = "x.tif";
	else if (size >= 2 && data[0] == 0xFF)
		name = "x.jpg";
	fz_open(name, data, size);
	fz_read(name, data, size);
	if (size < sizeof(payload)) {
		memcpy(payload, data, size);
		payload[size] = '\0';
		(void)a2_scan_parse_qr(payload, &q);
	}
	return 0;
}
