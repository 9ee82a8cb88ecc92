/* fieldcheck.c - finds the fields of an object that its Kubernetes type
 * does not have, for fieldValidation=Strict and Warn (see fieldcheck.h).
 *
 * The walk follows the schema table of openapi-schemas.c.  Paths are
 * built the way the strict decoder of sigs.k8s.io/json builds them:
 * field names joined by ".", list items as "[i]", map keys as ".key",
 * no leading dot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fieldcheck.h"
#include "openapi.h"

/*
 * The definitions whose field lists were checked, field by field, against
 * the Go types of Kubernetes 1.33 (k8s.io/api and apimachinery v0.33).
 * Only these report unknown fields.  Status definitions are left out on
 * purpose: kubec's controllers write them, and a field they add must not
 * make `kubectl get -o yaml | kubectl replace -f -` fail.  Before adding a
 * name here, compare its rows with the real type, inline members included.
 */
static const char *const fieldcheck_complete_defs[] = {
	/* meta/v1 */
	"meta.v1.ObjectMeta", "meta.v1.ListMeta", "meta.v1.OwnerReference",
	"meta.v1.ManagedFieldsEntry", "meta.v1.LabelSelector",
	"meta.v1.LabelSelectorRequirement",
	/* autoscaling/v1 */
	"autoscaling.v1.Scale", "autoscaling.v1.ScaleSpec",
	/* core/v1 pods */
	"core.v1.Pod", "core.v1.PodSpec", "core.v1.PodTemplateSpec",
	"core.v1.PodDNSConfig", "core.v1.PodDNSConfigOption",
	"core.v1.PodReadinessGate", "core.v1.PodOS",
	"core.v1.PodSchedulingGate", "core.v1.PodSecurityContext",
	"core.v1.Sysctl", "core.v1.Toleration", "core.v1.HostAlias",
	"core.v1.LocalObjectReference",
	/* containers */
	"core.v1.Container", "core.v1.ContainerPort", "core.v1.EnvVar",
	"core.v1.EnvVarSource", "core.v1.ConfigMapKeySelector",
	"core.v1.SecretKeySelector", "core.v1.ObjectFieldSelector",
	"core.v1.ResourceFieldSelector", "core.v1.EnvFromSource",
	"core.v1.NamedOptional", "core.v1.ResourceRequirements",
	"core.v1.ResourceClaim", "core.v1.VolumeMount", "core.v1.VolumeDevice",
	"core.v1.ContainerResizePolicy", "core.v1.Lifecycle",
	"core.v1.LifecycleHandler", "core.v1.SleepAction", "core.v1.Probe",
	"core.v1.ExecAction", "core.v1.HTTPGetAction", "core.v1.HTTPHeader",
	"core.v1.TCPSocketAction", "core.v1.GRPCAction",
	"core.v1.SecurityContext", "core.v1.Capabilities",
	"core.v1.SeccompProfile",
	/* volumes */
	"core.v1.Volume", "core.v1.EmptyDirVolumeSource",
	"core.v1.HostPathVolumeSource", "core.v1.ConfigMapVolumeSource",
	"core.v1.SecretVolumeSource", "core.v1.KeyToPath",
	"core.v1.PersistentVolumeClaimVolumeSource", "core.v1.NFSVolumeSource",
	"core.v1.CSIVolumeSource", "core.v1.DownwardAPIVolumeSource",
	"core.v1.DownwardAPIVolumeFile", "core.v1.ProjectedVolumeSource",
	"core.v1.VolumeProjection", "core.v1.SecretProjection",
	"core.v1.ConfigMapProjection", "core.v1.DownwardAPIProjection",
	"core.v1.ServiceAccountTokenProjection",
	"core.v1.PersistentVolumeClaim", "core.v1.PersistentVolumeClaimSpec",
	/* other core/v1 kinds */
	"core.v1.Service", "core.v1.ServiceSpec", "core.v1.ServicePort",
	"core.v1.ConfigMap", "core.v1.Secret", "core.v1.Namespace",
	"core.v1.NamespaceSpec", "core.v1.ServiceAccount",
	"core.v1.ObjectReference", "core.v1.Node", "core.v1.Taint",
	/* apps/v1 */
	"apps.v1.Deployment", "apps.v1.DeploymentSpec",
	"apps.v1.DeploymentStrategy", "apps.v1.RollingUpdateDeployment",
	"apps.v1.ReplicaSet", "apps.v1.ReplicaSetSpec",
	"apps.v1.StatefulSet", "apps.v1.StatefulSetSpec",
	"apps.v1.StatefulSetUpdateStrategy",
	"apps.v1.RollingUpdateStatefulSetStrategy",
	"apps.v1.DaemonSet", "apps.v1.DaemonSetSpec",
	"apps.v1.DaemonSetUpdateStrategy", "apps.v1.RollingUpdateDaemonSet",
	/* batch/v1 */
	"batch.v1.Job", "batch.v1.JobSpec", "batch.v1.JobTemplateSpec",
	"batch.v1.CronJob", "batch.v1.CronJobSpec",
	NULL
};

struct fieldcheck_walk {
	struct buf	*unknown;
	struct buf	 path;
	int		 count;
	int		 prune;		/* delete unknown fields */
};

static void	fieldcheck_value(struct fieldcheck_walk *, const char *,
		    const json_t *);

int
fieldcheck_complete(const char *def)
{
	int i;

	for (i = 0; fieldcheck_complete_defs[i] != NULL; i++)
		if (strcmp(fieldcheck_complete_defs[i], def) == 0)
			return 1;
	return 0;
}

/* The row starting definition def, or NULL. */
static const struct openapi_field *
fieldcheck_find_def(const char *def)
{
	const struct openapi_field *f;

	for (f = openapi_fields; f->def != NULL; f++)
		if (f->name == NULL && strcmp(f->def, def) == 0)
			return f;
	return NULL;
}

/* The row of field name in the definition starting at d, or NULL. */
static const struct openapi_field *
fieldcheck_find_field(const struct openapi_field *d, const char *name)
{
	const struct openapi_field *f;

	for (f = d + 1; f->def != NULL && f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

static void
fieldcheck_report(struct fieldcheck_walk *w, const char *key)
{
	size_t len = w->path.len;

	if (w->count >= FIELDCHECK_MAX)
		return;
	w->count++;
	if (w->unknown == NULL)
		return;
	if (len > 0)
		buf_addc(&w->path, '.');
	buf_adds(&w->path, key);
	buf_adds(w->unknown, buf_str(&w->path));
	buf_addc(w->unknown, '\n');
	buf_truncate(&w->path, len);
}

/* An object that should be an instance of definition def. */
static void
fieldcheck_struct(struct fieldcheck_walk *w, const char *def,
    const json_t *obj)
{
	const struct openapi_field *d, *f;
	const char *key;
	json_t *v;
	void *tmp;
	size_t len = w->path.len;
	int complete;

	if (!json_is_object(obj) || (d = fieldcheck_find_def(def)) == NULL ||
	    d->type != NULL)
		return;
	complete = fieldcheck_complete(def);
	json_object_foreach_safe((json_t *)obj, tmp, key, v) {
		if ((f = fieldcheck_find_field(d, key)) == NULL) {
			if (!complete)
				continue;
			fieldcheck_report(w, key);
			if (w->prune)
				json_object_del((json_t *)obj, key);
			continue;
		}
		if (len > 0)
			buf_addc(&w->path, '.');
		buf_adds(&w->path, key);
		fieldcheck_value(w, f->type, v);
		buf_truncate(&w->path, len);
	}
}

/* A value of a field type of the table (see openapi.h). */
static void
fieldcheck_value(struct fieldcheck_walk *w, const char *type,
    const json_t *v)
{
	const char *key;
	json_t *e;
	size_t i, len = w->path.len;

	if (strncmp(type, "[]", 2) == 0) {
		if (!json_is_array(v))
			return;
		json_array_foreach(v, i, e) {
			buf_addf(&w->path, "[%zu]", i);
			fieldcheck_value(w, type + 2, e);
			buf_truncate(&w->path, len);
		}
		return;
	}
	if (strncmp(type, "map:", 4) == 0) {
		if (!json_is_object(v))
			return;
		json_object_foreach((json_t *)v, key, e) {
			if (len > 0)
				buf_addc(&w->path, '.');
			buf_adds(&w->path, key);
			fieldcheck_value(w, type + 4, e);
			buf_truncate(&w->path, len);
		}
		return;
	}
	/* Definition names have a dot; scalars, "map" and "object" none. */
	if (strchr(type, '.') == NULL)
		return;
	fieldcheck_struct(w, type, v);
}

int
fieldcheck_object(const char *def, const json_t *obj, struct buf *unknown)
{
	struct fieldcheck_walk w;

	w.unknown = unknown;
	w.count = 0;
	w.prune = 0;
	buf_init(&w.path, 64 * 1024);
	fieldcheck_struct(&w, def, obj);
	buf_release(&w.path);
	return w.count;
}

int
fieldcheck_prune(const char *def, json_t *obj, struct buf *unknown)
{
	struct fieldcheck_walk w;

	w.unknown = unknown;
	w.count = 0;
	w.prune = 1;
	buf_init(&w.path, 64 * 1024);
	fieldcheck_struct(&w, def, obj);
	buf_release(&w.path);
	return w.count;
}

void
fieldcheck_def_name(const char *group, const char *version,
    const char *kind, char *out, size_t len)
{
	if (group == NULL || group[0] == '\0') {
		snprintf(out, len, "core.%s.%s", version, kind);
		return;
	}
	snprintf(out, len, "%.*s.%s.%s", (int)strcspn(group, "."), group,
	    version, kind);
}

int
fieldcheck_quote(const char *s, struct buf *out)
{
	const unsigned char *p;
	int rc = buf_addc(out, '"');

	for (p = (const unsigned char *)s; *p != '\0' && rc == 0; p++) {
		switch (*p) {
		case '"':
			rc = buf_adds(out, "\\\"");
			break;
		case '\\':
			rc = buf_adds(out, "\\\\");
			break;
		case '\a':
			rc = buf_adds(out, "\\a");
			break;
		case '\b':
			rc = buf_adds(out, "\\b");
			break;
		case '\f':
			rc = buf_adds(out, "\\f");
			break;
		case '\n':
			rc = buf_adds(out, "\\n");
			break;
		case '\r':
			rc = buf_adds(out, "\\r");
			break;
		case '\t':
			rc = buf_adds(out, "\\t");
			break;
		case '\v':
			rc = buf_adds(out, "\\v");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				rc = buf_addf(out, "\\x%02x", *p);
			else
				rc = buf_addc(out, (char)*p);
			break;
		}
	}
	if (rc == 0)
		rc = buf_addc(out, '"');
	return rc;
}

int
fieldcheck_strict_message(const char *unknown, struct buf *out)
{
	struct buf path = BUF_INIT(64 * 1024);
	const char *p, *nl;
	int first = 1, rc = buf_adds(out, "strict decoding error: ");

	for (p = unknown; rc == 0 && *p != '\0'; p = nl + (*nl != '\0')) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (nl == p)
			continue;
		buf_reset(&path);
		if (buf_add(&path, p, (size_t)(nl - p)) < 0) {
			rc = -1;
			break;
		}
		if (!first)
			rc = buf_adds(out, ", ");
		first = 0;
		if (rc == 0)
			rc = buf_adds(out, "unknown field ");
		if (rc == 0)
			rc = fieldcheck_quote(buf_str(&path), out);
	}
	buf_release(&path);
	return rc;
}

int
fieldcheck_warning(const char *path, struct buf *out)
{
	struct buf text = BUF_INIT(64 * 1024);
	const char *p;
	int rc;

	rc = buf_adds(&text, "unknown field ");
	if (rc == 0)
		rc = fieldcheck_quote(path, &text);
	if (rc == 0)
		rc = buf_adds(out, "299 - \"");
	for (p = buf_str(&text); rc == 0 && *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			rc = buf_addc(out, '\\');
		if (rc == 0)
			rc = buf_addc(out, *p);
	}
	if (rc == 0)
		rc = buf_addc(out, '"');
	buf_release(&text);
	return rc;
}

/* A float as Go's %v: shortest digits, exponent form outside 1e-4..1e6. */
static int
fieldcheck_gofloat(double d, struct buf *out)
{
	char tmp[64];
	int prec, exp;

	for (prec = 0; prec < 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*e", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	snprintf(tmp, sizeof tmp, "%.*e", prec, d);
	exp = atoi(strchr(tmp, 'e') + 1);
	if (exp < -4 || exp >= 6)
		return buf_adds(out, tmp);
	return buf_addf(out, "%.*f", prec > exp ? prec - exp : 0, d);
}

static int
fieldcheck_keycmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
fieldcheck_gofmt(const json_t *v, struct buf *out)
{
	const char **keys = NULL, *key;
	json_t *e;
	size_t i, n = 0;
	int rc = 0;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		if ((keys = calloc(json_object_size(v) + 1,
		    sizeof *keys)) == NULL)
			return -1;
		json_object_foreach((json_t *)v, key, e)
			keys[n++] = key;
		qsort(keys, n, sizeof *keys, fieldcheck_keycmp);
		rc = buf_adds(out, "map[");
		for (i = 0; i < n && rc == 0; i++) {
			if (i > 0)
				rc = buf_addc(out, ' ');
			if (rc == 0)
				rc = buf_addf(out, "%s:", keys[i]);
			if (rc == 0)
				rc = fieldcheck_gofmt(json_object_get(v,
				    keys[i]), out);
		}
		free(keys);
		return rc == 0 ? buf_addc(out, ']') : rc;
	case JSON_ARRAY:
		rc = buf_addc(out, '[');
		json_array_foreach(v, i, e) {
			if (rc == 0 && i > 0)
				rc = buf_addc(out, ' ');
			if (rc == 0)
				rc = fieldcheck_gofmt(e, out);
		}
		return rc == 0 ? buf_addc(out, ']') : rc;
	case JSON_STRING:
		return buf_add(out, json_string_value(v),
		    json_string_length(v));
	case JSON_INTEGER:
		return buf_addf(out, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	case JSON_REAL:
		return fieldcheck_gofloat(json_real_value(v), out);
	case JSON_TRUE:
		return buf_adds(out, "true");
	case JSON_FALSE:
		return buf_adds(out, "false");
	default:
		return buf_adds(out, "<nil>");
	}
}
