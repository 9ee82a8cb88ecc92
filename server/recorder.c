/* recorder.c - Events of the server's own components, sent by a thread
 * of their own; see recorder.h. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/hmap.h"
#include "../lib/rfc3339.h"
#include "recorder.h"

#define RECORDER_CACHE		512	/* events remembered for correlation */
#define RECORDER_WINDOW		600	/* seconds a repeat is the same event */
#define RECORDER_PATCH_SECONDS	5

/* One event waiting to be sent. */
struct rec_item {
	struct rec_item	*next;
	json_t		*body;		/* the Event, or the patch of one */
	char		 path[600];
	int		 patch;
};

struct rec_entry {
	uint64_t	hash;		/* of uid, type, reason, message */
	char		ns[254];
	char		name[320];
	int		count;
	time_t		first, last, sent_at;
};

struct recorder {
	struct server		*srv;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cond;
	struct rec_item		*head, *tail;
	size_t			 len;
	int			 stop;
	pthread_t		 thread;
	struct rec_entry	 seen[RECORDER_CACHE];
};

static void *
recorder_loop(void *arg)
{
	struct recorder *r = arg;
	struct rec_item *it;
	struct err err;

	pthread_mutex_lock(&r->mu);
	for (;;) {
		while (r->head == NULL && !r->stop)
			pthread_cond_wait(&r->cond, &r->mu);
		if ((it = r->head) == NULL)
			break;
		r->head = it->next;
		if (r->head == NULL)
			r->tail = NULL;
		r->len--;
		pthread_mutex_unlock(&r->mu);
		err_clear(&err);
		if (client_do(r->srv, it->patch ? "PATCH" : "POST", it->path,
		    NULL, it->patch ? "application/merge-patch+json" : NULL,
		    it->body, NULL, &err) < 0 && err.reason != ERR_NOT_FOUND &&
		    !r->srv->stopping)
			fprintf(stderr, "kubec-server: event %s: %s\n",
			    it->path, err.msg);
		json_decref(it->body);
		free(it);
		pthread_mutex_lock(&r->mu);
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

struct recorder *
recorder_start(struct server *s, struct err *err)
{
	struct recorder *r = calloc(1, sizeof *r);

	if (r == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	r->srv = s;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cond, NULL);
	if (pthread_create(&r->thread, NULL, recorder_loop, r) != 0) {
		err_set(err, ERR_INTERNAL, "cannot start the event recorder");
		free(r);
		return NULL;
	}
	return r;
}

void
recorder_stop(struct recorder *r)
{
	if (r == NULL)
		return;
	pthread_mutex_lock(&r->mu);
	r->stop = 1;
	pthread_cond_signal(&r->cond);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->thread, NULL);
	pthread_cond_destroy(&r->cond);
	pthread_mutex_destroy(&r->mu);
	free(r);
}

static const char *
rec_meta(const struct cobj *o, const char *field)
{
	return json_string_value(json_object_get(json_object_get(o->obj,
	    "metadata"), field)) ?: "";
}

/* Queues an item (r->mu held); dropped when the queue is full. */
static void
rec_queue(struct recorder *r, json_t *body, const char *path, int patch)
{
	struct rec_item *it;

	if (body == NULL || r->len >= RECORDER_QUEUE || r->stop ||
	    (it = calloc(1, sizeof *it)) == NULL) {
		json_decref(body);
		return;
	}
	it->body = body;
	it->patch = patch;
	snprintf(it->path, sizeof it->path, "%s", path);
	if (r->tail != NULL)
		r->tail->next = it;
	else
		r->head = it;
	r->tail = it;
	r->len++;
	pthread_cond_signal(&r->cond);
}

void
recorder_event(struct recorder *r, const struct cobj *o, const char *component,
    const char *type, const char *reason, const char *fmt, ...)
{
	struct rec_entry *e = NULL, *oldest = NULL;
	char msg[1024], key[2048], now[64], path[600], av[128];
	const char *ns;
	struct timespec ts;
	json_t *body, *ref;
	uint64_t h;
	va_list ap;
	time_t t;
	int i, post;

	if (r == NULL || o == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ns = o->ns[0] != '\0' ? o->ns : "default";
	snprintf(key, sizeof key, "%s\n%s\n%s\n%s\n%s", rec_meta(o, "uid"),
	    type, reason, msg, component);
	h = hmap_hash(key);
	clock_gettime(CLOCK_REALTIME, &ts);
	t = ts.tv_sec;
	rfc3339_format(t, now, sizeof now);

	pthread_mutex_lock(&r->mu);
	for (i = 0; i < RECORDER_CACHE; i++) {
		struct rec_entry *x = &r->seen[i];

		if (x->count > 0 && x->hash == h &&
		    t - x->first < RECORDER_WINDOW) {
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
		snprintf(e->ns, sizeof e->ns, "%s", ns);
		snprintf(e->name, sizeof e->name, "%.253s.%llx", o->name,
		    (unsigned long long)ts.tv_sec * 1000000000ULL +
		    (unsigned long long)ts.tv_nsec);
	}
	e->count++;
	e->last = t;
	if (!post && t - e->sent_at < RECORDER_PATCH_SECONDS) {
		pthread_mutex_unlock(&r->mu);
		return;
	}
	e->sent_at = t;
	if (post) {
		ref = json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind",
		    o->kind->kind, "name", o->name, "uid", rec_meta(o, "uid"),
		    "apiVersion", registry_api_version(o->kind, av, sizeof av),
		    "resourceVersion", rec_meta(o, "resourceVersion"));
		if (ref != NULL && o->ns[0] != '\0')
			json_object_set_new(ref, "namespace",
			    json_string(o->ns));
		body = json_pack("{s:s, s:s, s:{s:s, s:s}, s:o, s:s, s:s, "
		    "s:{s:s}, s:s, s:s, s:i, s:s, s:s, s:s}", "apiVersion",
		    "v1", "kind", "Event", "metadata", "name", e->name,
		    "namespace", e->ns, "involvedObject", ref, "reason",
		    reason, "message", msg, "source", "component", component,
		    "firstTimestamp", now, "lastTimestamp", now, "count",
		    e->count, "type", type, "reportingComponent", component,
		    "reportingInstance", component);
		snprintf(path, sizeof path, "/api/v1/namespaces/%s/events",
		    e->ns);
	} else {
		body = json_pack("{s:i, s:s}", "count", e->count,
		    "lastTimestamp", now);
		snprintf(path, sizeof path, "/api/v1/namespaces/%s/events/%s",
		    e->ns, e->name);
	}
	rec_queue(r, body, path, !post);
	pthread_mutex_unlock(&r->mu);
}
