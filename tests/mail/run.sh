#!/bin/sh
# tests/mail/run.sh -- the mail round with real local servers (make mailtest).
#   sh tests/mail/run.sh build/annex2
# A real SMTP server (aiosmtpd) and a real IMAP server (dovecot) on
# 127.0.0.1, random ports, started and stopped here.
A2=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/a2-mail.XXXXXX")
SMTPD_PID=""
IMAPD_PID=""
cleanup() {
	[ -n "$SMTPD_PID" ] && kill "$SMTPD_PID" 2>/dev/null && wait "$SMTPD_PID" 2>/dev/null
	[ -n "$IMAPD_PID" ] && kill "$IMAPD_PID" 2>/dev/null && wait "$IMAPD_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
. "$HERE/../cli/lib.sh"
start=$(date +%s)
PY=/usr/bin/python3
# Under the sanitizers (make sancheck): memory bounds four times larger (as
# tests/hostile does), and LeakSanitizer off -- its tracer dies now and then
# (signal 11 in StopTheWorld) once GMime and GLib are loaded, which is no
# finding of annex2's; leaks of intake and mail are checked by valgrind in the
# plain run below, and the mail layer's unit test keeps LeakSanitizer.
mem_kb=262144
if [ -n "${MAIL_SAN:-}" ]; then
	mem_kb=$((mem_kb * 4))
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi

# ---- the forms and the contacts of all 193 Member States -----------------
"$A2" generate -o "$T/forms" 2>/dev/null || bad "generate"
"$PY" - "$HERE/../../forms/member-states.tsv" >"$T/contacts.csv" <<'PY'
import sys
rows = [l.split('\t') for l in open(sys.argv[1], encoding='utf-8').read().splitlines()][1:]
print('iso3,name,title,address,email,lang')
for r in rows:
    print('%s,Head of %s,Director,"Capital, %s",tsb-%s@example.org,' % (r[0], r[0], r[0], r[0].lower()))
    if r[0] == 'FRA':
        print('FRA,Bureau,Secretariat,Paris,normes@example.fr,fr')
PY

# ---- mail -o: 193 .eml files, a second run writes none --------------------
expect_status 0 "mail -o" "$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" -o "$T/eml"
has "$T/err" "wrote messages for 193 of 193 states (0 already sent, 0 failed)" "mail -o: 193 messages"
n=$(ls "$T/eml"/*.eml | wc -l); [ "$n" = 193 ] && ok || bad "mail -o wrote $n .eml files, want 193"
n=$(wc -l <"$T/eml/sent.jsonl"); [ "$n" = 193 ] && ok || bad "sent.jsonl has $n lines, want 193"
expect_status 0 "mail -o again" "$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" -o "$T/eml"
has "$T/err" "for 0 of 193 states (193 already sent" "mail -o again sends none"
n=$(wc -l <"$T/eml/sent.jsonl"); [ "$n" = 193 ] && ok || bad "sent.jsonl has $n lines after a second run"
if "$PY" "$HERE/parse_back.py" "$T/forms" "$T/eml"/*.eml >"$T/out" 2>"$T/err"; then ok; else bad "eml parse back: $(cat "$T/err")"; fi
has "$T/out" "193 messages, 386 attachments" "eml parse back"
grep -q '"to":\["tsb-fra@example.org","normes@example.fr"\]' "$T/eml/sent.jsonl" && ok || bad "FRA sent to its two addresses"
expect_status 0 "mail --resend --only" "$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" -o "$T/eml" --resend --only NER
n=$(wc -l <"$T/eml/sent.jsonl"); [ "$n" = 194 ] && ok || bad "--resend --only NER: $n lines, want 194"
expect_status 0 "mail --dry-run" "$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" -o "$T/dry" --dry-run --only FRA
has "$T/out" "FRA	circular	to tsb-fra@example.org,normes@example.fr" "dry-run says what"
[ ! -e "$T/dry" ] && ok || bad "--dry-run wrote $T/dry"
expect_status 2 "mail without contacts" "$A2" mail --forms "$T/forms" -o "$T/x"
expect_status 2 "mail with both -o and --smtp" "$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" -o "$T/x" --smtp smtp://127.0.0.1:1
expect_status 2 "mail --only unknown" "$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" -o "$T/x" --only XXX
printf 'iso3,name,title,address,email\nFRA,a,b,c,x@example.fr\n' >"$T/one.csv"
expect_status 1 "mail: a state without address fails, the others go on" \
	"$A2" mail --forms "$T/forms" --contacts "$T/one.csv" -o "$T/one" --only FRA,DEU
has "$T/err" "DEU: no address" "the failed state is named"
[ -f "$T/one/FRA.eml" ] && ok || bad "FRA written although DEU failed"

# ---- the six languages: each state's message in its language ------------
# FRA (lang fr in the contacts and member-states.tsv) in French, EGY (ar by
# member-states.tsv) in Arabic, DEU in English: subject RFC 2047-encoded and
# in the language, the body too, the form of that language attached
for c in "FRA fr" "EGY ar" "DEU en"; do
	set -- $c
	"$PY" "$HERE/check_lang.py" "$T/eml/$1.eml" "$2" "$1" >"$T/out" 2>&1 && ok || bad "$1 message in $2: $(cat "$T/out")"
done
"$PY" "$HERE/check_lang.py" "$T/eml/FRA.eml" ar FRA >/dev/null 2>&1 && bad "check_lang.py takes a French message for Arabic" || ok
# --lang forces the language; the form attached is always the message's:
# the folder's FRA.docx is French (its manifest says so), so English fails
expect_status 1 "mail --lang en with French forms" "$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" -o "$T/en" --lang en --only FRA
has "$T/err" "FRA: no form in en" "mail --lang en says the English form is missing"
expect_status 2 "mail --lang xx" "$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" -o "$T/x" --lang xx
# --lang-from-states (the SPEC's command line) says the default: the same
# messages as without it; with --lang it is a contradiction
expect_status 0 "mail --lang-from-states" "$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" -o "$T/lfs" --lang-from-states --only FRA,EGY
"$PY" "$HERE/check_lang.py" "$T/lfs/FRA.eml" fr FRA >"$T/out" 2>&1 && "$PY" "$HERE/check_lang.py" "$T/lfs/EGY.eml" ar EGY >>"$T/out" 2>&1 &&
	ok || bad "--lang-from-states: FRA in French, EGY in Arabic: $(cat "$T/out")"
expect_status 2 "mail --lang en --lang-from-states" "$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" -o "$T/x" --lang en --lang-from-states
has "$T/err" "say opposite things" "--lang with --lang-from-states refused, said why"
"$A2" generate --lang all --only FRA,EGY -o "$T/all" 2>/dev/null || bad "generate --lang all"
expect_status 0 "mail --lang en of the forms of every language" "$A2" mail --forms "$T/all" --contacts "$T/contacts.csv" -o "$T/all-en" --lang en
"$PY" "$HERE/check_lang.py" "$T/all-en/FRA.eml" en FRA >"$T/out" 2>&1 && ok || bad "FRA --lang en: $(cat "$T/out")"
expect_status 0 "mail of the forms of every language, each state's own" "$A2" mail --forms "$T/all" --contacts "$T/contacts.csv" -o "$T/all-eml"
"$PY" "$HERE/check_lang.py" "$T/all-eml/EGY.eml" ar EGY >"$T/out" 2>&1 && ok || bad "EGY from --lang all forms: $(cat "$T/out")"
grep -q 'filename=EGY.ar.docx' "$T/all-eml/EGY.eml" && grep -q 'filename=EGY.ar.odt' "$T/all-eml/EGY.eml" &&
	! grep -q 'filename=EGY.fr' "$T/all-eml/EGY.eml" && ok || bad "EGY.ar.docx and .odt not attached"
# generate --lang fr for every state: the messages follow the forms
"$A2" generate --lang fr --only DEU -o "$T/fr" 2>/dev/null || bad "generate --lang fr"
expect_status 0 "mail of French forms" "$A2" mail --forms "$T/fr" --contacts "$T/contacts.csv" -o "$T/fr-eml"
grep -q '^Subject: Circulaire TSB 195' "$T/fr-eml/DEU.eml" && ok || bad "DEU's French form went with a message not in French"

# ---- mail -o killed midway, run again: nothing left, nothing lost ---------
if "$PY" "$HERE/interrupt.py" "$A2" "$T/forms" "$T/contacts.csv" "$T/killed" >"$T/out" 2>&1; then ok; else bad "mail -o interrupted: $(cat "$T/out")"; fi

# ---- mail --smtp: a real SMTP server on 127.0.0.1 -------------------------
smtpd() { # portfile maildir [failing recipient]
	rm -f "$1"
	"$PY" "$HERE/smtpd.py" "$@" 2>"$T/smtpd.err" &
	SMTPD_PID=$!
	i=0; while [ ! -s "$1" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$1" ] || { bad "the SMTP server did not start: $(cat "$T/smtpd.err")"; return 1; }
	PORT=$(cat "$1")
}
stop_smtpd() { kill "$SMTPD_PID" 2>/dev/null; wait "$SMTPD_PID" 2>/dev/null; SMTPD_PID=""; }
if "$PY" -c 'import aiosmtpd' 2>/dev/null && smtpd "$T/smtp.port" "$T/inbox" tsb-deu; then
	mkdir -p "$T/log1"
	expect_status 1 "mail --smtp (DEU refused by the server)" \
		"$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" --smtp "smtp://127.0.0.1:$PORT" --sent "$T/log1/sent.jsonl"
	has "$T/err" "sent to 192 of 193 states (0 already sent, 1 failed)" "smtp: 192 sent, DEU failed"
	has "$T/err" "DEU:.*error: SMTP" "smtp: the failure is named"
	stop_smtpd
	smtpd "$T/smtp.port" "$T/inbox"
	expect_status 0 "mail --smtp again sends DEU only" \
		"$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" --smtp "smtp://127.0.0.1:$PORT" --sent "$T/log1/sent.jsonl"
	has "$T/err" "sent to 1 of 193 states (192 already sent, 0 failed)" "smtp: the failed state retried"
	expect_status 0 "mail --smtp a third time sends none" \
		"$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" --smtp "smtp://127.0.0.1:$PORT" --sent "$T/log1/sent.jsonl"
	has "$T/err" "sent to 0 of 193 states (193 already sent" "smtp: third run sends none"
	n=$(ls "$T/inbox/new" | wc -l); [ "$n" = 193 ] && ok || bad "the server received $n messages, want 193"
	if "$PY" "$HERE/parse_back.py" "$T/forms" "$T/inbox/new"/* >"$T/out" 2>"$T/err"; then ok; else bad "smtp parse back: $(cat "$T/err")"; fi
	has "$T/out" "193 messages, 386 attachments" "smtp parse back"
	stop_smtpd
else
	echo "mailtest: python3-aiosmtpd missing: SMTP part skipped" >&2
fi

# ---- intake: a corpus of messages as they really come -------------------
if [ -d "$HERE/../../samples/returned" ]; then
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 3650 \
		-subj "/CN=Administration of Denmark/emailAddress=tsb-dnk@example.org" 2>/dev/null
	"$PY" "$HERE/make_corpus.py" "$HERE/../../samples/returned" "$T/bureau" "$T/expected.tsv" \
		"$T/cert.pem" "$T/key.pem" "$T/eml/sent.jsonl" || bad "make_corpus"
	expect_status 1 "intake of the corpus (two malformed messages: exit 1)" \
		"$A2" intake --contacts "$T/contacts.csv" --sent "$T/eml/sent.jsonl" -o "$T/store" "$T/bureau"
	has "$T/err" "21 messages (0 taken before): 13 replies stored, 3 duplicates, 1 auto-replies, 1 bounces, 1 without attachment, 2 errors" "intake counts"
	if "$PY" "$HERE/check_intake.py" "$T/expected.tsv" "$T/store/intake.jsonl" >"$T/out" 2>&1; then ok; else bad "intake entries: $(cat "$T/out")"; fi
	n=$(ls "$T/store" | grep -c -v intake.jsonl); [ "$n" = 13 ] && ok || bad "$n files stored, want 13"
	grep '"smime-valid\|01-smime\|smime-valid' "$T/store/intake.jsonl" | grep -q '"valid":true' && ok || bad "the S/MIME signature verified"
	grep 'smime-tampered' "$T/store/intake.jsonl" | grep -q '"valid":false' && ok || bad "the tampered S/MIME signature reported invalid"
	expect_status 0 "intake again: nothing new" \
		"$A2" intake --contacts "$T/contacts.csv" --sent "$T/eml/sent.jsonl" -o "$T/store" "$T/bureau"
	has "$T/err" "21 messages (21 taken before): 0 replies stored" "a second intake takes nothing"
	n=$(wc -l <"$T/store/intake.jsonl"); [ "$n" = 21 ] && ok || bad "intake.jsonl has $n lines after a second run, want 21"

	# the walk and the store under valgrind: no memory error, no leak
	if [ -z "${MAIL_SAN:-}" ] && command -v valgrind >/dev/null; then
		if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
			"$A2" intake --contacts "$T/contacts.csv" --sent "$T/eml/sent.jsonl" -o "$T/vgstore" "$T/bureau" >/dev/null 2>"$T/err"
		then bad "intake under valgrind: exit 0, want 1"; else [ $? = 1 ] && ok || bad "intake under valgrind: $(cat "$T/err")"; fi
		valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
			"$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" -o "$T/vgeml" --only FRA,NER >/dev/null 2>"$T/err" &&
			ok || bad "mail under valgrind: $(cat "$T/err")"
	fi

	# ---- read -> check -> tally: receipt decides -------------------------
	"$A2" read "$T/store" -o "$T/records.jsonl" 2>/dev/null
	n=$(wc -l <"$T/records.jsonl"); [ "$n" = 13 ] && ok || bad "read gave $n records, want 13"
	n=$(grep -c '"message":{"id":' "$T/records.jsonl"); [ "$n" = 13 ] && ok || bad "$n records with their message, want 13"
	grep '"iso3":"AUT"' "$T/records.jsonl" | grep -q '"code":"late","rec":null,"message":"received 2024-08-23T08:00:00Z' && ok || bad "AUT late by receipt (dated 2024-08-02)"
	grep '"iso3":"SEN"' "$T/records.jsonl" | grep -q '"code":"address-mismatch"' && ok || bad "SEN: address-mismatch"
	grep '"iso3":"FRA"' "$T/records.jsonl" | grep -q '"address-mismatch"' && bad "FRA: address-mismatch from a listed address" || ok
	grep '"iso3":"ROU"' "$T/records.jsonl" | grep -q 'answers the message sent to MAR' && ok || bad "ROU answering MAR's message: address-mismatch"
	grep '"iso3":"RUS"' "$T/records.jsonl" | grep -q '"replies_to":"RUS"' && ok || bad "RUS tied to its sent message"
	# the S/MIME verdict of the message, in the record (message.smime)
	grep '"iso3":"DNK"' "$T/records.jsonl" | grep -q '"smime":{"signer":"/CN=Administration of Denmark/emailAddress=tsb-dnk@example.org","valid":true,"covers_document":true,"message":null}' &&
		ok || bad "DNK: message.smime valid, covering the reply: $(grep -o '"message":{.*' "$T/records.jsonl" | grep DNK | head -c 600)"
	n=$(grep -c '"smime":' "$T/records.jsonl"); [ "$n" = 1 ] && ok || bad "$n records with message.smime, want 1 (DNK)"
	grep '"iso3":"DNK"' "$T/records.jsonl" >"$T/dnk.jsonl"
	"$A2" check --json "$T/dnk.jsonl" >/dev/null 2>"$T/err" && ok || bad "a record with message.smime read back: $(cat "$T/err")"
	# the tampered signed message alone: its reply's record says invalid, and
	# check and report show it
	tm=$(grep -l 'smime-tampered' "$T/bureau/new/"* | head -n 1)
	mkdir -p "$T/tbox/new" "$T/tbox/cur" "$T/tbox/tmp"; cp "$tm" "$T/tbox/new/"
	"$A2" intake -o "$T/tstore" "$T/tbox" 2>/dev/null
	"$A2" read "$T/tstore" -o "$T/trec.jsonl" 2>/dev/null
	grep -q '"smime":{"signer":"/CN=Administration of Denmark/emailAddress=tsb-dnk@example.org","valid":false,"covers_document":true,"message":"' "$T/trec.jsonl" &&
		ok || bad "tampered: message.smime invalid: $(grep -o '"message":{.*' "$T/trec.jsonl" | head -c 600)"
	grep -q '"code":"signature-invalid","rec":null,"message":"the e-mail.s S/MIME signature' "$T/trec.jsonl" && ok || bad "tampered: a signature-invalid problem"
	grep -q '"complete":false' "$T/trec.jsonl" && ok || bad "tampered: the reply is not complete"
	# the records with their message (and message.smime) against the record schema
	cat "$T/records.jsonl" "$T/trec.jsonl" | "$PY" - "$HERE/../../forms/record.schema.json" <<'PY' >"$T/out" 2>&1 && ok || bad "records of intake against forms/record.schema.json: $(cat "$T/out")"
import json, sys
try:
    import jsonschema
except ImportError:
    print("mailtest: python3-jsonschema missing, schema not checked", file=sys.stderr)
    sys.exit(0)
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
bad = [(n, e.message) for n, l in enumerate(sys.stdin, 1) for e in v.iter_errors(json.loads(l))]
print(bad[:3])
sys.exit(1 if bad else 0)
PY
	"$A2" check --sent "$T/eml/sent.jsonl" "$T/trec.jsonl" >"$T/out" 2>/dev/null
	grep -q '^DNK .* invalid  tsb-dnk@example.org' "$T/out" && ok || bad "check: DNK's S/MIME invalid in the mail table: $(grep '^DNK' "$T/out")"
	has "$T/out" "signature-invalid" "check: the signature-invalid problem"
	"$A2" report --sent "$T/eml/sent.jsonl" -o "$T/treport.html" "$T/trec.jsonl" 2>/dev/null
	grep '<tr data-iso3="DNK">' "$T/treport.html" | grep -q '<td class="smime" title="/CN=Administration of Denmark[^"]*">invalid</td>' && ok || bad "report: DNK's S/MIME invalid"
	"$A2" check --json "$T/records.jsonl" >"$T/check.json" 2>/dev/null
	"$PY" - "$T/check.json" >"$T/out" <<'PY' && ok || bad "check: THA's later-received reply stands: $(cat "$T/out")"
import json, sys
c = json.load(open(sys.argv[1]))
s = json.dumps(c)
print(s[:300])
sys.exit(0 if 'superseded' in s and 'late' in s else 1)
PY
	# the tally of the round equals the tally of the same replies read
	# directly, without the one received late (AUT)
	R=$HERE/../../samples/returned
	"$A2" tally --json "$T/records.jsonl" >"$T/t1.json" 2>/dev/null
	"$A2" tally --json "$R/dnk-word-checked-true.docx" "$R/deu-lo-comments.docx" "$R/can-lo-odt-saved-as-docx.docx" \
		"$R/fra-lo-ticked.docx" "$R/ner-lo-ticked.odt" "$R/itu-form-tha-lo-saved-as-docx.docx" "$R/bra-lo-mixed.odt" \
		"$R/ita-lo-resaved-docx-odt-docx.docx" "$R/itu-form-sen-word.docx" "$R/rus-word-ticked.docx" \
		"$R/rou-word-no-metadata.docx" >"$T/t2.json" 2>/dev/null
	if "$PY" - "$T/t1.json" "$T/t2.json" >"$T/out" 2>&1 <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
keys = ('rec', 'counted', 'assigns', 'does_not_assign', 'undecided', 'outcome')
ta = [[t[k] for k in keys] for t in a['texts']]
tb = [[t[k] for k in keys] for t in b['texts']]
print(ta[0], tb[0])
sys.exit(0 if ta == tb and a['texts'][0]['counted'] == 11 else 1)
PY
	then ok; else bad "the round's tally differs from the expected one: $(cat "$T/out")"; fi

	# ---- remind: every state without a counted complete reply ------------
	expect_status 0 "remind" "$A2" remind --manifest "$T/forms/manifest.csv" --contacts "$T/contacts.csv" \
		-o "$T/reminders" --sent "$T/eml/sent.jsonl" "$T/records.jsonl"
	has "$T/err" "182 of 193 states without a counted complete reply: reminded 182" "remind: 193 - 11 counted complete"
	[ ! -e "$T/reminders/FRA.reminder.eml" ] && ok || bad "FRA (counted, complete) reminded"
	has "$T/reminders/AUT.reminder.eml" "cannot be counted (late)" "AUT's reminder says why"
	has "$T/reminders/JPN.reminder.eml" "We have not yet received your reply" "JPN's reminder"
	grep -q "^In-Reply-To: <annex2.tsb-circular-195.circular.JPN" "$T/reminders/JPN.reminder.eml" && ok || bad "the reminder answers the circular's message"
	for c in "BEL fr" "EGY ar"; do
		set -- $c
		"$PY" "$HERE/check_lang.py" "$T/reminders/$1.reminder.eml" "$2" "$1" reminder >"$T/out" 2>&1 &&
			ok || bad "$1 reminder in $2: $(cat "$T/out")"
	done
	n=$(grep -c '"kind":"reminder"' "$T/eml/sent.jsonl"); [ "$n" = 182 ] && ok || bad "$n reminders logged, want 182"
	expect_status 0 "remind again the same day" "$A2" remind --manifest "$T/forms/manifest.csv" --contacts "$T/contacts.csv" \
		-o "$T/reminders" --sent "$T/eml/sent.jsonl" "$T/records.jsonl"
	has "$T/err" "reminded 0 (182 reminded today already" "remind twice the same day sends none"

	# ---- check and report: per state sent, reminded, replied -------------
	"$A2" check --json --manifest "$T/forms/manifest.csv" --sent "$T/eml/sent.jsonl" "$T/records.jsonl" >"$T/check.json" 2>/dev/null
	"$PY" - "$T/check.json" >"$T/out" 2>&1 <<'PY' && ok || bad "check --json mail: $(cat "$T/out")"
import json, sys
m = {x['iso3']: x for x in json.load(open(sys.argv[1]))['mail']}
assert len(m) == 193, len(m)
assert m['FRA']['sent'] and m['FRA']['reminded'] is None and m['FRA']['replied'] == '2024-08-20T14:03:00Z', m['FRA']
assert m['FRA']['from'] == 'tsb-fra@example.org', m['FRA']
assert m['AUT']['reminded'] and m['AUT']['reminders'] == 1 and m['AUT']['replied'] == '2024-08-23T08:00:00Z', m['AUT']
assert m['THA']['replied'] == '2024-08-19T10:00:00Z', m['THA']   # the reply that stands
assert m['JPN']['replied'] is None and m['JPN']['reminded'], m['JPN']
assert m['DNK']['smime'] == {'signer': '/CN=Administration of Denmark/emailAddress=tsb-dnk@example.org', 'valid': True,
                             'covers_document': True, 'message': None}, m['DNK']
assert m['FRA']['smime'] is None, m['FRA']
PY
	"$A2" check --manifest "$T/forms/manifest.csv" --sent "$T/eml/sent.jsonl" "$T/records.jsonl" >"$T/out" 2>/dev/null
	has "$T/out" "^Mail (193 states):" "check: the mail table"
	"$A2" report --manifest "$T/forms/manifest.csv" --sent "$T/eml/sent.jsonl" -o "$T/report.html" "$T/records.jsonl" 2>/dev/null
	n=$(grep -c '<tr data-iso3=' "$T/report.html"); [ "$n" = 193 ] && ok || bad "report: $n mail rows, want 193"
	grep '<tr data-iso3="AUT">' "$T/report.html" | grep -q '2024-08-23T08:00:00Z</td><td>tsb-aut@example.org' && ok || bad "report: AUT's reply received, from"
	grep '<tr data-iso3="DNK">' "$T/report.html" | grep -q '<td class="smime" title="/CN=Administration of Denmark[^"]*">valid</td>' && ok || bad "report: DNK's S/MIME valid"
else
	echo "mailtest: samples/returned missing: intake corpus skipped" >&2
fi

# ---- hostile mail: one entry each, bounded time and memory, nothing outside -
if [ -f "$HERE/../../samples/returned/fra-lo-ticked.docx" ]; then
	mkdir -p "$T/hostile"
	"$PY" "$HERE/make_hostile.py" "$HERE/../../samples/returned/fra-lo-ticked.docx" "$T/hostile/box" \
		"$T/hostile/box.mbox" "$T/hostile/expected.tsv" || bad "make_hostile"
	nh=$(wc -l <"$T/hostile/expected.tsv")
	for src in box box.mbox; do
		rm -rf "$T/hs"
		/usr/bin/time -f "%e %M" -o "$T/time" "$A2" intake -o "$T/hs" "$T/hostile/$src" >"$T/out" 2>"$T/err"
		st=$?
		[ "$st" = 1 ] && ok || bad "hostile $src: exit $st, want 1 (errors listed)"
		read -r secs kb <<EOF
$(tail -n 1 "$T/time")
EOF
		[ "${kb:-999999}" -lt "$mem_kb" ] && ok || bad "hostile $src: peak memory $kb KB"
		awk -v s="$secs" 'BEGIN { exit !(s < 20) }' && ok || bad "hostile $src: $secs s"
		n=$("$PY" -c 'import json,sys; print(len({json.loads(l)["origin"] for l in open(sys.argv[1])}))' "$T/hs/intake.jsonl")
		[ "$n" = "$nh" ] && ok || bad "hostile $src: $n messages with an entry, want $nh"
		ls "$T/hs" | grep -v -E '^([0-9a-f]{64}\.[a-z]+|intake\.jsonl)$' >"$T/out" && bad "hostile $src: unexpected files in the store: $(cat "$T/out")" || ok
	done
	[ ! -e /tmp/annex2-evil.docx ] && ok || bad "a file was written outside the store"
	rm -rf "$T/hs"; "$A2" intake -o "$T/hs" "$T/hostile/box" 2>/dev/null
	"$PY" - "$T/hostile/expected.tsv" "$T/hs/intake.jsonl" >"$T/out" 2>&1 <<'PY' && ok || bad "hostile statuses: $(cat "$T/out")"
import json, sys
exp = dict(l.rstrip('\n').split('\t') for l in open(sys.argv[1]))
got = {}
for l in open(sys.argv[2]):
    r = json.loads(l)
    case = r['origin'].rsplit('/', 1)[-1].split('.')[1].split('-', 1)[1]
    got.setdefault(case, set()).add(r['status'])
bad = [(c, s, sorted(got.get(c, ()))) for c, s in exp.items() if got.get(c) != {s}]
print(bad)
sys.exit(1 if bad else 0)
PY
	# the stored replies are read: the hostile names change nothing
	"$A2" read "$T/hs" >"$T/out" 2>/dev/null
	n=$(grep -c '"iso3":"FRA"' "$T/out"); [ "$n" -ge 5 ] && ok || bad "hostile: $n stored replies read as FRA, want at least 5"
fi

# ---- IMAP: a real dovecot on 127.0.0.1 ------------------------------------
# Its own config folder, a test user in a passwd-file, a Maildir, a random
# port.  The SMTP server delivers annex2 mail's messages into that Maildir (a
# copy of what was sent, as a Bureau keeps), the replies are put beside them,
# and intake fetches through IMAP; a second run fetches nothing new.
DOVECOT=$(command -v dovecot || echo /usr/sbin/dovecot)
if [ -x "$DOVECOT" ] && [ -f "$T/expected.tsv" ] && "$PY" -c 'import aiosmtpd' 2>/dev/null; then
	D=$T/dovecot
	mkdir -p "$D/run" "$D/home/Maildir/cur" "$D/home/Maildir/new" "$D/home/Maildir/tmp"
	if [ "$(id -u)" = 0 ]; then
		# dovecot refuses to log in as root: its own users, made by dovecot-core
		luser=dovenull; iuser=dovecot; igroup=dovecot; muser=dovecot; mgroup=dovecot
	else
		luser=$(id -un); iuser=$luser; igroup=$(id -gn); muser=$luser; mgroup=$igroup
	fi
	IPORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	echo "tsb:{PLAIN}secret-$$::::::" >"$D/passwd"
	cat >"$D/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $D/run
state_dir = $D/run/state
log_path = $D/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
first_valid_uid = 1
default_internal_user = $iuser
default_internal_group = $igroup
default_login_user = $luser
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $D/passwd
}
userdb {
  driver = static
  args = uid=$muser gid=$mgroup home=$D/home
}
mail_location = maildir:$D/home/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IPORT
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
CONF
	# the SMTP server delivers into dovecot's Maildir
	smtpd "$T/smtp2.port" "$D/home/Maildir"
	expect_status 1 "mail --smtp with a log that cannot be written" \
		"$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" --smtp "smtp://127.0.0.1:$PORT" --sent "$T/log2/sent.jsonl" --only FRA,NER,DEU,USA
	has "$T/err" "cannot write the log" "mail: an unwritable log stops before sending"
	mkdir -p "$T/log2"
	expect_status 0 "mail --smtp into the IMAP mailbox" \
		"$A2" mail --forms "$T/forms" --contacts "$T/contacts.csv" --smtp "smtp://127.0.0.1:$PORT" --sent "$T/log2/sent.jsonl" --only FRA,NER,DEU,USA
	stop_smtpd
	cp "$T/bureau/new/"* "$D/home/Maildir/new/"
	# some already read by a person (\Seen), the others unread: intake leaves both as found
	i=0; for f in "$D/home/Maildir/new/"*; do
		i=$((i + 1)); [ $((i % 3)) = 0 ] && mv "$f" "$D/home/Maildir/cur/$(basename "$f"):2,S"
	done
	[ "$(id -u)" = 0 ] && chown -R "$muser:$mgroup" "$D/home" && chmod 755 "$T" "$D"
	"$DOVECOT" -F -c "$D/dovecot.conf" >"$D/out" 2>&1 &
	IMAPD_PID=$!
	i=0; while ! "$PY" -c "import socket; socket.create_connection(('127.0.0.1', $IPORT), 1)" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	export ANNEX2_IMAP_USER=tsb ANNEX2_IMAP_PASSWORD=secret-$$
	# the mailbox as a person's IMAP client sees it: each UID's flags, and
	# HIGHESTMODSEQ, which any change of a flag (even set and reset) moves on
	flags() { "$PY" "$HERE/imap_flags.py" "$IPORT" tsb "secret-$$" >"$1" 2>&1 || bad "imap_flags.py: $(cat "$1")"; }
	flags "$T/flags.before"
	expect_status 1 "intake imap:// (two malformed messages: exit 1)" \
		"$A2" intake --contacts "$T/contacts.csv" --sent "$T/log2/sent.jsonl" -o "$T/istore" "imap://127.0.0.1:$IPORT/INBOX"
	has "$T/err" "25 messages (0 taken before): 13 replies stored, 3 duplicates, 1 auto-replies, 1 bounces, 1 without attachment, 2 errors, 4 sent by annex2" "IMAP intake counts"
	# the same entries as from the Maildir (IMAP gives the messages in UID order)
	if "$PY" - "$T/store/intake.jsonl" "$T/istore/intake.jsonl" >"$T/out" 2>&1 <<'PY'
import json, sys
a, b = ([json.loads(l) for l in open(p)] for p in sys.argv[1:3])
key = lambda r: (r['message_id'] or '', r['status'], r.get('sha256') or '', r.get('received') or '')
ka = sorted(key(r) for r in a)
kb = sorted(key(r) for r in b if r['status'] != 'own')
print(len(ka), len(kb))
sys.exit(0 if ka == kb else 1)
PY
	then ok; else bad "IMAP entries differ from the Maildir's: $(cat "$T/out")"; fi
	for f in "$T/store"/*.docx "$T/store"/*.odt; do
		cmp -s "$f" "$T/istore/$(basename "$f")" || bad "$(basename "$f") differs between Maildir and IMAP"
	done
	# the whole round through IMAP: the same tally as the Maildir's
	"$A2" read "$T/istore" -o "$T/irecords.jsonl" 2>/dev/null
	"$A2" tally --json "$T/irecords.jsonl" >"$T/t3.json" 2>/dev/null
	cmp -s "$T/t1.json" "$T/t3.json" && ok || bad "the tally through IMAP differs from the Maildir's"
	expect_status 0 "intake imap:// again: nothing new" \
		"$A2" intake --contacts "$T/contacts.csv" --sent "$T/log2/sent.jsonl" -o "$T/istore" "imap://127.0.0.1:$IPORT/INBOX"
	has "$T/err" "annex2: 0 messages" "a second IMAP run fetches nothing"
	grep -q '"last_uid": 25' "$T/istore/imap-state.json" && ok || bad "imap-state.json keeps the last UID: $(cat "$T/istore/imap-state.json")"
	flags "$T/flags.after"
	n=$(grep -c 'Seen' "$T/flags.before"); m=$(grep -c '^uid' "$T/flags.before")
	[ "$n" -ge 5 ] && [ "$m" -gt "$n" ] && ok || bad "the test mailbox should hold read and unread messages: $n seen of $m"
	cmp -s "$T/flags.before" "$T/flags.after" && ok || bad "intake changed the mailbox: $(diff "$T/flags.before" "$T/flags.after" | head -5)"
	unset ANNEX2_IMAP_USER ANNEX2_IMAP_PASSWORD
	kill "$IMAPD_PID" 2>/dev/null; wait "$IMAPD_PID" 2>/dev/null; IMAPD_PID=""
else
	echo "mailtest: dovecot or aiosmtpd missing: IMAP part skipped" >&2
fi

echo "mailtest: $pass passed, $fail failed ($(($(date +%s) - start)) s)"
[ "$fail" = 0 ]
