/* stream.h - what the agent's upgraded streams (exec.c, portforward.c)
 * share: the 101 answer for WebSocket or SPDY, the subprotocol chosen
 * from what the client offers, and whole writes to the client. */
#ifndef KUBEC_AGENT_STREAM_H
#define KUBEC_AGENT_STREAM_H

#include <stddef.h>

#include <microhttpd.h>

#include "../lib/err.h"

/* Writes all n bytes to the socket fd (blocking); -1 when it closed. */
int	stream_send_all(int fd, const void *p, size_t n);

/*
 * The first protocol of want (NULL-terminated, in preference order) that
 * the client offers in header (values separated by commas, the header
 * perhaps repeated), or NULL.
 */
const char *stream_pick(struct MHD_Connection *conn, const char *header,
	    const char *const *want);

/*
 * Queues the 101 answer upgrading conn: to WebSocket (with
 * Sec-WebSocket-Accept and Sec-WebSocket-Protocol: sub) when websocket,
 * else to SPDY/3.1 (X-Stream-Protocol-Version: sub); fn(cls, ...) gets
 * the connection once upgraded.  MHD_NO with err set when it cannot.
 */
enum MHD_Result stream_upgrade(struct MHD_Connection *conn, int websocket,
	    const char *sub, MHD_UpgradeHandler fn, void *cls,
	    struct err *err);

#endif
