/* read/match/stream.c -- flatten the reply model into one searchable text with
 * per-byte style flags and globally positioned marks. */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "read/match/match.h"

void
a2_stream_free(a2_stream *s)
{
	free(s->text);
	free(s->flags);
	free(s->bstart);
	free(s->marks);
	memset(s, 0, sizeof(*s));
}

int
a2_stream_build(a2_stream *s, const a2_doc *doc)
{
	size_t i, j, k, total = 0, off = 0;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < doc->n_blocks; i++)
		if (!a2_size_add(total, doc->blocks[i].len + 1, &total))
			return -1;
	s->text = malloc(total + 1);
	s->flags = calloc(total + 1, 1);
	s->bstart = malloc((doc->n_blocks + 1) * sizeof(size_t));
	if (s->text == NULL || s->flags == NULL || s->bstart == NULL)
		goto fail;
	for (i = 0; i < doc->n_blocks; i++) {
		const a2_block *b = &doc->blocks[i];
		s->bstart[i] = off;
		memcpy(s->text + off, b->text, b->len);
		for (j = 0; j < b->n_spans; j++)
			for (k = 0; k < b->spans[j].len; k++)
				s->flags[off + b->spans[j].start + k] |= (unsigned char)b->spans[j].flags;
		for (j = 0; j < b->n_marks; j++) {
			const a2_mark *m = &b->marks[j];
			a2_smark *sm;
			if (a2_grow((void **)&s->marks, &s->cap_marks, s->n_marks + 1, sizeof(a2_smark)) != 0)
				goto fail;
			sm = &s->marks[s->n_marks++];
			memset(sm, 0, sizeof(*sm));
			sm->pos = sm->end = off + m->offset;
			sm->block = i;
			sm->kind = m->kind;
			sm->state = m->state;
			sm->flags = m->flags;
			sm->label = -1;
			sm->name = m->name;
		}
		off += b->len;
		s->text[off++] = '\n';
	}
	s->text[off] = '\0';
	s->len = off;
	s->bstart[doc->n_blocks] = off;
	s->n_blocks = doc->n_blocks;
	return 0;
fail:
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
