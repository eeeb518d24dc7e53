/* cli/cli.h -- the annex2 program: one file per subcommand. */
#ifndef A2_CLI_H
#define A2_CLI_H

#include <stdio.h>
#include "annex2/annex2.h"

int cmd_generate(int argc, char **argv);
int cmd_read(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_tally(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* Prints "annex2: FILE:MEMBER:LINE:COL: error: message" to stderr. */
void cli_error(const a2_error *err);
/* Prints "annex2: message" to stderr (printf-style). */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A sorted list of input files from PATH arguments: directories are
 * searched recursively for the extensions given (NULL-terminated list). */
typedef struct cli_files {
	char **v;
	size_t n, cap;
} cli_files;
int cli_collect(cli_files *f, char **paths, int n, const char *const *exts);
void cli_files_free(cli_files *f);

/* Opens -o FILE (or stdout when path is NULL or "-"). */
FILE *cli_open_out(const char *path);

/* Exit statuses (SPEC). */
enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

#endif
