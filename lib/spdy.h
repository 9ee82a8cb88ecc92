/* spdy.h - SPDY/3.1 framing and header blocks: what kubectl port-forward
 * (portforward.k8s.io, raw or tunnelled in WebSocket messages as
 * v2.portforward.k8s.io) and older kubectl exec (v4.channel.k8s.io over
 * SPDY) speak to a kubelet.
 *
 * No I/O here: the parser works on bytes the caller has read, the
 * writers append frames to a buf.  Header blocks are zlib streams with
 * the protocol's dictionary, one per direction and connection (struct
 * spdy_zlib).  Flow control (WINDOW_UPDATE, SETTINGS) is read and
 * ignored, as Go's spdystream, which kubectl uses, does.
 */
#ifndef KUBEC_SPDY_H
#define KUBEC_SPDY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "buf.h"
#include "err.h"

enum spdy_type {
	SPDY_DATA = 0,		/* not a control frame */
	SPDY_SYN_STREAM = 1,
	SPDY_SYN_REPLY = 2,
	SPDY_RST_STREAM = 3,
	SPDY_SETTINGS = 4,
	SPDY_PING = 6,
	SPDY_GOAWAY = 7,
	SPDY_HEADERS = 8,
	SPDY_WINDOW_UPDATE = 9,
};

#define SPDY_FLAG_FIN		0x01
#define SPDY_RST_CANCEL		5
#define SPDY_MAX_FRAME		((size_t)1 << 24)

struct spdy_frame {
	int			 type;		/* enum spdy_type */
	int			 flags;
	uint32_t		 stream;	/* 0 for session frames */
	uint32_t		 value;		/* RST/GOAWAY status, PING id */
	const unsigned char	*data;		/* DATA payload, or the */
	size_t			 len;		/* compressed header block */
};

#define SPDY_MAX_HEADERS	16

/* A header block: names lowercase, as SPDY wants them. */
struct spdy_headers {
	int	n;
	char	name[SPDY_MAX_HEADERS][64];
	char	value[SPDY_MAX_HEADERS][512];
};

/* The zlib state of one direction of a connection. */
struct spdy_zlib {
	void	*z;		/* z_stream */
	int	 deflate;
};

/*
 * Parses one frame at the start of data (len bytes): its size when it is
 * complete, 0 when more bytes are needed, -1 (ERR_BAD_REQUEST) for a
 * frame that is malformed, of another version, or longer than max.
 * Unknown control frames parse (type as found) and are to be ignored.
 */
ssize_t	spdy_parse(const unsigned char *data, size_t len, size_t max,
	    struct spdy_frame *f, struct err *err);

int	spdy_zlib_init(struct spdy_zlib *z, int deflate, struct err *err);
void	spdy_zlib_end(struct spdy_zlib *z);

/* Decodes a frame's header block (inflating with z). */
int	spdy_headers_decode(struct spdy_zlib *z, const unsigned char *blk,
	    size_t len, struct spdy_headers *h, struct err *err);
/* The value of name in h, or NULL. */
const char *spdy_header(const struct spdy_headers *h, const char *name);
int	spdy_header_add(struct spdy_headers *h, const char *name,
	    const char *value);

/* Frame writers (deflating header blocks with z); -1 when out is full. */
int	spdy_syn_stream(struct spdy_zlib *z, struct buf *out, uint32_t stream,
	    const struct spdy_headers *h, int flags);
int	spdy_syn_reply(struct spdy_zlib *z, struct buf *out, uint32_t stream,
	    const struct spdy_headers *h, int flags);
int	spdy_data(struct buf *out, uint32_t stream, const void *p, size_t n,
	    int flags);
int	spdy_rst_stream(struct buf *out, uint32_t stream, uint32_t status);
int	spdy_ping(struct buf *out, uint32_t id);
int	spdy_goaway(struct buf *out, uint32_t last, uint32_t status);

#endif
