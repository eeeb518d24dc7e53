/* cli/cmd_tally.c -- annex2 tally: each text against the threshold. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/round.h"

static const char help[] =
"usage: annex2 tally [--json] [--decisions FILE] [--form FILE] [--states FILE] PATH...\n"
"\n"
"Counts, per text in the consultation's order, the replies that assign authority\n"
"and those that do not, and the outcome by WTSA Resolution 1, clause 9.4:\n"
"  met       70% or more of the counted replies assign authority (or no replies);\n"
"  not-met   less than 70%;\n"
"  at-risk   the undecided replies (missing, conflict, unclear), read either way,\n"
"            could change the outcome.\n"
"Late replies, replies from non-members or unknown senders, superseded replies\n"
"and unreadable files are not counted (column NOT COUNTED).\n"
"\n"
"  PATH     returned documents, folders, or JSON Lines from `annex2 read`\n"
"  --json   one JSON object for machines\n"
"  --decisions FILE  a reviewer's decisions (`annex2 review`), applied over the\n"
"                   reader's verdicts and shown beside them (default: decisions.jsonl\n"
"                   beside the records file, when there is one); --no-decisions: none\n"
"\n"
"Exit status: 0 success, 1 some input unreadable, 2 usage error.\n";

int
cmd_tally(int argc, char **argv)
{
	cli_round_opts o = {0};
	a2_round *R = NULL;
	int rc;
	size_t i;

	if ((rc = cli_round_options(argc, argv, help, CLI_OPT_JSON, &o)) >= 0)
		return rc;
	rc = cli_round_load(&o, argv + optind, argc - optind, &R);
	if (R == NULL)
		return rc;
	if (o.json) {
		if (cli_round_print(a2_round_tally_json(R)) != EXIT_OK)
			rc = EXIT_FINDINGS;
	} else {
		printf("%s: %zu replies, %zu counted, %zu not counted (%zu unreadable); threshold %.0f%%\n\n",
		    o.form->id, R->n, R->counted, R->not_counted, R->unreadable, o.form->threshold * 100);
		printf("%-8s  %-16s  %7s  %7s  %8s  %7s  %9s  %11s  %s\n", "TEXT", "ALIAS", "COUNTED",
		    "ASSIGNS", "DOES NOT", "SUPPORT", "UNDECIDED", "NOT COUNTED", "OUTCOME");
		for (i = 0; i < R->n_texts; i++) {
			const a2_text_tally *T = &R->texts[i];
			printf("%-8s  %-16s  %7zu  %7zu  %8zu  %6.1f%%  %9zu  %11zu  %s\n", T->rec, T->alias,
			    T->counted, T->assigns, T->does_not_assign, T->support * 100, T->undecided,
			    T->not_counted, T->outcome);
		}
	}
	if (rc == EXIT_OK && R->unreadable > 0)
		rc = EXIT_FINDINGS;
	cli_round_done(&o, R);
	return rc;
}
