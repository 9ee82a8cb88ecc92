/* configmaps.c - core/v1 ConfigMap: key rules, the 1 MiB limit and the
 * immutable flag.
 */
#include <string.h>

#include "kinds.h"

#define CONFIGMAPS_MAX_SIZE	(1 << 20)

static const char *const configmaps_short[] = { "cm", NULL };

static const struct registry_column configmaps_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Data", "string", "", "Data contains the configuration data. Each "
	    "key must consist of alphanumeric characters, '-', '_' or '.'. "
	    "Values with non-UTF-8 byte sequences must use the BinaryData "
	    "field. The keys stored in Data must not overlap with the keys in "
	    "the BinaryData field, this is enforced during validation "
	    "process.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static void
configmaps_check_map(const json_t *map, const json_t *other, const char *bag,
    const char *other_bag, size_t *size, struct err *err)
{
	const char *k;
	json_t *v;
	char field[400], val[400];

	json_object_foreach((json_t *)map, k, v) {
		snprintf(field, sizeof field, "%s[%s]", bag, k);
		reg_check_config_key(k, field, err);
		if (json_object_get(other, k) != NULL)
			err_field(err, ERR_CAUSE_INVALID, field,
			    reg_quote(k, val, sizeof val), "duplicate of key "
			    "present in %s", other_bag);
		if (json_is_string(v))
			*size += json_string_length(v);
	}
}

static int
configmaps_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *data = json_object_get(obj, "data");
	const json_t *bin = json_object_get(obj, "binaryData");
	size_t size = 0;

	configmaps_check_map(data, bin, "data", "binaryData", &size, err);
	configmaps_check_map(bin, data, "binaryData", "data", &size, err);
	if (size > CONFIGMAPS_MAX_SIZE)
		err_field(err, ERR_CAUSE_TOO_LONG, "[]", NULL,
		    "may not be more than %d bytes", CONFIGMAPS_MAX_SIZE);
	if (old != NULL && json_is_true(json_object_get(old, "immutable"))) {
		if (!json_is_true(json_object_get(obj, "immutable")))
			err_field(err, ERR_CAUSE_FORBIDDEN, "immutable", NULL,
			    "field is immutable when `immutable` is set");
		if (!json_equal(data, json_object_get(old, "data")) &&
		    (json_object_size(data) ||
		    json_object_size(json_object_get(old, "data"))))
			err_field(err, ERR_CAUSE_FORBIDDEN, "data", NULL,
			    "field is immutable when `immutable` is set");
		if (!json_equal(bin, json_object_get(old, "binaryData")) &&
		    (json_object_size(bin) ||
		    json_object_size(json_object_get(old, "binaryData"))))
			err_field(err, ERR_CAUSE_FORBIDDEN, "binaryData", NULL,
			    "field is immutable when `immutable` is set");
	}
	return err_invalid(err, "ConfigMap", reg_str(obj, "metadata.name"));
}

static void
configmaps_row(const json_t *obj, json_t *cells, long long now)
{
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_int(cells, (long long)(json_object_size(json_object_get(obj,
	    "data")) + json_object_size(json_object_get(obj, "binaryData"))));
	reg_cell_age(cells, obj, now);
}

const struct registry_kind registry_configmaps = {
	.group = "",
	.version = "v1",
	.kind = "ConfigMap",
	.resource = "configmaps",
	.singular = "configmap",
	.short_names = configmaps_short,
	.flags = REG_NAMESPACED,
	.validate = configmaps_validate,
	.columns = configmaps_columns,
	.row = configmaps_row,
};
