#!/bin/sh
# tests/cli/records.sh ANNEX2 -- records fed back to check, tally and report
# are not trusted as they are (issue 12): every JSON line is checked against
# the record schema and the round's data, a reply to another consultation
# is never counted, one file is one reply whatever path it came by, and an
# empty input is said.  Each case failed on the main of 2026-12-03.
A2=${1:?usage: records.sh path/to/annex2}
case $A2 in /*) ;; *) A2=$(pwd)/$A2 ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/lib.sh"
# jq-less field of the tally: counted assigns of the first text, replies
tally_of() { # records... -> "replies counted_replies assigns(X.1237)"
	"$A2" tally --json "$@" 2>/dev/null | python3 -c '
import json, sys
t = json.load(sys.stdin)
print(t["replies"], t["counted_replies"], t["texts"][0]["assigns"])'
}
# edit FILE PYTHON-EXPR: the record r of the first line is changed by the
# expression and written as the only line of FILE
edit() {
	python3 - "$T/fra.jsonl" "$1" "$2" <<'PY'
import json, sys
r = json.loads(open(sys.argv[1]).readline())
exec(sys.argv[3])
open(sys.argv[2], "w").write(json.dumps(r) + "\n")
PY
}

"$A2" read samples/returned/fra-lo-ticked.docx >"$T/fra.jsonl" 2>/dev/null
"$A2" read samples/returned >"$T/all.jsonl" 2>/dev/null
base=$(tally_of "$T/fra.jsonl")
[ "$base" = "1 1 1" ] && ok || bad "the French reply is one counted assigns: got $base"

# --- a line that breaks the record schema is refused with file:line ---
n=0
for case in \
	'r["texts"][0]["status"] = "okay"' \
	'del r["texts"][0]["status"]' \
	'r["texts"][0]["status"] = None' \
	'r["status"] = "Read"' \
	'del r["status"]' \
	'r["texts"][0]["authority"] = "assign"' \
	'r["texts"][0]["authority"] = None' \
	'r["texts"][1]["comments"] = "attached"; r["texts"][1]["authority"] = "does-not-assign"' \
	'r["member_state"]["iso3"] = "fra"' \
	'r["member_state"]["iso3"] = "ZZZ"' \
	'r["member_state"]["source"] = "guess"' \
	'r["texts"][0]["rec"] = "X.9999"' \
	'r["texts"] = r["texts"][1:]' \
	'r["texts"] = r["texts"][::-1]' \
	'r["complete"] = "yes"' \
	'r["sha256"] = "abc"' \
	'r["signatory"]["date"] = "21/08/2024"' \
	'r["problems"] = [{"code": "Late!", "rec": None, "message": "x"}]' \
	'r["format"] = "doc"' \
	'r = [r]'; do
	n=$((n + 1))
	edit "$T/bad$n.jsonl" "$case"
	cat "$T/fra.jsonl" >>"$T/bad$n.jsonl"       # a good line after the bad one
	expect_status 1 "tally refuses [$case]" "$A2" tally "$T/bad$n.jsonl"
	has "$T/err" "bad$n.jsonl:1: " "the refused line is named with its number [$case]"
	if grep -q "bad$n.jsonl:2: " "$T/err"; then bad "the good line after [$case] was refused"; else ok; fi
	got=$(tally_of "$T/bad$n.jsonl")
	[ "$got" = "1 1 1" ] && ok || bad "only the good line of [$case] is counted: got $got"
done
expect_status 1 "check refuses a bad line too" "$A2" check "$T/bad1.jsonl"
has "$T/err" 'texts\[0\].status "okay" is not one of' "check says what is wrong"

# --- facts are worked out from the data, not believed ---
edit "$T/palau.jsonl" 'r["member_state"] = {"iso3": "PLW", "name": "Palau", "source": "text"}'
expect_status 0 "a Palau reply is a valid record" "$A2" tally "$T/palau.jsonl"
[ "$(tally_of "$T/palau.jsonl")" = "1 0 0" ] && ok || bad "Palau (joined after the circular) is counted"
edit "$T/late.jsonl" 'r["signatory"]["date"] = "2024-09-30"; r["problems"] = []; r["complete"] = True'
[ "$(tally_of "$T/late.jsonl")" = "1 0 0" ] && ok || bad "a late date with no late problem is counted"
"$A2" check "$T/late.jsonl" >"$T/out" 2>&1
has "$T/out" "late" "check says the tampered reply is late"
edit "$T/incomplete.jsonl" 'r["texts"][0].update(status="missing", authority=None, comments=None); r["complete"] = True'
"$A2" check --json "$T/incomplete.jsonl" >"$T/out" 2>/dev/null
has "$T/out" '"complete":0' "complete is worked out again, not believed"

# --- another consultation's reply is listed and never counted ---
edit "$T/other.jsonl" 'r["consultation"] = "tsb-circular-999"; r["signatory"]["date"] = "2024-08-20"; r["sha256"] = "1" * 64'
[ "$(tally_of "$T/other.jsonl")" = "1 0 0" ] && ok || bad "a reply to another consultation is counted"
expect_status 1 "check of another consultation's reply" "$A2" check "$T/other.jsonl"
has "$T/out" "other-consultation" "check names the other consultation"
# ... nor does it supersede the real reply (it is dated later)
[ "$(tally_of "$T/fra.jsonl" "$T/other.jsonl")" = "2 1 1" ] && ok ||
	bad "another consultation's reply supersedes a real one: $(tally_of "$T/fra.jsonl" "$T/other.jsonl")"
printf 'iso3,member_state,format,file,sha256\nFRA,France,docx,FRA.docx,0\n' >"$T/manifest.csv"
"$A2" check --json --manifest "$T/manifest.csv" "$T/other.jsonl" >"$T/out" 2>/dev/null
has "$T/out" '"not_replied":\["FRA"\]' "a reply to another consultation is not a reply to this one"

# --- one file is one reply, whatever the path it came by ---
mkdir "$T/folder"
cp samples/returned/*.docx samples/returned/*.odt "$T/folder/"
"$A2" read "$T/folder" >"$T/folder/records.jsonl" 2>/dev/null
one=$(tally_of "$T/folder/records.jsonl")
both=$(tally_of "$T/folder")
[ "$one" = "$both" ] && ok || bad "replies and their records.jsonl in one folder count twice: $one vs $both"
"$A2" check "$T/folder" >"$T/out" 2>/dev/null
has "$T/out" "the same file as" "check says which files were the same"
"$A2" check --json "$T/folder" >"$T/out" 2>/dev/null
has "$T/out" '"same_file":\[' "check --json lists the same files"
cp "$T/folder/fra-lo-ticked.docx" "$T/copy-of-fra.docx"
[ "$(tally_of "$T/fra.jsonl" "$T/copy-of-fra.docx")" = "1 1 1" ] && ok || bad "a copy of a reply counts twice"

# --- an empty input is said, not an all-met tally with exit 0 ---
: >"$T/empty.jsonl"
expect_status 1 "tally of an empty JSON Lines file" "$A2" tally "$T/empty.jsonl"
has "$T/err" "no records" "the empty file is named"
printf '\n\n' >"$T/blank.jsonl"
expect_status 1 "check of a JSON Lines file of blank lines" "$A2" check "$T/blank.jsonl"

# --- the records annex2 writes pass its own checks (the schema is right) ---
# (one sample is a password-protected PDF: an error record, listed as
# unreadable, so the tally says so with exit status 1; the others tally)
grep -v '"status":"error"' "$T/all.jsonl" >"$T/readable.jsonl"
expect_status 0 "tally of every readable sample record" "$A2" tally "$T/readable.jsonl"
expect_status 1 "tally of every sample record, one unreadable" "$A2" tally "$T/all.jsonl"
has "$T/out" "(1 unreadable)" "the tally counts the unreadable sample"
if [ -s "$T/err" ]; then bad "a record written by read is refused"; sed 's/^/  | /' "$T/err" >&2; else ok; fi
/usr/bin/python3 - "$T/all.jsonl" forms/record.schema.json <<'PY' && ok || bad "a record written by read breaks forms/record.schema.json"
import json, sys
try:
    import jsonschema
except ImportError:
    print("records: python3-jsonschema missing, schema file not checked", file=sys.stderr)
    sys.exit(0)
schema = json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
for n, line in enumerate(open(sys.argv[1]), 1):
    errs = list(v.iter_errors(json.loads(line)))
    if errs:
        print("line %d: %s" % (n, errs[0].message), file=sys.stderr)
        sys.exit(1)
PY

echo "records: $pass passed, $fail failed"
[ "$fail" = 0 ]
