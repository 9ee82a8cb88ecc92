/* test-proc.c - lib/proc: argv, env, stdin, captured output, exit codes,
 * signals, time limits and the error of a failed program; programs
 * run on the caller's terminal. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lib/proc.h"
#include "test.h"

/* The program gets fds 0-2 and keep_fd, none of the caller's others
 * (open without close-on-exec, below 1024 or past it). */
static void
test_proc_fds(void)
{
	char *argv[] = { "sh", "-c", "ls /proc/self/fd | tr '\\n' ' '", NULL };
	struct buf out = BUF_INIT(1024);
	struct proc p = { .argv = argv, .out = &out };
	struct err err;
	char want[32];
	int a = open("/dev/null", O_RDONLY), st;

	CHECK_INT(dup2(a, 1000), 1000);
	CHECK_INT(dup2(a, 1500), 1500);
	close(a);
	p.keep_fd = dup2(1000, 900);
	fcntl(900, F_SETFD, FD_CLOEXEC);
	err_clear(&err);
	CHECK_INT(proc_run(&p, &st, &err), 0);
	CHECK_INT(st, 0);
	CHECK(strncmp(buf_str(&out), "0 1 2 ", 6) == 0);
	snprintf(want, sizeof want, " %d ", p.keep_fd);
	CHECK(strstr(buf_str(&out), want) != NULL);
	CHECK(strstr(buf_str(&out), " 1000 ") == NULL);
	CHECK(strstr(buf_str(&out), " 1500 ") == NULL);
	close(900);
	close(1000);
	close(1500);
	buf_release(&out);
}

static void
test_proc_output_and_status(void)
{
	char *argv[] = { "sh", "-c", "cat; echo err >&2; exit 3", NULL };
	struct buf out = BUF_INIT(1024), eb = BUF_INIT(1024);
	struct proc p = { .argv = argv, .in = "hello\n", .inlen = 6,
	    .out = &out, .errout = &eb };
	struct err err;
	int st = -1;

	err_clear(&err);
	CHECK_INT(proc_run(&p, &st, &err), 0);
	CHECK_INT(st, 3);
	CHECK_STR(buf_str(&out), "hello\n");
	CHECK_STR(buf_str(&eb), "err\n");
	buf_release(&out);
	buf_release(&eb);
}

static void
test_proc_env_dir_and_big_input(void)
{
	char *argv[] = { "sh", "-c", "echo $FOO $(pwd); wc -c", NULL };
	char *env[] = { "FOO=bar", "PATH=/usr/bin:/bin", NULL };
	struct buf out = BUF_INIT(1024);
	size_t n = 1 << 20;
	char *in = malloc(n);
	struct proc p = { .argv = argv, .env = env, .dir = "/tmp", .in = in,
	    .inlen = n, .out = &out };
	struct err err;
	int st = -1;

	memset(in, 'x', n);
	err_clear(&err);
	CHECK_INT(proc_run(&p, &st, &err), 0);
	CHECK_INT(st, 0);
	CHECK_STR(buf_str(&out), "bar /tmp\n1048576\n");
	free(in);
	buf_release(&out);
}

static void
test_proc_capped_output(void)
{
	char *argv[] = { "sh", "-c", "head -c 100000 /dev/zero; exit 0",
	    NULL };
	struct buf out = BUF_INIT(1000);
	struct proc p = { .argv = argv, .out = &out };
	struct err err;
	int st = -1;

	err_clear(&err);
	CHECK_INT(proc_run(&p, &st, &err), 0);
	CHECK_INT(st, 0);
	CHECK(out.len <= 1000);
	buf_release(&out);
}

static void
test_proc_signal_timeout_missing(void)
{
	char *sig[] = { "sh", "-c", "kill -TERM $$", NULL };
	char *slow[] = { "sleep", "10", NULL };
	char *none[] = { "/nonexistent/program", NULL };
	char *fail[] = { "sh", "-c", "echo first >&2; echo why >&2; exit 2",
	    NULL };
	struct proc p = { .argv = sig };
	struct err err;
	int st = -1;

	err_clear(&err);
	CHECK_INT(proc_run(&p, &st, &err), 0);
	CHECK_INT(st, 128 + 15);
	p = (struct proc){ .argv = slow, .timeout_ms = 200 };
	CHECK_INT(proc_run(&p, &st, &err), -1);
	CHECK_INT(err.reason, ERR_TIMEOUT);
	p = (struct proc){ .argv = none };
	CHECK_INT(proc_run(&p, &st, &err), 0);
	CHECK_INT(st, 127);
	p = (struct proc){ .argv = fail };
	err_clear(&err);
	CHECK_INT(proc_run_ok(&p, &err), -1);
	CHECK_STR(err.msg, "sh exited 2: why");
}

static void
test_proc_start(void)
{
	char *argv[] = { "sh", "-c", "read x; echo \"got $x\"; echo e >&2; "
	    "exit 4", NULL };
	struct proc p = { .argv = argv };
	struct proc_child c;
	struct err err;
	char out[64], eo[8];
	ssize_t n;
	int st = -1;

	CHECK_INT(proc_start(&p, 1, 1, 1, &c, &err), 0);
	CHECK(write(c.in, "hi\n", 3) == 3);
	n = read(c.out, out, sizeof out - 1);
	CHECK(n == 7);
	out[n > 0 ? n : 0] = '\0';
	CHECK_STR(out, "got hi\n");
	n = read(c.err, eo, sizeof eo);
	CHECK(n == 2 && eo[0] == 'e');
	CHECK_INT(proc_wait(&c, 0, &st, &err), 0);
	CHECK_INT(st, 4);
	/* no pipes asked: /dev/null; killed at the wait */
	argv[2] = "sleep 30";
	CHECK_INT(proc_start(&p, 0, 0, 0, &c, &err), 0);
	CHECK_INT(c.in, -1);
	CHECK_INT(proc_wait(&c, 1, &st, &err), 0);
	CHECK_INT(st, 128 + 9);
}

/* proc_run_tty: the caller's streams (stdout to a file here), the exit
 * status, SIGINT left to the child, a program that is not there. */
static void
test_proc_run_tty(void)
{
	char path[] = "/tmp/test-proc-tty.XXXXXX", got[64] = "";
	char *argv[] = { "sh", "-c", "echo to-out; exit 5", NULL };
	char *missing[] = { "no-such-program-kubec", NULL };
	char *intr[] = { "sh", "-c", "kill -INT $PPID; sleep 0.2; exit 0",
	    NULL };
	struct err err;
	int fd = mkstemp(path), st = -1;
	ssize_t n;

	CHECK(fd >= 0);
	err_clear(&err);
	CHECK_INT(proc_run_tty(&(struct proc){ .argv = argv }, fd, &st, &err),
	    0);
	CHECK_INT(st, 5);
	n = pread(fd, got, sizeof got - 1, 0);
	got[n > 0 ? n : 0] = '\0';
	CHECK_STR(got, "to-out\n");
	/* the caller ignores SIGINT while the child runs */
	CHECK_INT(proc_run_tty(&(struct proc){ .argv = intr }, -1, &st, &err),
	    0);
	CHECK_INT(st, 0);
	err_clear(&err);
	CHECK_INT(proc_run_tty(&(struct proc){ .argv = missing }, -1, &st,
	    &err), -1);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	CHECK_STR(err.msg, "No such file or directory");
	close(fd);
	unlink(path);
}

/* proc_which (PATH, then /usr/sbin), proc_cmdline, proc_pidfile */
static void
test_proc_find(void)
{
	struct buf b = BUF_INIT(1 << 20);
	char path[4096], pidf[] = "/tmp/test-proc.XXXXXX";
	const char *old = getenv("PATH");
	char *saved = old ? strdup(old) : NULL;
	int fd;

	CHECK_INT(proc_which("sh", path, sizeof path), 0);
	CHECK(access(path, X_OK) == 0 && strstr(path, "/sh") != NULL);
	CHECK_INT(proc_which("no-such-program-kubec", path, sizeof path), -1);
	setenv("PATH", "/nonexistent:", 1);
	CHECK_INT(proc_which("sh", path, sizeof path),
	    access("/usr/sbin/sh", X_OK) == 0 ? 0 : -1);
	if (saved != NULL)
		setenv("PATH", saved, 1);
	free(saved);

	CHECK_INT(proc_cmdline(getpid(), &b), 0);
	CHECK(strstr(buf_str(&b), "test-proc") != NULL);
	CHECK(b.len > 0 && b.data[b.len - 1] != ' ');
	CHECK_INT(proc_cmdline(0, &b), -1);

	fd = mkstemp(pidf);
	CHECK(fd >= 0);
	CHECK(write(fd, "4242\n", 5) == 5);
	close(fd);
	CHECK_INT(proc_pidfile(pidf), 4242);
	fd = open(pidf, O_WRONLY | O_TRUNC);
	CHECK(write(fd, "1\n", 2) == 2);
	close(fd);
	CHECK_INT(proc_pidfile(pidf), 0);
	unlink(pidf);
	CHECK_INT(proc_pidfile(pidf), 0);
	buf_release(&b);
}

int
main(void)
{
	RUN(test_proc_output_and_status);
	RUN(test_proc_fds);
	RUN(test_proc_env_dir_and_big_input);
	RUN(test_proc_capped_output);
	RUN(test_proc_signal_timeout_missing);
	RUN(test_proc_start);
	RUN(test_proc_run_tty);
	RUN(test_proc_find);
	return TEST_EXIT();
}
