/* nodeipam.c - kube-controller-manager's node IPAM controller (the range
 * allocator): every Node without spec.podCIDR gets the next free part of
 * --cluster-cidr, of --node-cidr-mask-size bits, as spec.podCIDR and
 * spec.podCIDRs; the parts of the Nodes that go are free again.  The
 * agent takes its pods' addresses from it.  IPv4.
 *
 * Keys are Node names.  The parts in use are learned from every Node's
 * spec as the informer delivers it, before a sync hands out any.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/hmap.h"
#include "../recorder.h"
#include "controllers.h"

#define IPAM_MAX_PARTS	(1u << 20)

struct ipam_state {
	const struct registry_kind *nodes_k;
	uint32_t	 base;		/* the cluster CIDR's network */
	int		 prefix;	/* its length */
	int		 mask;		/* a node's part's length */
	uint32_t	 nparts;
	uint8_t		*used;		/* a bit per part */
	uint32_t	 next;		/* where the search starts */
	struct hmap	 owner;		/* node name -> part index + 1 */
};

/* "a.b.c.d/n" -> network and length; -1 when not IPv4 CIDR. */
static int
ipam_parse(const char *cidr, uint32_t *net, int *len)
{
	char ip[64];
	const char *slash = strchr(cidr, '/');
	struct in_addr a;
	char *end;
	long n;

	if (slash == NULL || (size_t)(slash - cidr) >= sizeof ip)
		return -1;
	snprintf(ip, sizeof ip, "%.*s", (int)(slash - cidr), cidr);
	n = strtol(slash + 1, &end, 10);
	if (*end != '\0' || n < 0 || n > 32 || inet_pton(AF_INET, ip, &a) !=
	    1)
		return -1;
	*net = ntohl(a.s_addr);
	if (n < 32)
		*net &= ~((UINT32_C(1) << (32 - n)) - 1);
	*len = (int)n;
	return 0;
}

/* The index of a part, or -1 when cidr is not one of ours. */
static long
ipam_index(const struct ipam_state *st, const char *cidr)
{
	uint32_t net;
	int len;

	if (cidr == NULL || ipam_parse(cidr, &net, &len) < 0 ||
	    len != st->mask)
		return -1;
	if (st->prefix > 0 && ((net ^ st->base) >> (32 - st->prefix)) != 0)
		return -1;
	return (long)((net - st->base) >> (32 - st->mask));
}

static void
ipam_mark(struct ipam_state *st, uint32_t i, int on)
{
	if (on)
		st->used[i / 8] |= (uint8_t)(1u << (i % 8));
	else
		st->used[i / 8] &= (uint8_t)~(1u << (i % 8));
}

static int
ipam_is_used(const struct ipam_state *st, uint32_t i)
{
	return st->used[i / 8] & (1u << (i % 8));
}

static const char *
ipam_node_cidr(const struct cobj *node)
{
	return json_string_value(json_object_get(json_object_get(node->obj,
	    "spec"), "podCIDR"));
}

/* A Node's part. */
struct ipam_owner {
	uint32_t	 idx;
	char		 name[];
};

/* Remembers which part a Node holds (idx -1: none, freeing the one it
 * held). */
static void
ipam_note(struct ipam_state *st, const char *name, long idx)
{
	struct ipam_owner *had = hmap_get(&st->owner, name), *o;
	size_t len = strlen(name);

	if (had != NULL && (long)had->idx == idx)
		return;
	if (had != NULL) {
		ipam_mark(st, had->idx, 0);
		hmap_del(&st->owner, name);
		free(had);
	}
	if (idx < 0 || (o = malloc(sizeof *o + len + 1)) == NULL)
		return;
	o->idx = (uint32_t)idx;
	memcpy(o->name, name, len + 1);
	hmap_put(&st->owner, o->name, o, NULL);
	ipam_mark(st, o->idx, 1);
}

static void
ipam_event(struct ctl *c, const struct cevent *ev)
{
	struct ipam_state *st = c->priv;

	if (ev->type == CEV_DELETED) {
		ipam_note(st, ev->obj->name, -1);
		return;
	}
	ipam_note(st, ev->obj->name, ipam_index(st, ipam_node_cidr(ev->obj)));
	if (ipam_node_cidr(ev->obj) == NULL)
		ctl_enqueue_obj(c, ev->obj);
}

static int
ipam_sync(struct ctl *c, const char *key)
{
	struct ipam_state *st = c->priv;
	struct cobj *node = ctl_get(c, st->nodes_k, key);
	char cidr[64], ip[INET_ADDRSTRLEN], path[600];
	struct in_addr a;
	struct err err;
	json_t *patch;
	uint32_t i, k;
	int rc = 0;

	if (node == NULL || ipam_node_cidr(node) != NULL) {
		cobj_unref(node);
		return 0;
	}
	for (k = 0; k < st->nparts; k++) {
		i = (st->next + k) % st->nparts;
		if (!ipam_is_used(st, i))
			break;
	}
	if (k == st->nparts) {
		recorder_event(c->srv->recorder, node, "node-controller",
		    "Normal", "CIDRNotAvailable", "Node %s status is now: "
		    "CIDRNotAvailable", node->name);
		cobj_unref(node);
		return -1;
	}
	a.s_addr = htonl(st->base + (i << (32 - st->mask)));
	inet_ntop(AF_INET, &a, ip, sizeof ip);
	snprintf(cidr, sizeof cidr, "%s/%d", ip, st->mask);
	patch = json_pack("{s:{s:s, s:[s]}}", "spec", "podCIDR", cidr,
	    "podCIDRs", cidr);
	controllers_path(node->kind, "", node->name, path, sizeof path);
	err_clear(&err);
	if (client_do(c->srv, "PATCH", path, NULL,
	    "application/merge-patch+json", patch, NULL, &err) < 0) {
		if (err.reason != ERR_NOT_FOUND)
			rc = -1;
	} else {
		ipam_note(st, node->name, (long)i);
		st->next = (i + 1) % st->nparts;
	}
	json_decref(patch);
	cobj_unref(node);
	return rc;
}

static int
ipam_init(struct ctl *c, struct err *err)
{
	struct ipam_state *st = calloc(1, sizeof *st);
	const struct server_opts *o = &c->srv->opts;

	if (st == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	c->priv = st;
	if (ipam_parse(o->cluster_cidr, &st->base, &st->prefix) < 0)
		return err_set(err, ERR_BAD_REQUEST, "--cluster-cidr %s: not "
		    "an IPv4 CIDR", o->cluster_cidr);
	st->mask = o->node_cidr_mask;
	if (st->mask < st->prefix || st->mask > 30 ||
	    st->mask - st->prefix > 20)
		return err_set(err, ERR_BAD_REQUEST, "--node-cidr-mask-size "
		    "%d does not fit --cluster-cidr %s (at most 2^20 parts)",
		    st->mask, o->cluster_cidr);
	st->nparts = UINT32_C(1) << (st->mask - st->prefix);
	if ((st->used = calloc(st->nparts / 8 + 1, 1)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	st->nodes_k = registry_find("", "nodes");
	return ctl_watch_kind(c, st->nodes_k, ipam_event, err);
}

static void
ipam_fini(struct ctl *c)
{
	struct ipam_state *st = c->priv;
	struct hmap_entry *e;
	size_t it;

	if (st == NULL)
		return;
	for (e = hmap_first(&st->owner, &it); e != NULL;
	    e = hmap_next(&st->owner, &it, e))
		free(e->value);
	hmap_release(&st->owner);
	free(st->used);
	free(st);
	c->priv = NULL;
}

const struct controller controller_nodeipam = {
	.name = "nodeipam",
	.init = ipam_init,
	.fini = ipam_fini,
	.sync = ipam_sync,
};
