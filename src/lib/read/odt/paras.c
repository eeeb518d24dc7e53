/* read/odt/paras.c -- ODF: paragraphs, spans, special characters, tables.
 * (odt.c describes the front end.) */
#include "read/odt/odt_int.h"

/* ---- paragraphs, spans, special characters ---- */

static int
enter_para(walker *w, const xmlNode *n)
{
	props p = od_style_props(w->styles, "paragraph", a2_xml_attr(n, A2_NS_TEXT, "style-name"));
	frame *f;

	if (p.set & p.val & P_HIDDEN)
		return 0;
	f = od_push(w, n, ACT_PARA, od_props_apply(F_INLINE, p));
	if (f == NULL)
		return -1;
	f->s0 = w->cur;
	f->i0 = w->ws;
	return od_new_block(w, n) != 0 ? -1 : 1;
}

static int
enter_span(walker *w, const xmlNode *n)
{
	props p = od_style_props(w->styles, "text", a2_xml_attr(n, A2_NS_TEXT, "style-name"));

	if (p.set & p.val & P_HIDDEN)
		return 0;
	return od_push(w, n, ACT_NONE, od_props_apply(od_top_flags(w), p)) ? 1 : -1;
}

static int
put_spaces(walker *w, const xmlNode *n)
{
	static const char sp[32] = "                                ";
	int c = od_count_attr(n, A2_NS_TEXT, "c", MAX_SPACES), k;

	for (; c > 0; c -= k) {
		k = c < (int)sizeof(sp) ? c : (int)sizeof(sp);
		if (od_put_lit(w, sp, (size_t)k, 0) != 0)
			return -1;
	}
	return 0;
}

/* text:drop-down: the selected label's value; without a selected label,
 * the field's own content (its text:label children are skipped). */
static int
enter_dropdown(walker *w, const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next) {
		const char *v;
		if (!a2_xml_is(c, A2_NS_TEXT, "label") ||
		    !a2_xml_bool(a2_xml_attr(c, A2_NS_TEXT, "current-selected"), 0))
			continue;
		v = a2_xml_attr(c, A2_NS_TEXT, "value");
		return od_put_lit(w, v ? v : "", v ? strlen(v) : 0, 0) != 0 ? -1 : 0;
	}
	return od_push(w, n, ACT_NONE, od_top_flags(w)) ? 1 : -1;
}

/* text:change-start / text:change-end of a tracked insertion: the text
 * between them is flagged A2_SF_INSERTED (it stays in: changes accepted). */
static void
change_mark(walker *w, const xmlNode *n, int start)
{
	/* the map's copy: the element may be gone before its end (a stream) */
	const char *id = od_id_key(w->inserts, a2_xml_attr(n, A2_NS_TEXT, "change-id"));
	size_t i;

	if (id == NULL)
		return;
	if (start) {
		if (w->n_ins < INS_MAX)
			w->ins[w->n_ins++] = id;
		else
			w->ins_over++;
		return;
	}
	for (i = w->n_ins; i > 0; i--) {
		if (strcmp(w->ins[i - 1], id) == 0) {
			memmove(&w->ins[i - 1], &w->ins[i], (w->n_ins - i) * sizeof(w->ins[0]));
			w->n_ins--;
			return;
		}
	}
	if (w->ins_over > 0)
		w->ins_over--;
}

/* Text elements that contain paragraphs rather than text. */
static int
text_container(const char *name)
{
	static const char *const names[] = {
		"list", "list-item", "list-header", "section", "note", "note-body",
		"index-body", "index-title", "table-of-content", "bibliography", NULL
	};
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return od_ends_with(name, "-index");
}

/* Text elements whose content is never document text. */
static int
text_skipped(const char *name)
{
	static const char *const names[] = {
		"tracked-changes", "change", "note-citation", "number", "ruby-text",
		"sequence-decls", "variable-decls", "user-field-decls",
		"dde-connection-decls", "soft-page-break", "label", NULL
	};
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return od_ends_with(name, "-source") || strcmp(name, "bookmark") == 0 ||
	    strcmp(name, "bookmark-start") == 0 || strcmp(name, "bookmark-end") == 0 ||
	    od_starts_with(name, "reference-mark");
}

int
od_enter_text(walker *w, const xmlNode *n)
{
	const char *name = od_local(n);

	if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0)
		return enter_para(w, n);
	if (strcmp(name, "span") == 0 || strcmp(name, "a") == 0)
		return enter_span(w, n);
	if (strcmp(name, "s") == 0)
		return put_spaces(w, n) != 0 ? -1 : 0;
	if (strcmp(name, "tab") == 0)
		return od_put_lit(w, "\t", 1, 0) != 0 ? -1 : 0;
	if (strcmp(name, "line-break") == 0)
		return od_put_lit(w, "\n", 1, 0) != 0 ? -1 : 0;
	if (strcmp(name, "change-start") == 0 || strcmp(name, "change-end") == 0) {
		change_mark(w, n, name[7] == 's');
		return 0;
	}
	if (strcmp(name, "drop-down") == 0)
		return enter_dropdown(w, n);
	if (strcmp(name, "placeholder") == 0)
		return od_push(w, n, ACT_NONE, od_top_flags(w) | A2_SF_FIELD) ? 1 : -1;
	if (text_skipped(name))
		return 0;
	if (text_container(name))
		return od_push(w, n, ACT_NONE, 0) ? 1 : -1;
	/* fields (text:text-input, text:date, ...), text:meta, text:ruby, ...:
	 * their content is what the document shows */
	return od_push(w, n, ACT_NONE, od_top_flags(w)) ? 1 : -1;
}

/* ---- tables ---- */

int
od_enter_table(walker *w, const xmlNode *n)
{
	const char *name = od_local(n);
	frame *f;

	if (strcmp(name, "table") == 0) {
		if ((f = od_push(w, n, ACT_TABLE, 0)) == NULL)
			return -1;
		f->i0 = w->table;
		f->i1 = w->row;
		f->i2 = w->col;
		f->i3 = w->depth;
		w->table = w->n_tables;
		w->n_tables = od_sat_add(w->n_tables, 1);
		w->row = w->col = -1;
		w->depth = od_sat_add(w->depth, 1);
		return 1;
	}
	if (strcmp(name, "table-row") == 0 && w->depth > 0) {
		if ((f = od_push(w, n, ACT_ROW, 0)) == NULL)
			return -1;
		w->row = od_sat_add(w->row, 1);
		w->col = -1;
		f->i0 = od_count_attr(n, A2_NS_TABLE, "number-rows-repeated", MAX_REPEAT) - 1;
		return 1;
	}
	if ((strcmp(name, "table-cell") == 0 || strcmp(name, "covered-table-cell") == 0) &&
	    w->depth > 0) {
		if ((f = od_push(w, n, ACT_CELL, 0)) == NULL)
			return -1;
		w->col = od_sat_add(w->col, 1);
		f->i0 = od_count_attr(n, A2_NS_TABLE, "number-columns-repeated", MAX_REPEAT) - 1;
		return 1;
	}
	if (od_starts_with(name, "table-column") || strcmp(name, "table-header-columns") == 0 ||
	    od_ends_with(name, "-source"))
		return 0;
	/* table:table-header-rows, table:table-rows, table:table-row-group */
	return od_push(w, n, ACT_NONE, 0) ? 1 : -1;
}

