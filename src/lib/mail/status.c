/* mail/status.c -- per Member State: sent, reminded, replied (check and
 * report show it when the round has its sent.jsonl). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "annex2/annex2.h"
#include "core/util.h"

static void
fill(a2_mail_row *w, const a2_round *R, const char *iso3)
{
	size_t i;
	const a2_record *best = NULL;
	int best_counted = 0;

	memset(w, 0, sizeof(*w));
	w->iso3 = iso3;
	for (i = 0; i < R->n_sent; i++) {
		const a2_sent *s = &R->sent[i];
		if (strcasecmp(s->iso3, iso3) != 0)
			continue;
		if (strcmp(s->kind, "reminder") == 0) {
			w->reminded = s->time;
			w->n_reminders++;
		} else {
			w->sent = s->time;
		}
	}
	/* the reply that stands, else the latest one received */
	for (i = 0; i < R->n; i++) {
		const a2_record *r = &R->recs[i];
		int counted = R->standing[i] == A2_SD_COUNTED;
		if (r->ms_iso3 == NULL || strcmp(r->ms_iso3, iso3) != 0 || r->message == NULL)
			continue;
		if (best == NULL || (counted && !best_counted) ||
		    (counted == best_counted && r->message->received && best->message->received &&
		     strcmp(r->message->received, best->message->received) > 0)) {
			best = r;
			best_counted = counted;
		}
	}
	if (best != NULL) {
		w->replied = best->message->received;
		w->from = best->message->from;
		w->smime = best->message->smime;
	}
}

const char *
a2_smime_word(const a2_smime *s)
{
	if (s == NULL)
		return "-";
	return !s->valid ? "invalid" : s->covers ? "valid" : "valid*";
}

a2_mail_row *
a2_mail_rows(const a2_round *R, size_t *n)
{
	a2_mail_row *v;
	size_t i, k = 0;

	*n = 0;
	if (R == NULL || R->sent == NULL)
		return NULL;
	if (R->n_expected > 0) {
		if ((v = calloc(R->n_expected, sizeof(*v))) == NULL)
			return NULL;
		for (i = 0; i < R->n_expected; i++)
			fill(&v[k++], R, R->expected[i]);
	} else {
		if ((v = calloc(R->n_sent ? R->n_sent : 1, sizeof(*v))) == NULL)
			return NULL;
		for (i = 0; i < R->n_sent; i++) {
			size_t j;
			int dup = 0;
			for (j = 0; j < k && !dup; j++)
				dup = strcasecmp(v[j].iso3, R->sent[i].iso3) == 0;
			if (!dup)
				fill(&v[k++], R, R->sent[i].iso3);
		}
	}
	*n = k;
	return v;
}
