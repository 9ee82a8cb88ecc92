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

#include "../../lib/multimap.h"
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

/*
 * An index of the objects of one kind by the uid of their controller
 * (the ownerReference with controller: true), kept from an informer's
 * events with ctl_owned_update(), as the controllers' listers index
 * pods by owner; objects without a controller are kept by namespace, for
 * adoption.  Keys are "namespace/name".
 */
struct ctl_owned {
	struct multimap	 by_owner;	/* controller uid -> keys */
	struct multimap	 orphans;	/* namespace -> keys */
};

void	ctl_owned_update(struct ctl_owned *x, const struct cevent *ev);
/*
 * Watches the objects of kind k that an owner_kind controls (an informer
 * narrowed to them), keeping index and queueing the owner's key for each
 * of their events: what the workload controllers do with their pods.
 */
int	ctl_watch_owned(struct ctl *c, const struct registry_kind *k,
	    struct ctl_owned *index, const char *owner_kind, struct err *err);
/* The keys under a controller uid (multimap_free_values them). */
char	**ctl_owned_keys(struct ctl_owned *x, const char *uid, size_t *n);
char	**ctl_orphan_keys(struct ctl_owned *x, const char *ns, size_t *n);
void	ctl_owned_release(struct ctl_owned *x);
/*
 * The objects of kind k whose controller is owner: from the index,
 * looked up in the cache, those still controlled by owner.  An array of
 * references (*n of them) to free with ctl_objs_release().
 */
struct cobj **ctl_owned_objs(struct ctl *c, struct ctl_owned *x,
	    const struct registry_kind *k, const json_t *owner, size_t *n);
void	ctl_objs_release(struct cobj **v, size_t n);
/* The key of the controller an object names: "namespace/name" of its
 * controller reference of kind (NULL: any kind); 0, or -1 when none. */
int	ctl_controller_key(const struct cobj *o, const char *kind, char *key,
	    size_t len);

/*
 * Writes status as o's status through the status subresource (a PUT of
 * o with it, so a newer o conflicts); does nothing when o has it already.
 * 0, or -1 with err set (Conflict: the sync runs again).
 */
int	ctl_put_status(struct ctl *c, const struct cobj *o, const json_t *status,
	    struct err *err);
/* POSTs obj to the collection of kind k in ns; *out (when not NULL) gets
 * the object as created. */
int	ctl_create(struct ctl *c, const struct registry_kind *k, const char *ns,
	    const json_t *obj, json_t **out, struct err *err);
/* DELETEs o (propagationPolicy Background unless policy says); a
 * NotFound is success. */
int	ctl_delete(struct ctl *c, const struct cobj *o, const char *policy,
	    struct err *err);

/* The API path of an object: /api/v1/namespaces/ns/pods/name. */
void	controllers_path(const struct registry_kind *k, const char *ns,
	    const char *name, char *out, size_t len);

/* Whether the controller called name runs (--controllers,
 * --disable-scheduler). */
int	controllers_enabled(const struct server_opts *o, const char *name);

extern const struct controller controller_namespace;
extern const struct controller controller_garbagecollector;
extern const struct controller controller_clusterroleaggregation;
extern const struct controller controller_serviceaccount;
extern const struct controller controller_nodeipam;
extern const struct controller controller_nodelifecycle;
extern const struct controller controller_replicaset;
extern const struct controller controller_deployment;
extern const struct controller controller_daemonset;
extern const struct controller controller_statefulset;
extern const struct controller controller_job;
extern const struct controller controller_cronjob;
extern const struct controller controller_endpoint;
extern const struct controller controller_endpointslice;
extern const struct controller controller_persistentvolume;
extern const struct controller controller_eventttl;
extern const struct controller controller_scheduler;	/* ../scheduler/ */

#endif
