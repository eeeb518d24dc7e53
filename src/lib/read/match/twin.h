/* read/match/twin.h -- what the matcher knows of a reply worded otherwise
 * than every wording of the consultation (twin.c): the two sentences of a
 * text's boxes found by their structure, and the language of a line by the
 * words only that language has. */
#ifndef A2_READ_TWIN_H
#define A2_READ_TWIN_H

#include <stddef.h>
#include "annex2/annex2.h"
#include "read/match/match.h"
#include "read/match/norm.h"

/* The words of every wording of a consultation, casefolded: its negations
 * (<meaning><negation>), and its vocabulary (every piece of the wording and
 * its <meaning> words).  NULL when out of memory. */
typedef struct a2_twins a2_twins;
a2_twins *a2_twins_new(const a2_form *form, a2_norm *norm);
void a2_twins_free(a2_twins *t);

/* The two sentences of one text's boxes in s->text[from, to), by their
 * structure: two blocks that each open (after at most a box) with a
 * sentence naming the Study Group (its number, before any parenthesis),
 * alike word for word but for a negation word of one language of the
 * consultation, which only one of them holds.  1 found: pos [*ps, *pe) the
 * positive one, neg [*ns, *ne) the negated one (each from its first word to
 * its parenthesis, colon or end of block), *lang the wording whose negation it is (-1 when
 * several languages share the word); 0 none, or more than one pair (nothing
 * can be trusted); -1 out of memory. */
int a2_twins_find(const a2_twins *t, const a2_stream *s, size_t from, size_t to,
                  size_t *ps, size_t *pe, size_t *ns, size_t *ne, int *lang);

/* The wording whose words only it has are the most in text[0, len): script
 * (Arabic, Cyrillic, Han: a script of one wording only), or a word of one
 * wording's vocabulary only.  -1 when none, or a tie. */
int a2_twins_lang(const a2_twins *t, const char *text, size_t len);

#endif
