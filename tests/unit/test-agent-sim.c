/* test-agent-sim.c - the pure parts of the simulated nodes (agent/sim.c):
 * node and pod addresses, the Node a simulated node registers, and the
 * status reported for a pod that runs, succeeded or failed, made from the
 * pod's JSON or from its digest. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../agent/agent.h"
#include "../../agent/simulate.h"
#include "test.h"

static const char *
t_ip(uint32_t ip)
{
	static char out[4][16];
	static int k;

	k = (k + 1) % 4;
	sim_format_ip(ip, out[k], sizeof out[k]);
	return out[k];
}

/* A string at a path of JSON objects ("status", "phase", NULL). */
static const char *
t_str(const json_t *o, ...)
{
	va_list ap;
	const char *k;

	va_start(ap, o);
	while ((k = va_arg(ap, const char *)) != NULL)
		o = json_object_get(o, k);
	va_end(ap);
	return json_string_value(o);
}

/* The condition of type t in a list. */
static const json_t *
t_cond(const json_t *conds, const char *t)
{
	const json_t *c;
	size_t i;

	json_array_foreach(conds, i, c)
		if (strcmp(json_string_value(json_object_get(c, "type")),
		    t) == 0)
			return c;
	return NULL;
}

static void
test_sim_parse(void)
{
	uint32_t ip, base;
	int bits;

	CHECK_INT(sim_parse_ip("198.19.0.1", &ip), 0);
	CHECK_STR(t_ip(ip), "198.19.0.1");
	CHECK_INT(sim_parse_ip("198.19.0", &ip), -1);
	CHECK_INT(sim_parse_ip("fd00::1", &ip), -1);
	CHECK_INT(sim_parse_ip(NULL, &ip), -1);
	CHECK_INT(sim_parse_cidr("10.244.3.7/16", &base, &bits), 0);
	CHECK_STR(t_ip(base), "10.244.0.0");
	CHECK_INT(bits, 16);
	CHECK_INT(sim_parse_cidr("0.0.0.0/0", &base, &bits), 0);
	CHECK_INT(base, 0);
	CHECK_INT(sim_parse_cidr("10.0.0.0/33", &base, &bits), -1);
	CHECK_INT(sim_parse_cidr("10.0.0.0/", &base, &bits), -1);
	CHECK_INT(sim_parse_cidr("10.0.0.0/-1", &base, &bits), -1);
	CHECK_INT(sim_parse_cidr("10.0.0.0", &base, &bits), -1);
	CHECK_INT(sim_parse_cidr("x/8", &base, &bits), -1);
	CHECK_INT(sim_parse_cidr("fd00::/64", &base, &bits), -1);
}

static void
test_sim_node_ip(void)
{
	uint32_t base;

	CHECK_STR(t_ip(sim_node_ip(0, 0)), "198.19.0.1");
	CHECK_STR(t_ip(sim_node_ip(0, 249)), "198.19.0.250");
	CHECK_STR(t_ip(sim_node_ip(0, 250)), "198.19.1.1");
	CHECK_STR(t_ip(sim_node_ip(0, 999)), "198.19.3.250");
	sim_parse_ip("203.0.113.10", &base);
	CHECK_STR(t_ip(sim_node_ip(base, 0)), "203.0.113.10");
	CHECK_STR(t_ip(sim_node_ip(base, 5)), "203.0.113.15");
}

static void
test_sim_node_cidr(void)
{
	uint32_t base, sub;
	int bits, sb;

	sim_parse_cidr("10.244.0.0/16", &base, &bits);
	CHECK_INT(sim_node_cidr(base, bits, 5, 2, &sub, &sb), 0);
	CHECK_STR(t_ip(sub), "10.244.2.0");
	CHECK_INT(sb, 24);
	/* 1000 nodes: 10 bits more, /26 each */
	CHECK_INT(sim_node_cidr(base, bits, 1000, 999, &sub, &sb), 0);
	CHECK_INT(sb, 26);
	CHECK_STR(t_ip(sub), "10.244.249.192");
	sim_parse_cidr("192.0.2.0/24", &base, &bits);
	CHECK_INT(sim_node_cidr(base, bits, 5, 4, &sub, &sb), 0);
	CHECK_INT(sb, 27);
	CHECK_STR(t_ip(sub), "192.0.2.128");
	CHECK_INT(sim_node_cidr(base, bits, 1, 0, &sub, &sb), 0);
	CHECK_INT(sb, 24);
	sim_parse_cidr("192.0.2.0/28", &base, &bits);
	CHECK_INT(sim_node_cidr(base, bits, 1000, 0, &sub, &sb), -1);
}

/* Blocks of n nodes: in 198.18.0.0/15, apart, clear of the nodes' own
 * default addresses. */
static void
t_blocks(int n, int want_bits)
{
	uint32_t lo = 198u << 24 | 18u << 16, hi = lo + (1u << 17);
	uint32_t nodes_end = sim_node_ip(0, n - 1) | 255;
	uint32_t *b = calloc((size_t)n, sizeof *b);
	int i, bits, bad = 0;

	for (i = 0; b != NULL && i < n; i++) {
		sim_fallback_block(n, i, &b[i], &bits);
		if (bits != want_bits || b[i] < lo || b[i] + (1u <<
		    (32 - bits)) > hi || b[i] % (1u << (32 - bits)) != 0 ||
		    (b[i] >= (198u << 24 | 19u << 16) && b[i] <= nodes_end))
			bad++;
		if (i > 0 && b[i] == b[i - 1])
			bad++;
	}
	CHECK(b != NULL);
	CHECK_INT(bad, 0);
	free(b);
}

static void
test_sim_fallback(void)
{
	uint32_t base;
	int bits;

	sim_fallback_block(5, 0, &base, &bits);
	CHECK_STR(t_ip(base), "198.19.255.0");
	CHECK_INT(bits, 24);
	sim_fallback_block(5, 1, &base, &bits);
	CHECK_STR(t_ip(base), "198.19.254.0");
	sim_fallback_block(1000, 0, &base, &bits);
	CHECK_STR(t_ip(base), "198.19.255.128");
	CHECK_INT(bits, 25);
	/* past 198.19.4.0 (nodes 0..999 hold 198.19.0-3) into 198.18 */
	sim_fallback_block(1000, 999, &base, &bits);
	CHECK_STR(t_ip(base), "198.18.8.0");
	t_blocks(5, 24);
	t_blocks(250, 24);
	t_blocks(1000, 25);
	t_blocks(5000, 28);
}

static void
test_sim_ipam(void)
{
	struct sim_ipam m;
	uint32_t base, ip, a[4];
	int bits, i;

	sim_parse_cidr("10.244.7.0/24", &base, &bits);
	CHECK_INT(sim_ipam_init(&m, base, bits), 0);
	CHECK_INT(m.count, 253);		/* .2 .. .254 */
	CHECK_STR(t_ip(sim_ipam_alloc(&m)), "10.244.7.2");
	CHECK_STR(t_ip(sim_ipam_alloc(&m)), "10.244.7.3");
	/* round robin: a released address is not the next one */
	sim_parse_ip("10.244.7.2", &ip);
	sim_ipam_release(&m, ip);
	CHECK_STR(t_ip(sim_ipam_alloc(&m)), "10.244.7.4");
	/* an adopted pod's address is taken, one outside is not */
	sim_parse_ip("10.244.7.5", &ip);
	CHECK_INT(sim_ipam_take(&m, ip), 1);
	CHECK_STR(t_ip(sim_ipam_alloc(&m)), "10.244.7.6");
	sim_parse_ip("10.244.8.5", &ip);
	CHECK_INT(sim_ipam_take(&m, ip), 0);
	sim_ipam_release(&m, ip);		/* not ours: nothing */
	CHECK_INT(m.nused, 4);
	/* to the end and round again, skipping what is taken */
	for (i = 0; i < 248; i++)
		sim_ipam_alloc(&m);
	CHECK_INT(m.nused, 252);
	CHECK_STR(t_ip(sim_ipam_alloc(&m)), "10.244.7.2");
	CHECK_INT(m.nused, 253);
	sim_ipam_free(&m);

	/* a /30: two addresses, then (full) they repeat */
	sim_parse_cidr("192.0.2.4/30", &base, &bits);
	sim_ipam_init(&m, base, bits);
	for (i = 0; i < 4; i++)
		a[i] = sim_ipam_alloc(&m);
	CHECK_STR(t_ip(a[0]), "192.0.2.5");
	CHECK_STR(t_ip(a[1]), "192.0.2.6");
	CHECK(a[2] == a[0] || a[2] == a[1]);
	sim_ipam_free(&m);
	/* too small for any */
	sim_parse_cidr("192.0.2.4/31", &base, &bits);
	sim_ipam_init(&m, base, bits);
	CHECK_INT(sim_ipam_alloc(&m), 0);
	sim_ipam_free(&m);
	/* a large CIDR: at most SIM_IPAM_MAX of it */
	sim_parse_cidr("10.0.0.0/8", &base, &bits);
	sim_ipam_init(&m, base, bits);
	CHECK_INT(m.count, SIM_IPAM_MAX);
	sim_ipam_free(&m);
}

static const struct sim_node_conf t_conf = {
	"sim-2", "198.19.0.3", "10.244.2.0/24", "32", "256Gi", "110",
	"6.1.0", "Debian GNU/Linux 12 (bookworm)",
	"0123456789abcdef0123456789abcdef",
	"01234567-89ab-cdef-0123-456789abcdef",
	"fedcba98-7654-3210-fedc-ba9876543210",
};

static void
test_sim_node(void)
{
	const char *now = "2026-12-06T10:00:00Z";
	json_t *n = sim_node_object(&t_conf, now), *st, *ready, *a, *s2;
	char id[64];
	int i;

	CHECK(n != NULL);
	CHECK_STR(t_str(n, "kind", NULL), "Node");
	CHECK_STR(t_str(n, "metadata", "name", NULL), "sim-2");
	CHECK_STR(t_str(n, "metadata", "labels", "kubernetes.io/hostname",
	    NULL), "sim-2");
	CHECK_STR(t_str(n, "metadata", "labels", "kubernetes.io/os", NULL),
	    "linux");
	CHECK_STR(t_str(n, "metadata", "labels", "kubernetes.io/arch", NULL),
	    "amd64");
	CHECK_STR(t_str(n, "metadata", "labels", "type", NULL),
	    "kubec-simulated");
	CHECK_STR(t_str(n, "spec", "podCIDR", NULL), "10.244.2.0/24");
	st = json_object_get(n, "status");
	CHECK_STR(t_str(st, "capacity", "cpu", NULL), "32");
	CHECK_STR(t_str(st, "capacity", "memory", NULL), "256Gi");
	CHECK_STR(t_str(st, "capacity", "pods", NULL), "110");
	CHECK_STR(t_str(st, "capacity", "ephemeral-storage", NULL), "100Gi");
	CHECK_STR(t_str(st, "allocatable", "cpu", NULL), "32");
	CHECK_STR(t_str(st, "allocatable", "memory", NULL), "256Gi");
	CHECK_STR(t_str(st, "allocatable", "pods", NULL), "110");
	CHECK_STR(t_str(st, "allocatable", "ephemeral-storage", NULL),
	    "100Gi");
	a = json_object_get(st, "addresses");
	CHECK_INT(json_array_size(a), 2);
	CHECK_STR(t_str(json_array_get(a, 0), "type", NULL), "InternalIP");
	CHECK_STR(t_str(json_array_get(a, 0), "address", NULL), "198.19.0.3");
	CHECK_STR(t_str(json_array_get(a, 1), "type", NULL), "Hostname");
	CHECK_STR(t_str(json_array_get(a, 1), "address", NULL), "sim-2");
	CHECK_STR(t_str(st, "nodeInfo", "kubeletVersion", NULL),
	    AGENT_VERSION);
	CHECK_STR(t_str(st, "nodeInfo", "containerRuntimeVersion", NULL),
	    "simulated://1");
	CHECK_STR(t_str(st, "nodeInfo", "operatingSystem", NULL), "linux");
	CHECK_STR(t_str(st, "nodeInfo", "architecture", NULL), "amd64");
	CHECK_STR(t_str(st, "nodeInfo", "osImage", NULL),
	    "Debian GNU/Linux 12 (bookworm)");
	CHECK_STR(t_str(st, "nodeInfo", "machineID", NULL),
	    t_conf.machine_id);
	CHECK_INT(json_integer_value(json_object_get(json_object_get(
	    json_object_get(st, "daemonEndpoints"), "kubeletEndpoint"),
	    "Port")), 0);
	CHECK_INT(json_array_size(json_object_get(st, "conditions")), 4);
	ready = (json_t *)t_cond(json_object_get(st, "conditions"), "Ready");
	CHECK_STR(t_str(ready, "status", NULL), "True");
	CHECK_STR(t_str(ready, "reason", NULL), "KubeletReady");
	CHECK_STR(t_str(ready, "message", NULL),
	    "kubelet is posting ready status");
	CHECK_STR(t_str(ready, "lastHeartbeatTime", NULL), now);
	for (i = 0; i < 3; i++) {
		const json_t *c = t_cond(json_object_get(st, "conditions"),
		    node_condition_type(i));

		CHECK_STR(t_str(c, "status", NULL), "False");
	}
	CHECK_STR(t_str(t_cond(json_object_get(st, "conditions"),
	    "MemoryPressure"), "reason", NULL), "KubeletHasSufficientMemory");
	CHECK_STR(t_str(t_cond(json_object_get(st, "conditions"),
	    "DiskPressure"), "reason", NULL), "KubeletHasNoDiskPressure");
	CHECK_STR(t_str(t_cond(json_object_get(st, "conditions"),
	    "PIDPressure"), "reason", NULL), "KubeletHasSufficientPID");
	/* a heartbeat later: conditions hold since registration */
	s2 = sim_node_status(&t_conf, "2026-12-06T10:01:00Z", now);
	ready = (json_t *)t_cond(json_object_get(s2, "conditions"), "Ready");
	CHECK_STR(t_str(ready, "lastHeartbeatTime", NULL),
	    "2026-12-06T10:01:00Z");
	CHECK_STR(t_str(ready, "lastTransitionTime", NULL), now);
	json_decref(s2);
	json_decref(n);
	/* without a podCIDR, none */
	{
		struct sim_node_conf c = t_conf;

		c.pod_cidr = NULL;
		n = sim_node_object(&c, now);
		CHECK(json_object_get(json_object_get(n, "spec"), "podCIDR") ==
		    NULL);
		json_decref(n);
	}
	sim_hash_id("sim-2", 0, id, sizeof id);
	CHECK_INT(strlen(id), 32);
	sim_hash_id("sim-2", 1, id, sizeof id);
	CHECK_INT(strlen(id), 36);
	CHECK(id[8] == '-' && id[13] == '-' && id[18] == '-' && id[23] == '-');
}

static json_t *
t_pod(const char *policy, const char *code, const char *duration)
{
	json_t *p = json_loads("{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
	    "\"metadata\":{\"name\":\"web\",\"namespace\":\"default\","
	    "\"uid\":\"u-1\",\"labels\":{\"app\":\"web\"},"
	    "\"annotations\":{\"other\":\"x\"},"
	    "\"managedFields\":[{\"manager\":\"kubectl\"}]},"
	    "\"spec\":{\"nodeName\":\"sim-2\",\"initContainers\":[{\"name\":"
	    "\"setup\",\"image\":\"busybox:1.36\",\"command\":[\"true\"]}],"
	    "\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.27\","
	    "\"ports\":[{\"containerPort\":80}]},{\"name\":\"side\","
	    "\"image\":\"busybox:1.36\",\"args\":[\"sleep\",\"1d\"]}]},"
	    "\"status\":{\"phase\":\"Pending\",\"qosClass\":\"BestEffort\","
	    "\"conditions\":[{\"type\":\"PodScheduled\",\"status\":\"True\","
	    "\"lastTransitionTime\":\"2026-12-06T09:59:00Z\"}]}}", 0, NULL);
	json_t *ann = json_object_get(json_object_get(p, "metadata"),
	    "annotations");

	if (policy != NULL)
		json_object_set_new(json_object_get(p, "spec"), "restartPolicy",
		    json_string(policy));
	if (code != NULL)
		json_object_set_new(ann, SIM_ANN_EXIT_CODE, json_string(code));
	if (duration != NULL)
		json_object_set_new(ann, SIM_ANN_DURATION,
		    json_string(duration));
	return p;
}

static void
test_sim_pod_exit(void)
{
	json_t *p;
	int d;

	p = t_pod(NULL, NULL, NULL);
	CHECK_INT(sim_pod_exit(p, &d), -1);
	json_decref(p);
	p = t_pod("Never", "0", NULL);
	CHECK_INT(sim_pod_exit(p, &d), 0);
	CHECK_INT(d, 0);
	json_decref(p);
	p = t_pod("OnFailure", "3", "5");
	CHECK_INT(sim_pod_exit(p, &d), 3);
	CHECK_INT(d, 5);
	json_decref(p);
	/* Always (and the default): runs until deleted */
	p = t_pod("Always", "0", "5");
	CHECK_INT(sim_pod_exit(p, &d), -1);
	json_decref(p);
	p = t_pod(NULL, "0", NULL);
	CHECK_INT(sim_pod_exit(p, &d), -1);
	json_decref(p);
	p = t_pod("Never", "x", NULL);
	CHECK_INT(sim_pod_exit(p, &d), -1);
	json_decref(p);
	p = t_pod("Never", "-1", NULL);
	CHECK_INT(sim_pod_exit(p, &d), -1);
	json_decref(p);
	p = t_pod("Never", "1", "soon");	/* a bad duration is 0 */
	CHECK_INT(sim_pod_exit(p, &d), 1);
	CHECK_INT(d, 0);
	json_decref(p);
}

static void
test_sim_pod_running(void)
{
	const char *start = "2026-12-06T10:00:00Z";
	json_t *pod = t_pod(NULL, NULL, NULL), *st, *cs, *c, *ics, *conds,
	    *digest, *st2;
	char *text;
	const char *types[] = { "PodReadyToStartContainers", "Initialized",
	    "Ready", "ContainersReady", "PodScheduled" };
	size_t i;

	st = sim_pod_status(pod, SIM_RUNNING, "198.19.0.3", "10.244.2.7",
	    start, NULL, 0);
	CHECK(st != NULL);
	CHECK_STR(t_str(st, "phase", NULL), "Running");
	CHECK_STR(t_str(st, "hostIP", NULL), "198.19.0.3");
	CHECK_STR(t_str(json_array_get(json_object_get(st, "hostIPs"), 0),
	    "ip", NULL), "198.19.0.3");
	CHECK_STR(t_str(st, "podIP", NULL), "10.244.2.7");
	CHECK_STR(t_str(json_array_get(json_object_get(st, "podIPs"), 0),
	    "ip", NULL), "10.244.2.7");
	CHECK_STR(t_str(st, "startTime", NULL), start);
	/* the server's qosClass is left alone (a merge patch) */
	CHECK(json_object_get(st, "qosClass") == NULL);
	conds = json_object_get(st, "conditions");
	CHECK_INT(json_array_size(conds), 5);
	for (i = 0; i < 5; i++) {
		const json_t *k = t_cond(conds, types[i]);

		CHECK(k != NULL);
		CHECK_STR(t_str(k, "status", NULL), "True");
		CHECK(json_is_null(json_object_get(k, "lastProbeTime")));
	}
	CHECK_STR(t_str(t_cond(conds, "Ready"), "lastTransitionTime", NULL),
	    start);
	/* the scheduler's time is kept */
	CHECK_STR(t_str(t_cond(conds, "PodScheduled"), "lastTransitionTime",
	    NULL), "2026-12-06T09:59:00Z");
	cs = json_object_get(st, "containerStatuses");
	CHECK_INT(json_array_size(cs), 2);
	c = json_array_get(cs, 0);
	CHECK_STR(t_str(c, "name", NULL), "app");
	CHECK_STR(t_str(c, "image", NULL), "nginx:1.27");
	CHECK(strncmp(t_str(c, "imageID", NULL) ?: "",
	    "simulated://sha256:", 19) == 0);
	CHECK_INT(strlen(t_str(c, "imageID", NULL) ?: ""), 19 + 64);
	CHECK_STR(t_str(c, "containerID", NULL), "simulated://u-1-app");
	CHECK(json_is_true(json_object_get(c, "ready")));
	CHECK(json_is_true(json_object_get(c, "started")));
	CHECK_INT(json_integer_value(json_object_get(c, "restartCount")), 0);
	CHECK_STR(t_str(c, "state", "running", "startedAt", NULL), start);
	CHECK_INT(json_object_size(json_object_get(c, "lastState")), 0);
	CHECK_STR(t_str(json_array_get(cs, 1), "containerID", NULL),
	    "simulated://u-1-side");
	/* the same image, the same imageID */
	ics = json_object_get(st, "initContainerStatuses");
	CHECK_INT(json_array_size(ics), 1);
	c = json_array_get(ics, 0);
	CHECK_STR(t_str(c, "name", NULL), "setup");
	CHECK_STR(t_str(c, "state", "terminated", "reason", NULL),
	    "Completed");
	CHECK_INT(json_integer_value(json_object_get(json_object_get(
	    json_object_get(c, "state"), "terminated"), "exitCode")), 0);
	CHECK(json_is_true(json_object_get(c, "ready")));
	CHECK(json_is_false(json_object_get(c, "started")));
	CHECK_STR(t_str(c, "imageID", NULL),
	    t_str(json_array_get(cs, 1), "imageID", NULL));

	/* made from the digest, the status is the same; the digest holds
	 * none of what it does not need */
	text = sim_pod_digest(pod);
	CHECK(text != NULL);
	CHECK(strstr(text ?: "", "managedFields") == NULL);
	CHECK(strstr(text ?: "", "containerPort") == NULL);
	CHECK(strstr(text ?: "", "\"other\"") == NULL);
	digest = json_loads(text ?: "", 0, NULL);
	st2 = sim_pod_status(digest, SIM_RUNNING, "198.19.0.3", "10.244.2.7",
	    start, NULL, 0);
	CHECK(json_equal(st, st2));
	json_decref(st2);
	json_decref(digest);
	free(text);
	json_decref(st);

	/* no address yet: no podIP */
	st = sim_pod_status(pod, SIM_RUNNING, "198.19.0.3", NULL, start, NULL,
	    0);
	CHECK(json_object_get(st, "podIP") == NULL);
	CHECK(json_object_get(st, "podIPs") == NULL);
	json_decref(st);
	json_decref(pod);
}

static void
test_sim_pod_ended(void)
{
	const char *start = "2026-12-06T10:00:00Z",
	    *end = "2026-12-06T10:00:05Z";
	json_t *pod = t_pod("Never", "0", "5"), *st, *c, *conds, *digest;
	char *text;

	/* the annotations survive the digest */
	text = sim_pod_digest(pod);
	digest = json_loads(text ?: "", 0, NULL);
	{
		int d;

		CHECK_INT(sim_pod_exit(digest, &d), 0);
		CHECK_INT(d, 5);
	}
	st = sim_pod_status(digest, SIM_SUCCEEDED, "198.19.0.3", "10.244.2.7",
	    start, end, 0);
	CHECK_STR(t_str(st, "phase", NULL), "Succeeded");
	c = json_array_get(json_object_get(st, "containerStatuses"), 0);
	CHECK_STR(t_str(c, "state", "terminated", "reason", NULL),
	    "Completed");
	CHECK_STR(t_str(c, "state", "terminated", "startedAt", NULL), start);
	CHECK_STR(t_str(c, "state", "terminated", "finishedAt", NULL), end);
	CHECK_STR(t_str(c, "state", "terminated", "containerID", NULL),
	    "simulated://u-1-app");
	CHECK(json_is_false(json_object_get(c, "ready")));
	CHECK(json_is_false(json_object_get(c, "started")));
	conds = json_object_get(st, "conditions");
	CHECK_STR(t_str(t_cond(conds, "Ready"), "status", NULL), "False");
	CHECK_STR(t_str(t_cond(conds, "Ready"), "reason", NULL),
	    "PodCompleted");
	CHECK_STR(t_str(t_cond(conds, "Ready"), "lastTransitionTime", NULL),
	    end);
	CHECK_STR(t_str(t_cond(conds, "PodReadyToStartContainers"), "status",
	    NULL), "False");
	CHECK_STR(t_str(t_cond(conds, "Initialized"), "status", NULL),
	    "True");
	json_decref(st);

	st = sim_pod_status(digest, SIM_FAILED, "198.19.0.3", "10.244.2.7",
	    start, end, 3);
	CHECK_STR(t_str(st, "phase", NULL), "Failed");
	c = json_array_get(json_object_get(st, "containerStatuses"), 1);
	CHECK_INT(json_integer_value(json_object_get(json_object_get(
	    json_object_get(c, "state"), "terminated"), "exitCode")), 3);
	CHECK_STR(t_str(c, "state", "terminated", "reason", NULL), "Error");
	conds = json_object_get(st, "conditions");
	CHECK_STR(t_str(t_cond(conds, "ContainersReady"), "reason", NULL),
	    "ContainersNotReady");
	CHECK_STR(t_str(t_cond(conds, "Ready"), "message", NULL),
	    "containers with unready status: [app side]");
	/* init containers completed all the same */
	c = json_array_get(json_object_get(st, "initContainerStatuses"), 0);
	CHECK_STR(t_str(c, "state", "terminated", "reason", NULL),
	    "Completed");
	json_decref(st);
	json_decref(digest);
	free(text);
	json_decref(pod);
}

int
main(void)
{
	RUN(test_sim_parse);
	RUN(test_sim_node_ip);
	RUN(test_sim_node_cidr);
	RUN(test_sim_fallback);
	RUN(test_sim_ipam);
	RUN(test_sim_node);
	RUN(test_sim_pod_exit);
	RUN(test_sim_pod_running);
	RUN(test_sim_pod_ended);
	return TEST_EXIT();
}
