/* review/page.c -- the review web page, as HTML strings (the CLI serves
 * them): what needs a decision grouped by reply with its evidence and the
 * decision buttons; the dashboard (the HTML report of the round with the
 * decisions applied); the evidence of a DOCX/ODT text (the paragraphs of
 * the reply model with their marks, as `read --dump` sees them).
 *
 * Every string from a reply or a decision goes through a2_html_esc().  The
 * page has no inline script and no inline style: its script and style
 * sheet are served beside it (a2_review_js, a2_review_css), so that the
 * server's Content-Security-Policy can forbid everything else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "emit/html.h"
#include "annex2/review.h"

#define esc a2_html_esc

/* ---- evidence: the blocks of one text, with their marks ---- */

static int
is_word_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '-';
}

/* 1 when word occurs in s whole (not inside a longer number or name). */
static int
has_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	const char *p = s;

	if (n == 0)
		return 0;
	while ((p = strstr(p, word)) != NULL) {
		int before = p > s && is_word_char(p[-1]) && p[-1] != '.';
		int after = is_word_char(p[n]) && !(p[n] == '.' && !is_word_char(p[n + 1]));
		if (!before && !after)
			return 1;
		p++;
	}
	return 0;
}

/* The index of the form text a block names (number or alias), -1 for
 * none, -2 for more than one (a subject line naming them all). */
static int
names_text(const a2_form *form, const a2_block *bl)
{
	size_t t;
	int hit = -1;

	for (t = 0; t < form->n_texts; t++)
		if (has_word(bl->text, form->texts[t].rec) || (form->texts[t].alias && has_word(bl->text, form->texts[t].alias))) {
			if (hit >= 0)
				return -2;
			hit = (int)t;
		}
	return hit;
}

static void
put_mark(a2_buf *b, const a2_mark *m)
{
	const char *cls = m->state == A2_ON ? "on" : m->state == A2_OFF ? "off" : "unk";
	const char *sym = m->state == A2_ON ? "&#9746;" : m->state == A2_OFF ? "&#9744;" : "?";

	a2_buf_printf(b, "<span class=\"mk %s%s\" title=\"%s: %s", cls, m->flags & A2_MF_DISAGREE ? " dis" : "",
	    a2_mark_kind_name(m->kind), m->state == A2_ON ? "ticked" : m->state == A2_OFF ? "not ticked" : "state unreadable");
	if (m->flags & A2_MF_DISAGREE) {
		a2_buf_puts(b, "; but it shows ");
		esc(b, m->glyph ? m->glyph : "nothing");
	}
	if (m->flags & A2_MF_DEFAULT)
		a2_buf_puts(b, "; a default, not set by a person");
	a2_buf_printf(b, "\">%s", sym);
	if (m->flags & A2_MF_DISAGREE) {
		a2_buf_puts(b, "<small>");
		esc(b, m->glyph ? m->glyph : "\xe2\x88\x85");
		a2_buf_puts(b, "</small>");
	}
	a2_buf_puts(b, "</span>");
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* One block: its text cut where a styled span or a mark begins or ends. */
static void
put_block(a2_buf *b, const a2_block *bl)
{
	size_t *cut, n = 0, i, k, m = 0;

	cut = malloc((2 + 2 * bl->n_spans + bl->n_marks) * sizeof(size_t));
	if (cut == NULL) {
		b->failed = 1;
		return;
	}
	cut[n++] = 0;
	cut[n++] = bl->len;
	for (i = 0; i < bl->n_spans; i++) {
		cut[n++] = bl->spans[i].start < bl->len ? bl->spans[i].start : bl->len;
		cut[n++] = bl->spans[i].start + bl->spans[i].len < bl->len ? bl->spans[i].start + bl->spans[i].len : bl->len;
	}
	for (i = 0; i < bl->n_marks; i++)
		cut[n++] = bl->marks[i].offset < bl->len ? bl->marks[i].offset : bl->len;
	qsort(cut, n, sizeof(size_t), cmp_size);
	a2_buf_puts(b, "<div class=\"blk\">");
	for (i = 0; i < n; i++) {
		size_t a = cut[i], z;
		unsigned fl = 0;
		char *seg;
		if (i > 0 && cut[i - 1] == a)
			continue;
		while (m < bl->n_marks && bl->marks[m].offset <= a)
			put_mark(b, &bl->marks[m++]);
		if (i + 1 == n)
			break;
		for (z = cut[i + 1], k = i + 1; z == a && k + 1 < n; z = cut[++k])
			;
		if (z <= a)
			continue;
		for (k = 0; k < bl->n_spans; k++)
			if (bl->spans[k].start <= a && bl->spans[k].start + bl->spans[k].len >= z)
				fl |= bl->spans[k].flags;
		if ((seg = a2_strndup(bl->text + a, z - a)) == NULL) {
			b->failed = 1;
			break;
		}
		if (fl & A2_SF_STRUCK) a2_buf_puts(b, "<s>");
		if (fl & A2_SF_HIGHLIGHT) a2_buf_puts(b, "<mark>");
		if (fl & A2_SF_INSERTED) a2_buf_puts(b, "<ins>");
		if (fl & A2_SF_FIELD) a2_buf_puts(b, "<span class=\"ph\">");
		if (fl & A2_SF_BOLD) a2_buf_puts(b, "<b>");
		esc(b, seg);
		if (fl & A2_SF_BOLD) a2_buf_puts(b, "</b>");
		if (fl & A2_SF_FIELD) a2_buf_puts(b, "</span>");
		if (fl & A2_SF_INSERTED) a2_buf_puts(b, "</ins>");
		if (fl & A2_SF_HIGHLIGHT) a2_buf_puts(b, "</mark>");
		if (fl & A2_SF_STRUCK) a2_buf_puts(b, "</s>");
		free(seg);
	}
	while (m < bl->n_marks)
		put_mark(b, &bl->marks[m++]);
	a2_buf_puts(b, "</div>");
	free(cut);
}

/* 1 when s holds word, ignoring ASCII case. */
static int
ci_contains(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; *s; s++)
		if (strncasecmp(s, word, n) == 0)
			return 1;
	return 0;
}

static int
blank(const a2_block *bl)
{
	size_t i;

	if (bl->n_marks > 0)
		return 0;
	for (i = 0; i < bl->len; i++)
		if (bl->text[i] != ' ' && bl->text[i] != '\t' && bl->text[i] != '\n')
			return 0;
	return 1;
}

#define EV_MAX_BLOCKS 14

size_t
a2_review_evidence_blocks(const a2_doc *doc, const a2_form *form, const char *text, size_t *out, size_t max)
{
	size_t i, n = 0;

#define TAKE(k) do { if (n < max) out[n] = (k); n++; } while (0)
	if (strcmp(text, "sender") == 0) {
		size_t last = doc->n_blocks, tail = 0, shown = 0;
		for (i = 0; i < doc->n_blocks && shown < 4; i++)
			if (ci_contains(doc->blocks[i].text, "administration") || strncasecmp(doc->blocks[i].text, "from", 4) == 0) {
				TAKE(i);
				shown++;
			}
		/* the signature: the last blocks with words in them */
		while (last > 0 && tail < 6) {
			if (!blank(&doc->blocks[--last]))
				tail++;
		}
		for (i = last; i < doc->n_blocks; i++)
			if (!blank(&doc->blocks[i]))
				TAKE(i);
		return n;
	}
	for (i = 0; i < doc->n_blocks; i++) {
		int t = names_text(form, &doc->blocks[i]);
		size_t j;
		if (t < 0 || strcmp(form->texts[t].rec, text) != 0)
			continue;
		for (j = i; j < doc->n_blocks && j < i + EV_MAX_BLOCKS; j++) {
			if (j > i && names_text(form, &doc->blocks[j]) != -1)
				break;
			if (!blank(&doc->blocks[j]))
				TAKE(j);
		}
		break;
	}
#undef TAKE
	return n;
}

char *
a2_review_evidence_html(const a2_doc *doc, const a2_form *form, const char *text)
{
	a2_buf b = {0};
	size_t idx[EV_MAX_BLOCKS + 16], n, i;
	int sender = strcmp(text, "sender") == 0;

	a2_buf_puts(&b, "");
	if (doc->format == A2_FMT_PDF)
		a2_buf_puts(&b, "<p class=\"noev\">A PDF: its text and marks as the reader lowered them from the page.</p>");
	n = a2_review_evidence_blocks(doc, form, text, idx, sizeof(idx) / sizeof(idx[0]));
	if (n > sizeof(idx) / sizeof(idx[0]))
		n = sizeof(idx) / sizeof(idx[0]);
	if (sender) {
		const char *p = a2_doc_prop(doc, A2_PROP_STATE);
		if (p != NULL) {
			a2_buf_puts(&b, "<div class=\"blk meta\">the form's own identifier (metadata): <b>");
			esc(&b, p);
			a2_buf_puts(&b, "</b></div>");
		}
	}
	for (i = 0; i < n; i++) {
		/* the sender's lines, then a gap, then the signature's */
		if (sender && i > 0 && idx[i] > idx[i - 1] + 1 && !(ci_contains(doc->blocks[idx[i]].text, "administration") ||
		    strncasecmp(doc->blocks[idx[i]].text, "from", 4) == 0))
			a2_buf_puts(&b, "<div class=\"gap\">&#8942;</div>");
		put_block(&b, &doc->blocks[idx[i]]);
	}
	if (!sender && n == 0) {
		a2_buf_puts(&b, "<p class=\"noev\">The text's number or name was not found in the document's paragraphs: "
		    "open the file itself.</p>");
	}
	return a2_buf_take(&b);
}

/* ---- the review page ---- */

static const char *
reader_words(const char *code)
{
	if (!strcmp(code, "unclear")) return "marks that cannot be read with confidence";
	if (!strcmp(code, "conflict")) return "both answers marked";
	if (!strcmp(code, "inferred")) return "read from how the form was changed, not from its boxes";
	if (!strcmp(code, "missing")) return "nothing marked";
	if (!strcmp(code, "option-missing")) return "assigns, but no option (comments) marked";
	if (!strcmp(code, "option-conflict")) return "assigns, both options marked";
	if (!strcmp(code, "option-unclear")) return "assigns, the option cannot be read with confidence";
	if (!strcmp(code, "sender-mismatch")) return "the sender named in the text and the form's identifier disagree";
	if (!strcmp(code, "unknown-sender")) return "the sender could not be identified";
	if (!strcmp(code, "non-member")) return "sent by an entity that is not a Member State";
	return code;
}

static void
put_decision(a2_buf *b, const a2_decision *d, const a2_states *states)
{
	const a2_state *st;

	a2_buf_puts(b, "<p class=\"decision\"><b>Decided: ");
	esc(b, d->decision);
	if (d->comments != A2_COM_NULL) {
		a2_buf_puts(b, ", comments ");
		esc(b, a2_comments_name(d->comments));
	}
	if (a2_decision_is_sender(d) && states && (st = a2_states_by_iso3(states, d->decision)) != NULL) {
		a2_buf_puts(b, " (");
		esc(b, st->name);
		a2_buf_puts(b, ")");
	}
	a2_buf_puts(b, "</b> by ");
	esc(b, d->who);
	a2_buf_puts(b, " on ");
	esc(b, d->when);
	if (d->why && d->why[0]) {
		a2_buf_puts(b, ": &#8220;");
		esc(b, d->why);
		a2_buf_puts(b, "&#8221;");
	}
	a2_buf_puts(b, "</p>");
}

static void
item_id(char out[48], const a2_record *r, const a2_form *form, const char *text)
{
	size_t t;

	for (t = 0; t < form->n_texts; t++)
		if (strcmp(form->texts[t].rec, text) == 0)
			break;
	if (strcmp(text, "sender") == 0)
		snprintf(out, 48, "i-%.16s-s", r->sha256);
	else
		snprintf(out, 48, "i-%.16s-%zu", r->sha256, t);
}

static void
put_form(a2_buf *b, const a2_review_page *p, const a2_record *r, const a2_review_item *it, const char *next)
{
	int sender = strcmp(it->text, "sender") == 0;

	a2_buf_puts(b, "<form method=\"post\" action=\"decide\" class=\"decide\">"
	    "<input type=\"hidden\" name=\"sha256\" value=\"");
	esc(b, r->sha256);
	a2_buf_puts(b, "\"><input type=\"hidden\" name=\"text\" value=\"");
	esc(b, it->text);
	a2_buf_puts(b, "\"><input type=\"hidden\" name=\"next\" value=\"");
	esc(b, next);
	a2_buf_puts(b, "\"><input type=\"hidden\" class=\"who\" name=\"who\" value=\"");
	esc(b, p->who);
	a2_buf_puts(b, "\"><label class=\"why\">Why <input type=\"text\" name=\"why\" maxlength=\"4000\" "
	    "autocomplete=\"off\" placeholder=\"what you saw, in a few words (r)\"></label><span class=\"buttons\">");
	if (sender) {
		a2_buf_puts(b, "<label class=\"iso\">Member State <input type=\"text\" name=\"iso3\" list=\"states\" "
		    "maxlength=\"3\" size=\"5\" autocomplete=\"off\" placeholder=\"ISO3\" value=\"");
		esc(b, r->ms_iso3 ? r->ms_iso3 : "");
		a2_buf_puts(b, "\"></label><button type=\"submit\" name=\"decision\" value=\"sender\" data-key=\"s\">"
		    "Sent by this Member State <kbd>s</kbd></button>"
		    "<button type=\"submit\" name=\"decision\" value=\"not-counted\" data-key=\"n\">Not counted <kbd>n</kbd></button>");
	} else {
		a2_buf_puts(b, "<button type=\"submit\" name=\"decision\" value=\"assigns:none\" data-key=\"a\">"
		    "Assigns, no comments <kbd>a</kbd></button>"
		    "<button type=\"submit\" name=\"decision\" value=\"assigns:attached\" data-key=\"c\">"
		    "Assigns, comments attached <kbd>c</kbd></button>"
		    "<button type=\"submit\" name=\"decision\" value=\"does-not-assign\" data-key=\"d\">"
		    "Does not assign <kbd>d</kbd></button>"
		    "<button type=\"submit\" name=\"decision\" value=\"not-counted\" data-key=\"n\">"
		    "Not counted <kbd>n</kbd></button>");
	}
	a2_buf_puts(b, "</span></form>");
}

static void
put_live_tally(a2_buf *b, const a2_round *R)
{
	size_t i;

	a2_buf_puts(b, "<table class=\"live\"><caption>Tally with the decisions so far</caption><thead><tr><th>Text</th>"
	    "<th>Assigns</th><th>Does not</th><th>Undecided</th><th>Support</th><th>Outcome</th></tr></thead><tbody>");
	for (i = 0; i < R->n_texts; i++) {
		const a2_text_tally *T = &R->texts[i];
		a2_buf_puts(b, "<tr><th>");
		esc(b, T->rec);
		a2_buf_printf(b, "</th><td>%zu</td><td>%zu</td><td>%zu</td><td>%.1f%%</td><td class=\"o-%s\">%s</td></tr>",
		    T->assigns, T->does_not_assign, T->undecided, (double)(long long)(T->support * 1000 + 0.5) / 10.0,
		    T->outcome, T->outcome);
	}
	a2_buf_puts(b, "</tbody></table>");
}

char *
a2_review_page_html(const a2_review_page *p, a2_error *err)
{
	const a2_round *R = p->reader;
	const a2_form *f = R->form;
	a2_review_item *it;
	size_t n, i, j, open = 0, replies = 0;
	a2_buf b = {0};

	if ((it = a2_review_items(f, R->recs, R->n, p->D, &n, err)) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (it[i].decided == NULL)
			open++;
	a2_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<link rel=\"stylesheet\" href=\"style.css\">\n<script src=\"app.js\" defer></script>\n<title>Review: ");
	esc(&b, f->bureau);
	a2_buf_puts(&b, " Circular ");
	esc(&b, f->circular);
	a2_buf_printf(&b, " (%zu pending)</title>\n</head>\n<body>\n", open);
	if (p->version > 0)
		a2_buf_printf(&b, "<span id=\"live\" data-version=\"%lu\" hidden></span>\n", p->version);
	a2_buf_puts(&b, "<header class=\"top\"><div><h1>Review &#183; ");
	esc(&b, f->bureau);
	a2_buf_puts(&b, " Circular ");
	esc(&b, f->circular);
	a2_buf_printf(&b, "</h1><p class=\"count\"><b id=\"pending\">%zu</b> pending of <b>%zu</b> to review "
	    "&#183; <a href=\"dashboard\" accesskey=\"g\">Dashboard (live tally, who has not replied)</a></p></div>"
	    "<label class=\"reviewer\">Reviewer <input type=\"text\" id=\"who\" maxlength=\"200\" value=\"", open, n);
	esc(&b, p->who);
	a2_buf_puts(&b, "\"></label></header>\n<main>\n");
	if (p->note != NULL) {
		a2_buf_puts(&b, "<p class=\"note\" role=\"status\">");
		esc(&b, p->note);
		a2_buf_puts(&b, "</p>\n");
	}
	a2_buf_puts(&b, "<details class=\"keys\"><summary>Keyboard</summary><p><kbd>j</kbd>/<kbd>k</kbd> next/previous "
	    "item &#183; <kbd>a</kbd> assigns, no comments &#183; <kbd>c</kbd> assigns, comments attached &#183; "
	    "<kbd>d</kbd> does not assign &#183; <kbd>n</kbd> not counted &#183; <kbd>s</kbd> sender: the Member State "
	    "typed &#183; <kbd>r</kbd> write the reason (<kbd>Esc</kbd> leaves it) &#183; <kbd>i</kbd> the Member "
	    "State field &#183; <kbd>g</kbd> dashboard</p></details>\n");
	if (p->decided != NULL)
		put_live_tally(&b, p->decided);
	if (n == 0)
		a2_buf_puts(&b, "<p class=\"empty\">Nothing needs a decision: the reader settled every reply.</p>\n");
	for (i = 0; i < n; i = j) {
		const a2_record *r = &R->recs[it[i].rec];
		const a2_state *st = r->ms_iso3 && R->states ? a2_states_by_iso3(R->states, r->ms_iso3) : NULL;
		size_t k, here = 0;
		for (j = i; j < n && it[j].rec == it[i].rec; j++)
			if (it[j].decided == NULL)
				here++;
		replies++;
		a2_buf_printf(&b, "<section class=\"reply%s\"><h2><span class=\"file\">", here ? "" : " done");
		esc(&b, r->file);
		a2_buf_puts(&b, "</span> <span class=\"ms\">");
		if (r->ms_iso3) {
			esc(&b, st ? st->name : r->ms_name);
			a2_buf_puts(&b, " <code>");
			esc(&b, r->ms_iso3);
			a2_buf_puts(&b, "</code>");
		} else {
			a2_buf_puts(&b, "sender not identified");
		}
		a2_buf_printf(&b, "</span> <span class=\"n\">%zu of %zu pending</span></h2>\n"
		    "<p class=\"sha\">sha256 <code>", here, j - i);
		esc(&b, r->sha256);
		a2_buf_puts(&b, "</code>");
		if (r->sig_name || r->sig_date) {
			a2_buf_puts(&b, " &#183; signed ");
			esc(&b, r->sig_name ? r->sig_name : "(no name)");
			a2_buf_puts(&b, ", ");
			esc(&b, r->sig_date ? r->sig_date : "undated");
		}
		a2_buf_puts(&b, "</p>\n");
		for (k = i; k < j; k++) {
			char id[48], next[48] = "";
			const char *ev = p->evidence ? p->evidence(p->ctx, it[k].rec, it[k].text) : NULL;
			size_t m;
			const a2_text *ft = NULL;
			for (m = 0; m < f->n_texts; m++)
				if (!strcmp(f->texts[m].rec, it[k].text))
					ft = &f->texts[m];
			item_id(id, r, f, it[k].text);
			for (m = 1; m <= n; m++) {   /* the next pending item after this one, round the list */
				const a2_review_item *x = &it[(k + m) % n];
				if (x->decided == NULL && (k + m) % n != k) {
					item_id(next, &R->recs[x->rec], f, x->text);
					break;
				}
			}
			a2_buf_printf(&b, "<article class=\"item %s\" id=\"%s\" tabindex=\"0\"><h3>",
			    it[k].decided ? "decided" : "pending", id);
			if (ft != NULL) {
				esc(&b, ft->rec);
				a2_buf_puts(&b, " <span class=\"alias\">(");
				esc(&b, ft->alias);
				a2_buf_puts(&b, ")</span>");
			} else {
				a2_buf_puts(&b, "Sender");
			}
			a2_buf_puts(&b, ": the reader said <b class=\"reader\">");
			esc(&b, it[k].reader);
			a2_buf_puts(&b, "</b> <span class=\"why-reader\">");
			esc(&b, reader_words(it[k].reader));
			a2_buf_puts(&b, "</span></h3>");
			if (it[k].message) {
				a2_buf_puts(&b, "<p class=\"msg\">");
				esc(&b, it[k].message);
				a2_buf_puts(&b, "</p>");
			}
			a2_buf_puts(&b, "<div class=\"evidence\">");
			if (ev != NULL)
				a2_buf_puts(&b, ev);
			else
				a2_buf_puts(&b, "<p class=\"noev\">No evidence to show: the file is not where the records say, "
				    "or has changed since it was read (its sha256 differs), or annex2 cannot open it "
				    "(a scan or picture: no page renderer yet): open the file itself.</p>");
			a2_buf_puts(&b, "</div>");
			if (it[k].decided)
				put_decision(&b, it[k].decided, R->states);
			put_form(&b, p, r, &it[k], next[0] ? next : id);
			a2_buf_puts(&b, "</article>\n");
		}
		a2_buf_puts(&b, "</section>\n");
	}
	if (R->states != NULL) {
		a2_buf_puts(&b, "<datalist id=\"states\">");
		for (i = 0; i < R->states->n; i++) {
			a2_buf_puts(&b, "<option value=\"");
			esc(&b, R->states->v[i].iso3);
			a2_buf_puts(&b, "\">");
			esc(&b, R->states->v[i].name);
			a2_buf_puts(&b, "</option>");
		}
		a2_buf_puts(&b, "</datalist>\n");
	}
	a2_buf_printf(&b, "</main>\n<footer>annex2 " ANNEX2_VERSION " &#183; %zu replies with something to review "
	    "&#183; decisions in <code>", replies);
	esc(&b, p->decisions_path);
	a2_buf_puts(&b, "</code> (append-only; the reader's records are not changed)</footer>\n</body>\n</html>\n");
	free(it);
	if (b.failed) {
		a2_buf_free(&b);
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		return NULL;
	}
	return a2_buf_take(&b);
}

char *
a2_review_dashboard_html(const a2_round *decided, unsigned long version, a2_error *err)
{
	char *page = a2_report_html_render(decided), *body, *out;
	char live[160] = "";
	static const char nav[] = "<nav style=\"background:#00689a;color:#fff;padding:8px 32px;font:14px system-ui,sans-serif\">"
	    "<a href=\"./\" accesskey=\"r\" style=\"color:#fff;font-weight:700\">&#8592; Back to the review</a> "
	    "&#183; the tally below applies every decision taken so far (it is made again at each visit)</nav>\n";

	if (page == NULL || (body = strstr(page, "<body>\n")) == NULL) {
		free(page);
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		return NULL;
	}
	body += strlen("<body>\n");
	if (version > 0) {   /* live: the page's own script, which asks for the version */
		/* the report's own policy (no script at all) gives way to the
		 * server's, which allows that one file and nothing inline */
		char *meta = strstr(page, "<meta http-equiv=\"Content-Security-Policy\""), *end;
		if (meta != NULL && meta < body && (end = strchr(meta, '>')) != NULL && end < body) {
			size_t cut = (size_t)(end + 1 - meta) + (end[1] == '\n');
			memmove(meta, meta + cut, strlen(meta + cut) + 1);
			body -= cut;
		}
		snprintf(live, sizeof live, "<span id=\"live\" data-version=\"%lu\" hidden></span>"
		    "<script src=\"app.js\" defer></script>\n", version);
	}
	out = a2_sprintf("%.*s%s%s%s", (int)(body - page), page, nav, live, body);
	free(page);
	if (out == NULL)
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return out;
}
