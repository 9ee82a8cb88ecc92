/* podsync.c - one pod's state machine, kubelet's syncPod: the sandbox
 * (namespaces, CNI, /etc files), volumes, init containers one after
 * another, then the containers, restarts with back-off (10 s doubling to
 * 5 min: CrashLoopBackOff), image pulls with back-off (ErrImagePull,
 * ImagePullBackOff), probes, graceful termination (preStop, SIGTERM,
 * grace period, SIGKILL), the pod's status as kubelet reports it, and
 * kubelet's events about it. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../lib/buf.h"
#include "../lib/file.h"
#include "../lib/proc.h"
#include "../lib/rfc3339.h"
#include "agent.h"
#include "cgroups.h"
#include "cni.h"
#include "image.h"
#include "nsfile.h"
#include "ociconfig.h"
#include "pod.h"
#include "probe.h"
#include "runtime.h"

#define LOG_MAX_SIZE	(10 << 20)	/* kubelet's containerLogMaxSize */
#define LOG_MAX_FILES	5		/* and containerLogMaxFiles */
#define BACKOFF_START	10
#define BACKOFF_MAX	300

struct ctr {
	char		 name[64];
	int		 init;		/* an init container */
	const json_t	*spec;		/* in ps->pod */
	char		 id[192];	/* in the runtime; "" none */
	int		 restarts;
	int		 running;
	int		 exited, exit_code;
	char		 reason[32];	/* of the exit */
	char		 started_at[64], finished_at[64];
	json_t		*last;		/* lastState, or NULL */
	char		 waiting[64];	/* waiting reason, "" when none */
	char		 waiting_msg[1024];
	char		 ev_waiting[64];	/* the reason of the last event */
	char		 image_id[160], image_ref[640];
	time_t		 backoff_until;
	int		 backoff;	/* seconds of the next back-off */
	time_t		 pull_until;
	int		 pull_backoff;
	int		 ready, started;
	struct probe	 live, readiness, startup;
	time_t		 run_since;
	time_t		 log_checked;
};

/* The CNI ADD of a new sandbox, run by a thread of its own while the
 * first container is prepared and created (ps_sandbox, ps_net_wait). */
struct ps_net {
	struct cni	*cni;
	char		 uid[64];
	char		 netns[PATH_MAX];
	struct cni_port	 ports[32];
	char		 proto[32][8], host_ip[32][64];
	size_t		 np;
	struct cni_result res;
	int		 rc;
	struct err	 err;
	pthread_t	 thread;
};

struct podsync {
	struct agent	*a;
	char		 uid[64], ns[254], name[254];
	char		 dir[PATH_MAX];
	json_t		*pod;		/* the latest spec */
	int		 sandbox;	/* namespaces made and wired (or
					   the ADD under way: net) */
	int		 host_network;
	char		 ip[64];	/* "" while net runs */
	char		 hostname[64], domain[512];	/* of /etc/hosts */
	/* the ADD under way, joined before any container starts and
	 * always before the pass that began it ends: NULL when none */
	struct ps_net	*net;
	struct ctr	*c;
	size_t		 n;		/* init containers first */
	int		 failed, succeeded;
	char		 start_time[64];
	char		*last_status;	/* what was reported last */
	time_t		 volumes_at;
	int		 wait_ms;
	char		 fail_reason[64], fail_msg[512];
};

static const char *
ps_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static void
ps_now(char *out, size_t n)
{
	rfc3339_format(time(NULL), out, n);
}

static void
ps_ts(const struct timespec *ts, char *out, size_t n)
{
	if (ts->tv_sec == 0)
		ps_now(out, n);
	else
		rfc3339_format(ts->tv_sec, out, n);
}

static const char *
ps_restart_policy(const struct podsync *ps)
{
	const char *p = ps_str(json_object_get(ps->pod, "spec"),
	    "restartPolicy");

	return p ? p : "Always";
}

struct podsync *
podsync_new(struct agent *a, const char *uid, const char *ns,
    const char *name)
{
	struct podsync *ps = calloc(1, sizeof *ps);

	if (ps == NULL)
		return NULL;
	ps->a = a;
	snprintf(ps->uid, sizeof ps->uid, "%s", uid);
	snprintf(ps->ns, sizeof ps->ns, "%s", ns);
	snprintf(ps->name, sizeof ps->name, "%s", name);
	snprintf(ps->dir, sizeof ps->dir, "%s/pods/%s", a->opts.data_dir, uid);
	ps->wait_ms = 1000;
	return ps;
}

static int ps_net_join(struct podsync *ps, struct err *err);

void
podsync_free(struct podsync *ps)
{
	struct err err;
	size_t i;

	if (ps == NULL)
		return;
	ps_net_join(ps, &err);	/* never left running; see ps_net */
	for (i = 0; i < ps->n; i++)
		json_decref(ps->c[i].last);
	free(ps->c);
	free(ps->last_status);
	json_decref(ps->pod);
	free(ps);
}

int
podsync_wait_ms(const struct podsync *ps)
{
	return ps->wait_ms;
}

/* The containers of the spec, keeping what is known of each by name;
 * a fresh worker (agent restart) starts from the reported status. */
static void
ps_containers(struct podsync *ps)
{
	const json_t *spec = json_object_get(ps->pod, "spec");
	const char *lists[2] = { "initContainers", "containers" };
	struct ctr *c;
	json_t *e, *st;
	size_t i, j, k, si, n = json_array_size(json_object_get(spec,
	    lists[0])) + json_array_size(json_object_get(spec, lists[1]));

	if (ps->c != NULL && ps->n == n) {
		/* the same containers in a new copy of the pod: every
		 * pointer into the old one moves */
		for (k = 0, j = 0; j < 2; j++)
			json_array_foreach(json_object_get(spec, lists[j]), i,
			    e) {
				c = &ps->c[k++];
				c->spec = e;
				c->live.spec = json_object_get(e,
				    "livenessProbe");
				c->readiness.spec = json_object_get(e,
				    "readinessProbe");
				c->startup.spec = json_object_get(e,
				    "startupProbe");
			}
		return;
	}
	free(ps->c);
	ps->c = calloc(n, sizeof *ps->c);
	ps->n = n;
	for (k = 0, j = 0; j < 2; j++) {
		json_array_foreach(json_object_get(spec, lists[j]), i, e) {
			c = &ps->c[k++];
			c->spec = e;
			c->init = j == 0;
			snprintf(c->name, sizeof c->name, "%s", ps_str(e,
			    "name") ? ps_str(e, "name") : "");
			/* kubelet: PodInitializing until the init
			 * containers are done */
			snprintf(c->waiting, sizeof c->waiting, "%s", c->init ||
			    json_array_size(json_object_get(spec, lists[0])) ?
			    "PodInitializing" : "ContainerCreating");
			/* what was reported before (an agent restart) */
			json_array_foreach(json_object_get(json_object_get(
			    ps->pod, "status"), j == 0 ?
			    "initContainerStatuses" : "containerStatuses"), si,
			    st) {
				const char *cid;

				if (strcmp(ps_str(st, "name") ? ps_str(st,
				    "name") : "", c->name) != 0)
					continue;
				c->restarts = (int)json_integer_value(
				    json_object_get(st, "restartCount"));
				if (json_object_size(json_object_get(st,
				    "lastState")) > 0)
					c->last = json_deep_copy(
					    json_object_get(st, "lastState"));
				cid = ps_str(st, "containerID");
				if (cid != NULL && strncmp(cid, "crun://", 7) ==
				    0)
					snprintf(c->id, sizeof c->id, "%s",
					    cid + 7);
			}
		}
	}
}

/* /etc/hosts (kubelet's managed file: the pod's IP with its hostname,
 * or its FQDN hostname.subdomain.namespace.svc.<cluster domain> and
 * hostname, then the hostAliases).  Without the pod's IP yet (its ADD
 * under way) the pod's line is left out: ps_net_wait writes the file
 * again before any container starts. */
static void
ps_hosts(const struct podsync *ps, struct buf *b)
{
	const json_t *aliases = json_object_get(json_object_get(ps->pod,
	    "spec"), "hostAliases"), *al, *h;
	size_t i, j;

	buf_addf(b, "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"
	    "::1\tlocalhost ip6-localhost ip6-loopback\n"
	    "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\n"
	    "fe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n");
	if (ps->ip[0] != '\0' && ps->domain[0] != '\0')
		buf_addf(b, "%s\t%s.%s\t%s\n", ps->ip, ps->hostname,
		    ps->domain, ps->hostname);
	else if (ps->ip[0] != '\0')
		buf_addf(b, "%s\t%s\n", ps->ip, ps->hostname);
	if (json_array_size(aliases) > 0)
		buf_adds(b, "\n# Entries added by HostAliases.\n");
	json_array_foreach(aliases, i, al) {
		buf_adds(b, ps_str(al, "ip") ? ps_str(al, "ip") : "");
		json_array_foreach(json_object_get(al, "hostnames"), j, h)
			buf_addf(b, "\t%s", json_string_value(h) ?
			    json_string_value(h) : "");
		buf_addc(b, '\n');
	}
}

/* The hosts file again, with the pod's IP: written in place (the same
 * inode), for crun may have bind-mounted it into a created container. */
static int
ps_hosts_rewrite(struct podsync *ps, struct err *err)
{
	struct buf b = BUF_INIT(1 << 20);
	char path[PATH_MAX];
	int rc;

	snprintf(path, sizeof path, "%s/etc-hosts", ps->dir);
	ps_hosts(ps, &b);
	rc = file_overwrite(path, b.data ? b.data : "", b.len, err);
	buf_release(&b);
	return rc;
}

/* /etc/hosts (ps_hosts), /etc/hostname and /etc/resolv.conf of the pod
 * (dns.c). */
static int
ps_etc_files(struct podsync *ps, const char *uts, struct err *err)
{
	struct buf b = BUF_INIT(1 << 20);
	char path[PATH_MAX];
	int rc;

	snprintf(path, sizeof path, "%s/etc-hostname", ps->dir);
	buf_addf(&b, "%s\n", uts);
	rc = file_write_replace(path, b.data, b.len, 0644, err);
	buf_reset(&b);
	ps_hosts(ps, &b);
	snprintf(path, sizeof path, "%s/etc-hosts", ps->dir);
	if (rc == 0)
		rc = file_write_replace(path, b.data, b.len, 0644, err);
	buf_reset(&b);
	if (rc == 0)
		rc = dns_pod_resolv(ps->a, ps->pod, &b, err);
	snprintf(path, sizeof path, "%s/resolv.conf", ps->dir);
	if (rc == 0)
		rc = file_write_replace(path, b.data ? b.data : "", b.len, 0644,
		    err);
	buf_release(&b);
	return rc;
}

/* The CNI handle once the node's podCIDR is known. */
static struct cni *
ps_cni(struct agent *a, struct err *err)
{
	struct cni_config cfg;
	char ipam[PATH_MAX], cache[PATH_MAX], conf[PATH_MAX];
	struct cni *c;

	pthread_mutex_lock(&a->mu);
	c = a->cni;
	if (c == NULL && a->pod_cidr[0] != '\0') {
		memset(&cfg, 0, sizeof cfg);
		snprintf(ipam, sizeof ipam, "%s/cni/ipam", a->opts.data_dir);
		snprintf(cache, sizeof cache, "%s/cni/cache", a->opts.data_dir);
		snprintf(conf, sizeof conf, "%s/cni", a->opts.data_dir);
		cfg.pod_cidr = a->pod_cidr;
		cfg.bridge = a->opts.cni_bridge;
		cfg.ipam_dir = ipam;
		cfg.cache_dir = cache;
		cfg.conf_dir = conf;
		c = a->cni = cni_open(&cfg, err);
	} else if (c == NULL) {
		err_set(err, ERR_SERVICE_UNAVAILABLE, "the node has no "
		    "podCIDR yet");
	}
	pthread_mutex_unlock(&a->mu);
	return c;
}

/* Whether v (a pod's spec) has a fieldRef to the pod's IP: the env or
 * a downwardAPI volume of a container then needs it before the
 * container's config is made, so the ADD cannot wait for later. */
static int
ps_wants_ip(const json_t *v)
{
	const char *k, *path;
	json_t *e;
	size_t i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			if (ps_wants_ip(e))
				return 1;
	} else if (json_is_object(v)) {
		path = ps_str(v, "fieldPath");
		if (path != NULL && (strcmp(path, "status.podIP") == 0 ||
		    strcmp(path, "status.podIPs") == 0))
			return 1;
		json_object_foreach((json_t *)v, k, e)
			if (ps_wants_ip(e))
				return 1;
	}
	return 0;
}

static void *
ps_net_thread(void *arg)
{
	struct ps_net *n = arg;

	err_clear(&n->err);
	n->rc = cni_add(n->cni, n->uid, n->netns, "eth0", n->ports, n->np,
	    &n->res, &n->err);
	return NULL;
}

/* Starts the ADD of ps's sandbox on a thread (ps->net); -1 when no
 * thread could be had (then nothing runs). */
static int
ps_net_start(struct podsync *ps, struct cni *cni, const char *netns,
    const struct cni_port *ports, size_t np)
{
	struct ps_net *n = calloc(1, sizeof *n);
	size_t i;

	if (n == NULL)
		return -1;
	n->cni = cni;
	snprintf(n->uid, sizeof n->uid, "%s", ps->uid);
	snprintf(n->netns, sizeof n->netns, "%s", netns);
	for (i = 0; i < np; i++) {
		n->ports[i] = ports[i];
		if (ports[i].protocol != NULL) {
			snprintf(n->proto[i], sizeof n->proto[i], "%s",
			    ports[i].protocol);
			n->ports[i].protocol = n->proto[i];
		}
		if (ports[i].host_ip != NULL) {
			snprintf(n->host_ip[i], sizeof n->host_ip[i], "%s",
			    ports[i].host_ip);
			n->ports[i].host_ip = n->host_ip[i];
		}
	}
	n->np = np;
	if (pthread_create(&n->thread, NULL, ps_net_thread, n) != 0) {
		free(n);
		return -1;
	}
	ps->net = n;
	return 0;
}

/* Joins the ADD under way (none: 0); its address goes to ps->ip. */
static int
ps_net_join(struct podsync *ps, struct err *err)
{
	struct ps_net *n = ps->net;
	int rc;

	if (n == NULL)
		return 0;
	pthread_join(n->thread, NULL);
	ps->net = NULL;
	rc = n->rc;
	if (rc == 0)
		snprintf(ps->ip, sizeof ps->ip, "%s", n->res.ip);
	else
		*err = n->err;
	free(n);
	return rc;
}

static void ps_own_status(struct podsync *ps);
static void ps_wait(struct ctr *c, const char *reason, const char *msg);

/*
 * The network of the sandbox complete: joins the ADD under way (none: 0
 * at once) and writes the pod's IP into its hosts file and its status.
 * -1 when the ADD failed: the sandbox is to be made again (as after a
 * failed ps_sandbox; the caller says so with ps_sandbox_failed).
 */
static int
ps_net_wait(struct podsync *ps, struct err *err)
{
	if (ps->net == NULL)
		return 0;
	if (ps_net_join(ps, err) < 0 || ps_hosts_rewrite(ps, err) < 0) {
		ps->sandbox = 0;
		ps->ip[0] = '\0';
		return -1;
	}
	ps_own_status(ps);
	return 0;
}

/* A sandbox that could not be made (or wired): kubelet's event, and
 * every container waits; the next pass tries again. */
static void
ps_sandbox_failed(struct podsync *ps, const struct err *err)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		ps_wait(&ps->c[i], ps->c[i].init ? "PodInitializing" :
		    "ContainerCreating", err->msg);
	fprintf(stderr, "kubec-agent: %s/%s: sandbox: %s\n", ps->ns,
	    ps->name, err->msg);
	events_pod(ps->a, ps->pod, NULL, "Warning", "FailedCreatePodSandBox",
	    "Failed to create pod sandbox: %s", err->msg);
}

/*
 * The namespaces, the network (CNI) and the /etc files of the pod.  A new
 * sandbox's ADD runs on a thread (ps->net) when nothing needs the pod's
 * IP before its containers start (ps_wants_ip): the first container is
 * made meanwhile, and ps_net_wait joins it before that one starts.
 */
static int
ps_sandbox(struct podsync *ps, struct err *err)
{
	const json_t *spec = json_object_get(ps->pod, "spec");
	const char *sub = ps_str(spec, "subdomain");
	const char *cd = ps->a->opts.cluster_domain;
	struct cni_port ports[32];
	struct cni_result res;
	char sb[PATH_MAX], net[PATH_MAX], uts[600];
	char *hostname = ps->hostname, *domain = ps->domain;
	size_t np = 0, i, j;
	json_t *c, *p;
	struct cni *cni;
	struct err e2;
	int fresh = 0;

	if (ps->sandbox)
		return 0;
	ps->host_network = json_is_true(json_object_get(spec, "hostNetwork"));
	/* kubelet: spec.hostname, else the pod's name cut to 63 bytes
	 * (without a trailing '-' or '.'); the domain from the subdomain */
	snprintf(hostname, sizeof ps->hostname, "%s", ps_str(spec,
	    "hostname") ? ps_str(spec, "hostname") : ps->name);
	for (i = strlen(hostname); i > 0 && (hostname[i - 1] == '-' ||
	    hostname[i - 1] == '.'); i--)
		hostname[i - 1] = '\0';
	domain[0] = '\0';
	if (sub != NULL && *sub != '\0' && cd != NULL && *cd != '\0')
		snprintf(domain, sizeof ps->domain, "%s.%s.svc.%s", sub,
		    ps->ns, cd);
	snprintf(uts, sizeof uts, "%s", hostname);
	if (json_is_true(json_object_get(spec, "setHostnameAsFQDN")) &&
	    *domain != '\0') {
		snprintf(uts, sizeof uts, "%s.%s", hostname, domain);
		if (strlen(uts) > 64)
			return err_set(err, ERR_INVALID, "failed to construct "
			    "FQDN from pod hostname and cluster domain, FQDN "
			    "%s is too long (64 characters is the max, %zu "
			    "characters requested)", uts, strlen(uts));
	}
	if (file_mkdirs(ps->dir, 0750, err) < 0)
		return -1;
	snprintf(sb, sizeof sb, "%s/sandbox", ps->dir);
	snprintf(net, sizeof net, "%s/net", sb);
	if (!nsfile_is_ns(net)) {
		if (nsfile_sandbox_create(sb, uts, err) < 0)
			return -1;
		fresh = 1;
	}
	ps->ip[0] = '\0';
	if (ps->host_network) {
		snprintf(ps->ip, sizeof ps->ip, "%s", ps->a->node_ip);
	} else {
		if ((cni = ps_cni(ps->a, err)) == NULL)
			return -1;
		json_array_foreach(json_object_get(spec, "containers"), i, c)
			json_array_foreach(json_object_get(c, "ports"), j, p) {
				if (!json_is_integer(json_object_get(p,
				    "hostPort")) || np == 32)
					continue;
				ports[np].container_port = (int)
				    json_integer_value(json_object_get(p,
				    "containerPort"));
				ports[np].host_port = (int)json_integer_value(
				    json_object_get(p, "hostPort"));
				ports[np].protocol = ps_str(p, "protocol");
				ports[np].host_ip = ps_str(p, "hostIP");
				np++;
			}
		/* an earlier ADD of this agent (a restart): keep it when it
		 * holds, else undo it first */
		if (cni_adopt(cni, ps->uid, net, "eth0", &res, err) < 0) {
			if (err->reason != ERR_NOT_FOUND) {
				err_clear(err);
				cni_del(cni, ps->uid, net, "eth0", err);
			}
			err_clear(err);
			/* new namespaces and nothing that needs the IP
			 * early: the ADD goes on while the first container
			 * is made */
			if (!(fresh && !ps_wants_ip(spec) &&
			    ps_net_start(ps, cni, net, ports, np) == 0)) {
				if (cni_add(cni, ps->uid, net, "eth0", ports,
				    np, &res, err) < 0)
					return -1;
				snprintf(ps->ip, sizeof ps->ip, "%s", res.ip);
			}
		} else
			snprintf(ps->ip, sizeof ps->ip, "%s", res.ip);
	}
	if (ps_etc_files(ps, uts, err) < 0) {
		/* the ADD is kept (cni_adopt takes it next time) */
		err_clear(&e2);
		ps_net_join(ps, &e2);
		return -1;
	}
	ps->sandbox = 1;
	return 0;
}

/* The pod's addresses, known here before the API has them. */
static void
ps_own_status(struct podsync *ps)
{
	json_t *st = json_object_get(ps->pod, "status");

	/* a copy of its own: ps->pod shares its members with the API's
	 * object (podsync_sync) */
	st = json_is_object(st) ? json_copy(st) : json_object();
	json_object_set_new(ps->pod, "status", st);
	json_object_set_new(st, "hostIP", json_string(ps->a->node_ip));
	json_object_set_new(st, "hostIPs", json_pack("[{s:s}]", "ip",
	    ps->a->node_ip));
	if (ps->ip[0] != '\0') {
		json_object_set_new(st, "podIP", json_string(ps->ip));
		json_object_set_new(st, "podIPs", json_pack("[{s:s}]", "ip",
		    ps->ip));
	}
}

static void
ps_id(const struct podsync *ps, const struct ctr *c, char *out, size_t n)
{
	snprintf(out, n, "%s-%s-%d", ps->uid, c->name, c->restarts);
}

/* Waiting state with a reason (and the event kubelet would record). */
static void
ps_wait(struct ctr *c, const char *reason, const char *msg)
{
	snprintf(c->waiting, sizeof c->waiting, "%s", reason);
	snprintf(c->waiting_msg, sizeof c->waiting_msg, "%s", msg ? msg : "");
}

static int
ps_pull(struct podsync *ps, struct ctr *c, struct image_info *img)
{
	const char *image = ps_str(c->spec, "image");
	const char *policy = ps_str(c->spec, "imagePullPolicy");
	char msg[1200];
	struct err err;
	struct timespec t0 = { 0, 0 }, t1;
	time_t now = time(NULL);
	int pulling = 0;

	if (now < c->pull_until) {
		snprintf(msg, sizeof msg, "Back-off pulling image \"%s\"",
		    image ? image : "");
		ps_wait(c, "ImagePullBackOff", msg);
		return -1;
	}
	err_clear(&err);
	if (policy == NULL || *policy == '\0')
		policy = "IfNotPresent";
	/* kubelet's events: Pulling and Pulled, or already present */
	if (strcmp(policy, "Always") == 0) {
		pulling = 1;
	} else if (strcmp(policy, "IfNotPresent") == 0) {
		pulling = image_lookup(ps->a->images, image ? image : "", img,
		    &err) < 0;
		if (!pulling)
			image_info_release(img);
	}
	if (pulling) {
		events_pod(ps->a, ps->pod, c->name, "Normal", "Pulling",
		    "Pulling image \"%s\"", image ? image : "");
		clock_gettime(CLOCK_MONOTONIC, &t0);
	}
	err_clear(&err);
	if (image_ensure(ps->a->images, image ? image : "", policy, NULL, img,
	    &err) < 0) {
		if (strcmp(policy, "Never") == 0) {
			ps_wait(c, "ErrImageNeverPull", err.msg);
			return -1;
		}
		snprintf(msg, sizeof msg, "Failed to pull image \"%s\": %s",
		    image ? image : "", err.msg);
		ps_wait(c, "ErrImagePull", msg);
		c->pull_backoff = c->pull_backoff ? c->pull_backoff * 2 :
		    BACKOFF_START;
		if (c->pull_backoff > BACKOFF_MAX)
			c->pull_backoff = BACKOFF_MAX;
		c->pull_until = now + c->pull_backoff;
		return -1;
	}
	c->pull_backoff = 0;
	c->pull_until = 0;
	if (pulling) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		events_pod(ps->a, ps->pod, c->name, "Normal", "Pulled",
		    "Successfully pulled image \"%s\" in %.3fs. Image size: "
		    "%lld bytes.", image ? image : "", (double)(t1.tv_sec -
		    t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, img->size);
	} else {
		events_pod(ps->a, ps->pod, c->name, "Normal", "Pulled",
		    "Container image \"%s\" already present on machine",
		    image ? image : "");
	}
	snprintf(c->image_id, sizeof c->image_id, "%s", img->digest_ref);
	snprintf(c->image_ref, sizeof c->image_ref, "%s", img->ref);
	return 0;
}

/* The mounts of c: its volumeMounts and the pod's /etc files. */
static json_t *
ps_mounts(struct podsync *ps, struct ctr *c, struct err *err)
{
	json_t *m = volumes_mounts(ps->pod, c->spec, ps->dir, err);
	const char *files[3][2] = { { "etc-hosts", "/etc/hosts" },
	    { "etc-hostname", "/etc/hostname" },
	    { "resolv.conf", "/etc/resolv.conf" } };
	char src[PATH_MAX];
	size_t i;

	if (m == NULL)
		return NULL;
	for (i = 0; i < 3; i++) {
		snprintf(src, sizeof src, "%s/%s", ps->dir, files[i][0]);
		json_array_append_new(m, json_pack("{s:s, s:s, s:b}",
		    "destination", files[i][1], "source", src, "readonly", 0));
	}
	return m;
}

/* The container's log directory and its current file. */
static void
ps_log_path(const struct podsync *ps, const struct ctr *c, char *dir,
    size_t dlen, char *file, size_t flen)
{
	snprintf(dir, dlen, "%s/logs/%s_%s_%s/%s", ps->a->opts.data_dir,
	    ps->ns, ps->name, ps->uid, c->name);
	snprintf(file, flen, "%s/%d.log", dir, c->restarts);
}

static int
ps_rotated_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/*
 * kubelet's log rotation: a current file over LOG_MAX_SIZE is kept as
 * N.log.<time> (a hard link) and conmon starts a new one; of the kept
 * ones, the newest LOG_MAX_FILES - 1 stay.
 */
static void
ps_rotate(struct podsync *ps, struct ctr *c)
{
	char dir[PATH_MAX], file[PATH_MAX], kept[PATH_MAX + 32], prefix[32];
	char *names[256];
	size_t n = 0, plen;
	struct stat st;
	struct tm tm;
	struct err err;
	struct dirent *de;
	time_t now = time(NULL);
	DIR *d;

	if (now - c->log_checked < 10)
		return;
	c->log_checked = now;
	ps_log_path(ps, c, dir, sizeof dir, file, sizeof file);
	if (stat(file, &st) < 0 || st.st_size < LOG_MAX_SIZE)
		return;
	gmtime_r(&now, &tm);
	snprintf(kept, sizeof kept, "%s.%04d%02d%02d-%02d%02d%02d", file,
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	err_clear(&err);
	if (link(file, kept) < 0 || runtime_ctl(ps->a->rt, c->id,
	    RUNTIME_CTL_REOPEN_LOG, 0, 0, &err) < 0) {
		fprintf(stderr, "kubec-agent: %s/%s: rotating %s: %s\n",
		    ps->ns, ps->name, file, err.reason ? err.msg :
		    strerror(errno));
		return;
	}
	snprintf(prefix, sizeof prefix, "%d.log.", c->restarts);
	plen = strlen(prefix);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL && n < 256)
		if (strncmp(de->d_name, prefix, plen) == 0)
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof *names, ps_rotated_cmp);
	for (size_t i = 0; i < n; i++) {
		if (names[i] != NULL && i + (LOG_MAX_FILES - 1) < n) {
			snprintf(kept, sizeof kept, "%s/%s", dir, names[i]);
			unlink(kept);
		}
		free(names[i]);
	}
}

static int
ps_start(struct podsync *ps, struct ctr *c)
{
	struct image_info img;
	struct oci_input in;
	struct runtime_ctr rc;
	char root[PATH_MAX], logdir[PATH_MAX], log[PATH_MAX], cg[PATH_MAX],
	    seccomp[PATH_MAX], sb[PATH_MAX], id[192];
	json_t *env = NULL, *mounts = NULL, *cfg = NULL;
	struct err err;
	int ret = -1;

	memset(&img, 0, sizeof img);
	err_clear(&err);
	if (ps_pull(ps, c, &img) < 0)
		return -1;
	if ((env = env_resolve(ps->a, ps->pod, c->spec, &err)) == NULL ||
	    (mounts = ps_mounts(ps, c, &err)) == NULL) {
		ps_wait(c, "CreateContainerConfigError", err.msg);
		goto out;
	}
	ps_id(ps, c, id, sizeof id);
	snprintf(root, sizeof root, "%s/containers/%s-%d", ps->dir, c->name,
	    c->restarts);
	/* a leftover of an earlier attempt */
	runtime_remove(ps->a->rt, id, &err);
	image_rootfs_umount(root, &err);
	err_clear(&err);
	ps_log_path(ps, c, logdir, sizeof logdir, log, sizeof log);
	snprintf(seccomp, sizeof seccomp, "%s/seccomp", ps->a->opts.data_dir);
	snprintf(sb, sizeof sb, "%s/sandbox", ps->dir);
	if (file_mkdirs(logdir, 0755, &err) < 0 ||
	    image_rootfs_mount(ps->a->images, &img, root, &err) < 0 ||
	    cgroups_pod_path(ps->uid, cg, sizeof cg, &err) < 0) {
		ps_wait(c, "CreateContainerError", err.msg);
		goto out;
	}
	snprintf(cg + strlen(cg), sizeof cg - strlen(cg), "/%s", id);
	snprintf(root + strlen(root), sizeof root - strlen(root), "/rootfs");
	memset(&in, 0, sizeof in);
	in.pod = ps->pod;
	in.container = c->spec;
	in.image_config = img.config;
	in.rootfs = root;
	in.sandbox_dir = sb;
	in.host_network = ps->host_network;
	in.env = env;
	in.mounts = mounts;
	in.cgroups_path = cg;
	in.seccomp_root = seccomp;
	if ((cfg = ociconfig_build(&in, &err)) == NULL) {
		ps_wait(c, "CreateContainerConfigError", err.msg);
		goto out;
	}
	memset(&rc, 0, sizeof rc);
	rc.id = id;
	rc.config = cfg;
	rc.log_path = log;
	/* conmon's own limit only backs up the agent's rotation */
	rc.log_size_max = 4 * LOG_MAX_SIZE;
	rc.stdin = json_is_true(json_object_get(c->spec, "stdin"));
	rc.stdin_once = json_is_true(json_object_get(c->spec, "stdinOnce"));
	rc.tty = json_is_true(json_object_get(c->spec, "tty"));
	cgroups_warm();
	if (runtime_create(ps->a->rt, &rc, &err) < 0) {
		ps_wait(c, "RunContainerError", err.msg);
		goto out;
	}
	/* no container starts before its pod's network is complete */
	if (ps_net_wait(ps, &err) < 0) {
		struct err e2;

		err_clear(&e2);
		runtime_remove(ps->a->rt, id, &e2);
		ps_sandbox_failed(ps, &err);
		goto out;
	}
	if (runtime_start(ps->a->rt, id, &err) < 0) {
		ps_wait(c, "RunContainerError", err.msg);
		goto out;
	}
	snprintf(c->id, sizeof c->id, "%s", id);
	events_pod(ps->a, ps->pod, c->name, "Normal", "Created",
	    "Created container: %s", c->name);
	events_pod(ps->a, ps->pod, c->name, "Normal", "Started",
	    "Started container %s", c->name);
	c->running = 1;
	c->exited = 0;
	c->waiting[0] = '\0';
	c->ready = 0;
	c->started = json_object_get(c->spec, "startupProbe") == NULL;
	c->run_since = time(NULL);
	ps_now(c->started_at, sizeof c->started_at);
	probe_init(&c->live, json_object_get(c->spec, "livenessProbe"),
	    c->run_since);
	probe_init(&c->readiness, json_object_get(c->spec, "readinessProbe"),
	    c->run_since);
	probe_init(&c->startup, json_object_get(c->spec, "startupProbe"),
	    c->run_since);
	ret = 0;
out:
	json_decref(env);
	json_decref(mounts);
	json_decref(cfg);
	image_info_release(&img);
	return ret;
}

/* Reads c's state from the runtime: running, or exited with a code. */
static void
ps_observe(struct podsync *ps, struct ctr *c)
{
	struct runtime_state st;
	struct err err;

	if (c->id[0] == '\0')
		return;
	err_clear(&err);
	if (runtime_state(ps->a->rt, c->id, &st, &err) < 0) {
		if (c->running) {
			/* gone without a trace: report it as kubelet does */
			c->running = 0;
			c->exited = 1;
			c->exit_code = 137;
			snprintf(c->reason, sizeof c->reason, "Error");
			ps_now(c->finished_at, sizeof c->finished_at);
		}
		return;
	}
	if (st.status == RUNTIME_RUNNING) {
		if (!c->running) {	/* adopted after a restart */
			c->running = 1;
			c->exited = 0;
			c->waiting[0] = '\0';
			c->started = json_object_get(c->spec,
			    "startupProbe") == NULL;
			c->run_since = st.started_at.tv_sec ?
			    st.started_at.tv_sec : time(NULL);
			ps_ts(&st.started_at, c->started_at,
			    sizeof c->started_at);
			probe_init(&c->live, json_object_get(c->spec,
			    "livenessProbe"), c->run_since);
			probe_init(&c->readiness, json_object_get(c->spec,
			    "readinessProbe"), c->run_since);
			probe_init(&c->startup, json_object_get(c->spec,
			    "startupProbe"), c->run_since);
		}
		return;
	}
	if (st.status == RUNTIME_EXITED && (c->running || !c->exited)) {
		c->running = 0;
		c->exited = 1;
		c->ready = 0;
		c->exit_code = st.exit_code;
		snprintf(c->reason, sizeof c->reason, "%s", st.reason[0] ?
		    st.reason : st.exit_code == 0 ? "Completed" : "Error");
		if (st.started_at.tv_sec)
			ps_ts(&st.started_at, c->started_at,
			    sizeof c->started_at);
		ps_ts(&st.finished_at, c->finished_at, sizeof c->finished_at);
	}
}

static json_t *
ps_terminated(const struct ctr *c)
{
	char cid[220];

	snprintf(cid, sizeof cid, "crun://%s", c->id);
	return json_pack("{s:{s:i, s:s, s:s, s:s, s:s}}", "terminated",
	    "exitCode", c->exit_code, "reason", c->reason, "startedAt",
	    c->started_at[0] ? c->started_at : c->finished_at, "finishedAt",
	    c->finished_at, "containerID", cid);
}

/* Whether an exited c starts again under the pod's restartPolicy. */
static int
ps_restarts(const struct podsync *ps, const struct ctr *c)
{
	const char *p = ps_restart_policy(ps);

	if (c->init)	/* init containers: Always acts as OnFailure */
		return c->exit_code != 0 && strcmp(p, "Never") != 0;
	return strcmp(p, "Always") == 0 || (strcmp(p, "OnFailure") == 0 &&
	    c->exit_code != 0);
}

/* An exited container about to run again: its state becomes the last
 * state, and the restart waits for the back-off. */
static int
ps_restart(struct podsync *ps, struct ctr *c)
{
	char msg[512];
	struct err err;
	time_t now = time(NULL);

	if (c->backoff_until == 0) {
		/* a run of 10 min or more resets the back-off */
		if (c->run_since && now - c->run_since > 600)
			c->backoff = 0;
		c->backoff = c->backoff ? c->backoff * 2 : BACKOFF_START;
		if (c->backoff > BACKOFF_MAX)
			c->backoff = BACKOFF_MAX;
		c->backoff_until = now + (c->restarts == 0 ? 0 : c->backoff);
	}
	if (now < c->backoff_until) {
		snprintf(msg, sizeof msg, "back-off %ds restarting failed "
		    "container=%s pod=%s_%s(%s)", c->backoff, c->name, ps->name,
		    ps->ns, ps->uid);
		ps_wait(c, "CrashLoopBackOff", msg);
		return -1;
	}
	json_decref(c->last);
	c->last = ps_terminated(c);
	err_clear(&err);
	runtime_remove(ps->a->rt, c->id, &err);
	c->id[0] = '\0';
	c->restarts++;
	c->exited = 0;
	c->backoff_until = 0;
	return ps_start(ps, c);
}

static int
ps_exec_probe(void *arg, const json_t *command, int timeout_s, char *msg,
    size_t msglen)
{
	struct ctr *c = ((void **)arg)[1];
	struct podsync *ps = ((void **)arg)[0];
	char *argv[64];
	struct buf out = BUF_INIT(64 * 1024);
	struct err err;
	size_t i, n = 0;
	json_t *a;
	int status = -1, ok;

	json_array_foreach(command, i, a)
		if (n < 63 && json_is_string(a))
			argv[n++] = (char *)json_string_value(a);
	argv[n] = NULL;
	if (n == 0)
		return 0;
	err_clear(&err);
	ok = runtime_exec(ps->a->rt, c->id, argv, timeout_s * 1000, &out,
	    &status, &err) == 0 && status == 0;
	if (!ok)
		snprintf(msg, msglen, "%s", err.reason != ERR_NONE ? err.msg :
		    buf_str(&out));
	buf_release(&out);
	return ok;
}

/* Stops c: preStop hook, SIGTERM, up to grace seconds, SIGKILL. */
static void
ps_stop(struct podsync *ps, struct ctr *c, int grace)
{
	const json_t *pre = json_object_get(json_object_get(json_object_get(
	    c->spec, "lifecycle"), "preStop"), "exec");
	struct runtime_state st;
	struct err err;
	time_t end = time(NULL) + grace;
	char msg[256];
	void *arg[2] = { ps, c };

	if (c->id[0] == '\0' || !c->running)
		return;
	err_clear(&err);
	if (pre != NULL && grace > 0)
		ps_exec_probe(arg, json_object_get(pre, "command"), grace, msg,
		    sizeof msg);
	runtime_kill(ps->a->rt, c->id, SIGTERM, &err);
	while (time(NULL) < end) {
		if (runtime_state(ps->a->rt, c->id, &st, &err) < 0 ||
		    st.status != RUNTIME_RUNNING)
			break;
		usleep(100 * 1000);
	}
	if (runtime_state(ps->a->rt, c->id, &st, &err) == 0 &&
	    st.status == RUNTIME_RUNNING) {
		runtime_kill(ps->a->rt, c->id, SIGKILL, &err);
		usleep(100 * 1000);
	}
	ps_observe(ps, c);
}

/* Probes of a running c; a failed liveness probe restarts it. */
static void
ps_probe(struct podsync *ps, struct ctr *c)
{
	void *arg[2] = { ps, c };
	time_t now = time(NULL);

	if (!c->running)
		return;
	if (!c->started) {
		if (probe_due(&c->startup, now) && probe_run(&c->startup,
		    c->spec, ps->ip, ps_exec_probe, arg, now) == PROBE_SUCCESS)
			c->started = 1;
		else if (c->startup.result == PROBE_FAILURE) {
			events_pod(ps->a, ps->pod, c->name, "Warning",
			    "Unhealthy", "Startup probe failed: %s",
			    c->startup.msg);
			events_pod(ps->a, ps->pod, c->name, "Normal", "Killing",
			    "Container %s failed startup probe, will be "
			    "restarted", c->name);
			ps_stop(ps, c, 2);
			return;
		}
		if (!c->started)
			return;
	}
	if (probe_due(&c->live, now) && probe_run(&c->live, c->spec, ps->ip,
	    ps_exec_probe, arg, now) == PROBE_FAILURE) {
		fprintf(stderr, "kubec-agent: %s/%s: container %s failed "
		    "liveness probe, will be restarted: %s\n", ps->ns, ps->name,
		    c->name, c->live.msg);
		events_pod(ps->a, ps->pod, c->name, "Warning", "Unhealthy",
		    "Liveness probe failed: %s", c->live.msg);
		events_pod(ps->a, ps->pod, c->name, "Normal", "Killing",
		    "Container %s failed liveness probe, will be restarted",
		    c->name);
		ps_stop(ps, c, (int)json_integer_value(json_object_get(
		    json_object_get(ps->pod, "spec"),
		    "terminationGracePeriodSeconds")));
		c->live.result = PROBE_UNKNOWN;
		return;
	}
	if (json_object_get(c->spec, "readinessProbe") == NULL)
		c->ready = 1;
	else if (probe_due(&c->readiness, now)) {
		c->ready = probe_run(&c->readiness, c->spec, ps->ip,
		    ps_exec_probe, arg, now) == PROBE_SUCCESS;
		if (c->readiness.result == PROBE_FAILURE)
			events_pod(ps->a, ps->pod, c->name, "Warning",
			    "Unhealthy", "Readiness probe failed: %s",
			    c->readiness.msg);
	}
}

static json_t *
ps_ctr_status(const struct podsync *ps, const struct ctr *c)
{
	const char *image = ps_str(c->spec, "image");
	char cid[220];
	json_t *st, *state;

	if (c->running)
		state = json_pack("{s:{s:s}}", "running", "startedAt",
		    c->started_at);
	else if (c->exited && c->waiting[0] == '\0')
		state = ps_terminated(c);
	else if (c->waiting_msg[0] != '\0')
		state = json_pack("{s:{s:s, s:s}}", "waiting", "reason",
		    c->waiting, "message", c->waiting_msg);
	else
		state = json_pack("{s:{s:s}}", "waiting", "reason",
		    c->waiting[0] ? c->waiting : "ContainerCreating");
	st = json_pack("{s:s, s:o, s:o, s:b, s:i, s:s, s:s, s:b}", "name",
	    c->name, "state", state, "lastState", c->last ?
	    json_deep_copy(c->last) : json_object(), "ready", c->running &&
	    c->ready && c->started, "restartCount", c->restarts, "image",
	    c->image_ref[0] ? c->image_ref : image ? image : "", "imageID",
	    c->image_id, "started", c->running && c->started);
	if (c->id[0] != '\0' && (c->running || c->exited)) {
		snprintf(cid, sizeof cid, "crun://%s", c->id);
		json_object_set_new(st, "containerID", json_string(cid));
	}
	(void)ps;
	return st;
}

static json_t *
ps_condition(const char *type, int ok, const char *reason, const char *now)
{
	json_t *c = json_pack("{s:s, s:s, s:n, s:s}", "type", type, "status",
	    ok ? "True" : "False", "lastProbeTime", "lastTransitionTime", now);

	if (!ok && reason != NULL)
		json_object_set_new(c, "reason", json_string(reason));
	return c;
}

/* The events kubelet records when a container starts to wait for a
 * reason (once per change of reason; repeats raise their count). */
static void
ps_events(struct podsync *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++) {
		struct ctr *c = &ps->c[i];
		const char *w = c->running ? "" : c->waiting;

		if (strcmp(w, c->ev_waiting) == 0)
			continue;
		snprintf(c->ev_waiting, sizeof c->ev_waiting, "%s", w);
		if (strcmp(w, "ErrImagePull") == 0 ||
		    strcmp(w, "ErrImageNeverPull") == 0)
			events_pod(ps->a, ps->pod, c->name, "Warning",
			    strcmp(w, "ErrImageNeverPull") == 0 ?
			    "ErrImageNeverPull" : "Failed", "%s",
			    c->waiting_msg);
		else if (strcmp(w, "ImagePullBackOff") == 0)
			events_pod(ps->a, ps->pod, c->name, "Normal", "BackOff",
			    "%s", c->waiting_msg);
		else if (strcmp(w, "CrashLoopBackOff") == 0)
			events_pod(ps->a, ps->pod, c->name, "Warning",
			    "BackOff", "Back-off restarting failed container "
			    "%s in pod %s_%s(%s)", c->name, ps->name, ps->ns,
			    ps->uid);
		if (strcmp(w, "ErrImagePull") == 0 ||
		    strcmp(w, "ErrImageNeverPull") == 0 ||
		    strcmp(w, "ImagePullBackOff") == 0)
			events_pod(ps->a, ps->pod, c->name, "Warning", "Failed",
			    "Error: %s", w);
		else if (strncmp(w, "CreateContainer", 15) == 0 ||
		    strcmp(w, "RunContainerError") == 0)
			events_pod(ps->a, ps->pod, c->name, "Warning", "Failed",
			    "Error: %s", c->waiting_msg);
	}
}

/* The pod's status as kubelet computes it; PATCHed when it changed. */
static void
ps_report(struct podsync *ps)
{
	json_t *st, *cs = json_array(), *ics = json_array(), *conds, *patch,
	    *old = json_object_get(ps->pod, "status");
	size_t i, ninit = 0, nrun = 0, nready = 0, nctr = 0, ndone = 0,
	    nfail = 0, ninit_done = 0;
	const char *phase;
	char now[64], path[1024], *text;
	struct err err;
	int initialized;

	ps_events(ps);
	ps_now(now, sizeof now);
	for (i = 0; i < ps->n; i++) {
		struct ctr *c = &ps->c[i];

		json_array_append_new(c->init ? ics : cs, ps_ctr_status(ps, c));
		if (c->init) {
			ninit++;
			if (c->exited && c->exit_code == 0)
				ninit_done++;
			continue;
		}
		nctr++;
		if (c->running)
			nrun++;
		if (c->running && c->ready && c->started)
			nready++;
		if (c->exited && !c->running && c->waiting[0] == '\0') {
			ndone++;
			if (c->exit_code != 0)
				nfail++;
		}
	}
	initialized = ninit_done == ninit;
	if (ps->failed)
		phase = "Failed";
	else if (!initialized)
		phase = "Pending";
	else if (ndone == nctr && nctr > 0 && strcmp(ps_restart_policy(ps),
	    "Always") != 0 && (nfail == 0 || strcmp(ps_restart_policy(ps),
	    "Never") == 0))
		phase = nfail ? "Failed" : "Succeeded";
	else if (nrun > 0 || ndone > 0)
		phase = "Running";
	else
		phase = "Pending";
	if (strcmp(phase, "Succeeded") == 0)
		ps->succeeded = 1;
	if (strcmp(phase, "Failed") == 0)
		ps->failed = 1;
	conds = json_pack("[o, o, o, o, o]",
	    ps_condition("PodReadyToStartContainers", ps->sandbox, NULL, now),
	    ps_condition("Initialized", initialized, "ContainersNotInitialized",
	    now),
	    ps_condition("Ready", nready == nctr && nctr > 0 && !ps->succeeded,
	    ps->succeeded ? "PodCompleted" : "ContainersNotReady", now),
	    ps_condition("ContainersReady", nready == nctr && nctr > 0 &&
	    !ps->succeeded, ps->succeeded ? "PodCompleted" :
	    "ContainersNotReady", now),
	    ps_condition("PodScheduled", 1, NULL, now));
	if (ps->start_time[0] == '\0')
		snprintf(ps->start_time, sizeof ps->start_time, "%s",
		    ps_str(old, "startTime") ? ps_str(old, "startTime") : now);
	st = json_pack("{s:s, s:o, s:s, s:[{s:s}], s:s, s:o}", "phase", phase,
	    "conditions", conds, "hostIP", ps->a->node_ip, "hostIPs", "ip",
	    ps->a->node_ip, "startTime", ps->start_time, "containerStatuses",
	    cs);
	if (ninit > 0)
		json_object_set_new(st, "initContainerStatuses", ics);
	else
		json_decref(ics);
	if (ps->ip[0] != '\0') {
		json_object_set_new(st, "podIP", json_string(ps->ip));
		json_object_set_new(st, "podIPs", json_pack("[{s:s}]", "ip",
		    ps->ip));
	}
	if (ps->fail_reason[0] != '\0') {
		json_object_set_new(st, "reason", json_string(ps->fail_reason));
		json_object_set_new(st, "message", json_string(ps->fail_msg));
	}
	if (json_object_get(old, "qosClass") != NULL)
		json_object_set(st, "qosClass", json_object_get(old,
		    "qosClass"));
	/* the times in conditions change every call: compare without */
	patch = json_deep_copy(st);
	json_array_foreach(json_object_get(patch, "conditions"), i, conds)
		json_object_del(conds, "lastTransitionTime");
	text = json_dumps(patch, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(patch);
	if (text != NULL && ps->last_status != NULL &&
	    strcmp(text, ps->last_status) == 0) {
		free(text);
		json_decref(st);
		return;
	}
	/* keep a condition's transition time while its status holds */
	json_array_foreach(json_object_get(st, "conditions"), i, conds) {
		json_t *oc;
		size_t j;

		json_array_foreach(json_object_get(old, "conditions"), j, oc)
			if (strcmp(ps_str(oc, "type") ? ps_str(oc, "type") : "",
			    ps_str(conds, "type")) == 0 && ps_str(oc, "status") &&
			    strcmp(ps_str(oc, "status"), ps_str(conds,
			    "status")) == 0 && ps_str(oc, "lastTransitionTime"))
				json_object_set(conds, "lastTransitionTime",
				    json_object_get(oc, "lastTransitionTime"));
	}
	patch = json_pack("{s:o}", "status", st);
	snprintf(path, sizeof path, "/api/v1/namespaces/%s/pods/%s/status",
	    ps->ns, ps->name);
	err_clear(&err);
	if (rest_do(ps->a->api, "PATCH", path, "application/merge-patch+json",
	    patch, NULL, &err) < 0) {
		if (err.reason != ERR_NOT_FOUND)
			fprintf(stderr, "kubec-agent: %s/%s: status: %s\n",
			    ps->ns, ps->name, err.msg);
		free(text);
	} else {
		free(ps->last_status);
		ps->last_status = text;
	}
	json_decref(patch);
}

/* Removes everything of the pod from the node. */
static void
ps_teardown(struct podsync *ps)
{
	char sb[PATH_MAX], net[PATH_MAX], root[PATH_MAX];
	struct err err;
	size_t i;
	int r;

	err_clear(&err);
	/* no DEL while an ADD is under way */
	ps_net_join(ps, &err);
	err_clear(&err);
	for (i = 0; i < ps->n; i++) {
		struct ctr *c = &ps->c[i];

		if (c->id[0] != '\0')
			runtime_remove(ps->a->rt, c->id, &err);
		for (r = 0; r <= c->restarts; r++) {
			snprintf(root, sizeof root, "%s/containers/%s-%d",
			    ps->dir, c->name, r);
			image_rootfs_umount(root, &err);
		}
	}
	snprintf(sb, sizeof sb, "%s/sandbox", ps->dir);
	snprintf(net, sizeof net, "%s/net", sb);
	if (!ps->host_network && ps->a->cni != NULL)
		cni_del(ps->a->cni, ps->uid, net, "eth0", &err);
	nsfile_sandbox_destroy(sb, &err);
	if (ps->pod != NULL)
		volumes_teardown(ps->pod, ps->dir, &err);
	cgroups_pod_remove(ps->uid, &err);
	{
		char *argv[] = { "rm", "-rf", "--one-file-system", ps->dir,
		    NULL };
		struct proc p = { .argv = argv, .timeout_ms = 60000 };

		proc_run_ok(&p, &err);
	}
	ps->sandbox = 0;
}

/* One container stopped by a thread of its own (ps_terminate). */
struct ps_stopper {
	struct podsync	*ps;
	struct ctr	*c;
	int		 grace;
	int		 started;
	pthread_t	 thread;
};

static void *
ps_stop_thread(void *arg)
{
	struct ps_stopper *s = arg;

	ps_stop(s->ps, s->c, s->grace);
	return NULL;
}

/* A pod being deleted: stop its containers within its grace period, all
 * at once (each its preStop hook, SIGTERM, the wait, SIGKILL), clean up,
 * and delete the object for good (grace 0), as kubelet does. */
static void
ps_terminate(struct podsync *ps)
{
	const json_t *m = json_object_get(ps->pod, "metadata");
	json_t *g = json_object_get(m, "deletionGracePeriodSeconds");
	int grace = json_is_integer(g) ? (int)json_integer_value(g) : 30;
	struct ps_stopper *st = calloc(ps->n ? ps->n : 1, sizeof *st);
	char path[1024];
	json_t *opts;
	struct err err;
	size_t i;

	for (i = 0; i < ps->n; i++) {
		if (!ps->c[i].running)
			continue;
		events_pod(ps->a, ps->pod, ps->c[i].name, "Normal", "Killing",
		    "Stopping container %s", ps->c[i].name);
		if (st != NULL) {
			st[i].ps = ps;
			st[i].c = &ps->c[i];
			st[i].grace = grace;
			st[i].started = pthread_create(&st[i].thread, NULL,
			    ps_stop_thread, &st[i]) == 0;
		}
		if (st == NULL || !st[i].started)
			ps_stop(ps, &ps->c[i], grace);
	}
	for (i = 0; st != NULL && i < ps->n; i++)
		if (st[i].started)
			pthread_join(st[i].thread, NULL);
	free(st);
	for (i = 0; i < ps->n; i++)
		if (ps->c[i].running)
			ps_stop(ps, &ps->c[i], 0);
	ps_report(ps);
	ps_teardown(ps);
	snprintf(path, sizeof path, "/api/v1/namespaces/%s/pods/%s", ps->ns,
	    ps->name);
	opts = json_pack("{s:s, s:s, s:i, s:{s:s}}", "kind", "DeleteOptions",
	    "apiVersion", "v1", "gracePeriodSeconds", 0, "preconditions",
	    "uid", ps->uid);
	err_clear(&err);
	if (rest_do(ps->a->api, "DELETE", path, NULL, opts, NULL, &err) < 0 &&
	    err.reason != ERR_NOT_FOUND && err.reason != ERR_CONFLICT)
		fprintf(stderr, "kubec-agent: %s/%s: delete: %s\n", ps->ns,
		    ps->name, err.msg);
	json_decref(opts);
}

/* The end of a pass: an ADD still under way (no container was made)
 * is joined, so none outlives the pass that began it. */
static void
ps_net_settle(struct podsync *ps)
{
	struct err err;

	err_clear(&err);
	if (ps_net_wait(ps, &err) < 0)
		ps_sandbox_failed(ps, &err);
}

int
podsync_sync(struct podsync *ps, json_t *pod, int gone)
{
	struct err err;
	size_t i;
	int blocked = 0;

	if (pod != NULL) {
		/* the API's object is shared, never changed: a new top level
		 * is enough for the status set on it (ps_own_status) */
		json_decref(ps->pod);
		ps->pod = json_copy(pod);
	}
	if (ps->pod == NULL)
		return 1;
	ps_containers(ps);
	if (gone) {
		for (i = 0; i < ps->n; i++)
			ps_stop(ps, &ps->c[i], 0);
		ps_teardown(ps);
		return 1;
	}
	if (json_object_get(json_object_get(ps->pod, "metadata"),
	    "deletionTimestamp") != NULL) {
		ps_terminate(ps);
		return 1;
	}
	for (i = 0; i < ps->n; i++)
		ps_observe(ps, &ps->c[i]);
	ps->wait_ms = 1000;
	if (ps->succeeded || ps->failed) {
		ps->wait_ms = 10000;
		ps_report(ps);
		return 0;
	}
	err_clear(&err);
	if (ps_sandbox(ps, &err) < 0) {
		ps_sandbox_failed(ps, &err);
		ps_report(ps);
		return 0;
	}
	/* what the API may not show yet: env and downwardAPI read it */
	ps_own_status(ps);
	if (time(NULL) - ps->volumes_at >= 10) {
		err_clear(&err);
		if (volumes_setup(ps->a, ps->pod, ps->dir, &err) < 0) {
			events_pod(ps->a, ps->pod, NULL, "Warning",
			    "FailedMount", "%s", err.msg);
			for (i = 0; i < ps->n; i++)
				if (!ps->c[i].running && !ps->c[i].exited)
					ps_wait(&ps->c[i], ps->c[i].init ?
					    "PodInitializing" :
					    "ContainerCreating", err.msg);
			ps_net_settle(ps);
			ps_report(ps);
			return 0;
		}
		ps->volumes_at = time(NULL);
	}
	for (i = 0; i < ps->n; i++) {
		struct ctr *c = &ps->c[i];

		if (c->init) {
			if (blocked)
				continue;
			if (c->exited && c->exit_code == 0)
				continue;
			blocked = 1;	/* one init container at a time */
			if (c->running)
				continue;
			if (!c->exited && c->id[0] == '\0') {
				ps_start(ps, c);
			} else if (c->exited) {
				if (!ps_restarts(ps, c)) {
					ps->failed = 1;
					snprintf(ps->fail_reason,
					    sizeof ps->fail_reason, "%s", "");
					break;
				}
				ps_restart(ps, c);
			}
			if (!ps->sandbox)	/* its network failed */
				break;
			continue;
		}
		if (blocked)
			continue;
		if (c->running) {
			ps_probe(ps, c);
			ps_rotate(ps, c);
			continue;
		}
		if (!c->exited && c->id[0] == '\0') {
			if (strcmp(c->waiting, "PodInitializing") == 0)
				ps_wait(c, "ContainerCreating", NULL);
			ps_start(ps, c);
		} else if (c->exited && ps_restarts(ps, c))
			ps_restart(ps, c);
		if (!ps->sandbox)
			break;
	}
	ps_net_settle(ps);
	ps_report(ps);
	return 0;
}

/* After an agent restart: containers of pods this node no longer has
 * are removed. */
void
podsync_adopt(struct agent *a, const json_t *pods)
{
	struct runtime_state *st = NULL;
	struct err err;
	size_t n = 0, i, j;
	const json_t *p;
	int live;

	err_clear(&err);
	if (runtime_list(a->rt, &st, &n, &err) < 0)
		return;
	for (i = 0; i < n; i++) {
		live = 0;
		json_array_foreach(pods, j, p) {
			const char *uid = ps_str(json_object_get(p, "metadata"),
			    "uid");

			if (uid != NULL && strncmp(st[i].id, uid,
			    strlen(uid)) == 0)
				live = 1;
		}
		if (!live)
			runtime_remove(a->rt, st[i].id, &err);
	}
	free(st);
}
