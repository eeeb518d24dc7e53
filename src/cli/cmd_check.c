/* cli/cmd_check.c -- annex2 check: completeness of a round. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/round.h"

static const char help[] =
"usage: annex2 check [--json] [--manifest FILE] [--decisions FILE] [--form FILE] [--states FILE]\n"
"                    PATH...\n"
"\n"
"Checks a round of replies: which are complete, which are not and why (one line\n"
"per problem, with the file and the text), replies from unknown senders or\n"
"non-members, two replies of one Member State (the later-dated stands), late\n"
"replies, unreadable files, and -- with the manifest written by `annex2 generate`\n"
"-- the Member States that have not replied.\n"
"\n"
"  PATH             returned documents, folders of them, or JSON Lines from `annex2 read`\n"
"  --manifest FILE  manifest.csv of the forms sent (lists who has not replied)\n"
"  --json           one JSON object for machines instead of the table\n"
"  --sent FILE      sent.jsonl of `annex2 mail` (default: the one beside the\n"
"                   manifest): per state, when it was sent, reminded, replied\n"
"  --decisions FILE a reviewer's decisions (`annex2 review`), applied over the\n"
"                   reader's verdicts and shown beside them (default: decisions.jsonl\n"
"                   beside the records file, when there is one); --no-decisions: none\n"
"  --form FILE, --states FILE   as for `annex2 read`\n"
"\n"
"Exit status: 0 every reply complete and everyone replied, 1 otherwise, 2 usage error.\n";

/* The mail round: per state sent, reminded, replied (with the log). */
static void
mail_table(const a2_round *R)
{
	size_t n, i;
	a2_mail_row *w = a2_mail_rows(R, &n);

	if (w == NULL)
		return;
	printf("\nMail (%zu states):\n%-4s  %-20s  %-20s  %-20s  %-7s  %s\n", n, "ISO3", "SENT", "REMINDED", "REPLIED",
	    "S/MIME", "FROM");
	for (i = 0; i < n; i++)
		printf("%-4s  %-20s  %-20s  %-20s  %-7s  %s\n", w[i].iso3, w[i].sent ? w[i].sent : "-",
		    w[i].reminded ? w[i].reminded : "-", w[i].replied ? w[i].replied : "-", a2_smime_word(w[i].smime),
		    w[i].from ? w[i].from : "-");
	free(w);
}

/* check --json with the log: a "mail" array added (NULL stays NULL). */
static char *
mail_json(const a2_round *R, char *json)
{
	size_t n, i;
	a2_mail_row *w;
	json_t *o, *a;
	char *out;

	if (json == NULL || (w = a2_mail_rows(R, &n)) == NULL)
		return json;
	o = json_loads(json, 0, NULL);
	a = json_array();
	for (i = 0; o != NULL && a != NULL && i < n; i++) {
		json_t *x = json_object();
		json_object_set_new(x, "iso3", json_string(w[i].iso3));
		json_object_set_new(x, "sent", w[i].sent ? json_string(w[i].sent) : json_null());
		json_object_set_new(x, "reminded", w[i].reminded ? json_string(w[i].reminded) : json_null());
		json_object_set_new(x, "reminders", json_integer((json_int_t)w[i].n_reminders));
		json_object_set_new(x, "replied", w[i].replied ? json_string(w[i].replied) : json_null());
		json_object_set_new(x, "from", w[i].from ? json_string(w[i].from) : json_null());
		if (w[i].smime != NULL) {
			json_t *g = json_object();
			json_object_set_new(g, "signer", w[i].smime->signer ? json_string(w[i].smime->signer) : json_null());
			json_object_set_new(g, "valid", json_boolean(w[i].smime->valid));
			json_object_set_new(g, "covers_document", json_boolean(w[i].smime->covers));
			json_object_set_new(g, "message", w[i].smime->message ? json_string(w[i].smime->message) : json_null());
			json_object_set_new(x, "smime", g);
		} else {
			json_object_set_new(x, "smime", json_null());
		}
		json_array_append_new(a, x);
	}
	free(w);
	if (o == NULL || a == NULL || json_object_set_new(o, "mail", a) != 0) {
		json_decref(o);
		free(json);
		return NULL;
	}
	out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(o);
	free(json);
	return out;
}

int
cmd_check(int argc, char **argv)
{
	cli_round_opts o = {0};
	a2_round *R = NULL;
	int rc;
	size_t i, j, wf = 4, nprob = 0;

	if ((rc = cli_round_options(argc, argv, help, CLI_OPT_JSON | CLI_OPT_MANIFEST | CLI_OPT_SENT, &o)) >= 0)
		return rc;
	rc = cli_round_load(&o, argv + optind, argc - optind, &R);
	if (R == NULL)
		return rc;
	if (o.json) {
		if (cli_round_print(mail_json(R, a2_round_check_json(R))) != EXIT_OK)
			rc = EXIT_FINDINGS;
	} else {
		for (i = 0; i < R->n; i++)
			if (R->recs[i].file && strlen(R->recs[i].file) > wf)
				wf = strlen(R->recs[i].file);
		printf("%s: %zu replies, %zu counted, %zu complete, %zu unreadable",
		    o.form->id, R->n, R->counted, R->complete, R->unreadable);
		if (o.manifest)
			printf(", %zu of %zu not replied", R->n_missing, R->n_expected);
		printf("\n\n%-*s  %-4s  %-28.28s  %-14s  %-8s  %s\n", (int)wf, "FILE", "ISO3", "MEMBER STATE",
		    "STANDING", "COMPLETE", "DATE");
		for (i = 0; i < R->n; i++) {
			const a2_record *r = &R->recs[i];
			printf("%-*s  %-4s  %-28.28s  %-14s  %-8s  %s\n", (int)wf, r->file ? r->file : "?",
			    r->ms_iso3 ? r->ms_iso3 : "-", r->ms_name ? r->ms_name : "-",
			    a2_standing_name(R->standing[i]),
			    r->complete && R->standing[i] == A2_SD_COUNTED ? "yes" : "no",
			    r->sig_date ? r->sig_date : "-");
		}
		for (i = 0; i < R->n; i++) {
			const a2_record *r = &R->recs[i];
			const char *f = r->file ? r->file : "?";
			if (r->is_error) {
				if (nprob++ == 0)
					puts("\nProblems:");
				printf("%s: error: unreadable: %s: %s\n", f, r->error_code ? r->error_code : "error",
				    r->error_message ? r->error_message : "");
			}
			for (j = 0; j < r->n_problems; j++) {
				const a2_problem *p = &r->problems[j];
				int warn = a2_problem_is_warning(p->code);
				if (nprob++ == 0)
					puts("\nProblems:");
				printf("%s: %s: %s%s%s: %s\n", f, warn ? "warning" : "error", p->rec ? p->rec : "",
				    p->rec ? ": " : "", p->code, p->message);
			}
			if (R->standing[i] == A2_SD_OTHER && !a2_record_has_problem(r, "other-consultation", NULL)) {
				if (nprob++ == 0)
					puts("\nProblems:");
				printf("%s: error: other-consultation: a reply to \"%s\", not to %s: not counted\n", f,
				    r->consultation ? r->consultation : "?", o.form->id);
			}
			if (R->standing[i] == A2_SD_SUPERSEDED || R->standing[i] == A2_SD_DUPLICATE) {
				if (nprob++ == 0)
					puts("\nProblems:");
				if (R->standing[i] == A2_SD_DUPLICATE)
					printf("%s: error: duplicate: another reply of %s has the same date and other answers: neither is counted\n",
					    f, r->ms_iso3);
				else
					printf("%s: error: superseded: %s stands instead\n", f,
					    R->recs[R->superseded_by[i]].file ? R->recs[R->superseded_by[i]].file : "a later reply");
			}
		}
		for (i = 0; i < R->n_repeats; i++) {
			if (i == 0)
				puts("\nThe same file met twice (read once):");
			printf("%s: the same file as %s\n", R->repeats[i].file ? R->repeats[i].file : "?",
			    R->recs[R->repeats[i].same_as].file ? R->recs[R->repeats[i].same_as].file : "?");
		}
		if (o.manifest) {
			printf("\nNot replied (%zu):", R->n_missing);
			for (i = 0; i < R->n_missing; i++) {
				const a2_state *st = a2_states_by_iso3(o.states, R->missing[i]);
				printf("%s %s %s", i ? "," : "", R->missing[i], st ? st->name : "");
			}
			putchar('\n');
		}
		mail_table(R);
	}
	if (rc == EXIT_OK && (R->complete != R->n || R->n_missing > 0))
		rc = EXIT_FINDINGS;
	cli_round_done(&o, R);
	return rc;
}
