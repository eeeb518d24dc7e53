/* read/scan/ocr.h -- the words of a page image through Tesseract (issue
 * 14: forms without the QR code: the Secretariat's own, an old edition, a
 * retyped one).  libtesseract is loaded on first use (tessload.c, dlopen),
 * so that reading a DOCX does not carry it, and a machine without it gets
 * an error, not a crash. */
#ifndef A2_READ_SCAN_OCR_H
#define A2_READ_SCAN_OCR_H

#include <stddef.h>

#include "annex2/annex2.h"

struct Pix;

/* The languages read on a page without a QR code: the Latin-script ones in
 * one pass (Tesseract's data from Debian's tesseract-ocr-LANG); a page
 * of too few words read plainly is read again in the language of the
 * script Tesseract's OSD sees on it (with eng: the texts' identifiers). */
#define A2_OCR_LANGS "eng+fra+spa"
#define A2_OCR_LANGS_CYRILLIC "rus+eng"
#define A2_OCR_LANGS_ARABIC "ara+eng"
#define A2_OCR_LANGS_HAN "chi_sim+eng"
/* Under AddressSanitizer (make sancheck) the OCR path's own code and
 * every allocation Tesseract makes run slower: its budgets are doubled
 * there, so that the tests under it read what the product reads (the
 * 3-page scan of the Secretariat's form in samples/scans lost its 4th
 * page to the file's budget under ASan on a 2-vCPU machine). */
#if defined(__SANITIZE_ADDRESS__)
#define A2_OCR_TIME_SCALE 2
#else
#define A2_OCR_TIME_SCALE 1
#endif
/* Time a file's pages may take in Tesseract (a2_limits.ocr_ms: 16 s by
 * default), a page a quarter of it: CPU time of the reading thread, so that a
 * page reads the same on a loaded machine as on an idle one; the wall
 * clock stops a page at A2_OCR_WALL_FACTOR times its time whatever the
 * load.  A 3-page scan fits; a 6-page fax of the Secretariat's form reads
 * its first pages, the rest is said unread.  A 5-page form in Russian took
 * 8.7-9.6 s where the limits were set and 11.8-14 s on a machine 1.6 times
 * slower (December 2026): 12 s cut its last pages there.  What fits is the
 * machine's to say: `annex2 read --ocr-seconds` sets it. */
#define A2_OCR_WALL_FACTOR 4

typedef struct a2_ocr_word {
	char *text;          /* UTF-8 */
	int x, y, w, h;      /* pixels of the image given */
	float conf;          /* Tesseract's, 0..100 */
	int line;            /* the text line, from 0, in Tesseract's order */
} a2_ocr_word;

typedef struct a2_ocr a2_ocr;

/* The CPU time of the calling thread, in milliseconds (the clock of the
 * deadlines above). */
double a2_ocr_cpu_ms(void);

/* 0 when libtesseract can be loaded, else -1 with err saying what to install. */
int a2_ocr_available(a2_error *err);

/* A Tesseract instance for langs ("eng+fra"): NULL with err set. */
a2_ocr *a2_ocr_new(const char *langs, a2_error *err);
void a2_ocr_free(a2_ocr *o);

/* How what follows is laid out: 0 a page (Tesseract's own analysis, the
 * default), 1 one block of text (a strip cut from a page). */
void a2_ocr_set_block(a2_ocr *o, int block);

/* The words of an 8-bit or 1-bit page at ppi, in reading order; *timed_out
 * when the deadline (deadline_ms of the thread's CPU time) cut the recognition short (what was read is kept).
 * 0, or -1 with err set. */
int a2_ocr_page(a2_ocr *o, struct Pix *pix, int ppi, int deadline_ms, a2_ocr_word **out, size_t *n,
                int *timed_out, a2_error *err);
void a2_ocr_words_free(a2_ocr_word *w, size_t n);
/* The direction marks Tesseract puts round a word of the other direction
 * on a right-to-left page (U+200E, U+200F; U+061C, U+202A-U+202E,
 * U+2066-U+2069 too) taken out of UTF-8 string s, in place: they are no
 * letters of the page ("\u200eA\u200f" is the one letter of a box read
 * as "A", not a word of three).  a2_ocr_page's words have none.  The
 * bytes left. */
size_t a2_ocr_strip_bidi(char *s);

/* The script of an 8-bit or 1-bit page at ppi as Tesseract's OSD names it
 * ("Latin", "Cyrillic", "Arabic", "Han", ...) into name (cap bytes); ""
 * when it cannot tell.  o made with the language "osd".  0, or -1. */
int a2_ocr_script(a2_ocr *o, struct Pix *pix, int ppi, char *name, size_t cap, a2_error *err);

#endif
