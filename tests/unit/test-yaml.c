/* test-yaml.c - unit tests for lib/yaml.c: parsing, resolution, emitting. */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "../../lib/buf.h"
#include "../../lib/err.h"
#include "../../lib/yaml.h"
#include "test.h"

static char t_dump[8192];

/* Compact JSON of the one document in s, or "ERR <reason>: <msg>". */
static const char *
parse1(const char *s)
{
	struct err e;
	json_t *v;
	char *d;

	err_clear(&e);
	if (yaml_parse_one(s, strlen(s), &v, &e) < 0) {
		snprintf(t_dump, sizeof t_dump, "ERR %s: %s",
		    err_reason_str(e.reason), e.msg);
		return t_dump;
	}
	d = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	snprintf(t_dump, sizeof t_dump, "%s", d ? d : "(dump failed)");
	free(d);
	json_decref(v);
	return t_dump;
}

/* Compact JSON array of every document of s, or "ERR ...". */
static const char *
parseall(const char *s, size_t len)
{
	struct err e;
	json_t *v;
	char *d;

	err_clear(&e);
	if (yaml_parse_all(s, len, &v, &e) < 0) {
		snprintf(t_dump, sizeof t_dump, "ERR %s: %s",
		    err_reason_str(e.reason), e.msg);
		return t_dump;
	}
	d = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	snprintf(t_dump, sizeof t_dump, "%s", d ? d : "(dump failed)");
	free(d);
	json_decref(v);
	return t_dump;
}

/* yaml_emit of a JSON text. */
static const char *
emitjson(const char *json)
{
	struct buf b = BUF_INIT(0);
	json_error_t je;
	json_t *v;

	v = json_loads(json, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	if (v == NULL) {
		snprintf(t_dump, sizeof t_dump, "bad test json: %s", je.text);
		return t_dump;
	}
	if (yaml_emit(v, &b) < 0)
		snprintf(t_dump, sizeof t_dump, "EMIT FAILED");
	else
		snprintf(t_dump, sizeof t_dump, "%s", buf_str(&b));
	buf_release(&b);
	json_decref(v);
	return t_dump;
}

/* emit v, parse it back: equal? */
static int
roundtrip(json_t *v)
{
	struct buf b = BUF_INIT(0);
	struct err e;
	json_t *back = NULL;
	int ok;

	err_clear(&e);
	ok = yaml_emit(v, &b) == 0 &&
	    yaml_parse_one(b.data, b.len, &back, &e) == 0 &&
	    json_equal(v, back);
	if (!ok) {
		char *d = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		printf("#   round trip failed for %s: emitted <<%s>> %s\n", d,
		    buf_str(&b), e.msg);
		free(d);
	}
	json_decref(back);
	buf_release(&b);
	return ok;
}

static void
test_scalar_resolution(void)
{
	static const struct {
		const char *in, *want;
	} t[] = {
		/* null */
		{ "v:", "{\"v\":null}" },
		{ "v: ~", "{\"v\":null}" },
		{ "v: null", "{\"v\":null}" },
		{ "v: Null", "{\"v\":null}" },
		{ "v: NULL", "{\"v\":null}" },
		{ "v: nULL", "{\"v\":\"nULL\"}" },
		/* booleans, YAML 1.1 as go-yaml v2 */
		{ "v: [true, True, TRUE, false, False, FALSE]",
		  "{\"v\":[true,true,true,false,false,false]}" },
		{ "v: [yes, Yes, YES, no, No, NO, y, Y, n, N]",
		  "{\"v\":[true,true,true,false,false,false,true,true,false,"
		  "false]}" },
		{ "v: [on, On, ON, off, Off, OFF]",
		  "{\"v\":[true,true,true,false,false,false]}" },
		{ "v: [tRUE, yEs, oN, nO]",
		  "{\"v\":[\"tRUE\",\"yEs\",\"oN\",\"nO\"]}" },
		/* integers */
		{ "v: [0, 42, -7, +5, 1_000, 0x1F, 0X1f, 0o17, 017, 0b101, "
		  "-0b11, -0x10, 00]",
		  "{\"v\":[0,42,-7,5,1000,31,31,15,15,5,-3,-16,0]}" },
		{ "v: [9223372036854775807, -9223372036854775808]",
		  "{\"v\":[9223372036854775807,-9223372036854775808]}" },
		/* beyond int64: reals, as JSON numbers would end up */
		{ "v: 18446744073709551615",
		  "{\"v\":1.8446744073709552e19}" },
		{ "v: 99999999999999999999999",
		  "{\"v\":9.9999999999999992e22}" },
		/* floats */
		{ "v: [1.5, -2.25, .5, +.5, 1., 1e3, 1E-2, 6.02e+23, 1_0.5]",
		  "{\"v\":[1.5,-2.25,0.5,0.5,1.0,1000.0,0.01,6.02e23,10.5]}" },
		/* "08" is no octal, go-yaml reads it as a float */
		{ "v: 08", "{\"v\":8.0}" },
		/* not numbers */
		{ "v: [1e400, 0x, 1.2.3, 12abc, 1_, ., +, -, 0xZZ]",
		  "{\"v\":[\"1e400\",\"0x\",\"1.2.3\",\"12abc\",1,\".\",\"+\","
		  "\"-\",\"0xZZ\"]}" },
		/* timestamps and base 60 stay strings */
		{ "v: [2024-01-01, 2024-01-01T10:00:00Z, 1:20]",
		  "{\"v\":[\"2024-01-01\",\"2024-01-01T10:00:00Z\",\"1:20\"]}" },
		/* quoted and block scalars are always strings */
		{ "v: ['true', \"123\", '', \"null\", '~']",
		  "{\"v\":[\"true\",\"123\",\"\",\"null\",\"~\"]}" },
		{ "v: |\n  123\n", "{\"v\":\"123\\n\"}" },
		{ "v: >-\n  yes\n  no\n", "{\"v\":\"yes no\"}" },
		/* tags */
		{ "v: [!!str 123, !!str true, !!int \"12\", !!float 3, "
		  "!!bool \"yes\", !!null '', !custom 5, ! 7]",
		  "{\"v\":[\"123\",\"true\",12,3.0,true,null,\"5\",\"7\"]}" },
		{ "v: !!int abc",
		  "ERR BadRequest: yaml: line 1: cannot decode !!str `abc` as "
		  "a !!int" },
		{ "v: !!bool 1",
		  "ERR BadRequest: yaml: line 1: cannot decode !!int `1` as a "
		  "!!bool" },
		/* inf and nan have no JSON form */
		{ "v: .inf",
		  "ERR BadRequest: yaml: line 1: .inf cannot be represented "
		  "in JSON" },
		{ "v: [1, -.Inf]",
		  "ERR BadRequest: yaml: line 1: -.Inf cannot be represented "
		  "in JSON" },
		{ "v: .NaN",
		  "ERR BadRequest: yaml: line 1: .NaN cannot be represented "
		  "in JSON" },
		{ "v: [.inF, .infinity]",
		  "{\"v\":[\".inF\",\".infinity\"]}" },
		/* misc plain strings */
		{ "v: [a b, 'it''s', \"tab\\tq\\u00e9\", <<, =, -x, a:b]",
		  "{\"v\":[\"a b\",\"it's\",\"tab\\tqé\",\"<<\",\"=\",\"-x\","
		  "\"a:b\"]}" },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		CHECK_STR(parse1(t[i].in), t[i].want);
}

static void
test_block_and_flow(void)
{
	const char *want = "{\"a\":{\"b\":[1,{\"c\":\"d\"},[2,3]],\"e\":{}},"
	    "\"f\":[]}";

	CHECK_STR(parse1("a:\n  b:\n  - 1\n  - c: d\n  - - 2\n    - 3\n"
	    "  e: {}\nf: []\n"), want);
	CHECK_STR(parse1("a:\n    b:\n        -   1\n        -   c: d\n"
	    "        -   [2, 3]\n    e: {}\nf: []\n"), want);
	CHECK_STR(parse1("{a: {b: [1, {c: d}, [2, 3]], e: {}}, f: []}"),
	    want);
	CHECK_STR(parse1("{\"a\": {\"b\": [1, {\"c\": \"d\"}, [2, 3]], "
	    "\"e\": {}}, \"f\": []}"), want);
	/* comments, document markers, trailing commas in flow */
	CHECK_STR(parse1("# top\n---\na: # c\n  {b: [1, {c: d}, [2, 3],], "
	    "e: {}}\nf: [] # end\n...\n"), want);
	/* keys keep document order; duplicate keys: the last wins */
	CHECK_STR(parse1("z: 1\na: 2\nz: 3\n"), "{\"z\":3,\"a\":2}");
	/* a bare scalar document */
	CHECK_STR(parse1("hello world\n"), "\"hello world\"");
	CHECK_STR(parse1("--- 5\n"), "5");
	CHECK_STR(parse1("--- ~\n"), "null");
	/* folded and literal with chomping */
	CHECK_STR(parse1("a: >\n  x\n  y\n\n  z\nb: |+\n  k\n\nc: |-\n  s\n"),
	    "{\"a\":\"x y\\nz\\n\",\"b\":\"k\\n\\n\",\"c\":\"s\"}");
}

static void
test_multi_document(void)
{
	const char *s;

	s = "---\na: 1\n---\nb: 2\n...\n---\n# only a comment\n---\n---\n"
	    "- 3\n...\n";
	CHECK_STR(parseall(s, strlen(s)), "[{\"a\":1},{\"b\":2},[3]]");
	s = "a: 1\n---\n";
	CHECK_STR(parseall(s, strlen(s)), "[{\"a\":1}]");
	CHECK_STR(parse1(s), "{\"a\":1}");
	CHECK_STR(parseall("", 0), "[]");
	s = "# nothing\n---\n...\n";
	CHECK_STR(parseall(s, strlen(s)), "[]");
	CHECK_STR(parse1(""), "ERR BadRequest: yaml: no document found");
	CHECK_STR(parse1("---\n---\n"),
	    "ERR BadRequest: yaml: no document found");
	CHECK_STR(parse1("a: 1\n---\nb: 2\n"),
	    "ERR BadRequest: yaml: expected a single document, found 2");
	/* JSON streams: several values, or JSON then YAML */
	s = "{\"a\":1} {\"b\":[2]}\n[3]\n";
	CHECK_STR(parseall(s, strlen(s)), "[{\"a\":1},{\"b\":[2]},[3]]");
	s = "{\"a\":1}\n---\nb: 2\n";
	CHECK_STR(parseall(s, strlen(s)), "[{\"a\":1},{\"b\":2}]");
	/* anchors do not cross documents */
	s = "a: &x 1\n---\nb: *x\n";
	CHECK_STR(parseall(s, strlen(s)),
	    "ERR BadRequest: yaml: line 3: unknown anchor 'x' referenced");
	/* a length, not a C string */
	CHECK_STR(parseall("a: 1\nb: 2", 4), "[{\"a\":1}]");
}

static void
test_anchors_and_merge(void)
{
	CHECK_STR(parse1("a: &x {p: 1, q: [1, 2]}\nb: *x\nc: &s str\nd: *s\n"),
	    "{\"a\":{\"p\":1,\"q\":[1,2]},\"b\":{\"p\":1,\"q\":[1,2]},"
	    "\"c\":\"str\",\"d\":\"str\"}");
	/* merge: explicit keys after "<<" override, merged ones override
	 * earlier keys (go-yaml v2), in a list the first map wins */
	CHECK_STR(parse1("base: &b {x: 1, z: 2}\no:\n  <<: *b\n  z: 3\n"),
	    "{\"base\":{\"x\":1,\"z\":2},\"o\":{\"x\":1,\"z\":3}}");
	CHECK_STR(parse1("o:\n  x: 0\n  <<: [{x: 1, w: 1}, {x: 2, v: 2}]\n"),
	    "{\"o\":{\"x\":1,\"w\":1,\"v\":2}}");
	CHECK_STR(parse1("a: &a {k: 1}\nb: &b {m: 2}\nc:\n  <<: [*a, *b]\n"),
	    "{\"a\":{\"k\":1},\"b\":{\"m\":2},\"c\":{\"k\":1,\"m\":2}}");
	/* a quoted "<<" is an ordinary key */
	CHECK_STR(parse1("\"<<\": {a: 1}\n"), "{\"<<\":{\"a\":1}}");
	CHECK_STR(parse1("a: &a [1]\nb: {<<: *a}\n"),
	    "ERR BadRequest: yaml: line 2: map merge requires map or "
	    "sequence of maps as the value");
	CHECK_STR(parse1("a: &a [1, *a]\n"),
	    "ERR BadRequest: yaml: line 1: anchor 'a' value contains itself");
	CHECK_STR(parse1("a: *nope\n"),
	    "ERR BadRequest: yaml: line 1: unknown anchor 'nope' "
	    "referenced");
	/* an anchor may be redefined; the alias takes the latest */
	CHECK_STR(parse1("- &a 1\n- *a\n- &a 2\n- *a\n"), "[1,1,2,2]");
	CHECK_STR(parse1("- &a [&a 1, *a]\n- *a\n"), "[[1,1],1]");
	/* the alias copy is independent of the original */
	CHECK_STR(parse1("a: &k 7\n*k : seven\n"),
	    "{\"a\":7,\"7\":\"seven\"}");
}

static void
test_alias_bomb(void)
{
	const char *bomb =
	    "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\","
	    "\"lol\",\"lol\"]\n"
	    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
	struct err e;
	json_t *v = NULL;
	clock_t t0 = clock();

	err_clear(&e);
	CHECK_INT(yaml_parse_one(bomb, strlen(bomb), &v, &e), -1);
	CHECK(v == NULL);
	CHECK_INT(e.reason, ERR_BAD_REQUEST);
	CHECK_STR(e.msg, "yaml: line 5: document contains excessive aliasing "
	    "(more than 10000 nodes)");
	CHECK((clock() - t0) < CLOCKS_PER_SEC);
	/* a few levels stay within the budget */
	CHECK_STR(parse1("a: &a [1, 2]\nb: &b [*a, *a]\nc: [*b, *b]\n"),
	    "{\"a\":[1,2],\"b\":[[1,2],[1,2]],\"c\":[[[1,2],[1,2]],"
	    "[[1,2],[1,2]]]}");
}

static void
nest(struct buf *b, int levels, int json, int block)
{
	int i;

	buf_reset(b);
	for (i = 0; i < levels; i++) {
		if (block)
			buf_addf(b, "%*sk:\n", 2 * i, "");
		else
			buf_adds(b, json ? "{\"k\":" : "[");
	}
	if (block)
		buf_addf(b, "%*sk: 1\n", 2 * levels, "");
	else
		buf_adds(b, "1");
	for (i = 0; i < levels && !block; i++)
		buf_adds(b, json ? "}" : "]");
}

static void
test_depth_limit(void)
{
	struct buf b = BUF_INIT(0);
	struct err e;
	json_t *v;

	/* 100 levels: YAML block, flow YAML, JSON */
	nest(&b, 100, 0, 1);
	err_clear(&e);
	CHECK_INT(yaml_parse_one(b.data, b.len, &v, &e), -1);
	CHECK_INT(err_code(e.reason), 400);
	CHECK_STR(e.msg, "yaml: line 65: nesting depth exceeds the limit "
	    "of 64");
	nest(&b, 100, 0, 0);
	err_clear(&e);
	CHECK_INT(yaml_parse_all(b.data, b.len, &v, &e), -1);
	CHECK_INT(err_code(e.reason), 400);
	CHECK_STR(e.msg, "json: nesting depth exceeds the limit of 64");
	{
		struct buf c = BUF_INIT(0);

		buf_adds(&c, "# flow YAML\nk: ");
		buf_add(&c, b.data, b.len);
		err_clear(&e);
		CHECK_INT(yaml_parse_all(c.data, c.len, &v, &e), -1);
		CHECK_INT(err_code(e.reason), 400);
		CHECK_STR(e.msg, "yaml: line 2: nesting depth exceeds the "
		    "limit of 64");
		buf_release(&c);
	}
	nest(&b, 100, 1, 0);
	err_clear(&e);
	CHECK_INT(yaml_parse_one(b.data, b.len, &v, &e), -1);
	CHECK_INT(err_code(e.reason), 400);
	CHECK_STR(e.msg, "json: nesting depth exceeds the limit of 64");
	/* exactly 64 is fine (the innermost k: 1 is the 64th mapping) */
	nest(&b, 63, 0, 1);
	err_clear(&e);
	CHECK_INT(yaml_parse_one(b.data, b.len, &v, &e), 0);
	json_decref(v);
	nest(&b, 64, 1, 0);
	CHECK_INT(yaml_parse_one(b.data, b.len, &v, &e), 0);
	json_decref(v);
	nest(&b, 65, 1, 0);
	CHECK_INT(yaml_parse_one(b.data, b.len, &v, &e), -1);
	/* aliases cannot be used to nest deeper either */
	buf_reset(&b);
	nest(&b, 40, 0, 0);
	{
		struct buf c = BUF_INIT(0);

		buf_adds(&c, "a: &a ");
		buf_add(&c, b.data, b.len);
		buf_adds(&c, "\nb: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[*a]]]]]]]]]]]]]]"
		    "]]]]]]]]]]]]]]]]\n");
		err_clear(&e);
		CHECK_INT(yaml_parse_one(c.data, c.len, &v, &e), -1);
		CHECK_STR(e.msg, "yaml: line 2: nesting depth exceeds the "
		    "limit of 64");
		buf_release(&c);
	}
	buf_release(&b);
}

static void
test_size_limit(void)
{
	struct err e;
	json_t *v = NULL;
	char *big = calloc(1, YAML_MAX_INPUT + 1);

	if (big == NULL)
		return;
	err_clear(&e);
	CHECK_INT(yaml_parse_one(big, YAML_MAX_INPUT + 1, &v, &e), -1);
	CHECK_INT(e.reason, ERR_TOO_LARGE);
	CHECK_INT(err_code(e.reason), 413);
	CHECK(v == NULL);
	free(big);
}

static void
test_errors(void)
{
	/* go-yaml's lines (kubectl's): a parser error's from 0, none for
	 * line 0 */
	CHECK_STR(parse1("a: b: c\n"), "ERR BadRequest: yaml: "
	    "mapping values are not allowed in this context");
	CHECK_STR(parse1("a: 1\nb:\n  c: 2\n d: 3\n"),
	    "ERR BadRequest: yaml: line 3: did not find expected key");
	CHECK_STR(parse1("a: 1\n\tb: 2\n"), "ERR BadRequest: yaml: line 2: "
	    "found a tab character that violates indentation");
	CHECK_STR(parse1("a: 1\n@b: 2\n"), "ERR BadRequest: yaml: line 2: "
	    "found character that cannot start any token");
	CHECK_STR(parse1("a: [1, 2\nb: 3\n"),
	    "ERR BadRequest: yaml: line 1: did not find expected ',' or ']'");
	CHECK_STR(parse1("a: \"unterminated\n"),
	    "ERR BadRequest: yaml: line 2: found unexpected end of stream");
	CHECK_STR(parse1("a: 1\nb: \xff\n"),
	    "ERR BadRequest: yaml: line 2: invalid leading UTF-8 octet");
	/* JSON that is neither JSON nor YAML reports jansson's error */
	CHECK_STR(parse1("{\"a\" 1}"), "ERR BadRequest: json: ':' expected "
	    "near '1' at line 1 column 6");
	CHECK_STR(parse1("{\n  \"a\": [1,\n  2}\n"),
	    "ERR BadRequest: json: ']' expected near '}' at line 3 "
	    "column 4");
	CHECK_STR(parse1("{\"a\": 1}\n {\"b\": 2} x"),
	    "ERR BadRequest: json: end of file expected near '{' at line 2 "
	    "column 2");
	CHECK_STR(parseall("{\"a\": 1}\n {\"b\": 2} x", 20),
	    "ERR BadRequest: json: '[' or '{' expected near 'x' at line 2 "
	    "column 11");
	/* but JSON-looking flow YAML is fine */
	CHECK_STR(parse1("{a: 1, 'b': [x, z],}"),
	    "{\"a\":1,\"b\":[\"x\",\"z\"]}");
	CHECK_STR(parse1("[1, 2] # comment"), "[1,2]");
	/* complex keys */
	CHECK_STR(parse1("? [a]\n: b\n"),
	    "ERR BadRequest: yaml: line 1: invalid map key: a sequence");
}

static void
test_nonstring_keys(void)
{
	CHECK_STR(parse1("1: a\n-2: b\n1.5: c\ntrue: e\nno: f\n"
	    "0x10: g\n.inf: h\n-.inf: i\n.nan: j\n1e3: k\n"),
	    "{\"1\":\"a\",\"-2\":\"b\",\"1.5\":\"c\","
	    "\"true\":\"e\",\"false\":\"f\",\"16\":\"g\",\".inf\":\"h\","
	    "\"-.inf\":\"i\",\".nan\":\"j\",\"1000\":\"k\"}");
	/* 1 and 1.0 are the same key: the last wins */
	CHECK_STR(parse1("1: a\n1.0: b\n"), "{\"1\":\"b\"}");
	/* float keys are formatted as float32, as sigs.k8s.io/yaml does */
	CHECK_STR(parse1("3.14159265358979: pi\n"), "{\"3.1415927\":\"pi\"}");
	CHECK_STR(parse1("~: a\n"),
	    "ERR BadRequest: yaml: line 1: unsupported map key: null");
	CHECK_STR(parse1("? {a: 1}\n: b\n"),
	    "ERR BadRequest: yaml: line 1: invalid map key: a mapping");
	/* y is a boolean in YAML 1.1: the famous surprise, kept */
	CHECK_STR(parse1("x: 1\ny: 2\n"), "{\"x\":1,\"true\":2}");
	CHECK_STR(parse1("\"a\\0b\": 1\n"),
	    "ERR BadRequest: yaml: line 1: NUL byte in a map key is not "
	    "supported");
	CHECK_STR(parse1("18446744073709551615: x\n"),
	    "ERR BadRequest: yaml: line 1: unsupported map key: "
	    "18446744073709551615");
}

static void
test_emit_scalars(void)
{
	static const struct {
		const char *json, *want;
	} t[] = {
		{ "null", "null\n" },
		{ "true", "true\n" },
		{ "42", "42\n" },
		{ "-7", "-7\n" },
		{ "1.5", "1.5\n" },
		{ "1.0", "1.0\n" },
		{ "-0.0", "-0.0\n" },
		{ "0.1", "0.1\n" },
		{ "0.0001", "0.0001\n" },
		{ "0.00001", "1e-05\n" },
		{ "100000.0", "100000.0\n" },
		{ "1000000.0", "1e+06\n" },
		{ "123456789.0", "1.23456789e+08\n" },
		{ "1e21", "1e+21\n" },
		{ "6.02e23", "6.02e+23\n" },
		{ "\"plain\"", "plain\n" },
		{ "\"true\"", "\"true\"\n" },
		{ "\"yes\"", "\"yes\"\n" },
		{ "\"y\"", "\"y\"\n" },
		{ "\"Off\"", "\"Off\"\n" },
		{ "\"123\"", "\"123\"\n" },
		{ "\"0x1F\"", "\"0x1F\"\n" },
		{ "\"1_000\"", "\"1_000\"\n" },
		{ "\"1.5\"", "\"1.5\"\n" },
		{ "\"1e3\"", "\"1e3\"\n" },
		{ "\".inf\"", "\".inf\"\n" },
		{ "\"\"", "\"\"\n" },
		{ "\"null\"", "\"null\"\n" },
		{ "\"~\"", "\"~\"\n" },
		{ "\"2024-01-01\"", "\"2024-01-01\"\n" },
		{ "\"2024-01-01T00:00:00Z\"", "\"2024-01-01T00:00:00Z\"\n" },
		{ "\"1:20\"", "\"1:20\"\n" },
		{ "\"<<\"", "\"<<\"\n" },
		{ "\"- x\"", "'- x'\n" },
		{ "\"-x\"", "-x\n" },
		{ "\"a: b\"", "'a: b'\n" },
		{ "\"a:b\"", "a:b\n" },
		{ "\"a #b\"", "'a #b'\n" },
		{ "\"a#b\"", "a#b\n" },
		{ "\" lead\"", "' lead'\n" },
		{ "\"trail \"", "'trail '\n" },
		{ "\"#x\"", "'#x'\n" },
		{ "\"*x\"", "'*x'\n" },
		{ "\"&x\"", "'&x'\n" },
		{ "\"!x\"", "'!x'\n" },
		{ "\"{x}\"", "'{x}'\n" },
		{ "\"[x]\"", "'[x]'\n" },
		{ "\"it's\"", "it's\n" },
		{ "\"'q'\"", "'''q'''\n" },
		{ "\"\\\"dq\\\"\"", "'\"dq\"'\n" },
		{ "\"tab\\there\"", "\"tab\\there\"\n" },
		{ "\"é ü\"", "é ü\n" },
		{ "\"a\\rb\"", "\"a\\rb\"\n" },
		{ "\"nul\\u0000\"", "\"nul\\0\"\n" },
		{ "\"two\\nlines\"", "|-\n  two\n  lines\n" },
		{ "\"two\\nlines\\n\"", "|\n  two\n  lines\n" },
		{ "\" lead\\nx\"", "|2-\n   lead\n  x\n" },
		{ "\"trailing \\nspace\"", "\"trailing \\nspace\"\n" },
		{ "{}", "{}\n" },
		{ "[]", "[]\n" },
		{ "[[]]", "- []\n" },
		{ "[[\"a\", \"b\"], [\"c\"]]", "- - a\n  - b\n- - c\n" },
		{ "{\"k\": [\"a\", {\"b\": 1, \"c\": [2]}]}",
		  "k:\n- a\n- b: 1\n  c:\n  - 2\n" },
		{ "{\"z\": 1, \"a\": {\"m\": {}, \"p\": []}, \"n\": 0}",
		  "z: 1\na:\n  m: {}\n  p: []\n\"n\": 0\n" },
		{ "{\"1\": 1, \"true\": 2, \"\": 3, \"a b\": 4}",
		  "\"1\": 1\n\"true\": 2\n\"\": 3\na b: 4\n" },
		{ "{\"s\": \"x\\ny\\n\", \"t\": 1}", "s: |\n  x\n  y\nt: 1\n" },
		{ "{\"long\": \"aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd "
		  "eeeeeeeeee ffffffffff gggggggggg hhhhhhhhhh iiiiiiiiii\"}",
		  "long: aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee "
		  "ffffffffff gggggggggg hhhhhhhhhh iiiiiiiiii\n" },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		CHECK_STR(emitjson(t[i].json), t[i].want);
}

static void
test_emit_deployment(void)
{
	const char *json =
	    "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
	    "\"metadata\":{\"annotations\":{\"deployment.kubernetes.io/"
	    "revision\":\"1\"},\"creationTimestamp\":\"2024-05-01T10:00:00Z\","
	    "\"generation\":1,\"labels\":{\"app\":\"web\"},\"name\":\"web\","
	    "\"namespace\":\"default\",\"resourceVersion\":\"12345\","
	    "\"uid\":\"0b8c3f1e-2d4a-4e5f-9a1b-7c6d5e4f3a2b\"},"
	    "\"spec\":{\"progressDeadlineSeconds\":600,\"replicas\":3,"
	    "\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
	    "\"strategy\":{\"rollingUpdate\":{\"maxSurge\":\"25%\","
	    "\"maxUnavailable\":\"25%\"},\"type\":\"RollingUpdate\"},"
	    "\"template\":{\"metadata\":{\"creationTimestamp\":null,"
	    "\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{"
	    "\"args\":[\"--port=8080\",\"-v\"],\"command\":[\"/bin/sh\","
	    "\"-c\",\"echo start\\nexec server\\n\"],"
	    "\"env\":[{\"name\":\"DEBUG\",\"value\":\"true\"},"
	    "{\"name\":\"PORT\",\"value\":\"8080\"}],"
	    "\"image\":\"nginx:1.25\",\"imagePullPolicy\":\"IfNotPresent\","
	    "\"name\":\"web\",\"ports\":[{\"containerPort\":80,"
	    "\"protocol\":\"TCP\"}],\"resources\":{\"limits\":{\"cpu\":"
	    "\"500m\",\"memory\":\"128Mi\"}}}],\"dnsPolicy\":\"ClusterFirst\","
	    "\"restartPolicy\":\"Always\",\"terminationGracePeriodSeconds\":30,"
	    "\"volumes\":[]}}},\"status\":{}}";
	const char *want =
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  annotations:\n"
	    "    deployment.kubernetes.io/revision: \"1\"\n"
	    "  creationTimestamp: \"2024-05-01T10:00:00Z\"\n"
	    "  generation: 1\n"
	    "  labels:\n"
	    "    app: web\n"
	    "  name: web\n"
	    "  namespace: default\n"
	    "  resourceVersion: \"12345\"\n"
	    "  uid: 0b8c3f1e-2d4a-4e5f-9a1b-7c6d5e4f3a2b\n"
	    "spec:\n"
	    "  progressDeadlineSeconds: 600\n"
	    "  replicas: 3\n"
	    "  selector:\n"
	    "    matchLabels:\n"
	    "      app: web\n"
	    "  strategy:\n"
	    "    rollingUpdate:\n"
	    "      maxSurge: 25%\n"
	    "      maxUnavailable: 25%\n"
	    "    type: RollingUpdate\n"
	    "  template:\n"
	    "    metadata:\n"
	    "      creationTimestamp: null\n"
	    "      labels:\n"
	    "        app: web\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - args:\n"
	    "        - --port=8080\n"
	    "        - -v\n"
	    "        command:\n"
	    "        - /bin/sh\n"
	    "        - -c\n"
	    "        - |\n"
	    "          echo start\n"
	    "          exec server\n"
	    "        env:\n"
	    "        - name: DEBUG\n"
	    "          value: \"true\"\n"
	    "        - name: PORT\n"
	    "          value: \"8080\"\n"
	    "        image: nginx:1.25\n"
	    "        imagePullPolicy: IfNotPresent\n"
	    "        name: web\n"
	    "        ports:\n"
	    "        - containerPort: 80\n"
	    "          protocol: TCP\n"
	    "        resources:\n"
	    "          limits:\n"
	    "            cpu: 500m\n"
	    "            memory: 128Mi\n"
	    "      dnsPolicy: ClusterFirst\n"
	    "      restartPolicy: Always\n"
	    "      terminationGracePeriodSeconds: 30\n"
	    "      volumes: []\n"
	    "status: {}\n";
	json_t *v;

	CHECK_STR(emitjson(json), want);
	/* and it reads back to the same object */
	v = json_loads(json, 0, NULL);
	CHECK(v != NULL && roundtrip(v));
	json_decref(v);
	CHECK_STR(parse1(want), json);
}

static void
test_quoting_roundtrip(void)
{
	static const char *s[] = {
		"", " ", "  ", "a", "true", "True", "false", "yes", "no", "on",
		"off", "y", "n", "Y", "N", "null", "Null", "~", "-", "--", "---",
		"...", "- x", "-x", "? x", "?x", ": x", ":x", "x:", "x: y",
		"x :y", "a #b", "a#b", "#", "# c", "&a", "*a", "!a", "!!str",
		"%a", "@a", "`a", "|", ">", "|-", "'", "\"", "''", "\"\"", "[",
		"]", "{", "}", ",", "a,b", "[a]", "{a: b}", "0", "00", "08",
		"0x1F", "0o7", "0b1", "1_000", "+1", "-1", "1.5", ".5", "1.",
		"1e3", "1e400", ".inf", "-.Inf", ".nan", "2024-01-01",
		"2024-1-2 3:4:5", "2024-01-01T00:00:00Z", "1:20", "190:20:30",
		"<<", "=", " lead", "trail ", "a\nb", "a\nb\n", "a\n\nb\n\n",
		"\n", "\n\n", " \n", "\n ", "a \nb", "a\n b", "\ta", "a\t",
		"a\tb\nc", "\x01", "nul\0x", "a\rb", "a\r\nb", "é", "日本語",
		"\xc2\x85", "x\xe2\x80\xa8y", "\xef\xbb\xbf" "bom", "\\",
		"a\\nb", "x: |", "key: >-", "a ]", "a }", "a, b", "%YAML 1.2",
		"a\n---\nb", "a\n...\nb", "--- a", "... a", "  a  \n  b  ",
	};
	size_t i, n;
	json_t *v, *o;

	for (i = 0; i < sizeof s / sizeof s[0]; i++) {
		n = strcmp(s[i], "nul") == 0 ? 5 : strlen(s[i]);
		v = json_stringn(s[i], n);
		CHECK(v != NULL && roundtrip(v));
		/* as a key and as a value in a mapping and a sequence */
		o = json_pack("{s:O,s:[O,{s:O}]}", "k", v, "l", v, "m", v);
		if (memchr(s[i], '\0', n) == NULL)
			json_object_setn(o, s[i], n, v);
		CHECK(o != NULL && roundtrip(o));
		json_decref(o);
		json_decref(v);
	}
	/* a key longer than 128 bytes becomes a "? " complex key */
	{
		char key[201];

		memset(key, 'k', 200);
		key[200] = '\0';
		o = json_pack("{s:i}", key, 1);
		CHECK(o != NULL && roundtrip(o));
		CHECK(strncmp(emitjson("{\"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
		    "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
		    "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
		    "kkkkkkkkkkkkkkk\": 1}"), "? kkk", 5) == 0);
		json_decref(o);
	}
	/* numbers and other values */
	o = json_pack("[i,I,I,f,f,f,f,f,b,b,n,{},[],{s:{}},[[]]]", 0,
	    (json_int_t)INT64_MAX, (json_int_t)INT64_MIN, 0.1, -2.5, 1e300,
	    5e-324, 100.0, 1, 0, "e");
	CHECK(o != NULL && roundtrip(o));
	json_decref(o);
}

static void
test_emit_cap(void)
{
	struct buf b = BUF_INIT(16);
	json_t *v = json_pack("{s:s}", "key", "a value that is too long");

	buf_adds(&b, "x: 1\n");
	CHECK_INT(yaml_emit(v, &b), -1);
	CHECK_STR(buf_str(&b), "x: 1\n");
	json_decref(v);
	v = json_pack("{s:i}", "y", 2);
	CHECK_INT(yaml_emit(v, &b), 0);
	CHECK_STR(buf_str(&b), "x: 1\n\"y\": 2\n");
	json_decref(v);
	buf_release(&b);
}

/* yaml_dup_keys on y: the report, or "error" when it is not YAML. */
static const char *
dups(const char *y, struct buf *b)
{
	struct err err;

	buf_reset(b);
	err_clear(&err);
	if (yaml_dup_keys(y, strlen(y), b, &err) < 0)
		return "error";
	return buf_str(b);
}

static void
test_dup_keys(void)
{
	struct buf b = BUF_INIT(1 << 20);

	CHECK_STR(dups("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
	    "  name: x\ndata:\n  a: \"1\"\n  a: \"2\"\n", &b),
	    "line 7: key \"a\" already set in map\n");
	/* go-yaml's order and lines: the value's own repeats first, then
	 * its key, on the line where the value starts */
	CHECK_STR(dups("spec:\n  replicas: 1\nspec:\n  replicas: 2\n"
	    "  replicas: 3\n", &b), "line 5: key \"replicas\" already set in "
	    "map\nline 4: key \"spec\" already set in map\n");
	CHECK_STR(dups("items:\n- a\nitems:\n- b\n", &b),
	    "line 4: key \"items\" already set in map\n");
	CHECK_STR(dups("a:\na:\n", &b),
	    "line 2: key \"a\" already set in map\n");
	/* flow style and JSON; keys quoted as Go's %#v */
	CHECK_STR(dups("{a: 1, b: {c: 1, c: 2}, a: 3}", &b),
	    "line 1: key \"c\" already set in map\nline 1: key \"a\" "
	    "already set in map\n");
	CHECK_STR(dups("{\"x\":1,\n \"x\":2}", &b),
	    "line 2: key \"x\" already set in map\n");
	CHECK_STR(dups("\"a\\\"b\": 1\n'a\"b': 2\n", &b),
	    "line 2: key \"a\\\"b\" already set in map\n");
	/* 1 and "1" are different keys; 1 and 0x1 the same */
	CHECK_STR(dups("1: a\n\"1\": b\n0x1: c\n", &b),
	    "line 3: key 1 already set in map\n");
	/* not repeats: merged keys, other mappings, later documents */
	CHECK_STR(dups("base: &b {x: 1}\nm:\n  <<: *b\n  x: 2\n", &b), "");
	CHECK_STR(dups("- {a: 1}\n- {a: 2}\n", &b), "");
	CHECK_STR(dups("a: 1\n---\nb: 1\nb: 2\n", &b), "");
	CHECK_STR(dups("a: [1\n", &b), "error");
	buf_release(&b);
}

/* yaml_parse_one_unique says whether a JSON body repeats a key. */
static void
test_parse_unique(void)
{
	static const struct {
		const char	*in;
		int		 unique;
	} cases[] = {
		{ "{\"a\":1,\"b\":{\"c\":[{\"d\":1,\"e\":2}]}}", 1 },
		{ " {\"a\":1,\"a\":2}", 0 },
		{ "{\"a\":{\"x\":1},\"b\":[{\"y\":1,\"y\":2}]}", 0 },
		{ "a: 1\nb: 2\n", 0 },
	};
	struct err err;
	json_t *v;
	size_t i;
	int unique;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		err_clear(&err);
		unique = -1;
		CHECK_INT(yaml_parse_one_unique(cases[i].in,
		    strlen(cases[i].in), &v, &unique, &err), 0);
		CHECK_INT(unique, cases[i].unique);
		json_decref(v);
	}
	/* a repeated key still reads, as its last value */
	CHECK_INT(yaml_parse_one_unique("{\"a\":1,\"a\":2}", 13, &v, &unique,
	    &err), 0);
	CHECK_INT(json_integer_value(json_object_get(v, "a")), 2);
	json_decref(v);
	CHECK(yaml_parse_one_unique("{\"a\":", 5, &v, &unique, &err) < 0);
	CHECK_INT(unique, 0);
}

int
main(void)
{
	RUN(test_scalar_resolution);
	RUN(test_block_and_flow);
	RUN(test_multi_document);
	RUN(test_anchors_and_merge);
	RUN(test_alias_bomb);
	RUN(test_depth_limit);
	RUN(test_size_limit);
	RUN(test_errors);
	RUN(test_nonstring_keys);
	RUN(test_emit_scalars);
	RUN(test_emit_deployment);
	RUN(test_quoting_roundtrip);
	RUN(test_emit_cap);
	RUN(test_dup_keys);
	RUN(test_parse_unique);
	return TEST_EXIT();
}
