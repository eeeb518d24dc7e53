/* gen/scanmark.c -- the page plan, QR codes and fiducials of a form made to
 * be scanned (gen/scanmark.h).  QR codes by libqrencode; the PNG written
 * here with zlib (one IDAT, no time stamp: the same payload gives the same
 * bytes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>
#include <zlib.h>

#include "core/zip.h"
#include "gen/scanmark.h"

int
a2_scan_plan(const a2_gen *g, a2_scan_page **pages, size_t *n, a2_error *err)
{
	size_t nt = g->n_texts, per = A2_SCAN_PER_PAGE;
	size_t ntp = (nt + per - 1) / per;          /* pages with texts */
	size_t np = 1 + ntp, i;
	a2_scan_page *p;

	if (nt == 0)
		np++;                                /* the signature alone */
	if ((p = calloc(np, sizeof(*p))) == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	for (i = 0; i < ntp; i++) {
		p[1 + i].first = i * per;
		p[1 + i].last = (i + 1) * per < nt ? (i + 1) * per : nt;
	}
	if (np > 1 + ntp) {
		p[np - 1].first = p[np - 1].last = nt;
		p[np - 1].signature = 1;
	} else {
		p[np - 1].signature = 1;
	}
	*pages = p;
	*n = np;
	return 0;
}

void
a2_scan_payload(const a2_gen *g, const a2_scan_page *pages, size_t n, size_t p,
                char *buf, size_t size)
{
	char t[48];

	if (pages[p].last > pages[p].first)
		snprintf(t, sizeof(t), "%zu-%zu", pages[p].first + 1, pages[p].last);
	else
		snprintf(t, sizeof(t), "0");
	snprintf(buf, size, "A2F1;c=%s;s=%s;v=%s;l=%s;p=%zu/%zu;t=%s",
	    g->form->id, g->st->iso3, g->form->version ? g->form->version : "",
	    g->lang, p + 1, n, t);
}

static void
be32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int
chunk(unsigned char *out, size_t *at, const char *type, const unsigned char *data, size_t len)
{
	unsigned long crc;

	be32(out + *at, (unsigned long)len);
	memcpy(out + *at + 4, type, 4);
	if (len > 0)
		memcpy(out + *at + 8, data, len);
	crc = crc32(0L, out + *at + 4, (uInt)(len + 4));
	be32(out + *at + 8 + len, crc);
	*at += 12 + len;
	return 0;
}

/* A w x h 1-bit grayscale PNG of dark[] (1 = black), each cell scale x
 * scale pixels. */
static int
png_1bit(const unsigned char *dark, int w, int h, int scale,
         unsigned char **png, size_t *len, a2_error *err)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	int pw = w * scale, ph = h * scale, x, y;
	size_t stride = 1 + ((size_t)pw + 7) / 8, rawlen = stride * (size_t)ph, at = 0;
	unsigned char *raw = NULL, *out = NULL, ihdr[13];
	uLongf zlen;

	*png = NULL;
	*len = 0;
	if ((raw = calloc(1, rawlen)) == NULL)
		goto nomem;
	for (y = 0; y < ph; y++) {
		unsigned char *row = raw + (size_t)y * stride;
		if (y % scale != 0) {
			row[0] = 2;   /* filter Up, all zero: the row above again */
			continue;
		}
		row[0] = 0;   /* filter: none */
		for (x = 0; x < pw; x++)
			if (!dark[(y / scale) * w + x / scale])   /* white is 1 */
				row[1 + x / 8] |= (unsigned char)(0x80u >> (x % 8));
	}
	zlen = compressBound((uLong)rawlen);
	if ((out = malloc(8 + 25 + 12 + zlen + 12)) == NULL)
		goto nomem;
	memcpy(out, sig, 8);
	at = 8;
	be32(ihdr, (unsigned long)pw);
	be32(ihdr + 4, (unsigned long)ph);
	ihdr[8] = 1;    /* bit depth */
	ihdr[9] = 0;    /* grayscale */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	chunk(out, &at, "IHDR", ihdr, 13);
	/* level 6: 9 spent over a second of generate's CPU (386 forms) on these
	 * rows for a larger file */
	if (compress2(out + at + 8, &zlen, raw, (uLong)rawlen, 6) != Z_OK)
		goto nomem;
	be32(out + at, (unsigned long)zlen);
	memcpy(out + at + 4, "IDAT", 4);
	be32(out + at + 8 + zlen, crc32(0L, out + at + 4, (uInt)(zlen + 4)));
	at += 12 + zlen;
	chunk(out, &at, "IEND", NULL, 0);
	free(raw);
	*png = out;
	*len = at;
	return 0;
nomem:
	free(raw);
	free(out);
	return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
}

int
a2_scan_qr_png(const char *payload, unsigned char **png, size_t *len, a2_error *err)
{
	enum { QUIET = 4 };
	QRcode *qr;
	unsigned char *dark;
	int w, x, y, rc;

	*png = NULL;
	*len = 0;
	qr = QRcode_encodeString8bit(payload, 0, QR_ECLEVEL_M);
	if (qr == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "cannot make the QR code of \"%s\"", payload);
	w = qr->width + 2 * QUIET;
	if ((dark = calloc((size_t)w * (size_t)w, 1)) == NULL) {
		QRcode_free(qr);
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	}
	for (y = 0; y < qr->width; y++)
		for (x = 0; x < qr->width; x++)
			dark[(y + QUIET) * w + x + QUIET] = qr->data[y * qr->width + x] & 1;
	QRcode_free(qr);
	rc = png_1bit(dark, w, w, 8, png, len, err);
	free(dark);
	return rc;
}

int
a2_scan_fid_png(unsigned char **png, size_t *len, a2_error *err)
{
	static const unsigned char one = 1;

	return png_1bit(&one, 1, 1, 8, png, len, err);
}

int
a2_scan_add_images(const a2_gen *g, struct a2_zipout *zo, const char *dir,
    a2_scan_page_fn page, void *ctx, a2_error *err)
{
	a2_scan_page *pages = NULL;
	unsigned char *png = NULL;
	size_t np, k, plen;
	char name[96], payload[512];
	int rc = -1;

	if (a2_scan_plan(g, &pages, &np, err) != 0)
		return -1;
	snprintf(name, sizeof(name), "%s/fiducial.png", dir);
	if (a2_scan_fid_png(&png, &plen, err) != 0 || a2_zipout_add(zo, name, png, plen, 1, err) != 0)
		goto out;
	for (k = 0; k < np; k++) {
		free(png);
		png = NULL;
		a2_scan_payload(g, pages, np, k, payload, sizeof(payload));
		snprintf(name, sizeof(name), "%s/qr%zu.png", dir, k + 1);
		if (a2_scan_qr_png(payload, &png, &plen, err) != 0 ||
		    a2_zipout_add(zo, name, png, plen, 1, err) != 0 ||
		    (page != NULL && page(ctx, zo, k + 1, err) != 0))
			goto out;
	}
	rc = 0;
out:
	free(png);
	free(pages);
	return rc;
}
