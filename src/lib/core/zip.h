/* core/zip.h -- zip containers through libzip: a bounded reader for
 * untrusted input and a deterministic writer for generated files. */
#ifndef A2_CORE_ZIP_H
#define A2_CORE_ZIP_H

#include <stddef.h>
#include "annex2/annex2.h"

typedef struct a2_zip a2_zip;

/* Opens a zip held in memory (the caller keeps data alive until
 * a2_zip_close).  Checks before any inflation: entry count, entry names
 * (no absolute paths, "..", backslashes or NULs), duplicate names,
 * encryption.  err codes: A2_ERR_NOT_ZIP, A2_ERR_CORRUPT, A2_ERR_LIMIT,
 * A2_ERR_ENCRYPTED. */
a2_zip *a2_zip_open_mem(const void *data, size_t len, const a2_limits *lim, a2_error *err);
void a2_zip_close(a2_zip *z);

/* 1 when the archive has an entry of that exact name. */
int a2_zip_has(a2_zip *z, const char *name);
size_t a2_zip_count(a2_zip *z);
const char *a2_zip_name(a2_zip *z, size_t i);

/* Inflates one entry into a new NUL-terminated buffer, counting the bytes
 * actually inflated against the member limit, the ratio limit and the
 * per-file total.  Caller frees.  NULL with err set on failure. */
char *a2_zip_read(a2_zip *z, const char *name, size_t *len, a2_error *err);

/* Deterministic writer: entries in the order added, every timestamp
 * 1980-01-01 00:00, no extra fields. */
typedef struct a2_zipout a2_zipout;
a2_zipout *a2_zipout_new(a2_error *err);
/* store: 1 stored (ODF mimetype), 0 deflated.  Data is copied. */
int a2_zipout_add(a2_zipout *zo, const char *name, const void *data, size_t len,
                  int store, a2_error *err);
/* Finishes the archive into a new buffer (caller frees) and frees zo. */
int a2_zipout_finish(a2_zipout *zo, unsigned char **out, size_t *len, a2_error *err);
void a2_zipout_free(a2_zipout *zo);

#endif
