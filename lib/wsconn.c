/* wsconn.c - a WebSocket client connection on the REST client's target;
 * see wsconn.h.  libcurl makes the TLS connection (CURLOPT_CONNECT_ONLY)
 * with the target's certificates; the upgrade request and the frames are
 * written here, as libcurl 7.88 has no WebSocket API yet. */
#include <jansson.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "base64.h"
#include "curlapi.h"
#include "wsconn.h"

#define WSCONN_HEAD_MAX		(64 * 1024)
#define WSCONN_FRAME_MAX	(16 * 1024 * 1024)
#define WSCONN_TIMEOUT_MS	30000
#define WSCONN_QUEUE_MAX	(WSCONN_FRAME_MAX + 4 * 1024 * 1024)
#define WSCONN_SEND_CHUNK	16384

struct wsconn {
	CURL		*c;
	int		 fd;
	char		 proto[64];
	struct buf	 in;		/* read, not yet parsed */
	size_t		 used;		/* of in: the message returned last */
	struct buf	 msg;		/* a fragmented message so far */
	struct buf	 out;
	struct buf	 queue;		/* raw messages not sent yet */
	size_t		 qoff;		/* of queue: sent already */
	size_t		 again;		/* the size of a send to retry */
};

static int
wsconn_wait(int fd, short ev, int ms)
{
	struct pollfd pf = { .fd = fd, .events = ev };

	return poll(&pf, 1, ms);
}

static int
wsconn_write(struct wsconn *w, const char *p, size_t n, struct err *err)
{
	size_t sent;
	CURLcode rc;

	while (n > 0) {
		rc = curl_easy_send(w->c, p, n, &sent);
		if (rc == CURLE_AGAIN) {
			if (wsconn_wait(w->fd, POLLOUT, WSCONN_TIMEOUT_MS) <= 0)
				return err_set(err, ERR_TIMEOUT, "the server "
				    "stopped reading");
			continue;
		}
		if (rc != CURLE_OK)
			return err_set(err, ERR_SERVICE_UNAVAILABLE, "%s",
			    curl_easy_strerror(rc));
		p += sent;
		n -= sent;
	}
	return 0;
}

/* Reads what is there into w->in: bytes > 0, 0 none now, -1 closed. */
static ssize_t
wsconn_read(struct wsconn *w, struct err *err)
{
	char chunk[16384];
	size_t got = 0;
	CURLcode rc = curl_easy_recv(w->c, chunk, sizeof chunk, &got);

	if (rc == CURLE_AGAIN)
		return 0;
	if (rc != CURLE_OK) {
		err_set(err, ERR_SERVICE_UNAVAILABLE, "%s",
		    curl_easy_strerror(rc));
		return -1;
	}
	if (got == 0)
		return -1;
	if (buf_add(&w->in, chunk, got) < 0) {
		err_set(err, ERR_TOO_LARGE, "websocket: too much "
		    "unread");
		return -1;
	}
	return (ssize_t)got;
}

/* The value of header name in head (lines ending in \r\n), or 0. */
static int
wsconn_header(const char *head, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);

	for (const char *l = strstr(head, "\r\n"); l != NULL;
	    l = strstr(l + 2, "\r\n")) {
		const char *v = l + 2, *end;

		if (strncasecmp(v, name, nl) != 0 || v[nl] != ':')
			continue;
		v += nl + 1;
		v += strspn(v, " \t");
		end = strstr(v, "\r\n");
		if (end == NULL)
			end = v + strlen(v);
		snprintf(out, n, "%.*s", (int)(end - v), v);
		return 1;
	}
	return 0;
}

/* A refusal's body: the server's Status says why. */
static int
wsconn_refused(struct wsconn *w, long code, const char *body, size_t len,
    struct err *err)
{
	json_t *st = json_loadb(body, len, 0, NULL);
	const char *msg = json_string_value(json_object_get(st, "message"));
	const char *reason = json_string_value(json_object_get(st, "reason"));

	(void)w;
	if (msg != NULL)
		err_set(err, rest_reason(reason), "%s", msg);
	else
		err_set(err, code == 404 ? ERR_NOT_FOUND : code == 401 ?
		    ERR_UNAUTHORIZED : code == 403 ? ERR_FORBIDDEN :
		    ERR_BAD_REQUEST, "the server refused the upgrade (%ld): "
		    "%.*s", code, (int)(len < 200 ? len : 200), body);
	json_decref(st);
	return -1;
}

int
wsconn_open(struct rest *r, const char *path, const char *protocols,
    struct wsconn **out, struct err *err)
{
	struct buf req = BUF_INIT(16384), key = BUF_INIT(64);
	struct wsconn *w;
	unsigned char nonce[16];
	char value[256], accept[29], *end;
	const char *host = rest_server(r), *auth = rest_authorization(r);
	curl_socket_t fd;
	long code;
	int rc = -1;

	*out = NULL;
	if ((w = calloc(1, sizeof *w)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	buf_init(&w->in, WSCONN_FRAME_MAX + 16);
	buf_init(&w->msg, WSCONN_FRAME_MAX);
	buf_init(&w->out, WSCONN_FRAME_MAX + 16);
	buf_init(&w->queue, WSCONN_QUEUE_MAX);
	if ((w->c = rest_easy(r, path)) == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	curl_easy_setopt(w->c, CURLOPT_CONNECT_ONLY, 1L);
	if (curl_easy_perform(w->c) != CURLE_OK ||
	    curl_easy_getinfo(w->c, CURLINFO_ACTIVESOCKET, &fd) != CURLE_OK ||
	    fd == CURL_SOCKET_BAD) {
		err_set(err, ERR_SERVICE_UNAVAILABLE, "cannot connect to %s",
		    host);
		goto out;
	}
	w->fd = (int)fd;
	if (getrandom(nonce, sizeof nonce, 0) != (ssize_t)sizeof nonce ||
	    base64_encode(nonce, sizeof nonce, 0, &key) < 0) {
		err_set(err, ERR_INTERNAL, "no random bytes");
		goto out;
	}
	if (strncmp(host, "https://", 8) == 0)
		host += 8;
	else if (strncmp(host, "http://", 7) == 0)
		host += 7;
	buf_addf(&req, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\n"
	    "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
	    "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Protocol: %s\r\n",
	    path, host, buf_str(&key), protocols);
	if (auth != NULL)
		buf_addf(&req, "%s\r\n", auth);
	if (buf_adds(&req, "\r\n") < 0 ||
	    wsconn_write(w, req.data, req.len, err) < 0)
		goto out;
	/* the answer's head; what follows it is the first frames */
	while ((end = strstr(buf_str(&w->in), "\r\n\r\n")) == NULL) {
		ssize_t n = wsconn_read(w, err);

		if (n == 0 && wsconn_wait(w->fd, POLLIN, WSCONN_TIMEOUT_MS) > 0)
			continue;
		if (n <= 0 || w->in.len > WSCONN_HEAD_MAX) {
			if (err->reason == ERR_NONE)
				err_set(err, ERR_SERVICE_UNAVAILABLE, "no "
				    "answer to the upgrade");
			goto out;
		}
	}
	end[2] = '\0';
	code = strtol(strchr(w->in.data, ' ') ? strchr(w->in.data, ' ') : "",
	    NULL, 10);
	if (code != 101) {
		long want = wsconn_header(w->in.data, "Content-Length", value,
		    sizeof value) ? strtol(value, NULL, 10) : 0;
		size_t off = (size_t)(end + 4 - w->in.data);

		while (w->in.len - off < (size_t)want && want < 65536) {
			ssize_t n = wsconn_read(w, err);

			if (n == 0 && wsconn_wait(w->fd, POLLIN, 5000) > 0)
				continue;
			if (n <= 0)
				break;
		}
		err_clear(err);
		wsconn_refused(w, code, w->in.data + off, w->in.len - off, err);
		goto out;
	}
	if (ws_accept_key(buf_str(&key), accept, err) < 0)
		goto out;
	if (!wsconn_header(w->in.data, "Sec-WebSocket-Accept", value,
	    sizeof value) || strcmp(value, accept) != 0) {
		err_set(err, ERR_BAD_REQUEST, "websocket: a wrong "
		    "Sec-WebSocket-Accept from the server");
		goto out;
	}
	if (wsconn_header(w->in.data, "Sec-WebSocket-Protocol", value,
	    sizeof value))
		snprintf(w->proto, sizeof w->proto, "%s", value);
	w->used = (size_t)(end + 4 - w->in.data);
	*out = w;
	w = NULL;
	rc = 0;
out:
	wsconn_close(w);
	buf_release(&req);
	buf_release(&key);
	return rc;
}

const char *
wsconn_protocol(const struct wsconn *w)
{
	return w->proto;
}

int
wsconn_fd(const struct wsconn *w)
{
	return w->fd;
}

/* What is queued, sent before anything else goes (waiting for it). */
static int
wsconn_drain(struct wsconn *w, struct err *err)
{
	while (wsconn_pending(w) > 0) {
		if (wsconn_flush(w, err) < 0)
			return -1;
		if (wsconn_pending(w) > 0 &&
		    wsconn_wait(w->fd, POLLOUT, WSCONN_TIMEOUT_MS) <= 0)
			return err_set(err, ERR_TIMEOUT, "the server "
			    "stopped reading");
	}
	return 0;
}

int
wsconn_send(struct wsconn *w, int channel, const void *data, size_t len,
    struct err *err)
{
	unsigned char *msg;
	int rc;

	if (wsconn_drain(w, err) < 0)
		return -1;
	if ((msg = malloc(len + 1)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	msg[0] = (unsigned char)channel;
	if (len > 0)
		memcpy(msg + 1, data, len);
	buf_reset(&w->out);
	rc = ws_frame(&w->out, WS_BINARY, msg, len + 1, 1);
	free(msg);
	if (rc < 0)
		return err_set(err, ERR_TOO_LARGE, "websocket: the "
		    "message is too large");
	return wsconn_write(w, w->out.data, w->out.len, err);
}

/* The next whole data message (see wsconn_recv). */
static int
wsconn_message(struct wsconn *w, const unsigned char **data, size_t *len,
    struct err *err)
{
	struct ws_frame f;
	ssize_t n;

	/* what the last call returned is done with */
	if (w->used > 0) {
		memmove(w->in.data, w->in.data + w->used, w->in.len - w->used);
		buf_truncate(&w->in, w->in.len - w->used);
		w->used = 0;
	}
	for (;;) {
		n = ws_parse((unsigned char *)w->in.data, w->in.len,
		    WSCONN_FRAME_MAX, 0, &f, err);
		if (n < 0)
			return -1;
		if (n == 0) {
			ssize_t got = wsconn_read(w, err);

			if (got == 0)
				return 0;
			if (got < 0)
				return -1;
			continue;
		}
		w->used = (size_t)n;
		switch (f.opcode) {
		case WS_CLOSE:
			return -1;
		case WS_PING:
			/* behind what is queued, if anything is */
			if (wsconn_pending(w) > 0) {
				if (ws_frame(&w->queue, WS_PONG, f.payload,
				    f.len, 1) < 0)
					return err_set(err, ERR_TOO_LARGE,
					    "websocket: too much unsent");
				break;
			}
			buf_reset(&w->out);
			if (ws_frame(&w->out, WS_PONG, f.payload, f.len, 1) <
			    0 || wsconn_write(w, w->out.data, w->out.len,
			    err) < 0)
				return -1;
			break;
		case WS_PONG:
			break;
		default:
			if (!f.fin || w->msg.len > 0) {
				/* a fragment: kept until the last one */
				if (buf_add(&w->msg, f.payload, f.len) < 0)
					return err_set(err,
					    ERR_TOO_LARGE, "websocket: "
					    "message too large");
				if (!f.fin)
					break;
				f.payload = (unsigned char *)w->msg.data;
				f.len = w->msg.len;
				buf_reset(&w->msg);	/* data stays there */
			}
			if (f.len == 0)
				break;
			*data = f.payload;
			*len = f.len;
			return 1;
		}
		memmove(w->in.data, w->in.data + w->used, w->in.len - w->used);
		buf_truncate(&w->in, w->in.len - w->used);
		w->used = 0;
	}
}

int
wsconn_recv(struct wsconn *w, int *channel, const unsigned char **data,
    size_t *len, struct err *err)
{
	int rc = wsconn_message(w, data, len, err);

	if (rc == 1) {
		*channel = (*data)[0];
		(*data)++;
		(*len)--;
	}
	return rc;
}

int
wsconn_recv_raw(struct wsconn *w, const unsigned char **data, size_t *len,
    struct err *err)
{
	return wsconn_message(w, data, len, err);
}

int
wsconn_send_raw(struct wsconn *w, const void *data, size_t len,
    struct err *err)
{
	if (w->qoff > 0 && w->queue.len + len + 16 > WSCONN_QUEUE_MAX) {
		memmove(w->queue.data, w->queue.data + w->qoff,
		    w->queue.len - w->qoff);
		buf_truncate(&w->queue, w->queue.len - w->qoff);
		w->qoff = 0;
	}
	if (ws_frame(&w->queue, WS_BINARY, data, len, 1) < 0)
		return err_set(err, ERR_TOO_LARGE, "websocket: too much "
		    "unsent");
	return wsconn_flush(w, err);
}

int
wsconn_flush(struct wsconn *w, struct err *err)
{
	size_t sent, n, left;
	CURLcode rc;

	while ((left = w->queue.len - w->qoff) > 0) {
		/* a send that could not go is tried again the same */
		n = w->again > 0 ? w->again : left < WSCONN_SEND_CHUNK ? left :
		    WSCONN_SEND_CHUNK;
		sent = 0;
		rc = curl_easy_send(w->c, w->queue.data + w->qoff, n, &sent);
		if (rc == CURLE_AGAIN) {
			w->again = n;
			break;
		}
		w->again = 0;
		if (rc != CURLE_OK)
			return err_set(err, ERR_SERVICE_UNAVAILABLE, "%s",
			    curl_easy_strerror(rc));
		w->qoff += sent;
	}
	/* what was sent goes, now and then rather than each time */
	if (w->qoff == w->queue.len) {
		buf_reset(&w->queue);
		w->qoff = 0;
	} else if (w->qoff > w->queue.len / 2 && w->again == 0) {
		memmove(w->queue.data, w->queue.data + w->qoff,
		    w->queue.len - w->qoff);
		buf_truncate(&w->queue, w->queue.len - w->qoff);
		w->qoff = 0;
	}
	return 0;
}

size_t
wsconn_pending(const struct wsconn *w)
{
	return w->queue.len - w->qoff;
}

void
wsconn_close(struct wsconn *w)
{
	if (w == NULL)
		return;
	if (w->c != NULL) {
		if (w->fd > 0) {
			struct err e2;

			err_clear(&e2);
			wsconn_drain(w, &e2);
			buf_reset(&w->out);
			if (ws_close(&w->out, 1000, "", 1) == 0) {
				struct err e;

				err_clear(&e);
				wsconn_write(w, w->out.data, w->out.len, &e);
			}
		}
		curl_easy_cleanup(w->c);
	}
	buf_release(&w->in);
	buf_release(&w->msg);
	buf_release(&w->out);
	buf_release(&w->queue);
	free(w);
}
