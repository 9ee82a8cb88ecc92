/* volumes.c - kubectl describe's describeVolumes, for Pods and pod
 * templates alike: each volume's name and source (every kind kubectl
 * knows: host paths, empty dirs, secrets, config maps, claims, ephemeral
 * claim templates, projected and downward API volumes, CSI, images, and
 * the in-tree cloud and network disks), in kubectl's order and layout. */
#include <stdlib.h>
#include <string.h>

#include "../../lib/quantity.h"
#include "describe.h"

/* kubectl's PrefixWriter levels: two spaces each */
#define L1	"  "
#define L2	"    "
#define L3	"      "

/* Go's %v of a *LocalObjectReference (its generated String()) */
static void
volumes_ref(struct buf *b, const json_t *ref)
{
	if (!json_is_object(ref))
		buf_adds(b, "nil");
	else
		buf_addf(b, "&LocalObjectReference{Name:%s,}", describe_s(ref,
		    "name"));
}

/* a volume source's "    Key:\tvalue" lines: kind is the field's type:
 * s string, b bool, i integer, l []string, r *LocalObjectReference, m
 * map[string]string */
struct volumes_field {
	const char	*title;
	const char	*key;
	char		 kind;
};

static void
volumes_fields(struct buf *b, const json_t *src, const char *type,
    const struct volumes_field *f)
{
	buf_addf(b, L2 "Type:\t%s\n", type);
	for (; f->title != NULL; f++) {
		const json_t *v = json_object_get(src, f->key);

		buf_addf(b, L2 "%s\t", f->title);
		switch (f->kind) {
		case 's':
			buf_adds(b, json_string_value(v) ?: "");
			break;
		case 'b':
			buf_adds(b, json_is_true(v) ? "true" : "false");
			break;
		case 'i':
			buf_addf(b, "%lld", (long long)json_integer_value(v));
			break;
		case 'l':
			describe_golist(b, v);
			break;
		case 'r':
			volumes_ref(b, v);
			break;
		case 'm':
			/* Go's %v of a map[string]string: "map[a:b c:d]" */
			if (json_is_object(v))
				describe_gofmt(b, v);
			else
				buf_adds(b, "map[]");
			break;
		}
		buf_adds(b, "\n");
	}
}

/* printEphemeralVolumeSource: printPersistentVolumeClaim of the claim
 * template under a writer nested two levels (L2), no status: a capacity
 * of 0 once a volume is named, no access modes */
static void
volumes_ephemeral(struct buf *b, const json_t *eph)
{
	const json_t *tmpl = json_object_get(eph, "volumeClaimTemplate"),
	    *spec = json_object_get(tmpl, "spec"),
	    *meta = json_object_get(tmpl, "metadata"),
	    *ds = json_object_get(spec, "dataSource");
	const char *cls = describe_str(json_object_get(meta, "annotations"),
	    "volume.beta.kubernetes.io/storage-class");

	buf_adds(b, L2 "Type:\tEphemeralVolume (an inline specification for a "
	    "volume that gets created and deleted with the pod)\n");
	if (!json_is_object(tmpl))
		return;
	buf_addf(b, L2 "StorageClass:\t%s\n", cls ?: describe_s(spec,
	    "storageClassName"));
	buf_addf(b, L2 "Volume:\t%s\n", describe_s(spec, "volumeName"));
	describe_labels_in(b, L2, "", "Labels", json_object_get(meta,
	    "labels"));
	describe_annotations_in(b, L2, "Annotations", json_object_get(meta,
	    "annotations"));
	buf_adds(b, L2 "Capacity:\t");
	if (*describe_s(spec, "volumeName") != '\0')
		describe_quantity(b, NULL);
	buf_adds(b, "\n" L2 "Access Modes:\t\n");
	if (describe_str(spec, "volumeMode") != NULL)
		buf_addf(b, L2 "VolumeMode:\t%s\n", describe_s(spec,
		    "volumeMode"));
	if (json_is_object(ds)) {
		buf_adds(b, L2 "DataSource:\n");
		describe_object_ref(b, L3, ds);
	}
}

static void
volumes_projected(struct buf *b, const json_t *p)
{
	const json_t *s;
	size_t i;

	buf_adds(b, L2 "Type:\tProjected (a volume that contains injected "
	    "data from multiple sources)\n");
	json_array_foreach(json_object_get(p, "sources"), i, s) {
		const json_t *r;

		if ((r = json_object_get(s, "secret")) != NULL)
			buf_addf(b, L2 "SecretName:\t%s\n" L2 "Optional:\t%s\n",
			    describe_s(r, "name"), describe_bool(r, "optional"));
		else if (json_object_get(s, "downwardAPI") != NULL)
			buf_adds(b, L2 "DownwardAPI:\ttrue\n");
		else if ((r = json_object_get(s, "configMap")) != NULL)
			buf_addf(b, L2 "ConfigMapName:\t%s\n" L2 "Optional:\t"
			    "%s\n", describe_s(r, "name"), describe_bool(r,
			    "optional"));
		else if ((r = json_object_get(s, "serviceAccountToken")) !=
		    NULL)
			buf_addf(b, L2 "TokenExpirationSeconds:\t%lld\n",
			    describe_int(r, "expirationSeconds"));
	}
}

/* printCSIPersistentVolumeAttributesMultiline, its indents as they
 * are: every write of its LEVEL_2 writer starts with its indent */
void
volumes_csi_attributes(struct buf *b, const json_t *attrs)
{
	size_t n, i;
	const char **keys = print_keys(attrs, &n);

	buf_adds(b, L2 "VolumeAttributes:\t");
	if (keys == NULL || n == 0)
		buf_adds(b, "<none>\n");
	for (i = 0; keys != NULL && i < n; i++) {
		struct buf line = BUF_INIT(1 << 20);

		if (i != 0)
			buf_adds(b, L2 L2 "\t");
		buf_addf(&line, "%s=%s", keys[i], describe_s(attrs, keys[i]));
		if (line.len > 140)
			buf_addf(b, L2 "%.140s...\n", buf_str(&line));
		else
			buf_addf(b, L2 "%s\n", buf_str(&line));
		buf_release(&line);
	}
	free(keys);
}

static void
volumes_csi(struct buf *b, const json_t *v)
{
	buf_addf(b, L2 "Type:\tCSI (a Container Storage Interface (CSI) "
	    "volume source)\n" L2 "Driver:\t%s\n" L2 "FSType:\t%s\n" L2
	    "ReadOnly:\t%s\n", describe_s(v, "driver"), describe_s(v,
	    "fsType"), describe_bool(v, "readOnly"));
	volumes_csi_attributes(b, json_object_get(v, "volumeAttributes"));
}

static void
volumes_empty_dir(struct buf *b, const json_t *s)
{
	const json_t *lim = json_object_get(s, "sizeLimit");
	struct quantity q = { 0 };
	struct err err;

	err_clear(&err);
	buf_addf(b, L2 "Type:\tEmptyDir (a temporary directory that shares a "
	    "pod's lifetime)\n" L2 "Medium:\t%s\n" L2 "SizeLimit:\t",
	    describe_s(s, "medium"));
	if (json_is_string(lim) && quantity_parse(json_string_value(lim), &q,
	    &err) == 0 && q.nano > 0)
		describe_quantity(b, lim);
	else
		buf_adds(b, "<unset>");
	buf_adds(b, "\n");
}

static void
volumes_downward_api(struct buf *b, const json_t *s)
{
	const json_t *it;
	size_t i;

	buf_adds(b, L2 "Type:\tDownwardAPI (a volume populated by information "
	    "about the pod)\n" L2 "Items:\n");
	json_array_foreach(json_object_get(s, "items"), i, it) {
		const json_t *f = json_object_get(it, "fieldRef"),
		    *r = json_object_get(it, "resourceFieldRef");

		if (f != NULL)
			buf_addf(b, L3 "%s -> %s\n", describe_s(f, "fieldPath"),
			    describe_s(it, "path"));
		if (r != NULL)
			buf_addf(b, L3 "%s -> %s\n", describe_s(r, "resource"),
			    describe_s(it, "path"));
	}
}

static void
volumes_fc(struct buf *b, const json_t *s)
{
	buf_adds(b, L2 "Type:\tFC (a Fibre Channel disk)\n" L2 "TargetWWNs:\t");
	describe_join(b, json_object_get(s, "targetWWNs"), ", ");
	if (json_is_integer(json_object_get(s, "lun")))
		buf_addf(b, "\n" L2 "LUN:\t%lld\n", describe_int(s, "lun"));
	else
		buf_adds(b, "\n" L2 "LUN:\t<none>\n");
	buf_addf(b, L2 "FSType:\t%s\n" L2 "ReadOnly:\t%s\n", describe_s(s,
	    "fsType"), describe_bool(s, "readOnly"));
}

static const struct volumes_field f_gce[] = { { "PDName:", "pdName", 's' },
	{ "FSType:", "fsType", 's' }, { "Partition:", "partition", 'i' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct volumes_field f_aws[] = { { "VolumeID:", "volumeID", 's' },
	{ "FSType:", "fsType", 's' }, { "Partition:", "partition", 'i' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct volumes_field f_git[] = {
	{ "Repository:", "repository", 's' }, { "Revision:", "revision", 's' },
	{ NULL, NULL, 0 } };
static const struct volumes_field f_nfs[] = { { "Server:", "server", 's' },
	{ "Path:", "path", 's' }, { "ReadOnly:", "readOnly", 'b' },
	{ NULL, NULL, 0 } };
static const struct volumes_field f_iscsi[] = {
	{ "TargetPortal:", "targetPortal", 's' }, { "IQN:", "iqn", 's' },
	{ "Lun:", "lun", 'i' }, { "ISCSIInterface", "iscsiInterface", 's' },
	{ "FSType:", "fsType", 's' }, { "ReadOnly:", "readOnly", 'b' },
	{ "Portals:", "portals", 'l' },
	{ "DiscoveryCHAPAuth:", "chapAuthDiscovery", 'b' },
	{ "SessionCHAPAuth:", "chapAuthSession", 'b' },
	{ "SecretRef:", "secretRef", 'r' }, { NULL, NULL, 0 } };
static const struct volumes_field f_gluster[] = {
	{ "EndpointsName:", "endpoints", 's' }, { "Path:", "path", 's' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct volumes_field f_pvc[] = { { "ClaimName:", "claimName", 's' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct volumes_field f_rbd[] = { { "CephMonitors:", "monitors", 'l' },
	{ "RBDImage:", "image", 's' }, { "FSType:", "fsType", 's' },
	{ "RBDPool:", "pool", 's' }, { "RadosUser:", "user", 's' },
	{ "Keyring:", "keyring", 's' }, { "SecretRef:", "secretRef", 'r' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct volumes_field f_quobyte[] = {
	{ "Registry:", "registry", 's' }, { "Volume:", "volume", 's' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct volumes_field f_vsphere[] = {
	{ "VolumePath:", "volumePath", 's' }, { "FSType:", "fsType", 's' },
	{ "StoragePolicyName:", "storagePolicyName", 's' }, { NULL, NULL, 0 } };
static const struct volumes_field f_cinder[] = {
	{ "VolumeID:", "volumeID", 's' }, { "FSType:", "fsType", 's' },
	{ "ReadOnly:", "readOnly", 'b' }, { "SecretRef:", "secretRef", 'r' },
	{ NULL, NULL, 0 } };
static const struct volumes_field f_photon[] = { { "PdID:", "pdID", 's' },
	{ "FSType:", "fsType", 's' }, { NULL, NULL, 0 } };
static const struct volumes_field f_pwx[] = { { "VolumeID:", "volumeID", 's' },
	{ NULL, NULL, 0 } };
static const struct volumes_field f_scaleio[] = { { "Gateway:", "gateway", 's' },
	{ "System:", "system", 's' },
	{ "Protection Domain:", "protectionDomain", 's' },
	{ "Storage Pool:", "storagePool", 's' },
	{ "Storage Mode:", "storageMode", 's' },
	{ "VolumeName:", "volumeName", 's' }, { "FSType:", "fsType", 's' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct volumes_field f_cephfs[] = { { "Monitors:", "monitors", 'l' },
	{ "Path:", "path", 's' }, { "User:", "user", 's' },
	{ "SecretFile:", "secretFile", 's' },
	{ "SecretRef:", "secretRef", 'r' }, { "ReadOnly:", "readOnly", 'b' },
	{ NULL, NULL, 0 } };
static const struct volumes_field f_storageos[] = {
	{ "VolumeName:", "volumeName", 's' },
	{ "VolumeNamespace:", "volumeNamespace", 's' },
	{ "FSType:", "fsType", 's' }, { "ReadOnly:", "readOnly", 'b' },
	{ NULL, NULL, 0 } };
static const struct volumes_field f_azfile[] = {
	{ "SecretName:", "secretName", 's' }, { "ShareName:", "shareName", 's' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct volumes_field f_flex[] = { { "Driver:", "driver", 's' },
	{ "FSType:", "fsType", 's' }, { "SecretRef:", "secretRef", 'r' },
	{ "ReadOnly:", "readOnly", 'b' }, { "Options:", "options", 'm' },
	{ NULL, NULL, 0 } };
static const struct volumes_field f_flocker[] = {
	{ "DatasetName:", "datasetName", 's' },
	{ "DatasetUUID:", "datasetUUID", 's' }, { NULL, NULL, 0 } };
static const struct volumes_field f_image[] = { { "Reference:", "reference", 's' },
	{ "PullPolicy:", "pullPolicy", 's' }, { NULL, NULL, 0 } };

static const struct {
	const char		*key;
	const char		*type;
	const struct volumes_field	*f;
} volumes_kinds[] = {
	{ "gcePersistentDisk", "GCEPersistentDisk (a Persistent Disk resource "
	    "in Google Compute Engine)", f_gce },
	{ "awsElasticBlockStore", "AWSElasticBlockStore (a Persistent Disk "
	    "resource in AWS)", f_aws },
	{ "gitRepo", "GitRepo (a volume that is pulled from git when the pod "
	    "is created)", f_git },
	{ "nfs", "NFS (an NFS mount that lasts the lifetime of a pod)", f_nfs },
	{ "iscsi", "ISCSI (an ISCSI Disk resource that is attached to a "
	    "kubelet's host machine and then exposed to the pod)", f_iscsi },
	{ "glusterfs", "Glusterfs (a Glusterfs mount on the host that shares "
	    "a pod's lifetime)", f_gluster },
	{ "persistentVolumeClaim", "PersistentVolumeClaim (a reference to a "
	    "PersistentVolumeClaim in the same namespace)", f_pvc },
	{ "rbd", "RBD (a Rados Block Device mount on the host that shares a "
	    "pod's lifetime)", f_rbd },
	{ "quobyte", "Quobyte (a Quobyte mount on the host that shares a "
	    "pod's lifetime)", f_quobyte },
	{ "vsphereVolume", "vSphereVolume (a Persistent Disk resource in "
	    "vSphere)", f_vsphere },
	{ "cinder", "Cinder (a Persistent Disk resource in OpenStack)",
	    f_cinder },
	{ "photonPersistentDisk", "PhotonPersistentDisk (a Persistent Disk "
	    "resource in photon platform)", f_photon },
	{ "portworxVolume", "PortworxVolume (a Portworx Volume resource)",
	    f_pwx },
	{ "scaleIO", "ScaleIO (a persistent volume backed by a block device "
	    "in ScaleIO)", f_scaleio },
	{ "cephfs", "CephFS (a CephFS mount on the host that shares a pod's "
	    "lifetime)", f_cephfs },
	{ "storageos", "StorageOS (a StorageOS Persistent Disk resource)",
	    f_storageos },
	{ "azureFile", "AzureFile (an Azure File Service mount on the host "
	    "and bind mount to the pod)", f_azfile },
	{ "flexVolume", "FlexVolume (a generic volume resource that is "
	    "provisioned/attached using an exec based plugin)", f_flex },
	{ "flocker", "Flocker (a Flocker volume mounted by the Flocker agent)",
	    f_flocker },
	{ "image", "Image (a container image or OCI artifact)", f_image },
};

/* v's source of that kind as kubectl's print<Kind>VolumeSource prints
 * it; -1 when v has none. */
int
volumes_source(struct buf *b, const json_t *v, const char *key)
{
	const json_t *s = json_object_get(v, key);
	size_t i;

	if (!json_is_object(s))
		return -1;
	if (strcmp(key, "hostPath") == 0)
		buf_addf(b, L2 "Type:\tHostPath (bare host directory volume)\n"
		    L2 "Path:\t%s\n" L2 "HostPathType:\t%s\n", describe_s(s,
		    "path"), describe_str(s, "type") ?: "<none>");
	else if (strcmp(key, "emptyDir") == 0)
		volumes_empty_dir(b, s);
	else if (strcmp(key, "secret") == 0)
		buf_addf(b, L2 "Type:\tSecret (a volume populated by a Secret)\n"
		    L2 "SecretName:\t%s\n" L2 "Optional:\t%s\n",
		    describe_s(s, "secretName"), describe_bool(s, "optional"));
	else if (strcmp(key, "configMap") == 0)
		buf_addf(b, L2 "Type:\tConfigMap (a volume populated by a "
		    "ConfigMap)\n" L2 "Name:\t%s\n" L2 "Optional:\t%s\n",
		    describe_s(s, "name"), describe_bool(s, "optional"));
	else if (strcmp(key, "ephemeral") == 0)
		volumes_ephemeral(b, s);
	else if (strcmp(key, "downwardAPI") == 0)
		volumes_downward_api(b, s);
	else if (strcmp(key, "azureDisk") == 0)
		buf_addf(b, L2 "Type:\tAzureDisk (an Azure Data Disk mount on the "
		    "host and bind mount to the pod)\n" L2 "DiskName:\t%s\n"
		    L2 "DiskURI:\t%s\n" L2 "Kind: \t%s\n" L2 "FSType:\t%s\n"
		    L2 "CachingMode:\t%s\n" L2 "ReadOnly:\t%s\n",
		    describe_s(s, "diskName"), describe_s(s, "diskURI"),
		    describe_s(s, "kind"), describe_s(s, "fsType"),
		    describe_s(s, "cachingMode"), describe_bool(s, "readOnly"));
	else if (strcmp(key, "fc") == 0)
		volumes_fc(b, s);
	else if (strcmp(key, "projected") == 0)
		volumes_projected(b, s);
	else if (strcmp(key, "csi") == 0)
		volumes_csi(b, s);
	else {
		for (i = 0; i < sizeof volumes_kinds / sizeof volumes_kinds[0];
		    i++)
			if (strcmp(volumes_kinds[i].key, key) == 0)
				break;
		if (i == sizeof volumes_kinds / sizeof volumes_kinds[0])
			return -1;
		volumes_fields(b, s, volumes_kinds[i].type, volumes_kinds[i].f);
		if (strcmp(key, "iscsi") == 0)
			buf_addf(b, L2 "InitiatorName:\t%s\n", describe_str(s,
			    "initiatorName") ?: "<none>");
	}
	return 0;
}

void
volumes_describe(struct buf *b, const json_t *volumes, const char *space)
{
	static const char *const order[] = { "hostPath", "emptyDir",
	    "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret",
	    "configMap", "nfs", "iscsi", "glusterfs", "persistentVolumeClaim",
	    "ephemeral", "rbd", "quobyte", "downwardAPI", "azureDisk",
	    "vsphereVolume", "cinder", "photonPersistentDisk",
	    "portworxVolume", "scaleIO", "cephfs", "storageos", "fc",
	    "azureFile", "flexVolume", "flocker", "projected", "csi",
	    "image" };
	const json_t *v;
	size_t i;

	if (json_array_size(volumes) == 0) {
		buf_addf(b, "%sVolumes:\t<none>\n", space);
		return;
	}
	buf_addf(b, "%sVolumes:\n", space);
	json_array_foreach(volumes, i, v) {
		size_t k;

		buf_addf(b, L1 "%s%s:\n", *space ? " " : "", describe_s(v,
		    "name"));
		/* the first source in the order of kubectl's switch */
		for (k = 0; k < sizeof order / sizeof order[0]; k++)
			if (volumes_source(b, v, order[k]) == 0)
				break;
		if (k == sizeof order / sizeof order[0])
			buf_adds(b, L1 "<unknown>\n");
	}
}
