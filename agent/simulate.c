/* simulate.c - simulated nodes (kubec-agent --simulate N), as kwok's and
 * kubemark's hollow nodes, to test the scheduler and controllers at scale
 * without containers: N Nodes registered (or adopted) as kubelet
 * registers its own, their Leases renewed every 10 s and their status
 * posted every 60 s, each node on its own phase of those intervals; and
 * the pods bound to them reported Running (or ended, as their
 * annotations say, or deleted for good) as kubelet reports them.
 *
 * Threads: a node queue served by SIM_NODE_WORKERS workers (registration,
 * Lease, status), a pod queue served by SIM_POD_WORKERS (status updates,
 * the final DELETE), each worker with its own API client and connection;
 * a watch of every bound pod and one of the simulated Nodes (for the
 * podCIDRs the server may assign).  Per pod only its uid, "ns/name",
 * node, address and the phase reported are kept, and until its status is
 * sent, the few fields of its spec the status is made from.  What the
 * Node, the addresses and a pod's status are is sim.c's. */
#include <ctype.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "../lib/hmap.h"
#include "../lib/names.h"
#include "../lib/quantity.h"
#include "../lib/rfc3339.h"
#include "../lib/workqueue.h"
#include "agent.h"
#include "simulate.h"

#define SIM_NODE_WORKERS	4
#define SIM_POD_WORKERS		8
#define SIM_LIST_LIMIT		500	/* pods per page of a list */
#define SIM_REGISTER_WAIT	30	/* seconds pods wait for the nodes */
#define SIM_WARN_PER_SECOND	5
#define SIM_TRIM_SECONDS	10	/* freed heap back to the system */

/* ---- state ------------------------------------------------------------- */

enum sim_node_state { SIM_NODE_NEW, SIM_NODE_UP, SIM_NODE_GONE };

struct sim_node {
	char		 name[254];
	char		 ip[16];
	char		 key[16];	/* in the node queue: its index */
	char		 cidr_want[64];	/* spec.podCIDR it is made with */
	/* its worker's (the queue hands a key to one worker at a time) */
	enum sim_node_state state;
	long long	 next_lease, next_status;	/* sim_ms() */
	char		 since[32];	/* the conditions' lastTransitionTime */
	volatile int	 deleted;	/* the watch saw it go */
	/* mu */
	char		 uid[64];
	char		 cidr[64];	/* spec.podCIDR as the Node has it */
	struct sim_ipam	 ipam;		/* from it, else the fallback block */
	uint32_t	 epoch;		/* of ipam */
};

struct sim_pod {
	char		 uid[40];
	char		*digest;	/* what its status is made from */
	uint32_t	 node;
	uint32_t	 ip;		/* its address; 0: none yet */
	uint32_t	 ip_epoch;	/* of the node's ipam it holds ip in */
	uint32_t	 gen;		/* the last list it was in */
	time_t		 start;		/* when it started (reported) */
	int		 exit_code;	/* -1: runs until deleted */
	int		 duration;	/* seconds, when exit_code >= 0 */
	unsigned char	 reported;	/* enum sim_phase */
	unsigned char	 ip_held;	/* taken in the node's ipam */
	unsigned char	 finishing;	/* its end is queued */
	unsigned char	 stale;		/* not Ready any more: report again */
	unsigned char	 deleting;	/* deletionTimestamp set */
	unsigned char	 deleted;	/* the final DELETE went through */
	char		 ref[];		/* "ns/name" */
};

struct sim_worker {
	struct sim	*s;
	struct rest	*api;		/* its own connection */
	pthread_t	 thread;
	int		 started;
};

struct sim {
	struct agent	*a;
	int		 n;
	struct sim_node	*nodes;
	struct hmap	 by_name;	/* set up before the threads start */
	char		 cpu[64], memory[64], max_pods[16];
	char		 kernel[128], os[256], boot[64];
	uint32_t	 node_ip;	/* --node-ip; 0: 198.19.0.0/16 */
	long long	 t0;		/* sim_ms() at start */
	struct workqueue *nq, *pq;
	struct sim_worker nw[SIM_NODE_WORKERS], pw[SIM_POD_WORKERS];
	pthread_t	 pods_thread, nodes_thread;
	int		 pods_started, nodes_started;
	char		 pods_rv[32], nodes_rv[32];
	time_t		 trimmed;	/* sim_trim() */
	pthread_mutex_t	 mu;
	pthread_cond_t	 cond;		/* nup changed */
	int		 nup;		/* nodes registered (mu) */
	struct hmap	 pods;		/* uid -> struct sim_pod (mu) */
	uint32_t	 gen;		/* lists of pods (mu) */
	pthread_mutex_t	 log_mu;
	time_t		 log_sec;
	int		 log_n, log_dropped;
};

static long long
sim_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A warning, at most SIM_WARN_PER_SECOND a second: a server that is
 * down fails every node and pod at once. */
static void __attribute__((format(printf, 2, 3)))
sim_warn(struct sim *s, const char *fmt, ...)
{
	time_t now = time(NULL);
	va_list ap;
	char msg[2300];
	int dropped = 0;

	pthread_mutex_lock(&s->log_mu);
	if (now != s->log_sec) {
		dropped = s->log_dropped;
		s->log_sec = now;
		s->log_n = s->log_dropped = 0;
	}
	if (s->log_n >= SIM_WARN_PER_SECOND) {
		s->log_dropped++;
		pthread_mutex_unlock(&s->log_mu);
		return;
	}
	s->log_n++;
	pthread_mutex_unlock(&s->log_mu);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (dropped > 0)
		fprintf(stderr, "kubec-agent: simulate: (%d warnings more)\n",
		    dropped);
	fprintf(stderr, "kubec-agent: simulate: %s\n", msg);
}

/* What a burst of pods (their events, digests, queue) freed goes back
 * to the system every SIM_TRIM_SECONDS: malloc keeps it otherwise.  The
 * node workers call it, which run at least once a lease period. */
static void
sim_trim(struct sim *s)
{
	time_t now = time(NULL), last = __atomic_load_n(&s->trimmed,
	    __ATOMIC_RELAXED);

	if (now - last < SIM_TRIM_SECONDS || !__atomic_compare_exchange_n(
	    &s->trimmed, &last, now, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		return;
	malloc_trim(0);
}

/* No error, or the resourceVersion or continue token was compacted away
 * (410 Gone, Expired): list again, at once and without a word. */
static int
sim_too_old(const struct err *err)
{
	return err->reason == ERR_NONE || err->reason == ERR_GONE ||
	    err->reason == ERR_EXPIRED;
}

/* Percent-encodes s for a query (continue tokens). */
static void
sim_escape(const char *s, char *out, size_t n)
{
	size_t o = 0;

	for (; *s != '\0' && o + 4 < n; s++) {
		if (isalnum((unsigned char)*s) || strchr("-._~", *s) != NULL)
			out[o++] = *s;
		else
			o += (size_t)snprintf(out + o, n - o, "%%%02X",
			    (unsigned char)*s);
	}
	out[o] = '\0';
}

/* ---- nodes -------------------------------------------------------------- */

/* The conf of node nd; ids holds the strings it points to. */
struct sim_ids {
	char	machine[40], uuid[40], boot[40], seed[400];
};

static void
sim_node_conf(struct sim *s, struct sim_node *nd, struct sim_node_conf *c,
    struct sim_ids *ids)
{
	memset(c, 0, sizeof *c);
	c->name = nd->name;
	c->ip = nd->ip;
	c->pod_cidr = nd->cidr_want[0] ? nd->cidr_want : NULL;
	c->cpu = s->cpu;
	c->memory = s->memory;
	c->pods = s->max_pods;
	c->kernel = s->kernel;
	c->os_image = s->os;
	sim_hash_id(nd->name, 0, ids->machine, sizeof ids->machine);
	snprintf(ids->seed, sizeof ids->seed, "uuid/%s", nd->name);
	sim_hash_id(ids->seed, 1, ids->uuid, sizeof ids->uuid);
	snprintf(ids->seed, sizeof ids->seed, "boot/%s/%s", s->boot, nd->name);
	sim_hash_id(ids->seed, 1, ids->boot, sizeof ids->boot);
	c->machine_id = ids->machine;
	c->system_uuid = ids->uuid;
	c->boot_id = ids->boot;
}

/* The pod addresses of nd: from its podCIDR (IPv4, /30 or larger), else
 * its fallback block (mu held). */
static void
sim_node_ipam(struct sim *s, struct sim_node *nd)
{
	uint32_t base;
	int bits;

	sim_ipam_free(&nd->ipam);
	if (nd->cidr[0] == '\0' || sim_parse_cidr(nd->cidr, &base, &bits) < 0 ||
	    bits > 30)
		sim_fallback_block(s->n, (int)(nd - s->nodes), &base, &bits);
	sim_ipam_init(&nd->ipam, base, bits);
	nd->epoch++;
}

/* Remembers uid and podCIDR of a Node as the server has it. */
static void
sim_node_learn(struct sim *s, struct sim_node *nd, const json_t *n)
{
	const char *uid = sim_str(json_object_get(n, "metadata"), "uid");
	const char *cidr = sim_str(json_object_get(n, "spec"), "podCIDR");

	if (cidr == NULL)
		cidr = "";
	pthread_mutex_lock(&s->mu);
	if (uid != NULL)
		snprintf(nd->uid, sizeof nd->uid, "%s", uid);
	/* once set, a podCIDR stays (an older event may not say it) */
	if (cidr[0] != '\0' && strcmp(cidr, nd->cidr) != 0) {
		snprintf(nd->cidr, sizeof nd->cidr, "%s", cidr);
		sim_node_ipam(s, nd);
	}
	pthread_mutex_unlock(&s->mu);
}

/* PATCHes the status of the node (kubelet's heartbeat, conditions'
 * lastHeartbeatTime now). */
static int
sim_node_report(struct sim *s, struct rest *api, struct sim_node *nd,
    struct err *err)
{
	struct sim_node_conf c;
	struct sim_ids ids;
	char path[512], now[32];
	json_t *patch, *out = NULL;
	int rc;

	rfc3339_format(time(NULL), now, sizeof now);
	sim_node_conf(s, nd, &c, &ids);
	patch = json_pack("{s:o}", "status", sim_node_status(&c, now,
	    nd->since));
	if (patch == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	snprintf(path, sizeof path, "/api/v1/nodes/%s/status", nd->name);
	rc = rest_do(api, "PATCH", path, "application/merge-patch+json",
	    patch, &out, err);
	if (rc >= 0)
		sim_node_learn(s, nd, out);
	json_decref(out);
	json_decref(patch);
	return rc < 0 ? -1 : 0;
}

/* Renews the Lease of the node (one merge patch), or creates it. */
static int
sim_node_renew(struct sim *s, struct rest *api, struct sim_node *nd,
    struct err *err)
{
	char path[512], now[64], uid[64];
	struct timespec ts;
	json_t *body;
	int rc;

	clock_gettime(CLOCK_REALTIME, &ts);
	rfc3339_format_micro(&ts, now, sizeof now);
	snprintf(path, sizeof path, "/apis/coordination.k8s.io/v1/namespaces/"
	    "kube-node-lease/leases/%s", nd->name);
	body = json_pack("{s:{s:s, s:i, s:s}}", "spec", "holderIdentity",
	    nd->name, "leaseDurationSeconds", AGENT_LEASE_SECONDS,
	    "renewTime", now);
	rc = rest_do(api, "PATCH", path, "application/merge-patch+json", body,
	    NULL, err);
	json_decref(body);
	if (rc >= 0 || err->reason != ERR_NOT_FOUND)
		return rc < 0 ? -1 : 0;
	err_clear(err);
	pthread_mutex_lock(&s->mu);
	snprintf(uid, sizeof uid, "%s", nd->uid);
	pthread_mutex_unlock(&s->mu);
	body = json_pack("{s:s, s:s, s:{s:s, s:s, s:[{s:s, s:s, s:s, s:s}]}, "
	    "s:{s:s, s:i, s:s}}", "apiVersion", "coordination.k8s.io/v1",
	    "kind", "Lease", "metadata", "name", nd->name, "namespace",
	    "kube-node-lease", "ownerReferences", "apiVersion", "v1", "kind",
	    "Node", "name", nd->name, "uid", uid, "spec", "holderIdentity",
	    nd->name, "leaseDurationSeconds", AGENT_LEASE_SECONDS, "renewTime",
	    now);
	rc = rest_do(api, "POST", "/apis/coordination.k8s.io/v1/namespaces/"
	    "kube-node-lease/leases", NULL, body, NULL, err);
	json_decref(body);
	return rc < 0 ? -1 : 0;
}

/* Creates the Node, or adopts the one a former run made; then its status
 * and Lease, as kubelet on start. */
static int
sim_node_register(struct sim *s, struct rest *api, struct sim_node *nd,
    struct err *err)
{
	struct sim_node_conf c;
	struct sim_ids ids;
	char path[512], now[32];
	json_t *n = NULL, *made = NULL, *cond;
	size_t i;
	int rc = -1;

	rfc3339_format(time(NULL), now, sizeof now);
	snprintf(nd->since, sizeof nd->since, "%s", now);
	snprintf(path, sizeof path, "/api/v1/nodes/%s", nd->name);
	if (rest_do(api, "GET", path, NULL, NULL, &n, err) < 0) {
		if (err->reason != ERR_NOT_FOUND)
			goto out;
		err_clear(err);
		sim_node_conf(s, nd, &c, &ids);
		if ((made = sim_node_object(&c, now)) == NULL) {
			err_set(err, ERR_INTERNAL, "out of memory");
			goto out;
		}
		if (rest_do(api, "POST", "/api/v1/nodes", NULL, made, &n,
		    err) < 0)
			goto out;
	} else {
		/* adopted: Ready since it said, when it said Ready */
		json_array_foreach(json_object_get(json_object_get(n,
		    "status"), "conditions"), i, cond)
			if (sim_str(cond, "type") && strcmp(sim_str(cond,
			    "type"), "Ready") == 0 && sim_str(cond, "status") &&
			    strcmp(sim_str(cond, "status"), "True") == 0 &&
			    sim_str(cond, "lastTransitionTime"))
				snprintf(nd->since, sizeof nd->since, "%s",
				    sim_str(cond, "lastTransitionTime"));
	}
	sim_node_learn(s, nd, n);
	if (sim_node_report(s, api, nd, err) < 0 ||
	    sim_node_renew(s, api, nd, err) < 0)
		goto out;
	rc = 0;
out:
	json_decref(n);
	json_decref(made);
	return rc;
}

/* The next time after now that is node nd's turn in a period: node i of
 * n at i/n of it, so that the nodes spread over it. */
static long long
sim_slot(struct sim *s, const struct sim_node *nd, long long now,
    int period_s)
{
	long long p = (long long)period_s * 1000,
	    phase = (long long)(nd - s->nodes) * p / s->n,
	    since = now - s->t0 - phase;

	if (since < 0)
		return s->t0 + phase;
	return s->t0 + phase + (since / p + 1) * p;
}

static void
sim_node_sync(struct sim *s, struct rest *api, struct sim_node *nd)
{
	struct err err;
	long long now = sim_ms(), next;

	err_clear(&err);
	if (nd->deleted && nd->state != SIM_NODE_GONE) {
		/* as kubelet: registered once, not again until restarted */
		sim_warn(s, "node %s was deleted; its heartbeat stops",
		    nd->name);
		nd->state = SIM_NODE_GONE;
	}
	if (nd->state == SIM_NODE_GONE)
		return;
	if (nd->state == SIM_NODE_NEW) {
		if (sim_node_register(s, api, nd, &err) < 0) {
			sim_warn(s, "node %s: %s", nd->name, err.msg);
			workqueue_add_after(s->nq, nd->key, 2000);
			return;
		}
		nd->state = SIM_NODE_UP;
		now = sim_ms();
		nd->next_lease = sim_slot(s, nd, now, AGENT_RENEW_SECONDS);
		nd->next_status = sim_slot(s, nd, now, AGENT_STATUS_SECONDS);
		pthread_mutex_lock(&s->mu);
		s->nup++;
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->mu);
	}
	if (now >= nd->next_lease) {
		err_clear(&err);
		if (sim_node_renew(s, api, nd, &err) < 0) {
			sim_warn(s, "node %s: lease: %s", nd->name, err.msg);
			nd->next_lease = now + 1000;
		} else {
			nd->next_lease = sim_slot(s, nd, now,
			    AGENT_RENEW_SECONDS);
		}
	}
	if (now >= nd->next_status) {
		err_clear(&err);
		if (sim_node_report(s, api, nd, &err) < 0) {
			sim_warn(s, "node %s: status: %s", nd->name, err.msg);
			nd->next_status = now + 5000;
		} else {
			nd->next_status = sim_slot(s, nd, now,
			    AGENT_STATUS_SECONDS);
		}
	}
	next = nd->next_lease < nd->next_status ? nd->next_lease :
	    nd->next_status;
	workqueue_add_after(s->nq, nd->key, (long)(next - sim_ms()));
}

static void *
sim_node_worker(void *arg)
{
	struct sim_worker *w = arg;
	struct sim *s = w->s;
	char *key;
	long i;

	while (workqueue_get(s->nq, &key, -1) == 1) {
		i = strtol(key, NULL, 10);
		if (i >= 0 && i < s->n && !s->a->stop)
			sim_node_sync(s, w->api, &s->nodes[i]);
		workqueue_done(s->nq, key);
		free(key);
		sim_trim(s);
	}
	return NULL;
}

/* A Node event of the watch: its podCIDR, or that it is gone. */
static void
sim_node_event(struct sim *s, const json_t *n, int deleted)
{
	const char *name = sim_str(json_object_get(n, "metadata"), "name");
	struct sim_node *nd;

	if (name == NULL || (nd = hmap_get(&s->by_name, name)) == NULL)
		return;
	if (deleted) {
		nd->deleted = 1;
		workqueue_add(s->nq, nd->key);
		return;
	}
	sim_node_learn(s, nd, n);
}

static int
sim_nodes_on_event(void *arg, const char *type, json_t *obj)
{
	struct sim *s = arg;
	const char *rv = sim_str(json_object_get(obj, "metadata"),
	    "resourceVersion");

	if (type == NULL || obj == NULL)
		return 0;
	if (strcmp(type, "ERROR") == 0)
		return 1;		/* 410 Gone: list again */
	if (rv != NULL)
		snprintf(s->nodes_rv, sizeof s->nodes_rv, "%s", rv);
	if (strcmp(type, "BOOKMARK") != 0)
		sim_node_event(s, obj, strcmp(type, "DELETED") == 0);
	return 0;
}

/* Lists and watches the simulated Nodes, for their podCIDRs. */
static void *
sim_nodes_loop(void *arg)
{
	struct sim *s = arg;
	struct agent *a = s->a;
	char path[512];
	struct err err;
	json_t *list, *n;
	size_t i;

	while (!a->stop) {
		err_clear(&err);
		list = NULL;
		if (rest_do(a->api, "GET", "/api/v1/nodes?labelSelector="
		    SIM_LABEL "%3D" SIM_LABEL_VALUE, NULL, NULL, &list,
		    &err) < 0) {
			sim_warn(s, "list nodes: %s", err.msg);
			sleep(1);
			continue;
		}
		snprintf(s->nodes_rv, sizeof s->nodes_rv, "%s",
		    sim_str(json_object_get(list, "metadata"),
		    "resourceVersion") ?: "0");
		json_array_foreach(json_object_get(list, "items"), i, n)
			sim_node_event(s, n, 0);
		json_decref(list);
		while (!a->stop) {
			snprintf(path, sizeof path, "/api/v1/nodes?"
			    "labelSelector=" SIM_LABEL "%%3D" SIM_LABEL_VALUE
			    "&watch=1&allowWatchBookmarks=true&"
			    "timeoutSeconds=300&resourceVersion=%s",
			    s->nodes_rv);
			err_clear(&err);
			if (rest_watch(a->api, path, sim_nodes_on_event, s,
			    &a->stop, &err) != 0)
				break;
		}
		if (!sim_too_old(&err) && !a->stop) {
			sim_warn(s, "watch nodes: %s", err.msg);
			sleep(1);
		}
	}
	return NULL;
}

/* ---- pods --------------------------------------------------------------- */

/* Gives p's address back to its node (mu held). */
static void
sim_pod_release(struct sim *s, struct sim_pod *p)
{
	struct sim_node *nd = &s->nodes[p->node];

	if (p->ip_held && p->ip_epoch == nd->epoch)
		sim_ipam_release(&nd->ipam, p->ip);
	p->ip_held = 0;
}

static void
sim_pod_forget(struct sim *s, struct sim_pod *p)
{
	sim_pod_release(s, p);
	hmap_del(&s->pods, p->uid);
	free(p->digest);
	free(p);
}

/* A pod first seen: what it shows of an earlier run is adopted (mu). */
static struct sim_pod *
sim_pod_new(struct sim *s, const json_t *pod, struct sim_node *nd,
    const char *uid, const char *ns, const char *name)
{
	const json_t *st = json_object_get(pod, "status");
	const char *phase = sim_str(st, "phase"), *host = sim_str(st, "hostIP");
	size_t len = strlen(ns) + strlen(name) + 2;
	struct sim_pod *p = calloc(1, sizeof *p + len);
	struct timespec ts;
	int err = 0;

	if (p == NULL)
		return NULL;
	snprintf(p->uid, sizeof p->uid, "%s", uid);
	snprintf(p->ref, len, "%s/%s", ns, name);
	p->node = (uint32_t)(nd - s->nodes);
	p->exit_code = -1;
	p->start = time(NULL);
	if (phase != NULL && host != NULL && host[0] != '\0') {
		if (strcmp(phase, "Running") == 0)
			p->reported = SIM_RUNNING;
		else if (strcmp(phase, "Succeeded") == 0)
			p->reported = SIM_SUCCEEDED;
		else if (strcmp(phase, "Failed") == 0)
			p->reported = SIM_FAILED;
		if (rfc3339_parse(sim_str(st, "startTime") ?: "", &ts) == 0)
			p->start = ts.tv_sec;
		if (p->reported == SIM_RUNNING &&
		    sim_parse_ip(sim_str(st, "podIP"), &p->ip) == 0 &&
		    sim_ipam_take(&nd->ipam, p->ip)) {
			p->ip_held = 1;
			p->ip_epoch = nd->epoch;
		}
	}
	hmap_put(&s->pods, p->uid, p, &err);
	if (err) {
		free(p);
		return NULL;
	}
	return p;
}

/* Whether a pod reported Running was made not Ready by someone else
 * (the node lifecycle controller, while the node's Lease was stale):
 * kubelet reports it again.  Events older than the report show it
 * Pending, not this. */
static int
sim_pod_unready(const json_t *pod)
{
	const json_t *st = json_object_get(pod, "status"), *c;
	const char *phase = sim_str(st, "phase"), *host = sim_str(st,
	    "hostIP");
	size_t i;

	if (phase == NULL || strcmp(phase, "Running") != 0 || host == NULL ||
	    host[0] == '\0')
		return 0;
	json_array_foreach(json_object_get(st, "conditions"), i, c)
		if (sim_str(c, "type") != NULL &&
		    strcmp(sim_str(c, "type"), "Ready") == 0)
			return sim_str(c, "status") == NULL ||
			    strcmp(sim_str(c, "status"), "True") != 0;
	return 0;
}

/* A pod as the API has it now: what is to be done is queued. */
static void
sim_pod_event(struct sim *s, const json_t *pod, int deleted)
{
	const json_t *meta = json_object_get(pod, "metadata");
	const char *uid = sim_str(meta, "uid"), *ns = sim_str(meta,
	    "namespace"), *name = sim_str(meta, "name"),
	    *node = sim_str(json_object_get(pod, "spec"), "nodeName");
	struct sim_node *nd;
	struct sim_pod *p;
	int queue = 0;

	if (uid == NULL || ns == NULL || name == NULL || node == NULL ||
	    strlen(uid) >= sizeof p->uid ||
	    (nd = hmap_get(&s->by_name, node)) == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	p = hmap_get(&s->pods, uid);
	if (deleted) {
		if (p != NULL)
			sim_pod_forget(s, p);
		goto out;
	}
	if (p == NULL && (p = sim_pod_new(s, pod, nd, uid, ns, name)) == NULL)
		goto out;
	p->gen = s->gen;
	if (p->reported < SIM_SUCCEEDED)
		p->exit_code = sim_pod_exit(pod, &p->duration);
	if (sim_str(meta, "deletionTimestamp") != NULL) {
		if (!p->deleting)
			queue = p->deleting = 1;
	} else if (p->reported == SIM_NONE) {
		if (p->digest == NULL)
			queue = (p->digest = sim_pod_digest(pod)) != NULL;
	} else if (p->reported == SIM_RUNNING && p->exit_code >= 0) {
		/* adopted, or annotated since: it ends after its duration */
		if (!p->finishing) {
			if (p->digest == NULL)
				p->digest = sim_pod_digest(pod);
			queue = p->finishing = p->digest != NULL;
		}
	} else if (p->reported == SIM_RUNNING && !p->stale &&
	    sim_pod_unready(pod)) {
		if (p->digest == NULL)
			p->digest = sim_pod_digest(pod);
		queue = p->stale = p->digest != NULL;
	}
out:
	pthread_mutex_unlock(&s->mu);
	if (queue)
		workqueue_add(s->pq, uid);
}

/* PATCHes the status of pod ref ("ns/name"). */
static int
sim_pod_report(struct rest *api, const char *ref, const char *uid,
    const char *digest, enum sim_phase phase, const char *host,
    const char *ip, const char *start, const char *end, int exit_code,
    struct err *err)
{
	const char *slash = strchr(ref, '/');
	char path[1024];
	json_t *pod, *st, *patch;
	int rc;

	if ((pod = json_loads(digest, 0, NULL)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	st = sim_pod_status(pod, phase, host, ip, start, end, exit_code);
	json_decref(pod);
	/* the uid, as kubelet's patch carries it */
	if (st == NULL || (patch = json_pack("{s:{s:s}, s:o}", "metadata",
	    "uid", uid, "status", st)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	snprintf(path, sizeof path, "/api/v1/namespaces/%.*s/pods/%s/status",
	    (int)(slash - ref), ref, slash + 1);
	rc = rest_do(api, "PATCH", path, "application/merge-patch+json",
	    patch, NULL, err);
	json_decref(patch);
	return rc < 0 ? -1 : 0;
}

/* Deletes pod ref for good, as kubelet once its containers are gone. */
static int
sim_pod_delete(struct rest *api, const char *ref, const char *uid,
    struct err *err)
{
	const char *slash = strchr(ref, '/');
	char path[1024];
	json_t *opts;
	int rc;

	opts = json_pack("{s:s, s:s, s:i, s:{s:s}}", "kind", "DeleteOptions",
	    "apiVersion", "v1", "gracePeriodSeconds", 0, "preconditions",
	    "uid", uid);
	snprintf(path, sizeof path, "/api/v1/namespaces/%.*s/pods/%s",
	    (int)(slash - ref), ref, slash + 1);
	rc = rest_do(api, "DELETE", path, NULL, opts, NULL, err);
	json_decref(opts);
	/* gone already, or another pod of that name now */
	if (rc < 0 && (err->reason == ERR_NOT_FOUND ||
	    err->reason == ERR_CONFLICT))
		rc = 0;
	return rc < 0 ? -1 : 0;
}

enum sim_act { SIM_ACT_NONE, SIM_ACT_RUN, SIM_ACT_FINISH, SIM_ACT_DELETE };

/* One pass over pod uid: its status sent, or its end, or its DELETE. */
static void
sim_pod_sync(struct sim *s, struct rest *api, const char *uid)
{
	enum sim_act act = SIM_ACT_NONE;
	enum sim_phase phase = SIM_RUNNING;
	char ref[600], host[16] = "", ip[16] = "", start[32], end[32];
	char *digest = NULL;
	time_t now = time(NULL), t_start = now, t_end = now;
	long wait_ms = 0, after = -1;
	struct sim_node *nd;
	struct sim_pod *p;
	struct err err;
	int exit_code = 0, rc = 0;

	pthread_mutex_lock(&s->mu);
	if ((p = hmap_get(&s->pods, uid)) == NULL) {
		pthread_mutex_unlock(&s->mu);
		return;
	}
	nd = &s->nodes[p->node];
	exit_code = p->exit_code;
	if (p->deleting) {
		if (!p->deleted)
			act = SIM_ACT_DELETE;
	} else if (p->reported == SIM_NONE) {
		act = exit_code >= 0 && p->duration == 0 ? SIM_ACT_FINISH :
		    SIM_ACT_RUN;
	} else if (p->reported == SIM_RUNNING && p->stale) {
		act = SIM_ACT_RUN;	/* again, as it was */
		t_start = p->start;
	} else if (p->reported == SIM_RUNNING && exit_code >= 0) {
		t_start = p->start;
		t_end = p->start + p->duration;
		if (t_end > now)
			wait_ms = (long)(t_end - now) * 1000;
		else
			act = SIM_ACT_FINISH;
	}
	if (act == SIM_ACT_RUN || act == SIM_ACT_FINISH) {
		if (p->digest == NULL || (digest = strdup(p->digest)) == NULL)
			act = SIM_ACT_NONE;
		if (p->ip == 0) {
			p->ip = sim_ipam_alloc(&nd->ipam);
			p->ip_held = p->ip != 0;
			p->ip_epoch = nd->epoch;
		}
		if (p->ip != 0)
			sim_format_ip(p->ip, ip, sizeof ip);
		snprintf(host, sizeof host, "%s", nd->ip);
	}
	snprintf(ref, sizeof ref, "%s", p->ref);
	pthread_mutex_unlock(&s->mu);
	if (wait_ms > 0) {
		workqueue_add_after(s->pq, uid, wait_ms);
		return;
	}
	err_clear(&err);
	rfc3339_format(t_start, start, sizeof start);
	rfc3339_format(t_end, end, sizeof end);
	if (act == SIM_ACT_FINISH)
		phase = exit_code == 0 ? SIM_SUCCEEDED : SIM_FAILED;
	if (act == SIM_ACT_RUN || act == SIM_ACT_FINISH)
		rc = sim_pod_report(api, ref, uid, digest, phase, host, ip,
		    start, end, exit_code, &err);
	else if (act == SIM_ACT_DELETE)
		rc = sim_pod_delete(api, ref, uid, &err);
	free(digest);
	if (act == SIM_ACT_NONE)
		return;
	if (rc < 0) {
		/* a pod deleted meanwhile is forgotten on its DELETED event */
		if (err.reason != ERR_NOT_FOUND) {
			sim_warn(s, "pod %s: %s", ref, err.msg);
			workqueue_add_rate_limited(s->pq, uid);
		}
		return;
	}
	workqueue_forget(s->pq, uid);
	pthread_mutex_lock(&s->mu);
	if ((p = hmap_get(&s->pods, uid)) != NULL) {
		if (act == SIM_ACT_DELETE) {
			p->deleted = 1;
			sim_pod_release(s, p);
		} else if (phase == SIM_RUNNING) {
			p->reported = SIM_RUNNING;
			p->start = t_start;
			p->stale = 0;
			if (p->exit_code >= 0) {
				p->finishing = 1;
				after = (long)p->duration * 1000;
			} else {
				free(p->digest);
				p->digest = NULL;
			}
		} else {
			p->reported = (unsigned char)phase;
			free(p->digest);
			p->digest = NULL;
			sim_pod_release(s, p);
		}
	}
	pthread_mutex_unlock(&s->mu);
	if (after >= 0)
		workqueue_add_after(s->pq, uid, after);
}

static void *
sim_pod_worker(void *arg)
{
	struct sim_worker *w = arg;
	struct sim *s = w->s;
	char *key;

	while (workqueue_get(s->pq, &key, -1) == 1) {
		if (!s->a->stop)
			sim_pod_sync(s, w->api, key);
		workqueue_done(s->pq, key);
		free(key);
	}
	return NULL;
}

static int
sim_pods_on_event(void *arg, const char *type, json_t *obj)
{
	struct sim *s = arg;
	const char *rv = sim_str(json_object_get(obj, "metadata"),
	    "resourceVersion");

	if (type == NULL || obj == NULL)
		return 0;
	if (strcmp(type, "ERROR") == 0)
		return 1;		/* 410 Gone: list again */
	if (rv != NULL)
		snprintf(s->pods_rv, sizeof s->pods_rv, "%s", rv);
	if (strcmp(type, "BOOKMARK") != 0)
		sim_pod_event(s, obj, strcmp(type, "DELETED") == 0);
	return 0;
}

/* Forgets the pods the last list did not have (mu held). */
static void
sim_pods_sweep(struct sim *s)
{
	struct hmap_entry *e;
	struct sim_pod **gone = NULL, **v;
	size_t it, n = 0, cap = 0, i;

	for (e = hmap_first(&s->pods, &it); e != NULL;
	    e = hmap_next(&s->pods, &it, e)) {
		struct sim_pod *p = e->value;

		if (p->gen == s->gen)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((v = realloc(gone, cap * sizeof *v)) == NULL)
				break;
			gone = v;
		}
		gone[n++] = p;
	}
	for (i = 0; i < n; i++)
		sim_pod_forget(s, gone[i]);
	free(gone);
}

/* Lists every bound pod, page after page. */
static int
sim_pods_list(struct sim *s, struct err *err)
{
	char path[2048], cont[1200] = "";
	json_t *list, *p, *meta;
	size_t i;

	pthread_mutex_lock(&s->mu);
	s->gen++;
	pthread_mutex_unlock(&s->mu);
	do {
		snprintf(path, sizeof path, "/api/v1/pods?fieldSelector="
		    "spec.nodeName%%21%%3D&limit=%d%s%s", SIM_LIST_LIMIT,
		    cont[0] ? "&continue=" : "", cont);
		list = NULL;
		if (rest_do(s->a->api, "GET", path, NULL, NULL, &list,
		    err) < 0)
			return -1;
		json_array_foreach(json_object_get(list, "items"), i, p)
			sim_pod_event(s, p, 0);
		meta = json_object_get(list, "metadata");
		snprintf(s->pods_rv, sizeof s->pods_rv, "%s",
		    sim_str(meta, "resourceVersion") ?: "0");
		sim_escape(sim_str(meta, "continue") ?: "", cont, sizeof cont);
		json_decref(list);
	} while (cont[0] != '\0' && !s->a->stop);
	pthread_mutex_lock(&s->mu);
	sim_pods_sweep(s);
	pthread_mutex_unlock(&s->mu);
	sim_trim(s);
	return 0;
}

/* Waits for the nodes (a while at most), then lists and watches every
 * bound pod, relisting when the watch fails or is too old. */
static void *
sim_pods_loop(void *arg)
{
	struct sim *s = arg;
	struct agent *a = s->a;
	struct timespec ts;
	char path[512];
	struct err err;
	time_t until = time(NULL) + SIM_REGISTER_WAIT;
	int nup;

	pthread_mutex_lock(&s->mu);
	while (!a->stop && s->nup < s->n && time(NULL) < until) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec++;
		pthread_cond_timedwait(&s->cond, &s->mu, &ts);
	}
	nup = s->nup;
	pthread_mutex_unlock(&s->mu);
	if (a->stop)
		return NULL;
	fprintf(stderr, "kubec-agent: %d of %d simulated nodes %s-0..%s-%d "
	    "registered with %s\n", nup, s->n, a->opts.node_name,
	    a->opts.node_name, s->n - 1, a->opts.server);
	while (!a->stop) {
		err_clear(&err);
		if (sim_pods_list(s, &err) < 0) {
			if (!sim_too_old(&err)) {
				sim_warn(s, "list pods: %s", err.msg);
				sleep(1);
			}
			continue;
		}
		while (!a->stop) {
			snprintf(path, sizeof path, "/api/v1/pods?"
			    "fieldSelector=spec.nodeName%%21%%3D&watch=1&"
			    "allowWatchBookmarks=true&timeoutSeconds=300&"
			    "resourceVersion=%s", s->pods_rv);
			err_clear(&err);
			if (rest_watch(a->api, path, sim_pods_on_event, s,
			    &a->stop, &err) != 0)
				break;	/* list again */
		}
		if (!sim_too_old(&err) && !a->stop) {
			sim_warn(s, "watch pods: %s", err.msg);
			sleep(1);
		}
	}
	return NULL;
}

/* ---- start and stop ----------------------------------------------------- */

/* An API client of its own, as join_cluster() opens a->api. */
static struct rest *
sim_rest(struct agent *a, struct err *err)
{
	struct kube_target t;

	memset(&t, 0, sizeof t);
	snprintf(t.server, sizeof t.server, "%s", a->opts.server);
	t.ca_pem = a->ca_pem;
	t.token = (char *)a->opts.token;
	return rest_open(&t, "kubec-agent/" AGENT_VERSION " (simulated)", err);
}

/* What every node shares: capacity, the host's kernel and OS, and the
 * cluster CIDR and first address, checked. */
static int
sim_setup(struct sim *s, struct err *err)
{
	struct agent_opts *o = &s->a->opts;
	struct quantity q;
	struct utsname u;

	if (quantity_canonical(o->sim_cpu ? o->sim_cpu : "32", s->cpu,
	    sizeof s->cpu, err) < 0 || quantity_parse(s->cpu, &q, err) < 0) {
		err_wrap(err, "--sim-cpu");
		return -1;
	}
	if (quantity_canonical(o->sim_memory ? o->sim_memory : "256Gi",
	    s->memory, sizeof s->memory, err) < 0) {
		err_wrap(err, "--sim-memory");
		return -1;
	}
	if (o->max_pods <= 0)
		return err_set(err, ERR_BAD_REQUEST, "--max-pods: must be "
		    "positive");
	snprintf(s->max_pods, sizeof s->max_pods, "%d", o->max_pods);
	if (o->node_ip != NULL && sim_parse_ip(o->node_ip, &s->node_ip) < 0)
		return err_set(err, ERR_BAD_REQUEST, "--node-ip: %s is not an "
		    "IPv4 address", o->node_ip);
	snprintf(s->kernel, sizeof s->kernel, "unknown");
	if (uname(&u) == 0)
		snprintf(s->kernel, sizeof s->kernel, "%s", u.release);
	node_os_image(s->os, sizeof s->os);
	snprintf(s->boot, sizeof s->boot, "%lld.%d", (long long)time(NULL),
	    (int)getpid());
	return 0;
}

/* The nodes: names, addresses, podCIDRs to ask for. */
static int
sim_setup_nodes(struct sim *s, struct err *err)
{
	struct agent_opts *o = &s->a->opts;
	uint32_t cbase = 0, sub;
	int cbits = 0, sbits, i, herr = 0;
	char why[512], a1[16];

	if (o->pod_cidr != NULL && (sim_parse_cidr(o->pod_cidr, &cbase,
	    &cbits) < 0 || sim_node_cidr(cbase, cbits, s->n, s->n - 1, &sub,
	    &sbits) < 0))
		return err_set(err, ERR_BAD_REQUEST, "--pod-cidr: %s is not an "
		    "IPv4 CIDR with room for %d node subnets of /30 or more",
		    o->pod_cidr, s->n);
	if ((s->nodes = calloc((size_t)s->n, sizeof *s->nodes)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	for (i = 0; i < s->n; i++) {
		struct sim_node *nd = &s->nodes[i];

		if ((size_t)snprintf(nd->name, sizeof nd->name, "%s-%d",
		    o->node_name, i) >= sizeof nd->name ||
		    names_dns1123_subdomain(nd->name, why, sizeof why) < 0)
			return err_set(err, ERR_BAD_REQUEST, "--node-name: "
			    "%s-%d is not a node name: %s", o->node_name, i,
			    why);
		sim_format_ip(sim_node_ip(s->node_ip, i), nd->ip,
		    sizeof nd->ip);
		snprintf(nd->key, sizeof nd->key, "%d", i);
		if (o->pod_cidr != NULL) {
			sim_node_cidr(cbase, cbits, s->n, i, &sub, &sbits);
			sim_format_ip(sub, a1, sizeof a1);
			snprintf(nd->cidr_want, sizeof nd->cidr_want, "%s/%d",
			    a1, sbits);
		}
		sim_node_ipam(s, nd);
		hmap_put(&s->by_name, nd->name, nd, &herr);
		if (herr)
			return err_set(err, ERR_INTERNAL, "out of memory");
	}
	return 0;
}

static int
sim_workers(struct sim *s, struct sim_worker *w, int n, void *(*fn)(void *),
    struct err *err)
{
	int i;

	for (i = 0; i < n; i++) {
		w[i].s = s;
		if ((w[i].api = sim_rest(s->a, err)) == NULL)
			return -1;
		if (pthread_create(&w[i].thread, NULL, fn, &w[i]) != 0)
			return err_set(err, ERR_INTERNAL, "cannot start a "
			    "worker");
		w[i].started = 1;
	}
	return 0;
}

int
simulate_start(struct agent *a, struct err *err)
{
	struct sim *s;
	int i;

	if ((s = calloc(1, sizeof *s)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	a->sim = s;
	s->a = a;
	s->n = a->opts.simulate;
	pthread_mutex_init(&s->mu, NULL);
	pthread_mutex_init(&s->log_mu, NULL);
	pthread_cond_init(&s->cond, NULL);
	s->t0 = sim_ms();
	if (s->n <= 0)
		return err_set(err, ERR_BAD_REQUEST, "--simulate: no nodes");
	if (sim_setup(s, err) < 0 || sim_setup_nodes(s, err) < 0)
		return -1;
	if ((s->nq = workqueue_new()) == NULL ||
	    (s->pq = workqueue_new()) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	for (i = 0; i < s->n; i++)
		workqueue_add(s->nq, s->nodes[i].key);
	if (sim_workers(s, s->nw, SIM_NODE_WORKERS, sim_node_worker,
	    err) < 0 || sim_workers(s, s->pw, SIM_POD_WORKERS, sim_pod_worker,
	    err) < 0)
		return -1;
	if (pthread_create(&s->nodes_thread, NULL, sim_nodes_loop, s) != 0)
		return err_set(err, ERR_INTERNAL, "cannot start the node "
		    "watch");
	s->nodes_started = 1;
	if (pthread_create(&s->pods_thread, NULL, sim_pods_loop, s) != 0)
		return err_set(err, ERR_INTERNAL, "cannot start the pod "
		    "watch");
	s->pods_started = 1;
	return 0;
}

/* Ends the threads and frees everything; the Nodes and pods stay. */
void
simulate_stop(struct agent *a)
{
	struct sim *s = a->sim;
	struct hmap_entry *e;
	size_t it;
	int i;

	if (s == NULL)
		return;
	a->stop = 1;
	if (s->nq != NULL)
		workqueue_shutdown(s->nq);
	if (s->pq != NULL)
		workqueue_shutdown(s->pq);
	pthread_mutex_lock(&s->mu);
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->mu);
	if (s->pods_started)
		pthread_join(s->pods_thread, NULL);
	if (s->nodes_started)
		pthread_join(s->nodes_thread, NULL);
	for (i = 0; i < SIM_NODE_WORKERS; i++) {
		if (s->nw[i].started)
			pthread_join(s->nw[i].thread, NULL);
		rest_close(s->nw[i].api);
	}
	for (i = 0; i < SIM_POD_WORKERS; i++) {
		if (s->pw[i].started)
			pthread_join(s->pw[i].thread, NULL);
		rest_close(s->pw[i].api);
	}
	workqueue_free(s->nq);
	workqueue_free(s->pq);
	for (e = hmap_first(&s->pods, &it); e != NULL;
	    e = hmap_next(&s->pods, &it, e)) {
		struct sim_pod *p = e->value;

		free(p->digest);
		free(p);
	}
	hmap_release(&s->pods);
	hmap_release(&s->by_name);
	for (i = 0; s->nodes != NULL && i < s->n; i++)
		sim_ipam_free(&s->nodes[i].ipam);
	free(s->nodes);
	pthread_cond_destroy(&s->cond);
	pthread_mutex_destroy(&s->log_mu);
	pthread_mutex_destroy(&s->mu);
	free(s);
	a->sim = NULL;
}
