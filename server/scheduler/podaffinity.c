/* podaffinity.c - InterPodAffinity, as kube-scheduler's plugin: a pod's
 * required pod affinity (a pod matching every term in the node's domain
 * of each term's topologyKey; the first of a group that matches its own
 * terms may go anywhere), its required anti-affinity (no matching pod in
 * the domain), the anti-affinity of the pods already placed (no node in
 * the domain of a pod whose required anti-affinity term matches this
 * one), and the preferred terms of both sides as a score.  See
 * interpod.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/hmap.h"
#include "../../lib/selector.h"
#include "interpod.h"

/* --- counts per topology pair ("key" 0x01 "value") --------------------- */

const char *
sched_tp_value(const struct sched_node *n, const char *key)
{
	return n == NULL ? NULL : json_string_value(json_object_get(n->labels,
	    key));
}

void
sched_tp_add(struct hmap *m, const char *key, const char *value, long delta)
{
	char pair[512];
	struct sched_tp_count *c;
	int len;

	if (key == NULL || value == NULL)
		return;
	len = snprintf(pair, sizeof pair, "%s\001%s", key, value);
	if (len < 0 || (size_t)len >= sizeof pair)
		return;		/* longer than a label key and value */
	if ((c = hmap_get(m, pair)) == NULL) {
		if ((c = calloc(1, sizeof *c + (size_t)len + 1)) == NULL)
			return;
		memcpy(c->pair, pair, (size_t)len + 1);
		hmap_put(m, c->pair, c, NULL);
	}
	c->n += delta;
}

long
sched_tp_get(const struct hmap *m, const char *key, const char *value)
{
	char pair[512];
	const struct sched_tp_count *c;

	if (key == NULL || value == NULL)
		return 0;
	snprintf(pair, sizeof pair, "%s\001%s", key, value);
	c = hmap_get(m, pair);
	return c == NULL ? 0 : c->n;
}

void
sched_tp_release(struct hmap *m)
{
	struct hmap_entry *e;
	size_t it;

	for (e = hmap_first(m, &it); e != NULL; e = hmap_next(m, &it, e))
		free(e->value);
	hmap_release(m);
}

/* --- terms ------------------------------------------------------------- */

static void
pa_term_release(struct sched_podterm *t)
{
	selector_free(t->sel);
	selector_free(t->nssel);
	for (size_t i = 0; i < t->nns; i++)
		free(t->ns[i]);
	free(t->ns);
	free(t->key);
}

/* One PodAffinityTerm; -1 when it cannot be used. */
static int
pa_term_parse(const json_t *j, int weight, struct sched_podterm *t)
{
	const json_t *sel = json_object_get(j, "labelSelector"), *v;
	const json_t *nssel = json_object_get(j, "namespaceSelector");
	const char *key = json_string_value(json_object_get(j,
	    "topologyKey"));
	size_t i;

	memset(t, 0, sizeof *t);
	t->weight = weight;
	if (key == NULL || (t->key = strdup(key)) == NULL)
		return -1;
	if (json_is_object(sel) && selector_from_json(sel, &t->sel, NULL) < 0)
		return -1;
	if (json_is_object(nssel) && selector_from_json(nssel, &t->nssel,
	    NULL) < 0)
		return -1;
	t->ns = calloc(json_array_size(json_object_get(j, "namespaces")) + 1,
	    sizeof *t->ns);
	if (t->ns == NULL)
		return -1;
	json_array_foreach(json_object_get(j, "namespaces"), i, v)
		if (json_string_value(v) != NULL &&
		    (t->ns[t->nns] = strdup(json_string_value(v))) != NULL)
			t->nns++;
	return 0;
}

static int
pa_terms_add(struct sched_podterms *pt, int which, const json_t *list,
    int preferred)
{
	const json_t *j;
	size_t i;

	if (json_array_size(list) == 0)
		return 0;
	pt->t[which] = calloc(json_array_size(list), sizeof *pt->t[which]);
	if (pt->t[which] == NULL)
		return -1;
	json_array_foreach(list, i, j) {
		struct sched_podterm *t = &pt->t[which][pt->n[which]];
		int rc = preferred ? pa_term_parse(json_object_get(j,
		    "podAffinityTerm"), (int)json_integer_value(
		    json_object_get(j, "weight")), t) : pa_term_parse(j, 0, t);

		pt->n[which]++;
		if (rc < 0)
			return -1;
	}
	return 0;
}

struct sched_podterms *
sched_podterms_parse(const json_t *pod)
{
	const json_t *aff = json_object_get(json_object_get(pod, "spec"),
	    "affinity");
	const json_t *pa = json_object_get(aff, "podAffinity");
	const json_t *anti = json_object_get(aff, "podAntiAffinity");
	static const char req[] = "requiredDuringSchedulingIgnoredDuringExecution";
	static const char pref[] = "preferredDuringSchedulingIgnoredDuringExecution";
	struct sched_podterms *pt;

	if (pa == NULL && anti == NULL)
		return NULL;
	if ((pt = calloc(1, sizeof *pt)) == NULL)
		return NULL;
	if (pa_terms_add(pt, SCHED_REQ_AFF, json_object_get(pa, req), 0) < 0 ||
	    pa_terms_add(pt, SCHED_REQ_ANTI, json_object_get(anti, req), 0) <
	    0 || pa_terms_add(pt, SCHED_PREF_AFF, json_object_get(pa, pref),
	    1) < 0 || pa_terms_add(pt, SCHED_PREF_ANTI, json_object_get(anti,
	    pref), 1) < 0 || pt->n[0] + pt->n[1] + pt->n[2] + pt->n[3] == 0) {
		sched_podterms_free(pt);
		return NULL;
	}
	return pt;
}

void
sched_podterms_free(struct sched_podterms *pt)
{
	if (pt == NULL)
		return;
	for (int w = 0; w < 4; w++) {
		for (size_t i = 0; i < pt->n[w]; i++)
			pa_term_release(&pt->t[w][i]);
		free(pt->t[w]);
	}
	free(pt);
}

/* Whether a term of a pod in owner_ns selects a pod (ns, labels): its
 * namespaces (the owner's when neither list nor selector is given) and
 * its label selector (none selects no pod). */
static int
pa_matches(const struct sched_view *v, const struct sched_podterm *t,
    const char *owner_ns, const char *ns, const json_t *labels)
{
	int in = 0;

	if (t->sel == NULL)
		return 0;
	if (t->nns == 0 && t->nssel == NULL)
		in = strcmp(owner_ns, ns) == 0;
	for (size_t i = 0; !in && i < t->nns; i++)
		in = strcmp(t->ns[i], ns) == 0;
	if (!in && t->nssel != NULL)
		in = selector_matches(t->nssel, v->ns_labels != NULL ?
		    v->ns_labels(v->arg, ns) : NULL);
	return in && selector_matches(t->sel, labels);
}

/* --- the plugin ---------------------------------------------------------- */

static int
pa_fail(struct sched_why *why, const char *text, int preemptible)
{
	sched_why_add(why, text);
	why->resources = preemptible;
	return 0;
}

struct sched_ipa {
	struct sched_podterms *own;	/* the pod's terms, or NULL */
	struct hmap	 aff;		/* pods matching all required terms */
	struct hmap	 anti;		/* pods matching a required anti term */
	struct hmap	 existing;	/* domains of pods whose anti-affinity
					 * the pod matches */
	struct hmap	 score;		/* preferred weights per domain */
	int		 first;		/* no pod matches; the pod matches its
					 * own required terms */
};

static int
pa_matches_all(const struct sched_view *v, const struct sched_podterms *pt,
    const char *owner_ns, const char *ns, const json_t *labels)
{
	for (size_t i = 0; i < pt->n[SCHED_REQ_AFF]; i++)
		if (!pa_matches(v, &pt->t[SCHED_REQ_AFF][i], owner_ns, ns,
		    labels))
			return 0;
	return 1;
}

/* Counts one more pod of the term's in n's domain (by delta). */
static void
pa_add(struct hmap *m, const struct sched_podterm *t,
    const struct sched_node *n, long delta)
{
	sched_tp_add(m, t->key, sched_tp_value(n, t->key), delta);
}

/* A term's part of the score: preferred affinity adds its weight,
 * preferred anti-affinity takes it off, required affinity adds
 * kube-scheduler's hardPodAffinityWeight (1). */
static long
pa_weight(int which, const struct sched_podterm *t)
{
	return which == SCHED_REQ_AFF ? 1 : which == SCHED_PREF_AFF ?
	    t->weight : -t->weight;
}

/* The pod's own terms against every pod placed. */
static void
pa_count_own(struct sched_ipa *s, const struct sched_view *v,
    const char *ns, const json_t *labels)
{
	const struct sched_podterms *pt = s->own;
	const struct sched_podterm *t;
	const struct sched_existing *e;
	const struct sched_node *n;
	size_t i, k;

	for (i = 0; i < v->npods; i++) {
		e = v->pods[i];
		if ((n = v->node(v->arg, e->node)) == NULL)
			continue;
		if (pt->n[SCHED_REQ_AFF] > 0 && pa_matches_all(v, pt, ns,
		    e->ns, e->labels))
			for (k = 0; k < pt->n[SCHED_REQ_AFF]; k++)
				pa_add(&s->aff, &pt->t[SCHED_REQ_AFF][k], n, 1);
		for (k = 0; k < pt->n[SCHED_REQ_ANTI]; k++) {
			t = &pt->t[SCHED_REQ_ANTI][k];
			if (pa_matches(v, t, ns, e->ns, e->labels))
				pa_add(&s->anti, t, n, 1);
		}
		for (int w = SCHED_PREF_AFF; w <= SCHED_PREF_ANTI; w++)
			for (k = 0; k < pt->n[w]; k++) {
				t = &pt->t[w][k];
				if (pa_matches(v, t, ns, e->ns, e->labels))
					pa_add(&s->score, t, n, pa_weight(w, t));
			}
	}
	s->first = pt->n[SCHED_REQ_AFF] > 0 && s->aff.count == 0 &&
	    pa_matches_all(v, pt, ns, ns, labels);
}

/* The terms of the pods placed against this pod: their required
 * anti-affinity forbids domains; their other terms score. */
static void
pa_count_existing(struct sched_ipa *s, const struct sched_view *v,
    const char *ns, const json_t *labels)
{
	const struct sched_podterm *t;
	const struct sched_existing *e;
	const struct sched_node *n;

	for (size_t i = 0; i < v->ntermed; i++) {
		e = v->termed[i];
		if ((n = v->node(v->arg, e->node)) == NULL)
			continue;
		for (int w = 0; w < 4; w++)
			for (size_t k = 0; k < e->terms->n[w]; k++) {
				t = &e->terms->t[w][k];
				if (!pa_matches(v, t, e->ns, ns, labels))
					continue;
				if (w == SCHED_REQ_ANTI)
					pa_add(&s->existing, t, n, 1);
				else
					pa_add(&s->score, t, n, pa_weight(w, t));
			}
	}
}

struct sched_ipa *
sched_ipa_prepare(const struct sched_view *v, const json_t *pod)
{
	const json_t *meta = json_object_get(pod, "metadata");
	const char *ns = json_string_value(json_object_get(meta,
	    "namespace")) ?: "default";
	const json_t *labels = json_object_get(meta, "labels");
	struct sched_podterms *own = sched_podterms_parse(pod);
	struct sched_ipa *s;

	if (own == NULL && v->ntermed == 0)
		return NULL;
	if ((s = calloc(1, sizeof *s)) == NULL) {
		sched_podterms_free(own);
		return NULL;
	}
	s->own = own;
	if (own != NULL)
		pa_count_own(s, v, ns, labels);
	pa_count_existing(s, v, ns, labels);
	return s;
}

int
sched_ipa_filter(const struct sched_ipa *s, const struct sched_node *n,
    struct sched_why *why)
{
	const struct sched_podterms *pt;
	struct hmap_entry *e;
	size_t it, k;
	const char *value;
	int all = 1;

	if (s == NULL)
		return 1;
	if ((pt = s->own) != NULL) {
		for (k = 0; k < pt->n[SCHED_REQ_AFF]; k++) {
			const char *key = pt->t[SCHED_REQ_AFF][k].key;

			if ((value = sched_tp_value(n, key)) == NULL) {
				all = -1;	/* a topology label missing */
				break;
			}
			if (sched_tp_get(&s->aff, key, value) <= 0)
				all = 0;
		}
		if (all < 0 || (all == 0 && !s->first))
			return pa_fail(why, "node(s) didn't match pod affinity "
			    "rules", 0);
		for (k = 0; k < pt->n[SCHED_REQ_ANTI]; k++) {
			const char *key = pt->t[SCHED_REQ_ANTI][k].key;

			if (sched_tp_get(&s->anti, key, sched_tp_value(n,
			    key)) > 0)
				return pa_fail(why, "node(s) didn't match pod "
				    "anti-affinity rules", 1);
		}
	}
	if (s->existing.count == 0)
		return 1;
	for (e = hmap_first(&s->existing, &it); e != NULL;
	    e = hmap_next(&s->existing, &it, e)) {
		const struct sched_tp_count *c = e->value;
		const char *sep = strchr(c->pair, '\001');
		char key[512];

		if (c->n <= 0 || sep == NULL)
			continue;
		snprintf(key, sizeof key, "%.*s", (int)(sep - c->pair),
		    c->pair);
		value = sched_tp_value(n, key);
		if (value != NULL && strcmp(value, sep + 1) == 0)
			return pa_fail(why, "node(s) didn't satisfy existing "
			    "pods anti-affinity rules", 1);
	}
	return 1;
}

int64_t
sched_ipa_score(const struct sched_ipa *s, const struct sched_node *n)
{
	struct hmap_entry *e;
	int64_t sum = 0;
	size_t it;

	if (s == NULL || s->score.count == 0)
		return 0;
	for (e = hmap_first(&s->score, &it); e != NULL;
	    e = hmap_next(&s->score, &it, e)) {
		const struct sched_tp_count *c = e->value;
		const char *sep = strchr(c->pair, '\001'), *value;
		char key[512];

		if (sep == NULL)
			continue;
		snprintf(key, sizeof key, "%.*s", (int)(sep - c->pair),
		    c->pair);
		value = sched_tp_value(n, key);
		if (value != NULL && strcmp(value, sep + 1) == 0)
			sum += c->n;
	}
	return sum;
}

void
sched_ipa_free(struct sched_ipa *s)
{
	if (s == NULL)
		return;
	sched_podterms_free(s->own);
	sched_tp_release(&s->aff);
	sched_tp_release(&s->anti);
	sched_tp_release(&s->existing);
	sched_tp_release(&s->score);
	free(s);
}
