/* scheduler.c - kube-scheduler inside kubec-server: places pending pods
 * on nodes and binds them through pods/binding.
 *
 * It runs as one of the controllers (controllers.h): informers on nodes
 * and pods keep an account of every node's requested resources, host
 * ports and pods per controller; its work queue holds the pods to place.
 * A pod is filtered against the nodes (plugins.c), starting where the
 * last pod stopped and, in a large cluster, stopping once enough nodes
 * fit (kube-scheduler's percentageOfNodesToScore), scored, assumed on
 * the best node (counted there before the binding lands, so the next pod
 * sees it) and bound.  A pod that fits nowhere gets kube-scheduler's
 * FailedScheduling event and PodScheduled=False condition and waits
 * until a node or a pod changes in a way that may make room (or a
 * minute passes), then for what is left of its backoff, as
 * kube-scheduler's backoff queue: 1 s after its first failed attempt,
 * doubling with each, at most 10 s; a failed binding is retried with
 * backoff.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/hmap.h"
#include "../../lib/rfc3339.h"
#include "../controllers/controllers.h"
#include "../controllers/pool.h"
#include "../recorder.h"
#include "interpod.h"
#include "plugins.h"

#define SCHED_NAME		"default-scheduler"
#define SCHED_RETRY_MS		60000	/* an unschedulable pod, at least */
#define SCHED_BACKOFF_MS	1000	/* podInitialBackoffSeconds */
#define SCHED_BACKOFF_MAX_MS	10000	/* podMaxBackoffSeconds */
#define SCHED_MIN_FEASIBLE	100	/* kube-scheduler's minFeasibleNodes */

/* A pod counted on a node. */
struct sched_assigned {
	char		*key;		/* "ns/name" */
	struct sched_pod p;
	struct sched_existing ex;	/* for the inter-pod plugins */
};

/* An unschedulable pod's failed attempts, for its backoff. */
struct sc_tries {
	char		*key;		/* "ns/name" */
	int		 n;
	long long	 at_ms;		/* the last one (monotonic) */
};

/* A pod that preempted others, counted on its nominated node until it
 * is placed (so that the room made is not taken by another). */
struct sc_nomination {
	char		*key;
	char		*node;
	struct sched_pod p;
};

struct sched {
	const struct registry_kind *pods_k, *nodes_k, *pvc_k, *pv_k, *sc_k,
			 *ns_k;
	struct hmap	 nodes;		/* name -> struct sched_node */
	struct hmap	 assigned;	/* pod key -> struct sched_assigned */
	struct hmap	 waiting;	/* unschedulable pod keys (own copy) */
	struct hmap	 tries;		/* pod key -> struct sc_tries */
	struct hmap	 waitpods;	/* those of them that other pods kept
					 * out (inter-pod plugins) */
	struct hmap	 nominated;	/* pod key -> struct sc_nomination */
	/* the assigned pods as the inter-pod plugins see them: all, and
	 * those with pod (anti-)affinity terms */
	struct sched_existing **pods, **termed;
	size_t		 npods, podcap, ntermed, termcap;
	struct sched_node **order;	/* nodes by name, for the rotation */
	size_t		 norder;
	int		 order_stale;
	size_t		 next;		/* where the next pod starts */
	unsigned int	 seed;
	/* bindings the writer threads are doing, and those that failed:
	 * the pod is assumed on its node meanwhile, and not placed twice */
	pthread_mutex_t	 mu;
	struct hmap	 inflight;	/* pod key -> own copy */
	struct hmap	 failed;	/* pod key -> own copy */
};

static const char *
sc_str(const json_t *o, const char *a, const char *b)
{
	const json_t *v = json_object_get(o, a);

	return json_string_value(b ? json_object_get(v, b) : v);
}

static int
sc_node_cmp(const void *a, const void *b)
{
	return strcmp((*(struct sched_node *const *)a)->name,
	    (*(struct sched_node *const *)b)->name);
}

static void
sc_order(struct sched *sc)
{
	struct hmap_entry *e;
	size_t it, n = 0;

	if (!sc->order_stale)
		return;
	free(sc->order);
	sc->order = calloc(sc->nodes.count + 1, sizeof *sc->order);
	if (sc->order != NULL)
		for (e = hmap_first(&sc->nodes, &it); e != NULL;
		    e = hmap_next(&sc->nodes, &it, e))
			sc->order[n++] = e->value;
	sc->norder = n;
	if (n > 0)
		qsort(sc->order, n, sizeof *sc->order, sc_node_cmp);
	sc->order_stale = 0;
	if (sc->next >= n)
		sc->next = 0;
}

static long long
sc_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* kube-scheduler's backoff after n failed attempts: 1 s, doubling, at
 * most 10 s. */
long
sched_backoff_ms(int n)
{
	long ms = SCHED_BACKOFF_MS;

	while (--n > 0 && ms < SCHED_BACKOFF_MAX_MS)
		ms *= 2;
	return ms < SCHED_BACKOFF_MAX_MS ? ms : SCHED_BACKOFF_MAX_MS;
}

/* One more failed attempt of the pod. */
static void
sc_tried(struct sched *sc, const char *key)
{
	struct sc_tries *t = hmap_get(&sc->tries, key);

	if (t == NULL) {
		if ((t = calloc(1, sizeof *t)) == NULL ||
		    (t->key = strdup(key)) == NULL) {
			free(t);
			return;
		}
		hmap_put(&sc->tries, t->key, t, NULL);
	}
	t->n++;
	t->at_ms = sc_now_ms();
}

/* The pod placed or gone: its attempts are forgotten. */
static void
sc_untried(struct sched *sc, const char *key)
{
	struct sc_tries *t = hmap_del(&sc->tries, key);

	if (t != NULL) {
		free(t->key);
		free(t);
	}
}

/* Every waiting pod back into the queue: something changed that may
 * make room; each once what is left of its backoff has passed. */
static void
sc_flush_set(struct ctl *c, struct hmap *set)
{
	struct sched *sc = c->priv;
	struct hmap_entry *e;
	struct sc_tries *t;
	long long left;
	size_t it;

	for (e = hmap_first(set, &it); e != NULL; e = hmap_next(set, &it, e)) {
		t = hmap_get(&sc->tries, e->key);
		left = t == NULL ? 0 : t->at_ms + sched_backoff_ms(t->n) -
		    sc_now_ms();
		if (left > 0)
			ctl_enqueue_after(c, e->key, (long)left);
		else
			ctl_enqueue(c, e->key);
		free(e->value);
	}
	hmap_release(set);
}

static void
sc_flush(struct ctl *c)
{
	struct sched *sc = c->priv;

	sc_flush_set(c, &sc->waiting);
	sc_flush_set(c, &sc->waitpods);
}

/* Appends e to a view array (its index kept in *idx). */
static int
sc_view_add(struct sched_existing ***v, size_t *n, size_t *cap,
    struct sched_existing *e, size_t *idx)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		struct sched_existing **nv = realloc(*v, ncap * sizeof *nv);

		if (nv == NULL)
			return -1;
		*v = nv;
		*cap = ncap;
	}
	*idx = *n;
	(*v)[(*n)++] = e;
	return 0;
}

/* Takes the entry at idx out of a view array (the last one moves in). */
static void
sc_view_del(struct sched_existing **v, size_t *n, size_t idx, int termed)
{
	if (idx >= *n)
		return;
	v[idx] = v[--*n];
	if (idx < *n) {
		if (termed)
			v[idx]->tidx = idx;
		else
			v[idx]->idx = idx;
	}
}

static void
sc_existing_release(struct sched_existing *ex)
{
	free(ex->ns);
	free(ex->node);
	json_decref(ex->labels);
	sched_podterms_free(ex->terms);
}

static void
sc_unassign(struct sched *sc, const char *key)
{
	struct sched_assigned *a = hmap_del(&sc->assigned, key);
	struct sched_node *n;

	if (a == NULL)
		return;
	if ((n = hmap_get(&sc->nodes, a->ex.node)) != NULL)
		sched_node_account(n, &a->p, -1);
	sc_view_del(sc->pods, &sc->npods, a->ex.idx, 0);
	if (a->ex.terms != NULL)
		sc_view_del(sc->termed, &sc->ntermed, a->ex.tidx, 1);
	sched_pod_release(&a->p);
	sc_existing_release(&a->ex);
	free(a->key);
	free(a);
}

/* Forgets a pod's nomination (and what it counted on the node). */
static void
sc_nominate_release(struct sched *sc, const char *key)
{
	struct sc_nomination *nm = hmap_del(&sc->nominated, key);
	struct sched_node *n;

	if (nm == NULL)
		return;
	if ((n = hmap_get(&sc->nodes, nm->node)) != NULL)
		sched_node_account(n, &nm->p, -1);
	sched_pod_release(&nm->p);
	free(nm->key);
	free(nm->node);
	free(nm);
}

/* Counts pod (parsed in p, taken over) on node; replaces what was
 * counted for key.  Whether it is new there. */
static int
sc_assign(struct sched *sc, const char *key, const char *node,
    const json_t *pod, struct sched_pod *p)
{
	const json_t *meta = json_object_get(pod, "metadata");
	struct sched_assigned *a;
	struct sched_node *n;
	int moved;

	a = hmap_get(&sc->assigned, key);
	moved = a == NULL || strcmp(a->ex.node, node) != 0;
	sc_unassign(sc, key);
	if ((a = calloc(1, sizeof *a)) == NULL ||
	    (a->key = strdup(key)) == NULL || (a->ex.node = strdup(node)) ==
	    NULL || (a->ex.ns = strdup(json_string_value(json_object_get(meta,
	    "namespace")) ?: "default")) == NULL || sc_view_add(&sc->pods,
	    &sc->npods, &sc->podcap, &a->ex, &a->ex.idx) < 0) {
		if (a != NULL) {
			sc_existing_release(&a->ex);
			free(a->key);
			free(a);
		}
		sched_pod_release(p);
		return 0;
	}
	a->ex.labels = json_incref(json_object_get(meta, "labels"));
	a->ex.terminating = json_object_get(meta, "deletionTimestamp") != NULL;
	a->ex.terms = sched_podterms_parse(pod);
	if (a->ex.terms != NULL && sc_view_add(&sc->termed, &sc->ntermed,
	    &sc->termcap, &a->ex, &a->ex.tidx) < 0) {
		sched_podterms_free(a->ex.terms);
		a->ex.terms = NULL;
	}
	a->p = *p;
	/* the spec pointers are the scheduled pod's: not kept */
	a->p.node_selector = a->p.required_terms = a->p.tolerations = NULL;
	a->p.node_name = NULL;
	memset(p, 0, sizeof *p);
	hmap_put(&sc->assigned, a->key, a, NULL);
	if ((n = hmap_get(&sc->nodes, node)) != NULL)
		sched_node_account(n, &a->p, 1);
	return moved;
}

static int
sc_terminal(const json_t *pod)
{
	const char *phase = sc_str(pod, "status", "phase");

	return phase != NULL && (strcmp(phase, "Succeeded") == 0 ||
	    strcmp(phase, "Failed") == 0);
}

/* Whether this scheduler places the pod. */
static int
sc_ours(const json_t *pod)
{
	const char *name = sc_str(pod, "spec", "schedulerName");

	return name == NULL || name[0] == '\0' || strcmp(name, SCHED_NAME) ==
	    0;
}

static void
sc_pod_key(const struct cobj *o, char *key, size_t len)
{
	snprintf(key, len, "%s/%s", o->ns, o->name);
}

static void
sched_pod_event(struct ctl *c, const struct cevent *ev)
{
	struct sched *sc = c->priv;
	const json_t *pod = ev->obj->obj;
	const char *node = sc_str(pod, "spec", "nodeName");
	struct sched_pod p;
	char key[600], *had;

	sc_pod_key(ev->obj, key, sizeof key);
	if (ev->type == CEV_DELETED || sc_terminal(pod) || (node != NULL &&
	    node[0] != '\0'))
		sc_nominate_release(sc, key);
	if (ev->type == CEV_DELETED || sc_terminal(pod)) {
		if (hmap_get(&sc->assigned, key) != NULL) {
			sc_unassign(sc, key);
			sc_flush(c);	/* room was made */
		}
		if ((had = hmap_del(&sc->waiting, key)) != NULL)
			free(had);
		sc_untried(sc, key);
		return;
	}
	if (node != NULL && node[0] != '\0') {
		struct sched_assigned *a = hmap_get(&sc->assigned, key);

		sc_untried(sc, key);
		const json_t *meta = json_object_get(pod, "metadata");

		if (a != NULL && strcmp(a->ex.node, node) == 0 &&
		    ev->type == CEV_MODIFIED && ev->prev != NULL &&
		    json_equal(json_object_get(pod, "spec"),
		    json_object_get(ev->prev->obj, "spec")) &&
		    json_equal(json_object_get(meta, "labels"), a->ex.labels) &&
		    (json_object_get(meta, "deletionTimestamp") != NULL) ==
		    a->ex.terminating)
			return;		/* counted already, the same */
		/* a pod newly on a node may let in those that wait for
		 * pods (affinity), or that spreading kept out */
		if (sched_pod_parse(pod, &p) == 0 &&
		    sc_assign(sc, key, node, pod, &p) &&
		    sc->waitpods.count > 0)
			sc_flush_set(c, &sc->waitpods);
		return;
	}
	if (!sc_ours(pod) || json_object_get(json_object_get(pod, "metadata"),
	    "deletionTimestamp") != NULL)
		return;
	/* a waiting pod waits on through its own status updates */
	if (hmap_get(&sc->waiting, key) != NULL && ev->prev != NULL &&
	    json_equal(json_object_get(pod, "spec"),
	    json_object_get(ev->prev->obj, "spec")))
		return;
	ctl_enqueue(c, key);
}

/* Whether a Node changed in a way that may let a waiting pod fit. */
static int
sc_node_changed(const json_t *a, const json_t *b)
{
	static const char *const what[][2] = {
		{ "metadata", "labels" }, { "spec", "taints" },
		{ "spec", "unschedulable" }, { "status", "allocatable" },
	};
	size_t i;

	for (i = 0; i < sizeof what / sizeof what[0]; i++)
		if (!json_equal(json_object_get(json_object_get(a, what[i][0]),
		    what[i][1]), json_object_get(json_object_get(b,
		    what[i][0]), what[i][1])))
			return 1;
	return 0;
}

static void
sched_node_event(struct ctl *c, const struct cevent *ev)
{
	struct sched *sc = c->priv;
	struct sched_node *n = hmap_get(&sc->nodes, ev->obj->name);
	struct hmap_entry *e;
	size_t it;

	if (ev->type == CEV_DELETED) {
		if (n != NULL) {
			hmap_del(&sc->nodes, ev->obj->name);
			sched_node_release(n);
			free(n);
			sc->order_stale = 1;
		}
		return;
	}
	if (n == NULL) {
		if ((n = calloc(1, sizeof *n)) == NULL ||
		    (n->name = strdup(ev->obj->name)) == NULL) {
			free(n);
			return;
		}
		hmap_put(&sc->nodes, n->name, n, NULL);
		sc->order_stale = 1;
		sched_node_set(n, ev->obj->obj);
		/* the pods already counted for it */
		for (e = hmap_first(&sc->assigned, &it); e != NULL;
		    e = hmap_next(&sc->assigned, &it, e)) {
			struct sched_assigned *a = e->value;

			if (strcmp(a->ex.node, n->name) == 0)
				sched_node_account(n, &a->p, 1);
		}
		sc_flush(c);
		return;
	}
	sched_node_set(n, ev->obj->obj);
	if (ev->prev == NULL || sc_node_changed(ev->obj->obj, ev->prev->obj))
		sc_flush(c);
}

/* A claim came or was bound: pods waiting for it may go now. */
static void
sched_pvc_event(struct ctl *c, const struct cevent *ev)
{
	if (ev->type != CEV_DELETED)
		sc_flush(c);
}

/* A namespace's labels changed: namespaceSelector terms may match
 * otherwise now. */
static void
sched_ns_event(struct ctl *c, const struct cevent *ev)
{
	struct sched *sc = c->priv;

	if (ev->type != CEV_DELETED && ev->prev != NULL &&
	    sc->waitpods.count > 0 && !json_equal(json_object_get(
	    json_object_get(ev->obj->obj, "metadata"), "labels"),
	    json_object_get(json_object_get(ev->prev->obj, "metadata"),
	    "labels")))
		sc_flush_set(c, &sc->waitpods);
}

/* kube-scheduler's numFeasibleNodesToFind. */
static size_t
sc_enough(size_t all)
{
	size_t pct, n;

	if (all < SCHED_MIN_FEASIBLE)
		return all;
	pct = all / 125 >= 45 ? 5 : 50 - all / 125;
	n = all * pct / 100;
	return n < SCHED_MIN_FEASIBLE ? SCHED_MIN_FEASIBLE : n;
}

/* A strategic-merge patch (taken over) of the pod's status. */
static void
sc_patch_status(struct ctl *c, const struct cobj *o, json_t *patch)
{
	char path[1024];
	struct err err;

	controllers_path(o->kind, o->ns, o->name, path, sizeof path);
	strncat(path, "/status", sizeof path - strlen(path) - 1);
	err_clear(&err);
	if (patch != NULL)
		client_do(c->srv, "PATCH", path, NULL,
		    "application/strategic-merge-patch+json", patch, NULL,
		    &err);
	json_decref(patch);
}

/* PodScheduled=False with the message, unless the pod says so already. */
static void
sc_set_unschedulable(struct ctl *c, const struct cobj *o, const char *msg)
{
	const json_t *cond;
	char now[64];
	size_t i;

	json_array_foreach(json_object_get(json_object_get(o->obj, "status"),
	    "conditions"), i, cond)
		if (sc_str(cond, "type", NULL) && strcmp(sc_str(cond, "type",
		    NULL), "PodScheduled") == 0 && sc_str(cond, "message",
		    NULL) && strcmp(sc_str(cond, "message", NULL), msg) == 0)
			return;
	rfc3339_format(time(NULL), now, sizeof now);
	sc_patch_status(c, o, json_pack("{s:{s:[{s:s, s:s, s:s, s:s, s:s, "
	    "s:n}]}}", "status", "conditions", "type", "PodScheduled",
	    "status", "False", "reason", "Unschedulable", "message", msg,
	    "lastTransitionTime", now, "lastProbeTime"));
}

static int
sc_bind(struct ctl *c, const struct cobj *o, const char *node,
    struct err *err)
{
	char path[1024];
	json_t *body;
	int rc;

	controllers_path(o->kind, o->ns, o->name, path, sizeof path);
	strncat(path, "/binding", sizeof path - strlen(path) - 1);
	body = json_pack("{s:s, s:s, s:{s:s, s:s, s:O?}, s:{s:s, s:s, s:s}}",
	    "apiVersion", "v1", "kind", "Binding", "metadata", "name",
	    o->name, "namespace", o->ns, "uid", json_object_get(
	    json_object_get(o->obj, "metadata"), "uid"), "target",
	    "apiVersion", "v1", "kind", "Node", "name", node);
	rc = client_do(c->srv, "POST", path, NULL, NULL, body, NULL, err);
	json_decref(body);
	return rc;
}

/*
 * The VolumeBinding plugin's view of a pod's claims: the node affinity of
 * the volumes they are bound to (terms, a JSON array of nodeSelectorTerms
 * lists, each of which a node must match), the claims still to bind once
 * a node is chosen (WaitForFirstConsumer), or why the pod cannot be
 * placed at all (a claim missing, being deleted, or unbound with an
 * Immediate class).
 */
struct sc_volumes {
	json_t		*terms;
	json_t		*wait;		/* claim names */
	char		 why[512];
};

static int
sc_volumes(struct ctl *c, const struct cobj *pod, struct sc_volumes *v)
{
	struct sched *sc = c->priv;
	const json_t *vol;
	struct cobj *pvc, *pv, *cls;
	char key[600];
	size_t i;

	v->terms = json_array();
	v->wait = json_array();
	v->why[0] = '\0';
	json_array_foreach(json_object_get(json_object_get(pod->obj, "spec"),
	    "volumes"), i, vol) {
		const char *claim = sc_str(vol, "persistentVolumeClaim",
		    "claimName"), *vname, *mode;

		if (claim == NULL)
			continue;
		snprintf(key, sizeof key, "%s/%s", pod->ns, claim);
		if ((pvc = ctl_get(c, sc->pvc_k, key)) == NULL) {
			snprintf(v->why, sizeof v->why, "persistentvolumeclaim "
			    "\"%s\" not found", claim);
			return -1;
		}
		if (json_object_get(json_object_get(pvc->obj, "metadata"),
		    "deletionTimestamp") != NULL) {
			snprintf(v->why, sizeof v->why, "persistentvolumeclaim "
			    "\"%s\" is being deleted", claim);
			cobj_unref(pvc);
			return -1;
		}
		vname = sc_str(pvc->obj, "spec", "volumeName");
		if (vname != NULL && vname[0] != '\0') {
			if ((pv = ctl_get(c, sc->pv_k, vname)) != NULL) {
				const json_t *t = json_object_get(
				    json_object_get(json_object_get(json_object_get(
				    pv->obj, "spec"), "nodeAffinity"), "required"),
				    "nodeSelectorTerms");

				if (t != NULL)
					json_array_append(v->terms, (json_t *)t);
				cobj_unref(pv);
			}
			cobj_unref(pvc);
			continue;
		}
		mode = NULL;
		cls = sc_str(pvc->obj, "spec", "storageClassName") ? ctl_get(c,
		    sc->sc_k, sc_str(pvc->obj, "spec", "storageClassName")) :
		    NULL;
		if (cls != NULL)
			mode = sc_str(cls->obj, "volumeBindingMode", NULL);
		if (mode == NULL || strcmp(mode, "WaitForFirstConsumer") != 0) {
			snprintf(v->why, sizeof v->why, "pod has unbound "
			    "immediate PersistentVolumeClaims");
			cobj_unref(cls);
			cobj_unref(pvc);
			return -1;
		}
		json_array_append_new(v->wait, json_string(claim));
		cobj_unref(cls);
		cobj_unref(pvc);
	}
	return 0;
}

/* Names the chosen node in the claims that wait for it, as the
 * scheduler's PreBind does; the binder provisions there. */
static int
sc_select_node(struct ctl *c, const struct cobj *pod, const json_t *wait,
    const char *node)
{
	const json_t *claim;
	char path[1024];
	struct err err;
	json_t *patch;
	size_t i;
	int rc = 0;

	json_array_foreach(wait, i, claim) {
		snprintf(path, sizeof path, "/api/v1/namespaces/%s/"
		    "persistentvolumeclaims/%s", pod->ns,
		    json_string_value(claim));
		patch = json_pack("{s:{s:{s:s}}}", "metadata", "annotations",
		    "volume.kubernetes.io/selected-node", node);
		err_clear(&err);
		if (client_do(c->srv, "PATCH", path, NULL,
		    "application/merge-patch+json", patch, NULL, &err) < 0)
			rc = -1;
		json_decref(patch);
	}
	return rc;
}

/* Remembers key in one of the sets the writer threads share. */
static void
sc_mark(struct sched *sc, struct hmap *set, const char *key)
{
	char *copy;

	pthread_mutex_lock(&sc->mu);
	if (hmap_get(set, key) == NULL && (copy = strdup(key)) != NULL)
		hmap_put(set, copy, copy, NULL);
	pthread_mutex_unlock(&sc->mu);
}

/* Takes key out of a set; whether it was there. */
static int
sc_unmark(struct sched *sc, struct hmap *set, const char *key)
{
	char *had;

	pthread_mutex_lock(&sc->mu);
	had = hmap_del(set, key);
	pthread_mutex_unlock(&sc->mu);
	free(had);
	return had != NULL;
}

static int
sc_marked(struct sched *sc, struct hmap *set, const char *key)
{
	int r;

	pthread_mutex_lock(&sc->mu);
	r = hmap_get(set, key) != NULL;
	pthread_mutex_unlock(&sc->mu);
	return r;
}

/* A binding a writer thread does. */
struct sc_binding {
	struct ctl	*c;
	char		*key;
	char		*node;
	struct cobj	*pod;
	json_t		*wait;		/* claims to name the node in */
};

static void
sc_bind_job(void *arg)
{
	struct sc_binding *b = arg;
	struct sched *sc = b->c->priv;
	struct err err;
	int failed = 0;

	err_clear(&err);
	if (sc_select_node(b->c, b->pod, b->wait, b->node) < 0) {
		failed = 1;
	} else if (sc_bind(b->c, b->pod, b->node, &err) < 0) {
		if (err.reason != ERR_NOT_FOUND && err.reason != ERR_CONFLICT) {
			fprintf(stderr, "kubec-server: scheduler: binding %s "
			    "to %s: %s\n", b->key, b->node, err.msg);
			failed = 1;
		}
	} else {
		recorder_event(b->c->srv->recorder, b->pod, SCHED_NAME,
		    "Normal", "Scheduled", "Successfully assigned %s to %s",
		    b->key, b->node);
	}
	/* a failure: the scheduler's thread forgets the assumption and
	 * tries again */
	if (failed)
		sc_mark(sc, &sc->failed, b->key);
	sc_unmark(sc, &sc->inflight, b->key);
	if (failed)
		ctl_enqueue_after(b->c, b->key, 1000);
	cobj_unref(b->pod);
	json_decref(b->wait);
	free(b->key);
	free(b->node);
	free(b);
}

/* --- preemption ------------------------------------------------------ */

/* Counts the pod (p taken over) on its nominated node. */
static void
sc_nominate(struct sched *sc, const char *key, struct sched_node *n,
    struct sched_pod *p)
{
	struct sc_nomination *nm = calloc(1, sizeof *nm);

	if (nm == NULL || (nm->key = strdup(key)) == NULL ||
	    (nm->node = strdup(n->name)) == NULL) {
		if (nm != NULL)
			free(nm->key);
		free(nm);
		return;
	}
	nm->p = *p;
	nm->p.node_selector = nm->p.required_terms = nm->p.tolerations = NULL;
	nm->p.node_name = NULL;
	memset(p, 0, sizeof *p);
	hmap_put(&sc->nominated, nm->key, nm, NULL);
	sched_node_account(n, &nm->p, 1);
}

/* The pods of lower priority, per node (by its index in sc->order). */
struct sc_lower {
	struct sched_victim *v;
	size_t		 n, cap;
};

static struct sc_lower *
sc_lower_pods(struct sched *sc, int32_t priority)
{
	struct sc_lower *per = calloc(sc->norder + 1, sizeof *per);
	struct hmap index = HMAP_INIT;
	struct hmap_entry *e;
	size_t it, k;

	if (per == NULL)
		return NULL;
	for (k = 0; k < sc->norder; k++)
		hmap_put(&index, sc->order[k]->name, (void *)(k + 1), NULL);
	for (e = hmap_first(&sc->assigned, &it); e != NULL;
	    e = hmap_next(&sc->assigned, &it, e)) {
		struct sched_assigned *a = e->value;
		struct sc_lower *l;

		if (a->p.priority >= priority || (k = (size_t)hmap_get(&index,
		    a->ex.node)) == 0)
			continue;
		l = &per[k - 1];
		if (l->n == l->cap) {
			size_t cap = l->cap ? l->cap * 2 : 8;
			struct sched_victim *v = realloc(l->v, cap * sizeof *v);

			if (v == NULL)
				continue;
			l->v = v;
			l->cap = cap;
		}
		l->v[l->n++] = (struct sched_victim){ &a->p, a->key };
	}
	hmap_release(&index);
	return per;
}

/* Evicts a victim as kube-scheduler does: the DisruptionTarget
 * condition, the deletion, a Preempted event. */
static void
sc_evict(struct ctl *c, const char *key, const struct cobj *by,
    const char *node)
{
	struct sched *sc = c->priv;
	struct cobj *v = ctl_get(c, sc->pods_k, key);
	char path[1024], now[64];
	struct err err;

	if (v == NULL)
		return;
	rfc3339_format(time(NULL), now, sizeof now);
	sc_patch_status(c, v, json_pack("{s:{s:[{s:s, s:s, s:s, s:s, s:s}]}}",
	    "status", "conditions", "type", "DisruptionTarget", "status",
	    "True", "reason", "PreemptionByScheduler", "message", SCHED_NAME
	    ": preempting to accommodate a higher priority pod",
	    "lastTransitionTime", now));
	controllers_path(v->kind, v->ns, v->name, path, sizeof path);
	err_clear(&err);
	if (client_do(c->srv, "DELETE", path, NULL, NULL, NULL, NULL,
	    &err) == 0)
		recorder_event(c->srv->recorder, v, SCHED_NAME, "Normal",
		    "Preempted", "Preempted by pod %s on node %s",
		    sc_str(by->obj, "metadata", "uid") ?: "", node);
	cobj_unref(v);
}

/*
 * DefaultPreemption, for a pod that fits nowhere: on each node where
 * only something evicting could fix failed (resolvable[k]), the fewest
 * lower-priority pods that must go (sched_preempt_node); the node whose
 * victims have the lowest highest priority, then the lowest sum, then
 * are fewest, is nominated: its victims are evicted and the pod waits
 * for them counted there.  1 when so; 0 with why not in post.
 */
static int
sc_preempt(struct ctl *c, const struct cobj *o, const char *key,
    struct sched_pod *p, const struct sched_ipa *ipa,
    const struct sched_pts *pts, const int *resolvable, struct buf *post)
{
	struct sched *sc = c->priv;
	const char *nominated = sc_str(o->obj, "status", "nominatedNodeName");
	struct sc_lower *lower;
	struct sched_hist hist;
	struct hmap_entry *e;
	size_t k, it, *vict = NULL, *bestv = NULL, bestn = 0, best = SIZE_MAX;
	int64_t besthi = 0, bestsum = 0;
	char path[1024];
	struct err err;
	json_t *patch;
	int rc = 0;

	if (p->never) {
		buf_adds(post, "preemption: not eligible due to "
		    "preemptionPolicy=Never.");
		return 0;
	}
	for (e = hmap_first(&sc->assigned, &it); nominated != NULL &&
	    e != NULL; e = hmap_next(&sc->assigned, &it, e)) {
		struct sched_assigned *a = e->value;

		if (a->ex.terminating && a->p.priority < p->priority &&
		    strcmp(a->ex.node, nominated) == 0) {
			buf_adds(post, "preemption: not eligible due to a "
			    "terminating pod on the nominated node.");
			return 0;
		}
	}
	if ((lower = sc_lower_pods(sc, p->priority)) == NULL)
		return 0;
	memset(&hist, 0, sizeof hist);
	for (k = 0; k < sc->norder; k++) {
		struct sched_node *n = sc->order[k];
		struct sc_lower *l = &lower[k];
		struct sched_why why;
		int64_t hi = INT32_MIN, sum = 0;
		int nv;

		if (!resolvable[k]) {
			sched_hist_text(&hist, "Preemption is not helpful for "
			    "scheduling");
			continue;
		}
		if (l->n == 0) {
			sched_hist_text(&hist, "No preemption victims found for "
			    "incoming pod");
			continue;
		}
		free(vict);
		if ((vict = calloc(l->n, sizeof *vict)) == NULL)
			break;
		memset(&why, 0, sizeof why);
		nv = sched_preempt_node(n, o->obj, p, l->v, l->n, vict, &why);
		if (nv >= 0 && (!sched_pts_filter(pts, n, &why) ||
		    !sched_ipa_filter(ipa, n, &why)))
			nv = -1;
		if (nv < 0) {
			sched_hist_add(&hist, &why);
			continue;
		}
		for (int i = 0; i < nv; i++) {
			int32_t pr = l->v[vict[i]].p->priority;

			if (pr > hi)
				hi = pr;
			sum += (int64_t)pr + INT32_MAX + 1;
		}
		if (best == SIZE_MAX || hi < besthi || (hi == besthi &&
		    (sum < bestsum || (sum == bestsum &&
		    (size_t)nv < bestn)))) {
			best = k;
			besthi = hi;
			bestsum = sum;
			bestn = (size_t)nv;
			free(bestv);
			bestv = vict;
			vict = NULL;
		}
	}
	if (best == SIZE_MAX) {
		sched_preemption_message(&hist, sc->norder, post);
		goto out;
	}
	for (k = 0; k < bestn; k++)
		sc_evict(c, lower[best].v[bestv[k]].key, o,
		    sc->order[best]->name);
	controllers_path(o->kind, o->ns, o->name, path, sizeof path);
	strncat(path, "/status", sizeof path - strlen(path) - 1);
	patch = json_pack("{s:{s:s}}", "status", "nominatedNodeName",
	    sc->order[best]->name);
	err_clear(&err);
	if (patch != NULL)
		client_do(c->srv, "PATCH", path, NULL,
		    "application/merge-patch+json", patch, NULL, &err);
	json_decref(patch);
	sc_nominate(sc, key, sc->order[best], p);
	rc = 1;
out:
	for (k = 0; k < sc->norder; k++)
		free(lower[k].v);
	free(lower);
	free(vict);
	free(bestv);
	return rc;
}

/* The namespaces a sync looked at (namespaceSelector terms), held until
 * it ends. */
struct sc_lookup {
	struct ctl	*c;
	struct hmap	 ns;		/* name -> struct cobj */
};

static const json_t *
sc_ns_labels(void *arg, const char *name)
{
	struct sc_lookup *l = arg;
	struct sched *sc = l->c->priv;
	struct cobj *o = hmap_get(&l->ns, name);

	if (o == NULL) {
		if ((o = ctl_get(l->c, sc->ns_k, name)) == NULL)
			return NULL;
		hmap_put(&l->ns, o->name, o, NULL);
	}
	return json_object_get(json_object_get(o->obj, "metadata"),
	    "labels");
}

static struct sched_node *
sc_node_named(void *arg, const char *name)
{
	struct sc_lookup *l = arg;
	struct sched *sc = l->c->priv;

	return hmap_get(&sc->nodes, name);
}

static void
sc_lookup_release(struct sc_lookup *l)
{
	struct hmap_entry *e;
	size_t it;

	for (e = hmap_first(&l->ns, &it); e != NULL;
	    e = hmap_next(&l->ns, &it, e))
		cobj_unref(e->value);
	hmap_release(&l->ns);
}

static int
sched_sync(struct ctl *c, const char *key)
{
	struct sched *sc = c->priv;
	struct cobj *o = ctl_get(c, sc->pods_k, key);
	struct sched_scores *scores = NULL;
	struct sched_node **fit = NULL, *best;
	struct sched_why why;
	struct sched_hist hist;
	struct sched_pod p;
	struct buf msg = BUF_INIT(8192);
	int64_t *final = NULL, top;
	size_t want, nfit = 0, i, seen, ties;
	int *resolvable = NULL;
	struct buf post = BUF_INIT(4096);
	const char *node;
	struct sc_volumes vols = { NULL, NULL, "" };
	struct sc_lookup look = { c, HMAP_INIT };
	struct sched_view view;
	struct sched_ipa *ipa = NULL;
	struct sched_pts *pts = NULL;
	char *had;
	int rc = 0, volfail;

	if (sc_unmark(sc, &sc->failed, key))
		sc_unassign(sc, key);	/* its binding failed */
	if (sc_marked(sc, &sc->inflight, key)) {
		cobj_unref(o);		/* being bound */
		return 0;
	}
	if (o == NULL)
		return 0;
	node = sc_str(o->obj, "spec", "nodeName");
	if ((node != NULL && node[0] != '\0') || !sc_ours(o->obj) ||
	    sc_terminal(o->obj) || json_object_get(json_object_get(o->obj,
	    "metadata"), "deletionTimestamp") != NULL) {
		cobj_unref(o);
		return 0;
	}
	if ((had = hmap_del(&sc->waiting, key)) != NULL)
		free(had);
	if ((had = hmap_del(&sc->waitpods, key)) != NULL)
		free(had);
	sc_nominate_release(sc, key);	/* nominated again if need be */
	if (sched_pod_parse(o->obj, &p) < 0) {
		sched_pod_release(&p);
		cobj_unref(o);
		return 0;	/* the API refuses bad quantities anyway */
	}
	sc_order(sc);
	memset(&hist, 0, sizeof hist);
	want = sc_enough(sc->norder);
	fit = calloc(sc->norder + 1, sizeof *fit);
	resolvable = calloc(sc->norder + 1, sizeof *resolvable);
	if (fit == NULL || resolvable == NULL) {
		rc = -1;
		goto out;
	}
	/* NodeAffinity's PreFilter, then VolumeBinding's: a pod that
	 * fails either is not filtered on any node */
	if (sched_node_names_conflict(&p)) {
		snprintf(vols.why, sizeof vols.why, "%s", SCHED_NAMES_CONFLICT);
		volfail = 1;
	} else
		volfail = sc_volumes(c, o, &vols) < 0;
	view = (struct sched_view){ sc->pods, sc->npods, sc->termed,
	    sc->ntermed, sc->order, sc->norder, sc_node_named, sc_ns_labels,
	    &look };
	if (!volfail) {
		ipa = sched_ipa_prepare(&view, o->obj);
		pts = sched_pts_prepare(&view, o->obj, &p);
	}
	for (seen = 0; !volfail && seen < sc->norder && nfit < want; seen++) {
		size_t k = (sc->next + seen) % sc->norder;
		struct sched_node *n = sc->order[k];
		const json_t *terms;
		size_t t;
		int ok = sched_filter(n, o->obj, &p, &why);

		json_array_foreach(vols.terms, t, terms)
			if (ok && !sched_node_selector_terms(terms, n->obj)) {
				memset(&why, 0, sizeof why);
				sched_why_add(&why, "node(s) had volume node "
				    "affinity conflict");
				ok = 0;
			}
		/* PodTopologySpread, then InterPodAffinity */
		if (ok && !sched_pts_filter(pts, n, &why))
			ok = 0;
		if (ok && !sched_ipa_filter(ipa, n, &why))
			ok = 0;
		if (ok)
			fit[nfit++] = n;
		else {
			sched_hist_add(&hist, &why);
			resolvable[k] = why.resources;
		}
	}
	if (sc->norder > 0)
		sc->next = (sc->next + seen) % sc->norder;
	if (nfit == 0) {
		if (sc->norder == 0)
			buf_adds(&msg, "no nodes available to schedule pods");
		else if (volfail)
			buf_addf(&msg, "0/%zu nodes are available: %s. "
			    "preemption: 0/%zu nodes are available: %zu "
			    "Preemption is not helpful for scheduling.",
			    sc->norder, vols.why, sc->norder, sc->norder);
		else if (sc_preempt(c, o, key, &p, ipa, pts, resolvable,
		    &post))
			sched_fit_message(&hist, sc->norder, NULL, &msg);
		else
			sched_fit_message(&hist, sc->norder, buf_str(&post),
			    &msg);
		recorder_event(c->srv->recorder, o, SCHED_NAME, "Warning",
		    "FailedScheduling", "%s", buf_str(&msg));
		sc_set_unschedulable(c, o, buf_str(&msg));
		sc_tried(sc, key);
		had = strdup(key);
		if (had != NULL && hmap_get(&sc->waiting, key) == NULL)
			hmap_put(&sc->waiting, had, had, NULL);
		else
			free(had);
		/* kept out by other pods: tried again when pods move */
		if ((ipa != NULL || pts != NULL) && (had = strdup(key)) !=
		    NULL && hmap_get(&sc->waitpods, key) == NULL)
			hmap_put(&sc->waitpods, had, had, NULL);
		else if (ipa != NULL || pts != NULL)
			free(had);
		ctl_enqueue_after(c, key, SCHED_RETRY_MS);
		goto out;
	}
	scores = calloc(nfit, sizeof *scores);
	final = calloc(nfit, sizeof *final);
	if (scores == NULL || final == NULL) {
		rc = -1;
		goto out;
	}
	for (i = 0; i < nfit; i++) {
		sched_score_node(fit[i], o->obj, &p, &scores[i]);
		scores[i].ipa = sched_ipa_score(ipa, fit[i]);
		scores[i].pts_on = sched_pts_soft(pts);
		scores[i].pts = sched_pts_score(pts, fit[i]);
	}
	sched_score(scores, nfit, final);
	/* the best; among equals, one at random (as selectHost) */
	best = fit[0];
	top = final[0];
	ties = 1;
	for (i = 1; i < nfit; i++) {
		if (final[i] > top) {
			top = final[i];
			best = fit[i];
			ties = 1;
		} else if (final[i] == top && rand_r(&sc->seed) %
		    (unsigned)++ties == 0) {
			best = fit[i];
		}
	}
	/* assumed there from now on (the pod's own event confirms it) and
	 * bound by a writer thread, while the next pod is placed */
	{
		struct sc_binding *b = calloc(1, sizeof *b);

		if (b == NULL || (b->key = strdup(key)) == NULL ||
		    (b->node = strdup(best->name)) == NULL) {
			if (b != NULL) {
				free(b->key);
				free(b);
			}
			rc = -1;
			goto out;
		}
		b->c = c;
		b->pod = o;
		cobj_ref(o);
		b->wait = json_incref(vols.wait);
		sc_assign(sc, key, b->node, o->obj, &p);
		sc_mark(sc, &sc->inflight, key);
		pool_submit(sc_bind_job, b);
	}
out:
	free(resolvable);
	buf_release(&post);
	sched_ipa_free(ipa);
	sched_pts_free(pts);
	sc_lookup_release(&look);
	json_decref(vols.terms);
	json_decref(vols.wait);
	sched_pod_release(&p);
	free(scores);
	free(final);
	free(fit);
	buf_release(&msg);
	cobj_unref(o);
	return rc;
}

static int
sched_init(struct ctl *c, struct err *err)
{
	struct sched *sc = calloc(1, sizeof *sc);

	if (sc == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	c->priv = sc;
	pthread_mutex_init(&sc->mu, NULL);
	sc->seed = (unsigned int)time(NULL);
	sc->pods_k = registry_find("", "pods");
	sc->nodes_k = registry_find("", "nodes");
	sc->pvc_k = registry_find("", "persistentvolumeclaims");
	sc->pv_k = registry_find("", "persistentvolumes");
	sc->sc_k = registry_find("storage.k8s.io", "storageclasses");
	sc->ns_k = registry_find("", "namespaces");
	/* nodes first, so that the start's pods find theirs */
	if (ctl_watch_kind(c, sc->nodes_k, sched_node_event, err) < 0 ||
	    ctl_watch_kind(c, sc->pods_k, sched_pod_event, err) < 0 ||
	    ctl_watch_kind(c, sc->pvc_k, sched_pvc_event, err) < 0 ||
	    ctl_watch_kind(c, sc->ns_k, sched_ns_event, err) < 0)
		return -1;
	return 0;
}

static void
sched_fini(struct ctl *c)
{
	struct sched *sc = c->priv;
	struct hmap_entry *e;
	size_t it;

	if (sc == NULL)
		return;
	for (e = hmap_first(&sc->assigned, &it); e != NULL;
	    e = hmap_next(&sc->assigned, &it, e)) {
		struct sched_assigned *a = e->value;

		sched_pod_release(&a->p);
		sc_existing_release(&a->ex);
		free(a->key);
		free(a);
	}
	hmap_release(&sc->assigned);
	free(sc->pods);
	free(sc->termed);
	while ((e = hmap_first(&sc->nominated, &it)) != NULL)
		sc_nominate_release(sc, e->key);
	hmap_release(&sc->nominated);
	for (e = hmap_first(&sc->waitpods, &it); e != NULL;
	    e = hmap_next(&sc->waitpods, &it, e))
		free(e->value);
	hmap_release(&sc->waitpods);
	for (e = hmap_first(&sc->nodes, &it); e != NULL;
	    e = hmap_next(&sc->nodes, &it, e)) {
		sched_node_release(e->value);
		free(e->value);
	}
	hmap_release(&sc->nodes);
	for (e = hmap_first(&sc->waiting, &it); e != NULL;
	    e = hmap_next(&sc->waiting, &it, e))
		free(e->value);
	hmap_release(&sc->waiting);
	for (e = hmap_first(&sc->tries, &it); e != NULL;
	    e = hmap_next(&sc->tries, &it, e)) {
		free(((struct sc_tries *)e->value)->key);
		free(e->value);
	}
	hmap_release(&sc->tries);
	for (e = hmap_first(&sc->inflight, &it); e != NULL;
	    e = hmap_next(&sc->inflight, &it, e))
		free(e->value);
	hmap_release(&sc->inflight);
	for (e = hmap_first(&sc->failed, &it); e != NULL;
	    e = hmap_next(&sc->failed, &it, e))
		free(e->value);
	hmap_release(&sc->failed);
	pthread_mutex_destroy(&sc->mu);
	free(sc->order);
	free(sc);
	c->priv = NULL;
}

const struct controller controller_scheduler = {
	.name = "scheduler",
	.init = sched_init,
	.fini = sched_fini,
	.sync = sched_sync,
};
