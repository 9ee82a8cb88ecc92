/* cni.h - the agent's pod networking: runs the CNI plugins (bridge with
 * host-local IPAM, portmap, loopback) the way the CNI spec says.
 *
 * One network, "kubec": every pod gets a veth on the node's bridge
 * (kubec0 by default), an address from the node's podCIDR, a default
 * route via the bridge's address (the first of the range) and the
 * hostPort mappings of its containers (portmap, which drives iptables).
 * The plugins run in the caller's network namespace (the node's); the
 * pod's side lives in the namespace file given to cni_add().
 *
 * Every function is safe to call from several threads at once.  A
 * plugin's error ({code,msg,details} on its stdout) comes back in the
 * err message.
 */
#ifndef KUBEC_AGENT_CNI_H
#define KUBEC_AGENT_CNI_H

#include <stddef.h>

#include "../lib/err.h"

struct cni_config {
	const char	*plugin_dir;	/* NULL: /usr/lib/cni */
	const char	*conf_dir;	/* the conflist is written there as
					   10-kubec.conflist; NULL: kept in
					   memory only */
	const char	*bridge;	/* NULL: "kubec0" */
	const char	*pod_cidr;	/* "198.18.1.0/24"; required */
	int		 mtu;		/* 0: the plugin's default */
	const char	*ipam_dir;	/* host-local's dataDir; required */
	const char	*cache_dir;	/* results of ADD, for DEL; required */
	int		 no_hairpin;	/* 0: hairpinMode on (the default) */
	int		 ip_masq;	/* 0: no masquerading (the default) */
	int		 timeout_ms;	/* per plugin run; 0: 60 s */
};

/* One hostPort mapping (portmap's runtimeConfig.portMappings). */
struct cni_port {
	int		 container_port;
	int		 host_port;
	const char	*protocol;	/* "TCP", "UDP", "SCTP"; NULL: TCP */
	const char	*host_ip;	/* NULL or "": every address */
};

/* What ADD gave the pod's interface. */
struct cni_result {
	char		 ip[64];	/* "198.18.1.5" */
	int		 prefix;	/* 24 */
	char		 gateway[64];	/* "198.18.1.1" */
	char		 mac[32];	/* of the pod's interface */
};

struct cni;

/* The network name, the directory host-local keeps it under in ipam_dir. */
#define CNI_NETWORK_NAME	"kubec"

/*
 * Builds the conflist from cfg (and writes it to conf_dir), creates
 * ipam_dir and cache_dir.  NULL with err set when cfg lacks something or
 * a directory cannot be made.  The pod CIDR is checked by host-local, at
 * the first cni_add().
 */
struct cni	*cni_open(const struct cni_config *cfg, struct err *err);
void		 cni_close(struct cni *c);
/* The conflist as written (valid until cni_close). */
const char	*cni_conflist(const struct cni *c);

/*
 * ADD: loopback for "lo", then the chain (bridge, portmap) for ifname in
 * the namespace netns_path.  On success fills res (may be NULL) and keeps
 * the result in the cache for DEL and CHECK.  On failure everything that
 * was set up is deleted again and err carries the plugin's message.
 */
int	 cni_add(struct cni *c, const char *container_id,
	    const char *netns_path, const char *ifname,
	    const struct cni_port *ports, size_t nports,
	    struct cni_result *res, struct err *err);
/*
 * DEL through the chain in reverse, releasing the address.  Idempotent:
 * a namespace that is gone (or netns_path NULL) and a container that was
 * deleted already are not errors.
 */
int	 cni_del(struct cni *c, const char *container_id,
	    const char *netns_path, const char *ifname, struct err *err);
/* CHECK through the chain with the cached result; -1 when it differs. */
int	 cni_check(struct cni *c, const char *container_id,
	    const char *netns_path, const char *ifname, struct err *err);
/*
 * An agent restart: CHECK the namespace against the cached result of an
 * earlier ADD and, when it holds, fill res from it (nothing is changed).
 * -1 when there is no such result or the CHECK fails.
 */
int	 cni_adopt(struct cni *c, const char *container_id,
	    const char *netns_path, const char *ifname,
	    struct cni_result *res, struct err *err);
/*
 * After a crash: DEL (without a namespace) every container that holds an
 * address in host-local's store or a cached result and is not one of the
 * n live_container_ids.  The caller lists every container it has started
 * an ADD for; cni_add/cni_del calls of other threads wait for this one.
 * Returns the number released, or -1 (err set) when one could not be.
 */
int	 cni_gc_stale(struct cni *c, const char *const *live_container_ids,
	    size_t n, struct err *err);

#endif
