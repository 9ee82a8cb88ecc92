/* test-srv-sched.c - unit tests for the scheduler's plugins
 * (server/scheduler/plugins.c, podaffinity.c, topologyspread.c) on a
 * made-up cluster: four nodes in three zones (and one without a zone),
 * pods placed on them, and a pod to place; each filter's verdict and
 * message in kube-scheduler's words, the scores' order, and the victims
 * preemption picks on a node.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../server/scheduler/interpod.h"
#include "../../server/scheduler/plugins.h"
#include "test.h"

#define NNODES	5

static struct sched_node nodes[NNODES];
static struct sched_node *order[NNODES];
static struct sched_existing placed[32], *pods[32], *termed[32];
static struct sched_view view;

static json_t *
j(const char *s)
{
	json_error_t je;
	json_t *v = json_loads(s, 0, &je);

	if (v == NULL)
		printf("#   bad JSON in the test: %s\n", je.text);
	return v;
}

static struct sched_node *
node_named(void *arg, const char *name)
{
	for (int i = 0; i < NNODES; i++)
		if (strcmp(nodes[i].name, name) == 0)
			return &nodes[i];
	return NULL;
}

/* the namespace "team-x" has the label team=x; the others none */
static const json_t *
ns_labels(void *arg, const char *ns)
{
	static json_t *x;

	if (x == NULL)
		x = j("{\"team\":\"x\"}");
	return strcmp(ns, "team-x") == 0 ? x : NULL;
}

/* n0, n1 in zone a; n2 in b; n3 in c; n4 has no zone */
static void
cluster(void)
{
	static const char *zone[NNODES] = { "a", "a", "b", "c", NULL };
	char text[512];

	for (int i = 0; i < NNODES; i++) {
		json_t *o;

		sched_node_release(&nodes[i]);
		snprintf(text, sizeof text, "{\"metadata\":{\"name\":\"n%d\","
		    "\"labels\":{\"kubernetes.io/hostname\":\"n%d\"%s%s%s}},"
		    "\"status\":{\"allocatable\":{\"cpu\":\"4\",\"memory\":"
		    "\"8Gi\",\"pods\":\"110\"}}}", i, i, zone[i] ?
		    ",\"topology.kubernetes.io/zone\":\"" : "", zone[i] ?
		    zone[i] : "", zone[i] ? "\"" : "");
		o = j(text);
		nodes[i].name = strdup(json_string_value(json_object_get(
		    json_object_get(o, "metadata"), "name")));
		sched_node_set(&nodes[i], o);
		json_decref(o);
		order[i] = &nodes[i];
	}
	for (size_t i = 0; i < view.npods; i++) {
		free(placed[i].ns);
		free(placed[i].node);
		json_decref(placed[i].labels);
		sched_podterms_free(placed[i].terms);
	}
	memset(placed, 0, sizeof placed);
	view = (struct sched_view){ pods, 0, termed, 0, order, NNODES,
	    node_named, ns_labels, NULL };
}

/* A pod placed on node: its namespace, labels and affinity (JSON). */
static void
place(const char *node, const char *ns, const char *labels,
    const char *affinity, int terminating)
{
	struct sched_existing *e = &placed[view.npods];
	char text[2048];
	json_t *pod;

	snprintf(text, sizeof text, "{\"metadata\":{\"namespace\":\"%s\","
	    "\"labels\":%s},\"spec\":{\"affinity\":%s}}", ns, labels,
	    affinity ? affinity : "null");
	pod = j(text);
	e->ns = strdup(ns);
	e->node = strdup(node);
	e->labels = json_incref(json_object_get(json_object_get(pod,
	    "metadata"), "labels"));
	e->terminating = terminating;
	e->terms = sched_podterms_parse(pod);
	pods[view.npods++] = e;
	if (e->terms != NULL)
		termed[view.ntermed++] = e;
	json_decref(pod);
}

/* The pod to place. */
static json_t *
pod_of(const char *ns, const char *labels, const char *spec)
{
	char text[4096];

	snprintf(text, sizeof text, "{\"metadata\":{\"name\":\"new\","
	    "\"namespace\":\"%s\",\"labels\":%s},\"spec\":%s}", ns, labels,
	    spec);
	return j(text);
}

/* A pod being placed: its parsed spec and the plugins' states. */
struct placing {
	const json_t	*pod;
	struct sched_pod p;
	struct sched_ipa *ipa;
	struct sched_pts *pts;
};

static void
placing_begin(struct placing *pl, const json_t *pod)
{
	pl->pod = pod;
	sched_pod_parse(pod, &pl->p);
	pl->ipa = sched_ipa_prepare(&view, pod);
	pl->pts = sched_pts_prepare(&view, pod, &pl->p);
}

static int
placing_fits(struct placing *pl, int i, struct sched_why *why)
{
	return sched_filter(&nodes[i], pl->pod, &pl->p, why) &&
	    sched_pts_filter(pl->pts, &nodes[i], why) &&
	    sched_ipa_filter(pl->ipa, &nodes[i], why);
}

static void
placing_end(struct placing *pl)
{
	sched_ipa_free(pl->ipa);
	sched_pts_free(pl->pts);
	sched_pod_release(&pl->p);
}

/* "n0 n2" (the nodes that pass); why_out: the failure on node `show`. */
static const char *
verdict(const json_t *pod, int show, char *why_out, size_t len)
{
	static char out[256];
	struct placing pl;
	struct sched_why why;

	out[0] = '\0';
	why_out[0] = '\0';
	placing_begin(&pl, pod);
	for (int i = 0; i < NNODES; i++) {
		if (placing_fits(&pl, i, &why))
			snprintf(out + strlen(out), sizeof out - strlen(out),
			    "%sn%d", out[0] ? " " : "", i);
		else if (i == show && why.n > 0)
			snprintf(why_out, len, "%s", why.reason[0]);
	}
	placing_end(&pl);
	return out;
}

/* The nodes by final score, best first ("n2 n3 n0 ..."), of those that
 * pass every filter. */
static const char *
ranking(const json_t *pod)
{
	static char out[256];
	struct sched_scores s[NNODES];
	int64_t final[NNODES];
	int idx[NNODES], n = 0;
	struct placing pl;
	struct sched_why why;

	placing_begin(&pl, pod);
	for (int i = 0; i < NNODES; i++) {
		if (!placing_fits(&pl, i, &why))
			continue;
		sched_score_node(&nodes[i], pod, &pl.p, &s[n]);
		s[n].ipa = sched_ipa_score(pl.ipa, &nodes[i]);
		s[n].pts_on = sched_pts_soft(pl.pts);
		s[n].pts = sched_pts_score(pl.pts, &nodes[i]);
		idx[n++] = i;
	}
	sched_score(s, (size_t)n, final);
	out[0] = '\0';
	for (int k = 0; k < n; k++) {	/* selection sort, stable */
		int best = -1;

		for (int i = 0; i < n; i++)
			if (idx[i] >= 0 && (best < 0 || final[i] > final[best]))
				best = i;
		snprintf(out + strlen(out), sizeof out - strlen(out), "%sn%d",
		    k ? " " : "", idx[best]);
		idx[best] = -1;
	}
	placing_end(&pl);
	return out;
}

#define ANTI_HOST(sel) "{\"podAntiAffinity\":{\"requiredDuringScheduling" \
	"IgnoredDuringExecution\":[{\"labelSelector\":{\"matchLabels\":" sel \
	"},\"topologyKey\":\"kubernetes.io/hostname\"}]}}"

static void
test_required_anti_affinity(void)
{
	char why[256];
	json_t *pod;

	cluster();
	place("n0", "default", "{\"app\":\"web\"}", NULL, 0);
	place("n2", "default", "{\"app\":\"db\"}", NULL, 0);
	pod = pod_of("default", "{\"app\":\"web\"}", "{\"affinity\":"
	    ANTI_HOST("{\"app\":\"web\"}") "}");
	CHECK_STR(verdict(pod, 0, why, sizeof why), "n1 n2 n3 n4");
	CHECK_STR(why, "node(s) didn't match pod anti-affinity rules");
	json_decref(pod);
	/* another namespace's pods are not counted (no namespaces given) */
	pod = pod_of("other", "{\"app\":\"web\"}", "{\"affinity\":"
	    ANTI_HOST("{\"app\":\"web\"}") "}");
	CHECK_STR(verdict(pod, 0, why, sizeof why), "n0 n1 n2 n3 n4");
	json_decref(pod);
}

static void
test_required_affinity(void)
{
	char why[256];
	json_t *pod;
	const char *aff = "{\"affinity\":{\"podAffinity\":{\"requiredDuring"
	    "SchedulingIgnoredDuringExecution\":[{\"labelSelector\":{"
	    "\"matchLabels\":{\"app\":\"db\"}},\"topologyKey\":"
	    "\"topology.kubernetes.io/zone\"}]}}}";

	cluster();
	place("n2", "default", "{\"app\":\"db\"}", NULL, 0);
	pod = pod_of("default", "{\"app\":\"web\"}", aff);
	CHECK_STR(verdict(pod, 0, why, sizeof why), "n2");
	CHECK_STR(why, "node(s) didn't match pod affinity rules");
	json_decref(pod);
	/* the first of a group that matches its own term goes anywhere
	 * its topology key is */
	cluster();
	pod = pod_of("default", "{\"app\":\"db\"}", aff);
	CHECK_STR(verdict(pod, 4, why, sizeof why), "n0 n1 n2 n3");
	CHECK_STR(why, "node(s) didn't match pod affinity rules");
	json_decref(pod);
	/* ... but not one that does not match it */
	pod = pod_of("default", "{\"app\":\"web\"}", aff);
	CHECK_STR(verdict(pod, 0, why, sizeof why), "");
	json_decref(pod);
}

static void
test_existing_anti_affinity(void)
{
	char why[256];
	json_t *pod;

	cluster();
	/* a pod in zone a that keeps app=web pods out of its zone */
	place("n0", "default", "{\"app\":\"cache\"}", "{\"podAntiAffinity\":"
	    "{\"requiredDuringSchedulingIgnoredDuringExecution\":[{"
	    "\"labelSelector\":{\"matchLabels\":{\"app\":\"web\"}},"
	    "\"topologyKey\":\"topology.kubernetes.io/zone\"}]}}", 0);
	pod = pod_of("default", "{\"app\":\"web\"}", "{}");
	CHECK_STR(verdict(pod, 1, why, sizeof why), "n2 n3 n4");
	CHECK_STR(why, "node(s) didn't satisfy existing pods anti-affinity "
	    "rules");
	json_decref(pod);
	pod = pod_of("default", "{\"app\":\"api\"}", "{}");
	CHECK_STR(verdict(pod, 1, why, sizeof why), "n0 n1 n2 n3 n4");
	json_decref(pod);
	pod = pod_of("other", "{\"app\":\"web\"}", "{}");
	CHECK_STR(verdict(pod, 1, why, sizeof why), "n0 n1 n2 n3 n4");
	json_decref(pod);
}

static void
test_namespaces(void)
{
	char why[256];
	json_t *pod;
	const char *by_selector = "{\"affinity\":{\"podAntiAffinity\":{"
	    "\"requiredDuringSchedulingIgnoredDuringExecution\":[{"
	    "\"labelSelector\":{},\"namespaceSelector\":{\"matchLabels\":{"
	    "\"team\":\"x\"}},\"topologyKey\":\"kubernetes.io/hostname\"}]}}}";
	const char *by_list = "{\"affinity\":{\"podAntiAffinity\":{"
	    "\"requiredDuringSchedulingIgnoredDuringExecution\":[{"
	    "\"labelSelector\":{},\"namespaces\":[\"two\"],\"topologyKey\":"
	    "\"kubernetes.io/hostname\"}]}}}";
	const char *no_selector = "{\"affinity\":{\"podAntiAffinity\":{"
	    "\"requiredDuringSchedulingIgnoredDuringExecution\":[{"
	    "\"topologyKey\":\"kubernetes.io/hostname\"}]}}}";

	cluster();
	place("n1", "team-x", "{\"a\":\"1\"}", NULL, 0);
	place("n3", "two", "{\"a\":\"1\"}", NULL, 0);
	place("n4", "default", "{\"a\":\"1\"}", NULL, 0);
	/* an empty labelSelector selects every pod of those namespaces */
	pod = pod_of("default", "{}", by_selector);
	CHECK_STR(verdict(pod, 1, why, sizeof why), "n0 n2 n3 n4");
	json_decref(pod);
	pod = pod_of("default", "{}", by_list);
	CHECK_STR(verdict(pod, 1, why, sizeof why), "n0 n1 n2 n4");
	json_decref(pod);
	/* no labelSelector selects no pod */
	pod = pod_of("default", "{}", no_selector);
	CHECK_STR(verdict(pod, 1, why, sizeof why), "n0 n1 n2 n3 n4");
	json_decref(pod);
}

static void
test_preferred_affinity(void)
{
	json_t *pod;

	cluster();
	place("n3", "default", "{\"app\":\"db\"}", NULL, 0);
	place("n0", "default", "{\"app\":\"noisy\"}", NULL, 0);
	/* near the db (zone c), away from the noisy one (zone a) */
	pod = pod_of("default", "{\"app\":\"web\"}", "{\"affinity\":{"
	    "\"podAffinity\":{\"preferredDuringSchedulingIgnoredDuring"
	    "Execution\":[{\"weight\":100,\"podAffinityTerm\":{"
	    "\"labelSelector\":{\"matchLabels\":{\"app\":\"db\"}},"
	    "\"topologyKey\":\"topology.kubernetes.io/zone\"}}]},"
	    "\"podAntiAffinity\":{\"preferredDuringSchedulingIgnoredDuring"
	    "Execution\":[{\"weight\":100,\"podAffinityTerm\":{"
	    "\"labelSelector\":{\"matchLabels\":{\"app\":\"noisy\"}},"
	    "\"topologyKey\":\"topology.kubernetes.io/zone\"}}]}}}");
	const char *r = ranking(pod);

	CHECK(strncmp(r, "n3 ", 3) == 0);
	CHECK(strstr(r, "n0") > strstr(r, "n2") && strstr(r, "n1") >
	    strstr(r, "n2"));
	printf("# ranking: %s\n", r);
	json_decref(pod);
}

#define SPREAD(skew, when, extra) "{\"topologySpreadConstraints\":[{" \
	"\"maxSkew\":" skew ",\"topologyKey\":\"topology.kubernetes.io/zone\"," \
	"\"whenUnsatisfiable\":\"" when "\",\"labelSelector\":{\"matchLabels\":" \
	"{\"app\":\"s\"}}" extra "}]}"

static void
test_spread_hard(void)
{
	char why[256];
	json_t *pod;

	cluster();
	place("n0", "default", "{\"app\":\"s\"}", NULL, 0);
	place("n1", "default", "{\"app\":\"s\"}", NULL, 0);
	place("n2", "default", "{\"app\":\"s\"}", NULL, 0);
	place("n2", "default", "{\"app\":\"s\"}", NULL, 1);	/* going */
	place("n3", "other", "{\"app\":\"s\"}", NULL, 0);	/* elsewhere */
	/* a: 2, b: 1, c: 0 -> only c keeps the skew at 1 */
	pod = pod_of("default", "{\"app\":\"s\"}", SPREAD("1",
	    "DoNotSchedule", ""));
	CHECK_STR(verdict(pod, 0, why, sizeof why), "n3");
	CHECK_STR(why, "node(s) didn't match pod topology spread constraints");
	CHECK_STR(verdict(pod, 4, why, sizeof why), "n3");
	CHECK_STR(why, "node(s) didn't match pod topology spread constraints "
	    "(missing required label)");
	json_decref(pod);
	pod = pod_of("default", "{\"app\":\"s\"}", SPREAD("2",
	    "DoNotSchedule", ""));
	CHECK_STR(verdict(pod, 0, why, sizeof why), "n2 n3");
	json_decref(pod);
	/* a pod the selector does not match adds nothing to the skew */
	pod = pod_of("default", "{\"app\":\"t\"}", SPREAD("2",
	    "DoNotSchedule", ""));
	CHECK_STR(verdict(pod, 0, why, sizeof why), "n0 n1 n2 n3");
	json_decref(pod);
	/* fewer domains than minDomains: the least is taken as 0 */
	place("n3", "default", "{\"app\":\"s\"}", NULL, 0);
	pod = pod_of("default", "{\"app\":\"s\"}", SPREAD("1",
	    "DoNotSchedule", ""));
	CHECK_STR(verdict(pod, 0, why, sizeof why), "n2 n3");
	json_decref(pod);
	pod = pod_of("default", "{\"app\":\"s\"}", SPREAD("1",
	    "DoNotSchedule", ",\"minDomains\":4"));
	CHECK_STR(verdict(pod, 0, why, sizeof why), "");
	json_decref(pod);
	/* nodeAffinityPolicy Honor: the nodes the pod cannot go to do
	 * not count (only n3's zone c is left, with 1) */
	pod = pod_of("default", "{\"app\":\"s\"}", "{\"nodeSelector\":{"
	    "\"kubernetes.io/hostname\":\"n3\"},\"topologySpreadConstraints\":"
	    "[{\"maxSkew\":1,\"topologyKey\":\"topology.kubernetes.io/zone\","
	    "\"whenUnsatisfiable\":\"DoNotSchedule\",\"labelSelector\":{"
	    "\"matchLabels\":{\"app\":\"s\"}}}]}");
	CHECK_STR(verdict(pod, 0, why, sizeof why), "n3");
	json_decref(pod);
}

static void
test_spread_match_label_keys(void)
{
	char why[256];
	json_t *pod;

	cluster();
	place("n0", "default", "{\"app\":\"s\",\"rev\":\"1\"}", NULL, 0);
	place("n1", "default", "{\"app\":\"s\",\"rev\":\"1\"}", NULL, 0);
	place("n2", "default", "{\"app\":\"s\",\"rev\":\"2\"}", NULL, 0);
	/* only rev 2 counts: b has 1, a and c none */
	pod = pod_of("default", "{\"app\":\"s\",\"rev\":\"2\"}", SPREAD("1",
	    "DoNotSchedule", ",\"matchLabelKeys\":[\"rev\"]"));
	CHECK_STR(verdict(pod, 0, why, sizeof why), "n0 n1 n3");
	json_decref(pod);
}

static void
test_spread_soft(void)
{
	char why[256];
	json_t *pod;

	cluster();
	place("n0", "default", "{\"app\":\"s\"}", NULL, 0);
	place("n1", "default", "{\"app\":\"s\"}", NULL, 0);
	place("n2", "default", "{\"app\":\"s\"}", NULL, 0);
	pod = pod_of("default", "{\"app\":\"s\"}", SPREAD("1",
	    "ScheduleAnyway", ""));
	/* every node passes; zone c is best, a worst, no zone scores 0 */
	CHECK_STR(verdict(pod, 0, why, sizeof why), "n0 n1 n2 n3 n4");
	const char *r = ranking(pod);

	printf("# ranking: %s\n", r);
	CHECK(strncmp(r, "n3 n2 ", 6) == 0);
	json_decref(pod);
}

/* DefaultPreemption's dry run: the fewest victims, the most important
 * kept. */
static void
test_preempt_node(void)
{
	static const char *specs[3] = {
		"{\"priority\":10,\"containers\":[{\"name\":\"c\",\"resources\":"
		    "{\"requests\":{\"cpu\":\"2\"}}}]}",
		"{\"priority\":5,\"containers\":[{\"name\":\"c\",\"resources\":"
		    "{\"requests\":{\"cpu\":\"1\"}}}]}",
		"{\"priority\":1,\"containers\":[{\"name\":\"c\",\"resources\":"
		    "{\"requests\":{\"cpu\":\"1\"}}}]}",
	};
	struct sched_pod on[3], p;
	struct sched_victim cands[3];
	struct sched_why why;
	size_t victims[3];
	json_t *pods3[3], *pod;
	int nv;

	cluster();
	for (int i = 0; i < 3; i++) {
		pods3[i] = pod_of("default", "{}", specs[i]);
		sched_pod_parse(pods3[i], &on[i]);
		sched_node_account(&nodes[0], &on[i], 1);
		cands[i] = (struct sched_victim){ &on[i], i == 0 ? "d/a" :
		    i == 1 ? "d/b" : "d/c" };
	}
	CHECK_INT(on[0].priority, 10);
	/* 4 cpus, 4 used: a pod of 3 needs a (2) and c (1) gone; b (5)
	 * is kept, being more important than c */
	pod = pod_of("default", "{}", "{\"priority\":100,\"containers\":[{"
	    "\"name\":\"c\",\"resources\":{\"requests\":{\"cpu\":\"3\"}}}]}");
	sched_pod_parse(pod, &p);
	CHECK(!sched_filter(&nodes[0], pod, &p, &why));
	nv = sched_preempt_node(&nodes[0], pod, &p, cands, 3, victims, &why);
	CHECK_INT(nv, 2);
	CHECK_INT(victims[0], 0);
	CHECK_INT(victims[1], 2);
	CHECK_INT(nodes[0].used.cpu_m, 4000);	/* the node is untouched */
	sched_pod_release(&p);
	json_decref(pod);
	/* 5 cpus never fit on 4 */
	pod = pod_of("default", "{}", "{\"priority\":100,\"containers\":[{"
	    "\"name\":\"c\",\"resources\":{\"requests\":{\"cpu\":\"5\"}}}]}");
	sched_pod_parse(pod, &p);
	CHECK_INT(sched_preempt_node(&nodes[0], pod, &p, cands, 3, victims,
	    &why), -1);
	CHECK_STR(why.reason[0], "Insufficient cpu");
	CHECK_INT(p.never, 0);
	sched_pod_release(&p);
	json_decref(pod);
	for (int i = 0; i < 3; i++) {
		sched_node_account(&nodes[0], &on[i], -1);
		sched_pod_release(&on[i]);
		json_decref(pods3[i]);
	}
}

int
main(void)
{
	RUN(test_required_anti_affinity);
	RUN(test_required_affinity);
	RUN(test_existing_anti_affinity);
	RUN(test_namespaces);
	RUN(test_preferred_affinity);
	RUN(test_spread_hard);
	RUN(test_spread_match_label_keys);
	RUN(test_spread_soft);
	RUN(test_preempt_node);
	cluster();
	for (int i = 0; i < NNODES; i++)
		sched_node_release(&nodes[i]);
	return TEST_EXIT();
}
