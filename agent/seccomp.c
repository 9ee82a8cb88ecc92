/* seccomp.c - the RuntimeDefault, Localhost and Unconfined seccomp
 * profiles as OCI linux.seccomp objects, and RuntimeDefault compiled to
 * BPF once for crun (run.oci.seccomp_bpf_data), so that crun does not
 * compile its 300 rules again for every container (some 10 ms each). */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <seccomp.h>

#include "../lib/base64.h"
#include "../lib/buf.h"
#include "../lib/file.h"
#include "seccomp.h"

/* Docker's default allowlist (moby profiles/seccomp/default.json), the
 * names that exist on x86_64. */
static const char *const seccomp_names[] = {
	"accept", "accept4", "access", "adjtimex", "alarm", "arch_prctl",
	"bind", "brk", "cachestat", "capget", "capset", "chdir", "chmod",
	"chown", "chroot", "clock_adjtime", "clock_getres", "clock_gettime",
	"clock_nanosleep", "close", "close_range", "connect",
	"copy_file_range", "creat", "dup", "dup2", "dup3", "epoll_create",
	"epoll_create1", "epoll_ctl", "epoll_ctl_old", "epoll_pwait",
	"epoll_pwait2", "epoll_wait", "epoll_wait_old", "eventfd",
	"eventfd2", "execve", "execveat", "exit", "exit_group", "faccessat",
	"faccessat2", "fadvise64", "fallocate", "fanotify_mark", "fchdir",
	"fchmod", "fchmodat", "fchmodat2", "fchown", "fchownat", "fcntl",
	"fdatasync", "fgetxattr", "flistxattr", "flock", "fork",
	"fremovexattr", "fsetxattr", "fstat", "fstatfs", "fsync",
	"ftruncate", "futex", "futex_requeue", "futex_wait", "futex_waitv",
	"futex_wake", "futimesat", "getcpu", "getcwd", "getdents",
	"getdents64", "getegid", "geteuid", "getgid", "getgroups",
	"getitimer", "getpeername", "getpgid", "getpgrp", "getpid",
	"getppid", "getpriority", "getrandom", "getresgid", "getresuid",
	"getrlimit", "get_robust_list", "getrusage", "getsid", "getsockname",
	"getsockopt", "get_thread_area", "gettid", "gettimeofday", "getuid",
	"getxattr", "inotify_add_watch", "inotify_init", "inotify_init1",
	"inotify_rm_watch", "io_cancel", "ioctl", "io_destroy",
	"io_getevents", "io_pgetevents", "ioprio_get", "ioprio_set",
	"io_setup", "io_submit", "kill", "landlock_add_rule",
	"landlock_create_ruleset", "landlock_restrict_self", "lchown",
	"lgetxattr", "link", "linkat", "listen", "listxattr", "llistxattr",
	"lremovexattr", "lseek", "lsetxattr", "lstat", "madvise",
	"map_shadow_stack", "membarrier", "memfd_create", "memfd_secret",
	"mincore", "mkdir", "mkdirat", "mknod", "mknodat", "mlock", "mlock2",
	"mlockall", "mmap", "modify_ldt", "mprotect", "mq_getsetattr",
	"mq_notify", "mq_open", "mq_timedreceive", "mq_timedsend",
	"mq_unlink", "mremap", "msgctl", "msgget", "msgrcv", "msgsnd",
	"msync", "munlock", "munlockall", "munmap", "name_to_handle_at",
	"nanosleep", "newfstatat", "open", "openat", "openat2", "pause",
	"personality", "pidfd_getfd", "pidfd_open", "pidfd_send_signal",
	"pipe", "pipe2", "pkey_alloc", "pkey_free", "pkey_mprotect", "poll",
	"ppoll", "prctl", "pread64", "preadv", "preadv2", "prlimit64",
	"process_mrelease", "pselect6", "pwrite64", "pwritev", "pwritev2",
	"read", "readahead", "readlink", "readlinkat", "readv", "recvfrom",
	"recvmmsg", "recvmsg", "remap_file_pages", "removexattr", "rename",
	"renameat", "renameat2", "restart_syscall", "rmdir", "rseq",
	"rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo",
	"rt_sigreturn", "rt_sigsuspend", "rt_sigtimedwait",
	"rt_tgsigqueueinfo", "sched_getaffinity", "sched_getattr",
	"sched_getparam", "sched_get_priority_max", "sched_get_priority_min",
	"sched_getscheduler", "sched_rr_get_interval", "sched_setaffinity",
	"sched_setattr", "sched_setparam", "sched_setscheduler",
	"sched_yield", "seccomp", "select", "semctl", "semget", "semop",
	"semtimedop", "sendfile", "sendmmsg", "sendmsg", "sendto",
	"setfsgid", "setfsuid", "setgid", "setgroups", "setitimer",
	"setpgid", "setpriority", "setregid", "setresgid", "setresuid",
	"setreuid", "setrlimit", "set_robust_list", "setsid", "setsockopt",
	"set_thread_area", "set_tid_address", "setuid", "setxattr", "shmat",
	"shmctl", "shmdt", "shmget", "shutdown", "sigaltstack", "signalfd",
	"signalfd4", "socket", "socketpair", "splice", "stat", "statfs",
	"statx", "symlink", "symlinkat", "sync", "sync_file_range", "syncfs",
	"sysinfo", "tee", "tgkill", "time", "timer_create", "timer_delete",
	"timer_getoverrun", "timer_gettime", "timer_settime",
	"timerfd_create", "timerfd_gettime", "timerfd_settime", "times",
	"tkill", "truncate", "umask", "uname", "unlink", "unlinkat", "utime",
	"utimensat", "utimes", "vfork", "vmsplice", "wait4", "waitid",
	"write", "writev",
	NULL
};

const char *const *
seccomp_default_names(void)
{
	return seccomp_names;
}

int
seccomp_check_names(struct err *err)
{
	for (int i = 0; seccomp_names[i] != NULL; i++)
		if (seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64,
		    seccomp_names[i]) < 0)
			return err_set(err, ERR_INTERNAL, "seccomp: syscall %s "
			    "does not resolve on x86_64", seccomp_names[i]);
	if (seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64, "clone") < 0 ||
	    seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64, "clone3") < 0)
		return err_set(err, ERR_INTERNAL, "seccomp: clone/clone3 do "
		    "not resolve on x86_64");
	return 0;
}

/* CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET, as Docker. */
#define SECCOMP_CLONE_NS_MASK	2114060288

json_t *
seccomp_runtime_default(void)
{
	json_t *names = json_array(), *sys = json_array();

	for (int i = 0; seccomp_names[i] != NULL; i++)
		json_array_append_new(names, json_string(seccomp_names[i]));
	json_array_append_new(sys, json_pack("{s:o, s:s}", "names", names,
	    "action", "SCMP_ACT_ALLOW"));
	json_array_append_new(sys, json_pack("{s:[s], s:s, s:[{s:i, s:I, "
	    "s:i, s:s}]}", "names", "clone", "action", "SCMP_ACT_ALLOW",
	    "args", "index", 0, "value", (json_int_t)SECCOMP_CLONE_NS_MASK,
	    "valueTwo", 0, "op", "SCMP_CMP_MASKED_EQ"));
	json_array_append_new(sys, json_pack("{s:[s], s:s, s:i}", "names",
	    "clone3", "action", "SCMP_ACT_ERRNO", "errnoRet", ENOSYS));
	return json_pack("{s:s, s:i, s:[s,s,s], s:o}",
	    "defaultAction", "SCMP_ACT_ERRNO", "defaultErrnoRet", EPERM,
	    "architectures", "SCMP_ARCH_X86_64", "SCMP_ARCH_X86",
	    "SCMP_ARCH_X32", "syscalls", sys);
}

/* Docker's format to OCI's: archMap -> architectures. */
static json_t *
seccomp_from_file(json_t *in, struct err *err)
{
	json_t *out = json_object(), *v, *m;
	size_t i, j;

	if (!json_is_object(in) || !json_is_string(json_object_get(in,
	    "defaultAction"))) {
		json_decref(out);
		err_set(err, ERR_BAD_REQUEST, "seccomp profile: no "
		    "defaultAction");
		return NULL;
	}
	json_object_set(out, "defaultAction", json_object_get(in,
	    "defaultAction"));
	if ((v = json_object_get(in, "defaultErrnoRet")) != NULL)
		json_object_set(out, "defaultErrnoRet", v);
	if ((v = json_object_get(in, "flags")) != NULL)
		json_object_set(out, "flags", v);
	if ((v = json_object_get(in, "architectures")) != NULL)
		json_object_set(out, "architectures", v);
	else if ((v = json_object_get(in, "archMap")) != NULL) {
		json_t *arches = json_array();

		json_array_foreach(v, i, m) {
			json_t *sub = json_object_get(m, "subArchitectures"), *s;

			if (json_is_string(json_object_get(m, "architecture")))
				json_array_append(arches, json_object_get(m,
				    "architecture"));
			json_array_foreach(sub, j, s)
				json_array_append(arches, s);
		}
		json_object_set_new(out, "architectures", arches);
	}
	if ((v = json_object_get(in, "syscalls")) != NULL) {
		json_t *sys = json_array();

		json_array_foreach(v, i, m) {
			json_t *e = json_object(), *names;

			names = json_object_get(m, "names");
			if (names == NULL && json_is_string(json_object_get(m,
			    "name")))
				names = json_pack("[O]", json_object_get(m,
				    "name"));
			else
				json_incref(names);
			if (names != NULL)
				json_object_set_new(e, "names", names);
			if (json_object_get(m, "action"))
				json_object_set(e, "action",
				    json_object_get(m, "action"));
			if (json_object_get(m, "errnoRet"))
				json_object_set(e, "errnoRet",
				    json_object_get(m, "errnoRet"));
			if (json_object_get(m, "args") &&
			    !json_is_null(json_object_get(m, "args")))
				json_object_set(e, "args",
				    json_object_get(m, "args"));
			json_array_append_new(sys, e);
		}
		json_object_set_new(out, "syscalls", sys);
	}
	return out;
}

int
seccomp_profile(const json_t *profile, const char *root, json_t **out,
    struct err *err)
{
	const char *type = json_string_value(json_object_get(profile, "type"));
	const char *rel;
	char path[4096];
	struct buf b = BUF_INIT(4 << 20);
	json_error_t je;
	json_t *j;

	*out = NULL;
	if (profile == NULL || type == NULL ||
	    strcmp(type, "RuntimeDefault") == 0) {
		*out = seccomp_runtime_default();
		return 0;
	}
	if (strcmp(type, "Unconfined") == 0)
		return 0;
	if (strcmp(type, "Localhost") != 0)
		return err_set(err, ERR_BAD_REQUEST, "seccompProfile.type: "
		    "unsupported value \"%s\"", type);
	rel = json_string_value(json_object_get(profile, "localhostProfile"));
	if (rel == NULL || *rel == '\0' || rel[0] == '/' ||
	    strcmp(rel, "..") == 0 || strncmp(rel, "../", 3) == 0 ||
	    strstr(rel, "/../") != NULL || (strlen(rel) >= 3 &&
	    strcmp(rel + strlen(rel) - 3, "/..") == 0))
		return err_set(err, ERR_BAD_REQUEST, "seccompProfile."
		    "localhostProfile: must be a relative path without \"..\"");
	if (root == NULL)
		return err_set(err, ERR_BAD_REQUEST, "Localhost seccomp "
		    "profile %s: no seccomp profile root", rel);
	if (snprintf(path, sizeof path, "%s/%s", root, rel) >=
	    (int)sizeof path)
		return err_set(err, ERR_BAD_REQUEST, "seccomp profile path "
		    "too long");
	if (file_read(path, &b, err) < 0) {
		err_wrap(err, "seccomp profile");
		return -1;
	}
	j = json_loadb(buf_str(&b), b.len, 0, &je);
	buf_release(&b);
	if (j == NULL)
		return err_set(err, ERR_BAD_REQUEST, "seccomp profile %s: "
		    "line %d: %s", path, je.line, je.text);
	*out = seccomp_from_file(j, err);
	json_decref(j);
	return *out == NULL ? -1 : 0;
}

/* "SCMP_ACT_ERRNO" with its errno as libseccomp's action; -1 when none. */
static long long
seccomp_action(const char *name, const json_t *errno_ret, int def_errno)
{
	int e = json_is_integer(errno_ret) ? (int)json_integer_value(
	    errno_ret) : def_errno;

	if (name == NULL)
		return -1;
	if (strcmp(name, "SCMP_ACT_ALLOW") == 0)
		return SCMP_ACT_ALLOW;
	if (strcmp(name, "SCMP_ACT_ERRNO") == 0)
		return SCMP_ACT_ERRNO((unsigned)e);
	if (strcmp(name, "SCMP_ACT_KILL") == 0 ||
	    strcmp(name, "SCMP_ACT_KILL_THREAD") == 0)
		return SCMP_ACT_KILL;
	if (strcmp(name, "SCMP_ACT_KILL_PROCESS") == 0)
		return SCMP_ACT_KILL_PROCESS;
	if (strcmp(name, "SCMP_ACT_TRAP") == 0)
		return SCMP_ACT_TRAP;
	if (strcmp(name, "SCMP_ACT_LOG") == 0)
		return SCMP_ACT_LOG;
	if (strcmp(name, "SCMP_ACT_TRACE") == 0)
		return SCMP_ACT_TRACE((unsigned)e);
	return -1;
}

static int
seccomp_op(const char *name, enum scmp_compare *op)
{
	static const struct { const char *n; enum scmp_compare op; } ops[] = {
		{ "SCMP_CMP_NE", SCMP_CMP_NE }, { "SCMP_CMP_LT", SCMP_CMP_LT },
		{ "SCMP_CMP_LE", SCMP_CMP_LE }, { "SCMP_CMP_EQ", SCMP_CMP_EQ },
		{ "SCMP_CMP_GE", SCMP_CMP_GE }, { "SCMP_CMP_GT", SCMP_CMP_GT },
		{ "SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ },
	};

	for (size_t i = 0; name != NULL && i < sizeof ops / sizeof ops[0]; i++)
		if (strcmp(name, ops[i].n) == 0) {
			*op = ops[i].op;
			return 0;
		}
	return -1;
}

/* One syscalls[] entry's rules, as crun adds them: conditions on
 * distinct arguments in one rule, on the same argument one rule each. */
static int
seccomp_entry(scmp_filter_ctx ctx, const json_t *e, uint32_t def,
    struct err *err)
{
	const json_t *args = json_object_get(e, "args"), *a, *n;
	struct scmp_arg_cmp cmp[6];
	long long act = seccomp_action(json_string_value(json_object_get(e,
	    "action")), json_object_get(e, "errnoRet"), EPERM);
	unsigned ncmp = 0, seen = 0;
	int split = 0;
	size_t i, j;

	if (act < 0)
		return err_set(err, ERR_BAD_REQUEST, "seccomp: unsupported "
		    "action %s", json_string_value(json_object_get(e,
		    "action")) ?: "(none)");
	if ((uint32_t)act == def)
		return 0;	/* libseccomp refuses it; it changes nothing */
	json_array_foreach(args, i, a) {
		enum scmp_compare op;
		unsigned idx = (unsigned)json_integer_value(json_object_get(a,
		    "index"));

		if (ncmp == 6 || idx > 5 || seccomp_op(json_string_value(
		    json_object_get(a, "op")), &op) < 0)
			return err_set(err, ERR_BAD_REQUEST, "seccomp: bad "
			    "argument condition");
		if (seen & (1u << idx))
			split = 1;
		seen |= 1u << idx;
		cmp[ncmp++] = (struct scmp_arg_cmp){ idx, op,
		    (scmp_datum_t)json_integer_value(json_object_get(a,
		    "value")), (scmp_datum_t)json_integer_value(
		    json_object_get(a, "valueTwo")) };
	}
	json_array_foreach(json_object_get(e, "names"), j, n) {
		int nr = seccomp_syscall_resolve_name(json_string_value(n) ?:
		    "");
		int rc = 0;

		if (nr == __NR_SCMP_ERROR)
			continue;	/* not on this kernel's arches: crun too */
		if (!split)
			rc = seccomp_rule_add_array(ctx, (uint32_t)act, nr,
			    ncmp, cmp);
		for (unsigned k = 0; split && rc == 0 && k < ncmp; k++)
			rc = seccomp_rule_add_array(ctx, (uint32_t)act, nr, 1,
			    &cmp[k]);
		if (rc < 0)
			return err_set(err, ERR_BAD_REQUEST, "seccomp: rule for "
			    "%s: %s", json_string_value(n), strerror(-rc));
	}
	return 0;
}

int
seccomp_compile(const json_t *sc, struct buf *b64, struct err *err)
{
	long long def = seccomp_action(json_string_value(json_object_get(sc,
	    "defaultAction")), json_object_get(sc, "defaultErrnoRet"), EPERM);
	scmp_filter_ctx ctx;
	struct buf bpf = BUF_INIT(1 << 20);
	const json_t *v;
	char chunk[4096];
	ssize_t n;
	int fd = -1, ret = -1;
	size_t i;

	if (def < 0)
		return err_set(err, ERR_BAD_REQUEST, "seccomp: unsupported "
		    "default action");
	if ((ctx = seccomp_init((uint32_t)def)) == NULL)
		return err_set(err, ERR_INTERNAL, "seccomp_init failed");
	json_array_foreach(json_object_get(sc, "architectures"), i, v) {
		char name[64];
		const char *s = json_string_value(v) ?: "";
		uint32_t arch;

		if (strncmp(s, "SCMP_ARCH_", 10) == 0)
			s += 10;
		snprintf(name, sizeof name, "%s", s);
		for (char *p = name; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if ((arch = seccomp_arch_resolve_name(name)) == 0) {
			err_set(err, ERR_BAD_REQUEST, "seccomp: unknown "
			    "architecture %s", json_string_value(v));
			goto out;
		}
		if (arch != seccomp_arch_native() && seccomp_arch_add(ctx,
		    arch) < 0) {
			err_set(err, ERR_INTERNAL, "seccomp: cannot add "
			    "architecture %s", name);
			goto out;
		}
	}
	json_array_foreach(json_object_get(sc, "syscalls"), i, v)
		if (seccomp_entry(ctx, v, (uint32_t)def, err) < 0)
			goto out;
	if ((fd = memfd_create("seccomp-bpf", MFD_CLOEXEC)) < 0 ||
	    seccomp_export_bpf(ctx, fd) < 0 || lseek(fd, 0, SEEK_SET) < 0) {
		err_set(err, ERR_INTERNAL, "seccomp: cannot export the filter");
		goto out;
	}
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		if (buf_add(&bpf, chunk, (size_t)n) < 0) {
			err_set(err, ERR_INTERNAL, "seccomp: filter too large");
			goto out;
		}
	if (bpf.len == 0 || base64_encode(bpf.data, bpf.len, 0, b64) < 0) {
		err_set(err, ERR_INTERNAL, "seccomp: cannot encode the filter");
		goto out;
	}
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	buf_release(&bpf);
	seccomp_release(ctx);
	return ret;
}

static pthread_once_t seccomp_once = PTHREAD_ONCE_INIT;
static char *seccomp_default_bpf;

static void
seccomp_default_compile(void)
{
	struct buf b = BUF_INIT(1 << 20);
	json_t *sc = seccomp_runtime_default();
	struct err err;

	err_clear(&err);
	if (seccomp_compile(sc, &b, &err) == 0)
		seccomp_default_bpf = strdup(buf_str(&b));
	else
		fprintf(stderr, "kubec-agent: RuntimeDefault left to crun to "
		    "compile: %s\n", err.msg);
	json_decref(sc);
	buf_release(&b);
}

const char *
seccomp_runtime_default_bpf(void)
{
	pthread_once(&seccomp_once, seccomp_default_compile);
	return seccomp_default_bpf;
}
