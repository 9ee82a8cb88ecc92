/* fuzz-websocket.c - libFuzzer target for lib/websocket.c: the parser
 * never reads past its input, and a parsed frame encodes back to a frame
 * that parses to the same payload. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/websocket.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *p = malloc(size ? size : 1);
	struct buf b = BUF_INIT(1 << 20);
	struct ws_frame f, g;
	struct err err;
	size_t off = 0;
	ssize_t n;

	if (p == NULL)
		return 0;
	memcpy(p, data, size);
	while (off < size && (n = ws_parse(p + off, size - off, 1 << 16,
	    0, &f, &err)) > 0) {
		buf_reset(&b);
		if (ws_frame(&b, f.opcode, f.payload, f.len, 1) < 0 ||
		    ws_parse((unsigned char *)b.data, b.len, 1 << 16, 1, &g,
		    &err) != (ssize_t)b.len || g.len != f.len ||
		    (f.len > 0 && memcmp(g.payload, f.payload, f.len) != 0))
			abort();
		off += (size_t)n;
	}
	buf_release(&b);
	free(p);
	return 0;
}
