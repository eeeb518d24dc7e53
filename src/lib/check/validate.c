/* check/validate.c -- the validation pass over one record: signed, dated,
 * on time, complete.  Separate from reading: it sees only the record. */
#include <string.h>

#include "core/util.h"
#include "check/validate.h"

int
a2_validate(const a2_form *form, a2_record *r)
{
	size_t i;
	int complete = 1;

	if (r->is_error) {
		r->complete = 0;
		return 0;
	}
	/* a scan's handwritten name is not read: the ink of its signature says */
	if (r->sig_name == NULL && r->sig_signed != 1 && !a2_record_has_problem(r, "unsigned", NULL) &&
	    a2_record_add_problem(r, "unsigned", NULL, "no signatory name (still \"[Name]\")") != 0)
		return -1;
	if (r->sig_date == NULL && !a2_record_has_problem(r, "undated", NULL) &&
	    !a2_record_has_problem(r, "ambiguous-date", NULL) &&
	    a2_record_add_problem(r, "undated", NULL, "no date: counted, but the date of receipt decides lateness") != 0)
		return -1;
	if (r->message != NULL && r->message->received != NULL && form->deadline != NULL) {
		/* the mail round: receipt decides (SPEC counting rules; both are
		 * UTC "YYYY-MM-DDTHH:MM:SSZ"), a signature date only informs */
		if (strcmp(r->message->received, form->deadline) > 0 && !a2_record_has_problem(r, "late", NULL) &&
		    a2_record_add_problem(r, "late", NULL, "received %s, after the deadline of %s: not counted",
		    r->message->received, form->deadline) != 0)
			return -1;
		if (r->sig_date != NULL && strncmp(r->sig_date, r->message->received, 10) > 0 &&
		    !a2_record_has_problem(r, "date-after-receipt", NULL) &&
		    a2_record_add_problem(r, "date-after-receipt", NULL, "dated %s, after it was received (%.10s)",
		    r->sig_date, r->message->received) != 0)
			return -1;
	}
	if (r->message != NULL && r->ms_iso3 != NULL && !a2_record_has_problem(r, "address-mismatch", NULL)) {
		const char *c = r->message->contact_of, *p;
		int listed = 0;
		for (p = c; p != NULL && (p = strstr(p, r->ms_iso3)) != NULL; p += 3)
			listed = 1;
		if (c != NULL && !listed &&
		    a2_record_add_problem(r, "address-mismatch", NULL, "sent from %s, not an address of %s in the contacts",
		    r->message->from ? r->message->from : "an unknown address", r->ms_iso3) != 0)
			return -1;
		if (r->message->replies_to != NULL && strcmp(r->message->replies_to, r->ms_iso3) != 0 &&
		    !a2_record_has_problem(r, "address-mismatch", NULL) &&
		    a2_record_add_problem(r, "address-mismatch", NULL, "answers the message sent to %s, not to %s",
		    r->message->replies_to, r->ms_iso3) != 0)
			return -1;
	}
	/* the deadline is a UTC instant; a date on the form has no time, so a
	 * reply dated the deadline's own day is on time */
	if ((r->message == NULL || r->message->received == NULL) &&
	    r->sig_date != NULL && form->deadline != NULL && strncmp(r->sig_date, form->deadline, 10) > 0 &&
	    !a2_record_has_problem(r, "late", NULL) &&
	    a2_record_add_problem(r, "late", NULL, "dated %s, after the deadline of %.10s: not counted",
	    r->sig_date, form->deadline) != 0)
		return -1;
	for (i = 0; i < r->n_texts; i++) {
		const a2_answer *a = &r->texts[i];
		if (a->status != A2_ST_OK)
			complete = 0;
		if (a->authority == A2_AUTH_ASSIGNS && a->comments == A2_COM_NULL)
			complete = 0;
	}
	if (r->ms_iso3 == NULL || r->sig_name == NULL || r->sig_date == NULL ||
	    a2_record_has_problem(r, "non-member", NULL) || a2_record_has_problem(r, "sender-mismatch", NULL) ||
	    a2_record_has_problem(r, "damaged-part", NULL) || a2_record_has_problem(r, "signature-invalid", NULL) ||
	    a2_record_has_problem(r, "image-only", NULL))
		complete = 0;
	r->complete = complete;
	return 0;
}
