/* test-srv-sched.c - unit tests for the scheduler's plugins
 * (server/scheduler/plugins.c, podaffinity.c, topologyspread.c) on a
 * made-up cluster: four nodes in three zones (and one without a zone),
 * pods placed on them, and a pod to place; each filter's verdict and
 * message in kube-scheduler's words (resources, node affinity and its
 * PreFilter, node name, taints, host ports, cordoned nodes, inter-pod
 * affinity, topology spread), the scores and their order, the whole
 * FailedScheduling message, and the victims preemption picks on a node.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../lib/buf.h"
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

/* Pods counted on the nodes by load(), released by cluster(). */
static struct sched_pod loaded[32];
static int nloaded;

/* n0, n1 in zone a; n2 in b; n3 in c; n4 has no zone */
static void
cluster(void)
{
	static const char *zone[NNODES] = { "a", "a", "b", "c", NULL };
	char text[512];

	for (int i = 0; i < nloaded; i++)
		sched_pod_release(&loaded[i]);
	nloaded = 0;

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

/* --- the filters and scores of single nodes ------------------------- */

/* text with ' for " (to keep the JSON of the tests readable) */
static const char *
dq(const char *text)
{
	static char out[4][4096];
	static int k;
	char *o = out[k++ % 4];

	snprintf(o, sizeof out[0], "%s", text);
	for (char *c = o; *c; c++)
		if (*c == '\'')
			*c = '"';
	return o;
}

/* The pod to place, in "default", from its spec (with ' for "). */
static json_t *
npod(const char *spec)
{
	return pod_of("default", "{}", dq(spec));
}

/* Node i anew: its spec (NULL: none), allocatable (NULL: as cluster()
 * made it) and labels added (NULL: none); JSON with ' for ". */
static void
node_set(int i, const char *spec, const char *alloc, const char *labels)
{
	json_t *o = json_deep_copy(nodes[i].obj);

	if (spec != NULL)
		json_object_set_new(o, "spec", j(dq(spec)));
	if (alloc != NULL)
		json_object_set_new(json_object_get(o, "status"),
		    "allocatable", j(dq(alloc)));
	if (labels != NULL) {
		json_t *l = j(dq(labels));

		json_object_update(json_object_get(json_object_get(o,
		    "metadata"), "labels"), l);
		json_decref(l);
	}
	sched_node_set(&nodes[i], o);
	json_decref(o);
}

/* A pod (its spec, ' for ") counted on node i. */
static void
load(int i, const char *spec)
{
	json_t *pod = npod(spec);
	struct sched_pod *lp;

	if (nloaded == (int)(sizeof loaded / sizeof loaded[0])) {
		CHECK(!"too many pods loaded");
		json_decref(pod);
		return;
	}
	lp = &loaded[nloaded++];

	CHECK_INT(sched_pod_parse(pod, lp), 0);
	lp->node_selector = lp->required_terms = lp->tolerations = NULL;
	lp->node_name = NULL;
	sched_node_account(&nodes[i], lp, 1);
	json_decref(pod);
}

/* Every reason node i gives, "; "-separated ("" when it fits). */
static const char *
reasons(const json_t *pod, int i)
{
	static char out[1024];
	struct placing pl;
	struct sched_why why;

	out[0] = '\0';
	placing_begin(&pl, pod);
	if (!placing_fits(&pl, i, &why))
		for (int k = 0; k < why.n; k++)
			snprintf(out + strlen(out), sizeof out - strlen(out),
			    "%s%s", k ? "; " : "", why.reason[k]);
	placing_end(&pl);
	return out;
}

/* verdict() of a spec (' for "), the failure of node `show` in why. */
static const char *
verdict_of(const char *spec, int show, char *why, size_t len)
{
	json_t *pod = npod(spec);
	const char *v = verdict(pod, show, why, len);

	json_decref(pod);
	return v;
}

static const char *
ranking_of(const char *spec)
{
	json_t *pod = npod(spec);
	const char *r = ranking(pod);

	json_decref(pod);
	return r;
}

#define REQ(cpu, mem) "{'containers':[{'name':'c','resources':{" \
	"'requests':{'cpu':'" cpu "','memory':'" mem "'}}}]}"

static void
test_fit_resources(void)
{
	char why[256];
	json_t *pod;

	cluster();
	load(0, REQ("3", "6Gi"));
	load(1, REQ("1", "1Gi"));
	/* memory: 2Gi left on n0 */
	CHECK_STR(verdict_of(REQ("100m", "3Gi"), 0, why, sizeof why),
	    "n1 n2 n3 n4");
	CHECK_STR(why, "Insufficient memory");
	CHECK_STR(verdict_of(REQ("100m", "2Gi"), 0, why, sizeof why),
	    "n0 n1 n2 n3 n4");	/* exactly what is left */
	/* cpu and memory both short: both reasons, cpu first */
	pod = npod(REQ("1500m", "3Gi"));
	CHECK_STR(reasons(pod, 0), "Insufficient cpu; Insufficient memory");
	CHECK_STR(reasons(pod, 1), "");
	json_decref(pod);
	/* more than any node has */
	pod = npod(REQ("100m", "9Gi"));
	CHECK_STR(verdict(pod, 2, why, sizeof why), "");
	CHECK_STR(why, "Insufficient memory");
	json_decref(pod);
	/* init containers run one at a time: the largest counts when it
	 * is more than the containers' sum */
	pod = npod("{'initContainers':[{'name':'i','resources':{'requests':"
	    "{'cpu':'2'}}}],'containers':[{'name':'c','resources':{"
	    "'requests':{'cpu':'500m'}}}]}");
	CHECK_STR(verdict(pod, 0, why, sizeof why), "n1 n2 n3 n4");
	CHECK_STR(why, "Insufficient cpu");
	json_decref(pod);
	/* a pod that asks for nothing fits a node whose cpu is all taken */
	load(2, REQ("4", "1Gi"));
	CHECK_STR(verdict_of("{'containers':[{'name':'c'}]}", 2, why,
	    sizeof why), "n0 n1 n2 n3 n4");
	CHECK_STR(verdict_of(REQ("1m", "1"), 2, why, sizeof why),
	    "n0 n1 n3 n4");
	CHECK_STR(why, "Insufficient cpu");
}

static void
test_fit_pods(void)
{
	char why[256];
	json_t *pod;

	cluster();
	node_set(1, NULL, "{'cpu':'4','memory':'8Gi','pods':'2'}", NULL);
	load(1, "{'containers':[{'name':'c'}]}");
	CHECK_STR(verdict_of("{'containers':[{'name':'c'}]}", 1, why,
	    sizeof why), "n0 n1 n2 n3 n4");	/* the second of 2 */
	load(1, "{'containers':[{'name':'c'}]}");
	/* a third is one too many, even one asking for nothing */
	CHECK_STR(verdict_of("{'containers':[{'name':'c'}]}", 1, why,
	    sizeof why), "n0 n2 n3 n4");
	CHECK_STR(why, "Too many pods");
	/* and the pod count comes before the resources */
	pod = npod(REQ("5", "1Gi"));
	CHECK_STR(reasons(pod, 1), "Too many pods; Insufficient cpu");
	json_decref(pod);
}

static void
test_fit_ephemeral_storage(void)
{
	char why[256];
	const char *eph = "{'containers':[{'name':'c','resources':{"
	    "'requests':{'ephemeral-storage':'4Gi'}}}]}";

	cluster();
	for (int i = 1; i < NNODES; i++)
		node_set(i, NULL, "{'cpu':'4','memory':'8Gi','pods':'110',"
		    "'ephemeral-storage':'10Gi'}", NULL);
	load(3, "{'containers':[{'name':'c','resources':{'requests':{"
	    "'ephemeral-storage':'8Gi'}}}]}");
	/* n0 has none allocatable, n3 2Gi left */
	CHECK_STR(verdict_of(eph, 3, why, sizeof why), "n1 n2 n4");
	CHECK_STR(why, "Insufficient ephemeral-storage");
	CHECK_STR(verdict_of(eph, 0, why, sizeof why), "n1 n2 n4");
	CHECK_STR(why, "Insufficient ephemeral-storage");
	/* a pod that asks for none goes anywhere */
	CHECK_STR(verdict_of(REQ("1", "1Gi"), 0, why, sizeof why),
	    "n0 n1 n2 n3 n4");
}

#define NODE_AFF(terms) "{'affinity':{'nodeAffinity':{" \
	"'requiredDuringSchedulingIgnoredDuringExecution':{" \
	"'nodeSelectorTerms':" terms "}}}}"
#define EXPR(key, op, vals) "{'matchExpressions':[{'key':'" key "'," \
	"'operator':'" op "'" vals "}]}"

static void
test_node_affinity_required(void)
{
	static const struct {
		const char	*spec, *want;
	} cases[] = {
		{ NODE_AFF("[" EXPR("disk", "In", ",'values':['ssd','nvme']")
		    "]"), "n0" },
		/* NotIn: also the nodes without the label */
		{ NODE_AFF("[" EXPR("disk", "NotIn", ",'values':['ssd']") "]"),
		    "n1 n2 n3 n4" },
		{ NODE_AFF("[" EXPR("disk", "Exists", "") "]"), "n0 n1" },
		{ NODE_AFF("[" EXPR("disk", "DoesNotExist", "") "]"),
		    "n2 n3 n4" },
		/* Gt, Lt: as integers (10 > 4), a node without the label
		 * never matches */
		{ NODE_AFF("[" EXPR("gen", "Gt", ",'values':['4']") "]"),
		    "n1 n2" },
		{ NODE_AFF("[" EXPR("gen", "Lt", ",'values':['5']") "]"),
		    "n0" },
		/* expressions of a term ANDed */
		{ NODE_AFF("[{'matchExpressions':[{'key':'disk','operator':"
		    "'Exists'},{'key':'gen','operator':'Gt','values':['4']}]}]"),
		    "n1" },
		/* terms ORed; an empty term matches nothing */
		{ NODE_AFF("[" EXPR("disk", "In", ",'values':['ssd']") ","
		    EXPR("gen", "Gt", ",'values':['6']") ",{}]"), "n0 n2" },
		{ NODE_AFF("[{}]"), "" },
		/* matchFields: the node's name */
		{ NODE_AFF("[{'matchFields':[{'key':'metadata.name',"
		    "'operator':'NotIn','values':['n2','n4']}]}]"), "n0 n1 n3" },
		{ NODE_AFF("[{'matchFields':[{'key':'metadata.name',"
		    "'operator':'In','values':['n1']}],'matchExpressions':[{"
		    "'key':'disk','operator':'Exists'}]}]"), "n1" },
		/* the nodeSelector and the affinity both must match */
		{ "{'nodeSelector':{'disk':'ssd'}}", "n0" },
		{ "{'nodeSelector':{'disk':'ssd'},'affinity':{'nodeAffinity':{"
		    "'requiredDuringSchedulingIgnoredDuringExecution':{"
		    "'nodeSelectorTerms':[" EXPR("gen", "Gt", ",'values':['4']")
		    "]}}}}", "" },
	};
	char why[256];

	cluster();
	node_set(0, NULL, NULL, "{'disk':'ssd','gen':'3'}");
	node_set(1, NULL, NULL, "{'disk':'hdd','gen':'5'}");
	node_set(2, NULL, NULL, "{'gen':'10'}");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = verdict_of(cases[i].spec, 3, why,
		    sizeof why);

		if (strcmp(got, cases[i].want) != 0)
			printf("#   case %zu: %s\n", i, cases[i].spec);
		CHECK_STR(got, cases[i].want);
		if (strstr(cases[i].want, "n3") == NULL)
			CHECK_STR(why, strstr(cases[i].spec, "'In','values':"
			    "['n1']") ? "node(s) didn't satisfy plugin(s) "
			    "[NodeAffinity]" : "node(s) didn't match Pod's node "
			    "affinity/selector");
	}
}

/*
 * matchFields metadata.name In in every term (as a DaemonSet's pods
 * have): kube-scheduler's NodeAffinity PreFilter keeps only the nodes
 * named, and the others are "node(s) didn't satisfy plugin(s)
 * [NodeAffinity]" whatever else they would say; a named node that fails
 * says why.
 */
static void
test_node_affinity_names(void)
{
	char why[256];
	const char *one = NODE_AFF("[{'matchFields':[{'key':'metadata.name',"
	    "'operator':'In','values':['n2']}]}]");
	const char *two = NODE_AFF("[{'matchFields':[{'key':'metadata.name',"
	    "'operator':'In','values':['n2']}]},{'matchFields':[{'key':"
	    "'metadata.name','operator':'In','values':['n3','n4']},{'key':"
	    "'metadata.name','operator':'In','values':['n3']}]}]");

	cluster();
	node_set(0, "{'unschedulable':true}", NULL, NULL);
	CHECK_STR(verdict_of(one, 0, why, sizeof why), "n2");
	CHECK_STR(why, "node(s) didn't satisfy plugin(s) [NodeAffinity]");
	CHECK_STR(verdict_of(one, 1, why, sizeof why), "n2");
	CHECK_STR(why, "node(s) didn't satisfy plugin(s) [NodeAffinity]");
	/* terms ORed, fields of a term ANDed */
	CHECK_STR(verdict_of(two, 4, why, sizeof why), "n2 n3");
	CHECK_STR(why, "node(s) didn't satisfy plugin(s) [NodeAffinity]");
	/* a term without names lets every node be filtered */
	CHECK_STR(verdict_of(NODE_AFF("[{'matchFields':[{'key':"
	    "'metadata.name','operator':'In','values':['n2']}]},"
	    EXPR("zone-less", "DoesNotExist", "") "]"), 0, why, sizeof why),
	    "n1 n2 n3 n4");
	CHECK_STR(why, "node(s) were unschedulable");
	/* terms that name no node at all: NodeAffinity's PreFilter fails
	 * and no node is filtered ("pod affinity terms conflict") */
	{
		static const struct {
			const char	*terms;
			int		 conflict;
		} cases[] = {
			{ "[{'matchFields':[{'key':'metadata.name','operator':"
			    "'In','values':['n1']},{'key':'metadata.name',"
			    "'operator':'In','values':['n2']}]}]", 1 },
			{ "[{'matchFields':[{'key':'metadata.name','operator':"
			    "'In','values':[]}]}]", 1 },
			{ "[{'matchFields':[{'key':'metadata.name','operator':"
			    "'In','values':['n1','n2']},{'key':'metadata.name',"
			    "'operator':'In','values':['n2']}]}]", 0 },
			{ "[{'matchFields':[{'key':'metadata.name','operator':"
			    "'In','values':['n1']},{'key':'metadata.name',"
			    "'operator':'In','values':['n2']}]},{'matchFields':"
			    "[{'key':'metadata.name','operator':'In','values':"
			    "['gone']}]}]", 0 },	/* names one (not here) */
			{ "[{'matchFields':[{'key':'metadata.name','operator':"
			    "'In','values':['n1']},{'key':'metadata.name',"
			    "'operator':'In','values':['n2']}]}," EXPR("a",
			    "Exists", "") "]", 0 },
			{ "[{'matchFields':[{'key':'metadata.name','operator':"
			    "'NotIn','values':['n1']}]}]", 0 },
		};
		char spec[1024];

		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			struct sched_pod p;
			json_t *pod;

			snprintf(spec, sizeof spec, NODE_AFF("%s"),
			    cases[i].terms);
			pod = npod(spec);
			sched_pod_parse(pod, &p);
			if (sched_node_names_conflict(&p) != cases[i].conflict)
				printf("#   case %zu: %s\n", i, spec);
			CHECK_INT(sched_node_names_conflict(&p),
			    cases[i].conflict);
			sched_pod_release(&p);
			json_decref(pod);
		}
		CHECK_STR(verdict_of(NODE_AFF("[{'matchFields':[{'key':"
		    "'metadata.name','operator':'In','values':['gone']}]}]"),
		    1, why, sizeof why), "");
		CHECK_STR(why, "node(s) didn't satisfy plugin(s) "
		    "[NodeAffinity]");
	}
	/* the named node, full, says so */
	load(2, REQ("4", "1Gi"));
	CHECK_STR(verdict_of("{'containers':[{'name':'c','resources':{"
	    "'requests':{'cpu':'1'}}}],'affinity':{'nodeAffinity':{"
	    "'requiredDuringSchedulingIgnoredDuringExecution':{"
	    "'nodeSelectorTerms':[{'matchFields':[{'key':'metadata.name',"
	    "'operator':'In','values':['n2']}]}]}}}}", 2, why, sizeof why),
	    "");
	CHECK_STR(why, "Insufficient cpu");
}

static void
test_node_name(void)
{
	char why[256];

	cluster();
	CHECK_STR(verdict_of("{'nodeName':'n2'}", 0, why, sizeof why), "n2");
	CHECK_STR(why, "node(s) didn't match the requested node name");
	CHECK_STR(verdict_of("{'nodeName':'gone'}", 2, why, sizeof why), "");
	CHECK_STR(why, "node(s) didn't match the requested node name");
}

static void
test_taints(void)
{
	static const struct {
		const char	*tolerations, *want;
	} cases[] = {
		{ "[]", "n2 n3 n4" },
		/* Equal (the default operator), any effect */
		{ "[{'key':'k','value':'v'}]", "n0 n1 n2 n3 n4" },
		{ "[{'key':'k','operator':'Equal','value':'v'}]",
		    "n0 n1 n2 n3 n4" },
		{ "[{'key':'k','operator':'Equal','value':'w'}]", "n2 n3 n4" },
		{ "[{'key':'j','operator':'Equal','value':'v'}]", "n2 n3 n4" },
		/* Exists: any value */
		{ "[{'key':'k','operator':'Exists'}]", "n0 n1 n2 n3 n4" },
		/* an empty key with Exists tolerates every taint */
		{ "[{'operator':'Exists'}]", "n0 n1 n2 n3 n4" },
		/* the effect must be the taint's when given */
		{ "[{'key':'k','operator':'Exists','effect':'NoSchedule'}]",
		    "n0 n2 n3 n4" },
		{ "[{'key':'k','operator':'Exists','effect':'NoExecute'}]",
		    "n1 n2 n3 n4" },
		{ "[{'operator':'Exists','effect':'NoExecute'},{'key':'k',"
		    "'value':'v','effect':'NoSchedule'}]", "n0 n1 n2 n3 n4" },
		{ "[{'key':'k','operator':'Exists','effect':"
		    "'PreferNoSchedule'}]", "n2 n3 n4" },
	};
	char why[256], spec[512];

	cluster();
	node_set(0, "{'taints':[{'key':'k','value':'v','effect':"
	    "'NoSchedule'}]}", NULL, NULL);
	node_set(1, "{'taints':[{'key':'k','value':'v','effect':"
	    "'NoExecute'}]}", NULL, NULL);
	node_set(2, "{'taints':[{'key':'k','value':'v','effect':"
	    "'PreferNoSchedule'}]}", NULL, NULL);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got;

		snprintf(spec, sizeof spec, "{'tolerations':%s}",
		    cases[i].tolerations);
		got = verdict_of(spec, 0, why, sizeof why);
		if (strcmp(got, cases[i].want) != 0)
			printf("#   case %zu: %s\n", i, spec);
		CHECK_STR(got, cases[i].want);
	}
	CHECK_STR(verdict_of("{}", 0, why, sizeof why), "n2 n3 n4");
	CHECK_STR(why, "node(s) had untolerated taint {k: v}");
	CHECK_STR(verdict_of("{}", 1, why, sizeof why), "n2 n3 n4");
	CHECK_STR(why, "node(s) had untolerated taint {k: v}");
	/* a taint without a value; of two, the first not tolerated */
	node_set(3, "{'taints':[{'key':'a','value':'1','effect':"
	    "'NoSchedule'},{'key':'node-role.kubernetes.io/control-plane',"
	    "'effect':'NoSchedule'}]}", NULL, NULL);
	CHECK_STR(verdict_of("{'tolerations':[{'key':'a','operator':"
	    "'Exists'}]}", 3, why, sizeof why), "n2 n4");
	CHECK_STR(why, "node(s) had untolerated taint "
	    "{node-role.kubernetes.io/control-plane: }");
	CHECK_STR(verdict_of("{}", 3, why, sizeof why), "n2 n4");
	CHECK_STR(why, "node(s) had untolerated taint {a: 1}");
}

/* PreferNoSchedule refuses no pod but puts its node last. */
static void
test_taint_prefer_no_schedule(void)
{
	cluster();
	node_set(2, "{'taints':[{'key':'k','value':'v','effect':"
	    "'PreferNoSchedule'}]}", NULL, NULL);
	CHECK_STR(ranking_of("{}"), "n0 n1 n3 n4 n2");
	/* tolerated, it costs nothing (ties keep the nodes' order) */
	CHECK_STR(ranking_of("{'tolerations':[{'key':'k','operator':"
	    "'Exists','effect':'PreferNoSchedule'}]}"), "n0 n1 n2 n3 n4");
	CHECK_STR(ranking_of("{'tolerations':[{'key':'k','value':'v'}]}"),
	    "n0 n1 n2 n3 n4");
	/* two such taints weigh more than one */
	node_set(0, "{'taints':[{'key':'a','effect':'PreferNoSchedule'},"
	    "{'key':'b','effect':'PreferNoSchedule'}]}", NULL, NULL);
	CHECK_STR(ranking_of("{}"), "n1 n3 n4 n2 n0");
}

#define HOSTPORT(port, rest) "{'containers':[{'name':'c','ports':[{" \
	"'containerPort':80,'hostPort':" port rest "}]}]}"

static void
test_host_ports(void)
{
	static const struct {
		const char	*spec, *want;
	} cases[] = {
		/* all addresses: clashes with the port on any address */
		{ HOSTPORT("8080", ""), "n2 n3 n4" },
		{ HOSTPORT("8080", ",'hostIP':'0.0.0.0','protocol':'TCP'"),
		    "n2 n3 n4" },
		/* one address: clashes with the same one and with all */
		{ HOSTPORT("8080", ",'hostIP':'10.0.0.2'"), "n1 n2 n3 n4" },
		{ HOSTPORT("8080", ",'hostIP':'10.0.0.1'"), "n2 n3 n4" },
		/* the protocol is part of it */
		{ HOSTPORT("8080", ",'protocol':'UDP'"), "n0 n1 n3 n4" },
		{ HOSTPORT("8080", ",'protocol':'SCTP'"), "n0 n1 n2 n3 n4" },
		{ HOSTPORT("8081", ""), "n0 n1 n2 n3 n4" },
		/* a containerPort alone takes no port of the node */
		{ "{'containers':[{'name':'c','ports':[{'containerPort':"
		    "8080}]}]}", "n0 n1 n2 n3 n4" },
	};
	char why[256];

	cluster();
	load(0, HOSTPORT("8080", ""));
	load(1, HOSTPORT("8080", ",'hostIP':'10.0.0.1','protocol':'TCP'"));
	load(2, HOSTPORT("8080", ",'protocol':'UDP'"));
	load(3, HOSTPORT("9090", ""));
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = verdict_of(cases[i].spec, 0, why,
		    sizeof why);

		if (strcmp(got, cases[i].want) != 0)
			printf("#   case %zu: %s\n", i, cases[i].spec);
		CHECK_STR(got, cases[i].want);
	}
	CHECK_STR(verdict_of(HOSTPORT("8080", ""), 1, why, sizeof why),
	    "n2 n3 n4");
	CHECK_STR(why, "node(s) didn't have free ports for the requested pod "
	    "ports");
	/* the port is free again once its pod is gone */
	sched_node_account(&nodes[0], &loaded[0], -1);
	CHECK_STR(verdict_of(HOSTPORT("8080", ""), 1, why, sizeof why),
	    "n0 n2 n3 n4");
	sched_node_account(&nodes[0], &loaded[0], 1);
}

static void
test_unschedulable(void)
{
	static const struct {
		const char	*tolerations, *want;
	} cases[] = {
		{ "[]", "n0 n1 n2 n4" },
		{ "[{'key':'node.kubernetes.io/unschedulable','operator':"
		    "'Exists','effect':'NoSchedule'}]", "n0 n1 n2 n3 n4" },
		{ "[{'key':'node.kubernetes.io/unschedulable','operator':"
		    "'Exists'}]", "n0 n1 n2 n3 n4" },
		{ "[{'operator':'Exists'}]", "n0 n1 n2 n3 n4" },
		{ "[{'key':'node.kubernetes.io/unschedulable','operator':"
		    "'Exists','effect':'NoExecute'}]", "n0 n1 n2 n4" },
		{ "[{'key':'node.kubernetes.io/unschedulable','value':'x'}]",
		    "n0 n1 n2 n4" },
	};
	char why[256], spec[512];

	cluster();
	node_set(3, "{'unschedulable':true}", NULL, NULL);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got;

		snprintf(spec, sizeof spec, "{'tolerations':%s}",
		    cases[i].tolerations);
		got = verdict_of(spec, 3, why, sizeof why);
		if (strcmp(got, cases[i].want) != 0)
			printf("#   case %zu: %s\n", i, spec);
		CHECK_STR(got, cases[i].want);
	}
	CHECK_STR(verdict_of("{}", 3, why, sizeof why), "n0 n1 n2 n4");
	CHECK_STR(why, "node(s) were unschedulable");
	/* cordoned, the node controller's taint too: one toleration
	 * covers both */
	node_set(3, "{'unschedulable':true,'taints':[{'key':"
	    "'node.kubernetes.io/unschedulable','effect':'NoSchedule'}]}",
	    NULL, NULL);
	CHECK_STR(verdict_of("{'tolerations':[{'key':"
	    "'node.kubernetes.io/unschedulable','operator':'Exists',"
	    "'effect':'NoSchedule'}]}", 3, why, sizeof why), "n0 n1 n2 n3 n4");
}

/* The raw scores of node i for a pod (spec, ' for "). */
static struct sched_scores
scores_of(int i, const char *spec)
{
	json_t *pod = npod(spec);
	struct sched_scores s;
	struct sched_pod p;

	sched_pod_parse(pod, &p);
	sched_score_node(&nodes[i], pod, &p, &s);
	sched_pod_release(&p);
	json_decref(pod);
	return s;
}

static void
test_score_least_allocated(void)
{
	struct sched_scores s;

	cluster();
	load(0, REQ("2", "4Gi"));
	load(1, REQ("1", "2Gi"));
	/* the emptier the better; a pod asking nothing counts as 100m and
	 * 200Mi */
	CHECK_STR(ranking_of("{'containers':[{'name':'c'}]}"),
	    "n2 n3 n4 n1 n0");
	CHECK_STR(ranking_of(REQ("1", "1Gi")), "n2 n3 n4 n1 n0");
	/* (free cpu + free memory) / 2, as a percentage */
	s = scores_of(0, REQ("1", "2Gi"));
	CHECK_INT(s.least, 25);
	s = scores_of(2, REQ("1", "2Gi"));
	CHECK_INT(s.least, 75);
	CHECK_INT(s.balanced, 100);
	/* in integer steps, as kube-scheduler: cpu 33.9 -> 33, memory
	 * 34.9 -> 34, (33 + 34) / 2 -> 33 (not 34.4 -> 34) */
	s = scores_of(2, REQ("2644m", "5333Mi"));
	CHECK_INT(s.least, 33);
}

static void
test_score_balanced_allocation(void)
{
	struct sched_scores a, b;

	cluster();
	load(0, REQ("1500m", "3Gi"));	/* with the pod: 5/8, 5/8 */
	load(1, REQ("2", "0.5Gi"));	/* with the pod: 3/4, 5/16 */
	a = scores_of(0, REQ("1", "2Gi"));
	b = scores_of(1, REQ("1", "2Gi"));
	/* n1 has more free, but n0 is balanced */
	CHECK_INT(a.least, 37);
	CHECK_INT(b.least, 46);
	CHECK_INT(a.balanced, 100);
	CHECK_INT(b.balanced, 78);	/* 1 - |3/4 - 5/16| / 2 */
	CHECK_STR(ranking_of("{'nodeSelector':{'topology.kubernetes.io/zone':"
	    "'a'},'containers':[{'name':'c','resources':{'requests':{"
	    "'cpu':'1','memory':'2Gi'}}}]}"), "n0 n1");
	/* the requests as they are: ten pods asking nothing add nothing
	 * (LeastAllocated counts them as 100m and 200Mi each) */
	for (int i = 0; i < 10; i++)
		load(2, "{'containers':[{'name':'c'}]}");
	a = scores_of(2, REQ("2", "4Gi"));
	CHECK_INT(a.balanced, 100);
	CHECK_INT(a.least, 25);
	/* a pod asking for neither is not scored by it (0 everywhere) */
	a = scores_of(1, "{'containers':[{'name':'c'}]}");
	CHECK_INT(a.balanced, 0);
	a = scores_of(3, "{'containers':[{'name':'c'}]}");
	CHECK_INT(a.balanced, 0);
	a = scores_of(3, "{'containers':[{'name':'c','resources':{"
	    "'requests':{'cpu':'1'}}}]}");
	CHECK_INT(a.balanced, 87);	/* 1 - |1/4 - 0| / 2 */
}

#define PREFER(w1, w2) "{'affinity':{'nodeAffinity':{" \
	"'preferredDuringSchedulingIgnoredDuringExecution':[{'weight':" w1 \
	",'preference':" EXPR("disk", "In", ",'values':['ssd']") "},{" \
	"'weight':" w2 ",'preference':" EXPR("gen", "Gt", \
	",'values':['4']") "}]}}}"

static void
test_score_node_affinity(void)
{
	struct sched_scores s;

	cluster();
	node_set(0, NULL, NULL, "{'disk':'ssd'}");
	node_set(1, NULL, NULL, "{'gen':'5'}");
	node_set(2, NULL, NULL, "{'disk':'ssd','gen':'9'}");
	/* the matching terms' weights summed */
	s = scores_of(2, PREFER("10", "50"));
	CHECK_INT(s.affinity, 60);
	CHECK_STR(ranking_of(PREFER("10", "50")), "n2 n1 n0 n3 n4");
	CHECK_STR(ranking_of(PREFER("80", "20")), "n2 n0 n1 n3 n4");
	/* room counts too: half of n2 taken outweighs its 20 more */
	load(2, REQ("2", "4Gi"));
	CHECK_STR(ranking_of(PREFER("80", "20")), "n0 n2 n1 n3 n4");
	/* only the nodes the required terms allow are ranked */
	CHECK_STR(ranking_of("{'affinity':{'nodeAffinity':{"
	    "'requiredDuringSchedulingIgnoredDuringExecution':{"
	    "'nodeSelectorTerms':[" EXPR("gen", "Exists", "") "]},"
	    "'preferredDuringSchedulingIgnoredDuringExecution':[{'weight':"
	    "1,'preference':" EXPR("gen", "In", ",'values':['5']") "}]}}}"),
	    "n1 n2");
}

/* --- FailedScheduling ------------------------------------------------ */

/*
 * The message sched_sync gives a pod that fits nowhere, on a cluster
 * where no pod has a lower priority (so preemption finds no victims):
 * the filters' reasons counted, then preemption's ("Preemption is not
 * helpful" where no pod's leaving would make room).
 */
static const char *
fit_message(const json_t *pod)
{
	static char out[2048];
	struct sched_hist hist, post;
	struct buf pre = BUF_INIT(512), msg = BUF_INIT(1024);
	struct placing pl;
	struct sched_why why;

	memset(&hist, 0, sizeof hist);
	memset(&post, 0, sizeof post);
	placing_begin(&pl, pod);
	for (int i = 0; i < NNODES; i++) {
		if (placing_fits(&pl, i, &why)) {
			snprintf(out, sizeof out, "n%d fits", i);
			placing_end(&pl);
			return out;
		}
		sched_hist_add(&hist, &why);
		sched_hist_text(&post, why.resources ? "No preemption victims "
		    "found for incoming pod" : "Preemption is not helpful for "
		    "scheduling");
	}
	placing_end(&pl);
	sched_preemption_message(&post, NNODES, &pre);
	sched_fit_message(&hist, NNODES, buf_str(&pre), &msg);
	snprintf(out, sizeof out, "%s", buf_str(&msg));
	buf_release(&pre);
	buf_release(&msg);
	return out;
}

static void
test_failed_scheduling_message(void)
{
	struct sched_hist h;
	struct buf b = BUF_INIT(256);
	json_t *pod;

	cluster();
	load(0, REQ("3500m", "1Gi"));
	node_set(1, "{'taints':[{'key':'dedicated','value':'gpu','effect':"
	    "'NoSchedule'}]}", NULL, NULL);
	node_set(2, "{'taints':[{'key':'dedicated','value':'gpu','effect':"
	    "'NoExecute'}]}", NULL, NULL);
	node_set(3, "{'unschedulable':true}", NULL, NULL);
	load(4, REQ("3500m", "7Gi"));
	/* each reason with the count of nodes giving it, sorted as
	 * strings; a node short of two resources counts in both */
	pod = npod(REQ("1", "2Gi"));
	CHECK_STR(fit_message(pod), "0/5 nodes are available: 1 Insufficient "
	    "memory, 1 node(s) were unschedulable, 2 Insufficient cpu, 2 "
	    "node(s) had untolerated taint {dedicated: gpu}. preemption: 0/5 "
	    "nodes are available: 2 No preemption victims found for incoming "
	    "pod, 3 Preemption is not helpful for scheduling.");
	json_decref(pod);
	/* a DaemonSet's pod for n0: the other nodes were not filtered */
	pod = npod("{'containers':[{'name':'c','resources':{'requests':{"
	    "'cpu':'1'}}}],'affinity':{'nodeAffinity':{"
	    "'requiredDuringSchedulingIgnoredDuringExecution':{"
	    "'nodeSelectorTerms':[{'matchFields':[{'key':'metadata.name',"
	    "'operator':'In','values':['n0']}]}]}}}}");
	CHECK_STR(fit_message(pod), "0/5 nodes are available: 1 Insufficient "
	    "cpu, 4 node(s) didn't satisfy plugin(s) [NodeAffinity]. "
	    "preemption: 0/5 nodes are available: 1 No preemption victims "
	    "found for incoming pod, 4 Preemption is not helpful for "
	    "scheduling.");
	json_decref(pod);
	/* Go's sort.Strings: "10 ..." before "2 ..." */
	memset(&h, 0, sizeof h);
	for (int i = 0; i < 10; i++)
		sched_hist_text(&h, "node(s) were unschedulable");
	sched_hist_text(&h, "Insufficient cpu");
	sched_hist_text(&h, "Insufficient cpu");
	sched_fit_message(&h, 12, NULL, &b);
	CHECK_STR(buf_str(&b), "0/12 nodes are available: 10 node(s) were "
	    "unschedulable, 2 Insufficient cpu.");
	buf_release(&b);
}

/* kube-scheduler's backoff of unschedulable pods: 1 s, 2, 4, 8, then
 * 10 s at most (podInitialBackoffSeconds, podMaxBackoffSeconds). */
static void
test_backoff(void)
{
	CHECK_INT(sched_backoff_ms(1), 1000);
	CHECK_INT(sched_backoff_ms(2), 2000);
	CHECK_INT(sched_backoff_ms(3), 4000);
	CHECK_INT(sched_backoff_ms(4), 8000);
	CHECK_INT(sched_backoff_ms(5), 10000);
	CHECK_INT(sched_backoff_ms(40), 10000);
	CHECK_INT(sched_backoff_ms(0), 1000);
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
	RUN(test_fit_resources);
	RUN(test_fit_pods);
	RUN(test_fit_ephemeral_storage);
	RUN(test_node_affinity_required);
	RUN(test_node_affinity_names);
	RUN(test_node_name);
	RUN(test_taints);
	RUN(test_taint_prefer_no_schedule);
	RUN(test_host_ports);
	RUN(test_unschedulable);
	RUN(test_score_least_allocated);
	RUN(test_score_balanced_allocation);
	RUN(test_score_node_affinity);
	RUN(test_failed_scheduling_message);
	cluster();
	for (int i = 0; i < NNODES; i++)
		sched_node_release(&nodes[i]);
	RUN(test_backoff);
	return TEST_EXIT();
}
