/*
 * annex2/form.h -- the consultation model.
 *
 * A consultation (one circular) is loaded from an XML definition, validated
 * against the shipped RELAX NG schema (forms/consultation.rng, built into the
 * library), into a read-only a2_form.  Writers and the reader use only this
 * model: nothing about a particular circular is hard-coded.
 */
#ifndef ANNEX2_FORM_H
#define ANNEX2_FORM_H

#include <stddef.h>
#include "error.h"

typedef struct a2_text {
	char *rec;   /* "X.1237" */
	char *alias; /* provisional name, "X.tsfpp" */
	char *kind;  /* "new" or "revised" */
	char *title; /* full title */
} a2_text;

/* The wording keys, in schema order.  Values may hold {circular}, {sg},
 * {texts}, {rec}, {alias}, {state}: see a2_form_expand(). */
typedef enum a2_word {
	A2_W_ANNEX, A2_W_SUBJECT_LABEL, A2_W_SUBJECT, A2_W_SUBJECT_TEXTS,
	A2_W_TO, A2_W_FROM, A2_W_FAX, A2_W_EMAIL, A2_W_DATE, A2_W_REF,
	A2_W_SALUTATION, A2_W_REQUEST, A2_W_TABLE_HEAD, A2_W_TEXT_NEW,
	A2_W_TEXT_REVISED, A2_W_ASSIGNS, A2_W_OPTION_NONE, A2_W_OPTION_ATTACHED,
	A2_W_NOT_ASSIGN, A2_W_CLOSING, A2_W_ADMINISTRATION, A2_W_NAME,
	A2_W_TITLE, A2_W_ADDRESS, A2_W_PLACE, A2_W_DATE_PLACEHOLDER,
	A2_W__COUNT
} a2_word;

/* Another phrasing of one piece, read but never written (<also for=...>). */
typedef struct a2_also {
	a2_word key;              /* A2_W_ASSIGNS, A2_W_NOT_ASSIGN, A2_W_OPTION_*, A2_W_ADMINISTRATION */
	char *text;
} a2_also;

/* The words that carry the meaning (<meaning>): '|'-separated, '*' ends a
 * stem.  Read only: replies worded otherwise than the form. */
typedef enum a2_mean {
	A2_M_VERB, A2_M_NEGATION, A2_M_COMMENTS, A2_M_NONE, A2_M_NONE_AFTER, A2_M_ATTACHED,
	A2_M__COUNT
} a2_mean;

typedef struct a2_wording {
	char *lang;               /* BCP 47: "en", "fr", ... */
	int unofficial;           /* status="unofficial": annex2's own translation */
	char *w[A2_W__COUNT];     /* never NULL after a successful load */
	a2_also *also;            /* other phrasings, for reading */
	size_t n_also;
	char *mean[A2_M__COUNT];  /* NULL when the wording has no <meaning> (or that word) */
} a2_wording;

/* The e-mail wording (<mail xml:lang>): what annex2 mail and remind send.
 * Bodies are paragraphs joined by blank lines.  deadline_format writes
 * {deadline} ({d} {m} {month} {y} {hh} {mm}; month names from months[]);
 * the reminder's {missing} is one of no_reply, reply_late, reply_uncounted,
 * reply_incomplete per reply ({date}, {why}). */
typedef struct a2_mail_wording {
	char *lang;
	int unofficial;           /* status="unofficial": annex2's own translation */
	char *subject, *body, *reminder_subject, *reminder_body;
	char *deadline_format;
	char *months[12];         /* NULL when the format needs none */
	char *no_reply, *reply_late, *reply_uncounted, *reply_incomplete;
} a2_mail_wording;

typedef struct a2_form {
	char *path;        /* file it was loaded from ("<memory>" if none) */
	char *id;          /* "tsb-circular-195" */
	char *version;     /* form version, "1" */
	char *bureau;      /* "TSB" */
	char *circular;    /* "195" */
	char *date;        /* ISO date of the circular, "2024-04-23" */
	char *ref;         /* "SG17/XY" or NULL */
	char *sg_number;   /* "17" */
	char *sg_name;     /* "Security" */
	char *sg;          /* "SG17" (derived) */
	char *meeting_place, *meeting_start, *meeting_end; /* ISO dates */
	char *deadline;    /* "2024-08-21T23:59:00Z" */
	double threshold;  /* 0.70 */
	char **to_lines;   size_t n_to;
	char *fax, *email;
	char **footer_lines; size_t n_footer;
	a2_text *texts;    size_t n_texts;
	a2_wording *wordings; size_t n_wordings; /* [0] is English */
	a2_mail_wording *mails; size_t n_mails;  /* may be none */
} a2_form;

/* Loads and validates a consultation definition.  path NULL loads the
 * built-in Circular 195.  On a schema violation, err gets A2_ERR_SCHEMA with
 * the file, line and what is wrong.  Caller owns the result: a2_form_free(). */
a2_form *a2_form_load(const char *path, a2_error *err);

/* Same, from memory; name is used in messages. */
a2_form *a2_form_load_mem(const char *data, size_t len, const char *name, a2_error *err);

void a2_form_free(a2_form *form);

/* The wording for lang ("en" when NULL or absent).  Never NULL. */
const a2_wording *a2_form_wording(const a2_form *form, const char *lang);

/* The e-mail wording for lang, else English, else the first; NULL when the
 * consultation has none. */
const a2_mail_wording *a2_form_mail_wording(const a2_form *form, const char *lang);

/* Expands {circular} {sg} ("SG17") {sgn} ("17") {texts} and, when given, {rec} {alias} {state} in
 * a wording string.  text and state may be NULL.  Returns a new string
 * (caller frees) or NULL on allocation failure. */
char *a2_form_expand(const a2_form *form, const char *tmpl,
                     const a2_text *text, const char *state);

/* Replaces, in tmpl, every key kv[2i] ("{date}") by kv[2i+1] (n pairs;
 * a NULL value is ""), in one pass: a value is never expanded again.  A new
 * string (caller frees) or NULL on allocation failure. */
char *a2_form_fill(const char *tmpl, const char *const *kv, size_t n);

/* The built-in schema (NUL-terminated RELAX NG text). */
const char *a2_form_schema(void);

#endif
