/* test-mergepatch.c - unit tests for lib/mergepatch.c (RFC 7386). */
#include <stdlib.h>

#include <jansson.h>

#include "../../lib/err.h"
#include "../../lib/mergepatch.h"
#include "test.h"

static char t_out[8][4096];
static int t_slot;

/* The compact, sorted dump of v in a rotating buffer; "(null)" for NULL. */
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

static const char *
t_apply(const char *doc, const char *patch)
{
	json_t *d = t_load(doc), *p = t_load(patch), *r;
	static struct err e;
	const char *out;

	err_clear(&e);
	r = mergepatch_apply(d, p, &e);
	out = r ? t_dump(r) : e.msg;
	json_decref(d);
	json_decref(p);
	json_decref(r);
	return out;
}

static const char *
t_diff(const char *from, const char *to)
{
	json_t *f = t_load(from), *t = t_load(to), *r;
	const char *out;

	r = mergepatch_diff(f, t);
	out = t_dump(r);
	json_decref(f);
	json_decref(t);
	json_decref(r);
	return out;
}

/* RFC 7386 appendix A, every example. */
static void
test_rfc7386_appendix(void)
{
	CHECK_STR(t_apply("{\"a\":\"b\"}", "{\"a\":\"c\"}"), "{\"a\":\"c\"}");
	CHECK_STR(t_apply("{\"a\":\"b\"}", "{\"b\":\"c\"}"),
	    "{\"a\":\"b\",\"b\":\"c\"}");
	CHECK_STR(t_apply("{\"a\":\"b\"}", "{\"a\":null}"), "{}");
	CHECK_STR(t_apply("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}"),
	    "{\"b\":\"c\"}");
	CHECK_STR(t_apply("{\"a\":[\"b\"]}", "{\"a\":\"c\"}"), "{\"a\":\"c\"}");
	CHECK_STR(t_apply("{\"a\":\"c\"}", "{\"a\":[\"b\"]}"),
	    "{\"a\":[\"b\"]}");
	CHECK_STR(t_apply("{\"a\":{\"b\":\"c\"}}",
	    "{\"a\":{\"b\":\"d\",\"c\":null}}"), "{\"a\":{\"b\":\"d\"}}");
	CHECK_STR(t_apply("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}"),
	    "{\"a\":[1]}");
	CHECK_STR(t_apply("[\"a\",\"b\"]", "[\"c\",\"d\"]"), "[\"c\",\"d\"]");
	CHECK_STR(t_apply("{\"a\":\"b\"}", "[\"c\"]"), "[\"c\"]");
	CHECK_STR(t_apply("{\"a\":\"foo\"}", "null"), "null");
	CHECK_STR(t_apply("{\"a\":\"foo\"}", "\"bar\""), "\"bar\"");
	CHECK_STR(t_apply("{\"e\":null}", "{\"a\":1}"), "{\"a\":1,\"e\":null}");
	CHECK_STR(t_apply("[1,2]", "{\"a\":\"b\",\"c\":null}"), "{\"a\":\"b\"}");
	CHECK_STR(t_apply("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}"),
	    "{\"a\":{\"bb\":{}}}");
}

/* RFC 7386 section 3's larger example. */
static void
test_rfc7386_example(void)
{
	CHECK_STR(t_apply("{\"title\":\"Goodbye!\",\"author\":{\"givenName\":"
	    "\"John\",\"familyName\":\"Doe\"},\"tags\":[\"example\",\"sample\"],"
	    "\"content\":\"This will be unchanged\"}",
	    "{\"title\":\"Hello!\",\"phoneNumber\":\"+01-123-456-7890\","
	    "\"author\":{\"familyName\":null},\"tags\":[\"example\"]}"),
	    "{\"author\":{\"givenName\":\"John\"},\"content\":\"This will be "
	    "unchanged\",\"phoneNumber\":\"+01-123-456-7890\",\"tags\":"
	    "[\"example\"],\"title\":\"Hello!\"}");
}

static void
test_apply_null_doc(void)
{
	json_t *p = t_load("{\"a\":{\"b\":null,\"c\":1}}"), *r;
	struct err e;

	err_clear(&e);
	r = mergepatch_apply(NULL, p, &e);
	CHECK_STR(t_dump(r), "{\"a\":{\"c\":1}}");
	json_decref(r);
	r = mergepatch_apply(NULL, NULL, &e);
	CHECK(r == NULL);
	CHECK_INT(e.reason, ERR_BAD_REQUEST);
	json_decref(p);
}

static void
test_apply_leaves_doc(void)
{
	json_t *d = t_load("{\"a\":{\"b\":1}}"), *p = t_load("{\"a\":{\"b\":2}}");
	json_t *r;

	r = mergepatch_apply(d, p, NULL);
	CHECK_STR(t_dump(r), "{\"a\":{\"b\":2}}");
	CHECK_STR(t_dump(d), "{\"a\":{\"b\":1}}");
	json_decref(r);
	json_decref(d);
	json_decref(p);
}

static void
test_diff(void)
{
	CHECK_STR(t_diff("{\"a\":1}", "{\"a\":1}"), "{}");
	CHECK_STR(t_diff("{\"a\":1,\"b\":2}", "{\"a\":3}"),
	    "{\"a\":3,\"b\":null}");
	CHECK_STR(t_diff("{\"a\":{\"x\":1,\"y\":2}}", "{\"a\":{\"x\":1,\"z\":3}}"),
	    "{\"a\":{\"y\":null,\"z\":3}}");
	CHECK_STR(t_diff("{\"a\":[1,2]}", "{\"a\":[2]}"), "{\"a\":[2]}");
	CHECK_STR(t_diff("{\"a\":\"s\"}", "{\"a\":{\"b\":1}}"),
	    "{\"a\":{\"b\":1}}");
	CHECK_STR(t_diff("{}", "{\"m\":{\"n\":{}}}"), "{\"m\":{\"n\":{}}}");
	CHECK_STR(t_diff("[1]", "[2]"), "[2]");
	CHECK_STR(t_diff("[1]", "[1]"), "{}");
}

/* diff then apply gives the target back. */
static void
test_diff_roundtrip(void)
{
	static const char *pairs[][2] = {
		{ "{\"a\":1,\"b\":{\"c\":[1,2],\"d\":\"x\"}}",
		  "{\"b\":{\"c\":[3],\"e\":{\"f\":true}},\"g\":1.5}" },
		{ "{\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"2\"}}}",
		  "{\"metadata\":{\"labels\":{\"b\":\"3\"},\"name\":\"x\"}}" },
		{ "{\"x\":{\"y\":{\"z\":1}}}", "{\"x\":{}}" },
	};
	json_t *f, *t, *p, *r;
	size_t i;

	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		f = t_load(pairs[i][0]);
		t = t_load(pairs[i][1]);
		p = mergepatch_diff(f, t);
		r = mergepatch_apply(f, p, NULL);
		CHECK_STR(t_dump(r), t_dump(t));
		json_decref(f);
		json_decref(t);
		json_decref(p);
		json_decref(r);
	}
}

int
main(void)
{
	RUN(test_rfc7386_appendix);
	RUN(test_rfc7386_example);
	RUN(test_apply_null_doc);
	RUN(test_apply_leaves_doc);
	RUN(test_diff);
	RUN(test_diff_roundtrip);
	return TEST_EXIT();
}
