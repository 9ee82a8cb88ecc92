/* fuzz-jsonkeys.c - libFuzzer target for lib/jsonkeys.c (and yaml.c's
 * yaml_dup_keys): on any text jansson reads as one JSON value, the walk
 * succeeds, sees every key jansson kept exactly once as a first
 * occurrence, and finds repeats exactly when jansson's
 * JSON_REJECT_DUPLICATES refuses the text. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/buf.h"
#include "../../lib/err.h"
#include "../../lib/jsonkeys.h"
#include "../../lib/yaml.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_count {
	size_t	firsts, dups;
};

static int
fuzz_key(void *arg, const char *path, const char *key, int depth, int dup)
{
	struct fuzz_count *c = arg;

	if (dup)
		c->dups++;
	else
		c->firsts++;
	return 0;
}

/* Keys in the tree jansson built (repeats already folded). */
static size_t
fuzz_keys(const json_t *v)
{
	const char *k;
	json_t *c;
	size_t i, n = 0;

	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, k, c)
			n += 1 + fuzz_keys(c);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, c)
			n += fuzz_keys(c);
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_count c = { 0, 0 };
	struct buf b = BUF_INIT(1 << 20);
	json_error_t je;
	struct err e;
	json_t *v, *strict;
	int rc;

	err_clear(&e);
	rc = jsonkeys_walk((const char *)data, size, fuzz_key, &c, &e);
	err_clear(&e);
	yaml_dup_keys((const char *)data, size, &b, &e);
	buf_release(&b);
	v = json_loadb((const char *)data, size, JSON_DECODE_ANY, &je);
	if (v == NULL || fuzz_keys(v) > 100000) {
		json_decref(v);
		return 0;
	}
	strict = json_loadb((const char *)data, size, JSON_DECODE_ANY |
	    JSON_REJECT_DUPLICATES, &je);
	if (rc < 0 && strstr(e.msg, "nesting depth") == NULL) {
		fprintf(stderr, "fuzz-jsonkeys: jansson reads it, the walk "
		    "fails\n");
		abort();
	}
	if (rc == 0 && (c.firsts != fuzz_keys(v) ||
	    (c.dups > 0) != (strict == NULL))) {
		fprintf(stderr, "fuzz-jsonkeys: %zu first keys, %zu repeats; "
		    "jansson: %zu keys, %s\n", c.firsts, c.dups, fuzz_keys(v),
		    strict ? "no repeats" : je.text);
		abort();
	}
	json_decref(strict);
	json_decref(v);
	return 0;
}
