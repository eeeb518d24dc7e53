/* cli/review_serve.c -- annex2 review --serve: the review page on
 * 127.0.0.1 (libmicrohttpd, a thread per connection: a page image being
 * drawn, a few hundred ms, never holds up the pages or another image).
 * The decisions and the pages made of them are under one lock (a page is
 * made in a few ms); the page images under another, only while one is
 * looked up or kept, never while it is drawn.
 *
 * Safety: bound to 127.0.0.1 only; a random token (32 bytes from the
 * system's generator) is the first part of every path and is compared in
 * constant time; the Host header must name 127.0.0.1 or localhost with our
 * port (no DNS rebinding); a POST must come from our own origin; request
 * bodies over 32 KiB and headers over the connection's memory are refused;
 * every response forbids framing, sniffing, caching and referrers, and
 * carries a Content-Security-Policy with no inline script.  No file is
 * served: the evidence is drawn from the round's own documents (read only
 * when their sha256 is the record's) into the page; for a PDF or a scanned
 * reply, the page image of an item (page/REC-TEXT.png: indices into the
 * round, never a name) is rendered from the same document when first asked
 * for and kept (up to 256 MiB of images): a PDF's page with the text's
 * lines and boxes outlined (a2_page_png), a scan's page as the scan reader
 * saw it, each box outlined in the colour of what it holds
 * (a2_scan_page_png). */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "annex2/render.h"
#include "core/util.h"
#include "cli/review.h"

#define MAX_BODY  ((size_t)32 << 10)
#define MAX_DOC   ((size_t)64 << 20)
#define MAX_PNG_CACHE ((size_t)256 << 20)
#define PAGE_SCALE 1.5   /* pixels a point: an A4 page 893 x 1263 */

static const char csp_page[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/* the dashboard is the report page: its style is inline; its only script
 * is the page's own app.js (live refresh), none inline */
static const char csp_dash[] = "default-src 'none'; script-src 'self'; connect-src 'self'; "
    "style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/* libmicrohttpd is opened when the page is served, not linked into annex2:
 * it brings GnuTLS and its kin, 2.5 MiB more in every annex2 process (the
 * memory bound of `read` on hostile input is kept for reading).  The
 * pointers have the header's own types. */
static struct {
	__typeof__(&MHD_start_daemon) start_daemon;
	__typeof__(&MHD_stop_daemon) stop_daemon;
	__typeof__(&MHD_get_daemon_info) get_daemon_info;
	__typeof__(&MHD_lookup_connection_value) lookup_connection_value;
	__typeof__(&MHD_create_response_from_buffer) create_response_from_buffer;
	__typeof__(&MHD_add_response_header) add_response_header;
	__typeof__(&MHD_queue_response) queue_response;
	__typeof__(&MHD_destroy_response) destroy_response;
} mhd;

/* 0, or -1 (said). */
static int
mhd_open(void)
{
	static const char *const names[] = {"libmicrohttpd.so.12", "libmicrohttpd.so", NULL};
	void *h = NULL, *p;
	size_t i;

	for (i = 0; names[i] != NULL && h == NULL; i++)
		h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		cli_warn("review --serve needs libmicrohttpd (Debian: libmicrohttpd12): %s", dlerror());
		return -1;
	}
#define LOAD(field, name) \
	do { \
		if ((p = dlsym(h, name)) == NULL) \
			goto fail; \
		memcpy(&mhd.field, &p, sizeof p); \
	} while (0)
	LOAD(start_daemon, "MHD_start_daemon");
	LOAD(stop_daemon, "MHD_stop_daemon");
	LOAD(get_daemon_info, "MHD_get_daemon_info");
	LOAD(lookup_connection_value, "MHD_lookup_connection_value");
	LOAD(create_response_from_buffer, "MHD_create_response_from_buffer");
	LOAD(add_response_header, "MHD_add_response_header");
	LOAD(queue_response, "MHD_queue_response");
	LOAD(destroy_response, "MHD_destroy_response");
#undef LOAD
	return 0;
fail:
	cli_warn("review --serve: this libmicrohttpd lacks %s", dlerror());
	dlclose(h);
	return -1;
}

typedef struct srv {
	cli_round_opts *o;
	a2_round *base;              /* the reader's round */
	const char *path;            /* the decisions file */
	const char *who;
	char token[65];
	char host[2][64];            /* "127.0.0.1:PORT", "localhost:PORT" */
	char origin[2][80];
	a2_decisions *D;
	a2_round *decided;
	struct stat dst;             /* the decisions file when last loaded */
	int loaded;
	unsigned long version;       /* loads of the decisions so far: the pages' live refresh */
	char **ev;                   /* evidence per record and text (n_texts + 1: sender last) */
	size_t stride;
	char **paths;                /* the RECORDS arguments: documents are looked for beside them */
	int npaths;
	unsigned char *kind;         /* per record: K_PDF, K_SCAN (a page image), K_NONE */
	struct png { unsigned char *data; size_t len; const char *why; int busy; } *png;   /* per item, when made */
	size_t png_bytes;
	pthread_mutex_t lock;        /* the decisions, the pages made of them, saving */
	pthread_mutex_t plock;       /* png, png_bytes */
	pthread_cond_t drawn;        /* an image drawn: those waiting for it look again */
	int drawing, max_drawing;    /* images being drawn; at most one CPU fewer than there are */
	int quiet;
	char *css, *js;              /* served as they are */
} srv;

/* what the page image of a record is: none, a PDF's page, the page of the
 * text in a scan read through its QR code, the first page of an image file
 * without one */
enum { K_NONE, K_PDF, K_SCAN, K_IMAGE };

typedef struct req {
	a2_buf body;
	int too_big;
	int refused;
} req;

/* ---- the state: decisions loaded again when the file changes ---- */

static int
refresh(srv *S)
{
	struct stat st;
	int exists = stat(S->path, &st) == 0;
	a2_decisions *D;
	a2_round *R;
	a2_error err;

	if (S->loaded && ((!exists && S->dst.st_ino == 0) ||
	    (exists && st.st_ino == S->dst.st_ino && st.st_size == S->dst.st_size &&
	    st.st_mtim.tv_sec == S->dst.st_mtim.tv_sec && st.st_mtim.tv_nsec == S->dst.st_mtim.tv_nsec)))
		return 0;
	a2_error_clear(&err);
	if ((D = a2_decisions_load(S->path, &err)) == NULL) {
		cli_error(&err);
		return -1;
	}
	if ((R = cli_review_round(S->base, D, &err)) == NULL) {
		cli_error(&err);
		a2_decisions_free(D);
		return -1;
	}
	a2_decisions_free(S->D);
	a2_round_free(S->decided);
	S->D = D;
	S->decided = R;
	if (exists)
		S->dst = st;
	else
		memset(&S->dst, 0, sizeof(S->dst));
	S->loaded = 1;
	S->version++;
	return 0;
}

/* ---- evidence, drawn once at start ---- */

static size_t
text_index(const a2_form *f, const char *text)
{
	size_t t;

	for (t = 0; t < f->n_texts; t++)
		if (strcmp(f->texts[t].rec, text) == 0)
			return t;
	return f->n_texts;   /* "sender" */
}

static const char *
evidence_of(void *ctx, size_t rec, const char *text)
{
	srv *S = ctx;
	return S->ev ? S->ev[rec * S->stride + text_index(S->base->form, text)] : NULL;
}

/* The bytes of record r's file: the file as named, or beside one of the
 * records files, and only when its sha256 is the record's.  0, or -1. */
static int
find_file(const a2_record *r, char **paths, int npaths, unsigned char **out, size_t *out_len)
{
	int i;

	*out = NULL;
	*out_len = 0;
	if (r->file == NULL || r->sha256[0] == '\0' || !strcmp(r->file, "-"))
		return -1;
	for (i = -1; i < npaths; i++) {
		char *p;
		const char *slash;
		unsigned char *data = NULL;
		size_t len;
		char sha[65];
		struct stat st;
		a2_error err;
		if (i < 0)
			p = a2_strdup(r->file);
		else if (r->file[0] == '/' || (slash = strrchr(paths[i], '/')) == NULL)
			continue;
		else
			p = a2_sprintf("%.*s/%s", (int)(slash - paths[i]), paths[i], r->file);
		if (p == NULL)
			return -1;
		if (lstat(p, &st) != 0 || !S_ISREG(st.st_mode) ||
		    a2_read_whole(p, MAX_DOC, &data, &len, &err) != 0) {
			free(p);
			continue;
		}
		free(p);
		if (a2_sha256_hex(data, len, sha) != 0 || strcmp(sha, r->sha256) != 0) {
			free(data);
			continue;
		}
		*out = data;
		*out_len = len;
		return 0;
	}
	return -1;
}

/* The document of record r, opened by the reader (see find_file). */
static a2_doc *
open_doc(const a2_record *r, char **paths, int npaths)
{
	a2_limits lim;
	unsigned char *data;
	size_t len;
	a2_doc *doc;
	a2_error err;

	if (find_file(r, paths, npaths, &data, &len) != 0)
		return NULL;
	a2_limits_default(&lim);
	a2_error_clear(&err);
	doc = a2_doc_open_mem(r->file, data, len, &lim, &err);
	free(data);
	return doc;
}

/* What the record says it was read from: K_SCAN (page images read through
 * the form's QR code: a text's evidence "scan", or a page of the form),
 * K_IMAGE (an image file without the code), or K_NONE (see the document).
 * A scan is not read again at start (a second or so each): its image is
 * drawn when asked for. */
static int
record_kind(const a2_record *r)
{
	size_t i;

	for (i = 0; i < r->n_texts; i++)
		if (r->texts[i].evidence != NULL && strcmp(r->texts[i].evidence, "scan") == 0)
			return K_SCAN;
	for (i = 0; i < r->n_pages; i++)
		if (r->pages[i].form_page > 0)
			return K_SCAN;
	if (r->format == A2_FMT_TIFF || r->format == A2_FMT_PNG || r->format == A2_FMT_JPEG)
		return K_IMAGE;
	return K_NONE;
}

static int
kind_of(const a2_doc *doc)
{
	if (doc->scan != NULL && !doc->image_only)
		return K_SCAN;      /* an image file or a PDF of images, read through its QR code */
	if (doc->format == A2_FMT_TIFF || doc->format == A2_FMT_PNG || doc->format == A2_FMT_JPEG)
		return K_IMAGE;
	return doc->format == A2_FMT_PDF ? K_PDF : K_NONE;   /* a PDF without its code: its first page */
}

/* What the page image of text t shows: the page of the first block its
 * evidence shows (0: none placed), and those blocks' lines and boxes on it. */
static unsigned
item_rects(const a2_doc *doc, const a2_form *f, size_t t, a2_rect *rects, size_t max, size_t *nr)
{
	size_t idx[64], nb, i;
	unsigned page = 0;

	*nr = 0;
	nb = a2_review_evidence_blocks(doc, f, t < f->n_texts ? f->texts[t].rec : "sender", idx, sizeof(idx) / sizeof(idx[0]));
	if (nb > sizeof(idx) / sizeof(idx[0]))
		nb = sizeof(idx) / sizeof(idx[0]);
	for (i = 0; i < nb; i++) {
		unsigned pg;
		a2_rect r[32];
		size_t k, m = a2_block_rects(doc, idx[i], r, sizeof(r) / sizeof(r[0]), &pg);
		if (m == 0 || (page != 0 && pg != page))
			continue;   /* one page: that of the first block placed */
		page = pg;
		for (k = 0; k < m && k < sizeof(r) / sizeof(r[0]) && *nr < max; k++)
			rects[(*nr)++] = r[k];
	}
	return page;
}

static int
draw_evidence(srv *S, char **paths, int npaths)
{
	const a2_round *R = S->base;
	a2_review_item *it;
	size_t n, i, k;
	a2_error err;

	S->stride = R->form->n_texts + 1;
	if ((S->ev = calloc(R->n ? R->n * S->stride : 1, sizeof(char *))) == NULL)
		return -1;
	if ((it = a2_review_items(R->form, R->recs, R->n, NULL, &n, &err)) == NULL)
		return -1;
	if ((S->kind = calloc(R->n ? R->n : 1, 1)) == NULL ||
	    (S->png = calloc(R->n ? R->n * S->stride : 1, sizeof(*S->png))) == NULL) {
		free(it);
		return -1;
	}
	for (i = 0; i < n; i = k) {
		const a2_record *r = &R->recs[it[i].rec];
		int rk = record_kind(r);
		a2_doc *doc = NULL;
		int found = 0;
		if (rk != K_NONE) {
			/* a scan: its file is there and is the record's */
			unsigned char *data;
			size_t len;
			if ((found = find_file(r, paths, npaths, &data, &len) == 0))
				free(data);
			S->kind[it[i].rec] = found ? (unsigned char)rk : K_NONE;
		} else if ((doc = open_doc(r, paths, npaths)) != NULL) {
			S->kind[it[i].rec] = (unsigned char)kind_of(doc);
			found = 1;
		}
		for (k = i; k < n && it[k].rec == it[i].rec; k++) {
			size_t t = text_index(R->form, it[k].text);
			char *ev;
			if (!found)
				continue;
			if (S->kind[it[k].rec] == K_SCAN || S->kind[it[k].rec] == K_IMAGE) {
				/* the page as the scan reader saw it (an A4 page's size
				 * said now; the image's own once it comes) */
				char *sender = doc != NULL && t == R->form->n_texts ?
				    a2_review_evidence_html(doc, R->form, it[k].text) : NULL;
				ev = a2_sprintf("<figure class=\"page\"><img src=\"page/%zu-%zu.png\" width=\"%d\" height=\"%d\" "
				    "alt=\"the scanned page, each box outlined by what the reader measured in it\" "
				    "loading=\"lazy\"><figcaption>%s</figcaption></figure>%s",
				    it[k].rec, t, (int)(595 * PAGE_SCALE + 0.99), (int)(842 * PAGE_SCALE + 0.99),
				    S->kind[it[k].rec] == K_SCAN ? "a scanned reply, the page as read (upright, de-skewed): the "
				    "text's boxes <span class=\"k-text\">framed</span>, a box <span class=\"k-on\">marked</span>, "
				    "<span class=\"k-off\">empty</span>, <span class=\"k-unk\">unclear</span>; the ink measured "
				    "in and around each box beside it" : "a scanned reply without the form's QR code: its first "
				    "page as read, nothing measured on it (open the file for the other pages)", sender ? sender : "");
				free(sender);
				S->ev[it[k].rec * S->stride + t] = ev;
				continue;
			}
			ev = a2_review_evidence_html(doc, R->form, it[k].text);
			if (ev != NULL && S->kind[it[k].rec] == K_PDF) {
				/* the page image first: rendered when the browser asks;
				 * its size said now, so that the page does not move */
				size_t nr;
				a2_rect none[1];
				unsigned pg = item_rects(doc, R->form, t, none, 0, &nr);
				int iw = 0, ih = 0;
				char *both;
				a2_error_clear(&err);
				if (a2_page_image_size(doc, pg ? pg : 1, PAGE_SCALE, &iw, &ih, &err) != 0)
					iw = ih = 0;
				both = a2_sprintf("<figure class=\"page\"><img src=\"page/%zu-%zu.png\" width=\"%d\" height=\"%d\" "
				    "alt=\"the page of the reply, the text's lines and boxes outlined\" loading=\"lazy\">"
				    "<figcaption>outlined: <span class=\"k-text\">the text</span>, a box "
				    "<span class=\"k-on\">ticked</span>, <span class=\"k-off\">empty</span>, "
				    "<span class=\"k-unk\">unclear</span></figcaption></figure>%s", it[k].rec, t, iw, ih, ev);
				free(ev);
				ev = both;
			}
			S->ev[it[k].rec * S->stride + t] = ev;
		}
		a2_doc_free(doc);
	}
	free(it);
	return 0;
}

/* The page image of item (rec, t), drawn now from the reply's file:
 * malloc'd, or NULL with *why. */
static unsigned char *
draw_page(const srv *S, size_t rec, size_t t, size_t *len, const char **why)
{
	const a2_record *r = &S->base->recs[rec];
	unsigned char *png = NULL;
	a2_error err;

	a2_error_clear(&err);
	*why = "the page could not be drawn (see the terminal)";
	if (S->kind[rec] == K_SCAN || S->kind[rec] == K_IMAGE) {
		unsigned char *data;
		size_t dlen;
		int rc;
		if (find_file(r, S->paths, S->npaths, &data, &dlen) != 0) {
			*why = "the reply's file is not where the records say, or has changed since it was read";
			return NULL;
		}
		/* the form numbers its texts from 1; the sender, or a scan
		 * without the form's code: the first page */
		rc = a2_scan_page_png(r->file, data, dlen, S->kind[rec] == K_SCAN && t < S->base->form->n_texts ? t + 1 : 0,
		    PAGE_SCALE,
		    &png, len, NULL, NULL, &err);
		free(data);
		if (rc != 0)
			png = NULL;
	} else {
		a2_doc *doc;
		size_t nr = 0;
		a2_rect rects[256];
		unsigned page;
		if ((doc = open_doc(r, S->paths, S->npaths)) == NULL) {
			*why = "the reply's file is not where the records say, or has changed since it was read";
			return NULL;
		}
		page = item_rects(doc, S->base->form, t, rects, sizeof(rects) / sizeof(rects[0]), &nr);
		if (a2_page_png(doc, page ? page : 1, PAGE_SCALE, rects, nr, &png, len, &err) != 0)
			png = NULL;
		a2_doc_free(doc);
	}
	if (png == NULL && !S->quiet)
		cli_error(&err);
	return png;
}

/* The page image of item (rec, t): made when first asked for and kept (a
 * failure too), past the cache's size given away.  0 with *data, *len and
 * *own (the caller's to free), or -1 with *why.  Drawn outside the lock;
 * a request for an image being drawn waits for it rather than draw it
 * again, and no more are drawn at once than leaves a CPU to the pages (1
 * on 2 CPUs, up to 8). */
static int
page_image(srv *S, size_t rec, size_t t, unsigned char **data, size_t *len, int *own, const char **why)
{
	struct png *p = &S->png[rec * S->stride + t];
	unsigned char *png;
	size_t n = 0;
	const char *fail = NULL;

	*own = 0;
	pthread_mutex_lock(&S->plock);
	for (;;) {
		*data = p->data;
		*len = p->len;
		*why = p->why;
		if (*data != NULL || *why != NULL) {
			pthread_mutex_unlock(&S->plock);
			return *data != NULL ? 0 : -1;
		}
		if (!p->busy && S->drawing < S->max_drawing)
			break;
		/* being drawn, or as many drawn as leaves a CPU to the pages */
		pthread_cond_wait(&S->drawn, &S->plock);
	}
	p->busy = 1;
	S->drawing++;
	pthread_mutex_unlock(&S->plock);
	png = draw_page(S, rec, t, &n, &fail);
	pthread_mutex_lock(&S->plock);
	p->busy = 0;
	S->drawing--;
	pthread_cond_broadcast(&S->drawn);
	if (png == NULL) {
		p->why = fail;
	} else if (S->png_bytes + n > MAX_PNG_CACHE) {
		*data = png;
		*len = n;
		*own = 1;
	} else {
		p->data = *data = png;
		p->len = *len = n;
		S->png_bytes += n;
	}
	*why = p->why;
	pthread_mutex_unlock(&S->plock);
	return *data != NULL ? 0 : -1;
}

/* ---- HTTP ---- */

static enum MHD_Result
answer_bytes(struct MHD_Connection *c, unsigned status, const char *type, const char *csp, void *body, size_t len,
             int must_free)
{
	struct MHD_Response *resp;
	enum MHD_Result rc;

	resp = mhd.create_response_from_buffer(len, body ? body : (char *)"",
	    must_free ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (resp == NULL) {
		if (must_free)
			free(body);
		return MHD_NO;
	}
	mhd.add_response_header(resp, "Content-Type", type);
	mhd.add_response_header(resp, "Content-Security-Policy", csp ? csp : "default-src 'none'; frame-ancestors 'none'");
	mhd.add_response_header(resp, "X-Content-Type-Options", "nosniff");
	mhd.add_response_header(resp, "X-Frame-Options", "DENY");
	mhd.add_response_header(resp, "Referrer-Policy", "same-origin");   /* the token never leaves */
	mhd.add_response_header(resp, "Cache-Control", "no-store");
	mhd.add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	rc = mhd.queue_response(c, status, resp);
	mhd.destroy_response(resp);
	return rc;
}

static enum MHD_Result
answer(struct MHD_Connection *c, unsigned status, const char *type, const char *csp, char *body, int must_free)
{
	return answer_bytes(c, status, type, csp, body, body ? strlen(body) : 0, must_free);
}

static enum MHD_Result
refuse(struct MHD_Connection *c, unsigned status, const char *why)
{
	char *b = a2_sprintf("annex2 review: %s\n", why);
	return answer(c, status, "text/plain; charset=utf-8", NULL, b, b != NULL);
}

static enum MHD_Result
see_other(struct MHD_Connection *c, const char *where)
{
	struct MHD_Response *resp = mhd.create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	enum MHD_Result rc;

	if (resp == NULL)
		return MHD_NO;
	mhd.add_response_header(resp, "Location", where);
	mhd.add_response_header(resp, "Referrer-Policy", "same-origin");
	mhd.add_response_header(resp, "Cache-Control", "no-store");
	rc = mhd.queue_response(c, MHD_HTTP_SEE_OTHER, resp);
	mhd.destroy_response(resp);
	return rc;
}

/* The page named after /TOKEN/, or NULL when the token is not there. */
static const char *
after_token(const srv *S, const char *url)
{
	size_t n = strlen(S->token);
	const char *slash;

	if (url[0] != '/')
		return NULL;
	url++;
	slash = strchr(url, '/');
	if (slash == NULL || (size_t)(slash - url) != n || CRYPTO_memcmp(url, S->token, n) != 0)
		return NULL;
	return slash + 1;
}

static int
host_ok(const srv *S, struct MHD_Connection *c)
{
	const char *h = mhd.lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	return h != NULL && (strcmp(h, S->host[0]) == 0 || strcasecmp(h, S->host[1]) == 0);
}

static int
origin_ok(const srv *S, struct MHD_Connection *c)
{
	const char *o = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	const char *site = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");

	/* a browser says where a request comes from (Sec-Fetch-Site, which no
	 * page can forge); a program like curl says nothing and is let in */
	if (site != NULL && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
		return 0;
	if (o != NULL && strcmp(o, "null") == 0)   /* a private origin: only from our own page */
		return site != NULL && strcmp(site, "same-origin") == 0;
	return o == NULL || strcmp(o, S->origin[0]) == 0 || strcasecmp(o, S->origin[1]) == 0;
}

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The value of key in an application/x-www-form-urlencoded body, decoded
 * (a new string), or NULL when absent or badly encoded. */
static char *
form_value(const char *body, const char *key)
{
	size_t kn = strlen(key);
	const char *p = body;

	while (p != NULL && *p) {
		const char *amp = strchr(p, '&'), *end = amp ? amp : p + strlen(p);
		if ((size_t)(end - p) > kn && strncmp(p, key, kn) == 0 && p[kn] == '=') {
			char *v = malloc((size_t)(end - p) + 1), *q = v;
			const char *s;
			if (v == NULL)
				return NULL;
			for (s = p + kn + 1; s < end; s++) {
				if (*s == '+') {
					*q++ = ' ';
				} else if (*s == '%') {
					int h, l;
					if (s + 2 >= end || (h = hexval(s[1])) < 0 || (l = hexval(s[2])) < 0 || h * 16 + l == 0) {
						free(v);
						return NULL;
					}
					*q++ = (char)(h * 16 + l);
					s += 2;
				} else {
					*q++ = *s;
				}
			}
			*q = '\0';
			return v;
		}
		p = amp ? amp + 1 : NULL;
	}
	return NULL;
}

static enum MHD_Result
decide(srv *S, struct MHD_Connection *c, const char *body)
{
	char *sha = form_value(body, "sha256"), *text = form_value(body, "text"), *dec = form_value(body, "decision");
	char *who = form_value(body, "who"), *why = form_value(body, "why"), *iso = form_value(body, "iso3");
	char *next = form_value(body, "next");
	const a2_round *R = S->base;
	a2_decision d;
	a2_error err;
	char now[21], where[64] = "./";
	size_t i, k = R->n;
	enum MHD_Result rc;
	const char *bad = NULL;

	memset(&d, 0, sizeof d);
	for (i = 0; sha && i < R->n; i++)
		if (!R->recs[i].is_error && strcmp(R->recs[i].sha256, sha) == 0)
			k = i;
	if (k == R->n)
		bad = "no reply of this round has that sha256";
	else if (text == NULL || (strcmp(text, "sender") != 0 && text_index(R->form, text) == R->form->n_texts))
		bad = "the text is neither one of the consultation's nor \"sender\"";
	else if (dec == NULL)
		bad = "no decision";
	if (bad == NULL) {
		memcpy(d.sha256, sha, 65);
		d.text = text;
		d.who = who;
		d.why = why ? why : (char *)"";
		d.file = R->recs[k].file;
		a2_utc_now(now);
		d.when = now;
		if (strcmp(text, "sender") == 0 && strcmp(dec, "sender") == 0) {
			for (i = 0; iso && iso[i]; i++)
				iso[i] = (char)(iso[i] >= 'a' && iso[i] <= 'z' ? iso[i] - 32 : iso[i]);
			if (iso == NULL || a2_states_by_iso3(R->states, iso) == NULL)
				bad = "type the ISO 3166 code of a Member State (FRA, DEU, ...) before choosing it";
			d.decision = iso;
		} else if (strcmp(dec, "assigns:none") == 0 || strcmp(dec, "assigns:attached") == 0) {
			d.decision = (char *)"assigns";
			d.comments = dec[8] == 'n' ? A2_COM_NONE : A2_COM_ATTACHED;
		} else {
			d.decision = dec;
		}
		if (bad == NULL && (who == NULL || who[0] == '\0'))
			bad = "say who you are (the Reviewer field at the top)";
	}
	a2_error_clear(&err);
	if (bad == NULL && a2_decision_check(&d, &err) != 0)
		bad = err.message;
	if (bad != NULL) {
		rc = refuse(c, MHD_HTTP_BAD_REQUEST, bad);
	} else if (a2_decisions_append(S->path, &d, &err) != 0) {
		cli_error(&err);
		rc = refuse(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "the decision could not be saved: see the terminal");
	} else {
		if (!S->quiet)
			fprintf(stderr, "annex2: %s: %s: %s%s%s (by %s)\n", d.file ? d.file : d.sha256, d.text,
			    d.decision, d.comments ? ", comments " : "", d.comments ? a2_comments_name(d.comments) : "", d.who);
		refresh(S);
		if (next != NULL && strlen(next) < 40 && strspn(next, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(next))
			snprintf(where, sizeof where, "./#%s", next);
		rc = see_other(c, where);
	}
	free(sha);
	free(text);
	free(dec);
	free(who);
	free(why);
	free(iso);
	free(next);
	return rc;
}

static enum MHD_Result handle_state(srv *S, struct MHD_Connection *c, const char *page, int get, int post, req *q);

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url, const char *method, const char *version,
       const char *upload, size_t *upload_size, void **con_cls)
{
	srv *S = cls;
	req *q = *con_cls;
	const char *page;
	int get = !strcmp(method, "GET") || !strcmp(method, "HEAD"), post = !strcmp(method, "POST");
	a2_error err;

	(void)version;
	if (q == NULL) {   /* the headers are in: judge them before any body */
		if ((q = calloc(1, sizeof(*q))) == NULL)
			return MHD_NO;
		*con_cls = q;
		if (!host_ok(S, c))
			return (q->refused = 1, refuse(c, MHD_HTTP_MISDIRECTED_REQUEST,
			    "this server answers only to 127.0.0.1 and localhost"));
		if (after_token(S, url) == NULL)
			return (q->refused = 1, refuse(c, MHD_HTTP_FORBIDDEN, "no access without the address printed at start"));
		if (!get && !post)
			return (q->refused = 1, refuse(c, MHD_HTTP_METHOD_NOT_ALLOWED, "GET or POST only"));
		if (post && !origin_ok(S, c))
			return (q->refused = 1, refuse(c, MHD_HTTP_FORBIDDEN, "a decision comes from this page only"));
		return MHD_YES;
	}
	if (q->refused)
		return MHD_YES;
	if (*upload_size > 0) {
		if (q->body.len + *upload_size > MAX_BODY)
			q->too_big = 1;
		else
			a2_buf_add(&q->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (q->too_big)
		return refuse(c, MHD_HTTP_CONTENT_TOO_LARGE, "the request is over 32 KiB");
	if (q->body.failed)
		return refuse(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
	if (q->body.len > 0 && strlen(q->body.data) != q->body.len)
		return refuse(c, MHD_HTTP_BAD_REQUEST, "a NUL byte in the request");
	page = after_token(S, url);
	a2_error_clear(&err);
	if (get && !strcmp(page, "app.js"))
		return answer(c, MHD_HTTP_OK, "text/javascript; charset=utf-8", csp_page, S->js, 0);
	if (get && !strcmp(page, "style.css"))
		return answer(c, MHD_HTTP_OK, "text/css; charset=utf-8", csp_page, S->css, 0);
	if (get && !strncmp(page, "page/", 5)) {
		/* page/REC-TEXT.png: indices into the round, digits only */
		const char *s = page + 5, *why = "no such page image";
		char *e1 = NULL, *e2 = NULL;
		unsigned long rec = 0, t = 0;
		unsigned char *img;
		size_t len;
		int own;
		if (*s >= '0' && *s <= '9' && strspn(s, "0123456789-.png") == strlen(s)) {
			rec = strtoul(s, &e1, 10);
			if (*e1 == '-' && e1[1] >= '0' && e1[1] <= '9')
				t = strtoul(e1 + 1, &e2, 10);
		}
		if (e2 == NULL || strcmp(e2, ".png") != 0 || rec >= S->base->n || t >= S->stride ||
		    S->kind[rec] == K_NONE || S->ev[rec * S->stride + t] == NULL)
			return refuse(c, MHD_HTTP_NOT_FOUND, why);
		if (page_image(S, rec, t, &img, &len, &own, &why) != 0)
			return refuse(c, MHD_HTTP_NOT_FOUND, why);
		return answer_bytes(c, MHD_HTTP_OK, "image/png", csp_page, img, len, own);
	}
	{
		enum MHD_Result rc;
		pthread_mutex_lock(&S->lock);
		rc = handle_state(S, c, page, get, post, q);
		pthread_mutex_unlock(&S->lock);
		return rc;
	}
}

/* The pages made of the decisions, and saving one: under S->lock. */
static enum MHD_Result
handle_state(srv *S, struct MHD_Connection *c, const char *page, int get, int post, req *q)
{
	a2_error err;

	a2_error_clear(&err);
	if (refresh(S) != 0 && S->decided == NULL)
		return refuse(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "the decisions could not be loaded: see the terminal");
	if (get && page[0] == '\0') {
		a2_review_page P = {S->base, S->decided, S->D, S->who, S->path, NULL, evidence_of, S, S->version};
		char *html;
		if (S->D->n_bad > 0)
			P.note = "Some lines of the decisions file were refused (see `annex2 review --list`): they are not applied.";
		html = a2_review_page_html(&P, &err);
		return html ? answer(c, MHD_HTTP_OK, "text/html; charset=utf-8", csp_page, html, 1) :
		    refuse(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
	}
	if (get && !strcmp(page, "version")) {   /* what the pages ask every 2 s */
		char *v = a2_sprintf("%lu\n", S->version);
		return v ? answer(c, MHD_HTTP_OK, "text/plain; charset=utf-8", csp_page, v, 1) :
		    refuse(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
	}
	if (get && !strcmp(page, "dashboard")) {
		char *html = a2_review_dashboard_html(S->decided, S->version, &err);
		return html ? answer(c, MHD_HTTP_OK, "text/html; charset=utf-8", csp_dash, html, 1) :
		    refuse(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
	}
	if (post && !strcmp(page, "decide")) {
		const char *ct = mhd.lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
		if (ct == NULL || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
			return refuse(c, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "a form, application/x-www-form-urlencoded");
		return decide(S, c, q->body.data ? q->body.data : "");
	}
	if (post)
		return refuse(c, MHD_HTTP_METHOD_NOT_ALLOWED, "POST goes to decide only");
	return refuse(c, MHD_HTTP_NOT_FOUND, "no such page");
}

static void
completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	req *q = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (q != NULL) {
		a2_buf_free(&q->body);
		free(q);
		*con_cls = NULL;
	}
}

int
cli_review_serve(cli_round_opts *o, a2_round *base, const cli_serve_opts *so)
{
	srv S;
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	unsigned char rnd[32];
	sigset_t sigs;
	int sig = 0, rc = EXIT_OK;
	unsigned port;
	size_t k;
	char **paths = NULL;
	int npaths = 0;

	memset(&S, 0, sizeof S);
	pthread_mutex_init(&S.lock, NULL);
	pthread_mutex_init(&S.plock, NULL);
	pthread_cond_init(&S.drawn, NULL);
	{
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		S.max_drawing = cpus > 2 ? (int)(cpus - 1 < 8 ? cpus - 1 : 8) : 1;
	}
	S.o = o;
	S.base = base;
	S.path = so->decisions;
	S.who = so->who;
	S.quiet = so->quiet;
	if (mhd_open() != 0)
		return EXIT_FINDINGS;
	if (RAND_bytes(rnd, sizeof rnd) != 1) {
		cli_warn("review --serve: no random numbers from the system: not started");
		return EXIT_FINDINGS;
	}
	for (k = 0; k < sizeof rnd; k++)
		snprintf(S.token + 2 * k, 3, "%02x", rnd[k]);
	if (refresh(&S) != 0)
		return EXIT_FINDINGS;
	paths = so->paths;
	npaths = so->npaths;
	S.paths = paths;
	S.npaths = npaths;
	if ((S.css = a2_review_css()) == NULL || (S.js = a2_review_js()) == NULL ||
	    draw_evidence(&S, paths, npaths) != 0) {
		cli_warn("out of memory");
		rc = EXIT_FINDINGS;
		goto out;
	}
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)so->port);
	if (inet_pton(AF_INET, so->bind, &sa.sin_addr) != 1) {
		cli_warn("review --serve: %s: not an IPv4 address", so->bind);
		rc = EXIT_USAGE;
		goto out;
	}
	/* the signals are waited for here, not taken by the server's thread */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	d = mhd.start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL_INTERNAL_THREAD, 0, NULL, NULL, handle, &S,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 << 10),
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)64,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)15,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
	    MHD_OPTION_END);
	if (d == NULL) {
		cli_warn("review --serve: cannot listen on %s:%u: %s", so->bind, so->port,
		    errno ? strerror(errno) : "the port is taken or not allowed");
		rc = EXIT_FINDINGS;
		goto out;
	}
	info = mhd.get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	port = info ? info->port : so->port;
	snprintf(S.host[0], sizeof S.host[0], "%s:%u", so->bind, port);
	snprintf(S.host[1], sizeof S.host[1], "localhost:%u", port);
	snprintf(S.origin[0], sizeof S.origin[0], "http://%s:%u", so->bind, port);
	snprintf(S.origin[1], sizeof S.origin[1], "http://localhost:%u", port);
	printf("annex2 review: http://%s/%s/\n", S.host[0], S.token);
	fflush(stdout);
	if (!so->quiet)
		fprintf(stderr, "annex2: review page of %zu replies on 127.0.0.1 only; decisions go to %s; "
		    "stop with Ctrl-C\n", base->n, S.path);
	sigwait(&sigs, &sig);
	mhd.stop_daemon(d);
	if (!so->quiet)
		fprintf(stderr, "annex2: review page stopped\n");
out:
	if (S.ev != NULL)
		for (k = 0; k < base->n * S.stride; k++)
			free(S.ev[k]);
	free(S.ev);
	if (S.png != NULL)
		for (k = 0; k < base->n * S.stride; k++)
			free(S.png[k].data);
	free(S.png);
	free(S.kind);
	free(S.css);
	free(S.js);
	a2_decisions_free(S.D);
	a2_round_free(S.decided);
	pthread_cond_destroy(&S.drawn);
	pthread_mutex_destroy(&S.plock);
	pthread_mutex_destroy(&S.lock);
	return rc;
}
