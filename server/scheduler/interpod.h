/* interpod.h - the scheduler's plugins that look at the pods already on
 * the nodes, as kube-scheduler's: InterPodAffinity (podaffinity.c:
 * required and preferred pod affinity and anti-affinity, the existing
 * pods' anti-affinity) and PodTopologySpread (topologyspread.c:
 * topologySpreadConstraints, DoNotSchedule filters, ScheduleAnyway
 * scores).  Each prepares a state once per pod to place (the counts per
 * topology domain over every pod placed), then filters and scores nodes
 * against it; the unit tests drive them without a server.
 */
#ifndef KUBEC_SCHED_INTERPOD_H
#define KUBEC_SCHED_INTERPOD_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "plugins.h"

struct selector;

/* One PodAffinityTerm (or a WeightedPodAffinityTerm's). */
struct sched_podterm {
	struct selector	*sel;		/* labelSelector; NULL: no pod */
	char		**ns;		/* namespaces */
	size_t		 nns;
	struct selector	*nssel;		/* namespaceSelector; NULL: unset */
	char		*key;		/* topologyKey */
	int		 weight;	/* preferred terms */
};

/* A pod's spec.affinity.podAffinity and podAntiAffinity. */
struct sched_podterms {
	struct sched_podterm *t[4];	/* SCHED_REQ_AFF..SCHED_PREF_ANTI */
	size_t		 n[4];
};
enum { SCHED_REQ_AFF, SCHED_REQ_ANTI, SCHED_PREF_AFF, SCHED_PREF_ANTI };

/* A pod placed on a node, as these plugins see it. */
struct sched_existing {
	char		*ns;
	json_t		*labels;	/* a reference */
	char		*node;
	int		 terminating;	/* deletionTimestamp set */
	struct sched_podterms *terms;	/* NULL when it has none */
	size_t		 idx, tidx;	/* its places in the view's arrays */
};

/* What the plugins read of the cluster: every pod placed, those with
 * pod (anti-)affinity terms, the nodes, and namespaces' labels. */
struct sched_view {
	struct sched_existing **pods;
	size_t		 npods;
	struct sched_existing **termed;
	size_t		 ntermed;
	struct sched_node **nodes;
	size_t		 nnodes;
	struct sched_node *(*node)(void *arg, const char *name);
	const json_t	*(*ns_labels)(void *arg, const char *ns);
	void		*arg;
};

/* Counts per topology pair: entries of a struct hmap keyed by "KEY"
 * 0x01 "VALUE" (label key and value). */
struct sched_tp_count {
	long		 n;
	char		 pair[];
};
struct hmap;
void	sched_tp_add(struct hmap *m, const char *key, const char *value,
	    long delta);
long	sched_tp_get(const struct hmap *m, const char *key, const char *value);
void	sched_tp_release(struct hmap *m);
/* The node's value of a label (a topology key), or NULL. */
const char *sched_tp_value(const struct sched_node *n, const char *key);

/* A pod's terms, or NULL when it has none (or they do not parse). */
struct sched_podterms *sched_podterms_parse(const json_t *pod);
void	sched_podterms_free(struct sched_podterms *t);

/* InterPodAffinity, prepared for one pod; NULL when nothing applies. */
struct sched_ipa;
struct sched_ipa *sched_ipa_prepare(const struct sched_view *v,
	    const json_t *pod);
/* 1 when n passes; 0 with why filled ("node(s) didn't match pod affinity
 * rules", ...) */
int	sched_ipa_filter(const struct sched_ipa *s, const struct sched_node *n,
	    struct sched_why *why);
/* The raw preferred-terms score of a node (normalized by sched_score). */
int64_t	sched_ipa_score(const struct sched_ipa *s, const struct sched_node *n);
void	sched_ipa_free(struct sched_ipa *s);

/* PodTopologySpread, prepared for one pod (p: its parsed spec, for the
 * node affinity policy); NULL when it has no constraints. */
struct sched_pts;
struct sched_pts *sched_pts_prepare(const struct sched_view *v,
	    const json_t *pod, const struct sched_pod *p);
int	sched_pts_filter(const struct sched_pts *s, const struct sched_node *n,
	    struct sched_why *why);
/* Whether the pod has ScheduleAnyway constraints (then sched_pts_score
 * replaces the default spreading score). */
int	sched_pts_soft(const struct sched_pts *s);
/* The raw score: matching pods in the node's domains, weighted; -1 for a
 * node without the constraints' labels (it scores 0). */
int64_t	sched_pts_score(const struct sched_pts *s, const struct sched_node *n);
void	sched_pts_free(struct sched_pts *s);

#endif
