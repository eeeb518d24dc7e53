/*
 * annex2/annex2.h -- umbrella header of libannex2.
 *
 * libannex2 generates Annex 2 reply forms for an ITU Member State
 * consultation and reads the returned documents into records.
 *
 * Memory rule: the library never aborts and never prints.  A call that fails
 * returns NULL or -1 and fills the a2_error passed to it.  Every _free()
 * accepts NULL.  Objects returned by _new/_load/_open belong to the caller.
 */
#ifndef ANNEX2_H
#define ANNEX2_H

#define ANNEX2_VERSION "0.1.0"

#include "error.h"
#include "form.h"
#include "states.h"
#include "doc.h"
#include "record.h"
#include "generate.h"
#include "read.h"
#include "check.h"
#include "mail.h"
#include "review.h"
#include "render.h"

#endif
