/* storage.c - kubec describe for PersistentVolumes (class, claim, node
 * affinity, the volume's source), PersistentVolumeClaims (capacity once
 * bound, the pods using the claim, conditions) and StorageClasses, in
 * kubectl's layout. */
#include <stdlib.h>
#include <string.h>

#include "describe.h"

/* storageutil.GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order */
static void
storage_access_modes(struct buf *b, const json_t *modes)
{
	static const char *const names[][2] = { { "ReadWriteOnce", "RWO" },
	    { "ReadOnlyMany", "ROX" }, { "ReadWriteMany", "RWX" },
	    { "ReadWriteOncePod", "RWOP" } };
	const json_t *m;
	size_t i, j;
	int shown = 0;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		json_array_foreach(modes, j, m)
			if (strcmp(json_string_value(m) ?: "", names[i][0]) == 0) {
				buf_addf(b, "%s%s", shown++ ? "," : "",
				    names[i][1]);
				break;
			}
}

/* "Terminating (lasts 5m)" while deleted, else the phase */
static void
storage_status(struct buf *b, const json_t *obj)
{
	const char *del = describe_str(json_object_get(obj, "metadata"),
	    "deletionTimestamp");

	if (del == NULL) {
		buf_addf(b, "Status:\t%s\n", describe_s(json_object_get(obj,
		    "status"), "phase"));
		return;
	}
	buf_adds(b, "Status:\tTerminating (lasts ");
	describe_age(b, del);
	buf_adds(b, ")\n");
}

static void
storage_node_affinity(struct buf *b, const json_t *aff)
{
	const json_t *req = json_object_get(aff, "required"), *term, *e;
	size_t i, j;

	if (req == NULL) {
		buf_adds(b, "Node Affinity:\t<none>\n");
		return;
	}
	buf_adds(b, "Node Affinity:\t\n  Required Terms:\t");
	if (json_array_size(json_object_get(req, "nodeSelectorTerms")) == 0) {
		buf_adds(b, "<none>\n");
		return;
	}
	buf_adds(b, "\n");
	json_array_foreach(json_object_get(req, "nodeSelectorTerms"), i, term) {
		const json_t *exprs = json_object_get(term, "matchExpressions");

		buf_addf(b, "    Term %zu:\t", i);
		if (json_array_size(exprs) == 0)
			buf_adds(b, "<none>\n");
		json_array_foreach(exprs, j, e) {
			const char *op = describe_s(e, "operator");

			if (j)
				buf_adds(b, "    \t");
			buf_addf(b, "%s ", describe_s(e, "key"));
			for (; *op != '\0'; op++)
				buf_addc(b, (char)(*op >= 'A' && *op <= 'Z' ?
				    *op - 'A' + 'a' : *op));
			if (json_array_size(json_object_get(e, "values")) > 0) {
				buf_adds(b, " [");
				describe_join(b, json_object_get(e, "values"),
				    ", ");
				buf_adds(b, "]");
			}
			buf_adds(b, "\n");
		}
	}
}

/* The volume's source in the order of describePersistentVolume's
 * switch: those kubectl prints as a pod's volume's (volumes.c), the
 * PersistentVolume's own glusterfs, local and CSI; <unknown> for the
 * others. */
static void
storage_source(struct buf *b, const json_t *spec)
{
	static const char *const order[] = { "hostPath", "gcePersistentDisk",
	    "awsElasticBlockStore", "nfs", "glusterfs", "quobyte",
	    "vsphereVolume", "azureDisk", "photonPersistentDisk",
	    "portworxVolume", "local", "fc", "flocker", "csi" };
	const json_t *s = NULL;
	size_t i;

	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		if (json_is_object(s = json_object_get(spec, order[i])))
			break;
	if (i == sizeof order / sizeof order[0])
		buf_adds(b, "  <unknown>\n");
	else if (strcmp(order[i], "glusterfs") == 0)
		buf_addf(b, "    Type:\tGlusterfs (a Glusterfs mount on the host "
		    "that shares a pod's lifetime)\n    EndpointsName:\t%s\n"
		    "    EndpointsNamespace:\t%s\n    Path:\t%s\n"
		    "    ReadOnly:\t%s\n", describe_s(s, "endpoints"),
		    describe_str(s, "endpointsNamespace") ?: "<unset>",
		    describe_s(s, "path"), describe_bool(s, "readOnly"));
	else if (strcmp(order[i], "local") == 0)
		buf_addf(b, "    Type:\tLocalVolume (a persistent volume backed by "
		    "local storage on a node)\n    Path:\t%s\n",
		    describe_s(s, "path"));
	else if (strcmp(order[i], "csi") == 0) {
		buf_addf(b, "    Type:\tCSI (a Container Storage Interface (CSI) "
		    "volume source)\n    Driver:\t%s\n    FSType:\t%s\n"
		    "    VolumeHandle:\t%s\n    ReadOnly:\t%s\n",
		    describe_s(s, "driver"), describe_s(s, "fsType"),
		    describe_s(s, "volumeHandle"), describe_bool(s, "readOnly"));
		volumes_csi_attributes(b, json_object_get(s,
		    "volumeAttributes"));
	} else
		volumes_source(b, spec, order[i]);
}

void
describe_persistentvolume(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *m = json_object_get(obj, "metadata"), *spec =
	    json_object_get(obj, "spec"), *claim = json_object_get(spec,
	    "claimRef");
	const char *class = describe_str(json_object_get(m, "annotations"),
	    "volume.beta.kubernetes.io/storage-class");

	describe_meta(b, obj, 0);
	buf_adds(b, "Finalizers:\t");
	describe_golist(b, json_object_get(m, "finalizers"));
	buf_addf(b, "\nStorageClass:\t%s\n", class ?: describe_s(spec,
	    "storageClassName"));
	storage_status(b, obj);
	if (claim != NULL)
		buf_addf(b, "Claim:\t%s/%s\n", describe_s(claim, "namespace"),
		    describe_s(claim, "name"));
	else
		buf_adds(b, "Claim:\t\n");
	buf_addf(b, "Reclaim Policy:\t%s\nAccess Modes:\t",
	    describe_s(spec, "persistentVolumeReclaimPolicy"));
	storage_access_modes(b, json_object_get(spec, "accessModes"));
	buf_adds(b, "\n");
	if (describe_str(spec, "volumeMode") != NULL)
		buf_addf(b, "VolumeMode:\t%s\n", describe_str(spec, "volumeMode"));
	buf_adds(b, "Capacity:\t");
	describe_quantity(b, json_object_get(json_object_get(spec, "capacity"),
	    "storage"));
	buf_adds(b, "\n");
	storage_node_affinity(b, json_object_get(spec, "nodeAffinity"));
	buf_addf(b, "Message:\t%s\nSource:\n", describe_s(json_object_get(obj,
	    "status"), "message"));
	storage_source(b, spec);
	describe_events(c, obj, b);
}

/* The pods of the claim's namespace with a volume of the claim (once per
 * such volume, as kubectl), then the pods owning it, by name. */
static void
storage_used_by(struct cli *c, const json_t *pvc, struct buf *b)
{
	const json_t *m = json_object_get(pvc, "metadata"), *p, *v, *o;
	const char *name = describe_s(m, "name");
	json_t *pods = NULL, *names = json_array(), *uids = json_object();
	struct buf path = BUF_INIT(4096);
	struct err err;
	size_t i, j, n;
	const char **sorted;

	err_clear(&err);
	buf_addf(&path, "/api/v1/namespaces/%s/pods", describe_s(m,
	    "namespace"));
	if (cli_get_json(c, buf_str(&path), &pods, &err) < 0)
		pods = NULL;
	json_array_foreach(json_object_get(pods, "items"), i, p)
		json_array_foreach(json_object_get(json_object_get(p, "spec"),
		    "volumes"), j, v)
			if (strcmp(describe_str(json_object_get(v,
			    "persistentVolumeClaim"), "claimName") ?: "\n",
			    name) == 0) {
				json_array_append_new(names, json_string(
				    describe_s(json_object_get(p, "metadata"),
				    "name")));
				json_object_set_new(uids, describe_s(
				    json_object_get(p, "metadata"), "uid"),
				    json_true());
			}
	json_array_foreach(json_object_get(m, "ownerReferences"), i, o) {
		if (strcmp(describe_s(o, "kind"), "Pod") != 0)
			continue;
		json_array_foreach(json_object_get(pods, "items"), j, p) {
			const char *uid = describe_s(json_object_get(p,
			    "metadata"), "uid");

			if (strcmp(uid, describe_s(o, "uid")) != 0)
				continue;
			if (json_object_get(uids, uid) == NULL) {
				json_array_append_new(names, json_string(
				    describe_s(json_object_get(p,
				    "metadata"), "name")));
				json_object_set_new(uids, uid, json_true());
			}
			break;
		}
	}
	n = json_array_size(names);
	sorted = calloc(n ? n : 1, sizeof *sorted);
	buf_adds(b, "Used By:\t");
	if (n == 0 || sorted == NULL)
		buf_adds(b, "<none>\n");
	for (i = 0; sorted != NULL && i < n; i++)
		sorted[i] = json_string_value(json_array_get(names, i));
	if (sorted != NULL && n > 0) {
		qsort(sorted, n, sizeof *sorted, describe_strcmp);
		for (i = 0; i < n; i++)
			buf_addf(b, "%s%s\n", i ? "\t" : "", sorted[i]);
	}
	free(sorted);
	json_decref(names);
	json_decref(uids);
	json_decref(pods);
	buf_release(&path);
}

void
describe_persistentvolumeclaim(struct cli *c, const json_t *obj,
    struct buf *b)
{
	const json_t *m = json_object_get(obj, "metadata"), *spec =
	    json_object_get(obj, "spec"), *st = json_object_get(obj, "status"),
	    *ds = json_object_get(spec, "dataSource");
	const char *class = describe_str(json_object_get(m, "annotations"),
	    "volume.beta.kubernetes.io/storage-class"), *vol =
	    describe_s(spec, "volumeName");

	buf_addf(b, "Name:\t%s\nNamespace:\t%s\nStorageClass:\t%s\n",
	    describe_s(m, "name"), describe_s(m, "namespace"),
	    class ?: describe_s(spec, "storageClassName"));
	storage_status(b, obj);
	buf_addf(b, "Volume:\t%s\n", vol);
	describe_labels(b, "Labels", json_object_get(m, "labels"));
	describe_annotations(b, json_object_get(m, "annotations"));
	buf_adds(b, "Finalizers:\t");
	describe_golist(b, json_object_get(m, "finalizers"));
	buf_adds(b, "\nCapacity:\t");
	/* capacity and access modes once bound */
	if (vol[0] != '\0')
		describe_quantity(b, json_object_get(json_object_get(st,
		    "capacity"), "storage"));
	buf_adds(b, "\nAccess Modes:\t");
	if (vol[0] != '\0')
		storage_access_modes(b, json_object_get(st, "accessModes"));
	buf_adds(b, "\n");
	if (describe_str(spec, "volumeMode") != NULL)
		buf_addf(b, "VolumeMode:\t%s\n", describe_str(spec, "volumeMode"));
	if (ds != NULL) {
		buf_adds(b, "DataSource:\n");
		describe_object_ref(b, "  ", ds);
	}
	storage_used_by(c, obj, b);
	describe_conditions(b, json_object_get(st, "conditions"),
	    "lastProbeTime");
	describe_events(c, obj, b);
}

void
describe_storageclass(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *m = json_object_get(obj, "metadata"), *ann =
	    json_object_get(m, "annotations"), *o, *term, *e;
	const char *def = describe_str(ann,
	    "storageclass.kubernetes.io/is-default-class"), *bdef =
	    describe_str(ann, "storageclass.beta.kubernetes.io/is-default-class"),
	    *exp;
	size_t i, j;

	buf_addf(b, "Name:\t%s\nIsDefaultClass:\t%s\nAnnotations:\t",
	    describe_s(m, "name"), (def && strcmp(def, "true") == 0) ||
	    (bdef && strcmp(bdef, "true") == 0) ? "Yes" : "No");
	print_labels(b, ann, "<none>");
	buf_addf(b, "\nProvisioner:\t%s\nParameters:\t", describe_s(obj,
	    "provisioner"));
	print_labels(b, json_object_get(obj, "parameters"), "<none>");
	o = json_object_get(obj, "allowVolumeExpansion");
	exp = o == NULL ? "<unset>" : json_is_true(o) ? "True" : "False";
	buf_addf(b, "\nAllowVolumeExpansion:\t%s\n", exp);
	if (json_array_size(json_object_get(obj, "mountOptions")) == 0)
		buf_adds(b, "MountOptions:\t<none>\n");
	else {
		buf_adds(b, "MountOptions:\n");
		json_array_foreach(json_object_get(obj, "mountOptions"), i, o)
			buf_addf(b, "  %s\n", json_string_value(o) ?: "");
	}
	if (describe_str(obj, "reclaimPolicy") != NULL)
		buf_addf(b, "ReclaimPolicy:\t%s\n", describe_str(obj,
		    "reclaimPolicy"));
	if (describe_str(obj, "volumeBindingMode") != NULL)
		buf_addf(b, "VolumeBindingMode:\t%s\n", describe_str(obj,
		    "volumeBindingMode"));
	if (json_object_get(obj, "allowedTopologies") != NULL) {
		buf_adds(b, "AllowedTopologies:\t");
		if (json_array_size(json_object_get(obj,
		    "allowedTopologies")) == 0)
			buf_adds(b, "<none>");
		buf_adds(b, "\n");
		json_array_foreach(json_object_get(obj, "allowedTopologies"), i,
		    term) {
			const json_t *exprs = json_object_get(term,
			    "matchLabelExpressions");

			buf_addf(b, "  Term %zu:\t", i);
			if (json_array_size(exprs) == 0)
				buf_adds(b, "<none>\n");
			json_array_foreach(exprs, j, e) {
				buf_addf(b, "%s%s in", j ? "  \t" : "",
				    describe_s(e, "key"));
				if (json_array_size(json_object_get(e,
				    "values")) > 0) {
					buf_adds(b, " [");
					describe_join(b, json_object_get(e,
					    "values"), ", ");
					buf_adds(b, "]");
				}
				buf_adds(b, "\n");
			}
		}
	}
	describe_events(c, obj, b);
}
