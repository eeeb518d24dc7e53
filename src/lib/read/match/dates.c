/* read/match/dates.c -- dates as people write them on a signed form: "15 August
 * 2024", "August 15, 2024", "15 août 2024", "15 de agosto de 2024",
 * "15 августа 2024 г.", "«15» августа 2024 г.", "15 أغسطس 2024" (the text is normalised first:
 * "٩" is "9"), "2024年8月15日", "2024-08-15", "15.08.2024", "15/08/24".  A
 * numeric date that reads two ways (03/04/2024) is reported as ambiguous,
 * never guessed; with dots (09.08.2024) it is day first, as every country
 * that writes dots writes it. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pcre2.h>

#include "core/util.h"
#include "read/match/dates.h"
#include "read/match/pattern.h"

/* Month names and abbreviations (folded: lower case, no accents). */
static const struct { const char *name; int month; } months[] = {
	{"january", 1}, {"jan", 1}, {"janvier", 1}, {"janv", 1}, {"enero", 1}, {"ene", 1},
	{"february", 2}, {"feb", 2}, {"fevrier", 2}, {"fevr", 2}, {"fev", 2}, {"febrero", 2},
	{"march", 3}, {"mar", 3}, {"mars", 3}, {"marzo", 3},
	{"april", 4}, {"apr", 4}, {"avril", 4}, {"avr", 4}, {"abril", 4}, {"abr", 4},
	{"may", 5}, {"mai", 5}, {"mayo", 5},
	{"june", 6}, {"jun", 6}, {"juin", 6}, {"junio", 6},
	{"july", 7}, {"jul", 7}, {"juillet", 7}, {"juil", 7}, {"julio", 7},
	{"august", 8}, {"aug", 8}, {"aout", 8}, {"agosto", 8}, {"ago", 8},
	{"september", 9}, {"sep", 9}, {"sept", 9}, {"septembre", 9}, {"septiembre", 9}, {"setiembre", 9}, {"set", 9},
	{"october", 10}, {"oct", 10}, {"octobre", 10}, {"octubre", 10},
	{"november", 11}, {"nov", 11}, {"novembre", 11}, {"noviembre", 11},
	{"december", 12}, {"dec", 12}, {"decembre", 12}, {"diciembre", 12}, {"dic", 12},
	/* Russian: the genitive of a date ("9 августа"), the nominative, the
	 * abbreviations (folded: lower case, ё as е) */
	{"января", 1}, {"январь", 1}, {"янв", 1}, {"февраля", 2}, {"февраль", 2}, {"февр", 2}, {"фев", 2},
	{"марта", 3}, {"март", 3}, {"мар", 3}, {"апреля", 4}, {"апрель", 4}, {"апр", 4},
	{"мая", 5}, {"май", 5}, {"июня", 6}, {"июнь", 6}, {"июн", 6}, {"июля", 7}, {"июль", 7}, {"июл", 7},
	{"августа", 8}, {"август", 8}, {"авг", 8}, {"сентября", 9}, {"сентябрь", 9}, {"сент", 9}, {"сен", 9},
	{"октября", 10}, {"октябрь", 10}, {"окт", 10}, {"ноября", 11}, {"ноябрь", 11}, {"нояб", 11}, {"ноя", 11},
	{"декабря", 12}, {"декабрь", 12}, {"дек", 12},
	/* Arabic: the Egyptian and Maghreb names, the Levantine ones, with and
	 * without hamza */
	{"يناير", 1}, {"كانون الثاني", 1}, {"فبراير", 2}, {"شباط", 2}, {"مارس", 3}, {"آذار", 3}, {"اذار", 3},
	{"أبريل", 4}, {"إبريل", 4}, {"ابريل", 4}, {"نيسان", 4}, {"مايو", 5}, {"أيار", 5}, {"ايار", 5},
	{"يونيو", 6}, {"يونيه", 6}, {"حزيران", 6}, {"يوليو", 7}, {"يوليه", 7}, {"تموز", 7},
	{"أغسطس", 8}, {"اغسطس", 8}, {"آب", 8}, {"اب", 8}, {"سبتمبر", 9}, {"أيلول", 9}, {"ايلول", 9},
	{"أكتوبر", 10}, {"اكتوبر", 10}, {"تشرين الأول", 10}, {"تشرين الاول", 10},
	{"نوفمبر", 11}, {"تشرين الثاني", 11}, {"ديسمبر", 12}, {"كانون الأول", 12}, {"كانون الاول", 12},
};

#define MONTH "(janvier|january|janv|jan|enero|ene|f[eé]vrier|february|f[eé]vr|f[eé]v|feb|febrero|" \
	"march|mars|marzo|mar|april|avril|abril|avr|apr|abr|mayo|may|mai|june|juin|junio|jun|" \
	"july|juillet|juil|julio|jul|august|ao[uû]t|agosto|aug|ago|septembre|septiembre|setiembre|september|" \
	"sept|sep|set|october|octobre|octubre|oct|november|novembre|noviembre|nov|december|" \
	"d[eé]cembre|diciembre|dec|d[eé]c|dic|" \
	"января|январь|янв|февраля|февраль|февр|фев|марта|март|мар|апреля|апрель|апр|мая|май|" \
	"июня|июнь|июн|июля|июль|июл|августа|август|авг|сентября|сентябрь|сент|сен|октября|октябрь|окт|" \
	"ноября|ноябрь|нояб|ноя|декабря|декабрь|дек|" \
	"يناير|كانون" WS "+الثاني|فبراير|شباط|مارس|[آا]ذار|[أإا]بريل|نيسان|مايو|[أا]يار|يوني[وه]|حزيران|" \
	"يولي[وه]|تموز|[أا]غسطس|[آا]ب|سبتمبر|[أا]يلول|[أا]كتوبر|تشرين" WS "+ال[أا]ول|نوفمبر|" \
	"تشرين" WS "+الثاني|ديسمبر|كانون" WS "+ال[أا]ول)"
#define ORD "(?:st|nd|rd|th|er|re|e|º|°|o)?"
#define WS "[\\s\\x{00A0}\\x{202F}]"

enum { D_ISO, D_DMY_NAME, D_MDY_NAME, D_NUMERIC, D_CJK, D__COUNT };

static const char *const patterns[D__COUNT] = {
	[D_ISO] = "(?<![\\d])(\\d{4})-(\\d{1,2})-(\\d{1,2})(?!\\d)",
	/* the day may be quoted, as Russian official letters write it: «15» августа */
	[D_DMY_NAME] = "(?<![\\d\\p{L}])[\\x{00AB}\\x{201C}\"']?(\\d{1,2})" ORD "\\.?[\\x{00BB}\\x{201D}\"']?" WS "*(?:de" WS "+)?" MONTH "\\.?,?" WS "*(?:(?:de|del)" WS "+)?(\\d{4})(?!\\d)",
	[D_MDY_NAME] = "(?<![\\p{L}])" MONTH "\\.?" WS "+(\\d{1,2})" ORD ",?" WS "+(\\d{4})(?!\\d)",
	[D_NUMERIC] = "(?<![\\d.\\/-])(\\d{1,2})" WS "*([./-])" WS "*(\\d{1,2})" WS "*\\2" WS "*(\\d{4}|\\d{2})(?![\\d])",
	/* Chinese (and Japanese): 2024年8月9日 */
	[D_CJK] = "(?<!\\d)(\\d{4})" WS "*年" WS "*(\\d{1,2})" WS "*月" WS "*(\\d{1,2})" WS "*日",
};

struct a2_datepat {
	pcre2_code *re[D__COUNT];
	pcre2_match_context *mctx;
	pcre2_jit_stack *jstack;      /* NULL: the JIT's default stack */
};

a2_datepat *
a2_datepat_new(a2_error *err)
{
	a2_datepat *d = calloc(1, sizeof(*d));
	size_t i;

	if (d == NULL || (d->mctx = pcre2_match_context_create(NULL)) == NULL) {
		a2_datepat_free(d);
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	}
	pcre2_set_match_limit(d->mctx, 100000);
	pcre2_set_depth_limit(d->mctx, 1000);
	pcre2_set_heap_limit(d->mctx, 16 * 1024);
	/* JIT-compiled (each reader: some tens of KB of machine code), on a
	 * stack as deep as the matcher's: interpreted, the five patterns tried
	 * at every byte of the 2,000 after "Date:" were 47 M of callgrind's
	 * 1,882 M instructions for the 193 bench replies (244 K a reply: PCRE2
	 * finds no first character of a pattern starting with a look-behind
	 * and a Unicode \d); JIT-compiled, 5.8 M */
	if ((d->jstack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL)) != NULL)
		pcre2_jit_stack_assign(d->mctx, NULL, d->jstack);
	for (i = 0; i < D__COUNT; i++) {
		if ((d->re[i] = a2_pattern_compile_jit(patterns[i], 1, err)) == NULL) {
			a2_datepat_free(d);
			return NULL;
		}
	}
	return d;
}

void
a2_datepat_free(a2_datepat *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < D__COUNT; i++)
		pcre2_code_free(d->re[i]);
	pcre2_match_context_free(d->mctx);
	pcre2_jit_stack_free(d->jstack);
	free(d);
}

static int
month_of(const char *s, size_t n)
{
	char buf[64];
	char *f;
	size_t i;
	int m = 0;

	if (n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if ((f = a2_fold(buf)) == NULL)
		return 0;
	for (i = 0; i < sizeof(months) / sizeof(months[0]); i++)
		if (strcmp(f, months[i].name) == 0)
			m = months[i].month;
	free(f);
	return m;
}

static int
valid(int y, int m, int d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

static int
num(const char *t, PCRE2_SIZE *ov, int g)
{
	return atoi(t + ov[2 * g]);
}

int
a2_parse_date(const a2_datepat *d, const char *text, size_t len, char iso[11], char alt[11],
    size_t *start, size_t *end)
{
	return a2_parse_date_in(d, text, len, iso, alt, start, end, NULL);
}

int
a2_parse_date_in(const a2_datepat *d, const char *text, size_t len, char iso[11], char alt[11],
    size_t *start, size_t *end, size_t *budget)
{
	pcre2_match_data *md;
	size_t best = (size_t)-1, bend = 0, i;
	int result = 0;

	iso[0] = alt[0] = '\0';
	for (i = 0; i < D__COUNT; i++) {
		size_t from = 0;
		if ((md = pcre2_match_data_create_from_pattern(d->re[i], NULL)) == NULL)
			return -1;
		while (from < len) {
			PCRE2_SIZE *ov;
			int y = 0, m = 0, dd = 0, r = 1, n;
			char a[32] = "", b[32] = "";
			n = a2_pattern_match(d->re[i], text, len, from, md, d->mctx, budget);
			if (n < 0) {
				if ((n = a2_match_failure(n)) < 0) {
					pcre2_match_data_free(md);
					return n;
				}
				break;
			}
			ov = pcre2_get_ovector_pointer(md);
			from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			if (ov[0] >= best)
				break;
			switch (i) {
			case D_ISO:
			case D_CJK:
				y = num(text, ov, 1); m = num(text, ov, 2); dd = num(text, ov, 3);
				break;
			case D_DMY_NAME:
				dd = num(text, ov, 1); m = month_of(text + ov[4], ov[5] - ov[4]); y = num(text, ov, 3);
				break;
			case D_MDY_NAME:
				m = month_of(text + ov[2], ov[3] - ov[2]); dd = num(text, ov, 2); y = num(text, ov, 3);
				break;
			case D_NUMERIC: {
				int p1 = num(text, ov, 1), p2 = num(text, ov, 3);
				y = num(text, ov, 4);
				if (ov[9] - ov[8] == 2)
					y += 2000;
				if (p1 > 12 || p1 == p2 || text[ov[4]] == '.') {
					dd = p1; m = p2;
				} else if (p2 > 12) {
					dd = p2; m = p1;
				} else {
					dd = p1; m = p2;
					r = 2;
					if (valid(y, p1, p2))
						snprintf(b, sizeof(b), "%04d-%02d-%02d", y, p1, p2);
				}
				break;
			}
			}
			if (!valid(y, m, dd))
				continue;
			snprintf(a, sizeof(a), "%04d-%02d-%02d", y, m, dd);
			best = ov[0];
			bend = ov[1];
			memcpy(iso, a, 11);
			memcpy(alt, b, 11);
			result = r;
			break;
		}
		pcre2_match_data_free(md);
	}
	if (result && start)
		*start = best;
	if (result && end)
		*end = bend;
	return result;
}
