/* roles.c - rbac.authorization.k8s.io/v1 Role, and the policy rule checks
 * ClusterRole shares.  kubectl prints the default NAME/CREATED AT table.
 */
#include <stdio.h>
#include <string.h>

#include "kinds.h"

/* Shared with clusterroles.c. */
void	roles_check_rules(const json_t *rules, int namespaced, struct err *err);

/* Go's %#v of a []string. */
static void
roles_go_strings(const json_t *a, char *out, size_t len)
{
	char q[300];
	size_t i, n;

	n = (size_t)snprintf(out, len, "[]string{");
	for (i = 0; i < json_array_size(a) && n < len; i++)
		n += (size_t)snprintf(out + n, len - n, "%s%s", i ? ", " : "",
		    reg_quote(json_string_value(json_array_get(a, i)), q,
		    sizeof q));
	if (n < len)
		snprintf(out + n, len - n, "}");
}

/* ValidatePolicyRule for each rule. */
void
roles_check_rules(const json_t *rules, int namespaced, struct err *err)
{
	const json_t *r, *urls;
	char f[300], val[1024];
	size_t i;

	json_array_foreach(rules, i, r) {
		if (json_array_size(json_object_get(r, "verbs")) == 0) {
			snprintf(f, sizeof f, "rules[%zu].verbs", i);
			err_field(err, ERR_CAUSE_REQUIRED, f, NULL,
			    "verbs must contain at least one value");
		}
		urls = json_object_get(r, "nonResourceURLs");
		if (json_array_size(urls) > 0) {
			snprintf(f, sizeof f, "rules[%zu].nonResourceURLs", i);
			roles_go_strings(urls, val, sizeof val);
			if (namespaced)
				err_field(err, ERR_CAUSE_INVALID, f, val,
				    "namespaced rules cannot apply to "
				    "non-resource URLs");
			if (json_array_size(json_object_get(r, "apiGroups")) ||
			    json_array_size(json_object_get(r, "resources")) ||
			    json_array_size(json_object_get(r,
			    "resourceNames")))
				err_field(err, ERR_CAUSE_INVALID, f, val,
				    "rules cannot apply to both regular "
				    "resources and non-resource URLs");
			continue;
		}
		if (json_array_size(json_object_get(r, "apiGroups")) == 0) {
			snprintf(f, sizeof f, "rules[%zu].apiGroups", i);
			err_field(err, ERR_CAUSE_REQUIRED, f, NULL, "resource "
			    "rules must supply at least one api group");
		}
		if (json_array_size(json_object_get(r, "resources")) == 0) {
			snprintf(f, sizeof f, "rules[%zu].resources", i);
			err_field(err, ERR_CAUSE_REQUIRED, f, NULL, "resource "
			    "rules must supply at least one resource");
		}
	}
}

static int
roles_validate(const json_t *obj, const json_t *old, struct err *err)
{
	roles_check_rules(json_object_get(obj, "rules"), 1, err);
	return err_invalid(err, "Role.rbac.authorization.k8s.io",
	    reg_str(obj, "metadata.name"));
}

const struct registry_kind registry_roles = {
	.group = "rbac.authorization.k8s.io",
	.version = "v1",
	.kind = "Role",
	.resource = "roles",
	.singular = "role",
	.flags = REG_NAMESPACED,
	.validate = roles_validate,
};
