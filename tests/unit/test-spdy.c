/* test-spdy.c - unit tests for lib/spdy.c: header blocks through the
 * protocol's zlib dictionary (its id as the specification gives it),
 * the compression state carried across frames, every frame kind, and
 * partial or malformed input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/spdy.h"
#include "test.h"

static void
test_spdy_headers(void)
{
	struct spdy_zlib cz, sz;
	struct spdy_headers h = { 0 }, got;
	struct buf b = BUF_INIT(1 << 20);
	struct spdy_frame f;
	struct err err;
	const unsigned char *blk;
	ssize_t n;

	CHECK_INT(spdy_zlib_init(&cz, 1, &err), 0);
	CHECK_INT(spdy_zlib_init(&sz, 0, &err), 0);
	spdy_header_add(&h, "StreamType", "data");
	spdy_header_add(&h, "port", "8080");
	spdy_header_add(&h, "requestID", "0");
	CHECK_INT(spdy_syn_stream(&cz, &b, 1, &h, 0), 0);
	n = spdy_parse((unsigned char *)b.data, b.len, SPDY_MAX_FRAME, &f,
	    &err);
	CHECK_INT(n, b.len);
	CHECK_INT(f.type, SPDY_SYN_STREAM);
	CHECK_INT(f.stream, 1);
	/* the zlib stream names the dictionary of SPDY/3 by its Adler-32 */
	blk = f.data;
	CHECK(f.len > 6 && (blk[1] & 0x20) && ((uint32_t)blk[2] << 24 |
	    (uint32_t)blk[3] << 16 | (uint32_t)blk[4] << 8 | blk[5]) ==
	    0xe3c6a7c2u);
	CHECK_INT(spdy_headers_decode(&sz, f.data, f.len, &got, &err), 0);
	CHECK_INT(got.n, 3);
	CHECK_STR(spdy_header(&got, "streamtype"), "data");
	CHECK_STR(got.name[0], "streamtype");
	CHECK_STR(spdy_header(&got, "requestid"), "0");
	/* the next block continues the same zlib stream */
	buf_reset(&b);
	h.n = 0;
	spdy_header_add(&h, "streamtype", "error");
	CHECK_INT(spdy_syn_stream(&cz, &b, 3, &h, SPDY_FLAG_FIN), 0);
	CHECK_INT(spdy_parse((unsigned char *)b.data, b.len, SPDY_MAX_FRAME,
	    &f, &err), b.len);
	CHECK_INT(f.flags, SPDY_FLAG_FIN);
	CHECK_INT(spdy_headers_decode(&sz, f.data, f.len, &got, &err), 0);
	CHECK_STR(spdy_header(&got, "streamtype"), "error");
	CHECK(spdy_header(&got, "port") == NULL);
	/* a reply with no headers */
	buf_reset(&b);
	CHECK_INT(spdy_syn_reply(&cz, &b, 3, NULL, 0), 0);
	CHECK_INT(spdy_parse((unsigned char *)b.data, b.len, SPDY_MAX_FRAME,
	    &f, &err), b.len);
	CHECK_INT(f.type, SPDY_SYN_REPLY);
	CHECK_INT(spdy_headers_decode(&sz, f.data, f.len, &got, &err), 0);
	CHECK_INT(got.n, 0);
	/* garbage is refused */
	CHECK_INT(spdy_headers_decode(&sz, (const unsigned char *)"xyzw", 4,
	    &got, &err), -1);
	spdy_zlib_end(&cz);
	spdy_zlib_end(&sz);
	buf_release(&b);
}

static void
test_spdy_frames(void)
{
	struct buf b = BUF_INIT(1 << 20);
	unsigned char bad[8] = { 0x80, 0x02, 0, 1, 0, 0, 0, 0 };
	struct spdy_frame f;
	struct err err;
	size_t i;

	CHECK_INT(spdy_data(&b, 5, "hello", 5, SPDY_FLAG_FIN), 0);
	for (i = 0; i < b.len; i++)
		CHECK_INT(spdy_parse((unsigned char *)b.data, i, SPDY_MAX_FRAME,
		    &f, &err), 0);
	CHECK_INT(spdy_parse((unsigned char *)b.data, b.len, SPDY_MAX_FRAME,
	    &f, &err), 13);
	CHECK_INT(f.type, SPDY_DATA);
	CHECK_INT(f.stream, 5);
	CHECK_INT(f.flags, SPDY_FLAG_FIN);
	CHECK(f.len == 5 && memcmp(f.data, "hello", 5) == 0);
	buf_reset(&b);
	CHECK_INT(spdy_rst_stream(&b, 7, SPDY_RST_CANCEL), 0);
	CHECK_INT(spdy_ping(&b, 42), 0);
	CHECK_INT(spdy_goaway(&b, 9, 0), 0);
	CHECK_INT(spdy_parse((unsigned char *)b.data, b.len, SPDY_MAX_FRAME,
	    &f, &err), 16);
	CHECK(f.type == SPDY_RST_STREAM && f.stream == 7 &&
	    f.value == SPDY_RST_CANCEL);
	CHECK_INT(spdy_parse((unsigned char *)b.data + 16, b.len - 16,
	    SPDY_MAX_FRAME, &f, &err), 12);
	CHECK(f.type == SPDY_PING && f.value == 42);
	CHECK_INT(spdy_parse((unsigned char *)b.data + 28, b.len - 28,
	    SPDY_MAX_FRAME, &f, &err), 16);
	CHECK(f.type == SPDY_GOAWAY && f.stream == 9);
	CHECK_INT(spdy_parse(bad, sizeof bad, SPDY_MAX_FRAME, &f, &err), -1);
	buf_reset(&b);
	CHECK_INT(spdy_data(&b, 1, "x", 1, 0), 0);
	CHECK_INT(spdy_parse((unsigned char *)b.data, b.len, 0, &f, &err), -1);
	CHECK_INT(err.reason, ERR_TOO_LARGE);
	buf_release(&b);
}

int
main(void)
{
	RUN(test_spdy_headers);
	RUN(test_spdy_frames);
	return TEST_EXIT();
}
