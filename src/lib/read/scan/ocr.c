/* read/scan/ocr.c -- the words of a page image through Tesseract's C API
 * (read/scan/ocr.h), loaded on first use (tessload.c). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <leptonica/allheaders.h>

#include "core/util.h"
#include "read/scan/ocr.h"
#include "read/scan/tessapi.h"

struct a2_ocr {
	const struct a2_tess_api *t;
	TessBaseAPI *api;
};

int
a2_ocr_available(a2_error *err)
{
	const char *why = NULL;

	if (a2_tess_load(&why) == NULL)
		return a2_error_set(err, A2_ERR_UNSUPPORTED, "%s", why);
	return 0;
}

a2_ocr *
a2_ocr_new(const char *langs, a2_error *err)
{
	const char *why = NULL;
	const struct a2_tess_api *t = a2_tess_load(&why);
	a2_ocr *o;

	if (t == NULL)
		return (a2_error_set(err, A2_ERR_UNSUPPORTED, "%s", why), NULL);
	if ((o = calloc(1, sizeof(*o))) == NULL || (o->api = t->TessBaseAPICreate()) == NULL) {
		free(o);
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	}
	o->t = t;
	/* NULL: the data where Debian's tesseract-ocr-LANG put it (or
	 * TESSDATA_PREFIX); the library prints nothing (debug_file) */
	t->TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
	if (t->TessBaseAPIInit3(o->api, NULL, langs) != 0) {
		a2_ocr_free(o);
		return (a2_error_set(err, A2_ERR_UNSUPPORTED, "Tesseract's language data for %s is not "
		    "installed (Debian: tesseract-ocr-eng, -fra, -spa, ...)", langs), NULL);
	}
	t->TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
	/* a form is dark print on light paper: no second look at each word
	 * inverted (Tesseract 5's default, a third of its time on a page) */
	t->TessBaseAPISetVariable(o->api, "tessedit_do_invert", "0");
	t->TessBaseAPISetPageSegMode(o->api, PSM_AUTO);
	return o;
}

void
a2_ocr_set_block(a2_ocr *o, int block)
{
	o->t->TessBaseAPISetPageSegMode(o->api, block ? PSM_SINGLE_BLOCK : PSM_AUTO);
}

void
a2_ocr_free(a2_ocr *o)
{
	if (o == NULL)
		return;
	if (o->api != NULL) {
		o->t->TessBaseAPIEnd(o->api);
		o->t->TessBaseAPIDelete(o->api);
	}
	free(o);
}

void
a2_ocr_words_free(a2_ocr_word *w, size_t n)
{
	size_t i;

	for (i = 0; w != NULL && i < n; i++)
		free(w[i].text);
	free(w);
}

static double
now_ms(clockid_t clock)
{
	struct timespec ts;

	if (clock_gettime(clock, &ts) != 0)
		return 0;
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

double
a2_ocr_cpu_ms(void)
{
	return now_ms(CLOCK_THREAD_CPUTIME_ID);
}

/* The CPU budget of one recognition: Tesseract asks between words. */
struct cpu_budget {
	double start, limit;
	int spent;
};

static bool
cpu_spent(void *arg, int words)
{
	struct cpu_budget *b = arg;

	(void)words;
	if (now_ms(CLOCK_THREAD_CPUTIME_ID) - b->start >= b->limit)
		b->spent = 1;
	return b->spent != 0;
}

size_t
a2_ocr_strip_bidi(char *s)
{
	size_t r = 0, w = 0;

	while (s[r] != '\0') {
		const unsigned char *u = (const unsigned char *)s + r;
		/* U+200E-F, U+202A-E; U+2066-9 */
		if (u[0] == 0xE2 && ((u[1] == 0x80 && ((u[2] >= 0x8E && u[2] <= 0x8F) || (u[2] >= 0xAA && u[2] <= 0xAE))) ||
		    (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9))) {
			r += 3;
			continue;
		}
		if (u[0] == 0xD8 && u[1] == 0x9C) {
			r += 2;
			continue;
		}
		s[w++] = s[r++];
	}
	s[w] = '\0';
	return w;
}

int
a2_ocr_page(a2_ocr *o, struct Pix *pix, int ppi, int deadline_ms, a2_ocr_word **out, size_t *n,
            int *timed_out, a2_error *err)
{
	const struct a2_tess_api *t = o->t;
	ETEXT_DESC *mon = NULL;
	TessResultIterator *it = NULL;
	a2_ocr_word *v = NULL;
	size_t nv = 0, cap = 0;
	int line = -1, rc = -1;
	struct cpu_budget budget;
	double t0 = now_ms(CLOCK_MONOTONIC);

	*out = NULL;
	*n = 0;
	*timed_out = 0;
	if ((mon = t->TessMonitorCreate()) == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	budget.start = now_ms(CLOCK_THREAD_CPUTIME_ID);
	budget.limit = deadline_ms;
	budget.spent = 0;
	t->TessMonitorSetDeadlineMSecs(mon, deadline_ms * A2_OCR_WALL_FACTOR);
	t->TessMonitorSetCancelFunc(mon, cpu_spent);
	t->TessMonitorSetCancelThis(mon, &budget);
	t->TessBaseAPISetImage2(o->api, pix);
	if (ppi > 0)
		t->TessBaseAPISetSourceResolution(o->api, ppi);
	/* a recognition cut short by either clock gives what it read */
	(void)t->TessBaseAPIRecognize(o->api, mon);
	*timed_out = budget.spent || now_ms(CLOCK_MONOTONIC) - t0 >= (double)deadline_ms * A2_OCR_WALL_FACTOR;
	it = t->TessBaseAPIGetIterator(o->api);
	if (it != NULL) {
		do {
			const TessPageIterator *pi = t->TessResultIteratorGetPageIteratorConst(it);
			int x1, y1, x2, y2;
			char *s;
			if (t->TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE))
				line++;
			if (!t->TessPageIteratorBoundingBox(pi, RIL_WORD, &x1, &y1, &x2, &y2))
				continue;
			if ((s = t->TessResultIteratorGetUTF8Text(it, RIL_WORD)) == NULL)
				continue;
			if (s[0] == '\0' || a2_grow((void **)&v, &cap, nv + 1, sizeof(*v)) != 0) {
				int empty = s[0] == '\0';
				t->TessDeleteText(s);
				if (empty)
					continue;
				a2_error_set(err, A2_ERR_NOMEM, "out of memory");
				goto out;
			}
			v[nv].text = a2_strdup(s);
			t->TessDeleteText(s);
			if (v[nv].text == NULL) {
				a2_error_set(err, A2_ERR_NOMEM, "out of memory");
				goto out;
			}
			if (a2_ocr_strip_bidi(v[nv].text) == 0) {
				free(v[nv].text);   /* a direction mark alone */
				continue;
			}
			v[nv].x = x1;
			v[nv].y = y1;
			v[nv].w = x2 - x1;
			v[nv].h = y2 - y1;
			v[nv].conf = t->TessResultIteratorConfidence(it, RIL_WORD);
			v[nv].line = line < 0 ? 0 : line;
			nv++;
		} while (t->TessResultIteratorNext(it, RIL_WORD));
	}
	*out = v;
	*n = nv;
	v = NULL;
	nv = 0;
	rc = 0;
out:
	if (it != NULL)
		t->TessResultIteratorDelete(it);
	t->TessBaseAPIClear(o->api);
	t->TessMonitorDelete(mon);
	a2_ocr_words_free(v, nv);
	return rc;
}

int
a2_ocr_script(a2_ocr *o, struct Pix *pix, int ppi, char *name, size_t cap, a2_error *err)
{
	const struct a2_tess_api *t = o->t;
	const char *script = NULL;
	int deg = 0;
	float dconf = 0, sconf = 0;

	(void)err;
	if (cap > 0)
		name[0] = '\0';
	t->TessBaseAPISetPageSegMode(o->api, PSM_OSD_ONLY);
	t->TessBaseAPISetImage2(o->api, pix);
	if (ppi > 0)
		t->TessBaseAPISetSourceResolution(o->api, ppi);
	/* the name is the OSD data's own string, not the caller's to free */
	if (t->TessBaseAPIDetectOrientationScript(o->api, &deg, &dconf, &script, &sconf) && script != NULL &&
	    cap > 0) {
		strncpy(name, script, cap - 1);
		name[cap - 1] = '\0';
	}
	t->TessBaseAPIClear(o->api);
	return 0;
}
