/*
 * tests/failalloc/failalloc.c -- the read path with the Nth allocation
 * failing, for N = 1, 2, 3, ... until a run completes without reaching N.
 *
 * malloc, calloc, realloc, free and the aligned allocators are defined
 * here, in the executable, and call glibc's __libc_* functions: every
 * allocation of the process is counted, libannex2's and also libxml2's,
 * libzip's, PCRE2's, jansson's and OpenSSL's.  Built without ASan (which
 * replaces malloc itself).
 *
 * Phases, each tested on its own (the objects the phase needs are made
 * first, outside the count):
 *   form     a2_form_load(NULL)            (with RELAX NG validation)
 *   states   a2_states_load(NULL, NULL)
 *   reader   a2_reader_new
 *   read:X   a2_read_mem of a document (its record compared through
 *            a2_record_to_json, made without failures), for a generated
 *            DOCX and ODT, the same forms filled in (a box ticked), a flat
 *            ODT, and any FILE given on the command line;
 *   json:X   a2_record_to_json of the record of X (read without failures).
 *
 * Each N runs in a child process (fork), so that a crash is reported and
 * the loop goes on.  A run must:
 *   - not crash or hang (20 s);
 *   - free everything: the count of live allocations returns to where it
 *     was before the phase (after libxml2's and OpenSSL's global last-error
 *     state is cleared, which they keep by design);
 *   - end in an error, or in exactly the result of the run without a
 *     failure: a read record that differs from the reference after an
 *     allocation failed is a silent misreading (failure).
 * Reported without failing: an allocation failure that comes back as
 * another error than "nomem" (a record "xml" or "corrupt" where memory ran
 * out), counted per code.
 *
 * A crash whose faulting instruction is inside a third-party library, or a
 * leak made and left inside one call of a third-party library, may be
 * allowed by a line of tests/failalloc/allow.tsv (kind, library, function,
 * reason); the run reports it as a note.  Findings are grouped by where
 * they come from (the failed allocation, the leaked one, the crash).
 * Exit 0 when nothing failed.
 *
 * usage: failalloc [-v] [-p PHASE [-n N]] [-a ALLOW.tsv] [FILE...]
 * (-p PHASE -n N runs that one case in this process, for a debugger)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include <libxml/xmlerror.h>
#include <openssl/err.h>

#include "annex2/annex2.h"
#include "core/zip.h"

/* Copies or appends a string, cut to the room of dst (size cap). */
static void
scopy(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (cap == 0)
		return;
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void
sappend(char *dst, size_t cap, const char *src)
{
	size_t l = strlen(dst);

	if (l + 1 < cap)
		scopy(dst + l, cap - l, src);
}

/* ---- the counting allocator ---- */

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
extern void *__libc_memalign(size_t, size_t);

static volatile int counting;          /* count and fail only while set */
static unsigned long fail_at;          /* 0: never fail */
static unsigned long n_allocs;         /* allocations seen while counting */
static int hit;                        /* the failure was injected */
static long live;                      /* allocations minus frees, always */

/* With -t, the child of a leaking N records where each counted
 * allocation was made (in memory of glibc's own, not counted) and names
 * the sites of those never freed. */
#define TR_SLOTS 65536
#define TR_DEPTH 64
typedef struct trent {
	void *p;
	void *bt[TR_DEPTH];
	int n;
} trent;
static trent *tr;
static int tracing, in_trace;
static void *hit_bt[TR_DEPTH + 2];
static int hit_n;

static void
tr_add(void *p)
{
	size_t h;

	if (!tracing || !counting || p == NULL || in_trace)
		return;
	in_trace = 1;
	for (h = ((uintptr_t)p >> 4) % TR_SLOTS; tr[h].p != NULL; h = (h + 1) % TR_SLOTS)
		;
	tr[h].p = p;
	tr[h].n = backtrace(tr[h].bt, TR_DEPTH);
	in_trace = 0;
}

static void
tr_del(void *p)
{
	size_t h, k;

	if (!tracing || p == NULL)
		return;
	for (h = ((uintptr_t)p >> 4) % TR_SLOTS; tr[h].p != NULL; h = (h + 1) % TR_SLOTS) {
		if (tr[h].p != p)
			continue;
		/* delete and re-insert the rest of the cluster */
		tr[h].p = NULL;
		for (k = (h + 1) % TR_SLOTS; tr[k].p != NULL; k = (k + 1) % TR_SLOTS) {
			trent e = tr[k];
			size_t j;
			tr[k].p = NULL;
			for (j = ((uintptr_t)e.p >> 4) % TR_SLOTS; tr[j].p != NULL; j = (j + 1) % TR_SLOTS)
				;
			tr[j] = e;
		}
		return;
	}
}

static int
fail_now(void)
{
	if (!counting)
		return 0;
	n_allocs++;
	if (fail_at != 0 && n_allocs == fail_at) {
		hit = 1;
		if (!in_trace) {    /* where it failed, for the reports */
			in_trace = 1;
			hit_n = backtrace(hit_bt, TR_DEPTH + 2);
			in_trace = 0;
		}
		return 1;
	}
	return 0;
}

void *
malloc(size_t n)
{
	void *p;

	if (fail_now()) {
		errno = ENOMEM;
		return NULL;
	}
	if ((p = __libc_malloc(n)) != NULL)
		live++;
	tr_add(p);
	return p;
}

void *
calloc(size_t a, size_t b)
{
	void *p;

	if (fail_now()) {
		errno = ENOMEM;
		return NULL;
	}
	if ((p = __libc_calloc(a, b)) != NULL)
		live++;
	tr_add(p);
	return p;
}

void *
realloc(void *old, size_t n)
{
	if (old == NULL)
		return malloc(n);
	if (n == 0) {
		free(old);
		return NULL;
	}
	if (fail_now()) {
		errno = ENOMEM;
		return NULL;
	}
	{
		void *p = __libc_realloc(old, n);   /* live unchanged either way */
		if (p != NULL && tracing) {
			tr_del(old);
			tr_add(p);
		}
		return p;
	}
}

void
free(void *p)
{
	if (p == NULL)
		return;
	live--;
	tr_del(p);
	__libc_free(p);
}

void *
memalign(size_t al, size_t n)
{
	void *p;

	if (fail_now()) {
		errno = ENOMEM;
		return NULL;
	}
	if ((p = __libc_memalign(al, n)) != NULL)
		live++;
	tr_add(p);
	return p;
}

void *
aligned_alloc(size_t al, size_t n)
{
	return memalign(al, n);
}

int
posix_memalign(void **out, size_t al, size_t n)
{
	void *p = memalign(al, n);

	if (p == NULL)
		return ENOMEM;
	*out = p;
	return 0;
}

/* ---- the phases ---- */

static void say_failsite(void);

typedef struct doc_in {
	char name[64];
	unsigned char *data;
	size_t len;
	char *ref_json;    /* the record of the run without failures */
} doc_in;

static a2_form *g_form;
static a2_states *g_states;
static a2_reader *g_reader;
static doc_in g_docs[32];
static size_t g_ndocs;
static int verbose;

/* What a child reports to the parent (one line on a pipe). */
static int report_fd = -1;

static void
say(const char *fmt, ...)
{
	char line[4200];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	if (write(report_fd >= 0 ? report_fd : 2, line, (size_t)n) < 0)
		return;
}

/* Clears the error state libraries keep between calls by design. */
static void
reset_globals(void)
{
	xmlResetLastError();
	ERR_clear_error();
}

enum { RES_OK, RES_ERROR, RES_MISMATCH };

/* One phase, counting on.  Returns RES_OK (a full result), RES_ERROR (a clean
 * error) or RES_MISMATCH; misreported errors are said on the pipe. */
static int
run_phase(const char *phase)
{
	a2_error err;
	int r = RES_OK;

	a2_error_clear(&err);
	if (!strcmp(phase, "form")) {
		a2_form *f;
		counting = 1;
		f = a2_form_load(NULL, &err);
		a2_form_free(f);
		counting = 0;
		if (f == NULL) {
			r = RES_ERROR;
			if (err.code != A2_ERR_NOMEM)
				say("misreport %s", a2_code_name(err.code));
		}
	} else if (!strcmp(phase, "states")) {
		a2_states *s;
		counting = 1;
		s = a2_states_load(NULL, NULL, &err);
		a2_states_free(s);
		counting = 0;
		if (s == NULL) {
			r = RES_ERROR;
			if (err.code != A2_ERR_NOMEM)
				say("misreport %s", a2_code_name(err.code));
		}
	} else if (!strcmp(phase, "reader")) {
		a2_reader *rd;
		counting = 1;
		rd = a2_reader_new(g_form, g_states, &err);
		a2_reader_free(rd);
		counting = 0;
		if (rd == NULL) {
			r = RES_ERROR;
			if (err.code != A2_ERR_NOMEM)
				say("misreport %s", a2_code_name(err.code));
		}
	} else if (!strncmp(phase, "read:", 5) || !strncmp(phase, "json:", 5)) {
		/* read: failures in a2_read_mem; json: in a2_record_to_json */
		int in_read = phase[0] == 'r', is_error;
		doc_in *d = NULL;
		a2_reader *rd;
		a2_record rec;
		char *json = NULL;
		size_t i;
		int rc;
		for (i = 0; i < g_ndocs; i++)
			if (!strcmp(g_docs[i].name, phase + 5))
				d = &g_docs[i];
		if (d == NULL)
			return RES_ERROR;
		/* a reader of its own, made before counting: the reader keeps the
		 * styles of the last DOCX, and a warm one would skip reading them */
		rd = a2_reader_new(g_form, g_states, &err);
		if (rd == NULL)
			return RES_ERROR;
		a2_record_init(&rec);
		counting = in_read;
		rc = a2_read_mem(rd, d->name, d->data, d->len, &rec);
		counting = !in_read;
		if (rc >= 0)
			json = a2_record_to_json(&rec);
		counting = 0;
		is_error = rec.is_error;
		a2_record_clear(&rec);
		if (rc < 0 || json == NULL) {
			r = RES_ERROR;
		} else if (d->ref_json != NULL && strcmp(json, d->ref_json) != 0) {
			if (is_error) {
				const char *c = strstr(json, "\"code\":\"");
				char code[32] = "?";
				if (c != NULL)
					sscanf(c + 8, "%31[^\"]", code);
				say("misreport %s", code);
				if (verbose)
					say_failsite();
				r = RES_ERROR;
			} else {
				size_t k = 0, from;
				while (json[k] && json[k] == d->ref_json[k])
					k++;
				from = k > 60 ? k - 60 : 0;
				say("mismatch at byte %zu: ...%.140s  instead of  ...%.140s", k, json + from,
				    d->ref_json + from);
				if (report_fd == 1)
					say("record %s", json);
				r = RES_MISMATCH;
			}
		}
		counting = 0;
		free(json);
		a2_reader_free(rd);
	}
	return r;
}

/* "f+0x12 < g+0x34 < ..." for frames [from, n) */
static void
frames_str(char *where, size_t cap, void *const *bt, int from, int n)
{
	int i;

	where[0] = '\0';
	for (i = from; i < n; i++) {
		Dl_info di;
		char f[160];
		memset(&di, 0, sizeof(di));
		dladdr(bt[i], &di);
		if (di.dli_sname != NULL)
			snprintf(f, sizeof(f), "%s%s+%#lx", i > from ? " < " : "", di.dli_sname,
			    (unsigned long)((char *)bt[i] - (char *)di.dli_saddr));
		else    /* a static function: run.sh names it with addr2line */
			snprintf(f, sizeof(f), "%s?@%s+%#lx", i > from ? " < " : "",
			    di.dli_fname ? di.dli_fname : "?",
			    (unsigned long)((char *)bt[i] - (char *)di.dli_fbase) - 1);
		if (strlen(where) + strlen(f) < cap - 1)
			strcat(where, f);
	}
}

static void
say_leaks(void)
{
	size_t h;
	int shown = 0;

	for (h = 0; h < TR_SLOTS && shown < 6; h++) {
		char where[4000];
		if (tr[h].p == NULL)
			continue;
		shown++;
		frames_str(where, sizeof(where), tr[h].bt, 2, tr[h].n);
		say("leakat %s", where);
	}
}

static void
say_failsite(void)
{
	char where[4000];

	if (hit_n > 2) {
		frames_str(where, sizeof(where), hit_bt, 2, hit_n);
		say("failsite %s", where);
	}
}

/* ---- crash reporting in the child ---- */

static void
on_crash(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	void *pc = NULL, *frames[32];
	Dl_info di;
	char line[512];
	int n, i, len;

	(void)si;
	counting = 0;
#if defined(__x86_64__)
	pc = (void *)uc->uc_mcontext.gregs[REG_RIP];
#else
	(void)uc;
#endif
	memset(&di, 0, sizeof(di));
	if (pc != NULL)
		dladdr(pc, &di);
	len = snprintf(line, sizeof(line), "crash %d %s %s\n", sig,
	    di.dli_fname ? di.dli_fname : "?", di.dli_sname ? di.dli_sname : "?");
	if (len > 0 && write(report_fd, line, (size_t)len) < 0)
		_exit(99);
	n = backtrace(frames, 32);
	/* frames[0] is this handler, frames[1] the signal trampoline */
	for (i = 2; i < n; i++) {
		char where[200];
		frames_str(where, sizeof(where), frames, i, i + 1);
		len = snprintf(line, sizeof(line), "frame %s\n", where);
		if (len > 0 && write(report_fd, line, (size_t)len) < 0)
			break;
	}
	_exit(98);
}

/* ---- the loop ---- */

/* allow.tsv: kind (crash|leak), library, function, why.
 *  crash: the faulting instruction is in that library (dladdr on the PC),
 *         in that function (or *);
 *  leak:  the failed allocation and every allocation left over were made
 *         under a call of that function (an entry point of that library,
 *         which returned its error: the caller had nothing to free). */
typedef struct allow {
	char kind[8], lib[128], fn[128], why[256];
} allow;

static allow g_allow[64];
static size_t g_nallow;

static void
load_allow(const char *path)
{
	FILE *fp = fopen(path, "r");
	char line[700];

	if (fp == NULL)
		return;
	while (g_nallow < 64 && fgets(line, sizeof(line), fp) != NULL) {
		allow *a = &g_allow[g_nallow];
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "%7[^\t]\t%127[^\t]\t%127[^\t]\t%255[^\n]", a->kind, a->lib, a->fn, a->why) >= 3)
			g_nallow++;
	}
	fclose(fp);
}

static const allow *
allowed_crash(const char *lib, const char *fn, const char *stack)
{
	size_t i;

	for (i = 0; i < g_nallow; i++) {
		char call[140];
		snprintf(call, sizeof(call), "%s+", g_allow[i].fn);
		if (!strcmp(g_allow[i].kind, "crash") && strstr(lib, g_allow[i].lib) != NULL &&
		    (!strcmp(g_allow[i].fn, "*") || !strcmp(fn, g_allow[i].fn) || strstr(stack, call) != NULL))
			return &g_allow[i];
	}
	return NULL;
}

/* failsite and the leak sites all under a call of an allowed function */
static const allow *
allowed_leak(const char *failsite, char sites[][4000], int nsites)
{
	size_t i;
	int k;

	for (i = 0; i < g_nallow; i++) {
		char call[140];
		if (strcmp(g_allow[i].kind, "leak") != 0 || nsites == 0)
			continue;
		snprintf(call, sizeof(call), "%s+", g_allow[i].fn);
		if (strstr(failsite, call) == NULL)
			continue;
		for (k = 0; k < nsites && strstr(sites[k], call) != NULL; k++)
			;
		if (k == nsites)
			return &g_allow[i];
	}
	return NULL;
}

/* Distinct findings of a phase, by where they come from. */
#define MAX_SIGS 64
typedef struct sig {
	char kind[12];          /* crash, leak, misreading, misreport, allowed */
	char text[700];
	unsigned long count, first_n;
} sig;

typedef struct tally {
	unsigned long points, crashes, allowed, leaks, mismatches, hangs, misreports;
	sig sigs[MAX_SIGS];
	size_t nsigs;
} tally;

/* text without the "+0x1f" offsets, so that one site is one finding */
static void
no_offsets(char *out, size_t cap, const char *in)
{
	size_t o = 0;

	int anon = 0;     /* in a ?@FILE+0xOFF frame: keep its offset */

	while (*in && o + 1 < cap) {
		if (in[0] == '?' && in[1] == '@')
			anon = 1;
		else if (in[0] == ' ')
			anon = 0;
		if (!anon && in[0] == '+' && in[1] == '0' && in[2] == 'x') {
			in += 3;
			while ((*in >= '0' && *in <= '9') || (*in >= 'a' && *in <= 'f'))
				in++;
			continue;
		}
		out[o++] = *in++;
	}
	out[o] = '\0';
}

static void
note(tally *t, const char *kind, const char *text_in, unsigned long n)
{
	size_t i;
	char text[700];

	no_offsets(text, sizeof(text), text_in);
	for (i = 0; i < t->nsigs; i++)
		if (!strcmp(t->sigs[i].kind, kind) && !strcmp(t->sigs[i].text, text)) {
			t->sigs[i].count++;
			return;
		}
	if (t->nsigs < MAX_SIGS) {
		sig *g = &t->sigs[t->nsigs++];
		scopy(g->kind, sizeof(g->kind), kind);
		scopy(g->text, sizeof(g->text), text);
		g->count = 1;
		g->first_n = n;
	}
}

/* The first k frames of a "a < b < c" list. */
static void
top_frames(char *out, size_t cap, const char *frames, int k)
{
	const char *p = frames;

	while (k-- > 0 && (p = strstr(p, " < ")) != NULL)
		p += 3;
	scopy(out, cap, frames);
	if (p != NULL && (size_t)(p - 3 - frames) < cap)
		out[p - 3 - frames] = '\0';
}

typedef struct child_out {
	int reached, crashed, leaked, mismatch, hung;
	char crash_lib[256], crash_fn[256], crash[1200], stack[3000];
	int nframes;
	char failsite[4000], diff[400], misreport[40];
	char sites[6][4000];
	int nsites;
} child_out;

/* Runs phase with the Nth allocation failing in a child and reads what it
 * says. */
static void
run_child(const char *phase, unsigned long n, child_out *o)
{
	int pfd[2], status;
	pid_t pid;
	FILE *rp;
	char line[4200];

	memset(o, 0, sizeof(*o));
	o->reached = -1;
	if (pipe(pfd) != 0)
		return;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return;
	if (pid == 0) {
		struct sigaction sa;
		long before;
		int r;
		close(pfd[0]);
		report_fd = pfd[1];
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_crash;
		sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
		sigaction(SIGSEGV, &sa, NULL);
		sigaction(SIGBUS, &sa, NULL);
		sigaction(SIGABRT, &sa, NULL);
		sigaction(SIGFPE, &sa, NULL);
		sigaction(SIGILL, &sa, NULL);
		alarm(20);
		reset_globals();
		before = live;
		fail_at = n;
		n_allocs = 0;
		hit = 0;
		r = run_phase(phase);
		fail_at = 0;
		reset_globals();
		if (r == RES_MISMATCH || live != before)
			say_failsite();
		if (live != before) {
			say("leak %ld", live - before);
			if (tracing)
				say_leaks();
		}
		say("reached %d %lu", hit, n_allocs);
		_exit(0);
	}
	close(pfd[1]);
	rp = fdopen(pfd[0], "r");
	while (rp != NULL && fgets(line, sizeof(line), rp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "reached ", 8)) {
			o->reached = line[8] == '1';
		} else if (!strncmp(line, "leak ", 5)) {
			o->leaked = atoi(line + 5);
		} else if (!strncmp(line, "leakat ", 7)) {
			if (o->nsites < 6)
				scopy(o->sites[o->nsites++], sizeof(o->sites[0]), line + 7);
		} else if (!strncmp(line, "failsite ", 9)) {
			scopy(o->failsite, sizeof(o->failsite), line + 9);
		} else if (!strncmp(line, "mismatch ", 9)) {
			o->mismatch = 1;
			scopy(o->diff, sizeof(o->diff), line + 9);
		} else if (!strncmp(line, "misreport ", 10)) {
			scopy(o->misreport, sizeof(o->misreport), line + 10);
		} else if (!strncmp(line, "crash ", 6)) {
			o->crashed = 1;
			sscanf(line + 6, "%*d %255s %255s", o->crash_lib, o->crash_fn);
			scopy(o->crash, sizeof(o->crash), line);
		} else if (!strncmp(line, "frame ", 6)) {
			if (o->nframes++ < 6) {
				sappend(o->crash, sizeof(o->crash), o->nframes == 1 ? ": " : " < ");
				sappend(o->crash, sizeof(o->crash), line + 6);
			}
			sappend(o->stack, sizeof(o->stack), " < ");
			sappend(o->stack, sizeof(o->stack), line + 6);
		}
	}
	if (rp != NULL)
		fclose(rp);
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		o->hung = 1;
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		o->crashed = 1;
}

/* One N of a phase; returns 1 when the run never reached N. */
static int
one(const char *phase, unsigned long n, tally *t, int *failed)
{
	child_out o;
	char key[700], top[400];

	run_child(phase, n, &o);
	t->points++;
	if (o.hung) {
		t->hangs++;
		*failed = 1;
		note(t, "hang", "(no trace: the child ran past 20 s)", n);
		return 0;
	}
	if (o.crashed) {
		const allow *a = o.crash_lib[0] ? allowed_crash(o.crash_lib, o.crash_fn, o.stack) : NULL;
		if (a != NULL) {
			t->allowed++;
			scopy(key, sizeof(key), "crash in ");
			sappend(key, sizeof(key), o.crash_lib);
			sappend(key, sizeof(key), " ");
			sappend(key, sizeof(key), o.crash_fn);
			sappend(key, sizeof(key), ": ");
			sappend(key, sizeof(key), a->why);
			note(t, "allowed", key, n);
		} else {
			t->crashes++;
			*failed = 1;
			note(t, "crash", o.crash[0] ? o.crash : "(killed, no trace)", n);
			if (verbose)
				printf("  %s N=%lu: crash, whole stack:%s\n", phase, n, o.stack);
		}
		return 0;
	}
	if (o.misreport[0]) {
		if (verbose)
			printf("  %s N=%lu: misreported as %s; the failed allocation: %s\n", phase, n, o.misreport,
			    o.failsite);
		t->misreports++;
		scopy(key, sizeof(key), "as \"");
		sappend(key, sizeof(key), o.misreport);
		sappend(key, sizeof(key), "\"");
		note(t, "misreport", key, n);
	}
	if (o.mismatch) {
		t->mismatches++;
		*failed = 1;
		top_frames(top, sizeof(top), o.failsite, 5);
		scopy(key, sizeof(key), "failed allocation at ");
		sappend(key, sizeof(key), top);
		note(t, "misreading", key, n);
		if (verbose)
			printf("  %s N=%lu: %s\n", phase, n, o.diff);
	}
	if (o.leaked) {
		child_out tr_o;
		const allow *a;
		/* again, recording where every allocation was made */
		tracing = 1;
		run_child(phase, n, &tr_o);
		tracing = 0;
		a = allowed_leak(tr_o.failsite, tr_o.sites, tr_o.nsites);
		top_frames(top, sizeof(top), tr_o.nsites ? tr_o.sites[0] : "?", 6);
		if (a != NULL) {
			t->allowed++;
			scopy(key, sizeof(key), "leak under ");
			sappend(key, sizeof(key), a->fn);
			sappend(key, sizeof(key), ": ");
			sappend(key, sizeof(key), a->why);
			note(t, "allowed", key, n);
		} else {
			char ftop[300];
			t->leaks++;
			*failed = 1;
			top_frames(ftop, sizeof(ftop), tr_o.failsite, 4);
			snprintf(key, sizeof(key), "%d not freed, allocated at ", o.leaked);
			sappend(key, sizeof(key), top);
			sappend(key, sizeof(key), "\n        (the failed allocation: ");
			sappend(key, sizeof(key), ftop);
			sappend(key, sizeof(key), ")");
			note(t, "leak", key, n);
		}
	}
	return o.reached == 0;
}

/* ---- test documents ---- */

static void
add_doc(const char *name, unsigned char *data, size_t len)
{
	doc_in *d;

	if (g_ndocs >= sizeof(g_docs) / sizeof(g_docs[0]) || data == NULL) {
		free(data);
		return;
	}
	d = &g_docs[g_ndocs++];
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->data = data;
	d->len = len;
}

/* Replaces the first occurrence of a by b in s (a new string). */
static char *
replace1(const char *s, const char *a, const char *b)
{
	const char *p = strstr(s, a);
	char *o;

	if (p == NULL)
		return strdup(s);
	o = malloc(strlen(s) - strlen(a) + strlen(b) + 1);
	if (o == NULL)
		return NULL;
	memcpy(o, s, (size_t)(p - s));
	strcpy(o + (p - s), b);
	strcat(o, p + strlen(a));
	return o;
}

/* A copy of a package with member changed by two replacements. */
static unsigned char *
refill(const unsigned char *pkg, size_t len, const char *member, const char *a1, const char *b1,
    const char *a2, const char *b2, size_t *outlen)
{
	a2_limits lim;
	a2_zip *z;
	a2_zipout *zo;
	unsigned char *out = NULL;
	size_t i, n;

	a2_limits_default(&lim);
	if ((z = a2_zip_open_mem(pkg, len, &lim, NULL)) == NULL || (zo = a2_zipout_new(NULL)) == NULL) {
		a2_zip_close(z);
		return NULL;
	}
	for (i = 0; i < a2_zip_count(z); i++) {
		const char *nm = a2_zip_name(z, i);
		char *data = a2_zip_read(z, nm, &n, NULL), *x = NULL, *y = NULL;
		if (data != NULL && !strcmp(nm, member)) {
			x = replace1(data, a1, b1);
			y = x ? replace1(x, a2, b2) : NULL;
			free(data);
			data = y;
			n = y ? strlen(y) : 0;
			free(x);
		}
		if (data == NULL || a2_zipout_add(zo, nm, data, n, !strcmp(nm, "mimetype"), NULL) != 0) {
			free(data);
			a2_zipout_free(zo);
			a2_zip_close(z);
			return NULL;
		}
		free(data);
	}
	a2_zip_close(z);
	if (a2_zipout_finish(zo, &out, outlen, NULL) != 0)
		return NULL;
	return out;
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *p = NULL;
	long n;

	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0 &&
	    (p = malloc((size_t)n + 1)) != NULL && fread(p, 1, (size_t)n, fp) == (size_t)n) {
		*len = (size_t)n;
	} else {
		free(p);
		p = NULL;
	}
	fclose(fp);
	return p;
}

/* The flat ODT: content.xml of the generated ODT as an office:document. */
static unsigned char *
flat_odt(const unsigned char *odt, size_t len, size_t *outlen)
{
	a2_limits lim;
	a2_zip *z;
	char *c, *x, *y;
	size_t n;

	a2_limits_default(&lim);
	if ((z = a2_zip_open_mem(odt, len, &lim, NULL)) == NULL)
		return NULL;
	c = a2_zip_read(z, "content.xml", &n, NULL);
	a2_zip_close(z);
	if (c == NULL)
		return NULL;
	x = replace1(c, "<office:document-content", "<office:document");
	y = x ? replace1(x, "</office:document-content>", "</office:document>") : NULL;
	free(c);
	free(x);
	if (y != NULL)
		*outlen = strlen(y);
	return (unsigned char *)y;
}

static void
make_docs(int argc, char **argv, int first)
{
	const a2_state *st = a2_states_by_iso3(g_states, "FRA");
	unsigned char *docx = NULL, *odt = NULL;
	size_t dl = 0, ol = 0, n;
	a2_error err;
	int i;

	a2_error_clear(&err);
	if (a2_generate_docx(g_form, st, NULL, &docx, &dl, &err) != 0 ||
	    a2_generate_odt(g_form, st, NULL, &odt, &ol, &err) != 0) {
		fprintf(stderr, "failalloc: cannot generate the forms: %s\n", err.message);
		exit(2);
	}
	add_doc("FRA.docx", docx, dl);
	add_doc("FRA.odt", odt, ol);
	{
		unsigned char *f = refill(docx, dl, "word/document.xml", "<w14:checked w14:val=\"0\"/>",
		    "<w14:checked w14:val=\"1\"/>", "<w:t>\xe2\x98\x90</w:t>", "<w:t>\xe2\x98\x92</w:t>", &n);
		add_doc("FRA-filled.docx", f, n);
		f = refill(odt, ol, "content.xml", "loext:checkbox=\"true\"", "loext:checkbox=\"true\" loext:checked=\"true\"",
		    "<text:span text:style-name=\"T_box\">\xe2\x98\x90", "<text:span text:style-name=\"T_box\">\xe2\x98\x92", &n);
		add_doc("FRA-filled.odt", f, n);
		f = flat_odt(odt, ol, &n);
		add_doc("FRA.fodt", f, n);
	}
	for (i = first; i < argc; i++) {
		unsigned char *p = slurp(argv[i], &n);
		const char *base = strrchr(argv[i], '/');
		if (p == NULL) {
			fprintf(stderr, "failalloc: cannot read %s\n", argv[i]);
			exit(2);
		}
		add_doc(base ? base + 1 : argv[i], p, n);
	}
}

int
main(int argc, char **argv)
{
	const char *only = NULL, *allow_path = NULL;
	unsigned long single = 0;
	char phases[40][80];
	size_t np = 0, i;
	int c, failed = 0;
	a2_error err;
	void *warm[4];

	while ((c = getopt(argc, argv, "vp:a:n:")) != -1) {
		switch (c) {
		case 'v': verbose = 1; break;
		case 'n': single = strtoul(optarg, NULL, 10); break;
		case 'p': only = optarg; break;
		case 'a': allow_path = optarg; break;
		default:
			fprintf(stderr, "usage: failalloc [-v] [-p PHASE [-n N]] [-a ALLOW.tsv] [FILE...]\n");
			return 2;
		}
	}
	if (allow_path != NULL)
		load_allow(allow_path);
	/* glibc's tzset (under libzip's mktime) re-reads and re-allocates
	 * the zone name when TZ is unset; a fixed TZ keeps it still */
	setenv("TZ", "UTC", 1);
	if ((tr = __libc_calloc(TR_SLOTS, sizeof(*tr))) == NULL)
		return 2;
	backtrace(warm, 4);    /* loads libgcc before any count */
	a2_error_clear(&err);
	if ((g_form = a2_form_load(NULL, &err)) == NULL || (g_states = a2_states_load(NULL, NULL, &err)) == NULL ||
	    (g_reader = a2_reader_new(g_form, g_states, &err)) == NULL) {
		fprintf(stderr, "failalloc: setup failed: %s\n", err.message);
		return 2;
	}
	make_docs(argc, argv, optind);
	/* reference records, which also warm up every library's lazy state */
	for (i = 0; i < g_ndocs; i++) {
		a2_record rec;
		a2_record_init(&rec);
		if (a2_read_mem(g_reader, g_docs[i].name, g_docs[i].data, g_docs[i].len, &rec) < 0) {
			fprintf(stderr, "failalloc: %s does not read even without failures\n", g_docs[i].name);
			return 2;
		}
		g_docs[i].ref_json = a2_record_to_json(&rec);
		if (verbose)
			fprintf(stderr, "reference %s: %.160s\n", g_docs[i].name, g_docs[i].ref_json);
		a2_record_clear(&rec);
	}
	snprintf(phases[np++], sizeof(phases[0]), "form");
	snprintf(phases[np++], sizeof(phases[0]), "states");
	snprintf(phases[np++], sizeof(phases[0]), "reader");
	for (i = 0; i < g_ndocs && np < 40; i++)
		snprintf(phases[np++], sizeof(phases[0]), "read:%s", g_docs[i].name);
	snprintf(phases[np++], sizeof(phases[0]), "json:%s", g_docs[0].name);
	for (i = 2; i < g_ndocs && np < 40; i++)
		if (strstr(g_docs[i].name, "filled") != NULL)
			snprintf(phases[np++], sizeof(phases[0]), "json:%s", g_docs[i].name);
	if (single != 0 && only != NULL) {
		/* -p PHASE -n N: that one run, in this process (for a debugger) */
		int r;
		verbose = 1;
		report_fd = 1;
		fail_at = single;
		r = run_phase(only);
		printf("failalloc %s N=%lu: %s, the failure %s\n", only, single,
		    r == RES_OK ? "a full result" : r == RES_ERROR ? "an error" : "a different result",
		    hit ? "happened" : "was not reached");
		say_failsite();
		return 0;
	}
	for (i = 0; i < np; i++) {
		static tally t;
		unsigned long n;
		size_t k;
		if (only != NULL && strcmp(only, phases[i]) != 0)
			continue;
		memset(&t, 0, sizeof(t));
		run_phase(phases[i]);      /* one more warm-up of this phase */
		reset_globals();
		for (n = 1; !one(phases[i], n, &t, &failed); n++)
			;
		printf("failalloc %-22s %6lu allocation points: %lu crashes, %lu leaks, %lu misreadings,"
		    " %lu hangs, %lu misreported, %lu allowed\n", phases[i], t.points, t.crashes, t.leaks,
		    t.mismatches, t.hangs, t.misreports, t.allowed);
		for (k = 0; k < t.nsigs; k++) {
			const sig *g = &t.sigs[k];
			int bad = strcmp(g->kind, "misreport") && strcmp(g->kind, "allowed");
			printf("  %s %s %s (%lu N, first N=%lu)\n", bad ? "FAIL" : "note", g->kind, g->text,
			    g->count, g->first_n);
		}
		fflush(stdout);
	}
	printf("failalloc: %s\n", failed ? "FAILED" : "passed");
	return failed;
}
