/*
 * tests/fuzz/fuzz_image.c -- libFuzzer harness for the image headers
 * (read/scan/image.c): the TIFF directory walk and the JPEG marker walk that
 * count pages and pixels before anything is decoded, where a decompression
 * bomb is refused.  fuzz_scan reaches them too, but spends its time in the
 * decoders, zbar and OCR (a few runs a second); here the walks alone run
 * thousands of times a second.  Invariants: a TIFF accepted has 1 to
 * A2_SCAN_MAX_PAGES pages, one refused says why; a JPEG's size is 16-bit.
 * Seeded with fuzz_scan's seeds (tests/fuzz/run.sh).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "read/scan/page.h"

#define FZ_ASSERT(c, what) do { if (!(c)) { \
	fprintf(stderr, "fuzz invariant broken: %s (%s:%d)\n", what, __FILE__, __LINE__); abort(); } } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	a2_error err;
	int pages = 0, w = -1, h = -1, comps = -1;

	a2_error_clear(&err);
	if (a2_scan_tiff_pages(data, size, &pages, &err) == 0)
		FZ_ASSERT(pages >= 1 && pages <= A2_SCAN_MAX_PAGES, "a TIFF accepted with a page count out of range");
	else
		FZ_ASSERT(err.code != A2_OK && err.message[0] != '\0', "a TIFF refused without a message");
	if (a2_scan_jpeg_size(data, size, &w, &h, &comps) == 0)
		FZ_ASSERT(w >= 0 && w <= 65535 && h >= 0 && h <= 65535 && comps >= 0,
		          "a JPEG size out of 16 bits, or no component count");
	return 0;
}
