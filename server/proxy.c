/* proxy.c - the pods' streaming subresources, proxied to the agent of the
 * pod's node as kube-apiserver proxies them to kubelet:
 *
 *   pods/log                    GET  -> /containerLogs/NS/POD/CONTAINER
 *   pods/exec                   GET  -> /exec/NS/POD/CONTAINER (WebSocket)
 *   pods/attach                 GET  -> /attach/NS/POD/CONTAINER
 *   pods/portforward            GET  -> /portForward/NS/POD
 *
 * The agent is reached at the Node's InternalIP and its kubelet port
 * (status.daemonEndpoints), with a client certificate of the cluster CA
 * (CN kube-apiserver-kubelet-client) made at start; the agent's own
 * certificate is not verified, as kube-apiserver does without
 * --kubelet-certificate-authority.  A log is a thread that reads the
 * agent's answer into a buffer the HTTP side drains (suspending the
 * connection while it is empty); an upgrade is answered with the agent's
 * own 101 and the two connections are spliced by a thread.  The splice
 * waits on no write: each direction has a buffer of PROXY_PIPE bytes,
 * written as the other side takes it (POLLOUT), and a side is not read
 * while its buffer is full, so both directions flow at once (kubectl
 * port-forward echoing through a pod) and a slow reader holds its
 * writer back instead of filling memory.
 */
#include <errno.h>
#include <microhttpd.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../lib/curlapi.h"
#include "../lib/mhdrelay.h"
#include "../lib/pki.h"
#include "../lib/rest.h"
#include "api.h"
#include "server.h"

#define PROXY_CN		"kube-apiserver-kubelet-client"
#define PROXY_BUF		(1 << 20)	/* log bytes held per stream */
#define PROXY_ERR_BODY		4096
#define PROXY_HEAD_MAX		16384
#define PROXY_PIPE		((size_t)256 << 10) /* per direction, upgrades */
#define PROXY_LINGER		10	/* s to flush a side after the other ended */

int
proxy_start(struct server *s, struct err *err)
{
	return pki_issue_client(s->pki, PROXY_CN, "system:masters",
	    &s->kubelet_cert, &s->kubelet_key, err);
}

void
proxy_stop(struct server *s)
{
	free(s->kubelet_cert);
	if (s->kubelet_key != NULL)
		explicit_bzero(s->kubelet_key, strlen(s->kubelet_key));
	free(s->kubelet_key);
	s->kubelet_cert = s->kubelet_key = NULL;
}

static const char *
proxy_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* Whether name is a container (init and ephemeral ones too) of spec. */
static int
proxy_has_container(const json_t *spec, const char *name)
{
	const char *lists[] = { "containers", "initContainers",
	    "ephemeralContainers" };
	const json_t *c;
	size_t i, j;

	for (j = 0; j < 3; j++)
		json_array_foreach(json_object_get(spec, lists[j]), i, c)
			if (proxy_str(c, "name") != NULL &&
			    strcmp(proxy_str(c, "name"), name) == 0)
				return 1;
	return 0;
}

/* "a b c" of the names in spec's list key. */
static void
proxy_names(const json_t *spec, const char *key, struct buf *b)
{
	const json_t *c;
	size_t i;

	json_array_foreach(json_object_get(spec, key), i, c)
		buf_addf(b, "%s%s", i ? " " : "", proxy_str(c, "name") ?: "");
}

/*
 * The agent's base URL for the request's pod, and the container it
 * names (the only one when none is named), checked as kube-apiserver
 * checks them.
 */
static int
proxy_target(struct request *r, char *base, size_t blen, char *ctr,
    size_t clen, struct err *err)
{
	const struct registry_kind *nk = registry_find("", "nodes");
	const char *node, *want = request_query(r, "container"), *ip = NULL;
	const json_t *spec, *a;
	struct cobj *pod = NULL, *n = NULL;
	char key[1024];
	json_int_t port;
	size_t i;
	int ret = -1;

	api_key(r, r->name, key, sizeof key);
	if ((pod = cache_get(r->srv->cache, key)) == NULL)
		return api_not_found(err, r->kind, r->name);
	spec = json_object_get(pod->obj, "spec");
	if (want != NULL && want[0] != '\0') {
		if (!proxy_has_container(spec, want)) {
			err_set(err, ERR_BAD_REQUEST, "container %s is not "
			    "valid for pod %s", want, r->name);
			goto out;
		}
		snprintf(ctr, clen, "%s", want);
	} else if (json_array_size(json_object_get(spec, "containers")) == 1) {
		snprintf(ctr, clen, "%s", proxy_str(json_array_get(
		    json_object_get(spec, "containers"), 0), "name") ?: "");
	} else if (strcmp(r->subresource, "portforward") != 0) {
		struct buf names = BUF_INIT(8192), init = BUF_INIT(8192);

		proxy_names(spec, "containers", &names);
		proxy_names(spec, "initContainers", &init);
		err_set(err, ERR_BAD_REQUEST, "a container name must be "
		    "specified for pod %s, choose one of: [%s]%s%s%s",
		    r->name, buf_str(&names), init.len ? " or one of the init "
		    "containers: [" : "", buf_str(&init), init.len ? "]" : "");
		buf_release(&names);
		buf_release(&init);
		goto out;
	}
	node = proxy_str(spec, "nodeName");
	if (node == NULL || node[0] == '\0') {
		err_set(err, ERR_BAD_REQUEST, "pod %s does not have a host "
		    "assigned", r->name);
		goto out;
	}
	object_key(nk, "", node, key, sizeof key);
	if ((n = cache_get(r->srv->cache, key)) == NULL) {
		err_set(err, ERR_NOT_FOUND, "nodes \"%s\" not found", node);
		goto out;
	}
	json_array_foreach(json_object_get(json_object_get(n->obj, "status"),
	    "addresses"), i, a)
		if (ip == NULL && proxy_str(a, "type") != NULL &&
		    strcmp(proxy_str(a, "type"), "InternalIP") == 0)
			ip = proxy_str(a, "address");
	port = json_integer_value(json_object_get(json_object_get(
	    json_object_get(json_object_get(n->obj, "status"),
	    "daemonEndpoints"), "kubeletEndpoint"), "Port"));
	if (ip == NULL || port <= 0 || port > 65535) {
		err_set(err, ERR_SERVICE_UNAVAILABLE, "node %s has no address "
		    "to reach its agent at", node);
		goto out;
	}
	snprintf(base, blen, strchr(ip, ':') ? "https://[%s]:%lld" :
	    "https://%s:%lld", ip, (long long)port);
	ret = 0;
out:
	if (n != NULL)
		cobj_unref(n);
	cobj_unref(pod);
	return ret;
}

static struct rest *
proxy_rest(struct server *s, const char *base, struct err *err)
{
	struct kube_target t;

	memset(&t, 0, sizeof t);
	snprintf(t.server, sizeof t.server, "%s", base);
	t.cert_pem = s->kubelet_cert;
	t.key_pem = s->kubelet_key;
	t.insecure = 1;
	return rest_open(&t, "kubec-server", err);
}

struct proxy_query {
	struct buf	*b;
	const char	*const *keep;	/* NULL: every parameter */
	CURL		*c;
};

static enum MHD_Result
proxy_query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct proxy_query *q = cls;
	char *k, *v;
	int i, keep = q->keep == NULL;

	for (i = 0; !keep && q->keep[i] != NULL; i++)
		keep = strcmp(q->keep[i], key) == 0;
	if (!keep)
		return MHD_YES;
	k = curl_easy_escape(q->c, key, 0);
	v = curl_easy_escape(q->c, value ? value : "", 0);
	if (k != NULL && v != NULL)
		buf_addf(q->b, "%c%s=%s", q->b->len ? '&' : '?', k, v);
	curl_free(k);
	curl_free(v);
	return MHD_YES;
}

/* The request's query parameters (those in keep) as "?a=b&c=d". */
static void
proxy_query(struct request *r, const char *const *keep, struct buf *b)
{
	struct proxy_query q = { b, keep, curl_easy_init() };

	if (q.c != NULL && r->conn != NULL)
		MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND,
		    proxy_query_arg, &q);
	curl_easy_cleanup(q.c);
}

/* --- pods/log ----------------------------------------------------- */

struct proxy_log {
	struct stream	 st;		/* first: http.c frees through it */
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	struct buf	 data;
	int		 headers, done, cancel;
	long		 code;
	struct rest	*rest;
	CURL		*c;
	pthread_t	 thread;
	int		 started;
	void		(*suspend)(void *);
	int		 suspended;
};

static size_t
proxy_log_header(char *p, size_t sz, size_t n, void *arg)
{
	struct proxy_log *pl = arg;

	if (sz * n <= 2 && (p[0] == '\r' || p[0] == '\n')) {
		pthread_mutex_lock(&pl->mu);
		curl_easy_getinfo(pl->c, CURLINFO_RESPONSE_CODE, &pl->code);
		pl->headers = 1;
		pthread_cond_broadcast(&pl->cv);
		pthread_mutex_unlock(&pl->mu);
	}
	return sz * n;
}

static size_t
proxy_log_data(char *p, size_t sz, size_t n, void *arg)
{
	struct proxy_log *pl = arg;
	size_t len = sz * n;

	pthread_mutex_lock(&pl->mu);
	while (!pl->cancel && pl->data.len + len > PROXY_BUF)
		pthread_cond_wait(&pl->cv, &pl->mu);
	if (pl->cancel) {
		pthread_mutex_unlock(&pl->mu);
		return 0;
	}
	buf_add(&pl->data, p, len);
	if (pl->suspended) {
		pl->suspended = 0;
		http_stream_wake(&pl->st);
	}
	pthread_mutex_unlock(&pl->mu);
	return len;
}

static int
proxy_log_progress(void *arg, curl_off_t a, curl_off_t b, curl_off_t c,
    curl_off_t d)
{
	struct proxy_log *pl = arg;

	return pl->cancel;
}

static void *
proxy_log_thread(void *arg)
{
	struct proxy_log *pl = arg;

	curl_easy_perform(pl->c);
	pthread_mutex_lock(&pl->mu);
	if (!pl->headers)
		curl_easy_getinfo(pl->c, CURLINFO_RESPONSE_CODE, &pl->code);
	pl->headers = pl->done = 1;
	pthread_cond_broadcast(&pl->cv);
	if (pl->suspended) {
		pl->suspended = 0;
		http_stream_wake(&pl->st);
	}
	pthread_mutex_unlock(&pl->mu);
	return NULL;
}

static int
proxy_log_fill(struct stream *st, struct buf *out, void (*suspend)(void *))
{
	struct proxy_log *pl = (struct proxy_log *)st;
	int ret;

	pthread_mutex_lock(&pl->mu);
	if (pl->data.len > 0) {
		buf_add(out, pl->data.data, pl->data.len);
		buf_reset(&pl->data);
		pthread_cond_broadcast(&pl->cv);
		ret = 1;
	} else if (pl->done) {
		ret = -1;
	} else {
		pl->suspended = 1;
		suspend(st);
		ret = 0;
	}
	pthread_mutex_unlock(&pl->mu);
	return ret;
}

static void
proxy_log_free(struct proxy_log *pl)
{
	if (pl->started) {
		pthread_mutex_lock(&pl->mu);
		pl->cancel = 1;
		pthread_cond_broadcast(&pl->cv);
		pthread_mutex_unlock(&pl->mu);
		pthread_join(pl->thread, NULL);
	}
	if (pl->c != NULL)
		curl_easy_cleanup(pl->c);
	rest_close(pl->rest);
	buf_release(&pl->data);
	pthread_mutex_destroy(&pl->mu);
	pthread_cond_destroy(&pl->cv);
	free(pl);
}

static void
proxy_log_release(struct stream *st)
{
	proxy_log_free((struct proxy_log *)st);
}

void
proxy_log(struct request *r, struct response *resp)
{
	static const char *const keep[] = { "follow", "previous",
	    "timestamps", "tailLines", "sinceSeconds", "sinceTime",
	    "limitBytes", NULL };
	struct buf path = BUF_INIT(8192), q = BUF_INIT(4096);
	struct proxy_log *pl = NULL;
	char base[512], ctr[254];
	struct err err;

	err_clear(&err);
	if (proxy_target(r, base, sizeof base, ctr, sizeof ctr, &err) < 0)
		goto fail;
	if ((pl = calloc(1, sizeof *pl)) == NULL) {
		err_set(&err, ERR_INTERNAL, "out of memory");
		goto fail;
	}
	pthread_mutex_init(&pl->mu, NULL);
	pthread_cond_init(&pl->cv, NULL);
	buf_init(&pl->data, PROXY_BUF + CURL_MAX_WRITE_SIZE);
	proxy_query(r, keep, &q);
	buf_addf(&path, "/containerLogs/%s/%s/%s%s", r->ns, r->name, ctr,
	    buf_str(&q));
	if ((pl->rest = proxy_rest(r->srv, base, &err)) == NULL)
		goto fail;
	if ((pl->c = rest_easy(pl->rest, buf_str(&path))) == NULL) {
		err_set(&err, ERR_INTERNAL, "out of memory");
		goto fail;
	}
	curl_easy_setopt(pl->c, CURLOPT_HEADERFUNCTION, proxy_log_header);
	curl_easy_setopt(pl->c, CURLOPT_HEADERDATA, pl);
	curl_easy_setopt(pl->c, CURLOPT_WRITEFUNCTION, proxy_log_data);
	curl_easy_setopt(pl->c, CURLOPT_WRITEDATA, pl);
	curl_easy_setopt(pl->c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(pl->c, CURLOPT_XFERINFOFUNCTION, proxy_log_progress);
	curl_easy_setopt(pl->c, CURLOPT_XFERINFODATA, pl);
	if (pthread_create(&pl->thread, NULL, proxy_log_thread, pl) != 0) {
		err_set(&err, ERR_INTERNAL, "cannot start the log stream");
		goto fail;
	}
	pl->started = 1;
	pthread_mutex_lock(&pl->mu);
	while (!pl->headers)
		pthread_cond_wait(&pl->cv, &pl->mu);
	/* an error: its text, whole */
	while (pl->code != 200 && !pl->done && pl->data.len < PROXY_ERR_BODY)
		pthread_cond_wait(&pl->cv, &pl->mu);
	pthread_mutex_unlock(&pl->mu);
	if (pl->code == 0) {
		err_set(&err, ERR_SERVICE_UNAVAILABLE, "cannot reach the agent "
		    "of the pod's node at %s", base);
		goto fail;
	}
	if (pl->code != 200) {
		size_t n = pl->data.len;

		while (n > 0 && (pl->data.data[n - 1] == '\n' ||
		    pl->data.data[n - 1] == '\r'))
			n--;
		err_set(&err, pl->code == 404 ? ERR_NOT_FOUND : pl->code ==
		    400 ? ERR_BAD_REQUEST : pl->code == 401 || pl->code == 403 ?
		    ERR_FORBIDDEN : ERR_INTERNAL, "%.*s", (int)n,
		    pl->data.data ? pl->data.data : "");
		goto fail;
	}
	pl->st.fill = proxy_log_fill;
	pl->st.release = proxy_log_release;
	pl->st.deadline = (long long)1 << 62;
	resp->stream = &pl->st;
	resp->content_type = "text/plain";
	resp->code = 200;
	buf_release(&path);
	buf_release(&q);
	return;
fail:
	if (pl != NULL)
		proxy_log_free(pl);
	buf_release(&path);
	buf_release(&q);
	response_status(resp, &err);
}

/* --- exec, attach, portforward: upgrades -------------------------- */

struct proxy_conn {
	struct server	*srv;
	struct rest	*rest;
	CURL		*c;
	int		 fd;		/* the agent connection's socket */
	struct buf	 early;		/* agent bytes after its 101 */
};

static void
proxy_conn_free(struct proxy_conn *pc)
{
	if (pc == NULL)
		return;
	if (pc->c != NULL)
		curl_easy_cleanup(pc->c);
	rest_close(pc->rest);
	buf_release(&pc->early);
	free(pc);
}

static int
proxy_wait(int fd, short ev, int ms)
{
	struct pollfd pf = { .fd = fd, .events = ev };

	return poll(&pf, 1, ms);
}

static int
proxy_send(struct proxy_conn *pc, const char *p, size_t n)
{
	size_t sent;
	CURLcode rc;

	while (n > 0) {
		rc = curl_easy_send(pc->c, p, n, &sent);
		if (rc == CURLE_AGAIN) {
			if (proxy_wait(pc->fd, POLLOUT, 30000) <= 0)
				return -1;
			continue;
		}
		if (rc != CURLE_OK)
			return -1;
		p += sent;
		n -= sent;
	}
	return 0;
}

/* Reads what the agent sends: bytes (> 0), 0 nothing now, -1 closed. */
static ssize_t
proxy_recv(struct proxy_conn *pc, char *p, size_t n)
{
	size_t got = 0;
	CURLcode rc = curl_easy_recv(pc->c, p, n, &got);

	if (rc == CURLE_AGAIN)
		return 0;
	if (rc != CURLE_OK || got == 0)
		return -1;
	return (ssize_t)got;
}

/*
 * One direction of a splice: bytes read from one side, data[off..len) of
 * b not yet written to the other.  Its memory is taken whole at the
 * start, and what was written leaves the front only while TLS does not
 * wait to be given the same bytes again (OpenSSL's retry rule).
 */
struct proxy_pipe {
	struct buf	b;
	size_t		off;
	int		again;	/* TLS wants data + off again */
};

static int
proxy_pipe_init(struct proxy_pipe *p)
{
	buf_init(&p->b, PROXY_PIPE);
	p->off = 0;
	p->again = 0;
	return buf_grow(&p->b, PROXY_PIPE);
}

static size_t
proxy_pipe_len(const struct proxy_pipe *p)
{
	return p->b.len - p->off;
}

/* What may be read into p now. */
static size_t
proxy_pipe_room(struct proxy_pipe *p)
{
	size_t left = p->b.len - p->off;

	/* moved once it is no longer than what was written, or when it
	 * has to: each byte moves at most once on average */
	if (p->off > 0 && !p->again && (p->off >= left ||
	    p->b.len == p->b.cap)) {
		memmove(p->b.data, p->b.data + p->off, left);
		buf_truncate(&p->b, left);
		p->off = 0;
	}
	return p->b.cap - p->b.len;
}

/* Writes to the client socket what it takes now; -1 when it is gone. */
static int
proxy_pipe_to_sock(struct proxy_pipe *p, int fd)
{
	while (proxy_pipe_len(p) > 0) {
		ssize_t w = send(fd, p->b.data + p->off, proxy_pipe_len(p),
		    MSG_NOSIGNAL | MSG_DONTWAIT);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (w <= 0)
			return -1;
		p->off += (size_t)w;
	}
	return 0;
}

/* Writes to the agent what its connection takes now; -1 when it is gone. */
static int
proxy_pipe_to_agent(struct proxy_pipe *p, struct proxy_conn *pc)
{
	size_t sent;
	CURLcode rc;

	while (proxy_pipe_len(p) > 0) {
		sent = 0;
		rc = curl_easy_send(pc->c, p->b.data + p->off,
		    proxy_pipe_len(p), &sent);
		if (rc == CURLE_AGAIN || (rc == CURLE_OK && sent == 0)) {
			p->again = 1;
			return 0;
		}
		if (rc != CURLE_OK)
			return -1;
		p->again = 0;
		p->off += sent;
	}
	return 0;
}

/* Reads from the client socket what p has room for: 0, or -1 at its end. */
static int
proxy_pipe_from_sock(struct proxy_pipe *p, int fd)
{
	char chunk[65536];
	size_t room;
	ssize_t n;

	while ((room = proxy_pipe_room(p)) > 0) {
		n = recv(fd, chunk, room < sizeof chunk ? room : sizeof chunk,
		    MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n <= 0 || buf_add(&p->b, chunk, (size_t)n) < 0)
			return -1;
	}
	return 0;
}

/* Reads from the agent what p has room for (TLS may hold decrypted bytes
 * the socket no longer shows: read until it has none): 0, or -1 at its
 * end. */
static int
proxy_pipe_from_agent(struct proxy_pipe *p, struct proxy_conn *pc)
{
	char chunk[65536];
	size_t room;
	ssize_t n;

	while ((room = proxy_pipe_room(p)) > 0) {
		n = proxy_recv(pc, chunk, room < sizeof chunk ? room :
		    sizeof chunk);
		if (n == 0)
			return 0;
		if (n < 0 || buf_add(&p->b, chunk, (size_t)n) < 0)
			return -1;
	}
	return 0;
}

struct proxy_splice {
	struct proxy_conn		*pc;
	struct MHD_Connection		*conn;
	int				 sock;
	struct MHD_UpgradeResponseHandle *urh;
	struct proxy_pipe		 up;	/* client to agent */
	struct proxy_pipe		 down;	/* agent to client */
};

static void
proxy_splice_free(struct proxy_splice *sp)
{
	if (sp == NULL)
		return;
	buf_release(&sp->up.b);
	buf_release(&sp->down.b);
	free(sp);
}

/* Copies both ways until one side closes and what it sent is written. */
static void *
proxy_splice_thread(void *arg)
{
	struct proxy_splice *sp = arg;
	struct proxy_conn *pc = sp->pc;
	struct pollfd pf[2];
	int client_open = 1, agent_open = 1;
	time_t end = 0;

	while (!pc->srv->stopping) {
		if (agent_open && proxy_pipe_from_agent(&sp->down, pc) < 0)
			agent_open = 0;
		if (proxy_pipe_to_sock(&sp->down, sp->sock) < 0 ||
		    proxy_pipe_to_agent(&sp->up, pc) < 0)
			break;
		/* a client that closed: libmicrohttpd 0.9.75 does not end
		 * its socket, its relay's state says it (what the socket
		 * holds then is the last); checked at least every second */
		if (client_open && mhdrelay_peer_gone(sp->urh) &&
		    (proxy_pipe_from_sock(&sp->up, sp->sock) < 0 ||
		    proxy_pipe_room(&sp->up) > 0))
			client_open = 0;
		/* one side ended: the other gets what it sent, then ends */
		if (!client_open || !agent_open) {
			if ((!client_open && proxy_pipe_len(&sp->up) == 0) ||
			    (!agent_open && proxy_pipe_len(&sp->down) == 0))
				break;
			if (end == 0)
				end = time(NULL) + PROXY_LINGER;
			else if (time(NULL) >= end)
				break;
		}
		pf[0] = (struct pollfd){ .fd = sp->sock, .events =
		    (client_open && proxy_pipe_room(&sp->up) > 0 ? POLLIN : 0) |
		    (proxy_pipe_len(&sp->down) > 0 ? POLLOUT : 0) };
		pf[1] = (struct pollfd){ .fd = pc->fd, .events =
		    (agent_open && proxy_pipe_room(&sp->down) > 0 ?
		    POLLIN : 0) |
		    (proxy_pipe_len(&sp->up) > 0 ? POLLOUT : 0) };
		/* with no events asked, poll() still says when a side hung
		 * up: a client gone while its pipe is full is seen too */
		if (poll(pf, 2, 1000) <= 0)
			continue;
		if ((pf[0].events & POLLIN) && (pf[0].revents &
		    (POLLIN | POLLERR | POLLHUP)) &&
		    proxy_pipe_from_sock(&sp->up, sp->sock) < 0)
			client_open = 0;
		if (!(pf[0].events & POLLIN) && (pf[0].revents &
		    (POLLERR | POLLHUP)))
			client_open = 0;
		if (!(pf[1].events & POLLIN) && (pf[1].revents &
		    (POLLERR | POLLHUP)))
			agent_open = 0;
	}
	proxy_conn_free(pc);
	/* the client's connection ends (libmicrohttpd 0.9.75 may need its
	 * socket shut down for it, two seconds later) */
	mhdrelay_close(sp->conn, sp->urh, 2000);
	proxy_splice_free(sp);
	return NULL;
}

static void
proxy_upgraded(void *cls, struct MHD_Connection *conn, void *con_cls,
    const char *extra, size_t extra_len, MHD_socket sock,
    struct MHD_UpgradeResponseHandle *urh)
{
	struct proxy_conn *pc = cls;
	struct proxy_splice *sp = calloc(1, sizeof *sp);
	pthread_attr_t attr;
	pthread_t t;

	mhdrelay_widen(conn, sock, urh);
	/* what the client sent already goes to the agent first, what the
	 * agent sent after its 101 to the client */
	if (sp == NULL || proxy_pipe_init(&sp->up) < 0 ||
	    proxy_pipe_init(&sp->down) < 0 ||
	    buf_add(&sp->up.b, extra, extra_len) < 0 ||
	    buf_add(&sp->down.b, pc->early.data, pc->early.len) < 0) {
		proxy_splice_free(sp);
		proxy_conn_free(pc);
		MHD_upgrade_action(urh, MHD_UPGRADE_ACTION_CLOSE);
		return;
	}
	sp->pc = pc;
	sp->conn = conn;
	sp->sock = sock;
	sp->urh = urh;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &attr, proxy_splice_thread, sp) != 0) {
		proxy_splice_free(sp);
		proxy_conn_free(pc);
		MHD_upgrade_action(urh, MHD_UPGRADE_ACTION_CLOSE);
	}
	pthread_attr_destroy(&attr);
}

/* The value of header name in the head (CRLF lines), into out. */
static int
proxy_header(const char *head, const char *name, char *out, size_t n)
{
	size_t len = strlen(name);
	const char *p = strstr(head, "\r\n");

	while (p != NULL && p[2] != '\r') {
		p += 2;
		if (strncasecmp(p, name, len) == 0 && p[len] == ':') {
			const char *v = p + len + 1, *e = strstr(v, "\r\n");

			while (*v == ' ' || *v == '\t')
				v++;
			snprintf(out, n, "%.*s", e ? (int)(e - v) :
			    (int)strlen(v), v);
			return 1;
		}
		p = strstr(p, "\r\n");
	}
	return 0;
}

struct proxy_fwd {
	struct buf		*b;
	const char *const	*names;
};

/* Each header of the client's that goes to the agent (every value of a
 * repeated one: kubectl offers X-Stream-Protocol-Version several times). */
static enum MHD_Result
proxy_fwd_header(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct proxy_fwd *f = cls;

	for (int i = 0; f->names[i] != NULL; i++)
		if (strcasecmp(key, f->names[i]) == 0 && value != NULL &&
		    strpbrk(value, "\r\n") == NULL)
			buf_addf(f->b, "%s: %s\r\n", f->names[i], value);
	return MHD_YES;
}

void
proxy_connect(struct request *r, struct response *resp)
{
	static const char *const fwd[] = { "Upgrade", "Connection",
	    "Sec-WebSocket-Key", "Sec-WebSocket-Version",
	    "Sec-WebSocket-Protocol", "X-Stream-Protocol-Version", NULL };
	struct buf head = BUF_INIT(PROXY_HEAD_MAX), req = BUF_INIT(16384),
	    q = BUF_INIT(8192);
	struct proxy_conn *pc = NULL;
	char base[512], ctr[254], value[1024], *end;
	const char *agent_path, *h;
	struct proxy_fwd fh;
	struct err err;
	curl_socket_t fd;
	long code;
	int i;

	err_clear(&err);
	if (strcmp(r->subresource, "exec") == 0)
		agent_path = "exec";
	else if (strcmp(r->subresource, "attach") == 0)
		agent_path = "attach";
	else
		agent_path = "portForward";
	if (proxy_target(r, base, sizeof base, ctr, sizeof ctr, &err) < 0)
		goto fail;
	h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Upgrade");
	if (h == NULL) {
		err_set(&err, ERR_BAD_REQUEST, "Upgrade request required");
		goto fail;
	}
	if ((pc = calloc(1, sizeof *pc)) == NULL) {
		err_set(&err, ERR_INTERNAL, "out of memory");
		goto fail;
	}
	pc->srv = r->srv;
	buf_init(&pc->early, PROXY_HEAD_MAX);
	if ((pc->rest = proxy_rest(r->srv, base, &err)) == NULL)
		goto fail;
	if ((pc->c = rest_easy(pc->rest, "/")) == NULL) {
		err_set(&err, ERR_INTERNAL, "out of memory");
		goto fail;
	}
	curl_easy_setopt(pc->c, CURLOPT_CONNECT_ONLY, 1L);
	if (curl_easy_perform(pc->c) != CURLE_OK ||
	    curl_easy_getinfo(pc->c, CURLINFO_ACTIVESOCKET, &fd) != CURLE_OK ||
	    fd == CURL_SOCKET_BAD) {
		err_set(&err, ERR_SERVICE_UNAVAILABLE, "cannot reach the agent "
		    "of the pod's node at %s", base);
		goto fail;
	}
	pc->fd = (int)fd;
	if (strcmp(agent_path, "portForward") == 0)
		ctr[0] = '\0';		/* a pod's, not a container's */
	proxy_query(r, NULL, &q);
	buf_addf(&req, "GET /%s/%s/%s%s%s%s HTTP/1.1\r\nHost: %s\r\n",
	    agent_path, r->ns, r->name, ctr[0] ? "/" : "", ctr, buf_str(&q),
	    base + strlen("https://"));
	fh.b = &req;
	fh.names = fwd;
	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, proxy_fwd_header,
	    &fh);
	if (buf_adds(&req, "\r\n") < 0 ||
	    proxy_send(pc, req.data, req.len) < 0) {
		err_set(&err, ERR_SERVICE_UNAVAILABLE, "the agent at %s went "
		    "away", base);
		goto fail;
	}
	/* the agent's answer: its head, and what follows it */
	while ((end = strstr(buf_str(&head), "\r\n\r\n")) == NULL) {
		char chunk[4096];
		ssize_t n = proxy_recv(pc, chunk, sizeof chunk);

		if (n == 0 && proxy_wait(pc->fd, POLLIN, 30000) > 0)
			continue;
		if (n <= 0 || buf_add(&head, chunk, (size_t)n) < 0) {
			err_set(&err, ERR_SERVICE_UNAVAILABLE, "no answer from "
			    "the agent at %s", base);
			goto fail;
		}
	}
	buf_add(&pc->early, end + 4, head.len - (size_t)(end + 4 - head.data));
	end[2] = '\0';
	code = strtol(strchr(head.data, ' ') ? strchr(head.data, ' ') : "",
	    NULL, 10);
	if (code != 101) {
		/* its body (a short text) says why */
		long want = proxy_header(head.data, "Content-Length", value,
		    sizeof value) ? strtol(value, NULL, 10) : 0;

		while ((long)pc->early.len < want && want < PROXY_ERR_BODY) {
			char chunk[4096];
			ssize_t n = proxy_recv(pc, chunk, sizeof chunk);

			if (n == 0 && proxy_wait(pc->fd, POLLIN, 5000) > 0)
				continue;
			if (n <= 0 || buf_add(&pc->early, chunk, (size_t)n) < 0)
				break;
		}
		err_set(&err, code == 404 ? ERR_NOT_FOUND : code == 400 ?
		    ERR_BAD_REQUEST : code == 401 || code == 403 ?
		    ERR_FORBIDDEN : ERR_INTERNAL, "%.*s",
		    (int)strcspn(buf_str(&pc->early), "\r\n"),
		    buf_str(&pc->early));
		goto fail;
	}
	resp->code = 101;
	for (i = 0; fwd[i] != NULL; i++)
		if (strcasecmp(fwd[i], "Sec-WebSocket-Key") != 0 &&
		    strcasecmp(fwd[i], "Connection") != 0 &&
		    proxy_header(head.data, fwd[i], value, sizeof value))
			response_header(resp, fwd[i], value);
	if (proxy_header(head.data, "Sec-WebSocket-Accept", value,
	    sizeof value))
		response_header(resp, "Sec-WebSocket-Accept", value);
	resp->upgrade = (void *)proxy_upgraded;
	resp->upgrade_cls = pc;
	buf_release(&head);
	buf_release(&req);
	buf_release(&q);
	return;
fail:
	proxy_conn_free(pc);
	buf_release(&head);
	buf_release(&req);
	buf_release(&q);
	response_status(resp, &err);
}
