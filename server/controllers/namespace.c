/* namespace.c - the namespace controller: when a namespace is being
 * deleted, deletes everything in it, then removes the "kubernetes"
 * finalizer so the namespace itself goes away.
 *
 * Keys are namespace names.  A namespace is queued when it gets its
 * deletionTimestamp, and again whenever an object in it goes away, so
 * the last deletion finishes it; while objects remain (some wait for
 * their own finalizers) it is looked at again every few seconds too.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/hmap.h"
#include "controllers.h"

#define NS_RECHECK_MS	5000

struct ns_state {
	const struct registry_kind *k;
	/* read by namespace_filter on the cache's thread too */
	pthread_mutex_t	 mu;
	struct hmap	 terminating;	/* name -> its own copy */
};

/* Deletes the objects of every namespaced kind in ns; returns how many
 * are left. */
static size_t
namespace_empty(struct ctl *c, const char *ns)
{
	const struct registry_kind *k;
	struct cache_page page;
	struct err err;
	char path[1024];
	size_t left = 0, i;
	int j;

	for (j = 0; (k = registry_kinds[j]) != NULL; j++) {
		if (!(k->flags & REG_NAMESPACED) || (k->flags & REG_CREATE_ONLY))
			continue;
		err_clear(&err);
		if (cache_list(c->srv->cache, k, ns, NULL, 0, NULL, NULL,
		    &page, &err) < 0)
			continue;
		left += page.n;
		for (i = 0; i < page.n; i++) {
			if (json_object_get(json_object_get(page.items[i]->obj,
			    "metadata"), "deletionTimestamp") != NULL)
				continue;
			controllers_path(k, ns, page.items[i]->name, path,
			    sizeof path);
			err_clear(&err);
			client_do(c->srv, "DELETE", path, "propagationPolicy="
			    "Background", NULL, NULL, NULL, &err);
		}
		cache_page_release(&page);
	}
	return left;
}

static int
namespace_finalize(struct ctl *c, const json_t *ns, const char *name)
{
	json_t *obj = json_deep_copy(ns), *spec, *fin, *keep, *v;
	char path[512];
	struct err err;
	size_t i;
	int rc = 0;

	spec = json_object_get(obj, "spec");
	fin = json_object_get(spec, "finalizers");
	keep = json_array();
	json_array_foreach(fin, i, v)
		if (json_string_value(v) &&
		    strcmp(json_string_value(v), "kubernetes") != 0)
			json_array_append(keep, v);
	if (json_is_object(spec))
		json_object_set_new(spec, "finalizers", keep);
	else
		json_decref(keep);
	snprintf(path, sizeof path, "/api/v1/namespaces/%s/finalize", name);
	err_clear(&err);
	if (client_do(c->srv, "PUT", path, NULL, NULL, obj, NULL, &err) < 0 &&
	    err.reason != ERR_NOT_FOUND) {
		if (err.reason != ERR_CONFLICT)
			fprintf(stderr, "kubec-server: namespace %s: "
			    "finalize: %s\n", name, err.msg);
		rc = -1;
	}
	json_decref(obj);
	return rc;
}

static int
namespace_sync(struct ctl *c, const char *key)
{
	struct ns_state *st = c->priv;
	struct cobj *o = ctl_get(c, st->k, key);
	int rc = 0;

	if (o == NULL)
		return 0;
	if (json_object_get(json_object_get(o->obj, "metadata"),
	    "deletionTimestamp") != NULL) {
		if (namespace_empty(c, o->name) == 0)
			rc = namespace_finalize(c, o->obj, o->name);
		else
			ctl_enqueue_after(c, key, NS_RECHECK_MS);
	}
	cobj_unref(o);
	return rc;
}

/* A namespace: remembered while it terminates. */
static void
namespace_event(struct ctl *c, const struct cevent *ev)
{
	struct ns_state *st = c->priv;
	const char *name = ev->obj->name;
	char *had;

	pthread_mutex_lock(&st->mu);
	if (ev->type != CEV_DELETED && json_object_get(json_object_get(
	    ev->obj->obj, "metadata"), "deletionTimestamp") != NULL) {
		if (hmap_get(&st->terminating, name) == NULL) {
			char *copy = strdup(name);

			if (copy != NULL)
				hmap_put(&st->terminating, copy, copy, NULL);
		}
		ctl_enqueue(c, name);
	} else if ((had = hmap_del(&st->terminating, name)) != NULL) {
		free(had);
	}
	pthread_mutex_unlock(&st->mu);
}

/* Only the objects of terminating namespaces concern the controller. */
static int
namespace_filter(struct ctl *c, const struct cobj *o)
{
	struct ns_state *st = c->priv;
	int r;

	pthread_mutex_lock(&st->mu);
	r = hmap_get(&st->terminating, o->ns) != NULL;
	pthread_mutex_unlock(&st->mu);
	return r;
}

/* An object in a terminating namespace: its going may finish it. */
static void
namespace_object_event(struct ctl *c, const struct cevent *ev)
{
	if (ev->type == CEV_DELETED)
		ctl_enqueue(c, ev->obj->ns);
}

static int
namespace_init(struct ctl *c, struct err *err)
{
	const struct registry_kind *k;
	struct ns_state *st = calloc(1, sizeof *st);
	int j;

	if (st == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	pthread_mutex_init(&st->mu, NULL);
	c->priv = st;
	st->k = registry_find("", "namespaces");
	if (ctl_watch_kind(c, st->k, namespace_event, err) < 0)
		return -1;
	for (j = 0; (k = registry_kinds[j]) != NULL; j++)
		if ((k->flags & REG_NAMESPACED) &&
		    !(k->flags & REG_CREATE_ONLY) &&
		    ctl_watch_filtered(c, k, namespace_filter,
		    namespace_object_event, err) < 0)
			return -1;
	return 0;
}

static void
namespace_fini(struct ctl *c)
{
	struct ns_state *st = c->priv;
	struct hmap_entry *e;
	size_t it;

	if (st == NULL)
		return;
	for (e = hmap_first(&st->terminating, &it); e != NULL;
	    e = hmap_next(&st->terminating, &it, e))
		free(e->value);
	hmap_release(&st->terminating);
	pthread_mutex_destroy(&st->mu);
	free(st);
	c->priv = NULL;
}

const struct controller controller_namespace = {
	.name = "namespace",
	.init = namespace_init,
	.fini = namespace_fini,
	.sync = namespace_sync,
};
