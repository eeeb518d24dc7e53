/* read/match/sender.c -- who sent the reply (generator metadata and the visible
 * "Administration of ..."), who signed it, where and when. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "read/match/match.h"
#include "read/match/dates.h"

/* Trims white space and the given punctuation from both ends of [*a,*b). */
static void
trim(const char *t, size_t *a, size_t *b, const char *punct)
{
	while (*a < *b && (strchr(" \t\n\r", t[*a]) || strchr(punct, t[*a])))
		(*a)++;
	while (*b > *a && (strchr(" \t\n\r", t[*b - 1]) || strchr(punct, t[*b - 1])))
		(*b)--;
	/* non-breaking spaces; and where punctuation is trimmed, the Arabic
	 * comma and semicolon and the ideographic comma ("القاهرة،", "北京、") */
	for (;;) {
		if (*b >= *a + 2 && (unsigned char)t[*b - 2] == 0xC2 && (unsigned char)t[*b - 1] == 0xA0)
			*b -= 2;
		else if (*punct && *b >= *a + 2 && (unsigned char)t[*b - 2] == 0xD8 &&
		    ((unsigned char)t[*b - 1] == 0x8C || (unsigned char)t[*b - 1] == 0x9B))
			*b -= 2;
		else if (*punct && *b >= *a + 3 && (unsigned char)t[*b - 3] == 0xE3 && (unsigned char)t[*b - 2] == 0x80 &&
		    (unsigned char)t[*b - 1] == 0x81)
			*b -= 3;
		else
			break;
		while (*b > *a && (strchr(" \t\n\r", t[*b - 1]) || strchr(punct, t[*b - 1])))
			(*b)--;
	}
	while (*a + 2 <= *b && (unsigned char)t[*a] == 0xC2 && (unsigned char)t[*a + 1] == 0xA0)
		*a += 2;
}

/* A value still showing the form's placeholder: "[Name]", an untouched
 * placeholder field, or empty. */
static int
placeholder(const a2_stream *s, size_t a, size_t b)
{
	size_t i, field = 0;

	if (a >= b)
		return 1;
	if (s->text[a] == '[' && s->text[b - 1] == ']' && memchr(s->text + a + 1, '[', b - a - 2) == NULL)
		return 1;
	if (s->text[a] == '<' && s->text[b - 1] == '>')
		return 1;
	for (i = a; i < b; i++)
		if (s->flags[i] & A2_SF_FIELD)
			field++;
	return field == b - a;
}

/* The line [*a,*b) starting at or after pos (lines end at '\n'); skips
 * empty lines and at most max_skip lines that hold only placeholders or
 * punctuation.  0 when none. */
static int
next_line(const a2_stream *s, size_t pos, size_t *a, size_t *b)
{
	while (pos < s->len) {
		const char *nl = memchr(s->text + pos, '\n', s->len - pos);
		size_t e = nl ? (size_t)(nl - s->text) : s->len;
		size_t x = pos, y = e;
		trim(s->text, &x, &y, "");
		if (x < y) {
			*a = x;
			*b = y;
			return 1;
		}
		pos = e + 1;
	}
	return 0;
}

static char *
dup_range(const a2_stream *s, size_t a, size_t b)
{
	char *r = a2_strndup(s->text + a, b - a), *p;

	if (r != NULL)
		for (p = r; *p; p++)
			if (*p == '\t' || *p == '\n')
				*p = ' ';
	return r;
}

/* Where the value after a phrase ("Date:", "Yours faithfully,") starts:
 * the rest of the phrase's own line when it holds more than punctuation,
 * else the next line. */
static size_t
after_phrase(const a2_stream *s, size_t pos)
{
	const char *nl = memchr(s->text + pos, '\n', s->len - pos);
	size_t le = nl ? (size_t)(nl - s->text) : s->len, x = pos, y = le;

	trim(s->text, &x, &y, ",;:.!");
	if (x < y)
		return pos;
	return le < s->len ? le + 1 : le;
}

/* 1 when [cs,ce) names a state: the "Administration of X" met inside a
 * line is the sender's only then ("مديرة إدارة المعايير", a title, holds
 * the word for Administration); 0; -1 out of memory. */
static int
names_state(const a2_states *states, const a2_stream *s, size_t cs, size_t ce)
{
	const a2_state *st = NULL;
	char *name;
	int k;

	trim(s->text, &cs, &ce, ".,;:");
	if (cs >= ce)
		return 0;
	if ((name = dup_range(s, cs, ce)) == NULL)
		return -1;
	k = a2_states_find(states, name, &st);
	free(name);
	return k < 0 ? -1 : st != NULL;
}

/* The line [*a,*b) before the one that starts at pos (empty lines
 * skipped); 0 when there is none. */
static int
prev_line(const a2_stream *s, size_t pos, size_t *a, size_t *b)
{
	while (pos > 0) {
		size_t e = pos - 1, st = e;   /* text[e] is the '\n' before pos */
		while (st > 0 && s->text[st - 1] != '\n')
			st--;
		*a = st;
		*b = e;
		trim(s->text, a, b, "");
		if (*a < *b)
			return 1;
		pos = st;
	}
	return 0;
}

/* A line that may be a name or a title: short, no mark in it, not a
 * phrase of the form ("[Name]"). */
static int
sig_line(const a2_stream *s, size_t a, size_t b)
{
	size_t i;

	if (b - a > 120 || placeholder(s, a, b))
		return 0;
	for (i = 0; i < s->n_marks; i++)
		if (s->marks[i].pos >= a && s->marks[i].pos <= b)
			return 0;
	return 1;
}

/* Neither the closing phrase nor "From:" is worded as the form words it
 * (another edition: "顺致敬意。", "Yours sincerely,"): the signature block is
 * still the name and the title on the two lines above the last
 * "Administration of X" that names a state, alone on its line. */
static int
block_before_admin(const a2_patterns *p, const a2_states *states, const a2_stream *s, a2_record *rec)
{
	size_t from = 0, ms, me, cs, ce, line = (size_t)-1, a, b, a2, b2;
	int r, k;

	while ((r = a2_pattern_next(p, A2_PAT_ADMIN, s, s->len, from, &ms, &me, &cs, &ce)) == 1) {
		from = me > ms ? me : ms + 1;
		size_t st = cs < ms ? cs : ms;   /* the name may come first: "中国主管部门" */
		if ((st == 0 || s->text[st - 1] == '\n') && (k = names_state(states, s, cs, ce)) != 0) {
			if (k < 0)
				return -1;
			line = st;
		}
	}
	if (r < 0)
		return r;
	if (line == (size_t)-1 || !prev_line(s, line, &a, &b) || !sig_line(s, a, b))
		return 0;
	if (prev_line(s, a, &a2, &b2) && sig_line(s, a2, b2)) {
		if ((rec->sig_name = dup_range(s, a2, b2)) == NULL || (rec->sig_title = dup_range(s, a, b)) == NULL)
			return -1;
	} else if ((rec->sig_name = dup_range(s, a, b)) == NULL)
		return -1;
	return 0;
}

/* Name and title: the two lines after "Yours faithfully," (else after
 * "From:"), stopping at "Administration of"; else the two lines above the
 * last "Administration of X". */
static int
signatory(const a2_patterns *p, const a2_states *states, const a2_stream *s, a2_record *rec)
{
	size_t a, b, e, x, y, pos;
	int which, got = 0;
	static const a2_pat order[] = {A2_PAT_CLOSING, A2_PAT_FROM};

	for (which = 0; which < 2 && !got; which++) {
		size_t from = 0, ms, me;
		/* the last closing phrase; the first "From:" */
		int found = 0, r;
		while ((r = a2_pattern_next(p, order[which], s, s->len, from, &ms, &me, NULL, NULL)) == 1) {
			found = 1;
			pos = me;
			from = me;
			if (order[which] == A2_PAT_FROM)
				break;
		}
		if (r < 0)
			return r;
		if (!found)
			continue;
		pos = after_phrase(s, pos);
		for (got = 0; got < 2 && next_line(s, pos, &a, &b); got++) {
			size_t as, ae, cs, ce;
			if ((r = a2_pattern_next(p, A2_PAT_ADMIN, s, b, a, &as, &ae, &cs, &ce)) < 0)
				return r;
			if (r == 1 && as == a)
				break;
			x = a;
			y = b;
			/* a line that runs on into "Administration of X" (a PDF's
			 * lines joined where the layout cannot tell a break) ends
			 * there, when X is a state */
			if (r == 1 && as > a) {
				int k = names_state(states, s, cs, ce);
				if (k < 0)
					return -1;
				if (k)
					y = as;
			}
			trim(s->text, &x, &y, ",;");
			e = b;
			if (!placeholder(s, x, y)) {
				char *v = dup_range(s, x, y);
				if (v == NULL)
					return -1;
				if (got == 0)
					rec->sig_name = v;
				else
					rec->sig_title = v;
			} else if (got == 0) {
				/* name still a placeholder: look no further in this block */
			}
			pos = e + 1;
		}
		if (rec->sig_name == NULL && rec->sig_title == NULL)
			got = 0;
	}
	if (rec->sig_name == NULL && rec->sig_title == NULL)
		return block_before_admin(p, states, s, rec);
	return 0;
}

/* The words that introduce a date ("Kinshasa, le 19 août 2024", "Madrid, el
 * ...", "Bern, den ...", "Berlin, am ...", "London, the ...") belong to the
 * date, not to the place: one such word at the end of [a, *b) is taken off
 * (with the spaces and commas before it). */
static void
drop_date_word(const char *t, size_t a, size_t *b)
{
	static const char *const words[] = {
		"le", "el", "den", "am", "the", "this", "dated", "du", "del", "de", "on", "il", "em", "a", NULL,
	};
	size_t e = *b, w = e, i;

	while (w > a && t[w - 1] != ' ' && t[w - 1] != ',' && t[w - 1] != '\t')
		w--;
	if (w == a)
		return;   /* the whole place is one word: it is the place */
	for (i = 0; words[i] != NULL; i++)
		if (strlen(words[i]) == e - w && strncasecmp(t + w, words[i], e - w) == 0)
			break;
	if (words[i] == NULL)
		return;
	while (w > a && (t[w - 1] == ' ' || t[w - 1] == ',' || t[w - 1] == '\t'))
		w--;
	*b = w;
}

/* Place and date: after "Date:" (the next two blocks), else anywhere after
 * the closing phrase. */
static int
place_date(const a2_patterns *p, const a2_stream *s, a2_record *rec)
{
	size_t ms, me, a, b, ds = 0, de = 0, from;
	char iso[11], alt[11];
	int r = 0;

	if ((r = a2_pattern_next(p, A2_PAT_DATE, s, s->len, 0, &ms, &me, NULL, NULL)) < 0)
		return r;
	if (r == 1) {
		size_t blk = a2_stream_block_of(s, me);
		size_t lim = a2_stream_block_end(s, blk + 2 < s->n_blocks ? blk + 2 : s->n_blocks - 1);
		a = me;
		/* the date follows its label: the 2,000 bytes after it (a
		 * paragraph of megabytes after "Date:" is searched no further) */
		if (lim - a > 2000)
			lim = a + 2000;
		r = a2_parse_date_in(a2_patterns_dates(p), s->text + a, lim - a, iso, alt, &ds, &de, s->budget);
		if (r < 0)
			return r;
		if (r) {
			ds += a;
			de += a;
			/* the place: the text before the date on its line */
			{
				size_t ls = ds, x, y;
				while (ls > a && s->text[ls - 1] != '\n')
					ls--;
				x = ls;
				y = ds;
				trim(s->text, &x, &y, ",;:-");
				drop_date_word(s->text, x, &y);
				if (!placeholder(s, x, y) && (rec->sig_place = dup_range(s, x, y)) == NULL)
					return -1;
			}
		} else {
			/* no date: a place may still be there ("Geneva, [Date]") */
			if (next_line(s, after_phrase(s, me), &a, &b)) {
				const char *c = memchr(s->text + a, ',', b - a);
				size_t x = a, y = c ? (size_t)(c - s->text) : b;
				trim(s->text, &x, &y, ",;:-");
				if (!placeholder(s, x, y) && y - x < 80 && (rec->sig_place = dup_range(s, x, y)) == NULL)
					return -1;
			}
		}
	}
	if (!r) {
		from = 0;
		while ((r = a2_pattern_next(p, A2_PAT_CLOSING, s, s->len, from, &ms, &me, NULL, NULL)) == 1)
			from = me;
		/* in the signature block: the 2,000 bytes after the closing (not
		 * an annex further on) */
		if (r == 0 && from > 0)
			r = a2_parse_date_in(a2_patterns_dates(p), s->text + from,
			    s->len - from < 2000 ? s->len - from : 2000, iso, alt, NULL, NULL, s->budget);
		if (r < 0)
			return r;
	}
	if (r == 1) {
		if ((rec->sig_date = a2_strdup(iso)) == NULL)
			return -1;
	} else if (r == 2) {
		if (a2_record_add_problem(rec, "ambiguous-date", NULL,
		    "the date could be %s or %s: write the month in words", iso, alt) != 0)
			return -1;
	}
	return 0;
}

static int
set_state(a2_record *rec, const a2_state *st, const char *source)
{
	free(rec->ms_iso3);
	free(rec->ms_name);
	free(rec->ms_source);
	rec->ms_iso3 = rec->ms_name = rec->ms_source = NULL;
	if (st == NULL)
		return 0;
	rec->ms_iso3 = a2_strdup(st->iso3);
	rec->ms_name = a2_strdup(st->name);
	rec->ms_source = a2_strdup(source);
	return rec->ms_iso3 && rec->ms_name && rec->ms_source ? 0 : -1;
}

int
a2_match_sender(const a2_patterns *p, const a2_form *form, const a2_states *states,
    const a2_doc *doc, const a2_stream *s, a2_record *rec)
{
	const char *meta_iso = a2_doc_prop(doc, A2_PROP_STATE);
	const char *meta_form = a2_doc_prop(doc, A2_PROP_CONSULTATION);
	const a2_state *meta = meta_iso ? a2_states_by_iso3(states, meta_iso) : NULL;
	const a2_state *seen = NULL, *other = NULL, *last_st = NULL;
	char *unknown = NULL, *last = NULL;
	size_t from = 0, ms, me, cs, ce;
	int rc = -1, found;

	if (meta_form != NULL && strcmp(meta_form, form->id) != 0 &&
	    a2_record_add_problem(rec, "other-consultation", NULL,
	    "the form was made for consultation \"%.100s\", not \"%s\"", meta_form, form->id) != 0)
		goto out;
	/* every visible "Administration of X" */
	while ((found = a2_pattern_next(p, A2_PAT_ADMIN, s, s->len, from, &ms, &me, &cs, &ce)) == 1) {
		const a2_state *st;
		char *name;
		from = me > ms ? me : ms + 1;
		trim(s->text, &cs, &ce, ".,;:");
		if (placeholder(s, cs, ce))
			continue;
		if ((name = dup_range(s, cs, ce)) == NULL)
			goto out;
		/* the same name again (the From block and the signature): the
		 * table is searched once */
		if (last != NULL && strcmp(last, name) == 0) {
			st = last_st;
		} else {
			free(last);
			if (a2_states_find(states, name, &st) != 0 || (last = a2_strdup(name)) == NULL) {
				last = NULL;
				free(name);
				goto out;
			}
			last_st = st;
		}
		if (st == NULL) {
			if (unknown == NULL)
				unknown = name;
			else
				free(name);
			continue;
		}
		free(name);
		if (seen == NULL)
			seen = st;
		else if (st != seen)
			other = st;
	}
	if (found < 0) {
		rc = found;
		goto out;
	}
	if (seen != NULL && other != NULL) {
		if (set_state(rec, NULL, NULL) != 0 ||
		    a2_record_add_problem(rec, "sender-mismatch", NULL,
		    "the document names two senders: %s and %s", seen->name, other->name) != 0)
			goto out;
	} else if (seen != NULL && !seen->member) {
		if (a2_record_add_problem(rec, "non-member", NULL,
		    "sent by %s, which is not an ITU Member State: not counted", seen->name) != 0)
			goto out;
	} else if (meta != NULL && seen != NULL && meta != seen) {
		if (a2_record_add_problem(rec, "sender-mismatch", NULL,
		    "the form was made for %s but is signed for %s", meta->name, seen->name) != 0)
			goto out;
	} else if (seen != NULL || (meta != NULL && meta->member)) {
		const a2_state *st = meta != NULL ? meta : seen;
		if (set_state(rec, st, meta != NULL ? "metadata" : "text") != 0)
			goto out;
		if (!a2_state_member_on(st, form->date) &&
		    a2_record_add_problem(rec, "non-member", NULL,
		    "%s joined ITU on %s, after the circular of %s: not counted",
		    st->name, st->member_since ? st->member_since : "?", form->date) != 0)
			goto out;
	} else if (unknown != NULL) {
		if (a2_record_add_problem(rec, "unknown-sender", NULL,
		    "\"Administration of %.100s\" is not a known Member State", unknown) != 0)
			goto out;
	} else {
		if (a2_record_add_problem(rec, "unknown-sender", NULL,
		    "the sender is not named (no \"Administration of ...\" and no form metadata)") != 0)
			goto out;
	}
	if ((rc = signatory(p, states, s, rec)) != 0 || (rc = place_date(p, s, rec)) != 0)
		goto out;
out:
	free(unknown);
	free(last);
	return rc;
}
