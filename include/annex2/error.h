/*
 * annex2/error.h -- the one error object of the library.
 *
 * Every fallible call takes an `a2_error *` (may be NULL) and, on failure,
 * fills it and returns NULL or -1.  The library never prints and never
 * aborts; the CLI prints errors as
 *     annex2: FILE:MEMBER:LINE:COL: error: message
 */
#ifndef ANNEX2_ERROR_H
#define ANNEX2_ERROR_H

#include <stddef.h>

/* Error codes.  a2_code_name() gives the stable word used in records. */
typedef enum a2_code {
	A2_OK = 0,
	A2_ERR_NOMEM,        /* "nomem"        out of memory */
	A2_ERR_IO,           /* "io"           cannot open/read/write a file */
	A2_ERR_EXISTS,       /* "exists"       output exists and --force not given */
	A2_ERR_USAGE,        /* "usage"        bad argument to a call */
	A2_ERR_SCHEMA,       /* "schema"       consultation breaks its schema */
	A2_ERR_DATA,         /* "data"         bad data file (states, contacts) */
	A2_ERR_NOT_ZIP,      /* "not-zip"      not a zip container */
	A2_ERR_CORRUPT,      /* "corrupt"      damaged zip (CRC, truncated) */
	A2_ERR_ENCRYPTED,    /* "encrypted"    encrypted entries */
	A2_ERR_LIMIT,        /* "limit"        over a safety limit */
	A2_ERR_FORMAT,       /* "format"       not a DOCX/ODT (wrong or lying mimetype) */
	A2_ERR_NO_MAIN_PART, /* "no-main-part" the main XML part is missing */
	A2_ERR_XML,          /* "xml"          malformed XML */
	A2_ERR_UNSUPPORTED,  /* "unsupported"  a file type we do not read */
	A2_ERR_INTERNAL      /* "internal"     a bug: please report */
} a2_code;

typedef struct a2_error {
	a2_code code;
	char file[512];   /* input file, or "" */
	char member[256]; /* zip member, or "" */
	int line;         /* 0 when unknown */
	int col;          /* 0 when unknown */
	char message[512];
} a2_error;

/* Stable short word for a code ("not-zip", "limit", ...). Never NULL. */
const char *a2_code_name(a2_code code);

/* Clears an error object (code A2_OK, empty strings). NULL is accepted. */
void a2_error_clear(a2_error *err);

/* Sets code and message (printf-style). Keeps file/member/line if already set.
 * NULL err is accepted and ignored. Returns -1 for convenience. */
int a2_error_set(a2_error *err, a2_code code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Sets where the error happened. Any argument may be NULL / 0. */
void a2_error_at(a2_error *err, const char *file, const char *member, int line, int col);

#endif
