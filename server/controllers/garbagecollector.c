/* garbagecollector.c - the garbage collector: ownerReferences and the
 * three propagation policies of a delete.
 *
 *  - Background: an object whose owners are all gone (no object of the
 *    owner's kind and name with the owner's uid) is deleted.
 *  - Foreground: an owner that carries the foregroundDeletion finalizer
 *    gets its dependents deleted (foreground too); once none is left, the
 *    finalizer is removed and the owner goes.
 *  - Orphan: an owner that carries the orphan finalizer has its uid taken
 *    out of its dependents' ownerReferences, then loses the finalizer.
 *
 * Like every controller it reads the watch cache and writes through
 * client_do(); a write that loses a race is retried.  It watches every
 * kind and keeps an index from an owner's uid to the cache keys of the
 * objects that name it (its own keys are cache keys, as it handles every
 * kind): an object is looked at when its ownerReferences change, when it
 * is being deleted with the orphan or foregroundDeletion finalizer, when
 * one of its owners goes (through the index) and, for an owner deleted in
 * the foreground, when one of its dependents goes.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/multimap.h"
#include "controllers.h"

#define GC_RECHECK_MS	10000

struct gc_state {
	/* the index is read by gc_filter on the cache's thread too */
	pthread_mutex_t	 mu;
	struct multimap	 owners;	/* owner uid -> dependents' keys */
};

static const char *
gc_str(const json_t *obj, const char *a, const char *b)
{
	return json_string_value(json_object_get(json_object_get(obj, a), b));
}

/* The cache key of the owner an ownerReference names; NULL when the
 * reference is malformed or names a kind that is not served. */
static const struct registry_kind *
gc_owner_key(const json_t *ref, const char *ns, char *key, size_t len)
{
	const char *av = json_string_value(json_object_get(ref, "apiVersion"));
	const char *kind = json_string_value(json_object_get(ref, "kind"));
	const char *name = json_string_value(json_object_get(ref, "name"));
	const struct registry_kind *k;
	char group[128] = "";
	const char *slash;

	if (av == NULL || kind == NULL || name == NULL)
		return NULL;
	if ((slash = strchr(av, '/')) != NULL)
		snprintf(group, sizeof group, "%.*s", (int)(slash - av), av);
	if ((k = registry_find_kind(group, kind)) == NULL)
		return NULL;
	object_key(k, (k->flags & REG_NAMESPACED) ? ns : "", name, key, len);
	return k;
}

/* Whether the owner an ownerReference names exists, with its uid. */
static int
gc_owner_alive(struct server *s, const json_t *ref, const char *ns)
{
	char key[1024];
	struct cobj *o;
	int alive;

	if (json_string_value(json_object_get(ref, "uid")) == NULL ||
	    gc_owner_key(ref, ns, key, sizeof key) == NULL)
		return 1;	/* malformed, or a kind we cannot judge */
	if ((o = cache_get(s->cache, key)) == NULL)
		return 0;
	alive = json_equal(json_object_get(json_object_get(o->obj, "metadata"),
	    "uid"), json_object_get(ref, "uid"));
	cobj_unref(o);
	return alive;
}

static int
gc_has_finalizer(const json_t *obj, const char *f)
{
	const json_t *v;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(obj, "metadata"),
	    "finalizers"), i, v)
		if (json_string_value(v) && strcmp(json_string_value(v), f) == 0)
			return 1;
	return 0;
}

static int
gc_owned_by(const json_t *obj, const char *uid)
{
	const json_t *ref;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(obj, "metadata"),
	    "ownerReferences"), i, ref)
		if (json_string_value(json_object_get(ref, "uid")) &&
		    strcmp(json_string_value(json_object_get(ref, "uid")),
		    uid) == 0)
			return 1;
	return 0;
}

/* PUTs obj (which carries its resourceVersion); -1 when it did not go
 * through (a conflict is retried on the next pass). */
static int
gc_put(struct server *s, const struct cobj *o, json_t *obj)
{
	char path[1024];
	struct err err;

	controllers_path(o->kind, o->ns, o->name, path, sizeof path);
	err_clear(&err);
	if (client_do(s, "PUT", path, NULL, NULL, obj, NULL, &err) == 0)
		return 0;
	if (err.reason == ERR_NOT_FOUND)
		return 0;
	if (err.reason != ERR_CONFLICT)
		fprintf(stderr, "kubec-server: garbage collector: %s: %s\n",
		    path, err.msg);
	return -1;
}

static void
gc_delete(struct server *s, const struct cobj *o, const char *policy)
{
	char path[1024], query[64];
	struct err err;

	controllers_path(o->kind, o->ns, o->name, path, sizeof path);
	snprintf(query, sizeof query, "propagationPolicy=%s", policy);
	err_clear(&err);
	if (client_do(s, "DELETE", path, query, NULL, NULL, NULL, &err) < 0 &&
	    err.reason != ERR_NOT_FOUND && err.reason != ERR_CONFLICT)
		fprintf(stderr, "kubec-server: garbage collector: %s: %s\n",
		    path, err.msg);
}

/* Removes finalizer f from o; -1 when that did not go through. */
static int
gc_drop_finalizer(struct server *s, const struct cobj *o, const char *f)
{
	json_t *obj = json_deep_copy(o->obj), *fin, *keep, *v;
	size_t i;
	int rc;

	fin = json_object_get(json_object_get(obj, "metadata"), "finalizers");
	keep = json_array();
	json_array_foreach(fin, i, v)
		if (!json_string_value(v) || strcmp(json_string_value(v), f))
			json_array_append(keep, v);
	json_object_set_new(json_object_get(obj, "metadata"), "finalizers",
	    keep);
	rc = gc_put(s, o, obj);
	json_decref(obj);
	return rc;
}

/* Takes uid out of o's ownerReferences; -1 when that failed. */
static int
gc_orphan(struct server *s, const struct cobj *o, const char *uid)
{
	json_t *obj = json_deep_copy(o->obj), *refs, *keep, *ref;
	size_t i;
	int rc;

	refs = json_object_get(json_object_get(obj, "metadata"),
	    "ownerReferences");
	keep = json_array();
	json_array_foreach(refs, i, ref)
		if (!json_string_value(json_object_get(ref, "uid")) ||
		    strcmp(json_string_value(json_object_get(ref, "uid")), uid))
			json_array_append(keep, ref);
	if (json_array_size(keep) == 0)
		json_object_del(json_object_get(obj, "metadata"),
		    "ownerReferences");
	else
		json_object_set_new(json_object_get(obj, "metadata"),
		    "ownerReferences", keep);
	if (json_array_size(keep) == 0)
		json_decref(keep);
	rc = gc_put(s, o, obj);
	json_decref(obj);
	return rc;
}

static void
gc_index_refs(struct gc_state *st, const json_t *refs, const char *key,
    int add)
{
	const json_t *ref;
	const char *uid;
	size_t i;

	pthread_mutex_lock(&st->mu);
	json_array_foreach(refs, i, ref) {
		if ((uid = json_string_value(json_object_get(ref, "uid"))) ==
		    NULL)
			continue;
		if (add)
			multimap_add(&st->owners, uid, key);
		else
			multimap_del(&st->owners, uid, key);
	}
	pthread_mutex_unlock(&st->mu);
}

/* The cache keys of the dependents of uid, as the index has them. */
static char **
gc_index_keys(struct gc_state *st, const char *uid, size_t *n)
{
	char **v;

	pthread_mutex_lock(&st->mu);
	v = multimap_values(&st->owners, uid, n);
	pthread_mutex_unlock(&st->mu);
	return v;
}

/*
 * The dependents of owner (the objects that list its uid): orphaned, or
 * deleted in the foreground.  Returns how many are left to wait for:
 * dependents still there (foreground), or whose orphaning failed.
 */
static size_t
gc_dependents(struct ctl *c, const struct cobj *owner, int orphan)
{
	struct gc_state *st = c->priv;
	const char *uid = gc_str(owner->obj, "metadata", "uid");
	struct cobj *d;
	char **keys;
	size_t i, nk, n = 0;

	if (uid == NULL)
		return 0;
	keys = gc_index_keys(st, uid, &nk);
	for (i = 0; i < nk; i++) {
		d = cache_get(c->srv->cache, keys[i]);
		if (d == NULL || !gc_owned_by(d->obj, uid)) {
			/* gone already: the index learns it late */
			cobj_unref(d);
			continue;
		}
		if (orphan) {
			n += gc_orphan(c->srv, d, uid) < 0;
		} else {
			n++;
			if (json_object_get(json_object_get(d->obj,
			    "metadata"), "deletionTimestamp") == NULL)
				gc_delete(c->srv, d, "Foreground");
		}
		cobj_unref(d);
	}
	multimap_free_values(keys, nk);
	return n;
}

/* One object: its own finalizers, then whether its owners are gone. */
static int
gc_sync(struct ctl *c, const char *key)
{
	struct cobj *o = cache_get(c->srv->cache, key);
	const json_t *m, *ref;
	size_t i, n, dead = 0;
	int rc = 0;

	if (o == NULL)
		return 0;
	m = json_object_get(o->obj, "metadata");
	if (json_object_get(m, "deletionTimestamp") != NULL) {
		if (gc_has_finalizer(o->obj, "orphan")) {
			if (gc_dependents(c, o, 1) == 0)
				rc = gc_drop_finalizer(c->srv, o, "orphan");
			else
				rc = -1;
		} else if (gc_has_finalizer(o->obj, "foregroundDeletion")) {
			if (gc_dependents(c, o, 0) == 0)
				rc = gc_drop_finalizer(c->srv, o,
				    "foregroundDeletion");
			else	/* their going queues it again; in case */
				ctl_enqueue_after(c, key, GC_RECHECK_MS);
		}
		cobj_unref(o);
		return rc;
	}
	n = json_array_size(json_object_get(m, "ownerReferences"));
	json_array_foreach(json_object_get(m, "ownerReferences"), i, ref)
		dead += !gc_owner_alive(c->srv, ref, o->ns);
	if (n > 0 && dead == n)
		gc_delete(c->srv, o, "Background");
	cobj_unref(o);
	return 0;
}

static void
gc_event(struct ctl *c, const struct cevent *ev)
{
	struct gc_state *st = c->priv;
	const json_t *m = json_object_get(ev->obj->obj, "metadata");
	const json_t *refs = json_object_get(m, "ownerReferences"), *prefs =
	    NULL, *ref;
	const char *uid;
	char okey[1024], **keys;
	size_t i, n;

	if (ev->prev != NULL)
		prefs = json_object_get(json_object_get(ev->prev->obj,
		    "metadata"), "ownerReferences");
	if (ev->type == CEV_DELETED) {
		gc_index_refs(st, prefs, ev->obj->key, 0);
		gc_index_refs(st, refs, ev->obj->key, 0);
		/* its dependents lost an owner */
		if ((uid = json_string_value(json_object_get(m, "uid"))) !=
		    NULL) {
			keys = gc_index_keys(st, uid, &n);
			for (i = 0; i < n; i++)
				ctl_enqueue(c, keys[i]);
			multimap_free_values(keys, n);
		}
		/* an owner deleted in the foreground may be done */
		json_array_foreach(refs, i, ref)
			if (gc_owner_key(ref, ev->obj->ns, okey,
			    sizeof okey) != NULL)
				ctl_enqueue(c, okey);
		return;
	}
	if (ev->prev == NULL || !json_equal(refs, prefs)) {
		gc_index_refs(st, prefs, ev->obj->key, 0);
		gc_index_refs(st, refs, ev->obj->key, 1);
		if (json_array_size(refs) > 0)
			ctl_enqueue(c, ev->obj->key);
	}
	if (json_object_get(m, "deletionTimestamp") != NULL &&
	    (gc_has_finalizer(ev->obj->obj, "orphan") ||
	    gc_has_finalizer(ev->obj->obj, "foregroundDeletion")))
		ctl_enqueue(c, ev->obj->key);
}

/* The objects that concern the collector: those with owners, those
 * being deleted, and the owners of others. */
static int
gc_filter(struct ctl *c, const struct cobj *o)
{
	struct gc_state *st = c->priv;
	const json_t *m = json_object_get(o->obj, "metadata");
	const char *uid;
	int r;

	if (json_object_get(m, "ownerReferences") != NULL ||
	    json_object_get(m, "deletionTimestamp") != NULL)
		return 1;
	if ((uid = json_string_value(json_object_get(m, "uid"))) == NULL)
		return 0;
	pthread_mutex_lock(&st->mu);
	r = multimap_count(&st->owners, uid) > 0;
	pthread_mutex_unlock(&st->mu);
	return r;
}

static int
gc_init(struct ctl *c, struct err *err)
{
	const struct registry_kind *k;
	struct gc_state *st;
	int j;

	if ((st = calloc(1, sizeof *st)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	pthread_mutex_init(&st->mu, NULL);
	c->priv = st;
	for (j = 0; (k = registry_kinds[j]) != NULL; j++)
		if (!(k->flags & REG_CREATE_ONLY) &&
		    ctl_watch_filtered(c, k, gc_filter, gc_event, err) < 0)
			return -1;
	return 0;
}

static void
gc_fini(struct ctl *c)
{
	struct gc_state *st = c->priv;

	if (st == NULL)
		return;
	multimap_release(&st->owners);
	pthread_mutex_destroy(&st->mu);
	free(st);
	c->priv = NULL;
}

const struct controller controller_garbagecollector = {
	.name = "garbagecollector",
	.init = gc_init,
	.fini = gc_fini,
	.sync = gc_sync,
};
