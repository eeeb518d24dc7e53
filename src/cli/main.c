/* cli/main.c -- annex2: the command line over libannex2. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
"usage: annex2 COMMAND [OPTIONS] ...\n"
"\n"
"Runs an ITU Member State consultation (WTSA Resolution 1, clause 9.4):\n"
"\n"
"  generate   write a pre-filled Annex 2 reply form per Member State (DOCX, ODT)\n"
"  read       read returned forms into records (JSON Lines, or CSV)\n"
"  check      which replies are complete, which are not and why, who has not replied\n"
"  tally      per text: assigns, does not assign, support, and the 70%% outcome\n"
"  report     the same as a page people read (HTML) or a workbook (XLSX)\n"
"  mail       e-mail every Member State its form (.eml files or SMTP)\n"
"  intake     take the replies from a mailbox (Maildir, mbox, .eml)\n"
"  remind     e-mail a reminder to every Member State without a complete reply\n"
"\n"
"  annex2 COMMAND --help   tells more about one command\n"
"  annex2 --version\n"
"\n"
"Example, a whole round for the built-in TSB Circular 195:\n"
"  annex2 generate -o forms/                  # 193 x (DOCX + ODT) + manifest.csv\n"
"  annex2 read replies/ -o records.jsonl      # one record per returned file\n"
"  annex2 check --manifest forms/manifest.csv records.jsonl\n"
"  annex2 tally records.jsonl\n"
"\n"
"Exit status: 0 success, 1 findings or unreadable inputs, 2 usage error.\n";

void
cli_error(const a2_error *err)
{
	fputs("annex2: ", stderr);
	if (err->file[0])
		fprintf(stderr, "%s:", err->file);
	if (err->member[0])
		fprintf(stderr, "%s:", err->member);
	if (err->line > 0)
		fprintf(stderr, "%d:", err->line);
	if (err->col > 0)
		fprintf(stderr, "%d:", err->col);
	fprintf(stderr, "%serror: %s\n", err->file[0] || err->member[0] ? " " : "", err->message);
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("annex2: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
main(int argc, char **argv)
{
	static const struct { const char *name; int (*fn)(int, char **); } cmds[] = {
		{"generate", cmd_generate}, {"read", cmd_read}, {"check", cmd_check},
		{"tally", cmd_tally}, {"report", cmd_report},
		{"mail", cmd_mail}, {"intake", cmd_intake}, {"remind", cmd_remind},
	};
	size_t i;

	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("annex2 %s\n", ANNEX2_VERSION);
		return EXIT_OK;
	}
	cli_std_fds();
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name)) {
			int rc = cmds[i].fn(argc - 1, argv + 1);
			/* every command's data ends on standard output or in a file:
			 * a write that failed there is an error, never exit 0 */
			if (cli_stdout_done() != 0 && rc == EXIT_OK)
				rc = EXIT_FINDINGS;
			return rc;
		}
	fprintf(stderr, "annex2: unknown command \"%s\"\n\n%s", argv[1], usage);
	return EXIT_USAGE;
}
