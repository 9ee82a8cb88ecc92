/* websocket.c - RFC 6455 frames and the handshake's accept key; see
 * websocket.h.  SHA-1 and random masks come from GnuTLS. */
#include <stdint.h>
#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "base64.h"
#include "websocket.h"

#define WS_GUID	"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

int
ws_accept_key(const char *key, char out[29], struct err *err)
{
	struct buf in = BUF_INIT(256), enc = BUF_INIT(64);
	unsigned char sha[20];
	int ret = -1;

	if (key == NULL || key[0] == '\0' || strlen(key) > 128) {
		err_set(err, ERR_BAD_REQUEST, "websocket: bad Sec-WebSocket-Key");
		goto out;
	}
	if (buf_adds(&in, key) < 0 || buf_adds(&in, WS_GUID) < 0 ||
	    gnutls_hash_fast(GNUTLS_DIG_SHA1, in.data, in.len, sha) < 0 ||
	    base64_encode(sha, sizeof sha, 0, &enc) < 0 || enc.len != 28) {
		err_set(err, ERR_INTERNAL, "websocket: accept key");
		goto out;
	}
	memcpy(out, enc.data, 28);
	out[28] = '\0';
	ret = 0;
out:
	buf_release(&in);
	buf_release(&enc);
	return ret;
}

ssize_t
ws_parse(unsigned char *data, size_t len, size_t max, int need_mask,
    struct ws_frame *f, struct err *err)
{
	size_t hdr = 2, i;
	uint64_t plen;
	unsigned char *key = NULL;

	if (len < 2)
		return 0;
	memset(f, 0, sizeof *f);
	f->fin = (data[0] & 0x80) != 0;
	f->opcode = data[0] & 0x0f;
	f->masked = (data[1] & 0x80) != 0;
	if (data[0] & 0x70)
		return err_set(err, ERR_BAD_REQUEST, "websocket: reserved bits "
		    "set");
	switch (f->opcode) {
	case WS_CONT: case WS_TEXT: case WS_BINARY:
		break;
	case WS_CLOSE: case WS_PING: case WS_PONG:
		if (!f->fin || (data[1] & 0x7f) > 125)
			return err_set(err, ERR_BAD_REQUEST, "websocket: bad "
			    "control frame");
		break;
	default:
		return err_set(err, ERR_BAD_REQUEST, "websocket: opcode %d",
		    f->opcode);
	}
	if (need_mask && !f->masked)
		return err_set(err, ERR_BAD_REQUEST, "websocket: unmasked "
		    "frame from a client");
	plen = data[1] & 0x7f;
	if (plen == 126) {
		if (len < 4)
			return 0;
		plen = (uint64_t)data[2] << 8 | data[3];
		hdr = 4;
	} else if (plen == 127) {
		if (len < 10)
			return 0;
		plen = 0;
		for (i = 0; i < 8; i++)
			plen = plen << 8 | data[2 + i];
		hdr = 10;
	}
	if (plen > max)
		return err_set(err, ERR_TOO_LARGE, "websocket: a frame of %llu "
		    "bytes (limit %zu)", (unsigned long long)plen, max);
	if (f->masked) {
		if (len < hdr + 4)
			return 0;
		key = data + hdr;
		hdr += 4;
	}
	if (len - hdr < plen)
		return 0;
	f->payload = data + hdr;
	f->len = (size_t)plen;
	if (key != NULL)
		for (i = 0; i < f->len; i++)
			f->payload[i] ^= key[i & 3];
	return (ssize_t)(hdr + f->len);
}

int
ws_frame(struct buf *out, int opcode, const void *payload, size_t len,
    int mask)
{
	unsigned char h[14], key[4];
	size_t n = 2, start, i;

	h[0] = (unsigned char)(0x80 | (opcode & 0x0f));
	if (len < 126) {
		h[1] = (unsigned char)len;
	} else if (len <= 0xffff) {
		h[1] = 126;
		h[2] = (unsigned char)(len >> 8);
		h[3] = (unsigned char)len;
		n = 4;
	} else {
		h[1] = 127;
		for (i = 0; i < 8; i++)
			h[2 + i] = (unsigned char)((uint64_t)len >> (56 - 8 * i));
		n = 10;
	}
	if (mask) {
		h[1] |= 0x80;
		if (gnutls_rnd(GNUTLS_RND_NONCE, key, sizeof key) < 0)
			return -1;
		memcpy(h + n, key, 4);
		n += 4;
	}
	if (buf_add(out, h, n) < 0)
		return -1;
	start = out->len;
	if (len > 0 && buf_add(out, payload, len) < 0) {
		buf_truncate(out, start - n);
		return -1;
	}
	if (mask)
		for (i = 0; i < len; i++)
			out->data[start + i] ^= (char)key[i & 3];
	return 0;
}

int
ws_close(struct buf *out, int code, const char *reason, int mask)
{
	unsigned char p[125];
	size_t n = reason ? strlen(reason) : 0;

	if (n > sizeof p - 2)
		n = sizeof p - 2;
	p[0] = (unsigned char)(code >> 8);
	p[1] = (unsigned char)code;
	if (n > 0)
		memcpy(p + 2, reason, n);
	return ws_frame(out, WS_CLOSE, p, n + 2, mask);
}
