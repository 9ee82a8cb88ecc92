/* test-jsonsplice.c - unit tests for lib/jsonsplice.c. */
#include <jansson.h>
#include <string.h>

#include "../../lib/jsonsplice.h"
#include "test.h"

static const char *
splice(const char *in)
{
	static struct buf b = BUF_INIT(1 << 20);

	buf_reset(&b);
	if (jsonsplice_member(in, strlen(in), "metadata", "resourceVersion",
	    "\"42\"", &b) < 0)
		return NULL;
	return buf_str(&b);
}

static void
test_splice(void)
{
	CHECK_STR(splice("{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"},"
	    "\"data\":{\"x\":\"}{\\\"\"}}"), "{\"kind\":\"ConfigMap\","
	    "\"metadata\":{\"resourceVersion\":\"42\",\"name\":\"a\"},"
	    "\"data\":{\"x\":\"}{\\\"\"}}");
	CHECK_STR(splice("{\"metadata\":{}}"),
	    "{\"metadata\":{\"resourceVersion\":\"42\"}}");
	CHECK_STR(splice(" { \"a\" : [1, {\"metadata\": 2}, \"]\"] , "
	    "\"metadata\" : { } } "), " { \"a\" : [1, {\"metadata\": 2}, "
	    "\"]\"] , \"metadata\" : {\"resourceVersion\":\"42\" } } ");
}

static void
test_refused(void)
{
	/* no metadata, not an object, already there, escapes, broken */
	CHECK(splice("{\"kind\":\"x\"}") == NULL);
	CHECK(splice("{\"metadata\":[]}") == NULL);
	CHECK(splice("[{\"metadata\":{}}]") == NULL);
	CHECK(splice("{\"metadata\":{\"name\":\"a\",\"resourceVersion\":"
	    "\"1\"}}") == NULL);
	CHECK(splice("{\"metadata\":{\"resourceVersio\\u006e\":\"1\"}}") ==
	    NULL);
	CHECK(splice("{\"meta\\u0064ata\":{}}") == NULL);
	CHECK(splice("{\"metadata\":{\"name\":\"a\"}") == NULL);
	CHECK(splice("{\"metadata\":{\"name\":}}") == NULL);
	CHECK(splice("{\"metadata\":{},\"x\":}") == NULL);
	CHECK(splice("") == NULL);
}

/* The spliced text decodes to the tree with the member set. */
static void
test_same_tree(void)
{
	const char *in = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
	    "{\"name\":\"p\",\"labels\":{\"a/b\":\"c\"},\"annotations\":{\"x\":"
	    "\"{\\\"metadata\\\":{}}\"}},\"spec\":{\"containers\":[{\"name\":"
	    "\"c\",\"args\":[\"]\",\"}\",null,true,1.5e3]}]}}";
	const char *out = splice(in);
	json_t *a = json_loads(in, 0, NULL), *b = out ? json_loads(out, 0,
	    NULL) : NULL;

	CHECK(out != NULL && b != NULL);
	json_object_set_new(json_object_get(a, "metadata"), "resourceVersion",
	    json_string("42"));
	CHECK(json_equal(a, b));
	json_decref(a);
	json_decref(b);
}

static void
test_splice_at(void)
{
	static const char t1[] = "{\"kind\":\"X\",\"metadata\":{\"name\":\"a\"}}";
	static const char t2[] = "{\"metadata\":{}}";
	struct buf b = BUF_INIT(1 << 20);

	CHECK_INT(jsonsplice_at(t1, strlen(t1), 24, "resourceVersion",
	    "\"42\"", &b), 0);
	CHECK_STR(buf_str(&b), "{\"kind\":\"X\",\"metadata\":{"
	    "\"resourceVersion\":\"42\",\"name\":\"a\"}}");
	buf_reset(&b);
	CHECK_INT(jsonsplice_at(t2, strlen(t2), 13, "resourceVersion",
	    "\"42\"", &b), 0);
	CHECK_STR(buf_str(&b), "{\"metadata\":{\"resourceVersion\":\"42\"}}");
	buf_reset(&b);
	CHECK_INT(jsonsplice_at(t2, strlen(t2), 12, "x", "1", &b), -1);
	CHECK_INT(jsonsplice_at(t2, strlen(t2), 0, "x", "1", &b), -1);
	CHECK_INT(jsonsplice_at(t2, strlen(t2), strlen(t2), "x", "1", &b), -1);
	CHECK_INT((long long)b.len, 0);
	buf_release(&b);
}

int
main(void)
{
	RUN(test_splice);
	RUN(test_refused);
	RUN(test_same_tree);
	RUN(test_splice_at);
	return TEST_EXIT();
}
