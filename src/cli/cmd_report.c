/* cli/cmd_report.c -- annex2 report: the round as HTML or XLSX. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

#include "cli/round.h"

static const char help[] =
"usage: annex2 report [--manifest FILE] [--decisions FILE] [--form FILE] [--states FILE]\n"
"                     [--force] -o FILE.html|FILE.xlsx PATH...\n"
"\n"
"Writes the facts of `annex2 check` and `annex2 tally` as a document people read:\n"
"  FILE.html   one self-contained page (no scripts): the consultation, a chart of\n"
"              support per text with the 70% line, the tally, every reply with its\n"
"              problems, and who has not replied; prints well\n"
"  FILE.xlsx   a workbook: Tally, Replies (one row per Member State x text),\n"
"              Problems, Not replied, Mail (with a sent log), Consultation\n"
"\n"
"  PATH             returned documents, folders, or JSON Lines from `annex2 read`\n"
"  --manifest FILE  manifest.csv of the forms sent (lists who has not replied)\n"
"  --sent FILE      sent.jsonl of `annex2 mail` (default: the one beside the\n"
"                   manifest): the HTML page and the workbook's Mail sheet show\n"
"                   when each state was sent, reminded, and when its reply was\n"
"                   received, from whom, with its S/MIME verdict\n"
"  --force          replace FILE when it exists (never one of the inputs)\n"
"  --decisions FILE a reviewer's decisions (`annex2 review`), applied over the\n"
"                   reader's verdicts and shown beside them (default: decisions.jsonl\n"
"                   beside the records file, when there is one); --no-decisions: none\n"
"\n"
"FILE is written whole or not at all (a temporary file renamed at the end).\n"
"\n"
"Exit status: 0 written, 1 some input unreadable or FILE could not be written,\n"
"2 usage error.\n";

int
cmd_report(int argc, char **argv)
{
	cli_round_opts o = {0};
	a2_round *R = NULL;
	const char *out, *dot;
	int rc, xlsx;
	a2_error err;

	if ((rc = cli_round_options(argc, argv, help, CLI_OPT_MANIFEST | CLI_OPT_OUTPUT | CLI_OPT_SENT, &o)) >= 0)
		return rc;
	out = o.out;
	dot = out ? strrchr(out, '.') : NULL;
	if (dot == NULL || (strcasecmp(dot, ".html") && strcasecmp(dot, ".htm") && strcasecmp(dot, ".xlsx"))) {
		cli_warn("report: say where to write with -o FILE.html or -o FILE.xlsx");
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	xlsx = strcasecmp(dot, ".xlsx") == 0;
	for (rc = optind; rc < argc; rc++)
		if (cli_same_file(out, argv[rc])) {
			cli_warn("%s: the output is one of the inputs: not written", out);
			return EXIT_USAGE;
		}
	if (!o.force && access(out, F_OK) == 0) {
		cli_warn("%s exists: not replaced (use --force to replace it)", out);
		return EXIT_USAGE;
	}
	rc = cli_round_load(&o, argv + optind, argc - optind, &R);
	if (R == NULL)
		return rc;
	a2_error_clear(&err);
	if ((xlsx ? a2_report_xlsx(R, out, &err) : a2_report_html(R, out, &err)) != 0) {
		cli_error(&err);
		rc = err.code == A2_ERR_USAGE ? EXIT_USAGE : EXIT_FINDINGS;
	} else if (rc == EXIT_OK && R->unreadable > 0) {
		rc = EXIT_FINDINGS;
	}
	cli_round_done(&o, R);
	return rc;
}
