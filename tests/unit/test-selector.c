/* test-selector.c - unit tests for lib/selector.c: label selectors in
 * both forms and field selectors, with cases and messages of
 * apimachinery's labels/selector_test.go and fields/selector_test.go. */
#include <stdlib.h>

#include "../../lib/selector.h"
#include "test.h"

#define VALUE_MSG "a valid label must be an empty string or consist of " \
	"alphanumeric characters, '-', '_' or '.', and must start and end " \
	"with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  " \
	"or '12345', regex used for validation is " \
	"'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
#define KEY_MSG "name part must consist of alphanumeric characters, '-', " \
	"'_' or '.', and must start and end with an alphanumeric character " \
	"(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for " \
	"validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"

/* Parses s and returns its String() (static), or NULL on error. */
static const char *
sel_restring(const char *s)
{
	static char out[1024];
	struct selector *sel;
	struct buf b = BUF_INIT(0);
	struct err err;

	err_clear(&err);
	if (selector_parse(s, &sel, &err) < 0) {
		printf("#   %s: %s\n", s, err.msg);
		return NULL;
	}
	selector_string(sel, &b);
	snprintf(out, sizeof out, "%s", buf_str(&b));
	buf_release(&b);
	selector_free(sel);
	return out;
}

static const char *
sel_error(const char *s)
{
	static struct err err;
	struct selector *sel;

	err_clear(&err);
	if (selector_parse(s, &sel, &err) == 0) {
		selector_free(sel);
		return "(parsed)";
	}
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	return err.msg;
}

static void
test_selector_restring(void)
{
	/* TestSelectorParse: good strings print back without spaces */
	CHECK_STR(sel_restring("x=a,y=b,z=c"), "x=a,y=b,z=c");
	CHECK_STR(sel_restring(""), "");
	CHECK_STR(sel_restring("x!=a,y=b"), "x!=a,y=b");
	CHECK_STR(sel_restring("x="), "x=");
	CHECK_STR(sel_restring("x= "), "x=");
	CHECK_STR(sel_restring("x=,z= "), "x=,z=");
	CHECK_STR(sel_restring("x= ,z= "), "x=,z=");
	CHECK_STR(sel_restring("!x"), "!x");
	CHECK_STR(sel_restring("x>1"), "x>1");
	CHECK_STR(sel_restring("x>1,z<5"), "x>1,z<5");
	/* TestSetSelectorParser */
	CHECK_STR(sel_restring("\rx"), "x");
	CHECK_STR(sel_restring("this-is-a-dns.domain.com/key-with-dash"),
	    "this-is-a-dns.domain.com/key-with-dash");
	CHECK_STR(sel_restring("0.1.2.domain/99 notin (10.10.100.1, "
	    "tick.tack.clock)"),
	    "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)");
	CHECK_STR(sel_restring("foo  in\t (abc)"), "foo in (abc)");
	CHECK_STR(sel_restring("x notin\n (abc)"), "x notin (abc)");
	CHECK_STR(sel_restring("x in (abc,)"), "x in (,abc)");
	CHECK_STR(sel_restring("x in (abc,abc)"), "x in (abc)");
	CHECK_STR(sel_restring("x in ()"), "x in ()");
	CHECK_STR(sel_restring("x in (a,,)"), "x in (,a)");
	CHECK_STR(sel_restring("x in (a,,a,,a,,a,,)"), "x in (,a)");
	CHECK_STR(sel_restring("x notin (abc,,def),bar,z in (),w"),
	    "bar,w,x notin (,abc,def),z in ()");
	CHECK_STR(sel_restring("x,y in (a)"), "x,y in (a)");
	CHECK_STR(sel_restring("x notin ( )"), "x notin ()");
	CHECK_STR(sel_restring("x notin (, a)"), "x notin (,a)");
	CHECK_STR(sel_restring("a "), "a");
	CHECK_STR(sel_restring("a in (x,y,notin, z,in)"),
	    "a in (in,notin,x,y,z)");
	CHECK_STR(sel_restring("x=a,y!=b,z in (h,i,j)"),
	    "x=a,y!=b,z in (h,i,j)");
	/* sorted by key, stable; == kept */
	CHECK_STR(sel_restring("z=1,a==2,m,!b"), "a==2,!b,m,z=1");
	CHECK_STR(sel_restring("tier in (b,a),app=web"),
	    "app=web,tier in (a,b)");
	CHECK_STR(sel_restring("in=notin"), "in=notin");
	CHECK_STR(sel_restring("app=web,app!=db"), "app=web,app!=db");
}

static void
test_selector_errors(void)
{
	CHECK_STR(sel_error("x=a||y=b"), "unable to parse requirement: "
	    "values[0][x]: Invalid value: \"a||y\": " VALUE_MSG);
	CHECK_STR(sel_error("x==a==b"),
	    "found '==', expected: ',' or 'end of string'");
	CHECK_STR(sel_error("!x=a"),
	    "found '=', expected: ',' or 'end of string'");
	CHECK_STR(sel_error("x<a"), "unable to parse requirement: values[0]: "
	    "Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must "
	    "be an integer");
	CHECK_STR(sel_error("x>"), "unable to parse requirement: values[0]: "
	    "Invalid value: \"\": for 'Gt', 'Lt' operators, the value must "
	    "be an integer");
	CHECK_STR(sel_error("x,,y"),
	    "found ',', expected: identifier after ','");
	CHECK_STR(sel_error(",x,y"),
	    "found ',', expected: !, identifier, or 'end of string'");
	CHECK_STR(sel_error("x nott in (y)"), "unable to parse requirement: "
	    "found 'nott', expected: in, notin, =, ==, !=, gt, lt");
	CHECK_STR(sel_error("a in (xyz),"),
	    "found '', expected: identifier after ','");
	CHECK_STR(sel_error("a in (xyz)b notin ()"),
	    "found 'b', expected: ',' or 'end of string'");
	CHECK_STR(sel_error("a in (xyz abc)"), "unable to parse requirement: "
	    "found 'abc', expected: ',' or ')'");
	CHECK_STR(sel_error("a notin("), "unable to parse requirement: "
	    "found '', expected: ',', ')' or identifier");
	CHECK_STR(sel_error("a in b"), "unable to parse requirement: "
	    "found 'b' expected: '('");
	CHECK_STR(sel_error("a in (b=)"), "unable to parse requirement: "
	    "found '=', expected: ',' or ')'");
	CHECK_STR(sel_error("a in (=)"), "unable to parse requirement: "
	    "found '=', expected: ',', ')' or identifier");
	CHECK_STR(sel_error("a in (,=)"), "unable to parse requirement: "
	    "found '=', expected: ',', or identifier");
	CHECK_STR(sel_error("a=(b)"), "unable to parse requirement: "
	    "found '(', expected: identifier");
	CHECK_STR(sel_error("a ("), "unable to parse requirement: "
	    "found '(', expected: in, notin, =, ==, !=, gt, lt");
	CHECK_STR(sel_error("("),
	    "found '(', expected: !, identifier, or 'end of string'");
	CHECK_STR(sel_error("!"), "unable to parse requirement: "
	    "found '', expected: identifier");
	CHECK_STR(sel_error("-a"), "unable to parse requirement: <nil>: "
	    "Invalid value: \"-a\": " KEY_MSG);
	CHECK_STR(sel_error("a/b/c=d"), "unable to parse requirement: <nil>: "
	    "Invalid value: \"a/b/c\": a valid label key must consist of "
	    "alphanumeric characters, '-', '_' or '.', and must start and end "
	    "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  "
	    "or '123-abc', regex used for validation is "
	    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS "
	    "subdomain prefix and '/' (e.g. 'example.com/MyName')");
	CHECK_STR(sel_error("x in (-a,-b)"), "unable to parse requirement: "
	    "[values[0][x]: Invalid value: \"-a\": " VALUE_MSG ", "
	    "values[1][x]: Invalid value: \"-b\": " VALUE_MSG "]");
	CHECK_STR(sel_error("x>-1"), "unable to parse requirement: "
	    "values[0][x]: Invalid value: \"-1\": " VALUE_MSG);
	CHECK_STR(sel_error("x=\"a\tb"), "unable to parse requirement: "
	    "values[0][x]: Invalid value: \"\\\"a\": " VALUE_MSG);
	CHECK_STR(sel_error("x=a\"b"), "unable to parse requirement: "
	    "values[0][x]: Invalid value: \"a\\\"b\": " VALUE_MSG);
}

static int
sel_match(const char *s, const char *labels)
{
	struct selector *sel;
	struct err err;
	json_t *l = labels ? json_loads(labels, 0, NULL) : NULL;
	int m;

	if (selector_parse(s, &sel, &err) < 0) {
		printf("#   %s: %s\n", s, err.msg);
		json_decref(l);
		return -1;
	}
	m = selector_matches(sel, l);
	selector_free(sel);
	json_decref(l);
	return m;
}

static void
test_selector_matches(void)
{
	CHECK_INT(sel_match("", "{\"x\":\"y\"}"), 1);
	CHECK_INT(sel_match("", NULL), 1);
	CHECK_INT(sel_match("x=y", "{\"x\":\"y\"}"), 1);
	CHECK_INT(sel_match("x=y,z=w", "{\"x\":\"y\",\"z\":\"w\"}"), 1);
	CHECK_INT(sel_match("x!=y,z!=w", "{\"x\":\"z\",\"z\":\"a\"}"), 1);
	CHECK_INT(sel_match("notin=in", "{\"notin\":\"in\"}"), 1);
	CHECK_INT(sel_match("x", "{\"x\":\"z\"}"), 1);
	CHECK_INT(sel_match("!x", "{\"y\":\"z\"}"), 1);
	CHECK_INT(sel_match("x>1", "{\"x\":\"2\"}"), 1);
	CHECK_INT(sel_match("x<1", "{\"x\":\"0\"}"), 1);
	CHECK_INT(sel_match("x=z", "{}"), 0);
	CHECK_INT(sel_match("x=z", NULL), 0);
	CHECK_INT(sel_match("x=y", "{\"x\":\"z\"}"), 0);
	CHECK_INT(sel_match("x=y,z=w", "{\"x\":\"w\",\"z\":\"w\"}"), 0);
	CHECK_INT(sel_match("x!=y,z!=w", "{\"x\":\"z\",\"z\":\"w\"}"), 0);
	CHECK_INT(sel_match("x", "{\"y\":\"z\"}"), 0);
	CHECK_INT(sel_match("!x", "{\"x\":\"z\"}"), 0);
	CHECK_INT(sel_match("x>1", "{\"x\":\"0\"}"), 0);
	CHECK_INT(sel_match("x<1", "{\"x\":\"2\"}"), 0);
	CHECK_INT(sel_match("z>1", "{\"z\":\"v2\"}"), 0);
	CHECK_INT(sel_match("x notin (),y", "{\"y\":\"\"}"), 1);
	CHECK_INT(sel_match("x notin (),!y", "{\"y\":\"\"}"), 0);
	CHECK_INT(sel_match("x in ()", "{\"y\":\"baz\"}"), 0);
	CHECK_INT(sel_match("x in ()", "{\"x\":\"\"}"), 1);
	CHECK_INT(sel_match("x in (foo),y notin (alpha)",
	    "{\"x\":\"foo\",\"y\":\"baz\"}"), 1);
	CHECK_INT(sel_match("x in (foo),y in (alpha)",
	    "{\"x\":\"foo\",\"y\":\"baz\"}"), 0);
	CHECK_INT(sel_match("foo=bar,foobar=bar,baz=blah",
	    "{\"foo\":\"bar\",\"baz\":\"blah\"}"), 0);
	CHECK_INT(sel_match("x=", "{\"x\":\"\"}"), 1);
	CHECK_INT(sel_match("x=", "{}"), 0);
	CHECK_INT(sel_match("x!=", "{}"), 1);
}

static struct selector *
sel_json(const char *js, struct err *err)
{
	struct selector *sel = NULL;
	json_t *j = json_loads(js, 0, NULL);

	err_clear(err);
	if (selector_from_json(j, &sel, err) < 0)
		sel = NULL;
	json_decref(j);
	return sel;
}

static void
test_selector_json(void)
{
	struct selector *sel;
	struct buf b = BUF_INIT(0);
	struct err err;
	json_t *l;

	sel = sel_json("{\"matchLabels\":{\"tier\":\"x\",\"app\":\"web\"},"
	    "\"matchExpressions\":[{\"key\":\"env\",\"operator\":\"In\","
	    "\"values\":[\"prod\",\"dev\"]},{\"key\":\"gone\",\"operator\":"
	    "\"DoesNotExist\"},{\"key\":\"app\",\"operator\":\"Exists\"},"
	    "{\"key\":\"z\",\"operator\":\"NotIn\",\"values\":[\"b\",\"a\","
	    "\"b\"]}]}", &err);
	CHECK(sel != NULL);
	selector_string(sel, &b);
	CHECK_STR(buf_str(&b), "app=web,app,env in (dev,prod),!gone,tier=x,"
	    "z notin (a,b,b)");
	CHECK_INT(selector_empty(sel), 0);
	l = json_loads("{\"app\":\"web\",\"tier\":\"x\",\"env\":\"dev\"}", 0,
	    NULL);
	CHECK_INT(selector_matches(sel, l), 1);
	json_object_set_new(l, "gone", json_string(""));
	CHECK_INT(selector_matches(sel, l), 0);
	json_decref(l);
	selector_free(sel);
	buf_release(&b);

	sel = sel_json("{}", &err);
	CHECK(sel != NULL && selector_empty(sel));
	CHECK_INT(selector_matches(sel, NULL), 1);
	selector_free(sel);
	CHECK_INT(selector_from_json(NULL, &sel, NULL), 0);
	CHECK(selector_empty(sel));
	selector_free(sel);

	CHECK(sel_json("{\"matchExpressions\":[{\"key\":\"x\",\"operator\":"
	    "\"Foo\"}]}", &err) == NULL);
	CHECK_STR(err.msg, "\"Foo\" is not a valid label selector operator");
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	CHECK(sel_json("{\"matchExpressions\":[{\"key\":\"x\",\"operator\":"
	    "\"in\",\"values\":[\"a\"]}]}", &err) == NULL);
	CHECK_STR(err.msg, "\"in\" is not a valid label selector operator");
	CHECK(sel_json("{\"matchExpressions\":[{\"key\":\"x\",\"operator\":"
	    "\"In\"}]}", &err) == NULL);
	CHECK_STR(err.msg, "values: Invalid value: null: for 'in', 'notin' "
	    "operators, values set can't be empty");
	CHECK(sel_json("{\"matchExpressions\":[{\"key\":\"x\",\"operator\":"
	    "\"Exists\",\"values\":[\"a\",\"b\"]}]}", &err) == NULL);
	CHECK_STR(err.msg, "values: Invalid value: [\"a\",\"b\"]: values set "
	    "must be empty for exists and does not exist");
	CHECK(sel_json("{\"matchLabels\":{\"-a\":\"b\"}}", &err) == NULL);
	CHECK_STR(err.msg, "key: Invalid value: \"-a\": " KEY_MSG);
	CHECK(sel_json("{\"matchLabels\":{\"a\":\"-b\"}}", &err) == NULL);
	CHECK_STR(err.msg, "values[0][a]: Invalid value: \"-b\": " VALUE_MSG);
	CHECK(sel_json("{\"matchExpressions\":[{\"key\":\"-x\",\"operator\":"
	    "\"In\"}]}", &err) == NULL);
	CHECK_STR(err.msg, "[key: Invalid value: \"-x\": " KEY_MSG ", values: "
	    "Invalid value: null: for 'in', 'notin' operators, values set "
	    "can't be empty]");
}

static void
test_selector_map(void)
{
	struct selector *sel;
	struct buf b = BUF_INIT(0);
	struct err err;
	json_t *m = json_loads("{\"b\":\"2\",\"a\":\"1\"}", 0, NULL);
	json_t *l = json_loads("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}", 0, NULL);

	CHECK_INT(selector_from_map(m, &sel, &err), 0);
	selector_string(sel, &b);
	CHECK_STR(buf_str(&b), "a=1,b=2");
	CHECK_INT(selector_matches(sel, l), 1);
	json_object_set_new(l, "b", json_string("3"));
	CHECK_INT(selector_matches(sel, l), 0);
	selector_free(sel);
	json_object_set_new(m, "c", json_integer(1));
	CHECK_INT(selector_from_map(m, &sel, &err), -1);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	CHECK_INT(selector_from_map(NULL, &sel, &err), 0);
	CHECK(selector_empty(sel));
	selector_free(sel);
	json_decref(m);
	json_decref(l);
	buf_release(&b);
}

static const char *
fs_restring(const char *s)
{
	static char out[512];
	struct fieldsel *f;
	struct buf b = BUF_INIT(0);
	struct err err;

	err_clear(&err);
	if (fieldsel_parse(s, &f, &err) < 0) {
		snprintf(out, sizeof out, "error: %s", err.msg);
		return out;
	}
	fieldsel_string(f, &b);
	snprintf(out, sizeof out, "%s", buf_str(&b));
	buf_release(&b);
	fieldsel_free(f);
	return out;
}

static void
test_fieldsel_parse(void)
{
	struct fieldsel *f;
	struct err err;

	CHECK_STR(fs_restring("x=a,y=b,z=c"), "x=a,y=b,z=c");
	CHECK_STR(fs_restring(""), "");
	CHECK_STR(fs_restring("x!=a,y=b"), "x!=a,y=b");
	CHECK_STR(fs_restring("x=a||y\\=b"), "x=a||y\\=b");
	CHECK_STR(fs_restring("x=a\\=\\=b"), "x=a\\=\\=b");
	CHECK_STR(fs_restring("b=1,a==2"), "a=2,b=1");
	/* terms are sorted as strings: '2' < '=' */
	CHECK_STR(fs_restring("k=\\,,k2=v2"), "k2=v2,k=\\,");
	CHECK_STR(fs_restring("k=\\\\,k2=v2"), "k2=v2,k=\\\\");
	CHECK_STR(fs_restring("a=a,"), "a=a");
	CHECK_STR(fs_restring(",a=a"), "a=a");
	CHECK_STR(fs_restring("="), "");
	CHECK_STR(fs_restring("spec.nodeName="), "spec.nodeName=");
	CHECK_STR(fs_restring("\xed\x95\xa8=\xec\x88\x98"),
	    "\xed\x95\xa8=\xec\x88\x98");
	CHECK_STR(fs_restring("x=a||y=b"), "error: invalid field selector: "
	    "unescaped character in value: 61");
	CHECK_STR(fs_restring("x==a==b"), "error: invalid field selector: "
	    "unescaped character in value: 61");
	CHECK_STR(fs_restring("x=a,b"),
	    "error: invalid selector: 'x=a,b'; can't understand 'b'");
	CHECK_STR(fs_restring("x in (a)"),
	    "error: invalid selector: 'x in (a)'; can't understand 'x in (a)'");
	CHECK_STR(fs_restring("x"),
	    "error: invalid selector: 'x'; can't understand 'x'");
	CHECK_STR(fs_restring("k=\\"), "error: invalid field selector: "
	    "invalid escape sequence: \\");
	CHECK_STR(fs_restring("k=\\\\\\"), "error: invalid field selector: "
	    "invalid escape sequence: \\");
	CHECK_STR(fs_restring("k=\\a"), "error: invalid field selector: "
	    "invalid escape sequence: \\a");
	CHECK_STR(fs_restring("k=\\\xed\x95\xa8"), "error: invalid field "
	    "selector: invalid escape sequence: \\\xed\x95\xa8");

	CHECK_INT(fieldsel_parse("status.phase=Running,metadata.name!=a", &f,
	    &err), 0);
	CHECK_STR(fieldsel_field(f, 0), "metadata.name");
	CHECK_STR(fieldsel_field(f, 1), "status.phase");
	CHECK(fieldsel_field(f, 2) == NULL);
	fieldsel_free(f);
}

static int
fs_match(const char *s, const char *obj)
{
	struct fieldsel *f;
	struct err err;
	json_t *o = json_loads(obj, 0, NULL);
	int m;

	if (fieldsel_parse(s, &f, &err) < 0) {
		json_decref(o);
		return -1;
	}
	m = fieldsel_matches(f, o);
	fieldsel_free(f);
	json_decref(o);
	return m;
}

static void
test_fieldsel_matches(void)
{
	const char *pod = "{\"metadata\":{\"name\":\"web\",\"namespace\":"
	    "\"default\"},\"spec\":{\"nodeName\":\"n1\",\"replicas\":3,"
	    "\"unschedulable\":true},\"status\":{\"phase\":\"Running\"}}";

	CHECK_INT(fs_match("", pod), 1);
	CHECK_INT(fs_match("metadata.name=web", pod), 1);
	CHECK_INT(fs_match("metadata.name==web", pod), 1);
	CHECK_INT(fs_match("metadata.name!=web", pod), 0);
	CHECK_INT(fs_match("metadata.name=web,status.phase=Running", pod), 1);
	CHECK_INT(fs_match("metadata.name=web,status.phase!=Running", pod), 0);
	CHECK_INT(fs_match("spec.replicas=3", pod), 1);
	CHECK_INT(fs_match("spec.unschedulable=true", pod), 1);
	CHECK_INT(fs_match("spec.missing=", pod), 1);
	CHECK_INT(fs_match("spec.missing!=", pod), 0);
	CHECK_INT(fs_match("spec.nodeName=", pod), 0);
	CHECK_INT(fs_match("spec.nodeName!=", pod), 1);
	CHECK_INT(fs_match("no.such.deep.path=x", pod), 0);
}

int
main(void)
{
	RUN(test_selector_restring);
	RUN(test_selector_errors);
	RUN(test_selector_matches);
	RUN(test_selector_json);
	RUN(test_selector_map);
	RUN(test_fieldsel_parse);
	RUN(test_fieldsel_matches);
	return TEST_EXIT();
}
