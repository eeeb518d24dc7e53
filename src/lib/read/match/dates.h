/* read/match/dates.h -- reading the date of a reply (dates.c). */
#ifndef A2_READ_DATES_H
#define A2_READ_DATES_H

#include <stddef.h>
#include "annex2/annex2.h"

/* Dates (English, French, Spanish, Russian and Arabic month names, the
 * Chinese 年月日, numeric forms). */
typedef struct a2_datepat a2_datepat;
a2_datepat *a2_datepat_new(a2_error *err);
void a2_datepat_free(a2_datepat *d);

/* Parses the first date in text[0..len).  Returns 1 and writes YYYY-MM-DD
 * into iso; 0 when there is no date; -1 out of memory, -2 a matching limit
 * (read/pattern.h); 2 when a numeric
 * date is ambiguous
 * (03/04/2024: iso gets the day-first reading, alt the month-first one).
 * start and end (when not NULL) give the matched range. */
int a2_parse_date(const a2_datepat *d, const char *text, size_t len, char iso[11], char alt[11],
                  size_t *start, size_t *end);
/* The same, spending the document's scanning budget (read/match/pattern.h;
 * NULL: none). */
int a2_parse_date_in(const a2_datepat *d, const char *text, size_t len, char iso[11], char alt[11],
                     size_t *start, size_t *end, size_t *budget);

#endif
