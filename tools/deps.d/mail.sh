# tools/deps.d/mail.sh -- the mail round (mk/mail.mk): GMime 3, libcurl;
# the tests run a real SMTP server (aiosmtpd) and IMAP server (dovecot).
build="$build libgmime-3.0-dev libcurl4-openssl-dev"
test="$test python3-aiosmtpd dovecot-imapd openssl"
bench="$bench"
