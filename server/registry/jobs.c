/* jobs.c - batch/v1 Job: completion/parallelism defaults, the generated
 * selector and controller-uid/job-name labels, kube-apiserver's checks and
 * kubectl's STATUS/COMPLETIONS/DURATION columns.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../../lib/rfc3339.h"
#include "kinds.h"

/* deployments.c */
void	deployments_template_defaults(json_t *tmpl);
void	deployments_go_map(const json_t *map, char *out, size_t len);
void	deployments_go_selector(const json_t *sel, char *out, size_t len);
void	deployments_check_nonneg(const json_t *obj, const char *key,
	    const char *path, struct err *err);
int	deployments_check_selector(const json_t *sel, const char *path,
	    struct err *err);
int	deployments_selector_matches(const json_t *sel, const json_t *labels);
void	deployments_check_template_meta(const json_t *tmpl, const char *path,
	    struct err *err);
void	deployments_template_cells(const json_t *tmpl, json_t *cells);
void	deployments_cell_selector(json_t *cells, const json_t *sel);

/* Shared with cronjobs.c. */
void	jobs_validate_spec(const json_t *spec, const char *path,
	    struct err *err);

#define JOBS_UID_LABEL		"batch.kubernetes.io/controller-uid"
#define JOBS_NAME_LABEL		"batch.kubernetes.io/job-name"
#define JOBS_LEGACY_UID_LABEL	"controller-uid"
#define JOBS_LEGACY_NAME_LABEL	"job-name"

static const char *const jobs_categories[] = { "all", NULL };
static const char *const jobs_fields[] = { "status.successful", NULL };

static const struct registry_column jobs_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Status", "string", "", "Status of the job.", 0 },
	{ "Completions", "string", "", "The number of pods which reached "
	    "phase Succeeded. The value increases monotonically for a given "
	    "spec. However, it may decrease in reaction to scale down of "
	    "elastic indexed jobs.", 0 },
	{ "Duration", "string", "", "Time required to complete the job.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ "Containers", "string", "", "Names of each container in the "
	    "template.", 1 },
	{ "Images", "string", "", "Images referenced by each container in the "
	    "template.", 1 },
	{ "Selector", "string", "", "A label query over pods that should "
	    "match the pod count. Normally, the system sets this field for "
	    "you. More info: https://kubernetes.io/docs/concepts/overview/"
	    "working-with-objects/labels/#label-selectors", 1 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static void
jobs_set_label(json_t *labels, const char *key, const char *v)
{
	if (json_object_get(labels, key) == NULL)
		json_object_set_new(labels, key, json_string(v ? v : ""));
}

/* generateSelector of the job strategy (create, manualSelector unset). */
static void
jobs_generate_selector(json_t *obj)
{
	const char *name = reg_str(obj, "metadata.name");
	const char *uid = reg_str(obj, "metadata.uid");
	json_t *labels, *ml;

	labels = reg_mkpath(obj, "spec.template.metadata.labels");
	if (labels == NULL)
		return;
	jobs_set_label(labels, JOBS_LEGACY_NAME_LABEL, name);
	jobs_set_label(labels, JOBS_NAME_LABEL, name);
	jobs_set_label(labels, JOBS_LEGACY_UID_LABEL, uid);
	jobs_set_label(labels, JOBS_UID_LABEL, uid);
	ml = reg_mkpath(obj, "spec.selector.matchLabels");
	if (ml != NULL)
		jobs_set_label(ml, JOBS_UID_LABEL, uid);
}

static void
jobs_defaults(json_t *obj)
{
	json_t *spec = reg_mkpath(obj, "spec"), *meta, *tl;
	const json_t *rules, *r, *conds, *c;
	size_t i, j;

	if (spec == NULL)
		return;
	if (json_object_get(spec, "completions") == NULL &&
	    json_object_get(spec, "parallelism") == NULL) {
		json_object_set_new(spec, "completions", json_integer(1));
		json_object_set_new(spec, "parallelism", json_integer(1));
	}
	reg_default_int(spec, "parallelism", 1);
	reg_default_int(spec, "backoffLimit",
	    json_object_get(spec, "backoffLimitPerIndex") ? 2147483647 : 6);
	reg_default_str(spec, "completionMode", "NonIndexed");
	reg_default_bool(spec, "suspend", 0);
	reg_default_bool(spec, "manualSelector", 0);
	rules = reg_get(spec, "podFailurePolicy.rules");
	json_array_foreach(rules, i, r) {
		conds = json_object_get(r, "onPodConditions");
		json_array_foreach(conds, j, c)
			reg_default_str((json_t *)c, "status", "True");
	}
	reg_default_str(spec, "podReplacementPolicy",
	    json_object_get(spec, "podFailurePolicy") ? "Failed" :
	    "TerminatingOrFailed");
	deployments_template_defaults(reg_mkpath(spec, "template"));
	if (reg_creating(obj) &&
	    !json_is_true(json_object_get(spec, "manualSelector")))
		jobs_generate_selector(obj);
	tl = reg_get(obj, "spec.template.metadata.labels");
	meta = reg_mkpath(obj, "metadata");
	if (json_is_object(tl) && json_object_size(json_object_get(meta,
	    "labels")) == 0)
		json_object_set_new(meta, "labels", json_deep_copy(tl));
}

/* ValidateHasLabel on the pod template. */
static void
jobs_has_label(const json_t *labels, const char *key, const char *want,
    struct err *err)
{
	const char *v = json_string_value(json_object_get(labels, key));
	char field[300], val[1024];

	snprintf(field, sizeof field, "spec.template.metadata.labels[%s]", key);
	if (json_object_get(labels, key) == NULL)
		err_field(err, ERR_CAUSE_REQUIRED, field, NULL, "must be '%s'",
		    want);
	else if (v == NULL || strcmp(v, want) != 0) {
		deployments_go_map(labels, val, sizeof val);
		err_field(err, ERR_CAUSE_INVALID, field, val, "must be '%s'",
		    want);
	}
}

/* validateGeneratedSelector. */
static void
jobs_check_generated(const json_t *obj, int prefixed, struct err *err)
{
	const json_t *spec = json_object_get(obj, "spec");
	const json_t *sel = json_object_get(spec, "selector");
	const json_t *labels = reg_get(spec, "template.metadata.labels");
	const char *uid = reg_str(obj, "metadata.uid");
	const char *name = reg_str(obj, "metadata.name");
	json_t *want;
	char val[1024];

	if (json_is_true(json_object_get(spec, "manualSelector")) ||
	    sel == NULL || json_is_null(sel))
		return;
	uid = uid ? uid : "";
	name = name ? name : "";
	if (uid[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, "metadata.uid", NULL, NULL);
	jobs_has_label(labels, JOBS_LEGACY_UID_LABEL, uid, err);
	jobs_has_label(labels, JOBS_LEGACY_NAME_LABEL, name, err);
	want = json_pack("{s:s, s:s}", JOBS_LEGACY_UID_LABEL, uid,
	    JOBS_LEGACY_NAME_LABEL, name);
	if (prefixed) {
		jobs_has_label(labels, JOBS_UID_LABEL, uid, err);
		jobs_has_label(labels, JOBS_NAME_LABEL, name, err);
		json_object_set_new(want, JOBS_UID_LABEL, json_string(uid));
		json_object_set_new(want, JOBS_NAME_LABEL, json_string(name));
	}
	if (deployments_selector_matches(sel, want) == 0) {
		deployments_go_selector(sel, val, sizeof val);
		err_field(err, ERR_CAUSE_INVALID, "spec.selector", val,
		    "`selector` not auto-generated");
	}
	json_decref(want);
}

/* validateJobSpec: everything but the selector (also for job templates). */
void
jobs_validate_spec(const json_t *spec, const char *path, struct err *err)
{
	static const char *const nonneg[] = { "parallelism", "completions",
	    "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished",
	    "backoffLimitPerIndex", "maxFailedIndexes", NULL };
	const char *mode = reg_str(spec, "completionMode");
	const char *prp = reg_str(spec, "podReplacementPolicy");
	const char *rp = reg_str(spec, "template.spec.restartPolicy");
	const json_t *pfp = json_object_get(spec, "podFailurePolicy");
	char f[300], val[300];
	size_t i;

	for (i = 0; nonneg[i] != NULL; i++)
		deployments_check_nonneg(spec, nonneg[i], reg_path(f, sizeof f,
		    path, nonneg[i]), err);
	if (mode != NULL && strcmp(mode, "NonIndexed") != 0 &&
	    strcmp(mode, "Indexed") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, reg_path(f, sizeof f,
		    path, "completionMode"), reg_quote(mode, val, sizeof val),
		    "supported values: \"NonIndexed\", \"Indexed\"");
	if (mode != NULL && strcmp(mode, "Indexed") == 0 &&
	    json_object_get(spec, "completions") == NULL)
		err_field(err, ERR_CAUSE_REQUIRED, reg_path(f, sizeof f, path,
		    "completions"), NULL, "when completion mode is Indexed");
	if ((mode == NULL || strcmp(mode, "NonIndexed") == 0) &&
	    json_is_integer(json_object_get(spec, "backoffLimitPerIndex"))) {
		snprintf(val, sizeof val, "%lld", reg_int(spec,
		    "backoffLimitPerIndex", 0));
		err_field(err, ERR_CAUSE_INVALID, reg_path(f, sizeof f, path,
		    "backoffLimitPerIndex"), val, "requires indexed completion "
		    "mode");
	}
	if (prp != NULL) {
		if (pfp != NULL && !json_is_null(pfp) &&
		    strcmp(prp, "Failed") != 0)
			err_field(err, ERR_CAUSE_NOT_SUPPORTED, reg_path(f,
			    sizeof f, path, "podReplacementPolicy"),
			    reg_quote(prp, val, sizeof val),
			    "supported values: \"Failed\"");
		else if (strcmp(prp, "Failed") != 0 &&
		    strcmp(prp, "TerminatingOrFailed") != 0)
			err_field(err, ERR_CAUSE_NOT_SUPPORTED, reg_path(f,
			    sizeof f, path, "podReplacementPolicy"),
			    reg_quote(prp, val, sizeof val), "supported values: "
			    "\"Failed\", \"TerminatingOrFailed\"");
	}
	deployments_check_template_meta(json_object_get(spec, "template"),
	    reg_path(f, sizeof f, path, "template"), err);
	pods_validate_spec(reg_get(spec, "template.spec"), reg_path(f,
	    sizeof f, path, "template.spec"), err);
	reg_path(f, sizeof f, path, "template.spec.restartPolicy");
	if (rp == NULL || rp[0] == '\0' || strcmp(rp, "Always") == 0)
		err_field(err, ERR_CAUSE_REQUIRED, f, NULL,
		    "valid values: \"OnFailure\", \"Never\"");
	else if (strcmp(rp, "OnFailure") != 0 && strcmp(rp, "Never") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, f, reg_quote(rp, val,
		    sizeof val), "supported values: \"OnFailure\", \"Never\"");
	else if (pfp != NULL && !json_is_null(pfp) &&
	    strcmp(rp, "Never") != 0)
		err_field(err, ERR_CAUSE_INVALID, f, reg_quote(rp, val,
		    sizeof val), "only \"Never\" is supported when "
		    "podFailurePolicy is specified");
}

/* The template may change only in its scheduling directives, and only
 * while the job is suspended and never started. */
static void
jobs_check_template_update(const json_t *obj, const json_t *old,
    struct err *err)
{
	static const char *const sched[] = { "spec.affinity",
	    "spec.nodeSelector", "spec.tolerations", "spec.schedulingGates",
	    "metadata.labels", "metadata.annotations", NULL };
	json_t *a = json_deep_copy(reg_get(obj, "spec.template"));
	json_t *b = json_deep_copy(reg_get(old, "spec.template"));
	json_t *pa, *pb;
	const char *dot;
	char parent[64];
	size_t i;

	if (json_is_true(reg_get(obj, "spec.suspend")) &&
	    reg_get(old, "status.startTime") == NULL && a != NULL && b != NULL)
		for (i = 0; sched[i] != NULL; i++) {
			dot = strchr(sched[i], '.');
			snprintf(parent, sizeof parent, "%.*s",
			    (int)(dot - sched[i]), sched[i]);
			pa = json_object_get(a, parent);
			pb = json_object_get(b, parent);
			json_object_del(pa, dot + 1);
			json_object_del(pb, dot + 1);
		}
	if (!json_equal(a, b) && !(a == NULL && b == NULL))
		err_field(err, ERR_CAUSE_INVALID, "spec.template", NULL,
		    "field is immutable");
	json_decref(a);
	json_decref(b);
}

static int
jobs_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *spec = json_object_get(obj, "spec");
	const json_t *sel = json_object_get(spec, "selector");
	const json_t *labels = reg_get(spec, "template.metadata.labels");
	char val[1024];
	int prefixed = 1;

	/* the prefixed labels are required unless an old job lacks them */
	if (old != NULL)
		prefixed = json_object_get(reg_get(old,
		    "spec.template.metadata.labels"), JOBS_UID_LABEL) != NULL;
	jobs_check_generated(obj, prefixed, err);
	jobs_validate_spec(spec, "spec", err);
	if (sel == NULL || json_is_null(sel))
		err_field(err, ERR_CAUSE_REQUIRED, "spec.selector", NULL, NULL);
	else
		deployments_check_selector(sel, "spec.selector", err);
	if (deployments_selector_matches(sel, labels) == 0) {
		deployments_go_map(labels, val, sizeof val);
		err_field(err, ERR_CAUSE_INVALID,
		    "spec.template.metadata.labels", val,
		    "`selector` does not match template `labels`");
	}
	if (old != NULL) {
		const json_t *ospec = json_object_get(old, "spec");

		reg_check_immutable(json_object_get(spec, "completions"),
		    json_object_get(ospec, "completions"), "spec.completions",
		    err);
		if (!json_equal((json_t *)sel, json_object_get(ospec,
		    "selector"))) {
			deployments_go_selector(sel, val, sizeof val);
			err_field(err, ERR_CAUSE_INVALID, "spec.selector", val,
			    "field is immutable");
		}
		jobs_check_template_update(obj, old, err);
		reg_check_immutable(json_object_get(spec, "completionMode"),
		    json_object_get(ospec, "completionMode"),
		    "spec.completionMode", err);
		reg_check_immutable(json_object_get(spec, "backoffLimitPerIndex"),
		    json_object_get(ospec, "backoffLimitPerIndex"),
		    "spec.backoffLimitPerIndex", err);
	}
	return err_invalid(err, "Job.batch", reg_str(obj, "metadata.name"));
}

/* The first condition of the type decides (hasJobCondition). */
static int
jobs_condition(const json_t *obj, const char *type)
{
	const json_t *conds = reg_get(obj, "status.conditions"), *c;
	const char *t, *s;
	size_t i;

	json_array_foreach(conds, i, c) {
		t = reg_str(c, "type");
		if (t != NULL && strcmp(t, type) == 0) {
			s = reg_str(c, "status");
			return s != NULL && strcmp(s, "True") == 0;
		}
	}
	return 0;
}

static void
jobs_row(const json_t *obj, json_t *cells, long long now)
{
	const char *start = reg_str(obj, "status.startTime");
	const char *done = reg_str(obj, "status.completionTime");
	const char *status;
	long long succeeded = reg_int(obj, "status.succeeded", 0), par;
	struct timespec ts;
	char comp[64], dur[64] = "";

	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	if (jobs_condition(obj, "Complete"))
		status = "Complete";
	else if (jobs_condition(obj, "Failed"))
		status = "Failed";
	else if (reg_get(obj, "metadata.deletionTimestamp") != NULL)
		status = "Terminating";
	else if (jobs_condition(obj, "Suspended"))
		status = "Suspended";
	else if (jobs_condition(obj, "FailureTarget"))
		status = "FailureTarget";
	else
		status = "Running";
	json_array_append_new(cells, json_string(status));
	if (json_is_integer(reg_get(obj, "spec.completions")))
		snprintf(comp, sizeof comp, "%lld/%lld", succeeded,
		    reg_int(obj, "spec.completions", 0));
	else if ((par = reg_int(obj, "spec.parallelism", 0)) > 1)
		snprintf(comp, sizeof comp, "%lld/1 of %lld", succeeded, par);
	else
		snprintf(comp, sizeof comp, "%lld/1", succeeded);
	json_array_append_new(cells, json_string(comp));
	if (start != NULL) {
		if (done == NULL)
			reg_age(start, now, dur, sizeof dur);
		else if (rfc3339_parse(done, &ts) == 0)
			reg_age(start, (long long)ts.tv_sec, dur, sizeof dur);
	}
	json_array_append_new(cells, json_string(dur));
	reg_cell_age(cells, obj, now);
	deployments_template_cells(reg_get(obj, "spec.template"), cells);
	deployments_cell_selector(cells, reg_get(obj, "spec.selector"));
}

const struct registry_kind registry_jobs = {
	.group = "batch",
	.version = "v1",
	.kind = "Job",
	.resource = "jobs",
	.singular = "job",
	.categories = jobs_categories,
	.flags = REG_NAMESPACED | REG_STATUS,
	.defaults = jobs_defaults,
	.validate = jobs_validate,
	.columns = jobs_columns,
	.row = jobs_row,
	.fields = jobs_fields,
};
