/* cli/round.h -- loading a round of replies for check, tally and report. */
#ifndef A2_CLI_ROUND_H
#define A2_CLI_ROUND_H

#include "cli/cli.h"

typedef struct cli_round_opts {
	const char *formpath, *statespath, *manifest, *out;
	int json, force;
	a2_form *form;
	a2_states *states;
	const char *sent;            /* --sent FILE (the mail round) */
	struct a2_sent *sentlog; size_t nsent;
} cli_round_opts;

/* The options a command takes besides --form, --states and --help. */
enum { CLI_OPT_JSON = 1, CLI_OPT_MANIFEST = 2, CLI_OPT_OUTPUT = 4, CLI_OPT_SENT = 8 };

/* Parses the options of check, tally and report (those in `which`) into o;
 * optind is left at the first PATH.  Returns -1 to go on, or the exit
 * status to return at once (--help, a usage error, no PATH). */
int cli_round_options(int argc, char **argv, const char *help, unsigned which, cli_round_opts *o);

/* Reads every PATH (documents, or JSON Lines from `annex2 read`) into a
 * round.  Returns EXIT_OK, EXIT_FINDINGS (some input could not be loaded;
 * the round is still made) or EXIT_USAGE.  With no round made (*out NULL)
 * everything in o is freed already: the caller returns the status. */
int cli_round_load(cli_round_opts *o, char **paths, int npaths, a2_round **out);
void cli_round_done(cli_round_opts *o, a2_round *r);

/* Prints a JSON document of the round (NULL: it could not be made) on
 * stdout and frees it.  EXIT_OK, or EXIT_FINDINGS, said on stderr. */
int cli_round_print(char *json);

#endif
