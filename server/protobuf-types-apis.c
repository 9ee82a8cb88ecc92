/* protobuf-types-apis.c - protobuf schema table of the named API
 * groups: apps, batch, autoscaling, rbac, networking, policy, scheduling,
 * authorization, authentication, certificates, coordination, discovery,
 * storage (all v1, plus autoscaling/v2).
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

const struct pb_msg pb_msgs_apis[] = {
	{ "apps.v1.ControllerRevision", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "data", PB_RAW, 0, NULL },
	    { 3, "revision", PB_INT64, 0, NULL }
	) },
	{ "apps.v1.DaemonSet", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "apps.v1.DaemonSetSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "apps.v1.DaemonSetStatus" }
	) },
	{ "apps.v1.DaemonSetCondition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL },
	    { 3, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 4, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "message", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "apps.v1.DaemonSetSpec", 0, PB_FIELDS(
	    { 1, "selector", PB_MSG, PBF_POINTER, "meta.v1.LabelSelector" },
	    { 2, "template", PB_MSG, 0, "core.v1.PodTemplateSpec" },
	    { 3, "updateStrategy", PB_MSG, PBF_OMITEMPTY, "apps.v1.DaemonSetUpdateStrategy" },
	    { 4, "minReadySeconds", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 6, "revisionHistoryLimit", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "apps.v1.DaemonSetStatus", 0, PB_FIELDS(
	    { 1, "currentNumberScheduled", PB_INT32, 0, NULL },
	    { 2, "numberMisscheduled", PB_INT32, 0, NULL },
	    { 3, "desiredNumberScheduled", PB_INT32, 0, NULL },
	    { 4, "numberReady", PB_INT32, 0, NULL },
	    { 5, "observedGeneration", PB_INT64, PBF_OMITEMPTY, NULL },
	    { 6, "updatedNumberScheduled", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 7, "numberAvailable", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 8, "numberUnavailable", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 9, "collisionCount", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 10, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "apps.v1.DaemonSetCondition" }
	) },
	{ "apps.v1.DaemonSetUpdateStrategy", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "rollingUpdate", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "apps.v1.RollingUpdateDaemonSet" }
	) },
	{ "apps.v1.Deployment", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "apps.v1.DeploymentSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "apps.v1.DeploymentStatus" }
	) },
	{ "apps.v1.DeploymentCondition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL },
	    { 4, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "message", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "lastUpdateTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 7, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL }
	) },
	{ "apps.v1.DeploymentSpec", 0, PB_FIELDS(
	    { 1, "replicas", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "selector", PB_MSG, PBF_POINTER, "meta.v1.LabelSelector" },
	    { 3, "template", PB_MSG, 0, "core.v1.PodTemplateSpec" },
	    { 4, "strategy", PB_MSG, PBF_OMITEMPTY, "apps.v1.DeploymentStrategy" },
	    { 5, "minReadySeconds", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 6, "revisionHistoryLimit", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 7, "paused", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 9, "progressDeadlineSeconds", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "apps.v1.DeploymentStatus", 0, PB_FIELDS(
	    { 1, "observedGeneration", PB_INT64, PBF_OMITEMPTY, NULL },
	    { 2, "replicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 3, "updatedReplicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 4, "availableReplicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 5, "unavailableReplicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 6, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "apps.v1.DeploymentCondition" },
	    { 7, "readyReplicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 8, "collisionCount", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 9, "terminatingReplicas", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "apps.v1.DeploymentStrategy", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "rollingUpdate", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "apps.v1.RollingUpdateDeployment" }
	) },
	{ "apps.v1.ReplicaSet", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "apps.v1.ReplicaSetSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "apps.v1.ReplicaSetStatus" }
	) },
	{ "apps.v1.ReplicaSetCondition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL },
	    { 3, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 4, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "message", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "apps.v1.ReplicaSetSpec", 0, PB_FIELDS(
	    { 1, "replicas", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "selector", PB_MSG, PBF_POINTER, "meta.v1.LabelSelector" },
	    { 3, "template", PB_MSG, PBF_OMITEMPTY, "core.v1.PodTemplateSpec" },
	    { 4, "minReadySeconds", PB_INT32, PBF_OMITEMPTY, NULL }
	) },
	{ "apps.v1.ReplicaSetStatus", 0, PB_FIELDS(
	    { 1, "replicas", PB_INT32, 0, NULL },
	    { 2, "fullyLabeledReplicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 3, "observedGeneration", PB_INT64, PBF_OMITEMPTY, NULL },
	    { 4, "readyReplicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 5, "availableReplicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 6, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "apps.v1.ReplicaSetCondition" },
	    { 7, "terminatingReplicas", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "apps.v1.RollingUpdateDaemonSet", 0, PB_FIELDS(
	    { 1, "maxUnavailable", PB_INTORSTR, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "maxSurge", PB_INTORSTR, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "apps.v1.RollingUpdateDeployment", 0, PB_FIELDS(
	    { 1, "maxUnavailable", PB_INTORSTR, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "maxSurge", PB_INTORSTR, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "apps.v1.RollingUpdateStatefulSetStrategy", 0, PB_FIELDS(
	    { 1, "partition", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "maxUnavailable", PB_INTORSTR, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "apps.v1.StatefulSet", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "apps.v1.StatefulSetSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "apps.v1.StatefulSetStatus" }
	) },
	{ "apps.v1.StatefulSetCondition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL },
	    { 3, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 4, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "message", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "apps.v1.StatefulSetOrdinals", 0, PB_FIELDS(
	    { 1, "start", PB_INT32, 0, NULL }
	) },
	{ "apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy", 0, PB_FIELDS(
	    { 1, "whenDeleted", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "whenScaled", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "apps.v1.StatefulSetSpec", 0, PB_FIELDS(
	    { 1, "replicas", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "selector", PB_MSG, PBF_POINTER, "meta.v1.LabelSelector" },
	    { 3, "template", PB_MSG, 0, "core.v1.PodTemplateSpec" },
	    { 4, "volumeClaimTemplates", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.PersistentVolumeClaim" },
	    { 5, "serviceName", PB_STRING, 0, NULL },
	    { 6, "podManagementPolicy", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "updateStrategy", PB_MSG, PBF_OMITEMPTY, "apps.v1.StatefulSetUpdateStrategy" },
	    { 8, "revisionHistoryLimit", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 9, "minReadySeconds", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 10, "persistentVolumeClaimRetentionPolicy", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy" },
	    { 11, "ordinals", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "apps.v1.StatefulSetOrdinals" }
	) },
	{ "apps.v1.StatefulSetStatus", 0, PB_FIELDS(
	    { 1, "observedGeneration", PB_INT64, PBF_OMITEMPTY, NULL },
	    { 2, "replicas", PB_INT32, 0, NULL },
	    { 3, "readyReplicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 4, "currentReplicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 5, "updatedReplicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 6, "currentRevision", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "updateRevision", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 9, "collisionCount", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 10, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "apps.v1.StatefulSetCondition" },
	    { 11, "availableReplicas", PB_INT32, 0, NULL }
	) },
	{ "apps.v1.StatefulSetUpdateStrategy", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "rollingUpdate", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "apps.v1.RollingUpdateStatefulSetStrategy" }
	) },
	{ "authentication.v1.BoundObjectReference", 0, PB_FIELDS(
	    { 1, "kind", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "apiVersion", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "name", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "uid", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "authentication.v1.SelfSubjectReview", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "status", PB_MSG, PBF_OMITEMPTY, "authentication.v1.SelfSubjectReviewStatus" }
	) },
	{ "authentication.v1.SelfSubjectReviewStatus", 0, PB_FIELDS(
	    { 1, "userInfo", PB_MSG, PBF_OMITEMPTY, "authentication.v1.UserInfo" }
	) },
	{ "authentication.v1.TokenRequest", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, 0, "authentication.v1.TokenRequestSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "authentication.v1.TokenRequestStatus" }
	) },
	{ "authentication.v1.TokenRequestSpec", 0, PB_FIELDS(
	    { 1, "audiences", PB_STRING, PBF_REPEATED, NULL },
	    { 3, "boundObjectRef", PB_MSG, PBF_POINTER, "authentication.v1.BoundObjectReference" },
	    { 4, "expirationSeconds", PB_INT64, PBF_POINTER, NULL },
	    { 5, "attestations", PB_STRLIST, PBF_MAP|PBF_OMITEMPTY, NULL }
	) },
	{ "authentication.v1.TokenRequestStatus", 0, PB_FIELDS(
	    { 1, "token", PB_STRING, 0, NULL },
	    { 2, "expirationTimestamp", PB_TIME, 0, NULL }
	) },
	{ "authentication.v1.TokenReview", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, 0, "authentication.v1.TokenReviewSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "authentication.v1.TokenReviewStatus" }
	) },
	{ "authentication.v1.TokenReviewSpec", 0, PB_FIELDS(
	    { 1, "token", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "audiences", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "authentication.v1.TokenReviewStatus", 0, PB_FIELDS(
	    { 1, "authenticated", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 2, "user", PB_MSG, PBF_OMITEMPTY, "authentication.v1.UserInfo" },
	    { 3, "error", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "audiences", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "authentication.v1.UserInfo", 0, PB_FIELDS(
	    { 1, "username", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "uid", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "groups", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 4, "extra", PB_STRLIST, PBF_MAP|PBF_OMITEMPTY, NULL }
	) },
	{ "authorization.v1.FieldSelectorAttributes", 0, PB_FIELDS(
	    { 1, "rawSelector", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "requirements", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "meta.v1.FieldSelectorRequirement" }
	) },
	{ "authorization.v1.LabelSelectorAttributes", 0, PB_FIELDS(
	    { 1, "rawSelector", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "requirements", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "meta.v1.LabelSelectorRequirement" }
	) },
	{ "authorization.v1.LocalSubjectAccessReview", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, 0, "authorization.v1.SubjectAccessReviewSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "authorization.v1.SubjectAccessReviewStatus" }
	) },
	{ "authorization.v1.NonResourceAttributes", 0, PB_FIELDS(
	    { 1, "path", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "verb", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "authorization.v1.NonResourceRule", 0, PB_FIELDS(
	    { 1, "verbs", PB_STRING, PBF_REPEATED, NULL },
	    { 2, "nonResourceURLs", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "authorization.v1.ResourceAttributes", 0, PB_FIELDS(
	    { 1, "namespace", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "verb", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "group", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "version", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "resource", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "subresource", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 7, "name", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 8, "fieldSelector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "authorization.v1.FieldSelectorAttributes" },
	    { 9, "labelSelector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "authorization.v1.LabelSelectorAttributes" }
	) },
	{ "authorization.v1.ResourceRule", 0, PB_FIELDS(
	    { 1, "verbs", PB_STRING, PBF_REPEATED, NULL },
	    { 2, "apiGroups", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 3, "resources", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 4, "resourceNames", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "authorization.v1.SelfSubjectAccessReview", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, 0, "authorization.v1.SelfSubjectAccessReviewSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "authorization.v1.SubjectAccessReviewStatus" }
	) },
	{ "authorization.v1.SelfSubjectAccessReviewSpec", 0, PB_FIELDS(
	    { 1, "resourceAttributes", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "authorization.v1.ResourceAttributes" },
	    { 2, "nonResourceAttributes", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "authorization.v1.NonResourceAttributes" }
	) },
	{ "authorization.v1.SelfSubjectRulesReview", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, 0, "authorization.v1.SelfSubjectRulesReviewSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "authorization.v1.SubjectRulesReviewStatus" }
	) },
	{ "authorization.v1.SelfSubjectRulesReviewSpec", 0, PB_FIELDS(
	    { 1, "namespace", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "authorization.v1.SubjectAccessReview", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, 0, "authorization.v1.SubjectAccessReviewSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "authorization.v1.SubjectAccessReviewStatus" }
	) },
	{ "authorization.v1.SubjectAccessReviewSpec", 0, PB_FIELDS(
	    { 1, "resourceAttributes", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "authorization.v1.ResourceAttributes" },
	    { 2, "nonResourceAttributes", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "authorization.v1.NonResourceAttributes" },
	    { 3, "user", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "groups", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 5, "extra", PB_STRLIST, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 6, "uid", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "authorization.v1.SubjectAccessReviewStatus", 0, PB_FIELDS(
	    { 1, "allowed", PB_BOOL, 0, NULL },
	    { 2, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "evaluationError", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "denied", PB_BOOL, PBF_OMITEMPTY, NULL }
	) },
	{ "authorization.v1.SubjectRulesReviewStatus", 0, PB_FIELDS(
	    { 1, "resourceRules", PB_MSG, PBF_REPEATED, "authorization.v1.ResourceRule" },
	    { 2, "nonResourceRules", PB_MSG, PBF_REPEATED, "authorization.v1.NonResourceRule" },
	    { 3, "incomplete", PB_BOOL, 0, NULL },
	    { 4, "evaluationError", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "autoscaling.v1.ContainerResourceMetricSource", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "targetAverageUtilization", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "targetAverageValue", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "container", PB_STRING, 0, NULL }
	) },
	{ "autoscaling.v1.ContainerResourceMetricStatus", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "currentAverageUtilization", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "currentAverageValue", PB_QUANTITY, 0, NULL },
	    { 4, "container", PB_STRING, 0, NULL }
	) },
	{ "autoscaling.v1.CrossVersionObjectReference", 0, PB_FIELDS(
	    { 1, "kind", PB_STRING, 0, NULL },
	    { 2, "name", PB_STRING, 0, NULL },
	    { 3, "apiVersion", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "autoscaling.v1.ExternalMetricSource", 0, PB_FIELDS(
	    { 1, "metricName", PB_STRING, 0, NULL },
	    { 2, "metricSelector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" },
	    { 3, "targetValue", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "targetAverageValue", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "autoscaling.v1.ExternalMetricStatus", 0, PB_FIELDS(
	    { 1, "metricName", PB_STRING, 0, NULL },
	    { 2, "metricSelector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" },
	    { 3, "currentValue", PB_QUANTITY, 0, NULL },
	    { 4, "currentAverageValue", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "autoscaling.v1.HorizontalPodAutoscaler", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "autoscaling.v1.HorizontalPodAutoscalerSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "autoscaling.v1.HorizontalPodAutoscalerStatus" }
	) },
	{ "autoscaling.v1.HorizontalPodAutoscalerCondition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL },
	    { 3, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 4, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "message", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "observedGeneration", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "autoscaling.v1.HorizontalPodAutoscalerSpec", 0, PB_FIELDS(
	    { 1, "scaleTargetRef", PB_MSG, 0, "autoscaling.v1.CrossVersionObjectReference" },
	    { 2, "minReplicas", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "maxReplicas", PB_INT32, 0, NULL },
	    { 4, "targetCPUUtilizationPercentage", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "autoscaling.v1.HorizontalPodAutoscalerStatus", 0, PB_FIELDS(
	    { 1, "observedGeneration", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "lastScaleTime", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "currentReplicas", PB_INT32, 0, NULL },
	    { 4, "desiredReplicas", PB_INT32, 0, NULL },
	    { 5, "currentCPUUtilizationPercentage", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "autoscaling.v1.MetricSpec", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "object", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v1.ObjectMetricSource" },
	    { 3, "pods", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v1.PodsMetricSource" },
	    { 4, "resource", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v1.ResourceMetricSource" },
	    { 5, "external", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v1.ExternalMetricSource" },
	    { 7, "containerResource", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v1.ContainerResourceMetricSource" }
	) },
	{ "autoscaling.v1.MetricStatus", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "object", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v1.ObjectMetricStatus" },
	    { 3, "pods", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v1.PodsMetricStatus" },
	    { 4, "resource", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v1.ResourceMetricStatus" },
	    { 5, "external", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v1.ExternalMetricStatus" },
	    { 7, "containerResource", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v1.ContainerResourceMetricStatus" }
	) },
	{ "autoscaling.v1.ObjectMetricSource", 0, PB_FIELDS(
	    { 1, "target", PB_MSG, 0, "autoscaling.v1.CrossVersionObjectReference" },
	    { 2, "metricName", PB_STRING, 0, NULL },
	    { 3, "targetValue", PB_QUANTITY, 0, NULL },
	    { 4, "selector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" },
	    { 5, "averageValue", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "autoscaling.v1.ObjectMetricStatus", 0, PB_FIELDS(
	    { 1, "target", PB_MSG, 0, "autoscaling.v1.CrossVersionObjectReference" },
	    { 2, "metricName", PB_STRING, 0, NULL },
	    { 3, "currentValue", PB_QUANTITY, 0, NULL },
	    { 4, "selector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" },
	    { 5, "averageValue", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "autoscaling.v1.PodsMetricSource", 0, PB_FIELDS(
	    { 1, "metricName", PB_STRING, 0, NULL },
	    { 2, "targetAverageValue", PB_QUANTITY, 0, NULL },
	    { 3, "selector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" }
	) },
	{ "autoscaling.v1.PodsMetricStatus", 0, PB_FIELDS(
	    { 1, "metricName", PB_STRING, 0, NULL },
	    { 2, "currentAverageValue", PB_QUANTITY, 0, NULL },
	    { 3, "selector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" }
	) },
	{ "autoscaling.v1.ResourceMetricSource", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "targetAverageUtilization", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "targetAverageValue", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "autoscaling.v1.ResourceMetricStatus", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "currentAverageUtilization", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "currentAverageValue", PB_QUANTITY, 0, NULL }
	) },
	{ "autoscaling.v1.Scale", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "autoscaling.v1.ScaleSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "autoscaling.v1.ScaleStatus" }
	) },
	{ "autoscaling.v1.ScaleSpec", 0, PB_FIELDS(
	    { 1, "replicas", PB_INT32, PBF_OMITEMPTY, NULL }
	) },
	{ "autoscaling.v1.ScaleStatus", 0, PB_FIELDS(
	    { 1, "replicas", PB_INT32, 0, NULL },
	    { 2, "selector", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "autoscaling.v2.ContainerResourceMetricSource", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "target", PB_MSG, 0, "autoscaling.v2.MetricTarget" },
	    { 3, "container", PB_STRING, 0, NULL }
	) },
	{ "autoscaling.v2.ContainerResourceMetricStatus", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "current", PB_MSG, 0, "autoscaling.v2.MetricValueStatus" },
	    { 3, "container", PB_STRING, 0, NULL }
	) },
	{ "autoscaling.v2.CrossVersionObjectReference", 0, PB_FIELDS(
	    { 1, "kind", PB_STRING, 0, NULL },
	    { 2, "name", PB_STRING, 0, NULL },
	    { 3, "apiVersion", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "autoscaling.v2.ExternalMetricSource", 0, PB_FIELDS(
	    { 1, "metric", PB_MSG, 0, "autoscaling.v2.MetricIdentifier" },
	    { 2, "target", PB_MSG, 0, "autoscaling.v2.MetricTarget" }
	) },
	{ "autoscaling.v2.ExternalMetricStatus", 0, PB_FIELDS(
	    { 1, "metric", PB_MSG, 0, "autoscaling.v2.MetricIdentifier" },
	    { 2, "current", PB_MSG, 0, "autoscaling.v2.MetricValueStatus" }
	) },
	{ "autoscaling.v2.HPAScalingPolicy", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "value", PB_INT32, 0, NULL },
	    { 3, "periodSeconds", PB_INT32, 0, NULL }
	) },
	{ "autoscaling.v2.HPAScalingRules", 0, PB_FIELDS(
	    { 1, "selectPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "policies", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "autoscaling.v2.HPAScalingPolicy" },
	    { 3, "stabilizationWindowSeconds", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "tolerance", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "autoscaling.v2.HorizontalPodAutoscaler", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "autoscaling.v2.HorizontalPodAutoscalerSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "autoscaling.v2.HorizontalPodAutoscalerStatus" }
	) },
	{ "autoscaling.v2.HorizontalPodAutoscalerBehavior", 0, PB_FIELDS(
	    { 1, "scaleUp", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v2.HPAScalingRules" },
	    { 2, "scaleDown", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v2.HPAScalingRules" }
	) },
	{ "autoscaling.v2.HorizontalPodAutoscalerCondition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL },
	    { 3, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 4, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "message", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "observedGeneration", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "autoscaling.v2.HorizontalPodAutoscalerSpec", 0, PB_FIELDS(
	    { 1, "scaleTargetRef", PB_MSG, 0, "autoscaling.v2.CrossVersionObjectReference" },
	    { 2, "minReplicas", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "maxReplicas", PB_INT32, 0, NULL },
	    { 4, "metrics", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "autoscaling.v2.MetricSpec" },
	    { 5, "behavior", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v2.HorizontalPodAutoscalerBehavior" }
	) },
	{ "autoscaling.v2.HorizontalPodAutoscalerStatus", 0, PB_FIELDS(
	    { 1, "observedGeneration", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "lastScaleTime", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "currentReplicas", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 4, "desiredReplicas", PB_INT32, 0, NULL },
	    { 5, "currentMetrics", PB_MSG, PBF_REPEATED, "autoscaling.v2.MetricStatus" },
	    { 6, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "autoscaling.v2.HorizontalPodAutoscalerCondition" }
	) },
	{ "autoscaling.v2.MetricIdentifier", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "selector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" }
	) },
	{ "autoscaling.v2.MetricSpec", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "object", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v2.ObjectMetricSource" },
	    { 3, "pods", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v2.PodsMetricSource" },
	    { 4, "resource", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v2.ResourceMetricSource" },
	    { 5, "external", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v2.ExternalMetricSource" },
	    { 7, "containerResource", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v2.ContainerResourceMetricSource" }
	) },
	{ "autoscaling.v2.MetricStatus", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "object", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v2.ObjectMetricStatus" },
	    { 3, "pods", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v2.PodsMetricStatus" },
	    { 4, "resource", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v2.ResourceMetricStatus" },
	    { 5, "external", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v2.ExternalMetricStatus" },
	    { 7, "containerResource", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "autoscaling.v2.ContainerResourceMetricStatus" }
	) },
	{ "autoscaling.v2.MetricTarget", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "value", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "averageValue", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "averageUtilization", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "autoscaling.v2.MetricValueStatus", 0, PB_FIELDS(
	    { 1, "value", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "averageValue", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "averageUtilization", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "autoscaling.v2.ObjectMetricSource", 0, PB_FIELDS(
	    { 1, "describedObject", PB_MSG, 0, "autoscaling.v2.CrossVersionObjectReference" },
	    { 2, "target", PB_MSG, 0, "autoscaling.v2.MetricTarget" },
	    { 3, "metric", PB_MSG, 0, "autoscaling.v2.MetricIdentifier" }
	) },
	{ "autoscaling.v2.ObjectMetricStatus", 0, PB_FIELDS(
	    { 1, "metric", PB_MSG, 0, "autoscaling.v2.MetricIdentifier" },
	    { 2, "current", PB_MSG, 0, "autoscaling.v2.MetricValueStatus" },
	    { 3, "describedObject", PB_MSG, 0, "autoscaling.v2.CrossVersionObjectReference" }
	) },
	{ "autoscaling.v2.PodsMetricSource", 0, PB_FIELDS(
	    { 1, "metric", PB_MSG, 0, "autoscaling.v2.MetricIdentifier" },
	    { 2, "target", PB_MSG, 0, "autoscaling.v2.MetricTarget" }
	) },
	{ "autoscaling.v2.PodsMetricStatus", 0, PB_FIELDS(
	    { 1, "metric", PB_MSG, 0, "autoscaling.v2.MetricIdentifier" },
	    { 2, "current", PB_MSG, 0, "autoscaling.v2.MetricValueStatus" }
	) },
	{ "autoscaling.v2.ResourceMetricSource", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "target", PB_MSG, 0, "autoscaling.v2.MetricTarget" }
	) },
	{ "autoscaling.v2.ResourceMetricStatus", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "current", PB_MSG, 0, "autoscaling.v2.MetricValueStatus" }
	) },
	{ "batch.v1.CronJob", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "batch.v1.CronJobSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "batch.v1.CronJobStatus" }
	) },
	{ "batch.v1.CronJobSpec", 0, PB_FIELDS(
	    { 1, "schedule", PB_STRING, 0, NULL },
	    { 2, "startingDeadlineSeconds", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "concurrencyPolicy", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "suspend", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "jobTemplate", PB_MSG, 0, "batch.v1.JobTemplateSpec" },
	    { 6, "successfulJobsHistoryLimit", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 7, "failedJobsHistoryLimit", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 8, "timeZone", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "batch.v1.CronJobStatus", 0, PB_FIELDS(
	    { 1, "active", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.ObjectReference" },
	    { 4, "lastScheduleTime", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "lastSuccessfulTime", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "batch.v1.Job", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "batch.v1.JobSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "batch.v1.JobStatus" }
	) },
	{ "batch.v1.JobCondition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL },
	    { 3, "lastProbeTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 4, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 5, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 6, "message", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "batch.v1.JobSchedulingConfiguration", 0, NULL, 0 },
	{ "batch.v1.JobSpec", 0, PB_FIELDS(
	    { 1, "parallelism", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "completions", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "activeDeadlineSeconds", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "selector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" },
	    { 5, "manualSelector", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "template", PB_MSG, 0, "core.v1.PodTemplateSpec" },
	    { 7, "backoffLimit", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 8, "ttlSecondsAfterFinished", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 9, "completionMode", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 10, "suspend", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 11, "podFailurePolicy", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "batch.v1.PodFailurePolicy" },
	    { 12, "backoffLimitPerIndex", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 13, "maxFailedIndexes", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 14, "podReplacementPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 15, "managedBy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 16, "successPolicy", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "batch.v1.SuccessPolicy" },
	    { 17, "scheduling", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "batch.v1.JobSchedulingConfiguration" }
	) },
	{ "batch.v1.JobStatus", 0, PB_FIELDS(
	    { 1, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "batch.v1.JobCondition" },
	    { 2, "startTime", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "completionTime", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "active", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 5, "succeeded", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 6, "failed", PB_INT32, PBF_OMITEMPTY, NULL },
	    { 7, "completedIndexes", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 8, "uncountedTerminatedPods", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "batch.v1.UncountedTerminatedPods" },
	    { 9, "ready", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 10, "failedIndexes", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 11, "terminating", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "batch.v1.JobTemplateSpec", 0, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "batch.v1.JobSpec" }
	) },
	{ "batch.v1.PodFailurePolicy", 0, PB_FIELDS(
	    { 1, "rules", PB_MSG, PBF_REPEATED, "batch.v1.PodFailurePolicyRule" }
	) },
	{ "batch.v1.PodFailurePolicyOnExitCodesRequirement", 0, PB_FIELDS(
	    { 1, "containerName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "operator", PB_STRING, 0, NULL },
	    { 3, "values", PB_INT32, PBF_REPEATED, NULL }
	) },
	{ "batch.v1.PodFailurePolicyOnPodConditionsPattern", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "status", PB_STRING, 0, NULL }
	) },
	{ "batch.v1.PodFailurePolicyRule", 0, PB_FIELDS(
	    { 1, "action", PB_STRING, 0, NULL },
	    { 2, "onExitCodes", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "batch.v1.PodFailurePolicyOnExitCodesRequirement" },
	    { 3, "onPodConditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "batch.v1.PodFailurePolicyOnPodConditionsPattern" }
	) },
	{ "batch.v1.SuccessPolicy", 0, PB_FIELDS(
	    { 1, "rules", PB_MSG, PBF_REPEATED, "batch.v1.SuccessPolicyRule" }
	) },
	{ "batch.v1.SuccessPolicyRule", 0, PB_FIELDS(
	    { 1, "succeededIndexes", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "succeededCount", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "batch.v1.UncountedTerminatedPods", 0, PB_FIELDS(
	    { 1, "succeeded", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 2, "failed", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "certificates.v1.CertificateSigningRequest", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, 0, "certificates.v1.CertificateSigningRequestSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "certificates.v1.CertificateSigningRequestStatus" }
	) },
	{ "certificates.v1.CertificateSigningRequestCondition", 0, PB_FIELDS(
	    { 1, "type", PB_STRING, 0, NULL },
	    { 2, "reason", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "message", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "lastUpdateTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 5, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 6, "status", PB_STRING, 0, NULL }
	) },
	{ "certificates.v1.CertificateSigningRequestSpec", 0, PB_FIELDS(
	    { 1, "request", PB_BYTES, 0, NULL },
	    { 2, "username", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "uid", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "groups", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 5, "usages", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 6, "extra", PB_STRLIST, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 7, "signerName", PB_STRING, 0, NULL },
	    { 8, "expirationSeconds", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "certificates.v1.CertificateSigningRequestStatus", 0, PB_FIELDS(
	    { 1, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "certificates.v1.CertificateSigningRequestCondition" },
	    { 2, "certificate", PB_BYTES, PBF_OMITEMPTY, NULL }
	) },
	{ "certificates.v1.ClusterTrustBundle", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, 0, "certificates.v1.ClusterTrustBundleSpec" }
	) },
	{ "certificates.v1.ClusterTrustBundleSpec", 0, PB_FIELDS(
	    { 1, "signerName", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "trustBundle", PB_STRING, 0, NULL }
	) },
	{ "certificates.v1.PodCertificateRequest", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, 0, "certificates.v1.PodCertificateRequestSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "certificates.v1.PodCertificateRequestStatus" }
	) },
	{ "certificates.v1.PodCertificateRequestSpec", 0, PB_FIELDS(
	    { 1, "signerName", PB_STRING, 0, NULL },
	    { 2, "podName", PB_STRING, 0, NULL },
	    { 3, "podUID", PB_STRING, 0, NULL },
	    { 4, "serviceAccountName", PB_STRING, 0, NULL },
	    { 5, "serviceAccountUID", PB_STRING, 0, NULL },
	    { 6, "nodeName", PB_STRING, 0, NULL },
	    { 7, "nodeUID", PB_STRING, 0, NULL },
	    { 8, "maxExpirationSeconds", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 11, "unverifiedUserAnnotations", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 12, "stubPKCS10Request", PB_BYTES, 0, NULL }
	) },
	{ "certificates.v1.PodCertificateRequestStatus", 0, PB_FIELDS(
	    { 1, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "meta.v1.Condition" },
	    { 2, "certificateChain", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "notBefore", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "beginRefreshAt", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "notAfter", PB_TIME, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "coordination.v1.Lease", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "coordination.v1.LeaseSpec" }
	) },
	{ "coordination.v1.LeaseSpec", 0, PB_FIELDS(
	    { 1, "holderIdentity", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "leaseDurationSeconds", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "acquireTime", PB_MICROTIME, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "renewTime", PB_MICROTIME, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "leaseTransitions", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "strategy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 7, "preferredHolder", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "discovery.v1.Endpoint", 0, PB_FIELDS(
	    { 1, "addresses", PB_STRING, PBF_REPEATED, NULL },
	    { 2, "conditions", PB_MSG, PBF_OMITEMPTY, "discovery.v1.EndpointConditions" },
	    { 3, "hostname", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "targetRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.ObjectReference" },
	    { 5, "deprecatedTopology", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 6, "nodeName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 7, "zone", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 8, "hints", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "discovery.v1.EndpointHints" }
	) },
	{ "discovery.v1.EndpointConditions", 0, PB_FIELDS(
	    { 1, "ready", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "serving", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "terminating", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "discovery.v1.EndpointHints", 0, PB_FIELDS(
	    { 1, "forZones", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "discovery.v1.ForZone" },
	    { 2, "forNodes", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "discovery.v1.ForNode" }
	) },
	{ "discovery.v1.EndpointPort", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "protocol", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "port", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "appProtocol", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "discovery.v1.EndpointSlice", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "endpoints", PB_MSG, PBF_REPEATED, "discovery.v1.Endpoint" },
	    { 3, "ports", PB_MSG, PBF_REPEATED, "discovery.v1.EndpointPort" },
	    { 4, "addressType", PB_STRING, 0, NULL }
	) },
	{ "discovery.v1.ForNode", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL }
	) },
	{ "discovery.v1.ForZone", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL }
	) },
	{ "networking.v1.HTTPIngressPath", 0, PB_FIELDS(
	    { 1, "path", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "backend", PB_MSG, 0, "networking.v1.IngressBackend" },
	    { 3, "pathType", PB_STRING, PBF_POINTER, NULL }
	) },
	{ "networking.v1.HTTPIngressRuleValue", 0, PB_FIELDS(
	    { 1, "paths", PB_MSG, PBF_REPEATED, "networking.v1.HTTPIngressPath" }
	) },
	{ "networking.v1.IPAddress", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "networking.v1.IPAddressSpec" }
	) },
	{ "networking.v1.IPAddressSpec", 0, PB_FIELDS(
	    { 1, "parentRef", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "networking.v1.ParentReference" }
	) },
	{ "networking.v1.IPBlock", 0, PB_FIELDS(
	    { 1, "cidr", PB_STRING, 0, NULL },
	    { 2, "except", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "networking.v1.Ingress", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "networking.v1.IngressSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "networking.v1.IngressStatus" }
	) },
	{ "networking.v1.IngressBackend", 0, PB_FIELDS(
	    { 3, "resource", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.TypedLocalObjectReference" },
	    { 4, "service", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "networking.v1.IngressServiceBackend" }
	) },
	{ "networking.v1.IngressClass", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "networking.v1.IngressClassSpec" }
	) },
	{ "networking.v1.IngressClassParametersReference", 0, PB_FIELDS(
	    { 1, "apiGroup", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "kind", PB_STRING, 0, NULL },
	    { 3, "name", PB_STRING, 0, NULL },
	    { 4, "scope", PB_STRING, PBF_POINTER, NULL },
	    { 5, "namespace", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "networking.v1.IngressClassSpec", 0, PB_FIELDS(
	    { 1, "controller", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "parameters", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "networking.v1.IngressClassParametersReference" }
	) },
	{ "networking.v1.IngressLoadBalancerIngress", 0, PB_FIELDS(
	    { 1, "ip", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "hostname", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "ports", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "networking.v1.IngressPortStatus" }
	) },
	{ "networking.v1.IngressLoadBalancerStatus", 0, PB_FIELDS(
	    { 1, "ingress", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "networking.v1.IngressLoadBalancerIngress" }
	) },
	{ "networking.v1.IngressPortStatus", 0, PB_FIELDS(
	    { 1, "port", PB_INT32, 0, NULL },
	    { 2, "protocol", PB_STRING, 0, NULL },
	    { 3, "error", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "networking.v1.IngressRule", 0, PB_FIELDS(
	    { 1, "host", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "", PB_MSG, PBF_INLINE, "networking.v1.IngressRuleValue" }
	) },
	{ "networking.v1.IngressRuleValue", 0, PB_FIELDS(
	    { 1, "http", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "networking.v1.HTTPIngressRuleValue" }
	) },
	{ "networking.v1.IngressServiceBackend", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "port", PB_MSG, PBF_OMITEMPTY, "networking.v1.ServiceBackendPort" }
	) },
	{ "networking.v1.IngressSpec", 0, PB_FIELDS(
	    { 1, "defaultBackend", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "networking.v1.IngressBackend" },
	    { 2, "tls", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "networking.v1.IngressTLS" },
	    { 3, "rules", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "networking.v1.IngressRule" },
	    { 4, "ingressClassName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "networking.v1.IngressStatus", 0, PB_FIELDS(
	    { 1, "loadBalancer", PB_MSG, PBF_OMITEMPTY, "networking.v1.IngressLoadBalancerStatus" }
	) },
	{ "networking.v1.IngressTLS", 0, PB_FIELDS(
	    { 1, "hosts", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 2, "secretName", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "networking.v1.NetworkPolicy", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "networking.v1.NetworkPolicySpec" }
	) },
	{ "networking.v1.NetworkPolicyEgressRule", 0, PB_FIELDS(
	    { 1, "ports", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "networking.v1.NetworkPolicyPort" },
	    { 2, "to", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "networking.v1.NetworkPolicyPeer" }
	) },
	{ "networking.v1.NetworkPolicyIngressRule", 0, PB_FIELDS(
	    { 1, "ports", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "networking.v1.NetworkPolicyPort" },
	    { 2, "from", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "networking.v1.NetworkPolicyPeer" }
	) },
	{ "networking.v1.NetworkPolicyPeer", 0, PB_FIELDS(
	    { 1, "podSelector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" },
	    { 2, "namespaceSelector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" },
	    { 3, "ipBlock", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "networking.v1.IPBlock" }
	) },
	{ "networking.v1.NetworkPolicyPort", 0, PB_FIELDS(
	    { 1, "protocol", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "port", PB_INTORSTR, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "endPort", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "networking.v1.NetworkPolicySpec", 0, PB_FIELDS(
	    { 1, "podSelector", PB_MSG, 0, "meta.v1.LabelSelector" },
	    { 2, "ingress", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "networking.v1.NetworkPolicyIngressRule" },
	    { 3, "egress", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "networking.v1.NetworkPolicyEgressRule" },
	    { 4, "policyTypes", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "networking.v1.ParentReference", 0, PB_FIELDS(
	    { 1, "group", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "resource", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "namespace", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "name", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "networking.v1.ServiceBackendPort", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 2, "number", PB_INT32, PBF_OMITEMPTY, NULL }
	) },
	{ "networking.v1.ServiceCIDR", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "networking.v1.ServiceCIDRSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "networking.v1.ServiceCIDRStatus" }
	) },
	{ "networking.v1.ServiceCIDRSpec", 0, PB_FIELDS(
	    { 1, "cidrs", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "networking.v1.ServiceCIDRStatus", 0, PB_FIELDS(
	    { 1, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "meta.v1.Condition" }
	) },
	{ "policy.v1.Eviction", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "deleteOptions", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.DeleteOptions" }
	) },
	{ "policy.v1.PodDisruptionBudget", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, PBF_OMITEMPTY, "policy.v1.PodDisruptionBudgetSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "policy.v1.PodDisruptionBudgetStatus" }
	) },
	{ "policy.v1.PodDisruptionBudgetSpec", 0, PB_FIELDS(
	    { 1, "minAvailable", PB_INTORSTR, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "selector", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" },
	    { 3, "maxUnavailable", PB_INTORSTR, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 4, "unhealthyPodEvictionPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "policy.v1.PodDisruptionBudgetStatus", 0, PB_FIELDS(
	    { 1, "observedGeneration", PB_INT64, PBF_OMITEMPTY, NULL },
	    { 2, "disruptedPods", PB_TIME, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 3, "disruptionsAllowed", PB_INT32, 0, NULL },
	    { 4, "currentHealthy", PB_INT32, 0, NULL },
	    { 5, "desiredHealthy", PB_INT32, 0, NULL },
	    { 6, "expectedPods", PB_INT32, 0, NULL },
	    { 7, "conditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "meta.v1.Condition" }
	) },
	{ "rbac.v1.AggregationRule", 0, PB_FIELDS(
	    { 1, "clusterRoleSelectors", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "meta.v1.LabelSelector" }
	) },
	{ "rbac.v1.ClusterRole", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "rules", PB_MSG, PBF_REPEATED, "rbac.v1.PolicyRule" },
	    { 3, "aggregationRule", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "rbac.v1.AggregationRule" }
	) },
	{ "rbac.v1.ClusterRoleBinding", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "subjects", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "rbac.v1.Subject" },
	    { 3, "roleRef", PB_MSG, 0, "rbac.v1.RoleRef" }
	) },
	{ "rbac.v1.PolicyRule", 0, PB_FIELDS(
	    { 1, "verbs", PB_STRING, PBF_REPEATED, NULL },
	    { 2, "apiGroups", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 3, "resources", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 4, "resourceNames", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 5, "nonResourceURLs", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL }
	) },
	{ "rbac.v1.Role", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "rules", PB_MSG, PBF_REPEATED, "rbac.v1.PolicyRule" }
	) },
	{ "rbac.v1.RoleBinding", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "subjects", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "rbac.v1.Subject" },
	    { 3, "roleRef", PB_MSG, 0, "rbac.v1.RoleRef" }
	) },
	{ "rbac.v1.RoleRef", 0, PB_FIELDS(
	    { 1, "apiGroup", PB_STRING, 0, NULL },
	    { 2, "kind", PB_STRING, 0, NULL },
	    { 3, "name", PB_STRING, 0, NULL }
	) },
	{ "rbac.v1.Subject", 0, PB_FIELDS(
	    { 1, "kind", PB_STRING, 0, NULL },
	    { 2, "apiGroup", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "name", PB_STRING, 0, NULL },
	    { 4, "namespace", PB_STRING, PBF_OMITEMPTY, NULL }
	) },
	{ "scheduling.v1.PriorityClass", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "value", PB_INT32, 0, NULL },
	    { 3, "globalDefault", PB_BOOL, PBF_OMITEMPTY, NULL },
	    { 4, "description", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 5, "preemptionPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "storage.v1.CSIDriver", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, 0, "storage.v1.CSIDriverSpec" }
	) },
	{ "storage.v1.CSIDriverSpec", 0, PB_FIELDS(
	    { 1, "attachRequired", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "podInfoOnMount", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 3, "volumeLifecycleModes", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 4, "storageCapacity", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "fsGroupPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "tokenRequests", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "storage.v1.TokenRequest" },
	    { 7, "requiresRepublish", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 8, "seLinuxMount", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 9, "nodeAllocatableUpdatePeriodSeconds", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 10, "serviceAccountTokenInSecrets", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 11, "preventPodSchedulingIfMissing", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "storage.v1.CSINode", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, 0, "storage.v1.CSINodeSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "storage.v1.CSINodeStatus" }
	) },
	{ "storage.v1.CSINodeDriver", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "nodeID", PB_STRING, 0, NULL },
	    { 3, "topologyKeys", PB_STRING, PBF_REPEATED, NULL },
	    { 4, "allocatable", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "storage.v1.VolumeNodeResources" }
	) },
	{ "storage.v1.CSINodeSpec", 0, PB_FIELDS(
	    { 1, "drivers", PB_MSG, PBF_REPEATED, "storage.v1.CSINodeDriver" }
	) },
	{ "storage.v1.CSINodeStatus", 0, PB_FIELDS(
	    { 1, "storageHealth", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "storage.v1.StorageHealth" }
	) },
	{ "storage.v1.CSIStorageCapacity", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "nodeTopology", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "meta.v1.LabelSelector" },
	    { 3, "storageClassName", PB_STRING, 0, NULL },
	    { 4, "capacity", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "maximumVolumeSize", PB_QUANTITY, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "storage.v1.StorageClass", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "provisioner", PB_STRING, 0, NULL },
	    { 3, "parameters", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 4, "reclaimPolicy", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "mountOptions", PB_STRING, PBF_REPEATED|PBF_OMITEMPTY, NULL },
	    { 6, "allowVolumeExpansion", PB_BOOL, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 7, "volumeBindingMode", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 8, "allowedTopologies", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "core.v1.TopologySelectorTerm" }
	) },
	{ "storage.v1.StorageHealth", 0, PB_FIELDS(
	    { 1, "name", PB_STRING, 0, NULL },
	    { 2, "healthConditions", PB_MSG, PBF_REPEATED|PBF_OMITEMPTY, "storage.v1.StorageHealthCondition" }
	) },
	{ "storage.v1.StorageHealthCondition", 0, PB_FIELDS(
	    { 1, "status", PB_STRING, 0, NULL },
	    { 2, "reason", PB_STRING, 0, NULL },
	    { 3, "message", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 4, "accessMode", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 5, "volumeMode", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 6, "lastTransitionTime", PB_TIME, PBF_OMITEMPTY, NULL }
	) },
	{ "storage.v1.TokenRequest", 0, PB_FIELDS(
	    { 1, "audience", PB_STRING, 0, NULL },
	    { 2, "expirationSeconds", PB_INT64, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "storage.v1.VolumeAttachment", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "spec", PB_MSG, 0, "storage.v1.VolumeAttachmentSpec" },
	    { 3, "status", PB_MSG, PBF_OMITEMPTY, "storage.v1.VolumeAttachmentStatus" }
	) },
	{ "storage.v1.VolumeAttachmentSource", 0, PB_FIELDS(
	    { 1, "persistentVolumeName", PB_STRING, PBF_OMITEMPTY|PBF_POINTER, NULL },
	    { 2, "inlineVolumeSpec", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "core.v1.PersistentVolumeSpec" }
	) },
	{ "storage.v1.VolumeAttachmentSpec", 0, PB_FIELDS(
	    { 1, "attacher", PB_STRING, 0, NULL },
	    { 2, "source", PB_MSG, 0, "storage.v1.VolumeAttachmentSource" },
	    { 3, "nodeName", PB_STRING, 0, NULL }
	) },
	{ "storage.v1.VolumeAttachmentStatus", 0, PB_FIELDS(
	    { 1, "attached", PB_BOOL, 0, NULL },
	    { 2, "attachmentMetadata", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL },
	    { 3, "attachError", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "storage.v1.VolumeError" },
	    { 4, "detachError", PB_MSG, PBF_OMITEMPTY|PBF_POINTER, "storage.v1.VolumeError" }
	) },
	{ "storage.v1.VolumeAttributesClass", PBM_TOPLEVEL, PB_FIELDS(
	    { 1, "metadata", PB_MSG, PBF_OMITEMPTY, "meta.v1.ObjectMeta" },
	    { 2, "driverName", PB_STRING, 0, NULL },
	    { 3, "parameters", PB_STRING, PBF_MAP|PBF_OMITEMPTY, NULL }
	) },
	{ "storage.v1.VolumeError", 0, PB_FIELDS(
	    { 1, "time", PB_TIME, PBF_OMITEMPTY, NULL },
	    { 2, "message", PB_STRING, PBF_OMITEMPTY, NULL },
	    { 3, "errorCode", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
	{ "storage.v1.VolumeNodeResources", 0, PB_FIELDS(
	    { 1, "count", PB_INT32, PBF_OMITEMPTY|PBF_POINTER, NULL }
	) },
};
const size_t pb_msgs_apis_len = sizeof(pb_msgs_apis) / sizeof(pb_msgs_apis[0]);
