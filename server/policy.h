/* policy.h - the RBAC bootstrap policy: the default ClusterRoles and
 * ClusterRoleBindings kube-apiserver creates at start
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy), and their
 * reconciliation (pkg/registry/rbac/reconciliation).
 *
 * Every object is labelled kubernetes.io/bootstrapping=rbac-defaults and
 * annotated rbac.authorization.kubernetes.io/autoupdate=true.  At start a
 * missing object is created; an existing one is reconciled unless its
 * annotation says "false": missing labels, annotations, rules, aggregation
 * selectors and subjects are added (nothing is taken away), and a binding
 * whose roleRef changed is made again.
 */
#ifndef KUBEC_POLICY_H
#define KUBEC_POLICY_H

#include <jansson.h>

#include "../lib/err.h"

struct store;

#define POLICY_AUTOUPDATE	"rbac.authorization.kubernetes.io/autoupdate"
#define POLICY_LABEL		"kubernetes.io/bootstrapping"

/* The bootstrap ClusterRoles / ClusterRoleBindings as a new JSON array. */
json_t	*policy_cluster_roles(void);
json_t	*policy_cluster_role_bindings(void);

/*
 * Creates or reconciles every bootstrap object directly in the store, as
 * main.c creates the system namespaces: before the watch cache loads, so
 * that the policy is in force from the first request.
 */
int	 policy_ensure(struct store *s, struct err *err);

/*
 * The rules of want that rules do not cover, broken down into one verb,
 * group, resource and name (or URL) each, as kube's validation.Covers
 * does; a new array (empty when everything is covered).
 */
json_t	*policy_uncovered(const json_t *rules, const json_t *want);

/*
 * What reconciling existing with the expected bootstrap role gives: a
 * new object to write, or NULL when nothing is missing or existing is
 * protected (autoupdate "false").
 */
json_t	*policy_reconcile_role(const json_t *existing, const json_t *expected);

/* The same for a binding; *recreate is set when the roleRef differs (the
 * answer is then expected, to replace existing). */
json_t	*policy_reconcile_binding(const json_t *existing,
	    const json_t *expected, int *recreate);

#endif
