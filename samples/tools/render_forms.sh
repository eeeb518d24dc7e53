#!/bin/sh
# samples/tools/render_forms.sh ANNEX2 -- the forms of samples/forms/ made again,
# one Member State per language (EGY ar, CHN zh, USA en, FRA fr, RUS ru,
# ARG es, each in its language of correspondence, and NER), and page 1 of each
# rendered by LibreOffice (PDF) and poppler (PNG, 70 dpi) to look at: glyphs
# present, Arabic joined and right to left, nothing clipped.
set -eu
A2=${1:?usage: samples/tools/render_forms.sh path/to/annex2}
case $A2 in /*) ;; *) A2=$(pwd)/$A2 ;; esac
cd "$(dirname "$0")/.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$A2" generate --only EGY,CHN,USA,FRA,RUS,ARG,NER --force -o forms 2>/dev/null
rm -f forms/manifest.csv forms/.annex2.lock
mkdir -p "$T/d" "$T/o" "$T/pd" "$T/po"
cp forms/*.docx "$T/d/"
cp forms/*.odt "$T/o/"
soffice -env:UserInstallation="file://$T/profile" --headless --convert-to pdf --outdir "$T/pd" "$T"/d/*.docx >/dev/null 2>&1
soffice -env:UserInstallation="file://$T/profile" --headless --convert-to pdf --outdir "$T/po" "$T"/o/*.odt >/dev/null 2>&1
for f in "$T"/pd/*.pdf; do pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$f" "forms/$(basename "$f" .pdf).docx.page1"; done
for f in "$T"/po/*.pdf; do pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$f" "forms/$(basename "$f" .pdf).odt.page1"; done
ls forms
