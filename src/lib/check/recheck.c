/* check/recheck.c -- a record read back from JSON Lines is judged against
 * the round's data before it may be counted (SPEC: records fed back to
 * check/tally are validated).  Its shape was checked by the parser
 * (emit/json.c, forms/record.schema.json); here: does it belong to this
 * consultation's texts, is its sender a code the data knows, and what
 * follows from the data (membership, lateness, completeness) is worked out
 * again rather than believed. */
#include <string.h>

#include "core/util.h"
#include "check/validate.h"

int
a2_record_recheck(a2_record *r, const a2_form *form, const a2_states *states, a2_error *err)
{
	const a2_state *st;
	size_t i;

	if (r->is_error)
		return 0;
	if (r->consultation == NULL || strcmp(r->consultation, form->id) != 0)
		return 0;   /* another consultation's reply: the round leaves it out */
	if (r->n_texts != form->n_texts)
		return a2_error_set(err, A2_ERR_DATA,
		    "not a record of %s: it has %zu texts where the consultation has %zu",
		    form->id, r->n_texts, form->n_texts);
	for (i = 0; i < r->n_texts; i++)
		if (strcmp(r->texts[i].rec, form->texts[i].rec) != 0)
			return a2_error_set(err, A2_ERR_DATA,
			    "not a record of %s: text %zu is \"%.40s\" where the consultation has %s",
			    form->id, i + 1, r->texts[i].rec, form->texts[i].rec);
	if (r->ms_iso3 != NULL) {
		if ((st = a2_states_by_iso3(states, r->ms_iso3)) == NULL)
			return a2_error_set(err, A2_ERR_DATA,
			    "member_state.iso3 \"%s\" is neither an ITU Member State nor a known entity", r->ms_iso3);
		if (!st->member && !a2_record_has_problem(r, "non-member", NULL) &&
		    a2_record_add_problem(r, "non-member", NULL,
		    "sent by %s, which is not an ITU Member State: not counted", st->name) != 0)
			goto nomem;
		if (st->member && !a2_state_member_on(st, form->date) &&
		    !a2_record_has_problem(r, "non-member", NULL) &&
		    a2_record_add_problem(r, "non-member", NULL,
		    "%s joined ITU on %s, after the circular of %s: not counted",
		    st->name, st->member_since ? st->member_since : "?", form->date) != 0)
			goto nomem;
	}
	if (a2_validate(form, r) != 0)
		goto nomem;
	return 0;
nomem:
	return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
}
