/* proc.h - the one subprocess API of kubec: crun, conmon, CNI plugins, nft
 * and every other program the agent runs go through proc_run().
 *
 * A child gets exactly the argv and environment given, stdin from a byte
 * string (or /dev/null), stdout and stderr captured into capped buffers
 * (or /dev/null), no other inherited descriptor, and is killed with
 * SIGKILL when its time is up.  Like curl's and git's run_command, one
 * place knows fork, exec, pipes, poll and waitpid.
 */
#ifndef KUBEC_PROC_H
#define KUBEC_PROC_H
#include <stddef.h>
#include <sys/types.h>

#include "buf.h"
#include "err.h"

struct proc {
	char *const	*argv;		/* argv[0]: a path, or a name in PATH */
	char *const	*env;		/* NULL: the caller's environment */
	const char	*dir;		/* working directory; NULL: unchanged */
	const char	*in;		/* stdin bytes; NULL: /dev/null */
	size_t		 inlen;
	struct buf	*out;		/* stdout; NULL: /dev/null */
	struct buf	*errout;	/* stderr; NULL: /dev/null */
	int		 timeout_ms;	/* 0: no limit */
	int		 keep_fd;	/* passed through as itself; <= 2: none */
};

/*
 * Runs p to its end.  Returns 0 and sets *status to the exit code (or
 * 128 + the signal number that ended it, as shells report it) when the
 * program ran; -1 with err set when it could not start or overran its
 * time (it is then killed and reaped).  Output beyond a buffer's cap is
 * read and dropped.
 */
int	 proc_run(const struct proc *p, int *status, struct err *err);

/*
 * proc_run() that also fails (-1, InternalError) when the exit status is
 * not 0; the message names the program and carries the last line of its
 * stderr (or stdout when stderr is empty).
 */
int	 proc_run_ok(const struct proc *p, struct err *err);

/* A child started by proc_start(): its pid and the parent's ends of the
 * pipes asked for (-1 for a stream that goes to /dev/null). */
struct proc_child {
	pid_t	pid;
	int	in, out, err;
};

/*
 * Starts p (argv, env, dir and keep_fd; in, out, errout and timeout_ms
 * are not used) with a pipe for each stream asked, for a caller that
 * talks to the child as it runs (exec sessions).  The ends are
 * close-on-exec and blocking.
 */
int	 proc_start(const struct proc *p, int want_in, int want_out,
	    int want_err, struct proc_child *c, struct err *err);
/*
 * Runs p (argv, env, dir) in the foreground on the caller's stdin,
 * stdout (out instead when >= 0) and stderr: programs that talk to the
 * user (an editor, a diff program).  The caller ignores SIGINT and SIGQUIT
 * meanwhile, as a shell does.  Returns 0 with *status as proc_run()
 * reports it; -1 with err when it could not start (NotFound: no such
 * program; the message is the system's: "No such file or directory").
 */
int	 proc_run_tty(const struct proc *p, int out, int *status,
	    struct err *err);

/* Closes the ends still open and reaps the child (SIGKILL first when
 * kill_first); *status as proc_run() reports it. */
int	 proc_wait(struct proc_child *c, int kill_first, int *status,
	    struct err *err);

/* Where program name is: the first executable name in a directory of
 * PATH, else in /usr/sbin (for a PATH without it), into out; -1 when
 * there is none. */
int	 proc_which(const char *name, char *out, size_t n);
/* The command line of process pid, its arguments joined by spaces, into
 * out (reset first); -1 when there is no such process. */
int	 proc_cmdline(pid_t pid, struct buf *out);
/* The process number a pid file holds; 0 when none (no file, no number,
 * not above 1). */
pid_t	 proc_pidfile(const char *path);

#endif
