/* mail/imap.c -- an IMAP mailbox through libcurl (not yet: see README). */
#include "annex2/mail.h"
#include "mail/mailint.h"

int
a2_intake_imap(a2_intake *in, const char *url, a2_error *err)
{
	(void)in;
	a2_error_at(err, url, NULL, 0, 0);
	return a2_error_set(err, A2_ERR_UNSUPPORTED,
	    "IMAP is not supported yet: copy the mailbox to a Maildir or an mbox (for example with "
	    "`mbsync` or `getmail`) and give that");
}
