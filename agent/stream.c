/* stream.c - the upgrade answer and the small I/O pieces the agent's
 * exec and port-forward streams share; see stream.h. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "../lib/websocket.h"
#include "stream.h"

#define STREAM_DRAIN_MS	5000	/* the longest a drain waits for its peer */

int
stream_send_all(int fd, const void *p, size_t n)
{
	const char *s = p;

	while (n > 0) {
		ssize_t w = send(fd, s, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

void
stream_out_init(struct stream_out *o, size_t cap)
{
	buf_init(&o->b, cap);
	o->off = 0;
}

void
stream_out_release(struct stream_out *o)
{
	buf_release(&o->b);
	o->off = 0;
}

size_t
stream_out_len(const struct stream_out *o)
{
	return o->b.len - o->off;
}

/* What was sent leaves the front once it is as long as what waits, so
 * that each byte is moved at most once on average. */
static void
stream_out_compact(struct stream_out *o)
{
	size_t left = o->b.len - o->off;

	if (o->off == 0 || o->off < left)
		return;
	memmove(o->b.data, o->b.data + o->off, left);
	o->off = 0;
	buf_truncate(&o->b, left);
}

int
stream_out_add(struct stream_out *o, const void *p, size_t n)
{
	if (n > o->b.cap - stream_out_len(o))
		return -1;
	if (o->b.len + n > o->b.cap) {	/* room only once compacted */
		memmove(o->b.data, o->b.data + o->off, o->b.len - o->off);
		buf_truncate(&o->b, o->b.len - o->off);
		o->off = 0;
	}
	return buf_add(&o->b, p, n);
}

int
stream_out_flush(struct stream_out *o, int fd)
{
	while (stream_out_len(o) > 0) {
		ssize_t w = send(fd, o->b.data + o->off, stream_out_len(o),
		    MSG_NOSIGNAL | MSG_DONTWAIT);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (w <= 0) {
			buf_reset(&o->b);
			o->off = 0;
			return -1;
		}
		o->off += (size_t)w;
	}
	stream_out_compact(o);
	return 0;
}

int
stream_out_drain(struct stream_out *o, int fd)
{
	struct pollfd pf = { .fd = fd, .events = POLLOUT };
	int waited = 0;

	/* a peer that reads nothing more is not waited for forever: the
	 * agent's stop waits for this connection */
	while (stream_out_len(o) > 0) {
		if (stream_out_flush(o, fd) < 0)
			return -1;
		if (stream_out_len(o) == 0)
			break;
		if (waited >= STREAM_DRAIN_MS)
			return -1;
		if (poll(&pf, 1, 100) < 0 && errno != EINTR)
			return -1;
		waited += 100;
	}
	return 0;
}

struct stream_offer {
	const char	*header;
	const char	*const *want;
	int		 best;		/* index into want; -1 none */
};

static enum MHD_Result
stream_offer_cb(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct stream_offer *o = cls;
	char copy[1024], *p, *save = NULL;

	if (strcasecmp(key, o->header) != 0 || value == NULL)
		return MHD_YES;
	snprintf(copy, sizeof copy, "%s", value);
	for (p = strtok_r(copy, ", ", &save); p != NULL;
	    p = strtok_r(NULL, ", ", &save))
		for (int i = 0; o->want[i] != NULL; i++)
			if (strcmp(p, o->want[i]) == 0 &&
			    (o->best < 0 || i < o->best))
				o->best = i;
	return MHD_YES;
}

const char *
stream_pick(struct MHD_Connection *conn, const char *header,
    const char *const *want)
{
	struct stream_offer o = { header, want, -1 };

	MHD_get_connection_values(conn, MHD_HEADER_KIND, stream_offer_cb, &o);
	return o.best < 0 ? NULL : want[o.best];
}

enum MHD_Result
stream_upgrade(struct MHD_Connection *conn, int websocket, const char *sub,
    MHD_UpgradeHandler fn, void *cls, struct err *err)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	char accept[29];

	if (websocket && ws_accept_key(MHD_lookup_connection_value(conn,
	    MHD_HEADER_KIND, "Sec-WebSocket-Key"), accept, err) < 0)
		return MHD_NO;
	if ((r = MHD_create_response_for_upgrade(fn, cls)) == NULL) {
		err_set(err, ERR_INTERNAL, "cannot upgrade the connection");
		return MHD_NO;
	}
	if (websocket) {
		MHD_add_response_header(r, MHD_HTTP_HEADER_UPGRADE,
		    "websocket");
		MHD_add_response_header(r, "Sec-WebSocket-Accept", accept);
		MHD_add_response_header(r, "Sec-WebSocket-Protocol", sub);
	} else {
		MHD_add_response_header(r, MHD_HTTP_HEADER_UPGRADE, "SPDY/3.1");
		MHD_add_response_header(r, "X-Stream-Protocol-Version", sub);
	}
	ret = MHD_queue_response(conn, MHD_HTTP_SWITCHING_PROTOCOLS, r);
	MHD_destroy_response(r);
	return ret;
}
