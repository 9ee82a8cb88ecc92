/* test-agent-dns.c - what a pod learns of the cluster's services without
 * a server: the service environment variables (kubelet's envvars and
 * getServiceEnvVarMap, with the container's own winning) and its
 * resolv.conf (kubelet's GetPodDNS, by dnsPolicy, with dnsConfig merged
 * and the limits). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../agent/agent.h"
#include "../../agent/pod.h"
#include "test.h"

/* The "K=V" strings of vars joined by spaces. */
static const char *
joined(const json_t *vars)
{
	static char out[8192];
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < json_array_size(vars); i++)
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s",
		    i ? " " : "", json_string_value(json_array_get(vars, i)));
	return out;
}

static json_t *
svc(const char *ns, const char *name, const char *ip, const char *ports)
{
	json_error_t je;
	json_t *s = json_pack("{s:{s:s, s:s}, s:{s:s, s:o}}", "metadata",
	    "name", name, "namespace", ns, "spec", "clusterIP", ip, "ports",
	    json_loads(ports, 0, &je));

	return s;
}

static void
test_env_names(void)
{
	struct buf b = BUF_INIT(256);

	env_var_name("web-svc", &b);
	CHECK_STR(buf_str(&b), "WEB_SVC");
	env_var_name("a-b-c9", &b);
	CHECK_STR(buf_str(&b), "A_B_C9");
	env_var_name("kubernetes", &b);
	CHECK_STR(buf_str(&b), "KUBERNETES");
	buf_release(&b);
}

static void
test_env_service_vars(void)
{
	json_t *s = svc("ns", "web-svc", "198.18.128.20",
	    "[{\"name\": \"http-alt\", \"port\": 80, \"protocol\": \"TCP\"},"
	    " {\"name\": \"dns\", \"port\": 53, \"protocol\": \"UDP\"}]");
	json_t *vars = json_array();

	env_service_vars(s, vars);
	CHECK_STR(joined(vars), "WEB_SVC_SERVICE_HOST=198.18.128.20 "
	    "WEB_SVC_SERVICE_PORT=80 WEB_SVC_SERVICE_PORT_HTTP_ALT=80 "
	    "WEB_SVC_SERVICE_PORT_DNS=53 WEB_SVC_PORT=tcp://198.18.128.20:80 "
	    "WEB_SVC_PORT_80_TCP=tcp://198.18.128.20:80 "
	    "WEB_SVC_PORT_80_TCP_PROTO=tcp WEB_SVC_PORT_80_TCP_PORT=80 "
	    "WEB_SVC_PORT_80_TCP_ADDR=198.18.128.20 "
	    "WEB_SVC_PORT_53_UDP=udp://198.18.128.20:53 "
	    "WEB_SVC_PORT_53_UDP_PROTO=udp WEB_SVC_PORT_53_UDP_PORT=53 "
	    "WEB_SVC_PORT_53_UDP_ADDR=198.18.128.20");
	json_decref(s);
	json_array_clear(vars);
	/* an unnamed port, no protocol (TCP), IPv6 in brackets */
	s = svc("ns", "v6", "fd00::5", "[{\"port\": 443}]");
	env_service_vars(s, vars);
	CHECK_STR(joined(vars), "V6_SERVICE_HOST=fd00::5 V6_SERVICE_PORT=443 "
	    "V6_PORT=tcp://[fd00::5]:443 V6_PORT_443_TCP=tcp://[fd00::5]:443 "
	    "V6_PORT_443_TCP_PROTO=tcp V6_PORT_443_TCP_PORT=443 "
	    "V6_PORT_443_TCP_ADDR=fd00::5");
	json_decref(s);
	json_array_clear(vars);
	/* headless: nothing */
	s = svc("ns", "hl", "None", "[{\"port\": 80}]");
	env_service_vars(s, vars);
	CHECK_INT(json_array_size(vars), 0);
	json_decref(s);
	json_decref(vars);
}

static void
test_env_select(void)
{
	json_t *master = svc("default", "kubernetes", "198.18.128.1",
	    "[{\"name\": \"https\", \"port\": 443}]");
	json_t *items = json_array(), *vars;

	json_array_append_new(items, svc("ns", "a", "198.18.128.7",
	    "[{\"port\": 1}]"));
	json_array_append_new(items, svc("ns", "b", "None",
	    "[{\"port\": 2}]"));
	vars = env_services_select("ns", 1, items, master);
	CHECK(strstr(joined(vars), "A_SERVICE_HOST=198.18.128.7 ") != NULL);
	CHECK(strstr(joined(vars), "B_SERVICE") == NULL);
	CHECK(strstr(joined(vars), "KUBERNETES_SERVICE_HOST=198.18.128.1 ")
	    != NULL);
	CHECK(strstr(joined(vars), "KUBERNETES_SERVICE_PORT_HTTPS=443 ") !=
	    NULL);
	json_decref(vars);
	/* enableServiceLinks: false keeps the master service only */
	vars = env_services_select("ns", 0, items, master);
	CHECK(strstr(joined(vars), "A_SERVICE") == NULL);
	CHECK(strncmp(joined(vars), "KUBERNETES_SERVICE_HOST=198.18.128.1 ",
	    37) == 0);
	json_decref(vars);
	/* a kubernetes service of the pod's namespace hides default's */
	json_array_append_new(items, svc("ns", "kubernetes", "198.18.128.9",
	    "[{\"port\": 8443}]"));
	vars = env_services_select("ns", 1, items, master);
	CHECK(strstr(joined(vars), "KUBERNETES_SERVICE_HOST=198.18.128.9 ")
	    != NULL);
	CHECK(strstr(joined(vars), "198.18.128.1 ") == NULL);
	json_decref(vars);
	json_decref(items);
	json_decref(master);
}

static void
test_env_merge(void)
{
	json_t *vars = json_pack("[s, s, s]", "A=1", "B=2", "A=3");
	json_t *svcs = json_pack("[s, s]", "B=svc", "C=svc");
	json_t *all = env_merge(vars, svcs);
	struct buf out = BUF_INIT(256);

	/* the container's own win; each name once, its last value */
	CHECK_STR(joined(all), "A=3 B=2 C=svc");
	/* $(VAR) finds the container's first, then the services' */
	env_expand("$(B)-$(C)-$(D)", vars, svcs, &out);
	CHECK_STR(buf_str(&out), "2-svc-$(D)");
	buf_release(&out);
	json_decref(all);
	json_decref(vars);
	json_decref(svcs);
}

static const char *
resolv(const char *pod_json, const char *cluster_dns, const char *host_text,
    json_t *warnings, int *missing)
{
	static struct buf out = BUF_INIT(1 << 16);
	struct dns_conf host, conf;
	struct dns_params p;
	json_error_t je;
	json_t *pod = json_loads(pod_json, 0, &je);

	memset(&p, 0, sizeof p);
	dns_conf_init(&host);
	dns_conf_init(&conf);
	if (host_text != NULL) {
		dns_parse_resolv(host_text, &host);
		p.host = &host;
	}
	p.cluster_dns = cluster_dns;
	p.domain = "cluster.local";
	*missing = dns_pod_config(pod, &p, &conf, warnings);
	dns_render(&conf, &out);
	dns_conf_free(&conf);
	dns_conf_free(&host);
	json_decref(pod);
	return buf_str(&out);
}

#define HOST "# the node's\nnameserver 192.0.2.53\nnameserver 192.0.2.54\n" \
	"search example.com. corp.example.com\noptions edns0 ndots:2\n" \
	"options timeout:1 ndots:3\n"

static void
test_dns_policies(void)
{
	json_t *w = json_array();
	int missing;

	/* ClusterFirst (the default): the cluster's server, search paths
	 * before the node's, ndots:5 */
	CHECK_STR(resolv("{\"metadata\": {\"namespace\": \"team\"}, \"spec\":"
	    " {}}", "198.18.128.10", HOST, w, &missing),
	    "search team.svc.cluster.local svc.cluster.local cluster.local "
	    "example.com corp.example.com\nnameserver 198.18.128.10\n"
	    "options ndots:5\n");
	CHECK_INT(missing, 0);
	/* Default: the node's, parsed (options merged by name) */
	CHECK_STR(resolv("{\"metadata\": {\"namespace\": \"team\"}, \"spec\":"
	    " {\"dnsPolicy\": \"Default\"}}", "198.18.128.10", HOST, w,
	    &missing), "search example.com corp.example.com\n"
	    "nameserver 192.0.2.53\nnameserver 192.0.2.54\n"
	    "options edns0 ndots:3 timeout:1\n");
	/* ClusterFirst on the host's network is Default ... */
	CHECK_STR(resolv("{\"metadata\": {\"namespace\": \"team\"}, \"spec\":"
	    " {\"hostNetwork\": true}}", "198.18.128.10", HOST, w, &missing),
	    "search example.com corp.example.com\n"
	    "nameserver 192.0.2.53\nnameserver 192.0.2.54\n"
	    "options edns0 ndots:3 timeout:1\n");
	/* ... unless ClusterFirstWithHostNet */
	CHECK_STR(resolv("{\"metadata\": {\"namespace\": \"team\"}, \"spec\":"
	    " {\"hostNetwork\": true, \"dnsPolicy\": "
	    "\"ClusterFirstWithHostNet\"}}", "198.18.128.10", NULL, w,
	    &missing), "search team.svc.cluster.local svc.cluster.local "
	    "cluster.local\nnameserver 198.18.128.10\noptions ndots:5\n");
	/* no cluster DNS: Default, and MissingClusterDNS */
	CHECK_STR(resolv("{\"metadata\": {\"namespace\": \"team\"}, \"spec\":"
	    " {}}", "", "nameserver 192.0.2.53\n", w, &missing),
	    "nameserver 192.0.2.53\n");
	CHECK_INT(missing, 1);
	/* --resolv-conf "": the local machine's server, search . */
	CHECK_STR(resolv("{\"metadata\": {\"namespace\": \"team\"}, \"spec\":"
	    " {\"dnsPolicy\": \"Default\"}}", "", NULL, w, &missing),
	    "search .\nnameserver 127.0.0.1\n");
	/* None: dnsConfig alone */
	CHECK_STR(resolv("{\"metadata\": {\"namespace\": \"team\"}, \"spec\":"
	    " {\"dnsPolicy\": \"None\", \"dnsConfig\": {\"nameservers\": "
	    "[\"198.18.0.53\"], \"searches\": [\"a.example\", \"b.example\"],"
	    " \"options\": [{\"name\": \"ndots\", \"value\": \"1\"}, "
	    "{\"name\": \"rotate\"}]}}}", "198.18.128.10", HOST, w, &missing),
	    "search a.example b.example\nnameserver 198.18.0.53\n"
	    "options ndots:1 rotate\n");
	/* dnsConfig merged into ClusterFirst: duplicates once, an option
	 * of the same name replaced */
	CHECK_STR(resolv("{\"metadata\": {\"namespace\": \"team\"}, \"spec\":"
	    " {\"dnsConfig\": {\"nameservers\": [\"198.18.0.53\", "
	    "\"198.18.128.10\"], \"searches\": [\"x.example\", "
	    "\"cluster.local\"], \"options\": [{\"name\": \"ndots\", "
	    "\"value\": \"2\"}, {\"name\": \"edns0\"}]}}}", "198.18.128.10",
	    NULL, w, &missing), "search team.svc.cluster.local "
	    "svc.cluster.local cluster.local x.example\n"
	    "nameserver 198.18.128.10\nnameserver 198.18.0.53\n"
	    "options ndots:2 edns0\n");
	CHECK_INT(json_array_size(w), 0);
	json_decref(w);
}

static void
test_dns_limits(void)
{
	json_t *w = json_array();
	char pod[8192], dom[300];
	size_t n;
	int missing, i;
	const char *r;

	/* 3 nameservers at most */
	r = resolv("{\"metadata\": {\"namespace\": \"n\"}, \"spec\": "
	    "{\"dnsConfig\": {\"nameservers\": [\"192.0.2.1\", \"192.0.2.2\","
	    " \"192.0.2.3\"]}}}", "198.18.128.10", NULL, w, &missing);
	CHECK(strstr(r, "nameserver 192.0.2.2\n") != NULL);
	CHECK(strstr(r, "192.0.2.3") == NULL);
	CHECK_INT(json_array_size(w), 1);
	CHECK_STR(json_string_value(json_array_get(w, 0)), "Nameserver limits "
	    "were exceeded, some nameservers have been omitted, the applied "
	    "nameserver line is: 198.18.128.10 192.0.2.1 192.0.2.2");
	json_array_clear(w);
	/* 32 search domains, none over 253 bytes */
	memset(dom, 'a', 254);
	dom[254] = '\0';
	n = (size_t)snprintf(pod, sizeof pod, "{\"metadata\": {\"namespace\":"
	    " \"n\"}, \"spec\": {\"dnsConfig\": {\"searches\": [\"%s\"", dom);
	for (i = 0; i < 40; i++)
		n += (size_t)snprintf(pod + n, sizeof pod - n, ", \"d%d.ex\"",
		    i);
	snprintf(pod + n, sizeof pod - n, "]}}}");
	r = resolv(pod, "198.18.128.10", NULL, w, &missing);
	CHECK(strstr(r, " d27.ex\n") != NULL);	/* 3 + 1 long + 28 = 32 */
	CHECK(strstr(r, "d28.ex") == NULL);
	CHECK(strstr(r, "aaaa") == NULL);
	CHECK_INT(json_array_size(w), 1);
	json_decref(w);
}

static void
test_dns_nth(void)
{
	char out[64];

	CHECK_INT(dns_nth_ip("198.18.128.1", 9, out, sizeof out), 0);
	CHECK_STR(out, "198.18.128.10");
	CHECK_INT(dns_nth_ip("10.96.0.1", 9, out, sizeof out), 0);
	CHECK_STR(out, "10.96.0.10");
	CHECK_INT(dns_nth_ip("10.0.0.250", 9, out, sizeof out), 0);
	CHECK_STR(out, "10.0.1.3");
	CHECK_INT(dns_nth_ip("fd00:10:96::1", 9, out, sizeof out), 0);
	CHECK_STR(out, "fd00:10:96::a");
	CHECK_INT(dns_nth_ip("bogus", 9, out, sizeof out), -1);
	CHECK_INT(dns_check_servers("198.18.128.10,fd00::a"), 0);
	CHECK_INT(dns_check_servers("198.18.128.10,"), -1);
	CHECK_INT(dns_check_servers("dns.example"), -1);
}

int
main(void)
{
	RUN(test_env_names);
	RUN(test_env_service_vars);
	RUN(test_env_select);
	RUN(test_env_merge);
	RUN(test_dns_policies);
	RUN(test_dns_limits);
	RUN(test_dns_nth);
	return TEST_EXIT();
}
