/* alloc.c - cluster IPs and node ports of Services, allocated when a
 * Service is created (or changes type), as kube-apiserver's service
 * registry does.
 *
 * What is in use is read from the watch cache (every Service's clusterIPs
 * and nodePorts) plus the allocations of the last seconds that the cache
 * may not show yet, so concurrent creates never get the same address.
 * Deleting a Service frees its address: nothing else has to be released.
 * Addresses are given from the top part of the range first; the low
 * band (kube-apiserver's static subrange: a sixteenth of the range, 16 to
 * 256 addresses) is for services that name their address, such as the
 * cluster DNS at the 10th.
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "cache.h"

#define ALLOC_RECENT	256	/* allocations remembered until seen */
#define ALLOC_RECENT_S	30	/* ... for at most this many seconds */

static struct {
	pthread_mutex_t	 mu;
	uint32_t	 net, mask;	/* host order */
	int		 port_min, port_max;
	char		 cidr[64];
	uint32_t	 next;		/* where the next search starts */
	int		 next_port;
	struct {
		uint32_t	ip;
		int		port;
		time_t		when;
	} recent[ALLOC_RECENT];
	size_t		 nrecent;
} alloc = { .mu = PTHREAD_MUTEX_INITIALIZER };

int
alloc_init(const char *cidr, const char *ports, struct err *err)
{
	char ip[64];
	const char *slash = strchr(cidr, '/');
	struct in_addr a;
	int bits, lo, hi;

	if (slash == NULL || (size_t)(slash - cidr) >= sizeof ip)
		return err_set(err, ERR_BAD_REQUEST, "--service-cidr: not a "
		    "CIDR: %s", cidr);
	snprintf(ip, sizeof ip, "%.*s", (int)(slash - cidr), cidr);
	bits = atoi(slash + 1);
	if (inet_pton(AF_INET, ip, &a) != 1 || bits < 8 || bits > 30)
		return err_set(err, ERR_BAD_REQUEST, "--service-cidr: want an "
		    "IPv4 range from /8 to /30, not %s", cidr);
	if (sscanf(ports, "%d-%d", &lo, &hi) != 2 || lo < 1 || hi > 65535 ||
	    lo > hi)
		return err_set(err, ERR_BAD_REQUEST, "--service-node-port-"
		    "range: want LOW-HIGH, not %s", ports);
	alloc.mask = bits == 32 ? 0xffffffffu : ~((1u << (32 - bits)) - 1);
	alloc.net = ntohl(a.s_addr) & alloc.mask;
	alloc.port_min = lo;
	alloc.port_max = hi;
	alloc.next_port = lo;
	alloc.next = 2;
	snprintf(alloc.cidr, sizeof alloc.cidr, "%s", cidr);
	return 0;
}

void
alloc_first_ip(char *out, size_t len)
{
	struct in_addr a;

	a.s_addr = htonl(alloc.net + 1);
	inet_ntop(AF_INET, &a, out, (socklen_t)len);
}

void
alloc_nth_ip(unsigned n, char *out, size_t len)
{
	struct in_addr a;

	a.s_addr = htonl(alloc.net + n);
	inet_ntop(AF_INET, &a, out, (socklen_t)len);
}

/* What the cache's Services hold, plus recent allocations (lock held). */
static void
alloc_used(struct cache *c, const json_t *self, unsigned char *ips,
    size_t nips, unsigned char *ports)
{
	const struct registry_kind *k = registry_find("", "services");
	struct cache_page page;
	struct err err;
	const json_t *spec, *v, *p;
	struct in_addr a;
	uint32_t off;
	size_t i, j;
	time_t now = time(NULL);
	long np;

	err_clear(&err);
	if (k != NULL && cache_list(c, k, "", NULL, 0, NULL, NULL, &page,
	    &err) == 0) {
		for (i = 0; i < page.n; i++) {
			spec = json_object_get(page.items[i]->obj, "spec");
			if (self != NULL && json_equal(json_object_get(
			    json_object_get(page.items[i]->obj, "metadata"),
			    "uid"), json_object_get(json_object_get(self,
			    "metadata"), "uid")))
				continue;
			json_array_foreach(json_object_get(spec, "clusterIPs"),
			    j, v) {
				if (!json_is_string(v) || inet_pton(AF_INET,
				    json_string_value(v), &a) != 1)
					continue;
				off = ntohl(a.s_addr) - alloc.net;
				if ((ntohl(a.s_addr) & alloc.mask) == alloc.net &&
				    off < nips)
					ips[off] = 1;
			}
			json_array_foreach(json_object_get(spec, "ports"), j, p) {
				np = (long)json_integer_value(json_object_get(p,
				    "nodePort"));
				if (np >= alloc.port_min && np <= alloc.port_max)
					ports[np - alloc.port_min] = 1;
			}
		}
		cache_page_release(&page);
	}
	for (i = 0; i < alloc.nrecent; ) {
		if (now - alloc.recent[i].when > ALLOC_RECENT_S) {
			alloc.recent[i] = alloc.recent[--alloc.nrecent];
			continue;
		}
		off = alloc.recent[i].ip - alloc.net;
		if (alloc.recent[i].ip != 0 && off < nips)
			ips[off] = 1;
		if (alloc.recent[i].port != 0)
			ports[alloc.recent[i].port - alloc.port_min] = 1;
		i++;
	}
}

static void
alloc_remember(uint32_t ip, int port)
{
	if (alloc.nrecent == ALLOC_RECENT)
		memmove(&alloc.recent[0], &alloc.recent[1],
		    --alloc.nrecent * sizeof alloc.recent[0]);
	alloc.recent[alloc.nrecent].ip = ip;
	alloc.recent[alloc.nrecent].port = port;
	alloc.recent[alloc.nrecent].when = time(NULL);
	alloc.nrecent++;
}

static int
alloc_is_type(const json_t *spec, const char *t)
{
	const char *s = json_string_value(json_object_get(spec, "type"));

	return s != NULL && strcmp(s, t) == 0;
}

/* The cluster IP: kept from old, checked when asked for, else the next
 * free one.  Lock held. */
static int
alloc_cluster_ip(json_t *spec, const json_t *old_spec, unsigned char *ips,
    size_t nips, struct err *err)
{
	const char *want = json_string_value(json_object_get(spec,
	    "clusterIP"));
	const char *had = json_string_value(json_object_get(old_spec,
	    "clusterIP"));
	struct in_addr a;
	char buf[64];
	uint32_t off, i, band;

	if (alloc_is_type(spec, "ExternalName"))
		return 0;
	if ((want == NULL || want[0] == '\0') && had != NULL) {
		json_object_set_new(spec, "clusterIP", json_string(had));
		json_object_set(spec, "clusterIPs", json_object_get(old_spec,
		    "clusterIPs"));
		return 0;
	}
	if (had != NULL || (want != NULL && strcmp(want, "None") == 0))
		return 0;	/* unchanged (validation checks changes) */
	if (want != NULL && want[0] != '\0') {
		if (inet_pton(AF_INET, want, &a) != 1)
			return 0;	/* validation says why */
		off = ntohl(a.s_addr) - alloc.net;
		if ((ntohl(a.s_addr) & alloc.mask) != alloc.net || off == 0 ||
		    off >= nips - 1) {
			snprintf(buf, sizeof buf, "[]string{\"%s\"}", want);
			err_field(err, ERR_CAUSE_INVALID, "spec.clusterIPs", buf,
			    "failed to allocate IP %s: the provided IP (%s) is "
			    "not in the valid range. The range of valid IPs is "
			    "%s", want, want, alloc.cidr);
			return -1;
		}
		if (ips[off]) {
			snprintf(buf, sizeof buf, "[]string{\"%s\"}", want);
			err_field(err, ERR_CAUSE_INVALID, "spec.clusterIPs", buf,
			    "failed to allocate IP %s: provided IP is already "
			    "allocated", want);
			return -1;
		}
		alloc_remember(alloc.net + off, 0);
		return 0;
	}
	/* as kube-apiserver (KEP-3070): the low addresses (a sixteenth of
	 * the range, 16 to 256) are kept for services that name theirs
	 * (cluster DNS takes the 10th), given out only when the rest is
	 * full */
	band = (uint32_t)(nips / 16 < 16 ? 16 : nips / 16 > 256 ? 256 :
	    nips / 16);
	if (band + 1 >= nips - 2)
		band = 2;
	if (alloc.next < band || alloc.next > nips - 2)
		alloc.next = band;
	off = 0;
	for (i = 0; i < nips - 1 - band; i++) {
		off = band + (alloc.next - band + i) % (uint32_t)(nips - 1 -
		    band);
		if (!ips[off])
			break;
	}
	if (i == nips - 1 - band) {
		for (off = 2; off < band && ips[off]; off++)
			;
		if (off >= band)
			return err_set(err, ERR_INTERNAL, "failed to allocate "
			    "a serviceIP: range is full");
	} else {
		alloc.next = off + 1;
	}
	ips[off] = 1;
	alloc_remember(alloc.net + off, 0);
	a.s_addr = htonl(alloc.net + off);
	inet_ntop(AF_INET, &a, buf, sizeof buf);
	json_object_set_new(spec, "clusterIP", json_string(buf));
	json_object_set_new(spec, "clusterIPs", json_pack("[s]", buf));
	return 0;
}

/* Node ports of NodePort and LoadBalancer services.  Lock held. */
static int
alloc_node_ports(json_t *spec, const json_t *old_spec, unsigned char *ports,
    struct err *err)
{
	json_t *p, *op;
	size_t i, j, n = (size_t)(alloc.port_max - alloc.port_min + 1);
	char field[96], val[32];
	long np, want;

	if (!alloc_is_type(spec, "NodePort") &&
	    !alloc_is_type(spec, "LoadBalancer"))
		return 0;
	json_array_foreach(json_object_get(spec, "ports"), i, p) {
		want = (long)json_integer_value(json_object_get(p, "nodePort"));
		/* a port the service had keeps its node port */
		json_array_foreach(json_object_get(old_spec, "ports"), j, op) {
			np = (long)json_integer_value(json_object_get(op,
			    "nodePort"));
			if (np > 0 && json_equal(json_object_get(op, "port"),
			    json_object_get(p, "port")) && (want == 0 ||
			    want == np)) {
				json_object_set_new(p, "nodePort",
				    json_integer(np));
				break;
			}
		}
		if (j < json_array_size(json_object_get(old_spec, "ports")))
			continue;
		snprintf(field, sizeof field, "spec.ports[%zu].nodePort", i);
		if (want != 0) {
			snprintf(val, sizeof val, "%ld", want);
			if (want < alloc.port_min || want > alloc.port_max) {
				err_field(err, ERR_CAUSE_INVALID, field, val,
				    "provided port is not in the valid range. "
				    "The range of valid ports is %d-%d",
				    alloc.port_min, alloc.port_max);
				return -1;
			}
			if (ports[want - alloc.port_min]) {
				err_field(err, ERR_CAUSE_INVALID, field, val,
				    "provided port is already allocated");
				return -1;
			}
			ports[want - alloc.port_min] = 1;
			alloc_remember(0, (int)want);
			continue;
		}
		for (j = 0; j < n; j++) {
			np = alloc.port_min + (long)((size_t)(alloc.next_port -
			    alloc.port_min + (int)j) % n);
			if (!ports[np - alloc.port_min])
				break;
		}
		if (j == n)
			return err_set(err, ERR_INTERNAL, "failed to allocate a "
			    "nodePort: range is full");
		ports[np - alloc.port_min] = 1;
		alloc.next_port = (int)np + 1;
		alloc_remember(0, (int)np);
		json_object_set_new(p, "nodePort", json_integer(np));
	}
	return 0;
}

int
alloc_service(struct cache *c, json_t *svc, const json_t *old,
    struct err *err)
{
	json_t *spec = json_object_get(svc, "spec");
	const json_t *old_spec = json_object_get(old, "spec");
	unsigned char *ips, *ports;
	size_t nips;
	int rc = -1;

	if (!json_is_object(spec) || alloc.mask == 0)
		return 0;
	nips = (size_t)(~alloc.mask) + 1;
	if (nips > ((size_t)1 << 24))
		nips = (size_t)1 << 24;
	ips = calloc(nips, 1);
	ports = calloc((size_t)(alloc.port_max - alloc.port_min + 1), 1);
	if (ips == NULL || ports == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	pthread_mutex_lock(&alloc.mu);
	alloc_used(c, old, ips, nips, ports);
	if (alloc_cluster_ip(spec, old_spec, ips, nips, err) == 0 &&
	    alloc_node_ports(spec, old_spec, ports, err) == 0)
		rc = 0;
	pthread_mutex_unlock(&alloc.mu);
	if (rc < 0 && err->ncauses > 0)
		err_invalid(err, "Service", json_string_value(json_object_get(
		    json_object_get(svc, "metadata"), "name")));
out:
	free(ips);
	free(ports);
	return rc;
}
