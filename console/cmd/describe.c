/* describe.c - kubec describe: objects in kubectl describe's layout
 * (Key:<tab>value lines aligned by Go's tabwriter, sections, the
 * object's Events), one describer per kind in describers[]; so far
 * ConfigMaps, Secrets, Namespaces and Services. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/rfc3339.h"
#include "../console.h"

static const struct opt_def describe_opts[] = {
	{ "selector", 'l', 1, "The objects whose labels match" },
	{ "all-namespaces", 'A', 0, "With -l: in every namespace" },
	{ "filename", 'f', 1, "The objects of a file ('-': standard input)" },
	{ "recursive", 'R', 0, "The directories of -f recursively" },
	{ "show-events", 0, 0, "Show the object's events (default true)" },
	{ NULL, 0, 0, NULL }
};

static const char *
d_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* "Labels:<tab>k=v" then "<tab>k2=v2"..., or <none>. */
static void
d_labels(struct buf *b, const char *title, const json_t *map)
{
	size_t n, i;
	const char **keys = print_keys(map, &n);

	for (i = 0; keys != NULL && i < n; i++)
		buf_addf(b, "%s\t%s=%s\n", i ? "" : title, keys[i],
		    d_str(map, keys[i]) ?: "");
	if (n == 0)
		buf_addf(b, "%s\t<none>\n", title);
	free(keys);
}

/* "Annotations:<tab>k: v", the last-applied configuration left out. */
static void
d_annotations(struct buf *b, const json_t *map)
{
	size_t n, i, shown = 0;
	const char **keys = print_keys(map, &n);

	for (i = 0; keys != NULL && i < n; i++) {
		if (strcmp(keys[i], "kubectl.kubernetes.io/last-applied-"
		    "configuration") == 0)
			continue;
		buf_addf(b, "%s\t%s: %s\n", shown++ ? "" : "Annotations:",
		    keys[i], d_str(map, keys[i]) ?: "");
	}
	if (shown == 0)
		buf_adds(b, "Annotations:\t<none>\n");
	free(keys);
}

static void
d_meta(struct buf *b, const json_t *obj, int namespaced)
{
	const json_t *m = json_object_get(obj, "metadata");

	buf_addf(b, "Name:\t%s\n", d_str(m, "name") ?: "");
	if (namespaced)
		buf_addf(b, "Namespace:\t%s\n", d_str(m, "namespace") ?: "");
	d_labels(b, "Labels:", json_object_get(m, "labels"));
	d_annotations(b, json_object_get(m, "annotations"));
}

/* The object's Events, as kubectl's DescribeEvents lists them. */
static void
d_events(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *m = json_object_get(obj, "metadata");
	struct buf path = BUF_INIT(8192), sel = BUF_INIT(2048);
	json_t *list = NULL, *ev;
	struct err err;
	size_t i;

	err_clear(&err);
	buf_addf(&sel, "involvedObject.name=%s,involvedObject.uid=%s",
	    d_str(m, "name") ?: "", d_str(m, "uid") ?: "");
	if (d_str(m, "namespace") != NULL)
		buf_addf(&sel, ",involvedObject.namespace=%s",
		    d_str(m, "namespace"));
	buf_addf(&path, "/api/v1/%s%s%sevents",
	    d_str(m, "namespace") ? "namespaces/" : "",
	    d_str(m, "namespace") ?: "", d_str(m, "namespace") ? "/" : "");
	cli_query_arg(&path, "fieldSelector", buf_str(&sel));
	if (cli_get_json(c, buf_str(&path), &list, &err) < 0 ||
	    json_array_size(json_object_get(list, "items")) == 0) {
		buf_adds(b, "Events:\t<none>\n");
		goto out;
	}
	buf_adds(b, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n"
	    "  ----\t------\t----\t----\t-------\n");
	json_array_foreach(json_object_get(list, "items"), i, ev) {
		const char *last = d_str(ev, "lastTimestamp") ?:
		    d_str(ev, "eventTime") ?: "", *first =
		    d_str(ev, "firstTimestamp") ?: last, *from =
		    d_str(json_object_get(ev, "source"), "component") ?:
		    d_str(ev, "reportingComponent") ?: "";
		long long count = json_integer_value(json_object_get(ev,
		    "count"));
		struct timespec tl = { 0 }, tf = { 0 };
		char age[64], over[64];
		time_t now = time(NULL);

		rfc3339_parse(last, &tl);
		rfc3339_parse(first, &tf);
		rfc3339_human_duration((long long)(now - tl.tv_sec), age,
		    sizeof age);
		rfc3339_human_duration((long long)(now - tf.tv_sec), over,
		    sizeof over);
		buf_addf(b, "  %s\t%s\t", d_str(ev, "type") ?: "",
		    d_str(ev, "reason") ?: "");
		if (count > 1)
			buf_addf(b, "%s (x%lld over %s)", age, count, over);
		else
			buf_adds(b, age);
		buf_addf(b, "\t%s\t%s\n", from[0] ? from : "",
		    d_str(ev, "message") ?: "");
	}
out:
	json_decref(list);
	buf_release(&path);
	buf_release(&sel);
}

static void
d_configmap(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *data = json_object_get(obj, "data"),
	    *bin = json_object_get(obj, "binaryData");
	const char **keys;
	size_t n, i;

	d_meta(b, obj, 1);
	buf_adds(b, "\nData\n====\n");
	keys = print_keys(data, &n);
	for (i = 0; keys != NULL && i < n; i++)
		buf_addf(b, "%s:\n----\n%s\n\n", keys[i],
		    d_str(data, keys[i]) ?: "");
	free(keys);
	buf_adds(b, "\nBinaryData\n====\n");
	keys = print_keys(bin, &n);
	for (i = 0; keys != NULL && i < n; i++)
		buf_addf(b, "%s: %zu bytes\n", keys[i], (strlen(d_str(bin,
		    keys[i]) ?: "") / 4) * 3);
	free(keys);
	buf_adds(b, "\n");
	d_events(c, obj, b);
}

static void
d_secret(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *data = json_object_get(obj, "data");
	const char **keys;
	size_t n, i;

	d_meta(b, obj, 1);
	buf_addf(b, "\nType:\t%s\n\nData\n====\n", d_str(obj, "type") ?: "");
	keys = print_keys(data, &n);
	for (i = 0; keys != NULL && i < n; i++) {
		const char *v = d_str(data, keys[i]) ?: "";
		size_t len = strlen(v), pad = len >= 2 && v[len - 1] == '=' ?
		    (v[len - 2] == '=' ? 2 : 1) : 0;

		buf_addf(b, "%s:\t%zu bytes\n", keys[i], len / 4 * 3 - pad);
	}
	free(keys);
}

static void
d_namespace(struct cli *c, const json_t *obj, struct buf *b)
{
	const char *name = d_str(json_object_get(obj, "metadata"), "name");
	struct buf path = BUF_INIT(4096);
	json_t *quotas = NULL, *limits = NULL, *q;
	struct err err;
	size_t i;

	err_clear(&err);
	d_meta(b, obj, 0);
	buf_addf(b, "Status:\t%s\n", d_str(json_object_get(obj, "status"),
	    "phase") ?: "");
	buf_addf(&path, "/api/v1/namespaces/%s/resourcequotas", name ?: "");
	cli_get_json(c, buf_str(&path), &quotas, &err);
	if (json_array_size(json_object_get(quotas, "items")) == 0)
		buf_adds(b, "\nNo resource quota.\n");
	json_array_foreach(json_object_get(quotas, "items"), i, q) {
		const json_t *hard = json_object_get(json_object_get(q,
		    "status"), "hard"), *used = json_object_get(
		    json_object_get(q, "status"), "used");
		size_t n;
		const char **keys = print_keys(hard, &n);

		buf_addf(b, "\nResource Quotas\n  Name:\t%s\n  Resource\tUsed\t"
		    "Hard\n  --------\t---\t---\n", d_str(json_object_get(q,
		    "metadata"), "name") ?: "");
		for (size_t k = 0; keys != NULL && k < n; k++)
			buf_addf(b, "  %s\t%s\t%s\n", keys[k],
			    d_str(used, keys[k]) ?: "0",
			    d_str(hard, keys[k]) ?: "");
		free(keys);
	}
	buf_reset(&path);
	buf_addf(&path, "/api/v1/namespaces/%s/limitranges", name ?: "");
	err_clear(&err);
	cli_get_json(c, buf_str(&path), &limits, &err);
	if (json_array_size(json_object_get(limits, "items")) == 0)
		buf_adds(b, "\nNo LimitRange resource.\n");
	else
		buf_addf(b, "\nResource Limits\n (%zu LimitRange objects: "
		    "kubec get limitranges -o yaml)\n",
		    json_array_size(json_object_get(limits, "items")));
	json_decref(quotas);
	json_decref(limits);
	buf_release(&path);
}

static void
d_join(struct buf *b, const json_t *list)
{
	const json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		buf_addf(b, "%s%s", i ? "," : "", json_string_value(v) ?: "");
}

static void
d_service(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *spec = json_object_get(obj, "spec"), *p, *eps = NULL;
	const json_t *m = json_object_get(obj, "metadata");
	struct buf path = BUF_INIT(4096);
	struct err err;
	size_t i;

	err_clear(&err);
	d_meta(b, obj, 1);
	buf_adds(b, "Selector:\t");
	print_labels(b, json_object_get(spec, "selector"), "<none>");
	buf_addf(b, "\nType:\t%s\n", d_str(spec, "type") ?: "");
	if (d_str(spec, "ipFamilyPolicy") != NULL)
		buf_addf(b, "IP Family Policy:\t%s\n",
		    d_str(spec, "ipFamilyPolicy"));
	if (json_array_size(json_object_get(spec, "ipFamilies")) > 0) {
		buf_adds(b, "IP Families:\t");
		d_join(b, json_object_get(spec, "ipFamilies"));
		buf_adds(b, "\n");
	}
	buf_addf(b, "IP:\t%s\n", d_str(spec, "clusterIP") ?: "");
	if (json_array_size(json_object_get(spec, "clusterIPs")) > 0) {
		buf_adds(b, "IPs:\t");
		d_join(b, json_object_get(spec, "clusterIPs"));
		buf_adds(b, "\n");
	}
	if (json_array_size(json_object_get(spec, "externalIPs")) > 0) {
		buf_adds(b, "External IPs:\t");
		d_join(b, json_object_get(spec, "externalIPs"));
		buf_adds(b, "\n");
	}
	/* kubectl reads the Service's EndpointSlices */
	buf_addf(&path, "/apis/discovery.k8s.io/v1/namespaces/%s/endpointslices"
	    "?labelSelector=kubernetes.io%%2Fservice-name%%3D%s",
	    d_str(m, "namespace") ?: "", d_str(m, "name") ?: "");
	if (cli_get_json(c, buf_str(&path), (json_t **)&eps, &err) < 0 ||
	    json_array_size(json_object_get(eps, "items")) == 0) {
		json_decref((json_t *)eps);
		eps = NULL;
	}
	json_array_foreach(json_object_get(spec, "ports"), i, p) {
		const char *pname = d_str(p, "name"), *proto = d_str(p,
		    "protocol") ?: "TCP";
		const json_t *tp = json_object_get(p, "targetPort"), *ss, *a,
		    *ep;
		size_t j, k, l, shown = 0;

		buf_addf(b, "Port:\t%s  %lld/%s\n", pname && pname[0] ? pname :
		    "<unset>", (long long)json_integer_value(json_object_get(p,
		    "port")), proto);
		if (json_is_string(tp))
			buf_addf(b, "TargetPort:\t%s/%s\n",
			    json_string_value(tp), proto);
		else
			buf_addf(b, "TargetPort:\t%lld/%s\n",
			    (long long)json_integer_value(tp), proto);
		if (json_integer_value(json_object_get(p, "nodePort")) > 0)
			buf_addf(b, "NodePort:\t%s  %lld/%s\n", pname &&
			    pname[0] ? pname : "<unset>",
			    (long long)json_integer_value(json_object_get(p,
			    "nodePort")), proto);
		buf_adds(b, "Endpoints:\t");
		if (eps == NULL)
			buf_adds(b, "<none>");
		/* the ready endpoints' addresses with the port of that name */
		json_array_foreach(json_object_get(eps, "items"), j, ss)
			json_array_foreach(json_object_get(ss, "ports"), k, ep) {
				if (strcmp(d_str(ep, "name") ?: "", pname ?
				    pname : "") != 0)
					continue;
				json_array_foreach(json_object_get(ss,
				    "endpoints"), l, a) {
					const json_t *ready = json_object_get(
					    json_object_get(a, "conditions"),
					    "ready");

					if (json_is_false(ready))
						continue;
					buf_addf(b, "%s%s:%lld", shown++ ?
					    "," : "", json_string_value(
					    json_array_get(json_object_get(a,
					    "addresses"), 0)) ?: "",
					    (long long)json_integer_value(
					    json_object_get(ep, "port")));
				}
			}
		buf_adds(b, "\n");
	}
	buf_addf(b, "Session Affinity:\t%s\n", d_str(spec, "sessionAffinity") ?:
	    "None");
	if (d_str(spec, "externalTrafficPolicy") != NULL)
		buf_addf(b, "External Traffic Policy:\t%s\n",
		    d_str(spec, "externalTrafficPolicy"));
	if (d_str(spec, "internalTrafficPolicy") != NULL)
		buf_addf(b, "Internal Traffic Policy:\t%s\n",
		    d_str(spec, "internalTrafficPolicy"));
	json_decref((json_t *)eps);
	buf_release(&path);
	d_events(c, obj, b);
}

static const struct {
	const char	*kind;
	void		(*fn)(struct cli *, const json_t *, struct buf *);
} describers[] = {
	{ "ConfigMap", d_configmap },
	{ "Namespace", d_namespace },
	{ "Secret", d_secret },
	{ "Service", d_service },
};

static int
describe_exec(struct cli *c, int argc, char **argv)
{
	struct targets ts = { 0 };
	int rc, failed = 0, shown = 0;

	/* TYPE alone: every object of the type, as kubectl does */
	if (argc == 1 && strchr(argv[0], '/') == NULL &&
	    opt_str(&c->o, "selector") == NULL) {
		static const struct opt_def all = { "all", 0, 0, "" };

		if (c->o.n < OPTS_MAX) {
			c->o.def[c->o.n] = &all;
			c->o.val[c->o.n++] = "true";
		}
	}
	if ((rc = targets_collect(c, "describe", argc, argv, &ts)) != 0)
		goto out;
	if (ts.n == 0 && ts.listed)
		cli_eprintf(c, "No resources found in %s namespace.\n", c->ns);
	for (size_t i = 0; i < ts.n; i++) {
		struct target *t = &ts.t[i];
		struct buf path = BUF_INIT(8192), text = BUF_INIT(1 << 22);
		json_t *obj = NULL;
		struct err err;
		size_t k;

		err_clear(&err);
		for (k = 0; k < sizeof describers / sizeof describers[0]; k++)
			if (strcmp(describers[k].kind, t->res->kind) == 0)
				break;
		if (k == sizeof describers / sizeof describers[0]) {
			failed = cli_fail(c, "kubec describe does not describe "
			    "%s yet (kubec get %s %s -o yaml shows it)",
			    t->res->kind, t->res->name, t->name);
			continue;
		}
		target_path(t, &path);
		if (cli_get_json(c, buf_str(&path), &obj, &err) < 0) {
			json_t *list = NULL, *it;
			size_t j, found = 0;

			/* kubectl: a name not found is tried as a prefix */
			if (err.reason == ERR_NOT_FOUND && !ts.listed) {
				struct buf lp = BUF_INIT(8192);
				struct err e2;

				err_clear(&e2);
				res_path(t->res, t->ns, NULL, &lp);
				if (cli_get_json(c, buf_str(&lp), &list,
				    &e2) < 0)
					list = NULL;
				buf_release(&lp);
			}
			json_array_foreach(json_object_get(list, "items"), j,
			    it) {
				if (strncmp(d_str(json_object_get(it,
				    "metadata"), "name") ?: "", t->name,
				    strlen(t->name)) != 0)
					continue;
				/* as kubectl's describeMatchingResources:
				 * each followed by a blank line */
				buf_reset(&text);
				describers[k].fn(c, it, &text);
				print_tabbed(c->out, buf_str(&text), 2);
				fputc('\n', c->out);
				found++;
			}
			json_decref(list);
			if (found == 0)
				failed = cli_error(c, &err);
		} else {
			describers[k].fn(c, obj, &text);
			if (shown++)
				fputs("\n\n", c->out);
			print_tabbed(c->out, buf_str(&text), 2);
		}
		json_decref(obj);
		buf_release(&path);
		buf_release(&text);
	}
out:
	targets_release(&ts);
	return rc ? rc : failed;
}

const struct cmd_entry cmd_describe_entry = {
	.name = "describe",
	.summary = "Show details of a specific resource or group of resources",
	.usage = "kubec describe (-f FILENAME | TYPE [NAME...] | TYPE/NAME | "
	    "TYPE -l label)",
	.opts = describe_opts,
	.exec = describe_exec,
};
