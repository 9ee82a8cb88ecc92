/* daemonsets.c - apps/v1 DaemonSet: one pod per node, the rolling update
 * defaults (maxUnavailable 1, maxSurge 0) and kubectl's columns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/buf.h"
#include "kinds.h"

/* deployments.c */
void	deployments_template_defaults(json_t *tmpl);
void	deployments_go_selector(const json_t *sel, char *out, size_t len);
void	deployments_check_nonneg(const json_t *obj, const char *key,
	    const char *path, struct err *err);
int	deployments_check_selector(const json_t *sel, const char *path,
	    struct err *err);
int	deployments_selector_usable(const json_t *sel);
void	deployments_check_template(const json_t *tmpl, const json_t *sel,
	    const char *path, const char *what, struct err *err);
void	deployments_template_cells(const json_t *tmpl, json_t *cells);
void	deployments_cell_selector(json_t *cells, const json_t *sel);

static const char *const daemonsets_short[] = { "ds", NULL };
static const char *const daemonsets_categories[] = { "all", NULL };

static const struct registry_column daemonsets_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Desired", "integer", "", "The total number of nodes that should be "
	    "running the daemon pod (including nodes correctly running the "
	    "daemon pod). More info: https://kubernetes.io/docs/concepts/"
	    "workloads/controllers/daemonset/", 0 },
	{ "Current", "integer", "", "The number of nodes that are running at "
	    "least 1 daemon pod and are supposed to run the daemon pod. More "
	    "info: https://kubernetes.io/docs/concepts/workloads/controllers/"
	    "daemonset/", 0 },
	{ "Ready", "integer", "", "numberReady is the number of nodes that "
	    "should be running the daemon pod and have one or more of the "
	    "daemon pod running with a Ready Condition.", 0 },
	{ "Up-to-date", "integer", "", "The total number of nodes that are "
	    "running updated daemon pod", 0 },
	{ "Available", "integer", "", "The number of nodes that should be "
	    "running the daemon pod and have one or more of the daemon pod "
	    "running and available (ready for at least spec.minReadySeconds)",
	    0 },
	{ "Node Selector", "string", "", "NodeSelector is a selector which "
	    "must be true for the pod to fit on a node. Selector which must "
	    "match a node's labels for the pod to be scheduled on that node. "
	    "More info: https://kubernetes.io/docs/concepts/configuration/"
	    "assign-pod-node/", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ "Containers", "string", "", "Names of each container in the "
	    "template.", 1 },
	{ "Images", "string", "", "Images referenced by each container in the "
	    "template.", 1 },
	{ "Selector", "string", "", "A label query over pods that are managed "
	    "by the daemon set. Must match in order to be controlled. It must "
	    "match the pod template's labels. More info: https://kubernetes.io/"
	    "docs/concepts/overview/working-with-objects/labels/#label-"
	    "selectors", 1 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static void
daemonsets_defaults(json_t *obj)
{
	const char *type;

	reg_default_str(obj, "spec.updateStrategy.type", "RollingUpdate");
	type = reg_str(obj, "spec.updateStrategy.type");
	if (type != NULL && strcmp(type, "RollingUpdate") == 0) {
		reg_default_int(obj,
		    "spec.updateStrategy.rollingUpdate.maxUnavailable", 1);
		reg_default_int(obj,
		    "spec.updateStrategy.rollingUpdate.maxSurge", 0);
	}
	reg_default_int(obj, "spec.revisionHistoryLimit", 10);
	deployments_template_defaults(reg_mkpath(obj, "spec.template"));
}

static void
daemonsets_check_strategy(const json_t *st, struct err *err)
{
	const char *type = reg_str(st, "type");
	const json_t *ru = json_object_get(st, "rollingUpdate");
	const json_t *mu = json_object_get(ru, "maxUnavailable");
	const json_t *ms = json_object_get(ru, "maxSurge");
	char val[64];

	if (type != NULL && strcmp(type, "OnDelete") == 0)
		return;
	if (type == NULL || strcmp(type, "RollingUpdate") != 0) {
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "spec.updateStrategy",
		    NULL, "supported values: \"RollingUpdate\", \"OnDelete\"");
		return;
	}
	if (!json_is_object(ru)) {
		err_field(err, ERR_CAUSE_REQUIRED,
		    "spec.updateStrategy.rollingUpdate", NULL, NULL);
		return;
	}
	deployments_check_nonneg(ru, "maxUnavailable",
	    "spec.updateStrategy.rollingUpdate.maxUnavailable", err);
	deployments_check_nonneg(ru, "maxSurge",
	    "spec.updateStrategy.rollingUpdate.maxSurge", err);
	if ((json_is_integer(mu) && json_integer_value(mu) == 0) ||
	    (json_is_string(mu) && strcmp(json_string_value(mu), "0%") == 0)) {
		if (ms == NULL || (json_is_integer(ms) &&
		    json_integer_value(ms) == 0) || (json_is_string(ms) &&
		    strcmp(json_string_value(ms), "0%") == 0)) {
			snprintf(val, sizeof val, "%s", json_is_integer(mu) ?
			    "0" : "\"0%\"");
			err_field(err, ERR_CAUSE_INVALID,
			    "spec.updateStrategy.rollingUpdate.maxUnavailable",
			    val, "may not be 0 when `maxSurge` is 0");
		}
	}
}

static int
daemonsets_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *spec = json_object_get(obj, "spec");
	const json_t *sel = json_object_get(spec, "selector"), *v;
	char val[1024];
	int selok = 0;

	if (sel != NULL && !json_is_null(sel))
		selok = deployments_check_selector(sel, "spec.selector", err);
	if (selok == 0 && deployments_selector_usable(sel))
		deployments_check_template(json_object_get(spec, "template"),
		    sel, "spec.template", NULL, err);
	if (sel != NULL && !json_is_null(sel) &&
	    json_object_size(json_object_get(sel, "matchLabels")) +
	    json_array_size(json_object_get(sel, "matchExpressions")) == 0) {
		deployments_go_selector(sel, val, sizeof val);
		err_field(err, ERR_CAUSE_INVALID, "spec.selector", val,
		    "empty selector is invalid for daemonset");
	}
	v = reg_get(spec, "template.spec.activeDeadlineSeconds");
	if (json_is_integer(v)) {
		snprintf(val, sizeof val, "%lld",
		    (long long)json_integer_value(v));
		err_field(err, ERR_CAUSE_INVALID,
		    "spec.template.spec.activeDeadlineSeconds", val,
		    "activeDeadlineSeconds must be nil for daemons");
	}
	deployments_check_nonneg(spec, "minReadySeconds",
	    "spec.minReadySeconds", err);
	daemonsets_check_strategy(json_object_get(spec, "updateStrategy"), err);
	deployments_check_nonneg(spec, "revisionHistoryLimit",
	    "spec.revisionHistoryLimit", err);
	if (old != NULL && !json_equal((json_t *)sel,
	    reg_get(old, "spec.selector"))) {
		deployments_go_selector(sel, val, sizeof val);
		err_field(err, ERR_CAUSE_INVALID, "spec.selector", val,
		    "field is immutable");
	}
	return err_invalid(err, "DaemonSet.apps", reg_str(obj,
	    "metadata.name"));
}

static int
daemonsets_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* labels.FormatLabels: "k=v,..." sorted, "<none>" when empty. */
static void
daemonsets_cell_labels(json_t *cells, const json_t *map)
{
	struct buf b = BUF_INIT(0);
	const char **keys, *k;
	json_t *v;
	size_t n = json_object_size(map), i = 0;

	keys = calloc(n + 1, sizeof *keys);
	if (keys == NULL || n == 0) {
		free(keys);
		json_array_append_new(cells, json_string("<none>"));
		return;
	}
	json_object_foreach((json_t *)map, k, v)
		keys[i++] = k;
	qsort(keys, n, sizeof *keys, daemonsets_cmp);
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s%s=%s", i ? "," : "", keys[i],
		    json_string_value(json_object_get(map, keys[i])) ?: "");
	json_array_append_new(cells, json_string(buf_str(&b)));
	buf_release(&b);
	free(keys);
}

static void
daemonsets_row(const json_t *obj, json_t *cells, long long now)
{
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_int(cells, reg_int(obj, "status.desiredNumberScheduled", 0));
	reg_cell_int(cells, reg_int(obj, "status.currentNumberScheduled", 0));
	reg_cell_int(cells, reg_int(obj, "status.numberReady", 0));
	reg_cell_int(cells, reg_int(obj, "status.updatedNumberScheduled", 0));
	reg_cell_int(cells, reg_int(obj, "status.numberAvailable", 0));
	daemonsets_cell_labels(cells, reg_get(obj,
	    "spec.template.spec.nodeSelector"));
	reg_cell_age(cells, obj, now);
	deployments_template_cells(reg_get(obj, "spec.template"), cells);
	deployments_cell_selector(cells, reg_get(obj, "spec.selector"));
}

const struct registry_kind registry_daemonsets = {
	.group = "apps",
	.version = "v1",
	.kind = "DaemonSet",
	.resource = "daemonsets",
	.singular = "daemonset",
	.short_names = daemonsets_short,
	.categories = daemonsets_categories,
	.flags = REG_NAMESPACED | REG_STATUS,
	.defaults = daemonsets_defaults,
	.validate = daemonsets_validate,
	.columns = daemonsets_columns,
	.row = daemonsets_row,
};
