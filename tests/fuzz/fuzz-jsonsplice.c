/* fuzz-jsonsplice.c - libFuzzer target for lib/jsonsplice.c: on any input
 * the splice either refuses or writes a text that jansson reads as the
 * input's tree with metadata.resourceVersion set (for inputs jansson
 * reads without duplicate keys). */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../lib/jsonsplice.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT(1 << 22);
	json_t *in, *got;

	if (jsonsplice_member((const char *)data, size, "metadata",
	    "resourceVersion", "\"7\"", &out) < 0) {
		buf_release(&out);
		return 0;
	}
	in = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES |
	    JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, NULL);
	if (in != NULL) {
		got = json_loadb(out.data, out.len, JSON_REJECT_DUPLICATES |
		    JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, NULL);
		if (got == NULL)
			abort();
		json_object_set_new(json_object_get(in, "metadata"),
		    "resourceVersion", json_string("7"));
		if (!json_equal(in, got))
			abort();
		json_decref(got);
		json_decref(in);
	}
	buf_release(&out);
	return 0;
}
