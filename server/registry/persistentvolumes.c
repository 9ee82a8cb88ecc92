/* persistentvolumes.c - core/v1 PersistentVolume: Retain, Filesystem and
 * Pending by default, one volume source, capacity "storage" only, and
 * the access-mode helpers claims share.
 */
#include <stdlib.h>
#include <string.h>

#include "kinds.h"

static const char *const persistentvolumes_short[] = { "pv", NULL };

static const char *const persistentvolumes_sources[] = {
	"hostPath", "gcePersistentDisk", "awsElasticBlockStore", "glusterfs",
	"nfs", "rbd", "quobyte", "cephfs", "iscsi", "cinder", "fc", "flocker",
	"flexVolume", "azureFile", "vsphereVolume", "azureDisk",
	"photonPersistentDisk", "portworxVolume", "scaleIO", "local",
	"storageos", "csi", NULL,
};

static const struct registry_column persistentvolumes_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Capacity", "string", "", "capacity is the description of the "
	    "persistent volume's resources and capacity. More info: https://"
	    "kubernetes.io/docs/concepts/storage/persistent-volumes#capacity",
	    0 },
	{ "Access Modes", "string", "", "accessModes contains all ways the "
	    "volume can be mounted. More info: https://kubernetes.io/docs/"
	    "concepts/storage/persistent-volumes#access-modes", 0 },
	{ "Reclaim Policy", "string", "", "persistentVolumeReclaimPolicy "
	    "defines what happens to a persistent volume when released from "
	    "its claim. Valid options are Retain (default for manually "
	    "created PersistentVolumes), Delete (default for dynamically "
	    "provisioned PersistentVolumes), and Recycle (deprecated). Recycle "
	    "must be supported by the volume plugin underlying this "
	    "PersistentVolume. More info: https://kubernetes.io/docs/concepts/"
	    "storage/persistent-volumes#reclaiming", 0 },
	{ "Status", "string", "", "phase indicates if a volume is available, "
	    "bound to a claim, or released by a claim. More info: https://"
	    "kubernetes.io/docs/concepts/storage/persistent-volumes#phase", 0 },
	{ "Claim", "string", "", "claimRef is part of a bi-directional "
	    "binding between PersistentVolume and PersistentVolumeClaim. "
	    "Expected to be non-nil when bound. claim.VolumeName is the "
	    "authoritative bind between PV and PVC. More info: https://"
	    "kubernetes.io/docs/concepts/storage/persistent-volumes#binding",
	    0 },
	{ "StorageClass", "string", "", "StorageClass of the pv", 0 },
	{ "VolumeAttributesClass", "string", "", "VolumeAttributesClass of "
	    "the pv", 0 },
	{ "Reason", "string", "", "reason is a brief CamelCase string that "
	    "describes any failure and is meant for machine parsing and tidy "
	    "display in the CLI.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ "VolumeMode", "string", "", "volumeMode defines if a volume is "
	    "intended to be used with a formatted filesystem or to remain in "
	    "raw block state. Value of Filesystem is implied when not "
	    "included in spec.", 1 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static int
persistentvolumes_has_mode(const json_t *modes, const char *m)
{
	const json_t *v;
	size_t i;

	json_array_foreach(modes, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), m) == 0)
			return 1;
	return 0;
}

void
persistentvolumes_access_modes(const json_t *modes, struct buf *b)
{
	static const char *const long_names[] = { "ReadWriteOnce",
	    "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod" };
	static const char *const short_names[] = { "RWO", "ROX", "RWX",
	    "RWOP" };
	size_t i, n = 0;

	for (i = 0; i < 4; i++)
		if (persistentvolumes_has_mode(modes, long_names[i]))
			buf_addf(b, "%s%s", n++ ? "," : "", short_names[i]);
}

void
persistentvolumes_check_modes(const json_t *spec, const char *path,
    struct err *err)
{
	const json_t *v;
	const char *m;
	char field[200], val[300];
	size_t i;

	json_array_foreach(json_object_get(spec, "accessModes"), i, v) {
		m = json_string_value(v);
		if (m != NULL && (strcmp(m, "ReadWriteOnce") == 0 ||
		    strcmp(m, "ReadOnlyMany") == 0 ||
		    strcmp(m, "ReadWriteMany") == 0 ||
		    strcmp(m, "ReadWriteOncePod") == 0))
			continue;
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, reg_path(field,
		    sizeof field, path, "accessModes"), reg_quote(m ? m : "",
		    val, sizeof val), "supported values: \"ReadOnlyMany\", "
		    "\"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"");
	}
	m = reg_str(spec, "volumeMode");
	if (m != NULL && strcmp(m, "Block") != 0 &&
	    strcmp(m, "Filesystem") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, reg_path(field,
		    sizeof field, path, "volumeMode"), reg_quote(m, val,
		    sizeof val), "supported values: \"Block\", \"Filesystem\"");
}

static void
persistentvolumes_defaults(json_t *obj)
{
	json_t *spec = reg_mkpath(obj, "spec");

	reg_canon_quantities(json_object_get(spec, "capacity"));
	reg_default_str(spec, "persistentVolumeReclaimPolicy", "Retain");
	reg_default_str(spec, "volumeMode", "Filesystem");
	if (reg_creating(obj)) {
		json_object_set_new(obj, "status", json_object());
		if (reg_get(obj, "metadata.creationTimestamp") != NULL)
			json_object_set(json_object_get(obj, "status"),
			    "lastPhaseTransitionTime",
			    reg_get(obj, "metadata.creationTimestamp"));
	}
	reg_default_str(obj, "status.phase", "Pending");
}

static int
persistentvolumes_validate(const json_t *obj, const json_t *old,
    struct err *err)
{
	const json_t *spec = json_object_get(obj, "spec");
	const json_t *cap = json_object_get(spec, "capacity");
	const char *const *s;
	const char *p;
	char field[200], val[300];
	int n = 0;

	if (json_array_size(json_object_get(spec, "accessModes")) == 0)
		err_field(err, ERR_CAUSE_REQUIRED, "spec.accessModes", NULL,
		    NULL);
	persistentvolumes_check_modes(spec, "spec", err);
	if (json_object_size(cap) == 0)
		err_field(err, ERR_CAUSE_REQUIRED, "spec.capacity", NULL, NULL);
	if (json_object_get(cap, "storage") == NULL ||
	    json_object_size(cap) > 1) {
		char *text = cap ? json_dumps(cap, JSON_COMPACT) : NULL;

		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "spec.capacity",
		    text ? text : "{}", "supported values: \"storage\"");
		free(text);
	}
	reg_check_quantities(cap, "spec.capacity", err);
	p = reg_str(spec, "persistentVolumeReclaimPolicy");
	if (p != NULL && p[0] != '\0' && strcmp(p, "Delete") != 0 &&
	    strcmp(p, "Recycle") != 0 && strcmp(p, "Retain") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED,
		    "spec.persistentVolumeReclaimPolicy", reg_quote(p, val,
		    sizeof val), "supported values: \"Delete\", \"Recycle\", "
		    "\"Retain\"");
	for (s = persistentvolumes_sources; *s != NULL; s++) {
		if (json_object_get(spec, *s) == NULL)
			continue;
		if (n++ > 0)
			err_field(err, ERR_CAUSE_FORBIDDEN, reg_path(field,
			    sizeof field, "spec", *s), NULL, "may not specify "
			    "more than 1 volume type");
	}
	if (n == 0)
		err_field(err, ERR_CAUSE_REQUIRED, "spec", NULL,
		    "must specify a volume type");
	if (old != NULL)
		reg_check_immutable(reg_get(obj, "spec.volumeMode"),
		    reg_get(old, "spec.volumeMode"), "spec.volumeMode", err);
	return err_invalid(err, "PersistentVolume",
	    reg_str(obj, "metadata.name"));
}

static void
persistentvolumes_row(const json_t *obj, json_t *cells, long long now)
{
	struct buf modes = BUF_INIT(256);
	const char *ns = reg_str(obj, "spec.claimRef.namespace");
	const char *name = reg_str(obj, "spec.claimRef.name");
	const char *size = reg_str(obj, "spec.capacity.storage");
	const char *phase = reg_str(obj, "status.phase");
	const char *sc, *vac;
	char claim[600] = "";

	if (json_is_object(reg_get(obj, "spec.claimRef")))
		snprintf(claim, sizeof claim, "%s/%s", ns ? ns : "",
		    name ? name : "");
	if (reg_get(obj, "metadata.deletionTimestamp") != NULL)
		phase = "Terminating";
	sc = json_string_value(json_object_get(reg_get(obj,
	    "metadata.annotations"), "volume.beta.kubernetes.io/storage-class"));
	if (sc == NULL)
		sc = reg_str(obj, "spec.storageClassName");
	vac = reg_str(obj, "spec.volumeAttributesClassName");
	persistentvolumes_access_modes(reg_get(obj, "spec.accessModes"),
	    &modes);
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_raw(cells, size ? size : "0");
	reg_cell_raw(cells, buf_str(&modes));
	reg_cell_raw(cells, reg_str(obj, "spec.persistentVolumeReclaimPolicy"));
	reg_cell_raw(cells, phase);
	reg_cell_raw(cells, claim);
	reg_cell_raw(cells, sc);
	reg_cell_raw(cells, vac ? vac : "<unset>");
	reg_cell_raw(cells, reg_str(obj, "status.reason"));
	reg_cell_age(cells, obj, now);
	reg_cell_raw(cells, reg_str(obj, "spec.volumeMode") ?
	    reg_str(obj, "spec.volumeMode") : "<unset>");
	buf_release(&modes);
}

const struct registry_kind registry_persistentvolumes = {
	.group = "",
	.version = "v1",
	.kind = "PersistentVolume",
	.resource = "persistentvolumes",
	.singular = "persistentvolume",
	.short_names = persistentvolumes_short,
	.flags = REG_STATUS,
	.defaults = persistentvolumes_defaults,
	.validate = persistentvolumes_validate,
	.columns = persistentvolumes_columns,
	.row = persistentvolumes_row,
};
