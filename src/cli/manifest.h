/* cli/manifest.h -- DIR/manifest.csv of `annex2 generate` (manifest.c). */
#ifndef A2_CLI_MANIFEST_H
#define A2_CLI_MANIFEST_H

#include "cli/cli.h"

/* iso3, member_state, format, file, sha256, bytes, consultation,
 * form_version, language */
#define MAN_NCOL 9

typedef struct man_row { char *f[MAN_NCOL]; } man_row;
typedef struct man_rows { man_row *v; size_t n, cap; } man_rows;

/* Reads the rows of an existing manifest (a UTF-8 BOM is skipped; columns
 * found by their header names).  0 read, 1 absent or empty, -1 unreadable
 * (said). */
int man_read(const char *path, man_rows *m);
/* Adds a row (copied), replacing the row of the same iso3 and format.  0 or -1. */
int man_add(man_rows *m, const char *const f[MAN_NCOL]);
/* Writes the rows whose file is in dir, sorted by iso3 and format, to path
 * atomically; *nrows the rows written.  0, or -1 (said). */
int man_write(const char *dir, const char *path, man_rows *m, size_t *nrows);
void man_free(man_rows *m);

#endif
