/* proxy.c - the service proxy, kube-proxy's nftables mode: mirrors
 * Services and EndpointSlices (mirror.c: listed, watched, listed again
 * when a watch ends badly or is too old) and keeps one nftables table, "ip kubec-proxy", in step
 * with them.  After a change (debounced) the whole table is rendered from
 * the objects by a pure function, proxy_render_table(), and applied with
 * one `nft -f -` transaction, which the kernel swaps at once: traffic is
 * never without rules.  The first transaction adds, deletes and defines
 * the table (proxy_render); the next ones change only the chains and maps
 * whose text changed and delete what is gone (proxy_render_update),
 * keeping the session affinity sets: with 1,000 services of 10
 * endpoints, flushing and defining the whole table took nft 1.6 to 2.6 s
 * per change, the changed chains alone 60 ms (tests/bench/proxy.sh).
 * The table is rebuilt from the API when the agent starts and left in
 * place when it stops, as kube-proxy leaves its rules.
 *
 * The rules have the shapes of kube-proxy's nftables proxier: a map from
 * ClusterIP . protocol . port to a chain per service port, which picks a
 * chain per endpoint with `numgen random mod N` and DNATs there; NodePorts
 * on the node's own addresses from a second map; a mark for masquerading
 * (traffic from outside the node's podCIDR, hairpin traffic, NodePort
 * traffic) applied in postrouting; and, in filter chains, a reject for
 * service ports without endpoints, so that clients fail at once. */
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"
#include "../lib/buf.h"
#include "../lib/hmap.h"
#include "../lib/proc.h"

#define PROXY_DEBOUNCE_MS	60	/* changes gathered before a sync */
#define PROXY_RESYNC_SECONDS	60	/* the table applied again anyway */
#define PROXY_NAME_MAX		63	/* namespaces, service names: DNS labels */
#define PROXY_MAX_TEXT		((size_t)256 << 20)
#define PROXY_MASQ_MARK		"0x4000"
#define PROXY_AFFINITY_DEFAULT	10800	/* sessionAffinityConfig default */

struct proxy {
	struct agent		*a;
	pthread_mutex_t		*mu;		/* a->mirror_mu */
	pthread_cond_t		 cond;
	struct mirror		*svc, *eps;	/* shared: objects by "ns/name" */
	int			 dirty;
	pthread_t		 sync_thread;
	int			 sync_started;
	char			*applied;	/* the text last applied */
	time_t			 applied_at;
};

/* ---- rendering (pure) ---- */

/* One endpoint of a service port, as the slices say. */
struct proxy_ep {
	char		ip[16];
	uint32_t	addr;		/* host order, for sorting */
	int		port;
	int		ready, serving, terminating, local;
};

int
proxy_name_ok(const char *s, size_t max)
{
	if (s == NULL || *s == '\0' || strlen(s) > max)
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '.'))
			return 0;
	return 1;
}

int
proxy_ipv4(const char *s, uint32_t *out)
{
	struct in_addr in;

	if (s == NULL || inet_pton(AF_INET, s, &in) != 1)
		return 0;
	if (out != NULL)
		*out = ntohl(in.s_addr);
	return 1;
}

const char *
proxy_proto(const json_t *port)
{
	const char *p = mirror_str(port, "protocol", NULL);

	if (p == NULL || strcmp(p, "TCP") == 0)
		return "tcp";
	if (strcmp(p, "UDP") == 0)
		return "udp";
	if (strcmp(p, "SCTP") == 0)
		return "sctp";
	return NULL;
}

static int
proxy_port_num(const json_t *v)
{
	json_int_t n = json_integer_value(v);

	return json_is_integer(v) && n > 0 && n < 65536 ? (int)n : 0;
}

/* Services by namespace, then name. */
static int
proxy_svc_cmp(const void *x, const void *y)
{
	const json_t *a = *(const json_t *const *)x;
	const json_t *b = *(const json_t *const *)y;
	int c = strcmp(mirror_str(a, "metadata", "namespace") ?: "",
	    mirror_str(b, "metadata", "namespace") ?: "");

	return c != 0 ? c : strcmp(mirror_str(a, "metadata", "name") ?: "",
	    mirror_str(b, "metadata", "name") ?: "");
}

/* The service an EndpointSlice is for (its kubernetes.io/service-name). */
static const char *
proxy_slice_svc(const json_t *s)
{
	return json_string_value(json_object_get(json_object_get(
	    json_object_get(s, "metadata"), "labels"),
	    "kubernetes.io/service-name"));
}

/* Slices by namespace, then service, then name. */
static int
proxy_slice_cmp(const void *x, const void *y)
{
	const json_t *a = *(const json_t *const *)x;
	const json_t *b = *(const json_t *const *)y;
	int c = strcmp(mirror_str(a, "metadata", "namespace") ?: "",
	    mirror_str(b, "metadata", "namespace") ?: "");

	if (c == 0)
		c = strcmp(proxy_slice_svc(a) ?: "", proxy_slice_svc(b) ?: "");
	return c != 0 ? c : strcmp(mirror_str(a, "metadata", "name") ?: "",
	    mirror_str(b, "metadata", "name") ?: "");
}

static int
proxy_ep_cmp(const void *x, const void *y)
{
	const struct proxy_ep *a = x, *b = y;

	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	return a->port - b->port;
}

static int
proxy_bool(const json_t *o, const char *k, int dflt)
{
	const json_t *v = json_object_get(o, k);

	return json_is_boolean(v) ? json_is_true(v) : dflt;
}

/*
 * The endpoints of service port sp of service (ns, name) from the sorted
 * slices: the slices' port of the same name and protocol gives the
 * target port.  Sorted, without duplicates; *n their number.
 */
static struct proxy_ep *
proxy_endpoints(const json_t **slices, size_t nslices, const char *ns,
    const char *name, const json_t *sp, const char *node, size_t *n)
{
	const char *pname = mirror_str(sp, "name", NULL) ?: "";
	const char *proto = proxy_proto(sp);
	struct proxy_ep *eps = NULL, *grown;
	size_t lo = 0, hi = nslices, mid, i, j, k, alloc = 0, m = 0;
	const json_t *s, *p, *e, *cond;
	const char *ip, *pn, *ppr, *enode;
	uint32_t addr;
	int port, c;

	*n = 0;
	/* the first slice of (ns, name) */
	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(mirror_str(slices[mid], "metadata", "namespace") ?: "",
		    ns);
		if (c == 0)
			c = strcmp(proxy_slice_svc(slices[mid]) ?: "", name);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < nslices; i++) {
		s = slices[i];
		if (strcmp(mirror_str(s, "metadata", "namespace") ?: "", ns) != 0 ||
		    strcmp(proxy_slice_svc(s) ?: "", name) != 0)
			break;
		if (strcmp(mirror_str(s, "addressType", NULL) ?: "", "IPv4") != 0)
			continue;
		port = 0;
		json_array_foreach(json_object_get(s, "ports"), j, p) {
			pn = mirror_str(p, "name", NULL) ?: "";
			ppr = proxy_proto(p);
			if (strcmp(pn, pname) == 0 && ppr != NULL &&
			    strcmp(ppr, proto) == 0)
				port = proxy_port_num(json_object_get(p, "port"));
		}
		if (port == 0)
			continue;
		json_array_foreach(json_object_get(s, "endpoints"), j, e) {
			ip = json_string_value(json_array_get(json_object_get(e,
			    "addresses"), 0));
			if (!proxy_ipv4(ip, &addr))
				continue;
			for (k = 0; k < m; k++)
				if (eps[k].addr == addr && eps[k].port == port)
					break;
			if (k < m)
				continue;
			if (m == alloc) {
				alloc = alloc ? alloc * 2 : 8;
				grown = realloc(eps, alloc * sizeof *eps);
				if (grown == NULL)
					break;
				eps = grown;
			}
			cond = json_object_get(e, "conditions");
			memset(&eps[m], 0, sizeof eps[m]);
			snprintf(eps[m].ip, sizeof eps[m].ip, "%s", ip);
			eps[m].addr = addr;
			eps[m].port = port;
			/* unset: ready, serving as ready, not terminating */
			eps[m].ready = proxy_bool(cond, "ready", 1);
			eps[m].serving = proxy_bool(cond, "serving",
			    eps[m].ready);
			eps[m].terminating = proxy_bool(cond, "terminating", 0);
			enode = mirror_str(e, "nodeName", NULL);
			eps[m].local = node != NULL && enode != NULL &&
			    strcmp(enode, node) == 0;
			m++;
		}
	}
	if (m > 1)
		qsort(eps, m, sizeof *eps, proxy_ep_cmp);
	*n = m;
	return eps;
}

/*
 * Which endpoints take traffic, as kube-proxy's CategorizeEndpoints: the
 * ready ones; when none is, those serving while they terminate.  With
 * local_only, the same among this node's endpoints.  Marks them in use[]
 * and returns how many.
 */
static size_t
proxy_pick(const struct proxy_ep *eps, size_t n, int local_only, int *use)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		use[i] = eps[i].ready && (!local_only || eps[i].local);
		k += use[i];
	}
	if (k > 0)
		return k;
	for (i = 0; i < n; i++) {
		use[i] = eps[i].serving && eps[i].terminating &&
		    (!local_only || eps[i].local);
		k += use[i];
	}
	return k;
}

/* A service port's chain name with prefix ("svc", "ext"). */
static void
proxy_chain(struct buf *b, const char *prefix, const char *ns,
    const char *name, const char *proto, int port)
{
	buf_addf(b, "%s-%s/%s/%s/%d", prefix, ns, name, proto, port);
}

static void
proxy_ep_chain(struct buf *b, const char *ns, const char *name,
    const char *proto, int port, const struct proxy_ep *ep)
{
	buf_addf(b, "ep-%s/%s/%s/%d__%s/%d", ns, name, proto, port, ep->ip,
	    ep->port);
}

/* Adds "elem" to a map's element list (comma separated). */
static void
proxy_elem(struct buf *list, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void
proxy_elem(struct buf *list, const char *fmt, ...)
{
	va_list ap;

	buf_adds(list, list->len > 0 ? ",\n\t\t\t" : "\t\t\t");
	va_start(ap, fmt);
	buf_vaddf(list, fmt, ap);
	va_end(ap);
}

/* `numgen random mod K vmap { ... }` over the endpoints in use (a plain
 * goto for one). */
static void
proxy_numgen(struct buf *b, const char *ns, const char *name,
    const char *proto, int port, const struct proxy_ep *eps, size_t n,
    const int *use, size_t k)
{
	size_t i, j = 0;

	if (k == 1) {
		for (i = 0; i < n; i++)
			if (use[i]) {
				buf_adds(b, "\t\tgoto ");
				proxy_ep_chain(b, ns, name, proto, port,
				    &eps[i]);
				buf_adds(b, "\n");
			}
		return;
	}
	buf_addf(b, "\t\tnumgen random mod %zu vmap { ", k);
	for (i = 0; i < n; i++) {
		if (!use[i])
			continue;
		buf_addf(b, "%s%zu : goto ", j > 0 ? ", " : "", j);
		proxy_ep_chain(b, ns, name, proto, port, &eps[i]);
		j++;
	}
	buf_adds(b, " }\n");
}

/* The rules of one service port. */
static void
proxy_render_port(const json_t *svc, const json_t *sp, const char *cip,
    const json_t **slices, size_t nslices, const struct proxy_config *cfg,
    struct buf *chains, struct buf *svc_elems, struct buf *np_elems,
    struct buf *noep_elems, struct buf *noep_np_elems, struct buf *sets)
{
	const char *ns = mirror_str(svc, "metadata", "namespace");
	const char *name = mirror_str(svc, "metadata", "name");
	const json_t *spec = json_object_get(svc, "spec");
	const char *proto = proxy_proto(sp);
	int port = proxy_port_num(json_object_get(sp, "port"));
	int nodeport = proxy_port_num(json_object_get(sp, "nodePort"));
	const char *type = mirror_str(spec, "type", NULL) ?: "ClusterIP";
	int local = strcmp(mirror_str(spec, "externalTrafficPolicy", NULL) ?:
	    "", "Local") == 0;
	int affinity = strcmp(mirror_str(spec, "sessionAffinity", NULL) ?: "",
	    "ClientIP") == 0;
	json_int_t timeout = json_integer_value(json_object_get(
	    json_object_get(json_object_get(spec, "sessionAffinityConfig"),
	    "clientIP"), "timeoutSeconds"));
	struct buf svc_chain = BUF_INIT(1024), ext_chain = BUF_INIT(1024);
	struct proxy_ep *eps;
	size_t n, k, kl = 0, i;
	int *use = NULL, *use_local = NULL;

	if (proto == NULL || port == 0)
		return;
	if (strcmp(type, "NodePort") != 0 && strcmp(type, "LoadBalancer") != 0)
		nodeport = 0;
	if (timeout <= 0 || timeout > 86400)
		timeout = PROXY_AFFINITY_DEFAULT;
	eps = proxy_endpoints(slices, nslices, ns, name, sp, cfg->node_name,
	    &n);
	if (n > 0) {
		use = calloc(n, sizeof *use);
		use_local = calloc(n, sizeof *use_local);
		if (use == NULL || use_local == NULL)
			n = 0;
	}
	k = n > 0 ? proxy_pick(eps, n, 0, use) : 0;
	if (k > 0 && nodeport && local)
		kl = proxy_pick(eps, n, 1, use_local);
	proxy_chain(&svc_chain, "svc", ns, name, proto, port);
	proxy_chain(&ext_chain, "ext", ns, name, proto, port);
	if (k == 0) {
		/* nothing takes traffic: refused in the filter chains */
		proxy_elem(noep_elems, "%s . %s . %d : goto reject-chain", cip,
		    proto, port);
		if (nodeport)
			proxy_elem(noep_np_elems, "%s . %d : goto reject-chain",
			    proto, nodeport);
		goto out;
	}
	proxy_elem(svc_elems, "%s . %s . %d : goto %s", cip, proto, port,
	    buf_str(&svc_chain));
	/* the endpoints' chains: hairpin traffic masqueraded, the client
	 * remembered with affinity, then DNAT */
	for (i = 0; i < n; i++) {
		if (!use[i] && !use_local[i])
			continue;
		buf_adds(chains, "\tchain ");
		proxy_ep_chain(chains, ns, name, proto, port, &eps[i]);
		buf_addf(chains, " {\n\t\tip saddr %s jump mark-for-masquerade"
		    "\n", eps[i].ip);
		if (affinity) {
			buf_adds(sets, "\tset aff-");
			proxy_ep_chain(sets, ns, name, proto, port, &eps[i]);
			buf_addf(sets, " {\n\t\ttype ipv4_addr\n\t\tflags "
			    "dynamic,timeout\n\t\ttimeout %llds\n\t}\n",
			    (long long)timeout);
			buf_adds(chains, "\t\tupdate @aff-");
			proxy_ep_chain(chains, ns, name, proto, port, &eps[i]);
			buf_adds(chains, " { ip saddr }\n");
		}
		buf_addf(chains, "\t\tmeta l4proto %s dnat to %s:%d\n\t}\n",
		    proto, eps[i].ip, eps[i].port);
	}
	/* the service port's chain */
	buf_addf(chains, "\tchain %s {\n", buf_str(&svc_chain));
	if (cfg->pod_cidr != NULL && cfg->pod_cidr[0] != '\0')
		buf_addf(chains, "\t\tip daddr %s %s dport %d ip saddr != %s "
		    "jump mark-for-masquerade\n", cip, proto, port,
		    cfg->pod_cidr);
	if (affinity)
		for (i = 0; i < n; i++) {
			if (!use[i])
				continue;
			buf_adds(chains, "\t\tip saddr @aff-");
			proxy_ep_chain(chains, ns, name, proto, port, &eps[i]);
			buf_adds(chains, " goto ");
			proxy_ep_chain(chains, ns, name, proto, port, &eps[i]);
			buf_adds(chains, "\n");
		}
	proxy_numgen(chains, ns, name, proto, port, eps, n, use, k);
	buf_adds(chains, "\t}\n");
	if (!nodeport)
		goto out;
	/* NodePort: masqueraded (Cluster), or kept to this node's endpoints
	 * with the client's address (Local; the node's own traffic may go
	 * anywhere, dropped when none is here) */
	proxy_elem(np_elems, "%s . %d : goto %s", proto, nodeport,
	    buf_str(&ext_chain));
	buf_addf(chains, "\tchain %s {\n", buf_str(&ext_chain));
	if (!local) {
		buf_addf(chains, "\t\tjump mark-for-masquerade\n\t\tgoto %s\n",
		    buf_str(&svc_chain));
	} else {
		buf_addf(chains, "\t\tfib saddr type local jump "
		    "mark-for-masquerade\n\t\tfib saddr type local goto %s\n",
		    buf_str(&svc_chain));
		if (kl > 0)
			proxy_numgen(chains, ns, name, proto, port, eps, n,
			    use_local, kl);
		else
			buf_adds(chains, "\t\tdrop\n");
	}
	buf_adds(chains, "\t}\n");
out:
	free(use);
	free(use_local);
	free(eps);
	buf_release(&svc_chain);
	buf_release(&ext_chain);
}

static void
proxy_map(struct buf *b, const char *name, const char *type,
    const struct buf *elems)
{
	buf_addf(b, "\tmap %s {\n\t\ttype %s : verdict\n", name, type);
	if (elems->len > 0)
		buf_addf(b, "\t\telements = {\n%s\n\t\t}\n", buf_str(elems));
	buf_adds(b, "\t}\n");
}

int
proxy_render_table(const json_t *services, const json_t *slices,
    const struct proxy_config *cfg, struct buf *out, struct err *err)
{
	struct buf chains = BUF_INIT(PROXY_MAX_TEXT);
	struct buf svc_elems = BUF_INIT(PROXY_MAX_TEXT);
	struct buf np_elems = BUF_INIT(PROXY_MAX_TEXT);
	struct buf noep_elems = BUF_INIT(PROXY_MAX_TEXT);
	struct buf noep_np_elems = BUF_INIT(PROXY_MAX_TEXT);
	struct buf sets = BUF_INIT(PROXY_MAX_TEXT);
	const json_t **svcs, **sl, *sp;
	const char *cip, *ns, *name;
	size_t nsvc, nsl, i, j;
	int rc = 0;

	nsvc = mirror_values(services, &svcs);
	nsl = mirror_values(slices, &sl);
	if (nsvc > 1)
		qsort(svcs, nsvc, sizeof *svcs, proxy_svc_cmp);
	if (nsl > 1)
		qsort(sl, nsl, sizeof *sl, proxy_slice_cmp);
	for (i = 0; i < nsvc; i++) {
		ns = mirror_str(svcs[i], "metadata", "namespace");
		name = mirror_str(svcs[i], "metadata", "name");
		cip = mirror_str(svcs[i], "spec", "clusterIP");
		/* headless services (None) and ExternalName ones have no
		 * rules */
		if (!proxy_name_ok(ns, PROXY_NAME_MAX) ||
		    !proxy_name_ok(name, PROXY_NAME_MAX) ||
		    !proxy_ipv4(cip, NULL))
			continue;
		/* the node answers there itself (the cluster DNS) */
		if (cfg->node_local != NULL &&
		    clusterdns_in_list(cfg->node_local, cip))
			continue;
		json_array_foreach(json_object_get(json_object_get(svcs[i],
		    "spec"), "ports"), j, sp)
			proxy_render_port(svcs[i], sp, cip, sl, nsl, cfg,
			    &chains, &svc_elems, &np_elems, &noep_elems,
			    &noep_np_elems, &sets);
	}
	buf_adds(out,
	    "table ip kubec-proxy {\n"
	    "\tcomment \"service proxy of kubec-agent\"\n");
	proxy_map(out, "service-ips",
	    "ipv4_addr . inet_proto . inet_service", &svc_elems);
	proxy_map(out, "service-nodeports", "inet_proto . inet_service",
	    &np_elems);
	proxy_map(out, "no-endpoint-services",
	    "ipv4_addr . inet_proto . inet_service", &noep_elems);
	proxy_map(out, "no-endpoint-nodeports", "inet_proto . inet_service",
	    &noep_np_elems);
	buf_adds(out, buf_str(&sets));
	buf_adds(out,
	    "\tchain nat-prerouting {\n"
	    "\t\ttype nat hook prerouting priority dstnat; policy accept;\n"
	    "\t\tjump services\n"
	    "\t}\n"
	    "\tchain nat-output {\n"
	    "\t\ttype nat hook output priority -100; policy accept;\n"
	    "\t\tjump services\n"
	    "\t}\n"
	    "\tchain nat-postrouting {\n"
	    "\t\ttype nat hook postrouting priority srcnat; policy accept;\n"
	    "\t\tjump masquerading\n"
	    "\t}\n"
	    "\tchain filter-input {\n"
	    "\t\ttype filter hook input priority -10; policy accept;\n"
	    "\t\tct state new jump nodeport-endpoints-check\n"
	    "\t}\n"
	    "\tchain filter-forward {\n"
	    "\t\ttype filter hook forward priority -10; policy accept;\n"
	    "\t\tct state new jump service-endpoints-check\n"
	    "\t}\n"
	    "\tchain filter-output {\n"
	    "\t\ttype filter hook output priority -10; policy accept;\n"
	    "\t\tct state new jump service-endpoints-check\n"
	    "\t}\n"
	    "\tchain services {\n"
	    "\t\tip daddr . meta l4proto . th dport vmap @service-ips\n"
	    "\t\tfib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . "
	    "th dport vmap @service-nodeports\n"
	    "\t}\n"
	    "\tchain service-endpoints-check {\n"
	    "\t\tip daddr . meta l4proto . th dport vmap "
	    "@no-endpoint-services\n"
	    "\t}\n"
	    "\tchain nodeport-endpoints-check {\n"
	    "\t\tfib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . "
	    "th dport vmap @no-endpoint-nodeports\n"
	    "\t}\n"
	    "\tchain reject-chain {\n"
	    "\t\tmeta l4proto tcp reject with tcp reset\n"
	    "\t\treject\n"
	    "\t}\n"
	    "\tchain mark-for-masquerade {\n"
	    "\t\tmeta mark set meta mark | " PROXY_MASQ_MARK "\n"
	    "\t}\n"
	    "\tchain masquerading {\n"
	    "\t\tmeta mark & " PROXY_MASQ_MARK " == 0 return\n"
	    "\t\tmeta mark set meta mark ^ " PROXY_MASQ_MARK "\n"
	    "\t\tmasquerade fully-random\n"
	    "\t}\n");
	buf_adds(out, buf_str(&chains));
	if (buf_adds(out, "}\n") < 0 || chains.len == chains.cap ||
	    svc_elems.len == svc_elems.cap)
		rc = err_set(err, ERR_INTERNAL, "the proxy's rules are too "
		    "large");
	free(svcs);
	free(sl);
	buf_release(&chains);
	buf_release(&svc_elems);
	buf_release(&np_elems);
	buf_release(&noep_elems);
	buf_release(&noep_np_elems);
	buf_release(&sets);
	return rc;
}

int
proxy_render(const json_t *services, const json_t *slices,
    const struct proxy_config *cfg, struct buf *out, struct err *err)
{
	buf_adds(out, "add table ip kubec-proxy\n"
	    "delete table ip kubec-proxy\n");
	return proxy_render_table(services, slices, cfg, out, err);
}

/* The chain or set a line of a table block declares ("\tchain NAME {"):
 * its kind ("chain", "set") and name's length, or 0. */
static size_t
proxy_decl(const char *line, const char **kind, const char **name)
{
	const char *p, *e;

	if (strncmp(line, "\tchain ", 7) == 0)
		*kind = "chain";
	else if (strncmp(line, "\tset ", 5) == 0)
		*kind = "set";
	else
		return 0;
	p = line + 2 + strlen(*kind);
	e = strchr(p, ' ');
	if (e == NULL || e[1] != '{')
		return 0;
	*name = p;
	return (size_t)(e - p);
}

/* The update that flushes every rule and map of the table and defines it
 * again: for what proxy_render_update cannot change block by block. */
static int
proxy_update_all(const char *prev, const char *table, struct buf *out,
    struct err *err)
{
	static const char *const maps[] = { "service-ips",
	    "service-nodeports", "no-endpoint-services",
	    "no-endpoint-nodeports" };
	struct hmap chains = HMAP_INIT, sets = HMAP_INIT;
	const char *line, *kind, *name;
	char *copy, *nl, key[320];
	size_t i, len;
	int rc = 0, merr = 0;

	if ((copy = strdup(table)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	/* what the new table declares (names cut out of a copy) */
	for (line = copy; line != NULL && *line != '\0'; line = nl) {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl++ = '\0';
		if ((len = proxy_decl(line, &kind, &name)) == 0)
			continue;
		copy[name + len - copy] = '\0';
		hmap_put(kind[0] == 'c' ? &chains : &sets, name, (void *)name,
		    &merr);
	}
	buf_adds(out, "add table ip kubec-proxy\n"
	    "flush table ip kubec-proxy\n");
	for (i = 0; i < sizeof maps / sizeof maps[0]; i++)
		buf_addf(out, "flush map ip kubec-proxy %s\n", maps[i]);
	/* what the old one declared and the new one does not: unused once
	 * the rules and maps are flushed */
	for (line = prev; line != NULL && *line != '\0'; line = nl) {
		nl = strchr(line, '\n');
		if (nl != NULL)
			nl++;
		if ((len = proxy_decl(line, &kind, &name)) == 0 ||
		    len >= sizeof key)
			continue;
		snprintf(key, sizeof key, "%.*s", (int)len, name);
		if (hmap_get(kind[0] == 'c' ? &chains : &sets, key) == NULL)
			buf_addf(out, "delete %s ip kubec-proxy %s\n", kind,
			    key);
	}
	if (buf_adds(out, table) < 0)
		rc = err_set(err, ERR_INTERNAL, "the proxy's rules are too "
		    "large");
	if (merr)
		rc = err_set(err, ERR_INTERNAL, "out of memory");
	hmap_release(&chains);
	hmap_release(&sets);
	free(copy);
	return rc;
}

/* A block of a table that proxy_render_table rendered, from its line
 * "\tKIND NAME {" to its line "\t}"; key is "KIND NAME". */
struct proxy_block {
	char		*key;
	const char	*text;
	size_t		 len;
	int		 seen;		/* in both tables */
};

/* The blocks of table t in their order (*n of them), each also in m by
 * key; the lines outside them (the table's own) in rest.  NULL when t
 * is not in that shape or memory runs out. */
static struct proxy_block *
proxy_blocks(const char *t, struct hmap *m, struct buf *rest, size_t *n)
{
	struct proxy_block *v = NULL, *grown;
	const char *line, *nl, *end, *sp;
	size_t alloc = 0, k;
	int merr = 0;

	*n = 0;
	for (line = t; *line != '\0'; line = nl) {
		nl = strchr(line, '\n');
		nl = nl != NULL ? nl + 1 : line + strlen(line);
		if (strncmp(line, "\tchain ", 7) != 0 &&
		    strncmp(line, "\tset ", 5) != 0 &&
		    strncmp(line, "\tmap ", 5) != 0) {
			buf_add(rest, line, (size_t)(nl - line));
			continue;
		}
		sp = strchr(line + 1, ' ') + 1;
		k = strcspn(sp, " \n");
		if (k == 0 || strncmp(sp + k, " {\n", 3) != 0 ||
		    (end = strstr(sp, "\n\t}\n")) == NULL)
			goto bad;
		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 256;
			if ((grown = realloc(v, alloc * sizeof *v)) == NULL)
				goto bad;
			v = grown;
		}
		v[*n].text = line;
		v[*n].len = (size_t)(end + 4 - line);
		v[*n].seen = 0;
		if ((v[*n].key = strndup(line + 1, (size_t)(sp + k -
		    line - 1))) == NULL)
			goto bad;
		(*n)++;
		nl = end + 4;
	}
	for (k = 0; k < *n; k++)
		if (hmap_put(m, v[k].key, &v[k], &merr) != NULL || merr)
			goto bad;	/* declared twice, or no memory */
	return v;
bad:
	while (*n > 0)
		free(v[--(*n)].key);
	free(v);
	return NULL;
}

static void
proxy_blocks_free(struct proxy_block *v, size_t n)
{
	while (n > 0)
		free(v[--n].key);
	free(v);
}

/*
 * The update block by block: the chains that changed or went flushed,
 * the maps that changed flushed, what went deleted, then a table block
 * of what is new or changed.  0, or 1 when the tables differ otherwise
 * (their own lines, a set, a base chain): then the whole update.
 */
static int
proxy_update_blocks(const char *prev, const char *table, struct buf *out)
{
	static const char *const kinds[] = { "chain", "map", "set" };
	struct hmap pm = HMAP_INIT, tm = HMAP_INIT;
	struct buf prest = BUF_INIT(1 << 20), trest = BUF_INIT(1 << 20);
	struct proxy_block *pv, *tv = NULL, *o;
	size_t pn = 0, tn = 0, i, kl;
	int rc = 1, pass, nospace = 0;

	pv = proxy_blocks(prev, &pm, &prest, &pn);
	if (pv != NULL)
		tv = proxy_blocks(table, &tm, &trest, &tn);
	if (pv == NULL || tv == NULL ||
	    strcmp(buf_str(&prest), buf_str(&trest)) != 0)
		goto out;
	for (i = 0; i < tn; i++) {
		if ((o = hmap_get(&pm, tv[i].key)) == NULL)
			continue;
		o->seen = tv[i].seen = 1;
		if (o->len == tv[i].len &&
		    memcmp(o->text, tv[i].text, o->len) == 0)
			tv[i].seen = 2;		/* the same */
		else if (strncmp(tv[i].key, "set ", 4) == 0 ||
		    memmem(tv[i].text, tv[i].len, " hook ", 6) != NULL ||
		    memmem(o->text, o->len, " hook ", 6) != NULL)
			goto out;
	}
	nospace = buf_adds(out, "add table ip kubec-proxy\n");
	/* the rules of the chains that changed or go, the elements of the
	 * maps that changed: then nothing holds on to what goes */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < pn; i++) {
			kl = strlen(kinds[pass]);
			o = hmap_get(&tm, pv[i].key);
			if (strncmp(pv[i].key, kinds[pass], kl) == 0 &&
			    pv[i].key[kl] == ' ' && (o == NULL || o->seen != 2))
				nospace |= buf_addf(out, "flush %s ip "
				    "kubec-proxy %s\n", kinds[pass],
				    pv[i].key + kl + 1);
		}
	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < pn; i++) {
			kl = strlen(kinds[pass]);
			if (!pv[i].seen && strncmp(pv[i].key, kinds[pass], kl)
			    == 0 && pv[i].key[kl] == ' ')
				nospace |= buf_addf(out, "delete %s ip "
				    "kubec-proxy %s\n", kinds[pass],
				    pv[i].key + kl + 1);
		}
	nospace |= buf_adds(out, "table ip kubec-proxy {\n");
	for (i = 0; i < tn; i++)
		if (tv[i].seen != 2)
			nospace |= buf_add(out, tv[i].text, tv[i].len);
	nospace |= buf_adds(out, "}\n");
	rc = nospace < 0 ? -1 : 0;
out:
	if (pv != NULL)
		proxy_blocks_free(pv, pn);
	if (tv != NULL)
		proxy_blocks_free(tv, tn);
	hmap_release(&pm);
	hmap_release(&tm);
	buf_release(&prest);
	buf_release(&trest);
	return rc;
}

int
proxy_render_update(const char *prev, const char *table, struct buf *out,
    struct err *err)
{
	size_t len = out->len;

	switch (proxy_update_blocks(prev, table, out)) {
	case 0:
		return 0;
	case 1:
		buf_truncate(out, len);
		return proxy_update_all(prev, table, out, err);
	default:
		return err_set(err, ERR_INTERNAL, "the proxy's rules are too "
		    "large");
	}
}

/* ---- applying ---- */

int
proxy_apply(const char *text, struct err *err)
{
	char *argv[] = { "nft", "-f", "-", NULL };
	struct buf eout = BUF_INIT(64 << 10);
	struct proc p = { .argv = argv, .in = text, .inlen = strlen(text),
	    .errout = &eout, .timeout_ms = 60000 };
	int rc;

	rc = proc_run_ok(&p, err);
	buf_release(&eout);
	if (rc < 0)
		err_wrap(err, "nftables");
	return rc;
}

/* ---- watching ---- */

/* A change of the Services or the EndpointSlices (lock held): the sync
 * renders again. */
static void
proxy_touch(void *arg)
{
	struct proxy *p = arg;

	p->dirty = 1;
	pthread_cond_signal(&p->cond);
}

int
proxy_nft_has_table(const char *family, const char *name)
{
	char *argv[] = { "nft", "list", "tables", (char *)family, NULL };
	struct buf out = BUF_INIT(1 << 20);
	struct proc pr = { .argv = argv, .out = &out, .timeout_ms = 30000 };
	char line[256];
	struct err err;
	int st, rc = 1;

	snprintf(line, sizeof line, "table %s %s\n", family, name);
	err_clear(&err);
	if (proc_run(&pr, &st, &err) == 0 && st == 0)
		rc = strstr(buf_str(&out), line) != NULL;
	buf_release(&out);
	return rc;
}

/*
 * Renders the table after changes (debounced) and applies it when it
 * differs from the one applied: the first time, and after a failure, as
 * a whole new table; then as an update of what changed that deletes
 * what is gone, keeping the affinity sets' clients.  Every
 * PROXY_RESYNC_SECONDS, a table that has gone is applied again.
 */
static void *
proxy_sync_loop(void *arg)
{
	struct proxy *p = arg;
	struct agent *a = p->a;
	struct proxy_config cfg;
	struct buf table = BUF_INIT(PROXY_MAX_TEXT);
	struct buf script = BUF_INIT(PROXY_MAX_TEXT);
	char pod_cidr[64], node[254], local[512];
	struct err err;
	int failed = 0, check, rc;

	snprintf(node, sizeof node, "%s", a->opts.node_name);
	pthread_mutex_lock(p->mu);
	while (!a->stop) {
		check = time(NULL) - p->applied_at >= PROXY_RESYNC_SECONDS;
		if (!p->svc->synced || !p->eps->synced ||
		    (!p->dirty && !failed && !check)) {
			mirror_wait(&p->cond, p->mu, 1000);
			continue;
		}
		/* gather what else comes in the next moment */
		if (p->dirty) {
			pthread_mutex_unlock(p->mu);
			usleep(PROXY_DEBOUNCE_MS * 1000);
			pthread_mutex_lock(p->mu);
		}
		p->dirty = 0;
		pthread_mutex_lock(&a->mu);
		snprintf(pod_cidr, sizeof pod_cidr, "%s", a->pod_cidr);
		snprintf(local, sizeof local, "%s", a->dns_local);
		pthread_mutex_unlock(&a->mu);
		cfg.pod_cidr = pod_cidr;
		cfg.node_name = node;
		cfg.node_local = local;
		buf_reset(&table);
		err_clear(&err);
		rc = proxy_render_table(p->svc->objs, p->eps->objs, &cfg, &table,
		    &err);
		pthread_mutex_unlock(p->mu);
		if (rc == 0 && check && !failed && p->applied != NULL &&
		    !proxy_nft_has_table("ip", "kubec-proxy")) {
			fprintf(stderr, "kubec-agent: proxy: the table ip "
			    "kubec-proxy has gone; applied again\n");
			failed = 1;
		}
		if (rc == 0 && !failed && p->applied != NULL &&
		    strcmp(p->applied, buf_str(&table)) == 0) {
			pthread_mutex_lock(p->mu);
			p->applied_at = time(NULL);
			continue;
		}
		buf_reset(&script);
		if (rc == 0 && (failed || p->applied == NULL))
			rc = buf_adds(&script, "add table ip kubec-proxy\n"
			    "delete table ip kubec-proxy\n") < 0 ||
			    buf_adds(&script, buf_str(&table)) < 0 ?
			    err_set(&err, ERR_INTERNAL, "the proxy's rules "
			    "are too large") : 0;
		else if (rc == 0)
			rc = proxy_render_update(p->applied, buf_str(&table),
			    &script, &err);
		if (rc == 0)
			rc = proxy_apply(buf_str(&script), &err);
		pthread_mutex_lock(p->mu);
		if (rc < 0) {
			fprintf(stderr, "kubec-agent: proxy: %s\n", err.msg);
			failed = 1;
			mirror_wait(&p->cond, p->mu, 1000);
			continue;
		}
		failed = 0;
		free(p->applied);
		p->applied = strdup(buf_str(&table));
		p->applied_at = time(NULL);
	}
	pthread_mutex_unlock(p->mu);
	buf_release(&table);
	buf_release(&script);
	return NULL;
}

int
proxy_start(struct agent *a, struct err *err)
{
	struct proxy *p;

	if ((p = calloc(1, sizeof *p)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	p->a = a;
	p->mu = &a->mirror_mu;
	pthread_cond_init(&p->cond, NULL);
	a->proxy = p;
	if ((p->svc = mirror_share(a, "services", "/api/v1/services",
	    proxy_touch, p, err)) == NULL || (p->eps = mirror_share(a,
	    "endpointslices", "/apis/discovery.k8s.io/v1/endpointslices",
	    proxy_touch, p, err)) == NULL)
		return -1;
	if (pthread_create(&p->sync_thread, NULL, proxy_sync_loop, p) != 0)
		return err_set(err, ERR_INTERNAL, "cannot start the proxy");
	p->sync_started = 1;
	return 0;
}

void
proxy_poke(struct agent *a)
{
	struct proxy *p = a->proxy;

	if (p != NULL)
		proxy_touch(p);
}

/* Stops the threads; the table stays, as kube-proxy's rules do. */
void
proxy_stop(struct agent *a)
{
	struct proxy *p = a->proxy;

	if (p == NULL)
		return;
	a->stop = 1;
	pthread_mutex_lock(p->mu);
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(p->mu);
	if (p->sync_started)	/* first: it reads the mirrors' objects */
		pthread_join(p->sync_thread, NULL);
	mirror_unshare(p->svc, proxy_touch, p);
	mirror_unshare(p->eps, proxy_touch, p);
	free(p->applied);
	pthread_cond_destroy(&p->cond);
	free(p);
	a->proxy = NULL;
}
