/* simulate.h - simulated nodes (kubec-agent --simulate N), as kwok's and
 * kubemark's hollow nodes: the threads that register and heartbeat them
 * and report their pods, and the pure parts they are made of (addresses,
 * the Node, a pod's status), which the unit tests check. */
#ifndef KUBEC_AGENT_SIMULATE_H
#define KUBEC_AGENT_SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "../lib/err.h"

struct agent;

/* A pod with restartPolicy Never or OnFailure and this annotation (an
 * integer) ends with that exit code (0: Succeeded, else Failed) ... */
#define SIM_ANN_EXIT_CODE	"kubec.io/simulate-exit-code"
/* ... this many seconds (an integer, default 0) after it started. */
#define SIM_ANN_DURATION	"kubec.io/simulate-duration"

#define SIM_LABEL		"type"		/* on every simulated Node */
#define SIM_LABEL_VALUE		"kubec-simulated"
#define SIM_RUNTIME		"simulated://1"

/*
 * Registers (or adopts) opts.simulate Nodes named opts.node_name-0 ..
 * -(N-1), renews their Leases and posts their status, and reports the
 * pods bound to them as kubelet would; a->api must be open (join).
 * Returns once the threads run; simulate_stop() ends them (the Nodes
 * stay, as those of a stopped kubelet).
 */
int	 simulate_start(struct agent *a, struct err *err);
void	 simulate_stop(struct agent *a);

/* IPv4 addresses, in host byte order.  Parsers return -1 when s is not
 * one ("10.0.0.1", "10.0.0.0/8"). */
int	 sim_parse_ip(const char *s, uint32_t *ip);
int	 sim_parse_cidr(const char *s, uint32_t *base, int *bits);
void	 sim_format_ip(uint32_t ip, char *out, size_t n);
/* Node i's InternalIP: base + i, or 198.19.(i/250).(i%250+1) when base
 * is 0. */
uint32_t sim_node_ip(uint32_t base, int i);
/* Node i of n's podCIDR out of the cluster CIDR base/bits (--pod-cidr):
 * the i-th of equal subnets, /24 or smaller so that n fit; -1 when they
 * do not (smaller than /30). */
int	 sim_node_cidr(uint32_t base, int bits, int n, int i, uint32_t *sub,
	    int *sub_bits);
/* The block node i of n takes pod addresses from while its Node has no
 * podCIDR: 198.18.0.0/15 cut into n equal blocks (/24 at most, /30 at
 * least), counted down from its top so that they stay clear of the
 * nodes' own default addresses at the bottom of 198.19.0.0/16. */
void	 sim_fallback_block(int n, int i, uint32_t *base, int *bits);

/* A node's pod addresses, handed out round robin (as host-local does)
 * from a CIDR's .2 (.1 is the bridge's) to its last but one, at most
 * SIM_IPAM_MAX of them; an address stays taken until released. */
#define SIM_IPAM_MAX	4096
struct sim_ipam {
	uint32_t	 base;
	int		 bits;
	uint32_t	 first, count;	/* the addresses handed out */
	uint32_t	 next;		/* offset of the next to try */
	uint32_t	 nused;
	unsigned char	*used;		/* count bits */
};
int	 sim_ipam_init(struct sim_ipam *m, uint32_t base, int bits);
void	 sim_ipam_free(struct sim_ipam *m);
/* A free address (one in use when all are: a full node still runs its
 * pods); 0 when the CIDR holds none. */
uint32_t sim_ipam_alloc(struct sim_ipam *m);
/* Takes an address a pod already has (an adopted pod); 0 when it is
 * not one of m's. */
int	 sim_ipam_take(struct sim_ipam *m, uint32_t ip);
void	 sim_ipam_release(struct sim_ipam *m, uint32_t ip);

/* What a simulated Node is. */
struct sim_node_conf {
	const char	*name, *ip;
	const char	*pod_cidr;	/* NULL: none */
	const char	*cpu, *memory, *pods;	/* capacity = allocatable */
	const char	*kernel, *os_image;
	const char	*machine_id, *system_uuid, *boot_id;
};
#define SIM_STORAGE	"100Gi"		/* ephemeral-storage */
/* The Node to create (labels, spec.podCIDR, status), at now; and its
 * status alone (conditions since since). */
json_t	*sim_node_object(const struct sim_node_conf *c, const char *now);
json_t	*sim_node_status(const struct sim_node_conf *c, const char *now,
	    const char *since);
/* machineID (32 hex digits) and systemUUID/bootID (8-4-4-4-12) derived
 * from s, the same for the same s. */
void	 sim_hash_id(const char *s, int uuid, char *out, size_t n);

/* The string o[key], or NULL. */
const char *sim_str(const json_t *o, const char *key);

/* Pods. */
enum sim_phase { SIM_NONE, SIM_RUNNING, SIM_SUCCEEDED, SIM_FAILED };
/*
 * How pod ends: -1 when it runs until deleted, else the exit code of its
 * containers (*duration: after how many seconds), from the annotations
 * above; restartPolicy Always (the default) runs until deleted.
 */
int	 sim_pod_exit(const json_t *pod, int *duration);
/* The few fields of pod sim_pod_status() reads, as compact JSON text
 * (malloc'd; NULL when out of memory). */
char	*sim_pod_digest(const json_t *pod);
/*
 * The status kubelet reports for pod (the API's JSON, or its digest) on
 * a node at host_ip with address pod_ip (NULL: none): phase SIM_RUNNING
 * with its containers running since start (RFC 3339), or SIM_SUCCEEDED
 * / SIM_FAILED with them terminated with exit_code at end.  Init
 * containers are terminated (Completed) at start.
 */
json_t	*sim_pod_status(const json_t *pod, enum sim_phase phase,
	    const char *host_ip, const char *pod_ip, const char *start,
	    const char *end, int exit_code);

#endif
