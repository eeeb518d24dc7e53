/* mail/curlapi.h -- libcurl, loaded when the mail round first needs it
 * (dlopen of libcurl.so.4 by a2_mail_curl_init): linked at start, libcurl
 * and what it pulls in (Kerberos, LDAP, SSH, RTMP, ...) cost every annex2
 * process about 8 MB of memory, for `read` as much as for `mail`.  Include
 * after <curl/curl.h>; the curl_* calls below go through the table. */
#ifndef A2_MAIL_CURLAPI_H
#define A2_MAIL_CURLAPI_H

#include <curl/curl.h>

struct a2_curl_api {
	CURLcode (*global_init)(long);
	CURL *(*easy_init)(void);
	void (*easy_cleanup)(CURL *);
	void (*easy_reset)(CURL *);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_perform)(CURL *);
	const char *(*easy_strerror)(CURLcode);
	char *(*easy_escape)(CURL *, const char *, int);
	void (*free_)(void *);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
	CURLU *(*url)(void);
	void (*url_cleanup)(CURLU *);
	CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
	CURLUcode (*url_get)(const CURLU *, CURLUPart, char **, unsigned int);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	CURLcode (*easy_send)(CURL *, const void *, size_t, size_t *);
	CURLcode (*easy_recv)(CURL *, void *, size_t, size_t *);
};
/* Set by a2_mail_curl_init() (smtp.c); NULL before. */
extern const struct a2_curl_api *a2_curl;

#undef curl_easy_setopt
#define curl_global_init (a2_curl->global_init)
#define curl_easy_init (a2_curl->easy_init)
#define curl_easy_cleanup (a2_curl->easy_cleanup)
#define curl_easy_reset (a2_curl->easy_reset)
#define curl_easy_setopt (a2_curl->easy_setopt)
#define curl_easy_perform (a2_curl->easy_perform)
#define curl_easy_strerror (a2_curl->easy_strerror)
#define curl_easy_escape (a2_curl->easy_escape)
#define curl_free (a2_curl->free_)
#define curl_slist_append (a2_curl->slist_append)
#define curl_slist_free_all (a2_curl->slist_free_all)
#define curl_url (a2_curl->url)
#define curl_url_cleanup (a2_curl->url_cleanup)
#define curl_url_set (a2_curl->url_set)
#define curl_url_get (a2_curl->url_get)
#undef curl_easy_getinfo
#define curl_easy_getinfo (a2_curl->easy_getinfo)
#define curl_easy_send (a2_curl->easy_send)
#define curl_easy_recv (a2_curl->easy_recv)

#endif
