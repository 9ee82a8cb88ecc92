/* controllerrevisions.c - apps/v1 ControllerRevision: the immutable
 * snapshots of StatefulSet and DaemonSet templates.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "kinds.h"

static const struct registry_column controllerrevisions_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Controller", "string", "", "Controller of the object", 0 },
	{ "Revision", "string", "", "Revision indicates the revision of the "
	    "state represented by Data.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static int
controllerrevisions_validate(const json_t *obj, const json_t *old,
    struct err *err)
{
	const json_t *rev = json_object_get(obj, "revision");
	char val[32];

	if (json_object_get(obj, "data") == NULL ||
	    json_is_null(json_object_get(obj, "data")))
		err_field(err, ERR_CAUSE_REQUIRED, "data", NULL, NULL);
	if (json_is_integer(rev) && json_integer_value(rev) < 0) {
		snprintf(val, sizeof val, "%lld",
		    (long long)json_integer_value(rev));
		err_field(err, ERR_CAUSE_INVALID, "revision", val,
		    "must be greater than or equal to 0");
	}
	if (old != NULL)
		reg_check_immutable(json_object_get(obj, "data"),
		    json_object_get(old, "data"), "data", err);
	return err_invalid(err, "ControllerRevision.apps", reg_str(obj,
	    "metadata.name"));
}

/* "<kind>.<group>/<name>" in lower case for the controller owner. */
static void
controllerrevisions_controller(const json_t *obj, char *out, size_t len)
{
	const json_t *refs = reg_get(obj, "metadata.ownerReferences"), *r;
	const char *av, *kind, *name, *slash;
	size_t i;
	char *p;

	snprintf(out, len, "<none>");
	json_array_foreach(refs, i, r) {
		if (!json_is_true(json_object_get(r, "controller")))
			continue;
		av = reg_str(r, "apiVersion");
		kind = reg_str(r, "kind");
		name = reg_str(r, "name");
		slash = av != NULL ? strchr(av, '/') : NULL;
		if (kind == NULL || kind[0] == '\0')
			snprintf(out, len, "%s", name ? name : "");
		else if (slash != NULL)
			snprintf(out, len, "%s.%.*s/%s", kind,
			    (int)(slash - av), av, name ? name : "");
		else
			snprintf(out, len, "%s/%s", kind, name ? name : "");
		for (p = out; *p != '\0' && *p != '/'; p++)
			*p = (char)tolower((unsigned char)*p);
		return;
	}
}

static void
controllerrevisions_row(const json_t *obj, json_t *cells, long long now)
{
	char ctl[512];

	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	controllerrevisions_controller(obj, ctl, sizeof ctl);
	json_array_append_new(cells, json_string(ctl));
	reg_cell_int(cells, reg_int(obj, "revision", 0));
	reg_cell_age(cells, obj, now);
}

const struct registry_kind registry_controllerrevisions = {
	.group = "apps",
	.version = "v1",
	.kind = "ControllerRevision",
	.resource = "controllerrevisions",
	.singular = "controllerrevision",
	.flags = REG_NAMESPACED,
	.validate = controllerrevisions_validate,
	.columns = controllerrevisions_columns,
	.row = controllerrevisions_row,
};
