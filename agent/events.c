/* events.c - the Events kubelet records about the node's pods (Created,
 * Started, Killing, BackOff, Failed, FailedMount, Unhealthy, ...), as
 * client-go's event recorder sends them: core/v1 Events from source
 * "kubelet" on this host, named <pod>.<hex nanoseconds>, and correlated:
 * the same event again (same pod, container, type, reason and message)
 * within ten minutes is the same Event object with a higher count and a
 * later lastTimestamp, PATCHed at most every EVENTS_PATCH_SECONDS so that
 * a condition retried every second does not become a request a second.
 * Recording is best effort: a failed request is only logged. */
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

struct events_entry {
	uint64_t	hash;		/* of uid, fieldPath, type, reason, msg */
	char		ns[254];
	char		name[320];	/* the Event object's */
	int		count;		/* occurrences */
	int		sent;		/* count the server has */
	time_t		first, last, sent_at;
};

struct events {
	pthread_mutex_t		mu;
	struct events_entry	e[EVENTS_CACHE];
};

struct events *
events_open(void)
{
	struct events *ev = calloc(1, sizeof *ev);

	if (ev != NULL)
		pthread_mutex_init(&ev->mu, NULL);
	return ev;
}

void
events_close(struct events *ev)
{
	if (ev == NULL)
		return;
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
	char msg[1024], fp[320], key[2048], now[64], path[1024], name[320],
	    ns[254];
	struct timespec ts;
	json_t *body;
	struct err err;
	uint64_t h;
	va_list ap;
	int i, count = 0, post;
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
		return;
	}
	e->sent_at = t;
	count = e->count;
	snprintf(name, sizeof name, "%s", e->name);
	snprintf(ns, sizeof ns, "%s", e->ns);
	pthread_mutex_unlock(&ev->mu);

	err_clear(&err);
	if (!post) {
		snprintf(path, sizeof path, "/api/v1/namespaces/%s/events/%s",
		    ns, name);
		body = json_pack("{s:i, s:s}", "count", count, "lastTimestamp",
		    now);
		if (rest_do(a->api, "PATCH", path,
		    "application/merge-patch+json", body, NULL, &err) >= 0 ||
		    err.reason != ERR_NOT_FOUND) {
			json_decref(body);
			goto out;
		}
		json_decref(body);
		err_clear(&err);	/* gone (its TTL): record it again */
	}
	snprintf(path, sizeof path, "/api/v1/namespaces/%s/events", ns);
	body = events_new(a, pod, fp, type, reason, msg, name, now);
	if (body != NULL && count > 1)
		json_object_set_new(body, "count", json_integer(count));
	if (body != NULL)
		rest_do(a->api, "POST", path, NULL, body, NULL, &err);
	json_decref(body);
out:
	if (err.reason != ERR_NONE && err.reason != ERR_NOT_FOUND)
		fprintf(stderr, "kubec-agent: event %s %s: %s\n", reason, name,
		    err.msg);
}
