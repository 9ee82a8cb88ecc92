/* routes.c - the pod network across nodes, host-gw style (flannel's
 * host-gw backend): mirrors the Nodes (mirror.c: listed, watched,
 * listed again when a watch ends badly) and keeps, in the agent's network namespace, a route to every
 * other node's spec.podCIDR via that node's InternalIP address.  The
 * routes it makes carry their own protocol number, ROUTES_PROTO, and only
 * those are ever replaced or deleted: on every change (debounced) and
 * every ROUTES_RESYNC_SECONDS, the main table's routes of that protocol
 * are compared with what the Nodes say, routes that are missing or
 * different are put in with `ip route replace` and the others deleted,
 * stale ones of an earlier run included.  A destination that has a route
 * of another kind (one made by hand, or the node's own pods' bridge) is
 * left to it.  They stay when the agent stops, as routes of a
 * node's network plugin do. */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"
#include "../lib/buf.h"
#include "../lib/proc.h"

#define ROUTES_PROTO		"250"
#define ROUTES_DEBOUNCE_MS	100
#define ROUTES_RESYNC_SECONDS	30
#define ROUTES_RETRY_SECONDS	5

struct routes {
	struct agent		*a;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cond;
	struct mirror		 nodes;		/* name -> Node */
	int			 dirty;
	pthread_t		 sync_thread;
	int			 sync_started;
};

/* "a.b.c.d/n" in its canonical form (the network's own address), into
 * out; -1 when it is not one. */
static int
routes_cidr(const char *s, char *out, size_t n)
{
	char ip[32];
	const char *slash;
	struct in_addr in;
	char *end;
	long len;
	uint32_t mask;

	if (s == NULL || (slash = strchr(s, '/')) == NULL ||
	    (size_t)(slash - s) >= sizeof ip)
		return -1;
	memcpy(ip, s, slash - s);
	ip[slash - s] = '\0';
	len = strtol(slash + 1, &end, 10);
	if (*end != '\0' || end == slash + 1 || len < 1 || len > 32 ||
	    inet_pton(AF_INET, ip, &in) != 1)
		return -1;
	mask = len == 32 ? 0xffffffffu : ~(0xffffffffu >> len);
	in.s_addr = htonl(ntohl(in.s_addr) & mask);
	if (inet_ntop(AF_INET, &in, ip, sizeof ip) == NULL)
		return -1;
	snprintf(out, n, "%s/%ld", ip, len);
	return 0;
}

/* A Node's first IPv4 InternalIP; NULL when it has none. */
static const char *
routes_node_ip(const json_t *node)
{
	const json_t *addr;
	struct in_addr in;
	const char *ip;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(node, "status"),
	    "addresses"), i, addr) {
		ip = json_string_value(json_object_get(addr, "address"));
		if (ip != NULL && inet_pton(AF_INET, ip, &in) == 1 &&
		    strcmp(json_string_value(json_object_get(addr, "type")) ?:
		    "", "InternalIP") == 0)
			return ip;
	}
	return NULL;
}

/* The routes the Nodes ask for: "CIDR" -> "via IP" (lock held). */
static json_t *
routes_wanted(struct routes *r)
{
	json_t *want = json_object(), *node;
	const char *name, *ip;
	char cidr[64];

	json_object_foreach(r->nodes.objs, name, node) {
		if (strcmp(name, r->a->opts.node_name) == 0 ||
		    routes_cidr(mirror_str(node, "spec", "podCIDR"), cidr,
		    sizeof cidr) < 0 || (ip = routes_node_ip(node)) == NULL)
			continue;
		json_object_set_new(want, cidr, json_string(ip));
	}
	return want;
}

static int
routes_ip(char **argv, struct buf *out, struct err *err)
{
	struct buf eout = BUF_INIT(64 << 10);
	struct proc p = { .argv = argv, .out = out, .errout = &eout,
	    .timeout_ms = 30000 };
	int rc = proc_run_ok(&p, err);

	buf_release(&eout);
	return rc;
}

/* The IPv4 routes of the main table: those of ROUTES_PROTO into *ours
 * ("CIDR" -> the gateway, "" when none), the destinations of the others
 * into *others. */
static int
routes_current(json_t **ours, json_t **others, struct err *err)
{
	char *argv[] = { "ip", "-4", "route", "show", "table", "main", NULL };
	struct buf out = BUF_INIT(16 << 20);
	char *text, *line, *save = NULL, *tok, *save2, *dst, *via;
	int mine;

	if (routes_ip(argv, &out, err) < 0) {
		buf_release(&out);
		return -1;
	}
	if ((text = strdup(buf_str(&out))) == NULL) {
		buf_release(&out);
		return err_set(err, ERR_INTERNAL, "out of memory");
	}
	*ours = json_object();
	*others = json_object();
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if ((dst = strtok_r(line, " ", &save2)) == NULL)
			continue;
		via = NULL;
		mine = 0;
		while ((tok = strtok_r(NULL, " ", &save2)) != NULL) {
			if (strcmp(tok, "via") == 0)
				via = strtok_r(NULL, " ", &save2);
			else if (strcmp(tok, "proto") == 0 &&
			    (tok = strtok_r(NULL, " ", &save2)) != NULL)
				mine = strcmp(tok, ROUTES_PROTO) == 0;
			if (tok == NULL)
				break;
		}
		json_object_set_new(mine ? *ours : *others, dst,
		    json_string(via ?: ""));
	}
	free(text);
	buf_release(&out);
	return 0;
}

/* Makes the routes of ROUTES_PROTO those of want. */
static int
routes_apply(const json_t *want, struct err *err)
{
	json_t *have = NULL, *others = NULL, *v;
	const char *cidr, *ip;
	int rc = 0;

	if (routes_current(&have, &others, err) < 0)
		return -1;
	json_object_foreach((json_t *)have, cidr, v) {
		if (json_object_get(want, cidr) != NULL)
			continue;
		char *argv[] = { "ip", "-4", "route", "del", (char *)cidr,
		    "table", "main", "proto", ROUTES_PROTO, NULL };
		struct err e;

		err_clear(&e);
		if (routes_ip(argv, NULL, &e) < 0) {
			rc = -1;
			*err = e;
		} else
			fprintf(stderr, "kubec-agent: routes: %s deleted\n",
			    cidr);
	}
	json_object_foreach((json_t *)want, cidr, v) {
		ip = json_string_value(v);
		/* a route not ours to the same place (the node's pods are
		 * here: agents that share a network namespace) stays */
		if (json_object_get(others, cidr) != NULL)
			continue;
		if (strcmp(json_string_value(json_object_get(have, cidr)) ?:
		    "-", ip) == 0)
			continue;
		char *argv[] = { "ip", "-4", "route", "replace", (char *)cidr,
		    "via", (char *)ip, "table", "main", "proto", ROUTES_PROTO,
		    NULL };
		struct err e;

		err_clear(&e);
		if (routes_ip(argv, NULL, &e) < 0) {
			rc = -1;
			*err = e;
		} else
			fprintf(stderr, "kubec-agent: routes: %s via %s\n",
			    cidr, ip);
	}
	json_decref(have);
	json_decref(others);
	return rc;
}

/* A change of the Nodes (lock held): the sync applies again. */
static void
routes_touch(void *arg)
{
	struct routes *r = arg;

	r->dirty = 1;
	pthread_cond_signal(&r->cond);
}

/* Applies the Nodes' routes after a change (debounced), every
 * ROUTES_RESYNC_SECONDS, and ROUTES_RETRY_SECONDS after a failure. */
static void *
routes_sync_loop(void *arg)
{
	struct routes *r = arg;
	struct agent *a = r->a;
	time_t next = 0;
	struct err err;
	json_t *want;
	int rc;

	pthread_mutex_lock(&r->mu);
	while (!a->stop) {
		if (!r->nodes.synced || (!r->dirty && time(NULL) < next)) {
			mirror_wait(&r->cond, &r->mu, 1000);
			continue;
		}
		if (r->dirty) {
			pthread_mutex_unlock(&r->mu);
			usleep(ROUTES_DEBOUNCE_MS * 1000);
			pthread_mutex_lock(&r->mu);
		}
		r->dirty = 0;
		want = routes_wanted(r);
		pthread_mutex_unlock(&r->mu);
		err_clear(&err);
		rc = routes_apply(want, &err);
		json_decref(want);
		if (rc < 0)
			fprintf(stderr, "kubec-agent: routes: %s\n", err.msg);
		next = time(NULL) + (rc < 0 ? ROUTES_RETRY_SECONDS :
		    ROUTES_RESYNC_SECONDS);
		pthread_mutex_lock(&r->mu);
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

int
routes_start(struct agent *a, struct err *err)
{
	struct routes *r;

	if ((r = calloc(1, sizeof *r)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	r->a = a;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cond, NULL);
	r->nodes = (struct mirror){ .a = a, .owner = "routes", .what = "nodes",
	    .path = "/api/v1/nodes", .mu = &r->mu, .changed = routes_touch,
	    .arg = r };
	a->routes = r;
	if (mirror_start(&r->nodes, err) < 0)
		return -1;
	if (pthread_create(&r->sync_thread, NULL, routes_sync_loop, r) != 0)
		return err_set(err, ERR_INTERNAL, "cannot start the routes");
	r->sync_started = 1;
	return 0;
}

/* Stops the threads; the routes stay. */
void
routes_stop(struct agent *a)
{
	struct routes *r = a->routes;

	if (r == NULL)
		return;
	a->stop = 1;
	pthread_mutex_lock(&r->mu);
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->mu);
	if (r->sync_started)	/* first: it reads the mirror's objects */
		pthread_join(r->sync_thread, NULL);
	mirror_stop(&r->nodes);
	pthread_cond_destroy(&r->cond);
	pthread_mutex_destroy(&r->mu);
	free(r);
	a->routes = NULL;
}
