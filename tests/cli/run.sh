#!/bin/sh
# tests/cli/run.sh ANNEX2 -- the command line as a user runs it: exit
# statuses, help, generate (determinism, --force, manifest, another
# consultation), read (records, error records), check and tally.
A2=${1:?usage: run.sh path/to/annex2}
case $A2 in /*) ;; *) A2=$(pwd)/$A2 ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/lib.sh"

# --- help and usage ---
expect_status 0 "--help" "$A2" --help
has "$T/out" "generate" "top help lists commands"
expect_status 0 "--version" "$A2" --version
expect_status 2 "no command" "$A2"
expect_status 2 "unknown command" "$A2" frobnicate
for c in generate read check tally report; do
	expect_status 0 "$c --help" "$A2" $c --help
	has "$T/out" "usage: annex2 $c" "$c help"
	expect_status 2 "$c with a bad option" "$A2" $c --no-such-option
done
expect_status 2 "generate without -o" "$A2" generate
expect_status 2 "generate --format pdf" "$A2" generate --format pdf -o "$T/x"
expect_status 2 "generate --only with an unknown code" "$A2" generate --only FRA,ZZZ -o "$T/x"
has "$T/err" "ZZZ" "unknown code named"
expect_status 2 "generate --only Palau (joined after the circular)" "$A2" generate --only PLW -o "$T/x"
expect_status 2 "read without a path" "$A2" read
expect_status 2 "report without -o" "$A2" report "$T"

# --- generate ---
expect_status 0 "generate FRA,NER" "$A2" generate --only FRA,NER -o "$T/g1"
for f in FRA.docx FRA.odt NER.docx NER.odt manifest.csv; do
	[ -s "$T/g1/$f" ] && ok || bad "generate wrote no $f"
done
[ "$(wc -l <"$T/g1/manifest.csv")" = 5 ] && ok || bad "manifest has a header and 4 rows"
has "$T/g1/manifest.csv" "^iso3,member_state,format,file,sha256" "manifest header"
has "$T/g1/manifest.csv" "^NER,Niger,odt,NER.odt," "manifest row"
sha=$(sha256sum "$T/g1/FRA.docx" | cut -d' ' -f1)
has "$T/g1/manifest.csv" "$sha" "manifest sha256 is the file's"
expect_status 0 "generate again elsewhere" "$A2" generate --only FRA,NER -o "$T/g2"
for f in FRA.docx FRA.odt NER.docx NER.odt manifest.csv; do
	cmp -s "$T/g1/$f" "$T/g2/$f" && ok || bad "generate is not deterministic: $f differs"
done
cp "$T/g1/FRA.docx" "$T/keep.docx"
echo "a returned reply" >"$T/g1/FRA.odt"
expect_status 1 "generate over existing files without --force" "$A2" generate --only FRA -o "$T/g1"
has "$T/err" "exists" "refusal says the file exists"
has "$T/g1/FRA.odt" "a returned reply" "an existing file is not replaced"
expect_status 0 "generate --force" "$A2" generate --only FRA --force -o "$T/g1"
cmp -s "$T/g1/FRA.odt" "$T/g2/FRA.odt" && ok || bad "--force replaced the file"
ls "$T/g1" | grep -q tmp && bad "temporary files left behind" || ok
expect_status 0 "generate docx only" "$A2" generate --only KOR --format docx -o "$T/g3"
[ -f "$T/g3/KOR.docx" ] && [ ! -f "$T/g3/KOR.odt" ] && ok || bad "--format docx"
expect_status 0 "generate the made-up consultation" "$A2" generate --form tests/data/forms/sg5-made-up.xml --only DEU -o "$T/g4"
expect_status 0 "generate it in French" "$A2" generate --form tests/data/forms/sg5-made-up.xml --lang fr --only DEU -o "$T/g5"
expect_status 2 "generate in a language the form lacks" "$A2" generate --lang de --only DEU -o "$T/g6"
printf 'iso3,name,title,address,email\nFRA,"Dupont, Jean",Directeur,"20 avenue de Ségur, Paris",jean@example.fr\n' >"$T/contacts.csv"
expect_status 0 "generate with contacts" "$A2" generate --only FRA --contacts "$T/contacts.csv" -o "$T/g7"
printf 'iso3,name\nFRA,"unterminated\n' >"$T/badcontacts.csv"
expect_status 2 "generate with a broken contacts file" "$A2" generate --only FRA --contacts "$T/badcontacts.csv" -o "$T/g8"
printf '<consultation xmlns="urn:itu:annex2:consultation:1" id="x" version="1"/>\n' >"$T/bad.xml"
expect_status 2 "generate with a broken consultation" "$A2" generate --form "$T/bad.xml" -o "$T/g9"
has "$T/err" "bad.xml:1" "the error names the file and line"

# --- read ---
expect_status 0 "read blank forms" "$A2" read -o "$T/blank.jsonl" "$T/g2"
[ "$(wc -l <"$T/blank.jsonl")" = 4 ] && ok || bad "one record per file"
has "$T/blank.jsonl" '"iso3":"NER","name":"Niger","source":"metadata"' "sender from metadata"
has "$T/blank.jsonl" '"status":"missing"' "unticked forms read as missing"
grep -q '"status":"ok"' "$T/blank.jsonl" && bad "a blank form has an ok vote" || ok
head -c 1000 /dev/urandom >"$T/junk.docx"
: >"$T/empty.odt"
cp "$T/g2/FRA.docx" "$T/trunc.docx" && truncate -s 3000 "$T/trunc.docx"
expect_status 1 "read a batch with broken files" "$A2" read -o "$T/mixed.jsonl" "$T/junk.docx" "$T/empty.odt" "$T/trunc.docx" "$T/g2/FRA.odt"
[ "$(wc -l <"$T/mixed.jsonl")" = 4 ] && ok || bad "every input gets a record"
[ "$(grep -c '"status":"error"' "$T/mixed.jsonl")" = 3 ] && ok || bad "three error records"
has "$T/mixed.jsonl" '"code":"not-zip"' "random bytes: not-zip"
expect_status 0 "read --csv" "$A2" read --csv "$T/g2/FRA.docx"
[ "$(wc -l <"$T/out")" = 9 ] && ok || bad "csv: header + 8 rows"
expect_status 0 "read --dump" "$A2" read --dump "$T/g2/FRA.odt"
has "$T/out" "content-control" "the dump shows the controls"
# a symbolic link inside a folder of replies is not followed, and said so
mkdir -p "$T/links" && cp "$T/g2/FRA.docx" "$T/links/FRA.docx" && ln -s /etc/passwd "$T/links/passwd.docx"
expect_status 1 "read a folder holding a symbolic link" "$A2" read "$T/links"
has "$T/err" "passwd.docx: a symbolic link, not followed" "the link is named"
if [ "$(grep -c '"status"' "$T/out")" = 1 ] && grep -q '"file":"[^"]*links/FRA.docx"' "$T/out"; then ok; else bad "the regular file is read, the link is not"; fi
expect_status 0 "read the made-up consultation" "$A2" read --form tests/data/forms/sg5-made-up.xml "$T/g4/DEU.docx"
has "$T/out" '"rec":"L.1470.1"' "made-up texts read"

# --- check and tally ---
expect_status 1 "check blank forms" "$A2" check --manifest "$T/g1/manifest.csv" "$T/blank.jsonl"
has "$T/out" "Problems:" "check lists problems"
expect_status 0 "tally --json" "$A2" tally --json "$T/blank.jsonl"
has "$T/out" '"rec":"X.1237","alias":"X.tsfpp","counted":0' "tally counts nothing on blank forms"
has "$T/out" '"outcome":"at-risk"' "undecided replies put every text at risk"
has "$T/out" '"threshold":0.7,' "the threshold written as the consultation says it (0.7, not 0.69999999999999996)"

# --- a batch reads every file as if alone ---
# The reader keeps the styles of one DOCX for the next when its styles part
# is the same, byte for byte.  Two replies with one document.xml whose
# unchosen options have the character style "Gone": struck in one styles
# part, bold in the other; read in one batch, each must read as alone.
mkdir -p "$T/batch"
for v in struck plain; do
	rm -rf "$T/st" && mkdir "$T/st" && (cd "$T/st" && unzip -q "$OLDPWD/samples/returned/grc-unchosen-struck-through.docx")
	sed 's|<w:strike/>|<w:rStyle w:val="Gone"/>|g' "$T/st/word/document.xml" >"$T/st/d.xml" && mv "$T/st/d.xml" "$T/st/word/document.xml"
	[ $v = struck ] && fmt='<w:strike/>' || fmt='<w:b/>'
	sed "s|</w:styles>|<w:style w:type=\"character\" w:styleId=\"Gone\"><w:name w:val=\"Gone\"/><w:rPr>$fmt</w:rPr></w:style></w:styles>|" \
	    "$T/st/word/styles.xml" >"$T/st/s.xml" && mv "$T/st/s.xml" "$T/st/word/styles.xml"
	(cd "$T/st" && zip -q -X -r "$T/batch/gone-$v.docx" .)
done
cp "$T/batch/gone-struck.docx" "$T/batch/gone-struck-again.docx"
for f in "$T/batch/gone-struck.docx" "$T/batch/gone-plain.docx" "$T/batch/gone-struck-again.docx" samples/returned/*.docx; do
	"$A2" read "$f" 2>/dev/null
done >"$T/alone.jsonl"
"$A2" read "$T/batch/gone-struck.docx" "$T/batch/gone-plain.docx" "$T/batch/gone-struck-again.docx" \
    samples/returned/*.docx >"$T/batch.jsonl" 2>/dev/null
cmp -s "$T/alone.jsonl" "$T/batch.jsonl" && ok || bad "a batch of DOCX reads differently from each file alone"
has "$T/alone.jsonl" '/gone-struck.docx".*"status":"inferred","evidence":"struck"' "options struck by a character style"
if grep '/gone-plain.docx"' "$T/alone.jsonl" | grep -q '"evidence":"struck"'; then
	bad "the bold style reads as struck"
else
	ok
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
