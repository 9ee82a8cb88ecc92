/* fuzz-jsonenc.c - libFuzzer target for lib/jsonenc.c and jsonsplice_at:
 * for any JSON text jansson reads, jsonenc writes what json_dumps
 * writes, and splicing a member at the metadata offset it reports gives
 * a text jansson reads as the tree with that member set. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/jsonenc.h"
#include "../../lib/jsonsplice.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jsonenc_meta m = { "resourceVersion", 0 };
	struct buf out = BUF_INIT(1 << 22);
	json_t *in, *got, *meta;
	char *want, *enc;
	size_t len;

	in = json_loadb((const char *)data, size, JSON_DECODE_ANY |
	    JSON_ALLOW_NUL, NULL);
	if (in == NULL)
		return 0;
	want = json_dumps(in, JSON_COMPACT | JSON_ENCODE_ANY);
	enc = jsonenc_dup(in, &len, NULL);
	if (want != NULL && (enc == NULL || strcmp(want, enc) != 0 ||
	    len != strlen(want)))
		abort();
	free(want);
	free(enc);
	meta = json_object_get(in, "metadata");
	enc = jsonenc_dup(in, &len, &m);
	if (enc != NULL && json_is_object(meta)) {
		if (m.off == 0 || jsonsplice_at(enc, len, m.off,
		    "resourceVersion", "\"7\"", &out) < 0)
			abort();
		got = json_loadb(out.data, out.len, JSON_ALLOW_NUL, NULL);
		json_object_set_new(meta, "resourceVersion", json_string("7"));
		if (got == NULL || !json_equal(in, got))
			abort();
		json_decref(got);
	}
	free(enc);
	buf_release(&out);
	json_decref(in);
	return 0;
}
