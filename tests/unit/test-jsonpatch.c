/* test-jsonpatch.c - unit tests for lib/jsonpatch.c (RFC 6902, RFC 6901). */
#include <stdlib.h>

#include <jansson.h>

#include "../../lib/err.h"
#include "../../lib/jsonpatch.h"
#include "test.h"

#define REJECTED "the server rejected our request due to an error in our " \
	"request: "

static char t_out[8][4096];
static int t_slot;
static struct err t_err;

static const char *
t_dump(const json_t *v)
{
	char *s, *o = t_out[t_slot++ % 8];

	if (v == NULL)
		return "(null)";
	s = json_dumps(v, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY);
	snprintf(o, sizeof t_out[0], "%s", s ? s : "(dump failed)");
	free(s);
	return o;
}

static json_t *
t_load(const char *s)
{
	return json_loads(s, JSON_DECODE_ANY, NULL);
}

/* The patched document, or "ERR: <message>"; t_err keeps the error. */
static const char *
t_apply(const char *doc, const char *patch)
{
	json_t *d = t_load(doc), *p = t_load(patch), *r;
	const char *out;
	char *o;

	err_clear(&t_err);
	r = jsonpatch_apply(d, p, &t_err);
	if (r != NULL)
		out = t_dump(r);
	else {
		o = t_out[t_slot++ % 8];
		snprintf(o, sizeof t_out[0], "ERR: %s", t_err.msg);
		out = o;
	}
	json_decref(d);
	json_decref(p);
	json_decref(r);
	return out;
}

/* RFC 6902 appendix A. */
static void
test_rfc6902_appendix(void)
{
	/* A.1 */
	CHECK_STR(t_apply("{\"foo\":\"bar\"}",
	    "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\"}]"),
	    "{\"baz\":\"qux\",\"foo\":\"bar\"}");
	/* A.2 */
	CHECK_STR(t_apply("{\"foo\":[\"bar\",\"baz\"]}",
	    "[{\"op\":\"add\",\"path\":\"/foo/1\",\"value\":\"qux\"}]"),
	    "{\"foo\":[\"bar\",\"qux\",\"baz\"]}");
	/* A.3 */
	CHECK_STR(t_apply("{\"baz\":\"qux\",\"foo\":\"bar\"}",
	    "[{\"op\":\"remove\",\"path\":\"/baz\"}]"), "{\"foo\":\"bar\"}");
	/* A.4 */
	CHECK_STR(t_apply("{\"foo\":[\"bar\",\"qux\",\"baz\"]}",
	    "[{\"op\":\"remove\",\"path\":\"/foo/1\"}]"),
	    "{\"foo\":[\"bar\",\"baz\"]}");
	/* A.5 */
	CHECK_STR(t_apply("{\"baz\":\"qux\",\"foo\":\"bar\"}",
	    "[{\"op\":\"replace\",\"path\":\"/baz\",\"value\":\"boo\"}]"),
	    "{\"baz\":\"boo\",\"foo\":\"bar\"}");
	/* A.6 */
	CHECK_STR(t_apply("{\"foo\":{\"bar\":\"baz\",\"waldo\":\"fred\"},"
	    "\"qux\":{\"corge\":\"grault\"}}",
	    "[{\"op\":\"move\",\"from\":\"/foo/waldo\",\"path\":\"/qux/thud\"}]"),
	    "{\"foo\":{\"bar\":\"baz\"},\"qux\":{\"corge\":\"grault\","
	    "\"thud\":\"fred\"}}");
	/* A.7 */
	CHECK_STR(t_apply("{\"foo\":[\"all\",\"grass\",\"cows\",\"eat\"]}",
	    "[{\"op\":\"move\",\"from\":\"/foo/1\",\"path\":\"/foo/3\"}]"),
	    "{\"foo\":[\"all\",\"cows\",\"eat\",\"grass\"]}");
	/* A.8 */
	CHECK_STR(t_apply("{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}",
	    "[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"qux\"},"
	    "{\"op\":\"test\",\"path\":\"/foo/1\",\"value\":2}]"),
	    "{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}");
	/* A.9 */
	CHECK_STR(t_apply("{\"baz\":\"qux\"}",
	    "[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"bar\"}]"),
	    "ERR: " REJECTED "testing value /baz failed");
	CHECK_INT(t_err.reason, ERR_INVALID);
	/* A.10 */
	CHECK_STR(t_apply("{\"foo\":\"bar\"}",
	    "[{\"op\":\"add\",\"path\":\"/child\",\"value\":"
	    "{\"grandchild\":{}}}]"),
	    "{\"child\":{\"grandchild\":{}},\"foo\":\"bar\"}");
	/* A.11 */
	CHECK_STR(t_apply("{\"foo\":\"bar\"}",
	    "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\","
	    "\"xyz\":123}]"), "{\"baz\":\"qux\",\"foo\":\"bar\"}");
	/* A.12 */
	CHECK_STR(t_apply("{\"foo\":\"bar\"}",
	    "[{\"op\":\"add\",\"path\":\"/baz/bat\",\"value\":\"qux\"}]"),
	    "ERR: " REJECTED "add operation does not apply: doc is missing "
	    "path: /baz/bat");
	/* A.14 */
	CHECK_STR(t_apply("{\"/\":9,\"~1\":10}",
	    "[{\"op\":\"test\",\"path\":\"/~01\",\"value\":10}]"),
	    "{\"/\":9,\"~1\":10}");
	/* A.15 */
	CHECK_STR(t_apply("{\"/\":9,\"~1\":10}",
	    "[{\"op\":\"test\",\"path\":\"/~01\",\"value\":\"10\"}]"),
	    "ERR: " REJECTED "testing value /~01 failed");
	/* A.16 */
	CHECK_STR(t_apply("{\"foo\":[\"bar\"]}",
	    "[{\"op\":\"add\",\"path\":\"/foo/-\",\"value\":"
	    "[\"abc\",\"def\"]}]"), "{\"foo\":[\"bar\",[\"abc\",\"def\"]]}");
}

static void
test_errors(void)
{
	CHECK_STR(t_apply("{\"spec\":{}}",
	    "[{\"op\":\"replace\",\"path\":\"/spec/x\",\"value\":1}]"),
	    "ERR: " REJECTED "replace operation does not apply: doc is "
	    "missing path: /spec/x");
	CHECK_INT(t_err.reason, ERR_INVALID);
	CHECK_INT(err_code(t_err.reason), 422);
	CHECK_STR(t_apply("{}", "{\"op\":\"add\"}"), "ERR: json: cannot "
	    "unmarshal object into Go value of type jsonpatch.Patch");
	CHECK_INT(t_err.reason, ERR_BAD_REQUEST);
	CHECK_STR(t_apply("{}", "[1]"), "ERR: json: cannot unmarshal "
	    "operation 0 of the patch: not an object");
	CHECK_INT(t_err.reason, ERR_BAD_REQUEST);
	CHECK_STR(t_apply("{}", "[{\"op\":\"frob\",\"path\":\"/a\"}]"),
	    "ERR: " REJECTED "Unexpected kind: frob");
	CHECK_STR(t_apply("{}", "[{\"op\":\"add\",\"path\":\"/a\"}]"),
	    "ERR: " REJECTED "add operation missing value field");
	CHECK_STR(t_apply("{}", "[{\"op\":\"remove\"}]"),
	    "ERR: " REJECTED "remove operation missing path field");
	CHECK_STR(t_apply("{\"a\":1}", "[{\"op\":\"remove\",\"path\":\"/b\"}]"),
	    "ERR: " REJECTED "remove operation does not apply: doc is missing "
	    "path: /b");
	CHECK_STR(t_apply("{\"a\":[1]}",
	    "[{\"op\":\"add\",\"path\":\"/a/2\",\"value\":0}]"),
	    "ERR: " REJECTED "add operation does not apply: invalid array "
	    "index: /a/2");
	CHECK_STR(t_apply("{\"a\":[1,2]}",
	    "[{\"op\":\"remove\",\"path\":\"/a/01\"}]"),
	    "ERR: " REJECTED "remove operation does not apply: doc is missing "
	    "path: /a/01");
	CHECK_STR(t_apply("{\"a\":[1,2]}",
	    "[{\"op\":\"remove\",\"path\":\"/a/-\"}]"),
	    "ERR: " REJECTED "remove operation does not apply: doc is missing "
	    "path: /a/-");
	CHECK_STR(t_apply("{\"a\":1}", "[{\"op\":\"add\",\"path\":\"a\","
	    "\"value\":1}]"), "ERR: " REJECTED "add operation failed to "
	    "decode path: a");
	CHECK_STR(t_apply("{\"a\":1}", "[{\"op\":\"add\",\"path\":\"/~2\","
	    "\"value\":1}]"), "ERR: " REJECTED "add operation failed to "
	    "decode path: /~2");
	CHECK_STR(t_apply("{\"a\":{\"b\":1}}",
	    "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/a/b/c\"}]"),
	    "ERR: " REJECTED "move operation does not apply: cannot move a "
	    "value into one of its children: /a");
	CHECK_STR(t_apply("{\"a\":1}",
	    "[{\"op\":\"copy\",\"from\":\"/x\",\"path\":\"/y\"}]"),
	    "ERR: " REJECTED "copy operation does not apply: doc is missing "
	    "from path: /x");
	CHECK_STR(t_apply("{\"a\":1}",
	    "[{\"op\":\"test\",\"path\":\"/x\",\"value\":null}]"),
	    "ERR: " REJECTED "test operation does not apply: is missing "
	    "path: /x");
}

static void
test_ops(void)
{
	/* the operations apply in sequence, later ones see earlier ones */
	CHECK_STR(t_apply("{\"a\":{\"b\":[1,2,3]}}",
	    "[{\"op\":\"copy\",\"from\":\"/a/b\",\"path\":\"/c\"},"
	    "{\"op\":\"remove\",\"path\":\"/a/b/0\"},"
	    "{\"op\":\"add\",\"path\":\"/c/0\",\"value\":0},"
	    "{\"op\":\"move\",\"from\":\"/c\",\"path\":\"/a/d\"},"
	    "{\"op\":\"replace\",\"path\":\"/a/b/1\",\"value\":{\"x\":1}}]"),
	    "{\"a\":{\"b\":[2,{\"x\":1}],\"d\":[0,1,2,3]}}");
	/* add replaces an existing member */
	CHECK_STR(t_apply("{\"a\":1}",
	    "[{\"op\":\"add\",\"path\":\"/a\",\"value\":2}]"), "{\"a\":2}");
	/* whole-document add and replace */
	CHECK_STR(t_apply("{\"a\":1}",
	    "[{\"op\":\"replace\",\"path\":\"\",\"value\":[1]}]"), "[1]");
	CHECK_STR(t_apply("{\"a\":1}",
	    "[{\"op\":\"add\",\"path\":\"\",\"value\":{\"b\":2}}]"),
	    "{\"b\":2}");
	/* test: deep equality, 1 == 1.0, key order does not matter */
	CHECK_STR(t_apply("{\"a\":{\"x\":1,\"y\":[true,null]}}",
	    "[{\"op\":\"test\",\"path\":\"/a\",\"value\":{\"y\":[true,null],"
	    "\"x\":1.0}}]"), "{\"a\":{\"x\":1,\"y\":[true,null]}}");
	CHECK_STR(t_apply("{\"a\":[1,2]}",
	    "[{\"op\":\"test\",\"path\":\"/a\",\"value\":[2,1]}]"),
	    "ERR: " REJECTED "testing value /a failed");
	/* move to itself is a no-op; move array element to the end */
	CHECK_STR(t_apply("{\"a\":[1,2,3]}",
	    "[{\"op\":\"move\",\"from\":\"/a/0\",\"path\":\"/a/0\"},"
	    "{\"op\":\"move\",\"from\":\"/a/0\",\"path\":\"/a/-\"}]"),
	    "{\"a\":[2,3,1]}");
	/* escapes in add and an empty key */
	CHECK_STR(t_apply("{}",
	    "[{\"op\":\"add\",\"path\":\"/a~1b~0c\",\"value\":1},"
	    "{\"op\":\"add\",\"path\":\"/\",\"value\":2}]"),
	    "{\"\":2,\"a/b~c\":1}");
	/* a failing op leaves no partial result and the doc untouched */
	{
		json_t *d = t_load("{\"a\":1}"), *p, *r;

		p = t_load("[{\"op\":\"add\",\"path\":\"/b\",\"value\":2},"
		    "{\"op\":\"remove\",\"path\":\"/zz\"}]");
		r = jsonpatch_apply(d, p, NULL);
		CHECK(r == NULL);
		CHECK_STR(t_dump(d), "{\"a\":1}");
		json_decref(d);
		json_decref(p);
	}
}

/* RFC 6901 section 5. */
static void
test_pointer(void)
{
	json_t *d = t_load("{\"foo\":[\"bar\",\"baz\"],\"\":0,\"a/b\":1,"
	    "\"c%d\":2,\"e^f\":3,\"g|h\":4,\"i\\\\j\":5,\"k\\\"l\":6,\" \":7,"
	    "\"m~n\":8}");

	CHECK(jsonpointer_get(d, "") == d);
	CHECK_STR(t_dump(jsonpointer_get(d, "/foo")), "[\"bar\",\"baz\"]");
	CHECK_STR(t_dump(jsonpointer_get(d, "/foo/0")), "\"bar\"");
	CHECK_STR(t_dump(jsonpointer_get(d, "/")), "0");
	CHECK_STR(t_dump(jsonpointer_get(d, "/a~1b")), "1");
	CHECK_STR(t_dump(jsonpointer_get(d, "/c%d")), "2");
	CHECK_STR(t_dump(jsonpointer_get(d, "/e^f")), "3");
	CHECK_STR(t_dump(jsonpointer_get(d, "/g|h")), "4");
	CHECK_STR(t_dump(jsonpointer_get(d, "/i\\j")), "5");
	CHECK_STR(t_dump(jsonpointer_get(d, "/k\"l")), "6");
	CHECK_STR(t_dump(jsonpointer_get(d, "/ ")), "7");
	CHECK_STR(t_dump(jsonpointer_get(d, "/m~0n")), "8");
	CHECK(jsonpointer_get(d, "/foo/2") == NULL);
	CHECK(jsonpointer_get(d, "/foo/-") == NULL);
	CHECK(jsonpointer_get(d, "/foo/00") == NULL);
	CHECK(jsonpointer_get(d, "/m~2n") == NULL);
	CHECK(jsonpointer_get(d, "foo") == NULL);
	CHECK(jsonpointer_get(d, "/nope/x") == NULL);
	CHECK(jsonpointer_get(NULL, "") == NULL);
	json_decref(d);
}

int
main(void)
{
	RUN(test_rfc6902_appendix);
	RUN(test_errors);
	RUN(test_ops);
	RUN(test_pointer);
	return TEST_EXIT();
}
