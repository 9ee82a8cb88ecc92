/* wsconn.h - a WebSocket client connection to the API server, on the
 * REST client's target (its TLS settings and credentials): what kubec
 * exec and the console's shell speak with the server's pods/exec (the
 * channel protocols v5/v4.channel.k8s.io, a channel byte in front of each
 * binary message; see websocket.h for the framing), and what kubec
 * port-forward tunnels SPDY in (SPDY/3.1+portforward.k8s.io: whole binary
 * messages, no channel byte, sent without waiting).
 */
#ifndef KUBEC_WSCONN_H
#define KUBEC_WSCONN_H

#include <stddef.h>

#include "err.h"
#include "rest.h"
#include "websocket.h"

struct wsconn;

/*
 * Opens path (with its query) on r's server and upgrades the connection,
 * offering protocols (comma separated); *out gets the connection.  A
 * refusal (no 101) is an error with the server's Status message and
 * reason.
 */
int		 wsconn_open(struct rest *r, const char *path,
		    const char *protocols, struct wsconn **out,
		    struct err *err);
/* The protocol the server chose ("" when none). */
const char	*wsconn_protocol(const struct wsconn *w);
/* The socket, to poll() for reading. */
int		 wsconn_fd(const struct wsconn *w);
/* Sends one binary message: the channel byte, then data. */
int		 wsconn_send(struct wsconn *w, int channel, const void *data,
		    size_t len, struct err *err);
/*
 * The next message: 1 with *channel, *data (valid until the next call)
 * and *len; 0 when none is ready without waiting; -1 when the server
 * closed the connection (err clear) or on a failure.  Pings are answered.
 */
int		 wsconn_recv(struct wsconn *w, int *channel,
		    const unsigned char **data, size_t *len, struct err *err);
/* The same for a message as it is, no channel byte taken off. */
int		 wsconn_recv_raw(struct wsconn *w, const unsigned char **data,
		    size_t *len, struct err *err);
/*
 * Queues a binary message as it is (no channel byte) and sends what the
 * socket takes now without waiting: wsconn_pending() says how much is
 * left, wsconn_flush() sends more when poll() says POLLOUT.  -1 when the
 * queue is full (16 MiB and more) or the connection failed.  What is
 * queued goes before anything wsconn_send() or a close sends.
 */
int		 wsconn_send_raw(struct wsconn *w, const void *data,
		    size_t len, struct err *err);
int		 wsconn_flush(struct wsconn *w, struct err *err);
size_t		 wsconn_pending(const struct wsconn *w);
void		 wsconn_close(struct wsconn *w);

#endif
