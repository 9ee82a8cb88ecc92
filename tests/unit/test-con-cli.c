/* test-con-cli.c - unit tests for the console's pure parts: the command
 * line as kubectl reads it (opts.c), columns aligned as Go's tabwriter
 * aligns kubectl's tables, sorted JSON and YAML (print.c), and resource
 * names resolved against a discovery list (discovery.c). */
#include <stdlib.h>
#include <string.h>

#include "../../console/console.h"
#include "test.h"

static const struct opt_def t_opts[] = {
	{ "output", 'o', 1, "" },
	{ "selector", 'l', 1, "" },
	{ "stdin", 'i', 0, "" },
	{ "tty", 't', 0, "" },
	{ "wait", 0, 0, "" },
	{ "filename", 'f', 1, "" },
	{ NULL, 0, 0, NULL }
};

static int
t_parse(struct opts *o, char ***args, int *n, struct err *err, int argc,
    char **argv)
{
	const struct opt_def *tables[] = { t_opts, cli_global_opts, NULL };

	memset(o, 0, sizeof *o);
	err_clear(err);
	return opts_parse(tables, argc, argv, o, args, n, err);
}

static void
test_opts_forms(void)
{
	char *argv[] = { "pods", "-oyaml", "web", "--selector=app=web", "-n",
	    "kube-system", "-it", "--wait=false", "-f", "a.yaml", "-fb.yaml",
	    "--", "-x", "y" };
	struct opts o;
	struct err err;
	char **args = NULL;
	int n = 0;

	CHECK_INT(t_parse(&o, &args, &n, &err, 14, argv), 0);
	CHECK_STR(opt_str(&o, "output"), "yaml");
	CHECK_STR(opt_str(&o, "selector"), "app=web");
	CHECK_STR(opt_str(&o, "namespace"), "kube-system");
	CHECK_INT(opt_bool(&o, "stdin"), 1);
	CHECK_INT(opt_bool(&o, "tty"), 1);
	CHECK_INT(opt_bool(&o, "wait"), 0);
	CHECK(opt_str(&o, "wait") != NULL);
	CHECK_STR(opt_nth(&o, "filename", 0), "a.yaml");
	CHECK_STR(opt_nth(&o, "filename", 1), "b.yaml");
	CHECK(opt_nth(&o, "filename", 2) == NULL);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_STR(args[0], "pods");
		CHECK_STR(args[1], "web");
		CHECK_STR(args[2], "-x");	/* after "--": the verb's */
		CHECK_STR(args[3], "y");
	}
	free(args);
}

static void
test_opts_errors(void)
{
	char *unknown[] = { "--frobnicate" }, *missing[] = { "pods", "-o" },
	    *shorthand[] = { "-z" }, *dash[] = { "-", "--output", "json" };
	struct opts o;
	struct err err;
	char **args = NULL;
	int n = 0;

	CHECK_INT(t_parse(&o, &args, &n, &err, 1, unknown), -1);
	CHECK_STR(err.msg, "unknown flag: --frobnicate");
	CHECK_INT(t_parse(&o, &args, &n, &err, 2, missing), -1);
	CHECK_STR(err.msg, "flag needs an argument: 'o' in -o");
	CHECK_INT(t_parse(&o, &args, &n, &err, 1, shorthand), -1);
	CHECK_STR(err.msg, "unknown shorthand flag: 'z' in -z");
	CHECK_INT(t_parse(&o, &args, &n, &err, 3, dash), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(args[0], "-");	/* standard input */
	CHECK_STR(opt_str(&o, "output"), "json");
	free(args);
}

/* What print fn writes for v, in a buffer. */
static char *
t_capture(void (*fn)(FILE *, const json_t *), const json_t *v)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	fn(f, v);
	fclose(f);
	return s;
}

static void
test_columns(void)
{
	json_t *rows = json_pack("[[s,s,s],[s,s,s],[s,s,s]]",
	    "NAME", "READY", "AGE", "a", "1/1", "5s",
	    "much-longer-name", "0/1", "12d");
	char *s = t_capture((void (*)(FILE *, const json_t *))print_columns,
	    rows);

	/* width: the longest cell + 3, at least 6; the last column as is */
	CHECK_STR(s, "NAME               READY   AGE\n"
	    "a                  1/1     5s\n"
	    "much-longer-name   0/1     12d\n");
	free(s);
	json_decref(rows);
	/* characters, not bytes */
	rows = json_pack("[[s,s],[s,s]]", "NAME", "X", "h\xc3\xa9llo", "y");
	s = t_capture((void (*)(FILE *, const json_t *))print_columns, rows);
	CHECK_STR(s, "NAME    X\nh\xc3\xa9llo   y\n");
	free(s);
	json_decref(rows);
}

static void
test_sorted_output(void)
{
	json_t *v = json_pack("{s:s, s:{s:i, s:[s]}, s:s}", "kind", "Pod",
	    "metadata", "name", 1, "labels", "x", "apiVersion", "v1");
	char *s = t_capture(print_json, v);

	CHECK_STR(s, "{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Pod\",\n"
	    "    \"metadata\": {\n        \"labels\": [\n            \"x\"\n"
	    "        ],\n        \"name\": 1\n    }\n}\n");
	free(s);
	s = t_capture(print_yaml, v);
	CHECK_STR(s, "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n  - x\n"
	    "  name: 1\n");
	free(s);
	json_decref(v);
	v = json_pack("{s:{s:s, s:[]}, s:[{s:{s:s, s:[]}}]}", "metadata",
	    "name", "a", "managedFields", "items", "metadata", "name", "b",
	    "managedFields");
	print_strip_managed(v);
	s = json_dumps(v, JSON_SORT_KEYS | JSON_COMPACT);
	CHECK_STR(s, "{\"items\":[{\"metadata\":{\"name\":\"b\"}}],"
	    "\"metadata\":{\"name\":\"a\"}}");
	free(s);
	json_decref(v);
}

static void
test_discovery_names(void)
{
#define RES(g, v, pl, si, k, sh, nsd) { .group = g, .version = v,	\
	.name = pl, .singular = si, .kind = k, .shortnames = { sh },	\
	.namespaced = nsd, .preferred = 1 }
	struct api_res res[] = {
		RES("", "v1", "pods", "pod", "Pod", "po", 1),
		RES("", "v1", "namespaces", "namespace", "Namespace", "ns", 0),
		RES("apps", "v1", "deployments", "deployment", "Deployment",
		    "deploy", 1),
		RES("events.k8s.io", "v1", "events", "event", "Event", "ev", 1),
		RES("", "v1", "events", "event", "Event", "ev", 1),
	};
	struct cli c = { 0 };
	struct err err;
	struct buf b = BUF_INIT(1024);
	const struct api_res *r;

	c.res = malloc(sizeof res);
	memcpy(c.res, res, sizeof res);
	c.nres = sizeof res / sizeof res[0];
	err_clear(&err);
	CHECK((r = disco_find(&c, "po", &err)) != NULL && r == &c.res[0]);
	CHECK(disco_find(&c, "Pod", &err) == &c.res[0]);
	CHECK(disco_find(&c, "PODS", &err) == &c.res[0]);
	CHECK(disco_find(&c, "deploy", &err) == &c.res[2]);
	CHECK(disco_find(&c, "deployments.apps", &err) == &c.res[2]);
	CHECK(disco_find(&c, "deployments.v1.apps", &err) == &c.res[2]);
	CHECK(disco_find(&c, "deployments.v2.apps", &err) == NULL);
	/* the first listed wins a bare name; a group picks another */
	CHECK(disco_find(&c, "ev", &err) == &c.res[3]);
	CHECK(disco_find(&c, "events.events.k8s.io", &err) == &c.res[3]);
	CHECK(disco_find(&c, "nope", &err) == NULL);
	CHECK_STR(err.msg, "the server doesn't have a resource type \"nope\"");
	CHECK_INT(err.reason, ERR_NONE);
	CHECK(disco_kind(&c, "apps/v1", "Deployment", &err) == &c.res[2]);
	CHECK(disco_kind(&c, "v1", "Event", &err) == &c.res[4]);
	CHECK(disco_kind(&c, "v1", "Deployment", &err) == NULL);
	CHECK_STR(err.msg, "no matches for kind \"Deployment\" in version "
	    "\"v1\"");
	res_path(&c.res[2], "ns1", "web", &b);
	CHECK_STR(buf_str(&b), "/apis/apps/v1/namespaces/ns1/deployments/web");
	buf_reset(&b);
	res_path(&c.res[0], NULL, NULL, &b);
	CHECK_STR(buf_str(&b), "/api/v1/pods");
	buf_reset(&b);
	res_path(&c.res[1], "ignored", "default", &b);
	CHECK_STR(buf_str(&b), "/api/v1/namespaces/default");
	buf_reset(&b);
	res_kind_name(&c.res[2], &b);
	CHECK_STR(buf_str(&b), "deployment.apps");
	buf_release(&b);
	free(c.res);
}

static void
test_tabbed(void)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	/* blocks of tab-ended cells aligned apart, padding 2, the lines
	 * without a tab ending a block (Go's tabwriter) */
	print_tabbed(f, "Name:\tweb\nLabels:\ta=1\n\tb=2\n\nData\n====\n"
	    "Events:\t<none>\n  Type\tReason\n  ----\t------\n", 2);
	fclose(f);
	CHECK_STR(s, "Name:    web\nLabels:  a=1\n         b=2\n\nData\n"
	    "====\nEvents:  <none>\n  Type   Reason\n  ----   ------\n");
	free(s);
}

static void
test_durations(void)
{
	CHECK_INT(cli_duration("30s"), 30);
	CHECK_INT(cli_duration("5m"), 300);
	CHECK_INT(cli_duration("1h30m"), 5400);
	CHECK_INT(cli_duration("45"), 45);
	CHECK_INT(cli_duration("0"), 0);
	CHECK_INT(cli_duration(""), -1);
	CHECK_INT(cli_duration("5x"), -1);
	CHECK_INT(cli_duration("1h5"), -1);
	CHECK_INT(cli_duration("-3s"), -1);
}

int
main(void)
{
	RUN(test_opts_forms);
	RUN(test_opts_errors);
	RUN(test_columns);
	RUN(test_sorted_output);
	RUN(test_discovery_names);
	RUN(test_durations);
	RUN(test_tabbed);
	return TEST_EXIT();
}
