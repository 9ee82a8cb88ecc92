/* auth.h - who is calling (bearer tokens) and what they may do (RBAC).
 *
 * Tokens: DIR/pki/admin.token (made on first start; user "kubec-admin",
 * groups system:masters) plus an optional file in kube-apiserver's
 * --token-auth-file format, one per line: token,user,uid[,"g1,g2"].
 * Every authenticated user is also in system:authenticated.
 *
 * Authorization: system:masters may do everything; everyone else gets
 * what the RBAC objects in the watch cache grant (ClusterRoleBindings to
 * ClusterRoles; RoleBindings to Roles or ClusterRoles, in their
 * namespace), as kube-apiserver's RBAC authorizer evaluates them.  What
 * every user may do (discovery, health, self access reviews) comes from
 * the bootstrap policy (policy.h), like any other grant.  Requests
 * without a token run as the user of their client certificate (http.c)
 * or as system:anonymous in system:unauthenticated.
 */
#ifndef KUBEC_AUTH_H
#define KUBEC_AUTH_H

#include <jansson.h>
#include <stddef.h>

#include "../lib/buf.h"
#include "../lib/err.h"

#define AUTH_MAX_GROUPS	8

struct auth_index;
struct cache;
struct hmap;

struct auth_user {
	char	name[256];
	char	uid[128];
	char	groups[AUTH_MAX_GROUPS][128];
	int	ngroups;
};

struct auth {
	struct hmap	*tokens;	/* token -> struct auth_user */
	char		 admin_token[128];
	char		 node_token[256];	/* K10<CA sha256>::node:<secret> */
	struct cache	*cache;		/* for RBAC; set once the cache is up */
	struct auth_index *index;	/* the bindings by subject (auth.c) */
};

int	 auth_init(struct auth *a, const char *data_dir, const char *token_file,
	    struct err *err);
void	 auth_release(struct auth *a);
/* header is the Authorization header ("Bearer <token>"); -1 when unknown. */
int	 auth_token(const struct auth *a, const char *header,
	    struct auth_user *u);
const char *auth_admin_token(const struct auth *a);
/*
 * The node join token, k3s-style: "K10" + the SHA-256 of the cluster CA
 * (hex) + "::node:" + a secret kept in DIR/pki/node.secret.  Agents
 * present it as their bearer token (user kubec:node, group system:nodes)
 * and check the CA they fetch from /cacerts against its hash.  Written
 * to DIR/node-token.
 */
int	 auth_node_token(struct auth *a, const char *data_dir,
	    const char *ca_pem, struct err *err);
/*
 * Whether u may do verb (get, list, watch, create, update, patch, delete,
 * deletecollection) on resource (with "/subresource" appended, e.g.
 * "pods/log") in group, namespace ns ("" = cluster scope) and name ("" =
 * any).  1 = allowed.
 */
int	 auth_allowed(const struct auth *a, const struct auth_user *u,
	    const char *verb, const char *group, const char *resource,
	    const char *ns, const char *name);
/*
 * A non-resource request (verb: the lower-case HTTP method, "get", "post";
 * path "/version", "/apis/apps"...): the nonResourceURLs of ClusterRoles
 * bound by ClusterRoleBindings.
 */
int	 auth_path_allowed(const struct auth *a, const struct auth_user *u,
	    const char *verb, const char *path);
/*
 * Either of the above (path non-NULL: a non-resource request) and, when
 * it denies, appends to why (may be NULL) the reason kube-apiserver gives,
 * "RBAC: clusterrole.rbac.authorization.k8s.io \"x\" not found" when a
 * binding names a missing role, else nothing.
 */
int	 auth_decide(const struct auth *a, const struct auth_user *u,
	    const char *verb, const char *group, const char *resource,
	    const char *ns, const char *name, const char *path,
	    struct buf *why);
/* The user of a request without credentials: system:anonymous, in the
 * group system:unauthenticated. */
void	 auth_anonymous(struct auth_user *u);

/*
 * The pure parts of the RBAC authorizer, for tests and for callers that
 * hold their own objects.  One PolicyRule against a resource request
 * (resource as "pods" or "pods/log"; name "" = none): 1 = allowed.
 */
int	 auth_rule_allows(const json_t *rule, const char *verb,
	    const char *group, const char *resource, const char *name);
/* The same for a rule's nonResourceURLs ("/healthz", or a prefix and "*"). */
int	 auth_rule_allows_path(const json_t *rule, const char *verb,
	    const char *path);

/* RBAC objects as JSON (ClusterRoleBindings, ClusterRoles, RoleBindings
 * and Roles); borrowed. */
struct auth_rbac {
	const json_t *const *crbs;
	size_t		 ncrbs;
	const json_t *const *crs;
	size_t		 ncrs;
	const json_t *const *rbs;
	size_t		 nrbs;
	const json_t *const *roles;
	size_t		 nroles;
};

/* auth_allowed over the given objects (r NULL: none). */
int	 auth_rbac_allows(const struct auth_rbac *r, const struct auth_user *u,
	    const char *verb, const char *group, const char *resource,
	    const char *ns, const char *name);
/* auth_decide over the given objects. */
int	 auth_rbac_decide(const struct auth_rbac *r, const struct auth_user *u,
	    const char *verb, const char *group, const char *resource,
	    const char *ns, const char *name, const char *path,
	    struct buf *why);

#endif
