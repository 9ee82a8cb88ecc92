/* top.c - kubec top pod|node: CPU and memory usage from the Metrics API
 * (metrics.k8s.io/v1beta1), as kubectl top prints it: "error: Metrics API
 * not available" when discovery does not list the group (kubec-server
 * serves none), else the pods (-A, -l, --field-selector, NAME,
 * --containers, --sum) or the nodes with their share of allocatable (or
 * capacity) in kubectl's tables, --sort-by cpu|memory, --no-headers. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/quantity.h"
#include "../../lib/rfc3339.h"
#include "../console.h"

#define TOP_GROUP	"metrics.k8s.io"
#define TOP_VERSION	"v1beta1"
#define TOP_CAP		((size_t)64 << 20)

static const struct opt_def top_opts[] = {
	{ "selector", 'l', 1, "The objects whose labels match" },
	{ "field-selector", 0, 1, "pod: the pods whose fields match" },
	{ "sort-by", 0, 1, "cpu or memory: the largest first" },
	{ "containers", 0, 0, "pod: a line per container" },
	{ "all-namespaces", 'A', 0, "pod: in every namespace" },
	{ "no-headers", 0, 0, "Without the header line" },
	{ "sum", 0, 0, "pod: the sum of the usages below" },
	{ "show-capacity", 0, 0, "node: percentages of capacity, not of "
	    "allocatable" },
	{ "use-protocol-buffers", 0, 0, "Accepted; JSON is used" },
	{ NULL, 0, 0, NULL }
};

/* A quantity of a ResourceList; 0 when missing or malformed. */
static void
top_q(const json_t *list, const char *res, struct quantity *q)
{
	const char *s = json_string_value(json_object_get(list, res));
	struct err err;

	memset(q, 0, sizeof *q);
	if (s != NULL && quantity_parse(s, q, &err) < 0)
		memset(q, 0, sizeof *q);
}

/* The sum of a pod's containers' usage of res. */
static void
top_pod_q(const json_t *pm, const char *res, struct quantity *q)
{
	const json_t *ctr;
	size_t i;

	memset(q, 0, sizeof *q);
	json_array_foreach(json_object_get(pm, "containers"), i, ctr) {
		struct quantity u;

		top_q(json_object_get(ctr, "usage"), res, &u);
		quantity_add(q, &u);
	}
}

/* The sort key of one item: -1 when a should come before b. */
static int
top_before(const json_t *a, const json_t *b, const char *sort_by,
    int pod, int with_ns)
{
	struct quantity qa, qb;
	const char *res;

	if (sort_by == NULL) {
		if (with_ns) {
			int c = strcmp(json_string_value(json_object_get(
			    json_object_get(a, "metadata"), "namespace")) ?: "",
			    json_string_value(json_object_get(json_object_get(b,
			    "metadata"), "namespace")) ?: "");

			if (c != 0)
				return c < 0;
		}
		return strcmp(json_string_value(json_object_get(
		    json_object_get(a, "metadata"), "name")) ?:
		    json_string_value(json_object_get(a, "name")) ?: "",
		    json_string_value(json_object_get(json_object_get(b,
		    "metadata"), "name")) ?: json_string_value(
		    json_object_get(b, "name")) ?: "") < 0;
	}
	res = strcmp(sort_by, "cpu") == 0 ? "cpu" : "memory";
	if (pod) {
		top_pod_q(a, res, &qa);
		top_pod_q(b, res, &qb);
	} else {
		top_q(json_object_get(a, "usage"), res, &qa);
		top_q(json_object_get(b, "usage"), res, &qb);
	}
	if (strcmp(res, "cpu") == 0)
		return quantity_milli(&qa) > quantity_milli(&qb);
	return quantity_value(&qa) > quantity_value(&qb);
}

/* Sorts an array in place, stable (Go's sort.Sort is an insertion sort
 * for the short lists top prints). */
static void
top_sort(json_t *arr, const char *sort_by, int pod, int with_ns)
{
	size_t n = json_array_size(arr);

	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && top_before(json_array_get(arr, j),
		    json_array_get(arr, j - 1), sort_by, pod, with_ns); j--) {
			json_t *x = json_incref(json_array_get(arr, j));

			json_array_set(arr, j, json_array_get(arr, j - 1));
			json_array_set_new(arr, j - 1, x);
		}
}

/* "250m\t12Mi\t", with "N%\t" after each when avail has the resource. */
static void
top_usage(struct buf *b, const struct quantity *cpu,
    const struct quantity *mem, const json_t *avail)
{
	static const char *const res[] = { "cpu", "memory" };

	for (int i = 0; i < 2; i++) {
		const struct quantity *q = i == 0 ? cpu : mem;
		const char *a = json_string_value(json_object_get(avail,
		    res[i]));
		struct quantity aq;
		struct err err;

		if (i == 0)
			buf_addf(b, "%lldm\t", (long long)quantity_milli(q));
		else
			buf_addf(b, "%lldMi\t", (long long)(quantity_value(q) /
			    (1024 * 1024)));
		if (a != NULL && quantity_parse(a, &aq, &err) == 0) {
			double f = (double)quantity_milli(q) /
			    (double)quantity_milli(&aq) * 100;

			buf_addf(b, "%lld%%\t", (long long)f);
		}
	}
}

static const char *
top_name(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(json_object_get(o,
	    "metadata"), k)) ?: "";
}

void
top_pod_table(FILE *f, json_t *items, int containers, int with_ns,
    int no_headers, const char *sort_by, int sum)
{
	struct buf b = BUF_INIT(TOP_CAP);
	struct quantity tcpu, tmem;
	json_t *pm, *ctr;
	int width = 3;
	size_t i, j;

	if (json_array_size(items) == 0)
		return;
	memset(&tcpu, 0, sizeof tcpu);
	memset(&tmem, 0, sizeof tmem);
	if (!no_headers) {
		if (with_ns) {
			buf_adds(&b, "NAMESPACE\t");
			width++;
		}
		if (containers) {
			buf_adds(&b, "POD\t");
			width++;
		}
		buf_adds(&b, "NAME\tCPU(cores)\tMEMORY(bytes)\t\n");
	}
	top_sort(items, sort_by, 1, with_ns);
	json_array_foreach(items, i, pm) {
		struct quantity cpu, mem;

		if (containers) {
			json_t *cs = json_object_get(pm, "containers");

			top_sort(cs, sort_by, 0, 0);
			json_array_foreach(cs, j, ctr) {
				if (with_ns)
					buf_addf(&b, "%s\t", top_name(pm,
					    "namespace"));
				buf_addf(&b, "%s\t%s\t", top_name(pm, "name"),
				    json_string_value(json_object_get(ctr,
				    "name")) ?: "");
				top_q(json_object_get(ctr, "usage"), "cpu",
				    &cpu);
				top_q(json_object_get(ctr, "usage"), "memory",
				    &mem);
				top_usage(&b, &cpu, &mem, NULL);
				buf_addc(&b, '\n');
			}
		} else {
			if (with_ns)
				buf_addf(&b, "%s\t", top_name(pm, "namespace"));
			buf_addf(&b, "%s\t", top_name(pm, "name"));
			top_pod_q(pm, "cpu", &cpu);
			top_pod_q(pm, "memory", &mem);
			top_usage(&b, &cpu, &mem, NULL);
			buf_addc(&b, '\n');
		}
	}
	if (sum) {
		json_array_foreach(items, i, pm) {
			struct quantity cpu, mem;

			top_pod_q(pm, "cpu", &cpu);
			top_pod_q(pm, "memory", &mem);
			quantity_add(&tcpu, &cpu);
			quantity_add(&tmem, &mem);
		}
		for (int k = 0; k < width - 2; k++)
			buf_addc(&b, '\t');
		buf_adds(&b, "________\t________\t\n");
		for (int k = 0; k < width - 3; k++)
			buf_addc(&b, '\t');
		buf_addc(&b, '\t');
		top_usage(&b, &tcpu, &tmem, NULL);
		buf_addc(&b, '\n');
	}
	print_tabbed_min(f, buf_str(&b), 6, 3);
	buf_release(&b);
}

void
top_node_table(FILE *f, json_t *items, const json_t *alloc, int no_headers,
    const char *sort_by)
{
	struct buf b = BUF_INIT(TOP_CAP);
	json_t *left = json_deep_copy(alloc), *nm;
	const char **keys;
	size_t i, n = 0;

	if (json_array_size(items) == 0) {
		json_decref(left);
		return;
	}
	top_sort(items, sort_by, 0, 0);
	if (!no_headers)
		buf_adds(&b, "NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\t"
		    "MEMORY(%)\t\n");
	json_array_foreach(items, i, nm) {
		const char *name = top_name(nm, "name");
		struct quantity cpu, mem;

		buf_addf(&b, "%s\t", name);
		top_q(json_object_get(nm, "usage"), "cpu", &cpu);
		top_q(json_object_get(nm, "usage"), "memory", &mem);
		top_usage(&b, &cpu, &mem, json_object_get(alloc, name));
		buf_addc(&b, '\n');
		json_object_del(left, name);
	}
	/* the nodes without metrics (kubectl: in map order; here by name) */
	if (json_is_object(left) && (keys = print_keys(left, &n)) != NULL) {
		for (i = 0; i < n; i++)
			buf_addf(&b, "%s\t<unknown>\t<unknown>\t<unknown>\t"
			    "<unknown>\t\n", keys[i]);
		free(keys);
	}
	print_tabbed_min(f, buf_str(&b), 6, 3);
	json_decref(left);
	buf_release(&b);
}

/* Whether discovery lists metrics.k8s.io/v1beta1. */
static int
top_available(struct cli *c, struct err *err)
{
	json_t *groups = NULL, *g, *v;
	size_t i, j;
	int ok = 0;

	if (cli_get_json(c, "/apis", &groups, err) < 0)
		return -1;
	json_array_foreach(json_object_get(groups, "groups"), i, g) {
		if (strcmp(json_string_value(json_object_get(g, "name")) ?: "",
		    TOP_GROUP) != 0)
			continue;
		json_array_foreach(json_object_get(g, "versions"), j, v)
			ok |= strcmp(json_string_value(json_object_get(v,
			    "version")) ?: "", TOP_VERSION) == 0;
	}
	json_decref(groups);
	return ok;
}

/* Go's time.Duration.String() of whole and fractional seconds. */
static void
top_duration(double s, struct buf *b)
{
	long long h = (long long)(s / 3600), m;

	s -= (double)h * 3600;
	m = (long long)(s / 60);
	s -= (double)m * 60;
	if (h > 0)
		buf_addf(b, "%lldh%lldm", h, m);
	else if (m > 0)
		buf_addf(b, "%lldm", m);
	buf_addf(b, "%.9g", s);
	buf_addc(b, 's');
}

/* No metrics: why not, as kubectl's verifyEmptyMetrics says; 0 when
 * there are no pods at all. */
static int
top_pods_empty(struct cli *c, const char *name, const char *sel,
    const char *fsel, struct err *err)
{
	struct buf path = BUF_INIT(8192);
	json_t *doc = NULL, *pod, *list;
	time_t now = time(NULL);
	size_t i;
	int rc = 0;

	buf_addf(&path, "/api/v1/namespaces/%s/pods", c->ns);
	if (name != NULL) {
		buf_addf(&path, "/%s", name);
	} else {
		cli_query_arg(&path, "labelSelector", sel);
		cli_query_arg(&path, "fieldSelector", fsel);
	}
	if (cli_get_json(c, buf_str(&path), &doc, err) < 0) {
		buf_release(&path);
		return -1;
	}
	list = name ? json_pack("[O]", doc) : json_incref(json_object_get(doc,
	    "items"));
	json_array_foreach(list, i, pod) {
		const char *ts = json_string_value(json_object_get(
		    json_object_get(pod, "metadata"), "creationTimestamp"));
		struct timespec t;

		if (ts != NULL && rfc3339_parse(ts, &t) == 0 &&
		    now - t.tv_sec > 120) {
			struct buf d = BUF_INIT(128);

			top_duration((double)(now - t.tv_sec), &d);
			err_set(err, ERR_NONE, "Metrics not available for pod "
			    "%s/%s, age: %s", top_name(pod, "namespace"),
			    top_name(pod, "name"), buf_str(&d));
			buf_release(&d);
			rc = -1;
			goto out;
		}
	}
	if (json_array_size(list) > 0) {
		err_set(err, ERR_NONE, "metrics not available yet");
		rc = -1;
	}
out:
	json_decref(list);
	json_decref(doc);
	buf_release(&path);
	return rc;
}

static const char *
top_sort_by(struct cli *c)
{
	const char *s = opt_str(&c->o, "sort-by");

	return s != NULL && s[0] != '\0' ? s : NULL;
}

static int
top_pods(struct cli *c, const char *name)
{
	const char *sel = opt_str(&c->o, "selector"),
	    *fsel = opt_str(&c->o, "field-selector");
	int all = opt_bool(&c->o, "all-namespaces");
	struct buf path = BUF_INIT(8192);
	json_t *doc = NULL, *items;
	struct err err;
	int rc = 0;

	err_clear(&err);
	buf_addf(&path, "/apis/%s/%s", TOP_GROUP, TOP_VERSION);
	if (!all)
		buf_addf(&path, "/namespaces/%s", c->ns);
	buf_adds(&path, "/pods");
	if (name != NULL) {
		buf_addf(&path, "/%s", name);
	} else {
		cli_query_arg(&path, "labelSelector", sel);
		cli_query_arg(&path, "fieldSelector", fsel);
	}
	if (cli_get_json(c, buf_str(&path), &doc, &err) < 0) {
		rc = cli_error(c, &err);
		goto out;
	}
	items = name ? json_pack("[O]", doc) : json_incref(json_object_get(doc,
	    "items"));
	if (json_array_size(items) == 0) {
		if (top_pods_empty(c, name, sel, fsel, &err) < 0) {
			json_decref(items);
			rc = cli_error(c, &err);
			goto out;
		}
		if (all)
			cli_eprintf(c, "No resources found\n");
		else
			cli_eprintf(c, "No resources found in %s namespace.\n",
			    c->ns);
	}
	top_pod_table(c->out, items, opt_bool(&c->o, "containers"), all,
	    opt_bool(&c->o, "no-headers"), top_sort_by(c),
	    opt_bool(&c->o, "sum"));
	json_decref(items);
out:
	json_decref(doc);
	buf_release(&path);
	return rc;
}

static int
top_nodes(struct cli *c, const char *name)
{
	const char *sel = opt_str(&c->o, "selector");
	struct buf path = BUF_INIT(8192);
	json_t *doc = NULL, *nodes = NULL, *items = NULL, *list, *alloc, *n;
	struct err err;
	size_t i;
	int rc = 0;

	err_clear(&err);
	buf_addf(&path, "/apis/%s/%s/nodes", TOP_GROUP, TOP_VERSION);
	if (name != NULL)
		buf_addf(&path, "/%s", name);
	else
		cli_query_arg(&path, "labelSelector", sel);
	if (cli_get_json(c, buf_str(&path), &doc, &err) < 0) {
		rc = cli_error(c, &err);
		goto out;
	}
	items = name ? json_pack("[O]", doc) : json_incref(json_object_get(doc,
	    "items"));
	if (json_array_size(items) == 0) {
		rc = cli_fail(c, "metrics not available yet");
		goto out;
	}
	buf_reset(&path);
	buf_adds(&path, "/api/v1/nodes");
	if (name != NULL)
		buf_addf(&path, "/%s", name);
	else
		cli_query_arg(&path, "labelSelector", sel);
	if (cli_get_json(c, buf_str(&path), &nodes, &err) < 0) {
		rc = cli_error(c, &err);
		goto out;
	}
	list = name ? json_pack("[O]", nodes) : json_incref(json_object_get(
	    nodes, "items"));
	alloc = json_object();
	json_array_foreach(list, i, n)
		json_object_set(alloc, top_name(n, "name"), json_object_get(
		    json_object_get(n, "status"), opt_bool(&c->o,
		    "show-capacity") ? "capacity" : "allocatable") ?:
		    json_null());
	top_node_table(c->out, items, alloc, opt_bool(&c->o, "no-headers"),
	    top_sort_by(c));
	json_decref(alloc);
	json_decref(list);
out:
	json_decref(items);
	json_decref(doc);
	json_decref(nodes);
	buf_release(&path);
	return rc;
}

static int
top_exec(struct cli *c, int argc, char **argv)
{
	const char *sub = argc > 0 ? argv[0] : NULL,
	    *sort = opt_str(&c->o, "sort-by");
	int pod, avail;
	struct err err;

	err_clear(&err);
	if (sub == NULL) {
		cli_eprintf(c, "Display resource (CPU/memory) usage.\n\n The "
		    "top command allows you to see the resource consumption "
		    "for nodes or pods.\n\n This command requires Metrics "
		    "Server to be correctly configured and working on the "
		    "server.\n\nAvailable Commands:\n  node          Display "
		    "resource (CPU/memory) usage of nodes\n  pod           "
		    "Display resource (CPU/memory) usage of pods\n\nUsage:\n"
		    "  kubec top [flags] [options]\n\nUse \"kubec top "
		    "<command> --help\" for more information about a given "
		    "command.\nUse \"kubec options\" for a list of global "
		    "command-line options (applies to all commands).\n");
		return 1;
	}
	pod = strcmp(sub, "pod") == 0 || strcmp(sub, "pods") == 0 ||
	    strcmp(sub, "po") == 0;
	if (!pod && strcmp(sub, "node") != 0 && strcmp(sub, "nodes") != 0 &&
	    strcmp(sub, "no") != 0)
		return cli_usage_error(c, "top", "unknown command \"%s\"",
		    sub);
	if (argc > 2)
		return cli_usage_error(c, pod ? "top pod" : "top node",
		    "%s [NAME | -l label]", pod ? "pod" : "node");
	if (sort != NULL && sort[0] != '\0' && strcmp(sort, "cpu") != 0 &&
	    strcmp(sort, "memory") != 0)
		return cli_fail(c, "--sort-by accepts only cpu or memory");
	if (argc == 2 && (opt_str(&c->o, "selector") != NULL || (pod &&
	    opt_str(&c->o, "field-selector") != NULL)))
		return cli_fail(c, pod ? "only one of NAME or selector can be "
		    "provided" : "only one of NAME or --selector can be "
		    "provided");
	if ((avail = top_available(c, &err)) < 0)
		return cli_error(c, &err);
	if (!avail)
		return cli_fail(c, "Metrics API not available");
	return pod ? top_pods(c, argc == 2 ? argv[1] : NULL) :
	    top_nodes(c, argc == 2 ? argv[1] : NULL);
}

const struct cmd_entry cmd_top_entry = {
	.name = "top",
	.summary = "Display resource (CPU/memory) usage",
	.usage = "kubec top (pod [NAME | -l label] [-A] [--containers] "
	    "[--sum] | node [NAME | -l label] [--show-capacity]) "
	    "[--sort-by=cpu|memory] [--no-headers]",
	.opts = top_opts,
	.exec = top_exec,
};
