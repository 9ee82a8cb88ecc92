/* serviceaccounts.c - core/v1 ServiceAccount: secret references are
 * plain names; the table counts them.
 */
#include "kinds.h"

static const char *const serviceaccounts_short[] = { "sa", NULL };

static const struct registry_column serviceaccounts_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Secrets", "string", "", "Secrets is a list of the secrets in the "
	    "same namespace that pods running using this ServiceAccount are "
	    "allowed to use. Pods are only limited to this list if this "
	    "service account has a \"kubernetes.io/enforce-mountable-secrets\" "
	    "annotation set to \"true\". The \"kubernetes.io/enforce-"
	    "mountable-secrets\" annotation is deprecated since v1.32. Prefer "
	    "separate namespaces to isolate access to mounted secrets. This "
	    "field should not be used to find auto-generated service account "
	    "token secrets for use outside of pods. Instead, tokens can be "
	    "requested directly using the TokenRequest API, or service account "
	    "token secrets can be manually created. More info: https://"
	    "kubernetes.io/docs/concepts/configuration/secret", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static void
serviceaccounts_row(const json_t *obj, json_t *cells, long long now)
{
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_int(cells, (long long)json_array_size(json_object_get(obj,
	    "secrets")));
	reg_cell_age(cells, obj, now);
}

const struct registry_kind registry_serviceaccounts = {
	.group = "",
	.version = "v1",
	.kind = "ServiceAccount",
	.resource = "serviceaccounts",
	.singular = "serviceaccount",
	.short_names = serviceaccounts_short,
	.flags = REG_NAMESPACED,
	.columns = serviceaccounts_columns,
	.row = serviceaccounts_row,
};
