/* policy.c - the RBAC bootstrap policy (see policy.h).
 *
 * The tables follow kube-apiserver 1.33's bootstrappolicy/policy.go rule
 * for rule (verbs and names sorted, as its PolicyRuleBuilder leaves them),
 * for the roles that concern what kubec serves or will run: the user
 * facing roles and their aggregation (cluster-admin, admin, edit, view,
 * system:aggregate-to-*), discovery and health (system:discovery,
 * system:public-info-viewer, system:monitoring, system:basic-user), and
 * the roles of the components (nodes, kube-proxy, the controller manager,
 * the scheduler, DNS, volume provisioners).  The certificates.k8s.io,
 * kubelet API and aggregator roles are left out: kubec serves none of
 * those APIs.  One deliberate difference: kubec has no Node authorizer,
 * so system:node stays bound to the group system:nodes (kube-apiserver
 * leaves that binding without subjects) and also holds what the agent
 * needs as kube-proxy.
 *
 * The objects are written straight into the store before the watch cache
 * loads, like the system namespaces, with the managedFields entry of
 * manager "kube-apiserver" that kube-apiserver's own client leaves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "managed.h"
#include "policy.h"
#include "server.h"

#define POLICY_GROUP	"rbac.authorization.k8s.io"
#define POLICY_APIV	"rbac.authorization.k8s.io/v1"
#define POLICY_MANAGER	"kube-apiserver"
#define POLICY_RETRIES	5

/*
 * One PolicyRule: comma-separated lists.  groups "" is the core group and
 * a leading comma adds it to others (",events.k8s.io"); groups NULL makes
 * a nonResourceURLs rule of resources.
 */
struct policy_rule {
	const char	*verbs;
	const char	*groups;
	const char	*resources;
	const char	*names;
};

struct policy_role {
	const char		 *name;
	const char		 *label;	/* aggregate-to-* it carries */
	const char		 *aggregate;	/* aggregate-to-* it selects */
	const struct policy_rule *rules;
};

struct policy_binding {
	const char	*name;		/* and the ClusterRole it binds */
	const char	*kind;		/* Group, User or ServiceAccount */
	const char	*subjects;	/* ServiceAccounts as "ns/name" */
};

#define R	"get,list,watch"
#define W	"create,delete,deletecollection,patch,update"
#define RW	"create,delete,deletecollection,get,list,patch,update,watch"
#define AGG	"rbac.authorization.k8s.io/aggregate-to-"
#define URLS(verbs, urls)	{ verbs, NULL, urls, NULL }
#define EVENTS	{ "create,patch,update", ",events.k8s.io", "events", NULL }
#define END	{ NULL, NULL, NULL, NULL }

static const struct policy_rule policy_cluster_admin[] = {
	{ "*", "*", "*", NULL },
	URLS("*", "*"),
	END
};

static const struct policy_rule policy_discovery[] = {
	URLS("get", "/api,/api/*,/apis,/apis/*,/healthz,/livez,/openapi,"
	    "/openapi/*,/readyz,/version,/version/"),
	END
};

static const struct policy_rule policy_monitoring[] = {
	URLS("get", "/healthz,/healthz/*,/livez,/livez/*,/metrics,"
	    "/metrics/slis,/readyz,/readyz/*"),
	END
};

static const struct policy_rule policy_basic_user[] = {
	{ "create", "authorization.k8s.io",
	    "selfsubjectaccessreviews,selfsubjectrulesreviews", NULL },
	{ "create", "authentication.k8s.io", "selfsubjectreviews", NULL },
	END
};

static const struct policy_rule policy_public_info[] = {
	URLS("get", "/healthz,/livez,/readyz,/version,/version/"),
	END
};

static const struct policy_rule policy_to_admin[] = {
	{ "create", "authorization.k8s.io", "localsubjectaccessreviews",
	    NULL },
	{ RW, "rbac.authorization.k8s.io", "rolebindings,roles", NULL },
	END
};

static const struct policy_rule policy_to_edit[] = {
	{ R, "", "pods/attach,pods/exec,pods/portforward,pods/proxy,secrets,"
	    "services/proxy", NULL },
	{ "impersonate", "", "serviceaccounts", NULL },
	{ W, "", "pods,pods/attach,pods/exec,pods/portforward,pods/proxy",
	    NULL },
	{ "create", "", "pods/eviction", NULL },
	{ W, "", "configmaps,events,persistentvolumeclaims,"
	    "replicationcontrollers,replicationcontrollers/scale,secrets,"
	    "serviceaccounts,services,services/proxy", NULL },
	{ "create", "", "serviceaccounts/token", NULL },
	{ W, "apps", "daemonsets,deployments,deployments/rollback,"
	    "deployments/scale,replicasets,replicasets/scale,statefulsets,"
	    "statefulsets/scale", NULL },
	{ W, "autoscaling", "horizontalpodautoscalers", NULL },
	{ W, "batch", "cronjobs,jobs", NULL },
	{ W, "extensions", "daemonsets,deployments,deployments/rollback,"
	    "deployments/scale,ingresses,networkpolicies,replicasets,"
	    "replicasets/scale,replicationcontrollers/scale", NULL },
	{ W, "policy", "poddisruptionbudgets", NULL },
	{ W, "networking.k8s.io", "ingresses,networkpolicies", NULL },
	{ RW, "coordination.k8s.io", "leases", NULL },
	END
};

static const struct policy_rule policy_to_view[] = {
	{ R, "", "configmaps,endpoints,persistentvolumeclaims,"
	    "persistentvolumeclaims/status,pods,replicationcontrollers,"
	    "replicationcontrollers/scale,serviceaccounts,services,"
	    "services/status", NULL },
	{ R, "", "bindings,events,limitranges,namespaces/status,pods/log,"
	    "pods/status,replicationcontrollers/status,resourcequotas,"
	    "resourcequotas/status", NULL },
	{ R, "", "namespaces", NULL },
	{ R, "discovery.k8s.io", "endpointslices", NULL },
	{ R, "apps", "controllerrevisions,daemonsets,daemonsets/status,"
	    "deployments,deployments/scale,deployments/status,replicasets,"
	    "replicasets/scale,replicasets/status,statefulsets,"
	    "statefulsets/scale,statefulsets/status", NULL },
	{ R, "autoscaling", "horizontalpodautoscalers,"
	    "horizontalpodautoscalers/status", NULL },
	{ R, "batch", "cronjobs,cronjobs/status,jobs,jobs/status", NULL },
	{ R, "extensions", "daemonsets,daemonsets/status,deployments,"
	    "deployments/scale,deployments/status,ingresses,ingresses/status,"
	    "networkpolicies,replicasets,replicasets/scale,replicasets/status,"
	    "replicationcontrollers/scale", NULL },
	{ R, "policy", "poddisruptionbudgets,poddisruptionbudgets/status",
	    NULL },
	{ R, "networking.k8s.io", "ingresses,ingresses/status,"
	    "networkpolicies", NULL },
	END
};

static const struct policy_rule policy_auth_delegator[] = {
	{ "create", "authentication.k8s.io", "tokenreviews", NULL },
	{ "create", "authorization.k8s.io", "subjectaccessreviews", NULL },
	END
};

static const struct policy_rule policy_heapster[] = {
	{ R, "", "events,namespaces,nodes,pods", NULL },
	{ R, "extensions", "deployments", NULL },
	END
};

static const struct policy_rule policy_controller_manager[] = {
	EVENTS,
	{ "create", "coordination.k8s.io", "leases", NULL },
	{ "get,update", "coordination.k8s.io", "leases",
	    "kube-controller-manager" },
	{ "create", "", "secrets,serviceaccounts", NULL },
	{ "delete", "", "secrets", NULL },
	{ "get", "", "configmaps,namespaces,secrets,serviceaccounts", NULL },
	{ "update", "", "secrets,serviceaccounts", NULL },
	{ "create", "authentication.k8s.io", "tokenreviews", NULL },
	{ "create", "authorization.k8s.io", "subjectaccessreviews", NULL },
	{ "list,watch", "*", "*", NULL },
	{ "create", "", "serviceaccounts/token", NULL },
	END
};

static const struct policy_rule policy_kube_dns[] = {
	{ "list,watch", "", "endpoints,services", NULL },
	END
};

static const struct policy_rule policy_scheduler[] = {
	EVENTS,
	{ "create", "coordination.k8s.io", "leases", NULL },
	{ "get,update", "coordination.k8s.io", "leases", "kube-scheduler" },
	{ R, "", "nodes", NULL },
	{ "delete,get,list,watch", "", "pods", NULL },
	{ "create", "", "bindings,pods/binding", NULL },
	{ "patch,update", "", "pods/status", NULL },
	{ R, "", "replicationcontrollers,services", NULL },
	{ R, "apps,extensions", "replicasets", NULL },
	{ R, "apps", "statefulsets", NULL },
	{ R, "policy", "poddisruptionbudgets", NULL },
	{ R, "", "persistentvolumeclaims,persistentvolumes", NULL },
	{ "create", "authentication.k8s.io", "tokenreviews", NULL },
	{ "create", "authorization.k8s.io", "subjectaccessreviews", NULL },
	{ R, "storage.k8s.io", "csinodes", NULL },
	{ R, "", "namespaces", NULL },
	{ R, "storage.k8s.io", "csidrivers", NULL },
	{ R, "storage.k8s.io", "csistoragecapacities", NULL },
	END
};

static const struct policy_rule policy_node[] = {
	{ "create", "authentication.k8s.io", "tokenreviews", NULL },
	{ "create", "authorization.k8s.io",
	    "localsubjectaccessreviews,subjectaccessreviews", NULL },
	{ R, "", "services", NULL },
	{ "create,get,list,watch", "", "nodes", NULL },
	{ "patch,update", "", "nodes/status", NULL },
	{ "patch,update", "", "nodes", NULL },
	{ "create,patch,update", "", "events", NULL },
	{ R, "", "pods", NULL },
	{ "create,delete", "", "pods", NULL },
	{ "patch,update", "", "pods/status", NULL },
	{ "create", "", "pods/eviction", NULL },
	{ R, "", "configmaps,secrets", NULL },
	{ "get", "", "persistentvolumeclaims,persistentvolumes", NULL },
	{ "get", "", "endpoints", NULL },
	{ "create,get,list,watch", "certificates.k8s.io",
	    "certificatesigningrequests", NULL },
	{ "create,delete,get,patch,update", "coordination.k8s.io", "leases",
	    NULL },
	{ "get", "storage.k8s.io", "volumeattachments", NULL },
	{ "create", "", "serviceaccounts/token", NULL },
	{ "get,patch,update", "", "persistentvolumeclaims/status", NULL },
	{ R, "storage.k8s.io", "csidrivers", NULL },
	{ "create,delete,get,patch,update", "storage.k8s.io", "csinodes",
	    NULL },
	{ R, "node.k8s.io", "runtimeclasses", NULL },
	/* kubec: the agent is kubelet and kube-proxy in one */
	{ "delete", "", "nodes", NULL },
	{ "get", "", "nodes/status,pods/status", NULL },
	{ "create,patch,update", "events.k8s.io", "events", NULL },
	{ R, "", "endpoints,namespaces,persistentvolumeclaims,"
	    "persistentvolumes", NULL },
	{ R, "discovery.k8s.io", "endpointslices", NULL },
	{ "list,watch", "coordination.k8s.io", "leases", NULL },
	/* kubec: and its ingress controller (agent/ingress.c) */
	{ R, "networking.k8s.io", "ingresses,ingressclasses", NULL },
	{ "get,patch,update", "networking.k8s.io", "ingresses/status", NULL },
	/* kubec: and its network policy (agent/netpol.c), as CNI plugins */
	{ "list,watch", "networking.k8s.io", "networkpolicies", NULL },
	END
};

static const struct policy_rule policy_problem_detector[] = {
	{ "get", "", "nodes", NULL },
	{ "patch", "", "nodes/status", NULL },
	EVENTS,
	END
};

static const struct policy_rule policy_node_proxier[] = {
	{ "list,watch", "", "endpoints,services", NULL },
	{ R, "", "nodes", NULL },
	EVENTS,
	{ "list,watch", "discovery.k8s.io", "endpointslices", NULL },
	END
};

static const struct policy_rule policy_pv_provisioner[] = {
	{ "create,delete,get,list,watch", "", "persistentvolumes", NULL },
	{ "get,list,update,watch", "", "persistentvolumeclaims", NULL },
	{ R, "storage.k8s.io", "storageclasses", NULL },
	{ "watch", "", "events", NULL },
	EVENTS,
	END
};

static const struct policy_rule policy_issuer_discovery[] = {
	URLS("get", "/.well-known/openid-configuration,/openid/v1/jwks"),
	END
};

static const struct policy_rule policy_volume_scheduler[] = {
	{ "get,list,patch,update,watch", "", "persistentvolumes", NULL },
	{ R, "storage.k8s.io", "storageclasses", NULL },
	{ "get,list,patch,update,watch", "", "persistentvolumeclaims", NULL },
	END
};

static const struct policy_role policy_roles[] = {
	{ "admin", NULL, AGG "admin", NULL },
	{ "cluster-admin", NULL, NULL, policy_cluster_admin },
	{ "edit", AGG "admin", AGG "edit", NULL },
	{ "system:aggregate-to-admin", AGG "admin", NULL, policy_to_admin },
	{ "system:aggregate-to-edit", AGG "edit", NULL, policy_to_edit },
	{ "system:aggregate-to-view", AGG "view", NULL, policy_to_view },
	{ "system:auth-delegator", NULL, NULL, policy_auth_delegator },
	{ "system:basic-user", NULL, NULL, policy_basic_user },
	{ "system:discovery", NULL, NULL, policy_discovery },
	{ "system:heapster", NULL, NULL, policy_heapster },
	{ "system:kube-controller-manager", NULL, NULL,
	    policy_controller_manager },
	{ "system:kube-dns", NULL, NULL, policy_kube_dns },
	{ "system:kube-scheduler", NULL, NULL, policy_scheduler },
	{ "system:monitoring", NULL, NULL, policy_monitoring },
	{ "system:node", NULL, NULL, policy_node },
	{ "system:node-problem-detector", NULL, NULL,
	    policy_problem_detector },
	{ "system:node-proxier", NULL, NULL, policy_node_proxier },
	{ "system:persistent-volume-provisioner", NULL, NULL,
	    policy_pv_provisioner },
	{ "system:public-info-viewer", NULL, NULL, policy_public_info },
	{ "system:service-account-issuer-discovery", NULL, NULL,
	    policy_issuer_discovery },
	{ "system:volume-scheduler", NULL, NULL, policy_volume_scheduler },
	{ "view", AGG "edit", AGG "view", NULL },
	{ NULL, NULL, NULL, NULL },
};

static const struct policy_binding policy_bindings[] = {
	{ "cluster-admin", "Group", "system:masters" },
	{ "system:basic-user", "Group", "system:authenticated" },
	{ "system:discovery", "Group", "system:authenticated" },
	{ "system:kube-controller-manager", "User",
	    "system:kube-controller-manager" },
	{ "system:kube-dns", "ServiceAccount", "kube-system/kube-dns" },
	{ "system:kube-scheduler", "User", "system:kube-scheduler" },
	{ "system:monitoring", "Group", "system:monitoring" },
	{ "system:node", "Group", "system:nodes" },
	{ "system:node-proxier", "User", "system:kube-proxy" },
	{ "system:public-info-viewer", "Group",
	    "system:authenticated,system:unauthenticated" },
	{ "system:service-account-issuer-discovery", "Group",
	    "system:serviceaccounts" },
	{ "system:volume-scheduler", "User", "system:kube-scheduler" },
	{ NULL, NULL, NULL },
};

/* ---- the objects ---- */

/* A comma-separated list as a JSON array ("" is [""], ",x" is ["","x"]). */
static json_t *
policy_list(const char *s)
{
	json_t *a = json_array();
	const char *comma;

	for (;;) {
		comma = strchr(s, ',');
		json_array_append_new(a, json_stringn(s, comma ? (size_t)(comma -
		    s) : strlen(s)));
		if (comma == NULL)
			break;
		s = comma + 1;
	}
	return a;
}

static json_t *
policy_rule_json(const struct policy_rule *pr)
{
	json_t *r = json_object();

	json_object_set_new(r, "verbs", policy_list(pr->verbs));
	if (pr->groups == NULL) {
		json_object_set_new(r, "nonResourceURLs",
		    policy_list(pr->resources));
		return r;
	}
	json_object_set_new(r, "apiGroups", policy_list(pr->groups));
	json_object_set_new(r, "resources", policy_list(pr->resources));
	if (pr->names != NULL)
		json_object_set_new(r, "resourceNames",
		    policy_list(pr->names));
	return r;
}

static json_t *
policy_meta(const char *name, const char *label)
{
	json_t *m = json_pack("{s:s, s:{s:s}, s:{s:s}}", "name", name,
	    "labels", POLICY_LABEL, "rbac-defaults", "annotations",
	    POLICY_AUTOUPDATE, "true");

	if (label != NULL)
		json_object_set_new(json_object_get(m, "labels"), label,
		    json_string("true"));
	return m;
}

json_t *
policy_cluster_roles(void)
{
	const struct policy_role *pr;
	const struct policy_rule *rule;
	json_t *all = json_array(), *role, *rules;

	for (pr = policy_roles; pr->name != NULL; pr++) {
		role = json_pack("{s:s, s:s, s:o}", "apiVersion", POLICY_APIV,
		    "kind", "ClusterRole", "metadata", policy_meta(pr->name,
		    pr->label));
		if (pr->rules != NULL) {
			rules = json_array();
			for (rule = pr->rules; rule->verbs != NULL; rule++)
				json_array_append_new(rules,
				    policy_rule_json(rule));
			json_object_set_new(role, "rules", rules);
		}
		if (pr->aggregate != NULL)
			json_object_set_new(role, "aggregationRule", json_pack(
			    "{s:[{s:{s:s}}]}", "clusterRoleSelectors",
			    "matchLabels", pr->aggregate, "true"));
		json_array_append_new(all, role);
	}
	return all;
}

static json_t *
policy_subjects(const struct policy_binding *pb)
{
	json_t *subs = json_array(), *names = policy_list(pb->subjects), *n;
	const char *s, *slash;
	size_t i;

	json_array_foreach(names, i, n) {
		s = json_string_value(n);
		slash = strchr(s, '/');
		if (strcmp(pb->kind, "ServiceAccount") == 0 && slash != NULL)
			json_array_append_new(subs, json_pack("{s:s, s:s, s:o}",
			    "kind", pb->kind, "name", slash + 1, "namespace",
			    json_stringn(s, (size_t)(slash - s))));
		else
			json_array_append_new(subs, json_pack("{s:s, s:s, s:s}",
			    "apiGroup", POLICY_GROUP, "kind", pb->kind, "name",
			    s));
	}
	json_decref(names);
	return subs;
}

json_t *
policy_cluster_role_bindings(void)
{
	const struct policy_binding *pb;
	json_t *all = json_array();

	for (pb = policy_bindings; pb->name != NULL; pb++)
		json_array_append_new(all, json_pack("{s:s, s:s, s:o, s:{s:s, "
		    "s:s, s:s}, s:o}", "apiVersion", POLICY_APIV, "kind",
		    "ClusterRoleBinding", "metadata", policy_meta(pb->name,
		    NULL), "roleRef", "apiGroup", POLICY_GROUP, "kind",
		    "ClusterRole", "name", pb->name, "subjects",
		    policy_subjects(pb)));
	return all;
}

/* ---- coverage (kube's validation.Covers) ---- */

static int
policy_has(const json_t *arr, const char *s)
{
	const json_t *v;
	size_t i;

	json_array_foreach(arr, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return 1;
	return 0;
}

static int
policy_resource_covers(const json_t *owner, const char *res)
{
	const char *slash = strchr(res, '/');
	char any[256];

	if (policy_has(owner, "*") || policy_has(owner, res))
		return 1;
	if (slash == NULL)
		return 0;
	snprintf(any, sizeof any, "*%s", slash);
	return policy_has(owner, any);
}

static int
policy_url_covers(const json_t *owner, const char *url)
{
	const json_t *v;
	const char *o;
	size_t i, n;

	json_array_foreach(owner, i, v) {
		if ((o = json_string_value(v)) == NULL)
			continue;
		n = strlen(o);
		if (strcmp(o, url) == 0)
			return 1;
		while (n > 0 && o[n - 1] == '*')
			n--;
		if (n < strlen(o) && strncmp(o, url, n) == 0)
			return 1;
	}
	return 0;
}

/* ruleCovers for one atomic subrule (url NULL: a resource subrule). */
static int
policy_rule_covers(const json_t *owner, const char *verb, const char *group,
    const char *res, const char *name, const char *url)
{
	const json_t *names = json_object_get(owner, "resourceNames");

	if (!policy_has(json_object_get(owner, "verbs"), "*") &&
	    !policy_has(json_object_get(owner, "verbs"), verb))
		return 0;
	if (url != NULL)
		return json_array_size(names) == 0 &&
		    policy_url_covers(json_object_get(owner,
		    "nonResourceURLs"), url);
	if (!policy_has(json_object_get(owner, "apiGroups"), "*") &&
	    !policy_has(json_object_get(owner, "apiGroups"), group))
		return 0;
	if (!policy_resource_covers(json_object_get(owner, "resources"), res))
		return 0;
	if (name == NULL)
		return json_array_size(names) == 0;
	return json_array_size(names) == 0 || policy_has(names, name);
}

static void
policy_check(const json_t *rules, json_t *missing, const char *verb,
    const char *group, const char *res, const char *name, const char *url)
{
	const json_t *r;
	json_t *sub;
	size_t i;

	json_array_foreach(rules, i, r)
		if (policy_rule_covers(r, verb, group, res, name, url))
			return;
	if (url != NULL) {
		json_array_append_new(missing, json_pack("{s:[s], s:[s]}",
		    "verbs", verb, "nonResourceURLs", url));
		return;
	}
	sub = json_pack("{s:[s], s:[s], s:[s]}", "verbs", verb, "apiGroups",
	    group, "resources", res);
	if (name != NULL)
		json_object_set_new(sub, "resourceNames", json_pack("[s]",
		    name));
	json_array_append_new(missing, sub);
}

json_t *
policy_uncovered(const json_t *rules, const json_t *want)
{
	const json_t *w, *verbs, *names, *g, *res, *v, *n, *u;
	json_t *missing = json_array();
	size_t i, gi, ri, vi, ni;

	json_array_foreach(want, i, w) {
		verbs = json_object_get(w, "verbs");
		names = json_object_get(w, "resourceNames");
		json_array_foreach(json_object_get(w, "apiGroups"), gi, g)
		json_array_foreach(json_object_get(w, "resources"), ri, res)
		json_array_foreach(verbs, vi, v) {
			if (!json_is_string(g) || !json_is_string(res) ||
			    !json_is_string(v))
				continue;
			if (json_array_size(names) == 0)
				policy_check(rules, missing,
				    json_string_value(v), json_string_value(g),
				    json_string_value(res), NULL, NULL);
			json_array_foreach(names, ni, n)
				if (json_is_string(n))
					policy_check(rules, missing,
					    json_string_value(v),
					    json_string_value(g),
					    json_string_value(res),
					    json_string_value(n), NULL);
		}
		json_array_foreach(json_object_get(w, "nonResourceURLs"), ni, u)
		json_array_foreach(verbs, vi, v)
			if (json_is_string(u) && json_is_string(v))
				policy_check(rules, missing,
				    json_string_value(v), NULL, NULL, NULL,
				    json_string_value(u));
	}
	return missing;
}

/* ---- reconciliation ---- */

static int
policy_protected(const json_t *obj)
{
	const char *a = json_string_value(json_object_get(json_object_get(
	    json_object_get(obj, "metadata"), "annotations"),
	    POLICY_AUTOUPDATE));

	return a != NULL && strcmp(a, "false") == 0;
}

/* merge(expected, existing): existing's values win; 1 when it changed. */
static int
policy_merge_map(json_t *meta, const json_t *want, const char *field)
{
	json_t *have = json_object_get(meta, field), *v;
	const char *k;
	int changed = 0;

	json_object_foreach((json_t *)json_object_get(want, field), k, v) {
		if (json_object_get(have, k) != NULL)
			continue;
		if (!json_is_object(have)) {
			have = json_object();
			json_object_set_new(meta, field, have);
		}
		json_object_set(have, k, v);
		changed = 1;
	}
	return changed;
}

static int
policy_merge_meta(json_t *obj, const json_t *expected)
{
	const json_t *want = json_object_get(expected, "metadata");
	json_t *meta = json_object_get(obj, "metadata");
	int a, l;

	if (!json_is_object(meta))
		return 0;
	a = policy_merge_map(meta, want, "annotations");
	l = policy_merge_map(meta, want, "labels");
	return a || l;
}

/* Appends the members of want that list lacks (json_equal); how many. */
static int
policy_append_missing(json_t *parent, const char *field, const json_t *want)
{
	json_t *list = json_object_get(parent, field);
	const json_t *w, *h;
	size_t i, j;
	int n = 0, found;

	json_array_foreach(want, i, w) {
		found = 0;
		json_array_foreach(list, j, h)
			if (json_equal((json_t *)h, (json_t *)w))
				found = 1;
		if (found)
			continue;
		if (!json_is_array(list)) {
			list = json_array();
			json_object_set_new(parent, field, list);
		}
		json_array_append(list, (json_t *)w);
		n++;
	}
	return n;
}

static json_t *
policy_reconcile_role_as(const json_t *existing, const json_t *expected,
    int protect)
{
	json_t *out, *missing, *rules, *agg;
	const json_t *want_agg = json_object_get(expected, "aggregationRule");
	int changed;

	if (protect && policy_protected(existing))
		return NULL;
	out = json_deep_copy(existing);
	changed = policy_merge_meta(out, expected);
	missing = policy_uncovered(json_object_get(existing, "rules"),
	    json_object_get(expected, "rules"));
	if (json_array_size(missing) > 0) {
		rules = json_object_get(out, "rules");
		if (!json_is_array(rules)) {
			rules = json_array();
			json_object_set_new(out, "rules", rules);
		}
		json_array_extend(rules, missing);
		changed = 1;
	}
	json_decref(missing);
	agg = json_object_get(out, "aggregationRule");
	if (!json_is_object(want_agg) && json_is_object(agg)) {
		json_object_del(out, "aggregationRule");
		changed = 1;
	} else if (json_is_object(want_agg)) {
		if (!json_is_object(agg)) {
			agg = json_object();
			json_object_set_new(out, "aggregationRule", agg);
		}
		if (policy_append_missing(agg, "clusterRoleSelectors",
		    json_object_get(want_agg, "clusterRoleSelectors")) > 0)
			changed = 1;
	}
	if (!changed) {
		json_decref(out);
		return NULL;
	}
	return out;
}

static int
policy_same_ref(const json_t *a, const json_t *b)
{
	static const char *const f[] = { "apiGroup", "kind", "name", NULL };
	const char *x, *y;
	int i;

	for (i = 0; f[i] != NULL; i++) {
		x = json_string_value(json_object_get(a, f[i]));
		y = json_string_value(json_object_get(b, f[i]));
		if (strcmp(x ? x : "", y ? y : "") != 0)
			return 0;
	}
	return 1;
}

json_t *
policy_reconcile_role(const json_t *existing, const json_t *expected)
{
	return policy_reconcile_role_as(existing, expected, 1);
}

static json_t *
policy_reconcile_binding_as(const json_t *existing, const json_t *expected,
    int *recreate, int protect)
{
	json_t *out;
	int changed;

	*recreate = 0;
	if (protect && policy_protected(existing))
		return NULL;
	if (!policy_same_ref(json_object_get(existing, "roleRef"),
	    json_object_get(expected, "roleRef"))) {
		*recreate = 1;
		return json_deep_copy(expected);
	}
	out = json_deep_copy(existing);
	changed = policy_merge_meta(out, expected);
	if (policy_append_missing(out, "subjects", json_object_get(expected,
	    "subjects")) > 0)
		changed = 1;
	if (!changed) {
		json_decref(out);
		return NULL;
	}
	return out;
}

json_t *
policy_reconcile_binding(const json_t *existing, const json_t *expected,
    int *recreate)
{
	return policy_reconcile_binding_as(existing, expected, recreate, 1);
}

/* Whether reconciling a protected object would have changed it. */
static int
policy_would_change(const json_t *existing, const json_t *expected,
    int binding)
{
	json_t *upd;
	int recreate;

	upd = binding ? policy_reconcile_binding_as(existing, expected,
	    &recreate, 0) : policy_reconcile_role_as(existing, expected, 0);
	json_decref(upd);
	return upd != NULL;
}

/* ---- the store ---- */

/* Stores obj (new) under key: created when rev is 0, else updated. */
static int
policy_write(struct store *s, const struct registry_kind *k, const char *key,
    json_t *obj, const json_t *old, int64_t rev, struct err *err)
{
	json_t *meta = json_object_get(obj, "metadata");
	char uid[64], now[64], *data;
	size_t len;
	int64_t nrev;
	int rc;

	if (old == NULL) {
		object_new_uid(uid, sizeof uid);
		object_now(now, sizeof now);
		json_object_set_new(meta, "uid", json_string(uid));
		json_object_set_new(meta, "creationTimestamp",
		    json_string(now));
		if (k->defaults != NULL)
			k->defaults(obj);
	}
	managed_update(obj, old, POLICY_MANAGER, POLICY_APIV, k->kind, "");
	if ((data = object_encode(obj, &len, NULL)) == NULL)
		return err_set(err, ERR_INTERNAL, "cannot encode %s", key);
	if (rev == 0)
		rc = store_create(s, key, data, len, &nrev, err);
	else
		rc = store_update(s, key, data, len, rev, &nrev, err);
	free(data);
	return rc;
}

/* Creates or reconciles one bootstrap object; retries on a conflict. */
static int
policy_ensure_one(struct store *s, const struct registry_kind *k,
    const json_t *expected, struct err *err)
{
	const char *name = json_string_value(json_object_get(json_object_get(
	    expected, "metadata"), "name"));
	int binding = strcmp(k->kind, "ClusterRoleBinding") == 0;
	struct store_kv kv;
	json_t *cur, *upd;
	char key[512];
	int tries, recreate = 0, rc = 0;
	int64_t drev;

	object_key(k, "", name, key, sizeof key);
	for (tries = 0; tries < POLICY_RETRIES; tries++) {
		err_clear(err);
		memset(&kv, 0, sizeof kv);
		if (store_get(s, key, &kv, err) < 0) {
			if (err->reason != ERR_NOT_FOUND)
				return -1;
			err_clear(err);
			upd = json_deep_copy(expected);
			rc = policy_write(s, k, key, upd, NULL, 0, err);
			json_decref(upd);
			if (rc == 0 || err->reason != ERR_ALREADY_EXISTS)
				return rc;
			continue;
		}
		cur = object_decode(kv.value, kv.value_len, 0, err);
		if (cur == NULL) {
			store_kv_release(&kv);
			return -1;
		}
		upd = binding ? policy_reconcile_binding(cur, expected,
		    &recreate) : policy_reconcile_role(cur, expected);
		if (upd == NULL) {
			if (policy_protected(cur) &&
			    policy_would_change(cur, expected, binding))
				fprintf(stderr, "kubec-server: skipped "
				    "reconcile-protected %s.%s/%s with missing "
				    "permissions\n", k->singular, POLICY_GROUP,
				    name);
			rc = 0;
		} else if (recreate) {
			rc = store_delete(s, key, kv.mod_rev, NULL, &drev, err);
			if (rc == 0)
				rc = policy_write(s, k, key, upd, NULL, 0, err);
		} else {
			rc = policy_write(s, k, key, upd, cur, kv.mod_rev, err);
			if (rc == 0)
				fprintf(stderr, "kubec-server: updated %s.%s/%s "
				    "with additional permissions\n", k->singular,
				    POLICY_GROUP, name);
		}
		json_decref(upd);
		json_decref(cur);
		store_kv_release(&kv);
		if (rc == 0 || (err->reason != ERR_CONFLICT &&
		    err->reason != ERR_ALREADY_EXISTS &&
		    err->reason != ERR_NOT_FOUND))
			return rc;
	}
	return rc;
}

static int
policy_ensure_all(struct store *s, const char *resource, json_t *objs,
    struct err *err)
{
	const struct registry_kind *k = registry_find(POLICY_GROUP, resource);
	const json_t *o;
	size_t i;

	if (k == NULL)
		return err_set(err, ERR_INTERNAL, "no %s in the registry",
		    resource);
	json_array_foreach(objs, i, o)
		if (policy_ensure_one(s, k, o, err) < 0)
			return -1;
	return 0;
}

int
policy_ensure(struct store *s, struct err *err)
{
	json_t *roles = policy_cluster_roles();
	json_t *bindings = policy_cluster_role_bindings();
	int rc;

	rc = policy_ensure_all(s, "clusterroles", roles, err);
	if (rc == 0)
		rc = policy_ensure_all(s, "clusterrolebindings", bindings, err);
	if (rc < 0)
		err_wrap(err, "bootstrap policy");
	json_decref(roles);
	json_decref(bindings);
	return rc;
}
