/* batch.c - kubec describe for the batch/v1 kinds: Jobs (parallelism,
 * completions, times, the pods' counts, completed indexes) and CronJobs
 * (schedule, policies, the job template, active jobs), each with its pod
 * template (template.c) and Events, as kubectl describe prints them. */
#include <stdlib.h>
#include <string.h>

#include "../../lib/rfc3339.h"
#include "describe.h"

static const json_t *
field(const json_t *o, const char *k)
{
	return json_object_get(o, k);
}

static int
has_int(const json_t *o, const char *k)
{
	return json_is_integer(json_object_get(o, k));
}

static long long
ival(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

/* "Title:\t<time>" for a set time */
static void
time_line(struct buf *b, const char *title, const char *t)
{
	buf_addf(b, "%s:\t", title);
	describe_time(b, t);
	buf_adds(b, "\n");
}

/* kubectl's capIndexesListOrNone(indexes, 50) */
static void
indexes(struct buf *b, const char *s)
{
	size_t len = strlen(s), i;

	if (len == 0) {
		buf_adds(b, "<none>");
		return;
	}
	for (i = 50; i < len && s[i] != ','; i++)
		;
	if (i >= len)
		buf_adds(b, s);
	else
		buf_addf(b, "%.*s...", (int)(i + 1), s);
}

void
describe_job(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *m = field(obj, "metadata"), *spec = field(obj, "spec"),
	    *st = field(obj, "status"), *r = describe_controller(obj);
	const char *start = describe_str(st, "startTime"),
	    *done = describe_str(st, "completionTime"),
	    *mode = describe_str(spec, "completionMode");

	buf_addf(b, "Name:\t%s\n", describe_str(m, "name") ?: "");
	buf_addf(b, "Namespace:\t%s\n", describe_str(m, "namespace") ?: "");
	buf_adds(b, "Selector:\t");
	template_selector(b, field(spec, "selector"), NULL);
	buf_adds(b, "\n");
	template_labels(b, "", "", "Labels", field(m, "labels"));
	template_annotations(b, "", "Annotations", field(m, "annotations"));
	if (r != NULL)
		buf_addf(b, "Controlled By:\t%s/%s\n", describe_str(r, "kind") ?:
		    "", describe_str(r, "name") ?: "");
	if (has_int(spec, "parallelism"))
		buf_addf(b, "Parallelism:\t%lld\n", ival(spec, "parallelism"));
	if (has_int(spec, "completions"))
		buf_addf(b, "Completions:\t%lld\n", ival(spec, "completions"));
	else
		buf_adds(b, "Completions:\t<unset>\n");
	if (mode != NULL)
		buf_addf(b, "Completion Mode:\t%s\n", mode);
	if (json_is_boolean(field(spec, "suspend")))
		buf_addf(b, "Suspend:\t%s\n", json_is_true(field(spec,
		    "suspend")) ? "true" : "false");
	if (has_int(spec, "backoffLimit"))
		buf_addf(b, "Backoff Limit:\t%lld\n", ival(spec,
		    "backoffLimit"));
	if (has_int(spec, "ttlSecondsAfterFinished"))
		buf_addf(b, "TTL Seconds After Finished:\t%lld\n", ival(spec,
		    "ttlSecondsAfterFinished"));
	if (start != NULL)
		time_line(b, "Start Time", start);
	if (done != NULL)
		time_line(b, "Completed At", done);
	if (start != NULL && done != NULL) {
		struct timespec ts = { 0 }, td = { 0 };
		char d[64];

		rfc3339_parse(start, &ts);
		rfc3339_parse(done, &td);
		rfc3339_human_duration((long long)(td.tv_sec - ts.tv_sec), d,
		    sizeof d);
		buf_addf(b, "Duration:\t%s\n", d);
	}
	if (has_int(spec, "activeDeadlineSeconds"))
		buf_addf(b, "Active Deadline Seconds:\t%llds\n", ival(spec,
		    "activeDeadlineSeconds"));
	buf_addf(b, "Pods Statuses:\t%lld Active ", ival(st, "active"));
	if (has_int(st, "ready"))
		buf_addf(b, "(%lld Ready) ", ival(st, "ready"));
	buf_addf(b, "/ %lld Succeeded / %lld Failed\n", ival(st, "succeeded"),
	    ival(st, "failed"));
	if (mode != NULL && strcmp(mode, "Indexed") == 0) {
		buf_adds(b, "Completed Indexes:\t");
		indexes(b, describe_str(st, "completedIndexes") ?: "");
		buf_adds(b, "\n");
	}
	template_describe(b, field(spec, "template"));
	describe_events(c, obj, b);
}

/* kubectl's describeJobTemplate */
static void
job_template(struct buf *b, const json_t *jt)
{
	const json_t *spec = field(jt, "spec");

	buf_adds(b, "Selector:\t");
	if (json_is_object(field(spec, "selector")))
		template_selector(b, field(spec, "selector"), NULL);
	else
		buf_adds(b, "<unset>");
	buf_adds(b, "\n");
	if (has_int(spec, "parallelism"))
		buf_addf(b, "Parallelism:\t%lld\n", ival(spec, "parallelism"));
	else
		buf_adds(b, "Parallelism:\t<unset>\n");
	if (has_int(spec, "completions"))
		buf_addf(b, "Completions:\t%lld\n", ival(spec, "completions"));
	else
		buf_adds(b, "Completions:\t<unset>\n");
	if (has_int(spec, "activeDeadlineSeconds"))
		buf_addf(b, "Active Deadline Seconds:\t%llds\n", ival(spec,
		    "activeDeadlineSeconds"));
	template_describe(b, field(spec, "template"));
}

void
describe_cronjob(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *m = field(obj, "metadata"), *spec = field(obj, "spec"),
	    *st = field(obj, "status"), *susp = field(spec, "suspend"), *j;
	const char *last = describe_str(st, "lastScheduleTime");
	size_t i;

	buf_addf(b, "Name:\t%s\n", describe_str(m, "name") ?: "");
	buf_addf(b, "Namespace:\t%s\n", describe_str(m, "namespace") ?: "");
	template_labels(b, "", "", "Labels", field(m, "labels"));
	template_annotations(b, "", "Annotations", field(m, "annotations"));
	buf_addf(b, "Schedule:\t%s\n", describe_str(spec, "schedule") ?: "");
	buf_addf(b, "Concurrency Policy:\t%s\n", describe_str(spec,
	    "concurrencyPolicy") ?: "");
	buf_addf(b, "Suspend:\t%s\n", !json_is_boolean(susp) ? "<unset>" :
	    json_is_true(susp) ? "True" : "False");
	if (has_int(spec, "successfulJobsHistoryLimit"))
		buf_addf(b, "Successful Job History Limit:\t%lld\n", ival(spec,
		    "successfulJobsHistoryLimit"));
	else
		buf_adds(b, "Successful Job History Limit:\t<unset>\n");
	if (has_int(spec, "failedJobsHistoryLimit"))
		buf_addf(b, "Failed Job History Limit:\t%lld\n", ival(spec,
		    "failedJobsHistoryLimit"));
	else
		buf_adds(b, "Failed Job History Limit:\t<unset>\n");
	if (has_int(spec, "startingDeadlineSeconds"))
		buf_addf(b, "Starting Deadline Seconds:\t%llds\n", ival(spec,
		    "startingDeadlineSeconds"));
	else
		buf_adds(b, "Starting Deadline Seconds:\t<unset>\n");
	job_template(b, field(spec, "jobTemplate"));
	if (last != NULL)
		time_line(b, "Last Schedule Time", last);
	else
		buf_adds(b, "Last Schedule Time:\t<unset>\n");
	buf_adds(b, "Active Jobs:\t");
	json_array_foreach(field(st, "active"), i, j)
		buf_addf(b, "%s%s", i ? ", " : "", describe_str(j, "name") ?: "");
	buf_adds(b, json_array_size(field(st, "active")) ? "\n" : "<none>\n");
	describe_events(c, obj, b);
}
