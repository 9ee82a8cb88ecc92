/* test-jsonpath.c - unit tests for lib/jsonpath.c: kubectl's JSONPath
 * templates (fields, indexes, slices, wildcards, recursion, filters,
 * ranges, strings, $), what they print, and syntax errors. */
#include <stdlib.h>

#include "../../lib/jsonpath.h"
#include "test.h"

static const char *doc_text =
    "{\"kind\":\"List\",\"items\":["
    "{\"metadata\":{\"name\":\"a\",\"labels\":{\"app\":\"web\","
    "\"k8s.io/x\":\"1\"}},\"spec\":{\"replicas\":2,\"ratio\":0.5},"
    "\"status\":{\"ready\":true}},"
    "{\"metadata\":{\"name\":\"b\",\"labels\":{\"app\":\"db\"}},"
    "\"spec\":{\"replicas\":5},\"status\":{\"ready\":false}},"
    "{\"metadata\":{\"name\":\"c\"},\"spec\":{\"replicas\":1,"
    "\"cmd\":\"a<b&c\"}}]}";

/* What tmpl prints for the document, or "ERR: message". */
static char out_text[8192];
static const char *
run(const char *tmpl)
{
	json_t *doc = json_loads(doc_text, 0, NULL);
	struct buf b = BUF_INIT(1 << 20);
	struct err err;
	struct jsonpath *p;

	err_clear(&err);
	if ((p = jsonpath_parse(tmpl, &err)) == NULL)
		snprintf(out_text, sizeof out_text, "ERR: %s", err.msg);
	else if (jsonpath_exec(p, doc, &b, &err) < 0)
		snprintf(out_text, sizeof out_text, "ERR: %s", err.msg);
	else
		snprintf(out_text, sizeof out_text, "%s", buf_str(&b));
	jsonpath_free(p);
	buf_release(&b);
	json_decref(doc);
	return out_text;
}

static void
test_paths(void)
{
	CHECK_STR(run("{.kind}"), "List");
	CHECK_STR(run("{.items[*].metadata.name}"), "a b c");
	CHECK_STR(run("{.items[0].metadata.name}"), "a");
	CHECK_STR(run("{.items[-1].metadata.name}"), "c");
	CHECK_STR(run("{.items[0,2].metadata.name}"), "a c");
	CHECK_STR(run("{.items[1:].metadata.name}"), "b c");
	CHECK_STR(run("{.items[0:3:2].metadata.name}"), "a c");
	CHECK_STR(run("{.items[9].metadata.name}"), "");
	CHECK_STR(run("{.nope.deeper}"), "");
	CHECK_STR(run("{..app}"), "web db");
	CHECK_STR(run("{.items[0].metadata.labels.k8s\\.io/x}"), "1");
	CHECK_STR(run("{.items[0].metadata.labels['k8s.io/x']}"), "1");
	CHECK_STR(run("{.items[0].metadata.labels.*}"), "web 1");
	CHECK_STR(run("{$.items[1]['metadata']['name']}"), "b");
}

static void
test_values(void)
{
	CHECK_STR(run("{.items[0].spec.replicas} {.items[0].spec.ratio}"),
	    "2 0.5");
	CHECK_STR(run("{.items[*].status.ready}"), "true false");
	CHECK_STR(run("{.items[0].metadata.labels}"),
	    "{\"app\":\"web\",\"k8s.io/x\":\"1\"}");
	/* as Go's encoding/json */
	CHECK_STR(run("{.items[2].spec}"),
	    "{\"cmd\":\"a\\u003cb\\u0026c\",\"replicas\":1}");
	CHECK_STR(run("{\"a\\tb\\n\"}"), "a\tb\n");
	CHECK_STR(run("text {.kind} more"), "text List more");
}

static void
test_filters_ranges(void)
{
	CHECK_STR(run("{.items[?(@.metadata.name==\"b\")].spec.replicas}"),
	    "5");
	CHECK_STR(run("{.items[?(@.spec.replicas>1)].metadata.name}"), "a b");
	CHECK_STR(run("{.items[?(@.spec.replicas<=1)].metadata.name}"), "c");
	CHECK_STR(run("{.items[?(@.status.ready==true)].metadata.name}"), "a");
	CHECK_STR(run("{.items[?(@.metadata.labels)].metadata.name}"), "a b");
	CHECK_STR(run("{.items[?(@.metadata.name!='a')].metadata.name}"),
	    "b c");
	CHECK_STR(run("{range .items[*]}{.metadata.name}={.spec.replicas};"
	    "{end}"), "a=2;b=5;c=1;");
	CHECK_STR(run("{range.items[*]}[{$.kind}]{end}"), "[List][List][List]");
	CHECK_STR(run("{range .items[*]}{range .metadata.labels.*}{@} {end}|"
	    "{end}"), "web 1 |db ||");
}

static void
test_errors(void)
{
	CHECK_STR(run("{.items["), "ERR: error parsing jsonpath: unclosed "
	    "action");
	CHECK_STR(run("{range .items[*]}x"), "ERR: error parsing jsonpath: "
	    "range without end");
	CHECK_STR(run("{end}"), "ERR: error parsing jsonpath: not in range, "
	    "nothing to end");
	CHECK(strncmp(run("{.a[?(@.b==)]}"), "ERR: ", 5) == 0);
	CHECK(strncmp(run("{.a b}"), "ERR: ", 5) == 0);
	CHECK(strncmp(run("{.a[1:2:3:4]}"), "ERR: ", 5) == 0);
}

static void
test_go_format(void)
{
	json_t *v = json_loads("{\"b\":[1,\"x\"],\"a\":{\"c\":true}}", 0,
	    NULL);
	struct buf b = BUF_INIT(1024);

	CHECK_INT(jsonpath_format_go(v, &b), 0);
	CHECK_STR(buf_str(&b), "map[a:map[c:true] b:[1 x]]");
	buf_release(&b);
	json_decref(v);
}

int
main(void)
{
	RUN(test_paths);
	RUN(test_values);
	RUN(test_filters_ranges);
	RUN(test_errors);
	RUN(test_go_format);
	return TEST_EXIT();
}
