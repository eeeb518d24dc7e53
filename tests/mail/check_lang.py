#!/usr/bin/env python3
"""tests/mail/check_lang.py -- a message of annex2 mail or remind in the language
it should be in, read back with Python's email package (an independent MIME
reader): the Subject header RFC 2047-encoded on the wire and, decoded, the
expected words; the text body in that language; the form attached in that
language (its document.xml / content.xml holds the wording).

usage: check_lang.py FILE.eml LANG ISO3 [circular|reminder|LANG-OF-FORM]
The expected words are written here by hand from the wording, not taken from
annex2's output."""
import email
import email.policy
import io
import re
import sys
import zipfile

path, lang, iso = sys.argv[1:4]
kind = sys.argv[4] if len(sys.argv) > 4 else 'circular'

# what each language's message must say (subject, body), and what its form
# holds: words of the wording, written by hand
WANT = {
    'fr': {'subject': ['Circulaire TSB 195', 'consultation des États Membres'],
           'body': ['Madame, Monsieur,', 'Vous trouverez ci-joint le formulaire de réponse',
                    'au plus tard le 21 août 2024 à 23 h 59 UTC',
                    "Commission d'études 17 de l'UIT-T",
                    'Le Directeur du Bureau de la normalisation des télécommunications'],
           'reminder_subject': ['Rappel: Circulaire TSB 195', '21 août 2024'],
           'reminder_body': ["Je me permets de vous rappeler que la réponse de l'Administration de",
                             "Nous n'avons pas encore reçu votre réponse."],
           'form': ["n'autorise pas la Commission d'études 17", 'Administration de']},
    'ar': {'subject': ['الرسالة المعممة 195 لمكتب تقييس الاتصالات', 'مشاورة الدول الأعضاء'],
           'body': ['حضرات السادة والسيدات،', 'تجدون طيه استمارة الرد', 'الخاصة بإدارة مصر',
                    'في موعد أقصاه 21 أغسطس 2024', 'مدير مكتب تقييس الاتصالات'],
           'reminder_subject': ['تذكير: الرسالة المعممة 195'],
           'reminder_body': ['أود أن أذكّركم بأن رد إدارة مصر', 'لم نتلقَّ ردكم حتى الآن.'],
           'form': ['لا تخوّل لجنة الدراسات 17', 'إدارة مصر', '<w:bidi/>']},
    'en': {'subject': ['TSB Circular 195: Member State consultation'],
           'body': ['Dear Sir/Madam,', 'Please find attached the reply form', '21 August 2024, 23:59 UTC'],
           'reminder_subject': ['Reminder: TSB Circular 195'],
           'reminder_body': ['This is a reminder that the reply of the Administration of'],
           'form': ['does not assign authority to SG17']},
}
NAME = {'FRA': {'fr': 'France', 'en': 'France'}, 'EGY': {'ar': 'مصر', 'en': 'Egypt'},
        'BEL': {'fr': 'Belgique', 'en': 'Belgium'}}

raw = open(path, 'rb').read()
head = raw.split(b'\r\n\r\n', 1)[0].decode('ascii')   # the header is ASCII on the wire
m = email.message_from_bytes(raw, policy=email.policy.default)
errs = []
subj_raw = re.search(r'^Subject:(.*(?:\r\n[ \t].*)*)', head, re.M)
if subj_raw is None:
    errs.append('no Subject header')
elif lang != 'en' and '=?UTF-8?' not in subj_raw.group(1).upper():
    errs.append('Subject not RFC 2047-encoded: %r' % subj_raw.group(1)[:80])
if m['X-Annex2-Member-State'] != iso:
    errs.append('X-Annex2-Member-State %r, want %s' % (m['X-Annex2-Member-State'], iso))
w = WANT[lang]
subject = str(m['subject'])
body = m.get_body(('plain',)).get_content()
sk, bk = ('reminder_subject', 'reminder_body') if kind == 'reminder' else ('subject', 'body')
for s in w[sk]:
    if s not in subject:
        errs.append('subject %r lacks %r' % (subject, s))
name = NAME.get(iso, {}).get(lang)
if name and kind != 'reminder' and ('(%s)' % name) not in subject:
    errs.append('subject %r does not end with the name (%s)' % (subject, name))
for s in w[bk]:
    if s not in body:
        errs.append('body lacks %r' % s)
# no English sentence left in a message of another language
if lang != 'en' and ('Dear Sir' in body or 'Please' in body or 'reminder' in body):
    errs.append('English words in the %s body' % lang)
forms = 0
for a in m.iter_attachments():
    fn = a.get_filename()
    data = a.get_payload(decode=True)
    z = zipfile.ZipFile(io.BytesIO(data))
    xml = z.read('word/document.xml' if fn.endswith('.docx') else 'content.xml').decode('utf-8')
    xml_text = xml.replace('&apos;', "'").replace('\u2019', "'")
    for s in w['form']:
        if s.startswith('<'):
            if fn.endswith('.docx') and s not in xml:
                errs.append('%s: no %s' % (fn, s))
        elif s not in xml_text:
            errs.append('%s is not the %s form: no %r' % (fn, lang, s))
    forms += 1
if forms != 2:
    errs.append('%d forms attached, want 2' % forms)
if errs:
    print('%s:\n  ' % path + '\n  '.join(errs))
    sys.exit(1)
print('%s: %s %s in %s, subject %r' % (path, iso, kind, lang, subject))
