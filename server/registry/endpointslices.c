/* endpointslices.c - discovery.k8s.io/v1 EndpointSlice: address type,
 * endpoints and ports, and kubectl's ADDRESSTYPE/PORTS/ENDPOINTS columns.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "../../lib/buf.h"
#include "../../lib/names.h"
#include "kinds.h"

#define ENDPOINTSLICES_MAX_ENDPOINTS	1000
#define ENDPOINTSLICES_MAX_PORTS	100
#define ENDPOINTSLICES_MAX_ADDRESSES	100

static const struct registry_column endpointslices_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "AddressType", "string", "", "addressType specifies the type of "
	    "address carried by this EndpointSlice. All addresses in this "
	    "slice must be the same type. This field is immutable after "
	    "creation. The following address types are currently supported:\n"
	    "* IPv4: Represents an IPv4 Address.\n* IPv6: Represents an IPv6 "
	    "Address.\n* FQDN: Represents a Fully Qualified Domain Name. "
	    "(Deprecated) The EndpointSlice controller only generates, and "
	    "kube-proxy only processes, slices of addressType \"IPv4\" and "
	    "\"IPv6\". No semantics are defined for the \"FQDN\" type.", 0 },
	{ "Ports", "string", "", "ports specifies the list of network ports "
	    "exposed by each endpoint in this slice. Each port must have a "
	    "unique name. Each slice may include a maximum of 100 ports. "
	    "Services always have at least 1 port, so EndpointSlices generated "
	    "by the EndpointSlice controller will likewise always have at "
	    "least 1 port. EndpointSlices used for other purposes may have an "
	    "empty ports list.", 0 },
	{ "Endpoints", "string", "", "endpoints is a list of unique endpoints "
	    "in this slice. Each slice may include a maximum of 1000 "
	    "endpoints.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static void
endpointslices_defaults(json_t *obj)
{
	const json_t *ports = json_object_get(obj, "ports");
	json_t *p;
	size_t i;

	json_array_foreach(ports, i, p) {
		if (!json_is_object(p))
			continue;
		reg_default_str(p, "name", "");
		reg_default_str(p, "protocol", "TCP");
	}
}

static void
endpointslices_check_address(const char *type, const char *a,
    const char *field, struct err *err)
{
	unsigned char b[16];
	char val[300], why[512];

	reg_quote(a, val, sizeof val);
	if (strcmp(type, "IPv4") == 0) {
		if (inet_pton(AF_INET, a, b) != 1)
			err_field(err, ERR_CAUSE_INVALID, field, val,
			    "must be a valid IPv4 address");
	} else if (strcmp(type, "IPv6") == 0) {
		if (inet_pton(AF_INET6, a, b) != 1)
			err_field(err, ERR_CAUSE_INVALID, field, val,
			    "must be a valid IPv6 address");
	} else if (strcmp(type, "FQDN") == 0) {
		if (names_dns1123_subdomain(a, why, sizeof why) < 0)
			err_field(err, ERR_CAUSE_INVALID, field, val, "%s", why);
	}
}

static int
endpointslices_validate(const json_t *obj, const json_t *old,
    struct err *err)
{
	const char *type = reg_str(obj, "addressType"), *a, *proto, *pn;
	const json_t *eps = json_object_get(obj, "endpoints"), *ep, *addrs, *v;
	const json_t *ports = json_object_get(obj, "ports"), *p;
	char f[300], val[300], whybuf[512];
	size_t i, j;

	if (type == NULL || type[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, "addressType", NULL, NULL);
	else if (strcmp(type, "IPv4") != 0 && strcmp(type, "IPv6") != 0 &&
	    strcmp(type, "FQDN") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "addressType",
		    reg_quote(type, val, sizeof val),
		    "supported values: \"FQDN\", \"IPv4\", \"IPv6\"");
	if (json_array_size(eps) > ENDPOINTSLICES_MAX_ENDPOINTS) {
		snprintf(val, sizeof val, "%zu", json_array_size(eps));
		err_field(err, ERR_CAUSE_TOO_MANY, "endpoints", val,
		    "must have at most %d items", ENDPOINTSLICES_MAX_ENDPOINTS);
	}
	json_array_foreach(eps, i, ep) {
		addrs = json_object_get(ep, "addresses");
		snprintf(f, sizeof f, "endpoints[%zu].addresses", i);
		if (json_array_size(addrs) == 0)
			err_field(err, ERR_CAUSE_REQUIRED, f, NULL,
			    "must contain at least 1 address");
		else if (json_array_size(addrs) > ENDPOINTSLICES_MAX_ADDRESSES) {
			snprintf(val, sizeof val, "%zu", json_array_size(addrs));
			err_field(err, ERR_CAUSE_TOO_MANY, f, val, "must have at "
			    "most %d items", ENDPOINTSLICES_MAX_ADDRESSES);
		}
		json_array_foreach(addrs, j, v) {
			a = json_string_value(v);
			snprintf(f, sizeof f, "endpoints[%zu].addresses[%zu]", i,
			    j);
			if (type != NULL && a != NULL)
				endpointslices_check_address(type, a, f, err);
		}
	}
	if (json_array_size(ports) > ENDPOINTSLICES_MAX_PORTS) {
		snprintf(val, sizeof val, "%zu", json_array_size(ports));
		err_field(err, ERR_CAUSE_TOO_MANY, "ports", val,
		    "must have at most %d items", ENDPOINTSLICES_MAX_PORTS);
	}
	json_array_foreach(ports, i, p) {
		/* a DNS label, as the Service port's name it copies
		 * ("80-8080" from kubectl create service included) */
		pn = reg_str(p, "name");
		if (pn != NULL && pn[0] != '\0' &&
		    names_dns1123_label(pn, whybuf, sizeof whybuf) < 0) {
			snprintf(f, sizeof f, "ports[%zu].name", i);
			err_field(err, ERR_CAUSE_INVALID, f, reg_quote(pn, val,
			    sizeof val), "%s", whybuf);
		}
		proto = reg_str(p, "protocol");
		if (proto != NULL && strcmp(proto, "TCP") != 0 &&
		    strcmp(proto, "UDP") != 0 && strcmp(proto, "SCTP") != 0) {
			snprintf(f, sizeof f, "ports[%zu].protocol", i);
			err_field(err, ERR_CAUSE_NOT_SUPPORTED, f,
			    reg_quote(proto, val, sizeof val), "supported "
			    "values: \"SCTP\", \"TCP\", \"UDP\"");
		}
	}
	if (old != NULL)
		reg_check_immutable(json_object_get(obj, "addressType"),
		    json_object_get(old, "addressType"), "addressType", err);
	return err_invalid(err, "EndpointSlice.discovery.k8s.io",
	    reg_str(obj, "metadata.name"));
}

/* listWithMoreString: three items, " + N more...", "<unset>" if none. */
static void
endpointslices_add(struct buf *b, size_t *count, const char *s)
{
	if (*count < 3)
		buf_addf(b, "%s%s", *count ? "," : "", s);
	(*count)++;
}

static void
endpointslices_finish(json_t *cells, struct buf *b, size_t count)
{
	if (count > 3)
		buf_addf(b, " + %zu more...", count - 3);
	json_array_append_new(cells, json_string(count ? buf_str(b) :
	    "<unset>"));
	buf_release(b);
}

static void
endpointslices_row(const json_t *obj, json_t *cells, long long now)
{
	struct buf b = BUF_INIT(0);
	const json_t *p, *ep, *v;
	char num[32];
	size_t i, j, count = 0;

	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_raw(cells, reg_str(obj, "addressType"));
	json_array_foreach(json_object_get(obj, "ports"), i, p) {
		if (json_is_integer(json_object_get(p, "port"))) {
			snprintf(num, sizeof num, "%lld", reg_int(p, "port", 0));
			endpointslices_add(&b, &count, num);
		} else if (reg_str(p, "name") != NULL)
			endpointslices_add(&b, &count, reg_str(p, "name"));
		else
			endpointslices_add(&b, &count, "*");
	}
	endpointslices_finish(cells, &b, count);
	count = 0;
	json_array_foreach(json_object_get(obj, "endpoints"), i, ep)
		json_array_foreach(json_object_get(ep, "addresses"), j, v)
			if (json_is_string(v))
				endpointslices_add(&b, &count,
				    json_string_value(v));
	endpointslices_finish(cells, &b, count);
	reg_cell_age(cells, obj, now);
}

const struct registry_kind registry_endpointslices = {
	.group = "discovery.k8s.io",
	.version = "v1",
	.kind = "EndpointSlice",
	.resource = "endpointslices",
	.singular = "endpointslice",
	.flags = REG_NAMESPACED,
	.defaults = endpointslices_defaults,
	.validate = endpointslices_validate,
	.columns = endpointslices_columns,
	.row = endpointslices_row,
};
