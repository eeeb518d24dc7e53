/* tests/unit/testutil.h -- common includes and helpers of the cmocka tests. */
#ifndef A2_TESTUTIL_H
#define A2_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "annex2/annex2.h"

/* Reads a whole file into memory (test helper; fails the test on error). */
static inline unsigned char *
t_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *p = NULL;
	size_t cap = 0, n = 0, got;

	if (fp == NULL)
		fail_msg("cannot open %s", path);
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			p = realloc(p, cap);
			assert_non_null(p);
		}
		got = fread(p + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	fclose(fp);
	*len = n;
	return p;
}

/* The shared reference folder (real office files from other projects), or
 * NULL when it is not beside the project: tests that need it skip. */
static inline const char *
t_shared(void)
{
	const char *env = getenv("ANNEX2_SHARED");
	if (env != NULL && *env != '\0')
		return access(env, R_OK) == 0 ? env : NULL;
	return access("../shared/reference", R_OK) == 0 ? "../shared" : NULL;
}

#endif
