/* daemonset.c - kube-controller-manager's DaemonSet controller: one pod
 * of the template on every node that should run it.
 *
 * Keys are "namespace/name" of DaemonSets; a DaemonSet is looked at when
 * it or one of its pods changes and when any Node appears or changes.
 *  - A node should run the daemon when the template's nodeSelector and
 *    required node affinity match it and it has no NoSchedule or
 *    NoExecute taint the pod does not tolerate (daemon pods tolerate the
 *    node.kubernetes.io not-ready, unreachable, disk-pressure,
 *    memory-pressure, pid-pressure and unschedulable taints, as upstream
 *    adds them).  The pod is made with a required node affinity on the
 *    node's metadata.name and placed by the scheduler; surplus pods, and
 *    pods on nodes that should not run one, are deleted.
 *  - Revisions are ControllerRevisions (<name>-<hash>, the template as a
 *    strategic-merge patch with $patch: replace, revision numbers), the
 *    pods labelled controller-revision-hash and pod-template-generation,
 *    so `kubectl rollout history/undo daemonset` work.
 *  - RollingUpdate replaces pods of older revisions at most maxUnavailable
 *    (default 1) unavailable at a time; OnDelete leaves them.
 *  - status: desired, current and updated numbers scheduled, ready,
 *    available, unavailable, misscheduled, observedGeneration.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/multimap.h"
#include "../recorder.h"
#include "../scheduler/plugins.h"
#include "controllers.h"
#include "history.h"
#include "podutil.h"

#define DS_COMPONENT	"daemonset-controller"
#define DS_HASH		"controller-revision-hash"
#define DS_GEN		"pod-template-generation"
#define DS_BURST	500

struct ds_state {
	const struct registry_kind *ds_k, *pods_k, *nodes_k, *cr_k;
	struct ctl_owned pods;
	struct ctl_owned revisions;
};

static const char *
ds_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static const json_t *
ds_get(const json_t *o, const char *a, const char *b)
{
	const json_t *v = json_object_get(o, a);

	return b != NULL ? json_object_get(v, b) : v;
}

/* The tolerations every daemon pod has, besides its template's. */
static json_t *
ds_tolerations(const json_t *tmpl_spec)
{
	static const char *const ne[] = { "node.kubernetes.io/not-ready",
	    "node.kubernetes.io/unreachable", NULL };
	static const char *const ns[] = { "node.kubernetes.io/disk-pressure",
	    "node.kubernetes.io/memory-pressure",
	    "node.kubernetes.io/pid-pressure",
	    "node.kubernetes.io/unschedulable", NULL };
	json_t *tols = json_deep_copy(json_object_get(tmpl_spec,
	    "tolerations"));
	int i;

	if (!json_is_array(tols)) {
		json_decref(tols);
		tols = json_array();
	}
	for (i = 0; ne[i] != NULL; i++)
		json_array_append_new(tols, json_pack("{s:s, s:s, s:s}", "key",
		    ne[i], "operator", "Exists", "effect", "NoExecute"));
	for (i = 0; ns[i] != NULL; i++)
		json_array_append_new(tols, json_pack("{s:s, s:s, s:s}", "key",
		    ns[i], "operator", "Exists", "effect", "NoSchedule"));
	if (json_is_true(json_object_get(tmpl_spec, "hostNetwork")))
		json_array_append_new(tols, json_pack("{s:s, s:s, s:s}", "key",
		    "node.kubernetes.io/network-unavailable", "operator",
		    "Exists", "effect", "NoSchedule"));
	return tols;
}

/* Whether the daemon should run on node. */
static int
ds_should_run(const json_t *ds, const json_t *node, const json_t *tols)
{
	const json_t *spec = ds_get(ds_get(ds, "spec", "template"), "spec",
	    NULL), *sel = json_object_get(spec, "nodeSelector"), *v, *t;
	const json_t *labels = ds_get(node, "metadata", "labels"), *req;
	const char *k;
	size_t i;

	json_object_foreach((json_t *)sel, k, v)
		if (ds_str(labels, k) == NULL || json_string_value(v) == NULL ||
		    strcmp(ds_str(labels, k), json_string_value(v)) != 0)
			return 0;
	req = ds_get(ds_get(json_object_get(spec, "affinity"),
	    "nodeAffinity", NULL), "requiredDuringSchedulingIgnoredDuring"
	    "Execution", NULL);
	if (req != NULL && !sched_node_selector_terms(json_object_get(req,
	    "nodeSelectorTerms"), node))
		return 0;
	json_array_foreach(ds_get(node, "spec", "taints"), i, t) {
		const char *eff = ds_str(t, "effect") ?: "";

		if ((strcmp(eff, "NoSchedule") == 0 ||
		    strcmp(eff, "NoExecute") == 0) &&
		    !sched_tolerates(tols, t))
			return 0;
	}
	return 1;
}

/* A daemon pod for node. */
static int
ds_create(struct ctl *c, const struct cobj *ds, const char *node,
    const char *hash, struct err *err)
{
	struct ds_state *st = c->priv;
	const json_t *tmpl = ds_get(ds->obj, "spec", "template");
	char prefix[300], gen[32];
	json_t *pod, *spec, *aff, *labels, *out = NULL;
	int rc;

	snprintf(prefix, sizeof prefix, "%.57s-", ds->name);
	pod = podutil_from_template(tmpl, ds->obj, "apps/v1", "DaemonSet",
	    prefix, 1);
	if (pod == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	labels = (json_t *)ds_get(pod, "metadata", "labels");
	if (!json_is_object(labels)) {
		labels = json_object();
		json_object_set_new(json_object_get(pod, "metadata"), "labels",
		    labels);
	}
	snprintf(gen, sizeof gen, "%lld", (long long)json_integer_value(
	    ds_get(ds->obj, "metadata", "generation")));
	json_object_set_new(labels, DS_HASH, json_string(hash));
	json_object_set_new(labels, DS_GEN, json_string(gen));
	spec = json_object_get(pod, "spec");
	json_object_set_new(spec, "tolerations", ds_tolerations(
	    json_object_get(tmpl, "spec")));
	/* placed by the scheduler, on that node only */
	aff = json_pack("{s:{s:[{s:[{s:s, s:s, s:[s]}]}]}}",
	    "requiredDuringSchedulingIgnoredDuringExecution",
	    "nodeSelectorTerms", "matchFields", "key", "metadata.name",
	    "operator", "In", "values", node);
	if (!json_is_object(json_object_get(spec, "affinity")))
		json_object_set_new(spec, "affinity", json_object());
	json_object_set_new(json_object_get(spec, "affinity"), "nodeAffinity",
	    aff);
	rc = ctl_create(c, st->pods_k, ds->ns, pod, &out, err);
	if (rc == 0)
		recorder_event(c->srv->recorder, ds, DS_COMPONENT, "Normal",
		    "SuccessfulCreate", "Created pod: %s",
		    podutil_meta(out, "name") ?: "");
	else
		recorder_event(c->srv->recorder, ds, DS_COMPONENT, "Warning",
		    "FailedCreate", "Error creating: %s", err->msg);
	json_decref(out);
	json_decref(pod);
	return rc;
}

/* The node a daemon pod is for: its nodeName, else its affinity's. */
static const char *
ds_pod_node(const json_t *pod)
{
	const char *n = ds_str(json_object_get(pod, "spec"), "nodeName");
	const json_t *terms, *f;

	if (n != NULL && n[0] != '\0')
		return n;
	terms = ds_get(ds_get(ds_get(ds_get(pod, "spec", "affinity"),
	    "nodeAffinity", NULL), "requiredDuringSchedulingIgnoredDuring"
	    "Execution", NULL), "nodeSelectorTerms", NULL);
	f = json_array_get(json_object_get(json_array_get(terms, 0),
	    "matchFields"), 0);
	if (ds_str(f, "key") && strcmp(ds_str(f, "key"), "metadata.name") ==
	    0)
		return json_string_value(json_array_get(json_object_get(f,
		    "values"), 0));
	return NULL;
}

static int
ds_sync(struct ctl *c, const char *key)
{
	struct ds_state *st = c->priv;
	struct cobj *ds = ctl_get(c, st->ds_k, key), **pods = NULL;
	struct cache_page nodes;
	struct multimap bynode = MULTIMAP_INIT;
	json_t *tols = NULL, *status;
	char hash[64], **keys;
	const char *strategy, *mu;
	long desired = 0, current = 0, updated = 0, ready = 0, avail = 0,
	    mis = 0, unavail_budget, unavailable = 0, min_ready, wait,
	    recheck = 0;
	size_t n = 0, i, j, nk;
	time_t now = time(NULL);
	struct err err;
	int rc = 0, made = 0;

	memset(&nodes, 0, sizeof nodes);
	if (ds == NULL)
		return 0;
	err_clear(&err);
	if (json_object_get(ds_get(ds->obj, "metadata", NULL),
	    "deletionTimestamp") != NULL ||
	    cache_list(c->srv->cache, st->nodes_k, "", NULL, 0, NULL, NULL,
	    &nodes, &err) < 0)
		goto out;
	if (history_current(c, &st->revisions, st->cr_k, ds, "DaemonSet",
	    hash, sizeof hash, NULL) < 0) {
		rc = -1;
		goto out;
	}
	tols = ds_tolerations(ds_get(ds_get(ds->obj, "spec", "template"),
	    "spec", NULL));
	pods = ctl_owned_objs(c, &st->pods, st->pods_k, ds->obj, &n);
	for (i = 0; i < n; i++) {
		char idx[32];
		const char *node = ds_pod_node(pods[i]->obj);

		if (node == NULL || !podutil_active(pods[i]->obj))
			continue;
		snprintf(idx, sizeof idx, "%zu", i);
		multimap_add(&bynode, node, idx);
	}
	min_ready = (long)json_integer_value(ds_get(ds->obj, "spec",
	    "minReadySeconds"));
	strategy = ds_str(ds_get(ds->obj, "spec", "updateStrategy"), "type") ?:
	    "RollingUpdate";
	for (i = 0; i < nodes.n; i++) {
		const json_t *node = nodes.items[i]->obj;
		int should = ds_should_run(ds->obj, node, tols);

		keys = multimap_values(&bynode, nodes.items[i]->name, &nk);
		if (should) {
			desired++;
			if (nk == 0 && made < DS_BURST) {
				err_clear(&err);
				if (ds_create(c, ds, nodes.items[i]->name,
				    hash, &err) < 0)
					rc = -1;
				made++;
			}
		} else if (nk > 0) {
			mis++;
		}
		for (j = 0; j < nk; j++) {
			struct cobj *p = pods[atol(keys[j])];
			const char *ph = ds_str(ds_get(p->obj, "metadata",
			    "labels"), DS_HASH);

			/* surplus, or on a node that should not run it */
			if (!should || j > 0) {
				err_clear(&err);
				if (ctl_delete(c, p, NULL, &err) == 0)
					recorder_event(c->srv->recorder, ds,
					    DS_COMPONENT, "Normal",
					    "SuccessfulDelete", "Deleted pod: "
					    "%s", p->name);
				continue;
			}
			current++;
			if (ph != NULL && strcmp(ph, hash) == 0)
				updated++;
			if (podutil_ready(p->obj))
				ready++;
			if (podutil_available(p->obj, min_ready, now, &wait))
				avail++;
			else {
				unavailable++;
				if (wait > 0 && (recheck == 0 || wait < recheck))
					recheck = wait;
			}
		}
		if (should && nk == 0)
			unavailable++;
		multimap_free_values(keys, nk);
	}
	/* RollingUpdate: old pods go while the unavailable ones stay within
	 * maxUnavailable */
	if (strcmp(strategy, "RollingUpdate") == 0 && desired > 0) {
		const json_t *m = ds_get(ds_get(ds_get(ds->obj, "spec",
		    "updateStrategy"), "rollingUpdate", NULL),
		    "maxUnavailable", NULL);

		mu = json_string_value(m);
		unavail_budget = json_is_integer(m) ?
		    (long)json_integer_value(m) : mu != NULL ?
		    desired * atol(mu) / 100 : 1;
		if (unavail_budget < 1)
			unavail_budget = 1;
		/* unavailable old ones first: they cost nothing */
		for (int pass = 0; pass < 2; pass++)
			for (i = 0; i < n; i++) {
				const char *ph = ds_str(ds_get(pods[i]->obj,
				    "metadata", "labels"), DS_HASH);
				int av;

				if (!podutil_active(pods[i]->obj) ||
				    (ph != NULL && strcmp(ph, hash) == 0))
					continue;
				av = podutil_available(pods[i]->obj, min_ready,
				    now, NULL);
				if (pass == 0 && av)
					continue;
				if (pass == 1 && (!av || unavailable >=
				    unavail_budget))
					continue;
				err_clear(&err);
				if (ctl_delete(c, pods[i], NULL, &err) < 0)
					continue;
				recorder_event(c->srv->recorder, ds,
				    DS_COMPONENT, "Normal", "SuccessfulDelete",
				    "Deleted pod: %s", pods[i]->name);
				if (av)
					unavailable++;
			}
	}
	status = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
	    "currentNumberScheduled", (json_int_t)current,
	    "numberMisscheduled", (json_int_t)mis, "desiredNumberScheduled",
	    (json_int_t)desired, "numberReady", (json_int_t)ready,
	    "observedGeneration", (json_int_t)json_integer_value(ds_get(
	    ds->obj, "metadata", "generation")), "updatedNumberScheduled",
	    (json_int_t)updated, "numberAvailable", (json_int_t)avail,
	    "numberUnavailable", (json_int_t)(desired - avail > 0 ?
	    desired - avail : 0));
	if (json_object_get(ds_get(ds->obj, "status", NULL),
	    "collisionCount") != NULL)
		json_object_set(status, "collisionCount", json_object_get(
		    ds_get(ds->obj, "status", NULL), "collisionCount"));
	if (!json_integer_value(json_object_get(status, "numberAvailable")))
		json_object_del(status, "numberAvailable");
	if (!json_integer_value(json_object_get(status, "numberUnavailable")))
		json_object_del(status, "numberUnavailable");
	if (!json_integer_value(json_object_get(status,
	    "updatedNumberScheduled")))
		json_object_del(status, "updatedNumberScheduled");
	err_clear(&err);
	if (ctl_put_status(c, ds, status, &err) < 0 &&
	    err.reason != ERR_NOT_FOUND)
		rc = -1;
	json_decref(status);
	if (recheck > 0)
		ctl_enqueue_after(c, key, recheck * 1000 + 100);
out:
	multimap_release(&bynode);
	json_decref(tols);
	ctl_objs_release(pods, n);
	cache_page_release(&nodes);
	cobj_unref(ds);
	return rc;
}

static void
ds_event(struct ctl *c, const struct cevent *ev)
{
	ctl_enqueue_obj(c, ev->obj);
}

/* A node came or changed: every DaemonSet may want a pod there. */
static void
ds_node_event(struct ctl *c, const struct cevent *ev)
{
	struct ds_state *st = c->priv;
	struct cache_page page;
	struct err err;
	size_t i;

	if (ev->type == CEV_MODIFIED && ev->prev != NULL &&
	    json_equal(json_object_get(ev->obj->obj, "spec"),
	    json_object_get(ev->prev->obj, "spec")) &&
	    json_equal(ds_get(ev->obj->obj, "metadata", "labels"),
	    ds_get(ev->prev->obj, "metadata", "labels")))
		return;		/* only its status moved */
	err_clear(&err);
	if (cache_list(c->srv->cache, st->ds_k, "", NULL, 0, NULL, NULL,
	    &page, &err) < 0)
		return;
	for (i = 0; i < page.n; i++)
		ctl_enqueue_obj(c, page.items[i]);
	cache_page_release(&page);
}

static int
ds_init(struct ctl *c, struct err *err)
{
	struct ds_state *st = calloc(1, sizeof *st);

	if (st == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	c->priv = st;
	st->ds_k = registry_find("apps", "daemonsets");
	st->pods_k = registry_find("", "pods");
	st->nodes_k = registry_find("", "nodes");
	st->cr_k = registry_find("apps", "controllerrevisions");
	if (ctl_watch_owned(c, st->pods_k, &st->pods, "DaemonSet", err) < 0 ||
	    ctl_watch_owned(c, st->cr_k, &st->revisions, "DaemonSet",
	    err) < 0 || ctl_watch_kind(c, st->nodes_k, ds_node_event,
	    err) < 0 || ctl_watch_kind(c, st->ds_k, ds_event, err) < 0)
		return -1;
	return 0;
}

static void
ds_fini(struct ctl *c)
{
	struct ds_state *st = c->priv;

	if (st == NULL)
		return;
	ctl_owned_release(&st->pods);
	ctl_owned_release(&st->revisions);
	free(st);
	c->priv = NULL;
}

const struct controller controller_daemonset = {
	.name = "daemonset",
	.init = ds_init,
	.fini = ds_fini,
	.sync = ds_sync,
};
