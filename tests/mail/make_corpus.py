#!/usr/bin/env python3
"""tests/mail/make_corpus.py -- a mailbox of replies as they really come, made
with Python's email package from the real filled replies of samples/returned/
(an independent MIME writer), into a Maildir, with the expected intake entry
of each message.

usage: make_corpus.py SAMPLES_DIR MAILDIR EXPECTED_TSV CERT KEY
EXPECTED_TSV: case, status, attachment (one line per expected intake entry)."""
import email.policy
import email.utils
import mailbox
import os
import subprocess
import sys
import zipfile
import io
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.mime.message import MIMEMessage

samples, maildir, expected_path, cert, key = sys.argv[1:6]
box = mailbox.Maildir(maildir, create=True)
expected = []
seen = []
DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
ODT = 'application/vnd.oasis.opendocument.text'


def data(name):
    return open(os.path.join(samples, name), 'rb').read()


def headers(m, case, frm, received, date, msgid=None, extra=None):
    m['Received'] = 'from mx.example by mail.itu.int; ' + received
    m['Received'] = 'from client by mx.example; ' + received  # an older hop below
    m['From'] = frm
    m['To'] = 'tsbdir@itu.int'
    m['Subject'] = 'Reply to TSB Circular 195 (%s)' % case
    m['Date'] = date
    m['Message-ID'] = msgid or '<%s@corpus.example>' % case
    for k, v in (extra or {}).items():
        m[k] = v
    m['X-Corpus-Case'] = case


def add(case, m, *exp):
    raw = m.as_bytes(policy=email.policy.SMTP) if not isinstance(m, bytes) else m
    key_ = box.add(raw)
    os.rename(os.path.join(maildir, 'new', key_),
              os.path.join(maildir, 'new', '1724000000.%02d-%s.corpus' % (len(seen), case)))
    seen.append(case)
    for e in exp:
        expected.append((case,) + e)


RCV = 'Tue, 20 Aug 2024 14:03:00 +0000'
DATE = 'Tue, 20 Aug 2024 16:02:00 +0200'

# 1 Outlook: mixed > related > alternative (text, html) + inline logo; the reply attached
m = MIMEMultipart('mixed')
rel = MIMEMultipart('related')
alt = MIMEMultipart('alternative')
alt.attach(MIMEText('Please find our reply attached.', 'plain'))
alt.attach(MIMEText('<p>Please find our reply attached.<img src="cid:image001.png@01DA"></p>', 'html'))
rel.attach(alt)
img = MIMEApplication(b'\x89PNG\r\n\x1a\n' + b'\0' * 64, 'png', name='image001.png')
img.replace_header('Content-Type', 'image/png; name="image001.png"')
img['Content-ID'] = '<image001.png@01DA>'
img['Content-Disposition'] = 'inline; filename="image001.png"'
rel.attach(img)
m.attach(rel)
a = MIMEApplication(data('fra-lo-ticked.docx'), 'vnd.openxmlformats-officedocument.wordprocessingml.document')
a.add_header('Content-Disposition', 'attachment', filename='FRA reply.docx')
m.attach(a)
headers(m, 'outlook', 'Jean Dupont <tsb-fra@example.org>', RCV, DATE)
add('outlook', m, ('stored', 'FRA reply.docx'))

# 2 Gmail: mixed > alternative + attachment
g = EmailMessage()
g.set_content('Dear TSB, our reply is attached.')
g.add_alternative('<div dir="ltr">Dear TSB, our reply is attached.</div>', subtype='html')
g.add_attachment(data('ner-lo-ticked.odt'), maintype='application', subtype='vnd.oasis.opendocument.text',
                 filename='NER.odt')
headers(g, 'gmail', 'niger.tsb@gmail.example <tsb-ner@example.org>', 'Wed, 21 Aug 2024 09:00:00 +0000',
        'Wed, 21 Aug 2024 10:00:00 +0100')
add('gmail', g, ('stored', 'NER.odt'))

# 3 Apple Mail: the attachment inline, an RFC 2231 non-ASCII name
ap = EmailMessage()
ap.set_content('Resposta em anexo.')
ap.add_attachment(data('bra-lo-mixed.odt'), maintype='application', subtype='octet-stream',
                  filename=('utf-8', '', 'Resposta Brasília.odt'), disposition='inline')
headers(ap, 'applemail', 'tsb-bra@example.org', RCV, DATE)
add('applemail', ap, ('stored', 'Resposta Brasília.odt'))

# 4 forwarded: the original message inside message/rfc822
orig = EmailMessage()
orig.set_content('Reply of Germany.')
orig.add_attachment(data('deu-lo-comments.docx'), maintype='application', subtype='vnd.openxmlformats-officedocument.wordprocessingml.document', filename='DEU.docx')
orig['From'] = 'minister@bund.example'
orig['Subject'] = 'Reply'
orig['Message-ID'] = '<orig-deu@bund.example>'
fw = MIMEMultipart('mixed')
fw.attach(MIMEText('FYI, forwarding the reply of Germany.', 'plain'))
fw.attach(MIMEMessage(orig))
headers(fw, 'forwarded', 'tsb-deu@example.org', RCV, DATE)
add('forwarded', fw, ('stored', 'forwarded/DEU.docx'))

# 5 zipped: a zip holding the reply and a note
zb = io.BytesIO()
with zipfile.ZipFile(zb, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('reply/CAN.docx', data('can-lo-odt-saved-as-docx.docx'))
    z.writestr('readme.txt', 'our reply')
zm = EmailMessage()
zm.set_content('Zipped, as our gateway requires.')
zm.add_attachment(zb.getvalue(), maintype='application', subtype='zip', filename='reply.zip')
headers(zm, 'zipped', 'tsb-can@example.org', RCV, DATE)
add('zipped', zm, ('stored', 'reply.zip/reply/CAN.docx'))

# 6, 7 S/MIME signed (openssl smime -sign): valid, and the same tampered
inner = EmailMessage()
inner.set_content('Signed reply of Denmark.')
inner.add_attachment(data('dnk-word-checked-true.docx'), maintype='application',
                     subtype='vnd.openxmlformats-officedocument.wordprocessingml.document', filename='DNK.docx')
del inner['MIME-Version']
signed = subprocess.run(['openssl', 'smime', '-sign', '-signer', cert, '-inkey', key],
                        input=inner.as_bytes(policy=email.policy.SMTP), capture_output=True, check=True).stdout
hdr = ('Received: from mx.example by mail.itu.int; %s\r\nFrom: tsb-dnk@example.org\r\nTo: tsbdir@itu.int\r\n'
       'Subject: Signed reply\r\nDate: %s\r\nMessage-ID: <smime-valid@corpus.example>\r\n' % (RCV, DATE)).encode()
add('smime-valid', hdr + signed, ('stored', 'DNK.docx'))
tampered = signed.replace(b'Signed reply of Denmark.', b'Signed reply of Denmarc.')
hdr2 = hdr.replace(b'smime-valid', b'smime-tampered')
inner2 = EmailMessage()
add('smime-tampered', hdr2 + tampered, ('duplicate', 'DNK.docx'))

# 8 an RFC 2047 encoded name, octet-stream with a .docx name
e = MIMEMultipart('mixed')
e.attach(MIMEText('Risposta allegata.', 'plain'))
a = MIMEApplication(data('ita-lo-resaved-docx-odt-docx.docx'), 'octet-stream')
a['Content-Disposition'] = 'attachment; filename="=?UTF-8?B?' + __import__('base64').b64encode('Risposta Italia – Circolare 195.docx'.encode()).decode() + '?="'
e.attach(a)
headers(e, 'rfc2047', 'tsb-ita@example.org', RCV, DATE)
add('rfc2047', e, ('stored', 'Risposta Italia – Circolare 195.docx'))

# 9 auto-reply, 10 bounce (with the original form attached: never stored)
ar = EmailMessage()
ar.set_content('I am out of the office until 2 September.')
headers(ar, 'autoreply', 'tsb-usa@example.org', RCV, DATE, extra={'Auto-Submitted': 'auto-replied'})
add('autoreply', ar, ('auto-reply', ''))
bo = ('Received: from mx by mail.itu.int; %s\r\nFrom: MAILER-DAEMON@mx.example\r\nTo: tsbdir@itu.int\r\n'
      'Message-ID: <bounce@corpus.example>\r\nSubject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n'
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
      '--B\r\nContent-Type: text/plain\r\n\r\nDelivery to tsb-xyz@example.org failed.\r\n'
      '--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n'
      'Final-Recipient: rfc822; tsb-xyz@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n'
      '--B\r\nContent-Type: message/rfc822\r\n\r\n' % RCV).encode() + orig.as_bytes(policy=email.policy.SMTP) + b'\r\n--B--\r\n'
add('bounce', bo, ('bounce', ''))

# 11 the Outlook message again (same Message-ID), 12 the FRA file again in another message
again = MIMEMultipart('mixed')
again.attach(MIMEText('Resent.', 'plain'))
a = MIMEApplication(data('fra-lo-ticked.docx'), 'vnd.openxmlformats-officedocument.wordprocessingml.document')
a.add_header('Content-Disposition', 'attachment', filename='FRA.docx')
again.attach(a)
headers(again, 'dup-id', 'tsb-fra@example.org', RCV, DATE, msgid='<outlook@corpus.example>')
add('dup-id', again, ('duplicate', ''))
again2 = MIMEMultipart('mixed')
again2.attach(MIMEText('Resent as a new message.', 'plain'))
a = MIMEApplication(data('fra-lo-ticked.docx'), 'vnd.openxmlformats-officedocument.wordprocessingml.document')
a.add_header('Content-Disposition', 'attachment', filename='FRA again.docx')
again2.attach(a)
headers(again2, 'dup-sha', 'tsb-fra@example.org', RCV, DATE)
add('dup-sha', again2, ('duplicate', 'FRA again.docx'))

# 13 no attachment
na = EmailMessage()
na.set_content('We will reply next week.')
headers(na, 'noattach', 'tsb-jpn@example.org', RCV, DATE)
add('noattach', na, ('no-attachment', ''))

# 14 malformed: the closing boundary missing; 15 bad base64 in the attachment
mal = ('Received: from mx by mail.itu.int; %s\r\nFrom: tsb-kor@example.org\r\nMessage-ID: <malformed@corpus.example>\r\n'
       'Subject: broken\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="XYZ"\r\n\r\n'
       '--XYZ\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XYZ\r\nContent-Type: application/octet-stream; name="KOR.docx"\r\n'
       'Content-Transfer-Encoding: base64\r\n\r\nUEsDBBQAAAAIAA\r\n' % RCV).encode()
add('malformed', mal, ('error', ''))
b64 = ('Received: from mx by mail.itu.int; %s\r\nFrom: tsb-kor@example.org\r\nMessage-ID: <badb64@corpus.example>\r\n'
       'Subject: bad base64\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="XYZ"\r\n\r\n'
       '--XYZ\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XYZ\r\nContent-Type: application/octet-stream; name="KOR.docx"\r\n'
       'Content-Transfer-Encoding: base64\r\n\r\nUEsDB!!!BQAA#AAIAA\r\n--XYZ--\r\n' % RCV).encode()
add('badbase64', b64, ('error', 'KOR.docx'))

# 16 late by receipt: dated (and Date:) before the deadline, received after
lt = EmailMessage()
lt.set_content('Reply of Austria.')
lt.add_attachment(data('aut-typed-x-for-box.docx'), maintype='application', subtype='vnd.openxmlformats-officedocument.wordprocessingml.document', filename='AUT.docx')
headers(lt, 'late-received', 'tsb-aut@example.org', 'Fri, 23 Aug 2024 08:00:00 +0000', 'Wed, 21 Aug 2024 20:00:00 +0000')
add('late-received', lt, ('stored', 'AUT.docx'))

# 17 from an address not among Senegal's contacts
am = EmailMessage()
am.set_content('Reply of Senegal.')
am.add_attachment(data('itu-form-sen-word.docx'), maintype='application', subtype='vnd.openxmlformats-officedocument.wordprocessingml.document', filename='SEN.docx')
headers(am, 'address-mismatch', 'someone@elsewhere.example', RCV, DATE)
add('address-mismatch', am, ('stored', 'SEN.docx'))

# 18, 19 two replies of Thailand: the later received stands
for case, fn, rcv in (('tha-first', 'itu-form-tha-lo.odt', 'Fri, 16 Aug 2024 10:00:00 +0000'),
                      ('tha-second', 'itu-form-tha-lo-saved-as-docx.docx', 'Mon, 19 Aug 2024 10:00:00 +0000')):
    t = EmailMessage()
    t.set_content('Reply of Thailand.')
    t.add_attachment(data(fn), maintype='application', subtype='octet-stream', filename=fn)
    headers(t, case, 'tsb-tha@example.org', rcv, rcv)
    add(case, t, ('stored', fn))

# 20, 21 replies tied to the messages annex2 mail sent (In-Reply-To / References)
if len(sys.argv) > 6:
    import json
    sent = {}
    for l in open(sys.argv[6]):
        r = json.loads(l)
        sent[r['iso3']] = r['message_id']
    for case, fn, frm, to_iso in (('in-reply-to', 'rus-word-ticked.docx', 'tsb-rus@example.org', 'RUS'),
                                  ('wrong-thread', 'rou-word-no-metadata.docx', 'tsb-rou@example.org', 'MAR')):
        t = EmailMessage()
        t.set_content('Our reply.')
        t.add_attachment(data(fn), maintype='application', subtype='octet-stream', filename=fn)
        headers(t, case, frm, RCV, DATE, extra={'In-Reply-To': sent[to_iso], 'References': sent[to_iso]})
        add(case, t, ('stored', fn))

with open(expected_path, 'w') as f:
    for e in expected:
        f.write('\t'.join(e) + '\n')
