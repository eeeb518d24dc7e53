/*
 * annex2/mail.h -- the mail round: the forms sent by e-mail (compose, SMTP,
 * the sent.jsonl log) and the replies taken from a mailbox (intake: the
 * MIME walk, the store by sha256, intake.jsonl).
 *
 * MIME is GMime's, the protocols libcurl's, S/MIME OpenSSL's: nothing is
 * written by hand.  Like the rest of the library, nothing here prints or
 * aborts: every fallible call fills an a2_error.
 */
#ifndef ANNEX2_MAIL_H
#define ANNEX2_MAIL_H

#include <stddef.h>
#include <time.h>
#include "error.h"
#include "form.h"
#include "generate.h"
#include "record.h"

/* ---- sending ------------------------------------------------------------ */

typedef struct a2_mail_file {
	const char *filename;          /* as the recipient sees it: "FRA.docx" */
	const unsigned char *data;
	size_t len;
} a2_mail_file;

typedef enum a2_mail_kind { A2_MAIL_CIRCULAR = 0, A2_MAIL_REMINDER } a2_mail_kind;

typedef struct a2_mail_spec {
	a2_mail_kind kind;
	const char *iso3;               /* the Member State */
	const char *state_name;         /* fills {state} */
	const char *state_formal;       /* fills {formal} (NULL: state_name) */
	const char *from;               /* address; NULL = the consultation's e-mail */
	const char *const *to; size_t n_to;
	const char *lang;               /* mail wording language; NULL = "en" */
	const char *missing;            /* {missing} of a reminder, or NULL */
	const char *in_reply_to;        /* a reminder: the circular's Message-ID, or NULL */
	const a2_mail_file *files; size_t n_files;
	time_t date;                    /* the Date: header */
} a2_mail_spec;

/* One RFC 5322 message (CRLF lines): multipart/mixed with the text and the
 * files (base64).  *out (caller frees) holds the message, *msgid its
 * Message-ID with the angle brackets (caller frees).  0 or -1. */
int a2_mail_compose(const a2_form *form, const a2_mail_spec *spec,
                    unsigned char **out, size_t *len, char **msgid, a2_error *err);
/* The subject of that message (caller frees), or NULL. */
char *a2_mail_subject(const a2_form *form, const a2_mail_spec *spec, a2_error *err);

/* An SMTP session through libcurl (smtp:// with STARTTLS when offered, or
 * smtps://).  Credentials come from the environment (ANNEX2_SMTP_USER,
 * ANNEX2_SMTP_PASSWORD) or a netrc file (ANNEX2_NETRC, else ~/.netrc),
 * never from the command line. */
typedef struct a2_smtp a2_smtp;
a2_smtp *a2_smtp_new(const char *url, a2_error *err);
int a2_smtp_send(a2_smtp *s, const char *from, const char *const *to, size_t n_to,
                 const void *msg, size_t len, a2_error *err);
void a2_smtp_free(a2_smtp *s);

/* The sent.jsonl log (SPEC): one object per message sent. */
typedef struct a2_sent {
	char *kind;                     /* "circular" | "reminder" */
	char *iso3, *message_id, *time, *subject;
	char **to; size_t n_to;
	struct a2_sent_file { char *filename; char sha256[65]; } *files; size_t n_files;
} a2_sent;

/* Loads a sent.jsonl (a missing file is an empty log; a line that is not a
 * sent entry is an error naming its line; a last line cut short by a crash
 * is left out).  Caller frees with a2_sent_free(). */
a2_sent *a2_sent_load(const char *path, size_t *n, a2_error *err);
void a2_sent_free(a2_sent *v, size_t n);
/* Appends one entry as a line and syncs it.  0 or -1. */
int a2_sent_append(const char *path, const a2_sent *e, a2_error *err);
/* The entry as one JSON line without '\n' (caller frees), or NULL. */
char *a2_sent_line(const a2_sent *e);
/* The entry of kind (NULL: any) for iso3 last in the log, or NULL. */
const a2_sent *a2_sent_find(const a2_sent *v, size_t n, const char *iso3, const char *kind);
/* The entry whose Message-ID is id (with or without <>), or NULL. */
const a2_sent *a2_sent_by_id(const a2_sent *v, size_t n, const char *id);

/* Files and log lines committed together (annex2 mail -o, intake): each
 * file written under a temporary name beside its path, each line kept;
 * a2_batch_flush() (also every 64 files or 512 lines) syncs the files with
 * one syncfs, renames them into place, then appends the lines to the log
 * and syncs it.  a2_batch_free() drops what was not flushed. */
typedef struct a2_batch a2_batch;
a2_batch *a2_batch_new(const char *dir, const char *logpath, a2_error *err);
int a2_batch_file(a2_batch *b, const char *path, const void *data, size_t len, a2_error *err);
int a2_batch_line(a2_batch *b, const char *line, a2_error *err);
int a2_batch_flush(a2_batch *b, a2_error *err);
void a2_batch_free(a2_batch *b);
/* The output folder of `mail -o` and `remind -o`, held by this process:
 * DIR/.annex2.lock locked (flock; waits for another run, generate's
 * included), then the temporary files an interrupted run left removed --
 * annex2's own names only (ISO3.eml.tmp or ISO3.reminder.eml.tmp and six
 * characters of mkstemp's),
 * regular files only, never followed through a link.  Returns the lock's
 * descriptor (close it to let go) or -1; *removed how many were removed. */
int a2_mail_outdir_lock(const char *dir, size_t *removed, a2_error *err);
/* A log (sent.jsonl) whose last line a crash cut short: the cut line (never
 * counted as sent, see a2_sent_load) is cut off, so that the next line
 * appended is a line of its own.  1 mended, 0 nothing to do, -1 error. */
int a2_sent_mend(const char *path, a2_error *err);

/* ---- intake ------------------------------------------------------------- */

typedef struct a2_intake_limits {
	size_t message_bytes;   /* one message, raw (32 MiB) */
	unsigned mime_depth;    /* nesting of multiparts and forwards (16) */
	unsigned parts;         /* MIME parts of one message (256) */
	size_t header_bytes;    /* one header field (64 KiB) */
	size_t zip_entries;     /* entries of a zipped reply (64) */
	size_t zip_bytes;       /* one inflated entry (64 MiB) */
} a2_intake_limits;
void a2_intake_limits_default(a2_intake_limits *l);

typedef struct a2_intake_opts {
	const a2_contact *contacts; size_t n_contacts; /* may be none */
	const a2_sent *sent; size_t n_sent;            /* may be none */
	const a2_intake_limits *limits;                /* NULL: defaults */
	const char *ca_file;   /* S/MIME: trusted CAs (NULL: the signature's own
	                        * certificate chain is checked, not trusted) */
} a2_intake_opts;

typedef struct a2_intake_stats {
	size_t messages, stored, duplicates, auto_replies, bounces, no_attachment, errors, skipped;
	size_t own;   /* messages annex2 mail sent (their Message-ID in sent.jsonl) */
	size_t others; /* attachments that are not replies (listed as skipped) */
} a2_intake_stats;

/* An intake into DIR: DIR/intake.jsonl (appended, one line per stored
 * attachment or per message with none), DIR/<sha256>.<ext> (each reply once),
 * DIR/imap-state.json (the last UID seen per mailbox).  What an earlier run
 * stored is known again (Message-IDs, sha256s): nothing is taken twice. */
typedef struct a2_intake a2_intake;
a2_intake *a2_intake_new(const char *dir, const a2_intake_opts *opts, a2_error *err);
/* One source: a Maildir (cur/ new/), an mbox, a .eml file, or an imap(s)://
 * URL (read-only, UID-based).  A message that cannot be read is an error
 * entry and the walk goes on; -1 only when the source itself cannot be read
 * or the store cannot be written. */
int a2_intake_source(a2_intake *in, const char *source, a2_error *err);
/* One raw message (origin names it in the log; delivered: the store's
 * delivery time, or 0). */
int a2_intake_message(a2_intake *in, const void *data, size_t len, const char *origin,
                      time_t delivered, a2_error *err);
/* Makes what was taken durable: the stored files, then their log lines.
 * a2_intake_source() flushes at its end; a caller of a2_intake_message()
 * flushes when it wants the log written.  0 or -1. */
int a2_intake_flush(a2_intake *in, a2_error *err);
const a2_intake_stats *a2_intake_get_stats(const a2_intake *in);
/* Frees the intake; what was not flushed is dropped (not logged: the next
 * run takes those messages again). */
void a2_intake_free(a2_intake *in);

/* An intake.jsonl entry as `annex2 read` uses it: the message of a stored
 * attachment, by its sha256. */
typedef struct a2_intake_entry {
	char sha256[65];
	char *message_id, *from, *subject, *received, *attachment;
	char *iso3_sent;      /* the state whose sent message it answers, or NULL */
	char *contact_iso3;   /* states whose contacts list the sender ("FRA,NER";
	                       * "" none; NULL: intake had no contacts) */
	a2_smime *smime;      /* the message's S/MIME verdict, or NULL */
} a2_intake_entry;
/* Loads the stored-attachment entries of DIR/intake.jsonl (path of the
 * file).  A missing file is an empty list. */
a2_intake_entry *a2_intake_load(const char *path, size_t *n, a2_error *err);
void a2_intake_entries_free(a2_intake_entry *v, size_t n);
const a2_intake_entry *a2_intake_find(const a2_intake_entry *v, size_t n, const char *sha256);

/* Per Member State, for check and report: when its circular was sent, when
 * it was last reminded (and how often), and when its standing reply was
 * received and from which address.  One row per state of the manifest (the
 * log's states when there is none), in that order.  Strings point into the
 * round and the log.  Caller frees the array; NULL with *n 0 when out of
 * memory or R has no log. */
typedef struct a2_mail_row {
	const char *iso3;
	const char *sent, *reminded;   /* times, or NULL */
	size_t n_reminders;
	const char *replied, *from;    /* receipt time and sender, or NULL */
	const a2_smime *smime;         /* that reply's message's S/MIME verdict, or NULL */
} a2_mail_row;
/* A reply's S/MIME verdict in a word: "valid", "invalid", "valid*" (valid,
 * but the file was outside the signed content), "-" (not signed). */
const char *a2_smime_word(const a2_smime *s);
struct a2_round;
a2_mail_row *a2_mail_rows(const struct a2_round *R, size_t *n);

/* Gives rec (read from path) the message its file came in, when an
 * intake.jsonl beside the file lists its sha256, and validates it again
 * (receipt decides lateness; address-mismatch).  0, or -1 out of memory. */
struct a2_record;
int a2_mail_attach(struct a2_record *rec, const char *path, const a2_form *form);

#endif
