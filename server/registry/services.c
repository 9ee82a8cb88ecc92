/* services.c - core/v1 Service: defaults (ClusterIP, TCP, targetPort,
 * traffic policies, a cluster IP and node ports derived from the name),
 * port and type validation, the immutable cluster IP, and `kubectl get
 * services` columns.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/names.h"
#include "kinds.h"

#define SERVICES_MAX_PORTS	128

static const char *const services_short[] = { "svc", NULL };
static const char *const services_categories[] = { "all", NULL };
static const char *const services_fields[] = { "spec.clusterIP",
	"spec.type", NULL };

static const struct registry_column services_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Type", "string", "", "type determines how the Service is exposed. "
	    "Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, "
	    "NodePort, and LoadBalancer. \"ClusterIP\" allocates a "
	    "cluster-internal IP address for load-balancing to endpoints. "
	    "Endpoints are determined by the selector or if that is not "
	    "specified, by manual construction of an Endpoints object or "
	    "EndpointSlice objects. If clusterIP is \"None\", no virtual IP is "
	    "allocated and the endpoints are published as a set of endpoints "
	    "rather than a virtual IP. \"NodePort\" builds on ClusterIP and "
	    "allocates a port on every node which routes to the same "
	    "endpoints as the clusterIP. \"LoadBalancer\" builds on NodePort "
	    "and creates an external load-balancer (if supported in the "
	    "current cloud) which routes to the same endpoints as the "
	    "clusterIP. \"ExternalName\" aliases this service to the "
	    "specified externalName. Several other fields do not apply to "
	    "ExternalName services. More info: https://kubernetes.io/docs/"
	    "concepts/services-networking/service/#publishing-services-"
	    "service-types", 0 },
	{ "Cluster-IP", "string", "", "clusterIP is the IP address of the "
	    "service and is usually assigned randomly. More info: https://"
	    "kubernetes.io/docs/concepts/services-networking/service/"
	    "#virtual-ips-and-service-proxies", 0 },
	{ "External-IP", "string", "", "externalIPs is a list of IP addresses "
	    "for which nodes in the cluster will also accept traffic for this "
	    "service.", 0 },
	{ "Port(s)", "string", "", "The list of ports that are exposed by "
	    "this service. More info: https://kubernetes.io/docs/concepts/"
	    "services-networking/service/#virtual-ips-and-service-proxies",
	    0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ "Selector", "string", "", "Route service traffic to pods with label "
	    "keys and values matching this selector. If empty or not present, "
	    "the service is assumed to have an external process managing its "
	    "endpoints, which Kubernetes will not modify. Only applies to "
	    "types ClusterIP, NodePort, and LoadBalancer. Ignored if type is "
	    "ExternalName. More info: https://kubernetes.io/docs/concepts/"
	    "services-networking/service/", 1 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static int
services_type_is(const json_t *spec, const char *t)
{
	const char *s = reg_str(spec, "type");

	return s != NULL && strcmp(s, t) == 0;
}

static void
services_defaults(json_t *obj)
{
	json_t *spec = reg_mkpath(obj, "spec"), *p, *tp;
	const char *cip;
	size_t i;
	int node_ports;

	reg_default_str(spec, "type", "ClusterIP");
	reg_default_str(spec, "sessionAffinity", "None");
	if (reg_str(spec, "sessionAffinity") &&
	    strcmp(reg_str(spec, "sessionAffinity"), "ClientIP") == 0)
		reg_default_int(spec,
		    "sessionAffinityConfig.clientIP.timeoutSeconds", 10800);
	node_ports = services_type_is(spec, "NodePort") ||
	    services_type_is(spec, "LoadBalancer");
	json_array_foreach(json_object_get(spec, "ports"), i, p) {
		if (!json_is_object(p))
			continue;
		reg_default_str(p, "protocol", "TCP");
		tp = json_object_get(p, "targetPort");
		if (tp == NULL || (json_is_integer(tp) &&
		    json_integer_value(tp) == 0) || (json_is_string(tp) &&
		    json_string_length(tp) == 0))
			json_object_set(p, "targetPort",
			    json_object_get(p, "port"));
	}
	if (node_ports)
		reg_default_str(spec, "externalTrafficPolicy", "Cluster");
	if (services_type_is(spec, "LoadBalancer"))
		reg_default_bool(spec, "allocateLoadBalancerNodePorts", 1);
	if (!services_type_is(spec, "ExternalName")) {
		reg_default_str(spec, "internalTrafficPolicy", "Cluster");
		/* the address itself comes from the allocator (alloc.c) */
		cip = reg_str(spec, "clusterIP");
		if (cip != NULL && cip[0] != '\0' &&
		    json_array_size(json_object_get(spec, "clusterIPs")) == 0)
			json_object_set_new(spec, "clusterIPs",
			    json_pack("[s]", cip));
		reg_default_str(spec, "ipFamilyPolicy", "SingleStack");
		if (json_object_get(spec, "ipFamilies") == NULL && cip != NULL)
			json_object_set_new(spec, "ipFamilies",
			    json_pack("[s]", strchr(cip, ':') ? "IPv6" :
			    "IPv4"));
	}
	if (reg_creating(obj))
		json_object_set_new(obj, "status", json_pack("{s:{}}",
		    "loadBalancer"));
}

static void
services_check_port(const json_t *p, size_t i, size_t n, const char **names,
    size_t *nnames, int cluster_ip_type, struct err *err)
{
	const char *name = reg_str(p, "name"), *proto, *why;
	const json_t *tp = json_object_get(p, "targetPort");
	char field[100], val[300], whybuf[512];
	long long port = reg_int(p, "port", 0);
	size_t j;

	snprintf(field, sizeof field, "spec.ports[%zu].name", i);
	if (name == NULL || name[0] == '\0') {
		if (n > 1)
			err_field(err, ERR_CAUSE_REQUIRED, field, NULL, NULL);
	} else if (names_dns1123_label(name, whybuf, sizeof whybuf) < 0) {
		err_field(err, ERR_CAUSE_INVALID, field, reg_quote(name, val,
		    sizeof val), "%s", whybuf);
	} else {
		for (j = 0; j < *nnames; j++)
			if (strcmp(names[j], name) == 0)
				break;
		if (j < *nnames)
			err_field(err, ERR_CAUSE_DUPLICATE, field,
			    reg_quote(name, val, sizeof val), NULL);
		else if (*nnames < SERVICES_MAX_PORTS)
			names[(*nnames)++] = name;
	}
	if (port < 1 || port > 65535) {
		snprintf(field, sizeof field, "spec.ports[%zu].port", i);
		snprintf(val, sizeof val, "%lld", port);
		err_field(err, ERR_CAUSE_INVALID, field, val,
		    "must be between 1 and 65535, inclusive");
	}
	snprintf(field, sizeof field, "spec.ports[%zu].protocol", i);
	proto = reg_str(p, "protocol");
	if (proto == NULL || proto[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, field, NULL, NULL);
	else if (strcmp(proto, "TCP") != 0 && strcmp(proto, "UDP") != 0 &&
	    strcmp(proto, "SCTP") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, field, reg_quote(proto,
		    val, sizeof val), "supported values: \"SCTP\", \"TCP\", "
		    "\"UDP\"");
	snprintf(field, sizeof field, "spec.ports[%zu].targetPort", i);
	if (json_is_integer(tp) && (json_integer_value(tp) < 1 ||
	    json_integer_value(tp) > 65535)) {
		snprintf(val, sizeof val, "%lld",
		    (long long)json_integer_value(tp));
		err_field(err, ERR_CAUSE_INVALID, field, val,
		    "must be between 1 and 65535, inclusive");
	} else if (json_is_string(tp) &&
	    (why = reg_port_name_error(json_string_value(tp))) != NULL)
		err_field(err, ERR_CAUSE_INVALID, field,
		    reg_quote(json_string_value(tp), val, sizeof val), "%s",
		    why);
	if (cluster_ip_type && reg_int(p, "nodePort", 0) != 0) {
		snprintf(field, sizeof field, "spec.ports[%zu].nodePort", i);
		err_field(err, ERR_CAUSE_FORBIDDEN, field, NULL,
		    "may not be used when `type` is 'ClusterIP'");
	}
}

static void
services_check_selector(const json_t *sel, struct err *err)
{
	const char *k;
	json_t *v;
	char val[400], why[512];

	json_object_foreach((json_t *)sel, k, v) {
		if (names_label_key(k, why, sizeof why) < 0)
			err_field(err, ERR_CAUSE_INVALID, "spec.selector",
			    reg_quote(k, val, sizeof val), "%s", why);
		if (json_is_string(v) && names_label_value(
		    json_string_value(v), why, sizeof why) < 0)
			err_field(err, ERR_CAUSE_INVALID, "spec.selector",
			    reg_quote(json_string_value(v), val, sizeof val),
			    "%s", why);
	}
}

static int
services_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *spec = json_object_get(obj, "spec"), *p;
	const json_t *ports = json_object_get(spec, "ports");
	const char *names[SERVICES_MAX_PORTS];
	const char *type = reg_str(spec, "type"), *cip, *ocip, *s;
	unsigned char addr[16];
	char val[300];
	size_t i, nnames = 0;

	if (type == NULL)
		type = "";
	if (strcmp(type, "ClusterIP") != 0 && strcmp(type, "NodePort") != 0 &&
	    strcmp(type, "LoadBalancer") != 0 &&
	    strcmp(type, "ExternalName") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "spec.type",
		    reg_quote(type, val, sizeof val), "supported values: "
		    "\"ClusterIP\", \"ExternalName\", \"LoadBalancer\", "
		    "\"NodePort\"");
	cip = reg_str(spec, "clusterIP");
	if (strcmp(type, "ExternalName") == 0) {
		s = reg_str(spec, "externalName");
		if (s == NULL || s[0] == '\0')
			err_field(err, ERR_CAUSE_REQUIRED, "spec.externalName",
			    NULL, NULL);
	} else if (json_array_size(ports) == 0 &&
	    (cip == NULL || strcmp(cip, "None") != 0))
		err_field(err, ERR_CAUSE_REQUIRED, "spec.ports", NULL, NULL);
	if (cip != NULL && cip[0] != '\0' && strcmp(cip, "None") != 0 &&
	    inet_pton(AF_INET, cip, addr) != 1 &&
	    inet_pton(AF_INET6, cip, addr) != 1)
		err_field(err, ERR_CAUSE_INVALID, "spec.clusterIPs[0]",
		    reg_quote(cip, val, sizeof val), "must be a valid IP "
		    "address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
	json_array_foreach(ports, i, p)
		services_check_port(p, i, json_array_size(ports), names,
		    &nnames, strcmp(type, "ClusterIP") == 0, err);
	s = reg_str(spec, "sessionAffinity");
	if (s != NULL && strcmp(s, "None") != 0 && strcmp(s, "ClientIP") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "spec.sessionAffinity",
		    reg_quote(s, val, sizeof val), "supported values: "
		    "\"ClientIP\", \"None\"");
	services_check_selector(json_object_get(spec, "selector"), err);
	if (old != NULL && strcmp(type, "ExternalName") != 0 &&
	    !services_type_is(json_object_get(old, "spec"), "ExternalName")) {
		ocip = reg_str(old, "spec.clusterIP");
		if (ocip != NULL && ocip[0] != '\0' &&
		    strcmp(ocip, cip ? cip : "") != 0)
			err_field(err, ERR_CAUSE_INVALID, "spec.clusterIPs[0]",
			    (snprintf(val, sizeof val, "[]string{\"%s\"}",
			    cip ? cip : ""), val), "may not change once set");
	}
	return err_invalid(err, "Service", reg_str(obj, "metadata.name"));
}

static int
services_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
services_external_ip(const json_t *spec, const json_t *obj, struct buf *b)
{
	const json_t *ext = json_object_get(spec, "externalIPs"), *v;
	const char *lb[64], *s;
	size_t i, n = 0, j;

	if (services_type_is(spec, "ClusterIP") ||
	    services_type_is(spec, "NodePort")) {
		json_array_foreach(ext, i, v)
			buf_addf(b, "%s%s", i ? "," : "",
			    json_string_value(v) ?: "");
		if (b->len == 0)
			buf_adds(b, "<none>");
	} else if (services_type_is(spec, "LoadBalancer")) {
		json_array_foreach(reg_get(obj, "status.loadBalancer.ingress"),
		    i, v) {
			s = reg_str(v, "ip");
			if (s == NULL || s[0] == '\0')
				s = reg_str(v, "hostname");
			if (s == NULL || s[0] == '\0' || n == 64)
				continue;
			for (j = 0; j < n && strcmp(lb[j], s) != 0; j++)
				;
			if (j == n)
				lb[n++] = s;
		}
		qsort(lb, n, sizeof lb[0], services_cmp);
		for (i = 0; i < n; i++)
			buf_addf(b, "%s%s", i ? "," : "", lb[i]);
		json_array_foreach(ext, i, v)
			buf_addf(b, "%s%s", b->len ? "," : "",
			    json_string_value(v) ?: "");
		if (b->len == 0)
			buf_adds(b, "<pending>");
	} else if (services_type_is(spec, "ExternalName")) {
		buf_adds(b, reg_str(spec, "externalName") ?: "");
	} else
		buf_adds(b, "<unknown>");
}

/* "80/TCP,443:30443/TCP" */
static void
services_ports(const json_t *spec, struct buf *b)
{
	const json_t *p;
	size_t i;

	json_array_foreach(json_object_get(spec, "ports"), i, p) {
		buf_addf(b, "%s%lld", i ? "," : "", reg_int(p, "port", 0));
		if (reg_int(p, "nodePort", 0) > 0)
			buf_addf(b, ":%lld", reg_int(p, "nodePort", 0));
		buf_addf(b, "/%s", reg_str(p, "protocol") ?: "");
	}
}

/* labels.FormatLabels: sorted "k=v,..." or "<none>". */
static void
services_selector(const json_t *sel, struct buf *b)
{
	const char *keys[128], *k;
	json_t *v;
	size_t n = 0, i;

	json_object_foreach((json_t *)sel, k, v)
		if (n < 128)
			keys[n++] = k;
	qsort(keys, n, sizeof keys[0], services_cmp);
	for (i = 0; i < n; i++)
		buf_addf(b, "%s%s=%s", i ? "," : "", keys[i],
		    json_string_value(json_object_get(sel, keys[i])) ?: "");
}

static void
services_row(const json_t *obj, json_t *cells, long long now)
{
	const json_t *spec = json_object_get(obj, "spec");
	struct buf ext = BUF_INIT(1 << 16), ports = BUF_INIT(1 << 16);
	struct buf sel = BUF_INIT(1 << 16);
	const char *cip = json_string_value(json_array_get(
	    json_object_get(spec, "clusterIPs"), 0));

	services_external_ip(spec, obj, &ext);
	services_ports(spec, &ports);
	services_selector(json_object_get(spec, "selector"), &sel);
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_raw(cells, reg_str(spec, "type"));
	reg_cell_str(cells, cip);
	reg_cell_raw(cells, buf_str(&ext));
	reg_cell_str(cells, buf_str(&ports));
	reg_cell_age(cells, obj, now);
	reg_cell_str(cells, buf_str(&sel));
	buf_release(&ext);
	buf_release(&ports);
	buf_release(&sel);
}

const struct registry_kind registry_services = {
	.group = "",
	.version = "v1",
	.kind = "Service",
	.resource = "services",
	.singular = "service",
	.short_names = services_short,
	.categories = services_categories,
	.flags = REG_NAMESPACED | REG_STATUS,
	.defaults = services_defaults,
	.validate = services_validate,
	.columns = services_columns,
	.row = services_row,
	.fields = services_fields,
};
