/* fuzz-patch.c - fuzz target for lib/jsonpatch.c, lib/mergepatch.c and
 * lib/smpatch.c.
 *
 * The input is two JSON documents separated by a NUL byte (or split in
 * the middle when there is none): a document and a patch.  All three
 * patch kinds are applied, strategic diffs are computed and applied, and
 * for objects mergepatch_apply(a, mergepatch_diff(a, b)) must give b back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../lib/err.h"
#include "../../lib/jsonpatch.h"
#include "../../lib/mergepatch.h"
#include "../../lib/smpatch.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *fuzz_kinds[] = { "Pod", "Deployment", "CronJob", "Node",
    "Widget" };

/* Whether a merge patch can express v: no null member on an object path. */
static int
fuzz_mergeable(const json_t *v)
{
	const char *key;
	json_t *sub;

	if (!json_is_object(v))
		return 1;
	json_object_foreach((json_t *)v, key, sub) {
		if (json_is_null(sub) || !fuzz_mergeable(sub))
			return 0;
	}
	return 1;
}

static void
fuzz_strategic(const json_t *a, const json_t *b, const char *kind)
{
	json_t *r, *p;
	struct err e;

	err_clear(&e);
	r = smpatch_apply(a, b, kind, &e);
	if (r == NULL && e.reason == ERR_NONE)
		abort();
	json_decref(r);
	(void)smpatch_merge_key(kind, "spec.template.spec.containers");
	p = smpatch_diff(a, b, kind);
	if (p != NULL) {
		r = smpatch_apply(a, p, kind, &e);
		json_decref(r);
		json_decref(p);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul;
	json_t *a, *b, *r, *p;
	struct err e;
	size_t n, i;
	char *s1, *s2;

	if (size > 16384)
		return 0;
	nul = memchr(data, 0, size);
	n = nul ? (size_t)(nul - data) : size / 2;
	a = json_loadb((const char *)data, n, JSON_DECODE_ANY, NULL);
	b = json_loadb((const char *)data + n + (nul != NULL),
	    size - n - (nul != NULL), JSON_DECODE_ANY, NULL);
	if (a == NULL || b == NULL)
		goto out;

	err_clear(&e);
	r = jsonpatch_apply(a, b, &e);
	if (r == NULL && e.reason == ERR_NONE)
		abort();
	json_decref(r);
	if (json_is_string(b))
		(void)jsonpointer_get(a, json_string_value(b));

	r = mergepatch_apply(a, b, &e);
	json_decref(r);

	for (i = 0; i < sizeof fuzz_kinds / sizeof fuzz_kinds[0]; i++)
		fuzz_strategic(a, b, fuzz_kinds[i]);

	if (json_is_object(a) && json_is_object(b) && fuzz_mergeable(b)) {
		p = mergepatch_diff(a, b);
		r = mergepatch_apply(a, p, &e);
		if (r == NULL || !json_equal(r, b)) {
			s1 = json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS);
			s2 = r ? json_dumps(r, JSON_COMPACT | JSON_SORT_KEYS) :
			    NULL;
			fprintf(stderr, "merge diff round trip: want %s, "
			    "got %s\n", s1 ? s1 : "?", s2 ? s2 : "(null)");
			abort();
		}
		json_decref(r);
		json_decref(p);
	}
out:
	json_decref(a);
	json_decref(b);
	return 0;
}
