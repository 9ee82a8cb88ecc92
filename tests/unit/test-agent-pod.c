/* test-agent-pod.c - the pod side of the agent without a server: $(VAR)
 * expansion, the downward API, resource fields, and volumes written by
 * the atomic writer (downwardAPI updates swap ..data), emptyDir and
 * hostPath checks, container mounts with subPath. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../agent/agent.h"
#include "../../agent/pod.h"
#include "../../lib/file.h"
#include "../../lib/proc.h"
#include "test.h"

static struct agent a;

static void
test_pod_expand(void)
{
	json_t *vars = json_pack("[s, s, s]", "A=1", "B=two", "A=3");
	struct buf out = BUF_INIT(4096);

	env_expand("$(A)-$(B)-$(C)-$$(A)-$(", vars, NULL, &out);
	CHECK_STR(buf_str(&out), "3-two-$(C)-$(A)-$(");
	buf_release(&out);
	json_decref(vars);
}

static void
test_pod_fields(void)
{
	json_t *pod = json_pack("{s:{s:s, s:s, s:s, s:{s:s, s:s}}, s:{s:s}, "
	    "s:{s:s}}", "metadata", "name", "p", "namespace", "ns", "uid", "u1",
	    "labels", "b", "2", "a", "1", "spec", "nodeName", "n1", "status",
	    "podIP", "198.18.1.9");
	json_t *ctr = json_pack("{s:{s:{s:s, s:s}}}", "resources", "limits",
	    "cpu", "1500m", "memory", "64Mi");
	json_t *ref;
	struct buf out = BUF_INIT(4096);

	CHECK_INT(env_field(pod, "metadata.name", &out), 0);
	CHECK_STR(buf_str(&out), "p");
	CHECK_INT(env_field(pod, "metadata.labels['b']", &out), 0);
	CHECK_STR(buf_str(&out), "2");
	CHECK_INT(env_field(pod, "metadata.labels", &out), 0);
	CHECK_STR(buf_str(&out), "a=\"1\"\nb=\"2\"\n");
	CHECK_INT(env_field(pod, "status.podIP", &out), 0);
	CHECK_STR(buf_str(&out), "198.18.1.9");
	CHECK_INT(env_field(pod, "spec.bogus", &out), -1);
	/* cpu rounds up to whole cores; memory by the divisor */
	ref = json_pack("{s:s}", "resource", "limits.cpu");
	CHECK_INT(env_resource(&a, ctr, ref, &out), 0);
	CHECK_STR(buf_str(&out), "2");
	json_decref(ref);
	ref = json_pack("{s:s, s:s}", "resource", "limits.memory", "divisor",
	    "1Mi");
	CHECK_INT(env_resource(&a, ctr, ref, &out), 0);
	CHECK_STR(buf_str(&out), "64");
	json_decref(ref);
	/* an unset limit is the node's allocatable */
	ref = json_pack("{s:s}", "resource", "limits.memory");
	json_object_del(json_object_get(json_object_get(ctr, "resources"),
	    "limits"), "memory");
	CHECK_INT(env_resource(&a, ctr, ref, &out), 0);
	CHECK_STR(buf_str(&out), "1073741824");
	json_decref(ref);
	buf_release(&out);
	json_decref(pod);
	json_decref(ctr);
}

static void
test_pod_volumes(void)
{
	char dir[] = "/tmp/kubec-test-pod.XXXXXX", path[PATH_MAX],
	    data1[PATH_MAX], data2[PATH_MAX], host[PATH_MAX];
	struct buf b = BUF_INIT(4096);
	struct err err;
	json_t *pod, *ctr, *m;
	struct stat st;
	ssize_t n;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(host, sizeof host, "%s/host/made", dir);
	pod = json_pack("{s:{s:s, s:s, s:{s:s}}, s:{s:[{s:s, s:{s:[{s:s, "
	    "s:{s:s}, s:i}]}}, {s:s, s:{}}, {s:s, s:{s:s, s:s}}]}}",
	    "metadata", "name", "p", "namespace", "ns", "labels", "app", "one",
	    "spec", "volumes", "name", "info", "downwardAPI", "items", "path",
	    "sub/labels", "fieldRef", "fieldPath", "metadata.labels", "mode",
	    0600, "name", "scratch", "emptyDir", "name", "hp", "hostPath",
	    "path", host, "type", "DirectoryOrCreate");
	err_clear(&err);
	CHECK_INT(volumes_setup(&a, pod, dir, &err), 0);
	snprintf(path, sizeof path, "%s/volumes/info/sub/labels", dir);
	CHECK_INT(file_read(path, &b, &err), 0);
	CHECK_STR(buf_str(&b), "app=\"one\"\n");
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	snprintf(path, sizeof path, "%s/volumes/info/..data", dir);
	n = readlink(path, data1, sizeof data1 - 1);
	CHECK(n > 0);
	data1[n > 0 ? n : 0] = '\0';
	CHECK(strncmp(data1, "..20", 4) == 0);
	/* the same content: nothing rewritten */
	CHECK_INT(volumes_setup(&a, pod, dir, &err), 0);
	n = readlink(path, data2, sizeof data2 - 1);
	data2[n > 0 ? n : 0] = '\0';
	CHECK_STR(data2, data1);
	/* a change: a new ..data, the old directory removed */
	json_object_set_new(json_object_get(json_object_get(pod, "metadata"),
	    "labels"), "app", json_string("two"));
	CHECK_INT(volumes_setup(&a, pod, dir, &err), 0);
	n = readlink(path, data2, sizeof data2 - 1);
	data2[n > 0 ? n : 0] = '\0';
	CHECK(strcmp(data2, data1) != 0);
	snprintf(path, sizeof path, "%s/volumes/info/%s", dir, data1);
	CHECK(access(path, F_OK) != 0);
	snprintf(path, sizeof path, "%s/volumes/info/sub/labels", dir);
	buf_reset(&b);
	CHECK_INT(file_read(path, &b, &err), 0);
	CHECK_STR(buf_str(&b), "app=\"two\"\n");
	snprintf(path, sizeof path, "%s/volumes/scratch", dir);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0777);
	CHECK_INT(stat(host, &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	/* mounts: subPath inside the volume, never outside */
	ctr = json_pack("{s:[{s:s, s:s, s:s}, {s:s, s:s, s:b}]}", "volumeMounts",
	    "name", "scratch", "mountPath", "/data", "subPath", "x/y", "name",
	    "hp", "mountPath", "/host", "readOnly", 1);
	m = volumes_mounts(pod, ctr, dir, &err);
	CHECK(m != NULL);
	snprintf(path, sizeof path, "%s/volumes/scratch/x/y", dir);
	CHECK_STR(json_string_value(json_object_get(json_array_get(m, 0),
	    "source")), path);
	CHECK(access(path, F_OK) == 0);
	CHECK_STR(json_string_value(json_object_get(json_array_get(m, 1),
	    "source")), host);
	CHECK(json_is_true(json_object_get(json_array_get(m, 1), "readonly")));
	json_decref(m);
	json_object_set_new(json_array_get(json_object_get(ctr,
	    "volumeMounts"), 0), "subPath", json_string("../../etc"));
	CHECK(volumes_mounts(pod, ctr, dir, &err) == NULL);
	CHECK_INT(err.reason, ERR_INVALID);
	CHECK_INT(volumes_teardown(pod, dir, &err), 0);
	snprintf(path, sizeof path, "%s/volumes", dir);
	CHECK(access(path, F_OK) != 0);
	json_decref(ctr);
	json_decref(pod);
	buf_release(&b);
	{
		char *argv[] = { "rm", "-rf", dir, NULL };
		struct proc p = { .argv = argv };

		proc_run_ok(&p, &err);
	}
}

int
main(void)
{
	snprintf(a.alloc_cpu, sizeof a.alloc_cpu, "2");
	snprintf(a.alloc_memory, sizeof a.alloc_memory, "1Gi");
	pthread_mutex_init(&a.mu, NULL);
	RUN(test_pod_expand);
	RUN(test_pod_fields);
	RUN(test_pod_volumes);
	return TEST_EXIT();
}
