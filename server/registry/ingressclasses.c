/* ingressclasses.c - networking.k8s.io/v1 IngressClass: the controller
 * name (a domain-prefixed path, immutable) and the parameters reference.
 */
#include <stdio.h>
#include <string.h>

#include "../../lib/names.h"
#include "kinds.h"

static const struct registry_column ingressclasses_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Controller", "string", "", "Controller that is responsible for "
	    "handling this class", 0 },
	{ "Parameters", "string", "", "A reference to a resource with "
	    "additional parameters", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static void
ingressclasses_defaults(json_t *obj)
{
	json_t *p = reg_get(obj, "spec.parameters");

	if (json_is_object(p))
		reg_default_str(p, "scope", "Cluster");
}

/* validation.IsDomainPrefixedPath. */
static void
ingressclasses_check_controller(const char *c, struct err *err)
{
	const char *slash, *p;
	char host[300], why[512], val[300];

	if (c == NULL || c[0] == '\0') {
		err_field(err, ERR_CAUSE_REQUIRED, "spec.controller", NULL, NULL);
		return;
	}
	if (strlen(c) > 250)
		err_field(err, ERR_CAUSE_TOO_LONG, "spec.controller", NULL,
		    "may not be more than 250 bytes");
	slash = strchr(c, '/');
	if (slash == NULL) {
		err_field(err, ERR_CAUSE_INVALID, "spec.controller",
		    reg_quote(c, val, sizeof val), "must be a domain-prefixed "
		    "path (such as \"acme.io/foo\")");
		return;
	}
	snprintf(host, sizeof host, "%.*s", (int)(slash - c), c);
	if (names_dns1123_subdomain(host, why, sizeof why) < 0)
		err_field(err, ERR_CAUSE_INVALID, "spec.controller",
		    reg_quote(host, val, sizeof val), "%s", why);
	for (p = slash + 1; *p != '\0'; p++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789/-._~%!$&'()*+,;=:", *p))
			break;
	if (*p != '\0' || slash[1] == '\0')
		err_field(err, ERR_CAUSE_INVALID, "spec.controller",
		    reg_quote(slash + 1, val, sizeof val), "Invalid path: must "
		    "match the regex ^[A-Za-z0-9/\\-._~%%!$&'()*+,;=:]+$");
}

static void
ingressclasses_check_params(const json_t *p, struct err *err)
{
	const char *scope = reg_str(p, "scope"), *ns = reg_str(p, "namespace");
	char val[300];

	if (!json_is_object(p))
		return;
	if (reg_str(p, "kind") == NULL || reg_str(p, "kind")[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, "spec.parameters.kind", NULL,
		    NULL);
	if (reg_str(p, "name") == NULL || reg_str(p, "name")[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, "spec.parameters.name", NULL,
		    NULL);
	if (scope == NULL) {
		err_field(err, ERR_CAUSE_REQUIRED, "spec.parameters.scope", NULL,
		    NULL);
		return;
	}
	if (strcmp(scope, "Namespace") == 0) {
		if (ns == NULL || ns[0] == '\0')
			err_field(err, ERR_CAUSE_REQUIRED,
			    "spec.parameters.namespace", NULL,
			    "`parameters.scope` is set to 'Namespace'");
	} else if (strcmp(scope, "Cluster") == 0) {
		if (ns != NULL)
			err_field(err, ERR_CAUSE_FORBIDDEN,
			    "spec.parameters.namespace", NULL,
			    "`parameters.scope` is set to 'Cluster'");
	} else
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "spec.parameters.scope",
		    reg_quote(scope, val, sizeof val),
		    "supported values: \"Cluster\", \"Namespace\"");
}

static int
ingressclasses_validate(const json_t *obj, const json_t *old,
    struct err *err)
{
	ingressclasses_check_controller(reg_str(obj, "spec.controller"), err);
	ingressclasses_check_params(reg_get(obj, "spec.parameters"), err);
	if (old != NULL)
		reg_check_immutable(reg_get(obj, "spec.controller"),
		    reg_get(old, "spec.controller"), "spec.controller", err);
	return err_invalid(err, "IngressClass.networking.k8s.io",
	    reg_str(obj, "metadata.name"));
}

static void
ingressclasses_row(const json_t *obj, json_t *cells, long long now)
{
	const json_t *p = reg_get(obj, "spec.parameters");
	const char *group = reg_str(p, "apiGroup");
	char params[600];

	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_raw(cells, reg_str(obj, "spec.controller"));
	if (!json_is_object(p))
		snprintf(params, sizeof params, "<none>");
	else if (group != NULL)
		snprintf(params, sizeof params, "%s.%s/%s",
		    reg_str(p, "kind") ?: "", group, reg_str(p, "name") ?: "");
	else
		snprintf(params, sizeof params, "%s/%s",
		    reg_str(p, "kind") ?: "", reg_str(p, "name") ?: "");
	json_array_append_new(cells, json_string(params));
	reg_cell_age(cells, obj, now);
}

const struct registry_kind registry_ingressclasses = {
	.group = "networking.k8s.io",
	.version = "v1",
	.kind = "IngressClass",
	.resource = "ingressclasses",
	.singular = "ingressclass",
	.defaults = ingressclasses_defaults,
	.validate = ingressclasses_validate,
	.columns = ingressclasses_columns,
	.row = ingressclasses_row,
};
