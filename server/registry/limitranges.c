/* limitranges.c - core/v1 LimitRange: container defaults derived from
 * max/default/min as SetDefaults_LimitRangeItem, type and quantity
 * checks.  kube-apiserver has no printer for it, so the Table is the
 * generic NAME / CREATED AT one.
 */
#include <string.h>

#include "kinds.h"

static const char *const limitranges_short[] = { "limits", NULL };

/* Copies each key of from missing in item[to] (created when needed). */
static void
limitranges_fill(json_t *item, const char *from, const char *to)
{
	json_t *src = json_object_get(item, from), *dst, *v;
	const char *k;

	if (json_object_size(src) == 0)
		return;
	dst = json_object_get(item, to);
	if (!json_is_object(dst)) {
		dst = json_object();
		json_object_set_new(item, to, dst);
	}
	json_object_foreach(src, k, v)
		if (json_object_get(dst, k) == NULL)
			json_object_set(dst, k, v);
}

static void
limitranges_defaults(json_t *obj)
{
	static const char *const maps[] = { "max", "min", "default",
	    "defaultRequest", "maxLimitRequestRatio", NULL };
	const char *const *m;
	json_t *item;
	const char *t;
	size_t i;

	json_array_foreach(reg_get(obj, "spec.limits"), i, item) {
		for (m = maps; *m != NULL; m++)
			reg_canon_quantities(json_object_get(item, *m));
		t = reg_str(item, "type");
		if (t == NULL || strcmp(t, "Container") != 0)
			continue;
		limitranges_fill(item, "max", "default");
		limitranges_fill(item, "default", "defaultRequest");
		limitranges_fill(item, "min", "defaultRequest");
	}
}

static int
limitranges_validate(const json_t *obj, const json_t *old, struct err *err)
{
	static const char *const maps[] = { "max", "min", "default",
	    "defaultRequest", "maxLimitRequestRatio", NULL };
	const char *const *m;
	const json_t *item;
	const char *t;
	char field[200], val[300];
	size_t i;

	json_array_foreach(reg_get(obj, "spec.limits"), i, item) {
		t = reg_str(item, "type");
		snprintf(field, sizeof field, "spec.limits[%zu].type", i);
		if (t == NULL || t[0] == '\0')
			err_field(err, ERR_CAUSE_REQUIRED, field, NULL, NULL);
		else if (strcmp(t, "Container") != 0 &&
		    strcmp(t, "Pod") != 0 &&
		    strcmp(t, "PersistentVolumeClaim") != 0)
			err_field(err, ERR_CAUSE_NOT_SUPPORTED, field,
			    reg_quote(t, val, sizeof val), "supported values: "
			    "\"Container\", \"PersistentVolumeClaim\", "
			    "\"Pod\"");
		for (m = maps; *m != NULL; m++) {
			snprintf(field, sizeof field, "spec.limits[%zu].%s", i,
			    *m);
			reg_check_quantities(json_object_get(item, *m), field,
			    err);
		}
	}
	return err_invalid(err, "LimitRange", reg_str(obj, "metadata.name"));
}

const struct registry_kind registry_limitranges = {
	.group = "",
	.version = "v1",
	.kind = "LimitRange",
	.resource = "limitranges",
	.singular = "limitrange",
	.short_names = limitranges_short,
	.flags = REG_NAMESPACED,
	.defaults = limitranges_defaults,
	.validate = limitranges_validate,
};
