/* replicaset.c - kube-controller-manager's ReplicaSet controller: keeps
 * spec.replicas pods of the template running for each ReplicaSet.
 *
 * Keys are "namespace/name" of ReplicaSets.  A ReplicaSet is looked at
 * when it changes and when one of its pods does (the pods are indexed by
 * their controller's uid).  A sync counts the active pods it controls,
 * adopts orphans its selector matches and releases pods it no longer
 * matches, creates the missing pods (in batches of 1, 2, 4, ... that stop
 * at the first failure, at most RS_BURST a sync) or deletes the surplus
 * (not yet scheduled, pending and not ready pods first), records
 * SuccessfulCreate/SuccessfulDelete events and writes status: replicas,
 * fullyLabeledReplicas, readyReplicas, availableReplicas (ready for
 * minReadySeconds), observedGeneration.  The watch cache answers reads
 * with every acknowledged write, so a sync sees the pods the previous one
 * made: no expectations are needed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/selector.h"
#include "../recorder.h"
#include "controllers.h"
#include "podutil.h"
#include "pool.h"

#define RS_BURST	500	/* pods made or deleted in one sync */
#define RS_COMPONENT	"replicaset-controller"

struct rs_state {
	const struct registry_kind *rs_k, *pods_k;
	struct ctl_owned pods;
};

static void
rs_pod_event(struct ctl *c, const struct cevent *ev)
{
	struct rs_state *st = c->priv;
	struct cache_page page;
	struct selector *sel;
	struct err err;
	char key[600];
	size_t i;

	ctl_owned_update(&st->pods, ev);
	if (ctl_controller_key(ev->obj, "ReplicaSet", key, sizeof key) == 0)
		ctl_enqueue(c, key);
	if (ev->prev != NULL && ctl_controller_key(ev->prev, "ReplicaSet", key,
	    sizeof key) == 0)
		ctl_enqueue(c, key);
	/* an orphan: the ReplicaSets that may adopt it */
	if (ev->type == CEV_DELETED || podutil_controller_ref(ev->obj->obj) !=
	    NULL || !podutil_active(ev->obj->obj))
		return;
	err_clear(&err);
	if (cache_list(c->srv->cache, st->rs_k, ev->obj->ns, NULL, 0, NULL,
	    NULL, &page, &err) < 0)
		return;
	for (i = 0; i < page.n; i++) {
		if (selector_from_json(json_object_get(json_object_get(
		    page.items[i]->obj, "spec"), "selector"), &sel, NULL) < 0)
			continue;
		if (!selector_empty(sel) && selector_matches(sel,
		    json_object_get(json_object_get(ev->obj->obj, "metadata"),
		    "labels")))
			ctl_enqueue_obj(c, page.items[i]);
		selector_free(sel);
	}
	cache_page_release(&page);
}

static void
rs_event(struct ctl *c, const struct cevent *ev)
{
	ctl_enqueue_obj(c, ev->obj);
}

static const json_t *
rs_labels(const json_t *obj)
{
	return json_object_get(json_object_get(obj, "metadata"), "labels");
}

/* Sets pod's ownerReferences to refs (taken over), for that pod only (its
 * uid in the patch). */
static int
rs_set_owners(struct ctl *c, const struct cobj *pod, json_t *refs)
{
	char path[1024];
	struct err err;
	json_t *patch;
	int rc;

	patch = json_pack("{s:{s:o, s:s?}}", "metadata", "ownerReferences",
	    refs, "uid", podutil_meta(pod->obj, "uid"));
	controllers_path(pod->kind, pod->ns, pod->name, path, sizeof path);
	err_clear(&err);
	rc = client_do(c->srv, "PATCH", path, NULL,
	    "application/merge-patch+json", patch, NULL, &err);
	json_decref(patch);
	return rc;
}

/* Makes rs the controller of pod (an orphan its selector matches). */
static int
rs_adopt(struct ctl *c, const struct cobj *rs, const struct cobj *pod)
{
	json_t *refs;

	refs = json_deep_copy(json_object_get(json_object_get(pod->obj,
	    "metadata"), "ownerReferences"));
	if (!json_is_array(refs)) {
		json_decref(refs);
		refs = json_array();
	}
	json_array_append_new(refs, podutil_owner_ref(rs->obj, "apps/v1",
	    "ReplicaSet"));
	return rs_set_owners(c, pod, refs);
}

/* Takes rs's reference out of a pod its selector no longer matches. */
static int
rs_release(struct ctl *c, const struct cobj *rs, const struct cobj *pod)
{
	const json_t *ref;
	json_t *keep = json_array();
	size_t i;

	json_array_foreach(json_object_get(json_object_get(pod->obj,
	    "metadata"), "ownerReferences"), i, ref)
		if (!json_string_value(json_object_get(ref, "uid")) ||
		    strcmp(json_string_value(json_object_get(ref, "uid")),
		    podutil_meta(rs->obj, "uid") ?: "") != 0)
			json_array_append(keep, (json_t *)ref);
	return rs_set_owners(c, pod, keep);
}

/* One pod to make, on a writer thread. */
struct rs_make {
	struct ctl	*c;
	const struct cobj *rs;
	json_t		*pod;
	json_t		*out;
	struct err	 err;
	int		 rc;
};

static void
rs_make_one(void *arg)
{
	struct rs_make *m = arg;
	struct rs_state *st = m->c->priv;

	err_clear(&m->err);
	m->rc = ctl_create(m->c, st->pods_k, m->rs->ns, m->pod, &m->out,
	    &m->err);
}

/*
 * Creates n pods from rs's template in batches of 1, 2, 4, ... (each
 * made at once by the writer threads, so their commits go together),
 * stopping after a batch with a failure; how many were made.
 */
static long
rs_create(struct ctl *c, const struct cobj *rs, long n, struct err *err)
{
	const json_t *tmpl = json_object_get(json_object_get(rs->obj, "spec"),
	    "template");
	struct pool_batch b;
	struct rs_make *m;
	char prefix[300];
	long made = 0, batch = 1, i, ok;

	snprintf(prefix, sizeof prefix, "%.57s-", rs->name);
	while (made < n) {
		if (batch > n - made)
			batch = n - made;
		if ((m = calloc((size_t)batch, sizeof *m)) == NULL)
			return made;
		pool_batch_init(&b);
		for (i = 0; i < batch; i++) {
			m[i].c = c;
			m[i].rs = rs;
			m[i].pod = podutil_from_template(tmpl, rs->obj,
			    "apps/v1", "ReplicaSet", prefix, 1);
			m[i].rc = -1;
			if (m[i].pod != NULL)
				pool_batch_submit(&b, rs_make_one, &m[i]);
		}
		pool_batch_wait(&b);
		for (ok = 0, i = 0; i < batch; i++) {
			if (m[i].rc == 0) {
				recorder_event(c->srv->recorder, rs,
				    RS_COMPONENT, "Normal", "SuccessfulCreate",
				    "Created pod: %s", podutil_meta(m[i].out,
				    "name") ?: "");
				ok++;
			} else if (m[i].pod != NULL) {
				*err = m[i].err;
				recorder_event(c->srv->recorder, rs,
				    RS_COMPONENT, "Warning", "FailedCreate",
				    "Error creating: %s", m[i].err.msg);
			}
			json_decref(m[i].pod);
			json_decref(m[i].out);
		}
		free(m);
		made += ok;
		if (ok < batch)
			break;
		batch *= 2;
	}
	return made;
}

/* The status of rs given its active pods. */
static json_t *
rs_status(const struct cobj *rs, struct cobj **pods, size_t n,
    long *recheck)
{
	const json_t *spec = json_object_get(rs->obj, "spec");
	const json_t *tl = rs_labels(json_object_get(spec, "template"));
	const json_t *old = json_object_get(rs->obj, "status");
	long min_ready = (long)json_integer_value(json_object_get(spec,
	    "minReadySeconds")), wait;
	long long labeled = 0, ready = 0, avail = 0;
	time_t now = time(NULL);
	struct selector *sel = NULL;
	json_t *st;
	size_t i;

	selector_from_map(tl, &sel, NULL);
	*recheck = 0;
	for (i = 0; i < n; i++) {
		if (sel == NULL || selector_matches(sel, rs_labels(
		    pods[i]->obj)))
			labeled++;
		if (podutil_ready(pods[i]->obj))
			ready++;
		if (podutil_available(pods[i]->obj, min_ready, now, &wait))
			avail++;
		else if (wait > 0 && (*recheck == 0 || wait < *recheck))
			*recheck = wait;
	}
	selector_free(sel);
	st = json_pack("{s:I, s:I}", "replicas", (json_int_t)n,
	    "fullyLabeledReplicas", (json_int_t)labeled);
	if (ready > 0)
		json_object_set_new(st, "readyReplicas", json_integer(ready));
	if (avail > 0)
		json_object_set_new(st, "availableReplicas",
		    json_integer(avail));
	json_object_set_new(st, "observedGeneration", json_integer(
	    json_integer_value(json_object_get(json_object_get(rs->obj,
	    "metadata"), "generation"))));
	if (json_object_get(old, "conditions") != NULL)
		json_object_set(st, "conditions", json_object_get(old,
		    "conditions"));
	return st;
}

static int
rs_sync(struct ctl *c, const char *key)
{
	struct rs_state *st = c->priv;
	struct cobj *rs = ctl_get(c, st->rs_k, key), **pods = NULL, *o;
	struct selector *sel = NULL;
	struct err err;
	json_t *status;
	char **orph = NULL;
	size_t n = 0, norph = 0, i, nactive = 0;
	long want, diff, recheck;
	int rc = 0, deleting;

	if (rs == NULL)
		return 0;
	deleting = json_object_get(json_object_get(rs->obj, "metadata"),
	    "deletionTimestamp") != NULL;
	if (selector_from_json(json_object_get(json_object_get(rs->obj,
	    "spec"), "selector"), &sel, NULL) < 0 || selector_empty(sel))
		goto out;	/* validation refuses these */
	pods = ctl_owned_objs(c, &st->pods, st->pods_k, rs->obj, &n);
	/* released when no longer matched; the rest, active ones first */
	for (i = 0; i < n; i++) {
		if (!deleting && !selector_matches(sel, rs_labels(
		    pods[i]->obj))) {
			rs_release(c, rs, pods[i]);
			cobj_unref(pods[i]);
			continue;
		}
		if (podutil_active(pods[i]->obj))
			pods[nactive++] = pods[i];
		else
			cobj_unref(pods[i]);
	}
	n = nactive;
	if (!deleting) {
		orph = ctl_orphan_keys(&st->pods, rs->ns, &norph);
		for (i = 0; i < norph; i++) {
			o = ctl_get(c, st->pods_k, orph[i]);
			if (o != NULL && podutil_active(o->obj) &&
			    podutil_controller_ref(o->obj) == NULL &&
			    selector_matches(sel, rs_labels(o->obj)) &&
			    rs_adopt(c, rs, o) == 0) {
				struct cobj **v = realloc(pods, (n + 1) *
				    sizeof *v);

				if (v != NULL) {
					pods = v;
					pods[n++] = o;
					continue;
				}
			}
			cobj_unref(o);
		}
		multimap_free_values(orph, norph);
	}
	want = (long)json_integer_value(json_object_get(json_object_get(
	    rs->obj, "spec"), "replicas"));
	diff = want - (long)n;
	err_clear(&err);
	if (!deleting && diff > 0) {
		if (diff > RS_BURST)
			diff = RS_BURST;
		if (rs_create(c, rs, diff, &err) < diff)
			rc = -1;
	} else if (!deleting && diff < 0) {
		diff = -diff;
		if (diff > RS_BURST)
			diff = RS_BURST;
		podutil_sort_for_deletion(pods, n);
		for (i = 0; i < (size_t)diff && i < n; i++) {
			if (ctl_delete(c, pods[i], NULL, &err) < 0) {
				recorder_event(c->srv->recorder, rs,
				    RS_COMPONENT, "Warning", "FailedDelete",
				    "Error deleting: %s", err.msg);
				rc = -1;
				break;
			}
			recorder_event(c->srv->recorder, rs, RS_COMPONENT,
			    "Normal", "SuccessfulDelete", "Deleted pod: %s",
			    pods[i]->name);
		}
	}
	status = rs_status(rs, pods, n, &recheck);
	err_clear(&err);
	if (ctl_put_status(c, rs, status, &err) < 0 &&
	    err.reason != ERR_NOT_FOUND)
		rc = -1;
	json_decref(status);
	if (recheck > 0)	/* a pod becomes available then */
		ctl_enqueue_after(c, key, recheck * 1000 + 100);
out:
	selector_free(sel);
	ctl_objs_release(pods, n);
	cobj_unref(rs);
	return rc;
}

static int
rs_init(struct ctl *c, struct err *err)
{
	struct rs_state *st = calloc(1, sizeof *st);

	if (st == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	c->priv = st;
	st->rs_k = registry_find("apps", "replicasets");
	st->pods_k = registry_find("", "pods");
	if (ctl_watch_kind(c, st->rs_k, rs_event, err) < 0 ||
	    ctl_watch_kind(c, st->pods_k, rs_pod_event, err) < 0)
		return -1;
	return 0;
}

static void
rs_fini(struct ctl *c)
{
	struct rs_state *st = c->priv;

	if (st == NULL)
		return;
	ctl_owned_release(&st->pods);
	free(st);
	c->priv = NULL;
}

const struct controller controller_replicaset = {
	.name = "replicaset",
	.init = rs_init,
	.fini = rs_fini,
	.sync = rs_sync,
};
