/* node.c - the agent's Node: registration with the machine's capacity,
 * allocatable, addresses, nodeInfo and images, then a heartbeat thread
 * that renews the Lease in kube-node-lease every AGENT_RENEW_SECONDS and
 * computes the status (conditions MemoryPressure, DiskPressure,
 * PIDPressure and Ready, whose lastTransitionTime moves only when their
 * status does) every AGENT_SYNC_SECONDS, sending it when it changed or
 * once a minute, as kubelet's node status and lease controllers do. */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "../lib/buf.h"
#include "../lib/file.h"
#include "../lib/proc.h"
#include "../lib/rfc3339.h"
#include "agent.h"
#include "image.h"

/* The first line of a small file, trimmed; "" when unreadable. */
static void
node_read_line(const char *path, char *out, size_t n)
{
	struct buf b = BUF_INIT(65536);
	struct err err;

	out[0] = '\0';
	if (file_read(path, &b, &err) == 0)
		snprintf(out, n, "%.*s", (int)strcspn(buf_str(&b), "\n"),
		    buf_str(&b));
	buf_release(&b);
}

/* A field of /proc/meminfo in KiB, 0 when missing. */
static long long
node_meminfo(const char *field)
{
	struct buf b = BUF_INIT(1 << 20);
	struct err err;
	const char *p;
	long long v = 0;

	if (file_read("/proc/meminfo", &b, &err) == 0 &&
	    (p = strstr(buf_str(&b), field)) != NULL)
		v = strtoll(p + strlen(field) + 1, NULL, 10);
	buf_release(&b);
	return v;
}

void
node_os_image(char *out, size_t n)
{
	struct buf b = BUF_INIT(1 << 20);
	struct err err;
	const char *p;

	snprintf(out, n, "Linux");
	if (file_read("/etc/os-release", &b, &err) == 0 &&
	    (p = strstr(buf_str(&b), "PRETTY_NAME=")) != NULL) {
		p += 12;
		if (*p == '"')
			p++;
		snprintf(out, n, "%.*s", (int)strcspn(p, "\"\n"), p);
	}
	buf_release(&b);
}

/* The node's address: --node-ip, else the first IPv4 address of an
 * interface that is up and not loopback. */
static void
node_detect_ip(struct agent *a)
{
	struct ifaddrs *ifs, *i;

	if (a->opts.node_ip != NULL) {
		snprintf(a->node_ip, sizeof a->node_ip, "%s", a->opts.node_ip);
		return;
	}
	snprintf(a->node_ip, sizeof a->node_ip, "127.0.0.1");
	if (getifaddrs(&ifs) < 0)
		return;
	for (i = ifs; i != NULL; i = i->ifa_next) {
		if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET ||
		    (i->ifa_flags & IFF_LOOPBACK) || !(i->ifa_flags & IFF_UP))
			continue;
		inet_ntop(AF_INET, &((struct sockaddr_in *)i->ifa_addr)->
		    sin_addr, a->node_ip, sizeof a->node_ip);
		break;
	}
	freeifaddrs(ifs);
}

/* "crun://1.8.1", from crun --version. */
static void
node_runtime_version(char *out, size_t n)
{
	char *argv[] = { "crun", "--version", NULL };
	struct buf b = BUF_INIT(65536);
	struct proc p = { .argv = argv, .out = &b, .timeout_ms = 5000 };
	struct err err;
	const char *v;

	snprintf(out, n, "crun://unknown");
	if (proc_run_ok(&p, &err) == 0 &&
	    strncmp((v = buf_str(&b)), "crun version ", 13) == 0)
		snprintf(out, n, "crun://%.*s", (int)strcspn(v + 13, "\n"),
		    v + 13);
	buf_release(&b);
}

/* The Node conditions kubelet reports, with its reasons and messages for
 * a node that is fine ([1]) and one that is not ([0]). */
static const struct node_cond {
	const char	*type;
	int		 ok_is_true;	/* Ready; the pressures are False */
	const char	*reason[2];
	const char	*msg[2];
} node_conds[AGENT_NODE_CONDITIONS] = {
	{ "MemoryPressure", 0,
	    { "KubeletHasInsufficientMemory", "KubeletHasSufficientMemory" },
	    { "kubelet has insufficient memory available",
	    "kubelet has sufficient memory available" } },
	{ "DiskPressure", 0,
	    { "KubeletHasDiskPressure", "KubeletHasNoDiskPressure" },
	    { "kubelet has disk pressure", "kubelet has no disk pressure" } },
	{ "PIDPressure", 0,
	    { "KubeletHasInsufficientPID", "KubeletHasSufficientPID" },
	    { "kubelet has insufficient PID available",
	    "kubelet has sufficient PID available" } },
	{ "Ready", 1, { "KubeletNotReady", "KubeletReady" },
	    { "kubelet is not ready", "kubelet is posting ready status" } },
};

const char *
node_condition_type(int i)
{
	return node_conds[i].type;
}

const char *
node_condition_status(int i, int ok)
{
	return !ok == !node_conds[i].ok_is_true ? "True" : "False";
}

json_t *
node_condition_json(int i, int ok, const char *now, const char *since)
{
	ok = ok != 0;
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "type",
	    node_conds[i].type, "status", node_condition_status(i, ok),
	    "lastHeartbeatTime", now, "lastTransitionTime", since, "reason",
	    node_conds[i].reason[ok], "message", node_conds[i].msg[ok]);
}

/* Condition i of the Node; its lastTransitionTime moves only when its
 * status changes (lock held). */
static json_t *
node_condition(struct agent *a, int i, int ok, const char *now)
{
	const char *status = node_condition_status(i, ok);

	if (strcmp(a->cond_status[i], status) != 0 ||
	    a->cond_since[i][0] == '\0') {
		snprintf(a->cond_status[i], sizeof a->cond_status[i], "%s",
		    status);
		snprintf(a->cond_since[i], sizeof a->cond_since[i], "%s", now);
	}
	return node_condition_json(i, ok, now, a->cond_since[i]);
}

/* status.images as kubelet reports them: digests then tags, the largest
 * images first, at most 50. */
static json_t *
node_images(struct agent *a)
{
	struct image_entry *l = NULL;
	json_t *out = json_array();
	size_t n = 0, i, k, *order;
	struct err err;

	if (a->images == NULL || image_list(a->images, &l, &n, &err) < 0)
		return out;
	order = calloc(n ? n : 1, sizeof *order);
	for (i = 0; order != NULL && i < n; i++) {
		/* insertion: by size, descending */
		for (k = i; k > 0 && l[order[k - 1]].size < l[i].size; k--)
			order[k] = order[k - 1];
		order[k] = i;
	}
	for (i = 0; order != NULL && i < n && i < 50; i++) {
		struct image_entry *e = &l[order[i]];
		json_t *names = json_array();

		for (k = 0; k < e->nnames; k++)
			if (strchr(e->names[k], '@') != NULL)
				json_array_append_new(names,
				    json_string(e->names[k]));
		for (k = 0; k < e->nnames; k++)
			if (strchr(e->names[k], '@') == NULL)
				json_array_append_new(names,
				    json_string(e->names[k]));
		json_array_append_new(out, json_pack("{s:o, s:I}", "names",
		    names, "sizeBytes", (json_int_t)e->size));
	}
	free(order);
	image_list_free(l, n);
	return out;
}

json_t *
node_status_json(const struct node_facts *f)
{
	return json_pack("{s:{s:s, s:s, s:s, s:s, s:s, s:s}, "
	    "s:{s:s, s:s, s:s, s:s, s:s, s:s}, "
	    "s:[{s:s, s:s}, {s:s, s:s}], "
	    "s:{s:{s:i}}, "
	    "s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}}",
	    "capacity", "cpu", f->cpu, "memory", f->memory, "pods", f->pods,
	    "ephemeral-storage", f->storage, "hugepages-1Gi", "0",
	    "hugepages-2Mi", "0",
	    "allocatable", "cpu", f->alloc_cpu, "memory", f->alloc_memory,
	    "pods", f->pods, "ephemeral-storage", f->alloc_storage,
	    "hugepages-1Gi", "0", "hugepages-2Mi", "0",
	    "addresses", "type", "InternalIP", "address", f->ip, "type",
	    "Hostname", "address", f->name,
	    "daemonEndpoints", "kubeletEndpoint", "Port", f->port,
	    "nodeInfo", "machineID", f->machine_id, "systemUUID",
	    f->system_uuid, "bootID", f->boot_id, "kernelVersion", f->kernel,
	    "osImage", f->os_image, "containerRuntimeVersion", f->runtime,
	    "kubeletVersion", AGENT_VERSION, "kubeProxyVersion", AGENT_VERSION,
	    "operatingSystem", "linux", "architecture", "amd64");
}

json_t *
node_status(struct agent *a)
{
	char now[64], mem[64], alloc_mem[64], cpu[32], pods[32], eph[64],
	    alloc_eph[64], machine[128], boot[128], uuid[128], os[256],
	    crun[128];
	struct statvfs fs;
	struct utsname u;
	long long mem_ki = node_meminfo("MemTotal"), avail_ki =
	    node_meminfo("MemAvailable"), eph_ki = 0;
	int mem_ok = avail_ki == 0 || avail_ki > 100 * 1024;
	int disk_ok = 1;
	struct node_facts f;
	json_t *st;

	rfc3339_format(time(NULL), now, sizeof now);
	snprintf(cpu, sizeof cpu, "%ld", sysconf(_SC_NPROCESSORS_ONLN));
	snprintf(mem, sizeof mem, "%lldKi", mem_ki);
	/* kubelet's default hard eviction threshold: memory.available<100Mi */
	snprintf(alloc_mem, sizeof alloc_mem, "%lldKi", mem_ki > 102400 ?
	    mem_ki - 102400 : mem_ki);
	snprintf(pods, sizeof pods, "%d", a->opts.max_pods);
	if (statvfs(a->opts.data_dir, &fs) == 0) {
		eph_ki = (long long)fs.f_blocks * (long long)fs.f_frsize / 1024;
		/* nodefs.available<10% */
		disk_ok = fs.f_bavail * 10 >= fs.f_blocks;
	}
	snprintf(eph, sizeof eph, "%lldKi", eph_ki);
	{
		/* less kubelet's hard eviction threshold nodefs.available<10%
		 * (a plain number of bytes, as kubelet's quantity prints) */
		long long b = eph_ki * 1024, alloc = b - (long long)(b * 0.1);

		if (alloc % 1024 == 0)
			snprintf(alloc_eph, sizeof alloc_eph, "%lldKi",
			    alloc / 1024);
		else
			snprintf(alloc_eph, sizeof alloc_eph, "%lld", alloc);
	}
	pthread_mutex_lock(&a->mu);
	snprintf(a->alloc_cpu, sizeof a->alloc_cpu, "%s", cpu);
	snprintf(a->alloc_memory, sizeof a->alloc_memory, "%s", alloc_mem);
	pthread_mutex_unlock(&a->mu);
	node_read_line("/etc/machine-id", machine, sizeof machine);
	node_read_line("/proc/sys/kernel/random/boot_id", boot, sizeof boot);
	node_read_line("/sys/class/dmi/id/product_uuid", uuid, sizeof uuid);
	if (uuid[0] == '\0')
		snprintf(uuid, sizeof uuid, "%s", machine);
	node_os_image(os, sizeof os);
	uname(&u);
	node_runtime_version(crun, sizeof crun);
	memset(&f, 0, sizeof f);
	f.name = a->opts.node_name;
	f.ip = a->node_ip;
	f.cpu = f.alloc_cpu = cpu;
	f.memory = mem;
	f.alloc_memory = alloc_mem;
	f.pods = pods;
	f.storage = eph;
	f.alloc_storage = alloc_eph;
	f.port = a->opts.port;
	f.machine_id = machine;
	f.system_uuid = uuid;
	f.boot_id = boot;
	f.kernel = u.release;
	f.os_image = os;
	f.runtime = crun;
	st = node_status_json(&f);
	pthread_mutex_lock(&a->mu);
	json_object_set_new(st, "conditions", json_pack("[o, o, o, o]",
	    node_condition(a, 0, mem_ok, now),
	    node_condition(a, 1, disk_ok, now),
	    node_condition(a, 2, 1, now),
	    node_condition(a, 3, 1, now)));
	pthread_mutex_unlock(&a->mu);
	json_object_set_new(st, "images", node_images(a));
	return st;
}

json_t *
node_new(const char *name, const char *pod_cidr)
{
	json_t *n = json_pack("{s:s, s:s, s:{s:s, s:{s:s, s:s, s:s, s:s, "
	    "s:s}}, s:{}}", "apiVersion", "v1", "kind", "Node", "metadata",
	    "name", name, "labels", "kubernetes.io/hostname", name,
	    "kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64",
	    "beta.kubernetes.io/os", "linux", "beta.kubernetes.io/arch",
	    "amd64", "spec");

	if (n != NULL && pod_cidr != NULL)
		json_object_set_new(json_object_get(n, "spec"), "podCIDR",
		    json_string(pod_cidr));
	return n;
}

static json_t *
node_object(struct agent *a)
{
	json_t *n = node_new(a->opts.node_name, a->opts.pod_cidr);

	json_object_set_new(n, "status", node_status(a));
	return n;
}

/* Remembers uid and podCIDR of the Node as the server has it. */
static void
node_learn(struct agent *a, const json_t *n)
{
	const char *uid = json_string_value(json_object_get(json_object_get(n,
	    "metadata"), "uid"));
	const char *cidr = json_string_value(json_object_get(json_object_get(n,
	    "spec"), "podCIDR"));

	const json_t *c;
	size_t i;
	int k;

	pthread_mutex_lock(&a->mu);
	if (uid != NULL)
		snprintf(a->node_uid, sizeof a->node_uid, "%s", uid);
	if (cidr != NULL)
		snprintf(a->pod_cidr, sizeof a->pod_cidr, "%s", cidr);
	/* an adopted Node: its conditions hold since when they said */
	json_array_foreach(json_object_get(json_object_get(n, "status"),
	    "conditions"), i, c) {
		const char *t = json_string_value(json_object_get(c, "type"));
		const char *st = json_string_value(json_object_get(c,
		    "status"));
		const char *since = json_string_value(json_object_get(c,
		    "lastTransitionTime"));

		for (k = 0; t && st && since && k < AGENT_NODE_CONDITIONS; k++)
			if (strcmp(t, node_conds[k].type) == 0 &&
			    a->cond_since[k][0] == '\0') {
				snprintf(a->cond_status[k],
				    sizeof a->cond_status[k], "%s", st);
				snprintf(a->cond_since[k],
				    sizeof a->cond_since[k], "%s", since);
			}
	}
	pthread_mutex_unlock(&a->mu);
}

/* The status without its heartbeat times, to compare with the last. */
static char *
node_status_text(const json_t *st)
{
	json_t *copy = json_deep_copy(st), *c;
	char *text;
	size_t i;

	json_array_foreach(json_object_get(copy, "conditions"), i, c)
		json_object_del(c, "lastHeartbeatTime");
	text = json_dumps(copy, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(copy);
	return text;
}

/*
 * PATCHes the status (a merge patch replaces the conditions and images
 * lists) when force is set or it changed since it was last sent; 1 when
 * sent.
 */
static int
node_report(struct agent *a, int force, struct err *err)
{
	char path[512], *text;
	json_t *st = node_status(a), *patch, *out = NULL;
	int rc;

	text = node_status_text(st);
	if (!force && text != NULL && a->node_sent != NULL &&
	    strcmp(text, a->node_sent) == 0) {
		free(text);
		json_decref(st);
		return 0;
	}
	patch = json_pack("{s:o}", "status", st);
	snprintf(path, sizeof path, "/api/v1/nodes/%s/status",
	    a->opts.node_name);
	rc = rest_do(a->api, "PATCH", path, "application/merge-patch+json",
	    patch, &out, err);
	if (rc >= 0) {
		node_learn(a, out);
		free(a->node_sent);
		a->node_sent = text;
		text = NULL;
	}
	free(text);
	json_decref(out);
	json_decref(patch);
	return rc < 0 ? -1 : 1;
}

/* Creates the Lease of the node or renews it. */
static int
node_renew(struct agent *a, struct err *err)
{
	char path[512], now[64], uid[64];
	struct timespec ts;
	json_t *lease = NULL, *spec;
	int rc;

	clock_gettime(CLOCK_REALTIME, &ts);
	rfc3339_format_micro(&ts, now, sizeof now);
	snprintf(path, sizeof path, "/apis/coordination.k8s.io/v1/namespaces/"
	    "kube-node-lease/leases/%s", a->opts.node_name);
	if (rest_do(a->api, "GET", path, NULL, NULL, &lease, err) >= 0) {
		spec = json_object_get(lease, "spec");
		if (!json_is_object(spec))
			json_object_set_new(lease, "spec", spec = json_object());
		json_object_set_new(spec, "renewTime", json_string(now));
		json_object_set_new(spec, "holderIdentity",
		    json_string(a->opts.node_name));
		json_object_set_new(spec, "leaseDurationSeconds",
		    json_integer(AGENT_LEASE_SECONDS));
		rc = rest_do(a->api, "PUT", path, NULL, lease, NULL, err);
		json_decref(lease);
		return rc < 0 ? -1 : 0;
	}
	if (err->reason != ERR_NOT_FOUND)
		return -1;
	err_clear(err);
	pthread_mutex_lock(&a->mu);
	snprintf(uid, sizeof uid, "%s", a->node_uid);
	pthread_mutex_unlock(&a->mu);
	lease = json_pack("{s:s, s:s, s:{s:s, s:s, s:[{s:s, s:s, s:s, s:s}]}, "
	    "s:{s:s, s:i, s:s}}", "apiVersion", "coordination.k8s.io/v1",
	    "kind", "Lease", "metadata", "name", a->opts.node_name,
	    "namespace", "kube-node-lease", "ownerReferences", "apiVersion",
	    "v1", "kind", "Node", "name", a->opts.node_name, "uid", uid,
	    "spec", "holderIdentity", a->opts.node_name,
	    "leaseDurationSeconds", AGENT_LEASE_SECONDS, "renewTime", now);
	rc = rest_do(a->api, "POST", "/apis/coordination.k8s.io/v1/namespaces/"
	    "kube-node-lease/leases", NULL, lease, NULL, err);
	json_decref(lease);
	return rc < 0 ? -1 : 0;
}

static void *
node_heartbeat(void *arg)
{
	struct agent *a = arg;
	struct err err;
	time_t last_sent = time(NULL), last_sync = last_sent, last_renew = 0;
	int rc;

	while (!a->stop) {
		err_clear(&err);
		if (time(NULL) - last_renew >= AGENT_RENEW_SECONDS) {
			if (node_renew(a, &err) < 0)
				fprintf(stderr, "kubec-agent: lease: %s\n",
				    err.msg);
			else
				last_renew = time(NULL);
		}
		err_clear(&err);
		/* kubelet: the status every 10 s, sent when it changed or
		 * (here) once a minute */
		if (a->node_dirty || time(NULL) - last_sync >=
		    AGENT_SYNC_SECONDS) {
			a->node_dirty = 0;
			last_sync = time(NULL);
			rc = node_report(a, time(NULL) - last_sent >=
			    AGENT_STATUS_SECONDS, &err);
			if (rc < 0)
				fprintf(stderr, "kubec-agent: node status: "
				    "%s\n", err.msg);
			else if (rc > 0)
				last_sent = time(NULL);
			/* what the pod workers freed goes back to the
			 * system (malloc keeps it otherwise) */
			malloc_trim(0);
		}
		sleep(1);
	}
	return NULL;
}

int
node_start(struct agent *a, struct err *err)
{
	char path[512];
	json_t *n = NULL, *made = NULL;

	node_detect_ip(a);
	snprintf(path, sizeof path, "/api/v1/nodes/%s", a->opts.node_name);
	if (rest_do(a->api, "GET", path, NULL, NULL, &n, err) < 0) {
		if (err->reason != ERR_NOT_FOUND)
			return -1;
		err_clear(err);
		n = node_object(a);
		if (rest_do(a->api, "POST", "/api/v1/nodes", NULL, n, &made,
		    err) < 0) {
			json_decref(n);
			return -1;
		}
		json_decref(n);
		n = made;
	}
	node_learn(a, n);
	json_decref(n);
	/* the status as it is now (an adopted Node may be stale) */
	if (node_report(a, 1, err) < 0 || node_renew(a, err) < 0)
		return -1;
	if (pthread_create(&a->heartbeat, NULL, node_heartbeat, a) != 0)
		return err_set(err, ERR_INTERNAL, "cannot start the heartbeat");
	a->heartbeat_started = 1;
	return 0;
}

void
node_stop(struct agent *a)
{
	a->stop = 1;
	if (a->heartbeat_started)
		pthread_join(a->heartbeat, NULL);
	a->heartbeat_started = 0;
	free(a->node_sent);
	a->node_sent = NULL;
}
