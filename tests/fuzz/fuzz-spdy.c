/* fuzz-spdy.c - libFuzzer target for lib/spdy.c: frames parse without
 * reading past the input, and header blocks (through one inflater, as
 * on a connection) decode or fail cleanly. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/spdy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spdy_zlib z;
	struct spdy_headers h;
	struct spdy_frame f;
	struct err err;
	size_t off = 0;
	ssize_t n;

	if (spdy_zlib_init(&z, 0, &err) < 0)
		return 0;
	while (off < size && (n = spdy_parse(data + off, size - off,
	    SPDY_MAX_FRAME, &f, &err)) > 0) {
		if (f.type == SPDY_SYN_STREAM || f.type == SPDY_SYN_REPLY ||
		    f.type == SPDY_HEADERS)
			if (spdy_headers_decode(&z, f.data, f.len, &h, &err) < 0)
				break;
		off += (size_t)n;
	}
	spdy_zlib_end(&z);
	return 0;
}
