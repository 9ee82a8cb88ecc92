/* proc.c - runs a program with given argv, env and stdin, captures its
 * output and reaps it; see proc.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "file.h"
#include "proc.h"

extern char **environ;

static long long
proc_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#define PROC_SAME	(-2)	/* a stream left as the parent has it */

/* In the child: wire fd 0-2 (-1: /dev/null, PROC_SAME: the parent's), close
 * the rest but report (close-on-exec: the errno of a failed exec is
 * written there), exec.  Never returns. */
static void __attribute__((noreturn))
proc_child(const struct proc *p, int in, int out, int errfd, int report)
{
	const int want[3] = { in, out, errfd };
	sigset_t none;
	const char *msg;
	int fd, sig, null = open("/dev/null", O_RDWR);

	/* the handlers first: signals are blocked until then (proc_spawn) */
	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (fd = 0; fd < 3; fd++)
		if (want[fd] != PROC_SAME && want[fd] != fd &&
		    dup2(want[fd] >= 0 ? want[fd] : null, fd) < 0)
			_exit(127);
	/* every descriptor from 3 up closes at the exec (report too, which
	 * tells a failed one): one call, where closing each possible one
	 * was a thousand per program run; keep_fd stays open */
	if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
		for (fd = 3; fd < 1024; fd++)
			if (fd != p->keep_fd && fd != report)
				close(fd);
	if (p->keep_fd > 2)
		fcntl(p->keep_fd, F_SETFD, 0);
	if (p->dir != NULL && chdir(p->dir) < 0)
		_exit(127);
	execvpe(p->argv[0], p->argv, p->env != NULL ? p->env : environ);
	fd = errno;
	if (report >= 0 && write(report, &fd, sizeof fd) == sizeof fd)
		_exit(127);
	/* strerrordesc_np: no translation, so no malloc in the parent's
	 * memory (proc_spawn) */
	msg = strerrordesc_np(fd);
	if (msg == NULL)
		msg = "cannot run";
	if (write(2, p->argv[0], strlen(p->argv[0])) > 0 &&
	    write(2, ": ", 2) > 0 && write(2, msg, strlen(msg)) > 0)
		(void)write(2, "\n", 1);
	_exit(127);
}

/* Sanitizer builds fork: a child sharing the parent's memory would share
 * their shadow memory too. */
#if defined(__SANITIZE_ADDRESS__)
#define PROC_FORK	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PROC_FORK	1
#endif
#endif

#ifndef PROC_FORK
struct proc_spawn_args {
	const struct proc	*p;
	int			 in, out, errfd, report;
};

static int
proc_spawn_child(void *arg)
{
	const struct proc_spawn_args *a = arg;

	proc_child(a->p, a->in, a->out, a->errfd, a->report);
}
#endif

/*
 * Starts proc_child as posix_spawn does: in the parent's memory, on a
 * stack of its own, the calling thread suspended until the exec
 * (CLONE_VM | CLONE_VFORK).  fork() would copy the page tables of the
 * whole process for a child that only execs: 1.8 ms a program where
 * this takes 0.5, in a process like an agent with 100 pods (120 threads,
 * 20 MB), whose other threads' page faults wait for the copy.  Every
 * signal stays blocked until proc_child has reset the handlers, so that
 * none of the parent's runs in the child.
 */
static pid_t
proc_spawn(const struct proc *p, int in, int out, int errfd, int report)
{
#ifdef PROC_FORK
	pid_t pid = fork();

	if (pid == 0)
		proc_child(p, in, out, errfd, report);
	return pid;
#else
	struct proc_spawn_args a = { p, in, out, errfd, report };
	const size_t sz = 64 * 1024;
	sigset_t all, old;
	char *stack;
	pid_t pid;

	stack = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED)
		return -1;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pid = clone(proc_spawn_child, stack + sz, CLONE_VM | CLONE_VFORK |
	    SIGCHLD, &a);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	munmap(stack, sz);
	return pid;
#endif
}

static void
proc_drain(int *fd, struct buf *b)
{
	char chunk[16384];
	ssize_t n = read(*fd, chunk, sizeof chunk);

	if (n > 0) {
		if (b != NULL && b->len + (size_t)n <= b->cap)
			buf_add(b, chunk, (size_t)n);
		return;
	}
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	close(*fd);
	*fd = -1;
}

int
proc_run(const struct proc *p, int *status, struct err *err)
{
	int inp[2] = { -1, -1 }, outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
	int ws, rc = -1, timed_out = 0;
	size_t inoff = 0;
	long long deadline = p->timeout_ms > 0 ? proc_now_ms() +
	    p->timeout_ms : 0;
	struct pollfd pf[3];
	pid_t pid;

	if ((p->in != NULL && pipe2(inp, O_CLOEXEC) < 0) ||
	    (p->out != NULL && pipe2(outp, O_CLOEXEC) < 0) ||
	    (p->errout != NULL && pipe2(errp, O_CLOEXEC) < 0)) {
		err_set(err, ERR_INTERNAL, "pipe: %s", strerror(errno));
		goto out;
	}
	pid = proc_spawn(p, inp[0], outp[1], errp[1], -1);
	if (pid < 0) {
		err_set(err, ERR_INTERNAL, "fork: %s", strerror(errno));
		goto out;
	}
	/* the parent keeps its ends only */
	if (inp[0] >= 0)
		close(inp[0]);
	if (outp[1] >= 0)
		close(outp[1]);
	if (errp[1] >= 0)
		close(errp[1]);
	inp[0] = outp[1] = errp[1] = -1;
	if (inp[1] >= 0) {
		fcntl(inp[1], F_SETFL, O_NONBLOCK);
		if (p->inlen == 0) {
			close(inp[1]);
			inp[1] = -1;
		}
	}
	while (inp[1] >= 0 || outp[0] >= 0 || errp[0] >= 0) {
		int n = 0, wait_ms = -1;

		if (deadline) {
			long long left = deadline - proc_now_ms();

			if (left <= 0) {
				timed_out = 1;
				break;
			}
			wait_ms = (int)left;
		}
		pf[0] = (struct pollfd){ .fd = inp[1], .events = POLLOUT };
		pf[1] = (struct pollfd){ .fd = outp[0], .events = POLLIN };
		pf[2] = (struct pollfd){ .fd = errp[0], .events = POLLIN };
		n = poll(pf, 3, wait_ms);
		if (n < 0 && errno != EINTR)
			break;
		if (n <= 0)
			continue;
		if (inp[1] >= 0 && (pf[0].revents & (POLLOUT | POLLERR |
		    POLLHUP))) {
			ssize_t w = write(inp[1], p->in + inoff, p->inlen -
			    inoff);

			if (w > 0)
				inoff += (size_t)w;
			if ((w < 0 && errno != EAGAIN && errno != EINTR) ||
			    inoff == p->inlen) {
				close(inp[1]);
				inp[1] = -1;
			}
		}
		if (outp[0] >= 0 && pf[1].revents)
			proc_drain(&outp[0], p->out);
		if (errp[0] >= 0 && pf[2].revents)
			proc_drain(&errp[0], p->errout);
	}
	/* output closed: wait for the exit, within the deadline */
	if (!timed_out && deadline) {
		int pfd = (int)syscall(SYS_pidfd_open, pid, 0);

		while (pfd >= 0) {
			long long left = deadline - proc_now_ms();
			struct pollfd w = { .fd = pfd, .events = POLLIN };

			if (left <= 0) {
				timed_out = 1;
				break;
			}
			if (poll(&w, 1, (int)left) > 0)
				break;
		}
		if (pfd >= 0)
			close(pfd);
	}
	if (timed_out)
		kill(pid, SIGKILL);
	while (waitpid(pid, &ws, 0) < 0) {
		if (errno != EINTR) {
			err_set(err, ERR_INTERNAL, "waitpid: %s",
			    strerror(errno));
			goto out;
		}
	}
	if (timed_out) {
		err_set(err, ERR_TIMEOUT, "%s: killed after %d ms", p->argv[0],
		    p->timeout_ms);
		goto out;
	}
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	rc = 0;
out:
	if (inp[0] >= 0)
		close(inp[0]);
	if (inp[1] >= 0)
		close(inp[1]);
	if (outp[0] >= 0)
		close(outp[0]);
	if (outp[1] >= 0)
		close(outp[1]);
	if (errp[0] >= 0)
		close(errp[0]);
	if (errp[1] >= 0)
		close(errp[1]);
	return rc;
}

int
proc_start(const struct proc *p, int want_in, int want_out, int want_err,
    struct proc_child *c, struct err *err)
{
	int inp[2] = { -1, -1 }, outp[2] = { -1, -1 }, errp[2] = { -1, -1 };

	c->pid = -1;
	c->in = c->out = c->err = -1;
	if ((want_in && pipe2(inp, O_CLOEXEC) < 0) ||
	    (want_out && pipe2(outp, O_CLOEXEC) < 0) ||
	    (want_err && pipe2(errp, O_CLOEXEC) < 0)) {
		err_set(err, ERR_INTERNAL, "pipe: %s", strerror(errno));
		goto fail;
	}
	if ((c->pid = proc_spawn(p, inp[0], outp[1], errp[1], -1)) < 0) {
		err_set(err, ERR_INTERNAL, "fork: %s", strerror(errno));
		goto fail;
	}
	c->in = inp[1];
	c->out = outp[0];
	c->err = errp[0];
	inp[1] = outp[0] = errp[0] = -1;
	/* FALLTHROUGH: the child's ends close in the parent */
fail:
	for (int i = 0; i < 2; i++) {
		if (inp[i] >= 0)
			close(inp[i]);
		if (outp[i] >= 0)
			close(outp[i]);
		if (errp[i] >= 0)
			close(errp[i]);
	}
	return c->pid > 0 ? 0 : -1;
}

int
proc_wait(struct proc_child *c, int kill_first, int *status, struct err *err)
{
	int ws;

	if (c->in >= 0)
		close(c->in);
	if (c->out >= 0)
		close(c->out);
	if (c->err >= 0)
		close(c->err);
	c->in = c->out = c->err = -1;
	if (c->pid <= 0)
		return err_set(err, ERR_INTERNAL, "no child to wait for");
	if (kill_first)
		kill(c->pid, SIGKILL);
	while (waitpid(c->pid, &ws, 0) < 0)
		if (errno != EINTR)
			return err_set(err, ERR_INTERNAL, "waitpid: %s",
			    strerror(errno));
	c->pid = -1;
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	return 0;
}

/* The last non-empty line of s, at most n bytes of it, into line. */
static void
proc_last_line(const char *s, char *line, size_t n)
{
	const char *end = s + strlen(s), *start;

	while (end > s && (end[-1] == '\n' || end[-1] == '\r' ||
	    end[-1] == ' '))
		end--;
	start = end;
	while (start > s && start[-1] != '\n')
		start--;
	snprintf(line, n, "%.*s", (int)(end - start), start);
}

int
proc_run_ok(const struct proc *p, struct err *err)
{
	struct buf eb = BUF_INIT(64 * 1024);
	struct proc q = *p;
	char line[512];
	int status;

	if (q.errout == NULL)
		q.errout = &eb;
	if (proc_run(&q, &status, err) < 0) {
		buf_release(&eb);
		return -1;
	}
	if (status != 0) {
		proc_last_line(buf_str(q.errout), line, sizeof line);
		if (line[0] == '\0' && q.out != NULL)
			proc_last_line(buf_str(q.out), line, sizeof line);
		err_set(err, ERR_INTERNAL, "%s exited %d%s%s", p->argv[0],
		    status, line[0] ? ": " : "", line);
	}
	buf_release(&eb);
	return status == 0 ? 0 : -1;
}

int
proc_run_tty(const struct proc *p, int out, int *status, struct err *err)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, oint, oquit;
	int report[2], cerr = 0, ws = 0, rc = -1;
	pid_t pid;

	if (pipe2(report, O_CLOEXEC) < 0)
		return err_set(err, ERR_INTERNAL, "pipe: %s", strerror(errno));
	/* the terminal is the child's: ^C and ^\ are its, as in a shell */
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	pid = proc_spawn(p, PROC_SAME, out >= 0 ? out : PROC_SAME, PROC_SAME,
	    report[1]);
	close(report[1]);
	if (pid < 0) {
		err_set(err, ERR_INTERNAL, "fork: %s", strerror(errno));
		goto out;
	}
	if (read(report[0], &cerr, sizeof cerr) != sizeof cerr)
		cerr = 0;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR) {
			err_set(err, ERR_INTERNAL, "waitpid: %s",
			    strerror(errno));
			goto out;
		}
	if (cerr != 0) {
		err_set(err, cerr == ENOENT ? ERR_NOT_FOUND : ERR_INTERNAL,
		    "%s", strerror(cerr));
		goto out;
	}
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	rc = 0;
out:
	close(report[0]);
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	return rc;
}

int
proc_which(const char *name, char *out, size_t n)
{
	const char *path = getenv("PATH"), *s, *e;

	for (s = path; s != NULL && *s != '\0'; s = *e ? e + 1 : e) {
		e = strchrnul(s, ':');
		if (e > s && (size_t)snprintf(out, n, "%.*s/%s", (int)(e - s),
		    s, name) < n && access(out, X_OK) == 0)
			return 0;
	}
	if ((size_t)snprintf(out, n, "/usr/sbin/%s", name) < n &&
	    access(out, X_OK) == 0)
		return 0;
	return -1;
}

int
proc_cmdline(pid_t pid, struct buf *out)
{
	char path[64];
	struct err err;
	size_t i;

	buf_reset(out);
	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
	err_clear(&err);
	if (pid <= 0 || file_read(path, out, &err) < 0 || out->len == 0)
		return -1;
	while (out->len > 0 && out->data[out->len - 1] == '\0')
		out->len--;
	for (i = 0; i < out->len; i++)
		if (out->data[i] == '\0')
			out->data[i] = ' ';
	out->data[out->len] = '\0';
	return 0;
}

pid_t
proc_pidfile(const char *path)
{
	struct buf b = BUF_INIT(64);
	struct err err;
	long pid = 0;

	err_clear(&err);
	if (file_read(path, &b, &err) == 0)
		pid = strtol(buf_str(&b), NULL, 10);
	buf_release(&b);
	return pid > 1 && pid < INT_MAX ? (pid_t)pid : 0;
}
