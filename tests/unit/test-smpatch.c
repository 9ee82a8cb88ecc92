/* test-smpatch.c - unit tests for lib/smpatch.c (strategic merge patch). */
#include <stdlib.h>

#include <jansson.h>

#include "../../lib/err.h"
#include "../../lib/smpatch.h"
#include "test.h"

static char t_out[8][8192];
static int t_slot;
static struct err t_err;

static const char *
t_dump(const json_t *v)
{
	char *s, *o = t_out[t_slot++ % 8];

	if (v == NULL)
		return "(null)";
	s = json_dumps(v, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY);
	snprintf(o, sizeof t_out[0], "%s", s ? s : "(dump failed)");
	free(s);
	return o;
}

static json_t *
t_load(const char *s)
{
	json_t *v = json_loads(s, JSON_DECODE_ANY, NULL);

	if (v == NULL)
		printf("# bad test JSON: %s\n", s);
	return v;
}

/* The patched object, or "ERR: <message>". */
static const char *
t_apply(const char *kind, const char *doc, const char *patch)
{
	json_t *d = t_load(doc), *p = t_load(patch), *r;
	const char *out;
	char *o;

	err_clear(&t_err);
	r = smpatch_apply(d, p, kind, &t_err);
	if (r != NULL)
		out = t_dump(r);
	else {
		o = t_out[t_slot++ % 8];
		snprintf(o, sizeof t_out[0], "ERR: %s", t_err.msg);
		out = o;
	}
	json_decref(d);
	json_decref(p);
	json_decref(r);
	return out;
}

static const char *
t_diff(const char *kind, const char *from, const char *to)
{
	json_t *f = t_load(from), *t = t_load(to), *r;
	const char *out;

	r = smpatch_diff(f, t, kind);
	out = t_dump(r);
	json_decref(f);
	json_decref(t);
	json_decref(r);
	return out;
}

#define POD3 "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"a:1\"}," \
	"{\"name\":\"b\",\"image\":\"b:1\"},{\"name\":\"c\",\"image\":\"c:1\"}]}}"

static void
test_containers_by_name(void)
{
	CHECK_STR(t_apply("Pod", POD3,
	    "{\"spec\":{\"containers\":[{\"name\":\"b\",\"image\":\"b:2\"},"
	    "{\"name\":\"d\",\"image\":\"d:1\"},"
	    "{\"name\":\"c\",\"$patch\":\"delete\"}]}}"),
	    "{\"spec\":{\"containers\":[{\"image\":\"a:1\",\"name\":\"a\"},"
	    "{\"image\":\"b:2\",\"name\":\"b\"},"
	    "{\"image\":\"d:1\",\"name\":\"d\"}]}}");
	/*
	 * initContainers and ephemeralContainers merge the same way; as in
	 * apimachinery, a new item goes before the server-only ones.
	 */
	CHECK_STR(t_apply("Pod",
	    "{\"spec\":{\"initContainers\":[{\"name\":\"i\",\"image\":\"x\"}],"
	    "\"ephemeralContainers\":[{\"name\":\"e\",\"image\":\"y\"}]}}",
	    "{\"spec\":{\"initContainers\":[{\"name\":\"i\",\"args\":[\"1\"]}],"
	    "\"ephemeralContainers\":[{\"name\":\"f\",\"image\":\"z\"}]}}"),
	    "{\"spec\":{\"ephemeralContainers\":[{\"image\":\"z\",\"name\":"
	    "\"f\"},{\"image\":\"y\",\"name\":\"e\"}],\"initContainers\":"
	    "[{\"args\":[\"1\"],\"image\":\"x\",\"name\":\"i\"}]}}");
	/* a null in a merged element deletes the field */
	CHECK_STR(t_apply("Pod", POD3,
	    "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":null}]}}"),
	    "{\"spec\":{\"containers\":[{\"name\":\"a\"},{\"image\":\"b:1\","
	    "\"name\":\"b\"},{\"image\":\"c:1\",\"name\":\"c\"}]}}");
}

static void
test_env_and_ports(void)
{
	CHECK_STR(t_apply("Pod",
	    "{\"spec\":{\"containers\":[{\"name\":\"a\",\"env\":[{\"name\":"
	    "\"X\",\"value\":\"1\"},{\"name\":\"Y\",\"value\":\"2\"}]}]}}",
	    "{\"spec\":{\"containers\":[{\"name\":\"a\",\"env\":[{\"name\":"
	    "\"Y\",\"value\":\"3\"},{\"name\":\"Z\",\"value\":\"4\"}]}]}}"),
	    "{\"spec\":{\"containers\":[{\"env\":[{\"name\":\"X\",\"value\":"
	    "\"1\"},{\"name\":\"Y\",\"value\":\"3\"},{\"name\":\"Z\","
	    "\"value\":\"4\"}],\"name\":\"a\"}]}}");
	CHECK_STR(t_apply("Pod",
	    "{\"spec\":{\"containers\":[{\"name\":\"a\",\"ports\":["
	    "{\"containerPort\":80,\"name\":\"http\"},"
	    "{\"containerPort\":443}]}]}}",
	    "{\"spec\":{\"containers\":[{\"name\":\"a\",\"ports\":["
	    "{\"containerPort\":443,\"protocol\":\"TCP\"},"
	    "{\"containerPort\":8080}]}]}}"),
	    "{\"spec\":{\"containers\":[{\"name\":\"a\",\"ports\":["
	    "{\"containerPort\":80,\"name\":\"http\"},{\"containerPort\":443,"
	    "\"protocol\":\"TCP\"},{\"containerPort\":8080}]}]}}");
	/* Service ports merge by port */
	CHECK_STR(t_apply("Service",
	    "{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":8080}]}}",
	    "{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":9090},"
	    "{\"port\":81}]}}"),
	    "{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":9090},"
	    "{\"port\":81}]}}");
	/* tolerations have no merge key: replaced */
	CHECK_STR(t_apply("Pod",
	    "{\"spec\":{\"tolerations\":[{\"key\":\"a\"}]}}",
	    "{\"spec\":{\"tolerations\":[{\"key\":\"b\"}]}}"),
	    "{\"spec\":{\"tolerations\":[{\"key\":\"b\"}]}}");
	/* node status conditions and addresses merge by type */
	CHECK_STR(t_apply("Node",
	    "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":"
	    "\"False\"},{\"type\":\"DiskPressure\",\"status\":\"False\"}],"
	    "\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"1.1.1.1\"}]}}",
	    "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":"
	    "\"True\"}],\"addresses\":[{\"type\":\"Hostname\",\"address\":"
	    "\"n\"}]}}"),
	    "{\"status\":{\"addresses\":[{\"address\":\"n\",\"type\":"
	    "\"Hostname\"},{\"address\":\"1.1.1.1\",\"type\":"
	    "\"InternalIP\"}],"
	    "\"conditions\":[{\"status\":\"True\",\"type\":\"Ready\"},"
	    "{\"status\":\"False\",\"type\":\"DiskPressure\"}]}}");
}

static void
test_retain_keys(void)
{
	CHECK_STR(t_apply("Deployment",
	    "{\"spec\":{\"strategy\":{\"type\":\"RollingUpdate\","
	    "\"rollingUpdate\":{\"maxSurge\":1}},\"replicas\":2}}",
	    "{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],"
	    "\"type\":\"Recreate\"}}}"),
	    "{\"spec\":{\"replicas\":2,\"strategy\":{\"type\":\"Recreate\"}}}");
	CHECK_STR(t_apply("Pod",
	    "{\"spec\":{\"volumes\":[{\"name\":\"v\",\"emptyDir\":{}},"
	    "{\"name\":\"w\",\"emptyDir\":{}}]}}",
	    "{\"spec\":{\"volumes\":[{\"name\":\"v\",\"$retainKeys\":[\"name\","
	    "\"hostPath\"],\"hostPath\":{\"path\":\"/x\"}}]}}"),
	    "{\"spec\":{\"volumes\":[{\"hostPath\":{\"path\":\"/x\"},\"name\":"
	    "\"v\"},{\"emptyDir\":{},\"name\":\"w\"}]}}");
	CHECK_STR(t_apply("Deployment",
	    "{\"spec\":{\"strategy\":{\"type\":\"RollingUpdate\"}}}",
	    "{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],"
	    "\"rollingUpdate\":{\"maxSurge\":1}}}}"),
	    "ERR: invalid patch format of retainKeys");
	CHECK_INT(t_err.reason, ERR_BAD_REQUEST);
}

static void
test_set_element_order(void)
{
	CHECK_STR(t_apply("Pod", POD3,
	    "{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"c\"},"
	    "{\"name\":\"a\"},{\"name\":\"b\"}],\"containers\":[{\"name\":"
	    "\"a\",\"image\":\"new\"}]}}"),
	    "{\"spec\":{\"containers\":[{\"image\":\"c:1\",\"name\":\"c\"},"
	    "{\"image\":\"new\",\"name\":\"a\"},{\"image\":\"b:1\",\"name\":"
	    "\"b\"}]}}");
	CHECK_STR(t_apply("Pod",
	    "{\"metadata\":{\"finalizers\":[\"x\",\"y\"]}}",
	    "{\"metadata\":{\"$setElementOrder/finalizers\":[\"z\",\"y\","
	    "\"x\"],\"finalizers\":[\"z\"]}}"),
	    "{\"metadata\":{\"finalizers\":[\"z\",\"y\",\"x\"]}}");
	/* a patch item missing from the order list is an error */
	CHECK_STR(t_apply("Pod", POD3,
	    "{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"a\"}],"
	    "\"containers\":[{\"name\":\"b\",\"image\":\"x\"}]}}"),
	    "ERR: The order in patch list doesn't match $setElementOrder list");
	/* apimachinery's "add map and delete map from merging list" */
	CHECK_STR(t_apply("Pod",
	    "{\"spec\":{\"containers\":[{\"name\":\"1\"},{\"name\":\"2\","
	    "\"other\":\"b\"},{\"name\":\"4\",\"other\":\"c\"}]}}",
	    "{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"2\"},"
	    "{\"name\":\"3\"}],\"containers\":[{\"name\":\"3\"},"
	    "{\"name\":\"1\",\"$patch\":\"delete\"}]}}"),
	    "{\"spec\":{\"containers\":[{\"name\":\"2\",\"other\":\"b\"},"
	    "{\"name\":\"4\",\"other\":\"c\"},{\"name\":\"3\"}]}}");
	/* apimachinery's "merge lists of maps" (three-way) */
	CHECK_STR(t_apply("Pod",
	    "{\"spec\":{\"containers\":[{\"name\":\"1\",\"other\":\"a\"},"
	    "{\"name\":\"2\",\"value\":2,\"other\":\"b\"}]}}",
	    "{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"4\"},"
	    "{\"name\":\"1\"},{\"name\":\"2\"},{\"name\":\"3\"}],"
	    "\"containers\":[{\"name\":\"4\",\"value\":4},{\"name\":\"3\","
	    "\"value\":3}]}}"),
	    "{\"spec\":{\"containers\":[{\"name\":\"4\",\"value\":4},"
	    "{\"name\":\"1\",\"other\":\"a\"},{\"name\":\"2\",\"other\":"
	    "\"b\",\"value\":2},{\"name\":\"3\",\"value\":3}]}}");
	/* the directive never lands in the object */
	CHECK_STR(t_apply("Pod", "{}",
	    "{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"a\"}],"
	    "\"containers\":[{\"name\":\"a\"}]}}"),
	    "{\"spec\":{\"containers\":[{\"name\":\"a\"}]}}");
}

static void
test_patch_directive(void)
{
	CHECK_STR(t_apply("Pod",
	    "{\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"2\"}}}",
	    "{\"metadata\":{\"labels\":{\"$patch\":\"replace\",\"c\":\"3\"}}}"),
	    "{\"metadata\":{\"labels\":{\"c\":\"3\"}}}");
	CHECK_STR(t_apply("Pod",
	    "{\"spec\":{\"affinity\":{\"nodeAffinity\":{}},\"x\":1}}",
	    "{\"spec\":{\"affinity\":{\"$patch\":\"delete\"}}}"),
	    "{\"spec\":{\"affinity\":{},\"x\":1}}");
	CHECK_STR(t_apply("Pod", "{\"spec\":{\"x\":1}}",
	    "{\"spec\":{\"affinity\":{\"$patch\":\"delete\"}}}"),
	    "{\"spec\":{\"x\":1}}");
	CHECK_STR(t_apply("Pod", "{\"metadata\":{\"labels\":{\"a\":\"1\"}}}",
	    "{\"metadata\":{\"labels\":{\"$patch\":\"merge\",\"b\":\"2\"}}}"),
	    "{\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"2\"}}}");
	CHECK_STR(t_apply("Pod", "{\"metadata\":{\"labels\":{\"a\":\"1\"}}}",
	    "{\"metadata\":{\"labels\":{\"$patch\":\"frob\"}}}"),
	    "ERR: unknown patch type: frob in map");
	/* whole-list replace with a $patch element */
	CHECK_STR(t_apply("Pod", POD3,
	    "{\"spec\":{\"containers\":[{\"name\":\"x\",\"image\":\"x:1\"},"
	    "{\"$patch\":\"replace\"}]}}"),
	    "{\"spec\":{\"containers\":[{\"image\":\"x:1\",\"name\":\"x\"}]}}");
	/* deleting an element needs its merge key */
	CHECK_STR(t_apply("Pod", POD3,
	    "{\"spec\":{\"containers\":[{\"$patch\":\"delete\"}]}}"),
	    "ERR: map: {\"$patch\":\"delete\"} does not contain declared "
	    "merge key: name");
	/* a top-level replace */
	CHECK_STR(t_apply("Pod", POD3, "{\"$patch\":\"replace\",\"a\":1}"),
	    "{\"a\":1}");
}

static void
test_delete_from_primitive_list(void)
{
	CHECK_STR(t_apply("Pod",
	    "{\"metadata\":{\"finalizers\":[\"a\",\"b\",\"c\"]}}",
	    "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"b\"]}}"),
	    "{\"metadata\":{\"finalizers\":[\"a\",\"c\"]}}");
	/* finalizers merge as a set */
	CHECK_STR(t_apply("ConfigMap",
	    "{\"metadata\":{\"finalizers\":[\"a\",\"b\"]}}",
	    "{\"metadata\":{\"finalizers\":[\"d\",\"a\"]}}"),
	    "{\"metadata\":{\"finalizers\":[\"d\",\"a\",\"b\"]}}");
	/* nothing to delete from */
	CHECK_STR(t_apply("Pod", "{\"metadata\":{}}",
	    "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"b\"]}}"),
	    "{\"metadata\":{}}");
	CHECK_STR(t_apply("Pod", "{\"metadata\":{\"finalizers\":[\"a\"]}}",
	    "{\"metadata\":{\"$deleteFromPrimitiveList\":[\"a\"]}}"),
	    "ERR: invalid patch format of primitive list");
	/* ownerReferences merge by uid */
	CHECK_STR(t_apply("Secret",
	    "{\"metadata\":{\"ownerReferences\":[{\"uid\":\"1\",\"name\":"
	    "\"a\"}]}}",
	    "{\"metadata\":{\"ownerReferences\":[{\"uid\":\"2\",\"name\":"
	    "\"b\"}]}}"),
	    "{\"metadata\":{\"ownerReferences\":[{\"name\":\"b\",\"uid\":\"2\"},"
	    "{\"name\":\"a\",\"uid\":\"1\"}]}}");
}

static void
test_template_paths(void)
{
	CHECK_STR(t_apply("Deployment",
	    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":"
	    "\"a\",\"image\":\"1\"},{\"name\":\"b\",\"image\":\"1\"}]}}}}",
	    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":"
	    "\"b\",\"image\":\"2\"}]}}}}"),
	    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":"
	    "\"1\",\"name\":\"a\"},{\"image\":\"2\",\"name\":\"b\"}]}}}}");
	CHECK_STR(t_apply("CronJob",
	    "{\"spec\":{\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":"
	    "{\"containers\":[{\"name\":\"a\",\"env\":[{\"name\":\"X\","
	    "\"value\":\"1\"}]}]}}}}}}",
	    "{\"spec\":{\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":"
	    "{\"containers\":[{\"name\":\"a\",\"env\":[{\"name\":\"Y\","
	    "\"value\":\"2\"}]}]}}}}}}"),
	    "{\"spec\":{\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":"
	    "{\"containers\":[{\"env\":[{\"name\":\"Y\",\"value\":\"2\"},"
	    "{\"name\":\"X\",\"value\":\"1\"}],\"name\":\"a\"}]}}}}}}");
	CHECK_STR(smpatch_merge_key("Deployment",
	    "spec.template.spec.containers"), "name");
	CHECK_STR(smpatch_merge_key("StatefulSet",
	    "spec.template.spec.volumes"), "name");
	CHECK_STR(smpatch_merge_key("DaemonSet",
	    "spec.template.spec.containers.volumeMounts"), "mountPath");
	CHECK_STR(smpatch_merge_key("Job",
	    "spec.template.spec.initContainers.ports"), "containerPort");
	CHECK_STR(smpatch_merge_key("CronJob",
	    "spec.jobTemplate.spec.template.spec.containers.env"), "name");
	CHECK_STR(smpatch_merge_key("Pod", "spec.containers.volumeDevices"),
	    "devicePath");
	CHECK_STR(smpatch_merge_key("Pod", "spec.hostAliases"), "ip");
	CHECK_STR(smpatch_merge_key("Pod", "spec.topologySpreadConstraints"),
	    "topologyKey");
	CHECK_STR(smpatch_merge_key("Pod", "spec.imagePullSecrets"), "name");
	CHECK_STR(smpatch_merge_key("Pod", "spec.resourceClaims"), "name");
	CHECK_STR(smpatch_merge_key("Pod", "status.conditions"), "type");
	CHECK_STR(smpatch_merge_key("Pod", "metadata.ownerReferences"), "uid");
	CHECK_STR(smpatch_merge_key("Pod", "metadata.finalizers"), "");
	CHECK_STR(smpatch_merge_key("Service", "spec.ports"), "port");
	CHECK_STR(smpatch_merge_key("Node", "status.addresses"), "type");
	CHECK_STR(smpatch_merge_key("ReplicaSet", "status.conditions"), "type");
	CHECK_STR(smpatch_merge_key("Deployment", "status.conditions"), "type");
	CHECK_STR(smpatch_merge_key("Job", "status.conditions"), "type");
	CHECK(smpatch_merge_key("Pod", "spec.tolerations") == NULL);
	CHECK(smpatch_merge_key("Pod", "spec.containers.args") == NULL);
	CHECK(smpatch_merge_key("ClusterRole", "rules") == NULL);
	CHECK(smpatch_merge_key("Endpoints", "subsets.addresses") == NULL);
	CHECK(smpatch_merge_key("Ingress", "spec.rules") == NULL);
	CHECK(smpatch_merge_key("Widget", "spec.containers") == NULL);
	CHECK(smpatch_merge_key(NULL, "spec") == NULL);
}

static void
test_unknown_kind(void)
{
	/* custom resources: merge patch semantics, lists replaced */
	CHECK_STR(t_apply("Widget",
	    "{\"spec\":{\"containers\":[{\"name\":\"a\"}],\"x\":1}}",
	    "{\"spec\":{\"containers\":[{\"name\":\"b\"}],\"x\":null}}"),
	    "{\"spec\":{\"containers\":[{\"name\":\"b\"}]}}");
	CHECK_STR(t_apply(NULL, "{\"a\":{\"b\":1}}", "{\"a\":{\"c\":2}}"),
	    "{\"a\":{\"b\":1,\"c\":2}}");
	CHECK_STR(t_diff("Widget", "{\"l\":[1,2],\"a\":1}", "{\"l\":[1]}"),
	    "{\"a\":null,\"l\":[1]}");
	/* typed kinds still reject bad input */
	CHECK_STR(t_apply("Pod", "{}", "[1]"), "ERR: invalid JSON document");
	CHECK_STR(t_apply("Pod", "{\"spec\":{\"containers\":[[1]]}}",
	    "{\"spec\":{\"containers\":[[2]]}}"),
	    "ERR: lists of lists are not supported");
	CHECK_INT(t_err.reason, ERR_INVALID);
}

static void
test_diff(void)
{
	CHECK_STR(t_diff("Pod", POD3,
	    "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"a:1\"},"
	    "{\"name\":\"b\",\"image\":\"b:2\"},{\"name\":\"d\",\"image\":"
	    "\"d:1\"}]}}"),
	    "{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"a\"},"
	    "{\"name\":\"b\"},{\"name\":\"d\"}],\"containers\":[{\"image\":"
	    "\"b:2\",\"name\":\"b\"},{\"image\":\"d:1\",\"name\":\"d\"},"
	    "{\"$patch\":\"delete\",\"name\":\"c\"}]}}");
	CHECK_STR(t_diff("Pod", POD3, POD3), "{}");
	CHECK_STR(t_diff("Pod",
	    "{\"spec\":{\"containers\":[{\"name\":\"a\"},{\"name\":\"b\"}]}}",
	    "{\"spec\":{\"containers\":[{\"name\":\"b\"},{\"name\":\"a\"}]}}"),
	    "{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"b\"},"
	    "{\"name\":\"a\"}]}}");
	CHECK_STR(t_diff("Pod",
	    "{\"metadata\":{\"name\":\"p\",\"labels\":{\"a\":\"1\",\"b\":\"2\"},"
	    "\"finalizers\":[\"a\",\"b\"]}}",
	    "{\"metadata\":{\"name\":\"p\",\"labels\":{\"a\":\"3\"},"
	    "\"finalizers\":[\"b\",\"c\"]}}"),
	    "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"a\"],"
	    "\"$setElementOrder/finalizers\":[\"b\",\"c\"],\"finalizers\":"
	    "[\"c\"],\"labels\":{\"a\":\"3\",\"b\":null}}}");
	CHECK_STR(t_diff("Pod",
	    "{\"spec\":{\"volumes\":[{\"name\":\"v\",\"emptyDir\":{}}]}}",
	    "{\"spec\":{\"volumes\":[{\"name\":\"v\",\"hostPath\":{\"path\":"
	    "\"/x\"}}]}}"),
	    "{\"spec\":{\"$setElementOrder/volumes\":[{\"name\":\"v\"}],"
	    "\"volumes\":[{\"$retainKeys\":[\"hostPath\",\"name\"],\"emptyDir\":"
	    "null,\"hostPath\":{\"path\":\"/x\"},\"name\":\"v\"}]}}");
	CHECK_STR(t_diff("Deployment",
	    "{\"spec\":{\"strategy\":{\"type\":\"RollingUpdate\","
	    "\"rollingUpdate\":{\"maxSurge\":1}}}}",
	    "{\"spec\":{\"strategy\":{\"type\":\"Recreate\"}}}"),
	    "{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],"
	    "\"rollingUpdate\":null,\"type\":\"Recreate\"}}}");
	/* atomic lists and new lists go whole */
	CHECK_STR(t_diff("Pod",
	    "{\"spec\":{\"tolerations\":[{\"key\":\"a\"}]}}",
	    "{\"spec\":{\"tolerations\":[{\"key\":\"a\"},{\"key\":\"b\"}],"
	    "\"containers\":[{\"name\":\"x\"}]}}"),
	    "{\"spec\":{\"containers\":[{\"name\":\"x\"}],\"tolerations\":"
	    "[{\"key\":\"a\"},{\"key\":\"b\"}]}}");
}

/* smpatch_apply(from, smpatch_diff(from, to)) == to */
static void
test_diff_roundtrip(void)
{
	static const char *cases[][3] = {
		{ "Pod", POD3, "{\"spec\":{\"containers\":[{\"name\":\"d\","
		  "\"image\":\"d:1\"},{\"name\":\"a\",\"image\":\"a:2\","
		  "\"env\":[{\"name\":\"X\",\"value\":\"1\"}]}]}}" },
		{ "Pod", "{\"metadata\":{\"finalizers\":[\"a\",\"b\",\"c\"],"
		  "\"labels\":{\"x\":\"1\"}},\"spec\":{\"volumes\":[{\"name\":"
		  "\"v\",\"emptyDir\":{}},{\"name\":\"w\",\"secret\":{}}]}}",
		  "{\"metadata\":{\"finalizers\":[\"c\",\"d\",\"a\"]},\"spec\":"
		  "{\"volumes\":[{\"name\":\"w\",\"configMap\":{\"name\":"
		  "\"x\"}},{\"name\":\"v\",\"emptyDir\":{}}]}}" },
		{ "Deployment", "{\"spec\":{\"replicas\":1,\"strategy\":"
		  "{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxSurge\":"
		  "1}},\"template\":{\"spec\":{\"containers\":[{\"name\":\"a\","
		  "\"ports\":[{\"containerPort\":80},{\"containerPort\":"
		  "443}]}]}}}}",
		  "{\"spec\":{\"replicas\":3,\"strategy\":{\"type\":"
		  "\"Recreate\"},\"template\":{\"spec\":{\"containers\":[{\"name\":"
		  "\"a\",\"ports\":[{\"containerPort\":443,\"name\":\"https\"},"
		  "{\"containerPort\":8443}]}]}}}}" },
		{ "Service", "{\"spec\":{\"ports\":[{\"port\":80},{\"port\":"
		  "81}],\"selector\":{\"a\":\"b\"}}}",
		  "{\"spec\":{\"ports\":[{\"port\":81,\"targetPort\":9}],"
		  "\"type\":\"NodePort\"}}" },
		{ "Node", "{\"status\":{\"conditions\":[{\"type\":\"Ready\"}]}}",
		  "{\"status\":{\"conditions\":[]}}" },
		{ "ConfigMap", "{\"data\":{\"a\":\"1\"}}",
		  "{\"data\":{\"b\":\"2\"},\"binaryData\":{}}" },
	};
	json_t *f, *t, *p, *r;
	struct err e;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		f = t_load(cases[i][1]);
		t = t_load(cases[i][2]);
		p = smpatch_diff(f, t, cases[i][0]);
		err_clear(&e);
		r = smpatch_apply(f, p, cases[i][0], &e);
		if (r == NULL)
			printf("# case %zu: %s\n", i, e.msg);
		CHECK_STR(t_dump(r), t_dump(t));
		json_decref(f);
		json_decref(t);
		json_decref(p);
		json_decref(r);
	}
}

int
main(void)
{
	RUN(test_containers_by_name);
	RUN(test_env_and_ports);
	RUN(test_retain_keys);
	RUN(test_set_element_order);
	RUN(test_patch_directive);
	RUN(test_delete_from_primitive_list);
	RUN(test_template_paths);
	RUN(test_unknown_kind);
	RUN(test_diff);
	RUN(test_diff_roundtrip);
	return TEST_EXIT();
}
