/* storageclasses.c - storage.k8s.io/v1 StorageClass: reclaim policy and
 * binding mode defaults, the fields that never change, and the
 * " (default)" marker kubectl shows.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../../lib/names.h"
#include "kinds.h"

static const char *const storageclasses_short[] = { "sc", NULL };

static const struct registry_column storageclasses_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Provisioner", "string", "", "provisioner indicates the type of the "
	    "provisioner.", 0 },
	{ "ReclaimPolicy", "string", "", "reclaimPolicy controls the "
	    "reclaimPolicy for dynamically provisioned PersistentVolumes of "
	    "this storage class. Defaults to Delete.", 0 },
	{ "VolumeBindingMode", "string", "", "volumeBindingMode indicates how "
	    "PersistentVolumeClaims should be provisioned and bound.  When "
	    "unset, VolumeBindingImmediate is used. This field is only honored "
	    "by servers that enable the VolumeScheduling feature.", 0 },
	{ "AllowVolumeExpansion", "string", "", "allowVolumeExpansion shows "
	    "whether the storage class allow volume expand.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static void
storageclasses_defaults(json_t *obj)
{
	reg_default_str(obj, "reclaimPolicy", "Delete");
	reg_default_str(obj, "volumeBindingMode", "Immediate");
}

static int
storageclasses_validate(const json_t *obj, const json_t *old,
    struct err *err)
{
	const char *prov = reg_str(obj, "provisioner");
	const char *rp = reg_str(obj, "reclaimPolicy");
	const char *vbm = reg_str(obj, "volumeBindingMode");
	char low[300], why[512], val[300];
	size_t i;

	if (prov == NULL || prov[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, "provisioner", NULL, NULL);
	else {
		for (i = 0; prov[i] != '\0' && i < sizeof low - 1; i++)
			low[i] = (char)tolower((unsigned char)prov[i]);
		low[i] = '\0';
		if (names_qualified_name(low, why, sizeof why) < 0)
			err_field(err, ERR_CAUSE_INVALID, "provisioner",
			    reg_quote(low, val, sizeof val), "%s", why);
	}
	if (json_object_size(json_object_get(obj, "parameters")) > 512) {
		err_field(err, ERR_CAUSE_TOO_LONG, "parameters", NULL,
		    "may not be more than 512 bytes");
	}
	if (rp != NULL && rp[0] != '\0' && strcmp(rp, "Delete") != 0 &&
	    strcmp(rp, "Retain") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "reclaimPolicy",
		    reg_quote(rp, val, sizeof val),
		    "supported values: \"Delete\", \"Retain\"");
	if (vbm == NULL)
		err_field(err, ERR_CAUSE_REQUIRED, "volumeBindingMode", NULL,
		    NULL);
	else if (strcmp(vbm, "Immediate") != 0 &&
	    strcmp(vbm, "WaitForFirstConsumer") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "volumeBindingMode",
		    reg_quote(vbm, val, sizeof val), "supported values: "
		    "\"Immediate\", \"WaitForFirstConsumer\"");
	if (old != NULL) {
		const json_t *p = json_object_get(obj, "parameters");
		const json_t *op = json_object_get(old, "parameters");

		if (!json_equal((json_t *)p, (json_t *)op) &&
		    (json_object_size(p) || json_object_size(op)))
			err_field(err, ERR_CAUSE_FORBIDDEN, "parameters", NULL,
			    "updates to parameters are forbidden.");
		if (!json_equal(json_object_get(obj, "provisioner"),
		    json_object_get(old, "provisioner")))
			err_field(err, ERR_CAUSE_FORBIDDEN, "provisioner", NULL,
			    "updates to provisioner are forbidden.");
		if (!json_equal(json_object_get(obj, "reclaimPolicy"),
		    json_object_get(old, "reclaimPolicy")))
			err_field(err, ERR_CAUSE_FORBIDDEN, "reclaimPolicy",
			    NULL, "updates to reclaimPolicy are forbidden.");
		reg_check_immutable(json_object_get(obj, "volumeBindingMode"),
		    json_object_get(old, "volumeBindingMode"),
		    "volumeBindingMode", err);
	}
	return err_invalid(err, "StorageClass.storage.k8s.io", reg_str(obj,
	    "metadata.name"));
}

static int
storageclasses_is_default(const json_t *obj)
{
	const json_t *ann = reg_get(obj, "metadata.annotations");
	const char *v;

	v = json_string_value(json_object_get(ann,
	    "storageclass.kubernetes.io/is-default-class"));
	if (v != NULL && strcmp(v, "true") == 0)
		return 1;
	v = json_string_value(json_object_get(ann,
	    "storageclass.beta.kubernetes.io/is-default-class"));
	return v != NULL && strcmp(v, "true") == 0;
}

static void
storageclasses_row(const json_t *obj, json_t *cells, long long now)
{
	const char *rp = reg_str(obj, "reclaimPolicy");
	const char *vbm = reg_str(obj, "volumeBindingMode");
	char name[400];

	snprintf(name, sizeof name, "%s%s", reg_str(obj, "metadata.name") ?: "",
	    storageclasses_is_default(obj) ? " (default)" : "");
	json_array_append_new(cells, json_string(name));
	reg_cell_raw(cells, reg_str(obj, "provisioner"));
	json_array_append_new(cells, json_string(rp ? rp : "Delete"));
	json_array_append_new(cells, json_string(vbm ? vbm : "Immediate"));
	json_array_append_new(cells, json_boolean(json_is_true(
	    json_object_get(obj, "allowVolumeExpansion"))));
	reg_cell_age(cells, obj, now);
}

const struct registry_kind registry_storageclasses = {
	.group = "storage.k8s.io",
	.version = "v1",
	.kind = "StorageClass",
	.resource = "storageclasses",
	.singular = "storageclass",
	.short_names = storageclasses_short,
	.defaults = storageclasses_defaults,
	.validate = storageclasses_validate,
	.columns = storageclasses_columns,
	.row = storageclasses_row,
};
