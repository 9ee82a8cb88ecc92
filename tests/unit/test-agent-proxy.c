/* test-agent-proxy.c - agent/proxy.c's rendering: Services and
 * EndpointSlices in, the nft script of the table "ip kubec-proxy" out,
 * compared with golden text; and, when `unshare -n` can make a network
 * namespace (root), the scripts checked by nft itself there (nft -c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../agent/agent.h"
#include "../../lib/buf.h"
#include "../../lib/proc.h"
#include "test.h"

static const struct proxy_config t_cfg = { "198.18.1.0/24", "node1", NULL };

/* The script up to the first chain of a service, for the golden text. */
#define T_HEAD_CHAINS \
	"\tchain nat-prerouting {\n" \
	"\t\ttype nat hook prerouting priority dstnat; policy accept;\n" \
	"\t\tjump services\n" \
	"\t}\n" \
	"\tchain nat-output {\n" \
	"\t\ttype nat hook output priority -100; policy accept;\n" \
	"\t\tjump services\n" \
	"\t}\n" \
	"\tchain nat-postrouting {\n" \
	"\t\ttype nat hook postrouting priority srcnat; policy accept;\n" \
	"\t\tjump masquerading\n" \
	"\t}\n" \
	"\tchain filter-input {\n" \
	"\t\ttype filter hook input priority -10; policy accept;\n" \
	"\t\tct state new jump nodeport-endpoints-check\n" \
	"\t}\n" \
	"\tchain filter-forward {\n" \
	"\t\ttype filter hook forward priority -10; policy accept;\n" \
	"\t\tct state new jump service-endpoints-check\n" \
	"\t}\n" \
	"\tchain filter-output {\n" \
	"\t\ttype filter hook output priority -10; policy accept;\n" \
	"\t\tct state new jump service-endpoints-check\n" \
	"\t}\n" \
	"\tchain services {\n" \
	"\t\tip daddr . meta l4proto . th dport vmap @service-ips\n" \
	"\t\tfib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . " \
	"th dport vmap @service-nodeports\n" \
	"\t}\n" \
	"\tchain service-endpoints-check {\n" \
	"\t\tip daddr . meta l4proto . th dport vmap @no-endpoint-services\n" \
	"\t}\n" \
	"\tchain nodeport-endpoints-check {\n" \
	"\t\tfib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . " \
	"th dport vmap @no-endpoint-nodeports\n" \
	"\t}\n" \
	"\tchain reject-chain {\n" \
	"\t\tmeta l4proto tcp reject with tcp reset\n" \
	"\t\treject\n" \
	"\t}\n" \
	"\tchain mark-for-masquerade {\n" \
	"\t\tmeta mark set meta mark | 0x4000\n" \
	"\t}\n" \
	"\tchain masquerading {\n" \
	"\t\tmeta mark & 0x4000 == 0 return\n" \
	"\t\tmeta mark set meta mark ^ 0x4000\n" \
	"\t\tmasquerade fully-random\n" \
	"\t}\n"

#define T_TABLE \
	"add table ip kubec-proxy\n" \
	"delete table ip kubec-proxy\n" \
	"table ip kubec-proxy {\n" \
	"\tcomment \"service proxy of kubec-agent\"\n"

static json_t *
t_json(const char *s)
{
	json_error_t je;
	json_t *v = json_loads(s, 0, &je);

	if (v == NULL)
		printf("# bad JSON: %s\n", je.text);
	return v;
}

/* Renders; the script, to be freed. */
static char *
t_render(const char *svcs, const char *slices)
{
	json_t *s = t_json(svcs), *e = t_json(slices);
	struct buf out = BUF_INIT(1 << 20);
	struct err err;

	err_clear(&err);
	CHECK(s != NULL && e != NULL);
	CHECK_INT(proxy_render(s, e, &t_cfg, &out, &err), 0);
	json_decref(s);
	json_decref(e);
	return buf_detach(&out, NULL);
}

/* nft -c -f - in a network namespace of its own: 1 good, 0 refused, -1
 * cannot tell (no unshare, not root). */
static int
t_nft_check(const char *text)
{
	char *argv[] = { "unshare", "-n", "nft", "-c", "-f", "-", NULL };
	char *probe[] = { "unshare", "-n", "true", NULL };
	struct buf eout = BUF_INIT(1 << 16);
	struct proc p = { .argv = probe };
	struct err err;
	int st = 1;

	err_clear(&err);
	if (proc_run(&p, &st, &err) < 0 || st != 0)
		return -1;
	p.argv = argv;
	p.in = text;
	p.inlen = strlen(text);
	p.errout = &eout;
	if (proc_run(&p, &st, &err) < 0)
		return -1;
	if (st != 0)
		printf("# nft: %s\n", buf_str(&eout));
	buf_release(&eout);
	return st == 0;
}

static const char t_web_svc[] =
    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"web\"},"
    "\"spec\":{\"type\":\"ClusterIP\",\"clusterIP\":\"198.18.128.10\","
    "\"ports\":[{\"name\":\"http\",\"protocol\":\"TCP\",\"port\":80,"
    "\"targetPort\":8080}]}}";

static const char t_web_slice[] =
    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"web-abcde\","
    "\"labels\":{\"kubernetes.io/service-name\":\"web\"}},"
    "\"addressType\":\"IPv4\","
    "\"ports\":[{\"name\":\"http\",\"protocol\":\"TCP\",\"port\":8080}],"
    "\"endpoints\":["
    "{\"addresses\":[\"198.18.1.12\"],\"conditions\":{\"ready\":true},"
    "\"nodeName\":\"node1\"},"
    "{\"addresses\":[\"198.18.1.5\"],\"conditions\":{\"ready\":true},"
    "\"nodeName\":\"node1\"},"
    "{\"addresses\":[\"198.18.1.7\"],\"conditions\":{\"ready\":false,"
    "\"serving\":false,\"terminating\":false},\"nodeName\":\"node1\"}]}";

/* Nothing at all: the fixed chains, empty maps. */
static void
test_render_empty(void)
{
	char *got = t_render("[]", "[]");

	CHECK_STR(got, T_TABLE
	    "\tmap service-ips {\n"
	    "\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n"
	    "\t}\n"
	    "\tmap service-nodeports {\n"
	    "\t\ttype inet_proto . inet_service : verdict\n"
	    "\t}\n"
	    "\tmap no-endpoint-services {\n"
	    "\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n"
	    "\t}\n"
	    "\tmap no-endpoint-nodeports {\n"
	    "\t\ttype inet_proto . inet_service : verdict\n"
	    "\t}\n"
	    T_HEAD_CHAINS
	    "}\n");
	CHECK(t_nft_check(got) != 0);
	free(got);
}

/* A ClusterIP service, two ready endpoints of three (sorted by address),
 * a headless service and one without endpoints (rejected). */
static void
test_render_clusterip(void)
{
	char svcs[4096], slices[4096], *got;

	snprintf(svcs, sizeof svcs, "[%s,"
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"empty\"},"
	    "\"spec\":{\"clusterIP\":\"198.18.128.20\",\"ports\":["
	    "{\"port\":81,\"protocol\":\"TCP\"},"
	    "{\"port\":53,\"protocol\":\"UDP\"}]}},"
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"headless\"},"
	    "\"spec\":{\"clusterIP\":\"None\",\"ports\":[{\"port\":80}]}}]",
	    t_web_svc);
	snprintf(slices, sizeof slices, "[%s,"
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"headless-x\","
	    "\"labels\":{\"kubernetes.io/service-name\":\"headless\"}},"
	    "\"addressType\":\"IPv4\",\"ports\":[{\"port\":80}],"
	    "\"endpoints\":[{\"addresses\":[\"198.18.1.9\"]}]}]", t_web_slice);
	got = t_render(svcs, slices);
	CHECK_STR(got, T_TABLE
	    "\tmap service-ips {\n"
	    "\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n"
	    "\t\telements = {\n"
	    "\t\t\t198.18.128.10 . tcp . 80 : goto svc-default/web/tcp/80\n"
	    "\t\t}\n"
	    "\t}\n"
	    "\tmap service-nodeports {\n"
	    "\t\ttype inet_proto . inet_service : verdict\n"
	    "\t}\n"
	    "\tmap no-endpoint-services {\n"
	    "\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n"
	    "\t\telements = {\n"
	    "\t\t\t198.18.128.20 . tcp . 81 : goto reject-chain,\n"
	    "\t\t\t198.18.128.20 . udp . 53 : goto reject-chain\n"
	    "\t\t}\n"
	    "\t}\n"
	    "\tmap no-endpoint-nodeports {\n"
	    "\t\ttype inet_proto . inet_service : verdict\n"
	    "\t}\n"
	    T_HEAD_CHAINS
	    "\tchain ep-default/web/tcp/80__198.18.1.5/8080 {\n"
	    "\t\tip saddr 198.18.1.5 jump mark-for-masquerade\n"
	    "\t\tmeta l4proto tcp dnat to 198.18.1.5:8080\n"
	    "\t}\n"
	    "\tchain ep-default/web/tcp/80__198.18.1.12/8080 {\n"
	    "\t\tip saddr 198.18.1.12 jump mark-for-masquerade\n"
	    "\t\tmeta l4proto tcp dnat to 198.18.1.12:8080\n"
	    "\t}\n"
	    "\tchain svc-default/web/tcp/80 {\n"
	    "\t\tip daddr 198.18.128.10 tcp dport 80 ip saddr != "
	    "198.18.1.0/24 jump mark-for-masquerade\n"
	    "\t\tnumgen random mod 2 vmap { "
	    "0 : goto ep-default/web/tcp/80__198.18.1.5/8080, "
	    "1 : goto ep-default/web/tcp/80__198.18.1.12/8080 }\n"
	    "\t}\n"
	    "}\n");
	CHECK(t_nft_check(got) != 0);
	free(got);
}

/* The same objects in another order (and as a JSON object, as the agent
 * keeps them) render the same script. */
static void
test_render_deterministic(void)
{
	char a[4096], b[4096], *x, *y;

	snprintf(a, sizeof a, "[%s,{\"metadata\":{\"namespace\":\"a\","
	    "\"name\":\"z\"},\"spec\":{\"clusterIP\":\"198.18.128.30\","
	    "\"ports\":[{\"port\":1}]}}]", t_web_svc);
	snprintf(b, sizeof b, "{\"x\":{\"metadata\":{\"namespace\":\"a\","
	    "\"name\":\"z\"},\"spec\":{\"clusterIP\":\"198.18.128.30\","
	    "\"ports\":[{\"port\":1}]}},\"y\":%s}", t_web_svc);
	x = t_render(a, "[]");
	y = t_render(b, "[]");
	CHECK_STR(x, y);
	CHECK(strstr(x, "198.18.128.10 . tcp . 80 : goto reject-chain") !=
	    NULL);
	CHECK(strstr(x, "198.18.128.30 . tcp . 1 : goto reject-chain,\n") !=
	    NULL);
	free(x);
	free(y);
}

/* NodePort (UDP, by port name), externalTrafficPolicy Local with one
 * endpoint on this node, sessionAffinity ClientIP; a terminating but
 * serving endpoint used when none is ready. */
static void
test_render_nodeport(void)
{
	const char *svcs = "["
	    "{\"metadata\":{\"namespace\":\"ns1\",\"name\":\"dns\"},"
	    "\"spec\":{\"type\":\"NodePort\",\"clusterIP\":\"198.18.128.53\","
	    "\"externalTrafficPolicy\":\"Local\","
	    "\"sessionAffinity\":\"ClientIP\",\"sessionAffinityConfig\":"
	    "{\"clientIP\":{\"timeoutSeconds\":60}},"
	    "\"ports\":[{\"name\":\"dns\",\"protocol\":\"UDP\",\"port\":53,"
	    "\"nodePort\":30053}]}},"
	    "{\"metadata\":{\"namespace\":\"ns1\",\"name\":\"old\"},"
	    "\"spec\":{\"type\":\"NodePort\",\"clusterIP\":\"198.18.128.54\","
	    "\"ports\":[{\"port\":80,\"nodePort\":30080}]}}]";
	const char *slices = "["
	    "{\"metadata\":{\"namespace\":\"ns1\",\"name\":\"dns-1\","
	    "\"labels\":{\"kubernetes.io/service-name\":\"dns\"}},"
	    "\"addressType\":\"IPv4\",\"ports\":[{\"name\":\"dns\","
	    "\"protocol\":\"UDP\",\"port\":5353},{\"name\":\"other\","
	    "\"protocol\":\"UDP\",\"port\":9}],"
	    "\"endpoints\":[{\"addresses\":[\"198.18.2.4\"],\"nodeName\":"
	    "\"node2\"},{\"addresses\":[\"198.18.1.4\"],\"nodeName\":"
	    "\"node1\",\"conditions\":{\"ready\":true}}]},"
	    "{\"metadata\":{\"namespace\":\"ns1\",\"name\":\"old-1\","
	    "\"labels\":{\"kubernetes.io/service-name\":\"old\"}},"
	    "\"addressType\":\"IPv4\",\"ports\":[{\"port\":8080}],"
	    "\"endpoints\":[{\"addresses\":[\"198.18.1.8\"],\"conditions\":"
	    "{\"ready\":false,\"serving\":true,\"terminating\":true}},"
	    "{\"addresses\":[\"198.18.1.9\"],\"conditions\":"
	    "{\"ready\":false,\"serving\":false,\"terminating\":true}}]}]";
	char *got = t_render(svcs, slices);

	CHECK_STR(got, T_TABLE
	    "\tmap service-ips {\n"
	    "\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n"
	    "\t\telements = {\n"
	    "\t\t\t198.18.128.53 . udp . 53 : goto svc-ns1/dns/udp/53,\n"
	    "\t\t\t198.18.128.54 . tcp . 80 : goto svc-ns1/old/tcp/80\n"
	    "\t\t}\n"
	    "\t}\n"
	    "\tmap service-nodeports {\n"
	    "\t\ttype inet_proto . inet_service : verdict\n"
	    "\t\telements = {\n"
	    "\t\t\tudp . 30053 : goto ext-ns1/dns/udp/53,\n"
	    "\t\t\ttcp . 30080 : goto ext-ns1/old/tcp/80\n"
	    "\t\t}\n"
	    "\t}\n"
	    "\tmap no-endpoint-services {\n"
	    "\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n"
	    "\t}\n"
	    "\tmap no-endpoint-nodeports {\n"
	    "\t\ttype inet_proto . inet_service : verdict\n"
	    "\t}\n"
	    "\tset aff-ep-ns1/dns/udp/53__198.18.1.4/5353 {\n"
	    "\t\ttype ipv4_addr\n"
	    "\t\tflags dynamic,timeout\n"
	    "\t\ttimeout 60s\n"
	    "\t}\n"
	    "\tset aff-ep-ns1/dns/udp/53__198.18.2.4/5353 {\n"
	    "\t\ttype ipv4_addr\n"
	    "\t\tflags dynamic,timeout\n"
	    "\t\ttimeout 60s\n"
	    "\t}\n"
	    T_HEAD_CHAINS
	    "\tchain ep-ns1/dns/udp/53__198.18.1.4/5353 {\n"
	    "\t\tip saddr 198.18.1.4 jump mark-for-masquerade\n"
	    "\t\tupdate @aff-ep-ns1/dns/udp/53__198.18.1.4/5353 { ip saddr }\n"
	    "\t\tmeta l4proto udp dnat to 198.18.1.4:5353\n"
	    "\t}\n"
	    "\tchain ep-ns1/dns/udp/53__198.18.2.4/5353 {\n"
	    "\t\tip saddr 198.18.2.4 jump mark-for-masquerade\n"
	    "\t\tupdate @aff-ep-ns1/dns/udp/53__198.18.2.4/5353 { ip saddr }\n"
	    "\t\tmeta l4proto udp dnat to 198.18.2.4:5353\n"
	    "\t}\n"
	    "\tchain svc-ns1/dns/udp/53 {\n"
	    "\t\tip daddr 198.18.128.53 udp dport 53 ip saddr != "
	    "198.18.1.0/24 jump mark-for-masquerade\n"
	    "\t\tip saddr @aff-ep-ns1/dns/udp/53__198.18.1.4/5353 goto "
	    "ep-ns1/dns/udp/53__198.18.1.4/5353\n"
	    "\t\tip saddr @aff-ep-ns1/dns/udp/53__198.18.2.4/5353 goto "
	    "ep-ns1/dns/udp/53__198.18.2.4/5353\n"
	    "\t\tnumgen random mod 2 vmap { "
	    "0 : goto ep-ns1/dns/udp/53__198.18.1.4/5353, "
	    "1 : goto ep-ns1/dns/udp/53__198.18.2.4/5353 }\n"
	    "\t}\n"
	    "\tchain ext-ns1/dns/udp/53 {\n"
	    "\t\tfib saddr type local jump mark-for-masquerade\n"
	    "\t\tfib saddr type local goto svc-ns1/dns/udp/53\n"
	    "\t\tgoto ep-ns1/dns/udp/53__198.18.1.4/5353\n"
	    "\t}\n"
	    "\tchain ep-ns1/old/tcp/80__198.18.1.8/8080 {\n"
	    "\t\tip saddr 198.18.1.8 jump mark-for-masquerade\n"
	    "\t\tmeta l4proto tcp dnat to 198.18.1.8:8080\n"
	    "\t}\n"
	    "\tchain svc-ns1/old/tcp/80 {\n"
	    "\t\tip daddr 198.18.128.54 tcp dport 80 ip saddr != "
	    "198.18.1.0/24 jump mark-for-masquerade\n"
	    "\t\tgoto ep-ns1/old/tcp/80__198.18.1.8/8080\n"
	    "\t}\n"
	    "\tchain ext-ns1/old/tcp/80 {\n"
	    "\t\tjump mark-for-masquerade\n"
	    "\t\tgoto svc-ns1/old/tcp/80\n"
	    "\t}\n"
	    "}\n");
	CHECK(t_nft_check(got) != 0);
	free(got);
}

/* What could break the script is left out: a bad address, a name that
 * is not a DNS label, a port out of range, an unknown protocol. */
static void
test_render_refuses(void)
{
	const char *svcs = "["
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"x; flush\"},"
	    "\"spec\":{\"clusterIP\":\"198.18.128.1\",\"ports\":[{\"port\":1}]}},"
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"bad\"},"
	    "\"spec\":{\"clusterIP\":\"1.2.3.4 }\",\"ports\":[{\"port\":1}]}},"
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"ok\"},"
	    "\"spec\":{\"clusterIP\":\"198.18.128.2\",\"ports\":["
	    "{\"port\":70000},{\"port\":2,\"protocol\":\"ICMP\"},{\"port\":3}]}}]";
	const char *slices = "["
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"ok-1\","
	    "\"labels\":{\"kubernetes.io/service-name\":\"ok\"}},"
	    "\"addressType\":\"IPv4\",\"ports\":[{\"port\":3}],"
	    "\"endpoints\":[{\"addresses\":[\"198.18.1.2 } flush\"]},"
	    "{\"addresses\":[\"198.18.1.3\"]}]}]";
	char *got = t_render(svcs, slices);

	CHECK(strstr(got, "flush") == NULL);
	CHECK(strstr(got, "1.2.3.4") == NULL);
	CHECK(strstr(got, "70000") == NULL);
	CHECK(strstr(got, " . 2 :") == NULL);
	CHECK(strstr(got, "198.18.128.2 . tcp . 3 : goto svc-default/ok/tcp/3")
	    != NULL);
	CHECK(strstr(got, "\t\tgoto ep-default/ok/tcp/3__198.18.1.3/3\n") !=
	    NULL);
	CHECK(t_nft_check(got) != 0);
	free(got);
}

/* A ClusterIP the node answers itself (its cluster DNS) gets no rules,
 * not even the reject of a service without endpoints. */
static void
test_render_node_local(void)
{
	const char *svcs = "["
	    "{\"metadata\":{\"namespace\":\"kube-system\",\"name\":\"kube-dns\"},"
	    "\"spec\":{\"clusterIP\":\"198.18.128.10\",\"ports\":["
	    "{\"port\":53,\"protocol\":\"UDP\"}]}},"
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"web\"},"
	    "\"spec\":{\"clusterIP\":\"198.18.128.100\",\"ports\":["
	    "{\"port\":80}]}}]";
	json_t *s = t_json(svcs), *e = t_json("[]");
	struct proxy_config cfg = t_cfg;
	struct buf out = BUF_INIT(1 << 20);
	struct err err;

	err_clear(&err);
	cfg.node_local = "198.18.128.1,198.18.128.10";
	CHECK_INT(proxy_render(s, e, &cfg, &out, &err), 0);
	CHECK(strstr(buf_str(&out), "198.18.128.10 ") == NULL);
	CHECK(strstr(buf_str(&out), "kube-dns") == NULL);
	CHECK(strstr(buf_str(&out), "198.18.128.100 . tcp . 80") != NULL);
	buf_release(&out);
	json_decref(s);
	json_decref(e);
}

/* Runs sh -c script in a network namespace of its own; its output in
 * out.  1 when it exits 0, 0 when not, -1 when no namespace can be made. */
static int
t_sh_netns(const char *script, struct buf *out)
{
	char *argv[] = { "unshare", "-n", "sh", "-c", (char *)script, NULL };
	char *probe[] = { "unshare", "-n", "true", NULL };
	struct proc p = { .argv = probe };
	struct err err;
	int st = 1;

	err_clear(&err);
	if (proc_run(&p, &st, &err) < 0 || st != 0)
		return -1;
	p.argv = argv;
	p.out = out;
	p.errout = out;
	p.timeout_ms = 30000;
	if (proc_run(&p, &st, &err) < 0)
		return -1;
	return st == 0;
}

static const char t_update_head[] =
    "add table ip kubec-proxy\n"
    "flush chain ip kubec-proxy ep-default/b/tcp/80__198.18.1.3/8080\n"
    "flush chain ip kubec-proxy svc-default/b/tcp/80\n"
    "flush map ip kubec-proxy service-ips\n"
    "delete chain ip kubec-proxy ep-default/b/tcp/80__198.18.1.3/8080\n"
    "delete chain ip kubec-proxy svc-default/b/tcp/80\n"
    "delete set ip kubec-proxy aff-ep-default/b/tcp/80__198.18.1.3/8080\n"
    "table ip kubec-proxy {\n"
    "\tmap service-ips {\n";

/* An update from one table to the next, what changed alone: the rules of
 * the chains that changed or went and the maps that changed flushed, what
 * went deleted, then what is new or changed; the affinity sets kept (with
 * their clients, as nft shows in a namespace of the test's own). */
static void
test_render_update(void)
{
	const char *svc_a = "[{\"metadata\":{\"namespace\":\"default\","
	    "\"name\":\"a\"},\"spec\":{\"clusterIP\":\"198.18.128.1\","
	    "\"sessionAffinity\":\"ClientIP\",\"ports\":[{\"port\":80}]}},"
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"b\"},"
	    "\"spec\":{\"clusterIP\":\"198.18.128.2\",\"sessionAffinity\":"
	    "\"ClientIP\",\"ports\":[{\"port\":80}]}}]";
	const char *svc_b = "[{\"metadata\":{\"namespace\":\"default\","
	    "\"name\":\"a\"},\"spec\":{\"clusterIP\":\"198.18.128.1\","
	    "\"sessionAffinity\":\"ClientIP\",\"ports\":[{\"port\":80}]}}]";
	const char *eps = "["
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"a-1\","
	    "\"labels\":{\"kubernetes.io/service-name\":\"a\"}},"
	    "\"addressType\":\"IPv4\",\"ports\":[{\"port\":8080}],"
	    "\"endpoints\":[{\"addresses\":[\"198.18.1.2\"]}]},"
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"b-1\","
	    "\"labels\":{\"kubernetes.io/service-name\":\"b\"}},"
	    "\"addressType\":\"IPv4\",\"ports\":[{\"port\":8080}],"
	    "\"endpoints\":[{\"addresses\":[\"198.18.1.3\"]}]}]";
	json_t *sa = t_json(svc_a), *sb = t_json(svc_b), *e = t_json(eps);
	struct buf full = BUF_INIT(1 << 20), ta = BUF_INIT(1 << 20);
	struct buf tb = BUF_INIT(1 << 20), up = BUF_INIT(1 << 20);
	struct buf sh = BUF_INIT(1 << 22), out = BUF_INIT(1 << 20);
	struct err err;
	const char *u;

	err_clear(&err);
	CHECK_INT(proxy_render(sa, e, &t_cfg, &full, &err), 0);
	CHECK_INT(proxy_render_table(sa, e, &t_cfg, &ta, &err), 0);
	CHECK_INT(proxy_render_table(sb, e, &t_cfg, &tb, &err), 0);
	CHECK_INT(proxy_render_update(buf_str(&ta), buf_str(&tb), &up, &err),
	    0);
	u = buf_str(&up);
	CHECK(strncmp(u, t_update_head, strlen(t_update_head)) == 0);
	CHECK(strstr(u, "svc-default/a/tcp/80 {") == NULL);
	CHECK(strstr(u, "service-nodeports") == NULL);
	CHECK(strstr(u, "nat-prerouting") == NULL);
	CHECK(strcmp(u + strlen(u) - 5, "\t}\n}\n") == 0);
	if (t_failed_now)
		printf("# %s\n", u);
	/* in a namespace: the first table, a client remembered, the update */
	buf_addf(&sh, "nft -f - <<'EOF1'\n%sEOF1\n"
	    "nft add element ip kubec-proxy "
	    "aff-ep-default/a/tcp/80__198.18.1.2/8080 { 198.18.0.9 } &&\n"
	    "nft -f - <<'EOF2' &&\n%sEOF2\nnft list table ip kubec-proxy\n",
	    buf_str(&full), u);
	switch (t_sh_netns(buf_str(&sh), &out)) {
	case -1:
		printf("# no network namespace: nft not tried\n");
		break;
	case 0:
		printf("# %s\n", buf_str(&out));
		CHECK(0);
		break;
	default:
		CHECK(strstr(buf_str(&out), "elements = { 198.18.0.9 expires")
		    != NULL);
		CHECK(strstr(buf_str(&out), "default/b/") == NULL);
		CHECK(strstr(buf_str(&out), "198.18.128.1 . tcp . 80 : goto "
		    "svc-default/a/tcp/80") != NULL);
	}
	json_decref(sa);
	json_decref(sb);
	json_decref(e);
	buf_release(&full);
	buf_release(&ta);
	buf_release(&tb);
	buf_release(&up);
	buf_release(&sh);
	buf_release(&out);
}

/* An endpoint more: its chain and affinity set added, the service's
 * chain flushed and defined again, nothing else; applied in a namespace.
 * A set that changes (the affinity's timeout) takes the whole update. */
static void
test_render_update_endpoint(void)
{
	const char *svc = "[{\"metadata\":{\"namespace\":\"default\","
	    "\"name\":\"a\"},\"spec\":{\"clusterIP\":\"198.18.128.1\","
	    "\"sessionAffinity\":\"ClientIP\",\"ports\":[{\"port\":80}]}}]";
	const char *svc_t = "[{\"metadata\":{\"namespace\":\"default\","
	    "\"name\":\"a\"},\"spec\":{\"clusterIP\":\"198.18.128.1\","
	    "\"sessionAffinity\":\"ClientIP\",\"sessionAffinityConfig\":"
	    "{\"clientIP\":{\"timeoutSeconds\":60}},\"ports\":"
	    "[{\"port\":80}]}}]";
	const char *eps1 = "[{\"metadata\":{\"namespace\":\"default\","
	    "\"name\":\"a-1\",\"labels\":{\"kubernetes.io/service-name\":"
	    "\"a\"}},\"addressType\":\"IPv4\",\"ports\":[{\"port\":8080}],"
	    "\"endpoints\":[{\"addresses\":[\"198.18.1.2\"]}]}]";
	const char *eps2 = "[{\"metadata\":{\"namespace\":\"default\","
	    "\"name\":\"a-1\",\"labels\":{\"kubernetes.io/service-name\":"
	    "\"a\"}},\"addressType\":\"IPv4\",\"ports\":[{\"port\":8080}],"
	    "\"endpoints\":[{\"addresses\":[\"198.18.1.2\"]},"
	    "{\"addresses\":[\"198.18.1.4\"]}]}]";
	json_t *s = t_json(svc), *st = t_json(svc_t), *e1 = t_json(eps1);
	json_t *e2 = t_json(eps2);
	struct buf full = BUF_INIT(1 << 20), t1 = BUF_INIT(1 << 20);
	struct buf t2 = BUF_INIT(1 << 20), t3 = BUF_INIT(1 << 20);
	struct buf up = BUF_INIT(1 << 20), up2 = BUF_INIT(1 << 20);
	struct buf sh = BUF_INIT(1 << 22), out = BUF_INIT(1 << 20);
	const char *head = "add table ip kubec-proxy\n"
	    "flush chain ip kubec-proxy svc-default/a/tcp/80\n"
	    "table ip kubec-proxy {\n"
	    "\tset aff-ep-default/a/tcp/80__198.18.1.4/8080 {\n";
	const char *head_all = "add table ip kubec-proxy\n"
	    "flush table ip kubec-proxy\n";
	struct err err;
	const char *u;

	err_clear(&err);
	CHECK_INT(proxy_render(s, e1, &t_cfg, &full, &err), 0);
	CHECK_INT(proxy_render_table(s, e1, &t_cfg, &t1, &err), 0);
	CHECK_INT(proxy_render_table(s, e2, &t_cfg, &t2, &err), 0);
	CHECK_INT(proxy_render_table(st, e2, &t_cfg, &t3, &err), 0);
	CHECK_INT(proxy_render_update(buf_str(&t1), buf_str(&t2), &up, &err),
	    0);
	u = buf_str(&up);
	CHECK(strncmp(u, head, strlen(head)) == 0);
	CHECK(strstr(u, "\tchain ep-default/a/tcp/80__198.18.1.4/8080 {") !=
	    NULL);
	CHECK(strstr(u, "\tchain svc-default/a/tcp/80 {") != NULL);
	CHECK(strstr(u, "198.18.1.2/8080 {") == NULL);
	CHECK(strstr(u, "\tmap ") == NULL);
	if (t_failed_now)
		printf("# %s\n", u);
	/* the timeout of the sets changes: everything flushed */
	CHECK_INT(proxy_render_update(buf_str(&t2), buf_str(&t3), &up2, &err),
	    0);
	CHECK(strncmp(buf_str(&up2), head_all, strlen(head_all)) == 0);
	buf_addf(&sh, "nft -f - <<'EOF1'\n%sEOF1\n"
	    "nft -f - <<'EOF2' &&\n%sEOF2\nnft list table ip kubec-proxy\n",
	    buf_str(&full), u);
	switch (t_sh_netns(buf_str(&sh), &out)) {
	case -1:
		printf("# no network namespace: nft not tried\n");
		break;
	case 0:
		printf("# %s\n", buf_str(&out));
		CHECK(0);
		break;
	default:
		CHECK(strstr(buf_str(&out), "numgen random mod 2 vmap { "
		    "0 : goto ep-default/a/tcp/80__198.18.1.2/8080, 1 : goto "
		    "ep-default/a/tcp/80__198.18.1.4/8080 }") != NULL);
		CHECK(strstr(buf_str(&out), "dnat to 198.18.1.4:8080") !=
		    NULL);
	}
	json_decref(s);
	json_decref(st);
	json_decref(e1);
	json_decref(e2);
	buf_release(&full);
	buf_release(&t1);
	buf_release(&t2);
	buf_release(&t3);
	buf_release(&up);
	buf_release(&up2);
	buf_release(&sh);
	buf_release(&out);
}

int
main(void)
{
	RUN(test_render_empty);
	RUN(test_render_clusterip);
	RUN(test_render_deterministic);
	RUN(test_render_nodeport);
	RUN(test_render_refuses);
	RUN(test_render_node_local);
	RUN(test_render_update);
	RUN(test_render_update_endpoint);
	return TEST_EXIT();
}
