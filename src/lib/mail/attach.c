/* mail/attach.c -- a record given the message its file came in: the
 * intake.jsonl beside the file (annex2 intake wrote both), looked up by the
 * file's sha256; then the record is validated again (receipt decides
 * lateness; the sender's address against the contacts). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "annex2/mail.h"
#include "annex2/read.h"
#include "check/validate.h"
#include "core/util.h"

/* One folder's intake.jsonl, loaded once per process (read workers share it). */
typedef struct folder {
	char *dir;
	a2_intake_entry *v;   /* sorted by sha256; NULL: the folder has none */
	size_t n;
	struct folder *next;
} folder;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static folder *folders;

static int
by_sha(const void *a, const void *b)
{
	return strcmp(((const a2_intake_entry *)a)->sha256, ((const a2_intake_entry *)b)->sha256);
}

static folder *
folder_of(const char *dir)
{
	folder *f;
	char *log;
	struct stat sb;

	for (f = folders; f != NULL; f = f->next)
		if (strcmp(f->dir, dir) == 0)
			return f;
	if ((f = calloc(1, sizeof(*f))) == NULL || (f->dir = a2_strdup(dir)) == NULL) {
		free(f);
		return NULL;
	}
	/* stat first: a folder without a log is never opened */
	if ((log = a2_sprintf("%s/intake.jsonl", dir)) != NULL && stat(log, &sb) == 0 && S_ISREG(sb.st_mode)) {
		f->v = a2_intake_load(log, &f->n, NULL);
		if (f->v != NULL && f->n > 1)
			qsort(f->v, f->n, sizeof(*f->v), by_sha);
	}
	free(log);
	f->next = folders;
	folders = f;
	return f;
}

int
a2_mail_attach(a2_record *rec, const char *path, const a2_form *form)
{
	const char *slash;
	char *dir;
	folder *f;
	const a2_intake_entry *e = NULL;
	a2_intake_entry key;
	int rc = 0;

	if (rec == NULL || path == NULL || rec->sha256[0] == '\0' || strcmp(path, "-") == 0)
		return 0;
	slash = strrchr(path, '/');
	dir = slash ? a2_strndup(path, (size_t)(slash - path)) : a2_strdup(".");
	if (dir == NULL)
		return -1;
	pthread_mutex_lock(&lock);
	f = folder_of(dir);
	if (f != NULL && f->v != NULL && f->n > 0) {
		memset(&key, 0, sizeof(key));
		memcpy(key.sha256, rec->sha256, sizeof(key.sha256));
		e = bsearch(&key, f->v, f->n, sizeof(*f->v), by_sha);
		/* the first message that brought this file */
		while (e != NULL && e > f->v && strcmp(e[-1].sha256, rec->sha256) == 0)
			e--;
	}
	if (e != NULL) {
		a2_message m;
		memset(&m, 0, sizeof(m));
		m.smime = e->smime;
		m.id = e->message_id;
		m.from = e->from;
		m.subject = e->subject;
		m.received = e->received;
		m.attachment = e->attachment;
		m.contact_of = e->contact_iso3;
		m.replies_to = e->iso3_sent;
		rc = a2_record_set_message(rec, &m);
	}
	pthread_mutex_unlock(&lock);
	free(dir);
	if (rc == 0 && e != NULL && form != NULL)
		rc = a2_validate(form, rec);
	return rc;
}
