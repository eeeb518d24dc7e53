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
int cmd_mail(int argc, char **argv);
int cmd_intake(int argc, char **argv);
int cmd_remind(int argc, char **argv);

/* Prints "annex2: FILE:MEMBER:LINE:COL: error: message" to stderr. */
void cli_error(const a2_error *err);
/* Prints "annex2: message" to stderr (printf-style). */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A sorted list of input files from PATH arguments: directories are
 * searched recursively for the extensions given (NULL-terminated list),
 * or, with exts NULL, for every regular file but hidden ones and annex2's
 * own outputs (how many were left out is said). */
typedef struct cli_files {
	char **v;
	size_t n, cap;
	size_t left_out;    /* exts NULL: files in folders left out (hidden, annex2's own) */
} cli_files;
int cli_collect(cli_files *f, char **paths, int n, const char *const *exts);
void cli_files_free(cli_files *f);

/* Reads a file ("-": standard input) whole, at most max + 1 bytes (one
 * more than the limit, so that the reader says it is over).  0, or -1
 * (said).  The caller frees *out. */
int cli_read_file(const char *path, size_t max, unsigned char **out, size_t *len);

/* Where a command writes (output.c): standard output for NULL or "-";
 * otherwise a temporary file beside path, renamed into place by
 * cli_out_close() once everything is written and synced, so that path
 * never holds half an output.  A path that is one of the inputs (the
 * same file: args and inputs) is refused, and so is an existing one
 * unless force.  EXIT_OK, or EXIT_USAGE (said). */
typedef struct cli_out {
	FILE *fp;
	const char *path;
	a2_temp tmp;
} cli_out;
int cli_out_open(cli_out *o, const char *path, int force, const cli_files *inputs, char **args, int nargs);
/* Renames the output into place (commit) or removes it.  A failed write is
 * said, naming the output, and nothing is left under its name: EXIT_FINDINGS. */
int cli_out_close(cli_out *o, int commit);
/* 1 when a and b are the same file. */
int cli_same_file(const char *a, const char *b);
/* Opens /dev/null (read-only: writes fail) on closed standard descriptors. */
void cli_std_fds(void);
/* Flushes and closes standard output: -1 (said) when a write failed. */
int cli_stdout_done(void);

/* Exit statuses (SPEC). */
enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

#endif
