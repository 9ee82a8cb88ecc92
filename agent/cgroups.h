/* cgroups.h - the agent's view of the host's cgroups: which mode they are
 * in, the persistent private mount namespace that lets crun use cgroup v1
 * on a hybrid host, and the pod-level cgroups (kubepods/pod<uid>).
 *
 * crun refuses hybrid mode (v1 controllers plus a cgroup2 mount at
 * /sys/fs/cgroup/unified).  cgroups_enter_ns() moves the calling process
 * into a private mount namespace in which a tmpfs hides that cgroup2 mount,
 * so crun (run with --cgroup-manager=cgroupfs) sees plain cgroup v1.  The
 * namespace is pinned by a bind mount of its nsfs file onto DIR/mnt (as
 * `unshare --mount=FILE` does), so an agent that restarts re-enters the
 * same namespace and finds the mounts (sandbox namespace files) it made.
 */
#ifndef KUBEC_AGENT_CGROUPS_H
#define KUBEC_AGENT_CGROUPS_H

#include <stdint.h>

#include "../lib/err.h"

enum cgroups_mode {
	CGROUPS_V1,		/* legacy: controllers under /sys/fs/cgroup/X */
	CGROUPS_HYBRID,		/* v1 plus cgroup2 at /sys/fs/cgroup/unified */
	CGROUPS_V2,		/* unified: cgroup2 at /sys/fs/cgroup */
};

/* The mode of the cgroups the calling process sees; -1 when unknown. */
int	cgroups_mode(enum cgroups_mode *mode, struct err *err);

/*
 * Enters (creating it the first time) the persistent private mount
 * namespace pinned at dir/mnt; dir is created and made a private bind
 * mount of itself.  Inside it, / is recursively private and, in hybrid
 * mode, a tmpfs covers /sys/fs/cgroup/unified.  The working directory is
 * kept (by path).  Must be called while the process is single-threaded:
 * setns(CLONE_NEWNS) and unshare(CLONE_NEWNS) fail with EINVAL otherwise.
 * Entering the namespace the process already is in is a no-op.
 */
int	cgroups_enter_ns(const char *dir, struct err *err);

/*
 * The cgroup path (relative to each v1 hierarchy's root, starting with
 * '/') under which the agent puts kubepods: the agent's own memory
 * cgroup, e.g. "/process_api/3346..." or "" when it is the root.  The
 * same path is used for every controller, so an OCI cgroupsPath
 * "<base>/kubepods/pod<uid>/<ctr>" nests pods under the agent's memory
 * limit.
 */
int	cgroups_base(char *out, size_t len, struct err *err);

/* Resources of a pod-level cgroup; 0 fields are left unlimited. */
struct cgroups_pod_limits {
	uint64_t	cpu_shares;	/* cpu.shares (2..262144); 0: default */
	int64_t		cpu_quota_us;	/* cpu.cfs_quota_us; 0: unlimited */
	uint64_t	cpu_period_us;	/* 0: 100000 */
	int64_t		memory_bytes;	/* memory.limit_in_bytes; 0: none */
};

/*
 * The pod cgroup path "<base>/kubepods/pod<uid>" (usable as the prefix of
 * a container's OCI cgroupsPath).
 */
int	cgroups_pod_path(const char *uid, char *out, size_t len,
	    struct err *err);
/* Creates the pod cgroup in the cpu, cpuacct, memory and pids hierarchies
 * (those that exist) and writes the limits. Idempotent. */
int	cgroups_pod_create(const char *uid, const struct cgroups_pod_limits *l,
	    struct err *err);
/* Removes the pod cgroup (rmdir of every leftover child first). */
int	cgroups_pod_remove(const char *uid, struct err *err);

/*
 * Reads the memory controller's OOM-kill counter of a cgroup path
 * (memory.oom_control "oom_kill" in v1, memory.events "oom_kill" in v2).
 * *count = 0 when the cgroup is gone. */
int	cgroups_oom_kills(const char *path, uint64_t *count, struct err *err);

/*
 * Makes the cgroup v1 moves of the next 100 ms cheap.  Moving a process
 * into a cgroup (crun does so with each container's first process) takes
 * the kernel's cgroup_threadgroup_rwsem for writing, and the first taker
 * after a quiet spell waits for an RCU grace period: 5 to 25 ms on the
 * machines here, most of a container's creation.  The kernel skips that
 * wait while other moves keep coming, so a thread of the agent writes
 * the agent's own pid into its own memory cgroup (a move to where it
 * already is) every 3 ms for that long, ahead of crun.  Nothing on
 * cgroup2 (new processes start in their cgroup there), nor where that
 * file cannot be written.
 */
void	cgroups_warm(void);

#endif
