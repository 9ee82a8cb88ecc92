/* test-jsonenc.c - unit tests for lib/jsonenc.c: its text against
 * json_dumps(JSON_COMPACT | JSON_ENCODE_ANY) on fixed and generated
 * trees, the metadata offset, and its limits. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/jsonenc.h"
#include "test.h"

/* 1 when jsonenc writes what jansson writes for v; v is released. */
static int
same(json_t *v)
{
	char *want = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	size_t len = 0;
	char *got = jsonenc_dup(v, &len, NULL);
	int ok = want != NULL && got != NULL && strcmp(want, got) == 0 &&
	    len == strlen(want);

	if (!ok)
		printf("#   want %s\n#   got  %s\n", want ? want : "(null)",
		    got ? got : "(null)");
	free(want);
	free(got);
	json_decref(v);
	return ok;
}

static void
test_scalars(void)
{
	CHECK(same(json_integer(0)));
	CHECK(same(json_integer(-1)));
	CHECK(same(json_integer(INT64_MAX)));
	CHECK(same(json_integer(INT64_MIN)));
	CHECK(same(json_integer(1234567890123LL)));
	CHECK(same(json_real(1.0)));
	CHECK(same(json_real(-0.5)));
	CHECK(same(json_real(3.14159)));
	CHECK(same(json_real(1e300)));
	CHECK(same(json_real(2.5e-8)));
	CHECK(same(json_true()));
	CHECK(same(json_false()));
	CHECK(same(json_null()));
	CHECK(same(json_string("")));
	CHECK(same(json_string("plain")));
	CHECK(same(json_string("quote \" backslash \\ slash / tab \t")));
	CHECK(same(json_string("\b\f\n\r\t\x01\x1f\x7f")));
	CHECK(same(json_string("caf\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x98\x80")));
	CHECK(same(json_stringn("nul\0inside", 10)));
}

static void
test_containers(void)
{
	json_t *o;
	char ctl[40];
	int i;

	CHECK(same(json_object()));
	CHECK(same(json_array()));
	CHECK(same(json_pack("{s:[],s:{},s:[{},[]]}", "a", "b", "c")));
	CHECK(same(json_pack("{s:s,s:{s:s,s:{s:s,s:s}},s:[i,s,b,n]}",
	    "apiVersion", "v1", "metadata", "name", "x", "labels", "app",
	    "web", "tier", "front", "list", 1, "two", 1)));
	/* member order is insertion order, not sorted */
	o = json_object();
	json_object_set_new(o, "zeta", json_integer(1));
	json_object_set_new(o, "alpha", json_integer(2));
	json_object_set_new(o, "mid", json_integer(3));
	json_object_del(o, "alpha");
	json_object_set_new(o, "alpha", json_integer(4));
	CHECK(same(o));
	/* keys need escaping too */
	o = json_object();
	for (i = 1; i < 32; i++) {
		snprintf(ctl, sizeof ctl, "k%c\"\\%d", (char)i, i);
		json_object_set_new(o, ctl, json_integer(i));
	}
	json_object_setn_new(o, "a\0b", 3, json_string("nul key"));
	CHECK(same(o));
}

/* A small deterministic generator of trees, strings with every kind of
 * byte jansson accepts. */
static uint64_t rnd_state = 88172645463325252ULL;

static unsigned
rnd(unsigned n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (unsigned)(rnd_state % n);
}

static json_t *
rnd_string(void)
{
	static const char *const parts[] = { "a", "Z", "0", " ", "\"", "\\",
	    "/", "\n", "\t", "\x01", "\x1b", "\x7f", "\xc3\xa9",
	    "\xe2\x82\xac", "\xf0\x9f\x9a\x80", "{", "}", "[", ":", "," };
	char s[128];
	size_t len = 0, n = rnd(12), i, pl;
	const char *p;

	for (i = 0; i < n; i++) {
		p = parts[rnd(sizeof parts / sizeof parts[0])];
		pl = strlen(p);
		memcpy(s + len, p, pl);
		len += pl;
	}
	s[len] = '\0';
	return json_stringn(s, len);
}

static json_t *
rnd_tree(int depth)
{
	json_t *v, *k;
	unsigned i, n;

	switch (depth > 5 ? rnd(6) : rnd(8)) {
	case 0: return json_integer((json_int_t)rnd(1u << 31) - (1 << 30));
	case 1: return json_real((double)rnd(100000) / 64.0);
	case 2: return rnd(2) ? json_true() : json_false();
	case 3: return json_null();
	case 4:
	case 5: return rnd_string();
	case 6:
		v = json_array();
		for (i = 0, n = rnd(5); i < n; i++)
			json_array_append_new(v, rnd_tree(depth + 1));
		return v;
	default:
		v = json_object();
		for (i = 0, n = rnd(6); i < n; i++) {
			k = rnd_string();
			json_object_setn_new(v, json_string_value(k),
			    json_string_length(k), rnd_tree(depth + 1));
			json_decref(k);
		}
		return v;
	}
}

static void
test_generated(void)
{
	int i, bad = 0;

	for (i = 0; i < 3000; i++)
		if (!same(rnd_tree(0)))
			bad++;
	CHECK_INT(bad, 0);
}

static size_t
meta_off(const char *text, char **out)
{
	json_t *v = json_loads(text, 0, NULL);
	struct jsonenc_meta m = { "resourceVersion", 99 };

	*out = jsonenc_dup(v, NULL, &m);
	json_decref(v);
	return m.off;
}

static void
test_meta_off(void)
{
	char *s;
	size_t off;

	off = meta_off("{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"a\"},"
	    "\"data\":{\"metadata\":{}}}", &s);
	CHECK(s != NULL && off > 0 && strncmp(s + off, "\"name\"", 6) == 0 &&
	    s[off - 1] == '{');
	free(s);
	off = meta_off("{\"metadata\":{}}", &s);
	CHECK_INT((long long)off, 13);
	CHECK_STR(s + off, "}}");
	free(s);
	/* the member named skip is left out of metadata, only there */
	off = meta_off("{\"resourceVersion\":1,\"metadata\":{\"a\":1,"
	    "\"resourceVersion\":\"7\",\"b\":{\"resourceVersion\":2}}}", &s);
	CHECK_STR(s, "{\"resourceVersion\":1,\"metadata\":{\"a\":1,"
	    "\"b\":{\"resourceVersion\":2}}}");
	CHECK_INT((long long)off, 33);
	free(s);
	off = meta_off("{\"metadata\":{\"resourceVersion\":\"7\",\"z\":0}}", &s);
	CHECK_STR(s, "{\"metadata\":{\"z\":0}}");
	free(s);
	off = meta_off("{\"kind\":\"X\",\"spec\":{\"metadata\":{}}}", &s);
	CHECK_INT((long long)off, 0);
	free(s);
	off = meta_off("{\"metadata\":\"no\"}", &s);
	CHECK_INT((long long)off, 0);
	free(s);
	off = meta_off("[{\"metadata\":{}}]", &s);
	CHECK_INT((long long)off, 0);
	free(s);
}

static void
test_limits(void)
{
	json_t *v = json_array(), *inner = v;
	struct buf b = BUF_INIT(16);
	int i;

	for (i = 0; i < JSONENC_MAX_DEPTH + 1; i++) {
		json_t *a = json_array();

		json_array_append_new(inner, a);
		inner = a;
	}
	CHECK(jsonenc_dup(v, NULL, NULL) == NULL);
	json_decref(v);
	v = json_pack("{s:s}", "key", "a value longer than sixteen bytes");
	CHECK_INT(jsonenc(v, &b), -1);
	CHECK(b.len <= 16);
	json_decref(v);
	buf_release(&b);
}

int
main(void)
{
	RUN(test_scalars);
	RUN(test_containers);
	RUN(test_generated);
	RUN(test_meta_off);
	RUN(test_limits);
	return TEST_EXIT();
}
