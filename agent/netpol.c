/* netpol.c - NetworkPolicy enforcement on this node: mirrors
 * NetworkPolicies, Pods and Namespaces (mirror.c) and keeps one nftables
 * table, "inet kubec-netpol", in step with them.  After a change
 * (debounced) the whole table is rendered by a pure function,
 * netpol_render(), and applied with one `nft -f -` transaction that
 * deletes and defines the table again; it is rebuilt from the API when
 * the agent starts and left in place when it stops.
 *
 * Shape: maps from a pod IP of this node to the chain of that pod and
 * direction (ingress-NS/POD, egress-NS/POD), for the pods some policy
 * isolates; the forward hook (traffic routed to and from other nodes,
 * and, through br_netfilter, traffic bridged between this node's pods)
 * and the input hook (a pod's traffic to its node: egress only) send new
 * connections through them; established and related ones pass.  A pod's
 * chain returns for what some rule allows and drops the rest.  Peers
 * selected by pod and namespace selectors are named sets of pod IPs, one
 * per policy, rule and peer (only for the policies that isolate some pod
 * of this node), so the ruleset grows with policies plus isolated pods,
 * not with their product.
 *
 * The bridge family has no conntrack without nf_conntrack_bridge (many
 * kernels lack it), so bridged traffic is filtered in the inet family:
 * the agent turns on bridge-nf-call-iptables, as kube-proxy and most CNI
 * plugins need.  Traffic the node itself sends to its pods (kubelet's
 * probes) goes through the output hook and is never filtered, as
 * upstream allows it.
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"
#include "../lib/buf.h"
#include "../lib/file.h"
#include "../lib/proc.h"
#include "../lib/selector.h"

#define NETPOL_DEBOUNCE_MS	60
#define NETPOL_RESYNC_SECONDS	60
#define NETPOL_MAX_TEXT		((size_t)256 << 20)
#define NETPOL_TABLE		"inet kubec-netpol"
#define NETPOL_BRNF	"/proc/sys/net/bridge/bridge-nf-call-iptables"

struct netpol {
	struct agent		*a;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cond;
	struct mirror		 pol, pods, ns;
	int			 dirty;
	pthread_t		 sync_thread;
	int			 sync_started;
	char			*applied;
	time_t			 applied_at;
};

/* ---- rendering (pure) ---- */

/* What the render knows of one pod. */
struct netpol_pod {
	const json_t	*obj;
	const char	*ns, *name, *ip;
	const json_t	*labels, *ns_labels;
	int		 local;
};

#define NETPOL_ID_LEN	192
/* the longest name put into a chain or set name as it is (nft's names
 * are at most 255 bytes: longer ones are replaced, see netpol_pod_chain) */
#define NETPOL_NAME_MAX	100

struct netpol_ctx {
	const json_t		**pols;
	size_t			  npols;
	char			(*ids)[NETPOL_ID_LEN];	/* the policies' in
							 * set names */
	struct netpol_pod	 *pods;
	size_t			  npods;
	struct buf		 *sets, *chains;
};

/* Whether the LabelSelector sel (NULL: none) matches labels; an invalid
 * selector matches nothing. */
static int
netpol_match(const json_t *sel, const json_t *labels)
{
	struct selector *s = NULL;
	int rc;

	if (selector_from_json(sel, &s, NULL) < 0)
		return 0;
	rc = selector_matches(s, labels);
	selector_free(s);
	return rc;
}

/* Whether the policy has this type ("Ingress", "Egress"); without
 * policyTypes, as the server defaults them. */
static int
netpol_has_type(const json_t *pol, const char *type)
{
	const json_t *spec = json_object_get(pol, "spec");
	const json_t *types = json_object_get(spec, "policyTypes"), *t;
	size_t i;

	if (json_array_size(types) == 0)
		return strcmp(type, "Ingress") == 0 ||
		    json_array_size(json_object_get(spec, "egress")) > 0;
	json_array_foreach(types, i, t)
		if (json_is_string(t) && strcmp(json_string_value(t), type) == 0)
			return 1;
	return 0;
}

/* The containerPort of pod named name with protocol proto ("tcp"); 0
 * when it has none. */
static int
netpol_named_port(const json_t *pod, const char *name, const char *proto)
{
	const json_t *c, *p;
	const char *pn, *pp;
	size_t i, j;
	json_int_t n;

	json_array_foreach(json_object_get(json_object_get(pod, "spec"),
	    "containers"), i, c)
		json_array_foreach(json_object_get(c, "ports"), j, p) {
			pn = mirror_str(p, "name", NULL);
			pp = proxy_proto(p);
			n = json_integer_value(json_object_get(p,
			    "containerPort"));
			if (pn != NULL && strcmp(pn, name) == 0 && pp != NULL &&
			    strcmp(pp, proto) == 0 && n > 0 && n < 65536)
				return (int)n;
		}
	return 0;
}

static int
netpol_pod_cmp(const void *x, const void *y)
{
	const struct netpol_pod *a = x, *b = y;
	int c = strcmp(a->ns, b->ns);

	return c != 0 ? c : strcmp(a->name, b->name);
}

static int
netpol_obj_cmp(const void *x, const void *y)
{
	const json_t *a = *(const json_t *const *)x;
	const json_t *b = *(const json_t *const *)y;
	int c = strcmp(mirror_str(a, "metadata", "namespace") ?: "",
	    mirror_str(b, "metadata", "namespace") ?: "");

	return c != 0 ? c : strcmp(mirror_str(a, "metadata", "name") ?: "",
	    mirror_str(b, "metadata", "name") ?: "");
}

/* Two pods of this node with one address (one going, its address given
 * again): the one not being deleted, else the first, is enforced, as a
 * map has one chain per address. */
static void
netpol_dedup(struct netpol_pod *p, size_t n)
{
	size_t i, j, drop;

	for (i = 0; i < n; i++)
		for (j = i + 1; p[i].local && j < n; j++) {
			if (!p[j].local || strcmp(p[i].ip, p[j].ip) != 0)
				continue;
			drop = json_object_get(json_object_get(p[i].obj,
			    "metadata"), "deletionTimestamp") != NULL &&
			    json_object_get(json_object_get(p[j].obj,
			    "metadata"), "deletionTimestamp") == NULL ? i : j;
			p[drop].local = 0;
		}
}

/* The pods that count: with an IPv4 address, not on the host's network,
 * not finished; sorted by namespace and name. */
static size_t
netpol_collect_pods(const json_t *pods, const json_t *namespaces,
    const char *node, struct netpol_pod **out)
{
	const json_t **v, *spec, *meta;
	struct netpol_pod *p;
	const char *phase, *nn;
	size_t n, i, m = 0;

	*out = NULL;
	n = mirror_values(pods, &v);
	if (n == 0 || (p = calloc(n, sizeof *p)) == NULL) {
		free(v);
		return 0;
	}
	for (i = 0; i < n; i++) {
		spec = json_object_get(v[i], "spec");
		meta = json_object_get(v[i], "metadata");
		phase = mirror_str(v[i], "status", "phase") ?: "";
		p[m].obj = v[i];
		p[m].ns = mirror_str(meta, "namespace", NULL);
		p[m].name = mirror_str(meta, "name", NULL);
		p[m].ip = mirror_str(v[i], "status", "podIP");
		if (p[m].ns == NULL || p[m].name == NULL ||
		    !proxy_ipv4(p[m].ip, NULL) || json_is_true(json_object_get(spec,
		    "hostNetwork")) || strcmp(phase, "Succeeded") == 0 ||
		    strcmp(phase, "Failed") == 0)
			continue;
		p[m].labels = json_object_get(meta, "labels");
		p[m].ns_labels = json_object_get(json_object_get(
		    json_object_get(namespaces, p[m].ns), "metadata"), "labels");
		nn = mirror_str(spec, "nodeName", NULL);
		p[m].local = node != NULL && nn != NULL && strcmp(nn, node) == 0;
		m++;
	}
	free(v);
	if (m > 1)
		qsort(p, m, sizeof *p, netpol_pod_cmp);
	netpol_dedup(p, m);
	*out = p;
	return m;
}

/* The name of a policy's peer set or named-port set: KIND-ID/DIR/
 * rRULE/pITEM, ID being NS/POLICY (or policy-N, its rank, for names that
 * do not fit). */
static void
netpol_set_name(struct buf *b, const char *kind, const char *id,
    const char *dir, size_t rule, size_t item)
{
	buf_addf(b, "%s-%s/%s/r%zu/p%zu", kind, id, dir, rule, item);
}

/* The chain of a pod and direction: DIR-NS/POD (or DIR-IP, for names
 * that do not fit). */
static void
netpol_pod_chain(struct buf *b, const char *dir, const struct netpol_pod *p)
{
	if (proxy_name_ok(p->ns, NETPOL_NAME_MAX) &&
	    proxy_name_ok(p->name, NETPOL_NAME_MAX))
		buf_addf(b, "%s-%s/%s", dir, p->ns, p->name);
	else
		buf_addf(b, "%s-%s", dir, p->ip);
}

/* The pods a selector peer of a policy of namespace ns selects. */
static int
netpol_peer_has(const json_t *peer, const char *ns,
    const struct netpol_pod *p)
{
	const json_t *ps = json_object_get(peer, "podSelector");
	const json_t *nss = json_object_get(peer, "namespaceSelector");

	if (json_is_null(ps))
		ps = NULL;
	if (json_is_null(nss))
		nss = NULL;
	if (nss == NULL && strcmp(p->ns, ns) != 0)
		return 0;
	if (nss != NULL && !netpol_match(nss, p->ns_labels))
		return 0;
	return ps == NULL || netpol_match(ps, p->labels);
}

/* The sets of one policy: a set of pod IPs for each selector peer, and
 * for egress ports given by name, a set of (pod IP, port) of the pods
 * that have a port of that name. */
static void
netpol_render_sets(struct netpol_ctx *c, size_t pi, const char *dir)
{
	const json_t *pol = c->pols[pi];
	const char *ns = mirror_str(pol, "metadata", "namespace"), *id;
	int in = strcmp(dir, "ingress") == 0;
	const json_t *r, *peer, *port, *pv;
	const char *proto;
	size_t i, j, k, n;
	int num;

	id = c->ids[pi];
	json_array_foreach(json_object_get(json_object_get(pol, "spec"),
	    dir), i, r) {
		json_array_foreach(json_object_get(r, in ? "from" : "to"), j,
		    peer) {
			if (json_object_get(peer, "ipBlock") != NULL &&
			    !json_is_null(json_object_get(peer, "ipBlock")))
				continue;
			buf_adds(c->sets, "\tset ");
			netpol_set_name(c->sets, "peers", id, dir, i, j);
			buf_adds(c->sets, " {\n\t\ttype ipv4_addr\n");
			for (k = n = 0; k < c->npods; k++) {
				if (!netpol_peer_has(peer, ns, &c->pods[k]))
					continue;
				buf_addf(c->sets, "%s%s", n++ ? ", " :
				    "\t\telements = { ", c->pods[k].ip);
			}
			buf_adds(c->sets, n ? " }\n\t}\n" : "\t}\n");
		}
		if (in)
			continue;
		json_array_foreach(json_object_get(r, "ports"), j, port) {
			pv = json_object_get(port, "port");
			proto = proxy_proto(port);
			if (!json_is_string(pv) || proto == NULL)
				continue;
			buf_adds(c->sets, "\tset ");
			netpol_set_name(c->sets, "ports", id, dir, i, j);
			buf_adds(c->sets, " {\n\t\ttype ipv4_addr . "
			    "inet_service\n");
			for (k = n = 0; k < c->npods; k++) {
				num = netpol_named_port(c->pods[k].obj,
				    json_string_value(pv), proto);
				if (num == 0)
					continue;
				buf_addf(c->sets, "%s%s . %d", n++ ? ", " :
				    "\t\telements = { ", c->pods[k].ip, num);
			}
			buf_adds(c->sets, n ? " }\n\t}\n" : "\t}\n");
		}
	}
}

/* An IPv4 CIDR in canonical form (the network's address); -1 when s is
 * not one (IPv6 included: the pods are IPv4). */
static int
netpol_cidr4(const char *s, char *out, size_t len)
{
	char host[INET_ADDRSTRLEN], *end;
	const char *slash;
	struct in_addr in;
	unsigned long n;
	uint32_t a;

	if (s == NULL || (slash = strchr(s, '/')) == NULL ||
	    (size_t)(slash - s) >= sizeof host || slash[1] < '0' ||
	    slash[1] > '9')
		return -1;
	memcpy(host, s, (size_t)(slash - s));
	host[slash - s] = '\0';
	n = strtoul(slash + 1, &end, 10);
	if (*end != '\0' || n > 32 || inet_pton(AF_INET, host, &in) != 1)
		return -1;
	a = n == 0 ? 0 : ntohl(in.s_addr) & (0xffffffffu << (32 - n));
	in.s_addr = htonl(a);
	if (inet_ntop(AF_INET, &in, host, sizeof host) == NULL)
		return -1;
	snprintf(out, len, "%s/%lu", host, n);
	return 0;
}

/* The match of a peer ("" for any), or -1 when it matches nothing
 * (an IPv6 block: the pods are IPv4). */
static int
netpol_peer_match(struct buf *m, const char *id, const char *dir,
    size_t rule, size_t j, const json_t *peer, const char *addr)
{
	const json_t *ipb, *x;
	char cidr[32];
	size_t k, n = 0;

	if (peer == NULL)
		return 0;
	ipb = json_object_get(peer, "ipBlock");
	if (ipb == NULL || json_is_null(ipb)) {
		buf_addf(m, "ip %s @", addr);
		netpol_set_name(m, "peers", id, dir, rule, j);
		buf_adds(m, " ");
		return 0;
	}
	if (netpol_cidr4(mirror_str(ipb, "cidr", NULL), cidr,
	    sizeof cidr) < 0)
		return -1;
	buf_addf(m, "ip %s %s ", addr, cidr);
	json_array_foreach(json_object_get(ipb, "except"), k, x) {
		if (netpol_cidr4(json_string_value(x), cidr, sizeof cidr) < 0)
			continue;
		if (n++ == 0)
			buf_addf(m, "ip %s != { ", addr);
		else
			buf_adds(m, ", ");
		buf_adds(m, cidr);
	}
	if (n > 0)
		buf_adds(m, " } ");
	return 0;
}

/* The match of a port ("" for any), or -1 when it matches nothing (a
 * named ingress port the pod does not have). */
static int
netpol_port_match(struct buf *m, const char *id, const char *dir,
    size_t rule, size_t j, const json_t *port, const struct netpol_pod *p)
{
	const char *proto;
	const json_t *pv, *ev;
	int num;

	if (port == NULL)
		return 0;
	if ((proto = proxy_proto(port)) == NULL)
		return -1;
	pv = json_object_get(port, "port");
	ev = json_object_get(port, "endPort");
	buf_addf(m, "meta l4proto %s ", proto);
	if (json_is_integer(pv) && json_is_integer(ev) &&
	    json_integer_value(ev) > json_integer_value(pv))
		buf_addf(m, "th dport %lld-%lld ",
		    (long long)json_integer_value(pv),
		    (long long)json_integer_value(ev));
	else if (json_is_integer(pv))
		buf_addf(m, "th dport %lld ",
		    (long long)json_integer_value(pv));
	else if (json_is_string(pv) && p != NULL) {
		if ((num = netpol_named_port(p->obj, json_string_value(pv),
		    proto)) == 0)
			return -1;
		buf_addf(m, "th dport %d ", num);
	} else if (json_is_string(pv)) {
		buf_adds(m, "ip daddr . th dport @");
		netpol_set_name(m, "ports", id, dir, rule, j);
		buf_adds(m, " ");
	}
	return 0;
}

/* The chain of pod p in direction dir ("ingress", "egress") for the
 * policies that select it: a line per rule, peer and port. */
static void
netpol_render_chain(struct netpol_ctx *c, const struct netpol_pod *p,
    const char *dir, const size_t *sel, size_t nsel)
{
	int in = strcmp(dir, "ingress") == 0;
	const char *addr = in ? "saddr" : "daddr";
	struct buf m = BUF_INIT(1 << 20);
	const json_t *rules, *r, *peers, *ports;
	size_t i, j, k, l, np, nq;

	buf_adds(c->chains, "\tchain ");
	netpol_pod_chain(c->chains, dir, p);
	buf_adds(c->chains, " {\n");
	/* a pod may always reach itself (hairpin through a Service) */
	buf_addf(c->chains, "\t\tip %s %s return\n", addr, p->ip);
	for (i = 0; i < nsel; i++) {
		rules = json_object_get(json_object_get(c->pols[sel[i]],
		    "spec"), dir);
		json_array_foreach(rules, j, r) {
			peers = json_object_get(r, in ? "from" : "to");
			ports = json_object_get(r, "ports");
			np = json_array_size(peers);
			nq = json_array_size(ports);
			for (k = 0; k < (np ? np : 1); k++)
				for (l = 0; l < (nq ? nq : 1); l++) {
					buf_reset(&m);
					if (netpol_peer_match(&m,
					    c->ids[sel[i]], dir,
					    j, k, np ? json_array_get(peers,
					    k) : NULL, addr) < 0 ||
					    netpol_port_match(&m,
					    c->ids[sel[i]], dir,
					    j, l, nq ? json_array_get(ports,
					    l) : NULL, in ? p : NULL) < 0)
						continue;
					buf_addf(c->chains, "\t\t%sreturn\n",
					    buf_str(&m));
				}
		}
	}
	buf_adds(c->chains, "\t\tdrop\n\t}\n");
	buf_release(&m);
}

int
netpol_render(const json_t *policies, const json_t *pods,
    const json_t *namespaces, const struct netpol_config *cfg,
    struct buf *out, struct err *err)
{
	struct buf sets = BUF_INIT(NETPOL_MAX_TEXT);
	struct buf chains = BUF_INIT(NETPOL_MAX_TEXT);
	struct buf inmap = BUF_INIT(NETPOL_MAX_TEXT);
	struct buf egmap = BUF_INIT(NETPOL_MAX_TEXT);
	struct netpol_ctx c = { .sets = &sets, .chains = &chains };
	size_t *sel = NULL;
	unsigned char *used = NULL;
	const char *pns, *pname, *dir;
	size_t i, j, d, nsel;
	int rc = 0;

	c.npols = mirror_values(policies, &c.pols);
	if (c.npols > 1)
		qsort(c.pols, c.npols, sizeof *c.pols, netpol_obj_cmp);
	c.npods = netpol_collect_pods(pods, namespaces, cfg->node_name,
	    &c.pods);
	if (c.npols > 0 && ((sel = calloc(c.npols, sizeof *sel)) == NULL ||
	    (c.ids = calloc(c.npols, sizeof *c.ids)) == NULL ||
	    (used = calloc(c.npols, 2)) == NULL)) {
		rc = err_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	for (i = 0; i < c.npols; i++) {
		pns = mirror_str(c.pols[i], "metadata", "namespace");
		pname = mirror_str(c.pols[i], "metadata", "name");
		if (pns == NULL || pname == NULL) {
			c.pols[i] = NULL;
			continue;
		}
		if (proxy_name_ok(pns, NETPOL_NAME_MAX) &&
		    proxy_name_ok(pname, NETPOL_NAME_MAX))
			snprintf(c.ids[i], sizeof c.ids[i], "%s/%s", pns, pname);
		else
			snprintf(c.ids[i], sizeof c.ids[i], "policy-%zu", i);
	}
	/* the chains of this node's isolated pods */
	for (j = 0; j < c.npods; j++) {
		if (!c.pods[j].local)
			continue;
		for (d = 0; d < 2; d++) {
			dir = d == 0 ? "ingress" : "egress";
			for (i = nsel = 0; i < c.npols; i++)
				if (c.pols[i] != NULL && strcmp(mirror_str(
				    c.pols[i], "metadata", "namespace"),
				    c.pods[j].ns) == 0 &&
				    netpol_has_type(c.pols[i], d == 0 ?
				    "Ingress" : "Egress") &&
				    netpol_match(json_object_get(
				    json_object_get(c.pols[i], "spec"),
				    "podSelector"), c.pods[j].labels)) {
					sel[nsel++] = i;
					used[i * 2 + d] = 1;
				}
			if (nsel == 0)
				continue;
			netpol_render_chain(&c, &c.pods[j], dir, sel, nsel);
			buf_addf(d == 0 ? &inmap : &egmap, "%s%s : jump ",
			    (d == 0 ? inmap.len : egmap.len) ? ",\n\t\t\t" :
			    "\t\t\t", c.pods[j].ip);
			netpol_pod_chain(d == 0 ? &inmap : &egmap, dir,
			    &c.pods[j]);
		}
	}
	/* the sets of the policies that isolate some of them */
	for (i = 0; i < c.npols; i++) {
		if (used[i * 2])
			netpol_render_sets(&c, i, "ingress");
		if (used[i * 2 + 1])
			netpol_render_sets(&c, i, "egress");
	}
	buf_adds(out, "add table " NETPOL_TABLE "\n"
	    "delete table " NETPOL_TABLE "\n"
	    "table " NETPOL_TABLE " {\n"
	    "\tcomment \"network policy of kubec-agent\"\n");
	buf_adds(out, "\tmap ingress-pods {\n\t\ttype ipv4_addr : verdict\n");
	if (inmap.len > 0)
		buf_addf(out, "\t\telements = {\n%s\n\t\t}\n", buf_str(&inmap));
	buf_adds(out, "\t}\n\tmap egress-pods {\n\t\ttype ipv4_addr : "
	    "verdict\n");
	if (egmap.len > 0)
		buf_addf(out, "\t\telements = {\n%s\n\t\t}\n", buf_str(&egmap));
	buf_adds(out, "\t}\n");
	buf_adds(out, buf_str(&sets));
	buf_adds(out,
	    "\tchain forward {\n"
	    "\t\ttype filter hook forward priority filter; policy accept;\n"
	    "\t\tct state established,related accept\n"
	    "\t\tip saddr vmap @egress-pods\n"
	    "\t\tip daddr vmap @ingress-pods\n"
	    "\t}\n"
	    "\tchain input {\n"
	    "\t\ttype filter hook input priority filter; policy accept;\n"
	    "\t\tct state established,related accept\n"
	    "\t\tip saddr vmap @egress-pods\n"
	    "\t}\n");
	buf_adds(out, buf_str(&chains));
	if (buf_adds(out, "}\n") < 0 || sets.len == sets.cap ||
	    chains.len == chains.cap)
		rc = err_set(err, ERR_INTERNAL, "the network policy's rules "
		    "are too large");
out:
	free(sel);
	free(used);
	free(c.ids);
	free(c.pols);
	free(c.pods);
	buf_release(&sets);
	buf_release(&chains);
	buf_release(&inmap);
	buf_release(&egmap);
	return rc;
}

/* ---- applying ---- */

static void
netpol_touch(void *arg)
{
	struct netpol *np = arg;

	np->dirty = 1;
	pthread_cond_signal(&np->cond);
}

/* Bridged traffic between this node's pods goes through the inet hooks
 * only with bridge-nf-call-iptables on: turned on when it is off. */
static void
netpol_bridge_nf(void)
{
	struct buf v = BUF_INIT(64);
	struct err err;
	FILE *f;
	int ok;

	err_clear(&err);
	if (file_read(NETPOL_BRNF, &v, &err) < 0) {
		fprintf(stderr, "kubec-agent: network policy: %s is missing "
		    "(br_netfilter not loaded): traffic between pods of this "
		    "node is not filtered\n", NETPOL_BRNF);
		goto out;
	}
	if (buf_str(&v)[0] == '1')
		goto out;
	ok = (f = fopen(NETPOL_BRNF, "w")) != NULL && fputs("1\n", f) >= 0;
	if (f != NULL && fclose(f) != 0)
		ok = 0;
	if (!ok)
		fprintf(stderr, "kubec-agent: network policy: cannot turn on "
		    "%s: traffic between pods of this node is not "
		    "filtered\n", NETPOL_BRNF);
out:
	buf_release(&v);
}

/* Renders the table after changes (debounced) and applies it when it
 * differs from the one applied, or every NETPOL_RESYNC_SECONDS when it
 * has gone. */
static void *
netpol_sync_loop(void *arg)
{
	struct netpol *np = arg;
	struct agent *a = np->a;
	struct netpol_config cfg = { .node_name = a->opts.node_name };
	struct buf text = BUF_INIT(NETPOL_MAX_TEXT);
	struct err err;
	int failed = 0, check, rc;

	pthread_mutex_lock(&np->mu);
	while (!a->stop) {
		check = time(NULL) - np->applied_at >= NETPOL_RESYNC_SECONDS;
		if (!np->pol.synced || !np->pods.synced || !np->ns.synced ||
		    (!np->dirty && !failed && !check)) {
			mirror_wait(&np->cond, &np->mu, 1000);
			continue;
		}
		if (np->dirty) {
			pthread_mutex_unlock(&np->mu);
			usleep(NETPOL_DEBOUNCE_MS * 1000);
			pthread_mutex_lock(&np->mu);
		}
		np->dirty = 0;
		buf_reset(&text);
		err_clear(&err);
		rc = netpol_render(np->pol.objs, np->pods.objs, np->ns.objs,
		    &cfg, &text, &err);
		pthread_mutex_unlock(&np->mu);
		if (rc == 0 && check && !failed && np->applied != NULL &&
		    !proxy_nft_has_table("inet", "kubec-netpol")) {
			fprintf(stderr, "kubec-agent: network policy: the table "
			    NETPOL_TABLE " has gone; applied again\n");
			failed = 1;
		}
		if (rc == 0 && !failed && np->applied != NULL &&
		    strcmp(np->applied, buf_str(&text)) == 0) {
			pthread_mutex_lock(&np->mu);
			np->applied_at = time(NULL);
			continue;
		}
		if (rc == 0)
			rc = proxy_apply(buf_str(&text), &err);
		pthread_mutex_lock(&np->mu);
		if (rc < 0) {
			if (!failed)
				fprintf(stderr, "kubec-agent: network policy: "
				    "%s\n", err.msg);
			failed = 1;
			mirror_wait(&np->cond, &np->mu, 1000);
			continue;
		}
		failed = 0;
		free(np->applied);
		np->applied = strdup(buf_str(&text));
		np->applied_at = time(NULL);
	}
	pthread_mutex_unlock(&np->mu);
	buf_release(&text);
	return NULL;
}

int
netpol_start(struct agent *a, struct err *err)
{
	struct netpol *np;

	if ((np = calloc(1, sizeof *np)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	np->a = a;
	pthread_mutex_init(&np->mu, NULL);
	pthread_cond_init(&np->cond, NULL);
	np->pol = (struct mirror){ .a = a, .owner = "network policy",
	    .what = "networkpolicies",
	    .path = "/apis/networking.k8s.io/v1/networkpolicies",
	    .mu = &np->mu, .changed = netpol_touch, .arg = np };
	np->pods = np->pol;
	np->pods.what = "pods";
	np->pods.path = "/api/v1/pods";
	np->ns = np->pol;
	np->ns.what = "namespaces";
	np->ns.path = "/api/v1/namespaces";
	a->netpol = np;
	netpol_bridge_nf();
	if (mirror_start(&np->pol, err) < 0 ||
	    mirror_start(&np->pods, err) < 0 || mirror_start(&np->ns, err) < 0)
		return -1;
	if (pthread_create(&np->sync_thread, NULL, netpol_sync_loop, np) != 0)
		return err_set(err, ERR_INTERNAL, "cannot start the network "
		    "policy");
	np->sync_started = 1;
	return 0;
}

/* Stops the threads; the table stays, as the proxy's does. */
void
netpol_stop(struct agent *a)
{
	struct netpol *np = a->netpol;

	if (np == NULL)
		return;
	a->stop = 1;
	pthread_mutex_lock(&np->mu);
	pthread_cond_broadcast(&np->cond);
	pthread_mutex_unlock(&np->mu);
	if (np->sync_started)
		pthread_join(np->sync_thread, NULL);
	mirror_stop(&np->pol);
	mirror_stop(&np->pods);
	mirror_stop(&np->ns);
	free(np->applied);
	pthread_cond_destroy(&np->cond);
	pthread_mutex_destroy(&np->mu);
	free(np);
	a->netpol = NULL;
}
