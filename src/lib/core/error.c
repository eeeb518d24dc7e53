/* core/error.c -- the error object and its table of names. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "annex2/error.h"

static const char *const names[] = {
	[A2_OK] = "ok",
	[A2_ERR_NOMEM] = "nomem",
	[A2_ERR_IO] = "io",
	[A2_ERR_EXISTS] = "exists",
	[A2_ERR_USAGE] = "usage",
	[A2_ERR_SCHEMA] = "schema",
	[A2_ERR_DATA] = "data",
	[A2_ERR_NOT_ZIP] = "not-zip",
	[A2_ERR_CORRUPT] = "corrupt",
	[A2_ERR_ENCRYPTED] = "encrypted",
	[A2_ERR_LIMIT] = "limit",
	[A2_ERR_FORMAT] = "format",
	[A2_ERR_NO_MAIN_PART] = "no-main-part",
	[A2_ERR_XML] = "xml",
	[A2_ERR_UNSUPPORTED] = "unsupported",
	[A2_ERR_INTERNAL] = "internal",
};

const char *
a2_code_name(a2_code code)
{
	if ((unsigned)code < sizeof(names) / sizeof(names[0]) && names[code] != NULL)
		return names[code];
	return "internal";
}

void
a2_error_clear(a2_error *err)
{
	if (err == NULL)
		return;
	memset(err, 0, sizeof(*err));
}

int
a2_error_set(a2_error *err, a2_code code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return -1;
}

void
a2_error_at(a2_error *err, const char *file, const char *member, int line, int col)
{
	if (err == NULL)
		return;
	if (file != NULL)
		snprintf(err->file, sizeof(err->file), "%s", file);
	if (member != NULL)
		snprintf(err->member, sizeof(err->member), "%s", member);
	if (line > 0)
		err->line = line;
	if (col > 0)
		err->col = col;
}
