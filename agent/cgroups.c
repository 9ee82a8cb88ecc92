/* cgroups.c - cgroup mode detection, the agent's persistent private mount
 * namespace (crun on hybrid hosts) and pod-level cgroups. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>
#include <linux/magic.h>

#include "../lib/buf.h"
#include "../lib/file.h"
#include "cgroups.h"

#ifndef NSFS_MAGIC
#define NSFS_MAGIC 0x6e736673
#endif
#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

#define CGROUPS_ROOT	"/sys/fs/cgroup"
#define CGROUPS_WARM_MS		100	/* how long a cgroups_warm() lasts */
#define CGROUPS_WARM_EVERY_MS	3	/* under a grace period here */

/* cgroups_warm's thread and what it writes where */
static struct {
	pthread_mutex_t	mu;
	pthread_cond_t	cond;
	long long	until_ms;	/* CLOCK_MONOTONIC */
	int		state;		/* 0 unset, 1 running, -1 off */
	char		procs[PATH_MAX];
	char		pid[24];
} cgroups_warmth = { .mu = PTHREAD_MUTEX_INITIALIZER,
	.cond = PTHREAD_COND_INITIALIZER };

int
cgroups_mode(enum cgroups_mode *mode, struct err *err)
{
	struct statfs sf;

	if (statfs(CGROUPS_ROOT, &sf) < 0)
		return err_set(err, ERR_INTERNAL, "statfs %s: %s",
		    CGROUPS_ROOT, strerror(errno));
	if ((unsigned long)sf.f_type == CGROUP2_SUPER_MAGIC) {
		*mode = CGROUPS_V2;
		return 0;
	}
	*mode = CGROUPS_V1;
	if (statfs(CGROUPS_ROOT "/unified", &sf) == 0 &&
	    (unsigned long)sf.f_type == CGROUP2_SUPER_MAGIC)
		*mode = CGROUPS_HYBRID;
	return 0;
}

/* 1 when path (a real path) is a mount point in this mount namespace. */
static int
cgroups_is_mountpoint(const char *path)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];
	int found = 0;

	if (f == NULL)
		return 0;
	while (!found && fgets(line, sizeof line, f) != NULL) {
		char mp[PATH_MAX];

		/* id parent maj:min root mountpoint ... */
		if (sscanf(line, "%*s %*s %*s %*s %4095s", mp) == 1 &&
		    strcmp(mp, path) == 0)
			found = 1;
	}
	fclose(f);
	return found;
}

static int
cgroups_ns_ino(ino_t *ino)
{
	struct stat st;

	if (stat("/proc/self/ns/mnt", &st) < 0)
		return -1;
	*ino = st.st_ino;
	return 0;
}

/* Makes the new namespace's mounts: / private, cgroup2 hidden. */
static int
cgroups_ns_setup(struct err *err)
{
	enum cgroups_mode mode;

	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return err_set(err, ERR_INTERNAL, "make / rprivate: %s",
		    strerror(errno));
	if (cgroups_mode(&mode, err) < 0)
		return -1;
	if (mode == CGROUPS_HYBRID && mount("tmpfs", CGROUPS_ROOT "/unified",
	    "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0755") < 0)
		return err_set(err, ERR_INTERNAL,
		    "mount tmpfs on %s/unified: %s", CGROUPS_ROOT,
		    strerror(errno));
	return 0;
}

/*
 * One attempt: a new mount namespace, set up, pinned on file (which must
 * exist), then entered.  -1 with errno EINVAL (and err unset) when the
 * kernel refused the pin as a possible loop.
 */
static int
cgroups_ns_try(int host, const char *file, const char *inofile,
    struct err *err)
{
	char proc[64], ino[32];
	ino_t cur;
	int newns = -1, ret = -1, n;

	if (unshare(CLONE_NEWNS) < 0)
		return err_set(err, ERR_INTERNAL, "unshare(CLONE_NEWNS): %s%s",
		    strerror(errno), errno == EINVAL ?
		    " (the process must be single-threaded)" : "");
	if (cgroups_ns_setup(err) < 0)
		goto back;
	newns = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
	if (newns < 0 || cgroups_ns_ino(&cur) < 0) {
		err_set(err, ERR_INTERNAL, "open /proc/self/ns/mnt: %s",
		    strerror(errno));
		goto back;
	}
	n = snprintf(ino, sizeof ino, "%llu\n", (unsigned long long)cur);
	if (file_write_atomic(inofile, ino, (size_t)n, 0600, err) < 0)
		goto back;
	if (setns(host, CLONE_NEWNS) < 0) {
		err_set(err, ERR_INTERNAL, "setns back to the host: %s",
		    strerror(errno));
		goto out;
	}
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", newns);
	if (mount(proc, file, NULL, MS_BIND, NULL) < 0) {
		if (errno != EINVAL)
			err_set(err, ERR_INTERNAL, "bind mount the mount "
			    "namespace on %s: %s", file, strerror(errno));
		goto out;
	}
	if (setns(newns, CLONE_NEWNS) < 0) {
		err_set(err, ERR_INTERNAL, "setns %s: %s", file,
		    strerror(errno));
		goto out;
	}
	ret = 0;
	goto out;
back:
	if (setns(host, CLONE_NEWNS) < 0)
		err_wrap(err, "(and could not return to the host's mount "
		    "namespace: %s)", strerror(errno));
out:
	if (newns >= 0)
		close(newns);
	return ret;
}

/*
 * Creates the namespace and pins it on file.  The kernel refuses to bind
 * a mount namespace file unless the namespace is newer (by id) than the
 * one the mount lands in, and since Linux 6.18 namespace ids come from
 * per-CPU batches: a namespace made now on another CPU than the host's
 * may get a smaller id (EINVAL).  Made on the CPU that made the host's
 * namespace it always gets a larger one, so each allowed CPU is tried.
 */
static int
cgroups_ns_create(const char *file, const char *inofile, struct err *err)
{
	cpu_set_t orig, one;
	int fd, host, ret = -1;

	fd = open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return err_set(err, ERR_INTERNAL, "create %s: %s", file,
		    strerror(errno));
	close(fd);
	host = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
	if (host < 0)
		return err_set(err, ERR_INTERNAL, "open /proc/self/ns/mnt: %s",
		    strerror(errno));
	if (sched_getaffinity(0, sizeof orig, &orig) < 0)
		CPU_ZERO(&orig);
	/* first wherever the scheduler put us, then on each CPU in turn */
	for (int cpu = -1; cpu < CPU_SETSIZE && ret < 0; cpu++) {
		if (cpu >= 0) {
			if (!CPU_ISSET(cpu, &orig))
				continue;
			CPU_ZERO(&one);
			CPU_SET(cpu, &one);
			if (sched_setaffinity(0, sizeof one, &one) < 0)
				continue;
		}
		errno = 0;
		err_clear(err);
		if (cgroups_ns_try(host, file, inofile, err) == 0)
			ret = 0;
		else if (err->msg[0] != '\0')
			break;		/* a real failure, not the id order */
	}
	if (CPU_COUNT(&orig) > 0)
		sched_setaffinity(0, sizeof orig, &orig);
	if (ret < 0 && err->msg[0] == '\0')
		err_set(err, ERR_INTERNAL, "bind mount the mount namespace "
		    "on %s: %s", file, strerror(EINVAL));
	close(host);
	return ret;
}

int
cgroups_enter_ns(const char *dir, struct err *err)
{
	char real[PATH_MAX], file[PATH_MAX + 8], inofile[PATH_MAX + 16];
	char cwd[PATH_MAX];
	struct buf ib = BUF_INIT(64);
	struct statfs sf;
	ino_t cur;
	int fd = -1, ret = -1, have_cwd;

	have_cwd = getcwd(cwd, sizeof cwd) != NULL;
	if (file_mkdirs(dir, 0700, err) < 0)
		return -1;
	if (realpath(dir, real) == NULL)
		return err_set(err, ERR_INTERNAL, "realpath %s: %s", dir,
		    strerror(errno));
	snprintf(file, sizeof file, "%s/mnt", real);
	snprintf(inofile, sizeof inofile, "%s/mnt.ino", real);
	if (cgroups_ns_ino(&cur) < 0)
		return err_set(err, ERR_INTERNAL, "stat /proc/self/ns/mnt: %s",
		    strerror(errno));

	/* Already inside (a restarted agent forked inside, or a second
	 * call): the inode recorded when the namespace was made. */
	if (file_read(inofile, &ib, NULL) == 0 &&
	    strtoull(buf_str(&ib), NULL, 10) == (unsigned long long)cur) {
		fd = open(file, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || (fstatfs(fd, &sf) == 0 &&
		    (unsigned long)sf.f_type != NSFS_MAGIC)) {
			ret = 0;
			goto out;
		}
		close(fd);
		fd = -1;
	}

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && fstatfs(fd, &sf) == 0 &&
	    (unsigned long)sf.f_type == NSFS_MAGIC) {
		struct stat st;

		if (fstat(fd, &st) == 0 && st.st_ino == cur) {
			ret = 0;
			goto out;
		}
		if (setns(fd, CLONE_NEWNS) < 0) {
			err_set(err, ERR_INTERNAL, "setns %s: %s", file,
			    strerror(errno));
			goto out;
		}
		ret = 0;
		goto chdir;
	}
	if (fd >= 0)
		close(fd);
	fd = -1;

	/* Create it: dir must be a private mount so that the nsfs bind
	 * mount does not propagate into the new namespace (a loop). */
	if (!cgroups_is_mountpoint(real) &&
	    mount(real, real, NULL, MS_BIND, NULL) < 0) {
		err_set(err, ERR_INTERNAL, "bind mount %s: %s", real,
		    strerror(errno));
		goto out;
	}
	if (mount(NULL, real, NULL, MS_PRIVATE, NULL) < 0) {
		err_set(err, ERR_INTERNAL, "make %s private: %s", real,
		    strerror(errno));
		goto out;
	}
	if (cgroups_ns_create(file, inofile, err) < 0)
		goto out;
	ret = 0;
chdir:
	if (have_cwd && chdir(cwd) < 0 && chdir("/") < 0)
		ret = err_set(err, ERR_INTERNAL, "chdir: %s", strerror(errno));
out:
	if (fd >= 0)
		close(fd);
	buf_release(&ib);
	return ret;
}

int
cgroups_base(char *out, size_t len, struct err *err)
{
	FILE *f = fopen("/proc/self/cgroup", "re");
	char line[4096], v2[4096] = "";
	int found = 0;

	if (f == NULL)
		return err_set(err, ERR_INTERNAL, "open /proc/self/cgroup: %s",
		    strerror(errno));
	while (!found && fgets(line, sizeof line, f) != NULL) {
		char *ctrls = strchr(line, ':'), *path;

		line[strcspn(line, "\n")] = '\0';
		if (ctrls == NULL || (path = strchr(ctrls + 1, ':')) == NULL)
			continue;
		*path++ = '\0';
		ctrls++;
		if (*ctrls == '\0') {
			snprintf(v2, sizeof v2, "%s", path);
			continue;
		}
		for (char *c = strtok(ctrls, ","); c; c = strtok(NULL, ","))
			if (strcmp(c, "memory") == 0) {
				snprintf(v2, sizeof v2, "%s", path);
				found = 1;
			}
	}
	fclose(f);
	if (strcmp(v2, "/") == 0)
		v2[0] = '\0';
	if (snprintf(out, len, "%s", v2) >= (int)len)
		return err_set(err, ERR_INTERNAL, "cgroup path too long");
	return 0;
}

int
cgroups_pod_path(const char *uid, char *out, size_t len, struct err *err)
{
	char base[2048];

	if (cgroups_base(base, sizeof base, err) < 0)
		return -1;
	if (strchr(uid, '/') != NULL || strcmp(uid, "..") == 0)
		return err_set(err, ERR_BAD_REQUEST, "bad pod uid %s", uid);
	if (snprintf(out, len, "%s/kubepods/pod%s", base, uid) >= (int)len)
		return err_set(err, ERR_INTERNAL, "cgroup path too long");
	return 0;
}

static const char *const cgroups_ctrls[] = { "cpu", "cpuacct", "memory",
	"pids", NULL };

static int
cgroups_write(const char *dir, const char *name, long long v, struct err *err)
{
	char path[PATH_MAX + 64], s[32];
	int fd, n;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	n = snprintf(s, sizeof s, "%lld", v);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, s, (size_t)n) != n) {
		err_set(err, ERR_INTERNAL, "write %s to %s: %s", s, path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int
cgroups_pod_create(const char *uid, const struct cgroups_pod_limits *l,
    struct err *err)
{
	char pod[2048], dir[PATH_MAX];
	enum cgroups_mode mode;
	uint64_t period = l->cpu_period_us ? l->cpu_period_us : 100000;

	if (cgroups_mode(&mode, err) < 0 ||
	    cgroups_pod_path(uid, pod, sizeof pod, err) < 0)
		return -1;
	if (mode == CGROUPS_V2) {
		snprintf(dir, sizeof dir, "%s%s", CGROUPS_ROOT, pod);
		if (file_mkdirs(dir, 0700, err) < 0)
			return -1;
		if (l->memory_bytes > 0 &&
		    cgroups_write(dir, "memory.max", l->memory_bytes, err) < 0)
			return -1;
		if (l->cpu_shares > 0 && cgroups_write(dir, "cpu.weight",
		    (long long)(1 + ((l->cpu_shares - 2) * 9999) / 262142),
		    err) < 0)
			return -1;
		return 0;
	}
	for (int i = 0; cgroups_ctrls[i] != NULL; i++) {
		const char *c = cgroups_ctrls[i];
		struct stat st;

		snprintf(dir, sizeof dir, "%s/%s", CGROUPS_ROOT, c);
		if (stat(dir, &st) < 0)
			continue;
		snprintf(dir, sizeof dir, "%s/%s%s", CGROUPS_ROOT, c, pod);
		if (file_mkdirs(dir, 0700, err) < 0)
			return -1;
		if (strcmp(c, "memory") == 0 && l->memory_bytes > 0 &&
		    cgroups_write(dir, "memory.limit_in_bytes",
		    l->memory_bytes, err) < 0)
			return -1;
		if (strcmp(c, "cpu") != 0)
			continue;
		if (l->cpu_shares > 0 && cgroups_write(dir, "cpu.shares",
		    (long long)l->cpu_shares, err) < 0)
			return -1;
		if (l->cpu_quota_us > 0 && (cgroups_write(dir,
		    "cpu.cfs_period_us", (long long)period, err) < 0 ||
		    cgroups_write(dir, "cpu.cfs_quota_us", l->cpu_quota_us,
		    err) < 0))
			return -1;
	}
	return 0;
}

/* rmdir a cgroup directory and, first, its child cgroups. */
static int
cgroups_rmdir(const char *dir, int depth)
{
	DIR *d;
	struct dirent *de;

	if (depth > 8)
		return -1;
	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((de = readdir(d)) != NULL) {
		char sub[PATH_MAX];

		if (de->d_type != DT_DIR || strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (snprintf(sub, sizeof sub, "%s/%s", dir, de->d_name) <
		    (int)sizeof sub)
			cgroups_rmdir(sub, depth + 1);
	}
	closedir(d);
	return rmdir(dir) < 0 && errno != ENOENT ? -1 : 0;
}

int
cgroups_pod_remove(const char *uid, struct err *err)
{
	char pod[2048], dir[PATH_MAX];
	enum cgroups_mode mode;
	int ret = 0;

	if (cgroups_mode(&mode, err) < 0 ||
	    cgroups_pod_path(uid, pod, sizeof pod, err) < 0)
		return -1;
	if (mode == CGROUPS_V2) {
		snprintf(dir, sizeof dir, "%s%s", CGROUPS_ROOT, pod);
		if (cgroups_rmdir(dir, 0) < 0)
			ret = err_set(err, ERR_INTERNAL, "rmdir %s: %s", dir,
			    strerror(errno));
		return ret;
	}
	/* every hierarchy: crun makes the pod's level in all of them */
	{
		DIR *d = opendir(CGROUPS_ROOT);
		struct dirent *de;

		if (d == NULL)
			return err_set(err, ERR_INTERNAL, "opendir %s: %s",
			    CGROUPS_ROOT, strerror(errno));
		while ((de = readdir(d)) != NULL) {
			struct statfs sf;

			if (de->d_name[0] == '.')
				continue;
			snprintf(dir, sizeof dir, "%s/%s", CGROUPS_ROOT,
			    de->d_name);
			if (statfs(dir, &sf) < 0 || (unsigned long)sf.f_type !=
			    CGROUP_SUPER_MAGIC)
				continue;
			snprintf(dir, sizeof dir, "%s/%s%s", CGROUPS_ROOT,
			    de->d_name, pod);
			if (cgroups_rmdir(dir, 0) < 0)
				ret = err_set(err, ERR_INTERNAL, "rmdir %s: %s",
				    dir, strerror(errno));
		}
		closedir(d);
	}
	return ret;
}

int
cgroups_oom_kills(const char *path, uint64_t *count, struct err *err)
{
	char file[PATH_MAX];
	struct buf b = BUF_INIT(8192);
	enum cgroups_mode mode;
	const char *p;
	struct err e2;

	*count = 0;
	if (cgroups_mode(&mode, err) < 0)
		return -1;
	if (mode == CGROUPS_V2)
		snprintf(file, sizeof file, "%s%s/memory.events",
		    CGROUPS_ROOT, path);
	else
		snprintf(file, sizeof file, "%s/memory%s/memory.oom_control",
		    CGROUPS_ROOT, path);
	if (file_read(file, &b, &e2) < 0) {
		buf_release(&b);
		return 0;	/* gone: nothing to count */
	}
	for (p = buf_str(&b); p != NULL && *p; p = strchr(p, '\n'),
	    p = p ? p + 1 : NULL)
		if (strncmp(p, "oom_kill ", 9) == 0)
			*count = strtoull(p + 9, NULL, 10);
	buf_release(&b);
	return 0;
}

static long long
cgroups_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *
cgroups_warm_thread(void *arg)
{
	const struct timespec every = { 0, CGROUPS_WARM_EVERY_MS * 1000000L };
	size_t n = strlen(cgroups_warmth.pid);
	int fd, ok;

	(void)arg;
	for (;;) {
		pthread_mutex_lock(&cgroups_warmth.mu);
		while (cgroups_now_ms() >= cgroups_warmth.until_ms)
			pthread_cond_wait(&cgroups_warmth.cond,
			    &cgroups_warmth.mu);
		pthread_mutex_unlock(&cgroups_warmth.mu);
		/* the agent "moved" to the cgroup it is in: nothing changes
		 * but the kernel's lock is taken */
		fd = open(cgroups_warmth.procs, O_WRONLY | O_CLOEXEC);
		ok = fd >= 0 && write(fd, cgroups_warmth.pid, n) == (ssize_t)n;
		if (fd >= 0)
			close(fd);
		if (!ok) {
			pthread_mutex_lock(&cgroups_warmth.mu);
			cgroups_warmth.state = -1;
			pthread_mutex_unlock(&cgroups_warmth.mu);
			return NULL;
		}
		nanosleep(&every, NULL);
	}
}

/* The thread and its file, the first time (lock held): 1 when running. */
static int
cgroups_warm_setup(void)
{
	enum cgroups_mode mode;
	pthread_attr_t attr;
	pthread_t t;
	char base[2048];
	struct err err;
	int rc;

	cgroups_warmth.state = -1;
	/* cgroup2 moves a new process by CLONE_INTO_CGROUP, not this */
	if (cgroups_mode(&mode, &err) < 0 || mode == CGROUPS_V2 ||
	    cgroups_base(base, sizeof base, &err) < 0)
		return 0;
	if (snprintf(cgroups_warmth.procs, sizeof cgroups_warmth.procs,
	    CGROUPS_ROOT "/memory%s/cgroup.procs", base) >=
	    (int)sizeof cgroups_warmth.procs ||
	    access(cgroups_warmth.procs, W_OK) < 0)
		return 0;
	snprintf(cgroups_warmth.pid, sizeof cgroups_warmth.pid, "%ld",
	    (long)getpid());
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	rc = pthread_create(&t, &attr, cgroups_warm_thread, NULL);
	pthread_attr_destroy(&attr);
	if (rc != 0)
		return 0;
	cgroups_warmth.state = 1;
	return 1;
}

void
cgroups_warm(void)
{
	long long until = cgroups_now_ms() + CGROUPS_WARM_MS;

	pthread_mutex_lock(&cgroups_warmth.mu);
	if (cgroups_warmth.state == 0)
		cgroups_warm_setup();
	if (cgroups_warmth.state == 1) {
		if (until > cgroups_warmth.until_ms)
			cgroups_warmth.until_ms = until;
		pthread_cond_signal(&cgroups_warmth.cond);
	}
	pthread_mutex_unlock(&cgroups_warmth.mu);
}
