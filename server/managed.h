/* managed.h - metadata.managedFields and server-side apply.
 *
 * Every write records which field manager set which fields, in the
 * FieldsV1 format kube-apiserver uses ({"f:spec":{"f:replicas":{}}},
 * list elements as "k:{\"name\":\"web\"}" by their merge key, members of
 * sets as "v:\"x\"", "." for a node owned as a whole).  Server-side apply
 * merges an applied configuration into the live object, refuses to change
 * a field another manager owns unless forced (409 Conflict, in
 * kube-apiserver's words), and removes the fields the same manager applied
 * before and no longer applies.
 */
#ifndef KUBEC_MANAGED_H
#define KUBEC_MANAGED_H

#include <jansson.h>

#include "../lib/err.h"

/* The field set (FieldsV1) of every field set in obj; new reference. */
json_t	*managed_fieldset(const json_t *obj, const char *kind);

/*
 * An Update by manager: obj is the new object, old the previous one
 * (NULL on create).  The manager's Update entry for subresource ("" or
 * "status") gains every field that changed; other managers lose them;
 * fields that were removed leave every set.  Keeps old's managedFields
 * when obj carries none (clients rarely send them back).
 */
void	 managed_update(json_t *obj, const json_t *old, const char *manager,
	    const char *api_version, const char *kind, const char *subresource);

/*
 * Server-side apply of config by manager on live (NULL: the object does
 * not exist yet).  Returns the new object with its managedFields, or NULL
 * with err: Conflict naming every conflicting field, unless force.
 */
json_t	*managed_apply(const json_t *live, const json_t *config,
	    const char *manager, int force, const char *api_version,
	    const char *kind, struct err *err);

/* "kubectl" from "kubectl/v1.33.0 (linux/amd64) kubernetes/abc". */
void	 managed_default_manager(const char *user_agent, char *out,
	    size_t len);

#endif
