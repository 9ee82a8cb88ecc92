/* statefulset.c - kube-controller-manager's StatefulSet controller: pods
 * with stable names, ordinals and storage.
 *
 * Keys are "namespace/name" of StatefulSets, looked at when one or one of
 * its pods changes.  As upstream:
 *  - pods are <set>-<ordinal> for the ordinals from spec.ordinals.start,
 *    with hostname the pod's name and subdomain the serviceName, labels
 *    statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index and
 *    controller-revision-hash; each volumeClaimTemplate gives the pod the
 *    claim <template>-<set>-<ordinal>, made when missing (and owned by the
 *    set when persistentVolumeClaimRetentionPolicy.whenDeleted is Delete,
 *    else kept);
 *  - OrderedReady makes pods one at a time in ordinal order, each once
 *    the ones before it run and are ready, and removes surplus ones from
 *    the highest ordinal down, one at a time; Parallel does all at once;
 *    a failed or finished pod is deleted and made again;
 *  - revisions are ControllerRevisions (history.c); RollingUpdate replaces
 *    pods from the highest ordinal down to spec.updateStrategy.
 *    rollingUpdate.partition, one at a time while all are ready, and pods
 *    below the partition are made again at the current revision; OnDelete
 *    only makes new pods at the update revision;
 *  - status: replicas, ready, available, current and updated replicas,
 *    currentRevision, updateRevision, observedGeneration.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../recorder.h"
#include "controllers.h"
#include "history.h"
#include "podutil.h"

#define STS_COMPONENT	"statefulset-controller"
#define STS_HASH	"controller-revision-hash"
#define STS_POD_NAME	"statefulset.kubernetes.io/pod-name"
#define STS_POD_INDEX	"apps.kubernetes.io/pod-index"
#define STS_MAX		10000	/* ordinals looked at */

struct sts_state {
	const struct registry_kind *sts_k, *pods_k, *cr_k, *pvc_k;
	struct ctl_owned pods;
	struct ctl_owned revisions;
};

static const json_t *
sts_get(const json_t *o, const char *a, const char *b)
{
	const json_t *v = json_object_get(o, a);

	return b != NULL ? json_object_get(v, b) : v;
}

static const char *
sts_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* The ordinal of a pod of set, from its name; -1 when not one. */
static long
sts_ordinal(const char *set, const char *pod)
{
	size_t n = strlen(set);
	char *end;
	long v;

	if (strncmp(pod, set, n) != 0 || pod[n] != '-' || pod[n + 1] == '\0')
		return -1;
	v = strtol(pod + n + 1, &end, 10);
	return *end == '\0' && v >= 0 ? v : -1;
}

static const char *
sts_pod_hash(const json_t *pod)
{
	return sts_str(sts_get(pod, "metadata", "labels"), STS_HASH);
}

static int
sts_running_ready(const json_t *pod)
{
	const char *ph = sts_str(json_object_get(pod, "status"), "phase");

	return ph != NULL && strcmp(ph, "Running") == 0 &&
	    podutil_ready(pod) && json_object_get(json_object_get(pod,
	    "metadata"), "deletionTimestamp") == NULL;
}

/* The template of revision hash (the set's own when it is the update
 * revision), a new reference; NULL when the revision is gone. */
static json_t *
sts_template(struct ctl *c, const struct cobj *set, const char *hash,
    const char *update)
{
	struct sts_state *st = c->priv;
	char key[600];
	struct cobj *cr;
	json_t *t;

	if (strcmp(hash, update) == 0)
		return json_incref((json_t *)sts_get(set->obj, "spec",
		    "template"));
	snprintf(key, sizeof key, "%s/%s-%s", set->ns, set->name, hash);
	if ((cr = ctl_get(c, st->cr_k, key)) == NULL)
		return NULL;
	t = json_deep_copy(sts_get(sts_get(cr->obj, "data", "spec"),
	    "template", NULL));
	json_object_del(t, "$patch");
	cobj_unref(cr);
	return t;
}

/* Makes the claims of ordinal ord that are missing. */
static int
sts_claims(struct ctl *c, const struct cobj *set, long ord)
{
	struct sts_state *st = c->priv;
	const json_t *t, *sel = sts_get(sts_get(set->obj, "spec", "selector"),
	    "matchLabels", NULL);
	const char *when = sts_str(sts_get(set->obj, "spec",
	    "persistentVolumeClaimRetentionPolicy"), "whenDeleted");
	char name[600], key[700];
	struct cobj *have;
	struct err err;
	json_t *pvc, *labels;
	size_t i;
	int rc = 0;

	json_array_foreach(sts_get(set->obj, "spec", "volumeClaimTemplates"),
	    i, t) {
		snprintf(name, sizeof name, "%s-%s-%ld", sts_str(
		    json_object_get(t, "metadata"), "name") ?: "", set->name,
		    ord);
		snprintf(key, sizeof key, "%s/%s", set->ns, name);
		if ((have = ctl_get(c, st->pvc_k, key)) != NULL) {
			cobj_unref(have);
			continue;
		}
		labels = json_deep_copy(sts_get(t, "metadata", "labels"));
		if (!json_is_object(labels)) {
			json_decref(labels);
			labels = json_object();
		}
		if (json_is_object(sel))
			json_object_update(labels, (json_t *)sel);
		pvc = json_pack("{s:s, s:s, s:{s:s, s:s, s:o}, s:o?}",
		    "apiVersion", "v1", "kind", "PersistentVolumeClaim",
		    "metadata", "name", name, "namespace", set->ns, "labels",
		    labels, "spec", json_deep_copy(json_object_get(t,
		    "spec")));
		if (pvc == NULL)
			return -1;
		if (when != NULL && strcmp(when, "Delete") == 0)
			json_object_set_new(json_object_get(pvc, "metadata"),
			    "ownerReferences", json_pack("[o]",
			    podutil_owner_ref(set->obj, "apps/v1",
			    "StatefulSet")));
		err_clear(&err);
		if (ctl_create(c, st->pvc_k, set->ns, pvc, NULL, &err) < 0 &&
		    err.reason != ERR_ALREADY_EXISTS) {
			recorder_event(c->srv->recorder, set, STS_COMPONENT,
			    "Warning", "FailedCreate", "create Claim %s for "
			    "Pod %s-%ld in StatefulSet %s failed error: %s",
			    name, set->name, ord, set->name, err.msg);
			rc = -1;
		} else {
			recorder_event(c->srv->recorder, set, STS_COMPONENT,
			    "Normal", "SuccessfulCreate", "create Claim %s Pod "
			    "%s-%ld in StatefulSet %s success", name,
			    set->name, ord, set->name);
		}
		json_decref(pvc);
	}
	return rc;
}

/* Pod ord of set from tmpl, at revision hash. */
static int
sts_create(struct ctl *c, const struct cobj *set, const json_t *tmpl,
    long ord, const char *hash)
{
	struct sts_state *st = c->priv;
	const json_t *t;
	char name[300], idx[32];
	json_t *pod, *meta, *labels, *spec, *vols;
	struct err err;
	size_t i, j;
	int rc;

	if (sts_claims(c, set, ord) < 0)
		return -1;
	snprintf(name, sizeof name, "%s-%ld", set->name, ord);
	snprintf(idx, sizeof idx, "%ld", ord);
	pod = podutil_from_template(tmpl, set->obj, "apps/v1", "StatefulSet",
	    name, 0);
	if (pod == NULL)
		return -1;
	meta = json_object_get(pod, "metadata");
	labels = json_object_get(meta, "labels");
	if (!json_is_object(labels)) {
		labels = json_object();
		json_object_set_new(meta, "labels", labels);
	}
	json_object_set_new(labels, STS_HASH, json_string(hash));
	json_object_set_new(labels, STS_POD_NAME, json_string(name));
	json_object_set_new(labels, STS_POD_INDEX, json_string(idx));
	spec = json_object_get(pod, "spec");
	json_object_set_new(spec, "hostname", json_string(name));
	if (sts_str(json_object_get(set->obj, "spec"), "serviceName") != NULL)
		json_object_set_new(spec, "subdomain", json_string(sts_str(
		    json_object_get(set->obj, "spec"), "serviceName")));
	vols = json_object_get(spec, "volumes");
	if (!json_is_array(vols)) {
		vols = json_array();
		json_object_set_new(spec, "volumes", vols);
	}
	json_array_foreach(sts_get(set->obj, "spec", "volumeClaimTemplates"),
	    i, t) {
		const char *vn = sts_str(json_object_get(t, "metadata"), "name");
		char claim[600];
		json_t *v;

		if (vn == NULL)
			continue;
		snprintf(claim, sizeof claim, "%s-%s-%ld", vn, set->name, ord);
		for (j = json_array_size(vols); j-- > 0;)
			if (sts_str(json_array_get(vols, j), "name") &&
			    strcmp(sts_str(json_array_get(vols, j), "name"),
			    vn) == 0)
				json_array_remove(vols, j);
		v = json_pack("{s:s, s:{s:s}}", "name", vn,
		    "persistentVolumeClaim", "claimName", claim);
		json_array_append_new(vols, v);
	}
	if (json_array_size(vols) == 0)
		json_object_del(spec, "volumes");
	err_clear(&err);
	rc = ctl_create(c, st->pods_k, set->ns, pod, NULL, &err);
	if (rc == 0 || err.reason == ERR_ALREADY_EXISTS) {
		recorder_event(c->srv->recorder, set, STS_COMPONENT, "Normal",
		    "SuccessfulCreate", "create Pod %s in StatefulSet %s "
		    "successful", name, set->name);
		rc = 0;
	} else {
		recorder_event(c->srv->recorder, set, STS_COMPONENT, "Warning",
		    "FailedCreate", "create Pod %s in StatefulSet %s failed "
		    "error: %s", name, set->name, err.msg);
	}
	json_decref(pod);
	return rc;
}

static int
sts_delete(struct ctl *c, const struct cobj *set, const struct cobj *pod)
{
	struct err err;

	err_clear(&err);
	if (ctl_delete(c, pod, NULL, &err) < 0)
		return -1;
	recorder_event(c->srv->recorder, set, STS_COMPONENT, "Normal",
	    "SuccessfulDelete", "delete Pod %s in StatefulSet %s successful",
	    pod->name, set->name);
	return 0;
}

static int
sts_sync(struct ctl *c, const char *key)
{
	struct sts_state *st = c->priv;
	struct cobj *set = ctl_get(c, st->sts_k, key), **pods = NULL,
	    **byord = NULL;
	const json_t *spec, *ost;
	json_t *status = NULL, *tmpl;
	char update[64], current[64];
	const char *strategy, *policy, *h;
	long replicas, start, partition = 0, ord, nord, ready = 0, avail = 0,
	    cur = 0, upd = 0, count = 0, min_ready, wait, recheck = 0;
	size_t n = 0, i;
	time_t now = time(NULL);
	int rc = 0, ordered, busy = 0, all_healthy = 1;
	struct err err;

	if (set == NULL)
		return 0;
	spec = json_object_get(set->obj, "spec");
	ost = json_object_get(set->obj, "status");
	replicas = json_is_integer(json_object_get(spec, "replicas")) ?
	    (long)json_integer_value(json_object_get(spec, "replicas")) : 1;
	start = (long)json_integer_value(sts_get(json_object_get(spec,
	    "ordinals"), "start", NULL));
	policy = sts_str(spec, "podManagementPolicy") ?: "OrderedReady";
	ordered = strcmp(policy, "Parallel") != 0;
	strategy = sts_str(json_object_get(spec, "updateStrategy"), "type") ?:
	    "RollingUpdate";
	partition = (long)json_integer_value(sts_get(sts_get(json_object_get(
	    spec, "updateStrategy"), "rollingUpdate", NULL), "partition",
	    NULL));
	min_ready = (long)json_integer_value(json_object_get(spec,
	    "minReadySeconds"));
	if (history_current(c, &st->revisions, st->cr_k, set, "StatefulSet",
	    update, sizeof update, NULL) < 0) {
		rc = -1;
		goto out;
	}
	snprintf(current, sizeof current, "%s", sts_str(ost,
	    "currentRevision") ?: update);
	if (current[0] == '\0')
		snprintf(current, sizeof current, "%s", update);
	pods = ctl_owned_objs(c, &st->pods, st->pods_k, set->obj, &n);
	nord = start + replicas;
	for (i = 0; i < n; i++) {
		ord = sts_ordinal(set->name, pods[i]->name);
		if (ord >= nord && ord - nord < STS_MAX)
			nord = ord + 1;
	}
	if (nord - start > STS_MAX)
		nord = start + STS_MAX;
	byord = calloc((size_t)(nord - start) + 1, sizeof *byord);
	if (byord == NULL) {
		rc = -1;
		goto out;
	}
	for (i = 0; i < n; i++) {
		ord = sts_ordinal(set->name, pods[i]->name);
		if (ord >= start && ord < nord)
			byord[ord - start] = pods[i];
	}
	if (json_object_get(json_object_get(set->obj, "metadata"),
	    "deletionTimestamp") != NULL)
		goto status;
	/* the pods that should be: made, or made again when finished */
	for (ord = start; ord < start + replicas; ord++) {
		struct cobj *p = byord[ord - start];
		const char *want = ord - start < partition ||
		    strcmp(strategy, "OnDelete") == 0 ? current : update;

		if (p == NULL) {
			if (busy && ordered)
				break;
			tmpl = sts_template(c, set, want, update);
			if (tmpl == NULL) {
				tmpl = sts_template(c, set, update, update);
				want = update;
			}
			if (sts_create(c, set, tmpl, ord, want) < 0)
				rc = -1;
			json_decref(tmpl);
			busy = 1;
			all_healthy = 0;
			if (ordered)
				break;
			continue;
		}
		if (json_object_get(json_object_get(p->obj, "metadata"),
		    "deletionTimestamp") != NULL) {
			busy = 1;
			all_healthy = 0;
			if (ordered)
				break;
			continue;
		}
		if (!podutil_active(p->obj)) {
			if (sts_delete(c, set, p) < 0)
				rc = -1;
			busy = 1;
			all_healthy = 0;
			if (ordered)
				break;
			continue;
		}
		if (!sts_running_ready(p->obj)) {
			all_healthy = 0;
			busy = 1;
			if (ordered)
				break;
		}
	}
	/* the surplus, from the highest ordinal down */
	for (ord = nord - 1; ord >= start + replicas; ord--) {
		struct cobj *p = byord[ord - start];

		if (p == NULL)
			continue;
		if (json_object_get(json_object_get(p->obj, "metadata"),
		    "deletionTimestamp") != NULL) {
			if (ordered)
				break;
			continue;
		}
		if (ordered && !all_healthy)
			break;
		if (sts_delete(c, set, p) < 0)
			rc = -1;
		if (ordered)
			break;
	}
	/* RollingUpdate: the highest pod at or past the partition that is
	 * not at the update revision goes, once everything is healthy */
	if (strcmp(strategy, "RollingUpdate") == 0 && all_healthy)
		for (ord = start + replicas - 1; ord >= start + partition;
		    ord--) {
			struct cobj *p = byord[ord - start];

			if (p == NULL || ((h = sts_pod_hash(p->obj)) != NULL &&
			    strcmp(h, update) == 0))
				continue;
			if (sts_delete(c, set, p) < 0)
				rc = -1;
			break;
		}
status:
	for (i = 0; i < n; i++) {
		if (!podutil_active(pods[i]->obj))
			continue;
		count++;
		if (podutil_ready(pods[i]->obj))
			ready++;
		if (podutil_available(pods[i]->obj, min_ready, now, &wait))
			avail++;
		else if (wait > 0 && (recheck == 0 || wait < recheck))
			recheck = wait;
		h = sts_pod_hash(pods[i]->obj);
		if (h != NULL && strcmp(h, current) == 0)
			cur++;
		if (h != NULL && strcmp(h, update) == 0)
			upd++;
	}
	/* every pod at the update revision: it is the current one now */
	if (upd == replicas && count == replicas) {
		snprintf(current, sizeof current, "%s", update);
		cur = upd;
	}
	status = json_pack("{s:I, s:I, s:I, s:I, s:I, s:s, s:s, s:I}",
	    "observedGeneration", (json_int_t)json_integer_value(sts_get(
	    set->obj, "metadata", "generation")), "replicas",
	    (json_int_t)count, "readyReplicas", (json_int_t)ready,
	    "currentReplicas", (json_int_t)cur, "updatedReplicas",
	    (json_int_t)upd, "currentRevision", current, "updateRevision",
	    update, "availableReplicas", (json_int_t)avail);
	if (json_object_get(ost, "collisionCount") != NULL)
		json_object_set(status, "collisionCount",
		    json_object_get(ost, "collisionCount"));
	err_clear(&err);
	if (ctl_put_status(c, set, status, &err) < 0 &&
	    err.reason != ERR_NOT_FOUND)
		rc = -1;
	if (recheck > 0)
		ctl_enqueue_after(c, key, recheck * 1000 + 100);
out:
	json_decref(status);
	free(byord);
	ctl_objs_release(pods, n);
	cobj_unref(set);
	return rc;
}

static void
sts_event(struct ctl *c, const struct cevent *ev)
{
	ctl_enqueue_obj(c, ev->obj);
}

static int
sts_init(struct ctl *c, struct err *err)
{
	struct sts_state *st = calloc(1, sizeof *st);

	if (st == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	c->priv = st;
	st->sts_k = registry_find("apps", "statefulsets");
	st->pods_k = registry_find("", "pods");
	st->cr_k = registry_find("apps", "controllerrevisions");
	st->pvc_k = registry_find("", "persistentvolumeclaims");
	if (ctl_watch_owned(c, st->pods_k, &st->pods, "StatefulSet",
	    err) < 0 || ctl_watch_owned(c, st->cr_k, &st->revisions,
	    "StatefulSet", err) < 0 || ctl_watch_kind(c, st->sts_k,
	    sts_event, err) < 0)
		return -1;
	return 0;
}

static void
sts_fini(struct ctl *c)
{
	struct sts_state *st = c->priv;

	if (st == NULL)
		return;
	ctl_owned_release(&st->pods);
	ctl_owned_release(&st->revisions);
	free(st);
	c->priv = NULL;
}

const struct controller controller_statefulset = {
	.name = "statefulset",
	.init = sts_init,
	.fini = sts_fini,
	.sync = sts_sync,
};
