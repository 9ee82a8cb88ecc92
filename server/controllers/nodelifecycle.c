/* nodelifecycle.c - kube-controller-manager's node lifecycle controller,
 * its taint manager and the orphan part of pod GC:
 *  - a Node whose kubelet stopped renewing its Lease (and posting status)
 *    for NL_GRACE seconds gets its conditions set to Unknown
 *    ("NodeStatusUnknown", "Kubelet stopped posting node status.");
 *  - a Node whose Ready condition is Unknown is tainted
 *    node.kubernetes.io/unreachable, one whose Ready is False
 *    node.kubernetes.io/not-ready, both NoSchedule and NoExecute, and the
 *    taints go when it is Ready again;
 *  - the pods on a Node with a NoExecute taint they do not tolerate are
 *    deleted (a TaintManagerEviction event), at once or once their
 *    tolerationSeconds have passed since the taint came (pods get 300 s
 *    for these two taints by default), so their controllers replace them;
 *  - the pods of a Node that is deleted are deleted at once.
 * Keys are Node names; each Node is looked at again when its Lease or
 * Node changes, and when its heartbeat would go stale or an eviction is
 * due.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/rfc3339.h"
#include "../recorder.h"
#include "controllers.h"
#include "podutil.h"

#define NL_GRACE	40	/* node-monitor-grace-period, seconds */
#define NL_COMPONENT	"node-controller"
#define NL_UNREACHABLE	"node.kubernetes.io/unreachable"
#define NL_NOT_READY	"node.kubernetes.io/not-ready"

struct nl_state {
	const struct registry_kind *nodes_k, *leases_k, *pods_k;
	struct multimap	 pods;		/* node name -> pod keys */
	time_t		 started;
};

static const char *
nl_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static time_t
nl_time(const char *s)
{
	struct timespec ts;

	if (s == NULL || rfc3339_parse(s, &ts) < 0)
		return 0;
	return ts.tv_sec;
}

static const json_t *
nl_condition(const json_t *node, const char *type)
{
	const json_t *c;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(node, "status"),
	    "conditions"), i, c)
		if (nl_str(c, "type") != NULL && strcmp(nl_str(c, "type"),
		    type) == 0)
			return c;
	return NULL;
}

/* The last sign of life: the Lease's renewTime or the Ready condition's
 * lastHeartbeatTime, whichever is later. */
static time_t
nl_heartbeat(struct ctl *c, const struct cobj *node)
{
	struct nl_state *st = c->priv;
	char key[600];
	struct cobj *lease;
	time_t hb = nl_time(nl_str(nl_condition(node->obj, "Ready"),
	    "lastHeartbeatTime")), t;

	snprintf(key, sizeof key, "kube-node-lease/%s", node->name);
	if ((lease = ctl_get(c, st->leases_k, key)) != NULL) {
		t = nl_time(nl_str(json_object_get(lease->obj, "spec"),
		    "renewTime"));
		if (t > hb)
			hb = t;
		cobj_unref(lease);
	}
	return hb;
}

/* The node's conditions all Unknown, as the controller reports a node
 * that went silent. */
static int
nl_mark_unknown(struct ctl *c, const struct cobj *node)
{
	const json_t *cond;
	json_t *status, *conds;
	char now[64];
	struct err err;
	size_t i;
	int rc;

	rfc3339_format(time(NULL), now, sizeof now);
	status = json_deep_copy(json_object_get(node->obj, "status"));
	if (!json_is_object(status)) {
		json_decref(status);
		status = json_object();
	}
	conds = json_array();
	json_array_foreach(json_object_get(json_object_get(node->obj,
	    "status"), "conditions"), i, cond) {
		json_t *nc = json_deep_copy(cond);

		if (nl_str(cond, "status") == NULL ||
		    strcmp(nl_str(cond, "status"), "Unknown") != 0) {
			json_object_set_new(nc, "status", json_string(
			    "Unknown"));
			json_object_set_new(nc, "reason", json_string(
			    "NodeStatusUnknown"));
			json_object_set_new(nc, "message", json_string(
			    "Kubelet stopped posting node status."));
			json_object_set_new(nc, "lastTransitionTime",
			    json_string(now));
		}
		json_array_append_new(conds, nc);
	}
	if (json_array_size(conds) == 0)
		json_array_append_new(conds, json_pack("{s:s, s:s, s:s, s:s, "
		    "s:s, s:s}", "type", "Ready", "status", "Unknown",
		    "reason", "NodeStatusNeverUpdated", "message", "Kubelet "
		    "never posted node status.", "lastHeartbeatTime", now,
		    "lastTransitionTime", now));
	json_object_set_new(status, "conditions", conds);
	err_clear(&err);
	rc = ctl_put_status(c, node, status, &err);
	json_decref(status);
	if (rc == 0)
		recorder_event(c->srv->recorder, node, NL_COMPONENT, "Normal",
		    "NodeNotReady", "Node %s status is now: NodeNotReady",
		    node->name);
	return rc;
}

/* The pods of a node that went silent are not ready any more (their
 * endpoints go), as MarkPodsNotReady does. */
static void
nl_pods_not_ready(struct ctl *c, const struct cobj *node)
{
	struct nl_state *st = c->priv;
	const json_t *cond;
	struct cobj *pod;
	char **keys, path[1024], now[64];
	struct err err;
	json_t *patch;
	size_t n, i, j;

	rfc3339_format(time(NULL), now, sizeof now);
	keys = multimap_values(&st->pods, node->name, &n);
	for (i = 0; i < n; i++) {
		if ((pod = ctl_get(c, st->pods_k, keys[i])) == NULL)
			continue;
		json_array_foreach(json_object_get(json_object_get(pod->obj,
		    "status"), "conditions"), j, cond) {
			if (nl_str(cond, "type") == NULL ||
			    strcmp(nl_str(cond, "type"), "Ready") != 0 ||
			    nl_str(cond, "status") == NULL ||
			    strcmp(nl_str(cond, "status"), "False") == 0)
				continue;
			patch = json_pack("{s:{s:[{s:s, s:s, s:s}]}}",
			    "status", "conditions", "type", "Ready", "status",
			    "False", "lastTransitionTime", now);
			controllers_path(pod->kind, pod->ns, pod->name, path,
			    sizeof path);
			strncat(path, "/status", sizeof path - strlen(path) -
			    1);
			err_clear(&err);
			client_do(c->srv, "PATCH", path, NULL,
			    "application/strategic-merge-patch+json", patch,
			    NULL, &err);
			json_decref(patch);
		}
		cobj_unref(pod);
	}
	multimap_free_values(keys, n);
}

/* Sets the node's two lifecycle taints to key (NULL: none). */
static int
nl_taints(struct ctl *c, const struct cobj *node, const char *key)
{
	const json_t *t, *cur = json_object_get(json_object_get(node->obj,
	    "spec"), "taints");
	json_t *keep, *patch;
	char now[64], path[600];
	struct err err;
	size_t i;
	int has_ns = 0, has_ne = 0, other = 0, rc;

	json_array_foreach(cur, i, t) {
		const char *k = nl_str(t, "key") ?: "";

		if (strcmp(k, NL_UNREACHABLE) != 0 &&
		    strcmp(k, NL_NOT_READY) != 0)
			continue;
		if (key == NULL || strcmp(k, key) != 0)
			other = 1;
		else if (nl_str(t, "effect") && strcmp(nl_str(t, "effect"),
		    "NoSchedule") == 0)
			has_ns = 1;
		else
			has_ne = 1;
	}
	if (!other && (key == NULL || (has_ns && has_ne)))
		return 0;
	rfc3339_format(time(NULL), now, sizeof now);
	keep = json_array();
	json_array_foreach(cur, i, t) {
		const char *k = nl_str(t, "key") ?: "";

		if ((strcmp(k, NL_UNREACHABLE) != 0 &&
		    strcmp(k, NL_NOT_READY) != 0) || (key != NULL &&
		    strcmp(k, key) == 0))
			json_array_append(keep, (json_t *)t);
	}
	if (key != NULL && !has_ns)
		json_array_append_new(keep, json_pack("{s:s, s:s}", "key",
		    key, "effect", "NoSchedule"));
	if (key != NULL && !has_ne)
		json_array_append_new(keep, json_pack("{s:s, s:s, s:s}", "key",
		    key, "effect", "NoExecute", "timeAdded", now));
	patch = json_pack("{s:{s:o}}", "spec", "taints", keep);
	controllers_path(node->kind, "", node->name, path, sizeof path);
	err_clear(&err);
	rc = client_do(c->srv, "PATCH", path, NULL,
	    "application/merge-patch+json", patch, NULL, &err);
	json_decref(patch);
	return rc < 0 && err.reason != ERR_NOT_FOUND ? -1 : 0;
}

/*
 * The seconds until pod must go for the node's NoExecute taints: 0 now,
 * -1 never (it tolerates them all for ever).
 */
static long
nl_evict_in(const json_t *pod, const json_t *taints, time_t now)
{
	const json_t *tols = json_object_get(json_object_get(pod, "spec"),
	    "tolerations"), *t, *tol;
	long soonest = -1, left;
	size_t i, j;

	json_array_foreach(taints, i, t) {
		const char *eff = nl_str(t, "effect") ?: "";
		const char *k = nl_str(t, "key") ?: "";
		long secs = -2;

		if (strcmp(eff, "NoExecute") != 0)
			continue;
		json_array_foreach(tols, j, tol) {
			const char *tk = nl_str(tol, "key") ?: "";
			const char *op = nl_str(tol, "operator") ?: "Equal";
			const char *te = nl_str(tol, "effect") ?: "";
			const json_t *ts = json_object_get(tol,
			    "tolerationSeconds");

			if (te[0] != '\0' && strcmp(te, "NoExecute") != 0)
				continue;
			if (tk[0] != '\0' && strcmp(tk, k) != 0)
				continue;
			if (tk[0] == '\0' && strcmp(op, "Exists") != 0)
				continue;
			if (strcmp(op, "Exists") != 0 && strcmp(nl_str(tol,
			    "value") ?: "", nl_str(t, "value") ?: "") != 0)
				continue;
			if (!json_is_integer(ts)) {
				secs = -1;	/* for ever */
				break;
			}
			if (secs == -2 || json_integer_value(ts) > secs)
				secs = (long)json_integer_value(ts);
		}
		if (secs == -1)
			continue;
		if (secs == -2)
			return 0;		/* not tolerated */
		left = (long)(nl_time(nl_str(t, "timeAdded")) + secs - now);
		if (left < 0)
			left = 0;
		if (soonest < 0 || left < soonest)
			soonest = left;
	}
	return soonest;
}

/* Deletes the pods of node that must go now; the seconds until the next
 * one must (-1: none). */
static long
nl_evict(struct ctl *c, const struct cobj *node, int gone)
{
	struct nl_state *st = c->priv;
	const json_t *taints = json_object_get(json_object_get(node->obj,
	    "spec"), "taints");
	char **keys;
	size_t n, i;
	time_t now = time(NULL);
	long next = -1, in;
	struct cobj *pod;
	struct err err;

	keys = multimap_values(&st->pods, node->name, &n);
	for (i = 0; i < n; i++) {
		if ((pod = ctl_get(c, st->pods_k, keys[i])) == NULL)
			continue;
		if (!gone && json_object_get(json_object_get(pod->obj,
		    "metadata"), "deletionTimestamp") != NULL) {
			cobj_unref(pod);
			continue;
		}
		in = gone ? 0 : nl_evict_in(pod->obj, taints, now);
		if (in == 0) {
			char path[1024];
			json_t *opts = json_pack("{s:s, s:s, s:i, s:{s:s?}}",
			    "kind", "DeleteOptions", "apiVersion", "v1",
			    "gracePeriodSeconds", 0, "preconditions", "uid",
			    podutil_meta(pod->obj, "uid"));

			if (!gone)
				recorder_event(c->srv->recorder, pod,
				    "taint-eviction-controller", "Normal",
				    "TaintManagerEviction", "Marking for "
				    "deletion Pod %s", keys[i]);
			controllers_path(pod->kind, pod->ns, pod->name, path,
			    sizeof path);
			err_clear(&err);
			/* a pod of a gone node at once; an evicted one with
			 * its grace, for its kubelet if it comes back */
			client_do(c->srv, "DELETE", path, NULL, NULL,
			    gone ? opts : NULL, NULL, &err);
			json_decref(opts);
		} else if (in > 0 && (next < 0 || in < next)) {
			next = in;
		}
		cobj_unref(pod);
	}
	multimap_free_values(keys, n);
	return next;
}

static int
nl_sync(struct ctl *c, const char *key)
{
	struct nl_state *st = c->priv;
	struct cobj *node = ctl_get(c, st->nodes_k, key);
	const json_t *ready;
	const char *rs, *taint = NULL;
	time_t hb, now = time(NULL);
	long next = -1, ev;
	int rc = 0;

	if (node == NULL) {
		/* gone: its pods go too (pod GC of orphans) */
		struct cobj fake = { 0 };
		json_t *obj = json_pack("{s:{s:s}}", "metadata", "name", key);

		fake.kind = st->nodes_k;
		fake.name = key;
		fake.ns = (char *)"";
		fake.obj = obj;
		nl_evict(c, &fake, 1);
		json_decref(obj);
		return 0;
	}
	hb = nl_heartbeat(c, node);
	ready = nl_condition(node->obj, "Ready");
	rs = nl_str(ready, "status");
	/* silent too long (a server that just started gives agents a
	 * grace period first) */
	if (now - hb > NL_GRACE && now - st->started > NL_GRACE &&
	    (rs == NULL || strcmp(rs, "Unknown") != 0)) {
		if (nl_mark_unknown(c, node) < 0)
			rc = -1;
		else
			nl_pods_not_ready(c, node);
		cobj_unref(node);
		return rc;	/* the change comes back as an event */
	}
	if (rs == NULL || strcmp(rs, "Unknown") == 0)
		taint = NL_UNREACHABLE;
	else if (strcmp(rs, "False") == 0)
		taint = NL_NOT_READY;
	if (nl_taints(c, node, taint) < 0)
		rc = -1;
	if (json_object_get(json_object_get(node->obj, "spec"), "taints") !=
	    NULL && (ev = nl_evict(c, node, 0)) >= 0)
		next = ev + 1;
	if (rs != NULL && strcmp(rs, "True") == 0) {
		long stale = (long)(hb + NL_GRACE - now) + 1;

		if (stale < 1)
			stale = 1;
		if (next < 0 || stale < next)
			next = stale;
	}
	if (next > 0)
		ctl_enqueue_after(c, key, next * 1000);
	cobj_unref(node);
	return rc;
}

static void
nl_node_event(struct ctl *c, const struct cevent *ev)
{
	ctl_enqueue_obj(c, ev->obj);
}

static void
nl_lease_event(struct ctl *c, const struct cevent *ev)
{
	if (strcmp(ev->obj->ns, "kube-node-lease") == 0 &&
	    ev->type != CEV_DELETED)
		ctl_enqueue(c, ev->obj->name);
}

static int
nl_lease_filter(struct ctl *c, const struct cobj *o)
{
	return strcmp(o->ns, "kube-node-lease") == 0;
}

static const char *
nl_pod_node(const struct cobj *o)
{
	const char *n = json_string_value(json_object_get(json_object_get(
	    o->obj, "spec"), "nodeName"));

	return n != NULL && n[0] != '\0' ? n : NULL;
}

static void
nl_pod_event(struct ctl *c, const struct cevent *ev)
{
	struct nl_state *st = c->priv;
	char key[600];
	const char *n;

	snprintf(key, sizeof key, "%s/%s", ev->obj->ns, ev->obj->name);
	if (ev->prev != NULL && (n = nl_pod_node(ev->prev)) != NULL)
		multimap_del(&st->pods, n, key);
	if (ev->type != CEV_DELETED && (n = nl_pod_node(ev->obj)) != NULL)
		multimap_add(&st->pods, n, key);
}

static int
nl_init(struct ctl *c, struct err *err)
{
	struct nl_state *st = calloc(1, sizeof *st);

	if (st == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	c->priv = st;
	st->started = time(NULL);
	st->nodes_k = registry_find("", "nodes");
	st->leases_k = registry_find("coordination.k8s.io", "leases");
	st->pods_k = registry_find("", "pods");
	/* pods first: a node's sync finds its pods indexed */
	if (ctl_watch_kind(c, st->pods_k, nl_pod_event, err) < 0 ||
	    ctl_watch_kind(c, st->nodes_k, nl_node_event, err) < 0 ||
	    ctl_watch_filtered(c, st->leases_k, nl_lease_filter,
	    nl_lease_event, err) < 0)
		return -1;
	return 0;
}

static void
nl_fini(struct ctl *c)
{
	struct nl_state *st = c->priv;

	if (st == NULL)
		return;
	multimap_release(&st->pods);
	free(st);
	c->priv = NULL;
}

const struct controller controller_nodelifecycle = {
	.name = "nodelifecycle",
	.init = nl_init,
	.fini = nl_fini,
	.sync = nl_sync,
};
