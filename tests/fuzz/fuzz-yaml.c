/* fuzz-yaml.c - libFuzzer target for lib/yaml.c: every document that
 * yaml_parse_all accepts must survive yaml_emit -> yaml_parse_one intact. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../lib/buf.h"
#include "../../lib/err.h"
#include "../../lib/yaml.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_yaml_fail(const char *what, const json_t *doc, const struct buf *b,
    const struct err *e)
{
	char *d = json_dumps(doc, JSON_COMPACT | JSON_ENCODE_ANY);

	fprintf(stderr, "fuzz-yaml: %s\ndoc: %s\nemitted:\n%s\nerror: %s\n",
	    what, d ? d : "?", buf_str(b), e->msg);
	free(d);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = BUF_INIT(0);
	struct err e;
	json_t *docs, *doc, *back;
	size_t i;

	err_clear(&e);
	if (yaml_parse_all((const char *)data, size, &docs, &e) < 0)
		return 0;
	json_array_foreach(docs, i, doc) {
		buf_reset(&b);
		if (yaml_emit(doc, &b) < 0)
			fuzz_yaml_fail("emit failed", doc, &b, &e);
		err_clear(&e);
		if (yaml_parse_one(buf_str(&b), b.len, &back, &e) < 0)
			fuzz_yaml_fail("emitted YAML does not parse", doc, &b,
			    &e);
		if (!json_equal(doc, back))
			fuzz_yaml_fail("round trip changed the document", doc,
			    &b, &e);
		json_decref(back);
	}
	json_decref(docs);
	buf_release(&b);
	return 0;
}
