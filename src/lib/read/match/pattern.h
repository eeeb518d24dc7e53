/* read/match/pattern.h -- the PCRE2 helpers of the matcher and the date reader
 * (pattern.c). */
#ifndef A2_READ_PATTERN_H
#define A2_READ_PATTERN_H

#include "annex2/annex2.h"

/* A pattern of the matcher compiled (UTF, Unicode properties, caseless,
 * matched on valid UTF-8 only: a2_pattern_match), JIT-compiled where it can be (not
 * under valgrind).  A pcre2_code * (the header needs no pcre2.h); NULL
 * with err set. */
struct pcre2_real_code_8;
struct pcre2_real_code_8 *a2_pattern_compile(const char *pat, a2_error *err);
/* The same, JIT-compiled only when jit is not 0: a pattern seldom matched
 * may spare the JIT's memory (its machine code, a few pages a pattern, in
 * every reader).  The date patterns are JIT-compiled since issue 18's
 * eighth round (interpreted, they cost 8 times more). */
struct pcre2_real_code_8 *a2_pattern_compile_jit(const char *pat, int jit, a2_error *err);

/* pcre2_match() of re on text[0, len) from off, without checking the
 * text's UTF-8 again: text must be valid UTF-8 (the matcher's stream is,
 * a2_stream_build) and text[len] readable (the stream ends with a NUL);
 * off and len are moved off the middle of a character.  pcre2_match()'s
 * result.  Each call costs what it scans from off, not the whole rest of
 * the text.
 *
 * budget (NULL: none) is what is left of the document's scanning budget
 * (a2_stream.budget): each call spends the bytes it scanned (from off to
 * the match's end, or to len) and A2_SCAN_CALL_COST more; a call when
 * nothing is left is not made, and gives PCRE2_ERROR_MATCHLIMIT (a limit,
 * a2_match_failure() -2).  So is the whole of a document's matching
 * bounded, not only each attempt: many cheap attempts (a million lines
 * each a label by meaning) end as an error record `limit`. */
#define A2_SCAN_CALL_COST 64
struct pcre2_real_match_data_8;
struct pcre2_real_match_context_8;
int a2_pattern_match(const struct pcre2_real_code_8 *re, const char *text, size_t len, size_t off,
                     struct pcre2_real_match_data_8 *md, struct pcre2_real_match_context_8 *mctx,
                     size_t *budget);

/* pcre2_match()'s negative result as 0 (no match), -1 (out of memory) or
 * -2 (a limit: the text could not be searched to the end). */
int a2_match_failure(int n);

#endif
