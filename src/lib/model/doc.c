/* model/doc.c -- the reply model: building, checking and dumping it. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

const char *
a2_format_name(a2_format f)
{
	switch (f) {
	case A2_FMT_DOCX: return "docx";
	case A2_FMT_ODT: return "odt";
	case A2_FMT_FODT: return "fodt";
	case A2_FMT_PDF: return "pdf";
	case A2_FMT_TIFF: return "tiff";
	case A2_FMT_PNG: return "png";
	case A2_FMT_JPEG: return "jpeg";
	default: return "unknown";
	}
}

const char *
a2_mark_kind_name(a2_mark_kind k)
{
	switch (k) {
	case A2_MK_CONTENT_CONTROL: return "content-control";
	case A2_MK_FORM_FIELD: return "form-field";
	case A2_MK_FORM_CONTROL: return "form-control";
	case A2_MK_ACTIVEX: return "activex";
	case A2_MK_GLYPH: return "glyph";
	case A2_MK_PDF_FIELD: return "pdf-field";
	case A2_MK_PDF_DRAWING: return "pdf-drawing";
	}
	return "unknown";
}

int
a2_glyph_state(unsigned cp)
{
	switch (cp) {
	case 0x2612: case 0x2611: case 0x2713: case 0x2714: case 0x2717: case 0x2718:
	case 0x25A0: case 0x25CF: case 0x25C9: case 0x29BF: case 0x22A0: case 0x2297:
	case 0x2B1B: case 0x2613: case 0x2705: case 0x274C: case 0x1F5F9: case 0x1F5F7:
	case 0x25A3: case 0x25FC: case 0x26AB: case 0x2715: case 0x2716: case 0x2A2F:
	case 0x25FE: case 0x2B24: case 0x25D9: case 0x1F5F8:
		return A2_ON;
	case 0x2610: case 0x25A1: case 0x25CB: case 0x25EF: case 0x20DD: case 0x25FB:
	case 0x26AA: case 0x274D: case 0x2B1C: case 0x25A2: case 0x1F5C6: case 0x25FD:
	case 0x274F: case 0x2751:
		return A2_OFF;
	}
	return -1;
}

a2_doc *
a2_doc_new(a2_format format)
{
	a2_doc *d = calloc(1, sizeof(*d));

	if (d != NULL)
		d->format = format;
	return d;
}

void
a2_doc_free(a2_doc *d)
{
	size_t i, j;

	if (d == NULL)
		return;
	if (d->scan != NULL) {
		a2_record_clear(d->scan);
		free(d->scan);
	}
	for (i = 0; i < d->n_blocks; i++) {
		a2_block *b = &d->blocks[i];
		for (j = 0; j < b->n_marks; j++) {
			free(b->marks[j].name);
			free(b->marks[j].glyph);
		}
		free(b->marks);
		free(b->spans);
		free(b->text);
	}
	free(d->blocks);
	for (i = 0; i < d->n_props; i++) {
		free(d->props[i].name);
		free(d->props[i].value);
	}
	free(d->props);
	free(d->damaged);
	for (i = 0; i < d->n_notes; i++) {
		free(d->notes[i].code);
		free(d->notes[i].message);
	}
	free(d->notes);
	free(d->dsig.signer);
	free(d->dsig.time);
	free(d->dsig.message);
	if (d->fe_free != NULL)
		d->fe_free(d->fe);
	for (i = 0; i < d->n_members; i++)
		free(d->members[i]);
	free(d->members);
	free(d->producer);
	free(d);
}

const char *
a2_doc_member(a2_doc *d, const char *member)
{
	size_t i;
	char *m;

	if (member == NULL)
		return NULL;
	for (i = 0; i < d->n_members; i++)
		if (strcmp(d->members[i], member) == 0)
			return d->members[i];
	if (a2_grow((void **)&d->members, &d->cap_members, d->n_members + 1, sizeof(char *)) != 0)
		return NULL;
	m = a2_strdup(member);
	if (m == NULL)
		return NULL;
	d->members[d->n_members++] = m;
	return m;
}

a2_block *
a2_doc_add_block(a2_doc *d, a2_pos pos, int table, int row, int col, int depth)
{
	a2_block *b;

	if (a2_grow((void **)&d->blocks, &d->cap_blocks, d->n_blocks + 1, sizeof(a2_block)) != 0)
		return NULL;
	b = &d->blocks[d->n_blocks];
	memset(b, 0, sizeof(*b));
	b->text = malloc(1);
	if (b->text == NULL)
		return NULL;
	b->text[0] = '\0';
	b->cap_text = 1;
	b->pos = pos;
	b->table = table;
	b->row = row;
	b->col = col;
	b->depth = depth;
	d->n_blocks++;
	return b;
}

int
a2_block_append(a2_block *b, const char *s, size_t n, unsigned flags)
{
	size_t need;

	if (n == 0)
		return 0;
	if (!a2_size_add(b->len, n, &need) || !a2_size_add(need, 1, &need) ||
	    a2_grow((void **)&b->text, &b->cap_text, need, 1) != 0)
		return -1;
	memcpy(b->text + b->len, s, n);
	if (flags != 0) {
		a2_span *last = b->n_spans ? &b->spans[b->n_spans - 1] : NULL;
		if (last != NULL && last->flags == flags && last->start + last->len == b->len) {
			last->len += n;
		} else {
			if (a2_grow((void **)&b->spans, &b->cap_spans, b->n_spans + 1, sizeof(a2_span)) != 0)
				return -1;
			b->spans[b->n_spans].start = b->len;
			b->spans[b->n_spans].len = n;
			b->spans[b->n_spans].flags = flags;
			b->n_spans++;
		}
	}
	b->len += n;
	b->text[b->len] = '\0';
	return 0;
}

int
a2_block_add_mark(a2_doc *d, a2_block *b, const a2_mark *m)
{
	a2_mark *nm;
	size_t i;

	if (a2_grow((void **)&b->marks, &b->cap_marks, b->n_marks + 1, sizeof(a2_mark)) != 0)
		return -1;
	/* keep sorted by offset; equal offsets keep insertion order */
	i = b->n_marks;
	while (i > 0 && b->marks[i - 1].offset > m->offset)
		i--;
	memmove(&b->marks[i + 1], &b->marks[i], (b->n_marks - i) * sizeof(a2_mark));
	nm = &b->marks[i];
	*nm = *m;
	nm->name = NULL;
	nm->glyph = NULL;
	if (m->offset > b->len)
		nm->offset = b->len;
	b->n_marks++;
	d->n_marks_total++;
	if ((m->name != NULL && (nm->name = a2_strdup(m->name)) == NULL) ||
	    (m->glyph != NULL && (nm->glyph = a2_strdup(m->glyph)) == NULL))
		return -1;
	return 0;
}

int
a2_doc_add_prop(a2_doc *d, const char *name, const char *value)
{
	a2_prop *p;

	if (a2_grow((void **)&d->props, &d->cap_props, d->n_props + 1, sizeof(a2_prop)) != 0)
		return -1;
	p = &d->props[d->n_props];
	p->name = a2_strdup(name);
	p->value = a2_strdup(value ? value : "");
	if (p->name == NULL || p->value == NULL) {
		free(p->name);
		free(p->value);
		return -1;
	}
	d->n_props++;
	return 0;
}

int
a2_doc_add_damaged(a2_doc *d, const char *part)
{
	const char *m = a2_doc_member(d, part);

	if (m == NULL || a2_grow((void **)&d->damaged, &d->cap_damaged, d->n_damaged + 1, sizeof(char *)) != 0)
		return -1;
	d->damaged[d->n_damaged++] = m;
	return 0;
}

int
a2_doc_add_note(a2_doc *d, const char *code, const char *fmt, ...)
{
	a2_buf b = {0};
	va_list ap;
	char *msg, *c;

	va_start(ap, fmt);
	a2_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	msg = a2_buf_take(&b);
	c = a2_strdup(code);
	if (msg == NULL || c == NULL ||
	    a2_grow((void **)&d->notes, &d->cap_notes, d->n_notes + 1, sizeof(*d->notes)) != 0) {
		free(msg);
		free(c);
		return -1;
	}
	d->notes[d->n_notes].code = c;
	d->notes[d->n_notes++].message = msg;
	return 0;
}

const char *
a2_doc_prop(const a2_doc *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->n_props; i++)
		if (strcmp(d->props[i].name, name) == 0)
			return d->props[i].value;
	return NULL;
}

int
a2_doc_check(const a2_doc *d)
{
	size_t i, j;

	if (d == NULL)
		return 0;
	for (i = 0; i < d->n_blocks; i++) {
		const a2_block *b = &d->blocks[i];
		if (b->text == NULL || strlen(b->text) != b->len)
			return 0;
		for (j = 0; j < b->n_marks; j++) {
			if (b->marks[j].offset > b->len)
				return 0;
			if (j > 0 && b->marks[j].offset < b->marks[j - 1].offset)
				return 0;
			if ((unsigned)b->marks[j].state > A2_UNKNOWN)
				return 0;
		}
		for (j = 0; j < b->n_spans; j++)
			if (b->spans[j].start + b->spans[j].len > b->len)
				return 0;
	}
	return 1;
}

static const char *
tri_name(a2_tri t)
{
	return t == A2_ON ? "on" : t == A2_OFF ? "off" : "unknown";
}

char *
a2_doc_dump(const a2_doc *d)
{
	a2_buf o = {0};
	size_t i, j, k;

	a2_buf_printf(&o, "format %s, %zu blocks, %zu marks\n", a2_format_name(d->format),
	    d->n_blocks, d->n_marks_total);
	if (d->producer)
		a2_buf_printf(&o, "producer %s\n", d->producer);
	for (i = 0; i < d->n_props; i++)
		a2_buf_printf(&o, "prop %s = %s\n", d->props[i].name, d->props[i].value);
	for (i = 0; i < d->n_damaged; i++)
		a2_buf_printf(&o, "damaged %s (not read)\n", d->damaged[i]);
	for (i = 0; i < d->n_notes; i++)
		a2_buf_printf(&o, "note %s: %s\n", d->notes[i].code, d->notes[i].message);
	if (d->image_only)
		a2_buf_puts(&o, "image-only (no page has text)\n");
	if (d->dsig.present)
		a2_buf_printf(&o, "signature by %s at %s: %s, %s (%s)\n", d->dsig.signer ? d->dsig.signer : "?",
		    d->dsig.time ? d->dsig.time : "?", d->dsig.valid ? "valid" : "NOT valid",
		    d->dsig.covers ? "covers the whole document" : "does NOT cover the whole document",
		    d->dsig.message ? d->dsig.message : "");
	for (i = 0; i < d->n_blocks; i++) {
		const a2_block *b = &d->blocks[i];
		if (b->pos.page > 0)
			a2_buf_printf(&o, "[%zu] page %u (%.1f, %.1f)", i, b->pos.page, (double)b->pos.x, (double)b->pos.y);
		else
			a2_buf_printf(&o, "[%zu] %s:%u", i, b->pos.member ? b->pos.member : "?", b->pos.line);
		if (b->table >= 0)
			a2_buf_printf(&o, " table %d r%d c%d depth %d", b->table, b->row, b->col, b->depth);
		a2_buf_puts(&o, " | ");
		/* text with marks shown inline as {kind:state} */
		k = 0;
		for (j = 0; j <= b->len; j++) {
			while (k < b->n_marks && b->marks[k].offset == j) {
				const a2_mark *m = &b->marks[k++];
				a2_buf_printf(&o, "{%s:%s%s%s%s%s%s%s", a2_mark_kind_name(m->kind), tri_name(m->state),
				    m->flags & A2_MF_DISAGREE ? ",disagree" : "",
				    m->flags & A2_MF_RADIO ? ",radio" : "",
				    m->name ? ",name=" : "", m->name ? m->name : "",
				    m->glyph ? ",shows=" : "", m->glyph ? m->glyph : "");
				if (m->pos.page > 0)
					a2_buf_printf(&o, ",page %u (%.1f, %.1f)", m->pos.page, (double)m->pos.x, (double)m->pos.y);
				a2_buf_putc(&o, '}');
			}
			if (j < b->len) {
				char c = b->text[j];
				if (c == '\n')
					a2_buf_puts(&o, "\\n");
				else if (c == '\t')
					a2_buf_puts(&o, "\\t");
				else
					a2_buf_putc(&o, c);
			}
		}
		for (j = 0; j < b->n_spans; j++)
			a2_buf_printf(&o, " <%s%s%s%s%s@%zu+%zu>",
			    b->spans[j].flags & A2_SF_STRUCK ? "struck " : "",
			    b->spans[j].flags & A2_SF_HIGHLIGHT ? "highlight " : "",
			    b->spans[j].flags & A2_SF_INSERTED ? "inserted " : "",
			    b->spans[j].flags & A2_SF_BOLD ? "bold " : "",
			    b->spans[j].flags & A2_SF_FIELD ? "field " : "",
			    b->spans[j].start, b->spans[j].len);
		a2_buf_putc(&o, '\n');
	}
	return a2_buf_take(&o);
}
