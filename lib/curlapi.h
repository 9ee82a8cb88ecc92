/* curlapi.h - libcurl, loaded when first used rather than at start-up.
 *
 * Debian's libcurl brings some twenty libraries with it (OpenSSL's
 * libcrypto through libssh2, Kerberos, LDAP, RTMP, ...), whose loading
 * alone costs a process about 3 MB of memory: a third of kubec-server's
 * when it runs on SQLite, where it needs libcurl only to reach an agent
 * (logs, exec) and never may.  A file that includes this header instead
 * of <curl/curl.h> calls the functions below under libcurl's own names;
 * each loads libcurl (dlopen) on the first call of any of them, and
 * fails as libcurl does on a handle it cannot make (NULL, CURLE_FAILED_INIT)
 * when it cannot be loaded.  Every kubec binary reaches libcurl this way
 * (none links it), so its set-up happens in one place: libssh2's without
 * OpenSSL's (kubec asks libcurl for HTTP and HTTPS, on GnuTLS, only).
 */
#ifndef KUBEC_CURLAPI_H
#define KUBEC_CURLAPI_H

#include <curl/curl.h>

/* 1 when libcurl is loaded (or now loads), else 0. */
int		 curlapi_loaded(void);

CURLcode	 curlapi_global_init(long flags);
CURL		*curlapi_easy_init(void);
CURLcode	 curlapi_easy_setopt(CURL *c, CURLoption opt, ...);
CURLcode	 curlapi_easy_getinfo(CURL *c, CURLINFO info, ...);
CURLcode	 curlapi_easy_perform(CURL *c);
void		 curlapi_easy_cleanup(CURL *c);
void		 curlapi_easy_reset(CURL *c);
char		*curlapi_easy_escape(CURL *c, const char *s, int len);
const char	*curlapi_easy_strerror(CURLcode rc);
CURLcode	 curlapi_easy_send(CURL *c, const void *p, size_t n,
		    size_t *sent);
CURLcode	 curlapi_easy_recv(CURL *c, void *p, size_t n, size_t *got);
void		 curlapi_free(void *p);
struct curl_slist *curlapi_slist_append(struct curl_slist *l, const char *s);
void		 curlapi_slist_free_all(struct curl_slist *l);
CURLM		*curlapi_multi_init(void);
CURLMcode	 curlapi_multi_add_handle(CURLM *m, CURL *c);
CURLMcode	 curlapi_multi_remove_handle(CURLM *m, CURL *c);
CURLMcode	 curlapi_multi_perform(CURLM *m, int *running);
CURLMcode	 curlapi_multi_poll(CURLM *m, struct curl_waitfd *extra,
		    unsigned n, int timeout_ms, int *numfds);
CURLMcode	 curlapi_multi_wakeup(CURLM *m);
CURLMsg		*curlapi_multi_info_read(CURLM *m, int *left);
CURLMcode	 curlapi_multi_cleanup(CURLM *m);

#ifndef CURLAPI_IMPL
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_global_init	curlapi_global_init
#define curl_easy_init		curlapi_easy_init
#define curl_easy_setopt	curlapi_easy_setopt
#define curl_easy_getinfo	curlapi_easy_getinfo
#define curl_easy_perform	curlapi_easy_perform
#define curl_easy_cleanup	curlapi_easy_cleanup
#define curl_easy_reset		curlapi_easy_reset
#define curl_easy_escape	curlapi_easy_escape
#define curl_easy_strerror	curlapi_easy_strerror
#define curl_easy_send		curlapi_easy_send
#define curl_easy_recv		curlapi_easy_recv
#define curl_free		curlapi_free
#define curl_slist_append	curlapi_slist_append
#define curl_slist_free_all	curlapi_slist_free_all
#define curl_multi_init		curlapi_multi_init
#define curl_multi_add_handle	curlapi_multi_add_handle
#define curl_multi_remove_handle curlapi_multi_remove_handle
#define curl_multi_perform	curlapi_multi_perform
#define curl_multi_poll		curlapi_multi_poll
#define curl_multi_wakeup	curlapi_multi_wakeup
#define curl_multi_info_read	curlapi_multi_info_read
#define curl_multi_cleanup	curlapi_multi_cleanup
#endif

#endif
