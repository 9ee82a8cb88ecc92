/* test-agent-clusterdns.c - agent/clusterdns.c's rendering: Services and
 * EndpointSlices in, the cluster DNS records (a hosts file for dnsmasq)
 * out; Namespaces and the node's resolvers in, dnsmasq's configuration
 * out; compared with golden text, and checked by dnsmasq --test when it
 * is installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../agent/agent.h"
#include "../../lib/buf.h"
#include "../../lib/file.h"
#include "../../lib/proc.h"
#include "test.h"

/* A JSON array of objects as a mirror keeps them: "ns/name" -> object. */
static json_t *
t_objs(const char *text)
{
	json_t *arr = json_loads(text, 0, NULL), *out = json_object(), *o;
	const char *ns;
	char key[300];
	size_t i;

	json_array_foreach(arr, i, o) {
		ns = json_string_value(json_object_get(json_object_get(o,
		    "metadata"), "namespace"));
		snprintf(key, sizeof key, "%s%s%s", ns ? ns : "", ns ? "/" : "",
		    json_string_value(json_object_get(json_object_get(o,
		    "metadata"), "name")));
		json_object_set(out, key, o);
	}
	json_decref(arr);
	return out;
}

static char *
t_hosts(const char *svcs, const char *slices)
{
	json_t *s = t_objs(svcs), *e = t_objs(slices);
	struct buf out = BUF_INIT(1 << 20);
	struct err err;

	err_clear(&err);
	CHECK_INT(clusterdns_render_hosts(s, e, "cluster.local", &out, &err),
	    0);
	json_decref(s);
	json_decref(e);
	return buf_detach(&out, NULL);
}

static void
test_hosts(void)
{
	/* given out of order: the records come sorted by service */
	const char *svcs = "["
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"web\"},"
	    "\"spec\":{\"clusterIP\":\"198.18.128.20\","
	    "\"clusterIPs\":[\"198.18.128.20\"]}},"
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"db\"},"
	    "\"spec\":{\"clusterIP\":\"None\"}},"
	    "{\"metadata\":{\"namespace\":\"apps\",\"name\":\"api\"},"
	    "\"spec\":{\"clusterIP\":\"198.18.128.21\"}},"
	    "{\"metadata\":{\"namespace\":\"apps\",\"name\":\"ext\"},"
	    "\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"x.test\"}},"
	    "{\"metadata\":{\"namespace\":\"apps\",\"name\":\"nr\"},"
	    "\"spec\":{\"clusterIP\":\"None\",\"publishNotReadyAddresses\":true}},"
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"Bad_Name\"},"
	    "\"spec\":{\"clusterIP\":\"198.18.128.22\"}},"
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"inject\"},"
	    "\"spec\":{\"clusterIP\":\"198.18.128.23\\nevil\"}}]";
	const char *slices = "["
	    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"db-x\","
	    "\"labels\":{\"kubernetes.io/service-name\":\"db\"}},"
	    "\"endpoints\":["
	    "{\"addresses\":[\"198.18.1.5\"],\"hostname\":\"db-0\","
	    "\"conditions\":{\"ready\":true}},"
	    "{\"addresses\":[\"198.18.1.6\"],\"hostname\":\"db-1\","
	    "\"conditions\":{\"ready\":false}},"
	    "{\"addresses\":[\"198.18.1.7\"]},"
	    "{\"addresses\":[\"198.18.1.8 evil\"]}]},"
	    "{\"metadata\":{\"namespace\":\"apps\",\"name\":\"nr-x\","
	    "\"labels\":{\"kubernetes.io/service-name\":\"nr\"}},"
	    "\"endpoints\":[{\"addresses\":[\"198.18.2.5\"],"
	    "\"conditions\":{\"ready\":false}}]},"
	    "{\"metadata\":{\"namespace\":\"other\",\"name\":\"db-y\","
	    "\"labels\":{\"kubernetes.io/service-name\":\"db\"}},"
	    "\"endpoints\":[{\"addresses\":[\"198.18.3.5\"]}]}]";
	char *got = t_hosts(svcs, slices);

	CHECK_STR(got,
	    "# the cluster's names, written by kubec-agent (clusterdns.c)\n"
	    "198.18.128.21 api.apps.svc.cluster.local\n"
	    "198.18.2.5 nr.apps.svc.cluster.local\n"
	    "198.18.1.5 db-0.db.default.svc.cluster.local "
	    "db.default.svc.cluster.local\n"
	    "198.18.1.7 db.default.svc.cluster.local\n"
	    "198.18.128.20 web.default.svc.cluster.local\n");
	free(got);
}

static void
test_conf(void)
{
	json_t *nss = t_objs("[{\"metadata\":{\"name\":\"kube-system\"}},"
	    "{\"metadata\":{\"name\":\"default\"}},"
	    "{\"metadata\":{\"name\":\"x y\"}}]");
	json_t *up = json_loads("[\"198.19.0.53\",\"198.18.128.10\","
	    "\"not-an-ip\"]", 0, NULL);
	struct clusterdns_config cfg = {
		.domain = "cluster.local",
		.listen = "198.18.128.10,198.18.128.11",
		.cluster_cidr = "198.18.0.0/17", .upstreams = up,
		.dir = "/d", .port = 53, .pods_port = 10053,
	};
	struct buf out = BUF_INIT(1 << 20), pods = BUF_INIT(1 << 20);
	struct buf servers = BUF_INIT(1 << 20);
	struct err err;

	err_clear(&err);
	CHECK_INT(clusterdns_render_conf(&cfg, &out, &err), 0);
	CHECK_STR(buf_str(&out),
	    "# dnsmasq of the cluster DNS, written by kubec-agent "
	    "(clusterdns.c)\n"
	    "port=53\n"
	    "bind-interfaces\n"
	    "listen-address=198.18.128.10\n"
	    "listen-address=198.18.128.11\n"
	    "no-hosts\n"
	    "no-resolv\n"
	    "no-poll\n"
	    "domain-needed\n"
	    "user=root\n"
	    "group=root\n"
	    "pid-file=/d/dnsmasq.pid\n"
	    "log-facility=/d/dnsmasq.log\n"
	    "cache-size=1000\n"
	    "local-ttl=5\n"
	    "addn-hosts=/d/hosts\n"
	    "servers-file=/d/servers\n"
	    "local=/cluster.local/\n");
	CHECK_INT(clusterdns_render_servers(&cfg, &servers, &err), 0);
	CHECK_STR(buf_str(&servers),
	    "# where the cluster DNS forwards, written by kubec-agent "
	    "(clusterdns.c)\n"
	    "server=/pod.cluster.local/198.18.128.10#10053\n"
	    "server=198.19.0.53\n");
	CHECK_INT(clusterdns_render_pods_conf(&cfg, nss, &pods, &err), 0);
	CHECK_STR(buf_str(&pods),
	    "# dnsmasq of the pods' names, written by kubec-agent "
	    "(clusterdns.c)\n"
	    "port=10053\n"
	    "bind-interfaces\n"
	    "listen-address=198.18.128.10\n"
	    "no-hosts\n"
	    "no-resolv\n"
	    "no-poll\n"
	    "user=root\n"
	    "group=root\n"
	    "pid-file=/d/pods.pid\n"
	    "log-facility=/d/dnsmasq.log\n"
	    "local-ttl=5\n"
	    "local=/pod.cluster.local/\n"
	    "synth-domain=default.pod.cluster.local,198.18.0.0/17\n"
	    "synth-domain=kube-system.pod.cluster.local,198.18.0.0/17\n");
	/* dnsmasq itself accepts them */
	if (access("/usr/sbin/dnsmasq", X_OK) == 0) {
		const struct buf *b[] = { &out, &pods };
		size_t k;

		for (k = 0; k < 2; k++) {
			char path[] = "/tmp/test-clusterdns.XXXXXX";
			char arg[64];
			char *argv[] = { "/usr/sbin/dnsmasq", "--test", arg,
			    NULL };
			struct proc p = { .argv = argv };
			int fd = mkstemp(path), st = -1;

			CHECK(fd >= 0);
			CHECK(write(fd, b[k]->data, b[k]->len) ==
			    (ssize_t)b[k]->len);
			close(fd);
			snprintf(arg, sizeof arg, "--conf-file=%s", path);
			CHECK_INT(proc_run(&p, &st, &err), 0);
			CHECK_INT(st, 0);
			unlink(path);
		}
	}
	CHECK(clusterdns_in_list("198.18.128.10,198.18.128.11",
	    "198.18.128.11"));
	CHECK(!clusterdns_in_list("198.18.128.10", "198.18.128.1"));
	CHECK(!clusterdns_in_list("198.18.128.100", "198.18.128.10"));
	CHECK(!clusterdns_in_list("", "198.18.128.10"));
	buf_release(&out);
	buf_release(&pods);
	buf_release(&servers);
	json_decref(nss);
	json_decref(up);
}

int
main(void)
{
	RUN(test_hosts);
	RUN(test_conf);
	return TEST_EXIT();
}
