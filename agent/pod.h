/* pod.h - the pod side of the agent: environment, volumes, the per-pod
 * worker and its status. */
#ifndef KUBEC_AGENT_POD_H
#define KUBEC_AGENT_POD_H

#include <jansson.h>

#include "../lib/buf.h"
#include "../lib/err.h"

struct agent;

/* env.c */
/* The environment of container ctr of pod: a JSON array of "K=V". */
json_t	*env_resolve(struct agent *a, const json_t *pod, const json_t *ctr,
	    struct err *err);
/* $(VAR) expansion against vars ("K=V" strings), $$ -> $. */
void	 env_expand(const char *in, const json_t *vars, struct buf *out);
/* A ConfigMap ("configmap") or Secret ("secret") of namespace ns. */
json_t	*env_source(struct agent *a, const char *ns, const char *kind,
	    const char *name, struct err *err);
int	 env_source_value(const json_t *obj, const char *kind,
	    const char *key, struct buf *out);
/* The downward API: a fieldRef path of the pod, a resourceFieldRef of
 * container ctr. */
int	 env_field(const json_t *pod, const char *path, struct buf *out);
int	 env_resource(struct agent *a, const json_t *ctr, const json_t *ref,
	    struct buf *out);

/* volumes.c */
/* Prepares (and refreshes) every volume of pod under pod_dir/volumes. */
int	 volumes_setup(struct agent *a, const json_t *pod, const char *pod_dir,
	    struct err *err);
/* The mounts of container ctr: [{destination, source, readonly}]. */
json_t	*volumes_mounts(const json_t *pod, const json_t *ctr,
	    const char *pod_dir, struct err *err);
/* Unmounts and removes the volumes of pod. */
int	 volumes_teardown(const json_t *pod, const char *pod_dir,
	    struct err *err);

/* podsync.c: one pod's state machine, driven by its worker. */
struct podsync;
struct podsync *podsync_new(struct agent *a, const char *uid, const char *ns,
	    const char *name);
void	 podsync_free(struct podsync *ps);
/* One pass towards pod (the latest from the API; NULL: unchanged), gone:
 * deleted from the API.  1 when the worker is done with the pod. */
int	 podsync_sync(struct podsync *ps, json_t *pod, int gone);
/* How long the worker may sleep before the next pass. */
int	 podsync_wait_ms(const struct podsync *ps);
/* At start-up: removes containers of pods not in pods (the list). */
void	 podsync_adopt(struct agent *a, const json_t *pods);

#endif
