/* form/states.c -- the Member State and non-member tables, and whole-name
 * matching after folding. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "form/blobs.h"

/* Base letters of U+00C0..U+017F ('\0' where there is none).  Ligatures and
 * special letters are expanded in fold_cp(). */
static const char latin1[] =
	"AAAAAAACEEEEIIII" "DNOOOOO\0OUUUUYTs"   /* C0-DF */
	"aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty"   /* E0-FF */
	"AaAaAaCcCcCcCcDd" "DdEeEeEeEeEeGgGg"   /* 100-11F */
	"GgGgHhHhIiIiIiIi" "IiJjJjKkkLlLlLlL"   /* 120-13F */
	"lLlNnNnNnnNnOoOo" "OoOoRrRrRrSsSsSs"   /* 140-15F */
	"SsTtTtTtUuUuUuUu" "UuUuWwYyYZzZzZzs";  /* 160-17F */

static int
fold_cp(a2_buf *b, unsigned cp)
{
	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			return a2_buf_putc(b, (char)cp);
		if (cp >= 'A' && cp <= 'Z')
			return a2_buf_putc(b, (char)(cp - 'A' + 'a'));
		if (cp == '\'')
			return 0;                 /* Côte d'Ivoire = Cote dIvoire? keep words: drop */
		return a2_buf_putc(b, ' ');
	}
	if (cp == 0xC6 || cp == 0xE6)
		return a2_buf_puts(b, "ae");
	if (cp == 0x152 || cp == 0x153)
		return a2_buf_puts(b, "oe");
	if (cp == 0xDF)
		return a2_buf_puts(b, "ss");
	if (cp == 0x2019 || cp == 0x2018 || cp == 0xB4 || cp == 0x2BC)
		return 0;                         /* apostrophes */
	if (cp == 0xA0 || cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2014 ||
	    (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x3000 || cp == 0xAB || cp == 0xBB ||
	    cp == 0x201C || cp == 0x201D)
		return a2_buf_putc(b, ' ');
	if (cp >= 0xC0 && cp <= 0x17F && latin1[cp - 0xC0] != '\0') {
		char c = latin1[cp - 0xC0];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		return a2_buf_putc(b, c);
	}
	if (cp == 0x640 || (cp >= 0x64B && cp <= 0x65F) || cp == 0x670)
		return 0;                         /* Arabic tatweel and harakat */
	if (cp == 0x401 || cp == 0x451)           /* Ё ё: written е as often as not */
		return a2_buf_put_cp(b, 0x435);
	if (cp >= 0x410 && cp <= 0x42F)           /* Cyrillic capitals */
		cp += 0x20;
	return a2_buf_put_cp(b, cp);
}

char *
a2_fold(const char *s)
{
	a2_buf raw = {0}, out = {0};
	size_t i = 0, n = strlen(s);
	int space = 1;
	unsigned cp;

	while (i < n) {
		i += a2_utf8_next(s + i, n - i, &cp);
		fold_cp(&raw, cp);
	}
	if (raw.failed) {
		a2_buf_free(&raw);
		return NULL;
	}
	for (i = 0; i < raw.len; i++) {
		if (raw.data[i] == ' ') {
			space = 1;
			continue;
		}
		if (space && out.len > 0)
			a2_buf_putc(&out, ' ');
		space = 0;
		a2_buf_putc(&out, raw.data[i]);
	}
	a2_buf_free(&raw);
	return a2_buf_take(&out);
}

/* ---- TSV ---- */

/* Splits line in place on tabs; returns the number of fields (<= max). */
static size_t
split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;

	f[n++] = line;
	while (n < max && (line = strchr(line, '\t')) != NULL) {
		*line++ = '\0';
		f[n++] = line;
	}
	return n;
}

static int
col_index(char **hdr, size_t nh, const char *name)
{
	size_t i;

	for (i = 0; i < nh; i++)
		if (strcmp(hdr[i], name) == 0)
			return (int)i;
	return -1;
}

static int
add_name(a2_state *st, size_t *cap, const char *name)
{
	char *raw, *fold;
	size_t i;

	while (*name == ' ')
		name++;
	if (*name == '\0')
		return 0;
	fold = a2_fold(name);
	if (fold == NULL)
		return -1;
	for (i = 0; i < st->n_names; i++) {
		if (strcmp(st->folded[i], fold) == 0) {
			free(fold);
			return 0;
		}
	}
	if (*fold == '\0') {
		free(fold);
		return 0;
	}
	raw = a2_strdup(name);
	if (raw == NULL || a2_grow((void **)&st->names, cap, st->n_names + 1, sizeof(char *)) != 0) {
		free(raw);
		free(fold);
		return -1;
	}
	/* names and folded grow together: folded has the same capacity */
	{
		char **nf = realloc(st->folded, *cap * sizeof(char *));
		if (nf == NULL) {
			free(raw);
			free(fold);
			return -1;
		}
		st->folded = nf;
	}
	st->names[st->n_names] = raw;
	st->folded[st->n_names] = fold;
	st->n_names++;
	return 0;
}

/* name without a leading article of English, French or Spanish ("the
 * French Republic", "la République française", "l'État plurinational de
 * Bolivie", "los Estados Unidos Mexicanos"). */
static const char *
no_article(const char *name)
{
	static const char *const art[] = {"the ", "la ", "le ", "les ", "el ", "los ", "las ", "l'", "l\u2019"};
	size_t i;

	for (i = 0; i < sizeof(art) / sizeof(art[0]); i++)
		if (strncmp(name, art[i], strlen(art[i])) == 0 && name[strlen(art[i])] != '\0')
			return name + strlen(art[i]);
	return name;
}

/* Parses one TSV table into s.  name_cols: the columns holding names; the
 * "aliases" column is split on ';'. */
static int
load_table(a2_states *s, const char *data, size_t len, const char *what, int member, a2_error *err)
{
	char *copy, *line, *next, *hdr[32], *f[32];
	size_t nh, nf, lineno = 1, cap = s->n;
	int c_iso3, c_iso2, c_name, c_since, c_alias;
	static const char *const name_cols[] = {
		"itu_name_en", "itu_name_fr", "itu_name_es", "e164_list_name_en", "un_name_en",
		"un_name_fr", "un_name_es", "un_name_ar", "un_name_zh", "un_name_ru", "name_en",
		"name_ru_gen", "formal_en", "formal_fr", "formal_es", "formal_ru", "formal_ar", "formal_zh",
		"formal_ru_gen",
	};
	/* the formal name in ar zh en fr ru es (Russian: the genitive) */
	static const char *const formal_cols[6] = {
		"formal_ar", "formal_zh", "formal_en", "formal_fr", "formal_ru_gen", "formal_es",
	};
	/* the form's name in ar zh en fr ru es: the first column present */
	static const char *const form_cols[6][2] = {
		{"un_name_ar", NULL}, {"un_name_zh", NULL}, {"itu_name_en", "name_en"},
		{"itu_name_fr", "un_name_fr"}, {"name_ru_gen", "un_name_ru"}, {"itu_name_es", "un_name_es"},
	};
	int rc = -1;

	copy = a2_strndup(data, len);
	if (copy == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	line = copy;
	next = strchr(line, '\n');
	if (next)
		*next++ = '\0';
	nh = split_tabs(line, hdr, 32);
	c_iso3 = col_index(hdr, nh, "iso3");
	c_iso2 = col_index(hdr, nh, "iso2");
	c_name = col_index(hdr, nh, member ? "itu_name_en" : "name_en");
	c_since = col_index(hdr, nh, "itu_member_since");
	c_alias = col_index(hdr, nh, "aliases");
	if (c_iso3 < 0 || c_name < 0) {
		a2_error_at(err, what, NULL, 1, 0);
		a2_error_set(err, A2_ERR_DATA, "header has no iso3 or name column");
		goto out;
	}
	while ((line = next) != NULL) {
		a2_state *st;
		size_t ncap = 0, k;
		char *a, *semi;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line[0] != '\0' && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		nf = split_tabs(line, f, 32);
		if ((size_t)c_iso3 >= nf || (size_t)c_name >= nf || strlen(f[c_iso3]) != 3) {
			a2_error_at(err, what, NULL, (int)lineno, 0);
			a2_error_set(err, A2_ERR_DATA, "line %zu: expected an ISO3 code and a name", lineno);
			goto out;
		}
		if (a2_grow((void **)&s->v, &cap, s->n + 1, sizeof(a2_state)) != 0)
			goto nomem;
		st = &s->v[s->n++];
		memset(st, 0, sizeof(*st));
		st->member = member;
		st->iso3 = a2_strdup(f[c_iso3]);
		st->iso2 = a2_strdup(c_iso2 >= 0 && (size_t)c_iso2 < nf ? f[c_iso2] : "");
		st->name = a2_strdup(f[c_name]);
		if (c_since >= 0 && (size_t)c_since < nf && f[c_since][0] != '\0')
			st->member_since = a2_strdup(f[c_since]);
		if (!st->iso3 || !st->iso2 || !st->name)
			goto nomem;
		{
			int c = col_index(hdr, nh, "lang");
			if (c >= 0 && (size_t)c < nf && f[c][0] != '\0' && (st->lang = a2_strdup(f[c])) == NULL)
				goto nomem;
		}
		for (k = 0; k < 6; k++) {
			size_t q;
			for (q = 0; q < 2 && form_cols[k][q] != NULL && st->form_name[k] == NULL; q++) {
				int c = col_index(hdr, nh, form_cols[k][q]);
				if (c >= 0 && (size_t)c < nf && f[c][0] != '\0' &&
				    (st->form_name[k] = a2_strdup(f[c])) == NULL)
					goto nomem;
			}
		}
		for (k = 0; k < 6; k++) {
			int c = col_index(hdr, nh, formal_cols[k]);
			if (c >= 0 && (size_t)c < nf && f[c][0] != '\0' &&
			    (st->formal_name[k] = a2_strdup(f[c])) == NULL)
				goto nomem;
		}
		for (k = 0; k < sizeof(name_cols) / sizeof(name_cols[0]); k++) {
			int c = col_index(hdr, nh, name_cols[k]);
			/* a formal name is kept without the article the UN writes
			 * before it: a2_states_find() drops the reply's */
			if (c >= 0 && (size_t)c < nf &&
			    add_name(st, &ncap, strncmp(name_cols[k], "formal_", 7) == 0 ? no_article(f[c]) : f[c]) != 0)
				goto nomem;
		}
		if (c_alias >= 0 && (size_t)c_alias < nf) {
			for (a = f[c_alias]; a != NULL; a = semi) {
				semi = strchr(a, ';');
				if (semi)
					*semi++ = '\0';
				if (add_name(st, &ncap, a) != 0)
					goto nomem;
			}
		}
	}
	rc = 0;
	goto out;
nomem:
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
out:
	free(copy);
	return rc;
}

static int
load_src(a2_states *s, const char *path, const char *blob, size_t blen, int member, a2_error *err)
{
	unsigned char *data;
	size_t len;
	int rc;

	if (path == NULL)
		return load_table(s, blob, blen, member ? "member-states.tsv" : "non-member-entities.tsv",
		    member, err);
	a2_error_at(err, path, NULL, 0, 0);
	if (a2_read_whole(path, (size_t)16 << 20, &data, &len, err) != 0)
		return -1;
	rc = load_table(s, (const char *)data, len, path, member, err);
	free(data);
	return rc;
}

/* Every folded name with its state, sorted by name and then by the
 * state's place in the table, for a2_states_find(). */
struct a2_name_ent {
	const char *folded;
	size_t state;
};

static int
cmp_name_ent(const void *a, const void *b)
{
	const struct a2_name_ent *x = a, *y = b;
	int c = strcmp(x->folded, y->folded);

	return c != 0 ? c : (x->state > y->state) - (x->state < y->state);
}

static int
index_names(a2_states *s)
{
	size_t i, j, n = 0;

	for (i = 0; i < s->n; i++)
		n += s->v[i].n_names;
	if (n == 0)
		return 0;
	if ((s->by_name = malloc(n * sizeof(*s->by_name))) == NULL)
		return -1;
	for (i = 0; i < s->n; i++)
		for (j = 0; j < s->v[i].n_names; j++) {
			s->by_name[s->n_by_name].folded = s->v[i].folded[j];
			s->by_name[s->n_by_name].state = i;
			s->n_by_name++;
		}
	qsort(s->by_name, s->n_by_name, sizeof(*s->by_name), cmp_name_ent);
	return 0;
}

/* The first state in table order with the folded name f, or s->n. */
static size_t
find_folded(const a2_states *s, const char *f)
{
	size_t lo = 0, hi = s->n_by_name;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(s->by_name[mid].folded, f) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n_by_name && strcmp(s->by_name[lo].folded, f) == 0 ? s->by_name[lo].state : s->n;
}

a2_states *
a2_states_load(const char *members, const char *others, a2_error *err)
{
	a2_states *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	if (load_src(s, members, a2_blob_members, A2_BLOB_LEN(a2_blob_members), 1, err) != 0)
		goto fail;
	s->n_members = s->n;
	if (load_src(s, others, a2_blob_others, A2_BLOB_LEN(a2_blob_others), 0, err) != 0)
		goto fail;
	if (s->n_members == 0) {
		a2_error_set(err, A2_ERR_DATA, "no Member States in the table");
		goto fail;
	}
	if (index_names(s) != 0) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto fail;
	}
	return s;
fail:
	a2_states_free(s);
	return NULL;
}

void
a2_states_free(a2_states *s)
{
	size_t i, j;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		a2_state *st = &s->v[i];
		free(st->iso3); free(st->iso2); free(st->name); free(st->member_since);
		free(st->lang);
		for (j = 0; j < 6; j++) {
			free(st->form_name[j]);
			free(st->formal_name[j]);
		}
		for (j = 0; j < st->n_names; j++) {
			free(st->names[j]);
			free(st->folded[j]);
		}
		free(st->names);
		free(st->folded);
	}
	free(s->v);
	free(s->by_name);
	free(s);
}

const a2_state *
a2_states_by_iso3(const a2_states *s, const char *iso3)
{
	size_t i;

	if (iso3 == NULL)
		return NULL;
	for (i = 0; i < s->n; i++)
		if (strcasecmp(s->v[i].iso3, iso3) == 0)
			return &s->v[i];
	return NULL;
}

int
a2_states_find(const a2_states *s, const char *text, const a2_state **out)
{
	char *f = a2_fold(text);
	size_t i, j;

	*out = NULL;
	if (f == NULL)
		return -1;
	/* "the Republic of X" is written too: drop a leading article.  The
	 * first state in table order that has either name. */
	if (*f != '\0') {
		i = find_folded(s, f);
		if (strncmp(f, "the ", 4) == 0 && (j = find_folded(s, f + 4)) < i)
			i = j;
		/* the articles of French and Spanish: "la France", "l'Algérie"
		 * (folded "lalgerie"), "el Ecuador", "les Comores" */
		if (i == s->n) {
			static const char *const art[] = {"la ", "le ", "les ", "el ", "los ", "las ", "l", NULL};
			size_t a;
			for (a = 0; art[a] != NULL && i == s->n; a++)
				if (strncmp(f, art[a], strlen(art[a])) == 0 && f[strlen(art[a])] != '\0')
					i = find_folded(s, f + strlen(art[a]));
		}
		if (i < s->n)
			*out = &s->v[i];
	}
	free(f);
	return 0;
}

const a2_state *
a2_states_match(const a2_states *s, const char *text)
{
	const a2_state *hit;

	return a2_states_find(s, text, &hit) == 0 ? hit : NULL;
}

const char *
a2_state_form_name(const a2_state *st, const char *lang)
{
	static const char *const langs[6] = {"ar", "zh", "en", "fr", "ru", "es"};
	size_t i;

	for (i = 0; lang != NULL && i < 6; i++)
		if (strcmp(lang, langs[i]) == 0 && st->form_name[i] != NULL)
			return st->form_name[i];
	return st->name;
}

const char *
a2_state_formal_name(const a2_state *st, const char *lang)
{
	static const char *const langs[6] = {"ar", "zh", "en", "fr", "ru", "es"};
	size_t i;

	for (i = 0; lang != NULL && i < 6; i++)
		if (strcmp(lang, langs[i]) == 0)
			return st->formal_name[i] != NULL ? st->formal_name[i] : a2_state_form_name(st, lang);
	return st->formal_name[2] != NULL ? st->formal_name[2] : st->name;
}

int
a2_state_member_on(const a2_state *st, const char *date)
{
	if (st == NULL || !st->member)
		return 0;
	if (st->member_since == NULL || date == NULL)
		return 1;
	return strcmp(st->member_since, date) <= 0;
}
