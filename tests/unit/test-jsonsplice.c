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

int
main(void)
{
	RUN(test_splice);
	RUN(test_refused);
	RUN(test_same_tree);
	return TEST_EXIT();
}
