/* test-reg-core.c - unit tests for server/registry/registry.c and the
 * core/v1 kinds: lookups, kubectl's AGE, defaulting, validation messages
 * and Table rows.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/err.h"
#include "../../server/registry/kinds.h"
#include "test.h"

#define T_NOW	1800000000LL	/* 2027-01-15T08:00:00Z */

static json_t *
t_json(const char *s)
{
	json_error_t e;
	json_t *v = json_loads(s, 0, &e);

	if (v == NULL)
		printf("#   bad test JSON: %s: %s\n", e.text, s);
	return v;
}

/* Checks that obj equals the JSON text want; prints both when not. */
static void
t_check_json(const json_t *obj, const char *want, int line)
{
	json_t *w = t_json(want);
	char *got;

	if (w == NULL || !json_equal((json_t *)obj, w)) {
		got = json_dumps(obj, JSON_SORT_KEYS | JSON_COMPACT);
		printf("#   line %d: got  %s\n#   want %s\n", line, got, want);
		free(got);
		t_failed_now = 1;
	}
	json_decref(w);
}
#define CHECK_JSON(obj, want) t_check_json((obj), (want), __LINE__)

static void
t_time(long long t, char *out, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Runs kind k's validation of obj (old may be NULL); returns the message. */
static const char *
t_validate(const struct registry_kind *k, json_t *obj, json_t *old,
    struct err *err)
{
	err_clear(err);
	if (k->defaults != NULL)
		k->defaults(obj);
	if (k->validate(obj, old, err) == 0)
		return "";
	return err->msg;
}

static json_t *
t_row(const struct registry_kind *k, const char *obj_text)
{
	json_t *obj = t_json(obj_text), *cells = json_array();

	k->row(obj, cells, T_NOW);
	json_decref(obj);
	return cells;
}

static void
test_find(void)
{
	const struct registry_kind *k;
	char av[64];
	size_t n;

	k = registry_find("", "pods");
	CHECK(k == &registry_pods);
	CHECK_STR(k->kind, "Pod");
	CHECK_STR(k->short_names[0], "po");
	CHECK_STR(k->categories[0], "all");
	CHECK(k->flags & REG_NAMESPACED);
	CHECK(k->flags & REG_BINDING);
	CHECK(registry_find("", "services") == &registry_services);
	CHECK(registry_find("", "nothing") == NULL);
	CHECK(registry_find("apps", "pods") == NULL);
	CHECK(registry_find_kind("", "Namespace") == &registry_namespaces);
	CHECK(!(registry_namespaces.flags & REG_NAMESPACED));
	CHECK(registry_find_kind("", "PersistentVolumeClaim") ==
	    &registry_persistentvolumeclaims);
	CHECK(registry_find_kind("", "Deployment") == NULL);
	CHECK_STR(registry_api_version(&registry_pods, av, sizeof av), "v1");
	CHECK_STR(registry_find_kind("apps", "Deployment")->resource,
	    "deployments");
	CHECK_STR(registry_api_version(registry_find("apps", "deployments"),
	    av, sizeof av), "apps/v1");
	CHECK(registry_kinds[0] == &registry_namespaces);
	CHECK(registry_kinds[12] == &registry_limitranges);
	CHECK(registry_kinds[13] == &registry_deployments);
	for (n = 0; registry_kinds[n] != NULL; n++)
		;
	CHECK_INT(n, 34);
	CHECK(registry_kinds[32] == &registry_selfsubjectaccessreviews);
	CHECK(registry_kinds[33] == &registry_selfsubjectreviews);
	CHECK(registry_find("scheduling.k8s.io", "priorityclasses") ==
	    &registry_priorityclasses);
	CHECK_STR(registry_priorityclasses.short_names[0], "pc");
	CHECK_STR(registry_resourcequotas.short_names[0], "quota");
	CHECK_STR(registry_limitranges.short_names[0], "limits");
	CHECK_STR(registry_endpoints.singular, "endpoints");
}

static void
test_age(void)
{
	static const struct {
		long long	 secs;
		const char	*want;
	} cases[] = {
		{ 0, "0s" }, { 45, "45s" }, { 119, "119s" }, { 120, "2m" },
		{ 125, "2m5s" }, { 599, "9m59s" }, { 600, "10m" },
		{ 900, "15m" }, { 10799, "179m" }, { 10800, "3h" },
		{ 12000, "3h20m" }, { 28799, "7h59m" }, { 36000, "10h" },
		{ 172799, "47h" }, { 172800, "2d" }, { 273600, "3d4h" },
		{ 691200, "8d" }, { 1728000, "20d" },
		{ 730LL * 86400, "2y" }, { 760LL * 86400, "2y30d" },
		{ 3650LL * 86400, "10y" }, { -1, "0s" }, { -5, "<invalid>" },
	};
	char ts[64], out[64];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		t_time(T_NOW - cases[i].secs, ts, sizeof ts);
		reg_age(ts, T_NOW, out, sizeof out);
		CHECK_STR(out, cases[i].want);
	}
	reg_age(NULL, T_NOW, out, sizeof out);
	CHECK_STR(out, "<unknown>");
	reg_age("garbage", T_NOW, out, sizeof out);
	CHECK_STR(out, "<unknown>");
}

static void
test_helpers(void)
{
	json_t *o = t_json("{\"a\":{\"b\":\"x\",\"n\":3}}"), *cells;
	char q[64];

	CHECK_STR(reg_str(o, "a.b"), "x");
	CHECK(reg_str(o, "a.n") == NULL);
	CHECK_INT(reg_int(o, "a.n", 7), 3);
	CHECK_INT(reg_int(o, "a.z", 7), 7);
	reg_default_str(o, "a.b", "no");
	reg_default_str(o, "c.d.e", "yes");
	reg_default_int(o, "a.m", 5);
	reg_default_bool(o, "a.t", 1);
	CHECK_JSON(o, "{\"a\":{\"b\":\"x\",\"n\":3,\"m\":5,\"t\":true},"
	    "\"c\":{\"d\":{\"e\":\"yes\"}}}");
	CHECK_STR(reg_quote("a\"b\n", q, sizeof q), "\"a\\\"b\\n\"");
	cells = json_array();
	reg_cell_str(cells, NULL);
	reg_cell_str(cells, "");
	reg_cell_str(cells, "v");
	reg_cell_int(cells, 4);
	CHECK_JSON(cells, "[\"<none>\",\"<none>\",\"v\",4]");
	json_decref(cells);
	json_decref(o);
}

static void
test_pod_defaults(void)
{
	json_t *pod = t_json("{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
	    "\"metadata\":{\"name\":\"x\",\"namespace\":\"default\"},"
	    "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\","
	    "\"ports\":[{\"containerPort\":80}]},{\"name\":\"d\",\"image\":"
	    "\"busybox:1.36\",\"resources\":{\"limits\":{\"cpu\":\"1000m\"}}}]}}");

	registry_pods.defaults(pod);
	CHECK_JSON(pod, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
	    "\"metadata\":{\"name\":\"x\",\"namespace\":\"default\"},"
	    "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\","
	    "\"ports\":[{\"containerPort\":80,\"protocol\":\"TCP\"}],"
	    "\"terminationMessagePath\":\"/dev/termination-log\","
	    "\"terminationMessagePolicy\":\"File\","
	    "\"imagePullPolicy\":\"Always\"},"
	    "{\"name\":\"d\",\"image\":\"busybox:1.36\",\"resources\":"
	    "{\"limits\":{\"cpu\":\"1\"},\"requests\":{\"cpu\":\"1\"}},"
	    "\"terminationMessagePath\":\"/dev/termination-log\","
	    "\"terminationMessagePolicy\":\"File\","
	    "\"imagePullPolicy\":\"IfNotPresent\"}],"
	    "\"restartPolicy\":\"Always\",\"terminationGracePeriodSeconds\":30,"
	    "\"dnsPolicy\":\"ClusterFirst\",\"securityContext\":{},"
	    "\"schedulerName\":\"default-scheduler\","
	    "\"enableServiceLinks\":true,\"tolerations\":["
	    "{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":"
	    "\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300},"
	    "{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":"
	    "\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300}]},"
	    "\"status\":{\"phase\":\"Pending\",\"qosClass\":\"Burstable\"}}");
	json_decref(pod);

	pod = t_json("{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":"
	    "\"r.io:5000/app\",\"resources\":{\"limits\":{\"cpu\":\"500m\","
	    "\"memory\":\"1Gi\"}}}],\"volumes\":[{\"name\":\"v\"},{\"name\":"
	    "\"s\",\"secret\":{\"secretName\":\"x\"}}]}}");
	registry_pods.defaults(pod);
	CHECK_STR(reg_str(pod, "status.qosClass"), "Guaranteed");
	CHECK_STR(reg_str(json_array_get(reg_get(pod, "spec.containers"), 0),
	    "imagePullPolicy"), "Always");
	CHECK_JSON(reg_get(pod, "spec.volumes"), "[{\"name\":\"v\","
	    "\"emptyDir\":{}},{\"name\":\"s\",\"secret\":{\"secretName\":"
	    "\"x\",\"defaultMode\":420}}]");
	json_decref(pod);

	pod = t_json("{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":"
	    "\"app@sha256:abc\"}]}}");
	registry_pods.defaults(pod);
	CHECK_STR(reg_str(pod, "status.qosClass"), "BestEffort");
	CHECK_STR(reg_str(json_array_get(reg_get(pod, "spec.containers"), 0),
	    "imagePullPolicy"), "IfNotPresent");
	json_decref(pod);
}

static void
test_service_defaults(void)
{
	/* the address comes from alloc.c before defaulting runs */
	json_t *svc = t_json("{\"metadata\":{\"name\":\"kubernetes\","
	    "\"namespace\":\"default\"},\"spec\":{\"clusterIP\":"
	    "\"10.96.0.1\",\"ports\":[{\"port\":443,\"name\":\"https\"}]}}");

	registry_services.defaults(svc);
	CHECK_JSON(svc, "{\"metadata\":{\"name\":\"kubernetes\","
	    "\"namespace\":\"default\"},\"spec\":{\"ports\":[{\"port\":443,"
	    "\"name\":\"https\",\"protocol\":\"TCP\",\"targetPort\":443}],"
	    "\"clusterIP\":\"10.96.0.1\",\"type\":\"ClusterIP\","
	    "\"sessionAffinity\":\"None\",\"internalTrafficPolicy\":"
	    "\"Cluster\",\"clusterIPs\":[\"10.96.0.1\"],"
	    "\"ipFamilyPolicy\":\"SingleStack\",\"ipFamilies\":[\"IPv4\"]},"
	    "\"status\":{\"loadBalancer\":{}}}");
	json_decref(svc);

	svc = t_json("{\"metadata\":{\"name\":\"web\",\"namespace\":\"a\"},"
	    "\"spec\":{\"type\":\"NodePort\",\"clusterIP\":\"10.96.5.5\","
	    "\"ports\":[{\"port\":80,\"targetPort\":\"http\"}]}}");
	registry_services.defaults(svc);
	CHECK_STR(reg_str(svc, "spec.externalTrafficPolicy"), "Cluster");
	CHECK_STR(reg_str(json_array_get(reg_get(svc, "spec.ports"), 0),
	    "targetPort"), "http");
	CHECK_STR(json_string_value(json_array_get(reg_get(svc,
	    "spec.clusterIPs"), 0)), "10.96.5.5");
	json_decref(svc);
}

static void
test_other_defaults(void)
{
	json_t *o;

	o = t_json("{\"metadata\":{\"name\":\"dev\"}}");
	registry_namespaces.defaults(o);
	CHECK_JSON(o, "{\"metadata\":{\"name\":\"dev\",\"labels\":"
	    "{\"kubernetes.io/metadata.name\":\"dev\"}},\"spec\":"
	    "{\"finalizers\":[\"kubernetes\"]},\"status\":{\"phase\":"
	    "\"Active\"}}");
	json_decref(o);
	/* an update (status present) keeps finalizers as they are */
	o = t_json("{\"metadata\":{\"name\":\"dev\"},\"spec\":{},"
	    "\"status\":{\"phase\":\"Terminating\"}}");
	registry_namespaces.defaults(o);
	CHECK(reg_get(o, "spec.finalizers") == NULL);
	json_decref(o);

	o = t_json("{\"metadata\":{\"name\":\"s\"},\"stringData\":"
	    "{\"user\":\"admin\"}}");
	registry_secrets.defaults(o);
	CHECK_JSON(o, "{\"metadata\":{\"name\":\"s\"},\"type\":\"Opaque\","
	    "\"data\":{\"user\":\"YWRtaW4=\"}}");
	json_decref(o);

	o = t_json("{\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],"
	    "\"resources\":{\"requests\":{\"storage\":\"1024Mi\"}}}}");
	registry_persistentvolumeclaims.defaults(o);
	CHECK_JSON(o, "{\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],"
	    "\"resources\":{\"requests\":{\"storage\":\"1Gi\"}},"
	    "\"volumeMode\":\"Filesystem\"},\"status\":{\"phase\":"
	    "\"Pending\"}}");
	json_decref(o);

	o = t_json("{\"metadata\":{\"creationTimestamp\":"
	    "\"2027-01-15T08:00:00Z\"},\"spec\":{\"capacity\":{\"storage\":"
	    "\"5Gi\"},\"hostPath\":{\"path\":\"/d\"}}}");
	registry_persistentvolumes.defaults(o);
	CHECK_STR(reg_str(o, "spec.persistentVolumeReclaimPolicy"), "Retain");
	CHECK_STR(reg_str(o, "spec.volumeMode"), "Filesystem");
	CHECK_STR(reg_str(o, "status.phase"), "Pending");
	CHECK_STR(reg_str(o, "status.lastPhaseTransitionTime"),
	    "2027-01-15T08:00:00Z");
	json_decref(o);

	o = t_json("{\"spec\":{\"limits\":[{\"type\":\"Container\","
	    "\"max\":{\"cpu\":\"2\"},\"min\":{\"memory\":\"64Mi\"}}]}}");
	registry_limitranges.defaults(o);
	CHECK_JSON(reg_get(o, "spec"), "{\"limits\":[{\"type\":\"Container\","
	    "\"max\":{\"cpu\":\"2\"},\"min\":{\"memory\":\"64Mi\"},"
	    "\"default\":{\"cpu\":\"2\"},\"defaultRequest\":{\"cpu\":\"2\","
	    "\"memory\":\"64Mi\"}}]}");
	json_decref(o);

	o = t_json("{\"status\":{\"capacity\":{\"cpu\":\"4\",\"pods\":"
	    "\"110\"}}}");
	registry_nodes.defaults(o);
	CHECK_JSON(reg_get(o, "status.allocatable"), "{\"cpu\":\"4\","
	    "\"pods\":\"110\"}");
	json_decref(o);
}

static void
test_pod_validation(void)
{
	struct err err;
	json_t *pod, *old;

	pod = t_json("{\"metadata\":{\"name\":\"x\"},\"spec\":{}}");
	CHECK_STR(t_validate(&registry_pods, pod, NULL, &err),
	    "Pod \"x\" is invalid: spec.containers: Required value");
	CHECK_INT(err.reason, ERR_INVALID);
	json_decref(pod);

	pod = t_json("{\"metadata\":{\"name\":\"x\"},\"spec\":{\"containers\":"
	    "[{\"name\":\"Web\",\"image\":\"nginx\"},{\"image\":\"a\"},"
	    "{\"name\":\"c\"}]}}");
	CHECK_STR(t_validate(&registry_pods, pod, NULL, &err),
	    "Pod \"x\" is invalid: [spec.containers[0].name: Invalid value: "
	    "\"Web\": a lowercase RFC 1123 label must consist of lower case "
	    "alphanumeric characters or '-', and must start and end with an "
	    "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used "
	    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?'), "
	    "spec.containers[1].name: Required value, "
	    "spec.containers[2].image: Required value]");
	json_decref(pod);

	pod = t_json("{\"metadata\":{\"name\":\"x\"},\"spec\":{\"containers\":"
	    "[{\"name\":\"a\",\"image\":\"i\",\"ports\":[{\"containerPort\":"
	    "80,\"name\":\"http\"},{\"containerPort\":70000,\"name\":"
	    "\"http\"}]},{\"name\":\"a\",\"image\":\"i\"}],"
	    "\"restartPolicy\":\"Sometimes\"}}");
	CHECK_STR(t_validate(&registry_pods, pod, NULL, &err),
	    "Pod \"x\" is invalid: [spec.containers[0].ports[1].containerPort: "
	    "Invalid value: 70000: must be between 1 and 65535, inclusive, "
	    "spec.containers[0].ports[1].name: Duplicate value: \"http\", "
	    "spec.containers[1].name: Duplicate value: \"a\", "
	    "spec.restartPolicy: Unsupported value: \"Sometimes\": supported "
	    "values: \"Always\", \"OnFailure\", \"Never\"]");
	json_decref(pod);

	pod = t_json("{\"metadata\":{\"name\":\"x\"},\"spec\":{\"containers\":"
	    "[{\"name\":\"a\",\"image\":\"i\",\"resources\":{\"limits\":"
	    "{\"cpu\":\"1\"},\"requests\":{\"cpu\":\"1500m\"}}}]}}");
	CHECK_STR(t_validate(&registry_pods, pod, NULL, &err),
	    "Pod \"x\" is invalid: spec.containers[0].resources.requests: "
	    "Invalid value: \"1500m\": must be less than or equal to cpu "
	    "limit of 1");
	json_decref(pod);

	/* updates: the image may change, the command may not */
	old = t_json("{\"metadata\":{\"name\":\"x\"},\"spec\":{\"containers\":"
	    "[{\"name\":\"a\",\"image\":\"i:1\"}]}}");
	registry_pods.defaults(old);
	pod = t_json("{\"metadata\":{\"name\":\"x\"},\"spec\":{\"containers\":"
	    "[{\"name\":\"a\",\"image\":\"i:2\"}],\"tolerations\":[{\"key\":"
	    "\"k\",\"operator\":\"Exists\"}]}}");
	CHECK_STR(t_validate(&registry_pods, pod, old, &err), "");
	json_decref(pod);
	pod = t_json("{\"metadata\":{\"name\":\"x\"},\"spec\":{\"containers\":"
	    "[{\"name\":\"a\",\"image\":\"i:1\",\"command\":[\"sh\"]}]}}");
	CHECK_STR(t_validate(&registry_pods, pod, old, &err),
	    "Pod \"x\" is invalid: spec: Forbidden: pod updates may not change "
	    "fields other than `spec.containers[*].image`,"
	    "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
	    "`spec.tolerations` (only additions to existing tolerations),"
	    "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if "
	    "it was previously negative)");
	json_decref(pod);
	json_decref(old);
}

static void
test_service_validation(void)
{
	struct err err;
	json_t *svc, *old;

	svc = t_json("{\"metadata\":{\"name\":\"s\",\"namespace\":\"d\"},"
	    "\"spec\":{}}");
	CHECK_STR(t_validate(&registry_services, svc, NULL, &err),
	    "Service \"s\" is invalid: spec.ports: Required value");
	json_decref(svc);

	svc = t_json("{\"metadata\":{\"name\":\"s\",\"namespace\":\"d\"},"
	    "\"spec\":{\"ports\":[{\"port\":0}]}}");
	CHECK_STR(t_validate(&registry_services, svc, NULL, &err),
	    "Service \"s\" is invalid: [spec.ports[0].port: Invalid value: 0: "
	    "must be between 1 and 65535, inclusive, spec.ports[0].targetPort: "
	    "Invalid value: 0: must be between 1 and 65535, inclusive]");
	json_decref(svc);

	svc = t_json("{\"metadata\":{\"name\":\"s\",\"namespace\":\"d\"},"
	    "\"spec\":{\"type\":\"Magic\",\"ports\":[{\"port\":80},"
	    "{\"port\":81,\"protocol\":\"ICMP\",\"nodePort\":30001}]}}");
	CHECK_STR(t_validate(&registry_services, svc, NULL, &err),
	    "Service \"s\" is invalid: [spec.type: Unsupported value: "
	    "\"Magic\": supported values: \"ClusterIP\", \"ExternalName\", "
	    "\"LoadBalancer\", \"NodePort\", spec.ports[0].name: Required "
	    "value, spec.ports[1].name: Required value, "
	    "spec.ports[1].protocol: Unsupported value: \"ICMP\": supported "
	    "values: \"SCTP\", \"TCP\", \"UDP\"]");
	json_decref(svc);

	old = t_json("{\"metadata\":{\"name\":\"s\",\"namespace\":\"d\"},"
	    "\"spec\":{\"clusterIP\":\"10.96.0.20\",\"ports\":[{\"port\":80}]}}");
	registry_services.defaults(old);
	svc = t_json("{\"metadata\":{\"name\":\"s\",\"namespace\":\"d\"},"
	    "\"spec\":{\"clusterIP\":\"10.96.0.21\",\"ports\":[{\"port\":80}]},"
	    "\"status\":{}}");
	CHECK_STR(t_validate(&registry_services, svc, old, &err),
	    "Service \"s\" is invalid: spec.clusterIPs[0]: Invalid value: "
	    "[]string{\"10.96.0.21\"}: may not change once set");
	json_decref(svc);
	json_decref(old);
}

static void
test_other_validation(void)
{
	struct err err;
	json_t *o, *old;

	/* PriorityClass: the system prefix, the user maximum, the policy,
	 * and what never changes */
	o = t_json("{\"metadata\":{\"name\":\"system-x\"},\"value\":1}");
	CHECK_STR(t_validate(&registry_priorityclasses, o, NULL, &err),
	    "PriorityClass.scheduling.k8s.io \"system-x\" is invalid: "
	    "metadata.name: Forbidden: priority class names with 'system-' "
	    "prefix are reserved for system use only. error: system-x is not "
	    "a known system priority class");
	json_decref(o);
	o = t_json("{\"metadata\":{\"name\":\"system-node-critical\"},"
	    "\"value\":2000001000}");
	CHECK_STR(t_validate(&registry_priorityclasses, o, NULL, &err), "");
	json_decref(o);
	o = t_json("{\"metadata\":{\"name\":\"big\"},\"value\":1000000001,"
	    "\"preemptionPolicy\":\"Sometimes\"}");
	CHECK_STR(t_validate(&registry_priorityclasses, o, NULL, &err),
	    "PriorityClass.scheduling.k8s.io \"big\" is invalid: [value: "
	    "Forbidden: maximum allowed value of a user defined priority is "
	    "1000000000, preemptionPolicy: Unsupported value: \"Sometimes\": "
	    "supported values: \"Never\", \"PreemptLowerPriority\"]");
	json_decref(o);
	old = t_json("{\"metadata\":{\"name\":\"p\"},\"value\":1,"
	    "\"preemptionPolicy\":\"Never\"}");
	o = t_json("{\"metadata\":{\"name\":\"p\"},\"value\":2,"
	    "\"preemptionPolicy\":\"Never\"}");
	CHECK_STR(t_validate(&registry_priorityclasses, o, old, &err),
	    "PriorityClass.scheduling.k8s.io \"p\" is invalid: value: "
	    "Forbidden: may not be changed in an update.");
	json_decref(o);
	json_decref(old);

	o = t_json("{\"metadata\":{\"name\":\"c\"},\"data\":{\"a b\":\"1\","
	    "\"..x\":\"2\",\"ok.key\":\"3\"}}");
	CHECK_STR(t_validate(&registry_configmaps, o, NULL, &err),
	    "ConfigMap \"c\" is invalid: [data[a b]: Invalid value: \"a b\": "
	    "a valid config key must consist of alphanumeric characters, '-', "
	    "'_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', "
	    "regex used for validation is '[-._a-zA-Z0-9]+'), data[..x]: "
	    "Invalid value: \"..x\": must not start with '..']");
	json_decref(o);

	o = t_json("{\"metadata\":{\"name\":\"s\"},\"data\":{\"k\":"
	    "\"no!base64\"}}");
	CHECK_STR(t_validate(&registry_secrets, o, NULL, &err),
	    "Secret in version \"v1\" cannot be handled as a Secret: illegal "
	    "base64 data at input byte 2");
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	json_decref(o);

	o = t_json("{\"metadata\":{\"name\":\"t\"},\"type\":"
	    "\"kubernetes.io/tls\",\"data\":{\"tls.crt\":\"YQ==\"}}");
	CHECK_STR(t_validate(&registry_secrets, o, NULL, &err),
	    "Secret \"t\" is invalid: data[tls.key]: Required value");
	json_decref(o);

	old = t_json("{\"metadata\":{\"name\":\"t\"},\"type\":\"Opaque\","
	    "\"immutable\":true,\"data\":{\"a\":\"YQ==\"}}");
	o = t_json("{\"metadata\":{\"name\":\"t\"},\"type\":\"x/y\","
	    "\"immutable\":true,\"data\":{\"a\":\"Yg==\"}}");
	CHECK_STR(t_validate(&registry_secrets, o, old, &err),
	    "Secret \"t\" is invalid: [type: Invalid value: \"x/y\": field is "
	    "immutable, data: Forbidden: field is immutable when `immutable` "
	    "is set]");
	json_decref(o);
	json_decref(old);

	o = t_json("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"accessModes\":"
	    "[\"ReadWriteOnce\"],\"resources\":{}}}");
	CHECK_STR(t_validate(&registry_persistentvolumeclaims, o, NULL, &err),
	    "PersistentVolumeClaim \"p\" is invalid: spec.resources[storage]: "
	    "Required value");
	json_decref(o);

	o = t_json("{\"metadata\":{\"name\":\"pv\"},\"spec\":{\"accessModes\":"
	    "[\"ReadWriteOnce\"],\"capacity\":{\"storage\":\"1Gi\"}}}");
	CHECK_STR(t_validate(&registry_persistentvolumes, o, NULL, &err),
	    "PersistentVolume \"pv\" is invalid: spec: Required value: must "
	    "specify a volume type");
	json_decref(o);

	o = t_json("{\"metadata\":{\"name\":\"n\"},\"spec\":{\"finalizers\":"
	    "[\"kubernetes\",\"foo\"]}}");
	CHECK_STR(t_validate(&registry_namespaces, o, NULL, &err),
	    "Namespace \"n\" is invalid: spec.finalizers[1]: Invalid value: "
	    "\"foo\": name is neither a standard finalizer name nor is it "
	    "fully qualified");
	json_decref(o);

	o = t_json("{\"metadata\":{\"name\":\"e\",\"namespace\":\"a\"},"
	    "\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"b\"}}");
	CHECK_STR(t_validate(&registry_events, o, NULL, &err),
	    "Event \"e\" is invalid: involvedObject.namespace: Invalid value: "
	    "\"b\": does not match event.namespace");
	json_decref(o);
}

/* A pod object with the given status, created an hour before T_NOW. */
static const char *
t_pod(char *buf, size_t len, const char *spec_extra, const char *status,
    const char *meta_extra)
{
	snprintf(buf, len, "{\"metadata\":{\"name\":\"p\","
	    "\"creationTimestamp\":\"2027-01-15T07:00:00Z\"%s},\"spec\":"
	    "{\"nodeName\":\"n1\",\"containers\":[{\"name\":\"a\"}]%s},"
	    "\"status\":%s}", meta_extra, spec_extra, status);
	return buf;
}

static void
test_pod_rows(void)
{
	char buf[4096];
	json_t *cells;

	cells = t_row(&registry_pods, t_pod(buf, sizeof buf, "",
	    "{\"phase\":\"Pending\"}", ""));
	CHECK_JSON(cells, "[\"p\",\"0/1\",\"Pending\",\"0\",\"60m\","
	    "\"<none>\",\"n1\",\"<none>\",\"<none>\"]");
	json_decref(cells);

	cells = t_row(&registry_pods, t_pod(buf, sizeof buf, "",
	    "{\"phase\":\"Running\",\"podIPs\":[{\"ip\":\"10.42.0.5\"}],"
	    "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}],"
	    "\"containerStatuses\":[{\"name\":\"a\",\"ready\":true,"
	    "\"restartCount\":2,\"state\":{\"running\":{}},\"lastState\":"
	    "{\"terminated\":{\"exitCode\":1,\"finishedAt\":"
	    "\"2027-01-15T07:55:00Z\"}}}]}", ""));
	CHECK_JSON(cells, "[\"p\",\"1/1\",\"Running\",\"2 (5m ago)\",\"60m\","
	    "\"10.42.0.5\",\"n1\",\"<none>\",\"<none>\"]");
	json_decref(cells);

	cells = t_row(&registry_pods, t_pod(buf, sizeof buf, "",
	    "{\"phase\":\"Pending\",\"containerStatuses\":[{\"name\":\"a\","
	    "\"state\":{\"waiting\":{\"reason\":\"ImagePullBackOff\"}}}]}", ""));
	CHECK_STR(json_string_value(json_array_get(cells, 2)),
	    "ImagePullBackOff");
	json_decref(cells);

	cells = t_row(&registry_pods, t_pod(buf, sizeof buf,
	    ",\"initContainers\":[{\"name\":\"i\"}]",
	    "{\"phase\":\"Pending\",\"initContainerStatuses\":[{\"name\":\"i\","
	    "\"state\":{\"running\":{}}}]}", ""));
	CHECK_STR(json_string_value(json_array_get(cells, 2)), "Init:0/1");
	json_decref(cells);

	cells = t_row(&registry_pods, t_pod(buf, sizeof buf, "",
	    "{\"phase\":\"Succeeded\",\"containerStatuses\":[{\"name\":\"a\","
	    "\"state\":{\"terminated\":{\"exitCode\":0,\"reason\":"
	    "\"Completed\"}}}]}", ""));
	CHECK_STR(json_string_value(json_array_get(cells, 2)), "Completed");
	CHECK_STR(json_string_value(json_array_get(cells, 1)), "0/1");
	json_decref(cells);

	cells = t_row(&registry_pods, t_pod(buf, sizeof buf, "",
	    "{\"phase\":\"Failed\",\"containerStatuses\":[{\"name\":\"a\","
	    "\"state\":{\"terminated\":{\"exitCode\":137,\"signal\":9}}}]}",
	    ""));
	CHECK_STR(json_string_value(json_array_get(cells, 2)), "Signal:9");
	json_decref(cells);

	cells = t_row(&registry_pods, t_pod(buf, sizeof buf, "",
	    "{\"phase\":\"Running\",\"containerStatuses\":[{\"name\":\"a\","
	    "\"ready\":true,\"state\":{\"running\":{}}}]}",
	    ",\"deletionTimestamp\":\"2027-01-15T08:00:30Z\""));
	CHECK_STR(json_string_value(json_array_get(cells, 2)), "Terminating");
	json_decref(cells);

	cells = t_row(&registry_pods, t_pod(buf, sizeof buf,
	    ",\"readinessGates\":[{\"conditionType\":\"g1\"},"
	    "{\"conditionType\":\"g2\"}]", "{\"phase\":\"Running\","
	    "\"conditions\":[{\"type\":\"g1\",\"status\":\"True\"}]}", ""));
	CHECK_STR(json_string_value(json_array_get(cells, 8)), "1/2");
	json_decref(cells);
}

static void
test_other_rows(void)
{
	json_t *cells;

	cells = t_row(&registry_services, "{\"metadata\":{\"name\":\"web\","
	    "\"creationTimestamp\":\"2027-01-13T04:00:00Z\"},\"spec\":{\"type\":"
	    "\"NodePort\",\"clusterIP\":\"10.96.0.9\",\"clusterIPs\":"
	    "[\"10.96.0.9\"],\"selector\":{\"tier\":\"fe\",\"app\":\"web\"},"
	    "\"ports\":[{\"port\":80,\"protocol\":\"TCP\"},{\"port\":443,"
	    "\"nodePort\":30443,\"protocol\":\"TCP\"}]}}");
	CHECK_JSON(cells, "[\"web\",\"NodePort\",\"10.96.0.9\",\"<none>\","
	    "\"80/TCP,443:30443/TCP\",\"2d4h\",\"app=web,tier=fe\"]");
	json_decref(cells);

	cells = t_row(&registry_services, "{\"metadata\":{\"name\":\"lb\"},"
	    "\"spec\":{\"type\":\"LoadBalancer\",\"ports\":[]},\"status\":{}}");
	CHECK_JSON(cells, "[\"lb\",\"LoadBalancer\",\"<none>\","
	    "\"<pending>\",\"<none>\",\"<unknown>\",\"<none>\"]");
	json_decref(cells);

	cells = t_row(&registry_nodes, "{\"metadata\":{\"name\":\"n1\","
	    "\"labels\":{\"node-role.kubernetes.io/control-plane\":\"\","
	    "\"node-role.kubernetes.io/worker\":\"\"}},\"spec\":"
	    "{\"unschedulable\":true},\"status\":{\"conditions\":[{\"type\":"
	    "\"Ready\",\"status\":\"True\"}],\"addresses\":[{\"type\":"
	    "\"InternalIP\",\"address\":\"192.168.1.2\"}],\"nodeInfo\":"
	    "{\"kubeletVersion\":\"v1.33.0\",\"osImage\":\"Debian\"}}}");
	CHECK_JSON(cells, "[\"n1\",\"Ready,SchedulingDisabled\","
	    "\"control-plane,worker\",\"<unknown>\",\"v1.33.0\","
	    "\"192.168.1.2\",\"<none>\",\"Debian\",\"<unknown>\","
	    "\"<unknown>\"]");
	json_decref(cells);

	cells = t_row(&registry_secrets, "{\"metadata\":{\"name\":\"s\","
	    "\"creationTimestamp\":\"2027-01-15T07:59:15Z\"},\"type\":"
	    "\"Opaque\",\"data\":{\"a\":\"\",\"b\":\"\"}}");
	CHECK_JSON(cells, "[\"s\",\"Opaque\",2,\"45s\"]");
	json_decref(cells);

	cells = t_row(&registry_endpoints, "{\"metadata\":{\"name\":\"e\"},"
	    "\"subsets\":[{\"addresses\":[{\"ip\":\"10.0.0.1\"},{\"ip\":"
	    "\"10.0.0.2\"}],\"ports\":[{\"port\":80},{\"port\":8080}]}]}");
	CHECK_STR(json_string_value(json_array_get(cells, 1)),
	    "10.0.0.1:80,10.0.0.2:80,10.0.0.1:8080 + 1 more...");
	json_decref(cells);

	cells = t_row(&registry_events, "{\"metadata\":{\"name\":\"p.1\"},"
	    "\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"p\",\"fieldPath\":"
	    "\"spec.containers{a}\"},\"reason\":\"Pulled\",\"type\":\"Normal\","
	    "\"message\":\" done \\n\",\"source\":{\"component\":\"kubelet\","
	    "\"host\":\"n1\"},\"firstTimestamp\":\"2027-01-15T07:00:00Z\","
	    "\"lastTimestamp\":\"2027-01-15T07:58:00Z\",\"count\":3}");
	CHECK_JSON(cells, "[\"2m\",\"Normal\",\"Pulled\",\"pod/p\","
	    "\"spec.containers{a}\",\"kubelet, n1\",\"done\",\"60m\",3,"
	    "\"p.1\"]");
	json_decref(cells);

	cells = t_row(&registry_persistentvolumeclaims, "{\"metadata\":"
	    "{\"name\":\"c\"},\"spec\":{\"volumeName\":\"pv1\","
	    "\"storageClassName\":\"local\",\"volumeMode\":\"Filesystem\"},"
	    "\"status\":{\"phase\":\"Bound\",\"accessModes\":[\"ReadWriteMany\","
	    "\"ReadWriteOnce\"],\"capacity\":{\"storage\":\"1Gi\"}}}");
	CHECK_JSON(cells, "[\"c\",\"Bound\",\"pv1\",\"1Gi\",\"RWO,RWX\","
	    "\"local\",\"<unset>\",\"<unknown>\",\"Filesystem\"]");
	json_decref(cells);

	cells = t_row(&registry_resourcequotas, "{\"metadata\":{\"name\":"
	    "\"q\"},\"status\":{\"hard\":{\"pods\":\"10\",\"limits.cpu\":\"2\","
	    "\"requests.cpu\":\"1\"},\"used\":{\"pods\":\"3\"}}}");
	CHECK_JSON(cells, "[\"q\",\"<unknown>\",\"pods: 3/10, requests.cpu: "
	    "0/1\",\"limits.cpu: 0/2\"]");
	json_decref(cells);
}

/* Odd shapes must neither crash nor leak: every core kind, every hook. */
static void
test_robust(void)
{
	static const char *const odd[] = {
		"{}",
		"{\"metadata\":5,\"spec\":[],\"status\":\"x\"}",
		"{\"spec\":{\"containers\":[1,{\"ports\":[2,{}]}],"
		    "\"ports\":{},\"capacity\":[],\"limits\":[3]},"
		    "\"data\":{\"k\":7},\"subsets\":[{\"ports\":[4]}]}",
		"{\"status\":{\"containerStatuses\":[{}],\"initContainerStatuses\":"
		    "[{\"state\":{\"terminated\":{}}}],\"hard\":{\"a\":1}},"
		    "\"spec\":{\"readinessGates\":[{}],\"selector\":{\"a\":1}}}",
	};
	const struct registry_kind *k;
	struct err err;
	json_t *o, *cells;
	size_t i, j, ncol;

	for (i = 0; (k = registry_kinds[i]) != NULL && i < 13; i++) {
		for (j = 0; j < sizeof odd / sizeof odd[0]; j++) {
			o = t_json(odd[j]);
			if (k->defaults != NULL)
				k->defaults(o);
			err_clear(&err);
			if (k->validate != NULL)
				k->validate(o, o, &err);
			if (k->row != NULL) {
				cells = json_array();
				k->row(o, cells, T_NOW);
				for (ncol = 0; k->columns[ncol].name; ncol++)
					;
				CHECK_INT(json_array_size(cells), ncol);
				json_decref(cells);
			}
			json_decref(o);
		}
	}
}

int
main(void)
{
	RUN(test_find);
	RUN(test_age);
	RUN(test_helpers);
	RUN(test_pod_defaults);
	RUN(test_service_defaults);
	RUN(test_other_defaults);
	RUN(test_pod_validation);
	RUN(test_service_validation);
	RUN(test_other_validation);
	RUN(test_pod_rows);
	RUN(test_other_rows);
	RUN(test_robust);
	return TEST_EXIT();
}
