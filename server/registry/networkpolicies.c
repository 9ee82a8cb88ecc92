/* networkpolicies.c - networking.k8s.io/v1 NetworkPolicy: the pods it
 * selects, ingress and egress rules of peers (pod and namespace
 * selectors, IP blocks) and ports, policyTypes defaulted as upstream
 * (Ingress, and Egress when there are egress rules), and kubectl's
 * POD-SELECTOR.  The agents enforce it (agent/netpol.c).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinds.h"

/* deployments.c */
int	deployments_check_selector(const json_t *sel, const char *path,
	    struct err *err);
void	deployments_cell_selector(json_t *cells, const json_t *sel);

static const char *const networkpolicies_short[] = { "netpol", NULL };

static const struct registry_column networkpolicies_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Pod-Selector", "string", "", "Selects the pods to which this "
	    "NetworkPolicy object applies. The array of ingress rules is "
	    "applied to any pods selected by this field. Multiple network "
	    "policies can select the same set of pods. In this case, the "
	    "ingress rules for each are combined additively. This field is NOT "
	    "optional and follows standard label selector semantics. An empty "
	    "podSelector matches all pods in this namespace.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static void
networkpolicies_default_ports(json_t *rules)
{
	json_t *r, *p;
	size_t i, j;

	json_array_foreach(rules, i, r)
		json_array_foreach(json_object_get(r, "ports"), j, p)
			if (json_is_object(p))
				reg_default_str(p, "protocol", "TCP");
}

/* SetDefaults_NetworkPolicy, SetDefaults_NetworkPolicyPort; a missing
 * podSelector is the empty one, as Go's decoding of the struct makes it. */
static void
networkpolicies_defaults(json_t *obj)
{
	json_t *spec = reg_mkpath(obj, "spec"), *types;

	if (!json_is_object(json_object_get(spec, "podSelector")))
		json_object_set_new(spec, "podSelector", json_object());
	networkpolicies_default_ports(json_object_get(spec, "ingress"));
	networkpolicies_default_ports(json_object_get(spec, "egress"));
	types = json_object_get(spec, "policyTypes");
	if (json_array_size(types) > 0)
		return;
	types = json_array();
	json_array_append_new(types, json_string("Ingress"));
	if (json_array_size(json_object_get(spec, "egress")) > 0)
		json_array_append_new(types, json_string("Egress"));
	json_object_set_new(spec, "policyTypes", types);
}

/* An address/prefix as ParseCIDR reads it: the address bytes, their
 * count (4 or 16) and the prefix length; -1 when not a CIDR. */
static int
networkpolicies_parse_cidr(const char *s, unsigned char addr[16],
    int *alen, int *plen)
{
	char host[64], *end;
	const char *slash;
	long n;

	if (s == NULL || (slash = strchr(s, '/')) == NULL ||
	    (size_t)(slash - s) >= sizeof host || slash[1] == '\0')
		return -1;
	snprintf(host, sizeof host, "%.*s", (int)(slash - s), s);
	if (inet_pton(AF_INET, host, addr) == 1)
		*alen = 4;
	else if (inet_pton(AF_INET6, host, addr) == 1)
		*alen = 16;
	else
		return -1;
	n = strtol(slash + 1, &end, 10);
	if (*end != '\0' || n < 0 || n > *alen * 8 || slash[1] == '-' ||
	    slash[1] == '+')
		return -1;
	*plen = (int)n;
	return 0;
}

/* Whether the first plen bits of a and b agree. */
static int
networkpolicies_prefix_eq(const unsigned char *a, const unsigned char *b,
    int plen)
{
	int i;

	for (i = 0; i < plen; i++)
		if (((a[i / 8] ^ b[i / 8]) >> (7 - i % 8)) & 1)
			return 0;
	return 1;
}

/* ValidateIPBlock. */
static void
networkpolicies_check_ipblock(const json_t *ipb, const char *path,
    struct err *err)
{
	const char *cidr = reg_str(ipb, "cidr");
	unsigned char a[16], e[16];
	int alen, plen, elen, eplen;
	const json_t *x;
	char f[340], val[300];
	size_t i;

	if (cidr == NULL || cidr[0] == '\0') {
		err_field(err, ERR_CAUSE_REQUIRED, reg_path(f, sizeof f, path,
		    "cidr"), NULL, NULL);
		return;
	}
	if (networkpolicies_parse_cidr(cidr, a, &alen, &plen) < 0) {
		err_field(err, ERR_CAUSE_INVALID, reg_path(f, sizeof f, path,
		    "cidr"), reg_quote(cidr, val, sizeof val), "must be a "
		    "valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
		return;
	}
	json_array_foreach(json_object_get(ipb, "except"), i, x) {
		snprintf(f, sizeof f, "%s.except[%zu]", path, i);
		if (!json_is_string(x) || networkpolicies_parse_cidr(
		    json_string_value(x), e, &elen, &eplen) < 0) {
			err_field(err, ERR_CAUSE_INVALID, f, reg_quote(
			    json_string_value(x), val, sizeof val),
			    "must be a valid CIDR");
			return;
		}
		if (elen != alen || eplen <= plen ||
		    !networkpolicies_prefix_eq(a, e, plen))
			err_field(err, ERR_CAUSE_INVALID, f, reg_quote(
			    json_string_value(x), val, sizeof val),
			    "must be a strict subset of `cidr`");
	}
}

/* ValidateNetworkPolicyPeer. */
static void
networkpolicies_check_peer(const json_t *peer, const char *path,
    struct err *err)
{
	const json_t *ps = json_object_get(peer, "podSelector");
	const json_t *ns = json_object_get(peer, "namespaceSelector");
	const json_t *ipb = json_object_get(peer, "ipBlock");
	char f[340];
	int n = 0;

	if (ps != NULL && !json_is_null(ps)) {
		n++;
		deployments_check_selector(ps, reg_path(f, sizeof f, path,
		    "podSelector"), err);
	}
	if (ns != NULL && !json_is_null(ns)) {
		n++;
		deployments_check_selector(ns, reg_path(f, sizeof f, path,
		    "namespaceSelector"), err);
	}
	if (ipb != NULL && !json_is_null(ipb)) {
		n++;
		networkpolicies_check_ipblock(ipb, reg_path(f, sizeof f, path,
		    "ipBlock"), err);
	}
	if (n == 0)
		err_field(err, ERR_CAUSE_REQUIRED, path, NULL,
		    "must specify a peer");
	else if (n > 1 && ipb != NULL && !json_is_null(ipb))
		err_field(err, ERR_CAUSE_FORBIDDEN, path, NULL,
		    "may not specify both ipBlock and another peer");
}

static void
networkpolicies_check_portnum(long long n, const char *field,
    struct err *err)
{
	char val[32];

	if (n >= 1 && n <= 65535)
		return;
	snprintf(val, sizeof val, "%lld", n);
	err_field(err, ERR_CAUSE_INVALID, field, val,
	    "must be between 1 and 65535, inclusive");
}

/* ValidateNetworkPolicyPort. */
static void
networkpolicies_check_port(const json_t *p, const char *path,
    struct err *err)
{
	const char *proto = reg_str(p, "protocol"), *why;
	const json_t *port = json_object_get(p, "port");
	const json_t *end = json_object_get(p, "endPort");
	char f[340], val[300];
	long long pn, en;

	if (proto != NULL && strcmp(proto, "TCP") != 0 &&
	    strcmp(proto, "UDP") != 0 && strcmp(proto, "SCTP") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, reg_path(f, sizeof f,
		    path, "protocol"), reg_quote(proto, val, sizeof val),
		    "supported values: \"TCP\", \"UDP\", \"SCTP\"");
	if (json_is_null(end))
		end = NULL;
	en = json_integer_value(end);
	snprintf(val, sizeof val, "%lld", en);
	if (json_is_integer(port)) {
		pn = json_integer_value(port);
		networkpolicies_check_portnum(pn, reg_path(f, sizeof f, path,
		    "port"), err);
		if (end != NULL) {
			reg_path(f, sizeof f, path, "endPort");
			if (en < pn) {
				snprintf(val, sizeof val, "%lld", pn);
				err_field(err, ERR_CAUSE_INVALID, f, val,
				    "must be greater than or equal to `port`");
			}
			networkpolicies_check_portnum(en, f, err);
		}
	} else if (json_is_string(port)) {
		if (end != NULL)
			err_field(err, ERR_CAUSE_INVALID, reg_path(f, sizeof f,
			    path, "endPort"), val, "may not be specified when "
			    "`port` is non-numeric");
		if ((why = reg_port_name_error(json_string_value(port))) !=
		    NULL)
			err_field(err, ERR_CAUSE_INVALID, reg_path(f, sizeof f,
			    path, "port"), reg_quote(json_string_value(port),
			    val, sizeof val), "%s", why);
	} else if (end != NULL)
		err_field(err, ERR_CAUSE_INVALID, reg_path(f, sizeof f, path,
		    "endPort"), val, "may not be specified when `port` is not "
		    "specified");
}

/* The ports and peers of spec.ingress or spec.egress; peers is "from"
 * or "to". */
static void
networkpolicies_check_rules(const json_t *rules, const char *path,
    const char *peers, struct err *err)
{
	const json_t *r, *x;
	char rp[300], f[340];
	size_t i, j;

	json_array_foreach(rules, i, r) {
		snprintf(rp, sizeof rp, "%s[%zu]", path, i);
		json_array_foreach(json_object_get(r, "ports"), j, x) {
			snprintf(f, sizeof f, "%s.ports[%zu]", rp, j);
			networkpolicies_check_port(x, f, err);
		}
		json_array_foreach(json_object_get(r, peers), j, x) {
			snprintf(f, sizeof f, "%s.%s[%zu]", rp, peers, j);
			networkpolicies_check_peer(x, f, err);
		}
	}
}

static int
networkpolicies_validate(const json_t *obj, const json_t *old,
    struct err *err)
{
	const json_t *spec = json_object_get(obj, "spec");
	const json_t *types = json_object_get(spec, "policyTypes"), *t;
	char f[300], val[300];
	size_t i;

	(void)old;
	deployments_check_selector(json_object_get(spec, "podSelector"),
	    "spec.podSelector", err);
	networkpolicies_check_rules(json_object_get(spec, "ingress"),
	    "spec.ingress", "from", err);
	networkpolicies_check_rules(json_object_get(spec, "egress"),
	    "spec.egress", "to", err);
	if (json_array_size(types) > 2)
		err_field(err, ERR_CAUSE_INVALID, "spec.policyTypes", "[]",
		    "may not specify more than two policyTypes");
	else
		json_array_foreach(types, i, t) {
			if (json_is_string(t) && (strcmp(json_string_value(t),
			    "Ingress") == 0 || strcmp(json_string_value(t),
			    "Egress") == 0))
				continue;
			snprintf(f, sizeof f, "spec.policyTypes[%zu]", i);
			err_field(err, ERR_CAUSE_NOT_SUPPORTED, f, reg_quote(
			    json_string_value(t), val, sizeof val),
			    "supported values: \"Ingress\", \"Egress\"");
		}
	return err_invalid(err, "NetworkPolicy.networking.k8s.io",
	    reg_str(obj, "metadata.name"));
}

static void
networkpolicies_row(const json_t *obj, json_t *cells, long long now)
{
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	deployments_cell_selector(cells, reg_get(obj, "spec.podSelector"));
	reg_cell_age(cells, obj, now);
}

const struct registry_kind registry_networkpolicies = {
	.group = "networking.k8s.io",
	.version = "v1",
	.kind = "NetworkPolicy",
	.resource = "networkpolicies",
	.singular = "networkpolicy",
	.short_names = networkpolicies_short,
	.flags = REG_NAMESPACED,
	.defaults = networkpolicies_defaults,
	.validate = networkpolicies_validate,
	.columns = networkpolicies_columns,
	.row = networkpolicies_row,
};
