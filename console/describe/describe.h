/* describe.h - kubec describe's describers, one per kind (pod.c,
 * node.c, ...), and what they share: kubectl describe's layout is
 * "Key:<tab>value" lines that print_tabbed() aligns as Go's tabwriter
 * does, nested by two spaces per level, then the object's Events. */
#ifndef KUBEC_DESCRIBE_H
#define KUBEC_DESCRIBE_H

#include <jansson.h>

#include "../console.h"

typedef void describe_fn(struct cli *c, const json_t *obj, struct buf *b);

/* describe.c: o's member k as a string (NULL when not one; describe_s:
 * "" then), an integer (0), Go's %v of a bool ("true", "false") */
const char	*describe_str(const json_t *o, const char *k);
const char	*describe_s(const json_t *o, const char *k);
long long	 describe_int(const json_t *o, const char *k);
const char	*describe_bool(const json_t *o, const char *k);
/* printLabelsMultiline: "Title:<tab>k=v" then "<tab>k2=v2"..., or
 * <none>; _in: under a writer nested by prefix, title after indent */
void		 describe_labels(struct buf *b, const char *title,
		    const json_t *map);
void		 describe_labels_in(struct buf *b, const char *prefix,
		    const char *indent, const char *title, const json_t *map);
/* printAnnotationsMultiline: long values cut, last-applied left out;
 * _in: under a writer nested by prefix */
void		 describe_annotations(struct buf *b, const json_t *map);
void		 describe_annotations_in(struct buf *b, const char *prefix,
		    const char *title, const json_t *map);
/* Name and (namespaced) Namespace; describe_meta: then Labels and
 * Annotations */
void		 describe_name(struct buf *b, const json_t *obj,
		    int namespaced);
void		 describe_meta(struct buf *b, const json_t *obj,
		    int namespaced);
void		 describe_events(struct cli *c, const json_t *obj,
		    struct buf *b);
/* kind: only events of that kind of object (NULL: any); uid: the
 * involvedObject's (NULL: obj's); uid2: also the events recorded under
 * that uid (a Node's under its name) */
void		 describe_events_of(struct cli *c, const json_t *obj,
		    const char *kind, const char *uid, const char *uid2,
		    struct buf *b);
/* an RFC 3339 time as kubectl prints it (Go's RFC1123Z, local time);
 * describe_metatime: Go's zero time when missing, not <unknown> */
void		 describe_time(struct buf *b, const char *rfc3339);
void		 describe_metatime(struct buf *b, const char *rfc3339);
/* the age of an RFC 3339 time as kubectl prints it ("5m", <unknown>) */
void		 describe_age(struct buf *b, const char *rfc3339);
/* the ownerReference with controller: true, NULL when none;
 * describe_controlled_by: its "Controlled By:" line, when any */
const json_t	*describe_controller(const json_t *obj);
void		 describe_controlled_by(struct buf *b, const json_t *obj);
/* the strings of list joined by sep; describe_golist: Go's %v of a
 * []string ("[a b]") */
void		 describe_join(struct buf *b, const json_t *list,
		    const char *sep);
void		 describe_golist(struct buf *b, const json_t *list);
/* a Quantity's String() ("0" for none), an IntOrString's ("<nil>") */
void		 describe_quantity(struct buf *b, const json_t *v);
void		 describe_intstr(struct buf *b, const json_t *v);
/* a LabelSelector's string ("" for none), none when empty and not NULL */
void		 describe_selector(struct buf *b, const json_t *sel,
		    const char *none);
/* the array's elements sorted (stably) by their string at key; free() */
const json_t	**describe_sorted(const json_t *list, const char *key);
/* a TypedLocalObjectReference: [APIGroup,] Kind and Name at indent */
void		 describe_object_ref(struct buf *b, const char *indent,
		    const json_t *ref);

/* a Node's or a claim's Conditions table; key: the time after the
 * status ("lastHeartbeatTime", "lastProbeTime") */
void		 describe_conditions(struct buf *b, const json_t *conds,
		    const char *key);

/* qsort's comparison of two (const char *) */
int		 describe_strcmp(const void *a, const void *b);
/* generic.c: Go's %v of a JSON value as kubectl sees it ("map[k:v]",
 * "[a b]", "1e+06", "<nil>") */
void		 describe_gofmt(struct buf *b, const json_t *v);

describe_fn	 describe_configmap, describe_secret, describe_namespace,
		 describe_service;
/* pod.c, node.c */
describe_fn	 describe_pod, describe_node;
/* generic.c: kubectl's generic describer, for every other kind */
describe_fn	 describe_generic;
/* storage.c */
describe_fn	 describe_persistentvolume, describe_persistentvolumeclaim,
		 describe_storageclass;
/* network.c */
describe_fn	 describe_ingress, describe_ingressclass, describe_endpoints,
		 describe_endpointslice;
/* rbac.c: Roles and ClusterRoles alike, their bindings alike */
describe_fn	 describe_role, describe_rolebinding;
/* misc.c */
describe_fn	 describe_serviceaccount, describe_resourcequota,
		 describe_limitrange, describe_priorityclass;
/* workloads.c, batch.c */
describe_fn	 describe_deployment, describe_replicaset,
		 describe_statefulset, describe_daemonset, describe_job,
		 describe_cronjob;

/* podspec.c: what a Pod and a pod template print alike.
 * kubectl's describeContainers: label "Containers", "Init Containers"...;
 * statuses and pod NULL for a template (no state, fieldRef values
 * empty); space the section's indent ("  " in a template) */
void		 podspec_containers(struct buf *b, const char *label,
		    const json_t *containers, const json_t *statuses,
		    const json_t *pod, const char *space);
/* describeResources: Limits then Requests at indent, names sorted */
void		 podspec_resources(struct buf *b, const json_t *res,
		    const char *indent);
/* printTolerationsMultiline; title "Tolerations" or "  Tolerations" */
void		 podspec_tolerations(struct buf *b, const char *title,
		    const json_t *list);
/* describeTopologySpreadConstraints, space the section's indent */
void		 podspec_spread(struct buf *b, const json_t *list,
		    const char *space);
/* DescribePodTemplate */
void		 podspec_template(struct buf *b, const json_t *tmpl);
/* volumes.c: describeVolumes, space the section's indent;
 * volumes_source: v's source of that kind ("hostPath", "nfs"...) as
 * kubectl prints it, -1 when v has none */
void		 volumes_describe(struct buf *b, const json_t *volumes,
		    const char *space);
int		 volumes_source(struct buf *b, const json_t *v,
		    const char *key);
/* printCSIPersistentVolumeAttributesMultiline */
void		 volumes_csi_attributes(struct buf *b, const json_t *attrs);

#endif
