/* registry.h - what kubec-server knows about each kind it serves.
 *
 * One file per resource, server/registry/<resource>.c, exports one
 * `const struct registry_kind registry_<resource>`; registry.c lists them
 * all in registry_kinds[].  The generic request path (server/api-*.c)
 * does everything else the same way for every kind: storage, watch,
 * patches, Status errors.  A kind only says what differs: names, scope,
 * subresources, defaulting, validation, the columns `kubectl get` prints
 * and the field selectors it accepts.
 */
#ifndef KUBEC_REGISTRY_H
#define KUBEC_REGISTRY_H

#include <jansson.h>

#include "../../lib/err.h"

enum registry_flags {
	REG_NAMESPACED	= 1 << 0,
	REG_STATUS	= 1 << 1,	/* has a status subresource */
	REG_SCALE	= 1 << 2,	/* has a scale subresource */
	REG_CREATE_ONLY	= 1 << 3,	/* only create (e.g. SelfSubjectAccessReview) */
	REG_NO_WATCH	= 1 << 4,
	REG_BINDING	= 1 << 5,	/* pods/binding */
	REG_EVICTION	= 1 << 6,	/* pods/eviction */
	REG_LOG		= 1 << 7,	/* pods/log, exec, attach, portforward */
	REG_STATUS_NOT_WRITABLE = 1 << 8, /* main resource update keeps status */
};

struct registry_column {
	const char *name;	/* "NAME", "READY", ... as kubectl prints them */
	const char *type;	/* "string", "integer", "number", "boolean", "date" */
	const char *format;	/* "name" for the NAME column, else "" */
	const char *description;
	int	    priority;	/* 0 = always, 1 = only with -o wide */
};

struct registry_kind {
	const char	*group;		/* "" for the core group */
	const char	*version;	/* "v1" */
	const char	*kind;		/* "Pod" */
	const char	*resource;	/* "pods" */
	const char	*singular;	/* "pod" */
	const char *const *short_names;	/* { "po", NULL } or NULL */
	const char *const *categories;	/* { "all", NULL } or NULL */
	unsigned	 flags;		/* enum registry_flags */

	/*
	 * Defaulting, run on create and update before validation (obj is
	 * the full new object; metadata is already filled in).
	 */
	void	(*defaults)(json_t *obj);
	/*
	 * Validation: collect causes with err_field() and finish with
	 * err_invalid(err, kind, name); old is NULL on create.  Metadata
	 * (name, namespace, labels, annotations) is validated generically.
	 */
	int	(*validate)(const json_t *obj, const json_t *old,
		    struct err *err);
	/*
	 * Table output: columns (NULL-name terminated) and a function that
	 * appends one cell per column to cells, in order.  now is the
	 * server's time (seconds) for AGE-like cells.
	 */
	const struct registry_column *columns;
	void	(*row)(const json_t *obj, json_t *cells, long long now);
	/*
	 * Field selectors beyond metadata.name and metadata.namespace, as
	 * JSON paths ("spec.nodeName", "status.phase"), NULL-terminated.
	 */
	const char *const *fields;
	/* scale subresource: where replicas live (spec.replicas by default) */
	const char	*scale_selector_path; /* "spec.selector" */
};

extern const struct registry_kind *const registry_kinds[];

/* Finds a kind by group and resource ("" and "pods"). */
const struct registry_kind *registry_find(const char *group,
    const char *resource);
/* Finds a kind by group and Kind ("apps" and "Deployment"). */
const struct registry_kind *registry_find_kind(const char *group,
    const char *kind);
/* "v1" or "apps/v1" */
const char *registry_api_version(const struct registry_kind *k, char *buf,
    size_t len);

/* Helpers shared by the kind files (registry.c). */
const char *reg_str(const json_t *obj, const char *path); /* "a.b.c" or NULL */
long long   reg_int(const json_t *obj, const char *path, long long dflt);
json_t	   *reg_get(const json_t *obj, const char *path);
/* Ensures the objects on the path exist; returns the last. */
json_t	   *reg_mkpath(json_t *obj, const char *path);
/* Sets path to a string/int/bool when it is missing. */
void	    reg_default_str(json_t *obj, const char *path, const char *v);
void	    reg_default_int(json_t *obj, const char *path, long long v);
void	    reg_default_bool(json_t *obj, const char *path, int v);
/* kubectl's AGE: "5s", "3m10s", "2d3h", "<unknown>" from an RFC 3339 time */
void	    reg_age(const char *rfc3339, long long now, char *out, size_t len);
/* Appends "<none>" when s is NULL or empty, else s. */
void	    reg_cell_str(json_t *cells, const char *s);
void	    reg_cell_int(json_t *cells, long long v);
void	    reg_cell_age(json_t *cells, const json_t *obj, long long now);

#endif
