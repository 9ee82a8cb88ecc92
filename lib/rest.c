/* rest.c - the Kubernetes REST client on libcurl; see rest.h.
 *
 * Debian's libcurl is built on GnuTLS, which takes certificates from files
 * only (no CURLOPT_CAINFO_BLOB): the PEMs of the target are written once
 * into memory files (memfd) that curl opens as /proc/self/fd/N, so that
 * nothing is left on disk, even by a process that is killed. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "curlapi.h"
#include "file.h"
#include "rest.h"

#define REST_POOL	8	/* idle connections kept */

struct rest {
	char			 server[1024];
	int			 fds[3];	/* the PEM memfds; -1 none */
	char			 ca[64], cert[64], key[64];	/* their paths */
	char			*auth;		/* "Authorization: Bearer ..." */
	char			 agent[128];
	int			 insecure;
	pthread_mutex_t		 mu;
	CURL			*idle[REST_POOL];
	int			 nidle;
};

static pthread_once_t rest_once = PTHREAD_ONCE_INIT;

static void
rest_global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

enum err_reason
rest_reason(const char *s)
{
	enum err_reason r;

	if (s == NULL)
		return ERR_INTERNAL;
	for (r = ERR_BAD_REQUEST; r <= ERR_TIMEOUT; r++)
		if (strcmp(err_reason_str(r), s) == 0)
			return r;
	return ERR_INTERNAL;
}

static int
rest_pem(struct rest *r, int slot, char *path, size_t n, const char *name,
    const char *pem, struct err *err)
{
	size_t len = strlen(pem), off = 0;
	ssize_t w;
	int fd = memfd_create(name, MFD_CLOEXEC);

	if (fd < 0)
		return err_set(err, ERR_INTERNAL, "memfd_create: %s",
		    strerror(errno));
	r->fds[slot] = fd;
	while (off < len) {
		if ((w = write(fd, pem + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			return err_set(err, ERR_INTERNAL, "write %s: %s", name,
			    strerror(errno));
		}
		off += (size_t)w;
	}
	snprintf(path, n, "/proc/self/fd/%d", fd);
	return 0;
}

struct rest *
rest_open(const struct kube_target *t, const char *user_agent,
    struct err *err)
{
	struct rest *r;
	size_t n;

	pthread_once(&rest_once, rest_global_init);
	if (t->server[0] == '\0') {
		err_set(err, ERR_BAD_REQUEST, "no server to connect to");
		return NULL;
	}
	if ((r = calloc(1, sizeof *r)) == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&r->mu, NULL);
	r->fds[0] = r->fds[1] = r->fds[2] = -1;
	snprintf(r->server, sizeof r->server, "%s", t->server);
	n = strlen(r->server);
	while (n > 0 && r->server[n - 1] == '/')
		r->server[--n] = '\0';
	snprintf(r->agent, sizeof r->agent, "%s", user_agent ? user_agent :
	    "kubec");
	r->insecure = t->insecure;
	if ((t->ca_pem != NULL && rest_pem(r, 0, r->ca, sizeof r->ca,
	    "ca.crt", t->ca_pem, err) < 0) ||
	    (t->cert_pem != NULL && rest_pem(r, 1, r->cert, sizeof r->cert,
	    "client.crt", t->cert_pem, err) < 0) ||
	    (t->key_pem != NULL && rest_pem(r, 2, r->key, sizeof r->key,
	    "client.key", t->key_pem, err) < 0))
		goto fail;
	if (t->token != NULL && t->token[0] != '\0') {
		n = strlen(t->token) + 32;
		if ((r->auth = malloc(n)) == NULL) {
			err_set(err, ERR_INTERNAL, "out of memory");
			goto fail;
		}
		snprintf(r->auth, n, "Authorization: Bearer %s", t->token);
	}
	return r;
fail:
	rest_close(r);
	return NULL;
}

void
rest_close(struct rest *r)
{
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nidle; i++)
		curl_easy_cleanup(r->idle[i]);
	for (i = 0; i < 3; i++)
		if (r->fds[i] >= 0)
			close(r->fds[i]);
	if (r->auth != NULL) {
		explicit_bzero(r->auth, strlen(r->auth));
		free(r->auth);
	}
	pthread_mutex_destroy(&r->mu);
	free(r);
}

/* What every handle of r has: TLS, credentials, user agent. */
static void
rest_setup(struct rest *r, CURL *c)
{
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, r->agent);
	/* libcurl copies what it sends over TLS into an upload buffer of
	 * 64 KB by default, kept by the handle: a watch's handle or an idle
	 * one would hold it for nothing (16 KB is libcurl's least) */
	curl_easy_setopt(c, CURLOPT_UPLOAD_BUFFERSIZE, 16384L);
	/* only the cluster's CA: Debian's libcurl would otherwise parse
	 * every certificate of /etc/ssl/certs for each connection */
	if (r->ca[0] || r->insecure)
		curl_easy_setopt(c, CURLOPT_CAPATH, NULL);
	if (r->ca[0])
		curl_easy_setopt(c, CURLOPT_CAINFO, r->ca);
	if (r->cert[0]) {
		curl_easy_setopt(c, CURLOPT_SSLCERT, r->cert);
		curl_easy_setopt(c, CURLOPT_SSLKEY, r->key);
	}
	if (r->insecure) {
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
	}
}

/* A handle from the pool (its connection kept alive), set up for r. */
static CURL *
rest_handle(struct rest *r)
{
	CURL *c = NULL;

	pthread_mutex_lock(&r->mu);
	if (r->nidle > 0)
		c = r->idle[--r->nidle];
	pthread_mutex_unlock(&r->mu);
	if (c != NULL) {
		curl_easy_reset(c);
	} else if ((c = curl_easy_init()) == NULL) {
		return NULL;
	}
	rest_setup(r, c);
	return c;
}

CURL *
rest_easy(struct rest *r, const char *path)
{
	char url[8192];
	CURL *c;

	if ((c = curl_easy_init()) == NULL)
		return NULL;
	rest_setup(r, c);
	if (r->auth != NULL) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
		curl_easy_setopt(c, CURLOPT_XOAUTH2_BEARER, r->auth +
		    strlen("Authorization: Bearer "));
	}
	snprintf(url, sizeof url, "%s%s", r->server, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	return c;
}

const char *
rest_server(const struct rest *r)
{
	return r->server;
}

const char *
rest_authorization(const struct rest *r)
{
	return r->auth;
}

static void
rest_release(struct rest *r, CURL *c)
{
	pthread_mutex_lock(&r->mu);
	if (r->nidle < REST_POOL) {
		r->idle[r->nidle++] = c;
		c = NULL;
	}
	pthread_mutex_unlock(&r->mu);
	if (c != NULL)
		curl_easy_cleanup(c);
}

static size_t
rest_sink(char *p, size_t sz, size_t n, void *arg)
{
	struct buf *b = arg;

	if (buf_add(b, p, sz * n) < 0)
		return 0;	/* over the cap: fail the transfer */
	return sz * n;
}

/* err from a non-2xx answer: the Status's reason and message. */
static int
rest_status_err(long code, const struct buf *body, struct err *err)
{
	json_t *st = json_loadb(body->data ? body->data : "", body->len, 0,
	    NULL);
	const char *msg = json_string_value(json_object_get(st, "message"));
	const char *reason = json_string_value(json_object_get(st,
	    "reason"));
	enum err_reason r = rest_reason(reason);

	if (reason == NULL)
		switch (code) {
		case 400: r = ERR_BAD_REQUEST; break;
		case 401: r = ERR_UNAUTHORIZED; break;
		case 403: r = ERR_FORBIDDEN; break;
		case 404: r = ERR_NOT_FOUND; break;
		case 409: r = ERR_CONFLICT; break;
		case 410: r = ERR_GONE; break;
		case 422: r = ERR_INVALID; break;
		case 429: r = ERR_TOO_MANY_REQUESTS; break;
		case 503: r = ERR_SERVICE_UNAVAILABLE; break;
		case 504: r = ERR_TIMEOUT; break;
		default: r = ERR_INTERNAL; break;
		}
	if (msg != NULL)
		err_set(err, r, "%s", msg);
	else
		err_set(err, r, "the server answered %ld: %.200s", code,
		    buf_str(body));
	json_decref(st);
	return -1;
}

/* Performs c (URL and method set) with the headers of r. */
static int
rest_perform(struct rest *r, CURL *c, const char *path, const char *ctype,
    const char *accept, long *code, struct err *err)
{
	struct curl_slist *h = NULL;
	char ct[128], ac[512], url[8192];
	CURLcode rc;

	snprintf(url, sizeof url, "%s%s", r->server, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	if (r->auth != NULL)
		h = curl_slist_append(h, r->auth);
	snprintf(ac, sizeof ac, "Accept: %s", accept);
	h = curl_slist_append(h, ac);
	if (ctype != NULL) {
		snprintf(ct, sizeof ct, "Content-Type: %s", ctype);
		h = curl_slist_append(h, ct);
	}
	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	rc = curl_easy_perform(c);
	curl_slist_free_all(h);
	if (rc == CURLE_PEER_FAILED_VERIFICATION)	/* in Go's words */
		return err_set(err, ERR_SERVICE_UNAVAILABLE, "%s: tls: failed "
		    "to verify certificate: x509: certificate signed by "
		    "unknown authority", url);
	if (rc != CURLE_OK && rc != CURLE_WRITE_ERROR &&
	    rc != CURLE_ABORTED_BY_CALLBACK)
		return err_set(err, ERR_SERVICE_UNAVAILABLE, "%s: %s", url,
		    curl_easy_strerror(rc));
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, code);
	return rc == CURLE_OK ? 0 : 1;
}

int
rest_raw(struct rest *r, const char *method, const char *path,
    const char *ctype, const char *body, size_t len, struct buf *out,
    struct err *err)
{
	return rest_call(r, method, path, "application/json, */*", ctype, body,
	    len, out, err);
}

int
rest_call(struct rest *r, const char *method, const char *path,
    const char *accept, const char *ctype, const char *body, size_t len,
    struct buf *out, struct err *err)
{
	CURL *c = rest_handle(r);
	long code = 0;
	int rc;

	if (c == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	buf_reset(out);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (body != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)len);
	} else if (strcmp(method, "GET") == 0) {
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	}
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, rest_sink);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 60000L);
	rc = rest_perform(r, c, path, body != NULL ? (ctype ? ctype :
	    "application/json") : NULL, accept, &code, err);
	rest_release(r, c);
	if (rc < 0)
		return -1;
	if (rc > 0)
		return err_set(err, ERR_TOO_LARGE, "the answer to %s %s is "
		    "larger than %zu bytes", method, path, out->cap);
	if (code < 200 || code > 299)
		return rest_status_err(code, out, err);
	return (int)code;
}

int
rest_do(struct rest *r, const char *method, const char *path,
    const char *ctype, const json_t *body, json_t **out, struct err *err)
{
	struct buf ob = BUF_INIT(REST_MAX_BODY);
	json_error_t je;
	char *data = NULL;
	int code;

	if (out != NULL)
		*out = NULL;
	if (body != NULL && (data = json_dumps(body, JSON_COMPACT)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	code = rest_raw(r, method, path, ctype, data, data ? strlen(data) : 0,
	    &ob, err);
	free(data);
	if (code >= 0 && out != NULL && ob.len > 0 &&
	    (*out = json_loadb(ob.data, ob.len, 0, &je)) == NULL)
		code = err_set(err, ERR_INTERNAL, "%s %s: the answer is not "
		    "JSON: %s", method, path, je.text);
	buf_release(&ob);
	return code;
}

struct rest_stream {
	struct buf		 line;
	rest_event_fn		*fn;
	void			*arg;
	const volatile int	*stop;
	int			 stopped;
	long			 code;
	CURL			*c;
	struct buf		 errbody;
	rest_data_fn		*raw;	/* bytes as they come, not events */
	const char		*accept;	/* NULL: application/json */
};

/* One line of the stream: {"type": ..., "object": ...}. */
static int
rest_stream_line(struct rest_stream *s, const char *p, size_t n)
{
	json_t *ev = json_loadb(p, n, 0, NULL);
	int rc = 0;

	if (ev == NULL)
		return 0;	/* not an event: ignore */
	rc = s->fn(s->arg, json_string_value(json_object_get(ev, "type")),
	    json_object_get(ev, "object"));
	json_decref(ev);
	return rc;
}

static size_t
rest_stream_data(char *p, size_t sz, size_t n, void *arg)
{
	struct rest_stream *s = arg;
	size_t len = sz * n, i, start = 0;

	if (s->code == 0)
		curl_easy_getinfo(s->c, CURLINFO_RESPONSE_CODE, &s->code);
	if (s->code < 200 || s->code > 299) {
		buf_add(&s->errbody, p, len);
		return len;
	}
	if (s->raw != NULL) {
		if (s->raw(s->arg, p, len) != 0) {
			s->stopped = 1;
			return 0;
		}
		return len;
	}
	for (i = 0; i < len; i++) {
		if (p[i] != '\n')
			continue;
		if (s->line.len > 0) {
			if (buf_add(&s->line, p + start, i - start) < 0)
				return 0;
			if (rest_stream_line(s, s->line.data, s->line.len)) {
				s->stopped = 1;
				return 0;
			}
			buf_reset(&s->line);
		} else if (i > start &&
		    rest_stream_line(s, p + start, i - start)) {
			s->stopped = 1;
			return 0;
		}
		start = i + 1;
	}
	if (start < len && buf_add(&s->line, p + start, len - start) < 0)
		return 0;
	return len;
}

static int
rest_stream_progress(void *arg, curl_off_t a, curl_off_t b, curl_off_t c,
    curl_off_t d)
{
	struct rest_stream *s = arg;

	if (s->stop != NULL && *s->stop) {
		s->stopped = 1;
		return 1;
	}
	return 0;
}

static int
rest_stream(struct rest *r, const char *path, struct rest_stream *sp,
    struct err *err)
{
	struct rest_stream s = *sp;
	long code = 0;
	int rc;

	if ((s.c = rest_handle(r)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	curl_easy_setopt(s.c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(s.c, CURLOPT_WRITEFUNCTION, rest_stream_data);
	curl_easy_setopt(s.c, CURLOPT_WRITEDATA, &s);
	curl_easy_setopt(s.c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(s.c, CURLOPT_XFERINFOFUNCTION, rest_stream_progress);
	curl_easy_setopt(s.c, CURLOPT_XFERINFODATA, &s);
	rc = rest_perform(r, s.c, path, NULL, s.accept ? s.accept :
	    "application/json", &code, err);
	if (rc >= 0 && (code < 200 || code > 299))
		rc = rest_status_err(code, &s.errbody, err);
	else if (rc >= 0)
		rc = s.stopped ? 1 : 0;
	/* a stream cut short leaves its connection unusable */
	if (s.stopped || rc < 0)
		curl_easy_cleanup(s.c);
	else
		rest_release(r, s.c);
	buf_release(&s.line);
	buf_release(&s.errbody);
	return rc;
}

int
rest_watch(struct rest *r, const char *path, rest_event_fn *fn, void *arg,
    const volatile int *stop, struct err *err)
{
	return rest_watch_accept(r, path, NULL, fn, arg, stop, err);
}

int
rest_watch_accept(struct rest *r, const char *path, const char *accept,
    rest_event_fn *fn, void *arg, const volatile int *stop, struct err *err)
{
	struct rest_stream s = { BUF_INIT(64 << 20), fn, arg, stop, 0, 0,
	    NULL, BUF_INIT(1 << 20), NULL, accept };

	return rest_stream(r, path, &s, err);
}

int
rest_follow(struct rest *r, const char *path, rest_data_fn *fn, void *arg,
    const volatile int *stop, struct err *err)
{
	struct rest_stream s = { BUF_INIT(64), NULL, arg, stop, 0, 0, NULL,
	    BUF_INIT(1 << 20), fn, NULL };

	return rest_stream(r, path, &s, err);
}
