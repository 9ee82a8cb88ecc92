/* replicasets.c - apps/v1 ReplicaSet: replicas, a selector that matches
 * the pod template, and kubectl's DESIRED/CURRENT/READY columns.
 */
#include <stdio.h>
#include <string.h>

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

static const char *const replicasets_short[] = { "rs", NULL };
static const char *const replicasets_categories[] = { "all", NULL };
static const char *const replicasets_fields[] = { "status.replicas", NULL };

static const struct registry_column replicasets_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Desired", "integer", "", "Replicas is the number of desired pods. "
	    "This is a pointer to distinguish between explicit zero and "
	    "unspecified. Defaults to 1. More info: https://kubernetes.io/docs/"
	    "concepts/workloads/controllers/replicaset/#how-a-replicaset-works",
	    0 },
	{ "Current", "integer", "", "Replicas is the most recently observed "
	    "number of non-terminating pods. More info: https://kubernetes.io/"
	    "docs/concepts/workloads/controllers/replicaset/#how-a-replicaset-"
	    "works", 0 },
	{ "Ready", "integer", "", "The number of non-terminating pods targeted "
	    "by this ReplicaSet with a Ready Condition.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ "Containers", "string", "", "Names of each container in the "
	    "template.", 1 },
	{ "Images", "string", "", "Images referenced by each container in the "
	    "template.", 1 },
	{ "Selector", "string", "", "Selector is a label query over pods that "
	    "should match the replica count. Label keys and values that must "
	    "match in order to be controlled by this replica set. It must match "
	    "the pod template's labels. More info: https://kubernetes.io/docs/"
	    "concepts/overview/working-with-objects/labels/#label-selectors", 1 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static void
replicasets_defaults(json_t *obj)
{
	reg_default_int(obj, "spec.replicas", 1);
	deployments_template_defaults(reg_mkpath(obj, "spec.template"));
}

static int
replicasets_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *spec = json_object_get(obj, "spec");
	const json_t *sel = json_object_get(spec, "selector");
	char val[1024];
	int selok = 0;

	deployments_check_nonneg(spec, "replicas", "spec.replicas", err);
	deployments_check_nonneg(spec, "minReadySeconds",
	    "spec.minReadySeconds", err);
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
	if (old != NULL && !json_equal((json_t *)sel,
	    reg_get(old, "spec.selector"))) {
		deployments_go_selector(sel, val, sizeof val);
		err_field(err, ERR_CAUSE_INVALID, "spec.selector", val,
		    "field is immutable");
	}
	return err_invalid(err, "ReplicaSet.apps", reg_str(obj,
	    "metadata.name"));
}

static void
replicasets_row(const json_t *obj, json_t *cells, long long now)
{
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_int(cells, reg_int(obj, "spec.replicas", 0));
	reg_cell_int(cells, reg_int(obj, "status.replicas", 0));
	reg_cell_int(cells, reg_int(obj, "status.readyReplicas", 0));
	reg_cell_age(cells, obj, now);
	deployments_template_cells(reg_get(obj, "spec.template"), cells);
	deployments_cell_selector(cells, reg_get(obj, "spec.selector"));
}

const struct registry_kind registry_replicasets = {
	.group = "apps",
	.version = "v1",
	.kind = "ReplicaSet",
	.resource = "replicasets",
	.singular = "replicaset",
	.short_names = replicasets_short,
	.categories = replicasets_categories,
	.flags = REG_NAMESPACED | REG_STATUS | REG_SCALE,
	.defaults = replicasets_defaults,
	.validate = replicasets_validate,
	.columns = replicasets_columns,
	.row = replicasets_row,
	.fields = replicasets_fields,
	.scale_selector_path = "spec.selector",
};
