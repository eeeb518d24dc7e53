#!/bin/sh
# tests/schema/run.sh ANNEX2 -- generated forms against the official schemas:
# DOCX parts against the ECMA-376 transitional XSDs and the OPC schemas (xmllint),
# ODT parts against the OASIS ODF 1.3 RELAX NG schemas (jing).  The schemas are
# in ../shared/reference/schemas (not ours to ship): skipped, and said so, without it.
A2=${1:?usage: run.sh path/to/annex2}
case $A2 in /*) ;; *) A2=$(pwd)/$A2 ;; esac
S=${ANNEX2_SHARED:-../shared}/reference/schemas
HERE=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$S" ]; then
	echo "schema: skipped: the official schemas are not beside the project ($S)"
	exit 0
fi
for t in xmllint jing unzip; do
	command -v $t >/dev/null || { echo "schema: $t is missing (make check installs it)" >&2; exit 1; }
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
check() { # description command...
	what=$1; shift
	if "$@" >"$T/log" 2>&1; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $what" >&2; sed 's/^/  | /' "$T/log" | head -20 >&2; fi
}
"$A2" generate --only FRA -o "$T/f" 2>/dev/null || { echo "schema: generate failed" >&2; exit 1; }
"$A2" generate --form tests/data/forms/sg5-made-up.xml --lang fr --only DEU -o "$T/f" 2>/dev/null
# the six languages (Arabic right to left, Chinese with its East Asian font)
"$A2" generate --lang all --only EGY -o "$T/f" 2>/dev/null || { echo "schema: generate --lang all failed" >&2; exit 1; }
for base in FRA DEU EGY.ar EGY.zh EGY.en EGY.fr EGY.ru EGY.es; do
	d="$T/$base.docx.d"; o="$T/$base.odt.d"
	mkdir -p "$d" "$o"
	(cd "$d" && unzip -q "$T/f/$base.docx") && (cd "$o" && unzip -q "$T/f/$base.odt")
	X=$S/ooxml
	for part in word/document.xml word/styles.xml word/settings.xml word/fontTable.xml word/footer1.xml \
	    $(cd "$d" && ls word/header*.xml 2>/dev/null); do
		[ -f "$d/$part" ] || continue
		/usr/bin/python3 "$HERE/strip.py" docx "$d/$part" "$T/part.xml"
		check "$base.docx $part (ECMA-376 transitional)" xmllint --nonet --noout --schema "$X/wml-transitional-driver.xsd" "$T/part.xml"
	done
	check "$base.docx [Content_Types].xml (OPC)" xmllint --nonet --noout --schema "$X/ecma-376-5th-opc/opc-contentTypes.xsd" "$d/[Content_Types].xml"
	for rels in "$d/_rels/.rels" "$d/word/_rels/"*.rels; do
		check "$base.docx $(basename "$rels") (OPC)" xmllint --nonet --noout --schema "$X/ecma-376-5th-opc/opc-relationships.xsd" "$rels"
	done
	# docProps/core.xml is not checked: its OPC schema imports the Dublin Core
	# schemas from the network
	for part in content.xml styles.xml meta.xml settings.xml; do
		[ -f "$o/$part" ] || continue
		/usr/bin/python3 "$HERE/strip.py" odt "$o/$part" "$T/$part"
		check "$base.odt $part (ODF 1.3)" jing -i "$S/odf-1.3/OpenDocument-v1.3-schema.rng" "$T/$part"
	done
	check "$base.odt META-INF/manifest.xml (ODF 1.3)" jing -i "$S/odf-1.3/OpenDocument-v1.3-manifest-schema.rng" "$o/META-INF/manifest.xml"
done
echo "schema: $pass passed, $fail failed"
[ "$fail" = 0 ]
