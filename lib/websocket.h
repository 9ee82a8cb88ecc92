/* websocket.h - RFC 6455 framing and the opening handshake's accept key:
 * what the agent's exec, attach and port-forward streams speak with
 * kubectl (the channel protocols v4/v5.channel.k8s.io and
 * v2.portforward.k8s.io put a channel byte in front of each message).
 *
 * No I/O here: the parser works on bytes the caller has read, the
 * encoder appends to a buf.
 */
#ifndef KUBEC_WEBSOCKET_H
#define KUBEC_WEBSOCKET_H

#include <stddef.h>
#include <sys/types.h>

#include "buf.h"
#include "err.h"

enum ws_opcode {
	WS_CONT = 0x0,
	WS_TEXT = 0x1,
	WS_BINARY = 0x2,
	WS_CLOSE = 0x8,
	WS_PING = 0x9,
	WS_PONG = 0xa,
};

struct ws_frame {
	int		 fin;
	int		 opcode;
	int		 masked;
	unsigned char	*payload;	/* points into the parsed bytes */
	size_t		 len;
};

/* Sec-WebSocket-Accept for a Sec-WebSocket-Key: base64(SHA-1(key+GUID)).
 * out gets 28 characters and a NUL. */
int	ws_accept_key(const char *key, char out[29], struct err *err);

/*
 * Parses one frame at the start of data (len bytes), unmasking its
 * payload in place.  Returns the frame's size in bytes when it is
 * complete, 0 when more bytes are needed, -1 (ERR_BAD_REQUEST) for a
 * protocol error: reserved bits, an unknown opcode, a fragmented or
 * oversized control frame, a payload over max, or (need_mask) an
 * unmasked frame from a client.
 */
ssize_t	ws_parse(unsigned char *data, size_t len, size_t max, int need_mask,
	    struct ws_frame *f, struct err *err);

/*
 * Appends one final frame with opcode and payload; masked (with a random
 * key) as clients must send, unmasked as servers do.  -1 when out is full.
 */
int	ws_frame(struct buf *out, int opcode, const void *payload, size_t len,
	    int mask);

/* A close frame's payload: the 2-byte status code and a reason. */
int	ws_close(struct buf *out, int code, const char *reason, int mask);

#endif
