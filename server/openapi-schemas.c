/* openapi-schemas.c - the schema table behind kubec's OpenAPI documents:
 * the fields of the kinds people write by hand, each with a short
 * description of our own.  Kinds not described here are published with
 * a generic schema (see openapi.c).  The row format is in openapi.h.
 */
#include <stddef.h>

#include "openapi.h"

#define D(def, req, desc)		{ def, NULL, NULL, req, desc }
#define S(def, type, desc)		{ def, NULL, type, NULL, desc }
#define F(def, name, type, desc)	{ def, name, type, NULL, desc }
#define X(def, name, type, ext, desc)	{ def, name, type, ext, desc }

#define TYPEMETA(d)							\
	F(d, "apiVersion", "string", "The versioned schema of this "	\
	    "object, such as v1 or apps/v1; the server converts objects "\
	    "to this version."),					\
	F(d, "kind", "string", "The kind of object this document "	\
	    "describes, in CamelCase.  It cannot be changed.")

const struct openapi_field openapi_fields[] = {
	/* Scalars shared by every group. */
	S("resource.Quantity", "string", "A quantity of a resource, written "
	    "as a number with an optional suffix: binary (Ki, Mi, Gi, ...), "
	    "decimal (k, M, G, ...) or milli (m), e.g. 500m or 128Mi."),
	S("intstr.IntOrString", "intstr", "A value that may be written either "
	    "as an integer or as a string, such as a port number or a "
	    "port name, or a count or a percentage."),

	/* meta/v1 */
	D("meta.v1.ObjectMeta", NULL, "Metadata every persisted object "
	    "carries: identity, labels, annotations, ownership and "
	    "bookkeeping fields kept by the server."),
	F("meta.v1.ObjectMeta", "name", "string", "The object's name, "
	    "unique among objects of the same kind in its namespace.  "
	    "Required on create unless generateName is given."),
	F("meta.v1.ObjectMeta", "generateName", "string", "A prefix the "
	    "server completes with a random suffix to build a unique name "
	    "when name is empty."),
	F("meta.v1.ObjectMeta", "namespace", "string", "The namespace the "
	    "object lives in; empty for cluster-scoped kinds.  Defaults to "
	    "the namespace of the request."),
	F("meta.v1.ObjectMeta", "selfLink", "string", "Legacy URL of the "
	    "object; no longer filled in.  Read-only."),
	F("meta.v1.ObjectMeta", "uid", "string", "A unique identifier the "
	    "server assigns on creation; it never changes and is never "
	    "reused.  Read-only."),
	F("meta.v1.ObjectMeta", "resourceVersion", "string", "An opaque "
	    "token the server changes on every write; send it back on "
	    "update for optimistic concurrency.  Read-only."),
	F("meta.v1.ObjectMeta", "generation", "int64", "A counter of "
	    "changes to the desired state (the spec), kept by the server.  "
	    "Read-only."),
	F("meta.v1.ObjectMeta", "creationTimestamp", "time", "When the "
	    "server created the object (UTC).  Read-only."),
	F("meta.v1.ObjectMeta", "deletionTimestamp", "time", "When the "
	    "object will be removed, set when deletion was requested and "
	    "finalizers or a grace period are pending.  Read-only."),
	F("meta.v1.ObjectMeta", "deletionGracePeriodSeconds", "int64",
	    "Seconds the object is allowed to take to terminate once its "
	    "deletion started.  Read-only."),
	F("meta.v1.ObjectMeta", "labels", "map", "Key/value pairs used to "
	    "organize and select objects (by label selectors)."),
	F("meta.v1.ObjectMeta", "annotations", "map", "Key/value pairs for "
	    "tools and people; not used for selection."),
	X("meta.v1.ObjectMeta", "ownerReferences", "[]meta.v1.OwnerReference",
	    "key=uid", "The objects this one depends on.  When all owners "
	    "are gone, the garbage collector deletes this object."),
	X("meta.v1.ObjectMeta", "finalizers", "[]string", "set", "Names of "
	    "pending cleanup steps; the object is only removed once this "
	    "list is empty."),
	F("meta.v1.ObjectMeta", "managedFields", "[]meta.v1.ManagedFieldsEntry",
	    "Which manager set which fields, maintained for server-side "
	    "apply.  Usually left alone."),

	D("meta.v1.ListMeta", NULL, "Metadata of a list response."),
	F("meta.v1.ListMeta", "resourceVersion", "string", "The version of "
	    "the collection the list was read at; start a watch from it."),
	F("meta.v1.ListMeta", "selfLink", "string", "Legacy URL of the "
	    "list; no longer filled in."),
	F("meta.v1.ListMeta", "continue", "string", "Set when the list was "
	    "cut by a limit: pass it back to read the next chunk."),
	F("meta.v1.ListMeta", "remainingItemCount", "int64", "How many "
	    "items are left after this chunk, when known."),

	D("meta.v1.OwnerReference", "apiVersion,kind,name,uid", "Points to "
	    "an object this one belongs to."),
	F("meta.v1.OwnerReference", "apiVersion", "string", "API version of "
	    "the owner."),
	F("meta.v1.OwnerReference", "kind", "string", "Kind of the owner."),
	F("meta.v1.OwnerReference", "name", "string", "Name of the owner."),
	F("meta.v1.OwnerReference", "uid", "string", "UID of the owner."),
	F("meta.v1.OwnerReference", "controller", "boolean", "Marks the "
	    "owner that manages this object; at most one owner has it."),
	F("meta.v1.OwnerReference", "blockOwnerDeletion", "boolean", "When "
	    "true, a foreground deletion of the owner waits for this "
	    "object to go first."),

	D("meta.v1.ManagedFieldsEntry", NULL, "One field manager's share of "
	    "an object."),
	F("meta.v1.ManagedFieldsEntry", "manager", "string", "Name of the "
	    "client that made the change."),
	F("meta.v1.ManagedFieldsEntry", "operation", "string", "Apply or "
	    "Update."),
	F("meta.v1.ManagedFieldsEntry", "apiVersion", "string", "The API "
	    "version the fields are expressed in."),
	F("meta.v1.ManagedFieldsEntry", "time", "time", "When the entry "
	    "last changed."),
	F("meta.v1.ManagedFieldsEntry", "fieldsType", "string", "Format of "
	    "fieldsV1; always FieldsV1."),
	F("meta.v1.ManagedFieldsEntry", "fieldsV1", "object", "The set of "
	    "fields owned, as a tree of keys."),
	F("meta.v1.ManagedFieldsEntry", "subresource", "string", "The "
	    "subresource written to, such as status, or empty."),

	D("meta.v1.LabelSelector", NULL, "Selects objects by their labels.  "
	    "All conditions must hold; an empty selector selects "
	    "everything, a missing one nothing."),
	F("meta.v1.LabelSelector", "matchLabels", "map", "Labels an object "
	    "must carry with exactly these values."),
	F("meta.v1.LabelSelector", "matchExpressions",
	    "[]meta.v1.LabelSelectorRequirement", "Further conditions on "
	    "labels, all of which must hold."),

	D("meta.v1.LabelSelectorRequirement", "key,operator", "One "
	    "condition on a label."),
	F("meta.v1.LabelSelectorRequirement", "key", "string", "The label "
	    "key."),
	X("meta.v1.LabelSelectorRequirement", "operator", "string",
	    "enum=In,NotIn,Exists,DoesNotExist", "How key relates to "
	    "values."),
	F("meta.v1.LabelSelectorRequirement", "values", "[]string", "Values "
	    "for In and NotIn; must be empty for Exists and DoesNotExist."),

	D("meta.v1.Condition", "type,status,lastTransitionTime,reason,message",
	    "One aspect of an object's current state."),
	F("meta.v1.Condition", "type", "string", "What the condition is "
	    "about, in CamelCase."),
	X("meta.v1.Condition", "status", "string", "enum=True,False,Unknown",
	    "Whether the condition holds."),
	F("meta.v1.Condition", "observedGeneration", "int64", "The "
	    "metadata.generation the condition was computed for."),
	F("meta.v1.Condition", "lastTransitionTime", "time", "When status "
	    "last changed."),
	F("meta.v1.Condition", "reason", "string", "A CamelCase word saying "
	    "why."),
	F("meta.v1.Condition", "message", "string", "Details for people."),

	/* autoscaling/v1 Scale, served by the scale subresources */
	D("autoscaling.v1.Scale", NULL, "The replica count of a scalable "
	    "object, read and written through its scale subresource."),
	TYPEMETA("autoscaling.v1.Scale"),
	F("autoscaling.v1.Scale", "metadata", "meta.v1.ObjectMeta", "The "
	    "metadata of the scaled object."),
	F("autoscaling.v1.Scale", "spec", "autoscaling.v1.ScaleSpec", "The "
	    "desired replica count."),
	F("autoscaling.v1.Scale", "status", "autoscaling.v1.ScaleStatus",
	    "The current replica count.  Read-only."),
	D("autoscaling.v1.ScaleSpec", NULL, "Desired scale."),
	F("autoscaling.v1.ScaleSpec", "replicas", "integer", "How many "
	    "replicas are wanted."),
	D("autoscaling.v1.ScaleStatus", "replicas", "Observed scale."),
	F("autoscaling.v1.ScaleStatus", "replicas", "integer", "How many "
	    "replicas exist."),
	F("autoscaling.v1.ScaleStatus", "selector", "string", "The label "
	    "selector of the replicas, in string form."),

	/* core/v1 Pod */
	D("core.v1.Pod", NULL, "A pod is the smallest thing kubec runs: "
	    "one or more containers scheduled together on a node, sharing "
	    "the network and the volumes of the pod."),
	TYPEMETA("core.v1.Pod"),
	F("core.v1.Pod", "metadata", "meta.v1.ObjectMeta", "Standard object "
	    "metadata."),
	F("core.v1.Pod", "spec", "core.v1.PodSpec", "What the pod should "
	    "run and how."),
	F("core.v1.Pod", "status", "core.v1.PodStatus", "What the pod is "
	    "doing, reported by the node.  Read-only."),

	D("core.v1.PodSpec", "containers", "The desired content of a pod."),
	X("core.v1.PodSpec", "volumes", "[]core.v1.Volume", "key=name retain",
	    "Storage the containers of the pod may mount."),
	X("core.v1.PodSpec", "initContainers", "[]core.v1.Container", "key=name",
	    "Containers run one after the other, each to completion, before "
	    "the main containers start."),
	X("core.v1.PodSpec", "containers", "[]core.v1.Container", "key=name",
	    "The main containers of the pod.  At least one; a running pod "
	    "cannot gain or lose containers."),
	X("core.v1.PodSpec", "ephemeralContainers",
	    "[]object", "key=name", "Debugging containers added "
	    "to a running pod (kubectl debug)."),
	X("core.v1.PodSpec", "restartPolicy", "string",
	    "enum=Always,OnFailure,Never", "When containers are restarted "
	    "after they exit.  Defaults to Always."),
	F("core.v1.PodSpec", "terminationGracePeriodSeconds", "int64",
	    "Seconds between the stop signal and the kill on deletion.  "
	    "Defaults to 30."),
	F("core.v1.PodSpec", "activeDeadlineSeconds", "int64", "Seconds the "
	    "pod may run before it is failed."),
	X("core.v1.PodSpec", "dnsPolicy", "string",
	    "enum=ClusterFirst,ClusterFirstWithHostNet,Default,None",
	    "How the pod's DNS resolver is configured.  Defaults to "
	    "ClusterFirst."),
	F("core.v1.PodSpec", "nodeSelector", "map", "Labels a node must "
	    "have for the pod to be scheduled there."),
	F("core.v1.PodSpec", "serviceAccountName", "string", "The service "
	    "account the pod runs as."),
	F("core.v1.PodSpec", "serviceAccount", "string", "Old name of "
	    "serviceAccountName."),
	F("core.v1.PodSpec", "automountServiceAccountToken", "boolean",
	    "Whether a token of the service account is mounted into the "
	    "containers."),
	F("core.v1.PodSpec", "nodeName", "string", "The node the pod runs "
	    "on; set by the scheduler, or by hand to bypass it."),
	F("core.v1.PodSpec", "hostNetwork", "boolean", "Run in the node's "
	    "network namespace instead of the pod's own."),
	F("core.v1.PodSpec", "hostPID", "boolean", "Share the node's "
	    "process namespace."),
	F("core.v1.PodSpec", "hostIPC", "boolean", "Share the node's IPC "
	    "namespace."),
	F("core.v1.PodSpec", "shareProcessNamespace", "boolean", "Let the "
	    "containers of the pod see each other's processes."),
	F("core.v1.PodSpec", "securityContext", "core.v1.PodSecurityContext",
	    "Security settings for every container of the pod."),
	X("core.v1.PodSpec", "imagePullSecrets",
	    "[]core.v1.LocalObjectReference", "key=name", "Secrets holding "
	    "registry credentials for pulling the images."),
	F("core.v1.PodSpec", "hostname", "string", "The pod's host name; "
	    "defaults to the pod's name."),
	F("core.v1.PodSpec", "subdomain", "string", "With hostname, gives "
	    "the pod the name <hostname>.<subdomain>.<namespace>.svc."),
	F("core.v1.PodSpec", "affinity", "object", "Scheduling constraints "
	    "relative to nodes and to other pods."),
	F("core.v1.PodSpec", "schedulerName", "string", "The scheduler "
	    "that places the pod.  Defaults to default-scheduler."),
	F("core.v1.PodSpec", "tolerations", "[]core.v1.Toleration", "Taints "
	    "of nodes this pod accepts."),
	X("core.v1.PodSpec", "hostAliases", "[]core.v1.HostAlias", "key=ip",
	    "Extra lines for the containers' /etc/hosts."),
	F("core.v1.PodSpec", "priorityClassName", "string", "The priority "
	    "class of the pod."),
	F("core.v1.PodSpec", "priority", "integer", "The pod's priority, "
	    "filled from its priority class."),
	F("core.v1.PodSpec", "enableServiceLinks", "boolean", "Whether the "
	    "services of the namespace are announced in environment "
	    "variables.  Defaults to true."),
	F("core.v1.PodSpec", "runtimeClassName", "string", "The runtime "
	    "class to run the pod with."),
	X("core.v1.PodSpec", "topologySpreadConstraints", "[]object",
	    "key=topologyKey,whenUnsatisfiable", "How "
	    "matching pods should be spread over topology domains."),
	F("core.v1.PodSpec", "dnsConfig", "core.v1.PodDNSConfig", "Resolver "
	    "settings merged with those dnsPolicy gives."),
	F("core.v1.PodSpec", "readinessGates", "[]core.v1.PodReadinessGate",
	    "Extra pod conditions that must be True for the pod to be "
	    "ready."),
	X("core.v1.PodSpec", "preemptionPolicy", "string",
	    "enum=Never,PreemptLowerPriority", "Whether the pod may evict "
	    "lower priority pods to be scheduled."),
	F("core.v1.PodSpec", "overhead", "map:resource.Quantity", "Resources "
	    "the sandbox itself uses, filled from the runtime class."),
	F("core.v1.PodSpec", "setHostnameAsFQDN", "boolean", "Make the "
	    "kernel host name the fully qualified domain name."),
	F("core.v1.PodSpec", "os", "core.v1.PodOS", "The operating system "
	    "the containers need."),
	F("core.v1.PodSpec", "hostUsers", "boolean", "False runs the pod in "
	    "its own user namespace.  Defaults to true."),
	X("core.v1.PodSpec", "schedulingGates", "[]core.v1.PodSchedulingGate",
	    "key=name", "The pod is not scheduled while any gate remains."),
	X("core.v1.PodSpec", "resourceClaims", "[]object", "key=name",
	    "Dynamic resources (DRA claims) the containers may use."),
	F("core.v1.PodSpec", "resources", "core.v1.ResourceRequirements",
	    "Resources of the whole pod, shared by its containers."),

	D("core.v1.PodDNSConfig", NULL, "Resolver settings of a pod."),
	F("core.v1.PodDNSConfig", "nameservers", "[]string", "Name server "
	    "addresses."),
	F("core.v1.PodDNSConfig", "searches", "[]string", "Search domains."),
	F("core.v1.PodDNSConfig", "options", "[]core.v1.PodDNSConfigOption",
	    "resolv.conf options such as ndots."),
	D("core.v1.PodDNSConfigOption", NULL, "One resolver option."),
	F("core.v1.PodDNSConfigOption", "name", "string", "The option."),
	F("core.v1.PodDNSConfigOption", "value", "string", "Its value, if "
	    "any."),
	D("core.v1.PodReadinessGate", "conditionType", "A condition that "
	    "gates pod readiness."),
	F("core.v1.PodReadinessGate", "conditionType", "string", "The type "
	    "of the pod condition."),
	D("core.v1.PodOS", "name", "The operating system of a pod."),
	F("core.v1.PodOS", "name", "string", "linux or windows."),
	D("core.v1.PodSchedulingGate", "name", "Holds a pod back from "
	    "scheduling."),
	F("core.v1.PodSchedulingGate", "name", "string", "The gate's name."),

	D("core.v1.Container", "name", "One container of a pod: an image "
	    "and how to run it."),
	F("core.v1.Container", "name", "string", "The container's name, a "
	    "DNS label unique within the pod.  Cannot be changed."),
	F("core.v1.Container", "image", "string", "The image reference to "
	    "run, such as nginx:1.27 or registry.example/app@sha256:..."),
	F("core.v1.Container", "command", "[]string", "Replaces the image's "
	    "ENTRYPOINT.  $(VAR) references to the container's environment "
	    "are expanded."),
	F("core.v1.Container", "args", "[]string", "Replaces the image's "
	    "CMD.  $(VAR) references are expanded."),
	F("core.v1.Container", "workingDir", "string", "Directory the "
	    "command runs in; defaults to the image's."),
	X("core.v1.Container", "ports", "[]core.v1.ContainerPort",
	    "key=containerPort,protocol", "Ports the container listens on.  "
	    "Informational: a port not listed is reachable too."),
	X("core.v1.Container", "env", "[]core.v1.EnvVar", "key=name",
	    "Environment variables to set in the container."),
	F("core.v1.Container", "envFrom", "[]core.v1.EnvFromSource", "Whole "
	    "config maps or secrets to turn into environment variables."),
	F("core.v1.Container", "resources", "core.v1.ResourceRequirements",
	    "CPU, memory and other resources the container asks for and "
	    "may not exceed."),
	X("core.v1.Container", "volumeMounts", "[]core.v1.VolumeMount",
	    "key=mountPath", "Volumes of the pod to mount into the "
	    "container's filesystem."),
	F("core.v1.Container", "livenessProbe", "core.v1.Probe", "A check "
	    "that restarts the container when it fails."),
	F("core.v1.Container", "readinessProbe", "core.v1.Probe", "A check "
	    "that takes the pod out of service endpoints while it fails."),
	F("core.v1.Container", "startupProbe", "core.v1.Probe", "A check "
	    "that must pass before the other probes start."),
	F("core.v1.Container", "lifecycle", "core.v1.Lifecycle", "Hooks run "
	    "after the container starts and before it stops."),
	X("core.v1.Container", "resizePolicy",
	    "[]core.v1.ContainerResizePolicy", "atomic", "Whether resizing "
	    "a resource in place restarts the container."),
	X("core.v1.Container", "volumeDevices", "[]core.v1.VolumeDevice",
	    "key=devicePath", "Raw block volumes to expose as devices."),
	F("core.v1.Container", "terminationMessagePath", "string", "File "
	    "whose content becomes the termination message.  Defaults to "
	    "/dev/termination-log."),
	X("core.v1.Container", "terminationMessagePolicy", "string",
	    "enum=File,FallbackToLogsOnError", "Where the termination "
	    "message comes from."),
	X("core.v1.Container", "imagePullPolicy", "string",
	    "enum=Always,Never,IfNotPresent", "When the image is pulled.  "
	    "Defaults to Always for :latest or no tag, else IfNotPresent."),
	F("core.v1.Container", "securityContext", "core.v1.SecurityContext",
	    "Security settings of this container."),
	F("core.v1.Container", "restartPolicy", "string", "For init "
	    "containers only: Always makes it a sidecar that keeps running."),
	F("core.v1.Container", "stdin", "boolean", "Keep a stdin open for "
	    "attach."),
	F("core.v1.Container", "stdinOnce", "boolean", "Close stdin after "
	    "the first attach ends."),
	F("core.v1.Container", "tty", "boolean", "Allocate a terminal."),

	D("core.v1.ContainerResizePolicy", "resourceName,restartPolicy",
	    "Resize behaviour for one resource."),
	F("core.v1.ContainerResizePolicy", "resourceName", "string", "cpu or "
	    "memory."),
	F("core.v1.ContainerResizePolicy", "restartPolicy", "string",
	    "NotRequired or RestartContainer."),
	D("core.v1.VolumeDevice", "name,devicePath", "Maps a block volume to "
	    "a device file."),
	F("core.v1.VolumeDevice", "name", "string", "The claim's volume in "
	    "spec.volumes."),
	F("core.v1.VolumeDevice", "devicePath", "string", "The device path "
	    "inside the container."),
	D("core.v1.Lifecycle", NULL, "Hooks around a container's life."),
	F("core.v1.Lifecycle", "postStart", "core.v1.LifecycleHandler", "Run "
	    "right after the container is created."),
	F("core.v1.Lifecycle", "preStop", "core.v1.LifecycleHandler", "Run "
	    "before the container is stopped."),
	F("core.v1.Lifecycle", "stopSignal", "string", "The signal that "
	    "stops the container, such as SIGTERM."),
	D("core.v1.LifecycleHandler", NULL, "One hook action; one field is "
	    "set."),
	F("core.v1.LifecycleHandler", "exec", "core.v1.ExecAction", "Run a "
	    "command."),
	F("core.v1.LifecycleHandler", "httpGet", "core.v1.HTTPGetAction",
	    "Send an HTTP GET."),
	F("core.v1.LifecycleHandler", "tcpSocket", "core.v1.TCPSocketAction",
	    "Open a TCP connection (deprecated)."),
	F("core.v1.LifecycleHandler", "sleep", "core.v1.SleepAction", "Wait "
	    "a while."),
	D("core.v1.SleepAction", "seconds", "A pause."),
	F("core.v1.SleepAction", "seconds", "int64", "How long to sleep."),

	D("core.v1.ContainerPort", "containerPort", "A port a container "
	    "listens on."),
	F("core.v1.ContainerPort", "name", "string", "A name services can "
	    "refer to the port by (IANA service name syntax)."),
	F("core.v1.ContainerPort", "containerPort", "integer", "Port number "
	    "inside the pod, 1 to 65535."),
	F("core.v1.ContainerPort", "hostPort", "integer", "Port to open on "
	    "the node and forward to containerPort."),
	F("core.v1.ContainerPort", "hostIP", "string", "Node address to "
	    "bind hostPort on."),
	X("core.v1.ContainerPort", "protocol", "string", "enum=TCP,UDP,SCTP",
	    "The protocol.  Defaults to TCP."),

	D("core.v1.EnvVar", "name", "One environment variable."),
	F("core.v1.EnvVar", "name", "string", "The variable's name."),
	F("core.v1.EnvVar", "value", "string", "The value; $(VAR) "
	    "references to variables defined before are expanded."),
	F("core.v1.EnvVar", "valueFrom", "core.v1.EnvVarSource", "Where to "
	    "take the value from instead of value."),

	D("core.v1.EnvVarSource", NULL, "A source for one variable's value; "
	    "exactly one field is set."),
	F("core.v1.EnvVarSource", "configMapKeyRef",
	    "core.v1.ConfigMapKeySelector", "A key of a config map."),
	F("core.v1.EnvVarSource", "secretKeyRef", "core.v1.SecretKeySelector",
	    "A key of a secret."),
	F("core.v1.EnvVarSource", "fieldRef", "core.v1.ObjectFieldSelector",
	    "A field of the pod, such as metadata.name or status.podIP."),
	F("core.v1.EnvVarSource", "resourceFieldRef",
	    "core.v1.ResourceFieldSelector", "A resource limit or request "
	    "of a container."),

	D("core.v1.ConfigMapKeySelector", "key", "Picks one key of a config "
	    "map."),
	F("core.v1.ConfigMapKeySelector", "name", "string", "The config "
	    "map's name."),
	F("core.v1.ConfigMapKeySelector", "key", "string", "The key."),
	F("core.v1.ConfigMapKeySelector", "optional", "boolean", "Do not "
	    "fail when the config map or key is missing."),
	D("core.v1.SecretKeySelector", "key", "Picks one key of a secret."),
	F("core.v1.SecretKeySelector", "name", "string", "The secret's "
	    "name."),
	F("core.v1.SecretKeySelector", "key", "string", "The key."),
	F("core.v1.SecretKeySelector", "optional", "boolean", "Do not fail "
	    "when the secret or key is missing."),
	D("core.v1.ObjectFieldSelector", "fieldPath", "Picks a field of the "
	    "pod."),
	F("core.v1.ObjectFieldSelector", "apiVersion", "string", "Version "
	    "the path is written in.  Defaults to v1."),
	F("core.v1.ObjectFieldSelector", "fieldPath", "string", "The path "
	    "of the field."),

	D("core.v1.ResourceFieldSelector", "resource", "Picks a resource "
	    "limit or request of a container."),
	F("core.v1.ResourceFieldSelector", "containerName", "string", "The "
	    "container; required in volumes."),
	F("core.v1.ResourceFieldSelector", "resource", "string", "Such as "
	    "limits.cpu or requests.memory."),
	F("core.v1.ResourceFieldSelector", "divisor", "resource.Quantity",
	    "Unit the value is expressed in.  Defaults to 1."),

	D("core.v1.EnvFromSource", NULL, "A config map or secret whose keys "
	    "all become variables."),
	F("core.v1.EnvFromSource", "prefix", "string", "Prepended to every "
	    "key."),
	F("core.v1.EnvFromSource", "configMapRef", "core.v1.NamedOptional",
	    "The config map."),
	F("core.v1.EnvFromSource", "secretRef", "core.v1.NamedOptional",
	    "The secret."),
	D("core.v1.NamedOptional", NULL, "Names an object that may be "
	    "missing."),
	F("core.v1.NamedOptional", "name", "string", "The object's name."),
	F("core.v1.NamedOptional", "optional", "boolean", "Do not fail when "
	    "it is missing."),

	D("core.v1.ResourceRequirements", NULL, "Compute resources of a "
	    "container."),
	F("core.v1.ResourceRequirements", "limits", "map:resource.Quantity",
	    "The most the container may use, by resource name (cpu, "
	    "memory, ...)."),
	F("core.v1.ResourceRequirements", "requests", "map:resource.Quantity",
	    "What the scheduler reserves for the container; defaults to "
	    "the limits."),
	X("core.v1.ResourceRequirements", "claims", "[]core.v1.ResourceClaim",
	    "key=name", "Which resource claims of the pod this container "
	    "uses."),
	D("core.v1.ResourceClaim", "name", "Names a claim of the pod."),
	F("core.v1.ResourceClaim", "name", "string", "The entry in "
	    "spec.resourceClaims."),
	F("core.v1.ResourceClaim", "request", "string", "Only this request "
	    "of the claim."),

	D("core.v1.VolumeMount", "name,mountPath", "Mounts a volume of the "
	    "pod into a container."),
	F("core.v1.VolumeMount", "name", "string", "The volume's name in "
	    "spec.volumes."),
	F("core.v1.VolumeMount", "mountPath", "string", "Where in the "
	    "container the volume appears."),
	F("core.v1.VolumeMount", "subPath", "string", "Mount only this "
	    "path inside the volume."),
	F("core.v1.VolumeMount", "readOnly", "boolean", "Mount read-only."),
	F("core.v1.VolumeMount", "mountPropagation", "string", "How mounts "
	    "propagate between host and container."),
	F("core.v1.VolumeMount", "recursiveReadOnly", "string", "Disabled, "
	    "IfPossible or Enabled: make submounts read-only too."),
	F("core.v1.VolumeMount", "subPathExpr", "string", "Like subPath, "
	    "with $(VAR) references expanded."),

	D("core.v1.Volume", "name", "A named volume of a pod; exactly one "
	    "source field is set."),
	F("core.v1.Volume", "name", "string", "The volume's name, used by "
	    "volumeMounts."),
	F("core.v1.Volume", "emptyDir", "core.v1.EmptyDirVolumeSource", "A "
	    "directory that starts empty and lives as long as the pod."),
	F("core.v1.Volume", "hostPath", "core.v1.HostPathVolumeSource", "A "
	    "file or directory of the node."),
	F("core.v1.Volume", "configMap", "core.v1.ConfigMapVolumeSource",
	    "The keys of a config map as files."),
	F("core.v1.Volume", "secret", "core.v1.SecretVolumeSource", "The "
	    "keys of a secret as files."),
	F("core.v1.Volume", "persistentVolumeClaim",
	    "core.v1.PersistentVolumeClaimVolumeSource", "The volume bound "
	    "to a claim."),
	F("core.v1.Volume", "projected", "core.v1.ProjectedVolumeSource",
	    "Several sources merged into one directory."),
	F("core.v1.Volume", "downwardAPI", "core.v1.DownwardAPIVolumeSource",
	    "Fields of the pod as files."),
	F("core.v1.Volume", "nfs", "core.v1.NFSVolumeSource", "An NFS "
	    "export."),
	F("core.v1.Volume", "csi", "core.v1.CSIVolumeSource", "An inline "
	    "volume of a CSI driver."),
	F("core.v1.Volume", "ephemeral", "object", "A claim created and "
	    "deleted with the pod."),
	F("core.v1.Volume", "image", "object", "The content of an OCI image "
	    "or artifact, read-only."),
	F("core.v1.Volume", "iscsi", "object", "An iSCSI disk."),
	F("core.v1.Volume", "fc", "object", "A Fibre Channel disk."),
	F("core.v1.Volume", "rbd", "object", "A Ceph block device "
	    "(deprecated)."),
	F("core.v1.Volume", "cephfs", "object", "A CephFS mount "
	    "(deprecated)."),
	F("core.v1.Volume", "glusterfs", "object", "A GlusterFS mount "
	    "(removed driver)."),
	F("core.v1.Volume", "flexVolume", "object", "A FlexVolume driver "
	    "(deprecated)."),
	F("core.v1.Volume", "gitRepo", "object", "A git checkout "
	    "(deprecated; use an init container)."),
	F("core.v1.Volume", "gcePersistentDisk", "object", "A GCE disk "
	    "(migrated to CSI)."),
	F("core.v1.Volume", "awsElasticBlockStore", "object", "An AWS EBS "
	    "disk (migrated to CSI)."),
	F("core.v1.Volume", "azureDisk", "object", "An Azure disk (migrated "
	    "to CSI)."),
	F("core.v1.Volume", "azureFile", "object", "An Azure file share "
	    "(migrated to CSI)."),
	F("core.v1.Volume", "cinder", "object", "An OpenStack Cinder volume "
	    "(migrated to CSI)."),
	F("core.v1.Volume", "vsphereVolume", "object", "A vSphere disk "
	    "(migrated to CSI)."),
	F("core.v1.Volume", "portworxVolume", "object", "A Portworx volume "
	    "(migrated to CSI)."),
	F("core.v1.Volume", "photonPersistentDisk", "object", "A Photon "
	    "disk (removed driver)."),
	F("core.v1.Volume", "quobyte", "object", "A Quobyte volume (removed "
	    "driver)."),
	F("core.v1.Volume", "scaleIO", "object", "A ScaleIO volume (removed "
	    "driver)."),
	F("core.v1.Volume", "storageos", "object", "A StorageOS volume "
	    "(removed driver)."),
	F("core.v1.Volume", "flocker", "object", "A Flocker volume (removed "
	    "driver)."),

	D("core.v1.EmptyDirVolumeSource", NULL, "A scratch directory."),
	F("core.v1.EmptyDirVolumeSource", "medium", "string", "Empty for "
	    "the node's disk, Memory for a tmpfs."),
	F("core.v1.EmptyDirVolumeSource", "sizeLimit", "resource.Quantity",
	    "The most the directory may hold."),
	D("core.v1.HostPathVolumeSource", "path", "A path on the node."),
	F("core.v1.HostPathVolumeSource", "path", "string", "The path."),
	F("core.v1.HostPathVolumeSource", "type", "string", "What must be "
	    "there: Directory, File, DirectoryOrCreate, ..."),
	D("core.v1.ConfigMapVolumeSource", NULL, "Files from a config map."),
	F("core.v1.ConfigMapVolumeSource", "name", "string", "The config "
	    "map."),
	F("core.v1.ConfigMapVolumeSource", "items", "[]core.v1.KeyToPath",
	    "Only these keys, at these paths; default all keys."),
	F("core.v1.ConfigMapVolumeSource", "defaultMode", "integer", "File "
	    "mode bits.  Defaults to 0644."),
	F("core.v1.ConfigMapVolumeSource", "optional", "boolean", "Do not "
	    "fail when the config map is missing."),
	D("core.v1.SecretVolumeSource", NULL, "Files from a secret."),
	F("core.v1.SecretVolumeSource", "secretName", "string", "The "
	    "secret."),
	F("core.v1.SecretVolumeSource", "items", "[]core.v1.KeyToPath",
	    "Only these keys, at these paths; default all keys."),
	F("core.v1.SecretVolumeSource", "defaultMode", "integer", "File "
	    "mode bits.  Defaults to 0644."),
	F("core.v1.SecretVolumeSource", "optional", "boolean", "Do not fail "
	    "when the secret is missing."),
	D("core.v1.KeyToPath", "key,path", "Puts one key at one path."),
	F("core.v1.KeyToPath", "key", "string", "The key."),
	F("core.v1.KeyToPath", "path", "string", "Relative file path."),
	F("core.v1.KeyToPath", "mode", "integer", "File mode bits."),
	D("core.v1.PersistentVolumeClaimVolumeSource", "claimName", "Uses a "
	    "claim of the pod's namespace."),
	F("core.v1.PersistentVolumeClaimVolumeSource", "claimName", "string",
	    "The claim's name."),
	F("core.v1.PersistentVolumeClaimVolumeSource", "readOnly", "boolean",
	    "Mount read-only."),

	D("core.v1.NFSVolumeSource", "server,path", "An NFS export."),
	F("core.v1.NFSVolumeSource", "server", "string", "Host name or "
	    "address of the server."),
	F("core.v1.NFSVolumeSource", "path", "string", "The exported path."),
	F("core.v1.NFSVolumeSource", "readOnly", "boolean", "Mount "
	    "read-only."),
	D("core.v1.CSIVolumeSource", "driver", "An inline CSI volume."),
	F("core.v1.CSIVolumeSource", "driver", "string", "The CSI driver's "
	    "name."),
	F("core.v1.CSIVolumeSource", "readOnly", "boolean", "Mount "
	    "read-only."),
	F("core.v1.CSIVolumeSource", "fsType", "string", "Filesystem type "
	    "to mount."),
	F("core.v1.CSIVolumeSource", "volumeAttributes", "map", "Driver "
	    "specific settings."),
	F("core.v1.CSIVolumeSource", "nodePublishSecretRef",
	    "core.v1.LocalObjectReference", "A secret passed to the driver "
	    "when mounting."),
	D("core.v1.DownwardAPIVolumeSource", NULL, "Fields of the pod as "
	    "files."),
	X("core.v1.DownwardAPIVolumeSource", "items",
	    "[]core.v1.DownwardAPIVolumeFile", "atomic", "The files."),
	F("core.v1.DownwardAPIVolumeSource", "defaultMode", "integer", "File "
	    "mode bits.  Defaults to 0644."),
	D("core.v1.DownwardAPIVolumeFile", "path", "One file holding a field "
	    "of the pod."),
	F("core.v1.DownwardAPIVolumeFile", "path", "string", "Relative file "
	    "path."),
	F("core.v1.DownwardAPIVolumeFile", "fieldRef",
	    "core.v1.ObjectFieldSelector", "A field of the pod's metadata."),
	F("core.v1.DownwardAPIVolumeFile", "resourceFieldRef",
	    "core.v1.ResourceFieldSelector", "A resource limit or request."),
	F("core.v1.DownwardAPIVolumeFile", "mode", "integer", "File mode "
	    "bits."),
	D("core.v1.ProjectedVolumeSource", NULL, "Several sources in one "
	    "directory."),
	X("core.v1.ProjectedVolumeSource", "sources",
	    "[]core.v1.VolumeProjection", "atomic", "The sources."),
	F("core.v1.ProjectedVolumeSource", "defaultMode", "integer", "File "
	    "mode bits.  Defaults to 0644."),
	D("core.v1.VolumeProjection", NULL, "One source of a projected "
	    "volume; one field is set."),
	F("core.v1.VolumeProjection", "secret", "core.v1.SecretProjection",
	    "Keys of a secret."),
	F("core.v1.VolumeProjection", "downwardAPI",
	    "core.v1.DownwardAPIProjection", "Fields of the pod."),
	F("core.v1.VolumeProjection", "configMap",
	    "core.v1.ConfigMapProjection", "Keys of a config map."),
	F("core.v1.VolumeProjection", "serviceAccountToken",
	    "core.v1.ServiceAccountTokenProjection", "A token of the pod's "
	    "service account."),
	F("core.v1.VolumeProjection", "clusterTrustBundle", "object",
	    "Certificates of cluster trust bundles."),
	D("core.v1.SecretProjection", NULL, "Keys of a secret in a projected "
	    "volume."),
	F("core.v1.SecretProjection", "name", "string", "The secret."),
	X("core.v1.SecretProjection", "items", "[]core.v1.KeyToPath", "atomic",
	    "Only these keys, at these paths."),
	F("core.v1.SecretProjection", "optional", "boolean", "Do not fail "
	    "when it is missing."),
	D("core.v1.ConfigMapProjection", NULL, "Keys of a config map in a "
	    "projected volume."),
	F("core.v1.ConfigMapProjection", "name", "string", "The config map."),
	X("core.v1.ConfigMapProjection", "items", "[]core.v1.KeyToPath",
	    "atomic", "Only these keys, at these paths."),
	F("core.v1.ConfigMapProjection", "optional", "boolean", "Do not fail "
	    "when it is missing."),
	D("core.v1.DownwardAPIProjection", NULL, "Fields of the pod in a "
	    "projected volume."),
	X("core.v1.DownwardAPIProjection", "items",
	    "[]core.v1.DownwardAPIVolumeFile", "atomic", "The files."),
	D("core.v1.ServiceAccountTokenProjection", "path", "A service account "
	    "token, refreshed before it expires."),
	F("core.v1.ServiceAccountTokenProjection", "audience", "string", "Who "
	    "the token is meant for.  Defaults to the API server."),
	F("core.v1.ServiceAccountTokenProjection", "expirationSeconds",
	    "int64", "Requested lifetime.  Defaults to one hour."),
	F("core.v1.ServiceAccountTokenProjection", "path", "string", "File "
	    "path of the token."),

	D("core.v1.Probe", NULL, "A periodic health check of a container; "
	    "one handler is set."),
	F("core.v1.Probe", "exec", "core.v1.ExecAction", "Run a command; "
	    "exit status 0 is success."),
	F("core.v1.Probe", "httpGet", "core.v1.HTTPGetAction", "Send an HTTP "
	    "GET; a 2xx or 3xx answer is success."),
	F("core.v1.Probe", "tcpSocket", "core.v1.TCPSocketAction", "Open a "
	    "TCP connection."),
	F("core.v1.Probe", "grpc", "core.v1.GRPCAction", "Call the gRPC "
	    "health service."),
	F("core.v1.Probe", "initialDelaySeconds", "integer", "Wait this "
	    "long after start before the first check."),
	F("core.v1.Probe", "periodSeconds", "integer", "Seconds between "
	    "checks.  Defaults to 10."),
	F("core.v1.Probe", "timeoutSeconds", "integer", "Seconds a check "
	    "may take.  Defaults to 1."),
	F("core.v1.Probe", "successThreshold", "integer", "Successes in a "
	    "row needed after a failure.  Defaults to 1."),
	F("core.v1.Probe", "failureThreshold", "integer", "Failures in a "
	    "row that count as failed.  Defaults to 3."),
	F("core.v1.Probe", "terminationGracePeriodSeconds", "int64", "Grace "
	    "period when a failed probe kills the container."),
	D("core.v1.ExecAction", NULL, "A command run in the container."),
	F("core.v1.ExecAction", "command", "[]string", "The command and its "
	    "arguments; no shell unless you call one."),
	D("core.v1.HTTPGetAction", "port", "An HTTP request to the pod."),
	F("core.v1.HTTPGetAction", "path", "string", "The request path."),
	F("core.v1.HTTPGetAction", "port", "intstr.IntOrString", "Port "
	    "number or name."),
	F("core.v1.HTTPGetAction", "host", "string", "Host to connect to; "
	    "defaults to the pod's address."),
	X("core.v1.HTTPGetAction", "scheme", "string", "enum=HTTP,HTTPS",
	    "Defaults to HTTP."),
	X("core.v1.HTTPGetAction", "httpHeaders", "[]core.v1.HTTPHeader",
	    "atomic", "Extra request headers."),
	D("core.v1.HTTPHeader", "name,value", "One HTTP header."),
	F("core.v1.HTTPHeader", "name", "string", "The header name."),
	F("core.v1.HTTPHeader", "value", "string", "The header value."),
	D("core.v1.GRPCAction", "port", "A call to the standard gRPC health "
	    "service."),
	F("core.v1.GRPCAction", "port", "integer", "Port number."),
	F("core.v1.GRPCAction", "service", "string", "Service name sent in "
	    "the health request."),
	D("core.v1.TCPSocketAction", "port", "A TCP connection to the pod."),
	F("core.v1.TCPSocketAction", "port", "intstr.IntOrString", "Port "
	    "number or name."),
	F("core.v1.TCPSocketAction", "host", "string", "Host to connect to; "
	    "defaults to the pod's address."),

	D("core.v1.SecurityContext", NULL, "Security settings of one "
	    "container; they win over the pod's."),
	F("core.v1.SecurityContext", "runAsUser", "int64", "UID of the "
	    "container's process."),
	F("core.v1.SecurityContext", "runAsGroup", "int64", "GID of the "
	    "container's process."),
	F("core.v1.SecurityContext", "runAsNonRoot", "boolean", "Refuse to "
	    "start if the process would run as UID 0."),
	F("core.v1.SecurityContext", "privileged", "boolean", "Run with all "
	    "the host's privileges."),
	F("core.v1.SecurityContext", "allowPrivilegeEscalation", "boolean",
	    "Whether a process may gain more privileges than its parent."),
	F("core.v1.SecurityContext", "readOnlyRootFilesystem", "boolean",
	    "Mount the image's filesystem read-only."),
	F("core.v1.SecurityContext", "capabilities", "core.v1.Capabilities",
	    "Linux capabilities to add and drop."),
	F("core.v1.SecurityContext", "seccompProfile", "core.v1.SeccompProfile",
	    "The seccomp profile."),
	F("core.v1.SecurityContext", "seLinuxOptions", "object", "The "
	    "SELinux context (user, role, type, level)."),
	F("core.v1.SecurityContext", "windowsOptions", "object", "Settings "
	    "for Windows containers."),
	F("core.v1.SecurityContext", "procMount", "string", "Default or "
	    "Unmasked /proc."),
	F("core.v1.SecurityContext", "appArmorProfile", "object", "The "
	    "AppArmor profile (type, localhostProfile)."),
	D("core.v1.Capabilities", NULL, "Linux capabilities."),
	X("core.v1.Capabilities", "add", "[]string", "atomic", "Added, such "
	    "as NET_ADMIN."),
	X("core.v1.Capabilities", "drop", "[]string", "atomic", "Removed, "
	    "such as ALL."),
	D("core.v1.SeccompProfile", "type", "A seccomp profile."),
	X("core.v1.SeccompProfile", "type", "string",
	    "enum=Localhost,RuntimeDefault,Unconfined", "Which kind of "
	    "profile."),
	F("core.v1.SeccompProfile", "localhostProfile", "string", "For "
	    "Localhost: the profile file, relative to the node's seccomp "
	    "directory."),
	D("core.v1.PodSecurityContext", NULL, "Security settings for all "
	    "containers of a pod."),
	F("core.v1.PodSecurityContext", "runAsUser", "int64", "Default UID "
	    "of the processes."),
	F("core.v1.PodSecurityContext", "runAsGroup", "int64", "Default GID "
	    "of the processes."),
	F("core.v1.PodSecurityContext", "runAsNonRoot", "boolean", "Refuse "
	    "to start containers that would run as UID 0."),
	F("core.v1.PodSecurityContext", "fsGroup", "int64", "Group that owns "
	    "the pod's volumes."),
	F("core.v1.PodSecurityContext", "supplementalGroups", "[]int64",
	    "More groups for every process."),
	F("core.v1.PodSecurityContext", "seccompProfile",
	    "core.v1.SeccompProfile", "The seccomp profile."),
	X("core.v1.PodSecurityContext", "sysctls", "[]core.v1.Sysctl",
	    "atomic", "Namespaced sysctls to set."),
	F("core.v1.PodSecurityContext", "seLinuxOptions", "object", "The "
	    "SELinux context of every container."),
	F("core.v1.PodSecurityContext", "windowsOptions", "object",
	    "Settings for Windows containers."),
	F("core.v1.PodSecurityContext", "supplementalGroupsPolicy", "string",
	    "Merge (the default) or Strict: whether the image's groups are "
	    "added."),
	F("core.v1.PodSecurityContext", "fsGroupChangePolicy", "string",
	    "OnRootMismatch or Always: when volume ownership is changed."),
	F("core.v1.PodSecurityContext", "appArmorProfile", "object", "The "
	    "AppArmor profile of every container."),
	F("core.v1.PodSecurityContext", "seLinuxChangePolicy", "string",
	    "Recursive or MountOption: how volumes get their SELinux label."),
	D("core.v1.Sysctl", "name,value", "One kernel parameter."),
	F("core.v1.Sysctl", "name", "string", "The parameter."),
	F("core.v1.Sysctl", "value", "string", "Its value."),

	D("core.v1.Toleration", NULL, "Lets a pod be scheduled onto (or stay "
	    "on) nodes with a matching taint."),
	F("core.v1.Toleration", "key", "string", "The taint key; empty "
	    "matches all keys with operator Exists."),
	X("core.v1.Toleration", "operator", "string", "enum=Exists,Equal",
	    "Defaults to Equal."),
	F("core.v1.Toleration", "value", "string", "The taint value for "
	    "Equal."),
	X("core.v1.Toleration", "effect", "string",
	    "enum=NoSchedule,PreferNoSchedule,NoExecute", "The effect "
	    "tolerated; empty means all."),
	F("core.v1.Toleration", "tolerationSeconds", "int64", "For "
	    "NoExecute: how long the pod stays after the taint appears."),
	D("core.v1.HostAlias", "ip", "Names for one address in /etc/hosts."),
	F("core.v1.HostAlias", "ip", "string", "The address."),
	F("core.v1.HostAlias", "hostnames", "[]string", "The names."),
	D("core.v1.LocalObjectReference", NULL, "Names an object in the same "
	    "namespace."),
	F("core.v1.LocalObjectReference", "name", "string", "The object's "
	    "name."),

	D("core.v1.PodStatus", NULL, "The observed state of a pod."),
	X("core.v1.PodStatus", "phase", "string",
	    "enum=Pending,Running,Succeeded,Failed,Unknown", "Where the pod "
	    "is in its life."),
	X("core.v1.PodStatus", "conditions", "[]core.v1.PodCondition",
	    "key=type", "Scheduled, Initialized, ContainersReady, Ready."),
	F("core.v1.PodStatus", "message", "string", "Why the pod is in this "
	    "state, for people."),
	F("core.v1.PodStatus", "reason", "string", "Why the pod is in this "
	    "state, in CamelCase (e.g. Evicted)."),
	F("core.v1.PodStatus", "hostIP", "string", "Address of the node."),
	F("core.v1.PodStatus", "podIP", "string", "Address of the pod."),
	X("core.v1.PodStatus", "podIPs", "[]core.v1.PodIP", "key=ip",
	    "All addresses of the pod."),
	F("core.v1.PodStatus", "startTime", "time", "When the node accepted "
	    "the pod."),
	F("core.v1.PodStatus", "initContainerStatuses",
	    "[]core.v1.ContainerStatus", "One entry per init container."),
	F("core.v1.PodStatus", "containerStatuses",
	    "[]core.v1.ContainerStatus", "One entry per container."),
	F("core.v1.PodStatus", "qosClass", "string", "Guaranteed, Burstable "
	    "or BestEffort, from the resources."),
	D("core.v1.PodIP", NULL, "One address of a pod."),
	F("core.v1.PodIP", "ip", "string", "The address."),
	D("core.v1.PodCondition", "type,status", "One condition of a pod."),
	F("core.v1.PodCondition", "type", "string", "Which condition."),
	X("core.v1.PodCondition", "status", "string", "enum=True,False,Unknown",
	    "Whether it holds."),
	F("core.v1.PodCondition", "lastProbeTime", "time", "When it was last "
	    "checked."),
	F("core.v1.PodCondition", "lastTransitionTime", "time", "When status "
	    "last changed."),
	F("core.v1.PodCondition", "reason", "string", "Why, in CamelCase."),
	F("core.v1.PodCondition", "message", "string", "Why, for people."),
	D("core.v1.ContainerStatus", "name,ready,restartCount,image,imageID",
	    "What one container is doing."),
	F("core.v1.ContainerStatus", "name", "string", "The container."),
	F("core.v1.ContainerStatus", "state", "object", "Exactly one of "
	    "waiting, running, terminated, with details."),
	F("core.v1.ContainerStatus", "lastState", "object", "The state "
	    "before the last restart."),
	F("core.v1.ContainerStatus", "ready", "boolean", "Whether the "
	    "readiness probe passes."),
	F("core.v1.ContainerStatus", "started", "boolean", "Whether the "
	    "startup probe passed."),
	F("core.v1.ContainerStatus", "restartCount", "integer", "How often "
	    "the container was restarted."),
	F("core.v1.ContainerStatus", "image", "string", "The image run."),
	F("core.v1.ContainerStatus", "imageID", "string", "The image's "
	    "digest."),
	F("core.v1.ContainerStatus", "containerID", "string", "The runtime's "
	    "id, as <runtime>://<id>."),

	D("core.v1.PodTemplateSpec", NULL, "The pod a controller creates: "
	    "metadata and spec."),
	F("core.v1.PodTemplateSpec", "metadata", "meta.v1.ObjectMeta",
	    "Labels and annotations the pods get; the labels must match the "
	    "controller's selector."),
	F("core.v1.PodTemplateSpec", "spec", "core.v1.PodSpec", "The pods' "
	    "spec."),

	/* core/v1 Service */
	D("core.v1.Service", NULL, "A stable name and virtual address for a "
	    "set of pods chosen by a label selector, with a port mapping."),
	TYPEMETA("core.v1.Service"),
	F("core.v1.Service", "metadata", "meta.v1.ObjectMeta", "Standard "
	    "object metadata."),
	F("core.v1.Service", "spec", "core.v1.ServiceSpec", "How the service "
	    "is exposed and which pods it sends traffic to."),
	F("core.v1.Service", "status", "core.v1.ServiceStatus", "Observed "
	    "state, such as load balancer addresses.  Read-only."),
	D("core.v1.ServiceSpec", NULL, "The desired shape of a service."),
	X("core.v1.ServiceSpec", "ports", "[]core.v1.ServicePort",
	    "key=port,protocol", "The ports the service offers."),
	F("core.v1.ServiceSpec", "selector", "map", "Pods with these labels "
	    "receive the traffic; without it, endpoints are managed by "
	    "hand."),
	F("core.v1.ServiceSpec", "clusterIP", "string", "The virtual "
	    "address, allocated when empty; None makes a headless service."),
	X("core.v1.ServiceSpec", "clusterIPs", "[]string", "atomic", "All "
	    "virtual addresses (one per IP family)."),
	X("core.v1.ServiceSpec", "type", "string",
	    "enum=ClusterIP,NodePort,LoadBalancer,ExternalName", "How the "
	    "service is reachable.  Defaults to ClusterIP."),
	F("core.v1.ServiceSpec", "externalIPs", "[]string", "More addresses "
	    "nodes accept traffic for."),
	F("core.v1.ServiceSpec", "externalName", "string", "For "
	    "ExternalName: the DNS name the service is an alias of."),
	X("core.v1.ServiceSpec", "sessionAffinity", "string",
	    "enum=ClientIP,None", "Keep a client on one pod.  Defaults to "
	    "None."),
	F("core.v1.ServiceSpec", "loadBalancerIP", "string", "Requested "
	    "load balancer address (deprecated)."),
	X("core.v1.ServiceSpec", "externalTrafficPolicy", "string",
	    "enum=Cluster,Local", "Whether outside traffic may go to pods "
	    "on other nodes."),
	X("core.v1.ServiceSpec", "internalTrafficPolicy", "string",
	    "enum=Cluster,Local", "Whether cluster traffic may go to pods on "
	    "other nodes."),
	F("core.v1.ServiceSpec", "publishNotReadyAddresses", "boolean",
	    "Publish pods in DNS even when they are not ready."),
	X("core.v1.ServiceSpec", "ipFamilies", "[]string", "atomic", "IPv4, "
	    "IPv6, or both."),
	F("core.v1.ServiceSpec", "ipFamilyPolicy", "string", "SingleStack, "
	    "PreferDualStack or RequireDualStack."),
	X("core.v1.ServiceSpec", "loadBalancerSourceRanges", "[]string",
	    "atomic", "Client address ranges a load balancer accepts."),
	F("core.v1.ServiceSpec", "healthCheckNodePort", "integer", "Node "
	    "port for load balancer health checks with the Local policy."),
	F("core.v1.ServiceSpec", "sessionAffinityConfig", "object",
	    "Timeout of ClientIP affinity."),
	F("core.v1.ServiceSpec", "allocateLoadBalancerNodePorts", "boolean",
	    "Whether a LoadBalancer service gets node ports.  Defaults to "
	    "true."),
	F("core.v1.ServiceSpec", "loadBalancerClass", "string", "The load "
	    "balancer implementation to use."),
	F("core.v1.ServiceSpec", "trafficDistribution", "string", "A "
	    "preference for how traffic reaches endpoints, such as "
	    "PreferClose."),
	D("core.v1.ServicePort", "port", "One port of a service."),
	F("core.v1.ServicePort", "name", "string", "Name of the port; "
	    "required when there are several."),
	X("core.v1.ServicePort", "protocol", "string", "enum=TCP,UDP,SCTP",
	    "Defaults to TCP."),
	F("core.v1.ServicePort", "port", "integer", "The port of the "
	    "service's address."),
	F("core.v1.ServicePort", "targetPort", "intstr.IntOrString", "Port "
	    "number or name on the pods.  Defaults to port."),
	F("core.v1.ServicePort", "nodePort", "integer", "For NodePort and "
	    "LoadBalancer: the port opened on every node; allocated when "
	    "empty."),
	F("core.v1.ServicePort", "appProtocol", "string", "The application "
	    "protocol, a hint for proxies."),
	D("core.v1.ServiceStatus", NULL, "The observed state of a service."),
	F("core.v1.ServiceStatus", "loadBalancer", "object", "Ingress "
	    "addresses of the load balancer."),
	X("core.v1.ServiceStatus", "conditions", "[]meta.v1.Condition",
	    "key=type", "Current conditions."),

	/* core/v1 ConfigMap, Secret, Namespace */
	D("core.v1.ConfigMap", NULL, "Non-secret configuration as key/value "
	    "pairs, for pods to read as files or environment variables."),
	TYPEMETA("core.v1.ConfigMap"),
	F("core.v1.ConfigMap", "metadata", "meta.v1.ObjectMeta", "Standard "
	    "object metadata."),
	F("core.v1.ConfigMap", "data", "map", "UTF-8 values by key."),
	F("core.v1.ConfigMap", "binaryData", "map:bytes", "Binary values by "
	    "key, base64 encoded; keys may not also be in data."),
	F("core.v1.ConfigMap", "immutable", "boolean", "When true, data can "
	    "no longer change; only deletion is possible."),

	D("core.v1.Secret", NULL, "Sensitive data, such as passwords, tokens "
	    "or keys, as key/value pairs."),
	TYPEMETA("core.v1.Secret"),
	F("core.v1.Secret", "metadata", "meta.v1.ObjectMeta", "Standard "
	    "object metadata."),
	F("core.v1.Secret", "data", "map:bytes", "Values by key, base64 "
	    "encoded."),
	F("core.v1.Secret", "stringData", "map", "Write-only convenience: "
	    "plain values merged into data on write."),
	F("core.v1.Secret", "type", "string", "What the secret is for, such "
	    "as Opaque or kubernetes.io/tls; it fixes which keys must be "
	    "there."),
	F("core.v1.Secret", "immutable", "boolean", "When true, data can no "
	    "longer change."),

	D("core.v1.Namespace", NULL, "A scope for names: most objects live "
	    "in a namespace, and deleting it deletes them."),
	TYPEMETA("core.v1.Namespace"),
	F("core.v1.Namespace", "metadata", "meta.v1.ObjectMeta", "Standard "
	    "object metadata."),
	F("core.v1.Namespace", "spec", "core.v1.NamespaceSpec", "Finalizers "
	    "of the namespace."),
	F("core.v1.Namespace", "status", "core.v1.NamespaceStatus", "Active "
	    "or Terminating.  Read-only."),
	D("core.v1.NamespaceSpec", NULL, "The desired state of a namespace."),
	X("core.v1.NamespaceSpec", "finalizers", "[]string", "atomic", "What "
	    "must finish before the namespace is removed."),
	D("core.v1.NamespaceStatus", NULL, "The observed state of a "
	    "namespace."),
	X("core.v1.NamespaceStatus", "phase", "string", "enum=Active,Terminating",
	    "Active, or Terminating while its content is deleted."),
	X("core.v1.NamespaceStatus", "conditions", "[]meta.v1.Condition",
	    "key=type", "Problems seen while deleting."),

	/* core/v1 Node */
	D("core.v1.Node", NULL, "A machine that runs pods, registered by its "
	    "agent."),
	TYPEMETA("core.v1.Node"),
	F("core.v1.Node", "metadata", "meta.v1.ObjectMeta", "Standard object "
	    "metadata."),
	F("core.v1.Node", "spec", "core.v1.NodeSpec", "How the node may be "
	    "used."),
	F("core.v1.Node", "status", "core.v1.NodeStatus", "What the node "
	    "reports about itself.  Read-only."),
	D("core.v1.NodeSpec", NULL, "The desired state of a node."),
	F("core.v1.NodeSpec", "podCIDR", "string", "Pod address range of the "
	    "node."),
	F("core.v1.NodeSpec", "podCIDRs", "[]string", "All pod address "
	    "ranges of the node."),
	F("core.v1.NodeSpec", "providerID", "string", "The machine's id at "
	    "its provider."),
	F("core.v1.NodeSpec", "unschedulable", "boolean", "Keep new pods "
	    "away (kubectl cordon)."),
	F("core.v1.NodeSpec", "taints", "[]core.v1.Taint", "Repel pods that "
	    "do not tolerate them."),
	D("core.v1.Taint", "key,effect", "Marks a node so that only "
	    "tolerating pods go there."),
	F("core.v1.Taint", "key", "string", "The taint key."),
	F("core.v1.Taint", "value", "string", "The taint value."),
	X("core.v1.Taint", "effect", "string",
	    "enum=NoSchedule,PreferNoSchedule,NoExecute", "What happens to "
	    "pods that do not tolerate it."),
	F("core.v1.Taint", "timeAdded", "time", "When a NoExecute taint was "
	    "added."),
	D("core.v1.NodeStatus", NULL, "The observed state of a node."),
	F("core.v1.NodeStatus", "capacity", "map:resource.Quantity", "All "
	    "resources of the node."),
	F("core.v1.NodeStatus", "allocatable", "map:resource.Quantity", "The "
	    "resources pods may use."),
	X("core.v1.NodeStatus", "conditions", "[]core.v1.NodeCondition",
	    "key=type", "Ready, MemoryPressure, DiskPressure, ..."),
	X("core.v1.NodeStatus", "addresses", "[]core.v1.NodeAddress",
	    "key=type", "How to reach the node."),
	F("core.v1.NodeStatus", "nodeInfo", "object", "Versions of the "
	    "node's software and its ids."),
	F("core.v1.NodeStatus", "images", "[]object", "Images present on "
	    "the node."),
	F("core.v1.NodeStatus", "daemonEndpoints", "object", "Ports of the "
	    "node agent."),
	D("core.v1.NodeCondition", "type,status", "One condition of a node."),
	F("core.v1.NodeCondition", "type", "string", "Which condition."),
	X("core.v1.NodeCondition", "status", "string", "enum=True,False,Unknown",
	    "Whether it holds."),
	F("core.v1.NodeCondition", "lastHeartbeatTime", "time", "When the "
	    "node last confirmed it."),
	F("core.v1.NodeCondition", "lastTransitionTime", "time", "When status "
	    "last changed."),
	F("core.v1.NodeCondition", "reason", "string", "Why, in CamelCase."),
	F("core.v1.NodeCondition", "message", "string", "Why, for people."),
	D("core.v1.NodeAddress", "type,address", "One address of a node."),
	F("core.v1.NodeAddress", "type", "string", "Hostname, InternalIP, "
	    "ExternalIP, ..."),
	F("core.v1.NodeAddress", "address", "string", "The address."),

	/* core/v1 PersistentVolumeClaim (for StatefulSet templates) */
	D("core.v1.PersistentVolumeClaim", NULL, "A request for storage that "
	    "a pod can mount."),
	TYPEMETA("core.v1.PersistentVolumeClaim"),
	F("core.v1.PersistentVolumeClaim", "metadata", "meta.v1.ObjectMeta",
	    "Standard object metadata."),
	F("core.v1.PersistentVolumeClaim", "spec",
	    "core.v1.PersistentVolumeClaimSpec", "What storage is wanted."),
	F("core.v1.PersistentVolumeClaim", "status", "object", "Binding "
	    "phase and actual capacity.  Read-only."),
	D("core.v1.PersistentVolumeClaimSpec", NULL, "The storage a claim "
	    "asks for."),
	X("core.v1.PersistentVolumeClaimSpec", "accessModes", "[]string",
	    "atomic", "ReadWriteOnce, ReadOnlyMany, ReadWriteMany, "
	    "ReadWriteOncePod."),
	F("core.v1.PersistentVolumeClaimSpec", "resources", "object", "The "
	    "size wanted, as requests.storage."),
	F("core.v1.PersistentVolumeClaimSpec", "storageClassName", "string",
	    "The class to provision from."),
	F("core.v1.PersistentVolumeClaimSpec", "volumeName", "string", "Bind "
	    "to this volume."),
	F("core.v1.PersistentVolumeClaimSpec", "volumeMode", "string",
	    "Filesystem or Block."),
	F("core.v1.PersistentVolumeClaimSpec", "selector",
	    "meta.v1.LabelSelector", "Only bind volumes with these labels."),
	F("core.v1.PersistentVolumeClaimSpec", "dataSource", "object", "An "
	    "object to fill the new volume from (snapshot or claim)."),
	F("core.v1.PersistentVolumeClaimSpec", "dataSourceRef", "object",
	    "Like dataSource, for any populator, also in other "
	    "namespaces."),
	F("core.v1.PersistentVolumeClaimSpec", "volumeAttributesClassName",
	    "string", "The volume attributes class to use."),

	/* apps/v1 Deployment */
	D("apps.v1.Deployment", NULL, "Keeps a number of identical pods "
	    "running and rolls out changes to them through replica sets."),
	TYPEMETA("apps.v1.Deployment"),
	F("apps.v1.Deployment", "metadata", "meta.v1.ObjectMeta", "Standard "
	    "object metadata."),
	F("apps.v1.Deployment", "spec", "apps.v1.DeploymentSpec", "The "
	    "desired pods and how to replace them."),
	F("apps.v1.Deployment", "status", "apps.v1.DeploymentStatus", "The "
	    "progress of the rollout.  Read-only."),
	D("apps.v1.DeploymentSpec", "selector,template", "The desired state "
	    "of a deployment."),
	F("apps.v1.DeploymentSpec", "replicas", "integer", "How many pods.  "
	    "Defaults to 1."),
	F("apps.v1.DeploymentSpec", "selector", "meta.v1.LabelSelector",
	    "Which pods belong to the deployment; must match the template's "
	    "labels and cannot change."),
	F("apps.v1.DeploymentSpec", "template", "core.v1.PodTemplateSpec",
	    "The pods to create.  Changing it starts a rollout."),
	X("apps.v1.DeploymentSpec", "strategy", "apps.v1.DeploymentStrategy",
	    "retain", "How old pods are replaced by new ones."),
	F("apps.v1.DeploymentSpec", "minReadySeconds", "integer", "Seconds "
	    "a new pod must be ready before it counts as available."),
	F("apps.v1.DeploymentSpec", "revisionHistoryLimit", "integer", "How "
	    "many old replica sets to keep for rollback.  Defaults to 10."),
	F("apps.v1.DeploymentSpec", "paused", "boolean", "Stop rolling out "
	    "template changes."),
	F("apps.v1.DeploymentSpec", "progressDeadlineSeconds", "integer",
	    "Seconds without progress before the rollout is reported as "
	    "failed.  Defaults to 600."),
	D("apps.v1.DeploymentStrategy", NULL, "How a deployment replaces "
	    "pods."),
	X("apps.v1.DeploymentStrategy", "type", "string",
	    "enum=Recreate,RollingUpdate", "Recreate kills all old pods "
	    "first; RollingUpdate replaces them gradually (the default)."),
	F("apps.v1.DeploymentStrategy", "rollingUpdate",
	    "apps.v1.RollingUpdateDeployment", "Limits of a rolling update."),
	D("apps.v1.RollingUpdateDeployment", NULL, "How fast a rolling "
	    "update goes."),
	F("apps.v1.RollingUpdateDeployment", "maxUnavailable",
	    "intstr.IntOrString", "How many pods (or what percentage) may be "
	    "missing during the update.  Defaults to 25%."),
	F("apps.v1.RollingUpdateDeployment", "maxSurge", "intstr.IntOrString",
	    "How many pods (or what percentage) may exist beyond replicas "
	    "during the update.  Defaults to 25%."),
	D("apps.v1.DeploymentStatus", NULL, "The observed state of a "
	    "deployment."),
	F("apps.v1.DeploymentStatus", "observedGeneration", "int64", "The "
	    "generation the controller last acted on."),
	F("apps.v1.DeploymentStatus", "replicas", "integer", "Pods that "
	    "exist."),
	F("apps.v1.DeploymentStatus", "updatedReplicas", "integer", "Pods "
	    "running the current template."),
	F("apps.v1.DeploymentStatus", "readyReplicas", "integer", "Pods that "
	    "are ready."),
	F("apps.v1.DeploymentStatus", "availableReplicas", "integer", "Pods "
	    "ready for at least minReadySeconds."),
	F("apps.v1.DeploymentStatus", "unavailableReplicas", "integer",
	    "Pods still missing."),
	X("apps.v1.DeploymentStatus", "conditions",
	    "[]apps.v1.DeploymentCondition", "key=type", "Available and "
	    "Progressing."),
	F("apps.v1.DeploymentStatus", "collisionCount", "integer", "Counts "
	    "hash collisions of replica set names."),
	F("apps.v1.DeploymentStatus", "terminatingReplicas", "integer", "Pods "
	    "being deleted."),
	D("apps.v1.DeploymentCondition", "type,status", "One condition of a "
	    "deployment."),
	F("apps.v1.DeploymentCondition", "type", "string", "Which "
	    "condition."),
	X("apps.v1.DeploymentCondition", "status", "string",
	    "enum=True,False,Unknown", "Whether it holds."),
	F("apps.v1.DeploymentCondition", "lastUpdateTime", "time", "When it "
	    "was last updated."),
	F("apps.v1.DeploymentCondition", "lastTransitionTime", "time", "When "
	    "status last changed."),
	F("apps.v1.DeploymentCondition", "reason", "string", "Why, in "
	    "CamelCase."),
	F("apps.v1.DeploymentCondition", "message", "string", "Why, for "
	    "people."),

	/* apps/v1 ReplicaSet */
	D("apps.v1.ReplicaSet", NULL, "Keeps a number of pods from one "
	    "template running; usually owned by a deployment."),
	TYPEMETA("apps.v1.ReplicaSet"),
	F("apps.v1.ReplicaSet", "metadata", "meta.v1.ObjectMeta", "Standard "
	    "object metadata."),
	F("apps.v1.ReplicaSet", "spec", "apps.v1.ReplicaSetSpec", "The "
	    "desired pods."),
	F("apps.v1.ReplicaSet", "status", "apps.v1.ReplicaSetStatus", "The "
	    "pods found.  Read-only."),
	D("apps.v1.ReplicaSetSpec", "selector", "The desired state of a "
	    "replica set."),
	F("apps.v1.ReplicaSetSpec", "replicas", "integer", "How many pods.  "
	    "Defaults to 1."),
	F("apps.v1.ReplicaSetSpec", "minReadySeconds", "integer", "Seconds a "
	    "new pod must be ready to count as available."),
	F("apps.v1.ReplicaSetSpec", "selector", "meta.v1.LabelSelector",
	    "Which pods count; must match the template's labels."),
	F("apps.v1.ReplicaSetSpec", "template", "core.v1.PodTemplateSpec",
	    "The pods to create when too few exist."),
	D("apps.v1.ReplicaSetStatus", "replicas", "The observed state of a "
	    "replica set."),
	F("apps.v1.ReplicaSetStatus", "replicas", "integer", "Pods that "
	    "exist."),
	F("apps.v1.ReplicaSetStatus", "fullyLabeledReplicas", "integer",
	    "Pods whose labels match the template's."),
	F("apps.v1.ReplicaSetStatus", "readyReplicas", "integer", "Pods that "
	    "are ready."),
	F("apps.v1.ReplicaSetStatus", "availableReplicas", "integer", "Pods "
	    "ready for at least minReadySeconds."),
	F("apps.v1.ReplicaSetStatus", "observedGeneration", "int64", "The "
	    "generation the controller last acted on."),
	F("apps.v1.ReplicaSetStatus", "terminatingReplicas", "integer", "Pods "
	    "being deleted."),
	X("apps.v1.ReplicaSetStatus", "conditions", "[]meta.v1.Condition",
	    "key=type", "Current conditions."),

	/* apps/v1 StatefulSet */
	D("apps.v1.StatefulSet", NULL, "Runs pods with stable names (name-0, "
	    "name-1, ...) and per-pod storage, created and replaced in "
	    "order."),
	TYPEMETA("apps.v1.StatefulSet"),
	F("apps.v1.StatefulSet", "metadata", "meta.v1.ObjectMeta", "Standard "
	    "object metadata."),
	F("apps.v1.StatefulSet", "spec", "apps.v1.StatefulSetSpec", "The "
	    "desired pods and storage."),
	F("apps.v1.StatefulSet", "status", "apps.v1.StatefulSetStatus", "The "
	    "pods found.  Read-only."),
	D("apps.v1.StatefulSetSpec", "selector,template", "The desired "
	    "state of a stateful set."),
	F("apps.v1.StatefulSetSpec", "replicas", "integer", "How many pods.  "
	    "Defaults to 1."),
	F("apps.v1.StatefulSetSpec", "selector", "meta.v1.LabelSelector",
	    "Which pods belong to the set; must match the template."),
	F("apps.v1.StatefulSetSpec", "template", "core.v1.PodTemplateSpec",
	    "The pods to create."),
	F("apps.v1.StatefulSetSpec", "volumeClaimTemplates",
	    "[]core.v1.PersistentVolumeClaim", "Claims created for each pod, "
	    "named <template>-<pod>, and kept when the pod goes."),
	F("apps.v1.StatefulSetSpec", "serviceName", "string", "The headless "
	    "service that gives the pods their DNS names."),
	X("apps.v1.StatefulSetSpec", "podManagementPolicy", "string",
	    "enum=OrderedReady,Parallel", "Whether pods are started and "
	    "stopped one by one (the default) or all at once."),
	F("apps.v1.StatefulSetSpec", "updateStrategy",
	    "apps.v1.StatefulSetUpdateStrategy", "How pods are replaced when "
	    "the template changes."),
	F("apps.v1.StatefulSetSpec", "ordinals", "object", "The first "
	    "ordinal of the pod names (start)."),
	F("apps.v1.StatefulSetSpec", "revisionHistoryLimit", "integer", "How "
	    "many old revisions to keep."),
	F("apps.v1.StatefulSetSpec", "minReadySeconds", "integer", "Seconds "
	    "a new pod must be ready to count as available."),
	F("apps.v1.StatefulSetSpec", "persistentVolumeClaimRetentionPolicy",
	    "object", "Whether claims are deleted when the set is deleted "
	    "or scaled down."),
	D("apps.v1.StatefulSetUpdateStrategy", NULL, "How a stateful set "
	    "replaces pods."),
	X("apps.v1.StatefulSetUpdateStrategy", "type", "string",
	    "enum=RollingUpdate,OnDelete", "RollingUpdate (the default) "
	    "replaces pods from the highest ordinal down; OnDelete waits "
	    "for you to delete them."),
	F("apps.v1.StatefulSetUpdateStrategy", "rollingUpdate",
	    "apps.v1.RollingUpdateStatefulSetStrategy", "Limits of the "
	    "rolling update."),
	D("apps.v1.RollingUpdateStatefulSetStrategy", NULL, "How a stateful "
	    "set rolls."),
	F("apps.v1.RollingUpdateStatefulSetStrategy", "partition", "integer",
	    "Only pods with an ordinal at least this are updated."),
	F("apps.v1.RollingUpdateStatefulSetStrategy", "maxUnavailable",
	    "intstr.IntOrString", "How many pods may be down during the "
	    "update.  Defaults to 1."),
	D("apps.v1.StatefulSetStatus", "replicas", "The observed state of a "
	    "stateful set."),
	F("apps.v1.StatefulSetStatus", "observedGeneration", "int64", "The "
	    "generation the controller last acted on."),
	F("apps.v1.StatefulSetStatus", "replicas", "integer", "Pods that "
	    "exist."),
	F("apps.v1.StatefulSetStatus", "readyReplicas", "integer", "Pods "
	    "that are ready."),
	F("apps.v1.StatefulSetStatus", "currentReplicas", "integer", "Pods "
	    "of the current revision."),
	F("apps.v1.StatefulSetStatus", "updatedReplicas", "integer", "Pods "
	    "of the update revision."),
	F("apps.v1.StatefulSetStatus", "availableReplicas", "integer", "Pods "
	    "ready for at least minReadySeconds."),
	F("apps.v1.StatefulSetStatus", "currentRevision", "string", "The "
	    "revision of the older pods."),
	F("apps.v1.StatefulSetStatus", "updateRevision", "string", "The "
	    "revision of the template."),
	X("apps.v1.StatefulSetStatus", "conditions", "[]meta.v1.Condition",
	    "key=type", "Current conditions."),
	F("apps.v1.StatefulSetStatus", "collisionCount", "integer", "Counts "
	    "hash collisions of revision names."),

	/* apps/v1 DaemonSet */
	D("apps.v1.DaemonSet", NULL, "Runs one copy of a pod on every node "
	    "(or every node a selector picks)."),
	TYPEMETA("apps.v1.DaemonSet"),
	F("apps.v1.DaemonSet", "metadata", "meta.v1.ObjectMeta", "Standard "
	    "object metadata."),
	F("apps.v1.DaemonSet", "spec", "apps.v1.DaemonSetSpec", "The pod to "
	    "run on each node."),
	F("apps.v1.DaemonSet", "status", "apps.v1.DaemonSetStatus", "How "
	    "many nodes run it.  Read-only."),
	D("apps.v1.DaemonSetSpec", "selector,template", "The desired state "
	    "of a daemon set."),
	F("apps.v1.DaemonSetSpec", "selector", "meta.v1.LabelSelector",
	    "Which pods belong to the set; must match the template."),
	F("apps.v1.DaemonSetSpec", "template", "core.v1.PodTemplateSpec",
	    "The pod to run on each node."),
	F("apps.v1.DaemonSetSpec", "updateStrategy",
	    "apps.v1.DaemonSetUpdateStrategy", "How pods are replaced when "
	    "the template changes."),
	F("apps.v1.DaemonSetSpec", "minReadySeconds", "integer", "Seconds a "
	    "new pod must be ready to count as available."),
	F("apps.v1.DaemonSetSpec", "revisionHistoryLimit", "integer", "How "
	    "many old revisions to keep."),
	D("apps.v1.DaemonSetUpdateStrategy", NULL, "How a daemon set "
	    "replaces pods."),
	X("apps.v1.DaemonSetUpdateStrategy", "type", "string",
	    "enum=RollingUpdate,OnDelete", "RollingUpdate (the default) "
	    "replaces pods node by node; OnDelete waits for you to delete "
	    "them."),
	F("apps.v1.DaemonSetUpdateStrategy", "rollingUpdate",
	    "apps.v1.RollingUpdateDaemonSet", "Limits of the rolling update."),
	D("apps.v1.RollingUpdateDaemonSet", NULL, "How a daemon set rolls."),
	F("apps.v1.RollingUpdateDaemonSet", "maxUnavailable",
	    "intstr.IntOrString", "How many nodes may lack a ready pod "
	    "during the update.  Defaults to 1."),
	F("apps.v1.RollingUpdateDaemonSet", "maxSurge", "intstr.IntOrString",
	    "How many nodes may run an old and a new pod at once.  "
	    "Defaults to 0."),
	D("apps.v1.DaemonSetStatus", "currentNumberScheduled,"
	    "numberMisscheduled,desiredNumberScheduled,numberReady",
	    "The observed state of a daemon set."),
	F("apps.v1.DaemonSetStatus", "currentNumberScheduled", "integer",
	    "Nodes running the pod that should."),
	F("apps.v1.DaemonSetStatus", "numberMisscheduled", "integer", "Nodes "
	    "running the pod that should not."),
	F("apps.v1.DaemonSetStatus", "desiredNumberScheduled", "integer",
	    "Nodes that should run the pod."),
	F("apps.v1.DaemonSetStatus", "numberReady", "integer", "Nodes whose "
	    "pod is ready."),
	F("apps.v1.DaemonSetStatus", "updatedNumberScheduled", "integer",
	    "Nodes running the current template."),
	F("apps.v1.DaemonSetStatus", "numberAvailable", "integer", "Nodes "
	    "whose pod is available."),
	F("apps.v1.DaemonSetStatus", "numberUnavailable", "integer", "Nodes "
	    "whose pod is not available."),
	F("apps.v1.DaemonSetStatus", "observedGeneration", "int64", "The "
	    "generation the controller last acted on."),
	X("apps.v1.DaemonSetStatus", "conditions", "[]meta.v1.Condition",
	    "key=type", "Current conditions."),
	F("apps.v1.DaemonSetStatus", "collisionCount", "integer", "Counts "
	    "hash collisions of revision names."),

	/* batch/v1 Job and CronJob */
	D("batch.v1.Job", NULL, "Runs pods until a number of them finish "
	    "successfully."),
	TYPEMETA("batch.v1.Job"),
	F("batch.v1.Job", "metadata", "meta.v1.ObjectMeta", "Standard object "
	    "metadata."),
	F("batch.v1.Job", "spec", "batch.v1.JobSpec", "The work to do."),
	F("batch.v1.Job", "status", "batch.v1.JobStatus", "Progress of the "
	    "job.  Read-only."),
	D("batch.v1.JobSpec", "template", "The desired run of a job."),
	F("batch.v1.JobSpec", "parallelism", "integer", "How many pods may "
	    "run at once.  Defaults to 1."),
	F("batch.v1.JobSpec", "completions", "integer", "How many pods must "
	    "succeed.  Defaults to 1."),
	F("batch.v1.JobSpec", "activeDeadlineSeconds", "int64", "Seconds the "
	    "job may run before it is failed."),
	F("batch.v1.JobSpec", "backoffLimit", "integer", "Failed pods "
	    "tolerated before the job fails.  Defaults to 6."),
	F("batch.v1.JobSpec", "selector", "meta.v1.LabelSelector", "Which "
	    "pods belong to the job; generated by default."),
	F("batch.v1.JobSpec", "manualSelector", "boolean", "Use selector as "
	    "given instead of generating it."),
	F("batch.v1.JobSpec", "template", "core.v1.PodTemplateSpec", "The "
	    "pods to run; restartPolicy must be Never or OnFailure."),
	F("batch.v1.JobSpec", "ttlSecondsAfterFinished", "integer", "Delete "
	    "the job this long after it finished."),
	X("batch.v1.JobSpec", "completionMode", "string",
	    "enum=NonIndexed,Indexed", "Indexed gives each pod a completion "
	    "index."),
	F("batch.v1.JobSpec", "suspend", "boolean", "Do not create pods "
	    "while true."),
	F("batch.v1.JobSpec", "podFailurePolicy", "object", "Rules that "
	    "fail the job or ignore a failure by exit code or condition."),
	F("batch.v1.JobSpec", "successPolicy", "object", "Rules that let an "
	    "Indexed job succeed before every index did."),
	F("batch.v1.JobSpec", "backoffLimitPerIndex", "integer", "For "
	    "Indexed jobs: failures tolerated per index."),
	F("batch.v1.JobSpec", "maxFailedIndexes", "integer", "For Indexed "
	    "jobs: failed indexes tolerated before the job fails."),
	X("batch.v1.JobSpec", "podReplacementPolicy", "string",
	    "enum=TerminatingOrFailed,Failed", "When a replacement pod is "
	    "created."),
	F("batch.v1.JobSpec", "managedBy", "string", "The controller in "
	    "charge of the job; empty for the built-in one."),
	D("batch.v1.JobStatus", NULL, "The observed state of a job."),
	X("batch.v1.JobStatus", "conditions", "[]batch.v1.JobCondition",
	    "key=type atomic", "Complete, Failed, Suspended, ..."),
	F("batch.v1.JobStatus", "startTime", "time", "When the job "
	    "started."),
	F("batch.v1.JobStatus", "completionTime", "time", "When the job "
	    "completed."),
	F("batch.v1.JobStatus", "active", "integer", "Pods running."),
	F("batch.v1.JobStatus", "succeeded", "integer", "Pods that "
	    "succeeded."),
	F("batch.v1.JobStatus", "failed", "integer", "Pods that failed."),
	F("batch.v1.JobStatus", "ready", "integer", "Pods that are ready."),
	F("batch.v1.JobStatus", "completedIndexes", "string", "For Indexed "
	    "jobs: the indexes done, as ranges."),
	D("batch.v1.JobCondition", "type,status", "One condition of a job."),
	F("batch.v1.JobCondition", "type", "string", "Which condition."),
	X("batch.v1.JobCondition", "status", "string", "enum=True,False,Unknown",
	    "Whether it holds."),
	F("batch.v1.JobCondition", "lastProbeTime", "time", "When it was "
	    "last checked."),
	F("batch.v1.JobCondition", "lastTransitionTime", "time", "When "
	    "status last changed."),
	F("batch.v1.JobCondition", "reason", "string", "Why, in CamelCase."),
	F("batch.v1.JobCondition", "message", "string", "Why, for people."),

	D("batch.v1.CronJob", NULL, "Creates a job on a schedule."),
	TYPEMETA("batch.v1.CronJob"),
	F("batch.v1.CronJob", "metadata", "meta.v1.ObjectMeta", "Standard "
	    "object metadata."),
	F("batch.v1.CronJob", "spec", "batch.v1.CronJobSpec", "The schedule "
	    "and the job to create."),
	F("batch.v1.CronJob", "status", "batch.v1.CronJobStatus", "Last and "
	    "running jobs.  Read-only."),
	D("batch.v1.CronJobSpec", "schedule,jobTemplate", "The desired "
	    "behaviour of a cron job."),
	F("batch.v1.CronJobSpec", "schedule", "string", "When to run, in "
	    "cron syntax (\"*/5 * * * *\") or a macro such as @hourly."),
	F("batch.v1.CronJobSpec", "timeZone", "string", "Time zone of the "
	    "schedule, such as Europe/Paris; defaults to the server's."),
	F("batch.v1.CronJobSpec", "startingDeadlineSeconds", "int64", "Skip "
	    "a run that could not start within this many seconds."),
	X("batch.v1.CronJobSpec", "concurrencyPolicy", "string",
	    "enum=Allow,Forbid,Replace", "What to do when the previous job "
	    "still runs.  Defaults to Allow."),
	F("batch.v1.CronJobSpec", "suspend", "boolean", "Create no jobs "
	    "while true."),
	F("batch.v1.CronJobSpec", "jobTemplate", "batch.v1.JobTemplateSpec",
	    "The job to create."),
	F("batch.v1.CronJobSpec", "successfulJobsHistoryLimit", "integer",
	    "Finished jobs to keep.  Defaults to 3."),
	F("batch.v1.CronJobSpec", "failedJobsHistoryLimit", "integer", "Failed "
	    "jobs to keep.  Defaults to 1."),
	D("batch.v1.JobTemplateSpec", NULL, "The job a cron job creates."),
	F("batch.v1.JobTemplateSpec", "metadata", "meta.v1.ObjectMeta",
	    "Labels and annotations of the jobs."),
	F("batch.v1.JobTemplateSpec", "spec", "batch.v1.JobSpec", "The jobs' "
	    "spec."),
	D("batch.v1.CronJobStatus", NULL, "The observed state of a cron "
	    "job."),
	X("batch.v1.CronJobStatus", "active", "[]core.v1.ObjectReference",
	    "atomic", "Jobs still running."),
	F("batch.v1.CronJobStatus", "lastScheduleTime", "time", "When a job "
	    "was last created."),
	F("batch.v1.CronJobStatus", "lastSuccessfulTime", "time", "When a job "
	    "last succeeded."),
	D("core.v1.ObjectReference", NULL, "Points to any object."),
	F("core.v1.ObjectReference", "apiVersion", "string", "Its API "
	    "version."),
	F("core.v1.ObjectReference", "kind", "string", "Its kind."),
	F("core.v1.ObjectReference", "namespace", "string", "Its namespace."),
	F("core.v1.ObjectReference", "name", "string", "Its name."),
	F("core.v1.ObjectReference", "uid", "string", "Its UID."),
	F("core.v1.ObjectReference", "resourceVersion", "string", "The "
	    "version referred to."),
	F("core.v1.ObjectReference", "fieldPath", "string", "A part of the "
	    "object, such as a container."),

	/* core/v1 ServiceAccount */
	D("core.v1.ServiceAccount", NULL, "An identity for processes that run "
	    "in pods."),
	TYPEMETA("core.v1.ServiceAccount"),
	F("core.v1.ServiceAccount", "metadata", "meta.v1.ObjectMeta",
	    "Standard object metadata."),
	X("core.v1.ServiceAccount", "secrets", "[]core.v1.ObjectReference",
	    "key=name", "Secrets pods of this account may use."),
	F("core.v1.ServiceAccount", "imagePullSecrets",
	    "[]core.v1.LocalObjectReference", "Registry credentials added to "
	    "the pods of this account."),
	F("core.v1.ServiceAccount", "automountServiceAccountToken", "boolean",
	    "Whether pods get a token of this account by default."),

	/* networking.k8s.io/v1 NetworkPolicy */
	D("networking.v1.NetworkPolicy", NULL, "Which traffic the pods it "
	    "selects may receive and send."),
	TYPEMETA("networking.v1.NetworkPolicy"),
	F("networking.v1.NetworkPolicy", "metadata", "meta.v1.ObjectMeta",
	    "Standard object metadata."),
	F("networking.v1.NetworkPolicy", "spec",
	    "networking.v1.NetworkPolicySpec", "The pods selected and the "
	    "traffic allowed to and from them."),
	D("networking.v1.NetworkPolicySpec", "podSelector", "The pods a "
	    "network policy isolates and the rules that let traffic through."),
	F("networking.v1.NetworkPolicySpec", "podSelector",
	    "meta.v1.LabelSelector", "The pods of the policy's namespace it "
	    "applies to; empty selects them all."),
	F("networking.v1.NetworkPolicySpec", "ingress",
	    "[]networking.v1.NetworkPolicyIngressRule", "Traffic allowed "
	    "into the selected pods, each rule adding to the others."),
	F("networking.v1.NetworkPolicySpec", "egress",
	    "[]networking.v1.NetworkPolicyEgressRule", "Traffic allowed out "
	    "of the selected pods, each rule adding to the others."),
	F("networking.v1.NetworkPolicySpec", "policyTypes", "[]string",
	    "Ingress and/or Egress: the directions in which the selected pods "
	    "are isolated.  Defaults to Ingress, plus Egress when there are "
	    "egress rules."),
	D("networking.v1.NetworkPolicyIngressRule", NULL, "Traffic that "
	    "matches both its ports and its sources."),
	F("networking.v1.NetworkPolicyIngressRule", "ports",
	    "[]networking.v1.NetworkPolicyPort", "The destination ports; "
	    "empty or missing: all."),
	F("networking.v1.NetworkPolicyIngressRule", "from",
	    "[]networking.v1.NetworkPolicyPeer", "The sources; empty or "
	    "missing: all."),
	D("networking.v1.NetworkPolicyEgressRule", NULL, "Traffic that "
	    "matches both its ports and its destinations."),
	F("networking.v1.NetworkPolicyEgressRule", "ports",
	    "[]networking.v1.NetworkPolicyPort", "The destination ports; "
	    "empty or missing: all."),
	F("networking.v1.NetworkPolicyEgressRule", "to",
	    "[]networking.v1.NetworkPolicyPeer", "The destinations; empty or "
	    "missing: all."),
	D("networking.v1.NetworkPolicyPeer", NULL, "Pods (by pod and "
	    "namespace selectors) or an IP block."),
	F("networking.v1.NetworkPolicyPeer", "podSelector",
	    "meta.v1.LabelSelector", "Pods of the policy's namespace, or of "
	    "the namespaces namespaceSelector selects."),
	F("networking.v1.NetworkPolicyPeer", "namespaceSelector",
	    "meta.v1.LabelSelector", "All pods of the namespaces it selects "
	    "(those podSelector selects, when given)."),
	F("networking.v1.NetworkPolicyPeer", "ipBlock",
	    "networking.v1.IPBlock", "A range of addresses; alone in its "
	    "peer."),
	D("networking.v1.NetworkPolicyPort", NULL, "A protocol and a port "
	    "or a range of ports."),
	X("networking.v1.NetworkPolicyPort", "protocol", "string",
	    "enum=TCP,UDP,SCTP", "Defaults to TCP."),
	F("networking.v1.NetworkPolicyPort", "port", "intstr.IntOrString",
	    "A port number or the name of a container port; missing: all "
	    "ports of the protocol."),
	F("networking.v1.NetworkPolicyPort", "endPort", "integer", "With a "
	    "numeric port, the last port of the range it starts."),
	D("networking.v1.IPBlock", "cidr", "A CIDR, less some ranges in it."),
	F("networking.v1.IPBlock", "cidr", "string", "Addresses, as "
	    "192.168.1.0/24 or 2001:db8::/64."),
	F("networking.v1.IPBlock", "except", "[]string", "CIDRs inside cidr "
	    "that are not part of the block."),

	{ NULL, NULL, NULL, NULL, NULL }
};
