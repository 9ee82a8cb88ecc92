/* test-agent-oci.c - a container's OCI config as ociconfig_build() makes
 * it from a pod and a container (process args, env and cwd, the user,
 * capabilities, no_new_privs, namespaces, mounts, resources, masked and
 * read-only paths, the seccomp profile chosen), and the RuntimeDefault
 * seccomp profile itself: its names resolve with libseccomp, and,
 * compiled to BPF by seccomp_compile() and installed in a child process
 * as crun installs the agent's run.oci.seccomp_bpf_data, it allows what a
 * container needs and refuses unshare, mount, keyctl, clone with
 * namespace flags (EPERM) and clone3 (ENOSYS); a Localhost profile (OCI
 * and Docker formats). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>

#include "../../agent/ociconfig.h"
#include "../../agent/seccomp.h"
#include "../../lib/base64.h"
#include "../../lib/file.h"
#include "../../lib/proc.h"
#include "test.h"

static char T[PATH_MAX];	/* the test's directory: rootfs/, seccomp/ */
static char ROOTFS[PATH_MAX], SECCOMP[PATH_MAX];

static json_t *
load(const char *text)
{
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);

	if (j == NULL)
		printf("# bad test JSON: %s: %s\n", je.text, text);
	return j;
}

/* ociconfig_build of a pod and a container given as JSON text. */
static json_t *
build(const char *pod, const char *ctr, const char *image_config,
    struct err *err)
{
	json_t *p = load(pod), *c = load(ctr), *ic = image_config ?
	    load(image_config) : NULL, *env = json_pack("[s, s]", "A=1",
	    "NAME=world"), *cfg;
	struct oci_input in;

	memset(&in, 0, sizeof in);
	in.pod = p;
	in.container = c;
	in.image_config = ic;
	in.rootfs = ROOTFS;
	in.sandbox_dir = "/run/sb";
	in.env = env;
	in.cgroups_path = "/kubepods/podU/ctr";
	in.seccomp_root = SECCOMP;
	err_clear(err);
	cfg = ociconfig_build(&in, err);
	json_decref(p);
	json_decref(c);
	json_decref(ic);
	json_decref(env);
	return cfg;
}

/* A JSON value at a dotted path ("linux.resources.memory.limit"). */
static json_t *
at(json_t *j, const char *path)
{
	char buf[256], *save = NULL, *k;

	snprintf(buf, sizeof buf, "%s", path);
	for (k = strtok_r(buf, ".", &save); k && j; k = strtok_r(NULL, ".",
	    &save))
		j = json_object_get(j, k);
	return j;
}

static const char *
str_at(json_t *j, const char *path)
{
	return json_string_value(at(j, path));
}

/* An array of strings as "a,b,c". */
static const char *
joined(json_t *arr)
{
	static char out[4096];
	size_t i, n = 0;
	json_t *e;

	out[0] = '\0';
	json_array_foreach(arr, i, e)
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", i ? "," :
		    "", json_is_string(e) ? json_string_value(e) : "?");
	return out;
}

static json_t *
mount_at(json_t *cfg, const char *dst)
{
	size_t i;
	json_t *m;

	json_array_foreach(json_object_get(cfg, "mounts"), i, m)
		if (strcmp(json_string_value(json_object_get(m, "destination")),
		    dst) == 0)
			return m;
	return NULL;
}

static int
has(json_t *arr, const char *s)
{
	size_t i;
	json_t *e;

	json_array_foreach(arr, i, e)
		if (json_is_string(e) && strcmp(json_string_value(e), s) == 0)
			return 1;
	return 0;
}

#define POD	"{\"metadata\":{\"name\":\"p\"},\"spec\":{}}"

static void
test_oci_process(void)
{
	struct err err;
	json_t *cfg;
	const char *img = "{\"Entrypoint\":[\"/ep\"],\"Cmd\":[\"c1\",\"c2\"],"
	    "\"Env\":[\"A=image\",\"B=2\",\"PATH=/image/bin\"],"
	    "\"WorkingDir\":\"/srv\"}";

	/* no command or args: the image's Entrypoint and Cmd */
	cfg = build(POD, "{\"name\":\"c\"}", img, &err);
	CHECK(cfg != NULL);
	CHECK_STR(joined(at(cfg, "process.args")), "/ep,c1,c2");
	/* the image's env, then the container's (replacing in place) */
	CHECK_STR(joined(at(cfg, "process.env")),
	    "A=1,B=2,PATH=/image/bin,NAME=world");
	CHECK_STR(str_at(cfg, "process.cwd"), "/srv");
	CHECK(json_is_false(at(cfg, "process.terminal")));
	CHECK_STR(str_at(cfg, "root.path"), ROOTFS);
	CHECK(json_is_false(at(cfg, "root.readonly")));
	json_decref(cfg);
	/* args alone keep the Entrypoint; $(VAR) expands, $$ escapes */
	cfg = build(POD, "{\"name\":\"c\",\"args\":[\"hello $(NAME)\","
	    "\"$$(NAME)\",\"$(NOPE)\"],\"workingDir\":\"/w\"}", img, &err);
	CHECK_STR(joined(at(cfg, "process.args")),
	    "/ep,hello world,$(NAME),$(NOPE)");
	CHECK_STR(str_at(cfg, "process.cwd"), "/w");
	json_decref(cfg);
	/* command replaces both */
	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"sh\",\"-c\"],"
	    "\"args\":[\"x\"]}", img, &err);
	CHECK_STR(joined(at(cfg, "process.args")), "sh,-c,x");
	json_decref(cfg);
	/* no image config: PATH is added, cwd is / */
	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"true\"]}", NULL, &err);
	CHECK(has(at(cfg, "process.env"), "PATH=/usr/local/sbin:"
	    "/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
	CHECK_STR(str_at(cfg, "process.cwd"), "/");
	json_decref(cfg);
	/* nothing to run */
	CHECK(build(POD, "{\"name\":\"c\"}", NULL, &err) == NULL);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	CHECK(strstr(err.msg, "no command specified") != NULL);
}

static void
test_oci_user(void)
{
	struct err err;
	json_t *cfg;

	/* the pod's runAsUser/runAsGroup, supplementalGroups and fsGroup */
	cfg = build("{\"spec\":{\"securityContext\":{\"runAsUser\":1000,"
	    "\"runAsGroup\":3000,\"supplementalGroups\":[4000,4001],"
	    "\"fsGroup\":2000}}}", "{\"name\":\"c\",\"command\":[\"id\"]}",
	    NULL, &err);
	CHECK_INT(json_integer_value(at(cfg, "process.user.uid")), 1000);
	CHECK_INT(json_integer_value(at(cfg, "process.user.gid")), 3000);
	CHECK_INT(json_array_size(at(cfg, "process.user.additionalGids")), 3);
	CHECK_INT(json_integer_value(json_array_get(at(cfg,
	    "process.user.additionalGids"), 2)), 2000);
	json_decref(cfg);
	/* the container's wins */
	cfg = build("{\"spec\":{\"securityContext\":{\"runAsUser\":1000}}}",
	    "{\"name\":\"c\",\"command\":[\"id\"],\"securityContext\":"
	    "{\"runAsUser\":1001,\"runAsGroup\":3001}}", NULL, &err);
	CHECK_INT(json_integer_value(at(cfg, "process.user.uid")), 1001);
	CHECK_INT(json_integer_value(at(cfg, "process.user.gid")), 3001);
	json_decref(cfg);
	/* the image's User by name, from the rootfs' passwd and group */
	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"id\"]}",
	    "{\"User\":\"app\"}", &err);
	CHECK(cfg != NULL);
	CHECK_INT(json_integer_value(at(cfg, "process.user.uid")), 1234);
	CHECK_INT(json_integer_value(at(cfg, "process.user.gid")), 1235);
	json_decref(cfg);
	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"id\"]}",
	    "{\"User\":\"app:staff\"}", &err);
	CHECK_INT(json_integer_value(at(cfg, "process.user.gid")), 50);
	json_decref(cfg);
	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"id\"]}",
	    "{\"User\":\"77:88\"}", &err);
	CHECK_INT(json_integer_value(at(cfg, "process.user.uid")), 77);
	CHECK_INT(json_integer_value(at(cfg, "process.user.gid")), 88);
	json_decref(cfg);
	CHECK(build(POD, "{\"name\":\"c\",\"command\":[\"id\"]}",
	    "{\"User\":\"nobody-here\"}", &err) == NULL);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	/* runAsNonRoot: uid 0, or a name that cannot be checked */
	CHECK(build("{\"spec\":{\"securityContext\":{\"runAsNonRoot\":true}}}",
	    "{\"name\":\"c\",\"command\":[\"id\"]}", NULL, &err) == NULL);
	CHECK_INT(err.reason, ERR_FORBIDDEN);
	CHECK(build("{\"spec\":{\"securityContext\":{\"runAsNonRoot\":true}}}",
	    "{\"name\":\"c\",\"command\":[\"id\"]}", "{\"User\":\"app\"}",
	    &err) == NULL);
	CHECK_INT(err.reason, ERR_FORBIDDEN);
	cfg = build("{\"spec\":{\"securityContext\":{\"runAsNonRoot\":true,"
	    "\"runAsUser\":5}}}", "{\"name\":\"c\",\"command\":[\"id\"]}", NULL,
	    &err);
	CHECK(cfg != NULL);
	json_decref(cfg);
}

static void
test_oci_capabilities(void)
{
	const char *dflt = "CAP_CHOWN,CAP_DAC_OVERRIDE,CAP_FSETID,CAP_FOWNER,"
	    "CAP_MKNOD,CAP_NET_RAW,CAP_SETGID,CAP_SETUID,CAP_SETFCAP,"
	    "CAP_SETPCAP,CAP_NET_BIND_SERVICE,CAP_SYS_CHROOT,CAP_KILL,"
	    "CAP_AUDIT_WRITE";
	struct err err;
	json_t *cfg;

	/* Docker's default set in every set, no_new_privs off (kubelet) */
	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"x\"]}", NULL, &err);
	CHECK_STR(joined(at(cfg, "process.capabilities.bounding")), dflt);
	CHECK_STR(joined(at(cfg, "process.capabilities.effective")), dflt);
	CHECK_STR(joined(at(cfg, "process.capabilities.permitted")), dflt);
	CHECK(!has(at(cfg, "process.capabilities.bounding"), "CAP_SYS_ADMIN"));
	CHECK(json_is_false(at(cfg, "process.noNewPrivileges")));
	json_decref(cfg);
	/* drop ALL, add NET_ADMIN (with or without CAP_) */
	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"x\"],"
	    "\"securityContext\":{\"capabilities\":{\"drop\":[\"ALL\"],"
	    "\"add\":[\"NET_ADMIN\",\"CAP_SYS_TIME\"]}}}", NULL, &err);
	CHECK_STR(joined(at(cfg, "process.capabilities.effective")),
	    "CAP_NET_ADMIN,CAP_SYS_TIME");
	CHECK_STR(joined(at(cfg, "process.capabilities.bounding")),
	    "CAP_NET_ADMIN,CAP_SYS_TIME");
	json_decref(cfg);
	/* drop one; allowPrivilegeEscalation false: no_new_privs */
	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"x\"],"
	    "\"securityContext\":{\"capabilities\":{\"drop\":[\"chown\","
	    "\"KILL\"]},\"allowPrivilegeEscalation\":false}}", NULL, &err);
	CHECK(!has(at(cfg, "process.capabilities.effective"), "CAP_CHOWN"));
	CHECK(!has(at(cfg, "process.capabilities.effective"), "CAP_KILL"));
	CHECK_INT(json_array_size(at(cfg, "process.capabilities.effective")),
	    12);
	CHECK(json_is_true(at(cfg, "process.noNewPrivileges")));
	json_decref(cfg);
	/* privileged: all that the agent may give, no no_new_privs, no
	 * seccomp, masks or read-only paths, every device */
	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"x\"],"
	    "\"securityContext\":{\"privileged\":true}}", NULL, &err);
	CHECK(has(at(cfg, "process.capabilities.effective"), "CAP_SYS_ADMIN"));
	CHECK(json_array_size(at(cfg, "process.capabilities.effective")) >
	    30);
	CHECK(json_is_false(at(cfg, "process.noNewPrivileges")));
	CHECK(at(cfg, "linux.seccomp") == NULL);
	CHECK(at(cfg, "linux.maskedPaths") == NULL);
	CHECK(at(cfg, "linux.readonlyPaths") == NULL);
	CHECK_INT(json_array_size(at(cfg, "linux.resources.devices")), 1);
	CHECK(json_is_true(json_object_get(json_array_get(at(cfg,
	    "linux.resources.devices"), 0), "allow")));
	CHECK(!has(json_object_get(mount_at(cfg, "/sys"), "options"), "ro"));
	json_decref(cfg);
}

static void
test_oci_namespaces(void)
{
	struct oci_input in;
	struct err err;
	json_t *pod = load(POD), *ctr = load("{\"name\":\"c\","
	    "\"command\":[\"x\"]}"), *cfg, *ns;

	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"x\"]}", NULL, &err);
	ns = at(cfg, "linux.namespaces");
	CHECK_INT(json_array_size(ns), 5);
	CHECK_STR(json_string_value(json_object_get(json_array_get(ns, 0),
	    "type")), "pid");
	CHECK(json_object_get(json_array_get(ns, 0), "path") == NULL);
	CHECK_STR(json_string_value(json_object_get(json_array_get(ns, 1),
	    "type")), "mount");
	CHECK_STR(json_string_value(json_object_get(json_array_get(ns, 2),
	    "type")), "network");
	CHECK_STR(json_string_value(json_object_get(json_array_get(ns, 2),
	    "path")), "/run/sb/net");
	CHECK_STR(json_string_value(json_object_get(json_array_get(ns, 3),
	    "path")), "/run/sb/ipc");
	CHECK_STR(json_string_value(json_object_get(json_array_get(ns, 4),
	    "path")), "/run/sb/uts");
	CHECK_STR(str_at(cfg, "linux.cgroupsPath"), "/kubepods/podU/ctr");
	CHECK(json_object_get(cfg, "hostname") == NULL);
	json_decref(cfg);
	/* no sandbox: new namespaces, the hostname; host network: none */
	memset(&in, 0, sizeof in);
	in.pod = pod;
	in.container = ctr;
	in.rootfs = ROOTFS;
	in.hostname = "h1";
	in.host_network = 1;
	err_clear(&err);
	cfg = ociconfig_build(&in, &err);
	CHECK(cfg != NULL);
	ns = at(cfg, "linux.namespaces");
	CHECK_INT(json_array_size(ns), 4);
	CHECK_STR(json_string_value(json_object_get(json_array_get(ns, 2),
	    "type")), "ipc");
	CHECK(json_object_get(json_array_get(ns, 2), "path") == NULL);
	CHECK_STR(str_at(cfg, "hostname"), "h1");
	CHECK(has(at(cfg, "process.env"), "HOSTNAME=h1"));
	json_decref(cfg);
	json_decref(pod);
	json_decref(ctr);
}

static void
test_oci_mounts(void)
{
	struct oci_input in;
	struct err err;
	json_t *pod = load(POD), *ctr = load("{\"name\":\"c\","
	    "\"command\":[\"x\"],\"securityContext\":"
	    "{\"readOnlyRootFilesystem\":true}}"), *cfg, *m;

	memset(&in, 0, sizeof in);
	in.pod = pod;
	in.container = ctr;
	in.rootfs = ROOTFS;
	in.mounts = load("[{\"destination\":\"/data\",\"source\":\"/v/data\"},"
	    "{\"destination\":\"/cfg\",\"source\":\"/v/cfg\",\"readonly\":true},"
	    "{\"destination\":\"/dev/shm\",\"source\":\"/pod/shm\"},"
	    "{\"destination\":\"/scratch\",\"type\":\"tmpfs\","
	    "\"options\":[\"size=1m\"]}]");
	err_clear(&err);
	cfg = ociconfig_build(&in, &err);
	CHECK(cfg != NULL);
	CHECK(json_is_true(at(cfg, "root.readonly")));
	/* the defaults */
	CHECK_STR(json_string_value(json_object_get(mount_at(cfg, "/proc"),
	    "type")), "proc");
	CHECK_STR(joined(json_object_get(mount_at(cfg, "/dev"), "options")),
	    "nosuid,strictatime,mode=755,size=65536k");
	CHECK(has(json_object_get(mount_at(cfg, "/sys"), "options"), "ro"));
	CHECK(has(json_object_get(mount_at(cfg, "/sys/fs/cgroup"),
	    "options"), "ro"));
	CHECK(mount_at(cfg, "/dev/pts") != NULL);
	CHECK(mount_at(cfg, "/dev/mqueue") != NULL);
	/* the caller's: binds, read-only, a replaced default, tmpfs */
	m = mount_at(cfg, "/data");
	CHECK_STR(json_string_value(json_object_get(m, "type")), "bind");
	CHECK_STR(json_string_value(json_object_get(m, "source")), "/v/data");
	CHECK_STR(joined(json_object_get(m, "options")), "rbind,rprivate");
	CHECK_STR(joined(json_object_get(mount_at(cfg, "/cfg"), "options")),
	    "rbind,rprivate,ro");
	m = mount_at(cfg, "/dev/shm");
	CHECK_STR(json_string_value(json_object_get(m, "source")),
	    "/pod/shm");
	CHECK_STR(json_string_value(json_object_get(m, "type")), "bind");
	CHECK_STR(joined(json_object_get(mount_at(cfg, "/scratch"),
	    "options")), "nosuid,nodev,size=1m");
	CHECK_INT(json_array_size(json_object_get(cfg, "mounts")), 10);
	/* masked and read-only paths, as containerd's defaults */
	CHECK(has(at(cfg, "linux.maskedPaths"), "/proc/kcore"));
	CHECK(has(at(cfg, "linux.maskedPaths"), "/proc/timer_list"));
	CHECK(has(at(cfg, "linux.maskedPaths"), "/sys/firmware"));
	CHECK_STR(joined(at(cfg, "linux.readonlyPaths")), "/proc/bus,/proc/fs,"
	    "/proc/irq,/proc/sys,/proc/sysrq-trigger");
	json_decref(cfg);
	json_decref((json_t *)in.mounts);
	/* a relative destination */
	in.mounts = load("[{\"destination\":\"data\",\"source\":\"/v\"}]");
	CHECK(ociconfig_build(&in, &err) == NULL);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	json_decref((json_t *)in.mounts);
	json_decref(pod);
	json_decref(ctr);
}

static void
test_oci_resources(void)
{
	struct err err;
	json_t *cfg, *dev;

	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"x\"],\"resources\":"
	    "{\"limits\":{\"memory\":\"64Mi\",\"cpu\":\"500m\"},\"requests\":"
	    "{\"memory\":\"32Mi\",\"cpu\":\"250m\"}}}", NULL, &err);
	CHECK_INT(json_integer_value(at(cfg, "linux.resources.memory.limit")),
	    64 << 20);
	CHECK_INT(json_integer_value(at(cfg, "linux.resources.cpu.quota")),
	    50000);
	CHECK_INT(json_integer_value(at(cfg, "linux.resources.cpu.period")),
	    100000);
	CHECK_INT(json_integer_value(at(cfg, "linux.resources.cpu.shares")),
	    256);
	CHECK_INT(json_integer_value(at(cfg, "linux.resources.pids.limit")),
	    4096);
	/* containerd's device allowlist: deny all, then the usual ones */
	dev = at(cfg, "linux.resources.devices");
	CHECK_INT(json_array_size(dev), 13);
	CHECK(json_is_false(json_object_get(json_array_get(dev, 0), "allow")));
	CHECK_STR(json_string_value(json_object_get(json_array_get(dev, 0),
	    "access")), "rwm");
	json_decref(cfg);
	/* a limit alone sets the shares; a tiny one the minimal quota */
	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"x\"],\"resources\":"
	    "{\"limits\":{\"cpu\":\"2\"}}}", NULL, &err);
	CHECK_INT(json_integer_value(at(cfg, "linux.resources.cpu.shares")),
	    2048);
	CHECK_INT(json_integer_value(at(cfg, "linux.resources.cpu.quota")),
	    200000);
	CHECK(at(cfg, "linux.resources.memory") == NULL);
	json_decref(cfg);
	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"x\"],\"resources\":"
	    "{\"limits\":{\"cpu\":\"1m\"}}}", NULL, &err);
	CHECK_INT(json_integer_value(at(cfg, "linux.resources.cpu.quota")),
	    1000);
	CHECK_INT(json_integer_value(at(cfg, "linux.resources.cpu.shares")), 2);
	json_decref(cfg);
	/* BestEffort: the minimal shares, no quota */
	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"x\"]}", NULL, &err);
	CHECK_INT(json_integer_value(at(cfg, "linux.resources.cpu.shares")), 2);
	CHECK(at(cfg, "linux.resources.cpu.quota") == NULL);
	json_decref(cfg);
	/* a bad quantity names its field */
	CHECK(build(POD, "{\"name\":\"c\",\"command\":[\"x\"],\"resources\":"
	    "{\"limits\":{\"memory\":\"lots\"}}}", NULL, &err) == NULL);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	CHECK(strstr(err.msg, "resources.limits.memory") != NULL);
}

static void
test_oci_seccomp_choice(void)
{
	struct err err;
	json_t *cfg;

	/* RuntimeDefault when nothing is said */
	cfg = build(POD, "{\"name\":\"c\",\"command\":[\"x\"]}", NULL, &err);
	CHECK_STR(str_at(cfg, "linux.seccomp.defaultAction"),
	    "SCMP_ACT_ERRNO");
	CHECK_INT(json_integer_value(at(cfg, "linux.seccomp.defaultErrnoRet")),
	    EPERM);
	json_decref(cfg);
	/* the pod's Unconfined */
	cfg = build("{\"spec\":{\"securityContext\":{\"seccompProfile\":"
	    "{\"type\":\"Unconfined\"}}}}", "{\"name\":\"c\",\"command\":"
	    "[\"x\"]}", NULL, &err);
	CHECK(cfg != NULL);
	CHECK(at(cfg, "linux.seccomp") == NULL);
	json_decref(cfg);
	/* the container's Localhost wins over the pod's Unconfined */
	cfg = build("{\"spec\":{\"securityContext\":{\"seccompProfile\":"
	    "{\"type\":\"Unconfined\"}}}}", "{\"name\":\"c\",\"command\":"
	    "[\"x\"],\"securityContext\":{\"seccompProfile\":{\"type\":"
	    "\"Localhost\",\"localhostProfile\":\"no-mkdir.json\"}}}", NULL,
	    &err);
	CHECK_STR(str_at(cfg, "linux.seccomp.defaultAction"),
	    "SCMP_ACT_ALLOW");
	json_decref(cfg);
	/* a missing file, a path that climbs out, an unknown type */
	CHECK(build(POD, "{\"name\":\"c\",\"command\":[\"x\"],"
	    "\"securityContext\":{\"seccompProfile\":{\"type\":\"Localhost\","
	    "\"localhostProfile\":\"absent.json\"}}}", NULL, &err) == NULL);
	CHECK(strstr(err.msg, "absent.json") != NULL);
	CHECK(build(POD, "{\"name\":\"c\",\"command\":[\"x\"],"
	    "\"securityContext\":{\"seccompProfile\":{\"type\":\"Localhost\","
	    "\"localhostProfile\":\"../etc/x.json\"}}}", NULL, &err) == NULL);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	CHECK(build(POD, "{\"name\":\"c\",\"command\":[\"x\"],"
	    "\"securityContext\":{\"seccompProfile\":{\"type\":\"Weird\"}}}",
	    NULL, &err) == NULL);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
}

static void
test_seccomp_names(void)
{
	const char *const *names = seccomp_default_names();
	static const char *const allowed[] = { "read", "write", "execve",
	    "openat", "mmap", "futex", "socket", "mkdir", "chown", "setuid",
	    "capset", "prctl", "seccomp", "wait4", "exit_group", NULL };
	static const char *const denied[] = { "unshare", "setns", "mount",
	    "umount2", "pivot_root", "keyctl", "add_key", "request_key",
	    "ptrace", "kexec_load", "bpf", "perf_event_open", "init_module",
	    "finit_module", "delete_module", "reboot", "swapon", "swapoff",
	    "clone", "clone3", "open_by_handle_at", "syslog", "acct",
	    "settimeofday", "userfaultfd", NULL };
	struct err err;
	int i, k, found;

	err_clear(&err);
	CHECK_INT(seccomp_check_names(&err), 0);
	for (i = 0; allowed[i]; i++) {
		for (found = 0, k = 0; names[k]; k++)
			found |= strcmp(names[k], allowed[i]) == 0;
		if (!found)
			printf("#   %s is not allowed\n", allowed[i]);
		CHECK(found);
	}
	/* clone and clone3 have rules of their own, the rest none */
	for (i = 0; denied[i]; i++) {
		for (found = 0, k = 0; names[k]; k++)
			found |= strcmp(names[k], denied[i]) == 0;
		if (found)
			printf("#   %s is allowed\n", denied[i]);
		CHECK(!found);
	}
}

/*
 * Loads an OCI linux.seccomp object into the calling process as crun does
 * with the agent's annotation run.oci.seccomp_bpf_data: the BPF program
 * seccomp_compile() makes, installed as is after no_new_privs; -1
 * (nothing loaded) when it cannot be compiled.
 */
static int
seccomp_load_oci(const json_t *sc)
{
	struct buf b64 = BUF_INIT(1 << 20), bpf = BUF_INIT(1 << 20);
	struct sock_fprog prog;
	struct err err;
	int rc = -1;

	err_clear(&err);
	if (seccomp_compile(sc, &b64, &err) < 0 ||
	    base64_decode(b64.data, b64.len, &bpf) < 0 ||
	    bpf.len % sizeof(struct sock_filter) != 0)
		goto out;
	prog.len = (unsigned short)(bpf.len / sizeof(struct sock_filter));
	prog.filter = (struct sock_filter *)(void *)bpf.data;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		goto out;
	rc = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
out:
	buf_release(&b64);
	buf_release(&bpf);
	return rc < 0 ? -1 : 0;
}

/* Bits of what a child under a filter saw. */
enum {
	SAW_LOADED = 1 << 0,	/* the filter was loaded */
	SAW_GETPID = 1 << 1,	/* getpid works */
	SAW_MKDIR = 1 << 2,	/* mkdir works */
	SAW_FORK = 1 << 3,	/* fork (clone without namespaces) works */
	SAW_UNSHARE_EPERM = 1 << 4,
	SAW_CLONE_NS_EPERM = 1 << 5,
	SAW_CLONE3_ENOSYS = 1 << 6,
	SAW_KEYCTL_EPERM = 1 << 7,
	SAW_MOUNT_EPERM = 1 << 8,
	SAW_MKDIR_EPERM = 1 << 9,
};

/* Forks a child that loads sc and tries syscalls; what it saw. */
static int
seccomp_probe(const json_t *sc)
{
	char dir[PATH_MAX];
	int fds[2], saw = -1;
	pid_t pid;

	snprintf(dir, sizeof dir, "%s/mkdir-probe", T);
	rmdir(dir);
	fflush(stdout);
	if (pipe(fds) < 0)
		return -1;
	if ((pid = fork()) < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		pid_t c;

		close(fds[0]);
		saw = 0;
		if (seccomp_load_oci(sc) < 0) {
			(void)!write(fds[1], &saw, sizeof saw);
			_exit(0);
		}
		saw |= SAW_LOADED;
		if (getpid() > 0)
			saw |= SAW_GETPID;
		if (mkdir(dir, 0700) == 0)
			saw |= SAW_MKDIR;
		else if (errno == EPERM)
			saw |= SAW_MKDIR_EPERM;
		if ((c = fork()) == 0)
			_exit(0);
		if (c > 0 && waitpid(c, NULL, 0) == c)
			saw |= SAW_FORK;
		if (syscall(SYS_unshare, CLONE_NEWUSER) < 0 && errno == EPERM)
			saw |= SAW_UNSHARE_EPERM;
		errno = 0;
		c = (pid_t)syscall(SYS_clone, CLONE_NEWNS | SIGCHLD, 0, 0, 0, 0);
		if (c == 0)
			_exit(0);
		if (c > 0)
			waitpid(c, NULL, 0);
		else if (errno == EPERM)
			saw |= SAW_CLONE_NS_EPERM;
		if (syscall(SYS_clone3, NULL, 0) < 0 && errno == ENOSYS)
			saw |= SAW_CLONE3_ENOSYS;
		if (syscall(SYS_keyctl, 0, -1, 0) < 0 && errno == EPERM)
			saw |= SAW_KEYCTL_EPERM;
		/* a target that does not exist: harmless without the filter */
		if (syscall(SYS_mount, "none", "/nonexistent-kubec-test",
		    "tmpfs", 0, NULL) < 0 && errno == EPERM)
			saw |= SAW_MOUNT_EPERM;
		(void)!write(fds[1], &saw, sizeof saw);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &saw, sizeof saw) != (ssize_t)sizeof saw)
		saw = -1;
	close(fds[0]);
	waitpid(pid, NULL, 0);
	return saw;
}

static void
test_seccomp_runtime_default(void)
{
	json_t *sc = seccomp_runtime_default();
	int saw;

	CHECK_STR(json_string_value(json_object_get(sc, "defaultAction")),
	    "SCMP_ACT_ERRNO");
	CHECK_STR(joined(json_object_get(sc, "architectures")),
	    "SCMP_ARCH_X86_64,SCMP_ARCH_X86,SCMP_ARCH_X32");
	saw = seccomp_probe(sc);
	CHECK(saw >= 0);
	CHECK(saw & SAW_LOADED);
	CHECK(saw & SAW_GETPID);
	CHECK(saw & SAW_MKDIR);
	CHECK(saw & SAW_FORK);
	CHECK(saw & SAW_UNSHARE_EPERM);
	CHECK(saw & SAW_CLONE_NS_EPERM);
	CHECK(saw & SAW_CLONE3_ENOSYS);
	CHECK(saw & SAW_KEYCTL_EPERM);
	CHECK(saw & SAW_MOUNT_EPERM);
	json_decref(sc);
}

static void
test_seccomp_localhost(void)
{
	json_t *prof = json_pack("{s:s, s:s}", "type", "Localhost",
	    "localhostProfile", "no-mkdir.json"), *sc = NULL, *marker;
	struct err err;
	int saw;

	err_clear(&err);
	CHECK_INT(seccomp_profile(prof, SECCOMP, &sc, &err), 0);
	saw = seccomp_probe(sc);
	CHECK(saw & SAW_LOADED);
	CHECK(saw & SAW_MKDIR_EPERM);
	CHECK(!(saw & SAW_MKDIR));
	CHECK(saw & SAW_GETPID);
	CHECK(saw & SAW_FORK);
	CHECK(!(saw & SAW_UNSHARE_EPERM));
	json_decref(sc);
	json_decref(prof);
	/* Docker's format: archMap, a singular name */
	prof = json_pack("{s:s, s:s}", "type", "Localhost", "localhostProfile",
	    "docker/style.json");
	sc = NULL;
	CHECK_INT(seccomp_profile(prof, SECCOMP, &sc, &err), 0);
	CHECK_STR(joined(json_object_get(sc, "architectures")),
	    "SCMP_ARCH_X86_64,SCMP_ARCH_X86,SCMP_ARCH_X32");
	CHECK_STR(joined(json_object_get(json_array_get(json_object_get(sc,
	    "syscalls"), 0), "names")), "mkdir");
	CHECK_INT(json_integer_value(json_object_get(json_array_get(
	    json_object_get(sc, "syscalls"), 0), "errnoRet")), 1);
	saw = seccomp_probe(sc);
	CHECK(saw & SAW_MKDIR_EPERM);
	json_decref(sc);
	json_decref(prof);
	/* Unconfined: nothing; bad type: refused */
	prof = json_pack("{s:s}", "type", "Unconfined");
	marker = json_object();
	sc = marker;
	CHECK_INT(seccomp_profile(prof, SECCOMP, &sc, &err), 0);
	CHECK(sc == NULL);
	json_decref(marker);
	json_decref(prof);
}

static void
test_seccomp_compile(void)
{
	struct buf b = BUF_INIT(1 << 20), raw = BUF_INIT(1 << 20);
	json_t *sc = seccomp_runtime_default(), *bad;
	struct err err;
	const char *cached = seccomp_runtime_default_bpf();

	err_clear(&err);
	CHECK_INT(seccomp_compile(sc, &b, &err), 0);
	CHECK(cached != NULL);
	/* the same program each time: what crun gets for every container */
	CHECK_STR(cached, buf_str(&b));
	CHECK_INT(base64_decode(b.data, b.len, &raw), 0);
	CHECK(raw.len > 0 && raw.len % sizeof(struct sock_filter) == 0);
	bad = json_pack("{s:s}", "defaultAction", "SCMP_ACT_WHATEVER");
	CHECK_INT(seccomp_compile(bad, &b, &err), -1);
	CHECK_STR(err.msg, "seccomp: unsupported default action");
	json_decref(bad);
	bad = json_pack("{s:s, s:[s]}", "defaultAction", "SCMP_ACT_ALLOW",
	    "architectures", "SCMP_ARCH_NOPE");
	CHECK_INT(seccomp_compile(bad, &b, &err), -1);
	CHECK_STR(err.msg, "seccomp: unknown architecture SCMP_ARCH_NOPE");
	json_decref(bad);
	/* two conditions on one argument: a rule each, as crun adds them */
	bad = json_pack("{s:s, s:[{s:[s], s:s, s:[{s:i, s:i, s:s}, "
	    "{s:i, s:i, s:s}]}]}", "defaultAction", "SCMP_ACT_ALLOW",
	    "syscalls", "names", "personality", "action", "SCMP_ACT_ERRNO",
	    "args", "index", 0, "value", 8, "op", "SCMP_CMP_EQ", "index", 0,
	    "value", 9, "op", "SCMP_CMP_EQ");
	CHECK_INT(seccomp_compile(bad, &b, &err), 0);
	json_decref(bad);
	json_decref(sc);
	buf_release(&b);
	buf_release(&raw);
}

static int
write_file(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX];
	struct err err;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return file_write_atomic(path, text, strlen(text), 0644, &err);
}

int
main(void)
{
	char path[PATH_MAX];
	struct err err;

	snprintf(T, sizeof T, "/tmp/kubec-test-oci.XXXXXX");
	if (mkdtemp(T) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(ROOTFS, sizeof ROOTFS, "%s/rootfs", T);
	snprintf(SECCOMP, sizeof SECCOMP, "%s/seccomp", T);
	snprintf(path, sizeof path, "%s/etc", ROOTFS);
	err_clear(&err);
	if (file_mkdirs(path, 0755, &err) < 0 ||
	    write_file(path, "passwd", "root:x:0:0:root:/root:/bin/sh\n"
	    "app::1234:1235:app:/:/bin/sh\n") < 0 ||
	    write_file(path, "group", "root:x:0:\nstaff:x:50:\n") < 0)
		return 1;
	snprintf(path, sizeof path, "%s/docker", SECCOMP);
	if (file_mkdirs(path, 0755, &err) < 0 ||
	    write_file(SECCOMP, "no-mkdir.json", "{\"defaultAction\":"
	    "\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\","
	    "\"mkdirat\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1}]}") <
	    0 ||
	    write_file(path, "style.json", "{\"defaultAction\":"
	    "\"SCMP_ACT_ALLOW\",\"archMap\":[{\"architecture\":"
	    "\"SCMP_ARCH_X86_64\",\"subArchitectures\":[\"SCMP_ARCH_X86\","
	    "\"SCMP_ARCH_X32\"]}],\"syscalls\":[{\"name\":\"mkdir\","
	    "\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1,\"args\":[]}]}") < 0)
		return 1;
	RUN(test_oci_process);
	RUN(test_oci_user);
	RUN(test_oci_capabilities);
	RUN(test_oci_namespaces);
	RUN(test_oci_mounts);
	RUN(test_oci_resources);
	RUN(test_oci_seccomp_choice);
	RUN(test_seccomp_names);
	RUN(test_seccomp_runtime_default);
	RUN(test_seccomp_localhost);
	RUN(test_seccomp_compile);
	{
		char *argv[] = { "rm", "-rf", T, NULL };
		struct proc p = { .argv = argv, .timeout_ms = 30000 };

		proc_run_ok(&p, &err);
	}
	return TEST_EXIT();
}
