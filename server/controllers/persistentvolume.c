/* persistentvolume.c - kube-controller-manager's persistentvolume-binder
 * and a local-path provisioner, as k3s ships one: claims are bound to
 * volumes, and a claim of the local-path class gets a volume made for it,
 * a directory on the node that first runs a pod using it.
 *
 * Keys are "namespace/name" of PersistentVolumeClaims, and "pv:NAME" for
 * PersistentVolumes.
 *  - A Pending claim binds to an Available volume that fits (its class,
 *    access modes, at least the storage asked for; the smallest one, a
 *    volume whose claimRef names the claim first), or to the volume its
 *    volumeName names: the volume gets the claimRef and phase Bound, the
 *    claim its volumeName, phase, capacity and access modes, as upstream.
 *  - A claim of a class whose provisioner is kubec.io/local-path gets a
 *    volume pvc-<claim uid>: a hostPath directory under
 *    --local-storage-path on a node, made by the agent when it mounts it;
 *    for WaitForFirstConsumer (local-path's mode) on the node the
 *    scheduler named in the claim's volume.kubernetes.io/selected-node,
 *    with a required node affinity to it.
 *  - A volume whose claim is gone is Released, and deleted when its
 *    reclaimPolicy is Delete (the directory stays on the node).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/quantity.h"
#include "../recorder.h"
#include "controllers.h"
#include "podutil.h"

#define PV_COMPONENT	"persistentvolume-controller"
#define PV_LOCAL	"kubec.io/local-path"
#define PV_SELECTED	"volume.kubernetes.io/selected-node"
#define PV_BOUND_BY	"pv.kubernetes.io/bound-by-controller"
#define PV_COMPLETED	"pv.kubernetes.io/bind-completed"
#define PV_BY		"pv.kubernetes.io/provisioned-by"

struct pv_state {
	const struct registry_kind *pv_k, *pvc_k, *sc_k;
};

static const char *
pv_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static const json_t *
pv_get(const json_t *o, const char *a, const char *b)
{
	const json_t *v = json_object_get(o, a);

	return b != NULL ? json_object_get(v, b) : v;
}

static const char *
pv_class(const json_t *o)
{
	return pv_str(json_object_get(o, "spec"), "storageClassName") ?: "";
}

/* A storage quantity in bytes; -1 when absent or bad. */
static int64_t
pv_bytes(const json_t *list)
{
	const char *s = pv_str(list, "storage");
	struct quantity q;

	if (s == NULL || quantity_parse(s, &q, NULL) < 0)
		return -1;
	return quantity_value(&q);
}

/* Whether the volume offers every access mode the claim asks for. */
static int
pv_modes(const json_t *pv, const json_t *pvc)
{
	const json_t *want, *have;
	size_t i, j;
	int found;

	json_array_foreach(pv_get(pvc, "spec", "accessModes"), i, want) {
		found = 0;
		json_array_foreach(pv_get(pv, "spec", "accessModes"), j, have)
			if (json_equal(want, have))
				found = 1;
		if (!found)
			return 0;
	}
	return 1;
}

static int
pv_put(struct ctl *c, const struct cobj *o, json_t *obj, int status)
{
	char path[1024];
	struct err err;
	int rc;

	controllers_path(o->kind, o->ns, o->name, path, sizeof path);
	if (status)
		strncat(path, "/status", sizeof path - strlen(path) - 1);
	err_clear(&err);
	rc = client_do(c->srv, "PUT", path, NULL, NULL, obj, NULL, &err);
	return rc < 0 && err.reason != ERR_NOT_FOUND ? -1 : 0;
}

/* Binds volume and claim, as the binder's bind(): the volume first. */
static int
pv_bind(struct ctl *c, const struct cobj *pv, const struct cobj *pvc)
{
	struct pv_state *st = c->priv;
	json_t *obj, *st_pv, *ann;
	struct cobj *cur;
	char key[600];
	int rc;

	obj = json_deep_copy(pv->obj);
	json_object_set_new(json_object_get(obj, "spec"), "claimRef",
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kind",
	    "PersistentVolumeClaim", "namespace", pvc->ns, "name", pvc->name,
	    "uid", podutil_meta(pvc->obj, "uid") ?: "", "apiVersion", "v1",
	    "resourceVersion", podutil_meta(pvc->obj, "resourceVersion") ?:
	    ""));
	rc = pv_put(c, pv, obj, 0);
	json_decref(obj);
	if (rc < 0)
		return -1;
	snprintf(key, sizeof key, "%s", pv->name);
	if ((cur = ctl_get(c, st->pv_k, key)) != NULL) {
		st_pv = json_deep_copy(json_object_get(cur->obj, "status"));
		if (!json_is_object(st_pv)) {
			json_decref(st_pv);
			st_pv = json_object();
		}
		json_object_set_new(st_pv, "phase", json_string("Bound"));
		{
			struct err err;

			err_clear(&err);
			ctl_put_status(c, cur, st_pv, &err);
		}
		json_decref(st_pv);
		cobj_unref(cur);
	}
	/* the claim: its volume, then its status */
	obj = json_deep_copy(pvc->obj);
	json_object_set_new(json_object_get(obj, "spec"), "volumeName",
	    json_string(pv->name));
	ann = json_object_get(json_object_get(obj, "metadata"), "annotations");
	if (!json_is_object(ann)) {
		ann = json_object();
		json_object_set_new(json_object_get(obj, "metadata"),
		    "annotations", ann);
	}
	json_object_set_new(ann, PV_COMPLETED, json_string("yes"));
	if (pv_str(json_object_get(pvc->obj, "spec"), "volumeName") == NULL)
		json_object_set_new(ann, PV_BOUND_BY, json_string("yes"));
	rc = pv_put(c, pvc, obj, 0);
	json_decref(obj);
	if (rc < 0)
		return -1;
	snprintf(key, sizeof key, "%s/%s", pvc->ns, pvc->name);
	if ((cur = ctl_get(c, st->pvc_k, key)) != NULL) {
		struct err err;
		json_t *s = json_pack("{s:s, s:O?, s:O?}", "phase", "Bound",
		    "accessModes", pv_get(pv->obj, "spec", "accessModes"),
		    "capacity", pv_get(pv->obj, "spec", "capacity"));

		err_clear(&err);
		rc = ctl_put_status(c, cur, s, &err);
		json_decref(s);
		cobj_unref(cur);
	}
	return rc;
}

/* The StorageClass of a claim, referenced; NULL when it has none. */
static struct cobj *
pv_storage_class(struct ctl *c, const json_t *pvc)
{
	struct pv_state *st = c->priv;
	const char *name = pv_class(pvc);

	if (name[0] == '\0')
		return NULL;
	return ctl_get(c, st->sc_k, name);
}

/* A local-path volume for the claim, on node (NULL: none named). */
static int
pv_provision(struct ctl *c, const struct cobj *pvc, const struct cobj *sc,
    const char *node)
{
	struct pv_state *st = c->priv;
	char name[300], dir[4096];
	const char *root = c->srv->opts.local_storage_path;
	json_t *pv, *spec;
	struct err err;
	int rc;

	snprintf(name, sizeof name, "pvc-%s", podutil_meta(pvc->obj, "uid") ?:
	    pvc->name);
	snprintf(dir, sizeof dir, "%s/%s_%s_%s", root ? root :
	    "/var/lib/kubec/storage", name, pvc->ns, pvc->name);
	pv = json_pack("{s:s, s:s, s:{s:s, s:{s:s}}, s:{s:O?, s:O?, s:s, s:s,"
	    " s:{s:s, s:s}, s:{s:s, s:s, s:s, s:s, s:s}}}", "apiVersion", "v1",
	    "kind", "PersistentVolume", "metadata", "name", name,
	    "annotations", PV_BY, PV_LOCAL, "spec", "capacity", pv_get(pvc->obj,
	    "spec", "resources") ? json_object_get(pv_get(pvc->obj, "spec",
	    "resources"), "requests") : NULL, "accessModes", pv_get(pvc->obj,
	    "spec", "accessModes"), "persistentVolumeReclaimPolicy",
	    pv_str(sc->obj, "reclaimPolicy") ?: "Delete", "storageClassName",
	    sc->name, "hostPath", "path", dir, "type", "DirectoryOrCreate",
	    "claimRef", "kind", "PersistentVolumeClaim", "namespace",
	    pvc->ns, "name", pvc->name, "uid", podutil_meta(pvc->obj, "uid") ?:
	    "", "apiVersion", "v1");
	if (pv == NULL)
		return -1;
	spec = json_object_get(pv, "spec");
	if (json_object_get(json_object_get(spec, "capacity"), "storage") ==
	    NULL)
		json_object_set_new(spec, "capacity", json_pack("{s:s}",
		    "storage", "1Gi"));
	if (node != NULL)
		json_object_set_new(spec, "nodeAffinity", json_pack("{s:{s:[{s:"
		    "[{s:s, s:s, s:[s]}]}]}}", "required", "nodeSelectorTerms",
		    "matchExpressions", "key", "kubernetes.io/hostname",
		    "operator", "In", "values", node));
	err_clear(&err);
	rc = ctl_create(c, st->pv_k, "", pv, NULL, &err);
	json_decref(pv);
	if (rc < 0 && err.reason != ERR_ALREADY_EXISTS) {
		recorder_event(c->srv->recorder, pvc, PV_COMPONENT, "Warning",
		    "ProvisioningFailed", "failed to provision volume with "
		    "StorageClass \"%s\": %s", sc->name, err.msg);
		return -1;
	}
	if (rc == 0)
		recorder_event(c->srv->recorder, pvc, PV_LOCAL, "Normal",
		    "ProvisioningSucceeded", "Successfully provisioned volume "
		    "%s", name);
	return 0;
}

static int
pv_sync_claim(struct ctl *c, const char *key)
{
	struct pv_state *st = c->priv;
	struct cobj *pvc = ctl_get(c, st->pvc_k, key), *best = NULL, *sc;
	const char *vname, *phase;
	struct cache_page page;
	int64_t want, have, best_size = 0;
	struct err err;
	size_t i;
	int rc = 0;

	if (pvc == NULL)
		return 0;
	phase = pv_str(json_object_get(pvc->obj, "status"), "phase") ?: "";
	vname = pv_str(json_object_get(pvc->obj, "spec"), "volumeName");
	if (strcmp(phase, "Bound") == 0 || json_object_get(json_object_get(
	    pvc->obj, "metadata"), "deletionTimestamp") != NULL) {
		cobj_unref(pvc);
		return 0;
	}
	want = pv_bytes(pv_get(pv_get(pvc->obj, "spec", "resources"),
	    "requests", NULL));
	err_clear(&err);
	if (cache_list(c->srv->cache, st->pv_k, "", NULL, 0, NULL, NULL,
	    &page, &err) < 0) {
		cobj_unref(pvc);
		return -1;
	}
	for (i = 0; i < page.n; i++) {
		const json_t *pv = page.items[i]->obj;
		const json_t *ref = pv_get(pv, "spec", "claimRef");
		const char *rn = pv_str(ref, "name"), *rns = pv_str(ref,
		    "namespace"), *ruid = pv_str(ref, "uid");
		int for_us = rn != NULL && rns != NULL &&
		    strcmp(rn, pvc->name) == 0 && strcmp(rns, pvc->ns) == 0 &&
		    (ruid == NULL || ruid[0] == '\0' || strcmp(ruid,
		    podutil_meta(pvc->obj, "uid") ?: "") == 0);

		if (vname != NULL && strcmp(vname, page.items[i]->name) != 0)
			continue;
		if (ref != NULL && !for_us)
			continue;	/* another claim's */
		if (json_object_get(json_object_get(pv, "metadata"),
		    "deletionTimestamp") != NULL ||
		    strcmp(pv_class(pv), pv_class(pvc->obj)) != 0 ||
		    !pv_modes(pv, pvc->obj))
			continue;
		have = pv_bytes(pv_get(pv, "spec", "capacity"));
		if (want > 0 && have < want)
			continue;
		if (for_us) {		/* made or kept for it: the one */
			best = page.items[i];
			break;
		}
		if (best == NULL || have < best_size) {
			best = page.items[i];
			best_size = have;
		}
	}
	if (best != NULL) {
		rc = pv_bind(c, best, pvc);
		cache_page_release(&page);
		cobj_unref(pvc);
		return rc;
	}
	cache_page_release(&page);
	sc = pv_storage_class(c, pvc->obj);
	if (sc != NULL && pv_str(sc->obj, "provisioner") != NULL &&
	    strcmp(pv_str(sc->obj, "provisioner"), PV_LOCAL) == 0) {
		const char *mode = pv_str(sc->obj, "volumeBindingMode");
		const char *node = pv_str(pv_get(pvc->obj, "metadata",
		    "annotations"), PV_SELECTED);

		if (mode != NULL && strcmp(mode, "WaitForFirstConsumer") == 0 &&
		    node == NULL)
			recorder_event(c->srv->recorder, pvc, PV_COMPONENT,
			    "Normal", "WaitForFirstConsumer", "waiting for "
			    "first consumer to be created before binding");
		else
			rc = pv_provision(c, pvc, sc, node);
	} else if (sc == NULL && pv_class(pvc->obj)[0] == '\0') {
		recorder_event(c->srv->recorder, pvc, PV_COMPONENT, "Normal",
		    "FailedBinding", "no persistent volumes available for "
		    "this claim and no storage class is set");
	} else if (sc == NULL) {
		recorder_event(c->srv->recorder, pvc, PV_COMPONENT, "Warning",
		    "ProvisioningFailed", "storageclass.storage.k8s.io \"%s\" "
		    "not found", pv_class(pvc->obj));
	}
	cobj_unref(sc);
	cobj_unref(pvc);
	return rc;
}

static int
pv_sync_volume(struct ctl *c, const char *name)
{
	struct pv_state *st = c->priv;
	struct cobj *pv = ctl_get(c, st->pv_k, name), *pvc;
	const json_t *ref;
	const char *phase, *want;
	char key[600];
	json_t *s;
	struct err err;
	int rc = 0;

	if (pv == NULL)
		return 0;
	if (json_object_get(json_object_get(pv->obj, "metadata"),
	    "deletionTimestamp") != NULL) {
		cobj_unref(pv);
		return 0;
	}
	ref = pv_get(pv->obj, "spec", "claimRef");
	phase = pv_str(json_object_get(pv->obj, "status"), "phase") ?: "";
	want = "Available";
	if (ref != NULL) {
		snprintf(key, sizeof key, "%s/%s", pv_str(ref, "namespace") ?:
		    "", pv_str(ref, "name") ?: "");
		pvc = ctl_get(c, st->pvc_k, key);
		if (pvc == NULL || (pv_str(ref, "uid") != NULL &&
		    pv_str(ref, "uid")[0] != '\0' && strcmp(pv_str(ref, "uid"),
		    podutil_meta(pvc->obj, "uid") ?: "") != 0)) {
			/* its claim is gone */
			want = strcmp(phase, "Bound") == 0 ||
			    strcmp(phase, "Released") == 0 ? "Released" :
			    phase[0] ? phase : "Available";
			if (strcmp(want, "Released") == 0 &&
			    strcmp(pv_str(json_object_get(pv->obj, "spec"),
			    "persistentVolumeReclaimPolicy") ?: "Retain",
			    "Delete") == 0) {
				err_clear(&err);
				if (ctl_delete(c, pv, NULL, &err) < 0)
					rc = -1;
				cobj_unref(pvc);
				cobj_unref(pv);
				return rc;
			}
		} else {
			want = pv_str(json_object_get(pvc->obj, "spec"),
			    "volumeName") != NULL && strcmp(pv_str(
			    json_object_get(pvc->obj, "spec"), "volumeName"),
			    pv->name) == 0 ? "Bound" : "Available";
			if (strcmp(want, "Available") == 0)
				ctl_enqueue_obj(c, pvc);	/* bind it */
		}
		cobj_unref(pvc);
	}
	if (strcmp(phase, want) != 0) {
		s = json_deep_copy(json_object_get(pv->obj, "status"));
		if (!json_is_object(s)) {
			json_decref(s);
			s = json_object();
		}
		json_object_set_new(s, "phase", json_string(want));
		err_clear(&err);
		if (ctl_put_status(c, pv, s, &err) < 0 &&
		    err.reason != ERR_NOT_FOUND)
			rc = -1;
		json_decref(s);
	}
	cobj_unref(pv);
	return rc;
}

static int
pv_sync(struct ctl *c, const char *key)
{
	if (strncmp(key, "pv:", 3) == 0)
		return pv_sync_volume(c, key + 3);
	return pv_sync_claim(c, key);
}

static void
pv_claim_event(struct ctl *c, const struct cevent *ev)
{
	const char *vol = pv_str(json_object_get(ev->obj->obj, "spec"),
	    "volumeName");
	char key[600];

	if (ev->type != CEV_DELETED)
		ctl_enqueue_obj(c, ev->obj);
	/* its volume may be released */
	if (vol != NULL) {
		snprintf(key, sizeof key, "pv:%s", vol);
		ctl_enqueue(c, key);
	}
}

static void
pv_volume_event(struct ctl *c, const struct cevent *ev)
{
	const json_t *ref = pv_get(ev->obj->obj, "spec", "claimRef");
	char key[600];

	if (ev->type == CEV_DELETED)
		return;
	snprintf(key, sizeof key, "pv:%s", ev->obj->name);
	ctl_enqueue(c, key);
	if (ref != NULL && pv_str(ref, "name") != NULL) {
		snprintf(key, sizeof key, "%s/%s", pv_str(ref, "namespace") ?:
		    "", pv_str(ref, "name"));
		ctl_enqueue(c, key);
	}
}

static int
pv_init(struct ctl *c, struct err *err)
{
	struct pv_state *st = calloc(1, sizeof *st);

	if (st == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	c->priv = st;
	st->pv_k = registry_find("", "persistentvolumes");
	st->pvc_k = registry_find("", "persistentvolumeclaims");
	st->sc_k = registry_find("storage.k8s.io", "storageclasses");
	if (ctl_watch_kind(c, st->pv_k, pv_volume_event, err) < 0 ||
	    ctl_watch_kind(c, st->pvc_k, pv_claim_event, err) < 0)
		return -1;
	return 0;
}

static void
pv_fini(struct ctl *c)
{
	free(c->priv);
	c->priv = NULL;
}

const struct controller controller_persistentvolume = {
	.name = "persistentvolume-binder",
	.init = pv_init,
	.fini = pv_fini,
	.sync = pv_sync,
};
