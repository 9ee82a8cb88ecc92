/* statefulsets.c - apps/v1 StatefulSet: ordered pods with stable names,
 * defaulting of the update strategy and PVC templates, and the rule that
 * only a few spec fields may change after creation.
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

static const char *const statefulsets_short[] = { "sts", NULL };
static const char *const statefulsets_categories[] = { "all", NULL };

static const struct registry_column statefulsets_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Ready", "string", "", "Number of the pod with ready state", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ "Containers", "string", "", "Names of each container in the "
	    "template.", 1 },
	{ "Images", "string", "", "Images referenced by each container in the "
	    "template.", 1 },
	{ NULL, NULL, NULL, NULL, 0 },
};

/* Spec fields an update may change. */
static const char *const statefulsets_mutable[] = { "replicas", "ordinals",
    "template", "updateStrategy", "revisionHistoryLimit",
    "persistentVolumeClaimRetentionPolicy", "minReadySeconds", NULL };

static void
statefulsets_defaults(json_t *obj)
{
	json_t *spec = reg_mkpath(obj, "spec"), *vcts, *pvc, *meta;
	const char *type;
	size_t i;

	reg_default_str(obj, "spec.podManagementPolicy", "OrderedReady");
	if (reg_str(obj, "spec.updateStrategy.type") == NULL) {
		reg_default_str(obj, "spec.updateStrategy.type", "RollingUpdate");
		reg_mkpath(obj, "spec.updateStrategy.rollingUpdate");
	}
	type = reg_str(obj, "spec.updateStrategy.type");
	if (type != NULL && strcmp(type, "RollingUpdate") == 0 &&
	    json_is_object(reg_get(obj, "spec.updateStrategy.rollingUpdate")))
		reg_default_int(obj,
		    "spec.updateStrategy.rollingUpdate.partition", 0);
	reg_default_str(obj,
	    "spec.persistentVolumeClaimRetentionPolicy.whenDeleted", "Retain");
	reg_default_str(obj,
	    "spec.persistentVolumeClaimRetentionPolicy.whenScaled", "Retain");
	reg_default_int(obj, "spec.replicas", 1);
	reg_default_int(obj, "spec.revisionHistoryLimit", 10);
	deployments_template_defaults(reg_mkpath(spec, "template"));
	vcts = json_object_get(spec, "volumeClaimTemplates");
	json_array_foreach(vcts, i, pvc) {
		if (!json_is_object(pvc))
			continue;
		reg_default_str(pvc, "apiVersion", "v1");
		reg_default_str(pvc, "kind", "PersistentVolumeClaim");
		meta = reg_mkpath(pvc, "metadata");
		if (json_object_get(meta, "creationTimestamp") == NULL)
			json_object_set_new(meta, "creationTimestamp",
			    json_null());
		reg_default_str(pvc, "spec.volumeMode", "Filesystem");
		reg_default_str(pvc, "status.phase", "Pending");
	}
}

static void
statefulsets_check_policy(const json_t *pol, const char *key,
    struct err *err)
{
	const char *v = reg_str(pol, key);
	char field[128], val[300];

	if (v == NULL || strcmp(v, "Retain") == 0 || strcmp(v, "Delete") == 0)
		return;
	snprintf(field, sizeof field,
	    "spec.persistentVolumeClaimRetentionPolicy.%s", key);
	err_field(err, ERR_CAUSE_NOT_SUPPORTED, field, reg_quote(v, val,
	    sizeof val), "supported values: \"Delete\", \"Retain\"");
}

static void
statefulsets_check_update(const json_t *obj, const json_t *old,
    struct err *err)
{
	json_t *a = json_deep_copy(json_object_get(obj, "spec"));
	json_t *b = json_deep_copy(json_object_get(old, "spec"));
	size_t i;

	for (i = 0; statefulsets_mutable[i] != NULL; i++) {
		if (a != NULL)
			json_object_del(a, statefulsets_mutable[i]);
		if (b != NULL)
			json_object_del(b, statefulsets_mutable[i]);
	}
	if (!json_equal(a, b) && !(a == NULL && b == NULL))
		err_field(err, ERR_CAUSE_FORBIDDEN, "spec", NULL, "updates to "
		    "statefulset spec for fields other than 'replicas', "
		    "'ordinals', 'template', 'updateStrategy', "
		    "'revisionHistoryLimit', "
		    "'persistentVolumeClaimRetentionPolicy' and "
		    "'minReadySeconds' are forbidden");
	json_decref(a);
	json_decref(b);
}

static int
statefulsets_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *spec = json_object_get(obj, "spec");
	const json_t *sel = json_object_get(spec, "selector");
	const json_t *ru = reg_get(spec, "updateStrategy.rollingUpdate");
	const char *pmp = reg_str(spec, "podManagementPolicy");
	const char *ust = reg_str(spec, "updateStrategy.type");
	char val[1024];
	int selok = 0;

	if (pmp == NULL || pmp[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, "spec.podManagementPolicy",
		    NULL, NULL);
	else if (strcmp(pmp, "OrderedReady") != 0 &&
	    strcmp(pmp, "Parallel") != 0)
		err_field(err, ERR_CAUSE_INVALID, "spec.podManagementPolicy",
		    reg_quote(pmp, val, sizeof val),
		    "must be 'OrderedReady' or 'Parallel'");
	if (ust == NULL || ust[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, "spec.updateStrategy", NULL,
		    NULL);
	else if (strcmp(ust, "OnDelete") == 0) {
		if (ru != NULL && !json_is_null(ru))
			err_field(err, ERR_CAUSE_INVALID,
			    "spec.updateStrategy.rollingUpdate", NULL,
			    "only allowed for updateStrategy 'RollingUpdate'");
	} else if (strcmp(ust, "RollingUpdate") == 0)
		deployments_check_nonneg(ru, "partition",
		    "spec.updateStrategy.rollingUpdate.partition", err);
	else
		err_field(err, ERR_CAUSE_INVALID, "spec.updateStrategy", NULL,
		    "must be 'RollingUpdate' or 'OnDelete'");
	statefulsets_check_policy(json_object_get(spec,
	    "persistentVolumeClaimRetentionPolicy"), "whenDeleted", err);
	statefulsets_check_policy(json_object_get(spec,
	    "persistentVolumeClaimRetentionPolicy"), "whenScaled", err);
	deployments_check_nonneg(spec, "replicas", "spec.replicas", err);
	deployments_check_nonneg(json_object_get(spec, "ordinals"), "start",
	    "spec.ordinals.start", err);
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
			    "empty selector is invalid for statefulset");
		}
	}
	if (selok < 0 || !deployments_selector_usable(sel)) {
		deployments_go_selector(sel, val, sizeof val);
		err_field(err, ERR_CAUSE_INVALID, "spec.selector", val, NULL);
	} else
		deployments_check_template(json_object_get(spec, "template"),
		    sel, "spec.template", "StatefulSet", err);
	if (old != NULL)
		statefulsets_check_update(obj, old, err);
	return err_invalid(err, "StatefulSet.apps", reg_str(obj,
	    "metadata.name"));
}

static void
statefulsets_row(const json_t *obj, json_t *cells, long long now)
{
	char ready[64];

	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	snprintf(ready, sizeof ready, "%lld/%lld",
	    reg_int(obj, "status.readyReplicas", 0),
	    reg_int(obj, "spec.replicas", 0));
	json_array_append_new(cells, json_string(ready));
	reg_cell_age(cells, obj, now);
	deployments_template_cells(reg_get(obj, "spec.template"), cells);
}

const struct registry_kind registry_statefulsets = {
	.group = "apps",
	.version = "v1",
	.kind = "StatefulSet",
	.resource = "statefulsets",
	.singular = "statefulset",
	.short_names = statefulsets_short,
	.categories = statefulsets_categories,
	.flags = REG_NAMESPACED | REG_STATUS | REG_SCALE,
	.defaults = statefulsets_defaults,
	.validate = statefulsets_validate,
	.columns = statefulsets_columns,
	.row = statefulsets_row,
	.scale_selector_path = "spec.selector",
};
