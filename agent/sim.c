/* sim.c - the pure parts of the simulated nodes (simulate.c): their
 * addresses and pod addresses, the Node as kubelet registers it, and the
 * status kubelet reports for a pod that runs or ended; no I/O, so that
 * the unit tests check each. */
#include <arpa/inet.h>
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "agent.h"
#include "simulate.h"

/* ---- addresses -------------------------------------------------------- */

int
sim_parse_ip(const char *s, uint32_t *ip)
{
	struct in_addr in;

	if (s == NULL || inet_pton(AF_INET, s, &in) != 1)
		return -1;
	*ip = ntohl(in.s_addr);
	return 0;
}

int
sim_parse_cidr(const char *s, uint32_t *base, int *bits)
{
	const char *slash;
	char addr[64], *end;
	uint32_t ip;
	long b;

	if (s == NULL || (slash = strchr(s, '/')) == NULL ||
	    (size_t)(slash - s) >= sizeof addr || slash[1] == '\0')
		return -1;
	snprintf(addr, sizeof addr, "%.*s", (int)(slash - s), s);
	b = strtol(slash + 1, &end, 10);
	if (*end != '\0' || !isdigit((unsigned char)slash[1]) || b < 0 ||
	    b > 32 || sim_parse_ip(addr, &ip) < 0)
		return -1;
	*base = b == 0 ? 0 : ip & (0xffffffffu << (32 - b));
	*bits = (int)b;
	return 0;
}

void
sim_format_ip(uint32_t ip, char *out, size_t n)
{
	snprintf(out, n, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255,
	    (ip >> 8) & 255, ip & 255);
}

#define SIM_IP(a, b, c, d) \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | \
	(uint32_t)(d))

uint32_t
sim_node_ip(uint32_t base, int i)
{
	if (base != 0)
		return base + (uint32_t)i;
	return SIM_IP(198, 19, i / 250, i % 250 + 1);
}

int
sim_node_cidr(uint32_t base, int bits, int n, int i, uint32_t *sub,
    int *sub_bits)
{
	int need = 0, sb;

	while (need < 32 && (1L << need) < n)
		need++;
	sb = bits + need;
	if (sb < 24)
		sb = 24;
	if (sb > 30)
		return -1;
	*sub_bits = sb;
	*sub = base + ((uint32_t)i << (32 - sb));
	return 0;
}

void
sim_fallback_block(int n, int i, uint32_t *base, int *bits)
{
	/* 198.19.0.0 up to the nodes' last default address is theirs */
	long reserved = (long)((n + 249) / 250) * 256;
	long upper = 65536 - reserved;		/* 198.19.x above them */
	long size = 256, blocks, pos;

	if (n < 1)
		n = 1;
	while (size > 4 && (long)n * size > upper + 65536)
		size /= 2;
	blocks = (upper + 65536) / size;
	pos = ((long)i % blocks + 1) * size;	/* from the top, its end */
	*bits = 32 - __builtin_ctzl((unsigned long)size);
	if (pos <= upper)
		*base = SIM_IP(198, 20, 0, 0) - (uint32_t)pos;
	else
		*base = SIM_IP(198, 19, 0, 0) - (uint32_t)(pos - upper);
}

int
sim_ipam_init(struct sim_ipam *m, uint32_t base, int bits)
{
	uint64_t size = bits >= 32 ? 1 : (uint64_t)1 << (32 - bits);
	uint32_t skip = size >= 8 ? 2 : 1;	/* the network, the bridge */

	memset(m, 0, sizeof *m);
	m->base = base;
	m->bits = bits;
	if (size < 4)
		return 0;
	m->first = base + skip;
	m->count = (uint32_t)(size - skip - 1);	/* and the broadcast */
	if (m->count > SIM_IPAM_MAX)
		m->count = SIM_IPAM_MAX;
	if ((m->used = calloc((m->count + 7) / 8, 1)) == NULL) {
		m->count = 0;
		return -1;
	}
	return 0;
}

void
sim_ipam_free(struct sim_ipam *m)
{
	free(m->used);
	memset(m, 0, sizeof *m);
}

#define SIM_BIT(m, k)	((m)->used[(k) / 8] & (1u << ((k) % 8)))

uint32_t
sim_ipam_alloc(struct sim_ipam *m)
{
	uint32_t k, off;

	if (m->count == 0)
		return 0;
	for (k = 0; k < m->count && m->nused < m->count; k++) {
		off = (m->next + k) % m->count;
		if (SIM_BIT(m, off))
			continue;
		m->used[off / 8] |= (unsigned char)(1u << (off % 8));
		m->nused++;
		m->next = (off + 1) % m->count;
		return m->first + off;
	}
	off = m->next;
	m->next = (off + 1) % m->count;
	return m->first + off;
}

int
sim_ipam_take(struct sim_ipam *m, uint32_t ip)
{
	uint32_t off = ip - m->first;

	if (m->count == 0 || ip < m->first || off >= m->count)
		return 0;
	if (!SIM_BIT(m, off)) {
		m->used[off / 8] |= (unsigned char)(1u << (off % 8));
		m->nused++;
	}
	return 1;
}

void
sim_ipam_release(struct sim_ipam *m, uint32_t ip)
{
	uint32_t off = ip - m->first;

	if (m->count == 0 || ip < m->first || off >= m->count ||
	    !SIM_BIT(m, off))
		return;
	m->used[off / 8] &= (unsigned char)~(1u << (off % 8));
	m->nused--;
}

/* ---- the Node and a pod's status --------------------------------------- */

/* The SHA-256 of s in lower-case hex (65 bytes). */
static void
sim_sha256(const char *s, char hex[65])
{
	unsigned char md[32];
	size_t i;

	gnutls_hash_fast(GNUTLS_DIG_SHA256, s, strlen(s), md);
	for (i = 0; i < sizeof md; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

void
sim_hash_id(const char *s, int uuid, char *out, size_t n)
{
	char h[65];

	sim_sha256(s, h);
	if (uuid)
		snprintf(out, n, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12,
		    h + 16, h + 20);
	else
		snprintf(out, n, "%.32s", h);
}

json_t *
sim_node_status(const struct sim_node_conf *c, const char *now,
    const char *since)
{
	struct node_facts f;
	json_t *st, *conds;
	int i;

	memset(&f, 0, sizeof f);
	f.name = c->name;
	f.ip = c->ip;
	f.cpu = f.alloc_cpu = c->cpu;
	f.memory = f.alloc_memory = c->memory;
	f.pods = c->pods;
	f.storage = f.alloc_storage = SIM_STORAGE;
	f.port = 0;		/* nothing listens: no logs or exec */
	f.machine_id = c->machine_id;
	f.system_uuid = c->system_uuid;
	f.boot_id = c->boot_id;
	f.kernel = c->kernel;
	f.os_image = c->os_image;
	f.runtime = SIM_RUNTIME;
	if ((st = node_status_json(&f)) == NULL)
		return NULL;
	conds = json_array();
	for (i = 0; i < AGENT_NODE_CONDITIONS; i++)
		json_array_append_new(conds, node_condition_json(i, 1, now,
		    since));
	json_object_set_new(st, "conditions", conds);
	json_object_set_new(st, "images", json_array());
	return st;
}

json_t *
sim_node_object(const struct sim_node_conf *c, const char *now)
{
	json_t *n = node_new(c->name, c->pod_cidr);

	if (n == NULL)
		return NULL;
	json_object_set_new(json_object_get(json_object_get(n, "metadata"),
	    "labels"), SIM_LABEL, json_string(SIM_LABEL_VALUE));
	json_object_set_new(n, "status", sim_node_status(c, now, now));
	return n;
}

const char *
sim_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A whole decimal number in [lo, hi]; -1 when s is not one. */
static int
sim_int(const char *s, long lo, long hi, long *v)
{
	char *end;

	if (s == NULL || *s == '\0')
		return -1;
	*v = strtol(s, &end, 10);
	return *end != '\0' || *v < lo || *v > hi ? -1 : 0;
}

int
sim_pod_exit(const json_t *pod, int *duration)
{
	const json_t *ann = json_object_get(json_object_get(pod, "metadata"),
	    "annotations");
	const char *policy = sim_str(json_object_get(pod, "spec"),
	    "restartPolicy");
	long code, d = 0;

	*duration = 0;
	if (policy == NULL || (strcmp(policy, "Never") != 0 &&
	    strcmp(policy, "OnFailure") != 0) ||
	    sim_int(sim_str(ann, SIM_ANN_EXIT_CODE), 0, INT_MAX, &code) < 0)
		return -1;
	if (sim_str(ann, SIM_ANN_DURATION) != NULL &&
	    sim_int(sim_str(ann, SIM_ANN_DURATION), 0, INT_MAX / 1000,
	    &d) < 0)
		d = 0;
	*duration = (int)d;
	return (int)code;
}

/* [{name, image}] of a container list. */
static json_t *
sim_digest_ctrs(const json_t *list)
{
	json_t *out = json_array(), *c;
	size_t i;

	json_array_foreach(list, i, c)
		json_array_append_new(out, json_pack("{s:s, s:s}", "name",
		    sim_str(c, "name") ? sim_str(c, "name") : "", "image",
		    sim_str(c, "image") ? sim_str(c, "image") : ""));
	return out;
}

char *
sim_pod_digest(const json_t *pod)
{
	const json_t *meta = json_object_get(pod, "metadata"),
	    *spec = json_object_get(pod, "spec"),
	    *ann = json_object_get(meta, "annotations"), *c;
	json_t *d, *dm, *ds, *conds = json_array();
	const char *keys[] = { SIM_ANN_EXIT_CODE, SIM_ANN_DURATION };
	char *text;
	size_t i;

	d = json_pack("{s:{s:s}, s:{s:o}, s:{s:o}}", "metadata", "uid",
	    sim_str(meta, "uid") ? sim_str(meta, "uid") : "", "spec",
	    "containers", sim_digest_ctrs(json_object_get(spec, "containers")),
	    "status", "conditions", conds);
	if (d == NULL)
		return NULL;
	dm = json_object_get(d, "metadata");
	ds = json_object_get(d, "spec");
	for (i = 0; i < 2; i++)
		if (sim_str(ann, keys[i]) != NULL) {
			if (json_object_get(dm, "annotations") == NULL)
				json_object_set_new(dm, "annotations",
				    json_object());
			json_object_set(json_object_get(dm, "annotations"),
			    keys[i], json_object_get(ann, keys[i]));
		}
	if (sim_str(spec, "restartPolicy") != NULL)
		json_object_set(ds, "restartPolicy", json_object_get(spec,
		    "restartPolicy"));
	if (json_array_size(json_object_get(spec, "initContainers")) > 0)
		json_object_set_new(ds, "initContainers", sim_digest_ctrs(
		    json_object_get(spec, "initContainers")));
	json_array_foreach(json_object_get(json_object_get(pod, "status"),
	    "conditions"), i, c)
		if (sim_str(c, "type") != NULL &&
		    strcmp(sim_str(c, "type"), "PodScheduled") == 0)
			json_array_append(conds, (json_t *)c);
	text = json_dumps(d, JSON_COMPACT);
	json_decref(d);
	return text;
}

static json_t *
sim_condition(const char *type, int ok, const char *reason,
    const char *msg, const char *since)
{
	json_t *c = json_pack("{s:s, s:s, s:n, s:s}", "type", type, "status",
	    ok ? "True" : "False", "lastProbeTime", "lastTransitionTime",
	    since);

	if (c != NULL && reason != NULL)
		json_object_set_new(c, "reason", json_string(reason));
	if (c != NULL && msg != NULL)
		json_object_set_new(c, "message", json_string(msg));
	return c;
}

/* One container's status (init: an init container, Completed). */
static json_t *
sim_ctr_status(const json_t *c, const char *uid, enum sim_phase phase,
    int init, const char *start, const char *end, int exit_code)
{
	const char *name = sim_str(c, "name") ? sim_str(c, "name") : "",
	    *image = sim_str(c, "image") ? sim_str(c, "image") : "";
	char hash[65], image_id[96], cid[400];
	json_t *state;
	int running = phase == SIM_RUNNING && !init;

	sim_sha256(image, hash);
	snprintf(image_id, sizeof image_id, "simulated://sha256:%s", hash);
	snprintf(cid, sizeof cid, "simulated://%s-%s", uid, name);
	if (running)
		state = json_pack("{s:{s:s}}", "running", "startedAt", start);
	else
		state = json_pack("{s:{s:i, s:s, s:s, s:s, s:s}}",
		    "terminated", "exitCode", init ? 0 : exit_code, "reason",
		    init || exit_code == 0 ? "Completed" : "Error",
		    "startedAt", start, "finishedAt", init ? start : end,
		    "containerID", cid);
	return json_pack("{s:s, s:o, s:{}, s:b, s:i, s:s, s:s, s:s, s:b}",
	    "name", name, "state", state, "lastState", "ready",
	    running || init, "restartCount", 0, "image", image, "imageID",
	    image_id, "containerID", cid, "started", running);
}

json_t *
sim_pod_status(const json_t *pod, enum sim_phase phase, const char *host_ip,
    const char *pod_ip, const char *start, const char *end, int exit_code)
{
	const json_t *spec = json_object_get(pod, "spec"), *c;
	const char *uid = sim_str(json_object_get(pod, "metadata"), "uid"),
	    *sched = start, *phase_s;
	json_t *st, *cs = json_array(), *ics = json_array(), *conds;
	struct buf unready = BUF_INIT(4096);
	int running = phase == SIM_RUNNING;
	size_t i;

	if (end == NULL)
		end = start;
	if (uid == NULL)
		uid = "";
	json_array_foreach(json_object_get(json_object_get(pod, "status"),
	    "conditions"), i, c)
		if (sim_str(c, "type") != NULL &&
		    strcmp(sim_str(c, "type"), "PodScheduled") == 0 &&
		    sim_str(c, "lastTransitionTime") != NULL)
			sched = sim_str(c, "lastTransitionTime");
	json_array_foreach(json_object_get(spec, "containers"), i, c) {
		json_array_append_new(cs, sim_ctr_status(c, uid, phase, 0,
		    start, end, exit_code));
		if (!running)
			buf_addf(&unready, "%s%s", i ? " " : "",
			    sim_str(c, "name") ? sim_str(c, "name") : "");
	}
	json_array_foreach(json_object_get(spec, "initContainers"), i, c)
		json_array_append_new(ics, sim_ctr_status(c, uid, phase, 1,
		    start, end, exit_code));
	if (!running && exit_code != 0) {
		/* kubelet's "containers with unready status: [a b]" */
		char msg[4200];

		snprintf(msg, sizeof msg, "containers with unready status: "
		    "[%s]", buf_str(&unready));
		buf_reset(&unready);
		buf_adds(&unready, msg);
	}
	conds = json_pack("[o, o, o, o, o]",
	    sim_condition("PodReadyToStartContainers", running, NULL, NULL,
	    running ? start : end),
	    sim_condition("Initialized", 1, NULL, NULL, start),
	    sim_condition("Ready", running, running ? NULL : exit_code == 0 ?
	    "PodCompleted" : "ContainersNotReady", running || exit_code == 0 ?
	    NULL : buf_str(&unready), running ? start : end),
	    sim_condition("ContainersReady", running, running ? NULL :
	    exit_code == 0 ? "PodCompleted" : "ContainersNotReady", running ||
	    exit_code == 0 ? NULL : buf_str(&unready), running ? start : end),
	    sim_condition("PodScheduled", 1, NULL, NULL, sched));
	buf_release(&unready);
	phase_s = running ? "Running" : phase == SIM_SUCCEEDED ? "Succeeded" :
	    "Failed";
	st = json_pack("{s:s, s:o, s:s, s:[{s:s}], s:s, s:o}", "phase",
	    phase_s, "conditions", conds, "hostIP", host_ip, "hostIPs", "ip",
	    host_ip, "startTime", start, "containerStatuses", cs);
	if (st == NULL) {
		json_decref(ics);
		return NULL;
	}
	if (pod_ip != NULL && pod_ip[0] != '\0') {
		json_object_set_new(st, "podIP", json_string(pod_ip));
		json_object_set_new(st, "podIPs", json_pack("[{s:s}]", "ip",
		    pod_ip));
	}
	if (json_array_size(ics) > 0)
		json_object_set_new(st, "initContainerStatuses", ics);
	else
		json_decref(ics);
	return st;
}
