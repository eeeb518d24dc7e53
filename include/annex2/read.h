/*
 * annex2/read.h -- reading returned documents into records.
 *
 * Pipeline: open (container, limits) -> lower (format front end -> a2_doc)
 * -> match (a2_doc + a2_form -> answers, sender, signatory) -> validate
 * (problems, complete) -> emit (record.h).
 */
#ifndef ANNEX2_READ_H
#define ANNEX2_READ_H

#include <stddef.h>
#include "error.h"
#include "form.h"
#include "states.h"
#include "doc.h"
#include "record.h"

/* Safety limits on hostile input (SPEC "Safety"). */
typedef struct a2_limits {
	size_t max_file;      /* input file size (bytes) */
	size_t max_entries;   /* zip entries */
	size_t max_member;    /* inflated size of one member we read */
	size_t max_total;     /* inflated bytes read from one file */
	unsigned max_ratio;   /* inflated / compressed of a member */
	unsigned max_depth;   /* XML element depth */
	unsigned ocr_ms;      /* CPU time Tesseract may take on the pages of
	                       * one file without a QR code (milliseconds, at
	                       * most an hour); a page a quarter of it */
} a2_limits;

/* The defaults: 64 MiB file, 10000 entries, 64 MiB member, 256 MiB total,
 * ratio 200, depth 256, 16 s of OCR a file (4 s a page). */
void a2_limits_default(a2_limits *l);

/* Opens a document from memory and lowers it into the reply model.
 * name is used for the format guess (extension) and messages. */
a2_doc *a2_doc_open_mem(const char *name, const void *data, size_t len,
                        const a2_limits *limits, a2_error *err);

typedef struct a2_reader a2_reader;

/* A reader for one consultation.  form and states must outlive it. */
a2_reader *a2_reader_new(const a2_form *form, const a2_states *states, a2_error *err);
void a2_reader_free(a2_reader *rd);
/* The consultation the reader reads for. */
const a2_form *a2_reader_form(const a2_reader *rd);
void a2_reader_set_limits(a2_reader *rd, const a2_limits *l);

/* Reads one file into *rec (a2_record_init'ed or cleared by the caller).
 * Always fills a record: a file that cannot be read gives is_error.
 * Returns 0 (read), 1 (error record), -1 only on allocation failure. */
int a2_read_file(a2_reader *rd, const char *path, a2_record *rec);
int a2_read_mem(a2_reader *rd, const char *name, const void *data, size_t len, a2_record *rec);

/* Matches a lowered document (for tests and --dump).  Returns as above. */
int a2_match_doc(a2_reader *rd, const a2_doc *doc, a2_record *rec);

/* Page images (scans): when dir is not NULL, every page read is also
 * written as DIR/<file name>.p<N>.png, the page as read (upright,
 * deskewed) with each box drawn, its ink and its state.  Set it before
 * reading, from one thread.  0, or -1 out of memory. */
int a2_scan_set_debug_dir(const char *dir);

#endif
