/* test-jsonkeys.c - unit tests for lib/jsonkeys.c: every object key of a
 * JSON text in document order, with sigs.k8s.io/json's paths and the
 * repeated ones, whatever the nesting, escapes and white space. */
#include <stdio.h>
#include <string.h>

#include "../../lib/buf.h"
#include "../../lib/err.h"
#include "../../lib/jsonkeys.h"
#include "test.h"

/* Appends "path" or "path!" (a repeat) and the depth, one per line. */
static int
collect(void *arg, const char *path, const char *key, int depth, int dup)
{
	struct buf *b = arg;

	buf_addf(b, "%s%s %d\n", path, dup ? "!" : "", depth);
	return 0;
}

static const char *
walk(const char *json, struct buf *b)
{
	struct err err;

	buf_reset(b);
	err_clear(&err);
	if (jsonkeys_walk(json, strlen(json), collect, b, &err) < 0)
		buf_addf(b, "error: %s", err.msg);
	return buf_str(b);
}

static int
stop_at_second(void *arg, const char *path, const char *key, int depth,
    int dup)
{
	int *n = arg;

	return ++*n == 2;
}

static void
test_paths(void)
{
	struct buf b = BUF_INIT(1 << 20);

	CHECK_STR(walk("{\"a\":1,\"b\":{\"c\":[{\"d\":true},{\"d\":null}]}}",
	    &b), "a 1\nb 1\nb.c 2\nb.c[0].d 4\nb.c[1].d 4\n");
	/* a top-level list (a JSON patch) */
	CHECK_STR(walk(" [ {\"op\" : \"add\", \"value\":{\"x\":[1,2]}} ] ", &b),
	    "[0].op 2\n[0].value 2\n[0].value.x 3\n");
	CHECK_STR(walk("\"just a string\"", &b), "");
	CHECK_STR(walk("{}", &b), "");
	/* keys are decoded: escapes, \u, a surrogate pair */
	CHECK_STR(walk("{\"a\\\"b\":1,\"\\u00e9\":2,\"\\ud83d\\ude00\":3,"
	    "\"x\\/y\":4}", &b), "a\"b 1\n\xc3\xa9 1\n\xf0\x9f\x98\x80 1\n"
	    "x/y 1\n");
	buf_release(&b);
}

static void
test_duplicates(void)
{
	struct buf b = BUF_INIT(1 << 20);
	struct err err;
	int n = 0;

	/* a repeat in the same object, also written differently; not
	 * across objects or list items */
	CHECK_STR(walk("{\"metadata\":{\"name\":\"x\",\"name\":\"y\"},"
	    "\"data\":{\"a\":\"1\",\"\\u0061\":\"2\"},\"items\":[{\"k\":1},"
	    "{\"k\":2}],\"metadata\":{}}", &b), "metadata 1\nmetadata.name 2\n"
	    "metadata.name! 2\ndata 1\ndata.a 2\ndata.a! 2\nitems 1\n"
	    "items[0].k 3\nitems[1].k 3\nmetadata! 1\n");
	/* the callback stops the walk */
	err_clear(&err);
	CHECK_INT(jsonkeys_walk("{\"a\":1,\"b\":2,\"c\":3}", 19,
	    stop_at_second, &n, &err), 0);
	CHECK_INT(n, 2);
	buf_release(&b);
}

static void
test_bad(void)
{
	struct buf b = BUF_INIT(1 << 20);
	char deep[600];
	int i;

	/* the keys before the error were seen */
	CHECK_STR(walk("{\"a\" 1}", &b), "a 1\nerror: json: ':' expected at "
	    "offset 5");
	CHECK(strstr(walk("{\"a\":1", &b), "error: json: ',' or '}' expected")
	    != NULL);
	CHECK(strstr(walk("{\"a\":\"x", &b), "error: json: unterminated")
	    != NULL);
	CHECK(strncmp(walk("{1:2}", &b), "error: json: object key expected",
	    32) == 0);
	for (i = 0; i < 300; i++)
		deep[i] = '[';
	deep[i] = '\0';
	CHECK(strstr(walk(deep, &b), "nesting depth exceeds") != NULL);
	buf_release(&b);
}

int
main(void)
{
	RUN(test_paths);
	RUN(test_duplicates);
	RUN(test_bad);
	return TEST_EXIT();
}
