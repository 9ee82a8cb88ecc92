/* ociconfig.c - config.json of one container: Kubernetes' process, user,
 * security context, resources, namespaces and mounts in OCI terms. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/buf.h"
#include "../lib/file.h"
#include "../lib/quantity.h"
#include "ociconfig.h"
#include "seccomp.h"

#define OCICONFIG_PATH	"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:" \
			"/usr/bin:/sbin:/bin"

static const char *const ociconfig_default_caps[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
	"CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP",
	"CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",
	"CAP_AUDIT_WRITE", NULL
};

/* Every capability, by number (linux/capability.h). */
static const char *const ociconfig_all_caps[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
	"CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
	"CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
	"CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
	"CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
	"CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
	"CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
	"CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
	"CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
	"CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
	"CAP_CHECKPOINT_RESTORE", NULL
};

static const char *const ociconfig_masked[] = {
	"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
	"/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
	"/proc/sched_debug", "/proc/scsi", "/sys/firmware",
	"/sys/devices/virtual/powercap", NULL
};

static const char *const ociconfig_readonly[] = {
	"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
	"/proc/sysrq-trigger", NULL
};

/* The capabilities the agent itself may hand out: its bounding set
 * (CapBnd of /proc/self/status); a privileged container gets these. */
static uint64_t
ociconfig_capbnd(void)
{
	struct buf b = BUF_INIT(1 << 16);
	const char *p;
	uint64_t m = (1ULL << 41) - 1;

	if (file_read("/proc/self/status", &b, NULL) == 0 &&
	    (p = strstr(buf_str(&b), "\nCapBnd:")) != NULL)
		m = strtoull(p + 8, NULL, 16);
	buf_release(&b);
	return m;
}

char *
ociconfig_expand(const char *s, const json_t *env)
{
	struct buf b = BUF_INIT(1 << 20);
	const char *p = s;

	while (*p) {
		const char *close;

		if (p[0] != '$') {
			buf_addc(&b, *p++);
			continue;
		}
		if (p[1] == '$') {
			buf_addc(&b, '$');
			p += 2;
			continue;
		}
		if (p[1] != '(' || (close = strchr(p + 2, ')')) == NULL) {
			buf_addc(&b, *p++);
			continue;
		}
		{
			size_t n = (size_t)(close - (p + 2)), i;
			const json_t *e;
			int found = 0;

			json_array_foreach(env, i, e) {
				const char *kv = json_string_value(e);

				if (kv && strncmp(kv, p + 2, n) == 0 &&
				    kv[n] == '=') {
					buf_adds(&b, kv + n + 1);
					found = 1;	/* last wins */
					break;
				}
			}
			if (!found)
				buf_add(&b, p, n + 3);
			p = close + 1;
		}
	}
	return buf_detach(&b, NULL);
}

/* Appends "K=V" replacing an earlier entry with the same K in place. */
static void
ociconfig_env_set(json_t *arr, const char *kv)
{
	const char *eq = strchr(kv, '=');
	size_t n = eq ? (size_t)(eq - kv) : strlen(kv), i;
	json_t *e;

	json_array_foreach(arr, i, e) {
		const char *o = json_string_value(e);

		if (strncmp(o, kv, n) == 0 && (o[n] == '=' || o[n] == '\0')) {
			json_array_set_new(arr, i, json_string(kv));
			return;
		}
	}
	json_array_append_new(arr, json_string(kv));
}

static int
ociconfig_env_has(const json_t *arr, const char *key)
{
	size_t n = strlen(key), i;
	json_t *e;

	json_array_foreach(arr, i, e)
		if (strncmp(json_string_value(e), key, n) == 0 &&
		    json_string_value(e)[n] == '=')
			return 1;
	return 0;
}

static json_t *
ociconfig_env(const struct oci_input *in)
{
	json_t *out = json_array(), *e;
	const json_t *img = json_object_get(in->image_config, "Env");
	size_t i;

	json_array_foreach(img, i, e)
		if (json_is_string(e))
			ociconfig_env_set(out, json_string_value(e));
	json_array_foreach(in->env, i, e)
		if (json_is_string(e))
			ociconfig_env_set(out, json_string_value(e));
	if (!ociconfig_env_has(out, "PATH"))
		json_array_insert_new(out, 0, json_string(OCICONFIG_PATH));
	if (in->hostname && !ociconfig_env_has(out, "HOSTNAME")) {
		char h[300];

		snprintf(h, sizeof h, "HOSTNAME=%s", in->hostname);
		json_array_append_new(out, json_string(h));
	}
	return out;
}

static int
ociconfig_args(const struct oci_input *in, json_t *process, struct err *err)
{
	const json_t *cmd = json_object_get(in->container, "command");
	const json_t *args = json_object_get(in->container, "args");
	const json_t *ep = json_object_get(in->image_config, "Entrypoint");
	const json_t *icmd = json_object_get(in->image_config, "Cmd");
	json_t *out = json_array(), *e;
	const json_t *first, *second;
	size_t i;

	if (json_array_size(cmd) > 0) {
		first = cmd;
		second = args;
	} else if (json_array_size(args) > 0) {
		first = ep;
		second = args;
	} else {
		first = ep;
		second = icmd;
	}
	json_array_foreach(first, i, e)
		if (json_is_string(e)) {
			char *x = first == ep ? strdup(json_string_value(e)) :
			    ociconfig_expand(json_string_value(e), in->env);

			json_array_append_new(out, json_string(x ? x : ""));
			free(x);
		}
	json_array_foreach(second, i, e)
		if (json_is_string(e)) {
			char *x = second == icmd ?
			    strdup(json_string_value(e)) :
			    ociconfig_expand(json_string_value(e), in->env);

			json_array_append_new(out, json_string(x ? x : ""));
			free(x);
		}
	if (json_array_size(out) == 0) {
		json_decref(out);
		return err_set(err, ERR_BAD_REQUEST, "container %s: no command "
		    "specified", json_string_value(json_object_get(
		    in->container, "name")));
	}
	json_object_set_new(process, "args", out);
	return 0;
}

/* A securityContext field: the container's, else the pod's. */
static const json_t *
ociconfig_sc(const struct oci_input *in, const char *name)
{
	const json_t *c = json_object_get(json_object_get(in->container,
	    "securityContext"), name);

	if (c != NULL && !json_is_null(c))
		return c;
	c = json_object_get(json_object_get(json_object_get(in->pod, "spec"),
	    "securityContext"), name);
	return json_is_null(c) ? NULL : c;
}

static int
ociconfig_is_number(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* Looks name up in rootfs/etc/passwd (field 0 -> 2 and 3) or
 * rootfs/etc/group (0 -> 2); -1 when not found. */
static int
ociconfig_lookup(const char *rootfs, const char *file, const char *name,
    long long *id, long long *gid)
{
	char path[4096];
	struct buf b = BUF_INIT(4 << 20);
	char *line, *save = NULL;
	int ret = -1;

	snprintf(path, sizeof path, "%s/etc/%s", rootfs, file);
	if (file_read(path, &b, NULL) < 0)
		goto out;
	for (line = strtok_r(b.data, "\n", &save); line && ret < 0;
	    line = strtok_r(NULL, "\n", &save)) {
		char *f[4] = { 0 }, *s2 = NULL, *tok;
		int n = 0;

		/* strsep keeps empty fields (the password is often "") */
		while (n < 4 && (tok = strsep(&line, ":")) != NULL)
			f[n++] = tok;
		(void)s2;
		if (n >= 3 && strcmp(f[0], name) == 0) {
			*id = atoll(f[2]);
			if (gid != NULL)
				*gid = n >= 4 ? atoll(f[3]) : *id;
			ret = 0;
		}
	}
out:
	buf_release(&b);
	return ret;
}

static int
ociconfig_user(const struct oci_input *in, json_t *process, struct err *err)
{
	const json_t *ru = ociconfig_sc(in, "runAsUser");
	const json_t *rg = ociconfig_sc(in, "runAsGroup");
	const json_t *nonroot = ociconfig_sc(in, "runAsNonRoot");
	const json_t *sup = ociconfig_sc(in, "supplementalGroups");
	const json_t *fsg = ociconfig_sc(in, "fsGroup");
	const char *iu = json_string_value(json_object_get(in->image_config,
	    "User"));
	char user[256] = "", group[256] = "", *colon;
	long long uid = 0, gid = 0;
	json_t *gids, *e;
	size_t i;

	snprintf(user, sizeof user, "%s", iu ? iu : "");
	if ((colon = strchr(user, ':')) != NULL) {
		*colon = '\0';
		snprintf(group, sizeof group, "%s", colon + 1);
	}
	if (json_is_true(nonroot) && !json_is_integer(ru) && *user != '\0' &&
	    !ociconfig_is_number(user))
		return err_set(err, ERR_FORBIDDEN, "container has runAsNonRoot "
		    "and image has non-numeric user (%s), cannot verify user "
		    "is non-root", user);
	if (*user != '\0') {
		long long pg = 0;

		if (ociconfig_is_number(user)) {
			uid = atoll(user);
			/* the primary group from passwd, when there */
			gid = 0;
		} else if (ociconfig_lookup(in->rootfs, "passwd", user, &uid,
		    &pg) == 0) {
			gid = pg;
		} else if (!json_is_integer(ru)) {
			return err_set(err, ERR_BAD_REQUEST, "unable to find "
			    "user %s: no matching entries in passwd file",
			    user);
		}
	}
	if (*group != '\0') {
		if (ociconfig_is_number(group))
			gid = atoll(group);
		else if (ociconfig_lookup(in->rootfs, "group", group, &gid,
		    NULL) < 0)
			return err_set(err, ERR_BAD_REQUEST, "unable to find "
			    "group %s: no matching entries in group file",
			    group);
	}
	if (json_is_integer(ru))
		uid = json_integer_value(ru);
	if (json_is_integer(rg))
		gid = json_integer_value(rg);
	if (uid < 0 || gid < 0 || uid > 0xfffffffe || gid > 0xfffffffe)
		return err_set(err, ERR_BAD_REQUEST, "bad uid/gid %lld:%lld",
		    uid, gid);
	if (json_is_true(nonroot) && uid == 0)
		return err_set(err, ERR_FORBIDDEN, "container has runAsNonRoot "
		    "and image will run as root");
	gids = json_array();
	json_array_foreach(sup, i, e)
		if (json_is_integer(e))
			json_array_append(gids, e);
	if (json_is_integer(fsg))
		json_array_append(gids, (json_t *)fsg);
	json_object_set_new(process, "user", json_pack("{s:I, s:I, s:o}",
	    "uid", (json_int_t)uid, "gid", (json_int_t)gid,
	    "additionalGids", gids));
	return 0;
}

/* "NET_ADMIN" or "CAP_NET_ADMIN" -> "CAP_NET_ADMIN" in out. */
static void
ociconfig_capname(const char *s, char *out, size_t len)
{
	char tmp[64];
	size_t i;

	for (i = 0; s[i] && i < sizeof tmp - 1; i++)
		tmp[i] = (char)toupper((unsigned char)s[i]);
	tmp[i] = '\0';
	snprintf(out, len, "%s%s", strncmp(tmp, "CAP_", 4) == 0 ? "" : "CAP_",
	    tmp);
}

static int
ociconfig_caps_find(const json_t *set, const char *name)
{
	size_t i;
	json_t *e;

	json_array_foreach(set, i, e)
		if (strcmp(json_string_value(e), name) == 0)
			return (int)i;
	return -1;
}

static json_t *
ociconfig_caps(const struct oci_input *in, int privileged)
{
	const json_t *caps = json_object_get(json_object_get(in->container,
	    "securityContext"), "capabilities");
	const json_t *add = json_object_get(caps, "add");
	const json_t *drop = json_object_get(caps, "drop");
	json_t *set = json_array(), *e;
	uint64_t bnd = ociconfig_capbnd();
	int i;
	size_t k;

	if (privileged) {
		for (i = 0; ociconfig_all_caps[i]; i++)
			if (bnd & (1ULL << i))
				json_array_append_new(set,
				    json_string(ociconfig_all_caps[i]));
		goto done;
	}
	for (i = 0; ociconfig_default_caps[i]; i++)
		json_array_append_new(set, json_string(ociconfig_default_caps[i]));
	json_array_foreach(drop, k, e) {
		char c[80];
		int at;

		if (!json_is_string(e))
			continue;
		ociconfig_capname(json_string_value(e), c, sizeof c);
		if (strcmp(c, "CAP_ALL") == 0)
			json_array_clear(set);
		else if ((at = ociconfig_caps_find(set, c)) >= 0)
			json_array_remove(set, (size_t)at);
	}
	json_array_foreach(add, k, e) {
		char c[80];

		if (!json_is_string(e))
			continue;
		ociconfig_capname(json_string_value(e), c, sizeof c);
		if (strcmp(c, "CAP_ALL") == 0) {
			json_array_clear(set);
			for (i = 0; ociconfig_all_caps[i]; i++)
				if (bnd & (1ULL << i))
					json_array_append_new(set,
					    json_string(ociconfig_all_caps[i]));
		} else if (ociconfig_caps_find(set, c) < 0) {
			for (i = 0; ociconfig_all_caps[i]; i++)
				if (strcmp(ociconfig_all_caps[i], c) == 0 &&
				    (bnd & (1ULL << i)))
					json_array_append_new(set,
					    json_string(c));
		}
	}
done:
	return json_pack("{s:O, s:O, s:o}", "bounding", set, "effective", set,
	    "permitted", set);
}

/* A quantity of the container's resources.(limits|requests); 0 when
 * absent. */
static int
ociconfig_qty(const struct oci_input *in, const char *kind, const char *name,
    struct quantity *q, int *have, struct err *err)
{
	const json_t *v = json_object_get(json_object_get(json_object_get(
	    in->container, "resources"), kind), name);

	*have = 0;
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_integer(v)) {
		quantity_from_value(q, json_integer_value(v),
		    QUANTITY_DECIMAL_SI);
		*have = 1;
		return 0;
	}
	if (!json_is_string(v) || quantity_parse(json_string_value(v), q,
	    err) < 0) {
		if (!json_is_string(v))
			err_set(err, ERR_BAD_REQUEST, "bad quantity");
		err_wrap(err, "resources.%s.%s", kind, name);
		return -1;
	}
	*have = 1;
	return 0;
}

static json_t *
ociconfig_devices(int privileged)
{
	if (privileged)
		return json_pack("[{s:b, s:s}]", "allow", 1, "access", "rwm");
	return json_pack("[{s:b,s:s}, {s:b,s:s,s:s}, {s:b,s:s,s:s},"
	    "{s:b,s:s,s:i,s:i,s:s}, {s:b,s:s,s:i,s:i,s:s},"
	    "{s:b,s:s,s:i,s:i,s:s}, {s:b,s:s,s:i,s:i,s:s},"
	    "{s:b,s:s,s:i,s:i,s:s}, {s:b,s:s,s:i,s:i,s:s},"
	    "{s:b,s:s,s:i,s:s}, {s:b,s:s,s:i,s:i,s:s},"
	    "{s:b,s:s,s:i,s:i,s:s}, {s:b,s:s,s:i,s:i,s:s}]",
	    "allow", 0, "access", "rwm",
	    "allow", 1, "type", "c", "access", "m",
	    "allow", 1, "type", "b", "access", "m",
	    "allow", 1, "type", "c", "major", 1, "minor", 3, "access", "rwm",
	    "allow", 1, "type", "c", "major", 1, "minor", 8, "access", "rwm",
	    "allow", 1, "type", "c", "major", 1, "minor", 7, "access", "rwm",
	    "allow", 1, "type", "c", "major", 5, "minor", 0, "access", "rwm",
	    "allow", 1, "type", "c", "major", 1, "minor", 5, "access", "rwm",
	    "allow", 1, "type", "c", "major", 1, "minor", 9, "access", "rwm",
	    "allow", 1, "type", "c", "major", 136, "access", "rwm",
	    "allow", 1, "type", "c", "major", 5, "minor", 2, "access", "rwm",
	    "allow", 1, "type", "c", "major", 5, "minor", 1, "access", "rwm",
	    "allow", 1, "type", "c", "major", 10, "minor", 200, "access",
	    "rwm");
}

static int
ociconfig_resources(const struct oci_input *in, json_t *linux_, int privileged,
    struct err *err)
{
	struct quantity q;
	int have;
	json_t *res = json_object(), *cpu = json_object();
	int64_t shares = 2, pids = in->pids_limit ? in->pids_limit : 4096;

	json_object_set_new(linux_, "resources", res);
	json_object_set_new(res, "devices", ociconfig_devices(privileged));
	if (ociconfig_qty(in, "limits", "memory", &q, &have, err) < 0)
		goto fail;
	if (have)
		json_object_set_new(res, "memory", json_pack("{s:I}", "limit",
		    (json_int_t)quantity_value(&q)));
	if (ociconfig_qty(in, "limits", "cpu", &q, &have, err) < 0)
		goto fail;
	if (have) {
		int64_t quota = quantity_milli(&q) * 100000 / 1000;

		if (quota < 1000)
			quota = 1000;
		json_object_set_new(cpu, "quota", json_integer(quota));
		json_object_set_new(cpu, "period", json_integer(100000));
		shares = quantity_milli(&q) * 1024 / 1000;
	}
	if (ociconfig_qty(in, "requests", "cpu", &q, &have, err) < 0)
		goto fail;
	if (have)
		shares = quantity_milli(&q) * 1024 / 1000;
	if (shares < 2)
		shares = 2;
	if (shares > 262144)
		shares = 262144;
	json_object_set_new(cpu, "shares", json_integer(shares));
	json_object_set_new(res, "cpu", cpu);
	if (pids > 0)
		json_object_set_new(res, "pids", json_pack("{s:I}", "limit",
		    (json_int_t)pids));
	return 0;
fail:
	json_decref(cpu);
	return -1;
}

static json_t *
ociconfig_mount(const char *dst, const char *type, const char *src,
    const char *opts)
{
	json_t *o = json_array();
	char tmp[256], *save = NULL, *t;

	snprintf(tmp, sizeof tmp, "%s", opts);
	for (t = strtok_r(tmp, ",", &save); t; t = strtok_r(NULL, ",", &save))
		json_array_append_new(o, json_string(t));
	return json_pack("{s:s, s:s, s:s, s:o}", "destination", dst, "type",
	    type, "source", src, "options", o);
}

static int
ociconfig_mounts(const struct oci_input *in, json_t *spec, int privileged,
    struct err *err)
{
	json_t *m = json_array(), *e;
	size_t i, j;

	json_object_set_new(spec, "mounts", m);
	json_array_append_new(m, ociconfig_mount("/proc", "proc", "proc",
	    "nosuid,noexec,nodev"));
	json_array_append_new(m, ociconfig_mount("/dev", "tmpfs", "tmpfs",
	    "nosuid,strictatime,mode=755,size=65536k"));
	json_array_append_new(m, ociconfig_mount("/dev/pts", "devpts",
	    "devpts", "nosuid,noexec,newinstance,ptmxmode=0666,mode=0620,"
	    "gid=5"));
	json_array_append_new(m, ociconfig_mount("/dev/shm", "tmpfs", "shm",
	    "nosuid,noexec,nodev,mode=1777,size=65536k"));
	json_array_append_new(m, ociconfig_mount("/dev/mqueue", "mqueue",
	    "mqueue", "nosuid,noexec,nodev"));
	json_array_append_new(m, ociconfig_mount("/sys", "sysfs", "sysfs",
	    privileged ? "nosuid,noexec,nodev" : "nosuid,noexec,nodev,ro"));
	json_array_append_new(m, ociconfig_mount("/sys/fs/cgroup", "cgroup",
	    "cgroup", privileged ? "nosuid,noexec,nodev,relatime" :
	    "nosuid,noexec,nodev,relatime,ro"));
	json_array_foreach(in->mounts, i, e) {
		const char *dst = json_string_value(json_object_get(e,
		    "destination"));
		const char *src = json_string_value(json_object_get(e,
		    "source"));
		const char *type = json_string_value(json_object_get(e,
		    "type"));
		const json_t *opts = json_object_get(e, "options");
		int ro = json_is_true(json_object_get(e, "readonly"));
		json_t *o = json_array(), *x;

		if (dst == NULL || dst[0] != '/') {
			json_decref(o);
			return err_set(err, ERR_BAD_REQUEST, "mount %zu: "
			    "destination must be an absolute path", i);
		}
		if (type == NULL)
			type = "bind";
		if (strcmp(type, "bind") == 0) {
			if (src == NULL) {
				json_decref(o);
				return err_set(err, ERR_BAD_REQUEST, "mount "
				    "%s: no source", dst);
			}
			json_array_append_new(o, json_string("rbind"));
			json_array_append_new(o, json_string("rprivate"));
		} else if (strcmp(type, "tmpfs") == 0) {
			src = src ? src : "tmpfs";
			json_array_append_new(o, json_string("nosuid"));
			json_array_append_new(o, json_string("nodev"));
		}
		if (ro)
			json_array_append_new(o, json_string("ro"));
		json_array_foreach(opts, j, x)
			if (json_is_string(x))
				json_array_append(o, x);
		/* a caller's mount replaces a default at the same place */
		for (j = 0; j < json_array_size(m); j++)
			if (strcmp(json_string_value(json_object_get(
			    json_array_get(m, j), "destination")), dst) == 0) {
				json_array_remove(m, j);
				break;
			}
		json_array_append_new(m, json_pack("{s:s, s:s, s:s, s:o}",
		    "destination", dst, "type", type, "source",
		    src ? src : type, "options", o));
	}
	return 0;
}

static json_t *
ociconfig_ns(const char *type, const char *dir, const char *file)
{
	char p[4096];

	if (dir == NULL)
		return json_pack("{s:s}", "type", type);
	snprintf(p, sizeof p, "%s/%s", dir, file);
	return json_pack("{s:s, s:s}", "type", type, "path", p);
}

json_t *
ociconfig_build(const struct oci_input *in, struct err *err)
{
	json_t *spec = NULL, *process = json_object(), *linux_ = json_object();
	json_t *ns, *sc = NULL, *arr;
	const json_t *v;
	const char *cwd;
	int privileged, nnp, i;

	if (in->container == NULL || in->rootfs == NULL) {
		err_set(err, ERR_BAD_REQUEST, "ociconfig: no container or "
		    "rootfs");
		goto fail;
	}
	privileged = json_is_true(json_object_get(json_object_get(
	    in->container, "securityContext"), "privileged"));
	if (ociconfig_args(in, process, err) < 0 ||
	    ociconfig_user(in, process, err) < 0)
		goto fail;
	/* a tty: conmon holds the terminal (runtime_create) */
	json_object_set_new(process, "terminal", json_boolean(json_is_true(
	    json_object_get(in->container, "tty"))));
	json_object_set_new(process, "env", ociconfig_env(in));
	cwd = json_string_value(json_object_get(in->container, "workingDir"));
	if (cwd == NULL || *cwd == '\0')
		cwd = json_string_value(json_object_get(in->image_config,
		    "WorkingDir"));
	if (cwd == NULL || cwd[0] != '/')
		cwd = "/";
	json_object_set_new(process, "cwd", json_string(cwd));
	json_object_set_new(process, "capabilities",
	    ociconfig_caps(in, privileged));
	/* kubelet: no_new_privs only when allowPrivilegeEscalation is
	 * false (it defaults to true, and a privileged container may not
	 * set it false) */
	v = json_object_get(json_object_get(in->container, "securityContext"),
	    "allowPrivilegeEscalation");
	nnp = !privileged && json_is_false(v);
	json_object_set_new(process, "noNewPrivileges", json_boolean(nnp));

	spec = json_pack("{s:s, s:o, s:{s:s, s:b}}", "ociVersion", "1.0.2",
	    "process", process, "root", "path", in->rootfs, "readonly",
	    json_is_true(ociconfig_sc(in, "readOnlyRootFilesystem")) ? 1 : 0);
	process = NULL;
	if (spec == NULL) {
		err_set(err, ERR_INTERNAL, "ociconfig: out of memory");
		goto fail;
	}
	if (in->sandbox_dir == NULL && in->hostname != NULL)
		json_object_set_new(spec, "hostname", json_string(in->hostname));
	if (ociconfig_mounts(in, spec, privileged, err) < 0)
		goto fail;

	json_object_set_new(spec, "linux", linux_);
	ns = json_array();
	json_array_append_new(ns, json_pack("{s:s}", "type", "pid"));
	json_array_append_new(ns, json_pack("{s:s}", "type", "mount"));
	if (!in->host_network)
		json_array_append_new(ns, ociconfig_ns("network",
		    in->sandbox_dir, "net"));
	json_array_append_new(ns, ociconfig_ns("ipc", in->sandbox_dir, "ipc"));
	json_array_append_new(ns, ociconfig_ns("uts", in->sandbox_dir, "uts"));
	json_object_set_new(linux_, "namespaces", ns);
	if (in->cgroups_path != NULL)
		json_object_set_new(linux_, "cgroupsPath",
		    json_string(in->cgroups_path));
	if (ociconfig_resources(in, linux_, privileged, err) < 0)
		goto fail;
	if (!privileged) {
		arr = json_array();
		for (i = 0; ociconfig_masked[i]; i++)
			json_array_append_new(arr, json_string(
			    ociconfig_masked[i]));
		json_object_set_new(linux_, "maskedPaths", arr);
		arr = json_array();
		for (i = 0; ociconfig_readonly[i]; i++)
			json_array_append_new(arr, json_string(
			    ociconfig_readonly[i]));
		json_object_set_new(linux_, "readonlyPaths", arr);
		const json_t *prof = ociconfig_sc(in, "seccompProfile");
		const char *type = json_string_value(json_object_get(prof,
		    "type")), *bpf;

		if (seccomp_profile(prof, in->seccomp_root, &sc, err) < 0)
			goto fail_nolinux;
		if (sc != NULL)
			json_object_set_new(linux_, "seccomp", sc);
		/* RuntimeDefault's filter, compiled once, not by each crun */
		if (sc != NULL && (type == NULL || strcmp(type,
		    "RuntimeDefault") == 0) &&
		    (bpf = seccomp_runtime_default_bpf()) != NULL) {
			if (!json_is_object(json_object_get(spec,
			    "annotations")))
				json_object_set_new(spec, "annotations",
				    json_object());
			json_object_set_new(json_object_get(spec,
			    "annotations"), "run.oci.seccomp_bpf_data",
			    json_string(bpf));
		}
	}
	return spec;
fail:
	if (spec == NULL || json_object_get(spec, "linux") != linux_)
		json_decref(linux_);
fail_nolinux:
	json_decref(process);
	json_decref(spec);
	return NULL;
}
