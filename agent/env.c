/* env.c - a container's environment as kubelet makes it: envFrom
 * (configMapRef, secretRef, prefix), then env in order with value (and
 * $(VAR) references to what came before, or to the service variables),
 * fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef, then the
 * service variables (FOO_SERVICE_HOST, FOO_PORT, ...) the container's own
 * do not override.  A missing source that is not optional is an error
 * (kubelet's CreateContainerConfigError). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/base64.h"
#include "../lib/buf.h"
#include "../lib/quantity.h"
#include "agent.h"
#include "pod.h"

/* GETs a ConfigMap or Secret of the pod's namespace; NULL with err set
 * (NotFound: `configmap "x" not found`, kubelet's words). */
json_t *
env_source(struct agent *a, const char *ns, const char *kind,
    const char *name, struct err *err)
{
	char path[1024];
	json_t *obj = NULL;

	snprintf(path, sizeof path, "/api/v1/namespaces/%s/%ss/%s", ns, kind,
	    name);
	if (rest_do(a->api, "GET", path, NULL, NULL, &obj, err) < 0) {
		if (err->reason == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "%s \"%s\" not found", kind,
			    name);
		return NULL;
	}
	return obj;
}

/* The value of key in a ConfigMap (data, binaryData) or a Secret (data,
 * base64 decoded) into out; -1 when absent. */
int
env_source_value(const json_t *obj, const char *kind, const char *key,
    struct buf *out)
{
	const char *v = json_string_value(json_object_get(json_object_get(obj,
	    "data"), key));

	buf_reset(out);
	if (strcmp(kind, "secret") == 0 || v == NULL) {
		if (v == NULL)
			v = json_string_value(json_object_get(json_object_get(
			    obj, "binaryData"), key));
		if (v == NULL)
			return -1;
		return base64_decode(v, strlen(v), out) < 0 ? -1 : 0;
	}
	return buf_adds(out, v);
}

/* The value of the last definition of name (n bytes) in vars ("K=V"
 * strings), NULL when there is none. */
static const char *
env_lookup(const json_t *vars, const char *name, size_t n)
{
	size_t i;

	for (i = json_array_size(vars); i-- > 0;) {
		const char *kv = json_string_value(json_array_get(vars, i));

		if (kv != NULL && strncmp(kv, name, n) == 0 && kv[n] == '=')
			return kv + n + 1;
	}
	return NULL;
}

/* Expands $(NAME) from vars ("K=V" strings), then from more (may be
 * NULL); $$ is a literal $, an unknown $(NAME) stays as written, as
 * kubelet's expansion (MappingFuncFor(tmpEnv, serviceEnv)) does. */
void
env_expand(const char *in, const json_t *vars, const json_t *more,
    struct buf *out)
{
	const char *p = in, *end, *v;
	size_t n;

	buf_reset(out);
	while (*p != '\0') {
		if (p[0] == '$' && p[1] == '$') {
			buf_addc(out, '$');
			p += 2;
			continue;
		}
		if (p[0] == '$' && p[1] == '(' && (end = strchr(p + 2, ')')) !=
		    NULL) {
			n = (size_t)(end - p - 2);
			/* the last definition wins */
			if ((v = env_lookup(vars, p + 2, n)) == NULL)
				v = env_lookup(more, p + 2, n);
			if (v != NULL)
				buf_adds(out, v);
			else
				buf_add(out, p, (size_t)(end - p + 1));
			p = end + 1;
			continue;
		}
		buf_addc(out, *p++);
	}
}

static int
env_is_name(const char *s)
{
	if (*s == '\0' || (*s >= '0' && *s <= '9'))
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
		    *s == '.'))
			return 0;
	return 1;
}

static void
env_put(json_t *vars, const char *name, const char *value)
{
	struct buf b = BUF_INIT(1 << 20);

	buf_addf(&b, "%s=%s", name, value);
	json_array_append_new(vars, json_string(buf_str(&b)));
	buf_release(&b);
}

/* fieldRef.fieldPath of the pod: metadata.name, labels['k'], ... */
int
env_field(const json_t *pod, const char *path, struct buf *out)
{
	const json_t *m = json_object_get(pod, "metadata");
	const json_t *spec = json_object_get(pod, "spec");
	const json_t *st = json_object_get(pod, "status");
	const char *v = NULL;
	char key[320];

	buf_reset(out);
	if (strcmp(path, "metadata.name") == 0)
		v = json_string_value(json_object_get(m, "name"));
	else if (strcmp(path, "metadata.namespace") == 0)
		v = json_string_value(json_object_get(m, "namespace"));
	else if (strcmp(path, "metadata.uid") == 0)
		v = json_string_value(json_object_get(m, "uid"));
	else if (strcmp(path, "spec.nodeName") == 0)
		v = json_string_value(json_object_get(spec, "nodeName"));
	else if (strcmp(path, "spec.serviceAccountName") == 0)
		v = json_string_value(json_object_get(spec,
		    "serviceAccountName"));
	else if (strcmp(path, "status.hostIP") == 0)
		v = json_string_value(json_object_get(st, "hostIP"));
	else if (strcmp(path, "status.podIP") == 0)
		v = json_string_value(json_object_get(st, "podIP"));
	else if (strcmp(path, "status.podIPs") == 0)
		v = json_string_value(json_object_get(st, "podIP"));
	else if (sscanf(path, "metadata.labels['%319[^']']", key) == 1)
		v = json_string_value(json_object_get(json_object_get(m,
		    "labels"), key));
	else if (sscanf(path, "metadata.annotations['%319[^']']", key) == 1)
		v = json_string_value(json_object_get(json_object_get(m,
		    "annotations"), key));
	else if (strcmp(path, "metadata.labels") == 0 ||
	    strcmp(path, "metadata.annotations") == 0) {
		/* the downward API's file form: k="v" lines, sorted */
		const json_t *o = json_object_get(m, path + 9);
		const char **keys;
		const char *k;
		json_t *val;
		size_t n = 0, i, j;

		keys = calloc(json_object_size(o) + 1, sizeof *keys);
		json_object_foreach((json_t *)o, k, val)
			keys[n++] = k;
		for (i = 1; i < n; i++)
			for (j = i; j > 0 && strcmp(keys[j - 1], keys[j]) > 0;
			    j--) {
				k = keys[j];
				keys[j] = keys[j - 1];
				keys[j - 1] = k;
			}
		for (i = 0; i < n; i++)
			buf_addf(out, "%s=\"%s\"\n", keys[i],
			    json_string_value(json_object_get(o, keys[i])));
		free(keys);
		return 0;
	} else
		return -1;
	return buf_adds(out, v != NULL ? v : "");
}

/* resourceFieldRef: limits.cpu (cores, rounded up by the divisor),
 * requests.memory (bytes / divisor), ...; a limit that is unset is the
 * node's allocatable, as kubelet reports it. */
int
env_resource(struct agent *a, const json_t *ctr, const json_t *ref,
    struct buf *out)
{
	const char *res = json_string_value(json_object_get(ref, "resource"));
	const char *div = json_string_value(json_object_get(ref, "divisor"));
	const char *dot, *v;
	struct quantity q, d;
	struct err err;
	int64_t num, den;
	char name[64];

	buf_reset(out);
	if (res == NULL || (dot = strchr(res, '.')) == NULL)
		return -1;
	snprintf(name, sizeof name, "%s", dot + 1);
	v = json_string_value(json_object_get(json_object_get(json_object_get(
	    ctr, "resources"), strncmp(res, "limits", 6) == 0 ? "limits" :
	    "requests"), name));
	if (v == NULL && strncmp(res, "requests", 8) == 0)
		v = "0";
	if (v == NULL)
		v = strcmp(name, "cpu") == 0 ? a->alloc_cpu : a->alloc_memory;
	err_clear(&err);
	if (quantity_parse(v, &q, &err) < 0 ||
	    quantity_parse(div != NULL ? div : "1", &d, &err) < 0)
		return -1;
	if (strcmp(name, "cpu") == 0) {
		num = quantity_milli(&q);
		den = quantity_milli(&d);
	} else {
		num = quantity_value(&q);
		den = quantity_value(&d);
	}
	if (den <= 0)
		den = 1;
	return buf_addf(out, "%lld", (long long)((num + den - 1) / den));
}

/* A service's name as a variable's (kubelet's makeEnvVariableName):
 * upper case, '-' as '_'. */
void
env_var_name(const char *name, struct buf *out)
{
	buf_reset(out);
	for (; *name != '\0'; name++)
		buf_addc(out, *name == '-' ? '_' :
		    (*name >= 'a' && *name <= 'z') ? *name - 'a' + 'A' : *name);
}

/* Whether svc has a cluster IP (kubelet's IsServiceIPSet). */
static int
env_service_ip_set(const json_t *svc)
{
	const char *ip = json_string_value(json_object_get(json_object_get(svc,
	    "spec"), "clusterIP"));

	return ip != NULL && *ip != '\0' && strcmp(ip, "None") != 0;
}

/* Appends the variables of one Service to vars, as kubelet's
 * envvars.FromServices: NAME_SERVICE_HOST, NAME_SERVICE_PORT (the first
 * port), NAME_SERVICE_PORT_PORTNAME for each named port, and Docker's
 * link variables NAME_PORT (the first port) and NAME_PORT_80_TCP,
 * _PROTO, _PORT, _ADDR for each port. */
void
env_service_vars(const json_t *svc, json_t *vars)
{
	const json_t *spec = json_object_get(svc, "spec");
	const json_t *ports = json_object_get(spec, "ports"), *sp;
	const char *ip = json_string_value(json_object_get(spec, "clusterIP"));
	struct buf name = BUF_INIT(1024), pn = BUF_INIT(1024),
	    val = BUF_INIT(1024), pfx = BUF_INIT(1024);
	char proto[16], lower[16], hostport[128];
	size_t i, j;
	long long port;

	if (!env_service_ip_set(svc) || json_array_size(ports) == 0)
		return;
	env_var_name(json_string_value(json_object_get(json_object_get(svc,
	    "metadata"), "name")) ?: "", &name);
	buf_addf(&pfx, "%s_SERVICE_HOST", buf_str(&name));
	env_put(vars, buf_str(&pfx), ip);
	buf_reset(&pfx);
	buf_addf(&pfx, "%s_SERVICE_PORT", buf_str(&name));
	buf_addf(&val, "%lld", json_integer_value(json_object_get(
	    json_array_get(ports, 0), "port")));
	env_put(vars, buf_str(&pfx), buf_str(&val));
	json_array_foreach(ports, i, sp) {
		const char *n = json_string_value(json_object_get(sp, "name"));

		if (n == NULL || *n == '\0')
			continue;
		env_var_name(n, &pn);
		buf_reset(&val);
		buf_addf(&val, "%s_%s", buf_str(&pfx), buf_str(&pn));
		buf_reset(&pn);
		buf_addf(&pn, "%lld", json_integer_value(json_object_get(sp,
		    "port")));
		env_put(vars, buf_str(&val), buf_str(&pn));
	}
	json_array_foreach(ports, i, sp) {
		const char *pr = json_string_value(json_object_get(sp,
		    "protocol"));

		snprintf(proto, sizeof proto, "%s", pr && *pr ? pr : "TCP");
		for (j = 0; proto[j] != '\0'; j++) {
			lower[j] = (char)(proto[j] >= 'A' && proto[j] <= 'Z' ?
			    proto[j] - 'A' + 'a' : proto[j]);
			if (proto[j] >= 'a' && proto[j] <= 'z')
				proto[j] = (char)(proto[j] - 'a' + 'A');
		}
		lower[j] = '\0';
		port = json_integer_value(json_object_get(sp, "port"));
		/* net.JoinHostPort: an IPv6 address in brackets */
		snprintf(hostport, sizeof hostport, strchr(ip, ':') ?
		    "[%s]:%lld" : "%s:%lld", ip, port);
		buf_reset(&val);
		buf_addf(&val, "%s://%s", lower, hostport);
		if (i == 0) {	/* Docker special-cases the first port */
			buf_reset(&pfx);
			buf_addf(&pfx, "%s_PORT", buf_str(&name));
			env_put(vars, buf_str(&pfx), buf_str(&val));
		}
		buf_reset(&pfx);
		buf_addf(&pfx, "%s_PORT_%lld_%s", buf_str(&name), port, proto);
		env_put(vars, buf_str(&pfx), buf_str(&val));
		buf_reset(&pn);
		buf_addf(&pn, "%s_PROTO", buf_str(&pfx));
		env_put(vars, buf_str(&pn), lower);
		buf_reset(&pn);
		buf_addf(&pn, "%s_PORT", buf_str(&pfx));
		buf_reset(&val);
		buf_addf(&val, "%lld", port);
		env_put(vars, buf_str(&pn), buf_str(&val));
		buf_reset(&pn);
		buf_addf(&pn, "%s_ADDR", buf_str(&pfx));
		env_put(vars, buf_str(&pn), ip);
	}
	buf_release(&name);
	buf_release(&pn);
	buf_release(&val);
	buf_release(&pfx);
}

/* The service variables of a pod of namespace ns (kubelet's
 * getServiceEnvVarMap): with links (spec.enableServiceLinks, true unless
 * false), those of every service of ns (items, a list's) with a cluster
 * IP; and always those of master, the kubernetes service of default,
 * unless ns has its own service of that name. */
json_t *
env_services_select(const char *ns, int links, const json_t *items,
    const json_t *master)
{
	json_t *vars = json_array(), *svc;
	size_t i;
	int shadowed = 0;

	if (links)
		json_array_foreach(items, i, svc) {
			const char *name = json_string_value(json_object_get(
			    json_object_get(svc, "metadata"), "name"));

			if (!env_service_ip_set(svc))
				continue;
			if (name != NULL && strcmp(name, "kubernetes") == 0)
				shadowed = 1;
			env_service_vars(svc, vars);
		}
	if (master != NULL && !(links && (shadowed || strcmp(ns, "default") ==
	    0)))
		env_service_vars(master, vars);
	return vars;
}

/* The service variables of pod, from the API: the services of its
 * namespace (when links are on) and default/kubernetes. */
static json_t *
env_services(struct agent *a, const json_t *pod, struct err *err)
{
	const char *ns = json_string_value(json_object_get(json_object_get(pod,
	    "metadata"), "namespace"));
	int links = !json_is_false(json_object_get(json_object_get(pod,
	    "spec"), "enableServiceLinks"));
	json_t *list = NULL, *master = NULL, *vars;
	char path[512];

	if (ns == NULL)
		ns = "default";
	if (links) {
		snprintf(path, sizeof path, "/api/v1/namespaces/%s/services", ns);
		if (rest_do(a->api, "GET", path, NULL, NULL, &list, err) < 0) {
			err_wrap(err, "failed to list services when setting up "
			    "env vars");
			return NULL;
		}
	}
	if (!links || strcmp(ns, "default") != 0) {
		if (rest_do(a->api, "GET", "/api/v1/namespaces/default/"
		    "services/kubernetes", NULL, NULL, &master, err) < 0) {
			if (err->reason != ERR_NOT_FOUND) {
				err_wrap(err, "failed to list services when "
				    "setting up env vars");
				json_decref(list);
				return NULL;
			}
			err_clear(err);
		}
	}
	vars = env_services_select(ns, links, json_object_get(list, "items"),
	    master);
	json_decref(list);
	json_decref(master);
	return vars;
}

/* The container's environment: vars with each name once (its last
 * value, where it first came), then the service variables (each name
 * once) the container does not define, as kubelet's
 * makeEnvironmentVariables. */
json_t *
env_merge(const json_t *vars, const json_t *svc)
{
	json_t *out = json_array();
	const json_t *lists[2] = { vars, svc };
	size_t i, l, n;

	for (l = 0; l < 2; l++)
		for (i = 0; i < json_array_size(lists[l]); i++) {
			const char *kv = json_string_value(json_array_get(
			    lists[l], i)), *eq, *v;

			if (kv == NULL || (eq = strchr(kv, '=')) == NULL)
				continue;
			n = (size_t)(eq - kv);
			if (env_lookup(out, kv, n) != NULL ||
			    (l == 1 && env_lookup(vars, kv, n) != NULL))
				continue;
			v = env_lookup(lists[l], kv, n);
			if (v == eq + 1) {
				json_array_append(out, json_array_get(lists[l],
				    i));
			} else {
				struct buf b = BUF_INIT(1 << 20);

				buf_addf(&b, "%.*s=%s", (int)n, kv, v);
				json_array_append_new(out, json_string(
				    buf_str(&b)));
				buf_release(&b);
			}
		}
	return out;
}

json_t *
env_resolve(struct agent *a, const json_t *pod, const json_t *ctr,
    struct err *err)
{
	const char *ns = json_string_value(json_object_get(json_object_get(pod,
	    "metadata"), "namespace"));
	json_t *vars, *svc, *e, *src = NULL, *ref, *all;
	struct buf val = BUF_INIT(1 << 20), exp = BUF_INIT(1 << 20);
	const char *kind, *name, *key, *prefix;
	size_t i;
	int optional;

	if ((svc = env_services(a, pod, err)) == NULL)
		return NULL;
	vars = json_array();
	json_array_foreach(json_object_get(ctr, "envFrom"), i, e) {
		const char *k;
		json_t *v;

		ref = json_object_get(e, "configMapRef");
		kind = "configmap";
		if (ref == NULL) {
			ref = json_object_get(e, "secretRef");
			kind = "secret";
		}
		name = json_string_value(json_object_get(ref, "name"));
		optional = json_is_true(json_object_get(ref, "optional"));
		prefix = json_string_value(json_object_get(e, "prefix"));
		if (name == NULL)
			continue;
		if ((src = env_source(a, ns, kind, name, err)) == NULL) {
			if (optional && err->reason == ERR_NOT_FOUND) {
				err_clear(err);
				continue;
			}
			goto fail;
		}
		json_object_foreach(json_object_get(src, "data"), k, v) {
			char full[512];

			snprintf(full, sizeof full, "%s%s", prefix ? prefix : "",
			    k);
			if (!env_is_name(full) ||
			    env_source_value(src, kind, k, &val) < 0)
				continue;
			env_put(vars, full, buf_str(&val));
		}
		json_decref(src);
		src = NULL;
	}
	json_array_foreach(json_object_get(ctr, "env"), i, e) {
		const json_t *from = json_object_get(e, "valueFrom");

		name = json_string_value(json_object_get(e, "name"));
		if (name == NULL)
			continue;
		if (from == NULL) {
			key = json_string_value(json_object_get(e, "value"));
			env_expand(key ? key : "", vars, svc, &exp);
			env_put(vars, name, buf_str(&exp));
			continue;
		}
		if ((ref = json_object_get(from, "fieldRef")) != NULL) {
			if (env_field(pod, json_string_value(json_object_get(
			    ref, "fieldPath")), &val) < 0) {
				err_set(err, ERR_INVALID, "unsupported fieldRef "
				    "%s", json_string_value(json_object_get(ref,
				    "fieldPath")));
				goto fail;
			}
			env_put(vars, name, buf_str(&val));
			continue;
		}
		if ((ref = json_object_get(from, "resourceFieldRef")) != NULL) {
			if (env_resource(a, ctr, ref, &val) < 0) {
				err_set(err, ERR_INVALID, "unsupported "
				    "resourceFieldRef");
				goto fail;
			}
			env_put(vars, name, buf_str(&val));
			continue;
		}
		ref = json_object_get(from, "configMapKeyRef");
		kind = "configmap";
		if (ref == NULL) {
			ref = json_object_get(from, "secretKeyRef");
			kind = "secret";
		}
		if (ref == NULL)
			continue;
		optional = json_is_true(json_object_get(ref, "optional"));
		key = json_string_value(json_object_get(ref, "key"));
		if ((src = env_source(a, ns, kind, json_string_value(
		    json_object_get(ref, "name")), err)) == NULL) {
			if (optional && err->reason == ERR_NOT_FOUND) {
				err_clear(err);
				continue;
			}
			goto fail;
		}
		if (key == NULL || env_source_value(src, kind, key, &val) < 0) {
			if (!optional) {
				err_set(err, ERR_NOT_FOUND, "couldn't find key %s "
				    "in %s %s/%s", key ? key : "", strcmp(kind,
				    "secret") == 0 ? "Secret" : "ConfigMap", ns,
				    json_string_value(json_object_get(ref,
				    "name")));
				goto fail;
			}
		} else {
			env_put(vars, name, buf_str(&val));
		}
		json_decref(src);
		src = NULL;
	}
	buf_release(&val);
	buf_release(&exp);
	all = env_merge(vars, svc);
	json_decref(vars);
	json_decref(svc);
	return all;
fail:
	json_decref(src);
	json_decref(vars);
	json_decref(svc);
	buf_release(&val);
	buf_release(&exp);
	return NULL;
}
