/* read/scan/image.c -- an image file's pages and pixel counts read from
 * its headers before anything is decoded (read/scan/page.h): the limits of
 * read/scan/scan.h are checked here, so that a decompression bomb is
 * refused without being decoded. */
#include <stdint.h>
#include <stddef.h>

#include "read/scan/page.h"
#include "read/scan/scan.h"

static uint32_t
rd32(const unsigned char *p, int le)
{
	return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
	          : (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}

static uint32_t
rd16(const unsigned char *p, int le)
{
	return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 : (uint32_t)p[1] | (uint32_t)p[0] << 8;
}

/* Walks a classic TIFF's chain of directories without decoding anything:
 * the page count and each page's size, checked against the limits. */
int
a2_scan_tiff_pages(const unsigned char *d, size_t len, int *pages, a2_error *err)
{
	int le, n = 0;
	uint32_t off;

	if (len < 8)
		return a2_error_set(err, A2_ERR_CORRUPT, "a TIFF file cut short (%zu bytes)", len);
	le = d[0] == 'I';
	if (rd16(d + 2, le) != 42)
		return a2_error_set(err, A2_ERR_UNSUPPORTED, "a BigTIFF or unknown TIFF variant");
	off = rd32(d + 4, le);
	while (off != 0) {
		uint32_t cnt, i, w = 0, h = 0, spp = 1;
		if (off > len - 2 || off < 8)
			return a2_error_set(err, A2_ERR_CORRUPT, "a TIFF directory outside the file");
		cnt = rd16(d + off, le);
		if ((size_t)off + 2 + (size_t)cnt * 12 + 4 > len)
			return a2_error_set(err, A2_ERR_CORRUPT, "a TIFF directory cut short");
		for (i = 0; i < cnt; i++) {
			const unsigned char *e = d + off + 2 + i * 12;
			uint32_t tag = rd16(e, le), type = rd16(e + 2, le);
			uint32_t v = type == 3 ? rd16(e + 8, le) : rd32(e + 8, le);
			if (tag == 256) w = v;
			if (tag == 257) h = v;
			if (tag == 277) spp = v;
		}
		if (w == 0 || h == 0)
			return a2_error_set(err, A2_ERR_CORRUPT, "a TIFF page of %u x %u pixels", w, h);
		if ((double)w * h > (spp > 1 ? A2_SCAN_MAX_COLOR : A2_SCAN_MAX_PIXELS))
			return a2_error_set(err, A2_ERR_LIMIT, "a TIFF page of %u x %u pixels%s, over the limit of %ld",
			    w, h, spp > 1 ? " in colour" : "", spp > 1 ? (long)A2_SCAN_MAX_COLOR : (long)A2_SCAN_MAX_PIXELS);
		if (++n > A2_SCAN_MAX_PAGES)
			return a2_error_set(err, A2_ERR_LIMIT, "a TIFF of more than %d pages", A2_SCAN_MAX_PAGES);
		off = rd32(d + off + 2 + cnt * 12, le);
	}
	if (n == 0)
		return a2_error_set(err, A2_ERR_CORRUPT, "a TIFF without a page");
	*pages = n;
	return 0;
}

/* A JPEG's frame size and components from its SOFn marker, the segments
 * walked without decoding: 0, or -1 when there is none. */
int
a2_scan_jpeg_size(const unsigned char *d, size_t len, int *w, int *h, int *comps)
{
	size_t at = 2;

	while (at + 4 <= len) {
		unsigned m, seg;
		if (d[at] != 0xFF)
			return -1;
		m = d[at + 1];
		if (m == 0xFF) {
			at++;
			continue;
		}
		if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
			at += 2;
			continue;
		}
		if (m == 0xD9 || m == 0xDA)
			return -1;
		seg = (unsigned)d[at + 2] << 8 | d[at + 3];
		if (seg < 2 || at + 2 + seg > len)
			return -1;
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (seg < 8)
				return -1;
			*h = d[at + 5] << 8 | d[at + 6];
			*w = d[at + 7] << 8 | d[at + 8];
			*comps = d[at + 9];
			return 0;
		}
		at += 2 + seg;
	}
	return -1;
}
