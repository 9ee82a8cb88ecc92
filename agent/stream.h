/* stream.h - what the agent's upgraded streams (exec.c, portforward.c)
 * share: the 101 answer for WebSocket or SPDY, the subprotocol chosen
 * from what the client offers, whole writes to the client, and the
 * bounded buffer of bytes on their way to a socket that is written
 * without waiting (so that one loop can carry both directions). */
#ifndef KUBEC_AGENT_STREAM_H
#define KUBEC_AGENT_STREAM_H

#include <stddef.h>

#include <microhttpd.h>

#include "../lib/buf.h"
#include "../lib/err.h"

/* Bytes not yet taken by a socket: data[off..len) of b, whose cap bounds
 * what may wait. */
struct stream_out {
	struct buf	b;
	size_t		off;
};

/* Writes all n bytes to the socket fd (blocking); -1 when it closed. */
int	stream_send_all(int fd, const void *p, size_t n);

void	stream_out_init(struct stream_out *o, size_t cap);
void	stream_out_release(struct stream_out *o);
/* What waits to be sent. */
size_t	stream_out_len(const struct stream_out *o);
/* Queues n bytes; -1 (nothing queued) when more than the cap would wait. */
int	stream_out_add(struct stream_out *o, const void *p, size_t n);
/* Sends what the socket fd takes now, without waiting; -1 when it closed
 * or failed (what waited is dropped). */
int	stream_out_flush(struct stream_out *o, int fd);
/* Sends all that waits, waiting up to 5 s for the socket to take it (a
 * peer that reads nothing more does not hold the agent's stop); -1 as
 * above or when that runs out. */
int	stream_out_drain(struct stream_out *o, int fd);

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
