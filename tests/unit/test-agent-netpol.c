/* test-agent-netpol.c - agent/netpol.c's rendering: NetworkPolicies,
 * Pods and Namespaces in, the nft script of the table "inet
 * kubec-netpol" out, compared with golden text; and, when `unshare -n`
 * can make a network namespace (root), the script checked by nft itself
 * there (nft -c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../agent/agent.h"
#include "../../lib/buf.h"
#include "../../lib/proc.h"
#include "test.h"

static const struct netpol_config t_cfg = { "node1" };

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
t_render(const char *pols, const char *pods, const char *nss)
{
	json_t *p = t_json(pols), *q = t_json(pods), *n = t_json(nss);
	struct buf out = BUF_INIT(1 << 20);
	struct err err;

	err_clear(&err);
	CHECK(p != NULL && q != NULL && n != NULL);
	CHECK_INT(netpol_render(p, q, n, &t_cfg, &out, &err), 0);
	json_decref(p);
	json_decref(q);
	json_decref(n);
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

#define T_POD(ns, name, node, ip, labels, ports) \
	"{\"metadata\":{\"namespace\":\"" ns "\",\"name\":\"" name "\"," \
	"\"labels\":" labels "},\"spec\":{\"nodeName\":\"" node "\"," \
	"\"containers\":[{\"name\":\"c\",\"ports\":" ports "}]}," \
	"\"status\":{\"phase\":\"Running\",\"podIP\":\"" ip "\"}}"

static const char t_pods[] = "["
    T_POD("default", "web", "node1", "198.18.1.5", "{\"app\":\"web\"}",
	"[{\"name\":\"http\",\"containerPort\":8080}]") ","
    T_POD("default", "client", "node1", "198.18.1.6",
	"{\"app\":\"client\"}", "[]") ","
    T_POD("default", "db", "node1", "198.18.1.7", "{\"app\":\"db\"}",
	"[]") ","
    T_POD("default", "web2", "node2", "198.18.2.5", "{\"app\":\"web\"}",
	"[{\"name\":\"http\",\"containerPort\":8081}]") ","
    T_POD("other", "peer", "node2", "198.18.2.6", "{\"app\":\"client\"}",
	"[]") ","
    /* no address yet, on the host's network, finished: not counted */
    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"new\"},"
    "\"spec\":{\"nodeName\":\"node1\"}},"
    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"host\","
    "\"labels\":{\"app\":\"client\"}},\"spec\":{\"nodeName\":\"node1\","
    "\"hostNetwork\":true},\"status\":{\"podIP\":\"198.19.0.2\"}},"
    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"done\","
    "\"labels\":{\"app\":\"client\"}},\"spec\":{\"nodeName\":\"node1\"},"
    "\"status\":{\"phase\":\"Succeeded\",\"podIP\":\"198.18.1.9\"}}"
    "]";

static const char t_nss[] =
    "{\"default\":{\"metadata\":{\"name\":\"default\",\"labels\":"
    "{\"kubernetes.io/metadata.name\":\"default\"}}},"
    "\"other\":{\"metadata\":{\"name\":\"other\",\"labels\":"
    "{\"kubernetes.io/metadata.name\":\"other\",\"team\":\"a\"}}}}";

static const char t_pols[] = "["
    /* web: from the clients of its namespace, and all of team a's
     * namespaces' pods, to its named port; UDP 9000-9100 from a block */
    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"web\"},"
    "\"spec\":{\"podSelector\":{\"matchLabels\":{\"app\":\"web\"}},"
    "\"policyTypes\":[\"Ingress\"],\"ingress\":[{\"from\":["
    "{\"podSelector\":{\"matchLabels\":{\"app\":\"client\"}}},"
    "{\"namespaceSelector\":{\"matchLabels\":{\"team\":\"a\"}}}],"
    "\"ports\":[{\"protocol\":\"TCP\",\"port\":\"http\"}]},"
    "{\"from\":[{\"ipBlock\":{\"cidr\":\"10.0.0.0/8\",\"except\":"
    "[\"10.1.0.0/16\",\"10.2.0.0/16\"]}}],\"ports\":[{\"protocol\":"
    "\"UDP\",\"port\":9000,\"endPort\":9100}]}]}},"
    /* the client: out to web's named port and to DNS only */
    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"client\"},"
    "\"spec\":{\"podSelector\":{\"matchLabels\":{\"app\":\"client\"}},"
    "\"policyTypes\":[\"Egress\"],\"egress\":[{\"to\":[{\"podSelector\":"
    "{\"matchLabels\":{\"app\":\"web\"}},\"namespaceSelector\":{}}],"
    "\"ports\":[{\"protocol\":\"TCP\",\"port\":\"http\"}]},"
    "{\"ports\":[{\"protocol\":\"UDP\",\"port\":53}]}]}},"
    /* deny all ingress in other, but from its own pods: no pod of this
     * node, no chain, no set */
    "{\"metadata\":{\"namespace\":\"other\",\"name\":\"deny\"},"
    "\"spec\":{\"podSelector\":{},\"policyTypes\":[\"Ingress\"],"
    "\"ingress\":[{\"from\":[{\"podSelector\":{}}]}]}}"
    "]";

static const char t_golden[] =
    "add table inet kubec-netpol\n"
    "delete table inet kubec-netpol\n"
    "table inet kubec-netpol {\n"
    "\tcomment \"network policy of kubec-agent\"\n"
    "\tmap ingress-pods {\n"
    "\t\ttype ipv4_addr : verdict\n"
    "\t\telements = {\n"
    "\t\t\t198.18.1.5 : jump ingress-default/web\n"
    "\t\t}\n"
    "\t}\n"
    "\tmap egress-pods {\n"
    "\t\ttype ipv4_addr : verdict\n"
    "\t\telements = {\n"
    "\t\t\t198.18.1.6 : jump egress-default/client\n"
    "\t\t}\n"
    "\t}\n"
    "\tset peers-default/client/egress/r0/p0 {\n"
    "\t\ttype ipv4_addr\n"
    "\t\telements = { 198.18.1.5, 198.18.2.5 }\n"
    "\t}\n"
    "\tset ports-default/client/egress/r0/p0 {\n"
    "\t\ttype ipv4_addr . inet_service\n"
    "\t\telements = { 198.18.1.5 . 8080, 198.18.2.5 . 8081 }\n"
    "\t}\n"
    "\tset peers-default/web/ingress/r0/p0 {\n"
    "\t\ttype ipv4_addr\n"
    "\t\telements = { 198.18.1.6 }\n"
    "\t}\n"
    "\tset peers-default/web/ingress/r0/p1 {\n"
    "\t\ttype ipv4_addr\n"
    "\t\telements = { 198.18.2.6 }\n"
    "\t}\n"
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
    "\t}\n"
    "\tchain egress-default/client {\n"
    "\t\tip daddr 198.18.1.6 return\n"
    "\t\tip daddr @peers-default/client/egress/r0/p0 meta l4proto tcp "
    "ip daddr . th dport @ports-default/client/egress/r0/p0 return\n"
    "\t\tmeta l4proto udp th dport 53 return\n"
    "\t\tdrop\n"
    "\t}\n"
    "\tchain ingress-default/web {\n"
    "\t\tip saddr 198.18.1.5 return\n"
    "\t\tip saddr @peers-default/web/ingress/r0/p0 meta l4proto tcp "
    "th dport 8080 return\n"
    "\t\tip saddr @peers-default/web/ingress/r0/p1 meta l4proto tcp "
    "th dport 8080 return\n"
    "\t\tip saddr 10.0.0.0/8 ip saddr != { 10.1.0.0/16, 10.2.0.0/16 } "
    "meta l4proto udp th dport 9000-9100 return\n"
    "\t\tdrop\n"
    "\t}\n"
    "}\n";

static void
test_netpol_render(void)
{
	char *got = t_render(t_pols, t_pods, t_nss);

	CHECK_STR(got, t_golden);
	CHECK(t_nft_check(got) != 0);
	free(got);
}

/* No policy: the table with empty maps, nothing isolated. */
static void
test_netpol_none(void)
{
	char *got = t_render("[]", t_pods, t_nss);

	CHECK(strstr(got, "\tmap ingress-pods {\n\t\ttype ipv4_addr : "
	    "verdict\n\t}\n\tmap egress-pods {\n\t\ttype ipv4_addr : "
	    "verdict\n\t}\n\tchain forward {\n") != NULL);
	CHECK(strstr(got, "chain ingress-") == NULL);
	CHECK(strstr(got, "chain egress-") == NULL);
	CHECK(t_nft_check(got) != 0);
	free(got);
}

/* Deny all in default: each of this node's pods of default isolated
 * both ways with nothing allowed but itself; an ingress port by a name
 * the pod lacks allows nothing; objects given as a mirror keeps them
 * (keyed) render the same as an array. */
static void
test_netpol_deny(void)
{
	static const char pols[] = "{\"default/deny\":{\"metadata\":"
	    "{\"namespace\":\"default\",\"name\":\"deny\"},\"spec\":"
	    "{\"podSelector\":{},\"policyTypes\":[\"Ingress\",\"Egress\"]}},"
	    "\"default/named\":{\"metadata\":{\"namespace\":\"default\","
	    "\"name\":\"named\"},\"spec\":{\"podSelector\":{"
	    "\"matchLabels\":{\"app\":\"db\"}},\"ingress\":[{\"ports\":"
	    "[{\"port\":\"http\"}]}]}}}";
	char *got = t_render(pols, t_pods, t_nss);

	CHECK(strstr(got, "\t\t\t198.18.1.6 : jump ingress-default/client,\n"
	    "\t\t\t198.18.1.7 : jump ingress-default/db,\n"
	    "\t\t\t198.18.1.5 : jump ingress-default/web\n") != NULL);
	CHECK(strstr(got, "\t\t\t198.18.1.5 : jump egress-default/web\n")
	    != NULL);
	CHECK(strstr(got, "\tchain ingress-default/db {\n\t\tip saddr "
	    "198.18.1.7 return\n\t\tdrop\n\t}\n") != NULL);
	CHECK(strstr(got, "\tchain egress-default/client {\n\t\tip daddr "
	    "198.18.1.6 return\n\t\tdrop\n\t}\n") != NULL);
	CHECK(strstr(got, "web2") == NULL);	/* node2's */
	CHECK(t_nft_check(got) != 0);
	free(got);
}

/* Names too long for nft's (255 bytes): the pod's chain by its address,
 * the policy's sets by its rank; CIDRs in canonical form, IPv6 blocks
 * (the pods are IPv4) matching nothing. */
static void
test_netpol_names(void)
{
	char pods[2048], pols[2048], longname[130];
	char *got;

	memset(longname, 'x', 120);
	longname[120] = '\0';
	snprintf(pods, sizeof pods, "[{\"metadata\":{\"namespace\":\"default\","
	    "\"name\":\"%s\",\"labels\":{\"app\":\"web\"}},\"spec\":"
	    "{\"nodeName\":\"node1\"},\"status\":{\"podIP\":"
	    "\"198.18.1.5\"}}]", longname);
	snprintf(pols, sizeof pols, "[{\"metadata\":{\"namespace\":\"default\","
	    "\"name\":\"%s\"},\"spec\":{\"podSelector\":{},\"ingress\":["
	    "{\"from\":[{\"podSelector\":{}},{\"ipBlock\":{\"cidr\":"
	    "\"10.0.0.1/8\",\"except\":[\"10.1.2.3/16\",\"fd00::/64\"]}},"
	    "{\"ipBlock\":{\"cidr\":\"2001:db8::/64\"}}]}]}}]", longname);
	got = t_render(pols, pods, t_nss);
	CHECK(strstr(got, "\t\t\t198.18.1.5 : jump ingress-198.18.1.5\n") !=
	    NULL);
	CHECK(strstr(got, "\tchain ingress-198.18.1.5 {\n"
	    "\t\tip saddr 198.18.1.5 return\n"
	    "\t\tip saddr @peers-policy-0/ingress/r0/p0 return\n"
	    "\t\tip saddr 10.0.0.0/8 ip saddr != { 10.1.0.0/16 } return\n"
	    "\t\tdrop\n\t}\n") != NULL);
	CHECK(strstr(got, "\tset peers-policy-0/ingress/r0/p0 {\n\t\ttype "
	    "ipv4_addr\n\t\telements = { 198.18.1.5 }\n\t}\n") != NULL);
	CHECK(t_nft_check(got) != 0);
	free(got);
}

/* Two pods of this node with one address: one chain, the pod not being
 * deleted. */
static void
test_netpol_dup(void)
{
	static const char pods[] = "["
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"a-old\","
	    "\"deletionTimestamp\":\"2026-01-01T00:00:00Z\"},\"spec\":{"
	    "\"nodeName\":\"node1\"},\"status\":{\"podIP\":\"198.18.1.5\"}},"
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"b-new\"},"
	    "\"spec\":{\"nodeName\":\"node1\"},\"status\":{\"podIP\":"
	    "\"198.18.1.5\"}}]";
	char *got = t_render("[{\"metadata\":{\"namespace\":\"default\","
	    "\"name\":\"deny\"},\"spec\":{\"podSelector\":{}}}]", pods,
	    t_nss);

	CHECK(strstr(got, "\t\t\t198.18.1.5 : jump ingress-default/b-new\n")
	    != NULL);
	CHECK(strstr(got, "a-old") == NULL);
	CHECK(t_nft_check(got) != 0);
	free(got);
}

int
main(void)
{
	RUN(test_netpol_render);
	RUN(test_netpol_none);
	RUN(test_netpol_deny);
	RUN(test_netpol_names);
	RUN(test_netpol_dup);
	return TEST_EXIT();
}
