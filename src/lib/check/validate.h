/* check/validate.h -- the validation pass over a record. */
#ifndef A2_CHECK_VALIDATE_H
#define A2_CHECK_VALIDATE_H

#include "annex2/annex2.h"

/* Adds unsigned / undated / late problems and sets r->complete.
 * Idempotent.  0, or -1 on allocation failure. */
int a2_validate(const a2_form *form, a2_record *r);

#endif
