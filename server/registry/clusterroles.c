/* clusterroles.c - rbac.authorization.k8s.io/v1 ClusterRole: rules (which
 * may name non-resource URLs) and the aggregation rule.
 */
#include <stdio.h>
#include <string.h>

#include "kinds.h"

/* roles.c */
void	roles_check_rules(const json_t *rules, int namespaced, struct err *err);
/* deployments.c */
int	deployments_check_selector(const json_t *sel, const char *path,
	    struct err *err);

static int
clusterroles_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *agg = json_object_get(obj, "aggregationRule"), *sels, *s;
	char f[300];
	size_t i;

	roles_check_rules(json_object_get(obj, "rules"), 0, err);
	if (agg != NULL && !json_is_null(agg)) {
		sels = json_object_get(agg, "clusterRoleSelectors");
		if (json_array_size(sels) == 0)
			err_field(err, ERR_CAUSE_REQUIRED,
			    "aggregationRule.clusterRoleSelectors", NULL,
			    "at least one clusterRoleSelector required if "
			    "aggregationRule is non-nil");
		json_array_foreach(sels, i, s) {
			snprintf(f, sizeof f,
			    "aggregationRule.clusterRoleSelectors[%zu]", i);
			deployments_check_selector(s, f, err);
		}
	}
	return err_invalid(err, "ClusterRole.rbac.authorization.k8s.io",
	    reg_str(obj, "metadata.name"));
}

const struct registry_kind registry_clusterroles = {
	.group = "rbac.authorization.k8s.io",
	.version = "v1",
	.kind = "ClusterRole",
	.resource = "clusterroles",
	.singular = "clusterrole",
	.validate = clusterroles_validate,
};
