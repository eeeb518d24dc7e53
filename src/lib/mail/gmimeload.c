/* mail/gmimeload.c -- GMime loaded on first use (see mail/gmimeapi.h). */
#include <dlfcn.h>
#include <pthread.h>

#include "annex2/mail.h"
#include "mail/gmimeapi.h"
#include "mail/mailint.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct a2_gmime_api table;
const struct a2_gmime_api *a2_gmime;
static const char *why;

static void
load(void)
{
	void *h = dlopen("libgmime-3.0.so.0", RTLD_NOW | RTLD_LOCAL);
	int missing = 0;

	if (h == NULL) {
		why = "GMime (libgmime-3.0.so.0) cannot be loaded: install libgmime-3.0-0 for the mail round";
		return;
	}
#define A2_GMIME_LOAD(f) missing |= (*(void **)&table.f = dlsym(h, #f)) == NULL;
	A2_GMIME_FUNCTIONS(A2_GMIME_LOAD)
#undef A2_GMIME_LOAD
	if (missing) {
		why = "libgmime-3.0.so.0 lacks a function annex2 needs (GMime 3.2 or later has them)";
		return;
	}
	table.g_mime_init();
	a2_gmime = &table;   /* the handle stays open: GMime is used until exit */
}

int
a2_mail_init(a2_error *err)
{
	pthread_once(&once, load);
	if (a2_gmime == NULL)
		return a2_error_set(err, A2_ERR_INTERNAL, "%s", why ? why : "GMime could not start");
	return 0;
}
