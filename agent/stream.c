/* stream.c - the upgrade answer and the small I/O pieces the agent's
 * exec and port-forward streams share; see stream.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "../lib/websocket.h"
#include "stream.h"

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
