/* read/match/pattern.h -- the PCRE2 helpers of the matcher and the date reader
 * (pattern.c). */
#ifndef A2_READ_PATTERN_H
#define A2_READ_PATTERN_H

#include "annex2/annex2.h"

/* A pattern of the matcher compiled (UTF, Unicode properties, caseless,
 * invalid UTF matched as no character), JIT-compiled where it can be (not
 * under valgrind).  A pcre2_code * (the header needs no pcre2.h); NULL
 * with err set. */
struct pcre2_real_code_8;
struct pcre2_real_code_8 *a2_pattern_compile(const char *pat, a2_error *err);
/* The same, JIT-compiled only when jit is not 0: a pattern seldom matched
 * (the matcher's labels by meaning) spares the JIT's memory (its machine
 * code, a few pages a pattern, in every reader). */
struct pcre2_real_code_8 *a2_pattern_compile_jit(const char *pat, int jit, a2_error *err);

/* pcre2_match()'s negative result as 0 (no match), -1 (out of memory) or
 * -2 (a limit: the text could not be searched to the end). */
int a2_match_failure(int n);

#endif
