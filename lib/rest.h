/* rest.h - a Kubernetes REST client on libcurl: what client-go's rest
 * package is to kubelet and kubectl, for kubec-agent and the console.
 *
 * A struct rest holds where and how to connect (a kube_target from a
 * kubeconfig, or a server URL and token) and a pool of keep-alive
 * connections; it may be used from several threads at once.  Answers
 * that are not 2xx come back as a struct err carrying the Status's
 * reason and message, exactly as the server wrote them.
 */
#ifndef KUBEC_REST_H
#define KUBEC_REST_H

#include <curl/curl.h>
#include <jansson.h>

#include "buf.h"
#include "err.h"
#include "kubeconfig.h"

struct rest;

/* Connects as t says (server, CA, client certificate or token,
 * insecure); user_agent may be NULL. */
struct rest	*rest_open(const struct kube_target *t, const char *user_agent,
		    struct err *err);
void		 rest_close(struct rest *r);

/* The longest body a rest_do() answer may have (LIST of many objects). */
#define REST_MAX_BODY	((size_t)256 << 20)

/*
 * One request: method ("GET", "POST", "PUT", "PATCH", "DELETE"), path
 * with its query ("/api/v1/nodes?limit=10"), an optional body with its
 * content type (NULL: application/json).  On success (2xx) returns the
 * HTTP status and, when out is not NULL, the decoded JSON answer (NULL
 * when the body is empty).  On failure returns -1 with err holding the
 * Status's reason and message (or a transport error: ServiceUnavailable
 * for a server that cannot be reached).
 */
int		 rest_do(struct rest *r, const char *method, const char *path,
		    const char *ctype, const json_t *body, json_t **out,
		    struct err *err);

/* The same with a raw body and a raw answer (logs, YAML, tables). */
int		 rest_raw(struct rest *r, const char *method, const char *path,
		    const char *ctype, const char *body, size_t len,
		    struct buf *out, struct err *err);
/* rest_raw() asking for the media types of accept (an Accept header:
 * server-side Tables, aggregated discovery). */
int		 rest_call(struct rest *r, const char *method, const char *path,
		    const char *accept, const char *ctype, const char *body,
		    size_t len, struct buf *out, struct err *err);

/*
 * A watch: GETs path (which should carry watch=1 and a resourceVersion)
 * and calls fn once per event with its type ("ADDED", "MODIFIED",
 * "DELETED", "BOOKMARK", "ERROR") and object.  Returns 0 when the server
 * ends the stream, 1 when fn returned non-zero or *stop became non-zero
 * (checked at least every second), -1 with err on a failure to connect
 * or a non-2xx answer.
 */
typedef int rest_event_fn(void *arg, const char *type, json_t *obj);
int		 rest_watch(struct rest *r, const char *path, rest_event_fn *fn,
		    void *arg, const volatile int *stop, struct err *err);
/* rest_watch() asking for the media types of accept (one-row Tables). */
int		 rest_watch_accept(struct rest *r, const char *path,
		    const char *accept, rest_event_fn *fn, void *arg,
		    const volatile int *stop, struct err *err);

/*
 * A stream of bytes (kubectl logs -f): GETs path and calls fn with each
 * piece as it comes.  Returns as rest_watch() does.
 */
typedef int rest_data_fn(void *arg, const char *data, size_t len);
int		 rest_follow(struct rest *r, const char *path, rest_data_fn *fn,
		    void *arg, const volatile int *stop, struct err *err);

/*
 * A new curl handle for path on r's server, with r's TLS settings and
 * credentials, for callers that drive the transfer themselves (the API
 * server's streams to agents: logs, exec).  curl_easy_cleanup() it.
 */
CURL		*rest_easy(struct rest *r, const char *path);
/* r's server URL ("https://host:port") and its Authorization header
 * line ("Authorization: Bearer ..."; NULL when it has no token), for the
 * callers that write their own requests on a rest_easy() connection. */
const char	*rest_server(const struct rest *r);
const char	*rest_authorization(const struct rest *r);

/* The Status reason named s ("NotFound" -> ERR_NOT_FOUND), else
 * ERR_INTERNAL. */
enum err_reason	 rest_reason(const char *s);

#endif
