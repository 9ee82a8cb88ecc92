/* cache.h - the watch cache: every object of every kind in memory, fed by
 * one store watch, serving GET, LIST and WATCH without touching the store.
 *
 * Objects are immutable `struct cobj` versions, shared by reference between
 * the current state, the ring of recent events (for resuming a watch from a
 * resourceVersion) and the watchers' queues; each carries its JSON
 * serialisation (with resourceVersion set) so a LIST or a watch event is a
 * copy of bytes, not an encode.
 */
#ifndef KUBEC_CACHE_H
#define KUBEC_CACHE_H

#include <jansson.h>
#include <stdint.h>

#include "../lib/err.h"
#include "registry/registry.h"
#include "store/store.h"

struct cobj {
	int			 refs;
	const struct registry_kind *kind;
	char			*key;
	char			*ns;	/* "" when cluster-scoped */
	const char		*name;
	json_t			*obj;	/* with metadata.resourceVersion */
	char			*json;
	size_t			 len;
	int64_t			 rev;	/* mod revision */
};

enum cevent_type {
	CEV_ADDED,
	CEV_MODIFIED,
	CEV_DELETED,
	CEV_BOOKMARK,
	CEV_ERROR,
};

struct cevent {
	enum cevent_type	 type;
	int64_t			 rev;
	struct cobj		*obj;	/* DELETED: last state, rv = rev */
	struct cobj		*prev;	/* NULL for ADDED */
};

/* Decides whether an object belongs to a list or a watch. */
typedef int cache_filter_fn(void *arg, const struct cobj *o);

struct cache;
struct watcher;

struct cache	*cache_open(struct store *s, struct err *err);
void		 cache_close(struct cache *c);
/* Ends every watch (ServiceUnavailable) and refuses new ones. */
void		 cache_shutdown(struct cache *c);
int64_t		 cache_rev(struct cache *c);
/* Waits until the cache has applied rev; -1 on timeout. */
int		 cache_wait(struct cache *c, int64_t rev, int timeout_ms);
/* Records that a write at rev was acknowledged: every read of the cache
 * after this (get, count, list, watch) first waits until it holds rev. */
void		 cache_note(struct cache *c, int64_t rev);
/* Waits until the cache has caught up with the store's current revision. */
int		 cache_sync(struct cache *c, struct err *err);

/*
 * A writer's decoded object, offered to the cache around the store write
 * of its encoding (data, len) at key, so that the cache takes it rather
 * than decoding the same bytes again when the write's event comes back;
 * meta_off (0: unknown) is where data's metadata takes a first member
 * (object_encode), so that the revision goes in without a scan.
 * obj's top level and metadata are copied (the cache sets the
 * resourceVersion there); below them the writer must not change obj
 * after the write.  data must stay valid until cache_offer_done(), which
 * is told the write's revision (0: it failed).  NULL (out of memory) is
 * a valid offer that is never taken.
 */
struct cache_offer;
struct cache_offer *cache_offer(struct cache *c, const char *key,
		    json_t *obj, const char *data, size_t len,
		    size_t meta_off);
void		 cache_offer_done(struct cache *c, struct cache_offer *o,
		    int64_t rev);

void		 cobj_ref(struct cobj *o);
void		 cobj_unref(struct cobj *o);

/* The current version of a key, referenced; NULL when absent. */
struct cobj	*cache_get(struct cache *c, const char *key);
/* The same without waiting for writes still on their way to the cache:
 * for checks that may see a slightly older state, as informers do. */
struct cobj	*cache_peek(struct cache *c, const char *key);
/*
 * A count that moves whenever an object of kind k changes or the cache
 * reloads, so that a reader can keep something derived from the kind
 * until it moves; like cache_get, it first waits for the writes already
 * acknowledged.
 */
uint64_t	 cache_kind_gen(struct cache *c, const struct registry_kind *k);
/* Number of objects of a kind in ns ("" = all). */
size_t		 cache_count(struct cache *c, const struct registry_kind *k,
		    const char *ns);

struct cache_page {
	struct cobj	**items;	/* referenced */
	size_t		  n;
	int64_t		  rev;
	int		  more;		/* items remain after the last one */
	size_t		  remaining;	/* how many (for remainingItemCount) */
};

/*
 * The objects of kind k in ns ("" = all namespaces) with key > start_after
 * (NULL = from the start), in key order, at most limit (0 = all), that
 * filter accepts (NULL = all).
 */
int		 cache_list(struct cache *c, const struct registry_kind *k,
		    const char *ns, const char *start_after, size_t limit,
		    cache_filter_fn *filter, void *arg,
		    struct cache_page *page, struct err *err);
void		 cache_page_release(struct cache_page *page);

/*
 * A watch of kind k in ns ("" = all).  rev 0 starts with ADDED events for
 * every current object (resourceVersion unset or "0"); otherwise the events
 * after rev are replayed from the ring, or Gone when they are no longer
 * there.  wake(arg) is called, from the store's thread and with the cache
 * locked, whenever events become ready or the watch closes; it must only
 * signal.  filter is called with the same lock held.
 */
struct watcher	*cache_watch(struct cache *c, const struct registry_kind *k,
		    const char *ns, int64_t rev, cache_filter_fn *filter,
		    void *filter_arg, void (*wake)(void *), void *wake_arg,
		    struct err *err);
/*
 * The next event: 1 and *ev filled (release with cevent_release), 0 when
 * none is ready, -1 when the watch was closed (err says why: Gone,
 * TooManyRequests when the watcher fell behind, ...).
 */
int		 watcher_next(struct watcher *w, struct cevent *ev,
		    struct err *err);
/*
 * Like watcher_next, but when none is ready: with bookmark set, returns a
 * CEV_BOOKMARK event at the cache's revision (every event up to it was
 * delivered); otherwise runs suspend(arg) with the cache locked, so that a
 * wake cannot slip in between, and returns 0.
 */
int		 watcher_next_or_suspend(struct watcher *w, struct cevent *ev,
		    struct err *err, int bookmark, void (*suspend)(void *),
		    void *arg);
void		 watcher_close(struct watcher *w);
void		 cevent_release(struct cevent *ev);

#endif
