#!/bin/sh
# samples/tools/make_pdf_samples.sh ANNEX2 PDF_TICK -- regenerates the PDF
# sample replies in samples/returned/ and their expected records (the truth:
# see make_pdf_samples.py).  `make pdfsamples` runs it.
A2=${1:?usage: samples/tools/make_pdf_samples.sh path/to/annex2 path/to/pdf_tick}
TICK=${2:?usage: samples/tools/make_pdf_samples.sh path/to/annex2 path/to/pdf_tick}
case $A2 in /*) ;; *) A2=$(pwd)/$A2 ;; esac
case $TICK in /*) ;; *) TICK=$(pwd)/$TICK ;; esac
cd "$(dirname "$0")/../.." || exit 1
exec /usr/bin/python3 samples/tools/make_pdf_samples.py "$A2" "$TICK"
