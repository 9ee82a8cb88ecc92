/* podspec.c - what kubectl describe prints of a pod spec alike for Pods
 * (pod.c) and pod templates (DescribePodTemplate, for the workloads):
 * each container (image, ports, command, its state when the pod has a
 * status, resources, probes, environment with fieldRef values resolved
 * for a Pod only, mounts), tolerations and topology spread constraints,
 * in kubectl's layout and order; the volumes are volumes.c's. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/quantity.h"
#include "describe.h"

/* kubectl's PrefixWriter levels: two spaces each */
#define L1	"  "
#define L2	"    "
#define L3	"      "

/* Go's %q of a plain string. */
static void
podspec_quote(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		const char *esc = strchr("\a\b\f\n\r\t\v", *s);

		if (*s == '"' || *s == '\\')
			buf_addf(b, "\\%c", *s);
		else if (esc != NULL)
			buf_addf(b, "\\%c", "abfnrtv"[esc - "\a\b\f\n\r\t\v"]);
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			buf_addf(b, "\\x%02x", (unsigned char)*s);
		else
			buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/* Command and Args, one line each (and each line of a multi-line one). */
static void
podspec_lines(struct buf *b, const char *title, const json_t *list)
{
	const json_t *v;
	size_t i;

	if (json_array_size(list) == 0)
		return;
	buf_addf(b, L2 "%s:\n", title);
	json_array_foreach(list, i, v) {
		const char *s = json_string_value(v) ?: "", *nl;

		for (;; s = nl + 1) {
			nl = strchr(s, '\n');
			buf_addf(b, L3 "%.*s\n", nl ? (int)(nl - s) :
			    (int)strlen(s), s);
			if (nl == NULL)
				break;
		}
	}
}

/* "8080/TCP, 53/UDP" of the container's ports or their host ports. */
static void
podspec_ports(struct buf *b, const json_t *ports, const char *field,
    const char *one, const char *many)
{
	struct buf s = BUF_INIT(1 << 16);
	const json_t *p;
	size_t i;

	json_array_foreach(ports, i, p)
		buf_addf(&s, "%s%lld/%s", i ? ", " : "", describe_int(p, field),
		    describe_s(p, "protocol"));
	if (strchr(buf_str(&s), ',') != NULL)
		buf_addf(b, L2 "%s:\t%s\n", many, buf_str(&s));
	else
		buf_addf(b, L2 "%s:\t%s\n", one, s.len ? buf_str(&s) : "<none>");
	buf_release(&s);
}

void
podspec_resources(struct buf *b, const json_t *res, const char *indent)
{
	static const char *const which[] = { "limits", "Limits",
	    "requests", "Requests" };

	for (size_t w = 0; w < 4; w += 2) {
		const json_t *list = json_object_get(res, which[w]);
		size_t n;
		const char **keys = print_keys(list, &n);

		if (keys != NULL && n > 0)
			buf_addf(b, "%s%s:\n", indent, which[w + 1]);
		for (size_t i = 0; keys != NULL && i < n; i++) {
			buf_addf(b, "%s  %s:\t", indent, keys[i]);
			describe_quantity(b, json_object_get(list, keys[i]));
			buf_adds(b, "\n");
		}
		free(keys);
	}
}

/* An HTTPGetAction as the url.URL of DescribeProbe prints it: the scheme
 * lowercased, net.JoinHostPort(host, port), the path escaped. */
static void
podspec_http_get(struct buf *b, const json_t *h)
{
	const char *scheme = describe_s(h, "scheme"), *host = describe_s(h,
	    "host"), *path = describe_s(h, "path");
	struct buf port = BUF_INIT(256), hp = BUF_INIT(4096);

	/* a missing port is an IntOrString's zero value: 0 */
	if (json_is_string(json_object_get(h, "port")))
		buf_adds(&port, describe_s(h, "port"));
	else
		buf_addf(&port, "%lld", describe_int(h, "port"));
	if (port.len == 0)
		buf_adds(&hp, host);
	else
		buf_addf(&hp, strchr(host, ':') ? "[%s]:%s" : "%s:%s", host,
		    buf_str(&port));
	buf_adds(b, "http-get ");
	for (const char *c = scheme; *c != '\0'; c++)
		buf_addc(b, *c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
	if (*scheme != '\0')
		buf_addc(b, ':');
	if ((*scheme != '\0' || hp.len > 0) && (hp.len > 0 || *path != '\0'))
		buf_addf(b, "//%s", buf_str(&hp));
	if (*path != '\0' && *path != '/' && hp.len > 0)
		buf_addc(b, '/');
	/* EscapedPath: all but unreserved and $&+,/:;=@ as %XX */
	for (; *path != '\0'; path++)
		if ((*path >= 'a' && *path <= 'z') || (*path >= 'A' &&
		    *path <= 'Z') || (*path >= '0' && *path <= '9') ||
		    strchr("-_.~$&+,/:;=@", *path) != NULL)
			buf_addc(b, *path);
		else
			buf_addf(b, "%%%02X", (unsigned char)*path);
	buf_release(&port);
	buf_release(&hp);
}

/* "    Title:\t" and the probe as kubectl's DescribeProbe writes it. */
static void
podspec_probe(struct buf *b, const char *title, const json_t *p)
{
	const json_t *h;

	if (!json_is_object(p))
		return;
	buf_addf(b, L2 "%s:\t", title);
	if (json_is_object(h = json_object_get(p, "exec"))) {
		buf_adds(b, "exec ");
		describe_golist(b, json_object_get(h, "command"));
	} else if (json_is_object(h = json_object_get(p, "httpGet")))
		podspec_http_get(b, h);
	else if (json_is_object(h = json_object_get(p, "tcpSocket"))) {
		buf_addf(b, "tcp-socket %s:", describe_s(h, "host"));
		if (json_is_string(json_object_get(h, "port")))
			buf_adds(b, describe_s(h, "port"));
		else
			buf_addf(b, "%lld", describe_int(h, "port"));
	} else if (json_is_object(h = json_object_get(p, "grpc")))
		buf_addf(b, "grpc <pod>:%lld %s", describe_int(h, "port"),
		    describe_s(h, "service"));
	else
		buf_adds(b, "unknown");
	buf_addf(b, " delay=%llds timeout=%llds period=%llds #success=%lld "
	    "#failure=%lld\n", describe_int(p, "initialDelaySeconds"),
	    describe_int(p, "timeoutSeconds"), describe_int(p, "periodSeconds"),
	    describe_int(p, "successThreshold"), describe_int(p,
	    "failureThreshold"));
}

/* A container state (describeStatus). */
static void
podspec_state(struct buf *b, const char *title, const json_t *st)
{
	const json_t *s;

	if ((s = json_object_get(st, "running")) != NULL) {
		buf_addf(b, L2 "%s:\tRunning\n" L3 "Started:\t", title);
		describe_metatime(b, describe_str(s, "startedAt"));
		buf_adds(b, "\n");
	} else if ((s = json_object_get(st, "waiting")) != NULL) {
		buf_addf(b, L2 "%s:\tWaiting\n", title);
		if (*describe_s(s, "reason") != '\0')
			buf_addf(b, L3 "Reason:\t%s\n", describe_s(s, "reason"));
	} else if ((s = json_object_get(st, "terminated")) != NULL) {
		buf_addf(b, L2 "%s:\tTerminated\n", title);
		if (*describe_s(s, "reason") != '\0')
			buf_addf(b, L3 "Reason:\t%s\n", describe_s(s, "reason"));
		if (*describe_s(s, "message") != '\0')
			buf_addf(b, L3 "Message:\t%s\n", describe_s(s,
			    "message"));
		buf_addf(b, L3 "Exit Code:\t%lld\n", describe_int(s,
		    "exitCode"));
		if (describe_int(s, "signal") > 0)
			buf_addf(b, L3 "Signal:\t%lld\n", describe_int(s,
			    "signal"));
		buf_adds(b, L3 "Started:\t");
		describe_metatime(b, describe_str(s, "startedAt"));
		buf_adds(b, "\n" L3 "Finished:\t");
		describe_metatime(b, describe_str(s, "finishedAt"));
		buf_adds(b, "\n");
	} else
		buf_addf(b, L2 "%s:\tWaiting\n", title);
}

/* A fieldRef's value (kubectl's EnvValueRetriever, for a Pod only; a
 * template's are empty): kubectl's scheme converts only metadata.name
 * and metadata.namespace for a Pod, any other field shows empty. */
static const char *
podspec_field_value(const json_t *pod, const json_t *ref)
{
	const char *path = describe_s(ref, "fieldPath"), *av = describe_s(ref,
	    "apiVersion"), *slash = strchr(av, '/');
	const json_t *m = json_object_get(pod, "metadata");

	if (pod == NULL || (slash != NULL && strchr(slash + 1, '/') != NULL))
		return "";
	if (strcmp(path, "metadata.name") == 0)
		return describe_s(m, "name");
	if (strcmp(path, "metadata.namespace") == 0)
		return describe_s(m, "namespace");
	return "";
}

/* A Quantity of JSON (a string, or a bare number), 0 when neither. */
static void
podspec_json_quantity(const json_t *v, struct quantity *q)
{
	struct err err;

	err_clear(&err);
	*q = (struct quantity){ 0 };
	if (json_is_integer(v))
		quantity_from_value(q, json_integer_value(v),
		    QUANTITY_DECIMAL_SI);
	else if (json_is_string(v) && quantity_parse(json_string_value(v), q,
	    &err) < 0)
		*q = (struct quantity){ 0 };
}

/* ceil(a / b) as int64(math.Ceil(float64(a) / float64(b))), b > 0. */
static long long
podspec_ceil_div(int64_t a, int64_t b)
{
	double q = (double)a / (double)b;
	long long t = (long long)q;

	return (double)t < q ? t + 1 : t;
}

/* A resourceFieldRef's value from this container's resources
 * (ExtractContainerResourceValue): "" for a resource it does not know,
 * "node allocatable" for an unset cpu or memory limit. */
static void
podspec_resource_value(struct buf *b, const json_t *ctr, const json_t *ref)
{
	const char *res = describe_s(ref, "resource"), *dot = strchr(res, '.');
	const json_t *list;
	struct quantity q, div;
	int cpu;
	long long n;

	if (dot == NULL || (strncmp(res, "limits.", 7) != 0 &&
	    strncmp(res, "requests.", 9) != 0))
		return;
	cpu = strcmp(dot + 1, "cpu") == 0;
	if (!cpu && strcmp(dot + 1, "memory") != 0 && strcmp(dot + 1,
	    "ephemeral-storage") != 0 && strncmp(dot + 1, "hugepages-", 10) != 0)
		return;
	list = json_object_get(json_object_get(ctr, "resources"),
	    res[0] == 'l' ? "limits" : "requests");
	podspec_json_quantity(json_object_get(list, dot + 1), &q);
	podspec_json_quantity(json_object_get(ref, "divisor"), &div);
	if (div.nano == 0)
		quantity_from_value(&div, 1, QUANTITY_DECIMAL_SI);
	if (cpu)
		n = podspec_ceil_div(quantity_milli(&q), quantity_milli(&div));
	else
		n = podspec_ceil_div(quantity_value(&q), quantity_value(&div));
	if (n == 0 && (strcmp(res, "limits.cpu") == 0 || strcmp(res,
	    "limits.memory") == 0))
		buf_adds(b, "node allocatable");
	else
		buf_addf(b, "%lld", n);
}

/* describeContainerEnvVars: values resolved through pod (NULL: none) */
static void
podspec_env(struct buf *b, const json_t *pod, const json_t *ctr)
{
	const json_t *env = json_object_get(ctr, "env"), *e, *from, *r;
	size_t i;

	buf_addf(b, L2 "Environment:%s\n", json_array_size(env) ? "" :
	    "\t<none>");
	json_array_foreach(env, i, e) {
		const char *name = describe_s(e, "name");

		if ((from = json_object_get(e, "valueFrom")) == NULL) {
			const char *s = describe_s(e, "value"), *nl;
			int first = 1;

			for (;; s = nl + 1, first = 0) {
				nl = strchr(s, '\n');
				buf_addf(b, L3 "%s%s\t%.*s\n", first ? name : "",
				    first ? ":" : "", nl ? (int)(nl - s) :
				    (int)strlen(s), s);
				if (nl == NULL)
					break;
			}
		} else if ((r = json_object_get(from, "fieldRef")) != NULL)
			buf_addf(b, L3 "%s:\t%s (%s:%s)\n", name,
			    podspec_field_value(pod, r), describe_s(r,
			    "apiVersion"), describe_s(r, "fieldPath"));
		else if ((r = json_object_get(from, "resourceFieldRef")) !=
		    NULL) {
			buf_addf(b, L3 "%s:\t", name);
			podspec_resource_value(b, ctr, r);
			buf_addf(b, " (%s)\n", describe_s(r, "resource"));
		} else if ((r = json_object_get(from, "secretKeyRef")) != NULL)
			buf_addf(b, L3 "%s:\t<set to the key '%s' in secret "
			    "'%s'>\tOptional: %s\n", name, describe_s(r, "key"),
			    describe_s(r, "name"), describe_bool(r, "optional"));
		else if ((r = json_object_get(from, "configMapKeyRef")) != NULL)
			buf_addf(b, L3 "%s:\t<set to the key '%s' of config map "
			    "'%s'>\tOptional: %s\n", name, describe_s(r, "key"),
			    describe_s(r, "name"), describe_bool(r, "optional"));
	}
}

/* describeContainerEnvFrom, when the container has any */
static void
podspec_env_from(struct buf *b, const json_t *ctr)
{
	const json_t *list = json_object_get(ctr, "envFrom"), *e, *r;
	size_t i;

	if (json_array_size(list) == 0)
		return;
	buf_adds(b, L2 "Environment Variables from:\n");
	json_array_foreach(list, i, e) {
		const char *from = "";

		if ((r = json_object_get(e, "configMapRef")) != NULL)
			from = "ConfigMap";
		else if ((r = json_object_get(e, "secretRef")) != NULL)
			from = "Secret";
		if (*describe_s(e, "prefix") == '\0')
			buf_addf(b, L3 "%s\t%s\tOptional: %s\n", describe_s(r,
			    "name"), from, describe_bool(r, "optional"));
		else
			buf_addf(b, L3 "%s\t%s with prefix '%s'\tOptional: %s\n",
			    describe_s(r, "name"), from, describe_s(e,
			    "prefix"), describe_bool(r, "optional"));
	}
}

/* describeContainerVolumes: mounts by path, then devices by path */
static void
podspec_mounts(struct buf *b, const json_t *ctr)
{
	const json_t *mounts = json_object_get(ctr, "volumeMounts");
	const json_t *devs = json_object_get(ctr, "volumeDevices");
	const char *none = json_array_size(mounts) ? "" : "\t<none>";
	const json_t **v;
	size_t i;

	buf_addf(b, L2 "Mounts:%s\n", none);
	v = describe_sorted(mounts, "mountPath");
	for (i = 0; v != NULL && i < json_array_size(mounts); i++) {
		buf_addf(b, L3 "%s from %s (%s", describe_s(v[i], "mountPath"),
		    describe_s(v[i], "name"), json_is_true(json_object_get(v[i],
		    "readOnly")) ? "ro" : "rw");
		if (*describe_s(v[i], "subPath") != '\0') {
			buf_adds(b, ",path=");
			podspec_quote(b, describe_s(v[i], "subPath"));
		}
		buf_adds(b, ")\n");
	}
	free(v);
	if (json_array_size(devs) == 0)
		return;
	buf_addf(b, L2 "Devices:%s\n", none);
	v = describe_sorted(devs, "devicePath");
	for (i = 0; v != NULL && i < json_array_size(devs); i++)
		buf_addf(b, L3 "%s from %s\n", describe_s(v[i], "devicePath"),
		    describe_s(v[i], "name"));
	free(v);
}

/* One container of describeContainers, status NULL when it has none. */
static void
podspec_container(struct buf *b, const json_t *ctr, const json_t *status,
    const json_t *pod, const char *space)
{
	const json_t *sc = json_object_get(json_object_get(ctr,
	    "securityContext"), "seccompProfile");

	buf_addf(b, L1 "%s%s:\n", *space ? " " : "", describe_s(ctr, "name"));
	if (status != NULL)
		buf_addf(b, L2 "Container ID:\t%s\n", describe_s(status,
		    "containerID"));
	buf_addf(b, L2 "Image:\t%s\n", describe_s(ctr, "image"));
	if (status != NULL)
		buf_addf(b, L2 "Image ID:\t%s\n", describe_s(status, "imageID"));
	podspec_ports(b, json_object_get(ctr, "ports"), "containerPort",
	    "Port", "Ports");
	podspec_ports(b, json_object_get(ctr, "ports"), "hostPort",
	    "Host Port", "Host Ports");
	if (json_is_object(sc)) {
		buf_addf(b, L2 "SeccompProfile:\t%s\n", describe_s(sc, "type"));
		if (strcmp(describe_s(sc, "type"), "Localhost") == 0)
			buf_addf(b, L3 "LocalhostProfile:\t%s\n",
			    describe_s(sc, "localhostProfile"));
	}
	podspec_lines(b, "Command", json_object_get(ctr, "command"));
	podspec_lines(b, "Args", json_object_get(ctr, "args"));
	if (status != NULL) {
		const json_t *last = json_object_get(status, "lastState");

		podspec_state(b, "State", json_object_get(status, "state"));
		if (json_object_get(last, "terminated") != NULL)
			podspec_state(b, "Last State", last);
		buf_addf(b, L2 "Ready:\t%s\n", json_is_true(json_object_get(
		    status, "ready")) ? "True" : "False");
		buf_addf(b, L2 "Restart Count:\t%lld\n", describe_int(status,
		    "restartCount"));
	}
	podspec_resources(b, json_object_get(ctr, "resources"), L2);
	podspec_probe(b, "Liveness", json_object_get(ctr, "livenessProbe"));
	podspec_probe(b, "Readiness", json_object_get(ctr, "readinessProbe"));
	podspec_probe(b, "Startup", json_object_get(ctr, "startupProbe"));
	podspec_env_from(b, ctr);
	podspec_env(b, pod, ctr);
	podspec_mounts(b, ctr);
}

void
podspec_containers(struct buf *b, const char *label, const json_t *ctrs,
    const json_t *statuses, const json_t *pod, const char *space)
{
	const json_t *ctr, *st;
	size_t i, j;

	buf_addf(b, "%s%s:%s\n", space, label, json_array_size(ctrs) ? "" :
	    " <none>");
	json_array_foreach(ctrs, i, ctr) {
		const json_t *status = NULL;

		/* kubectl's map of the statuses by name: the last one */
		json_array_foreach(statuses, j, st)
			if (strcmp(describe_s(st, "name"),
			    describe_s(ctr, "name")) == 0)
				status = st;
		podspec_container(b, ctr, status, pod, space);
	}
}

void
podspec_tolerations(struct buf *b, const char *title, const json_t *list)
{
	const json_t **v = describe_sorted(list, "key");
	size_t i;

	buf_addf(b, "%s:\t", title);
	if (json_array_size(list) == 0)
		buf_adds(b, "<none>\n");
	for (i = 0; v != NULL && i < json_array_size(list); i++) {
		const char *key = describe_s(v[i], "key"),
		    *val = describe_s(v[i], "value"),
		    *eff = describe_s(v[i], "effect");

		if (i > 0)
			buf_adds(b, "\t");
		buf_adds(b, key);
		if (*val != '\0')
			buf_addf(b, "=%s", val);
		if (*eff != '\0')
			buf_addf(b, ":%s", eff);
		if (strcmp(describe_s(v[i], "operator"), "Exists") == 0 &&
		    *val == '\0')
			buf_adds(b, *key || *eff ? " op=Exists" : "op=Exists");
		if (json_is_integer(json_object_get(v[i], "tolerationSeconds")))
			buf_addf(b, " for %llds", describe_int(v[i],
			    "tolerationSeconds"));
		buf_adds(b, "\n");
	}
	free(v);
}

void
podspec_spread(struct buf *b, const json_t *list, const char *space)
{
	const json_t **v = describe_sorted(list, "topologyKey");
	size_t i;

	for (i = 0; v != NULL && i < json_array_size(list); i++) {
		const json_t *sel = json_object_get(v[i], "labelSelector");

		if (i == 0)
			buf_addf(b, "%sTopology Spread Constraints:\t", space);
		else
			buf_addf(b, "%s\t", space);
		buf_addf(b, "%s:%s when max skew %lld is exceeded",
		    describe_s(v[i], "topologyKey"), describe_s(v[i],
		    "whenUnsatisfiable"), describe_int(v[i], "maxSkew"));
		if (sel != NULL && !json_is_null(sel)) {
			buf_adds(b, " for selector ");
			describe_selector(b, sel, "<none>");
		}
		buf_adds(b, "\n");
	}
	free(v);
}

void
podspec_template(struct buf *b, const json_t *tmpl)
{
	const json_t *meta = json_object_get(tmpl, "metadata"),
	    *spec = json_object_get(tmpl, "spec"),
	    *ann = json_object_get(meta, "annotations");

	buf_adds(b, "Pod Template:\n");
	describe_labels(b, "  Labels", json_object_get(meta, "labels"));
	if (json_object_size(ann) > 0)
		describe_annotations_in(b, "", "  Annotations", ann);
	if (*describe_s(spec, "serviceAccountName"))
		buf_addf(b, L1 "Service Account:\t%s\n", describe_s(spec,
		    "serviceAccountName"));
	if (json_array_size(json_object_get(spec, "initContainers")) > 0)
		podspec_containers(b, "Init Containers", json_object_get(spec,
		    "initContainers"), NULL, NULL, L1);
	podspec_containers(b, "Containers", json_object_get(spec,
	    "containers"), NULL, NULL, L1);
	volumes_describe(b, json_object_get(spec, "volumes"), L1);
	podspec_spread(b, json_object_get(spec, "topologySpreadConstraints"),
	    L1);
	if (*describe_s(spec, "priorityClassName"))
		buf_addf(b, L1 "Priority Class Name:\t%s\n", describe_s(spec,
		    "priorityClassName"));
	describe_labels(b, "  Node-Selectors", json_object_get(spec,
	    "nodeSelector"));
	podspec_tolerations(b, "  Tolerations", json_object_get(spec,
	    "tolerations"));
}
