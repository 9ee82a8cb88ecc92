/* service.c - kubec describe for Services: addresses, ports and the
 * ready endpoints of the Service's EndpointSlices. */
#include <stdlib.h>
#include <string.h>

#include "describe.h"

void
describe_service(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *spec = json_object_get(obj, "spec"), *p, *eps = NULL;
	const json_t *m = json_object_get(obj, "metadata");
	struct buf path = BUF_INIT(4096);
	struct err err;
	size_t i;

	err_clear(&err);
	describe_meta(b, obj, 1);
	buf_adds(b, "Selector:\t");
	print_labels(b, json_object_get(spec, "selector"), "<none>");
	buf_addf(b, "\nType:\t%s\n", describe_s(spec, "type"));
	if (describe_str(spec, "ipFamilyPolicy") != NULL)
		buf_addf(b, "IP Family Policy:\t%s\n",
		    describe_str(spec, "ipFamilyPolicy"));
	if (json_array_size(json_object_get(spec, "ipFamilies")) > 0) {
		buf_adds(b, "IP Families:\t");
		describe_join(b, json_object_get(spec, "ipFamilies"), ",");
		buf_adds(b, "\n");
	}
	buf_addf(b, "IP:\t%s\n", describe_s(spec, "clusterIP"));
	if (json_array_size(json_object_get(spec, "clusterIPs")) > 0) {
		buf_adds(b, "IPs:\t");
		describe_join(b, json_object_get(spec, "clusterIPs"), ",");
		buf_adds(b, "\n");
	}
	if (json_array_size(json_object_get(spec, "externalIPs")) > 0) {
		buf_adds(b, "External IPs:\t");
		describe_join(b, json_object_get(spec, "externalIPs"), ",");
		buf_adds(b, "\n");
	}
	/* kubectl reads the Service's EndpointSlices */
	buf_addf(&path, "/apis/discovery.k8s.io/v1/namespaces/%s/endpointslices"
	    "?labelSelector=kubernetes.io%%2Fservice-name%%3D%s",
	    describe_s(m, "namespace"), describe_s(m, "name"));
	if (cli_get_json(c, buf_str(&path), (json_t **)&eps, &err) < 0 ||
	    json_array_size(json_object_get(eps, "items")) == 0) {
		json_decref((json_t *)eps);
		eps = NULL;
	}
	json_array_foreach(json_object_get(spec, "ports"), i, p) {
		const char *pname = describe_str(p, "name"), *proto = describe_str(p,
		    "protocol") ?: "TCP";
		const json_t *tp = json_object_get(p, "targetPort"), *ss, *a,
		    *ep;
		size_t j, k, l, shown = 0;

		buf_addf(b, "Port:\t%s  %lld/%s\n", pname && pname[0] ? pname :
		    "<unset>", (long long)json_integer_value(json_object_get(p,
		    "port")), proto);
		if (json_is_string(tp))
			buf_addf(b, "TargetPort:\t%s/%s\n",
			    json_string_value(tp), proto);
		else
			buf_addf(b, "TargetPort:\t%lld/%s\n",
			    (long long)json_integer_value(tp), proto);
		if (json_integer_value(json_object_get(p, "nodePort")) > 0)
			buf_addf(b, "NodePort:\t%s  %lld/%s\n", pname &&
			    pname[0] ? pname : "<unset>",
			    (long long)json_integer_value(json_object_get(p,
			    "nodePort")), proto);
		buf_adds(b, "Endpoints:\t");
		if (eps == NULL)
			buf_adds(b, "<none>");
		/* the ready endpoints' addresses with the port of that name */
		json_array_foreach(json_object_get(eps, "items"), j, ss)
			json_array_foreach(json_object_get(ss, "ports"), k, ep) {
				if (strcmp(describe_s(ep, "name"), pname ?
				    pname : "") != 0)
					continue;
				json_array_foreach(json_object_get(ss,
				    "endpoints"), l, a) {
					const json_t *ready = json_object_get(
					    json_object_get(a, "conditions"),
					    "ready");

					if (json_is_false(ready))
						continue;
					buf_addf(b, "%s%s:%lld", shown++ ?
					    "," : "", json_string_value(
					    json_array_get(json_object_get(a,
					    "addresses"), 0)) ?: "",
					    (long long)json_integer_value(
					    json_object_get(ep, "port")));
				}
			}
		buf_adds(b, "\n");
	}
	buf_addf(b, "Session Affinity:\t%s\n", describe_str(spec, "sessionAffinity") ?:
	    "None");
	if (describe_str(spec, "externalTrafficPolicy") != NULL)
		buf_addf(b, "External Traffic Policy:\t%s\n",
		    describe_str(spec, "externalTrafficPolicy"));
	if (describe_str(spec, "internalTrafficPolicy") != NULL)
		buf_addf(b, "Internal Traffic Policy:\t%s\n",
		    describe_str(spec, "internalTrafficPolicy"));
	json_decref((json_t *)eps);
	buf_release(&path);
	describe_events(c, obj, b);
}
