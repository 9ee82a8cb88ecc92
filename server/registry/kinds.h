/* kinds.h - every kind kubec-server serves (one file each in
 * server/registry/), and the few helpers the kind files share beyond
 * registry.h: pod spec defaulting and validation (also used by the pod
 * templates of the apps and batch kinds) and Go-style value quoting for
 * validation messages.
 */
#ifndef KUBEC_KINDS_H
#define KUBEC_KINDS_H

#include <stddef.h>

#include "../../lib/buf.h"
#include "registry.h"

extern const struct registry_kind registry_namespaces;
extern const struct registry_kind registry_pods;
extern const struct registry_kind registry_services;
extern const struct registry_kind registry_endpoints;
extern const struct registry_kind registry_configmaps;
extern const struct registry_kind registry_secrets;
extern const struct registry_kind registry_nodes;
extern const struct registry_kind registry_events;
extern const struct registry_kind registry_serviceaccounts;
extern const struct registry_kind registry_persistentvolumes;
extern const struct registry_kind registry_persistentvolumeclaims;
extern const struct registry_kind registry_resourcequotas;
extern const struct registry_kind registry_limitranges;
extern const struct registry_kind registry_deployments;
extern const struct registry_kind registry_replicasets;
extern const struct registry_kind registry_statefulsets;
extern const struct registry_kind registry_daemonsets;
extern const struct registry_kind registry_controllerrevisions;
extern const struct registry_kind registry_jobs;
extern const struct registry_kind registry_cronjobs;
extern const struct registry_kind registry_ingresses;
extern const struct registry_kind registry_ingressclasses;
extern const struct registry_kind registry_networkpolicies;
extern const struct registry_kind registry_leases;
extern const struct registry_kind registry_endpointslices;
extern const struct registry_kind registry_roles;
extern const struct registry_kind registry_rolebindings;
extern const struct registry_kind registry_clusterroles;
extern const struct registry_kind registry_clusterrolebindings;
extern const struct registry_kind registry_storageclasses;
extern const struct registry_kind registry_priorityclasses;
extern const struct registry_kind registry_events_k8s_io;
extern const struct registry_kind registry_selfsubjectaccessreviews;
extern const struct registry_kind registry_selfsubjectreviews;

/* Column descriptions kube-apiserver uses for NAME and AGE. */
#define REG_DESC_NAME	"Name must be unique within a namespace. Is " \
	"required when creating resources, although some resources may allow " \
	"a client to request the generation of an appropriate name " \
	"automatically. Name is primarily intended for creation idempotence " \
	"and configuration definition. Cannot be updated. More info: " \
	"https://kubernetes.io/docs/concepts/overview/working-with-objects/" \
	"names#names"
#define REG_DESC_AGE	"CreationTimestamp is a timestamp representing the " \
	"server time when this object was created. It is not guaranteed to be " \
	"set in happens-before order across separate operations. Clients may " \
	"not set this value. It is represented in RFC3339 form and is in " \
	"UTC.\n\nPopulated by the system. Read-only. Null for lists. More " \
	"info: https://git.k8s.io/community/contributors/devel/sig-" \
	"architecture/api-conventions.md#metadata"

/* Go's %q of s into out ("\"x\""), for err_field() values. */
const char *reg_quote(const char *s, char *out, size_t len);
/* "<path>.<child>" / "<path>[<i>]" into out; returns out. */
const char *reg_path(char *out, size_t len, const char *path,
	    const char *child);
const char *reg_index(char *out, size_t len, const char *path, size_t i);
/* Rewrites each quantity of a resource map ({"cpu": "1000m"}) in its
 * canonical form; leaves unparsable ones for validation. */
void	    reg_canon_quantities(json_t *map);
/* Validates each quantity of a resource map at path; non-negative. */
void	    reg_check_quantities(const json_t *map, const char *path,
	    struct err *err);
/* Appends s as is ("" when NULL), unlike reg_cell_str's "<none>". */
void	    reg_cell_raw(json_t *cells, const char *s);
/* Config map and secret keys: adds Invalid causes at field. */
void	    reg_check_config_key(const char *key, const char *field,
	    struct err *err);
/* ValidateImmutableField: `<field>: Invalid value: <v>: field is
 * immutable` when the two JSON values differ. */
void	    reg_check_immutable(const json_t *v, const json_t *old,
	    const char *field, struct err *err);
/* True on create: the kinds with a status lose it before defaulting. */
int	    reg_creating(const json_t *obj);
/* IANA_SVC_NAME rules of a port name; NULL when valid, else why. */
const char *reg_port_name_error(const char *s);

/* persistentvolumes.c: "RWO,ROX,RWX,RWOP" of an accessModes array. */
void	persistentvolumes_access_modes(const json_t *modes, struct buf *b);
/* Unsupported access modes and volume modes at path. */
void	persistentvolumes_check_modes(const json_t *spec, const char *path,
	    struct err *err);

/* priorityclasses.c: whether name is one of the system classes, and
 * the i-th system class as an object to create (NULL past the last). */
int	priorityclasses_is_system(const char *name);
json_t	*priorityclasses_system_object(size_t i);

/* pods.c: PodSpec defaulting and validation, for pods and templates. */
void	pods_default_spec(json_t *spec);
void	pods_validate_spec(const json_t *spec, const char *path,
	    struct err *err);

#endif
