/* informer.h - what a controller sees of one kind: the events of a watch
 * on the watch cache, handed to a function on the controller's own thread.
 *
 * The cache holds the objects, so an informer keeps no copy (controllers
 * read the current state with cache_get/cache_list, as client-go's
 * listers read an informer's store).  When the watch closes (the
 * controller fell behind, the cache reloaded) the informer watches again
 * from the last revision it delivered, or, when that is gone, from the
 * start: the handler then sees an ADDED event for every object there is,
 * as after a relist, and a level-triggered controller catches up.
 */
#ifndef KUBEC_INFORMER_H
#define KUBEC_INFORMER_H

#include "cache.h"

struct informer;

typedef void informer_fn(void *arg, const struct cevent *ev);

/*
 * An informer of kind k: fn(arg, ev) for each event, called from
 * informer_drain(); wake(wake_arg) when events become ready (from the
 * cache's thread with the cache locked: it must only signal).
 *
 * filter (NULL: every object) narrows the watch as a cache watch's filter
 * does (cache.h): called from the cache's thread with the cache locked,
 * it sees only the objects whose events concern the informer, so the
 * controller is not woken for the others.  An object that stops matching
 * arrives as DELETED, one that starts as ADDED.
 */
struct informer	*informer_new(struct cache *c, const struct registry_kind *k,
		    cache_filter_fn *filter, void *filter_arg, informer_fn *fn,
		    void *arg, void (*wake)(void *), void *wake_arg);
/* Hands the events that are ready to fn; returns how many. */
size_t		 informer_drain(struct informer *inf);
/* Whether the informer has delivered the state of the kind as of its
 * start (its first ADDED events). */
int		 informer_synced(const struct informer *inf);
const struct registry_kind *informer_kind(const struct informer *inf);
void		 informer_free(struct informer *inf);

#endif
