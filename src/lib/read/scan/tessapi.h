/* read/scan/tessapi.h -- Tesseract's C API loaded on first use (dlopen of
 * libtesseract.so.5 by tessload.c): linked, libtesseract and its C++
 * runtime cost every annex2 process its start-up and memory for every
 * format.  Only ocr.c calls it, through a2_tess. */
#ifndef A2_READ_SCAN_TESSAPI_H
#define A2_READ_SCAN_TESSAPI_H

#include <tesseract/capi.h>

#define A2_TESS_FUNCTIONS(X) \
	X(TessBaseAPICreate) X(TessBaseAPIDelete) X(TessBaseAPIInit3) X(TessBaseAPIEnd) \
	X(TessBaseAPISetVariable) X(TessBaseAPISetPageSegMode) X(TessBaseAPISetImage2) \
	X(TessBaseAPISetSourceResolution) X(TessBaseAPIRecognize) X(TessBaseAPIGetIterator) \
	X(TessBaseAPIClear) \
	X(TessResultIteratorGetPageIteratorConst) X(TessResultIteratorNext) \
	X(TessResultIteratorGetUTF8Text) X(TessResultIteratorConfidence) X(TessResultIteratorDelete) \
	X(TessPageIteratorBoundingBox) X(TessPageIteratorIsAtBeginningOf) X(TessDeleteText) \
	X(TessMonitorCreate) X(TessMonitorDelete) X(TessMonitorSetDeadlineMSecs) \
	X(TessMonitorSetCancelFunc) X(TessMonitorSetCancelThis) \
	X(TessBaseAPIDetectOrientationScript)

#define A2_TESS_FIELD(f) __typeof__(&f) f;
struct a2_tess_api {
	A2_TESS_FUNCTIONS(A2_TESS_FIELD)
};
#undef A2_TESS_FIELD

/* The table, or NULL with *why set (a sentence) when it cannot be had. */
const struct a2_tess_api *a2_tess_load(const char **why);

#endif
