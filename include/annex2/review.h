/*
 * annex2/review.h -- the decisions a person took on what the reader could
 * not settle (SPEC `annex2 review`), kept as data.
 *
 * A decisions file is JSON Lines, append-only, one decision a line:
 *
 *   {"sha256": "…64 hex…", "text": "X.1237", "decision": "assigns",
 *    "comments": "none", "who": "Ana Silva", "when": "2024-08-22T10:04:00Z",
 *    "why": "tick clearly in the box on the scan", "file": "returns/FRA.docx"}
 *
 *  - "text": a Recommendation of the consultation, or "sender";
 *  - "decision" for a text: "assigns" (with "comments": "none"|"attached"),
 *    "does-not-assign", or "not-counted" (this text of this reply is left
 *    out of the tally); for "sender": an ISO 3166 alpha-3 code of the
 *    Member State that sent it, or "not-counted" (the reply is not counted);
 *  - "who" (a name), "when" (UTC, YYYY-MM-DDTHH:MM:SSZ), "why" (may be "");
 *  - "file" is for people only; the reply is known by its sha256.
 *
 * A later line for the same reply and text replaces an earlier one (the
 * file keeps the whole history); when that line cannot be applied (a text
 * or a Member State the round does not know) it is said, and the reader's
 * verdict stands.  A line that is not a decision at all (bad JSON, a word
 * out of place, a line cut short) is refused and replaces nothing.  Decisions are applied over the reader's
 * records in memory: the reader's verdict stays visible (a "decided"
 * problem says what the reader said and what was decided, by whom, when
 * and why) and the reader's own records are never rewritten.
 *
 * Memory: as everywhere in libannex2 (never aborts, never prints, every
 * _free accepts NULL).
 */
#ifndef ANNEX2_REVIEW_H
#define ANNEX2_REVIEW_H

#include <stddef.h>
#include "error.h"
#include "form.h"
#include "states.h"
#include "record.h"
#include "doc.h"
#include "check.h"

/* Limits on a decisions file (hostile input is normal input). */
#define A2_DECISIONS_MAX_FILE  ((size_t)64 << 20)   /* bytes */
#define A2_DECISION_MAX_LINE   16384                /* bytes per line */
#define A2_DECISION_MAX_WHO    200                  /* bytes */
#define A2_DECISION_MAX_WHY    4000                 /* bytes */

typedef struct a2_decision {
	char sha256[65];
	char *text;          /* a Recommendation ("X.1237") or "sender" */
	char *decision;      /* "assigns" "does-not-assign" "not-counted", or an ISO3 for sender */
	a2_comments comments;/* for "assigns": NONE or ATTACHED; NULL otherwise */
	char *who, *when, *why;
	char *file;          /* informational, may be NULL */
	size_t line;         /* line in its file (1-based), 0 when not from a file */
} a2_decision;

typedef struct a2_review_msg {
	size_t line;         /* line of the decisions file, 0 when none */
	char *message;
} a2_review_msg;

typedef struct a2_decisions {
	a2_decision *v;  size_t n, cap;
	a2_review_msg *bad;  size_t n_bad, cap_bad;     /* lines refused by the loader */
	a2_review_msg *warn; size_t n_warn, cap_warn;   /* from a2_decisions_apply() */
} a2_decisions;

/* 1 when s is "sender". */
int a2_decision_is_sender(const a2_decision *d);

/* Checks a decision's shape (not the round): sha256 64 lowercase hex, text
 * and decision words, comments only with assigns, who non-empty, when a UTC
 * time, sizes within the limits, UTF-8 without control characters.
 * 0, or -1 with err (A2_ERR_DATA: why). */
int a2_decision_check(const a2_decision *d, a2_error *err);

/* Parses one line (not NUL-terminated: len bytes) into *d (zeroed first),
 * then a2_decision_check().  0 or -1 (A2_ERR_DATA, A2_ERR_NOMEM).  On
 * failure *d holds nothing to free. */
int a2_decision_parse(a2_decision *d, const char *line, size_t len, a2_error *err);
void a2_decision_clear(a2_decision *d);

/* One line of JSON, no '\n'; caller frees.  NULL when out of memory. */
char *a2_decision_to_json(const a2_decision *d);

/* "YYYY-MM-DDTHH:MM:SSZ" of now (UTC) into out. */
void a2_utc_now(char out[21]);

/* Loads a decisions file.  A file that does not exist is an empty list.
 * A line that cannot be used is kept in D->bad (line number and why) and
 * left out; a last line without its newline (a write cut short) too.
 * NULL (with err) only when the file cannot be read, is over the limit,
 * or memory runs out. */
a2_decisions *a2_decisions_load(const char *path, a2_error *err);
a2_decisions *a2_decisions_new(a2_error *err);
void a2_decisions_free(a2_decisions *D);

/* Appends one decision (checked first) to path as one line: the file is
 * created (0644) when absent, locked (flock, exclusive) for the append, a
 * newline is put first when a cut-short line ends the file, the line goes
 * in one write(), and the file is synced before the lock is let go, so
 * that two writers at once lose nothing and a crash leaves at worst one
 * cut line that the loader refuses.  0 or -1 with err. */
int a2_decisions_append(const char *path, const a2_decision *d, a2_error *err);

/* The decision that stands for (sha256, text): the last line for it, or
 * NULL. */
const a2_decision *a2_decisions_find(const a2_decisions *D, const char *sha256, const char *text);

/* Applies the standing decisions over recs[0..n) in memory (records of
 * form; states names the Member States).  For a text: the answer becomes
 * the decision (status ok), the reader's problems of that text go, or with
 * "not-counted" a "not-counted" problem leaves the text out of the tally.
 * For the sender: the Member State becomes the one decided (source
 * "review") and the sender problems go, or with "not-counted" a
 * "not-counted" problem (rec NULL) makes the reply not counted.  Every
 * decision applied adds a "decided" problem (a note) saying what the
 * reader said and who decided what, when and why; membership, lateness
 * and completeness are then worked out again.  A decision for a reply not
 * in recs, or for a text the consultation does not have, or a Member State
 * the data does not know, goes to D->warn (previous warnings are cleared).
 * 0, or -1 (A2_ERR_NOMEM). */
int a2_decisions_apply(a2_decisions *D, const a2_form *form, const a2_states *states,
                       a2_record *recs, size_t n, a2_error *err);

/* What needs a person, in the reader's own records (before decisions):
 * per reply, each text whose status is not ok or whose option is not
 * decided (conflict, unclear, inferred, missing, option-*), and a sender
 * problem (unknown-sender, sender-mismatch, non-member, or no Member
 * State).  Error records and replies to another consultation need no
 * decision (nothing of them is counted). */
typedef struct a2_review_item {
	size_t rec;          /* index in recs */
	const char *text;    /* the Recommendation (the record's string), or "sender" */
	const char *reader;  /* what the reader said: "unclear", "conflict", "sender-mismatch", ... */
	const char *message; /* the reader's problem message, or NULL */
	const a2_decision *decided;   /* the decision standing, or NULL */
} a2_review_item;

/* A new array (caller frees with free()); *n_items set.  NULL with err
 * only when out of memory (an empty list is a non-NULL array). */
a2_review_item *a2_review_items(const a2_form *form, const a2_record *recs, size_t n,
                                const a2_decisions *D, size_t *n_items, a2_error *err);

/* Problem codes a decision adds (notes, not errors). */
#define A2_PROBLEM_DECIDED     "decided"
#define A2_PROBLEM_NOT_COUNTED "not-counted"

/* 1 when a problem code is a note or a warning that does not make a reply
 * wrong ("inferred", "undated", "decided"). */
int a2_problem_is_warning(const char *code);

/* ---- the review web page (review/page.c); the CLI serves the strings ---- */

/* The evidence of one text ("sender": the sender's paragraphs and the
 * signature) in a lowered DOCX/ODT: the paragraphs with their marks as
 * `read --dump` sees them, as an HTML fragment (every string escaped).
 * Caller frees; NULL when out of memory. */
char *a2_review_evidence_html(const a2_doc *doc, const a2_form *form, const char *text);
/* The blocks that evidence shows, in order: their indices into out[0..max)
 * (the count is returned even past max). */
size_t a2_review_evidence_blocks(const a2_doc *doc, const a2_form *form, const char *text, size_t *out, size_t max);

/* The evidence of item (rec, text), or NULL when there is none. */
typedef const char *(*a2_review_evidence_fn)(void *ctx, size_t rec, const char *text);

typedef struct a2_review_page {
	const a2_round *reader;     /* the reader's round: records as read, no decision applied */
	const a2_round *decided;    /* the same with the decisions (the live tally); may be NULL */
	const a2_decisions *D;      /* the decisions standing */
	const char *who;            /* the reviewer's name to start with */
	const char *decisions_path; /* shown at the foot */
	const char *note;           /* a line to show at the top, or NULL */
	a2_review_evidence_fn evidence;
	void *ctx;
	unsigned long version;      /* the decisions' version (see "version" below); 0: no live refresh */
} a2_review_page;

/* The review page: what needs a decision grouped by reply, each with the
 * reader's verdict, the evidence, the decision standing and a form to
 * decide (POST "decide": sha256, text, decision, who, why, iso3, next).
 * No inline script or style: it loads "app.js" and "style.css" beside it.
 * Caller frees; NULL with err when out of memory. */
char *a2_review_page_html(const a2_review_page *p, a2_error *err);
/* Live refresh: a page made at version V (> 0) carries it
 * (<span id="live" data-version="V">) and its script asks "version" beside
 * it every 2 s; when the answer differs (a decision saved by another window
 * or by `review --set`), the page is loaded again -- once the reviewer is
 * not typing a reason or a code -- on the item that had the focus. */

/* The dashboard: the HTML report of the round with the decisions applied
 * (the live tally, every reply, who has not replied), with a way back. */
char *a2_review_dashboard_html(const a2_round *decided, unsigned long version, a2_error *err);

/* The page's style sheet and script: new strings (caller frees), NULL
 * when out of memory. */
char *a2_review_css(void);
char *a2_review_js(void);

#endif
