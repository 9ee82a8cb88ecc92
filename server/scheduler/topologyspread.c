/* topologyspread.c - PodTopologySpread, as kube-scheduler's plugin: a
 * pod's topologySpreadConstraints.  The matching pods (of its namespace,
 * not being deleted) are counted per domain of each constraint's
 * topologyKey, over the nodes that have every constraint's key and pass
 * the node inclusion policies (the pod's node affinity honoured, taints
 * ignored, by default).  DoNotSchedule constraints filter: a node whose
 * domain would be more than maxSkew above the least populated domain (0
 * when there are fewer than minDomains domains) is out.  ScheduleAnyway
 * constraints score: fewer matching pods in the node's domains is better,
 * each constraint weighted by log(domains + 2).  See interpod.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/hmap.h"
#include "../../lib/selector.h"
#include "interpod.h"

struct pts_constraint {
	struct selector	*sel;		/* NULL: selects no pod */
	char		*key;
	long		 max_skew;
	long		 min_domains;
	int		 hard;		/* DoNotSchedule */
	int		 honor_affinity, honor_taints;
	int		 self;		/* the pod matches its selector */
	struct hmap	 counts;	/* domains: KEY 0x01 VALUE -> pods */
	size_t		 ndomains;
	long		 min;		/* the least populated domain */
	double		 weight;	/* log(domains + 2) */
};

struct sched_pts {
	struct pts_constraint *c;
	size_t		 n;
	int		 soft;		/* ScheduleAnyway ones among them */
};

/* The constraint's selector: labelSelector, plus key=value of the pod's
 * own labels for each of matchLabelKeys. */
static int
pts_selector(const json_t *j, const json_t *labels, struct selector **out)
{
	const json_t *sel = json_object_get(j, "labelSelector"), *k;
	json_t *copy, *exprs;
	size_t i;
	int rc;

	*out = NULL;
	if (!json_is_object(sel))
		return 0;
	if ((copy = json_deep_copy(sel)) == NULL)
		return -1;
	exprs = json_object_get(copy, "matchExpressions");
	if (!json_is_array(exprs)) {
		exprs = json_array();
		json_object_set_new(copy, "matchExpressions", exprs);
	}
	json_array_foreach(json_object_get(j, "matchLabelKeys"), i, k) {
		const char *v = json_string_value(json_object_get(labels,
		    json_string_value(k) ?: ""));

		if (v != NULL)
			json_array_append_new(exprs, json_pack("{s:O, s:s, "
			    "s:[s]}", "key", k, "operator", "In", "values", v));
	}
	rc = selector_from_json(copy, out, NULL);
	json_decref(copy);
	return rc;
}

static void
pts_release(struct pts_constraint *c)
{
	selector_free(c->sel);
	free(c->key);
	sched_tp_release(&c->counts);
}

static int
pts_is(const json_t *j, const char *field, const char *value)
{
	const char *v = json_string_value(json_object_get(j, field));

	return v != NULL && strcmp(v, value) == 0;
}

/* Whether the node counts for c: the pod's node affinity (when honoured)
 * and the node's taints (when honoured). */
static int
pts_includes(const struct pts_constraint *c, const struct sched_node *n,
    const struct sched_pod *p)
{
	const json_t *taint;
	size_t i;

	if (c->honor_affinity && !sched_node_affinity(p, n))
		return 0;
	if (c->honor_taints)
		json_array_foreach(n->taints, i, taint)
			if ((pts_is(taint, "effect", "NoSchedule") ||
			    pts_is(taint, "effect", "NoExecute")) &&
			    !sched_tolerates(p->tolerations, taint))
				return 0;
	return 1;
}

/* Whether the node has every constraint's topology key. */
static int
pts_has_keys(const struct sched_pts *s, const struct sched_node *n)
{
	for (size_t i = 0; i < s->n; i++)
		if (sched_tp_value(n, s->c[i].key) == NULL)
			return 0;
	return 1;
}

/* The domains and their matching pods, over every node. */
static void
pts_count(struct sched_pts *s, const struct sched_view *v, const char *ns,
    const struct sched_pod *p)
{
	struct hmap pernode = HMAP_INIT;	/* node -> its entry in c */
	const struct sched_existing *e;
	struct pts_constraint *c;
	const struct sched_node *n;
	struct hmap_entry *he;
	size_t i, k, it;

	for (i = 0; i < v->nnodes; i++) {
		n = v->nodes[i];
		if (!pts_has_keys(s, n))
			continue;
		for (k = 0; k < s->n; k++)
			if (pts_includes(&s->c[k], n, p))
				sched_tp_add(&s->c[k].counts, s->c[k].key,
				    sched_tp_value(n, s->c[k].key), 0);
		hmap_put(&pernode, n->name, (void *)n, NULL);
	}
	for (i = 0; i < v->npods; i++) {
		e = v->pods[i];
		if (e->terminating || strcmp(e->ns, ns) != 0 ||
		    (n = hmap_get(&pernode, e->node)) == NULL)
			continue;
		for (k = 0; k < s->n; k++) {
			c = &s->c[k];
			if (c->sel != NULL && pts_includes(c, n, p) &&
			    selector_matches(c->sel, e->labels))
				sched_tp_add(&c->counts, c->key,
				    sched_tp_value(n, c->key), 1);
		}
	}
	hmap_release(&pernode);
	for (k = 0; k < s->n; k++) {
		c = &s->c[k];
		c->ndomains = c->counts.count;
		c->min = -1;
		for (he = hmap_first(&c->counts, &it); he != NULL;
		    he = hmap_next(&c->counts, &it, he)) {
			const struct sched_tp_count *tc = he->value;

			if (c->min < 0 || tc->n < c->min)
				c->min = tc->n;
		}
		if (c->min < 0 || (long)c->ndomains < c->min_domains)
			c->min = 0;
		c->weight = log((double)c->ndomains + 2);
	}
}

struct sched_pts *
sched_pts_prepare(const struct sched_view *v, const json_t *pod,
    const struct sched_pod *p)
{
	const json_t *list = json_object_get(json_object_get(pod, "spec"),
	    "topologySpreadConstraints"), *j;
	const json_t *meta = json_object_get(pod, "metadata");
	const json_t *labels = json_object_get(meta, "labels");
	const char *ns = json_string_value(json_object_get(meta,
	    "namespace")) ?: "default", *key;
	struct sched_pts *s;
	size_t i;

	if (json_array_size(list) == 0 || (s = calloc(1, sizeof *s)) == NULL)
		return NULL;
	if ((s->c = calloc(json_array_size(list), sizeof *s->c)) == NULL) {
		free(s);
		return NULL;
	}
	json_array_foreach(list, i, j) {
		struct pts_constraint *c = &s->c[s->n];

		key = json_string_value(json_object_get(j, "topologyKey"));
		if (key == NULL || (c->key = strdup(key)) == NULL ||
		    pts_selector(j, labels, &c->sel) < 0) {
			pts_release(c);
			memset(c, 0, sizeof *c);
			continue;	/* the API validates them */
		}
		s->n++;
		c->max_skew = json_integer_value(json_object_get(j,
		    "maxSkew"));
		c->min_domains = json_integer_value(json_object_get(j,
		    "minDomains"));
		c->hard = !pts_is(j, "whenUnsatisfiable", "ScheduleAnyway");
		s->soft |= !c->hard;
		c->honor_affinity = !pts_is(j, "nodeAffinityPolicy", "Ignore");
		c->honor_taints = pts_is(j, "nodeTaintsPolicy", "Honor");
		c->self = c->sel != NULL && selector_matches(c->sel, labels);
	}
	pts_count(s, v, ns, p);
	return s;
}

int
sched_pts_filter(const struct sched_pts *s, const struct sched_node *n,
    struct sched_why *why)
{
	const struct pts_constraint *c;
	const char *value, *text = NULL;
	int preemptible = 0;

	for (size_t k = 0; s != NULL && text == NULL && k < s->n; k++) {
		c = &s->c[k];
		if (!c->hard)
			continue;
		if ((value = sched_tp_value(n, c->key)) == NULL) {
			text = "node(s) didn't match pod topology spread "
			    "constraints (missing required label)";
		} else if (sched_tp_get(&c->counts, c->key, value) + c->self -
		    c->min > c->max_skew) {
			text = "node(s) didn't match pod topology spread "
			    "constraints";
			preemptible = 1;
		}
	}
	if (text == NULL)
		return 1;
	sched_why_add(why, text);
	why->resources = preemptible;
	return 0;
}

int
sched_pts_soft(const struct sched_pts *s)
{
	return s != NULL && s->soft;
}

int64_t
sched_pts_score(const struct sched_pts *s, const struct sched_node *n)
{
	const struct pts_constraint *c;
	double score = 0;

	if (s == NULL || !s->soft)
		return 0;
	if (!pts_has_keys(s, n))
		return -1;
	for (size_t k = 0; k < s->n; k++) {
		c = &s->c[k];
		if (c->hard)
			continue;
		score += (double)sched_tp_get(&c->counts, c->key,
		    sched_tp_value(n, c->key)) * c->weight +
		    (double)(c->max_skew - 1);
	}
	return (int64_t)llround(score);
}

void
sched_pts_free(struct sched_pts *s)
{
	if (s == NULL)
		return;
	for (size_t k = 0; k < s->n; k++)
		pts_release(&s->c[k]);
	free(s->c);
	free(s);
}
