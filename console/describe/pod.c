/* pod.c - kubec describe for Pods, in kubectl describe's layout: the
 * pod's node, status and IPs, its containers (podspec.c: state,
 * resources, probes, environment with fieldRef values resolved, mounts),
 * readiness gates and conditions, volumes (volumes.c), the QoS class,
 * node selectors, tolerations, spread constraints, then the pod's
 * Events. */
#include <stdlib.h>
#include <string.h>

#include "../../lib/quantity.h"
#include "describe.h"

/* The sum of the positive cpu and memory quantities of list into sum[2]
 * (the names found in *found, bit 0 cpu, bit 1 memory). */
static void
pod_qos_add(const json_t *list, struct quantity sum[2], int *have,
    int *found)
{
	static const char *const names[] = { "cpu", "memory" };
	struct quantity q;
	struct err err;

	err_clear(&err);
	for (int k = 0; k < 2; k++) {
		const char *v = describe_str(list, names[k]);

		if (v == NULL || quantity_parse(v, &q, &err) < 0 || q.nano <= 0)
			continue;
		*found |= 1 << k;
		if (*have & (1 << k))
			quantity_add(&sum[k], &q);
		else
			sum[k] = q;
		*have |= 1 << k;
	}
}

/* The pod's QoS class: its status's, else computed (ComputePodQOS). */
static const char *
pod_qos(const json_t *pod)
{
	static const char *const lists[] = { "containers", "initContainers" };
	const json_t *spec = json_object_get(pod, "spec"), *ctr;
	struct quantity req[2], lim[2];
	int hreq = 0, hlim = 0, guaranteed = 1;
	size_t i;

	if (*describe_s(json_object_get(pod, "status"), "qosClass") != '\0')
		return describe_s(json_object_get(pod, "status"), "qosClass");
	for (int l = 0; l < 2; l++)
		json_array_foreach(json_object_get(spec, lists[l]), i, ctr) {
			const json_t *r = json_object_get(ctr, "resources");
			int found = 0, unused = 0;

			pod_qos_add(json_object_get(r, "requests"), req, &hreq,
			    &unused);
			pod_qos_add(json_object_get(r, "limits"), lim, &hlim,
			    &found);
			if (found != 3)
				guaranteed = 0;
		}
	if (hreq == 0 && hlim == 0)
		return "BestEffort";
	for (int k = 0; guaranteed && k < 2; k++)
		if ((hreq & (1 << k)) && (!(hlim & (1 << k)) ||
		    quantity_cmp(&lim[k], &req[k]) != 0))
			guaranteed = 0;
	return guaranteed && hreq == hlim ? "Guaranteed" : "Burstable";
}

/* From the pod's name to its controller: node, start time, labels,
 * status (a deleted one Terminating), seccomp profile, IPs. */
static void
pod_head(struct buf *b, const json_t *pod)
{
	const json_t *m = json_object_get(pod, "metadata"), *spec =
	    json_object_get(pod, "spec"), *st = json_object_get(pod, "status");
	const json_t *v, *sc = json_object_get(json_object_get(spec,
	    "securityContext"), "seccompProfile");
	const char *phase = describe_s(st, "phase");
	size_t i;

	describe_name(b, pod, 1);
	if (json_is_integer(json_object_get(spec, "priority")))
		buf_addf(b, "Priority:\t%lld\n", describe_int(spec, "priority"));
	if (*describe_s(spec, "priorityClassName") != '\0')
		buf_addf(b, "Priority Class Name:\t%s\n", describe_s(spec,
		    "priorityClassName"));
	if (*describe_s(spec, "runtimeClassName") != '\0')
		buf_addf(b, "Runtime Class Name:\t%s\n", describe_s(spec,
		    "runtimeClassName"));
	if (*describe_s(spec, "serviceAccountName") != '\0')
		buf_addf(b, "Service Account:\t%s\n", describe_s(spec,
		    "serviceAccountName"));
	if (*describe_s(spec, "nodeName") == '\0')
		buf_adds(b, "Node:\t<none>\n");
	else
		buf_addf(b, "Node:\t%s/%s\n", describe_s(spec, "nodeName"),
		    describe_s(st, "hostIP"));
	if (describe_str(st, "startTime") != NULL) {
		buf_adds(b, "Start Time:\t");
		describe_time(b, describe_str(st, "startTime"));
		buf_adds(b, "\n");
	}
	describe_labels(b, "Labels", json_object_get(m, "labels"));
	describe_annotations(b, json_object_get(m, "annotations"));
	if (describe_str(m, "deletionTimestamp") != NULL &&
	    strcmp(phase, "Failed") != 0 && strcmp(phase, "Succeeded") != 0) {
		buf_adds(b, "Status:\tTerminating (lasts ");
		describe_age(b, describe_str(m, "deletionTimestamp"));
		buf_addf(b, ")\nTermination Grace Period:\t%llds\n",
		    describe_int(m, "deletionGracePeriodSeconds"));
	} else
		buf_addf(b, "Status:\t%s\n", phase);
	if (*describe_s(st, "reason") != '\0')
		buf_addf(b, "Reason:\t%s\n", describe_s(st, "reason"));
	if (*describe_s(st, "message") != '\0')
		buf_addf(b, "Message:\t%s\n", describe_s(st, "message"));
	if (sc != NULL) {
		buf_addf(b, "SeccompProfile:\t%s\n", describe_s(sc, "type"));
		if (strcmp(describe_s(sc, "type"), "Localhost") == 0)
			buf_addf(b, "LocalhostProfile:\t%s\n", describe_s(sc,
			    "localhostProfile"));
	}
	buf_addf(b, "IP:\t%s\n", describe_s(st, "podIP"));
	if (json_array_size(json_object_get(st, "podIPs")) == 0)
		buf_adds(b, "IPs:\t<none>\n");
	else {
		buf_adds(b, "IPs:\n");
		json_array_foreach(json_object_get(st, "podIPs"), i, v)
			buf_addf(b, "  IP:\t%s\n", describe_s(v, "ip"));
	}
	describe_controlled_by(b, pod);
}

/* Readiness Gates (each with its condition's status) and Conditions */
static void
pod_conditions(struct buf *b, const json_t *pod)
{
	const json_t *conds = json_object_get(json_object_get(pod, "status"),
	    "conditions"), *gates = json_object_get(json_object_get(pod,
	    "spec"), "readinessGates"), *v, *cond;
	size_t i, j;

	if (json_array_size(gates) > 0)
		buf_adds(b, "Readiness Gates:\n  Type\tStatus\n");
	json_array_foreach(gates, i, v) {
		const char *type = describe_s(v, "conditionType"), *status =
		    "<none>";

		json_array_foreach(conds, j, cond)
			if (strcmp(describe_s(cond, "type"), type) == 0) {
				status = describe_s(cond, "status");
				break;
			}
		buf_addf(b, "  %s \t%s \n", type, status);
	}
	if (json_array_size(conds) > 0)
		buf_adds(b, "Conditions:\n  Type\tStatus\n");
	json_array_foreach(conds, i, v)
		buf_addf(b, "  %s \t%s \n", describe_s(v, "type"),
		    describe_s(v, "status"));
}

void
describe_pod(struct cli *c, const json_t *pod, struct buf *b)
{
	const json_t *m = json_object_get(pod, "metadata"), *spec =
	    json_object_get(pod, "spec"), *st = json_object_get(pod, "status");
	const json_t *res = json_object_get(spec, "resources");

	pod_head(b, pod);
	if (*describe_s(st, "nominatedNodeName") != '\0')
		buf_addf(b, "NominatedNodeName:\t%s\n", describe_s(st,
		    "nominatedNodeName"));
	if (res != NULL) {
		buf_adds(b, "Resources:\n");
		podspec_resources(b, res, "  ");
	}
	if (json_array_size(json_object_get(spec, "initContainers")) > 0)
		podspec_containers(b, "Init Containers", json_object_get(spec,
		    "initContainers"), json_object_get(st,
		    "initContainerStatuses"), pod, "");
	podspec_containers(b, "Containers", json_object_get(spec,
	    "containers"), json_object_get(st, "containerStatuses"), pod, "");
	if (json_array_size(json_object_get(spec, "ephemeralContainers")) > 0)
		podspec_containers(b, "Ephemeral Containers",
		    json_object_get(spec, "ephemeralContainers"),
		    json_object_get(st, "ephemeralContainerStatuses"), pod, "");
	pod_conditions(b, pod);
	volumes_describe(b, json_object_get(spec, "volumes"), "");
	buf_addf(b, "QoS Class:\t%s\n", pod_qos(pod));
	describe_labels(b, "Node-Selectors", json_object_get(spec,
	    "nodeSelector"));
	podspec_tolerations(b, "Tolerations", json_object_get(spec,
	    "tolerations"));
	podspec_spread(b, json_object_get(spec, "topologySpreadConstraints"),
	    "");
	/* a mirror pod's events are its static pod's */
	describe_events_of(c, pod, NULL, describe_str(json_object_get(m,
	    "annotations"), "kubernetes.io/config.mirror"), NULL, b);
}
