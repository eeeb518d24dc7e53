/* cli/readpool.h -- reading many files with a worker per core (readpool.c). */
#ifndef A2_CLI_READPOOL_H
#define A2_CLI_READPOOL_H

#include "cli/cli.h"

/* What reading one file gave: its record as text (JSON line without the
 * newline, or CSV rows), or a failure said in warn (no record). */
typedef struct read_result {
	char *line;
	char *warn;
	int is_error;      /* the record is an error record */
	int failed;        /* no record: out of memory, or standard input unreadable */
} read_result;

/* Reads one file ("-": standard input) with rd into *out.  Always 0. */
int read_one(a2_reader *rd, const char *path, int csv, read_result *out);
void read_result_free(read_result *r);

/* How many workers for nfiles files: asked (0: one per online CPU), at
 * most 16 and nfiles; 1 for a handful of files. */
int read_pool_jobs(size_t nfiles, int asked);

/* Called in input order, in the calling thread, for every file. */
typedef void (*read_sink)(void *ctx, size_t i, const read_result *r);

/* Reads every file with rd, one after the other, into sink. */
void read_in_order(a2_reader *rd, const cli_files *files, int csv, read_sink sink, void *ctx);

/* Reads every file with `jobs` workers, each a reader with limits lim,
 * and hands the results to sink in input order.  0, or -1 out of memory
 * before anything was read. */
int read_pool_run(const cli_files *files, const a2_form *form, const a2_states *states, const a2_limits *lim,
                  int csv, int jobs, read_sink sink, void *ctx);

#endif
