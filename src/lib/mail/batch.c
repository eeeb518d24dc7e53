/* mail/batch.c -- files written under temporary names and lines for a log,
 * made durable together: one syncfs for a batch instead of an fsync per
 * file, then the renames, then the log lines (one write, one fdatasync).
 * A log line never names a file that is not there; what a crash leaves is
 * temporary files (removed by the next run) and no log line (the work is
 * done again). */
#define _GNU_SOURCE 1   /* syncfs */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

