/* test-reg-apps.c - unit tests for the apps, batch, networking, rbac,
 * storage, coordination, discovery and events.k8s.io kinds of
 * server/registry/, and for the CronJob schedule parser (lib/cron.c).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/cron.h"
#include "../../lib/err.h"
#include "../../server/registry/kinds.h"
#include "test.h"

#define T_CREATED	"2026-01-01T00:00:00Z"
#define T_NOW		(1767225600LL + 300)	/* T_CREATED + 5m */

static json_t *
t_obj(const char *text)
{
	json_error_t je;
	json_t *o = json_loads(text, 0, &je);

	if (o == NULL)
		printf("# bad JSON in test: %s\n", je.text);
	return o;
}

/* Runs defaults then validate (old may be NULL); returns the message. */
static const char *
t_check(const struct registry_kind *k, json_t *obj, const json_t *old,
    struct err *err)
{
	err_clear(err);
	if (k->defaults != NULL)
		k->defaults(obj);
	if (k->validate(obj, old, err) == 0)
		return "";
	return err->msg;
}

/* The row's cells as one "|"-joined string (integers and booleans too). */
static char *
t_row(const struct registry_kind *k, const json_t *obj)
{
	static char out[2048];
	json_t *cells = json_array(), *c;
	size_t i, n = 0;
	const struct registry_column *col;
	size_t ncols = 0;

	for (col = k->columns; col->name != NULL; col++)
		ncols++;
	k->row(obj, cells, T_NOW);
	out[0] = '\0';
	if (json_array_size(cells) != ncols)
		printf("# %s: %zu cells for %zu columns\n", k->resource,
		    json_array_size(cells), ncols);
	json_array_foreach(cells, i, c) {
		if (json_is_string(c))
			n += (size_t)snprintf(out + n, sizeof out - n, "%s%s",
			    i ? "|" : "", json_string_value(c));
		else if (json_is_integer(c))
			n += (size_t)snprintf(out + n, sizeof out - n, "%s%lld",
			    i ? "|" : "", (long long)json_integer_value(c));
		else if (json_is_boolean(c))
			n += (size_t)snprintf(out + n, sizeof out - n, "%s%s",
			    i ? "|" : "", json_is_true(c) ? "true" : "false");
		else
			n += (size_t)snprintf(out + n, sizeof out - n, "%s?",
			    i ? "|" : "");
	}
	json_decref(cells);
	return out;
}

static const char *
t_s(const json_t *o, const char *path)
{
	return reg_str(o, path);
}

#define DEPLOY_JSON \
	"{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\"," \
	"\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"," \
	"\"uid\":\"u1\",\"creationTimestamp\":\"" T_CREATED "\"}," \
	"\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"web\"}}," \
	"\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}}," \
	"\"spec\":{\"containers\":[{\"name\":\"nginx\"," \
	"\"image\":\"nginx:1.27\"}]}}}}"

static void
test_deployment_defaults(void)
{
	json_t *o = t_obj(DEPLOY_JSON);
	struct err err;

	CHECK_STR(t_check(&registry_deployments, o, NULL, &err), "");
	CHECK_INT(reg_int(o, "spec.replicas", -1), 1);
	CHECK_STR(t_s(o, "spec.strategy.type"), "RollingUpdate");
	CHECK_STR(t_s(o, "spec.strategy.rollingUpdate.maxUnavailable"), "25%");
	CHECK_STR(t_s(o, "spec.strategy.rollingUpdate.maxSurge"), "25%");
	CHECK_INT(reg_int(o, "spec.revisionHistoryLimit", -1), 10);
	CHECK_INT(reg_int(o, "spec.progressDeadlineSeconds", -1), 600);
	CHECK(json_is_null(reg_get(o,
	    "spec.template.metadata.creationTimestamp")));
	CHECK_STR(t_s(o, "spec.template.spec.restartPolicy"), "Always");
	CHECK_STR(t_s(o, "spec.template.spec.dnsPolicy"), "ClusterFirst");
	CHECK_STR(t_s(o, "spec.template.spec.schedulerName"),
	    "default-scheduler");
	json_decref(o);

	/* Recreate gets no rollingUpdate */
	o = t_obj("{\"spec\":{\"strategy\":{\"type\":\"Recreate\"}}}");
	registry_deployments.defaults(o);
	CHECK(reg_get(o, "spec.strategy.rollingUpdate") == NULL);
	json_decref(o);
}

static void
test_deployment_validate(void)
{
	json_t *o, *old;
	struct err err;

	o = t_obj(DEPLOY_JSON);
	json_object_del(json_object_get(o, "spec"), "selector");
	CHECK_STR(t_check(&registry_deployments, o, NULL, &err),
	    "Deployment.apps \"web\" is invalid: [spec.selector: Required "
	    "value, spec.template.metadata.labels: Invalid value: "
	    "map[string]string{\"app\":\"web\"}: `selector` does not match "
	    "template `labels`]");
	CHECK_INT(err.reason, ERR_INVALID);
	json_decref(o);

	o = t_obj(DEPLOY_JSON);
	json_object_set_new(reg_get(o, "spec.template.metadata.labels"),
	    "app", json_string("x"));
	CHECK_STR(t_check(&registry_deployments, o, NULL, &err),
	    "Deployment.apps \"web\" is invalid: spec.template.metadata.labels: "
	    "Invalid value: map[string]string{\"app\":\"x\"}: `selector` does "
	    "not match template `labels`");
	json_decref(o);

	o = t_obj(DEPLOY_JSON);
	json_object_set_new(json_object_get(o, "spec"), "replicas",
	    json_integer(-1));
	json_object_set_new(reg_get(o, "spec.template.spec"), "restartPolicy",
	    json_string("Never"));
	CHECK_STR(t_check(&registry_deployments, o, NULL, &err),
	    "Deployment.apps \"web\" is invalid: [spec.replicas: Invalid "
	    "value: -1: must be greater than or equal to 0, "
	    "spec.template.spec.restartPolicy: Unsupported value: \"Never\": "
	    "supported values: \"Always\"]");
	json_decref(o);

	o = t_obj(DEPLOY_JSON);
	json_object_set_new(reg_get(o, "spec.selector"), "matchLabels",
	    json_object());
	CHECK_STR(t_check(&registry_deployments, o, NULL, &err),
	    "Deployment.apps \"web\" is invalid: spec.selector: Invalid value: "
	    "v1.LabelSelector{MatchLabels:map[string]string{}, "
	    "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty "
	    "selector is invalid for deployment");
	json_decref(o);

	/* the selector is immutable */
	old = t_obj(DEPLOY_JSON);
	registry_deployments.defaults(old);
	o = t_obj(DEPLOY_JSON);
	json_object_set_new(reg_get(o, "spec.selector.matchLabels"), "tier",
	    json_string("fe"));
	json_object_set_new(reg_get(o, "spec.template.metadata.labels"),
	    "tier", json_string("fe"));
	CHECK_STR(t_check(&registry_deployments, o, old, &err),
	    "Deployment.apps \"web\" is invalid: spec.selector: Invalid value: "
	    "v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", "
	    "\"tier\":\"fe\"}, MatchExpressions:"
	    "[]v1.LabelSelectorRequirement(nil)}: field is immutable");
	json_decref(o);
	json_decref(old);

	o = t_obj(DEPLOY_JSON);
	json_object_set_new(json_object_get(o, "spec"), "strategy",
	    t_obj("{\"type\":\"RollingUpdate\",\"rollingUpdate\":"
	    "{\"maxUnavailable\":0,\"maxSurge\":0}}"));
	CHECK_STR(t_check(&registry_deployments, o, NULL, &err),
	    "Deployment.apps \"web\" is invalid: "
	    "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may "
	    "not be 0 when `maxSurge` is 0");
	json_decref(o);
}

static void
test_deployment_row(void)
{
	json_t *o = t_obj(DEPLOY_JSON);

	registry_deployments.defaults(o);
	json_object_set_new(o, "status", t_obj("{\"readyReplicas\":1,"
	    "\"updatedReplicas\":1,\"availableReplicas\":1}"));
	CHECK_STR(t_row(&registry_deployments, o),
	    "web|1/1|1|1|5m|nginx|nginx:1.27|app=web");
	CHECK_STR(registry_deployments.columns[2].name, "Up-to-date");
	CHECK_INT(registry_deployments.columns[5].priority, 1);
	CHECK_STR(registry_deployments.scale_selector_path, "spec.selector");
	CHECK(registry_deployments.flags & REG_SCALE);
	CHECK_STR(registry_deployments.short_names[0], "deploy");
	CHECK_STR(registry_deployments.categories[0], "all");
	json_decref(o);
}

static void
test_apps_others(void)
{
	json_t *o, *old;
	struct err err;

	/* StatefulSet defaults and the update rule */
	o = t_obj("{\"metadata\":{\"name\":\"db\"},\"spec\":{\"selector\":"
	    "{\"matchLabels\":{\"app\":\"db\"}},\"serviceName\":\"db\","
	    "\"template\":{\"metadata\":{\"labels\":{\"app\":\"db\"}},"
	    "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}},"
	    "\"volumeClaimTemplates\":[{\"metadata\":{\"name\":\"data\"},"
	    "\"spec\":{\"accessModes\":[\"ReadWriteOnce\"]}}]}}");
	CHECK_STR(t_check(&registry_statefulsets, o, NULL, &err), "");
	CHECK_STR(t_s(o, "spec.podManagementPolicy"), "OrderedReady");
	CHECK_STR(t_s(o, "spec.updateStrategy.type"), "RollingUpdate");
	CHECK_INT(reg_int(o, "spec.updateStrategy.rollingUpdate.partition",
	    -1), 0);
	CHECK_STR(t_s(o,
	    "spec.persistentVolumeClaimRetentionPolicy.whenDeleted"), "Retain");
	CHECK_STR(t_s(o,
	    "spec.persistentVolumeClaimRetentionPolicy.whenScaled"), "Retain");
	CHECK_INT(reg_int(o, "spec.replicas", -1), 1);
	CHECK_INT(reg_int(o, "spec.revisionHistoryLimit", -1), 10);
	CHECK_STR(t_s(json_array_get(reg_get(o, "spec.volumeClaimTemplates"),
	    0), "spec.volumeMode"), "Filesystem");
	CHECK_STR(t_s(json_array_get(reg_get(o, "spec.volumeClaimTemplates"),
	    0), "status.phase"), "Pending");
	old = json_deep_copy(o);
	json_object_set_new(json_object_get(o, "spec"), "serviceName",
	    json_string("other"));
	CHECK_STR(t_check(&registry_statefulsets, o, old, &err),
	    "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to "
	    "statefulset spec for fields other than 'replicas', 'ordinals', "
	    "'template', 'updateStrategy', 'revisionHistoryLimit', "
	    "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are "
	    "forbidden");
	json_object_set_new(json_object_get(o, "spec"), "serviceName",
	    json_string("db"));
	json_object_set_new(json_object_get(o, "spec"), "replicas",
	    json_integer(3));
	CHECK_STR(t_check(&registry_statefulsets, o, old, &err), "");
	json_object_set_new(o, "status", t_obj("{\"readyReplicas\":2}"));
	json_object_set_new(json_object_get(o, "metadata"),
	    "creationTimestamp", json_string(T_CREATED));
	CHECK_STR(t_row(&registry_statefulsets, o), "db|2/3|5m|c|i");
	json_decref(o);
	json_decref(old);

	/* DaemonSet defaults and row */
	o = t_obj("{\"metadata\":{\"name\":\"agent\",\"creationTimestamp\":\""
	    T_CREATED "\"},\"spec\":{\"selector\":{\"matchLabels\":{\"k\":"
	    "\"v\"}},\"template\":{\"metadata\":{\"labels\":{\"k\":\"v\"}},"
	    "\"spec\":{\"nodeSelector\":{\"os\":\"linux\",\"a\":\"b\"},"
	    "\"containers\":[{\"name\":\"a\",\"image\":\"x\"},{\"name\":\"b\","
	    "\"image\":\"y\"}]}}}}");
	CHECK_STR(t_check(&registry_daemonsets, o, NULL, &err), "");
	CHECK_INT(reg_int(o, "spec.updateStrategy.rollingUpdate.maxUnavailable",
	    -1), 1);
	CHECK_INT(reg_int(o, "spec.updateStrategy.rollingUpdate.maxSurge", -1),
	    0);
	CHECK_STR(t_row(&registry_daemonsets, o),
	    "agent|0|0|0|0|0|a=b,os=linux|5m|a,b|x,y|k=v");
	json_decref(o);

	/* ReplicaSet row */
	o = t_obj("{\"metadata\":{\"name\":\"rs1\",\"creationTimestamp\":\""
	    T_CREATED "\"},\"spec\":{\"replicas\":3,\"selector\":{"
	    "\"matchLabels\":{\"app\":\"web\"},\"matchExpressions\":[{\"key\":"
	    "\"tier\",\"operator\":\"In\",\"values\":[\"b\",\"a\"]}]}},"
	    "\"status\":{\"replicas\":3,\"readyReplicas\":2}}");
	CHECK_STR(t_row(&registry_replicasets, o),
	    "rs1|3|3|2|5m|||app=web,tier in (a,b)");
	json_decref(o);

	/* ControllerRevision row */
	o = t_obj("{\"metadata\":{\"name\":\"db-7d\",\"creationTimestamp\":\""
	    T_CREATED "\",\"ownerReferences\":[{\"apiVersion\":\"apps/v1\","
	    "\"kind\":\"StatefulSet\",\"name\":\"db\",\"controller\":true}]},"
	    "\"revision\":2,\"data\":{}}");
	CHECK_STR(t_row(&registry_controllerrevisions, o),
	    "db-7d|statefulset.apps/db|2|5m");
	json_decref(o);
}

#define JOB_JSON \
	"{\"metadata\":{\"name\":\"pi\",\"namespace\":\"default\"," \
	"\"uid\":\"1234-abcd\",\"creationTimestamp\":\"" T_CREATED "\"}," \
	"\"spec\":{\"template\":{\"spec\":{\"restartPolicy\":\"Never\"," \
	"\"containers\":[{\"name\":\"pi\",\"image\":\"perl\"}]}}}}"

static void
test_job(void)
{
	json_t *o;
	struct err err;

	o = t_obj(JOB_JSON);
	CHECK_STR(t_check(&registry_jobs, o, NULL, &err), "");
	CHECK_INT(reg_int(o, "spec.completions", -1), 1);
	CHECK_INT(reg_int(o, "spec.parallelism", -1), 1);
	CHECK_INT(reg_int(o, "spec.backoffLimit", -1), 6);
	CHECK_STR(t_s(o, "spec.completionMode"), "NonIndexed");
	CHECK(json_is_false(reg_get(o, "spec.suspend")));
	CHECK_STR(t_s(o, "spec.podReplacementPolicy"), "TerminatingOrFailed");
	CHECK(json_is_false(reg_get(o, "spec.manualSelector")));
	CHECK_STR(json_string_value(json_object_get(reg_get(o,
	    "spec.selector.matchLabels"), "batch.kubernetes.io/controller-uid")),
	    "1234-abcd");
	CHECK_INT(json_object_size(reg_get(o, "spec.selector.matchLabels")), 1);
	CHECK_STR(json_string_value(json_object_get(reg_get(o,
	    "spec.template.metadata.labels"), "job-name")), "pi");
	CHECK_STR(json_string_value(json_object_get(reg_get(o,
	    "spec.template.metadata.labels"), "controller-uid")), "1234-abcd");
	CHECK_STR(json_string_value(json_object_get(reg_get(o,
	    "spec.template.metadata.labels"), "batch.kubernetes.io/job-name")),
	    "pi");
	CHECK_INT(json_object_size(reg_get(o, "metadata.labels")), 4);

	/* Table */
	CHECK_STR(t_row(&registry_jobs, o),
	    "pi|Running|0/1||5m|pi|perl|batch.kubernetes.io/controller-uid="
	    "1234-abcd");
	json_object_set_new(o, "status", t_obj("{\"succeeded\":1,"
	    "\"startTime\":\"2026-01-01T00:00:10Z\",\"completionTime\":"
	    "\"2026-01-01T00:00:45Z\",\"conditions\":[{\"type\":\"Complete\","
	    "\"status\":\"True\"}]}"));
	CHECK_STR(t_row(&registry_jobs, o),
	    "pi|Complete|1/1|35s|5m|pi|perl|batch.kubernetes.io/controller-uid="
	    "1234-abcd");
	json_decref(o);

	/* restartPolicy must be OnFailure or Never */
	o = t_obj(JOB_JSON);
	json_object_del(reg_get(o, "spec.template.spec"), "restartPolicy");
	CHECK_STR(t_check(&registry_jobs, o, NULL, &err),
	    "Job.batch \"pi\" is invalid: spec.template.spec.restartPolicy: "
	    "Required value: valid values: \"OnFailure\", \"Never\"");
	json_decref(o);

	/* parallelism without completions: "0/1 of 3" */
	o = t_obj(JOB_JSON);
	json_object_set_new(json_object_get(o, "spec"), "parallelism",
	    json_integer(3));
	CHECK_STR(t_check(&registry_jobs, o, NULL, &err), "");
	CHECK(reg_get(o, "spec.completions") == NULL);
	CHECK_STR(t_row(&registry_jobs, o),
	    "pi|Running|0/1 of 3||5m|pi|perl|batch.kubernetes.io/controller-uid="
	    "1234-abcd");
	json_decref(o);

	/* a manual selector that does not match the template */
	o = t_obj(JOB_JSON);
	json_object_set_new(json_object_get(o, "spec"), "manualSelector",
	    json_true());
	json_object_set_new(json_object_get(o, "spec"), "selector",
	    t_obj("{\"matchLabels\":{\"a\":\"b\"}}"));
	CHECK_STR(t_check(&registry_jobs, o, NULL, &err),
	    "Job.batch \"pi\" is invalid: spec.template.metadata.labels: "
	    "Invalid value: map[string]string(nil): `selector` does not match "
	    "template `labels`");
	json_decref(o);
}

#define CRON_JSON \
	"{\"metadata\":{\"name\":\"hello\",\"namespace\":\"default\"," \
	"\"creationTimestamp\":\"" T_CREATED "\"},\"spec\":{\"schedule\":" \
	"\"*/5 * * * *\",\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":{" \
	"\"restartPolicy\":\"OnFailure\",\"containers\":[{\"name\":\"hello\"," \
	"\"image\":\"busybox\"}]}}}}}}"

static void
test_cronjob(void)
{
	json_t *o, *old;
	struct err err;

	o = t_obj(CRON_JSON);
	CHECK_STR(t_check(&registry_cronjobs, o, NULL, &err), "");
	CHECK_STR(t_s(o, "spec.concurrencyPolicy"), "Allow");
	CHECK(json_is_false(reg_get(o, "spec.suspend")));
	CHECK_INT(reg_int(o, "spec.successfulJobsHistoryLimit", -1), 3);
	CHECK_INT(reg_int(o, "spec.failedJobsHistoryLimit", -1), 1);
	CHECK(json_is_null(reg_get(o, "spec.jobTemplate.metadata."
	    "creationTimestamp")));
	CHECK(reg_get(o, "spec.jobTemplate.spec.backoffLimit") == NULL);
	CHECK_STR(t_row(&registry_cronjobs, o),
	    "hello|*/5 * * * *|<none>|False|0|<none>|5m|hello|busybox|<none>");
	json_object_set_new(o, "status", t_obj("{\"active\":[{}],"
	    "\"lastScheduleTime\":\"2026-01-01T00:04:00Z\"}"));
	CHECK_STR(t_row(&registry_cronjobs, o),
	    "hello|*/5 * * * *|<none>|False|1|60s|5m|hello|busybox|<none>");
	json_decref(o);

	o = t_obj(CRON_JSON);
	json_object_set_new(json_object_get(o, "spec"), "schedule",
	    json_string("61 * * * *"));
	CHECK_STR(t_check(&registry_cronjobs, o, NULL, &err),
	    "CronJob.batch \"hello\" is invalid: spec.schedule: Invalid value: "
	    "\"61 * * * *\": end of range (61) above maximum (59): 61");
	json_decref(o);

	o = t_obj(CRON_JSON);
	json_object_set_new(json_object_get(o, "spec"), "schedule",
	    json_string("CRON_TZ=UTC * * * * *"));
	CHECK_STR(t_check(&registry_cronjobs, o, NULL, &err),
	    "CronJob.batch \"hello\" is invalid: spec.schedule: Invalid value: "
	    "\"CRON_TZ=UTC * * * * *\": cannot use TZ or CRON_TZ in schedule, "
	    "use timeZone field instead");
	json_decref(o);

	o = t_obj(CRON_JSON);
	json_object_set_new(json_object_get(o, "spec"), "timeZone",
	    json_string("Europe/Pariss"));
	json_object_set_new(json_object_get(o, "spec"), "concurrencyPolicy",
	    json_string("Sometimes"));
	CHECK_STR(t_check(&registry_cronjobs, o, NULL, &err),
	    "CronJob.batch \"hello\" is invalid: [spec.timeZone: Invalid value: "
	    "\"Europe/Pariss\": unknown time zone Europe/Pariss, "
	    "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": "
	    "supported values: \"Allow\", \"Forbid\", \"Replace\"]");
	json_decref(o);

	o = t_obj(CRON_JSON);
	json_object_set_new(reg_get(o, "spec.jobTemplate.spec.template.spec"),
	    "restartPolicy", json_string("Always"));
	json_object_set_new(reg_get(o, "spec.jobTemplate.spec"), "selector",
	    t_obj("{\"matchLabels\":{\"a\":\"b\"}}"));
	CHECK_STR(t_check(&registry_cronjobs, o, NULL, &err),
	    "CronJob.batch \"hello\" is invalid: "
	    "[spec.jobTemplate.spec.template.spec.restartPolicy: Required "
	    "value: valid values: \"OnFailure\", \"Never\", "
	    "spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{"
	    "MatchLabels:map[string]string{\"a\":\"b\"}, MatchExpressions:"
	    "[]v1.LabelSelectorRequirement(nil)}: `selector` will be "
	    "auto-generated]");
	json_decref(o);

	o = t_obj(CRON_JSON);
	json_object_set_new(json_object_get(o, "spec"), "timeZone",
	    json_string("Europe/Paris"));
	CHECK_STR(t_check(&registry_cronjobs, o, NULL, &err), "");
	CHECK_STR(t_row(&registry_cronjobs, o),
	    "hello|*/5 * * * *|Europe/Paris|False|0|<none>|5m|hello|busybox|"
	    "<none>");
	json_object_set_new(json_object_get(o, "spec"), "timeZone",
	    json_string("Local"));
	CHECK_STR(t_check(&registry_cronjobs, o, NULL, &err),
	    "CronJob.batch \"hello\" is invalid: spec.timeZone: Invalid value: "
	    "\"Local\": timeZone must be an explicit time zone as defined in "
	    "https://www.iana.org/time-zones");
	json_decref(o);

	/* an old schedule with TZ may keep it, but not with timeZone */
	old = t_obj(CRON_JSON);
	json_object_set_new(json_object_get(old, "spec"), "schedule",
	    json_string("TZ=UTC 0 * * * *"));
	o = json_deep_copy(old);
	CHECK_STR(t_check(&registry_cronjobs, o, old, &err), "");
	json_object_set_new(json_object_get(o, "spec"), "timeZone",
	    json_string("UTC"));
	CHECK_STR(t_check(&registry_cronjobs, o, old, &err),
	    "CronJob.batch \"hello\" is invalid: spec.schedule: Invalid value: "
	    "\"TZ=UTC 0 * * * *\": cannot use both timeZone field and TZ or "
	    "CRON_TZ in schedule");
	json_decref(o);
	json_decref(old);
}

static const char *
t_cron(const char *spec)
{
	static char why[400];
	struct cron_schedule s;

	if (cron_parse(spec, &s, why, sizeof why) == 0)
		return "";
	return why;
}

static void
test_cron_parse(void)
{
	struct cron_schedule s;
	char why[400];

	CHECK_STR(t_cron("*/5 * * * *"), "");
	CHECK_STR(t_cron("0 0 1 jan-mar MON,wed"), "");
	CHECK_STR(t_cron("@hourly"), "");
	CHECK_STR(t_cron("@daily"), "");
	CHECK_STR(t_cron("@weekly"), "");
	CHECK_STR(t_cron("@monthly"), "");
	CHECK_STR(t_cron("@yearly"), "");
	CHECK_STR(t_cron("@annually"), "");
	CHECK_STR(t_cron("@every 1h30m"), "");
	CHECK_STR(t_cron("? * * * ?"), "");
	CHECK_STR(t_cron(""), "empty spec string");
	CHECK_STR(t_cron("foo"), "expected exactly 5 fields, found 1: [foo]");
	CHECK_STR(t_cron("* * * *"),
	    "expected exactly 5 fields, found 4: [* * * *]");
	CHECK_STR(t_cron("* * * * * *"),
	    "expected exactly 5 fields, found 6: [* * * * * *]");
	CHECK_STR(t_cron("60 * * * *"),
	    "end of range (60) above maximum (59): 60");
	CHECK_STR(t_cron("* * 0 * *"),
	    "beginning of range (0) below minimum (1): 0");
	CHECK_STR(t_cron("5-1 * * * *"),
	    "beginning of range (5) beyond end of range (1): 5-1");
	CHECK_STR(t_cron("*/0 * * * *"),
	    "step of range should be a positive number: */0");
	CHECK_STR(t_cron("x * * * *"), "failed to parse int from x: "
	    "strconv.Atoi: parsing \"x\": invalid syntax");
	CHECK_STR(t_cron("1-2-3 * * * *"), "too many hyphens: 1-2-3");
	CHECK_STR(t_cron("1/2/3 * * * *"), "too many slashes: 1/2/3");
	CHECK_STR(t_cron("@fortnightly"),
	    "unrecognized descriptor: @fortnightly");
	CHECK_STR(t_cron("@every 5x"), "failed to parse duration @every 5x: "
	    "time: unknown unit \"x\" in duration \"5x\"");
	CHECK_STR(t_cron("* * * * 7"),
	    "end of range (7) above maximum (6): 7");

	CHECK_INT(cron_parse("TZ=Europe/Paris 0 3 * * *", &s, why, sizeof why),
	    0);
	CHECK_STR(s.tz, "Europe/Paris");
	CHECK_INT(cron_parse("*/15 2 * * *", &s, why, sizeof why), 0);
	CHECK_INT(s.minute, (1ULL << 0) | (1ULL << 15) | (1ULL << 30) |
	    (1ULL << 45));
	CHECK_INT(s.hour, 1ULL << 2);
}

static void
test_cron_next(void)
{
	struct cron_schedule s;
	char why[400];
	time_t t = 1767225600;	/* 2026-01-01T00:00:00Z, a Thursday */

	cron_parse("*/5 * * * *", &s, why, sizeof why);
	CHECK_INT(cron_next(&s, t, 0), t + 300);
	CHECK_INT(cron_next(&s, t + 1, 0), t + 300);
	cron_parse("@hourly", &s, why, sizeof why);
	CHECK_INT(cron_next(&s, t, 0), t + 3600);
	cron_parse("30 2 * * *", &s, why, sizeof why);
	CHECK_INT(cron_next(&s, t, 0), t + 2 * 3600 + 1800);
	/* 02:30 at UTC+1 is 01:30 UTC */
	CHECK_INT(cron_next(&s, t, 3600), t + 3600 + 1800);
	cron_parse("0 0 * * mon", &s, why, sizeof why);	/* next Monday 5th */
	CHECK_INT(cron_next(&s, t, 0), t + 4 * 86400);
	cron_parse("0 0 29 2 *", &s, why, sizeof why);	/* 2028-02-29 */
	CHECK_INT(cron_next(&s, t, 0), 1835395200);
	cron_parse("0 0 30 2 *", &s, why, sizeof why);	/* never */
	CHECK_INT(cron_next(&s, t, 0), 0);
	cron_parse("@every 90s", &s, why, sizeof why);
	CHECK_INT(cron_next(&s, t, 0), t + 90);
}

#define RB_JSON \
	"{\"metadata\":{\"name\":\"read\",\"namespace\":\"dev\"," \
	"\"creationTimestamp\":\"" T_CREATED "\"},\"roleRef\":{\"kind\":" \
	"\"ClusterRole\",\"name\":\"view\"},\"subjects\":[{\"kind\":\"User\"," \
	"\"name\":\"alice\"},{\"kind\":\"ServiceAccount\",\"name\":\"bot\"," \
	"\"namespace\":\"dev\"},{\"kind\":\"Group\",\"name\":\"ops\"}," \
	"{\"kind\":\"User\",\"name\":\"bob\"}]}"

static void
test_rbac(void)
{
	json_t *o, *old;
	struct err err;

	o = t_obj(RB_JSON);
	CHECK_STR(t_check(&registry_rolebindings, o, NULL, &err), "");
	CHECK_STR(t_s(o, "roleRef.apiGroup"), "rbac.authorization.k8s.io");
	CHECK_STR(t_s(json_array_get(json_object_get(o, "subjects"), 0),
	    "apiGroup"), "rbac.authorization.k8s.io");
	CHECK(reg_get(json_array_get(json_object_get(o, "subjects"), 1),
	    "apiGroup") == NULL);
	CHECK_STR(t_row(&registry_rolebindings, o),
	    "read|ClusterRole/view|5m|alice, bob|ops|dev/bot");
	old = json_deep_copy(o);
	json_object_set_new(json_object_get(o, "roleRef"), "name",
	    json_string("edit"));
	CHECK_STR(t_check(&registry_rolebindings, o, old, &err),
	    "RoleBinding.rbac.authorization.k8s.io \"read\" is invalid: "
	    "roleRef: Invalid value: rbac.RoleRef{APIGroup:"
	    "\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", "
	    "Name:\"edit\"}: cannot change roleRef");
	json_decref(o);
	json_decref(old);

	o = t_obj("{\"metadata\":{\"name\":\"x\"},\"roleRef\":{\"kind\":"
	    "\"Role\"},\"subjects\":[{\"kind\":\"ServiceAccount\",\"name\":"
	    "\"sa\"},{\"kind\":\"Robot\",\"name\":\"r\"}]}");
	CHECK_STR(t_check(&registry_clusterrolebindings, o, NULL, &err),
	    "ClusterRoleBinding.rbac.authorization.k8s.io \"x\" is invalid: "
	    "[roleRef.kind: Unsupported value: \"Role\": supported values: "
	    "\"ClusterRole\", roleRef.name: Required value, "
	    "subjects[0].namespace: Required value, subjects[1].kind: "
	    "Unsupported value: \"Robot\": supported values: "
	    "\"ServiceAccount\", \"User\", \"Group\"]");
	json_decref(o);

	o = t_obj("{\"metadata\":{\"name\":\"r\"},\"rules\":[{\"apiGroups\":"
	    "[\"\"],\"resources\":[\"pods\"]},{\"verbs\":[\"get\"],"
	    "\"nonResourceURLs\":[\"/healthz\"]}]}");
	CHECK_STR(t_check(&registry_roles, o, NULL, &err),
	    "Role.rbac.authorization.k8s.io \"r\" is invalid: [rules[0].verbs: "
	    "Required value: verbs must contain at least one value, "
	    "rules[1].nonResourceURLs: Invalid value: []string{\"/healthz\"}: "
	    "namespaced rules cannot apply to non-resource URLs]");
	json_object_set_new(json_array_get(json_object_get(o, "rules"), 0),
	    "verbs", t_obj("[\"get\"]"));
	CHECK_STR(t_check(&registry_clusterroles, o, NULL, &err), "");
	CHECK(registry_roles.columns == NULL);
	CHECK(registry_roles.flags & REG_NAMESPACED);
	CHECK(!(registry_clusterroles.flags & REG_NAMESPACED));
	json_decref(o);
}

static void
test_ingress(void)
{
	json_t *o;
	struct err err;

	o = t_obj("{\"metadata\":{\"name\":\"ing\",\"creationTimestamp\":\""
	    T_CREATED "\"},\"spec\":{\"rules\":[{\"host\":\"a.example.com\","
	    "\"http\":{\"paths\":[{\"path\":\"/\",\"backend\":{\"service\":"
	    "{\"name\":\"web\",\"port\":{\"number\":80}}}}]}}]}}");
	CHECK_STR(t_check(&registry_ingresses, o, NULL, &err),
	    "Ingress.networking.k8s.io \"ing\" is invalid: "
	    "spec.rules[0].http.paths[0].pathType: Required value: pathType "
	    "must be specified");
	json_object_set_new(json_array_get(reg_get(json_array_get(reg_get(o,
	    "spec.rules"), 0), "http.paths"), 0), "pathType",
	    json_string("Prefix"));
	CHECK_STR(t_check(&registry_ingresses, o, NULL, &err), "");
	CHECK_STR(t_row(&registry_ingresses, o),
	    "ing|<none>|a.example.com||80|5m");
	json_object_set_new(json_object_get(o, "spec"), "ingressClassName",
	    json_string("nginx"));
	json_object_set_new(json_object_get(o, "spec"), "tls",
	    t_obj("[{\"hosts\":[\"a.example.com\"]}]"));
	json_object_set_new(o, "status", t_obj("{\"loadBalancer\":{\"ingress\":"
	    "[{\"ip\":\"10.0.0.1\"},{\"hostname\":\"lb.example\"},"
	    "{\"ip\":\"10.0.0.1\"}]}}"));
	CHECK_STR(t_row(&registry_ingresses, o),
	    "ing|nginx|a.example.com|10.0.0.1,lb.example|80, 443|5m");
	json_decref(o);

	o = t_obj("{\"metadata\":{\"name\":\"ing\"},\"spec\":{}}");
	CHECK_STR(t_check(&registry_ingresses, o, NULL, &err),
	    "Ingress.networking.k8s.io \"ing\" is invalid: spec: Invalid "
	    "value: []networking.IngressRule(nil): either `defaultBackend` or "
	    "`rules` must be specified");
	json_decref(o);

	o = t_obj("{\"metadata\":{\"name\":\"ing\"},\"spec\":{\"rules\":["
	    "{\"http\":{\"paths\":[{\"path\":\"api\",\"pathType\":\"Exact\","
	    "\"backend\":{\"service\":{\"name\":\"web\",\"port\":{}}}}]}}]}}");
	CHECK_STR(t_check(&registry_ingresses, o, NULL, &err),
	    "Ingress.networking.k8s.io \"ing\" is invalid: "
	    "[spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be "
	    "an absolute path, spec.rules[0].http.paths[0].backend: Required "
	    "value: port name or number is required]");
	json_decref(o);

	/* IngressClass */
	o = t_obj("{\"metadata\":{\"name\":\"nginx\",\"creationTimestamp\":\""
	    T_CREATED "\"},\"spec\":{\"controller\":\"k8s.io/ingress-nginx\","
	    "\"parameters\":{\"apiGroup\":\"k8s.example.com\",\"kind\":"
	    "\"IngressParameters\",\"name\":\"external-lb\"}}}");
	CHECK_STR(t_check(&registry_ingressclasses, o, NULL, &err), "");
	CHECK_STR(t_s(o, "spec.parameters.scope"), "Cluster");
	CHECK_STR(t_row(&registry_ingressclasses, o), "nginx|k8s.io/ingress-"
	    "nginx|IngressParameters.k8s.example.com/external-lb|5m");
	json_decref(o);
}

static void
test_misc_kinds(void)
{
	json_t *o;
	struct err err;

	o = t_obj("{\"metadata\":{\"name\":\"fast\",\"creationTimestamp\":\""
	    T_CREATED "\",\"annotations\":{\"storageclass.kubernetes.io/"
	    "is-default-class\":\"true\"}},\"provisioner\":"
	    "\"rancher.io/local-path\"}");
	CHECK_STR(t_check(&registry_storageclasses, o, NULL, &err), "");
	CHECK_STR(t_s(o, "reclaimPolicy"), "Delete");
	CHECK_STR(t_s(o, "volumeBindingMode"), "Immediate");
	CHECK_STR(t_row(&registry_storageclasses, o), "fast (default)|"
	    "rancher.io/local-path|Delete|Immediate|false|5m");
	json_decref(o);

	o = t_obj("{\"metadata\":{\"name\":\"l\",\"creationTimestamp\":\""
	    T_CREATED "\"},\"spec\":{\"holderIdentity\":\"node-1\","
	    "\"leaseDurationSeconds\":0}}");
	CHECK_STR(t_check(&registry_leases, o, NULL, &err),
	    "Lease.coordination.k8s.io \"l\" is invalid: "
	    "spec.leaseDurationSeconds: Invalid value: 0: must be greater "
	    "than 0");
	CHECK_STR(t_row(&registry_leases, o), "l|node-1|5m");
	json_decref(o);

	o = t_obj("{\"metadata\":{\"name\":\"s\",\"creationTimestamp\":\""
	    T_CREATED "\"},\"endpoints\":[{\"addresses\":[\"10.0.0.1\"]},"
	    "{\"addresses\":[\"10.0.0.2\",\"10.0.0.3\",\"10.0.0.4\"]}],"
	    "\"ports\":[{\"port\":80},{\"name\":\"https\",\"port\":443}]}");
	CHECK_STR(t_check(&registry_endpointslices, o, NULL, &err),
	    "EndpointSlice.discovery.k8s.io \"s\" is invalid: addressType: "
	    "Required value");
	CHECK_STR(t_s(json_array_get(json_object_get(o, "ports"), 0),
	    "protocol"), "TCP");
	CHECK_STR(t_s(json_array_get(json_object_get(o, "ports"), 0), "name"),
	    "");
	json_object_set_new(o, "addressType", json_string("IPv4"));
	CHECK_STR(t_check(&registry_endpointslices, o, NULL, &err), "");
	CHECK_STR(t_row(&registry_endpointslices, o), "s|IPv4|80,443|"
	    "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...|5m");
	/* port names are DNS labels: kubectl create service's "80-8080" */
	json_object_set_new(json_array_get(json_object_get(o, "ports"), 0),
	    "name", json_string("80-8080"));
	CHECK_STR(t_check(&registry_endpointslices, o, NULL, &err), "");
	json_object_set_new(json_array_get(json_object_get(o, "ports"), 0),
	    "name", json_string("Web"));
	CHECK(strstr(t_check(&registry_endpointslices, o, NULL, &err),
	    "ports[0].name: Invalid value: \"Web\"") != NULL);
	json_decref(o);

	o = t_obj("{\"metadata\":{\"name\":\"e1\"},\"eventTime\":"
	    "\"2026-01-01T00:03:00.000000Z\",\"type\":\"Normal\",\"reason\":"
	    "\"Started\",\"action\":\"Start\",\"reportingController\":"
	    "\"kubelet\",\"reportingInstance\":\"node-1\",\"note\":\" up \","
	    "\"regarding\":{\"kind\":\"Pod\",\"name\":\"web-1\"}}");
	CHECK_STR(t_check(&registry_events_k8s_io, o, NULL, &err), "");
	CHECK_STR(t_row(&registry_events_k8s_io, o),
	    "2m|Normal|Started|pod/web-1||kubelet, node-1|up|2m|1|e1");
	json_decref(o);

	o = t_obj("{\"spec\":{}}");
	CHECK_STR(t_check(&registry_selfsubjectaccessreviews, o, NULL, &err),
	    "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: "
	    "spec.resourceAttributes: Invalid value: \"null\": exactly one of "
	    "nonResourceAttributes or resourceAttributes must be specified");
	CHECK_INT(registry_selfsubjectaccessreviews.flags,
	    REG_CREATE_ONLY | REG_NO_WATCH);
	json_decref(o);
}

int
main(void)
{
	RUN(test_deployment_defaults);
	RUN(test_deployment_validate);
	RUN(test_deployment_row);
	RUN(test_apps_others);
	RUN(test_job);
	RUN(test_cronjob);
	RUN(test_cron_parse);
	RUN(test_cron_next);
	RUN(test_rbac);
	RUN(test_ingress);
	RUN(test_misc_kinds);
	return TEST_EXIT();
}
