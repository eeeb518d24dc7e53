/* read/match/stream.c -- flatten the reply model into one searchable text with
 * per-byte style flags and globally positioned marks. */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "read/match/match.h"
#include "read/match/norm.h"

void
a2_stream_free(a2_stream *s)
{
	free(s->text);
	free(s->flags);
	free(s->bstart);
	free(s->marks);
	memset(s, 0, sizeof(*s));
}

/* Appends the normal form of text[0, len) (read/match/norm.c; as it is
 * when n is NULL) to the stream, every byte of it with the flags fl. */
static int
put_piece(a2_stream *s, a2_buf *t, size_t *fcap, a2_norm *n, const char *text, size_t len,
    unsigned char fl)
{
	size_t from = t->len;

	if ((n != NULL ? a2_norm_text(n, text, len, t) : a2_buf_add(t, text, len)) != 0)
		return -1;
	if (t->len + 1 > *fcap) {
		/* a normal form longer than the text: more flags, zeroed */
		size_t old = *fcap;
		if (a2_grow((void **)&s->flags, fcap, t->len + 1, 1) != 0)
			return -1;
		memset(s->flags + old, 0, *fcap - old);
	}
	/* the flags were zeroed when allocated (calloc: pages never written
	 * cost no memory), so only a styled piece writes them */
	if (fl != 0)
		memset(s->flags + from, fl, t->len - from);
	return 0;
}

/* 1 when text has no Cyrillic, Arabic or East Asian letter (UTF-8 lead
 * bytes of U+0400-U+053F, U+0600-U+077F, U+3000-U+DFFF, U+20000-U+3FFFF; the presentation
 * forms of Arabic are normalised away): the matcher then uses its patterns
 * of the languages written in Latin letters only. */
static int
latin_only(const char *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c < 0xD0)
			continue;
		if (c <= 0xD4 || (c >= 0xD8 && c <= 0xDD) || (c >= 0xE3 && c <= 0xED))
			return 0;
		/* U+20000-U+3FFFF (ideographs), not the emoji of ballot boxes */
		if (c == 0xF0 && i + 1 < n && (unsigned char)t[i + 1] >= 0xA0 && (unsigned char)t[i + 1] <= 0xBF)
			return 0;
	}
	return 1;
}

/* Bytes of text[0, n) that are not UTF-8 become '?' (the offsets kept).
 * None are expected: the ASCII is copied and the rest normalised, which
 * writes U+FFFD for them; but the patterns match the text without checking
 * it again (a2_pattern_match), so it must be UTF-8 whatever comes. */
static void
make_utf8(char *t, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned cp;
		size_t k;
		if ((unsigned char)t[i] < 0x80) {
			i++;
			continue;
		}
		k = a2_utf8_next(t + i, n - i, &cp);
		if (cp == 0xFFFD && !(k == 3 && (unsigned char)t[i] == 0xEF))
			t[i] = '?';
		i += k;
	}
}

/* Adds a mark of block i at stream offset pos.  0 or -1. */
static int
add_smark(a2_stream *s, const a2_mark *mk, size_t pos, size_t i)
{
	a2_smark *sm;

	if (a2_grow((void **)&s->marks, &s->cap_marks, s->n_marks + 1, sizeof(a2_smark)) != 0)
		return -1;
	sm = &s->marks[s->n_marks++];
	memset(sm, 0, sizeof(*sm));
	sm->pos = sm->end = pos;
	sm->block = i;
	sm->kind = mk->kind;
	sm->state = mk->state;
	sm->flags = mk->flags;
	sm->label = -1;
	sm->name = mk->name;
	return 0;
}

/* The text of every block is normalised (read/match/norm.c) piece by
 * piece: a piece ends where a mark stands or a span begins or ends, so that
 * every mark and every style flag keeps its place. */
int
a2_stream_build(a2_stream *s, const a2_doc *doc)
{
	size_t i, j, total = 0, fcap, bcap = 0;
	unsigned char *bfl = NULL;     /* the flags of one block's bytes */
	a2_buf t = {0};
	a2_norm *n = NULL;
	int ascii = 1;

	memset(s, 0, sizeof(*s));
	s->scan_left = A2_SCAN_BUDGET;
	s->budget = &s->scan_left;
	for (i = 0; i < doc->n_blocks; i++) {
		const a2_block *b = &doc->blocks[i];
		if (!a2_size_add(total, b->len + 1, &total))
			return -1;
		for (j = 0; j < b->len && ascii; j++)
			ascii = (unsigned char)b->text[j] < 0x80;
	}
	if (!ascii && (n = a2_norm_new()) == NULL)
		return -1;
	fcap = total + 1;
	/* room for the text as it is: its normal form is seldom longer */
	if (a2_grow((void **)&t.data, &t.cap, total + 1, 1) != 0 ||
	    (s->flags = calloc(total + 1, 1)) == NULL ||
	    (s->bstart = malloc((doc->n_blocks + 1) * sizeof(size_t))) == NULL)
		goto fail;
	for (i = 0; i < doc->n_blocks; i++) {
		const a2_block *b = &doc->blocks[i];
		size_t a = 0, m = 0, k;
		s->bstart[i] = t.len;
		for (k = 0; k < b->len && (unsigned char)b->text[k] < 0x80; k++)
			;
		if (k == b->len) {
			/* ASCII: the text as it is, the flags straight from the spans */
			if (put_piece(s, &t, &fcap, NULL, b->text, b->len, 0) != 0)
				goto fail;
			for (j = 0; j < b->n_spans; j++)
				for (k = 0; k < b->spans[j].len && b->spans[j].start + k < b->len; k++)
					s->flags[s->bstart[i] + b->spans[j].start + k] |= (unsigned char)b->spans[j].flags;
			for (m = 0; m < b->n_marks; m++)
				if (add_smark(s, &b->marks[m], s->bstart[i] + b->marks[m].offset, i) != 0)
					goto fail;
			if (put_piece(s, &t, &fcap, NULL, "\n", 1, 0) != 0)
				goto fail;
			continue;
		}
		if (a2_grow((void **)&bfl, &bcap, b->len + 1, 1) != 0)
			goto fail;
		memset(bfl, 0, b->len + 1);
		for (j = 0; j < b->n_spans; j++)
			for (k = 0; k < b->spans[j].len && b->spans[j].start + k < b->len; k++)
				bfl[b->spans[j].start + k] |= (unsigned char)b->spans[j].flags;
		for (k = 0; k <= b->len; k++) {
			int at_mark = m < b->n_marks && b->marks[m].offset == k;
			if (!(k == b->len || at_mark ||
			    (k > a && bfl[k] != bfl[k - 1] && ((unsigned char)b->text[k] & 0xC0) != 0x80)))
				continue;
			if (k > a && put_piece(s, &t, &fcap, n, b->text + a, k - a, bfl[a]) != 0)
				goto fail;
			a = k;
			for (; m < b->n_marks && b->marks[m].offset == k; m++)
				if (add_smark(s, &b->marks[m], t.len, i) != 0)
					goto fail;
		}
		if (put_piece(s, &t, &fcap, NULL, "\n", 1, 0) != 0)
			goto fail;
	}
	if (t.failed)
		goto fail;
	s->len = t.len;
	s->flags[s->len] = 0;
	s->text = t.data;
	s->text[s->len] = '\0';
	make_utf8(s->text, s->len);
	s->bstart[doc->n_blocks] = s->len;
	s->n_blocks = doc->n_blocks;
	s->latin = latin_only(s->text, s->len);
	free(bfl);
	a2_norm_free(n);
	return 0;
fail:
	a2_buf_free(&t);
	free(bfl);
	a2_norm_free(n);
	a2_stream_free(s);
	return -1;
}

size_t
a2_stream_block_of(const a2_stream *s, size_t pos)
{
	size_t lo = 0, hi = s->n_blocks;

	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->bstart[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Offset of the '\n' that ends block b. */
size_t
a2_stream_block_end(const a2_stream *s, size_t b)
{
	return b + 1 <= s->n_blocks ? s->bstart[b + 1] - 1 : s->len;
}
