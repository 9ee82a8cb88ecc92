/* ingresses.c - networking.k8s.io/v1 Ingress: rules, paths (pathType is
 * required in v1), backends, TLS, and kubectl's CLASS/HOSTS/ADDRESS/PORTS.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "../../lib/buf.h"
#include "../../lib/names.h"
#include "kinds.h"

static const char *const ingresses_short[] = { "ing", NULL };

static const struct registry_column ingresses_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Class", "string", "", "The name of the IngressClass resource that "
	    "should be used for additional configuration", 0 },
	{ "Hosts", "string", "", "Hosts that incoming requests are matched "
	    "against before the ingress rule", 0 },
	{ "Address", "string", "", "Address is a list containing ingress "
	    "points for the load-balancer", 0 },
	{ "Ports", "string", "", "Ports of TLS configurations that open", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static int
ingresses_is_ip(const char *s)
{
	unsigned char b[16];

	return inet_pton(AF_INET, s, b) == 1 || inet_pton(AF_INET6, s, b) == 1;
}

/* IsWildcardDNS1123Subdomain: "*." followed by a subdomain. */
static void
ingresses_check_host(const char *host, const char *field, struct err *err)
{
	char why[512], val[300];

	reg_quote(host, val, sizeof val);
	if (ingresses_is_ip(host))
		err_field(err, ERR_CAUSE_INVALID, field, val,
		    "must be a DNS name, not an IP address");
	if (strchr(host, '*') != NULL) {
		if (strncmp(host, "*.", 2) != 0 ||
		    strchr(host + 2, '*') != NULL ||
		    names_dns1123_subdomain(host + 2, why, sizeof why) < 0)
			err_field(err, ERR_CAUSE_INVALID, field, val, "a wildcard "
			    "DNS-1123 subdomain must start with '*.', followed "
			    "by a valid DNS subdomain, which must consist of "
			    "lower case alphanumeric characters, '-' or '.' and "
			    "end with an alphanumeric character (e.g. "
			    "'*.example.com', regex used for validation is "
			    "'\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]"
			    "([-a-z0-9]*[a-z0-9])?)*')");
	} else if (names_dns1123_subdomain(host, why, sizeof why) < 0)
		err_field(err, ERR_CAUSE_INVALID, field, val, "%s", why);
}

static void
ingresses_check_backend(const json_t *be, const char *path, struct err *err)
{
	const json_t *svc = json_object_get(be, "service");
	const json_t *res = json_object_get(be, "resource");
	const char *name, *pname, *why;
	char f[300], val[300], w[512];
	long long num;

	if (svc != NULL && res != NULL) {
		err_field(err, ERR_CAUSE_INVALID, path, "\"\"",
		    "cannot set both resource and service backends");
		return;
	}
	if (res != NULL) {
		if (reg_str(res, "kind") == NULL ||
		    reg_str(res, "kind")[0] == '\0')
			err_field(err, ERR_CAUSE_REQUIRED, reg_path(f, sizeof f,
			    path, "resource.kind"), NULL, NULL);
		if (reg_str(res, "name") == NULL ||
		    reg_str(res, "name")[0] == '\0')
			err_field(err, ERR_CAUSE_REQUIRED, reg_path(f, sizeof f,
			    path, "resource.name"), NULL, NULL);
		return;
	}
	if (svc == NULL) {
		err_field(err, ERR_CAUSE_INVALID, path, "\"\"",
		    "resource or service backend is required");
		return;
	}
	name = reg_str(svc, "name");
	reg_path(f, sizeof f, path, "service.name");
	if (name == NULL || name[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, f, NULL, NULL);
	else if (names_dns1035_label(name, w, sizeof w) < 0)
		err_field(err, ERR_CAUSE_INVALID, f, reg_quote(name, val,
		    sizeof val), "%s", w);
	pname = reg_str(svc, "port.name");
	num = reg_int(svc, "port.number", 0);
	if (pname != NULL && pname[0] != '\0' && num != 0)
		err_field(err, ERR_CAUSE_INVALID, path, "\"\"",
		    "cannot set both port name & port number");
	else if (pname != NULL && pname[0] != '\0') {
		if ((why = reg_port_name_error(pname)) != NULL)
			err_field(err, ERR_CAUSE_INVALID, reg_path(f, sizeof f,
			    path, "service.port.name"), reg_quote(pname, val,
			    sizeof val), "%s", why);
	} else if (num != 0) {
		if (num < 1 || num > 65535) {
			snprintf(val, sizeof val, "%lld", num);
			err_field(err, ERR_CAUSE_INVALID, reg_path(f, sizeof f,
			    path, "service.port.number"), val,
			    "must be between 1 and 65535, inclusive");
		}
	} else
		err_field(err, ERR_CAUSE_REQUIRED, path, NULL,
		    "port name or number is required");
}

static void
ingresses_check_path(const json_t *p, const char *path, struct err *err)
{
	static const char *const seqs[] = { "//", "/./", "/../", "%2f", "%2F",
	    NULL };
	static const char *const sufs[] = { "/..", "/.", NULL };
	const char *type = reg_str(p, "pathType");
	const char *s = reg_str(p, "path");
	char f[300], val[300];
	size_t i, n;

	if (type == NULL) {
		err_field(err, ERR_CAUSE_REQUIRED, reg_path(f, sizeof f, path,
		    "pathType"), NULL, "pathType must be specified");
		return;
	}
	s = s ? s : "";
	reg_path(f, sizeof f, path, "path");
	reg_quote(s, val, sizeof val);
	if (strcmp(type, "Exact") == 0 || strcmp(type, "Prefix") == 0) {
		if (s[0] != '/')
			err_field(err, ERR_CAUSE_INVALID, f, val,
			    "must be an absolute path");
		for (i = 0; s[0] != '\0' && seqs[i] != NULL; i++)
			if (strstr(s, seqs[i]) != NULL)
				err_field(err, ERR_CAUSE_INVALID, f, val,
				    "must not contain '%s'", seqs[i]);
		n = strlen(s);
		for (i = 0; n > 0 && sufs[i] != NULL; i++)
			if (n >= strlen(sufs[i]) &&
			    strcmp(s + n - strlen(sufs[i]), sufs[i]) == 0)
				err_field(err, ERR_CAUSE_INVALID, f, val,
				    "cannot end with '%s'", sufs[i]);
	} else if (strcmp(type, "ImplementationSpecific") == 0) {
		if (s[0] != '\0' && s[0] != '/')
			err_field(err, ERR_CAUSE_INVALID, f, val,
			    "must be an absolute path");
	} else
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, reg_path(f, sizeof f,
		    path, "pathType"), reg_quote(type, val, sizeof val),
		    "supported values: \"Exact\", \"ImplementationSpecific\", "
		    "\"Prefix\"");
	ingresses_check_backend(json_object_get(p, "backend"),
	    reg_path(f, sizeof f, path, "backend"), err);
}

static int
ingresses_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *spec = json_object_get(obj, "spec");
	const json_t *rules = json_object_get(spec, "rules"), *r, *paths, *p;
	const json_t *tls = json_object_get(spec, "tls"), *t, *h;
	const json_t *def = json_object_get(spec, "defaultBackend");
	const char *host, *cls = reg_str(spec, "ingressClassName");
	char f[300], pf[340], why[512], val[300];
	size_t i, j;

	if (json_array_size(rules) == 0 && (def == NULL || json_is_null(def)))
		err_field(err, ERR_CAUSE_INVALID, "spec", json_is_array(rules) ?
		    "[]networking.IngressRule{}" :
		    "[]networking.IngressRule(nil)",
		    "either `defaultBackend` or `rules` must be specified");
	if (def != NULL && !json_is_null(def))
		ingresses_check_backend(def, "spec.defaultBackend", err);
	json_array_foreach(rules, i, r) {
		host = reg_str(r, "host");
		snprintf(f, sizeof f, "spec.rules[%zu]", i);
		if (host != NULL && host[0] != '\0') {
			snprintf(pf, sizeof pf, "%s.host", f);
			ingresses_check_host(host, pf, err);
		}
		if (json_object_get(r, "http") == NULL)
			continue;
		paths = reg_get(r, "http.paths");
		if (json_array_size(paths) == 0) {
			snprintf(pf, sizeof pf, "%s.http.paths", f);
			err_field(err, ERR_CAUSE_REQUIRED, pf, NULL, NULL);
		}
		json_array_foreach(paths, j, p) {
			snprintf(pf, sizeof pf, "%s.http.paths[%zu]", f, j);
			ingresses_check_path(p, pf, err);
		}
	}
	json_array_foreach(tls, i, t) {
		json_array_foreach(json_object_get(t, "hosts"), j, h) {
			if (!json_is_string(h))
				continue;
			snprintf(f, sizeof f, "spec.tls[%zu].hosts[%zu]", i, j);
			ingresses_check_host(json_string_value(h), f, err);
		}
	}
	if (cls != NULL && names_dns1123_subdomain(cls, why, sizeof why) < 0)
		err_field(err, ERR_CAUSE_INVALID, "spec.ingressClassName",
		    reg_quote(cls, val, sizeof val), "%s", why);
	return err_invalid(err, "Ingress.networking.k8s.io", reg_str(obj,
	    "metadata.name"));
}

/* formatHosts: up to three hosts, "*" when none. */
static void
ingresses_cell_hosts(json_t *cells, const json_t *rules)
{
	struct buf b = BUF_INIT(0);
	const json_t *r;
	const char *host;
	size_t i, n = 0;
	int more = 0;

	json_array_foreach(rules, i, r) {
		if (n == 3)
			more = 1;
		host = reg_str(r, "host");
		if (!more && host != NULL && host[0] != '\0') {
			buf_addf(&b, "%s%s", n ? "," : "", host);
			n++;
		}
	}
	if (n == 0)
		buf_adds(&b, "*");
	else if (more)
		buf_addf(&b, " + %zu more...", json_array_size(rules) - 3);
	json_array_append_new(cells, json_string(buf_str(&b)));
	buf_release(&b);
}

/* ingressLoadBalancerStatusStringer (wide): IPs or hostnames, once each. */
static void
ingresses_cell_address(json_t *cells, const json_t *lb)
{
	struct buf b = BUF_INIT(0);
	json_t *seen = json_object();
	const json_t *e;
	const char *a;
	size_t i;

	json_array_foreach(lb, i, e) {
		a = reg_str(e, "ip");
		if (a == NULL || a[0] == '\0')
			a = reg_str(e, "hostname");
		if (a == NULL || a[0] == '\0' || json_object_get(seen, a) != NULL)
			continue;
		json_object_set_new(seen, a, json_true());
		buf_addf(&b, "%s%s", b.len ? "," : "", a);
	}
	json_array_append_new(cells, json_string(buf_str(&b)));
	json_decref(seen);
	buf_release(&b);
}

static void
ingresses_row(const json_t *obj, json_t *cells, long long now)
{
	const char *cls = reg_str(obj, "spec.ingressClassName");

	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	json_array_append_new(cells, json_string(cls ? cls : "<none>"));
	ingresses_cell_hosts(cells, reg_get(obj, "spec.rules"));
	ingresses_cell_address(cells, reg_get(obj,
	    "status.loadBalancer.ingress"));
	json_array_append_new(cells, json_string(json_array_size(reg_get(obj,
	    "spec.tls")) ? "80, 443" : "80"));
	reg_cell_age(cells, obj, now);
}

const struct registry_kind registry_ingresses = {
	.group = "networking.k8s.io",
	.version = "v1",
	.kind = "Ingress",
	.resource = "ingresses",
	.singular = "ingress",
	.short_names = ingresses_short,
	.flags = REG_NAMESPACED | REG_STATUS,
	.validate = ingresses_validate,
	.columns = ingresses_columns,
	.row = ingresses_row,
};
