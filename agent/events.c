/* events.c - the Events kubelet records about the node's pods (Created,
 * Started, Killing, BackOff, Failed, FailedMount, Unhealthy, ...), as
 * client-go's event recorder sends them: core/v1 Events from source
 * "kubelet" on this host, named <pod>.<hex nanoseconds>, and correlated:
 * the same event again (same pod, container, type, reason and message)
 * within ten minutes is the same Event object with a higher count and a
 * later lastTimestamp, PATCHed at most every EVENTS_PATCH_SECONDS so that
 * a condition retried every second does not become a request a second.
 * Recording is best effort and, as the recorder's broadcaster does, off
 * the caller's path: requests wait in a queue (EVENTS_QUEUE at most; more
 * are dropped) that one thread sends in order; a failed one is only
 * logged. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/hmap.h"
#include "../lib/rfc3339.h"
#include "agent.h"

#define EVENTS_CACHE		128	/* events remembered for correlation */
#define EVENTS_WINDOW		600	/* seconds a repeat is the same event */
#define EVENTS_PATCH_SECONDS	10
#define EVENTS_QUEUE		1000	/* client-go's broadcaster's too */

struct events_entry {
	uint64_t	hash;		/* of uid, fieldPath, type, reason, msg */
	char		ns[254];
	char		name[320];	/* the Event object's */
	int		count;		/* occurrences */
	int		sent;		/* count the server has */
	time_t		first, last, sent_at;
};

/* A request waiting to be sent: a POST of a new Event or a PATCH of its
 * count (which falls back to a POST of post when the Event is gone). */
struct events_req {
	struct events_req *next;
	char		path[1024];
	char		name[320];
	char		reason[128];
	json_t		*patch;		/* NULL: POST post */
	json_t		*post;
};

struct events {
	pthread_mutex_t		mu;
	pthread_cond_t		cond;
	pthread_t		thread;
	int			started, stop;
	size_t			queued;
	struct events_req	*head, **tail;
	struct rest		*api;
	struct events_entry	e[EVENTS_CACHE];
};

struct events *
events_open(void)
{
	struct events *ev = calloc(1, sizeof *ev);

	if (ev != NULL) {
		pthread_mutex_init(&ev->mu, NULL);
		pthread_cond_init(&ev->cond, NULL);
		ev->tail = &ev->head;
	}
	return ev;
}

static void
events_req_free(struct events_req *q)
{
	json_decref(q->patch);
	json_decref(q->post);
	free(q);
}

static void
events_send(struct rest *api, struct events_req *q)
{
	struct err err;

	err_clear(&err);
	if (q->patch != NULL) {
		if (rest_do(api, "PATCH", q->path, "application/merge-patch+json",
		    q->patch, NULL, &err) >= 0 || err.reason != ERR_NOT_FOUND)
			goto out;
		err_clear(&err);	/* gone (its TTL): record it again */
		/* .../events/NAME -> .../events */
		*strrchr(q->path, '/') = '\0';
	}
	if (q->post != NULL)
		rest_do(api, "POST", q->path, NULL, q->post, NULL, &err);
out:
	if (err.reason != ERR_NONE && err.reason != ERR_NOT_FOUND)
		fprintf(stderr, "kubec-agent: event %s %s: %s\n", q->reason,
		    q->name, err.msg);
}

static void *
events_thread(void *arg)
{
	struct events *ev = arg;
	struct events_req *q;

	pthread_mutex_lock(&ev->mu);
	for (;;) {
		while (ev->head == NULL && !ev->stop)
			pthread_cond_wait(&ev->cond, &ev->mu);
		if (ev->stop)
			break;
		q = ev->head;
		if ((ev->head = q->next) == NULL)
			ev->tail = &ev->head;
		ev->queued--;
		pthread_mutex_unlock(&ev->mu);
		events_send(ev->api, q);
		events_req_free(q);
		pthread_mutex_lock(&ev->mu);
	}
	pthread_mutex_unlock(&ev->mu);
	return NULL;
}

/* Queues q for the thread (started the first time); lock held.  Takes q. */
static void
events_queue(struct events *ev, struct rest *api, struct events_req *q)
{
	if (!ev->started && !ev->stop) {
		ev->api = api;
		ev->started = pthread_create(&ev->thread, NULL, events_thread,
		    ev) == 0;
	}
	if (!ev->started || ev->stop || ev->queued >= EVENTS_QUEUE) {
		fprintf(stderr, "kubec-agent: event %s %s dropped\n", q->reason,
		    q->name);
		events_req_free(q);
		return;
	}
	*ev->tail = q;
	ev->tail = &q->next;
	ev->queued++;
	pthread_cond_signal(&ev->cond);
}

void
events_close(struct events *ev)
{
	struct events_req *q;

	if (ev == NULL)
		return;
	/* what is still queued is dropped, as kubelet's buffer is */
	pthread_mutex_lock(&ev->mu);
	ev->stop = 1;
	pthread_cond_signal(&ev->cond);
	pthread_mutex_unlock(&ev->mu);
	if (ev->started)
		pthread_join(ev->thread, NULL);
	while ((q = ev->head) != NULL) {
		ev->head = q->next;
		events_req_free(q);
	}
	pthread_cond_destroy(&ev->cond);
	pthread_mutex_destroy(&ev->mu);
	free(ev);
}

static const char *
events_str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* spec.containers{c} or spec.initContainers{c}; "" for the pod. */
static void
events_field_path(const json_t *pod, const char *ctr, char *out, size_t n)
{
	const json_t *spec = json_object_get(pod, "spec"), *c;
	size_t i;

	out[0] = '\0';
	if (ctr == NULL)
		return;
	snprintf(out, n, "spec.containers{%s}", ctr);
	json_array_foreach(json_object_get(spec, "initContainers"), i, c)
		if (strcmp(events_str(c, "name"), ctr) == 0)
			snprintf(out, n, "spec.initContainers{%s}", ctr);
}

static json_t *
events_new(struct agent *a, const json_t *pod, const char *field_path,
    const char *type, const char *reason, const char *msg, const char *name,
    const char *now)
{
	const json_t *md = json_object_get(pod, "metadata");
	json_t *ref = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kind", "Pod",
	    "namespace", events_str(md, "namespace"), "name",
	    events_str(md, "name"), "uid", events_str(md, "uid"), "apiVersion",
	    "v1", "resourceVersion", events_str(md, "resourceVersion"));

	if (*field_path != '\0')
		json_object_set_new(ref, "fieldPath", json_string(field_path));
	return json_pack("{s:s, s:s, s:{s:s, s:s}, s:o, s:s, s:s, "
	    "s:{s:s, s:s}, s:s, s:s, s:i, s:s, s:s, s:s}",
	    "apiVersion", "v1", "kind", "Event", "metadata", "name", name,
	    "namespace", events_str(md, "namespace"), "involvedObject", ref,
	    "reason", reason, "message", msg, "source", "component", "kubelet",
	    "host", a->opts.node_name, "firstTimestamp", now, "lastTimestamp",
	    now, "count", 1, "type", type, "reportingComponent", "kubelet",
	    "reportingInstance", a->opts.node_name);
}

void
events_pod(struct agent *a, const json_t *pod, const char *ctr,
    const char *type, const char *reason, const char *fmt, ...)
{
	struct events *ev = a->events;
	const json_t *md = json_object_get(pod, "metadata");
	struct events_entry *e = NULL, *oldest = NULL;
	char msg[1024], fp[320], key[2048], now[64];
	struct events_req *q;
	struct timespec ts;
	uint64_t h;
	va_list ap;
	int i, post;
	time_t t = time(NULL);

	if (ev == NULL || md == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	events_field_path(pod, ctr, fp, sizeof fp);
	snprintf(key, sizeof key, "%s\n%s\n%s\n%s\n%s", events_str(md, "uid"),
	    fp, type, reason, msg);
	h = hmap_hash(key);
	clock_gettime(CLOCK_REALTIME, &ts);
	rfc3339_format(ts.tv_sec, now, sizeof now);
	if ((q = calloc(1, sizeof *q)) == NULL)
		return;
	snprintf(q->reason, sizeof q->reason, "%s", reason);

	pthread_mutex_lock(&ev->mu);
	for (i = 0; i < EVENTS_CACHE; i++) {
		struct events_entry *x = &ev->e[i];

		if (x->count > 0 && x->hash == h && t - x->first <
		    EVENTS_WINDOW) {
			e = x;
			break;
		}
		if (oldest == NULL || x->last < oldest->last)
			oldest = x;
	}
	post = e == NULL;
	if (post) {
		e = oldest;
		memset(e, 0, sizeof *e);
		e->hash = h;
		e->first = t;
		snprintf(e->ns, sizeof e->ns, "%s", events_str(md,
		    "namespace"));
		snprintf(e->name, sizeof e->name, "%.253s.%llx",
		    events_str(md, "name"), (unsigned long long)ts.tv_sec *
		    1000000000ULL + (unsigned long long)ts.tv_nsec);
	}
	e->count++;
	e->last = t;
	if (!post && t - e->sent_at < EVENTS_PATCH_SECONDS) {
		pthread_mutex_unlock(&ev->mu);
		free(q);
		return;
	}
	e->sent_at = t;
	snprintf(q->name, sizeof q->name, "%s", e->name);
	if (post)
		snprintf(q->path, sizeof q->path, "/api/v1/namespaces/%s/events",
		    e->ns);
	else {
		snprintf(q->path, sizeof q->path,
		    "/api/v1/namespaces/%s/events/%s", e->ns, e->name);
		q->patch = json_pack("{s:i, s:s}", "count", e->count,
		    "lastTimestamp", now);
	}
	/* the whole Event too: a PATCH of one gone (its TTL) records it
	 * again */
	q->post = events_new(a, pod, fp, type, reason, msg, e->name, now);
	if (q->post != NULL && e->count > 1)
		json_object_set_new(q->post, "count", json_integer(e->count));
	events_queue(ev, a->api, q);
	pthread_mutex_unlock(&ev->mu);
}
