/* plugins.h - the scheduler's filters and scores, as kube-scheduler's
 * default plugins: NodeUnschedulable, NodeName, TaintToleration,
 * NodeAffinity, NodePorts and NodeResourcesFit filter; LeastAllocated,
 * BalancedAllocation, NodeAffinity (preferred terms), TaintToleration
 * (PreferNoSchedule) and spreading of a controller's pods score.  Pure
 * functions over a node's accounting and a pod's JSON, so the unit tests
 * drive them without a server.
 */
#ifndef KUBEC_SCHED_PLUGINS_H
#define KUBEC_SCHED_PLUGINS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* Amounts of the resources the scheduler counts. */
struct sched_res {
	int64_t		 cpu_m;		/* millicores */
	int64_t		 mem;		/* bytes */
	int64_t		 eph;		/* ephemeral-storage, bytes */
	int64_t		 pods;
};

struct sched_port {
	char		 proto[8];	/* TCP, UDP, SCTP */
	char		 ip[64];	/* hostIP; "0.0.0.0" when unset */
	int		 port;
	int		 refs;		/* pods on the node using it */
};

/* What scheduling needs of a pod, taken from its spec once. */
struct sched_pod {
	struct sched_res req;		/* requests, as the fit plugin counts */
	struct sched_res nz;		/* with kube-scheduler's defaults for
					 * unset cpu/memory (100m, 200Mi), for
					 * the scores */
	struct sched_port *ports;	/* hostPorts */
	size_t		 nports;
	char		 owner[64];	/* uid of its controller; "" if none */
	int32_t		 priority;	/* spec.priority */
	int		 never;		/* preemptionPolicy Never */
	/* parts of the pod's spec the filters read for every node (they
	 * point into the pod's JSON: valid while it is) */
	const json_t	*node_selector;
	const json_t	*required_terms;
	const json_t	*tolerations;
	const char	*node_name;
};

/* A node as the scheduler accounts for it. */
struct sched_node {
	char		*name;
	json_t		*obj;		/* the Node (a reference) */
	struct sched_res alloc;		/* status.allocatable */
	struct sched_res used;		/* requested by its pods */
	struct sched_res nzused;	/* the same, with the defaults */
	struct sched_port *ports;	/* in use */
	size_t		 nports, portcap;
	int		 unschedulable;
	int		 ready;		/* Ready condition True */
	/* parts of obj the filters read for every pod */
	const json_t	*labels;
	const json_t	*taints;
	/* pods per controller uid, for spreading */
	struct sched_owner {
		char	 uid[64];
		int	 n;
	}		*owners;
	size_t		 nowners, ownercap;
};

/* Why a node was filtered out: up to SCHED_MAX_REASONS reasons, in
 * kube-scheduler's words ("Insufficient cpu", "node(s) had untolerated
 * taint {k: v}"), and whether preemption could help. */
#define SCHED_MAX_REASONS	4
struct sched_why {
	char		 reason[SCHED_MAX_REASONS][256];
	int		 n;
	int		 resources;	/* only resources failed: preemption
					 * might help */
};

/* Adds a reason (kept when fewer than SCHED_MAX_REASONS are there). */
void	sched_why_add(struct sched_why *why, const char *text);

/* The reasons the nodes gave, counted, for the FailedScheduling
 * message. */
#define SCHED_HIST_MAX	32
struct sched_hist {
	struct sched_reason {
		char	 text[256];
		int	 n;
		int	 resources;
	}		 r[SCHED_HIST_MAX];
	int		 n;
};
struct buf;
/* Counts a node's reasons; counts one reason. */
void	sched_hist_add(struct sched_hist *h, const struct sched_why *why);
void	sched_hist_text(struct sched_hist *h, const char *text);
/* kube-scheduler's FitError message: "0/N nodes are available: " and
 * the reasons, "count text" each, sorted as strings, comma-separated,
 * then ".", then " " and post (preemption's message) when not empty. */
void	sched_fit_message(const struct sched_hist *h, size_t nodes,
	    const char *post, struct buf *out);
/* "preemption: 0/N nodes are available: 2 Insufficient cpu, ...". */
void	sched_preemption_message(const struct sched_hist *h, size_t nodes,
	    struct buf *out);

/* Parses what the scheduler needs of pod; 0 or -1 (a bad quantity). */
/* The backoff of an unschedulable pod after n failed attempts, as
 * kube-scheduler's: 1 s, doubling, at most 10 s (scheduler.c). */
long	sched_backoff_ms(int n);
int	sched_pod_parse(const json_t *pod, struct sched_pod *p);
void	sched_pod_release(struct sched_pod *p);

/* (Re)reads a Node's allocatable, unschedulable and Ready; takes a new
 * reference to obj. */
void	sched_node_set(struct sched_node *n, json_t *obj);
/* Counts a pod on the node (sign +1) or takes it off (-1). */
void	sched_node_account(struct sched_node *n, const struct sched_pod *p,
	    int sign);
void	sched_node_release(struct sched_node *n);
/* A copy of n to account on without touching n (release it). */
int	sched_node_copy(struct sched_node *dst, const struct sched_node *src);

/* 1 when pod may go to n; 0 with why filled when not. */
int	sched_filter(const struct sched_node *n, const json_t *pod,
	    const struct sched_pod *p, struct sched_why *why);

/* NodeAffinity's filter: the pod's nodeSelector and required terms. */
int	sched_node_affinity(const struct sched_pod *p,
	    const struct sched_node *n);
/* NodeAffinity's PreFilter failing: every required term names nodes
 * (matchFields metadata.name In) and none names one in all its fields;
 * kube-scheduler's FailedScheduling then says "pod affinity terms
 * conflict" (SCHED_NAMES_CONFLICT) instead of the nodes' reasons. */
#define SCHED_NAMES_CONFLICT	"pod affinity terms conflict"
int	sched_node_names_conflict(const struct sched_pod *p);
/* Whether a node selector term list (requiredDuringScheduling...'s
 * nodeSelectorTerms) matches a node: terms ORed, expressions ANDed. */
int	sched_node_selector_terms(const json_t *terms, const json_t *node);
/* Whether the tolerations tolerate a taint. */
int	sched_tolerates(const json_t *tolerations, const json_t *taint);

/* The raw score parts of a feasible node, 0..100 each but the two that
 * are normalized over all feasible nodes by the caller (sched_score). */
struct sched_scores {
	int64_t		 least;		/* LeastAllocated, 0..100 */
	int64_t		 balanced;	/* BalancedAllocation, 0..100; 0 when
					 * the pod requests no cpu, memory */
	int64_t		 affinity;	/* sum of matching preferred weights */
	int64_t		 taints;	/* intolerable PreferNoSchedule taints */
	int64_t		 spread;	/* pods of the same controller */
	int64_t		 ipa;		/* InterPodAffinity's preferred terms */
	int64_t		 pts;		/* PodTopologySpread's ScheduleAnyway
					 * constraints; -1: node lacks labels */
	int		 pts_on;	/* the pod has such constraints: pts
					 * replaces the default spreading */
};
void	sched_score_node(const struct sched_node *n, const json_t *pod,
	    const struct sched_pod *p, struct sched_scores *s);
/*
 * Final scores of the feasible nodes (n of them, parts in s) into out:
 * the parts normalized as kube-scheduler does (affinity up to 100 by the
 * largest, taints and spread reversed against the largest, inter-pod
 * affinity from the lowest to the highest) and weighted (LeastAllocated
 * 1, BalancedAllocation 1, NodeAffinity 2, TaintToleration 3,
 * PodTopologySpread 2, InterPodAffinity 2).
 */
void	sched_score(const struct sched_scores *s, size_t n, int64_t *out);

/*
 * DefaultPreemption's dry run on one node (preemption.c): of the pods on
 * it with a lower priority (cands), the fewest that must go for pod to
 * fit, the most important kept first.  Returns how many (their indices
 * into cands in victims, which holds ncand), or -1 with why filled when
 * the pod does not fit even with all of them gone.
 */
struct sched_victim {
	const struct sched_pod *p;
	const char	*key;		/* "ns/name" */
};
int	sched_preempt_node(const struct sched_node *n, const json_t *pod,
	    const struct sched_pod *p, const struct sched_victim *cands,
	    size_t ncand, size_t *victims, struct sched_why *why);

#endif
