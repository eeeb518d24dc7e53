#!/bin/sh
# samples/tools/make_samples.sh ANNEX2 -- regenerates the sample replies in
# samples/returned/ (NAME.docx|odt + NAME.expected.json) from the forms ANNEX2
# generates: ticked in real LibreOffice (tests/lo/lo_driver.py, one start) or
# edited as Word does (tools/docx_edit.py), plus three on the Secretariat's
# own Word form (samples/itu-annex2-form.docx).  Needs LibreOffice
# (libreoffice-writer-nogui, python3-uno).  The expected records are the truth
# written down in tools/make_samples.py, not annex2's output: check them with
# tests/samples/run.sh ANNEX2.
A2=${1:?usage: samples/tools/make_samples.sh path/to/annex2}
case $A2 in /*) ;; *) A2=$(pwd)/$A2 ;; esac
cd "$(dirname "$0")/../.." || exit 1
exec /usr/bin/python3 samples/tools/make_samples.py "$A2"
