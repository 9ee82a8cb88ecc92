/* endpoints.c - core/v1 Endpoints: address and port checks and the
 * ENDPOINTS column ("10.0.0.1:80,10.0.0.2:80 + 3 more...").
 */
#include <string.h>

#include "kinds.h"

#define ENDPOINTS_MAX_SHOWN	3

static const char *const endpoints_short[] = { "ep", NULL };

static const struct registry_column endpoints_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Endpoints", "string", "", "The set of all endpoints is the union "
	    "of all subsets. Addresses are placed into subsets according to "
	    "the IPs they share. A single address with multiple ports, some "
	    "of which are ready and some of which are not (because they come "
	    "from different containers) will result in the address being "
	    "displayed in different subsets for the different ports. No "
	    "address will appear in both Addresses and NotReadyAddresses in "
	    "the same subset. Sets of addresses and ports that comprise a "
	    "service.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static int
endpoints_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *subsets = json_object_get(obj, "subsets"), *ss, *a, *p;
	char field[200], val[300];
	const char *pn;
	size_t i, j;
	long long port;

	json_array_foreach(subsets, i, ss) {
		json_array_foreach(json_object_get(ss, "addresses"), j, a) {
			if (reg_str(a, "ip") == NULL || !reg_str(a, "ip")[0]) {
				snprintf(field, sizeof field,
				    "subsets[%zu].addresses[%zu].ip", i, j);
				err_field(err, ERR_CAUSE_REQUIRED, field, NULL,
				    NULL);
			}
		}
		json_array_foreach(json_object_get(ss, "ports"), j, p) {
			port = reg_int(p, "port", 0);
			if (port < 1 || port > 65535) {
				snprintf(field, sizeof field,
				    "subsets[%zu].ports[%zu].port", i, j);
				snprintf(val, sizeof val, "%lld", port);
				err_field(err, ERR_CAUSE_INVALID, field, val,
				    "must be between 1 and 65535, inclusive");
			}
			pn = reg_str(p, "protocol");
			if (pn != NULL && strcmp(pn, "TCP") != 0 &&
			    strcmp(pn, "UDP") != 0 && strcmp(pn, "SCTP") != 0) {
				snprintf(field, sizeof field,
				    "subsets[%zu].ports[%zu].protocol", i, j);
				err_field(err, ERR_CAUSE_NOT_SUPPORTED, field,
				    reg_quote(pn, val, sizeof val),
				    "supported values: \"SCTP\", \"TCP\", "
				    "\"UDP\"");
			}
		}
	}
	return err_invalid(err, "Endpoints", reg_str(obj, "metadata.name"));
}

static void
endpoints_defaults(json_t *obj)
{
	json_t *ss, *p;
	size_t i, j;

	json_array_foreach(json_object_get(obj, "subsets"), i, ss)
		json_array_foreach(json_object_get(ss, "ports"), j, p)
			if (json_is_object(p))
				reg_default_str(p, "protocol", "TCP");
}

static void
endpoints_row(const json_t *obj, json_t *cells, long long now)
{
	const json_t *subsets = json_object_get(obj, "subsets"), *ss, *ports;
	struct buf b = BUF_INIT(1 << 16);
	size_t i, j, k, n = 0, count = 0;
	const char *ip;
	int more = 0;
	long long port;

	json_array_foreach(subsets, i, ss) {
		const json_t *addrs = json_object_get(ss, "addresses");

		ports = json_object_get(ss, "ports");
		if (json_array_size(ports) == 0) {
			count += json_array_size(addrs);
			for (k = 0; k < json_array_size(addrs); k++) {
				if (n == ENDPOINTS_MAX_SHOWN) {
					more = 1;
					break;
				}
				ip = reg_str(json_array_get(addrs, k), "ip");
				buf_addf(&b, "%s%s", n++ ? "," : "",
				    ip ? ip : "");
			}
			continue;
		}
		for (j = 0; j < json_array_size(ports); j++) {
			port = reg_int(json_array_get(ports, j), "port", 0);
			count += json_array_size(addrs);
			for (k = 0; k < json_array_size(addrs); k++) {
				if (n == ENDPOINTS_MAX_SHOWN) {
					more = 1;
					break;
				}
				ip = reg_str(json_array_get(addrs, k), "ip");
				if (ip == NULL)
					ip = "";
				buf_addf(&b, "%s", n++ ? "," : "");
				if (strchr(ip, ':') != NULL)
					buf_addf(&b, "[%s]:%lld", ip, port);
				else
					buf_addf(&b, "%s:%lld", ip, port);
			}
		}
	}
	if (more)
		buf_addf(&b, " + %zu more...", count - ENDPOINTS_MAX_SHOWN);
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_raw(cells, json_array_size(subsets) == 0 ? "<none>" :
	    buf_str(&b));
	reg_cell_age(cells, obj, now);
	buf_release(&b);
}

const struct registry_kind registry_endpoints = {
	.group = "",
	.version = "v1",
	.kind = "Endpoints",
	.resource = "endpoints",
	.singular = "endpoints",
	.short_names = endpoints_short,
	.flags = REG_NAMESPACED,
	.defaults = endpoints_defaults,
	.validate = endpoints_validate,
	.columns = endpoints_columns,
	.row = endpoints_row,
};
