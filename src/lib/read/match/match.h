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
} a2_stream;

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
