/*
 * annex2/check.h -- checking a round of replies and tallying it.
 *
 * Input: the records of a round (from the reader, or read back from JSON
 * Lines) and optionally the manifest of the forms sent.  The round pass
 * decides each reply's standing (counted, late, non-member, unknown sender,
 * superseded, duplicate, unreadable), who has not replied, and the tally per
 * text against the threshold (WTSA Resolution 1, clause 9.4; SPEC counting
 * rules).
 */
#ifndef ANNEX2_CHECK_H
#define ANNEX2_CHECK_H

#include <stddef.h>
#include "error.h"
#include "form.h"
#include "states.h"
#include "record.h"

typedef enum a2_standing {
	A2_SD_COUNTED = 0,
	A2_SD_LATE,          /* dated after the deadline */
	A2_SD_NON_MEMBER,    /* a non-member entity, or not a member on the circular's date */
	A2_SD_UNKNOWN,       /* sender unknown or disputed */
	A2_SD_SUPERSEDED,    /* a later reply of the same Member State stands */
	A2_SD_DUPLICATE,     /* two replies of one Member State with the same date that differ */
	A2_SD_UNREADABLE,    /* an error record */
	A2_SD_OTHER          /* a reply to another consultation */
} a2_standing;

/* "counted" "late" "non-member" "unknown-sender" "superseded" "duplicate"
 * "unreadable" "other-consultation" */
const char *a2_standing_name(a2_standing s);

typedef struct a2_text_tally {
	const char *rec, *alias;   /* from the form */
	size_t counted, assigns, does_not_assign, undecided, not_counted;
	double support;            /* assigns / counted; 1.0 when counted is 0 */
	const char *outcome;       /* "met", "not-met", "at-risk" */
} a2_text_tally;

typedef struct a2_round {
	const a2_form *form;
	const a2_states *states;           /* for names in reports; may be NULL (set by the caller) */
	a2_record *recs;   size_t n;       /* owned: a2_round_free clears them */
	a2_standing *standing;             /* one per record */
	size_t *superseded_by;             /* index of the standing reply, or (size_t)-1 */
	char **expected;   size_t n_expected;   /* ISO3 codes of the manifest (owned) */
	char **missing;    size_t n_missing;    /* expected but no readable reply (owned) */
	a2_text_tally *texts; size_t n_texts;
	size_t counted, not_counted, unreadable, complete;
	/* the same file met again (same sha256, whatever its path): read once,
	 * the repeat left out of recs[] and named here (owned) */
	struct a2_repeat { char *file; size_t same_as; } *repeats; size_t n_repeats;
	/* the mail round: the sent.jsonl log (set by the caller, not owned; may
	 * be NULL): check and report show per state sent, replied, reminded */
	const struct a2_sent *sent; size_t n_sent;
} a2_round;

/* Loads the ISO3 column of a manifest.csv written by `annex2 generate`
 * (unique codes, in order).  Caller frees with a2_strv_free(). */
char **a2_manifest_load(const char *path, size_t *n, a2_error *err);
void a2_strv_free(char **v, size_t n);

/* Judges a record read back from JSON Lines (a2_record_from_json has
 * checked its shape) against the round's data before it may be counted:
 * the texts must be the consultation's own, in its order, and the Member
 * State a code the data knows.  The facts that follow from the data are
 * then worked out again rather than taken from the line: membership on the
 * circular's date (a non-member problem), lateness, completeness.  A record
 * of another consultation is left as it is (the round does not count it).
 * 0, or -1 with err: A2_ERR_DATA (why the record is refused) or NOMEM. */
int a2_record_recheck(a2_record *r, const a2_form *form, const a2_states *states, a2_error *err);

/* Takes ownership of recs[0..n) (the array too), decides standings, the
 * missing list and the tally.  expected may be NULL.  The caller frees the
 * round with a2_round_free().  NULL on allocation failure. */
a2_round *a2_round_new(const a2_form *form, a2_record *recs, size_t n,
                       char **expected, size_t n_expected, a2_error *err);
void a2_round_free(a2_round *r);

/* Outcome of one text from its counts (exposed for the counting tests):
 * "met" when support >= threshold (or nothing counted), "not-met" below,
 * "at-risk" when the undecided replies, read either way, could change it. */
const char *a2_outcome(size_t assigns, size_t does_not_assign, size_t undecided, double threshold);

/* The tally as JSON (SPEC `annex2 tally --json`); caller frees. */
char *a2_round_tally_json(const a2_round *r);
/* The check as JSON (`annex2 check --json`); caller frees. */
char *a2_round_check_json(const a2_round *r);

/* Reports: one file each, same contract (emit/report_html.c, report_xlsx.c). */
int a2_report_html(const a2_round *r, const char *path, a2_error *err);
int a2_report_xlsx(const a2_round *r, const char *path, a2_error *err);

#endif
