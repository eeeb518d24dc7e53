# mk/mail.mk -- the mail round (issue 16): annex2 mail, intake, remind.
# GMime 3 for MIME, libcurl for SMTP and IMAP (OpenSSL's libcrypto, already
# linked, verifies S/MIME; libzip opens zipped replies).  libcurl is not
# linked: src/lib/mail/curlapi.h loads it (dlopen) when SMTP or IMAP is
# first used, since linked it costs every annex2 process ~8 MB; only its
# headers are needed to build.
# GMime likewise (src/lib/mail/gmimeapi.h): its headers and GLib/GObject,
# which are linked, are what the build needs.
PKGS += glib-2.0 gobject-2.0
CFLAGS += $(shell pkg-config --cflags gmime-3.0 libcurl 2>/dev/null)

CHECK_GROUPS += mailtest
SAN_GROUPS   += mailtest

.PHONY: mailtest
# A real SMTP server (aiosmtpd) and a real IMAP server (dovecot) on
# 127.0.0.1, started and stopped by the test; a corpus of messages as they
# come; the whole round generate -> mail -> intake -> read -> check -> tally.
mailtest: $(BUILD)/annex2
	@MAIL_SAN=$(SAN) sh tests/mail/run.sh $(BUILD)/annex2

# annex2 intake under libFuzzer, seeded with the test corpus and the hostile
# messages: one raw message through the MIME walk (tests/fuzz/fuzz_mime.c),
# and a mailbox file taken as a source, mbox splitting included
# (tests/fuzz/fuzz_intake.c):
#   make fuzz-mime FUZZ_SECONDS=N      make fuzz-intake FUZZ_SECONDS=N
# The files the mail round reads back (contacts, sent.jsonl, intake.jsonl)
# under libFuzzer (tests/fuzz/fuzz_mail.c): make fuzz-mail FUZZ_SECONDS=N
.PHONY: fuzz-intake fuzz-mime fuzz-mail
fuzz-intake fuzz-mime: fuzz-%: $(BUILD)/annex2
	@$(MAKE) --no-print-directory FUZZERS=$* fuzz-build
	@sh tests/mail/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $*
fuzz-mail: $(BUILD)/annex2
	@$(MAKE) --no-print-directory FUZZERS=mail fuzz

# make bench gains the mail rows (tests/mail/bench.sh): intake of a 10,000
# message mbox against Python's mailbox + email, and mail writing 193
# messages.  BENCH_MAIL_N=1000 for a quicker look.
.PHONY: bench-mail
bench: bench-mail
bench-mail: $(BUILD)/annex2
	@BENCH_MAIL_N=$(BENCH_MAIL_N) sh tests/mail/bench.sh $(BUILD)/annex2 $(BUILD)/bench-mail
