/* exec.c - kubec exec: a command in a pod's container through the API
 * server (pods/exec over a WebSocket, channels v5/v4.channel.k8s.io):
 * standard output and error copied out, standard input in with -i, a
 * terminal in raw mode with its size kept current with -it, and the
 * command's exit status as kubec's own.  exec_run() is also the console's
 * shell (s on a pod). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "../../lib/wsconn.h"
#include "../console.h"

#define EXEC_STDIN	0
#define EXEC_STDOUT	1
#define EXEC_STDERR	2
#define EXEC_ERROR	3
#define EXEC_RESIZE	4
#define EXEC_CLOSE	255	/* v5: a channel closed (stdin's EOF) */
#define EXEC_QUEUED	((size_t)1 << 20) /* stdin not read while queued */

static const struct opt_def exec_opts[] = {
	{ "container", 'c', 1, "The container to run the command in" },
	{ "stdin", 'i', 0, "Pass standard input to the command" },
	{ "tty", 't', 0, "Standard input is a terminal (with -i)" },
	{ "quiet", 'q', 0, "Print nothing but what the command prints" },
	{ NULL, 0, 0, NULL }
};

static int exec_winch[2] = { -1, -1 };

static void
exec_on_winch(int sig)
{
	char b = 'w';

	(void)sig;
	if (write(exec_winch[1], &b, 1) < 0)
		return;		/* one is pending already */
}

static int
exec_write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
exec_send_size(struct wsconn *w, int fd, struct err *err)
{
	struct winsize ws;
	char msg[64];
	int n;

	if (ioctl(fd, TIOCGWINSZ, &ws) < 0)
		return 0;
	n = snprintf(msg, sizeof msg, "{\"Width\":%u,\"Height\":%u}",
	    ws.ws_col, ws.ws_row);
	return wsconn_send(w, EXEC_RESIZE, msg, (size_t)n, err);
}

/*
 * The exit status the error channel's Status says: 0 for Success, the
 * command's for NonZeroExitCode (kubectl's "command terminated with exit
 * code N"), else 1 after printing the failure.
 */
static int
exec_status(struct cli *c, const struct buf *st, int quiet)
{
	json_t *s = json_loadb(st->data ? st->data : "", st->len, 0, NULL);
	const json_t *cause;
	const char *reason = json_string_value(json_object_get(s, "reason"));
	struct err err;
	size_t i;
	int code = -1;

	if (s == NULL || strcmp(json_string_value(json_object_get(s,
	    "status")) ?: "", "Success") == 0) {
		json_decref(s);
		return 0;
	}
	if (reason != NULL && strcmp(reason, "NonZeroExitCode") == 0)
		json_array_foreach(json_object_get(json_object_get(s,
		    "details"), "causes"), i, cause)
			if (strcmp(json_string_value(json_object_get(cause,
			    "reason")) ?: "", "ExitCode") == 0)
				code = atoi(json_string_value(json_object_get(
				    cause, "message")) ?: "1");
	if (code > 0) {
		if (!quiet)
			cli_eprintf(c, "command terminated with exit code %d\n",
			    code);
		json_decref(s);
		return code;
	}
	err_clear(&err);
	err_set(&err, ERR_INTERNAL, "%s", json_string_value(json_object_get(s,
	    "message")) ?: "the command failed");
	json_decref(s);
	return quiet ? 1 : cli_fail(c, "%s", err.msg);
}

int
exec_run(struct cli *c, const char *ns, const char *pod, const char *ctr,
    char *const *cmd, const struct exec_io *io)
{
	int use_stdin = io->in >= 0, tty = io->tty;
	struct buf path = BUF_INIT(65536), status = BUF_INIT(65536);
	struct termios saved, raw;
	struct sigaction sa, old_sa;
	struct wsconn *w = NULL;
	struct err err;
	int v5, raw_set = 0, rc = 1, stdin_open = use_stdin;

	err_clear(&err);
	buf_addf(&path, "/api/v1/namespaces/%s/pods/%s/exec?", ns, pod);
	for (size_t i = 0; cmd[i] != NULL; i++)
		cli_query_arg(&path, "command", cmd[i]);
	cli_query_arg(&path, "container", ctr);
	buf_addf(&path, "&stdout=true%s%s", tty ? "&tty=true" :
	    "&stderr=true", use_stdin ? "&stdin=true" : "");
	if (wsconn_open(c->rest, buf_str(&path), "v5.channel.k8s.io,"
	    "v4.channel.k8s.io", &w, &err) < 0) {
		if (io->lost != NULL)
			*io->lost = err.reason == ERR_INTERNAL ||
			    err.reason == ERR_SERVICE_UNAVAILABLE ||
			    err.reason == ERR_TIMEOUT;
		rc = io->quiet ? 1 : cli_error(c, &err);
		goto out;
	}
	v5 = strcmp(wsconn_protocol(w), "v5.channel.k8s.io") == 0;
	if (tty) {
		if (tcgetattr(io->in, &saved) == 0) {
			raw = saved;
			cfmakeraw(&raw);
			raw_set = tcsetattr(io->in, TCSANOW, &raw) == 0;
		}
		if (pipe2(exec_winch, O_CLOEXEC | O_NONBLOCK) == 0) {
			memset(&sa, 0, sizeof sa);
			sa.sa_handler = exec_on_winch;
			sigaction(SIGWINCH, &sa, &old_sa);
		}
		exec_send_size(w, io->in, &err);
	}
	for (;;) {
		struct pollfd pf[3];
		const unsigned char *data;
		size_t len;
		int ch, got, n = 0;
		char chunk[16384];
		unsigned char msg[sizeof chunk + 1];	/* channel, data */

		/* what the connection holds first: poll() would not see
		 * what the TLS layer has read already */
		while ((got = wsconn_recv(w, &ch, &data, &len, &err)) > 0) {
			if (ch == EXEC_STDOUT || ch == EXEC_STDERR) {
				fflush(c->out);
				exec_write_all(ch == EXEC_STDOUT ? io->out :
				    io->err, data, len);
				if (ch == EXEC_STDOUT && io->written != NULL)
					*io->written += len;
			} else if (ch == EXEC_ERROR) {
				buf_add(&status, data, len);
			}
		}
		if (got < 0)
			break;	/* the server closed: the command ended */
		/* input is queued, not waited on: the output still read
		 * while the server takes it (the command may answer it) */
		pf[n++] = (struct pollfd){ .fd = wsconn_fd(w),
		    .events = POLLIN | (wsconn_pending(w) > 0 ? POLLOUT : 0) };
		if (stdin_open && wsconn_pending(w) < EXEC_QUEUED)
			pf[n++] = (struct pollfd){ .fd = io->in,
			    .events = POLLIN };
		if (tty && exec_winch[0] >= 0)
			pf[n++] = (struct pollfd){ .fd = exec_winch[0],
			    .events = POLLIN };
		if (poll(pf, (nfds_t)n, -1) < 0 && errno != EINTR)
			break;
		if ((pf[0].revents & (POLLOUT | POLLERR | POLLHUP)) &&
		    wsconn_pending(w) > 0 && wsconn_flush(w, &err) < 0)
			break;
		for (int i = 1; i < n; i++) {
			if (pf[i].revents == 0)
				continue;
			if (pf[i].fd == io->in) {
				ssize_t r = read(io->in, chunk, sizeof chunk);

				if (r < 0 && errno == EINTR)
					continue;
				if (r > 0) {
					msg[0] = EXEC_STDIN;
					memcpy(msg + 1, chunk, (size_t)r);
					wsconn_send_raw(w, msg, (size_t)r + 1,
					    &err);
					continue;
				}
				/* EOF: v5 can say so; v4 cannot */
				stdin_open = 0;
				if (v5) {
					msg[0] = EXEC_CLOSE;
					msg[1] = EXEC_STDIN;
					wsconn_send_raw(w, msg, 2, &err);
				}
			} else {
				while (read(exec_winch[0], chunk,
				    sizeof chunk) > 0)
					;
				exec_send_size(w, io->in, &err);
			}
		}
	}
	if (raw_set)
		tcsetattr(io->in, TCSANOW, &saved);
	if (tty && exec_winch[0] >= 0) {
		sigaction(SIGWINCH, &old_sa, NULL);
		close(exec_winch[0]);
		close(exec_winch[1]);
		exec_winch[0] = exec_winch[1] = -1;
	}
	/* the end of a stream says how the command ended: without it, the
	 * stream broke off (a clean close of it is taken as success, as
	 * kubectl takes it) */
	if (status.len == 0 && io->lost != NULL)
		*io->lost = 1;
	if (err.reason != ERR_NONE && status.len == 0)
		rc = io->quiet ? 1 : cli_error(c, &err);
	else
		rc = exec_status(c, &status, io->quiet);
out:
	wsconn_close(w);
	buf_release(&path);
	buf_release(&status);
	return rc;
}

static int
exec_exec(struct cli *c, int argc, char **argv)
{
	const char *ctr = opt_str(&c->o, "container"), *phase;
	int use_stdin = opt_bool(&c->o, "stdin"), tty = opt_bool(&c->o, "tty");
	int quiet = opt_bool(&c->o, "quiet"), rc;
	struct err err;
	struct exec_io io = { .in = -1 };
	char **cmd = NULL;
	json_t *pod;

	if (argc < 1)
		return cli_fail(c, "pod, type/name or --filename must be "
		    "specified");
	if (argc < 2)
		return cli_fail(c, "you must specify at least one command "
		    "for the container");
	err_clear(&err);
	if ((pod = pods_resolve(c, argv[0], NULL, &err)) == NULL)
		return cli_error(c, &err);
	phase = json_string_value(json_object_get(json_object_get(pod,
	    "status"), "phase")) ?: "";
	if (strcmp(phase, "Succeeded") == 0 || strcmp(phase, "Failed") == 0) {
		rc = cli_fail(c, "cannot exec into a container in a completed "
		    "pod; current phase is %s", phase);
		goto out;
	}
	if (ctr == NULL)
		ctr = pods_container(c, pod, quiet ? PODS_QUIET : 0);
	/* as kubectl: a terminal only for standard input that is one */
	if (tty && !use_stdin)
		tty = 0;
	if (tty && !isatty(0)) {
		tty = 0;
		if (!quiet)
			cli_eprintf(c, "Unable to use a TTY - input is not a "
			    "terminal or the right kind of file\n");
	}
	if ((cmd = calloc((size_t)argc, sizeof *cmd)) == NULL) {
		rc = cli_fail(c, "out of memory");
		goto out;
	}
	memcpy(cmd, argv + 1, (size_t)(argc - 1) * sizeof *cmd);
	fflush(c->out);
	io.in = use_stdin ? 0 : -1;
	io.out = fileno(c->out);
	io.err = fileno(c->errout);
	io.tty = tty;
	io.quiet = 0;
	rc = exec_run(c, json_string_value(json_object_get(json_object_get(pod,
	    "metadata"), "namespace")) ?: c->ns, json_string_value(
	    json_object_get(json_object_get(pod, "metadata"), "name")) ?: "",
	    ctr ? ctr : "", cmd, &io);
out:
	free(cmd);
	json_decref(pod);
	return rc;
}

const struct cmd_entry cmd_exec_entry = {
	.name = "exec",
	.summary = "Execute a command in a container",
	.usage = "kubec exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- "
	    "COMMAND [args...]",
	.opts = exec_opts,
	.exec = exec_exec,
};
