/* cronjobs.c - batch/v1 CronJob: defaults, the schedule (lib/cron.c, the
 * robfig/cron parser kube-apiserver uses), time zones, the job template,
 * and kubectl's SCHEDULE/TIMEZONE/SUSPEND/ACTIVE/LAST SCHEDULE columns.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../lib/cron.h"
#include "kinds.h"

/* deployments.c */
void	deployments_template_defaults(json_t *tmpl);
void	deployments_go_selector(const json_t *sel, char *out, size_t len);
void	deployments_check_nonneg(const json_t *obj, const char *key,
	    const char *path, struct err *err);
void	deployments_template_cells(const json_t *tmpl, json_t *cells);
void	deployments_cell_selector(json_t *cells, const json_t *sel);
/* jobs.c */
void	jobs_validate_spec(const json_t *spec, const char *path,
	    struct err *err);

#define CRONJOBS_ZONEINFO	"/usr/share/zoneinfo"

static const char *const cronjobs_short[] = { "cj", NULL };
static const char *const cronjobs_categories[] = { "all", NULL };

static const struct registry_column cronjobs_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Schedule", "string", "", "The schedule in Cron format, see "
	    "https://en.wikipedia.org/wiki/Cron.", 0 },
	{ "Timezone", "string", "", "The time zone name for the given "
	    "schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_"
	    "time_zones. If not specified, this will default to the time zone "
	    "of the kube-controller-manager process. The set of valid time "
	    "zone names and the time zone offset is loaded from the system-"
	    "wide time zone database by the API server during CronJob "
	    "validation and the controller manager during execution. If no "
	    "system-wide time zone database can be found a bundled version of "
	    "the database is used instead. If the time zone name becomes "
	    "invalid during the lifetime of a CronJob or due to a change in "
	    "host configuration, the controller will stop creating new new "
	    "Jobs and will create a system event with the reason "
	    "UnknownTimeZone. More information can be found in https://"
	    "kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-"
	    "zones", 0 },
	{ "Suspend", "boolean", "", "This flag tells the controller to "
	    "suspend subsequent executions, it does not apply to already "
	    "started executions.  Defaults to false.", 0 },
	{ "Active", "integer", "", "A list of pointers to currently running "
	    "jobs.", 0 },
	{ "Last Schedule", "string", "", "Information when was the last time "
	    "the job was successfully scheduled.", 0 },
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
cronjobs_defaults(json_t *obj)
{
	json_t *jt, *meta;

	reg_default_str(obj, "spec.concurrencyPolicy", "Allow");
	reg_default_bool(obj, "spec.suspend", 0);
	reg_default_int(obj, "spec.successfulJobsHistoryLimit", 3);
	reg_default_int(obj, "spec.failedJobsHistoryLimit", 1);
	jt = reg_mkpath(obj, "spec.jobTemplate");
	meta = reg_mkpath(jt, "metadata");
	if (meta != NULL && json_object_get(meta, "creationTimestamp") == NULL)
		json_object_set_new(meta, "creationTimestamp", json_null());
	deployments_template_defaults(reg_mkpath(jt, "spec.template"));
}

/* time.LoadLocation, against the system's zoneinfo. */
int	cronjobs_zone_ok(const char *tz);

int
cronjobs_zone_ok(const char *tz)
{
	struct stat st;
	char path[512];

	if (strcmp(tz, "UTC") == 0 || tz[0] == '\0')
		return 1;
	if (strstr(tz, "..") != NULL || tz[0] == '/')
		return 0;
	/* no database here: kube-apiserver embeds one, so trust the name */
	if (access(CRONJOBS_ZONEINFO, R_OK) != 0)
		return 1;
	snprintf(path, sizeof path, "%s/%s", CRONJOBS_ZONEINFO, tz);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void
cronjobs_check_zone(const char *tz, struct err *err)
{
	char val[300], part[300];
	const char *p = tz, *slash;
	size_t n, i;

	reg_quote(tz, val, sizeof val);
	if (tz[0] == '\0') {
		err_field(err, ERR_CAUSE_INVALID, "spec.timeZone", val,
		    "timeZone must be nil or non-empty string");
		return;
	}
	for (;;) {
		slash = strchr(p, '/');
		n = slash ? (size_t)(slash - p) : strlen(p);
		snprintf(part, sizeof part, "%.*s", (int)n, p);
		for (i = 0; i < n; i++)
			if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
			    "qrstuvwxyz.-_0123456789+", part[i]))
				break;
		if (strcmp(part, ".") == 0 || strcmp(part, "..") == 0 ||
		    part[0] == '-' || n == 0 || n > 14 || i < n) {
			err_field(err, ERR_CAUSE_INVALID, "spec.timeZone", val,
			    "unknown time zone %s", tz);
			return;
		}
		if (slash == NULL)
			break;
		p = slash + 1;
	}
	if (strcasecmp(tz, "Local") == 0)
		err_field(err, ERR_CAUSE_INVALID, "spec.timeZone", val,
		    "timeZone must be an explicit time zone as defined in "
		    "https://www.iana.org/time-zones");
	if (strcmp(tz, "Local") != 0 && !cronjobs_zone_ok(tz))
		err_field(err, ERR_CAUSE_INVALID, "spec.timeZone", val,
		    "unknown time zone %s", tz);
}

static void
cronjobs_check_schedule(const char *sched, const json_t *tz, int allow_tz,
    struct err *err)
{
	struct cron_schedule cs;
	char why[400], val[300];

	reg_quote(sched, val, sizeof val);
	if (cron_parse(sched, &cs, why, sizeof why) < 0)
		err_field(err, ERR_CAUSE_INVALID, "spec.schedule", val, "%s", why);
	else if (cs.tz[0] != '\0' && !cronjobs_zone_ok(cs.tz))
		err_field(err, ERR_CAUSE_INVALID, "spec.schedule", val,
		    "provided bad location %s: unknown time zone %s", cs.tz,
		    cs.tz);
	if (allow_tz && strstr(sched, "TZ") != NULL && tz != NULL &&
	    !json_is_null(tz))
		err_field(err, ERR_CAUSE_INVALID, "spec.schedule", val,
		    "cannot use both timeZone field and TZ or CRON_TZ in "
		    "schedule");
	else if (!allow_tz && strstr(sched, "TZ") != NULL)
		err_field(err, ERR_CAUSE_INVALID, "spec.schedule", val,
		    "cannot use TZ or CRON_TZ in schedule, use timeZone field "
		    "instead");
}

static int
cronjobs_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *spec = json_object_get(obj, "spec");
	const json_t *tz = json_object_get(spec, "timeZone");
	const json_t *jspec = reg_get(spec, "jobTemplate.spec"), *sel;
	const char *sched = reg_str(spec, "schedule");
	const char *oldsched = reg_str(old, "spec.schedule");
	const char *cp = reg_str(spec, "concurrencyPolicy");
	const char *name = reg_str(obj, "metadata.name");
	char val[1024];

	if (sched == NULL || sched[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, "spec.schedule", NULL, NULL);
	else
		cronjobs_check_schedule(sched, tz, oldsched != NULL &&
		    strstr(oldsched, "TZ") != NULL, err);
	deployments_check_nonneg(spec, "startingDeadlineSeconds",
	    "spec.startingDeadlineSeconds", err);
	if (json_is_string(tz) && (old == NULL ||
	    !json_equal((json_t *)tz, reg_get(old, "spec.timeZone"))))
		cronjobs_check_zone(json_string_value(tz), err);
	if (cp == NULL || cp[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, "spec.concurrencyPolicy", NULL,
		    NULL);
	else if (strcmp(cp, "Allow") != 0 && strcmp(cp, "Forbid") != 0 &&
	    strcmp(cp, "Replace") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "spec.concurrencyPolicy",
		    reg_quote(cp, val, sizeof val),
		    "supported values: \"Allow\", \"Forbid\", \"Replace\"");
	jobs_validate_spec(jspec, "spec.jobTemplate.spec", err);
	sel = json_object_get(jspec, "selector");
	if (sel != NULL && !json_is_null(sel)) {
		deployments_go_selector(sel, val, sizeof val);
		err_field(err, ERR_CAUSE_INVALID, "spec.jobTemplate.spec.selector",
		    val, "`selector` will be auto-generated");
	}
	if (json_is_true(json_object_get(jspec, "manualSelector")))
		err_field(err, ERR_CAUSE_NOT_SUPPORTED,
		    "spec.jobTemplate.spec.manualSelector", "true",
		    "supported values: \"nil\", \"false\"");
	deployments_check_nonneg(spec, "successfulJobsHistoryLimit",
	    "spec.successfulJobsHistoryLimit", err);
	deployments_check_nonneg(spec, "failedJobsHistoryLimit",
	    "spec.failedJobsHistoryLimit", err);
	if (old == NULL && name != NULL && strlen(name) > 52)
		err_field(err, ERR_CAUSE_INVALID, "metadata.name",
		    reg_quote(name, val, sizeof val),
		    "must be no more than 52 characters");
	return err_invalid(err, "CronJob.batch", name);
}

static void
cronjobs_row(const json_t *obj, json_t *cells, long long now)
{
	const json_t *suspend = reg_get(obj, "spec.suspend");
	const char *last = reg_str(obj, "status.lastScheduleTime");
	const char *tz = reg_str(obj, "spec.timeZone");
	char age[64];

	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_raw(cells, reg_str(obj, "spec.schedule"));
	json_array_append_new(cells, json_string(tz != NULL ? tz : "<none>"));
	json_array_append_new(cells, json_string(!json_is_boolean(suspend) ?
	    "<unset>" : json_is_true(suspend) ? "True" : "False"));
	reg_cell_int(cells, (long long)json_array_size(reg_get(obj,
	    "status.active")));
	if (last == NULL)
		snprintf(age, sizeof age, "<none>");
	else
		reg_age(last, now, age, sizeof age);
	json_array_append_new(cells, json_string(age));
	reg_cell_age(cells, obj, now);
	deployments_template_cells(reg_get(obj, "spec.jobTemplate.spec.template"),
	    cells);
	deployments_cell_selector(cells, reg_get(obj,
	    "spec.jobTemplate.spec.selector"));
}

const struct registry_kind registry_cronjobs = {
	.group = "batch",
	.version = "v1",
	.kind = "CronJob",
	.resource = "cronjobs",
	.singular = "cronjob",
	.short_names = cronjobs_short,
	.categories = cronjobs_categories,
	.flags = REG_NAMESPACED | REG_STATUS,
	.defaults = cronjobs_defaults,
	.validate = cronjobs_validate,
	.columns = cronjobs_columns,
	.row = cronjobs_row,
};
