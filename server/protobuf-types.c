/* protobuf-types.c - protobuf schema table of meta/v1 and core/v1.
 *
 * Generated from the upstream k8s.io/api and k8s.io/apimachinery
 * generated.proto files (field numbers, proto types) and the Go structs of
 * types.go (JSON names, omitempty, pointers, inlined embedded structs) of
 * the same packages; see server/protobuf.h for the meaning of the columns.
 * List types are left out (clients never send them).  Keep each array
 * sorted by message name and each message's fields by number.
 */
#include <stddef.h>

#include "protobuf.h"

const struct pb_msg pb_msgs_core[] = {
	{ "core.v1.AWSElasticBlockStoreVolumeSource", 0, PB_FIELDS(
	    { 1, "volumeID", PB_STRING, 0, NULL },
	    { 2, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "partition", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 4, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.Affinity", 0, PB_FIELDS(
	    { 1, "nodeAffinity", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.NodeAffinity" },
	    { 2, "podAffinity", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PodAffinity" },
	    { 3, "podAntiAffinity", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PodAntiAffinity" }
	) },
	{ "core.v1.AppArmorProfile", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "localhostProfile", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.AttachedVolume", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "devicePath", PB_STRING, 0, NULL }
	) },
	{ "core.v1.AvoidPods", 0, PB_FIELDS(
	    { 1, "preferAvoidPods", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PreferAvoidPodsEntry" }
	) },
	{ "core.v1.AzureDiskVolumeSource", 0, PB_FIELDS(
	    { 1, "diskName", PB_STRING, 0, NULL },
	    { 2, "diskURI", PB_STRING, 0, NULL },
	    { 3, "cachingMode", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "fsType", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "readOnly", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "kind", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.AzureFilePersistentVolumeSource", 0, PB_FIELDS(
	    { 1, "secretName", PB_STRING, 0, NULL },
	    { 2, "shareName", PB_STRING, 0, NULL },
	    { 3, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 4, "secretNamespace", PB_STRING, PBF_POINTER, NULL }
	) },
	{ "core.v1.AzureFileVolumeSource", 0, PB_FIELDS(
	    { 1, "secretName", PB_STRING, 0, NULL },
	    { 2, "shareName", PB_STRING, 0, NULL },
	    { 3, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.Binding", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "target", PB_MSG, 0, "core.v1.ObjectReference" }
	) },
	{ "core.v1.CSIPersistentVolumeSource", 0, PB_FIELDS(
	    { 1, "driver", PB_STRING, 0, NULL },
	    { 2, "volumeHandle", PB_STRING, 0, NULL },
	    { 3, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 4, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "volumeAttributes", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 6, "controllerPublishSecretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecretReference" },
	    { 7, "nodeStageSecretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecretReference" },
	    { 8, "nodePublishSecretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecretReference" },
	    { 9, "controllerExpandSecretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecretReference" },
	    { 10, "nodeExpandSecretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecretReference" }
	) },
	{ "core.v1.CSIVolumeSource", 0, PB_FIELDS(
	    { 1, "driver", PB_STRING, 0, NULL },
	    { 2, "readOnly", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "fsType", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "volumeAttributes", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 5, "nodePublishSecretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.LocalObjectReference" }
	) },
	{ "core.v1.Capabilities", 0, PB_FIELDS(
	    { 1, "add", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 2, "drop", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.CephFSPersistentVolumeSource", 0, PB_FIELDS(
	    { 1, "monitors", PB_STRING, PBF_REPEATED, NULL },
	    { 2, "path", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "user", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "secretFile", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "secretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecretReference" },
	    { 6, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.CephFSVolumeSource", 0, PB_FIELDS(
	    { 1, "monitors", PB_STRING, PBF_REPEATED, NULL },
	    { 2, "path", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "user", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "secretFile", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "secretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.LocalObjectReference" },
	    { 6, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.CinderPersistentVolumeSource", 0, PB_FIELDS(
	    { 1, "volumeID", PB_STRING, 0, NULL },
	    { 2, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 4, "secretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecretReference" }
	) },
	{ "core.v1.CinderVolumeSource", 0, PB_FIELDS(
	    { 1, "volumeID", PB_STRING, 0, NULL },
	    { 2, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 4, "secretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.LocalObjectReference" }
	) },
	{ "core.v1.ClientIPConfig", 0, PB_FIELDS(
	    { 1, "timeoutSeconds", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ClusterTrustBundleProjection", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "signerName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "labelSelector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" },
	    { 4, "path", PB_STRING, 0, NULL },
	    { 5, "optional", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "user", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ComponentCondition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL },
	    { 3, "message", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "error", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ComponentStatus", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ComponentCondition" }
	) },
	{ "core.v1.ConfigMap", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "data", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 3, "binaryData", PB_BYTES, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 4, "immutable", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ConfigMapEnvSource", 0, PB_FIELDS(
	    { 1, "", PB_MSG, PBF_INLINE, "core.v1.LocalObjectReference" },
	    { 2, "optional", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ConfigMapKeySelector", 0, PB_FIELDS(
	    { 1, "", PB_MSG, PBF_INLINE, "core.v1.LocalObjectReference" },
	    { 2, "key", PB_STRING, 0, NULL },
	    { 3, "optional", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ConfigMapNodeConfigSource", 0, PB_FIELDS(
	    { 1, "namespace", PB_STRING, 0, NULL },
	    { 2, "name", PB_STRING, 0, NULL },
	    { 3, "uid", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "resourceVersion", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "kubeletConfigKey", PB_STRING, 0, NULL }
	) },
	{ "core.v1.ConfigMapProjection", 0, PB_FIELDS(
	    { 1, "", PB_MSG, PBF_INLINE, "core.v1.LocalObjectReference" },
	    { 2, "items", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.KeyToPath" },
	    { 4, "optional", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ConfigMapVolumeSource", 0, PB_FIELDS(
	    { 1, "", PB_MSG, PBF_INLINE, "core.v1.LocalObjectReference" },
	    { 2, "items", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.KeyToPath" },
	    { 3, "defaultMode", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "optional", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "defaultUser", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.Container", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "image", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "command", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 4, "args", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 5, "workingDir", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "ports", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ContainerPort" },
	    { 7, "env", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.EnvVar" },
	    { 8, "resources", PB_MSG, PBF_OMITEMPTY, "core.v1.ResourceRequirements" },
	    { 9, "volumeMounts", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.VolumeMount" },
	    { 10, "livenessProbe", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.Probe" },
	    { 11, "readinessProbe", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.Probe" },
	    { 12, "lifecycle", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.Lifecycle" },
	    { 13, "terminationMessagePath", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 14, "imagePullPolicy", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 15, "securityContext", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecurityContext" },
	    { 16, "stdin", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 17, "stdinOnce", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 18, "tty", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 19, "envFrom", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.EnvFromSource" },
	    { 20, "terminationMessagePolicy", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 21, "volumeDevices", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.VolumeDevice" },
	    { 22, "startupProbe", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.Probe" },
	    { 23, "resizePolicy", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ContainerResizePolicy" },
	    { 24, "restartPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 25, "restartPolicyRules", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ContainerRestartRule" }
	) },
	{ "core.v1.ContainerExtendedResourceRequest", 0, PB_FIELDS(
	    { 1, "containerName", PB_STRING, 0, NULL },
	    { 2, "resourceName", PB_STRING, 0, NULL },
	    { 3, "requestName", PB_STRING, 0, NULL }
	) },
	{ "core.v1.ContainerImage", 0, PB_FIELDS(
	    { 1, "names", PB_STRING, PBF_REPEATED, NULL },
	    { 2, "sizeBytes", PB_INT64, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ContainerPort", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "hostPort", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 3, "containerPort", PB_INT32, 0, NULL },
	    { 4, "protocol", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "hostIP", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ContainerResizePolicy", 0, PB_FIELDS(
	    { 1, "resourceName", PB_STRING, 0, NULL },
	    { 2, "restartPolicy", PB_STRING, 0, NULL }
	) },
	{ "core.v1.ContainerRestartRule", 0, PB_FIELDS(
	    { 1, "action", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "exitCodes", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ContainerRestartRuleOnExitCodes" }
	) },
	{ "core.v1.ContainerRestartRuleOnExitCodes", 0, PB_FIELDS(
	    { 1, "operator", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "values", PB_INT32, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ContainerState", 0, PB_FIELDS(
	    { 1, "waiting", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ContainerStateWaiting" },
	    { 2, "running", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ContainerStateRunning" },
	    { 3, "terminated", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ContainerStateTerminated" }
	) },
	{ "core.v1.ContainerStateRunning", 0, PB_FIELDS(
	    { 1, "startedAt", PB_TIME, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ContainerStateTerminated", 0, PB_FIELDS(
	    { 1, "exitCode", PB_INT32, 0, NULL },
	    { 2, "signal", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 3, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "message", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "startedAt", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 6, "finishedAt", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 7, "containerID", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ContainerStateWaiting", 0, PB_FIELDS(
	    { 1, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "message", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ContainerStatus", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "state", PB_MSG, PBF_OMITEMPTY, "core.v1.ContainerState" },
	    { 3, "lastState", PB_MSG, PBF_OMITEMPTY, "core.v1.ContainerState" },
	    { 4, "ready", PB_BOOL, 0, NULL },
	    { 5, "restartCount", PB_INT32, 0, NULL },
	    { 6, "image", PB_STRING, 0, NULL },
	    { 7, "imageID", PB_STRING, 0, NULL },
	    { 8, "containerID", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 9, "started", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 10, "allocatedResources", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 11, "resources", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ResourceRequirements" },
	    { 12, "volumeMounts", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.VolumeMountStatus" },
	    { 13, "user", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ContainerUser" },
	    { 14, "allocatedResourcesStatus", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ResourceStatus" },
	    { 15, "stopSignal", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ContainerUser", 0, PB_FIELDS(
	    { 1, "linux", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.LinuxContainerUser" }
	) },
	{ "core.v1.DaemonEndpoint", 0, PB_FIELDS(
	    { 1, "Port", PB_INT32, 0, NULL }
	) },
	{ "core.v1.DownwardAPIProjection", 0, PB_FIELDS(
	    { 1, "items", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.DownwardAPIVolumeFile" }
	) },
	{ "core.v1.DownwardAPIVolumeFile", 0, PB_FIELDS(
	    { 1, "path", PB_STRING, 0, NULL },
	    { 2, "fieldRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ObjectFieldSelector" },
	    { 3, "resourceFieldRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ResourceFieldSelector" },
	    { 4, "mode", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "user", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.DownwardAPIVolumeSource", 0, PB_FIELDS(
	    { 1, "items", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.DownwardAPIVolumeFile" },
	    { 2, "defaultMode", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "defaultUser", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.EmptyDirVolumeSource", 0, PB_FIELDS(
	    { 1, "medium", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "sizeLimit", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "mode", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.EndpointAddress", 0, PB_FIELDS(
	    { 1, "ip", PB_STRING, 0, NULL },
	    { 2, "targetRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ObjectReference" },
	    { 3, "hostname", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "nodeName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.EndpointPort", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "port", PB_INT32, 0, NULL },
	    { 3, "protocol", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "appProtocol", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.EndpointSubset", 0, PB_FIELDS(
	    { 1, "addresses", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.EndpointAddress" },
	    { 2, "notReadyAddresses", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.EndpointAddress" },
	    { 3, "ports", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.EndpointPort" }
	) },
	{ "core.v1.Endpoints", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "subsets", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.EndpointSubset" }
	) },
	{ "core.v1.EnvFromSource", 0, PB_FIELDS(
	    { 1, "prefix", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "configMapRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ConfigMapEnvSource" },
	    { 3, "secretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecretEnvSource" }
	) },
	{ "core.v1.EnvVar", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "value", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "valueFrom", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.EnvVarSource" }
	) },
	{ "core.v1.EnvVarSource", 0, PB_FIELDS(
	    { 1, "fieldRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ObjectFieldSelector" },
	    { 2, "resourceFieldRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ResourceFieldSelector" },
	    { 3, "configMapKeyRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ConfigMapKeySelector" },
	    { 4, "secretKeyRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecretKeySelector" },
	    { 5, "fileKeyRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.FileKeySelector" }
	) },
	{ "core.v1.EphemeralContainer", 0, PB_FIELDS(
	    { 1, "", PB_MSG, PBF_INLINE, "core.v1.EphemeralContainerCommon" },
	    { 2, "targetContainerName", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.EphemeralContainerCommon", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "image", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "command", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 4, "args", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 5, "workingDir", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "ports", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ContainerPort" },
	    { 7, "env", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.EnvVar" },
	    { 8, "resources", PB_MSG, PBF_OMITEMPTY, "core.v1.ResourceRequirements" },
	    { 9, "volumeMounts", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.VolumeMount" },
	    { 10, "livenessProbe", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.Probe" },
	    { 11, "readinessProbe", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.Probe" },
	    { 12, "lifecycle", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.Lifecycle" },
	    { 13, "terminationMessagePath", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 14, "imagePullPolicy", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 15, "securityContext", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecurityContext" },
	    { 16, "stdin", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 17, "stdinOnce", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 18, "tty", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 19, "envFrom", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.EnvFromSource" },
	    { 20, "terminationMessagePolicy", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 21, "volumeDevices", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.VolumeDevice" },
	    { 22, "startupProbe", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.Probe" },
	    { 23, "resizePolicy", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ContainerResizePolicy" },
	    { 24, "restartPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 25, "restartPolicyRules", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ContainerRestartRule" }
	) },
	{ "core.v1.EphemeralVolumeSource", 0, PB_FIELDS(
	    { 1, "volumeClaimTemplate", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PersistentVolumeClaimTemplate" }
	) },
	{ "core.v1.Event", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, 0, "meta.v1.ObjectMeta" },
	    { 2, "involvedObject", PB_MSG, 0, "core.v1.ObjectReference" },
	    { 3, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "message", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "source", PB_MSG, PBF_OMITEMPTY, "core.v1.EventSource" },
	    { 6, "firstTimestamp", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 7, "lastTimestamp", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 8, "count", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 9, "type", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 10, "eventTime", PB_MICROTIME, PBF_OMITEMPTY, NULL },
	    { 11, "series", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.EventSeries" },
	    { 12, "action", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 13, "related", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ObjectReference" },
	    { 14, "reportingComponent", PB_STRING, 0, NULL },
	    { 15, "reportingInstance", PB_STRING, 0, NULL }
	) },
	{ "core.v1.EventSeries", 0, PB_FIELDS(
	    { 1, "count", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 2, "lastObservedTime", PB_MICROTIME, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.EventSource", 0, PB_FIELDS(
	    { 1, "component", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "host", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.EvictionResponder", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "priority", PB_INT32, PBF_POINTER, NULL }
	) },
	{ "core.v1.ExecAction", 0, PB_FIELDS(
	    { 1, "command", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.FCVolumeSource", 0, PB_FIELDS(
	    { 1, "targetWWNs", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 2, "lun", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 5, "wwids", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.FileKeySelector", 0, PB_FIELDS(
	    { 1, "volumeName", PB_STRING, 0, NULL },
	    { 2, "path", PB_STRING, 0, NULL },
	    { 3, "key", PB_STRING, 0, NULL },
	    { 4, "optional", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.FlexPersistentVolumeSource", 0, PB_FIELDS(
	    { 1, "driver", PB_STRING, 0, NULL },
	    { 2, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "secretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecretReference" },
	    { 4, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 5, "options", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.FlexVolumeSource", 0, PB_FIELDS(
	    { 1, "driver", PB_STRING, 0, NULL },
	    { 2, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "secretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.LocalObjectReference" },
	    { 4, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 5, "options", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.FlockerVolumeSource", 0, PB_FIELDS(
	    { 1, "datasetName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "datasetUUID", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.GCEPersistentDiskVolumeSource", 0, PB_FIELDS(
	    { 1, "pdName", PB_STRING, 0, NULL },
	    { 2, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "partition", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 4, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.GRPCAction", 0, PB_FIELDS(
	    { 1, "port", PB_INT32, 0, NULL },
	    { 2, "service", PB_STRING, PBF_POINTER, NULL },
	    { 3, "mode", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.GitRepoVolumeSource", 0, PB_FIELDS(
	    { 1, "repository", PB_STRING, 0, NULL },
	    { 2, "revision", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "directory", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.GlusterfsPersistentVolumeSource", 0, PB_FIELDS(
	    { 1, "endpoints", PB_STRING, 0, NULL },
	    { 2, "path", PB_STRING, 0, NULL },
	    { 3, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 4, "endpointsNamespace", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.GlusterfsVolumeSource", 0, PB_FIELDS(
	    { 1, "endpoints", PB_STRING, 0, NULL },
	    { 2, "path", PB_STRING, 0, NULL },
	    { 3, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.HTTPGetAction", 0, PB_FIELDS(
	    { 1, "path", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "port", PB_INTORSTR, 0, NULL },
	    { 3, "host", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "scheme", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "httpHeaders", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.HTTPHeader" },
	    { 6, "protocol", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.HTTPHeader", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "value", PB_STRING, 0, NULL }
	) },
	{ "core.v1.HostAlias", 0, PB_FIELDS(
	    { 1, "ip", PB_STRING, 0, NULL },
	    { 2, "hostnames", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.HostIP", 0, PB_FIELDS(
	    { 1, "ip", PB_STRING, 0, NULL }
	) },
	{ "core.v1.HostPathVolumeSource", 0, PB_FIELDS(
	    { 1, "path", PB_STRING, 0, NULL },
	    { 2, "type", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ISCSIPersistentVolumeSource", 0, PB_FIELDS(
	    { 1, "targetPortal", PB_STRING, 0, NULL },
	    { 2, "iqn", PB_STRING, 0, NULL },
	    { 3, "lun", PB_INT32, 0, NULL },
	    { 4, "iscsiInterface", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 7, "portals", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 8, "chapAuthDiscovery", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 10, "secretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecretReference" },
	    { 11, "chapAuthSession", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 12, "initiatorName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ISCSIVolumeSource", 0, PB_FIELDS(
	    { 1, "targetPortal", PB_STRING, 0, NULL },
	    { 2, "iqn", PB_STRING, 0, NULL },
	    { 3, "lun", PB_INT32, 0, NULL },
	    { 4, "iscsiInterface", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 7, "portals", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 8, "chapAuthDiscovery", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 10, "secretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.LocalObjectReference" },
	    { 11, "chapAuthSession", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 12, "initiatorName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ImageVolumeSource", 0, PB_FIELDS(
	    { 1, "reference", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "pullPolicy", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ImageVolumeStatus", 0, PB_FIELDS(
	    { 1, "imageRef", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.KeyToPath", 0, PB_FIELDS(
	    { 1, "key", PB_STRING, 0, NULL },
	    { 2, "path", PB_STRING, 0, NULL },
	    { 3, "mode", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "user", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.Lifecycle", 0, PB_FIELDS(
	    { 1, "postStart", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.LifecycleHandler" },
	    { 2, "preStop", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.LifecycleHandler" },
	    { 3, "stopSignal", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.LifecycleHandler", 0, PB_FIELDS(
	    { 1, "exec", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ExecAction" },
	    { 2, "httpGet", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.HTTPGetAction" },
	    { 3, "tcpSocket", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.TCPSocketAction" },
	    { 4, "sleep", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SleepAction" }
	) },
	{ "core.v1.LimitRange", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "core.v1.LimitRangeSpec" }
	) },
	{ "core.v1.LimitRangeItem", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "max", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 3, "min", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 4, "default", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 5, "defaultRequest", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 6, "maxLimitRequestRatio", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.LimitRangeSpec", 0, PB_FIELDS(
	    { 1, "limits", PB_MSG, PBF_REPEATED, "core.v1.LimitRangeItem" }
	) },
	{ "core.v1.LinuxContainerUser", 0, PB_FIELDS(
	    { 1, "uid", PB_INT64, 0, NULL },
	    { 2, "gid", PB_INT64, 0, NULL },
	    { 3, "supplementalGroups", PB_INT64, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.LoadBalancerIngress", 0, PB_FIELDS(
	    { 1, "ip", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "hostname", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "ipMode", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "ports", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PortStatus" }
	) },
	{ "core.v1.LoadBalancerStatus", 0, PB_FIELDS(
	    { 1, "ingress", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.LoadBalancerIngress" }
	) },
	{ "core.v1.LocalObjectReference", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.LocalVolumeSource", 0, PB_FIELDS(
	    { 1, "path", PB_STRING, 0, NULL },
	    { 2, "fsType", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ModifyVolumeStatus", 0, PB_FIELDS(
	    { 1, "targetVolumeAttributesClassName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "status", PB_STRING, 0, NULL }
	) },
	{ "core.v1.NFSVolumeSource", 0, PB_FIELDS(
	    { 1, "server", PB_STRING, 0, NULL },
	    { 2, "path", PB_STRING, 0, NULL },
	    { 3, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.Namespace", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "core.v1.NamespaceSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "core.v1.NamespaceStatus" }
	) },
	{ "core.v1.NamespaceCondition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL },
	    { 4, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 5, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "message", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.NamespaceSpec", 0, PB_FIELDS(
	    { 1, "finalizers", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.NamespaceStatus", 0, PB_FIELDS(
	    { 1, "phase", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.NamespaceCondition" }
	) },
	{ "core.v1.Node", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "core.v1.NodeSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "core.v1.NodeStatus" }
	) },
	{ "core.v1.NodeAddress", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "address", PB_STRING, 0, NULL }
	) },
	{ "core.v1.NodeAffinity", 0, PB_FIELDS(
	    { 1, "requiredDuringSchedulingIgnoredDuringExecution", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.NodeSelector" },
	    { 2, "preferredDuringSchedulingIgnoredDuringExecution", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PreferredSchedulingTerm" }
	) },
	{ "core.v1.NodeAllocatableMappedResources", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "quantity", PB_QUANTITY, PBF_POINTER, NULL }
	) },
	{ "core.v1.NodeAllocatableOverheadResources", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "perPod", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "perContainer", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.NodeAllocatableResourceClaimStatus", 0, PB_FIELDS(
	    { 1, "resourceClaimName", PB_STRING, 0, NULL },
	    { 2, "containers", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 4, "mapping", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.NodeAllocatableMappedResources" },
	    { 5, "overhead", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.NodeAllocatableOverheadResources" }
	) },
	{ "core.v1.NodeCondition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL },
	    { 3, "lastHeartbeatTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 4, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 5, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "message", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.NodeConfigSource", 0, PB_FIELDS(
	    { 2, "configMap", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ConfigMapNodeConfigSource" }
	) },
	{ "core.v1.NodeConfigStatus", 0, PB_FIELDS(
	    { 1, "assigned", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.NodeConfigSource" },
	    { 2, "active", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.NodeConfigSource" },
	    { 3, "lastKnownGood", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.NodeConfigSource" },
	    { 4, "error", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.NodeDaemonEndpoints", 0, PB_FIELDS(
	    { 1, "kubeletEndpoint", PB_MSG, PBF_OMITEMPTY, "core.v1.DaemonEndpoint" }
	) },
	{ "core.v1.NodeFeatures", 0, PB_FIELDS(
	    { 1, "supplementalGroupsPolicy", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.NodePodPreemptionPolicy", 0, PB_FIELDS(
	    { 1, "disableResizePreemption", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.NodeProxyOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "path", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.NodeRuntimeHandler", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "features", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.NodeRuntimeHandlerFeatures" }
	) },
	{ "core.v1.NodeRuntimeHandlerFeatures", 0, PB_FIELDS(
	    { 1, "recursiveReadOnlyMounts", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "userNamespaces", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.NodeSelector", 0, PB_FIELDS(
	    { 1, "nodeSelectorTerms", PB_MSG, PBF_REPEATED, "core.v1.NodeSelectorTerm" }
	) },
	{ "core.v1.NodeSelectorRequirement", 0, PB_FIELDS(
	    { 1, "key", PB_STRING, 0, NULL },
	    { 2, "operator", PB_STRING, 0, NULL },
	    { 3, "values", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.NodeSelectorTerm", 0, PB_FIELDS(
	    { 1, "matchExpressions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.NodeSelectorRequirement" },
	    { 2, "matchFields", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.NodeSelectorRequirement" }
	) },
	{ "core.v1.NodeSpec", 0, PB_FIELDS(
	    { 1, "podCIDR", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "externalID", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "providerID", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "unschedulable", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 5, "taints", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.Taint" },
	    { 6, "configSource", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.NodeConfigSource" },
	    { 7, "podCIDRs", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 8, "podPreemptionPolicy", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.NodePodPreemptionPolicy" }
	) },
	{ "core.v1.NodeStatus", 0, PB_FIELDS(
	    { 1, "capacity", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 2, "allocatable", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 3, "phase", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.NodeCondition" },
	    { 5, "addresses", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.NodeAddress" },
	    { 6, "daemonEndpoints", PB_MSG, PBF_OMITEMPTY, "core.v1.NodeDaemonEndpoints" },
	    { 7, "nodeInfo", PB_MSG, PBF_OMITEMPTY, "core.v1.NodeSystemInfo" },
	    { 8, "images", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ContainerImage" },
	    { 9, "volumesInUse", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 10, "volumesAttached", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.AttachedVolume" },
	    { 11, "config", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.NodeConfigStatus" },
	    { 12, "runtimeHandlers", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.NodeRuntimeHandler" },
	    { 13, "features", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.NodeFeatures" },
	    { 14, "declaredFeatures", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.NodeSwapStatus", 0, PB_FIELDS(
	    { 1, "capacity", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.NodeSystemInfo", 0, PB_FIELDS(
	    { 1, "machineID", PB_STRING, 0, NULL },
	    { 2, "systemUUID", PB_STRING, 0, NULL },
	    { 3, "bootID", PB_STRING, 0, NULL },
	    { 4, "kernelVersion", PB_STRING, 0, NULL },
	    { 5, "osImage", PB_STRING, 0, NULL },
	    { 6, "containerRuntimeVersion", PB_STRING, 0, NULL },
	    { 7, "kubeletVersion", PB_STRING, 0, NULL },
	    { 8, "kubeProxyVersion", PB_STRING, 0, NULL },
	    { 9, "operatingSystem", PB_STRING, 0, NULL },
	    { 10, "architecture", PB_STRING, 0, NULL },
	    { 11, "swap", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.NodeSwapStatus" }
	) },
	{ "core.v1.ObjectFieldSelector", 0, PB_FIELDS(
	    { 1, "apiVersion", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "fieldPath", PB_STRING, 0, NULL }
	) },
	{ "core.v1.ObjectReference", 0, PB_FIELDS(
	    { 1, "kind", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "namespace", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "name", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "uid", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "apiVersion", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "resourceVersion", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "fieldPath", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.PersistentVolume", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "core.v1.PersistentVolumeSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "core.v1.PersistentVolumeStatus" }
	) },
	{ "core.v1.PersistentVolumeClaim", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "core.v1.PersistentVolumeClaimSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "core.v1.PersistentVolumeClaimStatus" }
	) },
	{ "core.v1.PersistentVolumeClaimCondition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL },
	    { 3, "lastProbeTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 4, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 5, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "message", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.PersistentVolumeClaimSpec", 0, PB_FIELDS(
	    { 1, "accessModes", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 2, "resources", PB_MSG, PBF_OMITEMPTY, "core.v1.VolumeResourceRequirements" },
	    { 3, "volumeName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "selector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" },
	    { 5, "storageClassName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "volumeMode", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 7, "dataSource", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.TypedLocalObjectReference" },
	    { 8, "dataSourceRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.TypedObjectReference" },
	    { 9, "volumeAttributesClassName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.PersistentVolumeClaimStatus", 0, PB_FIELDS(
	    { 1, "phase", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "accessModes", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 3, "capacity", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 4, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PersistentVolumeClaimCondition" },
	    { 5, "allocatedResources", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 7, "allocatedResourceStatuses", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 8, "currentVolumeAttributesClassName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 9, "modifyVolumeStatus", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ModifyVolumeStatus" },
	    { 10, "healthStatus", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.VolumeHealthStatus" }
	) },
	{ "core.v1.PersistentVolumeClaimTemplate", 0, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, 0, "core.v1.PersistentVolumeClaimSpec" }
	) },
	{ "core.v1.PersistentVolumeClaimVolumeSource", 0, PB_FIELDS(
	    { 1, "claimName", PB_STRING, 0, NULL },
	    { 2, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.PersistentVolumeSource", 0, PB_FIELDS(
	    { 1, "gcePersistentDisk", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.GCEPersistentDiskVolumeSource" },
	    { 2, "awsElasticBlockStore", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.AWSElasticBlockStoreVolumeSource" },
	    { 3, "hostPath", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.HostPathVolumeSource" },
	    { 4, "glusterfs", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.GlusterfsPersistentVolumeSource" },
	    { 5, "nfs", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.NFSVolumeSource" },
	    { 6, "rbd", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.RBDPersistentVolumeSource" },
	    { 7, "iscsi", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ISCSIPersistentVolumeSource" },
	    { 8, "cinder", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.CinderPersistentVolumeSource" },
	    { 9, "cephfs", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.CephFSPersistentVolumeSource" },
	    { 10, "fc", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.FCVolumeSource" },
	    { 11, "flocker", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.FlockerVolumeSource" },
	    { 12, "flexVolume", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.FlexPersistentVolumeSource" },
	    { 13, "azureFile", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.AzureFilePersistentVolumeSource" },
	    { 14, "vsphereVolume", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.VsphereVirtualDiskVolumeSource" },
	    { 15, "quobyte", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.QuobyteVolumeSource" },
	    { 16, "azureDisk", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.AzureDiskVolumeSource" },
	    { 17, "photonPersistentDisk", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PhotonPersistentDiskVolumeSource" },
	    { 18, "portworxVolume", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PortworxVolumeSource" },
	    { 19, "scaleIO", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ScaleIOPersistentVolumeSource" },
	    { 20, "local", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.LocalVolumeSource" },
	    { 21, "storageos", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.StorageOSPersistentVolumeSource" },
	    { 22, "csi", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.CSIPersistentVolumeSource" }
	) },
	{ "core.v1.PersistentVolumeSpec", 0, PB_FIELDS(
	    { 1, "capacity", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 2, "", PB_MSG, PBF_INLINE, "core.v1.PersistentVolumeSource" },
	    { 3, "accessModes", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 4, "claimRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ObjectReference" },
	    { 5, "persistentVolumeReclaimPolicy", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "storageClassName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "mountOptions", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 8, "volumeMode", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 9, "nodeAffinity", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.VolumeNodeAffinity" },
	    { 10, "volumeAttributesClassName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.PersistentVolumeStatus", 0, PB_FIELDS(
	    { 1, "phase", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "message", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "lastPhaseTransitionTime", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.PhotonPersistentDiskVolumeSource", 0, PB_FIELDS(
	    { 1, "pdID", PB_STRING, 0, NULL },
	    { 2, "fsType", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.Pod", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "core.v1.PodSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "core.v1.PodStatus" }
	) },
	{ "core.v1.PodAffinity", 0, PB_FIELDS(
	    { 1, "requiredDuringSchedulingIgnoredDuringExecution", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PodAffinityTerm" },
	    { 2, "preferredDuringSchedulingIgnoredDuringExecution", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.WeightedPodAffinityTerm" }
	) },
	{ "core.v1.PodAffinityTerm", 0, PB_FIELDS(
	    { 1, "labelSelector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" },
	    { 2, "namespaces", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 3, "topologyKey", PB_STRING, 0, NULL },
	    { 4, "namespaceSelector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" },
	    { 5, "matchLabelKeys", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 6, "mismatchLabelKeys", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.PodAntiAffinity", 0, PB_FIELDS(
	    { 1, "requiredDuringSchedulingIgnoredDuringExecution", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PodAffinityTerm" },
	    { 2, "preferredDuringSchedulingIgnoredDuringExecution", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.WeightedPodAffinityTerm" }
	) },
	{ "core.v1.PodAttachOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "stdin", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 2, "stdout", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 3, "stderr", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 4, "tty", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 5, "container", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.PodCertificateProjection", 0, PB_FIELDS(
	    { 1, "signerName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "keyType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "maxExpirationSeconds", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "credentialBundlePath", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "keyPath", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "certificateChainPath", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "userAnnotations", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 8, "user", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.PodCondition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL },
	    { 3, "lastProbeTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 4, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 5, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "message", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "observedGeneration", PB_INT64, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.PodDNSConfig", 0, PB_FIELDS(
	    { 1, "nameservers", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 2, "searches", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 3, "options", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PodDNSConfigOption" }
	) },
	{ "core.v1.PodDNSConfigOption", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "value", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.PodExecOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "stdin", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 2, "stdout", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 3, "stderr", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 4, "tty", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 5, "container", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "command", PB_STRING, PBF_REPEATED, NULL }
	) },
	{ "core.v1.PodExtendedResourceClaimStatus", 0, PB_FIELDS(
	    { 1, "requestMappings", PB_MSG, PBF_REPEATED, "core.v1.ContainerExtendedResourceRequest" },
	    { 2, "resourceClaimName", PB_STRING, 0, NULL }
	) },
	{ "core.v1.PodIP", 0, PB_FIELDS(
	    { 1, "ip", PB_STRING, 0, NULL }
	) },
	{ "core.v1.PodLogOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "container", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "follow", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 3, "previous", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 4, "sinceSeconds", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "sinceTime", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "timestamps", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 7, "tailLines", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 8, "limitBytes", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 9, "insecureSkipTLSVerifyBackend", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 10, "stream", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.PodOS", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL }
	) },
	{ "core.v1.PodPortForwardOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "ports", PB_INT32, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.PodProxyOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "path", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.PodReadinessGate", 0, PB_FIELDS(
	    { 1, "conditionType", PB_STRING, 0, NULL }
	) },
	{ "core.v1.PodResourceClaim", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 3, "resourceClaimName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "resourceClaimTemplateName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.PodResourceClaimStatus", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "resourceClaimName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.PodSchedulingGate", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL }
	) },
	{ "core.v1.PodSchedulingGroup", 0, PB_FIELDS(
	    { 1, "podGroupName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.PodSecurityContext", 0, PB_FIELDS(
	    { 1, "seLinuxOptions", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SELinuxOptions" },
	    { 2, "runAsUser", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "runAsNonRoot", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "supplementalGroups", PB_INT64, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 5, "fsGroup", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "runAsGroup", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 7, "sysctls", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.Sysctl" },
	    { 8, "windowsOptions", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.WindowsSecurityContextOptions" },
	    { 9, "fsGroupChangePolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 10, "seccompProfile", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SeccompProfile" },
	    { 11, "appArmorProfile", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.AppArmorProfile" },
	    { 12, "supplementalGroupsPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 13, "seLinuxChangePolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.PodSignature", 0, PB_FIELDS(
	    { 1, "podController", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.OwnerReference" }
	) },
	{ "core.v1.PodSpec", 0, PB_FIELDS(
	    { 1, "volumes", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.Volume" },
	    { 2, "containers", PB_MSG, PBF_REPEATED, "core.v1.Container" },
	    { 3, "restartPolicy", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "terminationGracePeriodSeconds", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "activeDeadlineSeconds", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "dnsPolicy", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "nodeSelector", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 8, "serviceAccountName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 9, "serviceAccount", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 10, "nodeName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 11, "hostNetwork", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 12, "hostPID", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 13, "hostIPC", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 14, "securityContext", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PodSecurityContext" },
	    { 15, "imagePullSecrets", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.LocalObjectReference" },
	    { 16, "hostname", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 17, "subdomain", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 18, "affinity", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.Affinity" },
	    { 19, "schedulerName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 20, "initContainers", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.Container" },
	    { 21, "automountServiceAccountToken", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 22, "tolerations", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.Toleration" },
	    { 23, "hostAliases", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.HostAlias" },
	    { 24, "priorityClassName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 25, "priority", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 26, "dnsConfig", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PodDNSConfig" },
	    { 27, "shareProcessNamespace", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 28, "readinessGates", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PodReadinessGate" },
	    { 29, "runtimeClassName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 30, "enableServiceLinks", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 31, "preemptionPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 32, "overhead", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 33, "topologySpreadConstraints", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.TopologySpreadConstraint" },
	    { 34, "ephemeralContainers", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.EphemeralContainer" },
	    { 35, "setHostnameAsFQDN", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 36, "os", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PodOS" },
	    { 37, "hostUsers", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 38, "schedulingGates", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PodSchedulingGate" },
	    { 39, "resourceClaims", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PodResourceClaim" },
	    { 40, "resources", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ResourceRequirements" },
	    { 41, "hostnameOverride", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 43, "schedulingGroup", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PodSchedulingGroup" },
	    { 44, "evictionResponders", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.EvictionResponder" }
	) },
	{ "core.v1.PodStatus", 0, PB_FIELDS(
	    { 1, "phase", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PodCondition" },
	    { 3, "message", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "hostIP", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "podIP", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "startTime", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 8, "containerStatuses", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ContainerStatus" },
	    { 9, "qosClass", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 10, "initContainerStatuses", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ContainerStatus" },
	    { 11, "nominatedNodeName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 12, "podIPs", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PodIP" },
	    { 13, "ephemeralContainerStatuses", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ContainerStatus" },
	    { 14, "resize", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 15, "resourceClaimStatuses", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PodResourceClaimStatus" },
	    { 16, "hostIPs", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.HostIP" },
	    { 17, "observedGeneration", PB_INT64, PBF_OMITEMPTY, NULL },
	    { 18, "extendedResourceClaimStatus", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PodExtendedResourceClaimStatus" },
	    { 19, "allocatedResources", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 20, "resources", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ResourceRequirements" },
	    { 21, "nodeAllocatableResourceClaimStatuses", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.NodeAllocatableResourceClaimStatus" },
	    { 22, "volumeHealth", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PodVolumeHealth" }
	) },
	{ "core.v1.PodTemplate", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "template", PB_MSG, PBF_OMITEMPTY, "core.v1.PodTemplateSpec" }
	) },
	{ "core.v1.PodTemplateSpec", 0, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "core.v1.PodSpec" }
	) },
	{ "core.v1.PodVolumeHealth", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "healthConditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.VolumeHealthCondition" },
	    { 3, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.PortStatus", 0, PB_FIELDS(
	    { 1, "port", PB_INT32, 0, NULL },
	    { 2, "protocol", PB_STRING, 0, NULL },
	    { 3, "error", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.PortworxVolumeSource", 0, PB_FIELDS(
	    { 1, "volumeID", PB_STRING, 0, NULL },
	    { 2, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.Preconditions", 0, PB_FIELDS(
	    { 1, "uid", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.PreferAvoidPodsEntry", 0, PB_FIELDS(
	    { 1, "podSignature", PB_MSG, 0, "core.v1.PodSignature" },
	    { 2, "evictionTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 3, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "message", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.PreferredSchedulingTerm", 0, PB_FIELDS(
	    { 1, "weight", PB_INT32, 0, NULL },
	    { 2, "preference", PB_MSG, 0, "core.v1.NodeSelectorTerm" }
	) },
	{ "core.v1.Probe", 0, PB_FIELDS(
	    { 1, "", PB_MSG, PBF_INLINE, "core.v1.ProbeHandler" },
	    { 2, "initialDelaySeconds", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 3, "timeoutSeconds", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 4, "periodSeconds", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 5, "successThreshold", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 6, "failureThreshold", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 7, "terminationGracePeriodSeconds", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ProbeHandler", 0, PB_FIELDS(
	    { 1, "exec", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ExecAction" },
	    { 2, "httpGet", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.HTTPGetAction" },
	    { 3, "tcpSocket", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.TCPSocketAction" },
	    { 4, "grpc", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.GRPCAction" }
	) },
	{ "core.v1.ProjectedVolumeSource", 0, PB_FIELDS(
	    { 1, "sources", PB_MSG, PBF_REPEATED, "core.v1.VolumeProjection" },
	    { 2, "defaultMode", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "defaultUser", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.QuobyteVolumeSource", 0, PB_FIELDS(
	    { 1, "registry", PB_STRING, 0, NULL },
	    { 2, "volume", PB_STRING, 0, NULL },
	    { 3, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 4, "user", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "group", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "tenant", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.RBDPersistentVolumeSource", 0, PB_FIELDS(
	    { 1, "monitors", PB_STRING, PBF_REPEATED, NULL },
	    { 2, "image", PB_STRING, 0, NULL },
	    { 3, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "pool", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "user", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "keyring", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "secretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecretReference" },
	    { 8, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.RBDVolumeSource", 0, PB_FIELDS(
	    { 1, "monitors", PB_STRING, PBF_REPEATED, NULL },
	    { 2, "image", PB_STRING, 0, NULL },
	    { 3, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "pool", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "user", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "keyring", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "secretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.LocalObjectReference" },
	    { 8, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.RangeAllocation", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "range", PB_STRING, 0, NULL },
	    { 3, "data", PB_BYTES, 0, NULL }
	) },
	{ "core.v1.ReplicationController", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "core.v1.ReplicationControllerSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "core.v1.ReplicationControllerStatus" }
	) },
	{ "core.v1.ReplicationControllerCondition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL },
	    { 3, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 4, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "message", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ReplicationControllerSpec", 0, PB_FIELDS(
	    { 1, "replicas", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "selector", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 3, "template", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PodTemplateSpec" },
	    { 4, "minReadySeconds", PB_INT32, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ReplicationControllerStatus", 0, PB_FIELDS(
	    { 1, "replicas", PB_INT32, 0, NULL },
	    { 2, "fullyLabeledReplicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 3, "observedGeneration", PB_INT64, PBF_OMITEMPTY, NULL },
	    { 4, "readyReplicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 5, "availableReplicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 6, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ReplicationControllerCondition" }
	) },
	{ "core.v1.ResourceClaim", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "request", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ResourceFieldSelector", 0, PB_FIELDS(
	    { 1, "containerName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "resource", PB_STRING, 0, NULL },
	    { 3, "divisor", PB_QUANTITY, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ResourceHealth", 0, PB_FIELDS(
	    { 1, "resourceID", PB_STRING, 0, NULL },
	    { 2, "health", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "message", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ResourceQuota", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "core.v1.ResourceQuotaSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "core.v1.ResourceQuotaStatus" }
	) },
	{ "core.v1.ResourceQuotaSpec", 0, PB_FIELDS(
	    { 1, "hard", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 2, "scopes", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 3, "scopeSelector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ScopeSelector" }
	) },
	{ "core.v1.ResourceQuotaStatus", 0, PB_FIELDS(
	    { 1, "hard", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 2, "used", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ResourceRequirements", 0, PB_FIELDS(
	    { 1, "limits", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 2, "requests", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 3, "claims", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ResourceClaim" }
	) },
	{ "core.v1.ResourceStatus", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "resources", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ResourceHealth" }
	) },
	{ "core.v1.SELinuxOptions", 0, PB_FIELDS(
	    { 1, "user", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "role", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "type", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "level", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ScaleIOPersistentVolumeSource", 0, PB_FIELDS(
	    { 1, "gateway", PB_STRING, 0, NULL },
	    { 2, "system", PB_STRING, 0, NULL },
	    { 3, "secretRef", PB_MSG, PBF_POINTER, "core.v1.SecretReference" },
	    { 4, "sslEnabled", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 5, "protectionDomain", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "storagePool", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "storageMode", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 8, "volumeName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 9, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 10, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ScaleIOVolumeSource", 0, PB_FIELDS(
	    { 1, "gateway", PB_STRING, 0, NULL },
	    { 2, "system", PB_STRING, 0, NULL },
	    { 3, "secretRef", PB_MSG, PBF_POINTER, "core.v1.LocalObjectReference" },
	    { 4, "sslEnabled", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 5, "protectionDomain", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "storagePool", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "storageMode", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 8, "volumeName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 9, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 10, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ScopeSelector", 0, PB_FIELDS(
	    { 1, "matchExpressions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ScopedResourceSelectorRequirement" }
	) },
	{ "core.v1.ScopedResourceSelectorRequirement", 0, PB_FIELDS(
	    { 1, "scopeName", PB_STRING, 0, NULL },
	    { 2, "operator", PB_STRING, 0, NULL },
	    { 3, "values", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.SeccompProfile", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "localhostProfile", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.Secret", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "data", PB_BYTES, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 3, "type", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "stringData", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 5, "immutable", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.SecretEnvSource", 0, PB_FIELDS(
	    { 1, "", PB_MSG, PBF_INLINE, "core.v1.LocalObjectReference" },
	    { 2, "optional", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.SecretKeySelector", 0, PB_FIELDS(
	    { 1, "", PB_MSG, PBF_INLINE, "core.v1.LocalObjectReference" },
	    { 2, "key", PB_STRING, 0, NULL },
	    { 3, "optional", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.SecretProjection", 0, PB_FIELDS(
	    { 1, "", PB_MSG, PBF_INLINE, "core.v1.LocalObjectReference" },
	    { 2, "items", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.KeyToPath" },
	    { 4, "optional", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.SecretReference", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "namespace", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.SecretVolumeSource", 0, PB_FIELDS(
	    { 1, "secretName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "items", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.KeyToPath" },
	    { 3, "defaultMode", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "optional", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "defaultUser", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.SecurityContext", 0, PB_FIELDS(
	    { 1, "capabilities", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.Capabilities" },
	    { 2, "privileged", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "seLinuxOptions", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SELinuxOptions" },
	    { 4, "runAsUser", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "runAsNonRoot", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "readOnlyRootFilesystem", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 7, "allowPrivilegeEscalation", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 8, "runAsGroup", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 9, "procMount", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 10, "windowsOptions", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.WindowsSecurityContextOptions" },
	    { 11, "seccompProfile", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SeccompProfile" },
	    { 12, "appArmorProfile", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.AppArmorProfile" }
	) },
	{ "core.v1.SerializedReference", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "reference", PB_MSG, PBF_OMITEMPTY, "core.v1.ObjectReference" }
	) },
	{ "core.v1.Service", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "core.v1.ServiceSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "core.v1.ServiceStatus" }
	) },
	{ "core.v1.ServiceAccount", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "secrets", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ObjectReference" },
	    { 3, "imagePullSecrets", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.LocalObjectReference" },
	    { 4, "automountServiceAccountToken", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ServiceAccountTokenProjection", 0, PB_FIELDS(
	    { 1, "audience", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "expirationSeconds", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "path", PB_STRING, 0, NULL },
	    { 4, "user", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ServicePort", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "protocol", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "port", PB_INT32, 0, NULL },
	    { 4, "targetPort", PB_INTORSTR, PBF_OMITEMPTY, NULL },
	    { 5, "nodePort", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 6, "appProtocol", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ServiceProxyOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "path", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.ServiceSpec", 0, PB_FIELDS(
	    { 1, "ports", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ServicePort" },
	    { 2, "selector", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 3, "clusterIP", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "type", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "externalIPs", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 7, "sessionAffinity", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 8, "loadBalancerIP", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 9, "loadBalancerSourceRanges", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 10, "externalName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 11, "externalTrafficPolicy", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 12, "healthCheckNodePort", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 13, "publishNotReadyAddresses", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 14, "sessionAffinityConfig", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SessionAffinityConfig" },
	    { 17, "ipFamilyPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 18, "clusterIPs", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 19, "ipFamilies", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 20, "allocateLoadBalancerNodePorts", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 21, "loadBalancerClass", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 22, "internalTrafficPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 23, "trafficDistribution", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.ServiceStatus", 0, PB_FIELDS(
	    { 1, "loadBalancer", PB_MSG, PBF_OMITEMPTY, "core.v1.LoadBalancerStatus" },
	    { 2, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "meta.v1.Condition" }
	) },
	{ "core.v1.SessionAffinityConfig", 0, PB_FIELDS(
	    { 1, "clientIP", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ClientIPConfig" }
	) },
	{ "core.v1.SleepAction", 0, PB_FIELDS(
	    { 1, "seconds", PB_INT64, 0, NULL }
	) },
	{ "core.v1.StorageOSPersistentVolumeSource", 0, PB_FIELDS(
	    { 1, "volumeName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "volumeNamespace", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 5, "secretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ObjectReference" }
	) },
	{ "core.v1.StorageOSVolumeSource", 0, PB_FIELDS(
	    { 1, "volumeName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "volumeNamespace", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 5, "secretRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.LocalObjectReference" }
	) },
	{ "core.v1.Sysctl", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "value", PB_STRING, 0, NULL }
	) },
	{ "core.v1.TCPSocketAction", 0, PB_FIELDS(
	    { 1, "port", PB_INTORSTR, 0, NULL },
	    { 2, "host", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.Taint", 0, PB_FIELDS(
	    { 1, "key", PB_STRING, 0, NULL },
	    { 2, "value", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "effect", PB_STRING, 0, NULL },
	    { 4, "timeAdded", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.Toleration", 0, PB_FIELDS(
	    { 1, "key", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "operator", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "value", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "effect", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "tolerationSeconds", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.TopologySelectorLabelRequirement", 0, PB_FIELDS(
	    { 1, "key", PB_STRING, 0, NULL },
	    { 2, "values", PB_STRING, PBF_REPEATED, NULL }
	) },
	{ "core.v1.TopologySelectorTerm", 0, PB_FIELDS(
	    { 1, "matchLabelExpressions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.TopologySelectorLabelRequirement" }
	) },
	{ "core.v1.TopologySpreadConstraint", 0, PB_FIELDS(
	    { 1, "maxSkew", PB_INT32, 0, NULL },
	    { 2, "topologyKey", PB_STRING, 0, NULL },
	    { 3, "whenUnsatisfiable", PB_STRING, 0, NULL },
	    { 4, "labelSelector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" },
	    { 5, "minDomains", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "nodeAffinityPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 7, "nodeTaintsPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 8, "matchLabelKeys", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.TypedLocalObjectReference", 0, PB_FIELDS(
	    { 1, "apiGroup", PB_STRING, PBF_POINTER, NULL },
	    { 2, "kind", PB_STRING, 0, NULL },
	    { 3, "name", PB_STRING, 0, NULL }
	) },
	{ "core.v1.TypedObjectReference", 0, PB_FIELDS(
	    { 1, "apiGroup", PB_STRING, PBF_POINTER, NULL },
	    { 2, "kind", PB_STRING, 0, NULL },
	    { 3, "name", PB_STRING, 0, NULL },
	    { 4, "namespace", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "core.v1.Volume", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "", PB_MSG, PBF_INLINE, "core.v1.VolumeSource" }
	) },
	{ "core.v1.VolumeDevice", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "devicePath", PB_STRING, 0, NULL }
	) },
	{ "core.v1.VolumeHealthCondition", 0, PB_FIELDS(
	    { 1, "status", PB_STRING, 0, NULL },
	    { 2, "reason", PB_STRING, 0, NULL },
	    { 3, "message", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.VolumeHealthStatus", 0, PB_FIELDS(
	    { 1, "healthConditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.VolumeHealthCondition" },
	    { 2, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.VolumeMount", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 3, "mountPath", PB_STRING, 0, NULL },
	    { 4, "subPath", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "mountPropagation", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "subPathExpr", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "recursiveReadOnly", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 8, "bindMountOptions", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.VolumeMountStatus", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "mountPath", PB_STRING, 0, NULL },
	    { 3, "readOnly", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 4, "recursiveReadOnly", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "volumeStatus", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.VolumeStatus" }
	) },
	{ "core.v1.VolumeNodeAffinity", 0, PB_FIELDS(
	    { 1, "required", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.NodeSelector" }
	) },
	{ "core.v1.VolumeProjection", 0, PB_FIELDS(
	    { 1, "secret", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecretProjection" },
	    { 2, "downwardAPI", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.DownwardAPIProjection" },
	    { 3, "configMap", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ConfigMapProjection" },
	    { 4, "serviceAccountToken", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ServiceAccountTokenProjection" },
	    { 5, "clusterTrustBundle", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ClusterTrustBundleProjection" },
	    { 6, "podCertificate", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PodCertificateProjection" }
	) },
	{ "core.v1.VolumeResourceRequirements", 0, PB_FIELDS(
	    { 1, "limits", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 2, "requests", PB_QUANTITY, PBF_MAP|PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.VolumeSource", 0, PB_FIELDS(
	    { 1, "hostPath", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.HostPathVolumeSource" },
	    { 2, "emptyDir", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.EmptyDirVolumeSource" },
	    { 3, "gcePersistentDisk", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.GCEPersistentDiskVolumeSource" },
	    { 4, "awsElasticBlockStore", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.AWSElasticBlockStoreVolumeSource" },
	    { 5, "gitRepo", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.GitRepoVolumeSource" },
	    { 6, "secret", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.SecretVolumeSource" },
	    { 7, "nfs", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.NFSVolumeSource" },
	    { 8, "iscsi", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ISCSIVolumeSource" },
	    { 9, "glusterfs", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.GlusterfsVolumeSource" },
	    { 10, "persistentVolumeClaim", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PersistentVolumeClaimVolumeSource" },
	    { 11, "rbd", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.RBDVolumeSource" },
	    { 12, "flexVolume", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.FlexVolumeSource" },
	    { 13, "cinder", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.CinderVolumeSource" },
	    { 14, "cephfs", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.CephFSVolumeSource" },
	    { 15, "flocker", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.FlockerVolumeSource" },
	    { 16, "downwardAPI", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.DownwardAPIVolumeSource" },
	    { 17, "fc", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.FCVolumeSource" },
	    { 18, "azureFile", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.AzureFileVolumeSource" },
	    { 19, "configMap", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ConfigMapVolumeSource" },
	    { 20, "vsphereVolume", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.VsphereVirtualDiskVolumeSource" },
	    { 21, "quobyte", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.QuobyteVolumeSource" },
	    { 22, "azureDisk", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.AzureDiskVolumeSource" },
	    { 23, "photonPersistentDisk", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PhotonPersistentDiskVolumeSource" },
	    { 24, "portworxVolume", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PortworxVolumeSource" },
	    { 25, "scaleIO", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ScaleIOVolumeSource" },
	    { 26, "projected", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ProjectedVolumeSource" },
	    { 27, "storageos", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.StorageOSVolumeSource" },
	    { 28, "csi", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.CSIVolumeSource" },
	    { 29, "ephemeral", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.EphemeralVolumeSource" },
	    { 30, "image", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ImageVolumeSource" }
	) },
	{ "core.v1.VolumeStatus", 0, PB_FIELDS(
	    { 1, "image", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ImageVolumeStatus" }
	) },
	{ "core.v1.VsphereVirtualDiskVolumeSource", 0, PB_FIELDS(
	    { 1, "volumePath", PB_STRING, 0, NULL },
	    { 2, "fsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "storagePolicyName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "storagePolicyID", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "core.v1.WeightedPodAffinityTerm", 0, PB_FIELDS(
	    { 1, "weight", PB_INT32, 0, NULL },
	    { 2, "podAffinityTerm", PB_MSG, 0, "core.v1.PodAffinityTerm" }
	) },
	{ "core.v1.WindowsSecurityContextOptions", 0, PB_FIELDS(
	    { 1, "gmsaCredentialSpecName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "gmsaCredentialSpec", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "runAsUserName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "hostProcess", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "meta.v1.APIGroup", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "versions", PB_MSG, PBF_REPEATED, "meta.v1.GroupVersionForDiscovery" },
	    { 3, "preferredVersion", PB_MSG, PBF_OMITEMPTY, "meta.v1.GroupVersionForDiscovery" },
	    { 4, "serverAddressByClientCIDRs", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "meta.v1.ServerAddressByClientCIDR" }
	) },
	{ "meta.v1.APIGroupList", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "groups", PB_MSG, PBF_REPEATED, "meta.v1.APIGroup" }
	) },
	{ "meta.v1.APIResource", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "namespaced", PB_BOOL, 0, NULL },
	    { 3, "kind", PB_STRING, 0, NULL },
	    { 4, "verbs", PB_STRLIST, 0, NULL },
	    { 5, "shortNames", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 6, "singularName", PB_STRING, 0, NULL },
	    { 7, "categories", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 8, "group", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 9, "version", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 10, "storageVersionHash", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "meta.v1.APIResourceList", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "groupVersion", PB_STRING, 0, NULL },
	    { 2, "resources", PB_MSG, PBF_REPEATED, "meta.v1.APIResource" }
	) },
	{ "meta.v1.APIVersions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "versions", PB_STRING, PBF_REPEATED, NULL },
	    { 2, "serverAddressByClientCIDRs", PB_MSG, PBF_REPEATED, "meta.v1.ServerAddressByClientCIDR" }
	) },
	{ "meta.v1.ApplyOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "dryRun", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 2, "force", PB_BOOL, 0, NULL },
	    { 3, "fieldManager", PB_STRING, 0, NULL }
	) },
	{ "meta.v1.Condition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL },
	    { 3, "observedGeneration", PB_INT64, PBF_OMITEMPTY, NULL },
	    { 4, "lastTransitionTime", PB_TIME, 0, NULL },
	    { 5, "reason", PB_STRING, 0, NULL },
	    { 6, "message", PB_STRING, 0, NULL }
	) },
	{ "meta.v1.CreateOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "dryRun", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 3, "fieldManager", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "fieldValidation", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "meta.v1.DeleteOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "gracePeriodSeconds", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "preconditions", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.Preconditions" },
	    { 3, "orphanDependents", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "propagationPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "dryRun", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 6, "ignoreStoreReadErrorWithClusterBreakingPotential", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "meta.v1.FieldSelectorRequirement", 0, PB_FIELDS(
	    { 1, "key", PB_STRING, 0, NULL },
	    { 2, "operator", PB_STRING, 0, NULL },
	    { 3, "values", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "meta.v1.GetOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "resourceVersion", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "meta.v1.GroupKind", 0, PB_FIELDS(
	    { 1, "group", PB_STRING, 0, NULL },
	    { 2, "kind", PB_STRING, 0, NULL }
	) },
	{ "meta.v1.GroupResource", 0, PB_FIELDS(
	    { 1, "group", PB_STRING, 0, NULL },
	    { 2, "resource", PB_STRING, 0, NULL }
	) },
	{ "meta.v1.GroupVersion", 0, PB_FIELDS(
	    { 1, "group", PB_STRING, 0, NULL },
	    { 2, "version", PB_STRING, 0, NULL }
	) },
	{ "meta.v1.GroupVersionForDiscovery", 0, PB_FIELDS(
	    { 1, "groupVersion", PB_STRING, 0, NULL },
	    { 2, "version", PB_STRING, 0, NULL }
	) },
	{ "meta.v1.GroupVersionKind", 0, PB_FIELDS(
	    { 1, "group", PB_STRING, 0, NULL },
	    { 2, "version", PB_STRING, 0, NULL },
	    { 3, "kind", PB_STRING, 0, NULL }
	) },
	{ "meta.v1.GroupVersionResource", 0, PB_FIELDS(
	    { 1, "group", PB_STRING, 0, NULL },
	    { 2, "version", PB_STRING, 0, NULL },
	    { 3, "resource", PB_STRING, 0, NULL }
	) },
	{ "meta.v1.LabelSelector", 0, PB_FIELDS(
	    { 1, "matchLabels", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 2, "matchExpressions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "meta.v1.LabelSelectorRequirement" }
	) },
	{ "meta.v1.LabelSelectorRequirement", 0, PB_FIELDS(
	    { 1, "key", PB_STRING, 0, NULL },
	    { 2, "operator", PB_STRING, 0, NULL },
	    { 3, "values", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "meta.v1.ListMeta", 0, PB_FIELDS(
	    { 1, "selfLink", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "resourceVersion", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "continue", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "remainingItemCount", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "shardInfo", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.ShardInfo" }
	) },
	{ "meta.v1.ListOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "labelSelector", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "fieldSelector", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "watch", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 4, "resourceVersion", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "timeoutSeconds", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 7, "limit", PB_INT64, PBF_OMITEMPTY, NULL },
	    { 8, "continue", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 9, "allowWatchBookmarks", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 10, "resourceVersionMatch", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 11, "sendInitialEvents", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 15, "shardSelector", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "meta.v1.ManagedFieldsEntry", 0, PB_FIELDS(
	    { 1, "manager", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "operation", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "apiVersion", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "time", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "fieldsType", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "fieldsV1", PB_RAW, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 8, "subresource", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "meta.v1.ObjectMeta", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "generateName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "namespace", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "selfLink", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "uid", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "resourceVersion", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "generation", PB_INT64, PBF_OMITEMPTY, NULL },
	    { 8, "creationTimestamp", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 9, "deletionTimestamp", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 10, "deletionGracePeriodSeconds", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 11, "labels", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 12, "annotations", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 13, "ownerReferences", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "meta.v1.OwnerReference" },
	    { 14, "finalizers", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 17, "managedFields", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "meta.v1.ManagedFieldsEntry" }
	) },
	{ "meta.v1.OwnerReference", 0, PB_FIELDS(
	    { 1, "kind", PB_STRING, 0, NULL },
	    { 3, "name", PB_STRING, 0, NULL },
	    { 4, "uid", PB_STRING, 0, NULL },
	    { 5, "apiVersion", PB_STRING, 0, NULL },
	    { 6, "controller", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 7, "blockOwnerDeletion", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "meta.v1.PartialObjectMetadata", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" }
	) },
	{ "meta.v1.PatchOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "dryRun", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 2, "force", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "fieldManager", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "fieldValidation", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "meta.v1.Preconditions", 0, PB_FIELDS(
	    { 1, "uid", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "resourceVersion", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "meta.v1.RootPaths", 0, PB_FIELDS(
	    { 1, "paths", PB_STRING, PBF_REPEATED, NULL }
	) },
	{ "meta.v1.ServerAddressByClientCIDR", 0, PB_FIELDS(
	    { 1, "clientCIDR", PB_STRING, 0, NULL },
	    { 2, "serverAddress", PB_STRING, 0, NULL }
	) },
	{ "meta.v1.ShardInfo", 0, PB_FIELDS(
	    { 1, "selector", PB_STRING, 0, NULL }
	) },
	{ "meta.v1.Status", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ListMeta" },
	    { 2, "status", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "message", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "details", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.StatusDetails" },
	    { 6, "code", PB_INT32, PBF_OMITEMPTY, NULL }
	) },
	{ "meta.v1.StatusCause", 0, PB_FIELDS(
	    { 1, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "message", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "field", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "meta.v1.StatusDetails", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "group", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "kind", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "causes", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "meta.v1.StatusCause" },
	    { 5, "retryAfterSeconds", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 6, "uid", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "meta.v1.TableOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "includeObject", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "meta.v1.UpdateOptions", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "dryRun", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 2, "fieldManager", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "fieldValidation", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "meta.v1.WatchEvent", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "object", PB_RAW, 0, NULL }
	) },
};
const size_t pb_msgs_core_len = sizeof(pb_msgs_core) / sizeof(pb_msgs_core[0]);
