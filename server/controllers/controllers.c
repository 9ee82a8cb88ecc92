/* controllers.c - the table of controllers, and what runs them: a thread
 * each that hands its informers' events to its handlers and its work
 * queue's keys to its sync; see controllers.h. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../informer.h"
#include "controllers.h"
#include "podutil.h"
#include "pool.h"

static const struct controller *const controllers[] = {
	&controller_namespace,
	&controller_garbagecollector,
	&controller_clusterroleaggregation,
	&controller_serviceaccount,
	&controller_nodeipam,
	&controller_nodelifecycle,
	&controller_replicaset,
	&controller_deployment,
	&controller_daemonset,
	&controller_statefulset,
	&controller_job,
	&controller_cronjob,
	&controller_endpoint,
	&controller_endpointslice,
	&controller_persistentvolume,
	&controller_eventttl,
	&controller_scheduler,
	NULL,
};

#define CTL_COUNT	(sizeof controllers / sizeof controllers[0] - 1)

static struct ctl ctls[CTL_COUNT];

struct ctl_watch {
	struct ctl	*c;
	ctl_filter_fn	*filter;
	ctl_event_fn	*fn;
	struct informer	*inf;
	/* ctl_watch_owned's */
	struct ctl_owned *owned;
	const char	*owner_kind;
};

/* The API path of an object: /api/v1/namespaces/ns/pods/name. */
void
controllers_path(const struct registry_kind *k, const char *ns,
    const char *name, char *out, size_t len)
{
	char base[256];

	if (k->group[0] == '\0')
		snprintf(base, sizeof base, "/api/%s", k->version);
	else
		snprintf(base, sizeof base, "/apis/%s/%s", k->group, k->version);
	if ((k->flags & REG_NAMESPACED) && ns[0] != '\0')
		snprintf(out, len, "%s/namespaces/%s/%s/%s", base, ns,
		    k->resource, name);
	else
		snprintf(out, len, "%s/%s/%s", base, k->resource, name);
}

static void
ctl_event(void *arg, const struct cevent *ev)
{
	struct ctl_watch *w = arg;
	char key[600];

	if (w->owned == NULL) {
		w->fn(w->c, ev);
		return;
	}
	ctl_owned_update(w->owned, ev);
	if (ctl_controller_key(ev->obj, w->owner_kind, key, sizeof key) == 0)
		ctl_enqueue(w->c, key);
}

/* ctl_watch_owned's filter: controlled by an owner_kind. */
static int
ctl_owned_filter(void *arg, const struct cobj *o)
{
	struct ctl_watch *w = arg;
	const char *k = json_string_value(json_object_get(
	    podutil_controller_ref(o->obj), "kind"));

	return k != NULL && strcmp(k, w->owner_kind) == 0;
}

/* From the cache's thread: events are ready. */
static void
ctl_wake(void *arg)
{
	workqueue_kick(arg);
}

static int
ctl_filter(void *arg, const struct cobj *o)
{
	struct ctl_watch *w = arg;

	return w->filter(w->c, o);
}

/* Adds a watch: an informer of k whose events go to ctl_event. */
static int
ctl_watch_add(struct ctl *c, const struct registry_kind *k,
    const struct ctl_watch *how, cache_filter_fn *filter, struct err *err)
{
	struct ctl_watch *w;

	if (c->nwatches == CTL_MAX_INFORMERS)
		return err_set(err, ERR_INTERNAL, "%s: too many informers",
		    c->def->name);
	if ((w = calloc(1, sizeof *w)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	*w = *how;
	w->c = c;
	w->inf = informer_new(c->srv->cache, k, filter, w, ctl_event, w,
	    ctl_wake, c->q);
	if (w->inf == NULL) {
		free(w);
		return err_set(err, ERR_INTERNAL, "out of memory");
	}
	c->watches[c->nwatches++] = w;
	return 0;
}

int
ctl_watch_filtered(struct ctl *c, const struct registry_kind *k,
    ctl_filter_fn *filter, ctl_event_fn *fn, struct err *err)
{
	struct ctl_watch how = { .filter = filter, .fn = fn };

	return ctl_watch_add(c, k, &how, filter ? ctl_filter : NULL, err);
}

int
ctl_watch_kind(struct ctl *c, const struct registry_kind *k, ctl_event_fn *fn,
    struct err *err)
{
	return ctl_watch_filtered(c, k, NULL, fn, err);
}

int
ctl_watch_owned(struct ctl *c, const struct registry_kind *k,
    struct ctl_owned *index, const char *owner_kind, struct err *err)
{
	struct ctl_watch how = { .owned = index, .owner_kind = owner_kind };

	return ctl_watch_add(c, k, &how, ctl_owned_filter, err);
}

int
ctl_watch(struct ctl *c, const char *group, const char *resource,
    ctl_event_fn *fn, struct err *err)
{
	const struct registry_kind *k = registry_find(group, resource);

	if (k == NULL)
		return err_set(err, ERR_INTERNAL, "%s: no resource %s%s%s",
		    c->def->name, resource, group[0] ? "." : "", group);
	return ctl_watch_kind(c, k, fn, err);
}

int
ctl_synced(const struct ctl *c)
{
	size_t i;

	for (i = 0; i < c->nwatches; i++)
		if (!informer_synced(c->watches[i]->inf))
			return 0;
	return 1;
}

void
ctl_enqueue(struct ctl *c, const char *key)
{
	workqueue_add(c->q, key);
}

void
ctl_enqueue_after(struct ctl *c, const char *key, long ms)
{
	workqueue_add_after(c->q, key, ms);
}

void
ctl_enqueue_obj(struct ctl *c, const struct cobj *o)
{
	char key[512];

	if (o == NULL)
		return;
	if (o->ns[0] != '\0')
		snprintf(key, sizeof key, "%s/%s", o->ns, o->name);
	else
		snprintf(key, sizeof key, "%s", o->name);
	workqueue_add(c->q, key);
}

void
ctl_split_key(const char *key, char *ns, size_t nslen, char *name,
    size_t namelen)
{
	const char *slash = strchr(key, '/');

	if (slash == NULL) {
		snprintf(ns, nslen, "%s", "");
		snprintf(name, namelen, "%s", key);
	} else {
		snprintf(ns, nslen, "%.*s", (int)(slash - key), key);
		snprintf(name, namelen, "%s", slash + 1);
	}
}

struct cobj *
ctl_get(struct ctl *c, const struct registry_kind *k, const char *key)
{
	char ns[256], name[256], ckey[1024];

	ctl_split_key(key, ns, sizeof ns, name, sizeof name);
	object_key(k, ns, name, ckey, sizeof ckey);
	return cache_get(c->srv->cache, ckey);
}

static void
ctl_owned_index(struct ctl_owned *x, const struct cobj *o, int add)
{
	const char *uid = json_string_value(json_object_get(
	    podutil_controller_ref(o->obj), "uid"));
	char key[512];

	snprintf(key, sizeof key, "%s/%s", o->ns, o->name);
	if (uid != NULL) {
		if (add)
			multimap_add(&x->by_owner, uid, key);
		else
			multimap_del(&x->by_owner, uid, key);
	} else if (add) {
		multimap_add(&x->orphans, o->ns, key);
	} else {
		multimap_del(&x->orphans, o->ns, key);
	}
}

void
ctl_owned_update(struct ctl_owned *x, const struct cevent *ev)
{
	if (ev->prev != NULL)
		ctl_owned_index(x, ev->prev, 0);
	ctl_owned_index(x, ev->obj, ev->type != CEV_DELETED);
}

char **
ctl_owned_keys(struct ctl_owned *x, const char *uid, size_t *n)
{
	return multimap_values(&x->by_owner, uid, n);
}

char **
ctl_orphan_keys(struct ctl_owned *x, const char *ns, size_t *n)
{
	return multimap_values(&x->orphans, ns, n);
}

void
ctl_owned_release(struct ctl_owned *x)
{
	multimap_release(&x->by_owner);
	multimap_release(&x->orphans);
}

struct cobj **
ctl_owned_objs(struct ctl *c, struct ctl_owned *x,
    const struct registry_kind *k, const json_t *owner, size_t *n)
{
	const char *uid = podutil_meta(owner, "uid");
	struct cobj **v = NULL, *o;
	char **keys;
	size_t nk = 0, i;

	*n = 0;
	keys = uid ? ctl_owned_keys(x, uid, &nk) : NULL;
	if (nk > 0 && (v = calloc(nk, sizeof *v)) != NULL)
		for (i = 0; i < nk; i++) {
			/* the first read waits for the writes acknowledged;
			 * the others see at least as much */
			if (i == 0) {
				o = ctl_get(c, k, keys[i]);
			} else {
				char ns[256], name[256], ck[1024];

				ctl_split_key(keys[i], ns, sizeof ns, name,
				    sizeof name);
				object_key(k, ns, name, ck, sizeof ck);
				o = cache_peek(c->srv->cache, ck);
			}
			if (o != NULL && podutil_controlled_by(o->obj, owner))
				v[(*n)++] = o;
			else
				cobj_unref(o);
		}
	multimap_free_values(keys, nk);
	return v;
}

void
ctl_objs_release(struct cobj **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cobj_unref(v[i]);
	free(v);
}

int
ctl_controller_key(const struct cobj *o, const char *kind, char *key,
    size_t len)
{
	const json_t *ref = podutil_controller_ref(o->obj);
	const char *k = json_string_value(json_object_get(ref, "kind"));
	const char *name = json_string_value(json_object_get(ref, "name"));

	if (ref == NULL || name == NULL || (kind != NULL && (k == NULL ||
	    strcmp(k, kind) != 0)))
		return -1;
	if (o->ns[0] != '\0')
		snprintf(key, len, "%s/%s", o->ns, name);
	else
		snprintf(key, len, "%s", name);
	return 0;
}

int
ctl_put_status(struct ctl *c, const struct cobj *o, const json_t *status,
    struct err *err)
{
	char path[1024];
	json_t *obj;
	int rc;

	if (json_equal(json_object_get(o->obj, "status"), status))
		return 0;
	if ((obj = json_deep_copy(o->obj)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	json_object_set(obj, "status", (json_t *)status);
	controllers_path(o->kind, o->ns, o->name, path, sizeof path);
	strncat(path, "/status", sizeof path - strlen(path) - 1);
	rc = client_do(c->srv, "PUT", path, NULL, NULL, obj, NULL, err);
	json_decref(obj);
	return rc;
}

int
ctl_create(struct ctl *c, const struct registry_kind *k, const char *ns,
    const json_t *obj, json_t **out, struct err *err)
{
	char path[1024], base[256];

	if (k->group[0] == '\0')
		snprintf(base, sizeof base, "/api/%s", k->version);
	else
		snprintf(base, sizeof base, "/apis/%s/%s", k->group,
		    k->version);
	if ((k->flags & REG_NAMESPACED) && ns != NULL && ns[0] != '\0')
		snprintf(path, sizeof path, "%s/namespaces/%s/%s", base, ns,
		    k->resource);
	else
		snprintf(path, sizeof path, "%s/%s", base, k->resource);
	return client_do(c->srv, "POST", path, NULL, NULL, obj, out, err);
}

int
ctl_delete(struct ctl *c, const struct cobj *o, const char *policy,
    struct err *err)
{
	char path[1024], query[128];
	const char *uid = podutil_meta(o->obj, "uid");
	json_t *opts;
	int rc = 0;

	controllers_path(o->kind, o->ns, o->name, path, sizeof path);
	snprintf(query, sizeof query, "propagationPolicy=%s",
	    policy ? policy : "Background");
	/* this object, not one made again under its name */
	opts = json_pack("{s:s, s:s, s:{s:s?}}", "kind", "DeleteOptions",
	    "apiVersion", "v1", "preconditions", "uid", uid);
	if (client_do(c->srv, "DELETE", path, query, NULL, opts, NULL,
	    err) < 0 && err->reason != ERR_NOT_FOUND)
		rc = -1;
	else
		err_clear(err);
	json_decref(opts);
	return rc;
}

static void *
ctl_loop(void *arg)
{
	struct ctl *c = arg;
	char *key;
	size_t i;
	int r;

	for (;;) {
		for (i = 0; i < c->nwatches; i++)
			informer_drain(c->watches[i]->inf);
		/* a second at most, to watch again what could not be */
		r = workqueue_get(c->q, &key, 1000);
		if (r < 0)
			break;
		if (r == 0)
			continue;
		if (c->def->sync(c, key) < 0)
			workqueue_add_rate_limited(c->q, key);
		else
			workqueue_forget(c->q, key);
		workqueue_done(c->q, key);
		free(key);
	}
	return NULL;
}

static void
ctl_free(struct ctl *c)
{
	size_t i;

	if (c->def != NULL && c->def->fini != NULL)
		c->def->fini(c);
	for (i = 0; i < c->nwatches; i++) {
		informer_free(c->watches[i]->inf);
		free(c->watches[i]);
	}
	workqueue_free(c->q);
	memset(c, 0, sizeof *c);
}

/*
 * Whether a controller runs, by kube-controller-manager's --controllers
 * rules: the last word naming it decides ("name" on, "-name" off), else
 * "*" turns every one on; the scheduler also by --disable-scheduler.
 */
int
controllers_enabled(const struct server_opts *o, const char *name)
{
	const char *p = o->controllers ? o->controllers : "*", *end;
	size_t len = strlen(name);
	int star = 0, on = -1;

	if (strcmp(name, "scheduler") == 0 && o->disable_scheduler)
		return 0;
	while (*p != '\0') {
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		if (end - p == 1 && *p == '*')
			star = 1;
		else if (*p == '-' && (size_t)(end - p - 1) == len &&
		    strncmp(p + 1, name, len) == 0)
			on = 0;
		else if ((size_t)(end - p) == len && strncmp(p, name, len) == 0)
			on = 1;
		p = *end ? end + 1 : end;
	}
	return on >= 0 ? on : star;
}

int
controllers_start(struct server *s, struct err *err)
{
	size_t i;

	if (pool_start() < 0)
		return err_set(err, ERR_INTERNAL, "cannot start the controllers' "
		    "writers");

	for (i = 0; i < CTL_COUNT; i++) {
		struct ctl *c = &ctls[i];

		if (!controllers_enabled(&s->opts, controllers[i]->name))
			continue;
		c->srv = s;
		c->def = controllers[i];
		if ((c->q = workqueue_new()) == NULL) {
			err_set(err, ERR_INTERNAL, "out of memory");
			goto fail;
		}
		if (c->def->init(c, err) < 0)
			goto fail;
		if (pthread_create(&c->thread, NULL, ctl_loop, c) != 0) {
			err_set(err, ERR_INTERNAL, "cannot start the %s "
			    "controller", c->def->name);
			goto fail;
		}
		c->started = 1;
	}
	return 0;
fail:
	controllers_stop(s);
	return -1;
}

void
controllers_stop(struct server *s)
{
	size_t i;

	for (i = 0; i < CTL_COUNT; i++)
		if (ctls[i].q != NULL)
			workqueue_shutdown(ctls[i].q);
	for (i = 0; i < CTL_COUNT; i++)
		if (ctls[i].started) {
			pthread_join(ctls[i].thread, NULL);
			ctls[i].started = 0;
		}
	/* the writes under way end before their controllers' state goes */
	pool_stop();
	for (i = 0; i < CTL_COUNT; i++)
		if (ctls[i].srv != NULL)
			ctl_free(&ctls[i]);
}
