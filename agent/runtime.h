/* runtime.h - the agent's container runtime: crun containers kept by
 * conmon, so that they (and their exit codes and CRI-format logs) outlive
 * the agent.
 *
 * Layout under state_dir:
 *   ns/mnt		the persistent private mount namespace (cgroups.h)
 *   crun/		crun's --root (its state of every container)
 *   ctr/ID/		the bundle: config.json, pidfile (the container's
 *			init), conmon.pid, started (the start time)
 *   exits/ID		conmon's exit file: the exit code, written when the
 *			container ends (its mtime is the finish time)
 *   sock/		conmon's attach sockets
 *
 * Threading: runtime_open() enters the mount namespace with setns(2),
 * which only a single-threaded process may do; call it before starting
 * any thread (every thread and child then shares the namespace).  The
 * other functions only run programs (lib/proc) and touch files under
 * state_dir; they may be called from any thread, but not concurrently for
 * the same container id.
 */
#ifndef KUBEC_AGENT_RUNTIME_H
#define KUBEC_AGENT_RUNTIME_H

#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "../lib/buf.h"
#include "../lib/err.h"
#include "../lib/proc.h"
#include "cgroups.h"

struct runtime;

struct runtime_ctr {
	const char	*id;		/* [A-Za-z0-9_.-]{1,127}, unique */
	const json_t	*config;	/* the OCI config (ociconfig_build) */
	const char	*log_path;	/* CRI-format log (k8s-file); NULL: none */
	int64_t		 log_size_max;	/* bytes; <= 0: unlimited */
	int		 stdin;		/* keep a stdin open for attach */
	int		 stdin_once;	/* closed when the first attach ends */
	int		 tty;		/* config.json says process.terminal */
};

enum runtime_status {
	RUNTIME_UNKNOWN = 0,	/* conmon and crun know nothing useful */
	RUNTIME_CREATED,	/* created, not started */
	RUNTIME_RUNNING,
	RUNTIME_EXITED,
};

struct runtime_state {
	char			id[128];
	enum runtime_status	status;
	int			pid;		/* the init's host pid; 0 */
	int			exit_code;	/* when EXITED (128+sig) */
	int			oom_killed;	/* an OOM kill in its cgroup */
	struct timespec		started_at;	/* 0 when unknown */
	struct timespec		finished_at;	/* 0 unless EXITED */
	char			reason[16];	/* EXITED: "Completed", "Error",
						 * "OOMKilled"; else "" */
};

/*
 * Opens the runtime whose state lives in state_dir (created 0700 when
 * missing) and moves the process into the persistent private mount
 * namespace state_dir/ns (creating it, with cgroup2 hidden on a hybrid
 * host), so crun and conmon run with --cgroup-manager=cgroupfs on cgroup
 * v1.  Single-threaded callers only (see above).  Opening the same
 * state_dir again (an agent restart, or a child process) re-enters the
 * same namespace and finds the containers (runtime_list).
 */
struct runtime *runtime_open(const char *state_dir, struct err *err);
/* Frees rt; containers keep running under conmon. */
void	runtime_close(struct runtime *rt);
enum cgroups_mode runtime_cgroups_mode(const struct runtime *rt);

/*
 * Writes the bundle and creates the container under a detached conmon
 * (which runs `crun create`, then writes the log and, at the end, the
 * exit file); returns once crun has created it (RUNTIME_CREATED: its
 * init waits for runtime_start).  ERR_ALREADY_EXISTS when the id is
 * taken; on other failures the container is removed again.
 */
int	runtime_create(struct runtime *rt, const struct runtime_ctr *c,
	    struct err *err);
/*
 * Starts the created container id (crun start) and notes its start
 * time; returns once it runs.  On failure the container is removed.
 */
int	runtime_start(struct runtime *rt, const char *id, struct err *err);
/* The container's state; ERR_NOT_FOUND when the runtime has no such id. */
int	runtime_state(struct runtime *rt, const char *id,
	    struct runtime_state *st, struct err *err);
/* Sends sig to the container's init (crun kill). */
int	runtime_kill(struct runtime *rt, const char *id, int sig,
	    struct err *err);
/*
 * Kills (SIGKILL) and deletes the container and removes its cgroup,
 * bundle and exit file.  A missing id is not an error.
 */
int	runtime_remove(struct runtime *rt, const char *id, struct err *err);
/*
 * Runs argv in the running container (crun exec); stdout and stderr go
 * to out (may be NULL), *status is the exit status (128+sig when killed).
 * ERR_TIMEOUT after timeout_ms (0: none); the exec'd process is killed.
 */
int	runtime_exec(struct runtime *rt, const char *id, char *const argv[],
	    int timeout_ms, struct buf *out, int *status, struct err *err);
/* An interactive exec: crun exec's process, and the terminal's master
 * side when one was asked for (then stdin/stdout go through it and the
 * child's pipes are -1). */
struct runtime_session {
	struct proc_child	child;
	int			tty;	/* -1: none */
};
/*
 * Starts argv in the running container for a caller that streams its
 * input and output (kubectl exec): with tty, through a terminal crun
 * makes (its master fd arrives on a console socket); else through pipes
 * (stdin only when want_in).  proc_wait() on x->child reaps it; the
 * caller closes x->tty.
 */
int	runtime_exec_start(struct runtime *rt, const char *id,
	    char *const argv[], int tty, int want_in,
	    struct runtime_session *x, struct err *err);
/*
 * Attaches to a running container's stdio (kubectl attach): *fd is a
 * connection to conmon's attach socket (SOCK_SEQPACKET): each packet
 * from it is one byte, 2 for stdout or 3 for stderr, then the output;
 * what is written to it goes to the container's stdin (when it has one).
 */
int	runtime_attach(struct runtime *rt, const char *id, int *fd,
	    struct err *err);
/* A message to the container's conmon: RUNTIME_CTL_RESIZE (a, b: the
 * terminal's height and width) or RUNTIME_CTL_REOPEN_LOG (a new log file
 * renamed over the log's path, after the agent has kept the old one). */
#define RUNTIME_CTL_RESIZE	1
#define RUNTIME_CTL_REOPEN_LOG	2
int	runtime_ctl(struct runtime *rt, const char *id, int type, int a,
	    int b, struct err *err);
/*
 * Every container the runtime knows (running or exited, with their exit
 * codes), for adoption after an agent restart: *out is a malloc'd array
 * of *n states (caller frees).
 */
int	runtime_list(struct runtime *rt, struct runtime_state **out, size_t *n,
	    struct err *err);

#endif
