/* endpoints.c - kube-controller-manager's endpoint and endpointslice
 * controllers: the addresses behind each Service that has a selector, as
 * an Endpoints object of the Service's name and as EndpointSlices labelled
 * kubernetes.io/service-name (both from the same view of the pods).
 *
 * Keys are "namespace/name" of Services; a Service is looked at when it
 * changes and when a pod in its namespace that its selector matches (now
 * or before) changes.  A pod counts once it has an IP and is not
 * finished; it is ready by its Ready condition (publishNotReadyAddresses
 * makes every one ready) and a pod being deleted is terminating (in
 * Endpoints: left out).  Each Service port's targetPort is resolved
 * against the pod's container ports by name; pods whose ports resolve
 * alike share a subset (Endpoints) or a slice (at most ES_MAX endpoints
 * each).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/selector.h"
#include "controllers.h"
#include "podutil.h"

#define ES_MAX		100	/* endpoints per slice, as upstream */
#define ES_MANAGER	"endpointslice-controller.k8s.io"
#define ES_SERVICE	"kubernetes.io/service-name"
#define ES_MANAGED	"endpointslice.kubernetes.io/managed-by"

struct ep_state {
	const struct registry_kind *svc_k, *pods_k, *ep_k, *es_k;
	int		 slices;	/* endpointslice, else endpoint */
};

static const char *
ep_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static const json_t *
ep_get(const json_t *o, const char *a, const char *b)
{
	const json_t *v = json_object_get(o, a);

	return b != NULL ? json_object_get(v, b) : v;
}

/* The port of pod that target (an int or a port name) names; 0 none. */
static long
ep_target(const json_t *pod, const json_t *target, const char *proto)
{
	const json_t *c, *p;
	size_t i, j;

	if (json_is_integer(target))
		return (long)json_integer_value(target);
	if (!json_is_string(target))
		return 0;
	json_array_foreach(ep_get(pod, "spec", "containers"), i, c)
		json_array_foreach(json_object_get(c, "ports"), j, p)
			if (ep_str(p, "name") && strcmp(ep_str(p, "name"),
			    json_string_value(target)) == 0 && strcmp(ep_str(p,
			    "protocol") ?: "TCP", proto) == 0)
				return (long)json_integer_value(
				    json_object_get(p, "containerPort"));
	return 0;
}

/* The resolved ports of pod for svc, as Endpoints/EndpointSlice ports
 * ([{name, port, protocol}]); NULL when none resolves. */
static json_t *
ep_ports(const json_t *svc, const json_t *pod)
{
	const json_t *sp;
	json_t *out = json_array();
	size_t i;

	json_array_foreach(ep_get(svc, "spec", "ports"), i, sp) {
		const char *proto = ep_str(sp, "protocol") ?: "TCP";
		const json_t *t = json_object_get(sp, "targetPort");
		long port = ep_target(pod, t ? t : json_object_get(sp, "port"),
		    proto);
		json_t *e;

		if (port <= 0)
			continue;
		e = json_pack("{s:I, s:s}", "port", (json_int_t)port,
		    "protocol", proto);
		if (ep_str(sp, "name") != NULL)
			json_object_set_new(e, "name", json_string(ep_str(sp,
			    "name")));
		if (ep_str(sp, "appProtocol") != NULL)
			json_object_set_new(e, "appProtocol", json_string(
			    ep_str(sp, "appProtocol")));
		json_array_append_new(out, e);
	}
	if (json_array_size(out) == 0 && json_array_size(ep_get(svc, "spec",
	    "ports")) > 0) {
		json_decref(out);
		return NULL;
	}
	return out;
}

static json_t *
ep_target_ref(const struct cobj *pod)
{
	return json_pack("{s:s, s:s, s:s, s:s}", "kind", "Pod", "namespace",
	    pod->ns, "name", pod->name, "uid", podutil_meta(pod->obj, "uid") ?:
	    "");
}

/* One group of pods whose ports resolve alike. */
struct ep_group {
	json_t		*ports;		/* the key */
	json_t		*ready;		/* Endpoints: addresses */
	json_t		*notready;	/* Endpoints: notReadyAddresses */
	json_t		*endpoints;	/* EndpointSlice: endpoints */
};

static struct ep_group *
ep_group(struct ep_group **g, size_t *n, json_t *ports)
{
	struct ep_group *v;
	size_t i;

	for (i = 0; i < *n; i++)
		if (json_equal((*g)[i].ports, ports)) {
			json_decref(ports);
			return &(*g)[i];
		}
	if ((v = realloc(*g, (*n + 1) * sizeof *v)) == NULL) {
		json_decref(ports);
		return NULL;
	}
	*g = v;
	v = &(*g)[(*n)++];
	v->ports = ports;
	v->ready = json_array();
	v->notready = json_array();
	v->endpoints = json_array();
	return v;
}

static void
ep_groups_free(struct ep_group *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		json_decref(g[i].ports);
		json_decref(g[i].ready);
		json_decref(g[i].notready);
		json_decref(g[i].endpoints);
	}
	free(g);
}

/* The pods of svc grouped by resolved ports. */
static int
ep_collect(struct ctl *c, const struct cobj *svc, struct ep_group **g,
    size_t *ng)
{
	struct ep_state *st = c->priv;
	const json_t *spec = json_object_get(svc->obj, "spec");
	int all_ready = json_is_true(json_object_get(spec,
	    "publishNotReadyAddresses"));
	struct selector *sel = NULL;
	struct cache_page page;
	struct err err;
	size_t i;

	*g = NULL;
	*ng = 0;
	if (selector_from_map(json_object_get(spec, "selector"), &sel,
	    NULL) < 0)
		return -1;
	err_clear(&err);
	if (cache_list(c->srv->cache, st->pods_k, svc->ns, NULL, 0, NULL,
	    NULL, &page, &err) < 0) {
		selector_free(sel);
		return -1;
	}
	for (i = 0; i < page.n; i++) {
		const json_t *pod = page.items[i]->obj;
		const char *ip = ep_str(json_object_get(pod, "status"), "podIP");
		const char *node = ep_str(json_object_get(pod, "spec"),
		    "nodeName");
		const char *host = ep_str(json_object_get(pod, "spec"),
		    "hostname");
		const char *sub = ep_str(json_object_get(pod, "spec"),
		    "subdomain");
		const char *phase = ep_str(json_object_get(pod, "status"),
		    "phase") ?: "";
		int deleting = json_object_get(json_object_get(pod,
		    "metadata"), "deletionTimestamp") != NULL;
		int ready = all_ready || (podutil_ready(pod) && !deleting);
		struct ep_group *grp;
		json_t *ports, *addr, *e;

		if (!selector_matches(sel, json_object_get(json_object_get(pod,
		    "metadata"), "labels")) || ip == NULL || ip[0] == '\0' ||
		    strcmp(phase, "Succeeded") == 0 ||
		    strcmp(phase, "Failed") == 0)
			continue;
		if ((ports = ep_ports(svc->obj, pod)) == NULL)
			continue;
		if ((grp = ep_group(g, ng, ports)) == NULL)
			break;
		addr = json_pack("{s:s, s:o}", "ip", ip, "targetRef",
		    ep_target_ref(page.items[i]));
		if (node != NULL)
			json_object_set_new(addr, "nodeName", json_string(
			    node));
		if (host != NULL && sub != NULL && strcmp(sub, svc->name) == 0)
			json_object_set_new(addr, "hostname", json_string(
			    host));
		if (!deleting || all_ready)
			json_array_append(ready ? grp->ready : grp->notready,
			    addr);
		e = json_pack("{s:[s], s:{s:b, s:b, s:b}, s:o}", "addresses",
		    ip, "conditions", "ready", ready, "serving", all_ready ||
		    podutil_ready(pod), "terminating", deleting, "targetRef",
		    ep_target_ref(page.items[i]));
		if (node != NULL)
			json_object_set_new(e, "nodeName", json_string(node));
		if (host != NULL && sub != NULL && strcmp(sub, svc->name) == 0)
			json_object_set_new(e, "hostname", json_string(host));
		json_array_append_new(grp->endpoints, e);
		json_decref(addr);
	}
	cache_page_release(&page);
	selector_free(sel);
	return 0;
}

/* Endpoints: one object of the Service's name. */
static int
ep_sync_endpoints(struct ctl *c, const struct cobj *svc, struct ep_group *g,
    size_t ng)
{
	struct ep_state *st = c->priv;
	char key[600], path[1024];
	struct cobj *cur;
	json_t *subsets = json_array(), *obj, *labels;
	struct err err;
	size_t i;
	int rc;

	for (i = 0; i < ng; i++) {
		json_t *s;

		if (json_array_size(g[i].ready) == 0 &&
		    json_array_size(g[i].notready) == 0)
			continue;
		s = json_object();
		if (json_array_size(g[i].ready))
			json_object_set(s, "addresses", g[i].ready);
		if (json_array_size(g[i].notready))
			json_object_set(s, "notReadyAddresses", g[i].notready);
		if (json_array_size(g[i].ports))
			json_object_set(s, "ports", g[i].ports);
		json_array_append_new(subsets, s);
	}
	labels = json_deep_copy(ep_get(svc->obj, "metadata", "labels"));
	snprintf(key, sizeof key, "%s/%s", svc->ns, svc->name);
	cur = ctl_get(c, st->ep_k, key);
	if (cur != NULL && json_equal(json_object_get(cur->obj, "subsets") ?:
	    json_array_size(subsets) == 0 ? subsets : NULL, subsets) &&
	    json_equal(ep_get(cur->obj, "metadata", "labels"), labels)) {
		cobj_unref(cur);
		json_decref(subsets);
		json_decref(labels);
		return 0;
	}
	obj = cur ? json_deep_copy(cur->obj) : json_pack("{s:s, s:s, "
	    "s:{s:s, s:s}}", "apiVersion", "v1", "kind", "Endpoints",
	    "metadata", "name", svc->name, "namespace", svc->ns);
	if (json_array_size(subsets))
		json_object_set_new(obj, "subsets", subsets);
	else {
		json_decref(subsets);
		json_object_del(obj, "subsets");
	}
	if (labels != NULL)
		json_object_set_new(json_object_get(obj, "metadata"), "labels",
		    labels);
	else
		json_object_del(json_object_get(obj, "metadata"), "labels");
	err_clear(&err);
	if (cur == NULL) {
		rc = ctl_create(c, st->ep_k, svc->ns, obj, NULL, &err);
	} else {
		controllers_path(st->ep_k, svc->ns, svc->name, path,
		    sizeof path);
		rc = client_do(c->srv, "PUT", path, NULL, NULL, obj, NULL,
		    &err);
	}
	json_decref(obj);
	cobj_unref(cur);
	return rc < 0 && err.reason != ERR_NOT_FOUND ? -1 : 0;
}

/* The slices a Service has now. */
static struct cobj **
ep_slices_of(struct ctl *c, const struct cobj *svc, size_t *n)
{
	struct ep_state *st = c->priv;
	struct cache_page page;
	struct cobj **v;
	struct err err;
	size_t i;

	*n = 0;
	err_clear(&err);
	if (cache_list(c->srv->cache, st->es_k, svc->ns, NULL, 0, NULL, NULL,
	    &page, &err) < 0)
		return NULL;
	v = calloc(page.n + 1, sizeof *v);
	for (i = 0; v != NULL && i < page.n; i++) {
		const json_t *l = ep_get(page.items[i]->obj, "metadata",
		    "labels");

		if (ep_str(l, ES_SERVICE) && strcmp(ep_str(l, ES_SERVICE),
		    svc->name) == 0 && ep_str(l, ES_MANAGED) &&
		    strcmp(ep_str(l, ES_MANAGED), ES_MANAGER) == 0) {
			cobj_ref(page.items[i]);
			v[(*n)++] = page.items[i];
		}
	}
	cache_page_release(&page);
	return v;
}

/* EndpointSlices: as many as the groups need, the existing ones reused
 * in order, the rest deleted. */
static int
ep_sync_slices(struct ctl *c, const struct cobj *svc, struct ep_group *g,
    size_t ng)
{
	struct ep_state *st = c->priv;
	struct cobj **have;
	size_t nhave, used = 0, i, k;
	char path[1024], prefix[300];
	struct err err;
	int rc = 0;

	have = ep_slices_of(c, svc, &nhave);
	snprintf(prefix, sizeof prefix, "%.57s-", svc->name);
	for (i = 0; i < ng; i++) {
		size_t total = json_array_size(g[i].endpoints);

		for (k = 0; k < total || (k == 0 && total == 0 && ng == 1);
		    k += ES_MAX) {
			json_t *eps = json_array(), *obj, *labels;
			size_t j;

			for (j = k; j < total && j < k + ES_MAX; j++)
				json_array_append(eps, json_array_get(
				    g[i].endpoints, j));
			labels = json_deep_copy(ep_get(svc->obj, "metadata",
			    "labels"));
			if (!json_is_object(labels)) {
				json_decref(labels);
				labels = json_object();
			}
			json_object_set_new(labels, ES_SERVICE,
			    json_string(svc->name));
			json_object_set_new(labels, ES_MANAGED,
			    json_string(ES_MANAGER));
			if (used < nhave) {
				struct cobj *cur = have[used++];

				if (json_equal(json_object_get(cur->obj,
				    "endpoints") ?: json_array_size(eps) == 0 ?
				    eps : NULL, eps) && json_equal(
				    json_object_get(cur->obj, "ports"),
				    g[i].ports) && json_equal(ep_get(cur->obj,
				    "metadata", "labels"), labels)) {
					json_decref(eps);
					json_decref(labels);
					if (total == 0)
						break;
					continue;
				}
				obj = json_deep_copy(cur->obj);
				json_object_set_new(obj, "endpoints", eps);
				json_object_set(obj, "ports", g[i].ports);
				json_object_set_new(json_object_get(obj,
				    "metadata"), "labels", labels);
				controllers_path(st->es_k, svc->ns, cur->name,
				    path, sizeof path);
				err_clear(&err);
				if (client_do(c->srv, "PUT", path, NULL, NULL,
				    obj, NULL, &err) < 0 &&
				    err.reason != ERR_NOT_FOUND)
					rc = -1;
			} else {
				obj = json_pack("{s:s, s:s, s:{s:s, s:s, s:o, "
				    "s:[o]}, s:s, s:o, s:O}", "apiVersion",
				    "discovery.k8s.io/v1", "kind",
				    "EndpointSlice", "metadata",
				    "generateName", prefix, "namespace",
				    svc->ns, "labels", labels,
				    "ownerReferences", podutil_owner_ref(
				    svc->obj, "v1", "Service"), "addressType",
				    "IPv4", "endpoints", eps, "ports",
				    g[i].ports);
				err_clear(&err);
				if (obj == NULL || ctl_create(c, st->es_k,
				    svc->ns, obj, NULL, &err) < 0)
					rc = -1;
			}
			json_decref(obj);
			if (total == 0)
				break;
		}
	}
	/* no group at all: one empty slice says so */
	if (ng == 0 && used < nhave) {
		struct cobj *cur = have[used++];

		if (json_array_size(json_object_get(cur->obj, "endpoints"))) {
			json_t *obj = json_deep_copy(cur->obj);

			json_object_set_new(obj, "endpoints", json_array());
			controllers_path(st->es_k, svc->ns, cur->name, path,
			    sizeof path);
			err_clear(&err);
			client_do(c->srv, "PUT", path, NULL, NULL, obj, NULL,
			    &err);
			json_decref(obj);
		}
	} else if (ng == 0 && nhave == 0) {
		json_t *obj = json_pack("{s:s, s:s, s:{s:s, s:s, s:{s:s, s:s},"
		    " s:[o]}, s:s, s:[], s:[]}", "apiVersion",
		    "discovery.k8s.io/v1", "kind", "EndpointSlice", "metadata",
		    "generateName", prefix, "namespace", svc->ns, "labels",
		    ES_SERVICE, svc->name, ES_MANAGED, ES_MANAGER,
		    "ownerReferences", podutil_owner_ref(svc->obj, "v1",
		    "Service"), "addressType", "IPv4", "endpoints", "ports");

		err_clear(&err);
		if (obj == NULL || ctl_create(c, st->es_k, svc->ns, obj, NULL,
		    &err) < 0)
			rc = -1;
		json_decref(obj);
	}
	for (; used < nhave; used++) {
		err_clear(&err);
		ctl_delete(c, have[used], NULL, &err);
	}
	ctl_objs_release(have, nhave);
	return rc;
}

static int
ep_sync(struct ctl *c, const char *key)
{
	struct ep_state *st = c->priv;
	struct cobj *svc = ctl_get(c, st->svc_k, key);
	struct ep_group *g = NULL;
	size_t ng = 0;
	int rc;

	if (svc == NULL)
		return 0;	/* its objects go with it (owner, or GC) */
	if (json_object_get(json_object_get(svc->obj, "spec"), "selector") ==
	    NULL || json_object_get(json_object_get(svc->obj, "metadata"),
	    "deletionTimestamp") != NULL) {
		cobj_unref(svc);
		return 0;	/* no selector: its endpoints are the user's */
	}
	if (ep_collect(c, svc, &g, &ng) < 0)
		rc = -1;
	else if (st->slices)
		rc = ep_sync_slices(c, svc, g, ng);
	else
		rc = ep_sync_endpoints(c, svc, g, ng);
	ep_groups_free(g, ng);
	cobj_unref(svc);
	return rc;
}

static void
ep_svc_event(struct ctl *c, const struct cevent *ev)
{
	ctl_enqueue_obj(c, ev->obj);
}

/* The Services of the pod's namespace whose selector matches it now or
 * matched it before. */
static void
ep_pod_event(struct ctl *c, const struct cevent *ev)
{
	struct ep_state *st = c->priv;
	struct cache_page page;
	struct selector *sel;
	struct err err;
	size_t i;

	err_clear(&err);
	if (cache_list(c->srv->cache, st->svc_k, ev->obj->ns, NULL, 0, NULL,
	    NULL, &page, &err) < 0)
		return;
	for (i = 0; i < page.n; i++) {
		const json_t *s = json_object_get(json_object_get(
		    page.items[i]->obj, "spec"), "selector");

		if (s == NULL || selector_from_map(s, &sel, NULL) < 0)
			continue;
		if (selector_matches(sel, ep_get(ev->obj->obj, "metadata",
		    "labels")) || (ev->prev != NULL && selector_matches(sel,
		    ep_get(ev->prev->obj, "metadata", "labels"))))
			ctl_enqueue_obj(c, page.items[i]);
		selector_free(sel);
	}
	cache_page_release(&page);
}

/* A pod's changes that matter: IP, readiness, phase, labels, deletion. */
static void
ep_pod_event_filtered(struct ctl *c, const struct cevent *ev)
{
	const json_t *a = ev->obj->obj, *b = ev->prev ? ev->prev->obj : NULL;

	if (ev->type == CEV_MODIFIED && b != NULL &&
	    json_equal(ep_get(a, "metadata", "labels"),
	    ep_get(b, "metadata", "labels")) &&
	    json_equal(ep_get(a, "status", "podIP"), ep_get(b, "status",
	    "podIP")) && json_equal(ep_get(a, "status", "phase"),
	    ep_get(b, "status", "phase")) &&
	    podutil_ready(a) == podutil_ready(b) &&
	    json_equal(ep_get(a, "metadata", "deletionTimestamp"),
	    ep_get(b, "metadata", "deletionTimestamp")) &&
	    json_equal(ep_get(a, "spec", "nodeName"), ep_get(b, "spec",
	    "nodeName")))
		return;
	ep_pod_event(c, ev);
}

static int
ep_init_common(struct ctl *c, int slices, struct err *err)
{
	struct ep_state *st = calloc(1, sizeof *st);

	if (st == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	c->priv = st;
	st->slices = slices;
	st->svc_k = registry_find("", "services");
	st->pods_k = registry_find("", "pods");
	st->ep_k = registry_find("", "endpoints");
	st->es_k = registry_find("discovery.k8s.io", "endpointslices");
	if (ctl_watch_kind(c, st->pods_k, ep_pod_event_filtered, err) < 0 ||
	    ctl_watch_kind(c, st->svc_k, ep_svc_event, err) < 0)
		return -1;
	return 0;
}

static int
ep_init_endpoints(struct ctl *c, struct err *err)
{
	return ep_init_common(c, 0, err);
}

static int
ep_init_slices(struct ctl *c, struct err *err)
{
	return ep_init_common(c, 1, err);
}

static void
ep_fini(struct ctl *c)
{
	free(c->priv);
	c->priv = NULL;
}

const struct controller controller_endpoint = {
	.name = "endpoint",
	.init = ep_init_endpoints,
	.fini = ep_fini,
	.sync = ep_sync,
};

const struct controller controller_endpointslice = {
	.name = "endpointslice",
	.init = ep_init_slices,
	.fini = ep_fini,
	.sync = ep_sync,
};
