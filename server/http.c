/* http.c - the HTTPS edge of kubec-server on libmicrohttpd.
 *
 * Reads each request (bodies capped at 3 MiB), authenticates it (a bearer
 * token, a client certificate of the client CA, or none:
 * system:anonymous), authorizes non-resource requests
 * (resource requests are authorized in api.c), routes it (health,
 * version, discovery, OpenAPI, the resource API) and sends the answer.  Errors become Status objects here and nowhere else.  Watches
 * are chunked responses whose connection is suspended while no event is
 * ready; the watch cache resumes it (no thread per watch).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "cache.h"
#include "openapi.h"
#include "../lib/jsonenc.h"
#include "../lib/mhdrelay.h"
#include "../lib/pki.h"
#include "protobuf.h"
#include "server.h"

#define BOOKMARK_EVERY	20	/* seconds between BOOKMARK events */

/* Watch streams alive; http_stop waits for them to end. */
static int http_streams;

struct reqctx {
	struct buf	body;
	int		too_large;
	gnutls_session_t tls;		/* corked for this answer */
	int		 fd;
};

/* Answers up to this size leave as one TLS record (http_cork). */
#define HTTP_CORK_MAX	(16 * 1024)

const char *
request_query(const struct request *r, const char *key)
{
	static __thread char val[1024];
	const char *p, *amp, *eq;
	size_t klen = strlen(key);

	if (r->conn != NULL)
		return MHD_lookup_connection_value(r->conn,
		    MHD_GET_ARGUMENT_KIND, key);
	for (p = r->query; p != NULL && *p != '\0'; p = amp ? amp + 1 : NULL) {
		amp = strchr(p, '&');
		eq = strchr(p, '=');
		if (eq == NULL || (amp != NULL && eq > amp))
			continue;
		if ((size_t)(eq - p) == klen && strncmp(p, key, klen) == 0) {
			snprintf(val, sizeof val, "%.*s", amp ? (int)(amp -
			    eq - 1) : (int)strlen(eq + 1), eq + 1);
			return val;
		}
	}
	return NULL;
}

int
request_bool(const struct request *r, const char *key)
{
	static const char *const yes[] = { "1", "t", "T", "true", "TRUE",
	    "True", NULL };
	const char *v = request_query(r, key);
	int i;

	for (i = 0; v != NULL && yes[i] != NULL; i++)
		if (strcmp(v, yes[i]) == 0)
			return 1;
	return 0;
}

void
response_json(struct response *resp, int code, const json_t *obj)
{
	size_t len;
	char *s;

	resp->code = code;
	buf_reset(&resp->body);
	s = jsonenc_dup(obj, &len, NULL);
	if (s != NULL) {
		if (len >= resp->body.cap) {	/* a big table: made to fit */
			buf_release(&resp->body);
			buf_init(&resp->body, len + 1);
		}
		buf_add(&resp->body, s, len);
		free(s);
	}
}

int
response_header(struct response *resp, const char *name, const char *value)
{
	if (resp->nextra >= RESPONSE_MAX_HEADERS)
		return -1;
	snprintf(resp->extra_header[resp->nextra][0],
	    sizeof resp->extra_header[0][0], "%s", name);
	snprintf(resp->extra_header[resp->nextra][1],
	    sizeof resp->extra_header[0][1], "%s", value);
	resp->nextra++;
	return 0;
}

void
response_status(struct response *resp, const struct err *err)
{
	json_t *st, *details, *causes, *c;
	const char *msg;
	size_t n;
	int i;

	st = json_pack("{s:s, s:s, s:{}}", "kind", "Status", "apiVersion",
	    "v1", "metadata");
	if (err == NULL || err->reason == ERR_NONE) {
		json_object_set_new(st, "status", json_string("Success"));
		response_json(resp, 200, st);
		json_decref(st);
		return;
	}
	json_object_set_new(st, "status", json_string("Failure"));
	json_object_set_new(st, "message", json_string(err->msg));
	json_object_set_new(st, "reason",
	    json_string(err_reason_str(err->reason)));
	if (err->ncauses > 0) {
		details = json_object();
		if (err->kind[0] != '\0') {
			json_object_set_new(details, "name",
			    json_string(err->name));
			if (err->group[0] != '\0')
				json_object_set_new(details, "group",
				    json_string(err->group));
			json_object_set_new(details, "kind",
			    json_string(err->kind));
		}
		causes = json_array();
		for (i = 0; i < err->ncauses; i++) {
			/* the cause's message without its "field: " prefix */
			msg = err->causes[i].msg;
			n = strlen(err->causes[i].field);
			if (n > 0 && strncmp(msg, err->causes[i].field, n) == 0 &&
			    strncmp(msg + n, ": ", 2) == 0)
				msg += n + 2;
			c = json_pack("{s:s, s:s, s:s}", "reason",
			    err_cause_str(err->causes[i].type), "message",
			    msg, "field", err->causes[i].field);
			json_array_append_new(causes, c);
		}
		json_object_set_new(details, "causes", causes);
		json_object_set_new(st, "details", details);
	}
	json_object_set_new(st, "code", json_integer(err_code(err->reason)));
	response_json(resp, err_code(err->reason), st);
	json_decref(st);
}

static void
http_text(struct response *resp, int code, const char *text)
{
	resp->code = code;
	resp->content_type = "text/plain; charset=utf-8";
	buf_reset(&resp->body);
	buf_adds(&resp->body, text);
}

static void
http_version(struct response *resp)
{
	json_t *v = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "major", "1", "minor", "33", "gitVersion", KUBEC_GIT_VERSION,
	    "gitCommit", "kubec", "gitTreeState", "clean",
	    "buildDate", "2026-11-24T00:00:00Z", "goVersion", "c11",
	    "compiler", "gcc", "platform", "linux/amd64");

	response_json(resp, 200, v);
	json_decref(v);
}

static int
http_is_health(const char *path)
{
	return strcmp(path, "/healthz") == 0 || strcmp(path, "/livez") == 0 ||
	    strcmp(path, "/readyz") == 0 || strncmp(path, "/healthz/", 9) == 0 ||
	    strncmp(path, "/livez/", 7) == 0 || strncmp(path, "/readyz/", 8) == 0;
}

static void
http_health(struct request *r, struct response *resp)
{
	struct err err;
	int ok;

	err_clear(&err);
	ok = !r->srv->stopping && cache_sync(r->srv->cache, &err) == 0;
	if (request_query(r, "verbose") != NULL) {
		resp->code = ok ? 200 : 500;
		resp->content_type = "text/plain; charset=utf-8";
		buf_reset(&resp->body);
		buf_addf(&resp->body, "[+]ping ok\n[%c]etcd %s\n"
		    "[+]poststarthook/start-kubec ok\n%s check %s\n",
		    ok ? '+' : '-', ok ? "ok" : "failed",
		    r->path + 1, ok ? "passed" : "failed");
		return;
	}
	http_text(resp, ok ? 200 : 500, ok ? "ok" : "store not reachable");
}

/*
 * Whether path is a resource request as kube-apiserver's RequestInfo
 * reads it: /api/<version>/<something>... or /apis/<group>/<version>/
 * <something>...; the rest (/healthz, /version, /api, /apis/apps/v1,
 * /openapi/v2, unknown paths) is non-resource.
 */
static int
http_is_resource(const char *path)
{
	const char *p = path, *end = path + strlen(path), *q;
	size_t first;
	int n = 1, apis;

	/* strings.Split(strings.Trim(path, "/"), "/") */
	while (p < end && *p == '/')
		p++;
	while (end > p && end[-1] == '/')
		end--;
	if (p == end)
		return 0;
	for (q = p; q < end; q++)
		if (*q == '/')
			n++;
	q = memchr(p, '/', (size_t)(end - p));
	first = (size_t)((q != NULL ? q : end) - p);
	if (first == 3 && strncmp(p, "api", 3) == 0)
		apis = 0;
	else if (first == 4 && strncmp(p, "apis", 4) == 0)
		apis = 1;
	else
		return 0;
	return n >= (apis ? 4 : 3);
}

/*
 * Authorizes a non-resource request as kube-apiserver does: the verb is
 * the lower-case method, the path the URL's.  Answers 403 (401 for the
 * anonymous user) and returns 0 when it is not allowed.
 */
static int
http_path_authorized(struct request *r, struct response *resp)
{
	struct buf why = BUF_INIT(64 * 1024);
	char verb[32];
	struct err err;
	size_t i;
	int ok;

	if (strcmp(r->path, "/cacerts") == 0)
		return 1;	/* as k3s: how agents learn the CA to check */
	for (i = 0; r->method[i] != '\0' && i + 1 < sizeof verb; i++)
		verb[i] = (char)tolower((unsigned char)r->method[i]);
	verb[i] = '\0';
	ok = auth_decide(r->srv->auth, &r->user, verb, "", "", "", "",
	    r->path, &why);
	if (!ok) {
		err_clear(&err);
		if (r->anonymous)
			err_set(&err, ERR_UNAUTHORIZED, "Unauthorized");
		else
			err_set(&err, ERR_FORBIDDEN, "forbidden: User \"%s\" "
			    "cannot %s path \"%s\"%s%s", r->user.name, verb,
			    r->path, why.len ? ": " : "", buf_str(&why));
		response_status(resp, &err);
	}
	buf_release(&why);
	return ok;
}

/* Routes one authenticated request. */
static void
http_route(struct request *r, struct response *resp)
{
	const char *p = r->path;
	struct err err;
	const char *ctype = NULL;
	char etag[80] = "";
	int code;

	err_clear(&err);
	if (!http_is_resource(p)) {
		if (!http_path_authorized(r, resp))
			return;
	} else if (r->anonymous) {
		err_set(&err, ERR_UNAUTHORIZED, "Unauthorized");
		response_status(resp, &err);
		return;
	}
	if (http_is_health(p)) {
		http_health(r, resp);
		return;
	}
	if (strcmp(p, "/version") == 0 || strcmp(p, "/version/") == 0) {
		http_version(resp);
		return;
	}
	if (strcmp(p, "/cacerts") == 0) {
		/* as k3s: joining agents check it against their token */
		resp->code = 200;
		resp->content_type = "text/plain";
		buf_reset(&resp->body);
		buf_adds(&resp->body, r->srv->pki->ca_pem);
		return;
	}
	if (strncmp(p, "/openapi/", 9) == 0) {
		buf_reset(&resp->body);
		code = openapi_handle(p, NULL, r->accept ? r->accept : "",
		    &resp->body, &ctype, etag, sizeof etag, &err);
		if (code < 0) {
			response_status(resp, &err);
			return;
		}
		resp->code = code;
		resp->content_type = ctype;
		if (etag[0] != '\0') {
			char quoted[96];

			snprintf(quoted, sizeof quoted, "\"%s\"", etag);
			response_header(resp, "ETag", quoted);
		}
		return;
	}
	if (discovery_handle(r, resp))
		return;
	if (http_is_resource(p)) {
		api_handle(r, resp);
		return;
	}
	err_set(&err, ERR_NOT_FOUND, "the server could not find the "
	    "requested resource");
	response_status(resp, &err);
}

/* The watch stream's reader: events while there are some, else suspend. */
static void
http_stream_suspend(void *arg)
{
	struct stream *st = arg;

	st->suspended = 1;
	MHD_suspend_connection(st->conn);
}

void
http_stream_wake(void *arg)
{
	struct stream *st = arg;

	if (st->suspended) {
		st->suspended = 0;
		MHD_resume_connection(st->conn);
	}
}

static ssize_t
http_stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct stream *st = cls;
	struct cevent ev;
	struct err why;
	long long now;
	size_t n;
	int r, bm;

	while (st->pending.len == st->off) {
		buf_reset(&st->pending);
		st->off = 0;
		if (st->done)
			return MHD_CONTENT_READER_END_OF_STREAM;
		if (st->fill != NULL) {
			if ((r = st->fill(st, &st->pending,
			    http_stream_suspend)) == 0)
				return 0;
			if (r < 0)
				st->done = 1;
			continue;
		}
		now = time(NULL);
		if (now >= st->deadline) {
			st->done = 1;
			continue;
		}
		bm = st->bookmarks && now - st->last_sent >= BOOKMARK_EVERY;
		err_clear(&why);
		r = watcher_next_or_suspend(st->w, &ev, &why, bm,
		    http_stream_suspend, st);
		if (r == 0)
			return 0;
		if (r < 0) {
			st->done = 1;
			if (why.reason != ERR_NONE && why.reason != ERR_TOO_MANY_REQUESTS) {
				memset(&ev, 0, sizeof ev);
				ev.type = CEV_ERROR;
				st->encode(st, &ev, &why, &st->pending);
			}
			continue;
		}
		st->last_sent = now;
		st->encode(st, &ev, NULL, &st->pending);
		cevent_release(&ev);
		/* batch what is ready without suspending */
		while (st->pending.len < 65536 &&
		    watcher_next(st->w, &ev, NULL) == 1) {
			st->encode(st, &ev, NULL, &st->pending);
			cevent_release(&ev);
		}
	}
	n = st->pending.len - st->off;
	if (n > max)
		n = max;
	memcpy(out, st->pending.data + st->off, n);
	st->off += n;
	return (ssize_t)n;
}

static void
http_stream_free(void *cls)
{
	struct stream *st = cls;

	__atomic_sub_fetch(&http_streams, 1, __ATOMIC_SEQ_CST);
	watcher_close(st->w);
	buf_release(&st->pending);
	if (st->release != NULL)
		st->release(st);
	else
		free(st);
}

/*
 * libmicrohttpd writes an answer's headers and its body with two TLS
 * records, two segments the client reads apart.  A small answer is
 * corked in the TLS session instead and leaves as one record when the
 * request completes (http_uncork).
 */
static void
http_cork(struct MHD_Connection *conn, struct reqctx *ctx)
{
	const union MHD_ConnectionInfo *tls, *fd;

	tls = MHD_get_connection_info(conn,
	    MHD_CONNECTION_INFO_GNUTLS_SESSION);
	fd = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (ctx == NULL || tls == NULL || tls->tls_session == NULL ||
	    fd == NULL)
		return;
	ctx->tls = tls->tls_session;
	ctx->fd = fd->connect_fd;
	gnutls_record_cork(ctx->tls);
}

/* Sends what http_cork held back; a peer that takes nothing for a
 * while loses the connection rather than a thread. */
static void
http_uncork(struct reqctx *ctx)
{
	struct pollfd p = { .fd = ctx->fd, .events = POLLOUT };
	int rc, tries = 0, off = 0;

	/* libmicrohttpd may have left TCP_CORK on, expecting its own last
	 * write to be pushed by TCP_NODELAY: that write is ours, now */
	setsockopt(ctx->fd, IPPROTO_TCP, TCP_CORK, &off, sizeof off);
	while ((rc = gnutls_record_uncork(ctx->tls, 0)) == GNUTLS_E_AGAIN ||
	    rc == GNUTLS_E_INTERRUPTED) {
		if (++tries > 20 || poll(&p, 1, 500) <= 0) {
			shutdown(ctx->fd, SHUT_RDWR);
			break;
		}
	}
	ctx->tls = NULL;
}

static enum MHD_Result
http_send(struct MHD_Connection *conn, struct reqctx *ctx,
    struct response *resp)
{
	struct MHD_Response *mr;
	enum MHD_Result ret;
	size_t len;
	char *body;
	int i;

	if (resp->upgrade != NULL) {
		mr = MHD_create_response_for_upgrade(
		    (MHD_UpgradeHandler)resp->upgrade, resp->upgrade_cls);
		resp->upgrade = NULL;
	} else if (resp->stream != NULL) {
		resp->stream->conn = conn;
		__atomic_add_fetch(&http_streams, 1, __ATOMIC_SEQ_CST);
		buf_init(&resp->stream->pending, 64 << 20);
		mr = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN,
		    16 * 1024, http_stream_read, resp->stream,
		    http_stream_free);
		resp->stream = NULL;
	} else {
		body = buf_detach(&resp->body, &len);
		mr = MHD_create_response_from_buffer(len, body,
		    MHD_RESPMEM_MUST_FREE);
		if (mr != NULL && len <= HTTP_CORK_MAX)
			http_cork(conn, ctx);
	}
	if (mr == NULL)
		return MHD_NO;
	MHD_add_response_header(mr, "Content-Type", resp->content_type ?
	    resp->content_type : "application/json");
	MHD_add_response_header(mr, "Cache-Control", "no-cache, private");
	for (i = 0; i < resp->nextra; i++)
		MHD_add_response_header(mr, resp->extra_header[i][0],
		    resp->extra_header[i][1]);
	ret = MHD_queue_response(conn, (unsigned)resp->code, mr);
	MHD_destroy_response(mr);
	return ret;
}

/* A connection's client certificate, verified on its first request
 * without a token and remembered until the connection closes. */
struct http_conn {
	int		 cert;		/* 0 unknown, 1 user, 2 none, -1 bad */
	time_t		 not_after;	/* the certificate's expiry */
	struct auth_user *user;
};

static void
http_connection(void *cls, struct MHD_Connection *conn, void **socket_ctx,
    enum MHD_ConnectionNotificationCode toe)
{
	struct http_conn *hc = *socket_ctx;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		*socket_ctx = calloc(1, sizeof *hc);
		return;
	}
	if (hc != NULL)
		free(hc->user);
	free(hc);
	*socket_ctx = NULL;
	/* libmicrohttpd takes one such callback: the relay's buffers too */
	mhdrelay_notify(cls, conn, socket_ctx, toe);
}

/*
 * Verifies the peer's certificate as kube-apiserver's x509 authenticator
 * with --client-ca-file: against the client CA (chain, validity, the TLS
 * client purpose), CN the user, each O a group, and system:authenticated.
 * 1 = a user, 2 = no certificate (or one without a CN), -1 = a
 * certificate that does not verify.
 */
static int
http_cert_verify(struct MHD_Connection *conn, struct auth_user *u,
    time_t *not_after)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn,
	    MHD_CONNECTION_INFO_GNUTLS_SESSION);
	gnutls_typed_vdata_st purpose = { GNUTLS_DT_KEY_PURPOSE_OID,
	    (unsigned char *)(uintptr_t)GNUTLS_KP_TLS_WWW_CLIENT, 0 };
	const gnutls_datum_t *certs;
	gnutls_x509_crt_t crt;
	unsigned int status = 1, n = 0, i;
	char val[256];
	size_t len;
	int rc, ret = -1;

	if (ci == NULL || ci->tls_session == NULL)
		return 2;
	certs = gnutls_certificate_get_peers(ci->tls_session, &n);
	if (certs == NULL || n == 0)
		return 2;
	if (gnutls_certificate_verify_peers(ci->tls_session, &purpose, 1,
	    &status) < 0 || status != 0 || gnutls_x509_crt_init(&crt) < 0)
		return -1;
	memset(u, 0, sizeof *u);
	len = sizeof u->name;
	if (gnutls_x509_crt_import(crt, &certs[0], GNUTLS_X509_FMT_DER) < 0)
		goto out;
	*not_after = gnutls_x509_crt_get_expiration_time(crt);
	rc = gnutls_x509_crt_get_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME,
	    0, 0, u->name, &len);
	if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE || (rc >= 0 &&
	    u->name[0] == '\0')) {
		ret = 2;	/* no user: as kube, the next authenticator */
		goto out;
	}
	if (rc < 0)
		goto out;
	for (i = 0; u->ngroups < AUTH_MAX_GROUPS - 1; i++) {
		len = sizeof val;
		rc = gnutls_x509_crt_get_dn_by_oid(crt,
		    GNUTLS_OID_X520_ORGANIZATION_NAME, i, 0, val, &len);
		if (rc < 0 && rc != GNUTLS_E_SHORT_MEMORY_BUFFER)
			break;		/* the last (or an unreadable) O */
		/* a group too long to hold is left out, not cut short */
		if (rc >= 0 && len < sizeof u->groups[0])
			snprintf(u->groups[u->ngroups++],
			    sizeof u->groups[0], "%s", val);
	}
	snprintf(u->groups[u->ngroups++], sizeof u->groups[0],
	    "system:authenticated");
	ret = 1;
out:
	gnutls_x509_crt_deinit(crt);
	return ret;
}

/*
 * The user of the connection's client certificate: 1 = a user (in *u),
 * 0 = no certificate, -1 = one that does not verify (or has expired
 * since).  The verification is done once per connection.
 */
static int
http_cert_user(struct MHD_Connection *conn, struct auth_user *u)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn,
	    MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct http_conn *hc = ci != NULL ? ci->socket_context : NULL;
	time_t not_after = 0;
	int rc;

	if (hc == NULL || hc->cert == 0) {
		rc = http_cert_verify(conn, u, &not_after);
		if (hc == NULL)		/* no memory at the start: no cache */
			return rc == 2 ? 0 : rc;
		if (rc == 1 && (hc->user = malloc(sizeof *hc->user)) != NULL)
			*hc->user = *u;
		else if (rc == 1)
			return 1;	/* not remembered */
		hc->cert = rc;
		hc->not_after = not_after;
	}
	if (hc->cert == 1 && time(NULL) > hc->not_after)
		hc->cert = -1;		/* expired since */
	if (hc->cert == 1)
		*u = *hc->user;
	return hc->cert == 2 ? 0 : hc->cert;
}

/*
 * The user of a request: a bearer token's, else a client certificate's,
 * else system:anonymous.  -1 (401) when a bearer token is not known and
 * no certificate verifies, or a certificate does not verify.
 */
static int
http_authenticate(struct server *s, struct MHD_Connection *conn,
    struct request *r)
{
	const char *h;
	int bad_token = 0, rc;

	h = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    "Authorization");
	if (h != NULL && auth_token(s->auth, h, &r->user) == 0)
		return 0;
	while (h != NULL && isspace((unsigned char)*h))
		h++;
	if (h != NULL && strncasecmp(h, "bearer ", 7) == 0)
		bad_token = 1;
	if ((rc = http_cert_user(conn, &r->user)) != 0)
		return rc > 0 ? 0 : -1;
	if (bad_token)
		return -1;
	auth_anonymous(&r->user);
	r->anonymous = 1;
	return 0;
}

/* Replaces a protobuf body by its JSON, which the API layer reads. */
static int
http_protobuf_body(struct request *r, char **json, struct err *err)
{
	json_t *obj = protobuf_decode(r->body, r->body_len, err);

	if (obj == NULL)
		return -1;
	*json = json_dumps(obj, JSON_COMPACT);
	json_decref(obj);
	if (*json == NULL)
		return err_set(err, ERR_INTERNAL, "cannot encode the body");
	r->body = *json;
	r->body_len = strlen(*json);
	r->content_type = "application/json";
	return 0;
}

struct http_groups {
	struct auth_user	*u;
};

static enum MHD_Result
http_impersonate_group(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct http_groups *g = cls;

	if (strcasecmp(key, "Impersonate-Group") == 0 && value != NULL &&
	    g->u->ngroups < AUTH_MAX_GROUPS - 1)
		snprintf(g->u->groups[g->u->ngroups++], sizeof g->u->groups[0],
		    "%s", value);
	return MHD_YES;
}

/*
 * Impersonate-User / Impersonate-Group (kubectl --as, --as-group): the
 * caller must be allowed to impersonate; the request then runs as the
 * user named, in the groups named plus system:authenticated.
 */
static int
http_impersonate(struct server *s, struct MHD_Connection *conn,
    struct request *r, struct err *err)
{
	const char *name = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    "Impersonate-User");
	const struct auth_user *real = &r->user;
	struct http_groups g;
	struct auth_user as;
	int i;

	if (name == NULL || name[0] == '\0')
		return 0;
	if (!auth_allowed(s->auth, real, "impersonate", "", "users", "",
	    name))
		return err_set(err, ERR_FORBIDDEN, "users \"%s\" is forbidden: "
		    "User \"%s\" cannot impersonate resource \"users\" in API "
		    "group \"\" at the cluster scope", name, r->user.name);
	memset(&as, 0, sizeof as);
	snprintf(as.name, sizeof as.name, "%s", name);
	g.u = &as;
	MHD_get_connection_values(conn, MHD_HEADER_KIND,
	    http_impersonate_group, &g);
	for (i = 0; i < as.ngroups; i++)
		if (!auth_allowed(s->auth, real, "impersonate", "", "groups",
		    "", as.groups[i]))
			return err_set(err, ERR_FORBIDDEN, "groups \"%s\" is "
			    "forbidden: User \"%s\" cannot impersonate resource "
			    "\"groups\" in API group \"\" at the cluster scope",
			    as.groups[i], r->user.name);
	snprintf(as.groups[as.ngroups++], sizeof as.groups[0],
	    "system:authenticated");
	r->user = as;
	return 0;
}

static enum MHD_Result
http_access(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct server *s = cls;
	struct reqctx *ctx = *con_cls;
	struct request r;
	struct response resp;
	struct err err;
	enum MHD_Result ret;
	char *pbjson = NULL;

	if (ctx == NULL) {
		ctx = calloc(1, sizeof *ctx);
		if (ctx == NULL)
			return MHD_NO;
		buf_init(&ctx->body, SERVER_MAX_BODY);
		*con_cls = ctx;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (!ctx->too_large &&
		    buf_add(&ctx->body, upload, *upload_size) < 0)
			ctx->too_large = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	memset(&r, 0, sizeof r);
	memset(&resp, 0, sizeof resp);
	buf_init(&resp.body, 0);
	err_clear(&err);
	r.srv = s;
	r.method = method;
	r.path = url;
	r.conn = conn;
	r.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    "Content-Type");
	r.accept = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    "Accept");
	r.user_agent = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    "User-Agent");
	r.body = buf_str(&ctx->body);
	r.body_len = ctx->body.len;
	if (http_authenticate(s, conn, &r) < 0) {
		err_set(&err, ERR_UNAUTHORIZED, "Unauthorized");
		response_status(&resp, &err);
	} else if (http_impersonate(s, conn, &r, &err) < 0) {
		response_status(&resp, &err);
	} else if (ctx->too_large) {
		err_set(&err, ERR_TOO_LARGE, "Request entity too large: limit "
		    "is %zu", SERVER_MAX_BODY);
		response_status(&resp, &err);
	} else if (r.body_len > 0 && protobuf_is_media_type(r.content_type)) {
		/* kubectl 1.32+: typed clients send protobuf */
		if (http_protobuf_body(&r, &pbjson, &err) < 0)
			response_status(&resp, &err);
		else
			http_route(&r, &resp);
		free(pbjson);
	} else {
		http_route(&r, &resp);
	}
	if (resp.code == 0)
		resp.code = 200;
	ret = http_send(conn, ctx, &resp);
	buf_release(&resp.body);
	return ret;
}

static void
http_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct reqctx *ctx = *con_cls;

	if (ctx != NULL) {
		if (ctx->tls != NULL)
			http_uncork(ctx);
		buf_release(&ctx->body);
		free(ctx);
		*con_cls = NULL;
	}
}

static void
http_log(void *cls, const char *fmt, va_list ap)
{
	/* a client that went away in the middle of a watch is routine */
	if (strstr(fmt, "chunked response body") != NULL ||
	    strstr(fmt, "the footers") != NULL ||
	    strstr(fmt, "socket is no longer available") != NULL)
		return;
	vfprintf(stderr, fmt, ap);
}

/*
 * The listening socket is the server's own and one thread accepts on it:
 * libmicrohttpd's workers would each poll it and take up to ten
 * connections in a row, so clients that connect together land on one or
 * two workers, where their writes (each waits for a durable commit)
 * take turns.  MHD_add_connection spreads them over the pool instead (by
 * descriptor number: a burst of connections, one per worker).
 */
static void *
http_acceptor(void *arg)
{
	struct server *s = arg;
	struct sockaddr_storage ss;
	socklen_t len;
	int fd;

	while (!__atomic_load_n(&s->stopping, __ATOMIC_SEQ_CST)) {
		len = sizeof ss;
		fd = accept4(s->listen_fd, (struct sockaddr *)&ss, &len,
		    SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINVAL)	/* shut down by http_stop */
				break;
			if (errno == EMFILE || errno == ENFILE ||
			    errno == ENOBUFS || errno == ENOMEM)
				usleep(100 * 1000);	/* let some close */
			continue;	/* EINTR, ECONNABORTED, ... */
		}
		/* closes fd itself when it cannot take it */
		(void)MHD_add_connection(s->mhd, fd, (struct sockaddr *)&ss,
		    len);
	}
	return NULL;
}

static int
http_listen(struct server *s, const struct sockaddr_in *sin,
    struct err *err)
{
	int one = 1;

	s->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s->listen_fd < 0)
		return err_set(err, ERR_INTERNAL, "socket: %s",
		    strerror(errno));
	setsockopt(s->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(s->listen_fd, (const struct sockaddr *)sin, sizeof *sin) < 0 ||
	    listen(s->listen_fd, 1024) < 0) {
		err_set(err, ERR_INTERNAL, "cannot listen on %s: %s",
		    s->opts.listen, strerror(errno));
		close(s->listen_fd);
		s->listen_fd = -1;
		return -1;
	}
	return 0;
}

int
http_start(struct server *s, struct err *err)
{
	char host[256];
	const char *colon;
	struct sockaddr_in sin;
	long port;
	unsigned flags;

	s->listen_fd = -1;
	colon = strrchr(s->opts.listen, ':');
	if (colon == NULL)
		return err_set(err, ERR_BAD_REQUEST, "--listen wants "
		    "ADDRESS:PORT, not '%s'", s->opts.listen);
	snprintf(host, sizeof host, "%.*s", (int)(colon - s->opts.listen),
	    s->opts.listen);
	port = strtol(colon + 1, NULL, 10);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host[0] ? host : "0.0.0.0",
	    &sin.sin_addr) != 1)
		return err_set(err, ERR_BAD_REQUEST, "bad listen address "
		    "'%s'", host);
	if (http_listen(s, &sin, err) < 0)
		return -1;
	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC |
	    MHD_ALLOW_SUSPEND_RESUME | MHD_ALLOW_UPGRADE | MHD_USE_TLS |
	    MHD_USE_ERROR_LOG;
	s->mhd = MHD_start_daemon(flags, 0, NULL, NULL,
	    http_access, s,
	    MHD_OPTION_EXTERNAL_LOGGER, http_log, s,
	    MHD_OPTION_HTTPS_MEM_KEY, s->pki->key_pem,
	    MHD_OPTION_HTTPS_MEM_CERT, s->pki->cert_pem,
	    /* asks for (does not require) a client certificate */
	    MHD_OPTION_HTTPS_MEM_TRUST, s->client_ca_pem,
	    MHD_OPTION_NOTIFY_CONNECTION, http_connection, s,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)s->opts.threads,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)20000,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, http_completed, s,
	    MHD_OPTION_END);
	if (s->mhd == NULL) {
		close(s->listen_fd);
		s->listen_fd = -1;
		return err_set(err, ERR_INTERNAL, "cannot serve on %s",
		    s->opts.listen);
	}
	if (pthread_create(&s->acceptor, NULL, http_acceptor, s) != 0)
		return err_set(err, ERR_INTERNAL, "cannot start the acceptor");
	s->accepting = 1;
	return 0;
}

void
http_stop(struct server *s)
{
	int i;

	if (s->accepting) {
		/* accept() fails with EINVAL once the socket is shut down */
		__atomic_store_n(&s->stopping, 1, __ATOMIC_SEQ_CST);
		shutdown(s->listen_fd, SHUT_RDWR);
		pthread_join(s->acceptor, NULL);
		s->accepting = 0;
	}
	if (s->listen_fd >= 0)
		close(s->listen_fd);
	s->listen_fd = -1;
	/* the cache ended every watch: let their connections finish, as
	 * libmicrohttpd must not stop with a connection suspended */
	for (i = 0; i < 300 && __atomic_load_n(&http_streams,
	    __ATOMIC_SEQ_CST) > 0; i++)
		usleep(10 * 1000);
	if (s->mhd != NULL)
		MHD_stop_daemon(s->mhd);
	s->mhd = NULL;
}
