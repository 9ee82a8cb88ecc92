/* fuzz-protobuf.c - libFuzzer target for server/protobuf.c: any body
 * either decodes to a JSON object with apiVersion and kind that prints, or
 * fails with a message; never a crash.
 *
 * The Makefile's fuzz rule links only the lib/ sources, so the server
 * files this target needs are compiled in here by #include (they have no
 * other server dependencies).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../server/protobuf.c"
#include "../../server/protobuf-types.c"
#include "../../server/protobuf-types-apis.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err	 err;
	json_t		*j;
	char		*s;

	err_clear(&err);
	if ((j = protobuf_decode(data, size, &err)) == NULL) {
		if (err.msg[0] == '\0' || err.reason == ERR_NONE)
			abort();
		return 0;
	}
	if (!json_is_object(j) ||
	    !json_is_string(json_object_get(j, "apiVersion")) ||
	    !json_is_string(json_object_get(j, "kind")))
		abort();
	if ((s = json_dumps(j, JSON_COMPACT)) == NULL)
		abort();
	free(s);
	json_decref(j);
	return 0;
}
