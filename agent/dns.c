/* dns.c - a pod's /etc/resolv.conf as kubelet makes it (GetPodDNS of
 * pkg/kubelet/network/dns): the node's resolver file (--resolv-conf)
 * parsed, then by dnsPolicy: ClusterFirst (ClusterFirstWithHostNet for a
 * hostNetwork pod) the cluster DNS servers, the search domains
 * <ns>.svc.<domain> svc.<domain> <domain> before the node's, and
 * options ndots:5; Default the node's; None nothing; then
 * spec.dnsConfig merged in, and kubelet's limits (3 nameservers, 32
 * search domains of at most 253 bytes, a search line of 2048).  Written
 * as containerd writes it: search, nameserver lines, options. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/buf.h"
#include "../lib/file.h"
#include "agent.h"
#include "pod.h"

#define DNS_MAX_NAMESERVERS	3	/* validation.MaxDNSNameservers */
#define DNS_MAX_SEARCHES	32	/* MaxDNSSearchPathsExpanded */
#define DNS_MAX_SEARCH_CHARS	2048	/* MaxDNSSearchListCharsExpanded */
#define DNS_MAX_DOMAIN		253	/* DNS1123SubdomainMaxLength */

void
dns_conf_init(struct dns_conf *c)
{
	c->servers = json_array();
	c->searches = json_array();
	c->options = json_array();
}

void
dns_conf_free(struct dns_conf *c)
{
	json_decref(c->servers);
	json_decref(c->searches);
	json_decref(c->options);
	c->servers = c->searches = c->options = NULL;
}

static int
dns_has(const json_t *a, const char *s)
{
	size_t i;

	for (i = 0; i < json_array_size(a); i++)
		if (strcmp(json_string_value(json_array_get(a, i)), s) == 0)
			return 1;
	return 0;
}

/* kubelet's omitDuplicates, appending: s unless a has it */
static void
dns_add_unique(json_t *a, const char *s)
{
	if (!dns_has(a, s))
		json_array_append_new(a, json_string(s));
}

/* The length of an option's name ("ndots" of "ndots:5"). */
static size_t
dns_opt_name_len(const char *o)
{
	const char *colon = strchr(o, ':');

	return colon != NULL ? (size_t)(colon - o) : strlen(o);
}

/* Sets option o (name[:value]) in opts: in the place of one of the same
 * name, else at the end (kubelet's appendOptions and mergeDNSOptions
 * keep a map; the order here is the first definition's). */
static void
dns_set_option(json_t *opts, const char *o)
{
	size_t i, n = dns_opt_name_len(o);

	for (i = 0; i < json_array_size(opts); i++) {
		const char *e = json_string_value(json_array_get(opts, i));

		if (dns_opt_name_len(e) == n && strncmp(e, o, n) == 0) {
			json_array_set_new(opts, i, json_string(o));
			return;
		}
	}
	json_array_append_new(opts, json_string(o));
}

/* kubelet's parseResolvConf: nameserver lines accumulate, the last
 * search line wins (without "." and trailing dots), options accumulate
 * with a later one of the same name replacing the earlier. */
void
dns_parse_resolv(const char *text, struct dns_conf *c)
{
	const char *p = text, *nl;
	char *line, *save, *f, *w;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		line = strndup(p, nl ? (size_t)(nl - p) : strlen(p));
		p = nl ? nl + 1 : NULL;
		f = strtok_r(line, " \t\r\v\f", &save);
		if (f == NULL || *f == '#') {
			free(line);
			continue;
		}
		if (strcmp(f, "nameserver") == 0) {
			if ((w = strtok_r(NULL, " \t\r\v\f", &save)) != NULL)
				json_array_append_new(c->servers,
				    json_string(w));
		} else if (strcmp(f, "search") == 0) {
			json_array_clear(c->searches);
			while ((w = strtok_r(NULL, " \t\r\v\f", &save)) !=
			    NULL) {
				size_t n = strlen(w);

				if (strcmp(w, ".") == 0)
					continue;
				if (n > 0 && w[n - 1] == '.')
					w[n - 1] = '\0';
				json_array_append_new(c->searches,
				    json_string(w));
			}
		} else if (strcmp(f, "options") == 0) {
			while ((w = strtok_r(NULL, " \t\r\v\f", &save)) != NULL)
				dns_set_option(c->options, w);
		}
		free(line);
	}
}

static void
dns_copy(json_t *to, const json_t *from)
{
	json_array_clear(to);
	if (from != NULL)
		json_array_extend(to, (json_t *)from);
}

/* what's strings then more's, each once (kubelet's appendDNSConfig of
 * nameservers and searches), into what */
static void
dns_merge(json_t *what, const json_t *more)
{
	json_t *all = json_array(), *v;
	size_t i;

	json_array_foreach(what, i, v)
		dns_add_unique(all, json_string_value(v));
	json_array_foreach(more, i, v)
		if (json_is_string(v))
			dns_add_unique(all, json_string_value(v));
	dns_copy(what, all);
	json_decref(all);
}

/* kubelet's formDNSSearchFitsLimits; 1 when it cut something. */
static int
dns_fit_searches(json_t *s)
{
	size_t i, total = 0;
	int cut = 0;

	while (json_array_size(s) > DNS_MAX_SEARCHES) {
		json_array_remove(s, json_array_size(s) - 1);
		cut = 1;
	}
	for (i = 0; i < json_array_size(s);) {
		if (strlen(json_string_value(json_array_get(s, i))) >
		    DNS_MAX_DOMAIN) {
			json_array_remove(s, i);
			cut = 1;
		} else
			i++;
	}
	for (i = 0; i < json_array_size(s); i++)
		total += strlen(json_string_value(json_array_get(s, i))) +
		    (i > 0);
	/* whole domains off the end until the line fits */
	while (total > DNS_MAX_SEARCH_CHARS && json_array_size(s) > 0) {
		total -= strlen(json_string_value(json_array_get(s,
		    json_array_size(s) - 1))) + 1;
		json_array_remove(s, json_array_size(s) - 1);
		cut = 1;
	}
	return cut;
}

static void
dns_join(const json_t *a, struct buf *out)
{
	size_t i;

	buf_reset(out);
	for (i = 0; i < json_array_size(a); i++)
		buf_addf(out, "%s%s", i > 0 ? " " : "",
		    json_string_value(json_array_get(a, i)));
}

int
dns_pod_config(const json_t *pod, const struct dns_params *p,
    struct dns_conf *out, json_t *warnings)
{
	const json_t *spec = json_object_get(pod, "spec");
	const json_t *cfg = json_object_get(spec, "dnsConfig"), *o, *v;
	const char *policy = json_string_value(json_object_get(spec,
	    "dnsPolicy"));
	const char *ns = json_string_value(json_object_get(json_object_get(pod,
	    "metadata"), "namespace"));
	int host_net = json_is_true(json_object_get(spec, "hostNetwork"));
	int missing = 0, cluster;
	struct buf b = BUF_INIT(1 << 16);
	const char *s, *e;
	size_t i;

	if (p->host != NULL) {
		dns_copy(out->servers, p->host->servers);
		dns_copy(out->searches, p->host->searches);
		dns_copy(out->options, p->host->options);
	}
	if (policy != NULL && strcmp(policy, "None") == 0) {
		json_array_clear(out->servers);
		json_array_clear(out->searches);
		json_array_clear(out->options);
		goto merge;
	}
	/* getPodDNSType: ClusterFirst on the host's network is Default;
	 * an unknown policy is ClusterFirst */
	if (policy == NULL)	/* the API server's default */
		policy = "ClusterFirst";
	cluster = strcmp(policy, "ClusterFirstWithHostNet") == 0 ||
	    (strcmp(policy, "Default") != 0 && !(strcmp(policy,
	    "ClusterFirst") == 0 && host_net));
	if (cluster && p->cluster_dns != NULL && *p->cluster_dns != '\0') {
		json_t *host_search = json_deep_copy(out->searches);

		json_array_clear(out->servers);
		for (s = p->cluster_dns; *s != '\0'; s = *e ? e + 1 : e) {
			e = s + strcspn(s, ",");
			if (e > s)
				json_array_append_new(out->servers,
				    json_stringn(s, (size_t)(e - s)));
		}
		if (p->domain != NULL && *p->domain != '\0') {
			json_array_clear(out->searches);
			buf_addf(&b, "%s.svc.%s", ns ? ns : "default",
			    p->domain);
			dns_add_unique(out->searches, buf_str(&b));
			buf_reset(&b);
			buf_addf(&b, "svc.%s", p->domain);
			dns_add_unique(out->searches, buf_str(&b));
			dns_add_unique(out->searches, p->domain);
			json_array_foreach(host_search, i, v)
				dns_add_unique(out->searches,
				    json_string_value(v));
		}
		json_decref(host_search);
		json_array_clear(out->options);
		json_array_append_new(out->options, json_string("ndots:5"));
		goto merge;
	}
	if (cluster)
		missing = 1;	/* MissingClusterDNS: as Default */
	if (p->host == NULL) {
		/* --resolv-conf "": the local machine's nameserver */
		json_array_append_new(out->servers, json_string(p->node_v6 ?
		    "::1" : "127.0.0.1"));
		json_array_clear(out->searches);
		json_array_append_new(out->searches, json_string("."));
	}
merge:
	if (json_is_object(cfg)) {	/* appendDNSConfig */
		dns_merge(out->servers, json_object_get(cfg, "nameservers"));
		dns_merge(out->searches, json_object_get(cfg, "searches"));
		json_array_foreach(json_object_get(cfg, "options"), i, o) {
			const char *name = json_string_value(json_object_get(o,
			    "name"));
			const char *val = json_string_value(json_object_get(o,
			    "value"));

			if (name == NULL)
				continue;
			buf_reset(&b);
			if (val != NULL && *val != '\0')
				buf_addf(&b, "%s:%s", name, val);
			else
				buf_adds(&b, name);
			dns_set_option(out->options, buf_str(&b));
		}
	}
	/* formDNSConfigFitsLimits */
	if (json_array_size(out->servers) > DNS_MAX_NAMESERVERS) {
		while (json_array_size(out->servers) > DNS_MAX_NAMESERVERS)
			json_array_remove(out->servers, DNS_MAX_NAMESERVERS);
		dns_join(out->servers, &b);
		json_array_append_new(warnings, json_sprintf("Nameserver "
		    "limits were exceeded, some nameservers have been "
		    "omitted, the applied nameserver line is: %s",
		    buf_str(&b)));
	}
	if (dns_fit_searches(out->searches)) {
		dns_join(out->searches, &b);
		json_array_append_new(warnings, json_sprintf("Search Line "
		    "limits were exceeded, some search paths have been "
		    "omitted, the applied search line is: %s", buf_str(&b)));
	}
	buf_release(&b);
	return missing;
}

/* The file as containerd (and CRI-O) write a CRI DNSConfig. */
void
dns_render(const struct dns_conf *c, struct buf *out)
{
	size_t i;

	buf_reset(out);
	if (json_array_size(c->searches) > 0) {
		buf_adds(out, "search");
		for (i = 0; i < json_array_size(c->searches); i++)
			buf_addf(out, " %s", json_string_value(json_array_get(
			    c->searches, i)));
		buf_addc(out, '\n');
	}
	for (i = 0; i < json_array_size(c->servers); i++)
		buf_addf(out, "nameserver %s\n", json_string_value(
		    json_array_get(c->servers, i)));
	if (json_array_size(c->options) > 0) {
		buf_adds(out, "options");
		for (i = 0; i < json_array_size(c->options); i++)
			buf_addf(out, " %s", json_string_value(json_array_get(
			    c->options, i)));
		buf_addc(out, '\n');
	}
}

int
dns_nth_ip(const char *ip, unsigned add, char *out, size_t n)
{
	unsigned char a[16];
	int af = strchr(ip, ':') != NULL ? AF_INET6 : AF_INET, i;
	unsigned carry = add;

	if (inet_pton(af, ip, a) != 1)
		return -1;
	for (i = (af == AF_INET ? 4 : 16) - 1; i >= 0 && carry > 0; i--) {
		carry += a[i];
		a[i] = (unsigned char)(carry & 0xff);
		carry >>= 8;
	}
	return inet_ntop(af, a, out, (socklen_t)n) != NULL ? 0 : -1;
}

int
dns_check_servers(const char *list)
{
	unsigned char a[16];
	const char *s, *e;
	char ip[64];

	for (s = list; ; s = e + 1) {
		e = s + strcspn(s, ",");
		snprintf(ip, sizeof ip, "%.*s", (int)(e - s), s);
		if (inet_pton(strchr(ip, ':') ? AF_INET6 : AF_INET, ip, a) != 1) {
			fprintf(stderr, "kubec-agent: --cluster-dns: not an IP "
			    "address: \"%s\"\n", ip);
			return -1;
		}
		if (*e == '\0')
			return 0;
	}
}

/* The cluster DNS servers: --cluster-dns, else the 10th address of the
 * service range, learnt once from the kubernetes service (its 1st);
 * "" when there is none. */
int
dns_cluster_servers(struct agent *a, char *out, size_t n, struct err *err)
{
	json_t *svc = NULL;
	const char *ip;

	if (a->opts.cluster_dns != NULL) {
		snprintf(out, n, "%s", a->opts.cluster_dns);
		return 0;
	}
	pthread_mutex_lock(&a->mu);
	snprintf(out, n, "%s", a->cluster_dns);
	pthread_mutex_unlock(&a->mu);
	if (*out != '\0')
		return 0;
	if (rest_do(a->api, "GET", "/api/v1/namespaces/default/services/"
	    "kubernetes", NULL, NULL, &svc, err) < 0) {
		if (err->reason != ERR_NOT_FOUND)
			return -1;
		err_clear(err);
		return 0;
	}
	ip = json_string_value(json_object_get(json_object_get(svc, "spec"),
	    "clusterIP"));
	if (ip != NULL && strcmp(ip, "None") != 0 &&
	    dns_nth_ip(ip, 9, out, n) == 0) {
		pthread_mutex_lock(&a->mu);
		snprintf(a->cluster_dns, sizeof a->cluster_dns, "%s", out);
		pthread_mutex_unlock(&a->mu);
	}
	json_decref(svc);
	return 0;
}

int
dns_pod_resolv(struct agent *a, const json_t *pod, struct buf *out,
    struct err *err)
{
	const char *rc = a->opts.resolv_conf ? a->opts.resolv_conf :
	    "/etc/resolv.conf";
	struct dns_conf host, conf;
	struct dns_params p;
	struct buf b = BUF_INIT(10 << 20);
	char servers[512];
	json_t *warnings, *w;
	size_t i;
	int missing;

	memset(&p, 0, sizeof p);
	dns_conf_init(&host);
	if (*rc != '\0') {
		if (file_read(rc, &b, err) < 0) {
			/* a machine without one: nothing of the node's */
			if (a->opts.resolv_conf != NULL) {
				dns_conf_free(&host);
				buf_release(&b);
				return -1;
			}
			err_clear(err);
			buf_reset(&b);
		}
		dns_parse_resolv(buf_str(&b), &host);
		p.host = &host;
	}
	if (dns_cluster_servers(a, servers, sizeof servers, err) < 0) {
		dns_conf_free(&host);
		buf_release(&b);
		return -1;
	}
	p.cluster_dns = servers;
	p.domain = a->opts.cluster_domain;
	p.node_v6 = strchr(a->node_ip, ':') != NULL;
	dns_conf_init(&conf);
	warnings = json_array();
	missing = dns_pod_config(pod, &p, &conf, warnings);
	if (missing)
		events_pod(a, pod, NULL, "Warning", "MissingClusterDNS", "pod: "
		    "\"%s_%s(%s)\". kubelet does not have ClusterDNS IP "
		    "configured and cannot create Pod using \"ClusterFirst\" "
		    "policy. Falling back to \"Default\" policy.",
		    json_string_value(json_object_get(json_object_get(pod,
		    "metadata"), "name")), json_string_value(json_object_get(
		    json_object_get(pod, "metadata"), "namespace")),
		    json_string_value(json_object_get(json_object_get(pod,
		    "metadata"), "uid")));
	json_array_foreach(warnings, i, w)
		events_pod(a, pod, NULL, "Warning", "DNSConfigForming", "%s",
		    json_string_value(w));
	dns_render(&conf, out);
	/* nothing to say: the runtime copies the host's file */
	if (out->len == 0 && file_read("/etc/resolv.conf", out, err) < 0)
		err_clear(err);
	json_decref(warnings);
	dns_conf_free(&conf);
	dns_conf_free(&host);
	buf_release(&b);
	return 0;
}
