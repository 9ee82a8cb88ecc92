/* serve.c - the agent's HTTPS endpoint, kubelet's server: what the API
 * server proxies to a node.
 *
 *   GET /healthz
 *   GET /containerLogs/NS/POD/CONTAINER   ?follow ?previous ?timestamps
 *                                         ?tailLines ?sinceSeconds
 *                                         ?sinceTime ?limitBytes
 *   GET /exec/NS/POD/CONTAINER            ?command=...&stdin&stdout&stderr
 *                                         &tty (WebSocket, exec.c)
 *   GET /attach/NS/POD/CONTAINER          ?stdin&stdout&stderr&tty (exec.c)
 *   GET|POST /portForward/NS/POD          (SPDY, raw or in a WebSocket:
 *                                         portforward.c)
 *
 * libmicrohttpd with GnuTLS, a thread per connection (few, long ones).
 * The serving certificate is self-signed at start; a caller must present
 * a client certificate of the cluster CA whose CN is the API server's
 * (AGENT_APISERVER_CN): nobody else may read logs or run commands.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "../lib/mhdrelay.h"
#include "../lib/pki.h"
#include "../lib/rfc3339.h"
#include "agent.h"
#include "exec.h"
#include "logs.h"
#include "portforward.h"
#include "runtime.h"

#define SERVE_STOP_S	5	/* seconds a stop waits for the connections */

/* What a request names: the pod's (API) object and one container. */
struct serve_target {
	json_t		*pod;
	char		 uid[64];
	char		 ctr[64];
	char		 id[192];	/* the runtime's container id */
	int		 restarts;
	int		 running;
};

/* Whether the peer presented a valid client certificate of the cluster
 * CA with the API server's CN. */
static int
serve_peer_ok(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn,
	    MHD_CONNECTION_INFO_GNUTLS_SESSION);
	const gnutls_datum_t *certs;
	gnutls_x509_crt_t crt;
	unsigned int status = 1, n = 0;
	char cn[256];
	size_t cnlen = sizeof cn;
	int ok = 0;

	if (ci == NULL || ci->tls_session == NULL)
		return 0;
	if (gnutls_certificate_verify_peers2(ci->tls_session, &status) < 0 ||
	    status != 0)
		return 0;
	certs = gnutls_certificate_get_peers(ci->tls_session, &n);
	if (certs == NULL || n == 0 || gnutls_x509_crt_init(&crt) < 0)
		return 0;
	if (gnutls_x509_crt_import(crt, &certs[0], GNUTLS_X509_FMT_DER) >= 0 &&
	    gnutls_x509_crt_get_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0,
	    0, cn, &cnlen) >= 0 && strcmp(cn, AGENT_APISERVER_CN) == 0)
		ok = 1;
	gnutls_x509_crt_deinit(crt);
	return ok;
}

static enum MHD_Result
serve_text(struct MHD_Connection *conn, unsigned code, const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text),
	    (void *)text, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result ret;

	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
	ret = MHD_queue_response(conn, code, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
serve_error(struct MHD_Connection *conn, const struct err *err)
{
	return serve_text(conn, (unsigned)err_code(err->reason), err->msg);
}

static const char *
serve_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/*
 * Finds NS/POD/CONTAINER (ctr may be "": the only container) as kubelet
 * does: ERR_NOT_FOUND for an unknown pod, ERR_BAD_REQUEST for a
 * container that is not there or has not started.
 */
static int
serve_target(struct agent *a, const char *ns, const char *name,
    const char *ctr, struct serve_target *t, struct err *err)
{
	const json_t *spec, *st, *cs;
	const char *lists[] = { "containers", "initContainers",
	    "ephemeralContainers" };
	const char *stlists[] = { "containerStatuses",
	    "initContainerStatuses", "ephemeralContainerStatuses" };
	const char *cid;
	size_t i, j;
	int found = 0;

	memset(t, 0, sizeof *t);
	if ((t->pod = pods_get(a, ns, name)) == NULL)
		return err_set(err, ERR_NOT_FOUND, "pod \"%s/%s\" not found",
		    ns, name);
	spec = json_object_get(t->pod, "spec");
	st = json_object_get(t->pod, "status");
	snprintf(t->uid, sizeof t->uid, "%s", serve_str(json_object_get(
	    t->pod, "metadata"), "uid") ?: "");
	if (ctr == NULL || ctr[0] == '\0') {
		if (json_array_size(json_object_get(spec, "containers")) != 1)
			return err_set(err, ERR_BAD_REQUEST, "a container name "
			    "must be specified for pod %s", name);
		ctr = serve_str(json_array_get(json_object_get(spec,
		    "containers"), 0), "name") ?: "";
	}
	snprintf(t->ctr, sizeof t->ctr, "%s", ctr);
	for (j = 0; j < 3 && !found; j++)
		json_array_foreach(json_object_get(spec, lists[j]), i, cs)
			if (serve_str(cs, "name") != NULL &&
			    strcmp(serve_str(cs, "name"), ctr) == 0)
				found = 1;
	if (!found)
		return err_set(err, ERR_BAD_REQUEST, "container %s is not valid "
		    "for pod %s", ctr, name);
	for (j = 0; j < 3; j++)
		json_array_foreach(json_object_get(st, stlists[j]), i, cs) {
			if (serve_str(cs, "name") == NULL ||
			    strcmp(serve_str(cs, "name"), ctr) != 0)
				continue;
			t->restarts = (int)json_integer_value(json_object_get(cs,
			    "restartCount"));
			t->running = json_object_get(json_object_get(cs,
			    "state"), "running") != NULL;
			cid = serve_str(cs, "containerID");
			if (cid != NULL && strncmp(cid, "crun://", 7) == 0)
				snprintf(t->id, sizeof t->id, "%s", cid + 7);
		}
	if (t->id[0] == '\0')
		return err_set(err, ERR_BAD_REQUEST, "container \"%s\" in pod "
		    "\"%s\" is waiting to start: ContainerCreating", ctr, name);
	return 0;
}

/* --- containerLogs ---------------------------------------------------- */

struct serve_logs {
	struct agent	*a;
	struct logs	*l;
	char		 id[192];
};

static int
serve_logs_alive(void *arg)
{
	struct serve_logs *sl = arg;
	struct runtime_state st;
	struct err err;

	return !sl->a->stop && runtime_state(sl->a->rt, sl->id, &st,
	    &err) == 0 && st.status == RUNTIME_RUNNING;
}

static ssize_t
serve_logs_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct serve_logs *sl = cls;
	ssize_t n = logs_read(sl->l, out, max);

	if (n == 0)
		return MHD_CONTENT_READER_END_OF_STREAM;
	return n < 0 ? MHD_CONTENT_READER_END_WITH_ERROR : n;
}

static void
serve_logs_free(void *cls)
{
	struct serve_logs *sl = cls;

	logs_close(sl->l);
	free(sl);
}

static long long
serve_int(struct MHD_Connection *conn, const char *key, long long def)
{
	const char *v = MHD_lookup_connection_value(conn,
	    MHD_GET_ARGUMENT_KIND, key);
	char *end;
	long long n;

	if (v == NULL || v[0] == '\0')
		return def;
	n = strtoll(v, &end, 10);
	return *end == '\0' ? n : def;
}

static int
serve_bool(struct MHD_Connection *conn, const char *key)
{
	const char *v = MHD_lookup_connection_value(conn,
	    MHD_GET_ARGUMENT_KIND, key);

	return v != NULL && (strcmp(v, "1") == 0 || strcasecmp(v, "true") ==
	    0 || strcmp(v, "t") == 0 || strcmp(v, "T") == 0);
}

static enum MHD_Result
serve_logs(struct agent *a, struct MHD_Connection *conn, const char *ns,
    const char *pod, const char *ctr)
{
	struct logs_opts o = { .tail_lines = -1, .limit_bytes = -1 };
	struct serve_target t;
	struct serve_logs *sl = NULL;
	struct MHD_Response *r;
	struct timespec ts;
	char path[PATH_MAX];
	const char *since;
	struct err err;
	enum MHD_Result ret;
	int n;

	err_clear(&err);
	if (serve_target(a, ns, pod, ctr, &t, &err) < 0)
		goto fail;
	o.follow = serve_bool(conn, "follow");
	o.timestamps = serve_bool(conn, "timestamps");
	o.tail_lines = serve_int(conn, "tailLines", -1);
	o.limit_bytes = serve_int(conn, "limitBytes", -1);
	if ((n = (int)serve_int(conn, "sinceSeconds", 0)) > 0) {
		clock_gettime(CLOCK_REALTIME, &ts);
		o.since_ns = ((long long)ts.tv_sec - n) * 1000000000LL +
		    ts.tv_nsec;
	}
	since = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND,
	    "sinceTime");
	if (since != NULL && since[0] != '\0') {
		if (rfc3339_parse(since, &ts) < 0) {
			err_set(&err, ERR_BAD_REQUEST, "sinceTime: invalid "
			    "time \"%s\"", since);
			goto fail;
		}
		o.since_ns = (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
	}
	if (serve_bool(conn, "previous")) {
		if (t.restarts == 0) {
			err_set(&err, ERR_BAD_REQUEST, "previous terminated "
			    "container \"%s\" in pod \"%s\" not found", t.ctr,
			    pod);
			goto fail;
		}
		t.restarts--;
		o.follow = 0;
	}
	snprintf(path, sizeof path, "%s/logs/%s_%s_%s/%s/%d.log",
	    a->opts.data_dir, ns, pod, t.uid, t.ctr, t.restarts);
	if ((sl = calloc(1, sizeof *sl)) == NULL) {
		err_set(&err, ERR_INTERNAL, "out of memory");
		goto fail;
	}
	sl->a = a;
	snprintf(sl->id, sizeof sl->id, "%s", t.id);
	o.alive = serve_logs_alive;
	o.arg = sl;
	o.stop = &a->stop;
	if ((sl->l = logs_open(path, &o, &err)) == NULL) {
		if (err.reason == ERR_NOT_FOUND)
			err_set(&err, ERR_BAD_REQUEST, "container \"%s\" in pod "
			    "\"%s\" has no log yet", t.ctr, pod);
		free(sl);
		goto fail;
	}
	json_decref(t.pod);
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 32 * 1024,
	    serve_logs_read, sl, serve_logs_free);
	if (r == NULL) {
		serve_logs_free(sl);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", "text/plain");
	ret = MHD_queue_response(conn, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
fail:
	json_decref(t.pod);
	return serve_error(conn, &err);
}

/* --- exec --------------------------------------------------------- */

struct serve_args {
	char	**v;
	size_t	 n, cap;
};

static enum MHD_Result
serve_command_arg(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct serve_args *a = cls;

	if (strcmp(key, "command") != 0 || value == NULL)
		return MHD_YES;
	if (a->n + 2 > a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 8;
		char **v = realloc(a->v, cap * sizeof *v);

		if (v == NULL || cap > 4096)
			return MHD_NO;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = strdup(value);
	a->v[a->n] = NULL;
	return MHD_YES;
}

static enum MHD_Result
serve_exec(struct agent *a, struct MHD_Connection *conn, const char *ns,
    const char *pod, const char *ctr, int attach)
{
	struct exec_req *q = NULL;
	struct serve_target t;
	struct serve_args args = { 0 };
	struct err err;
	enum MHD_Result ret;

	err_clear(&err);
	if (serve_target(a, ns, pod, ctr, &t, &err) < 0)
		goto fail;
	if (!t.running) {
		err_set(&err, ERR_BAD_REQUEST, "container %s is not running "
		    "in pod %s", t.ctr, pod);
		goto fail;
	}
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND,
	    serve_command_arg, &args);
	if (!attach && args.n == 0) {
		err_set(&err, ERR_BAD_REQUEST, "you must specify at least 1 "
		    "command");
		goto fail;
	}
	if ((q = calloc(1, sizeof *q)) == NULL) {
		err_set(&err, ERR_INTERNAL, "out of memory");
		goto fail;
	}
	q->a = a;
	snprintf(q->id, sizeof q->id, "%s", t.id);
	q->argv = args.v;	/* q owns them now */
	args.v = NULL;
	args.n = 0;
	q->in = serve_bool(conn, "stdin") || serve_bool(conn, "input");
	q->out = serve_bool(conn, "stdout") || serve_bool(conn, "output");
	q->err = serve_bool(conn, "stderr") || serve_bool(conn, "error");
	q->tty = serve_bool(conn, "tty");
	q->attach = attach;
	json_decref(t.pod);
	t.pod = NULL;
	ret = exec_upgrade(conn, q, &err);
	if (ret == MHD_YES || err.reason == ERR_NONE)
		return ret;
	q = NULL;	/* exec_upgrade freed it */
fail:
	exec_req_free(q);
	for (size_t i = 0; i < args.n; i++)
		free(args.v[i]);
	free(args.v);
	json_decref(t.pod);
	return serve_error(conn, &err);
}

/* --- portForward ------------------------------------------------- */

static enum MHD_Result
serve_portforward(struct agent *a, struct MHD_Connection *conn,
    const char *ns, const char *name)
{
	json_t *pod = pods_get(a, ns, name);
	const char *uid;
	char netns[PATH_MAX];
	struct err err;
	enum MHD_Result ret;

	err_clear(&err);
	if (pod == NULL) {
		err_set(&err, ERR_NOT_FOUND, "pod \"%s/%s\" not found", ns,
		    name);
		return serve_error(conn, &err);
	}
	uid = serve_str(json_object_get(pod, "metadata"), "uid") ?: "";
	netns[0] = '\0';
	if (!json_is_true(json_object_get(json_object_get(pod, "spec"),
	    "hostNetwork")))
		snprintf(netns, sizeof netns, "%s/pods/%s/sandbox/net",
		    a->opts.data_dir, uid);
	json_decref(pod);
	ret = portforward_upgrade(a, conn, netns[0] ? netns : NULL, &err);
	if (ret == MHD_YES || err.reason == ERR_NONE)
		return ret;
	return serve_error(conn, &err);
}

/* --- routing ------------------------------------------------------ */

/* Splits "/prefix/A/B[/C]" into parts (in buf); the number found. */
static int
serve_split(const char *url, char *buf, size_t len, const char **parts,
    int max)
{
	int n = 0;
	char *p;

	snprintf(buf, len, "%s", url);
	for (p = strtok(buf, "/"); p != NULL && n < max; p = strtok(NULL, "/"))
		parts[n++] = p;
	return p == NULL ? n : -1;
}

static enum MHD_Result
serve_access(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct agent *a = cls;
	const char *p[5];
	char buf[2048];
	int n;

	if (*con_cls == NULL) {
		*con_cls = a;	/* headers first; the body is not read */
		return MHD_YES;
	}
	if (*upload_size > 0) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (!serve_peer_ok(conn))
		return serve_text(conn, MHD_HTTP_UNAUTHORIZED, "Unauthorized");
	if (strcmp(url, "/healthz") == 0)
		return serve_text(conn, MHD_HTTP_OK, "ok");
	n = serve_split(url, buf, sizeof buf, p, 5);
	if (n >= 3 && n <= 4 && strcmp(p[0], "containerLogs") == 0 &&
	    strcmp(method, "GET") == 0)
		return serve_logs(a, conn, p[1], p[2], n == 4 ? p[3] : "");
	if (n >= 3 && n <= 4 && strcmp(p[0], "exec") == 0)
		return serve_exec(a, conn, p[1], p[2], n == 4 ? p[3] : "", 0);
	if (n >= 3 && n <= 4 && strcmp(p[0], "attach") == 0)
		return serve_exec(a, conn, p[1], p[2], n == 4 ? p[3] : "", 1);
	if (n == 3 && strcmp(p[0], "portForward") == 0)
		return serve_portforward(a, conn, p[1], p[2]);
	return serve_text(conn, MHD_HTTP_NOT_FOUND, "404 page not found");
}

static void
serve_log(void *cls, const char *fmt, va_list ap)
{
	/* clients that go away mid-stream are routine */
	if (strstr(fmt, "chunked response") != NULL ||
	    strstr(fmt, "socket is no longer available") != NULL ||
	    strstr(fmt, "TLS") != NULL)
		return;
	vfprintf(stderr, fmt, ap);
}

int
serve_start(struct agent *a, struct err *err)
{
	const char *sans[3] = { a->node_ip, a->opts.node_name, NULL };
	struct sockaddr_in sin;

	if (a->opts.port <= 0)
		return 0;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)a->opts.port);
	if (inet_pton(AF_INET, a->node_ip, &sin.sin_addr) != 1)
		return err_set(err, ERR_BAD_REQUEST, "node IP %s: not an IPv4 "
		    "address", a->node_ip);
	if (pki_self_signed(a->opts.node_name, sans, &a->serve_cert,
	    &a->serve_key, err) < 0)
		return -1;
	a->mhd = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_TLS |
	    MHD_ALLOW_UPGRADE | MHD_USE_ERROR_LOG, (uint16_t)a->opts.port,
	    NULL, NULL, serve_access, a,
	    MHD_OPTION_EXTERNAL_LOGGER, serve_log, a,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
	    MHD_OPTION_HTTPS_MEM_KEY, a->serve_key,
	    MHD_OPTION_HTTPS_MEM_CERT, a->serve_cert,
	    MHD_OPTION_HTTPS_MEM_TRUST, a->ca_pem,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)256,
	    MHD_OPTION_NOTIFY_CONNECTION, mhdrelay_notify, NULL,
	    MHD_OPTION_END);
	if (a->mhd == NULL)
		return err_set(err, ERR_INTERNAL, "cannot listen on %s:%d",
		    a->node_ip, a->opts.port);
	return 0;
}

static void *
serve_stopper(void *arg)
{
	MHD_stop_daemon(arg);
	return NULL;
}

/*
 * Stops the HTTPS server, waiting at most SERVE_STOP_S for its
 * connections: every stream (logs, exec, attach, port-forward) ends on
 * a->stop, but an upgraded connection whose peer, the API server, holds
 * it open must not hold the agent's stop; the process exit closes it.
 */
void
serve_stop(struct agent *a)
{
	struct timespec until;
	pthread_t t;

	if (a->mhd != NULL && pthread_create(&t, NULL, serve_stopper,
	    a->mhd) == 0) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += SERVE_STOP_S;
		if (pthread_timedjoin_np(t, NULL, &until) != 0) {
			fprintf(stderr, "kubec-agent: the API server's "
			    "connections still open after %d s: left to the "
			    "exit\n", SERVE_STOP_S);
			pthread_detach(t);
			a->mhd = NULL;
			return;		/* its certificate stays in use */
		}
	} else if (a->mhd != NULL) {
		MHD_stop_daemon(a->mhd);
	}
	a->mhd = NULL;
	free(a->serve_cert);
	if (a->serve_key != NULL)
		explicit_bzero(a->serve_key, strlen(a->serve_key));
	free(a->serve_key);
	a->serve_cert = a->serve_key = NULL;
}
