/* cli/omp_inline.c -- Tesseract's OpenMP regions run inline in the thread
 * that reads the page.
 *
 * libtesseract is built with OpenMP: its LSTM runs each line's four gates
 * as `#pragma omp parallel sections`, and libgomp starts and ends a team
 * for each, hundreds of thousands a page.  annex2 gives Tesseract one
 * thread (read/scan/tessload.c: its spinning threads cost more CPU than
 * they saved), and a team of one still ends in a futex system call at its
 * barrier: 400,000 calls, 0.7-1.0 s of a 3-page scan's 6.3 s of CPU.
 *
 * The program defines the four entry points libtesseract imports and
 * exports them (mk/ocr.mk's --export-dynamic-symbol), so the dynamic
 * linker binds libtesseract's references to these: a region is a call of
 * its body, the sections are handed out in order.  Inside, libgomp's
 * omp_get_num_threads() and omp_get_thread_num() say 1 and 0, as they do
 * outside any region, so a `parallel for` body takes the whole range.
 * The library does not carry this (a program linking libannex2 keeps its
 * own OpenMP); the program does, as it sets malloc's thresholds in
 * generate.  `read -j` runs a reader per thread: the section counters are
 * the thread's own, and a region inside a section (none in Tesseract 5)
 * restores its caller's. */

/* libgomp's ABI (GCC's libgomp, GOMP_4.0 and GOMP_1.0) */
void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags);
void GOMP_parallel_sections(void (*fn)(void *), void *data, unsigned num_threads, unsigned count,
                            unsigned flags);
unsigned GOMP_sections_next(void);
void GOMP_sections_end_nowait(void);

static _Thread_local unsigned next_section, sections;

void
GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags)
{
	(void)num_threads;
	(void)flags;
	fn(data);
}

void
GOMP_parallel_sections(void (*fn)(void *), void *data, unsigned num_threads, unsigned count, unsigned flags)
{
	unsigned outer_next = next_section, outer = sections;

	(void)num_threads;
	(void)flags;
	next_section = 1;
	sections = count;
	fn(data);   /* asks GOMP_sections_next for each section, the first too */
	next_section = outer_next;
	sections = outer;
}

/* The next section to run (numbered from 1), 0 when all have run. */
unsigned
GOMP_sections_next(void)
{
	return next_section <= sections ? next_section++ : 0;
}

void
GOMP_sections_end_nowait(void)
{
}
