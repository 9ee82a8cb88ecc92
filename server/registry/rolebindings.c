/* rolebindings.c - rbac.authorization.k8s.io/v1 RoleBinding, and the
 * roleRef/subject defaulting, checks and Table row ClusterRoleBinding
 * shares.
 */
#include <stdio.h>
#include <string.h>

#include "../../lib/buf.h"
#include "../../lib/names.h"
#include "kinds.h"

#define ROLEBINDINGS_GROUP	"rbac.authorization.k8s.io"

/* Shared with clusterrolebindings.c. */
void	rolebindings_defaults(json_t *obj);
int	rolebindings_check(const json_t *obj, const json_t *old, int cluster,
	    struct err *err);
void	rolebindings_row(const json_t *obj, json_t *cells, long long now);

static const struct registry_column rolebindings_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Role", "string", "", "RoleRef can reference a Role in the current "
	    "namespace or a ClusterRole in the global namespace. If the "
	    "RoleRef cannot be resolved, the Authorizer must return an "
	    "error.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ "Users", "string", "", "Users in the roleBinding", 1 },
	{ "Groups", "string", "", "Groups in the roleBinding", 1 },
	{ "ServiceAccounts", "string", "", "ServiceAccounts in the "
	    "roleBinding", 1 },
	{ NULL, NULL, NULL, NULL, 0 },
};

void
rolebindings_defaults(json_t *obj)
{
	const json_t *subjects = json_object_get(obj, "subjects");
	json_t *s;
	const char *kind;
	size_t i;

	if (json_is_object(json_object_get(obj, "roleRef")) &&
	    (reg_str(obj, "roleRef.apiGroup") == NULL ||
	    reg_str(obj, "roleRef.apiGroup")[0] == '\0'))
		json_object_set_new(json_object_get(obj, "roleRef"), "apiGroup",
		    json_string(ROLEBINDINGS_GROUP));
	json_array_foreach(subjects, i, s) {
		kind = reg_str(s, "kind");
		if (kind == NULL || (reg_str(s, "apiGroup") != NULL &&
		    reg_str(s, "apiGroup")[0] != '\0'))
			continue;
		if (strcmp(kind, "User") == 0 || strcmp(kind, "Group") == 0)
			json_object_set_new(s, "apiGroup",
			    json_string(ROLEBINDINGS_GROUP));
	}
}

/* path.IsValidPathSegmentName */
static const char *
rolebindings_name_error(const char *name)
{
	if (strcmp(name, ".") == 0)
		return "may not be '.'";
	if (strcmp(name, "..") == 0)
		return "may not be '..'";
	if (strchr(name, '/') != NULL)
		return "may not contain '/'";
	if (strchr(name, '%') != NULL)
		return "may not contain '%'";
	return NULL;
}

static void
rolebindings_check_subject(const json_t *s, const char *path, int cluster,
    struct err *err)
{
	const char *kind = reg_str(s, "kind"), *name = reg_str(s, "name");
	const char *group = reg_str(s, "apiGroup"), *ns = reg_str(s,
	    "namespace");
	char f[300], val[300], why[512];

	kind = kind ? kind : "";
	group = group ? group : "";
	if (name == NULL || name[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, reg_path(f, sizeof f, path,
		    "name"), NULL, NULL);
	if (strcmp(kind, "ServiceAccount") == 0) {
		if (name != NULL && name[0] != '\0' &&
		    names_dns1123_subdomain(name, why, sizeof why) < 0)
			err_field(err, ERR_CAUSE_INVALID, reg_path(f, sizeof f,
			    path, "name"), reg_quote(name, val, sizeof val),
			    "%s", why);
		if (group[0] != '\0')
			err_field(err, ERR_CAUSE_NOT_SUPPORTED, reg_path(f,
			    sizeof f, path, "apiGroup"), reg_quote(group, val,
			    sizeof val), "supported values: \"\"");
		if (cluster && (ns == NULL || ns[0] == '\0'))
			err_field(err, ERR_CAUSE_REQUIRED, reg_path(f, sizeof f,
			    path, "namespace"), NULL, NULL);
	} else if (strcmp(kind, "User") == 0 || strcmp(kind, "Group") == 0) {
		if (strcmp(group, ROLEBINDINGS_GROUP) != 0)
			err_field(err, ERR_CAUSE_NOT_SUPPORTED, reg_path(f,
			    sizeof f, path, "apiGroup"), reg_quote(group, val,
			    sizeof val), "supported values: \""
			    ROLEBINDINGS_GROUP "\"");
	} else
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, reg_path(f, sizeof f,
		    path, "kind"), reg_quote(kind, val, sizeof val),
		    "supported values: \"ServiceAccount\", \"User\", \"Group\"");
}

/* Go's %#v of an rbac.RoleRef. */
static void
rolebindings_go_roleref(const json_t *ref, char *out, size_t len)
{
	char g[300], k[300], n[300];

	snprintf(out, len, "rbac.RoleRef{APIGroup:%s, Kind:%s, Name:%s}",
	    reg_quote(reg_str(ref, "apiGroup"), g, sizeof g),
	    reg_quote(reg_str(ref, "kind"), k, sizeof k),
	    reg_quote(reg_str(ref, "name"), n, sizeof n));
}

/* ValidateRoleBinding / ValidateClusterRoleBinding (+ Update). */
int
rolebindings_check(const json_t *obj, const json_t *old, int cluster,
    struct err *err)
{
	const json_t *ref = json_object_get(obj, "roleRef"), *s;
	const char *group = reg_str(ref, "apiGroup"), *kind = reg_str(ref,
	    "kind"), *name = reg_str(ref, "name"), *why;
	char f[64], val[1024];
	size_t i;

	group = group ? group : "";
	kind = kind ? kind : "";
	if (strcmp(group, ROLEBINDINGS_GROUP) != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "roleRef.apiGroup",
		    reg_quote(group, val, sizeof val),
		    "supported values: \"" ROLEBINDINGS_GROUP "\"");
	if (cluster && strcmp(kind, "ClusterRole") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "roleRef.kind",
		    reg_quote(kind, val, sizeof val),
		    "supported values: \"ClusterRole\"");
	else if (!cluster && strcmp(kind, "Role") != 0 &&
	    strcmp(kind, "ClusterRole") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "roleRef.kind",
		    reg_quote(kind, val, sizeof val),
		    "supported values: \"Role\", \"ClusterRole\"");
	if (name == NULL || name[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, "roleRef.name", NULL, NULL);
	else if ((why = rolebindings_name_error(name)) != NULL)
		err_field(err, ERR_CAUSE_INVALID, "roleRef.name",
		    reg_quote(name, val, sizeof val), "%s", why);
	json_array_foreach(json_object_get(obj, "subjects"), i, s) {
		snprintf(f, sizeof f, "subjects[%zu]", i);
		rolebindings_check_subject(s, f, cluster, err);
	}
	if (old != NULL && !json_equal((json_t *)ref,
	    json_object_get(old, "roleRef"))) {
		rolebindings_go_roleref(ref, val, sizeof val);
		err_field(err, ERR_CAUSE_INVALID, "roleRef", val,
		    "cannot change roleRef");
	}
	return err_invalid(err, cluster ?
	    "ClusterRoleBinding.rbac.authorization.k8s.io" :
	    "RoleBinding.rbac.authorization.k8s.io",
	    reg_str(obj, "metadata.name"));
}

static int
rolebindings_validate(const json_t *obj, const json_t *old, struct err *err)
{
	return rolebindings_check(obj, old, 0, err);
}

/* NAME ROLE AGE, then SubjectsStrings joined by ", ". */
void
rolebindings_row(const json_t *obj, json_t *cells, long long now)
{
	struct buf users = BUF_INIT(0), groups = BUF_INIT(0), sas = BUF_INIT(0);
	struct buf *b;
	const json_t *s;
	const char *kind;
	char role[600];
	size_t i;

	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	snprintf(role, sizeof role, "%s/%s", reg_str(obj, "roleRef.kind") ?: "",
	    reg_str(obj, "roleRef.name") ?: "");
	json_array_append_new(cells, json_string(role));
	reg_cell_age(cells, obj, now);
	json_array_foreach(json_object_get(obj, "subjects"), i, s) {
		kind = reg_str(s, "kind");
		kind = kind ? kind : "";
		if (strcmp(kind, "ServiceAccount") == 0) {
			b = &sas;
			if (b->len)
				buf_adds(b, ", ");
			buf_addf(b, "%s/%s", reg_str(s, "namespace") ?: "",
			    reg_str(s, "name") ?: "");
			continue;
		}
		if (strcmp(kind, "User") == 0)
			b = &users;
		else if (strcmp(kind, "Group") == 0)
			b = &groups;
		else
			continue;
		if (b->len)
			buf_adds(b, ", ");
		buf_adds(b, reg_str(s, "name") ?: "");
	}
	json_array_append_new(cells, json_string(buf_str(&users)));
	json_array_append_new(cells, json_string(buf_str(&groups)));
	json_array_append_new(cells, json_string(buf_str(&sas)));
	buf_release(&users);
	buf_release(&groups);
	buf_release(&sas);
}

const struct registry_kind registry_rolebindings = {
	.group = "rbac.authorization.k8s.io",
	.version = "v1",
	.kind = "RoleBinding",
	.resource = "rolebindings",
	.singular = "rolebinding",
	.flags = REG_NAMESPACED,
	.defaults = rolebindings_defaults,
	.validate = rolebindings_validate,
	.columns = rolebindings_columns,
	.row = rolebindings_row,
};
