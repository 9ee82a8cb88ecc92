/* cni.c - pod networking through the CNI plugins: builds the "kubec"
 * conflist (bridge + host-local, portmap), runs ADD/DEL/CHECK through the
 * chain with prevResult and runtimeConfig as the CNI spec (and libcni)
 * do, caches ADD results for DEL, and releases the addresses of
 * containers that vanished in a crash (see cni.h). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "../lib/buf.h"
#include "../lib/file.h"
#include "../lib/proc.h"
#include "cni.h"

#define CNI_VERSION		"1.0.0"
#define CNI_DEFAULT_PLUGIN_DIR	"/usr/lib/cni"
#define CNI_DEFAULT_BRIDGE	"kubec0"
#define CNI_DEFAULT_TIMEOUT_MS	60000
#define CNI_ID_MAX		128
#define CNI_OUT_CAP		((size_t)1 << 20)
#define CNI_NSFS_MAGIC		0x6e736673	/* linux/magic.h NSFS_MAGIC */
#define CNI_PATH_ENV		"PATH=/usr/local/sbin:/usr/local/bin:" \
				"/usr/sbin:/usr/bin:/sbin:/bin"

enum cni_cmd { CNI_ADD, CNI_DEL, CNI_CHECK };

struct cni {
	pthread_rwlock_t lock;		/* gc: write; add, del, check: read */
	char		*plugin_dir;
	char		*ipam_net_dir;	/* ipam_dir/kubec: host-local's files */
	char		*cache_dir;
	char		*conflist;	/* JSON text, parsed afresh per call */
	int		 timeout_ms;
};

static const char *const cni_cmd_names[] = { "ADD", "DEL", "CHECK" };

static const char cni_loopback_conf[] = "{\"cniVersion\":\"" CNI_VERSION
    "\",\"name\":\"lo\",\"type\":\"loopback\"}";

/* The CNI spec's container id: ^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$ */
static int
cni_check_id(const char *id, struct err *err)
{
	size_t i, n = id != NULL ? strlen(id) : 0;

	if (n == 0 || n > CNI_ID_MAX || !isalnum((unsigned char)id[0]))
		goto bad;
	for (i = 1; i < n; i++)
		if (!isalnum((unsigned char)id[i]) && id[i] != '_' &&
		    id[i] != '.' && id[i] != '-')
			goto bad;
	return 0;
bad:
	return err_set(err, ERR_INVALID, "cni: invalid container id \"%s\"",
	    id != NULL ? id : "");
}

/* A Linux interface name: 1-15 bytes, no '/', ':' or white space. */
static int
cni_check_ifname(const char *ifname, struct err *err)
{
	size_t i, n = ifname != NULL ? strlen(ifname) : 0;

	if (n == 0 || n > 15 || strcmp(ifname, ".") == 0 ||
	    strcmp(ifname, "..") == 0)
		goto bad;
	for (i = 0; i < n; i++)
		if (ifname[i] == '/' || ifname[i] == ':' ||
		    isspace((unsigned char)ifname[i]) ||
		    !isprint((unsigned char)ifname[i]))
			goto bad;
	return 0;
bad:
	return err_set(err, ERR_INVALID, "cni: invalid interface name \"%s\"",
	    ifname != NULL ? ifname : "");
}

/* 1 when path is a network namespace file (nsfs), 0 otherwise. */
static int
cni_is_netns(const char *path)
{
	struct statfs sfs;

	return path != NULL && path[0] == '/' && statfs(path, &sfs) == 0 &&
	    (unsigned long)sfs.f_type == CNI_NSFS_MAGIC;
}

static char *
cni_strdup(const char *s, struct err *err)
{
	char *d = strdup(s);

	if (d == NULL)
		err_set(err, ERR_INTERNAL, "cni: out of memory");
	return d;
}

static char *
cni_join(const char *dir, const char *name, struct err *err)
{
	struct buf b = BUF_INIT(PATH_MAX);

	if (buf_addf(&b, "%s/%s", dir, name) < 0) {
		buf_release(&b);
		err_set(err, ERR_INVALID, "cni: path too long: %s/%s", dir,
		    name);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static json_t *
cni_build_conflist(const struct cni_config *cfg, const char *bridge)
{
	int v6 = strchr(cfg->pod_cidr, ':') != NULL;
	json_t *br, *pm;

	br = json_pack("{s:s, s:s, s:b, s:b, s:b, s:{s:s, s:s, s:[[{s:s}]], "
	    "s:[{s:s}]}}",
	    "type", "bridge", "bridge", bridge, "isGateway", 1,
	    "hairpinMode", !cfg->no_hairpin, "ipMasq", cfg->ip_masq != 0,
	    "ipam", "type", "host-local", "dataDir", cfg->ipam_dir,
	    "ranges", "subnet", cfg->pod_cidr,
	    "routes", "dst", v6 ? "::/0" : "0.0.0.0/0");
	if (br != NULL && cfg->mtu > 0)
		json_object_set_new(br, "mtu", json_integer(cfg->mtu));
	pm = json_pack("{s:s, s:{s:b}, s:b}", "type", "portmap",
	    "capabilities", "portMappings", 1, "snat", 1);
	if (br == NULL || pm == NULL) {
		json_decref(br);
		json_decref(pm);
		return NULL;
	}
	return json_pack("{s:s, s:s, s:[o, o]}", "cniVersion", CNI_VERSION,
	    "name", CNI_NETWORK_NAME, "plugins", br, pm);
}

struct cni *
cni_open(const struct cni_config *cfg, struct err *err)
{
	struct cni *c = NULL;
	json_t *list = NULL;
	char *path = NULL;

	if (cfg == NULL || cfg->pod_cidr == NULL || cfg->pod_cidr[0] == '\0' ||
	    cfg->ipam_dir == NULL || cfg->ipam_dir[0] != '/' ||
	    cfg->cache_dir == NULL || cfg->cache_dir[0] != '/') {
		err_set(err, ERR_INVALID, "cni: the pod CIDR and absolute "
		    "IPAM and cache directories are required");
		return NULL;
	}
	if (cfg->bridge != NULL && cni_check_ifname(cfg->bridge, err) < 0)
		return NULL;
	if (file_mkdirs(cfg->ipam_dir, 0700, err) < 0 ||
	    file_mkdirs(cfg->cache_dir, 0700, err) < 0 ||
	    (cfg->conf_dir != NULL && file_mkdirs(cfg->conf_dir, 0755,
	    err) < 0))
		return NULL;
	if ((c = calloc(1, sizeof *c)) == NULL) {
		err_set(err, ERR_INTERNAL, "cni: out of memory");
		return NULL;
	}
	pthread_rwlock_init(&c->lock, NULL);
	c->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms :
	    CNI_DEFAULT_TIMEOUT_MS;
	list = cni_build_conflist(cfg, cfg->bridge != NULL ? cfg->bridge :
	    CNI_DEFAULT_BRIDGE);
	if (list == NULL ||
	    (c->conflist = json_dumps(list, JSON_INDENT(2))) == NULL) {
		err_set(err, ERR_INTERNAL, "cni: cannot build the conflist");
		goto fail;
	}
	if ((c->plugin_dir = cni_strdup(cfg->plugin_dir != NULL ?
	    cfg->plugin_dir : CNI_DEFAULT_PLUGIN_DIR, err)) == NULL ||
	    (c->cache_dir = cni_strdup(cfg->cache_dir, err)) == NULL ||
	    (c->ipam_net_dir = cni_join(cfg->ipam_dir, CNI_NETWORK_NAME,
	    err)) == NULL)
		goto fail;
	if (cfg->conf_dir != NULL) {
		if ((path = cni_join(cfg->conf_dir, "10-kubec.conflist",
		    err)) == NULL ||
		    file_write_atomic(path, c->conflist, strlen(c->conflist),
		    0644, err) < 0)
			goto fail;
	}
	free(path);
	json_decref(list);
	return c;
fail:
	free(path);
	json_decref(list);
	cni_close(c);
	return NULL;
}

void
cni_close(struct cni *c)
{
	if (c == NULL)
		return;
	pthread_rwlock_destroy(&c->lock);
	free(c->plugin_dir);
	free(c->ipam_net_dir);
	free(c->cache_dir);
	free(c->conflist);
	free(c);
}

const char *
cni_conflist(const struct cni *c)
{
	return c->conflist;
}

/*
 * The error a plugin printed ({code,msg,details}), or the last line of
 * its stderr, into err.
 */
static int
cni_plugin_error(const char *type, enum cni_cmd cmd, int status,
    const struct buf *out, const struct buf *errout, struct err *err)
{
	json_t *j = json_loads(buf_str(out), 0, NULL);
	const char *msg = json_string_value(json_object_get(j, "msg"));
	const char *details = json_string_value(json_object_get(j,
	    "details"));
	const char *s, *end, *start;

	if (msg != NULL) {
		err_set(err, ERR_INTERNAL, "%s %s: %s%s%s (code %lld)",
		    type, cni_cmd_names[cmd], msg,
		    details != NULL && details[0] ? ": " : "",
		    details != NULL ? details : "",
		    (long long)json_integer_value(json_object_get(j,
		    "code")));
		json_decref(j);
		return -1;
	}
	json_decref(j);
	s = buf_str(errout)[0] ? buf_str(errout) : buf_str(out);
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	for (start = end; start > s && start[-1] != '\n'; start--)
		;
	return err_set(err, ERR_INTERNAL, "%s %s exited %d%s%.*s", type,
	    cni_cmd_names[cmd], status, end > start ? ": " : "",
	    (int)(end - start > 400 ? 400 : end - start), start);
}

/*
 * Runs one plugin: conf on stdin, the CNI_* environment.  For ADD the
 * result object goes to *result (the caller decrefs it).
 */
static int
cni_exec(struct cni *c, enum cni_cmd cmd, const char *type,
    const char *conf, const char *id, const char *netns,
    const char *ifname, json_t **result, struct err *err)
{
	char ecmd[32], eid[CNI_ID_MAX + 32], ens[PATH_MAX + 16], eif[48];
	char epath[PATH_MAX + 16], bin[PATH_MAX];
	char *env[] = { ecmd, eid, ens, eif, epath, "CNI_ARGS=",
	    CNI_PATH_ENV, NULL };
	char *argv[] = { bin, NULL };
	struct buf out = BUF_INIT(CNI_OUT_CAP), eb = BUF_INIT(64 * 1024);
	struct proc p = { .argv = argv, .env = env, .in = conf,
	    .inlen = strlen(conf), .out = &out, .errout = &eb,
	    .timeout_ms = c->timeout_ms };
	json_error_t jerr;
	int status = 0, rc = -1;

	if (strchr(type, '/') != NULL || type[0] == '.') {
		err_set(err, ERR_INVALID, "bad plugin type \"%s\"", type);
		goto out;
	}
	snprintf(ecmd, sizeof ecmd, "CNI_COMMAND=%s", cni_cmd_names[cmd]);
	snprintf(eid, sizeof eid, "CNI_CONTAINERID=%s", id);
	snprintf(eif, sizeof eif, "CNI_IFNAME=%s", ifname);
	if ((size_t)snprintf(ens, sizeof ens, "CNI_NETNS=%s", netns) >=
	    sizeof ens ||
	    (size_t)snprintf(epath, sizeof epath, "CNI_PATH=%s",
	    c->plugin_dir) >= sizeof epath ||
	    (size_t)snprintf(bin, sizeof bin, "%s/%s", c->plugin_dir,
	    type) >= sizeof bin) {
		err_set(err, ERR_INVALID, "%s: path too long", type);
		goto out;
	}
	if (access(bin, X_OK) < 0) {
		err_set(err, ERR_INTERNAL, "plugin %s: %s", bin,
		    strerror(errno));
		goto out;
	}
	if (proc_run(&p, &status, err) < 0) {
		err_wrap(err, "%s %s", type, cni_cmd_names[cmd]);
		goto out;
	}
	if (status != 0) {
		cni_plugin_error(type, cmd, status, &out, &eb, err);
		goto out;
	}
	if (result != NULL) {
		*result = json_loads(buf_str(&out), 0, &jerr);
		if (!json_is_object(*result)) {
			json_decref(*result);
			*result = NULL;
			err_set(err, ERR_INTERNAL, "%s %s: bad result: %s",
			    type, cni_cmd_names[cmd], jerr.text);
			goto out;
		}
	}
	rc = 0;
out:
	buf_release(&out);
	buf_release(&eb);
	return rc;
}

/*
 * The network configuration one plugin of the list gets: its own object
 * with the list's name and cniVersion, prevResult, and runtimeConfig for
 * the capabilities it declares.  Returns JSON text (free it) or NULL.
 */
static char *
cni_plugin_conf(const json_t *list, const json_t *plugin,
    const json_t *prev, const json_t *portmaps)
{
	json_t *conf = json_deep_copy(plugin);
	json_t *caps = json_object_get(plugin, "capabilities");
	char *text = NULL;

	if (conf == NULL)
		return NULL;
	json_object_set(conf, "name", json_object_get(list, "name"));
	json_object_set(conf, "cniVersion", json_object_get(list,
	    "cniVersion"));
	if (prev != NULL)
		json_object_set(conf, "prevResult", (json_t *)prev);
	if (portmaps != NULL && json_is_true(json_object_get(caps,
	    "portMappings")))
		json_object_set_new(conf, "runtimeConfig", json_pack("{s:O}",
		    "portMappings", portmaps));
	text = json_dumps(conf, JSON_COMPACT);
	json_decref(conf);
	return text;
}

static int
cni_cache_path(struct cni *c, const char *id, const char *ifname,
    char *path, size_t n, struct err *err)
{
	if ((size_t)snprintf(path, n, "%s/%s-%s-%s.json", c->cache_dir,
	    CNI_NETWORK_NAME, id, ifname) >= n)
		return err_set(err, ERR_INVALID, "cache path too long");
	return 0;
}

/* The cached {result, portMappings} of an ADD; NULL when none. */
static json_t *
cni_cache_load(struct cni *c, const char *id, const char *ifname)
{
	char path[PATH_MAX];
	struct buf b = BUF_INIT(CNI_OUT_CAP);
	struct err e;
	json_t *j = NULL;

	if (cni_cache_path(c, id, ifname, path, sizeof path, &e) == 0 &&
	    file_read(path, &b, &e) == 0)
		j = json_loads(buf_str(&b), 0, NULL);
	buf_release(&b);
	if (j != NULL && !json_is_object(json_object_get(j, "result"))) {
		json_decref(j);
		j = NULL;
	}
	return j;
}

static int
cni_cache_store(struct cni *c, const char *id, const char *ifname,
    const char *netns, json_t *result, json_t *portmaps, struct err *err)
{
	char path[PATH_MAX], *text = NULL;
	json_t *j;
	int rc = -1;

	if (cni_cache_path(c, id, ifname, path, sizeof path, err) < 0)
		return -1;
	j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:O, s:O}", "kind",
	    "cniCacheV1", "containerId", id, "ifName", ifname, "networkName",
	    CNI_NETWORK_NAME, "netns", netns, "result", result,
	    "portMappings", portmaps);
	if (j == NULL || (text = json_dumps(j, JSON_COMPACT)) == NULL)
		err_set(err, ERR_INTERNAL, "cannot encode the cache");
	else
		rc = file_write_replace(path, text, strlen(text), 0600, err);
	free(text);
	json_decref(j);
	return rc;
}

static void
cni_cache_remove(struct cni *c, const char *id, const char *ifname)
{
	char path[PATH_MAX];
	struct err e;

	if (cni_cache_path(c, id, ifname, path, sizeof path, &e) == 0)
		unlink(path);
}

static json_t *
cni_load_list(struct cni *c, struct err *err)
{
	json_t *list = json_loads(c->conflist, 0, NULL);

	if (!json_is_array(json_object_get(list, "plugins"))) {
		json_decref(list);
		err_set(err, ERR_INTERNAL, "bad conflist");
		return NULL;
	}
	return list;
}

/*
 * Runs cmd through the list's plugins, forward for ADD and CHECK, in
 * reverse for DEL.  ADD chains each result into the next plugin's
 * prevResult and leaves the last one in *result; DEL and CHECK give every
 * plugin prev.  DEL goes on past a failing plugin and reports the first
 * error.  CHECK leaves portmap out (see below).
 */
static int
cni_chain(struct cni *c, enum cni_cmd cmd, const char *id, const char *netns,
    const char *ifname, json_t *prev, json_t *portmaps, json_t **result,
    struct err *err)
{
	json_t *list, *plugins, *cur = NULL;
	size_t i, n;
	int rc = 0;
	struct err e2;

	if ((list = cni_load_list(c, err)) == NULL)
		return -1;
	plugins = json_object_get(list, "plugins");
	n = json_array_size(plugins);
	if (cmd == CNI_ADD && prev != NULL)
		cur = json_incref(prev);
	for (i = 0; i < n; i++) {
		json_t *pl = json_array_get(plugins, cmd == CNI_DEL ?
		    n - 1 - i : i);
		const char *type = json_string_value(json_object_get(pl,
		    "type"));
		json_t *res = NULL;
		char *conf;

		conf = cni_plugin_conf(list, pl, cmd == CNI_ADD ? cur : prev,
		    portmaps);
		/*
		 * Debian's portmap (1.1.1) fails CHECK of every IPv4-only
		 * pod with ports, looking for IPv6 rules it never made
		 * (containernetworking/plugins#819).
		 */
		if (cmd == CNI_CHECK && type != NULL &&
		    strcmp(type, "portmap") == 0) {
			free(conf);
			continue;
		}
		/* no hostPort: portmap has nothing to do (a process less) */
		if (cmd != CNI_DEL && type != NULL && strcmp(type,
		    "portmap") == 0 && json_array_size(portmaps) == 0) {
			free(conf);
			continue;
		}
		if (type == NULL || conf == NULL) {
			free(conf);
			rc = err_set(err, ERR_INTERNAL, "bad plugin %zu "
			    "in the conflist", i);
			break;
		}
		if (cni_exec(c, cmd, type, conf, id, netns, ifname,
		    cmd == CNI_ADD ? &res : NULL, rc < 0 ? &e2 : err) < 0) {
			free(conf);
			rc = -1;
			if (cmd == CNI_DEL)
				continue;
			break;
		}
		free(conf);
		if (res != NULL) {
			json_decref(cur);
			cur = res;
		}
	}
	if (rc == 0 && result != NULL)
		*result = json_incref(cur);
	json_decref(cur);
	json_decref(list);
	return rc;
}

/* host-local's "198.18.1.5/24" and the MAC of its interface into res. */
static int
cni_parse_result(json_t *result, struct cni_result *res, struct err *err)
{
	json_t *ips = json_object_get(result, "ips"), *ip = NULL, *ifc;
	const char *addr = NULL, *gw, *mac, *slash;
	size_t i;

	for (i = 0; i < json_array_size(ips); i++) {
		const char *a = json_string_value(json_object_get(
		    json_array_get(ips, i), "address"));

		if (a != NULL && (ip == NULL || (strchr(addr, ':') != NULL &&
		    strchr(a, ':') == NULL))) {
			ip = json_array_get(ips, i);	/* IPv4 first */
			addr = a;
		}
	}
	if (ip == NULL || (slash = strchr(addr, '/')) == NULL)
		return err_set(err, ERR_INTERNAL, "no IP address in the "
		    "result");
	memset(res, 0, sizeof *res);
	snprintf(res->ip, sizeof res->ip, "%.*s", (int)(slash - addr), addr);
	res->prefix = atoi(slash + 1);
	gw = json_string_value(json_object_get(ip, "gateway"));
	snprintf(res->gateway, sizeof res->gateway, "%s", gw ? gw : "");
	ifc = json_array_get(json_object_get(result, "interfaces"),
	    (size_t)json_integer_value(json_object_get(ip, "interface")));
	mac = json_string_value(json_object_get(ifc, "mac"));
	snprintf(res->mac, sizeof res->mac, "%s", mac ? mac : "");
	return 0;
}

static json_t *
cni_portmaps(const struct cni_port *ports, size_t nports, struct err *err)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < nports; i++) {
		const struct cni_port *p = &ports[i];
		const char *proto = p->protocol != NULL ? p->protocol : "TCP";
		json_t *m;

		if (strcasecmp(proto, "tcp") != 0 &&
		    strcasecmp(proto, "udp") != 0 &&
		    strcasecmp(proto, "sctp") != 0) {
			err_set(err, ERR_INVALID, "cni: unsupported protocol "
			    "\"%s\"", proto);
			goto fail;
		}
		if (p->host_port < 1 || p->host_port > 65535 ||
		    p->container_port < 1 || p->container_port > 65535) {
			err_set(err, ERR_INVALID, "cni: bad port mapping "
			    "%d:%d", p->host_port, p->container_port);
			goto fail;
		}
		m = json_pack("{s:i, s:i, s:s}", "hostPort", p->host_port,
		    "containerPort", p->container_port, "protocol",
		    strcasecmp(proto, "tcp") == 0 ? "tcp" :
		    strcasecmp(proto, "udp") == 0 ? "udp" : "sctp");
		if (m != NULL && p->host_ip != NULL && p->host_ip[0])
			json_object_set_new(m, "hostIP",
			    json_string(p->host_ip));
		if (m == NULL || json_array_append_new(a, m) < 0)
			break;
	}
	if (a != NULL && i == nports)
		return a;
	err_set(err, ERR_INTERNAL, "cni: out of memory");
fail:
	json_decref(a);
	return NULL;
}

/* DEL of one container, the read or write lock held. */
static int
cni_del_locked(struct cni *c, const char *id, const char *netns_path,
    const char *ifname, struct err *err)
{
	const char *netns = cni_is_netns(netns_path) ? netns_path : "";
	json_t *cache = cni_cache_load(c, id, ifname);
	json_t *portmaps = json_object_get(cache, "portMappings");
	json_t *empty = json_array();
	int rc;

	rc = cni_chain(c, CNI_DEL, id, netns, ifname,
	    json_object_get(cache, "result"), portmaps != NULL ? portmaps :
	    empty, NULL, err);
	/* loopback goes with the namespace; nothing to do without one */
	if (rc == 0 && netns[0] != '\0')
		rc = cni_exec(c, CNI_DEL, "loopback", cni_loopback_conf, id,
		    netns, "lo", NULL, err);
	if (rc == 0)
		cni_cache_remove(c, id, ifname);
	json_decref(empty);
	json_decref(cache);
	if (rc < 0)
		err_wrap(err, "cni: DEL %s", id);
	return rc;
}

int
cni_add(struct cni *c, const char *container_id, const char *netns_path,
    const char *ifname, const struct cni_port *ports, size_t nports,
    struct cni_result *res, struct err *err)
{
	json_t *portmaps = NULL, *result = NULL;
	struct cni_result r;
	struct err e2;
	int rc = -1;

	if (cni_check_id(container_id, err) < 0 ||
	    cni_check_ifname(ifname, err) < 0)
		return -1;
	if (!cni_is_netns(netns_path))
		return err_set(err, ERR_INVALID, "cni: %s is not a network "
		    "namespace", netns_path != NULL ? netns_path : "(null)");
	if ((portmaps = cni_portmaps(ports, nports, err)) == NULL)
		return -1;
	pthread_rwlock_rdlock(&c->lock);
	if (cni_exec(c, CNI_ADD, "loopback", cni_loopback_conf, container_id,
	    netns_path, "lo", NULL, err) < 0)
		goto out;
	if (cni_chain(c, CNI_ADD, container_id, netns_path, ifname, NULL,
	    portmaps, &result, err) < 0 ||
	    cni_parse_result(result, &r, err) < 0 ||
	    cni_cache_store(c, container_id, ifname, netns_path, result,
	    portmaps, err) < 0) {
		/* undo what part of the chain did; the ADD's error stands */
		if (result != NULL)
			cni_cache_store(c, container_id, ifname, netns_path,
			    result, portmaps, &e2);
		cni_del_locked(c, container_id, netns_path, ifname, &e2);
		err_wrap(err, "cni: ADD %s", container_id);
		goto out;
	}
	if (res != NULL)
		*res = r;
	rc = 0;
out:
	pthread_rwlock_unlock(&c->lock);
	json_decref(result);
	json_decref(portmaps);
	return rc;
}

int
cni_del(struct cni *c, const char *container_id, const char *netns_path,
    const char *ifname, struct err *err)
{
	int rc;

	if (cni_check_id(container_id, err) < 0 ||
	    cni_check_ifname(ifname, err) < 0)
		return -1;
	pthread_rwlock_rdlock(&c->lock);
	rc = cni_del_locked(c, container_id, netns_path, ifname, err);
	pthread_rwlock_unlock(&c->lock);
	return rc;
}

int
cni_check(struct cni *c, const char *container_id, const char *netns_path,
    const char *ifname, struct err *err)
{
	json_t *cache = NULL;
	int rc = -1;

	if (cni_check_id(container_id, err) < 0 ||
	    cni_check_ifname(ifname, err) < 0)
		return -1;
	if (!cni_is_netns(netns_path))
		return err_set(err, ERR_NOT_FOUND, "cni: %s is not a network "
		    "namespace", netns_path != NULL ? netns_path : "(null)");
	pthread_rwlock_rdlock(&c->lock);
	if ((cache = cni_cache_load(c, container_id, ifname)) == NULL) {
		err_set(err, ERR_NOT_FOUND, "cni: no cached result for %s/%s",
		    container_id, ifname);
		goto out;
	}
	rc = cni_chain(c, CNI_CHECK, container_id, netns_path, ifname,
	    json_object_get(cache, "result"), json_object_get(cache,
	    "portMappings"), NULL, err);
	if (rc < 0)
		err_wrap(err, "cni: CHECK %s", container_id);
out:
	pthread_rwlock_unlock(&c->lock);
	json_decref(cache);
	return rc;
}

int
cni_adopt(struct cni *c, const char *container_id, const char *netns_path,
    const char *ifname, struct cni_result *res, struct err *err)
{
	json_t *cache = NULL;
	int rc = -1;

	if (cni_check(c, container_id, netns_path, ifname, err) < 0)
		return -1;
	pthread_rwlock_rdlock(&c->lock);
	if ((cache = cni_cache_load(c, container_id, ifname)) == NULL)
		err_set(err, ERR_NOT_FOUND, "cni: no cached result for %s/%s",
		    container_id, ifname);
	else
		rc = cni_parse_result(json_object_get(cache, "result"), res,
		    err);
	pthread_rwlock_unlock(&c->lock);
	json_decref(cache);
	return rc;
}

/* One (container, interface) that holds something: gc candidates. */
struct cni_owner {
	char	id[CNI_ID_MAX + 1];
	char	ifname[16];
};

static int
cni_owner_add(struct cni_owner **v, size_t *n, size_t *alloc,
    const char *id, size_t idlen, const char *ifname, size_t iflen)
{
	struct cni_owner o;
	size_t i;

	if (idlen == 0 || idlen > CNI_ID_MAX || iflen == 0 || iflen > 15)
		return 0;	/* not one of ours */
	memset(&o, 0, sizeof o);
	memcpy(o.id, id, idlen);
	memcpy(o.ifname, ifname, iflen);
	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].id, o.id) == 0 &&
		    strcmp((*v)[i].ifname, o.ifname) == 0)
			return 0;
	if (*n == *alloc) {
		size_t na = *alloc ? *alloc * 2 : 16;
		struct cni_owner *nv = realloc(*v, na * sizeof *nv);

		if (nv == NULL)
			return -1;
		*v = nv;
		*alloc = na;
	}
	(*v)[(*n)++] = o;
	return 0;
}

/*
 * The owners of host-local's reservations (files named by address holding
 * "id\r\nifname", or only the id in old versions) and of cached results.
 */
static int
cni_owners(struct cni *c, struct cni_owner **v, size_t *n, struct err *err)
{
	const char *dirs[2] = { c->ipam_net_dir, c->cache_dir };
	size_t alloc = 0, k;
	struct dirent *de;
	DIR *d;

	for (k = 0; k < 2; k++) {
		if ((d = opendir(dirs[k])) == NULL) {
			if (errno == ENOENT)
				continue;
			return err_set(err, ERR_INTERNAL, "cni: %s: %s",
			    dirs[k], strerror(errno));
		}
		while ((de = readdir(d)) != NULL) {
			struct buf b = BUF_INIT(64 * 1024);
			struct err e;
			char *path;
			const char *s, *id, *ifn;
			size_t idlen, iflen;
			json_t *j = NULL;
			int r = 0;

			if (de->d_name[0] == '.' ||
			    strcmp(de->d_name, "lock") == 0 ||
			    strncmp(de->d_name, "last_reserved_ip", 16) == 0 ||
			    (k == 1 && strncmp(de->d_name, CNI_NETWORK_NAME "-",
			    sizeof CNI_NETWORK_NAME) != 0))
				continue;
			if ((path = cni_join(dirs[k], de->d_name, &e)) == NULL ||
			    file_read(path, &b, &e) < 0) {
				free(path);
				buf_release(&b);
				continue;	/* gone meanwhile */
			}
			free(path);
			s = buf_str(&b);
			if (k == 0) {
				id = s;
				idlen = strcspn(s, "\r\n");
				ifn = s + idlen + strspn(s + idlen, "\r\n");
				iflen = strcspn(ifn, "\r\n \t");
				if (iflen == 0) {
					ifn = "eth0";
					iflen = 4;
				}
			} else {
				j = json_loads(s, 0, NULL);
				id = json_string_value(json_object_get(j,
				    "containerId"));
				ifn = json_string_value(json_object_get(j,
				    "ifName"));
				idlen = id != NULL ? strlen(id) : 0;
				iflen = ifn != NULL ? strlen(ifn) : 0;
			}
			if (idlen > 0)
				r = cni_owner_add(v, n, &alloc, id, idlen, ifn,
				    iflen);
			json_decref(j);
			buf_release(&b);
			if (r < 0) {
				closedir(d);
				return err_set(err, ERR_INTERNAL,
				    "cni: out of memory");
			}
		}
		closedir(d);
	}
	return 0;
}

int
cni_gc_stale(struct cni *c, const char *const *live_container_ids,
    size_t n, struct err *err)
{
	struct cni_owner *owners = NULL;
	size_t nowners = 0, i, j;
	int released = 0, failed = 0;
	struct err e;

	pthread_rwlock_wrlock(&c->lock);
	if (cni_owners(c, &owners, &nowners, err) < 0) {
		failed = 1;
		goto out;
	}
	for (i = 0; i < nowners; i++) {
		for (j = 0; j < n; j++)
			if (strcmp(owners[i].id, live_container_ids[j]) == 0)
				break;
		if (j < n)
			continue;
		err_clear(&e);
		if (cni_check_id(owners[i].id, &e) < 0 ||
		    cni_check_ifname(owners[i].ifname, &e) < 0 ||
		    cni_del_locked(c, owners[i].id, NULL, owners[i].ifname,
		    &e) < 0) {
			if (!failed)
				*err = e;
			failed = 1;
			continue;
		}
		released++;
	}
out:
	pthread_rwlock_unlock(&c->lock);
	free(owners);
	return failed ? -1 : released;
}
