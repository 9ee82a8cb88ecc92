/* namespaces.c - core/v1 Namespace: the kubernetes finalizer and phase
 * Active on create, the metadata.name label, finalizer name rules.
 */
#include <string.h>

#include "../../lib/names.h"
#include "kinds.h"

static const char *const namespaces_short[] = { "ns", NULL };
static const char *const namespaces_fields[] = { "status.phase", NULL };

static const struct registry_column namespaces_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Status", "string", "", "The status of the namespace", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static void
namespaces_defaults(json_t *obj)
{
	json_t *labels = reg_mkpath(obj, "metadata.labels"), *fin, *v;
	const char *name = reg_str(obj, "metadata.name");
	size_t i;
	int has = 0;

	if (name != NULL)
		json_object_set_new(labels, "kubernetes.io/metadata.name",
		    json_string(name));
	if (!reg_creating(obj))
		return;
	json_object_set_new(obj, "status", json_pack("{s:s}", "phase",
	    "Active"));
	fin = reg_get(obj, "spec.finalizers");
	if (!json_is_array(fin)) {
		fin = json_array();
		json_object_set_new(reg_mkpath(obj, "spec"), "finalizers", fin);
	}
	json_array_foreach(fin, i, v)
		if (json_is_string(v) &&
		    strcmp(json_string_value(v), "kubernetes") == 0)
			has = 1;
	if (!has)
		json_array_append_new(fin, json_string("kubernetes"));
}

static int
namespaces_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *fin = reg_get(obj, "spec.finalizers"), *v;
	const char *s;
	char field[64], val[300], why[512];
	size_t i;

	json_array_foreach(fin, i, v) {
		s = json_string_value(v);
		if (s == NULL)
			s = "";
		reg_index(field, sizeof field, "spec.finalizers", i);
		reg_quote(s, val, sizeof val);
		if (names_qualified_name(s, why, sizeof why) < 0)
			err_field(err, ERR_CAUSE_INVALID, field, val, "%s", why);
		else if (strchr(s, '/') == NULL &&
		    strcmp(s, "kubernetes") != 0)
			err_field(err, ERR_CAUSE_INVALID, field, val, "name is "
			    "neither a standard finalizer name nor is it fully "
			    "qualified");
	}
	return err_invalid(err, "Namespace", reg_str(obj, "metadata.name"));
}

static void
namespaces_row(const json_t *obj, json_t *cells, long long now)
{
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_raw(cells, reg_str(obj, "status.phase"));
	reg_cell_age(cells, obj, now);
}

const struct registry_kind registry_namespaces = {
	.group = "",
	.version = "v1",
	.kind = "Namespace",
	.resource = "namespaces",
	.singular = "namespace",
	.short_names = namespaces_short,
	.flags = REG_STATUS,
	.defaults = namespaces_defaults,
	.validate = namespaces_validate,
	.columns = namespaces_columns,
	.row = namespaces_row,
	.fields = namespaces_fields,
};
