/* cli/output.c -- where a command writes: standard output, or a file made
 * atomically (a temporary file beside it, renamed when everything is
 * written and synced), never one of the inputs, and every write checked. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

void
cli_std_fds(void)
{
	int fd;

	/* A closed standard descriptor would be taken by the next file opened:
	 * records meant for a closed standard output would then land in a
	 * reply or a temporary file.  Each closed one gets /dev/null opened
	 * read-only, so that a write to it fails (and is said) instead. */
	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		int got = open("/dev/null", O_RDONLY);
		if (got >= 0 && got != fd) {
			dup2(got, fd);
			close(got);
		}
	}
}

int
cli_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int
cli_out_open(cli_out *o, const char *path, int force, const cli_files *inputs, char **args, int nargs)
{
	a2_error err;
	size_t i;
	int k;

	memset(o, 0, sizeof(*o));
	o->tmp.fd = -1;
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return EXIT_OK;
	}
	for (k = 0; k < nargs; k++)
		if (cli_same_file(path, args[k])) {
			cli_warn("%s: the output is one of the inputs: not written", path);
			return EXIT_USAGE;
		}
	for (i = 0; inputs != NULL && i < inputs->n; i++)
		if (cli_same_file(path, inputs->v[i])) {
			cli_warn("%s: the output is one of the inputs: not written", path);
			return EXIT_USAGE;
		}
	if (!force && access(path, F_OK) == 0) {
		cli_warn("%s exists: not replaced (use --force to replace it)", path);
		return EXIT_USAGE;
	}
	a2_error_clear(&err);
	if (a2_temp_write(&o->tmp, path, "", 0, 1, &err) != 0) {
		cli_error(&err);
		return EXIT_USAGE;
	}
	if ((o->fp = fdopen(o->tmp.fd, "w")) == NULL) {
		cli_warn("%s: cannot write: %s", path, strerror(errno));
		a2_temp_discard(&o->tmp);
		return EXIT_USAGE;
	}
	o->path = path;
	return EXIT_OK;
}

int
cli_out_close(cli_out *o, int commit)
{
	a2_error err;
	int e = 0;

	if (o->fp == NULL)
		return EXIT_OK;
	if (o->fp == stdout) {
		o->fp = NULL;
		return EXIT_OK;   /* main() flushes and checks standard output last */
	}
	if (fflush(o->fp) != 0 || ferror(o->fp))
		e = errno ? errno : EIO;
	else if (fsync(fileno(o->fp)) != 0)
		e = errno;
	if (fclose(o->fp) != 0 && e == 0)
		e = errno;
	o->fp = NULL;
	o->tmp.fd = -1;   /* closed with the stream */
	if (e != 0 || !commit) {
		if (e != 0)
			cli_warn("%s: cannot write: %s (nothing written under that name)", o->path, strerror(e));
		a2_temp_discard(&o->tmp);
		return e != 0 ? EXIT_FINDINGS : EXIT_OK;
	}
	a2_error_clear(&err);
	if (a2_temp_commit(&o->tmp, o->path, 1, &err) != 0) {
		cli_error(&err);
		return EXIT_FINDINGS;
	}
	return EXIT_OK;
}

int
cli_stdout_done(void)
{
	int e = 0;

	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		e = errno ? errno : EIO;
	if (fclose(stdout) != 0 && e == 0)
		e = errno ? errno : EIO;
	if (e != 0) {
		cli_warn("standard output: cannot write: %s", strerror(e));
		return -1;
	}
	return 0;
}
