/* controllers.h - the controllers that run inside kubec-server, one file
 * each, listed in controllers[] (controllers.c), as
 * kube-controller-manager runs them.
 *
 * Each controller has a thread, a work queue of keys (lib/workqueue.h)
 * and informers (../informer.h) on the kinds it watches.  Its event
 * handlers, called on its thread, turn events into keys; its sync
 * reconciles one key against the current state in the watch cache and
 * writes through client_do(), so it obeys the same API rules as any
 * client.  A sync that fails is retried with a backoff that doubles per
 * failure of that key; one that wants another look later calls
 * ctl_enqueue_after().  Nothing polls: a controller wakes for an event of
 * a kind it watches, or a key whose delay has passed.
 */
#ifndef KUBEC_CONTROLLERS_H
#define KUBEC_CONTROLLERS_H

#include "../../lib/workqueue.h"
#include "../cache.h"
#include "../server.h"

#define CTL_MAX_INFORMERS	64

struct ctl;

/* An event handler: usually ctl_enqueue_obj(c, ev->obj) or the key of an
 * owner of ev->obj. */
typedef void ctl_event_fn(struct ctl *c, const struct cevent *ev);

struct controller {
	const char	*name;
	/* Sets up the controller's state (c->priv) and its informers
	 * (ctl_watch); 0, or -1 with err set. */
	int		(*init)(struct ctl *c, struct err *err);
	void		(*fini)(struct ctl *c);
	/* Reconciles one key: 0 when done, -1 to be retried later. */
	int		(*sync)(struct ctl *c, const char *key);
};

struct ctl_watch;

/* A running controller. */
struct ctl {
	struct server		*srv;
	const struct controller	*def;
	struct workqueue	*q;
	struct ctl_watch	*watches[CTL_MAX_INFORMERS];
	size_t			 nwatches;
	void			*priv;
	pthread_t		 thread;
	int			 started;
};

/* Watches group/resource ("" for the core group); fn runs for each
 * event.  0, or -1 with err set. */
int	ctl_watch(struct ctl *c, const char *group, const char *resource,
	    ctl_event_fn *fn, struct err *err);
/* The same for a kind already looked up. */
int	ctl_watch_kind(struct ctl *c, const struct registry_kind *k,
	    ctl_event_fn *fn, struct err *err);
/*
 * Whether an object concerns a controller: called from the cache's
 * thread with the cache locked (it must not call into the cache; what it
 * shares with the controller's thread it reads under a lock of its own).
 * Events of objects it refuses never wake the controller; see
 * informer.h for how a change of its answer arrives.
 */
typedef int ctl_filter_fn(struct ctl *c, const struct cobj *o);
int	ctl_watch_filtered(struct ctl *c, const struct registry_kind *k,
	    ctl_filter_fn *filter, ctl_event_fn *fn, struct err *err);
/* Whether every informer of c has delivered its initial state. */
int	ctl_synced(const struct ctl *c);

/* Queues "namespace/name" (or "name" for cluster-scoped objects), as
 * client-go's MetaNamespaceKeyFunc. */
void	ctl_enqueue_obj(struct ctl *c, const struct cobj *o);
void	ctl_enqueue(struct ctl *c, const char *key);
void	ctl_enqueue_after(struct ctl *c, const char *key, long ms);
/* Splits a "namespace/name" key; ns is "" for a cluster-scoped one. */
void	ctl_split_key(const char *key, char *ns, size_t nslen, char *name,
	    size_t namelen);
/* The object of kind k a "namespace/name" key names, referenced; NULL
 * when it is gone. */
struct cobj *ctl_get(struct ctl *c, const struct registry_kind *k,
	    const char *key);

/* The API path of an object: /api/v1/namespaces/ns/pods/name. */
void	controllers_path(const struct registry_kind *k, const char *ns,
	    const char *name, char *out, size_t len);

extern const struct controller controller_namespace;
extern const struct controller controller_garbagecollector;
extern const struct controller controller_clusterroleaggregation;

#endif
