/* read/scan/tessload.c -- Tesseract loaded on first use (read/scan/tessapi.h). */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

#include "read/scan/tessapi.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct a2_tess_api table;
static const struct a2_tess_api *loaded;
static const char *why_not;

static void
load(void)
{
	void *h;
	int missing = 0;

	/* one thread: Tesseract's OpenMP threads spin while they wait, which
	 * on a busy machine costs more CPU than they save (a 3-page fax: 11.8
	 * s of CPU and 17.6 s against 7.3 s and 11.0 s); read by libgomp when
	 * it is loaded with libtesseract, unless the user set it.  The annex2
	 * program goes further: its own libgomp entry points run the regions
	 * inline, without a team (cli/omp_inline.c) */
	setenv("OMP_THREAD_LIMIT", "1", 0);
	h = dlopen("libtesseract.so.5", RTLD_NOW | RTLD_LOCAL);

	if (h == NULL) {
		why_not = "Tesseract (libtesseract.so.5) cannot be loaded: install libtesseract5 and "
		    "tesseract-ocr-eng to read forms without a QR code";
		return;
	}
#define A2_TESS_LOAD(f) missing |= (*(void **)&table.f = dlsym(h, #f)) == NULL;
	A2_TESS_FUNCTIONS(A2_TESS_LOAD)
#undef A2_TESS_LOAD
	if (missing) {
		why_not = "libtesseract.so.5 lacks a function annex2 needs (Tesseract 5 has them)";
		return;
	}
	loaded = &table;   /* the handle stays open until exit */
}

const struct a2_tess_api *
a2_tess_load(const char **why)
{
	pthread_once(&once, load);
	if (loaded == NULL && why != NULL)
		*why = why_not ? why_not : "Tesseract could not start";
	return loaded;
}
