/* fuzz-jsonpath.c - libFuzzer target for lib/jsonpath.c: any template
 * either fails to parse with a message or runs to its end on a fixed
 * document, its output bounded. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/jsonpath.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *doc;
	struct buf out = BUF_INIT(1 << 20);
	struct jsonpath *p;
	struct err err;
	char *tmpl;

	if (doc == NULL)
		doc = json_loads("{\"kind\":\"List\",\"items\":[{\"metadata\":"
		    "{\"name\":\"a\",\"labels\":{\"x\":\"1\"}},\"spec\":{\"n\":"
		    "2,\"l\":[1,2,3]}},{\"metadata\":{\"name\":\"b\"}}]}", 0,
		    NULL);
	if ((tmpl = malloc(size + 1)) == NULL)
		return 0;
	memcpy(tmpl, data, size);
	tmpl[size] = '\0';
	err_clear(&err);
	if ((p = jsonpath_parse(tmpl, &err)) == NULL) {
		if (err.msg[0] == '\0')
			abort();
	} else {
		jsonpath_exec(p, doc, &out, &err);
		jsonpath_free(p);
	}
	buf_release(&out);
	free(tmpl);
	return 0;
}
