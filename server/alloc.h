/* alloc.h - cluster IPs (--service-cidr) and node ports
 * (--service-node-port-range) of Services. */
#ifndef KUBEC_ALLOC_H
#define KUBEC_ALLOC_H

#include <jansson.h>
#include <stddef.h>

#include "../lib/err.h"

struct cache;

/* cidr "10.96.0.0/12", ports "30000-32767". */
int	alloc_init(const char *cidr, const char *ports, struct err *err);
/* The first address of the range: the kubernetes service's. */
void	alloc_first_ip(char *out, size_t len);
/* The n-th address of the range (10: cluster DNS, as in Kubernetes). */
void	alloc_nth_ip(unsigned n, char *out, size_t len);
/*
 * Fills in svc's spec.clusterIP(s) and the nodePorts of its ports: kept
 * from old (NULL on create), checked when given, else allocated.  Invalid
 * (422) when a given address or port is taken or out of range.
 */
int	alloc_service(struct cache *c, json_t *svc, const json_t *old,
	    struct err *err);

#endif
