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
 * client_do(); a write that loses a race is simply retried on the next
 * pass.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../cache.h"
#include "controllers.h"

static const char *
gc_str(const json_t *obj, const char *a, const char *b)
{
	return json_string_value(json_object_get(json_object_get(obj, a), b));
}

/* Whether the owner an ownerReference names exists, with its uid. */
static int
gc_owner_alive(struct server *s, const json_t *ref, const char *ns)
{
	const char *av = json_string_value(json_object_get(ref, "apiVersion"));
	const char *kind = json_string_value(json_object_get(ref, "kind"));
	const char *name = json_string_value(json_object_get(ref, "name"));
	const char *uid = json_string_value(json_object_get(ref, "uid"));
	const struct registry_kind *k;
	char group[128] = "", key[1024];
	const char *slash;
	struct cobj *o;
	int alive;

	if (av == NULL || kind == NULL || name == NULL || uid == NULL)
		return 1;	/* malformed: leave it alone */
	if ((slash = strchr(av, '/')) != NULL)
		snprintf(group, sizeof group, "%.*s", (int)(slash - av), av);
	if ((k = registry_find_kind(group, kind)) == NULL)
		return 1;	/* a kind we do not serve: cannot judge */
	object_key(k, (k->flags & REG_NAMESPACED) ? ns : "", name, key,
	    sizeof key);
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

/* Removes finalizer f from o. */
static void
gc_drop_finalizer(struct server *s, const struct cobj *o, const char *f)
{
	json_t *obj = json_deep_copy(o->obj), *fin, *keep, *v;
	size_t i;

	fin = json_object_get(json_object_get(obj, "metadata"), "finalizers");
	keep = json_array();
	json_array_foreach(fin, i, v)
		if (!json_string_value(v) || strcmp(json_string_value(v), f))
			json_array_append(keep, v);
	json_object_set_new(json_object_get(obj, "metadata"), "finalizers",
	    keep);
	gc_put(s, o, obj);
	json_decref(obj);
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

/*
 * The dependents of owner (objects in the owner's namespace, or anywhere
 * for a cluster-scoped owner, that list its uid): orphaned, or deleted in
 * the foreground.  Returns how many are left to wait for: dependents
 * still there (foreground), or whose orphaning failed.
 */
static size_t
gc_dependents(struct server *s, const struct cobj *owner, int orphan)
{
	const char *uid = gc_str(owner->obj, "metadata", "uid");
	const struct registry_kind *k;
	struct cache_page page;
	struct err err;
	size_t i, n = 0;
	int j;

	if (uid == NULL)
		return 0;
	for (j = 0; (k = registry_kinds[j]) != NULL; j++) {
		if (k->flags & REG_CREATE_ONLY)
			continue;
		err_clear(&err);
		if (cache_list(s->cache, k, (k->flags & REG_NAMESPACED) ?
		    owner->ns : "", NULL, 0, NULL, NULL, &page, &err) < 0)
			continue;
		for (i = 0; i < page.n; i++) {
			if (!gc_owned_by(page.items[i]->obj, uid))
				continue;
			if (orphan) {
				n += gc_orphan(s, page.items[i], uid) < 0;
				continue;
			}
			n++;
			if (json_object_get(json_object_get(
			    page.items[i]->obj, "metadata"),
			    "deletionTimestamp") == NULL)
				gc_delete(s, page.items[i], "Foreground");
		}
		cache_page_release(&page);
	}
	return n;
}

/* One object: its own finalizers, then whether its owners are gone. */
static void
gc_object(struct server *s, const struct cobj *o)
{
	const json_t *m = json_object_get(o->obj, "metadata"), *ref;
	size_t i, n, dead = 0;

	if (json_object_get(m, "deletionTimestamp") != NULL) {
		if (gc_has_finalizer(o->obj, "orphan")) {
			if (gc_dependents(s, o, 1) == 0)
				gc_drop_finalizer(s, o, "orphan");
		} else if (gc_has_finalizer(o->obj, "foregroundDeletion") &&
		    gc_dependents(s, o, 0) == 0) {
			gc_drop_finalizer(s, o, "foregroundDeletion");
		}
		return;
	}
	n = json_array_size(json_object_get(m, "ownerReferences"));
	if (n == 0)
		return;
	json_array_foreach(json_object_get(m, "ownerReferences"), i, ref)
		dead += !gc_owner_alive(s, ref, o->ns);
	if (dead == n)
		gc_delete(s, o, "Background");
}

/* Only objects with owners or being deleted concern the collector. */
static int
gc_interesting(void *arg, const struct cobj *o)
{
	const json_t *m = json_object_get(o->obj, "metadata");

	return json_object_get(m, "ownerReferences") != NULL ||
	    json_object_get(m, "deletionTimestamp") != NULL;
}

static void
gc_sync(struct server *s)
{
	static long long last_ms;
	const struct registry_kind *k;
	struct cache_page page;
	struct timespec now;
	struct err err;
	long long ms;
	size_t i;
	int j;

	/* a full pass at most every 200 ms, however busy the cache is */
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
	if (ms - last_ms < 200)
		return;
	last_ms = ms;
	for (j = 0; (k = registry_kinds[j]) != NULL; j++) {
		if (k->flags & REG_CREATE_ONLY)
			continue;
		err_clear(&err);
		if (cache_list(s->cache, k, "", NULL, 0, gc_interesting, NULL,
		    &page, &err) < 0)
			continue;
		for (i = 0; i < page.n; i++)
			gc_object(s, page.items[i]);
		cache_page_release(&page);
	}
}

const struct controller controller_garbagecollector = {
	.name = "garbagecollector",
	.sync = gc_sync,
};
