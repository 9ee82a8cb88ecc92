/* persistentvolumeclaims.c - core/v1 PersistentVolumeClaim: Filesystem and
 * Pending by default, a storage request, and a spec that only grows
 * (resources.requests) or binds once (volumeName) after creation.
 */
#include <string.h>

#include "kinds.h"

static const char *const persistentvolumeclaims_short[] = { "pvc", NULL };

static const struct registry_column persistentvolumeclaims_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Status", "string", "", "phase represents the current phase of "
	    "PersistentVolumeClaim.", 0 },
	{ "Volume", "string", "", "volumeName is the binding reference to the "
	    "PersistentVolume backing this claim.", 0 },
	{ "Capacity", "string", "", "capacity represents the actual resources "
	    "of the underlying volume.", 0 },
	{ "Access Modes", "string", "", "accessModes contains the actual "
	    "access modes the volume backing the PVC has. More info: https://"
	    "kubernetes.io/docs/concepts/storage/persistent-volumes#access-"
	    "modes-1", 0 },
	{ "StorageClass", "string", "", "StorageClass of the pvc", 0 },
	{ "VolumeAttributesClass", "string", "", "VolumeAttributesClass of "
	    "the pvc", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ "VolumeMode", "string", "", "volumeMode defines what type of volume "
	    "is required by the claim. Value of Filesystem is implied when "
	    "not included in claim spec.", 1 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static void
persistentvolumeclaims_defaults(json_t *obj)
{
	json_t *spec = reg_mkpath(obj, "spec");

	reg_canon_quantities(reg_get(spec, "resources.requests"));
	reg_canon_quantities(reg_get(spec, "resources.limits"));
	reg_canon_quantities(reg_get(obj, "status.capacity"));
	reg_default_str(spec, "volumeMode", "Filesystem");
	reg_default_str(obj, "status.phase", "Pending");
}

/* The spec with what may change after creation taken out. */
static json_t *
persistentvolumeclaims_fixed(const json_t *spec, int drop_volume,
    int drop_storage)
{
	json_t *c = json_is_object(spec) ? json_deep_copy(spec) : json_object();

	json_object_del(c, "volumeAttributesClassName");
	if (drop_volume)
		json_object_del(c, "volumeName");
	if (drop_storage)
		json_object_del(reg_get(c, "resources.requests"), "storage");
	return c;
}

static int
persistentvolumeclaims_validate(const json_t *obj, const json_t *old,
    struct err *err)
{
	const json_t *spec = json_object_get(obj, "spec");
	const char *ov, *phase;
	json_t *a, *b;
	int bound;

	if (json_array_size(json_object_get(spec, "accessModes")) == 0)
		err_field(err, ERR_CAUSE_REQUIRED, "spec.accessModes", NULL,
		    "at least 1 access mode is required");
	persistentvolumes_check_modes(spec, "spec", err);
	if (reg_get(spec, "resources.requests.storage") == NULL)
		err_field(err, ERR_CAUSE_REQUIRED, "spec.resources[storage]",
		    NULL, NULL);
	else
		reg_check_quantities(reg_get(spec, "resources.requests"),
		    "spec.resources.requests", err);
	if (old != NULL) {
		ov = reg_str(old, "spec.volumeName");
		phase = reg_str(obj, "status.phase");
		bound = phase != NULL && strcmp(phase, "Bound") == 0;
		a = persistentvolumeclaims_fixed(spec, ov == NULL || !ov[0],
		    bound);
		b = persistentvolumeclaims_fixed(json_object_get(old, "spec"),
		    ov == NULL || !ov[0], bound);
		if (!json_equal(a, b))
			err_field(err, ERR_CAUSE_FORBIDDEN, "spec", NULL, "spec "
			    "is immutable after creation except "
			    "resources.requests and volumeAttributesClassName "
			    "for bound claims");
		json_decref(a);
		json_decref(b);
	}
	return err_invalid(err, "PersistentVolumeClaim",
	    reg_str(obj, "metadata.name"));
}

static void
persistentvolumeclaims_row(const json_t *obj, json_t *cells, long long now)
{
	struct buf modes = BUF_INIT(256);
	const char *phase = reg_str(obj, "status.phase");
	const char *vol = reg_str(obj, "spec.volumeName");
	const char *cap = "", *sc, *vac;

	if (reg_get(obj, "metadata.deletionTimestamp") != NULL)
		phase = "Terminating";
	if (vol != NULL && vol[0] != '\0') {
		persistentvolumes_access_modes(reg_get(obj,
		    "status.accessModes"), &modes);
		cap = reg_str(obj, "status.capacity.storage");
		if (cap == NULL)
			cap = "0";
	}
	sc = json_string_value(json_object_get(reg_get(obj,
	    "metadata.annotations"), "volume.beta.kubernetes.io/storage-class"));
	if (sc == NULL)
		sc = reg_str(obj, "spec.storageClassName");
	vac = reg_str(obj, "spec.volumeAttributesClassName");
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_raw(cells, phase);
	reg_cell_raw(cells, vol);
	reg_cell_raw(cells, cap);
	reg_cell_raw(cells, buf_str(&modes));
	reg_cell_raw(cells, sc);
	reg_cell_raw(cells, vac ? vac : "<unset>");
	reg_cell_age(cells, obj, now);
	reg_cell_raw(cells, reg_str(obj, "spec.volumeMode") ?
	    reg_str(obj, "spec.volumeMode") : "<unset>");
	buf_release(&modes);
}

const struct registry_kind registry_persistentvolumeclaims = {
	.group = "",
	.version = "v1",
	.kind = "PersistentVolumeClaim",
	.resource = "persistentvolumeclaims",
	.singular = "persistentvolumeclaim",
	.short_names = persistentvolumeclaims_short,
	.flags = REG_NAMESPACED | REG_STATUS,
	.defaults = persistentvolumeclaims_defaults,
	.validate = persistentvolumeclaims_validate,
	.columns = persistentvolumeclaims_columns,
	.row = persistentvolumeclaims_row,
};
