/* portforward.c - kubectl port-forward sessions on the agent: SPDY/3.1,
 * raw or in WebSocket binary messages, one thread per session polling
 * the client and every forwarded connection; see portforward.h.
 *
 * Nothing waits on a write: what a side cannot take now is kept in a
 * bounded buffer toward it and polled for POLLOUT, and a side is not
 * read while the buffer its bytes go to is full (the pods while the
 * client holds PF_OUT_HIGH, the client while the connection its next
 * frame is for holds PF_POD_HIGH), so both directions flow at once and
 * a slow reader slows its writer instead of filling memory. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../lib/buf.h"
#include "../lib/mhdrelay.h"
#include "../lib/spdy.h"
#include "../lib/websocket.h"
#include "portforward.h"
#include "stream.h"

#define PF_PAIRS	64		/* forwarded connections at once */
#define PF_IN_MAX	(2 * SPDY_MAX_FRAME + 65536)
#define PF_IN_LOW	65536		/* WebSocket payloads unwrapped ahead */
#define PF_OUT_HIGH	((size_t)1 << 20) /* toward the client: pods wait */
#define PF_OUT_MAX	(4 * PF_OUT_HIGH)
#define PF_POD_HIGH	((size_t)1 << 20) /* toward a pod: the client waits */
#define PF_PROTO	"portforward.k8s.io"
#define PF_TUNNEL	"SPDY/3.1+portforward.k8s.io"

/* One forwarded connection: its error and data streams, its socket. */
struct pf_pair {
	int		 used;
	char		 reqid[64];
	uint32_t	 err_id, data_id;
	int		 port;
	int		 fd;		/* to the pod; -1 before or after */
	struct stream_out out;		/* the client's bytes for the pod */
	int		 client_fin;	/* the client sent all it will */
	int		 shut;		/* ... and the pod was told so */
	int		 pod_fin;	/* the pod's side ended, FIN sent */
};

struct pf_sess {
	struct agent			*a;
	int				 sock;
	struct MHD_UpgradeResponseHandle *urh;
	int				 ws;		/* tunnelled */
	char				 netns[PATH_MAX]; /* "": the node's */
	struct buf			 raw;		/* from the socket */
	struct buf			 in;		/* SPDY bytes */
	struct stream_out		 out;		/* to the socket */
	struct spdy_zlib		 zin, zout;
	struct pf_pair			 p[PF_PAIRS];
	int				 stalled; /* in holds a frame to wait */
	int				 done;
};

/* Queues SPDY bytes for the client (in a binary message when tunnelled). */
static void
pf_emit(struct pf_sess *s, struct buf *b)
{
	struct buf w = BUF_INIT(PF_OUT_MAX);

	if (b->len == 0)
		return;
	if (s->ws) {
		if (ws_frame(&w, WS_BINARY, b->data, b->len, 0) < 0 ||
		    stream_out_add(&s->out, w.data, w.len) < 0)
			s->done = 1;
	} else if (stream_out_add(&s->out, b->data, b->len) < 0) {
		s->done = 1;
	}
	buf_reset(b);
	buf_release(&w);
}

static struct pf_pair *
pf_find(struct pf_sess *s, uint32_t id)
{
	for (int i = 0; i < PF_PAIRS; i++)
		if (s->p[i].used && (s->p[i].data_id == id ||
		    s->p[i].err_id == id))
			return &s->p[i];
	return NULL;
}

static struct pf_pair *
pf_pair_for(struct pf_sess *s, const char *reqid)
{
	struct pf_pair *free_one = NULL;

	for (int i = 0; i < PF_PAIRS; i++) {
		if (s->p[i].used && strcmp(s->p[i].reqid, reqid) == 0)
			return &s->p[i];
		if (!s->p[i].used && free_one == NULL)
			free_one = &s->p[i];
	}
	if (free_one != NULL) {
		memset(free_one, 0, sizeof *free_one);
		free_one->used = 1;
		free_one->fd = -1;
		stream_out_init(&free_one->out, PF_POD_HIGH + SPDY_MAX_FRAME);
		snprintf(free_one->reqid, sizeof free_one->reqid, "%s", reqid);
	}
	return free_one;
}

static void
pf_pair_free(struct pf_pair *p)
{
	if (p->fd >= 0)
		close(p->fd);
	stream_out_release(&p->out);
	memset(p, 0, sizeof *p);
	p->fd = -1;
}

/* What follows from a pair's state: the pod told of the client's end
 * once all its bytes are written, the socket closed once the pod ended
 * and nothing waits for it, the pair freed once both sides ended. */
static void
pf_pair_check(struct pf_pair *p)
{
	if (!p->used)
		return;
	if (p->fd >= 0 && stream_out_len(&p->out) == 0) {
		if (p->client_fin && !p->shut) {
			shutdown(p->fd, SHUT_WR);
			p->shut = 1;
		}
		if (p->pod_fin) {
			close(p->fd);
			p->fd = -1;
		}
	}
	if (p->client_fin && p->pod_fin && p->fd < 0)
		pf_pair_free(p);
}

/* A TCP connection to 127.0.0.1:port in the pod's network namespace. */
static int
pf_connect(struct pf_sess *s, int port, char *why, size_t n)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
	    .sin_port = htons((uint16_t)port),
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int self = -1, pod = -1, fd = -1, e;

	if (s->netns[0] != '\0') {
		self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
		pod = open(s->netns, O_RDONLY | O_CLOEXEC);
		if (self < 0 || pod < 0 || setns(pod, CLONE_NEWNET) < 0) {
			snprintf(why, n, "cannot enter the pod's network "
			    "namespace: %s", strerror(errno));
			goto out;
		}
	}
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	e = errno;
	if (self >= 0 && setns(self, CLONE_NEWNET) < 0) {
		/* this thread cannot go back: nothing sane goes on */
		fprintf(stderr, "kubec-agent: port-forward: setns back: %s\n",
		    strerror(errno));
		abort();
	}
	if (fd < 0) {
		snprintf(why, n, "socket: %s", strerror(e));
		goto out;
	}
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		char e2[128];

		/* in Go's words: "connection refused" */
		snprintf(e2, sizeof e2, "%s", strerror(errno));
		e2[0] = (char)tolower((unsigned char)e2[0]);
		snprintf(why, n, "failed to connect to localhost:%d inside "
		    "namespace of the pod: dial tcp4 127.0.0.1:%d: connect: %s",
		    port, port, e2);
		close(fd);
		fd = -1;
	} else {
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	}
out:
	if (self >= 0)
		close(self);
	if (pod >= 0)
		close(pod);
	return fd;
}

/* A client stream opened: answer it, and connect once both are here. */
static void
pf_syn_stream(struct pf_sess *s, const struct spdy_frame *f,
    struct buf *out)
{
	struct spdy_headers h;
	const char *type, *port, *reqid;
	struct pf_pair *p;
	struct err err;
	char why[512], msg[768];

	if (spdy_headers_decode(&s->zin, f->data, f->len, &h, &err) < 0) {
		s->done = 1;
		return;
	}
	type = spdy_header(&h, "streamtype");
	port = spdy_header(&h, "port");
	reqid = spdy_header(&h, "requestid");
	if (type == NULL || (p = pf_pair_for(s, reqid ? reqid : "")) == NULL) {
		spdy_rst_stream(out, f->stream, SPDY_RST_CANCEL);
		return;
	}
	spdy_syn_reply(&s->zout, out, f->stream, NULL, 0);
	p->port = port != NULL ? atoi(port) : 0;
	if (strcmp(type, "error") == 0)
		p->err_id = f->stream;
	else if (strcmp(type, "data") == 0)
		p->data_id = f->stream;
	if (p->data_id == 0 || p->err_id == 0 || p->fd >= 0)
		return;
	if (p->port <= 0 || p->port > 65535)
		snprintf(why, sizeof why, "invalid port %s", port ? port : "");
	else if ((p->fd = pf_connect(s, p->port, why, sizeof why)) >= 0)
		return;
	snprintf(msg, sizeof msg, "error forwarding port %d to pod: %s",
	    p->port, why);
	spdy_data(out, p->err_id, msg, strlen(msg), SPDY_FLAG_FIN);
	spdy_data(out, p->data_id, NULL, 0, SPDY_FLAG_FIN);
	p->pod_fin = 1;
	pf_pair_check(p);
}

static void
pf_frame(struct pf_sess *s, const struct spdy_frame *f, struct buf *out)
{
	struct pf_pair *p;

	switch (f->type) {
	case SPDY_SYN_STREAM:
		pf_syn_stream(s, f, out);
		break;
	case SPDY_DATA:
		if ((p = pf_find(s, f->stream)) == NULL)
			break;
		if (f->stream == p->data_id && f->len > 0 && p->fd >= 0 &&
		    stream_out_add(&p->out, f->data, f->len) < 0) {
			spdy_rst_stream(out, p->data_id, SPDY_RST_CANCEL);
			pf_pair_free(p);
			break;
		}
		if (f->stream == p->data_id && (f->flags & SPDY_FLAG_FIN))
			p->client_fin = 1;
		pf_pair_check(p);
		break;
	case SPDY_RST_STREAM:
		if ((p = pf_find(s, f->stream)) != NULL)
			pf_pair_free(p);
		break;
	case SPDY_PING:
		spdy_ping(out, f->value);
		break;
	case SPDY_GOAWAY:
		s->done = 1;
		break;
	}
}

/* Whether frame f must wait: data for a connection that holds enough
 * already, or anything while the client has not taken the answers. */
static int
pf_must_wait(struct pf_sess *s, const struct spdy_frame *f, size_t queued)
{
	struct pf_pair *p;

	if (stream_out_len(&s->out) + queued >= 2 * PF_OUT_HIGH)
		return 1;
	return f->type == SPDY_DATA && f->len > 0 &&
	    (p = pf_find(s, f->stream)) != NULL && f->stream == p->data_id &&
	    p->fd >= 0 && stream_out_len(&p->out) >= PF_POD_HIGH;
}

/* The SPDY frames that are whole in s->in, up to one that must wait. */
static void
pf_frames(struct pf_sess *s)
{
	struct buf out = BUF_INIT(PF_OUT_MAX);
	struct spdy_frame f;
	struct err err;
	size_t off = 0;
	ssize_t n = 0;

	s->stalled = 0;
	while (!s->done && (n = spdy_parse((unsigned char *)s->in.data + off,
	    s->in.len - off, SPDY_MAX_FRAME, &f, &err)) > 0) {
		if (pf_must_wait(s, &f, out.len)) {
			s->stalled = 1;
			break;
		}
		pf_frame(s, &f, &out);
		off += (size_t)n;
		if (out.len > 65536)
			pf_emit(s, &out);
	}
	if (n < 0)
		s->done = 1;
	pf_emit(s, &out);
	buf_release(&out);
	if (off > 0) {
		memmove(s->in.data, s->in.data + off, s->in.len - off);
		buf_truncate(&s->in, s->in.len - off);
	}
}

/* WebSocket messages from the client: their SPDY bytes into s->in, not
 * far ahead of what can be handled.  1 when some were taken. */
static int
pf_unwrap(struct pf_sess *s)
{
	struct ws_frame f;
	struct err err;
	size_t off = 0;
	ssize_t k = 0;

	/* (ws_parse unmasks in place: a frame parsed is a frame taken) */
	while (!s->done && (!s->stalled || s->in.len < PF_IN_LOW) &&
	    stream_out_len(&s->out) < 2 * PF_OUT_HIGH &&
	    (k = ws_parse((unsigned char *)s->raw.data + off,
	    s->raw.len - off, SPDY_MAX_FRAME, 1, &f, &err)) > 0) {
		off += (size_t)k;
		if (f.opcode == WS_CLOSE) {
			s->done = 1;
		} else if (f.opcode == WS_PING) {
			struct buf b = BUF_INIT(256);

			if (ws_frame(&b, WS_PONG, f.payload, f.len, 0) < 0 ||
			    stream_out_add(&s->out, b.data, b.len) < 0)
				s->done = 1;
			buf_release(&b);
		} else if (f.opcode == WS_BINARY || f.opcode == WS_CONT) {
			if (buf_add(&s->in, f.payload, f.len) < 0)
				s->done = 1;
		}
	}
	if (k < 0)
		s->done = 1;
	if (off > 0) {
		memmove(s->raw.data, s->raw.data + off, s->raw.len - off);
		buf_truncate(&s->raw, s->raw.len - off);
	}
	return off > 0;
}

/* Handles what the client sent, as far as the buffers toward the pods
 * and the client let it. */
static void
pf_input(struct pf_sess *s)
{
	do
		pf_frames(s);
	while (!s->done && s->ws && pf_unwrap(s));
}

/* Whether to read from the client: not while a frame waits, nor while
 * it does not take the answers. */
static int
pf_client_wanted(struct pf_sess *s)
{
	return !s->stalled && stream_out_len(&s->out) < 2 * PF_OUT_HIGH;
}

/* Bytes from the client: SPDY, or WebSocket messages that carry it. */
static void
pf_client(struct pf_sess *s, const char *p, size_t n)
{
	if (buf_add(s->ws ? &s->raw : &s->in, p, n) < 0)
		s->done = 1;
	else
		pf_input(s);
}

/* Bytes from a forwarded connection. */
static void
pf_pod(struct pf_sess *s, struct pf_pair *p)
{
	struct buf out = BUF_INIT(PF_OUT_MAX);
	char chunk[32768];
	ssize_t n = recv(p->fd, chunk, sizeof chunk, MSG_DONTWAIT);

	if (n < 0 && (errno == EINTR || errno == EAGAIN ||
	    errno == EWOULDBLOCK)) {
		buf_release(&out);
		return;
	}
	if (n > 0) {
		spdy_data(&out, p->data_id, chunk, (size_t)n, 0);
	} else {
		spdy_data(&out, p->data_id, NULL, 0, SPDY_FLAG_FIN);
		spdy_data(&out, p->err_id, NULL, 0, SPDY_FLAG_FIN);
		p->pod_fin = 1;
		if (n < 0)	/* reset: nothing more goes to it either */
			stream_out_release(&p->out);
		pf_pair_check(p);
	}
	pf_emit(s, &out);
	buf_release(&out);
}

/* Writes to a forwarded connection what it takes now. */
static void
pf_pod_flush(struct pf_sess *s, struct pf_pair *p)
{
	struct buf out = BUF_INIT(256);

	if (stream_out_flush(&p->out, p->fd) < 0) {
		spdy_rst_stream(&out, p->data_id, SPDY_RST_CANCEL);
		pf_pair_free(p);
		pf_emit(s, &out);
	} else {
		pf_pair_check(p);
	}
	buf_release(&out);
}

/* Reads what the client sent, as much as its buffer takes. */
static void
pf_client_read(struct pf_sess *s)
{
	struct buf *b = s->ws ? &s->raw : &s->in;
	char chunk[65536];
	size_t room = b->cap - b->len;
	ssize_t k;

	if (room == 0) {	/* a frame larger than any allowed */
		s->done = 1;
		return;
	}
	k = recv(s->sock, chunk, room < sizeof chunk ? room : sizeof chunk,
	    MSG_DONTWAIT);
	if (k < 0 && (errno == EINTR || errno == EAGAIN ||
	    errno == EWOULDBLOCK))
		return;
	if (k <= 0)
		s->done = 1;
	else
		pf_client(s, chunk, (size_t)k);
}

static void *
pf_thread(void *arg)
{
	struct pf_sess *s = arg;
	struct pollfd pf[PF_PAIRS + 1];
	struct pf_pair *who[PF_PAIRS + 1];
	struct err err;
	int n, i;

	if (spdy_zlib_init(&s->zin, 0, &err) < 0 ||
	    spdy_zlib_init(&s->zout, 1, &err) < 0)
		s->done = 1;
	while (!s->done && !s->a->stop) {
		/* what came with the upgrade, or waited for room */
		pf_input(s);
		n = 0;
		pf[n] = (struct pollfd){ .fd = s->sock, .events =
		    (pf_client_wanted(s) ? POLLIN : 0) |
		    (stream_out_len(&s->out) > 0 ? POLLOUT : 0) };
		who[n++] = NULL;
		if (pf[0].events == 0)
			pf[0].fd = -1;	/* nothing to do with it for now */
		for (i = 0; i < PF_PAIRS; i++) {
			struct pf_pair *p = &s->p[i];
			short ev = 0;

			if (!p->used || p->fd < 0)
				continue;
			if (!p->pod_fin &&
			    stream_out_len(&s->out) < PF_OUT_HIGH)
				ev |= POLLIN;
			if (stream_out_len(&p->out) > 0)
				ev |= POLLOUT;
			if (ev == 0)
				continue;
			pf[n] = (struct pollfd){ .fd = p->fd, .events = ev };
			who[n++] = p;
		}
		if (s->done || poll(pf, (nfds_t)n, 500) <= 0)
			continue;
		if (pf[0].revents & (POLLOUT | POLLERR | POLLHUP) &&
		    stream_out_len(&s->out) > 0 &&
		    stream_out_flush(&s->out, s->sock) < 0)
			break;
		for (i = 1; i < n; i++) {
			struct pf_pair *p = who[i];

			if (!pf[i].revents || !p->used || p->fd != pf[i].fd)
				continue;
			if (stream_out_len(&p->out) > 0 && pf[i].revents &
			    (POLLOUT | POLLERR | POLLHUP))
				pf_pod_flush(s, p);
			if (p->used && p->fd == pf[i].fd &&
			    (pf[i].events & POLLIN) && pf[i].revents &
			    (POLLIN | POLLERR | POLLHUP))
				pf_pod(s, p);
		}
		if (pf[0].events & POLLIN && pf[0].revents &
		    (POLLIN | POLLERR | POLLHUP))
			pf_client_read(s);
		/* what was just queued goes now if the client takes it */
		if (stream_out_len(&s->out) > 0 &&
		    stream_out_flush(&s->out, s->sock) < 0)
			break;
	}
	for (i = 0; i < PF_PAIRS; i++)
		if (s->p[i].used)
			pf_pair_free(&s->p[i]);
	MHD_upgrade_action(s->urh, MHD_UPGRADE_ACTION_CLOSE);
	spdy_zlib_end(&s->zin);
	spdy_zlib_end(&s->zout);
	buf_release(&s->raw);
	buf_release(&s->in);
	stream_out_release(&s->out);
	free(s);
	return NULL;
}

static void
pf_upgraded(void *cls, struct MHD_Connection *conn, void *con_cls,
    const char *extra, size_t extra_len, MHD_socket sock,
    struct MHD_UpgradeResponseHandle *urh)
{
	struct pf_sess *s = cls;
	pthread_attr_t attr;
	pthread_t t;

	mhdrelay_widen(conn, sock, urh);
	s->sock = sock;
	s->urh = urh;
	fcntl(sock, F_SETFL, fcntl(sock, F_GETFL) & ~O_NONBLOCK);
	if (extra_len > 0)
		buf_add(s->ws ? &s->raw : &s->in, extra, extra_len);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &attr, pf_thread, s) != 0) {
		buf_release(&s->raw);
		buf_release(&s->in);
		stream_out_release(&s->out);
		free(s);
		MHD_upgrade_action(urh, MHD_UPGRADE_ACTION_CLOSE);
	}
	pthread_attr_destroy(&attr);
}

enum MHD_Result
portforward_upgrade(struct agent *a, struct MHD_Connection *conn,
    const char *netns, struct err *err)
{
	static const char *const tunnel[] = { PF_TUNNEL, NULL };
	static const char *const raw[] = { PF_PROTO, NULL };
	const char *up = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    "Upgrade"), *sub = NULL;
	struct pf_sess *s;
	int ws;

	ws = up != NULL && strcasecmp(up, "websocket") == 0;
	if (up != NULL && (ws || strcasecmp(up, "SPDY/3.1") == 0))
		sub = ws ? stream_pick(conn, "Sec-WebSocket-Protocol", tunnel) :
		    stream_pick(conn, "X-Stream-Protocol-Version", raw);
	if (sub == NULL) {
		err_set(err, ERR_BAD_REQUEST, "%s", up == NULL ? "Upgrade "
		    "request required" : "no supported port-forward protocol "
		    "offered (" PF_PROTO " over SPDY/3.1, or " PF_TUNNEL ")");
		return MHD_NO;
	}
	if ((s = calloc(1, sizeof *s)) == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		return MHD_NO;
	}
	s->a = a;
	s->ws = ws;
	snprintf(s->netns, sizeof s->netns, "%s", netns ? netns : "");
	for (int i = 0; i < PF_PAIRS; i++)
		s->p[i].fd = -1;
	buf_init(&s->raw, PF_IN_MAX);
	buf_init(&s->in, PF_IN_MAX);
	stream_out_init(&s->out, PF_OUT_MAX);
	if (stream_upgrade(conn, ws, sub, pf_upgraded, s, err) == MHD_YES)
		return MHD_YES;
	if (err->reason == ERR_NONE)
		err_set(err, ERR_INTERNAL, "cannot answer the upgrade");
	buf_release(&s->raw);
	buf_release(&s->in);
	free(s);
	return MHD_NO;
}
