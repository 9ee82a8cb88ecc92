/* mirror.c - a resource the agent keeps in memory from the API, as a
 * client-go reflector keeps a store: a thread lists it, then watches
 * from the list's resourceVersion, and lists again after an ERROR event
 * (a 410 Gone) or a watch that failed; the objects, keyed "ns/name" (or
 * "name" when cluster-scoped) and without their managedFields, live in
 * the mirror under its owner's lock, and the owner hears of each change.
 * The service proxy (Services, EndpointSlices) and the routes (Nodes)
 * use it.  See agent.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"

void
mirror_wait(pthread_cond_t *cond, pthread_mutex_t *mu, long ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	ts.tv_sec += ts.tv_nsec / 1000000000L;
	ts.tv_nsec %= 1000000000L;
	pthread_cond_timedwait(cond, mu, &ts);
}

const char *
mirror_str(const json_t *o, const char *k1, const char *k2)
{
	const json_t *v = json_object_get(o, k1);

	if (k2 != NULL)
		v = json_object_get(v, k2);
	return json_string_value(v);
}

size_t
mirror_values(const json_t *in, const json_t ***out)
{
	const json_t **v;
	const char *k;
	json_t *o;
	size_t n = 0, i;

	*out = NULL;
	if (json_is_array(in))
		n = json_array_size(in);
	else if (json_is_object(in))
		n = json_object_size(in);
	if (n == 0 || (v = calloc(n, sizeof *v)) == NULL)
		return 0;
	n = 0;
	if (json_is_array(in)) {
		json_array_foreach(in, i, o)
			v[n++] = o;
	} else {
		json_object_foreach((json_t *)in, k, o)
			v[n++] = o;
	}
	*out = v;
	return n;
}

static int
mirror_key_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

const char **
mirror_keys(const json_t *o, size_t *n)
{
	const char **k, *key;
	json_t *v;

	*n = 0;
	if (json_object_size(o) == 0 ||
	    (k = calloc(json_object_size(o), sizeof *k)) == NULL)
		return NULL;
	json_object_foreach((json_t *)o, key, v)
		k[(*n)++] = key;
	qsort(k, *n, sizeof *k, mirror_key_cmp);
	return k;
}

static const char *
mirror_meta(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(json_object_get(o,
	    "metadata"), k));
}

static void
mirror_key(const json_t *o, char *key, size_t n)
{
	const char *ns = mirror_meta(o, "namespace");

	snprintf(key, n, "%s%s%s", ns ? ns : "", ns ? "/" : "",
	    mirror_meta(o, "name") ?: "");
}

/* Tells the owner, or the owners of a shared mirror (m->mu held). */
static void
mirror_changed(struct mirror *m)
{
	int i;

	if (m->changed != NULL)
		m->changed(m->arg);
	for (i = 0; i < m->nlisteners; i++)
		m->listeners[i].fn(m->listeners[i].arg);
}

static int
mirror_on_event(void *arg, const char *type, json_t *obj)
{
	struct mirror *m = arg;
	const char *rv;
	char key[600];

	if (type == NULL || obj == NULL)
		return 0;
	if (strcmp(type, "ERROR") == 0)
		return 1;	/* e.g. 410 Gone: list again */
	if ((rv = mirror_meta(obj, "resourceVersion")) != NULL)
		snprintf(m->rv, sizeof m->rv, "%s", rv);
	if (strcmp(type, "BOOKMARK") == 0)
		return 0;
	json_object_del(json_object_get(obj, "metadata"), "managedFields");
	mirror_key(obj, key, sizeof key);
	pthread_mutex_lock(m->mu);
	if (strcmp(type, "DELETED") == 0)
		json_object_del(m->objs, key);
	else
		json_object_set(m->objs, key, obj);
	mirror_changed(m);
	pthread_mutex_unlock(m->mu);
	return 0;
}

static void *
mirror_loop(void *arg)
{
	struct mirror *m = arg;
	struct agent *a = m->a;
	char path[1024], key[600];
	struct err err;
	json_t *list, *objs, *o;
	size_t i;

	while (!a->stop) {
		err_clear(&err);
		list = NULL;
		if (rest_do(a->api, "GET", m->path, NULL, NULL, &list,
		    &err) < 0) {
			fprintf(stderr, "kubec-agent: %s: list %s: %s\n",
			    m->owner, m->what, err.msg);
			sleep(1);
			continue;
		}
		snprintf(m->rv, sizeof m->rv, "%s", json_string_value(
		    json_object_get(json_object_get(list, "metadata"),
		    "resourceVersion")) ?: "0");
		objs = json_object();
		json_array_foreach(json_object_get(list, "items"), i, o) {
			json_object_del(json_object_get(o, "metadata"),
			    "managedFields");
			mirror_key(o, key, sizeof key);
			json_object_set(objs, key, o);
		}
		json_decref(list);
		pthread_mutex_lock(m->mu);
		json_decref(m->objs);
		m->objs = objs;
		m->synced = 1;
		mirror_changed(m);
		pthread_mutex_unlock(m->mu);
		while (!a->stop) {
			snprintf(path, sizeof path, "%s?watch=1&"
			    "allowWatchBookmarks=true&timeoutSeconds=300&"
			    "resourceVersion=%s", m->path, m->rv);
			err_clear(&err);
			if (rest_watch(a->api, path, mirror_on_event, m,
			    &a->stop, &err) != 0)
				break;	/* list again */
		}
		if (err.reason != ERR_NONE && !a->stop) {
			fprintf(stderr, "kubec-agent: %s: watch %s: %s\n",
			    m->owner, m->what, err.msg);
			sleep(1);
		}
	}
	return NULL;
}

int
mirror_start(struct mirror *m, struct err *err)
{
	if (m->objs == NULL && (m->objs = json_object()) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	if (pthread_create(&m->thread, NULL, mirror_loop, m) != 0)
		return err_set(err, ERR_INTERNAL, "cannot start the %s's "
		    "watch of %s", m->owner, m->what);
	m->started = 1;
	return 0;
}

void
mirror_stop(struct mirror *m)
{
	if (m->started)
		pthread_join(m->thread, NULL);
	m->started = 0;
	json_decref(m->objs);
	m->objs = NULL;
}

struct mirror *
mirror_share(struct agent *a, const char *what, const char *path,
    void (*fn)(void *), void *arg, struct err *err)
{
	struct mirror *m = NULL;
	int i;

	pthread_mutex_lock(&a->mirror_mu);
	for (i = 0; i < a->nshared && m == NULL; i++)
		if (strcmp(a->shared[i]->path, path) == 0)
			m = a->shared[i];
	if (m == NULL) {
		if (a->nshared == MIRROR_SHARED_MAX ||
		    (m = calloc(1, sizeof *m)) == NULL) {
			pthread_mutex_unlock(&a->mirror_mu);
			err_set(err, ERR_INTERNAL, "cannot share the mirror of "
			    "%s", what);
			return NULL;
		}
		*m = (struct mirror){ .a = a, .owner = "agent", .what = what,
		    .path = path, .mu = &a->mirror_mu };
		a->shared[a->nshared++] = m;
		if (mirror_start(m, err) < 0) {
			pthread_mutex_unlock(&a->mirror_mu);
			return NULL;
		}
	}
	if (m->nlisteners == MIRROR_LISTENERS) {
		pthread_mutex_unlock(&a->mirror_mu);
		err_set(err, ERR_INTERNAL, "too many owners of the mirror of "
		    "%s", what);
		return NULL;
	}
	m->listeners[m->nlisteners].fn = fn;
	m->listeners[m->nlisteners].arg = arg;
	m->nlisteners++;
	if (m->synced)
		fn(arg);
	pthread_mutex_unlock(&a->mirror_mu);
	return m;
}

void
mirror_unshare(struct mirror *m, void (*fn)(void *), void *arg)
{
	int i;

	if (m == NULL)
		return;
	pthread_mutex_lock(m->mu);
	for (i = 0; i < m->nlisteners; i++)
		if (m->listeners[i].fn == fn && m->listeners[i].arg == arg) {
			m->listeners[i] = m->listeners[--m->nlisteners];
			break;
		}
	pthread_mutex_unlock(m->mu);
}

void
mirror_shared_stop(struct agent *a)
{
	int i;

	for (i = 0; i < a->nshared; i++) {
		mirror_stop(a->shared[i]);
		free(a->shared[i]);
	}
	a->nshared = 0;
}
