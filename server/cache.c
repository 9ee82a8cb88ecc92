/* cache.c - the watch cache (see cache.h).
 *
 * One mutex guards everything: the per-kind maps of current objects, the
 * ring of recent events and every watcher's queue.  Events come from one
 * store watch, on the store's thread, and are applied in revision order;
 * readers take the lock only to collect references.
 */
#include <errno.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../lib/hmap.h"
#include "../lib/jsonenc.h"
#include "../lib/jsonsplice.h"
#include "cache.h"
#include "server.h"

#define CACHE_RING	20000	/* events kept for resuming watches */
#define WATCH_QUEUE	10000	/* events a watcher may fall behind by */
#define CACHE_HISTORY	10000	/* revisions replayed into the ring at start */

struct ckind {
	const struct registry_kind *k;
	char			 prefix[192];	/* "/registry/pods/" */
	struct hmap		 objs;		/* key -> struct cobj * */
	struct watcher		*watchers;
	uint64_t		 gen;		/* changes applied */
};

struct watcher {
	struct cache		*c;
	struct ckind		*ck;
	struct watcher		*next, *prev;
	char			 ns[254];
	cache_filter_fn		*filter;
	void			*filter_arg;
	void			(*wake)(void *);
	void			*wake_arg;
	/* a ring that grows by doubling up to qcap: most watchers never
	 * hold more than a few events */
	struct cevent		*q;
	size_t			 qalloc, qcap, qhead, qlen;
	int			 closed;
	enum err_reason		 why;
	char			 why_msg[256];
};

#define WATCH_QUEUE_MIN	16

/* A thread in cache_wait(): woken alone once the cache reaches rev.  A
 * semaphore rather than a condition variable, posted under c->mu: the
 * woken thread returns without taking the lock the applier holds. */
struct cwaiter {
	int64_t			 rev;
	sem_t			 sem;
	int			 done;
	struct cwaiter		*next;
};

/* See cache_offer(); linked on c->offers while pending (data set) or
 * done and not yet taken (rev set). */
struct cache_offer {
	struct cache_offer	*next, *prev;
	char			*key;
	json_t			*obj;
	const char		*data;	/* the writer's, until done */
	size_t			 len;
	size_t			 meta_off;	/* see cache_offer() */
	int64_t			 rev;
	int			 taken;
};

struct cache {
	struct store		*store;
	pthread_mutex_t		 mu;
	pthread_mutex_t		 omu;		/* offers */
	struct cache_offer	*offers;
	struct cwaiter		*waiters;
	int64_t			 rev;		/* applied */
	int64_t			 noted;		/* acknowledged to a writer */
	int64_t			 loaded_rev;	/* state listed at */
	struct ckind		*kinds;
	size_t			 nkinds;
	struct hmap		 byprefix;	/* "pods" / "apps/deployments" */
	struct cevent		*ring;
	size_t			 rhead, rlen;
	int64_t			 ring_from;	/* ring holds every rev > this */
	struct store_watch	*sw;
	int			 broken;
	pthread_t		 ticker;
	int			 stop;
	int			 shutdown;	/* no new watches */
};

void
cobj_ref(struct cobj *o)
{
	if (o != NULL)
		__atomic_add_fetch(&o->refs, 1, __ATOMIC_RELAXED);
}

void
cobj_unref(struct cobj *o)
{
	if (o == NULL || __atomic_sub_fetch(&o->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	json_decref(o->obj);
	free(o->ns);
	free(o->json);
	free(o->key);
	free(o);
}

void
cevent_release(struct cevent *ev)
{
	cobj_unref(ev->obj);
	cobj_unref(ev->prev);
	ev->obj = ev->prev = NULL;
}

/*
 * Builds a cobj from a decoded object; takes the reference to obj.  text
 * (NULL: none) is the object's JSON without its resourceVersion, as the
 * store holds it: the cobj's JSON is that text with the revision spliced
 * in (at meta_off when known, see cache_offer()), which is much cheaper
 * than encoding obj again.
 */
static struct cobj *
cobj_new(const struct ckind *ck, const char *key, json_t *obj, int64_t rev,
    const char *text, size_t textlen, size_t meta_off)
{
	struct buf b = BUF_INIT(SERVER_MAX_BODY * 2);
	struct cobj *o;
	const char *rest, *slash;
	char rv[32];

	o = calloc(1, sizeof *o);
	if (o == NULL) {
		json_decref(obj);
		return NULL;
	}
	o->refs = 1;
	o->kind = ck->k;
	o->key = strdup(key);
	object_set_rv(obj, rev);
	o->obj = obj;
	snprintf(rv, sizeof rv, "\"%lld\"", (long long)rev);
	if (text != NULL && (meta_off > 0 ? jsonsplice_at(text, textlen,
	    meta_off, "resourceVersion", rv, &b) : jsonsplice_member(text,
	    textlen, "metadata", "resourceVersion", rv, &b)) == 0)
		o->json = buf_detach(&b, &o->len);
	else
		o->json = jsonenc_dup(obj, &o->len, NULL);
	buf_release(&b);
	if (o->key == NULL || o->json == NULL) {
		cobj_unref(o);
		return NULL;
	}
	o->rev = rev;
	rest = o->key + strlen(ck->prefix);
	if ((ck->k->flags & REG_NAMESPACED) &&
	    (slash = strchr(rest, '/')) != NULL) {
		o->ns = strndup(rest, (size_t)(slash - rest));
		o->name = slash + 1;
	} else {
		o->ns = strdup("");
		o->name = rest;
	}
	if (o->ns == NULL) {
		cobj_unref(o);
		return NULL;
	}
	return o;
}

static struct ckind *
cache_kind_of(struct cache *c, const char *key)
{
	char seg[192];
	const char *p, *q;
	struct ckind *ck;

	if (strncmp(key, "/registry/", 10) != 0)
		return NULL;
	p = key + 10;
	if ((q = strchr(p, '/')) == NULL || (size_t)(q - p) >= sizeof seg)
		return NULL;
	memcpy(seg, p, (size_t)(q - p));
	seg[q - p] = '\0';
	if ((ck = hmap_get(&c->byprefix, seg)) != NULL)
		return ck;
	if ((q = strchr(q + 1, '/')) == NULL || (size_t)(q - p) >= sizeof seg)
		return NULL;
	memcpy(seg, p, (size_t)(q - p));
	seg[q - p] = '\0';
	return hmap_get(&c->byprefix, seg);
}

static void
watcher_wake(struct watcher *w)
{
	if (w->wake != NULL)
		w->wake(w->wake_arg);
}

static void
watcher_fail(struct watcher *w, enum err_reason r, const char *msg)
{
	if (w->closed)
		return;
	w->closed = 1;
	w->why = r;
	snprintf(w->why_msg, sizeof w->why_msg, "%s", msg);
	watcher_wake(w);
}

/* Doubles a watcher's ring, up to its cap (lock held). */
static int
watcher_grow(struct watcher *w)
{
	size_t n = w->qalloc * 2, i;
	struct cevent *q;

	if (w->qalloc >= w->qcap)
		return -1;
	if (n > w->qcap)
		n = w->qcap;
	if ((q = malloc(n * sizeof *q)) == NULL)
		return -1;
	for (i = 0; i < w->qlen; i++)
		q[i] = w->q[(w->qhead + i) % w->qalloc];
	free(w->q);
	w->q = q;
	w->qhead = 0;
	w->qalloc = n;
	return 0;
}

/* Queues an event for a watcher (lock held); references are taken. */
static void
watcher_push(struct watcher *w, enum cevent_type t, int64_t rev,
    struct cobj *obj, struct cobj *prev)
{
	struct cevent *ev;

	if (w->closed)
		return;
	if (w->qlen == w->qalloc && watcher_grow(w) < 0) {
		watcher_fail(w, ERR_TOO_MANY_REQUESTS,
		    "the watcher fell too far behind and was closed");
		return;
	}
	ev = &w->q[(w->qhead + w->qlen) % w->qalloc];
	ev->type = t;
	ev->rev = rev;
	ev->obj = obj;
	ev->prev = prev;
	cobj_ref(obj);
	cobj_ref(prev);
	w->qlen++;
}

static int
watcher_match(const struct watcher *w, const struct cobj *o)
{
	if (o == NULL)
		return 0;
	if (w->ns[0] != '\0' && strcmp(w->ns, o->ns) != 0)
		return 0;
	return w->filter == NULL || w->filter(w->filter_arg, o);
}

/* Offers one event to a watcher, translating it through its filter. */
static void
watcher_offer(struct watcher *w, const struct cevent *ev)
{
	int now, before;

	now = ev->type != CEV_DELETED && watcher_match(w, ev->obj);
	before = ev->prev != NULL && watcher_match(w, ev->prev);
	if (ev->type == CEV_DELETED) {
		if (watcher_match(w, ev->obj))
			watcher_push(w, CEV_DELETED, ev->rev, ev->obj, ev->prev);
	} else if (now && before)
		watcher_push(w, CEV_MODIFIED, ev->rev, ev->obj, ev->prev);
	else if (now)
		watcher_push(w, CEV_ADDED, ev->rev, ev->obj, ev->prev);
	else if (before)
		watcher_push(w, CEV_DELETED, ev->rev, ev->obj, ev->prev);
	else
		return;
	watcher_wake(w);
}

static void
ring_push(struct cache *c, const struct cevent *ev)
{
	struct cevent *slot;

	if (c->rlen == CACHE_RING) {
		slot = &c->ring[c->rhead];
		c->ring_from = slot->rev;
		cevent_release(slot);
		c->rhead = (c->rhead + 1) % CACHE_RING;
		c->rlen--;
	}
	slot = &c->ring[(c->rhead + c->rlen) % CACHE_RING];
	*slot = *ev;
	cobj_ref(slot->obj);
	cobj_ref(slot->prev);
	c->rlen++;
}

/* Decodes a store value into a cobj at rev. */
static struct cobj *
cache_decode(const struct ckind *ck, const char *key, const char *val,
    size_t len, int64_t rev)
{
	json_t *obj;

	if (val == NULL)
		return NULL;
	obj = object_decode(val, len, rev, NULL);
	if (obj == NULL)
		return NULL;
	return cobj_new(ck, key, obj, rev, val, len, 0);
}

/* Wakes the waiters whose revision was reached (all: every one); lock
 * held.  One signal each, rather than a broadcast per event that would
 * wake every writer for every other writer's event. */
static void
cache_wake_waiters(struct cache *c, int all)
{
	struct cwaiter **pw = &c->waiters, *w;

	while ((w = *pw) != NULL) {
		if (all || w->rev <= c->rev) {
			*pw = w->next;
			w->done = 1;
			sem_post(&w->sem);
		} else {
			pw = &w->next;
		}
	}
}

static void
offer_unlink(struct cache *c, struct cache_offer *o)
{
	if (o->prev != NULL)
		o->prev->next = o->next;
	else
		c->offers = o->next;
	if (o->next != NULL)
		o->next->prev = o->prev;
	json_decref(o->obj);
	free(o->key);
	free(o);
}

struct cache_offer *
cache_offer(struct cache *c, const char *key, json_t *obj, const char *data,
    size_t len, size_t meta_off)
{
	struct cache_offer *o;
	json_t *m;

	o = calloc(1, sizeof *o);
	if (o == NULL)
		return NULL;
	o->key = strdup(key);
	o->obj = json_copy(obj);
	m = json_object_get(o->obj, "metadata");
	if (json_is_object(m) &&
	    json_object_set_new(o->obj, "metadata", json_copy(m)) < 0) {
		json_decref(o->obj);
		o->obj = NULL;
	}
	if (o->key == NULL || o->obj == NULL) {
		json_decref(o->obj);
		free(o->key);
		free(o);
		return NULL;
	}
	o->data = data;
	o->len = len;
	o->meta_off = meta_off;
	pthread_mutex_lock(&c->omu);
	o->next = c->offers;
	if (c->offers != NULL)
		c->offers->prev = o;
	c->offers = o;
	pthread_mutex_unlock(&c->omu);
	return o;
}

void
cache_offer_done(struct cache *c, struct cache_offer *o, int64_t rev)
{
	if (o == NULL)
		return;
	pthread_mutex_lock(&c->omu);
	if (o->taken || rev <= 0 ||
	    rev <= __atomic_load_n(&c->rev, __ATOMIC_ACQUIRE)) {
		offer_unlink(c, o);
	} else {
		o->data = NULL;
		o->rev = rev;
	}
	pthread_mutex_unlock(&c->omu);
}

/*
 * The object a writer offered for the PUT ev, if any: the same key and
 * the same bytes (pending) or revision (done).  Drops the done offers
 * that ev passed: their events went by without wanting them.
 */
static json_t *
offer_take(struct cache *c, const struct store_event *ev, size_t *meta_off)
{
	struct cache_offer *o, *nx;
	json_t *obj = NULL;

	pthread_mutex_lock(&c->omu);
	for (o = c->offers; o != NULL; o = nx) {
		nx = o->next;
		if (obj == NULL && !o->taken && ev->type == STORE_PUT &&
		    strcmp(o->key, ev->kv.key) == 0 &&
		    (o->data != NULL ? o->len == ev->kv.value_len &&
		    memcmp(o->data, ev->kv.value, o->len) == 0 :
		    o->rev == ev->rev)) {
			obj = o->obj;
			*meta_off = o->meta_off;
			o->obj = NULL;
			o->taken = 1;
		}
		if (o->data == NULL && (o->taken || o->rev <= ev->rev))
			offer_unlink(c, o);
	}
	pthread_mutex_unlock(&c->omu);
	return obj;
}

/*
 * Applies one store event (lock held).  pre is the PUT's object as the
 * caller decoded it before taking the lock (NULL when it could not);
 * the reference is taken over.
 */
static void
cache_apply(struct cache *c, const struct store_event *sev, struct cobj *pre)
{
	struct ckind *ck = cache_kind_of(c, sev->kv.key);
	struct cevent ev = { 0 };
	struct watcher *w;
	struct cobj *cur = NULL;
	json_t *copy;

	if (sev->rev <= c->rev && sev->rev <= c->loaded_rev) {
		/* history before the listed state: only for the ring */
		if (ck == NULL)
			return;
		ev.rev = sev->rev;
		ev.prev = cache_decode(ck, sev->kv.key, sev->prev.value,
		    sev->prev.value_len, sev->prev.mod_rev);
		if (sev->type == STORE_PUT) {
			ev.type = ev.prev ? CEV_MODIFIED : CEV_ADDED;
			ev.obj = pre;
			pre = NULL;
		} else {
			ev.type = CEV_DELETED;
			ev.obj = cache_decode(ck, sev->kv.key, sev->prev.value,
			    sev->prev.value_len, sev->rev);
		}
		if (ev.obj != NULL)
			ring_push(c, &ev);
		cevent_release(&ev);
		return;
	}
	if (ck == NULL)
		goto done;
	ev.rev = sev->rev;
	if (sev->type == STORE_PUT) {
		ev.obj = pre;
		pre = NULL;
		if (ev.obj == NULL)
			goto done;
		cobj_ref(ev.obj);
		ev.prev = hmap_put(&ck->objs, ev.obj->key, ev.obj, NULL);
		ev.type = ev.prev ? CEV_MODIFIED : CEV_ADDED;
	} else {
		ev.prev = hmap_del(&ck->objs, sev->kv.key);
		ev.type = CEV_DELETED;
		cur = ev.prev;
		if (cur == NULL)
			goto done;
		copy = json_deep_copy(cur->obj);
		ev.obj = copy ? cobj_new(ck, cur->key, copy, sev->rev, NULL,
		    0, 0) : NULL;
		if (ev.obj == NULL)
			goto done;
	}
	ring_push(c, &ev);
	ck->gen++;
	for (w = ck->watchers; w != NULL; w = w->next)
		watcher_offer(w, &ev);
done:
	cobj_unref(pre);
	cevent_release(&ev);
	if (sev->rev > c->rev)
		c->rev = sev->rev;
	if (c->ring_from > c->rev)
		c->ring_from = c->rev;
	cache_wake_waiters(c, 0);
}

static void
cache_on_event(void *arg, const struct store_event *ev, const struct err *err)
{
	struct cache *c = arg;
	struct ckind *ck;
	struct watcher *w;
	struct cobj *pre = NULL;
	json_t *offered = NULL;
	size_t i, meta_off = 0;

	/* the decoding, which is most of the work, outside the lock (the
	 * kinds are fixed at open); none when the writer offered its
	 * object */
	if (ev != NULL &&
	    __atomic_load_n(&c->offers, __ATOMIC_ACQUIRE) != NULL)
		offered = offer_take(c, ev, &meta_off);
	if (ev != NULL && ev->type == STORE_PUT &&
	    (ck = cache_kind_of(c, ev->kv.key)) != NULL)
		pre = offered != NULL ? cobj_new(ck, ev->kv.key, offered,
		    ev->rev, ev->kv.value, ev->kv.value_len, meta_off) :
		    cache_decode(ck, ev->kv.key, ev->kv.value,
		    ev->kv.value_len, ev->rev);
	else
		json_decref(offered);
	pthread_mutex_lock(&c->mu);
	if (ev != NULL) {
		cache_apply(c, ev, pre);
	} else if (!c->stop) {
		/* the store watch ended: close every watcher; clients relist */
		c->broken = 1;
		for (i = 0; i < c->nkinds; i++)
			for (w = c->kinds[i].watchers; w != NULL; w = w->next)
				watcher_fail(w, ERR_SERVICE_UNAVAILABLE,
				    err ? err->msg : "store watch ended");
		cache_wake_waiters(c, 1);
	}
	pthread_mutex_unlock(&c->mu);
}

/*
 * After the store watch ended (etcd unreachable for a while, say): forget
 * what the cache held, read everything again at the store's current
 * revision and watch from there.  Watchers were closed when the watch
 * ended; clients list and watch again, as they do after any error.
 * Called from the ticker, without the lock; keeps trying every second.
 */
static int cache_load(struct cache *c, int64_t rev, struct err *err);

/* Drops every object and every event of the ring (lock held or unshared). */
static void
cache_forget(struct cache *c)
{
	struct hmap_entry *e;
	size_t i, it;

	for (i = 0; i < c->nkinds; i++) {
		for (e = hmap_first(&c->kinds[i].objs, &it); e != NULL;
		    e = hmap_next(&c->kinds[i].objs, &it, e))
			cobj_unref(e->value);
		hmap_release(&c->kinds[i].objs);
		c->kinds[i].gen++;
	}
	if (c->ring != NULL)
		for (i = 0; i < c->rlen; i++)
			cevent_release(&c->ring[(c->rhead + i) % CACHE_RING]);
	c->rhead = c->rlen = 0;
}

static void
cache_reconnect(struct cache *c)
{
	struct store_watch *sw;
	struct err err;
	int64_t rev, compacted;

	err_clear(&err);
	pthread_mutex_lock(&c->mu);
	sw = c->sw;
	c->sw = NULL;
	pthread_mutex_unlock(&c->mu);
	if (sw != NULL)
		store_unwatch(c->store, sw);
	if (store_revision(c->store, &rev, &compacted, &err) < 0)
		return;
	pthread_mutex_lock(&c->mu);
	cache_forget(c);
	if (cache_load(c, rev, &err) < 0) {
		pthread_mutex_unlock(&c->mu);
		return;
	}
	c->rev = c->loaded_rev = c->ring_from = rev;
	pthread_mutex_unlock(&c->mu);
	if (store_watch(c->store, "/registry/", rev, cache_on_event, c, &sw,
	    &err) < 0)
		return;
	pthread_mutex_lock(&c->mu);
	c->sw = sw;
	c->broken = 0;
	pthread_mutex_unlock(&c->mu);
	fprintf(stderr, "kubec-server: watch cache: reconnected to the store "
	    "at revision %lld\n", (long long)rev);
}

/* Wakes every watcher once in a while, for bookmarks and timeouts. */
static void *
cache_ticker(void *arg)
{
	struct cache *c = arg;
	struct watcher *w;
	size_t i;
	int broken;

	for (;;) {
		for (i = 0; i < 10 && !c->stop; i++)
			usleep(100 * 1000);
		pthread_mutex_lock(&c->mu);
		if (c->stop) {
			pthread_mutex_unlock(&c->mu);
			break;
		}
		for (i = 0; i < c->nkinds; i++)
			for (w = c->kinds[i].watchers; w != NULL; w = w->next)
				watcher_wake(w);
		broken = c->broken && !c->shutdown;
		pthread_mutex_unlock(&c->mu);
		if (broken)
			cache_reconnect(c);
	}
	return NULL;
}

static int
cache_load(struct cache *c, int64_t rev, struct err *err)
{
	struct store_list l;
	char last[1024] = "";
	struct ckind *ck;
	struct cobj *o, *old;
	size_t i;

	do {
		if (store_list(c->store, "/registry/", last[0] ? last : NULL,
		    rev, 1000, &l, err) < 0)
			return -1;
		for (i = 0; i < l.n; i++) {
			ck = cache_kind_of(c, l.items[i].key);
			if (ck == NULL)
				continue;
			o = cache_decode(ck, l.items[i].key, l.items[i].value,
			    l.items[i].value_len, l.items[i].mod_rev);
			if (o == NULL)
				continue;
			old = hmap_put(&ck->objs, o->key, o, NULL);
			cobj_unref(old);
		}
		if (l.n > 0)
			snprintf(last, sizeof last, "%s", l.items[l.n - 1].key);
		i = (size_t)l.more;
		store_list_release(&l);
	} while (i);
	return 0;
}

struct cache *
cache_open(struct store *s, struct err *err)
{
	struct cache *c;
	size_t n, i;
	int64_t rev, compacted, from;
	const struct registry_kind *k;
	char seg[192];

	c = calloc(1, sizeof *c);
	if (c == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	c->store = s;
	pthread_mutex_init(&c->mu, NULL);
	pthread_mutex_init(&c->omu, NULL);
	for (n = 0; registry_kinds[n] != NULL; n++)
		;
	c->kinds = calloc(n, sizeof *c->kinds);
	c->ring = calloc(CACHE_RING, sizeof *c->ring);
	if (c->kinds == NULL || c->ring == NULL)
		goto fail;
	c->nkinds = n;
	for (i = 0; i < n; i++) {
		k = registry_kinds[i];
		c->kinds[i].k = k;
		object_prefix(k, "", c->kinds[i].prefix,
		    sizeof c->kinds[i].prefix);
		if (k->group[0] == '\0')
			snprintf(seg, sizeof seg, "%s", k->resource);
		else
			snprintf(seg, sizeof seg, "%s/%s", k->group,
			    k->resource);
		hmap_put(&c->byprefix, strdup(seg), &c->kinds[i], NULL);
	}
	if (store_revision(s, &rev, &compacted, err) < 0)
		goto fail;
	if (cache_load(c, rev, err) < 0)
		goto fail;
	c->rev = c->loaded_rev = rev;
	from = rev - CACHE_HISTORY;
	if (from < compacted)
		from = compacted;
	if (from < 0)
		from = 0;
	c->ring_from = from;
	if (store_watch(s, "/registry/", from, cache_on_event, c, &c->sw,
	    err) < 0) {
		/* history may be compacted already: watch from now */
		c->ring_from = rev;
		if (store_watch(s, "/registry/", rev, cache_on_event, c,
		    &c->sw, err) < 0)
			goto fail;
	}
	pthread_create(&c->ticker, NULL, cache_ticker, c);
	return c;
fail:
	cache_close(c);
	return NULL;
}

void
cache_shutdown(struct cache *c)
{
	struct watcher *w;
	size_t i;

	pthread_mutex_lock(&c->mu);
	c->shutdown = 1;
	for (i = 0; i < c->nkinds; i++)
		for (w = c->kinds[i].watchers; w != NULL; w = w->next)
			watcher_fail(w, ERR_SERVICE_UNAVAILABLE,
			    "the server is shutting down");
	pthread_mutex_unlock(&c->mu);
}

void
cache_close(struct cache *c)
{
	struct hmap_entry *e;
	size_t it;

	if (c == NULL)
		return;
	pthread_mutex_lock(&c->mu);
	c->stop = 1;
	pthread_mutex_unlock(&c->mu);
	if (c->sw != NULL)
		store_unwatch(c->store, c->sw);
	if (c->ticker)
		pthread_join(c->ticker, NULL);
	cache_forget(c);
	while (c->offers != NULL)
		offer_unlink(c, c->offers);
	for (e = hmap_first(&c->byprefix, &it); e != NULL;
	    e = hmap_next(&c->byprefix, &it, e))
		free((char *)e->key);
	hmap_release(&c->byprefix);
	free(c->ring);
	free(c->kinds);
	free(c);
}

int64_t
cache_rev(struct cache *c)
{
	int64_t r;

	pthread_mutex_lock(&c->mu);
	r = c->rev;
	pthread_mutex_unlock(&c->mu);
	return r;
}

/* cache_wait() with c->mu held (and held again on return). */
static int
cache_wait_locked(struct cache *c, int64_t rev, int timeout_ms)
{
	struct timespec ts;
	struct cwaiter me, **pw;

	if (c->rev >= rev || c->broken)
		return c->rev >= rev ? 0 : -1;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += timeout_ms / 1000;
	ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	me.rev = rev;
	me.done = 0;
	sem_init(&me.sem, 0, 0);
	me.next = c->waiters;
	c->waiters = &me;
	pthread_mutex_unlock(&c->mu);
	while (sem_timedwait(&me.sem, &ts) < 0 && errno == EINTR)
		;
	pthread_mutex_lock(&c->mu);
	/* timed out and not woken since (a waker posts under c->mu, so
	 * done is final here): leave the list */
	if (!me.done)
		for (pw = &c->waiters; *pw != NULL; pw = &(*pw)->next)
			if (*pw == &me) {
				*pw = me.next;
				break;
			}
	sem_destroy(&me.sem);
	return c->rev >= rev ? 0 : -1;
}

int
cache_wait(struct cache *c, int64_t rev, int timeout_ms)
{
	int r;

	pthread_mutex_lock(&c->mu);
	r = cache_wait_locked(c, rev, timeout_ms);
	pthread_mutex_unlock(&c->mu);
	return r;
}

void
cache_note(struct cache *c, int64_t rev)
{
	int64_t cur = __atomic_load_n(&c->noted, __ATOMIC_RELAXED);

	while (rev > cur && !__atomic_compare_exchange_n(&c->noted, &cur, rev,
	    0, __ATOMIC_RELEASE, __ATOMIC_RELAXED))
		;
}

/* Locks c and lets it apply every write acknowledged so far, so that a
 * reader in this process sees what any writer here was told is done. */
static void
cache_lock_current(struct cache *c)
{
	int64_t noted = __atomic_load_n(&c->noted, __ATOMIC_ACQUIRE);

	pthread_mutex_lock(&c->mu);
	if (c->rev < noted)
		cache_wait_locked(c, noted, 10000);
}

int
cache_sync(struct cache *c, struct err *err)
{
	int64_t rev, compacted;
	struct err why;
	int broken;

	if (store_revision(c->store, &rev, &compacted, err) < 0)
		return -1;
	if (cache_wait(c, rev, 5000) == 0)
		return 0;
	/* the store moved on and its watch told nothing for 5 s: a watch
	 * gone quiet (the store restarted under it) is made again, as one
	 * that ended is, and the cache reloaded at the store's revision */
	pthread_mutex_lock(&c->mu);
	broken = c->broken;
	pthread_mutex_unlock(&c->mu);
	if (!broken && cache_rev(c) < rev) {
		err_clear(&why);
		err_set(&why, ERR_SERVICE_UNAVAILABLE, "the store's watch went "
		    "quiet; watching again");
		cache_on_event(c, NULL, &why);
	}
	for (int i = 0; i < 80; i++) {
		if (cache_wait(c, rev, 100) == 0)
			return 0;
		usleep(100 * 1000);
	}
	return err_set(err, ERR_TIMEOUT,
	    "Too large resource version: the cache is at %lld, "
	    "the store at %lld", (long long)cache_rev(c), (long long)rev);
}

/* Looks key up with c->mu held, and releases it. */
static struct cobj *
cache_lookup_unlock(struct cache *c, const char *key)
{
	struct ckind *ck;
	struct cobj *o = NULL;

	if ((ck = cache_kind_of(c, key)) != NULL) {
		o = hmap_get(&ck->objs, key);
		cobj_ref(o);
	}
	pthread_mutex_unlock(&c->mu);
	return o;
}

struct cobj *
cache_get(struct cache *c, const char *key)
{
	cache_lock_current(c);
	return cache_lookup_unlock(c, key);
}

struct cobj *
cache_peek(struct cache *c, const char *key)
{
	pthread_mutex_lock(&c->mu);
	return cache_lookup_unlock(c, key);
}

static struct ckind *
cache_ckind(struct cache *c, const struct registry_kind *k)
{
	size_t i;

	for (i = 0; i < c->nkinds; i++)
		if (c->kinds[i].k == k)
			return &c->kinds[i];
	return NULL;
}

uint64_t
cache_kind_gen(struct cache *c, const struct registry_kind *k)
{
	struct ckind *ck = cache_ckind(c, k);
	uint64_t gen;

	if (ck == NULL)
		return 0;
	cache_lock_current(c);
	gen = ck->gen;
	pthread_mutex_unlock(&c->mu);
	return gen;
}

size_t
cache_count(struct cache *c, const struct registry_kind *k, const char *ns)
{
	struct ckind *ck = cache_ckind(c, k);
	struct hmap_entry *e;
	struct cobj *o;
	size_t n = 0, it;

	if (ck == NULL)
		return 0;
	cache_lock_current(c);
	if (ns == NULL || ns[0] == '\0')
		n = ck->objs.count;
	else
		for (e = hmap_first(&ck->objs, &it); e != NULL;
		    e = hmap_next(&ck->objs, &it, e)) {
			o = e->value;
			if (strcmp(o->ns, ns) == 0)
				n++;
		}
	pthread_mutex_unlock(&c->mu);
	return n;
}

static int
cobj_cmp(const void *a, const void *b)
{
	const struct cobj *x = *(struct cobj *const *)a;
	const struct cobj *y = *(struct cobj *const *)b;

	return strcmp(x->key, y->key);
}

int
cache_list(struct cache *c, const struct registry_kind *k, const char *ns,
    const char *start_after, size_t limit, cache_filter_fn *filter,
    void *arg, struct cache_page *page, struct err *err)
{
	struct ckind *ck = cache_ckind(c, k);
	struct hmap_entry *e;
	struct cobj *o, **v = NULL;
	size_t n = 0, it, i, first;

	memset(page, 0, sizeof *page);
	if (ck == NULL)
		return err_set(err, ERR_NOT_FOUND, "unknown resource");
	cache_lock_current(c);
	page->rev = c->rev;
	v = malloc((ck->objs.count + 1) * sizeof *v);
	if (v == NULL) {
		pthread_mutex_unlock(&c->mu);
		return err_set(err, ERR_INTERNAL, "out of memory");
	}
	for (e = hmap_first(&ck->objs, &it); e != NULL;
	    e = hmap_next(&ck->objs, &it, e)) {
		o = e->value;
		if (ns != NULL && ns[0] != '\0' && strcmp(o->ns, ns) != 0)
			continue;
		if (start_after != NULL && strcmp(o->key, start_after) <= 0)
			continue;
		if (filter != NULL && !filter(arg, o))
			continue;
		cobj_ref(o);
		v[n++] = o;
	}
	pthread_mutex_unlock(&c->mu);
	qsort(v, n, sizeof *v, cobj_cmp);
	first = n;
	if (limit > 0 && n > limit) {
		page->more = 1;
		page->remaining = n - limit;
		for (i = limit; i < n; i++)
			cobj_unref(v[i]);
		first = limit;
	}
	page->items = v;
	page->n = first;
	return 0;
}

void
cache_page_release(struct cache_page *page)
{
	size_t i;

	for (i = 0; i < page->n; i++)
		cobj_unref(page->items[i]);
	free(page->items);
	memset(page, 0, sizeof *page);
}

struct watcher *
cache_watch(struct cache *c, const struct registry_kind *k, const char *ns,
    int64_t rev, cache_filter_fn *filter, void *filter_arg,
    void (*wake)(void *), void *wake_arg, struct err *err)
{
	struct ckind *ck = cache_ckind(c, k);
	struct watcher *w;
	struct hmap_entry *e;
	struct cobj **v;
	struct cevent *ev;
	size_t it, i, n;

	if (ck == NULL) {
		err_set(err, ERR_NOT_FOUND, "unknown resource");
		return NULL;
	}
	w = calloc(1, sizeof *w);
	if (w == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	w->c = c;
	w->ck = ck;
	snprintf(w->ns, sizeof w->ns, "%s", ns ? ns : "");
	w->filter = filter;
	w->filter_arg = filter_arg;
	w->wake = wake;
	w->wake_arg = wake_arg;
	cache_lock_current(c);
	if (c->broken || c->shutdown) {
		pthread_mutex_unlock(&c->mu);
		free(w);
		err_set(err, ERR_SERVICE_UNAVAILABLE, c->shutdown ? "the "
		    "server is shutting down" : "the watch cache is not "
		    "connected to the store");
		return NULL;
	}
	if (rev > 0 && rev < c->ring_from) {
		pthread_mutex_unlock(&c->mu);
		free(w);
		err_set(err, ERR_GONE, "too old resource version: %lld (%lld)",
		    (long long)rev, (long long)c->ring_from + 1);
		return NULL;
	}
	w->qcap = WATCH_QUEUE + (rev == 0 ? ck->objs.count : 0);
	w->qalloc = WATCH_QUEUE_MIN;
	w->q = calloc(w->qalloc, sizeof *w->q);
	if (w->q == NULL) {
		pthread_mutex_unlock(&c->mu);
		free(w);
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	if (rev == 0) {
		/* synthetic ADDED events, in key order */
		v = malloc((ck->objs.count + 1) * sizeof *v);
		n = 0;
		for (e = hmap_first(&ck->objs, &it); v && e != NULL;
		    e = hmap_next(&ck->objs, &it, e))
			if (watcher_match(w, e->value))
				v[n++] = e->value;
		if (v != NULL)
			qsort(v, n, sizeof *v, cobj_cmp);
		for (i = 0; v && i < n; i++)
			watcher_push(w, CEV_ADDED, v[i]->rev, v[i], NULL);
		free(v);
	} else {
		for (i = 0; i < c->rlen; i++) {
			ev = &c->ring[(c->rhead + i) % CACHE_RING];
			if (ev->rev > rev && ev->obj->kind == k)
				watcher_offer(w, ev);
		}
	}
	w->next = ck->watchers;
	if (ck->watchers != NULL)
		ck->watchers->prev = w;
	ck->watchers = w;
	pthread_mutex_unlock(&c->mu);
	return w;
}

int
watcher_next_or_suspend(struct watcher *w, struct cevent *ev,
    struct err *err, int bookmark, void (*suspend)(void *), void *arg)
{
	struct cache *c = w->c;
	int r;

	pthread_mutex_lock(&c->mu);
	if (w->qlen > 0) {
		*ev = w->q[w->qhead];
		memset(&w->q[w->qhead], 0, sizeof *ev);
		w->qhead = (w->qhead + 1) % w->qalloc;
		w->qlen--;
		r = 1;
	} else if (w->closed) {
		if (err != NULL)
			err_set(err, w->why, "%s", w->why_msg);
		r = -1;
	} else if (bookmark) {
		memset(ev, 0, sizeof *ev);
		ev->type = CEV_BOOKMARK;
		ev->rev = c->rev;
		r = 1;
	} else {
		if (suspend != NULL)
			suspend(arg);
		r = 0;
	}
	pthread_mutex_unlock(&c->mu);
	return r;
}

int
watcher_next(struct watcher *w, struct cevent *ev, struct err *err)
{
	return watcher_next_or_suspend(w, ev, err, 0, NULL, NULL);
}

void
watcher_close(struct watcher *w)
{
	struct cache *c;

	if (w == NULL)
		return;
	c = w->c;
	pthread_mutex_lock(&c->mu);
	if (w->prev != NULL)
		w->prev->next = w->next;
	else
		w->ck->watchers = w->next;
	if (w->next != NULL)
		w->next->prev = w->prev;
	while (w->qlen > 0) {
		cevent_release(&w->q[w->qhead]);
		w->qhead = (w->qhead + 1) % w->qalloc;
		w->qlen--;
	}
	pthread_mutex_unlock(&c->mu);
	free(w->q);
	free(w);
}
