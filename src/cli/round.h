/* cli/round.h -- loading a round of replies for check, tally and report. */
#ifndef A2_CLI_ROUND_H
#define A2_CLI_ROUND_H

#include "cli/cli.h"

typedef struct cli_round_opts {
	const char *formpath, *statespath, *manifest;
	a2_form *form;
	a2_states *states;
} cli_round_opts;

/* Reads every PATH (documents, or JSON Lines from `annex2 read`) into a
 * round.  Returns EXIT_OK, EXIT_FINDINGS (some input could not be loaded;
 * the round is still made) or EXIT_USAGE (no round). */
int cli_round_load(cli_round_opts *o, char **paths, int npaths, a2_round **out);
void cli_round_done(cli_round_opts *o, a2_round *r);

#endif
