/* pod.c - kubec describe for Pods, in kubectl describe's layout: the
 * pod's node, status and IPs, each container (state, resources, probes,
 * environment with fieldRef values resolved, mounts), conditions,
 * volumes, the QoS class, node selectors, tolerations, spread
 * constraints, then the pod's Events. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/quantity.h"
#include "../../lib/selector.h"
#include "describe.h"

/* kubectl's PrefixWriter levels: two spaces each */
#define L1	"  "
#define L2	"    "
#define L3	"      "

static const char *
pod_s(const json_t *o, const char *k)
{
	return describe_str(o, k) ?: "";
}

static const char *
pod_bool(const json_t *o, const char *k)
{
	return json_is_true(json_object_get(o, k)) ? "true" : "false";
}

static long long
pod_int(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

/* A metav1.Time as Go formats it: the zero time when it is missing. */
static void
pod_time(struct buf *b, const char *t)
{
	if (t == NULL)
		buf_adds(b, "Mon, 01 Jan 0001 00:00:00 +0000");
	else
		describe_time(b, t);
}

/* A quantity as Go's Quantity.String() prints the one it parsed. */
static void
pod_quantity(struct buf *b, const json_t *v)
{
	char out[128];
	struct err err;

	err_clear(&err);
	if (json_is_string(v) && quantity_canonical(json_string_value(v), out,
	    sizeof out, &err) >= 0)
		buf_adds(b, out);
	else if (json_is_integer(v))
		buf_addf(b, "%lld", (long long)json_integer_value(v));
	else
		buf_adds(b, json_string_value(v) ?: "0");
}

/* An IntOrString ("8080", "http"). */
static void
pod_intstr(struct buf *b, const json_t *v)
{
	if (json_is_integer(v))
		buf_addf(b, "%lld", (long long)json_integer_value(v));
	else
		buf_adds(b, json_string_value(v) ?: "");
}

/* Go's %q of a plain string. */
static void
pod_quote(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_addf(b, "\\%c", *s);
		else if (*s == '\n')
			buf_adds(b, "\\n");
		else if (*s == '\t')
			buf_adds(b, "\\t");
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			buf_addf(b, "\\x%02x", (unsigned char)*s);
		else
			buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/* Limits and Requests, resources sorted, at the given indent. */
static void
pod_resources(struct buf *b, const json_t *res, const char *indent)
{
	static const char *const which[] = { "limits", "Limits",
	    "requests", "Requests" };

	for (size_t w = 0; w < 4; w += 2) {
		const json_t *list = json_object_get(res, which[w]);
		size_t n;
		const char **keys = print_keys(list, &n);

		if (n > 0)
			buf_addf(b, "%s%s:\n", indent, which[w + 1]);
		for (size_t i = 0; keys != NULL && i < n; i++) {
			buf_addf(b, "%s  %s:\t", indent, keys[i]);
			pod_quantity(b, json_object_get(list, keys[i]));
			buf_adds(b, "\n");
		}
		free(keys);
	}
}

/* A probe as kubectl's DescribeProbe writes it. */
static void
pod_probe(struct buf *b, const char *title, const json_t *p)
{
	const json_t *h, *v;
	size_t i;

	if (p == NULL)
		return;
	buf_addf(b, L2 "%s:\t", title);
	if ((h = json_object_get(p, "exec")) != NULL) {
		buf_adds(b, "exec [");
		json_array_foreach(json_object_get(h, "command"), i, v)
			buf_addf(b, "%s%s", i ? " " : "", json_string_value(v) ?:
			    "");
		buf_adds(b, "] ");
	} else if ((h = json_object_get(p, "httpGet")) != NULL) {
		const char *scheme = pod_s(h, "scheme"), *host = pod_s(h,
		    "host"), *path = pod_s(h, "path");
		struct buf port = BUF_INIT(4096), hp = BUF_INIT(4096);

		/* url.URL{Scheme, Host: JoinHostPort(host, port), Path} */
		pod_intstr(&port, json_object_get(h, "port"));
		if (port.len == 0)
			buf_adds(&hp, host);
		else if (strchr(host, ':') != NULL)
			buf_addf(&hp, "[%s]:%s", host, buf_str(&port));
		else
			buf_addf(&hp, "%s:%s", host, buf_str(&port));
		buf_adds(b, "http-get ");
		for (; *scheme != '\0'; scheme++)
			buf_addc(b, *scheme >= 'A' && *scheme <= 'Z' ?
			    *scheme - 'A' + 'a' : *scheme);
		if (*pod_s(h, "scheme") != '\0')
			buf_addc(b, ':');
		if (*pod_s(h, "scheme") != '\0' || hp.len > 0)
			buf_addf(b, "//%s", buf_str(&hp));
		if (path[0] != '\0' && path[0] != '/' && hp.len > 0)
			buf_addc(b, '/');
		/* EscapedPath: all but unreserved and $&+,/:;=@ as %XX */
		for (; *path != '\0'; path++)
			if ((*path >= 'a' && *path <= 'z') || (*path >= 'A' &&
			    *path <= 'Z') || (*path >= '0' && *path <= '9') ||
			    strchr("-_.~$&+,/:;=@", *path) != NULL)
				buf_addc(b, *path);
			else
				buf_addf(b, "%%%02X", (unsigned char)*path);
		buf_adds(b, " ");
		buf_release(&port);
		buf_release(&hp);
	} else if ((h = json_object_get(p, "tcpSocket")) != NULL) {
		buf_addf(b, "tcp-socket %s:", pod_s(h, "host"));
		pod_intstr(b, json_object_get(h, "port"));
		buf_adds(b, " ");
	} else if ((h = json_object_get(p, "grpc")) != NULL)
		buf_addf(b, "grpc <pod>:%lld %s ", pod_int(h, "port"),
		    pod_s(h, "service"));
	else
		buf_adds(b, "unknown ");
	buf_addf(b, "delay=%llds timeout=%llds period=%llds #success=%lld "
	    "#failure=%lld\n", pod_int(p, "initialDelaySeconds"),
	    pod_int(p, "timeoutSeconds"), pod_int(p, "periodSeconds"),
	    pod_int(p, "successThreshold"), pod_int(p, "failureThreshold"));
}

/* A container state (describeStatus). */
static void
pod_state(struct buf *b, const char *title, const json_t *st)
{
	const json_t *s;

	if ((s = json_object_get(st, "running")) != NULL) {
		buf_addf(b, L2 "%s:\tRunning\n" L3 "Started:\t", title);
		pod_time(b, describe_str(s, "startedAt"));
		buf_adds(b, "\n");
	} else if ((s = json_object_get(st, "waiting")) != NULL) {
		buf_addf(b, L2 "%s:\tWaiting\n", title);
		if (*pod_s(s, "reason") != '\0')
			buf_addf(b, L3 "Reason:\t%s\n", pod_s(s, "reason"));
	} else if ((s = json_object_get(st, "terminated")) != NULL) {
		buf_addf(b, L2 "%s:\tTerminated\n", title);
		if (*pod_s(s, "reason") != '\0')
			buf_addf(b, L3 "Reason:\t%s\n", pod_s(s, "reason"));
		if (*pod_s(s, "message") != '\0')
			buf_addf(b, L3 "Message:\t%s\n", pod_s(s, "message"));
		buf_addf(b, L3 "Exit Code:\t%lld\n", pod_int(s, "exitCode"));
		if (pod_int(s, "signal") > 0)
			buf_addf(b, L3 "Signal:\t%lld\n", pod_int(s, "signal"));
		buf_adds(b, L3 "Started:\t");
		pod_time(b, describe_str(s, "startedAt"));
		buf_adds(b, "\n" L3 "Finished:\t");
		pod_time(b, describe_str(s, "finishedAt"));
		buf_adds(b, "\n");
	} else
		buf_addf(b, L2 "%s:\tWaiting\n", title);
}

/* "8080/TCP, 53/UDP" of the container's ports or their host ports. */
static void
pod_ports(struct buf *b, const json_t *ports, const char *field,
    const char *one, const char *many)
{
	struct buf s = BUF_INIT(1 << 16);
	const json_t *p;
	size_t i;

	json_array_foreach(ports, i, p)
		buf_addf(&s, "%s%lld/%s", i ? ", " : "", pod_int(p, field),
		    pod_s(p, "protocol"));
	if (strchr(buf_str(&s), ',') != NULL)
		buf_addf(b, L2 "%s:\t%s\n", many, buf_str(&s));
	else
		buf_addf(b, L2 "%s:\t%s\n", one, s.len ? buf_str(&s) : "<none>");
	buf_release(&s);
}

/* Command and Args, one line each (and each line of a multi-line one). */
static void
pod_lines(struct buf *b, const char *title, const json_t *list)
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

/* A fieldRef's value: kubectl's scheme converts only metadata.name and
 * metadata.namespace for a Pod, any other field shows empty. */
static const char *
pod_field_value(const json_t *pod, const json_t *ref)
{
	const char *path = pod_s(ref, "fieldPath"), *av = pod_s(ref,
	    "apiVersion"), *slash = strchr(av, '/');
	const json_t *m = json_object_get(pod, "metadata");

	if (slash != NULL && strchr(slash + 1, '/') != NULL)
		return "";
	if (strcmp(path, "metadata.name") == 0)
		return pod_s(m, "name");
	if (strcmp(path, "metadata.namespace") == 0)
		return pod_s(m, "namespace");
	return "";
}

/* ceil(a / b) as int64(math.Ceil(float64(a) / float64(b))), b > 0. */
static long long
pod_ceil_div(int64_t a, int64_t b)
{
	double q = (double)a / (double)b;
	long long t = (long long)q;

	return (double)t < q ? t + 1 : t;
}

/* A resourceFieldRef's value from this container's resources
 * (ExtractContainerResourceValue). */
static void
pod_resource_value(struct buf *b, const json_t *ctr, const json_t *ref)
{
	const char *res = pod_s(ref, "resource"), *dot = strchr(res, '.');
	const json_t *list, *v;
	struct quantity q = { 0 }, div = { 0 };
	struct err err;
	int cpu;
	long long n;

	err_clear(&err);
	if (dot == NULL || (strncmp(res, "limits.", 7) != 0 &&
	    strncmp(res, "requests.", 9) != 0))
		return;
	cpu = strcmp(dot + 1, "cpu") == 0;
	if (!cpu && strcmp(dot + 1, "memory") != 0 && strcmp(dot + 1,
	    "ephemeral-storage") != 0 && strncmp(dot + 1, "hugepages-", 10) != 0)
		return;
	list = json_object_get(json_object_get(ctr, "resources"),
	    res[0] == 'l' ? "limits" : "requests");
	if (json_is_string(v = json_object_get(list, dot + 1)))
		quantity_parse(json_string_value(v), &q, &err);
	if (!json_is_string(json_object_get(ref, "divisor")) ||
	    quantity_parse(json_string_value(json_object_get(ref, "divisor")),
	    &div, &err) < 0 || div.nano == 0)
		quantity_from_value(&div, 1, QUANTITY_DECIMAL_SI);
	if (cpu)
		n = pod_ceil_div(quantity_milli(&q), quantity_milli(&div));
	else
		n = pod_ceil_div(quantity_value(&q), quantity_value(&div));
	if (n == 0 && (strcmp(res, "limits.cpu") == 0 || strcmp(res,
	    "limits.memory") == 0))
		buf_adds(b, "node allocatable");
	else
		buf_addf(b, "%lld", n);
}

static void
pod_env(struct buf *b, const json_t *pod, const json_t *ctr)
{
	const json_t *env = json_object_get(ctr, "env"), *e, *from, *r;
	size_t i;

	buf_addf(b, L2 "Environment:%s\n", json_array_size(env) ? "" :
	    "\t<none>");
	json_array_foreach(env, i, e) {
		const char *name = pod_s(e, "name");

		if ((from = json_object_get(e, "valueFrom")) == NULL) {
			const char *s = pod_s(e, "value"), *nl;
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
			    pod_field_value(pod, r), pod_s(r, "apiVersion"),
			    pod_s(r, "fieldPath"));
		else if ((r = json_object_get(from, "resourceFieldRef")) !=
		    NULL) {
			buf_addf(b, L3 "%s:\t", name);
			pod_resource_value(b, ctr, r);
			buf_addf(b, " (%s)\n", pod_s(r, "resource"));
		} else if ((r = json_object_get(from, "secretKeyRef")) != NULL)
			buf_addf(b, L3 "%s:\t<set to the key '%s' in secret "
			    "'%s'>\tOptional: %s\n", name, pod_s(r, "key"),
			    pod_s(r, "name"), pod_bool(r, "optional"));
		else if ((r = json_object_get(from, "configMapKeyRef")) != NULL)
			buf_addf(b, L3 "%s:\t<set to the key '%s' of config map "
			    "'%s'>\tOptional: %s\n", name, pod_s(r, "key"),
			    pod_s(r, "name"), pod_bool(r, "optional"));
	}
}

static void
pod_env_from(struct buf *b, const json_t *ctr)
{
	const json_t *list = json_object_get(ctr, "envFrom"), *e, *r;
	size_t i;

	if (json_array_size(list) == 0)
		return;
	buf_adds(b, L2 "Environment Variables from:\n");
	json_array_foreach(list, i, e) {
		const char *from = "", *name = "", *opt = "false";

		if ((r = json_object_get(e, "configMapRef")) != NULL)
			from = "ConfigMap";
		else if ((r = json_object_get(e, "secretRef")) != NULL)
			from = "Secret";
		if (r != NULL) {
			name = pod_s(r, "name");
			opt = pod_bool(r, "optional");
		}
		if (*pod_s(e, "prefix") == '\0')
			buf_addf(b, L3 "%s\t%s\tOptional: %s\n", name, from, opt);
		else
			buf_addf(b, L3 "%s\t%s with prefix '%s'\tOptional: %s\n",
			    name, from, pod_s(e, "prefix"), opt);
	}
}

static int
pod_by_mount_path(const void *a, const void *b)
{
	return strcmp(pod_s(*(json_t *const *)a, "mountPath"),
	    pod_s(*(json_t *const *)b, "mountPath"));
}

static int
pod_by_device_path(const void *a, const void *b)
{
	return strcmp(pod_s(*(json_t *const *)a, "devicePath"),
	    pod_s(*(json_t *const *)b, "devicePath"));
}

/* The array's items sorted stably by cmp (free() the result). */
static const json_t **
pod_sorted(const json_t *list, int (*cmp)(const void *, const void *))
{
	size_t n = json_array_size(list), i, j;
	const json_t **v = calloc(n + 1, sizeof *v);

	if (v == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		const json_t *x = json_array_get(list, i);

		for (j = i; j > 0 && cmp(&v[j - 1], &x) > 0; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	return v;
}

static void
pod_mounts(struct buf *b, const json_t *ctr)
{
	const json_t *mounts = json_object_get(ctr, "volumeMounts");
	const json_t *devs = json_object_get(ctr, "volumeDevices");
	const char *none = json_array_size(mounts) ? "" : "\t<none>";
	const json_t **v;
	size_t i;

	buf_addf(b, L2 "Mounts:%s\n", none);
	v = pod_sorted(mounts, pod_by_mount_path);
	for (i = 0; v != NULL && i < json_array_size(mounts); i++) {
		buf_addf(b, L3 "%s from %s (%s", pod_s(v[i], "mountPath"),
		    pod_s(v[i], "name"), json_is_true(json_object_get(v[i],
		    "readOnly")) ? "ro" : "rw");
		if (*pod_s(v[i], "subPath") != '\0') {
			buf_adds(b, ",path=");
			pod_quote(b, pod_s(v[i], "subPath"));
		}
		buf_adds(b, ")\n");
	}
	free(v);
	if (json_array_size(devs) == 0)
		return;
	buf_addf(b, L2 "Devices:%s\n", none);
	v = pod_sorted(devs, pod_by_device_path);
	for (i = 0; v != NULL && i < json_array_size(devs); i++)
		buf_addf(b, L3 "%s from %s\n", pod_s(v[i], "devicePath"),
		    pod_s(v[i], "name"));
	free(v);
}

static void
pod_containers(struct buf *b, const json_t *pod, const char *label,
    const json_t *ctrs, const json_t *statuses)
{
	const json_t *ctr, *st, *sc;
	size_t i, j;

	buf_addf(b, "%s:%s\n", label, json_array_size(ctrs) ? "" : " <none>");
	json_array_foreach(ctrs, i, ctr) {
		const json_t *status = NULL;

		json_array_foreach(statuses, j, st)
			if (strcmp(pod_s(st, "name"), pod_s(ctr, "name")) == 0)
				status = st;
		buf_addf(b, L1 "%s:\n", pod_s(ctr, "name"));
		if (status != NULL)
			buf_addf(b, L2 "Container ID:\t%s\n", pod_s(status,
			    "containerID"));
		buf_addf(b, L2 "Image:\t%s\n", pod_s(ctr, "image"));
		if (status != NULL)
			buf_addf(b, L2 "Image ID:\t%s\n", pod_s(status,
			    "imageID"));
		pod_ports(b, json_object_get(ctr, "ports"), "containerPort",
		    "Port", "Ports");
		pod_ports(b, json_object_get(ctr, "ports"), "hostPort",
		    "Host Port", "Host Ports");
		sc = json_object_get(json_object_get(ctr, "securityContext"),
		    "seccompProfile");
		if (sc != NULL) {
			buf_addf(b, L2 "SeccompProfile:\t%s\n", pod_s(sc, "type"));
			if (strcmp(pod_s(sc, "type"), "Localhost") == 0)
				buf_addf(b, L3 "LocalhostProfile:\t%s\n",
				    pod_s(sc, "localhostProfile"));
		}
		pod_lines(b, "Command", json_object_get(ctr, "command"));
		pod_lines(b, "Args", json_object_get(ctr, "args"));
		if (status != NULL) {
			const json_t *last = json_object_get(status,
			    "lastState");

			pod_state(b, "State", json_object_get(status, "state"));
			if (json_object_get(last, "terminated") != NULL)
				pod_state(b, "Last State", last);
			buf_addf(b, L2 "Ready:\t%s\n", json_is_true(
			    json_object_get(status, "ready")) ? "True" :
			    "False");
			buf_addf(b, L2 "Restart Count:\t%lld\n", pod_int(status,
			    "restartCount"));
		}
		pod_resources(b, json_object_get(ctr, "resources"), L2);
		pod_probe(b, "Liveness", json_object_get(ctr, "livenessProbe"));
		pod_probe(b, "Readiness", json_object_get(ctr,
		    "readinessProbe"));
		pod_probe(b, "Startup", json_object_get(ctr, "startupProbe"));
		pod_env_from(b, ctr);
		pod_env(b, pod, ctr);
		pod_mounts(b, ctr);
	}
}

/* "    Key:\tk=v" lines of a map through kubectl's nested prefix writer
 * (an ephemeral volume's claim template): each write indented again. */
static void
pod_nested_map(struct buf *b, const char *title, const json_t *map,
    int annotations)
{
	size_t n, i;
	const char **keys = print_keys(map, &n);

	buf_addf(b, "    %s:\t", title);
	for (i = 0; keys != NULL && i < n; i++)
		buf_addf(b, "%s    %s%s%s\n", i ? "    \t" : "", keys[i],
		    annotations ? ": " : "=", describe_str(map, keys[i]) ?: "");
	if (n == 0)
		buf_adds(b, "    <none>\n");
	free(keys);
}

static void
pod_ephemeral(struct buf *b, const json_t *eph)
{
	const json_t *t = json_object_get(eph, "volumeClaimTemplate");
	const json_t *spec = json_object_get(t, "spec"), *m =
	    json_object_get(t, "metadata"), *ds;
	const char *cls = describe_str(json_object_get(m, "annotations"),
	    "volume.beta.kubernetes.io/storage-class");

	buf_adds(b, L2 "Type:\tEphemeralVolume (an inline specification for a "
	    "volume that gets created and deleted with the pod)\n");
	if (t == NULL)
		return;
	if (cls == NULL)
		cls = pod_s(spec, "storageClassName");
	buf_addf(b, L2 "StorageClass:\t%s\n", cls);
	buf_addf(b, L2 "Volume:\t%s\n", pod_s(spec, "volumeName"));
	pod_nested_map(b, "Labels", json_object_get(m, "labels"), 0);
	pod_nested_map(b, "Annotations", json_object_get(m, "annotations"), 1);
	buf_adds(b, L2 "Capacity:\t");
	if (*pod_s(spec, "volumeName") != '\0')
		pod_quantity(b, json_object_get(json_object_get(
		    json_object_get(t, "status"), "capacity"), "storage"));
	buf_adds(b, "\n" L2 "Access Modes:\t\n");
	if (describe_str(spec, "volumeMode") != NULL)
		buf_addf(b, L2 "VolumeMode:\t%s\n", pod_s(spec, "volumeMode"));
	if ((ds = json_object_get(spec, "dataSource")) != NULL) {
		buf_adds(b, L2 "DataSource:\n");
		if (describe_str(ds, "apiGroup") != NULL)
			buf_addf(b, L3 "APIGroup:\t%s\n", pod_s(ds, "apiGroup"));
		buf_addf(b, L3 "Kind:\t%s\n" L3 "Name:\t%s\n", pod_s(ds, "kind"),
		    pod_s(ds, "name"));
	}
}

static void
pod_projected(struct buf *b, const json_t *proj)
{
	const json_t *src, *s;
	size_t i;

	buf_adds(b, L2 "Type:\tProjected (a volume that contains injected data "
	    "from multiple sources)\n");
	json_array_foreach(json_object_get(proj, "sources"), i, src) {
		if ((s = json_object_get(src, "secret")) != NULL)
			buf_addf(b, L2 "SecretName:\t%s\n" L2 "Optional:\t%s\n",
			    pod_s(s, "name"), pod_bool(s, "optional"));
		else if (json_object_get(src, "downwardAPI") != NULL)
			buf_adds(b, L2 "DownwardAPI:\ttrue\n");
		else if ((s = json_object_get(src, "configMap")) != NULL)
			buf_addf(b, L2 "ConfigMapName:\t%s\n" L2 "Optional:\t%s\n",
			    pod_s(s, "name"), pod_bool(s, "optional"));
		else if ((s = json_object_get(src, "serviceAccountToken")) !=
		    NULL)
			buf_addf(b, L2 "TokenExpirationSeconds:\t%lld\n",
			    pod_int(s, "expirationSeconds"));
	}
}

static void
pod_csi(struct buf *b, const json_t *csi)
{
	const json_t *attrs = json_object_get(csi, "volumeAttributes");
	size_t n, i;
	const char **keys = print_keys(attrs, &n);

	buf_addf(b, L2 "Type:\tCSI (a Container Storage Interface (CSI) volume "
	    "source)\n" L2 "Driver:\t%s\n" L2 "FSType:\t%s\n" L2 "ReadOnly:\t"
	    "%s\n", pod_s(csi, "driver"), pod_s(csi, "fsType"), pod_bool(csi,
	    "readOnly"));
	/* every write of kubectl's goes through LEVEL_2 here */
	buf_adds(b, L2 "VolumeAttributes:\t");
	for (i = 0; keys != NULL && i < n; i++) {
		struct buf line = BUF_INIT(1 << 20);

		buf_addf(&line, "%s=%s", keys[i], pod_s(attrs, keys[i]));
		if (i > 0)
			buf_adds(b, L2 L2 "\t");
		if (line.len > 140)
			buf_addf(b, L2 "%.140s...\n", buf_str(&line));
		else
			buf_addf(b, L2 "%s\n", buf_str(&line));
		buf_release(&line);
	}
	if (n == 0)
		buf_adds(b, "<none>\n");
	free(keys);
}

static void
pod_volumes(struct buf *b, const json_t *vols)
{
	const json_t *vol, *s, *it;
	size_t i, j;

	if (json_array_size(vols) == 0) {
		buf_adds(b, "Volumes:\t<none>\n");
		return;
	}
	buf_adds(b, "Volumes:\n");
	json_array_foreach(vols, i, vol) {
		buf_addf(b, L1 "%s:\n", pod_s(vol, "name"));
		if ((s = json_object_get(vol, "hostPath")) != NULL)
			buf_addf(b, L2 "Type:\tHostPath (bare host directory "
			    "volume)\n" L2 "Path:\t%s\n" L2 "HostPathType:\t%s\n",
			    pod_s(s, "path"), describe_str(s, "type") ?:
			    "<none>");
		else if ((s = json_object_get(vol, "emptyDir")) != NULL) {
			struct quantity q = { 0 };
			struct err err;

			err_clear(&err);
			buf_addf(b, L2 "Type:\tEmptyDir (a temporary directory "
			    "that shares a pod's lifetime)\n" L2 "Medium:\t%s\n"
			    L2 "SizeLimit:\t", pod_s(s, "medium"));
			if (describe_str(s, "sizeLimit") != NULL &&
			    quantity_parse(pod_s(s, "sizeLimit"), &q, &err) ==
			    0 && q.nano > 0)
				pod_quantity(b, json_object_get(s, "sizeLimit"));
			else
				buf_adds(b, "<unset>");
			buf_adds(b, "\n");
		} else if ((s = json_object_get(vol, "gitRepo")) != NULL)
			buf_addf(b, L2 "Type:\tGitRepo (a volume that is pulled "
			    "from git when the pod is created)\n" L2 "Repository:"
			    "\t%s\n" L2 "Revision:\t%s\n", pod_s(s, "repository"),
			    pod_s(s, "revision"));
		else if ((s = json_object_get(vol, "secret")) != NULL)
			buf_addf(b, L2 "Type:\tSecret (a volume populated by a "
			    "Secret)\n" L2 "SecretName:\t%s\n" L2 "Optional:\t%s\n",
			    pod_s(s, "secretName"), pod_bool(s, "optional"));
		else if ((s = json_object_get(vol, "configMap")) != NULL)
			buf_addf(b, L2 "Type:\tConfigMap (a volume populated by a "
			    "ConfigMap)\n" L2 "Name:\t%s\n" L2 "Optional:\t%s\n",
			    pod_s(s, "name"), pod_bool(s, "optional"));
		else if ((s = json_object_get(vol, "nfs")) != NULL)
			buf_addf(b, L2 "Type:\tNFS (an NFS mount that lasts the "
			    "lifetime of a pod)\n" L2 "Server:\t%s\n" L2 "Path:\t"
			    "%s\n" L2 "ReadOnly:\t%s\n", pod_s(s, "server"),
			    pod_s(s, "path"), pod_bool(s, "readOnly"));
		else if ((s = json_object_get(vol, "persistentVolumeClaim")) !=
		    NULL)
			buf_addf(b, L2 "Type:\tPersistentVolumeClaim (a reference "
			    "to a PersistentVolumeClaim in the same namespace)\n"
			    L2 "ClaimName:\t%s\n" L2 "ReadOnly:\t%s\n",
			    pod_s(s, "claimName"), pod_bool(s, "readOnly"));
		else if ((s = json_object_get(vol, "ephemeral")) != NULL)
			pod_ephemeral(b, s);
		else if ((s = json_object_get(vol, "downwardAPI")) != NULL) {
			buf_adds(b, L2 "Type:\tDownwardAPI (a volume populated by "
			    "information about the pod)\n" L2 "Items:\n");
			json_array_foreach(json_object_get(s, "items"), j, it) {
				const json_t *f;

				if ((f = json_object_get(it, "fieldRef")) != NULL)
					buf_addf(b, L3 "%s -> %s\n", pod_s(f,
					    "fieldPath"), pod_s(it, "path"));
				if ((f = json_object_get(it, "resourceFieldRef"))
				    != NULL)
					buf_addf(b, L3 "%s -> %s\n", pod_s(f,
					    "resource"), pod_s(it, "path"));
			}
		} else if ((s = json_object_get(vol, "projected")) != NULL)
			pod_projected(b, s);
		else if ((s = json_object_get(vol, "csi")) != NULL)
			pod_csi(b, s);
		else if ((s = json_object_get(vol, "image")) != NULL)
			buf_addf(b, L2 "Type:\tImage (a container image or OCI "
			    "artifact)\n" L2 "Reference:\t%s\n" L2 "PullPolicy:\t"
			    "%s\n", pod_s(s, "reference"), pod_s(s, "pullPolicy"));
		else
			buf_adds(b, L1 "<unknown>\n");
	}
}

/* The sum of the positive cpu and memory quantities of list into sum[2]
 * (the names found in *found, bit 0 cpu, bit 1 memory). */
static void
pod_qos_add(const json_t *list, struct quantity sum[2], int *have,
    int *found)
{
	static const char *const names[] = { "cpu", "memory" };
	struct quantity q;
	struct err err;

	err_clear(&err);
	for (int k = 0; k < 2; k++) {
		const char *v = describe_str(list, names[k]);

		if (v == NULL || quantity_parse(v, &q, &err) < 0 || q.nano <= 0)
			continue;
		*found |= 1 << k;
		if (*have & (1 << k))
			quantity_add(&sum[k], &q);
		else
			sum[k] = q;
		*have |= 1 << k;
	}
}

/* The pod's QoS class: its status's, else computed (ComputePodQOS). */
static const char *
pod_qos(const json_t *pod)
{
	static const char *const lists[] = { "containers", "initContainers" };
	const json_t *spec = json_object_get(pod, "spec"), *ctr;
	struct quantity req[2], lim[2];
	int hreq = 0, hlim = 0, guaranteed = 1;
	size_t i;

	if (*pod_s(json_object_get(pod, "status"), "qosClass") != '\0')
		return pod_s(json_object_get(pod, "status"), "qosClass");
	for (int l = 0; l < 2; l++)
		json_array_foreach(json_object_get(spec, lists[l]), i, ctr) {
			const json_t *r = json_object_get(ctr, "resources");
			int found = 0, unused = 0;

			pod_qos_add(json_object_get(r, "requests"), req, &hreq,
			    &unused);
			pod_qos_add(json_object_get(r, "limits"), lim, &hlim,
			    &found);
			if (found != 3)
				guaranteed = 0;
		}
	if (hreq == 0 && hlim == 0)
		return "BestEffort";
	for (int k = 0; guaranteed && k < 2; k++)
		if ((hreq & (1 << k)) && (!(hlim & (1 << k)) ||
		    quantity_cmp(&lim[k], &req[k]) != 0))
			guaranteed = 0;
	return guaranteed && hreq == hlim ? "Guaranteed" : "Burstable";
}

static int
pod_by_key(const void *a, const void *b)
{
	return strcmp(pod_s(*(json_t *const *)a, "key"),
	    pod_s(*(json_t *const *)b, "key"));
}

static void
pod_tolerations(struct buf *b, const json_t *list)
{
	const json_t **v = pod_sorted(list, pod_by_key);
	size_t i;

	buf_adds(b, "Tolerations:\t");
	if (json_array_size(list) == 0)
		buf_adds(b, "<none>\n");
	for (i = 0; v != NULL && i < json_array_size(list); i++) {
		const char *key = pod_s(v[i], "key"), *val = pod_s(v[i], "value"),
		    *eff = pod_s(v[i], "effect");

		if (i > 0)
			buf_adds(b, "\t");
		buf_adds(b, key);
		if (*val != '\0')
			buf_addf(b, "=%s", val);
		if (*eff != '\0')
			buf_addf(b, ":%s", eff);
		if (strcmp(pod_s(v[i], "operator"), "Exists") == 0 &&
		    *val == '\0')
			buf_adds(b, *key || *eff ? " op=Exists" : "op=Exists");
		if (json_is_integer(json_object_get(v[i], "tolerationSeconds")))
			buf_addf(b, " for %llds", pod_int(v[i],
			    "tolerationSeconds"));
		buf_adds(b, "\n");
	}
	free(v);
}

static int
pod_by_topology_key(const void *a, const void *b)
{
	return strcmp(pod_s(*(json_t *const *)a, "topologyKey"),
	    pod_s(*(json_t *const *)b, "topologyKey"));
}

static void
pod_spread(struct buf *b, const json_t *list)
{
	const json_t **v = pod_sorted(list, pod_by_topology_key);
	size_t i;

	if (json_array_size(list) == 0) {
		free(v);
		return;
	}
	buf_adds(b, "Topology Spread Constraints:\t");
	for (i = 0; v != NULL && i < json_array_size(list); i++) {
		const json_t *sel = json_object_get(v[i], "labelSelector");

		if (i > 0)
			buf_adds(b, "\t");
		buf_addf(b, "%s:%s when max skew %lld is exceeded",
		    pod_s(v[i], "topologyKey"), pod_s(v[i],
		    "whenUnsatisfiable"), pod_int(v[i], "maxSkew"));
		if (sel != NULL && !json_is_null(sel)) {
			struct selector *s = NULL;
			struct buf str = BUF_INIT(1 << 16);

			if (selector_from_json(sel, &s, NULL) < 0)
				buf_adds(&str, "<error>");
			else
				selector_string(s, &str);
			buf_addf(b, " for selector %s", str.len ?
			    buf_str(&str) : "<none>");
			selector_free(s);
			buf_release(&str);
		}
		buf_adds(b, "\n");
	}
	free(v);
}

void
describe_pod(struct cli *c, const json_t *pod, struct buf *b)
{
	const json_t *m = json_object_get(pod, "metadata"), *spec =
	    json_object_get(pod, "spec"), *st = json_object_get(pod, "status");
	const json_t *v, *sc, *ctrl;
	const char *phase = pod_s(st, "phase");
	size_t i;

	buf_addf(b, "Name:\t%s\nNamespace:\t%s\n", pod_s(m, "name"),
	    pod_s(m, "namespace"));
	if (json_is_integer(json_object_get(spec, "priority")))
		buf_addf(b, "Priority:\t%lld\n", pod_int(spec, "priority"));
	if (*pod_s(spec, "priorityClassName") != '\0')
		buf_addf(b, "Priority Class Name:\t%s\n", pod_s(spec,
		    "priorityClassName"));
	if (*pod_s(spec, "runtimeClassName") != '\0')
		buf_addf(b, "Runtime Class Name:\t%s\n", pod_s(spec,
		    "runtimeClassName"));
	if (*pod_s(spec, "serviceAccountName") != '\0')
		buf_addf(b, "Service Account:\t%s\n", pod_s(spec,
		    "serviceAccountName"));
	if (*pod_s(spec, "nodeName") == '\0')
		buf_adds(b, "Node:\t<none>\n");
	else
		buf_addf(b, "Node:\t%s/%s\n", pod_s(spec, "nodeName"),
		    pod_s(st, "hostIP"));
	if (describe_str(st, "startTime") != NULL) {
		buf_adds(b, "Start Time:\t");
		describe_time(b, describe_str(st, "startTime"));
		buf_adds(b, "\n");
	}
	describe_labels(b, "Labels:", json_object_get(m, "labels"));
	describe_annotations(b, json_object_get(m, "annotations"));
	if (describe_str(m, "deletionTimestamp") != NULL &&
	    strcmp(phase, "Failed") != 0 && strcmp(phase, "Succeeded") != 0) {
		buf_adds(b, "Status:\tTerminating (lasts ");
		describe_age(b, describe_str(m, "deletionTimestamp"));
		buf_addf(b, ")\nTermination Grace Period:\t%llds\n",
		    pod_int(m, "deletionGracePeriodSeconds"));
	} else
		buf_addf(b, "Status:\t%s\n", phase);
	if (*pod_s(st, "reason") != '\0')
		buf_addf(b, "Reason:\t%s\n", pod_s(st, "reason"));
	if (*pod_s(st, "message") != '\0')
		buf_addf(b, "Message:\t%s\n", pod_s(st, "message"));
	sc = json_object_get(json_object_get(spec, "securityContext"),
	    "seccompProfile");
	if (sc != NULL) {
		buf_addf(b, "SeccompProfile:\t%s\n", pod_s(sc, "type"));
		if (strcmp(pod_s(sc, "type"), "Localhost") == 0)
			buf_addf(b, "LocalhostProfile:\t%s\n", pod_s(sc,
			    "localhostProfile"));
	}
	buf_addf(b, "IP:\t%s\n", pod_s(st, "podIP"));
	if (json_array_size(json_object_get(st, "podIPs")) == 0)
		buf_adds(b, "IPs:\t<none>\n");
	else {
		buf_adds(b, "IPs:\n");
		json_array_foreach(json_object_get(st, "podIPs"), i, v)
			buf_addf(b, L1 "IP:\t%s\n", pod_s(v, "ip"));
	}
	if ((ctrl = describe_controller(pod)) != NULL)
		buf_addf(b, "Controlled By:\t%s/%s\n", pod_s(ctrl, "kind"),
		    pod_s(ctrl, "name"));
	if (*pod_s(st, "nominatedNodeName") != '\0')
		buf_addf(b, "NominatedNodeName:\t%s\n", pod_s(st,
		    "nominatedNodeName"));
	if ((v = json_object_get(spec, "resources")) != NULL) {
		buf_adds(b, "Resources:\n");
		pod_resources(b, v, L1);
	}
	if (json_array_size(json_object_get(spec, "initContainers")) > 0)
		pod_containers(b, pod, "Init Containers", json_object_get(spec,
		    "initContainers"), json_object_get(st,
		    "initContainerStatuses"));
	pod_containers(b, pod, "Containers", json_object_get(spec,
	    "containers"), json_object_get(st, "containerStatuses"));
	if (json_array_size(json_object_get(spec, "ephemeralContainers")) > 0)
		pod_containers(b, pod, "Ephemeral Containers",
		    json_object_get(spec, "ephemeralContainers"),
		    json_object_get(st, "ephemeralContainerStatuses"));
	if (json_array_size(json_object_get(spec, "readinessGates")) > 0) {
		buf_adds(b, "Readiness Gates:\n  Type\tStatus\n");
		json_array_foreach(json_object_get(spec, "readinessGates"), i,
		    v) {
			const char *type = pod_s(v, "conditionType"), *status =
			    "<none>";
			const json_t *cond;
			size_t j;

			json_array_foreach(json_object_get(st, "conditions"), j,
			    cond)
				if (strcmp(pod_s(cond, "type"), type) == 0) {
					status = pod_s(cond, "status");
					break;
				}
			buf_addf(b, L1 "%s \t%s \n", type, status);
		}
	}
	if (json_array_size(json_object_get(st, "conditions")) > 0) {
		buf_adds(b, "Conditions:\n  Type\tStatus\n");
		json_array_foreach(json_object_get(st, "conditions"), i, v)
			buf_addf(b, L1 "%s \t%s \n", pod_s(v, "type"), pod_s(v,
			    "status"));
	}
	pod_volumes(b, json_object_get(spec, "volumes"));
	buf_addf(b, "QoS Class:\t%s\n", pod_qos(pod));
	describe_labels(b, "Node-Selectors:", json_object_get(spec,
	    "nodeSelector"));
	pod_tolerations(b, json_object_get(spec, "tolerations"));
	pod_spread(b, json_object_get(spec, "topologySpreadConstraints"));
	/* a mirror pod's events are its static pod's */
	describe_events_of(c, pod, NULL, describe_str(json_object_get(m,
	    "annotations"), "kubernetes.io/config.mirror"), NULL, b);
}
