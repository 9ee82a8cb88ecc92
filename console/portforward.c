/* portforward.c - the forwarding engine of kubec port-forward
 * (cmd/portforward.c) and of the console's port-forwards (ui/forwards.c):
 * local TCP ports forwarded to a pod's ports through the API server
 * (pods/portforward), as kubectl 1.32 does it: SPDY/3.1 tunnelled in
 * WebSocket binary messages (SPDY/3.1+portforward.k8s.io), one pair of
 * streams (error, data) with a fresh requestID per accepted connection.
 * One thread polls the listeners, the tunnel, the connections and a stop
 * descriptor; what the pod sends waits in a bounded buffer per
 * connection, the tunnel being read no further while one is full (the
 * agent, as spdystream, has no SPDY windows).  What kubectl prints goes
 * to the caller's report function instead (see console.h).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../lib/spdy.h"
#include "../lib/wsconn.h"
#include "console.h"

#define PF_TUNNEL	"SPDY/3.1+portforward.k8s.io"
#define PF_PROTO	"portforward.k8s.io"
#define PF_MAX_ADDRS	16
#define PF_MAX_LISTEN	(PF_MAX_PORTS * PF_MAX_ADDRS)
#define PF_MAX_CONNS	256
#define PF_CHUNK	32768			/* read from a connection */
#define PF_TOWARD_MAX	((size_t)1 << 20)	/* the pod's bytes, unwritten */
#define PF_QUEUE_HIGH	((size_t)4 << 20)	/* unsent on the tunnel */
#define PF_IN_MAX	(SPDY_MAX_FRAME + 65536)
#define PF_ERRMSG_MAX	65536

struct pf_addr {
	char	name[64];	/* as given: 127.0.0.1, ::1, 0.0.0.0 */
	int	family;
	int	all;		/* failureMode "all" (localhost), else "any" */
};

struct pf_port {
	unsigned	local, remote;
};

struct pf_listener {
	int	fd;
	int	port;		/* index into the ports */
};

/* One accepted connection and its streams. */
struct pf_conn {
	int		 used;
	int		 fd;		/* -1 once closed */
	unsigned	 local, remote;
	uint32_t	 err_id, data_id;
	struct buf	 toward;	/* from the pod, not written yet */
	struct buf	 errmsg;	/* what the error stream said */
	int		 local_eof;	/* FIN sent on the data stream */
	int		 remote_fin;	/* the data stream ended */
	int		 err_fin;	/* the error stream ended */
};

struct pf {
	const struct pf_request	*req;
	struct wsconn		*w;
	struct spdy_zlib	 zin, zout;
	struct buf		 in;		/* SPDY bytes from the tunnel */
	struct pf_addr		 addrs[PF_MAX_ADDRS];
	int			 naddrs;
	struct pf_port		 ports[PF_MAX_PORTS];
	int			 nports;
	struct pf_listener	 ls[PF_MAX_LISTEN];
	int			 nls;
	struct pf_conn		 conns[PF_MAX_CONNS];
	uint32_t		 next_stream;
	unsigned		 next_request;
	int			 lost;		/* the connection ended */
	struct err		 err;
};

static void
pf_vsay(struct pf *f, enum pf_event ev, const char *fmt, va_list ap)
{
	char *text = NULL;

	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	if (f->req->report != NULL)
		f->req->report(f->req->arg, ev, text ? text : "out of memory");
	free(text);
}

/* A line to the caller (kubectl's words). */
static void
pf_say(struct pf *f, enum pf_event ev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
pf_say(struct pf *f, enum pf_event ev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pf_vsay(f, ev, fmt, ap);
	va_end(ap);
}

/* The end, said: 1. */
static int
pf_fail(struct pf *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
pf_fail(struct pf *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pf_vsay(f, PF_FAILED, fmt, ap);
	va_end(ap);
	return 1;
}

/* strconv.ParseUint(s, 10, 16): 0, or the error in Go's words. */
static int
pf_parse_u16(const char *s, unsigned *out, char *why, size_t n)
{
	unsigned long v = 0;

	if (*s == '\0')
		goto syntax;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			goto syntax;
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > 65535) {
			snprintf(why, n, "strconv.ParseUint: parsing \"%s\": "
			    "value out of range", s);
			return -1;
		}
	}
	*out = (unsigned)v;
	return 0;
syntax:
	snprintf(why, n, "strconv.ParseUint: parsing \"%s\": invalid syntax",
	    s);
	return -1;
}

/* kubectl's parseAddresses: deduplicated, in byte order. */
static int
pf_parse_addrs(struct pf *f, const char *list)
{
	char *copy = strdup(list ? list : "localhost"), *save = NULL, *a;
	struct in6_addr a6;
	struct in_addr a4;
	int rc = 0;

	for (a = strtok_r(copy, ",", &save); a != NULL && rc == 0;
	    a = strtok_r(NULL, ",", &save)) {
		struct pf_addr add[2];
		int nadd = 0;

		memset(add, 0, sizeof add);
		if (strcmp(a, "localhost") == 0) {
			snprintf(add[0].name, sizeof add[0].name, "127.0.0.1");
			add[0].family = AF_INET;
			add[0].all = 1;
			snprintf(add[1].name, sizeof add[1].name, "::1");
			add[1].family = AF_INET6;
			add[1].all = 1;
			nadd = 2;
		} else if (inet_pton(AF_INET, a, &a4) == 1 ||
		    inet_pton(AF_INET6, a, &a6) == 1) {
			snprintf(add[0].name, sizeof add[0].name, "%s", a);
			add[0].family = strchr(a, ':') ? AF_INET6 : AF_INET;
			nadd = 1;
		} else {
			rc = pf_fail(f, "%s is not a valid IP", a);
			break;
		}
		for (int i = 0; i < nadd; i++) {
			int j, dup = 0;

			for (j = 0; j < f->naddrs; j++)
				if (strcmp(f->addrs[j].name, add[i].name) == 0)
					dup = 1;
			if (dup && strcmp(a, "localhost") == 0)
				continue;	/* kept as it was */
			if (dup) {
				for (j = 0; j < f->naddrs; j++)
					if (strcmp(f->addrs[j].name,
					    add[i].name) == 0)
						f->addrs[j] = add[i];
				continue;
			}
			if (f->naddrs < PF_MAX_ADDRS)
				f->addrs[f->naddrs++] = add[i];
		}
	}
	free(copy);
	if (rc != 0)
		return -1;
	for (int i = 1; i < f->naddrs; i++)
		for (int j = i; j > 0 && strcmp(f->addrs[j - 1].name,
		    f->addrs[j].name) > 0; j--) {
			struct pf_addr t = f->addrs[j];

			f->addrs[j] = f->addrs[j - 1];
			f->addrs[j - 1] = t;
		}
	return 0;
}

/* kubectl's parsePorts. */
static int
pf_parse_ports(struct pf *f, const char *const *ports, int n)
{
	char why[256];

	for (int k = 0; k < n; k++) {
		char local[160], remote[160];
		const char *colon = strchr(ports[k], ':');

		if (colon != NULL && strchr(colon + 1, ':') != NULL)
			return pf_fail(f, "invalid port format '%s'",
			    ports[k]), -1;
		if (colon == NULL) {
			snprintf(local, sizeof local, "%s", ports[k]);
			snprintf(remote, sizeof remote, "%s", ports[k]);
		} else {
			snprintf(local, sizeof local, "%.*s",
			    (int)(colon - ports[k]), ports[k]);
			snprintf(remote, sizeof remote, "%s", colon + 1);
			if (local[0] == '\0')
				snprintf(local, sizeof local, "0");
		}
		if (pf_parse_u16(local, &f->ports[k].local, why,
		    sizeof why) < 0)
			return pf_fail(f, "error parsing local port '%s': "
			    "%s", local, why), -1;
		if (pf_parse_u16(remote, &f->ports[k].remote, why,
		    sizeof why) < 0)
			return pf_fail(f, "error parsing remote port '%s': "
			    "%s", remote, why), -1;
		if (f->ports[k].remote == 0)
			return pf_fail(f, "remote port must be > 0"), -1;
	}
	f->nports = n;
	return 0;
}

/* An error as Go's syscall package words it: strerror, lowercased. */
static void
pf_errno(char *out, size_t n, int e)
{
	snprintf(out, n, "%s", strerror(e));
	if (out[0] >= 'A' && out[0] <= 'Z')
		out[0] = (char)(out[0] - 'A' + 'a');
}

/* "127.0.0.1:80", "[::1]:80": Go's net.JoinHostPort. */
static void
pf_join(char *out, size_t n, const char *host, unsigned port)
{
	snprintf(out, n, strchr(host, ':') ? "[%s]:%u" : "%s:%u", host, port);
}

/* One listener (getListener); 0, or -1 with why in Go's words. */
static int
pf_listen_one(struct pf *f, int port, const struct pf_addr *a, char *why,
    size_t n)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	struct pf_port *p = &f->ports[port];
	char hp[128], e[128];
	int fd, one = 1;

	memset(&ss, 0, sizeof ss);
	pf_join(hp, sizeof hp, a->name, p->local);
	if (a->family == AF_INET) {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)p->local);
		inet_pton(AF_INET, a->name, &s4->sin_addr);
		sl = sizeof *s4;
	} else {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)p->local);
		inet_pton(AF_INET6, a->name, &s6->sin6_addr);
		sl = sizeof *s6;
	}
	if ((fd = socket(a->family, SOCK_STREAM | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, 0)) < 0) {
		pf_errno(e, sizeof e, errno);
		snprintf(why, n, "unable to create listener: Error listen "
		    "tcp%c %s: socket: %s", a->family == AF_INET ? '4' : '6',
		    hp, e);
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (a->family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&ss, sl) < 0 ||
	    listen(fd, SOMAXCONN) < 0) {
		pf_errno(e, sizeof e, errno);
		snprintf(why, n, "unable to create listener: Error listen "
		    "tcp%c %s: %s: %s", a->family == AF_INET ? '4' : '6', hp,
		    errno == EADDRINUSE || errno == EADDRNOTAVAIL ||
		    errno == EACCES ? "bind" : "listen", e);
		close(fd);
		return -1;
	}
	/* :REMOTE: the port the system chose, for the next address too */
	sl = sizeof ss;
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
		p->local = ntohs(ss.ss_family == AF_INET ?
		    ((struct sockaddr_in *)&ss)->sin_port :
		    ((struct sockaddr_in6 *)&ss)->sin6_port);
	pf_join(hp, sizeof hp, a->name, p->local);
	pf_say(f, PF_LISTENING, "Forwarding from %s -> %u", hp, p->remote);
	f->ls[f->nls].fd = fd;
	f->ls[f->nls].port = port;
	f->nls++;
	return 0;
}

/* kubectl's forward(): every port on every address. */
static int
pf_listen(struct pf *f)
{
	struct buf list = BUF_INIT(65536);
	int any = 0;

	for (int i = 0; i < f->nports; i++) {
		struct buf errs = BUF_INIT(65536);
		int fail_all = 0, ok_all = 0, fail_any = 0;

		for (int j = 0; j < f->naddrs; j++) {
			char why[512];

			if (pf_listen_one(f, i, &f->addrs[j], why,
			    sizeof why) == 0) {
				ok_all += f->addrs[j].all;
				continue;
			}
			buf_addf(&errs, "%s%s", errs.len ? " " : "", why);
			if (f->addrs[j].all)
				fail_all++;
			else
				fail_any++;
		}
		if ((ok_all == 0 && fail_all > 0) || fail_any > 0)
			pf_say(f, PF_WARNING, "Unable to listen on port %u: "
			    "Listeners failed to create with the following "
			    "errors: [%s]", f->ports[i].local,
			    buf_str(&errs));
		else
			any = 1;
		buf_release(&errs);
	}
	if (!any) {
		for (int i = 0; i < f->nports; i++)
			buf_addf(&list, "%s{%u %u}", i ? " " : "",
			    f->ports[i].local, f->ports[i].remote);
		pf_fail(f, "unable to listen on any of the requested "
		    "ports: [%s]", buf_str(&list));
	}
	buf_release(&list);
	return any ? 0 : -1;
}

/* SPDY bytes onto the tunnel. */
static void
pf_send(struct pf *f, struct buf *b)
{
	if (b->len > 0 && !f->lost &&
	    wsconn_send_raw(f->w, b->data, b->len, &f->err) < 0)
		f->lost = 1;
	buf_reset(b);
}

static struct pf_conn *
pf_find(struct pf *f, uint32_t id)
{
	for (int i = 0; i < PF_MAX_CONNS; i++)
		if (f->conns[i].used && (f->conns[i].data_id == id ||
		    f->conns[i].err_id == id))
			return &f->conns[i];
	return NULL;
}

static void
pf_conn_free(struct pf_conn *k)
{
	if (k->fd >= 0)
		close(k->fd);
	buf_release(&k->toward);
	buf_release(&k->errmsg);
	memset(k, 0, sizeof *k);
	k->fd = -1;
}

/* The local side failed: both streams reset, the connection dropped. */
static void
pf_conn_reset(struct pf *f, struct pf_conn *k)
{
	struct buf out = BUF_INIT(256);

	spdy_rst_stream(&out, k->err_id, SPDY_RST_CANCEL);
	spdy_rst_stream(&out, k->data_id, SPDY_RST_CANCEL);
	pf_send(f, &out);
	buf_release(&out);
	pf_conn_free(k);
}

/* A new local connection: its error and data streams. */
static void
pf_accept(struct pf *f, struct pf_listener *l)
{
	struct spdy_headers h;
	struct buf out = BUF_INIT(65536);
	struct pf_conn *k = NULL;
	char num[32];
	int fd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

	if (fd < 0)
		return;
	for (int i = 0; i < PF_MAX_CONNS && k == NULL; i++)
		if (!f->conns[i].used)
			k = &f->conns[i];
	if (k == NULL) {
		close(fd);
		return;
	}
	pf_say(f, PF_CONNECTION, "Handling connection for %u",
	    f->ports[l->port].local);
	memset(k, 0, sizeof *k);
	k->used = 1;
	k->fd = fd;
	k->local = f->ports[l->port].local;
	k->remote = f->ports[l->port].remote;
	buf_init(&k->toward, PF_TOWARD_MAX + PF_IN_MAX);
	buf_init(&k->errmsg, PF_ERRMSG_MAX);
	k->err_id = f->next_stream;
	k->data_id = f->next_stream + 2;
	f->next_stream += 4;
	memset(&h, 0, sizeof h);
	spdy_header_add(&h, "streamtype", "error");
	snprintf(num, sizeof num, "%u", k->remote);
	spdy_header_add(&h, "port", num);
	snprintf(num, sizeof num, "%u", f->next_request++);
	spdy_header_add(&h, "requestid", num);
	spdy_syn_stream(&f->zout, &out, k->err_id, &h, 0);
	/* nothing is written on the error stream */
	spdy_data(&out, k->err_id, NULL, 0, SPDY_FLAG_FIN);
	snprintf(h.value[0], sizeof h.value[0], "data");
	spdy_syn_stream(&f->zout, &out, k->data_id, &h, 0);
	pf_send(f, &out);
	buf_release(&out);
}

/* Bytes from a local connection onto its data stream. */
static void
pf_local_read(struct pf *f, struct pf_conn *k)
{
	struct buf out = BUF_INIT(PF_CHUNK + 64);
	char chunk[PF_CHUNK];
	ssize_t n = recv(k->fd, chunk, sizeof chunk, 0);

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		goto out;
	if (n < 0) {
		pf_conn_reset(f, k);
		goto out;
	}
	if (n == 0) {
		k->local_eof = 1;
		spdy_data(&out, k->data_id, NULL, 0, SPDY_FLAG_FIN);
	} else {
		spdy_data(&out, k->data_id, chunk, (size_t)n, 0);
	}
	pf_send(f, &out);
out:
	buf_release(&out);
}

/* What the pod sent, onto the local connection. */
static void
pf_local_write(struct pf *f, struct pf_conn *k)
{
	ssize_t n = send(k->fd, k->toward.data, k->toward.len, MSG_NOSIGNAL);

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		pf_conn_reset(f, k);
		return;
	}
	memmove(k->toward.data, k->toward.data + n, k->toward.len -
	    (size_t)n);
	buf_truncate(&k->toward, k->toward.len - (size_t)n);
}

/*
 * A connection done with: the pod's data written out and both streams
 * ended.  What the error stream said is reported (kubectl prints it as
 * a klog line), and ends the forward as kubectl's closing the
 * connection does.
 */
static void
pf_conn_check(struct pf *f, struct pf_conn *k)
{
	if (!k->remote_fin || !k->err_fin || (k->toward.len > 0 &&
	    k->fd >= 0))
		return;
	if (k->errmsg.len > 0) {
		pf_say(f, PF_POD_ERROR, "an error occurred forwarding %u -> "
		    "%u: %s", k->local, k->remote, buf_str(&k->errmsg));
		f->lost = 1;
	}
	pf_conn_free(k);
}

static void
pf_frame(struct pf *f, const struct spdy_frame *fr, struct buf *out)
{
	struct spdy_headers h;
	struct pf_conn *k;
	struct err err;

	switch (fr->type) {
	case SPDY_SYN_STREAM:
	case SPDY_SYN_REPLY:
	case SPDY_HEADERS:
		/* the zlib stream goes on across every header block */
		if (spdy_headers_decode(&f->zin, fr->data, fr->len, &h,
		    &err) < 0) {
			f->lost = 1;
			break;
		}
		if (fr->type == SPDY_SYN_STREAM)
			spdy_rst_stream(out, fr->stream, 3 /* REFUSED */);
		break;
	case SPDY_DATA:
		if ((k = pf_find(f, fr->stream)) == NULL)
			break;
		if (fr->stream == k->data_id) {
			if (fr->len > 0 && k->fd >= 0 &&
			    buf_add(&k->toward, fr->data, fr->len) < 0) {
				pf_conn_reset(f, k);
				break;
			}
			if (fr->flags & SPDY_FLAG_FIN)
				k->remote_fin = 1;
		} else {
			buf_add(&k->errmsg, fr->data, fr->len);
			if (fr->flags & SPDY_FLAG_FIN)
				k->err_fin = 1;
		}
		pf_conn_check(f, k);
		break;
	case SPDY_RST_STREAM:
		if ((k = pf_find(f, fr->stream)) == NULL)
			break;
		k->remote_fin = k->err_fin = 1;
		pf_conn_check(f, k);
		break;
	case SPDY_PING:
		spdy_ping(out, fr->value);
		break;
	case SPDY_GOAWAY:
		f->lost = 1;
		break;
	}
}

/* The whole SPDY frames in f->in. */
static void
pf_frames(struct pf *f)
{
	struct buf out = BUF_INIT(65536);
	struct spdy_frame fr;
	size_t off = 0;
	ssize_t n = 0;

	while (!f->lost && (n = spdy_parse((unsigned char *)f->in.data + off,
	    f->in.len - off, SPDY_MAX_FRAME, &fr, &f->err)) > 0) {
		pf_frame(f, &fr, &out);
		off += (size_t)n;
	}
	if (n < 0)
		f->lost = 1;
	pf_send(f, &out);
	buf_release(&out);
	memmove(f->in.data, f->in.data + off, f->in.len - off);
	buf_truncate(&f->in, f->in.len - off);
}

/* Whether a connection holds as much of the pod's data as it may. */
static int
pf_full(const struct pf *f)
{
	for (int i = 0; i < PF_MAX_CONNS; i++)
		if (f->conns[i].used && f->conns[i].toward.len >= PF_TOWARD_MAX)
			return 1;
	return 0;
}

/* Until the stop descriptor is readable (0) or the connection's end (1,
 * kubectl's words). */
static int
pf_loop(struct pf *f)
{
	struct pollfd *pfd;
	struct pf_conn **who;
	int max = 2 + PF_MAX_LISTEN + PF_MAX_CONNS, rc = 1;

	pfd = calloc((size_t)max, sizeof *pfd);
	who = calloc((size_t)max, sizeof *who);
	if (pfd == NULL || who == NULL) {
		free(pfd);
		free(who);
		return pf_fail(f, "out of memory");
	}
	for (;;) {
		const unsigned char *data;
		size_t len;
		int got = 0, n = 0, i, reading = !pf_full(f);

		/* what TLS holds already: poll() would not see it */
		while (reading && !f->lost && (got = wsconn_recv_raw(f->w,
		    &data, &len, &f->err)) > 0) {
			if (buf_add(&f->in, data, len) < 0) {
				f->lost = 1;
				break;
			}
			pf_frames(f);
			reading = !pf_full(f);
		}
		if (got < 0 || f->lost)
			break;
		pfd[n++] = (struct pollfd){ .fd = f->req->stop_fd,
		    .events = POLLIN };
		pfd[n] = (struct pollfd){ .fd = wsconn_fd(f->w),
		    .events = (short)((reading ? POLLIN : 0) |
		    (wsconn_pending(f->w) > 0 ? POLLOUT : 0)) };
		if (pfd[n].events == 0)
			pfd[n].fd = -1;		/* no POLLHUP to spin on */
		who[n++] = NULL;
		for (i = 0; i < f->nls; i++) {
			pfd[n] = (struct pollfd){ .fd = f->ls[i].fd,
			    .events = POLLIN };
			who[n++] = NULL;
		}
		for (i = 0; i < PF_MAX_CONNS; i++) {
			struct pf_conn *k = &f->conns[i];
			short ev = 0;

			if (!k->used || k->fd < 0)
				continue;
			if (!k->local_eof && wsconn_pending(f->w) <
			    PF_QUEUE_HIGH)
				ev |= POLLIN;
			if (k->toward.len > 0)
				ev |= POLLOUT;
			if (ev == 0)
				continue;
			pfd[n] = (struct pollfd){ .fd = k->fd, .events = ev };
			who[n++] = k;
		}
		if (poll(pfd, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pfd[0].revents) {
			rc = 0;		/* stopped */
			break;
		}
		if ((pfd[1].revents & POLLOUT) &&
		    wsconn_flush(f->w, &f->err) < 0)
			break;
		for (i = 2; i < 2 + f->nls; i++)
			if (pfd[i].revents)
				pf_accept(f, &f->ls[i - 2]);
		for (; i < n; i++) {
			struct pf_conn *k = who[i];

			if (pfd[i].revents == 0 || !k->used || k->fd !=
			    pfd[i].fd)
				continue;
			if (k->toward.len > 0 && (pfd[i].revents &
			    (POLLOUT | POLLERR | POLLHUP)))
				pf_local_write(f, k);
			if (k->used && k->fd == pfd[i].fd && !k->local_eof &&
			    (pfd[i].revents & (POLLIN | POLLERR | POLLHUP)))
				pf_local_read(f, k);
			if (k->used)
				pf_conn_check(f, k);
		}
		if (f->lost)
			break;
	}
	if (rc != 0)
		pf_fail(f, "lost connection to pod");
	free(pfd);
	free(who);
	return rc;
}


int
portforward_run(const struct pf_request *req)
{
	struct pf *f;
	struct buf path = BUF_INIT(4096);
	struct err err;
	int rc = 1;

	if ((f = calloc(1, sizeof *f)) == NULL) {
		if (req->report != NULL)
			req->report(req->arg, PF_FAILED, "out of memory");
		return 1;
	}
	f->req = req;
	for (int i = 0; i < PF_MAX_CONNS; i++)
		f->conns[i].fd = -1;
	buf_init(&f->in, PF_IN_MAX);
	f->next_stream = 1;
	err_clear(&f->err);
	err_clear(&err);
	if (req->nports > PF_MAX_PORTS) {
		rc = pf_fail(f, "at most %d ports at once", PF_MAX_PORTS);
		goto out;
	}
	if (pf_parse_addrs(f, req->addresses) < 0 ||
	    pf_parse_ports(f, req->ports, req->nports) < 0)
		goto out;
	if (spdy_zlib_init(&f->zin, 0, &err) < 0 ||
	    spdy_zlib_init(&f->zout, 1, &err) < 0) {
		rc = pf_fail(f, "%s", err.msg);
		goto out;
	}
	buf_addf(&path, "/api/v1/namespaces/%s/pods/%s/portforward", req->ns,
	    req->pod);
	if (wsconn_open(req->rest, buf_str(&path), PF_TUNNEL, &f->w,
	    &err) < 0) {
		rc = pf_fail(f, "error upgrading connection: %s", err.msg);
		goto out;
	}
	if (strcmp(wsconn_protocol(f->w), PF_TUNNEL) != 0) {
		rc = pf_fail(f, "unable to negotiate protocol: client supports "
		    "\"%s\", server returned \"%s\"", PF_PROTO,
		    wsconn_protocol(f->w));
		goto out;
	}
	if (pf_listen(f) < 0)
		goto out;
	pf_say(f, PF_READY, "ready");
	rc = pf_loop(f);
out:
	for (int i = 0; i < PF_MAX_CONNS; i++)
		if (f->conns[i].used)
			pf_conn_free(&f->conns[i]);
	for (int i = 0; i < f->nls; i++)
		close(f->ls[i].fd);
	wsconn_close(f->w);
	spdy_zlib_end(&f->zin);
	spdy_zlib_end(&f->zout);
	buf_release(&f->in);
	buf_release(&path);
	free(f);
	return rc;
}
