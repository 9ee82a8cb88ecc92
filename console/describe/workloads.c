/* workloads.c - kubec describe for the apps/v1 workloads: Deployments
 * (with their old and new ReplicaSets), ReplicaSets, StatefulSets (with
 * their volume claim templates) and DaemonSets, each with its pod
 * template (template.c), the phases of the pods it controls, its
 * conditions and Events, as kubectl describe prints them. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/rfc3339.h"
#include "describe.h"

static long long
ival(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

static const json_t *
field(const json_t *o, const char *k)
{
	return json_object_get(o, k);
}

/* The list of kind under apiPath ("/api/v1", "/apis/apps/v1") in the
 * object's namespace whose labels match the object's spec.selector
 * (NULL when the list fails). */
static json_t *
list_selected(struct cli *c, const json_t *obj, const char *api,
    const char *res)
{
	const json_t *m = field(obj, "metadata");
	struct buf path = BUF_INIT(8192), sel = BUF_INIT(4096);
	json_t *list = NULL;
	struct err err;

	err_clear(&err);
	template_selector(&sel, field(field(obj, "spec"), "selector"), NULL);
	buf_addf(&path, "%s/namespaces/%s/%s", api, describe_str(m,
	    "namespace") ?: "", res);
	if (sel.len > 0)
		cli_query_arg(&path, "labelSelector", buf_str(&sel));
	if (cli_get_json(c, buf_str(&path), &list, &err) < 0)
		list = NULL;
	buf_release(&path);
	buf_release(&sel);
	return list;
}

/* whether item's controller is the object of uid */
static int
controlled_by(const json_t *item, const char *uid)
{
	const json_t *r = describe_controller(item);

	return r != NULL && uid != NULL && strcmp(describe_str(r, "uid") ?: "",
	    uid) == 0;
}

/* "Pods Status:\tN Running / N Waiting / N Succeeded / N Failed": the
 * pods of the selector the object controls, by phase */
static void
pods_status(struct cli *c, const json_t *obj, struct buf *b)
{
	json_t *list = list_selected(c, obj, "/api/v1", "pods"), *p;
	const char *uid = describe_str(field(obj, "metadata"), "uid");
	int running = 0, waiting = 0, succeeded = 0, failed = 0;
	size_t i;

	json_array_foreach(field(list, "items"), i, p) {
		const char *phase = describe_str(field(p, "status"), "phase") ?:
		    "";

		if (!controlled_by(p, uid))
			continue;
		if (strcmp(phase, "Running") == 0)
			running++;
		else if (strcmp(phase, "Pending") == 0)
			waiting++;
		else if (strcmp(phase, "Succeeded") == 0)
			succeeded++;
		else if (strcmp(phase, "Failed") == 0)
			failed++;
	}
	json_decref(list);
	buf_addf(b, "Pods Status:\t%d Running / %d Waiting / %d Succeeded / "
	    "%d Failed\n", running, waiting, succeeded, failed);
}

/* Name, Namespace and (when ts) CreationTimestamp */
static void
head(struct buf *b, const json_t *obj, int ts)
{
	const json_t *m = field(obj, "metadata");

	buf_addf(b, "Name:\t%s\n", describe_str(m, "name") ?: "");
	buf_addf(b, "Namespace:\t%s\n", describe_str(m, "namespace") ?: "");
	if (ts) {
		buf_adds(b, "CreationTimestamp:\t");
		describe_time(b, describe_str(m, "creationTimestamp"));
		buf_adds(b, "\n");
	}
}

static void
labels_annotations(struct buf *b, const json_t *obj)
{
	const json_t *m = field(obj, "metadata");

	template_labels(b, "", "", "Labels", field(m, "labels"));
	template_annotations(b, "", "Annotations", field(m, "annotations"));
}

static void
selector_line(struct buf *b, const json_t *obj, const char *none)
{
	buf_adds(b, "Selector:\t");
	template_selector(b, field(field(obj, "spec"), "selector"), none);
	buf_adds(b, "\n");
}

static void
controlled_line(struct buf *b, const json_t *obj)
{
	const json_t *r = describe_controller(obj);

	if (r != NULL)
		buf_addf(b, "Controlled By:\t%s/%s\n", describe_str(r, "kind") ?:
		    "", describe_str(r, "name") ?: "");
}

/* the Type/Status/Reason table of status.conditions, when any */
void
workload_conditions(struct buf *b, const json_t *obj)
{
	const json_t *conds = field(field(obj, "status"), "conditions"), *c;
	size_t i;

	if (json_array_size(conds) == 0)
		return;
	buf_adds(b, "Conditions:\n  Type\tStatus\tReason\n  ----\t------\t"
	    "------\n");
	json_array_foreach(conds, i, c)
		buf_addf(b, "  %s \t%s\t%s\n", describe_str(c, "type") ?: "",
		    describe_str(c, "status") ?: "", describe_str(c, "reason") ?:
		    "");
}

/* deploymentutil's EqualIgnoreHash: the templates alike but for the
 * pod-template-hash label */
static int
template_equal(const json_t *a, const json_t *b)
{
	json_t *ca = json_deep_copy(a), *cb = json_deep_copy(b);
	json_t *t[2] = { ca, cb };
	int eq;

	for (int i = 0; i < 2; i++) {
		json_t *l = json_object_get(json_object_get(t[i], "metadata"),
		    "labels");

		json_object_del(l, "pod-template-hash");
		/* Semantic.DeepEqual: an empty map is a nil one */
		if (l != NULL && json_object_size(l) == 0)
			json_object_del(json_object_get(t[i], "metadata"),
			    "labels");
	}
	eq = json_equal(ca, cb);
	json_decref(ca);
	json_decref(cb);
	return eq;
}

static time_t
created(const json_t *o)
{
	struct timespec ts = { 0 };

	rfc3339_parse(describe_str(field(o, "metadata"), "creationTimestamp") ?:
	    "", &ts);
	return ts.tv_sec;
}

/* controller.ReplicaSetsByCreationTimestamp */
static int
rs_older(const json_t *a, const json_t *b)
{
	time_t ta = created(a), tb = created(b);

	if (ta != tb)
		return ta < tb;
	return strcmp(describe_str(field(a, "metadata"), "name") ?: "",
	    describe_str(field(b, "metadata"), "name") ?: "") < 0;
}

static void
rs_line(struct buf *b, const json_t **rs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf_addf(b, "%s%s (%lld/%lld replicas created)", i ? ", " : "",
		    describe_str(field(rs[i], "metadata"), "name") ?: "",
		    ival(field(rs[i], "status"), "replicas"),
		    ival(field(rs[i], "spec"), "replicas"));
	if (n == 0)
		buf_adds(b, "<none>");
}

/* OldReplicaSets and NewReplicaSet: the ReplicaSets of the selector the
 * Deployment controls, oldest first; the new one the first whose
 * template is the Deployment's (deploymentutil.GetAllReplicaSets) */
static void
deployment_replicasets(struct cli *c, const json_t *d, struct buf *b)
{
	json_t *list = list_selected(c, d, "/apis/apps/v1", "replicasets"),
	    *rs;
	const char *uid = describe_str(field(d, "metadata"), "uid");
	const json_t **own, *newrs = NULL;
	size_t i, j, n = 0;

	if (list == NULL)
		return;
	own = calloc(json_array_size(field(list, "items")) + 1, sizeof *own);
	if (own == NULL)
		goto out;
	json_array_foreach(field(list, "items"), i, rs) {
		if (!controlled_by(rs, uid))
			continue;
		for (j = n; j > 0 && rs_older(rs, own[j - 1]); j--)
			own[j] = own[j - 1];
		own[j] = rs;
		n++;
	}
	for (i = 0; i < n; i++)
		if (template_equal(field(field(own[i], "spec"), "template"),
		    field(field(d, "spec"), "template"))) {
			newrs = own[i];
			memmove(&own[i], &own[i + 1], (n - i - 1) *
			    sizeof *own);
			n--;
			break;
		}
	if (n > 0 || newrs != NULL) {
		buf_adds(b, "OldReplicaSets:\t");
		rs_line(b, own, n);
		buf_adds(b, "\nNewReplicaSet:\t");
		rs_line(b, &newrs, newrs != NULL);
		buf_adds(b, "\n");
	}
	free(own);
out:
	json_decref(list);
}

void
describe_deployment(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *spec = field(obj, "spec"), *st = field(obj, "status"),
	    *strat = field(spec, "strategy"), *ru = field(strat,
	    "rollingUpdate");

	head(b, obj, 1);
	labels_annotations(b, obj);
	selector_line(b, obj, NULL);
	buf_addf(b, "Replicas:\t%lld desired | %lld updated | %lld total | "
	    "%lld available | %lld unavailable\n", ival(spec, "replicas"),
	    ival(st, "updatedReplicas"), ival(st, "replicas"),
	    ival(st, "availableReplicas"), ival(st, "unavailableReplicas"));
	buf_addf(b, "StrategyType:\t%s\n", describe_str(strat, "type") ?: "");
	buf_addf(b, "MinReadySeconds:\t%lld\n", ival(spec, "minReadySeconds"));
	if (json_is_object(ru)) {
		buf_adds(b, "RollingUpdateStrategy:\t");
		template_intstr(b, field(ru, "maxUnavailable"));
		buf_adds(b, " max unavailable, ");
		template_intstr(b, field(ru, "maxSurge"));
		buf_adds(b, " max surge\n");
	}
	template_describe(b, field(spec, "template"));
	workload_conditions(b, obj);
	deployment_replicasets(c, obj, b);
	describe_events(c, obj, b);
}

void
describe_replicaset(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *spec = field(obj, "spec");

	head(b, obj, 0);
	selector_line(b, obj, "<none>");
	labels_annotations(b, obj);
	controlled_line(b, obj);
	buf_addf(b, "Replicas:\t%lld current / %lld desired\n",
	    ival(field(obj, "status"), "replicas"), ival(spec, "replicas"));
	pods_status(c, obj, b);
	template_describe(b, field(spec, "template"));
	workload_conditions(b, obj);
	describe_events(c, obj, b);
}

/* kubectl's describeVolumeClaimTemplates */
static void
claim_templates(struct buf *b, const json_t *list)
{
	const json_t *pvc, *mode;
	size_t i, j;

	if (json_array_size(list) == 0) {
		buf_adds(b, "Volume Claims:\t<none>\n");
		return;
	}
	buf_adds(b, "Volume Claims:\n");
	json_array_foreach(list, i, pvc) {
		const json_t *m = field(pvc, "metadata"), *spec = field(pvc,
		    "spec"), *cap = field(field(field(spec, "resources"),
		    "requests"), "storage");
		const char *cls = describe_str(field(m, "annotations"),
		    "volume.beta.kubernetes.io/storage-class");

		buf_addf(b, "  Name:\t%s\n", describe_str(m, "name") ?: "");
		buf_addf(b, "  StorageClass:\t%s\n", cls ?: describe_str(spec,
		    "storageClassName") ?: "");
		template_labels(b, "", "  ", "Labels", field(m, "labels"));
		template_labels(b, "", "  ", "Annotations", field(m,
		    "annotations"));
		buf_adds(b, "  Capacity:\t");
		if (cap != NULL)
			template_quantity(b, cap);
		else
			buf_adds(b, "<default>");
		buf_adds(b, "\n  Access Modes:\t[");
		json_array_foreach(field(spec, "accessModes"), j, mode)
			buf_addf(b, "%s%s", j ? " " : "",
			    json_string_value(mode) ?: "");
		buf_adds(b, "]\n");
	}
}

void
describe_statefulset(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *spec = field(obj, "spec"), *us = field(spec,
	    "updateStrategy"), *ru = field(us, "rollingUpdate");

	head(b, obj, 1);
	selector_line(b, obj, NULL);
	labels_annotations(b, obj);
	buf_addf(b, "Replicas:\t%lld desired | %lld total\n", ival(spec,
	    "replicas"), ival(field(obj, "status"), "replicas"));
	buf_addf(b, "Update Strategy:\t%s\n", describe_str(us, "type") ?: "");
	if (json_is_object(ru) && json_is_integer(field(ru, "partition"))) {
		buf_addf(b, "  Partition:\t%lld\n", ival(ru, "partition"));
		if (field(ru, "maxUnavailable") != NULL) {
			buf_adds(b, "  MaxUnavailable:\t");
			template_intstr(b, field(ru, "maxUnavailable"));
			buf_adds(b, "\n");
		}
	}
	pods_status(c, obj, b);
	template_describe(b, field(spec, "template"));
	claim_templates(b, field(spec, "volumeClaimTemplates"));
	describe_events(c, obj, b);
}

void
describe_daemonset(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *spec = field(obj, "spec"), *st = field(obj, "status");

	head(b, obj, 0);
	selector_line(b, obj, NULL);
	buf_adds(b, "Node-Selector:\t");
	print_labels(b, field(field(field(spec, "template"), "spec"),
	    "nodeSelector"), "<none>");
	buf_adds(b, "\n");
	labels_annotations(b, obj);
	buf_addf(b, "Desired Number of Nodes Scheduled: %lld\n",
	    ival(st, "desiredNumberScheduled"));
	buf_addf(b, "Current Number of Nodes Scheduled: %lld\n",
	    ival(st, "currentNumberScheduled"));
	buf_addf(b, "Number of Nodes Scheduled with Up-to-date Pods: %lld\n",
	    ival(st, "updatedNumberScheduled"));
	buf_addf(b, "Number of Nodes Scheduled with Available Pods: %lld\n",
	    ival(st, "numberAvailable"));
	buf_addf(b, "Number of Nodes Misscheduled: %lld\n",
	    ival(st, "numberMisscheduled"));
	pods_status(c, obj, b);
	template_describe(b, field(spec, "template"));
	describe_events(c, obj, b);
}
