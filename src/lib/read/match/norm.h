/* read/match/norm.h -- the matcher's text normalisation (utf8proc; norm.c). */
#ifndef A2_READ_NORM_H
#define A2_READ_NORM_H

#include <stddef.h>
#include "core/util.h"

/* A normaliser with its scratch buffers: one per reader, not shared
 * between threads.  NULL when out of memory. */
typedef struct a2_norm a2_norm;
a2_norm *a2_norm_new(void);
void a2_norm_free(a2_norm *n);

/* Appends the normal form of in[0..len) to out: NFKC; Arabic tatweel and
 * harakat, bidi controls and other format characters left out; decimal
 * digits of every script as ASCII digits.  Bad UTF-8 becomes U+FFFD.
 * ASCII is copied as it is.  0, or -1 (out of memory). */
int a2_norm_text(a2_norm *n, const char *in, size_t len, a2_buf *out);
/* The same for a NUL-terminated string; a new string or NULL. */
char *a2_norm_str(a2_norm *n, const char *in);

#endif
