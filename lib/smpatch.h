/* smpatch.h - Kubernetes strategic merge patch.
 *
 * Like a merge patch, except lists: a list whose field has a patch merge
 * key (containers and initContainers by name, ports by containerPort,
 * env by name, volumes by name, volumeMounts by mountPath, ... the
 * built-in keys of the Kubernetes types, for the kind given) is merged
 * element by element; other lists are replaced.  Directives: $patch
 * (replace, merge, delete) on maps and list elements,
 * $deleteFromPrimitiveList/<field>, $setElementOrder/<field>,
 * $retainKeys.  Unknown kinds (custom resources) fall back to merge patch
 * semantics, as kube-apiserver does.
 */
#ifndef KUBEC_SMPATCH_H
#define KUBEC_SMPATCH_H

#include <jansson.h>

#include "err.h"

/* A new tree: doc with patch applied.  kind is "Deployment", "Pod", ... */
json_t	*smpatch_apply(const json_t *doc, const json_t *patch,
	    const char *kind, struct err *err);
/*
 * The two-way strategic patch from `from` to `to` for kind (what kubectl
 * apply and edit send), new reference; {} when equal.
 */
json_t	*smpatch_diff(const json_t *from, const json_t *to, const char *kind);
/*
 * The patch merge key of a list field at path (dot-separated, no list
 * indexes: "spec.template.spec.containers") in kind, or NULL when the list
 * is atomic.
 */
const char *smpatch_merge_key(const char *kind, const char *path);
/* Whether kind is one whose patch merge keys are known (a built-in kind;
 * the server takes no strategic patch for the others). */
int	smpatch_known_kind(const char *kind);

#endif
