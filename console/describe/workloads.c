/* workloads.c - kubec describe for the apps/v1 workloads: Deployments
 * (with their old and new ReplicaSets), ReplicaSets, StatefulSets (with
 * their volume claim templates) and DaemonSets, each with its pod
 * template (podspec.c), the phases of the pods it controls, its
 * conditions and Events, as kubectl describe prints them. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/rfc3339.h"
#include "describe.h"

/* The list of kind under apiPath ("/api/v1", "/apis/apps/v1") in the
 * object's namespace whose labels match the object's spec.selector
 * (NULL when the list fails). */
static json_t *
workloads_list(struct cli *c, const json_t *obj, const char *api,
    const char *res)
{
	const json_t *m = json_object_get(obj, "metadata");
	struct buf path = BUF_INIT(8192), sel = BUF_INIT(4096);
	json_t *list = NULL;
	struct err err;

	err_clear(&err);
	describe_selector(&sel, json_object_get(json_object_get(obj, "spec"),
	    "selector"), NULL);
	buf_addf(&path, "%s/namespaces/%s/%s", api, describe_s(m,
	    "namespace"), res);
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
workloads_owned(const json_t *item, const char *uid)
{
	const json_t *r = describe_controller(item);

	return r != NULL && uid != NULL && strcmp(describe_s(r, "uid"),
	    uid) == 0;
}

/* "Pods Status:\tN Running / N Waiting / N Succeeded / N Failed": the
 * pods of the selector the object controls, by phase */
static void
workloads_pods(struct cli *c, const json_t *obj, struct buf *b)
{
	json_t *list = workloads_list(c, obj, "/api/v1", "pods"), *p;
	const char *uid = describe_str(json_object_get(obj, "metadata"), "uid");
	int running = 0, waiting = 0, succeeded = 0, failed = 0;
	size_t i;

	json_array_foreach(json_object_get(list, "items"), i, p) {
		const char *phase = describe_s(json_object_get(p, "status"),
		    "phase");

		if (!workloads_owned(p, uid))
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
workloads_head(struct buf *b, const json_t *obj, int ts)
{
	describe_name(b, obj, 1);
	if (ts) {
		buf_adds(b, "CreationTimestamp:\t");
		describe_time(b, describe_str(json_object_get(obj, "metadata"),
		    "creationTimestamp"));
		buf_adds(b, "\n");
	}
}

static void
workloads_labels(struct buf *b, const json_t *obj)
{
	const json_t *m = json_object_get(obj, "metadata");

	describe_labels(b, "Labels", json_object_get(m, "labels"));
	describe_annotations(b, json_object_get(m, "annotations"));
}

static void
workloads_selector(struct buf *b, const json_t *obj, const char *none)
{
	buf_adds(b, "Selector:\t");
	describe_selector(b, json_object_get(json_object_get(obj, "spec"),
	    "selector"), none);
	buf_adds(b, "\n");
}

/* the Type/Status/Reason table of status.conditions, when any */
static void
workloads_conditions(struct buf *b, const json_t *obj)
{
	const json_t *conds = json_object_get(json_object_get(obj, "status"),
	    "conditions"), *c;
	size_t i;

	if (json_array_size(conds) == 0)
		return;
	buf_adds(b, "Conditions:\n  Type\tStatus\tReason\n  ----\t------\t"
	    "------\n");
	json_array_foreach(conds, i, c)
		buf_addf(b, "  %s \t%s\t%s\n", describe_s(c, "type"),
		    describe_s(c, "status"), describe_s(c, "reason"));
}

/* deploymentutil's EqualIgnoreHash: the templates alike but for the
 * pod-template-hash label */
static int
workloads_same_template(const json_t *a, const json_t *b)
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
workloads_created(const json_t *o)
{
	struct timespec ts = { 0 };

	rfc3339_parse(describe_s(json_object_get(o, "metadata"),
	    "creationTimestamp"), &ts);
	return ts.tv_sec;
}

/* controller.ReplicaSetsByCreationTimestamp */
static int
workloads_older(const json_t *a, const json_t *b)
{
	time_t ta = workloads_created(a), tb = workloads_created(b);

	if (ta != tb)
		return ta < tb;
	return strcmp(describe_s(json_object_get(a, "metadata"), "name"),
	    describe_s(json_object_get(b, "metadata"), "name")) < 0;
}

static void
workloads_rs_line(struct buf *b, const json_t **rs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf_addf(b, "%s%s (%lld/%lld replicas created)", i ? ", " : "",
		    describe_s(json_object_get(rs[i], "metadata"), "name"),
		    describe_int(json_object_get(rs[i], "status"), "replicas"),
		    describe_int(json_object_get(rs[i], "spec"), "replicas"));
	if (n == 0)
		buf_adds(b, "<none>");
}

/* OldReplicaSets and NewReplicaSet: the ReplicaSets of the selector the
 * Deployment controls, oldest first; the new one the first whose
 * template is the Deployment's (deploymentutil.GetAllReplicaSets) */
static void
workloads_replicasets(struct cli *c, const json_t *d, struct buf *b)
{
	json_t *list = workloads_list(c, d, "/apis/apps/v1", "replicasets"),
	    *rs;
	const char *uid = describe_str(json_object_get(d, "metadata"), "uid");
	const json_t **own, *newrs = NULL;
	size_t i, j, n = 0;

	if (list == NULL)
		return;
	own = calloc(json_array_size(json_object_get(list, "items")) + 1,
	    sizeof *own);
	if (own == NULL)
		goto out;
	json_array_foreach(json_object_get(list, "items"), i, rs) {
		if (!workloads_owned(rs, uid))
			continue;
		for (j = n; j > 0 && workloads_older(rs, own[j - 1]); j--)
			own[j] = own[j - 1];
		own[j] = rs;
		n++;
	}
	for (i = 0; i < n; i++)
		if (workloads_same_template(json_object_get(json_object_get(
		    own[i], "spec"), "template"), json_object_get(
		    json_object_get(d, "spec"), "template"))) {
			newrs = own[i];
			memmove(&own[i], &own[i + 1], (n - i - 1) *
			    sizeof *own);
			n--;
			break;
		}
	if (n > 0 || newrs != NULL) {
		buf_adds(b, "OldReplicaSets:\t");
		workloads_rs_line(b, own, n);
		buf_adds(b, "\nNewReplicaSet:\t");
		workloads_rs_line(b, &newrs, newrs != NULL);
		buf_adds(b, "\n");
	}
	free(own);
out:
	json_decref(list);
}

void
describe_deployment(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *spec = json_object_get(obj, "spec"),
	    *st = json_object_get(obj, "status"),
	    *strat = json_object_get(spec, "strategy"),
	    *ru = json_object_get(strat, "rollingUpdate");

	workloads_head(b, obj, 1);
	workloads_labels(b, obj);
	workloads_selector(b, obj, NULL);
	buf_addf(b, "Replicas:\t%lld desired | %lld updated | %lld total | "
	    "%lld available | %lld unavailable\n", describe_int(spec,
	    "replicas"), describe_int(st, "updatedReplicas"), describe_int(st,
	    "replicas"), describe_int(st, "availableReplicas"), describe_int(st,
	    "unavailableReplicas"));
	buf_addf(b, "StrategyType:\t%s\n", describe_s(strat, "type"));
	buf_addf(b, "MinReadySeconds:\t%lld\n", describe_int(spec,
	    "minReadySeconds"));
	if (json_is_object(ru)) {
		buf_adds(b, "RollingUpdateStrategy:\t");
		describe_intstr(b, json_object_get(ru, "maxUnavailable"));
		buf_adds(b, " max unavailable, ");
		describe_intstr(b, json_object_get(ru, "maxSurge"));
		buf_adds(b, " max surge\n");
	}
	podspec_template(b, json_object_get(spec, "template"));
	workloads_conditions(b, obj);
	workloads_replicasets(c, obj, b);
	describe_events(c, obj, b);
}

void
describe_replicaset(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *spec = json_object_get(obj, "spec");

	workloads_head(b, obj, 0);
	workloads_selector(b, obj, "<none>");
	workloads_labels(b, obj);
	describe_controlled_by(b, obj);
	buf_addf(b, "Replicas:\t%lld current / %lld desired\n",
	    describe_int(json_object_get(obj, "status"), "replicas"),
	    describe_int(spec, "replicas"));
	workloads_pods(c, obj, b);
	podspec_template(b, json_object_get(spec, "template"));
	workloads_conditions(b, obj);
	describe_events(c, obj, b);
}

/* kubectl's describeVolumeClaimTemplates */
static void
workloads_claims(struct buf *b, const json_t *list)
{
	const json_t *pvc;
	size_t i;

	if (json_array_size(list) == 0) {
		buf_adds(b, "Volume Claims:\t<none>\n");
		return;
	}
	buf_adds(b, "Volume Claims:\n");
	json_array_foreach(list, i, pvc) {
		const json_t *m = json_object_get(pvc, "metadata"),
		    *spec = json_object_get(pvc, "spec"),
		    *cap = json_object_get(json_object_get(json_object_get(spec,
		    "resources"), "requests"), "storage");
		const char *cls = describe_str(json_object_get(m, "annotations"),
		    "volume.beta.kubernetes.io/storage-class");

		buf_addf(b, "  Name:\t%s\n", describe_s(m, "name"));
		buf_addf(b, "  StorageClass:\t%s\n", cls ?: describe_s(spec,
		    "storageClassName"));
		describe_labels_in(b, "", "  ", "Labels", json_object_get(m,
		    "labels"));
		describe_labels_in(b, "", "  ", "Annotations",
		    json_object_get(m, "annotations"));
		buf_adds(b, "  Capacity:\t");
		if (cap != NULL)
			describe_quantity(b, cap);
		else
			buf_adds(b, "<default>");
		buf_adds(b, "\n  Access Modes:\t");
		describe_golist(b, json_object_get(spec, "accessModes"));
		buf_adds(b, "\n");
	}
}

void
describe_statefulset(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *spec = json_object_get(obj, "spec"),
	    *us = json_object_get(spec, "updateStrategy"),
	    *ru = json_object_get(us, "rollingUpdate");

	workloads_head(b, obj, 1);
	workloads_selector(b, obj, NULL);
	workloads_labels(b, obj);
	buf_addf(b, "Replicas:\t%lld desired | %lld total\n", describe_int(spec,
	    "replicas"), describe_int(json_object_get(obj, "status"),
	    "replicas"));
	buf_addf(b, "Update Strategy:\t%s\n", describe_s(us, "type"));
	if (json_is_object(ru) && json_is_integer(json_object_get(ru,
	    "partition"))) {
		buf_addf(b, "  Partition:\t%lld\n", describe_int(ru,
		    "partition"));
		if (json_object_get(ru, "maxUnavailable") != NULL) {
			buf_adds(b, "  MaxUnavailable:\t");
			describe_intstr(b, json_object_get(ru,
			    "maxUnavailable"));
			buf_adds(b, "\n");
		}
	}
	workloads_pods(c, obj, b);
	podspec_template(b, json_object_get(spec, "template"));
	workloads_claims(b, json_object_get(spec, "volumeClaimTemplates"));
	describe_events(c, obj, b);
}

void
describe_daemonset(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *spec = json_object_get(obj, "spec"),
	    *st = json_object_get(obj, "status");

	workloads_head(b, obj, 0);
	workloads_selector(b, obj, NULL);
	buf_adds(b, "Node-Selector:\t");
	print_labels(b, json_object_get(json_object_get(json_object_get(spec,
	    "template"), "spec"), "nodeSelector"), "<none>");
	buf_adds(b, "\n");
	workloads_labels(b, obj);
	buf_addf(b, "Desired Number of Nodes Scheduled: %lld\n",
	    describe_int(st, "desiredNumberScheduled"));
	buf_addf(b, "Current Number of Nodes Scheduled: %lld\n",
	    describe_int(st, "currentNumberScheduled"));
	buf_addf(b, "Number of Nodes Scheduled with Up-to-date Pods: %lld\n",
	    describe_int(st, "updatedNumberScheduled"));
	buf_addf(b, "Number of Nodes Scheduled with Available Pods: %lld\n",
	    describe_int(st, "numberAvailable"));
	buf_addf(b, "Number of Nodes Misscheduled: %lld\n",
	    describe_int(st, "numberMisscheduled"));
	workloads_pods(c, obj, b);
	podspec_template(b, json_object_get(spec, "template"));
	describe_events(c, obj, b);
}
