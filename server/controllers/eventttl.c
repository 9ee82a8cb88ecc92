/* eventttl.c - the time to live of Events, as kube-apiserver's
 * --event-ttl (which etcd leases carry out there): an Event (core/v1 or
 * events.k8s.io/v1) goes once --event-ttl has passed since it was last
 * seen (lastTimestamp, series.lastObservedTime, eventTime, or when it was
 * made), so a long-running cluster does not keep every Event for ever.
 *
 * Keys are cache keys ("/registry/events/ns/name"); each Event is queued
 * for the moment it expires, again when it is seen again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/rfc3339.h"
#include "controllers.h"

static time_t
ttl_time(const char *s)
{
	struct timespec ts;

	if (s == NULL || rfc3339_parse(s, &ts) < 0)
		return 0;
	return ts.tv_sec;
}

/* When an Event was last seen. */
static time_t
ttl_seen(const json_t *ev)
{
	time_t t = ttl_time(json_string_value(json_object_get(ev,
	    "lastTimestamp"))), u;

	u = ttl_time(json_string_value(json_object_get(json_object_get(ev,
	    "series"), "lastObservedTime")));
	if (u > t)
		t = u;
	u = ttl_time(json_string_value(json_object_get(ev, "eventTime")));
	if (u > t)
		t = u;
	if (t == 0)
		t = ttl_time(json_string_value(json_object_get(json_object_get(
		    ev, "metadata"), "creationTimestamp")));
	return t;
}

static long
ttl_left_ms(struct ctl *c, const json_t *ev)
{
	long long left = (long long)ttl_seen(ev) + c->srv->opts.event_ttl -
	    (long long)time(NULL);

	return left > 0 ? (long)(left * 1000 + 500) : 0;
}

static int
ttl_sync(struct ctl *c, const char *key)
{
	struct cobj *o = cache_get(c->srv->cache, key);
	struct err err;
	long left;
	int rc = 0;

	if (o == NULL)
		return 0;
	if ((left = ttl_left_ms(c, o->obj)) > 0) {
		ctl_enqueue_after(c, key, left);	/* seen again since */
	} else {
		err_clear(&err);
		rc = ctl_delete(c, o, NULL, &err);
	}
	cobj_unref(o);
	return rc;
}

static void
ttl_event(struct ctl *c, const struct cevent *ev)
{
	if (ev->type != CEV_DELETED)
		ctl_enqueue_after(c, ev->obj->key, ttl_left_ms(c,
		    ev->obj->obj));
}

static int
ttl_init(struct ctl *c, struct err *err)
{
	if (c->srv->opts.event_ttl <= 0)
		return 0;	/* kept for ever */
	if (ctl_watch(c, "", "events", ttl_event, err) < 0 ||
	    ctl_watch(c, "events.k8s.io", "events", ttl_event, err) < 0)
		return -1;
	return 0;
}

static void
ttl_fini(struct ctl *c)
{
}

const struct controller controller_eventttl = {
	.name = "eventttl",
	.init = ttl_init,
	.fini = ttl_fini,
	.sync = ttl_sync,
};
