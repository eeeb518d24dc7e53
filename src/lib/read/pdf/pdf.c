/* read/pdf/pdf.c -- the PDF front end: poppler-glib opens the document;
 * each page's text layer (characters with their boxes) and its form fields
 * are laid out into blocks (layout.c); a box drawn as lines is measured on
 * demand (ink.c); the digital signature is verified with OpenSSL (sign.c).
 *
 * Limits: the file size of every reply; a deflate bomb is refused before
 * poppler sees the file; at most A2_PDF_MAX_PAGES pages are read (the form
 * has 2 to 4) and the rest are said to be unread; characters per page; time
 * per file. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zlib.h>

#include "core/util.h"
#include "read/frontend.h"
#include "read/pdf/pdf.h"
#include "read/scan/scan.h"
#include "read/scan/scanint.h"

enum {
	A2_PDF_MAX_PAGES = 20,
	A2_PDF_MAX_CHARS = 200000,        /* characters of one page's text layer */
	A2_PDF_MAX_FIELDS = 2000
};
#define A2_PDF_MAX_SECONDS 1.5   /* and at most one more page or rendering: under 2 s */
/* The time left for reading pages as images: rendering stops at this much
 * before the limit. */
#define A2_PDF_SCAN_RESERVE 0.5
/* The address sanitizer's build (make sancheck) runs annex2's own code 2 to
 * 3 times slower: its time limit is three times the product's, so that the
 * tests under it read what the product reads (rendering the 6 pages of a
 * scanned PDF took 0.9-1.1 s of CPU there on a 2-vCPU machine, against the
 * 1.0 s before the reserve). */
#if defined(__SANITIZE_ADDRESS__)
#define A2_PDF_TIME_SCALE 3.0
#else
#define A2_PDF_TIME_SCALE 1.0
#endif
/* what the content streams (not the images) may inflate to, in all */
#define A2_PDF_MAX_INFLATED ((size_t)96 << 20)

/* ---- a deflate bomb, before poppler sees the file ---- */

/* Inflates the zlib stream at p[0..n) to nowhere; returns its inflated
 * size, stopping past cap. */
static size_t
inflated_size(const unsigned char *p, size_t n, size_t cap)
{
	z_stream z;
	unsigned char out[16384];
	size_t total = 0;
	int rc;

	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		return 0;
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = n > UINT32_MAX ? UINT32_MAX : (uInt)n;
	do {
		z.next_out = out;
		z.avail_out = sizeof(out);
		rc = inflate(&z, Z_NO_FLUSH);
		total += sizeof(out) - z.avail_out;
	} while (rc == Z_OK && total <= cap && z.avail_out == 0);
	inflateEnd(&z);
	return total;
}

const unsigned char *
a2_pdf_find(const unsigned char *h, size_t hn, const char *needle)
{
	size_t nn = strlen(needle);
	const unsigned char *p = h, *end = h + hn;

	while (p + nn <= end && (p = memchr(p, needle[0], (size_t)(end - p) - nn + 1)) != NULL) {
		if (memcmp(p, needle, nn) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* 1 when the dictionary just before a stream (the bytes since the last
 * "obj") says it is an image: images are not inflated to read the text. */
static int
is_image_stream(const unsigned char *data, size_t at)
{
	size_t from = at > 2048 ? at - 2048 : 0, i;
	const unsigned char *dict = data + from;
	size_t n = at - from;

	for (i = n; i >= 3; i--)
		if (memcmp(dict + i - 3, "obj", 3) == 0) {
			dict += i;
			n -= i;
			break;
		}
	return a2_pdf_find(dict, n, "/Image") != NULL;
}

/* Width times Height of the image whose dictionary ends at `at` (0 when
 * they cannot be read there): rendering decodes an image whole. */
static double
image_pixels(const unsigned char *data, size_t at)
{
	size_t from = at > 2048 ? at - 2048 : 0;
	const unsigned char *w = a2_pdf_find(data + from, at - from, "/Width"), *h = a2_pdf_find(data + from, at - from, "/Height");
	double v[2] = {0, 0};
	int k;

	for (k = 0; k < 2; k++) {
		const unsigned char *q = k ? h : w;
		if (q == NULL)
			return 0;
		q += k ? 7 : 6;
		while (q < data + at && (*q == ' ' || *q == '\n' || *q == '\r'))
			q++;
		while (q < data + at && *q >= '0' && *q <= '9' && v[k] < 1e9)
			v[k] = v[k] * 10 + (*q++ - '0');
	}
	return v[0] * v[1];
}

/* The largest object number the file declares ("N G obj", "/Size N"):
 * poppler sizes its cross-reference table by it when it rebuilds a
 * damaged one, so a lying number costs memory and time in proportion. */
static unsigned long long
max_object_number(const unsigned char *data, size_t len)
{
	unsigned long long best = 0;
	const unsigned char *p = data, *end = data + len;

	while (p < end && (p = a2_pdf_find(p, (size_t)(end - p), " obj")) != NULL) {
		const unsigned char *q = p;
		unsigned long long v = 0, mul = 1;
		p += 4;
		while (q > data && q[-1] >= '0' && q[-1] <= '9')   /* the generation */
			q--;
		while (q > data && (q[-1] == ' ' || q[-1] == '\r' || q[-1] == '\n'))
			q--;
		while (q > data && q[-1] >= '0' && q[-1] <= '9' && mul < 1000000000000ULL) {
			v += (unsigned long long)(q[-1] - '0') * mul;
			mul *= 10;
			q--;
		}
		best = v > best ? v : best;
	}
	for (p = data; p < end && (p = a2_pdf_find(p, (size_t)(end - p), "/Size")) != NULL;) {
		unsigned long long v = 0;
		p += 5;
		while (p < end && (*p == ' ' || *p == '\r' || *p == '\n'))
			p++;
		while (p < end && *p >= '0' && *p <= '9' && v < 1000000000000ULL)
			v = v * 10 + (unsigned long long)(*p++ - '0');
		best = v > best ? v : best;
	}
	return best;
}

/* The content streams of the file may not inflate beyond the limit (nor a
 * single one by more than 1000 times its size, past 8 MiB).  A scan for
 * the "stream" keyword, not a parse: poppler does the parsing, this only
 * bounds the work it will be asked to do. */
static int
bomb_check(const unsigned char *data, size_t len, double *max_pixels, a2_error *err)
{
	size_t at = 0, total = 0;
	const unsigned char *p;

	*max_pixels = 0;
	{
		/* an object takes 10 bytes at the least ("1 0 obj\n<<>>"):
		 * more objects than that is a lie, and so is a number past a
		 * million in a reply form of 2 to 4 pages */
		unsigned long long most = len / 10 > 1000000 ? len / 10 : 1000000, n = max_object_number(data, len);
		if (n > most)
			return a2_error_set(err, A2_ERR_LIMIT,
			    "the PDF names object %llu, far beyond what its %zu bytes can hold "
			    "(a damaged or lying cross-reference table)", n, len);
	}

	while (at < len && (p = a2_pdf_find(data + at, len - at, "stream")) != NULL) {
		size_t s = (size_t)(p - data) + 6, got;
		at = s;
		if (p - data >= 3 && memcmp(p - 3, "end", 3) == 0)
			continue;
		if (s < len && data[s] == '\r')
			s++;
		if (s < len && data[s] == '\n')
			s++;
		if (is_image_stream(data, (size_t)(p - data))) {
			double px = image_pixels(data, (size_t)(p - data));
			*max_pixels = px > *max_pixels ? px : *max_pixels;
			continue;
		}
		if (s + 2 > len || data[s] != 0x78)
			continue;
		got = inflated_size(data + s, len - s, A2_PDF_MAX_INFLATED - total + 1);
		if (got > ((size_t)8 << 20) && got / 1000 > len - s)
			return a2_error_set(err, A2_ERR_LIMIT,
			    "a stream of the PDF inflates over 1000 times its size (a deflate bomb?)");
		total += got;
		if (total > A2_PDF_MAX_INFLATED)
			return a2_error_set(err, A2_ERR_LIMIT,
			    "the PDF's content inflates to over %zu MiB", A2_PDF_MAX_INFLATED >> 20);
	}
	return 0;
}

/* ---- poppler says nothing on stderr: the library never prints ---- */

static void
quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
	(void)domain;
	(void)level;
	(void)message;
	(void)data;
}

/* Once per process, before any reader thread opens a PDF: poppler's
 * global parameters are made by the first document opened, unguarded, so
 * a tiny one is opened here under pthread_once. */
static pthread_once_t poppler_once = PTHREAD_ONCE_INIT;

static void
poppler_init(void)
{
	static const char tiny[] =
	    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
	    "trailer<</Root 1 0 R>>\n%%EOF\n";
	GBytes *b;
	PopplerDocument *d;

	g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION, quiet, NULL);
	b = g_bytes_new_static(tiny, sizeof(tiny) - 1);
	d = poppler_document_new_from_bytes(b, NULL, NULL);
	if (d != NULL)
		g_object_unref(d);
	g_bytes_unref(b);
}

static void
quiet_poppler(void)
{
	pthread_once(&poppler_once, poppler_init);
}

/* ---- the document ---- */

static void
fe_free(void *p)
{
	pdf_fe *fe = p;

	if (fe == NULL)
		return;
	if (fe->pdoc != NULL)
		g_object_unref(fe->pdoc);
	if (fe->bytes != NULL)
		g_bytes_unref(fe->bytes);
	free(fe->where);
	free(fe->cbox);
	free(fe->widget);
	free(fe);
}

double
a2_pdf_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
add_char(pdf_char **v, size_t *n, size_t *cap, const pdf_char *c)
{
	if (a2_grow((void **)v, cap, *n + 1, sizeof(pdf_char)) != 0)
		return -1;
	(*v)[(*n)++] = *c;
	return 0;
}

/* A bold font, by its name: what the text layer can say of weight. */
static int
bold_font(const char *name)
{
	return name != NULL && (strstr(name, "Bold") || strstr(name, "bold") || strstr(name, "Black") ||
	    strstr(name, "Heavy"));
}

/* The form fields of a page: checkboxes and radio buttons as boxes, text
 * fields as their text.  Fields' areas are in PDF space (origin at the
 * bottom left); they are turned to the page's top-left space. */
static int
page_fields(PopplerPage *page, double ph, pdf_field **fv, size_t *nf, size_t *capf,
    pdf_char **cv, size_t *nc, size_t *capc)
{
	GList *map = poppler_page_get_form_field_mapping(page), *l;
	int rc = 0;

	for (l = map; l != NULL && rc == 0; l = l->next) {
		PopplerFormFieldMapping *m = l->data;
		PopplerFormField *f = m->field;
		double x1 = m->area.x1, x2 = m->area.x2, y1 = ph - m->area.y2, y2 = ph - m->area.y1;
		PopplerFormFieldType t = poppler_form_field_get_field_type(f);
		if (*nf >= A2_PDF_MAX_FIELDS)
			break;
		if (t == POPPLER_FORM_FIELD_BUTTON) {
			PopplerFormButtonType bt = poppler_form_field_button_get_button_type(f);
			pdf_field pf;
			pdf_char c;
			gchar *name;
			if (bt != POPPLER_FORM_BUTTON_CHECK && bt != POPPLER_FORM_BUTTON_RADIO)
				continue;
			memset(&pf, 0, sizeof(pf));
			pf.state = poppler_form_field_button_get_state(f) ? A2_ON : A2_OFF;
			pf.flags = bt == POPPLER_FORM_BUTTON_RADIO ? A2_MF_RADIO : 0;
			pf.x1 = x1;
			pf.x2 = x2;
			pf.y1 = y1;
			pf.y2 = y2;
			name = poppler_form_field_get_name(f);
			pf.name = a2_strdup(name);
			g_free(name);
			if (a2_grow((void **)fv, capf, *nf + 1, sizeof(pdf_field)) != 0) {
				free(pf.name);
				rc = -1;
				break;
			}
			(*fv)[(*nf)++] = pf;
			memset(&c, 0, sizeof(c));
			c.x1 = x1;
			c.x2 = x2;
			c.y1 = y1;
			c.y2 = y2;
			c.field = (int)*nf;
			c.space_before = 1;
			rc = add_char(cv, nc, capc, &c);
		} else if (t == POPPLER_FORM_FIELD_TEXT) {
			gchar *text = poppler_form_field_text_get_text(f);
			size_t i, len = text ? strlen(text) : 0, count = 0, k = 0;
			unsigned cp;
			for (i = 0; i < len; i += a2_utf8_next(text + i, len - i, &cp))
				count++;
			for (i = 0; i < len && rc == 0 && count < 2000; k++) {
				pdf_char c;
				double w = (x2 - x1) / (double)count;
				i += a2_utf8_next(text + i, len - i, &cp);
				memset(&c, 0, sizeof(c));
				c.cp = cp == '\r' || cp == '\n' || cp == '\t' ? ' ' : cp;
				c.x1 = x1 + w * (double)k;
				c.x2 = c.x1 + w * 0.9;
				c.y1 = y1;
				c.y2 = y2;
				c.space_before = k == 0;
				if (c.cp != ' ')
					rc = add_char(cv, nc, capc, &c);
			}
			g_free(text);
		}
	}
	poppler_page_free_form_field_mapping(map);
	return rc;
}

/* 1 when the character's middle lies inside a checkbox field: the empty
 * box printed under a field is not a mark of its own (the field decides). */
static int
under_field(const pdf_char *c, const pdf_field *f, size_t nf)
{
	double mx = (c->x1 + c->x2) / 2, my = (c->y1 + c->y2) / 2;
	size_t i;

	for (i = 0; i < nf; i++)
		if (mx >= f[i].x1 && mx <= f[i].x2 && my >= f[i].y1 && my <= f[i].y2)
			return 1;
	return 0;
}

/* The text layer of a page: one pdf_char per character, white space kept
 * only as space_before of the next one.  Returns the number of characters
 * of the text layer, or -1 (out of memory), -2 (over the limit). */
static long
page_text(PopplerPage *page, const pdf_field *fields, size_t nf, pdf_char **cv, size_t *nc, size_t *capc)
{
	gchar *text = poppler_page_get_text(page);
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	GList *attrs = NULL, *l;
	size_t i, len = text ? strlen(text) : 0, idx = 0, first = *nc;
	int space = 1;
	long count = 0;
	unsigned cp;

	if (len == 0) {
		g_free(text);
		return 0;
	}
	if (len > (size_t)A2_PDF_MAX_CHARS * 4 || !poppler_page_get_text_layout(page, &rects, &nrects)) {
		g_free(text);
		g_free(rects);
		return len > (size_t)A2_PDF_MAX_CHARS * 4 ? -2 : 0;
	}
	if (nrects > A2_PDF_MAX_CHARS) {
		g_free(text);
		g_free(rects);
		return -2;
	}
	for (i = 0; i < len && idx < nrects; idx++) {
		pdf_char c;
		i += a2_utf8_next(text + i, len - i, &cp);
		if (cp == ' ' || cp == '\n' || cp == '\r' || cp == '\t' || cp == 0xA0 || cp == 0x3000 ||
		    cp == 0xFEFF || cp == 0x200B || cp < 0x20) {
			space = 1;
			continue;
		}
		memset(&c, 0, sizeof(c));
		c.cp = cp;
		c.x1 = rects[idx].x1;
		c.y1 = rects[idx].y1;
		c.x2 = rects[idx].x2;
		c.y2 = rects[idx].y2;
		c.space_before = space;
		c.field = -(int)idx - 1;    /* the text index, until the attributes are read */
		space = 0;
		count++;
		if (nf > 0 && under_field(&c, fields, nf))
			continue;
		if (add_char(cv, nc, capc, &c) != 0) {
			g_free(text);
			g_free(rects);
			return -1;
		}
	}
	/* bold runs: attribute ranges are in characters of the text */
	attrs = poppler_page_get_text_attributes(page);
	for (i = first; i < *nc; i++) {
		pdf_char *c = &(*cv)[i];
		int ti = -c->field - 1;
		c->field = 0;
		for (l = attrs; l != NULL; l = l->next) {
			PopplerTextAttributes *a = l->data;
			if (ti >= a->start_index && ti <= a->end_index) {
				if (bold_font(a->font_name))
					c->flags |= A2_SF_BOLD;
				attrs = l;          /* ranges ascend, and so do the characters */
				break;
			}
		}
	}
	for (l = attrs; l != NULL && l->prev != NULL; l = l->prev)
		;
	poppler_page_free_text_attributes(l);
	g_free(text);
	g_free(rects);
	return count;
}

/* ---- lowering ---- */

static a2_doc *
fail(a2_doc *doc, a2_error *err, a2_code code, const char *msg)
{
	a2_doc_free(doc);
	if (code != A2_ERR_INTERNAL)
		a2_error_set(err, code, "%s", msg);
	return NULL;
}

/* The pages of a scan, rendered at 200 dpi in grey and read by the page
 * image front end (read/scan/): when it finds the generated form's QR
 * code, its answers are the document's (doc->scan, the code's identifiers
 * as properties); when no page carries the code and OCR read words from
 * the pages (the Secretariat's own form), *ocr is that document, read in
 * the PDF's place as a TIFF's would be; else the document stays
 * image-only.  0, or -1 with err set (out of memory, over the time or
 * pixel limits). */
static int
scan_pages(a2_doc *doc, pdf_fe *fe, int np, const a2_limits *lim, a2_doc **ocr, a2_error *err)
{
	a2_scan_gray *g = calloc((size_t)np, sizeof(*g));
	a2_doc *sd = NULL;
	int p, dpi, rc = -1;
	size_t i;

	if (g == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	if (fe->max_pixels > 24e6) {
		/* too large to render within the limits: image-only, as before */
		free(g);
		return 0;
	}
	/* Pages rendered at 200 dpi, unless the scan itself is coarser than
	 * 100 dpi (its largest image taken as a whole A4 page): then at its
	 * own resolution, so that the reader sees what was scanned and does not
	 * OCR a page too coarse to read (a 40-dpi fax of a fax). */
	dpi = fe->max_pixels > 0 ? (int)sqrt(fe->max_pixels / (8.27 * 11.69)) : 200;
	if (dpi >= 100)
		dpi = 200;
	else if (dpi < 10)
		dpi = 10;
	for (p = 0; p < np; p++) {
		unsigned char *px = a2_pdf_page_gray(fe, (unsigned)p + 1, dpi, &g[p].w, &g[p].h);
		if (px == NULL) {
			/* a page of no size or of over 8,192 pixels a side at
			 * this resolution (or no memory for it): image-only, as
			 * before, a person reads it */
			rc = 0;
			goto out;
		}
		g[p].data = px;
		g[p].stride = g[p].w;
		g[p].dpi = dpi;
		if (a2_pdf_now() > fe->deadline - A2_PDF_SCAN_RESERVE * A2_PDF_TIME_SCALE) {
			/* no time left to read the pages: image-only, as before */
			rc = 0;
			goto out;
		}
	}
	if ((sd = a2_scan_lower_pages(g, (size_t)np, A2_FMT_PDF, lim, err)) == NULL)
		goto out;
	if (a2_scan_is_ocr(sd) && !sd->image_only) {
		*ocr = sd;
		sd = NULL;
	} else if (sd->scan != NULL && !sd->image_only) {
		doc->scan = sd->scan;
		sd->scan = NULL;
		doc->image_only = 0;
		for (i = 0; i < sd->n_props; i++)
			if (a2_doc_add_prop(doc, sd->props[i].name, sd->props[i].value) != 0) {
				a2_error_set(err, A2_ERR_NOMEM, "out of memory");
				goto out;
			}
		for (i = 0; i < sd->n_notes; i++)
			if (a2_doc_add_note(doc, sd->notes[i].code, "%s", sd->notes[i].message) != 0) {
				a2_error_set(err, A2_ERR_NOMEM, "out of memory");
				goto out;
			}
	}
	rc = 0;
out:
	for (p = 0; p < np; p++)
		free((void *)g[p].data);
	free(g);
	a2_doc_free(sd);
	return rc;
}

a2_doc *
a2_pdf_lower(const void *data, size_t len, const a2_limits *lim, a2_error *err)
{
	a2_doc *doc, *ocr = NULL;
	pdf_fe *fe;
	GError *ge = NULL;
	pdf_char *cv = NULL;
	pdf_field *fv = NULL;
	size_t nc = 0, capc = 0, nf = 0, capf = 0, i;
	int np, p, text_pages = 0, image_pages = 0;

	quiet_poppler();
	if ((doc = a2_doc_new(A2_FMT_PDF)) == NULL || (fe = calloc(1, sizeof(*fe))) == NULL)
		return fail(doc, err, A2_ERR_NOMEM, "out of memory");
	fe->deadline = a2_pdf_now() + A2_PDF_MAX_SECONDS * A2_PDF_TIME_SCALE;
	if (bomb_check(data, len, &fe->max_pixels, err) != 0) {
		free(fe);
		return fail(doc, err, A2_ERR_INTERNAL, NULL);
	}
	doc->fe = fe;
	doc->fe_free = fe_free;
	doc->probe = a2_pdf_probe;
	doc->struck = a2_pdf_struck;
	fe->bytes = g_bytes_new(data, len);
	fe->pdoc = poppler_document_new_from_bytes(fe->bytes, NULL, &ge);
	if (fe->pdoc == NULL) {
		int enc = ge != NULL && ge->domain == POPPLER_ERROR && ge->code == POPPLER_ERROR_ENCRYPTED;
		a2_error_set(err, enc ? A2_ERR_ENCRYPTED : A2_ERR_CORRUPT, "%s%s",
		    enc ? "the PDF is protected by a password: send it without one" : "not a readable PDF: ",
		    enc ? "" : ge && ge->message ? ge->message : "poppler cannot open it");
		g_clear_error(&ge);
		return fail(doc, err, A2_ERR_INTERNAL, NULL);
	}
	if ((np = poppler_document_get_n_pages(fe->pdoc)) <= 0)
		return fail(doc, err, A2_ERR_CORRUPT, "the PDF has no page");
	{
		gchar *producer = poppler_document_get_producer(fe->pdoc);
		gchar *creator = poppler_document_get_creator(fe->pdoc);
		const gchar *who = creator && *creator ? creator : producer;
		if (who != NULL && *who && (doc->producer = a2_strdup(who)) == NULL) {
			g_free(producer);
			g_free(creator);
			return fail(doc, err, A2_ERR_NOMEM, "out of memory");
		}
		g_free(producer);
		g_free(creator);
	}
	for (p = 0; p < np && p < A2_PDF_MAX_PAGES; p++) {
		PopplerPage *page = poppler_document_get_page(fe->pdoc, p);
		double pw, ph;
		long got;
		GList *imgs;
		if (page == NULL)
			continue;
		poppler_page_get_size(page, &pw, &ph);
		for (i = 0; i < nf; i++)
			free(fv[i].name);
		nc = nf = 0;
		if (page_fields(page, ph, &fv, &nf, &capf, &cv, &nc, &capc) != 0 ||
		    (got = page_text(page, fv, nf, &cv, &nc, &capc)) == -1) {
			g_object_unref(page);
			goto nomem;
		}
		if (got == -2) {
			g_object_unref(page);
			a2_error_set(err, A2_ERR_LIMIT, "page %d has over %d characters", p + 1, A2_PDF_MAX_CHARS);
			goto failed;
		}
		if (got > 0 || nf > 0) {
			text_pages++;
		} else if ((imgs = poppler_page_get_image_mapping(page)) != NULL) {
			image_pages++;
			poppler_page_free_image_mapping(imgs);
			if (a2_doc_add_note(doc, "image-page",
			    "page %d is only a picture (a scan?): it was not read", p + 1) != 0) {
				g_object_unref(page);
				goto nomem;
			}
		}
		g_object_unref(page);
		if (a2_pdf_layout(doc, fe, (unsigned)p + 1, cv, nc, fv, nf) != 0)
			goto nomem;
		if (a2_pdf_now() > fe->deadline) {
			a2_error_set(err, A2_ERR_LIMIT, "reading the PDF took over %.1f s (at page %d)",
			    A2_PDF_MAX_SECONDS * A2_PDF_TIME_SCALE, p + 1);
			goto failed;
		}
	}
	if (np > A2_PDF_MAX_PAGES &&
	    a2_doc_add_note(doc, "pages-not-read", "the PDF has %d pages: only the first %d were read",
	        np, A2_PDF_MAX_PAGES) != 0)
		goto nomem;
	if (text_pages == 0 && image_pages > 0) {
		/* a scan: no answer may come from its text; the notes per page
		 * go, and its pages are read as images (read/scan/) */
		doc->image_only = 1;
		for (i = 0; i < doc->n_notes; i++) {
			free(doc->notes[i].code);
			free(doc->notes[i].message);
		}
		doc->n_notes = 0;
		if (scan_pages(doc, fe, np < A2_PDF_MAX_PAGES ? np : A2_PDF_MAX_PAGES, lim, &ocr, err) != 0)
			goto failed;
	}
	/* a signature field, verified over the bytes it signs (sign.c), in
	 * the document returned: OCR's when it read the pages' words */
	if (poppler_document_get_n_signatures(fe->pdoc) > 0 && a2_pdf_signature(ocr ? ocr : doc, data, len) != 0)
		goto nomem;
	for (i = 0; i < nf; i++)
		free(fv[i].name);
	free(fv);
	free(cv);
	if (ocr != NULL) {
		a2_doc_free(doc);
		return ocr;
	}
	return doc;
nomem:
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
failed:
	for (i = 0; i < nf; i++)
		free(fv[i].name);
	free(fv);
	free(cv);
	a2_doc_free(ocr);
	return fail(doc, err, A2_ERR_INTERNAL, NULL);
}
