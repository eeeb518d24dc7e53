/*
 * annex2/states.h -- the ITU Member States and the non-member entities.
 *
 * Loaded from the TSV files under forms/ (built into the library too).
 * Names are matched whole, after folding case, accents, punctuation and
 * spaces, against every name and alias: "Niger" never matches "Nigeria".
 */
#ifndef ANNEX2_STATES_H
#define ANNEX2_STATES_H

#include <stddef.h>
#include "error.h"

typedef struct a2_state {
	char *iso3;
	char *iso2;
	char *name;          /* ITU short English name */
	char *member_since;  /* ISO date or NULL (member since before any circular) */
	char **names;        /* every name and alias, raw */
	size_t n_names;
	char **folded;       /* names[] folded for matching */
	int member;          /* 1: a Member State; 0: a non-member entity */
	char *lang;          /* language of correspondence with ITU ("fr"; column lang) or NULL */
	char *form_name[6];  /* the name the form writes after "Administration of", in
	                      * ar zh en fr ru es (Russian: genitive); NULL when absent */
	char *formal_name[6];/* the formal name ("the French Republic", "la République
	                      * française", "Французской Республики": Russian genitive;
	                      * en fr es with the article the UN writes), or NULL */
} a2_state;

/* The name the form writes for st in lang ("ar", "zh", "en", "fr", "ru",
 * "es"; the Russian genitive after "Администрация"): the six-language
 * columns, the English ITU name when the language has none.  Never NULL. */
const char *a2_state_form_name(const a2_state *st, const char *lang);

/* The formal name of st in lang (the formal_* columns: "the French
 * Republic", "Французской Республики"), else the form's name.  Never NULL. */
const char *a2_state_formal_name(const a2_state *st, const char *lang);

struct a2_name_ent;

typedef struct a2_states {
	a2_state *v;
	size_t n;            /* Member States first, then non-member entities */
	size_t n_members;
	struct a2_name_ent *by_name;  /* private: every folded name, sorted */
	size_t n_by_name;
} a2_states;

/* Loads member-states.tsv and non-member-entities.tsv.  NULL paths load the
 * built-in copies.  Caller owns the result: a2_states_free(). */
a2_states *a2_states_load(const char *members_tsv, const char *others_tsv, a2_error *err);
void a2_states_free(a2_states *s);

/* By ISO 3166 alpha-3 code (case-insensitive); members and non-members. */
const a2_state *a2_states_by_iso3(const a2_states *s, const char *iso3);

/* Whole-name match of text (already isolated: "France", "Republic of Korea"):
 * *out is the state, or NULL when nothing matches.  0, or -1 when out of
 * memory (and *out NULL: nothing is known). */
int a2_states_find(const a2_states *s, const char *text, const a2_state **out);
/* The same, NULL for both "no match" and "out of memory". */
const a2_state *a2_states_match(const a2_states *s, const char *text);

/* 1 when st was an ITU Member State on the ISO date (YYYY-MM-DD). */
int a2_state_member_on(const a2_state *st, const char *date);

/* Folds a name for matching: lower case, accents removed, punctuation and
 * runs of spaces made one space, trimmed.  Returns a new string or NULL. */
char *a2_fold(const char *utf8);

#endif
