/* cli/cmd_pending.c -- check, tally and report are being built (issue 4). */
#include "cli/cli.h"

static int
pending(const char *name)
{
	cli_warn("%s: this command is not in this version yet", name);
	return EXIT_USAGE;
}

int cmd_check(int argc, char **argv) { (void)argc; (void)argv; return pending("check"); }
int cmd_tally(int argc, char **argv) { (void)argc; (void)argv; return pending("tally"); }
int cmd_report(int argc, char **argv) { (void)argc; (void)argv; return pending("report"); }
