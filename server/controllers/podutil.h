/* podutil.h - what the workload controllers (ReplicaSet, Deployment,
 * StatefulSet, DaemonSet, Job) need to know about pods and their owners,
 * as k8s.io/kubernetes/pkg/controller and pkg/api/v1/pod have it:
 * activeness, readiness and availability, controller references, pods
 * made from a template, and the order in which surplus pods go.
 */
#ifndef KUBEC_PODUTIL_H
#define KUBEC_PODUTIL_H

#include <jansson.h>
#include <stddef.h>
#include <time.h>

#include "../cache.h"

/* Not being deleted and not Succeeded/Failed (controller.IsPodActive). */
int	podutil_active(const json_t *pod);
/* Its Ready condition is True. */
int	podutil_ready(const json_t *pod);
/* Ready for at least min_ready seconds at now; *wait (when not NULL) is
 * set to the seconds left when ready but not available yet. */
int	podutil_available(const json_t *pod, long min_ready, time_t now,
	    long *wait);

/* The uid and kind of obj's controller reference, or NULL when none. */
const json_t *podutil_controller_ref(const json_t *obj);
const char *podutil_controller_uid(const json_t *obj);
/* Whether obj's controller is the object owner (by uid). */
int	podutil_controlled_by(const json_t *obj, const json_t *owner);

/* An ownerReference to owner, as a controller (controller and
 * blockOwnerDeletion true). */
json_t	*podutil_owner_ref(const json_t *owner, const char *api_version,
	    const char *kind);

/*
 * A new pod from template (a PodTemplateSpec) for owner: the template's
 * labels, annotations and spec, generateName prefix (or name when
 * generate is 0), the owner reference.
 */
json_t	*podutil_from_template(const json_t *tmpl, const json_t *owner,
	    const char *api_version, const char *kind, const char *name,
	    int generate);

/* Sorts pods (cobj pointers) so that the ones to delete first come first:
 * unassigned before assigned, Pending before Unknown before Running, not
 * ready before ready, ready for less time first, more restarts first,
 * newer first (controller.ActivePods' order). */
void	podutil_sort_for_deletion(struct cobj **pods, size_t n);

/* A hash of a JSON value and a collision count, as pod-template-hash
 * and controller-revision-hash are (FNV-1a of the JSON with sorted keys,
 * its decimal digits in rand.SafeEncodeString's alphabet). */
void	podutil_hash(const json_t *v, long collisions, char *out, size_t len);

/* metadata.<field> as a string, or NULL. */
const char *podutil_meta(const json_t *obj, const char *field);

#endif
