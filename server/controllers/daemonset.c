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
 *    pods on nodes that should not run one, are deleted (but one on a
 *    node with only an untolerated NoSchedule taint stays, as upstream).
 *  - Revisions are ControllerRevisions (<name>-<hash>, the template as a
 *    strategic-merge patch with $patch: replace, revision numbers), the
 *    pods labelled controller-revision-hash and pod-template-generation,
 *    so `kubectl rollout history/undo daemonset` work.
 *  - RollingUpdate replaces pods of older revisions at most maxUnavailable
 *    (default 1) unavailable at a time, or with maxSurge, a new pod beside
 *    the old one on at most that many nodes at a time, the old one going
 *    once the new one is available; OnDelete leaves them.
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

/* Whether the daemon should run on node: 2 yes; 1 no new pod, but one
 * there may stay (a NoSchedule taint it does not tolerate, as a node
 * gone unreachable gets, and no such NoExecute one); 0 no. */
static int
ds_should_run(const json_t *ds, const json_t *node, const json_t *tols)
{
	const json_t *spec = ds_get(ds_get(ds, "spec", "template"), "spec",
	    NULL), *sel = json_object_get(spec, "nodeSelector"), *v, *t;
	const json_t *labels = ds_get(node, "metadata", "labels"), *req;
	const char *k;
	size_t i;
	int keep = 2;

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

		if (sched_tolerates(tols, t))
			continue;
		if (strcmp(eff, "NoExecute") == 0)
			return 0;
		if (strcmp(eff, "NoSchedule") == 0)
			keep = 1;
	}
	return keep;
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

/* maxUnavailable or maxSurge of the rolling update: a count, or a
 * percentage of the desired pods rounded up (as upstream); def when
 * unset. */
static long
ds_scaled(const struct cobj *ds, const char *field, long desired, long def)
{
	const json_t *v = ds_get(ds_get(ds_get(ds->obj, "spec",
	    "updateStrategy"), "rollingUpdate", NULL), field, NULL);

	if (json_is_integer(v))
		return (long)json_integer_value(v);
	if (json_string_value(v) != NULL)
		return (desired * atol(json_string_value(v)) + 99) / 100;
	return def;
}

static int
ds_is_new(const struct cobj *p, const char *hash)
{
	const char *ph = ds_str(ds_get(p->obj, "metadata", "labels"),
	    DS_HASH);

	return ph != NULL && strcmp(ph, hash) == 0;
}

static void
ds_delete(struct ctl *c, const struct cobj *ds, struct cobj *p)
{
	struct err err;

	err_clear(&err);
	if (ctl_delete(c, p, NULL, &err) == 0)
		recorder_event(c->srv->recorder, ds, DS_COMPONENT, "Normal",
		    "SuccessfulDelete", "Deleted pod: %s", p->name);
}

/* What a sync sees: per node, whether it should run the daemon and its
 * pod of an older revision and of the current one. */
struct ds_view {
	const struct cobj *ds;
	const char	*hash;
	long		 min_ready;
	time_t		 now;
	long		 recheck;	/* seconds until a pod is available */
	size_t		 n;
	int		*should;
	struct cobj	**old, **cur;
};

static int
ds_available(struct ds_view *v, const struct cobj *p)
{
	long wait = 0;

	if (podutil_available(p->obj, v->min_ready, v->now, &wait))
		return 1;
	if (wait > 0 && (v->recheck == 0 || wait < v->recheck))
		v->recheck = wait;
	return 0;
}

/* What a rolling update does on a node that has only an old pod. */
typedef int ds_step_fn(struct ctl *c, struct ds_view *v, size_t i,
    const struct cache_page *nodes);

static int
ds_step_delete(struct ctl *c, struct ds_view *v, size_t i,
    const struct cache_page *nodes)
{
	ds_delete(c, v->ds, v->old[i]);
	v->old[i] = NULL;
	return 0;
}

static int
ds_step_create(struct ctl *c, struct ds_view *v, size_t i,
    const struct cache_page *nodes)
{
	struct err err;

	err_clear(&err);
	return ds_create(c, v->ds, nodes->items[i]->name, v->hash, &err);
}

/* step on the nodes that should run the daemon and have only an old pod:
 * those whose pod is unavailable first (replacing them costs nothing),
 * then the others while *count (pods unavailable, or nodes surging) stays
 * under limit. */
static int
ds_roll_old(struct ctl *c, struct ds_view *v, long limit, long *count,
    ds_step_fn *step, const struct cache_page *nodes)
{
	int rc = 0;

	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < v->n; i++) {
			int av;

			if (!v->should[i] || v->old[i] == NULL ||
			    v->cur[i] != NULL)
				continue;
			av = podutil_available(v->old[i]->obj, v->min_ready,
			    v->now, NULL);
			if ((pass == 0 && av) || (pass == 1 && (!av ||
			    *count >= limit)))
				continue;
			if (step(c, v, i, nodes) < 0)
				rc = -1;
			if (av)
				(*count)++;
		}
	return rc;
}

/* RollingUpdate with maxUnavailable: old pods go while the unavailable
 * ones stay within it; the manage pass makes their replacements. */
static void
ds_roll_unavailable(struct ctl *c, struct ds_view *v, long desired,
    long unavailable, const struct cache_page *nodes)
{
	long budget = ds_scaled(v->ds, "maxUnavailable", desired, 1);

	ds_roll_old(c, v, budget < 1 ? 1 : budget, &unavailable,
	    ds_step_delete, nodes);
}

/*
 * RollingUpdate with maxSurge, as upstream: a node whose old pod is not
 * available gets its new pod at once; up to maxSurge nodes with an
 * available old pod get a new one beside it; the old pod goes once the
 * new one is available.
 */
static int
ds_roll_surge(struct ctl *c, struct ds_view *v, long surge,
    const struct cache_page *nodes)
{
	long busy = 0;

	for (size_t i = 0; i < v->n; i++)
		if (v->should[i] && v->old[i] != NULL && v->cur[i] != NULL) {
			if (!ds_available(v, v->cur[i]))
				busy++;		/* surging here */
			else
				ds_step_delete(c, v, i, nodes);
		}
	return ds_roll_old(c, v, surge, &busy, ds_step_create, nodes);
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
	const char *strategy;
	long desired = 0, current = 0, updated = 0, ready = 0, avail = 0,
	    mis = 0, unavailable = 0, surge = 0;
	size_t n = 0, i, j, nk;
	struct ds_view v;
	struct err err;
	int rc = 0, made = 0;

	memset(&nodes, 0, sizeof nodes);
	memset(&v, 0, sizeof v);
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
	v = (struct ds_view){ ds, hash, (long)json_integer_value(ds_get(
	    ds->obj, "spec", "minReadySeconds")), time(NULL), 0, nodes.n,
	    calloc(nodes.n + 1, sizeof *v.should), calloc(nodes.n + 1,
	    sizeof *v.old), calloc(nodes.n + 1, sizeof *v.cur) };
	if (v.should == NULL || v.old == NULL || v.cur == NULL) {
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
	strategy = ds_str(ds_get(ds->obj, "spec", "updateStrategy"), "type") ?:
	    "RollingUpdate";
	for (i = 0; i < nodes.n; i++)
		if ((v.should[i] = ds_should_run(ds->obj, nodes.items[i]->obj,
		    tols)) == 2)
			desired++;
	if (strcmp(strategy, "RollingUpdate") == 0)
		surge = ds_scaled(ds, "maxSurge", desired, 0);
	for (i = 0; i < nodes.n; i++) {
		struct cobj *p, *oldest;

		keys = multimap_values(&bynode, nodes.items[i]->name, &nk);
		if (v.should[i] == 2 && nk == 0 && made < DS_BURST) {
			err_clear(&err);
			if (ds_create(c, ds, nodes.items[i]->name, hash,
			    &err) < 0)
				rc = -1;
			made++;
		} else if (v.should[i] < 2 && nk > 0) {
			mis++;
		}
		/* one pod per node; with maxSurge, one old and one new */
		for (j = 0; j < nk; j++) {
			int isnew;

			p = pods[atol(keys[j])];
			isnew = ds_is_new(p, hash);
			if (v.should[i] == 0 || (surge > 0 ? (isnew ? v.cur[i] :
			    v.old[i]) != NULL : v.old[i] != NULL ||
			    v.cur[i] != NULL)) {
				ds_delete(c, ds, p);	/* surplus */
				continue;
			}
			if (isnew)
				v.cur[i] = p;
			else
				v.old[i] = p;
		}
		multimap_free_values(keys, nk);
		/* the status as upstream counts it: by the older pod */
		if (v.should[i] < 2) {
			v.should[i] = 0;	/* not rolled either */
			continue;
		}
		if ((oldest = v.old[i] ?: v.cur[i]) != NULL) {
			current++;
			if (oldest == v.cur[i])
				updated++;
			if (podutil_ready(oldest->obj))
				ready++;
			if (ds_available(&v, oldest))
				avail++;
			else
				unavailable++;
		} else {
			unavailable++;
		}
	}
	if (strcmp(strategy, "RollingUpdate") == 0 && desired > 0) {
		if (surge > 0 && ds_roll_surge(c, &v, surge, &nodes) < 0)
			rc = -1;
		else if (surge <= 0)
			ds_roll_unavailable(c, &v, desired, unavailable,
			    &nodes);
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
	if (v.recheck > 0)
		ctl_enqueue_after(c, key, v.recheck * 1000 + 100);
out:
	free(v.should);
	free(v.old);
	free(v.cur);
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
