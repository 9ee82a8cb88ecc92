/* controllers.c - the table of controllers, and what runs them: a thread
 * each that hands its informers' events to its handlers and its work
 * queue's keys to its sync; see controllers.h. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../informer.h"
#include "controllers.h"

static const struct controller *const controllers[] = {
	&controller_namespace,
	&controller_garbagecollector,
	&controller_clusterroleaggregation,
	NULL,
};

#define CTL_COUNT	(sizeof controllers / sizeof controllers[0] - 1)

static struct ctl ctls[CTL_COUNT];

struct ctl_watch {
	struct ctl	*c;
	ctl_filter_fn	*filter;
	ctl_event_fn	*fn;
	struct informer	*inf;
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

	w->fn(w->c, ev);
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

int
ctl_watch_filtered(struct ctl *c, const struct registry_kind *k,
    ctl_filter_fn *filter, ctl_event_fn *fn, struct err *err)
{
	struct ctl_watch *w;

	if (c->nwatches == CTL_MAX_INFORMERS)
		return err_set(err, ERR_INTERNAL, "%s: too many informers",
		    c->def->name);
	if ((w = calloc(1, sizeof *w)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	w->c = c;
	w->filter = filter;
	w->fn = fn;
	w->inf = informer_new(c->srv->cache, k, filter ? ctl_filter : NULL, w,
	    ctl_event, w, ctl_wake, c->q);
	if (w->inf == NULL) {
		free(w);
		return err_set(err, ERR_INTERNAL, "out of memory");
	}
	c->watches[c->nwatches++] = w;
	return 0;
}

int
ctl_watch_kind(struct ctl *c, const struct registry_kind *k, ctl_event_fn *fn,
    struct err *err)
{
	return ctl_watch_filtered(c, k, NULL, fn, err);
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

int
controllers_start(struct server *s, struct err *err)
{
	size_t i;

	for (i = 0; i < CTL_COUNT; i++) {
		struct ctl *c = &ctls[i];

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
	for (i = 0; i < CTL_COUNT; i++) {
		if (ctls[i].started)
			pthread_join(ctls[i].thread, NULL);
		if (ctls[i].srv != NULL)
			ctl_free(&ctls[i]);
	}
}
