#!/usr/bin/env python3
"""tests/mail/smtpd.py -- a real SMTP server on 127.0.0.1 (aiosmtpd) that
delivers every message it accepts into a Maildir (one file per recipient
list, as a mail server would), with a Received: header of its own.

usage: smtpd.py PORTFILE MAILDIR [FAIL_RCPT_SUBSTRING]
Writes the port it listens on into PORTFILE; runs until killed.  A recipient
containing FAIL_RCPT_SUBSTRING is refused (550), to test a failed state."""
import email.utils
import mailbox
import os
import signal
import socket
import sys
import time

from aiosmtpd.controller import Controller

portfile, maildir = sys.argv[1], sys.argv[2]
fail = sys.argv[3] if len(sys.argv) > 3 else None
box = mailbox.Maildir(maildir, create=True)


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if fail and fail in address:
            return '550 no such mailbox here'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        rcv = ('Received: from %s by 127.0.0.1 (annex2 test smtpd); %s\r\n'
               % (session.host_name or 'unknown', email.utils.formatdate(time.time(), usegmt=True)))
        box.add(rcv.encode() + envelope.original_content)
        return '250 Message accepted for delivery'


s = socket.socket()
s.bind(('127.0.0.1', 0))
port = s.getsockname()[1]
s.close()
ctl = Controller(Handler(), hostname='127.0.0.1', port=port, data_size_limit=64 << 20)
ctl.start()
with open(portfile + '.tmp', 'w') as f:
    f.write(str(port))
os.rename(portfile + '.tmp', portfile)
signal.sigwait({signal.SIGTERM, signal.SIGINT})
ctl.stop()
