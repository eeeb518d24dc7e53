/* read/reader.c -- the reading pipeline for one file:
 * open -> lower -> match -> validate, always ending in a record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "check/validate.h"
#include "read/frontend.h"
#include "read/match/match.h"
#include "read/scan/scanint.h"

struct a2_reader {
	const a2_form *form;
	const a2_states *states;
	a2_patterns *pat;
	a2_limits lim;
	a2_docx_cache *docx_cache;   /* kept from one DOCX to the next */
};

const a2_form *
a2_reader_form(const a2_reader *rd)
{
	return rd != NULL ? rd->form : NULL;
}

a2_reader *
a2_reader_new(const a2_form *form, const a2_states *states, a2_error *err)
{
	a2_reader *rd = calloc(1, sizeof(*rd));

	if (rd == NULL)
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	rd->form = form;
	rd->states = states;
	a2_limits_default(&rd->lim);
	if ((rd->pat = a2_patterns_new(form, err)) == NULL) {
		free(rd);
		return NULL;
	}
	return rd;
}

void
a2_reader_free(a2_reader *rd)
{
	if (rd == NULL)
		return;
	a2_patterns_free(rd->pat);
	a2_docx_cache_free(rd->docx_cache);
	free(rd);
}

void
a2_reader_set_limits(a2_reader *rd, const a2_limits *l)
{
	rd->lim = *l;
}

static int error_record(a2_record *rec, const a2_error *err);

/* Each damaged part the front end could do without is a damaged-part
 * problem: the answers were read, but not the whole document (SPEC: never
 * a silent skip), so the reply is not complete.  0 or -1. */
static int
damaged_parts(const a2_doc *doc, a2_record *rec)
{
	size_t i;

	for (i = 0; i < doc->n_damaged; i++)
		if (a2_record_add_problem(rec, "damaged-part", NULL,
		    "%s is damaged (not well-formed XML) and was not read: the document's metadata "
		    "(the form's identifiers) are unknown, so the sender is read from the text only",
		    doc->damaged[i]) != 0)
			return -1;
	return 0;
}

/* One answer for each text of the form, named, nothing decided yet. */
static int
texts_named(const a2_form *form, a2_record *rec)
{
	size_t i;

	if ((rec->texts = calloc(form->n_texts ? form->n_texts : 1, sizeof(a2_answer))) == NULL)
		return -1;
	rec->n_texts = form->n_texts;
	for (i = 0; i < form->n_texts; i++)
		if ((rec->texts[i].rec = a2_strdup(form->texts[i].rec)) == NULL ||
		    (rec->texts[i].alias = a2_strdup(form->texts[i].alias)) == NULL)
			return -1;
	return 0;
}

/* A document with no text at all, only page pictures (a scanned PDF): no
 * answer may be read from it, and none is said to be missing either. */
static int
image_only(const a2_form *form, a2_record *rec)
{
	size_t i;

	if (texts_named(form, rec) != 0)
		return -1;
	for (i = 0; i < form->n_texts; i++)
		rec->texts[i].status = A2_ST_UNCLEAR;
	return a2_record_add_problem(rec, "image-only", NULL,
	    "the PDF has no text, only page images (a scan): its answers cannot be read "
	    "from it; a person must read it");
}

/* The answers a page image front end decided (read/scan/): each text of
 * the form from the text of the same index on the pages read; a text on no
 * page read is unclear; the pages, signatory.signed and problems moved. */
static int
a2_scan_answers(const a2_form *form, const a2_doc *doc, a2_record *rec)
{
	a2_record *sr = doc->scan;
	size_t i;

	if (texts_named(form, rec) != 0)
		return -1;
	for (i = 0; i < form->n_texts; i++) {
		a2_answer *a = &rec->texts[i];
		if (i < sr->n_texts && sr->texts[i].evidence != NULL) {
			a->status = sr->texts[i].status;
			a->authority = sr->texts[i].authority;
			a->comments = sr->texts[i].comments;
			a->confidence = sr->texts[i].confidence;
			a->has_confidence = 1;
			a->evidence = sr->texts[i].evidence;
			sr->texts[i].evidence = NULL;
		} else {
			a->status = A2_ST_UNCLEAR;
			if (a2_record_add_problem(rec, "unclear", form->texts[i].rec,
			    "the page of the form with this text is not among the pages read") != 0)
				return -1;
		}
	}
	for (i = 0; i < sr->n_problems; i++) {
		const char *tr = sr->problems[i].rec;
		size_t k = tr != NULL && tr[0] == '#' ? (size_t)strtoul(tr + 1, NULL, 10) : 0;
		if (a2_record_add_problem(rec, sr->problems[i].code,
		    k >= 1 && k <= form->n_texts ? form->texts[k - 1].rec : NULL,
		    "%s", sr->problems[i].message) != 0)
			return -1;
	}
	rec->pages = sr->pages;
	rec->n_pages = sr->n_pages;
	sr->pages = NULL;
	sr->n_pages = 0;
	rec->sig_signed = sr->sig_signed;
	if (a2_scan_unsigned(rec) != 0)
		return -1;
	free(rec->lang);
	rec->lang = sr->lang;
	sr->lang = NULL;
	return 0;
}

/* The sender of a page image is the QR code's: source "qr". */
static int
scan_sender(const a2_doc *doc, a2_record *rec)
{
	if (doc->scan == NULL || rec->ms_source == NULL || strcmp(rec->ms_source, "metadata") != 0)
		return 0;
	free(rec->ms_source);
	return (rec->ms_source = a2_strdup("qr")) == NULL ? -1 : 0;
}

/* What the front end said of the document as a whole, and its digital
 * signature, into the record. */
static int
doc_findings(const a2_doc *doc, a2_record *rec)
{
	size_t i;

	for (i = 0; i < doc->n_notes; i++)
		if (a2_record_add_problem(rec, doc->notes[i].code, NULL, "%s", doc->notes[i].message) != 0)
			return -1;
	if (!doc->dsig.present)
		return 0;
	rec->sig_signed = 1;
	rec->dsig.present = 1;
	rec->dsig.valid = doc->dsig.valid;
	rec->dsig.covers = doc->dsig.covers;
	if ((doc->dsig.signer && (rec->dsig.signer = a2_strdup(doc->dsig.signer)) == NULL) ||
	    (doc->dsig.time && (rec->dsig.time = a2_strdup(doc->dsig.time)) == NULL) ||
	    (doc->dsig.message && (rec->dsig.message = a2_strdup(doc->dsig.message)) == NULL))
		return -1;
	if ((!doc->dsig.valid || !doc->dsig.covers) &&
	    a2_record_add_problem(rec, "signature-invalid", NULL, "digital signature%s%s: %s",
	        doc->dsig.signer ? " of " : "", doc->dsig.signer ? doc->dsig.signer : "",
	        doc->dsig.message ? doc->dsig.message : "not valid") != 0)
		return -1;
	return 0;
}

int
a2_match_doc(a2_reader *rd, const a2_doc *doc, a2_record *rec)
{
	a2_stream s;
	int rc = -1;

	if (a2_stream_build(&s, doc) != 0)
		return -1;
	rec->format = doc->format;
	free(rec->consultation);
	if ((rec->consultation = a2_strdup(rd->form->id)) == NULL)
		goto out;
	if (doc->image_only)
		rc = image_only(rd->form, rec);
	else if (doc->scan != NULL)
		rc = a2_scan_answers(rd->form, doc, rec);
	else
		rc = a2_match_answers(rd->pat, rd->form, doc, &s, rec);
	if (rc == 0)
		rc = a2_scan_ocr_settle(doc, rec);   /* a scan read by OCR: only measured votes stand */
	if (rc != 0 ||
	    (rc = a2_match_sender(rd->pat, rd->form, rd->states, doc, &s, rec)) != 0 ||
	    (rc = scan_sender(doc, rec)) != 0 ||
	    (rc = damaged_parts(doc, rec)) != 0 ||
	    (rc = doc_findings(doc, rec)) != 0 ||
	    (rc = a2_validate(rd->form, rec)) != 0)
		goto out;
out:
	if (rc == -2) {
		/* a pattern gave up within its limits: what it did not find may
		 * be there, so no answer of this document is given */
		a2_error err;
		a2_error_clear(&err);
		a2_error_set(&err, A2_ERR_LIMIT, "%s", doc->limit_why != NULL ? doc->limit_why :
		    "the text is too intricate to search within the matcher's limits");
		rc = error_record(rec, &err);
	}
	a2_stream_free(&s);
	return rc;
}

/* Turns rec into an error record; -1 only when even that cannot be had. */
static int
error_record(a2_record *rec, const a2_error *err)
{
	char where[300] = "";
	char *file = rec->file, sha[65];
	a2_format format = rec->format;

	/* an error record says nothing of the reply but that: what a matcher
	 * that gave up had begun (texts, problems, sender) goes */
	memcpy(sha, rec->sha256, sizeof(sha));
	rec->file = NULL;
	a2_record_clear(rec);
	rec->file = file;
	rec->format = format;
	memcpy(rec->sha256, sha, sizeof(sha));
	rec->is_error = 1;
	rec->complete = 0;
	free(rec->error_code);
	free(rec->error_message);
	if (err->member[0] && err->line > 0)
		snprintf(where, sizeof(where), " (%s, line %d)", err->member, err->line);
	else if (err->member[0])
		snprintf(where, sizeof(where), " (%s)", err->member);
	rec->error_code = a2_strdup(a2_code_name(err->code));
	rec->error_message = a2_sprintf("%s%s", err->message[0] ? err->message : "cannot read", where);
	return rec->error_code && rec->error_message ? 1 : -1;
}

static a2_format
guess_format(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot == NULL)
		return A2_FMT_UNKNOWN;
	if (!strcmp(dot, ".odt") || !strcmp(dot, ".ott"))
		return A2_FMT_ODT;
	if (!strcmp(dot, ".fodt"))
		return A2_FMT_FODT;
	if (!strcmp(dot, ".docx") || !strcmp(dot, ".docm") || !strcmp(dot, ".dotx"))
		return A2_FMT_DOCX;
	if (!strcmp(dot, ".pdf"))
		return A2_FMT_PDF;
	if (!strcmp(dot, ".tif") || !strcmp(dot, ".tiff"))
		return A2_FMT_TIFF;
	if (!strcmp(dot, ".png"))
		return A2_FMT_PNG;
	if (!strcmp(dot, ".jpg") || !strcmp(dot, ".jpeg"))
		return A2_FMT_JPEG;
	return A2_FMT_UNKNOWN;
}

int
a2_read_mem(a2_reader *rd, const char *name, const void *data, size_t len, a2_record *rec)
{
	a2_error err;
	a2_doc *doc;
	int rc;

	a2_error_clear(&err);
	free(rec->file);
	if ((rec->file = a2_strdup(name)) == NULL)
		return -1;
	rec->format = guess_format(name);
	if (a2_sha256_hex(data, len, rec->sha256) != 0)
		return -1;   /* OpenSSL fails only for want of memory */
	doc = a2_doc_open_cached(name, data, len, &rd->lim, &rd->docx_cache, &err);
	if (doc == NULL)
		return err.code == A2_ERR_NOMEM ? -1 : error_record(rec, &err);
	if (a2_scan_ocr_order(doc, rd->form) != 0) {
		a2_doc_free(doc);
		return -1;
	}
	rc = a2_match_doc(rd, doc, rec);
	a2_doc_free(doc);
	return rc;
}

int
a2_read_file(a2_reader *rd, const char *path, a2_record *rec)
{
	a2_error err;
	unsigned char *data;
	size_t len;
	int rc;

	a2_error_clear(&err);
	if (a2_read_whole(path, rd->lim.max_file, &data, &len, &err) != 0) {
		free(rec->file);
		if ((rec->file = a2_strdup(path)) == NULL)
			return -1;
		rec->format = guess_format(path);
		return err.code == A2_ERR_NOMEM ? -1 : error_record(rec, &err);
	}
	rc = a2_read_mem(rd, path, data, len, rec);
	free(data);
	return rc;
}
