/* informer.c - a controller's watch of one kind on the watch cache,
 * re-established when it closes; see informer.h. */
#include <stdio.h>
#include <stdlib.h>

#include "informer.h"

struct informer {
	struct cache		*c;
	const struct registry_kind *k;
	cache_filter_fn		*filter;
	void			*filter_arg;
	informer_fn		*fn;
	void			*arg;
	void			(*wake)(void *);
	void			*wake_arg;
	struct watcher		*w;
	int64_t			 rev;	/* the last revision delivered */
	int			 synced;
};

/* Watches from the last revision delivered, or from the start. */
static void
informer_watch(struct informer *inf)
{
	struct err err;
	int64_t now;

	err_clear(&err);
	if (inf->rev > 0) {
		inf->w = cache_watch(inf->c, inf->k, "", inf->rev,
		    inf->filter, inf->filter_arg, inf->wake, inf->wake_arg,
		    &err);
		if (inf->w != NULL || err.reason != ERR_GONE)
			return;
		err_clear(&err);
	}
	/* a list (ADDED for everything) and what follows it; the revision
	 * is taken first so that a watch again from it misses nothing */
	now = cache_rev(inf->c);
	inf->w = cache_watch(inf->c, inf->k, "", 0, inf->filter,
	    inf->filter_arg, inf->wake, inf->wake_arg, &err);
	if (inf->w != NULL)
		inf->rev = now;
}

struct informer *
informer_new(struct cache *c, const struct registry_kind *k,
    cache_filter_fn *filter, void *filter_arg, informer_fn *fn, void *arg,
    void (*wake)(void *), void *wake_arg)
{
	struct informer *inf = calloc(1, sizeof *inf);

	if (inf == NULL)
		return NULL;
	inf->c = c;
	inf->k = k;
	inf->filter = filter;
	inf->filter_arg = filter_arg;
	inf->fn = fn;
	inf->arg = arg;
	inf->wake = wake;
	inf->wake_arg = wake_arg;
	informer_watch(inf);
	return inf;
}

size_t
informer_drain(struct informer *inf)
{
	struct cevent ev;
	struct err err;
	size_t n = 0;
	int r;

	if (inf->w == NULL)
		informer_watch(inf);	/* the cache was not there */
	while (inf->w != NULL) {
		err_clear(&err);
		r = watcher_next(inf->w, &ev, &err);
		if (r == 0)
			break;
		if (r < 0) {
			/* closed: watch again where it stopped */
			watcher_close(inf->w);
			inf->w = NULL;
			if (err.reason != ERR_SERVICE_UNAVAILABLE)
				informer_watch(inf);
			break;
		}
		if (ev.type == CEV_ADDED || ev.type == CEV_MODIFIED ||
		    ev.type == CEV_DELETED) {
			inf->fn(inf->arg, &ev);
			n++;
		}
		if (ev.rev > inf->rev)
			inf->rev = ev.rev;
		cevent_release(&ev);
	}
	if (inf->w != NULL)
		inf->synced = 1;
	return n;
}

int
informer_synced(const struct informer *inf)
{
	return inf->synced;
}

const struct registry_kind *
informer_kind(const struct informer *inf)
{
	return inf->k;
}

void
informer_free(struct informer *inf)
{
	if (inf == NULL)
		return;
	watcher_close(inf->w);
	free(inf);
}
