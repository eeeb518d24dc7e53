/*
 * annex2/record.h -- the record of one returned document (SPEC "The record").
 *
 * A record is self-contained (owns copies of every string) so that records
 * read back from JSON Lines and records made by the reader are the same
 * thing to check, tally and report.
 */
#ifndef ANNEX2_RECORD_H
#define ANNEX2_RECORD_H

#include <stddef.h>
#include "error.h"
#include "doc.h"

typedef enum a2_authority { A2_AUTH_NULL = 0, A2_AUTH_ASSIGNS, A2_AUTH_NOT } a2_authority;
typedef enum a2_comments  { A2_COM_NULL = 0, A2_COM_NONE, A2_COM_ATTACHED } a2_comments;
typedef enum a2_status {
	A2_ST_OK = 0, A2_ST_MISSING, A2_ST_CONFLICT, A2_ST_INFERRED, A2_ST_UNCLEAR
} a2_status;

/* Stable words: "assigns" "does-not-assign"; "none" "attached";
 * "ok" "missing" "conflict" "inferred" "unclear".  NULL for the _NULL values. */
const char *a2_authority_name(a2_authority a);
const char *a2_comments_name(a2_comments c);
const char *a2_status_name(a2_status s);

typedef struct a2_answer {
	char *rec;
	char *alias;
	a2_authority authority;
	a2_comments comments;
	a2_status status;
	char *evidence;     /* "content-control", "glyph", ...; NULL when nothing read */
	double confidence;  /* 0..1, for answers read from page images (has_confidence) */
	int has_confidence; /* 0: none, not written */
} a2_answer;

/* What one input page of a page image was found to be (SPEC `pages`). */
typedef struct a2_page_info {
	int form_page;      /* page of the form (1..), 0 when not part of it */
	int rotation;       /* degrees turned to read it: 0, 90, 180, 270 */
	double skew;        /* degrees of skew corrected */
	char *what;         /* "form", "not-form", "unreadable" */
} a2_page_info;

typedef struct a2_problem {
	char *code;         /* "missing", "late", "option-missing", ... */
	char *rec;          /* the text concerned, or NULL */
	char *message;
} a2_problem;

/* The message a file came in (annex2 intake; SPEC record `message`). */
typedef struct a2_message {
	char *id, *from, *subject, *received, *attachment; /* any may be NULL */
	char *contact_of;   /* states whose contacts list the sender ("FRA,NER"; "" none;
	                     * NULL: not known) */
	char *replies_to;   /* the state whose sent message it answers, or NULL */
} a2_message;

typedef struct a2_record {
	char *file;
	char sha256[65];    /* hex, "" if the file could not be read */
	a2_format format;
	int is_error;       /* status "error" */
	char *error_code;   /* when is_error */
	char *error_message;
	char *consultation; /* id, or NULL */
	char *lang;         /* language of the form's wording found ("fr"), or NULL */
	char *ms_iso3;      /* NULL when unknown */
	char *ms_name;
	char *ms_source;    /* "metadata", "text", or NULL */
	a2_answer *texts;   size_t n_texts;
	char *sig_name, *sig_title, *sig_place, *sig_date; /* NULL when absent */
	int sig_signed;     /* signatory.signed: 1 true, 0 false, -1 unknown (not written) */
	/* signatory.digital_signature (PDF): present 0 when there is none */
	struct a2_record_dsig {
		int present;
		char *signer, *time, *message;
		int valid, covers;
	} dsig;
	int complete;
	a2_problem *problems; size_t n_problems, cap_problems;
	a2_message *message;  /* NULL unless the file came through intake */
	a2_page_info *pages; size_t n_pages;  /* page images only (read/scan/) */
} a2_record;

void a2_record_init(a2_record *r);
void a2_record_clear(a2_record *r);   /* frees contents, re-inits; NULL ok */
/* Sets r->message to a copy of m's fields (any NULL).  0 or -1. */
int a2_record_set_message(a2_record *r, const a2_message *m);
int a2_record_add_problem(a2_record *r, const char *code, const char *rec,
                          const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
/* 1 if a problem with that code (and rec, when rec is not NULL) exists. */
int a2_record_has_problem(const a2_record *r, const char *code, const char *rec);

/* Emitters (emit/json.c, emit/csv.c). Return a new string or NULL. */
char *a2_record_to_json(const a2_record *r);          /* one line, no '\n' */
char *a2_record_to_csv(const a2_record *r);           /* rows, each ending '\n' */
const char *a2_record_csv_header(void);               /* with trailing '\n' */

/* Parses one JSON line written by a2_record_to_json(). 0 or -1. */
int a2_record_from_json(a2_record *r, const char *line, a2_error *err);

#endif
