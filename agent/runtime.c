/* runtime.c - containers run by crun under a detached conmon: start,
 * state, kill, exec, remove and the list of known containers. */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/statfs.h>
#include <sys/un.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <linux/magic.h>

#include "../lib/file.h"
#include "../lib/proc.h"
#include "runtime.h"

#define RUNTIME_CRUN	"/usr/bin/crun"
#define RUNTIME_CONMON	"/usr/bin/conmon"
#define RUNTIME_TIMEOUT	30000
/* what crun and runc take for a copy of themselves that nothing can
 * change (runc's cloned_binary.c, which crun shares) */
#define RUNTIME_SEALS	(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | \
			F_SEAL_WRITE)
#define RUNTIME_MEMFD	"/memfd:crun"	/* its /proc/PID/exe, a prefix */
#ifndef MFD_EXEC
#define MFD_EXEC	0x0010U
#endif

struct runtime {
	pthread_mutex_t	crun_mu;	/* crun, crun_id */
	char		crun[64];	/* crun as run: see runtime_seal_crun */
	struct stat	crun_id;	/* of RUNTIME_CRUN when copied */
	char		dir[PATH_MAX - 256];
	char		crun_root[PATH_MAX];
	char		ctrs[PATH_MAX];
	char		exits[PATH_MAX];
	char		socks[PATH_MAX];
	enum cgroups_mode mode;
	int		hybrid_host;	/* cgroup2 hidden by our tmpfs */
};

static int
runtime_mkdir(const char *p, struct err *err)
{
	if (mkdir(p, 0700) < 0 && errno != EEXIST)
		return err_set(err, ERR_INTERNAL, "mkdir %s: %s", p,
		    strerror(errno));
	return 0;
}

/*
 * Every crun call copies crun's binary and runs that copy (a read-only
 * bind mount of it, then execveat), so that a container's process cannot
 * overwrite the host's crun through /proc/self/exe (CVE-2019-5736) --
 * unless crun already runs from a memfd sealed against writes, which it
 * takes as such a copy.  The agent makes that sealed copy and runs crun
 * (conmon too) as /proc/<agent>/fd/<n>: the same protection, one exec and
 * one dynamic link less per call (1 to 2 ms of each container's start
 * here).  A crun replaced on the node (an upgrade) is copied again at
 * the next call; /usr/bin/crun itself when the kernel cannot (memfd_create
 * or sealing refused, or memfds not executable: vm.memfd_noexec=2).
 * Called with crun_mu held.
 */
static void
runtime_seal_crun(struct runtime *rt)
{
	off_t off = 0;
	int in, fd;

	/* an older copy stays open: a call may be starting from it */
	if ((in = open(RUNTIME_CRUN, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	snprintf(rt->crun, sizeof rt->crun, "%s", RUNTIME_CRUN);
	/* the file copied, even when the path was replaced meanwhile */
	if (fstat(in, &rt->crun_id) < 0) {
		memset(&rt->crun_id, 0, sizeof rt->crun_id);
		close(in);
		return;
	}
	fd = memfd_create("crun", MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
	if (fd < 0 && errno == EINVAL)	/* before Linux 6.3 */
		fd = memfd_create("crun", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		goto fail;
	while (off < rt->crun_id.st_size)
		if (sendfile(fd, in, &off, (size_t)(rt->crun_id.st_size -
		    off)) <= 0)
			goto fail;
	if (fchmod(fd, 0755) < 0 || fcntl(fd, F_ADD_SEALS, RUNTIME_SEALS) < 0 ||
	    fcntl(fd, F_GET_SEALS) != RUNTIME_SEALS)
		goto fail;
	snprintf(rt->crun, sizeof rt->crun, "/proc/%ld/fd/%d", (long)getpid(),
	    fd);
	close(in);
	return;
fail:
	if (fd >= 0)
		close(fd);
	close(in);
}

/* The crun to run, into out (64 bytes): the sealed copy of the crun the
 * node has now. */
static void
runtime_crun_path(struct runtime *rt, char *out)
{
	struct stat sb;

	pthread_mutex_lock(&rt->crun_mu);
	if (stat(RUNTIME_CRUN, &sb) == 0 && (sb.st_ino != rt->crun_id.st_ino ||
	    sb.st_dev != rt->crun_id.st_dev || sb.st_size !=
	    rt->crun_id.st_size || sb.st_mtim.tv_sec !=
	    rt->crun_id.st_mtim.tv_sec || sb.st_mtim.tv_nsec !=
	    rt->crun_id.st_mtim.tv_nsec))
		runtime_seal_crun(rt);
	memcpy(out, rt->crun, sizeof rt->crun);
	pthread_mutex_unlock(&rt->crun_mu);
}

/*
 * The state of the node's containers (crun's root, the bundles, conmon's
 * pid files, exit files and sockets) is runtime state, kept in memory as
 * containerd and CRI-O keep theirs under /run: path is made, and a tmpfs
 * mounted on it in the agent's mount namespace, which is pinned, so that
 * a restarted agent finds it.  A directory that already holds files on
 * disk (an agent of before, whose containers still run) is kept as it is.
 * Every file a container's start makes there would otherwise be a new
 * inode on the data directory's file system: the costliest part of crun
 * and conmon on the machines here (ext4 without a journal scans past the
 * inodes deleted in the last seconds for each new one).
 */
static int
runtime_statedir(const char *path, struct err *err)
{
	struct statfs sf;
	struct dirent *de;
	DIR *d;
	int empty = 1;

	if (runtime_mkdir(path, err) < 0)
		return -1;
	if (statfs(path, &sf) == 0 && (unsigned long)sf.f_type == TMPFS_MAGIC)
		return 0;
	if ((d = opendir(path)) == NULL)
		return err_set(err, ERR_INTERNAL, "opendir %s: %s", path,
		    strerror(errno));
	while (empty && (de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	if (empty && mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV,
	    "mode=0700") < 0)
		return err_set(err, ERR_INTERNAL, "mount tmpfs on %s: %s", path,
		    strerror(errno));
	return 0;
}

struct runtime *
runtime_open(const char *state_dir, struct err *err)
{
	struct runtime *rt = calloc(1, sizeof *rt);
	char ns[PATH_MAX];

	if (rt == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	if (strlen(state_dir) >= sizeof rt->dir - 16) {
		err_set(err, ERR_INTERNAL, "state dir too long");
		goto fail;
	}
	snprintf(rt->dir, sizeof rt->dir, "%s", state_dir);
	snprintf(rt->crun_root, sizeof rt->crun_root, "%s/crun", state_dir);
	snprintf(rt->ctrs, sizeof rt->ctrs, "%s/ctr", state_dir);
	snprintf(rt->exits, sizeof rt->exits, "%s/exits", state_dir);
	snprintf(rt->socks, sizeof rt->socks, "%s/sock", state_dir);
	snprintf(ns, sizeof ns, "%s/ns", state_dir);
	if (runtime_mkdir(rt->dir, err) < 0)
		goto fail;
	{
		struct stat sb;

		/* a directory on a tmpfs: the hidden cgroup2 of a hybrid
		 * host (read before and after entering the namespace) */
		if (cgroups_mode(&rt->mode, err) < 0)
			goto fail;
		rt->hybrid_host = rt->mode == CGROUPS_HYBRID ||
		    (rt->mode == CGROUPS_V1 &&
		    stat("/sys/fs/cgroup/unified", &sb) == 0);
	}
	if (cgroups_enter_ns(ns, err) < 0 ||
	    runtime_statedir(rt->crun_root, err) < 0 ||
	    runtime_statedir(rt->ctrs, err) < 0 ||
	    runtime_statedir(rt->exits, err) < 0 ||
	    runtime_statedir(rt->socks, err) < 0 ||
	    cgroups_mode(&rt->mode, err) < 0)
		goto fail;
	if (rt->mode == CGROUPS_HYBRID) {
		err_set(err, ERR_INTERNAL, "cgroup2 is still visible at "
		    "/sys/fs/cgroup/unified in the private mount namespace");
		goto fail;
	}
	if (access(RUNTIME_CRUN, X_OK) < 0 || access(RUNTIME_CONMON, X_OK) < 0) {
		err_set(err, ERR_INTERNAL, "%s and %s are needed",
		    RUNTIME_CRUN, RUNTIME_CONMON);
		goto fail;
	}
	pthread_mutex_init(&rt->crun_mu, NULL);
	snprintf(rt->crun, sizeof rt->crun, "%s", RUNTIME_CRUN);
	return rt;
fail:
	free(rt);
	return NULL;
}

void
runtime_close(struct runtime *rt)
{
	if (rt == NULL)
		return;
	/* the copies themselves go with the process */
	pthread_mutex_destroy(&rt->crun_mu);
	free(rt);
}

enum cgroups_mode
runtime_cgroups_mode(const struct runtime *rt)
{
	return rt->mode;
}

static int
runtime_check_id(const char *id, struct err *err)
{
	size_t n = strlen(id);

	if (n == 0 || n > 127 || id[0] == '.')
		return err_set(err, ERR_BAD_REQUEST, "bad container id \"%s\"",
		    id);
	for (size_t i = 0; i < n; i++) {
		char c = id[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.'))
			return err_set(err, ERR_BAD_REQUEST, "bad container id "
			    "\"%s\"", id);
	}
	return 0;
}

/* crun --root R --cgroup-manager=cgroupfs ARGS... */
static int
runtime_crun(struct runtime *rt, const char *const *args, int ok,
    struct buf *out, int *status, struct err *err)
{
	char root[PATH_MAX + 8], crun[sizeof rt->crun];
	char *argv[16];
	int n = 0, st = 0;
	struct proc p = { .argv = argv, .out = out, .timeout_ms =
	    RUNTIME_TIMEOUT };

	snprintf(root, sizeof root, "--root=%s", rt->crun_root);
	runtime_crun_path(rt, crun);
	argv[n++] = crun;
	argv[n++] = root;
	argv[n++] = "--cgroup-manager=cgroupfs";
	for (int i = 0; args[i] && n < 15; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	if (ok)
		return proc_run_ok(&p, err);
	if (proc_run(&p, status ? status : &st, err) < 0)
		return -1;
	return 0;
}

static int
runtime_rm_cb(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	return remove(path) < 0 && errno != ENOENT ? -1 : 0;
}

static int
runtime_rmtree(const char *path)
{
	if (nftw(path, runtime_rm_cb, 16, FTW_DEPTH | FTW_PHYS) < 0 &&
	    errno != ENOENT)
		return -1;
	return 0;
}

/* Reads conmon's first sync-pipe message: {"data": pid} or
 * {"data": -1, "message": "..."} (older: {"pid": N}). */
static int
runtime_sync(int fd, struct err *err)
{
	struct buf b = BUF_INIT(65536);
	struct timespec t0, t;
	json_t *j = NULL, *v;
	json_error_t je;
	int ret = -1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		char chunk[4096];
		ssize_t r;
		long ms;

		clock_gettime(CLOCK_MONOTONIC, &t);
		ms = RUNTIME_TIMEOUT - ((t.tv_sec - t0.tv_sec) * 1000 +
		    (t.tv_nsec - t0.tv_nsec) / 1000000);
		if (ms <= 0) {
			err_set(err, ERR_TIMEOUT, "conmon: no word from the "
			    "container's creation");
			goto out;
		}
		if (poll(&pfd, 1, (int)ms) < 0 && errno != EINTR) {
			err_set(err, ERR_INTERNAL, "poll: %s", strerror(errno));
			goto out;
		}
		r = read(fd, chunk, sizeof chunk);
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r <= 0)
			break;
		buf_add(&b, chunk, (size_t)r);
		if ((j = json_loadb(buf_str(&b), b.len,
		    JSON_DISABLE_EOF_CHECK, &je)) != NULL)
			break;
	}
	if (j == NULL)
		j = json_loadb(buf_str(&b), b.len, JSON_DISABLE_EOF_CHECK, &je);
	if (j == NULL) {
		err_set(err, ERR_INTERNAL, "conmon: the container was not "
		    "created (sync pipe: \"%s\")", buf_str(&b));
		goto out;
	}
	v = json_object_get(j, "data");
	if (v == NULL)
		v = json_object_get(j, "pid");
	if (!json_is_integer(v) || json_integer_value(v) <= 0) {
		const char *m = json_string_value(json_object_get(j,
		    "message"));

		err_set(err, ERR_INTERNAL, "create container: %s",
		    m ? m : buf_str(&b));
		goto out;
	}
	ret = (int)json_integer_value(v);
out:
	json_decref(j);
	buf_release(&b);
	return ret;
}

static void
runtime_path(struct runtime *rt, const char *id, const char *file, char *out,
    size_t len)
{
	snprintf(out, len, "%s/%s%s%s", rt->ctrs, id, file ? "/" : "",
	    file ? file : "");
}

int
runtime_create(struct runtime *rt, const struct runtime_ctr *c,
    struct err *err)
{
	char bundle[PATH_MAX], cfg[PATH_MAX + 16], pidf[PATH_MAX + 16];
	char cpidf[PATH_MAX + 16], log[PATH_MAX + 16], crun[sizeof rt->crun];
	char rootarg[PATH_MAX + 16], size[32], syncenv[48];
	char *argv[48], *env[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
	    syncenv, NULL };
	struct proc p = { .argv = argv, .env = env, .timeout_ms =
	    RUNTIME_TIMEOUT };
	int fds[2] = { -1, -1 }, n = 0, ret = -1, made = 0;
	char *text = NULL;

	if (runtime_check_id(c->id, err) < 0)
		return -1;
	runtime_path(rt, c->id, NULL, bundle, sizeof bundle);
	if (mkdir(bundle, 0700) < 0) {
		if (errno == EEXIST)
			return err_set(err, ERR_ALREADY_EXISTS, "container %s "
			    "already exists", c->id);
		return err_set(err, ERR_INTERNAL, "mkdir %s: %s", bundle,
		    strerror(errno));
	}
	made = 1;
	snprintf(cfg, sizeof cfg, "%s/config.json", bundle);
	snprintf(pidf, sizeof pidf, "%s/pidfile", bundle);
	snprintf(cpidf, sizeof cpidf, "%s/conmon.pid", bundle);
	snprintf(rootarg, sizeof rootarg, "--root=%s", rt->crun_root);
	text = json_dumps(c->config, JSON_COMPACT);
	if (text == NULL) {
		err_set(err, ERR_BAD_REQUEST, "container %s: no config", c->id);
		goto out;
	}
	if (file_write_replace(cfg, text, strlen(text), 0600, err) < 0)
		goto out;
	if (pipe2(fds, O_CLOEXEC) < 0) {
		err_set(err, ERR_INTERNAL, "pipe: %s", strerror(errno));
		goto out;
	}
	snprintf(syncenv, sizeof syncenv, "_OCI_SYNCPIPE=%d", fds[1]);
	p.keep_fd = fds[1];
	p.dir = bundle;		/* conmon leaves its "oom" file in its cwd */
	argv[n++] = RUNTIME_CONMON;
	argv[n++] = "--api-version";
	argv[n++] = "1";
	argv[n++] = "-c";
	argv[n++] = (char *)c->id;
	argv[n++] = "-u";
	argv[n++] = (char *)c->id;
	argv[n++] = "-n";
	argv[n++] = (char *)c->id;
	runtime_crun_path(rt, crun);
	argv[n++] = "-r";
	argv[n++] = crun;
	argv[n++] = "--runtime-arg";
	argv[n++] = rootarg;
	argv[n++] = "--runtime-arg";
	argv[n++] = "--cgroup-manager=cgroupfs";
	argv[n++] = "-b";
	argv[n++] = bundle;
	argv[n++] = "-p";
	argv[n++] = pidf;
	argv[n++] = "-P";
	argv[n++] = cpidf;
	argv[n++] = "--exit-dir";
	argv[n++] = rt->exits;
	argv[n++] = "--socket-dir-path";
	argv[n++] = rt->socks;
	argv[n++] = "--log-level";
	argv[n++] = "error";
	if (c->stdin) {
		argv[n++] = "--stdin";
		if (!c->stdin_once)
			argv[n++] = "--leave-stdin-open";
	}
	if (c->tty)
		argv[n++] = "--terminal";
	if (c->log_path != NULL) {
		snprintf(log, sizeof log, "k8s-file:%s", c->log_path);
		argv[n++] = "-l";
		argv[n++] = log;
		if (c->log_size_max > 0) {
			snprintf(size, sizeof size, "%lld",
			    (long long)c->log_size_max);
			argv[n++] = "--log-size-max";
			argv[n++] = size;
		}
	} else {
		argv[n++] = "-l";
		argv[n++] = "none:";
	}
	argv[n] = NULL;
	if (proc_run_ok(&p, err) < 0)
		goto out;
	close(fds[1]);
	fds[1] = -1;
	if (runtime_sync(fds[0], err) < 0)
		goto out;
	ret = 0;
out:
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	free(text);
	if (ret < 0 && made) {
		struct err e2;

		runtime_remove(rt, c->id, &e2);
	}
	return ret;
}

int
runtime_start(struct runtime *rt, const char *id, struct err *err)
{
	const char *startargs[] = { "start", id, NULL };
	char started[PATH_MAX + 32], ts[64];
	struct timespec now;
	struct err e2;
	int l;

	if (runtime_check_id(id, err) < 0)
		return -1;
	runtime_path(rt, id, "started", started, sizeof started);
	if (runtime_crun(rt, startargs, 1, NULL, NULL, err) < 0)
		goto fail;
	clock_gettime(CLOCK_REALTIME, &now);
	l = snprintf(ts, sizeof ts, "%lld.%09ld\n", (long long)now.tv_sec,
	    now.tv_nsec);
	if (file_write_replace(started, ts, (size_t)l, 0600, err) < 0)
		goto fail;
	return 0;
fail:
	runtime_remove(rt, id, &e2);
	return -1;
}

static void
runtime_read_ts(const char *path, struct timespec *ts)
{
	struct buf b = BUF_INIT(64);
	char *dot;

	ts->tv_sec = 0;
	ts->tv_nsec = 0;
	if (file_read(path, &b, NULL) == 0) {
		ts->tv_sec = strtoll(buf_str(&b), &dot, 10);
		if (*dot == '.')
			ts->tv_nsec = strtol(dot + 1, NULL, 10);
	}
	buf_release(&b);
}

/* The container's cgroupsPath from its config.json; "" when none. */
static void
runtime_cgroup(struct runtime *rt, const char *id, char *out, size_t len)
{
	char cfg[PATH_MAX];
	json_t *j;

	runtime_path(rt, id, "config.json", cfg, sizeof cfg);
	j = json_load_file(cfg, 0, NULL);
	snprintf(out, len, "%s", json_string_value(json_object_get(
	    json_object_get(j, "linux"), "cgroupsPath")) ?: "");
	json_decref(j);
}

/* Reads the exit file: 1 when there, 0 when not. */
static int
runtime_exit_file(struct runtime *rt, const char *id,
    struct runtime_state *st)
{
	char path[PATH_MAX + 160];
	struct buf b = BUF_INIT(64);
	struct stat sb;
	int ret = 0;

	snprintf(path, sizeof path, "%s/%s", rt->exits, id);
	if (stat(path, &sb) == 0 && file_read(path, &b, NULL) == 0 &&
	    b.len > 0) {
		st->exit_code = atoi(buf_str(&b));
		st->finished_at = sb.st_mtim;
		ret = 1;
	}
	buf_release(&b);
	return ret;
}

/* A pid from a file the runtime wrote; 0 when there is none. */
static pid_t
runtime_pidfile(const char *path)
{
	struct buf b = BUF_INIT(64);
	pid_t pid = 0;

	if (file_read(path, &b, NULL) == 0)
		pid = (pid_t)atoi(buf_str(&b));
	buf_release(&b);
	return pid > 0 ? pid : 0;
}

/*
 * The container's init when it runs, known without asking crun: the pid
 * crun wrote, alive, a child of the container's conmon, and past its
 * start (no longer crun's own binary waiting on its exec fifo).  0 when
 * any of that is not so: crun state then decides.
 */
static pid_t
runtime_running_pid(struct runtime *rt, const char *id)
{
	char path[PATH_MAX + 32], stat[512], exe[PATH_MAX];
	pid_t pid, conmon, ppid = 0;
	const char *p;
	ssize_t n;
	FILE *f;

	runtime_path(rt, id, "pidfile", path, sizeof path);
	pid = runtime_pidfile(path);
	runtime_path(rt, id, "conmon.pid", path, sizeof path);
	conmon = runtime_pidfile(path);
	if (pid == 0 || conmon == 0)
		return 0;
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "re")) == NULL)
		return 0;
	if (fgets(stat, sizeof stat, f) != NULL &&
	    (p = strrchr(stat, ')')) != NULL)
		sscanf(p + 1, " %*c %d", &ppid);
	fclose(f);
	if (ppid != conmon)
		return 0;
	snprintf(path, sizeof path, "/proc/%d/exe", (int)pid);
	n = readlink(path, exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if (strcmp(exe, RUNTIME_CRUN) == 0 || strncmp(exe,
		    RUNTIME_MEMFD, strlen(RUNTIME_MEMFD)) == 0)
			return 0;	/* created, not started */
	}
	return pid;
}

int
runtime_state(struct runtime *rt, const char *id, struct runtime_state *st,
    struct err *err)
{
	char bundle[PATH_MAX], started[PATH_MAX + 16], cg[PATH_MAX];
	const char *args[] = { "state", id, NULL };
	struct buf out = BUF_INIT(1 << 20);
	struct stat sb;
	int status = 0, exited;
	json_t *j = NULL;

	memset(st, 0, sizeof *st);
	if (runtime_check_id(id, err) < 0)
		return -1;
	snprintf(st->id, sizeof st->id, "%s", id);
	runtime_path(rt, id, NULL, bundle, sizeof bundle);
	if (stat(bundle, &sb) < 0)
		return err_set(err, ERR_NOT_FOUND, "container %s not found",
		    id);
	snprintf(started, sizeof started, "%s/started", bundle);
	runtime_read_ts(started, &st->started_at);
	exited = runtime_exit_file(rt, id, st);
	if (!exited && (st->pid = runtime_running_pid(rt, id)) > 0) {
		st->status = RUNTIME_RUNNING;	/* no crun state needed */
	} else if (!exited) {
		if (runtime_crun(rt, args, 0, &out, &status, err) < 0)
			goto fail;
		if (status == 0)
			j = json_loads(buf_str(&out), 0, NULL);
		{
			const char *s = json_string_value(json_object_get(j,
			    "status"));

			st->pid = (int)json_integer_value(json_object_get(j,
			    "pid"));
			if (s == NULL)
				st->status = RUNTIME_UNKNOWN;
			else if (strcmp(s, "created") == 0)
				st->status = RUNTIME_CREATED;
			else if (strcmp(s, "running") == 0 ||
			    strcmp(s, "paused") == 0)
				st->status = RUNTIME_RUNNING;
			else if (strcmp(s, "stopped") == 0) {
				/* conmon is writing the exit file */
				for (int i = 0; i < 100 && !exited; i++) {
					usleep(10000);
					exited = runtime_exit_file(rt, id, st);
				}
				if (!exited)
					st->status = RUNTIME_UNKNOWN;
			}
		}
		json_decref(j);
	}
	if (exited) {
		uint64_t kills = 0;
		struct err e2;

		st->status = RUNTIME_EXITED;
		st->pid = 0;
		runtime_cgroup(rt, id, cg, sizeof cg);
		if (*cg && cgroups_oom_kills(cg, &kills, &e2) == 0 &&
		    kills > 0 && st->exit_code != 0)
			st->oom_killed = 1;
		snprintf(st->reason, sizeof st->reason, "%s",
		    st->oom_killed ? "OOMKilled" : st->exit_code == 0 ?
		    "Completed" : "Error");
	}
	buf_release(&out);
	return 0;
fail:
	buf_release(&out);
	return -1;
}

int
runtime_kill(struct runtime *rt, const char *id, int sig, struct err *err)
{
	char s[16];
	const char *args[] = { "kill", id, s, NULL };

	if (runtime_check_id(id, err) < 0)
		return -1;
	snprintf(s, sizeof s, "%d", sig);
	return runtime_crun(rt, args, 1, NULL, NULL, err);
}

int
runtime_remove(struct runtime *rt, const char *id, struct err *err)
{
	char bundle[PATH_MAX], path[PATH_MAX + 160], cg[PATH_MAX];
	const char *args[] = { "delete", "-f", id, NULL };
	int status = 0;
	struct buf pb = BUF_INIT(64);

	if (runtime_check_id(id, err) < 0)
		return -1;
	/* never made (the usual case before a start): nothing to do */
	runtime_path(rt, id, NULL, bundle, sizeof bundle);
	snprintf(path, sizeof path, "%s/%s", rt->crun_root, id);
	if (access(bundle, F_OK) < 0 && access(path, F_OK) < 0)
		return 0;
	runtime_cgroup(rt, id, cg, sizeof cg);
	if (runtime_crun(rt, args, 0, NULL, &status, err) < 0)
		return -1;
	/* conmon ends once the container has; give it a moment */
	runtime_path(rt, id, "conmon.pid", path, sizeof path);
	if (file_read(path, &pb, NULL) == 0) {
		pid_t pid = atoi(buf_str(&pb));

		for (int i = 0; pid > 1 && i < 200 && kill(pid, 0) == 0; i++)
			usleep(10000);
	}
	buf_release(&pb);
	snprintf(path, sizeof path, "%s/%s", rt->exits, id);
	unlink(path);
	snprintf(path, sizeof path, "%s/%s", rt->socks, id);
	runtime_rmtree(path);
	runtime_path(rt, id, NULL, bundle, sizeof bundle);
	if (runtime_rmtree(bundle) < 0)
		return err_set(err, ERR_INTERNAL, "remove %s: %s", bundle,
		    strerror(errno));
	if (*cg) {
		/* crun delete removes it; a leftover (crun failed) too */
		static const char *const ctrls[] = { "cpu", "cpuacct",
		    "memory", "pids", "devices", "freezer", "blkio",
		    "cpuset", "systemd", NULL };

		if (rt->mode == CGROUPS_V2) {
			snprintf(path, sizeof path, "/sys/fs/cgroup%s", cg);
			rmdir(path);
		} else {
			/* crun makes plain files in the tmpfs that hides
			 * cgroup2 (hybrid hosts) */
			snprintf(path, sizeof path,
			    "/sys/fs/cgroup/unified%s", cg);
			if (rt->hybrid_host)
				runtime_rmtree(path);
		}
		if (rt->mode != CGROUPS_V2)
			for (int i = 0; ctrls[i]; i++) {
				snprintf(path, sizeof path,
				    "/sys/fs/cgroup/%s%s", ctrls[i], cg);
				rmdir(path);
			}
	}
	return 0;
}

/* crun exec [--tty --console-socket SOCK] ID ARGV...: a calloc'd argv
 * (crun, of sizeof rt->crun bytes, holds crun's path; root its --root
 * argument). */
static char **
runtime_exec_argv(struct runtime *rt, const char *id, char *const argv[],
    const char *console, char *crun, char *root, size_t rootlen,
    struct err *err)
{
	char **av;
	int n = 0, k = 0;

	if (runtime_check_id(id, err) < 0)
		return NULL;
	while (argv[n])
		n++;
	if (n == 0) {
		err_set(err, ERR_BAD_REQUEST, "exec: no command");
		return NULL;
	}
	if ((av = calloc((size_t)n + 9, sizeof *av)) == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	snprintf(root, rootlen, "--root=%s", rt->crun_root);
	runtime_crun_path(rt, crun);
	av[k++] = crun;
	av[k++] = root;
	av[k++] = "--cgroup-manager=cgroupfs";
	av[k++] = "exec";
	if (console != NULL) {
		av[k++] = "--tty";
		av[k++] = "--console-socket";
		av[k++] = (char *)console;
	}
	av[k++] = (char *)id;
	for (int i = 0; i < n; i++)
		av[k++] = argv[i];
	return av;
}

int
runtime_exec(struct runtime *rt, const char *id, char *const argv[],
    int timeout_ms, struct buf *out, int *status, struct err *err)
{
	char root[PATH_MAX + 8], crun[sizeof rt->crun];
	char **av;
	int ret;
	struct proc p = { .out = out, .errout = out, .timeout_ms = timeout_ms };

	if ((av = runtime_exec_argv(rt, id, argv, NULL, crun, root,
	    sizeof root, err)) == NULL)
		return -1;
	p.argv = av;
	ret = proc_run(&p, status, err);
	if (ret < 0 && timeout_ms > 0 && strstr(err->msg, "time") != NULL)
		err->reason = ERR_TIMEOUT;
	free(av);
	return ret;
}

int
runtime_attach(struct runtime *rt, const char *id, int *fd, struct err *err)
{
	char dir[PATH_MAX];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int dfd, s;

	*fd = -1;
	if (runtime_check_id(id, err) < 0)
		return -1;
	/* conmon's socket: SOCKDIR/ID/attach, reached through the
	 * directory's fd as conmon binds it (paths may pass 108 bytes) */
	snprintf(dir, sizeof dir, "%s/%s", rt->socks, id);
	if ((dfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
		return err_set(err, ERR_BAD_REQUEST, "container %s has no "
		    "attach socket: %s", id, strerror(errno));
	snprintf(sa.sun_path, sizeof sa.sun_path, "/proc/self/fd/%d/attach",
	    dfd);
	s = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (s < 0 || connect(s, (struct sockaddr *)&sa, sizeof sa) < 0) {
		err_set(err, ERR_INTERNAL, "attach %s: %s", id,
		    strerror(errno));
		if (s >= 0)
			close(s);
		close(dfd);
		return -1;
	}
	close(dfd);
	*fd = s;
	return 0;
}

int
runtime_ctl(struct runtime *rt, const char *id, int type, int a, int b,
    struct err *err)
{
	char path[PATH_MAX], msg[64];
	int fd, n, ret = 0;

	if (runtime_check_id(id, err) < 0)
		return -1;
	runtime_path(rt, id, "ctl", path, sizeof path);
	/* conmon's control fifo: "<type> <height> <width>" lines */
	if ((fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return err_set(err, ERR_INTERNAL, "%s: %s", path,
		    strerror(errno));
	n = snprintf(msg, sizeof msg, "%d %d %d\n", type, a, b);
	if (write(fd, msg, (size_t)n) != n)
		ret = err_set(err, ERR_INTERNAL, "%s: %s", path,
		    strerror(errno));
	close(fd);
	return ret;
}

/* Receives the terminal's fd that crun sends on the console socket. */
static int
runtime_recv_fd(int lfd, int timeout_ms, struct err *err)
{
	struct pollfd pf = { .fd = lfd, .events = POLLIN };
	char data[256], ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { data, sizeof data };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
	    .msg_control = ctl, .msg_controllen = sizeof ctl };
	struct cmsghdr *cm;
	int c, fd = -1;

	if (poll(&pf, 1, timeout_ms) != 1)
		return err_set(err, ERR_TIMEOUT, "exec: no terminal from crun");
	if ((c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) < 0)
		return err_set(err, ERR_INTERNAL, "exec: accept: %s",
		    strerror(errno));
	if (recvmsg(c, &mh, MSG_CMSG_CLOEXEC) > 0 &&
	    (cm = CMSG_FIRSTHDR(&mh)) != NULL && cm->cmsg_level ==
	    SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(cm), sizeof fd);
	close(c);
	if (fd < 0)
		return err_set(err, ERR_INTERNAL, "exec: crun sent no "
		    "terminal");
	return fd;
}

int
runtime_exec_start(struct runtime *rt, const char *id, char *const argv[],
    int tty, int want_in, struct runtime_session *x, struct err *err)
{
	char root[PATH_MAX + 8], crun[sizeof rt->crun];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct proc p = { 0 };
	char **av = NULL;
	int lfd = -1, ret = -1;

	x->tty = -1;
	x->child.pid = -1;
	x->child.in = x->child.out = x->child.err = -1;
	if (tty) {
		snprintf(sa.sun_path, sizeof sa.sun_path, "%s/console-%d-%lx",
		    rt->socks, getpid(), (unsigned long)pthread_self());
		unlink(sa.sun_path);
		if ((lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
		    bind(lfd, (struct sockaddr *)&sa, sizeof sa) < 0 ||
		    listen(lfd, 1) < 0) {
			err_set(err, ERR_INTERNAL, "exec: console socket %s: %s",
			    sa.sun_path, strerror(errno));
			goto out;
		}
	}
	if ((av = runtime_exec_argv(rt, id, argv, tty ? sa.sun_path : NULL,
	    crun, root, sizeof root, err)) == NULL)
		goto out;
	p.argv = av;
	/* with a terminal, crun's own stdio carries nothing */
	if (proc_start(&p, !tty && want_in, !tty, !tty, &x->child, err) < 0)
		goto out;
	if (tty && (x->tty = runtime_recv_fd(lfd, RUNTIME_TIMEOUT, err)) < 0) {
		int st;
		struct err e2;

		proc_wait(&x->child, 1, &st, &e2);
		goto out;
	}
	ret = 0;
out:
	if (lfd >= 0) {
		close(lfd);
		unlink(sa.sun_path);
	}
	free(av);
	return ret;
}

int
runtime_list(struct runtime *rt, struct runtime_state **out, size_t *n,
    struct err *err)
{
	DIR *d = opendir(rt->ctrs);
	struct dirent *de;
	struct runtime_state *arr = NULL;
	size_t cnt = 0, alloc = 0;

	*out = NULL;
	*n = 0;
	if (d == NULL)
		return err_set(err, ERR_INTERNAL, "opendir %s: %s", rt->ctrs,
		    strerror(errno));
	while ((de = readdir(d)) != NULL) {
		struct runtime_state st;
		struct err e2;

		if (de->d_name[0] == '.')
			continue;
		if (runtime_state(rt, de->d_name, &st, &e2) < 0)
			continue;
		if (cnt == alloc) {
			struct runtime_state *t;

			alloc = alloc ? alloc * 2 : 16;
			t = realloc(arr, alloc * sizeof *arr);
			if (t == NULL) {
				free(arr);
				closedir(d);
				return err_set(err, ERR_INTERNAL,
				    "out of memory");
			}
			arr = t;
		}
		arr[cnt++] = st;
	}
	closedir(d);
	*out = arr;
	*n = cnt;
	return 0;
}
