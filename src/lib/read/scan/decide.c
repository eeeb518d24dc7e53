/* read/scan/decide.c -- the texts of a scanned reply decided from the
 * states of their boxes (read/scan/page.h): one clear mark is the answer,
 * two a conflict, a box scribbled out or with "cancelled" read beside it
 * (cancel.c) cancelled, anything in the band
 * between empty and marked `unclear` with a problem that says why; a text
 * is read only when every box of its page was found in order.  No page
 * with the QR code: the pages go to the OCR path (read/scan/ocrpage.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "core/util.h"
#include "read/scan/page.h"
#include "read/scan/scan.h"
#include "read/scan/scanint.h"

/* ---- deciding ----------------------------------------------------------- */

static const char *const st_words[] = {"empty", "marked", "a faint mark or smudge",
	"a mark beside it", "filled or scribbled out"};

/* confidence that a box is what its state says */
static double
conf_of(const box *k)
{
	switch (k->state) {
	case B_EMPTY: return 1.0 - k->in / IN_EMPTY * 0.3 - k->near / NEAR_MARK * 0.3;
	case B_MARK: return fmin(1.0, 0.7 + 0.3 * fmax(0, fmax((k->in - IN_MARK) / IN_MARK,
	                                                     (k->near - NEAR_MARK) / NEAR_MARK)));
	case B_DENSE: return 0.9;
	case B_BESIDE: return k->circled ? 0.75 : fmin(0.85, 0.6 + (k->col ? k->away : k->lab));
	default: return 0.3;
	}
}

static int
is_marked(int s)
{
	return A2_SCAN_MARKED(s);
}

int
a2_scan_scribbled(const box *k)
{
	return (k->state == B_DENSE || k->state == B_MARK) && k->in >= SCRIB_IN && k->near >= SCRIB_NEAR &&
	    k->halo >= SCRIB_HALO;
}

/* Two boxes that may be one answer against the other: which one (0, 1),
 * -1 none, -2 both, -3 unclear; *why the unclear case, *conf. */
static int
pick(const box *a, const box *b, const char **why, double *conf)
{
	int ma = is_marked(a->state), mb = is_marked(b->state);

	*why = NULL;
	*conf = fmin(conf_of(a), conf_of(b));
	if (a->state == B_UNSURE || b->state == B_UNSURE) {
		static const char *const whys[] = {
			"a faint mark, a stray stroke or a smudge in a box",
			"a dot in a box, not a mark across it",
			"a mark as near one box as the other",
			"a stray stroke or a small mark at a box",
			"a very faint mark or a smudge in a box",
			"a ring round a label, or its letters run together (a fax)"};
		const box *u = a->state == B_UNSURE ? a : b;
		*why = whys[u->unsure >= 0 && u->unsure <= U_RING ? u->unsure : 0];
		return -3;
	}
	if (a2_scan_scribbled(a) || a2_scan_scribbled(b)) {
		/* scribbled out: cancelled; the other box's mark, if it is one
		 * (a mark or a box filled inside its outline), the answer */
		const box *o = a2_scan_scribbled(a) ? b : a;
		if ((o->state == B_MARK || o->state == B_DENSE) && !a2_scan_scribbled(o) && !o->cancelled) {
			*conf = fmin(0.75, conf_of(o));
			return o == a ? 0 : 1;
		}
		*why = o->state == B_EMPTY ? "a box scribbled out and no other mark"
		                           : "a box scribbled out and the other not clearly marked";
		return -3;
	}
	if ((ma && !mb && a->halo >= SCRIB_MAYBE) || (mb && !ma && b->halo >= SCRIB_MAYBE)) {
		*why = "a box inked far around it: a mark, or a mark scribbled out";
		return -3;
	}
	if (ma && mb) {
		if (a->cancelled == 2 || b->cancelled == 2) {
			*why = "\"cancelled\" written between the rows of two boxes: which mark it "
			    "cancels is not clear";
			return -3;
		}
		if (a->cancelled && b->cancelled) {
			*why = "both marks have \"cancelled\" written beside them";
			return -3;
		}
		if (a->cancelled || b->cancelled) {
			/* "cancelled" read beside one mark: the other stands */
			const box *o = a->cancelled ? b : a;
			*conf = fmin(0.75, conf_of(o));
			return o == a ? 0 : 1;
		}
		if ((a->state == B_DENSE && b->state == B_MARK) ||
		    (b->state == B_DENSE && a->state == B_MARK)) {
			/* a filled box beside a marked one: filled may be the mark
			 * (a box inked in) or its cancellation (scribbled out); the
			 * page cannot tell which, a person can */
			*why = "one box filled or scribbled out and the other marked: "
			    "a filled box may be the answer or a cancelled one";
			return -3;
		}
		if (a->state == B_BESIDE || b->state == B_BESIDE) {
			*why = "a mark beside one box and a mark in or beside the other";
			return -3;
		}
		return -2;
	}
	if (!ma && !mb)
		return -1;
	if ((ma ? a : b)->cancelled) {
		/* the one mark cancelled: the answer is elsewhere, or none */
		*why = "the one mark has \"cancelled\" written beside it";
		return -3;
	}
	return ma ? 0 : 1;
}

static int
set_text(a2_record *r, size_t idx, const box *k, int ntexts_box_ok)
{
	a2_answer *a = &r->texts[idx];
	const box *A, *N, *T, *D;   /* k NULL when !ntexts_box_ok */
	const char *why;
	double conf, oconf;
	int v, o;
	char recn[32];

	snprintf(recn, sizeof(recn), "#%zu", idx + 1);
	a->has_confidence = 1;
	if ((a->evidence = a2_strdup("scan")) == NULL)
		return -1;
	if (!ntexts_box_ok) {
		a->status = A2_ST_UNCLEAR;
		a->confidence = 0;
		return a2_record_add_problem(r, "unclear", recn,
		    "the boxes of this text were not all found on the page image: a person must read it");
	}
	A = &k[0], N = &k[1], T = &k[2], D = &k[3];
	v = pick(A, D, &why, &conf);
	a->confidence = conf;
	if (v == -3 || (v >= 0 && conf < CONF_MIN)) {
		a->status = A2_ST_UNCLEAR;
		return a2_record_add_problem(r, "unclear", recn, "%s (assigns: %s, ink %.2f; does not assign: %s, ink %.2f)",
		    why ? why : "a mark not clear enough to be read with confidence",
		    st_words[A->state], A->in, st_words[D->state], D->in);
	}
	if (v == -1) {
		a->status = A2_ST_MISSING;
		return a2_record_add_problem(r, "missing", recn, "no box of this text is marked on the page image");
	}
	if (v == -2) {
		a->status = A2_ST_CONFLICT;
		return a2_record_add_problem(r, "conflict", recn, "both boxes are marked on the page image");
	}
	a->status = A2_ST_OK;
	if (v == 1) {
		a->authority = A2_AUTH_NOT;
		/* an option marked with "does not assign" */
		if (!N->missing && !T->missing && (is_marked(N->state) || is_marked(T->state))) {
			a->status = A2_ST_CONFLICT;
			a->authority = A2_AUTH_NULL;
			return a2_record_add_problem(r, "conflict", recn,
			    "\"does not assign\" is marked together with an option of \"assigns\"");
		}
		return 0;
	}
	a->authority = A2_AUTH_ASSIGNS;
	if (N->missing || T->missing)
		return a2_record_add_problem(r, "option-unclear", recn,
		    "the boxes of the options were not both found on the page image: a person must read them");
	o = pick(N, T, &why, &oconf);
	if (o == 0 || o == 1) {
		if (oconf < CONF_MIN)
			return a2_record_add_problem(r, "option-unclear", recn,
			    "the option's mark is not clear enough to be read with confidence");
		a->comments = o == 0 ? A2_COM_NONE : A2_COM_ATTACHED;
		return 0;
	}
	if (o == -1)
		return a2_record_add_problem(r, "option-missing", recn, "no option of \"assigns\" is marked");
	if (o == -2)
		return a2_record_add_problem(r, "option-conflict", recn, "both options of \"assigns\" are marked");
	return a2_record_add_problem(r, "option-unclear", recn, "%s", why);
}

/* Four boxes in reading order that are one text's: the vote's column, the
 * options' twice, the vote's; the options one line apart (3 to 9 mm), each
 * step down 3 to 40 mm. */
static int
group_ok(const box *g, double ppm)
{
	if (g[0].col != 0 || g[1].col != 1 || g[2].col != 1 || g[3].col != 0)
		return 0;
	if (g[3].y - g[0].y < 9 * ppm || g[3].y - g[0].y > 80 * ppm)
		return 0;
	if (g[1].missing || g[2].missing)
		return 1;   /* the vote alone (its options not read) */
	if (g[2].y - g[1].y < 3 * ppm || g[2].y - g[1].y > 16 * ppm ||
	    g[1].y - g[0].y < 3 * ppm || g[1].y - g[0].y > 40 * ppm ||
	    g[3].y - g[2].y < 3 * ppm || g[3].y - g[2].y > 40 * ppm)
		return 0;
	return 1;
}

int
a2_scan_unsigned(a2_record *rec)
{
	if (rec->sig_signed == 1)
		return 0;
	return a2_record_add_problem(rec, "unsigned", NULL, "%s", rec->sig_signed == 0 ?
	    "the signature area of the scanned form is empty" :
	    "the signature area of the scanned form was not found: a person must look");
}

/* The partial record of the pages (texts by index, pages, problems) and
 * the identifiers of the QR code as the document's properties. */
a2_doc *
a2_scan_decide(page *pg, size_t n, a2_format format, const a2_limits *lim, a2_error *err)
{
	a2_doc *doc = a2_doc_new(format);
	a2_record *r = NULL;
	const a2_scan_qr *q0 = NULL;
	int maxt = 0, p, k;
	size_t i, j;
	box *joined = NULL;

	if (doc == NULL || (r = calloc(1, sizeof(*r))) == NULL)
		goto nomem;
	a2_record_init(r);
	r->sig_signed = -1;
	for (i = 0; i < n; i++)
		if (pg[i].has_qr && pg[i].qr.page == pg[i].qr.pages && pg[i].signed_ink >= 0)
			r->sig_signed = pg[i].signed_ink;
	doc->scan = r;
	if ((r->pages = calloc(n ? n : 1, sizeof(*r->pages))) == NULL)
		goto nomem;
	r->n_pages = n;
	for (i = 0; i < n; i++) {
		r->pages[i].rotation = pg[i].rotation;
		r->pages[i].skew = round(pg[i].skew * 100) / 100;
		if (pg[i].has_qr) {
			if (q0 == NULL)
				q0 = &pg[i].qr;
			r->pages[i].form_page = pg[i].qr.page;
			if (pg[i].qr.last > maxt)
				maxt = pg[i].qr.last;
		}
		if ((r->pages[i].what = a2_strdup(pg[i].has_qr ? "form" : "not-form")) == NULL)
			goto nomem;
	}
	if (q0 == NULL && a2_ocr_available(NULL) == 0) {
		/* no page carries the QR code: the words and boxes through OCR */
		PIX **grays = calloc(n ? n : 1, sizeof(*grays));
		a2_doc *od;
		if (grays == NULL)
			goto nomem;
		for (i = 0; i < n; i++)
			grays[i] = pg[i].gray;
		od = a2_scan_ocr_lower(grays, n, format, lim, err);
		free(grays);
		a2_doc_free(doc);
		return od;
	}
	if (q0 == NULL) {
		doc->image_only = 1;
		if (a2_doc_add_note(doc, "scan-no-qr", "no page carries the QR code of a generated "
		    "form (the Secretariat's own form or another edition: its reading by OCR is not "
		    "done yet); a person must read it") != 0)
			goto nomem;
		return doc;
	}
	if (a2_doc_add_prop(doc, A2_PROP_CONSULTATION, q0->consultation) != 0 ||
	    a2_doc_add_prop(doc, A2_PROP_STATE, q0->iso3) != 0 ||
	    (q0->version[0] && a2_doc_add_prop(doc, A2_PROP_VERSION, q0->version) != 0) ||
	    (r->lang = a2_strdup(q0->lang)) == NULL)
		goto nomem;
	if ((r->texts = calloc((size_t)maxt + 1, sizeof(a2_answer))) == NULL)
		goto nomem;
	r->n_texts = (size_t)maxt;
	/* each form page: the boxes of every input page with its code, joined
	 * in input order (a page that overflowed onto the next) */
	for (p = 1; p <= q0->pages; p++) {
		size_t nb = 0, seen = 0;
		double ppm_of = 8;
		const a2_scan_qr *q = NULL;
		free(joined);
		joined = NULL;
		for (i = 0; i < n; i++) {
			if (!pg[i].has_qr || pg[i].qr.page != p || strcmp(pg[i].qr.iso3, q0->iso3) != 0)
				continue;
			seen++;
			q = &pg[i].qr;
			ppm_of = pg[i].ppm;
			{
				box *nbx = realloc(joined, (nb + pg[i].n_boxes + 1) * sizeof(*joined));
				if (nbx == NULL)
					goto nomem;
				joined = nbx;
			}
			for (j = 0; j < pg[i].n_boxes; j++)
				joined[nb++] = pg[i].boxes[j];
		}
		if (q == NULL || q->first == 0)
			continue;
		if (seen > 1 && a2_doc_add_note(doc, "unclear", "page %d of the form is on %zu pages of "
		    "the file (scanned twice, or its content ran onto a second sheet): its texts are "
		    "not read", p, seen) != 0)
			goto nomem;
		{
			/* every text's 4 boxes found, in order, and no box more: a
			 * box not found (a heavy cross breaks its outline) or one too
			 * many (a glyph taken for a box) shifts the boxes from one
			 * text or option to another, so then no text of the page is
			 * read: never a vote read from the wrong box */
			int nt = q->last - q->first + 1, t;
			const box **at = calloc((size_t)nt, sizeof(*at));
			if (at == NULL)
				goto nomem;
			if (seen == 1 && nb == (size_t)nt * 4) {
				for (t = 0; t < nt && group_ok(&joined[(size_t)t * 4], ppm_of); t++)
					at[t] = &joined[(size_t)t * 4];
				if (t < nt)
					memset(at, 0, (size_t)nt * sizeof(*at));
			}
			for (k = q->first; k <= q->last; k++)
				if (set_text(r, (size_t)k - 1, at[k - q->first], at[k - q->first] != NULL) != 0) {
					free(at);
					goto nomem;
				}
			free(at);
		}
	}
	free(joined);
	return doc;
nomem:
	free(joined);
	a2_doc_free(doc);
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return NULL;
}
