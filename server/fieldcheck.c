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

#include "../lib/jsonkeys.h"
#include "../lib/yaml.h"
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
	/* networking.k8s.io/v1 */
	"networking.v1.NetworkPolicy", "networking.v1.NetworkPolicySpec",
	"networking.v1.NetworkPolicyIngressRule",
	"networking.v1.NetworkPolicyEgressRule",
	"networking.v1.NetworkPolicyPeer", "networking.v1.NetworkPolicyPort",
	"networking.v1.IPBlock",
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

/* ---- strict decoding errors: unknown and duplicate fields ---- */

void
fieldcheck_errs_init(struct fieldcheck_errs *e)
{
	buf_init(&e->text, 1 << 20);
	e->n = 0;
}

void
fieldcheck_errs_release(struct fieldcheck_errs *e)
{
	buf_release(&e->text);
	e->n = 0;
}

/* Appends what, then path quoted (path NULL: what alone). */
static int
fieldcheck_errs_put(struct fieldcheck_errs *e, const char *what,
    const char *path)
{
	size_t len = e->text.len;

	if (e->n >= FIELDCHECK_MAX)
		return 0;
	if (buf_adds(&e->text, what) < 0 || (path != NULL &&
	    (buf_addc(&e->text, ' ') < 0 || fieldcheck_quote(path,
	    &e->text) < 0)) || buf_add(&e->text, "", 1) < 0) {
		buf_truncate(&e->text, len);
		return -1;
	}
	e->n++;
	return 0;
}

const char *
fieldcheck_errs_next(const struct fieldcheck_errs *e, const char *prev)
{
	const char *p;

	if (e->n == 0 || e->text.data == NULL)
		return NULL;
	if (prev == NULL)
		return e->text.data;
	p = prev + strlen(prev) + 1;
	return p < e->text.data + e->text.len ? p : NULL;
}

int
fieldcheck_errs_message(const struct fieldcheck_errs *e, struct buf *out)
{
	const char *s;
	int rc = buf_adds(out, "strict decoding error: ");

	for (s = fieldcheck_errs_next(e, NULL); s != NULL && rc == 0;
	    s = fieldcheck_errs_next(e, s)) {
		if (s != e->text.data)
			rc = buf_adds(out, ", ");
		if (rc == 0)
			rc = buf_adds(out, s);
	}
	return rc;
}

/* One warning: 299 - "text" with text's quotes and backslashes escaped. */
static int
fieldcheck_warning_text(const char *text, size_t n, struct buf *out)
{
	size_t i;
	int rc = buf_adds(out, "299 - \"");

	for (i = 0; i < n && rc == 0; i++) {
		if (text[i] == '"' || text[i] == '\\')
			rc = buf_addc(out, '\\');
		if (rc == 0)
			rc = buf_addc(out, text[i]);
	}
	return rc == 0 ? buf_addc(out, '"') : rc;
}

int
fieldcheck_errs_warnings(const struct fieldcheck_errs *e,
    struct fieldcheck_errs *out)
{
	static const char *const prefixes[] = {
		"yaml: unmarshal errors:\n",
		"error converting YAML to JSON: yaml: unmarshal errors:\n",
		NULL
	};
	struct buf w = BUF_INIT(1 << 20);
	const char *s, *p, *nl, *a, *b;
	int i, rc = 0;

	for (s = fieldcheck_errs_next(e, NULL); s != NULL && rc == 0;
	    s = fieldcheck_errs_next(e, s)) {
		for (i = 0, p = NULL; prefixes[i] != NULL && p == NULL; i++)
			if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0)
				p = s + strlen(prefixes[i]);
		if (p == NULL) {
			/* not a YAML error: as it is */
			buf_reset(&w);
			rc = fieldcheck_warning_text(s, strlen(s), &w);
			if (rc == 0)
				rc = fieldcheck_errs_put(out, buf_str(&w),
				    NULL);
			continue;
		}
		/* parseYAMLWarnings: one per line, trimmed */
		for (; rc == 0; p = nl + 1) {
			nl = strchr(p, '\n');
			if (nl == NULL)
				nl = p + strlen(p);
			for (a = p; a < nl && (*a == ' ' || *a == '\t'); a++)
				;
			for (b = nl; b > a && (b[-1] == ' ' || b[-1] == '\t' ||
			    b[-1] == '\r'); b--)
				;
			buf_reset(&w);
			rc = fieldcheck_warning_text(a, (size_t)(b - a), &w);
			if (rc == 0)
				rc = fieldcheck_errs_put(out, buf_str(&w),
				    NULL);
			if (*nl == '\0')
				break;
		}
	}
	buf_release(&w);
	return rc;
}

int
fieldcheck_errs_unknown(struct fieldcheck_errs *e, const char *unknown,
    const char *prefix)
{
	struct buf path = BUF_INIT(64 * 1024), what = BUF_INIT(256);
	const char *p, *nl;
	int rc = 0;

	buf_addf(&what, "%sunknown field", prefix);
	for (p = unknown; rc == 0 && *p != '\0'; p = nl + (*nl != '\0')) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		if (nl == p)
			continue;
		buf_reset(&path);
		if ((rc = buf_add(&path, p, (size_t)(nl - p))) == 0)
			rc = fieldcheck_errs_put(e, buf_str(&what),
			    buf_str(&path));
	}
	buf_release(&path);
	buf_release(&what);
	return rc;
}

/* The walk of jsonkeys_walk: which keys become errors, in order. */
struct fieldcheck_keys {
	struct fieldcheck_errs	*out;
	json_t			*unknown;	/* path -> reported yet */
	struct buf		 skip;		/* inside this unknown field */
	const char		*prefix;	/* "" or "json patch " */
	int			 jsonpatch;
	int			 rc;
};

/* Whether path is inside the field skip (skip.x, skip[0]). */
static int
fieldcheck_inside(const char *path, const struct buf *skip)
{
	size_t n = skip->len;

	return n > 0 && strncmp(path, skip->data, n) == 0 &&
	    (path[n] == '.' || path[n] == '[');
}

static int
fieldcheck_key(void *arg, const char *path, const char *key, int depth,
    int dup)
{
	static const char *const ops[] = { "op", "path", "from", "value",
	    NULL };
	struct fieldcheck_keys *k = arg;
	struct buf what = BUF_INIT(256);
	json_t *u;
	int i, known;

	if (k->skip.len > 0) {
		if (fieldcheck_inside(path, &k->skip))
			return 0;
		buf_reset(&k->skip);
	}
	if (k->jsonpatch && depth == 2) {
		/* a member of one operation: a jsonPatchOp struct */
		for (i = 0, known = 0; ops[i] != NULL; i++)
			if (strcmp(key, ops[i]) == 0)
				known = 1;
		if (!known && json_object_get(k->unknown, path) == NULL)
			json_object_set_new(k->unknown, path, json_false());
	}
	u = json_object_get(k->unknown, path);
	if (u != NULL) {
		/* reported where it first appears, its repeats and its
		 * content left alone: decoding skips unknown fields */
		if (json_is_false(u)) {
			json_object_set_new(k->unknown, path, json_true());
			buf_addf(&what, "%sunknown field", k->prefix);
			if (fieldcheck_errs_put(k->out, buf_str(&what),
			    path) < 0)
				k->rc = -1;
		}
		buf_reset(&k->skip);
		if (buf_adds(&k->skip, path) < 0)
			k->rc = -1;
	} else if (dup) {
		buf_addf(&what, "%sduplicate field", k->prefix);
		if (fieldcheck_errs_put(k->out, buf_str(&what), path) < 0)
			k->rc = -1;
	}
	buf_release(&what);
	return k->rc < 0 || k->out->n >= FIELDCHECK_MAX;
}

int
fieldcheck_json_errors(const char *data, size_t len, const char *unknown,
    int jsonpatch, struct fieldcheck_errs *out)
{
	struct fieldcheck_keys k;
	struct err err;
	const char *p, *nl;
	const char *path;
	json_t *v;
	int rc;

	memset(&k, 0, sizeof k);
	k.out = out;
	k.prefix = jsonpatch ? "json patch " : "";
	k.jsonpatch = jsonpatch;
	buf_init(&k.skip, 64 * 1024);
	if ((k.unknown = json_object()) == NULL)
		return -1;
	for (p = unknown ? unknown : ""; *p != '\0'; p = nl + (*nl != '\0')) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		if (nl > p)
			json_object_setn_new(k.unknown, p, (size_t)(nl - p),
			    json_false());
	}
	err_clear(&err);
	rc = jsonkeys_walk(data, len, fieldcheck_key, &k, &err);
	/* unknown fields the text did not show (it was not this JSON) */
	json_object_foreach(k.unknown, path, v)
		if (json_is_false(v) && fieldcheck_errs_put(out, jsonpatch ?
		    "json patch unknown field" : "unknown field", path) < 0)
			rc = -1;
	json_decref(k.unknown);
	buf_release(&k.skip);
	return rc < 0 || k.rc < 0 ? -1 : 0;
}

int
fieldcheck_yaml_errors(const char *data, size_t len, const char *prefix,
    struct fieldcheck_errs *out)
{
	struct buf dups = BUF_INIT(1 << 20), msg = BUF_INIT(1 << 20);
	struct err err;
	const char *p, *nl;
	int n, rc = 0;

	err_clear(&err);
	n = yaml_dup_keys(data, len, &dups, &err);
	if (n > 0) {
		/* go-yaml's TypeError: "yaml: unmarshal errors:\n  " + lines */
		rc = buf_addf(&msg, "%syaml: unmarshal errors:", prefix);
		for (p = buf_str(&dups); rc == 0 && *p != '\0'; p = nl + 1) {
			if ((nl = strchr(p, '\n')) == NULL)
				break;
			rc = buf_addf(&msg, "\n  %.*s", (int)(nl - p), p);
		}
		if (rc == 0)
			rc = fieldcheck_errs_put(out, buf_str(&msg), NULL);
	}
	buf_release(&dups);
	buf_release(&msg);
	return n < 0 ? 0 : rc;
}
