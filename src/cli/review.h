/* cli/review.h -- `annex2 review` (cmd_review.c, review_serve.c) and the
 * decisions that check, tally and report apply (cli/round.c). */
#ifndef A2_CLI_REVIEW_H
#define A2_CLI_REVIEW_H

#include "cli/round.h"

/* The decisions file of a round: --decisions FILE, or decisions.jsonl
 * beside the first records file (or in the first folder) named in paths.
 * With must_exist, only a file that is there.  A new string or NULL. */
char *cli_review_path(const cli_round_opts *o, char **paths, int npaths, int must_exist);

/* 1 when file (met among the inputs) is the decisions file, not records. */
int cli_review_is_decisions(const cli_round_opts *o, char **paths, int npaths, const char *file);

/* Loads the round's decisions (unless --no-decisions) and applies them
 * over recs[0..n), saying on stderr what was applied, each line refused
 * and each decision not applied.  EXIT_OK, EXIT_FINDINGS (a line refused,
 * or out of memory), or EXIT_USAGE (a --decisions FILE that is not
 * there or cannot be read). */
int cli_review_apply(cli_round_opts *o, char **paths, int npaths, a2_record *recs, size_t n);

/* Copies of records (through their JSON: a record owns every string). */
int cli_records_copy(const a2_record *src, size_t n, a2_record **out);

/* A round with the decisions applied over copies of base's records (base
 * is the reader's round; D may be NULL).  NULL when out of memory. */
a2_round *cli_review_round(const a2_round *base, a2_decisions *D, a2_error *err);

/* The web page (review_serve.c). */
typedef struct cli_serve_opts {
	const char *decisions;   /* the decisions file (written by the page) */
	const char *who;         /* the reviewer's name shown first on the page */
	unsigned port;           /* 0: a free one */
	const char *bind;        /* "127.0.0.1" */
	int quiet;
	char **paths;            /* the RECORDS arguments (documents are looked for beside them) */
	int npaths;
} cli_serve_opts;
int cli_review_serve(cli_round_opts *o, a2_round *base, const cli_serve_opts *so);

int cmd_review(int argc, char **argv);

#endif
