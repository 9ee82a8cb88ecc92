/* storage.c - kubec describe for PersistentVolumes (class, claim, node
 * affinity, the volume's source), PersistentVolumeClaims (capacity once
 * bound, the pods using the claim, conditions) and StorageClasses, in
 * kubectl's layout. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/quantity.h"
#include "../../lib/rfc3339.h"
#include "describe.h"

/* Go's Quantity.String() of a quantity, "0" when absent */
static void
storage_quantity(struct buf *b, const char *s)
{
	char out[128];
	struct err err;

	err_clear(&err);
	if (s != NULL && quantity_canonical(s, out, sizeof out, &err) >= 0)
		buf_adds(b, out);
	else
		buf_adds(b, s ?: "0");
}

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

/* Go's %v of a []string */
static void
storage_list(struct buf *b, const json_t *list)
{
	const json_t *v;
	size_t i;

	buf_adds(b, "[");
	json_array_foreach(list, i, v)
		buf_addf(b, "%s%s", i ? " " : "", json_string_value(v) ?: "");
	buf_adds(b, "]");
}

static const char *
storage_bool(const json_t *v)
{
	return json_is_true(v) ? "true" : "false";
}

/* "Terminating (lasts 5m)" while deleted, else the phase */
static void
storage_status(struct buf *b, const json_t *obj)
{
	const char *del = describe_str(json_object_get(obj, "metadata"),
	    "deletionTimestamp");
	struct timespec ts;
	char age[64];

	if (del == NULL) {
		buf_addf(b, "Status:\t%s\n", describe_str(json_object_get(obj,
		    "status"), "phase") ?: "");
		return;
	}
	if (rfc3339_parse(del, &ts) < 0)
		snprintf(age, sizeof age, "<unknown>");
	else
		rfc3339_human_duration((long long)(time(NULL) - ts.tv_sec),
		    age, sizeof age);
	buf_addf(b, "Status:\tTerminating (lasts %s)\n", age);
}

static void
storage_node_affinity(struct buf *b, const json_t *aff)
{
	const json_t *req = json_object_get(aff, "required"), *term, *e, *v;
	size_t i, j, k;

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
			const char *op = describe_str(e, "operator") ?: "";

			if (j)
				buf_adds(b, "    \t");
			buf_addf(b, "%s ", describe_str(e, "key") ?: "");
			for (; *op != '\0'; op++)
				buf_addc(b, (char)(*op >= 'A' && *op <= 'Z' ?
				    *op - 'A' + 'a' : *op));
			if (json_array_size(json_object_get(e, "values")) > 0) {
				buf_adds(b, " [");
				json_array_foreach(json_object_get(e, "values"),
				    k, v)
					buf_addf(b, "%s%s", k ? ", " : "",
					    json_string_value(v) ?: "");
				buf_adds(b, "]");
			}
			buf_adds(b, "\n");
		}
	}
}

/* kubectl's printCSIPersistentVolumeAttributesMultiline, its indents as
 * they are */
static void
storage_csi_attributes(struct buf *b, const json_t *attrs)
{
	size_t n, i;
	const char **keys = print_keys(attrs, &n);

	buf_adds(b, "    VolumeAttributes:\t");
	if (n == 0)
		buf_adds(b, "<none>\n");
	for (i = 0; keys != NULL && i < n; i++) {
		struct buf line = BUF_INIT(1 << 20);

		if (i)
			buf_adds(b, "        \t");
		buf_addf(&line, "%s=%s", keys[i], describe_str(attrs, keys[i]) ?:
		    "");
		if (line.len > 140)
			buf_addf(b, "    %.140s...\n", buf_str(&line));
		else
			buf_addf(b, "    %s\n", buf_str(&line));
		buf_release(&line);
	}
	free(keys);
}

/* The volume's source, as kubectl's print*VolumeSource for the kinds of
 * PersistentVolumes met in practice; <unknown> for the others. */
static void
storage_source(struct buf *b, const json_t *spec)
{
	const json_t *s;

	if ((s = json_object_get(spec, "hostPath")) != NULL)
		buf_addf(b, "    Type:\tHostPath (bare host directory volume)\n"
		    "    Path:\t%s\n    HostPathType:\t%s\n",
		    describe_str(s, "path") ?: "", describe_str(s, "type") ?:
		    "<none>");
	else if ((s = json_object_get(spec, "gcePersistentDisk")) != NULL)
		buf_addf(b, "    Type:\tGCEPersistentDisk (a Persistent Disk "
		    "resource in Google Compute Engine)\n    PDName:\t%s\n"
		    "    FSType:\t%s\n    Partition:\t%lld\n    ReadOnly:\t%s\n",
		    describe_str(s, "pdName") ?: "", describe_str(s, "fsType") ?:
		    "", (long long)json_integer_value(json_object_get(s,
		    "partition")), storage_bool(json_object_get(s, "readOnly")));
	else if ((s = json_object_get(spec, "awsElasticBlockStore")) != NULL)
		buf_addf(b, "    Type:\tAWSElasticBlockStore (a Persistent Disk "
		    "resource in AWS)\n    VolumeID:\t%s\n    FSType:\t%s\n"
		    "    Partition:\t%lld\n    ReadOnly:\t%s\n",
		    describe_str(s, "volumeID") ?: "", describe_str(s,
		    "fsType") ?: "", (long long)json_integer_value(
		    json_object_get(s, "partition")), storage_bool(
		    json_object_get(s, "readOnly")));
	else if ((s = json_object_get(spec, "nfs")) != NULL)
		buf_addf(b, "    Type:\tNFS (an NFS mount that lasts the lifetime "
		    "of a pod)\n    Server:\t%s\n    Path:\t%s\n"
		    "    ReadOnly:\t%s\n", describe_str(s, "server") ?: "",
		    describe_str(s, "path") ?: "", storage_bool(json_object_get(s,
		    "readOnly")));
	else if ((s = json_object_get(spec, "glusterfs")) != NULL)
		buf_addf(b, "    Type:\tGlusterfs (a Glusterfs mount on the host "
		    "that shares a pod's lifetime)\n    EndpointsName:\t%s\n"
		    "    EndpointsNamespace:\t%s\n    Path:\t%s\n"
		    "    ReadOnly:\t%s\n", describe_str(s, "endpoints") ?: "",
		    describe_str(s, "endpointsNamespace") ?: "<unset>",
		    describe_str(s, "path") ?: "", storage_bool(json_object_get(s,
		    "readOnly")));
	else if ((s = json_object_get(spec, "local")) != NULL)
		buf_addf(b, "    Type:\tLocalVolume (a persistent volume backed by "
		    "local storage on a node)\n    Path:\t%s\n",
		    describe_str(s, "path") ?: "");
	else if ((s = json_object_get(spec, "fc")) != NULL) {
		const json_t *lun = json_object_get(s, "lun"), *w;
		size_t i;

		buf_adds(b, "    Type:\tFC (a Fibre Channel disk)\n"
		    "    TargetWWNs:\t");
		json_array_foreach(json_object_get(s, "targetWWNs"), i, w)
			buf_addf(b, "%s%s", i ? ", " : "", json_string_value(w) ?:
			    "");
		buf_adds(b, "\n    LUN:\t");
		if (lun != NULL)
			buf_addf(b, "%lld", (long long)json_integer_value(lun));
		else
			buf_adds(b, "<none>");
		buf_addf(b, "\n    FSType:\t%s\n    ReadOnly:\t%s\n",
		    describe_str(s, "fsType") ?: "", storage_bool(
		    json_object_get(s, "readOnly")));
	} else if ((s = json_object_get(spec, "csi")) != NULL) {
		buf_addf(b, "    Type:\tCSI (a Container Storage Interface (CSI) "
		    "volume source)\n    Driver:\t%s\n    FSType:\t%s\n"
		    "    VolumeHandle:\t%s\n    ReadOnly:\t%s\n",
		    describe_str(s, "driver") ?: "", describe_str(s, "fsType") ?:
		    "", describe_str(s, "volumeHandle") ?: "", storage_bool(
		    json_object_get(s, "readOnly")));
		storage_csi_attributes(b, json_object_get(s, "volumeAttributes"));
	} else
		buf_adds(b, "  <unknown>\n");
}

void
describe_persistentvolume(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *m = json_object_get(obj, "metadata"), *spec =
	    json_object_get(obj, "spec"), *claim = json_object_get(spec,
	    "claimRef");
	const char *class = describe_str(json_object_get(m, "annotations"),
	    "volume.beta.kubernetes.io/storage-class");

	buf_addf(b, "Name:\t%s\n", describe_str(m, "name") ?: "");
	describe_labels(b, "Labels:", json_object_get(m, "labels"));
	describe_annotations(b, json_object_get(m, "annotations"));
	buf_adds(b, "Finalizers:\t");
	storage_list(b, json_object_get(m, "finalizers"));
	buf_addf(b, "\nStorageClass:\t%s\n", class ?: describe_str(spec,
	    "storageClassName") ?: "");
	storage_status(b, obj);
	if (claim != NULL)
		buf_addf(b, "Claim:\t%s/%s\n", describe_str(claim, "namespace") ?:
		    "", describe_str(claim, "name") ?: "");
	else
		buf_adds(b, "Claim:\t\n");
	buf_addf(b, "Reclaim Policy:\t%s\nAccess Modes:\t",
	    describe_str(spec, "persistentVolumeReclaimPolicy") ?: "");
	storage_access_modes(b, json_object_get(spec, "accessModes"));
	buf_adds(b, "\n");
	if (describe_str(spec, "volumeMode") != NULL)
		buf_addf(b, "VolumeMode:\t%s\n", describe_str(spec, "volumeMode"));
	buf_adds(b, "Capacity:\t");
	storage_quantity(b, describe_str(json_object_get(spec, "capacity"),
	    "storage"));
	buf_adds(b, "\n");
	storage_node_affinity(b, json_object_get(spec, "nodeAffinity"));
	buf_addf(b, "Message:\t%s\nSource:\n", describe_str(json_object_get(obj,
	    "status"), "message") ?: "");
	storage_source(b, spec);
	describe_events(c, obj, b);
}

/* Go's time.Format(RFC1123Z) of a condition's time, the zero time when
 * it is not set */
static void
storage_cond_time(struct buf *b, const char *t)
{
	if (t == NULL)
		buf_adds(b, "Mon, 01 Jan 0001 00:00:00 +0000");
	else
		describe_time(b, t);
}

/* The pods of the claim's namespace with a volume of the claim (once per
 * such volume, as kubectl), then the pods owning it, by name. */
static void
storage_used_by(struct cli *c, const json_t *pvc, struct buf *b)
{
	const json_t *m = json_object_get(pvc, "metadata"), *p, *v, *o;
	const char *name = describe_str(m, "name") ?: "";
	json_t *pods = NULL, *names = json_array(), *uids = json_object();
	struct buf path = BUF_INIT(4096);
	struct err err;
	size_t i, j, n;
	const char **sorted;

	err_clear(&err);
	buf_addf(&path, "/api/v1/namespaces/%s/pods", describe_str(m,
	    "namespace") ?: "");
	if (cli_get_json(c, buf_str(&path), &pods, &err) < 0)
		pods = NULL;
	json_array_foreach(json_object_get(pods, "items"), i, p)
		json_array_foreach(json_object_get(json_object_get(p, "spec"),
		    "volumes"), j, v)
			if (strcmp(describe_str(json_object_get(v,
			    "persistentVolumeClaim"), "claimName") ?: "\n",
			    name) == 0) {
				json_array_append_new(names, json_string(
				    describe_str(json_object_get(p, "metadata"),
				    "name") ?: ""));
				json_object_set_new(uids, describe_str(
				    json_object_get(p, "metadata"), "uid") ?: "",
				    json_true());
			}
	json_array_foreach(json_object_get(m, "ownerReferences"), i, o) {
		if (strcmp(describe_str(o, "kind") ?: "", "Pod") != 0)
			continue;
		json_array_foreach(json_object_get(pods, "items"), j, p) {
			const char *uid = describe_str(json_object_get(p,
			    "metadata"), "uid") ?: "";

			if (strcmp(uid, describe_str(o, "uid") ?: "") != 0)
				continue;
			if (json_object_get(uids, uid) == NULL) {
				json_array_append_new(names, json_string(
				    describe_str(json_object_get(p,
				    "metadata"), "name") ?: ""));
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
	    *ds = json_object_get(spec, "dataSource"), *cond;
	const char *class = describe_str(json_object_get(m, "annotations"),
	    "volume.beta.kubernetes.io/storage-class"), *vol =
	    describe_str(spec, "volumeName") ?: "";
	size_t i;

	buf_addf(b, "Name:\t%s\nNamespace:\t%s\nStorageClass:\t%s\n",
	    describe_str(m, "name") ?: "", describe_str(m, "namespace") ?: "",
	    class ?: describe_str(spec, "storageClassName") ?: "");
	storage_status(b, obj);
	buf_addf(b, "Volume:\t%s\n", vol);
	describe_labels(b, "Labels:", json_object_get(m, "labels"));
	describe_annotations(b, json_object_get(m, "annotations"));
	buf_adds(b, "Finalizers:\t");
	storage_list(b, json_object_get(m, "finalizers"));
	buf_adds(b, "\nCapacity:\t");
	/* capacity and access modes once bound */
	if (vol[0] != '\0')
		storage_quantity(b, describe_str(json_object_get(st,
		    "capacity"), "storage"));
	buf_adds(b, "\nAccess Modes:\t");
	if (vol[0] != '\0')
		storage_access_modes(b, json_object_get(st, "accessModes"));
	buf_adds(b, "\n");
	if (describe_str(spec, "volumeMode") != NULL)
		buf_addf(b, "VolumeMode:\t%s\n", describe_str(spec, "volumeMode"));
	if (ds != NULL) {
		buf_adds(b, "DataSource:\n");
		if (describe_str(ds, "apiGroup") != NULL)
			buf_addf(b, "  APIGroup:\t%s\n", describe_str(ds,
			    "apiGroup"));
		buf_addf(b, "  Kind:\t%s\n  Name:\t%s\n", describe_str(ds,
		    "kind") ?: "", describe_str(ds, "name") ?: "");
	}
	storage_used_by(c, obj, b);
	if (json_array_size(json_object_get(st, "conditions")) > 0) {
		buf_adds(b, "Conditions:\n  Type\tStatus\tLastProbeTime\t"
		    "LastTransitionTime\tReason\tMessage\n  ----\t------\t"
		    "-----------------\t------------------\t------\t-------\n");
		json_array_foreach(json_object_get(st, "conditions"), i, cond) {
			buf_addf(b, "  %s \t%s \t", describe_str(cond, "type") ?:
			    "", describe_str(cond, "status") ?: "");
			storage_cond_time(b, describe_str(cond,
			    "lastProbeTime"));
			buf_adds(b, " \t");
			storage_cond_time(b, describe_str(cond,
			    "lastTransitionTime"));
			buf_addf(b, " \t%s \t%s\n", describe_str(cond,
			    "reason") ?: "", describe_str(cond, "message") ?:
			    "");
		}
	}
	describe_events(c, obj, b);
}

void
describe_storageclass(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *m = json_object_get(obj, "metadata"), *ann =
	    json_object_get(m, "annotations"), *o, *term, *e, *v;
	const char *def = describe_str(ann,
	    "storageclass.kubernetes.io/is-default-class"), *bdef =
	    describe_str(ann, "storageclass.beta.kubernetes.io/is-default-class"),
	    *exp;
	size_t i, j, k;

	buf_addf(b, "Name:\t%s\nIsDefaultClass:\t%s\nAnnotations:\t",
	    describe_str(m, "name") ?: "", (def && strcmp(def, "true") == 0) ||
	    (bdef && strcmp(bdef, "true") == 0) ? "Yes" : "No");
	print_labels(b, ann, "<none>");
	buf_addf(b, "\nProvisioner:\t%s\nParameters:\t", describe_str(obj,
	    "provisioner") ?: "");
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
				    describe_str(e, "key") ?: "");
				if (json_array_size(json_object_get(e,
				    "values")) > 0) {
					buf_adds(b, " [");
					json_array_foreach(json_object_get(e,
					    "values"), k, v)
						buf_addf(b, "%s%s", k ? ", " :
						    "", json_string_value(v) ?:
						    "");
					buf_adds(b, "]");
				}
				buf_adds(b, "\n");
			}
		}
	}
	describe_events(c, obj, b);
}
