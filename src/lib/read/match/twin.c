/* read/match/twin.c -- a reply on an edition of the form that none of the
 * consultation's wordings matches (a published edition words its sentences
 * its own way): the two sentences of a text's boxes found by their
 * structure, whatever their verb, and the language of a line by the words
 * only that language has.  Used by the matcher (match.c) only where the
 * wordings found too little, so that a reply on the form costs nothing. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/util.h"
#include "read/match/twin.h"

enum { MAX_LANGS = 32, MAX_CANDS = 16, MAX_TOKENS = 64, SENTENCE_MAX = 400 };

enum { SC_LATIN = 1, SC_CYRILLIC = 2, SC_ARABIC = 4, SC_HAN = 8 };

typedef struct word {
	char *w;              /* casefolded */
	unsigned langs;       /* bit l: wordings[l] has it */
} word;

struct a2_twins {
	size_t n_langs;
	word *neg;            /* negation words, one entry per language and word */
	size_t n_neg, cap_neg;
	word *voc;            /* the vocabulary, sorted, one entry per word */
	size_t n_voc, cap_voc;
	word *stems;          /* <meaning> words ending in '*' */
	size_t n_stems, cap_stems;
	unsigned script[MAX_LANGS];   /* SC_* of every letter of the wording */
	char *sgn;            /* the Study Group's number, "17" */
};

static int
is_han(unsigned cp)
{
	return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0x20000 && cp <= 0x3134F);
}

static int
is_letter(unsigned cp)
{
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME);
}

static int
is_digit(unsigned cp)
{
	return cp >= '0' && cp <= '9';
}

static unsigned
script_of(unsigned cp)
{
	if (is_han(cp))
		return SC_HAN;
	if (cp >= 0x400 && cp <= 0x52F)
		return SC_CYRILLIC;
	if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) || (cp >= 0xFB50 && cp <= 0xFEFF))
		return SC_ARABIC;
	if (cp < 0x250)
		return SC_LATIN;
	return 0;
}

/* The next token of t[*i, len): a run of letters, a run of digits, or one
 * Han character; [*a, *b) its bytes.  0 at the end. */
static int
next_token(const char *t, size_t len, size_t *i, size_t *a, size_t *b)
{
	unsigned cp = 0;
	size_t k;

	while (*i < len) {
		k = a2_utf8_next(t + *i, len - *i, &cp);
		if (is_letter(cp) || is_digit(cp))
			break;
		*i += k;
	}
	if (*i >= len)
		return 0;
	*a = *i;
	*i += a2_utf8_next(t + *i, len - *i, &cp);
	if (!is_han(cp)) {
		int digit = is_digit(cp);
		while (*i < len) {
			unsigned c2;
			k = a2_utf8_next(t + *i, len - *i, &c2);
			if (is_han(c2) || (digit ? !is_digit(c2) : !is_letter(c2)))
				break;
			*i += k;
		}
	}
	*b = *i;
	return 1;
}

/* s[0, len) casefolded (lower case), a new string; NULL out of memory. */
static char *
fold(const char *s, size_t len)
{
	a2_buf b = {0};
	size_t i = 0;

	while (i < len) {
		unsigned cp;
		size_t k = a2_utf8_next(s + i, len - i, &cp);
		if (cp < 0x80) {
			a2_buf_putc(&b, (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
		} else {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t n = utf8proc_encode_char(utf8proc_tolower((utf8proc_int32_t)cp), enc);
			a2_buf_add(&b, enc, n > 0 ? (size_t)n : 0);
		}
		i += k;
	}
	a2_buf_putc(&b, '\0');
	if (b.failed) {
		a2_buf_free(&b);
		return NULL;
	}
	return b.data;
}

static int
add_word(word **v, size_t *n, size_t *cap, const char *w, size_t len, unsigned langs)
{
	char *f;

	if (len == 0)
		return 0;
	if ((f = fold(w, len)) == NULL)
		return -1;
	if (a2_grow((void **)v, cap, *n + 1, sizeof(word)) != 0) {
		free(f);
		return -1;
	}
	(*v)[*n].w = f;
	(*v)[*n].langs = langs;
	(*n)++;
	return 0;
}

/* The tokens of a normalised piece of wording into the vocabulary, and its
 * letters' scripts into the language's. */
static int
add_text(a2_twins *t, const char *s, size_t l)
{
	size_t i = 0, a, b, len = strlen(s);

	while (next_token(s, len, &i, &a, &b)) {
		unsigned cp;
		a2_utf8_next(s + a, b - a, &cp);
		if (is_digit(cp))
			continue;
		t->script[l] |= script_of(cp);
		if (add_word(&t->voc, &t->n_voc, &t->cap_voc, s + a, b - a, 1u << l) != 0)
			return -1;
	}
	return 0;
}

/* A <meaning> list ("autoris*|donne mandat|n'"): stems to the stems, whole
 * words to the vocabulary (a phrase's words each). */
static int
add_list(a2_twins *t, const char *list, size_t l)
{
	const char *p = list;

	while (*p) {
		const char *e = p + strcspn(p, "|");
		if (e > p && e[-1] == '*') {
			if (add_word(&t->stems, &t->n_stems, &t->cap_stems, p, (size_t)(e - 1 - p), 1u << l) != 0)
				return -1;
		} else {
			char *one = a2_strndup(p, (size_t)(e - p));
			int r = one == NULL ? -1 : add_text(t, one, l);
			free(one);
			if (r != 0)
				return -1;
		}
		p = *e ? e + 1 : e;
	}
	return 0;
}

static int
cmp_word(const void *a, const void *b)
{
	return strcmp(((const word *)a)->w, ((const word *)b)->w);
}

/* The negation words of wordings[l], each its own entry. */
static int
add_negations(a2_twins *t, const char *list, size_t l)
{
	const char *p = list;

	while (*p) {
		const char *e = p + strcspn(p, "|");
		size_t n = (size_t)(e - p);
		/* an elision ("n'") is the word without its apostrophe */
		while (n > 0 && (p[n - 1] == '\'' || p[n - 1] == '*'))
			n--;
		if (add_word(&t->neg, &t->n_neg, &t->cap_neg, p, n, 1u << l) != 0)
			return -1;
		p = *e ? e + 1 : e;
	}
	return 0;
}

a2_twins *
a2_twins_new(const a2_form *form, a2_norm *norm)
{
	a2_twins *t = calloc(1, sizeof(*t));
	size_t l, k, n;

	if (t == NULL)
		return NULL;
	t->n_langs = form->n_wordings < MAX_LANGS ? form->n_wordings : MAX_LANGS;
	if ((t->sgn = a2_strdup(form->sg_number ? form->sg_number : "")) == NULL)
		goto fail;
	for (l = 0; l < t->n_langs; l++) {
		const a2_wording *wd = &form->wordings[l];
		for (k = 0; k < A2_W__COUNT + wd->n_also + A2_M__COUNT; k++) {
			const char *src = k < A2_W__COUNT ? wd->w[k] :
			    k < A2_W__COUNT + wd->n_also ? wd->also[k - A2_W__COUNT].text :
			    wd->mean[k - A2_W__COUNT - wd->n_also];
			char *s;
			int r;
			if (src == NULL)
				continue;
			if ((s = a2_norm_str(norm, src)) == NULL)
				goto fail;
			if (k < A2_W__COUNT + wd->n_also)
				r = add_text(t, s, l);
			else if (k - A2_W__COUNT - wd->n_also == A2_M_NEGATION)
				r = add_negations(t, s, l) != 0 || add_list(t, s, l) != 0 ? -1 : 0;
			else
				r = add_list(t, s, l);
			free(s);
			if (r != 0)
				goto fail;
		}
	}
	/* one entry per word, with every language that has it */
	if (t->n_voc > 1)
		qsort(t->voc, t->n_voc, sizeof(word), cmp_word);
	for (k = 0, n = 0; k < t->n_voc; k++) {
		if (n > 0 && strcmp(t->voc[n - 1].w, t->voc[k].w) == 0) {
			t->voc[n - 1].langs |= t->voc[k].langs;
			free(t->voc[k].w);
			continue;
		}
		t->voc[n++] = t->voc[k];
	}
	t->n_voc = n;
	return t;
fail:
	a2_twins_free(t);
	return NULL;
}

void
a2_twins_free(a2_twins *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n_neg; i++)
		free(t->neg[i].w);
	for (i = 0; i < t->n_voc; i++)
		free(t->voc[i].w);
	for (i = 0; i < t->n_stems; i++)
		free(t->stems[i].w);
	free(t->neg);
	free(t->voc);
	free(t->stems);
	free(t->sgn);
	free(t);
}

/* The languages whose vocabulary holds the casefolded token w. */
static unsigned
voc_langs(const a2_twins *t, const char *w)
{
	size_t lo = 0, hi = t->n_voc, i;
	unsigned m = 0;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(t->voc[mid].w, w);
		if (c == 0) {
			m = t->voc[mid].langs;
			break;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = 0; i < t->n_stems; i++)
		if (strncmp(w, t->stems[i].w, strlen(t->stems[i].w)) == 0)
			m |= t->stems[i].langs;
	return m;
}

static int
one_bit(unsigned m)
{
	return m != 0 && (m & (m - 1)) == 0;
}

static int
bit_index(unsigned m)
{
	int i = 0;

	while (m > 1) {
		m >>= 1;
		i++;
	}
	return i;
}

int
a2_twins_lang(const a2_twins *t, const char *text, size_t len)
{
	size_t votes[MAX_LANGS] = {0}, i = 0, a, b, l, best = 0, n = 0;
	char *f;

	if (t == NULL || (f = fold(text, len)) == NULL)
		return -1;
	len = strlen(f);
	while (next_token(f, len, &i, &a, &b) && n++ < 4 * MAX_TOKENS) {
		unsigned cp, sc, m = 0;
		char c;
		a2_utf8_next(f + a, b - a, &cp);
		if (is_digit(cp))
			continue;
		sc = script_of(cp);
		for (l = 0; l < t->n_langs; l++)
			if (t->script[l] & sc)
				m |= 1u << l;
		if (!one_bit(m) || sc == SC_LATIN) {
			c = f[b];
			f[b] = '\0';
			m = voc_langs(t, f + a);
			f[b] = c;
		}
		if (one_bit(m))
			votes[bit_index(m)]++;
	}
	free(f);
	for (l = 1; l < t->n_langs; l++)
		if (votes[l] > votes[best])
			best = l;
	for (l = 0; l < t->n_langs; l++)
		if (l != best && votes[l] == votes[best])
			return -1;
	return votes[best] > 0 ? (int)best : -1;
}

/* ---- the two sentences of the boxes ---- */

typedef struct cand {
	size_t start, end;    /* first word to the parenthesis, colon or end */
	unsigned neg;         /* bit l: holds a negation word of wordings[l] */
} cand;

/* Where a label opens its block: after at most a box, a bracket or a typed
 * X (as the matcher's labels by meaning); 0 when the block opens otherwise. */
static int
label_start(const char *t, size_t a, size_t e, size_t *start)
{
	size_t i = a, lim = a + 16;
	unsigned cp = 0;

	while (i < e && i < lim) {
		size_t k = a2_utf8_next(t + i, e - i, &cp);
		if (is_letter(cp) || is_digit(cp))
			break;
		i += k;
	}
	if (i < e && (t[i] == 'X' || t[i] == 'x') && i + 1 < e) {
		unsigned c2;
		a2_utf8_next(t + i + 1, e - i - 1, &c2);
		if (!is_letter(c2) && !is_digit(c2)) {
			size_t j = i + 1, lim2 = i + 9;
			while (j < e && j < lim2) {
				size_t k = a2_utf8_next(t + j, e - j, &c2);
				if (is_letter(c2) || is_digit(c2))
					break;
				j += k;
			}
			i = j;
		}
	}
	if (i >= e)
		return 0;
	a2_utf8_next(t + i, e - i, &cp);
	if (!is_letter(cp) && !is_digit(cp))
		return 0;
	*start = i;
	return 1;
}

/* The end of the Study Group's number in t[a, e) before any parenthesis
 * ("17", "17-й", "第17研究组", "SG17"; not "X.1237"), 0 when none. */
static size_t
sg_end(const a2_twins *t, const char *s, size_t a, size_t e)
{
	size_t n = strlen(t->sgn), i;

	if (n == 0)
		return 0;
	for (i = a; i + n <= e; i++) {
		if (s[i] == '(' || s[i] == '\n')
			return 0;
		if (memcmp(s + i, t->sgn, n) != 0)
			continue;
		if (i > a && (is_digit((unsigned char)s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ','))
			continue;
		if (i + n < e && (is_digit((unsigned char)s[i + n]) ||
		    ((s[i + n] == '.' || s[i + n] == ',') && i + n + 1 < e && is_digit((unsigned char)s[i + n + 1]))))
			continue;
		return i + n;
	}
	return 0;
}

/* The languages whose negation words the folded sentence holds: a whole
 * token, or (a language written without spaces) anywhere. */
static unsigned
negations(const a2_twins *t, const char *f)
{
	size_t i = 0, a, b, k, len = strlen(f);
	unsigned m = 0;

	while (next_token(f, len, &i, &a, &b))
		for (k = 0; k < t->n_neg; k++)
			if (strlen(t->neg[k].w) == b - a && memcmp(f + a, t->neg[k].w, b - a) == 0)
				m |= t->neg[k].langs;
	for (k = 0; k < t->n_neg; k++) {
		unsigned cp;
		a2_utf8_next(t->neg[k].w, strlen(t->neg[k].w), &cp);
		if (is_han(cp) && strstr(f, t->neg[k].w) != NULL)
			m |= t->neg[k].langs;
	}
	return m;
}

/* 1 when the token is a negation word of wordings[l]. */
static int
is_neg(const a2_twins *t, const char *w, size_t n, size_t l)
{
	size_t k;

	for (k = 0; k < t->n_neg; k++)
		if ((t->neg[k].langs & (1u << l)) && strlen(t->neg[k].w) == n && memcmp(w, t->neg[k].w, n) == 0)
			return 1;
	return 0;
}

typedef struct tok {
	const char *p;
	size_t n;             /* bytes */
	size_t cps;           /* characters */
} tok;

/* The tokens of a folded sentence, the negation words of wordings[l] left
 * out when l >= 0.  How many (at most MAX_TOKENS). */
static size_t
tokens(const a2_twins *t, const char *f, int l, tok *v)
{
	size_t i = 0, a, b, n = 0, len = strlen(f);

	while (n < MAX_TOKENS && next_token(f, len, &i, &a, &b)) {
		size_t j = a, c = 0;
		if (l >= 0 && is_neg(t, f + a, b - a, (size_t)l))
			continue;
		while (j < b) {
			unsigned cp;
			j += a2_utf8_next(f + j, b - j, &cp);
			c++;
		}
		v[n].p = f + a;
		v[n].n = b - a;
		v[n].cps = c;
		n++;
	}
	return n;
}

/* Two tokens are one word: equal, or (words of four letters or more) the
 * same but for an ending of at most two letters ("agrees", "agree";
 * "согласие", "согласия"). */
static int
same_word(const tok *x, const tok *y)
{
	size_t i = 0, c = 0, m = x->cps < y->cps ? x->cps : y->cps;

	if (x->n == y->n && memcmp(x->p, y->p, x->n) == 0)
		return 1;
	if (m < 4)
		return 0;
	while (i < x->n && i < y->n && x->p[i] == y->p[i]) {
		if (((unsigned char)x->p[i] & 0xC0) != 0x80)
			c++;
		i++;
	}
	/* a character cut in the middle is not shared */
	while (i > 0 && i < x->n && ((unsigned char)x->p[i] & 0xC0) == 0x80) {
		i--;
		if (((unsigned char)x->p[i] & 0xC0) != 0x80)
			c--;
	}
	return c + 2 >= m;
}

/* 1 when the negated sentence fn is the positive fp with a negation word of
 * wordings[l]: at least 60% of the words of the longer one are the other's. */
static int
twins(const a2_twins *t, const char *fp, const char *fn, size_t l)
{
	tok x[MAX_TOKENS], y[MAX_TOKENS];
	size_t nx = tokens(t, fp, -1, x), ny = tokens(t, fn, (int)l, y), i, j, same = 0;

	if (nx == 0 || ny == 0)
		return 0;
	for (i = 0; i < nx; i++)
		for (j = 0; j < ny; j++)
			if (same_word(&x[i], &y[j])) {
				same++;
				break;
			}
	return 10 * same >= 6 * (nx > ny ? nx : ny);
}

int
a2_twins_find(const a2_twins *t, const a2_stream *s, size_t from, size_t to,
    size_t *ps, size_t *pe, size_t *ns, size_t *ne, int *lang)
{
	cand c[MAX_CANDS];
	char *f[MAX_CANDS] = {0};
	size_t n = 0, b, i, j, l, pairs = 0;
	int rc = 0;

	if (t == NULL || from >= to || from >= s->len)
		return 0;
	for (b = a2_stream_block_of(s, from); b < s->n_blocks && s->bstart[b] < to; b++) {
		size_t a = s->bstart[b], e = a2_stream_block_end(s, b), st, end;
		if (a < from || !label_start(s->text, a, e, &st))
			continue;
		if (e > st + SENTENCE_MAX)
			e = st + SENTENCE_MAX;
		if (sg_end(t, s->text, st, e) == 0)
			continue;
		/* the sentence to its parenthesis ("(in which case ...", "(reasons
		 * ...": the twins' tails differ), or its colon, or its block:
		 * the negation may follow the Study Group ("Study Group 17 is not
		 * authorized to ...") */
		for (end = st; end < e && s->text[end] != '(' && s->text[end] != ':'; end++)
			;
		while (end > st && (s->text[end - 1] == ' ' || s->text[end - 1] == '\t'))
			end--;
		if (n == MAX_CANDS) {
			rc = 0;       /* too many to trust a pair among them */
			goto out;
		}
		if ((f[n] = fold(s->text + st, end - st)) == NULL) {
			rc = -1;
			goto out;
		}
		c[n].start = st;
		c[n].end = end;
		c[n].neg = negations(t, f[n]);
		n++;
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			unsigned only = c[j].neg & ~c[i].neg;
			if (i == j || only == 0)
				continue;
			for (l = 0; l < t->n_langs; l++)
				if ((only & (1u << l)) && twins(t, f[i], f[j], l))
					break;
			if (l == t->n_langs)
				continue;
			if (++pairs > 1) {
				rc = 0;       /* more than one pair: none is trusted */
				goto out;
			}
			*ps = c[i].start;
			*pe = c[i].end;
			*ns = c[j].start;
			*ne = c[j].end;
			*lang = one_bit(only) ? (int)l : -1;
			rc = 1;
		}
out:
	for (i = 0; i < n; i++)
		free(f[i]);
	return rc;
}
