/* exec.c - kubectl exec sessions on the agent: the WebSocket handshake,
 * then a thread per session that runs the command with crun exec and
 * carries its streams in the channel protocol; see exec.h. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <jansson.h>

#include "../lib/buf.h"
#include "../lib/websocket.h"
#include "exec.h"
#include "runtime.h"

#define EXEC_FRAME_MAX	(1 << 20)	/* largest message from a client */
#define EXEC_CH_STDIN	0
#define EXEC_CH_STDOUT	1
#define EXEC_CH_STDERR	2
#define EXEC_CH_ERROR	3
#define EXEC_CH_RESIZE	4
#define EXEC_CH_CLOSE	255

struct exec_sess {
	struct exec_req			*q;
	int				 sock;
	struct MHD_UpgradeResponseHandle *urh;
	struct buf			 in;	/* bytes from the client */
	struct buf			 msg;	/* a fragmented message */
	struct buf			 pending; /* for the command's stdin */
	struct runtime_session		 x;
	int				 stdin_fd;	/* -1: closed */
	int				 out_fd, err_fd;
	int				 gone;	/* the client closed */
	int				 eof;	/* close stdin once written */
};

void
exec_req_free(struct exec_req *q)
{
	if (q == NULL)
		return;
	for (size_t i = 0; q->argv != NULL && q->argv[i] != NULL; i++)
		free(q->argv[i]);
	free(q->argv);
	free(q);
}

static int
exec_send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* One message on channel ch. */
static int
exec_send(struct exec_sess *s, int ch, const void *data, size_t n)
{
	struct buf b = BUF_INIT(EXEC_FRAME_MAX + 64), m = BUF_INIT(n + 1);
	int ret = -1;

	if (buf_addc(&m, (char)ch) == 0 && (n == 0 || buf_add(&m, data,
	    n) == 0) && ws_frame(&b, WS_BINARY, m.data, m.len, 0) == 0)
		ret = exec_send_all(s->sock, b.data, b.len);
	buf_release(&b);
	buf_release(&m);
	return ret;
}

/* The final Status on the error channel, as kubelet writes it. */
static void
exec_send_status(struct exec_sess *s, int status, const char *why)
{
	struct buf cmd = BUF_INIT(4096), msg = BUF_INIT(8192);
	json_t *st;
	char code[16];
	char *text;

	if (why == NULL && status == 0) {
		st = json_pack("{s:{}, s:s}", "metadata", "status", "Success");
	} else if (why != NULL) {
		st = json_pack("{s:{}, s:s, s:s, s:s}", "metadata", "status",
		    "Failure", "message", why, "reason", "InternalError");
	} else {
		for (size_t i = 0; s->q->argv[i] != NULL; i++)
			buf_addf(&cmd, "%s%s", i ? " " : "", s->q->argv[i]);
		buf_addf(&msg, "command terminated with non-zero exit code: "
		    "error executing command [%s], exit code %d",
		    buf_str(&cmd), status);
		snprintf(code, sizeof code, "%d", status);
		st = json_pack("{s:{}, s:s, s:s, s:s, s:{s:[{s:s, s:s}]}}",
		    "metadata", "status", "Failure", "message", buf_str(&msg),
		    "reason", "NonZeroExitCode", "details", "causes", "reason",
		    "ExitCode", "message", code);
	}
	text = json_dumps(st, JSON_COMPACT);
	if (text != NULL)
		exec_send(s, EXEC_CH_ERROR, text, strlen(text));
	free(text);
	json_decref(st);
	buf_release(&cmd);
	buf_release(&msg);
}

static void
exec_close_stdin(struct exec_sess *s)
{
	if (s->stdin_fd >= 0 && s->x.tty < 0) {
		close(s->stdin_fd);
		s->x.child.in = -1;
	}
	s->stdin_fd = -1;
	buf_reset(&s->pending);
}

static void
exec_resize(struct exec_sess *s, const char *data, size_t n)
{
	json_t *j = json_loadb(data, n, 0, NULL);
	struct winsize ws = { 0 };

	if (j != NULL && s->x.tty >= 0) {
		ws.ws_col = (unsigned short)json_integer_value(
		    json_object_get(j, "Width"));
		ws.ws_row = (unsigned short)json_integer_value(
		    json_object_get(j, "Height"));
		if (ws.ws_col > 0 && ws.ws_row > 0)
			ioctl(s->x.tty, TIOCSWINSZ, &ws);
	}
	json_decref(j);
}

/* One whole message from the client. */
static void
exec_message(struct exec_sess *s, const unsigned char *m, size_t n)
{
	if (n == 0)
		return;
	switch (m[0]) {
	case EXEC_CH_STDIN:
		if (s->stdin_fd >= 0 && n > 1 &&
		    buf_add(&s->pending, m + 1, n - 1) < 0)
			exec_close_stdin(s);
		break;
	case EXEC_CH_RESIZE:
		exec_resize(s, (const char *)m + 1, n - 1);
		break;
	case EXEC_CH_CLOSE:	/* v5: the client closed a stream */
		if (n > 1 && m[1] == EXEC_CH_STDIN) {
			if (s->pending.len > 0)
				s->eof = 1;
			else
				exec_close_stdin(s);
		}
		break;
	}
}

/* Parses what came from the client; -1 when the session is over. */
static int
exec_frames(struct exec_sess *s)
{
	struct ws_frame f;
	struct err err;
	size_t off = 0;
	ssize_t n;
	int ret = 0;

	while ((n = ws_parse((unsigned char *)s->in.data + off,
	    s->in.len - off, EXEC_FRAME_MAX, 1, &f, &err)) > 0) {
		off += (size_t)n;
		switch (f.opcode) {
		case WS_CLOSE:
			s->gone = 1;
			ret = -1;
			goto out;
		case WS_PING: {
			struct buf b = BUF_INIT(256);

			if (ws_frame(&b, WS_PONG, f.payload, f.len, 0) == 0)
				exec_send_all(s->sock, b.data, b.len);
			buf_release(&b);
			break;
		}
		case WS_PONG:
			break;
		default:
			if (buf_add(&s->msg, f.payload, f.len) < 0) {
				ret = -1;
				goto out;
			}
			if (f.fin) {
				exec_message(s, (unsigned char *)s->msg.data,
				    s->msg.len);
				buf_reset(&s->msg);
			}
		}
	}
	if (n < 0)
		ret = -1;
out:
	memmove(s->in.data, s->in.data + off, s->in.len - off);
	buf_truncate(&s->in, s->in.len - off);
	return ret;
}

/* Output of the command: 1 while it flows, 0 at its end. */
static int
exec_output(struct exec_sess *s, int *fd, int ch, int wanted)
{
	char chunk[32768];
	ssize_t n = read(*fd, chunk, sizeof chunk);

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 1;
	if (n <= 0) {	/* EOF, or EIO from a terminal whose side closed */
		if (*fd != s->x.tty)
			close(*fd);
		*fd = -1;
		return 0;
	}
	if (wanted && exec_send(s, ch, chunk, (size_t)n) < 0)
		s->gone = 1;
	return 1;
}

static void
exec_loop(struct exec_sess *s)
{
	struct pollfd pf[4];
	char chunk[65536];

	while (!s->gone && !s->q->a->stop && (s->out_fd >= 0 ||
	    s->err_fd >= 0)) {
		int np = 0, isock = -1, iin = -1, iout = -1, ierr = -1;

		/* no more from the client while its input waits */
		if (s->pending.len == 0) {
			isock = np;
			pf[np++] = (struct pollfd){ s->sock, POLLIN, 0 };
		} else if (s->stdin_fd >= 0) {
			iin = np;
			pf[np++] = (struct pollfd){ s->stdin_fd, POLLOUT, 0 };
		}
		if (s->out_fd >= 0) {
			iout = np;
			pf[np++] = (struct pollfd){ s->out_fd, POLLIN, 0 };
		}
		if (s->err_fd >= 0) {
			ierr = np;
			pf[np++] = (struct pollfd){ s->err_fd, POLLIN, 0 };
		}
		if (poll(pf, (nfds_t)np, 250) <= 0)
			continue;
		if (isock >= 0 && pf[isock].revents) {
			ssize_t n = recv(s->sock, chunk, sizeof chunk, 0);

			if (n <= 0 || buf_add(&s->in, chunk, (size_t)n) < 0 ||
			    exec_frames(s) < 0) {
				s->gone = 1;
				break;
			}
		}
		if (iin >= 0 && pf[iin].revents) {
			ssize_t w = write(s->stdin_fd, s->pending.data,
			    s->pending.len);

			if (w < 0 && errno != EAGAIN && errno != EINTR)
				exec_close_stdin(s);
			else if (w > 0) {
				memmove(s->pending.data, s->pending.data + w,
				    s->pending.len - (size_t)w);
				buf_truncate(&s->pending, s->pending.len -
				    (size_t)w);
				if (s->pending.len == 0 && s->eof)
					exec_close_stdin(s);
			}
		}
		if (iout >= 0 && pf[iout].revents)
			exec_output(s, &s->out_fd, EXEC_CH_STDOUT, s->q->out ||
			    s->q->tty);
		if (ierr >= 0 && pf[ierr].revents)
			exec_output(s, &s->err_fd, EXEC_CH_STDERR, s->q->err);
	}
}

static void *
exec_thread(void *arg)
{
	struct exec_sess *s = arg;
	struct buf b = BUF_INIT(256);
	struct err err;
	int status = -1;

	err_clear(&err);
	if (runtime_exec_start(s->q->a->rt, s->q->id, s->q->argv, s->q->tty,
	    s->q->in, &s->x, &err) < 0) {
		exec_send_status(s, 0, err.msg);
		goto out;
	}
	if (s->x.tty >= 0) {
		s->stdin_fd = s->q->in ? s->x.tty : -1;
		s->out_fd = s->x.tty;
	} else {
		s->stdin_fd = s->x.child.in;
		s->out_fd = s->x.child.out;
		s->err_fd = s->x.child.err;
	}
	if (s->stdin_fd >= 0 && s->x.tty < 0)
		fcntl(s->stdin_fd, F_SETFL, O_NONBLOCK);
	exec_loop(s);
	if (s->x.child.in >= 0 && s->stdin_fd < 0)
		s->x.child.in = -1;	/* closed already */
	if (s->x.child.out >= 0 && s->out_fd < 0 && s->x.tty < 0)
		s->x.child.out = -1;
	if (s->x.child.err >= 0 && s->err_fd < 0)
		s->x.child.err = -1;
	/* a client gone or an agent stopping: the command ends too */
	if (proc_wait(&s->x.child, s->gone || s->q->a->stop, &status,
	    &err) < 0)
		status = -1;
	if (s->x.tty >= 0)
		close(s->x.tty);
	if (!s->gone)
		exec_send_status(s, status, status < 0 ? err.msg : NULL);
out:
	if (!s->gone && ws_close(&b, 1000, "", 0) == 0)
		exec_send_all(s->sock, b.data, b.len);
	buf_release(&b);
	MHD_upgrade_action(s->urh, MHD_UPGRADE_ACTION_CLOSE);
	buf_release(&s->in);
	buf_release(&s->msg);
	buf_release(&s->pending);
	exec_req_free(s->q);
	free(s);
	return NULL;
}

static void
exec_upgraded(void *cls, struct MHD_Connection *conn, void *con_cls,
    const char *extra, size_t extra_len, MHD_socket sock,
    struct MHD_UpgradeResponseHandle *urh)
{
	struct exec_req *q = cls;
	struct exec_sess *s = calloc(1, sizeof *s);
	pthread_attr_t attr;
	pthread_t t;

	if (s == NULL) {
		exec_req_free(q);
		MHD_upgrade_action(urh, MHD_UPGRADE_ACTION_CLOSE);
		return;
	}
	s->q = q;
	s->sock = sock;
	s->urh = urh;
	s->stdin_fd = s->out_fd = s->err_fd = -1;
	s->x.tty = -1;
	s->x.child.pid = -1;
	s->x.child.in = s->x.child.out = s->x.child.err = -1;
	buf_init(&s->in, EXEC_FRAME_MAX + 65536);
	buf_init(&s->msg, EXEC_FRAME_MAX);
	buf_init(&s->pending, EXEC_FRAME_MAX);
	fcntl(sock, F_SETFL, fcntl(sock, F_GETFL) & ~O_NONBLOCK);
	if (extra_len > 0)
		buf_add(&s->in, extra, extra_len);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &attr, exec_thread, s) != 0) {
		buf_release(&s->in);
		buf_release(&s->msg);
		buf_release(&s->pending);
		free(s);
		exec_req_free(q);
		MHD_upgrade_action(urh, MHD_UPGRADE_ACTION_CLOSE);
	}
	pthread_attr_destroy(&attr);
}

/* The channel protocol to speak: v5 or v4 (what kubectl 1.30+ offers). */
static int
exec_protocol(const char *offered)
{
	int best = 0;
	char copy[1024], *p, *save = NULL;

	if (offered == NULL)
		return 0;
	snprintf(copy, sizeof copy, "%s", offered);
	for (p = strtok_r(copy, ", ", &save); p != NULL;
	    p = strtok_r(NULL, ", ", &save)) {
		if (strcmp(p, "v5.channel.k8s.io") == 0)
			best = 5;
		else if (strcmp(p, "v4.channel.k8s.io") == 0 && best < 4)
			best = 4;
	}
	return best;
}

enum MHD_Result
exec_upgrade(struct MHD_Connection *conn, struct exec_req *q,
    struct err *err)
{
	const char *up = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    "Upgrade");
	const char *key = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    "Sec-WebSocket-Key");
	struct MHD_Response *r;
	enum MHD_Result ret;
	char accept[29];

	if (up == NULL || strcasecmp(up, "websocket") != 0) {
		err_set(err, ERR_BAD_REQUEST, "%s", up == NULL ? "Upgrade "
		    "request required" : "only WebSocket streams are served "
		    "(kubectl 1.30 or later)");
		goto fail;
	}
	if ((q->proto = exec_protocol(MHD_lookup_connection_value(conn,
	    MHD_HEADER_KIND, "Sec-WebSocket-Protocol"))) == 0) {
		err_set(err, ERR_BAD_REQUEST, "no supported channel protocol "
		    "offered (v4.channel.k8s.io, v5.channel.k8s.io)");
		goto fail;
	}
	if (ws_accept_key(key, accept, err) < 0)
		goto fail;
	r = MHD_create_response_for_upgrade(exec_upgraded, q);
	if (r == NULL) {
		err_set(err, ERR_INTERNAL, "cannot upgrade the connection");
		goto fail;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_UPGRADE, "websocket");
	MHD_add_response_header(r, "Sec-WebSocket-Accept", accept);
	MHD_add_response_header(r, "Sec-WebSocket-Protocol", q->proto == 5 ?
	    "v5.channel.k8s.io" : "v4.channel.k8s.io");
	ret = MHD_queue_response(conn, MHD_HTTP_SWITCHING_PROTOCOLS, r);
	MHD_destroy_response(r);
	return ret;
fail:
	exec_req_free(q);
	return MHD_NO;
}
