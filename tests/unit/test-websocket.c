/* test-websocket.c - unit tests for lib/websocket.c: the RFC 6455 accept
 * key, frames of every length class, masking, partial input and the
 * protocol errors. */
#include <stdlib.h>
#include <string.h>

#include "../../lib/websocket.h"
#include "test.h"

static void
test_ws_accept(void)
{
	char out[29];
	struct err err;

	/* the example of RFC 6455, section 1.3 */
	CHECK_INT(ws_accept_key("dGhlIHNhbXBsZSBub25jZQ==", out, &err), 0);
	CHECK_STR(out, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	CHECK_INT(ws_accept_key("", out, &err), -1);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
}

/* Encodes len bytes, parses them back (whole and byte by byte). */
static void
ws_roundtrip(size_t len, int mask)
{
	struct buf b = BUF_INIT(1 << 20);
	unsigned char *p = malloc(len + 1), *copy;
	struct ws_frame f;
	struct err err;
	size_t i;
	ssize_t n;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 7);
	CHECK_INT(ws_frame(&b, WS_BINARY, p, len, mask), 0);
	copy = malloc(b.len);
	for (i = 0; i < b.len; i++) {
		memcpy(copy, b.data, b.len);
		CHECK_INT(ws_parse(copy, i, 1 << 20, mask, &f, &err), 0);
	}
	n = ws_parse((unsigned char *)b.data, b.len, 1 << 20, mask, &f, &err);
	CHECK_INT(n, b.len);
	CHECK_INT(f.len, len);
	CHECK_INT(f.opcode, WS_BINARY);
	CHECK_INT(f.fin, 1);
	CHECK_INT(f.masked, mask);
	CHECK(len == 0 || memcmp(f.payload, p, len) == 0);
	free(copy);
	free(p);
	buf_release(&b);
}

static void
test_ws_frames(void)
{
	ws_roundtrip(0, 0);
	ws_roundtrip(5, 1);
	ws_roundtrip(125, 0);
	ws_roundtrip(126, 1);
	ws_roundtrip(65535, 0);
	ws_roundtrip(65536, 1);
	ws_roundtrip(300000, 1);
}

static void
test_ws_errors(void)
{
	unsigned char rsv[] = { 0xc2, 0x00 };
	unsigned char op[] = { 0x83, 0x00 };
	unsigned char ctl[] = { 0x09, 0x00 };	/* a fragmented ping */
	unsigned char unmasked[] = { 0x82, 0x01, 'x' };
	unsigned char big[] = { 0x82, 0x7f, 0, 0, 0, 1, 0, 0, 0, 0 };
	unsigned char hello[] = { 0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f,
	    0x9f, 0x4d, 0x51, 0x58 };	/* RFC 6455 5.7: masked "Hello" */
	struct buf b = BUF_INIT(256);
	struct ws_frame f;
	struct err err;

	CHECK_INT(ws_parse(rsv, sizeof rsv, 100, 0, &f, &err), -1);
	CHECK_INT(ws_parse(op, sizeof op, 100, 0, &f, &err), -1);
	CHECK_INT(ws_parse(ctl, sizeof ctl, 100, 0, &f, &err), -1);
	CHECK_INT(ws_parse(unmasked, sizeof unmasked, 100, 1, &f, &err), -1);
	CHECK_INT(ws_parse(big, sizeof big, 1 << 20, 0, &f, &err), -1);
	CHECK_INT(err.reason, ERR_TOO_LARGE);
	CHECK_INT(ws_parse(hello, sizeof hello, 100, 1, &f, &err),
	    sizeof hello);
	CHECK_INT(f.opcode, WS_TEXT);
	CHECK(f.len == 5 && memcmp(f.payload, "Hello", 5) == 0);
	CHECK_INT(ws_close(&b, 1000, "bye", 0), 0);
	CHECK_INT(ws_parse((unsigned char *)b.data, b.len, 100, 0, &f, &err),
	    b.len);
	CHECK_INT(f.opcode, WS_CLOSE);
	CHECK(f.len == 5 && f.payload[0] == 0x03 && f.payload[1] == 0xe8 &&
	    memcmp(f.payload + 2, "bye", 3) == 0);
	buf_release(&b);
}

int
main(void)
{
	RUN(test_ws_accept);
	RUN(test_ws_frames);
	RUN(test_ws_errors);
	return TEST_EXIT();
}
