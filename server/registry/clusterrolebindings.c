/* clusterrolebindings.c - rbac.authorization.k8s.io/v1 ClusterRoleBinding:
 * a RoleBinding (rolebindings.c) that may only name ClusterRoles and whose
 * service account subjects need a namespace.
 */
#include "kinds.h"

/* rolebindings.c */
void	rolebindings_defaults(json_t *obj);
int	rolebindings_check(const json_t *obj, const json_t *old, int cluster,
	    struct err *err);
void	rolebindings_row(const json_t *obj, json_t *cells, long long now);

static const struct registry_column clusterrolebindings_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Role", "string", "", "RoleRef can only reference a ClusterRole in "
	    "the global namespace. If the RoleRef cannot be resolved, the "
	    "Authorizer must return an error.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ "Users", "string", "", "Users in the clusterRoleBinding", 1 },
	{ "Groups", "string", "", "Groups in the clusterRoleBinding", 1 },
	{ "ServiceAccounts", "string", "", "ServiceAccounts in the "
	    "clusterRoleBinding", 1 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static int
clusterrolebindings_validate(const json_t *obj, const json_t *old,
    struct err *err)
{
	return rolebindings_check(obj, old, 1, err);
}

const struct registry_kind registry_clusterrolebindings = {
	.group = "rbac.authorization.k8s.io",
	.version = "v1",
	.kind = "ClusterRoleBinding",
	.resource = "clusterrolebindings",
	.singular = "clusterrolebinding",
	.defaults = rolebindings_defaults,
	.validate = clusterrolebindings_validate,
	.columns = clusterrolebindings_columns,
	.row = rolebindings_row,
};
