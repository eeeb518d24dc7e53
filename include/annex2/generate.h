/*
 * annex2/generate.h -- writing pre-filled reply forms.
 *
 * One writer per format, both reading only the loaded a2_form.  Output is
 * deterministic: the same inputs give byte-identical files (fixed zip
 * timestamps and entry order; ODF mimetype first and stored).
 */
#ifndef ANNEX2_GENERATE_H
#define ANNEX2_GENERATE_H

#include <stddef.h>
#include "error.h"
#include "form.h"
#include "states.h"

typedef struct a2_contact {
	char *iso3, *name, *title, *address, *email;
	char *lang;   /* the optional column lang, or NULL */
} a2_contact;

typedef struct a2_gen_opts {
	const char *lang;          /* wording language; NULL = "en" (a2_generate_lang() chooses) */
	const a2_contact *contact; /* fills the From block; NULL = placeholders */
} a2_gen_opts;

/* Writes the form for one Member State into a new buffer (*out, *len);
 * the caller frees *out.  0 on success, -1 with err filled. */
int a2_generate_docx(const a2_form *form, const a2_state *st, const a2_gen_opts *opts,
                     unsigned char **out, size_t *len, a2_error *err);
int a2_generate_odt(const a2_form *form, const a2_state *st, const a2_gen_opts *opts,
                    unsigned char **out, size_t *len, a2_error *err);

/* Contacts CSV (header: iso3,name,title,address,email, optional lang: the
 * language of that state's form, over member-states.tsv's; other
 * columns ignored).  Several rows per state (several addresses) are kept in
 * file order; a2_contacts_find() gives the first.  Caller frees with
 * a2_contacts_free(). */
a2_contact *a2_contacts_load(const char *path, size_t *n, a2_error *err);
void a2_contacts_free(a2_contact *c, size_t n);
const a2_contact *a2_contacts_find(const a2_contact *c, size_t n, const char *iso3);

/* The language of st's form: forced (not NULL and not "all"), else the
 * contact's lang column, else the state's language of correspondence,
 * each only when the consultation has that wording; else "en". */
const char *a2_generate_lang(const a2_form *form, const a2_state *st, const a2_contact *contact,
                             const char *forced);

/* Writes data to path atomically (temporary file in the same folder, then
 * rename): never a half-written file.  Fails with A2_ERR_EXISTS when path
 * exists and force is 0. */
int a2_write_atomic(const char *path, const void *data, size_t len, int force, a2_error *err);

/* a2_write_atomic() in its three steps, for a writer of many files that
 * syncs them together (annex2 generate): write a temporary file beside
 * path (left open; not over an existing path unless force), sync and close
 * it, rename it into place (checking again).  Each step returns 0, or -1
 * with err set and the temporary file removed (nothing left to undo). */
typedef struct a2_temp {
	char *name;          /* the temporary file, while it exists */
	int fd;              /* open until a2_temp_sync() */
} a2_temp;
int a2_temp_write(a2_temp *t, const char *path, const void *data, size_t len, int force, a2_error *err);
int a2_temp_sync(a2_temp *t, const char *path, a2_error *err);
int a2_temp_commit(a2_temp *t, const char *path, int force, a2_error *err);
/* Removes a temporary file not committed. */
void a2_temp_discard(a2_temp *t);
/* When name is a temporary file's name as a2_temp_write() makes them (the
 * final name, ".tmp", six mkstemp characters), the length of that final
 * name; 0 otherwise. */
size_t a2_temp_base_len(const char *name);

/* SHA-256 of a buffer as 64 lowercase hex digits + NUL.  0 or -1. */
int a2_sha256_hex(const void *data, size_t len, char out[65]);

/* The reference line written in each form: "TSB Circular 195 / FRA". */
char *a2_form_reference(const a2_form *form, const a2_state *st);

#endif
