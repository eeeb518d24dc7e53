/* mail/batch.c -- files written under temporary names and lines for a log,
 * made durable together: one syncfs for a batch instead of an fsync per
 * file, then the renames, then the log lines (one write, one fdatasync).
 * A log line never names a file that is not there; what a crash leaves is
 * temporary files (removed by the next run) and no log line (the work is
 * done again). */
#define _GNU_SOURCE 1   /* syncfs */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "annex2/mail.h"
#include "core/util.h"

#define FLUSH_FILES 64
#define FLUSH_LINES 512

struct a2_batch {
	char *dir, *logpath;
	int dirfd, logfd;
	struct pend { char *tmp, *final; } *pend; size_t npend, cappend;
	a2_buf lines; size_t nlines;
};

a2_batch *
a2_batch_new(const char *dir, const char *logpath, a2_error *err)
{
	a2_batch *b = calloc(1, sizeof(*b));

	if (b == NULL || (b->dir = a2_strdup(dir)) == NULL || (b->logpath = a2_strdup(logpath)) == NULL) {
		if (b != NULL)
			free(b->dir);
		free(b);
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		return NULL;
	}
	b->logfd = -1;
	if ((b->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
	    (b->logfd = open(logpath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) < 0) {
		a2_error_at(err, b->dirfd < 0 ? dir : logpath, NULL, 0, 0);
		a2_error_set(err, A2_ERR_IO, "cannot open: %s", strerror(errno));
		a2_batch_free(b);
		return NULL;
	}
	return b;
}

void
a2_batch_free(a2_batch *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->npend; i++) {
		unlink(b->pend[i].tmp);
		free(b->pend[i].tmp);
		free(b->pend[i].final);
	}
	free(b->pend);
	a2_buf_free(&b->lines);
	if (b->logfd >= 0)
		close(b->logfd);
	if (b->dirfd >= 0)
		close(b->dirfd);
	free(b->dir);
	free(b->logpath);
	free(b);
}

int
a2_batch_line(a2_batch *b, const char *line, a2_error *err)
{
	if (a2_buf_puts(&b->lines, line) != 0 || a2_buf_putc(&b->lines, '\n') != 0)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	if (++b->nlines >= FLUSH_LINES)
		return a2_batch_flush(b, err);
	return 0;
}


int
a2_batch_file(a2_batch *in, const char *path, const void *bytes, size_t len, a2_error *err)
{
	const unsigned char *data = bytes;
	char *tmp = a2_temp_template(path);
	size_t off = 0;
	int fd;

	if (tmp == NULL || a2_grow((void **)&in->pend, &in->cappend, in->npend + 1, sizeof(*in->pend)) != 0) {
		free(tmp);
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	}
	if ((fd = mkstemp(tmp)) < 0) {
		free(tmp);
		a2_error_at(err, path, NULL, 0, 0);
		return a2_error_set(err, A2_ERR_IO, "cannot write: %s", strerror(errno));
	}
	fchmod(fd, 0644);
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w < 0 ? errno : ENOSPC;
			close(fd);
			unlink(tmp);
			free(tmp);
			a2_error_at(err, path, NULL, 0, 0);
			return a2_error_set(err, A2_ERR_IO, "cannot write: %s", strerror(e));
		}
		off += (size_t)w;
	}
	if (close(fd) != 0) {
		int e = errno;
		unlink(tmp);
		free(tmp);
		a2_error_at(err, path, NULL, 0, 0);
		return a2_error_set(err, A2_ERR_IO, "cannot write: %s", strerror(e));
	}
	in->pend[in->npend].tmp = tmp;
	if ((in->pend[in->npend].final = a2_strdup(path)) == NULL) {
		unlink(tmp);
		free(tmp);
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	}
	in->npend++;
	if (in->npend >= FLUSH_FILES)
		return a2_batch_flush(in, err);
	return 0;
}

int
a2_batch_flush(a2_batch *in, a2_error *err)
{
	size_t i, off = 0;
	int rc = 0;

	if (in == NULL)
		return 0;
	if (in->npend > 0) {
		/* the files' bytes on disk, then their names, then the log */
		if (syncfs(in->dirfd) != 0) {
			a2_error_at(err, in->dir, NULL, 0, 0);
			rc = a2_error_set(err, A2_ERR_IO, "cannot sync: %s", strerror(errno));
		}
		for (i = 0; i < in->npend; i++) {
			if (rc == 0 && rename(in->pend[i].tmp, in->pend[i].final) != 0) {
				a2_error_at(err, in->pend[i].final, NULL, 0, 0);
				rc = a2_error_set(err, A2_ERR_IO, "cannot write: %s", strerror(errno));
			}
			if (rc != 0)
				unlink(in->pend[i].tmp);
			free(in->pend[i].tmp);
			free(in->pend[i].final);
		}
		in->npend = 0;
		if (rc == 0 && fsync(in->dirfd) != 0) {
			a2_error_at(err, in->dir, NULL, 0, 0);
			rc = a2_error_set(err, A2_ERR_IO, "cannot sync: %s", strerror(errno));
		}
	}
	while (rc == 0 && off < in->lines.len) {
		ssize_t w = write(in->logfd, in->lines.data + off, in->lines.len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = errno;
			a2_error_at(err, in->logpath, NULL, 0, 0);
			rc = a2_error_set(err, A2_ERR_IO, "cannot write: %s", strerror(w < 0 ? e : ENOSPC));
		}
		else
			off += (size_t)w;
	}
	if (rc == 0 && in->lines.len > 0 && fdatasync(in->logfd) != 0) {
		a2_error_at(err, in->logpath, NULL, 0, 0);
		rc = a2_error_set(err, A2_ERR_IO, "cannot write: %s", strerror(errno));
	}
	in->lines.len = 0;
	in->nlines = 0;
	return rc;
}


/* ---- what an interrupted run left ---------------------------------------- */

/* 1 when name is a temporary file of mail or remind -o: that of
 * "ISO3.eml" or "ISO3.reminder.eml" (a2_temp_base_len). */
static int
own_temporary(const char *name)
{
	size_t base = a2_temp_base_len(name);
	int i;

	if (base < 7)
		return 0;
	for (i = 0; i < 3; i++)
		if (name[i] < 'A' || name[i] > 'Z')
			return 0;
	return (base == 7 && memcmp(name + 3, ".eml", 4) == 0) ||
	    (base == 16 && memcmp(name + 3, ".reminder.eml", 13) == 0);
}

int
a2_mail_outdir_lock(const char *dir, size_t *removed, a2_error *err)
{
	char *lpath = a2_sprintf("%s/.annex2.lock", dir);
	int fd, dfd;
	DIR *d;
	struct dirent *e;

	*removed = 0;
	if (lpath == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	if ((fd = open(lpath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644)) < 0 || flock(fd, LOCK_EX) != 0) {
		a2_error_at(err, lpath, NULL, 0, 0);
		a2_error_set(err, A2_ERR_IO, "cannot lock the folder: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		free(lpath);
		return -1;
	}
	free(lpath);
	/* by descriptor: the folder looked at is the one locked */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 || (d = fdopendir(dfd)) == NULL) {
		a2_error_at(err, dir, NULL, 0, 0);
		a2_error_set(err, A2_ERR_IO, "cannot open folder: %s", strerror(errno));
		if (dfd >= 0)
			close(dfd);
		close(fd);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		if (own_temporary(e->d_name) && fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && unlinkat(dfd, e->d_name, 0) == 0)
			(*removed)++;
	}
	closedir(d);   /* closes dfd */
	return fd;
}

int
a2_sent_mend(const char *path, a2_error *err)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	struct stat st;
	off_t end, at;
	char buf[4096];
	int rc = 0;

	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		a2_error_at(err, path, NULL, 0, 0);
		return a2_error_set(err, A2_ERR_IO, "cannot open: %s", strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0)
		goto out;
	/* back from the end to the last newline */
	end = st.st_size;
	for (at = end; at > 0; ) {
		size_t n = at > (off_t)sizeof(buf) ? sizeof(buf) : (size_t)at;
		ssize_t r = pread(fd, buf, n, at - (off_t)n);
		size_t i;
		if (r != (ssize_t)n) {
			a2_error_at(err, path, NULL, 0, 0);
			rc = a2_error_set(err, A2_ERR_IO, "cannot read: %s", r < 0 ? strerror(errno) : "cut short");
			goto out;
		}
		if (at == end && buf[n - 1] == '\n')
			goto out;   /* whole */
		for (i = n; i > 0 && buf[i - 1] != '\n'; i--)
			;
		if (i > 0) {
			at = at - (off_t)n + (off_t)i;
			break;
		}
		at -= (off_t)n;
	}
	if (ftruncate(fd, at) != 0 || fdatasync(fd) != 0) {
		a2_error_at(err, path, NULL, 0, 0);
		rc = a2_error_set(err, A2_ERR_IO, "cannot mend: %s", strerror(errno));
		goto out;
	}
	rc = 1;
out:
	close(fd);
	return rc;
}
