/* exec.c - kubectl exec sessions on the agent: the WebSocket handshake,
 * then a thread per session that runs the command with crun exec and
 * carries its streams in the channel protocol; see exec.h.  The loop
 * waits on no write: the command's input is written as its pipe takes
 * it (the client not read while some waits), its output queued toward
 * the client (the command not read while EXEC_OUT_HIGH waits), so input
 * and output flow at once. */
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
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "../lib/buf.h"
#include "../lib/mhdrelay.h"
#include "../lib/spdy.h"
#include "../lib/websocket.h"
#include "exec.h"
#include "runtime.h"
#include "stream.h"

#define EXEC_FRAME_MAX	(1 << 20)	/* largest message from a client */
#define EXEC_OUT_HIGH	((size_t)1 << 20) /* toward the client: output waits */
#define EXEC_OUT_MAX	(2 * EXEC_OUT_HIGH + 2 * EXEC_FRAME_MAX)
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
	struct stream_out		 out;	/* for the client */
	struct runtime_session		 x;
	int				 stdin_fd;	/* -1: closed */
	int				 out_fd, err_fd;
	int				 gone;	/* the client closed */
	int				 eof;	/* close stdin once written */
	int				 started; /* the streams are set up */
	struct winsize			 ws;	/* a size asked for before */
	/* SPDY (kubectl before 1.30): a stream per channel */
	int				 spdy;
	struct spdy_zlib		 zin, zout;
	uint32_t			 sid[EXEC_CH_RESIZE + 1];
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

/* Queues one message on channel ch: a WebSocket message with the
 * channel byte in front, or data on the channel's SPDY stream. */
static int
exec_send(struct exec_sess *s, int ch, const void *data, size_t n)
{
	struct buf b = BUF_INIT(EXEC_FRAME_MAX + 64), m = BUF_INIT(n + 1);
	int ret = -1;

	if (s->spdy) {
		if (s->sid[ch] == 0)
			ret = 0;	/* the client did not ask for it */
		else if (spdy_data(&b, s->sid[ch], data, n, 0) == 0)
			ret = stream_out_add(&s->out, b.data, b.len);
	} else if (buf_addc(&m, (char)ch) == 0 && (n == 0 || buf_add(&m, data,
	    n) == 0) && ws_frame(&b, WS_BINARY, m.data, m.len, 0) == 0) {
		ret = stream_out_add(&s->out, b.data, b.len);
	}
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
	/* attached: the socket also carries the output; writing stops */
	if (s->stdin_fd >= 0 && s->x.tty < 0 && !s->q->attach) {
		close(s->stdin_fd);
		s->x.child.in = -1;
	}
	s->stdin_fd = -1;
	buf_reset(&s->pending);
}

static void
exec_winsize(struct exec_sess *s, struct winsize ws)
{
	struct err err;

	if (ws.ws_col > 0 && ws.ws_row > 0 && s->x.tty >= 0)
		ioctl(s->x.tty, TIOCSWINSZ, &ws);
	else if (ws.ws_col > 0 && ws.ws_row > 0 && s->q->attach && s->q->tty)
		runtime_ctl(s->q->a->rt, s->q->id, RUNTIME_CTL_RESIZE,
		    ws.ws_row, ws.ws_col, &err);
}

static void
exec_resize(struct exec_sess *s, const char *data, size_t n)
{
	json_t *j = json_loadb(data, n, JSON_DISABLE_EOF_CHECK, NULL);
	struct winsize ws = { 0 };

	if (j != NULL) {
		ws.ws_col = (unsigned short)json_integer_value(
		    json_object_get(j, "Width"));
		ws.ws_row = (unsigned short)json_integer_value(
		    json_object_get(j, "Height"));
		if (!s->started)
			s->ws = ws;	/* applied once the command runs */
		else
			exec_winsize(s, ws);
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
	case EXEC_CH_STDIN:	/* kept for the command until it starts */
		if ((s->stdin_fd >= 0 || (!s->started && s->q->in)) && n > 1 &&
		    buf_add(&s->pending, m + 1, n - 1) < 0)
			exec_close_stdin(s);
		break;
	case EXEC_CH_RESIZE:
		exec_resize(s, (const char *)m + 1, n - 1);
		break;
	case EXEC_CH_CLOSE:	/* v5: the client closed a stream */
		if (n > 1 && m[1] == EXEC_CH_STDIN) {
			if (s->pending.len > 0 || !s->started)
				s->eof = 1;
			else
				exec_close_stdin(s);
		}
		break;
	}
}

/* The channel of a SPDY stream, from its streamtype header. */
static int
exec_spdy_channel(const char *type)
{
	static const char *const names[] = { "stdin", "stdout", "stderr",
	    "error", "resize" };

	for (int i = 0; type != NULL && i <= EXEC_CH_RESIZE; i++)
		if (strcmp(type, names[i]) == 0)
			return i;
	return -1;
}

static int
exec_spdy_frames(struct exec_sess *s)
{
	struct buf out = BUF_INIT(65536);
	struct spdy_headers h;
	struct spdy_frame f;
	struct err err;
	size_t off = 0;
	ssize_t n;
	int ch, ret = 0;

	while (ret == 0 && (n = spdy_parse((unsigned char *)s->in.data + off,
	    s->in.len - off, EXEC_FRAME_MAX, &f, &err)) > 0) {
		off += (size_t)n;
		switch (f.type) {
		case SPDY_SYN_STREAM:
			if (spdy_headers_decode(&s->zin, f.data, f.len, &h,
			    &err) < 0) {
				ret = -1;
				break;
			}
			if ((ch = exec_spdy_channel(spdy_header(&h,
			    "streamtype"))) < 0) {
				spdy_rst_stream(&out, f.stream, SPDY_RST_CANCEL);
				break;
			}
			s->sid[ch] = f.stream;
			spdy_syn_reply(&s->zout, &out, f.stream, NULL, 0);
			break;
		case SPDY_DATA:
			if (f.stream == s->sid[EXEC_CH_STDIN] &&
			    s->sid[EXEC_CH_STDIN] != 0) {
				if (f.len > 0 && s->stdin_fd >= 0 &&
				    buf_add(&s->pending, f.data, f.len) < 0)
					exec_close_stdin(s);
				if (f.flags & SPDY_FLAG_FIN) {
					if (s->pending.len > 0)
						s->eof = 1;
					else
						exec_close_stdin(s);
				}
			} else if (f.stream == s->sid[EXEC_CH_RESIZE] &&
			    s->sid[EXEC_CH_RESIZE] != 0) {
				exec_resize(s, (const char *)f.data, f.len);
			}
			break;
		case SPDY_PING:
			spdy_ping(&out, f.value);
			break;
		case SPDY_GOAWAY:
			s->gone = 1;
			ret = -1;
			break;
		}
	}
	if (n < 0)
		ret = -1;
	if (out.len > 0 && stream_out_add(&s->out, out.data, out.len) < 0)
		ret = -1;
	buf_release(&out);
	if (off > 0) {
		memmove(s->in.data, s->in.data + off, s->in.len - off);
		buf_truncate(&s->in, s->in.len - off);
	}
	return ret;
}

/* Parses what came from the client; -1 when the session is over. */
static int
exec_frames(struct exec_sess *s)
{
	if (s->spdy)
		return exec_spdy_frames(s);
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

			if (ws_frame(&b, WS_PONG, f.payload, f.len, 0) < 0 ||
			    stream_out_add(&s->out, b.data, b.len) < 0)
				ret = -1;
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
	if (off > 0) {
		memmove(s->in.data, s->in.data + off, s->in.len - off);
		buf_truncate(&s->in, s->in.len - off);
	}
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
		if (s->q->attach)
			s->stdin_fd = -1;	/* the same socket */
		return 0;
	}
	if (s->q->attach) {	/* conmon's packets: 2 stdout, 3 stderr */
		ch = chunk[0] == 3 ? EXEC_CH_STDERR : EXEC_CH_STDOUT;
		wanted = ch == EXEC_CH_STDERR ? s->q->err : s->q->out ||
		    s->q->tty;
		if (wanted && n > 1 && exec_send(s, ch, chunk + 1,
		    (size_t)n - 1) < 0)
			s->gone = 1;
		return 1;
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

	/* what came with the upgrade or before the command started */
	s->started = 1;
	exec_winsize(s, s->ws);
	if (exec_frames(s) < 0)
		s->gone = 1;
	if (s->stdin_fd < 0)
		buf_reset(&s->pending);
	else if (s->eof && s->pending.len == 0)
		exec_close_stdin(s);
	while (!s->gone && !s->q->a->stop && (s->out_fd >= 0 ||
	    s->err_fd >= 0)) {
		int np = 0, isock = -1, iin = -1, iout = -1, ierr = -1;
		short sev = 0;
		/* no output read while the client has not taken enough */
		short oev = stream_out_len(&s->out) < EXEC_OUT_HIGH ? POLLIN :
		    0;

		/* no more from the client while its input waits, nor while
		 * it does not take the answers (pongs) */
		if (s->pending.len == 0 &&
		    stream_out_len(&s->out) < 2 * EXEC_OUT_HIGH)
			sev |= POLLIN;
		else if (s->pending.len > 0 && s->stdin_fd >= 0) {
			iin = np;
			pf[np++] = (struct pollfd){ s->stdin_fd, POLLOUT, 0 };
		}
		if (stream_out_len(&s->out) > 0)
			sev |= POLLOUT;
		if (sev != 0) {
			isock = np;
			pf[np++] = (struct pollfd){ s->sock, sev, 0 };
		}
		if (s->out_fd >= 0 && oev) {
			iout = np;
			pf[np++] = (struct pollfd){ s->out_fd, oev, 0 };
		}
		if (s->err_fd >= 0 && oev) {
			ierr = np;
			pf[np++] = (struct pollfd){ s->err_fd, oev, 0 };
		}
		if (poll(pf, (nfds_t)np, 250) <= 0)
			continue;
		if (isock >= 0 && (pf[isock].revents & (POLLOUT | POLLERR |
		    POLLHUP)) && stream_out_len(&s->out) > 0 &&
		    stream_out_flush(&s->out, s->sock) < 0) {
			s->gone = 1;
			break;
		}
		if (isock >= 0 && (sev & POLLIN) && (pf[isock].revents &
		    (POLLIN | POLLERR | POLLHUP))) {
			ssize_t n = recv(s->sock, chunk, sizeof chunk,
			    MSG_DONTWAIT);

			if (n < 0 && (errno == EINTR || errno == EAGAIN ||
			    errno == EWOULDBLOCK))
				n = 0;
			else if (n <= 0 || buf_add(&s->in, chunk,
			    (size_t)n) < 0 || exec_frames(s) < 0) {
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
		/* what was just queued goes now if the client takes it */
		if (!s->gone && stream_out_len(&s->out) > 0 &&
		    stream_out_flush(&s->out, s->sock) < 0)
			s->gone = 1;
	}
}

/* SPDY: the client opens a stream per channel it wants; the command
 * starts once they are all there (as kubelet waits for them). */
static int
exec_spdy_wait(struct exec_sess *s)
{
	char chunk[65536];
	struct err err;
	time_t end = time(NULL) + 30;

	if (spdy_zlib_init(&s->zin, 0, &err) < 0 ||
	    spdy_zlib_init(&s->zout, 1, &err) < 0)
		return -1;
	for (;;) {
		if (exec_frames(s) < 0 ||
		    stream_out_drain(&s->out, s->sock) < 0)
			return -1;
		if (s->sid[EXEC_CH_ERROR] != 0 &&
		    (!s->q->in || s->sid[EXEC_CH_STDIN] != 0) &&
		    (!s->q->out || s->sid[EXEC_CH_STDOUT] != 0) &&
		    (!s->q->err || s->q->tty || s->sid[EXEC_CH_STDERR] != 0) &&
		    (!s->q->tty || s->sid[EXEC_CH_RESIZE] != 0))
			return 0;
		struct pollfd pf = { .fd = s->sock, .events = POLLIN };
		ssize_t n;

		if (time(NULL) >= end || poll(&pf, 1, 1000) < 0)
			return -1;
		if (!pf.revents)
			continue;
		n = recv(s->sock, chunk, sizeof chunk, 0);
		if (n <= 0 || buf_add(&s->in, chunk, (size_t)n) < 0)
			return -1;
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
	if (s->spdy && exec_spdy_wait(s) < 0)
		goto out;
	if (s->q->attach) {
		if (runtime_attach(s->q->a->rt, s->q->id, &s->out_fd,
		    &err) < 0) {
			exec_send_status(s, 0, err.msg);
			goto out;
		}
		s->stdin_fd = s->q->in ? s->out_fd : -1;
		exec_loop(s);
		if (s->out_fd >= 0)
			close(s->out_fd);
		if (!s->gone)
			exec_send_status(s, 0, NULL);
		goto out;
	}
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
	if (s->spdy) {
		for (int ch = EXEC_CH_STDOUT; ch <= EXEC_CH_ERROR; ch++)
			if (s->sid[ch] != 0)
				spdy_data(&b, s->sid[ch], NULL, 0,
				    SPDY_FLAG_FIN);
		spdy_zlib_end(&s->zin);
		spdy_zlib_end(&s->zout);
	} else {
		ws_close(&b, 1000, "", 0);
	}
	/* the output and status still queued, then the end */
	if (!s->gone && stream_out_drain(&s->out, s->sock) == 0)
		stream_send_all(s->sock, b.data, b.len);
	buf_release(&b);
	stream_out_release(&s->out);
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

	mhdrelay_widen(conn, sock, urh);
	if (s == NULL) {
		exec_req_free(q);
		MHD_upgrade_action(urh, MHD_UPGRADE_ACTION_CLOSE);
		return;
	}
	s->q = q;
	s->spdy = q->spdy;
	s->sock = sock;
	s->urh = urh;
	s->stdin_fd = s->out_fd = s->err_fd = -1;
	s->x.tty = -1;
	s->x.child.pid = -1;
	s->x.child.in = s->x.child.out = s->x.child.err = -1;
	buf_init(&s->in, EXEC_FRAME_MAX + 65536);
	buf_init(&s->msg, EXEC_FRAME_MAX);
	buf_init(&s->pending, EXEC_FRAME_MAX);
	stream_out_init(&s->out, EXEC_OUT_MAX);
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

enum MHD_Result
exec_upgrade(struct MHD_Connection *conn, struct exec_req *q,
    struct err *err)
{
	static const char *const protos[] = { "v5.channel.k8s.io",
	    "v4.channel.k8s.io", NULL };
	const char *up = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    "Upgrade"), *sub = NULL;
	int ws = up != NULL && strcasecmp(up, "websocket") == 0;

	if (up == NULL || (!ws && strcasecmp(up, "SPDY/3.1") != 0)) {
		err_set(err, ERR_BAD_REQUEST, "Upgrade request required");
		goto fail;
	}
	/* v4 over SPDY carries the exit code, as kubelet's does */
	sub = ws ? stream_pick(conn, "Sec-WebSocket-Protocol", protos) :
	    stream_pick(conn, "X-Stream-Protocol-Version", protos + 1);
	if (sub == NULL) {
		err_set(err, ERR_BAD_REQUEST, "no supported channel protocol "
		    "offered (v4.channel.k8s.io, v5.channel.k8s.io)");
		goto fail;
	}
	q->proto = sub[1] - '0';
	q->spdy = !ws;
	if (stream_upgrade(conn, ws, sub, exec_upgraded, q, err) == MHD_YES)
		return MHD_YES;
	if (err->reason == ERR_NONE)
		err_set(err, ERR_INTERNAL, "cannot answer the upgrade");
fail:
	exec_req_free(q);
	return MHD_NO;
}
