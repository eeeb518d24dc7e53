/* emit/html.h -- what the HTML report lends to other HTML pages (the
 * review page, review/page.c). */
#ifndef A2_EMIT_HTML_H
#define A2_EMIT_HTML_H

#include "core/util.h"

/* Appends s escaped for HTML text and attribute values (& < > " '),
 * control characters and invalid UTF-8 shown as U+FFFD. */
void a2_html_esc(a2_buf *b, const char *s);

/* The whole report page of a round (what a2_report_html writes); caller
 * frees; NULL when out of memory. */
char *a2_report_html_render(const a2_round *r);

#endif
