/* deployments.c - apps/v1 Deployment, and the helpers every kind with a
 * pod template shares (replicasets, statefulsets, daemonsets, jobs,
 * cronjobs): template defaulting, selector and template validation with
 * kube-apiserver's messages (Go %#v values, as in 1.33), and the
 * CONTAINERS/IMAGES/SELECTOR cells.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/buf.h"
#include "../../lib/names.h"
#include "../../lib/selector.h"
#include "kinds.h"

/* Shared with the other workload kinds (declared again where used). */
void	deployments_template_defaults(json_t *tmpl);
void	deployments_go_map(const json_t *map, char *out, size_t len);
void	deployments_go_selector(const json_t *sel, char *out, size_t len);
void	deployments_check_nonneg(const json_t *obj, const char *key,
	    const char *path, struct err *err);
int	deployments_check_selector(const json_t *sel, const char *path,
	    struct err *err);
void	deployments_check_template(const json_t *tmpl, const json_t *sel,
	    const char *path, const char *what, struct err *err);
void	deployments_check_template_meta(const json_t *tmpl, const char *path,
	    struct err *err);
void	deployments_template_cells(const json_t *tmpl, json_t *cells);
void	deployments_cell_selector(json_t *cells, const json_t *sel);
int	deployments_selector_matches(const json_t *sel, const json_t *labels);
int	deployments_selector_usable(const json_t *sel);

static const char *const deployments_short[] = { "deploy", NULL };
static const char *const deployments_categories[] = { "all", NULL };

static const struct registry_column deployments_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Ready", "string", "", "Number of the pod with ready state", 0 },
	{ "Up-to-date", "string", "", "Total number of non-terminated pods "
	    "targeted by this deployment that have the desired template "
	    "spec.", 0 },
	{ "Available", "string", "", "Total number of available non-"
	    "terminating pods (ready for at least minReadySeconds) targeted by "
	    "this deployment.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ "Containers", "string", "", "Names of each container in the "
	    "template.", 1 },
	{ "Images", "string", "", "Images referenced by each container in the "
	    "template.", 1 },
	{ "Selector", "string", "", "Label selector for pods. Existing "
	    "ReplicaSets whose pods are selected by this will be the ones "
	    "affected by this deployment. It must match the pod template's "
	    "labels.", 1 },
	{ NULL, NULL, NULL, NULL, 0 },
};

/* ---- helpers shared by the workload kinds ---- */

/* Defaults of a PodTemplateSpec: the pod spec's, and the creationTimestamp
 * null that kube-apiserver writes into every embedded ObjectMeta. */
void
deployments_template_defaults(json_t *tmpl)
{
	json_t *meta;

	if (!json_is_object(tmpl))
		return;
	meta = reg_mkpath(tmpl, "metadata");
	if (meta != NULL && json_object_get(meta, "creationTimestamp") == NULL)
		json_object_set_new(meta, "creationTimestamp", json_null());
	pods_default_spec(reg_mkpath(tmpl, "spec"));
}

static void
deployments_addf(char *out, size_t len, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
deployments_addf(char *out, size_t len, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (*n >= len)
		return;
	va_start(ap, fmt);
	r = vsnprintf(out + *n, len - *n, fmt, ap);
	va_end(ap);
	if (r > 0)
		*n += (size_t)r;
	if (*n >= len)
		*n = len - 1;
}

static int
deployments_cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Go's %#v of a map[string]string: map[string]string{"a":"b", "c":"d"},
 * keys sorted; map[string]string(nil) when absent. */
void
deployments_go_map(const json_t *map, char *out, size_t len)
{
	const char **keys;
	const char *k;
	json_t *v;
	size_t n = 0, i = 0, count;
	char q1[300], q2[300];

	out[0] = '\0';
	if (!json_is_object(map)) {
		snprintf(out, len, "map[string]string(nil)");
		return;
	}
	count = json_object_size(map);
	keys = calloc(count + 1, sizeof *keys);
	if (keys == NULL) {
		snprintf(out, len, "map[string]string{}");
		return;
	}
	json_object_foreach((json_t *)map, k, v)
		keys[i++] = k;
	qsort(keys, count, sizeof *keys, deployments_cmp_str);
	deployments_addf(out, len, &n, "map[string]string{");
	for (i = 0; i < count; i++)
		deployments_addf(out, len, &n, "%s%s:%s", i ? ", " : "",
		    reg_quote(keys[i], q1, sizeof q1),
		    reg_quote(json_string_value(json_object_get(map, keys[i])),
		    q2, sizeof q2));
	deployments_addf(out, len, &n, "}");
	free(keys);
}

static void
deployments_go_strings(const json_t *a, char *out, size_t len, size_t *n)
{
	char q[300];
	size_t i;

	if (!json_is_array(a)) {
		deployments_addf(out, len, n, "[]string(nil)");
		return;
	}
	deployments_addf(out, len, n, "[]string{");
	for (i = 0; i < json_array_size(a); i++)
		deployments_addf(out, len, n, "%s%s", i ? ", " : "",
		    reg_quote(json_string_value(json_array_get(a, i)), q,
		    sizeof q));
	deployments_addf(out, len, n, "}");
}

/* Go's %#v of a metav1.LabelSelector value (field errors print the
 * value a pointer points to, as in 1.33). */
void
deployments_go_selector(const json_t *sel, char *out, size_t len)
{
	const json_t *exprs = json_object_get(sel, "matchExpressions"), *e;
	char m[1024], q1[300], q2[300];
	size_t n = 0, i;

	if (sel == NULL || json_is_null(sel)) {
		/* a nil *LabelSelector prints as the string "null" */
		snprintf(out, len, "\"null\"");
		return;
	}
	deployments_go_map(json_object_get(sel, "matchLabels"), m, sizeof m);
	deployments_addf(out, len, &n, "v1.LabelSelector{MatchLabels:%s, "
	    "MatchExpressions:", m);
	if (!json_is_array(exprs))
		deployments_addf(out, len, &n,
		    "[]v1.LabelSelectorRequirement(nil)");
	else {
		deployments_addf(out, len, &n, "[]v1.LabelSelectorRequirement{");
		json_array_foreach(exprs, i, e) {
			deployments_addf(out, len, &n, "%sv1.LabelSelector"
			    "Requirement{Key:%s, Operator:%s, Values:",
			    i ? ", " : "", reg_quote(reg_str(e, "key"), q1,
			    sizeof q1), reg_quote(reg_str(e, "operator"), q2,
			    sizeof q2));
			deployments_go_strings(json_object_get(e, "values"),
			    out, len, &n);
			deployments_addf(out, len, &n, "}");
		}
		deployments_addf(out, len, &n, "}");
	}
	deployments_addf(out, len, &n, "}");
}

/* ValidateNonnegativeField on obj[key] when present. */
void
deployments_check_nonneg(const json_t *obj, const char *key,
    const char *path, struct err *err)
{
	json_t *v = json_object_get(obj, key);
	char val[32];

	if (json_is_integer(v) && json_integer_value(v) < 0) {
		snprintf(val, sizeof val, "%lld",
		    (long long)json_integer_value(v));
		err_field(err, ERR_CAUSE_INVALID, path, val,
		    "must be greater than or equal to 0");
	}
}

static void
deployments_check_labels(const json_t *labels, const char *path,
    struct err *err)
{
	const char *k;
	json_t *v;
	char why[512], val[300];

	json_object_foreach((json_t *)labels, k, v) {
		if (names_label_key(k, why, sizeof why) < 0)
			err_field(err, ERR_CAUSE_INVALID, path,
			    reg_quote(k, val, sizeof val), "%s", why);
		if (json_is_string(v) && names_label_value(json_string_value(v),
		    why, sizeof why) < 0)
			err_field(err, ERR_CAUSE_INVALID, path,
			    reg_quote(json_string_value(v), val, sizeof val),
			    "%s", why);
	}
}

/* metav1 ValidateLabelSelector; returns -1 when the selector is not
 * usable (LabelSelectorAsSelector would fail). */
int
deployments_check_selector(const json_t *sel, const char *path,
    struct err *err)
{
	const json_t *exprs = json_object_get(sel, "matchExpressions"), *e;
	const char *op;
	char p[300], f[340], why[512], val[300];
	size_t i, j;
	int bad = 0;

	reg_path(p, sizeof p, path, "matchLabels");
	deployments_check_labels(json_object_get(sel, "matchLabels"), p, err);
	json_array_foreach(exprs, i, e) {
		snprintf(p, sizeof p, "%s.matchExpressions[%zu]", path, i);
		op = reg_str(e, "operator");
		op = op ? op : "";
		if (strcmp(op, "In") == 0 || strcmp(op, "NotIn") == 0) {
			if (json_array_size(json_object_get(e, "values")) == 0) {
				err_field(err, ERR_CAUSE_REQUIRED, reg_path(f,
				    sizeof f, p, "values"), NULL, "must be "
				    "specified when `operator` is 'In' or "
				    "'NotIn'");
				bad = 1;
			}
		} else if (strcmp(op, "Exists") == 0 ||
		    strcmp(op, "DoesNotExist") == 0) {
			if (json_array_size(json_object_get(e, "values")) > 0) {
				err_field(err, ERR_CAUSE_FORBIDDEN, reg_path(f,
				    sizeof f, p, "values"), NULL, "may not be "
				    "specified when `operator` is 'Exists' or "
				    "'DoesNotExist'");
				bad = 1;
			}
		} else {
			err_field(err, ERR_CAUSE_INVALID, reg_path(f, sizeof f,
			    p, "operator"), reg_quote(op, val, sizeof val),
			    "not a valid selector operator");
			bad = 1;
		}
		if (names_label_key(reg_str(e, "key") ? reg_str(e, "key") : "",
		    why, sizeof why) < 0) {
			err_field(err, ERR_CAUSE_INVALID, reg_path(f, sizeof f, p,
			    "key"), reg_quote(reg_str(e, "key"), val,
			    sizeof val), "%s", why);
			bad = 1;
		}
		for (j = 0; j < json_array_size(json_object_get(e, "values"));
		    j++) {
			const char *s = json_string_value(json_array_get(
			    json_object_get(e, "values"), j));

			if (names_label_value(s ? s : "", why, sizeof why) < 0) {
				snprintf(f, sizeof f, "%s.values[%zu]", p, j);
				err_field(err, ERR_CAUSE_INVALID, f,
				    reg_quote(s, val, sizeof val), "%s", why);
				bad = 1;
			}
		}
	}
	return bad ? -1 : 0;
}

/*
 * LabelSelectorAsSelector(sel).Matches(labels): a missing selector
 * matches nothing, an empty one everything; -1 when it does not parse.
 */
int
deployments_selector_matches(const json_t *sel, const json_t *labels)
{
	struct selector *s = NULL;
	int rc;

	if (sel == NULL || json_is_null(sel))
		return 0;
	if (selector_from_json(sel, &s, NULL) < 0)
		return -1;
	rc = selector_matches(s, labels) ? 1 : 0;
	selector_free(s);
	return rc;
}

/* LabelSelectorAsSelector succeeds (a missing selector does). */
int
deployments_selector_usable(const json_t *sel)
{
	struct selector *s = NULL;

	if (sel == NULL || json_is_null(sel))
		return 1;
	if (selector_from_json(sel, &s, NULL) < 0)
		return 0;
	selector_free(s);
	return 1;
}

/* ValidatePodTemplateSpec's metadata part: labels and annotations. */
void
deployments_check_template_meta(const json_t *tmpl, const char *path,
    struct err *err)
{
	const json_t *meta = json_object_get(tmpl, "metadata");
	const char *k;
	json_t *v;
	char p[300], why[512], val[300];

	deployments_check_labels(json_object_get(meta, "labels"),
	    reg_path(p, sizeof p, path, "metadata.labels"), err);
	reg_path(p, sizeof p, path, "metadata.annotations");
	json_object_foreach(json_object_get(meta, "annotations"), k, v) {
		if (names_qualified_name(k, why, sizeof why) < 0)
			err_field(err, ERR_CAUSE_INVALID, p,
			    reg_quote(k, val, sizeof val), "%s", why);
	}
}

/*
 * ValidatePodTemplateSpecForReplicaSet: the selector must match the
 * template's labels (unless it is empty), the template must be valid and
 * its pods must restart Always.  what names the kind in the
 * activeDeadlineSeconds message ("ReplicaSet", "StatefulSet"); NULL
 * leaves that check to the caller.
 */
void
deployments_check_template(const json_t *tmpl, const json_t *sel,
    const char *path, const char *what, struct err *err)
{
	const json_t *labels = reg_get(tmpl, "metadata.labels");
	const json_t *spec = json_object_get(tmpl, "spec");
	struct selector *s = NULL;
	const char *rp;
	char p[300], val[1024];
	int empty = 0, match = 0;

	if (!json_is_object(tmpl)) {
		err_field(err, ERR_CAUSE_REQUIRED, path, NULL, NULL);
		return;
	}
	if (sel != NULL && !json_is_null(sel)) {
		if (selector_from_json(sel, &s, NULL) < 0)
			return;	/* "invalid label selector" was reported */
		empty = selector_empty(s);
		match = selector_matches(s, labels);
		selector_free(s);
	}
	if (!empty && !match) {
		deployments_go_map(labels, val, sizeof val);
		err_field(err, ERR_CAUSE_INVALID, reg_path(p, sizeof p, path,
		    "metadata.labels"), val,
		    "`selector` does not match template `labels`");
	}
	deployments_check_template_meta(tmpl, path, err);
	pods_validate_spec(spec, reg_path(p, sizeof p, path, "spec"), err);
	rp = reg_str(spec, "restartPolicy");
	if (rp != NULL && strcmp(rp, "Always") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, reg_path(p, sizeof p,
		    path, "spec.restartPolicy"), reg_quote(rp, val, sizeof val),
		    "supported values: \"Always\"");
	if (what != NULL &&
	    json_object_get(spec, "activeDeadlineSeconds") != NULL &&
	    !json_is_null(json_object_get(spec, "activeDeadlineSeconds")))
		err_field(err, ERR_CAUSE_FORBIDDEN, reg_path(p, sizeof p, path,
		    "spec.activeDeadlineSeconds"), NULL, "activeDeadlineSeconds "
		    "in %s is not Supported", what);
}

/* layoutContainerCells: names and images joined by ",". */
void
deployments_template_cells(const json_t *tmpl, json_t *cells)
{
	const json_t *cs = reg_get(tmpl, "spec.containers"), *c;
	struct buf names = BUF_INIT(0), images = BUF_INIT(0);
	const char *s;
	size_t i;

	json_array_foreach(cs, i, c) {
		if (i > 0) {
			buf_addc(&names, ',');
			buf_addc(&images, ',');
		}
		if ((s = reg_str(c, "name")) != NULL)
			buf_adds(&names, s);
		if ((s = reg_str(c, "image")) != NULL)
			buf_adds(&images, s);
	}
	json_array_append_new(cells, json_string(buf_str(&names)));
	json_array_append_new(cells, json_string(buf_str(&images)));
	buf_release(&names);
	buf_release(&images);
}

/* metav1.FormatLabelSelector: "<none>" when it selects nothing or
 * everything, "<error>" when it does not parse. */
void
deployments_cell_selector(json_t *cells, const json_t *sel)
{
	struct selector *s = NULL;
	struct buf b = BUF_INIT(0);

	if (sel == NULL || json_is_null(sel)) {
		json_array_append_new(cells, json_string("<none>"));
		return;
	}
	if (selector_from_json(sel, &s, NULL) < 0) {
		json_array_append_new(cells, json_string("<error>"));
		return;
	}
	selector_string(s, &b);
	json_array_append_new(cells, json_string(b.len ? buf_str(&b) :
	    "<none>"));
	selector_free(s);
	buf_release(&b);
}

/* ---- Deployment ---- */

static void
deployments_defaults(json_t *obj)
{
	json_t *spec = reg_mkpath(obj, "spec");
	const char *type;

	reg_default_int(obj, "spec.replicas", 1);
	reg_default_str(obj, "spec.strategy.type", "RollingUpdate");
	type = reg_str(obj, "spec.strategy.type");
	if (type != NULL && strcmp(type, "RollingUpdate") == 0) {
		reg_default_str(obj, "spec.strategy.rollingUpdate.maxUnavailable",
		    "25%");
		reg_default_str(obj, "spec.strategy.rollingUpdate.maxSurge",
		    "25%");
	}
	reg_default_int(obj, "spec.revisionHistoryLimit", 10);
	reg_default_int(obj, "spec.progressDeadlineSeconds", 600);
	deployments_template_defaults(reg_mkpath(spec, "template"));
}

/* Go's %#v of an intstr.IntOrString. */
static void
deployments_go_intstr(const json_t *v, char *out, size_t len)
{
	char q[300];

	if (json_is_integer(v))
		snprintf(out, len, "intstr.IntOrString{Type:0, IntVal:%lld, "
		    "StrVal:\"\"}", (long long)json_integer_value(v));
	else
		snprintf(out, len, "intstr.IntOrString{Type:1, IntVal:0, "
		    "StrVal:%s}", reg_quote(json_string_value(v), q, sizeof q));
}

/* ValidatePositiveIntOrPercent (+ not more than 100%); returns the value
 * as a number or percent, -1 when invalid, -2 when absent. */
static long long
deployments_check_intstr(const json_t *v, const char *path, int max100,
    struct err *err)
{
	const char *s, *p;
	char val[400];
	long long n;

	if (v == NULL || json_is_null(v))
		return -2;
	if (json_is_integer(v)) {
		n = json_integer_value(v);
		if (n < 0) {
			snprintf(val, sizeof val, "%lld", n);
			err_field(err, ERR_CAUSE_INVALID, path, val,
			    "must be greater than or equal to 0");
			return -1;
		}
		return n;
	}
	s = json_string_value(v);
	for (p = s; p != NULL && *p >= '0' && *p <= '9'; p++)
		;
	if (s == NULL || p == s || strcmp(p, "%") != 0) {
		deployments_go_intstr(v, val, sizeof val);
		err_field(err, ERR_CAUSE_INVALID, path, val, "a valid percent "
		    "string must be a numeric string followed by an ending '%%' "
		    "(e.g. '1%%',  or '93%%', regex used for validation is "
		    "'[0-9]+%%')");
		return -1;
	}
	n = strtoll(s, NULL, 10);
	if (max100 && n > 100) {
		deployments_go_intstr(v, val, sizeof val);
		err_field(err, ERR_CAUSE_INVALID, path, val,
		    "must not be greater than 100%%");
		return -1;
	}
	return n;
}

static void
deployments_check_strategy(const json_t *st, struct err *err)
{
	const char *type = reg_str(st, "type");
	const json_t *ru = json_object_get(st, "rollingUpdate");
	char val[400];
	long long mu, ms;

	if (type != NULL && strcmp(type, "Recreate") == 0) {
		if (ru != NULL && !json_is_null(ru))
			err_field(err, ERR_CAUSE_FORBIDDEN,
			    "spec.strategy.rollingUpdate", NULL, "may not be "
			    "specified when strategy `type` is 'Recreate'");
		return;
	}
	if (type == NULL || strcmp(type, "RollingUpdate") != 0) {
		reg_quote(type, val, sizeof val);
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "spec.strategy.type", val,
		    "supported values: \"Recreate\", \"RollingUpdate\"");
		return;
	}
	if (!json_is_object(ru)) {
		err_field(err, ERR_CAUSE_REQUIRED, "spec.strategy.rollingUpdate",
		    NULL, "this should be defaulted and never be nil");
		return;
	}
	mu = deployments_check_intstr(json_object_get(ru, "maxUnavailable"),
	    "spec.strategy.rollingUpdate.maxUnavailable", 1, err);
	ms = deployments_check_intstr(json_object_get(ru, "maxSurge"),
	    "spec.strategy.rollingUpdate.maxSurge", 0, err);
	if (mu == 0 && ms == 0) {
		const json_t *v = json_object_get(ru, "maxUnavailable");

		if (json_is_integer(v))
			snprintf(val, sizeof val, "%lld",
			    (long long)json_integer_value(v));
		else
			deployments_go_intstr(v, val, sizeof val);
		err_field(err, ERR_CAUSE_INVALID,
		    "spec.strategy.rollingUpdate.maxUnavailable", val,
		    "may not be 0 when `maxSurge` is 0");
	}
}

static int
deployments_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *spec = json_object_get(obj, "spec");
	const json_t *sel = json_object_get(spec, "selector"), *v;
	char val[1024];
	int selok = 0;

	deployments_check_nonneg(spec, "replicas", "spec.replicas", err);
	if (sel == NULL || json_is_null(sel))
		err_field(err, ERR_CAUSE_REQUIRED, "spec.selector", NULL, NULL);
	else {
		selok = deployments_check_selector(sel, "spec.selector", err);
		if (json_object_size(json_object_get(sel, "matchLabels")) +
		    json_array_size(json_object_get(sel, "matchExpressions")) ==
		    0) {
			deployments_go_selector(sel, val, sizeof val);
			err_field(err, ERR_CAUSE_INVALID, "spec.selector", val,
			    "empty selector is invalid for deployment");
		}
	}
	if (selok < 0 || !deployments_selector_usable(sel)) {
		deployments_go_selector(sel, val, sizeof val);
		err_field(err, ERR_CAUSE_INVALID, "spec.selector", val,
		    "invalid label selector");
	} else
		deployments_check_template(json_object_get(spec, "template"),
		    sel, "spec.template", "ReplicaSet", err);
	deployments_check_strategy(json_object_get(spec, "strategy"), err);
	deployments_check_nonneg(spec, "minReadySeconds",
	    "spec.minReadySeconds", err);
	deployments_check_nonneg(spec, "revisionHistoryLimit",
	    "spec.revisionHistoryLimit", err);
	if ((v = json_object_get(spec, "progressDeadlineSeconds")) != NULL &&
	    json_is_integer(v)) {
		deployments_check_nonneg(spec, "progressDeadlineSeconds",
		    "spec.progressDeadlineSeconds", err);
		if (json_integer_value(v) <= reg_int(spec, "minReadySeconds", 0)) {
			snprintf(val, sizeof val, "%lld",
			    (long long)json_integer_value(v));
			err_field(err, ERR_CAUSE_INVALID,
			    "spec.progressDeadlineSeconds", val,
			    "must be greater than minReadySeconds");
		}
	}
	if (old != NULL) {
		const json_t *osel = reg_get(old, "spec.selector");

		if (!json_equal((json_t *)sel, (json_t *)osel)) {
			deployments_go_selector(sel, val, sizeof val);
			err_field(err, ERR_CAUSE_INVALID, "spec.selector", val,
			    "field is immutable");
		}
	}
	return err_invalid(err, "Deployment.apps", reg_str(obj,
	    "metadata.name"));
}

static void
deployments_row(const json_t *obj, json_t *cells, long long now)
{
	const json_t *sel = reg_get(obj, "spec.selector");
	struct selector *s = NULL;
	struct buf b = BUF_INIT(0);
	char ready[64];

	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	snprintf(ready, sizeof ready, "%lld/%lld",
	    reg_int(obj, "status.readyReplicas", 0),
	    reg_int(obj, "spec.replicas", 0));
	json_array_append_new(cells, json_string(ready));
	reg_cell_int(cells, reg_int(obj, "status.updatedReplicas", 0));
	reg_cell_int(cells, reg_int(obj, "status.availableReplicas", 0));
	reg_cell_age(cells, obj, now);
	deployments_template_cells(reg_get(obj, "spec.template"), cells);
	/* selector.String(): "" for none/everything, "<invalid>" on error */
	if (sel != NULL && !json_is_null(sel) &&
	    selector_from_json(sel, &s, NULL) < 0)
		json_array_append_new(cells, json_string("<invalid>"));
	else {
		if (s != NULL)
			selector_string(s, &b);
		json_array_append_new(cells, json_string(buf_str(&b)));
	}
	if (s != NULL)
		selector_free(s);
	buf_release(&b);
}

const struct registry_kind registry_deployments = {
	.group = "apps",
	.version = "v1",
	.kind = "Deployment",
	.resource = "deployments",
	.singular = "deployment",
	.short_names = deployments_short,
	.categories = deployments_categories,
	.flags = REG_NAMESPACED | REG_STATUS | REG_SCALE,
	.defaults = deployments_defaults,
	.validate = deployments_validate,
	.columns = deployments_columns,
	.row = deployments_row,
	.scale_selector_path = "spec.selector",
};
