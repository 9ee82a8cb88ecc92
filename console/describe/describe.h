/* describe.h - kubec describe's describers, one per kind (pod.c,
 * node.c, ...), and what they share: kubectl describe's layout is
 * "Key:<tab>value" lines that print_tabbed() aligns as Go's tabwriter
 * does, nested by two spaces per level, then the object's Events. */
#ifndef KUBEC_DESCRIBE_H
#define KUBEC_DESCRIBE_H

#include <jansson.h>

#include "../console.h"

typedef void describe_fn(struct cli *c, const json_t *obj, struct buf *b);

const char	*describe_str(const json_t *o, const char *k);
/* "Labels:<tab>k=v" then "<tab>k2=v2"..., or <none> */
void		 describe_labels(struct buf *b, const char *title,
		    const json_t *map);
void		 describe_annotations(struct buf *b, const json_t *map);
/* Name, Namespace (namespaced), Labels, Annotations */
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
/* an RFC 3339 time as kubectl prints it (Go's RFC1123Z, local time) */
void		 describe_time(struct buf *b, const char *rfc3339);
/* the age of an RFC 3339 time as kubectl prints it ("5m", <unknown>) */
void		 describe_age(struct buf *b, const char *rfc3339);
/* the ownerReference with controller: true, NULL when none */
const json_t	*describe_controller(const json_t *obj);
/* the strings of list joined by "," */
void		 describe_join(struct buf *b, const json_t *list);

/* qsort's comparison of two (const char *) */
int		 describe_strcmp(const void *a, const void *b);
/* Go's %v of a JSON value as kubectl sees it ("map[k:v]", "[a b]",
 * "1e+06", "<nil>") */
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
/* rbac.c */
describe_fn	 describe_role, describe_clusterrole, describe_rolebinding,
		 describe_clusterrolebinding;
/* misc.c */
describe_fn	 describe_serviceaccount, describe_resourcequota,
		 describe_limitrange, describe_priorityclass;
/* workloads.c, batch.c */
describe_fn	 describe_deployment, describe_replicaset,
		 describe_statefulset, describe_daemonset, describe_job,
		 describe_cronjob;

/* template.c: kubectl's DescribePodTemplate and what it prints */
void		 template_describe(struct buf *b, const json_t *tmpl);
/* describeContainers without statuses ("Containers", "Init
 * Containers"); space is the section's indent ("  " in a template) */
void		 template_containers(struct buf *b, const char *label,
		    const json_t *containers, const char *space);
void		 template_volumes(struct buf *b, const json_t *volumes,
		    const char *space);
/* printLabelsMultilineWithIndent under a writer nested by prefix */
void		 template_labels(struct buf *b, const char *prefix,
		    const char *indent, const char *title, const json_t *map);
/* printAnnotationsMultiline: long values cut, last-applied left out */
void		 template_annotations(struct buf *b, const char *prefix,
		    const char *title, const json_t *map);
void		 template_tolerations(struct buf *b, const char *title,
		    const json_t *list);
/* DescribeProbe: "http-get http://:80/ delay=0s timeout=1s ..." */
void		 template_probe(struct buf *b, const json_t *probe);
/* a Quantity's String(), an IntOrString's String() */
void		 template_quantity(struct buf *b, const json_t *v);
void		 template_intstr(struct buf *b, const json_t *v);
/* a LabelSelector's string ("" for none), none when empty and not NULL */
void		 template_selector(struct buf *b, const json_t *sel,
		    const char *none);

/* workloads.c: the Type/Status/Reason table of status.conditions */
void		 workload_conditions(struct buf *b, const json_t *obj);

#endif
