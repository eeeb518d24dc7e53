/* read/match/pattern.c -- what every pattern of the matcher shares: compiling
 * (UTF, Unicode properties, caseless, JIT) and what a failed match means.
 * Used by the matcher (match.c, sender.c) and the date reader (dates.c),
 * neither of which depends on the other for it. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stdlib.h>

#include <pcre2.h>

/* Under valgrind the patterns are interpreted, not JIT-compiled: PCRE2's
 * JIT code reads whole words around the subject (its SIMD search for a
 * first character), which memcheck reports as "depends on uninitialised
 * value(s)" (a known false positive, PCRE2 issue 654), and the CLI is run
 * under valgrind by `make valgrindtest`.  valgrind.h (Debian package
 * valgrind) only where it is installed; without it the JIT is always on.
 * -DA2_JIT_UNDER_VALGRIND keeps the JIT on under valgrind, for callgrind's
 * profile of the matcher as it runs (tests/bench/README.md). */
#if defined(__has_include) && !defined(A2_JIT_UNDER_VALGRIND)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define UNDER_VALGRIND() (RUNNING_ON_VALGRIND != 0)
#endif
#endif
#ifndef UNDER_VALGRIND
#define UNDER_VALGRIND() 0
#endif

#include "core/util.h"
#include "read/match/pattern.h"

pcre2_code *
a2_pattern_compile(const char *pat, a2_error *err)
{
	return a2_pattern_compile_jit(pat, 1, err);
}

pcre2_code *
a2_pattern_compile_jit(const char *pat, int jit, a2_error *err)
{
	int ec;
	PCRE2_SIZE eo;
	/* Not PCRE2_MATCH_INVALID_UTF: with it, PCRE2_NO_UTF_CHECK is ignored
	 * and the interpreter checks the subject from the start offset to its
	 * end at every call, so that a scan finding k matches costs k times
	 * the text (5,000 lines matching a label by meaning: 4.4 s; 100,000:
	 * over 13 minutes).  The matcher's text is valid UTF-8 by construction
	 * (a2_stream_build), and a2_pattern_match() says so. */
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &ec, &eo, NULL);

	if (re == NULL) {
		PCRE2_UCHAR msg[200];
		pcre2_get_error_message(ec, msg, sizeof(msg));
		if (ec == PCRE2_ERROR_HEAP_FAILED)
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		else
			a2_error_set(err, A2_ERR_INTERNAL, "pattern \"%.100s\" at %zu: %s", pat, (size_t)eo, msg);
		return NULL;
	}
	/* Machine code for the pattern: the scans of every reply are most of
	 * the matcher's time, and the interpreter tries each candidate start
	 * (every 'a' of the text for "assigns ...") several times slower.
	 * Where the JIT is not there (or cannot take the pattern) pcre2_match
	 * interprets, with the same results: the failure is not an error. */
	if (jit && !UNDER_VALGRIND())
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

int
a2_pattern_match(const pcre2_code *re, const char *text, size_t len, size_t off,
    pcre2_match_data *md, pcre2_match_context *mctx, size_t *budget)
{
	size_t spent, stop;
	int n;

	/* never from or to the middle of a character */
	while (off < len && ((unsigned char)text[off] & 0xC0) == 0x80)
		off++;
	while (len > off && ((unsigned char)text[len] & 0xC0) == 0x80)
		len--;
	if (off > len)
		off = len;
	if (budget == NULL)
		return pcre2_match(re, (PCRE2_SPTR)text, len, off, PCRE2_NO_UTF_CHECK, md, mctx);
	if (*budget == 0)
		return PCRE2_ERROR_MATCHLIMIT;
	n = pcre2_match(re, (PCRE2_SPTR)text, len, off, PCRE2_NO_UTF_CHECK, md, mctx);
	stop = n >= 0 ? pcre2_get_ovector_pointer(md)[1] : len;
	spent = (stop > off ? stop - off : 0) + A2_SCAN_CALL_COST;
	*budget = spent >= *budget ? 0 : *budget - spent;
	return n;
}

/* What a failed pcre2_match() means for the caller: 0 no match; -1 out of
 * memory; -2 a limit (match, depth, heap, JIT stack) or an unusable
 * subject -- the text could not be searched to the end, and what was not
 * found there may be there all the same. */
int
a2_match_failure(int n)
{
	if (n == PCRE2_ERROR_NOMATCH)
		return 0;
	return n == PCRE2_ERROR_NOMEMORY ? -1 : -2;
}

