/* node.c - kubec describe for Nodes, in kubectl describe's layout: roles,
 * taints, the node's Lease, conditions, addresses, capacity, system
 * info, the pods running there with their requests and limits, what they
 * take of the allocatable resources together, then the node's Events. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/quantity.h"
#include "describe.h"

#define NODE_MAX_RES	64

/* A ResourceList being summed: names and quantities. */
struct node_rl {
	size_t		 n;
	const char	*name[NODE_MAX_RES];
	struct quantity	 q[NODE_MAX_RES];
};

static struct quantity *
node_rl_get(struct node_rl *rl, const char *name)
{
	for (size_t i = 0; i < rl->n; i++)
		if (strcmp(rl->name[i], name) == 0)
			return &rl->q[i];
	return NULL;
}

/* Adds q under name (max: keeps the larger one instead). */
static void
node_rl_put(struct node_rl *rl, const char *name, const struct quantity *q,
    int max)
{
	struct quantity *have = node_rl_get(rl, name);

	if (have == NULL) {
		if (rl->n == NODE_MAX_RES)
			return;
		rl->name[rl->n] = name;
		rl->q[rl->n++] = *q;
	} else if (!max)
		quantity_add(have, q);
	else if (quantity_cmp(q, have) > 0)
		*have = *q;
}

/* Every entry of src into dst (added, or the larger kept). */
static void
node_rl_merge(struct node_rl *dst, const struct node_rl *src, int max)
{
	for (size_t i = 0; i < src->n; i++)
		node_rl_put(dst, src->name[i], &src->q[i], max);
}

/* A JSON ResourceList ({"cpu": "100m"}) as a node_rl. */
static void
node_rl_json(struct node_rl *rl, const json_t *list)
{
	const char *k;
	const json_t *v;
	struct quantity q;
	struct err err;

	rl->n = 0;
	err_clear(&err);
	json_object_foreach((json_t *)list, k, v)
		if (json_is_string(v) && quantity_parse(json_string_value(v), &q,
		    &err) == 0)
			node_rl_put(rl, k, &q, 0);
}

/* A container's requests, or its status's allocated resources as the
 * in-place resize helper of kubectl takes them. */
static void
node_container_requests(struct node_rl *rl, const json_t *pod,
    const json_t *ctr)
{
	const json_t *st, *alloc = NULL;
	struct node_rl a;
	size_t i;

	node_rl_json(rl, json_object_get(json_object_get(ctr, "resources"),
	    "requests"));
	json_array_foreach(json_object_get(json_object_get(pod, "status"),
	    "containerStatuses"), i, st)
		if (strcmp(describe_s(st, "name"), describe_s(ctr,
		    "name")) == 0) {
			alloc = json_object_get(st, "allocatedResources");
			if (alloc == NULL)
				alloc = json_object();	/* found: max with {} */
			else
				json_incref((json_t *)alloc);
			break;
		}
	if (alloc == NULL)
		return;
	node_rl_json(&a, alloc);
	if (strcmp(describe_s(json_object_get(pod, "status"), "resize"),
	    "Infeasible") == 0)
		*rl = a;
	else
		for (i = 0; i < a.n; i++) {
			struct quantity *have = node_rl_get(rl, a.name[i]);

			/* max(): the allocated one on a tie */
			if (have == NULL)
				node_rl_put(rl, a.name[i], &a.q[i], 0);
			else if (quantity_cmp(have, &a.q[i]) <= 0)
				*have = a.q[i];
		}
	json_decref((json_t *)alloc);
}

/* The pod's requests (limits: 1) as kubectl's PodRequestsAndLimits sums
 * them: its containers, restartable init containers added, the largest
 * init container, the overhead. */
static void
node_pod_resources(struct node_rl *out, const json_t *pod, int limits)
{
	const json_t *spec = json_object_get(pod, "spec"), *ctr;
	struct node_rl one, restartable = { 0 }, init = { 0 };
	const json_t *ov = json_object_get(spec, "overhead");
	size_t i;

	out->n = 0;
	json_array_foreach(json_object_get(spec, "containers"), i, ctr) {
		if (limits)
			node_rl_json(&one, json_object_get(json_object_get(ctr,
			    "resources"), "limits"));
		else
			node_container_requests(&one, pod, ctr);
		node_rl_merge(out, &one, 0);
	}
	json_array_foreach(json_object_get(spec, "initContainers"), i, ctr) {
		node_rl_json(&one, json_object_get(json_object_get(ctr,
		    "resources"), limits ? "limits" : "requests"));
		if (strcmp(describe_s(ctr, "restartPolicy"), "Always") == 0) {
			node_rl_merge(out, &one, 0);
			node_rl_merge(&restartable, &one, 0);
			one = restartable;
		} else
			node_rl_merge(&one, &restartable, 0);
		node_rl_merge(&init, &one, 1);
	}
	node_rl_merge(out, &init, 1);
	if (ov != NULL) {
		node_rl_json(&one, ov);
		for (i = 0; i < one.n; i++)
			/* limits: only to those set */
			if (!limits || node_rl_get(out, one.name[i]) != NULL)
				node_rl_put(out, one.name[i], &one.q[i], 0);
	}
}

/* int64(float64(a) / float64(b) * 100) on amd64 (b 0: Go's NaN or Inf
 * conversion). */
static long long
node_pct(int64_t a, int64_t b)
{
	if (b == 0)
		return INT64_MIN;
	return (long long)((double)a / (double)b * 100);
}

static void
node_q(struct buf *b, const struct quantity *q)
{
	char out[128];

	if (q == NULL || quantity_format(q, out, sizeof out) < 0)
		buf_adds(b, "0");
	else
		buf_adds(b, out);
}

/* The quantity of name in rl, zero when missing. */
static struct quantity
node_rl_value(struct node_rl *rl, const char *name)
{
	struct quantity zero = { 0 }, *q = node_rl_get(rl, name);

	return q ? *q : zero;
}

static void
node_resources(struct cli *c, struct buf *b, const json_t *node,
    const json_t *pods)
{
	const json_t *st = json_object_get(node, "status"), *pod;
	struct node_rl alloc, req, lim, total_req = { 0 }, total_lim = { 0 };
	static const char *const fixed[] = { "cpu", "memory",
	    "ephemeral-storage" };
	const char *names[NODE_MAX_RES];
	size_t i, n = 0, k;

	(void)c;
	node_rl_json(&alloc, json_object_get(st, "capacity"));
	if (json_object_size(json_object_get(st, "allocatable")) > 0)
		node_rl_json(&alloc, json_object_get(st, "allocatable"));
	buf_addf(b, "Non-terminated Pods:\t(%zu in total)\n",
	    json_array_size(pods));
	buf_adds(b, "  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory "
	    "Requests\tMemory Limits\tAge\n  ---------\t----\t\t------------\t"
	    "----------\t---------------\t-------------\t---\n");
	json_array_foreach(pods, i, pod) {
		const json_t *m = json_object_get(pod, "metadata");
		struct quantity cr, cl, mr, ml, ac = node_rl_value(&alloc,
		    "cpu"), am = node_rl_value(&alloc, "memory");

		node_pod_resources(&req, pod, 0);
		node_pod_resources(&lim, pod, 1);
		node_rl_merge(&total_req, &req, 0);
		node_rl_merge(&total_lim, &lim, 0);
		cr = node_rl_value(&req, "cpu");
		cl = node_rl_value(&lim, "cpu");
		mr = node_rl_value(&req, "memory");
		ml = node_rl_value(&lim, "memory");
		buf_addf(b, "  %s\t%s\t\t", describe_s(m, "namespace"),
		    describe_s(m, "name"));
		node_q(b, &cr);
		buf_addf(b, " (%lld%%)\t", node_pct(quantity_milli(&cr),
		    quantity_milli(&ac)));
		node_q(b, &cl);
		buf_addf(b, " (%lld%%)\t", node_pct(quantity_milli(&cl),
		    quantity_milli(&ac)));
		node_q(b, &mr);
		buf_addf(b, " (%lld%%)\t", node_pct(quantity_value(&mr),
		    quantity_value(&am)));
		node_q(b, &ml);
		buf_addf(b, " (%lld%%)\t", node_pct(quantity_value(&ml),
		    quantity_value(&am)));
		describe_age(b, describe_str(m, "creationTimestamp"));
		buf_adds(b, "\n");
	}
	buf_adds(b, "Allocated resources:\n  (Total limits may be over 100 "
	    "percent, i.e., overcommitted.)\n  Resource\tRequests\tLimits\n"
	    "  --------\t--------\t------\n");
	for (k = 0; k < 3; k++) {
		struct quantity r = node_rl_value(&total_req, fixed[k]),
		    l = node_rl_value(&total_lim, fixed[k]),
		    a = node_rl_value(&alloc, fixed[k]);
		int milli = k == 0;
		int64_t av = milli ? quantity_milli(&a) : quantity_value(&a);

		buf_addf(b, "  %s\t", fixed[k]);
		node_q(b, &r);
		buf_addf(b, " (%lld%%)\t", av == 0 ? 0 : node_pct(milli ?
		    quantity_milli(&r) : quantity_value(&r), av));
		node_q(b, &l);
		buf_addf(b, " (%lld%%)\n", av == 0 ? 0 : node_pct(milli ?
		    quantity_milli(&l) : quantity_value(&l), av));
	}
	/* hugepages first, then extended resources, each sorted */
	for (int pass = 0; pass < 2; pass++) {
		n = 0;
		for (i = 0; i < alloc.n; i++) {
			int huge = strncmp(alloc.name[i], "hugepages-", 10) == 0;

			if (pass == 0 ? huge : !huge && strcmp(alloc.name[i],
			    "cpu") != 0 && strcmp(alloc.name[i], "memory") != 0 &&
			    strcmp(alloc.name[i], "ephemeral-storage") != 0 &&
			    strcmp(alloc.name[i], "pods") != 0)
				names[n++] = alloc.name[i];
		}
		qsort(names, n, sizeof names[0], describe_strcmp);
		for (i = 0; i < n; i++) {
			struct quantity r = node_rl_value(&total_req, names[i]),
			    l = node_rl_value(&total_lim, names[i]),
			    a = node_rl_value(&alloc, names[i]);
			int64_t av = quantity_value(&a);

			buf_addf(b, "  %s\t", names[i]);
			node_q(b, &r);
			if (pass == 0)
				buf_addf(b, " (%lld%%)", av == 0 ? 0 :
				    node_pct(quantity_value(&r), av));
			buf_adds(b, "\t");
			node_q(b, &l);
			if (pass == 0)
				buf_addf(b, " (%lld%%)", av == 0 ? 0 :
				    node_pct(quantity_value(&l), av));
			buf_adds(b, "\n");
		}
	}
}

/* "  name:\tquantity" of a ResourceList, names sorted. */
static void
node_list(struct buf *b, const char *title, const json_t *list)
{
	size_t n;
	const char **keys;

	if (json_object_size(list) == 0)
		return;
	keys = print_keys(list, &n);
	buf_addf(b, "%s:\n", title);
	for (size_t i = 0; keys != NULL && i < n; i++) {
		buf_addf(b, "  %s:\t", keys[i]);
		describe_quantity(b, json_object_get(list, keys[i]));
		buf_adds(b, "\n");
	}
	free(keys);
}

/* Roles: node-role.kubernetes.io/ROLE labels and kubernetes.io/role. */
static void
node_roles(struct buf *b, const json_t *labels)
{
	const char *names[NODE_MAX_RES], *k;
	const json_t *v;
	size_t n = 0, i;

	json_object_foreach((json_t *)labels, k, v) {
		const char *role = NULL;

		if (strncmp(k, "node-role.kubernetes.io/", 24) == 0 &&
		    k[24] != '\0')
			role = k + 24;
		else if (strcmp(k, "kubernetes.io/role") == 0 &&
		    *describe_s(labels, k) != '\0')
			role = describe_s(labels, k);
		for (i = 0; role != NULL && i < n; i++)
			if (strcmp(names[i], role) == 0)
				role = NULL;
		if (role != NULL && n < NODE_MAX_RES)
			names[n++] = role;
	}
	qsort(names, n, sizeof names[0], describe_strcmp);
	buf_adds(b, "Roles:\t");
	for (i = 0; i < n; i++)
		buf_addf(b, "%s%s", i ? "," : "", names[i]);
	buf_adds(b, n ? "\n" : "<none>\n");
}

/* taints compare by effect + "," + key */
static int
node_taint_cmp(const json_t *a, const json_t *b)
{
	struct buf x = BUF_INIT(1 << 16), y = BUF_INIT(1 << 16);
	int c;

	buf_addf(&x, "%s,%s", describe_s(a, "effect"), describe_s(a, "key"));
	buf_addf(&y, "%s,%s", describe_s(b, "effect"), describe_s(b, "key"));
	c = strcmp(buf_str(&x), buf_str(&y));
	buf_release(&x);
	buf_release(&y);
	return c;
}

static void
node_taints(struct buf *b, const json_t *taints)
{
	size_t n = json_array_size(taints), i, j;
	const json_t **v = calloc(n + 1, sizeof *v);

	buf_adds(b, "Taints:\t");
	if (n == 0 || v == NULL)
		buf_adds(b, "<none>\n");
	for (i = 0; v != NULL && i < n; i++) {
		const json_t *t = json_array_get(taints, i);

		for (j = i; j > 0 && node_taint_cmp(v[j - 1], t) > 0; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
	for (i = 0; v != NULL && i < n; i++) {
		buf_addf(b, "%s%s", i ? "\t" : "", describe_s(v[i], "key"));
		if (*describe_s(v[i], "value") != '\0')
			buf_addf(b, "=%s", describe_s(v[i], "value"));
		buf_addf(b, ":%s\n", describe_s(v[i], "effect"));
	}
	free(v);
}

static void
node_lease(struct cli *c, struct buf *b, const char *name)
{
	struct buf path = BUF_INIT(4096);
	json_t *lease = NULL;
	const json_t *spec;
	struct err err;

	err_clear(&err);
	buf_addf(&path, "/apis/coordination.k8s.io/v1/namespaces/"
	    "kube-node-lease/leases/%s", name);
	if (cli_get_json(c, buf_str(&path), &lease, &err) < 0) {
		buf_addf(b, "Lease:\tFailed to get lease: %s\n", err.msg);
		buf_release(&path);
		return;
	}
	spec = json_object_get(lease, "spec");
	buf_addf(b, "Lease:\n  HolderIdentity:\t%s\n  AcquireTime:\t",
	    describe_str(spec, "holderIdentity") ?: "<unset>");
	if (describe_str(spec, "acquireTime") != NULL)
		describe_time(b, describe_str(spec, "acquireTime"));
	else
		buf_adds(b, "<unset>");
	buf_adds(b, "\n  RenewTime:\t");
	if (describe_str(spec, "renewTime") != NULL)
		describe_time(b, describe_str(spec, "renewTime"));
	else
		buf_adds(b, "<unset>");
	buf_adds(b, "\n");
	json_decref(lease);
	buf_release(&path);
}

void
describe_node(struct cli *c, const json_t *node, struct buf *b)
{
	const json_t *m = json_object_get(node, "metadata"), *spec =
	    json_object_get(node, "spec"), *st = json_object_get(node, "status");
	const json_t *info = json_object_get(st, "nodeInfo"), *v;
	const char *name = describe_s(m, "name");
	struct buf path = BUF_INIT(8192);
	json_t *pods = NULL;
	struct err err;
	size_t i;

	err_clear(&err);
	buf_addf(b, "Name:\t%s\n", name);
	node_roles(b, json_object_get(m, "labels"));
	describe_labels(b, "Labels", json_object_get(m, "labels"));
	describe_annotations(b, json_object_get(m, "annotations"));
	buf_adds(b, "CreationTimestamp:\t");
	describe_metatime(b, describe_str(m, "creationTimestamp"));
	buf_adds(b, "\n");
	node_taints(b, json_object_get(spec, "taints"));
	buf_addf(b, "Unschedulable:\t%s\n", json_is_true(json_object_get(spec,
	    "unschedulable")) ? "true" : "false");
	node_lease(c, b, name);
	describe_conditions(b, json_object_get(st, "conditions"),
	    "lastHeartbeatTime");
	buf_adds(b, "Addresses:\n");
	json_array_foreach(json_object_get(st, "addresses"), i, v)
		buf_addf(b, "  %s:\t%s\n", describe_s(v, "type"), describe_s(v,
		    "address"));
	node_list(b, "Capacity", json_object_get(st, "capacity"));
	node_list(b, "Allocatable", json_object_get(st, "allocatable"));
	buf_addf(b, "System Info:\n  Machine ID:\t%s\n  System UUID:\t%s\n"
	    "  Boot ID:\t%s\n  Kernel Version:\t%s\n  OS Image:\t%s\n"
	    "  Operating System:\t%s\n  Architecture:\t%s\n"
	    "  Container Runtime Version:\t%s\n  Kubelet Version:\t%s\n"
	    "  Kube-Proxy Version:\t%s\n", describe_s(info, "machineID"),
	    describe_s(info, "systemUUID"), describe_s(info, "bootID"),
	    describe_s(info, "kernelVersion"), describe_s(info, "osImage"),
	    describe_s(info, "operatingSystem"), describe_s(info,
	    "architecture"), describe_s(info, "containerRuntimeVersion"),
	    describe_s(info, "kubeletVersion"), describe_s(info,
	    "kubeProxyVersion"));
	if (*describe_s(spec, "podCIDR") != '\0')
		buf_addf(b, "PodCIDR:\t%s\n", describe_s(spec, "podCIDR"));
	if (json_array_size(json_object_get(spec, "podCIDRs")) > 0) {
		buf_adds(b, "PodCIDRs:\t");
		describe_join(b, json_object_get(spec, "podCIDRs"), ",");
		buf_adds(b, "\n");
	}
	if (*describe_s(spec, "providerID") != '\0')
		buf_addf(b, "ProviderID:\t%s\n", describe_s(spec,
		    "providerID"));
	/* the node's pods that have not ended, in every namespace */
	buf_adds(&path, "/api/v1/pods");
	{
		struct buf sel = BUF_INIT(4096);

		buf_addf(&sel, "spec.nodeName=%s,status.phase!=Succeeded,"
		    "status.phase!=Failed", name);
		cli_query_arg(&path, "fieldSelector", buf_str(&sel));
		buf_release(&sel);
	}
	if (cli_get_json(c, buf_str(&path), &pods, &err) < 0) {
		if (err.reason == ERR_FORBIDDEN)
			buf_adds(b, "Pods:\tnot authorized\n");
		else
			node_resources(c, b, node, NULL);
	} else
		node_resources(c, b, node, json_object_get(pods, "items"));
	json_decref(pods);
	buf_release(&path);
	describe_events_of(c, node, "Node", NULL, name, b);
}
