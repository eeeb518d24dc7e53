/* review/msgs.h -- internal to review/: the lists of refused lines and
 * warnings kept in an a2_decisions. */
#ifndef A2_REVIEW_MSGS_H
#define A2_REVIEW_MSGS_H

#include "annex2/review.h"

/* Appends (line, msg) to the list *v of *n (capacity *cap), taking msg
 * (freed on failure; NULL is a failure).  0, or -1 when out of memory. */
int a2_review_msg_add(a2_review_msg **v, size_t *n, size_t *cap, size_t line, char *msg);

#endif
