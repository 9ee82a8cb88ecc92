/* curlapi.c - libcurl loaded with dlopen on first use (see curlapi.h). */
#define CURLAPI_IMPL
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>

#include "curlapi.h"

/* The sonames tried, Debian's GnuTLS flavour (which kubec builds with)
 * first. */
static const char *const curlapi_names[] = { "libcurl-gnutls.so.4",
    "libcurl.so.4", NULL };

static struct {
	CURLcode	 (*global_init)(long);
	CURL		*(*easy_init)(void);
	CURLcode	 (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode	 (*easy_getinfo)(CURL *, CURLINFO, ...);
	CURLcode	 (*easy_perform)(CURL *);
	void		 (*easy_cleanup)(CURL *);
	void		 (*easy_reset)(CURL *);
	char		*(*easy_escape)(CURL *, const char *, int);
	const char	*(*easy_strerror)(CURLcode);
	CURLcode	 (*easy_send)(CURL *, const void *, size_t, size_t *);
	CURLcode	 (*easy_recv)(CURL *, void *, size_t, size_t *);
	void		 (*free)(void *);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void		 (*slist_free_all)(struct curl_slist *);
	CURLM		*(*multi_init)(void);
	CURLMcode	 (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode	 (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode	 (*multi_perform)(CURLM *, int *);
	CURLMcode	 (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned,
			    int, int *);
	CURLMcode	 (*multi_wakeup)(CURLM *);
	CURLMsg		*(*multi_info_read)(CURLM *, int *);
	CURLMcode	 (*multi_cleanup)(CURLM *);
} api;

/* libssh2.h's LIBSSH2_INIT_NO_CRYPTO (a stable ABI value) */
#define CURLAPI_LIBSSH2_INIT_NO_CRYPTO	0x0001

static pthread_once_t curlapi_once = PTHREAD_ONCE_INIT;
static int curlapi_ok;

#define CURLAPI_SYM(h, field, name) \
	(*(void **)&api.field = dlsym((h), (name))) != NULL

static void
curlapi_load(void)
{
	int (*ssh_init)(int);
	void *h = NULL;
	int i;

	for (i = 0; curlapi_names[i] != NULL && h == NULL; i++)
		h = dlopen(curlapi_names[i], RTLD_NOW | RTLD_LOCAL);
	if (h == NULL)
		return;
	curlapi_ok = CURLAPI_SYM(h, global_init, "curl_global_init") &&
	    CURLAPI_SYM(h, easy_init, "curl_easy_init") &&
	    CURLAPI_SYM(h, easy_setopt, "curl_easy_setopt") &&
	    CURLAPI_SYM(h, easy_getinfo, "curl_easy_getinfo") &&
	    CURLAPI_SYM(h, easy_perform, "curl_easy_perform") &&
	    CURLAPI_SYM(h, easy_cleanup, "curl_easy_cleanup") &&
	    CURLAPI_SYM(h, easy_reset, "curl_easy_reset") &&
	    CURLAPI_SYM(h, easy_escape, "curl_easy_escape") &&
	    CURLAPI_SYM(h, easy_strerror, "curl_easy_strerror") &&
	    CURLAPI_SYM(h, easy_send, "curl_easy_send") &&
	    CURLAPI_SYM(h, easy_recv, "curl_easy_recv") &&
	    CURLAPI_SYM(h, free, "curl_free") &&
	    CURLAPI_SYM(h, slist_append, "curl_slist_append") &&
	    CURLAPI_SYM(h, slist_free_all, "curl_slist_free_all") &&
	    CURLAPI_SYM(h, multi_init, "curl_multi_init") &&
	    CURLAPI_SYM(h, multi_add_handle, "curl_multi_add_handle") &&
	    CURLAPI_SYM(h, multi_remove_handle, "curl_multi_remove_handle") &&
	    CURLAPI_SYM(h, multi_perform, "curl_multi_perform") &&
	    CURLAPI_SYM(h, multi_poll, "curl_multi_poll") &&
	    CURLAPI_SYM(h, multi_wakeup, "curl_multi_wakeup") &&
	    CURLAPI_SYM(h, multi_info_read, "curl_multi_info_read") &&
	    CURLAPI_SYM(h, multi_cleanup, "curl_multi_cleanup");
	/* libcurl's set-up calls libssh2's, which sets up OpenSSL's
	 * libcrypto (engines, providers: some 1.5 MB) for the SSH
	 * protocols, which kubec never asks libcurl for: libssh2 set up
	 * first without its cryptography is set up already for libcurl. */
	if (curlapi_ok && (*(void **)&ssh_init = dlsym(h, "libssh2_init")) !=
	    NULL)
		ssh_init(CURLAPI_LIBSSH2_INIT_NO_CRYPTO);
	/* libcurl's own set-up, once, before any thread makes a handle */
	if (curlapi_ok && api.global_init(CURL_GLOBAL_ALL) != CURLE_OK)
		curlapi_ok = 0;
}

int
curlapi_loaded(void)
{
	pthread_once(&curlapi_once, curlapi_load);
	return curlapi_ok;
}

CURLcode
curlapi_global_init(long flags)
{
	(void)flags;	/* done by the loading, with CURL_GLOBAL_ALL */
	return curlapi_loaded() ? CURLE_OK : CURLE_FAILED_INIT;
}

CURL *
curlapi_easy_init(void)
{
	return curlapi_loaded() ? api.easy_init() : NULL;
}

/* The argument's type follows from the option's number, as libcurl reads
 * it: a long, a pointer (object or function), or a curl_off_t. */
CURLcode
curlapi_easy_setopt(CURL *c, CURLoption opt, ...)
{
	CURLcode rc;
	va_list ap;

	if (!curlapi_loaded() || c == NULL)
		return CURLE_FAILED_INIT;
	va_start(ap, opt);
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		rc = api.easy_setopt(c, opt, va_arg(ap, long));
	else if (opt >= CURLOPTTYPE_OFF_T && opt < CURLOPTTYPE_BLOB)
		rc = api.easy_setopt(c, opt, va_arg(ap, curl_off_t));
	else
		rc = api.easy_setopt(c, opt, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

/* Every CURLINFO takes a pointer. */
CURLcode
curlapi_easy_getinfo(CURL *c, CURLINFO info, ...)
{
	CURLcode rc;
	va_list ap;

	if (!curlapi_loaded() || c == NULL)
		return CURLE_FAILED_INIT;
	va_start(ap, info);
	rc = api.easy_getinfo(c, info, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

CURLcode
curlapi_easy_perform(CURL *c)
{
	return curlapi_loaded() ? api.easy_perform(c) : CURLE_FAILED_INIT;
}

void
curlapi_easy_cleanup(CURL *c)
{
	if (c != NULL && curlapi_loaded())
		api.easy_cleanup(c);
}

void
curlapi_easy_reset(CURL *c)
{
	if (c != NULL && curlapi_loaded())
		api.easy_reset(c);
}

char *
curlapi_easy_escape(CURL *c, const char *s, int len)
{
	return curlapi_loaded() ? api.easy_escape(c, s, len) : NULL;
}

const char *
curlapi_easy_strerror(CURLcode rc)
{
	return curlapi_loaded() ? api.easy_strerror(rc) :
	    "libcurl cannot be loaded";
}

CURLcode
curlapi_easy_send(CURL *c, const void *p, size_t n, size_t *sent)
{
	return curlapi_loaded() ? api.easy_send(c, p, n, sent) :
	    CURLE_FAILED_INIT;
}

CURLcode
curlapi_easy_recv(CURL *c, void *p, size_t n, size_t *got)
{
	return curlapi_loaded() ? api.easy_recv(c, p, n, got) :
	    CURLE_FAILED_INIT;
}

void
curlapi_free(void *p)
{
	if (p != NULL && curlapi_loaded())
		api.free(p);
}

struct curl_slist *
curlapi_slist_append(struct curl_slist *l, const char *s)
{
	return curlapi_loaded() ? api.slist_append(l, s) : NULL;
}

void
curlapi_slist_free_all(struct curl_slist *l)
{
	if (l != NULL && curlapi_loaded())
		api.slist_free_all(l);
}

CURLM *
curlapi_multi_init(void)
{
	return curlapi_loaded() ? api.multi_init() : NULL;
}

CURLMcode
curlapi_multi_add_handle(CURLM *m, CURL *c)
{
	return curlapi_loaded() ? api.multi_add_handle(m, c) :
	    CURLM_BAD_HANDLE;
}

CURLMcode
curlapi_multi_remove_handle(CURLM *m, CURL *c)
{
	return curlapi_loaded() ? api.multi_remove_handle(m, c) :
	    CURLM_BAD_HANDLE;
}

CURLMcode
curlapi_multi_perform(CURLM *m, int *running)
{
	return curlapi_loaded() ? api.multi_perform(m, running) :
	    CURLM_BAD_HANDLE;
}

CURLMcode
curlapi_multi_poll(CURLM *m, struct curl_waitfd *extra, unsigned n,
    int timeout_ms, int *numfds)
{
	return curlapi_loaded() ? api.multi_poll(m, extra, n, timeout_ms,
	    numfds) : CURLM_BAD_HANDLE;
}

CURLMcode
curlapi_multi_wakeup(CURLM *m)
{
	return curlapi_loaded() ? api.multi_wakeup(m) : CURLM_BAD_HANDLE;
}

CURLMsg *
curlapi_multi_info_read(CURLM *m, int *left)
{
	return curlapi_loaded() ? api.multi_info_read(m, left) : NULL;
}

CURLMcode
curlapi_multi_cleanup(CURLM *m)
{
	return curlapi_loaded() ? api.multi_cleanup(m) : CURLM_BAD_HANDLE;
}
