/* mail/intake.c -- replies taken from a mailbox: each message parsed by
 * GMime and its MIME tree walked without recursion (depth and part limits;
 * message/rfc822 forwards; multipart/signed S/MIME verified by OpenSSL; zip
 * archives holding replies); every attachment that may be a reply stored
 * once by sha256 with its provenance in intake.jsonl. */
#define _GNU_SOURCE 1   /* syncfs */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmime/gmime.h>
#define A2_GMIME_REDIRECT 1
#include "mail/gmimeapi.h"
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "annex2/mail.h"
#include "annex2/read.h"
#include "core/util.h"
#include "core/zip.h"
#include "mail/mailint.h"

void
a2_intake_limits_default(a2_intake_limits *l)
{
	l->message_bytes = 32u << 20;
	l->mime_depth = 16;
	l->parts = 256;
	l->header_bytes = 64u << 10;
	l->zip_entries = 64;
	l->zip_bytes = 64u << 20;
}

/* ---- a set of strings (Message-IDs, sha256s) ------------------------------ */

typedef struct strset {
	char **v;
	size_t cap, n;
} strset;

static size_t
hash_str(const char *s)
{
	size_t h = 1469598103934665603u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

/* 1 when s is there (*val its value), 0 when not. */
static int
set_has(const strset *S, const char *s)
{
	size_t i;

	if (S->cap == 0)
		return 0;
	for (i = hash_str(s) & (S->cap - 1); S->v[i] != NULL; i = (i + 1) & (S->cap - 1))
		if (strcmp(S->v[i], s) == 0)
			return 1;
	return 0;
}

static int
set_add(strset *S, const char *s)
{
	size_t i;

	if (set_has(S, s))
		return 0;
	if ((S->n + 1) * 2 > S->cap) {
		size_t nc = S->cap ? S->cap * 2 : 256, j;
		char **nv = calloc(nc, sizeof(*nv));
		if (nv == NULL)
			return -1;
		for (j = 0; j < S->cap; j++)
			if (S->v[j] != NULL) {
				for (i = hash_str(S->v[j]) & (nc - 1); nv[i] != NULL; i = (i + 1) & (nc - 1))
					;
				nv[i] = S->v[j];
			}
		free(S->v);
		S->v = nv;
		S->cap = nc;
	}
	for (i = hash_str(s) & (S->cap - 1); S->v[i] != NULL; i = (i + 1) & (S->cap - 1))
		;
	if ((S->v[i] = a2_strdup(s)) == NULL)
		return -1;
	S->n++;
	return 0;
}

static void
set_free(strset *S)
{
	size_t i;

	for (i = 0; i < S->cap; i++)
		free(S->v[i]);
	free(S->v);
	memset(S, 0, sizeof(*S));
}

/* ---- the intake ----------------------------------------------------------- */

struct a2_intake {
	char *dir, *logpath;
	a2_intake_opts opts;
	a2_intake_limits lim;
	a2_intake_stats st;
	strset ids, shas;
	strset prev;       /* Message-IDs taken by earlier runs */
	X509_STORE *store;
	a2_batch *batch;   /* the stored files and the log, committed together */
};

/* The walk of one message: what is known of it, and its findings. */
typedef struct msginfo {
	const char *origin;
	char *id, *from, *from_addr, *subject, *date, *received, *received_from;
	char *in_reply_to, *sent_iso3, *contact_iso3;
	json_t *signature;      /* the S/MIME verdict, or NULL */
	int covered;            /* the attachment at hand is inside the signed content */
	char *forwarded_from;   /* the sender of a forwarded message inside */
	int n_found;            /* attachments that may be replies */
	char *damage;           /* why the message is malformed, or NULL */
} msginfo;

static void
msg_clear(msginfo *m)
{
	free(m->id); free(m->from); free(m->from_addr); free(m->subject); free(m->date);
	free(m->received); free(m->received_from); free(m->in_reply_to); free(m->sent_iso3);
	free(m->contact_iso3); free(m->forwarded_from); free(m->damage);
	json_decref(m->signature);
	memset(m, 0, sizeof(*m));
}

a2_intake *
a2_intake_new(const char *dir, const a2_intake_opts *opts, a2_error *err)
{
	a2_intake *in;
	a2_intake_entry *old = NULL;
	size_t nold = 0, i;
	struct stat sb;

	if (dir == NULL) {
		a2_error_set(err, A2_ERR_USAGE, "no intake folder given");
		return NULL;
	}
	a2_error_at(err, dir, NULL, 0, 0);
	if (mkdir(dir, 0755) != 0 && !(errno == EEXIST && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))) {
		a2_error_set(err, A2_ERR_IO, "cannot create the folder: %s", errno == EEXIST ? "not a folder" : strerror(errno));
		return NULL;
	}
	if (a2_mail_init(err) != 0)
		return NULL;
	if ((in = calloc(1, sizeof(*in))) == NULL)
		goto nomem;
	if (opts != NULL)
		in->opts = *opts;
	if (opts != NULL && opts->limits != NULL)
		in->lim = *opts->limits;
	else
		a2_intake_limits_default(&in->lim);
	if ((in->dir = a2_strdup(dir)) == NULL || (in->logpath = a2_sprintf("%s/intake.jsonl", dir)) == NULL)
		goto nomem;
	/* what earlier runs took: never taken twice */
	if ((old = a2_intake_load(in->logpath, &nold, err)) == NULL) {
		a2_intake_free(in);
		return NULL;
	}
	for (i = 0; i < nold; i++)
		if ((old[i].message_id && set_add(&in->prev, old[i].message_id) != 0) ||
		    (old[i].sha256[0] && set_add(&in->shas, old[i].sha256) != 0)) {
			a2_intake_entries_free(old, nold);
			goto nomem;
		}
	a2_intake_entries_free(old, nold);
	/* what an interrupted run left: its temporary files (never in the log) */
	{
		DIR *d = opendir(dir);
		struct dirent *de;
		while (d != NULL && (de = readdir(d)) != NULL) {
			size_t bl = a2_temp_base_len(de->d_name);
			if (bl > 65 && de->d_name[64] == '.') {
				char *p = a2_sprintf("%s/%s", dir, de->d_name);
				struct stat ts;
				if (p != NULL && lstat(p, &ts) == 0 && S_ISREG(ts.st_mode))
					unlink(p);
				free(p);
			}
		}
		if (d != NULL)
			closedir(d);
	}
	if ((in->batch = a2_batch_new(dir, in->logpath, err)) == NULL) {
		a2_intake_free(in);
		return NULL;
	}
	if (in->opts.ca_file != NULL) {
		if ((in->store = X509_STORE_new()) == NULL ||
		    X509_STORE_load_file(in->store, in->opts.ca_file) != 1) {
			a2_error_at(err, in->opts.ca_file, NULL, 0, 0);
			a2_error_set(err, A2_ERR_IO, "cannot load the trusted certificates");
			a2_intake_free(in);
			return NULL;
		}
	}
	return in;
nomem:
	a2_intake_free(in);
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return NULL;
}

void
a2_intake_free(a2_intake *in)
{
	if (in == NULL)
		return;
	/* what was not flushed is dropped: not in the log, taken again next run */
	a2_batch_free(in->batch);
	set_free(&in->ids);
	set_free(&in->shas);
	set_free(&in->prev);
	X509_STORE_free(in->store);
	free(in->dir);
	free(in->logpath);
	free(in);
}

const a2_intake_stats *
a2_intake_get_stats(const a2_intake *in)
{
	return &in->st;
}

/* ---- the log ------------------------------------------------------------- */

static void
put_s(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, a2_mail_jstr(v));
}

/* One intake.jsonl line: the message's provenance and what became of it. */
static int
log_entry(a2_intake *in, const msginfo *m, const char *status, const char *attachment,
          const char *sha, const char *file, size_t size, const char *note,
          const char *errcode, const char *errmsg, a2_error *err)
{
	json_t *o = json_object();
	char *s;
	size_t n;

	if (o == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	put_s(o, "status", status);
	put_s(o, "origin", m->origin);
	put_s(o, "message_id", m->id);
	put_s(o, "from", m->from_addr);
	put_s(o, "from_name", m->from);
	put_s(o, "subject", m->subject);
	put_s(o, "date", m->date);
	put_s(o, "received", m->received);
	put_s(o, "received_from", m->received_from);
	put_s(o, "in_reply_to", m->in_reply_to);
	put_s(o, "sent_iso3", m->sent_iso3);
	put_s(o, "contact_iso3", m->contact_iso3);
	if (m->forwarded_from)
		put_s(o, "forwarded_from", m->forwarded_from);
	if (m->signature && attachment != NULL) {   /* does it sign this file? */
		json_t *g = json_deep_copy(m->signature);
		if (g != NULL)
			json_object_set_new(g, "covers_document", json_boolean(m->covered));
		json_object_set_new(o, "signature", g);
	} else if (m->signature) {
		json_object_set(o, "signature", m->signature);
	}
	if (attachment != NULL) {
		put_s(o, "attachment", attachment);
		put_s(o, "sha256", sha);
		put_s(o, "file", file);
		json_object_set_new(o, "size", json_integer((json_int_t)size));
	}
	if (note != NULL)
		put_s(o, "note", note);
	if (errcode != NULL) {
		json_t *e = json_object();
		put_s(e, "code", errcode);
		put_s(e, "message", errmsg);
		json_object_set_new(o, "error", e);
	}
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (s == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	n = a2_batch_line(in->batch, s, err) == 0 ? 0 : 1;
	free(s);
	return n == 0 ? 0 : -1;
}

int
a2_intake_flush(a2_intake *in, a2_error *err)
{
	return in != NULL ? a2_batch_flush(in->batch, err) : 0;
}

/* ---- what may be a reply --------------------------------------------------- */

static const char *const reply_exts[] = {
	".docx", ".docm", ".dotx", ".odt", ".ott", ".fodt", ".pdf", ".tif", ".tiff",
	".doc", ".rtf", NULL
};
static const char *const image_exts[] = {".png", ".jpg", ".jpeg", NULL};

static int
ends_with_any(const char *name, const char *const *exts)
{
	size_t n = name ? strlen(name) : 0, i;

	for (i = 0; exts[i] != NULL; i++) {
		size_t k = strlen(exts[i]);
		if (n > k && strcasecmp(name + n - k, exts[i]) == 0)
			return 1;
	}
	return 0;
}

static const char *
ext_of(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;

	if (dot == NULL || strlen(dot) > 6 || strchr(dot, '/'))
		return "";
	return dot;
}

static const char *sniff(const unsigned char *d, size_t n);

static int
has_bytes(const unsigned char *d, size_t n, const char *s)
{
	size_t k = strlen(s), i;

	for (i = 0; i + k <= n; i++)
		if (d[i] == (unsigned char)s[0] && memcmp(d + i, s, k) == 0)
			return 1;
	return 0;
}

/* The extension of a reply whose name does not say. */
static const char *
ext_by_content(const unsigned char *d, size_t n)
{
	const char *m = sniff(d, n);

	if (m == NULL)
		return ".bin";
	if (strcmp(m, "zip") == 0)
		return has_bytes(d, n, "[Content_Types].xml") ? ".docx" :
		    has_bytes(d, n, "application/vnd.oasis.opendocument.text") ? ".odt" : ".zip";
	if (strcmp(m, "pdf") == 0)
		return ".pdf";
	if (strcmp(m, "ole") == 0)
		return ".doc";
	if (strcmp(m, "tiff") == 0)
		return ".tif";
	return ".rtf";
}

/* Stores one attachment (data, len) found in message m, once by sha256. */
static int
take(a2_intake *in, msginfo *m, const char *name, const unsigned char *data, size_t len, a2_error *err)
{
	char sha[65], ext[8], *file = NULL, *path = NULL;
	size_t i;
	int rc;

	m->n_found++;
	if (a2_sha256_hex(data, len, sha) != 0)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	if (set_has(&in->shas, sha)) {
		in->st.duplicates++;
		return log_entry(in, m, "duplicate", name, sha, NULL, len, "the same file was taken before",
		    NULL, NULL, err);
	}
	if (ends_with_any(name, reply_exts) || ends_with_any(name, image_exts))
		snprintf(ext, sizeof(ext), "%s", ext_of(name));
	else   /* a name that lost its extension: the bytes say which */
		snprintf(ext, sizeof(ext), "%s", ext_by_content(data, len));
	for (i = 0; ext[i]; i++)
		ext[i] = (char)(ext[i] >= 'A' && ext[i] <= 'Z' ? ext[i] + 32 : ext[i]);
	file = a2_sprintf("%s%s", sha, ext);
	path = file ? a2_sprintf("%s/%s", in->dir, file) : NULL;
	if (path == NULL) {
		free(file);
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	}
	if (access(path, F_OK) != 0 && a2_batch_file(in->batch, path, data, len, err) != 0) {
		free(file);
		free(path);
		return -1;
	}
	if (set_add(&in->shas, sha) != 0) {
		free(file);
		free(path);
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	}
	in->st.stored++;
	rc = log_entry(in, m, "stored", name, sha, file, len, NULL, NULL, NULL, err);
	free(file);
	free(path);
	return rc;
}

/* A zip that is not itself a document: the replies inside it. */
static int
take_zip(a2_intake *in, msginfo *m, const char *name, const unsigned char *data, size_t len, a2_error *err)
{
	a2_limits lim;
	a2_zip *z;
	a2_error ze;
	size_t i, n, taken = 0;

	a2_limits_default(&lim);
	lim.max_entries = in->lim.zip_entries;
	lim.max_member = in->lim.zip_bytes;
	a2_error_clear(&ze);
	if ((z = a2_zip_open_mem(data, len, &lim, &ze)) == NULL) {
		m->n_found++;
		in->st.errors++;
		return log_entry(in, m, "error", name, NULL, NULL, len, NULL, a2_code_name(ze.code), ze.message, err);
	}
	if (a2_zip_has(z, "[Content_Types].xml") || a2_zip_has(z, "mimetype")) {
		/* a document (DOCX or ODT) under another name */
		a2_zip_close(z);
		return take(in, m, name, data, len, err);
	}
	n = a2_zip_count(z);
	for (i = 0; i < n; i++) {
		const char *en = a2_zip_name(z, i);
		char *full, *buf;
		size_t blen = 0;
		int rc;

		if (en == NULL || !ends_with_any(en, reply_exts))
			continue;
		if ((full = a2_sprintf("%s/%s", name, en)) == NULL) {
			a2_zip_close(z);
			return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		}
		a2_error_clear(&ze);
		if ((buf = a2_zip_read(z, en, &blen, &ze)) == NULL) {
			m->n_found++;
			in->st.errors++;
			rc = log_entry(in, m, "error", full, NULL, NULL, 0, NULL, a2_code_name(ze.code), ze.message, err);
		} else {
			rc = take(in, m, full, (unsigned char *)buf, blen, err);
		}
		taken++;
		free(buf);
		free(full);
		if (rc != 0) {
			a2_zip_close(z);
			return -1;
		}
	}
	a2_zip_close(z);
	if (taken == 0) {
		m->n_found++;
		return log_entry(in, m, "skipped", name, NULL, NULL, len, "a zip with no reply in it", NULL, NULL, err);
	}
	return 0;
}

/* ---- S/MIME --------------------------------------------------------------- */

/* Verifies a multipart/signed entity with OpenSSL: the signature over the
 * first part, and -- with trusted CAs given -- the signer's chain. */
static json_t *
smime_verify(a2_intake *in, GMimeObject *signed_part)
{
	GMimeStream *ms = g_mime_stream_mem_new();
	GByteArray *ba;
	BIO *bio = NULL, *content = NULL;
	PKCS7 *p7 = NULL;
	STACK_OF(X509) *signers = NULL;
	json_t *o = json_object();
	char buf[256];
	int ok;

	g_mime_object_write_to_stream(signed_part, NULL, ms);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(ms));
	ERR_clear_error();
	bio = BIO_new_mem_buf(ba->data, (int)ba->len);
	if (bio != NULL)
		p7 = SMIME_read_PKCS7(bio, &content);
	if (p7 == NULL || content == NULL) {
		json_object_set_new(o, "type", json_string("smime"));
		json_object_set_new(o, "valid", json_false());
		json_object_set_new(o, "message", json_string("not an S/MIME signature OpenSSL can read"));
		goto out;
	}
	ok = PKCS7_verify(p7, NULL, in->store, content, NULL,
	    in->store != NULL ? 0 : PKCS7_NOVERIFY) == 1;
	json_object_set_new(o, "type", json_string("smime"));
	json_object_set_new(o, "valid", json_boolean(ok));
	json_object_set_new(o, "chain_checked", json_boolean(in->store != NULL));
	signers = PKCS7_get0_signers(p7, NULL, 0);
	if (signers != NULL && sk_X509_num(signers) > 0) {
		X509_NAME *sn = X509_get_subject_name(sk_X509_value(signers, 0));
		if (X509_NAME_oneline(sn, buf, sizeof(buf)) != NULL)
			json_object_set_new(o, "signer", a2_mail_jstr(buf));
	}
	if (!ok) {
		unsigned long e = ERR_peek_last_error();
		ERR_error_string_n(e, buf, sizeof(buf));
		json_object_set_new(o, "message", a2_mail_jstr(e ? buf : "the signature does not verify"));
	}
out:
	sk_X509_free(signers);
	PKCS7_free(p7);
	BIO_free(content);
	BIO_free(bio);
	g_object_unref(ms);
	ERR_clear_error();
	return o;
}

/* ---- the walk -------------------------------------------------------------- */

static int
is_zip_name(const char *name)
{
	const char *const zips[] = {".zip", NULL};
	return ends_with_any(name, zips);
}

/* Decodes a leaf part, checking that its encoded form is what it says. */
static int
decode_part(GMimePart *p, unsigned char **out, size_t *len, size_t max, const char **why)
{
	GMimeDataWrapper *dw = g_mime_part_get_content(p);
	GMimeContentEncoding enc = g_mime_part_get_content_encoding(p);
	GMimeStream *ms;
	GByteArray *ba;

	*out = NULL;
	*len = 0;
	if (dw == NULL) {
		*why = "the part has no content";
		return -1;
	}
	if (enc == GMIME_CONTENT_ENCODING_BASE64) {
		/* bad base64: GMime skips what is not base64; say so instead */
		GMimeStream *raw = g_mime_data_wrapper_get_stream(dw);
		char buf[4096];
		gssize k;
		int pad = 0;
		g_mime_stream_reset(raw);
		while ((k = g_mime_stream_read(raw, buf, sizeof(buf))) > 0) {
			gssize i;
			for (i = 0; i < k; i++) {
				unsigned char c = (unsigned char)buf[i];
				if (c == '=') {
					pad = 1;
					continue;
				}
				if (c == '\r' || c == '\n' || c == ' ' || c == '\t')
					continue;
				if (pad || !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
				    (c >= '0' && c <= '9') || c == '+' || c == '/')) {
					*why = "bad base64 in the attachment";
					g_mime_stream_reset(raw);
					return -1;
				}
			}
		}
		g_mime_stream_reset(raw);
	}
	ms = g_mime_stream_mem_new();
	if (g_mime_data_wrapper_write_to_stream(dw, ms) < 0) {
		g_object_unref(ms);
		*why = "the attachment cannot be decoded";
		return -1;
	}
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(ms));
	if (ba->len > max) {
		g_object_unref(ms);
		*why = "the attachment is over the size limit";
		return -2;
	}
	if ((*out = malloc(ba->len ? ba->len : 1)) == NULL) {
		g_object_unref(ms);
		*why = "out of memory";
		return -1;
	}
	if (ba->len > 0)
		memcpy(*out, ba->data, ba->len);
	*len = ba->len;
	g_object_unref(ms);
	return 0;
}

typedef struct frame {
	GMimeObject *obj;
	unsigned depth;
	int in_related;
	char *prefix;      /* "forward: " path of the attachment names */
	int in_signed;     /* inside the content of the S/MIME signature verified */
} frame;

static char *
addr_of_list(InternetAddressList *l, char **name)
{
	InternetAddress *a;

	*name = NULL;
	if (l == NULL || internet_address_list_length(l) < 1)
		return NULL;
	a = internet_address_list_get_address(l, 0);
	if (INTERNET_ADDRESS_IS_MAILBOX(a)) {
		const char *n = internet_address_get_name(a);
		if (n != NULL && *n)
			*name = a2_strdup(n);
		return a2_strdup(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)));
	}
	return NULL;
}

/* What the bytes are when they may be a reply: "zip" (DOCX, ODT or an
 * archive), "pdf", "ole" (.doc), "tiff", "rtf"; NULL otherwise. */
static const char *
sniff(const unsigned char *d, size_t n)
{
	if (n >= 4 && memcmp(d, "PK\3\4", 4) == 0)
		return "zip";
	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return "pdf";
	if (n >= 8 && memcmp(d, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return "ole";
	if (n >= 4 && (memcmp(d, "II*\0", 4) == 0 || memcmp(d, "MM\0*", 4) == 0))
		return "tiff";
	if (n >= 5 && memcmp(d, "{\\rtf", 5) == 0)
		return "rtf";
	return NULL;
}

/* Walks the MIME tree of msg (no recursion: an explicit stack). */
static int
walk(a2_intake *in, msginfo *m, GMimeObject *root, a2_error *err)
{
	frame *stack = NULL;
	size_t ns = 0, cap = 0;
	unsigned parts = 0;
	int rc = 0;

	if (a2_grow((void **)&stack, &cap, 1, sizeof(*stack)) != 0)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	stack[ns++] = (frame){root, 0, 0, NULL, 0};
	while (ns > 0 && rc == 0) {
		frame f = stack[--ns];
		GMimeObject *o = f.obj;
		GMimeContentType *ct = g_mime_object_get_content_type(o);

		if (++parts > in->lim.parts) {
			free(m->damage);
			m->damage = a2_sprintf("more than %u MIME parts", in->lim.parts);
			free(f.prefix);
			break;
		}
		if (f.depth > in->lim.mime_depth) {
			free(m->damage);
			m->damage = a2_sprintf("MIME nesting deeper than %u", in->lim.mime_depth);
			free(f.prefix);
			break;
		}
		if (GMIME_IS_MULTIPART(o)) {
			GMimeMultipart *mp = GMIME_MULTIPART(o);
			int n = g_mime_multipart_get_count(mp), i;
			int related = f.in_related || g_mime_content_type_is_type(ct, "multipart", "related");

			int verified = 0;
			if (GMIME_IS_MULTIPART_SIGNED(o) && m->signature == NULL) {
				m->signature = smime_verify(in, o);
				verified = 1;
			}
			if (a2_grow((void **)&stack, &cap, ns + (size_t)n + 1, sizeof(*stack)) != 0) {
				free(f.prefix);
				rc = a2_error_set(err, A2_ERR_NOMEM, "out of memory");
				break;
			}
			/* pushed in reverse: taken in document order */
			for (i = n - 1; i >= 0; i--)
				stack[ns++] = (frame){g_mime_multipart_get_part(mp, i), f.depth + 1, related,
				    f.prefix ? a2_strdup(f.prefix) : NULL, f.in_signed || (verified && i == 0)};
		} else if (GMIME_IS_MESSAGE_PART(o)) {
			GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
			if (inner != NULL && g_mime_message_get_mime_part(inner) != NULL) {
				char *nm = NULL, *ad = addr_of_list(g_mime_message_get_from(inner), &nm);
				if (m->forwarded_from == NULL && ad != NULL)
					m->forwarded_from = ad;
				else
					free(ad);
				free(nm);
				if (a2_grow((void **)&stack, &cap, ns + 1, sizeof(*stack)) != 0) {
					free(f.prefix);
					rc = a2_error_set(err, A2_ERR_NOMEM, "out of memory");
					break;
				}
				stack[ns++] = (frame){g_mime_message_get_mime_part(inner), f.depth + 1, 0,
				    a2_sprintf("%sforwarded/", f.prefix ? f.prefix : ""), f.in_signed};
			}
		} else if (GMIME_IS_PART(o)) {
			GMimePart *p = GMIME_PART(o);
			m->covered = f.in_signed;
			const char *fn = g_mime_part_get_filename(p);
			const char *disp = g_mime_object_get_disposition(o);
			int attach = disp != NULL && strcasecmp(disp, "attachment") == 0;
			int zip = is_zip_name(fn) || g_mime_content_type_is_type(ct, "application", "zip") ||
			    g_mime_content_type_is_type(ct, "application", "x-zip-compressed");
			int want = ends_with_any(fn, reply_exts) || zip ||
			    (ends_with_any(fn, image_exts) && attach && !f.in_related) ||
			    g_mime_content_type_is_type(ct, "application", "vnd.openxmlformats-officedocument.wordprocessingml.document") ||
			    g_mime_content_type_is_type(ct, "application", "vnd.oasis.opendocument.text") ||
			    g_mime_content_type_is_type(ct, "application", "pdf");

			int sig = g_mime_content_type_is_type(ct, "application", "pkcs7-signature") ||
			    g_mime_content_type_is_type(ct, "application", "x-pkcs7-signature");
			/* any other attachment is looked at (by its bytes) and listed:
			 * a reply whose name or type was lost is still found */
			int other = !want && !sig && (attach || (fn != NULL && *fn) ||
			    !g_mime_content_type_is_type(ct, "text", "*")) &&
			    !(f.in_related && g_mime_content_type_is_type(ct, "image", "*"));

			if (sig)
				want = 0;
			if (want || other) {
				unsigned char *data = NULL;
				size_t len = 0;
				const char *why = NULL;
				char *name = a2_sprintf("%s%s", f.prefix ? f.prefix : "",
				    fn && *fn ? fn : "unnamed");
				int d = name ? decode_part(p, &data, &len, in->lim.message_bytes, &why) : -1;
				const char *magic = d == 0 ? sniff(data, len) : NULL;

				if (name == NULL) {
					rc = a2_error_set(err, A2_ERR_NOMEM, "out of memory");
				} else if (d != 0) {
					m->n_found++;
					in->st.errors++;
					rc = log_entry(in, m, "error", name, NULL, NULL, 0, NULL,
					    d == -2 ? "limit" : "damaged-part", why, err);
				} else if (other && magic == NULL) {
					char *note = a2_sprintf("not a reply: %s/%s",
					    g_mime_content_type_get_media_type(ct), g_mime_content_type_get_media_subtype(ct));
					m->n_found++;
					in->st.others++;
					rc = log_entry(in, m, "skipped", name, NULL, NULL, len, note, NULL, NULL, err);
					free(note);
				} else if ((zip && !ends_with_any(fn, reply_exts)) || (other && strcmp(magic, "zip") == 0)) {
					rc = take_zip(in, m, name, data, len, err);
				} else {
					rc = take(in, m, name, data, len, err);
				}
				free(data);
				free(name);
			}
		}
		free(f.prefix);
	}
	while (ns > 0)
		free(stack[--ns].prefix);
	free(stack);
	return rc;
}

/* ---- one message ---------------------------------------------------------- */

static void
on_warning(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer ud)
{
	char **w = ud;
	const char *what = NULL;

	(void)offset;
	(void)item;
	switch (code) {
	case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: what = "a multipart without a boundary"; break;
	case GMIME_WARN_MALFORMED_MULTIPART: what = "a multipart whose closing boundary is missing"; break;
	case GMIME_CRIT_NESTING_OVERFLOW: what = "MIME nesting too deep"; break;
	case GMIME_WARN_TRUNCATED_MESSAGE: what = "the message is cut short"; break;
	case GMIME_WARN_MALFORMED_MESSAGE: what = "the message is malformed"; break;
	default: break;
	}
	if (what != NULL && *w == NULL)
		*w = a2_strdup(what);
}

/* A header field over the limit, in the raw header section of data. */
static const char *
header_over(const unsigned char *data, size_t len, size_t max)
{
	size_t i, start = 0;

	for (i = 0; i < len; i++) {
		if (data[i] != '\n')
			continue;
		/* end of a physical line: the field goes on when the next begins with a blank */
		if (i + 1 < len && (data[i + 1] == ' ' || data[i + 1] == '\t'))
			continue;
		if (i - start > max)
			return "a header field over the length limit";
		if (i == start || (i == start + 1 && data[start] == '\r'))
			return NULL;   /* the blank line: the body begins */
		start = i + 1;
	}
	return len - start > max ? "a header field over the length limit" : NULL;
}

static char *
iso_of(GDateTime *dt)
{
	GDateTime *u;
	char *s, *r;

	if (dt == NULL)
		return NULL;
	u = g_date_time_to_utc(dt);
	if (u == NULL)
		return NULL;
	s = g_date_time_format(u, "%Y-%m-%dT%H:%M:%SZ");
	g_date_time_unref(u);
	r = a2_strdup(s);
	g_free(s);
	return r;
}

/* The receipt time: the topmost Received: header's date. */
static char *
received_of(GMimeObject *msg)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(msg);
	int i, n = g_mime_header_list_get_count(hl);

	for (i = 0; i < n; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
		if (strcasecmp(g_mime_header_get_name(h), "Received") == 0) {
			const char *v = g_mime_header_get_value(h), *semi = v ? strrchr(v, ';') : NULL;
			GDateTime *dt;
			char *r;
			if (semi == NULL)
				return NULL;
			dt = g_mime_utils_header_decode_date(semi + 1);
			r = iso_of(dt);
			if (dt != NULL)
				g_date_time_unref(dt);
			return r;
		}
	}
	return NULL;
}

static const char *
header(GMimeObject *o, const char *name)
{
	return g_mime_object_get_header(o, name);
}

/* An auto-reply or a bounce: "auto-reply", "bounce", or NULL. */
static const char *
auto_kind(GMimeMessage *msg, const char *from_addr)
{
	GMimeObject *o = GMIME_OBJECT(msg);
	GMimeObject *body = g_mime_message_get_mime_part(msg);
	const char *v;

	if (body != NULL && g_mime_content_type_is_type(g_mime_object_get_content_type(body), "multipart", "report"))
		return "bounce";
	if (from_addr != NULL && (strncasecmp(from_addr, "mailer-daemon@", 14) == 0 ||
	    strncasecmp(from_addr, "postmaster@", 11) == 0))
		return "bounce";
	if ((v = header(o, "Auto-Submitted")) != NULL && strncasecmp(v, "no", 2) != 0)
		return "auto-reply";
	if (header(o, "X-Autoreply") != NULL || header(o, "X-Autorespond") != NULL ||
	    header(o, "X-Auto-Response-Suppress") != NULL ||
	    ((v = header(o, "Precedence")) != NULL && (strcasecmp(v, "auto_reply") == 0 ||
	     strcasecmp(v, "bulk") == 0 || strcasecmp(v, "junk") == 0)))
		return "auto-reply";
	return NULL;
}

/* The states whose contacts list the sender's address ("FRA,NER"), or NULL. */
static char *
contact_states(const a2_intake *in, const char *addr)
{
	a2_buf b = {0};
	size_t i;

	if (addr == NULL || in->opts.n_contacts == 0)
		return NULL;
	for (i = 0; i < in->opts.n_contacts; i++)
		if (in->opts.contacts[i].email != NULL && strcasecmp(in->opts.contacts[i].email, addr) == 0 &&
		    (b.len == 0 || strstr(b.data, in->opts.contacts[i].iso3) == NULL)) {
			if (b.len)
				a2_buf_putc(&b, ',');
			a2_buf_puts(&b, in->opts.contacts[i].iso3);
		}
	return b.len ? a2_buf_take(&b) : (a2_buf_free(&b), a2_strdup(""));
}

/* The state a reply answers: In-Reply-To, then References, in sent.jsonl. */
static char *
sent_state(const a2_intake *in, GMimeObject *o)
{
	const char *hs[2] = {header(o, "In-Reply-To"), header(o, "References")};
	int k;

	for (k = 0; k < 2; k++) {
		const char *p = hs[k];
		while (p != NULL && (p = strchr(p, '<')) != NULL) {
			const a2_sent *s = a2_sent_by_id(in->opts.sent, in->opts.n_sent, p);
			if (s != NULL)
				return a2_strdup(s->iso3);
			p++;
		}
	}
	return NULL;
}

static int
one_message(a2_intake *in, GMimeMessage *msg, msginfo *m, const char *parse_damage, time_t delivered,
            a2_error *err)
{
	GMimeObject *o = GMIME_OBJECT(msg);
	const char *kind, *id;
	GDateTime *dt;
	int rc;

	id = g_mime_message_get_message_id(msg);
	if (id != NULL && *id)
		m->id = a2_sprintf("<%s>", id);
	if (m->id != NULL && set_has(&in->prev, m->id)) {
		in->st.skipped++;   /* an earlier run took it: nothing new */
		return 0;
	}
	m->from_addr = addr_of_list(g_mime_message_get_from(msg), &m->from);
	if (g_mime_message_get_subject(msg) != NULL)
		m->subject = a2_strdup(g_mime_message_get_subject(msg));
	dt = g_mime_message_get_date(msg);
	m->date = iso_of(dt);
	if ((m->received = received_of(o)) != NULL) {
		m->received_from = a2_strdup("received");
	} else if (delivered > 0) {
		char t[21];
		a2_mail_iso_time(delivered, t);
		m->received = a2_strdup(t);
		m->received_from = a2_strdup("delivery");
	} else if (m->date != NULL) {
		m->received = a2_strdup(m->date);
		m->received_from = a2_strdup("date");
	}
	if (header(o, "In-Reply-To") != NULL)
		m->in_reply_to = a2_strdup(header(o, "In-Reply-To"));
	m->sent_iso3 = sent_state(in, o);
	m->contact_iso3 = contact_states(in, m->from_addr);
	if (parse_damage != NULL) {
		in->st.errors++;
		return log_entry(in, m, "error", NULL, NULL, NULL, 0, NULL, "malformed", parse_damage, err);
	}
	if (m->id != NULL && a2_sent_by_id(in->opts.sent, in->opts.n_sent, m->id) != NULL) {
		in->st.own++;   /* a message annex2 mail sent (a copy in the mailbox) */
		return log_entry(in, m, "own", NULL, NULL, NULL, 0, "a message annex2 mail sent", NULL, NULL, err);
	}
	if (m->id != NULL && set_has(&in->ids, m->id)) {
		in->st.duplicates++;
		return log_entry(in, m, "duplicate", NULL, NULL, NULL, 0, "a message with this Message-ID was taken before",
		    NULL, NULL, err);
	}
	if ((kind = auto_kind(msg, m->from_addr)) != NULL) {
		if (strcmp(kind, "bounce") == 0)
			in->st.bounces++;
		else
			in->st.auto_replies++;
		rc = log_entry(in, m, kind, NULL, NULL, NULL, 0, NULL, NULL, NULL, err);
	} else {
		rc = g_mime_message_get_mime_part(msg) ? walk(in, m, g_mime_message_get_mime_part(msg), err) : 0;
		if (rc == 0 && m->damage != NULL) {
			in->st.errors++;
			rc = log_entry(in, m, "error", NULL, NULL, NULL, 0, NULL, "limit", m->damage, err);
		} else if (rc == 0 && m->n_found == 0) {
			in->st.no_attachment++;
			rc = log_entry(in, m, "no-attachment", NULL, NULL, NULL, 0, NULL, NULL, NULL, err);
		}
	}
	if (rc == 0 && m->id != NULL && set_add(&in->ids, m->id) != 0)
		rc = a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return rc;
}

/* A header field of a parsed message over the limit (mbox messages are
 * not held whole in memory, so their headers are checked here). */
static int
headers_over(GMimeObject *o, size_t max)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);
	int i, n = g_mime_header_list_get_count(hl);

	for (i = 0; i < n; i++) {
		const char *v = g_mime_header_get_raw_value(g_mime_header_list_get_header_at(hl, i));
		if (v != NULL && strlen(v) > max)
			return 1;
	}
	return 0;
}

/* Takes one message the parser made (NULL: it could not). */
int
a2_intake_parsed(a2_intake *in, void *gmsg, const char *damage, const char *origin, time_t delivered,
                 size_t size, a2_error *err)
{
	GMimeMessage *msg = gmsg;
	msginfo m;
	int rc;

	memset(&m, 0, sizeof(m));
	m.origin = origin;
	in->st.messages++;
	if (msg == NULL) {
		in->st.errors++;
		rc = log_entry(in, &m, "error", NULL, NULL, NULL, size, NULL, "malformed",
		    "not a mail message GMime can parse", err);
	} else if (size > in->lim.message_bytes || headers_over(GMIME_OBJECT(msg), in->lim.header_bytes)) {
		in->st.errors++;
		rc = log_entry(in, &m, "error", NULL, NULL, NULL, size, NULL, "limit",
		    size > in->lim.message_bytes ? "the message is over the size limit" :
		    "a header field over the length limit", err);
	} else {
		rc = one_message(in, msg, &m, damage, delivered, err);
	}
	msg_clear(&m);
	return rc;
}

void *
a2_intake_parser_options(char **damage)
{
	GMimeParserOptions *po = g_mime_parser_options_new();

	g_mime_parser_options_set_warning_callback(po, on_warning, damage);
	return po;
}

static int
from_stream(a2_intake *in, GMimeStream *st, const char *origin, time_t delivered, size_t size, a2_error *err)
{
	GMimeParser *ps = g_mime_parser_new_with_stream(st);
	char *damage = NULL;
	GMimeParserOptions *po = a2_intake_parser_options(&damage);
	GMimeMessage *msg;
	int rc;

	g_mime_parser_set_format(ps, GMIME_FORMAT_MESSAGE);
	msg = g_mime_parser_construct_message(ps, po);
	rc = a2_intake_parsed(in, msg, damage, origin, delivered, size, err);
	if (msg != NULL)
		g_object_unref(msg);
	free(damage);
	g_mime_parser_options_free(po);
	g_object_unref(ps);
	return rc;
}

int
a2_intake_message(a2_intake *in, const void *data, size_t len, const char *origin, time_t delivered,
                  a2_error *err)
{
	GMimeStream *st;
	const char *why;
	int rc;

	if (in == NULL || data == NULL)
		return a2_error_set(err, A2_ERR_USAGE, "no intake or message given");
	if (len > in->lim.message_bytes || (why = header_over(data, len, in->lim.header_bytes)) != NULL) {
		msginfo m;
		memset(&m, 0, sizeof(m));
		m.origin = origin;
		in->st.messages++;
		in->st.errors++;
		return log_entry(in, &m, "error", NULL, NULL, NULL, len, NULL, "limit",
		    len > in->lim.message_bytes ? "the message is over the size limit" : why, err);
	}
	st = g_mime_stream_mem_new_with_buffer(data, len);
	rc = from_stream(in, st, origin, delivered, len, err);
	g_object_unref(st);
	return rc;
}

const char *
a2_intake_dir(const a2_intake *in)
{
	return in->dir;
}
