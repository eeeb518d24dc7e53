/* cli/review_serve.c -- annex2 review --serve: the web page (to come). */
#include "cli/review.h"

int
cli_review_serve(cli_round_opts *o, a2_round *base, const cli_serve_opts *so)
{
	(void)o;
	(void)base;
	(void)so;
	cli_warn("review --serve: not built yet");
	return EXIT_USAGE;
}
