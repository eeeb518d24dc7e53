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


/* The stream reads what the tree walk reads (issue 18): doc (err) of the
 * stream and tree (terr) of the tree walk of one file are the same model,
 * or the same error.  Frees tree. */
static inline void
t_same_as_tree(const a2_doc *doc, const a2_error *err, a2_doc *tree, const a2_error *terr)
{
	assert_int_equal(doc != NULL, tree != NULL);
	if (doc != NULL) {
		char *a = a2_doc_dump(doc), *b = a2_doc_dump(tree);
		assert_non_null(a);
		assert_non_null(b);
		assert_string_equal(a, b);
		free(a);
		free(b);
	} else {
		assert_int_equal(err->code, terr->code);
		assert_string_equal(err->message, terr->message);
	}
	a2_doc_free(tree);
}

/* The shipped consultation, the Member States and a reader over them, made
 * once for a group of tests: the cmocka group setup and teardown of the
 * tests that read documents (test_match, test_pdf, test_lang). */
typedef struct t_world {
	a2_form *form;
	a2_states *states;
	a2_reader *reader;
} t_world;

static inline t_world *
t_world_get(void)
{
	static t_world w;
	return &w;
}

static inline int
t_world_setup(void **state)
{
	t_world *w = t_world_get();
	a2_error err;

	(void)state;
	a2_error_clear(&err);
	w->form = a2_form_load(NULL, &err);
	w->states = a2_states_load(NULL, NULL, &err);
	w->reader = w->form && w->states ? a2_reader_new(w->form, w->states, &err) : NULL;
	return w->reader != NULL ? 0 : -1;
}

static inline int
t_world_teardown(void **state)
{
	t_world *w = t_world_get();

	(void)state;
	a2_reader_free(w->reader);
	a2_states_free(w->states);
	a2_form_free(w->form);
	return 0;
}

#endif
