/* preemption.c - DefaultPreemption's dry run on a node, as
 * kube-scheduler's SelectVictimsOnNode: every pod of a lower priority is
 * taken off a copy of the node; if the pod then fits, they are put back
 * one by one, the most important first, each kept when the pod still
 * fits; those that cannot be kept are the victims.  The scheduler picks
 * the node and evicts (scheduler.c).  See plugins.h.
 */
#include <stdlib.h>
#include <string.h>

#include "plugins.h"

static int
pre_cmp(const void *a, const void *b, void *arg)
{
	const struct sched_victim *c = arg;
	const struct sched_victim *x = &c[*(const size_t *)a];
	const struct sched_victim *y = &c[*(const size_t *)b];

	if (x->p->priority != y->p->priority)
		return x->p->priority > y->p->priority ? -1 : 1;
	return strcmp(x->key, y->key);
}

int
sched_preempt_node(const struct sched_node *n, const json_t *pod,
    const struct sched_pod *p, const struct sched_victim *cands,
    size_t ncand, size_t *victims, struct sched_why *why)
{
	struct sched_node sim;
	size_t *order, i, nv = 0;
	int rc = -1;

	if (sched_node_copy(&sim, n) < 0)
		return -1;
	if ((order = calloc(ncand + 1, sizeof *order)) == NULL)
		goto out;
	for (i = 0; i < ncand; i++) {
		order[i] = i;
		sched_node_account(&sim, cands[i].p, -1);
	}
	if (!sched_filter(&sim, pod, p, why))
		goto out;
	qsort_r(order, ncand, sizeof *order, pre_cmp, (void *)cands);
	for (i = 0; i < ncand; i++) {
		struct sched_why w;

		sched_node_account(&sim, cands[order[i]].p, 1);
		if (sched_filter(&sim, pod, p, &w))
			continue;	/* reprieved */
		sched_node_account(&sim, cands[order[i]].p, -1);
		victims[nv++] = order[i];
	}
	rc = (int)nv;
out:
	free(order);
	sched_node_release(&sim);
	return rc;
}
