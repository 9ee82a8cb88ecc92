/* agent.h - kubec-agent's shared state: options, the API client, and the
 * entry points of its parts (join, node, pods). */
#ifndef KUBEC_AGENT_H
#define KUBEC_AGENT_H

#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "../lib/err.h"
#include "../lib/rest.h"

struct runtime;
struct imagestore;
struct cni;
struct podw;
struct events;
struct imagegc;
struct sim;
struct proxy;
struct routes;
struct clusterdns;
struct ingress;
struct netpol;

#define AGENT_VERSION		"v1.33.0-kubec"
#define AGENT_LEASE_SECONDS	40	/* leaseDurationSeconds */
#define AGENT_RENEW_SECONDS	10	/* lease renewal, as kubelet */
#define AGENT_SYNC_SECONDS	10	/* node status computed (and sent when
					 * changed), as kubelet */
#define AGENT_STATUS_SECONDS	60	/* node status without a change */
#define AGENT_PORT		10250	/* the HTTPS endpoint, as kubelet's */
#define AGENT_APISERVER_CN	"kube-apiserver-kubelet-client"
#define AGENT_NODE_CONDITIONS	4
#define MIRROR_LISTENERS	4	/* owners of one shared mirror */
#define MIRROR_SHARED_MAX	4	/* resources mirrored for several */

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
	const char	*cni_bridge;	/* NULL: kubec0 */
	const char	*cluster_domain;	/* "cluster.local"; "" none */
	const char	*cluster_dns;	/* "IP[,IP]"; NULL: learnt (dns.c) */
	const char	*resolv_conf;	/* the node's; NULL /etc/resolv.conf */
	/* image garbage collection, as kubelet's flags */
	int		 image_gc_high;		/* percent of the disk used */
	int		 image_gc_low;
	int		 image_min_age;		/* seconds */
	int		 image_max_age;		/* seconds; 0: none */
	int		 image_gc_period;	/* seconds between passes */
	/* simulate.c: --simulate N nodes named node_name-0.. ("sim") */
	int		 simulate;
	const char	*sim_cpu;	/* each node's cpu ("32") */
	const char	*sim_memory;	/* and memory ("256Gi") */
	int		 no_proxy;	/* --proxy=false: no service proxy */
	int		 no_routes;	/* --routes=false: no pod routes */
	int		 no_dns;	/* --dns=false: no cluster DNS */
	const char	*cluster_cidr;	/* pods' range, for pod DNS names */
	int		 no_ingress;	/* --ingress=false: no nginx */
	int		 ingress_http_port;	/* 80 */
	int		 ingress_https_port;	/* 443 */
	int		 no_netpol;	/* --network-policy=false */
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
	char			 cluster_dns[64];	/* dns.c: learnt (mu) */
	volatile int		 stop;
	struct runtime		*rt;		/* crun + conmon */
	struct imagestore	*images;
	struct cni		*cni;		/* once podCIDR is known (mu) */
	struct events		*events;	/* NULL: none recorded */
	pthread_mutex_t		 mu;
	pthread_t		 heartbeat;
	int			 heartbeat_started;
	/* node.c: each condition's status and since when (mu) */
	char			 cond_status[AGENT_NODE_CONDITIONS][8];
	char			 cond_since[AGENT_NODE_CONDITIONS][64];
	char			*node_sent;	/* the status last sent */
	volatile int		 node_dirty;	/* send the status soon */
	/* imagegc.c */
	struct imagegc		*gc;
	pthread_t		 gc_thread;
	int			 gc_started;
	/* pods.c */
	struct podw		*pods;		/* one worker per pod (mu) */
	char			 pods_rv[32];
	pthread_t		 pods_thread;
	int			 pods_started;
	/* serve.c */
	void			*mhd;
	char			*serve_cert, *serve_key;
	volatile int		 pods_synced;	/* the first list is in */
	/* simulate.c: the simulated nodes (--simulate) */
	struct sim		*sim;
	/* proxy.c: the service proxy (NULL: none) */
	struct proxy		*proxy;
	/* routes.c: the routes to other nodes' pods (NULL: none) */
	struct routes		*routes;
	/* mirror.c: the mirrors several owners share, their lock */
	pthread_mutex_t		 mirror_mu;
	struct mirror		*shared[MIRROR_SHARED_MAX];
	int			 nshared;
	/* clusterdns.c: the cluster DNS on this node (NULL: none) */
	struct clusterdns	*dns;
	char			 dns_local[512];	/* its addresses (mu) */
	/* ingress.c: the ingress controller (NULL: none) */
	struct ingress		*ingress;
	/* netpol.c: NetworkPolicy enforcement (NULL: none) */
	struct netpol		*netpol;
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

/* What a Node's status says of its machine (node_status_json). */
struct node_facts {
	const char	*name, *ip;	/* Hostname and InternalIP */
	const char	*cpu, *memory, *pods, *storage;	/* capacity */
	const char	*alloc_cpu, *alloc_memory, *alloc_storage;
	int		 port;		/* daemonEndpoints.kubeletEndpoint */
	const char	*machine_id, *system_uuid, *boot_id, *kernel;
	const char	*os_image, *runtime;	/* "crun://1.8.1" */
};
/* A new Node (metadata with kubelet's labels, spec.podCIDR when not
 * NULL) without a status. */
json_t	*node_new(const char *name, const char *pod_cidr);
/* status.capacity, allocatable, addresses, daemonEndpoints, nodeInfo. */
json_t	*node_status_json(const struct node_facts *f);
/* Condition i (0 MemoryPressure, 1 DiskPressure, 2 PIDPressure, 3
 * Ready) as kubelet reports it, fine (ok) or not, with its reason and
 * message; its type, and its status ("True", "False"). */
json_t	*node_condition_json(int i, int ok, const char *now,
	    const char *since);
const char *node_condition_type(int i);
const char *node_condition_status(int i, int ok);
/* PRETTY_NAME of /etc/os-release ("Linux" without one). */
void	 node_os_image(char *out, size_t n);

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
/* The image references of every pod the node has (containers and init
 * containers), a new JSON array of strings. */
json_t	*pods_images(struct agent *a);

/*
 * Events (events.c): records a core/v1 Event about pod (and its container
 * ctr, or the pod itself when NULL) with type "Normal" or "Warning", as
 * kubelet's recorder does; repeats within ten minutes raise the count of
 * the same Event.  Best effort; nothing happens when a->events is NULL.
 */
struct events *events_open(void);
void	 events_close(struct events *ev);
void	 events_pod(struct agent *a, const json_t *pod, const char *ctr,
	    const char *type, const char *reason, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));

/*
 * Image garbage collection (imagegc.c), kubelet's: every
 * opts.image_gc_period seconds, once the pods are listed, images no pod
 * of the node refers to are removed, least recently used first, when
 * the image store's disk is image_gc_high percent used or more (until it
 * is image_gc_low percent), leaving those first seen less than
 * image_min_age seconds ago; and those unused for image_max_age seconds
 * whatever the disk.  image_gc_high 100 turns the first off.
 */
int	 imagegc_start(struct agent *a, struct err *err);
void	 imagegc_stop(struct agent *a);
/* One pass now; the number of images removed, or -1. */
int	 imagegc_run(struct agent *a, struct err *err);

/* One image as GC sees it, and the pure choice of what to remove. */
struct imagegc_image {
	const char	*id;
	long long	 size;		/* bytes */
	int		 in_use;
	time_t		 first_seen, last_used;
	int		 remove;	/* out */
};
struct imagegc_policy {
	int	high, low;		/* percent */
	int	min_age, max_age;	/* seconds; max_age 0: none */
};
/*
 * Marks the images to remove with kubelet's policy, given the disk's
 * capacity and available bytes at time now; returns how many.
 */
size_t	 imagegc_select(struct imagegc_image *img, size_t n,
	    const struct imagegc_policy *p, long long capacity,
	    long long available, time_t now);

/*
 * A resource kept in memory from the API (mirror.c): listed, watched from
 * the list's resourceVersion, listed again after a 410 or a failed
 * watch, until the agent stops.  The owner sets the fields above objs,
 * then calls mirror_start(); mirror_stop() (once the agent's stop is set)
 * joins the thread and frees the objects.
 */
struct mirror {
	struct agent	*a;
	const char	*owner;		/* for messages: "proxy" */
	const char	*what;		/* "services" */
	const char	*path;		/* the list's path */
	pthread_mutex_t	*mu;		/* the owner's: over objs and synced */
	void		(*changed)(void *arg);	/* mu held: after each change */
	void		*arg;
	json_t		*objs;		/* "ns/name" (or "name") -> object,
					 * managedFields dropped */
	int		 synced;	/* the first list is in */
	struct {			/* a shared mirror's owners */
		void	(*fn)(void *arg);	/* mu held: after each change */
		void	*arg;
	}		 listeners[MIRROR_LISTENERS];
	int		 nlisteners;
	char		 rv[32];
	pthread_t	 thread;
	int		 started;
};
int	 mirror_start(struct mirror *m, struct err *err);
void	 mirror_stop(struct mirror *m);
/* o[k1] (o[k1][k2] when k2 is not NULL) when it is a string, else NULL. */
const char *mirror_str(const json_t *o, const char *k1, const char *k2);
/* The elements of a JSON array, or the values of a JSON object (as a
 * mirror's objs), in a new array the caller frees; how many. */
size_t	 mirror_values(const json_t *in, const json_t ***out);
/* The keys of a JSON object, sorted, in a new array the caller frees
 * (NULL when none). */
const char **mirror_keys(const json_t *o, size_t *n);
/*
 * The mirror of a resource several owners watch (Services and
 * EndpointSlices: the proxy, the DNS, the ingress controller), one list
 * and watch for all, started by the first: fn(arg) hears of each change
 * (and at once when the first list is in), a->mirror_mu held, which also
 * guards its objects.  An owner of shared mirrors uses a->mirror_mu as
 * its own lock.  mirror_unshare() before the owner goes; the agent stops
 * them (mirror_shared_stop) once the owners are gone.
 */
struct mirror *mirror_share(struct agent *a, const char *what,
	    const char *path, void (*fn)(void *), void *arg, struct err *err);
void	 mirror_unshare(struct mirror *m, void (*fn)(void *), void *arg);
void	 mirror_shared_stop(struct agent *a);
/* Waits on an owner's condition (its mutex held) for at most ms. */
void	 mirror_wait(pthread_cond_t *cond, pthread_mutex_t *mu, long ms);

/*
 * The service proxy (proxy.c), kube-proxy's nftables mode: watches
 * Services and EndpointSlices and keeps the nftables table "ip
 * kubec-proxy" in step with them, each change applied as one `nft -f`
 * transaction.  The table stays when the agent stops.
 */
int	 proxy_start(struct agent *a, struct err *err);
void	 proxy_stop(struct agent *a);
/* Has the proxy render its table again soon (what it depends on besides
 * the objects changed: a->dns_local); a->mirror_mu held. */
void	 proxy_poke(struct agent *a);

/*
 * The pod network across nodes (routes.c), host-gw style: watches Nodes
 * and keeps a route (protocol 250) to every other node's podCIDR via its
 * InternalIP.  The routes stay when the agent stops.
 */
int	 routes_start(struct agent *a, struct err *err);
void	 routes_stop(struct agent *a);

/*
 * The cluster DNS (clusterdns.c): dnsmasq on the node at the cluster DNS
 * addresses (on lo), its records kept from Services and EndpointSlices.
 * It stops with the agent; after a kill -9 the next agent adopts it.
 */
int	 clusterdns_start(struct agent *a, struct err *err);
void	 clusterdns_stop(struct agent *a);

/* What the dnsmasq configurations depend on besides the Namespaces. */
struct clusterdns_config {
	const char	*domain;	/* "cluster.local" */
	const char	*listen;	/* "IP[,IP]" */
	const char	*cluster_cidr;	/* pods' addresses; NULL: no pod names */
	const json_t	*upstreams;	/* the node's resolvers: ["IP"...] */
	const char	*dir;		/* hosts, servers, *.pid, dnsmasq.log */
	int		 port;		/* 53 */
	int		 pods_port;	/* the pod names' dnsmasq, at the first
					 * address */
};
/* The records (hosts file lines, sorted by service) of these Services and
 * EndpointSlices (objects keyed "ns/name", as a mirror keeps them). */
int	 clusterdns_render_hosts(const json_t *services, const json_t *slices,
	    const char *domain, struct buf *out, struct err *err);
/* The main dnsmasq's configuration: the addresses, the records file, the
 * forwarders file; the cluster domain answered locally. */
int	 clusterdns_render_conf(const struct clusterdns_config *cfg,
	    struct buf *out, struct err *err);
/* Its forwarders (a servers-file, read again on SIGHUP): pod.<domain> to
 * the pod names' dnsmasq, the rest to the node's resolvers. */
int	 clusterdns_render_servers(const struct clusterdns_config *cfg,
	    struct buf *out, struct err *err);
/* The pod names' dnsmasq: <a-b-c-d>.<ns>.pod.<domain> for each namespace
 * (objects keyed by name), so that only it restarts when they change. */
int	 clusterdns_render_pods_conf(const struct clusterdns_config *cfg,
	    const json_t *namespaces, struct buf *out, struct err *err);
/* Whether ip is one of the comma-separated list. */
int	 clusterdns_in_list(const char *list, const char *ip);

/*
 * The ingress controller (ingress.c), IngressClass controller
 * INGRESS_CONTROLLER: watches Ingresses, IngressClasses, Services and
 * EndpointSlices and keeps Debian's nginx (a daemon with its pid file in
 * DATA/ingress, adopted by the next agent after a kill -9) serving them
 * on the node's address, reloaded gracefully (SIGHUP) after each change;
 * this node's address in their status.loadBalancer.ingress.  Without an
 * nginx program it says so and does nothing.  A stop stops nginx.
 */
#define INGRESS_CONTROLLER	"kubec.io/ingress-nginx"
int	 ingress_start(struct agent *a, struct err *err);
void	 ingress_stop(struct agent *a);

/* What the nginx configuration depends on besides the objects. */
struct ingress_config {
	const char	*listen_ip;	/* the node's address ("": any) */
	int		 http_port;	/* 80 */
	int		 https_port;	/* 443; 0: none */
	const char	*dir;		/* pid, logs, temporary files, and the
					 * certificates in dir/tls/NS_NAME.crt
					 * and .key */
};
/*
 * Whether the Ingress is this controller's: its spec.ingressClassName
 * (or the legacy annotation kubernetes.io/ingress.class) names an
 * IngressClass of controller INGRESS_CONTROLLER, or it names none and
 * one of those is the default class.  classes: an array, or an object
 * whose values are the IngressClasses.
 */
int	 ingress_ours(const json_t *ing, const json_t *classes);
/*
 * The whole nginx.conf for the Ingresses that are ours, deterministic
 * (sorted), appended to out; secrets ("ns/name" -> Secret) are the TLS
 * Secrets they name (those missing or not kubernetes.io/tls give no TLS).
 */
int	 ingress_render(const json_t *ingresses, const json_t *classes,
	    const json_t *services, const json_t *slices,
	    const json_t *secrets, const struct ingress_config *cfg,
	    struct buf *out, struct err *err);
/* Puts ip in status.loadBalancer.ingress of ing (serve) or takes it
 * out, sorted; 1 when ing changed, 0 when it was so already. */
int	 ingress_status_set(json_t *ing, const char *ip, int serve);

/*
 * NetworkPolicy enforcement (netpol.c): watches NetworkPolicies, Pods and
 * Namespaces and keeps the nftables table "inet kubec-netpol" filtering
 * the traffic of this node's pods that some policy isolates (forward
 * hook, with bridged traffic through br_netfilter, whose
 * bridge-nf-call-iptables it turns on; input hook for a pod's egress to
 * its node), each change one `nft -f` transaction.  The table stays when
 * the agent stops.
 */
int	 netpol_start(struct agent *a, struct err *err);
void	 netpol_stop(struct agent *a);

struct netpol_config {
	const char	*node_name;	/* the pods enforced: spec.nodeName */
};
/*
 * The whole nft script for these NetworkPolicies, Pods (all of the
 * cluster's: peers) and Namespaces (JSON arrays, or objects whose values
 * are the objects; namespaces keyed by name), deterministic (sorted):
 * it adds, deletes and defines the table, for one atomic `nft -f -`.
 */
int	 netpol_render(const json_t *policies, const json_t *pods,
	    const json_t *namespaces, const struct netpol_config *cfg,
	    struct buf *out, struct err *err);

/* What the rules depend on besides the objects. */
struct proxy_config {
	const char	*pod_cidr;	/* the node's; traffic from elsewhere
					 * to a ClusterIP is masqueraded ("":
					 * none is) */
	const char	*node_name;	/* endpoints of externalTrafficPolicy
					 * Local are this node's */
	const char	*node_local;	/* "IP[,IP]": ClusterIPs the node
					 * answers itself (its cluster DNS):
					 * no rules; NULL: none */
};
/*
 * The whole nft script of the table for these Services and
 * EndpointSlices (JSON arrays, or objects whose values are the objects),
 * deterministic (sorted), appended to out: it adds, deletes and defines
 * the table again, for one atomic `nft -f -`.
 */
int	 proxy_render(const json_t *services, const json_t *slices,
	    const struct proxy_config *cfg, struct buf *out, struct err *err);
/* The "table ip kubec-proxy { ... }" block alone, as proxy_render()
 * ends. */
int	 proxy_render_table(const json_t *services, const json_t *slices,
	    const struct proxy_config *cfg, struct buf *out, struct err *err);
/*
 * The script that turns the applied table block prev into table in one
 * transaction while keeping the table's sets (the clients of session
 * affinity): flushes the chains whose text changed or that table does not
 * declare and the maps whose elements changed, deletes the chains and
 * sets of prev that table does not declare, then defines what is new or
 * changed.  When the two differ otherwise (a set's definition, a base
 * chain, the table's own lines), it flushes all the rules and maps and
 * defines table whole.
 */
int	 proxy_render_update(const char *prev, const char *table,
	    struct buf *out, struct err *err);
/* Applies an nft script as one transaction (nft -f -). */
int	 proxy_apply(const char *text, struct err *err);
/* Whether s may go into an nft chain or set name as it is: 1 to max
 * characters of [a-z0-9.-] (namespaces, names: DNS labels and
 * subdomains; anything else is refused). */
int	 proxy_name_ok(const char *s, size_t max);
/* Whether s is an IPv4 address in dotted form; its value in host order
 * into *out when not NULL. */
int	 proxy_ipv4(const char *s, uint32_t *out);
/* nft's "tcp", "udp" or "sctp" for a port's protocol (TCP when unset);
 * NULL for another. */
const char *proxy_proto(const json_t *port);
/* Whether nft lists the table FAMILY NAME (someone may have deleted it);
 * 1 when nft cannot tell. */
int	 proxy_nft_has_table(const char *family, const char *name);

#endif
