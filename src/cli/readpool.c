/* cli/readpool.c -- `annex2 read` on many files with a worker per core.
 *
 * Each worker has a reader of its own (the reader keeps a styles cache and
 * is not shared) and takes the next file; the writer (the calling thread)
 * writes the results strictly in input order, so the output is the same
 * bytes as one worker gives.  At most WINDOW results wait to be written:
 * memory stays flat however many files there are. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "cli/readpool.h"

#define WINDOW 64

typedef struct pool {
	pthread_mutex_t mu;
	pthread_cond_t done_cv, room_cv;
	const cli_files *files;
	const a2_form *form;
	const a2_states *states;
	const a2_limits *lim;
	int csv;
	read_result *res;        /* WINDOW slots, index % WINDOW */
	unsigned char *ready;
	size_t next, written;
} pool;

void
read_result_free(read_result *r)
{
	free(r->line);
	free(r->warn);
	memset(r, 0, sizeof(*r));
}

int
read_one(a2_reader *rd, const char *path, int csv, read_result *out)
{
	a2_record rec;
	a2_limits lim;
	int k;

	memset(out, 0, sizeof(*out));
	a2_record_init(&rec);
	if (rd == NULL) {
		out->warn = strdup("out of memory: no reader for this file");
		out->failed = 1;
		return 0;
	}
	if (strcmp(path, "-") == 0) {
		unsigned char *data;
		size_t len;
		a2_limits_default(&lim);
		if (cli_read_file("-", lim.max_file, &data, &len) != 0) {
			out->failed = 1;
			return 0;
		}
		k = a2_read_mem(rd, "-", data, len, &rec);
		free(data);
	} else {
		k = a2_read_file(rd, path, &rec);
		/* a file annex2 intake stored: its message (mail round) */
		if (k >= 0 && a2_mail_attach(&rec, path, a2_reader_form(rd)) != 0)
			k = -1;
	}
	if (k < 0) {
		out->failed = 1;
		out->warn = strdup("out of memory");
	} else {
		out->is_error = rec.is_error;
		out->line = csv ? a2_record_to_csv(&rec) : a2_record_to_json(&rec);
		if (out->line == NULL) {
			out->failed = 1;
			out->warn = strdup("out of memory writing its record");
		}
	}
	a2_record_clear(&rec);
	return 0;
}

static void *
worker(void *arg)
{
	pool *P = arg;
	a2_error err;
	a2_reader *rd;

	a2_error_clear(&err);
	if ((rd = a2_reader_new(P->form, P->states, &err)) != NULL)
		a2_reader_set_limits(rd, P->lim);
	for (;;) {
		read_result r;
		size_t i;
		pthread_mutex_lock(&P->mu);
		while (P->next < P->files->n && P->next >= P->written + WINDOW)
			pthread_cond_wait(&P->room_cv, &P->mu);
		if (P->next >= P->files->n) {
			pthread_mutex_unlock(&P->mu);
			break;
		}
		i = P->next++;
		pthread_mutex_unlock(&P->mu);
		read_one(rd, P->files->v[i], P->csv, &r);
		pthread_mutex_lock(&P->mu);
		P->res[i % WINDOW] = r;
		P->ready[i % WINDOW] = 1;
		pthread_cond_broadcast(&P->done_cv);
		pthread_mutex_unlock(&P->mu);
	}
	a2_reader_free(rd);
	return NULL;
}

void
read_in_order(a2_reader *rd, const cli_files *files, int csv, read_sink sink, void *ctx)
{
	size_t i;

	for (i = 0; i < files->n; i++) {
		read_result r;
		read_one(rd, files->v[i], csv, &r);
		sink(ctx, i, &r);
		read_result_free(&r);
	}
}

int
read_pool_jobs(size_t nfiles, int asked)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int n = asked > 0 ? asked : cpus > 0 ? (int)cpus : 1;

	/* a few files are read before the threads would have started */
	if (nfiles < 16)
		return 1;
	if (n > 16)
		n = 16;
	return (size_t)n > nfiles ? (int)nfiles : n;
}

int
read_pool_run(const cli_files *files, const a2_form *form, const a2_states *states, const a2_limits *lim,
    int csv, int jobs, read_sink sink, void *ctx)
{
	pool P;
	pthread_t th[16];
	int started = 0, k;
	size_t i;

	memset(&P, 0, sizeof(P));
	P.files = files;
	P.form = form;
	P.states = states;
	P.lim = lim;
	P.csv = csv;
	if ((P.res = calloc(WINDOW, sizeof(read_result))) == NULL || (P.ready = calloc(WINDOW, 1)) == NULL) {
		free(P.res);
		return -1;
	}
	/* what is set up once for every thread: the parser, jansson's seed */
	xmlInitParser();
	json_object_seed(0);
	pthread_mutex_init(&P.mu, NULL);
	pthread_cond_init(&P.done_cv, NULL);
	pthread_cond_init(&P.room_cv, NULL);
	for (k = 0; k < jobs && k < 16; k++)
		if (pthread_create(&th[k], NULL, worker, &P) == 0)
			started++;
	if (started == 0) {
		/* no thread: the writer reads them itself, in order */
		a2_error err;
		a2_reader *rd;
		a2_error_clear(&err);
		if ((rd = a2_reader_new(form, states, &err)) != NULL)
			a2_reader_set_limits(rd, lim);
		read_in_order(rd, files, csv, sink, ctx);
		a2_reader_free(rd);
	}
	for (i = 0; started > 0 && i < files->n; i++) {
		read_result r;
		pthread_mutex_lock(&P.mu);
		while (!P.ready[i % WINDOW])
			pthread_cond_wait(&P.done_cv, &P.mu);
		r = P.res[i % WINDOW];
		P.ready[i % WINDOW] = 0;
		P.written = i + 1;
		pthread_cond_broadcast(&P.room_cv);
		pthread_mutex_unlock(&P.mu);
		sink(ctx, i, &r);
		read_result_free(&r);
	}
	for (k = 0; k < started; k++)
		pthread_join(th[k], NULL);
	pthread_cond_destroy(&P.room_cv);
	pthread_cond_destroy(&P.done_cv);
	pthread_mutex_destroy(&P.mu);
	free(P.res);
	free(P.ready);
	return 0;
}
