/* plugins.c - the scheduler's filters and scores; see plugins.h. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/buf.h"
#include "../../lib/quantity.h"
#include "plugins.h"

#define SCHED_DEFAULT_CPU_M	100		/* scoring defaults, as */
#define SCHED_DEFAULT_MEM	(200 << 20)	/* kube-scheduler's */

static const json_t *
sp_get(const json_t *o, const char *a, const char *b)
{
	const json_t *v = json_object_get(o, a);

	return b ? json_object_get(v, b) : v;
}

static const char *
sp_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* A quantity field of a resource list: value (or milli) or 0; -1 when
 * malformed. */
static int
sp_quantity(const json_t *list, const char *name, int milli, int64_t *out)
{
	const char *s = sp_str(list, name);
	struct quantity q;

	*out = 0;
	if (s == NULL)
		return 0;
	if (quantity_parse(s, &q, NULL) < 0)
		return -1;
	*out = milli ? quantity_milli(&q) : quantity_value(&q);
	return 0;
}

static int
sp_res(const json_t *list, struct sched_res *r)
{
	memset(r, 0, sizeof *r);
	if (sp_quantity(list, "cpu", 1, &r->cpu_m) < 0 ||
	    sp_quantity(list, "memory", 0, &r->mem) < 0 ||
	    sp_quantity(list, "ephemeral-storage", 0, &r->eph) < 0 ||
	    sp_quantity(list, "pods", 0, &r->pods) < 0)
		return -1;
	return 0;
}

static void
sp_res_max(struct sched_res *a, const struct sched_res *b)
{
	if (b->cpu_m > a->cpu_m)
		a->cpu_m = b->cpu_m;
	if (b->mem > a->mem)
		a->mem = b->mem;
	if (b->eph > a->eph)
		a->eph = b->eph;
}

static void
sp_res_add(struct sched_res *a, const struct sched_res *b, int sign)
{
	a->cpu_m += sign * b->cpu_m;
	a->mem += sign * b->mem;
	a->eph += sign * b->eph;
	a->pods += sign * b->pods;
}

/*
 * The effective requests: the sum over the containers, or the largest
 * init container's when that is more (init containers run one at a
 * time), plus the pod's overhead; as the fit plugin computes them.
 */
int
sched_pod_parse(const json_t *pod, struct sched_pod *p)
{
	const json_t *spec = json_object_get(pod, "spec"), *c, *port, *ref;
	struct sched_res r, init;
	size_t i, j, n = 0;
	int64_t cpu, mem;

	memset(p, 0, sizeof *p);
	memset(&init, 0, sizeof init);
	json_array_foreach(json_object_get(spec, "containers"), i, c) {
		if (sp_res(sp_get(c, "resources", "requests"), &r) < 0)
			return -1;
		sp_res_add(&p->req, &r, 1);
		cpu = r.cpu_m ? r.cpu_m : SCHED_DEFAULT_CPU_M;
		mem = r.mem ? r.mem : SCHED_DEFAULT_MEM;
		p->nz.cpu_m += cpu;
		p->nz.mem += mem;
		json_array_foreach(json_object_get(c, "ports"), j, port)
			if (json_integer_value(json_object_get(port,
			    "hostPort")) > 0)
				n++;
	}
	json_array_foreach(json_object_get(spec, "initContainers"), i, c) {
		if (sp_res(sp_get(c, "resources", "requests"), &r) < 0)
			return -1;
		sp_res_max(&init, &r);
	}
	sp_res_max(&p->req, &init);
	if (sp_res(json_object_get(spec, "overhead"), &r) < 0)
		return -1;
	sp_res_add(&p->req, &r, 1);
	p->req.pods = 1;
	p->nz.pods = 1;
	if (n > 0 && (p->ports = calloc(n, sizeof *p->ports)) != NULL) {
		json_array_foreach(json_object_get(spec, "containers"), i, c)
			json_array_foreach(json_object_get(c, "ports"), j,
			    port) {
			struct sched_port *sp = &p->ports[p->nports];
			int hp = (int)json_integer_value(json_object_get(port,
			    "hostPort"));

			if (hp <= 0)
				continue;
			sp->port = hp;
			snprintf(sp->proto, sizeof sp->proto, "%s",
			    sp_str(port, "protocol") ?: "TCP");
			snprintf(sp->ip, sizeof sp->ip, "%s",
			    sp_str(port, "hostIP") ?: "0.0.0.0");
			if (sp->ip[0] == '\0')
				snprintf(sp->ip, sizeof sp->ip, "0.0.0.0");
			p->nports++;
		}
	}
	p->node_selector = json_object_get(spec, "nodeSelector");
	p->required_terms = sp_get(sp_get(sp_get(spec, "affinity",
	    "nodeAffinity"), "requiredDuringSchedulingIgnoredDuringExecution",
	    NULL), "nodeSelectorTerms", NULL);
	if (p->required_terms == NULL && sp_get(sp_get(spec, "affinity",
	    "nodeAffinity"), "requiredDuringSchedulingIgnoredDuringExecution",
	    NULL) != NULL)
		p->required_terms = json_null();	/* matches nothing */
	p->tolerations = json_object_get(spec, "tolerations");
	p->node_name = sp_str(spec, "nodeName");
	p->priority = (int32_t)json_integer_value(json_object_get(spec,
	    "priority"));
	p->never = sp_str(spec, "preemptionPolicy") != NULL &&
	    strcmp(sp_str(spec, "preemptionPolicy"), "Never") == 0;
	json_array_foreach(sp_get(pod, "metadata", "ownerReferences"), i,
	    ref)
		if (json_is_true(json_object_get(ref, "controller")) &&
		    sp_str(ref, "uid") != NULL)
			snprintf(p->owner, sizeof p->owner, "%s",
			    sp_str(ref, "uid"));
	return 0;
}

void
sched_pod_release(struct sched_pod *p)
{
	free(p->ports);
	p->ports = NULL;
	p->nports = 0;
}

void
sched_node_set(struct sched_node *n, json_t *obj)
{
	const json_t *cond;
	size_t i;

	json_incref(obj);
	json_decref(n->obj);
	n->obj = obj;
	if (sp_res(sp_get(obj, "status", "allocatable"), &n->alloc) < 0)
		memset(&n->alloc, 0, sizeof n->alloc);
	n->unschedulable = json_is_true(sp_get(obj, "spec",
	    "unschedulable"));
	n->labels = sp_get(obj, "metadata", "labels");
	n->taints = sp_get(obj, "spec", "taints");
	n->ready = 0;
	json_array_foreach(sp_get(obj, "status", "conditions"), i, cond)
		if (sp_str(cond, "type") && strcmp(sp_str(cond, "type"),
		    "Ready") == 0 && sp_str(cond, "status") &&
		    strcmp(sp_str(cond, "status"), "True") == 0)
			n->ready = 1;
}

/* The node's entry for a port, or NULL. */
static struct sched_port *
sp_port_find(const struct sched_node *n, const struct sched_port *want)
{
	for (size_t i = 0; i < n->nports; i++)
		if (n->ports[i].port == want->port &&
		    strcmp(n->ports[i].proto, want->proto) == 0 &&
		    strcmp(n->ports[i].ip, want->ip) == 0)
			return &n->ports[i];
	return NULL;
}

static void
sp_owner_count(struct sched_node *n, const char *uid, int sign)
{
	size_t i;

	for (i = 0; i < n->nowners; i++)
		if (strcmp(n->owners[i].uid, uid) == 0)
			break;
	if (i == n->nowners) {
		if (sign < 0)
			return;
		if (n->nowners == n->ownercap) {
			size_t cap = n->ownercap ? n->ownercap * 2 : 4;
			struct sched_owner *v = realloc(n->owners,
			    cap * sizeof *v);

			if (v == NULL)
				return;
			n->owners = v;
			n->ownercap = cap;
		}
		snprintf(n->owners[i].uid, sizeof n->owners[i].uid, "%s",
		    uid);
		n->owners[i].n = 0;
		n->nowners++;
	}
	n->owners[i].n += sign;
	if (n->owners[i].n <= 0)
		n->owners[i] = n->owners[--n->nowners];
}

void
sched_node_account(struct sched_node *n, const struct sched_pod *p, int sign)
{
	struct sched_port *have;
	size_t i;

	sp_res_add(&n->used, &p->req, sign);
	sp_res_add(&n->nzused, &p->nz, sign);
	for (i = 0; i < p->nports; i++) {
		have = sp_port_find(n, &p->ports[i]);
		if (sign > 0) {
			if (have != NULL) {
				have->refs++;
				continue;
			}
			if (n->nports == n->portcap) {
				size_t cap = n->portcap ? n->portcap * 2 : 4;
				struct sched_port *v = realloc(n->ports,
				    cap * sizeof *v);

				if (v == NULL)
					continue;
				n->ports = v;
				n->portcap = cap;
			}
			n->ports[n->nports] = p->ports[i];
			n->ports[n->nports++].refs = 1;
		} else if (have != NULL && --have->refs <= 0) {
			*have = n->ports[--n->nports];
		}
	}
	if (p->owner[0] != '\0')
		sp_owner_count(n, p->owner, sign);
}

int
sched_node_copy(struct sched_node *dst, const struct sched_node *src)
{
	*dst = *src;
	dst->obj = json_incref(src->obj);
	dst->name = strdup(src->name);
	dst->ports = src->nports ? malloc(src->nports * sizeof *dst->ports) :
	    NULL;
	dst->owners = src->nowners ? malloc(src->nowners *
	    sizeof *dst->owners) : NULL;
	dst->portcap = src->nports;
	dst->ownercap = src->nowners;
	if (dst->name == NULL || (src->nports && dst->ports == NULL) ||
	    (src->nowners && dst->owners == NULL)) {
		sched_node_release(dst);
		return -1;
	}
	if (src->nports)
		memcpy(dst->ports, src->ports, src->nports * sizeof *dst->ports);
	if (src->nowners)
		memcpy(dst->owners, src->owners, src->nowners *
		    sizeof *dst->owners);
	return 0;
}

void
sched_node_release(struct sched_node *n)
{
	json_decref(n->obj);
	free(n->ports);
	free(n->owners);
	free(n->name);
	memset(n, 0, sizeof *n);
}

void
sched_why_add(struct sched_why *why, const char *text)
{
	if (why->n < SCHED_MAX_REASONS)
		snprintf(why->reason[why->n++], sizeof why->reason[0], "%s",
		    text);
}

void
sched_hist_add(struct sched_hist *h, const struct sched_why *why)
{
	int i, j;

	for (i = 0; i < why->n; i++) {
		for (j = 0; j < h->n; j++)
			if (strcmp(h->r[j].text, why->reason[i]) == 0)
				break;
		if (j == h->n) {
			if (h->n == SCHED_HIST_MAX)
				continue;
			snprintf(h->r[j].text, sizeof h->r[j].text, "%s",
			    why->reason[i]);
			h->n++;
		}
		h->r[j].n++;
		h->r[j].resources = why->resources;
	}
}

void
sched_hist_text(struct sched_hist *h, const char *text)
{
	struct sched_why w;

	memset(&w, 0, sizeof w);
	sched_why_add(&w, text);
	sched_hist_add(h, &w);
}

static int
sp_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The reasons counted, "N text" each, sorted as strings (as Go's
 * sort.Strings: "10 x" before "2 y"), comma-separated. */
static void
sp_hist_join(const struct sched_hist *h, struct buf *out)
{
	char items[SCHED_HIST_MAX][300], *p[SCHED_HIST_MAX];
	int i;

	for (i = 0; i < h->n; i++) {
		snprintf(items[i], sizeof items[0], "%d %s", h->r[i].n,
		    h->r[i].text);
		p[i] = items[i];
	}
	qsort(p, (size_t)i, sizeof p[0], sp_strcmp);
	for (int j = 0; j < i; j++)
		buf_addf(out, "%s%s", j ? ", " : "", p[j]);
}

void
sched_fit_message(const struct sched_hist *h, size_t nodes,
    const char *post, struct buf *out)
{
	buf_addf(out, "0/%zu nodes are available: ", nodes);
	sp_hist_join(h, out);
	buf_adds(out, ".");
	if (post != NULL && post[0] != '\0')
		buf_addf(out, " %s", post);
}

void
sched_preemption_message(const struct sched_hist *h, size_t nodes,
    struct buf *out)
{
	buf_addf(out, "preemption: 0/%zu nodes are available: ", nodes);
	sp_hist_join(h, out);
	buf_adds(out, ".");
}

/* One NodeSelectorRequirement against a set of values (labels or
 * fields). */
static int
sp_requirement(const json_t *req, const json_t *values)
{
	const char *key = sp_str(req, "key"), *op = sp_str(req, "operator");
	const json_t *vals = json_object_get(req, "values"), *v;
	const char *have;
	size_t i;
	long long a, b;
	char *end;

	if (key == NULL || op == NULL)
		return 0;
	have = sp_str(values, key);
	if (strcmp(op, "Exists") == 0)
		return have != NULL;
	if (strcmp(op, "DoesNotExist") == 0)
		return have == NULL;
	if (strcmp(op, "In") == 0 || strcmp(op, "NotIn") == 0) {
		int in = 0;

		json_array_foreach(vals, i, v)
			if (have != NULL && json_string_value(v) != NULL &&
			    strcmp(json_string_value(v), have) == 0)
				in = 1;
		return op[0] == 'I' ? in : !in;
	}
	if (strcmp(op, "Gt") == 0 || strcmp(op, "Lt") == 0) {
		if (have == NULL || json_array_size(vals) != 1 ||
		    json_string_value(json_array_get(vals, 0)) == NULL)
			return 0;
		a = strtoll(have, &end, 10);
		if (*end != '\0')
			return 0;
		b = strtoll(json_string_value(json_array_get(vals, 0)), &end,
		    10);
		if (*end != '\0')
			return 0;
		return op[0] == 'G' ? a > b : a < b;
	}
	return 0;
}

/* One NodeSelectorTerm: its expressions and fields all match (an empty
 * term matches nothing, as in Kubernetes). */
static int
sp_term(const json_t *term, const json_t *node)
{
	const json_t *exprs = json_object_get(term, "matchExpressions");
	const json_t *fields = json_object_get(term, "matchFields"), *r;
	const json_t *labels = sp_get(node, "metadata", "labels");
	json_t *fv;
	size_t i;
	int ok = 1;

	if (json_array_size(exprs) == 0 && json_array_size(fields) == 0)
		return 0;
	json_array_foreach(exprs, i, r)
		if (!sp_requirement(r, labels))
			return 0;
	if (json_array_size(fields) == 0)
		return 1;
	fv = json_pack("{s:O?}", "metadata.name", sp_get(node, "metadata",
	    "name"));
	json_array_foreach(fields, i, r)
		if (!sp_requirement(r, fv))
			ok = 0;
	json_decref(fv);
	return ok;
}

int
sched_node_selector_terms(const json_t *terms, const json_t *node)
{
	const json_t *t;
	size_t i;

	json_array_foreach(terms, i, t)
		if (sp_term(t, node))
			return 1;
	return 0;
}

int
sched_tolerates(const json_t *tolerations, const json_t *taint)
{
	const char *tkey = sp_str(taint, "key") ?: "", *tval =
	    sp_str(taint, "value") ?: "", *teff = sp_str(taint, "effect") ?:
	    "";
	const json_t *t;
	size_t i;

	json_array_foreach(tolerations, i, t) {
		const char *key = sp_str(t, "key") ?: "";
		const char *op = sp_str(t, "operator") ?: "Equal";
		const char *val = sp_str(t, "value") ?: "";
		const char *eff = sp_str(t, "effect") ?: "";

		if (eff[0] != '\0' && strcmp(eff, teff) != 0)
			continue;
		if (key[0] == '\0') {
			if (strcmp(op, "Exists") == 0)
				return 1;
			continue;
		}
		if (strcmp(key, tkey) != 0)
			continue;
		if (strcmp(op, "Exists") == 0 || strcmp(val, tval) == 0)
			return 1;
	}
	return 0;
}

/* NodeAffinity's filter: nodeSelector, then the required terms. */
int
sched_node_affinity(const struct sched_pod *p, const struct sched_node *n)
{
	const json_t *labels = n->labels, *v, *node = n->obj;
	const char *k, *have;

	json_object_foreach((json_t *)p->node_selector, k, v) {
		have = sp_str(labels, k);
		if (have == NULL || json_string_value(v) == NULL ||
		    strcmp(have, json_string_value(v)) != 0)
			return 0;
	}
	if (p->required_terms != NULL &&
	    !sched_node_selector_terms(p->required_terms, node))
		return 0;
	return 1;
}

/* Whether a NodeSelectorRequirement is metadata.name In. */
static int
sp_name_in(const json_t *r)
{
	return sp_str(r, "key") != NULL && sp_str(r, "operator") != NULL &&
	    strcmp(sp_str(r, "key"), "metadata.name") == 0 &&
	    strcmp(sp_str(r, "operator"), "In") == 0;
}

/* Whether every metadata.name In field of a term names name; -1 when
 * the term has none. */
static int
sp_term_names(const json_t *term, const char *name)
{
	const json_t *r, *v;
	size_t k, l;
	int by_name = 0, in_all = 1;

	json_array_foreach(json_object_get(term, "matchFields"), k, r) {
		int in = 0;

		if (!sp_name_in(r))
			continue;
		by_name = 1;
		json_array_foreach(json_object_get(r, "values"), l, v)
			if (json_string_value(v) != NULL &&
			    strcmp(json_string_value(v), name) == 0)
				in = 1;
		if (!in)
			in_all = 0;
	}
	return by_name ? in_all : -1;
}

/*
 * NodeAffinity's PreFilter: when every required term names nodes
 * (matchFields metadata.name In, ANDed within a term, ORed across terms),
 * kube-scheduler filters only those nodes and the others are counted as
 * "node(s) didn't satisfy plugin(s) [NodeAffinity]".  1 when n is one of
 * the others.
 */
static int
sp_prefilter_out(const struct sched_pod *p, const char *name)
{
	const json_t *term;
	size_t i;
	int named = 0;

	json_array_foreach(p->required_terms, i, term) {
		switch (sp_term_names(term, name)) {
		case -1:	/* this term does not name nodes */
		case 1:		/* n is one of the nodes it names */
			return 0;
		}
		named = 1;
	}
	return named;
}

int
sched_node_names_conflict(const struct sched_pod *p)
{
	const json_t *term, *r, *v;
	size_t i, k, l;

	json_array_foreach(p->required_terms, i, term) {
		int by_name = 0;

		json_array_foreach(json_object_get(term, "matchFields"), k, r) {
			if (!sp_name_in(r))
				continue;
			by_name = 1;
			/* a name of the first such field all the others
			 * have too: the term names a node */
			json_array_foreach(json_object_get(r, "values"), l, v)
				if (json_string_value(v) != NULL &&
				    sp_term_names(term, json_string_value(v)) ==
				    1)
					return 0;
			break;
		}
		if (!by_name)
			return 0;
	}
	return json_array_size(p->required_terms) > 0;
}

int
sched_filter(const struct sched_node *n, const json_t *pod,
    const struct sched_pod *p, struct sched_why *why)
{
	const json_t *taint, *tol = p->tolerations;
	const char *want = p->node_name, *eff;
	char desc[sizeof why->reason[0]];
	size_t i;
	int fit = 1;

	memset(why, 0, sizeof *why);
	if (sp_prefilter_out(p, n->name)) {
		sched_why_add(why, "node(s) didn't satisfy plugin(s) "
		    "[NodeAffinity]");
		return 0;
	}
	if (n->unschedulable) {
		json_t *t = json_pack("{s:s, s:s}", "key",
		    "node.kubernetes.io/unschedulable", "effect",
		    "NoSchedule");

		if (!sched_tolerates(tol, t)) {
			sched_why_add(why, "node(s) were unschedulable");
			json_decref(t);
			return 0;
		}
		json_decref(t);
	}
	if (want != NULL && want[0] != '\0' && strcmp(want, n->name) != 0) {
		sched_why_add(why, "node(s) didn't match the requested node name");
		return 0;
	}
	json_array_foreach(n->taints, i, taint) {
		eff = sp_str(taint, "effect") ?: "";
		if (strcmp(eff, "NoSchedule") != 0 &&
		    strcmp(eff, "NoExecute") != 0)
			continue;
		if (sched_tolerates(tol, taint))
			continue;
		snprintf(desc, sizeof desc, "node(s) had untolerated taint "
		    "{%s: %s}", sp_str(taint, "key") ?: "", sp_str(taint,
		    "value") ?: "");
		sched_why_add(why, desc);
		return 0;
	}
	if (!sched_node_affinity(p, n)) {
		sched_why_add(why, "node(s) didn't match Pod's node affinity/selector");
		return 0;
	}
	for (i = 0; i < p->nports; i++) {
		const struct sched_port *want_p = &p->ports[i];

		for (size_t j = 0; j < n->nports; j++) {
			const struct sched_port *have = &n->ports[j];
			int ipclash = strcmp(have->ip, want_p->ip) == 0 ||
			    strcmp(have->ip, "0.0.0.0") == 0 ||
			    strcmp(want_p->ip, "0.0.0.0") == 0;

			if (have->port == want_p->port && ipclash &&
			    strcmp(have->proto, want_p->proto) == 0) {
				sched_why_add(why, "node(s) didn't have free ports "
				    "for the requested pod ports");
				return 0;
			}
		}
	}
	/* NodeResourcesFit: every resource that does not fit is a reason */
	if (n->used.pods + 1 > n->alloc.pods) {
		sched_why_add(why, "Too many pods");
		fit = 0;
	}
	if (p->req.cpu_m > 0 && n->used.cpu_m + p->req.cpu_m >
	    n->alloc.cpu_m) {
		sched_why_add(why, "Insufficient cpu");
		fit = 0;
	}
	if (p->req.mem > 0 && n->used.mem + p->req.mem > n->alloc.mem) {
		sched_why_add(why, "Insufficient memory");
		fit = 0;
	}
	if (p->req.eph > 0 && n->used.eph + p->req.eph > n->alloc.eph) {
		sched_why_add(why, "Insufficient ephemeral-storage");
		fit = 0;
	}
	if (!fit)
		why->resources = 1;
	return fit;
}

/* A fraction used/alloc in [0, 1]. */
static double
sp_frac(int64_t used, int64_t alloc)
{
	if (alloc <= 0)
		return 1;
	if (used >= alloc)
		return 1;
	return (double)used / (double)alloc;
}

/* LeastAllocated's score of one resource: the share left, 0..100. */
static int64_t
sp_free(int64_t used, int64_t alloc)
{
	if (alloc <= 0 || used > alloc)
		return 0;
	return (alloc - used) * 100 / alloc;
}

void
sched_score_node(const struct sched_node *n, const json_t *pod,
    const struct sched_pod *p, struct sched_scores *s)
{
	const json_t *spec = json_object_get(pod, "spec"), *pref, *t, *taint;
	double cpu, mem, diff;
	size_t i;

	memset(s, 0, sizeof *s);
	/* LeastAllocated: the free share, cpu and memory weighted alike,
	 * in kube-scheduler's integer steps */
	s->least = (sp_free(n->nzused.cpu_m + p->nz.cpu_m, n->alloc.cpu_m) +
	    sp_free(n->nzused.mem + p->nz.mem, n->alloc.mem)) / 2;
	/* BalancedAllocation: 1 - the standard deviation of the shares,
	 * which for two is half their difference; of the requests as they
	 * are (kube-scheduler's useRequested, no defaults), and skipped (0
	 * on every node) for a pod that requests neither */
	if (p->req.cpu_m > 0 || p->req.mem > 0) {
		cpu = sp_frac(n->used.cpu_m + p->req.cpu_m, n->alloc.cpu_m);
		mem = sp_frac(n->used.mem + p->req.mem, n->alloc.mem);
		diff = cpu > mem ? cpu - mem : mem - cpu;
		s->balanced = (int64_t)((1 - diff / 2) * 100);
	}
	pref = sp_get(sp_get(spec, "affinity", "nodeAffinity"),
	    "preferredDuringSchedulingIgnoredDuringExecution", NULL);
	json_array_foreach(pref, i, t) {
		json_t *terms = json_pack("[O?]", json_object_get(t,
		    "preference"));

		if (sched_node_selector_terms(terms, n->obj))
			s->affinity += json_integer_value(json_object_get(t,
			    "weight"));
		json_decref(terms);
	}
	json_array_foreach(n->taints, i, taint) {
		const char *eff = sp_str(taint, "effect") ?: "";

		if (strcmp(eff, "PreferNoSchedule") == 0 &&
		    !sched_tolerates(json_object_get(spec, "tolerations"),
		    taint))
			s->taints++;
	}
	if (p->owner[0] != '\0')
		for (i = 0; i < n->nowners; i++)
			if (strcmp(n->owners[i].uid, p->owner) == 0)
				s->spread = n->owners[i].n;
}

void
sched_score(const struct sched_scores *s, size_t n, int64_t *out)
{
	int64_t maxaff = 0, maxtaint = 0, maxspread = 0, aff, taint, spread;
	int64_t minipa = INT64_MAX, maxipa = INT64_MIN, ipa;
	int64_t minpts = INT64_MAX, maxpts = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i].affinity > maxaff)
			maxaff = s[i].affinity;
		if (s[i].taints > maxtaint)
			maxtaint = s[i].taints;
		if (s[i].spread > maxspread)
			maxspread = s[i].spread;
		if (s[i].ipa < minipa)
			minipa = s[i].ipa;
		if (s[i].ipa > maxipa)
			maxipa = s[i].ipa;
		if (s[i].pts >= 0 && s[i].pts < minpts)
			minpts = s[i].pts;
		if (s[i].pts > maxpts)
			maxpts = s[i].pts;
	}
	for (i = 0; i < n; i++) {
		aff = maxaff > 0 ? s[i].affinity * 100 / maxaff : 0;
		taint = maxtaint > 0 ? 100 - s[i].taints * 100 / maxtaint :
		    100;
		/* PodTopologySpread: the default spreading of a controller's
		 * pods, or the pod's ScheduleAnyway constraints (a node
		 * without their labels scores 0) */
		if (!s[i].pts_on)
			spread = maxspread > 0 ? 100 - s[i].spread * 100 /
			    maxspread : 100;
		else if (s[i].pts < 0)
			spread = 0;
		else
			spread = maxpts == 0 ? 100 : 100 * (maxpts + minpts -
			    s[i].pts) / maxpts;
		/* InterPodAffinity: from the least to the most preferred */
		ipa = maxipa > minipa ? 100 * (s[i].ipa - minipa) /
		    (maxipa - minipa) : 0;
		out[i] = s[i].least + s[i].balanced + 2 * aff + 3 * taint +
		    2 * spread + 2 * ipa;
	}
}
