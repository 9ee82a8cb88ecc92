/* template.c - the pod template of kubectl describe (DescribePodTemplate):
 * labels and annotations, containers (image, ports, command, resources,
 * probes, environment, mounts), volumes of every source, topology spread
 * constraints, node selectors and tolerations, in kubectl's layout and
 * order; shared by the workload describers (Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job, CronJob). */
#include <stdlib.h>
#include <string.h>

#include "../../lib/quantity.h"
#include "../../lib/selector.h"
#include "describe.h"

#define ANNOTATION_MAX	140

static long long
ival(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

static const char *
sval(const json_t *o, const char *k)
{
	return describe_str(o, k) ?: "";
}

/* Go's %v of a bool field */
static const char *
bval(const json_t *o, const char *k)
{
	return json_is_true(json_object_get(o, k)) ? "true" : "false";
}

/* Go's %v of a []string: "[a b]" */
static void
strlist(struct buf *b, const json_t *list, const char *sep)
{
	const json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		buf_addf(b, "%s%s", i ? sep : "", json_string_value(v) ?: "");
}

static void
golist(struct buf *b, const json_t *list)
{
	buf_adds(b, "[");
	strlist(b, list, " ");
	buf_adds(b, "]");
}

/* Go's %v of a *LocalObjectReference (its generated String()) */
static void
goref(struct buf *b, const json_t *ref)
{
	if (!json_is_object(ref))
		buf_adds(b, "nil");
	else
		buf_addf(b, "&LocalObjectReference{Name:%s,}", sval(ref, "name"));
}

/* An IntOrString as its String(): "80", "http", "25%" */
void
template_intstr(struct buf *b, const json_t *v)
{
	if (json_is_string(v))
		buf_adds(b, json_string_value(v));
	else if (json_is_integer(v))
		buf_addf(b, "%lld", (long long)json_integer_value(v));
	else
		buf_adds(b, "<nil>");
}

/* A quantity as Go's Quantity.String() prints it. */
void
template_quantity(struct buf *b, const json_t *v)
{
	char out[128];
	struct err err;

	err_clear(&err);
	if (json_is_integer(v))
		buf_addf(b, "%lld", (long long)json_integer_value(v));
	else if (json_is_string(v) && quantity_canonical(json_string_value(v),
	    out, sizeof out, &err) >= 0)
		buf_adds(b, out);
	else
		buf_adds(b, json_string_value(v) ?: "0");
}

/* The keys of a JSON object sorted (bytewise), free() the result. */
static const char **
sorted_keys(const json_t *o, size_t *n)
{
	const char **keys = print_keys(o, n);

	if (keys == NULL)
		*n = 0;
	return keys;
}

/*
 * kubectl's printLabelsMultilineWithIndent under a writer nested by
 * prefix, which starts every write: "<prefix><indent><title>:\t<prefix>
 * k=v", then "<prefix><indent><prefix>\t<prefix>k2=v2" for the others,
 * "<prefix><none>" when empty.
 */
void
template_labels(struct buf *b, const char *prefix, const char *indent,
    const char *title, const json_t *map)
{
	size_t n, i;
	const char **keys = sorted_keys(map, &n);

	buf_addf(b, "%s%s%s:\t", prefix, indent, title);
	if (n == 0)
		buf_addf(b, "%s<none>\n", prefix);
	for (i = 0; i < n; i++) {
		if (i != 0)
			buf_addf(b, "%s%s%s\t", prefix, indent, prefix);
		buf_addf(b, "%s%s=%s\n", prefix, keys[i], sval(map, keys[i]));
	}
	free(keys);
}

/* kubectl's printAnnotationsMultiline (under a writer nested by prefix):
 * the last-applied configuration left out, long or multi-line values on
 * lines of their own, cut at 140 characters. */
void
template_annotations(struct buf *b, const char *prefix, const char *title,
    const json_t *map)
{
	size_t n, i, shown = 0;
	const char **keys = sorted_keys(map, &n);

	buf_addf(b, "%s%s:\t", prefix, title);
	for (i = 0; i < n; i++) {
		const char *v = sval(map, keys[i]), *p, *nl;
		size_t len = strlen(v);

		if (strcmp(keys[i], "kubectl.kubernetes.io/last-applied-"
		    "configuration") == 0)
			continue;
		if (shown++)
			buf_addf(b, "%s\t", prefix);
		if (len > 0 && v[len - 1] == '\n')
			len--;
		if (len + strlen(keys[i]) + 2 <= ANNOTATION_MAX &&
		    memchr(v, '\n', len) == NULL) {
			buf_addf(b, "%s%s: %.*s\n", prefix, keys[i], (int)len, v);
			continue;
		}
		buf_addf(b, "%s%s:\n", prefix, keys[i]);
		for (p = v;; p = nl + 1) {
			size_t l;

			nl = memchr(p, '\n', len - (size_t)(p - v));
			l = nl ? (size_t)(nl - p) : len - (size_t)(p - v);
			buf_addf(b, "%s\t  %.*s%s\n", prefix,
			    (int)(l > ANNOTATION_MAX - 2 ? ANNOTATION_MAX - 2 :
			    l), p, l > ANNOTATION_MAX - 2 ? "..." : "");
			if (nl == NULL)
				break;
		}
	}
	if (shown == 0)
		buf_addf(b, "%s<none>\n", prefix);
	free(keys);
}

/* The elements of a JSON array ordered by the string at key (a stable
 * insertion sort, as Go's sort does for the few elements at hand). */
static const json_t **
sorted_by(const json_t *list, const char *key, size_t *n)
{
	const json_t **v;
	size_t i, j;

	*n = json_array_size(list);
	if ((v = calloc(*n + 1, sizeof *v)) == NULL) {
		*n = 0;
		return NULL;
	}
	for (i = 0; i < *n; i++) {
		const json_t *e = json_array_get(list, i);

		for (j = i; j > 0 && strcmp(sval(v[j - 1], key),
		    sval(e, key)) > 0; j--)
			v[j] = v[j - 1];
		v[j] = e;
	}
	return v;
}

/* kubectl's printTolerationsMultilineWithIndent */
void
template_tolerations(struct buf *b, const char *title, const json_t *list)
{
	size_t n, i;
	const json_t **t = sorted_by(list, "key", &n);

	buf_addf(b, "%s:\t", title);
	if (n == 0)
		buf_adds(b, "<none>\n");
	for (i = 0; i < n; i++) {
		const char *key = sval(t[i], "key"), *val = sval(t[i], "value"),
		    *eff = sval(t[i], "effect");

		if (i != 0)
			buf_adds(b, "\t");
		buf_adds(b, key);
		if (*val)
			buf_addf(b, "=%s", val);
		if (*eff)
			buf_addf(b, ":%s", eff);
		if (strcmp(sval(t[i], "operator"), "Exists") == 0 && !*val)
			buf_adds(b, *key || *eff ? " op=Exists" : "op=Exists");
		if (json_is_integer(json_object_get(t[i], "tolerationSeconds")))
			buf_addf(b, " for %llds", ival(t[i],
			    "tolerationSeconds"));
		buf_adds(b, "\n");
	}
	free(t);
}

/* The escaped path of Go's url.URL.String() */
static void
url_path(struct buf *b, const char *p)
{
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-_.~$&+,/:;=@", c))
			buf_addc(b, (char)c);
		else
			buf_addf(b, "%%%02X", c);
	}
}

/* kubectl's DescribeProbe */
void
template_probe(struct buf *b, const json_t *probe)
{
	const json_t *h = json_object_get(probe, "httpGet"),
	    *x = json_object_get(probe, "exec"),
	    *t = json_object_get(probe, "tcpSocket"),
	    *g = json_object_get(probe, "grpc");

	if (json_is_object(x)) {
		buf_adds(b, "exec ");
		golist(b, json_object_get(x, "command"));
	} else if (json_is_object(h)) {
		struct buf port = BUF_INIT(256);
		const char *scheme = sval(h, "scheme"), *host = sval(h, "host"),
		    *path = sval(h, "path");

		template_intstr(&port, json_object_get(h, "port"));
		if (json_object_get(h, "port") == NULL)
			buf_reset(&port);
		buf_adds(b, "http-get ");
		if (*scheme) {
			for (; *scheme; scheme++)
				buf_addc(b, (char)(*scheme >= 'A' && *scheme <=
				    'Z' ? *scheme - 'A' + 'a' : *scheme));
			buf_adds(b, ":");
		}
		if (*scheme || *host || port.len || *path)
			buf_adds(b, "//");
		if (port.len > 0)
			buf_addf(b, strchr(host, ':') ? "[%s]:%s" : "%s:%s",
			    host, buf_str(&port));
		else
			buf_adds(b, host);
		if (*path && *path != '/' && (*host || port.len))
			buf_adds(b, "/");
		url_path(b, path);
		buf_release(&port);
	} else if (json_is_object(t)) {
		buf_addf(b, "tcp-socket %s:", sval(t, "host"));
		template_intstr(b, json_object_get(t, "port"));
	} else if (json_is_object(g)) {
		buf_addf(b, "grpc <pod>:%lld %s", ival(g, "port"),
		    sval(g, "service"));
	} else
		buf_adds(b, "unknown");
	buf_addf(b, " delay=%llds timeout=%llds period=%llds #success=%lld "
	    "#failure=%lld", ival(probe, "initialDelaySeconds"),
	    ival(probe, "timeoutSeconds"), ival(probe, "periodSeconds"),
	    ival(probe, "successThreshold"), ival(probe, "failureThreshold"));
}

/* kubectl's describeResources: Limits then Requests, names sorted */
static void
resources(struct buf *b, const json_t *res, const char *ind)
{
	static const char *const which[] = { "limits", "requests" };
	static const char *const title[] = { "Limits", "Requests" };

	for (size_t w = 0; w < 2; w++) {
		const json_t *m = json_object_get(res, which[w]);
		size_t n, i;
		const char **keys = sorted_keys(m, &n);

		if (n > 0)
			buf_addf(b, "%s%s:\n", ind, title[w]);
		for (i = 0; i < n; i++) {
			buf_addf(b, "%s  %s:\t", ind, keys[i]);
			template_quantity(b, json_object_get(m, keys[i]));
			buf_adds(b, "\n");
		}
		free(keys);
	}
}

/* quantity q / divisor d rounded up; milli: in thousandths (CPU) */
static long long
quantity_ceil_div(const json_t *q, const json_t *d, int milli)
{
	struct quantity qq = { 0 }, dq = { 0 };
	struct err err;
	int64_t a, c;

	err_clear(&err);
	if (json_is_string(q))
		quantity_parse(json_string_value(q), &qq, &err);
	err_clear(&err);
	if (!json_is_string(d) || quantity_parse(json_string_value(d), &dq,
	    &err) < 0 || dq.nano == 0)
		quantity_from_value(&dq, 1, QUANTITY_DECIMAL_SI);
	a = milli ? quantity_milli(&qq) : quantity_value(&qq);
	c = milli ? quantity_milli(&dq) : quantity_value(&dq);
	if (c == 0)
		return 0;
	return (long long)((a + c - 1) / c);
}

/* kubectl's ExtractContainerResourceValue for a resourceFieldRef */
static int
resource_value(struct buf *b, const json_t *c, const json_t *ref)
{
	const char *res = sval(ref, "resource"), *dot = strchr(res, '.');
	const json_t *div = json_object_get(ref, "divisor"), *m;
	char which[16];
	long long v;

	if (dot == NULL || (size_t)(dot - res) >= sizeof which)
		return -1;
	memcpy(which, res, (size_t)(dot - res));
	which[dot - res] = '\0';
	if (strcmp(which, "limits") != 0 && strcmp(which, "requests") != 0)
		return -1;
	m = json_object_get(json_object_get(c, "resources"), which);
	if (strcmp(dot + 1, "cpu") == 0)
		v = quantity_ceil_div(json_object_get(m, "cpu"), div, 1);
	else if (strcmp(dot + 1, "memory") == 0 ||
	    strcmp(dot + 1, "ephemeral-storage") == 0 ||
	    strncmp(dot + 1, "hugepages-", 10) == 0)
		v = quantity_ceil_div(json_object_get(m, dot + 1), div, 0);
	else
		return -1;
	buf_addf(b, "%lld", v);
	return 0;
}

static void
env_vars(struct buf *b, const json_t *c)
{
	const json_t *env = json_object_get(c, "env"), *e;
	size_t i;

	buf_addf(b, "    Environment:%s\n", json_array_size(env) ? "" :
	    "\t<none>");
	json_array_foreach(env, i, e) {
		const json_t *from = json_object_get(e, "valueFrom"), *r;
		const char *name = sval(e, "name");

		if (from == NULL) {
			const char *v = sval(e, "value"), *nl;
			int first = 1;

			for (;; v = nl + 1, first = 0) {
				nl = strchr(v, '\n');
				buf_addf(b, "      %s%s\t%.*s\n", first ? name :
				    "", first ? ":" : "", (int)(nl ? nl - v :
				    (long)strlen(v)), v);
				if (nl == NULL)
					break;
			}
			continue;
		}
		if ((r = json_object_get(from, "fieldRef")) != NULL)
			buf_addf(b, "      %s:\t (%s:%s)\n", name,
			    sval(r, "apiVersion"), sval(r, "fieldPath"));
		else if ((r = json_object_get(from, "resourceFieldRef")) !=
		    NULL) {
			struct buf v = BUF_INIT(128);
			const char *res = sval(r, "resource");

			if (resource_value(&v, c, r) < 0)
				buf_reset(&v);
			if (strcmp(buf_str(&v), "0") == 0 &&
			    (strcmp(res, "limits.cpu") == 0 ||
			    strcmp(res, "limits.memory") == 0)) {
				buf_reset(&v);
				buf_adds(&v, "node allocatable");
			}
			buf_addf(b, "      %s:\t%s (%s)\n", name, buf_str(&v),
			    res);
			buf_release(&v);
		} else if ((r = json_object_get(from, "secretKeyRef")) != NULL)
			buf_addf(b, "      %s:\t<set to the key '%s' in secret "
			    "'%s'>\tOptional: %s\n", name, sval(r, "key"),
			    sval(r, "name"), bval(r, "optional"));
		else if ((r = json_object_get(from, "configMapKeyRef")) !=
		    NULL)
			buf_addf(b, "      %s:\t<set to the key '%s' of config "
			    "map '%s'>\tOptional: %s\n", name, sval(r, "key"),
			    sval(r, "name"), bval(r, "optional"));
	}
}

static void
env_from(struct buf *b, const json_t *c)
{
	const json_t *e;
	size_t i;

	buf_adds(b, "    Environment Variables from:\n");
	json_array_foreach(json_object_get(c, "envFrom"), i, e) {
		const json_t *cm = json_object_get(e, "configMapRef"),
		    *sec = json_object_get(e, "secretRef"), *r = NULL;
		const char *from = "", *prefix = sval(e, "prefix");

		if (cm != NULL)
			r = cm, from = "ConfigMap";
		else if (sec != NULL)
			r = sec, from = "Secret";
		if (*prefix)
			buf_addf(b, "      %s\t%s with prefix '%s'\tOptional: "
			    "%s\n", sval(r, "name"), from, prefix,
			    bval(r, "optional"));
		else
			buf_addf(b, "      %s\t%s\tOptional: %s\n",
			    sval(r, "name"), from, bval(r, "optional"));
	}
}

static void
ports(struct buf *b, const json_t *list, const char *field)
{
	const json_t *p;
	size_t i;

	json_array_foreach(list, i, p)
		buf_addf(b, "%s%lld/%s", i ? ", " : "", ival(p, field),
		    sval(p, "protocol"));
}

static void
mounts(struct buf *b, const json_t *c)
{
	const json_t *vm = json_object_get(c, "volumeMounts"),
	    *vd = json_object_get(c, "volumeDevices");
	const char *none = json_array_size(vm) ? "" : "\t<none>";
	size_t n, i;
	const json_t **m = sorted_by(vm, "mountPath", &n);

	buf_addf(b, "    Mounts:%s\n", none);
	for (i = 0; i < n; i++) {
		const char *sub = sval(m[i], "subPath");

		buf_addf(b, "      %s from %s (%s", sval(m[i], "mountPath"),
		    sval(m[i], "name"), json_is_true(json_object_get(m[i],
		    "readOnly")) ? "ro" : "rw");
		if (*sub) {
			buf_adds(b, ",path=\"");
			for (; *sub; sub++)
				buf_addf(b, *sub == '"' || *sub == '\\' ?
				    "\\%c" : "%c", *sub);
			buf_adds(b, "\"");
		}
		buf_adds(b, ")\n");
	}
	free(m);
	if (json_array_size(vd) == 0)
		return;
	m = sorted_by(vd, "devicePath", &n);
	buf_addf(b, "    Devices:%s\n", none);
	for (i = 0; i < n; i++)
		buf_addf(b, "      %s from %s\n", sval(m[i], "devicePath"),
		    sval(m[i], "name"));
	free(m);
}

static void
lines(struct buf *b, const char *title, const json_t *list)
{
	const json_t *v;
	size_t i;

	if (json_array_size(list) == 0)
		return;
	buf_addf(b, "    %s:\n", title);
	json_array_foreach(list, i, v) {
		const char *s = json_string_value(v) ?: "", *nl;

		for (;; s = nl + 1) {
			nl = strchr(s, '\n');
			buf_addf(b, "      %.*s\n", (int)(nl ? nl - s :
			    (long)strlen(s)), s);
			if (nl == NULL)
				break;
		}
	}
}

/* kubectl's describeContainers for a template (no statuses): label is
 * "Containers" or "Init Containers", space the section's indent. */
void
template_containers(struct buf *b, const char *label,
    const json_t *containers, const char *space)
{
	const char *ni = *space ? " " : "";
	const json_t *c;
	size_t i;

	buf_addf(b, "%s%s:%s\n", space, label, json_array_size(containers) ?
	    "" : " <none>");
	json_array_foreach(containers, i, c) {
		const json_t *p = json_object_get(c, "ports"),
		    *sc = json_object_get(json_object_get(c,
		    "securityContext"), "seccompProfile");
		struct buf s = BUF_INIT(4096);

		buf_addf(b, "  %s%s:\n", ni, sval(c, "name"));
		buf_addf(b, "    Image:\t%s\n", sval(c, "image"));
		ports(&s, p, "containerPort");
		buf_addf(b, strchr(buf_str(&s), ',') ? "    Ports:\t%s\n" :
		    "    Port:\t%s\n", s.len ? buf_str(&s) : "<none>");
		buf_reset(&s);
		ports(&s, p, "hostPort");
		buf_addf(b, strchr(buf_str(&s), ',') ? "    Host Ports:\t%s\n" :
		    "    Host Port:\t%s\n", s.len ? buf_str(&s) : "<none>");
		buf_release(&s);
		if (json_is_object(sc)) {
			buf_addf(b, "    SeccompProfile:\t%s\n", sval(sc, "type"));
			if (strcmp(sval(sc, "type"), "Localhost") == 0)
				buf_addf(b, "      LocalhostProfile:\t%s\n",
				    sval(sc, "localhostProfile"));
		}
		lines(b, "Command", json_object_get(c, "command"));
		lines(b, "Args", json_object_get(c, "args"));
		resources(b, json_object_get(c, "resources"), "    ");
		if (json_is_object(json_object_get(c, "livenessProbe"))) {
			buf_adds(b, "    Liveness:\t");
			template_probe(b, json_object_get(c, "livenessProbe"));
			buf_adds(b, "\n");
		}
		if (json_is_object(json_object_get(c, "readinessProbe"))) {
			buf_adds(b, "    Readiness:\t");
			template_probe(b, json_object_get(c, "readinessProbe"));
			buf_adds(b, "\n");
		}
		if (json_is_object(json_object_get(c, "startupProbe"))) {
			buf_adds(b, "    Startup:\t");
			template_probe(b, json_object_get(c, "startupProbe"));
			buf_adds(b, "\n");
		}
		if (json_array_size(json_object_get(c, "envFrom")) > 0)
			env_from(b, c);
		env_vars(b, c);
		mounts(b, c);
	}
}

/* Go's %v of a map[string]string: "map[a:b c:d]" */
static void
gomap(struct buf *b, const json_t *m)
{
	size_t n, i;
	const char **keys = sorted_keys(m, &n);

	buf_adds(b, "map[");
	for (i = 0; i < n; i++)
		buf_addf(b, "%s%s:%s", i ? " " : "", keys[i], sval(m, keys[i]));
	buf_adds(b, "]");
	free(keys);
}

/* a volume source's "    Key:\tvalue" lines: fmt has one letter per
 * field after its name: s string, b bool, i integer, l []string,
 * r *LocalObjectReference, m map, q quantity */
struct vfield {
	const char	*title;
	const char	*key;
	char		 kind;
};

static void
vfields(struct buf *b, const json_t *src, const char *type,
    const struct vfield *f)
{
	buf_addf(b, "    Type:\t%s\n", type);
	for (; f->title != NULL; f++) {
		const json_t *v = json_object_get(src, f->key);

		buf_addf(b, "    %s\t", f->title);
		switch (f->kind) {
		case 's':
			buf_adds(b, json_string_value(v) ?: "");
			break;
		case 'b':
			buf_adds(b, json_is_true(v) ? "true" : "false");
			break;
		case 'i':
			buf_addf(b, "%lld", (long long)json_integer_value(v));
			break;
		case 'l':
			golist(b, v);
			break;
		case 'r':
			goref(b, v);
			break;
		case 'm':
			gomap(b, v);
			break;
		}
		buf_adds(b, "\n");
	}
}

/* printPersistentVolumeClaim for an ephemeral volume's claim template
 * (under a writer nested two levels, "    ") */
static void
ephemeral(struct buf *b, const json_t *tmpl)
{
	const json_t *spec = json_object_get(tmpl, "spec"),
	    *meta = json_object_get(tmpl, "metadata"),
	    *ds = json_object_get(spec, "dataSource");
	const char *cls = describe_str(json_object_get(meta, "annotations"),
	    "volume.beta.kubernetes.io/storage-class");

	buf_addf(b, "    StorageClass:\t%s\n", cls ?: sval(spec,
	    "storageClassName"));
	buf_addf(b, "    Volume:\t%s\n", sval(spec, "volumeName"));
	template_labels(b, "    ", "", "Labels", json_object_get(meta,
	    "labels"));
	template_annotations(b, "    ", "Annotations",
	    json_object_get(meta, "annotations"));
	/* a template has no status: no capacity nor access modes */
	buf_adds(b, "    Capacity:\t\n    Access Modes:\t\n");
	if (describe_str(spec, "volumeMode") != NULL)
		buf_addf(b, "    VolumeMode:\t%s\n", sval(spec, "volumeMode"));
	if (json_is_object(ds)) {
		buf_adds(b, "    DataSource:\n");
		if (describe_str(ds, "apiGroup") != NULL)
			buf_addf(b, "      APIGroup:\t%s\n", sval(ds,
			    "apiGroup"));
		buf_addf(b, "      Kind:\t%s\n      Name:\t%s\n", sval(ds,
		    "kind"), sval(ds, "name"));
	}
}

static void
projected(struct buf *b, const json_t *p)
{
	const json_t *s;
	size_t i;

	buf_adds(b, "    Type:\tProjected (a volume that contains injected "
	    "data from multiple sources)\n");
	json_array_foreach(json_object_get(p, "sources"), i, s) {
		const json_t *r;

		if ((r = json_object_get(s, "secret")) != NULL)
			buf_addf(b, "    SecretName:\t%s\n    Optional:\t%s\n",
			    sval(r, "name"), bval(r, "optional"));
		else if (json_object_get(s, "downwardAPI") != NULL)
			buf_adds(b, "    DownwardAPI:\ttrue\n");
		else if ((r = json_object_get(s, "configMap")) != NULL)
			buf_addf(b, "    ConfigMapName:\t%s\n    Optional:\t"
			    "%s\n", sval(r, "name"), bval(r, "optional"));
		else if ((r = json_object_get(s, "serviceAccountToken")) !=
		    NULL)
			buf_addf(b, "    TokenExpirationSeconds:\t%lld\n",
			    ival(r, "expirationSeconds"));
	}
}

static void
csi(struct buf *b, const json_t *v)
{
	const json_t *attrs = json_object_get(v, "volumeAttributes");
	size_t n, i;
	const char **keys = sorted_keys(attrs, &n);

	buf_addf(b, "    Type:\tCSI (a Container Storage Interface (CSI) "
	    "volume source)\n    Driver:\t%s\n    FSType:\t%s\n    ReadOnly:"
	    "\t%s\n", sval(v, "driver"), sval(v, "fsType"), bval(v,
	    "readOnly"));
	buf_adds(b, "    VolumeAttributes:\t");
	if (n == 0)
		buf_adds(b, "<none>\n");
	for (i = 0; i < n; i++) {
		struct buf line = BUF_INIT(1 << 16);

		/* each write of a LEVEL_2 writer starts with its indent */
		if (i != 0)
			buf_adds(b, "        \t");
		buf_addf(&line, "%s=%s", keys[i], sval(attrs, keys[i]));
		if (line.len > ANNOTATION_MAX)
			buf_addf(b, "    %.*s...\n", ANNOTATION_MAX,
			    buf_str(&line));
		else
			buf_addf(b, "    %s\n", buf_str(&line));
		buf_release(&line);
	}
	free(keys);
}

static const struct vfield f_gce[] = { { "PDName:", "pdName", 's' },
	{ "FSType:", "fsType", 's' }, { "Partition:", "partition", 'i' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct vfield f_aws[] = { { "VolumeID:", "volumeID", 's' },
	{ "FSType:", "fsType", 's' }, { "Partition:", "partition", 'i' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct vfield f_git[] = {
	{ "Repository:", "repository", 's' }, { "Revision:", "revision", 's' },
	{ NULL, NULL, 0 } };
static const struct vfield f_nfs[] = { { "Server:", "server", 's' },
	{ "Path:", "path", 's' }, { "ReadOnly:", "readOnly", 'b' },
	{ NULL, NULL, 0 } };
static const struct vfield f_iscsi[] = {
	{ "TargetPortal:", "targetPortal", 's' }, { "IQN:", "iqn", 's' },
	{ "Lun:", "lun", 'i' }, { "ISCSIInterface", "iscsiInterface", 's' },
	{ "FSType:", "fsType", 's' }, { "ReadOnly:", "readOnly", 'b' },
	{ "Portals:", "portals", 'l' },
	{ "DiscoveryCHAPAuth:", "chapAuthDiscovery", 'b' },
	{ "SessionCHAPAuth:", "chapAuthSession", 'b' },
	{ "SecretRef:", "secretRef", 'r' }, { NULL, NULL, 0 } };
static const struct vfield f_gluster[] = {
	{ "EndpointsName:", "endpoints", 's' }, { "Path:", "path", 's' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct vfield f_pvc[] = { { "ClaimName:", "claimName", 's' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct vfield f_rbd[] = { { "CephMonitors:", "monitors", 'l' },
	{ "RBDImage:", "image", 's' }, { "FSType:", "fsType", 's' },
	{ "RBDPool:", "pool", 's' }, { "RadosUser:", "user", 's' },
	{ "Keyring:", "keyring", 's' }, { "SecretRef:", "secretRef", 'r' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct vfield f_quobyte[] = {
	{ "Registry:", "registry", 's' }, { "Volume:", "volume", 's' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct vfield f_vsphere[] = {
	{ "VolumePath:", "volumePath", 's' }, { "FSType:", "fsType", 's' },
	{ "StoragePolicyName:", "storagePolicyName", 's' }, { NULL, NULL, 0 } };
static const struct vfield f_cinder[] = {
	{ "VolumeID:", "volumeID", 's' }, { "FSType:", "fsType", 's' },
	{ "ReadOnly:", "readOnly", 'b' }, { "SecretRef:", "secretRef", 'r' },
	{ NULL, NULL, 0 } };
static const struct vfield f_photon[] = { { "PdID:", "pdID", 's' },
	{ "FSType:", "fsType", 's' }, { NULL, NULL, 0 } };
static const struct vfield f_pwx[] = { { "VolumeID:", "volumeID", 's' },
	{ NULL, NULL, 0 } };
static const struct vfield f_scaleio[] = { { "Gateway:", "gateway", 's' },
	{ "System:", "system", 's' },
	{ "Protection Domain:", "protectionDomain", 's' },
	{ "Storage Pool:", "storagePool", 's' },
	{ "Storage Mode:", "storageMode", 's' },
	{ "VolumeName:", "volumeName", 's' }, { "FSType:", "fsType", 's' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct vfield f_cephfs[] = { { "Monitors:", "monitors", 'l' },
	{ "Path:", "path", 's' }, { "User:", "user", 's' },
	{ "SecretFile:", "secretFile", 's' },
	{ "SecretRef:", "secretRef", 'r' }, { "ReadOnly:", "readOnly", 'b' },
	{ NULL, NULL, 0 } };
static const struct vfield f_storageos[] = {
	{ "VolumeName:", "volumeName", 's' },
	{ "VolumeNamespace:", "volumeNamespace", 's' },
	{ "FSType:", "fsType", 's' }, { "ReadOnly:", "readOnly", 'b' },
	{ NULL, NULL, 0 } };
static const struct vfield f_azfile[] = {
	{ "SecretName:", "secretName", 's' }, { "ShareName:", "shareName", 's' },
	{ "ReadOnly:", "readOnly", 'b' }, { NULL, NULL, 0 } };
static const struct vfield f_flex[] = { { "Driver:", "driver", 's' },
	{ "FSType:", "fsType", 's' }, { "SecretRef:", "secretRef", 'r' },
	{ "ReadOnly:", "readOnly", 'b' }, { "Options:", "options", 'm' },
	{ NULL, NULL, 0 } };
static const struct vfield f_flocker[] = {
	{ "DatasetName:", "datasetName", 's' },
	{ "DatasetUUID:", "datasetUUID", 's' }, { NULL, NULL, 0 } };
static const struct vfield f_image[] = { { "Reference:", "reference", 's' },
	{ "PullPolicy:", "pullPolicy", 's' }, { NULL, NULL, 0 } };

static const struct {
	const char		*key;
	const char		*type;
	const struct vfield	*f;
} vsources[] = {
	{ "gcePersistentDisk", "GCEPersistentDisk (a Persistent Disk resource "
	    "in Google Compute Engine)", f_gce },
	{ "awsElasticBlockStore", "AWSElasticBlockStore (a Persistent Disk "
	    "resource in AWS)", f_aws },
	{ "gitRepo", "GitRepo (a volume that is pulled from git when the pod "
	    "is created)", f_git },
	{ "nfs", "NFS (an NFS mount that lasts the lifetime of a pod)", f_nfs },
	{ "iscsi", "ISCSI (an ISCSI Disk resource that is attached to a "
	    "kubelet's host machine and then exposed to the pod)", f_iscsi },
	{ "glusterfs", "Glusterfs (a Glusterfs mount on the host that shares "
	    "a pod's lifetime)", f_gluster },
	{ "persistentVolumeClaim", "PersistentVolumeClaim (a reference to a "
	    "PersistentVolumeClaim in the same namespace)", f_pvc },
	{ "rbd", "RBD (a Rados Block Device mount on the host that shares a "
	    "pod's lifetime)", f_rbd },
	{ "quobyte", "Quobyte (a Quobyte mount on the host that shares a "
	    "pod's lifetime)", f_quobyte },
	{ "vsphereVolume", "vSphereVolume (a Persistent Disk resource in "
	    "vSphere)", f_vsphere },
	{ "cinder", "Cinder (a Persistent Disk resource in OpenStack)",
	    f_cinder },
	{ "photonPersistentDisk", "PhotonPersistentDisk (a Persistent Disk "
	    "resource in photon platform)", f_photon },
	{ "portworxVolume", "PortworxVolume (a Portworx Volume resource)",
	    f_pwx },
	{ "scaleIO", "ScaleIO (a persistent volume backed by a block device "
	    "in ScaleIO)", f_scaleio },
	{ "cephfs", "CephFS (a CephFS mount on the host that shares a pod's "
	    "lifetime)", f_cephfs },
	{ "storageos", "StorageOS (a StorageOS Persistent Disk resource)",
	    f_storageos },
	{ "azureFile", "AzureFile (an Azure File Service mount on the host "
	    "and bind mount to the pod)", f_azfile },
	{ "flexVolume", "FlexVolume (a generic volume resource that is "
	    "provisioned/attached using an exec based plugin)", f_flex },
	{ "flocker", "Flocker (a Flocker volume mounted by the Flocker agent)",
	    f_flocker },
	{ "image", "Image (a container image or OCI artifact)", f_image },
};

/* One volume's source, in the order of kubectl's switch. */
static void
volume_source(struct buf *b, const json_t *v)
{
	static const char *const order[] = { "hostPath", "emptyDir",
	    "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret",
	    "configMap", "nfs", "iscsi", "glusterfs", "persistentVolumeClaim",
	    "ephemeral", "rbd", "quobyte", "downwardAPI", "azureDisk",
	    "vsphereVolume", "cinder", "photonPersistentDisk",
	    "portworxVolume", "scaleIO", "cephfs", "storageos", "fc",
	    "azureFile", "flexVolume", "flocker", "projected", "csi",
	    "image" };
	const json_t *s = NULL, *it;
	const char *key = NULL;
	size_t i;

	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		if (json_is_object(s = json_object_get(v, order[i]))) {
			key = order[i];
			break;
		}
	if (key == NULL)
		buf_adds(b, "  <unknown>\n");
	else if (strcmp(key, "hostPath") == 0)
		buf_addf(b, "    Type:\tHostPath (bare host directory volume)\n"
		    "    Path:\t%s\n    HostPathType:\t%s\n", sval(s, "path"),
		    describe_str(s, "type") ?: "<none>");
	else if (strcmp(key, "emptyDir") == 0) {
		const json_t *lim = json_object_get(s, "sizeLimit");
		struct quantity q = { 0 };
		struct err err;

		err_clear(&err);
		buf_addf(b, "    Type:\tEmptyDir (a temporary directory that "
		    "shares a pod's lifetime)\n    Medium:\t%s\n    SizeLimit:"
		    "\t", sval(s, "medium"));
		if (json_is_string(lim) && quantity_parse(json_string_value(
		    lim), &q, &err) == 0 && q.nano > 0)
			template_quantity(b, lim);
		else
			buf_adds(b, "<unset>");
		buf_adds(b, "\n");
	} else if (strcmp(key, "secret") == 0)
		buf_addf(b, "    Type:\tSecret (a volume populated by a Secret)\n"
		    "    SecretName:\t%s\n    Optional:\t%s\n",
		    sval(s, "secretName"), bval(s, "optional"));
	else if (strcmp(key, "configMap") == 0)
		buf_addf(b, "    Type:\tConfigMap (a volume populated by a "
		    "ConfigMap)\n    Name:\t%s\n    Optional:\t%s\n",
		    sval(s, "name"), bval(s, "optional"));
	else if (strcmp(key, "ephemeral") == 0) {
		buf_adds(b, "    Type:\tEphemeralVolume (an inline specification "
		    "for a volume that gets created and deleted with the pod)\n");
		if (json_is_object(json_object_get(s, "volumeClaimTemplate")))
			ephemeral(b, json_object_get(s, "volumeClaimTemplate"));
	} else if (strcmp(key, "downwardAPI") == 0) {
		buf_adds(b, "    Type:\tDownwardAPI (a volume populated by "
		    "information about the pod)\n    Items:\n");
		json_array_foreach(json_object_get(s, "items"), i, it) {
			const json_t *f = json_object_get(it, "fieldRef"),
			    *r = json_object_get(it, "resourceFieldRef");

			if (f != NULL)
				buf_addf(b, "      %s -> %s\n", sval(f,
				    "fieldPath"), sval(it, "path"));
			if (r != NULL)
				buf_addf(b, "      %s -> %s\n", sval(r,
				    "resource"), sval(it, "path"));
		}
	} else if (strcmp(key, "azureDisk") == 0)
		buf_addf(b, "    Type:\tAzureDisk (an Azure Data Disk mount on the "
		    "host and bind mount to the pod)\n    DiskName:\t%s\n"
		    "    DiskURI:\t%s\n    Kind: \t%s\n    FSType:\t%s\n"
		    "    CachingMode:\t%s\n    ReadOnly:\t%s\n",
		    sval(s, "diskName"), sval(s, "diskURI"), sval(s, "kind"),
		    sval(s, "fsType"), sval(s, "cachingMode"),
		    bval(s, "readOnly"));
	else if (strcmp(key, "fc") == 0) {
		buf_adds(b, "    Type:\tFC (a Fibre Channel disk)\n"
		    "    TargetWWNs:\t");
		strlist(b, json_object_get(s, "targetWWNs"), ", ");
		if (json_is_integer(json_object_get(s, "lun")))
			buf_addf(b, "\n    LUN:\t%lld\n", ival(s, "lun"));
		else
			buf_adds(b, "\n    LUN:\t<none>\n");
		buf_addf(b, "    FSType:\t%s\n    ReadOnly:\t%s\n",
		    sval(s, "fsType"), bval(s, "readOnly"));
	} else if (strcmp(key, "projected") == 0)
		projected(b, s);
	else if (strcmp(key, "csi") == 0)
		csi(b, s);
	else
		for (i = 0; i < sizeof vsources / sizeof vsources[0]; i++)
			if (strcmp(vsources[i].key, key) == 0) {
				vfields(b, s, vsources[i].type, vsources[i].f);
				if (strcmp(key, "iscsi") == 0)
					buf_addf(b, "    InitiatorName:\t%s\n",
					    describe_str(s, "initiatorName") ?:
					    "<none>");
				break;
			}
}

/* kubectl's describeVolumes, space the section's indent */
void
template_volumes(struct buf *b, const json_t *volumes, const char *space)
{
	const json_t *v;
	size_t i;

	if (json_array_size(volumes) == 0) {
		buf_addf(b, "%sVolumes:\t<none>\n", space);
		return;
	}
	buf_addf(b, "%sVolumes:\n", space);
	json_array_foreach(volumes, i, v) {
		buf_addf(b, "  %s%s:\n", *space ? " " : "", sval(v, "name"));
		volume_source(b, v);
	}
}

/* metav1.FormatLabelSelector's selector string ("" for none); none, when
 * not NULL, for an empty one. */
void
template_selector(struct buf *b, const json_t *sel, const char *none)
{
	struct selector *s = NULL;
	size_t at = b->len;

	if (selector_from_json(sel, &s, NULL) < 0) {
		buf_adds(b, "<error>");
		return;
	}
	/* LabelSelectorAsSelector(nil) selects nothing: "" too */
	if (json_is_object(sel))
		selector_string(s, b);
	selector_free(s);
	if (b->len == at && none != NULL)
		buf_adds(b, none);
}

static void
spread(struct buf *b, const json_t *list)
{
	size_t n, i;
	const json_t **t = sorted_by(list, "topologyKey", &n);

	for (i = 0; i < n; i++) {
		buf_adds(b, i ? "  \t" : "  Topology Spread Constraints:\t");
		buf_addf(b, "%s:%s when max skew %lld is exceeded",
		    sval(t[i], "topologyKey"), sval(t[i], "whenUnsatisfiable"),
		    ival(t[i], "maxSkew"));
		if (json_object_get(t[i], "labelSelector") != NULL &&
		    !json_is_null(json_object_get(t[i], "labelSelector"))) {
			buf_adds(b, " for selector ");
			template_selector(b, json_object_get(t[i],
			    "labelSelector"), "<none>");
		}
		buf_adds(b, "\n");
	}
	free(t);
}

/* kubectl's DescribePodTemplate */
void
template_describe(struct buf *b, const json_t *tmpl)
{
	const json_t *meta = json_object_get(tmpl, "metadata"),
	    *spec = json_object_get(tmpl, "spec"),
	    *ann = json_object_get(meta, "annotations");

	buf_adds(b, "Pod Template:\n");
	template_labels(b, "", "", "  Labels", json_object_get(meta,
	    "labels"));
	if (json_object_size(ann) > 0)
		template_annotations(b, "", "  Annotations", ann);
	if (*sval(spec, "serviceAccountName"))
		buf_addf(b, "  Service Account:\t%s\n", sval(spec,
		    "serviceAccountName"));
	if (json_array_size(json_object_get(spec, "initContainers")) > 0)
		template_containers(b, "Init Containers",
		    json_object_get(spec, "initContainers"), "  ");
	template_containers(b, "Containers", json_object_get(spec,
	    "containers"), "  ");
	template_volumes(b, json_object_get(spec, "volumes"), "  ");
	spread(b, json_object_get(spec, "topologySpreadConstraints"));
	if (*sval(spec, "priorityClassName"))
		buf_addf(b, "  Priority Class Name:\t%s\n", sval(spec,
		    "priorityClassName"));
	template_labels(b, "", "", "  Node-Selectors", json_object_get(spec,
	    "nodeSelector"));
	template_tolerations(b, "  Tolerations", json_object_get(spec,
	    "tolerations"));
}
