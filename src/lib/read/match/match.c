/* read/match/match.c -- the matcher: finds each text of the consultation, the
 * labels of its boxes and options, ties every mark to a label by position,
 * and decides authority, comments, status and evidence (SPEC "The record").
 * Format-neutral: it sees only the flattened reply model (read/match/stream.c). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "core/util.h"
#include "read/match/match.h"
#include "read/match/pattern.h"
#include "read/match/dates.h"
#include "read/match/norm.h"
#include "read/match/twin.h"

enum { L_ASSIGNS, L_NOT, L_NONE, L_ATTACHED, L__COUNT };
static const a2_word label_word[L__COUNT] = {
	A2_W_ASSIGNS, A2_W_NOT_ASSIGN, A2_W_OPTION_NONE, A2_W_OPTION_ATTACHED
};

/* Each pattern in sets: [0] every language of the form, [1] only the
 * languages written in Latin letters, for the text that has no other
 * (a2_stream.latin): the others' alternatives cost time for nothing; [2]
 * the first wording's only (English), tried first: most replies are on it,
 * and then nothing else is looked for (a2_stream.set), nor the closing,
 * "Date:" and "From:" of other languages; its "Administration of" is of
 * every language written in Latin letters.  Set 2 is made
 * with the reader; sets 0 and 1 the first time a reply needs them (each
 * costs as much to compile as the whole reading of a few replies). */
struct sets {
	pcre2_code *label[3][L__COUNT];  /* one per kind */
	pcre2_code *meaning[3][L__COUNT];  /* from <meaning>: NULL when no wording has one */
	pcre2_code *phrase[3][A2_PAT__COUNT]; /* admin captures the name */
	int built[3];
	a2_twins *twins;      /* twin.c: made the first time a reply is worded otherwise */
};

struct a2_patterns {
	pcre2_code **anchor;          /* one per text: rec or alias */
	size_t n_texts;
	/* The labels, meaning and phrase patterns, in sets (struct sets). */
	struct sets *sets;
	const a2_form *form;          /* for the sets made when first needed */
	unsigned char *latin;         /* per wording: written in Latin letters */
	a2_datepat *dates;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jstack;      /* for the JIT: as deep as the interpreter's depth limit allows */
	a2_norm *norm;                /* the text and the wording normalised alike */
	size_t n_langs;               /* label patterns: capture group g+1 is wordings[g] */
};

/* ---- building patterns from the consultation ---- */

#define DASHES "[-\\x{2010}-\\x{2015}\\x{2212}]"
#define SP "[\\s\\x{00A0}\\x{2000}-\\x{200B}\\x{202F}]"
/* An alternative that never matches, and starts with a character, so that
 * PCRE2 still finds where a match may start (a bare "(*FAIL)" makes it
 * try every position): U+FFFF, a noncharacter, then a failure. */
#define NEVER "\\x{FFFF}(*FAIL)"

/* between the words of a label: white space, an elision ("n'autorise"), a
 * comma ("Veuillez agréer, Madame"), or nothing (OCR joins two words whose
 * space a scan narrowed: "Nocomments or"); HSEP the same within a line,
 * something always */
#define WSEP "[\\s\\x{00A0}\\x{2000}-\\x{200B}\\x{202F}'\\x{2018}\\x{2019}\\x{02BC},\\x{060C}]*"
#define HSEP "[\\h'\\x{2018}\\x{2019}\\x{02BC},\\x{060C}]+"

static int
is_han(unsigned cp)
{
	return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0x20000 && cp <= 0x3134F);
}

static int
is_arabic(unsigned cp)
{
	return (cp >= 0x620 && cp <= 0x64A) || (cp >= 0x66E && cp <= 0x6D3) || (cp >= 0x750 && cp <= 0x77F);
}

/* Appends a regex for a Recommendation number or a provisional name:
 * spaces, dots and dashes are tolerant, letters and digits literal; not
 * after a letter or digit when open, none after it when closed. */
static void
put_word(a2_buf *b, const char *s, int open, int closed)
{
	const char *p;
	unsigned first = 0;

	a2_utf8_next(s, strlen(s), &first);
	/* words of a language written without spaces (Chinese) have no
	 * boundary to look for: "中国主管部门" */
	if (open && !is_han(first))
		a2_buf_puts(b, "(?<![\\p{L}\\p{N}.])");
	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '.')
			a2_buf_puts(b, SP "*[.\\x{2024}\\x{FF0E}]" SP "*");
		else if (c == '-' || c == '_')
			a2_buf_puts(b, SP "*" DASHES "?" SP "*");
		else if (c == ' ')
			a2_buf_puts(b, SP "+");
		else if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80)
			a2_buf_putc(b, (char)c);
		else
			a2_buf_printf(b, "\\x{%02x}", c);
		/* a letter followed by a digit may be split by a space: "SG 17", "X 1237" */
		if (((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) && p[1] >= '0' && p[1] <= '9')
			a2_buf_puts(b, SP "?");
	}
	if (closed)
		a2_buf_puts(b, "(?![\\p{L}\\p{N}])");
}

static void
put_code(a2_buf *b, const char *s)
{
	put_word(b, s, 1, 1);
}

/* The look-behind put_label() starts with (lead), before the first word
 * w, where put_word() does not give one of its own. */
static void
put_lead(a2_buf *b, const char *w, int lead)
{
	unsigned first = 0;

	a2_utf8_next(w, strlen(w), &first);
	if (lead && is_han(first))
		a2_buf_puts(b, "(?<![\\p{L}\\p{N}])");
}

/* A label pattern: the first three words of the wording (parenthesised
 * parts dropped), separated by any white space, case-insensitive. */
static void
put_label(a2_buf *b, const char *wording)
{
	const char *p = wording;
	int depth = 0, words = 0, han = 0, cut = 0, lead;
	a2_buf w = {0};

	/* Not after a letter or digit, unless the wording starts with an
	 * ideograph.  Said before the first word only when put_word()
	 * does not (its "(?<![\p{L}\p{N}.])" implies this one): at every
	 * candidate start (each 'a' of the text for "assigns") one
	 * look-behind is tried, not two. */
	{
		unsigned first = 0;
		a2_utf8_next(p, strlen(p), &first);
		lead = !is_han(first);
	}
	while (*p && words < 3) {
		unsigned cp;
		size_t k = a2_utf8_next(p, strlen(p), &cp);
		int alnum = (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 'a' && cp <= 'z') || cp >= 0xC0;
		/* a language written without spaces (Chinese): six ideographs
		 * (the verb and its object) make the label */
		if (is_han(cp) && depth == 0 && ++han > 6) {
			cut = 1;
			break;
		}
		if (cp == '(')
			depth++;
		else if (cp == ')' && depth > 0)
			depth--;
		if (depth == 0 && alnum) {
			a2_buf_add(&w, p, k);
		} else if (w.len > 0) {
			if (words > 0)
				a2_buf_puts(b, WSEP);
			else
				put_lead(b, w.data, lead);
			/* literal word with tolerant letter/digit split; its
			 * bounds (no letter before the first, none after the
			 * last: below) only at the label's ends, the words
			 * following one another, perhaps with nothing between */
			put_word(b, w.data, words == 0, 0);
			words++;
			w.len = 0;
		}
		p += k;
	}
	if (w.len > 0 && words < 3) {
		if (words > 0)
			a2_buf_puts(b, WSEP);
		else
			put_lead(b, w.data, lead);
		put_word(b, w.data, words == 0, !cut);
	} else if (words == 0 && lead) {
		a2_buf_puts(b, "(?<![\\p{L}\\p{N}])");   /* no word at all */
	} else if (words > 0) {
		a2_buf_puts(b, "(?![\\p{L}\\p{N}])");   /* after its last word, left open above */
	}
	a2_buf_free(&w);
}

/* Appends the label pattern of a wording (expanded and normalised),
 * after a '|' when alt. */
static int
put_wording(const a2_patterns *p, a2_buf *b, const a2_form *form, const char *tmpl, int alt)
{
	char *w = a2_form_expand(form, tmpl, NULL, NULL), *n;

	if (w == NULL)
		return -1;
	n = a2_norm_str(p->norm, w);
	free(w);
	if (n == NULL)
		return -1;
	if (alt)
		a2_buf_putc(b, '|');
	a2_buf_puts(b, "(?:");
	put_label(b, n);
	a2_buf_puts(b, ")");
	free(n);
	return 0;
}

/* One alternative of the "Administration of {state}" pattern (after a '|'
 * when alt): the words before {state} (or {formal}), then the name to the
 * end of the line as group 1; or, when the name comes first
 * ("{state}主管部門"), the words after it and no group.  0 or -1. */
static int
put_admin(const a2_patterns *p, a2_buf *b, const char *t, int alt)
{
	/* the name as the form writes it: the short name ({state}) or the
	 * formal one ({formal}), whichever comes first */
	const char *qs = strstr(t, "{state}"), *qf = strstr(t, "{formal}");
	const char *q = qs != NULL && (qf == NULL || qs < qf) ? qs : qf;
	size_t qlen = q == qs ? 7 : 8;
	char *pre = a2_strndup(t, q ? (size_t)(q - t) : strlen(t)), *npre, *npost;

	if (pre == NULL)
		return -1;
	npre = a2_norm_str(p->norm, pre);
	free(pre);
	if (npre == NULL)
		return -1;
	if (alt)
		a2_buf_putc(b, '|');
	if (npre[strspn(npre, " ")] != '\0' || q == NULL) {
		a2_buf_puts(b, "(?:");
		put_label(b, npre);
		a2_buf_puts(b, ")" SP "*(?:the" SP "+)?([^\\n]*)");
	} else {
		if ((npost = a2_norm_str(p->norm, q + qlen)) == NULL) {
			free(npre);
			return -1;
		}
		/* no group: a2_pattern_next() takes the line before it */
		a2_buf_puts(b, "(?:");
		put_label(b, npost);
		a2_buf_puts(b, ")");
		free(npost);
	}
	free(npre);
	return 0;
}

/* Appends a <meaning> word list ("autoris*|donne mandat|n'") as a regex
 * alternation: '*' ends a stem, a space is any white space, an apostrophe
 * either apostrophe; whole words, except in a language written without
 * spaces. */
static void
put_words(a2_buf *b, const char *list)
{
	const char *p = list;

	a2_buf_puts(b, "(?:");
	while (*p) {
		const char *e = p + strcspn(p, "|");
		unsigned first = 0;
		int stem = e > p && e[-1] == '*';
		const char *q;
		a2_utf8_next(p, (size_t)(e - p), &first);
		if (!is_han(first))
			a2_buf_puts(b, "(?<![\\p{L}\\p{N}])");
		/* Arabic writes a conjunction or preposition (wa-, fa-, bi-,
		 * li-, ka-) and the article (al-) as one word with the next:
		 * "بلا تعليقات", "والتعليقات" */
		if (is_arabic(first))
			a2_buf_puts(b, "(?:[\\x{0648}\\x{0641}\\x{0628}\\x{0644}\\x{0643}]?\\x{0627}\\x{0644}|"
			    "[\\x{0648}\\x{0641}\\x{0628}\\x{0644}\\x{0643}])?");
		for (q = p; q < e - (stem ? 1 : 0); q++) {
			unsigned char c = (unsigned char)*q;
			if (c == ' ')
				a2_buf_puts(b, HSEP);
			else if (c == '\'')
				a2_buf_puts(b, "['\\x{2019}\\x{02BC}]");
			else if (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
				a2_buf_printf(b, "\\x{%02x}", c);
			else
				a2_buf_putc(b, (char)c);
		}
		if (stem)
			a2_buf_puts(b, "[\\p{L}\\p{M}]*");
		else if (!is_han(first) && (q == p || !(*(q - 1) == '\'')))
			a2_buf_puts(b, "(?![\\p{L}\\p{N}])");
		p = *e ? e + 1 : e;
		if (*p)
			a2_buf_putc(b, '|');
	}
	a2_buf_puts(b, ")");
}

/* The meaning patterns of one wording (normalised first), for label kind
 * j: the verb, the negation before it, the words for comments with those
 * for none or attached.  0, 1 (the wording has no <meaning>), -1. */
static int
put_meaning(const a2_patterns *p, a2_buf *b, const a2_wording *wd, int j)
{
	char *m[A2_M__COUNT] = {0};
	int k, rc = -1;

	if (wd->mean[A2_M_VERB] == NULL)
		return 1;
	for (k = 0; k < A2_M__COUNT; k++)
		if (wd->mean[k] != NULL && (m[k] = a2_norm_str(p->norm, wd->mean[k])) == NULL)
			goto out;
	/* a label begins a line, after at most a box, a bracket or a typed X */
	switch (j) {
	case L_ASSIGNS:
		put_words(b, m[A2_M_VERB]);
		break;
	case L_NOT:
		put_words(b, m[A2_M_NEGATION]);
		a2_buf_puts(b, "[^\\n]{0,24}?");
		put_words(b, m[A2_M_VERB]);
		break;
	case L_NONE:
		a2_buf_puts(b, "(?:[\\p{L}]+" HSEP "){0,2}?(?:");
		put_words(b, m[A2_M_NONE]);
		a2_buf_puts(b, "[^\\n]{0,30}?");
		put_words(b, m[A2_M_COMMENTS]);
		if (m[A2_M_NONE_AFTER] != NULL) {
			a2_buf_puts(b, "|");
			put_words(b, m[A2_M_COMMENTS]);
			a2_buf_puts(b, "[^\\n]{0,60}?");
			put_words(b, m[A2_M_NONE_AFTER]);
		}
		a2_buf_puts(b, ")");
		break;
	case L_ATTACHED:
		a2_buf_puts(b, "(?:[\\p{L}]+" HSEP "){0,2}?(?:");
		put_words(b, m[A2_M_COMMENTS]);
		a2_buf_puts(b, "[^\\n]{0,80}?");
		put_words(b, m[A2_M_ATTACHED]);
		a2_buf_puts(b, "|");
		put_words(b, m[A2_M_ATTACHED]);
		a2_buf_puts(b, "[^\\n]{0,30}?");
		put_words(b, m[A2_M_COMMENTS]);
		a2_buf_puts(b, ")");
		break;
	}
	rc = 0;
out:
	for (k = 0; k < A2_M__COUNT; k++)
		free(m[k]);
	return rc;
}

/* The words of a wording, as put_label() counts them. */
static int
n_words(const char *s)
{
	int n = 0, in = 0;
	size_t i = 0, len = strlen(s);

	while (i < len) {
		unsigned cp;
		int alnum;
		i += a2_utf8_next(s + i, len - i, &cp);
		alnum = (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || cp >= 0xC0;
		n += alnum && !in;
		in = alnum;
	}
	return n;
}

/* 1 when wordings[i] is in the patterns of the set (struct a2_patterns). */
static int
in_set(const a2_patterns *p, int set, size_t i)
{
	return set == 0 || (set == 1 && p->latin[i]) || (set == 2 && i == 0);
}

/* One past the last wording in the set: the groups of the wordings after
 * it are left out of the set's label patterns (a hit's language is its
 * group, and no group after the last can match), so that PCRE2 sees the
 * first characters of the set's own labels only, not also the U+FFFF of
 * NEVER (set 2, English: a first character 'a' or 'A' looked for, not a
 * bitmap).  At least 1: wordings[0] is in every set. */
static size_t
last_in_set(const a2_patterns *p, int set, size_t n)
{
	while (n > 1 && !in_set(p, set, n - 1))
		n--;
	return n;
}

/* A fixed phrase of the wording, in every language, as one pattern. */
static int
phrase(const a2_patterns *p, int set, const a2_form *form, a2_pat which, a2_word w, a2_buf *b, a2_error *err)
{
	size_t i;

	b->len = 0;
	for (i = 0; i < form->n_wordings; i++) {
		char *n;
		if (!in_set(p, set, i))
			continue;
		if ((n = a2_norm_str(p->norm, form->wordings[i].w[w])) == NULL)
			return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		a2_buf_puts(b, b->len ? "|(?:" : "(?:");
		put_label(b, n);
		/* "De:" is a label, "de" a word of any sentence: a label that
		 * ends with a colon is found with it */
		if ((which == A2_PAT_FROM || which == A2_PAT_DATE) && *n && n[strlen(n) - 1] == ':')
			a2_buf_puts(b, SP "*:");
		/* a closing longer than its label ("Veuillez agréer, Madame,
		 * Monsieur, l'assurance ..."): the rest of its line is its own */
		if (which == A2_PAT_CLOSING && n_words(n) > 3)
			a2_buf_puts(b, "[^\\n]*");
		a2_buf_puts(b, ")");
		free(n);
	}
	if (b->failed)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	if ((p->sets->phrase[set][which] = a2_pattern_compile(b->data, err)) == NULL)
		return -1;
	b->len = 0;
	return 0;
}

/* 1 when a wording is written in Latin letters (none of the scripts
 * a2_stream_build() looks for). */
static int
latin_text(const char *t)
{
	size_t i = 0, n = strlen(t);

	while (i < n) {
		unsigned cp;
		i += a2_utf8_next(t + i, n - i, &cp);
		if ((cp >= 0x400 && cp <= 0x52F) || (cp >= 0x600 && cp <= 0x77F) || (cp >= 0x3000 && cp <= 0xD7FF) ||
		    (cp >= 0xFB50 && cp <= 0xFEFF) || cp >= 0x20000)
			return 0;
	}
	return 1;
}

/* The patterns of one set (struct a2_patterns): 0, or -1 with err set. */
static int
build_set(const a2_patterns *p, const a2_form *form, int set, a2_buf *b, a2_error *err)
{
	const a2_wording *wd;
	size_t i, j, nadm;

	for (j = 0; j < L__COUNT; j++) {
		int any = 0, r;
		for (i = 0; i < form->n_wordings && i < last_in_set(p, set, form->n_wordings); i++) {
			size_t k;
			wd = &form->wordings[i];
			if (!in_set(p, set, i)) {
				/* the group kept (its number says the language), but
				 * defined, not an alternative: an alternative that never
				 * matches (NEVER) would still be tried at each place, and
				 * its first character hides the others' from PCRE2 (no
				 * first character, no minimum length: set 1's four scans
				 * 44 -> 33 us on a 5 KB reply); wordings[0] is in every
				 * set, so the first group is an alternative */
				a2_buf_puts(b, "(?(DEFINE)())");
				continue;
			}
			a2_buf_puts(b, i ? "|(" : "(");
			for (k = 0; k <= wd->n_also; k++) {
				const char *src = k == 0 ? wd->w[label_word[j]] : wd->also[k - 1].text;
				if (k > 0 && wd->also[k - 1].key != label_word[j])
					continue;
				if (put_wording(p, b, form, src, k > 0) != 0)
					return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			}
			a2_buf_puts(b, ")");
		}
		if (b->failed)
			return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		if ((p->sets->label[set][j] = a2_pattern_compile(b->data, err)) == NULL)
			return -1;
		b->len = 0;
		/* the same by meaning: at the start of a line (after a box); a
		 * wording without <meaning> never matches (NEVER) */
		a2_buf_puts(b, "(?m)^[^\\p{L}\\p{N}\\n]{0,16}(?:[Xx](?![\\p{L}\\p{N}])[^\\p{L}\\p{N}\\n]{0,8})?\\K(?:");
		for (i = 0; i < form->n_wordings && i < last_in_set(p, set, form->n_wordings); i++) {
			a2_buf_puts(b, i ? "|(" : "(");
			if (!in_set(p, set, i))
				r = 1;
			else if ((r = put_meaning(p, b, &form->wordings[i], (int)j)) < 0)
				return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			if (r == 1)
				a2_buf_puts(b, NEVER);
			any |= r == 0;
			a2_buf_puts(b, ")");
		}
		a2_buf_puts(b, ")");
		if (b->failed)
			return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		/* JIT-compiled: a reply worded otherwise may have a line start
		 * for each to try, 100,000 of them (interpreted: 10.6 s of CPU
		 * for 100,000 such lines, JIT 2.1 s) */
		if (any && (p->sets->meaning[set][j] = a2_pattern_compile(b->data, err)) == NULL)
			return -1;
		b->len = 0;
	}
	/* "Administration of {state}": the words before {state}, then the
	 * name to the end of the line; or, in a language that puts the name
	 * first ("{state}主管部门"), the line up to the words after it.  A
	 * branch reset: the name is group 1 in every alternative. */
	a2_buf_puts(b, "(?|");
	for (i = 0, nadm = 0; i < form->n_wordings; i++) {
		size_t a;
		wd = &form->wordings[i];
		for (a = 0; a <= wd->n_also && (set == 2 ? p->latin[i] : in_set(p, set, i)); a++) {
			if (a > 0 && wd->also[a - 1].key != A2_W_ADMINISTRATION)
				continue;
			if (put_admin(p, b, a == 0 ? wd->w[A2_W_ADMINISTRATION] : wd->also[a - 1].text, nadm++ > 0) != 0)
				return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		}
	}
	a2_buf_puts(b, ")");
	if (b->failed)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	if ((p->sets->phrase[set][A2_PAT_ADMIN] = a2_pattern_compile(b->data, err)) == NULL)
		return -1;
	b->len = 0;
	p->sets->built[set] = 1;
	return phrase(p, set, form, A2_PAT_CLOSING, A2_W_CLOSING, b, err) != 0 ||
	    phrase(p, set, form, A2_PAT_DATE, A2_W_DATE, b, err) != 0 ||
	    phrase(p, set, form, A2_PAT_FROM, A2_W_FROM, b, err) != 0 ? -1 : 0;
}

/* Makes set 0 or 1 the first time it is needed: 0, or -1 (out of memory;
 * a pattern of a valid wording always compiles). */
static int
need_set(const a2_patterns *p, int set)
{
	a2_buf b = {0};
	a2_error err;
	int rc = 0;

	if (p->sets->built[set])
		return 0;
	a2_error_clear(&err);
	if (build_set(p, p->form, set, &b, &err) != 0)
		rc = -1;
	a2_buf_free(&b);
	if (rc != 0) {
		/* what was made of the set is kept and freed with the rest */
		size_t i;
		for (i = 0; i < L__COUNT; i++) {
			pcre2_code_free(p->sets->label[set][i]);
			pcre2_code_free(p->sets->meaning[set][i]);
			p->sets->label[set][i] = p->sets->meaning[set][i] = NULL;
		}
		for (i = 0; i < A2_PAT__COUNT; i++) {
			pcre2_code_free(p->sets->phrase[set][i]);
			p->sets->phrase[set][i] = NULL;
		}
		p->sets->built[set] = 0;
	}
	return rc;
}

a2_patterns *
a2_patterns_new(const a2_form *form, a2_error *err)
{
	a2_patterns *p = calloc(1, sizeof(*p));
	a2_buf b = {0};
	size_t i;

	if (p == NULL)
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	p->anchor = calloc(form->n_texts ? form->n_texts : 1, sizeof(*p->anchor));
	p->mctx = pcre2_match_context_create(NULL);
	if (p->anchor == NULL || p->mctx == NULL)
		goto nomem;
	/* Each attempt of a pattern at one place is bounded: a million steps,
	 * 1,000 nested backtracking points, 16 MiB of backtracking frames
	 * (the JIT: its stack, below).  A pattern that reaches a limit makes
	 * the document an error record (limit), never a partial answer. */
	pcre2_set_match_limit(p->mctx, 1000000);
	pcre2_set_depth_limit(p->mctx, 1000);
	pcre2_set_heap_limit(p->mctx, 16 * 1024);
	/* JIT code runs on its own stack (32 KiB on the machine stack by
	 * default); a larger one, so that it gives up no sooner than the
	 * interpreter would.  NULL (no JIT): the default is used. */
	if ((p->jstack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL)) != NULL)
		pcre2_jit_stack_assign(p->mctx, NULL, p->jstack);
	if ((p->norm = a2_norm_new()) == NULL)
		goto nomem;
	p->n_texts = form->n_texts;
	for (i = 0; i < form->n_texts; i++) {
		a2_buf_puts(&b, "(?:");
		put_code(&b, form->texts[i].rec);
		a2_buf_puts(&b, ")|(?:");
		put_code(&b, form->texts[i].alias);
		a2_buf_puts(&b, ")");
		if (b.failed)
			goto nomem;
		if ((p->anchor[i] = a2_pattern_compile(b.data, err)) == NULL)
			goto fail;
		b.len = 0;
	}
	/* labels in every language of the form, the wording and its other
	 * phrasings (<also>), normalised as the text will be: one pattern per
	 * kind (one pattern for all four scans more slowly: more places to
	 * try), one capture group per language, which says the language of a
	 * hit */
	p->n_langs = form->n_wordings;
	if ((p->latin = calloc(form->n_wordings ? form->n_wordings : 1, 1)) == NULL)
		goto nomem;
	for (i = 0; i < form->n_wordings; i++)
		p->latin[i] = (unsigned char)latin_text(form->wordings[i].w[A2_W_ASSIGNS]);
	p->form = form;
	if ((p->sets = calloc(1, sizeof(*p->sets))) == NULL)
		goto nomem;
	if (build_set(p, form, 2, &b, err) != 0)
		goto fail;
	if ((p->dates = a2_datepat_new(err)) == NULL)
		goto fail;
	a2_buf_free(&b);
	return p;
nomem:
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
fail:
	a2_buf_free(&b);
	a2_patterns_free(p);
	return NULL;
}

void
a2_patterns_free(a2_patterns *p)
{
	size_t i, k;

	if (p == NULL)
		return;
	for (i = 0; i < p->n_texts && p->anchor; i++)
		pcre2_code_free(p->anchor[i]);
	free(p->anchor);
	for (k = 0; k < 3 && p->sets != NULL; k++) {
		for (i = 0; i < L__COUNT; i++) {
			pcre2_code_free(p->sets->label[k][i]);
			pcre2_code_free(p->sets->meaning[k][i]);
		}
		for (i = 0; i < A2_PAT__COUNT; i++)
			pcre2_code_free(p->sets->phrase[k][i]);
	}
	if (p->sets != NULL)
		a2_twins_free(p->sets->twins);
	free(p->sets);
	free(p->latin);
	a2_datepat_free(p->dates);
	pcre2_match_context_free(p->mctx);
	pcre2_jit_stack_free(p->jstack);
	a2_norm_free(p->norm);
	free(p);
}

/* a2_pattern_match() of re on s->text[0, len) from off, with the
 * document's budget: the bytes scanned (pattern.c) and A2_SCAN_LINE_COST
 * for each block start passed (each is a line start where a pattern
 * anchored at one, a label by meaning, is tried). */
static int
scan_match(const a2_patterns *p, const pcre2_code *re, const a2_stream *s, size_t len, size_t off,
    pcre2_match_data *md)
{
	int n = a2_pattern_match(re, s->text, len, off, md, p->mctx, s->budget);
	size_t stop = n >= 0 ? pcre2_get_ovector_pointer(md)[1] : len, lines, *b = s->budget;

	if (b == NULL || *b == 0 || stop <= off || s->n_blocks < 2)
		return n;
	lines = a2_stream_block_of(s, stop) - a2_stream_block_of(s, off);
	*b = lines >= *b / A2_SCAN_LINE_COST ? 0 : *b - lines * A2_SCAN_LINE_COST;
	return n;
}

/* Calls fn for every match of re in text.  0, or -1 (allocation, also in
 * fn) or -2 (a limit: see a2_match_failure). */
typedef int (*match_fn)(void *ctx, size_t start, size_t end, pcre2_match_data *md);

static int
each_match(const a2_patterns *p, const pcre2_code *re, const a2_stream *s,
    match_fn fn, void *ctx)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	const char *text = s->text;
	size_t off = 0, len = s->len;
	int rc = 0;

	if (md == NULL)
		return -1;
	while (off <= len) {
		int n = scan_match(p, re, s, len, off, md);
		PCRE2_SIZE *ov;
		if (n < 0) {
			rc = a2_match_failure(n);
			break;
		}
		ov = pcre2_get_ovector_pointer(md);
		if (fn(ctx, ov[0], ov[1], md) != 0) {
			rc = -1;
			break;
		}
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		while (off < len && ((unsigned char)text[off] & 0xC0) == 0x80)
			off++;
	}
	pcre2_match_data_free(md);
	return rc;
}

int
a2_pattern_next(const a2_patterns *p, a2_pat which, const a2_stream *s, size_t len,
    size_t from, size_t *start, size_t *end, size_t *cstart, size_t *cend)
{
	const char *text = s->text;
	/* "Administration of" in set 2 is of the languages in Latin letters:
	 * a text with other letters looks in every language */
	int set = s->set == 2 && (which != A2_PAT_ADMIN || s->latin) ? 2 : s->latin ? 1 : 0;
	const pcre2_code *re;

	if (need_set(p, set) != 0)
		return -1;
	re = p->sets->phrase[set][which];
	pcre2_match_data *md;
	PCRE2_SIZE *ov;
	int n, found;

	if (from > len)
		return 0;
	if ((md = pcre2_match_data_create_from_pattern(re, NULL)) == NULL)
		return -1;
	n = scan_match(p, re, s, len, from, md);
	if (n > 0) {
		ov = pcre2_get_ovector_pointer(md);
		*start = ov[0];
		*end = ov[1];
		if (cstart != NULL && cend != NULL) {
			*cstart = n > 1 && ov[2] != PCRE2_UNSET ? ov[2] : ov[1];
			*cend = n > 1 && ov[3] != PCRE2_UNSET ? ov[3] : ov[1];
			if (which == A2_PAT_ADMIN && (n <= 1 || ov[2] == PCRE2_UNSET)) {
				/* the name before the words ("{state}主管部门"): the
				 * line up to them, at most 300 bytes back */
				size_t a = ov[0];
				while (a > from && a + 300 > ov[0] && text[a - 1] != '\n')
					a--;
				while (a < ov[0] && ((unsigned char)text[a] & 0xC0) == 0x80)
					a++;
				*cstart = a;
				*cend = ov[0];
			}
		}
		found = 1;
	} else {
		found = a2_match_failure(n);
	}
	pcre2_match_data_free(md);
	return found;
}

const a2_datepat *
a2_patterns_dates(const a2_patterns *p)
{
	return p->dates;
}

/* ---- finding things ---- */

typedef struct hit {
	size_t start, end;    /* the matched words */
	size_t xend;          /* label: end of its text (block end, next mark) */
	int kind;             /* label kind, or text index for anchors */
	int lang;             /* label: index of the wording it is in, -1 if unknown */
	int text;             /* label: owning text, -1 if none */
	int struck, emph;
	int twin;             /* label: found by its structure (add_structure) */
} hit;

typedef struct hits {
	hit *v;
	size_t n, cap;
	int kind;
	size_t n_langs;       /* labels: the capture group that matched is the language */
} hits;

static int
add_hit(void *ctx, size_t start, size_t end, pcre2_match_data *md)
{
	hits *h = ctx;
	if (a2_grow((void **)&h->v, &h->cap, h->n + 1, sizeof(hit)) != 0)
		return -1;
	memset(&h->v[h->n], 0, sizeof(hit));
	h->v[h->n].start = start;
	h->v[h->n].end = end;
	h->v[h->n].kind = h->kind;
	h->v[h->n].text = -1;
	h->v[h->n].lang = -1;
	if (h->n_langs > 0 && md != NULL) {
		/* group 1 + l: wordings[l] */
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		uint32_t g, ng = pcre2_get_ovector_count(md);
		for (g = 1; g < ng && g <= h->n_langs; g++)
			if (ov[2 * g] != PCRE2_UNSET) {
				h->v[h->n].lang = (int)g - 1;
				break;
			}
	}
	h->n++;
	return 0;
}

/* By start; at the same start the negative first ("does not assign"
 * before "assigns", "no comments" before "comments attached"), so that
 * drop_overlaps() keeps it. */
static int
cmp_hit(const void *a, const void *b)
{
	static const int rank[L__COUNT] = {[L_ASSIGNS] = 1, [L_NOT] = 0, [L_NONE] = 2, [L_ATTACHED] = 3};
	const hit *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->kind >= 0 && x->kind < L__COUNT && y->kind >= 0 && y->kind < L__COUNT)
		return rank[x->kind] - rank[y->kind];
	return 0;
}

/* Share of bytes in [a,b) carrying flag f, over 1/2. */
static int
mostly(const a2_stream *s, size_t a, size_t b, unsigned f)
{
	size_t i, n = 0, tot = 0;

	for (i = a; i < b && i < s->len; i++) {
		if (s->text[i] == ' ' || s->text[i] == '\t')
			continue;
		tot++;
		if (s->flags[i] & f)
			n++;
	}
	return tot > 0 && 2 * n > tot;
}

/* Labels that overlap: the one that starts first is the label.  So a
 * negation is never read as the positive: "no autoriza a la Comisión" holds
 * "autoriza a la Comisión", "не предоставляет полномочия" holds
 * "предоставляет полномочия", and the "does not assign" label, starting at
 * the negation, is found first. */
static void
drop_overlaps(hits *h)
{
	size_t i, n = 0;

	for (i = 0; i < h->n; i++) {
		if (n > 0 && h->v[i].start < h->v[n - 1].end)
			continue;
		h->v[n++] = h->v[i];
	}
	h->n = n;
}

static size_t label_lower(const hits *h, size_t pos, int strict);

/* 1 when every text the anchors name has a label after its name (before
 * the next text's) of the kinds (bit k: kind k): of every one of them when
 * every, else of any; anchors and labels sorted by start. */
static int
labelled(const hits *anchors, const hits *labels, size_t n_texts, unsigned kinds, int every)
{
	unsigned char named[256] = {0}, has[256] = {0};
	size_t i, a = 0;

	for (i = 0; i < anchors->n; i++)
		if ((size_t)anchors->v[i].kind < n_texts && (size_t)anchors->v[i].kind < sizeof(named))
			named[anchors->v[i].kind] = 1;
	for (i = 0; i < labels->n; i++) {
		while (a < anchors->n && anchors->v[a].start < labels->v[i].start)
			a++;
		if (a > 0 && (size_t)anchors->v[a - 1].kind < sizeof(has) && (kinds & (1u << labels->v[i].kind)))
			has[anchors->v[a - 1].kind] |= (unsigned char)(1u << labels->v[i].kind);
	}
	for (i = 0; i < n_texts && i < sizeof(named); i++)
		if (named[i] && (every ? (has[i] & kinds) != kinds : has[i] == 0))
			return 0;
	return 1;
}

static int
all_labelled(const hits *anchors, const hits *labels, size_t n_texts)
{
	return labelled(anchors, labels, n_texts, (1u << L__COUNT) - 1, 0);
}

/* How many texts of the consultation the anchors name. */
static size_t
texts_named(const hits *anchors, size_t n_texts)
{
	unsigned char seen[256] = {0};
	size_t i, n = 0;

	for (i = 0; i < anchors->n; i++) {
		size_t k = (size_t)anchors->v[i].kind;
		if (k < n_texts && k < sizeof(seen) && !seen[k]) {
			seen[k] = 1;
			n++;
		}
	}
	return n;
}

/* The words of every wording (twin.c), made the first time a reply needs
 * them; NULL when out of memory. */
static const a2_twins *
need_twins(const a2_patterns *p)
{
	if (p->sets->twins == NULL)
		p->sets->twins = a2_twins_new(p->form, p->norm);
	return p->sets->twins;
}

/* The language of a label found otherwise than by a wording: the words of
 * its line that only one language has ("Commentaires et changements ..."
 * is French, though "comment*" and "change*" are English words too);
 * else the language whose pattern matched first (lang). */
static int
label_lang(const a2_patterns *p, const a2_stream *s, size_t start, int lang)
{
	const a2_twins *t = need_twins(p);
	size_t e = a2_stream_block_end(s, a2_stream_block_of(s, start));
	int l;

	if (t == NULL)
		return -1;
	if (e > start + 400)
		e = start + 400;
	l = a2_twins_lang(t, s->text + start, e - start);
	return l >= 0 ? l : lang;
}

/* The labels found by meaning (<meaning>), in the blocks where no label
 * of the wording was found: a reply on another edition of the form, whose
 * sentences are not ours.  labels (sorted) gains them, sorted again.  0,
 * -1, -2. */
static int
add_meaning(const a2_patterns *p, const a2_stream *s, hits *labels)
{
	hits m = {0};
	size_t j, k, n0 = labels->n;
	int rc = 0;

	m.n_langs = p->n_langs;
	for (j = 0; j < L__COUNT && rc == 0; j++) {
		if (p->sets->meaning[s->set][j] == NULL)
			continue;
		m.kind = (int)j;
		rc = each_match(p, p->sets->meaning[s->set][j], s, add_hit, &m);
	}
	for (k = 0; k < m.n && rc == 0; k++) {
		size_t blk = a2_stream_block_of(s, m.v[k].start), a = s->bstart[blk];
		size_t e = a2_stream_block_end(s, blk), i = label_lower(labels, a, 0);
		if (i < n0 && labels->v[i].start <= e)
			continue;          /* the block has a label of the wording */
		if (need_twins(p) == NULL ||
		    a2_grow((void **)&labels->v, &labels->cap, labels->n + 1, sizeof(hit)) != 0) {
			rc = -1;
		} else {
			/* the first labels say the language (a bounded cost on a
			 * reply of a thousand such lines) */
			if (labels->n - n0 < 256)
				m.v[k].lang = label_lang(p, s, m.v[k].start, m.v[k].lang);
			labels->v[labels->n++] = m.v[k];
		}
	}
	free(m.v);
	if (rc == 0 && labels->n > n0)
		qsort(labels->v, labels->n, sizeof(hit), cmp_hit);
	return rc;
}

/* 1 when labels[0, n) has a label of another kind than kind in the block
 * of pos; *same set when it has one of that kind. */
static int
block_taken(const a2_stream *s, const hits *labels, size_t n, size_t pos, int kind, int *same)
{
	size_t blk = a2_stream_block_of(s, pos), a = s->bstart[blk], e = a2_stream_block_end(s, blk), i;

	*same = 0;
	for (i = label_lower(labels, a, 0); i < n && labels->v[i].start <= e; i++) {
		if (labels->v[i].kind != kind)
			return 1;
		*same = 1;
	}
	return 0;
}

/* The two sentences of the boxes by their structure (twin.c), after a text
 * named whose boxes no wording nor meaning found: the sentence naming the
 * Study Group and its negated twin, whatever the verb ("agrees that Study
 * Group 17 may ...", "does not agree that ...").  Not where a block holds
 * a label of another kind, nor where the twins disagree with a label found
 * already.  labels (sorted) gains them, sorted again.  0 or -1. */
static int
add_structure(const a2_patterns *p, const a2_stream *s, const hits *anchors, hits *labels)
{
	const a2_twins *t = NULL;
	size_t a, i, n0 = labels->n;

	for (a = 0; a < anchors->n; a++) {
		size_t from = anchors->v[a].end, to = a + 1 < anchors->n ? anchors->v[a + 1].start : s->len;
		size_t ps, pe, ns, ne;
		int has[L__COUNT] = {0}, lang, r, same_p, same_n;
		if (to <= from)
			continue;
		for (i = label_lower(labels, from, 0); i < n0 && labels->v[i].start < to; i++)
			has[labels->v[i].kind] = 1;
		if (has[L_ASSIGNS] && has[L_NOT])
			continue;
		if (t == NULL && (t = need_twins(p)) == NULL)
			return -1;
		if ((r = a2_twins_find(t, s, from, to, &ps, &pe, &ns, &ne, &lang)) < 0)
			return -1;
		if (r == 0 || block_taken(s, labels, n0, ps, L_ASSIGNS, &same_p) ||
		    block_taken(s, labels, n0, ns, L_NOT, &same_n))
			continue;
		for (i = 0; i < 2; i++) {
			hit *h;
			if (i == 0 ? same_p : same_n)
				continue;
			if (a2_grow((void **)&labels->v, &labels->cap, labels->n + 1, sizeof(hit)) != 0)
				return -1;
			h = &labels->v[labels->n++];
			memset(h, 0, sizeof(*h));
			h->start = i == 0 ? ps : ns;
			h->end = i == 0 ? pe : ne;
			h->kind = i == 0 ? L_ASSIGNS : L_NOT;
			h->text = -1;
			h->twin = 1;
			h->lang = label_lang(p, s, h->start, lang);
		}
	}
	if (labels->n > n0)
		qsort(labels->v, labels->n, sizeof(hit), cmp_hit);
	return 0;
}

/* 1 when a text named has not both its boxes' labels. */
static int
boxes_missing(const hits *anchors, const hits *labels, size_t n_texts)
{
	return !labelled(anchors, labels, n_texts, 1u << L_ASSIGNS | 1u << L_NOT, 1);
}

/* The record's language: the wording most of the labels are in (the
 * first wording, English, on a tie); none when no label is found. */
static int
set_lang(const a2_form *form, const hits *h, a2_record *rec)
{
	size_t i, best = 0, cnt[64] = {0};

	for (i = 0; i < h->n; i++)
		if (h->v[i].lang >= 0 && (size_t)h->v[i].lang < 64)
			cnt[h->v[i].lang]++;
	for (i = 1; i < form->n_wordings && i < 64; i++)
		if (cnt[i] > cnt[best])
			best = i;
	free(rec->lang);
	rec->lang = NULL;
	if (cnt[best] == 0)
		return 0;
	return (rec->lang = a2_strdup(form->wordings[best].lang)) == NULL ? -1 : 0;
}

/* ---- glyph marks in the text ---- */

static int
on_glyph(unsigned cp)
{
	return a2_glyph_state(cp) == A2_ON;
}

static int
off_glyph(unsigned cp)
{
	return a2_glyph_state(cp) == A2_OFF;
}

static int
is_space_cp(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
	    (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x3000;
}

/* Sets bit i of cov for every byte i inside a hit of h (a bit, not a
 * byte, per byte of text: an eighth of the memory on a large reply). */
static void
cover(unsigned char *cov, size_t len, const hits *h)
{
	size_t i, k;

	for (i = 0; i < h->n; i++) {
		size_t a = h->v[i].start, b = h->v[i].end < len ? h->v[i].end : len;
		for (k = a; k < b && (k & 7); k++)
			cov[k >> 3] |= (unsigned char)(1u << (k & 7));
		if (k + 8 <= b) {
			memset(cov + (k >> 3), 0xFF, (b - k) >> 3);
			k += (b - k) & ~(size_t)7;
		}
		for (; k < b; k++)
			cov[k >> 3] |= (unsigned char)(1u << (k & 7));
	}
}

static int
covered(const unsigned char *cov, size_t i)
{
	return (cov[i >> 3] >> (i & 7)) & 1;
}

static int
add_glyph(a2_stream *s, size_t pos, size_t end, a2_tri st, int typed)
{
	a2_smark *m;

	if (a2_grow((void **)&s->marks, &s->cap_marks, s->n_marks + 1, sizeof(a2_smark)) != 0)
		return -1;
	m = &s->marks[s->n_marks++];
	memset(m, 0, sizeof(*m));
	m->pos = pos;
	m->end = end;
	m->block = a2_stream_block_of(s, pos);
	m->kind = A2_MK_GLYPH;
	m->state = st;
	m->typed = typed;
	m->label = -1;
	return 0;
}

/* Boundary for a typed X: start/end of text, space, or bracket-like. */
static int
xbound(const char *t, size_t len, size_t i, int before)
{
	unsigned char c;
	if (before ? i == 0 : i >= len)
		return 1;
	c = (unsigned char)t[before ? i - 1 : i];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		return 1;
	if (before ? (c == '(' || c == '[' || c == '|' || c == ':') : (c == ')' || c == ']' || c == '|' || c == ':' || c == ','))
		return 1;
	/* non-breaking space */
	if (!before && i + 1 < len && c == 0xC2 && (unsigned char)t[i + 1] == 0xA0)
		return 1;
	if (before && i >= 2 && c == 0xA0 && (unsigned char)t[i - 2] == 0xC2)
		return 1;
	return 0;
}

/* Bracketed forms: [X] [x] |X| (X) [ ] |_| ( ) []  -> length, state. */
static size_t
bracket_form(const char *t, size_t len, size_t i, a2_tri *st)
{
	char open = t[i], close;
	size_t j = i + 1, inner = 0;
	int x = 0;

	if (open == '[')
		close = ']';
	else if (open == '|')
		close = '|';
	else if (open == '(')
		close = ')';
	else
		return 0;
	while (j < len && j - i <= 4) {
		char c = t[j];
		if (c == close)
			break;
		if (c == 'X' || c == 'x' || c == '*' || c == 'v' || c == 'V')
			x++;
		else if (c != ' ' && c != '_')
			return 0;
		inner++;
		j++;
	}
	if (j >= len || t[j] != close || x > 1)
		return 0;
	if (open == '(' && inner == 0)
		return 0;             /* "()" is too common in text */
	if (open == '|' && !x && inner != 1)
		return 0;
	*st = x ? A2_ON : A2_OFF;
	return j + 1 - i;
}

/* The bytes scan_glyphs() looks at: every byte from 0x80 and the ASCII
 * that may start a mark ("[X]", "|X|", "(X)", a typed X). */
static const unsigned char glyph_byte[256] = {
	['['] = 1, ['|'] = 1, ['('] = 1, ['X'] = 1, ['x'] = 1,
	[0x80] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0xA0] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0xC0] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0xE0] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static int
scan_glyphs(a2_stream *s, const hits *anchors, const hits *labels)
{
	size_t i = 0;
	const char *t = s->text;
	/* the bytes of the anchors and labels: a glyph is never looked for
	 * inside them (one pass over the hits, not one per byte of text) */
	unsigned char *cov = calloc(s->len / 8 + 1, 1);

	if (cov == NULL)
		return -1;
	cover(cov, s->len, anchors);
	cover(cov, s->len, labels);
	while (i < s->len) {
		unsigned cp, cp2 = 0;
		size_t k, k2 = 0;
		a2_tri st;
		unsigned char c = (unsigned char)t[i];

		/* most bytes: ASCII that is no mark, nor the start of one, and not
		 * followed by a combining circle (U+20DD, E2 83 9D; t[len] is the
		 * stream's NUL) */
		if (glyph_byte[c] == 0 && (unsigned char)t[i + 1] != 0xE2) {
			i++;
			continue;
		}
		k = a2_utf8_next(t + i, s->len - i, &cp);
		if (covered(cov, i)) {
			i += k;
			continue;
		}
		if (i + k < s->len)
			k2 = a2_utf8_next(t + i + k, s->len - i - k, &cp2);
		if (cp2 == 0x20DD && cp != 0x20DD && !is_space_cp(cp)) {
			/* a character enclosed in a circle: "X⃝" is a ticked option */
			int on = cp == 'X' || cp == 'x' || on_glyph(cp) || cp == 0x2022 || cp == '*';
			if (add_glyph(s, i, i + k + k2, on ? A2_ON : A2_UNKNOWN, cp == 'X' || cp == 'x') != 0)
				goto fail;
			i += k + k2;
			continue;
		}
		if (on_glyph(cp) || off_glyph(cp)) {
			if (add_glyph(s, i, i + k, on_glyph(cp) ? A2_ON : A2_OFF, 0) != 0)
				goto fail;
			i += k;
			continue;
		}
		if (cp == '[' || cp == '|' || cp == '(') {
			size_t bl = bracket_form(t, s->len, i, &st);
			if (bl > 0) {
				if (add_glyph(s, i, i + bl, st, 1) != 0)
					goto fail;
				i += bl;
				continue;
			}
		}
		if ((cp == 'X' || cp == 'x') && xbound(t, s->len, i, 1) && xbound(t, s->len, i + 1, 0)) {
			if (add_glyph(s, i, i + 1, A2_ON, 1) != 0)
				goto fail;
		}
		i += k;
	}
	free(cov);
	return 0;
fail:
	free(cov);
	return -1;
}

/* ---- tying marks to labels ---- */

/* A letter or digit: what a label and its mark may not have between them
 * (white space, punctuation, dashes and ballot glyphs may). */
static int
is_word_cp(unsigned cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 0xC0 && !is_space_cp(cp) && !on_glyph(cp) && !off_glyph(cp) &&
	     !(cp >= 0x2010 && cp <= 0x206F));
}

/* The start of the first word character at or after a, or s->len.  The
 * last answer is kept: [from, to) holds no word, so that the marks of one
 * long run of glyphs, asked about in order, cost one pass over it. */
typedef struct wmemo {
	size_t from, to;
	int set;
} wmemo;

static size_t
next_word(const a2_stream *s, size_t a, wmemo *w)
{
	size_t i = a;

	if (w->set && a >= w->from && a <= w->to)
		return w->to;
	while (i < s->len) {
		unsigned cp;
		size_t k = a2_utf8_next(s->text + i, s->len - i, &cp);
		if (is_word_cp(cp))
			break;
		i += k;
	}
	if (i > s->len)
		i = s->len;
	w->from = a;
	w->to = i;
	w->set = 1;
	return i;
}

/* The first mark (sorted by position) at or after pos. */
static size_t
mark_lower(const a2_stream *s, size_t pos)
{
	size_t lo = 0, hi = s->n_marks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->marks[mid].pos < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first label (sorted by start) starting at or after pos (after: with
 * strict, the first starting after pos). */
static size_t
label_lower(const hits *h, size_t pos, int strict)
{
	size_t lo = 0, hi = h->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h->v[mid].start < pos || (strict && h->v[mid].start == pos))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* 1 when a mark other than self lies in [a,b) (it starts there and ends by
 * b).  Marks are sorted by position and glyphs do not overlap: the search
 * looks at the few marks from a on that start before b. */
static int
mark_between(const a2_stream *s, size_t self, size_t a, size_t b, size_t *steps)
{
	size_t k;

	for (k = mark_lower(s, a); k < s->n_marks && s->marks[k].pos < b; k++) {
		(*steps)++;
		if (k != self && s->marks[k].end <= b)
			return 1;
	}
	return 0;
}

static int
cmp_smark(const void *a, const void *b)
{
	const a2_smark *x = a, *y = b;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Ties each mark to a label (m->label), by position:
 *   1. a label after the mark in the same block, nothing but white space
 *      and punctuation between ("☒ assigns authority ...");
 *   2. a label before it in the same block, the mark ending the block
 *      ("... approval  X");
 *   3. a mark alone in its block (a cell of its own), the label opening
 *      the next block.
 * With no other mark between them.  Labels are sorted by start and marks by
 * position: each mark costs a few binary searches, and the word scans are
 * shared by the marks of a run, so a document of a million glyphs is read
 * in proportionate time.  Returns 0, -1, or -2 when labels overlapping one
 * another in a way no form has make the search for step 2 exceed its
 * budget (a limit: no answer of the document can be trusted). */
static int
tie_marks(a2_stream *s, hits *labels)
{
	size_t i, j, steps = 0, budget = 64 * (s->n_marks + labels->n) + 1000000;
	size_t *maxend = NULL;   /* maxend[j]: the latest end of labels 0..j */
	wmemo wm = {0}, wb = {0}, wn = {0};

	if (labels->n > 0 && (maxend = malloc(labels->n * sizeof(*maxend))) == NULL)
		return -1;
	for (j = 0; j < labels->n; j++)
		maxend[j] = j > 0 && maxend[j - 1] > labels->v[j].end ? maxend[j - 1] : labels->v[j].end;
	for (i = 0; i < s->n_marks; i++) {
		a2_smark *m = &s->marks[i];
		size_t bend = a2_stream_block_end(s, m->block), after = next_word(s, m->end, &wm);
		int best = -1;

		/* 1.  The first label at or after the mark; a later one has all
		 *     that lies before the first between it and the mark (the
		 *     first label's words included), so it cannot do better. */
		j = label_lower(labels, m->end, 0);
		if (j < labels->n && labels->v[j].start <= bend && after >= labels->v[j].start &&
		    !mark_between(s, i, m->end, labels->v[j].start, &steps))
			best = (int)j;
		/* 2.  The last label ending before the mark with no other mark
		 *     after its end: q is the latest mark before this one. */
		if (best < 0 && after >= bend && !mark_between(s, i, m->end, bend, &steps)) {
			size_t bstart = s->bstart[m->block], q = 0, k;
			int have_q = 0;
			for (k = mark_lower(s, m->pos); k-- > 0;) {   /* those before m->pos */
				steps++;
				if (s->marks[k].end <= m->pos) {
					q = s->marks[k].pos;
					have_q = 1;
					break;
				}
			}
			for (j = label_lower(labels, m->pos, 1); j-- > 0 && labels->v[j].start >= bstart;) {
				hit *l = &labels->v[j];
				if (have_q && maxend[j] <= q)
					break;   /* every label from here down ends before q */
				if (l->end <= m->pos && (!have_q || l->end > q)) {
					best = (int)j;
					break;
				}
				if (++steps > budget)
					goto limit;
			}
		}
		/* 3.  Alone in its block: the first label of the next block (past
		 *     at most two empty ones), as in 1. */
		if (best < 0 && m->block + 1 < s->n_blocks && after >= bend &&
		    next_word(s, s->bstart[m->block], &wb) >= m->pos) {
			size_t nb = m->block + 1;
			while (nb < s->n_blocks && nb <= m->block + 3 && s->bstart[nb + 1] - s->bstart[nb] <= 1)
				nb++;
			if (nb < s->n_blocks) {
				j = label_lower(labels, s->bstart[nb], 0);
				if (j < labels->n && labels->v[j].start < s->bstart[nb + 1] &&
				    next_word(s, s->bstart[nb], &wn) >= labels->v[j].start &&
				    !mark_between(s, i, s->bstart[nb], labels->v[j].start, &steps))
					best = (int)j;
			}
		}
		/* a typed X counts only when it stands right beside a label */
		m->label = best;
		if (steps > budget)
			goto limit;
	}
	free(maxend);
	return 0;
limit:
	free(maxend);
	return -2;
}

/* ---- deciding ---- */

typedef struct box {
	int present, count;   /* labels found */
	int on, off, unknown, disagree;
	int struck, emph;
	int twin;             /* its label found by its structure only */
	const a2_smark *evidence;
	const a2_smark *unknown_ev;   /* a mark whose state is unknown */
} box;

static const char *
evidence_of(const a2_smark *m)
{
	if (m == NULL)
		return NULL;
	if (m->kind == A2_MK_GLYPH)
		return m->typed ? "text" : "glyph";
	return a2_mark_kind_name(m->kind);
}

static int
set_answer(a2_answer *a, a2_authority au, a2_comments co, a2_status st, const char *ev)
{
	a->authority = au;
	a->comments = co;
	a->status = st;
	free(a->evidence);
	a->evidence = NULL;
	if (ev != NULL && (a->evidence = a2_strdup(ev)) == NULL)
		return -1;
	return 0;
}

/* An option read only because the other one is struck or deleted. */
static int
option_inferred(a2_record *rec, a2_answer *a, const char *chosen, const char *how)
{
	if (a->status == A2_ST_INFERRED && a2_record_has_problem(rec, "inferred", a->rec))
		return 0;   /* the vote was read the same way: said once */
	a->status = A2_ST_INFERRED;
	return a2_record_add_problem(rec, "inferred", a->rec,
	    "%s: no option is marked, the other one was %s; read as \"%s\"", a->rec, how, chosen);
}

/* Why the state of box b (the box of label `name`) is unknown, by the kind
 * of mark: a constant, or the message written into buf. */
static const char *
unknown_why(const box *b, const char *name, char *buf, size_t n)
{
	const a2_smark *m = b->unknown_ev;

	if (m == NULL || m->kind != A2_MK_PDF_DRAWING)
		return "a box is an ActiveX control whose state cannot be read";
	if (m->flags & A2_MF_NO_BOX)
		snprintf(buf, n, "no printed box was found beside \"%s\" on the scanned page (the box, or the "
		    "mark over it, not recognised)", name);
	else if (m->flags & A2_MF_LOW_CONF)
		snprintf(buf, n, "the box of \"%s\" is marked, but the line of its label was read by OCR with "
		    "low confidence", name);
	else
		return "a box drawn on the page holds some ink, too little to be read as a mark "
		    "and too much to be read as empty";
	return buf;
}

static int
decide(a2_record *rec, a2_answer *a, box *bx, int anchor_found, int stray_on)
{
	box *A = &bx[L_ASSIGNS], *B = &bx[L_NOT], *N = &bx[L_NONE], *C = &bx[L_ATTACHED];
	const char *r = a->rec;
	char why[160];
	int opt_on = N->on + C->on > 0;
	int rc = 0;

	if (!anchor_found) {
		rc |= set_answer(a, A2_AUTH_NULL, A2_COM_NULL, A2_ST_MISSING, NULL);
		rc |= a2_record_add_problem(rec, "missing", r, "%s is not in the document", r);
		return rc;
	}
	if (A->count > 1 || B->count > 1) {
		rc |= set_answer(a, A2_AUTH_NULL, A2_COM_NULL, A2_ST_UNCLEAR, NULL);
		rc |= a2_record_add_problem(rec, "unclear", r,
		    "%s: its boxes appear more than once (has a heading been deleted?)", r);
		return rc;
	}
	if (A->disagree || B->disagree || (A->unknown && !A->on) || (B->unknown && !B->on)) {
		rc |= set_answer(a, A2_AUTH_NULL, A2_COM_NULL, A2_ST_UNCLEAR, NULL);
		rc |= a2_record_add_problem(rec, "unclear", r, "%s: %s", r,
		    A->disagree || B->disagree ?
		    "a checkbox's state and the symbol it shows disagree" :
		    A->unknown && !A->on ? unknown_why(A, "assigns", why, sizeof(why)) :
		    unknown_why(B, "does not assign", why, sizeof(why)));
		return rc;
	}
	if (A->on && B->on) {
		rc |= set_answer(a, A2_AUTH_NULL, A2_COM_NULL, A2_ST_CONFLICT, NULL);
		rc |= a2_record_add_problem(rec, "conflict", r, "%s: both boxes are marked", r);
		return rc;
	}
	if (B->on && opt_on) {
		rc |= set_answer(a, A2_AUTH_NULL, A2_COM_NULL, A2_ST_CONFLICT, NULL);
		rc |= a2_record_add_problem(rec, "conflict", r,
		    "%s: \"does not assign\" is marked together with an option of \"assigns\"", r);
		return rc;
	}
	if (A->on) {
		rc |= set_answer(a, A2_AUTH_ASSIGNS, A2_COM_NULL, A2_ST_OK, evidence_of(A->evidence));
	} else if (B->on) {
		rc |= set_answer(a, A2_AUTH_NOT, A2_COM_NULL, A2_ST_OK, evidence_of(B->evidence));
		return rc;
	} else if (opt_on) {
		rc |= set_answer(a, A2_AUTH_ASSIGNS, A2_COM_NULL, A2_ST_INFERRED,
		    evidence_of(N->on ? N->evidence : C->evidence));
		rc |= a2_record_add_problem(rec, "inferred", r,
		    "%s: an option is marked but not the \"assigns\" box; read as assigns", r);
	} else if (stray_on) {
		rc |= set_answer(a, A2_AUTH_NULL, A2_COM_NULL, A2_ST_UNCLEAR, NULL);
		rc |= a2_record_add_problem(rec, "unclear", r, "%s: a mark stands where no box is", r);
		return rc;
	} else if (A->present && !A->struck && (!B->present || B->struck)) {
		rc |= set_answer(a, A2_AUTH_ASSIGNS, A2_COM_NULL, A2_ST_INFERRED, B->present ? "struck" : "deleted");
		rc |= a2_record_add_problem(rec, "inferred", r, "%s: \"does not assign\" was %s; read as assigns",
		    r, B->present ? "struck through" : "deleted");
	} else if (B->present && !B->struck && (!A->present || A->struck)) {
		rc |= set_answer(a, A2_AUTH_NOT, A2_COM_NULL, A2_ST_INFERRED, A->present ? "struck" : "deleted");
		rc |= a2_record_add_problem(rec, "inferred", r, "%s: \"assigns\" was %s; read as does not assign",
		    r, A->present ? "struck through" : "deleted");
		return rc;
	} else if (A->emph != B->emph) {
		/* one choice highlighted or bold, the other not, no box marked */
		rc |= set_answer(a, A2_AUTH_NULL, A2_COM_NULL, A2_ST_UNCLEAR, NULL);
		rc |= a2_record_add_problem(rec, "unclear", r,
		    "%s: a choice is highlighted but no box is marked", r);
		return rc;
	} else {
		rc |= set_answer(a, A2_AUTH_NULL, A2_COM_NULL, A2_ST_MISSING, NULL);
		rc |= a2_record_add_problem(rec, "missing", r, "%s: no box is marked", r);
		return rc;
	}
	/* assigns: the option; a doubtful mark on either option decides nothing */
	if (N->disagree || C->disagree || (N->unknown && !C->on) || (C->unknown && !N->on)) {
		rc |= a2_record_add_problem(rec, "option-unclear", r, "%s: %s", r,
		    N->disagree || C->disagree ? "an option's checkbox state and the symbol it shows disagree" :
		    N->unknown && N->unknown_ev && N->unknown_ev->kind == A2_MK_PDF_DRAWING ?
		    unknown_why(N, "No comments", why, sizeof(why)) :
		    C->unknown && C->unknown_ev && C->unknown_ev->kind == A2_MK_PDF_DRAWING ?
		    unknown_why(C, "Comments attached", why, sizeof(why)) :
		    "an option mark cannot be read");
	} else if (N->on && C->on) {
		rc |= a2_record_add_problem(rec, "option-conflict", r, "%s: both options are marked", r);
	} else if (N->on) {
		a->comments = A2_COM_NONE;
	} else if (C->on) {
		a->comments = A2_COM_ATTACHED;
	} else if ((N->present && !N->struck && C->present && C->struck) ||
	    (N->present && !C->present && C->count == 0 && A->present && !A->twin)) {
		/* decided only by the other option struck or deleted: the form was
		 * not filled as asked (SPEC), so the text is inferred */
		a->comments = A2_COM_NONE;
		rc |= option_inferred(rec, a, "No comments", C->present ? "struck through" : "deleted");
	} else if ((C->present && !C->struck && N->present && N->struck) ||
	    (C->present && !N->present && A->present && !A->twin)) {
		a->comments = A2_COM_ATTACHED;
		rc |= option_inferred(rec, a, "Comments attached", N->present ? "struck through" : "deleted");
	} else if (N->emph != C->emph) {
		rc |= a2_record_add_problem(rec, "option-unclear", r,
		    "%s: an option is highlighted but not marked", r);
	} else {
		rc |= a2_record_add_problem(rec, "option-missing", r,
		    "%s: \"assigns\" is marked but neither option is", r);
	}
	return rc;
}

/* Boxes drawn, not written: a label that opens its block with no mark
 * before it is shown to the front end, which may find a box drawn there
 * (a PDF's lines) and say how it is filled.  Marks stay sorted.  0, -1,
 * or -2 when the front end could not look within its limits. */
static int
probe_boxes(const a2_doc *doc, a2_stream *s, const hits *labels)
{
	size_t j, added = 0;
	size_t last = (size_t)-1;

	for (j = 0; j < labels->n; j++) {
		const hit *l = &labels->v[j];
		size_t blk = a2_stream_block_of(s, l->start), k;
		wmemo w = {0};
		a2_mark m;
		a2_smark *sm;
		int r;
		if (blk == last || next_word(s, s->bstart[blk], &w) < l->start)
			continue;
		last = blk;
		k = mark_lower(s, s->bstart[blk]);
		if (k < s->n_marks && s->marks[k].pos <= l->start)
			continue;   /* a mark stands before the label already */
		if ((r = doc->probe((a2_doc *)(uintptr_t)doc, blk, &m)) < 0)
			return r;   /* -1, or -2: the document could not be looked at within its limits */
		if (r == 0)
			continue;
		if (a2_grow((void **)&s->marks, &s->cap_marks, s->n_marks + 1, sizeof(a2_smark)) != 0)
			return -1;
		sm = &s->marks[s->n_marks++];
		memset(sm, 0, sizeof(*sm));
		sm->pos = sm->end = s->bstart[blk];
		sm->block = blk;
		sm->kind = m.kind;
		sm->state = m.state;
		sm->flags = m.flags;
		sm->label = -1;
		added++;
	}
	if (added > 0)
		qsort(s->marks, s->n_marks, sizeof(a2_smark), cmp_smark);
	return 0;
}

/* Struck through where the text cannot say so (a PDF's line drawn over
 * words): the document is asked only about the labels whose strike could
 * decide something -- the two choices of a text with no box marked, the
 * two options of a text whose options are not marked -- so that a reply
 * filled as asked costs nothing.  0, -1, or -2 (a limit of the document). */
static int
struck_labels(const a2_doc *doc, const a2_stream *s, hits *labels, box *bx, const int *stray)
{
	size_t j;

	for (j = 0; j < labels->n; j++) {
		hit *l = &labels->v[j];
		box *b;
		size_t blk;
		int need, r;
		if (l->text < 0 || l->struck)
			continue;
		b = &bx[(size_t)l->text * L__COUNT];
		if (l->kind == L_ASSIGNS || l->kind == L_NOT)
			need = !b[L_ASSIGNS].on && !b[L_NOT].on && !b[L_NONE].on && !b[L_ATTACHED].on && !stray[l->text];
		else
			need = !b[L_NONE].on && !b[L_ATTACHED].on && !b[L_NOT].on;
		if (!need)
			continue;
		blk = a2_stream_block_of(s, l->start);
		if ((r = doc->struck((a2_doc *)(uintptr_t)doc, blk, l->start - s->bstart[blk],
		    l->end - s->bstart[blk])) < 0)
			return r;
		if (r == 1) {
			l->struck = 1;
			b[l->kind].struck = 1;
		}
	}
	return 0;
}

int
a2_match_answers(const a2_patterns *p, const a2_form *form, const a2_doc *doc, a2_stream *s,
    a2_record *rec)
{
	hits anchors = {0}, labels = {0};
	box *bx = NULL;
	int *found = NULL, *stray = NULL;
	size_t *first = NULL, *run_end = NULL;
	size_t i, j, a;
	int rc = -1, set, meant;

	rec->texts = calloc(form->n_texts ? form->n_texts : 1, sizeof(a2_answer));
	bx = calloc((form->n_texts ? form->n_texts : 1) * L__COUNT, sizeof(box));
	found = calloc(form->n_texts ? form->n_texts : 1, sizeof(int));
	stray = calloc(form->n_texts ? form->n_texts : 1, sizeof(int));
	first = calloc(form->n_texts ? form->n_texts : 1, sizeof(size_t));
	run_end = calloc(form->n_texts ? form->n_texts : 1, sizeof(size_t));
	if (rec->texts == NULL || bx == NULL || found == NULL || stray == NULL || first == NULL ||
	    run_end == NULL)
		goto out;
	rec->n_texts = form->n_texts;
	for (i = 0; i < form->n_texts; i++) {
		rec->texts[i].rec = a2_strdup(form->texts[i].rec);
		rec->texts[i].alias = a2_strdup(form->texts[i].alias);
		if (!rec->texts[i].rec || !rec->texts[i].alias) {
			rc = -1;
			goto out;
		}
		anchors.kind = (int)i;
		if ((rc = each_match(p, p->anchor[i], s, add_hit, &anchors)) != 0)
			goto out;
	}
	/* the first wording's labels (English); every language's when they
	 * are too few */
	labels.n_langs = p->n_langs;
	for (set = 2;; set = s->latin ? 1 : 0) {
		labels.n = 0;
		if (need_set(p, set) != 0)
			goto out;
		for (j = 0; j < L__COUNT; j++) {
			labels.kind = (int)j;
			if ((rc = each_match(p, p->sets->label[set][j], s, add_hit, &labels)) != 0)
				goto out;
		}
		/* the two choices of every text named at least: an English
		 * reply (some options may have been deleted) */
		if (set != 2 || p->n_langs == 1 || labels.n >= 2 * texts_named(&anchors, form->n_texts))
			break;
	}
	s->set = set;
	rc = -1;
	if (anchors.n > 1)
		qsort(anchors.v, anchors.n, sizeof(hit), cmp_hit);
	if (labels.n > 1)
		qsort(labels.v, labels.n, sizeof(hit), cmp_hit);
	/* the labels by meaning only where a text named has none of the
	 * wording's (a reply on another edition of the form); not for a reply
	 * whose options were deleted */
	meant = !all_labelled(&anchors, &labels, form->n_texts);
	if (meant && (rc = add_meaning(p, s, &labels)) != 0)
		goto out;
	rc = -1;
	/* the boxes' sentences by their structure where a text named lacks
	 * one (a reply on another edition, or one whose sentence was deleted);
	 * when found, the options by meaning too (the edition's options may
	 * be worded otherwise than ours: one of ours found is not both) */
	if (boxes_missing(&anchors, &labels, form->n_texts)) {
		size_t n0 = labels.n;
		if (add_structure(p, s, &anchors, &labels) != 0)
			goto out;
		if (!meant && labels.n > n0 && (rc = add_meaning(p, s, &labels)) != 0)
			goto out;
		rc = -1;
	}
	drop_overlaps(&labels);
	if (set_lang(form, &labels, rec) != 0)
		goto out;
	/* glyphs typed as text, then every mark in document order */
	if (scan_glyphs(s, &anchors, &labels) != 0)
		goto out;
	if (s->n_marks > 1)
		qsort(s->marks, s->n_marks, sizeof(a2_smark), cmp_smark);
	if (doc != NULL && doc->probe != NULL && (rc = probe_boxes(doc, s, &labels)) != 0)
		goto out;
	rc = -1;
	/* each label belongs to the text named last before it */
	for (j = 0, i = 0; j < labels.n; j++) {
		hit *l = &labels.v[j];
		size_t blk = a2_stream_block_of(s, l->start);
		while (i < anchors.n && anchors.v[i].start < l->start)
			i++;
		l->text = i > 0 ? anchors.v[i - 1].kind : -1;
		l->xend = a2_stream_block_end(s, blk);
		l->struck = mostly(s, l->start, l->end, A2_SF_STRUCK);
		l->emph = mostly(s, l->start, l->end, A2_SF_HIGHLIGHT | A2_SF_BOLD);
	}
	/* a text counts as found when a label follows its anchor */
	for (j = 0; j < labels.n; j++)
		if (labels.v[j].text >= 0)
			found[labels.v[j].text] = 1;
	if ((rc = tie_marks(s, &labels)) != 0)
		goto out;
	rc = -1;
	for (j = 0; j < labels.n; j++) {
		hit *l = &labels.v[j];
		box *b;
		if (l->text < 0)
			continue;
		b = &bx[(size_t)l->text * L__COUNT + (size_t)l->kind];
		b->count++;
		b->present = 1;
		b->struck = l->struck;
		b->emph |= l->emph;
		b->twin |= l->twin;
	}
	/* each text's first label, and the end of the run of labels it opens */
	for (i = 0; i < form->n_texts; i++)
		first[i] = run_end[i] = labels.n;
	for (j = 0; j < labels.n; j++) {
		int t = labels.v[j].text;
		if (t >= 0 && first[t] == labels.n) {
			first[t] = j;
			for (run_end[t] = j; run_end[t] < labels.n && labels.v[run_end[t]].text == t; run_end[t]++)
				;
		}
	}
	for (i = 0, a = 0; i < s->n_marks; i++) {
		const a2_smark *m = &s->marks[i];
		box *b;
		/* the text named last before the mark (marks and anchors in order) */
		while (a < anchors.n && anchors.v[a].start < m->pos)
			a++;
		if (m->label < 0) {
			/* an unexplained ON mark inside a text's table section: after
			 * the text's first label, before the next text's labels */
			int t = a > 0 ? anchors.v[a - 1].kind : -1;
			if (t >= 0 && m->state == A2_ON && !m->typed && found[t] && first[t] < labels.n &&
			    labels.v[first[t]].start < m->pos &&
			    (run_end[t] == labels.n || labels.v[run_end[t]].start > m->pos))
				stray[t] = 1;
			continue;
		}
		if (labels.v[m->label].text < 0)
			continue;
		b = &bx[(size_t)labels.v[m->label].text * L__COUNT + (size_t)labels.v[m->label].kind];
		if (m->flags & A2_MF_DISAGREE)
			b->disagree = 1;
		if (m->state == A2_ON) {
			if (!b->on || (b->evidence && b->evidence->kind == A2_MK_GLYPH && m->kind != A2_MK_GLYPH))
				b->evidence = m;
			b->on++;
		} else if (m->state == A2_OFF) {
			b->off++;
		} else {
			b->unknown++;
			b->unknown_ev = m;
		}
	}
	if (doc != NULL && doc->struck != NULL && (rc = struck_labels(doc, s, &labels, bx, stray)) != 0)
		goto out;
	rc = -1;
	for (i = 0; i < form->n_texts; i++)
		if (decide(rec, &rec->texts[i], &bx[i * L__COUNT], found[i], stray[i]) != 0)
			goto out;
	rc = 0;
out:
	free(anchors.v);
	free(labels.v);
	free(bx);
	free(found);
	free(stray);
	free(first);
	free(run_end);
	return rc;
}
