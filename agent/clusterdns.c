/* clusterdns.c - the cluster DNS, served on every node by Debian's dnsmasq
 * as NodeLocal DNSCache serves it: the node holds the cluster DNS address
 * (--cluster-dns; by default the 10th of the service range, the
 * kube-system/kube-dns Service's) on its loopback interface, so that its
 * pods' queries end on the node itself, and a dnsmasq the agent runs
 * answers there from a records file kept current from the API.
 *
 * Mirrors (mirror.c) of Services, EndpointSlices and Namespaces feed two
 * pure renderings: the records (a hosts file: <svc>.<ns>.svc.<domain> at
 * the ClusterIP, or at each ready endpoint of a headless Service, and
 * <hostname>.<svc>.<ns>.svc.<domain> for endpoints that name a host, as
 * StatefulSet pods do) and dnsmasq's configuration (the addresses to
 * answer at, <domain> answered locally only, a synthesized
 * <a-b-c-d>.<ns>.pod.<domain> per namespace over --cluster-cidr, as
 * CoreDNS's "pods insecure", and the node's own resolvers for other
 * names).  A new records file reaches dnsmasq with a SIGHUP (it reads it
 * again and empties its cache); a new configuration restarts it.
 *
 * dnsmasq outlives an agent killed with -9 (the pid file in DATA/dns): the
 * next agent adopts it, so names resolve while the agent is away.  An
 * agent that stops gracefully stops it.  Not served: SRV records and
 * ExternalName services (dnsmasq makes CNAMEs only to names it knows). */
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"
#include "pod.h"
#include "../lib/buf.h"
#include "../lib/file.h"
#include "../lib/proc.h"

#define CLUSTERDNS_DEBOUNCE_MS	50	/* changes gathered before a write */
#define CLUSTERDNS_CHECK_SECONDS 30	/* the node's resolvers read again */
#define CLUSTERDNS_MAX_TEXT	((size_t)64 << 20)
#define CLUSTERDNS_TTL		5	/* seconds, CoreDNS's default */
#define CLUSTERDNS_PODS_PORT	10053	/* the pod names' dnsmasq */

/* One dnsmasq: the cluster's names (main) or the pods' (pods). */
struct clusterdns_proc {
	const char	*name;		/* DIR/<name>.conf, DIR/<name>.pid */
	pid_t		 pid;		/* 0: none */
	int		 child;		/* ours to reap (not adopted) */
	char		*conf;		/* the configuration it runs with */
	int		 backoff;	/* seconds, while it keeps dying */
	time_t		 retry_at;
};

struct clusterdns {
	struct agent	*a;
	pthread_mutex_t	*mu;		/* a->mirror_mu */
	pthread_cond_t	 cond;
	struct mirror	*svc, *eps;	/* shared */
	struct mirror	 nss;
	int		 dirty;
	pthread_t	 thread;
	int		 started;
	char		 dir[4096];
	char		 prog[4096];	/* dnsmasq's path */
	char		 listen[512];	/* "IP[,IP]" once known */
	struct clusterdns_proc main, pods;
	char		*hosts;		/* the records last written */
	char		*servers;	/* the forwarders last written */
};

/* ---- rendering (pure) ---- */

/* A DNS label (namespaces, service names, hostnames): refused else. */
static int
clusterdns_label_ok(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (n == 0 || n > 63 || *s == '-' || s[n - 1] == '-')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	return 1;
}

/* An IPv4 or IPv6 address as it may go into a hosts file. */
static int
clusterdns_ip_ok(const char *s)
{
	unsigned char a[16];

	return s != NULL && (inet_pton(AF_INET, s, a) == 1 ||
	    inet_pton(AF_INET6, s, a) == 1);
}

/* Whether an endpoint of a slice is published: ready (unset counts as
 * ready), or any when the Service publishes not-ready addresses. */
static int
clusterdns_ep_ready(const json_t *ep, int publish_not_ready)
{
	const json_t *r = json_object_get(json_object_get(ep, "conditions"),
	    "ready");

	return publish_not_ready || r == NULL || json_is_true(r);
}

/* The records of the ready endpoints of headless Service ns/name. */
static int
clusterdns_headless(const json_t *svc, const char *ns, const char *name,
    const json_t *slices, const char *domain, struct buf *out)
{
	const json_t *sl, *ep, *addr;
	const char *host, *ip;
	size_t i, j, k;
	int bad = 0, pnr = json_is_true(json_object_get(json_object_get(svc,
	    "spec"), "publishNotReadyAddresses"));

	json_array_foreach(slices, i, sl) {
		json_array_foreach(json_object_get(sl, "endpoints"), j, ep) {
			if (!clusterdns_ep_ready(ep, pnr))
				continue;
			host = json_string_value(json_object_get(ep,
			    "hostname"));
			json_array_foreach(json_object_get(ep, "addresses"), k,
			    addr) {
				ip = json_string_value(addr);
				if (!clusterdns_ip_ok(ip))
					continue;
				bad |= buf_addf(out, "%s", ip) < 0;
				if (clusterdns_label_ok(host))
					bad |= buf_addf(out, " %s.%s.%s.svc.%s",
					    host, name, ns, domain) < 0;
				bad |= buf_addf(out, " %s.%s.svc.%s\n", name,
				    ns, domain) < 0;
			}
		}
	}
	return bad;
}

int
clusterdns_render_hosts(const json_t *services, const json_t *slices,
    const char *domain, struct buf *out, struct err *err)
{
	json_t *by_svc = json_object(), *list;
	const char **keys = NULL, *key, *ns, *name, *svcname, *ip;
	const json_t *svc, *sl, *ips, *v;
	char k[300];
	size_t n, i, j;
	int bad;

	bad = buf_adds(out, "# the cluster's names, written by kubec-agent "
	    "(clusterdns.c)\n") < 0;
	/* the slices of each service: "ns/name" -> [slice...] */
	json_object_foreach((json_t *)slices, key, sl) {
		ns = mirror_str(sl, "metadata", "namespace");
		svcname = json_string_value(json_object_get(json_object_get(
		    json_object_get(sl, "metadata"), "labels"),
		    "kubernetes.io/service-name"));
		if (ns == NULL || svcname == NULL)
			continue;
		snprintf(k, sizeof k, "%s/%s", ns, svcname);
		if ((list = json_object_get(by_svc, k)) == NULL) {
			list = json_array();
			json_object_set_new(by_svc, k, list);
		}
		json_array_append((json_t *)list, (json_t *)sl);
	}
	keys = mirror_keys(services, &n);
	for (i = 0; i < n; i++) {
		svc = json_object_get(services, keys[i]);
		ns = mirror_str(svc, "metadata", "namespace");
		name = mirror_str(svc, "metadata", "name");
		if (!clusterdns_label_ok(ns) || !clusterdns_label_ok(name) ||
		    strcmp(mirror_str(svc, "spec", "type") ?: "",
		    "ExternalName") == 0)
			continue;
		ip = mirror_str(svc, "spec", "clusterIP");
		if (ip != NULL && strcmp(ip, "None") == 0) {
			snprintf(k, sizeof k, "%s/%s", ns, name);
			bad |= clusterdns_headless(svc, ns, name,
			    json_object_get(by_svc, k), domain, out);
			continue;
		}
		ips = json_object_get(json_object_get(svc, "spec"),
		    "clusterIPs");
		if (json_array_size(ips) == 0 && clusterdns_ip_ok(ip))
			bad |= buf_addf(out, "%s %s.%s.svc.%s\n", ip, name,
			    ns, domain) < 0;
		json_array_foreach(ips, j, v) {
			ip = json_string_value(v);
			if (clusterdns_ip_ok(ip))
				bad |= buf_addf(out, "%s %s.%s.svc.%s\n", ip,
				    name, ns, domain) < 0;
		}
	}
	free(keys);
	json_decref(by_svc);
	if (bad)
		return err_set(err, ERR_INTERNAL, "the cluster's DNS records "
		    "are too large");
	return 0;
}

/* Each address of a comma-separated list, to fn. */
static void
clusterdns_each(const char *list, void (*fn)(const char *ip, void *arg),
    void *arg)
{
	char ip[64];
	const char *s, *e;

	for (s = list; s != NULL && *s != '\0'; s = *e ? e + 1 : e) {
		e = strchr(s, ',');
		if (e == NULL)
			e = s + strlen(s);
		if ((size_t)(e - s) < sizeof ip) {
			memcpy(ip, s, e - s);
			ip[e - s] = '\0';
			fn(ip, arg);
		}
	}
}

static void
clusterdns_listen_line(const char *ip, void *arg)
{
	if (buf_addf(arg, "listen-address=%s\n", ip) < 0)
		buf_truncate(arg, 0);	/* seen as too large */
}

/* Whether ip is one of the comma-separated list. */
int
clusterdns_in_list(const char *list, const char *ip)
{
	size_t n = strlen(ip);
	const char *s;

	for (s = list; s != NULL && *s != '\0'; s++) {
		if (strncmp(s, ip, n) == 0 && (s[n] == ',' || s[n] == '\0'))
			return 1;
		if ((s = strchr(s, ',')) == NULL)
			break;
	}
	return 0;
}

/* The first address of a comma-separated list into out. */
static void
clusterdns_first(const char *list, char *out, size_t n)
{
	size_t len = strcspn(list ? list : "", ",");

	snprintf(out, n, "%.*s", (int)len, list ? list : "");
}

int
clusterdns_render_conf(const struct clusterdns_config *cfg, struct buf *out,
    struct err *err)
{
	int bad;

	bad = buf_addf(out,
	    "# dnsmasq of the cluster DNS, written by kubec-agent "
	    "(clusterdns.c)\n"
	    "port=%d\n"
	    "bind-interfaces\n", cfg->port) < 0;
	clusterdns_each(cfg->listen, clusterdns_listen_line, out);
	bad |= out->len == 0 || buf_addf(out,
	    "no-hosts\n"
	    "no-resolv\n"
	    "no-poll\n"
	    "domain-needed\n"
	    "user=root\n"
	    "group=root\n"
	    "pid-file=%s/dnsmasq.pid\n"
	    "log-facility=%s/dnsmasq.log\n"
	    "cache-size=1000\n"
	    "local-ttl=%d\n"
	    "addn-hosts=%s/hosts\n"
	    "servers-file=%s/servers\n"
	    "local=/%s/\n", cfg->dir, cfg->dir, CLUSTERDNS_TTL, cfg->dir,
	    cfg->dir, cfg->domain) < 0;
	if (bad)
		return err_set(err, ERR_INTERNAL, "dnsmasq's configuration is "
		    "too large");
	return 0;
}

int
clusterdns_render_servers(const struct clusterdns_config *cfg,
    struct buf *out, struct err *err)
{
	const char *up;
	const json_t *v;
	char first[64];
	size_t i;
	int bad;

	clusterdns_first(cfg->listen, first, sizeof first);
	bad = buf_addf(out, "# where the cluster DNS forwards, written by "
	    "kubec-agent (clusterdns.c)\n") < 0;
	if (cfg->cluster_cidr != NULL && *cfg->cluster_cidr != '\0')
		bad |= buf_addf(out, "server=/pod.%s/%s#%d\n", cfg->domain,
		    first, cfg->pods_port) < 0;
	json_array_foreach(cfg->upstreams, i, v) {
		up = json_string_value(v);
		if (clusterdns_ip_ok(up) && !clusterdns_in_list(cfg->listen,
		    up))
			bad |= buf_addf(out, "server=%s\n", up) < 0;
	}
	if (bad)
		return err_set(err, ERR_INTERNAL, "dnsmasq's servers are too "
		    "many");
	return 0;
}

int
clusterdns_render_pods_conf(const struct clusterdns_config *cfg,
    const json_t *namespaces, struct buf *out, struct err *err)
{
	const char **keys;
	char first[64];
	size_t n, i;
	int bad;

	clusterdns_first(cfg->listen, first, sizeof first);
	bad = buf_addf(out,
	    "# dnsmasq of the pods' names, written by kubec-agent "
	    "(clusterdns.c)\n"
	    "port=%d\n"
	    "bind-interfaces\n"
	    "listen-address=%s\n"
	    "no-hosts\n"
	    "no-resolv\n"
	    "no-poll\n"
	    "user=root\n"
	    "group=root\n"
	    "pid-file=%s/pods.pid\n"
	    "log-facility=%s/dnsmasq.log\n"
	    "local-ttl=%d\n"
	    "local=/pod.%s/\n", cfg->pods_port, first, cfg->dir, cfg->dir,
	    CLUSTERDNS_TTL, cfg->domain) < 0;
	keys = mirror_keys(namespaces, &n);
	for (i = 0; cfg->cluster_cidr != NULL && *cfg->cluster_cidr &&
	    i < n; i++)
		if (clusterdns_label_ok(keys[i]))
			bad |= buf_addf(out, "synth-domain=%s.pod.%s,%s\n",
			    keys[i], cfg->domain, cfg->cluster_cidr) < 0;
	free(keys);
	if (bad)
		return err_set(err, ERR_INTERNAL, "dnsmasq's configuration is "
		    "too large");
	return 0;
}

/* ---- running dnsmasq ---- */

static void
clusterdns_touch(void *arg)
{
	struct clusterdns *d = arg;

	d->dirty = 1;
	pthread_cond_signal(&d->cond);
}

static void
clusterdns_path(const struct clusterdns *d, const char *name,
    const char *ext, char *out, size_t n)
{
	snprintf(out, n, "%s/%s%s", d->dir, name, ext);
}

/* Whether pid is a dnsmasq running with pr's configuration. */
static int
clusterdns_is_ours(const struct clusterdns *d,
    const struct clusterdns_proc *pr, pid_t pid)
{
	struct buf b = BUF_INIT(64 << 10);
	char conf[4200];
	int ours;

	clusterdns_path(d, pr->name, ".conf", conf, sizeof conf);
	ours = proc_cmdline(pid, &b) == 0 &&
	    strstr(buf_str(&b), "dnsmasq") != NULL &&
	    strstr(buf_str(&b), conf) != NULL;
	buf_release(&b);
	return ours;
}

/* Whether pr still runs (a child that ended is reaped). */
static int
clusterdns_alive(struct clusterdns *d, struct clusterdns_proc *pr)
{
	int st;

	if (pr->pid <= 0)
		return 0;
	if (pr->child ? waitpid(pr->pid, &st, WNOHANG) != 0 :
	    !clusterdns_is_ours(d, pr, pr->pid)) {
		pr->pid = 0;
		return 0;
	}
	return 1;
}

/* Stops pr and waits (at most 2 s, then SIGKILL) for its end. */
static void
clusterdns_kill(struct clusterdns *d, struct clusterdns_proc *pr)
{
	int i, st;

	if (!clusterdns_alive(d, pr))
		return;
	kill(pr->pid, SIGTERM);
	for (i = 0; i < 200; i++) {
		if (pr->child ? waitpid(pr->pid, &st, WNOHANG) != 0 :
		    kill(pr->pid, 0) < 0)
			break;
		usleep(10000);
	}
	if (i == 200) {
		kill(pr->pid, SIGKILL);
		if (pr->child)
			waitpid(pr->pid, &st, 0);
	}
	pr->pid = 0;
}

/* The dnsmasq a killed agent left, when it runs our configuration. */
static void
clusterdns_adopt(struct clusterdns *d, struct clusterdns_proc *pr)
{
	struct buf b = BUF_INIT(1 << 20);
	char path[4200];
	struct err err;
	pid_t pid;

	clusterdns_path(d, pr->name, ".pid", path, sizeof path);
	pid = proc_pidfile(path);
	if (pid == 0 || !clusterdns_is_ours(d, pr, pid))
		return;
	pr->pid = pid;
	pr->child = 0;
	err_clear(&err);
	clusterdns_path(d, pr->name, ".conf", path, sizeof path);
	if (file_read(path, &b, &err) == 0)
		pr->conf = strdup(buf_str(&b));
	buf_release(&b);
	fprintf(stderr, "kubec-agent: dns: %s %d adopted\n", pr->name,
	    (int)pid);
}

static void
clusterdns_addr_add(const char *ip, void *arg)
{
	char cidr[80];
	char *argv[] = { "ip", "addr", "replace", cidr, "dev", "lo", NULL };
	struct buf eout = BUF_INIT(64 << 10);
	struct proc p = { .argv = argv, .errout = &eout,
	    .timeout_ms = 30000 };
	struct err *err = arg;

	snprintf(cidr, sizeof cidr, "%s/%d", ip, strchr(ip, ':') ? 128 : 32);
	if (proc_run_ok(&p, err) < 0)
		fprintf(stderr, "kubec-agent: dns: %s\n", err->msg);
	err_clear(err);
	buf_release(&eout);
}

/* Starts pr on conf (written to its file); the addresses go on lo
 * first, for it to bind them. */
static int
clusterdns_run(struct clusterdns *d, struct clusterdns_proc *pr,
    const char *conf, struct err *err)
{
	char path[4200], arg[4300];
	char *argv[] = { d->prog, "--keep-in-foreground", arg, NULL };
	struct proc p = { .argv = argv };
	struct proc_child c;

	clusterdns_path(d, pr->name, ".conf", path, sizeof path);
	if (file_write_atomic(path, conf, strlen(conf), 0644, err) < 0)
		return -1;
	clusterdns_each(d->listen, clusterdns_addr_add, err);
	snprintf(arg, sizeof arg, "--conf-file=%s", path);
	if (proc_start(&p, 0, 0, 0, &c, err) < 0)
		return -1;
	pr->pid = c.pid;
	pr->child = 1;
	free(pr->conf);
	pr->conf = strdup(conf);
	return 0;
}

/* Runs pr with conf: started again when it died or conf changed (with a
 * back-off while it keeps dying); 1 when a start waits for its
 * back-off, -1 when it failed. */
static int
clusterdns_keep(struct clusterdns *d, struct clusterdns_proc *pr,
    const char *conf, struct err *err)
{
	int rc;

	if (clusterdns_alive(d, pr)) {
		pr->backoff = 0;	/* it runs: no crash loop to slow down */
		if (pr->conf != NULL && strcmp(pr->conf, conf) == 0)
			return 0;
	} else if (pr->backoff > 0 && time(NULL) < pr->retry_at) {
		return 1;	/* it keeps dying: again once retry_at passed */
	}
	clusterdns_kill(d, pr);
	rc = clusterdns_run(d, pr, conf, err);
	/* it may die at once (a bad address, the port taken): the next
	 * start waits longer */
	pr->backoff = pr->backoff == 0 ? 1 : pr->backoff * 2;
	if (pr->backoff > 30)
		pr->backoff = 30;
	pr->retry_at = time(NULL) + pr->backoff;
	return rc;
}

/* Writes text to the file name of DIR when it differs from *last. */
static int
clusterdns_write(struct clusterdns *d, const char *name, const struct buf *b,
    char **last, int *changed, struct err *err)
{
	char path[4200];

	if (*last != NULL && strcmp(*last, buf_str(b)) == 0)
		return 0;
	clusterdns_path(d, name, "", path, sizeof path);
	if (file_write_atomic(path, b->data ? b->data : "", b->len, 0644,
	    err) < 0)
		return -1;
	free(*last);
	*last = strdup(buf_str(b));
	*changed = 1;
	return 0;
}

/* The node's resolvers (its resolv.conf's nameservers) as a JSON array. */
static json_t *
clusterdns_upstreams(struct agent *a)
{
	const char *rc = a->opts.resolv_conf ? a->opts.resolv_conf :
	    "/etc/resolv.conf";
	struct buf b = BUF_INIT(1 << 20);
	struct dns_conf c;
	struct err err;
	json_t *out;

	dns_conf_init(&c);
	err_clear(&err);
	if (*rc != '\0' && file_read(rc, &b, &err) == 0)
		dns_parse_resolv(buf_str(&b), &c);
	out = json_incref(c.servers);
	dns_conf_free(&c);
	buf_release(&b);
	return out;
}

/*
 * Keeps the two dnsmasq running with the configurations and the records
 * the mirrors call for: records and forwarders written (debounced) and
 * the main one told (SIGHUP) when they change; each started again when
 * its configuration changes (the main one's depends on the addresses
 * alone, the pod names' on the Namespaces) or it died.
 */
static void *
clusterdns_loop(void *arg)
{
	struct clusterdns *d = arg;
	struct agent *a = d->a;
	struct clusterdns_config cfg;
	struct buf hosts = BUF_INIT(CLUSTERDNS_MAX_TEXT);
	struct buf servers = BUF_INIT(1 << 20);
	struct buf conf = BUF_INIT(1 << 20);
	struct buf pconf = BUF_INIT(1 << 20);
	char listen[512];
	json_t *upstreams = NULL;
	time_t checked = 0;
	struct err err;
	int rc, changed, later;

	pthread_mutex_lock(d->mu);
	while (!a->stop) {
		if (!d->svc->synced || !d->eps->synced || !d->nss.synced ||
		    (!d->dirty && clusterdns_alive(d, &d->main) &&
		    clusterdns_alive(d, &d->pods) &&
		    time(NULL) - checked < CLUSTERDNS_CHECK_SECONDS)) {
			mirror_wait(&d->cond, d->mu, 1000);
			continue;
		}
		if (d->dirty) {
			pthread_mutex_unlock(d->mu);
			usleep(CLUSTERDNS_DEBOUNCE_MS * 1000);
			pthread_mutex_lock(d->mu);
		}
		d->dirty = 0;
		err_clear(&err);
		if (time(NULL) - checked >= CLUSTERDNS_CHECK_SECONDS) {
			json_decref(upstreams);
			pthread_mutex_unlock(d->mu);
			upstreams = clusterdns_upstreams(a);
			rc = dns_cluster_servers(a, listen, sizeof listen,
			    &err);
			pthread_mutex_lock(d->mu);
			if (rc < 0 || *listen == '\0') {
				fprintf(stderr, "kubec-agent: dns: no cluster "
				    "DNS address yet%s%s\n", rc < 0 ? ": " :
				    "", rc < 0 ? err.msg : "");
				mirror_wait(&d->cond, d->mu, 2000);
				continue;
			}
			if (strcmp(listen, d->listen) != 0) {
				snprintf(d->listen, sizeof d->listen, "%s",
				    listen);
				pthread_mutex_lock(&a->mu);
				snprintf(a->dns_local, sizeof a->dns_local,
				    "%s", listen);
				pthread_mutex_unlock(&a->mu);
				proxy_poke(a);
			}
			checked = time(NULL);
		}
		buf_reset(&hosts);
		buf_reset(&servers);
		buf_reset(&conf);
		buf_reset(&pconf);
		cfg = (struct clusterdns_config){
			.domain = a->opts.cluster_domain,
			.listen = d->listen,
			.cluster_cidr = a->opts.cluster_cidr,
			.upstreams = upstreams,
			.dir = d->dir,
			.port = 53,
			.pods_port = CLUSTERDNS_PODS_PORT,
		};
		rc = clusterdns_render_hosts(d->svc->objs, d->eps->objs,
		    cfg.domain, &hosts, &err);
		if (rc == 0)
			rc = clusterdns_render_pods_conf(&cfg, d->nss.objs,
			    &pconf, &err);
		pthread_mutex_unlock(d->mu);
		if (rc == 0)
			rc = clusterdns_render_conf(&cfg, &conf, &err);
		if (rc == 0)
			rc = clusterdns_render_servers(&cfg, &servers, &err);
		changed = 0;
		if (rc == 0)
			rc = clusterdns_write(d, "hosts", &hosts, &d->hosts,
			    &changed, &err);
		if (rc == 0)
			rc = clusterdns_write(d, "servers", &servers,
			    &d->servers, &changed, &err);
		if (rc == 0 && changed && clusterdns_alive(d, &d->main))
			kill(d->main.pid, SIGHUP);
		later = 0;
		if (rc == 0)
			rc = clusterdns_keep(d, &d->pods, buf_str(&pconf),
			    &err);
		if (rc > 0) {
			later = 1;
			rc = 0;
		}
		if (rc == 0)
			rc = clusterdns_keep(d, &d->main, buf_str(&conf),
			    &err);
		if (rc > 0) {
			later = 1;
			rc = 0;
		}
		pthread_mutex_lock(d->mu);
		if (later) {	/* a pass again once the back-off is over */
			d->dirty = 1;
			mirror_wait(&d->cond, d->mu, 1000);
		}
		if (rc < 0) {
			fprintf(stderr, "kubec-agent: dns: %s\n", err.msg);
			d->dirty = 1;
			mirror_wait(&d->cond, d->mu, 1000);
		}
	}
	pthread_mutex_unlock(d->mu);
	json_decref(upstreams);
	buf_release(&hosts);
	buf_release(&servers);
	buf_release(&conf);
	buf_release(&pconf);
	return NULL;
}

int
clusterdns_start(struct agent *a, struct err *err)
{
	struct clusterdns *d;
	char prog[4096];

	if (proc_which("dnsmasq", prog, sizeof prog) < 0) {
		fprintf(stderr, "kubec-agent: dns: dnsmasq is not installed "
		    "(Debian's dnsmasq-base): this node serves no cluster "
		    "DNS\n");
		return 0;
	}
	if ((d = calloc(1, sizeof *d)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	d->a = a;
	snprintf(d->prog, sizeof d->prog, "%s", prog);
	d->main.name = "dnsmasq";
	d->pods.name = "pods";
	d->mu = &a->mirror_mu;
	pthread_cond_init(&d->cond, NULL);
	snprintf(d->dir, sizeof d->dir, "%s/dns", a->opts.data_dir);
	a->dns = d;
	if (file_mkdirs(d->dir, 0755, err) < 0)
		return -1;
	clusterdns_adopt(d, &d->main);
	clusterdns_adopt(d, &d->pods);
	d->nss = (struct mirror){ .a = a, .owner = "dns", .what = "namespaces",
	    .path = "/api/v1/namespaces", .mu = d->mu,
	    .changed = clusterdns_touch, .arg = d };
	if ((d->svc = mirror_share(a, "services", "/api/v1/services",
	    clusterdns_touch, d, err)) == NULL || (d->eps = mirror_share(a,
	    "endpointslices", "/apis/discovery.k8s.io/v1/endpointslices",
	    clusterdns_touch, d, err)) == NULL ||
	    mirror_start(&d->nss, err) < 0)
		return -1;
	if (pthread_create(&d->thread, NULL, clusterdns_loop, d) != 0)
		return err_set(err, ERR_INTERNAL, "cannot start the DNS");
	d->started = 1;
	return 0;
}

/* Stops the thread and the dnsmasq (a killed agent leaves them
 * running). */
void
clusterdns_stop(struct agent *a)
{
	struct clusterdns *d = a->dns;

	if (d == NULL)
		return;
	a->stop = 1;
	pthread_mutex_lock(d->mu);
	pthread_cond_broadcast(&d->cond);
	pthread_mutex_unlock(d->mu);
	if (d->started)
		pthread_join(d->thread, NULL);
	mirror_unshare(d->svc, clusterdns_touch, d);
	mirror_unshare(d->eps, clusterdns_touch, d);
	mirror_stop(&d->nss);
	clusterdns_kill(d, &d->main);
	clusterdns_kill(d, &d->pods);
	free(d->main.conf);
	free(d->pods.conf);
	free(d->hosts);
	free(d->servers);
	pthread_cond_destroy(&d->cond);
	free(d);
	a->dns = NULL;
}
