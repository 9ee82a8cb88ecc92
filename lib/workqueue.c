/* workqueue.c - keys waiting to be reconciled; see workqueue.h.
 *
 * One item per key known to the queue (queued, held by a worker, waiting
 * for a delay, or remembered for its failures), found through a hash map;
 * queued items in a FIFO ring, waiting ones in a binary heap by time.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hmap.h"
#include "workqueue.h"

struct wq_item {
	char		*key;
	int		 dirty;		/* to be reconciled */
	int		 queued;	/* in the FIFO */
	int		 processing;	/* held by a worker */
	long long	 ready_at;	/* in the heap until then; 0: not */
	size_t		 heap_at;
	int		 failures;
};

struct workqueue {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cond;
	struct hmap	 items;
	struct wq_item	**fifo;		/* ring */
	size_t		 fhead, flen, fcap;
	struct wq_item	**heap;
	size_t		 hlen, hcap;
	int		 kicked;
	int		 shutdown;
};

static long long
wq_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct workqueue *
workqueue_new(void)
{
	struct workqueue *q = calloc(1, sizeof *q);
	pthread_condattr_t ca;

	if (q == NULL)
		return NULL;
	pthread_mutex_init(&q->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&q->cond, &ca);
	pthread_condattr_destroy(&ca);
	return q;
}

void
workqueue_free(struct workqueue *q)
{
	struct hmap_entry *e;
	size_t it;

	if (q == NULL)
		return;
	for (e = hmap_first(&q->items, &it); e != NULL;
	    e = hmap_next(&q->items, &it, e)) {
		struct wq_item *w = e->value;

		free(w->key);
		free(w);
	}
	hmap_release(&q->items);
	free(q->fifo);
	free(q->heap);
	pthread_cond_destroy(&q->cond);
	pthread_mutex_destroy(&q->mu);
	free(q);
}

/* The item of key, made when absent (NULL when out of memory). */
static struct wq_item *
wq_item(struct workqueue *q, const char *key, int make)
{
	struct wq_item *w = hmap_get(&q->items, key);
	int err = 0;

	if (w != NULL || !make)
		return w;
	if ((w = calloc(1, sizeof *w)) == NULL ||
	    (w->key = strdup(key)) == NULL) {
		free(w);
		return NULL;
	}
	hmap_put(&q->items, w->key, w, &err);
	if (err) {
		free(w->key);
		free(w);
		return NULL;
	}
	return w;
}

/* Forgets an item nobody needs any more. */
static void
wq_gc(struct workqueue *q, struct wq_item *w)
{
	if (w->dirty || w->queued || w->processing || w->ready_at ||
	    w->failures)
		return;
	hmap_del(&q->items, w->key);
	free(w->key);
	free(w);
}

static int
wq_push(struct workqueue *q, struct wq_item *w)
{
	if (q->flen == q->fcap) {
		size_t n = q->fcap ? q->fcap * 2 : 64, i;
		struct wq_item **v = malloc(n * sizeof *v);

		if (v == NULL)
			return -1;
		for (i = 0; i < q->flen; i++)
			v[i] = q->fifo[(q->fhead + i) % q->fcap];
		free(q->fifo);
		q->fifo = v;
		q->fhead = 0;
		q->fcap = n;
	}
	q->fifo[(q->fhead + q->flen) % q->fcap] = w;
	q->flen++;
	w->queued = 1;
	return 0;
}

static void
wq_add_locked(struct workqueue *q, const char *key)
{
	struct wq_item *w;

	if (q->shutdown || (w = wq_item(q, key, 1)) == NULL || w->dirty)
		return;
	w->dirty = 1;
	if (!w->processing && wq_push(q, w) < 0) {
		w->dirty = 0;
		wq_gc(q, w);
		return;
	}
	pthread_cond_signal(&q->cond);
}

void
workqueue_add(struct workqueue *q, const char *key)
{
	pthread_mutex_lock(&q->mu);
	wq_add_locked(q, key);
	pthread_mutex_unlock(&q->mu);
}

/* The heap of waiting items, earliest first. */
static void
wq_heap_set(struct workqueue *q, size_t i, struct wq_item *w)
{
	q->heap[i] = w;
	w->heap_at = i;
}

static void
wq_heap_up(struct workqueue *q, size_t i)
{
	struct wq_item *w = q->heap[i];

	while (i > 0 && q->heap[(i - 1) / 2]->ready_at > w->ready_at) {
		wq_heap_set(q, i, q->heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	wq_heap_set(q, i, w);
}

static void
wq_heap_down(struct workqueue *q, size_t i)
{
	struct wq_item *w = q->heap[i];
	size_t c;

	for (;;) {
		c = 2 * i + 1;
		if (c >= q->hlen)
			break;
		if (c + 1 < q->hlen &&
		    q->heap[c + 1]->ready_at < q->heap[c]->ready_at)
			c++;
		if (q->heap[c]->ready_at >= w->ready_at)
			break;
		wq_heap_set(q, i, q->heap[c]);
		i = c;
	}
	wq_heap_set(q, i, w);
}

/* Takes the heap's first item out. */
static struct wq_item *
wq_heap_pop(struct workqueue *q)
{
	struct wq_item *w = q->heap[0];

	q->hlen--;
	if (q->hlen > 0) {
		wq_heap_set(q, 0, q->heap[q->hlen]);
		wq_heap_down(q, 0);
	}
	w->ready_at = 0;
	return w;
}

void
workqueue_add_after(struct workqueue *q, const char *key, long ms)
{
	struct wq_item *w;
	long long at;

	if (ms <= 0) {
		workqueue_add(q, key);
		return;
	}
	at = wq_now() + ms;
	pthread_mutex_lock(&q->mu);
	if (q->shutdown || (w = wq_item(q, key, 1)) == NULL)
		goto out;
	if (w->ready_at != 0) {		/* waiting already: the sooner wins */
		if (at < w->ready_at) {
			w->ready_at = at;
			wq_heap_up(q, w->heap_at);
		}
		goto out;
	}
	if (q->hlen == q->hcap) {
		size_t n = q->hcap ? q->hcap * 2 : 64;
		struct wq_item **v = realloc(q->heap, n * sizeof *v);

		if (v == NULL) {
			wq_gc(q, w);
			goto out;
		}
		q->heap = v;
		q->hcap = n;
	}
	w->ready_at = at;
	q->hlen++;
	wq_heap_set(q, q->hlen - 1, w);
	wq_heap_up(q, q->hlen - 1);
	pthread_cond_signal(&q->cond);	/* a sooner deadline to wait for */
out:
	pthread_mutex_unlock(&q->mu);
}

void
workqueue_add_rate_limited(struct workqueue *q, const char *key)
{
	struct wq_item *w;
	long ms = WORKQUEUE_BASE_DELAY_MS;
	int i, n = 0;

	pthread_mutex_lock(&q->mu);
	if ((w = wq_item(q, key, 1)) != NULL)
		n = w->failures++;
	pthread_mutex_unlock(&q->mu);
	for (i = 0; i < n && ms < WORKQUEUE_MAX_DELAY_MS; i++)
		ms *= 2;
	if (ms > WORKQUEUE_MAX_DELAY_MS)
		ms = WORKQUEUE_MAX_DELAY_MS;
	workqueue_add_after(q, key, ms);
}

void
workqueue_forget(struct workqueue *q, const char *key)
{
	struct wq_item *w;

	pthread_mutex_lock(&q->mu);
	if ((w = wq_item(q, key, 0)) != NULL) {
		w->failures = 0;
		wq_gc(q, w);
	}
	pthread_mutex_unlock(&q->mu);
}

int
workqueue_failures(struct workqueue *q, const char *key)
{
	struct wq_item *w;
	int n;

	pthread_mutex_lock(&q->mu);
	w = wq_item(q, key, 0);
	n = w ? w->failures : 0;
	pthread_mutex_unlock(&q->mu);
	return n;
}

/* Moves the items whose delay has passed into the FIFO; returns the ms
 * until the next one is due (-1: none waits). */
static long long
wq_due(struct workqueue *q, long long now)
{
	struct wq_item *w;

	while (q->hlen > 0 && q->heap[0]->ready_at <= now) {
		w = wq_heap_pop(q);
		wq_add_locked(q, w->key);
		wq_gc(q, w);
	}
	return q->hlen > 0 ? q->heap[0]->ready_at - now : -1;
}

int
workqueue_get(struct workqueue *q, char **key, int timeout_ms)
{
	long long now = wq_now(), end = timeout_ms < 0 ? -1 : now + timeout_ms,
	    next, until;
	struct wq_item *w;
	struct timespec ts;
	int r = 0;

	*key = NULL;
	pthread_mutex_lock(&q->mu);
	for (;;) {
		if (q->shutdown) {
			r = -1;
			break;
		}
		next = wq_due(q, now);
		if (q->flen > 0) {
			w = q->fifo[q->fhead];
			q->fhead = (q->fhead + 1) % q->fcap;
			q->flen--;
			w->queued = 0;
			w->dirty = 0;
			w->processing = 1;
			if ((*key = strdup(w->key)) == NULL) {
				/* out of memory: try again later */
				w->processing = 0;
				w->dirty = 1;
				wq_push(q, w);
				r = 0;
				break;
			}
			r = 1;
			break;
		}
		if (q->kicked || (end >= 0 && now >= end))
			break;
		/* sleep until the deadline or the next delayed key */
		until = end;
		if (next >= 0 && (until < 0 || now + next < until))
			until = now + next;
		if (until < 0) {
			pthread_cond_wait(&q->cond, &q->mu);
		} else {
			ts.tv_sec = until / 1000;
			ts.tv_nsec = (until % 1000) * 1000000;
			pthread_cond_timedwait(&q->cond, &q->mu, &ts);
		}
		now = wq_now();
	}
	q->kicked = 0;
	pthread_mutex_unlock(&q->mu);
	return r;
}

void
workqueue_done(struct workqueue *q, const char *key)
{
	struct wq_item *w;

	pthread_mutex_lock(&q->mu);
	if ((w = wq_item(q, key, 0)) != NULL) {
		w->processing = 0;
		if (w->dirty && !q->shutdown) {
			if (wq_push(q, w) == 0)
				pthread_cond_signal(&q->cond);
			else
				w->dirty = 0;
		}
		wq_gc(q, w);
	}
	pthread_mutex_unlock(&q->mu);
}

void
workqueue_kick(struct workqueue *q)
{
	pthread_mutex_lock(&q->mu);
	q->kicked = 1;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->mu);
}

void
workqueue_shutdown(struct workqueue *q)
{
	pthread_mutex_lock(&q->mu);
	q->shutdown = 1;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->mu);
}

size_t
workqueue_len(struct workqueue *q)
{
	size_t n;

	pthread_mutex_lock(&q->mu);
	n = q->flen;
	pthread_mutex_unlock(&q->mu);
	return n;
}
