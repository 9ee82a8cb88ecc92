/* pod.h - the pod side of the agent: environment, volumes, the per-pod
 * worker and its status. */
#ifndef KUBEC_AGENT_POD_H
#define KUBEC_AGENT_POD_H

#include <jansson.h>

#include "../lib/buf.h"
#include "../lib/err.h"

struct agent;

/* env.c */
/* The environment of container ctr of pod: a JSON array of "K=V". */
json_t	*env_resolve(struct agent *a, const json_t *pod, const json_t *ctr,
	    struct err *err);
/* $(VAR) expansion against vars ("K=V" strings; the last definition
 * wins), then more (NULL: none); $$ -> $. */
void	 env_expand(const char *in, const json_t *vars, const json_t *more,
	    struct buf *out);
/* Service variables (kubelet's envvars): a service's name as a
 * variable's; the variables of one Service appended to vars; those a pod
 * of namespace ns sees, from the services of ns (a list's items; links:
 * spec.enableServiceLinks) and default/kubernetes (master, may be NULL). */
void	 env_var_name(const char *name, struct buf *out);
void	 env_service_vars(const json_t *svc, json_t *vars);
json_t	*env_services_select(const char *ns, int links, const json_t *items,
	    const json_t *master);
/* vars with each name once (the last value), then the variables of svc
 * that vars does not define. */
json_t	*env_merge(const json_t *vars, const json_t *svc);
/* A ConfigMap ("configmap") or Secret ("secret") of namespace ns. */
json_t	*env_source(struct agent *a, const char *ns, const char *kind,
	    const char *name, struct err *err);
int	 env_source_value(const json_t *obj, const char *kind,
	    const char *key, struct buf *out);
/* The downward API: a fieldRef path of the pod, a resourceFieldRef of
 * container ctr. */
int	 env_field(const json_t *pod, const char *path, struct buf *out);
int	 env_resource(struct agent *a, const json_t *ctr, const json_t *ref,
	    struct buf *out);

/* dns.c: a pod's /etc/resolv.conf (kubelet's GetPodDNS) */
struct dns_conf {
	json_t	*servers, *searches, *options;	/* arrays of strings */
};
struct dns_params {
	const char		*cluster_dns;	/* "IP[,IP...]"; "": none */
	const char		*domain;	/* "cluster.local"; "": none */
	const struct dns_conf	*host;		/* the node's; NULL: none */
	int			 node_v6;
};
void	 dns_conf_init(struct dns_conf *c);	/* empty arrays */
void	 dns_conf_free(struct dns_conf *c);
/* Adds what a resolv.conf says to c (kubelet's parseResolvConf). */
void	 dns_parse_resolv(const char *text, struct dns_conf *c);
/* The DNS configuration of pod into out (dns_conf_init'ed); kubelet's
 * DNSConfigForming messages appended to warnings; 1 when the pod wants
 * the cluster's DNS and there is none (MissingClusterDNS). */
int	 dns_pod_config(const json_t *pod, const struct dns_params *p,
	    struct dns_conf *out, json_t *warnings);
/* c as a resolv.conf: search, nameserver lines, options. */
void	 dns_render(const struct dns_conf *c, struct buf *out);
/* 0 when list is IP[,IP...] (--cluster-dns), else -1 said on stderr. */
int	 dns_check_servers(const char *list);
/* ip + add (the 10th address of a range: its 1st + 9) into out. */
int	 dns_nth_ip(const char *ip, unsigned add, char *out, size_t n);
/* The cluster DNS servers, "IP[,IP]": --cluster-dns, else the 10th
 * address of the service range (learnt once); "" when there is none. */
int	 dns_cluster_servers(struct agent *a, char *out, size_t n,
	    struct err *err);
/* The resolv.conf of pod on this node, its events recorded. */
int	 dns_pod_resolv(struct agent *a, const json_t *pod, struct buf *out,
	    struct err *err);

/* volumes.c */
/* Prepares (and refreshes) every volume of pod under pod_dir/volumes. */
int	 volumes_setup(struct agent *a, const json_t *pod, const char *pod_dir,
	    struct err *err);
/* The mounts of container ctr: [{destination, source, readonly}]. */
json_t	*volumes_mounts(const json_t *pod, const json_t *ctr,
	    const char *pod_dir, struct err *err);
/* Unmounts and removes the volumes of pod. */
int	 volumes_teardown(const json_t *pod, const char *pod_dir,
	    struct err *err);

/* podsync.c: one pod's state machine, driven by its worker. */
struct podsync;
struct podsync *podsync_new(struct agent *a, const char *uid, const char *ns,
	    const char *name);
void	 podsync_free(struct podsync *ps);
/* One pass towards pod (the latest from the API; NULL: unchanged), gone:
 * deleted from the API.  1 when the worker is done with the pod. */
int	 podsync_sync(struct podsync *ps, json_t *pod, int gone);
/* How long the worker may sleep before the next pass. */
int	 podsync_wait_ms(const struct podsync *ps);
/* At start-up: removes containers of pods not in pods (the list). */
void	 podsync_adopt(struct agent *a, const json_t *pods);

#endif
