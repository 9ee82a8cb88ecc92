/* agent.h - kubec-agent's shared state: options, the API client, and the
 * entry points of its parts (join, node, pods). */
#ifndef KUBEC_AGENT_H
#define KUBEC_AGENT_H

#include <pthread.h>

#include <jansson.h>

#include "../lib/err.h"
#include "../lib/rest.h"

struct runtime;
struct imagestore;
struct cni;
struct podw;

#define AGENT_VERSION		"v1.33.0-kubec"
#define AGENT_LEASE_SECONDS	40	/* leaseDurationSeconds */
#define AGENT_RENEW_SECONDS	10	/* lease renewal, as kubelet */
#define AGENT_STATUS_SECONDS	60	/* node status without a change */
#define AGENT_PORT		10250	/* the HTTPS endpoint, as kubelet's */
#define AGENT_APISERVER_CN	"kube-apiserver-kubelet-client"

struct agent_opts {
	const char	*server;	/* https://host:port */
	const char	*token;		/* join token (K10...) or a bearer token */
	const char	*ca_file;	/* trust this CA instead of /cacerts */
	const char	*node_name;
	const char	*data_dir;
	const char	*node_ip;	/* InternalIP; default: detected */
	const char	*pod_cidr;	/* spec.podCIDR when the node is made */
	int		 max_pods;
	int		 port;		/* the HTTPS endpoint's; 0: none */
};

struct agent {
	struct agent_opts	 opts;
	struct rest		*api;
	char			*ca_pem;	/* the cluster CA */
	char			 node_ip[64];
	char			 pod_cidr[64];	/* from the Node, once known */
	char			 node_uid[64];
	char			 alloc_cpu[32];	/* allocatable, for env */
	char			 alloc_memory[64];
	volatile int		 stop;
	struct runtime		*rt;		/* crun + conmon */
	struct imagestore	*images;
	struct cni		*cni;		/* once podCIDR is known (mu) */
	pthread_mutex_t		 mu;
	pthread_t		 heartbeat;
	int			 heartbeat_started;
	/* pods.c */
	struct podw		*pods;		/* one worker per pod (mu) */
	char			 pods_rv[32];
	pthread_t		 pods_thread;
	int			 pods_started;
	/* serve.c */
	void			*mhd;
	char			*serve_cert, *serve_key;
};

/*
 * Join: with a K10 token, fetches the cluster CA from /cacerts and checks
 * it against the token's hash (k3s' scheme); with --ca-file, reads it.
 * Keeps the CA in DATA_DIR/ca.crt and opens a->api.
 */
int	 join_cluster(struct agent *a, struct err *err);

/* Registers (or adopts) the Node and starts the heartbeat thread that
 * renews its Lease and reports its status. */
int	 node_start(struct agent *a, struct err *err);
void	 node_stop(struct agent *a);
/* The Node status as this machine is now (capacity, conditions, ...). */
json_t	*node_status(struct agent *a);

/* Lists and watches the pods of this node, one worker each. */
int	 pods_start(struct agent *a, struct err *err);
void	 pods_stop(struct agent *a);
/* The pod ns/name of this node as the API has it (its status as this
 * agent reported it), a new reference; NULL when there is none. */
json_t	*pods_get(struct agent *a, const char *ns, const char *name);

/* The agent's HTTPS endpoint (--port, 10250): logs, exec, attach and
 * port-forward for the API server, which alone may call it (a client
 * certificate of the cluster CA with CN kube-apiserver-kubelet-client). */
int	 serve_start(struct agent *a, struct err *err);
void	 serve_stop(struct agent *a);

#endif
