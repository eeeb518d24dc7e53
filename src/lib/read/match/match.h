/* read/match/match.h -- the matcher's internal interface: format-neutral code
 * that turns a lowered a2_doc into answers, sender and signatory. */
#ifndef A2_READ_MATCH_H
#define A2_READ_MATCH_H

#include <stddef.h>
#include "annex2/annex2.h"

/* The document flattened: block texts, normalised as the wording is
 * (read/match/norm.c), joined with '\n', one flag byte per
 * text byte (A2_SF_*), and every mark at a global offset. */
typedef struct a2_smark {
	size_t pos, end;      /* [pos, end): the glyph's bytes for glyph marks; pos==end for controls */
	size_t block;
	a2_mark_kind kind;
	a2_tri state;
	unsigned flags;       /* A2_MF_* */
	int typed;            /* a typed X / [X] / |X| rather than a symbol */
	int label;            /* index of the label it is tied to, -1 if none */
	const char *name;
} a2_smark;

typedef struct a2_stream {
	char *text;
	size_t len;
	unsigned char *flags;
	size_t *bstart;       /* global offset of each block */
	size_t n_blocks;
	a2_smark *marks;
	size_t n_marks, cap_marks;
	int latin;            /* no Cyrillic, Arabic or East Asian letter in the text */
	int set;              /* the patterns the labels were found with (match.c) */
	/* The document's scanning budget (a2_pattern_match): what is left in
	 * scan_left, through budget (= &scan_left, set by a2_stream_build), so
	 * that the scans of a const a2_stream spend it too.  A2_SCAN_BUDGET
	 * bytes to start with. */
	size_t scan_left;
	size_t *budget;
} a2_stream;

/* A document's scanning budget (the whole of its matching: every scan of
 * every pattern), in bytes scanned (read/match/pattern.h) plus
 * A2_SCAN_LINE_COST for each line start a scan passes (match.c): a line
 * start is where the labels by meaning are tried, each attempt some 200 ns
 * against some 0.6 ns a byte skipped.  1.5 GiB: a text of 400,000 lines,
 * each an attempt of a label by meaning, spends it in under 2 s of CPU
 * (tests/hostile: budget-*); the 30 MB reply spends 0.33 GiB, the
 * 2,000-page annex 0.70 GiB, the most of the hostile documents read
 * (240,000 "Administration of" lines) 1.1 GiB. */
#define A2_SCAN_BUDGET ((size_t)3 << 29)
#define A2_SCAN_LINE_COST 256

int a2_stream_build(a2_stream *s, const a2_doc *doc);
void a2_stream_free(a2_stream *s);
size_t a2_stream_block_of(const a2_stream *s, size_t pos);
size_t a2_stream_block_end(const a2_stream *s, size_t block);

/* Compiled patterns for one consultation (built once per reader). */
typedef struct a2_patterns a2_patterns;
a2_patterns *a2_patterns_new(const a2_form *form, a2_error *err);
void a2_patterns_free(a2_patterns *p);

/* Decides the answers of every text into rec->texts (allocated here) and
 * adds the per-text problems; doc (may be NULL) is asked about boxes drawn
 * before labels that have no mark (doc->probe).  0, -1 (allocation) or -2 (the text could
 * not be searched within the matcher's limits: no answer can be trusted). */
int a2_match_answers(const a2_patterns *p, const a2_form *form, const a2_doc *doc, a2_stream *s,
                     a2_record *rec);

/* Sender (metadata and visible "Administration of ..."), signatory, place
 * and date, and the problems they raise. 0, -1 or -2 (as above). */
int a2_match_sender(const a2_patterns *p, const a2_form *form, const a2_states *states,
                    const a2_doc *doc, const a2_stream *s, a2_record *rec);

/* Finding fixed phrases of the form's wording. */
typedef enum a2_pat { A2_PAT_ADMIN, A2_PAT_CLOSING, A2_PAT_DATE, A2_PAT_FROM, A2_PAT__COUNT } a2_pat;

/* Next match of a phrase in s->text[0, len) at or after from; 1 found (start/end of the match,
 * and for A2_PAT_ADMIN the captured name in cstart/cend), 0 not found, -1
 * out of memory, -2 a matching limit. */
int a2_pattern_next(const a2_patterns *p, a2_pat which, const a2_stream *s, size_t len,
                    size_t from, size_t *start, size_t *end, size_t *cstart, size_t *cend);

/* The date patterns of a reader's patterns (read/dates.h). */
struct a2_datepat;
const struct a2_datepat *a2_patterns_dates(const a2_patterns *p);

#endif
