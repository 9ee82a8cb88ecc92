/* pods.c - the agent's pod manager, kubelet's pod workers: lists and
 * watches the pods bound to this node (fieldSelector spec.nodeName), keeps
 * one worker thread per pod that drives it towards its spec (podsync.c),
 * relists when the watch ends or is too old, and at start-up removes the
 * containers of pods that no longer exist; tells image GC which images
 * the pods use. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <unistd.h>

#include "agent.h"
#include "cgroups.h"
#include "pod.h"

/* One pod and its worker. */
struct podw {
	char			 uid[64];
	char			 ns[254];
	char			 name[254];
	json_t			*pod;		/* latest from the API */
	int			 gone;		/* deleted from the API */
	int			 dirty;		/* changed since last taken */
	int			 done;		/* the worker has ended */
	pthread_t		 thread;
	pthread_cond_t		 cond;
	struct agent		*owner;
	struct podw		*next;
};

static const char *
pods_meta(const json_t *pod, const char *key)
{
	return json_string_value(json_object_get(json_object_get(pod,
	    "metadata"), key));
}

static struct podw *
pods_find(struct agent *a, const char *uid)
{
	struct podw *w;

	for (w = a->pods; w != NULL; w = w->next)
		if (strcmp(w->uid, uid) == 0)
			return w;
	return NULL;
}

/*
 * Gives back the stack pages a pass touched below where the worker
 * waits (deep calls with path and I/O buffers): with a thread per pod
 * they would stay resident, a hundred kilobytes each.
 */
static void
pods_trim_stack(void)
{
	pthread_attr_t at;
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), lo, hi;
	size_t size;
	void *addr;
	char here;

	if (pthread_getattr_np(pthread_self(), &at) != 0)
		return;
	if (pthread_attr_getstack(&at, &addr, &size) == 0) {
		lo = ((uintptr_t)addr + page - 1) & ~(page - 1);
		hi = ((uintptr_t)&here - 4 * page) & ~(page - 1);
		if (hi > lo)
			madvise((void *)lo, hi - lo, MADV_DONTNEED);
	}
	pthread_attr_destroy(&at);
}

static void *
pods_worker(void *arg)
{
	struct podw *w = arg;
	struct agent *a = w->owner;
	struct podsync *ps;
	struct timespec ts;
	json_t *pod;
	int gone, finished = 0;

	ps = podsync_new(a, w->uid, w->ns, w->name);
	while (!finished) {
		pthread_mutex_lock(&a->mu);
		if (!w->dirty && !a->stop) {
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += podsync_wait_ms(ps) * 1000000L;
			ts.tv_sec += ts.tv_nsec / 1000000000L;
			ts.tv_nsec %= 1000000000L;
			pthread_cond_timedwait(&w->cond, &a->mu, &ts);
		}
		if (a->stop) {
			pthread_mutex_unlock(&a->mu);
			break;
		}
		/* the worker keeps its own copy: a new one only when the
		 * API's changed */
		pod = w->dirty ? json_incref(w->pod) : NULL;
		w->dirty = 0;
		gone = w->gone;
		pthread_mutex_unlock(&a->mu);
		finished = podsync_sync(ps, pod, gone);
		json_decref(pod);
		pods_trim_stack();
	}
	podsync_free(ps);
	pthread_mutex_lock(&a->mu);
	w->done = 1;
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

/* Joins and frees workers that have ended (lock held). */
static void
pods_reap(struct agent *a)
{
	struct podw **pw = &a->pods, *w;

	while ((w = *pw) != NULL) {
		if (!w->done) {
			pw = &w->next;
			continue;
		}
		*pw = w->next;
		pthread_mutex_unlock(&a->mu);
		pthread_join(w->thread, NULL);
		pthread_mutex_lock(&a->mu);
		pthread_cond_destroy(&w->cond);
		json_decref(w->pod);
		free(w);
	}
}

/* A pod as the API has it now: hand it to its worker (or start one). */
static void
pods_update(struct agent *a, json_t *pod, int deleted)
{
	const char *uid = pods_meta(pod, "uid");
	struct podw *w;

	if (uid == NULL)
		return;
	/* nothing here reads them, and they are most of a pod's bytes */
	json_object_del(json_object_get(pod, "metadata"), "managedFields");
	pthread_mutex_lock(&a->mu);
	pods_reap(a);
	w = pods_find(a, uid);
	if (w == NULL && !deleted) {
		/* a new pod: its containers are soon made */
		cgroups_warm();
		w = calloc(1, sizeof *w);
		if (w == NULL) {
			pthread_mutex_unlock(&a->mu);
			return;
		}
		snprintf(w->uid, sizeof w->uid, "%s", uid);
		snprintf(w->ns, sizeof w->ns, "%s", pods_meta(pod,
		    "namespace"));
		snprintf(w->name, sizeof w->name, "%s", pods_meta(pod, "name"));
		pthread_cond_init(&w->cond, NULL);
		w->owner = a;
		w->pod = json_incref(pod);
		w->dirty = 1;
		if (pthread_create(&w->thread, NULL, pods_worker, w) != 0) {
			pthread_cond_destroy(&w->cond);
			json_decref(w->pod);
			free(w);
			pthread_mutex_unlock(&a->mu);
			return;
		}
		w->next = a->pods;
		a->pods = w;
	} else if (w != NULL) {
		json_decref(w->pod);
		w->pod = json_incref(pod);
		w->gone = deleted;
		w->dirty = 1;
		pthread_cond_signal(&w->cond);
	}
	pthread_mutex_unlock(&a->mu);
}

/* Pods that were not in a fresh list are gone. */
static void
pods_sweep(struct agent *a, const json_t *items)
{
	struct podw *w;
	json_t *p;
	size_t i;
	int seen;

	pthread_mutex_lock(&a->mu);
	for (w = a->pods; w != NULL; w = w->next) {
		seen = 0;
		json_array_foreach(items, i, p)
			if (strcmp(w->uid, pods_meta(p, "uid") ?
			    pods_meta(p, "uid") : "") == 0)
				seen = 1;
		if (!seen && !w->gone) {
			w->gone = 1;
			w->dirty = 1;
			pthread_cond_signal(&w->cond);
		}
	}
	pthread_mutex_unlock(&a->mu);
}

static int
pods_on_event(void *arg, const char *type, json_t *obj)
{
	struct agent *a = arg;
	const char *rv;

	if (type == NULL || obj == NULL)
		return 0;
	if (strcmp(type, "ERROR") == 0)
		return 1;	/* e.g. 410 Gone: relist */
	rv = pods_meta(obj, "resourceVersion");
	if (rv != NULL)
		snprintf(a->pods_rv, sizeof a->pods_rv, "%s", rv);
	if (strcmp(type, "BOOKMARK") == 0)
		return 0;
	pods_update(a, obj, strcmp(type, "DELETED") == 0);
	return 0;
}

static void *
pods_loop(void *arg)
{
	struct agent *a = arg;
	char path[1024];
	struct err err;
	json_t *list, *p;
	size_t i;
	int first = 1;

	while (!a->stop) {
		err_clear(&err);
		snprintf(path, sizeof path, "/api/v1/pods?fieldSelector="
		    "spec.nodeName%%3D%s", a->opts.node_name);
		list = NULL;
		if (rest_do(a->api, "GET", path, NULL, NULL, &list, &err) < 0) {
			fprintf(stderr, "kubec-agent: list pods: %s\n",
			    err.msg);
			sleep(1);
			continue;
		}
		snprintf(a->pods_rv, sizeof a->pods_rv, "%s",
		    json_string_value(json_object_get(json_object_get(list,
		    "metadata"), "resourceVersion")) ?: "0");
		json_array_foreach(json_object_get(list, "items"), i, p)
			pods_update(a, p, 0);
		pods_sweep(a, json_object_get(list, "items"));
		if (first) {
			podsync_adopt(a, json_object_get(list, "items"));
			first = 0;
			a->pods_synced = 1;
		}
		json_decref(list);
		while (!a->stop) {
			snprintf(path, sizeof path, "/api/v1/pods?fieldSelector="
			    "spec.nodeName%%3D%s&watch=1&allowWatchBookmarks="
			    "true&timeoutSeconds=300&resourceVersion=%s",
			    a->opts.node_name, a->pods_rv);
			err_clear(&err);
			if (rest_watch(a->api, path, pods_on_event, a,
			    &a->stop, &err) != 0)
				break;	/* relist */
		}
		if (err.reason != ERR_NONE && !a->stop) {
			fprintf(stderr, "kubec-agent: watch pods: %s\n",
			    err.msg);
			sleep(1);
		}
	}
	return NULL;
}

json_t *
pods_get(struct agent *a, const char *ns, const char *name)
{
	json_t *pod = NULL;
	struct podw *w;

	pthread_mutex_lock(&a->mu);
	for (w = a->pods; w != NULL && pod == NULL; w = w->next)
		if (!w->gone && strcmp(w->ns, ns) == 0 &&
		    strcmp(w->name, name) == 0)
			pod = json_incref(w->pod);
	pthread_mutex_unlock(&a->mu);
	return pod;
}

json_t *
pods_images(struct agent *a)
{
	static const char *const lists[] = { "initContainers", "containers",
	    "ephemeralContainers" };
	json_t *out = json_array(), *c;
	struct podw *w;
	size_t i, k;

	if (out == NULL)
		return NULL;
	pthread_mutex_lock(&a->mu);
	for (w = a->pods; w != NULL; w = w->next)
		for (k = 0; k < 3; k++)
			json_array_foreach(json_object_get(json_object_get(
			    w->pod, "spec"), lists[k]), i, c)
				if (json_is_string(json_object_get(c, "image")))
					json_array_append(out, json_object_get(
					    c, "image"));
	pthread_mutex_unlock(&a->mu);
	return out;
}

int
pods_start(struct agent *a, struct err *err)
{
	if (pthread_create(&a->pods_thread, NULL, pods_loop, a) != 0)
		return err_set(err, ERR_INTERNAL, "cannot start the pod "
		    "manager");
	a->pods_started = 1;
	return 0;
}

/* Stops the manager and every worker; containers keep running. */
void
pods_stop(struct agent *a)
{
	struct podw *w;

	a->stop = 1;
	if (a->pods_started)
		pthread_join(a->pods_thread, NULL);
	a->pods_started = 0;
	pthread_mutex_lock(&a->mu);
	for (w = a->pods; w != NULL; w = w->next)
		pthread_cond_signal(&w->cond);
	for (w = a->pods; w != NULL; w = w->next)
		w->done = 1;
	pods_reap(a);
	pthread_mutex_unlock(&a->mu);
}
