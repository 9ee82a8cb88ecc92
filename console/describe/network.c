/* network.c - kubec describe for Ingresses (rules and each backend's
 * ready endpoints), IngressClasses, Endpoints and EndpointSlices, in
 * kubectl's layout. */
#include <stdlib.h>
#include <string.h>

#include "describe.h"

/* kubectl's formatEndpointSlices for the port named port: up to three
 * ready "addr:port" then " + N more..." */
static void
network_endpoints(struct buf *b, const json_t *slices, const char *port)
{
	const json_t *s, *p, *e;
	size_t i, j, k, listed = 0, count = 0;
	int more = 0;

	if (json_array_size(slices) == 0) {
		buf_adds(b, "<none>");
		return;
	}
	json_array_foreach(slices, i, s) {
		const json_t *ports = json_object_get(s, "ports");

		/* no ports (headless): the addresses alone */
		json_array_foreach(json_object_get(s, "endpoints"), k, e) {
			if (json_array_size(ports) > 0)
				break;
			if (listed == 3)
				more = 1;
			if (json_is_false(json_object_get(json_object_get(e,
			    "conditions"), "ready")))
				continue;
			if (!more) {
				buf_addf(b, "%s%s", listed ? "," : "",
				    json_string_value(json_array_get(
				    json_object_get(e, "addresses"), 0)) ?: "");
				listed++;
			}
			count++;
		}
		json_array_foreach(ports, j, p) {
			if (strcmp(describe_s(p, "name"), port) != 0)
				continue;
			json_array_foreach(json_object_get(s, "endpoints"), k,
			    e) {
				const char *addr = json_string_value(
				    json_array_get(json_object_get(e,
				    "addresses"), 0)) ?: "";

				if (listed == 3)
					more = 1;
				if (json_is_false(json_object_get(
				    json_object_get(e, "conditions"), "ready")))
					continue;
				if (!more) {
					/* net.JoinHostPort */
					buf_addf(b, strchr(addr, ':') ?
					    "%s[%s]:%lld" : "%s%s:%lld",
					    listed ? "," : "", addr, (long long)
					    json_integer_value(json_object_get(
					    p, "port")));
					listed++;
				}
				count++;
			}
		}
	}
	if (more)
		buf_addf(b, " + %zu more...", count - 3);
}

/* An Ingress backend: "svc:port (endpoints)", or the resource's */
static void
network_backend(struct cli *c, const char *ns, const json_t *be,
    struct buf *b)
{
	const json_t *svc = json_object_get(be, "service"), *res =
	    json_object_get(be, "resource"), *sp;
	const char *name = describe_s(svc, "name"), *pname =
	    describe_s(json_object_get(svc, "port"), "name"),
	    *spname = "";
	long long pnum = json_integer_value(json_object_get(json_object_get(svc,
	    "port"), "number"));
	json_t *slices = NULL, *service = NULL;
	struct buf path = BUF_INIT(8192);
	struct err err;
	size_t i;

	if (svc == NULL) {
		if (res != NULL)
			buf_addf(b, "APIGroup: %s, Kind: %s, Name: %s",
			    describe_str(res, "apiGroup") ?: "<none>",
			    describe_s(res, "kind"),
			    describe_s(res, "name"));
		return;
	}
	if (pnum != 0)
		buf_addf(b, "%s:%lld", name, pnum);
	else
		buf_addf(b, "%s:%s", name, pname);
	err_clear(&err);
	buf_addf(&path, "/apis/discovery.k8s.io/v1/namespaces/%s/endpointslices",
	    ns);
	{
		struct buf sel = BUF_INIT(4096);

		buf_addf(&sel, "kubernetes.io/service-name=%s", name);
		cli_query_arg(&path, "labelSelector", buf_str(&sel));
		buf_release(&sel);
	}
	if (cli_get_json(c, buf_str(&path), &slices, &err) < 0) {
		buf_addf(b, " (<error: %s>)", err.msg);
		goto out;
	}
	buf_reset(&path);
	buf_addf(&path, "/api/v1/namespaces/%s/services/%s", ns, name);
	if (cli_get_json(c, buf_str(&path), &service, &err) < 0) {
		buf_addf(b, " (<error: %s>)", err.msg);
		goto out;
	}
	json_array_foreach(json_object_get(json_object_get(service, "spec"),
	    "ports"), i, sp) {
		const char *n = describe_s(sp, "name");

		if (pnum != 0 && pnum == json_integer_value(json_object_get(sp,
		    "port")))
			spname = n;
		else if (pname[0] != '\0' && strcmp(pname, n) == 0)
			spname = n;
	}
	buf_adds(b, " (");
	network_endpoints(b, json_object_get(slices, "items"), spname);
	buf_adds(b, ")");
out:
	json_decref(slices);
	json_decref(service);
	buf_release(&path);
}

/* the load balancer's IPs (or host names), sorted, each once */
static void
network_address(struct buf *b, const json_t *lb)
{
	json_t *set = json_object();
	const json_t *in;
	const char **keys;
	size_t i, n;

	json_array_foreach(json_object_get(lb, "ingress"), i, in) {
		const char *ip = describe_str(in, "ip"), *host = describe_str(in,
		    "hostname");

		if (ip != NULL && ip[0] != '\0')
			json_object_set_new(set, ip, json_true());
		else if (host != NULL && host[0] != '\0')
			json_object_set_new(set, host, json_true());
	}
	keys = print_keys(set, &n);
	for (i = 0; keys != NULL && i < n; i++)
		buf_addf(b, "%s%s", i ? "," : "", keys[i]);
	free(keys);
	json_decref(set);
}

void
describe_ingress(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *m = json_object_get(obj, "metadata"), *spec =
	    json_object_get(obj, "spec"), *def = json_object_get(spec,
	    "defaultBackend"), *t, *rule, *p;
	const char *ns = describe_s(m, "namespace");
	struct buf defb = BUF_INIT(1 << 16);
	size_t i, j, count = 0;

	buf_addf(b, "Name:\t%s\n", describe_s(m, "name"));
	describe_labels(b, "Labels", json_object_get(m, "labels"));
	buf_addf(b, "Namespace:\t%s\nAddress:\t", ns);
	network_address(b, json_object_get(json_object_get(obj, "status"),
	    "loadBalancer"));
	buf_addf(b, "\nIngress Class:\t%s\n", describe_str(spec,
	    "ingressClassName") ?: "<none>");
	if (def != NULL)
		network_backend(c, ns, def, &defb);
	else
		buf_adds(&defb, "<default>");
	buf_addf(b, "Default backend:\t%s\n", buf_str(&defb));
	if (json_array_size(json_object_get(spec, "tls")) > 0) {
		buf_adds(b, "TLS:\n");
		json_array_foreach(json_object_get(spec, "tls"), i, t) {
			const char *secret = describe_str(t, "secretName");

			if (secret == NULL || secret[0] == '\0')
				buf_adds(b, "  SNI routes ");
			else
				buf_addf(b, "  %s terminates ", secret);
			describe_join(b, json_object_get(t, "hosts"), ",");
			buf_adds(b, "\n");
		}
	}
	buf_adds(b, "Rules:\n  Host\tPath\tBackends\n  ----\t----\t--------\n");
	json_array_foreach(json_object_get(spec, "rules"), i, rule) {
		const json_t *http = json_object_get(rule, "http");
		const char *host = describe_str(rule, "host");

		if (http == NULL)
			continue;
		count++;
		buf_addf(b, "  %s\t\n", host && host[0] ? host : "*");
		json_array_foreach(json_object_get(http, "paths"), j, p) {
			buf_addf(b, "    \t%s \t", describe_s(p, "path"));
			network_backend(c, ns, json_object_get(p, "backend"), b);
			buf_adds(b, "\n");
		}
	}
	if (count == 0)
		buf_addf(b, "  *\t*\t%s\n", buf_str(&defb));
	describe_annotations(b, json_object_get(m, "annotations"));
	buf_release(&defb);
	describe_events(c, obj, b);
}

void
describe_ingressclass(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *spec = json_object_get(obj, "spec"), *par =
	    json_object_get(spec, "parameters");

	describe_meta(b, obj, 0);
	buf_addf(b, "Controller:\t%s\n", describe_s(spec, "controller"));
	if (par != NULL) {
		buf_adds(b, "Parameters:\n");
		describe_object_ref(b, "  ", par);
	}
	describe_events(c, obj, b);
}

/* the "ip" of each address joined by ",", <none> when none */
static void
network_ips(struct buf *b, const json_t *addrs)
{
	const json_t *a;
	size_t i, shown = 0;

	json_array_foreach(addrs, i, a)
		buf_addf(b, "%s%s", shown++ ? "," : "", describe_s(a, "ip"));
	if (shown == 0)
		buf_adds(b, "<none>");
}

void
describe_endpoints(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *ss, *p;
	size_t i, j;

	describe_meta(b, obj, 1);
	buf_adds(b, "Subsets:\n");
	json_array_foreach(json_object_get(obj, "subsets"), i, ss) {
		buf_adds(b, "  Addresses:\t");
		network_ips(b, json_object_get(ss, "addresses"));
		buf_adds(b, "\n  NotReadyAddresses:\t");
		network_ips(b, json_object_get(ss, "notReadyAddresses"));
		buf_adds(b, "\n");
		if (json_array_size(json_object_get(ss, "ports")) > 0) {
			buf_adds(b, "  Ports:\n    Name\tPort\tProtocol\n"
			    "    ----\t----\t--------\n");
			json_array_foreach(json_object_get(ss, "ports"), j, p) {
				const char *n = describe_str(p, "name");

				buf_addf(b, "    %s\t%lld\t%s\n", n && n[0] ? n :
				    "<unset>", (long long)json_integer_value(
				    json_object_get(p, "port")),
				    describe_s(p, "protocol"));
			}
		}
		buf_adds(b, "\n");
	}
	describe_events(c, obj, b);
}

void
describe_endpointslice(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *p, *e, *ready, *ref;
	size_t i;

	describe_meta(b, obj, 1);
	buf_addf(b, "AddressType:\t%s\n", describe_s(obj, "addressType"));
	if (json_array_size(json_object_get(obj, "ports")) == 0)
		buf_adds(b, "Ports: <unset>\n");
	else {
		buf_adds(b, "Ports:\n  Name\tPort\tProtocol\n"
		    "  ----\t----\t--------\n");
		json_array_foreach(json_object_get(obj, "ports"), i, p) {
			const char *n = describe_str(p, "name");
			const json_t *port = json_object_get(p, "port");

			buf_addf(b, "  %s\t", n && n[0] ? n : "<unset>");
			if (json_is_integer(port))
				buf_addf(b, "%lld", (long long)
				    json_integer_value(port));
			else
				buf_adds(b, "<unset>");
			buf_addf(b, "\t%s\n", describe_s(p, "protocol"));
		}
	}
	if (json_array_size(json_object_get(obj, "endpoints")) == 0)
		buf_adds(b, "Endpoints: <none>\n");
	else
		buf_adds(b, "Endpoints:\n");
	json_array_foreach(json_object_get(obj, "endpoints"), i, e) {
		buf_adds(b, "  - Addresses:\t");
		describe_join(b, json_object_get(e, "addresses"), ", ");
		if (json_array_size(json_object_get(e, "addresses")) == 0)
			buf_adds(b, "<none>");
		ready = json_object_get(json_object_get(e, "conditions"),
		    "ready");
		buf_addf(b, "\n    Conditions:\n      Ready:\t%s\n",
		    json_is_boolean(ready) ? (json_is_true(ready) ? "true" :
		    "false") : "<unset>");
		buf_addf(b, "    Hostname:\t%s\n", describe_str(e, "hostname") ?:
		    "<unset>");
		if ((ref = json_object_get(e, "targetRef")) != NULL)
			buf_addf(b, "    TargetRef:\t%s/%s\n", describe_s(ref,
			    "kind"), describe_s(ref, "name"));
		buf_addf(b, "    NodeName:\t%s\n    Zone:\t%s\n",
		    describe_str(e, "nodeName") ?: "<unset>",
		    describe_str(e, "zone") ?: "<unset>");
	}
	describe_events(c, obj, b);
}
