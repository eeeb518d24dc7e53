/*
 * tests/fuzz/fuzz_names.c -- libFuzzer harness for the name and date
 * matching: a2_fold, a2_states_match and the date parser
 * (read/dates.h, internal).
 *
 * Invariants: a2_fold gives valid UTF-8 without leading, trailing or double
 * spaces and is idempotent; a2_states_match is decided on the folded text
 * (same answer for the text and its folding) and a hit has that folded
 * name (or an article + it: "the", "la", "le", "les", "el", "los", "las", "l'"); a2_parse_date returns 0, 1 or 2, a real calendar
 * date as YYYY-MM-DD, and a range inside the text.
 */
#include "fuzz_common.h"
#include "core/util.h"
#include "read/match/dates.h"

static a2_datepat *fz_dates;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
iso_ok(const char *d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, dd, i;

	if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return 0;
	y = atoi(d);
	m = atoi(d + 5);
	dd = atoi(d + 8);
	if (m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1])
		return 0;
	if (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *f, *ff;
	const a2_state *a, *b;
	char iso[11], alt[11];
	size_t start = 0, end = 0, i, n;
	int r;

	fz_setup();
	if (fz_dates == NULL) {
		a2_error err;
		a2_error_clear(&err);
		FZ_ASSERT((fz_dates = a2_datepat_new(&err)) != NULL, "a2_datepat_new");
	}
	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	n = strlen(text);

	f = a2_fold(text);
	FZ_ASSERT(f != NULL, "a2_fold returned NULL");
	FZ_ASSERT(a2_utf8_valid(f, strlen(f)), "a2_fold gave invalid UTF-8");
	FZ_ASSERT(f[0] != ' ' && (f[0] == '\0' || f[strlen(f) - 1] != ' ') && strstr(f, "  ") == NULL,
	    "a2_fold left stray spaces");
	ff = a2_fold(f);
	FZ_ASSERT(ff != NULL && strcmp(f, ff) == 0, "a2_fold is not idempotent");
	a = a2_states_match(fz_states, text);
	b = a2_states_match(fz_states, f);
	FZ_ASSERT(a == b, "a2_states_match differs on a text and on its folding");
	if (a != NULL) {
		/* the name, or the name after an article a2_states_find drops
		 * ("the", and French and Spanish: "la France", "l'Algérie") */
		static const char *const art[] = {"", "the ", "la ", "le ", "les ", "el ", "los ", "las ", "l"};
		int found = 0;
		size_t k;
		for (i = 0; i < a->n_names && !found; i++)
			for (k = 0; k < sizeof(art) / sizeof(art[0]) && !found; k++)
				found = !strncmp(f, art[k], strlen(art[k])) && !strcmp(a->folded[i], f + strlen(art[k]));
		FZ_ASSERT(found, "a2_states_match hit a state without that name");
	}
	free(ff);
	free(f);

	r = a2_parse_date(fz_dates, text, n, iso, alt, &start, &end);
	FZ_ASSERT(r >= -2 && r <= 2, "a2_parse_date returned a bad value");
	if (r > 0) {
		FZ_ASSERT(iso_ok(iso), "a2_parse_date gave an impossible date");
		FZ_ASSERT(start <= end && end <= n, "a2_parse_date range outside the text");
		FZ_ASSERT(alt[0] == '\0' || iso_ok(alt), "a2_parse_date gave an impossible alternative");
	}
	free(text);
	return 0;
}
