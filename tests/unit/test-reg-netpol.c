/* test-reg-netpol.c - unit tests for networking.k8s.io/v1 NetworkPolicy
 * (server/registry/networkpolicies.c): defaulting, validation and
 * kubectl's row.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/err.h"
#include "../../server/registry/kinds.h"
#include "test.h"

#define T_CREATED	"2026-01-01T00:00:00Z"
#define T_NOW		(1767225600LL + 300)	/* T_CREATED + 5m */

static json_t *
t_obj(const char *text)
{
	json_error_t je;
	json_t *o = json_loads(text, 0, &je);

	if (o == NULL)
		printf("# bad JSON in test: %s\n", je.text);
	return o;
}

/* A NetworkPolicy np/default created at T_CREATED with this spec. */
static json_t *
t_np(const char *spec)
{
	char text[4096];

	snprintf(text, sizeof text, "{\"apiVersion\":\"networking.k8s.io/v1\","
	    "\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"np\","
	    "\"namespace\":\"default\",\"creationTimestamp\":\"" T_CREATED
	    "\"},\"spec\":%s}", spec);
	return t_obj(text);
}

/* Defaults then validates a policy of this spec; the message or "". */
static const char *
t_check(const char *spec)
{
	static char msg[2048];
	struct err err;
	json_t *o = t_np(spec);

	err_clear(&err);
	registry_networkpolicies.defaults(o);
	if (registry_networkpolicies.validate(o, NULL, &err) == 0)
		msg[0] = '\0';
	else
		snprintf(msg, sizeof msg, "%s", err.msg);
	json_decref(o);
	return msg;
}

static char *
t_row(const json_t *obj)
{
	static char out[1024];
	json_t *cells = json_array(), *c;
	size_t i, n = 0;

	registry_networkpolicies.row(obj, cells, T_NOW);
	out[0] = '\0';
	json_array_foreach(cells, i, c)
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s",
		    i ? "|" : "", json_string_value(c));
	json_decref(cells);
	return out;
}

static void
test_netpol_kind(void)
{
	const struct registry_kind *k;

	k = registry_find("networking.k8s.io", "networkpolicies");
	CHECK(k == &registry_networkpolicies);
	CHECK(k != NULL && (k->flags & REG_NAMESPACED));
	CHECK_STR(k ? k->short_names[0] : NULL, "netpol");
	CHECK(registry_find_kind("networking.k8s.io", "NetworkPolicy") == k);
}

static void
test_netpol_defaults(void)
{
	json_t *o = t_np("{\"ingress\":[{\"ports\":[{\"port\":80}]}]}");
	char *s;

	registry_networkpolicies.defaults(o);
	s = json_dumps(json_object_get(o, "spec"), JSON_SORT_KEYS |
	    JSON_COMPACT);
	CHECK_STR(s, "{\"ingress\":[{\"ports\":[{\"port\":80,\"protocol\":"
	    "\"TCP\"}]}],\"podSelector\":{},\"policyTypes\":[\"Ingress\"]}");
	free(s);
	json_decref(o);

	o = t_np("{\"podSelector\":{},\"egress\":[{\"to\":[{\"ipBlock\":"
	    "{\"cidr\":\"10.0.0.0/8\"}}],\"ports\":[{\"protocol\":\"UDP\","
	    "\"port\":53}]}]}");
	registry_networkpolicies.defaults(o);
	s = json_dumps(reg_get(o, "spec.policyTypes"), JSON_COMPACT);
	CHECK_STR(s, "[\"Ingress\",\"Egress\"]");
	free(s);
	CHECK_STR(reg_str(json_array_get(reg_get(json_array_get(reg_get(o,
	    "spec.egress"), 0), "ports"), 0), "protocol"), "UDP");
	json_decref(o);

	/* given policyTypes stay as they are */
	o = t_np("{\"podSelector\":{},\"policyTypes\":[\"Egress\"]}");
	registry_networkpolicies.defaults(o);
	s = json_dumps(reg_get(o, "spec.policyTypes"), JSON_COMPACT);
	CHECK_STR(s, "[\"Egress\"]");
	free(s);
	json_decref(o);
}

static void
test_netpol_validate(void)
{
	CHECK_STR(t_check("{\"podSelector\":{\"matchLabels\":{\"app\":\"web\"}},"
	    "\"ingress\":[{\"from\":[{\"podSelector\":{}},{\"namespaceSelector\":"
	    "{\"matchLabels\":{\"team\":\"a\"}},\"podSelector\":{\"matchLabels\":"
	    "{\"role\":\"client\"}}},{\"ipBlock\":{\"cidr\":\"198.18.0.0/16\","
	    "\"except\":[\"198.18.1.0/24\"]}}],\"ports\":[{\"port\":80},"
	    "{\"port\":\"http\",\"protocol\":\"TCP\"},{\"port\":8000,"
	    "\"endPort\":9000,\"protocol\":\"SCTP\"}]}],\"egress\":[{}]}"), "");
	CHECK_STR(t_check("{}"), "");
	CHECK_STR(t_check("{\"podSelector\":{},\"policyTypes\":[\"Both\"]}"),
	    "NetworkPolicy.networking.k8s.io \"np\" is invalid: "
	    "spec.policyTypes[0]: Unsupported value: \"Both\": supported "
	    "values: \"Ingress\", \"Egress\"");
	CHECK_STR(t_check("{\"podSelector\":{},\"policyTypes\":[\"Ingress\","
	    "\"Egress\",\"Ingress\"]}"),
	    "NetworkPolicy.networking.k8s.io \"np\" is invalid: "
	    "spec.policyTypes: Invalid value: []: may not specify more than "
	    "two policyTypes");
	CHECK_STR(t_check("{\"ingress\":[{\"ports\":[{\"protocol\":\"ICMP\","
	    "\"port\":1}]}]}"),
	    "NetworkPolicy.networking.k8s.io \"np\" is invalid: "
	    "spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": "
	    "supported values: \"TCP\", \"UDP\", \"SCTP\"");
	CHECK_STR(t_check("{\"ingress\":[{\"ports\":[{\"port\":70000}]}]}"),
	    "NetworkPolicy.networking.k8s.io \"np\" is invalid: "
	    "spec.ingress[0].ports[0].port: Invalid value: 70000: must be "
	    "between 1 and 65535, inclusive");
	CHECK_STR(t_check("{\"egress\":[{\"ports\":[{\"port\":90,"
	    "\"endPort\":80}]}]}"),
	    "NetworkPolicy.networking.k8s.io \"np\" is invalid: "
	    "spec.egress[0].ports[0].endPort: Invalid value: 90: must be "
	    "greater than or equal to `port`");
	CHECK_STR(t_check("{\"egress\":[{\"ports\":[{\"port\":\"http\","
	    "\"endPort\":80}]}]}"),
	    "NetworkPolicy.networking.k8s.io \"np\" is invalid: "
	    "spec.egress[0].ports[0].endPort: Invalid value: 80: may not be "
	    "specified when `port` is non-numeric");
	CHECK_STR(t_check("{\"egress\":[{\"ports\":[{\"endPort\":80}]}]}"),
	    "NetworkPolicy.networking.k8s.io \"np\" is invalid: "
	    "spec.egress[0].ports[0].endPort: Invalid value: 80: may not be "
	    "specified when `port` is not specified");
	CHECK(strstr(t_check("{\"ingress\":[{\"ports\":[{\"port\":"
	    "\"not_a_name\"}]}]}"), "spec.ingress[0].ports[0].port: Invalid "
	    "value: \"not_a_name\"") != NULL);
	CHECK_STR(t_check("{\"ingress\":[{\"from\":[{}]}]}"),
	    "NetworkPolicy.networking.k8s.io \"np\" is invalid: "
	    "spec.ingress[0].from[0]: Required value: must specify a peer");
	CHECK_STR(t_check("{\"ingress\":[{\"from\":[{\"podSelector\":{},"
	    "\"ipBlock\":{\"cidr\":\"10.0.0.0/8\"}}]}]}"),
	    "NetworkPolicy.networking.k8s.io \"np\" is invalid: "
	    "spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock "
	    "and another peer");
	CHECK_STR(t_check("{\"egress\":[{\"to\":[{\"ipBlock\":{}}]}]}"),
	    "NetworkPolicy.networking.k8s.io \"np\" is invalid: "
	    "spec.egress[0].to[0].ipBlock.cidr: Required value");
	CHECK_STR(t_check("{\"egress\":[{\"to\":[{\"ipBlock\":{\"cidr\":"
	    "\"10.0.0.0\"}}]}]}"),
	    "NetworkPolicy.networking.k8s.io \"np\" is invalid: "
	    "spec.egress[0].to[0].ipBlock.cidr: Invalid value: \"10.0.0.0\": "
	    "must be a valid CIDR value, (e.g. 10.9.8.0/24 or "
	    "2001:db8::/64)");
	CHECK_STR(t_check("{\"egress\":[{\"to\":[{\"ipBlock\":{\"cidr\":"
	    "\"10.0.0.0/8\",\"except\":[\"11.0.0.0/16\",\"10.0.0.0/8\","
	    "\"10.1.0.0/16\"]}}]}]}"),
	    "NetworkPolicy.networking.k8s.io \"np\" is invalid: "
	    "[spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "
	    "\"11.0.0.0/16\": must be a strict subset of `cidr`, "
	    "spec.egress[0].to[0].ipBlock.except[1]: Invalid value: "
	    "\"10.0.0.0/8\": must be a strict subset of `cidr`]");
	CHECK_STR(t_check("{\"egress\":[{\"to\":[{\"ipBlock\":{\"cidr\":"
	    "\"10.0.0.0/8\",\"except\":[\"x\"]}}]}]}"),
	    "NetworkPolicy.networking.k8s.io \"np\" is invalid: "
	    "spec.egress[0].to[0].ipBlock.except[0]: Invalid value: \"x\": "
	    "must be a valid CIDR");
	CHECK(strstr(t_check("{\"podSelector\":{\"matchExpressions\":[{"
	    "\"key\":\"a\",\"operator\":\"In\"}]}}"),
	    "spec.podSelector.matchExpressions[0].values: Required value") !=
	    NULL);
	CHECK(strstr(t_check("{\"ingress\":[{\"from\":[{\"namespaceSelector\":"
	    "{\"matchLabels\":{\"-bad\":\"x\"}}}]}]}"),
	    "spec.ingress[0].from[0].namespaceSelector.matchLabels: Invalid "
	    "value: \"-bad\"") != NULL);
}

static void
test_netpol_row(void)
{
	json_t *o = t_np("{\"podSelector\":{}}");

	CHECK_STR(t_row(o), "np|<none>|5m");
	json_decref(o);
	o = t_np("{\"podSelector\":{\"matchLabels\":{\"app\":\"web\"},"
	    "\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"In\","
	    "\"values\":[\"a\",\"b\"]}]}}");
	CHECK_STR(t_row(o), "np|app=web,tier in (a,b)|5m");
	json_decref(o);
}

int
main(void)
{
	RUN(test_netpol_kind);
	RUN(test_netpol_defaults);
	RUN(test_netpol_validate);
	RUN(test_netpol_row);
	return TEST_EXIT();
}
